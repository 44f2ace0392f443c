/* rubric-vendor-ratings.c — the vendors page's figures, computed and exported in worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A rating with its trend is thirteen periods of KPIs, evaluations and
 * reported figures per vendor: cheap on the daily rollups, but not free
 * over a million evaluations, so the page never computes on the main
 * thread. Like the imports (rubric-jobs.c), every job opens a connection
 * of its own; the results are plain structs handed back whole.
 */

#include "config.h"

#include "rubric-clock.h"
#include "rubric-contract-store.h"
#include "rubric-rating-period.h"
#include "rubric-jobs.h"
#include "rubric-vendor-ratings.h"

gint32
rubric_vendor_ratings_today (void)
{
  return rubric_clock_today (NULL);
}

/* ---------------------------------------------------------------- rate */

GPtrArray *
rubric_vendor_ratings_compute (RubricDb         *db,
                               RubricDayRange    range,
                               RubricPeriodKind  kind,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_autoptr(GPtrArray) vendors = NULL;
  g_autoptr(GPtrArray) ratings = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (range.first <= range.last, NULL);

  vendors = rubric_contract_store_list_vendors (db, error);
  if (vendors == NULL)
    return NULL;

  ratings = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_rating_free);
  for (guint i = 0; i < vendors->len; i++)
    {
      const char *name = g_ptr_array_index (vendors, i);
      RubricRating *rating;
      gint64 vendor_id;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      vendor_id = rubric_db_lookup_vendor (db, name, error);
      if (vendor_id < 0)
        return NULL;

      /* The trend's points carry their call KPIs, for the KPI charts. */
      rating = rubric_rating_compute (db, vendor_id, range, kind,
                                      RUBRIC_RATING_WITH_PREVIOUS | RUBRIC_RATING_WITH_TREND,
                                      error);
      if (rating == NULL)
        return NULL;

      g_ptr_array_add (ratings, rating);
    }

  return g_steal_pointer (&ratings);
}

typedef struct
{
  char             *db_path;
  gboolean          has_range;
  RubricDayRange    range;
  RubricPeriodKind  kind;
  gint32            latest_day;
} RatingsData;

static void
ratings_data_free (gpointer data)
{
  RatingsData *self = data;

  g_free (self->db_path);
  g_free (self);
}

static void
ratings_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RatingsData *data = task_data;
  g_autoptr(RubricDb) db = NULL;
  GPtrArray *ratings;
  GError *error = NULL;

  db = rubric_db_open_existing (data->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The latest day with data is looked up every time, so that the page
   * knows of data imported since it opened; the period it suggests is
   * taken only when none was asked for. */
  if (data->has_range)
    {
      RubricDayRange suggested;
      RubricPeriodKind suggested_kind;

      if (!rubric_ratings_default_period (db, &suggested, &suggested_kind, &data->latest_day,
                                          &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  else if (!rubric_ratings_default_period (db, &data->range, &data->kind, &data->latest_day,
                                           &error))
    {
      g_task_return_error (task, error);
      return;
    }

  ratings = rubric_vendor_ratings_compute (db, data->range, data->kind, cancellable, &error);
  if (ratings == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ratings, (GDestroyNotify) g_ptr_array_unref);
}

void
rubric_vendor_ratings_async (RubricDb             *db,
                             const RubricDayRange *range,
                             RubricPeriodKind      kind,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  RatingsData *data;

  g_return_if_fail (db != NULL);

  data = g_new0 (RatingsData, 1);
  data->db_path = g_strdup (rubric_db_get_path (db));
  data->has_range = range != NULL;
  if (range != NULL)
    data->range = *range;
  data->kind = kind;
  data->latest_day = -1;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rubric_vendor_ratings_async);
  g_task_set_task_data (task, data, ratings_data_free);
  g_task_run_in_thread (task, ratings_thread);
}

GPtrArray *
rubric_vendor_ratings_finish (GAsyncResult      *result,
                              RubricDayRange    *range,
                              RubricPeriodKind  *kind,
                              gint32            *latest_day,
                              GError           **error)
{
  RatingsData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rubric_vendor_ratings_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (range != NULL)
    *range = data->range;
  if (kind != NULL)
    *kind = data->kind;
  if (latest_day != NULL)
    *latest_day = data->latest_day;

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --------------------------------------------------------------- export */

typedef struct
{
  char                *db_path;
  RubricDayRange       range;
  RubricPeriodKind     kind;
  RubricRatingsExport  format;
  GFile               *file;
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *self = data;

  g_free (self->db_path);
  g_clear_object (&self->file);
  g_free (self);
}

static gboolean
write_ratings (RubricDb       *db,
               GOutputStream  *out,
               gpointer        user_data,
               GCancellable   *cancellable,
               GError        **error)
{
  ExportData *data = user_data;

  return rubric_ratings_export (db, NULL, data->range, data->kind, data->format, out,
                                cancellable, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;

  if (rubric_job_write_file (data->db_path, data->file, write_ratings, data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
rubric_ratings_export_async (RubricDb            *db,
                             RubricDayRange       range,
                             RubricPeriodKind     kind,
                             RubricRatingsExport  format,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (db != NULL);
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ExportData, 1);
  data->db_path = g_strdup (rubric_db_get_path (db));
  data->range = range;
  data->kind = kind;
  data->format = format;
  data->file = g_object_ref (file);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rubric_ratings_export_async);
  g_task_set_task_data (task, data, export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
rubric_ratings_export_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rubric_ratings_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
