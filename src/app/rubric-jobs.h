/* rubric-jobs.h — the app's long work in worker threads: imports and exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rubric-calls.h"
#include "rubric-db.h"
#include "rubric-evaluation-store.h"

G_BEGIN_DECLS

typedef enum
{
  RUBRIC_IMPORT_UNKNOWN,
  RUBRIC_IMPORT_CALLS,        /* call-record CSV (SPEC §8.3) */
  RUBRIC_IMPORT_QUEUE_LOG,    /* Asterisk queue_log (SPEC §4.2) */
  RUBRIC_IMPORT_EVALUATIONS,  /* <evaluations> (SPEC §8.2) */
  RUBRIC_IMPORT_SCORECARD,    /* <scorecard> (SPEC §8.1) */
  RUBRIC_IMPORT_CONTRACT,     /* <contract> (SPEC §8.5) */
} RubricImportKind;

/* Writes what @write puts on a stream into @file, in a worker thread (the
 * caller's): opens @db_path on a connection of its own, writes a temporary
 * file beside @file and puts it in place only once @write succeeded and
 * nothing cancelled; otherwise @file stays as it was (or is not made). */
typedef gboolean (*RubricJobWriteFunc) (RubricDb       *db,
                                        GOutputStream  *out,
                                        gpointer        data,
                                        GCancellable   *cancellable,
                                        GError        **error);
gboolean         rubric_job_write_file           (const char                    *db_path,
                                                  GFile                         *file,
                                                  RubricJobWriteFunc             write,
                                                  gpointer                       data,
                                                  GCancellable                  *cancellable,
                                                  GError                       **error);
/* rubric_job_write_file () of @db's file in a worker thread: @data goes to
 * @write, and is the task's until it is finalised (then @data_free). The
 * _finish function is rubric_db_task_propagate () with @source_tag. */
void             rubric_job_write_file_async     (RubricDb                      *db,
                                                  GFile                         *file,
                                                  RubricJobWriteFunc             write,
                                                  gpointer                       data,
                                                  GDestroyNotify                 data_free,
                                                  gpointer                       source_tag,
                                                  GCancellable                  *cancellable,
                                                  GAsyncReadyCallback            callback,
                                                  gpointer                       user_data);

/* What @path holds, from its first bytes: an XML root element, epoch
 * seconds and a bar (queue_log), or else a CSV. */
RubricImportKind rubric_import_detect            (const char                    *path);

/* Imports @path (of the kind its content says) in a worker thread, on a
 * connection of its own to @db's file; @progress (share of the file read,
 * or < 0 when unknown) runs in the caller's main context, never after
 * @callback. @who is the name an evaluation import records. */
void             rubric_import_async             (RubricDb                      *db,
                                                  const char                    *path,
                                                  const char                    *who,
                                                  RubricProgressFunc             progress,
                                                  gpointer                       progress_data,
                                                  GCancellable                  *cancellable,
                                                  GAsyncReadyCallback            callback,
                                                  gpointer                       user_data);
/* A sentence that says what the import did, for a toast; NULL with @error
 * set ("FILE:LINE: message" where a line is known) on failure. */
char            *rubric_import_finish            (GAsyncResult                  *result,
                                                  RubricImportKind              *kind,
                                                  GError                       **error);

/* The queues of the queue_log @path that have no vendor yet
 * (rubric_queue_log_unmapped_queues), found in a worker thread on a
 * connection of its own to @db's file. */
void             rubric_queue_log_scan_async     (RubricDb                      *db,
                                                  const char                    *path,
                                                  GCancellable                  *cancellable,
                                                  GAsyncReadyCallback            callback,
                                                  gpointer                       user_data);
/* A GPtrArray of char*, empty when every queue has a vendor. */
GPtrArray       *rubric_queue_log_scan_finish    (GAsyncResult                  *result,
                                                  GError                       **error);

typedef enum
{
  RUBRIC_EXPORT_CSV,
  RUBRIC_EXPORT_XML,
} RubricExportFormat;

/* Writes the evaluations @filter selects to @file (replaced only once
 * complete) in a worker thread. */
void             rubric_export_evaluations_async  (RubricDb                     *db,
                                                   const RubricEvaluationFilter *filter,
                                                   RubricExportFormat            format,
                                                   GFile                        *file,
                                                   GCancellable                 *cancellable,
                                                   GAsyncReadyCallback           callback,
                                                   gpointer                      user_data);
gboolean         rubric_export_evaluations_finish (GAsyncResult                 *result,
                                                   GError                      **error);

G_END_DECLS
