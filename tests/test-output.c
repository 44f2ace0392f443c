/* test-output.c — files written whole or not at all (rubric-output.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "rubric-error.h"
#include "rubric-output.h"
#include "rubric-test-util.h"

static char *
contents (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static void
write_text (RubricOutput *output,
            const char   *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_output_stream_write_all (rubric_output_get_stream (output), text,
                                            strlen (text), NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
set_file (const char *path,
          const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

static void
test_new_file (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "report.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricOutput) output = NULL;
  g_autofree char *text = NULL;
  g_autofree char *names = NULL;
  mode_t old_umask = umask (022);
  struct stat st;

  output = rubric_output_open (path, RUBRIC_OUTPUT_NONE, &error);
  g_assert_no_error (error);
  write_text (output, "a,b\r\n");

  /* Nothing is there before the commit, not even a temporary name. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  names = test_listing (dir, NULL);
  g_assert_cmpstr (names, ==, "");

  g_assert_true (rubric_output_commit (output, &error));
  g_assert_no_error (error);
  text = contents (path);
  g_assert_cmpstr (text, ==, "a,b\r\n");
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  g_clear_pointer (&names, g_free);
  names = test_listing (dir, NULL);
  g_assert_cmpstr (names, ==, "report.csv");

  umask (old_umask);
  test_rmdir (dir);
}

static void
test_replace_file (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "report.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricOutput) output = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *names = NULL;
  struct stat st;

  set_file (path, "old");
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);

  output = rubric_output_open (path, RUBRIC_OUTPUT_NONE, &error);
  g_assert_no_error (error);
  write_text (output, "new");
  g_assert_true (g_output_stream_flush (rubric_output_get_stream (output), NULL, &error));
  before = contents (path);
  g_assert_cmpstr (before, ==, "old");

  g_assert_true (rubric_output_commit (output, &error));
  g_assert_no_error (error);
  after = contents (path);
  g_assert_cmpstr (after, ==, "new");
  /* The replaced file keeps its mode. */
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  names = test_listing (dir, NULL);
  g_assert_cmpstr (names, ==, "report.csv");

  test_rmdir (dir);
}

static void
test_abort (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *old = g_build_filename (dir, "old.csv", NULL);
  g_autofree char *fresh = g_build_filename (dir, "new.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *names = NULL;

  set_file (old, "old");

  {
    g_autoptr(RubricOutput) a = rubric_output_open (old, RUBRIC_OUTPUT_NONE, &error);
    g_autoptr(RubricOutput) b = rubric_output_open (fresh, RUBRIC_OUTPUT_NAMED_TEMP, &error);

    g_assert_no_error (error);
    write_text (a, "partial");
    write_text (b, "partial");
    rubric_output_abort (a);
    rubric_output_abort (a);
    /* b is dropped by its autoptr without a commit: an abort too. */
  }

  text = contents (old);
  g_assert_cmpstr (text, ==, "old");
  names = test_listing (dir, NULL);
  g_assert_cmpstr (names, ==, "old.csv");

  test_rmdir (dir);
}

/* RUBRIC_OUTPUT_NAMED_TEMP, for writers that open the file by name: a
 * hidden file beside the target, gone after the commit; PRIVATE is 0600. */
static void
test_named_temp (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricOutput) output = NULL;
  g_autofree char *temp_dir = NULL;
  g_autofree char *target_dir = NULL;
  g_autofree char *temp_base = NULL;
  g_autofree char *names = NULL;
  g_autofree char *text = NULL;
  struct stat st;

  set_file (path, "old");
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  output = rubric_output_open (path, RUBRIC_OUTPUT_NAMED_TEMP | RUBRIC_OUTPUT_PRIVATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rubric_output_get_temp_path (output));
  temp_dir = g_path_get_dirname (rubric_output_get_temp_path (output));
  temp_base = g_path_get_basename (rubric_output_get_temp_path (output));
  target_dir = g_path_get_dirname (rubric_output_get_path (output));
  g_assert_cmpstr (temp_dir, ==, target_dir);
  g_assert_true (g_str_has_prefix (temp_base, ".copy.db."));

  /* Written by name, in place, as SQLite's backup would. */
  {
    FILE *file = fopen (rubric_output_get_temp_path (output), "r+");

    g_assert_nonnull (file);
    g_assert_cmpint (fputs ("new", file), >=, 0);
    g_assert_cmpint (fclose (file), ==, 0);
  }
  g_assert_true (rubric_output_commit (output, &error));
  g_assert_no_error (error);
  text = contents (path);
  g_assert_cmpstr (text, ==, "new");
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  names = test_listing (dir, NULL);
  g_assert_cmpstr (names, ==, "copy.db");

  test_rmdir (dir);
}

/* A full disk, made by RLIMIT_FSIZE (no root needed): the commit fails
 * with an I/O error naming the file, which stays as it was. */
