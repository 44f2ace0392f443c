/* rubric-rating-charts.c — the charts of the contract-review report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two charts per rating: the period's QA means by category (bars with
 * their confidence whiskers and the contract's targets) and the rating
 * over the last periods (a line in its low–high band, over the contract's
 * grade bands). Both are drawn with plain cairo at a given place and width
 * of a page of rubric-rating-pdf.c, and report the height they took.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rubric-rating-pdf-private.h"
#include "rubric-rating-text.h"

#define EMPTY_HEIGHT 22.0

/* ------------------------------------------------------------------ */
/* Shared bits                                                         */

typedef enum
{
  SWATCH_BAR,
  SWATCH_WHISKER,
  SWATCH_TARGET,
  SWATCH_LINE,
  SWATCH_BAND,
  SWATCH_DASH,
  SWATCH_TEAM_BAR,
  SWATCH_TEAM_BAND,
  SWATCH_MOVING,
} Swatch;

static void
draw_swatch (RubricPdf *pdf,
             Swatch     swatch,
             double     x,
             double     middle)
{
  static const double dashes[] = { 3, 2 };
  cairo_t *cr = pdf->cr;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  switch (swatch)
    {
    case SWATCH_BAR:
      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_ACCENT, 0.55);
      cairo_rectangle (cr, x, middle - 3.5, 14, 7);
      cairo_fill (cr);
      break;

    case SWATCH_WHISKER:
      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK, 1.0);
      cairo_move_to (cr, x, middle);
      cairo_line_to (cr, x + 14, middle);
      cairo_move_to (cr, x, middle - 3);
      cairo_line_to (cr, x, middle + 3);
      cairo_move_to (cr, x + 14, middle - 3);
      cairo_line_to (cr, x + 14, middle + 3);
      cairo_stroke (cr);
      break;

    case SWATCH_TARGET:
      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_TARGET, 1.0);
      cairo_set_line_width (cr, 1.8);
      cairo_move_to (cr, x + 7, middle - 5);
      cairo_line_to (cr, x + 7, middle + 5);
      cairo_stroke (cr);
      break;

    case SWATCH_LINE:
      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_ACCENT, 1.0);
      cairo_set_line_width (cr, 1.6);
      cairo_move_to (cr, x, middle);
      cairo_line_to (cr, x + 14, middle);
      cairo_stroke (cr);
      cairo_arc (cr, x + 7, middle, 2.2, 0, 2 * G_PI);
      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_WHITE, 1.0);
      cairo_fill_preserve (cr);
      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_ACCENT, 1.0);
      cairo_stroke (cr);
      break;

    case SWATCH_BAND:
      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_ACCENT, 0.18);
      cairo_rectangle (cr, x, middle - 4, 14, 8);
      cairo_fill (cr);
      break;

    case SWATCH_TEAM_BAR:
      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_MUTED, 0.45);
      cairo_rectangle (cr, x, middle - 2.5, 14, 5);
      cairo_fill (cr);
      break;

    case SWATCH_TEAM_BAND:
      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_MUTED, 0.16);
      cairo_rectangle (cr, x, middle - 4, 14, 8);
      cairo_fill (cr);
      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_MUTED, 1.0);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_move_to (cr, x, middle);
      cairo_line_to (cr, x + 14, middle);
      cairo_stroke (cr);
      break;

    case SWATCH_MOVING:
      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_TARGET, 1.0);
      cairo_set_line_width (cr, 1.3);
      cairo_move_to (cr, x, middle);
      cairo_line_to (cr, x + 14, middle);
      cairo_stroke (cr);
      break;

    case SWATCH_DASH:
    default:
      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_MUTED, 1.0);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_move_to (cr, x, middle);
      cairo_line_to (cr, x + 14, middle);
      cairo_stroke (cr);
      break;
    }
  cairo_restore (cr);
}

typedef struct
{
  Swatch      swatch;
  const char *text;
} LegendEntry;

/* The entries in a row, wrapped to more rows when the translation is long;
 * returns the height. */
static double
legend (RubricPdf         *pdf,
        const LegendEntry *entries,
        guint              n_entries,
        double             x,
        double             y,
        double             width,
        gboolean           draw)
{
  double line_x = x;
  double line_y = y;
  double line_height = 0;

  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(PangoLayout) layout =
        rubric_pdf_layout (pdf, entries[i].text,
                           &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL, .max_lines = 1 },
                           width - 18);
      double entry_width = 18 + rubric_pdf_layout_width (layout);
      double height = rubric_pdf_layout_height (layout);

      if (line_x > x && line_x + entry_width > x + width)
        {
          line_x = x;
          line_y += line_height + 3;
          line_height = 0;
        }
      if (draw)
        {
          draw_swatch (pdf, entries[i].swatch, line_x, line_y + height / 2);
          rubric_pdf_show (pdf, layout, line_x + 18, line_y, RUBRIC_PDF_INK_MUTED);
        }
      line_x += entry_width + 12;
      line_height = MAX (line_height, height);
    }

  return line_y + line_height - y;
}

