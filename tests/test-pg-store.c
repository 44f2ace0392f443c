/* test-pg-store.c — the PostgreSQL store against a live server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs when RUBRIC_TEST_PG_URI names a database this test may create
 * schemas, tables and a role in (the suite's throw-away cluster, as its
 * superuser); skipped otherwise. Every test works in a schema of its own
 * (the URI's options set search_path), dropped at the end.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "rubric-db.h"
#include "rubric-error.h"

static const char *base_uri;
static char *data_home;
/* The test's own connection, outside the store, for what a database
 * administrator does (schemas, a role). */
static PGconn *admin;
static RubricDb *admin_db;

static void
admin_exec (const char *sql)
{
  PGresult *result = PQexec (admin, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
}

static char *
admin_query_text (const char *sql)
{
  PGresult *result = PQexec (admin, sql);
  char *value;

  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) != 1)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  value = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  return value;
}

static gboolean
need_server (void)
{
  if (base_uri == NULL)
    {
      g_test_skip ("RUBRIC_TEST_PG_URI is not set");
      return FALSE;
    }
  return TRUE;
}

/* The base URI with search_path set to @schema. */
static char *
uri_for_schema (const char *schema)
{
  return g_strdup_printf ("%s%coptions=-csearch_path%%3D%s", base_uri,
                          strchr (base_uri, '?') != NULL ? '&' : '?', schema);
}

static RubricDb *
open_base (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = uri_for_schema ("rubric_test_base");
  RubricDb *db = rubric_db_open (uri, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static void
exec_ok (RubricDb   *db,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  rubric_db_exec (db, sql, &error);
  g_assert_no_error (error);
}

static char *
query_text (RubricDb   *db,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricStmt) stmt = rubric_db_prepare (db, sql, &error);
  int rc;

  g_assert_no_error (error);
  rc = rubric_stmt_step (stmt);
  if (rc != RUBRIC_ROW)
    rubric_db_set_error (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rc, ==, RUBRIC_ROW);
  return g_strdup (rubric_stmt_column_text (stmt, 0));
}

/* A fresh, empty schema; its URI. */
static char *
fresh_schema (const char *schema)
{
  g_autofree char *drop = g_strdup_printf ("DROP SCHEMA IF EXISTS %s CASCADE", schema);
  g_autofree char *create = g_strdup_printf ("CREATE SCHEMA %s", schema);

  admin_exec (drop);
  admin_exec (create);
  return uri_for_schema (schema);
}

static void
drop_schema (const char *schema)
{
  g_autofree char *drop = g_strdup_printf ("DROP SCHEMA IF EXISTS %s CASCADE", schema);

  admin_exec (drop);
}

static void
test_open (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(RubricDb) again = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *member = NULL;
  g_autofree char *zone = NULL;

  if (!need_server ())
    return;

  uri = fresh_schema ("rubric_test_open");

  db = rubric_db_open (uri, &error);
  g_assert_no_error (error);
  g_assert_true (rubric_db_is_postgres (db));
  g_assert_cmpint (rubric_db_get_version (db), ==, RUBRIC_DB_SCHEMA_VERSION);
  g_assert_null (rubric_db_get_backup_path (db));
  g_assert_true (g_str_has_prefix (rubric_db_get_path (db), "postgresql://"));

  member = query_text (db, "SELECT session_user");
  g_assert_cmpstr (rubric_db_get_member (db), ==, member);
  /* The suite's user owns the database (or is a superuser). */
  g_assert_cmpint (rubric_db_get_role (db), ==, RUBRIC_DB_ROLE_ADMIN);

  zone = query_text (db, "SHOW TimeZone");
  g_assert_cmpstr (zone, ==, "UTC");
  g_free (zone);
  zone = query_text (db, "SELECT version::text FROM rubric_schema");
  g_assert_cmpint (atoi (zone), ==, RUBRIC_DB_SCHEMA_VERSION);

  /* Opening again changes nothing. */
  again = rubric_db_open_existing (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rubric_db_get_version (again), ==, RUBRIC_DB_SCHEMA_VERSION);
  g_assert_null (rubric_db_get_backup_path (again));

  g_clear_pointer (&db, rubric_db_close);
  g_clear_pointer (&again, rubric_db_close);
  drop_schema ("rubric_test_open");
}

/* The member's role comes from the group roles, read when connecting. */
static void
test_roles (void)
{
  static const struct
  {
    const char  *group;
    RubricDbRole role;
  } cases[] = {
    { NULL, RUBRIC_DB_ROLE_NONE },
    { "rubric_reviewer", RUBRIC_DB_ROLE_REVIEWER },
    { "rubric_lead", RUBRIC_DB_ROLE_LEAD },
    { "rubric_admin", RUBRIC_DB_ROLE_ADMIN },
  };

  if (!need_server ())
    return;

  /* The base schema exists as a Rubric database: members may read it. */
  g_clear_pointer (&admin_db, rubric_db_close);
  admin_db = open_base ();
  admin_exec ("DO $$ BEGIN"
              " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rubric_admin')"
              " THEN CREATE ROLE rubric_admin NOLOGIN; END IF;"
              " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rubric_lead')"
              " THEN CREATE ROLE rubric_lead NOLOGIN; END IF;"
              " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rubric_reviewer')"
              " THEN CREATE ROLE rubric_reviewer NOLOGIN; END IF; END $$");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RubricDb) db = NULL;
      g_autofree char *uri = NULL;

      admin_exec ("DROP ROLE IF EXISTS rubric_test_member");
      admin_exec ("CREATE ROLE rubric_test_member LOGIN");
      admin_exec ("GRANT USAGE ON SCHEMA rubric_test_base TO rubric_test_member");
      admin_exec ("GRANT SELECT ON rubric_test_base.rubric_schema TO rubric_test_member");
      if (cases[i].group != NULL)
        {
          g_autofree char *grant = g_strdup_printf ("GRANT %s TO rubric_test_member",
                                                    cases[i].group);
          admin_exec (grant);
        }

      uri = g_strdup_printf ("%s%coptions=-csearch_path%%3Drubric_test_base&user=rubric_test_member",
                             base_uri, strchr (base_uri, '?') != NULL ? '&' : '?');
      db = rubric_db_open_existing (uri, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (rubric_db_get_member (db), ==, "rubric_test_member");
      g_assert_cmpint (rubric_db_get_role (db), ==, cases[i].role);
      g_clear_pointer (&db, rubric_db_close);

      admin_exec ("DROP OWNED BY rubric_test_member");
      admin_exec ("DROP ROLE rubric_test_member");
    }
}

