/* test-store.c — the store's interface on either backend: statements,
 * savepoints, bulk load, and a whole database copied into another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs on SQLite, and on PostgreSQL when the suite runs it so (the
 * databases come from test_open_db).
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rubric-db.h"
#include "rubric-error.h"
#include "rubric-evaluation-store.h"
#include "rubric-scorecard-store.h"
#include "rubric-test-util.h"

typedef TestDbFixture Fixture;

static void
set_up (Fixture       *fixture,
        gconstpointer  data)
{
  test_db_set_up (&fixture->dir, &fixture->db);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  data)
{
  test_db_tear_down (&fixture->dir, &fixture->db);
}

/* Every type goes in and comes out as it went, NULL included, through
 * "?N" placeholders used twice and a "?" inside a string left alone. */
static void
test_statements (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricStmt) insert = NULL;
  g_autoptr(RubricStmt) select = NULL;

  insert = rubric_db_prepare (fixture->db,
                              "INSERT INTO vendors (name, timezone) VALUES (?1, coalesce (?2, 'UTC'))"
                              " RETURNING id, name, timezone, '?'", &error);
  g_assert_no_error (error);
  rubric_stmt_bind_text (insert, 1, "Ünïcödé ‘quoted’ it's");
  rubric_stmt_bind_null (insert, 2);
  g_assert_cmpint (rubric_stmt_step (insert), ==, RUBRIC_ROW);
  g_assert_cmpint (rubric_stmt_column_count (insert), ==, 4);
  g_assert_cmpint (rubric_stmt_column_type (insert, 0), ==, RUBRIC_INTEGER);
  g_assert_cmpint (rubric_stmt_column_int64 (insert, 0), >, 0);
  g_assert_cmpstr (rubric_stmt_column_text (insert, 1), ==, "Ünïcödé ‘quoted’ it's");
  g_assert_cmpstr (rubric_stmt_column_text (insert, 2), ==, "UTC");
  g_assert_cmpstr (rubric_stmt_column_text (insert, 3), ==, "?");
  g_assert_cmpstr (rubric_stmt_column_name (insert, 1), ==, "name");
  g_assert_cmpint (rubric_stmt_step (insert), ==, RUBRIC_DONE);

  select = rubric_db_prepare (fixture->db,
                              "SELECT ?1 + 1, ?2 * 2.0, ?3 IS NULL, CAST (NULL AS TEXT),"
                              " (SELECT count (*) FROM vendors WHERE name = ?4)", &error);
  g_assert_no_error (error);
  rubric_stmt_bind_int64 (select, 1, G_GINT64_CONSTANT (4611686018427387904));
  rubric_stmt_bind_double (select, 2, 0.1);
  rubric_stmt_bind_null (select, 3);
  rubric_stmt_bind_text (select, 4, "Ünïcödé ‘quoted’ it's");
  g_assert_cmpint (rubric_stmt_step (select), ==, RUBRIC_ROW);
  g_assert_cmpint (rubric_stmt_column_int64 (select, 0), ==,
                   G_GINT64_CONSTANT (4611686018427387905));
  g_assert_cmpfloat (rubric_stmt_column_double (select, 1), ==, 0.2);
  g_assert_cmpint (rubric_stmt_column_int (select, 2), ==, 1);
  g_assert_cmpint (rubric_stmt_column_type (select, 3), ==, RUBRIC_NULL);
  g_assert_null (rubric_stmt_column_text (select, 3));
  g_assert_cmpint (rubric_stmt_column_int64 (select, 3), ==, 0);
  g_assert_cmpint (rubric_stmt_column_int64 (select, 4), ==, 1);
  g_assert_cmpint (rubric_stmt_step (select), ==, RUBRIC_DONE);

  /* Reset and run again with other values. */
  rubric_stmt_reset (select);
  rubric_stmt_clear_bindings (select);
  rubric_stmt_bind_int64 (select, 1, -1);
  rubric_stmt_bind_double (select, 2, -0.5);
  rubric_stmt_bind_int64 (select, 3, 7);
  rubric_stmt_bind_text (select, 4, "nobody");
  g_assert_cmpint (rubric_stmt_step (select), ==, RUBRIC_ROW);
  g_assert_cmpint (rubric_stmt_column_int64 (select, 0), ==, 0);
  g_assert_cmpfloat (rubric_stmt_column_double (select, 1), ==, -1.0);
  g_assert_cmpint (rubric_stmt_column_int (select, 2), ==, 0);
  g_assert_cmpint (rubric_stmt_column_int64 (select, 4), ==, 0);
}

