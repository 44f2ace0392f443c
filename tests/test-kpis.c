/* test-kpis.c — the KPIs of SPEC §4.3, formula by formula, edge by edge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rubric-calls.h"
#include "rubric-contract-store.h"
#include "rubric-db.h"
#include "rubric-error.h"
#include "rubric-kpis.h"
#include "rubric-period.h"
#include "rubric-test-util.h"

typedef struct
{
  char     *dir;
  RubricDb *db;
  guint     n_files;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_db_set_up (&fixture->dir, &fixture->db);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_db_tear_down (&fixture->dir, &fixture->db);
}

/* Rows of "call_id,entered_at,wait_s,outcome,talk_s,caller" for vendor Acme. */
static void
import_calls (Fixture    *fixture,
              const char *rows)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("calls-%u.csv", fixture->n_files++);
  g_autofree char *text = g_strconcat ("call_id,entered_at,wait_s,outcome,talk_s,caller\n",
                                       rows, NULL);
  g_autofree char *path = test_write_file (fixture->dir, name, text);
  RubricCallImportOptions options = { "Acme", NULL, NULL };

  g_assert_true (rubric_calls_import_csv (fixture->db, path, &options, NULL, NULL, NULL, NULL,
                                          &error));
  g_assert_no_error (error);
}

static void
import_contract (Fixture    *fixture,
                 const char *attributes,
                 const char *children)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricContract) contract = NULL;
  g_autofree char *xml = g_strdup_printf ("<contract xmlns=\"urn:rubric:contract:1\" "
                                          "vendor=\"Acme\" %s>%s</contract>",
                                          attributes, children);

  contract = rubric_contract_new_from_xml ("contract.xml", xml, -1, &error);
  g_assert_no_error (error);
  g_assert_true (rubric_contract_store_import (fixture->db, contract, NULL, &error));
  g_assert_no_error (error);
}

static gint64
acme (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 id = rubric_db_lookup_vendor (fixture->db, "Acme", &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint32
day (const char *text)
{
  gint32 value;

  g_assert_true (rubric_day_parse (text, &value));
  return value;
}

/* The KPIs of [first, last] both ways; they must agree. */
static RubricKpis
kpis_for (Fixture                   *fixture,
          const char                *first,
          const char                *last,
          const RubricKpiDefinition *definition)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) periods = g_array_new (FALSE, FALSE, sizeof (RubricDayRange));
  g_autoptr(GArray) fast = NULL;
  g_autoptr(GArray) scan = NULL;
  RubricDayRange range = { day (first), day (last) };
  RubricKpis *a, *b;

  g_array_append_val (periods, range);
  fast = rubric_kpis_compute (fixture->db, acme (fixture), periods, definition, NULL, &error);
  g_assert_no_error (error);
  scan = rubric_kpis_compute_scan (fixture->db, acme (fixture), periods, definition, NULL,
                                   &error);
  g_assert_no_error (error);

  a = &g_array_index (fast, RubricKpis, 0);
  b = &g_array_index (scan, RubricKpis, 0);
  g_assert_cmpuint (a->offered, ==, b->offered);
  g_assert_cmpuint (a->answered, ==, b->answered);
  g_assert_cmpuint (a->answered_within, ==, b->answered_within);
  g_assert_cmpuint (a->abandoned, ==, b->abandoned);
  g_assert_cmpuint (a->abandoned_within, ==, b->abandoned_within);
  g_assert_cmpuint (a->short_abandoned, ==, b->short_abandoned);
  g_assert_cmpuint (a->other, ==, b->other);
  g_assert_cmpuint (a->handled, ==, b->handled);
  g_assert_cmpuint (a->fcr_n, ==, b->fcr_n);
  g_assert_cmpuint (a->fcr_resolved, ==, b->fcr_resolved);
  g_assert_cmpfloat_with_epsilon (a->wait_answered, b->wait_answered, 1e-6);
  g_assert_cmpfloat_with_epsilon (a->handle_time, b->handle_time, 1e-6);

  return *a;
}

