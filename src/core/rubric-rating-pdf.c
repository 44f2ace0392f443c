/* rubric-rating-pdf.c — the contract-review report (SPEC §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One section per rating (vendor × period), one or two A4 pages each, then
 * the method the ratings were computed by. The text goes through pango so
 * that cairo embeds subsets of the fonts and the PDF stays searchable.
 *
 * The pages are laid out from the top down: each block asks for the room it
 * needs and goes to a new page (under a running header) when there is not
 * enough. The footer says "Page 2 of 7", which needs the count before the
 * first page is written, so the report is drawn twice: once into a sink that
 * throws the bytes away, to count, then into @out.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <cairo-pdf.h>

#include "rubric-error.h"
#include "rubric-rating-charts.h"
#include "rubric-rating.h"

#define FONT_FAMILY "DejaVu Sans, Sans"
#define CELL_PAD_X 3.0
#define CELL_PAD_Y 3.5
#define SECTION_GAP 14.0

static const struct
{
  double r, g, b;
} inks[] = {
  [RUBRIC_PDF_INK] = { 0.13, 0.15, 0.19 },
  [RUBRIC_PDF_INK_MUTED] = { 0.40, 0.43, 0.48 },
  [RUBRIC_PDF_INK_FAINT] = { 0.68, 0.71, 0.75 },
  [RUBRIC_PDF_INK_GRID] = { 0.89, 0.90, 0.92 },
  [RUBRIC_PDF_INK_PANEL] = { 0.955, 0.962, 0.972 },
  [RUBRIC_PDF_INK_ACCENT] = { 0.11, 0.44, 0.85 },
  [RUBRIC_PDF_INK_GOOD] = { 0.13, 0.53, 0.29 },
  [RUBRIC_PDF_INK_BAD] = { 0.75, 0.11, 0.16 },
  [RUBRIC_PDF_INK_WARNING] = { 0.60, 0.38, 0.00 },
  [RUBRIC_PDF_INK_WARNING_BG] = { 1.00, 0.965, 0.87 },
  [RUBRIC_PDF_INK_TARGET] = { 0.90, 0.38, 0.00 },
  [RUBRIC_PDF_INK_WHITE] = { 1.00, 1.00, 1.00 },
};

/* ------------------------------------------------------------------ */
/* Text and figures, shared with the charts                            */

