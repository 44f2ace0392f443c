/* test-sample.c — the sample data: complete, consistent, repeatable, only on an empty database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rubric-calls.h"
#include "rubric-clock.h"
#include "rubric-contract-store.h"
#include "rubric-db.h"
#include "rubric-error.h"
#include "rubric-kpis.h"
#include "rubric-period.h"
#include "rubric-sample.h"
#include "rubric-scorecard-store.h"
#include "rubric-trends.h"
#include "rubric-test-util.h"

/* A Saturday, so the week has a weekend in it. */
#define LAST_DAY "2026-11-21"

/* The evaluations of the week's calls; the history's calls are not among
 * the call records. */
#define WEEK "call IN (SELECT call_id FROM calls)"
#define HISTORY_WEEKS 11

typedef struct
{
  char     *dir;
  RubricDb *db;
  gint32    last_day;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_tmpdir ();
  fixture->db = test_open_db (fixture->dir, "rubric.db");
  g_assert_true (rubric_day_parse (LAST_DAY, &fixture->last_day));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_db_tear_down (&fixture->dir, &fixture->db);
}

static void
load (RubricDb *db,
      gint32    last_day)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rubric_sample_load_ending (db, last_day, &error));
  g_assert_no_error (error);
}

static void
assert_no_problems (RubricDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_true (rubric_db_check (db, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_contents (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contracts = NULL;
  g_autofree char *recordings = NULL;
  GString *expected = g_string_new (NULL);
  g_autofree char *expected_text = NULL;

  load (fixture->db, fixture->last_day);

  /* Who is rated, in their own time zones. */
  g_assert_cmpint (test_query_int (fixture->db, "SELECT count (*) FROM vendors"), ==, 3);
  g_assert_cmpint (test_query_int (fixture->db,
                              "SELECT count (*) FROM vendors WHERE "
                              "(name, timezone) IN (VALUES ('Northwind Support', 'Europe/Paris'),"
                              " ('Baltic Contact', 'Europe/Riga'), ('Acme Outsourcing', 'UTC'))"),
                   ==, 3);
  contracts = rubric_contract_store_list_vendors (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contracts->len, ==, 3);
  g_assert_cmpint (test_query_int (fixture->db,
                              "SELECT count (*) FROM agents WHERE name IS NOT NULL "
                              "AND team IS NOT NULL"), ==, 9);
  g_assert_cmpint (test_query_int (fixture->db, "SELECT count (*) FROM queues"), ==, 5);
  g_assert_cmpint (test_query_int (fixture->db,
                              "SELECT count (*) FROM queues WHERE vendor_id IS NULL"), ==, 0);
  g_assert_cmpint (test_query_int (fixture->db,
                              "SELECT count (*) FROM scorecards WHERE key = 'contact-centre-qa'"),
                   ==, 1);

  /* A week of calls, every outcome, repeat callers, six recordings. */
  g_assert_cmpint (test_query_int (fixture->db, "SELECT count (*) FROM calls"), >=, 500);
  g_assert_cmpint (test_query_int (fixture->db, "SELECT count (*) FROM calls"), <=, 700);
  for (int outcome = RUBRIC_OUTCOME_ANSWERED; outcome <= RUBRIC_OUTCOME_OTHER; outcome++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM calls WHERE outcome = %d",
                                              outcome);

      g_assert_cmpint (test_query_int (fixture->db, sql), >, 0);
    }
  g_assert_cmpint (test_query_int (fixture->db,
                              "SELECT count (*) FROM calls WHERE outcome = 1 "
                              "AND (agent_id IS NULL OR talk_s IS NULL)"), ==, 0);
  g_assert_cmpint (test_query_int (fixture->db,
                              "SELECT count (*) FROM calls WHERE next_gap IS NOT NULL"), >=, 10);

  recordings = test_query_text (fixture->db,
                           "SELECT recording FROM calls WHERE recording IS NOT NULL "
                           "AND outcome = 1 ORDER BY recording");
  for (int i = 1; i <= RUBRIC_SAMPLE_N_RECORDINGS; i++)
    g_string_append_printf (expected, RUBRIC_SAMPLE_RECORDING_PREFIX "call-%d.wav|\n", i);
  expected_text = g_string_free (expected, FALSE);
  g_assert_cmpstr (recordings, ==, expected_text);

  /* Every call in the week that ends on the last day, in its vendor's
   * zone; the recorded ones on the last day itself. */
  for (const char *const *tz = (const char *const[]) { "Europe/Paris", "Europe/Riga", "UTC",
                                                        NULL }; *tz; tz++)
    {
      gint64 week_start = rubric_day_start_utc (fixture->last_day - 6, *tz);
      gint64 last_start = rubric_day_start_utc (fixture->last_day, *tz);
      gint64 end = rubric_day_start_utc (fixture->last_day + 1, *tz);
      g_autofree char *outside = NULL;
      g_autofree char *recorded = NULL;

      outside = g_strdup_printf ("SELECT count (*) FROM calls JOIN vendors AS v "
                                 "ON v.id = vendor_id WHERE v.timezone = '%s' "
                                 "AND (entered_at < %" G_GINT64_FORMAT
                                 " OR entered_at >= %" G_GINT64_FORMAT ")",
                                 *tz, week_start, end);
      g_assert_cmpint (test_query_int (fixture->db, outside), ==, 0);
      recorded = g_strdup_printf ("SELECT count (*) FROM calls JOIN vendors AS v "
                                  "ON v.id = vendor_id WHERE v.timezone = '%s' "
                                  "AND recording IS NOT NULL AND entered_at >= %" G_GINT64_FORMAT
                                  " AND entered_at < %" G_GINT64_FORMAT,
                                  *tz, last_start, end);
      g_assert_cmpint (test_query_int (fixture->db, recorded), ==, 2);
    }

  /* Evaluations of those calls (the week: the history's calls are not
   * among the call records), by status, with their scores. */
  g_assert_cmpint (test_query_int (fixture->db, "SELECT count (*) FROM evaluations WHERE " WEEK ""),
                   ==, 25);
  g_assert_cmpint (test_query_int (fixture->db,
                              "SELECT count (*) FROM evaluations WHERE " WEEK " AND status = 'submitted'"),
                   ==, 21);
  g_assert_cmpint (test_query_int (fixture->db,
                              "SELECT count (*) FROM evaluations WHERE " WEEK " AND status = 'draft'"), ==, 3);
  g_assert_cmpint (test_query_int (fixture->db,
                              "SELECT count (*) FROM evaluations WHERE " WEEK " AND status = 'calibration'"),
                   ==, 1);
  g_assert_cmpint (test_query_int (fixture->db,
                              "SELECT count (*) FROM evaluations WHERE " WEEK " AND auto_failed = 1 "
                              "AND score = 0 AND status = 'submitted'"), ==, 1);
  g_assert_cmpint (test_query_int (fixture->db,
                              "SELECT count (*) FROM evaluations WHERE score IS NULL "
                              "OR score < 0 OR score > 100"), ==, 0);
  g_assert_cmpint (test_query_int (fixture->db,
                              "SELECT count (*) FROM evaluations WHERE " WEEK " AND status = 'submitted' "
                              "AND auto_failed = 0 AND score BETWEEN 55 AND 100"), ==, 20);
  /* Scores differ: a realistic spread, not twenty copies. */
  g_assert_cmpint (test_query_int (fixture->db,
                              "SELECT max (score) - min (score) FROM evaluations "
                              "WHERE " WEEK " AND status = 'submitted' AND auto_failed = 0"), >=, 10);
  g_assert_cmpint (test_query_int (fixture->db,
                              "SELECT count (*) FROM evaluation_scores AS s JOIN evaluations AS e "
                              "ON e.id = s.evaluation_id WHERE e." WEEK " AND e.status = 'submitted' "
                              "AND s.score IS NOT NULL"), ==, 21 * 4);
  g_assert_cmpint (test_query_int (fixture->db,
                              "SELECT count (*) FROM evaluations AS e JOIN calls AS c "
                              "ON c.call_id = e.call AND c.agent_id = e.agent_id "
                              "AND c.vendor_id = e.vendor_id AND c.entered_at = e.call_time"),
                   ==, 25);
  g_assert_cmpint (test_query_int (fixture->db,
                              "SELECT count (*) FROM evaluation_comments WHERE at IS NOT NULL"),
                   >=, 5);
  /* Three recorded calls are left for the user to score. */
  g_assert_cmpint (test_query_int (fixture->db,
                              "SELECT count (*) FROM calls WHERE recording IS NOT NULL "
                              "AND call_id NOT IN (SELECT call FROM evaluations)"), ==, 3);

  assert_no_problems (fixture->db);
}

/* The mean overall score of an agent's weekly buckets @from to @to. */
static double
buckets_mean (GPtrArray *rows,
              guint      from,
              guint      to)
{
  double sum = 0;
  guint64 n = 0;

  for (guint i = from; i <= to; i++)
    {
      RubricTrendRow *row = g_ptr_array_index (rows, i);

      sum += row->score.mean * row->score.n;
      n += row->score.n;
    }
  return sum / n;
}

/* Eleven weeks of submitted evaluations before the week, so that every
 * agent has a score in each of the twelve weeks the Agents page shows:
 * Jānis improves, Julien slips. */
static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  static const char * const agents[][2] = {
    { "Northwind Support", "PJSIP/401" }, { "Northwind Support", "PJSIP/402" },
    { "Northwind Support", "PJSIP/403" }, { "Baltic Contact", "Agent/1001" },
    { "Baltic Contact", "Agent/1002" }, { "Baltic Contact", "Agent/1003" },
    { "Acme Outsourcing", "TOM" }, { "Acme Outsourcing", "PRIYA" },
    { "Acme Outsourcing", "DANIEL" },
  };
  /* 2026-11-21 is a Saturday: its ISO week starts on the 16th. */
  gint32 monday = fixture->last_day - 5;
  gint64 history;

  load (fixture->db, fixture->last_day);

  history = test_query_int (fixture->db, "SELECT count (*) FROM evaluations WHERE NOT " WEEK);
  g_assert_cmpint (history, >=, 2 * 9 * HISTORY_WEEKS);
  g_assert_cmpint (history, <=, 4 * 9 * HISTORY_WEEKS);
  g_assert_cmpint (test_query_int (fixture->db,
                                   "SELECT count (*) FROM evaluations WHERE NOT " WEEK
                                   " AND status = 'submitted' AND score BETWEEN 0 AND 100"),
                   ==, history);
  /* Before the week of call records starts. */
  g_assert_cmpint (test_query_int (fixture->db,
                                   "SELECT max (call_time) FROM evaluations WHERE NOT " WEEK),
                   <, rubric_day_start_utc (fixture->last_day - 6, "Europe/Riga"));
  /* An occasional auto-fail and comment on a failed criterion. */
  g_assert_cmpint (test_query_int (fixture->db,
                                   "SELECT count (*) FROM evaluations WHERE NOT " WEEK
                                   " AND auto_failed = 1"), >=, 1);
  g_assert_cmpint (test_query_int (fixture->db,
                                   "SELECT count (*) FROM evaluation_comments AS c "
                                   "JOIN evaluations AS e ON e.id = c.evaluation_id "
                                   "WHERE NOT e." WEEK), >=, 20);

  for (guint i = 0; i < G_N_ELEMENTS (agents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      RubricTrendQuery query = { 0 };

      query.kind = RUBRIC_TREND_AGENT;
      query.vendor = agents[i][0];
      query.agent = agents[i][1];
      query.has_range = TRUE;
      query.range.first = monday - 7 * HISTORY_WEEKS;
      query.range.last = monday + 6;
      query.by = RUBRIC_PERIOD_WEEK;
      rows = rubric_trends_compute (fixture->db, &query, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, HISTORY_WEEKS + 1);
      for (guint b = 0; b < rows->len; b++)
        {
          RubricTrendRow *row = g_ptr_array_index (rows, b);

          if (row->score.n == 0)
            g_printerr ("%s %s: no evaluation in bucket %u\n", agents[i][0], agents[i][1], b);
          g_assert_cmpuint (row->score.n, >, 0);
          g_assert_true (row->score.has_mean);
        }

      /* Jānis improves, Julien slips: the first quarter against the last. */
      if (g_str_equal (agents[i][1], "Agent/1002"))
        {
          RubricTrendRow *last = g_ptr_array_index (rows, rows->len - 1);
          RubricTrendRow *early = g_ptr_array_index (rows, 3);

          g_assert_cmpfloat (buckets_mean (rows, 9, 11), >, buckets_mean (rows, 0, 2) + 5);
          g_assert_true (last->has_moving_avg && early->has_moving_avg);
          g_assert_cmpfloat (last->moving_avg, >, early->moving_avg);
        }
      if (g_str_equal (agents[i][1], "PJSIP/402"))
        g_assert_cmpfloat (buckets_mean (rows, 9, 11), <, buckets_mean (rows, 0, 2));
    }

  assert_no_problems (fixture->db);
}

static void
test_kpis (Fixture       *fixture,
           gconstpointer  data)
{
  const char *names[] = { "Northwind Support", "Baltic Contact", "Acme Outsourcing" };

  load (fixture->db, fixture->last_day);

  for (guint v = 0; v < G_N_ELEMENTS (names); v++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) periods = g_array_new (FALSE, FALSE, sizeof (RubricDayRange));
      g_autoptr(GArray) fast = NULL;
      g_autoptr(GArray) scan = NULL;
      RubricDayRange week = { fixture->last_day - 6, fixture->last_day };
      RubricDayRange range;
      RubricKpis *k, *s;
      gint64 vendor_id = rubric_db_lookup_vendor (fixture->db, names[v], &error);

      g_assert_no_error (error);
      g_assert_cmpint (vendor_id, >, 0);

      g_assert_true (rubric_kpis_data_range (fixture->db, vendor_id, &range, &error));
      g_assert_no_error (error);
      g_assert_cmpint (range.first, ==, week.first);
      g_assert_cmpint (range.last, ==, week.last);

      g_array_append_val (periods, week);
      fast = rubric_kpis_compute (fixture->db, vendor_id, periods, NULL, NULL, &error);
      g_assert_no_error (error);
      scan = rubric_kpis_compute_scan (fixture->db, vendor_id, periods, NULL, NULL, &error);
      g_assert_no_error (error);

      k = &g_array_index (fast, RubricKpis, 0);
      s = &g_array_index (scan, RubricKpis, 0);
      g_assert_cmpuint (k->offered, >=, 100);
      g_assert_cmpuint (k->offered, ==, s->offered);
      g_assert_cmpuint (k->answered, ==, s->answered);
      g_assert_cmpuint (k->fcr_resolved, ==, s->fcr_resolved);

      for (RubricKpi *kpi = &k->service_level; kpi <= &k->fcr; kpi++)
        g_assert_true (kpi->has_value);
      g_assert_cmpfloat (k->service_level.value, >, 50);
      g_assert_cmpfloat (k->service_level.value, <, 100);
      g_assert_cmpfloat (k->abandon_rate.value, <, 15);
      g_assert_cmpfloat (k->asa.value, <, 40);
      g_assert_cmpfloat (k->aht.value, >, 120);
      g_assert_cmpfloat (k->aht.value, <, 600);
      g_assert_cmpfloat (k->fcr.value, >, 50);
      g_assert_cmpfloat (k->fcr.value, <, 100);
    }
}

static char *
sample_signature (RubricDb *db)
{
  return test_query_text (db,
                     "SELECT c.call_id, c.entered_at, q.name, a.external_id, c.outcome, c.wait_s,"
                     " c.talk_s, c.hold_s, c.wrap_s, c.caller, c.recording, c.next_gap"
                     " FROM calls AS c JOIN queues AS q ON q.id = c.queue_id"
                     " LEFT JOIN agents AS a ON a.id = c.agent_id ORDER BY c.call_id");
}

static void
test_repeatable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(RubricDb) other = test_open_db (fixture->dir, "other.db");
  g_autoptr(RubricDb) next_day = test_open_db (fixture->dir, "next-day.db");
  const char *evaluations = "SELECT uuid, status, reviewer, call, call_time, scored_at, score,"
                            " auto_failed FROM evaluations ORDER BY uuid";
  g_autofree char *calls_a = NULL;
  g_autofree char *calls_b = NULL;
  g_autofree char *calls_c = NULL;
  g_autofree char *evaluations_a = NULL;
  g_autofree char *evaluations_b = NULL;

  load (fixture->db, fixture->last_day);
  load (other, fixture->last_day);
  load (next_day, fixture->last_day + 1);

  calls_a = sample_signature (fixture->db);
  calls_b = sample_signature (other);
  calls_c = sample_signature (next_day);
  g_assert_cmpstr (calls_a, ==, calls_b);
  g_assert_cmpstr (calls_a, !=, calls_c);

  evaluations_a = test_query_text (fixture->db, evaluations);
  evaluations_b = test_query_text (other, evaluations);
  g_assert_cmpstr (evaluations_a, ==, evaluations_b);
}