static void
assert_kpi (const RubricKpi *kpi,
            double           expected)
{
  if (isnan (expected))
    {
      g_assert_false (kpi->has_value);
      return;
    }

  g_assert_true (kpi->has_value);
  g_assert_cmpfloat_with_epsilon (kpi->value, expected, 1e-9);
}

static RubricKpiDefinition
definition (guint           threshold,
            guint           short_abandon,
            RubricSlFormula formula,
            guint           repeat_days)
{
  RubricKpiDefinition d = { threshold, short_abandon, formula, repeat_days };

  return d;
}

/* 2026-06-10 in UTC, well inside the day in any zone used here. */
#define NOON "2026-06-10T12:00:00Z"

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  RubricKpiDefinition d = definition (20, 5, RUBRIC_SL_ABANDONS_NEGATIVE, 7);
  RubricKpis k;

  rubric_db_ensure_vendor (fixture->db, "Acme", NULL);
  k = kpis_for (fixture, "2026-06-01", "2026-06-30", &d);
  g_assert_cmpuint (k.offered, ==, 0);
  assert_kpi (&k.service_level, NAN);
  assert_kpi (&k.abandon_rate, NAN);
  assert_kpi (&k.asa, NAN);
  assert_kpi (&k.aht, NAN);
  assert_kpi (&k.fcr, NAN);
}

/* Waits on and around the thresholds, every formula. */
static void
test_service_level_formulas (Fixture       *fixture,
                             gconstpointer  data)
{
  RubricKpiDefinition d;
  RubricKpis k;

  import_calls (fixture,
                "a1," NOON ",20,answered,100,\n"      /* wait = T: within */
                "a2," NOON ",20.5,answered,50,\n"     /* just over */
                "a3," NOON ",0,answered,,\n"          /* no talk time: not in AHT */
                "a4," NOON ",21,answered,30,\n"
                "b1," NOON ",4.9,abandoned,,\n"       /* short (< S) */
                "b2," NOON ",5,abandoned,,\n"         /* = S: not short, within T */
                "b3," NOON ",60,abandoned,,\n"
                "t1," NOON ",20,timeout,,\n"          /* timeouts are never short */
                "t2," NOON ",2,timeout,,\n"
                "o1," NOON ",3,other,,\n");

  d = definition (20, 5, RUBRIC_SL_ABANDONS_NEGATIVE, 7);
  k = kpis_for (fixture, "2026-06-10", "2026-06-10", &d);
  g_assert_cmpuint (k.offered, ==, 10);
  g_assert_cmpuint (k.answered, ==, 4);
  g_assert_cmpuint (k.answered_within, ==, 2);
  g_assert_cmpuint (k.short_abandoned, ==, 1);
  g_assert_cmpuint (k.abandoned, ==, 4);          /* b2, b3, t1, t2 */
  g_assert_cmpuint (k.abandoned_within, ==, 3);   /* b2, t1, t2 */
  g_assert_cmpuint (k.other, ==, 1);
  assert_kpi (&k.service_level, 100.0 * 2 / 8);
  g_assert_cmpfloat (k.service_level.numerator, ==, 2);
  g_assert_cmpfloat (k.service_level.denominator, ==, 8);
  assert_kpi (&k.abandon_rate, 100.0 * 4 / 8);
  assert_kpi (&k.asa, (20 + 20.5 + 0 + 21) / 4.0);
  assert_kpi (&k.aht, (100 + 50 + 30) / 3.0);
  g_assert_true (k.service_level.low < k.service_level.value);
  g_assert_true (k.service_level.high > k.service_level.value);

  d.formula = RUBRIC_SL_ANSWERED;
  k = kpis_for (fixture, "2026-06-10", "2026-06-10", &d);
  assert_kpi (&k.service_level, 100.0 * 2 / 4);

  d.formula = RUBRIC_SL_ABANDONS_IGNORED;
  k = kpis_for (fixture, "2026-06-10", "2026-06-10", &d);
  assert_kpi (&k.service_level, 100.0 * 2 / (4 + 4 - 3));

  d.formula = RUBRIC_SL_ABANDONS_POSITIVE;
  k = kpis_for (fixture, "2026-06-10", "2026-06-10", &d);
  assert_kpi (&k.service_level, 100.0 * (2 + 3) / 8);

  /* S = 0 disables short abandons; T = 0 counts only waits of 0. */
  d = definition (0, 0, RUBRIC_SL_ABANDONS_NEGATIVE, 7);
  k = kpis_for (fixture, "2026-06-10", "2026-06-10", &d);
  g_assert_cmpuint (k.short_abandoned, ==, 0);
  g_assert_cmpuint (k.abandoned, ==, 5);
  g_assert_cmpuint (k.answered_within, ==, 1);
  g_assert_cmpuint (k.abandoned_within, ==, 0);
  assert_kpi (&k.service_level, 100.0 * 1 / 9);

  /* A bigger S takes the 5 s abandon too. */
  d = definition (20, 6, RUBRIC_SL_ABANDONS_NEGATIVE, 7);
  k = kpis_for (fixture, "2026-06-10", "2026-06-10", &d);
  g_assert_cmpuint (k.short_abandoned, ==, 2);

  /* T = 21 takes a4 and the 20.5 s wait. */
  d = definition (21, 5, RUBRIC_SL_ANSWERED, 7);
  k = kpis_for (fixture, "2026-06-10", "2026-06-10", &d);
  g_assert_cmpuint (k.answered_within, ==, 4);
}