void
rubric_pdf_set_ink (RubricPdf    *pdf,
                    RubricPdfInk  ink,
                    double        alpha)
{
  cairo_set_source_rgba (pdf->cr, inks[ink].r, inks[ink].g, inks[ink].b, alpha);
}

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
static char *
format_short (RubricPdf *pdf,
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

static char *
format_percent (RubricPdf *pdf,
                double     value,
                gboolean   short_form)
{
  g_autofree char *number = short_form ? format_short (pdf, value)
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

static char *
format_day (gint32 day)
{
  g_autoptr(GDateTime) date_time = day_to_date_time (day);

  /* Translators: a day in the report, a g_date_time_format() format:
   * "1 October 2026". */
  return format_date_time (date_time, _("%-d %B %Y"), "%Y-%m-%d");
}

static char *
format_range (RubricDayRange range)
{
  g_autofree char *first = format_day (range.first);
  g_autofree char *last = NULL;

  if (range.first == range.last)
    return g_steal_pointer (&first);

  last = format_day (range.last);
  /* Translators: the first and the last day of a period. */
  return g_strdup_printf (_("%s – %s"), first, last);
}

/* "October 2026", "Week 43, 2026", "Q4 2026"; the days for anything that is
 * not one whole calendar period. */
static char *
period_title (RubricDayRange   range,
              RubricPeriodKind kind)
{
  g_autoptr(GDateTime) date_time = day_to_date_time (range.first);
  RubricDayRange whole;

  if (kind == RUBRIC_PERIOD_RANGE)
    return format_range (range);

  whole = rubric_period_containing (range.first, kind);
  if (whole.first != range.first || whole.last != range.last)
    return format_range (range);

  switch (kind)
    {
    case RUBRIC_PERIOD_DAY:
      return format_day (range.first);

    case RUBRIC_PERIOD_WEEK:
      /* Translators: an ISO week and its year. */
      return g_strdup_printf (_("Week %d, %d"), g_date_time_get_week_of_year (date_time),
                              g_date_time_get_week_numbering_year (date_time));

    case RUBRIC_PERIOD_MONTH:
      /* Translators: a month, a g_date_time_format() format; %OB is the
       * month's name on its own (nominative): "October 2026". */
      return format_date_time (date_time, _("%OB %Y"), "%Y-%m");

    case RUBRIC_PERIOD_QUARTER:
      /* Translators: a quarter and its year: "Q4 2026". */
      return g_strdup_printf (_("Q%d %d"), (g_date_time_get_month (date_time) - 1) / 3 + 1,
                              g_date_time_get_year (date_time));

    case RUBRIC_PERIOD_YEAR:
      return g_strdup_printf ("%d", g_date_time_get_year (date_time));

    case RUBRIC_PERIOD_RANGE:
    default:
      return format_range (range);
    }
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

typedef enum
{
  UNIT_PERCENT,
  UNIT_SECONDS,
  UNIT_SCORE,
  UNIT_PLAIN,
} Unit;

static Unit
metric_unit (const char *metric)
{
  if (g_str_equal (metric, "service-level") || g_str_equal (metric, "abandon-rate") ||
      g_str_equal (metric, "fcr"))
    return UNIT_PERCENT;
  if (g_str_equal (metric, "asa") || g_str_equal (metric, "aht"))
    return UNIT_SECONDS;
  if (g_str_has_prefix (metric, "qa-"))
    return UNIT_SCORE;
  return UNIT_PLAIN;
}

static int
unit_decimals (Unit unit)
{
  return unit == UNIT_SECONDS ? 1 : 2;
}

static gboolean
metric_is_qa (const char *metric)
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

static char *
metric_name (const char *metric)
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
  if (metric_is_qa (metric))
    /* Translators: a QA category objective: "QA: Resolution". */
    return g_strdup_printf (_("QA: %s"), rubric_pdf_category_name (metric + strlen ("qa-")));
  if (g_str_has_prefix (metric, "custom:"))
    return g_strdup (metric + strlen ("custom:"));
  return g_strdup (metric);
}

static char *
format_value (RubricPdf *pdf,
              double     value,
              Unit       unit,
              gboolean   short_form)
{
  g_autofree char *number = NULL;

  if (unit == UNIT_PERCENT)
    return format_percent (pdf, value, short_form);

  number = short_form ? format_short (pdf, value)
                      : rubric_pdf_number (pdf, value, unit_decimals (unit));
  if (unit == UNIT_SECONDS)
    /* Translators: a duration in seconds: "24.5 s". */
    return keep_together (g_strdup_printf (_("%s s"), number));
  return g_steal_pointer (&number);
}

/* The change of an actual, signed; a percent changes by percentage points. */
static char *
format_change (RubricPdf *pdf,
               double     change,
               Unit       unit)
{
  g_autofree char *number = rubric_pdf_number (pdf, change, unit_decimals (unit));
  g_autofree char *signed_number = NULL;

  /* rubric_pdf_number () gives the minus sign and a plain 0. */
  if (change > 0 && round (change * pow (10, unit_decimals (unit))) != 0)
    signed_number = g_strconcat ("+", number, NULL);
  else
    signed_number = g_steal_pointer (&number);

  switch (unit)
    {
    case UNIT_PERCENT:
      /* Translators: a change in percentage points: "+1.20 pp". */
      return keep_together (g_strdup_printf (_("%s pp"), signed_number));
    case UNIT_SECONDS:
      return keep_together (g_strdup_printf (_("%s s"), signed_number));
    case UNIT_SCORE:
    case UNIT_PLAIN:
    default:
      return g_steal_pointer (&signed_number);
    }
}

/* Green when the change goes the way the objective wants. */
static RubricPdfInk
change_ink (double       change,
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

static const char *
source_name (RubricRatingSource source)
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

/* ------------------------------------------------------------------ */
/* Pages                                                               */

static void
hairline (RubricPdf    *pdf,
          double        x,
          double        y,
          double        width,
          RubricPdfInk  ink,
          double        line_width)
{
  rubric_pdf_set_ink (pdf, ink, 1.0);
  cairo_set_line_width (pdf->cr, line_width);
  cairo_move_to (pdf->cr, x, y);
  cairo_line_to (pdf->cr, x + width, y);
  cairo_stroke (pdf->cr);
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_footer (RubricPdf *pdf)
{
  double y = RUBRIC_PDF_PAGE_HEIGHT - 38;
  g_autofree char *page = NULL;

  /* Translators: the page number in the footer: "Page 2 of 7". */
  page = g_strdup_printf (_("Page %u of %u"), pdf->page,
                          pdf->n_pages > 0 ? pdf->n_pages : pdf->page);

  hairline (pdf, RUBRIC_PDF_MARGIN, y, RUBRIC_PDF_WIDTH, RUBRIC_PDF_INK_GRID, 0.6);
  rubric_pdf_text (pdf, pdf->running_title ? pdf->running_title : "", RUBRIC_PDF_SIZE_SMALL,
                   PANGO_WEIGHT_NORMAL, RUBRIC_PDF_INK_MUTED, RUBRIC_PDF_MARGIN, y + 5,
                   RUBRIC_PDF_WIDTH - 90, 1, PANGO_ALIGN_LEFT);
  rubric_pdf_text (pdf, page, RUBRIC_PDF_SIZE_SMALL, PANGO_WEIGHT_NORMAL, RUBRIC_PDF_INK_MUTED,
                   RUBRIC_PDF_MARGIN + RUBRIC_PDF_WIDTH - 90, y + 5, 90, 1, PANGO_ALIGN_RIGHT);
}

static void
finish_page (RubricPdf *pdf)
{
  if (!pdf->page_open)
    return;

  draw_footer (pdf);
  cairo_show_page (pdf->cr);
  pdf->page_open = FALSE;
}

/* Cancellation is looked at here, between pages: a page is the unit of
 * work, and a half-drawn one is never written. */
static gboolean
begin_page (RubricPdf *pdf)
{
  finish_page (pdf);

  if (g_cancellable_is_cancelled (pdf->cancellable))
    {
      pdf->cancelled = TRUE;
      return FALSE;
    }

  pdf->page++;
  pdf->page_open = TRUE;
  pdf->y = RUBRIC_PDF_TOP;
  return TRUE;
}

/* The top of a page that continues a section, so that a page read on its
 * own still says whose figures it holds. */
static void
draw_running_header (RubricPdf *pdf)
{
  g_autofree char *text = NULL;
  double height;

  /* Translators: the header of a page that continues a report section;
   * %s is "Contract review · vendor · period". */
  text = g_strdup_printf (_("%s (continued)"), pdf->running_title);

  height = rubric_pdf_text (pdf, text, RUBRIC_PDF_SIZE_SMALL, PANGO_WEIGHT_NORMAL,
                            RUBRIC_PDF_INK_MUTED, RUBRIC_PDF_MARGIN, pdf->y,
                            RUBRIC_PDF_WIDTH, 1, PANGO_ALIGN_LEFT);
  pdf->y += height + 4;
  hairline (pdf, RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH, RUBRIC_PDF_INK_GRID, 0.6);
  pdf->y += 12;
}

/* Makes room for a block of @height, on a new page when it would not fit on
 * this one. FALSE when the report was cancelled. */
static gboolean
ensure_space (RubricPdf *pdf,
              double     height)
{
  if (pdf->y + height <= RUBRIC_PDF_BOTTOM)
    return TRUE;
  if (!begin_page (pdf))
    return FALSE;
  draw_running_header (pdf);
  return TRUE;
}

static void
add_outline (RubricPdf  *pdf,
             const char *name)
{
  g_autofree char *link = g_strdup_printf ("page=%u", pdf->page);

  cairo_pdf_surface_add_outline (pdf->surface, CAIRO_PDF_OUTLINE_ROOT, name, link,
                                 CAIRO_PDF_OUTLINE_FLAG_OPEN);
}

static double
section_title_height (RubricPdf  *pdf,
                      const char *title)
{
  g_autoptr(PangoLayout) layout = rubric_pdf_layout (pdf, title, FALSE, RUBRIC_PDF_SIZE_SECTION,
                                                      PANGO_WEIGHT_BOLD, RUBRIC_PDF_WIDTH, 2,
                                                      PANGO_ALIGN_LEFT);

  return rubric_pdf_layout_height (layout) + 6;
}

static void
draw_section_title (RubricPdf  *pdf,
                    const char *title)
{
  pdf->y += rubric_pdf_text (pdf, title, RUBRIC_PDF_SIZE_SECTION, PANGO_WEIGHT_BOLD,
                             RUBRIC_PDF_INK, RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH, 2,
                             PANGO_ALIGN_LEFT);
  pdf->y += 6;
}

/* ------------------------------------------------------------------ */
/* A rating: header, summary, flags                                    */

static void
draw_rating_header (RubricPdf          *pdf,
                    const RubricRating *rating)
{
  const double x = RUBRIC_PDF_MARGIN;
  const double width = RUBRIC_PDF_WIDTH;
  g_autofree char *eyebrow = g_utf8_strup (_("Contract review"), -1);
  g_autofree char *generated = g_strdup_printf (_("Generated %s"), pdf->generated);
  g_autofree char *title = period_title (rating->range, rating->kind);
  g_autofree char *days = format_range (rating->range);
  g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *meta = NULL;
  const RubricContract *contract = rating->contract;

  rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_ACCENT, 1.0);
  cairo_rectangle (pdf->cr, x, pdf->y, 28, 3);
  cairo_fill (pdf->cr);
  pdf->y += 8;

  rubric_pdf_text (pdf, eyebrow, RUBRIC_PDF_SIZE_SMALL, PANGO_WEIGHT_BOLD, RUBRIC_PDF_INK_ACCENT,
                   x, pdf->y, width / 2, 1, PANGO_ALIGN_LEFT);
  pdf->y += rubric_pdf_text (pdf, generated, RUBRIC_PDF_SIZE_SMALL, PANGO_WEIGHT_NORMAL,
                             RUBRIC_PDF_INK_MUTED, x + width / 2, pdf->y, width / 2, 1,
                             PANGO_ALIGN_RIGHT);
  pdf->y += 4;

  /* A vendor name is whatever the contract says: two lines at most. */
  pdf->y += rubric_pdf_text (pdf, rating->vendor, 20, PANGO_WEIGHT_BOLD, RUBRIC_PDF_INK,
                             x, pdf->y, width, 2, PANGO_ALIGN_LEFT);
  pdf->y += 2;
  pdf->y += rubric_pdf_text (pdf, title, 12.5, PANGO_WEIGHT_NORMAL, RUBRIC_PDF_INK,
                             x, pdf->y, width, 2, PANGO_ALIGN_LEFT);
  pdf->y += 3;

  if (!g_str_equal (title, days))
    g_ptr_array_add (facts, g_steal_pointer (&days));
  if (rating->timezone != NULL)
    g_ptr_array_add (facts, g_strdup_printf (_("Time zone %s"), rating->timezone));
  if (contract != NULL && contract->valid_from != NULL &&
      !g_str_equal (contract->valid_from, RUBRIC_CONTRACT_ALWAYS))
    {
      gint32 day;
      g_autofree char *from = NULL;

      from = rubric_day_parse (contract->valid_from, &day) ? format_day (day)
                                                           : g_strdup (contract->valid_from);
      g_ptr_array_add (facts, g_strdup_printf (_("Contract version in force from %s"), from));
    }
  else if (contract != NULL)
    g_ptr_array_add (facts, g_strdup (_("Contract version without a start date")));
  g_ptr_array_add (facts, NULL);

  meta = g_strjoinv ("  ·  ", (char **) facts->pdata);
  pdf->y += rubric_pdf_text (pdf, meta, RUBRIC_PDF_SIZE_BODY, PANGO_WEIGHT_NORMAL,
                             RUBRIC_PDF_INK_MUTED, x, pdf->y, width, 3, PANGO_ALIGN_LEFT);
  pdf->y += 8;
  hairline (pdf, x, pdf->y, width, RUBRIC_PDF_INK_FAINT, 0.8);
  pdf->y += 14;
}

/* Text that is measured first and drawn on the second call. */
static double
put_text (RubricPdf      *pdf,
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

static double
put_label (RubricPdf  *pdf,
           gboolean    draw,
           const char *label,
           double      x,
           double      y,
           double      width)
{
  g_autofree char *upper = g_utf8_strup (label, -1);

  return put_text (pdf, draw, upper, FALSE, RUBRIC_PDF_SIZE_SMALL, PANGO_WEIGHT_BOLD,
                   RUBRIC_PDF_INK_MUTED, x, y, width, 1) + 3;
}

static char *
previous_title (const RubricRating *rating)
{
  return period_title (rating->previous_range, rating->kind);
}

/* The rating, its grade, its range and how it moved. */
static double
summary_rating_cell (RubricPdf          *pdf,
                     const RubricRating *rating,
                     gboolean            draw,
                     double              x,
                     double              y,
                     double              width)
{
  double top = y;

  y += put_label (pdf, draw, _("Rating"), x, y, width);

  if (rating->has_rating)
    {
      g_autofree char *number = rubric_pdf_number (pdf, rating->rating, 2);
      g_autofree char *low = rubric_pdf_number (pdf, rating->rating_low, 2);
      g_autofree char *high = rubric_pdf_number (pdf, rating->rating_high, 2);
      g_autofree char *range = NULL;
      g_autoptr(PangoLayout) big = rubric_pdf_layout (pdf, number, FALSE, 30, PANGO_WEIGHT_BOLD,
                                                       -1, 0, PANGO_ALIGN_LEFT);
      double big_width = rubric_pdf_layout_width (big);
      double big_height = rubric_pdf_layout_height (big);

      if (draw)
        rubric_pdf_show (pdf, big, x, y, RUBRIC_PDF_INK);

      if (rating->grade != NULL)
        {
          /* The grade in a badge of its band's colour; a long custom grade
           * name keeps its text and narrows nothing else. */
          double badge_x = x + big_width + 10;
          double max_width = MAX (x + width - badge_x, 30);
          g_autoptr(PangoLayout) grade = rubric_pdf_layout (pdf, rating->grade, FALSE, 16,
                                                             PANGO_WEIGHT_BOLD, max_width - 14,
                                                             1, PANGO_ALIGN_LEFT);
          double grade_width = MAX (rubric_pdf_layout_width (grade) + 14, 30);
          double grade_height = rubric_pdf_layout_height (grade);
          double badge_height = 30;
          double badge_y = y + (big_height - badge_height) / 2;

          if (draw)
            {
              rubric_pdf_set_ink (pdf, rubric_pdf_grade_ink (rating->contract, rating->grade),
                                  1.0);
              rounded_rectangle (pdf->cr, badge_x, badge_y, grade_width, badge_height, 5);
              cairo_fill (pdf->cr);
              rubric_pdf_show (pdf, grade,
                               badge_x + (grade_width - rubric_pdf_layout_width (grade)) / 2,
                               badge_y + (badge_height - grade_height) / 2, RUBRIC_PDF_INK_WHITE);
            }
        }
      y += big_height + 2;

      /* Translators: the range of the rating, R_low to R_high. */
      range = g_strdup_printf (_("Range %s – %s"), low, high);
      y += put_text (pdf, draw, range, FALSE, RUBRIC_PDF_SIZE_BODY, PANGO_WEIGHT_NORMAL,
                     RUBRIC_PDF_INK, x, y, width, 2) + 1;
    }
  else
    {
      y += put_text (pdf, draw, RUBRIC_PDF_DASH, FALSE, 30, PANGO_WEIGHT_BOLD,
                     RUBRIC_PDF_INK_FAINT, x, y, width, 1) + 2;
      y += put_text (pdf, draw, _("No rating: no objective has data for this period."), FALSE,
                     RUBRIC_PDF_SIZE_BODY, PANGO_WEIGHT_NORMAL, RUBRIC_PDF_INK, x, y, width,
                     3) + 1;
    }

  if (rating->has_previous)
    {
      g_autofree char *previous = previous_title (rating);
      g_autofree char *text = NULL;
      RubricPdfInk ink = RUBRIC_PDF_INK_MUTED;

      if (!rating->previous_has_rating)
        text = g_strdup_printf (_("No rating for %s"), previous);
      else if (!rating->has_rating)
        {
          g_autofree char *was = rubric_pdf_number (pdf, rating->previous_rating, 2);

          /* Translators: the previous period and its rating. */
          text = g_strdup_printf (_("%s: %s"), previous, was);
        }
      else
        {
          double change = rating->rating - rating->previous_rating;
          g_autofree char *was = rubric_pdf_number (pdf, rating->previous_rating, 2);
          g_autofree char *by = format_change (pdf, change, UNIT_SCORE);

          ink = change_ink (change, RUBRIC_BETTER_HIGHER);
          if (round (fabs (change) * 100) == 0)
            /* Translators: the previous period and its rating. */
            text = g_strdup_printf (_("No change since %s (%s)"), previous, was);
          else
            /* Translators: "▲ +2.31 since September 2026 (84.81)": an arrow,
             * the change, the previous period and its rating. */
            text = g_strdup_printf (_("%s%s since %s (%s)"), change > 0 ? "▲ " : "▼ ", by,
                                    previous, was);
        }

      y += put_text (pdf, draw, text, FALSE, RUBRIC_PDF_SIZE_BODY, PANGO_WEIGHT_NORMAL, ink,
                     x, y, width, 2);
    }

  return y - top;
}

static gboolean
credit_cap_bites (const RubricRating *rating)
{
  return rating->contract != NULL && rating->contract->has_credit_cap &&
         rating->credits_uncapped > rating->credits + 0.005;
}

static double
summary_credits_cell (RubricPdf          *pdf,
                      const RubricRating *rating,
                      gboolean            draw,
                      double              x,
                      double              y,
                      double              width)
{
  const RubricContract *contract = rating->contract;
  g_autofree char *value = format_percent (pdf, rating->credits, FALSE);
  g_autofree char *note = NULL;
  double top = y;

  y += put_label (pdf, draw, _("Credits owed"), x, y, width);
  y += put_text (pdf, draw, value, FALSE, 18, PANGO_WEIGHT_BOLD,
                 rating->credits > 0 ? RUBRIC_PDF_INK_BAD : RUBRIC_PDF_INK, x, y, width, 1) + 3;

  if (credit_cap_bites (rating))
    {
      g_autofree char *cap = format_percent (pdf, contract->credit_cap, TRUE);
      g_autofree char *uncapped = format_percent (pdf, rating->credits_uncapped, FALSE);

      /* Translators: the credit cap, and the credits the missed objectives
       * add up to. */
      note = g_strdup_printf (_("Capped at %s: the missed objectives add up to %s"), cap,
                              uncapped);
    }
  else if (contract != NULL && contract->has_credit_cap)
    {
      g_autofree char *cap = format_percent (pdf, contract->credit_cap, TRUE);

      note = g_strdup_printf (_("Of the period’s fee; the cap of %s is not reached"), cap);
    }
  else
    note = g_strdup (_("Of the period’s fee; the contract sets no cap"));

  y += put_text (pdf, draw, note, FALSE, RUBRIC_PDF_SIZE_SMALL + 0.5, PANGO_WEIGHT_NORMAL,
                 RUBRIC_PDF_INK_MUTED, x, y, width, 4);
  return y - top;
}

static double
summary_objectives_cell (RubricPdf          *pdf,
                         const RubricRating *rating,
                         gboolean            draw,
                         double              x,
                         double              y,
                         double              width)
{
  guint without_data = 0;
  g_autofree char *value = NULL;
  g_autofree char *note = NULL;
  double top = y;

  for (guint i = 0; rating->objectives != NULL && i < rating->objectives->len; i++)
    {
      const RubricRatingObjective *objective = g_ptr_array_index (rating->objectives, i);

      if (!objective->has_actual)
        without_data++;
    }

  y += put_label (pdf, draw, _("Objectives met"), x, y, width);
  /* Translators: objectives met of all the contract's objectives: "4 of 6". */
  value = g_strdup_printf (_("%u of %u"), rating->objectives_met, rating->objectives_total);
  y += put_text (pdf, draw, value, FALSE, 18, PANGO_WEIGHT_BOLD, RUBRIC_PDF_INK, x, y, width,
                 1) + 3;

  if (without_data > 0)
    note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u objective without data",
                                         "%u objectives without data", without_data),
                            without_data);
  else if (rating->objectives_total == 0)
    note = g_strdup (_("The contract sets no objectives"));
  else
    note = g_strdup (_("Every objective has data"));

  y += put_text (pdf, draw, note, FALSE, RUBRIC_PDF_SIZE_SMALL + 0.5, PANGO_WEIGHT_NORMAL,
                 without_data > 0 ? RUBRIC_PDF_INK_WARNING : RUBRIC_PDF_INK_MUTED, x, y, width,
                 3);
  return y - top;
}

typedef double (*SummaryCell) (RubricPdf          *pdf,
                               const RubricRating *rating,
                               gboolean            draw,
                               double              x,
                               double              y,
                               double              width);

static gboolean
draw_summary (RubricPdf          *pdf,
              const RubricRating *rating)
{
  static const SummaryCell cells[] = {
    summary_rating_cell, summary_credits_cell, summary_objectives_cell,
  };
  static const double shares[] = { 0.44, 0.30, 0.26 };
  const double pad = 12;
  double height = 0;
  double x;

  for (guint pass = 0; pass < 2; pass++)
    {
      x = RUBRIC_PDF_MARGIN;
      if (pass == 1)
        {
          if (!ensure_space (pdf, height + 2 * pad))
            return FALSE;
          rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_PANEL, 1.0);
          rounded_rectangle (pdf->cr, RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH,
                             height + 2 * pad, 6);
          cairo_fill (pdf->cr);
        }

      for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
        {
          double width = RUBRIC_PDF_WIDTH * shares[i];
          double cell = cells[i] (pdf, rating, pass == 1, x + pad, pdf->y + pad,
                                  width - 2 * pad);

          height = MAX (height, cell);
          if (pass == 1 && i > 0)
            {
              rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_GRID, 1.0);
              cairo_set_line_width (pdf->cr, 0.8);
              cairo_move_to (pdf->cr, x, pdf->y + pad);
              cairo_line_to (pdf->cr, x, pdf->y + pad + height);
              cairo_stroke (pdf->cr);
            }
          x += width;
        }
    }

  pdf->y += height + 2 * pad + 10;
  return TRUE;
}

