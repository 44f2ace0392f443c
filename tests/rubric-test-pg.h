/* rubric-test-pg.h — the tests' store: a SQLite file, or a fresh PostgreSQL database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every core test that opens a RubricDb runs twice (tests/meson.build): as NAME on SQLite,
 * and as NAME-pg with RUBRIC_TEST_STORE=postgresql. The PostgreSQL run needs
 * RUBRIC_TEST_PG_URI, a superuser URI to a maintenance database of a server the test may
 * create databases and roles on: `build-aux/dev test` starts a throw-away cluster
 * (build-aux/pg-cluster) and sets it, e.g.
 *
 *   postgresql:///postgres?host=/tmp/rubric-pg.Ab12Cd&port=5432&user=postgres
 *
 * Each test takes a database of its own (test_store_new_name, test_pg_create_database),
 * dropped when the program exits (RUBRIC_TEST_PG_KEEP=1 keeps them, to look at). A
 * NAME-pg program run without RUBRIC_TEST_PG_URI skips as a whole (TAP "1..0 # SKIP").
 *
 * To run one by hand:
 *   uri=$(build-aux/pg-cluster start /tmp/pg.$$)
 *   RUBRIC_TEST_PG_URI=$uri meson test -C build db-pg
 *   build-aux/pg-cluster stop /tmp/pg.$$
 *
 * Tests are not core modules: they may include libpq-fe.h (the core keeps it to its
 * PostgreSQL backend).
 */

#pragma once

#include <glib.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Whether this run's store is PostgreSQL (RUBRIC_TEST_STORE=postgresql). */
static inline gboolean
test_store_is_pg (void)
{
  return g_strcmp0 (g_getenv ("RUBRIC_TEST_STORE"), "postgresql") == 0;
}

/* Whether a PostgreSQL server is there to test against (RUBRIC_TEST_PG_URI): a test
 * of the SQLite run that also wants PostgreSQL skips itself (g_test_skip) without. */
static inline gboolean
test_pg_available (void)
{
  const char *uri = g_getenv ("RUBRIC_TEST_PG_URI");

  return uri != NULL && *uri != '\0';
}

/* A PostgreSQL run without a server skips as a whole, before g_test_init: a TAP plan
 * of no tests with the reason, which meson reports as skipped. */
__attribute__((constructor)) static void
test_pg_skip_without_server (void)
{
  if (!test_store_is_pg () || test_pg_available ())
    return;
  printf ("1..0 # SKIP RUBRIC_TEST_PG_URI is not set: no PostgreSQL 15 to test against "
          "(build-aux/dev test starts one when postgresql-15 is installed)\n");
  fflush (stdout);
  exit (EXIT_SUCCESS);
}

static void
test_pg_quiet_notice (void       *data,
                      const char *message)
{
}

/* A connection to @uri, which must succeed. */
static inline PGconn *
test_pg_connect (const char *uri)
{
  PGconn *conn = PQconnectdb (uri);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Could not connect to %s: %s", uri, PQerrorMessage (conn));
  PQsetNoticeProcessor (conn, test_pg_quiet_notice, NULL);
  return conn;
}

/* Runs @sql on @conn; returns the SQLSTATE of its error (a static string) or NULL. */
static inline const char *
test_pg_try (PGconn     *conn,
             const char *sql,
             char      **message)
{
  static char state[6];
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);
  const char *code;

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    {
      PQclear (result);
      return NULL;
    }
  code = PQresultErrorField (result, PG_DIAG_SQLSTATE);
  g_strlcpy (state, code ? code : "?????", sizeof state);
  if (message)
    *message = g_strdup (PQresultErrorMessage (result));
  PQclear (result);
  return state;
}

static inline void
test_pg_exec (PGconn     *conn,
              const char *sql)
{
  g_autofree char *message = NULL;

  if (test_pg_try (conn, sql, &message))
    g_error ("%s: %s", sql, message);
}