static void
test_password_not_shown (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *member = NULL;
  const char *rest;

  if (!need_server ())
    return;

  /* The suite's cluster trusts its socket: the password is not checked,
   * but it must not be printed. */
  uri = g_strdup_printf ("%s%coptions=-csearch_path%%3Drubric_test_base&password=s3cr%%3Ft",
                         base_uri, strchr (base_uri, '?') != NULL ? '&' : '?');
  db = rubric_db_open (uri, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (rubric_db_get_path (db), "s3cr"));
  g_assert_null (strstr (rubric_db_get_path (db), "password"));
  g_clear_pointer (&db, rubric_db_close);

  /* In the user part, when the URI has none of its own. */
  rest = strstr (base_uri, "://");
  g_assert_nonnull (rest);
  if (strchr (rest + 3, '@') != NULL && strchr (rest + 3, '@') < strpbrk (rest + 3, "/?"))
    return;
  member = admin_query_text ("SELECT session_user");
  g_free (uri);
  uri = g_strdup_printf ("postgresql://%s:s3cr%%3Ft@%s%coptions=-csearch_path%%3Drubric_test_base",
                         member, rest + 3, strchr (rest + 3, '?') != NULL ? '&' : '?');
  db = rubric_db_open (uri, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (rubric_db_get_path (db), "s3cr"));
  g_assert_true (g_str_has_prefix (rubric_db_get_path (db), "postgresql://"));
  g_assert_true (strstr (rubric_db_get_path (db), member) != NULL);
}

static void
test_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rubric-test-XXXXXX", NULL);
  g_autofree char *uri = g_strdup_printf ("postgresql://someone:hunter2@/rubric?host=%s", dir);

  db = rubric_db_open (uri, &error);
  g_assert_null (db);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO);
  g_assert_null (strstr (error->message, "hunter2"));
  g_assert_true (strstr (error->message, "cannot reach the database server") != NULL);
  g_rmdir (dir);

  g_clear_error (&error);
  db = rubric_db_open ("postgresql://u:hunter2@[broken", &error);
  g_assert_null (db);
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, "hunter2"));
}

/* A database or a login the server does not have. */
static void
test_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autofree char *uri = NULL;
  char separator;

  if (!need_server ())
    return;

  separator = strchr (base_uri, '?') != NULL ? '&' : '?';
  uri = g_strdup_printf ("%s%cdbname=rubric_test_no_such_db&password=hunter2", base_uri, separator);
  db = rubric_db_open_existing (uri, &error);
  g_assert_null (db);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
  g_assert_true (strstr (error->message, "rubric_test_no_such_db") != NULL);
  g_assert_null (strstr (error->message, "hunter2"));
  g_clear_error (&error);
  g_free (uri);

  uri = g_strdup_printf ("%s%cuser=rubric_test_no_such_role&password=hunter2", base_uri, separator);
  db = rubric_db_open_existing (uri, &error);
  g_assert_null (db);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO);
  g_assert_true (strstr (error->message, "refused the login") != NULL);
  g_assert_null (strstr (error->message, "hunter2"));
}

