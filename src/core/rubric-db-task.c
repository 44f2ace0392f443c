/* rubric-db-task.c — core work in a GTask's worker thread, on a connection of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one way the app runs the core's synchronous functions off its main
 * thread: the task keeps the database file's path, opens a connection in
 * the worker, runs the work and closes the connection before it returns;
 * progress reported in the worker reaches the caller's main context, before
 * the task's result.
 */

#include "config.h"

#include "rubric-db-task.h"

typedef struct
{
  char               *db_path;
  RubricDbTaskOpen    open;
  GMainContext       *context;
  RubricProgressFunc  progress;
  gpointer            progress_data;
  RubricDbTaskFunc    func;
  gpointer            data;
  GDestroyNotify      data_free;
} DbTask;

static void
db_task_free (gpointer data)
{
  DbTask *self = data;

  if (self->data_free != NULL)
    g_clear_pointer (&self->data, self->data_free);
  g_free (self->db_path);
  g_main_context_unref (self->context);
  g_free (self);
}

GTask *
rubric_db_task_new (RubricDb            *db,
                    RubricDbTaskOpen     open,
                    gpointer             source_tag,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task;
  DbTask *self;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  self = g_new0 (DbTask, 1);
  self->db_path = g_strdup (rubric_db_get_path (db));
  self->open = open;
  self->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, self, db_task_free);
  return task;
}

void
rubric_db_task_set_progress (GTask              *task,
                             RubricProgressFunc  progress,
                             gpointer            progress_data)
{
  DbTask *self;

  g_return_if_fail (G_IS_TASK (task));

  self = g_task_get_task_data (task);
  self->progress = progress;
  self->progress_data = progress_data;
}

/* ------------------------------------------------------------- progress */

typedef struct
{
  GTask              *task;
  RubricProgressFunc  progress;
  gpointer            progress_data;
  double              fraction;
} ProgressMessage;

static void
progress_message_free (gpointer data)
{
  ProgressMessage *message = data;

  g_object_unref (message->task);
  g_free (message);
}

static gboolean
progress_dispatch_cb (gpointer user_data)
{
  ProgressMessage *message = user_data;

  /* Never after the callback: the caller may have let go of progress_data. */
  if (!g_task_get_completed (message->task))
    message->progress (message->fraction, message->progress_data);

  return G_SOURCE_REMOVE;
}

/* Always through an idle source in the caller's context:
 * g_main_context_invoke() could run the callback right here, in the worker,
 * when nobody holds the context. */
void
rubric_db_task_progress (double   fraction,
                         gpointer task)
{
  g_autoptr(GSource) source = NULL;
  ProgressMessage *message;
  DbTask *self;

  g_return_if_fail (G_IS_TASK (task));

  self = g_task_get_task_data (task);
  if (self->progress == NULL)
    return;

  source = g_idle_source_new ();
  message = g_new (ProgressMessage, 1);
  message->task = g_object_ref (task);
  message->progress = self->progress;
  message->progress_data = self->progress_data;
  message->fraction = fraction;

  /* The task's own priority: sources of one priority run in the order they
   * were attached, so the last report comes before the task returns. */
  g_source_set_priority (source, g_task_get_priority (task));
  g_source_set_callback (source, progress_dispatch_cb, message, progress_message_free);
  g_source_set_static_name (source, "[rubric] task progress");
  g_source_attach (source, self->context);
}

/* ------------------------------------------------------------------ run */

static void
db_task_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  DbTask *self = task_data;
  RubricDb *db = NULL;
  GError *error = NULL;
  gboolean ok;

  if (self->open == RUBRIC_DB_TASK_OPEN)
    db = rubric_db_open (self->db_path, &error);
  else if (self->open == RUBRIC_DB_TASK_OPEN_EXISTING)
    db = rubric_db_open_existing (self->db_path, &error);
  /* Waiting for another program's write ends when the job is cancelled. */
  if (db != NULL)
    rubric_db_set_cancellable (db, cancellable);

  ok = (db != NULL || self->open == RUBRIC_DB_TASK_NO_CONNECTION) &&
       self->func (task, db, self->data, cancellable, &error);

  /* Closed before the caller hears of the result. */
  g_clear_pointer (&db, rubric_db_close);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
rubric_db_task_run (GTask            *task,
                    RubricDbTaskFunc  func,
                    gpointer          data,
                    GDestroyNotify    data_free)
{
  DbTask *self;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  self = g_task_get_task_data (task);
  self->func = func;
  self->data = data;
  self->data_free = data_free;
  g_task_run_in_thread (task, db_task_thread);
}

const char *
rubric_db_task_get_db_path (GTask *task)
{
  DbTask *self;

  g_return_val_if_fail (G_IS_TASK (task), NULL);

  self = g_task_get_task_data (task);
  return self->db_path;
}

/* --------------------------------------------------------------- finish */

gpointer
rubric_db_task_get_data (GAsyncResult *result)
{
  DbTask *self;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  self = g_task_get_task_data (G_TASK (result));
  return self->data;
}

gboolean
rubric_db_task_propagate (GAsyncResult  *result,
                          gpointer       source_tag,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
