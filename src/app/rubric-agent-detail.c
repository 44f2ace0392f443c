/* rubric-agent-detail.c — one agent's or one team's trends (SPEC §6, §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything an agent's page shows comes from the core (rubric-trends.h)
 * in one worker thread on a connection of its own: the agent's buckets,
 * its team's (or, without a team, its vendor's) for the band and the
 * category bars, the weakest criteria, the lowest evaluations and the
 * resolution table. A team's page has the team's buckets and its agents'
 * sparklines. A newer choice cancels the computation under way; its
 * result is dropped when it comes back.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "rubric-agent-detail.h"
#include "rubric-agents.h"
#include "rubric-db-task.h"
#include "rubric-error.h"
#include "rubric-file-chooser.h"
#include "rubric-jobs.h"
#include "rubric-rating-figures.h"
#include "rubric-rating-text.h"
#include "rubric-window.h"

#include "rubric-category-bars.h"
#include "rubric-sparkline.h"
#include "rubric-trend-chart.h"

/* How many weakest criteria and lowest evaluations the page lists. */
#define N_CRITERIA 5
#define N_LOWEST   10

struct _RubricAgentDetail
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GtkScrolledWindow    *scroller;
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkLabel             *summary_label;
  GtkWidget            *actions_box;
  GtkWidget            *edit_button;
  GtkWidget            *team_button;
  GtkStack             *figures_stack;
  GtkDropDown          *category_dropdown;
  GtkWidget            *charts_box;
  GtkWidget            *bars_heading;
  GtkWidget            *bars_box;
  GtkWidget            *team_heading;
  GtkListBox           *team_list;
  GtkListBox           *criteria_list;
  GtkListBox           *lowest_list;
  GtkListBox           *resolution_list;

  /* Owned references */
  GCancellable         *loading;
  GtkFileChooserNative *chooser;
  GPtrArray            *rows;          /* RubricTrendRow: the agent's, or the team's */
  GPtrArray            *team_rows;     /* RubricTrendRow: the agent's team (or vendor) */
  GPtrArray            *keys;          /* char *: the category drop-down's keys after "overall" */
  GPtrArray            *members;       /* RubricAgentSummary: the team's agents */
  GPtrArray            *lowest;        /* RubricTrendEvaluation */
  char                 *vendor;
  char                 *agent;
  char                 *name;
  char                 *team;
  char                 *edit_refused;  /* why the member may not edit agents, or NULL */

  /* Borrowed references */
  RubricDb             *db;

  gint64                agent_id;
  gboolean              team_mode;
  RubricDayRange        range;
  RubricPeriodKind      by;
  gboolean              filling;
};

G_DEFINE_FINAL_TYPE (RubricAgentDetail, rubric_agent_detail, ADW_TYPE_BIN)

enum {
  OPEN_EVALUATION,
  OPEN_AGENT,
  SHOW_TEAM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --------------------------------------------------------------- charts */

/* The page and the list rows name the charts' types only here. */

GtkWidget *
rubric_agent_sparkline_new (void)
{
  GtkWidget *sparkline = rubric_sparkline_new ();

  gtk_widget_set_valign (sparkline, GTK_ALIGN_CENTER);
  return sparkline;
}

void
rubric_agent_sparkline_set (GtkWidget        *sparkline,
                            const double     *values,
                            guint             n,
                            RubricPeriodKind  by)
{
  rubric_sparkline_set_by (RUBRIC_SPARKLINE (sparkline), by);
  rubric_sparkline_set_values (RUBRIC_SPARKLINE (sparkline), values, n);
}

static void
trend_chart_set (GtkWidget  *chart,
                 GPtrArray  *rows,
                 GPtrArray  *team_rows,
                 const char *category)
{
  rubric_trend_chart_set_series (RUBRIC_TREND_CHART (chart), rows, team_rows, category);
}

static void
category_bars_set (GtkWidget *bars,
                   GPtrArray *categories,
                   GPtrArray *team_categories)
{
  rubric_category_bars_set (RUBRIC_CATEGORY_BARS (bars), categories, team_categories);
}

/* ------------------------------------------------------------- figures */

static void
category_free (gpointer data)
{
  RubricQaCategory *category = data;

  g_free (category->key);
  g_free (category);
}

/* The pooled mean of each category over @rows' buckets (each bucket's
 * mean weighted by its n): the category bars' figures over the range. */
static GPtrArray *
pool_categories (GPtrArray *rows)
{
  GPtrArray *pooled = g_ptr_array_new_with_free_func (category_free);
  g_autoptr(GPtrArray) keys = NULL;

  if (rows == NULL || rows->len == 0)
    return pooled;

  keys = rubric_trends_category_keys (rows);
  for (guint k = 0; keys != NULL && k < keys->len; k++)
    {
      const char *key = g_ptr_array_index (keys, k);
      RubricQaCategory *category = g_new0 (RubricQaCategory, 1);
      double sum = 0;

      category->key = g_strdup (key);
      for (guint i = 0; i < rows->len; i++)
        {
          RubricTrendRow *row = g_ptr_array_index (rows, i);

          for (guint c = 0; row->categories != NULL && c < row->categories->len; c++)
            {
              RubricQaCategory *in = g_ptr_array_index (row->categories, c);

              if (g_strcmp0 (in->key, key) == 0 && in->mean.has_mean && in->mean.n > 0)
                {
                  sum += in->mean.mean * in->mean.n;
                  category->mean.n += in->mean.n;
                }
            }
        }
      category->mean.has_mean = category->mean.n > 0;
      if (category->mean.has_mean)
        category->mean.mean = sum / category->mean.n;
      g_ptr_array_add (pooled, category);
    }

  return pooled;
}

/* The pooled overall mean and n of @rows. */
static guint64
pool_overall (GPtrArray *rows,
              double    *mean)
{
  double sum = 0;
  guint64 n = 0;

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      RubricTrendRow *row = g_ptr_array_index (rows, i);

      if (row->score.has_mean && row->score.n > 0)
        {
          sum += row->score.mean * row->score.n;
          n += row->score.n;
        }
    }
  *mean = n > 0 ? sum / n : NAN;
  return n;
}

