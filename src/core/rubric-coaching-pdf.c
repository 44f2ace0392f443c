/* rubric-coaching-pdf.c — an agent's coaching report (SPEC §10, issue 12)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One agent over a period, on A4 pages in the look of the contract-review
 * report (rubric-rating-pdf.c gives the document, the pages, the tables and
 * the text; rubric-rating-charts.c the charts): who and when, the score per
 * bucket with its moving average against the team's band, the categories
 * against the team's, the weakest criteria with what the reviewers wrote
 * on them, the evaluations that pulled the score down, and how to read it
 * all.
 *
 * The figures are gathered first (rubric-coaching-data.c) into a
 * RubricCoachingData, then drawn here: the drawing never touches the
 * database.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rubric-coaching-pdf-private.h"
#include "rubric-error.h"
#include "rubric-rating-pdf-private.h"
#include "rubric-rating-text.h"
#include "rubric-trends.h"

static gboolean
has_scores (const RubricCoachingData *data)
{
  for (guint i = 0; i < data->rows->len; i++)
    {
      const RubricTrendRow *row = g_ptr_array_index (data->rows, i);

      if (row->score.n > 0)
        return TRUE;
    }
  /* Evaluations answered N/A throughout have no score but their answers
   * and comments are still worth the pages. */
  return data->overall.n > 0 || data->evaluations > 0 || data->lowest->len > 0 ||
         data->criteria->len > 0;
}

/* ------------------------------------------------------------------ */
/* Words                                                               */

static const char *
agent_title (const RubricCoachingData *data)
{
  return data->agent_name != NULL && *data->agent_name != '\0' ? data->agent_name : data->agent;
}

static char *
figure_or_dash (RubricPdf *pdf,
                gboolean   defined,
                double     value)
{
  return defined ? rubric_pdf_number (pdf, value,
                                      rubric_metric_unit_decimals (RUBRIC_METRIC_UNIT_SCORE))
                 : g_strdup (RUBRIC_PDF_DASH);
}

static char *
ci_text (RubricPdf          *pdf,
         const RubricQaMean *mean)
{
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;

  if (!mean->has_mean || !mean->has_ci)
    return g_strdup (RUBRIC_PDF_DASH);
  low = figure_or_dash (pdf, TRUE, mean->low);
  high = figure_or_dash (pdf, TRUE, mean->high);
  return g_strconcat (low, "–", high, NULL);
}

/* "12:05, 5 October 2026" in @tzid (UTC when unknown). */
static char *
local_time_text (gint64      unix_utc,
                 const char *tzid)
{
  g_autoptr(GTimeZone) zone = tzid != NULL ? g_time_zone_new_identifier (tzid) : NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_utc);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  g_autofree char *clock = NULL;
  GDate date;

  if (utc == NULL)
    return g_strdup (RUBRIC_PDF_DASH);
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (utc, zone);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  day = rubric_day_title (rubric_day_from_date (&date));
  clock = g_date_time_format (local, "%H:%M");
  /* Translators: when a call was, in the vendor's zone: the day
   * ("5 October 2026") and the time ("14:05"). */
  return g_strdup_printf (_("%s, %s"), day, clock);
}

/* ------------------------------------------------------------------ */
/* The top of the first page                                           */

