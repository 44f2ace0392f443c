/* rubric-vendor-detail-charts.c — the detail's figures over time: the rating trend, the call
 * figures, the evaluation scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each chart is a picture to a screen reader (rubric-rating-chart.c): its
 * description reads the values period by period, the latest first.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "rubric-rating-chart.h"
#include "rubric-rating-figures.h"
#include "rubric-rating-text.h"
#include "rubric-vendor-detail-private.h"

/* "November 2026: 91.5; October 2026: no rating; …", newest first, for
 * screen readers. */
static char *
describe_points (const RubricChartPoint *points,
                 const RubricDayRange   *ranges,
                 guint                   n,
                 RubricPeriodKind        kind,
                 const char             *metric)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = n; i > 0; i--)
    {
      g_autofree char *title = rubric_period_title (ranges[i - 1], kind);
      g_autofree char *value = NULL;

      if (points[i - 1].has_value)
        value = metric != NULL ? rubric_metric_format_value (metric, points[i - 1].value)
                               : rubric_rating_format (points[i - 1].value);
      else
        value = g_strdup (C_("objective", "No data"));
      /* Translators: one period of a chart for screen readers, "November 2026: 91.5" */
      g_ptr_array_add (parts, g_strdup_printf (_("%s: %s"), title, value));
    }
  g_ptr_array_add (parts, NULL);

  return g_strjoinv ("; ", (char **) parts->pdata);
}

/* The first of @n points with a value, or 0 when none has one: the
 * periods before it are left out of a chart, which would otherwise crowd
 * its few points at the right edge. */
static guint
first_with_value (const RubricChartPoint *points,
                  guint                   n)
{
  for (guint i = 0; i < n; i++)
    if (points[i].has_value)
      return i;

  return 0;
}

/* One string per point: the period's title, the value as the page writes
 * it (NULL without one), for rubric_rating_chart_set_labels (). */
static GStrv
point_titles (const RubricDayRange *ranges,
              guint                 n,
              RubricPeriodKind      kind)
{
  GStrv titles = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    titles[i] = rubric_period_title (ranges[i], kind);

  return titles;
}

static char **
point_values (const RubricChartPoint *points,
              guint                   n,
              const char             *metric)
{
  char **values = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    if (points[i].has_value)
      values[i] = metric != NULL ? rubric_metric_format_value (metric, points[i].value)
                                 : rubric_rating_format (points[i].value);

  return values;
}

static void
free_values (char   **values,
             guint    n)
{
  for (guint i = 0; i < n; i++)
    g_free (values[i]);
  g_free (values);
}

