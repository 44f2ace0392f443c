/* rubric-rating-pdf-text.c — the words and figures of the contract-review report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages, the method and the charts all set their text through these
 * helpers, so that a figure reads the same wherever it appears: in the
 * report's font, in the user's numeric locale, with its unit on the same
 * line, and metrics, periods and sources under their translated names.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rubric-rating-pdf-private.h"
#include "rubric-rating.h"

#define FONT_FAMILY "DejaVu Sans, Sans"

/* ------------------------------------------------------------------ */
/* Text                                                                */

PangoLayout *
rubric_pdf_layout (RubricPdf      *pdf,
                   const char     *text,
                   gboolean        markup,
                   double          size,
                   PangoWeight     weight,
                   double          width,
                   int             max_lines,
                   PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (pdf->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);

  /* Absolute: one device unit is one point on a PDF surface, whatever
   * resolution pango assumes for "points". */
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_alignment (layout, alignment);

  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      if (max_lines > 0)
        {
          pango_layout_set_height (layout, -max_lines);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        }
    }

  /* Markup comes from translations too; one that breaks it must not cost
   * the text (pango would only warn and show nothing). */
  if (markup && pango_parse_markup (text, -1, 0, NULL, NULL, NULL, NULL))
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);

  return layout;
}

double
rubric_pdf_layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) height / PANGO_SCALE;
}

double
rubric_pdf_layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

void
rubric_pdf_show (RubricPdf    *pdf,
                 PangoLayout  *layout,
                 double        x,
                 double        y,
                 RubricPdfInk  ink)
{
  rubric_pdf_set_ink (pdf, ink, 1.0);
  cairo_move_to (pdf->cr, x, y);
  pango_cairo_show_layout (pdf->cr, layout);
}

double
rubric_pdf_text (RubricPdf      *pdf,
                 const char     *text,
                 double          size,
                 PangoWeight     weight,
                 RubricPdfInk    ink,
                 double          x,
                 double          y,
                 double          width,
                 int             max_lines,
                 PangoAlignment  alignment)
{
  g_autoptr(PangoLayout) layout = rubric_pdf_layout (pdf, text, FALSE, size, weight, width,
                                                      max_lines, alignment);

  rubric_pdf_show (pdf, layout, x, y, ink);
  return rubric_pdf_layout_height (layout);
}

/* Text that is measured first and drawn on the second call. */
double
rubric_pdf_put_text (RubricPdf      *pdf,
                     gboolean        draw,
                     const char     *text,
                     gboolean        markup,
                     double          size,
                     PangoWeight     weight,
                     RubricPdfInk    ink,
                     double          x,
                     double          y,
                     double          width,
                     int             max_lines)
{
  g_autoptr(PangoLayout) layout = rubric_pdf_layout (pdf, text, markup, size, weight, width,
                                                      max_lines, PANGO_ALIGN_LEFT);

  if (draw)
    rubric_pdf_show (pdf, layout, x, y, ink);
  return rubric_pdf_layout_height (layout);
}

double
rubric_pdf_put_label (RubricPdf  *pdf,
                      gboolean    draw,
                      const char *label,
                      double      x,
                      double      y,
                      double      width)
{
  g_autofree char *upper = g_utf8_strup (label, -1);

  return rubric_pdf_put_text (pdf, draw, upper, FALSE, RUBRIC_PDF_SIZE_SMALL, PANGO_WEIGHT_BOLD,
                              RUBRIC_PDF_INK_MUTED, x, y, width, 1) + 3;
}

/* ------------------------------------------------------------------ */
/* Figures                                                             */

static char *format_in_locale (RubricPdf  *pdf,
                               const char *format,
                               ...) G_GNUC_PRINTF (2, 3);

/* The CLI keeps LC_NUMERIC at "C" for its files; the report is for people,
 * so its figures take the user's own numeric locale, for this thread only. */
