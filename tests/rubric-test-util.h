/* rubric-test-util.h — helpers shared by the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rubric-db.h"
#include "rubric-test-pg.h"

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

#define TEST_OK 0

/* sqlite3_prepare_v2's shape over the store (either backend): 0 when
 * prepared, what the tests of SQLite days were written against. */
static inline int
test_prepare_v2 (RubricDb     *db,
                 const char   *sql,
                 int           length,
                 RubricStmt  **stmt,
                 const char  **tail)
{
  g_autoptr(GError) error = NULL;

  *stmt = rubric_db_prepare (db, sql, &error);
  if (*stmt == NULL)
    g_printerr ("# %s: %s\n", sql, error->message);
  return *stmt != NULL ? TEST_OK : 1;
}

/* Every row of @sql: each column followed by '|' (NULL as "<null>"), one
 * line a row. */
static inline void
test_append_rows (GString    *out,
                  RubricDb   *db,
                  const char *sql)
{
  RubricStmt *rows;
  int rc;

  g_assert_cmpint (test_prepare_v2 (db, sql, -1, &rows, NULL), ==, TEST_OK);
  while ((rc = rubric_stmt_step (rows)) == RUBRIC_ROW)
    {
      for (int c = 0; c < rubric_stmt_column_count (rows); c++)
        g_string_append_printf (out, "%s|", rubric_stmt_column_type (rows, c) == RUBRIC_NULL
                                ? "<null>" : rubric_stmt_column_text (rows, c));
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, RUBRIC_DONE);
  rubric_stmt_finalize (rows);
}

static inline char *
test_query_text (RubricDb   *db,
                 const char *sql)
{
  GString *out = g_string_new (NULL);

  test_append_rows (out, db, sql);
  return g_string_free (out, FALSE);
}

/* The first column of the first row of @sql, as a number. */
static inline gint64
test_query_int (RubricDb   *db,
                const char *sql)
{
  RubricStmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (test_prepare_v2 (db, sql, -1, &stmt, NULL), ==, TEST_OK);
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
  value = rubric_stmt_column_int64 (stmt, 0);
  rubric_stmt_finalize (stmt);
  return value;
}

static inline int
test_compare_lines (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Everything the database holds, as text (each table's rows sorted, as
 * PostgreSQL gives them in no set order): what "left exactly as it was"
 * is checked against. */
static inline char *
test_dump (RubricDb *db)
{
  GString *out = g_string_new (NULL);
  RubricStmt *tables;
  const char *sql = rubric_db_is_postgres (db)
    ? "SELECT tablename FROM pg_tables WHERE schemaname = current_schema () ORDER BY 1"
    : "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name";

  g_assert_cmpint (test_prepare_v2 (db, sql, -1, &tables, NULL), ==, TEST_OK);
  while (rubric_stmt_step (tables) == RUBRIC_ROW)
    {
      /* Table names come from the schema itself, not from input. */
      g_autofree char *select = g_strdup_printf ("SELECT * FROM \"%s\"",
                                                 rubric_stmt_column_text (tables, 0));
      g_autoptr(GString) rows = g_string_new (NULL);
      g_auto(GStrv) lines = NULL;
      guint n;

      g_string_append_printf (out, "[%s]\n", rubric_stmt_column_text (tables, 0));
      test_append_rows (rows, db, select);
      lines = g_strsplit (rows->str, "\n", -1);
      n = g_strv_length (lines);
      qsort (lines, n, sizeof (char *), test_compare_lines);
      for (guint i = 0; i < n; i++)
        if (*lines[i] != '\0')
          g_string_append_printf (out, "%s\n", lines[i]);
    }
  rubric_stmt_finalize (tables);

  return g_string_free (out, FALSE);
}

/* A new database @name in @dir (created with its schema). */
static inline RubricDb *
test_open_db (const char *dir,
              const char *name)
{
  /* A file in @dir, or a new database of the test's PostgreSQL server. */
  g_autofree char *path = test_store_new_name (dir, name);
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

/* poppler-utils read the PDFs back as a reader would get them: without
 * pdftotext, pdfinfo and pdffonts the test is skipped (FALSE). */
static inline gboolean
test_have_poppler (void)
{
  const char *tools[] = { "pdftotext", "pdfinfo", "pdffonts" };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *found = g_find_program_in_path (tools[i]);

      if (found == NULL)
        {
          g_test_skip ("poppler-utils (pdftotext, pdfinfo, pdffonts) is not installed");
          return FALSE;
        }
    }
  return TRUE;
}

/* What poppler's @tool writes for the PDF at @path (pdftotext as UTF-8).
 * Not inlined: GCC 12 then takes the page count's pointer into the output
 * for one into this frame (-Wdangling-pointer). */
G_GNUC_UNUSED G_NO_INLINE static char *
test_run_tool (const char *tool,
               const char *path)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { tool, path, NULL, NULL, NULL, NULL };
  char *out = NULL;
  int status;

  if (g_str_equal (tool, "pdftotext"))
    {
      argv[1] = "-enc";
      argv[2] = "UTF-8";
      argv[3] = path;
      argv[4] = "-";
    }

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* pdftotext breaks lines where the layout does; the checks read the words
 * with every run of white space made one space. */
static inline char *
test_pdf_text (const char *path)
{
  g_autofree char *raw = test_run_tool ("pdftotext", path);
  g_autoptr(GRegex) spaces = g_regex_new ("[\\s\\x{00a0}]+", 0, 0, NULL);

  return g_regex_replace_literal (spaces, raw, -1, 0, " ", 0, NULL);
}

static inline guint
test_pdf_pages (const char *path)
{
  g_autofree char *info = test_run_tool ("pdfinfo", path);
  const char *pages = strstr (info, "\nPages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("\nPages:"), NULL, 10);
}

#define test_assert_has(text, needle) \
  G_STMT_START { \
    if (strstr ((text), (needle)) == NULL) \
      g_error ("“%s” is not in the PDF text:\n%s", (needle), (text)); \
  } G_STMT_END

/* Asserts that pdffonts lists at least two fonts (regular and bold) for
 * the PDF at @path, each embedded; returns what pdffonts wrote. */
static inline char *
test_assert_pdf_fonts_embedded (const char *path)
{
  char *fonts = test_run_tool ("pdffonts", path);
  g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
  guint n_fonts = 0;

  /* name type encoding emb sub uni object ID; the first two lines are the
   * header and its rule. */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_regex_split_simple ("\\s+", g_strstrip (lines[i]), 0, 0);
      guint n = g_strv_length (fields);

      if (n == 0 || fields[0][0] == 0)
        continue;
      g_assert_cmpuint (n, >=, 7);
      g_assert_cmpstr (fields[n - 5], ==, "yes");   /* emb */
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >=, 2);   /* regular and bold */
  return fonts;
}
