/* test-pg-harness.c — the tests' PostgreSQL helpers (rubric-test-pg.h) against the
 * server RUBRIC_TEST_PG_URI names: a database per test, dropped at exit, login roles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>

#include "rubric-test-pg.h"

/* The first column of the first row of @sql on @uri, as text. */
static char *
query_text (const char *uri,
            const char *sql)
{
  PGconn *conn = test_pg_connect (uri);
  PGresult *result = PQexec (conn, sql);
  char *value;

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (result), ==, 1);
  value = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  PQfinish (conn);
  return value;
}

static gboolean
database_exists (const char *name)
{
  PGconn *conn = test_pg_connect (test_pg_server_uri ());
  const char *values[] = { name };
  PGresult *result = PQexecParams (conn, "SELECT 1 FROM pg_database WHERE datname = $1", 1,
                                   NULL, values, NULL, NULL, 0);
  gboolean exists;

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  exists = PQntuples (result) == 1;
  PQclear (result);
  PQfinish (conn);
  return exists;
}

static void
test_uri_with (void)
{
  g_autofree char *a = test_pg_uri_with ("postgresql:///postgres?host=/tmp/a%20b&port=5433&user=postgres",
                                         "rubric_x", NULL);
  g_autofree char *b = test_pg_uri_with ("host=/tmp/x dbname=postgres sslmode=disable", NULL,
                                         "alice");
  g_autofree char *c = test_pg_uri_with ("postgresql://db.example.org/team?user=lead",
                                         "other", "bob");

  g_assert_cmpstr (a, ==, "postgresql:///rubric_x?user=postgres&host=%2Ftmp%2Fa%20b&port=5433");
  g_assert_cmpstr (b, ==, "postgresql:///postgres?user=alice&host=%2Ftmp%2Fx&sslmode=disable");
  g_assert_cmpstr (c, ==, "postgresql:///other?user=bob&host=db.example.org");
}

static void
test_database (void)
{
  g_autofree char *uri = NULL;
  g_autofree char *other = NULL;
  g_autofree char *name = NULL;
  g_autofree char *user = NULL;
  g_autofree char *tables = NULL;

  if (!test_pg_available ())
    {
      g_test_skip ("RUBRIC_TEST_PG_URI is not set");
      return;
    }
  uri = test_pg_create_database ();
  other = test_store_new_name ("/nonexistent", "rubric.db");
  if (!test_store_is_pg ())
    g_assert_cmpstr (other, ==, "/nonexistent/rubric.db");
  name = query_text (uri, "SELECT current_database ()");
  user = query_text (uri, "SELECT current_user");
  tables = query_text (uri, "SELECT count (*) FROM pg_tables WHERE schemaname = 'public'");
  g_assert_true (g_str_has_prefix (name, "rubric_test_"));
  g_assert_cmpstr (user, ==, "postgres");
  g_assert_cmpstr (tables, ==, "0");
  g_assert_cmpstr (uri, !=, other);
  g_assert_true (database_exists (name));
}

static void
test_login (void)
{
  g_autofree char *uri = NULL;
  g_autofree char *as_alice = NULL;
  g_autofree char *again = NULL;
  g_autofree char *owner_uri = NULL;
  g_autofree char *user = NULL;
  g_autofree char *super = NULL;
  g_autofree char *owner = NULL;

  if (!test_pg_available ())
    {
      g_test_skip ("RUBRIC_TEST_PG_URI is not set");
      return;
    }
  uri = test_pg_create_database ();
  as_alice = test_pg_create_login ("alice");
  again = test_pg_create_login ("alice");
  g_assert_cmpstr (as_alice, ==, again);
  user = query_text (as_alice, "SELECT current_user || ' ' || current_database ()");
  super = query_text (as_alice, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user");
  g_assert_true (g_str_has_prefix (user, "alice rubric_test_"));
  g_assert_cmpstr (super, ==, "false");

  owner_uri = test_pg_create_database_for ("rubric_owner");
  owner = query_text (owner_uri, "SELECT current_user || ' ' || "
                      "(SELECT pg_get_userbyid (datdba) FROM pg_database "
                      "WHERE datname = current_database ())");
  g_assert_cmpstr (owner, ==, "rubric_owner rubric_owner");
}

/* The databases a program made are gone once it exits: run this program again
 * (as a child, with --make-one) and look. */
static void
test_dropped_at_exit (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *self = g_test_build_filename (G_TEST_BUILT, "test-pg-harness", NULL);
  const char *argv[] = { self, "--make-one", NULL };
  int status;

  if (!test_pg_available ())
    {
      g_test_skip ("RUBRIC_TEST_PG_URI is not set");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  g_strstrip (out);
  g_assert_true (g_str_has_prefix (out, "rubric_test_"));
  g_assert_false (database_exists (out));
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 2 && strcmp (argv[1], "--make-one") == 0)
    {
      g_autofree char *uri = test_pg_create_database ();
      g_autofree char *name = query_text (uri, "SELECT current_database ()");

      g_assert_true (database_exists (name));
      printf ("%s\n", name);
      return 0;
    }

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pg-harness/uri-with", test_uri_with);
  g_test_add_func ("/pg-harness/database", test_database);
  g_test_add_func ("/pg-harness/login", test_login);
  g_test_add_func ("/pg-harness/dropped-at-exit", test_dropped_at_exit);
  return g_test_run ();
}
