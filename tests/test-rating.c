/* test-rating.c — tests of vendor ratings (SPEC §5.2) and their CSV and XML (§8.6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every expected figure below is worked out by hand from the SPEC's formulas
 * in the comment beside it, from data small enough to count on one's fingers.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libxml/relaxng.h>
#include <string.h>

#include "rubric-calls.h"
#include "rubric-contract-store.h"
#include "rubric-db.h"
#include "rubric-error.h"
#include "rubric-evaluation-store.h"
#include "rubric-metrics.h"
#include "rubric-rating.h"
#include "rubric-scorecard-store.h"
#include "rubric-test-util.h"

typedef struct
{
  char     *dir;
  RubricDb *db;
} Fixture;

/* One criterion per category, so that a score is easy to aim at: q1 (a
 * 0..4 scale, resolution) scores 25 per step; q2 (yes/no, documentation)
 * may be N/A; q3 (critical yes/no, policy) fails the call. */
static const char scorecard_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<scorecard xmlns=\"urn:rubric:scorecard:1\" key=\"t\" version=\"1\">\n"
  "  <title>T</title>\n"
  "  <section key=\"s\"><title>S</title>\n"
  "    <criterion key=\"q1\" category=\"resolution\" weight=\"1\" type=\"scale\" min=\"0\""
  " max=\"4\"><text>Q1</text></criterion>\n"
  "    <criterion key=\"q2\" category=\"documentation\" weight=\"1\" type=\"yes-no\""
  " na=\"true\"><text>Q2</text></criterion>\n"
  "    <criterion key=\"q3\" category=\"policy\" weight=\"1\" type=\"yes-no\" na=\"true\""
  " critical=\"true\"><text>Q3</text></criterion>\n"
  "  </section>\n"
  "</scorecard>\n";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *card = NULL;
  RubricScorecardImport result;

  test_db_set_up (&fixture->dir, &fixture->db);
  card = test_write_file (fixture->dir, "card.xml", scorecard_xml);
  rubric_scorecard_store_import (fixture->db, card, NULL, &result, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_db_tear_down (&fixture->dir, &fixture->db);
}

static void
import_contract (Fixture    *fixture,
                 const char *xml)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricContract) contract = NULL;

  contract = rubric_contract_new_from_xml ("contract.xml", xml, -1, &error);
  g_assert_no_error (error);
  rubric_contract_store_import (fixture->db, contract, NULL, &error);
  g_assert_no_error (error);
}

static void
import_calls (Fixture    *fixture,
              const char *csv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_write_file (fixture->dir, "calls.csv", csv);
  RubricCallImportReport report;

  rubric_calls_import_csv (fixture->db, path, NULL, NULL, NULL, &report, NULL, &error);
  g_assert_no_error (error);
}

static void
import_metrics (Fixture    *fixture,
                const char *csv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_write_file (fixture->dir, "metrics.csv", csv);
  RubricMetricsImportReport report;

  rubric_metrics_import (fixture->db, path, &report, &error);
  g_assert_no_error (error);
}

/* Evaluations of @vendor given as "STATUS CALL-TIME Q1 Q2 Q3;…". */
static void
import_evaluations (Fixture    *fixture,
                    const char *vendor,
                    const char *list)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) xml = g_string_new ("<evaluations xmlns=\"urn:rubric:evaluations:1\">\n");
  g_autofree char *path = NULL;
  g_auto(GStrv) items = g_strsplit (list, ";", -1);
  RubricEvaluationImportReport report;
  static guint serial;

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (g_strstrip (items[i]), " ", -1);

      if (f[0] == NULL)
        continue;
      g_assert_cmpuint (g_strv_length (f), ==, 5);
      serial++;
      g_string_append_printf (xml,
                              "<evaluation id=\"00000000-0000-4000-8000-%012u\" scorecard=\"t\""
                              " scorecard-version=\"1\" status=\"%s\" reviewer=\"r\""
                              " vendor=\"%s\" agent=\"a1\" call=\"c%u\" call-time=\"%s\">"
                              "<answer criterion=\"q1\" value=\"%s\"/>"
                              "<answer criterion=\"q2\" value=\"%s\"/>"
                              "<answer criterion=\"q3\" value=\"%s\"/>"
                              "</evaluation>\n",
                              serial, f[0], vendor, serial, f[1], f[2], f[3], f[4]);
    }
  g_string_append (xml, "</evaluations>\n");

  path = test_write_file (fixture->dir, "evaluations.xml", xml->str);
  rubric_evaluation_store_import (fixture->db, path, "test", &report, &error);
  g_assert_no_error (error);
}

