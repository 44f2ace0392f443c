/* rubric-coaching-data.c — what an agent's coaching report is drawn from (issue 12)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rubric_trends_write_coaching_pdf () gathers the agent's buckets, weakest
 * criteria with their comments and lowest evaluations from the trends
 * (rubric-trends.c), and the period's figures of the agent and its team
 * from the evaluations, into a RubricCoachingData that
 * rubric-coaching-pdf.c draws.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rubric-coaching-pdf-private.h"
#include "rubric-db.h"
#include "rubric-error.h"
#include "rubric-period.h"
#include "rubric-rating-text.h"
#include "rubric-rating.h"
#include "rubric-score.h"
#include "rubric-stmt.h"
#include "rubric-trends.h"

/* ------------------------------------------------------------------ */
/* The data                                                            */

static void
category_free (gpointer data)
{
  RubricQaCategory *category = data;

  g_free (category->key);
  g_free (category);
}

GPtrArray *
rubric_coaching_categories_new (void)
{
  return g_ptr_array_new_with_free_func (category_free);
}

RubricCoachingData *
rubric_coaching_data_new (void)
{
  RubricCoachingData *data = g_new0 (RubricCoachingData, 1);

  data->by = RUBRIC_PERIOD_WEEK;
  data->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_trend_row_free);
  data->categories = rubric_coaching_categories_new ();
  data->team_categories = rubric_coaching_categories_new ();
  data->criteria = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_trend_criterion_free);
  data->comments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  data->lowest = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_trend_evaluation_free);
  return data;
}

void
rubric_coaching_data_free (RubricCoachingData *data)
{
  if (data == NULL)
    return;
  g_free (data->vendor);
  g_free (data->agent);
  g_free (data->agent_name);
  g_free (data->team);
  g_free (data->timezone);
  g_clear_pointer (&data->rows, g_ptr_array_unref);
  g_clear_pointer (&data->categories, g_ptr_array_unref);
  g_clear_pointer (&data->team_categories, g_ptr_array_unref);
  g_clear_pointer (&data->criteria, g_ptr_array_unref);
  g_clear_pointer (&data->comments, g_ptr_array_unref);
  g_clear_pointer (&data->lowest, g_ptr_array_unref);
  g_free (data);
}

/* ------------------------------------------------------------------ */
/* Gathering                                                           */

static void
qa_mean_from (RubricQaMean *mean,
              GArray       *values)
{
  mean->n = rubric_mean_with_ci ((const double *) values->data, values->len, &mean->mean,
                                 &mean->low, &mean->high);
  mean->has_mean = mean->n > 0;
  mean->has_ci = mean->n >= 2;
}

static int
compare_categories (gconstpointer a,
                    gconstpointer b)
{
  const RubricQaCategory *x = *(RubricQaCategory * const *) a;
  const RubricQaCategory *y = *(RubricQaCategory * const *) b;

  return rubric_category_compare (x->key, y->key);
}

typedef enum
{
  OF_AGENT,
  OF_TEAM,
  OF_VENDOR,
} Whose;

/* The period's mean score and category means, each with n and its CI, of
 * @data's agent, its team or its whole vendor: over the submitted
 * evaluations whose call falls in the report's days in the vendor's zone,
 * read as the ratings read theirs (the trends give them per bucket only). */
static gboolean
period_figures (RubricDb                 *db,
                const RubricCoachingData *data,
                gint64                    vendor_id,
                Whose                     whose,
                RubricQaMean             *overall,
                GPtrArray                *categories,
                guint64                  *evaluations,
                guint64                  *auto_failed,
                GError                  **error)
{
  static const char *const queries[] = {
    [OF_AGENT] = "SELECT score, category_scores, auto_failed FROM evaluations"
                 " WHERE vendor_id = ?1 AND status = 'submitted'"
                 "   AND call_time >= ?2 AND call_time < ?3"
                 "   AND agent_id IN (SELECT id FROM agents"
                 "                     WHERE vendor_id = ?1 AND external_id = ?4)",
    [OF_TEAM] = "SELECT score, category_scores, auto_failed FROM evaluations"
                " WHERE vendor_id = ?1 AND status = 'submitted'"
                "   AND call_time >= ?2 AND call_time < ?3"
                "   AND agent_id IN (SELECT id FROM agents WHERE vendor_id = ?1 AND team = ?4)",
    [OF_VENDOR] = "SELECT score, category_scores, auto_failed FROM evaluations"
                  " WHERE vendor_id = ?1 AND status = 'submitted'"
                  "   AND call_time >= ?2 AND call_time < ?3",
  };
  g_autoptr(RubricCachedStmt) stmt = NULL;
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) by_category = NULL;
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  by_category = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_array_unref);
  stmt = rubric_db_cached (db, queries[whose], error);
  if (stmt == NULL)
    return FALSE;
  rubric_stmt_bind_int64 (stmt, 1, vendor_id);
  rubric_stmt_bind_int64 (stmt, 2, rubric_day_start_utc (data->range.first, data->timezone));
  rubric_stmt_bind_int64 (stmt, 3, rubric_day_start_utc (data->range.last + 1, data->timezone));
  if (whose == OF_AGENT)
    rubric_stmt_bind_text (stmt, 4, data->agent);
  else if (whose == OF_TEAM)
    rubric_stmt_bind_text (stmt, 4, data->team);

  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    {
      double score = rubric_stmt_column_type (stmt, 0) == RUBRIC_NULL
                     ? NAN : rubric_stmt_column_double (stmt, 0);

      g_array_append_val (scores, score);
      if (evaluations != NULL)
        (*evaluations)++;
      if (auto_failed != NULL && rubric_stmt_column_int (stmt, 2) != 0)
        (*auto_failed)++;
      g_ptr_array_set_size (keys, 0);
      g_array_set_size (values, 0);
      rubric_category_scores_parse (rubric_stmt_column_text (stmt, 1), keys, values);
      for (guint k = 0; k < keys->len; k++)
        {
          GArray *category = g_hash_table_lookup (by_category, g_ptr_array_index (keys, k));

          if (category == NULL)
            {
              category = g_array_new (FALSE, FALSE, sizeof (double));
              g_hash_table_insert (by_category, g_strdup (g_ptr_array_index (keys, k)),
                                   category);
            }
          g_array_append_val (category, g_array_index (values, double, k));
        }
    }
  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);

  qa_mean_from (overall, scores);
  g_hash_table_iter_init (&iter, by_category);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      RubricQaCategory *category = g_new0 (RubricQaCategory, 1);

      category->key = g_strdup (key);
      qa_mean_from (&category->mean, value);
      g_ptr_array_add (categories, category);
    }
  g_ptr_array_sort (categories, compare_categories);
  return TRUE;
}