static void
draw_header (RubricPdf                *pdf,
             const RubricCoachingData *data)
{
  const double x = RUBRIC_PDF_MARGIN;
  const double width = RUBRIC_PDF_WIDTH;
  g_autofree char *eyebrow = g_utf8_strup (C_("coaching report", "Coaching report"), -1);
  g_autofree char *generated = g_strdup_printf (_("Generated %s"), pdf->generated);
  g_autofree char *days = rubric_day_range_title (data->range);
  g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *meta = NULL;
  g_autofree char *who = NULL;

  rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_ACCENT, 1.0);
  cairo_rectangle (pdf->cr, x, pdf->y, 28, 3);
  cairo_fill (pdf->cr);
  pdf->y += 8;

  rubric_pdf_text (pdf, eyebrow,
                   &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL,
                                       .weight = PANGO_WEIGHT_BOLD, .ink = RUBRIC_PDF_INK_ACCENT,
                                       .max_lines = 1 }, x, pdf->y, width / 2);
  pdf->y += rubric_pdf_text (pdf, generated,
                             &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL,
                                                 .ink = RUBRIC_PDF_INK_MUTED, .max_lines = 1,
                                                 .alignment = PANGO_ALIGN_RIGHT },
                             x + width / 2, pdf->y, width / 2);
  pdf->y += 4;

  pdf->y += rubric_pdf_text (pdf, agent_title (data),
                             &(RubricPdfStyle) { .size = 20, .weight = PANGO_WEIGHT_BOLD,
                                                 .max_lines = 2 }, x, pdf->y, width);
  pdf->y += 2;

  if (data->team != NULL && *data->team != '\0')
    /* Translators: under the agent's name: the agent's id, vendor and
     * team. */
    who = g_strdup_printf (_("Agent %s · %s · team %s"), data->agent, data->vendor, data->team);
  else
    /* Translators: under the agent's name: the agent's id and vendor. */
    who = g_strdup_printf (_("Agent %s · %s · no team"), data->agent, data->vendor);
  pdf->y += rubric_pdf_text (pdf, who, &(RubricPdfStyle) { .size = 12.5, .max_lines = 2 },
                             x, pdf->y, width);
  pdf->y += 3;

  g_ptr_array_add (facts, g_steal_pointer (&days));
  if (data->timezone != NULL)
    g_ptr_array_add (facts, g_strdup_printf (_("Time zone %s"), data->timezone));
  g_ptr_array_add (facts, g_strdup (data->by == RUBRIC_PERIOD_MONTH
                                    ? C_("coaching report", "By month")
                                    : C_("coaching report", "By week")));
  g_ptr_array_add (facts, NULL);
  meta = g_strjoinv ("  ·  ", (char **) facts->pdata);
  pdf->y += rubric_pdf_text (pdf, meta,
                             &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_BODY,
                                                 .ink = RUBRIC_PDF_INK_MUTED, .max_lines = 3 },
                             x, pdf->y, width);
  pdf->y += 10;
  rubric_pdf_hairline (pdf, x, pdf->y, width, RUBRIC_PDF_INK_GRID, 0.8);
  pdf->y += RUBRIC_PDF_SECTION_GAP;
}

/* The figures of the whole period in a row of tiles. */
static gboolean
draw_tiles (RubricPdf                *pdf,
            const RubricCoachingData *data)
{
  g_autofree char *ci = ci_text (pdf, &data->overall);
  g_autofree char *ci_note = NULL;
  g_autofree char *team_note = NULL;
  g_autofree char *team_n = rubric_pdf_count (pdf, data->team_overall.n);
  RubricPdfTile tiles[] = {
    { figure_or_dash (pdf, data->overall.has_mean, data->overall.mean), _("Mean score"), NULL },
    { figure_or_dash (pdf, data->team_overall.has_mean, data->team_overall.mean),
      data->team != NULL ? C_("coaching report", "Team mean")
                         : C_("coaching report", "Vendor mean"), NULL },
    { rubric_pdf_count (pdf, data->overall.n), C_("coaching report", "Scored evaluations"), NULL },
    { rubric_pdf_count (pdf, data->auto_failed), _("Auto-failed"), NULL },
  };
  g_autofree char *evaluations = rubric_pdf_count (pdf, data->evaluations);
  g_autofree char *of = NULL;
  gboolean ok;

  /* Translators: under the agent's mean: its confidence interval. */
  ci_note = g_strdup_printf (_("95 %% CI %s"), ci);
  tiles[0].note = ci_note;
  /* Translators: under the team's mean: how many scores it is over. */
  team_note = g_strdup_printf (_("over %s scores"), team_n);
  tiles[1].note = team_note;
  /* Translators: under the number of scored evaluations: how many were
   * submitted (one answered N/A throughout has no score). */
  of = g_strdup_printf (_("of %s submitted"), evaluations);
  tiles[2].note = of;

  ok = rubric_pdf_draw_tiles (pdf, NULL, 16, tiles, G_N_ELEMENTS (tiles));
  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    g_free (tiles[i].value);
  return ok;
}