/* -------------------------------------------------------------- worker */

typedef struct
{
  gboolean          team_mode;
  char             *vendor;
  char             *agent;
  char             *team;
  RubricDayRange    range;
  RubricPeriodKind  by;

  GPtrArray        *rows;
  GPtrArray        *team_rows;
  GPtrArray        *members;
  GPtrArray        *criteria;
  GPtrArray        *lowest;
  GPtrArray        *resolution;
} DetailData;

static void
detail_data_free (gpointer data)
{
  DetailData *self = data;

  g_free (self->vendor);
  g_free (self->agent);
  g_free (self->team);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->team_rows, g_ptr_array_unref);
  g_clear_pointer (&self->members, g_ptr_array_unref);
  g_clear_pointer (&self->criteria, g_ptr_array_unref);
  g_clear_pointer (&self->lowest, g_ptr_array_unref);
  g_clear_pointer (&self->resolution, g_ptr_array_unref);
  g_free (self);
}

/* The rows of a team or vendor (agent NULL) among @rows. */
static GPtrArray *
group_rows (GPtrArray *rows)
{
  GPtrArray *group = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_trend_row_free);

  for (guint i = 0; i < rows->len; i++)
    {
      RubricTrendRow *row = g_ptr_array_index (rows, i);

      if (row->agent == NULL)
        g_ptr_array_add (group, g_steal_pointer (&rows->pdata[i]));
    }

  return group;
}

static gboolean
detail_work (GTask         *task,
             RubricDb      *db,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  DetailData *data = task_data;
  RubricTrendQuery query = {
    .kind = data->team_mode ? RUBRIC_TREND_TEAM : RUBRIC_TREND_AGENT,
    .vendor = data->vendor,
    .agent = data->agent,
    .team = data->team,
    .has_range = TRUE,
    .range = data->range,
    .by = data->by,
  };
  g_autoptr(GPtrArray) rows = NULL;

  rows = rubric_trends_compute (db, &query, error);
  if (rows == NULL)
    return FALSE;

  if (data->team_mode)
    {
      data->rows = group_rows (rows);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      data->members = rubric_agents_summaries (db, data->vendor, data->team, data->by,
                                               data->range.last, error);
      if (data->members == NULL)
        return FALSE;
    }
  else
    {
      /* The band: the agent's team, or its vendor without a team. */
      RubricTrendQuery group = query;
      g_autoptr(GPtrArray) group_all = NULL;
      gboolean has_team = data->team != NULL && *data->team != '\0';

      data->rows = g_steal_pointer (&rows);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      group.kind = has_team ? RUBRIC_TREND_TEAM : RUBRIC_TREND_VENDOR;
      group.agent = NULL;
      group.team = has_team ? data->team : NULL;
      group_all = rubric_trends_compute (db, &group, error);
      if (group_all == NULL)
        return FALSE;
      data->team_rows = group_rows (group_all);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  data->criteria = rubric_trends_criteria (db, &query, error);
  if (data->criteria == NULL)
    return FALSE;
  data->lowest = rubric_trends_lowest (db, &query, N_LOWEST, error);
  if (data->lowest == NULL)
    return FALSE;
  data->resolution = rubric_trends_resolution (db, &query, error);

  return data->resolution != NULL;
}

/* --------------------------------------------------------------- rows */

static GtkWidget *
suffix_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  /* A figure: never broken over two lines. */
  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  return label;
}

static GtkWidget *
action_row (const char *title,
            const char *subtitle,
            const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *accessible = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (value != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix_label (value));

  /* The row reads whole: what and how much. */
  accessible = g_strjoin (_(", "), title, value != NULL ? value : "",
                          subtitle != NULL ? subtitle : "", NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    {
      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (list, child);
      else
        break;
    }
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static GtkWidget *
placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static char *
score_text (double score)
{
  return rubric_figure_format (score, 1);
}

static void
show_criteria (RubricAgentDetail *self,
               GPtrArray         *criteria)
{
  clear_list (self->criteria_list);
  for (guint i = 0; i < MIN (criteria->len, N_CRITERIA); i++)
    {
      RubricTrendCriterion *criterion = g_ptr_array_index (criteria, i);
      g_autofree char *subtitle = NULL;
      g_autofree char *value = NULL;
      g_autofree char *failed = NULL;
      const char *title = criterion->text != NULL && *criterion->text != '\0'
                          ? criterion->text : criterion->criterion;

      if (criterion->has_failure_rate)
        {
          g_autofree char *rate = rubric_figure_format (criterion->failure_rate, 0);

          value = rubric_keep_together (g_strdup_printf ("%s %%", rate));
          /* Translators: how many answers to a criterion failed, "2 of 5 answers failed" */
          failed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u answer failed",
                                                 "%u of %u answers failed",
                                                 (gulong) criterion->answers),
                                    (guint) criterion->failures, (guint) criterion->answers);
        }
      else
        {
          value = g_strdup ("—");
          failed = g_strdup (_("Only N/A"));
        }
      subtitle = g_strdup_printf ("%s · %s · %s/%s", failed,
                                  criterion->category != NULL
                                  ? rubric_category_name (criterion->category) : "",
                                  criterion->scorecard, criterion->criterion);
      gtk_list_box_append (self->criteria_list, action_row (title, subtitle, value));
    }
}