static void
test_refusals (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *version = NULL;

  if (!need_server ())
    return;


  /* Nothing there: reading commands do not create it. */
  uri = fresh_schema ("rubric_test_refusals");
  db = rubric_db_open_existing (uri, &error);
  g_assert_null (db);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
  g_assert_true (strstr (error->message, "no Rubric database here yet") != NULL);
  g_clear_error (&error);

  /* Someone else's tables. */
  admin_exec ("CREATE TABLE rubric_test_refusals.theirs (x integer)");
  db = rubric_db_open (uri, &error);
  g_assert_null (db);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
  g_assert_true (strstr (error->message, "not a Rubric database") != NULL);
  g_clear_error (&error);
  admin_exec ("DROP TABLE rubric_test_refusals.theirs");

  /* A newer Rubric's database is left as it is. */
  db = rubric_db_open (uri, &error);
  g_assert_no_error (error);
  g_clear_pointer (&db, rubric_db_close);
  admin_exec ("UPDATE rubric_test_refusals.rubric_schema SET version = 99");
  db = rubric_db_open (uri, &error);
  g_assert_null (db);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NEWER_DATABASE);
  g_clear_error (&error);
  version = admin_query_text ("SELECT version::text FROM rubric_test_refusals.rubric_schema");
  g_assert_cmpstr (version, ==, "99");

  drop_schema ("rubric_test_refusals");
}

static void
test_migrate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *backups = NULL;

  if (!need_server ())
    return;

  uri = fresh_schema ("rubric_test_migrate");

  /* From the previous version (the copy behind the backup does not know
   * the tables of older ones yet). */
  db = rubric_db_open_at_version (uri, RUBRIC_DB_SCHEMA_VERSION - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rubric_db_get_version (db), ==, RUBRIC_DB_SCHEMA_VERSION - 1);
  g_clear_pointer (&db, rubric_db_close);

  db = rubric_db_open (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rubric_db_get_version (db), ==, RUBRIC_DB_SCHEMA_VERSION);
  backups = g_build_filename (data_home, "rubric", "backups", NULL);
  g_assert_nonnull (rubric_db_get_backup_path (db));
  g_assert_true (g_str_has_prefix (rubric_db_get_backup_path (db), backups));
  g_assert_true (g_str_has_suffix (rubric_db_get_backup_path (db), ".db"));
  {
    g_autofree char *marker = g_strdup_printf ("-v%d-", RUBRIC_DB_SCHEMA_VERSION - 1);
    g_assert_true (strstr (rubric_db_get_backup_path (db), marker) != NULL);
  }
  g_assert_true (g_file_test (rubric_db_get_backup_path (db), G_FILE_TEST_IS_REGULAR));
  {
    /* The backup is a Rubric SQLite file at the old version. */
    g_autoptr(RubricDb) backup = NULL;
    g_autofree char *copy = g_strconcat (rubric_db_get_backup_path (db), ".copy", NULL);
    g_autofree char *contents = NULL;
    gsize length;

    /* Opened as a copy: opening it would migrate it. */
    g_assert_true (g_file_get_contents (rubric_db_get_backup_path (db), &contents, &length, NULL));
    g_assert_true (g_file_set_contents (copy, contents, (gssize) length, NULL));
    backup = rubric_db_open_at_version (copy, RUBRIC_DB_SCHEMA_VERSION - 1, &error);
    g_assert_no_error (error);
    g_assert_false (rubric_db_is_postgres (backup));
    g_assert_cmpint (rubric_db_get_version (backup), ==, RUBRIC_DB_SCHEMA_VERSION - 1);
    g_clear_pointer (&backup, rubric_db_close);
    g_unlink (copy);
    {
      g_autofree char *wal = g_strconcat (copy, "-wal", NULL);
      g_autofree char *shm = g_strconcat (copy, "-shm", NULL);
      g_unlink (wal);
      g_unlink (shm);
    }
  }
  g_unlink (rubric_db_get_backup_path (db));
  g_clear_pointer (&db, rubric_db_close);

  drop_schema ("rubric_test_migrate");
}

static gpointer
open_in_thread (gpointer data)
{
  GError *error = NULL;
  RubricDb *db = rubric_db_open (data, &error);

  rubric_db_close (db);
  return error;
}

/* Two clients creating the same database at once: one migrates, the other
 * waits for it and finds it done. */
static void
test_migrate_at_once (void)
{
  g_autofree char *uri = NULL;
  GThread *threads[3];

  if (!need_server ())
    return;

  uri = fresh_schema ("rubric_test_at_once");

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("open", open_in_thread, uri);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(GError) error = g_thread_join (threads[i]);
      g_assert_no_error (error);
    }

  drop_schema ("rubric_test_at_once");
}