/* ------------------------------------------------------------------ */
/* The score over the buckets                                          */

static RubricRatingPoint
mean_point (const RubricTrendRow *row,
            const RubricQaMean   *mean)
{
  RubricRatingPoint point = { .range = row->range };

  point.has_rating = mean->has_mean && mean->n > 0;
  point.rating = mean->mean;
  point.low = mean->has_ci ? mean->low : mean->mean;
  point.high = mean->has_ci ? mean->high : mean->mean;
  return point;
}

static gboolean
draw_trend (RubricPdf                *pdf,
            const RubricCoachingData *data)
{
  g_autoptr(GArray) points = g_array_new (FALSE, TRUE, sizeof (RubricRatingPoint));
  g_autoptr(GArray) moving = g_array_new (FALSE, TRUE, sizeof (RubricRatingPoint));
  g_autoptr(GArray) team = g_array_new (FALSE, TRUE, sizeof (RubricRatingPoint));
  RubricPdfScoreTrend trend = {
    .kind = data->by,
    .score_label = _("Mean score"),
    /* xgettext:no-c-format */
    .band_label = _("95 % confidence interval"),
    .moving_label = _("Moving average (4 periods)"),
    /* xgettext:no-c-format */
    .team_label = data->team != NULL ? _("Team mean and its 95 % interval")
                                     /* xgettext:no-c-format */
                                     : _("Vendor mean and its 95 % interval"),
  };
  const char *title = data->by == RUBRIC_PERIOD_MONTH ? C_("coaching report", "Score by month")
                                                        : C_("coaching report", "Score by week");
  double height;

  for (guint i = 0; i < data->rows->len; i++)
    {
      const RubricTrendRow *row = g_ptr_array_index (data->rows, i);
      RubricRatingPoint point = mean_point (row, &row->score);
      RubricRatingPoint average = { .range = row->range };

      g_array_append_val (points, point);
      average.has_rating = row->has_moving_avg;
      average.rating = average.low = average.high = row->moving_avg;
      g_array_append_val (moving, average);
      point = mean_point (row, &row->team_mean);
      if (!row->team_mean.has_mean && row->has_team_score)
        {
          point.has_rating = TRUE;
          point.rating = point.low = point.high = row->team_score;
        }
      g_array_append_val (team, point);
    }
  trend.points = points;
  trend.moving = moving;
  trend.team = team;

  height = rubric_pdf_score_trend_chart (pdf, &trend, 0, 0, RUBRIC_PDF_WIDTH, FALSE);
  if (!rubric_pdf_ensure_space (pdf, rubric_pdf_section_title_height (pdf, title) + height))
    return FALSE;
  rubric_pdf_add_outline (pdf, title);
  rubric_pdf_draw_section_title (pdf, title);
  rubric_pdf_score_trend_chart (pdf, &trend, RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH, TRUE);
  pdf->y += height + RUBRIC_PDF_SECTION_GAP;
  return TRUE;
}

/* The figures behind the chart, a row per bucket. */
enum
{
  BUCKET_PERIOD,
  BUCKET_N,
  BUCKET_MEAN,
  BUCKET_CI,
  BUCKET_MOVING,
  BUCKET_TEAM,
  BUCKET_TEAM_N,
  N_BUCKET_COLUMNS
};

static const RubricPdfColumn bucket_columns[N_BUCKET_COLUMNS] = {
  { 0, PANGO_ALIGN_LEFT },
  { 36, PANGO_ALIGN_RIGHT },
  { 56, PANGO_ALIGN_RIGHT },
  { 70, PANGO_ALIGN_RIGHT },
  { 70, PANGO_ALIGN_RIGHT },
  { 66, PANGO_ALIGN_RIGHT },
  { 60, PANGO_ALIGN_RIGHT },
};

