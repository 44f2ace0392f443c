/* test-lists.c — the paged list models of the app: filters, order, pages, a million calls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "rubric-call-list.h"
#include "rubric-evaluation-list.h"
#include "rubric-evaluation-store.h"
#include "rubric-scorecard-store.h"
#include "rubric-test-util.h"

typedef TestDbFixture Fixture;

static void
exec (RubricDb   *db,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  rubric_db_exec (db, sql, &error);
  g_assert_no_error (error);
}

/* @n calls of two vendors (Acme in Europe/Riga, Beta in UTC), one every
 * 60 s from 2026-01-01T00:00Z: even ids are Acme's and answered, every
 * third has a recording, agents a1…a5. */
static void
add_calls (RubricDb *db,
           gint64    n)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  exec (db,
        "INSERT INTO vendors (id, name, timezone) VALUES (1, 'Acme', 'Europe/Riga'), (2, 'Beta', 'UTC');"
        "INSERT INTO queues (id, name, vendor_id) VALUES (1, 'acme-q', 1), (2, 'beta-q', 2);"
        "INSERT INTO sources (id, name) VALUES (1, 'csv');"
        "INSERT INTO agents (id, vendor_id, external_id, name) VALUES"
        " (1, 1, 'a1', NULL), (2, 1, 'a2', 'Zoe'), (3, 2, 'a3', NULL), (4, 2, 'a4', NULL),"
        " (5, 2, 'a5', 'Ann');");

  stmt = rubric_db_prepare (db,
                            "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)"
                            " INSERT INTO calls (id, source_id, call_id, queue_id, entered_at, vendor_id,"
                            "   agent_id, outcome, wait_s, talk_s, recording)"
                            " SELECT i, 1, 'c' || i, 1 + i % 2, 1767225600 + 60 * i, 1 + i % 2,"
                            "   CASE WHEN i % 2 = 0 THEN 1 + i % 4 / 2 ELSE 3 + i % 3 END,"
                            "   CASE WHEN i % 2 = 0 THEN 1 ELSE 1 + i % 5 % 2 END, i % 97,"
                            "   CASE WHEN i % 2 = 0 THEN i % 600 END,"
                            "   CASE WHEN i % 3 = 0 THEN '/rec/' || i || '.wav' END FROM n",
                            &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, n);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static RubricCallRow *
call_at (RubricCallList *list,
         guint           position)
{
  RubricCallRow *row = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (row);
  g_object_unref (row);  /* the list keeps its page */
  return row;
}

static char *
row_string (gpointer    row,
            const char *property)
{
  char *value = NULL;

  g_object_get (row, property, &value, NULL);
  return value;
}

static void
test_call_order (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(RubricCallList) list = rubric_call_list_new (fixture->db);
  g_autoptr(GError) error = NULL;
  g_autofree char *time = NULL;
  g_autofree char *wait = NULL;
  RubricCallRow *row;

  add_calls (fixture->db, 1000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1000);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == RUBRIC_TYPE_CALL_ROW);

  /* Answered and recorded first, newest first: 999 is the newest answered
   * call with a recording. */
  row = call_at (list, 0);
  g_assert_cmpstr (rubric_call_row_get_call_id (row), ==, "c999");
  g_assert_cmpstr (rubric_call_row_get_vendor (row), ==, "Beta");
  time = row_string (row, "time");
  g_assert_cmpstr (time, ==, "2026-01-01 16:39");
  wait = row_string (row, "wait");
  g_assert_cmpstr (wait, ==, "0:29");
  /* Acme counts in Riga: c996 entered at 16:36Z, 18:36 there. */
  g_clear_pointer (&time, g_free);
  time = row_string (call_at (list, 1), "time");
  g_assert_cmpstr (rubric_call_row_get_call_id (call_at (list, 1)), ==, "c996");
  g_assert_cmpstr (time, ==, "2026-01-01 18:36");

  /* Answered calls (even ids, and odd ones with i % 5 % 2 == 0) come
   * before the others, recorded ones first within each group, then newer
   * before older. */
  for (guint i = 1; i < 1000; i++)
    {
      RubricCallRow *before = call_at (list, i - 1);
      gint64 a = rubric_call_row_get_id (before);
      gint64 b;
      int rank_a, rank_b;

      row = call_at (list, i);
      b = rubric_call_row_get_id (row);
      rank_a = 2 * !(a % 2 == 0 || a % 5 % 2 == 0) + (a % 3 != 0);
      rank_b = 2 * !(b % 2 == 0 || b % 5 % 2 == 0) + (b % 3 != 0);
      g_assert_true (rank_a < rank_b || (rank_a == rank_b && a > b));
    }

  /* By agent ascending: names where there are names (Zoe for a2). */
  rubric_call_list_set_sort (list, RUBRIC_CALL_SORT_AGENT, FALSE);
  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rubric_call_row_get_agent (call_at (list, 0)), ==, "a1");
}