static double
empty_note (RubricPdf  *pdf,
            const char *text,
            double      x,
            double      y,
            double      width,
            gboolean    draw)
{
  g_autoptr(PangoLayout) layout =
    rubric_pdf_layout (pdf, text, &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_BODY }, width);

  if (draw)
    rubric_pdf_show (pdf, layout, x, y, RUBRIC_PDF_INK_MUTED);
  return MAX (rubric_pdf_layout_height (layout), EMPTY_HEIGHT);
}

/* ------------------------------------------------------------------ */
/* QA means by category                                                */

#define QA_BAR_HEIGHT   6.5
#define QA_ROW_GAP      4.5
#define QA_VALUE_WIDTH  80.0
#define QA_AXIS_HEIGHT  12.0
#define QA_LEGEND_GAP   6.0
#define QA_TEAM_BAR_HEIGHT      4.0
#define QA_COMPARE_VALUE_WIDTH  190.0

typedef struct
{
  const char         *label;
  gboolean            overall;
  const RubricQaMean *mean;
  gboolean            has_target;
  double              target;
  const RubricQaMean *team;       /* compared with, under the bar; NULL: none */
} QaRow;

/* The target of the qa-KEY objective, when the contract has one. */
static gboolean
qa_target (const RubricRating *rating,
           const char         *key,
           double             *target)
{
  g_autofree char *metric = g_strconcat ("qa-", key, NULL);

  for (guint i = 0; rating->objectives != NULL && i < rating->objectives->len; i++)
    {
      const RubricRatingObjective *objective = g_ptr_array_index (rating->objectives, i);

      if (g_str_equal (objective->metric, metric))
        {
          *target = objective->target;
          return TRUE;
        }
    }
  return FALSE;
}

/* Overall first, then the categories in their (key) order. */
static GArray *
qa_rows (const RubricRating *rating)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (QaRow));
  QaRow overall = { _("Overall"), TRUE, &rating->qa_overall, FALSE, 0, NULL };

  overall.has_target = qa_target (rating, "overall", &overall.target);
  g_array_append_val (rows, overall);

  for (guint i = 0; rating->qa_categories != NULL && i < rating->qa_categories->len; i++)
    {
      const RubricQaCategory *category = g_ptr_array_index (rating->qa_categories, i);
      QaRow row = { rubric_category_name (category->key), FALSE, &category->mean, FALSE, 0,
                    NULL };

      row.has_target = qa_target (rating, category->key, &row.target);
      g_array_append_val (rows, row);
    }

  return rows;
}

static gboolean
qa_has_data (const RubricRating *rating)
{
  if (rating->qa_overall.has_mean)
    return TRUE;
  for (guint i = 0; rating->qa_categories != NULL && i < rating->qa_categories->len; i++)
    {
      const RubricQaCategory *category = g_ptr_array_index (rating->qa_categories, i);

      if (category->mean.has_mean)
        return TRUE;
    }
  return FALSE;
}

static double
scale_x (double x,
         double width,
         double value)
{
  return x + width * CLAMP (value, 0, 100) / 100.0;
}

static void
draw_whisker (RubricPdf          *pdf,
              const RubricQaMean *mean,
              double              x,
              double              width,
              double              middle,
              double              half)
{
  cairo_t *cr = pdf->cr;
  double low = scale_x (x, width, mean->low);
  double high = scale_x (x, width, mean->high);

  rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK, 1.0);
  cairo_set_line_width (cr, 0.9);
  cairo_move_to (cr, low, middle);
  cairo_line_to (cr, high, middle);
  cairo_move_to (cr, low, middle - half);
  cairo_line_to (cr, low, middle + half);
  cairo_move_to (cr, high, middle - half);
  cairo_line_to (cr, high, middle + half);
  cairo_stroke (cr);
}

/* One row: the name and the figures above a 0–100 track with the bar, its
 * whisker and the target; with a team to compare with, the team's bar and
 * whisker under it, thinner and grey, and its figures beside the row's.
 * Returns the row's height. */