static char *
call_time_text (gint64 call_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (call_time);
  g_autofree char *day = NULL;
  g_autofree char *clock = NULL;
  GDate date;

  if (time == NULL)
    return g_strdup ("");
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (time), g_date_time_get_month (time),
                  g_date_time_get_year (time));
  day = rubric_day_title (rubric_day_from_date (&date));
  clock = g_date_time_format (time, "%H:%M");

  return g_strdup_printf ("%s %s", day, clock);
}

static void
open_clicked_cb (GtkWidget *row)
{
  gtk_widget_activate (row);
}

/* GTK 4.8 gives a list box row no action over AT-SPI: the arrow at its end
 * is a button that activates the row, outside the focus chain (the row
 * has the keyboard). */
static GtkWidget *
open_button (GtkWidget *row)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("go-next-symbolic");

  gtk_widget_set_focusable (button, FALSE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Open this evaluation"), -1);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (open_clicked_cb), row);
  return button;
}

static void
show_lowest (RubricAgentDetail *self,
             GPtrArray         *lowest)
{
  clear_list (self->lowest_list);
  for (guint i = 0; i < lowest->len; i++)
    {
      RubricTrendEvaluation *evaluation = g_ptr_array_index (lowest, i);
      g_autofree char *score = score_text (evaluation->score);
      g_autofree char *when = call_time_text (evaluation->call_time);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      /* Translators: an evaluation in the list of the lowest: the call's id
       * and its time, "Call 1042 · 3 December 2026 14:05" */
      title = g_strdup_printf (_("Call %s · %s"), evaluation->call != NULL ? evaluation->call : "",
                               when);
      if (evaluation->reviewer != NULL && *evaluation->reviewer != '\0')
        /* Translators: who scored an evaluation and the agent, "By Maria Lopez · PJSIP/401" */
        subtitle = g_strdup_printf (_("By %s · %s"), evaluation->reviewer, evaluation->agent);
      else
        subtitle = g_strdup (evaluation->agent);
      if (evaluation->auto_failed)
        {
          g_autofree char *failed = g_strdup_printf ("%s · %s", _("Auto-failed"), subtitle);

          g_free (subtitle);
          subtitle = g_steal_pointer (&failed);
        }

      row = action_row (title, subtitle, score);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open_button (row));
      gtk_widget_set_tooltip_text (row, _("Open this evaluation"));
      gtk_list_box_append (self->lowest_list, row);
    }
}

static void
show_resolution (RubricAgentDetail *self,
                 GPtrArray         *resolution)
{
  clear_list (self->resolution_list);
  for (guint i = 0; i < resolution->len; i++)
    {
      RubricTrendResolution *r = g_ptr_array_index (resolution, i);
      const struct { const char *title; guint64 n; } cells[] = {
        { _("QA resolved, no repeat contact"), r->both_resolved },
        { _("QA unresolved, repeat contact"), r->both_unresolved },
        { _("QA resolved, but a repeat contact"), r->qa_only },
        { _("QA unresolved, but no repeat contact"), r->fcr_only },
      };
      g_autofree char *agreement = NULL;
      g_autofree char *kappa = NULL;
      g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, r->n);

      if (r->n == 0)
        {
          gtk_list_box_append (self->resolution_list,
                               action_row (r->vendor,
                                           _("No evaluated call is found among the call records"),
                                           n));
          continue;
        }
      if (resolution->len > 1)
        gtk_list_box_append (self->resolution_list,
                             action_row (r->vendor, _("Evaluated calls found among the call records"),
                                         n));
      else
        gtk_list_box_append (self->resolution_list,
                             action_row (_("Evaluated calls found among the call records"), NULL,
                                         n));
      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        {
          g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, cells[c].n);

          gtk_list_box_append (self->resolution_list, action_row (cells[c].title, NULL, count));
        }
      if (r->has_agreement)
        {
          g_autofree char *figure = rubric_figure_format (r->agreement, 1);

          agreement = rubric_keep_together (g_strdup_printf ("%s %%", figure));
        }
      gtk_list_box_append (self->resolution_list,
                           action_row (_("Agreement"), NULL, agreement != NULL ? agreement : "—"));
      if (r->has_kappa)
        kappa = rubric_figure_format (r->kappa, 2);
      gtk_list_box_append (self->resolution_list,
                           action_row (_("Cohen’s κ"),
                                       _("Agreement beyond chance: 1 is full, 0 no better than chance"),
                                       kappa != NULL ? kappa : "—"));
    }
}