static char *
format_in_locale (RubricPdf  *pdf,
                  const char *format,
                  ...)
{
  va_list args;
  locale_t previous;
  char *text;

  previous = uselocale (pdf->numeric);
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  uselocale (previous);

  /* A locale in a legacy charset could give bytes pango cannot take. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_free (text);
      va_start (args, format);
      text = g_strdup_vprintf (format, args);
      va_end (args);
    }

  return text;
}

char *
rubric_pdf_number (RubricPdf *pdf,
                   double     value,
                   int        decimals)
{
  double scale = pow (10, decimals);
  g_autofree char *text = NULL;

  /* No "−0.00" for a tiny negative value. */
  if (round (fabs (value) * scale) == 0)
    value = 0;

  text = format_in_locale (pdf, "%.*f", decimals, fabs (value));
  if (value < 0)
    return g_strconcat ("−", text, NULL);
  return g_steal_pointer (&text);
}

/* As few decimals as the value needs, up to two: targets and weights are
 * written the way the contract gives them ("80", "4.2"). */
char *
rubric_pdf_format_short (RubricPdf *pdf,
                         double     value)
{
  gint64 hundredths = (gint64) llround (fabs (value) * 100);

  if (hundredths % 100 == 0)
    return rubric_pdf_number (pdf, value, 0);
  if (hundredths % 10 == 0)
    return rubric_pdf_number (pdf, value, 1);
  return rubric_pdf_number (pdf, value, 2);
}

char *
rubric_pdf_count (RubricPdf *pdf,
                  guint64    count)
{
  return format_in_locale (pdf, "%'" G_GUINT64_FORMAT, count);
}

/* A figure and its unit are one word: "15 %" never breaks between them.
 * @text is a single value, so every space in it is such a space. */
static char *
keep_together (char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, " ", -1);

  g_free (text);
  return g_strjoinv ("\u00a0", parts);
}

char *
rubric_pdf_format_percent (RubricPdf *pdf,
                           double     value,
                           gboolean   short_form)
{
  g_autofree char *number = short_form ? rubric_pdf_format_short (pdf, value)
                                       : rubric_pdf_number (pdf, value, 2);

  /* Translators: a percentage, %s being the number ("87.50 %"). */
  return keep_together (g_strdup_printf (_("%s %%"), number));
}

/* ------------------------------------------------------------------ */
/* Days and periods                                                    */

static GDateTime *
day_to_date_time (gint32 day)
{
  GDate date;

  rubric_day_to_date (day, &date);
  return g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
}

/* A translated g_date_time_format() format can be wrong; the ISO form is
 * better than nothing. */
char *
rubric_pdf_format_date_time (GDateTime  *date_time,
                             const char *format,
                             const char *fallback)
{
  char *text = g_date_time_format (date_time, format);

  if (text == NULL)
    text = g_date_time_format (date_time, fallback);
  return text;
}

char *
rubric_pdf_format_day (gint32 day)
{
  g_autoptr(GDateTime) date_time = day_to_date_time (day);

  /* Translators: a day in the report, a g_date_time_format() format:
   * "1 October 2026". */
  return rubric_pdf_format_date_time (date_time, _("%-d %B %Y"), "%Y-%m-%d");
}

char *
rubric_pdf_format_range (RubricDayRange range)
{
  g_autofree char *first = rubric_pdf_format_day (range.first);
  g_autofree char *last = NULL;

  if (range.first == range.last)
    return g_steal_pointer (&first);

  last = rubric_pdf_format_day (range.last);
  /* Translators: the first and the last day of a period. */
  return g_strdup_printf (_("%s – %s"), first, last);
}

/* "October 2026", "Week 43, 2026", "Q4 2026"; the days for anything that is
 * not one whole calendar period. */
char *
rubric_pdf_period_title (RubricDayRange   range,
                         RubricPeriodKind kind)
{
  g_autoptr(GDateTime) date_time = day_to_date_time (range.first);
  RubricDayRange whole;

  if (kind == RUBRIC_PERIOD_RANGE)
    return rubric_pdf_format_range (range);

  whole = rubric_period_containing (range.first, kind);
  if (whole.first != range.first || whole.last != range.last)
    return rubric_pdf_format_range (range);

  switch (kind)
    {
    case RUBRIC_PERIOD_DAY:
      return rubric_pdf_format_day (range.first);

    case RUBRIC_PERIOD_WEEK:
      /* Translators: an ISO week and its year. */
      return g_strdup_printf (_("Week %d, %d"), g_date_time_get_week_of_year (date_time),
                              g_date_time_get_week_numbering_year (date_time));

    case RUBRIC_PERIOD_MONTH:
      /* Translators: a month, a g_date_time_format() format; %OB is the
       * month's name on its own (nominative): "October 2026". */
      return rubric_pdf_format_date_time (date_time, _("%OB %Y"), "%Y-%m");

    case RUBRIC_PERIOD_QUARTER:
      /* Translators: a quarter and its year: "Q4 2026". */
      return g_strdup_printf (_("Q%d %d"), (g_date_time_get_month (date_time) - 1) / 3 + 1,
                              g_date_time_get_year (date_time));

    case RUBRIC_PERIOD_YEAR:
      return g_strdup_printf ("%d", g_date_time_get_year (date_time));

    case RUBRIC_PERIOD_RANGE:
    default:
      return rubric_pdf_format_range (range);
    }
}