/* The QA objectives whose n is under the contract's minimum, as
 * "QA overall (12), QA: Resolution (9)". */
static char *
small_sample_list (RubricPdf          *pdf,
                   const RubricRating *rating)
{
  g_autoptr(GString) list = g_string_new (NULL);
  guint minimum = rating->contract != NULL ? rating->contract->minimum_evaluations : 0;

  for (guint i = 0; rating->objectives != NULL && i < rating->objectives->len; i++)
    {
      const RubricRatingObjective *objective = g_ptr_array_index (rating->objectives, i);
      g_autofree char *name = NULL;
      g_autofree char *n = NULL;

      if (!metric_is_qa (objective->metric) || !objective->has_n || objective->n >= minimum)
        continue;

      name = metric_name (objective->metric);
      n = rubric_pdf_count (pdf, objective->n);
      if (list->len > 0)
        g_string_append (list, ", ");
      /* Translators: a QA objective and its number of evaluations. */
      g_string_append_printf (list, _("%s (%s)"), name, n);
    }

  return list->len > 0 ? g_string_free (g_steal_pointer (&list), FALSE) : NULL;
}

static gboolean
draw_flags (RubricPdf          *pdf,
            const RubricRating *rating)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  const double pad = 8;
  double height = 0;

  if (rating->small_sample)
    {
      g_autofree char *list = small_sample_list (pdf, rating);
      guint minimum = rating->contract != NULL ? rating->contract->minimum_evaluations : 0;
      g_autofree char *text = NULL;

      if (list != NULL)
        /* Translators: the contract's minimum number of evaluations, and
         * the QA objectives below it with their numbers. */
        text = g_strdup_printf (_("Fewer evaluations than the contract’s minimum of %u for %s. "
                                  "The figures may move a lot from one period to the next; the "
                                  "range shows how far."),
                                minimum, list);
      else
        text = g_strdup_printf (_("A QA objective rests on fewer evaluations than the "
                                  "contract’s minimum of %u."),
                                minimum);
      g_ptr_array_add (notes, g_markup_printf_escaped ("<b>%s</b>  %s", _("Small sample."),
                                                       text));
    }

  if (rating->incomplete)
    {
      g_autofree char *without = format_short (pdf, rating->weight_without_data);
      g_autofree char *total = format_short (pdf, rating->weight_total);
      g_autofree char *text = NULL;

      /* Translators: the weight of the objectives without data, and the
       * total weight of the contract's objectives. */
      text = g_strdup_printf (_("Objectives without data hold %s of the total weight of %s, "
                                "more than half: the rating rests on the rest alone."),
                              without, total);
      g_ptr_array_add (notes, g_markup_printf_escaped ("<b>%s</b>  %s", _("Incomplete."), text));
    }

  if (notes->len == 0)
    return TRUE;

  for (guint pass = 0; pass < 2; pass++)
    {
      double y = pdf->y + pad;

      if (pass == 1)
        {
          if (!ensure_space (pdf, height + 2 * pad))
            return FALSE;
          y = pdf->y + pad;
          rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_WARNING_BG, 1.0);
          cairo_rectangle (pdf->cr, RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH,
                           height + 2 * pad);
          cairo_fill (pdf->cr);
          rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_TARGET, 1.0);
          cairo_rectangle (pdf->cr, RUBRIC_PDF_MARGIN, pdf->y, 3, height + 2 * pad);
          cairo_fill (pdf->cr);
        }

      for (guint i = 0; i < notes->len; i++)
        {
          if (i > 0)
            y += 4;
          y += put_text (pdf, pass == 1, g_ptr_array_index (notes, i), TRUE, RUBRIC_PDF_SIZE_BODY,
                         PANGO_WEIGHT_NORMAL, RUBRIC_PDF_INK, RUBRIC_PDF_MARGIN + 12, y,
                         RUBRIC_PDF_WIDTH - 12 - pad, 0);
        }
      height = y - (pdf->y + pad);
    }

  pdf->y += height + 2 * pad + 10;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */

#define MAX_COLUMNS 10

typedef struct
{
  double          width;       /* points; 0 for the one that takes what is left */
  PangoAlignment  alignment;
} Column;

typedef struct
{
  char         *text[MAX_COLUMNS];
  RubricPdfInk  ink[MAX_COLUMNS];
  gboolean      bold[MAX_COLUMNS];
  gboolean      markup[MAX_COLUMNS];
} Row;

typedef struct
{
  const Column *columns;
  guint         n_columns;
  double        size;          /* of the body; the column titles are smaller */
  const Row    *header;        /* repeated on every page the table runs onto */
} Table;

static void
row_clear (Row *row)
{
  for (guint c = 0; c < MAX_COLUMNS; c++)
    g_clear_pointer (&row->text[c], g_free);
}

static void
row_set_header (Row         *row,
                const char **titles,
                guint        n_columns)
{
  for (guint c = 0; c < n_columns; c++)
    {
      row->text[c] = g_strdup (titles[c]);
      row->ink[c] = RUBRIC_PDF_INK_MUTED;
      row->bold[c] = TRUE;
    }
}

static double
column_width (const Table *table,
              guint        column)
{
  double others = 0;

  if (table->columns[column].width > 0)
    return table->columns[column].width;
  for (guint c = 0; c < table->n_columns; c++)
    others += table->columns[c].width;
  return RUBRIC_PDF_WIDTH - others;
}

/* Lays out a row (or, with @draw, draws it at pdf->y); returns its height.
 * Cells wrap to three lines at most: a figure wider than its column wraps
 * rather than loses digits. */
static double
table_row (RubricPdf   *pdf,
           const Table *table,
           const Row   *row,
           gboolean     draw,
           gboolean     stripe)
{
  gboolean header = row == table->header;
  PangoLayout *layouts[MAX_COLUMNS] = { NULL, };
  double height = 0;
  double x = RUBRIC_PDF_MARGIN;

  for (guint c = 0; c < table->n_columns; c++)
    {
      layouts[c] = rubric_pdf_layout (pdf, row->text[c] ? row->text[c] : "", row->markup[c],
                                      header ? RUBRIC_PDF_SIZE_SMALL : table->size,
                                      row->bold[c] ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                      column_width (table, c) - 2 * CELL_PAD_X, header ? 0 : 3,
                                      table->columns[c].alignment);
      height = MAX (height, rubric_pdf_layout_height (layouts[c]));
    }
  height += 2 * CELL_PAD_Y;

  if (draw && stripe)
    {
      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_PANEL, 1.0);
      cairo_rectangle (pdf->cr, RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH, height);
      cairo_fill (pdf->cr);
    }

  for (guint c = 0; c < table->n_columns; c++)
    {
      if (draw)
        rubric_pdf_show (pdf, layouts[c], x + CELL_PAD_X, pdf->y + CELL_PAD_Y, row->ink[c]);
      x += column_width (table, c);
      g_object_unref (layouts[c]);
    }

  if (draw && header)
    hairline (pdf, RUBRIC_PDF_MARGIN, pdf->y + height, RUBRIC_PDF_WIDTH, RUBRIC_PDF_INK, 0.8);
  return header ? height + 1 : height;
}

/* Starts a table under @title: the title, the column titles and the first
 * row (of @first_height) stay together. */
static gboolean
table_begin (RubricPdf   *pdf,
             const Table *table,
             const char  *title,
             double       first_height)
{
  double header_height = table_row (pdf, table, table->header, FALSE, FALSE);

  if (!ensure_space (pdf, section_title_height (pdf, title) + header_height + first_height))
    return FALSE;
  draw_section_title (pdf, title);
  pdf->y += table_row (pdf, table, table->header, TRUE, FALSE);
  return TRUE;
}

/* Adds row @index, on a new page under the column titles again when it does
 * not fit on this one. */
static gboolean
table_add (RubricPdf   *pdf,
           const Table *table,
           const Row   *row,
           guint        index)
{
  double height = table_row (pdf, table, row, FALSE, FALSE);

  if (pdf->y + height > RUBRIC_PDF_BOTTOM)
    {
      double header_height = table_row (pdf, table, table->header, FALSE, FALSE);

      if (!ensure_space (pdf, header_height + height))
        return FALSE;
      pdf->y += table_row (pdf, table, table->header, TRUE, FALSE);
    }

  pdf->y += table_row (pdf, table, row, TRUE, index % 2 == 1);
  return TRUE;
}

static void
table_end (RubricPdf  *pdf,
           const char *note)
{
  hairline (pdf, RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH, RUBRIC_PDF_INK_FAINT, 0.6);
  pdf->y += 5;
  if (!ensure_space (pdf, 20))
    return;
  pdf->y += rubric_pdf_text (pdf, note, RUBRIC_PDF_SIZE_SMALL, PANGO_WEIGHT_NORMAL,
                             RUBRIC_PDF_INK_MUTED, RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH, 0,
                             PANGO_ALIGN_LEFT);
}

/* ------------------------------------------------------------------ */
/* The objectives table                                                */