static void
test_types (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(RubricStmt) insert = NULL;
  g_autoptr(RubricStmt) select = NULL;
  static const double doubles[] = { 0.1, 1.0 / 3.0, 1e300, 5e-324, -2.5, 123456789.123456789 };
  int rc;

  if (!need_server ())
    return;

  db = open_base ();
  exec_ok (db, "CREATE TEMP TABLE t (i integer, b bigint, s smallint, f boolean,"
               " r real, d double precision, n numeric, x text, y bytea, ts timestamptz)");

  insert = rubric_db_prepare (db, "INSERT INTO t (i, b, s, f, r, d, n, x, y, ts)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &error);
  g_assert_no_error (error);
  rubric_stmt_bind_int (insert, 1, -42);
  rubric_stmt_bind_int64 (insert, 2, G_MAXINT64);
  rubric_stmt_bind_int (insert, 3, 7);
  rubric_stmt_bind_text (insert, 4, "true");
  rubric_stmt_bind_double (insert, 5, 0.5);
  rubric_stmt_bind_double (insert, 6, 0.1);
  rubric_stmt_bind_text (insert, 7, "12.0");
  rubric_stmt_bind_text (insert, 8, "it's ? “quoted” ā");
  rubric_stmt_bind_text (insert, 9, "\\x00ff");
  rubric_stmt_bind_text (insert, 10, "2026-03-29 01:30:00+02");
  g_assert_cmpint (rubric_stmt_step (insert), ==, RUBRIC_DONE);
  g_assert_cmpint (rubric_db_changes (db), ==, 1);

  /* The same statement again: NULLs everywhere. */
  rubric_stmt_reset (insert);
  rubric_stmt_clear_bindings (insert);
  g_assert_cmpint (rubric_stmt_step (insert), ==, RUBRIC_DONE);

  select = rubric_db_prepare (db, "SELECT i, b, s, f, r, d, n, x, y, ts FROM t ORDER BY i NULLS LAST",
                              &error);
  g_assert_no_error (error);
  g_assert_cmpint (rubric_stmt_step (select), ==, RUBRIC_ROW);
  g_assert_cmpint (rubric_stmt_column_count (select), ==, 10);
  g_assert_cmpint (rubric_stmt_column_type (select, 0), ==, RUBRIC_INTEGER);
  g_assert_cmpint (rubric_stmt_column_int (select, 0), ==, -42);
  g_assert_cmpint (rubric_stmt_column_type (select, 1), ==, RUBRIC_INTEGER);
  g_assert_cmpint (rubric_stmt_column_int64 (select, 1), ==, G_MAXINT64);
  g_assert_cmpint (rubric_stmt_column_type (select, 2), ==, RUBRIC_INTEGER);
  g_assert_cmpint (rubric_stmt_column_int (select, 2), ==, 7);
  g_assert_cmpint (rubric_stmt_column_type (select, 3), ==, RUBRIC_INTEGER);
  g_assert_cmpint (rubric_stmt_column_int (select, 3), ==, 1);
  g_assert_cmpint (rubric_stmt_column_type (select, 4), ==, RUBRIC_FLOAT);
  g_assert_cmpfloat (rubric_stmt_column_double (select, 4), ==, 0.5);
  g_assert_cmpint (rubric_stmt_column_type (select, 5), ==, RUBRIC_FLOAT);
  g_assert_cmpfloat (rubric_stmt_column_double (select, 5), ==, 0.1);
  g_assert_cmpint (rubric_stmt_column_type (select, 6), ==, RUBRIC_FLOAT);
  g_assert_cmpint (rubric_stmt_column_int64 (select, 6), ==, 12);
  g_assert_cmpfloat (rubric_stmt_column_double (select, 6), ==, 12.0);
  g_assert_cmpint (rubric_stmt_column_type (select, 7), ==, RUBRIC_TEXT);
  g_assert_cmpstr (rubric_stmt_column_text (select, 7), ==, "it's ? “quoted” ā");
  g_assert_cmpint (rubric_stmt_column_type (select, 8), ==, RUBRIC_BLOB);
  g_assert_cmpstr (rubric_stmt_column_text (select, 8), ==, "\\x00ff");
  /* The session is in UTC. */
  g_assert_cmpint (rubric_stmt_column_type (select, 9), ==, RUBRIC_TEXT);
  g_assert_cmpstr (rubric_stmt_column_text (select, 9), ==, "2026-03-28 23:30:00+00");

  g_assert_cmpint (rubric_stmt_step (select), ==, RUBRIC_ROW);
  for (int c = 0; c < 10; c++)
    {
      g_assert_cmpint (rubric_stmt_column_type (select, c), ==, RUBRIC_NULL);
      g_assert_null (rubric_stmt_column_text (select, c));
      g_assert_cmpint (rubric_stmt_column_int64 (select, c), ==, 0);
      g_assert_cmpfloat (rubric_stmt_column_double (select, c), ==, 0.0);
    }
  g_assert_cmpint (rubric_stmt_step (select), ==, RUBRIC_DONE);

  /* Doubles come back exactly as they went in. */
  g_clear_pointer (&insert, rubric_stmt_finalize);
  g_clear_pointer (&select, rubric_stmt_finalize);
  select = rubric_db_prepare (db, "SELECT ?1::double precision, ?1::double precision * 1", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (doubles); i++)
    {
      rubric_stmt_bind_double (select, 1, doubles[i]);
      g_assert_cmpint (rubric_stmt_step (select), ==, RUBRIC_ROW);
      g_assert_cmpfloat (rubric_stmt_column_double (select, 0), ==, doubles[i]);
      g_assert_cmpfloat (rubric_stmt_column_double (select, 1), ==, doubles[i]);
      rubric_stmt_reset (select);
    }
  g_clear_pointer (&select, rubric_stmt_finalize);

  /* A bare step after DONE runs the statement again, as SQLite does; a
   * skipped number is a text parameter. */
  select = rubric_db_prepare (db, "SELECT count(*), ?2 FROM t WHERE '?' = '?'", &error);
  g_assert_no_error (error);
  rubric_stmt_bind_text (select, 2, "two");
  g_assert_cmpint (rubric_stmt_step (select), ==, RUBRIC_ROW);
  g_assert_cmpint (rubric_stmt_column_int (select, 0), ==, 2);
  g_assert_cmpstr (rubric_stmt_column_text (select, 1), ==, "two");
  g_assert_cmpint (rubric_stmt_step (select), ==, RUBRIC_DONE);
  g_assert_cmpint (rubric_stmt_step (select), ==, RUBRIC_ROW);
  g_assert_cmpint (rubric_stmt_step (select), ==, RUBRIC_DONE);
  g_clear_pointer (&select, rubric_stmt_finalize);

  /* RETURNING hands out rows; changes counts them. */
  select = rubric_db_prepare (db, "UPDATE t SET i = i + ? WHERE i IS NOT NULL RETURNING i", &error);
  g_assert_no_error (error);
  rubric_stmt_bind_int (select, 1, 2);
  rc = rubric_stmt_step (select);
  g_assert_cmpint (rc, ==, RUBRIC_ROW);
  g_assert_cmpint (rubric_stmt_column_int (select, 0), ==, -40);
  g_assert_cmpint (rubric_stmt_step (select), ==, RUBRIC_DONE);
  g_assert_cmpint (rubric_db_changes (db), ==, 1);
  exec_ok (db, "DELETE FROM t");
  g_assert_cmpint (rubric_db_changes (db), ==, 2);
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(RubricStmt) stmt = NULL;
  g_autofree char *prefix = NULL;

  if (!need_server ())
    return;

  db = open_base ();
  prefix = g_strdup_printf ("%s: database error: ", rubric_db_get_path (db));

  stmt = rubric_db_prepare (db, "SELEKT 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (rubric_stmt_step (stmt), !=, RUBRIC_ROW);
  rubric_db_set_error (db, &error);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_true (strstr (error->message, "SELEKT") != NULL);
  g_clear_error (&error);
  g_clear_pointer (&stmt, rubric_stmt_finalize);

  rubric_db_exec (db, "CREATE TEMP TABLE u (k integer PRIMARY KEY); INSERT INTO u VALUES (1)",
                  &error);
  g_assert_no_error (error);
  stmt = rubric_db_prepare (db, "INSERT INTO u VALUES (?)", &error);
  g_assert_no_error (error);
  rubric_stmt_bind_int (stmt, 1, 1);
  g_assert_cmpint (rubric_stmt_step (stmt), !=, RUBRIC_DONE);
  rubric_db_set_error (db, &error);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
  g_clear_error (&error);
  rubric_stmt_reset (stmt);
  rubric_stmt_bind_int (stmt, 1, 2);
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_DONE);

  /* A failure inside a transaction: rolled back, the connection goes on. */
  g_assert_true (rubric_db_begin (db, NULL));
  g_assert_true (rubric_db_in_transaction (db));
  g_assert_false (rubric_db_exec (db, "INSERT INTO u VALUES (1)", &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
  g_clear_error (&error);
  rubric_db_rollback (db);
  g_assert_false (rubric_db_in_transaction (db));
  exec_ok (db, "INSERT INTO u VALUES (3)");
}

/* A parameter with no type from its context (SQLite takes anything
 * there) is text; a statement that does not prepare inside a transaction
 * leaves it as it was, as on SQLite. */
static void
test_untyped_parameters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(RubricStmt) stmt = NULL;
  g_autoptr(RubricStmt) bad = NULL;
  static const char sql[] = "SELECT count(*) FROM w WHERE (?1 IS NULL OR name = ?1)"
                            " AND (?2 IS NULL OR n = ?2)";

  if (!need_server ())
    return;

  db = open_base ();
  exec_ok (db, "CREATE TEMP TABLE w (name text, n bigint);"
               " INSERT INTO w VALUES ('a', 1), ('b', 2), ('b', 3)");

  for (int in_transaction = 0; in_transaction < 2; in_transaction++)
    {
      if (in_transaction)
        g_assert_true (rubric_db_begin (db, NULL));

      stmt = rubric_db_prepare (db, sql, &error);
      g_assert_no_error (error);
      if (rubric_stmt_step (stmt) != RUBRIC_ROW)
        rubric_db_set_error (db, &error);
      g_assert_no_error (error);
      g_assert_cmpint (rubric_stmt_column_int (stmt, 0), ==, 3);
      rubric_stmt_reset (stmt);
      rubric_stmt_bind_text (stmt, 1, "b");
      g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
      g_assert_cmpint (rubric_stmt_column_int (stmt, 0), ==, 2);
      rubric_stmt_reset (stmt);
      rubric_stmt_bind_int (stmt, 2, 3);
      g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
      g_assert_cmpint (rubric_stmt_column_int (stmt, 0), ==, 1);
      g_clear_pointer (&stmt, rubric_stmt_finalize);

      bad = rubric_db_prepare (db, "SELECT nothing_here FROM w", &error);
      g_assert_no_error (error);
      g_assert_cmpint (rubric_stmt_step (bad), !=, RUBRIC_ROW);
      rubric_db_set_error (db, &error);
      g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
      g_clear_error (&error);
      g_clear_pointer (&bad, rubric_stmt_finalize);

      /* The transaction goes on. */
      exec_ok (db, "INSERT INTO w VALUES ('c', 4)");
      if (in_transaction)
        {
          g_assert_true (rubric_db_commit (db, &error));
          g_assert_no_error (error);
        }
      exec_ok (db, "DELETE FROM w WHERE name = 'c'");
    }
}

/* Bulk load through COPY: every character comes through, NULLs too; a bad
 * value fails at the end; a load left unfinished does not block the
 * connection. */
static void
test_bulk (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(RubricStmt) stmt = NULL;
  static const char * const columns[] = { "k", "v", "d", NULL };
  static const char * const texts[] = {
    "plain", "tab\there", "new\nline", "cr\rhere", "back\\slash \\N", "\\.", "",
    "“ā” ?", NULL,
  };
  int n = G_N_ELEMENTS (texts);

  if (!need_server ())
    return;

  db = open_base ();
  exec_ok (db, "CREATE TEMP TABLE b (k integer, v text, d double precision)");

  g_assert_true (rubric_db_begin (db, NULL));
  g_assert_true (rubric_db_bulk_begin (db, "b", columns, &error));
  g_assert_no_error (error);
  for (int i = 0; i < n; i++)
    {
      g_autofree char *k = g_strdup_printf ("%d", i);
      const char *values[] = { k, texts[i], i % 2 ? "0.1" : NULL };

      g_assert_true (rubric_db_bulk_row (db, values, &error));
      g_assert_no_error (error);
    }
  g_assert_true (rubric_db_bulk_end (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rubric_db_changes (db), ==, n);
  g_assert_true (rubric_db_commit (db, &error));
  g_assert_no_error (error);

  stmt = rubric_db_prepare (db, "SELECT k, v, d FROM b ORDER BY k", &error);
  g_assert_no_error (error);
  for (int i = 0; i < n; i++)
    {
      g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
      g_assert_cmpint (rubric_stmt_column_int (stmt, 0), ==, i);
      g_assert_cmpstr (rubric_stmt_column_text (stmt, 1), ==, texts[i]);
      if (i % 2)
        g_assert_cmpfloat (rubric_stmt_column_double (stmt, 2), ==, 0.1);
      else
        g_assert_cmpint (rubric_stmt_column_type (stmt, 2), ==, RUBRIC_NULL);
    }
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_DONE);
  g_clear_pointer (&stmt, rubric_stmt_finalize);

  /* A value that is no number: the load fails at its end. */
  {
    const char *values[] = { "x", "y", NULL };

    g_assert_true (rubric_db_bulk_begin (db, "b", columns, &error));
    rubric_db_bulk_row (db, values, &error);
    g_assert_no_error (error);
    g_assert_false (rubric_db_bulk_end (db, &error));
    g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
    g_clear_error (&error);
  }

  /* Begun, never ended: the next statement ends it. */
  {
    const char *values[] = { "100", "z", NULL };
    g_autofree char *count = NULL;

    g_assert_true (rubric_db_bulk_begin (db, "b", columns, &error));
    g_assert_true (rubric_db_bulk_row (db, values, &error));
    count = query_text (db, "SELECT count(*)::text FROM b");
    g_assert_cmpint (atoi (count), ==, n);
  }
}

static int
count_prepared (RubricDb *db)
{
  g_autofree char *count = query_text (db, "SELECT count(*)::text FROM pg_prepared_statements");

  return atoi (count);
}

/* Statements finalized are dropped on the server too, inside a
 * transaction as well, without disturbing it. */
static void
test_deallocate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  int before;

  if (!need_server ())
    return;

  db = open_base ();
  before = count_prepared (db);

  for (int in_transaction = 0; in_transaction < 2; in_transaction++)
    {
      if (in_transaction)
        g_assert_true (rubric_db_begin (db, NULL));
      for (int i = 0; i < 20; i++)
        {
          g_autoptr(RubricStmt) stmt = rubric_db_prepare (db, "SELECT ?::integer", &error);

          g_assert_no_error (error);
          rubric_stmt_bind_int (stmt, 1, i);
          g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
          g_assert_cmpint (rubric_stmt_column_int (stmt, 0), ==, i);
        }
      /* The last one, and the one counting, may still be there. */
      g_assert_cmpint (count_prepared (db), <=, before + 3);
      if (in_transaction)
        {
          g_assert_true (rubric_db_commit (db, &error));
          g_assert_no_error (error);
        }
    }
}

static void
test_not_permitted (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(RubricStmt) stmt = NULL;
  g_autofree char *prefix = NULL;

  if (!need_server ())
    return;

  db = open_base ();
  exec_ok (db, "DROP TABLE IF EXISTS secret; CREATE TABLE secret (x integer)");
  if (!rubric_db_exec (db,
                       "DO $$ BEGIN"
                       " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rubric_test_nobody')"
                       " THEN CREATE ROLE rubric_test_nobody NOLOGIN; END IF; END $$",
                       &error))
    {
      g_test_skip (error->message);
      return;
    }
  exec_ok (db, "GRANT USAGE ON SCHEMA rubric_test_base TO rubric_test_nobody");
  exec_ok (db, "SET ROLE rubric_test_nobody");

  stmt = rubric_db_prepare (db, "INSERT INTO secret VALUES (?)", &error);
  g_assert_no_error (error);
  rubric_stmt_bind_int (stmt, 1, 1);
  g_assert_cmpint (rubric_stmt_step (stmt), !=, RUBRIC_DONE);
  rubric_db_set_error (db, &error);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_PERMITTED);
  prefix = g_strdup_printf ("%s: not permitted: ", rubric_db_get_path (db));
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_clear_error (&error);

  g_assert_false (rubric_db_exec (db, "DELETE FROM secret", &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_PERMITTED);
  g_clear_error (&error);

  exec_ok (db, "RESET ROLE");
  exec_ok (db, "DROP TABLE secret; REVOKE USAGE ON SCHEMA rubric_test_base FROM rubric_test_nobody;"
               " DROP ROLE rubric_test_nobody");
}

/* A connection the server ends is made again before the next statement;
 * a transaction that was open is gone, and says so until rolled back. */
static void
test_lost_connection (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(RubricStmt) stmt = NULL;
  g_autofree char *pid = NULL;
  g_autofree char *kill = NULL;

  if (!need_server ())
    return;

  db = open_base ();
  stmt = rubric_db_prepare (db, "SELECT ?::integer + 1", &error);
  g_assert_no_error (error);
  rubric_stmt_bind_int (stmt, 1, 1);
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
  rubric_stmt_reset (stmt);

  pid = query_text (db, "SELECT pg_backend_pid ()::text");
  kill = g_strdup_printf ("SELECT pg_terminate_backend (%s)", pid);
  admin_exec (kill);
  g_usleep (G_USEC_PER_SEC / 10);

  /* The first statement finds the connection gone (it may need one more
   * to notice), then it is back with the statement prepared again. */
  if (rubric_stmt_step (stmt) != RUBRIC_ROW)
    {
      rubric_db_set_error (db, &error);
      g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO);
      g_clear_error (&error);
      rubric_stmt_reset (stmt);
      if (rubric_stmt_step (stmt) != RUBRIC_ROW)
        rubric_db_set_error (db, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpint (rubric_stmt_column_int (stmt, 0), ==, 2);
  rubric_stmt_reset (stmt);

  /* Inside a transaction. */
  g_free (pid);
  g_free (kill);
  g_assert_true (rubric_db_begin (db, NULL));
  pid = query_text (db, "SELECT pg_backend_pid ()::text");
  kill = g_strdup_printf ("SELECT pg_terminate_backend (%s)", pid);
  admin_exec (kill);
  g_usleep (G_USEC_PER_SEC / 10);

  for (int i = 0; i < 3; i++)
    {
      g_assert_cmpint (rubric_stmt_step (stmt), !=, RUBRIC_ROW);
      rubric_db_set_error (db, &error);
      g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO);
      g_clear_error (&error);
      rubric_stmt_reset (stmt);
    }
  g_assert_false (rubric_db_exec (db, "COMMIT", &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO);
  g_clear_error (&error);
  g_assert_true (rubric_db_in_transaction (db));
  rubric_db_rollback (db);
  g_assert_false (rubric_db_in_transaction (db));
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
  g_assert_cmpint (rubric_stmt_column_int (stmt, 0), ==, 2);
}

static gboolean
cancel_later (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static gpointer
cancel_thread (gpointer data)
{
  g_usleep (G_USEC_PER_SEC / 5);
  cancel_later (data);
  return NULL;
}

static void
test_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(RubricStmt) stmt = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GThread *thread;
  gint64 start;

  if (!need_server ())
    return;

  db = open_base ();
  rubric_db_watch_cancellable (db, cancellable);
  stmt = rubric_db_prepare (db, "SELECT pg_sleep (20)", &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  thread = g_thread_new ("cancel", cancel_thread, cancellable);
  g_assert_cmpint (rubric_stmt_step (stmt), !=, RUBRIC_ROW);
  g_thread_join (thread);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  rubric_db_set_error (db, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Cancelled before it starts: it does not run. */
  rubric_stmt_reset (stmt);
  g_assert_cmpint (rubric_stmt_step (stmt), !=, RUBRIC_ROW);
  rubric_db_set_error (db, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Watching nothing, the connection works as before. */
  rubric_db_watch_cancellable (db, NULL);
  g_clear_pointer (&stmt, rubric_stmt_finalize);
  exec_ok (db, "SELECT 1");
}

/* A password given once (the app's, from the keyring) serves every later
 * connection of the process to that URI, and is never shown. The suite's
 * cluster asks the login pw_member for a password (build-aux/pg-cluster). */
static void
test_password_kept (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autofree char *database = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *grant = NULL;
  PQconninfoOption *options;
  g_autoptr(GString) built = g_string_new ("postgresql:///");
  const char *host = NULL;
  const char *port = NULL;

  if (!need_server ())
    return;

  admin_exec ("DROP SCHEMA IF EXISTS pw_member CASCADE");
  /* A run that stopped half-way may have left the login with a grant. */
  admin_exec ("DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'pw_member') THEN"
              " DROP OWNED BY pw_member; DROP ROLE pw_member; END IF; END $$");
  admin_exec ("CREATE ROLE pw_member LOGIN PASSWORD 'kept-secret'");
  database = admin_query_text ("SELECT current_database ()");
  grant = g_strdup_printf ("GRANT CREATE ON DATABASE \"%s\" TO pw_member", database);
  admin_exec (grant);
  admin_exec ("CREATE SCHEMA pw_member AUTHORIZATION pw_member");

  /* The base URI's server and database, logging in as pw_member. */
  options = PQconninfoParse (base_uri, NULL);
  g_assert_nonnull (options);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      if (g_str_equal (o->keyword, "host"))
        host = o->val;
      else if (g_str_equal (o->keyword, "port"))
        port = o->val;
    }
  g_string_append_printf (built, "%s?user=pw_member", database);
  if (host != NULL)
    g_string_append_printf (built, "&host=%s", host);
  if (port != NULL)
    g_string_append_printf (built, "&port=%s", port);
  g_string_append (built, "&options=-csearch_path%3Dpw_member");
  uri = g_strdup (built->str);
  PQconninfoFree (options);

  /* Without it the server refuses, without naming a password. */
  g_assert_null (rubric_db_open (uri, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO);
  g_clear_error (&error);

  rubric_db_set_password (uri, "kept-secret");
  db = rubric_db_open (uri, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (rubric_db_get_path (db), "kept-secret"));

  /* A worker thread opens the printable name, and gets in too. */
  {
    g_autoptr(RubricDb) again = rubric_db_open (rubric_db_get_path (db), &error);

    g_assert_no_error (error);
    g_assert_nonnull (again);
  }

  /* Forgotten, it is asked for again. */
  rubric_db_set_password (uri, NULL);
  g_clear_pointer (&db, rubric_db_close);
  g_assert_null (rubric_db_open (uri, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO);
  g_assert_null (strstr (error->message, "kept-secret"));
  admin_exec ("DROP SCHEMA pw_member CASCADE");
  admin_exec ("DROP OWNED BY pw_member");
  admin_exec ("DROP ROLE pw_member");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  base_uri = g_getenv ("RUBRIC_TEST_PG_URI");
  if (base_uri != NULL && *base_uri == '\0')
    base_uri = NULL;

  /* Backups go to $XDG_DATA_HOME/rubric/backups: a folder of our own. */
  data_home = g_dir_make_tmp ("rubric-test-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  if (base_uri != NULL)
    {
      admin = PQconnectdb (base_uri);
      if (PQstatus (admin) != CONNECTION_OK)
        g_error ("RUBRIC_TEST_PG_URI: %s", PQerrorMessage (admin));
      /* The schema the tests' own connections work in. */
      admin_exec ("SET client_min_messages = warning");
      admin_exec ("DROP SCHEMA IF EXISTS rubric_test_base CASCADE; CREATE SCHEMA rubric_test_base");
    }

  g_test_add_func ("/pg-store/open", test_open);
  g_test_add_func ("/pg-store/roles", test_roles);
  g_test_add_func ("/pg-store/password-not-shown", test_password_not_shown);
  g_test_add_func ("/pg-store/password-kept", test_password_kept);
  g_test_add_func ("/pg-store/unreachable", test_unreachable);
  g_test_add_func ("/pg-store/missing", test_missing);
  g_test_add_func ("/pg-store/refusals", test_refusals);
  g_test_add_func ("/pg-store/migrate", test_migrate);
  g_test_add_func ("/pg-store/migrate-at-once", test_migrate_at_once);
  g_test_add_func ("/pg-store/types", test_types);
  g_test_add_func ("/pg-store/errors", test_errors);
  g_test_add_func ("/pg-store/untyped-parameters", test_untyped_parameters);
  g_test_add_func ("/pg-store/bulk", test_bulk);
  g_test_add_func ("/pg-store/deallocate", test_deallocate);
  g_test_add_func ("/pg-store/not-permitted", test_not_permitted);
  g_test_add_func ("/pg-store/lost-connection", test_lost_connection);
  g_test_add_func ("/pg-store/cancel", test_cancel);

  status = g_test_run ();

  if (admin != NULL)
    {
      g_clear_pointer (&admin_db, rubric_db_close);
      admin_exec ("DROP SCHEMA IF EXISTS rubric_test_base CASCADE");
      PQfinish (admin);
    }

  {
    /* The backups folder. */
    g_autofree char *backups = g_build_filename (data_home, "rubric", "backups", NULL);
    g_autofree char *rubric = g_build_filename (data_home, "rubric", NULL);
    g_rmdir (backups);
    g_rmdir (rubric);
    g_rmdir (data_home);
  }

  return status;
}
