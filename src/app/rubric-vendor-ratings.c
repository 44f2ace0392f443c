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
#include "rubric-db-task.h"
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
  gboolean          has_range;
  RubricDayRange    range;
  RubricPeriodKind  kind;
  gint32            latest_day;
  GPtrArray        *ratings;
} RatingsData;

static void
ratings_data_free (gpointer data)
{
  RatingsData *self = data;

  g_clear_pointer (&self->ratings, g_ptr_array_unref);
  g_free (self);
}

static gboolean
ratings_work (GTask         *task,
              RubricDb      *db,
              gpointer       task_data,
              GCancellable  *cancellable,
              GError       **error)
{
  RatingsData *data = task_data;

  /* The latest day with data is looked up every time, so that the page
   * knows of data imported since it opened; the period it suggests is
   * taken only when none was asked for. */
  if (data->has_range)
    {
      RubricDayRange suggested;
      RubricPeriodKind suggested_kind;

      if (!rubric_ratings_default_period (db, &suggested, &suggested_kind, &data->latest_day,
                                          error))
        return FALSE;
    }
  else if (!rubric_ratings_default_period (db, &data->range, &data->kind, &data->latest_day,
                                           error))
    return FALSE;

  data->ratings = rubric_vendor_ratings_compute (db, data->range, data->kind, cancellable, error);
  return data->ratings != NULL;
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
  data->has_range = range != NULL;
  if (range != NULL)
    data->range = *range;
  data->kind = kind;
  data->latest_day = -1;

  task = rubric_db_task_new (db, RUBRIC_DB_TASK_OPEN_EXISTING, rubric_vendor_ratings_async,
                             cancellable, callback, user_data);
  rubric_db_task_run (task, ratings_work, data, ratings_data_free);
}

GPtrArray *
rubric_vendor_ratings_finish (GAsyncResult      *result,
                              RubricDayRange    *range,
                              RubricPeriodKind  *kind,
                              gint32            *latest_day,
                              GError           **error)
{
  RatingsData *data;

  if (!rubric_db_task_propagate (result, rubric_vendor_ratings_async, error))
    return NULL;

  data = rubric_db_task_get_data (result);
  if (range != NULL)
    *range = data->range;
  if (kind != NULL)
    *kind = data->kind;
  if (latest_day != NULL)
    *latest_day = data->latest_day;

  return g_steal_pointer (&data->ratings);
}

/* --------------------------------------------------------------- export */

typedef struct
{
  RubricDayRange       range;
  RubricPeriodKind     kind;
  RubricRatingsExport  format;
} ExportData;

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
  ExportData *data = g_new0 (ExportData, 1);

  data->range = range;
  data->kind = kind;
  data->format = format;
  rubric_job_write_file_async (db, file, write_ratings, data, g_free, rubric_ratings_export_async,
                               cancellable, callback, user_data);
}

gboolean
rubric_ratings_export_finish (GAsyncResult  *result,
                              GError       **error)
{
  return rubric_db_task_propagate (result, rubric_ratings_export_async, error);
}
