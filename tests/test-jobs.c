/* test-jobs.c — the app's exports write whole files (rubric_job_write_file)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No display needed: the worker-thread half of an export, called directly.
 */

#include "config.h"

#include <signal.h>
#include <unistd.h>

#include "rubric-error.h"
#include "rubric-jobs.h"
#include "rubric-test-util.h"

typedef struct
{
  gsize    bytes;   /* how much to write */
  gboolean fail;    /* then fail */
  gboolean kill;    /* then SIGKILL the process */
} Plan;

static gboolean
write_plan (RubricDb       *db,
            GOutputStream  *out,
            gpointer        data,
            GCancellable   *cancellable,
            GError        **error)
{
  Plan *plan = data;
  g_autofree char *chunk = g_strnfill (plan->bytes, 'x');

  if (!g_output_stream_write_all (out, chunk, plan->bytes, NULL, cancellable, error))
    return FALSE;
  if (plan->kill)
    kill (getpid (), SIGKILL);
  if (plan->fail)
    {
      g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE, "failed half-way");
      return FALSE;
    }
  return TRUE;
}

/* SQLite's -wal and -shm may stay beside a database whose last connection
 * was killed: they are its own, not an export's. */
#define DB_FILES "rubric.db-"

static char *
make_db (const char *dir)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "rubric.db", NULL);
  g_autoptr(RubricDb) db = rubric_db_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return path;
}

/* A write that fails leaves the old file, or none, and nothing beside. */
static void
test_failed (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *db = make_db (dir);
  g_autofree char *old_path = g_build_filename (dir, "old.csv", NULL);
  g_autofree char *new_path = g_build_filename (dir, "new.csv", NULL);
  g_autoptr(GFile) old_file = g_file_new_for_path (old_path);
  g_autoptr(GFile) new_file = g_file_new_for_path (new_path);
  g_autoptr(GError) error = NULL;
  Plan plan = { 200000, TRUE, FALSE };
  g_autofree char *text = NULL;
  g_autofree char *names = NULL;

  g_assert_true (g_file_set_contents (old_path, "old", -1, NULL));
  g_assert_false (rubric_job_write_file (db, old_file, write_plan, &plan, NULL, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
  g_clear_error (&error);
  g_assert_false (rubric_job_write_file (db, new_file, write_plan, &plan, NULL, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (old_path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "old");
  names = test_listing (dir, DB_FILES);
  g_assert_cmpstr (names, ==, "old.csv rubric.db");

  /* And one that succeeds replaces it. */
  plan.fail = FALSE;
  plan.bytes = 5;
  g_assert_true (rubric_job_write_file (db, old_file, write_plan, &plan, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (old_path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "xxxxx");

  test_rmdir (dir);
}

/* The database itself (or its -wal) as the export's file is refused, and
 * the database is left as it was. */
static void
test_database_refused (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *db = make_db (dir);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  const char *targets[] = { db, wal };
  Plan plan = { 100, FALSE, FALSE };

  g_assert_true (g_file_get_contents (db, &before, &before_len, NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (targets[i]);
      g_autoptr(GError) error = NULL;

      g_assert_false (rubric_job_write_file (db, file, write_plan, &plan, NULL, &error));
      g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_USAGE);
    }
  g_assert_true (g_file_get_contents (db, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  test_rmdir (dir);
}

/* Killed half-way (a crash, a power cut of the process): the old file,
 * and neither a partial file nor a temporary one beside it. */
static void
test_killed (void)
{
  const char *env = g_getenv ("RUBRIC_TEST_JOBS_DIR");
  g_autofree char *dir = NULL;

  if (g_test_subprocess ())
    {
      g_autofree char *db = g_build_filename (env, "rubric.db", NULL);
      g_autofree char *old_path = g_build_filename (env, "old.csv", NULL);
      g_autofree char *new_path = g_build_filename (env, "new.csv", NULL);
      g_autoptr(GFile) old_file = g_file_new_for_path (old_path);
      g_autoptr(GFile) new_file = g_file_new_for_path (new_path);
      Plan plan = { 1 << 20, FALSE, TRUE };

      /* The first is killed after writing a megabyte of the new file;
       * the second (only with a plan that does not kill) never runs. */
      if (g_str_equal (g_getenv ("RUBRIC_TEST_JOBS_TARGET"), "old"))
        rubric_job_write_file (db, old_file, write_plan, &plan, NULL, NULL);
      else
        rubric_job_write_file (db, new_file, write_plan, &plan, NULL, NULL);
      return;
    }

  dir = test_tmpdir ();
  {
    g_autofree char *db = make_db (dir);
    g_autofree char *old_path = g_build_filename (dir, "old.csv", NULL);
    g_autofree char *text = NULL;
    g_autofree char *names = NULL;

    g_assert_true (g_file_set_contents (old_path, "old", -1, NULL));
    g_setenv ("RUBRIC_TEST_JOBS_DIR", dir, TRUE);
    g_setenv ("RUBRIC_TEST_JOBS_TARGET", "old", TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_failed ();
    g_setenv ("RUBRIC_TEST_JOBS_TARGET", "new", TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_failed ();
    g_unsetenv ("RUBRIC_TEST_JOBS_DIR");
    g_unsetenv ("RUBRIC_TEST_JOBS_TARGET");

    g_assert_true (g_file_get_contents (old_path, &text, NULL, NULL));
    g_assert_cmpstr (text, ==, "old");
    names = test_listing (dir, DB_FILES);
    g_assert_cmpstr (names, ==, "old.csv rubric.db");
  }
  test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jobs/write-file/failed", test_failed);
  g_test_add_func ("/jobs/write-file/database-refused", test_database_refused);
  g_test_add_func ("/jobs/write-file/killed", test_killed);

  return g_test_run ();
}