static RubricDayRange
period (const char       *text,
        RubricPeriodKind *kind)
{
  g_autoptr(GError) error = NULL;
  RubricDayRange range;

  rubric_period_parse (text, &range, kind, &error);
  g_assert_no_error (error);
  return range;
}

static RubricRating *
rate (Fixture           *fixture,
      const char        *vendor,
      const char        *text,
      RubricRatingFlags  flags)
{
  g_autoptr(GError) error = NULL;
  RubricPeriodKind kind;
  RubricDayRange range = period (text, &kind);
  gint64 id = rubric_db_lookup_vendor (fixture->db, vendor, &error);
  RubricRating *rating;

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  rating = rubric_rating_compute (fixture->db, id, range, kind, flags, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rating);
  return rating;
}

static const RubricRatingObjective *
objective (const RubricRating *rating,
           const char         *metric)
{
  for (guint i = 0; i < rating->objectives->len; i++)
    {
      const RubricRatingObjective *o = g_ptr_array_index (rating->objectives, i);

      if (g_str_equal (o->metric, metric))
        return o;
    }
  g_assert_not_reached ();
}

#define assert_near(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 1e-9)

/* SPEC §5.2's attainment and met, every edge. */
static void
test_rating_attainment (void)
{
  assert_near (rubric_rating_attainment (40, 80, RUBRIC_BETTER_HIGHER), 50);
  assert_near (rubric_rating_attainment (80, 80, RUBRIC_BETTER_HIGHER), 100);
  assert_near (rubric_rating_attainment (120, 80, RUBRIC_BETTER_HIGHER), 100);
  assert_near (rubric_rating_attainment (0, 80, RUBRIC_BETTER_HIGHER), 0);
  /* t = 0, higher is better: any actual reaches it. */
  assert_near (rubric_rating_attainment (0, 0, RUBRIC_BETTER_HIGHER), 100);
  assert_near (rubric_rating_attainment (3, 0, RUBRIC_BETTER_HIGHER), 100);

  assert_near (rubric_rating_attainment (10, 5, RUBRIC_BETTER_LOWER), 50);
  assert_near (rubric_rating_attainment (5, 5, RUBRIC_BETTER_LOWER), 100);
  assert_near (rubric_rating_attainment (2, 5, RUBRIC_BETTER_LOWER), 100);
  /* a = 0 → 100, even against t = 0; t = 0 and a > 0 → 0. */
  assert_near (rubric_rating_attainment (0, 5, RUBRIC_BETTER_LOWER), 100);
  assert_near (rubric_rating_attainment (0, 0, RUBRIC_BETTER_LOWER), 100);
  assert_near (rubric_rating_attainment (0.01, 0, RUBRIC_BETTER_LOWER), 0);

  g_assert_true (rubric_rating_is_met (80, 80, RUBRIC_BETTER_HIGHER));
  g_assert_false (rubric_rating_is_met (79.9999, 80, RUBRIC_BETTER_HIGHER));
  g_assert_true (rubric_rating_is_met (5, 5, RUBRIC_BETTER_LOWER));
  g_assert_false (rubric_rating_is_met (5.0001, 5, RUBRIC_BETTER_LOWER));
  g_assert_true (rubric_rating_is_met (0, 0, RUBRIC_BETTER_LOWER));
}

static const char acme_contract[] =
  "<contract xmlns=\"urn:rubric:contract:1\" vendor=\"Acme\" timezone=\"Europe/Riga\""
  " period=\"month\" minimum-evaluations=\"3\" credit-cap=\"6\">"
  "<service-level threshold=\"20\" short-abandon=\"5\" formula=\"abandons-negative\"/>"
  "<repeat-contact days=\"7\"/>"
  "<objective metric=\"service-level\" target=\"80\" weight=\"30\" credit=\"5\"/>"
  "<objective metric=\"abandon-rate\" target=\"5\" weight=\"10\" credit=\"2\"/>"
  "<objective metric=\"asa\" target=\"30\" weight=\"10\" credit=\"1\"/>"
  "<objective metric=\"qa-overall\" target=\"85\" weight=\"30\"/>"
  "<objective metric=\"custom:csat\" target=\"4.2\" direction=\"higher\" weight=\"10\""
  " credit=\"3\"/>"
  "<objective metric=\"aht\" target=\"300\" weight=\"10\"/>"
  "</contract>";