static gboolean
draw_buckets (RubricPdf                *pdf,
              const RubricCoachingData *data)
{
  const char *titles[N_BUCKET_COLUMNS] = {
    _("Period"), _("n"), C_("coaching report", "Mean"),
    /* xgettext:no-c-format */
    _("95 % CI"), C_("coaching report", "Moving average"),
    data->team != NULL ? C_("coaching report", "Team mean") : C_("coaching report", "Vendor mean"),
    data->team != NULL ? C_("coaching report", "Team n") : C_("coaching report", "Vendor n"),
  };
  RubricPdfRow header = { { NULL, }, };
  RubricPdfTable table = { bucket_columns, N_BUCKET_COLUMNS, RUBRIC_PDF_SIZE_TABLE, &header };
  gboolean ok = TRUE;

  rubric_pdf_row_set_header (&header, titles, N_BUCKET_COLUMNS);
  for (guint i = 0; ok && i < data->rows->len; i++)
    {
      const RubricTrendRow *source = g_ptr_array_index (data->rows, i);
      RubricPdfRow row = { { NULL, }, };

      row.text[BUCKET_PERIOD] = rubric_period_title (source->range, data->by);
      row.text[BUCKET_N] = rubric_pdf_count (pdf, source->score.n);
      row.text[BUCKET_MEAN] = figure_or_dash (pdf, source->score.has_mean && source->score.n > 0,
                                              source->score.mean);
      row.bold[BUCKET_MEAN] = TRUE;
      row.text[BUCKET_CI] = ci_text (pdf, &source->score);
      row.text[BUCKET_MOVING] = figure_or_dash (pdf, source->has_moving_avg, source->moving_avg);
      row.text[BUCKET_TEAM] = figure_or_dash (pdf, source->has_team_score, source->team_score);
      row.text[BUCKET_TEAM_N] = rubric_pdf_count (pdf, source->team_n);
      for (guint c = 0; c < N_BUCKET_COLUMNS; c++)
        row.ink[c] = source->score.n > 0 || c >= BUCKET_MOVING ? RUBRIC_PDF_INK
                                                               : RUBRIC_PDF_INK_MUTED;

      if (i == 0)
        ok = rubric_pdf_table_begin (pdf, &table,
                                     data->by == RUBRIC_PERIOD_MONTH
                                     ? C_("coaching report", "Each month")
                                     : C_("coaching report", "Each week"), 14);
      if (ok)
        ok = rubric_pdf_table_add (pdf, &table, &row, i);
      rubric_pdf_row_clear (&row);
    }
  rubric_pdf_row_clear (&header);
  if (!ok)
    return FALSE;
  if (data->rows->len > 0)
    rubric_pdf_table_end (pdf, _("A dash: no score to take a figure over. Periods at the ends "
                                 "may be cut to the report's days."));
  pdf->y += RUBRIC_PDF_SECTION_GAP;
  return !pdf->cancelled;
}

/* ------------------------------------------------------------------ */
/* The categories against the team's                                   */

static const RubricQaMean *
find_category (GPtrArray  *categories,
               const char *key)
{
  for (guint i = 0; categories != NULL && i < categories->len; i++)
    {
      const RubricQaCategory *category = g_ptr_array_index (categories, i);

      if (g_str_equal (category->key, key))
        return &category->mean;
    }
  return NULL;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return rubric_category_compare (*(const char **) a, *(const char **) b);
}