enum
{
  COLUMN_METRIC,
  COLUMN_TARGET,
  COLUMN_ACTUAL,
  COLUMN_N,
  COLUMN_CI,
  COLUMN_SCORE,
  COLUMN_WEIGHT,
  COLUMN_MET,
  COLUMN_SOURCE,
  COLUMN_CHANGE,
  N_COLUMNS
};

/* They fit DejaVu Sans at 7.5 pt for "100.00 %", "78.10–86.30",
 * "+12.50 pp" and the longer French and Latvian column titles. */
static const Column objective_columns[N_COLUMNS] = {
  { 0, PANGO_ALIGN_LEFT },
  { 42, PANGO_ALIGN_RIGHT },
  { 50, PANGO_ALIGN_RIGHT },
  { 38, PANGO_ALIGN_RIGHT },
  { 56, PANGO_ALIGN_RIGHT },
  { 40, PANGO_ALIGN_RIGHT },
  { 34, PANGO_ALIGN_RIGHT },
  { 58, PANGO_ALIGN_LEFT },
  { 56, PANGO_ALIGN_LEFT },
  { 50, PANGO_ALIGN_RIGHT },
};

static void
objective_row (RubricPdf                   *pdf,
               const RubricRating          *rating,
               const RubricRatingObjective *objective,
               Row                         *row)
{
  Unit unit = metric_unit (objective->metric);

  for (guint c = 0; c < N_COLUMNS; c++)
    row->ink[c] = RUBRIC_PDF_INK;

  row->text[COLUMN_METRIC] = metric_name (objective->metric);
  row->text[COLUMN_TARGET] = format_value (pdf, objective->target, unit, TRUE);
  row->text[COLUMN_WEIGHT] = format_short (pdf, objective->weight);
  row->text[COLUMN_SOURCE] = g_strdup (source_name (objective->source));

  if (objective->has_n)
    row->text[COLUMN_N] = rubric_pdf_count (pdf, objective->n);
  else
    row->text[COLUMN_N] = g_strdup (RUBRIC_PDF_DASH);

  if (!objective->has_actual)
    {
      row->text[COLUMN_ACTUAL] = g_strdup (RUBRIC_PDF_DASH);
      row->text[COLUMN_CI] = g_strdup (RUBRIC_PDF_DASH);
      row->text[COLUMN_SCORE] = g_strdup (RUBRIC_PDF_DASH);
      row->text[COLUMN_MET] = g_strdup (_("No data"));
      row->text[COLUMN_CHANGE] = g_strdup (RUBRIC_PDF_DASH);
      row->ink[COLUMN_MET] = RUBRIC_PDF_INK_MUTED;
      row->ink[COLUMN_SOURCE] = RUBRIC_PDF_INK_MUTED;
      row->ink[COLUMN_METRIC] = RUBRIC_PDF_INK_MUTED;
      return;
    }

  row->text[COLUMN_ACTUAL] = format_value (pdf, objective->actual, unit, FALSE);
  row->bold[COLUMN_ACTUAL] = TRUE;
  row->text[COLUMN_SCORE] = rubric_pdf_number (pdf, objective->score, 2);

  if (objective->has_ci)
    {
      g_autofree char *low = rubric_pdf_number (pdf, objective->ci_low, unit_decimals (unit));
      g_autofree char *high = rubric_pdf_number (pdf, objective->ci_high, unit_decimals (unit));

      row->text[COLUMN_CI] = g_strconcat (low, "–", high, NULL);
    }
  else
    row->text[COLUMN_CI] = g_strdup (RUBRIC_PDF_DASH);

  if (objective->met)
    {
      row->text[COLUMN_MET] = g_strdup (_("Met"));
      row->ink[COLUMN_MET] = RUBRIC_PDF_INK_GOOD;
    }
  else if (objective->has_credit && objective->credit > 0)
    {
      g_autofree char *credit = format_percent (pdf, objective->credit, TRUE);

      /* Translators: under "Missed": the credit a missed objective costs. */
      g_autofree char *costs = g_strdup_printf (_("credit %s"), credit);

      row->text[COLUMN_MET] = g_markup_printf_escaped ("%s\n<span weight=\"normal\">%s</span>",
                                                       _("Missed"), costs);
      row->markup[COLUMN_MET] = TRUE;
      row->ink[COLUMN_MET] = RUBRIC_PDF_INK_BAD;
    }
  else
    {
      row->text[COLUMN_MET] = g_strdup (_("Missed"));
      row->ink[COLUMN_MET] = RUBRIC_PDF_INK_BAD;
    }
  row->bold[COLUMN_MET] = TRUE;

  if (objective->has_previous)
    {
      double change = objective->actual - objective->previous_actual;

      row->text[COLUMN_CHANGE] = format_change (pdf, change, unit);
      row->ink[COLUMN_CHANGE] = change_ink (change, objective->better);
    }
  else
    row->text[COLUMN_CHANGE] = g_strdup (RUBRIC_PDF_DASH);
}

static gboolean
draw_objectives (RubricPdf          *pdf,
                 const RubricRating *rating)
{
  const char *titles[N_COLUMNS] = {
    /* Translators: column titles of the objectives table, kept short. */
    C_("column", "Objective"), C_("column", "Target"), _("Actual"), _("n"),
    /* xgettext:no-c-format */
    _("95 % CI"),
    /* Translators: the attainment score of an objective, 0 to 100. */
    C_("attainment", "Score"),
    _("Weight"), _("Met"), _("Source"), _("Change"),
  };
  const char *title = _("Objectives");
  guint n = rating->objectives != NULL ? rating->objectives->len : 0;
  Row header = { { NULL, } };
  Table table = { objective_columns, N_COLUMNS, RUBRIC_PDF_SIZE_TABLE, &header };
  const char *units;
  g_autofree char *note = NULL;
  gboolean ok;

  if (n == 0)
    {
      if (!ensure_space (pdf, section_title_height (pdf, title) + 20))
        return FALSE;
      draw_section_title (pdf, title);
      pdf->y += rubric_pdf_text (pdf, _("The contract has no objectives."), RUBRIC_PDF_SIZE_BODY,
                                 PANGO_WEIGHT_NORMAL, RUBRIC_PDF_INK_MUTED, RUBRIC_PDF_MARGIN,
                                 pdf->y, RUBRIC_PDF_WIDTH, 0, PANGO_ALIGN_LEFT);
      pdf->y += SECTION_GAP;
      return TRUE;
    }

  row_set_header (&header, titles, N_COLUMNS);
  ok = table_begin (pdf, &table, title, 24);
  for (guint i = 0; ok && i < n; i++)
    {
      Row row = { { NULL, } };

      objective_row (pdf, rating, g_ptr_array_index (rating->objectives, i), &row);
      ok = table_add (pdf, &table, &row, i);
      row_clear (&row);
    }
  row_clear (&header);
  if (!ok)
    return FALSE;

  /* xgettext:no-c-format */
  units = _("Actuals in percent (%), seconds (s) or, for QA, mean evaluation scores out of 100. "
            "n: the denominator of a rate, the count an average is taken over, or the n of a "
            "reported aggregate. Score: attainment, 0 to 100.");
  if (rating->has_previous)
    {
      g_autofree char *previous = previous_title (rating);
      g_autofree char *change = NULL;

      /* Translators: after the notes under the objectives table; %s is the
       * previous period. */
      change = g_strdup_printf (_("Change: against %s; pp: percentage points."), previous);
      note = g_strconcat (units, " ", change, NULL);
    }
  else
    note = g_strdup (units);

  table_end (pdf, note);
  pdf->y += SECTION_GAP;
  return !pdf->cancelled;
}

/* ------------------------------------------------------------------ */
/* Sample sizes and charts                                             */