static void
test_call_filters (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(RubricCallList) list = rubric_call_list_new (fixture->db);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricScorecard) card = NULL;
  g_autoptr(RubricEvaluation) evaluation = NULL;
  g_autofree char *found = NULL;
  RubricCallFilter filter = { 0 };
  GDate day;

  add_calls (fixture->db, 3000);

  filter.vendor_id = 2;
  rubric_call_list_set_filter (list, &filter);
  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1500);

  /* "ann" finds agent a5 by its name, whatever the case. */
  filter.agent = "ann";
  rubric_call_list_set_filter (list, &filter);
  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 500);

  /* A wildcard in the search is a plain character. */
  filter.agent = "a%";
  rubric_call_list_set_filter (list, &filter);
  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  /* The calls run from 2026-01-01 00:01Z for 3000 minutes (to 2026-01-03
   * 02:00Z): 2026-01-02 in Riga (UTC+2) starts at 2026-01-01T22:00Z. */
  filter.vendor_id = 1;
  filter.agent = NULL;
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 2, G_DATE_JANUARY, 2026);
  filter.from = &day;
  filter.to = &day;
  rubric_call_list_set_filter (list, &filter);
  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 720);

  /* Scored: one submitted evaluation of c2, a draft of c4. */
  card = rubric_scorecard_new_from_file (TEST_DATA_DIR "/scorecard-test.xml", &error);
  g_assert_no_error (error);
  rubric_scorecard_store_add (fixture->db, card, NULL, &error);
  g_assert_no_error (error);
  exec (fixture->db,
        "INSERT INTO evaluations (uuid, scorecard_id, status, vendor_id, call, updated_at)"
        " VALUES ('u-1', 1, 'submitted', 1, 'c2', 1), ('u-2', 1, 'draft', 1, 'c4', 1),"
        "        ('u-3', 1, 'draft', 1, 'c2', 2)");
  filter = (RubricCallFilter) { .show = RUBRIC_CALL_SHOW_SCORED };
  rubric_call_list_set_filter (list, &filter);
  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (rubric_call_row_get_state (call_at (list, 0)), ==, RUBRIC_CALL_SCORED);

  filter.show = RUBRIC_CALL_SHOW_UNSCORED;
  rubric_call_list_set_filter (list, &filter);
  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2999);

  /* The draft is the one to open; a call without any gives NULL. */
  found = rubric_call_find_evaluation (fixture->db, "c2", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "u-3");
  g_clear_pointer (&found, g_free);
  found = rubric_call_find_evaluation (fixture->db, "c6", 1, &error);
  g_assert_no_error (error);
  g_assert_null (found);

  g_assert_false (rubric_db_has_no_work (fixture->db));
}

static void
loaded_cb (RubricPagedList *list,
           const GError    *error,
           gpointer         user_data)
{
  guint *loads = user_data;

  g_assert_no_error (error);
  (*loads)++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  guint *changes = user_data;

  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (added, ==, 500);
  (*changes)++;
}