char *
rubric_pdf_previous_title (const RubricRating *rating)
{
  return rubric_pdf_period_title (rating->previous_range, rating->kind);
}

char *
rubric_pdf_period_tick (RubricDayRange   range,
                        RubricPeriodKind kind,
                        gboolean         with_year)
{
  g_autoptr(GDateTime) date_time = day_to_date_time (range.first);
  g_autofree char *label = NULL;
  int year = g_date_time_get_year (date_time);

  switch (kind)
    {
    case RUBRIC_PERIOD_YEAR:
      return g_strdup_printf ("%d", year);

    case RUBRIC_PERIOD_MONTH:
      label = rubric_pdf_format_date_time (date_time, "%Ob", "%m");
      break;

    case RUBRIC_PERIOD_WEEK:
      /* Translators: the short label of an ISO week in a chart: "W43". */
      label = g_strdup_printf (_("W%d"), g_date_time_get_week_of_year (date_time));
      year = g_date_time_get_week_numbering_year (date_time);
      break;

    case RUBRIC_PERIOD_QUARTER:
      /* Translators: the short label of a quarter in a chart: "Q4". */
      label = g_strdup_printf (_("Q%d"), (g_date_time_get_month (date_time) - 1) / 3 + 1);
      break;

    case RUBRIC_PERIOD_DAY:
    case RUBRIC_PERIOD_RANGE:
    default:
      /* Translators: a short day in a chart, a g_date_time_format()
       * format: "5 Oct". */
      label = rubric_pdf_format_date_time (date_time, _("%-d %b"), "%m-%d");
      break;
    }

  if (!with_year)
    return g_steal_pointer (&label);
  return g_strdup_printf ("%s\n%d", label, year);
}

/* ------------------------------------------------------------------ */
/* Metrics                                                             */

RubricPdfUnit
rubric_pdf_metric_unit (const char *metric)
{
  if (g_str_equal (metric, "service-level") || g_str_equal (metric, "abandon-rate") ||
      g_str_equal (metric, "fcr"))
    return RUBRIC_PDF_UNIT_PERCENT;
  if (g_str_equal (metric, "asa") || g_str_equal (metric, "aht"))
    return RUBRIC_PDF_UNIT_SECONDS;
  if (g_str_has_prefix (metric, "qa-"))
    return RUBRIC_PDF_UNIT_SCORE;
  return RUBRIC_PDF_UNIT_PLAIN;
}

int
rubric_pdf_unit_decimals (RubricPdfUnit unit)
{
  return unit == RUBRIC_PDF_UNIT_SECONDS ? 1 : 2;
}

gboolean
rubric_pdf_metric_is_qa (const char *metric)
{
  return g_str_has_prefix (metric, "qa-");
}

const char *
rubric_pdf_category_name (const char *key)
{
  if (g_str_equal (key, "resolution"))
    return _("Resolution");
  if (g_str_equal (key, "ownership"))
    return _("Ownership");
  if (g_str_equal (key, "policy"))
    return _("Policy adherence");
  if (g_str_equal (key, "documentation"))
    return _("Documentation");
  return key;
}