static void
assert_refused (RubricDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_dump (db);
  g_autofree char *after = NULL;

  g_assert_false (rubric_sample_load (db, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
  g_assert_nonnull (strstr (error->message, "already holds data"));

  after = test_dump (db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refused_twice (Fixture       *fixture,
                    gconstpointer  data)
{
  load (fixture->db, fixture->last_day);
  assert_refused (fixture->db);
  assert_no_problems (fixture->db);
}

static void
test_refused_with_calls (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_write_file (fixture->dir, "calls.csv",
                                           "call_id,entered_at,wait_s,outcome\n"
                                           "1.1,2026-11-02T09:00:00Z,12,answered\n");
  RubricCallImportOptions options = { "Mine", NULL, NULL };

  g_assert_true (rubric_calls_import_csv (fixture->db, path, &options, NULL, NULL, NULL, NULL,
                                          &error));
  g_assert_no_error (error);
  assert_refused (fixture->db);
}

/* A database that only has the shipped scorecard (rubric-cli init) is
 * empty enough, and the scorecard is recognised, not added again. */
static void
test_after_init (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricScorecard) scorecard = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data",
                                            "scorecards", "contact-centre-qa.xml", NULL);

  g_assert_true (rubric_scorecard_store_import (fixture->db, path, &scorecard, NULL, &error));
  g_assert_no_error (error);

  load (fixture->db, fixture->last_day);
  g_assert_cmpint (test_query_int (fixture->db, "SELECT count (*) FROM scorecards"), ==, 1);
  g_assert_cmpint (test_query_int (fixture->db,
                                   "SELECT count (*) FROM evaluations WHERE " WEEK), ==, 25);
}

/* Without a day: the week ends yesterday (UTC), so nothing is in the
 * future. */
static void
test_today (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 now = 1796634000;   /* 2026-12-07T09:00:00Z, a Monday */

  /* The week before today (UTC), whatever today is. */
  rubric_clock_pin (now);
  g_assert_true (rubric_sample_load (fixture->db, &error));
  rubric_clock_unpin ();
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (fixture->db, "SELECT max (entered_at) FROM calls"), <, now);
  g_assert_cmpint (test_query_int (fixture->db, "SELECT max (scored_at) FROM evaluations"), <, now);
  g_assert_cmpint (test_query_int (fixture->db, "SELECT max (entered_at) FROM calls"), >=,
                   now - 9 * 3600 - 86400);
  g_assert_cmpint (test_query_int (fixture->db, "SELECT min (entered_at) FROM calls"), >=,
                   now - 9 * 3600 - 7 * 86400);
  assert_no_problems (fixture->db);
}

static guint32
le32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

/* The committed recordings: 8 kHz mono mu-law WAV, 8 to 20 s, small. */
static void
test_recordings (void)
{
  for (int i = 1; i <= RUBRIC_SAMPLE_N_RECORDINGS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("call-%d.wav", i);
      g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data",
                                                "sample", name, NULL);
      g_autofree guint8 *wav = NULL;
      gsize size, at = 12;
      gboolean has_format = FALSE;
      double seconds = 0;

      g_assert_true (g_file_get_contents (path, (char **) &wav, &size, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (size, <, 200 * 1024);
      g_assert_cmpmem (wav, 4, "RIFF", 4);
      g_assert_cmpmem (wav + 8, 4, "WAVE", 4);

      while (at + 8 <= size)
        {
          guint32 length = le32 (wav + at + 4);

          if (memcmp (wav + at, "fmt ", 4) == 0)
            {
              g_assert_cmpuint (wav[at + 8] | (wav[at + 9] << 8), ==, 7);    /* mu-law */
              g_assert_cmpuint (wav[at + 10] | (wav[at + 11] << 8), ==, 1);  /* mono */
              g_assert_cmpuint (le32 (wav + at + 12), ==, 8000);
              has_format = TRUE;
            }
          else if (memcmp (wav + at, "data", 4) == 0)
            seconds = length / 8000.0;
          at += 8 + length + (length & 1);
        }

      g_assert_true (has_format);
      g_assert_cmpfloat (seconds, >=, 8);
      g_assert_cmpfloat (seconds, <=, 20);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sample/contents", test_contents);
  ADD ("/sample/kpis", test_kpis);
  ADD ("/sample/repeatable", test_repeatable);
  ADD ("/sample/history", test_history);
  ADD ("/sample/refused-twice", test_refused_twice);
  ADD ("/sample/refused-with-calls", test_refused_with_calls);
  ADD ("/sample/after-init", test_after_init);
  ADD ("/sample/today", test_today);
  g_test_add_func ("/sample/recordings", test_recordings);

#undef ADD

  return g_test_run ();
}
