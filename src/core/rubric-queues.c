/* rubric-queues.c — the queues of the phone system and the vendors they belong to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Queues are made by the imports and given a vendor by rubric_db_map_queue
 * (or by a call-record CSV's vendor column); this lists them.
 */

#include "config.h"

#include "rubric-private.h"
#include "rubric-queues.h"

void
rubric_queue_entry_free (RubricQueueEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->name);
  g_free (entry->vendor);
  g_free (entry);
}

GPtrArray *
rubric_queue_entries (RubricDb  *db,
                      GError   **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = rubric_db_prepare (db,
                            "SELECT q.name, v.name,"
                            "  (SELECT count (*) FROM calls AS c WHERE c.queue_id = q.id)"
                            " FROM queues AS q LEFT JOIN vendors AS v ON v.id = q.vendor_id"
                            " ORDER BY q.name",
                            error);
  if (stmt == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_queue_entry_free);
  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    {
      RubricQueueEntry *entry = g_new0 (RubricQueueEntry, 1);

      entry->name = g_strdup (rubric_stmt_column_text (stmt, 0));
      entry->vendor = g_strdup (rubric_stmt_column_text (stmt, 1));
      entry->calls = rubric_stmt_column_int64 (stmt, 2);
      g_ptr_array_add (entries, entry);
    }
  if (rc != RUBRIC_DONE)
    {
      rubric_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}
