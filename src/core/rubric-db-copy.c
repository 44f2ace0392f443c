/* rubric-db-copy.c — a whole database copied into another store: a person's
 * SQLite file into a new team database, a team database into a SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both stores have the same tables and columns (the migrations are the
 * same, numbered alike), so a copy reads each table of the source with its
 * column names and writes the rows into the same columns of the target,
 * parents before children, in one transaction of the target: it lands
 * whole or not at all. The ids are copied too, so the references between
 * the tables hold; on PostgreSQL the identity counters are then moved past
 * them.
 */

#include "config.h"

#include "rubric-db-backend.h"
#include "rubric-db-private.h"
#include "rubric-error.h"

/* Every table of the schema, each after the tables it refers to. A table
 * of the source that is not here is refused (a newer schema must name it
 * here), see check_tables. */
static const char * const tables[] = {
  "vendors",
  "agents",
  "queues",
  "sources",
  "calls",
  "call_contacts",
  "calls_open",
  "call_rollups",
  "scorecards",
  "evaluations",
  "evaluation_answers",
  "evaluation_comments",
  "evaluation_scores",
  "evaluation_history",
  "contracts",
  "metrics",
};

/* Tables of the store's own bookkeeping, never copied. */
static gboolean
is_bookkeeping (const char *table)
{
  return g_str_equal (table, "rubric_schema") || g_str_has_prefix (table, "sqlite_");
}

static gboolean
known_table (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_str_equal (tables[i], table))
      return TRUE;
  return FALSE;
}

static gboolean
check_tables (RubricDb  *db,
              GError   **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  const char *sql = rubric_db_is_postgres (db)
    ? "SELECT tablename FROM pg_tables WHERE schemaname = current_schema ()"
    : "SELECT name FROM sqlite_schema WHERE type = 'table'";
  int rc;

  if (!(stmt = rubric_db_prepare (db, sql, error)))
    return FALSE;

  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    {
      const char *table = rubric_stmt_column_text (stmt, 0);

      if (!is_bookkeeping (table) && !known_table (table))
        {
          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                       _("%s: the table “%s” is not one this version of Rubric can copy"),
                       rubric_db_get_path (db), table);
          return FALSE;
        }
    }
  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);

  return TRUE;
}

/* Whether @db has @table: an older schema lacks the later tables (a copy
 * at version 2 has no rollups), and then has nothing of them to copy.
 * -1 on error. */
static int
has_table (RubricDb    *db,
           const char  *table,
           GError     **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  const char *sql = rubric_db_is_postgres (db)
    ? "SELECT count (*) FROM pg_tables WHERE schemaname = current_schema () AND tablename = ?1"
    : "SELECT count (*) FROM sqlite_schema WHERE type = 'table' AND name = ?1";

  if (!(stmt = rubric_db_prepare (db, sql, error)))
    return -1;
  rubric_stmt_bind_text (stmt, 1, table);
  if (rubric_stmt_step (stmt) != RUBRIC_ROW)
    {
      rubric_db_set_error (db, error);
      return -1;
    }
  return rubric_stmt_column_int64 (stmt, 0) > 0;
}

static gboolean
target_is_empty (RubricDb  *db,
                 GError   **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s LIMIT 1", tables[i]);
      g_autoptr(RubricStmt) stmt = NULL;
      int rc, has;

      if ((has = has_table (db, tables[i], error)) < 0)
        return FALSE;
      if (!has)
        continue;
      if (!(stmt = rubric_db_prepare (db, sql, error)))
        return FALSE;
      rc = rubric_stmt_step (stmt);
      if (rc == RUBRIC_ROW)
        {
          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                       _("%s: the database already holds data (a copy goes into a new, "
                         "empty database)"), rubric_db_get_path (db));
          return FALSE;
        }
      if (rc != RUBRIC_DONE)
        return rubric_db_set_error (db, error);
    }

  return TRUE;
}