static double
qa_row (RubricPdf   *pdf,
        const QaRow *row,
        double       x,
        double       y,
        double       width,
        gboolean     draw)
{
  cairo_t *cr = pdf->cr;
  const RubricQaMean *mean = row->mean;
  const RubricQaMean *team = row->team;
  g_autofree char *n = rubric_pdf_count (pdf, mean->n);
  int decimals = rubric_metric_unit_decimals (RUBRIC_METRIC_UNIT_SCORE);
  g_autofree char *value = mean->has_mean ? rubric_pdf_number (pdf, mean->mean, decimals)
                                          : g_strdup (RUBRIC_PDF_DASH);
  double value_width = team != NULL ? QA_COMPARE_VALUE_WIDTH : QA_VALUE_WIDTH;
  double track_height = team != NULL ? QA_BAR_HEIGHT + QA_TEAM_BAR_HEIGHT + 1 : QA_BAR_HEIGHT;
  g_autofree char *markup = NULL;
  g_autoptr(PangoLayout) label = NULL;
  g_autoptr(PangoLayout) figure = NULL;
  double text_height;
  double bar_y;

  /* Translators: a QA mean and the number of scores it is taken over, in
   * the chart. */
  markup = g_markup_printf_escaped (_("<b>%s</b>  n = %s"), value, n);
  if (team != NULL)
    {
      g_autofree char *team_n = rubric_pdf_count (pdf, team->n);
      g_autofree char *team_value = team->has_mean
                                    ? rubric_pdf_number (pdf, team->mean, decimals)
                                    : g_strdup (RUBRIC_PDF_DASH);
      g_autofree char *team_markup = NULL;
      g_autofree char *mine = NULL;

      /* Translators: the team's mean and its number of scores beside an
       * agent's, in the chart of the coaching report. */
      team_markup = g_markup_printf_escaped (_("team %s  n = %s"), team_value, team_n);
      mine = g_steal_pointer (&markup);
      /* In RUBRIC_PDF_INK_MUTED. */
      markup = g_strdup_printf ("%s   <span foreground=\"#666e7a\">%s</span>", mine,
                                team_markup);
    }
  figure = rubric_pdf_layout (pdf, markup,
                              &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_TABLE, .max_lines = 1,
                                                  .alignment = PANGO_ALIGN_RIGHT, .markup = TRUE },
                              value_width);
  label = rubric_pdf_layout (pdf, row->label,
                             &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_TABLE,
                                                 .weight = row->overall
                                                           ? PANGO_WEIGHT_BOLD
                                                           : PANGO_WEIGHT_NORMAL,
                                                 .max_lines = 1 }, width - value_width - 6);
  text_height = MAX (rubric_pdf_layout_height (label), rubric_pdf_layout_height (figure));
  bar_y = y + text_height + 1.5;

  if (!draw)
    return text_height + 1.5 + track_height + QA_ROW_GAP;

  rubric_pdf_show (pdf, label, x, y, RUBRIC_PDF_INK);
  rubric_pdf_show (pdf, figure, x + width - value_width, y, RUBRIC_PDF_INK);

  rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_GRID, 0.7);
  cairo_rectangle (cr, x, bar_y, width, track_height);
  cairo_fill (cr);

  if (mean->has_mean)
    {
      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_ACCENT, row->overall ? 0.9 : 0.55);
      cairo_rectangle (cr, x, bar_y, scale_x (x, width, mean->mean) - x, QA_BAR_HEIGHT);
      cairo_fill (cr);
    }

  if (team != NULL && team->has_mean)
    {
      double team_y = bar_y + QA_BAR_HEIGHT + 1;

      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_MUTED, 0.45);
      cairo_rectangle (cr, x, team_y, scale_x (x, width, team->mean) - x, QA_TEAM_BAR_HEIGHT);
      cairo_fill (cr);
      if (team->has_ci)
        draw_whisker (pdf, team, x, width, team_y + QA_TEAM_BAR_HEIGHT / 2, 2);
    }

  if (mean->has_mean && mean->has_ci)
    draw_whisker (pdf, mean, x, width, bar_y + QA_BAR_HEIGHT / 2, 3);

  if (row->has_target)
    {
      double tx = scale_x (x, width, row->target);

      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_TARGET, 1.0);
      cairo_set_line_width (cr, 1.8);
      cairo_move_to (cr, tx, bar_y - 2);
      cairo_line_to (cr, tx, bar_y + QA_BAR_HEIGHT + 2);
      cairo_stroke (cr);
    }

  return text_height + 1.5 + track_height + QA_ROW_GAP;
}

