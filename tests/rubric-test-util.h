/* rubric-test-util.h — helpers shared by the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#define TEST_TOLERANCE 1e-9

/* A score as the core keeps it: NaN when undefined. */
static inline void
test_assert_score (double actual,
                   double expected)
{
  if (isnan (expected))
    g_assert_true (isnan (actual));
  else
    g_assert_cmpfloat_with_epsilon (actual, expected, TEST_TOLERANCE);
}

/* A fresh folder for one test, removed with its files at the end. */
static inline char *
test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("rubric-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
test_rmdir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Everything the database holds, as text: what "left exactly as it was"
 * is checked against. */
static inline char *
test_dump (sqlite3 *db)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *tables;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "ORDER BY name", -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"",
                                              (const char *) sqlite3_column_text (tables, 0));
      sqlite3_stmt *rows;

      g_string_append_printf (out, "[%s]\n", sqlite3_column_text (tables, 0));
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (rows); c++)
            g_string_append_printf (out, "%s|", sqlite3_column_type (rows, c) == SQLITE_NULL
                                    ? "<null>" : (const char *) sqlite3_column_text (rows, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);

  return g_string_free (out, FALSE);
}

static inline char *
test_write_file (const char *dir,
                 const char *name,
                 const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}
