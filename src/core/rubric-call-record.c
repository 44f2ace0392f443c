/* rubric-call-record.c — one call record as the evaluation editor shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rubric-call-record.h"
#include "rubric-error.h"
#include "rubric-private.h"

void
rubric_call_record_clear (RubricCallRecord *record)
{
  g_clear_pointer (&record->call_id, g_free);
  g_clear_pointer (&record->vendor, g_free);
  g_clear_pointer (&record->timezone, g_free);
  g_clear_pointer (&record->agent, g_free);
  g_clear_pointer (&record->agent_name, g_free);
  g_clear_pointer (&record->queue, g_free);
  g_clear_pointer (&record->recording, g_free);
  record->entered_at = 0;
  record->wait_s = NAN;
  record->duration_s = NAN;
}

static char *
column_dup (RubricStmt *stmt,
            int           column)
{
  return g_strdup (rubric_stmt_column_text (stmt, column));
}

gboolean
rubric_call_record_read (RubricDb          *db,
                         gint64             row,
                         RubricCallRecord  *record,
                         GError           **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  rubric_call_record_clear (record);

  stmt = rubric_db_cached (db,
                           "SELECT c.call_id, v.name, v.timezone, a.external_id, a.name, "
                           "  q.name, c.entered_at, c.wait_s, "
                           "  coalesce (c.talk_s, 0) + coalesce (c.hold_s, 0), "
                           "  c.talk_s IS NULL, c.recording "
                           "FROM calls c "
                           "JOIN vendors v ON v.id = c.vendor_id "
                           "JOIN queues q ON q.id = c.queue_id "
                           "LEFT JOIN agents a ON a.id = c.agent_id "
                           "WHERE c.id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;

  rubric_stmt_bind_int64 (stmt, 1, row);
  rc = rubric_stmt_step (stmt);
  if (rc != RUBRIC_ROW)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, row);

      if (rc != RUBRIC_DONE)
        rubric_db_set_error (db, error);
      else
        g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                     _("There is no call record %s"), number);
      return FALSE;
    }

  record->call_id = column_dup (stmt, 0);
  record->vendor = column_dup (stmt, 1);
  record->timezone = column_dup (stmt, 2);
  record->agent = column_dup (stmt, 3);
  record->agent_name = column_dup (stmt, 4);
  record->queue = column_dup (stmt, 5);
  record->entered_at = rubric_stmt_column_int64 (stmt, 6);
  record->wait_s = rubric_stmt_column_type (stmt, 7) == RUBRIC_NULL ? NAN
                   : rubric_stmt_column_double (stmt, 7);
  record->duration_s = rubric_stmt_column_int (stmt, 9) ? NAN : rubric_stmt_column_double (stmt, 8);
  record->recording = column_dup (stmt, 10);
  return TRUE;
}

gint64
rubric_call_record_find (RubricDb    *db,
                         const char  *call_id,
                         const char  *vendor,
                         gint64       call_time,
                         GError     **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, 0);

  if (call_id == NULL || vendor == NULL)
    return 0;

  stmt = rubric_db_cached (db,
                           "SELECT c.id FROM calls c JOIN vendors v ON v.id = c.vendor_id "
                           "WHERE c.call_id = ?1 AND v.name = ?2 "
                           "ORDER BY abs (c.entered_at - ?3) LIMIT 1",
                           error);
  if (stmt == NULL)
    return 0;

  rubric_stmt_bind_text (stmt, 1, call_id);
  rubric_stmt_bind_text (stmt, 2, vendor);
  rubric_stmt_bind_int64 (stmt, 3, call_time);

  rc = rubric_stmt_step (stmt);
  if (rc == RUBRIC_ROW)
    return rubric_stmt_column_int64 (stmt, 0);
  if (rc != RUBRIC_DONE)
    rubric_db_set_error (db, error);
  return 0;
}