static void
show_members (RubricAgentDetail *self,
              GPtrArray         *members)
{
  clear_list (self->team_list);
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      RubricAgentSummary *summary = g_ptr_array_index (members, i);
      const char *title = summary->name != NULL && *summary->name != '\0'
                          ? summary->name : summary->agent;
      g_autofree char *mean = summary->current.has_mean
                              ? score_text (summary->current.mean) : g_strdup ("—");
      g_autofree char *subtitle = NULL;
      g_autofree char *accessible = NULL;
      GtkWidget *row;
      GtkWidget *spark;

      /* Translators: an agent of a team: id, vendor and how many evaluations,
       * "PJSIP/401 · Northwind Support · 12 evaluations" */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s · %u evaluation",
                                               "%s · %s · %u evaluations",
                                               (gulong) summary->evaluations),
                                  summary->agent, summary->vendor, (guint) summary->evaluations);
      /* As in the page's list: the sparkline, then the mean. */
      row = action_row (title, subtitle, NULL);
      spark = rubric_agent_sparkline_new ();
      rubric_agent_sparkline_set (spark, summary->spark, RUBRIC_TRENDS_SPARK_BUCKETS, self->by);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spark);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix_label (mean));
      accessible = g_strjoin (_(", "), title, mean, subtitle, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "vendor", g_strdup (summary->vendor), g_free);
      g_object_set_data_full (G_OBJECT (row), "agent", g_strdup (summary->agent), g_free);
      gtk_list_box_append (self->team_list, row);
    }
}

/* The chart (one per vendor on a team's page across vendors) of the
 * category chosen. */
static void
show_charts (RubricAgentDetail *self)
{
  guint selected = gtk_drop_down_get_selected (self->category_dropdown);
  const char *category = NULL;
  g_autoptr(GPtrArray) vendors = g_ptr_array_new ();

  if (self->keys != NULL && selected != GTK_INVALID_LIST_POSITION && selected > 0 &&
      selected <= self->keys->len)
    category = g_ptr_array_index (self->keys, selected - 1);

  clear_box (self->charts_box);
  if (self->rows == NULL)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    {
      RubricTrendRow *row = g_ptr_array_index (self->rows, i);

      if (!g_ptr_array_find_with_equal_func (vendors, row->vendor, g_str_equal, NULL))
        g_ptr_array_add (vendors, row->vendor);
    }

  for (guint v = 0; v < vendors->len; v++)
    {
      const char *vendor = g_ptr_array_index (vendors, v);
      g_autoptr(GPtrArray) rows = g_ptr_array_new ();
      g_autoptr(GPtrArray) team_rows = g_ptr_array_new ();
      GtkWidget *chart;
      g_autofree char *accessible = NULL;

      for (guint i = 0; i < self->rows->len; i++)
        if (g_str_equal (((RubricTrendRow *) g_ptr_array_index (self->rows, i))->vendor, vendor))
          g_ptr_array_add (rows, g_ptr_array_index (self->rows, i));
      for (guint i = 0; self->team_rows != NULL && i < self->team_rows->len; i++)
        if (g_str_equal (((RubricTrendRow *) g_ptr_array_index (self->team_rows, i))->vendor, vendor))
          g_ptr_array_add (team_rows, g_ptr_array_index (self->team_rows, i));

      if (vendors->len > 1)
        {
          GtkWidget *label = gtk_label_new (vendor);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (GTK_BOX (self->charts_box), label);
        }
      chart = rubric_trend_chart_new ();
      /* Translators: the accessible name of the trend chart, "Score trend of
       * Anna Moreau: Resolution" */
      accessible = g_strdup_printf (_("Score trend of %s: %s"),
                                    gtk_label_get_label (self->title_label),
                                    category != NULL ? rubric_category_name (category)
                                                     : _("Overall"));
      gtk_box_append (GTK_BOX (self->charts_box), chart);
      trend_chart_set (chart, rows, self->team_mode ? NULL : team_rows, category);
      /* Whose trend: the chart names the score and the buckets itself. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
    }
}

static void
category_changed_cb (RubricAgentDetail *self)
{
  if (!self->filling)
    show_charts (self);
}

static void
fill_categories (RubricAgentDetail *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *chosen = NULL;
  guint selected = gtk_drop_down_get_selected (self->category_dropdown);
  guint select = 0;

  if (self->keys != NULL && selected > 0 && selected != GTK_INVALID_LIST_POSITION &&
      selected <= self->keys->len)
    chosen = g_strdup (g_ptr_array_index (self->keys, selected - 1));

  g_clear_pointer (&self->keys, g_ptr_array_unref);
  self->keys = self->rows != NULL && self->rows->len > 0
               ? rubric_trends_category_keys (self->rows)
               : g_ptr_array_new_with_free_func (g_free);
  if (self->keys == NULL)
    self->keys = g_ptr_array_new_with_free_func (g_free);

  gtk_string_list_append (names, _("Overall"));
  for (guint i = 0; i < self->keys->len; i++)
    {
      const char *key = g_ptr_array_index (self->keys, i);

      gtk_string_list_append (names, rubric_category_name (key));
      if (g_strcmp0 (key, chosen) == 0)
        select = i + 1;
    }

  self->filling = TRUE;
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->category_dropdown, select);
  self->filling = FALSE;
}

static void
update_actions (RubricAgentDetail *self)
{
  /* Enabled while the figures of another range load: a button that held
   * the keyboard would lose it. */
  gboolean agent = !self->team_mode && self->agent != NULL &&
                   g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "error") != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agent.edit",
                                 agent && self->edit_refused == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agent.export-report", agent);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agent.show-team",
                                 agent && self->team != NULL && *self->team != '\0');
  gtk_widget_set_tooltip_text (self->edit_button,
                               self->edit_refused != NULL
                               ? self->edit_refused : _("Change the agent’s name and team"));
}