char *
rubric_pdf_metric_name (const char *metric)
{
  if (g_str_equal (metric, "service-level"))
    return g_strdup (_("Service level"));
  if (g_str_equal (metric, "abandon-rate"))
    return g_strdup (_("Abandon rate"));
  if (g_str_equal (metric, "asa"))
    return g_strdup (_("Average speed of answer"));
  if (g_str_equal (metric, "aht"))
    return g_strdup (_("Average handle time"));
  if (g_str_equal (metric, "fcr"))
    return g_strdup (_("First-call resolution"));
  if (g_str_equal (metric, "qa-overall"))
    return g_strdup (_("QA overall"));
  if (rubric_pdf_metric_is_qa (metric))
    /* Translators: a QA category objective: "QA: Resolution". */
    return g_strdup_printf (_("QA: %s"), rubric_pdf_category_name (metric + strlen ("qa-")));
  if (g_str_has_prefix (metric, "custom:"))
    return g_strdup (metric + strlen ("custom:"));
  return g_strdup (metric);
}

char *
rubric_pdf_format_value (RubricPdf     *pdf,
                         double         value,
                         RubricPdfUnit  unit,
                         gboolean       short_form)
{
  g_autofree char *number = NULL;

  if (unit == RUBRIC_PDF_UNIT_PERCENT)
    return rubric_pdf_format_percent (pdf, value, short_form);

  number = short_form ? rubric_pdf_format_short (pdf, value)
                      : rubric_pdf_number (pdf, value, rubric_pdf_unit_decimals (unit));
  if (unit == RUBRIC_PDF_UNIT_SECONDS)
    /* Translators: a duration in seconds: "24.5 s". */
    return keep_together (g_strdup_printf (_("%s s"), number));
  return g_steal_pointer (&number);
}

/* The change of an actual, signed; a percent changes by percentage points. */
char *
rubric_pdf_format_change (RubricPdf     *pdf,
                          double         change,
                          RubricPdfUnit  unit)
{
  g_autofree char *number = rubric_pdf_number (pdf, change, rubric_pdf_unit_decimals (unit));
  g_autofree char *signed_number = NULL;

  /* rubric_pdf_number () gives the minus sign and a plain 0. */
  if (change > 0 && round (change * pow (10, rubric_pdf_unit_decimals (unit))) != 0)
    signed_number = g_strconcat ("+", number, NULL);
  else
    signed_number = g_steal_pointer (&number);

  switch (unit)
    {
    case RUBRIC_PDF_UNIT_PERCENT:
      /* Translators: a change in percentage points: "+1.20 pp". */
      return keep_together (g_strdup_printf (_("%s pp"), signed_number));
    case RUBRIC_PDF_UNIT_SECONDS:
      return keep_together (g_strdup_printf (_("%s s"), signed_number));
    case RUBRIC_PDF_UNIT_SCORE:
    case RUBRIC_PDF_UNIT_PLAIN:
    default:
      return g_steal_pointer (&signed_number);
    }
}

/* Green when the change goes the way the objective wants. */
RubricPdfInk
rubric_pdf_change_ink (double       change,
                       RubricBetter better)
{
  if (round (fabs (change) * 100) == 0)
    return RUBRIC_PDF_INK_MUTED;
  if ((change > 0) == (better == RUBRIC_BETTER_HIGHER))
    return RUBRIC_PDF_INK_GOOD;
  return RUBRIC_PDF_INK_BAD;
}

RubricPdfInk
rubric_pdf_grade_ink (const RubricContract *contract,
                      const char           *grade)
{
  guint n;

  if (grade == NULL || contract == NULL || contract->grades == NULL)
    return RUBRIC_PDF_INK_MUTED;

  n = contract->grades->len;
  for (guint i = 0; i < n; i++)
    {
      const RubricGrade *band = g_ptr_array_index (contract->grades, i);

      if (!g_str_equal (band->name, grade))
        continue;
      if (i == 0)
        return RUBRIC_PDF_INK_GOOD;
      if (i == n - 1)
        return RUBRIC_PDF_INK_BAD;
      return 2 * i < n ? RUBRIC_PDF_INK_ACCENT : RUBRIC_PDF_INK_TARGET;
    }

  return RUBRIC_PDF_INK_MUTED;
}

const char *
rubric_pdf_source_name (RubricRatingSource source)
{
  switch (source)
    {
    case RUBRIC_RATING_SOURCE_CALLS:
      return _("Call records");
    case RUBRIC_RATING_SOURCE_METRICS:
      return _("Reported aggregates");
    case RUBRIC_RATING_SOURCE_EVALUATIONS:
      return _("Evaluations");
    case RUBRIC_RATING_SOURCE_NONE:
    default:
      return _("No data");
    }
}