/* Only abandons: the service level of "answered" is undefined, the
 * others 0; only short abandons: everything is undefined. */
static void
test_undefined (Fixture       *fixture,
                gconstpointer  data)
{
  RubricKpiDefinition d = definition (20, 5, RUBRIC_SL_ANSWERED, 7);
  RubricKpis k;

  import_calls (fixture, "x," NOON ",30,abandoned,,\n");
  k = kpis_for (fixture, "2026-06-10", "2026-06-10", &d);
  assert_kpi (&k.service_level, NAN);
  assert_kpi (&k.abandon_rate, 100);
  assert_kpi (&k.asa, NAN);
  assert_kpi (&k.fcr, NAN);
  d.formula = RUBRIC_SL_ABANDONS_NEGATIVE;
  k = kpis_for (fixture, "2026-06-10", "2026-06-10", &d);
  assert_kpi (&k.service_level, 0);

  import_calls (fixture, "y,2026-06-11T12:00:00Z,1,abandoned,,\n");
  k = kpis_for (fixture, "2026-06-11", "2026-06-11", &d);
  g_assert_cmpuint (k.offered, ==, 1);
  g_assert_cmpuint (k.short_abandoned, ==, 1);
  assert_kpi (&k.service_level, NAN);
  assert_kpi (&k.abandon_rate, NAN);
}

/* Repeat contacts: within D days after (inclusive), any outcome, the same
 * vendor; the look-ahead crosses the period's end. */
