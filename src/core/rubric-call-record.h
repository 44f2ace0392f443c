/* rubric-call-record.h — one call record as the evaluation editor shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-db.h"

G_BEGIN_DECLS

/* The call record an evaluation scores, with its vendor, agent and queue
 * by name (the editor's header). */
typedef struct
{
  char   *call_id;
  char   *vendor;
  char   *timezone;
  char   *agent;       /* the agent's external id, or NULL */
  char   *agent_name;  /* or NULL */
  char   *queue;
  gint64  entered_at;
  double  wait_s;      /* NAN when unknown */
  double  duration_s;  /* talk + hold; NAN when unknown */
  char   *recording;   /* a path or URI, or NULL */
} RubricCallRecord;

void     rubric_call_record_clear (RubricCallRecord  *record);
/* Reads the call record of row @row (calls.id) into @record (cleared
 * first); RUBRIC_ERROR_NOT_FOUND when there is none. */
gboolean rubric_call_record_read  (RubricDb          *db,
                                   gint64             row,
                                   RubricCallRecord  *record,
                                   GError           **error);
/* The row of the call record with id @call_id of vendor @vendor (by name)
 * entered closest to @call_time (Unix seconds), or 0 when there is none.
 * Evaluations carry the call's id, vendor and time, not its row: they may
 * come from another database. */
gint64   rubric_call_record_find  (RubricDb          *db,
                                   const char        *call_id,
                                   const char        *vendor,
                                   gint64             call_time,
                                   GError           **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RubricCallRecord, rubric_call_record_clear)

G_END_DECLS