static gboolean
draw_categories (RubricPdf                *pdf,
                 const RubricCoachingData *data)
{
  static const RubricQaMean none = { 0, };
  const char *title = data->team != NULL ? C_("coaching report", "Categories against the team")
                                         : C_("coaching report", "Categories against the vendor");
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (RubricPdfCompareRow));
  RubricPdfCompareRow overall = { _("Overall"), TRUE, &data->overall, &data->team_overall };
  const char *team_label = data->team != NULL ? C_("coaching report", "Team") : _("Vendor");
  double height;

  g_array_append_val (rows, overall);
  for (guint i = 0; i < data->categories->len; i++)
    g_ptr_array_add (keys, ((RubricQaCategory *) g_ptr_array_index (data->categories, i))->key);
  for (guint i = 0; i < data->team_categories->len; i++)
    {
      char *key = ((RubricQaCategory *) g_ptr_array_index (data->team_categories, i))->key;

      if (find_category (data->categories, key) == NULL)
        g_ptr_array_add (keys, key);
    }
  g_ptr_array_sort (keys, compare_keys);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      const RubricQaMean *mine = find_category (data->categories, key);
      const RubricQaMean *team = find_category (data->team_categories, key);
      RubricPdfCompareRow row = { rubric_category_name (key), FALSE,
                                  mine != NULL ? mine : &none, team != NULL ? team : &none };

      g_array_append_val (rows, row);
    }

  height = rubric_pdf_compare_chart (pdf, (RubricPdfCompareRow *) rows->data, rows->len,
                                     agent_title (data), team_label, 0, 0, RUBRIC_PDF_WIDTH,
                                     FALSE);
  if (!rubric_pdf_ensure_space (pdf, rubric_pdf_section_title_height (pdf, title) + height))
    return FALSE;
  rubric_pdf_add_outline (pdf, title);
  rubric_pdf_draw_section_title (pdf, title);
  rubric_pdf_compare_chart (pdf, (RubricPdfCompareRow *) rows->data, rows->len,
                            agent_title (data), team_label, RUBRIC_PDF_MARGIN, pdf->y,
                            RUBRIC_PDF_WIDTH, TRUE);
  pdf->y += height + RUBRIC_PDF_SECTION_GAP;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The weakest criteria and what the reviewers wrote on them           */

enum
{
  CRITERION_RANK,
  CRITERION_TEXT,
  CRITERION_CATEGORY,
  CRITERION_ANSWERS,
  CRITERION_FAILURES,
  CRITERION_RATE,
  N_CRITERION_COLUMNS
};

static const RubricPdfColumn criterion_columns[N_CRITERION_COLUMNS] = {
  { 18, PANGO_ALIGN_RIGHT },
  { 0, PANGO_ALIGN_LEFT },
  { 92, PANGO_ALIGN_LEFT },
  { 48, PANGO_ALIGN_RIGHT },
  { 48, PANGO_ALIGN_RIGHT },
  { 58, PANGO_ALIGN_RIGHT },
};

static void
row_free (gpointer data)
{
  rubric_pdf_row_clear (data);
  g_free (data);
}

