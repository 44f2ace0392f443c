/* test-trends.c — tests of agent trends (SPEC §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every expected figure is worked out by hand in the comment beside it. The
 * data go in through the real imports (scorecards, evaluations, calls,
 * contracts); only the agents' teams are set with SQL, as the Agents page's
 * own code is written elsewhere.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rubric-calls.h"
#include "rubric-clock.h"
#include "rubric-contract-store.h"
#include "rubric-db.h"
#include "rubric-error.h"
#include "rubric-evaluation-store.h"
#include "rubric-scorecard-store.h"
#include "rubric-trends.h"
#include "rubric-test-util.h"

typedef struct
{
  char     *dir;
  RubricDb *db;
  GString  *batch;
} Fixture;

/* "t": four criteria that all allow N/A, one per category (tone is a
 * scorecard's own). q1 (0..4) scores 25 per step; with q2 and q4 N/A and
 * q3 yes, q1 = 0, 2, 4 give S = 50, 75, 100. q3 is critical.
 * "u": c1 (resolution) does not allow N/A, c2 (ownership) does. */
static const char card_t[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<scorecard xmlns=\"urn:rubric:scorecard:1\" key=\"t\" version=\"1\">\n"
  "  <title>T</title>\n"
  "  <section key=\"s\"><title>S</title>\n"
  "    <criterion key=\"q1\" category=\"resolution\" weight=\"1\" type=\"scale\" min=\"0\""
  " max=\"4\" na=\"true\"><text>Q1</text></criterion>\n"
  "    <criterion key=\"q2\" category=\"documentation\" weight=\"1\" type=\"yes-no\""
  " na=\"true\"><text>Q2</text></criterion>\n"
  "    <criterion key=\"q3\" category=\"policy\" weight=\"1\" type=\"yes-no\" na=\"true\""
  " critical=\"true\"><text>Q3</text></criterion>\n"
  "    <criterion key=\"q4\" category=\"tone\" weight=\"1\" type=\"yes-no\" na=\"true\">"
  "<text>Q4</text></criterion>\n"
  "  </section>\n"
  "</scorecard>\n";

static const char card_u[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<scorecard xmlns=\"urn:rubric:scorecard:1\" key=\"u\" version=\"1\">\n"
  "  <title>U</title>\n"
  "  <section key=\"s\"><title>S</title>\n"
  "    <criterion key=\"c1\" category=\"resolution\" weight=\"1\" type=\"yes-no\">"
  "<text>C1</text></criterion>\n"
  "    <criterion key=\"c2\" category=\"ownership\" weight=\"1\" type=\"yes-no\" na=\"true\">"
  "<text>C2</text></criterion>\n"
  "  </section>\n"
  "</scorecard>\n";

static const char * const criteria_t[] = { "q1", "q2", "q3", "q4", NULL };
static const char * const criteria_u[] = { "c1", "c2", NULL };

static void
import_card (Fixture    *fixture,
             const char *name,
             const char *xml)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_write_file (fixture->dir, name, xml);
  RubricScorecardImport result;

  rubric_scorecard_store_import (fixture->db, path, NULL, &result, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_db_set_up (&fixture->dir, &fixture->db);
  import_card (fixture, "t.xml", card_t);
  import_card (fixture, "u.xml", card_u);
  fixture->batch = g_string_new (NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_string_free (fixture->batch, TRUE);
  test_db_tear_down (&fixture->dir, &fixture->db);
}

/* Adds an evaluation to the batch: @answers "q1=4 q3=no" (the criteria not
 * named are N/A, except in drafts, where they are left unanswered);
 * @reviewer and @call may be NULL (a call of its own); @comment, when not
 * NULL, is "CRITERION:TEXT". */
static void
add_eval (Fixture    *fixture,
          const char *status,
          const char *vendor,
          const char *agent,
          const char *when,
          const char *reviewer,
          const char *card,
          const char *answers,
          const char *call,
          const char *comment)
{
  static guint serial;
  g_auto(GStrv) given = g_strsplit (answers, " ", -1);
  const char * const *criteria = g_str_equal (card, "u") ? criteria_u : criteria_t;
  GString *xml = fixture->batch;

  serial++;
  g_string_append_printf (xml, "<evaluation id=\"00000000-0000-4000-8000-%012u\""
                          " scorecard=\"%s\" scorecard-version=\"1\" status=\"%s\""
                          " vendor=\"%s\" agent=\"%s\" call-time=\"%s\"",
                          serial, card, status, vendor, agent, when);
  if (call != NULL)
    g_string_append_printf (xml, " call=\"%s\"", call);
  else
    g_string_append_printf (xml, " call=\"x%u\"", serial);
  if (reviewer != NULL)
    g_string_append_printf (xml, " reviewer=\"%s\"", reviewer);
  g_string_append (xml, ">");

  for (guint i = 0; criteria[i] != NULL; i++)
    {
      const char *value = g_str_equal (status, "draft") ? NULL : "na";

      for (guint j = 0; given[j] != NULL; j++)
        if (g_str_has_prefix (given[j], criteria[i]) && given[j][strlen (criteria[i])] == '=')
          value = given[j] + strlen (criteria[i]) + 1;
      if (value != NULL)
        g_string_append_printf (xml, "<answer criterion=\"%s\" value=\"%s\"/>", criteria[i],
                                value);
    }
  if (comment != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (comment, ":", 2);

      g_string_append_printf (xml, "<comment criterion=\"%s\">%s</comment>", parts[0], parts[1]);
    }
  g_string_append (xml, "</evaluation>\n");
}

static void
import_evals (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf ("<evaluations xmlns=\"urn:rubric:evaluations:1\">\n"
                                           "%s</evaluations>\n", fixture->batch->str);
  g_autofree char *path = test_write_file (fixture->dir, "evaluations.xml", text);
  RubricEvaluationImportReport report;

  rubric_evaluation_store_import (fixture->db, path, "test", &report, &error);
  g_assert_no_error (error);
  g_string_truncate (fixture->batch, 0);
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

G_GNUC_UNUSED static void
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
set_team (Fixture    *fixture,
          const char *vendor,
          const char *agent,
          const char *team)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  if (team != NULL)
    sql = g_strdup_printf ("UPDATE agents SET team = '%s' WHERE external_id = '%s'"
                           " AND vendor_id = (SELECT id FROM vendors WHERE name = '%s')",
                           team, agent, vendor);
  else
    sql = g_strdup_printf ("UPDATE agents SET team = NULL WHERE external_id = '%s'"
                           " AND vendor_id = (SELECT id FROM vendors WHERE name = '%s')",
                           agent, vendor);
  rubric_db_exec (fixture->db, sql, &error);
  g_assert_no_error (error);
}

static gint32
day (const char *text)
{
  gint32 value = 0;

  g_assert_true (rubric_day_parse (text, &value));
  return value;
}

static RubricTrendQuery
query_for (RubricTrendScopeKind  kind,
           const char           *vendor,
           const char           *who,
           const char           *from,
           const char           *to,
           RubricPeriodKind      by)
{
  RubricTrendQuery query = { 0, };

  query.kind = kind;
  query.vendor = vendor;
  if (kind == RUBRIC_TREND_AGENT)
    query.agent = who;
  else if (kind == RUBRIC_TREND_TEAM)
    query.team = who;
  query.has_range = from != NULL;
  if (from != NULL)
    {
      query.range.first = day (from);
      query.range.last = day (to);
    }
  query.by = by;
  return query;
}

static GPtrArray *
trend (Fixture              *fixture,
       RubricTrendScopeKind  kind,
       const char           *vendor,
       const char           *who,
       const char           *from,
       const char           *to,
       RubricPeriodKind      by)
{
  g_autoptr(GError) error = NULL;
  RubricTrendQuery query = query_for (kind, vendor, who, from, to, by);
  GPtrArray *rows = rubric_trends_compute (fixture->db, &query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

#define assert_near(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 1e-9)

/* A row's who and when, n, mean, moving average and team figures; NAN for
 * an empty figure. */
static void
check_row (GPtrArray  *rows,
           guint       index,
           const char *vendor,
           const char *agent,
           const char *team,
           const char *first,
           const char *last,
           guint64     n,
           double      mean,
           double      moving,
           guint64     team_n,
           double      team_score)
{
  const RubricTrendRow *row;

  g_assert_cmpuint (index, <, rows->len);
  row = g_ptr_array_index (rows, index);
  g_assert_cmpstr (row->vendor, ==, vendor);
  g_assert_cmpstr (row->agent, ==, agent);
  g_assert_cmpstr (row->team, ==, team);
  g_assert_cmpint (row->range.first, ==, day (first));
  g_assert_cmpint (row->range.last, ==, day (last));
  g_assert_cmpuint (row->score.n, ==, n);
  g_assert_cmpint (row->score.has_mean, ==, !isnan (mean));
  if (!isnan (mean))
    assert_near (row->score.mean, mean);
  g_assert_cmpint (row->score.has_ci, ==, n >= 2);
  g_assert_cmpint (row->has_moving_avg, ==, !isnan (moving));
  if (!isnan (moving))
    assert_near (row->moving_avg, moving);
  g_assert_cmpuint (row->team_n, ==, team_n);
  g_assert_cmpint (row->has_team_score, ==, !isnan (team_score));
  if (!isnan (team_score))
    assert_near (row->team_score, team_score);
}

static const RubricQaCategory *
category (GPtrArray  *rows,
          guint       index,
          const char *key)
{
  const RubricTrendRow *row = g_ptr_array_index (rows, index);

  for (guint k = 0; k < row->categories->len; k++)
    {
      const RubricQaCategory *c = g_ptr_array_index (row->categories, k);

      if (g_str_equal (c->key, key))
        return c;
    }
  g_assert_not_reached ();
}

/* Acme (UTC): a1 and a2 in team T1, a3 without a team. Weeks of 2026:
 * W0 = 29 Dec–4 Jan, W1 = 5–11 Jan, W2 = 12–18, W3 = 19–25, W4 = 26 Jan–1 Feb.
 *   a1: W0 an auto-fail (0); W1 100 and 50 (and a draft and a calibration
 *       at 0 that never count); W2 75; W3 nothing; W4 only N/A (undefined).
 *   a2: W1 100; W2 an auto-fail (0: q1 = 4, q2 = yes, q3 = no).
 *   a3: W1 50.
 * An evaluation without an agent's team row: none. */
static void
acme_data (Fixture *fixture)
{
  add_eval (fixture, "submitted", "Acme", "a1", "2025-12-30T10:00:00Z", "ann", "t",
            "q1=4 q3=no", NULL, NULL);
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-05T00:00:00Z", "ann", "t",
            "q1=4 q3=yes", NULL, NULL);
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-11T23:59:59Z", "bob", "t",
            "q1=0 q3=yes", NULL, NULL);
  add_eval (fixture, "draft", "Acme", "a1", "2026-01-07T10:00:00Z", "ann", "t",
            "q1=0 q3=no", NULL, NULL);
  add_eval (fixture, "calibration", "Acme", "a1", "2026-01-07T11:00:00Z", "ann", "t",
            "q1=0 q3=no", NULL, NULL);
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-12T00:00:00Z", "ann", "t",
            "q1=2 q3=yes", NULL, NULL);
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-28T10:00:00Z", "ann", "t",
            "", NULL, NULL);
  add_eval (fixture, "submitted", "Acme", "a2", "2026-01-06T10:00:00Z", "ann", "t",
            "q1=4 q2=na q3=yes", NULL, NULL);
  add_eval (fixture, "submitted", "Acme", "a2", "2026-01-13T10:00:00Z", "bob", "t",
            "q1=4 q2=yes q3=no", NULL, NULL);
  add_eval (fixture, "submitted", "Acme", "a3", "2026-01-08T10:00:00Z", "bob", "t",
            "q1=0 q3=yes", NULL, NULL);
  import_evals (fixture);
  set_team (fixture, "Acme", "a1", "T1");
  set_team (fixture, "Acme", "a2", "T1");
}

static void
test_trends_agent (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  const RubricTrendRow *row;

  acme_data (fixture);
  rows = trend (fixture, RUBRIC_TREND_AGENT, NULL, "a1", "2026-01-05", "2026-02-01",
                RUBRIC_PERIOD_WEEK);
  g_assert_cmpuint (rows->len, ==, 4);

  /* W1: 100 and 50, mean 75, n = 2; moving: W1 and W0 = (100 + 50 + 0) / 3
   * = 50 (W0 is before --from); team T1 = a1's and a2's 100: 250 / 3. */
  check_row (rows, 0, "Acme", "a1", "T1", "2026-01-05", "2026-01-11", 2, 75, 50, 3, 250.0 / 3);
  /* s = 35.36, t(1) = 12.71: the interval spills over both ends, clipped. */
  row = g_ptr_array_index (rows, 0);
  assert_near (row->score.low, 0);
  assert_near (row->score.high, 100);
  g_assert_cmpstr (row->agent_name, ==, NULL);
  /* W2: 75 alone (n = 1, no CI); moving: 75 + 150 + 0 over 4 = 56.25; team
   * 75 and a2's auto-fail 0: 37.5. */
  check_row (rows, 1, "Acme", "a1", "T1", "2026-01-12", "2026-01-18", 1, 75, 56.25, 2, 37.5);
  /* W3: nothing, listed with n = 0; moving W2, W1, W0: 225 / 4. */
  check_row (rows, 2, "Acme", "a1", "T1", "2026-01-19", "2026-01-25", 0, NAN, 56.25, 0, NAN);
  /* W4: only N/A answers: the score is undefined, so not in n; moving W3,
   * W2, W1 = 225 / 3. */
  check_row (rows, 3, "Acme", "a1", "T1", "2026-01-26", "2026-02-01", 0, NAN, 75, 0, NAN);
  g_assert_false (category (rows, 3, "resolution")->mean.has_mean);
  g_assert_cmpuint (category (rows, 3, "resolution")->mean.n, ==, 0);

  /* Category means: W1 resolution (q1) = (100 + 0) / 2, policy 100 both. */
  assert_near (category (rows, 0, "resolution")->mean.mean, 50);
  g_assert_cmpuint (category (rows, 0, "resolution")->mean.n, ==, 2);
  assert_near (category (rows, 0, "policy")->mean.mean, 100);
  g_assert_false (category (rows, 0, "documentation")->mean.has_mean);
}

static void
test_trends_auto_fail_and_team (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;

  acme_data (fixture);
  rows = trend (fixture, RUBRIC_TREND_TEAM, "Acme", "T1", "2026-01-05", "2026-01-18",
                RUBRIC_PERIOD_WEEK);
  /* a1 × 2, a2 × 2, the team × 2. */
  g_assert_cmpuint (rows->len, ==, 6);
  check_row (rows, 0, "Acme", "a1", "T1", "2026-01-05", "2026-01-11", 2, 75, 50, 3, 250.0 / 3);
  check_row (rows, 2, "Acme", "a2", "T1", "2026-01-05", "2026-01-11", 1, 100, 100, 3, 250.0 / 3);
  /* a2's auto-fail: S = 0, yet its categories keep the answers: resolution
   * 100, documentation 100, policy 0. Moving: 0 and 100 = 50. */
  check_row (rows, 3, "Acme", "a2", "T1", "2026-01-12", "2026-01-18", 1, 0, 50, 2, 37.5);
  assert_near (category (rows, 3, "resolution")->mean.mean, 100);
  assert_near (category (rows, 3, "documentation")->mean.mean, 100);
  assert_near (category (rows, 3, "policy")->mean.mean, 0);
  /* The team's own rows: W1 100, 50, 100; moving with W0's auto-fail: 250 / 4. */
  check_row (rows, 4, "Acme", NULL, "T1", "2026-01-05", "2026-01-11", 3, 250.0 / 3, 62.5, 3,
             250.0 / 3);
  check_row (rows, 5, "Acme", NULL, "T1", "2026-01-12", "2026-01-18", 2, 37.5, 325.0 / 6, 2,
             37.5);
}

/* a3 has no team: compared with the whole vendor; moved into T1, it takes
 * its past evaluations along. */
static void
test_trends_no_team_and_move (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) after = NULL;

  acme_data (fixture);
  rows = trend (fixture, RUBRIC_TREND_AGENT, "Acme", "a3", "2026-01-05", "2026-01-11",
                RUBRIC_PERIOD_WEEK);
  g_assert_cmpuint (rows->len, ==, 1);
  /* The vendor's W1: 100, 50, 100, 50 = 75, n = 4. */
  check_row (rows, 0, "Acme", "a3", NULL, "2026-01-05", "2026-01-11", 1, 50, 50, 4, 75);

  set_team (fixture, "Acme", "a3", "T1");
  after = trend (fixture, RUBRIC_TREND_TEAM, "Acme", "T1", "2026-01-05", "2026-01-11",
                 RUBRIC_PERIOD_WEEK);
  g_assert_cmpuint (after->len, ==, 4);
  check_row (after, 2, "Acme", "a3", "T1", "2026-01-05", "2026-01-11", 1, 50, 50, 4, 75);
  check_row (after, 3, "Acme", NULL, "T1", "2026-01-05", "2026-01-11", 4, 75, 60, 4, 75);
}