/* October 2026 in Riga (UTC+3 until the 25th, then UTC+2): A = 5 (4 within
 * 20 s), B = 1, one short abandon, one `other`; no talk times. */
static const char acme_calls[] =
  "call_id,vendor,queue,entered_at,wait_s,outcome\n"
  "1,Acme,q,2026-10-05T09:00:00Z,10,answered\n"
  "2,Acme,q,2026-10-05T09:01:00Z,10,answered\n"
  "3,Acme,q,2026-10-05T09:02:00Z,10,answered\n"
  "4,Acme,q,2026-10-05T09:03:00Z,10,answered\n"
  "5,Acme,q,2026-10-05T09:04:00Z,30,answered\n"
  "6,Acme,q,2026-10-05T09:05:00Z,40,abandoned\n"
  "7,Acme,q,2026-10-05T09:06:00Z,2,abandoned\n"
  "8,Acme,q,2026-10-05T09:07:00Z,3,other\n"
  /* 2026-09-30 23:30 in Riga: September's. */
  "9,Acme,q,2026-09-30T20:30:00Z,100,answered\n";

static void
load_acme (Fixture *fixture)
{
  import_contract (fixture, acme_contract);
  import_calls (fixture, acme_calls);
  /* csat reported for the month; service level too, which the calls beat. */
  import_metrics (fixture,
                  "vendor,period_start,period_end,metric,value,n\n"
                  "Acme,2026-10-01,2026-10-31,custom:csat,4,50\n"
                  "Acme,2026-10-01,2026-10-31,service-level,99,1000\n"
                  "Acme,2026-10-01,2026-10-31,aht,250,5\n");
  /* q1 = 4, 3, 2 → 100, 75, 50 (q2, q3 N/A): mean 75, s = 25. A draft and
   * a calibration that would drag it down, a submitted one of November
   * (00:10 on 1 November in Riga is 22:10 UTC on 31 October) and one of
   * September (23:50 on 30 September in Riga), neither October's. */
  import_evaluations (fixture, "Acme",
                      "submitted 2026-10-02T10:00:00Z 4 na na;"
                      "submitted 2026-10-31T21:30:00Z 3 na na;"
                      "submitted 2026-10-15T10:00:00+03:00 2 na na;"
                      "draft 2026-10-03T10:00:00Z 0 na na;"
                      "calibration 2026-10-03T10:00:00Z 0 na na;"
                      "submitted 2026-10-31T22:10:00Z 0 na na;"
                      "submitted 2026-09-30T20:50:00Z 0 no na");
}