/* The 0–100 scale under the last track at @y (the bottom of its row). */
static void
qa_scale (RubricPdf *pdf,
          double     x,
          double     y,
          double     width)
{
  for (int tick = 0; tick <= 100; tick += 25)
    {
      g_autofree char *text = rubric_pdf_number (pdf, tick, 0);
      RubricPdfStyle style = {
        .size = RUBRIC_PDF_SIZE_SMALL - 0.5,
        .max_lines = 1,
        .alignment = tick == 0 ? PANGO_ALIGN_LEFT
                     : tick == 100 ? PANGO_ALIGN_RIGHT
                     : PANGO_ALIGN_CENTER,
      };
      g_autoptr(PangoLayout) layout = rubric_pdf_layout (pdf, text, &style, 30);
      double tx = scale_x (x, width, tick);

      rubric_pdf_show (pdf, layout, tick == 0 ? tx : tick == 100 ? tx - 30 : tx - 15,
                       y - QA_ROW_GAP + 2, RUBRIC_PDF_INK_MUTED);
    }
}

double
rubric_pdf_qa_chart (RubricPdf          *pdf,
                     const RubricRating *rating,
                     double              x,
                     double              y,
                     double              width,
                     gboolean            draw)
{
  g_autoptr(GArray) rows = NULL;
  LegendEntry entries[3] = { { SWATCH_BAR, _("Mean score") }, };
  guint n_entries = 1;
  gboolean any_target = FALSE;
  gboolean any_ci = FALSE;
  double top = y;

  if (!qa_has_data (rating))
    return empty_note (pdf, _("No submitted evaluation scores a call of this period."),
                       x, y, width, draw);

  rows = qa_rows (rating);
  for (guint i = 0; i < rows->len; i++)
    {
      const QaRow *row = &g_array_index (rows, QaRow, i);

      any_target |= row->has_target;
      any_ci |= row->mean->has_mean && row->mean->has_ci;
      y += qa_row (pdf, row, x, y, width, draw);
    }

  /* The scale under the last track. */
  if (draw)
    qa_scale (pdf, x, y, width);
  y += QA_AXIS_HEIGHT - QA_ROW_GAP + QA_LEGEND_GAP;

  if (any_ci)
    entries[n_entries++] = (LegendEntry) {
      SWATCH_WHISKER,
      /* xgettext:no-c-format */
      _("95 % confidence interval")
    };
  if (any_target)
    entries[n_entries++] = (LegendEntry) { SWATCH_TARGET, _("Target") };
  y += legend (pdf, entries, n_entries, x, y, width, draw);

  return y - top;
}

/* Means against a team's (the coaching report): the same tracks as the
 * QA chart, the team's bar under each, no targets. */
double
rubric_pdf_compare_chart (RubricPdf                 *pdf,
                          const RubricPdfCompareRow *rows,
                          guint                      n_rows,
                          const char                *mean_label,
                          const char                *team_label,
                          double                     x,
                          double                     y,
                          double                     width,
                          gboolean                   draw)
{
  LegendEntry entries[3] = {
    { SWATCH_BAR, mean_label },
    { SWATCH_TEAM_BAR, team_label },
  };
  guint n_entries = 2;
  gboolean any = FALSE;
  gboolean any_ci = FALSE;
  double top = y;

  for (guint i = 0; i < n_rows; i++)
    {
      any |= rows[i].mean->has_mean || (rows[i].team != NULL && rows[i].team->has_mean);
      any_ci |= (rows[i].mean->has_mean && rows[i].mean->has_ci) ||
                (rows[i].team != NULL && rows[i].team->has_mean && rows[i].team->has_ci);
    }
  if (!any)
    return empty_note (pdf, _("No submitted evaluation has a score in this period."),
                       x, y, width, draw);

  for (guint i = 0; i < n_rows; i++)
    {
      QaRow row = { rows[i].label, rows[i].overall, rows[i].mean, FALSE, 0, rows[i].team };

      y += qa_row (pdf, &row, x, y, width, draw);
    }
  if (draw)
    qa_scale (pdf, x, y, width);
  y += QA_AXIS_HEIGHT - QA_ROW_GAP + QA_LEGEND_GAP;

  if (any_ci)
    entries[n_entries++] = (LegendEntry) {
      SWATCH_WHISKER,
      /* xgettext:no-c-format */
      _("95 % confidence interval")
    };
  y += legend (pdf, entries, n_entries, x, y, width, draw);

  return y - top;
}

/* ------------------------------------------------------------------ */
/* The rating over the last periods                                    */

#define TREND_PLOT_HEIGHT   120.0
#define TREND_TICKS_HEIGHT  22.0
#define TREND_AXIS_WIDTH    22.0
#define TREND_BANDS_WIDTH   24.0

/* The bottom of the scale: a little under the lowest figure, on a round
 * number, so that the differences between periods can be seen; the top is
 * always 100. */