/* --vendor alone: a row per agent (every agent, by external id) and bucket,
 * then the vendor's rows; the columns. */
static void
test_trends_vendor (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  acme_data (fixture);
  /* An agent nobody evaluated yet is listed too. */
  rubric_db_ensure_agent (fixture->db, rubric_db_lookup_vendor (fixture->db, "Acme", &error),
                          "a0", &error);
  g_assert_no_error (error);
  rows = trend (fixture, RUBRIC_TREND_VENDOR, "Acme", NULL, "2026-01-12", "2026-01-18",
                RUBRIC_PERIOD_WEEK);
  g_assert_cmpuint (rows->len, ==, 5);
  check_row (rows, 0, "Acme", "a0", NULL, "2026-01-12", "2026-01-18", 0, NAN, NAN, 2, 37.5);
  check_row (rows, 1, "Acme", "a1", "T1", "2026-01-12", "2026-01-18", 1, 75, 56.25, 2, 37.5);
  check_row (rows, 2, "Acme", "a2", "T1", "2026-01-12", "2026-01-18", 1, 0, 50, 2, 37.5);
  check_row (rows, 3, "Acme", "a3", NULL, "2026-01-12", "2026-01-18", 0, NAN, 50, 2, 37.5);
  /* The vendor: W2 75, 0; moving adds W1 (100, 50, 100, 50) and W0 (0). */
  check_row (rows, 4, "Acme", NULL, NULL, "2026-01-12", "2026-01-18", 2, 37.5, 375.0 / 7, 2,
             37.5);

  keys = rubric_trends_category_keys (rows);
  g_assert_cmpuint (keys->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (keys, 0), ==, "resolution");
  g_assert_cmpstr (g_ptr_array_index (keys, 1), ==, "ownership");
  g_assert_cmpstr (g_ptr_array_index (keys, 2), ==, "policy");
  g_assert_cmpstr (g_ptr_array_index (keys, 3), ==, "documentation");
  g_assert_cmpstr (g_ptr_array_index (keys, 4), ==, "tone");
}