static void
show_data (RubricAgentDetail *self,
           DetailData        *data)
{
  g_autofree char *summary = NULL;
  g_autofree char *mean_text = NULL;
  double mean;
  guint64 n;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->team_rows, g_ptr_array_unref);
  g_clear_pointer (&self->members, g_ptr_array_unref);
  g_clear_pointer (&self->lowest, g_ptr_array_unref);
  self->rows = g_steal_pointer (&data->rows);
  self->team_rows = g_steal_pointer (&data->team_rows);
  self->members = g_steal_pointer (&data->members);
  self->lowest = g_steal_pointer (&data->lowest);

  n = pool_overall (self->rows, &mean);
  if (n > 0)
    {
      mean_text = score_text (mean);
      /* Translators: an agent's or team's mean over the range and how many
       * evaluations it pools, "Mean 84.2 over 14 evaluations" */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Mean %s over %u evaluation",
                                              "Mean %s over %u evaluations", (gulong) n),
                                 mean_text, (guint) n);
    }
  else
    summary = g_strdup (_("No evaluations in this range"));
  gtk_label_set_label (self->summary_label, summary);

  fill_categories (self);
  show_charts (self);

  gtk_widget_set_visible (self->bars_heading, !self->team_mode);
  gtk_widget_set_visible (self->bars_box, !self->team_mode);
  clear_box (self->bars_box);
  if (!self->team_mode)
    {
      g_autoptr(GPtrArray) mine = pool_categories (self->rows);
      g_autoptr(GPtrArray) team = pool_categories (self->team_rows);
      GtkWidget *bars = rubric_category_bars_new ();
      g_autofree char *accessible = NULL;
      g_autoptr(GString) words = g_string_new (NULL);

      for (guint i = 0; i < mine->len; i++)
        {
          RubricQaCategory *category = g_ptr_array_index (mine, i);
          g_autofree char *figure = category->mean.has_mean ? score_text (category->mean.mean)
                                                           : g_strdup ("—");

          if (words->len > 0)
            g_string_append (words, _(", "));
          g_string_append_printf (words, "%s %s", rubric_category_name (category->key), figure);
        }
      /* Translators: the accessible name of the category bars, then each
       * category's mean, "Categories against the team: Resolution 82.0, …" */
      accessible = g_strdup_printf (_("Categories against the team: %s"), words->str);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bars), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      gtk_box_append (GTK_BOX (self->bars_box), bars);
      category_bars_set (bars, mine, team);
    }

  gtk_widget_set_visible (self->team_heading, self->team_mode);
  gtk_widget_set_visible (GTK_WIDGET (self->team_list), self->team_mode);
  show_members (self, self->members);
  show_criteria (self, data->criteria);
  show_lowest (self, self->lowest);
  show_resolution (self, data->resolution);

  gtk_stack_set_visible_child_name (self->figures_stack,
                                    n > 0 || self->team_mode ? "figures" : "none");
  gtk_stack_set_visible_child_name (self->stack, "figures");
}

static void
detail_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RubricAgentDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  /* A newer choice took over: its own result will come. */
  if (cancellable != self->loading)
    return;
  g_clear_object (&self->loading);

  if (!rubric_db_task_propagate (result, rubric_agent_detail_show_agent, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      update_actions (self);
      return;
    }

  show_data (self, rubric_db_task_get_data (result));
  update_actions (self);
}

static void
start (RubricAgentDetail *self,
       RubricDb          *db,
       DetailData        *data)
{
  g_autoptr(GTask) task = NULL;

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);

  self->db = db;
  self->range = data->range;
  self->by = data->by;
  self->loading = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "loading");
  update_actions (self);

  task = rubric_db_task_new (db, RUBRIC_DB_TASK_OPEN_EXISTING, rubric_agent_detail_show_agent,
                             self->loading, detail_done_cb, g_object_ref (self));
  rubric_db_task_run (task, detail_work, data, detail_data_free);
}