static void
test_fcr (Fixture       *fixture,
          gconstpointer  data)
{
  RubricKpiDefinition d = definition (20, 5, RUBRIC_SL_ABANDONS_NEGATIVE, 7);
  RubricKpis k;

  import_calls (fixture,
                /* c1 calls back exactly 7 days later (an abandon): a repeat */
                "c1a,2026-06-10T12:00:00Z,1,answered,10,+371001\n"
                "c1b,2026-06-17T12:00:00Z,1,abandoned,,+371001\n"
                /* c2 calls back 7 days and 1 s later: resolved */
                "c2a,2026-06-10T12:00:00Z,1,answered,10,+371002\n"
                "c2b,2026-06-17T12:00:01Z,1,answered,10,+371002\n"
                /* c3 called before, not after: resolved */
                "c3a,2026-06-09T12:00:00Z,1,answered,10,+371003\n"
                "c3b,2026-06-10T12:00:00Z,1,answered,10,+371003\n"
                /* no caller id: not in FCR */
                "c4,2026-06-10T12:00:00Z,1,answered,10,\n"
                /* c5 at the end of June calls again on July 2: a repeat */
                "c5a,2026-06-30T20:00:00Z,1,answered,10,+371005\n"
                "c5b,2026-07-02T08:00:00Z,1,answered,10,+371005\n");

  k = kpis_for (fixture, "2026-06-10", "2026-06-10", &d);
  /* c1a (repeat), c2a (resolved), c3b (resolved) */
  g_assert_cmpuint (k.fcr_n, ==, 3);
  g_assert_cmpuint (k.fcr_resolved, ==, 2);
  assert_kpi (&k.fcr, 100.0 * 2 / 3);

  k = kpis_for (fixture, "2026-06-30", "2026-06-30", &d);
  g_assert_cmpuint (k.fcr_n, ==, 1);
  g_assert_cmpuint (k.fcr_resolved, ==, 0);

  /* D = 1: c5's gap (36 h) is no repeat any more. */
  d.repeat_days = 1;
  k = kpis_for (fixture, "2026-06-30", "2026-06-30", &d);
  g_assert_cmpuint (k.fcr_resolved, ==, 1);

  /* A call imported later, out of order, between c3a and c3b turns c3a
   * into a repeat contact and leaves the rollups right (checked both ways
   * by kpis_for). */
  import_calls (fixture, "c3x,2026-06-09T18:00:00Z,1,answered,10,+371003\n");
  d.repeat_days = 7;
  k = kpis_for (fixture, "2026-06-09", "2026-06-09", &d);
  g_assert_cmpuint (k.fcr_n, ==, 2);
  g_assert_cmpuint (k.fcr_resolved, ==, 0);
}

/* Days are the vendor's local days, across daylight saving changes and
 * month edges (Europe/Riga: UTC+2, UTC+3 from 2026-03-29 01:00 UTC to
 * 2026-10-25 01:00 UTC). */