static void
test_rating_full (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(RubricRating) rating = NULL;
  const RubricRatingObjective *o;
  double sl = 100.0 * 4 / 6, ar = 100.0 * 1 / 6;
  double t = 4.302652729911275;   /* t(0.975, 2) */
  double half = t * 25 / sqrt (3);
  double s_sl = 100 * sl / 80, s_ar = 100 * 5 / ar, s_qa = 100 * 75 / 85.0;
  double s_csat = 100 * 4 / 4.2;
  double s_qa_low = 100 * (75 - half) / 85;
  double weight = 30 + 10 + 10 + 30 + 10;

  load_acme (fixture);
  rating = rate (fixture, "Acme", "2026-10", 0);

  g_assert_cmpstr (rating->timezone, ==, "Europe/Riga");
  g_assert_cmpuint (rating->calls, ==, 8);
  g_assert_cmpuint (rating->evaluations, ==, 3);

  /* Calls win over the reported service level. */
  o = objective (rating, "service-level");
  g_assert_cmpint (o->source, ==, RUBRIC_RATING_SOURCE_CALLS);
  assert_near (o->actual, sl);
  g_assert_cmpuint (o->n, ==, 6);             /* A + B */
  g_assert_true (o->has_ci);
  g_assert_cmpfloat (o->ci_low, <, sl);
  g_assert_false (o->met);
  assert_near (o->score, s_sl);

  o = objective (rating, "abandon-rate");
  assert_near (o->actual, ar);
  assert_near (o->score, s_ar);               /* lower is better: t / a */
  g_assert_false (o->met);

  o = objective (rating, "asa");
  assert_near (o->actual, 70.0 / 5);
  g_assert_cmpuint (o->n, ==, 5);
  g_assert_false (o->has_ci);
  g_assert_true (o->met);

  o = objective (rating, "qa-overall");
  g_assert_cmpint (o->source, ==, RUBRIC_RATING_SOURCE_EVALUATIONS);
  assert_near (o->actual, 75);
  g_assert_cmpuint (o->n, ==, 3);
  g_assert_true (o->has_ci);
  g_assert_cmpfloat_with_epsilon (o->ci_low, 75 - half, 1e-5);
  assert_near (o->ci_high, 100);               /* clipped */
  assert_near (o->score, s_qa);

  o = objective (rating, "custom:csat");
  g_assert_cmpint (o->source, ==, RUBRIC_RATING_SOURCE_METRICS);
  assert_near (o->actual, 4);
  g_assert_cmpuint (o->n, ==, 50);
  g_assert_false (o->has_ci);                  /* not a proportion */

  /* No talk time: AHT has no data, not 0 — nor the reported 250, since
   * the vendor has call records in the period. */
  o = objective (rating, "aht");
  g_assert_cmpint (o->source, ==, RUBRIC_RATING_SOURCE_NONE);
  g_assert_false (o->has_actual);

  assert_near (rating->rating,
               (30 * s_sl + 10 * s_ar + 10 * 100 + 30 * s_qa + 10 * s_csat) / weight);
  g_assert_cmpfloat_with_epsilon (rating->rating_low,
                                  (30 * s_sl + 10 * s_ar + 10 * 100 + 30 * s_qa_low +
                                   10 * s_csat) / weight, 1e-5);
  /* The upper end of the QA interval (100) attains 100. */
  assert_near (rating->rating_high,
               (30 * s_sl + 10 * s_ar + 10 * 100 + 30 * 100 + 10 * s_csat) / weight);
  g_assert_cmpstr (rating->grade, ==, "C");    /* 82.2… */
  g_assert_cmpuint (rating->objectives_met, ==, 1);
  g_assert_cmpuint (rating->objectives_total, ==, 6);
  /* Missed: service level 5, abandon rate 2, csat 3 = 10, capped at 6. */
  assert_near (rating->credits_uncapped, 10);
  assert_near (rating->credits, 6);
  g_assert_false (rating->small_sample);       /* 3 ≥ minimum 3 */
  g_assert_false (rating->incomplete);         /* 10 of 100 without data */
}

/* The previous period, the trend and the change of every actual. */
static void
test_rating_previous (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RubricRating) rating = NULL;
  const RubricRatingObjective *o;
  const RubricRatingPoint *last, *before;

  load_acme (fixture);
  rating = rate (fixture, "Acme", "2026-10",
                 RUBRIC_RATING_WITH_PREVIOUS | RUBRIC_RATING_WITH_TREND);

  g_assert_true (rating->has_previous);
  g_assert_cmpint (rating->previous_range.first, ==, period ("2026-09", NULL).first);
  g_assert_cmpint (rating->previous_range.last, ==, period ("2026-09", NULL).last);
  g_assert_true (rating->previous_has_rating);

  /* September: one call answered after 100 s (SL 0, ASA 100), one
   * auto-failed evaluation (score 0). */
  o = objective (rating, "service-level");
  g_assert_true (o->has_previous);
  assert_near (o->previous_actual, 0);
  o = objective (rating, "qa-overall");
  g_assert_true (o->has_previous);
  assert_near (o->previous_actual, 0);
  o = objective (rating, "custom:csat");
  g_assert_false (o->has_previous);

  g_assert_nonnull (rating->trend);
  g_assert_cmpuint (rating->trend->len, ==, RUBRIC_RATING_TREND_PERIODS);
  last = &g_array_index (rating->trend, RubricRatingPoint, RUBRIC_RATING_TREND_PERIODS - 1);
  before = &g_array_index (rating->trend, RubricRatingPoint, RUBRIC_RATING_TREND_PERIODS - 2);
  g_assert_cmpint (last->range.first, ==, rating->range.first);
  assert_near (last->rating, rating->rating);
  /* Each point carries its period's call KPIs (the app's KPI charts). */
  g_assert_cmpuint (last->kpis.offered, ==, 8);
  g_assert_cmpuint (before->kpis.offered, ==, 1);
  g_assert_cmpuint (before->kpis.answered_within, ==, 0);
  assert_near (before->rating, rating->previous_rating);
  g_assert_cmpint (g_array_index (rating->trend, RubricRatingPoint, 0).range.first, ==,
                   period ("2025-11", NULL).first);
  /* Periods without any data have no rating. */
  g_assert_false (g_array_index (rating->trend, RubricRatingPoint, 0).has_rating);
}

