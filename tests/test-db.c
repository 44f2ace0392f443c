/* test-db.c — the store: creation, migrations, refusals, backup, checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "rubric-db.h"
#include "rubric-error.h"
#include "rubric-members.h"
#include "rubric-test-util.h"

static void
test_create (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sub", "dir", "rubric.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = rubric_db_open (path, &error);
  g_autofree char *mode = NULL;
  struct stat st;

  g_assert_no_error (error);
  g_assert_cmpint (rubric_db_get_version (db), ==, RUBRIC_DB_SCHEMA_VERSION);
  g_assert_cmpint (test_query_int (db, "PRAGMA user_version"), ==, RUBRIC_DB_SCHEMA_VERSION);
  g_assert_cmpint (test_query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (test_query_int (db, "PRAGMA synchronous"), ==, 2);
  g_assert_null (rubric_db_get_backup_path (db));

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  {
    RubricStmt *stmt;
    test_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL);
    g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
    g_assert_cmpstr (rubric_stmt_column_text (stmt, 0), ==, "wal");
    rubric_stmt_finalize (stmt);
  }

  /* Opening again changes nothing. */
  g_clear_pointer (&db, rubric_db_close);
  db = rubric_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (rubric_db_get_backup_path (db));
  g_clear_pointer (&db, rubric_db_close);

  {
    g_autofree char *sub = g_build_filename (dir, "sub", "dir", NULL);
    g_autofree char *sub1 = g_build_filename (dir, "sub", NULL);
    test_rmdir (sub);
    test_rmdir (sub1);
    test_rmdir (dir);
  }
}