static void
test_time_zone_days (Fixture       *fixture,
                     gconstpointer  data)
{
  RubricKpiDefinition d = definition (20, 5, RUBRIC_SL_ABANDONS_NEGATIVE, 7);

  import_contract (fixture, "timezone=\"Europe/Riga\"", "");
  import_calls (fixture,
                /* 2026-01-31 23:30 local = 2026-01-31T21:30Z: January */
                "m1,2026-01-31T21:30:00Z,1,answered,,\n"
                /* 2026-02-01 00:30 local = 2026-01-31T22:30Z: February */
                "m2,2026-01-31T22:30:00Z,1,answered,,\n"
                /* the 23-hour day 2026-03-29: 00:00 local = 03-28T22:00Z,
                 * 23:59:59 local = 03-29T20:59:59Z */
                "s1,2026-03-28T21:59:59Z,1,answered,,\n"
                "s2,2026-03-28T22:00:00Z,1,answered,,\n"
                "s3,2026-03-29T20:59:59Z,1,answered,,\n"
                "s4,2026-03-29T21:00:00Z,1,answered,,\n"
                /* the 25-hour day 2026-10-25: 00:00 local = 10-24T21:00Z,
                 * 23:59:59 local = 10-25T21:59:59Z */
                "f1,2026-10-24T20:59:59Z,1,answered,,\n"
                "f2,2026-10-24T21:00:00Z,1,answered,,\n"
                "f3,2026-10-25T21:59:59Z,1,answered,,\n"
                "f4,2026-10-25T22:00:00Z,1,answered,,\n"
                /* New Year: 2027-01-01 00:00 local = 2026-12-31T22:00Z */
                "y1,2026-12-31T21:59:59Z,1,answered,,\n"
                "y2,2026-12-31T22:00:00Z,1,answered,,\n");

  g_assert_cmpuint (kpis_for (fixture, "2026-01-01", "2026-01-31", &d).offered, ==, 1);
  g_assert_cmpuint (kpis_for (fixture, "2026-02-01", "2026-02-28", &d).offered, ==, 1);
  g_assert_cmpuint (kpis_for (fixture, "2026-03-28", "2026-03-28", &d).offered, ==, 1);
  g_assert_cmpuint (kpis_for (fixture, "2026-03-29", "2026-03-29", &d).offered, ==, 2);
  g_assert_cmpuint (kpis_for (fixture, "2026-03-30", "2026-03-30", &d).offered, ==, 1);
  g_assert_cmpuint (kpis_for (fixture, "2026-10-24", "2026-10-24", &d).offered, ==, 1);
  g_assert_cmpuint (kpis_for (fixture, "2026-10-25", "2026-10-25", &d).offered, ==, 2);
  g_assert_cmpuint (kpis_for (fixture, "2026-10-26", "2026-10-26", &d).offered, ==, 1);
  g_assert_cmpuint (kpis_for (fixture, "2026-12-31", "2026-12-31", &d).offered, ==, 1);
  g_assert_cmpuint (kpis_for (fixture, "2027-01-01", "2027-01-01", &d).offered, ==, 1);

  /* A new contract version moves the vendor to UTC: the rollups follow. */
  import_contract (fixture, "timezone=\"UTC\" valid-from=\"2027-01-01\"", "");
  g_assert_cmpuint (kpis_for (fixture, "2026-01-31", "2026-01-31", &d).offered, ==, 2);
  g_assert_cmpuint (kpis_for (fixture, "2026-03-29", "2026-03-29", &d).offered, ==, 2);
  g_assert_cmpuint (kpis_for (fixture, "2026-10-24", "2026-10-24", &d).offered, ==, 2);
  g_assert_cmpuint (kpis_for (fixture, "2026-10-25", "2026-10-25", &d).offered, ==, 2);
  g_assert_cmpuint (kpis_for (fixture, "2026-12-31", "2026-12-31", &d).offered, ==, 2);
}

/* Without an explicit definition, each period uses the contract in force
 * on its first day (the first contract before that). */
static void
test_contract_definitions (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) periods = NULL;
  g_autoptr(GArray) result = NULL;
  RubricDayRange year = { day ("2026-01-01"), day ("2026-12-31") };

  import_contract (fixture, "timezone=\"UTC\" valid-from=\"2026-04-01\"",
                   "<service-level threshold=\"10\"/>");
  import_contract (fixture, "timezone=\"UTC\" valid-from=\"2026-07-01\"",
                   "<service-level threshold=\"30\"/>");
  import_calls (fixture,
                "q1,2026-02-10T12:00:00Z,25,answered,,\n"
                "q2,2026-05-10T12:00:00Z,25,answered,,\n"
                "q3,2026-08-10T12:00:00Z,25,answered,,\n");

  periods = rubric_period_split (year, RUBRIC_PERIOD_QUARTER);
  result = rubric_kpis_compute (fixture->db, acme (fixture), periods, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->len, ==, 4);
  /* Q1: before any contract: the first one (T 10) */
  g_assert_cmpuint (g_array_index (result, RubricKpis, 0).answered_within, ==, 0);
  g_assert_cmpuint (g_array_index (result, RubricKpis, 1).answered_within, ==, 0);
  g_assert_cmpuint (g_array_index (result, RubricKpis, 2).answered_within, ==, 1);
  g_assert_cmpuint (g_array_index (result, RubricKpis, 3).offered, ==, 0);
}

/* Random calls, periods and definitions: the rollups and a scan of the
 * calls always agree, however the calls came in. */