/* @ident as a quoted SQL identifier. */
static inline char *
test_pg_quote_ident (PGconn     *conn,
                     const char *ident)
{
  char *quoted = PQescapeIdentifier (conn, ident, strlen (ident));
  char *copy;

  g_assert_nonnull (quoted);
  copy = g_strdup (quoted);
  PQfreemem (quoted);
  return copy;
}

/* @base_uri (any libpq connection string or URI) as a URI to database @dbname, logging
 * in as @user (each NULL: as in @base_uri), the other settings (host, port, sslmode…)
 * kept. */
static inline char *
test_pg_uri_with (const char *base_uri,
                  const char *dbname,
                  const char *user)
{
  char *error = NULL;
  PQconninfoOption *options = PQconninfoParse (base_uri, &error);
  GString *uri = g_string_new ("postgresql:///");
  char sep = '?';

  if (options == NULL)
    g_error ("%s is not a connection URI: %s", base_uri, error ? error : "out of memory");
  for (PQconninfoOption *o = options; o->keyword; o++)
    if (strcmp (o->keyword, "dbname") == 0 && dbname == NULL && o->val)
      dbname = o->val;
  if (dbname)
    g_string_append_uri_escaped (uri, dbname, NULL, FALSE);
  for (PQconninfoOption *o = options; o->keyword; o++)
    {
      const char *value = o->val;

      if (strcmp (o->keyword, "dbname") == 0)
        continue;
      if (strcmp (o->keyword, "user") == 0 && user)
        value = user, user = NULL;
      if (value == NULL)
        continue;
      g_string_append_printf (uri, "%c%s=", sep, o->keyword);
      g_string_append_uri_escaped (uri, value, NULL, FALSE);
      sep = '&';
    }
  if (user)
    {
      g_string_append_printf (uri, "%cuser=", sep);
      g_string_append_uri_escaped (uri, user, NULL, FALSE);
    }
  PQconninfoFree (options);
  return g_string_free (uri, FALSE);
}

/* The databases this program made (dropped at exit) and the last one's URI. */
static GPtrArray *test_pg_databases;
static char *test_pg_last_database_uri;

static inline const char *
test_pg_server_uri (void)
{
  if (!test_pg_available ())
    g_error ("RUBRIC_TEST_PG_URI is not set: a superuser URI to a PostgreSQL server "
             "(build-aux/dev test sets it)");
  return g_getenv ("RUBRIC_TEST_PG_URI");
}

static void
test_pg_drop_databases (void)
{
  PGconn *conn;

  if (test_pg_databases == NULL || test_pg_databases->len == 0)
    return;
  if (g_strcmp0 (g_getenv ("RUBRIC_TEST_PG_KEEP"), "1") == 0)
    {
      for (guint i = 0; i < test_pg_databases->len; i++)
        g_printerr ("# kept the database %s\n", (char *) test_pg_databases->pdata[i]);
      return;
    }
  conn = PQconnectdb (test_pg_server_uri ());
  if (PQstatus (conn) == CONNECTION_OK)
    {
      PQsetNoticeProcessor (conn, test_pg_quiet_notice, NULL);
      for (guint i = 0; i < test_pg_databases->len; i++)
        {
          g_autofree char *name = test_pg_quote_ident (conn, test_pg_databases->pdata[i]);
          g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)",
                                                  name);
          g_autofree char *message = NULL;

          if (test_pg_try (conn, sql, &message))
            g_printerr ("# %s: %s", sql, message);
        }
    }
  PQfinish (conn);
  g_clear_pointer (&test_pg_databases, g_ptr_array_unref);
  g_clear_pointer (&test_pg_last_database_uri, g_free);
}

/* A new, empty database of its own for one test, owned by @owner (NULL: the server
 * URI's superuser), dropped when the program exits; returns its URI, logging in as
 * the server URI's user. */