static gboolean
draw_criteria (RubricPdf                *pdf,
               const RubricCoachingData *data)
{
  const char *titles[N_CRITERION_COLUMNS] = {
    C_("coaching report", "#"),
    C_("coaching report", "Criterion"),
    C_("coaching report", "Category"),
    C_("coaching report", "Answers"),
    C_("coaching report", "Failures"),
    C_("coaching report", "Failure rate"),
  };
  const char *title = C_("coaching report", "Weakest criteria");
  RubricPdfRow header = { { NULL, }, };
  RubricPdfTable table = { criterion_columns, N_CRITERION_COLUMNS, RUBRIC_PDF_SIZE_TABLE,
                           &header };
  gboolean ok = TRUE;
  guint shown = 0;

  rubric_pdf_row_set_header (&header, titles, N_CRITERION_COLUMNS);
  for (guint i = 0; ok && i < data->criteria->len && shown < RUBRIC_COACHING_CRITERIA; i++)
    {
      const RubricTrendCriterion *criterion = g_ptr_array_index (data->criteria, i);
      GPtrArray *comments = i < data->comments->len ? g_ptr_array_index (data->comments, i)
                                                    : NULL;
      RubricPdfRow row = { { NULL, }, };
      g_autoptr(GPtrArray) group = NULL;
      double height = 0;

      /* Weak: failed at least once. */
      if (criterion->failures == 0)
        continue;

      for (guint c = 0; c < N_CRITERION_COLUMNS; c++)
        row.ink[c] = RUBRIC_PDF_INK;
      row.text[CRITERION_RANK] = rubric_pdf_count (pdf, shown + 1);
      if (criterion->text != NULL && *criterion->text != '\0')
        row.text[CRITERION_TEXT] =
          g_markup_printf_escaped ("%s <span foreground=\"#666e7a\" size=\"smaller\">"
                                   "%s · %s</span>",
                                   criterion->text, criterion->scorecard, criterion->criterion);
      else
        row.text[CRITERION_TEXT] = g_markup_printf_escaped ("%s <span foreground=\"#666e7a\" "
                                                            "size=\"smaller\">%s</span>",
                                                            criterion->criterion,
                                                            criterion->scorecard);
      row.markup[CRITERION_TEXT] = TRUE;
      row.text[CRITERION_CATEGORY] = g_strdup (criterion->category != NULL
                                               ? rubric_category_name (criterion->category)
                                               : RUBRIC_PDF_DASH);
      row.text[CRITERION_ANSWERS] = rubric_pdf_count (pdf, criterion->answers);
      row.text[CRITERION_FAILURES] = rubric_pdf_count (pdf, criterion->failures);
      row.text[CRITERION_RATE] = criterion->has_failure_rate
                                 ? rubric_pdf_format_percent (pdf, criterion->failure_rate, FALSE)
                                 : g_strdup (RUBRIC_PDF_DASH);
      row.bold[CRITERION_RATE] = TRUE;
      row.ink[CRITERION_RATE] = RUBRIC_PDF_INK_BAD;

      /* What the reviewers wrote on it, under it, in its stripe, on the
       * same page. */
      group = g_ptr_array_new_with_free_func (row_free);
      g_ptr_array_add (group, g_memdup2 (&row, sizeof row));
      for (guint k = 0; comments != NULL && k < comments->len; k++)
        {
          const char *comment = g_ptr_array_index (comments, k);
          RubricPdfRow said = { { NULL, }, };

          said.text[CRITERION_TEXT] = g_markup_printf_escaped ("<i>“%s”</i>", comment);
          said.markup[CRITERION_TEXT] = TRUE;
          said.ink[CRITERION_TEXT] = RUBRIC_PDF_INK_MUTED;
          g_ptr_array_add (group, g_memdup2 (&said, sizeof said));
        }
      for (guint k = 0; k < group->len; k++)
        height += rubric_pdf_table_row_height (pdf, &table, g_ptr_array_index (group, k));

      if (shown == 0)
        ok = rubric_pdf_table_begin (pdf, &table, title, height);
      else
        ok = rubric_pdf_table_keep (pdf, &table, height);
      for (guint k = 0; ok && k < group->len; k++)
        ok = rubric_pdf_table_add (pdf, &table, g_ptr_array_index (group, k), shown);
      shown++;
    }
  rubric_pdf_row_clear (&header);
  if (!ok)
    return FALSE;

  if (shown == 0)
    {
      if (!rubric_pdf_ensure_space (pdf, rubric_pdf_section_title_height (pdf, title) + 20))
        return FALSE;
      rubric_pdf_draw_section_title (pdf, title);
      pdf->y += rubric_pdf_text (pdf, _("No criterion was failed in this period."),
                                 &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_BODY,
                                                     .ink = RUBRIC_PDF_INK_MUTED },
                                 RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH);
    }
  else
    {
      g_autofree char *note = NULL;

      note = g_strdup_printf (_("The criteria this agent failed most often (credit below "
                                "full), at most %u, each with the newest comments reviewers "
                                "wrote on it. N/A answers do not count."),
                              RUBRIC_COACHING_CRITERIA);
      rubric_pdf_table_end (pdf, note);
    }
  pdf->y += RUBRIC_PDF_SECTION_GAP;
  return !pdf->cancelled;
}

/* ------------------------------------------------------------------ */
/* The lowest evaluations                                              */

enum
{
  LOWEST_CALL,
  LOWEST_TIME,
  LOWEST_REVIEWER,
  LOWEST_SCORE,
  LOWEST_AUTO_FAIL,
  N_LOWEST_COLUMNS
};

/* The time fits "2026. gada 31. oktobris, 00:30" on one line. */
static const RubricPdfColumn lowest_columns[N_LOWEST_COLUMNS] = {
  { 0, PANGO_ALIGN_LEFT },
  { 150, PANGO_ALIGN_LEFT },
  { 110, PANGO_ALIGN_LEFT },
  { 50, PANGO_ALIGN_RIGHT },
  { 82, PANGO_ALIGN_LEFT },
};