static gboolean
series_lowest (GArray *series,
               double *lowest)
{
  gboolean any = FALSE;

  for (guint i = 0; series != NULL && i < series->len; i++)
    {
      const RubricRatingPoint *point = &g_array_index (series, RubricRatingPoint, i);

      if (!point->has_rating)
        continue;
      *lowest = MIN (*lowest, MIN (point->rating, point->low));
      any = TRUE;
    }
  return any;
}

static double
floor_under (double   lowest,
             gboolean any)
{
  if (!any)
    return 0;
  return CLAMP (floor ((lowest - 5) / 10) * 10, 0, 80);
}

static double
trend_floor (GArray *trend)
{
  double lowest = 100;
  gboolean any = series_lowest (trend, &lowest);

  return floor_under (lowest, any);
}

static double
trend_step (double floor_value)
{
  double span = 100 - floor_value;

  if (span <= 30)
    return 5;
  if (span <= 60)
    return 10;
  return 20;
}

static int
point_year (const RubricRatingPoint *point)
{
  GDate date;

  rubric_day_to_date (point->range.first, &date);
  return g_date_get_year (&date);
}

typedef struct
{
  double x;            /* the plot */
  double y;
  double width;
  double floor_value;  /* the value at the bottom; the top is 100 */
  double slot;         /* the width each period has */
} Plot;

static double
plot_y_of (const Plot *plot,
           double      value)
{
  value = CLAMP (value, plot->floor_value, 100);
  return plot->y + TREND_PLOT_HEIGHT * (100 - value) / (100 - plot->floor_value);
}

static double
plot_x_of (const Plot *plot,
           guint       i)
{
  return plot->x + plot->slot * (i + 0.5);
}

/* The contract's grade bands behind the plot, each named at the right. */
static void
draw_grades (RubricPdf          *pdf,
             const RubricRating *rating,
             const Plot         *plot)
{
  static const double dashes[] = { 3, 2 };
  const RubricContract *contract = rating->contract;
  cairo_t *cr = pdf->cr;
  double upper = 100;

  if (contract == NULL || contract->grades == NULL)
    return;

  for (guint i = 0; i < contract->grades->len && upper > plot->floor_value; i++)
    {
      const RubricGrade *grade = g_ptr_array_index (contract->grades, i);
      double lower = MAX (grade->min, plot->floor_value);
      RubricPdfInk ink = rubric_pdf_grade_ink (contract, grade->name);
      double top = plot_y_of (plot, upper);
      double bottom = plot_y_of (plot, lower);
      g_autoptr(PangoLayout) name = NULL;

      upper = MIN (upper, grade->min);
      if (bottom - top < 0.5)
        continue;

      rubric_pdf_set_ink (pdf, ink, i % 2 == 0 ? 0.07 : 0.04);
      cairo_rectangle (cr, plot->x, top, plot->width, bottom - top);
      cairo_fill (cr);

      name = rubric_pdf_layout (pdf, grade->name,
                                &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL,
                                                    .weight = PANGO_WEIGHT_BOLD, .max_lines = 1 },
                                TREND_BANDS_WIDTH - 4);
      if (bottom - top >= rubric_pdf_layout_height (name))
        rubric_pdf_show (pdf, name, plot->x + plot->width + 4,
                         (top + bottom - rubric_pdf_layout_height (name)) / 2, ink);

      if (grade->min > plot->floor_value && grade->min < 100)
        {
          cairo_save (cr);
          rubric_pdf_set_ink (pdf, ink, 0.8);
          cairo_set_line_width (cr, 0.7);
          cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
          cairo_move_to (cr, plot->x, bottom);
          cairo_line_to (cr, plot->x + plot->width, bottom);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
    }
}

static void
draw_scale (RubricPdf  *pdf,
            const Plot *plot,
            double      x)
{
  cairo_t *cr = pdf->cr;
  double step = trend_step (plot->floor_value);

  cairo_set_line_width (cr, 0.5);
  for (double v = plot->floor_value; v <= 100 + 1e-9; v += step)
    {
      g_autofree char *label = rubric_pdf_number (pdf, v, 0);
      g_autoptr(PangoLayout) layout =
        rubric_pdf_layout (pdf, label,
                           &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL - 0.5,
                                               .max_lines = 1, .alignment = PANGO_ALIGN_RIGHT },
                           TREND_AXIS_WIDTH - 5);

      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_GRID, 1.0);
      cairo_move_to (cr, plot->x, plot_y_of (plot, v));
      cairo_line_to (cr, plot->x + plot->width, plot_y_of (plot, v));
      cairo_stroke (cr);
      rubric_pdf_show (pdf, layout, x, plot_y_of (plot, v) - rubric_pdf_layout_height (layout) / 2,
                       RUBRIC_PDF_INK_MUTED);
    }

  rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_FAINT, 1.0);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, plot->x, plot->y + TREND_PLOT_HEIGHT);
  cairo_line_to (cr, plot->x + plot->width, plot->y + TREND_PLOT_HEIGHT);
  cairo_stroke (cr);
}

