/* test-lists.c — the paged list models of the app: filters, order, pages, a million calls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

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
  RubricStmt *stmt;

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
  rubric_stmt_bind_int64 (stmt, 1, n);
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_DONE);
  rubric_stmt_finalize (stmt);
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

static guint
count (RubricDb   *db,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  RubricStmt *stmt = rubric_db_prepare (db, sql, &error);
  guint n;

  g_assert_no_error (error);
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
  n = (guint) rubric_stmt_column_int64 (stmt, 0);
  rubric_stmt_finalize (stmt);
  return n;
}

static guint
find_position (GListModel *model,
               const char *call_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RubricCallRow) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (rubric_call_row_get_call_id (row), call_id) == 0)
        return i;
    }
  g_assert_not_reached ();
}

/* Every row's shown time ("YYYY-MM-DD HH:MM ZONE") is at or past (or, for
 * an ascending list, at or before) the next one's: the order the Time
 * column promises, as the user reads it. */
static void
assert_time_order (GListModel *model,
                   gboolean    descending)
{
  g_autofree char *before = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (model, i);
      g_autofree char *time = row_string (row, "time");
      int order;

      g_assert_nonnull (time);
      g_assert_cmpuint (strlen (time), >, 17);
      time[16] = '\0';  /* the zone is what the time is in, not part of its order */
      if (before != NULL)
        {
          order = strcmp (before, time);
          if (descending ? order < 0 : order > 0)
            g_error ("Row %u at %s comes after %s", i, time, before);
        }
      g_free (before);
      before = g_steal_pointer (&time);
    }
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
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == RUBRIC_TYPE_CALL_ROW);

  /* Only the answered calls: the others have no agent to score. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    count (fixture->db, "SELECT count(*) FROM calls WHERE outcome = 1"));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    g_assert_true (rubric_call_row_get_answered (call_at (list, i)));

  /* Newest first by the wall-clock time shown, with its zone: Acme counts
   * in Riga, so its c1000 (16:40Z, 18:40 there) comes before Beta's c999
   * (16:39Z, 16:39 UTC), with or without a recording. */
  row = call_at (list, 0);
  g_assert_cmpstr (rubric_call_row_get_call_id (row), ==, "c1000");
  g_assert_cmpstr (rubric_call_row_get_vendor (row), ==, "Acme");
  time = row_string (row, "time");
  g_assert_cmpstr (time, ==, "2026-01-01 18:40 EET");
  g_clear_pointer (&time, g_free);
  row = g_list_model_get_item (G_LIST_MODEL (list),
                               find_position (G_LIST_MODEL (list), "c999"));
  g_object_unref (row);
  time = row_string (row, "time");
  g_assert_cmpstr (time, ==, "2026-01-01 16:39 UTC");
  wait = row_string (row, "wait");
  g_assert_cmpstr (wait, ==, "0:29");

  /* The rows are in exactly the order of the times they show. */
  assert_time_order (G_LIST_MODEL (list), TRUE);
  rubric_paged_list_set_sort (RUBRIC_PAGED_LIST (list), RUBRIC_CALL_SORT_TIME, FALSE);
  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  assert_time_order (G_LIST_MODEL (list), FALSE);

  /* The recordings first only when asked for, by the Audio column. */
  rubric_paged_list_set_sort (RUBRIC_PAGED_LIST (list), RUBRIC_CALL_SORT_RECORDING, TRUE);
  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  {
    gboolean seen_without = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
      {
        gboolean has = FALSE;

        g_object_get (call_at (list, i), "has-recording", &has, NULL);
        g_assert_false (has && seen_without);
        seen_without |= !has;
      }
    g_assert_true (seen_without);
  }

  /* The unanswered ones too, when the filter asks: still in time order. */
  rubric_paged_list_set_sort (RUBRIC_PAGED_LIST (list), RUBRIC_CALL_SORT_TIME, TRUE);
  rubric_call_list_set_filter (list, &(RubricCallFilter) { .unanswered = TRUE });
  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1000);
  assert_time_order (G_LIST_MODEL (list), TRUE);

  /* By agent ascending: names where there are names (Zoe for a2). */
  rubric_paged_list_set_sort (RUBRIC_PAGED_LIST (list), RUBRIC_CALL_SORT_AGENT, FALSE);
  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rubric_call_row_get_agent (call_at (list, 0)), ==, "a1");

  /* Each term of a key goes the way asked: by vendor descending, Beta
   * first (the "lower (v.name)" term once stayed ascending). */
  rubric_paged_list_set_sort (RUBRIC_PAGED_LIST (list), RUBRIC_CALL_SORT_VENDOR, TRUE);
  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rubric_call_row_get_vendor (call_at (list, 0)), ==, "Beta");
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
  guint n_a4;
  GDate day;

  add_calls (fixture->db, 3000);

  /* Counting the calls no one answered too (the unanswered filter). */
  filter.unanswered = TRUE;
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

  /* Case folds for ASCII letters only, on both engines: "Émile" finds
   * itself, "émile" finds nothing (PostgreSQL's lower () of a parameter
   * folded É too, and missed the name). */
  g_assert_true (rubric_db_exec (fixture->db, "UPDATE agents SET name = 'Émile' WHERE id = 4",
                                 &error));
  filter.agent = "a4";
  rubric_call_list_set_filter (list, &filter);
  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  n_a4 = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n_a4, >, 0);
  filter.agent = "ÉMILE";
  rubric_call_list_set_filter (list, &filter);
  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_a4);
  filter.agent = "émile";
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
  filter = (RubricCallFilter) { .show = RUBRIC_CALL_SHOW_SCORED, .unanswered = TRUE };
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

  rubric_call_list_set_filter (list, &(RubricCallFilter) { .unanswered = TRUE });
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
        " ('u-3', 1, 'submitted', 'ana', 2, 3, 'c1', 1767225660, 1, 0, 1),"
        " ('u-4', 1, 'draft', 'ben', 2, 3, 'c61', 1767229200, 1, NULL, 0)");

  /* Newest first by the time shown: u-2 at 02:04 in Riga before u-4 at
   * 01:00 UTC, though u-4 is the later instant. */
  rubric_paged_list_reload_sync (RUBRIC_PAGED_LIST (list), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  row = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (rubric_evaluation_row_get_uuid (RUBRIC_EVALUATION_ROW (row)), ==, "u-2");
  label = row_string (row, "score-label");
  g_assert_cmpstr (label, ==, "—");
  g_clear_pointer (&label, g_free);
  label = row_string (row, "time");
  g_assert_cmpstr (label, ==, "2026-01-01 02:04 EET");
  g_clear_object (&row);
  g_clear_pointer (&label, g_free);
  assert_time_order (G_LIST_MODEL (list), TRUE);

  rubric_paged_list_set_sort (RUBRIC_PAGED_LIST (list), RUBRIC_EVALUATION_SORT_SCORE, TRUE);
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
  rubric_call_list_set_filter (list, &(RubricCallFilter) { .unanswered = TRUE });

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