/* A failing statement says why, and the connection goes on working. */
static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricStmt) insert = NULL;

  /* SQLite refuses it at once; the PostgreSQL backend prepares on the
   * server at the first step (test-pg-store pins that), which fails. */
  {
    g_autoptr(RubricStmt) bad = rubric_db_prepare (fixture->db, "SELECT FROM WHERE", &error);

    if (bad != NULL)
      {
        g_assert_no_error (error);
        g_assert_cmpint (rubric_stmt_step (bad), !=, RUBRIC_ROW);
        rubric_db_set_error (fixture->db, &error);
      }
    g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
    g_clear_error (&error);
  }

  insert = rubric_db_prepare (fixture->db, "INSERT INTO vendors (name) VALUES (?1)", &error);
  g_assert_no_error (error);
  rubric_stmt_bind_text (insert, 1, "A");
  g_assert_true (rubric_db_step_done (fixture->db, insert, &error));
  g_assert_no_error (error);
  rubric_stmt_bind_text (insert, 1, "A");
  g_assert_false (rubric_db_step_done (fixture->db, insert, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
  g_clear_error (&error);

  g_assert_cmpint (test_query_int (fixture->db, "SELECT count (*) FROM vendors"), ==, 1);

  /* The id of the row an INSERT added, without RETURNING. */
  g_assert_true (rubric_db_exec (fixture->db, "INSERT INTO vendors (name) VALUES ('B')", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rubric_db_last_insert_id (fixture->db), ==,
                   test_query_int (fixture->db, "SELECT id FROM vendors WHERE name = 'B'"));
}

/* A savepoint undoes its own part only; a rolled back transaction leaves
 * nothing. */
static void
test_transactions (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RubricDb *db = fixture->db;

  g_assert_false (rubric_db_in_transaction (db));
  g_assert_true (rubric_db_begin (db, &error));
  g_assert_true (rubric_db_in_transaction (db));
  g_assert_true (rubric_db_exec (db, "INSERT INTO vendors (name) VALUES ('kept')", &error));
  g_assert_true (rubric_db_savepoint (db, "part", &error));
  g_assert_true (rubric_db_exec (db, "INSERT INTO vendors (name) VALUES ('undone')", &error));
  rubric_db_rollback_to (db, "part");
  g_assert_true (rubric_db_savepoint (db, "part", &error));
  g_assert_true (rubric_db_exec (db, "INSERT INTO vendors (name) VALUES ('released')", &error));
  g_assert_true (rubric_db_release (db, "part", &error));
  g_assert_true (rubric_db_commit (db, &error));
  g_assert_no_error (error);
  g_assert_false (rubric_db_in_transaction (db));

  g_assert_true (rubric_db_begin (db, &error));
  g_assert_true (rubric_db_exec (db, "INSERT INTO vendors (name) VALUES ('lost')", &error));
  g_assert_cmpint (rubric_db_changes (db), ==, 1);
  rubric_db_rollback (db);
  g_assert_false (rubric_db_in_transaction (db));

  {
    g_autofree char *names = test_query_text (db, "SELECT name FROM vendors ORDER BY name");
    g_assert_cmpstr (names, ==, "kept|\nreleased|\n");
  }
}

/* Bulk load: every row lands, NULLs and text that needs quoting for COPY
 * (tabs, newlines, backslashes) included. */
static void
test_bulk (Fixture       *fixture,
           gconstpointer  data)
{
  static const char * const columns[] = { "name", "timezone", NULL };
  g_autoptr(GError) error = NULL;
  RubricDb *db = fixture->db;

  g_assert_true (rubric_db_begin (db, &error));
  g_assert_true (rubric_db_bulk_begin (db, "vendors", columns, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 1000; i++)
    {
      g_autofree char *name = g_strdup_printf ("v%04d\t\\N\n\\.%s", i, i % 2 ? "é" : "");
      const char *values[] = { name, i % 3 ? "Europe/Riga" : "UTC" };

      g_assert_true (rubric_db_bulk_row (db, values, &error));
      g_assert_no_error (error);
    }
  g_assert_true (rubric_db_bulk_end (db, &error));
  g_assert_no_error (error);
  g_assert_true (rubric_db_commit (db, &error));
  g_assert_no_error (error);

  g_assert_cmpint (test_query_int (db, "SELECT count (*) FROM vendors"), ==, 1000);
  g_assert_cmpint (test_query_int (db, "SELECT count (*) FROM vendors"
                                       " WHERE name = 'v0007\t\\N\n\\.é'"), ==, 1);
  g_assert_cmpint (test_query_int (db, "SELECT count (*) FROM vendors"
                                       " WHERE timezone = 'Europe/Riga'"), ==, 666);
}

/* A whole database copied into a new one holds the same rows; a copy into
 * a database that holds data is refused and changes nothing. */
static void
test_copy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) copy = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *evaluations = g_build_filename (TEST_DATA_DIR, "evaluations-test.xml", NULL);
  g_autofree char *scorecard = g_build_filename (TEST_DATA_DIR, "scorecard-test.xml", NULL);

  g_assert_true (rubric_scorecard_store_import (fixture->db, scorecard, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rubric_evaluation_store_import (fixture->db, evaluations, "tester", NULL,
                                                 &error));
  g_assert_no_error (error);

  copy = test_open_db (fixture->dir, "copy.db");
  g_assert_true (rubric_db_copy (fixture->db, copy, &error));
  g_assert_no_error (error);

  before = test_dump (fixture->db);
  copied = test_dump (copy);
  g_assert_cmpstr (copied, ==, before);

  /* New rows of the copy take ids after the copied ones. */
  g_assert_true (rubric_db_exec (copy, "INSERT INTO vendors (name) VALUES ('after the copy')",
                                 &error));
  g_assert_no_error (error);

  g_assert_false (rubric_db_copy (fixture->db, copy, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
  after = test_dump (copy);
  g_assert_cmpint (test_query_int (copy, "SELECT count (*) FROM vendors"), ==,
                   test_query_int (fixture->db, "SELECT count (*) FROM vendors") + 1);
}

/* rubric_local_clock () agrees between the engines: an IANA zone's
 * offset, UTC for anything else (a POSIX rule, a path, NULL). */
static void
test_local_clock (Fixture       *fixture,
                  gconstpointer  data)
{
  /* 2026-01-01T00:00Z: Riga is at +2. */
  g_assert_cmpint (test_query_int (fixture->db,
                                   "SELECT rubric_local_clock (1767225600, 'Europe/Riga')"),
                   ==, 1767225600 + 7200);
  g_assert_cmpint (test_query_int (fixture->db,
                                   "SELECT rubric_local_clock (1767225600, 'ABC-3')"),
                   ==, 1767225600);
  g_assert_cmpint (test_query_int (fixture->db,
                                   "SELECT rubric_local_clock (1767225600,"
                                   " '/usr/share/zoneinfo/Europe/Riga')"),
                   ==, 1767225600);
  g_assert_cmpint (test_query_int (fixture->db,
                                   "SELECT rubric_local_clock (1767225600, NULL)"),
                   ==, 1767225600);
}

/* A database of every older schema is backed up before it is migrated:
 * on PostgreSQL into a new SQLite file at the same older version (which
 * lacks the later tables), which then holds its rows. */
static void
test_backup_older (Fixture       *fixture,
                   gconstpointer  data)
{
  for (int version = 1; version < RUBRIC_DB_SCHEMA_VERSION; version++)
    {
      g_autofree char *basename = g_strdup_printf ("v%d.db", version);
      g_autofree char *name = test_store_new_name (fixture->dir, basename);
      g_autofree char *backup = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(RubricDb) db = rubric_db_open_at_version (name, version, &error);
      g_autoptr(RubricDb) old = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (rubric_db_get_version (db), ==, version);
      g_assert_true (rubric_db_exec (db, "INSERT INTO vendors (name) VALUES ('Acme')", &error));
      g_assert_no_error (error);
      g_clear_pointer (&db, rubric_db_close);

      db = rubric_db_open (name, &error);
      g_assert_no_error (error);
      g_assert_cmpint (rubric_db_get_version (db), ==, RUBRIC_DB_SCHEMA_VERSION);
      g_assert_nonnull (rubric_db_get_backup_path (db));
      backup = g_strdup (rubric_db_get_backup_path (db));

      old = rubric_db_open_at_version (backup, version, &error);
      g_assert_no_error (error);
      g_assert_cmpint (rubric_db_get_version (old), ==, version);
      g_assert_cmpint (test_query_int (old, "SELECT count (*) FROM vendors WHERE name = 'Acme'"),
                       ==, 1);
      g_clear_pointer (&old, rubric_db_close);
      g_remove (backup);
    }
}

static gpointer
ensure_in_thread (gpointer data)
{
  const char *name = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = rubric_db_open (name, &error);
  gint64 id;

  g_assert_no_error (error);
  g_assert_true (rubric_db_begin (db, &error));
  g_assert_no_error (error);
  id = rubric_db_ensure_vendor (db, "Both", &error);
  g_assert_no_error (error);
  g_assert_true (rubric_db_commit (db, &error));
  g_assert_no_error (error);
  return GSIZE_TO_POINTER ((gsize) id);
}

/* Two imports that add the same vendor at once (two members of a team):
 * the second waits for the first and takes its row, rather than failing
 * on the unique name. */
static void
test_ensure_at_once (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GThread *thread;
  gint64 first;
  gint64 second;

  g_assert_true (rubric_db_begin (fixture->db, &error));
  first = rubric_db_ensure_vendor (fixture->db, "Both", &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);

  thread = g_thread_new ("second", ensure_in_thread,
                         (gpointer) rubric_db_get_path (fixture->db));
  /* The second one is waiting on the first's transaction now. */
  g_usleep (G_USEC_PER_SEC / 5);
  g_assert_true (rubric_db_commit (fixture->db, &error));
  g_assert_no_error (error);

  second = (gint64) GPOINTER_TO_SIZE (g_thread_join (thread));
  g_assert_cmpint (second, ==, first);
  g_assert_cmpint (test_query_int (fixture->db, "SELECT count (*) FROM vendors"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/statements", Fixture, NULL, set_up, test_statements, tear_down);
  g_test_add ("/store/errors", Fixture, NULL, set_up, test_errors, tear_down);
  g_test_add ("/store/transactions", Fixture, NULL, set_up, test_transactions, tear_down);
  g_test_add ("/store/bulk", Fixture, NULL, set_up, test_bulk, tear_down);
  g_test_add ("/store/copy", Fixture, NULL, set_up, test_copy, tear_down);
  g_test_add ("/store/ensure-at-once", Fixture, NULL, set_up, test_ensure_at_once, tear_down);
  g_test_add ("/store/local-clock", Fixture, NULL, set_up, test_local_clock, tear_down);
  g_test_add ("/store/backup-older", Fixture, NULL, set_up, test_backup_older, tear_down);

  return g_test_run ();
}