static void
scroll_to_top (RubricAgentDetail *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

void
rubric_agent_detail_show_agent (RubricAgentDetail *self,
                                RubricDb          *db,
                                gint64             agent_id,
                                const char        *vendor,
                                const char        *agent,
                                const char        *name,
                                const char        *team,
                                RubricDayRange     range,
                                RubricPeriodKind   by)
{
  DetailData *data;
  g_autofree char *subtitle = NULL;
  const char *team_words = team != NULL && *team != '\0' ? team : _("No team");

  g_return_if_fail (RUBRIC_IS_AGENT_DETAIL (self));
  g_return_if_fail (db != NULL);
  g_return_if_fail (vendor != NULL && agent != NULL);

  /* Another agent starts at the top; the same over another range stays. */
  if (self->team_mode || g_strcmp0 (self->vendor, vendor) != 0 || g_strcmp0 (self->agent, agent) != 0)
    scroll_to_top (self);
  self->team_mode = FALSE;
  self->agent_id = agent_id;
  g_free (self->vendor);
  self->vendor = g_strdup (vendor);
  g_free (self->agent);
  self->agent = g_strdup (agent);
  g_free (self->name);
  self->name = g_strdup (name);
  g_free (self->team);
  self->team = g_strdup (team);

  gtk_label_set_label (self->title_label, name != NULL && *name != '\0' ? name : agent);
  subtitle = g_strdup_printf ("%s · %s · %s", agent, team_words, vendor);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (self->actions_box, TRUE);
  gtk_widget_set_visible (self->team_button, team != NULL && *team != '\0');
  if (team != NULL && *team != '\0')
    {
      g_autofree char *label = g_strdup_printf (_("Team %s Overview"), team);

      gtk_button_set_label (GTK_BUTTON (self->team_button), label);
    }

  data = g_new0 (DetailData, 1);
  data->vendor = g_strdup (vendor);
  data->agent = g_strdup (agent);
  data->team = g_strdup (team);
  data->range = range;
  data->by = by;
  start (self, db, data);
}

void
rubric_agent_detail_show_team (RubricAgentDetail *self,
                               RubricDb          *db,
                               const char        *vendor,
                               const char        *team,
                               RubricDayRange     range,
                               RubricPeriodKind   by)
{
  DetailData *data;
  g_autofree char *title = NULL;

  g_return_if_fail (RUBRIC_IS_AGENT_DETAIL (self));
  g_return_if_fail (db != NULL);
  g_return_if_fail (team != NULL);

  if (!self->team_mode || g_strcmp0 (self->vendor, vendor) != 0 || g_strcmp0 (self->team, team) != 0)
    scroll_to_top (self);
  self->team_mode = TRUE;
  self->agent_id = 0;
  g_clear_pointer (&self->agent, g_free);
  g_clear_pointer (&self->name, g_free);
  g_free (self->vendor);
  self->vendor = g_strdup (vendor);
  g_free (self->team);
  self->team = g_strdup (team);

  /* Translators: the title of a team's page, "Team Billing" */
  title = g_strdup_printf (_("Team %s"), team);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->subtitle_label, vendor != NULL ? vendor : _("Every vendor"));
  gtk_widget_set_visible (self->actions_box, FALSE);

  data = g_new0 (DetailData, 1);
  data->team_mode = TRUE;
  data->vendor = g_strdup (vendor);
  data->team = g_strdup (team);
  data->range = range;
  data->by = by;
  start (self, db, data);
}

void
rubric_agent_detail_clear (RubricAgentDetail *self)
{
  g_return_if_fail (RUBRIC_IS_AGENT_DETAIL (self));

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_pointer (&self->agent, g_free);
  gtk_label_set_label (self->title_label, "");
  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_actions (self);
}

gboolean
rubric_agent_detail_get_loading (RubricAgentDetail *self)
{
  g_return_val_if_fail (RUBRIC_IS_AGENT_DETAIL (self), FALSE);

  return self->loading != NULL;
}

void
rubric_agent_detail_set_can_edit (RubricAgentDetail *self,
                                  gboolean           can_edit,
                                  const char        *reason)
{
  g_return_if_fail (RUBRIC_IS_AGENT_DETAIL (self));

  g_free (self->edit_refused);
  self->edit_refused = can_edit ? NULL : g_strdup (reason != NULL ? reason : "");
  update_actions (self);
}

GtkListBox *
rubric_agent_detail_get_lowest_list (RubricAgentDetail *self)
{
  g_return_val_if_fail (RUBRIC_IS_AGENT_DETAIL (self), NULL);

  return self->lowest_list;
}

GtkListBox *
rubric_agent_detail_get_criteria_list (RubricAgentDetail *self)
{
  g_return_val_if_fail (RUBRIC_IS_AGENT_DETAIL (self), NULL);

  return self->criteria_list;
}

GtkListBox *
rubric_agent_detail_get_team_list (RubricAgentDetail *self)
{
  g_return_val_if_fail (RUBRIC_IS_AGENT_DETAIL (self), NULL);

  return self->team_list;
}