static void
test_rollups_match_scan (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const outcomes[] = { "answered", "abandoned", "timeout", "other" };
  GRand *rand = g_rand_new_with_seed (20261122);
  gint64 start = 1772316000;  /* 2026-02-28T22:00Z */

  import_contract (fixture, "timezone=\"Europe/Riga\"", "");

  for (guint batch = 0; batch < 4; batch++)
    {
      g_autoptr(GString) rows = g_string_new (NULL);

      for (guint i = 0; i < 400; i++)
        {
          gint64 t = start + g_rand_int_range (rand, 0, 75 * 86400);
          double wait = g_rand_int_range (rand, 0, 2) ? g_rand_int_range (rand, 0, 40)
                                                      : g_rand_double_range (rand, 0, 40);
          const char *outcome = outcomes[g_rand_int_range (rand, 0, 4)];
          g_autofree char *caller = g_rand_int_range (rand, 0, 4)
            ? g_strdup_printf ("+371%d", g_rand_int_range (rand, 0, 60)) : g_strdup ("");
          g_autofree char *talk = g_rand_int_range (rand, 0, 3)
            ? g_strdup_printf ("%d", g_rand_int_range (rand, 5, 900)) : g_strdup ("");

          g_string_append_printf (rows, "r%u-%u,%" G_GINT64_FORMAT ",%.3f,%s,%s,%s\n",
                                  batch, i, t, wait, outcome, talk, caller);
        }
      import_calls (fixture, rows->str);
    }

  for (guint round = 0; round < 40; round++)
    {
      RubricKpiDefinition d = definition (g_rand_int_range (rand, 0, 40),
                                          g_rand_int_range (rand, 0, 10),
                                          (RubricSlFormula) g_rand_int_range (rand, 0, 4),
                                          g_rand_int_range (rand, 1, 30));
      gint32 first = day ("2026-02-25") + g_rand_int_range (rand, 0, 60);
      gint32 last = first + g_rand_int_range (rand, 0, 30);
      g_autofree char *a = rubric_day_format (first);
      g_autofree char *b = rubric_day_format (last);

      kpis_for (fixture, a, b, &d);
    }

  g_rand_free (rand);
}

/* "--by day" from 1970 to 9999 is three million periods: refused at once
 * rather than computed for hours; by year, the same days are fine. */
static void
test_too_many_periods (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(GArray) years = NULL;
  g_autoptr(GArray) result = NULL;
  RubricDayRange all = { day ("1970-01-01"), day ("9999-12-31") };
  gint64 start = g_get_monotonic_time ();

  import_calls (fixture, "a1," NOON ",1,answered,,\n");

  days = rubric_period_split (all, RUBRIC_PERIOD_DAY);
  g_assert_cmpuint (days->len, ==, 2932897);
  result = rubric_kpis_compute (fixture->db, acme (fixture), days, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_USAGE);
  g_assert_nonnull (strstr (error->message, "1970-01-01 to 9999-12-31"));
  g_clear_error (&error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  years = rubric_period_split (all, RUBRIC_PERIOD_YEAR);
  result = rubric_kpis_compute (fixture->db, acme (fixture), years, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->len, ==, 8030);
  g_assert_cmpuint (g_array_index (result, RubricKpis, 2026 - 1970).offered, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/kpis/empty", test_empty);
  ADD ("/kpis/service-level-formulas", test_service_level_formulas);
  ADD ("/kpis/undefined", test_undefined);
  ADD ("/kpis/fcr", test_fcr);
  ADD ("/kpis/time-zone-days", test_time_zone_days);
  ADD ("/kpis/contract-definitions", test_contract_definitions);
  ADD ("/kpis/rollups-match-scan", test_rollups_match_scan);
  ADD ("/kpis/too-many-periods", test_too_many_periods);

#undef ADD

  return g_test_run ();
}