/* The band and the line, broken where a period has no rating: a gap says
 * more than a line drawn through nothing. */
static gboolean
draw_line (RubricPdf  *pdf,
           GArray     *trend,
           const Plot *plot,
           gboolean    ratings)
{
  cairo_t *cr = pdf->cr;
  gboolean any = FALSE;

  for (guint start = 0, end; start < trend->len; start = end + 1)
    {
      end = start;
      if (!g_array_index (trend, RubricRatingPoint, start).has_rating)
        continue;
      while (end + 1 < trend->len && g_array_index (trend, RubricRatingPoint, end + 1).has_rating)
        end++;
      any = TRUE;

      cairo_new_path (cr);
      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_ACCENT, 0.16);
      if (start == end)
        {
          const RubricRatingPoint *point = &g_array_index (trend, RubricRatingPoint, start);

          cairo_rectangle (cr, plot_x_of (plot, start) - 4, plot_y_of (plot, point->high), 8,
                           plot_y_of (plot, point->low) - plot_y_of (plot, point->high));
        }
      else
        {
          for (guint i = start; i <= end; i++)
            cairo_line_to (cr, plot_x_of (plot, i),
                           plot_y_of (plot, g_array_index (trend, RubricRatingPoint, i).high));
          for (guint i = end + 1; i-- > start;)
            cairo_line_to (cr, plot_x_of (plot, i),
                           plot_y_of (plot, g_array_index (trend, RubricRatingPoint, i).low));
          cairo_close_path (cr);
        }
      cairo_fill (cr);

      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_ACCENT, 1.0);
      cairo_set_line_width (cr, 1.6);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint i = start; i <= end; i++)
        cairo_line_to (cr, plot_x_of (plot, i),
                       plot_y_of (plot, g_array_index (trend, RubricRatingPoint, i).rating));
      cairo_stroke (cr);
    }

  /* Every point hollow, the rated period's solid and labelled. */
  for (guint i = 0; i < trend->len; i++)
    {
      const RubricRatingPoint *point = &g_array_index (trend, RubricRatingPoint, i);
      gboolean rated = i == trend->len - 1;
      double px = plot_x_of (plot, i);

      if (!point->has_rating)
        continue;

      cairo_new_path (cr);
      cairo_arc (cr, px, plot_y_of (plot, point->rating), rated ? 3.2 : 2.2, 0, 2 * G_PI);
      rubric_pdf_set_ink (pdf, rated ? RUBRIC_PDF_INK_ACCENT : RUBRIC_PDF_INK_WHITE, 1.0);
      cairo_fill_preserve (cr);
      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_ACCENT, 1.0);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);

      if (rated)
        {
          g_autofree char *value =
            ratings ? rubric_pdf_number (pdf, rubric_rating_floor (point->rating),
                                         RUBRIC_RATING_DECIMALS)
                    : rubric_pdf_number (pdf, point->rating,
                                         rubric_metric_unit_decimals (RUBRIC_METRIC_UNIT_SCORE));
          g_autoptr(PangoLayout) label =
            rubric_pdf_layout (pdf, value,
                               &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL,
                                                   .weight = PANGO_WEIGHT_BOLD }, -1);
          double label_width = rubric_pdf_layout_width (label);
          double label_y = plot_y_of (plot, point->high) - rubric_pdf_layout_height (label) - 2;

          /* Below the band when there is no room above it. */
          if (label_y < plot->y)
            label_y = plot_y_of (plot, point->low) + 2;
          rubric_pdf_show (pdf, label, MIN (px - label_width / 2,
                                            plot->x + plot->width - label_width),
                           label_y, RUBRIC_PDF_INK);
        }
    }

  return any;
}

/* The periods under the plot. When their names are wider than a period's
 * slot, every second (third…) one is named, counting back from the rated
 * period, which always is; the year comes with the first name and where it
 * changes. */