static gboolean
draw_lowest (RubricPdf                *pdf,
             const RubricCoachingData *data)
{
  const char *titles[N_LOWEST_COLUMNS] = {
    _("Call"), C_("coaching report", "When"), _("Reviewer"), _("Score"),
    C_("coaching report", "Auto-fail"),
  };
  const char *title = C_("coaching report", "Lowest evaluations");
  RubricPdfRow header = { { NULL, }, };
  RubricPdfTable table = { lowest_columns, N_LOWEST_COLUMNS, RUBRIC_PDF_SIZE_TABLE, &header };
  gboolean ok = TRUE;
  g_autofree char *note = NULL;

  if (data->lowest->len == 0)
    return TRUE;

  rubric_pdf_row_set_header (&header, titles, N_LOWEST_COLUMNS);
  for (guint i = 0; ok && i < data->lowest->len; i++)
    {
      const RubricTrendEvaluation *evaluation = g_ptr_array_index (data->lowest, i);
      RubricPdfRow row = { { NULL, }, };

      for (guint c = 0; c < N_LOWEST_COLUMNS; c++)
        row.ink[c] = RUBRIC_PDF_INK;
      row.text[LOWEST_CALL] = g_strdup (evaluation->call != NULL ? evaluation->call
                                                                 : RUBRIC_PDF_DASH);
      row.text[LOWEST_TIME] = local_time_text (evaluation->call_time, data->timezone);
      row.text[LOWEST_REVIEWER] = g_strdup (evaluation->reviewer != NULL &&
                                            *evaluation->reviewer != '\0'
                                            ? evaluation->reviewer : RUBRIC_PDF_DASH);
      row.text[LOWEST_SCORE] = figure_or_dash (pdf, TRUE, evaluation->score);
      row.bold[LOWEST_SCORE] = TRUE;
      if (evaluation->auto_failed)
        {
          row.text[LOWEST_AUTO_FAIL] = g_strdup (_("Auto-failed"));
          row.ink[LOWEST_AUTO_FAIL] = RUBRIC_PDF_INK_BAD;
          row.ink[LOWEST_SCORE] = RUBRIC_PDF_INK_BAD;
          row.bold[LOWEST_AUTO_FAIL] = TRUE;
        }

      if (i == 0)
        ok = rubric_pdf_table_begin (pdf, &table, title, 14);
      if (ok)
        ok = rubric_pdf_table_add (pdf, &table, &row, i);
      rubric_pdf_row_clear (&row);
    }
  rubric_pdf_row_clear (&header);
  if (!ok)
    return FALSE;

  note = g_strdup_printf (_("The submitted evaluations with the lowest scores, at most %u; "
                            "times are the calls' in %s."),
                          RUBRIC_COACHING_EVALUATIONS,
                          data->timezone != NULL ? data->timezone : "UTC");
  rubric_pdf_table_end (pdf, note);
  pdf->y += RUBRIC_PDF_SECTION_GAP;
  return !pdf->cancelled;
}

/* ------------------------------------------------------------------ */
/* How to read it                                                      */