static inline char *
test_pg_create_database_owned (const char *owner)
{
  static guint counter;
  PGconn *conn = test_pg_connect (test_pg_server_uri ());
  g_autofree char *owner_sql = NULL;
  char *name = NULL;

  if (owner)
    {
      g_autofree char *quoted = test_pg_quote_ident (conn, owner);
      owner_sql = g_strdup_printf (" OWNER %s", quoted);
    }
  for (;;)
    {
      g_autofree char *quoted = NULL;
      g_autofree char *sql = NULL;
      g_autofree char *message = NULL;
      const char *state;

      /* The process id apart from the programs running beside this one; the random
       * part apart from an earlier run's leftovers (a program that crashed). */
      name = g_strdup_printf ("rubric_test_%d_%u_%06x", (int) getpid (), ++counter,
                              g_random_int () & 0xffffff);
      quoted = test_pg_quote_ident (conn, name);
      sql = g_strdup_printf ("CREATE DATABASE %s%s", quoted, owner_sql ? owner_sql : "");
      state = test_pg_try (conn, sql, &message);
      if (state == NULL)
        break;
      if (strcmp (state, "42P04") != 0) /* duplicate_database */
        g_error ("%s: %s", sql, message);
      g_free (name);
    }
  PQfinish (conn);

  if (test_pg_databases == NULL)
    {
      test_pg_databases = g_ptr_array_new_with_free_func (g_free);
      atexit (test_pg_drop_databases);
    }
  g_ptr_array_add (test_pg_databases, name);
  g_free (test_pg_last_database_uri);
  test_pg_last_database_uri = test_pg_uri_with (test_pg_server_uri (), name, NULL);
  return g_strdup (test_pg_last_database_uri);
}

/* A new, empty database of its own for one test (see above), as the superuser. */
static inline char *
test_pg_create_database (void)
{
  return test_pg_create_database_owned (NULL);
}

/* A login role @name on the server (kept if there: roles belong to the whole cluster,
 * and the programs running beside this one may make the same), without privileges
 * beyond logging in; returns a URI to the last database test_pg_create_database made
 * (the maintenance database if none) that logs in as @name. The throw-away cluster
 * trusts every local login: no password. */
static inline char *
test_pg_create_login (const char *name)
{
  PGconn *conn = test_pg_connect (test_pg_server_uri ());
  g_autofree char *quoted = test_pg_quote_ident (conn, name);
  g_autofree char *sql = g_strdup_printf ("CREATE ROLE %s LOGIN", quoted);
  g_autofree char *message = NULL;
  const char *state = test_pg_try (conn, sql, &message);

  if (state && strcmp (state, "42710") != 0) /* duplicate_object */
    g_error ("%s: %s", sql, message);
  PQfinish (conn);
  return test_pg_uri_with (test_pg_last_database_uri ? test_pg_last_database_uri
                                                     : test_pg_server_uri (), NULL, name);
}

/* A new database of its own owned by a new login role @owner with CREATEROLE (what an
 * admin who adds members needs), not a superuser: the URI logs in as @owner, as
 * `rubric-cli --db URI init` by the database's owner would. */
static inline char *
test_pg_create_database_for (const char *owner)
{
  PGconn *conn = test_pg_connect (test_pg_server_uri ());
  g_autofree char *quoted = test_pg_quote_ident (conn, owner);
  g_autofree char *sql = g_strdup_printf ("CREATE ROLE %s LOGIN CREATEROLE", quoted);
  g_autofree char *message = NULL;
  g_autofree char *uri = NULL;
  const char *state = test_pg_try (conn, sql, &message);

  if (state && strcmp (state, "42710") != 0) /* duplicate_object */
    g_error ("%s: %s", sql, message);
  PQfinish (conn);
  uri = test_pg_create_database_owned (owner);
  return test_pg_uri_with (uri, NULL, owner);
}

/* Where a test keeps a new store: @basename in @dir on SQLite, a new database's URI
 * (test_pg_create_database) on PostgreSQL. */
static inline char *
test_store_new_name (const char *dir,
                     const char *basename)
{
  if (test_store_is_pg ())
    return test_pg_create_database ();
  return g_build_filename (dir, basename, NULL);
}