static void
test_migrate_from_older (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(RubricDb) backup = NULL;
  struct stat st;

  /* A database as version 1 of the schema left it, with data. */
  db = rubric_db_open_at_version (path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'evaluations'"),
                   ==, 0);
  g_assert_true (rubric_db_exec (db,
                                 "INSERT INTO vendors (name, timezone) VALUES ('Acme', 'Europe/Riga');"
                                 "INSERT INTO queues (name, vendor_id) VALUES ('support', 1);"
                                 "INSERT INTO sources (name) VALUES ('csv');"
                                 "INSERT INTO calls (source_id, call_id, queue_id, entered_at, "
                                 "  vendor_id, outcome, wait_s) VALUES (1, 'c1', 1, 1700000000, 1, 1, 12.5);",
                                 &error));
  g_assert_no_error (error);
  g_clear_pointer (&db, rubric_db_close);

  db = rubric_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rubric_db_get_version (db), ==, RUBRIC_DB_SCHEMA_VERSION);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM calls WHERE wait_s = 12.5"), ==, 1);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM evaluations"), ==, 0);
  g_assert_nonnull (rubric_db_get_backup_path (db));
  g_assert_true (g_str_has_suffix (rubric_db_get_backup_path (db), "old.db.v1.bak"));

  /* The copy taken before migrating is the old schema, whole. */
  g_assert_cmpint (g_stat (rubric_db_get_backup_path (db), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    sqlite3 *raw;
    sqlite3_stmt *stmt;

    g_assert_cmpint (sqlite3_open_v2 (rubric_db_get_backup_path (db), &raw,
                                      SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    sqlite3_prepare_v2 (raw, "SELECT (SELECT user_version FROM pragma_user_version), "
                        "(SELECT count(*) FROM calls)", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
    sqlite3_finalize (stmt);
    sqlite3_close (raw);
  }

  g_clear_pointer (&db, rubric_db_close);
  test_rmdir (dir);
}

static char *
file_digest (const char *path)
{
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

static void
test_refuse_newer (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  RubricDb *db;

  db = rubric_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (rubric_db_exec (db, "INSERT INTO vendors (name) VALUES ('Acme');"
                                 "PRAGMA user_version = 99", &error));
  rubric_db_close (db);

  before = file_digest (path);
  db = rubric_db_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NEWER_DATABASE);
  g_assert_nonnull (strstr (error->message, "newer"));
  after = file_digest (path);
  g_assert_cmpstr (before, ==, after);

  test_rmdir (dir);
}

static void
test_refuse_foreign (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *garbage = test_write_file (dir, "garbage.db",
                                              "this is not a database, it is a text file\n");
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *before = file_digest (garbage);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *raw;

  g_assert_null (rubric_db_open (garbage, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
  after = file_digest (garbage);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  /* Some other program's SQLite database. */
  g_assert_cmpint (sqlite3_open (other, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  g_assert_null (rubric_db_open (other, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "not a Rubric database"));

  test_rmdir (dir);
}

/* Calls stored before migration 3 get their repeat-contact gaps, their
 * callers' contacts and their daily rollups (days in the vendor's zone),
 * and the check then finds them in step; a drifted rollup is found. */
static void
test_migrate_calls_to_rollups (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v2.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(RubricDb) db = rubric_db_open_at_version (path, 2, &error);

  g_assert_no_error (error);
  g_assert_true (rubric_db_exec (db,
                                 "INSERT INTO vendors (name, timezone) VALUES ('Acme', 'Europe/Riga');"
                                 "INSERT INTO queues (name, vendor_id) VALUES ('support', 1);"
                                 "INSERT INTO sources (name) VALUES ('csv');"
                                 /* 2026-01-31 22:30 UTC is 2026-02-01 00:30 in Riga */
                                 "INSERT INTO calls (source_id, call_id, queue_id, entered_at,"
                                 "  vendor_id, outcome, wait_s, talk_s, caller) VALUES"
                                 " (1, 'c1', 1, 1769898600, 1, 1, 12.5, 60, '+371'),"
                                 " (1, 'c2', 1, 1769902200, 1, 2, 40, NULL, '+371'),"
                                 " (1, 'c3', 1, 1769902200, 1, 1, 3, NULL, NULL);",
                                 &error));
  g_assert_no_error (error);
  g_clear_pointer (&db, rubric_db_close);

  db = rubric_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rubric_db_get_version (db), ==, RUBRIC_DB_SCHEMA_VERSION);
  g_assert_cmpint (test_query_int (db, "SELECT next_gap FROM calls WHERE call_id = 'c1'"), ==, 3600);
  g_assert_cmpint (test_query_int (db, "SELECT next_gap IS NULL FROM calls WHERE call_id = 'c2'"),
                   ==, 1);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM call_contacts"), ==, 2);
  /* Local day 20485 is 2026-02-01; c1 answered (kind 1), c2 abandoned
   * (kind 2), c3 answered, c1's handle time (5) and repeat (6, 1 day). */
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM call_rollups WHERE day = 20485"), ==, 5);
  g_assert_cmpint (test_query_int (db, "SELECT sum(n) FROM call_rollups WHERE kind = 1"), ==, 2);
  g_assert_cmpint (test_query_int (db, "SELECT bucket FROM call_rollups WHERE kind = 6"), ==, 1);

  g_assert_true (rubric_db_check (db, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A rollup kept but derived from no call (EXCEPT and UNION run left to
   * right: the check once saw only rollups missing, never extra ones). */
  g_assert_true (rubric_db_exec (db, "INSERT INTO call_rollups (vendor_id, day, kind, bucket, n,"
                                     " total) VALUES (1, 1, 1, 0, 1, 0)", &error));
  g_assert_true (rubric_db_check (db, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "rollups"));
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_true (rubric_db_exec (db, "DELETE FROM call_rollups WHERE day = 1", &error));

  g_assert_true (rubric_db_exec (db, "UPDATE call_rollups SET n = n + 1 WHERE kind = 2", &error));
  g_assert_true (rubric_db_check (db, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "rollups"));

  g_clear_pointer (&db, rubric_db_close);
  test_rmdir (dir);
}

/* Migration 4 keeps each evaluation's category scores beside its overall
 * score, written as the store writes them, for the ratings' index range. */
static void
test_migrate_category_scores (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v3.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = rubric_db_open_at_version (path, 3, &error);
  g_autofree char *text = NULL;
  RubricStmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_true (rubric_db_exec (db,
                                 "INSERT INTO vendors (name, timezone) VALUES ('Acme', 'UTC');"
                                 "INSERT INTO scorecards (key, version, title, digest, definition,"
                                 "  created_at) VALUES ('t', 1, 'T', 'x', '<x/>', 0);"
                                 "INSERT INTO evaluations (uuid, scorecard_id, status, vendor_id,"
                                 "  call_time, updated_at, score) VALUES"
                                 " ('a', 1, 'submitted', 1, 100, 0, 62.5),"
                                 " ('b', 1, 'draft', 1, 100, 0, NULL);"
                                 "INSERT INTO evaluation_scores VALUES"
                                 " (1, 'resolution', 0.1), (1, 'documentation', NULL),"
                                 " (1, 'ownership', 75);",
                                 &error));
  g_assert_no_error (error);
  g_clear_pointer (&db, rubric_db_close);

  db = rubric_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rubric_db_get_version (db), ==, RUBRIC_DB_SCHEMA_VERSION);

  g_assert_cmpint (test_prepare_v2 (db,
                                       "SELECT category_scores FROM evaluations ORDER BY id",
                                       -1, &stmt, NULL), ==, TEST_OK);
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
  text = g_strdup (rubric_stmt_column_text (stmt, 0));
  /* Keys sorted; an undefined score is empty; 0.1 reads back exactly. */
  g_assert_cmpstr (text, ==, "documentation=;ownership=75.0;resolution=0.10000000000000001");
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
  g_assert_cmpint (rubric_stmt_column_type (stmt, 0), ==, RUBRIC_NULL);
  rubric_stmt_finalize (stmt);
  g_assert_cmpfloat (g_ascii_strtod (strrchr (text, '=') + 1, NULL), ==, 0.1);

  /* rubric-cli check sees them in step, and notices when they are not. */
  {
    g_autoptr(GPtrArray) problems = NULL;

    g_assert_true (rubric_db_check (db, &problems, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
    g_clear_pointer (&problems, g_ptr_array_unref);

    g_assert_true (rubric_db_exec (db, "UPDATE evaluation_scores SET score = 76"
                                       " WHERE category = 'ownership'", &error));
    g_assert_true (rubric_db_check (db, &problems, &error));
    g_assert_cmpuint (problems->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "1 evaluation keeps"));
  }

  g_clear_pointer (&db, rubric_db_close);
  test_rmdir (dir);
}

static void
test_backup_and_check (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "a.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = rubric_db_open (path, &error);
  g_autoptr(RubricDb) restored = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  struct stat st;

  g_assert_no_error (error);
  g_assert_cmpint (rubric_db_ensure_vendor (db, "Acme", &error), >, 0);
  g_assert_cmpint (rubric_db_ensure_vendor (db, "Acme", &error), ==, 1);
  g_assert_cmpint (rubric_db_ensure_agent (db, 1, "PJSIP/400", &error), >, 0);
  g_assert_cmpint (rubric_db_ensure_agent (db, 1, "PJSIP/400", &error), ==, 1);
  g_assert_cmpint (rubric_db_ensure_agent (db, 0, "PJSIP/400", &error), ==, 2);
  g_assert_cmpint (rubric_db_ensure_agent (db, 0, "PJSIP/400", &error), ==, 2);

  g_assert_true (rubric_db_backup (db, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  restored = rubric_db_open (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (restored, "SELECT count(*) FROM agents"), ==, 2);

  g_assert_true (rubric_db_check (db, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A dangling reference, as a damaged file or a careless tool leaves it. */
  g_assert_true (rubric_db_exec (db, "PRAGMA foreign_keys = OFF;"
                                 "INSERT INTO agents (vendor_id, external_id) VALUES (42, 'x');"
                                 "PRAGMA foreign_keys = ON", &error));
  g_assert_true (rubric_db_check (db, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "agents"));

  g_clear_pointer (&db, rubric_db_close);
  g_clear_pointer (&restored, rubric_db_close);
  test_rmdir (dir);
}

static void
test_transactions (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "t.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = rubric_db_open (path, &error);

  g_assert_true (rubric_db_begin (db, &error));
  rubric_db_ensure_vendor (db, "Gone", &error);
  rubric_db_rollback (db);
  g_assert_cmpint (rubric_db_lookup_vendor (db, "Gone", &error), ==, 0);

  g_assert_true (rubric_db_begin (db, &error));
  rubric_db_ensure_vendor (db, "Kept", &error);
  g_assert_true (rubric_db_commit (db, &error));
  g_assert_cmpint (rubric_db_lookup_vendor (db, "Kept", &error), >, 0);

  /* SQL errors come back as RUBRIC_ERROR_DATABASE naming the file. */
  g_assert_false (rubric_db_exec (db, "SELECT * FROM nowhere", &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, path));

  g_clear_pointer (&db, rubric_db_close);
  test_rmdir (dir);
}


/* Another program that holds the write lock: sqlite3 in a BEGIN IMMEDIATE
 * transaction, told through its standard input when to commit. */
typedef struct
{
  GPid pid;
  int  in;
  int  out;
} Holder;

static void
holder_start (Holder     *holder,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "sqlite3", "-batch", path, NULL };
  static const char begin[] = ".timeout 0\nBEGIN IMMEDIATE;\n"
                              "INSERT INTO sources (name) VALUES ('held');\nSELECT 'locked';\n";
  char line[16] = { 0 };

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                           G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &holder->pid, &holder->in, &holder->out,
                                           NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (write (holder->in, begin, strlen (begin)), ==, (gssize) strlen (begin));
  /* "locked" comes back once the transaction holds the lock. */
  g_assert_cmpint (read (holder->out, line, 7), ==, 7);
  g_assert_cmpstr (line, ==, "locked\n");
}

static void
holder_release (Holder *holder)
{
  static const char commit[] = "COMMIT;\n.quit\n";
  int status = 0;

  g_assert_cmpint (write (holder->in, commit, strlen (commit)), ==, (gssize) strlen (commit));
  close (holder->in);
  close (holder->out);
  g_assert_cmpint (waitpid (holder->pid, &status, 0), ==, holder->pid);
  g_spawn_close_pid (holder->pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
}

#define HOLD_US (3 * G_USEC_PER_SEC)

static gpointer
release_later_thread (gpointer data)
{
  g_usleep (HOLD_US);
  holder_release (data);
  return NULL;
}

static void
count_wait_cb (const char *path,
               gpointer    user_data)
{
  char **waited_for = user_data;

  g_free (*waited_for);
  *waited_for = g_strdup (path);
}

/* A second writer waits for the first, however long it takes (formerly it
 * gave up after 10 s with "database is locked", while a big import holds
 * the lock for longer), says so once, and then writes. */
static void
test_wait_for_writer (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "w.db", NULL);
  g_autofree char *waited_for = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = rubric_db_open (path, &error);
  g_autoptr(GThread) thread = NULL;
  Holder holder;
  gint64 start;

  g_assert_no_error (error);
  holder_start (&holder, path);
  rubric_db_set_wait_func (count_wait_cb, &waited_for);

  start = g_get_monotonic_time ();
  thread = g_thread_new ("release", release_later_thread, &holder);
  g_assert_true (rubric_db_begin (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, HOLD_US - G_USEC_PER_SEC / 10);
  g_assert_cmpint (rubric_db_ensure_source (db, "second", &error), >, 0);
  g_assert_true (rubric_db_commit (db, &error));
  g_thread_join (g_steal_pointer (&thread));

  g_assert_cmpstr (waited_for, ==, path);
  g_assert_cmpint (rubric_db_lookup_vendor (db, "x", &error), ==, 0);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM sources "
                                  "WHERE name IN ('held', 'second')"), ==, 2);

  rubric_db_set_wait_func (NULL, NULL);
  g_clear_pointer (&db, rubric_db_close);
  test_rmdir (dir);
}

static gpointer
cancel_later_thread (gpointer data)
{
  g_usleep (G_USEC_PER_SEC / 5);
  g_cancellable_cancel (data);
  return NULL;
}

/* The app can stop a wait: the connection's cancellable ends it. */
static void
test_wait_cancelled (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "w.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = rubric_db_open (path, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GThread) thread = NULL;
  Holder holder;

  g_assert_no_error (error);
  holder_start (&holder, path);
  rubric_db_set_cancellable (db, cancellable);

  thread = g_thread_new ("cancel", cancel_later_thread, cancellable);
  g_assert_false (rubric_db_begin (db, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, path));
  g_thread_join (g_steal_pointer (&thread));
  g_clear_error (&error);

  holder_release (&holder);
  rubric_db_set_cancellable (db, NULL);
  g_assert_true (rubric_db_begin (db, &error));
  rubric_db_rollback (db);
  g_clear_pointer (&db, rubric_db_close);
  test_rmdir (dir);
}

static gsize
file_size (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return (gsize) st.st_size;
}

/* Commands that only read never make a database: not of an empty file
 * (which SQLite would take for an empty database), not where there is none. */
static void
test_open_existing_leaves_files (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  g_autofree char *wal = g_strconcat (empty, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;

  g_assert_true (g_file_set_contents (empty, "", 0, &error));

  db = rubric_db_open_existing (empty, &error);
  g_assert_null (db);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, empty));
  g_assert_nonnull (strstr (error->message, "empty"));
  g_assert_cmpuint (file_size (empty), ==, 0);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  db = rubric_db_open_existing (missing, &error);
  g_assert_null (db);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* init (which writes) does make a database of the empty file. */
  db = rubric_db_open (empty, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rubric_db_get_version (db), ==, RUBRIC_DB_SCHEMA_VERSION);

  g_clear_pointer (&db, rubric_db_close);
  test_rmdir (dir);
}

/* What went wrong with the file is said as it is, naming it. */
static void
test_file_errors (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "e.db", NULL);
  g_autofree char *under_file = g_build_filename (path, "x.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;

  /* A folder where the file should be. */
  g_assert_null (rubric_db_open_existing (dir, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO);
  g_assert_nonnull (strstr (error->message, dir));
  g_assert_null (strstr (error->message, "not a Rubric database"));
  g_clear_error (&error);

  /* A full disk, as SQLite reports it when the file may grow no more. */
  db = rubric_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (rubric_db_exec (db, "PRAGMA max_page_count = 40", &error));
  g_assert_false (rubric_db_exec (db, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL "
                                      "SELECT i + 1 FROM n WHERE i < 100000) "
                                      "INSERT INTO sources (name) SELECT 'source ' || i FROM n",
                                  &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_clear_error (&error);
  g_clear_pointer (&db, rubric_db_close);

  /* A file where a folder should be. */
  g_assert_null (rubric_db_open_existing (under_file, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO);
  g_assert_nonnull (strstr (error->message, under_file));
  g_clear_error (&error);

  test_rmdir (dir);
}

/* Runs @func with writes limited to @bytes per file (EFBIG beyond), the
 * way a full disk or a kill stops a writer half-way. */
static void
with_file_size_limit (rlim_t    bytes,
                      GFunc     func,
                      gpointer  data)
{
  struct rlimit old, limited;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old), ==, 0);
  signal (SIGXFSZ, SIG_IGN);
  limited = old;
  limited.rlim_cur = bytes;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);
  func (data, NULL);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old), ==, 0);
  signal (SIGXFSZ, SIG_DFL);
}

typedef struct
{
  RubricDb   *db;
  const char *path;
  gboolean    ok;
  GError     *error;
} Attempt;

static void
backup_attempt (gpointer data,
                gpointer unused)
{
  Attempt *attempt = data;

  attempt->ok = rubric_db_backup (attempt->db, attempt->path, &attempt->error);
}

static void
create_attempt (gpointer data,
                gpointer unused)
{
  Attempt *attempt = data;

  attempt->db = rubric_db_open (attempt->path, &attempt->error);
  attempt->ok = attempt->db != NULL;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* A backup, or a new database, that cannot be written whole leaves the old
 * file as it was, or no file, never a partial one. */
static void
test_atomic_files (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "a.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.db", NULL);
  g_autofree char *old_copy = NULL;
  g_autofree char *now_copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = rubric_db_open (path, &error);
  Attempt attempt = { db, copy, FALSE, NULL };
  gsize old_length, now_length;
  guint files;

  g_assert_no_error (error);
  g_assert_true (rubric_db_backup (db, copy, &error));
  g_assert_true (g_file_get_contents (copy, &old_copy, &old_length, &error));
  g_assert_true (rubric_db_exec (db, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL "
                                     "SELECT i + 1 FROM n WHERE i < 20000) "
                                     "INSERT INTO sources (name) SELECT 'source ' || i FROM n",
                                 &error));
  g_assert_true (rubric_db_exec (db, "PRAGMA wal_checkpoint (TRUNCATE)", &error));
  files = count_files (dir);

  /* Over an older backup: it stays as it was. */
  with_file_size_limit (old_length + 65536, backup_attempt, &attempt);
  g_assert_false (attempt.ok);
  g_assert_error (attempt.error, RUBRIC_ERROR, RUBRIC_ERROR_IO);
  g_assert_nonnull (strstr (attempt.error->message, copy));
  g_clear_error (&attempt.error);
  g_assert_true (g_file_get_contents (copy, &now_copy, &now_length, &error));
  g_assert_cmpmem (now_copy, now_length, old_copy, old_length);
  g_assert_cmpuint (count_files (dir), ==, files);

  /* Where there was none: there is still none. */
  g_unlink (copy);
  with_file_size_limit (65536, backup_attempt, &attempt);
  g_assert_false (attempt.ok);
  g_clear_error (&attempt.error);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, files - 1);

  /* A new database that cannot be written whole is not made at all. */
  attempt.path = fresh;
  attempt.db = NULL;
  with_file_size_limit (4096, create_attempt, &attempt);
  g_assert_false (attempt.ok);
  g_assert_nonnull (attempt.error);
  g_clear_error (&attempt.error);
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, files - 1);

  /* Without the limit, both work and leave nothing else behind. */
  attempt.path = copy;
  attempt.db = db;
  backup_attempt (&attempt, NULL);
  g_assert_no_error (attempt.error);
  attempt.path = fresh;
  create_attempt (&attempt, NULL);
  g_assert_no_error (attempt.error);
  g_clear_pointer (&attempt.db, rubric_db_close);
  g_assert_cmpuint (count_files (dir), ==, files + 1);

  g_clear_pointer (&db, rubric_db_close);
  test_rmdir (dir);
}

/* Migration 5: evaluations saved before it, and new ones, are at their
 * first revision. */
static void
test_migrate_revision (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v4.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = rubric_db_open_at_version (path, 4, &error);

  g_assert_no_error (error);
  g_assert_true (rubric_db_exec (db,
                                 "INSERT INTO scorecards (key, version, title, digest, definition,"
                                 "  created_at) VALUES ('t', 1, 'T', 'x', '<x/>', 0);"
                                 "INSERT INTO evaluations (uuid, scorecard_id, status, updated_at)"
                                 "  VALUES ('a', 1, 'submitted', 0);",
                                 &error));
  g_assert_no_error (error);
  g_clear_pointer (&db, rubric_db_close);

  db = rubric_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rubric_db_get_version (db), ==, RUBRIC_DB_SCHEMA_VERSION);
  g_assert_true (rubric_db_exec (db,
                                 "INSERT INTO evaluations (uuid, scorecard_id, status, updated_at)"
                                 "  VALUES ('b', 1, 'draft', 0);",
                                 &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (db, "SELECT count (*) FROM evaluations WHERE revision = 1"),
                   ==, 2);
}

/* One person's file has no members: the calls say so and change nothing. */
static void
test_members_need_team (void)
{
  char *dir = NULL;
  RubricDb *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;

  test_db_set_up (&dir, &db);

  /* A team database has members: add one, see it, change its role, end it. */
  if (rubric_db_is_postgres (db))
    {
      g_autofree char *name = g_strdup_printf ("alice_%d", (int) getpid ());
      gboolean found = FALSE;

      g_assert_true (rubric_members_add (db, name, RUBRIC_DB_ROLE_REVIEWER, &error));
      g_assert_no_error (error);
      g_assert_true (rubric_members_add (db, name, RUBRIC_DB_ROLE_LEAD, &error));
      g_assert_no_error (error);
      members = rubric_members_list (db, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < members->len; i++)
        {
          RubricMember *member = g_ptr_array_index (members, i);

          if (g_str_equal (member->name, name))
            {
              g_assert_cmpint (member->role, ==, RUBRIC_DB_ROLE_LEAD);
              found = TRUE;
            }
        }
      g_assert_true (found);
      g_clear_pointer (&members, g_ptr_array_unref);

      g_assert_true (rubric_members_remove (db, name, &error));
      g_assert_no_error (error);
      g_assert_false (rubric_members_remove (db, name, &error));
      g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND);
      g_clear_error (&error);
      test_db_tear_down (&dir, &db);
      return;
    }

  g_assert_false (rubric_members_add (db, "alice", RUBRIC_DB_ROLE_REVIEWER, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_USAGE);
  g_clear_error (&error);

  members = rubric_members_list (db, &error);
  g_assert_null (members);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_USAGE);
  g_clear_error (&error);

  g_assert_false (rubric_members_remove (db, "alice", &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_USAGE);

  g_assert_cmpstr (rubric_db_role_to_string (RUBRIC_DB_ROLE_LEAD), ==, "lead");
  g_assert_cmpint (rubric_db_role_from_string ("admin"), ==, RUBRIC_DB_ROLE_ADMIN);
  g_assert_cmpint (rubric_db_role_from_string ("Admin"), ==, RUBRIC_DB_ROLE_NONE);

  test_db_tear_down (&dir, &db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/db/create", test_create);
  g_test_add_func ("/db/migrate-from-older", test_migrate_from_older);
  g_test_add_func ("/db/migrate-calls-to-rollups", test_migrate_calls_to_rollups);
  g_test_add_func ("/db/migrate-category-scores", test_migrate_category_scores);
  g_test_add_func ("/db/refuse-newer", test_refuse_newer);
  g_test_add_func ("/db/refuse-foreign", test_refuse_foreign);
  g_test_add_func ("/db/backup-and-check", test_backup_and_check);
  g_test_add_func ("/db/transactions", test_transactions);
  g_test_add_func ("/db/wait-for-writer", test_wait_for_writer);
  g_test_add_func ("/db/wait-cancelled", test_wait_cancelled);
  g_test_add_func ("/db/open-existing-leaves-files", test_open_existing_leaves_files);
  g_test_add_func ("/db/file-errors", test_file_errors);
  g_test_add_func ("/db/atomic-files", test_atomic_files);
  g_test_add_func ("/db/migrate-revision", test_migrate_revision);
  g_test_add_func ("/db/members-need-team", test_members_need_team);

  return g_test_run ();
}