void
rubric_vendor_detail_show_trend (RubricVendorDetail *self,
                                 const RubricRating *rating)
{
  g_autofree RubricChartPoint *points = NULL;
  g_autofree RubricDayRange *ranges = NULL;
  g_auto(GStrv) titles = NULL;
  g_autofree char *description = NULL;
  char **values;
  GArray *trend = rating->trend;
  double low = 100;
  guint n = trend != NULL ? trend->len : 0;
  guint rated = 0;
  guint first;

  points = g_new0 (RubricChartPoint, MAX (n, 1));
  ranges = g_new0 (RubricDayRange, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const RubricRatingPoint *point = &g_array_index (trend, RubricRatingPoint, i);

      ranges[i] = point->range;
      points[i].has_value = point->has_rating;
      points[i].value = point->rating;
      points[i].has_band = point->has_rating;
      points[i].low = point->low;
      points[i].high = point->high;
      if (point->has_rating)
        {
          low = MIN (low, point->low);
          rated++;
        }
    }

  /* From the lowest grade line or rating, in tens, up to 100. */
  rubric_rating_chart_clear_guides (self->trend_chart);
  for (guint i = 0; i < rating->contract->grades->len; i++)
    {
      RubricGrade *grade = g_ptr_array_index (rating->contract->grades, i);

      if (grade->min > 0)
        {
          low = MIN (low, grade->min);
          rubric_rating_chart_add_guide (self->trend_chart, grade->min, grade->name);
        }
    }
  low = CLAMP (floor ((low - 1) / 10) * 10, 0, 90);
  rubric_rating_chart_set_scale (self->trend_chart, low, 100);

  /* From the first period with a rating to the one shown. */
  first = first_with_value (points, n);
  n -= first;
  rubric_rating_chart_set_points (self->trend_chart, points + first, n);
  titles = point_titles (ranges + first, n, rating->kind);
  values = point_values (points + first, n, NULL);
  rubric_rating_chart_set_labels (self->trend_chart, (const char * const *) titles,
                                  (const char * const *) values, n);
  free_values (values, n);

  if (rated == 0)
    rubric_rating_chart_set_note (self->trend_chart, _("None of these periods has a rating"));
  else if (rated == 1)
    rubric_rating_chart_set_note (self->trend_chart, _("Only one of these periods has a rating"));
  else
    rubric_rating_chart_set_note (self->trend_chart, NULL);

  description = describe_points (points + first, ranges + first, n, rating->kind, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->trend_chart),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

typedef struct
{
  const char *metric;
  gsize       offset;   /* of the RubricKpi in RubricKpis */
} KpiField;

static const KpiField kpi_fields[] = {
  { "service-level", G_STRUCT_OFFSET (RubricKpis, service_level) },
  { "abandon-rate", G_STRUCT_OFFSET (RubricKpis, abandon_rate) },
  { "asa", G_STRUCT_OFFSET (RubricKpis, asa) },
  { "aht", G_STRUCT_OFFSET (RubricKpis, aht) },
  { "fcr", G_STRUCT_OFFSET (RubricKpis, fcr) },
};

#define KPI_OF(kpis, field) ((const RubricKpi *) G_STRUCT_MEMBER_P ((kpis), (field)->offset))

static const RubricRatingObjective *
find_objective (const RubricRating *rating,
                const char         *metric)
{
  for (guint i = 0; i < rating->objectives->len; i++)
    {
      const RubricRatingObjective *objective = g_ptr_array_index (rating->objectives, i);

      if (g_str_equal (objective->metric, metric))
        return objective;
    }

  return NULL;
}

void
rubric_vendor_detail_show_kpis (RubricVendorDetail       *self,
                                const RubricRating       *rating)
{
  GArray *trend = rating->trend;
  guint n = trend != NULL ? trend->len : 0;
  g_autofree RubricChartPoint *points = g_new0 (RubricChartPoint, MAX (n, 1));
  g_autofree RubricDayRange *ranges = g_new0 (RubricDayRange, MAX (n, 1));
  gboolean any = FALSE;

  rubric_vendor_detail_clear (GTK_WIDGET (self->kpi_list));

  for (guint i = 0; i < n; i++)
    ranges[i] = g_array_index (trend, RubricRatingPoint, i).range;

  for (guint f = 0; f < G_N_ELEMENTS (kpi_fields); f++)
    {
      const KpiField *field = &kpi_fields[f];
      const RubricKpi *kpi = KPI_OF (&rating->kpis, field);
      const RubricRatingObjective *objective = find_objective (rating, field->metric);
      g_autofree char *title = rubric_metric_name (field->metric);
      g_autofree char *value = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *description = NULL;
      g_autofree char *accessible = NULL;
      gboolean any_point = FALSE;
      GtkWidget *row, *chart, *label;
      char **values;
      guint first;

      for (guint i = 0; i < n; i++)
        {
          const RubricKpi *point = KPI_OF (&g_array_index (trend, RubricRatingPoint, i).kpis,
                                           field);

          points[i].has_value = point->has_value;
          points[i].value = point->value;
          any_point |= point->has_value;
        }
      if (!kpi->has_value && !any_point)
        continue;
      any = TRUE;

      if (kpi->has_value)
        {
          g_autofree char *count = g_strdup_printf ("%.0f", kpi->denominator);

          value = rubric_metric_format_value (field->metric, kpi->value);
          subtitle = g_strdup_printf (_("n = %s"), count);
        }
      else
        value = g_strdup ("—");
      if (objective != NULL)
        {
          g_autofree char *target = rubric_objective_format_target (objective);
          /* Translators: an objective's target under a figure, "target ≥ 75 %" */
          g_autofree char *target_text = g_strdup_printf (_("target %s"), target);
          char *joined = subtitle != NULL ? g_strconcat (subtitle, " · ", target_text, NULL)
                                          : g_strdup (target_text);

          g_free (subtitle);
          subtitle = joined;
        }

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      chart = rubric_rating_chart_new ();
      rubric_rating_chart_set_compact (RUBRIC_RATING_CHART (chart), TRUE);
      gtk_widget_set_valign (chart, GTK_ALIGN_CENTER);
      if (objective != NULL)
        rubric_rating_chart_add_guide (RUBRIC_RATING_CHART (chart), objective->target, NULL);
      first = first_with_value (points, n);
      rubric_rating_chart_set_points (RUBRIC_RATING_CHART (chart), points + first, n - first);
      values = point_values (points + first, n - first, field->metric);
      rubric_rating_chart_set_labels (RUBRIC_RATING_CHART (chart), NULL,
                                      (const char * const *) values, n - first);
      free_values (values, n - first);
      description = describe_points (points + first, ranges + first, n - first, rating->kind,
                                     field->metric);
      /* Translators: the accessible name of a small chart of a figure over the periods,
       * "Service level, by period" */
      accessible = g_strdup_printf (_("%s, by period"), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (chart),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);

      label = rubric_vendor_detail_new_label (value, 1, "numeric", NULL);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), chart);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->kpi_list, row);
    }

  gtk_widget_set_visible (self->kpi_section, any);
}