/* --from on a Wednesday: the first bucket is clipped, and its moving
 * average leaves out the days of its week before --from; the next bucket's
 * pools that whole calendar week. */
static void
test_trends_clipped (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;

  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-06T10:00:00Z", NULL, "t",
            "q1=0 q3=yes", NULL, NULL);   /* 50, Tuesday before --from */
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-08T10:00:00Z", NULL, "t",
            "q1=4 q3=yes", NULL, NULL);   /* 100 */
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-14T10:00:00Z", NULL, "t",
            "q1=2 q3=yes", NULL, NULL);   /* 75 */
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-20T23:59:59Z", NULL, "t",
            "q1=4 q3=yes", NULL, NULL);   /* 100, the last day */
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-21T00:00:00Z", NULL, "t",
            "q1=0 q3=no", NULL, NULL);    /* 0, after --to */
  import_evals (fixture);

  rows = trend (fixture, RUBRIC_TREND_AGENT, "Acme", "a1", "2026-01-07", "2026-01-20",
                RUBRIC_PERIOD_WEEK);
  g_assert_cmpuint (rows->len, ==, 3);
  check_row (rows, 0, "Acme", "a1", NULL, "2026-01-07", "2026-01-11", 1, 100, 100, 1, 100);
  check_row (rows, 1, "Acme", "a1", NULL, "2026-01-12", "2026-01-18", 1, 75, 75, 1, 75);
  /* 100 + 75 + (50 + 100) over 4. */
  check_row (rows, 2, "Acme", "a1", NULL, "2026-01-19", "2026-01-20", 1, 100, 81.25, 1, 100);
}

