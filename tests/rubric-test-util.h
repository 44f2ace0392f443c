/* rubric-test-util.h — helpers shared by the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "rubric-db.h"

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

/* Every row of @sql: each column followed by '|' (NULL as "<null>"), one
 * line a row. */
static inline void
test_append_rows (GString    *out,
                  sqlite3    *db,
                  const char *sql)
{
  sqlite3_stmt *rows;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (rows); c++)
        g_string_append_printf (out, "%s|", sqlite3_column_type (rows, c) == SQLITE_NULL
                                ? "<null>" : (const char *) sqlite3_column_text (rows, c));
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (rows);
}

static inline char *
test_query_text (RubricDb   *db,
                 const char *sql)
{
  GString *out = g_string_new (NULL);

  test_append_rows (out, rubric_db_get_handle (db), sql);
  return g_string_free (out, FALSE);
}

/* The first column of the first row of @sql, as a number. */
static inline gint64
test_query_int (RubricDb   *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (rubric_db_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
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
      /* Table names come from the schema itself, not from input. */
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"",
                                              (const char *) sqlite3_column_text (tables, 0));

      g_string_append_printf (out, "[%s]\n", sqlite3_column_text (tables, 0));
      test_append_rows (out, db, sql);
    }
  sqlite3_finalize (tables);

  return g_string_free (out, FALSE);
}

/* A new database @name in @dir (created with its schema). */
static inline RubricDb *
test_open_db (const char *dir,
              const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  RubricDb *db = rubric_db_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

/* The set-up of most core tests' fixtures: a folder of their own
 * (*@dir) with a new database "rubric.db" in it (*@db). */
static inline void
test_db_set_up (char     **dir,
                RubricDb **db)
{
  *dir = test_tmpdir ();
  *db = test_open_db (*dir, "rubric.db");
}

/* Its tear-down: closes the database and removes the folder. */
static inline void
test_db_tear_down (char     **dir,
                   RubricDb **db)
{
  g_clear_pointer (db, rubric_db_close);
  test_rmdir (*dir);
  g_clear_pointer (dir, g_free);
}

/* The fixture of the core tests that need nothing more, for g_test_add
 * (typedef TestDbFixture Fixture). */
typedef struct
{
  char     *dir;
  RubricDb *db;
} TestDbFixture;

static inline void
test_db_fixture_set_up (TestDbFixture *fixture,
                        gconstpointer  data)
{
  test_db_set_up (&fixture->dir, &fixture->db);
}

static inline void
test_db_fixture_tear_down (TestDbFixture *fixture,
                           gconstpointer  data)
{
  test_db_tear_down (&fixture->dir, &fixture->db);
}

/* @text with its one @old (which must be there once) replaced by @new_text. */
static inline char *
test_replace (const char *text,
              const char *old,
              const char *new_text)
{
  g_auto(GStrv) parts = g_strsplit (text, old, -1);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  return g_strjoinv ((char *) new_text, parts);
}

static inline int
test_compare_names (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, joined by spaces, but those that begin with
 * @skip_prefix (NULL: none): "nothing left beside" is checked against it. */
static inline char *
test_listing (const char *dir,
              const char *skip_prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)))
    if (skip_prefix == NULL || !g_str_has_prefix (name, skip_prefix))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, test_compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
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