static void
test_call_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(RubricCallList) list = rubric_call_list_new (fixture->db);
  guint loads = 0;
  guint changes = 0;

  g_assert_true (rubric_db_has_no_work (fixture->db));
  add_calls (fixture->db, 500);

  g_signal_connect (list, "loaded", G_CALLBACK (loaded_cb), &loads);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* The second reload cancels the first: one result, one change. */
  rubric_paged_list_reload (RUBRIC_PAGED_LIST (list));
  rubric_paged_list_reload (RUBRIC_PAGED_LIST (list));
  g_assert_true (rubric_paged_list_get_loading (RUBRIC_PAGED_LIST (list)));
  while (rubric_paged_list_get_loading (RUBRIC_PAGED_LIST (list)))
    g_main_context_iteration (NULL, TRUE);
  /* Let the cancelled one finish too. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (loads, ==, 1);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 500);
}

static void
test_evaluation_list (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RubricEvaluationList) list = rubric_evaluation_list_new (fixture->db);
  g_autoptr(RubricScorecard) card = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) row = NULL;
  g_autofree char *label = NULL;
  RubricEvaluationListFilter filter = { 0 };

  add_calls (fixture->db, 10);
  card = rubric_scorecard_new_from_file (TEST_DATA_DIR "/scorecard-test.xml", &error);
  g_assert_no_error (error);
  rubric_scorecard_store_add (fixture->db, card, NULL, &error);
  g_assert_no_error (error);
  exec (fixture->db,
        "INSERT INTO evaluations (uuid, scorecard_id, status, reviewer, vendor_id, agent_id, call,"
        "  call_time, updated_at, score, auto_failed) VALUES"
        " ('u-1', 1, 'submitted', 'ana', 1, 2, 'c2', 1767225720, 1, 87.5, 0),"
        " ('u-2', 1, 'draft', 'ben', 1, 1, 'c4', 1767225840, 1, NULL, 0),"
        " ('u-3', 1, 'submitted', 'ana', 2, 3, 'c1', 1767225660, 1, 0, 1)");

  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  row = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (rubric_evaluation_row_get_uuid (RUBRIC_EVALUATION_ROW (row)), ==, "u-2");
  label = row_string (row, "score-label");
  g_assert_cmpstr (label, ==, "—");
  g_clear_object (&row);
  g_clear_pointer (&label, g_free);

  rubric_evaluation_list_set_sort (list, RUBRIC_EVALUATION_SORT_SCORE, TRUE);
  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  row = g_list_model_get_item (G_LIST_MODEL (list), 0);
  label = row_string (row, "score-label");
  g_assert_cmpstr (label, ==, "87.5");
  g_clear_object (&row);
  g_clear_pointer (&label, g_free);

  filter.status = "submitted";
  filter.search = "zoe";  /* agent a2's name */
  rubric_evaluation_list_set_filter (list, &filter);
  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  filter = (RubricEvaluationListFilter) { .vendor_id = 2, .search = "C1" };
  rubric_evaluation_list_set_filter (list, &filter);
  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  row = g_list_model_get_item (G_LIST_MODEL (list), 0);
  label = row_string (row, "status-label");
  g_assert_cmpstr (label, ==, "Submitted");
}

/* SPEC §10: lists stay smooth with a million rows. The ids are read once
 * (a worker thread in the app); after that, counting is instant and any
 * row, anywhere, is one page fetch away. */
static void
test_million (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(RubricCallList) list = rubric_call_list_new (fixture->db);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gint64 start, elapsed, worst = 0;
  guint n;

  add_calls (fixture->db, 1000000);

  start = g_get_monotonic_time ();
  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  g_test_message ("reading the order of 1,000,000 calls: %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);

  start = g_get_monotonic_time ();
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  elapsed = g_get_monotonic_time () - start;
  g_assert_cmpuint (n, ==, 1000000);
  g_assert_cmpint (elapsed, <, 1000);

  /* 100 jumps anywhere (each a new page of 200 rows), then scrolling
   * through 2,000 rows in a row. Generous bounds: a loaded machine must
   * not fail the suite, a list that scans the table would. */
  for (int i = 0; i < 100; i++)
    {
      guint position = g_rand_int_range (rand, 0, n);

      start = g_get_monotonic_time ();
      g_assert_nonnull (call_at (list, position));
      elapsed = g_get_monotonic_time () - start;
      worst = MAX (worst, elapsed);
    }
  g_test_message ("worst random get_item (a page fetch): %.2f ms", worst / 1000.0);
  g_assert_cmpint (worst, <, 100 * 1000);

  start = g_get_monotonic_time ();
  for (guint i = 500000; i < 502000; i++)
    g_assert_nonnull (call_at (list, i));
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("2,000 rows in a row: %.2f ms", elapsed / 1000.0);
  g_assert_cmpint (elapsed, <, 200 * 1000);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, test_db_fixture_set_up, func, test_db_fixture_tear_down)

  ADD ("/lists/calls/order", test_call_order);
  ADD ("/lists/calls/filters", test_call_filters);
  ADD ("/lists/calls/async", test_call_async);
  ADD ("/lists/evaluations", test_evaluation_list);
  ADD ("/lists/calls/million", test_million);

#undef ADD

  return g_test_run ();
}