/* Europe/Riga: summer time from 03:00 on Sunday 29 March 2026 (+3), back on
 * Sunday 25 October (+2). 23:30 on a Sunday belongs to that ISO week; 00:30
 * on Monday to the next, though both are Sunday in UTC. */
static void
test_trends_daylight_saving (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) weeks = NULL;
  g_autoptr(GPtrArray) autumn = NULL;
  g_autoptr(GPtrArray) months = NULL;

  import_contract (fixture,
                   "<contract xmlns=\"urn:rubric:contract:1\" vendor=\"Riga\""
                   " timezone=\"Europe/Riga\">"
                   "<objective metric=\"qa-overall\" target=\"80\" weight=\"1\"/>"
                   "</contract>");
  add_eval (fixture, "submitted", "Riga", "r1", "2026-03-29T23:30:00+03:00", NULL, "t",
            "q1=4 q3=yes", NULL, NULL);   /* 100, 20:30 UTC on Sunday */
  add_eval (fixture, "submitted", "Riga", "r1", "2026-03-30T00:30:00+03:00", NULL, "t",
            "q1=0 q3=yes", NULL, NULL);   /* 50, 21:30 UTC on Sunday */
  add_eval (fixture, "submitted", "Riga", "r1", "2026-03-31T23:30:00+03:00", NULL, "t",
            "q1=2 q3=yes", NULL, NULL);   /* 75, March */
  add_eval (fixture, "submitted", "Riga", "r1", "2026-04-01T00:30:00+03:00", NULL, "t",
            "q1=4 q3=yes", NULL, NULL);   /* 100, April, though 31 March in UTC */
  add_eval (fixture, "submitted", "Riga", "r1", "2026-10-25T23:30:00+02:00", NULL, "t",
            "q1=4 q3=yes", NULL, NULL);   /* 100, 21:30 UTC on Sunday */
  add_eval (fixture, "submitted", "Riga", "r1", "2026-10-26T00:10:00+02:00", NULL, "t",
            "q1=0 q3=yes", NULL, NULL);   /* 50, 22:10 UTC on Sunday */
  import_evals (fixture);

  weeks = trend (fixture, RUBRIC_TREND_AGENT, "Riga", "r1", "2026-03-23", "2026-04-05",
                 RUBRIC_PERIOD_WEEK);
  g_assert_cmpuint (weeks->len, ==, 2);
  check_row (weeks, 0, "Riga", "r1", NULL, "2026-03-23", "2026-03-29", 1, 100, 100, 1, 100);
  check_row (weeks, 1, "Riga", "r1", NULL, "2026-03-30", "2026-04-05", 3, 75, 81.25, 3, 75);

  autumn = trend (fixture, RUBRIC_TREND_AGENT, "Riga", "r1", "2026-10-19", "2026-11-01",
                  RUBRIC_PERIOD_WEEK);
  g_assert_cmpuint (autumn->len, ==, 2);
  check_row (autumn, 0, "Riga", "r1", NULL, "2026-10-19", "2026-10-25", 1, 100, 100, 1, 100);
  check_row (autumn, 1, "Riga", "r1", NULL, "2026-10-26", "2026-11-01", 1, 50, 75, 1, 50);

  months = trend (fixture, RUBRIC_TREND_AGENT, "Riga", "r1", "2026-03-01", "2026-04-30",
                  RUBRIC_PERIOD_MONTH);
  g_assert_cmpuint (months->len, ==, 2);
  check_row (months, 0, "Riga", "r1", NULL, "2026-03-01", "2026-03-31", 3, 75, 75, 3, 75);
  check_row (months, 1, "Riga", "r1", NULL, "2026-04-01", "2026-04-30", 1, 100, 81.25, 1, 100);
}

