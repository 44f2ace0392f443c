/* rubric-calls-async.c — the call-record import in a worker thread, for the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker opens its own connection to the same database file, so the
 * caller's connection stays free while a long import runs.
 */

#include "config.h"

#include "rubric-calls.h"
#include "rubric-error.h"
#include "rubric-private.h"
#include "rubric-task-progress.h"

typedef struct
{
  char                   *db_path;
  char                   *path;
  char                   *vendor;
  char                   *source;
  char                   *map;
  RubricProgressFunc      progress;
  gpointer                progress_data;
  GMainContext           *context;
  RubricCallImportReport  report;
} AsyncImport;

static void
async_import_free (gpointer data)
{
  AsyncImport *self = data;

  g_free (self->db_path);
  g_free (self->path);
  g_free (self->vendor);
  g_free (self->source);
  g_free (self->map);
  g_main_context_unref (self->context);
  g_free (self);
}

/* Runs in the worker; the report reaches the caller's context. */
static void
progress_in_thread (double   fraction,
                    gpointer user_data)
{
  GTask *task = user_data;
  AsyncImport *data = g_task_get_task_data (task);

  rubric_task_report_progress (task, data->context, data->progress, data->progress_data,
                               fraction);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AsyncImport *data = task_data;
  RubricCallImportOptions options = { data->vendor, data->source, data->map };
  g_autoptr(RubricDb) db = NULL;
  GError *error = NULL;

  db = rubric_db_open (data->db_path, &error);
  if (db == NULL ||
      !rubric_calls_import_csv (db, data->path, &options,
                                data->progress != NULL ? progress_in_thread : NULL, task,
                                &data->report, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
rubric_calls_import_csv_async (RubricDb                       *db,
                               const char                     *path,
                               const RubricCallImportOptions  *options,
                               RubricProgressFunc              progress,
                               gpointer                        progress_data,
                               GCancellable                   *cancellable,
                               GAsyncReadyCallback             callback,
                               gpointer                        user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncImport *data;

  g_return_if_fail (db != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (AsyncImport, 1);
  data->db_path = g_strdup (rubric_db_get_path (db));
  data->path = g_strdup (path);
  if (options != NULL)
    {
      data->vendor = g_strdup (options->vendor);
      data->source = g_strdup (options->source);
      data->map = g_strdup (options->map);
    }
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rubric_calls_import_csv_async);
  g_task_set_task_data (task, data, async_import_free);
  g_task_run_in_thread (task, import_thread);
}

gboolean
rubric_calls_import_csv_finish (GAsyncResult            *result,
                                RubricCallImportReport  *report,
                                GError                 **error)
{
  AsyncImport *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rubric_calls_import_csv_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  if (report != NULL)
    *report = data->report;

  return TRUE;
}
