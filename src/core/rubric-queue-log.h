/* rubric-queue-log.h — the Asterisk queue_log import (SPEC §4.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rubric-calls.h"
#include "rubric-db.h"

G_BEGIN_DECLS

typedef struct
{
  const char *vendor;          /* --vendor: the vendor of every queue, or NULL */
  const char *source;          /* --source, or NULL for "asterisk" */
  gboolean    skip_bad_lines;  /* skip malformed lines instead of refusing the file */
} RubricQueueLogOptions;

typedef struct
{
  guint64     lines;         /* lines read, blank ones aside */
  guint64     call_events;   /* lines that were events of a call */
  guint64     inserted;      /* new call records */
  guint64     completed;     /* records stored open before, completed now */
  guint64     unchanged;     /* records already stored as they are */
  guint64     pending;       /* records still waiting for their outcome */
  guint64     talking;       /* answered records still waiting for their talk time */
  guint64     ignored;       /* call events that changed nothing (a second CONNECT…) */
  GHashTable *other_events;  /* event name → guint64* count: system and unknown events */
  guint64     skipped;       /* malformed lines skipped (--skip-bad-lines) */
  GArray     *skipped_lines; /* gint64 line numbers of the first of them */
} RubricQueueLogReport;

/* At most this many skipped line numbers are kept (all are counted). */
#define RUBRIC_QUEUE_LOG_MAX_SKIPPED_LINES 1000

void     rubric_queue_log_report_clear (RubricQueueLogReport         *report);

/* Imports a raw Asterisk queue_log, streaming, in one transaction. A
 * malformed line refuses the file with RUBRIC_ERROR_INPUT "FILE:LINE:
 * message" and the database is left as it was, unless
 * @options->skip_bad_lines. Re-importing a log that has grown completes
 * the records it left pending and adds the new ones; the same content
 * twice changes nothing. @report is filled on success (clear it with
 * rubric_queue_log_report_clear); @options may be NULL. */
gboolean rubric_queue_log_import       (RubricDb                     *db,
                                        const char                   *path,
                                        const RubricQueueLogOptions  *options,
                                        RubricProgressFunc            progress,
                                        gpointer                      progress_data,
                                        RubricQueueLogReport         *report,
                                        GCancellable                 *cancellable,
                                        GError                      **error);

/* The distinct queues (char*, in the order first met) of the call events
 * of @path that have no vendor in @db: the ones rubric_queue_log_import
 * without a vendor would refuse. A quick streaming scan that checks
 * nothing else: malformed lines are passed over, the import reports them. */
GPtrArray *rubric_queue_log_unmapped_queues (RubricDb                *db,
                                             const char              *path,
                                             GCancellable            *cancellable,
                                             GError                 **error);

/* Whether @data, the start of a file (white space, and a UTF-8 byte-order
 * mark, skipped), begins like a queue_log: epoch seconds and a bar, which
 * no call-record CSV header does. How the CLI and the app tell them apart. */
gboolean rubric_queue_log_looks_like   (const char                   *data,
                                        gsize                         length);

/* Parses one line (without its end of line) as the importer does, without
 * a database: for the fuzzer and the tests. Returns FALSE with @error set
 * when the line is malformed. */
gboolean rubric_queue_log_check_line   (const char                   *line,
                                        gsize                         length,
                                        GError                      **error);

G_END_DECLS