/* Without --from/--to: the 12 buckets ending with the one of today in the
 * vendor's zone, whole. */
static void
test_trends_default_range (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) weeks = NULL;
  g_autoptr(GPtrArray) months = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-03-04T12:00:00Z", NULL);

  add_eval (fixture, "submitted", "Acme", "a1", "2026-03-08T23:00:00Z", NULL, "t",
            "q1=4 q3=yes", NULL, NULL);
  add_eval (fixture, "submitted", "Acme", "a1", "2025-12-14T23:00:00Z", NULL, "t",
            "q1=0 q3=yes", NULL, NULL);   /* the Sunday before the 12 weeks */
  import_evals (fixture);
  rubric_clock_pin (g_date_time_to_unix (now));

  weeks = trend (fixture, RUBRIC_TREND_AGENT, "Acme", "a1", NULL, NULL, RUBRIC_PERIOD_WEEK);
  g_assert_cmpuint (weeks->len, ==, 12);
  check_row (weeks, 0, "Acme", "a1", NULL, "2025-12-15", "2025-12-21", 0, NAN, 50, 0, NAN);
  check_row (weeks, 11, "Acme", "a1", NULL, "2026-03-02", "2026-03-08", 1, 100, 100, 1, 100);

  months = trend (fixture, RUBRIC_TREND_AGENT, "Acme", "a1", NULL, NULL, RUBRIC_PERIOD_MONTH);
  g_assert_cmpuint (months->len, ==, 12);
  check_row (months, 0, "Acme", "a1", NULL, "2025-04-01", "2025-04-30", 0, NAN, NAN, 0, NAN);
  check_row (months, 11, "Acme", "a1", NULL, "2026-03-01", "2026-03-31", 1, 100, 75, 1, 100);
}