static gboolean
draw_samples (RubricPdf          *pdf,
              const RubricRating *rating)
{
  const char *title = _("Sample sizes");
  const RubricKpis *kpis = &rating->kpis;
  g_autofree char *short_note = NULL;
  g_autofree char *minimum = NULL;
  struct
  {
    char       *value;
    const char *label;
    const char *note;
  } tiles[] = {
    { rubric_pdf_count (pdf, rating->calls), _("Calls offered"), NULL },
    { rubric_pdf_count (pdf, kpis->answered), _("Answered"), NULL },
    { rubric_pdf_count (pdf, kpis->abandoned), _("Abandoned"), NULL },
    { rubric_pdf_count (pdf, rating->evaluations), _("Submitted evaluations"), NULL },
    { rubric_pdf_count (pdf, rating->qa_overall.n), _("QA scores"), NULL },
  };
  double tile_width = RUBRIC_PDF_WIDTH / G_N_ELEMENTS (tiles);
  double height = 0;

  if (kpis->short_abandoned > 0)
    {
      g_autofree char *count = rubric_pdf_count (pdf, kpis->short_abandoned);

      /* Translators: abandoned calls below the short-abandon threshold,
       * which are not counted as abandoned. */
      short_note = g_strdup_printf (_("and %s short abandons, not counted"), count);
      tiles[2].note = short_note;
    }
  if (rating->contract != NULL)
    {
      g_autofree char *count = rubric_pdf_count (pdf, rating->contract->minimum_evaluations);

      /* Translators: the contract's minimum number of evaluations. */
      minimum = g_strdup_printf (_("contract minimum %s"), count);
      tiles[4].note = minimum;
    }

  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          if (!ensure_space (pdf, section_title_height (pdf, title) + height))
            break;
          draw_section_title (pdf, title);
        }

      for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
        {
          double x = RUBRIC_PDF_MARGIN + i * tile_width;
          double y = pdf->y;
          double w = tile_width - 10;

          if (pass == 1 && i > 0)
            {
              rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_GRID, 1.0);
              cairo_set_line_width (pdf->cr, 0.8);
              cairo_move_to (pdf->cr, x - 5, y);
              cairo_line_to (pdf->cr, x - 5, y + height);
              cairo_stroke (pdf->cr);
            }
          if (i > 0)
            x += 3;

          y += put_text (pdf, pass == 1, tiles[i].value, FALSE, 14, PANGO_WEIGHT_BOLD,
                         RUBRIC_PDF_INK, x, y, w, 1);
          y += put_text (pdf, pass == 1, tiles[i].label, FALSE, RUBRIC_PDF_SIZE_SMALL + 0.5,
                         PANGO_WEIGHT_NORMAL, RUBRIC_PDF_INK_MUTED, x, y, w, 2);
          if (tiles[i].note != NULL)
            y += put_text (pdf, pass == 1, tiles[i].note, FALSE, RUBRIC_PDF_SIZE_SMALL,
                           PANGO_WEIGHT_NORMAL, RUBRIC_PDF_INK_FAINT, x, y, w, 2);
          height = MAX (height, y - pdf->y);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    g_free (tiles[i].value);

  if (pdf->cancelled)
    return FALSE;
  pdf->y += height + SECTION_GAP;
  return TRUE;
}

/* The two charts side by side, under titles of the same height, so that a
 * usual rating keeps to one page. */
static gboolean
draw_charts (RubricPdf          *pdf,
             const RubricRating *rating)
{
  const double gap = 24;
  const double qa_width = (RUBRIC_PDF_WIDTH - gap) * 0.46;
  const double trend_width = RUBRIC_PDF_WIDTH - gap - qa_width;
  const double trend_x = RUBRIC_PDF_MARGIN + qa_width + gap;
  const char *titles[2] = { _("QA scores by category"), NULL };
  g_autofree char *trend_title = NULL;
  guint n_points = rating->trend != NULL ? rating->trend->len : 0;
  double title_height = 0;
  double height;

  if (n_points > 0)
    trend_title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Rating over the last period",
                                                "Rating over the last %u periods", n_points),
                                   n_points);
  else
    trend_title = g_strdup (_("Rating over time"));
  titles[1] = trend_title;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(PangoLayout) layout = rubric_pdf_layout (pdf, titles[i], FALSE,
                                                          RUBRIC_PDF_SIZE_SECTION,
                                                          PANGO_WEIGHT_BOLD,
                                                          i == 0 ? qa_width : trend_width, 2,
                                                          PANGO_ALIGN_LEFT);

      title_height = MAX (title_height, rubric_pdf_layout_height (layout) + 6);
    }

  height = MAX (rubric_pdf_qa_chart (pdf, rating, 0, 0, qa_width, FALSE),
                rubric_pdf_trend_chart (pdf, rating, 0, 0, trend_width, FALSE));
  if (!ensure_space (pdf, title_height + height))
    return FALSE;

  rubric_pdf_text (pdf, titles[0], RUBRIC_PDF_SIZE_SECTION, PANGO_WEIGHT_BOLD, RUBRIC_PDF_INK,
                   RUBRIC_PDF_MARGIN, pdf->y, qa_width, 2, PANGO_ALIGN_LEFT);
  rubric_pdf_text (pdf, titles[1], RUBRIC_PDF_SIZE_SECTION, PANGO_WEIGHT_BOLD, RUBRIC_PDF_INK,
                   trend_x, pdf->y, trend_width, 2, PANGO_ALIGN_LEFT);
  pdf->y += title_height;

  rubric_pdf_qa_chart (pdf, rating, RUBRIC_PDF_MARGIN, pdf->y, qa_width, TRUE);
  rubric_pdf_trend_chart (pdf, rating, trend_x, pdf->y, trend_width, TRUE);
  pdf->y += height + SECTION_GAP;
  return TRUE;
}

static gboolean
draw_rating (RubricPdf          *pdf,
             const RubricRating *rating)
{
  g_autofree char *title = period_title (rating->range, rating->kind);
  g_autofree char *outline = NULL;

  if (!begin_page (pdf))
    return FALSE;

  pdf->rating = rating;
  g_free (pdf->running_title);
  /* Translators: the footer of a rating's pages: the vendor and the
   * period. */
  pdf->running_title = g_strdup_printf (_("Contract review · %s · %s"), rating->vendor, title);
  /* Translators: a bookmark of the PDF: the vendor and the period. */
  outline = g_strdup_printf (_("%s, %s"), rating->vendor, title);
  add_outline (pdf, outline);

  draw_rating_header (pdf, rating);
  return draw_summary (pdf, rating) &&
         draw_flags (pdf, rating) &&
         draw_objectives (pdf, rating) &&
         draw_samples (pdf, rating) &&
         draw_charts (pdf, rating);
}

/* ------------------------------------------------------------------ */
/* The method                                                          */

/* A term and what it means, side by side; the term column is narrow. */
static gboolean
draw_definition (RubricPdf  *pdf,
                 const char *term,
                 const char *markup)
{
  const double term_width = 118;
  g_autoptr(PangoLayout) left = rubric_pdf_layout (pdf, term, FALSE, RUBRIC_PDF_SIZE_BODY,
                                                    PANGO_WEIGHT_BOLD, term_width - 10, 0,
                                                    PANGO_ALIGN_LEFT);
  g_autoptr(PangoLayout) right = rubric_pdf_layout (pdf, markup, TRUE, RUBRIC_PDF_SIZE_BODY,
                                                     PANGO_WEIGHT_NORMAL,
                                                     RUBRIC_PDF_WIDTH - term_width, 0,
                                                     PANGO_ALIGN_LEFT);
  double height = MAX (rubric_pdf_layout_height (left), rubric_pdf_layout_height (right));

  if (!ensure_space (pdf, height))
    return FALSE;

  rubric_pdf_show (pdf, left, RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_INK);
  rubric_pdf_show (pdf, right, RUBRIC_PDF_MARGIN + term_width, pdf->y, RUBRIC_PDF_INK);
  pdf->y += height + 6;
  return TRUE;
}

static const char *
formula_markup (RubricSlFormula formula)
{
  /* Mathematics, the same in every language. */
  switch (formula)
    {
    case RUBRIC_SL_ANSWERED:
      return "100 · A<sub>T</sub> / A";
    case RUBRIC_SL_ABANDONS_IGNORED:
      return "100 · A<sub>T</sub> / (A + B − B<sub>T</sub>)";
    case RUBRIC_SL_ABANDONS_POSITIVE:
      return "100 · (A<sub>T</sub> + B<sub>T</sub>) / (A + B)";
    case RUBRIC_SL_ABANDONS_NEGATIVE:
    default:
      return "100 · A<sub>T</sub> / (A + B)";
    }
}

static const char *
formula_name (RubricSlFormula formula)
{
  switch (formula)
    {
    case RUBRIC_SL_ANSWERED:
      return _("Answered calls only");
    case RUBRIC_SL_ABANDONS_IGNORED:
      return _("Abandons within T ignored");
    case RUBRIC_SL_ABANDONS_POSITIVE:
      return _("Abandons within T count as met");
    case RUBRIC_SL_ABANDONS_NEGATIVE:
    default:
      return _("Abandons count against");
    }
}

/* The distinct contract versions of the report, in the order they come. */
static GPtrArray *
report_contracts (GPtrArray *ratings)
{
  GPtrArray *contracts = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < ratings->len; i++)
    {
      const RubricRating *rating = g_ptr_array_index (ratings, i);
      const RubricContract *contract = rating->contract;
      char *key;

      if (contract == NULL)
        continue;
      key = g_strdup_printf ("%s\x1f%s", contract->vendor ? contract->vendor : "",
                             contract->valid_from ? contract->valid_from : "");
      if (g_hash_table_add (seen, key))
        g_ptr_array_add (contracts, (gpointer) contract);
    }

  return contracts;
}

