/* test-pg-sql.c — SQLite's placeholders turned into PostgreSQL's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rubric-db-backend.h"

static void
check (const char *sql,
       const char *expected,
       int         expected_params)
{
  int n = -1;
  g_autofree char *out = rubric_db_pg_translate_placeholders (sql, &n);

  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpint (n, ==, expected_params);
}

static void
test_plain (void)
{
  check ("", "", 0);
  check ("SELECT 1", "SELECT 1", 0);
  check ("SELECT ?", "SELECT $1", 1);
  check ("INSERT INTO t (a, b, c) VALUES (?, ?, ?)",
         "INSERT INTO t (a, b, c) VALUES ($1, $2, $3)", 3);
  check ("?", "$1", 1);
  check ("a=?;", "a=$1;", 1);
  /* PostgreSQL's own numbers are left as they are. */
  check ("SELECT $1::int", "SELECT $1::int", 0);
}

static void
test_numbered (void)
{
  check ("SELECT ?1, ?1, ?2", "SELECT $1, $1, $2", 2);
  check ("SELECT ?12", "SELECT $12", 12);
  check ("SELECT ?3", "SELECT $3", 3);
  check ("WHERE a = ?2 AND b = ?1", "WHERE a = $2 AND b = $1", 2);
  /* As SQLite: a bare "?" is one more than the largest number so far. */
  check ("?2, ?, ?1, ?", "$2, $3, $1, $4", 4);
  check ("?1,?2", "$1,$2", 2);
  check ("x>?10+1", "x>$10+1", 10);
}

static void
test_strings (void)
{
  check ("SELECT '?' , ?", "SELECT '?' , $1", 1);
  check ("SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1);
  check ("SELECT '''?''' || ?", "SELECT '''?''' || $1", 1);
  check ("SELECT '', ?", "SELECT '', $1", 1);
  /* E'…' takes backslash escapes; a plain string does not. */
  check ("SELECT E'\\'?', ?", "SELECT E'\\'?', $1", 1);
  check ("SELECT e'a\\\\', ?", "SELECT e'a\\\\', $1", 1);
  check ("SELECT 'a\\', ?", "SELECT 'a\\', $1", 1);
  /* A name ending in e is no E prefix. */
  check ("SELECT note'x?', ?", "SELECT note'x?', $1", 1);
  /* Quoted names. */
  check ("SELECT \"what?\" FROM t WHERE x = ?", "SELECT \"what?\" FROM t WHERE x = $1", 1);
  check ("SELECT \"a\"\"?\" , ?", "SELECT \"a\"\"?\" , $1", 1);
  /* Unterminated: copied to the end, nothing translated inside. */
  check ("SELECT 'abc ?", "SELECT 'abc ?", 0);
  check ("SELECT \"abc ?", "SELECT \"abc ?", 0);
}

static void
test_comments (void)
{
  check ("SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2", 2);
  check ("SELECT ? -- why?", "SELECT $1 -- why?", 1);
  check ("SELECT /* ? */ ?", "SELECT /* ? */ $1", 1);
  check ("SELECT /* a /* nested ? */ still ? */ ?", "SELECT /* a /* nested ? */ still ? */ $1", 1);
  check ("SELECT /* ? unterminated", "SELECT /* ? unterminated", 0);
  check ("SELECT 1 - ?", "SELECT 1 - $1", 1);
  check ("SELECT 4 / ?", "SELECT 4 / $1", 1);
  check ("SELECT '--' || ? || '/*'", "SELECT '--' || $1 || '/*'", 1);
}

static void
test_dollar_quotes (void)
{
  check ("DO $$ BEGIN PERFORM ?; END $$; SELECT ?",
         "DO $$ BEGIN PERFORM ?; END $$; SELECT $1", 1);
  check ("SELECT $tag$ it's ? $$ $tag$, ?", "SELECT $tag$ it's ? $$ $tag$, $1", 1);
  check ("SELECT $$?", "SELECT $$?", 0);
  /* "$1" and a "$" inside a name are not dollar quotes. */
  check ("SELECT a$b, $1, ?", "SELECT a$b, $1, $1", 1);
  check ("SELECT ?, $2", "SELECT $1, $2", 1);
}

/* SQLite's IS compares NULLs as values. */
static void
test_is (void)
{
  check ("WHERE vendor_id IS ?2", "WHERE vendor_id IS NOT DISTINCT FROM $2", 2);
  check ("WHERE a is  ?", "WHERE a IS NOT DISTINCT FROM $1", 1);
  check ("WHERE a IS NOT ?1", "WHERE a IS DISTINCT FROM $1", 1);
  check ("WHERE a is\n not\t?", "WHERE a IS DISTINCT FROM $1", 1);
  check ("WHERE a IS NULL AND b = ?", "WHERE a IS NULL AND b = $1", 1);
  check ("WHERE a IS NOT NULL OR b IS ?", "WHERE a IS NOT NULL OR b IS NOT DISTINCT FROM $1", 1);
  /* Words that end in "is" are not IS. */
  check ("SELECT this ?", "SELECT this $1", 1);
  check ("SELECT knot ?", "SELECT knot $1", 1);
  check ("SELECT 'IS' || ?", "SELECT 'IS' || $1", 1);
  check ("?", "$1", 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pg-sql/plain", test_plain);
  g_test_add_func ("/pg-sql/numbered", test_numbered);
  g_test_add_func ("/pg-sql/strings", test_strings);
  g_test_add_func ("/pg-sql/comments", test_comments);
  g_test_add_func ("/pg-sql/dollar-quotes", test_dollar_quotes);
  g_test_add_func ("/pg-sql/is", test_is);

  return g_test_run ();
}