static GtkWidget *
qa_row (const char         *title,
        const RubricQaMean *mean)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 100);
  g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, mean->n);
  g_autofree char *subtitle = g_strdup_printf (_("n = %s"), count);
  int decimals = rubric_metric_unit_decimals (RUBRIC_METRIC_UNIT_SCORE);
  g_autofree char *value = mean->has_mean ? rubric_figure_format (mean->mean, decimals)
                                          : g_strdup ("—");
  GtkWidget *label;

  if (mean->has_ci)
    {
      g_autofree char *low = rubric_figure_format (mean->low, decimals);
      g_autofree char *high = rubric_figure_format (mean->high, decimals);
      g_autofree char *interval = g_strconcat (low, "–", high, NULL);
      /* Translators: a mean score's 95 % confidence interval, "95 % interval 70.8–91.8";
       * the percent written as everywhere else ("%s %%") */
      g_autofree char *ci = g_strdup_printf (_("95 %% interval %s"), interval);
      char *joined = g_strconcat (subtitle, " · ", ci, NULL);

      g_free (subtitle);
      subtitle = joined;
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* Plain bars: the level bar's own offsets are for 0..1. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), mean->has_mean ? CLAMP (mean->mean, 0, 100) : 0);
  gtk_widget_set_size_request (bar, 96, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  label = rubric_vendor_detail_new_label (value, 1, "numeric", NULL);
  gtk_label_set_width_chars (GTK_LABEL (label), 5);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

void
rubric_vendor_detail_show_qa (RubricVendorDetail *self,
                              const RubricRating *rating)
{
  rubric_vendor_detail_clear (GTK_WIDGET (self->qa_list));

  if (rating->qa_overall.n > 0)
    /* Translators: the mean overall score of the evaluations, beside the categories */
    gtk_list_box_append (self->qa_list, qa_row (C_("score", "Overall"), &rating->qa_overall));
  for (guint i = 0; i < rating->qa_categories->len; i++)
    {
      const RubricQaCategory *category = g_ptr_array_index (rating->qa_categories, i);

      gtk_list_box_append (self->qa_list,
                           qa_row (rubric_category_name (category->key), &category->mean));
    }

  gtk_widget_set_visible (self->qa_section,
                          gtk_widget_get_first_child (GTK_WIDGET (self->qa_list)) != NULL);
}