static gboolean
copy_table (RubricDb    *from,
            RubricDb    *to,
            const char  *table,
            GError     **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT * FROM %s", table);
  g_autoptr(RubricStmt) rows = NULL;
  g_autoptr(RubricStmt) insert = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  int columns;
  int rc;

  if ((rc = has_table (from, table, error)) <= 0)
    return rc == 0;
  if (!(rows = rubric_db_prepare (from, select, error)))
    return FALSE;

  rc = rubric_stmt_step (rows);
  if (rc == RUBRIC_DONE)
    return TRUE;
  if (rc != RUBRIC_ROW)
    return rubric_db_set_error (from, error);

  /* The columns by name: the target may order them otherwise. */
  columns = rubric_stmt_column_count (rows);
  g_string_append_printf (sql, "INSERT INTO %s (", table);
  for (int c = 0; c < columns; c++)
    g_string_append_printf (sql, "%s%s", c > 0 ? ", " : "", rubric_stmt_column_name (rows, c));
  g_string_append (sql, ") VALUES (");
  for (int c = 0; c < columns; c++)
    g_string_append_printf (sql, "%s?%d", c > 0 ? ", " : "", c + 1);
  g_string_append (sql, ")");

  if (!(insert = rubric_db_prepare (to, sql->str, error)))
    return FALSE;

  do
    {
      for (int c = 0; c < columns; c++)
        {
          switch (rubric_stmt_column_type (rows, c))
            {
            case RUBRIC_NULL:
              rubric_stmt_bind_null (insert, c + 1);
              break;
            case RUBRIC_INTEGER:
              rubric_stmt_bind_int64 (insert, c + 1, rubric_stmt_column_int64 (rows, c));
              break;
            case RUBRIC_FLOAT:
              rubric_stmt_bind_double (insert, c + 1, rubric_stmt_column_double (rows, c));
              break;
            default:
              rubric_stmt_bind_text_static (insert, c + 1, rubric_stmt_column_text (rows, c));
              break;
            }
        }
      if (!rubric_db_step_done (to, insert, error))
        return FALSE;
    }
  while ((rc = rubric_stmt_step (rows)) == RUBRIC_ROW);

  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (from, error);

  /* New rows of the target take ids after the copied ones (the tables
   * with an identity id; the others have no "id" to name). */
  if (rubric_db_is_postgres (to))
    {
      g_autoptr(RubricStmt) identity = NULL;
      gboolean has_identity;

      if (!(identity = rubric_db_prepare (to,
                                          "SELECT count (*) FROM information_schema.columns"
                                          " WHERE table_schema = current_schema ()"
                                          "   AND table_name = ?1 AND column_name = 'id'"
                                          "   AND is_identity = 'YES'", error)))
        return FALSE;
      rubric_stmt_bind_text (identity, 1, table);
      if (rubric_stmt_step (identity) != RUBRIC_ROW)
        return rubric_db_set_error (to, error);
      has_identity = rubric_stmt_column_int64 (identity, 0) > 0;

      if (has_identity)
        {
          g_autofree char *reset = g_strdup_printf (
            "SELECT setval (pg_get_serial_sequence ('%s', 'id'), max (id)) FROM %s"
            " HAVING max (id) IS NOT NULL", table, table);
          g_autoptr(RubricStmt) stmt = NULL;

          if (!(stmt = rubric_db_prepare (to, reset, error)))
            return FALSE;
          while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
            ;
          if (rc != RUBRIC_DONE)
            return rubric_db_set_error (to, error);
        }
    }

  return TRUE;
}

gboolean
rubric_db_copy (RubricDb  *from,
                RubricDb  *to,
                GError   **error)
{
  g_return_val_if_fail (from != NULL, FALSE);
  g_return_val_if_fail (to != NULL, FALSE);

  if (rubric_db_get_version (from) != rubric_db_get_version (to))
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                   _("%s: schema %d cannot be copied into %s (schema %d)"),
                   rubric_db_get_path (from), rubric_db_get_version (from),
                   rubric_db_get_path (to), rubric_db_get_version (to));
      return FALSE;
    }

  if (!check_tables (from, error))
    return FALSE;

  /* One snapshot of the source (PostgreSQL: others may write meanwhile),
   * one transaction of the target. */
  if (rubric_db_is_postgres (from) &&
      !rubric_db_exec (from, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error))
    return FALSE;
  if (!rubric_db_is_postgres (from) && !rubric_db_exec (from, "BEGIN", error))
    return FALSE;

  if (!rubric_db_begin (to, error))
    goto failed;

  if (!target_is_empty (to, error))
    goto failed;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (!copy_table (from, to, tables[i], error))
      goto failed;

  if (!rubric_db_commit (to, error))
    goto failed;

  rubric_db_rollback (from);
  return TRUE;

failed:
  rubric_db_rollback (to);
  rubric_db_rollback (from);
  return FALSE;
}