static gboolean
draw_method (RubricPdf                *pdf,
             const RubricCoachingData *data)
{
  const char *title = C_("coaching report", "How to read this report");
  const char *notes[] = {
    _("Only submitted evaluations count, each placed by its call's time in the vendor's time "
      "zone; drafts and calibration evaluations never do."),
    _("Score: the mean of the evaluations' overall scores (0 to 100; an auto-failed "
      "evaluation scores 0). n is how many scores a mean is taken over: evaluations whose "
      "every criterion was answered N/A have no score and are not in n."),
    /* xgettext:no-c-format */
    _("95 % CI: the confidence interval of a mean, mean ± t · s / √n with Student's t, "
      "clipped to 0–100; it needs n ≥ 2. The fewer the scores, the wider it is: a difference "
      "inside it may be chance."),
    _("Moving average: the mean of the scores of a period and of the 3 periods before it, "
      "pooled (not a mean of means), so that one bad week does not hide the trend."),
    data->team != NULL
    /* xgettext:no-c-format */
    ? _("Team band: the mean of every agent of the same team and vendor in the same period, "
        "this agent included, with its 95 % CI.")
    /* xgettext:no-c-format */
    : _("Vendor band: this agent has no team, so it is compared with every evaluation of the "
        "vendor in the same period, with its 95 % CI."),
    _("Categories: the same means over the category's criteria only, not zeroed by an "
      "auto-fail, so that they show where a call went wrong."),
    _("Weakest criteria: failure rate = 100 · failures / answers, where a failure is an answer "
      "with less than full credit and N/A answers are left out."),
  };
  double height = rubric_pdf_section_title_height (pdf, title);

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autoptr(PangoLayout) layout =
        rubric_pdf_layout (pdf, notes[i], &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_BODY },
                           RUBRIC_PDF_WIDTH - 10);

      /* The title with the first note at least. */
      if (i == 0)
        height += rubric_pdf_layout_height (layout);
    }
  if (!rubric_pdf_ensure_space (pdf, height))
    return FALSE;
  rubric_pdf_add_outline (pdf, title);
  rubric_pdf_draw_section_title (pdf, title);

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autoptr(PangoLayout) layout =
        rubric_pdf_layout (pdf, notes[i], &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_BODY },
                           RUBRIC_PDF_WIDTH - 10);
      double note_height = rubric_pdf_layout_height (layout);

      if (!rubric_pdf_ensure_space (pdf, note_height))
        return FALSE;
      rubric_pdf_text (pdf, "•", &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_BODY,
                                                     .ink = RUBRIC_PDF_INK_MUTED },
                       RUBRIC_PDF_MARGIN, pdf->y, 10);
      rubric_pdf_show (pdf, layout, RUBRIC_PDF_MARGIN + 10, pdf->y, RUBRIC_PDF_INK);
      pdf->y += note_height + 4;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The document                                                        */

static gboolean
draw_report (RubricPdf *pdf,
             gpointer   user_data)
{
  const RubricCoachingData *data = user_data;
  g_autofree char *days = rubric_day_range_title (data->range);

  if (!rubric_pdf_begin_page (pdf))
    return FALSE;

  g_free (pdf->running_title);
  /* Translators: the footer of the coaching report's pages: the agent and
   * the days. */
  pdf->running_title = g_strdup_printf (_("Coaching report · %s · %s"), agent_title (data), days);
  rubric_pdf_add_outline (pdf, agent_title (data));
  draw_header (pdf, data);

  if (!has_scores (data))
    {
      g_autofree char *text = NULL;

      /* Translators: the whole report when there is nothing to coach on:
       * the agent and the days. */
      text = g_strdup_printf (_("No submitted evaluation of %s falls in %s: there is nothing "
                                "to report for this period."), agent_title (data), days);
      pdf->y += rubric_pdf_text (pdf, text,
                                 &(RubricPdfStyle) { .size = 11, .ink = RUBRIC_PDF_INK_MUTED },
                                 RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH);
      pdf->y += RUBRIC_PDF_SECTION_GAP * 2;
      return draw_method (pdf, data);
    }

  /* What to coach on first; the figures behind the chart after. */
  return draw_tiles (pdf, data) &&
         draw_trend (pdf, data) &&
         draw_categories (pdf, data) &&
         draw_criteria (pdf, data) &&
         draw_lowest (pdf, data) &&
         draw_buckets (pdf, data) &&
         draw_method (pdf, data);
}

gboolean
rubric_coaching_write_pdf (const RubricCoachingData *data,
                           GOutputStream            *out,
                           GCancellable             *cancellable,
                           GError                  **error)
{
  g_autofree char *days = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  days = rubric_day_range_title (data->range);
  /* Translators: the title of the PDF: the agent and the days. */
  title = g_strdup_printf (_("Coaching report: %s, %s"), agent_title (data), days);
  return rubric_pdf_write_document (title, _("An agent's scores for coaching"),
                                    (RubricPdfDrawFunc) draw_report, (gpointer) data, out,
                                    cancellable, error);
}