static void
test_full_disk (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "report.csv", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.csv", NULL);
  g_autofree char *chunk = g_strnfill (4096, 'x');
  struct rlimit old_limit, limit;
  void (*old_handler) (int);

  set_file (path, "old");
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  limit = old_limit;
  limit.rlim_cur = 64 * 1024;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RubricOutput) output = NULL;
      gboolean ok = TRUE;

      output = rubric_output_open (i == 0 ? path : fresh,
                                   i == 0 ? RUBRIC_OUTPUT_NONE : RUBRIC_OUTPUT_NAMED_TEMP, &error);
      g_assert_no_error (error);
      for (guint j = 0; ok && j < 64; j++)
        ok = g_output_stream_write_all (rubric_output_get_stream (output), chunk, 4096,
                                        NULL, NULL, &error);
      if (ok)
        ok = rubric_output_commit (output, &error);
      g_assert_false (ok);
      g_assert_nonnull (error);
      rubric_output_abort (output);
    }

  {
    /* The commit itself reports an error the buffer held back. */
    g_autoptr(GError) error = NULL;
    g_autoptr(RubricOutput) output = rubric_output_open (path, RUBRIC_OUTPUT_NONE, &error);

    g_assert_no_error (error);
    for (guint j = 0; j < 15; j++)
      write_text (output, chunk);
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &(struct rlimit) { 1024, old_limit.rlim_max }),
                     ==, 0);
    g_assert_false (rubric_output_commit (output, &error));
    g_assert_cmpuint (error->domain, ==, G_IO_ERROR);
    g_assert_nonnull (strstr (error->message, "report.csv"));
  }

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  signal (SIGXFSZ, old_handler);

  {
    g_autofree char *text = contents (path);
    g_autofree char *names = test_listing (dir, NULL);

    g_assert_cmpstr (text, ==, "old");
    g_assert_cmpstr (names, ==, "report.csv");
  }

  test_rmdir (dir);
}