const char *
rubric_agent_detail_get_title (RubricAgentDetail *self)
{
  g_return_val_if_fail (RUBRIC_IS_AGENT_DETAIL (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
rubric_agent_detail_scroll_to_end (RubricAgentDetail *self)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (RUBRIC_IS_AGENT_DETAIL (self));

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

const char *
rubric_agent_detail_get_state (RubricAgentDetail *self)
{
  g_return_val_if_fail (RUBRIC_IS_AGENT_DETAIL (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "figures") == 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->figures_stack), "none") == 0)
    return "none";
  return gtk_stack_get_visible_child_name (self->stack);
}

/* --------------------------------------------------------- activation */

static void
lowest_row_activated_cb (RubricAgentDetail *self,
                         GtkListBoxRow     *row)
{
  int index = gtk_list_box_row_get_index (row);
  RubricTrendEvaluation *evaluation;

  if (self->lowest == NULL || index < 0 || (guint) index >= self->lowest->len)
    return;

  evaluation = g_ptr_array_index (self->lowest, index);
  g_signal_emit (self, signals[OPEN_EVALUATION], 0, evaluation->uuid, (gint64) 0);
}

static void
team_row_activated_cb (RubricAgentDetail *self,
                       GtkListBoxRow     *row)
{
  g_signal_emit (self, signals[OPEN_AGENT], 0, g_object_get_data (G_OBJECT (row), "vendor"),
                 g_object_get_data (G_OBJECT (row), "agent"));
}

/* ---------------------------------------------------------- edit dialog */

typedef struct
{
  RubricAgentDetail *self;
  GtkEditable       *name;
  GtkEditable       *team;
  gint64             agent_id;
} EditDialog;

static void
edit_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  EditDialog *edit = user_data;
  RubricAgentDetail *self = edit->self;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *team = NULL;

  if (!g_str_equal (response, "save") || self->db == NULL || !RUBRIC_IS_WINDOW (root))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (edit->name)));
  team = g_strstrip (g_strdup (gtk_editable_get_text (edit->team)));
  if (!rubric_agents_set (self->db, edit->agent_id, name, team, &error))
    {
      g_autofree char *message = NULL;

      if (rubric_window_report_error (RUBRIC_WINDOW (root), error))
        return;
      /* Translators: %s says what went wrong */
      message = g_strdup_printf (_("Could not change the agent: %s"), error->message);
      rubric_window_add_toast (RUBRIC_WINDOW (root), message);
      return;
    }

  /* Every page follows, the Agents page's list and this page included. */
  rubric_window_add_toast (RUBRIC_WINDOW (root), _("Agent changed"));
  rubric_window_refresh (RUBRIC_WINDOW (root));
}

static GtkWidget *
entry_row (const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  return row;
}

/* From an agent to their team's page, one button away (a screen reader
 * reaches it too, where the Team drop-down's popup is out of its reach in
 * GTK 4.8). */
static void
show_team_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RubricAgentDetail *self = RUBRIC_AGENT_DETAIL (widget);

  if (!self->team_mode && self->team != NULL && *self->team != '\0')
    g_signal_emit (self, signals[SHOW_TEAM], 0, self->vendor, self->team);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RubricAgentDetail *self = RUBRIC_AGENT_DETAIL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  EditDialog *edit;
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *name_row;
  GtkWidget *team_row;
  g_autofree char *body = NULL;

  if (self->team_mode || self->agent == NULL || !GTK_IS_WINDOW (root))
    return;

  /* Translators: the body of the Edit Name and Team dialog: the agent's
   * external id and vendor */
  body = g_strdup_printf (_("Agent %s of %s. Leave a field empty for none."), self->agent,
                          self->vendor);
  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Edit Name and Team"), body);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  name_row = entry_row (_("Name"), self->name);
  team_row = entry_row (_("Team"), self->team);
  gtk_list_box_append (GTK_LIST_BOX (list), name_row);
  gtk_list_box_append (GTK_LIST_BOX (list), team_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  edit = g_new0 (EditDialog, 1);
  edit->self = self;
  edit->name = GTK_EDITABLE (name_row);
  edit->team = GTK_EDITABLE (team_row);
  edit->agent_id = self->agent_id;
  g_object_set_data_full (G_OBJECT (dialog), "rubric-edit", edit, g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (edit_response_cb), edit);
  g_object_set_data_full (G_OBJECT (dialog), "rubric-detail", g_object_ref (self),
                          g_object_unref);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name_row);
}

/* ------------------------------------------------------- coaching report */

typedef struct
{
  char             *vendor;
  char             *agent;
  RubricDayRange    range;
  RubricPeriodKind  by;
} ReportData;

static void
report_data_free (gpointer data)
{
  ReportData *self = data;

  g_free (self->vendor);
  g_free (self->agent);
  g_free (self);
}

static gboolean
write_report (RubricDb       *db,
              GOutputStream  *out,
              gpointer        user_data,
              GCancellable   *cancellable,
              GError        **error)
{
  ReportData *data = user_data;
  RubricTrendQuery query = {
    .kind = RUBRIC_TREND_AGENT,
    .vendor = data->vendor,
    .agent = data->agent,
    .has_range = TRUE,
    .range = data->range,
    .by = data->by,
  };

  return rubric_trends_write_coaching_pdf (db, &query, out, cancellable, error);
}

typedef struct
{
  RubricWindow *window;
  char         *name;
} ReportJob;

static void
report_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ReportJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  rubric_window_end_job (job->window);
  if (rubric_db_task_propagate (result, report_done_cb, &error))
    /* Translators: %s is a file name */
    title = g_strdup_printf (_("Exported the coaching report to %s"), job->name);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    title = g_strdup (_("Export cancelled"));
  else
    /* Translators: %s says what went wrong */
    title = g_strdup_printf (_("Could not export the coaching report: %s"), error->message);
  rubric_window_add_toast (job->window, title);

  g_object_unref (job->window);
  g_free (job->name);
  g_free (job);
}