static void
draw_ticks (RubricPdf        *pdf,
            GArray           *trend,
            RubricPeriodKind  kind,
            const Plot       *plot)
{
  double widest = 0;
  guint every;
  int last_year = G_MININT;

  for (guint i = 0; i < trend->len; i++)
    {
      const RubricRatingPoint *point = &g_array_index (trend, RubricRatingPoint, i);
      g_autofree char *tick = rubric_pdf_period_tick (point->range, kind, TRUE);
      g_autoptr(PangoLayout) layout =
        rubric_pdf_layout (pdf, tick,
                           &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL - 0.5,
                                               .weight = PANGO_WEIGHT_BOLD,
                                               .alignment = PANGO_ALIGN_CENTER }, -1);

      widest = MAX (widest, rubric_pdf_layout_width (layout));
    }
  every = (guint) ceil ((widest + 3) / plot->slot);
  every = MAX (every, 1);

  for (guint i = 0; i < trend->len; i++)
    {
      const RubricRatingPoint *point = &g_array_index (trend, RubricRatingPoint, i);
      gboolean rated = i == trend->len - 1;
      int year = point_year (point);
      g_autofree char *tick = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      double width = plot->slot * every;

      if ((trend->len - 1 - i) % every != 0)
        continue;

      tick = rubric_pdf_period_tick (point->range, kind, year != last_year);
      layout = rubric_pdf_layout (pdf, tick,
                                  &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL - 0.5,
                                                      .weight = rated
                                                                ? PANGO_WEIGHT_BOLD
                                                                : PANGO_WEIGHT_NORMAL,
                                                      .max_lines = 2,
                                                      .alignment = PANGO_ALIGN_CENTER }, width);
      last_year = year;
      rubric_pdf_show (pdf, layout, plot_x_of (plot, i) - width / 2,
                       plot->y + TREND_PLOT_HEIGHT + 3,
                       rated ? RUBRIC_PDF_INK : RUBRIC_PDF_INK_MUTED);
    }
}

double
rubric_pdf_trend_chart (RubricPdf          *pdf,
                        const RubricRating *rating,
                        double              x,
                        double              y,
                        double              width,
                        gboolean            draw)
{
  const LegendEntry entries[] = {
    { SWATCH_LINE, _("Rating") },
    { SWATCH_BAND, _("Range (QA confidence)") },
    { SWATCH_DASH, _("Grade minimum") },
  };
  GArray *trend = rating->trend;
  Plot plot;
  double legend_height;

  if (trend == NULL || trend->len == 0)
    return empty_note (pdf, _("The rating was computed without its history."),
                       x, y, width, draw);

  legend_height = legend (pdf, entries, G_N_ELEMENTS (entries), x, y, width, draw) + 6;
  if (!draw)
    return legend_height + TREND_PLOT_HEIGHT + TREND_TICKS_HEIGHT;

  plot.x = x + TREND_AXIS_WIDTH;
  plot.y = y + legend_height;
  plot.width = width - TREND_AXIS_WIDTH - TREND_BANDS_WIDTH;
  plot.floor_value = trend_floor (trend);
  plot.slot = plot.width / trend->len;

  draw_grades (pdf, rating, &plot);
  draw_scale (pdf, &plot, x);
  draw_ticks (pdf, trend, rating->kind, &plot);
  if (!draw_line (pdf, trend, &plot, TRUE))
    {
      g_autoptr(PangoLayout) layout =
        rubric_pdf_layout (pdf, _("No rating in these periods."),
                           &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_BODY,
                                               .alignment = PANGO_ALIGN_CENTER }, plot.width);

      rubric_pdf_show (pdf, layout, plot.x,
                       plot.y + (TREND_PLOT_HEIGHT - rubric_pdf_layout_height (layout)) / 2,
                       RUBRIC_PDF_INK_MUTED);
    }

  return legend_height + TREND_PLOT_HEIGHT + TREND_TICKS_HEIGHT;
}

/* ------------------------------------------------------------------ */
/* A score over buckets (the coaching report)                          */

/* The team's band behind the plot, grey, and its mean dashed; broken where
 * a bucket has no team score. */
