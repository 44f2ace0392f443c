/* rubric-rating-pdf-text.c — the words and figures of the contract-review report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages, the method and the charts all set their text through these
 * helpers, so that a figure reads the same wherever it appears: in the
 * report's font, in the user's numeric locale, with its unit on the same
 * line. The names of metrics, periods and sources, and the units, are the
 * app's too: rubric-rating-text.c.
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
rubric_pdf_layout (RubricPdf            *pdf,
                   const char           *text,
                   const RubricPdfStyle *style,
                   double                width)
{
  PangoLayout *layout = pango_layout_new (pdf->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);

  /* Absolute: one device unit is one point on a PDF surface, whatever
   * resolution pango assumes for "points". */
  pango_font_description_set_absolute_size (font, style->size * PANGO_SCALE);
  pango_font_description_set_weight (font, style->weight != 0 ? style->weight
                                                             : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_alignment (layout, style->alignment);

  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      if (style->max_lines > 0)
        {
          pango_layout_set_height (layout, -style->max_lines);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        }
    }

  /* Markup comes from translations too; one that breaks it must not cost
   * the text (pango would only warn and show nothing). */
  if (style->markup && pango_parse_markup (text, -1, 0, NULL, NULL, NULL, NULL))
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
rubric_pdf_text (RubricPdf            *pdf,
                 const char           *text,
                 const RubricPdfStyle *style,
                 double                x,
                 double                y,
                 double                width)
{
  return rubric_pdf_put_text (pdf, TRUE, text, style, x, y, width);
}

/* Text that is measured first and drawn on the second call. */
double
rubric_pdf_put_text (RubricPdf            *pdf,
                     gboolean              draw,
                     const char           *text,
                     const RubricPdfStyle *style,
                     double                x,
                     double                y,
                     double                width)
{
  g_autoptr(PangoLayout) layout = rubric_pdf_layout (pdf, text, style, width);

  if (draw)
    rubric_pdf_show (pdf, layout, x, y, style->ink);
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

  return rubric_pdf_put_text (pdf, draw, upper,
                              &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL,
                                                  .weight = PANGO_WEIGHT_BOLD,
                                                  .ink = RUBRIC_PDF_INK_MUTED, .max_lines = 1 },
                              x, y, width) + 3;
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

char *
rubric_pdf_format_percent (RubricPdf *pdf,
                           double     value,
                           gboolean   short_form)
{
  g_autofree char *number = short_form ? rubric_pdf_format_short (pdf, value)
                                       : rubric_pdf_number (pdf, value, 2);

  return rubric_metric_unit_format (RUBRIC_METRIC_UNIT_PERCENT, number);
}

/* ------------------------------------------------------------------ */
/* Chart ticks                                                         */

static GDateTime *
day_to_date_time (gint32 day)
{
  GDate date;

  rubric_day_to_date (day, &date);
  return g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
}

/* A translated g_date_time_format() format can be wrong; the ISO form is
 * better than nothing. The long names of days and periods are the app's
 * (rubric-rating-text.c); the charts' short ticks take the C library's. */
static char *
format_date_time (GDateTime  *date_time,
                  const char *format,
                  const char *fallback)
{
  char *text = g_date_time_format (date_time, format);

  if (text == NULL)
    text = g_date_time_format (date_time, fallback);
  return text;
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
      label = format_date_time (date_time, "%Ob", "%m");
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
      label = format_date_time (date_time, _("%-d %b"), "%m-%d");
      break;
    }

  if (!with_year)
    return g_steal_pointer (&label);
  return g_strdup_printf ("%s\n%d", label, year);
}

/* ------------------------------------------------------------------ */
/* Metrics                                                             */

/* The precision the Vendors page writes too (rubric-rating-text.c). */
int
rubric_pdf_unit_decimals (RubricMetricUnit unit)
{
  return rubric_metric_unit_decimals (unit);
}

char *
rubric_pdf_format_value (RubricPdf        *pdf,
                         double            value,
                         RubricMetricUnit  unit,
                         gboolean          short_form)
{
  g_autofree char *number = short_form
                              ? rubric_pdf_format_short (pdf, value)
                              : rubric_pdf_number (pdf, value, rubric_pdf_unit_decimals (unit));

  return rubric_metric_unit_format (unit, number);
}

/* The change of an actual, signed; a percent changes by percentage points. */
char *
rubric_pdf_format_change (RubricPdf        *pdf,
                          double            change,
                          RubricMetricUnit  unit)
{
  g_autofree char *number = rubric_pdf_number (pdf, change, rubric_pdf_unit_decimals (unit));
  g_autofree char *signed_number = NULL;

  /* rubric_pdf_number () gives the minus sign and a plain 0. */
  if (change > 0 && round (change * pow (10, rubric_pdf_unit_decimals (unit))) != 0)
    signed_number = g_strconcat ("+", number, NULL);
  else
    signed_number = g_steal_pointer (&number);

  if (unit == RUBRIC_METRIC_UNIT_PERCENT)
    /* Translators: a change in percentage points: "+1.20 pp". */
    return rubric_keep_together (g_strdup_printf (_("%s pp"), signed_number));
  return rubric_metric_unit_format (unit, signed_number);
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