static gboolean
draw_service_level_definition (RubricPdf *pdf,
                               GPtrArray *contracts)
{
  static const RubricSlFormula formulas[] = {
    RUBRIC_SL_ANSWERED, RUBRIC_SL_ABANDONS_NEGATIVE, RUBRIC_SL_ABANDONS_IGNORED,
    RUBRIC_SL_ABANDONS_POSITIVE,
  };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *intro = NULL;

  intro = g_markup_escape_text (_("In percent, by the formula of the vendor’s contract:"), -1);
  g_string_append (text, intro);

  for (guint i = 0; i < G_N_ELEMENTS (formulas); i++)
    {
      g_autoptr(GString) users = g_string_new (NULL);
      g_autofree char *name = g_markup_escape_text (formula_name (formulas[i]), -1);

      for (guint j = 0; j < contracts->len; j++)
        {
          const RubricContract *contract = g_ptr_array_index (contracts, j);
          g_autofree char *vendor = NULL;

          if (contract->formula != formulas[i])
            continue;
          vendor = g_markup_escape_text (contract->vendor ? contract->vendor : "", -1);
          if (users->len > 0)
            g_string_append (users, ", ");
          g_string_append (users, vendor);
        }

      g_string_append_printf (text, "\n%s (<i>%s</i>): %s", name,
                              rubric_sl_formula_to_string (formulas[i]),
                              formula_markup (formulas[i]));
      if (users->len > 0)
        {
          /* The vendors are markup already: the translation is escaped
           * around them. */
          g_auto(GStrv) parts = g_strsplit (_("used for %s"), "%s", 2);
          g_autofree char *before = g_markup_escape_text (parts[0], -1);
          g_autofree char *after = g_markup_escape_text (parts[1] ? parts[1] : "", -1);

          g_string_append_printf (text, " — %s<b>%s</b>%s", before, users->str, after);
        }
    }

  return draw_definition (pdf, _("Service level"), text->str);
}

static gboolean
draw_method_text (RubricPdf *pdf,
                  GPtrArray *contracts)
{
  const struct
  {
    const char *term;
    const char *markup;
  } rating_terms[] = {
    { _("Attainment score s"),
      _("For each objective with data, with actual <i>a</i> and target <i>t</i>: "
        "<i>s</i> = 100 · min(1, <i>a</i> / <i>t</i>) when higher is better, "
        "<i>s</i> = 100 · min(1, <i>t</i> / <i>a</i>) when lower is better "
        "(<i>a</i> = 0 gives 100; <i>t</i> = 0 with <i>a</i> &gt; 0 gives 0).") },
    { _("Met"),
      _("<i>a</i> ≥ <i>t</i> when higher is better, <i>a</i> ≤ <i>t</i> when lower is "
        "better.") },
    { _("Rating R"),
      _("R = Σ <i>w</i>·<i>s</i> / Σ <i>w</i> over the objectives with data, <i>w</i> being "
        "each objective’s weight. Objectives without data are listed but left out.") },
    { _("Grade"),
      _("The highest band of the contract whose minimum is at most R.") },
    { _("Range"),
      /* xgettext:no-c-format */
      _("R<sub>low</sub> and R<sub>high</sub>: R computed again with the actual of every QA "
        "objective at the lower and at the upper end of its 95 % confidence interval, the "
        "other objectives unchanged.") },
    { _("Credits owed"),
      _("The sum of the credits (percent of the period’s fee) of the missed objectives, "
        "capped at the contract’s credit cap when it sets one.") },
    { _("QA scores"),
      /* xgettext:no-c-format */
      _("The mean score of the vendor’s submitted evaluations of calls in the period, 0 to "
        "100; a category’s mean likewise over the evaluations that score it. With n ≥ 2 its "
        "95 % confidence interval is mean ± <i>t</i><sub>0.975, n−1</sub> · <i>s</i> / √n "
        "(Student’s t), clipped to 0–100.") },
    { _("Small sample"),
      _("A QA objective rests on fewer evaluations than the contract’s minimum.") },
    { _("Incomplete"),
      _("The objectives without data hold more than half of the total weight.") },
  };
  const struct
  {
    const char *term;
    const char *markup;
  } kpi_terms[] = {
    { _("Counts"),
      _("O: calls offered, every outcome. A: answered; A<sub>T</sub>: answered within the "
        "threshold T. B: abandoned and timed-out calls, short abandons (abandoned within "
        "S seconds) left out; B<sub>T</sub>: those of B that waited at most T.") },
    { NULL, NULL },  /* the service level, drawn with its users */
    { _("Abandon rate"), _("100 · B / (A + B), in percent.") },
    { _("Average speed of answer"),
      _("Σ wait of the answered calls / A, in seconds.") },
    { _("Average handle time"),
      _("Σ (talk + hold + wrap-up) / the answered calls with a talk time, in seconds.") },
    { _("First-call resolution"),
      _("100 · the answered calls with a caller id whose caller did not call again within "
        "D days / the answered calls with a caller id.") },
    { _("Intervals"),
      /* xgettext:no-c-format */
      _("Service level, abandon rate and first-call resolution carry a 95 % Wilson score "
        "interval.") },
    { _("Undefined figures"),
      _("A figure whose denominator is 0 has no value: it is shown as —, never as 0.") },
  };

  if (!ensure_space (pdf, 60))
    return FALSE;
  draw_section_title (pdf, _("How the rating is computed"));
  for (guint i = 0; i < G_N_ELEMENTS (rating_terms); i++)
    if (!draw_definition (pdf, rating_terms[i].term, rating_terms[i].markup))
      return FALSE;

  pdf->y += SECTION_GAP - 6;
  if (!ensure_space (pdf, 60))
    return FALSE;
  draw_section_title (pdf, _("Call-centre figures"));
  for (guint i = 0; i < G_N_ELEMENTS (kpi_terms); i++)
    {
      gboolean ok = kpi_terms[i].term != NULL
        ? draw_definition (pdf, kpi_terms[i].term, kpi_terms[i].markup)
        : draw_service_level_definition (pdf, contracts);

      if (!ok)
        return FALSE;
    }

  pdf->y += SECTION_GAP - 6;
  return TRUE;
}

enum
{
  TERMS_VENDOR,
  TERMS_ZONE,
  TERMS_T,
  TERMS_S,
  TERMS_FORMULA,
  TERMS_D,
  TERMS_MINIMUM,
  TERMS_CAP,
  TERMS_GRADES,
  N_TERMS
};

static const Column terms_columns[N_TERMS] = {
  { 0, PANGO_ALIGN_LEFT },
  { 62, PANGO_ALIGN_LEFT },
  { 24, PANGO_ALIGN_RIGHT },
  { 24, PANGO_ALIGN_RIGHT },
  { 88, PANGO_ALIGN_LEFT },
  { 24, PANGO_ALIGN_RIGHT },
  { 56, PANGO_ALIGN_RIGHT },
  { 40, PANGO_ALIGN_RIGHT },
  { 84, PANGO_ALIGN_LEFT },
};

static void
terms_row (RubricPdf            *pdf,
           const RubricContract *contract,
           Row                  *row)
{
  char **cells = row->text;
  g_autoptr(GString) grades = g_string_new (NULL);
  gint32 day;

  if (contract->valid_from != NULL && !g_str_equal (contract->valid_from, RUBRIC_CONTRACT_ALWAYS)
      && rubric_day_parse (contract->valid_from, &day))
    {
      g_autofree char *from_day = format_day (day);
      /* Translators: under the vendor's name: since when its contract
       * version is in force. */
      g_autofree char *from = g_strdup_printf (_("from %s"), from_day);

      cells[TERMS_VENDOR] = g_markup_printf_escaped ("<b>%s</b>\n<span size=\"smaller\">%s</span>",
                                                     contract->vendor ? contract->vendor : "",
                                                     from);
    }
  else
    cells[TERMS_VENDOR] = g_markup_printf_escaped ("<b>%s</b>",
                                                   contract->vendor ? contract->vendor : "");
  cells[TERMS_ZONE] = g_markup_escape_text (contract->timezone ? contract->timezone : "UTC", -1);
  cells[TERMS_T] = rubric_pdf_count (pdf, contract->threshold);
  cells[TERMS_S] = contract->short_abandon > 0 ? rubric_pdf_count (pdf, contract->short_abandon)
                                               : g_markup_escape_text (_("off"), -1);
  cells[TERMS_FORMULA] = g_strdup (formula_markup (contract->formula));
  cells[TERMS_D] = rubric_pdf_count (pdf, contract->repeat_days);
  cells[TERMS_MINIMUM] = rubric_pdf_count (pdf, contract->minimum_evaluations);
  if (contract->has_credit_cap)
    {
      g_autofree char *cap = format_percent (pdf, contract->credit_cap, TRUE);

      cells[TERMS_CAP] = g_markup_escape_text (cap, -1);
    }
  else
    cells[TERMS_CAP] = g_markup_escape_text (_("none"), -1);

  for (guint i = 0; contract->grades != NULL && i < contract->grades->len; i++)
    {
      const RubricGrade *grade = g_ptr_array_index (contract->grades, i);
      g_autofree char *min = format_short (pdf, grade->min);
      /* No break inside a band: "C ≥ 70" stays on one line. */
      g_autofree char *band = g_markup_printf_escaped ("<b>%s</b>\u00a0≥\u00a0%s", grade->name,
                                                       min);

      if (grades->len > 0)
        g_string_append (grades, ", ");
      g_string_append (grades, band);
    }
  cells[TERMS_GRADES] = g_string_free (g_steal_pointer (&grades), FALSE);

  for (guint c = 0; c < N_TERMS; c++)
    {
      row->ink[c] = RUBRIC_PDF_INK;
      row->markup[c] = TRUE;
    }
}

