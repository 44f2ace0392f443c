/* rubric-call-writer.h — writes call records with their rollups and FCR links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place call records are written (core-private). For every record
 * it writes, inside the caller's transaction, the writer keeps two derived
 * things in step: the caller's repeat-contact links (calls.next_gap of the
 * record and of the caller's previous record) and the daily rollups
 * (call_rollups), whose deltas it gathers in memory and adds at
 * rubric_call_writer_finish().
 */

#pragma once

#include "rubric-calls.h"
#include "rubric-db.h"

G_BEGIN_DECLS

typedef struct
{
  gint64         source_id;
  const char    *call_id;
  gint64         queue_id;
  gint64         entered_at;
  gint64         vendor_id;
  gint64         agent_id;    /* 0: none */
  RubricOutcome  outcome;
  double         wait_s;
  gboolean       has_talk;
  gboolean       has_hold;
  gboolean       has_wrap;
  double         talk_s;
  double         hold_s;
  double         wrap_s;
  const char    *caller;      /* NULL: unknown */
  const char    *recording;   /* NULL: none */
} RubricCallRecord;

typedef enum
{
  RUBRIC_CALL_INSERTED,   /* a new record */
  RUBRIC_CALL_COMPLETED,  /* an open record got its outcome or its talk time */
  RUBRIC_CALL_UNCHANGED,  /* the record was there already */
  RUBRIC_CALL_DEFERRED,   /* buffered (PostgreSQL): counted by rubric_call_writer_counts() */
} RubricCallWrite;

typedef struct _RubricCallWriter RubricCallWriter;

/* With @complete_open, a record that is already stored pending (or
 * answered without a talk time) is completed by a later, fuller write of
 * the same record; otherwise a stored record is never changed. */
RubricCallWriter *rubric_call_writer_new    (RubricDb                *db,
                                             gboolean                 complete_open,
                                             GError                 **error);
gboolean          rubric_call_writer_write  (RubricCallWriter        *writer,
                                             const RubricCallRecord  *record,
                                             RubricCallWrite         *result,
                                             GError                 **error);
/* Adds the gathered rollup deltas; call before committing. */
gboolean          rubric_call_writer_finish (RubricCallWriter        *writer,
                                             GError                 **error);
void              rubric_call_writer_free   (RubricCallWriter        *writer);
/* What the writes that returned RUBRIC_CALL_DEFERRED did; known after
 * rubric_call_writer_finish(). */
void              rubric_call_writer_counts (RubricCallWriter        *writer,
                                             gint64                  *inserted,
                                             gint64                  *completed,
                                             gint64                  *unchanged);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricCallWriter, rubric_call_writer_free)

/* --vendor and --source, when given, must not be empty. */
gboolean          rubric_call_import_check_names (const char         *vendor,
                                                  const char         *source,
                                                  GError            **error);

/* Opens an input file for an import: RUBRIC_ERROR_INPUT "FILE: cannot open
 * the file" or G_IO_ERROR_CANCELLED; *@size is its size (0 if unknown). */
GInputStream     *rubric_open_input         (const char              *path,
                                             guint64                 *size,
                                             GCancellable            *cancellable,
                                             GError                 **error);

G_END_DECLS