/* No data at all: no rating, no grade; every flag that applies. */
static void
test_rating_empty (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(RubricRating) rating = NULL;
  g_autofree char *flags = NULL;

  load_acme (fixture);
  rating = rate (fixture, "Acme", "2025-01", 0);

  g_assert_false (rating->has_rating);
  g_assert_true (isnan (rating->rating));
  g_assert_null (rating->grade);
  g_assert_cmpuint (rating->objectives_met, ==, 0);
  g_assert_cmpuint (rating->objectives_total, ==, 6);
  assert_near (rating->credits, 0);            /* nothing missed: nothing owed */
  g_assert_true (rating->incomplete);
  g_assert_true (rating->small_sample);        /* n = 0 < 3 */
  flags = rubric_rating_flags_string (rating, ";");
  g_assert_cmpstr (flags, ==, "small-sample;incomplete");
  g_assert_cmpuint (objective (rating, "qa-overall")->n, ==, 0);
}

/* Objectives without data holding exactly half the weight: not incomplete;
 * more than half: incomplete. Band edges compare exactly. */
static void
test_rating_incomplete_and_bands (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(RubricRating) half = NULL;
  g_autoptr(RubricRating) more = NULL;
  g_autoptr(RubricRating) below = NULL;

  import_contract (fixture,
                   "<contract xmlns=\"urn:rubric:contract:1\" vendor=\"Half\" timezone=\"UTC\">"
                   "<objective metric=\"custom:x\" target=\"100\" direction=\"higher\""
                   " weight=\"1\"/>"
                   "<objective metric=\"custom:y\" target=\"100\" direction=\"higher\""
                   " weight=\"1\"/>"
                   "<grades><grade name=\"A\" min=\"95\"/><grade name=\"B\" min=\"0\"/></grades>"
                   "</contract>");
  import_contract (fixture,
                   "<contract xmlns=\"urn:rubric:contract:1\" vendor=\"More\" timezone=\"UTC\">"
                   "<objective metric=\"custom:x\" target=\"100\" direction=\"higher\""
                   " weight=\"1\"/>"
                   "<objective metric=\"custom:y\" target=\"100\" direction=\"higher\""
                   " weight=\"1.0001\"/>"
                   "</contract>");
  import_metrics (fixture,
                  "vendor,period_start,period_end,metric,value,n\n"
                  "Half,2026-03-01,2026-03-31,custom:x,95,\n"
                  "More,2026-03-01,2026-03-31,custom:x,95,\n"
                  "Half,2026-04-01,2026-04-30,custom:x,94.99,\n"
                  "Half,2026-04-01,2026-04-30,custom:y,94.99,\n");

  half = rate (fixture, "Half", "2026-03", 0);
  g_assert_false (half->incomplete);
  g_assert_false (half->small_sample);         /* no QA objective */
  assert_near (half->rating, 95);
  g_assert_cmpstr (half->grade, ==, "A");      /* 95 is in A */
  assert_near (half->weight_without_data, 1);

  more = rate (fixture, "More", "2026-03", 0);
  g_assert_true (more->incomplete);
  g_assert_cmpstr (more->grade, ==, "A");      /* the default bands */

  below = rate (fixture, "Half", "2026-04", 0);
  assert_near (below->rating, 94.99);
  g_assert_cmpstr (below->grade, ==, "B");
}