static gboolean
gather (RubricDb               *db,
        const RubricTrendQuery *query,
        RubricCoachingData     *data,
        GError                **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) criteria = NULL;
  g_autoptr(GPtrArray) lowest = NULL;
  RubricTrendQuery ranged = *query;
  const RubricTrendRow *first;
  const RubricTrendRow *last;
  gint64 vendor_id;

  rows = rubric_trends_compute (db, query, error);
  if (rows == NULL)
    return FALSE;
  if (rows->len == 0)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND, _("Unknown agent: %s"),
                   query->agent);
      return FALSE;
    }
  first = g_ptr_array_index (rows, 0);
  last = g_ptr_array_index (rows, rows->len - 1);

  data->vendor = g_strdup (first->vendor);
  data->agent = g_strdup (first->agent != NULL ? first->agent : query->agent);
  data->agent_name = g_strdup (first->agent_name);
  data->team = first->team != NULL && *first->team != '\0' ? g_strdup (first->team) : NULL;
  data->by = query->by;
  data->range.first = first->range.first;
  data->range.last = last->range.last;
  if (query->has_range)
    data->range = query->range;

  vendor_id = rubric_db_lookup_vendor (db, data->vendor, error);
  if (vendor_id < 0)
    return FALSE;
  if (vendor_id == 0)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND, _("Unknown vendor: %s"),
                   data->vendor);
      return FALSE;
    }
  data->timezone = rubric_db_get_vendor_timezone (db, vendor_id);
  if (data->timezone == NULL)
    data->timezone = g_strdup ("UTC");

  /* The same days for everything, also when the query had none (the last
   * buckets up to today). */
  ranged.vendor = data->vendor;
  ranged.has_range = TRUE;
  ranged.range = data->range;

  if (!period_figures (db, data, vendor_id, OF_AGENT, &data->overall, data->categories,
                       &data->evaluations, &data->auto_failed, error) ||
      !period_figures (db, data, vendor_id, data->team != NULL ? OF_TEAM : OF_VENDOR,
                       &data->team_overall, data->team_categories, NULL, NULL, error))
    return FALSE;

  criteria = rubric_trends_criteria (db, &ranged, error);
  if (criteria == NULL)
    return FALSE;
  for (guint i = 0; i < criteria->len; i++)
    {
      RubricTrendCriterion *criterion = g_ptr_array_index (criteria, i);
      GPtrArray *comments;

      if (criterion->failures == 0)
        continue;
      if (data->criteria->len == RUBRIC_COACHING_CRITERIA)
        break;
      comments = rubric_trends_criterion_comments (db, &ranged, criterion->scorecard,
                                                   criterion->criterion,
                                                   RUBRIC_COACHING_COMMENTS, error);
      if (comments == NULL)
        return FALSE;
      g_ptr_array_add (data->comments, comments);
      g_ptr_array_add (data->criteria, g_ptr_array_steal_index (criteria, i));
      i--;
    }

  lowest = rubric_trends_lowest (db, &ranged, RUBRIC_COACHING_EVALUATIONS, error);
  if (lowest == NULL)
    return FALSE;
  g_ptr_array_extend_and_steal (data->lowest, g_steal_pointer (&lowest));

  g_ptr_array_extend_and_steal (data->rows, g_steal_pointer (&rows));
  return TRUE;
}

gboolean
rubric_trends_write_coaching_pdf (RubricDb               *db,
                                  const RubricTrendQuery *query,
                                  GOutputStream          *out,
                                  GCancellable           *cancellable,
                                  GError                **error)
{
  g_autoptr(RubricCoachingData) data = NULL;
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (query->kind != RUBRIC_TREND_AGENT || query->agent == NULL)
    {
      g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                           _("A coaching report is about one agent: give the agent."));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  data = rubric_coaching_data_new ();
  rubric_db_watch_cancellable (db, cancellable);
  ok = gather (db, query, data, error);
  rubric_db_watch_cancellable (db, NULL);
  if (!ok)
    return FALSE;

  return rubric_coaching_write_pdf (data, out, cancellable, error);
}