static void
expect_error (Fixture              *fixture,
              RubricTrendScopeKind  kind,
              const char           *vendor,
              const char           *who,
              int                   code,
              const char           *message)
{
  g_autoptr(GError) error = NULL;
  RubricTrendQuery query = query_for (kind, vendor, who, "2026-01-01", "2026-01-31",
                                      RUBRIC_PERIOD_WEEK);
  GPtrArray *rows = rubric_trends_compute (fixture->db, &query, &error);

  g_assert_null (rows);
  g_assert_error (error, RUBRIC_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

/* Unknown vendors, agents and teams; an agent id that two vendors share. A
 * team of two vendors: each vendor's on its own, by vendor name. */
static void
test_trends_scope (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;

  acme_data (fixture);
  add_eval (fixture, "submitted", "Beta", "a1", "2026-01-06T10:00:00Z", NULL, "t",
            "q1=4 q3=yes", NULL, NULL);
  import_evals (fixture);
  set_team (fixture, "Beta", "a1", "T1");

  expect_error (fixture, RUBRIC_TREND_AGENT, NULL, "a1", RUBRIC_ERROR_INPUT,
                "agent a1 is known at several vendors (Acme, Beta): give --vendor");
  expect_error (fixture, RUBRIC_TREND_AGENT, NULL, "zz", RUBRIC_ERROR_NOT_FOUND,
                "there is no agent “zz”");
  expect_error (fixture, RUBRIC_TREND_AGENT, "Nope", "a1", RUBRIC_ERROR_NOT_FOUND,
                "there is no vendor “Nope”");
  expect_error (fixture, RUBRIC_TREND_AGENT, "Beta", "a2", RUBRIC_ERROR_NOT_FOUND,
                "vendor “Beta” has no agent “a2”");
  expect_error (fixture, RUBRIC_TREND_TEAM, NULL, "T9", RUBRIC_ERROR_NOT_FOUND,
                "there is no team “T9”");
  expect_error (fixture, RUBRIC_TREND_TEAM, "Beta", "T9", RUBRIC_ERROR_NOT_FOUND,
                "vendor “Beta” has no team “T9”");
  expect_error (fixture, RUBRIC_TREND_VENDOR, "Nope", NULL, RUBRIC_ERROR_NOT_FOUND,
                "there is no vendor “Nope”");

  rows = trend (fixture, RUBRIC_TREND_TEAM, NULL, "T1", "2026-01-05", "2026-01-11",
                RUBRIC_PERIOD_WEEK);
  g_assert_cmpuint (rows->len, ==, 5);
  check_row (rows, 0, "Acme", "a1", "T1", "2026-01-05", "2026-01-11", 2, 75, 50, 3, 250.0 / 3);
  check_row (rows, 1, "Acme", "a2", "T1", "2026-01-05", "2026-01-11", 1, 100, 100, 3, 250.0 / 3);
  check_row (rows, 2, "Acme", NULL, "T1", "2026-01-05", "2026-01-11", 3, 250.0 / 3, 62.5, 3,
             250.0 / 3);
  check_row (rows, 3, "Beta", "a1", "T1", "2026-01-05", "2026-01-11", 1, 100, 100, 1, 100);
  check_row (rows, 4, "Beta", NULL, "T1", "2026-01-05", "2026-01-11", 1, 100, 100, 1, 100);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/trends/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("agent", test_trends_agent);
  ADD ("auto-fail-and-team", test_trends_auto_fail_and_team);
  ADD ("no-team-and-move", test_trends_no_team_and_move);
  ADD ("vendor", test_trends_vendor);
  ADD ("clipped", test_trends_clipped);
  ADD ("daylight-saving", test_trends_daylight_saving);
  ADD ("default-range", test_trends_default_range);
  ADD ("scope", test_trends_scope);
#undef ADD

  return g_test_run ();
}