/* A symbolic link is written through: the link stays, its target changes. */
static void
test_symlink (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *real = g_build_filename (dir, "real.csv", NULL);
  g_autofree char *link = g_build_filename (dir, "link.csv", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.csv", NULL);
  g_autofree char *later = g_build_filename (dir, "later.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;

  set_file (real, "old");
  g_assert_cmpint (symlink ("real.csv", link), ==, 0);
  g_assert_cmpint (symlink ("later.csv", dangling), ==, 0);

  {
    g_autoptr(RubricOutput) output = rubric_output_open (link, RUBRIC_OUTPUT_NONE, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (rubric_output_get_path (output), !=, link);
    write_text (output, "new");
    g_assert_true (rubric_output_commit (output, &error));
  }
  {
    g_autoptr(RubricOutput) output = rubric_output_open (dangling, RUBRIC_OUTPUT_NONE, &error);

    g_assert_no_error (error);
    write_text (output, "made");
    g_assert_true (rubric_output_commit (output, &error));
  }

  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (dangling, G_FILE_TEST_IS_SYMLINK));
  text = contents (real);
  g_assert_cmpstr (text, ==, "new");
  text2 = contents (later);
  g_assert_cmpstr (text2, ==, "made");

  test_rmdir (dir);
}

/* Not a regular file (a pipe here, /dev/null elsewhere): written in place,
 * never renamed over; a folder and a missing folder are I/O errors. */
static void
test_special_targets (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *pipe = g_build_filename (dir, "pipe", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "file.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricOutput) piped = NULL;
  g_autoptr(RubricOutput) broken = NULL;
  g_autoptr(RubricOutput) folder = NULL;
  g_autoptr(RubricOutput) nowhere = NULL;
  void (*old_handler) (int);
  char buffer[16] = { 0 };
  struct stat st;
  int reader;

  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);
  reader = open (pipe, O_RDONLY | O_NONBLOCK);
  g_assert_cmpint (reader, >=, 0);
  piped = rubric_output_open (pipe, RUBRIC_OUTPUT_NONE, &error);
  g_assert_no_error (error);
  write_text (piped, "through");
  g_assert_true (rubric_output_commit (piped, &error));
  g_assert_no_error (error);
  g_assert_cmpint (read (reader, buffer, sizeof buffer - 1), ==, 7);
  g_assert_cmpstr (buffer, ==, "through");
  g_assert_cmpint (stat (pipe, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  /* Nobody reads any more: the write fails, and so does the commit. */
  broken = rubric_output_open (pipe, RUBRIC_OUTPUT_NONE, &error);
  g_assert_no_error (error);
  close (reader);
  old_handler = signal (SIGPIPE, SIG_IGN);
  write_text (broken, "lost");
  g_assert_false (rubric_output_commit (broken, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE);
  g_clear_error (&error);
  signal (SIGPIPE, old_handler);

  folder = rubric_output_open (dir, RUBRIC_OUTPUT_NONE, &error);
  g_assert_null (folder);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  nowhere = rubric_output_open (missing, RUBRIC_OUTPUT_NONE, &error);
  g_assert_null (nowhere);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "file.csv"));
  g_clear_error (&error);

  test_rmdir (dir);
}

/* SIGKILL half-way through: the target as it was, and nothing beside it. */
static void
test_killed (void)
{
  g_autofree char *dir = NULL;
  const char *env = g_getenv ("RUBRIC_TEST_OUTPUT_DIR");

  if (g_test_subprocess ())
    {
      g_autofree char *path = g_build_filename (env, "report.csv", NULL);
      g_autofree char *chunk = g_strnfill (1 << 20, 'x');
      g_autoptr(GError) error = NULL;
      g_autoptr(RubricOutput) output = NULL;

      output = rubric_output_open (path, RUBRIC_OUTPUT_NONE, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < 4; i++)
        g_assert_true (g_output_stream_write_all (rubric_output_get_stream (output), chunk,
                                                  1 << 20, NULL, NULL, &error));
      kill (getpid (), SIGKILL);
      return;
    }

  dir = test_tmpdir ();
  {
    g_autofree char *path = g_build_filename (dir, "report.csv", NULL);
    g_autofree char *text = NULL;
    g_autofree char *names = NULL;

    set_file (path, "old");
    g_setenv ("RUBRIC_TEST_OUTPUT_DIR", dir, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_failed ();
    g_unsetenv ("RUBRIC_TEST_OUTPUT_DIR");

    text = contents (path);
    g_assert_cmpstr (text, ==, "old");
    names = test_listing (dir, NULL);
    g_assert_cmpstr (names, ==, "report.csv");
  }
  test_rmdir (dir);
}

/* -o naming the database or a file of SQLite's beside it is refused, by
 * identity where it exists and by name where it does not yet. */
static void
test_not_database (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "rubric.db", NULL);
  g_autofree char *wal = g_build_filename (dir, "rubric.db-wal", NULL);
  g_autofree char *shm = g_build_filename (dir, "rubric.db-shm", NULL);
  g_autofree char *hard = g_build_filename (dir, "hard.db", NULL);
  g_autofree char *soft = g_build_filename (dir, "soft.csv", NULL);
  g_autofree char *soft_wal = g_build_filename (dir, "soft-wal.csv", NULL);
  g_autofree char *dotted = g_build_filename (dir, ".", "rubric.db", NULL);
  g_autofree char *db_link = g_build_filename (dir, "link.db", NULL);
  g_autofree char *link_wal = g_build_filename (dir, "link.db-wal", NULL);
  g_autofree char *other = g_build_filename (dir, "report.csv", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  const char *refused[] = { db, wal, shm, hard, soft, soft_wal, dotted, "rubric.db",
                            "./rubric.db-wal" };

  set_file (db, "database");
  set_file (shm, "shared memory");
  g_assert_cmpint (link (db, hard), ==, 0);
  g_assert_cmpint (symlink ("rubric.db", soft), ==, 0);
  g_assert_cmpint (symlink ("rubric.db-wal", soft_wal), ==, 0);
  g_assert_cmpint (symlink ("rubric.db", db_link), ==, 0);
  g_assert_cmpint (g_chdir (dir), ==, 0);

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (rubric_output_check_not_database (refused[i], db, &error));
      g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_USAGE);
    }

  /* Through a database given as a link: SQLite's -wal follows the link. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (rubric_output_check_not_database (wal, db_link, &error));
    g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_USAGE);
    g_clear_error (&error);
    g_assert_false (rubric_output_check_not_database (db, "link.db", &error));
    g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_USAGE);
    g_clear_error (&error);
    g_assert_false (rubric_output_check_not_database (link_wal, db_link, &error));
    g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_USAGE);
    g_clear_error (&error);

    g_assert_true (rubric_output_check_not_database (other, db, &error));
    g_assert_true (rubric_output_check_not_database ("rubric.db.csv", db, &error));
    g_assert_true (rubric_output_check_not_database (other, "postgresql://host/db", &error));
    g_assert_no_error (error);
  }

  g_assert_cmpint (g_chdir (cwd), ==, 0);
  test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/output/new-file", test_new_file);
  g_test_add_func ("/output/replace", test_replace_file);
  g_test_add_func ("/output/abort", test_abort);
  g_test_add_func ("/output/named-temp", test_named_temp);
  g_test_add_func ("/output/full-disk", test_full_disk);
  g_test_add_func ("/output/symlink", test_symlink);
  g_test_add_func ("/output/special-targets", test_special_targets);
  g_test_add_func ("/output/killed", test_killed);
  g_test_add_func ("/output/not-database", test_not_database);

  return g_test_run ();
}