/* A lower-is-better objective whose actual is 0 attains 100 and is met. */
static void
test_rating_zero_actual (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(RubricRating) rating = NULL;
  const RubricRatingObjective *o;

  import_contract (fixture,
                   "<contract xmlns=\"urn:rubric:contract:1\" vendor=\"Zero\" timezone=\"UTC\">"
                   "<objective metric=\"abandon-rate\" target=\"0\" weight=\"1\" credit=\"4\"/>"
                   "<objective metric=\"asa\" target=\"0\" weight=\"1\" credit=\"3\"/>"
                   "</contract>");
  import_calls (fixture,
                "call_id,vendor,queue,entered_at,wait_s,outcome\n"
                "1,Zero,q,2026-05-05T09:00:00Z,0,answered\n"
                "2,Zero,q,2026-05-05T09:01:00Z,4,answered\n");

  rating = rate (fixture, "Zero", "2026-05", 0);
  o = objective (rating, "abandon-rate");
  assert_near (o->actual, 0);
  assert_near (o->score, 100);
  g_assert_true (o->met);
  /* ASA 2 s against a target of 0: attains 0, missed. */
  o = objective (rating, "asa");
  assert_near (o->actual, 2);
  assert_near (o->score, 0);
  g_assert_false (o->met);
  assert_near (rating->rating, 50);
  assert_near (rating->credits, 3);            /* no cap */
}

/* Aggregates within the period: one covering it alone, else the longest
 * that do not overlap, n-weighted when every one has an n. */
static void
test_rating_aggregates (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(RubricRating) month = NULL;
  g_autoptr(RubricRating) quarter = NULL;
  g_autoptr(RubricRating) week = NULL;
  const RubricRatingObjective *o;

  import_contract (fixture,
                   "<contract xmlns=\"urn:rubric:contract:1\" vendor=\"Agg\" timezone=\"UTC\">"
                   "<objective metric=\"service-level\" target=\"80\" weight=\"1\"/>"
                   "<objective metric=\"aht\" target=\"300\" weight=\"1\"/>"
                   "</contract>");
  import_metrics (fixture,
                  "vendor,period_start,period_end,metric,value,n\n"
                  "Agg,2026-01-01,2026-01-31,service-level,70,100\n"
                  "Agg,2026-01-05,2026-01-11,service-level,10,10\n"
                  "Agg,2026-02-01,2026-02-28,service-level,90,300\n"
                  "Agg,2026-01-01,2026-01-31,aht,200,\n"
                  "Agg,2026-02-01,2026-02-28,aht,400,\n");

  /* The month's own aggregate wins over the week inside it. */
  month = rate (fixture, "Agg", "2026-01", 0);
  o = objective (month, "service-level");
  g_assert_cmpint (o->source, ==, RUBRIC_RATING_SOURCE_METRICS);
  assert_near (o->actual, 70);
  g_assert_cmpuint (o->n, ==, 100);
  g_assert_true (o->has_ci);                   /* Wilson of 70 out of 100 */
  g_assert_cmpfloat (o->ci_low, <, 70);
  g_assert_cmpfloat (o->ci_high, >, 70);

  /* Over Q1: January and February (the week overlaps January), by n. */
  quarter = rate (fixture, "Agg", "2026-Q1", 0);
  o = objective (quarter, "service-level");
  assert_near (o->actual, (70.0 * 100 + 90.0 * 300) / 400);
  g_assert_cmpuint (o->n, ==, 400);
  o = objective (quarter, "aht");
  assert_near (o->actual, 300);                /* plain mean: no n */
  g_assert_false (o->has_n);
  g_assert_true (o->met);

  /* A week inside January sees only the week's aggregate. */
  week = rate (fixture, "Agg", "2026-01-05..2026-01-11", 0);
  assert_near (objective (week, "service-level")->actual, 10);
  g_assert_false (objective (week, "aht")->has_actual);
}

/* The version in force on the period's first day; the first version before
 * any was in force. */
