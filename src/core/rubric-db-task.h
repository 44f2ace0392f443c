/* rubric-db-task.h — core work in a GTask's worker thread, on a connection of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rubric-calls.h"
#include "rubric-db.h"

G_BEGIN_DECLS

typedef enum
{
  RUBRIC_DB_TASK_OPEN,           /* rubric_db_open: made or upgraded if need be */
  RUBRIC_DB_TASK_OPEN_EXISTING,  /* rubric_db_open_existing */
  RUBRIC_DB_TASK_NO_CONNECTION,  /* the work opens what it needs itself */
} RubricDbTaskOpen;

/* The work, in the worker thread: @db is the task's own connection (NULL
 * with RUBRIC_DB_TASK_NO_CONNECTION), @data what rubric_db_task_run was
 * given; what the work makes goes into @data. FALSE with @error set on
 * failure (G_IO_ERROR_CANCELLED when cancelled). */
typedef gboolean (*RubricDbTaskFunc) (GTask         *task,
                                      RubricDb      *db,
                                      gpointer       data,
                                      GCancellable  *cancellable,
                                      GError       **error);

/* A task for work on the database file of @db: the worker opens a
 * connection of its own (as @open says), so @db stays free for the caller
 * and SQLite's WAL lets it read while the work writes. */
GTask       *rubric_db_task_new           (RubricDb            *db,
                                           RubricDbTaskOpen     open,
                                           gpointer             source_tag,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* @progress runs in the caller's thread-default main context, in order and
 * never after the task's callback. */
void         rubric_db_task_set_progress  (GTask               *task,
                                           RubricProgressFunc   progress,
                                           gpointer             progress_data);
/* Runs @func in a worker thread; @data is the task's until it is finalised
 * (then @data_free). Takes no reference of @task. */
void         rubric_db_task_run           (GTask               *task,
                                           RubricDbTaskFunc     func,
                                           gpointer             data,
                                           GDestroyNotify       data_free);

/* A RubricProgressFunc for the work to pass on to the core, with the task
 * as its user data: the report reaches the caller's progress callback. */
void         rubric_db_task_progress      (double               fraction,
                                           gpointer             task);
const char  *rubric_db_task_get_db_path   (GTask               *task);

/* For the _finish function: the data given to rubric_db_task_run, and the
 * outcome (TRUE, or FALSE with @error set), after checking that @result is
 * a task of @source_tag. */
gpointer     rubric_db_task_get_data      (GAsyncResult        *result);
gboolean     rubric_db_task_propagate     (GAsyncResult        *result,
                                           gpointer             source_tag,
                                           GError             **error);

G_END_DECLS