static void
draw_team_band (RubricPdf  *pdf,
                GArray     *team,
                const Plot *plot)
{
  static const double dashes[] = { 3, 2 };
  cairo_t *cr = pdf->cr;

  for (guint start = 0, end; start < team->len; start = end + 1)
    {
      end = start;
      if (!g_array_index (team, RubricRatingPoint, start).has_rating)
        continue;
      while (end + 1 < team->len && g_array_index (team, RubricRatingPoint, end + 1).has_rating)
        end++;

      cairo_new_path (cr);
      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_MUTED, 0.16);
      if (start == end)
        {
          const RubricRatingPoint *point = &g_array_index (team, RubricRatingPoint, start);

          cairo_rectangle (cr, plot_x_of (plot, start) - 6, plot_y_of (plot, point->high), 12,
                           MAX (plot_y_of (plot, point->low) - plot_y_of (plot, point->high),
                                0.8));
        }
      else
        {
          for (guint i = start; i <= end; i++)
            cairo_line_to (cr, plot_x_of (plot, i),
                           plot_y_of (plot, g_array_index (team, RubricRatingPoint, i).high));
          for (guint i = end + 1; i-- > start;)
            cairo_line_to (cr, plot_x_of (plot, i),
                           plot_y_of (plot, g_array_index (team, RubricRatingPoint, i).low));
          cairo_close_path (cr);
        }
      cairo_fill (cr);

      cairo_save (cr);
      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_MUTED, 1.0);
      cairo_set_line_width (cr, 0.9);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      if (start == end)
        {
          double py = plot_y_of (plot, g_array_index (team, RubricRatingPoint, start).rating);

          cairo_move_to (cr, plot_x_of (plot, start) - 6, py);
          cairo_line_to (cr, plot_x_of (plot, start) + 6, py);
        }
      else
        for (guint i = start; i <= end; i++)
          cairo_line_to (cr, plot_x_of (plot, i),
                         plot_y_of (plot, g_array_index (team, RubricRatingPoint, i).rating));
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

/* The moving average: a thinner line of its own colour, broken where it is
 * undefined. */
static void
draw_moving (RubricPdf  *pdf,
             GArray     *moving,
             const Plot *plot)
{
  cairo_t *cr = pdf->cr;

  rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_TARGET, 1.0);
  cairo_set_line_width (cr, 1.3);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < moving->len; i++)
    {
      const RubricRatingPoint *point = &g_array_index (moving, RubricRatingPoint, i);
      double px = plot_x_of (plot, i);
      double py;

      if (!point->has_rating)
        {
          cairo_stroke (cr);
          continue;
        }
      py = plot_y_of (plot, point->rating);
      if (i == 0 || !g_array_index (moving, RubricRatingPoint, i - 1).has_rating)
        {
          cairo_stroke (cr);
          /* A point alone still shows. */
          cairo_arc (cr, px, py, 1.3, 0, 2 * G_PI);
          cairo_fill (cr);
          cairo_move_to (cr, px, py);
        }
      else
        cairo_line_to (cr, px, py);
    }
  cairo_stroke (cr);
}

double
rubric_pdf_score_trend_chart (RubricPdf                 *pdf,
                              const RubricPdfScoreTrend *trend,
                              double                     x,
                              double                     y,
                              double                     width,
                              gboolean                   draw)
{
  LegendEntry entries[4] = { { SWATCH_LINE, trend->score_label }, };
  guint n_entries = 1;
  GArray *points = trend->points;
  Plot plot;
  double lowest = 100;
  gboolean any;
  double legend_height;

  if (points == NULL || points->len == 0)
    return empty_note (pdf, _("No periods to show."), x, y, width, draw);

  entries[n_entries++] = (LegendEntry) { SWATCH_BAND, trend->band_label };
  if (trend->moving != NULL)
    entries[n_entries++] = (LegendEntry) { SWATCH_MOVING, trend->moving_label };
  if (trend->team != NULL)
    entries[n_entries++] = (LegendEntry) { SWATCH_TEAM_BAND, trend->team_label };

  legend_height = legend (pdf, entries, n_entries, x, y, width, draw) + 6;
  if (!draw)
    return legend_height + TREND_PLOT_HEIGHT + TREND_TICKS_HEIGHT;

  any = series_lowest (points, &lowest);
  any |= series_lowest (trend->moving, &lowest);
  any |= series_lowest (trend->team, &lowest);

  plot.x = x + TREND_AXIS_WIDTH;
  plot.y = y + legend_height;
  plot.width = width - TREND_AXIS_WIDTH - 6;
  plot.floor_value = floor_under (lowest, any);
  plot.slot = plot.width / points->len;

  draw_scale (pdf, &plot, x);
  if (trend->team != NULL)
    draw_team_band (pdf, trend->team, &plot);
  draw_ticks (pdf, points, trend->kind, &plot);
  if (trend->moving != NULL)
    draw_moving (pdf, trend->moving, &plot);
  if (!draw_line (pdf, points, &plot, FALSE))
    {
      g_autoptr(PangoLayout) layout =
        rubric_pdf_layout (pdf, _("No score in these periods."),
                           &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_BODY,
                                               .alignment = PANGO_ALIGN_CENTER }, plot.width);

      rubric_pdf_show (pdf, layout, plot.x,
                       plot.y + (TREND_PLOT_HEIGHT - rubric_pdf_layout_height (layout)) / 2,
                       RUBRIC_PDF_INK_MUTED);
    }

  return legend_height + TREND_PLOT_HEIGHT + TREND_TICKS_HEIGHT;
}