static void
test_rating_contract_versions (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(RubricRating) before = NULL;
  g_autoptr(RubricRating) first = NULL;
  g_autoptr(RubricRating) straddling = NULL;
  g_autoptr(RubricRating) second = NULL;
#define VERSION(from, target) \
    "<contract xmlns=\"urn:rubric:contract:1\" vendor=\"V\" timezone=\"UTC\"" \
    " valid-from=\"" from "\"><objective metric=\"custom:x\" target=\"" target "\"" \
    " direction=\"higher\" weight=\"1\"/></contract>"
  const char *one = VERSION ("2026-02-01", "50");
  const char *two = VERSION ("2026-03-15", "100");
#undef VERSION

  import_contract (fixture, one);
  import_contract (fixture, two);
  import_metrics (fixture,
                  "vendor,period_start,period_end,metric,value,n\n"
                  "V,2026-01-01,2026-01-31,custom:x,50,\n"
                  "V,2026-02-01,2026-02-28,custom:x,50,\n"
                  "V,2026-03-01,2026-03-31,custom:x,50,\n"
                  "V,2026-04-01,2026-04-30,custom:x,50,\n");

  before = rate (fixture, "V", "2026-01", 0);
  g_assert_cmpstr (before->contract->valid_from, ==, "2026-02-01");
  assert_near (before->rating, 100);
  first = rate (fixture, "V", "2026-02", 0);
  assert_near (first->rating, 100);
  straddling = rate (fixture, "V", "2026-03", 0);
  g_assert_cmpstr (straddling->contract->valid_from, ==, "2026-02-01");
  assert_near (straddling->rating, 100);
  second = rate (fixture, "V", "2026-04", 0);
  g_assert_cmpstr (second->contract->valid_from, ==, "2026-03-15");
  assert_near (second->rating, 50);
}

/* Categories: a qa-KEY objective takes the category's mean, which an
 * auto-fail does not zero; N/A leaves a category out of an evaluation. */
static void
test_rating_categories (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(RubricRating) rating = NULL;
  const RubricRatingObjective *o;

  import_contract (fixture,
                   "<contract xmlns=\"urn:rubric:contract:1\" vendor=\"Q\" timezone=\"UTC\""
                   " minimum-evaluations=\"2\">"
                   "<objective metric=\"qa-overall\" target=\"80\" weight=\"1\"/>"
                   "<objective metric=\"qa-resolution\" target=\"80\" weight=\"1\"/>"
                   "<objective metric=\"qa-documentation\" target=\"80\" weight=\"1\"/>"
                   "<objective metric=\"qa-policy\" target=\"80\" weight=\"1\"/>"
                   "</contract>");
  /* 1: q1 4, q2 yes, q3 no (auto-fail: overall 0, resolution 100,
   * documentation 100, policy 0). 2: q1 2, q2 N/A, q3 yes: overall
   * (50 + 100) / 2 = 75, resolution 50, policy 100. */
  import_evaluations (fixture, "Q",
                      "submitted 2026-06-01T10:00:00Z 4 yes no;"
                      "submitted 2026-06-02T10:00:00Z 2 na yes");

  rating = rate (fixture, "Q", "2026-06", 0);
  o = objective (rating, "qa-overall");
  assert_near (o->actual, 37.5);
  g_assert_cmpuint (o->n, ==, 2);
  o = objective (rating, "qa-resolution");
  assert_near (o->actual, 75);
  o = objective (rating, "qa-documentation");
  assert_near (o->actual, 100);
  g_assert_cmpuint (o->n, ==, 1);
  g_assert_false (o->has_ci);                  /* n < 2 */
  assert_near (o->score_low, o->score);        /* no CI: the actual bounds it */
  o = objective (rating, "qa-policy");
  assert_near (o->actual, 50);
  g_assert_true (rating->small_sample);        /* documentation: 1 < 2 */

  g_assert_cmpuint (rating->qa_categories->len, ==, 3);
  /* SPEC §1's order, not the keys' (rubric_category_compare). */
  g_assert_cmpstr (((RubricQaCategory *) g_ptr_array_index (rating->qa_categories, 0))->key,
                   ==, "resolution");
  g_assert_cmpstr (((RubricQaCategory *) g_ptr_array_index (rating->qa_categories, 2))->key,
                   ==, "documentation");
}

static void
test_rating_no_contract (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ratings = NULL;
  RubricPeriodKind kind;
  RubricDayRange range = period ("2026-10", &kind);

  import_calls (fixture, "call_id,vendor,queue,entered_at,wait_s,outcome\n"
                         "1,Loose,q,2026-10-05T09:00:00Z,0,answered\n");

  /* Every vendor with a contract: none. */
  ratings = rubric_ratings_compute (fixture->db, NULL, range, kind, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ratings->len, ==, 0);
  g_clear_pointer (&ratings, g_ptr_array_unref);

  ratings = rubric_ratings_compute (fixture->db, "Loose", range, kind, 0, &error);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND);
  g_assert_null (ratings);
  g_clear_error (&error);

  ratings = rubric_ratings_compute (fixture->db, "Nobody", range, kind, 0, &error);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND);
}