static gboolean
draw_contract_terms (RubricPdf *pdf,
                     GPtrArray *contracts)
{
  const char *titles[N_TERMS] = {
    _("Vendor"), _("Time zone"), "T", "S", _("Service level"), "D", _("Min. evaluations"),
    _("Credit cap"), _("Grades"),
  };
  Row header = { { NULL, } };
  Table table = { terms_columns, N_TERMS, RUBRIC_PDF_SIZE_TABLE, &header };
  gboolean ok;

  row_set_header (&header, titles, N_TERMS);
  ok = table_begin (pdf, &table, _("Contract terms"), 30);
  for (guint i = 0; ok && i < contracts->len; i++)
    {
      Row row = { { NULL, } };

      terms_row (pdf, g_ptr_array_index (contracts, i), &row);
      ok = table_add (pdf, &table, &row, i);
      row_clear (&row);
    }
  row_clear (&header);
  if (!ok)
    return FALSE;

  table_end (pdf, _("T: the service-level threshold, in seconds. S: the short-abandon "
                    "threshold, in seconds: calls abandoned sooner are not counted. D: the days "
                    "within which a repeat call counts against first-call resolution. A grade "
                    "applies from its minimum rating up."));
  return !pdf->cancelled;
}

static gboolean
draw_method (RubricPdf *pdf,
             GPtrArray *ratings)
{
  g_autoptr(GPtrArray) contracts = report_contracts (ratings);
  g_autofree char *eyebrow = g_utf8_strup (_("Contract review"), -1);

  if (!begin_page (pdf))
    return FALSE;

  pdf->rating = NULL;
  g_free (pdf->running_title);
  pdf->running_title = g_strdup_printf (_("Contract review · %s"), _("Method"));
  add_outline (pdf, _("Method"));

  rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_ACCENT, 1.0);
  cairo_rectangle (pdf->cr, RUBRIC_PDF_MARGIN, pdf->y, 28, 3);
  cairo_fill (pdf->cr);
  pdf->y += 8;
  pdf->y += rubric_pdf_text (pdf, eyebrow, RUBRIC_PDF_SIZE_SMALL, PANGO_WEIGHT_BOLD,
                             RUBRIC_PDF_INK_ACCENT, RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH,
                             1, PANGO_ALIGN_LEFT) + 4;
  pdf->y += rubric_pdf_text (pdf, _("Method"), 20, PANGO_WEIGHT_BOLD, RUBRIC_PDF_INK,
                             RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH, 1,
                             PANGO_ALIGN_LEFT) + 4;
  pdf->y += rubric_pdf_text (pdf, _("The formulas and the contract terms behind the figures of "
                                    "this report (Rubric specification, sections 3 to 5)."),
                             RUBRIC_PDF_SIZE_BODY, PANGO_WEIGHT_NORMAL, RUBRIC_PDF_INK_MUTED,
                             RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH, 0,
                             PANGO_ALIGN_LEFT) + 8;
  hairline (pdf, RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH, RUBRIC_PDF_INK_FAINT, 0.8);
  pdf->y += 14;

  return draw_method_text (pdf, contracts) && draw_contract_terms (pdf, contracts);
}

/* ------------------------------------------------------------------ */
/* The document                                                        */

typedef struct
{
  GOutputStream *out;          /* NULL on the counting pass */
  GCancellable  *cancellable;
  GError        *error;
} Sink;

static cairo_status_t
sink_write_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  Sink *sink = closure;

  if (sink->out == NULL)
    return CAIRO_STATUS_SUCCESS;
  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->out, data, length, NULL, sink->cancellable, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static char *
document_title (GPtrArray *ratings)
{
  const RubricRating *first;
  g_autofree char *period = NULL;
  gboolean same_period = TRUE;

  if (ratings->len == 0)
    return g_strdup (_("Contract review"));

  first = g_ptr_array_index (ratings, 0);
  period = period_title (first->range, first->kind);
  for (guint i = 1; i < ratings->len; i++)
    {
      const RubricRating *rating = g_ptr_array_index (ratings, i);

      same_period &= rating->range.first == first->range.first &&
                     rating->range.last == first->range.last;
    }

  if (ratings->len == 1)
    /* Translators: the title of the PDF: the vendor and the period. */
    return g_strdup_printf (_("Contract review: %s, %s"), first->vendor, period);
  if (same_period)
    /* Translators: the title of a PDF with several vendors: the period. */
    return g_strdup_printf (_("Contract review: %s"), period);
  return g_strdup (_("Contract review"));
}

static void
draw_empty (RubricPdf *pdf)
{
  pdf->running_title = g_strdup (_("Contract review"));
  pdf->y += rubric_pdf_text (pdf, _("Contract review"), 20, PANGO_WEIGHT_BOLD, RUBRIC_PDF_INK,
                             RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH, 1,
                             PANGO_ALIGN_LEFT) + 8;
  rubric_pdf_text (pdf, _("There are no ratings to report: no vendor has a contract."),
                   RUBRIC_PDF_SIZE_BODY, PANGO_WEIGHT_NORMAL, RUBRIC_PDF_INK_MUTED,
                   RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH, 0, PANGO_ALIGN_LEFT);
}

/* One pass over the whole report; returns the number of pages, 0 when it
 * failed (@error set). */
static guint
render (GPtrArray      *ratings,
        GOutputStream  *out,
        guint           n_pages,
        const char     *generated,
        GCancellable   *cancellable,
        GError        **error)
{
  Sink sink = { out, cancellable, NULL };
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  g_autofree char *title = document_title (ratings);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  cairo_font_options_t *options;
  cairo_status_t status;
  RubricPdf pdf = { NULL, };
  gboolean ok = TRUE;

  pdf.surface = cairo_pdf_surface_create_for_stream (sink_write_cb, &sink,
                                                     RUBRIC_PDF_PAGE_WIDTH,
                                                     RUBRIC_PDF_PAGE_HEIGHT);
  pdf.cr = cairo_create (pdf.surface);
  pdf.cancellable = cancellable;
  pdf.n_pages = n_pages;
  pdf.generated = g_strdup (generated);
  pdf.numeric = newlocale (LC_NUMERIC_MASK, "", (locale_t) 0);
  if (pdf.numeric == (locale_t) 0)
    pdf.numeric = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);

  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_CREATOR, "Rubric");
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_SUBJECT,
                                  _("Vendor ratings for the contract review"));
  if (created != NULL)
    cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_CREATE_DATE, created);

  /* Our own font map: the default one belongs to whichever thread made it,
   * and this may run in a GTask's. Unhinted metrics, so that text measures
   * the same wherever it is shown. */
  pdf.context = pango_font_map_create_context (font_map);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pdf.context, options);
  cairo_font_options_destroy (options);
  pango_cairo_update_context (pdf.cr, pdf.context);

  if (ratings->len == 0)
    {
      ok = begin_page (&pdf);
      if (ok)
        draw_empty (&pdf);
    }
  for (guint i = 0; ok && i < ratings->len; i++)
    ok = draw_rating (&pdf, g_ptr_array_index (ratings, i));
  if (ok && ratings->len > 0)
    ok = draw_method (&pdf, ratings);
  if (ok)
    finish_page (&pdf);

  cairo_destroy (pdf.cr);
  cairo_surface_finish (pdf.surface);
  status = cairo_surface_status (pdf.surface);
  cairo_surface_destroy (pdf.surface);
  g_object_unref (pdf.context);
  freelocale (pdf.numeric);
  g_free (pdf.running_title);
  g_free (pdf.generated);

  if (pdf.cancelled ||
      (sink.error != NULL && g_error_matches (sink.error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    {
      g_clear_error (&sink.error);
      g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_CANCELLED,
                           _("PDF report: cancelled"));
      return 0;
    }
  if (sink.error != NULL)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO, _("PDF report: %s"),
                   sink.error->message);
      g_clear_error (&sink.error);
      return 0;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO, _("PDF report: %s"),
                   cairo_status_to_string (status));
      return 0;
    }

  return pdf.page;
}

gboolean
rubric_ratings_write_pdf (GPtrArray     *ratings,
                          GOutputStream *out,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *generated = NULL;
  guint n_pages;

  g_return_val_if_fail (ratings != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Translators: the day the report is made, a g_date_time_format()
   * format: "1 October 2026". */
  generated = format_date_time (now, _("%-d %B %Y"), "%Y-%m-%d");

  n_pages = render (ratings, NULL, 0, generated, cancellable, error);
  if (n_pages == 0)
    return FALSE;
  return render (ratings, out, n_pages, generated, cancellable, error) > 0;
}