static void
report_chosen_cb (GtkWidget *owner,
                  GFile     *file,
                  gpointer   user_data)
{
  RubricAgentDetail *self = RUBRIC_AGENT_DETAIL (owner);
  GtkRoot *root = gtk_widget_get_root (owner);
  g_autofree char *label = NULL;
  GCancellable *cancellable;
  ReportData *data;
  ReportJob *job;

  if (!RUBRIC_IS_WINDOW (root) || self->db == NULL || self->agent == NULL)
    return;
  if (rubric_window_get_job_running (RUBRIC_WINDOW (root)))
    {
      rubric_window_add_toast (RUBRIC_WINDOW (root),
                               _("Wait for the import or export under way to finish"));
      return;
    }

  data = g_new0 (ReportData, 1);
  data->vendor = g_strdup (self->vendor);
  data->agent = g_strdup (self->agent);
  data->range = self->range;
  data->by = self->by;

  job = g_new0 (ReportJob, 1);
  job->window = g_object_ref (RUBRIC_WINDOW (root));
  job->name = g_file_get_basename (file);

  /* Translators: %s is a file name */
  label = g_strdup_printf (_("Exporting the coaching report to %s…"), job->name);
  cancellable = rubric_window_begin_job (job->window, label);
  rubric_window_set_job_progress (job->window, -1);
  rubric_job_write_file_async (self->db, file, write_report, data, report_data_free,
                               report_done_cb, cancellable, report_done_cb, job);
}

/* A file name of the agent's id: letters and digits kept, the rest dashes. */
static char *
report_file_name (RubricAgentDetail *self)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *code = rubric_period_code (self->range, RUBRIC_PERIOD_RANGE);

  /* Translators: the start of the coaching report's file name, before the
   * agent's id and the days; keep it a valid file name */
  g_string_append (name, C_("file name", "coaching"));
  g_string_append_c (name, '-');
  for (const char *p = self->agent; *p != '\0'; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) ? *p : '-');
  g_string_append_printf (name, "-%s.pdf", code);

  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RubricAgentDetail *self = RUBRIC_AGENT_DETAIL (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->team_mode || self->agent == NULL)
    return;

  chooser = rubric_file_chooser_new (&self->chooser, widget,
                                     _("Export the Coaching Report as PDF"),
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                     report_chosen_cb, NULL);
  if (chooser == NULL)
    return;
  rubric_file_chooser_add_filter (chooser, _("PDF files"), "*.pdf", NULL);
  name = report_file_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
rubric_agent_detail_export_report (RubricAgentDetail *self,
                                   GFile             *file)
{
  g_return_if_fail (RUBRIC_IS_AGENT_DETAIL (self));

  report_chosen_cb (GTK_WIDGET (self), file, NULL);
}

/* ---------------------------------------------------------------- class */

static void
rubric_agent_detail_dispose (GObject *object)
{
  RubricAgentDetail *self = RUBRIC_AGENT_DETAIL (object);

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  rubric_file_chooser_destroy (&self->chooser);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUBRIC_TYPE_AGENT_DETAIL);

  G_OBJECT_CLASS (rubric_agent_detail_parent_class)->dispose (object);
}

static void
rubric_agent_detail_finalize (GObject *object)
{
  RubricAgentDetail *self = RUBRIC_AGENT_DETAIL (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->team_rows, g_ptr_array_unref);
  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_pointer (&self->members, g_ptr_array_unref);
  g_clear_pointer (&self->lowest, g_ptr_array_unref);
  g_free (self->vendor);
  g_free (self->agent);
  g_free (self->name);
  g_free (self->team);
  g_free (self->edit_refused);

  G_OBJECT_CLASS (rubric_agent_detail_parent_class)->finalize (object);
}

static void
rubric_agent_detail_class_init (RubricAgentDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rubric_agent_detail_dispose;
  object_class->finalize = rubric_agent_detail_finalize;

  /* An evaluation of the lowest was activated: its uuid (and 0). */
  signals[OPEN_EVALUATION] =
    g_signal_new ("open-evaluation", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
  /* An agent of a team's page was activated: its vendor and external id. */
  signals[OPEN_AGENT] =
    g_signal_new ("open-agent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /* "Team NAME Overview" on an agent's page: the vendor and the team. */
  signals[SHOW_TEAM] =
    g_signal_new ("show-team", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "agent.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "agent.show-team", NULL, show_team_action);
  gtk_widget_class_install_action (widget_class, "agent.export-report", NULL,
                                   export_report_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rubricqa/Rubric/rubric-agent-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, RubricAgentDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentDetail, error_page);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentDetail, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentDetail, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentDetail, actions_box);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentDetail, edit_button);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentDetail, team_button);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentDetail, figures_stack);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentDetail, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentDetail, charts_box);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentDetail, bars_heading);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentDetail, bars_box);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentDetail, team_heading);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentDetail, team_list);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentDetail, criteria_list);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentDetail, lowest_list);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentDetail, resolution_list);
  gtk_widget_class_bind_template_callback (widget_class, category_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, lowest_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, team_row_activated_cb);
}

static void
rubric_agent_detail_init (RubricAgentDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_placeholder (self->criteria_list,
                                placeholder (_("No criterion was answered in this range")));
  gtk_list_box_set_placeholder (self->lowest_list,
                                placeholder (_("No submitted evaluation in this range")));
  gtk_list_box_set_placeholder (self->team_list, placeholder (_("No agent in this team")));
  fill_categories (self);
  update_actions (self);
}