static char *
read_golden (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "ratings", name, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Regenerate with RUBRIC_UPDATE_GOLDEN=1 and read the diff. */
static void
assert_golden (const char *name,
               const char *text)
{
  g_autofree char *expected = NULL;

  if (g_getenv ("RUBRIC_UPDATE_GOLDEN") != NULL)
    {
      g_autofree char *path = g_build_filename (TEST_DATA_DIR, "ratings", name, NULL);

      g_assert_true (g_file_set_contents (path, text, -1, NULL));
    }

  expected = read_golden (name);
  g_assert_cmpstr (text, ==, expected);
}

static GPtrArray *
golden_ratings (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *ratings;
  RubricPeriodKind kind;
  RubricDayRange range = period ("2026-10", &kind);

  load_acme (fixture);
  /* A vendor named like a formula, with a comma, and no data at all. */
  import_contract (fixture,
                   "<contract xmlns=\"urn:rubric:contract:1\" vendor=\"=HYPERLINK(&quot;x&quot;),1\""
                   " timezone=\"UTC\">"
                   "<objective metric=\"qa-ownership\" target=\"90\" weight=\"2\" credit=\"1.5\"/>"
                   "<objective metric=\"fcr\" target=\"70\" weight=\"1\"/>"
                   "</contract>");

  ratings = rubric_ratings_compute (fixture->db, NULL, range, kind,
                                    RUBRIC_RATING_WITH_PREVIOUS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ratings->len, ==, 2);
  return ratings;
}

static void
test_rating_csv (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) ratings = golden_ratings (fixture);
  g_autofree char *summary = rubric_ratings_to_csv (ratings, FALSE);
  g_autofree char *detail = rubric_ratings_to_csv (ratings, TRUE);

  /* The formula-like vendor is inert: a leading ' inside the quotes. */
  g_assert_nonnull (strstr (summary, "\r\n\"'=HYPERLINK(\"\"x\"\"),1\","));
  g_assert_null (strstr (summary, "\r\n=HYPERLINK"));
  assert_golden ("summary.csv", summary);
  assert_golden ("detail.csv", detail);
}

static void
test_rating_xml (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) ratings = golden_ratings (fixture);
  g_autofree char *xml = rubric_ratings_to_xml (ratings);
  g_autofree char *schema_path = g_build_filename (TEST_DATA_DIR, "..", "..", "data",
                                                   "schemas", "ratings.rng", NULL);
  xmlRelaxNGParserCtxtPtr parser = xmlRelaxNGNewParserCtxt (schema_path);
  xmlRelaxNGPtr schema = xmlRelaxNGParse (parser);
  xmlRelaxNGValidCtxtPtr valid = xmlRelaxNGNewValidCtxt (schema);
  xmlDocPtr doc = xmlReadMemory (xml, (int) strlen (xml), "ratings.xml", NULL, XML_PARSE_NONET);

  g_assert_nonnull (schema);
  g_assert_nonnull (doc);
  g_assert_cmpint (xmlRelaxNGValidateDoc (valid, doc), ==, 0);

  assert_golden ("ratings.xml", xml);

  xmlFreeDoc (doc);
  xmlRelaxNGFreeValidCtxt (valid);
  xmlRelaxNGFree (schema);
  xmlRelaxNGFreeParserCtxt (parser);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/rating/attainment", test_rating_attainment);
  ADD ("/rating/full", test_rating_full);
  ADD ("/rating/previous", test_rating_previous);
  ADD ("/rating/empty", test_rating_empty);
  ADD ("/rating/incomplete-and-bands", test_rating_incomplete_and_bands);
  ADD ("/rating/zero-actual", test_rating_zero_actual);
  ADD ("/rating/aggregates", test_rating_aggregates);
  ADD ("/rating/contract-versions", test_rating_contract_versions);
  ADD ("/rating/categories", test_rating_categories);
  ADD ("/rating/no-contract", test_rating_no_contract);
  ADD ("/rating/csv", test_rating_csv);
  ADD ("/rating/xml", test_rating_xml);

  return g_test_run ();
}
