/* rubric-task-progress.c — progress reports from a GTask's worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A worker thread reports progress; the caller wants it in the main context
 * it started the task from, and never after the task's result.
 */

#include "config.h"

#include "rubric-task-progress.h"

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

/* Calls @progress with @fraction in @context, from any thread. Always
 * through an idle source: g_main_context_invoke() could run the callback
 * right here, in the worker, when nobody holds the context. Does nothing
 * when @progress is %NULL. */
void
rubric_task_report_progress (GTask              *task,
                             GMainContext       *context,
                             RubricProgressFunc  progress,
                             gpointer            progress_data,
                             double              fraction)
{
  g_autoptr(GSource) source = NULL;
  ProgressMessage *message;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (context != NULL);

  if (progress == NULL)
    return;

  source = g_idle_source_new ();
  message = g_new (ProgressMessage, 1);
  message->task = g_object_ref (task);
  message->progress = progress;
  message->progress_data = progress_data;
  message->fraction = fraction;

  /* The task's own priority: sources of one priority run in the order they
   * were attached, so the last report comes before the task returns. */
  g_source_set_priority (source, g_task_get_priority (task));
  g_source_set_callback (source, progress_dispatch_cb, message, progress_message_free);
  g_source_set_static_name (source, "[rubric] task progress");
  g_source_attach (source, context);
}
