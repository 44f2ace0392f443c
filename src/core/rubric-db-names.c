/* rubric-db-names.c — vendors, queues, agents and sources by name: look up, ensure, map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows every import and report names things by; rubric-db.c is the
 * connection itself (opening, migrations, transactions, files).
 */

#include "config.h"

#include "rubric-db-private.h"
#include "rubric-error.h"
#include "rubric-time.h"

static gint64
lookup_id (RubricDb    *db,
           const char  *sql,
           const char  *text,
           gint64       other,
           gboolean     bind_other,
           GError     **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  int rc;

  if (!(stmt = rubric_db_cached (db, sql, error)))
    return -1;

  rubric_stmt_bind_text (stmt, 1, text);
  if (bind_other)
    {
      if (other > 0)
        rubric_stmt_bind_int64 (stmt, 2, other);
      else
        rubric_stmt_bind_null (stmt, 2);
    }

  rc = rubric_stmt_step (stmt);
  if (rc == RUBRIC_ROW)
    return rubric_stmt_column_int64 (stmt, 0);
  if (rc == RUBRIC_DONE)
    return 0;

  rubric_db_set_error (db, error);
  return -1;
}

gint64
rubric_db_query_id (RubricDb    *db,
                    const char  *sql,
                    const char  *text,
                    GError     **error)
{
  return lookup_id (db, sql, text, 0, FALSE, error);
}

/* Returns the vendor's id, 0 when there is none, -1 on error. */
gint64
rubric_db_lookup_vendor (RubricDb    *db,
                         const char  *name,
                         GError     **error)
{
  return lookup_id (db, "SELECT id FROM vendors WHERE name = ?1", name, 0, FALSE, error);
}

/* Returns the queue's id, 0 when there is none, -1 on error. */
gint64
rubric_db_lookup_queue (RubricDb    *db,
                        const char  *name,
                        GError     **error)
{
  return lookup_id (db, "SELECT id FROM queues WHERE name = ?1", name, 0, FALSE, error);
}

/* Returns the id of the agent @external_id of @vendor_id, 0 when there is
 * none, -1 on error. The statement is rubric_db_ensure_agent's. */
gint64
rubric_db_lookup_agent (RubricDb    *db,
                        gint64       vendor_id,
                        const char  *external_id,
                        GError     **error)
{
  return lookup_id (db, "SELECT id FROM agents WHERE external_id = ?1 AND vendor_id IS NOT DISTINCT FROM ?2",
                    external_id, vendor_id, TRUE, error);
}

static gint64
ensure (RubricDb    *db,
        const char  *select_sql,
        const char  *insert_sql,
        const char  *text,
        gint64       other,
        gboolean     bind_other,
        GError     **error)
{
  gint64 id = lookup_id (db, select_sql, text, other, bind_other, error);

  if (id != 0)
    return id;

  /* On a team database another member's import may add the same name
   * meanwhile: the insert then waits for it and adds nothing, and the row
   * is there to read (each statement sees what was committed before it). */
  id = lookup_id (db, insert_sql, text, other, bind_other, error);
  if (id == 0)
    id = lookup_id (db, select_sql, text, other, bind_other, error);
  if (id == 0)
    {
      rubric_db_set_error (db, error);
      return -1;
    }

  return id;
}

/* The ensure functions return the row's id, creating the row if needed, or
 * -1 with @error set. */
gint64
rubric_db_ensure_vendor (RubricDb    *db,
                         const char  *name,
                         GError     **error)
{
  return ensure (db,
                 "SELECT id FROM vendors WHERE name = ?1",
                 "INSERT INTO vendors (name) VALUES (?1)"
                 " ON CONFLICT DO NOTHING RETURNING id",
                 name, 0, FALSE, error);
}

gint64
rubric_db_ensure_agent (RubricDb    *db,
                        gint64       vendor_id,
                        const char  *external_id,
                        GError     **error)
{
  return ensure (db,
                 "SELECT id FROM agents WHERE external_id = ?1 AND vendor_id IS NOT DISTINCT FROM ?2",
                 "INSERT INTO agents (external_id, vendor_id) VALUES (?1, ?2)"
                 " ON CONFLICT DO NOTHING RETURNING id",
                 external_id, vendor_id, TRUE, error);
}

gint64
rubric_db_ensure_queue (RubricDb    *db,
                        const char  *name,
                        GError     **error)
{
  return ensure (db,
                 "SELECT id FROM queues WHERE name = ?1",
                 "INSERT INTO queues (name) VALUES (?1)"
                 " ON CONFLICT DO NOTHING RETURNING id",
                 name, 0, FALSE, error);
}

gint64
rubric_db_ensure_source (RubricDb    *db,
                         const char  *name,
                         GError     **error)
{
  return ensure (db,
                 "SELECT id FROM sources WHERE name = ?1",
                 "INSERT INTO sources (name) VALUES (?1)"
                 " ON CONFLICT DO NOTHING RETURNING id",
                 name, 0, FALSE, error);
}

/* The vendor's IANA time zone ("UTC" when unknown, or when the stored one
 * is no valid zone name: `check` reports those). */
char *
rubric_db_get_vendor_timezone (RubricDb *db,
                               gint64    vendor_id)
{
  g_autoptr(RubricStmt) stmt = NULL;

  stmt = rubric_db_prepare (db, "SELECT timezone FROM vendors WHERE id = ?1", NULL);
  if (stmt == NULL)
    return g_strdup ("UTC");

  rubric_stmt_bind_int64 (stmt, 1, vendor_id);
  if (rubric_stmt_step (stmt) == RUBRIC_ROW)
    {
      const char *tzid = rubric_stmt_column_text (stmt, 0);

      return g_strdup (rubric_time_zone_is_valid (tzid) ? tzid : "UTC");
    }

  return g_strdup ("UTC");
}

gboolean
rubric_db_map_queue (RubricDb    *db,
                     const char  *queue,
                     const char  *vendor,
                     GError     **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  gint64 queue_id;
  gint64 vendor_id;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (queue != NULL && vendor != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rubric_db_begin (db, error))
    return FALSE;

  if ((queue_id = rubric_db_ensure_queue (db, queue, error)) < 0 ||
      (vendor_id = rubric_db_ensure_vendor (db, vendor, error)) < 0 ||
      !(stmt = rubric_db_prepare (db, "UPDATE queues SET vendor_id = ?2 WHERE id = ?1", error)))
    {
      rubric_db_rollback (db);
      return FALSE;
    }

  rubric_stmt_bind_int64 (stmt, 1, queue_id);
  rubric_stmt_bind_int64 (stmt, 2, vendor_id);
  if (!rubric_db_step_done (db, stmt, error))
    {
      g_clear_pointer (&stmt, rubric_stmt_finalize);
      rubric_db_rollback (db);
      return FALSE;
    }

  g_clear_pointer (&stmt, rubric_stmt_finalize);
  if (!rubric_db_commit (db, error))
    {
      rubric_db_rollback (db);
      return FALSE;
    }

  return TRUE;
}
