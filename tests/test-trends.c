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
  g_auto(GStrv) card_version = g_strsplit (card, "@", 2);
  const char * const *criteria = g_str_equal (card_version[0], "u") ? criteria_u : criteria_t;
  GString *xml = fixture->batch;

  serial++;
  g_string_append_printf (xml, "<evaluation id=\"00000000-0000-4000-8000-%012u\""
                          " scorecard=\"%s\" scorecard-version=\"%s\" status=\"%s\""
                          " vendor=\"%s\" call-time=\"%s\"",
                          serial, card_version[0],
                          card_version[1] != NULL ? card_version[1] : "1", status, vendor,
                          when);
  if (agent != NULL)
    g_string_append_printf (xml, " agent=\"%s\"", agent);
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
  rubric_db_exec (fixture->db, "UPDATE agents SET name = 'Ann' WHERE external_id = 'a1'", &error);
  g_assert_no_error (error);
  rows = trend (fixture, RUBRIC_TREND_VENDOR, "Acme", NULL, "2026-01-12", "2026-01-18",
                RUBRIC_PERIOD_WEEK);
  g_assert_cmpuint (rows->len, ==, 5);
  g_assert_cmpstr (((RubricTrendRow *) g_ptr_array_index (rows, 1))->agent_name, ==, "Ann");
  g_assert_cmpstr (((RubricTrendRow *) g_ptr_array_index (rows, 4))->agent_name, ==, NULL);
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

/* --vendor: the vendor's rows hold its evaluations without an agent too
 * (and so do the comparisons of its agents without a team). */
static void
test_trends_vendor_without_agent (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;

  add_eval (fixture, "submitted", "Solo", "s1", "2026-01-06T10:00:00Z", NULL, "t",
            "q1=4 q3=yes", NULL, NULL);   /* 100 */
  add_eval (fixture, "submitted", "Solo", NULL, "2026-01-07T10:00:00Z", NULL, "t",
            "q1=0 q3=yes", NULL, NULL);   /* 50, nobody's */
  import_evals (fixture);

  rows = trend (fixture, RUBRIC_TREND_VENDOR, "Solo", NULL, "2026-01-05", "2026-01-11",
                RUBRIC_PERIOD_WEEK);
  g_assert_cmpuint (rows->len, ==, 2);
  check_row (rows, 0, "Solo", "s1", NULL, "2026-01-05", "2026-01-11", 1, 100, 100, 2, 75);
  check_row (rows, 1, "Solo", NULL, NULL, "2026-01-05", "2026-01-11", 2, 75, 75, 2, 75);
}

/* A bucket whose evaluations hold only some of the categories seen: the
 * others are empty there (u has no documentation, policy or tone). */
static void
test_trends_other_categories (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;

  add_eval (fixture, "submitted", "Acme", "h1", "2026-01-05T10:00:00Z", NULL, "t",
            "q1=4 q2=yes q3=yes q4=yes", NULL, NULL);
  add_eval (fixture, "submitted", "Acme", "h1", "2026-01-12T10:00:00Z", NULL, "u",
            "c1=yes c2=no", NULL, NULL);
  import_evals (fixture);

  rows = trend (fixture, RUBRIC_TREND_VENDOR, "Acme", NULL, "2026-01-05", "2026-01-18",
                RUBRIC_PERIOD_WEEK);
  g_assert_cmpuint (rows->len, ==, 4);
  assert_near (category (rows, 0, "tone")->mean.mean, 100);
  g_assert_cmpuint (category (rows, 0, "ownership")->mean.n, ==, 0);
  g_assert_cmpuint (category (rows, 1, "tone")->mean.n, ==, 0);
  g_assert_cmpuint (category (rows, 1, "policy")->mean.n, ==, 0);
  assert_near (category (rows, 1, "ownership")->mean.mean, 0);
  assert_near (category (rows, 1, "resolution")->mean.mean, 100);
  assert_near (category (rows, 3, "ownership")->mean.mean, 0);
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


/* The Agents page: sparklines of the 12 weeks ending with the one of the
 * day given, by vendor and external id, filtered by team. */
static void
test_agents_summaries (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) team = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) later = NULL;
  const RubricAgentSummary *a1, *a2, *a3;

  acme_data (fixture);
  all = rubric_agents_summaries (fixture->db, "Acme", NULL, RUBRIC_PERIOD_WEEK,
                                 day ("2026-01-14"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  a1 = g_ptr_array_index (all, 0);
  a2 = g_ptr_array_index (all, 1);
  a3 = g_ptr_array_index (all, 2);
  g_assert_cmpstr (a1->agent, ==, "a1");
  g_assert_cmpstr (a1->vendor, ==, "Acme");
  g_assert_cmpstr (a1->team, ==, "T1");
  g_assert_cmpstr (a1->name, ==, NULL);
  g_assert_cmpstr (a3->agent, ==, "a3");
  g_assert_cmpstr (a3->team, ==, NULL);
  /* a1: W0 0, W1 100 and 50, W2 75 (the draft and the calibration never
   * count): the last three sparks, the rest empty. */
  assert_near (a1->spark[9], 0);
  assert_near (a1->spark[10], 75);
  assert_near (a1->spark[11], 75);
  for (guint i = 0; i < 9; i++)
    g_assert_true (isnan (a1->spark[i]));
  g_assert_cmpuint (a1->evaluations, ==, 4);
  g_assert_cmpuint (a1->current.n, ==, 4);
  assert_near (a1->current.mean, 56.25);
  assert_near (a2->spark[10], 100);
  assert_near (a2->spark[11], 0);
  g_assert_cmpuint (a2->evaluations, ==, 2);
  assert_near (a2->current.mean, 50);
  assert_near (a3->spark[10], 50);
  g_assert_true (isnan (a3->spark[11]));

  /* W4 holds only an evaluation without a score: counted, not in the mean. */
  later = rubric_agents_summaries (fixture->db, NULL, NULL, RUBRIC_PERIOD_WEEK,
                                   day ("2026-02-01"), &error);
  g_assert_no_error (error);
  a1 = g_ptr_array_index (later, 0);
  g_assert_true (isnan (a1->spark[11]));
  g_assert_true (isnan (a1->spark[10]));
  assert_near (a1->spark[9], 75);
  g_assert_cmpuint (a1->evaluations, ==, 5);
  g_assert_cmpuint (a1->current.n, ==, 4);

  team = rubric_agents_summaries (fixture->db, "Acme", "T1", RUBRIC_PERIOD_WEEK,
                                  day ("2026-01-14"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (team->len, ==, 2);
  none = rubric_agents_summaries (fixture->db, NULL, "", RUBRIC_PERIOD_MONTH,
                                  day ("2026-01-14"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 1);
  a3 = g_ptr_array_index (none, 0);
  g_assert_cmpstr (a3->agent, ==, "a3");
  assert_near (a3->spark[11], 50);

  g_assert_null (rubric_agents_summaries (fixture->db, "Nope", NULL, RUBRIC_PERIOD_WEEK,
                                          day ("2026-01-14"), &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND);
}

static void
test_agents_teams (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) acme = NULL;
  g_auto(GStrv) all = NULL;

  acme_data (fixture);
  add_eval (fixture, "submitted", "Beta", "b1", "2026-01-06T10:00:00Z", NULL, "t",
            "q1=4", NULL, NULL);
  import_evals (fixture);
  set_team (fixture, "Beta", "b1", "T0");
  set_team (fixture, "Acme", "a3", "");

  acme = rubric_agents_teams (fixture->db, "Acme", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (acme), ==, 1);
  g_assert_cmpstr (acme[0], ==, "T1");
  all = rubric_agents_teams (fixture->db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (all), ==, 2);
  g_assert_cmpstr (all[0], ==, "T0");
  g_assert_cmpstr (all[1], ==, "T1");
  g_assert_null (rubric_agents_teams (fixture->db, "Nope", &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND);
}

/* The lowest: by score (auto-fails at 0), then call time; undefined scores,
 * drafts and calibrations never. */
static void
test_trends_lowest (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lowest = NULL;
  g_autoptr(GPtrArray) all = NULL;
  RubricTrendQuery query = query_for (RUBRIC_TREND_TEAM, "Acme", "T1", "2025-12-29",
                                      "2026-02-01", RUBRIC_PERIOD_WEEK);
  const RubricTrendEvaluation *e;

  acme_data (fixture);
  lowest = rubric_trends_lowest (fixture->db, &query, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lowest->len, ==, 3);
  e = g_ptr_array_index (lowest, 0);
  g_assert_cmpstr (e->agent, ==, "a1");
  g_assert_cmpstr (e->vendor, ==, "Acme");
  g_assert_cmpstr (e->reviewer, ==, "ann");
  g_assert_true (e->auto_failed);
  assert_near (e->score, 0);
  e = g_ptr_array_index (lowest, 1);
  g_assert_cmpstr (e->agent, ==, "a2");
  g_assert_true (e->auto_failed);
  g_assert_cmpstr (e->reviewer, ==, "bob");
  e = g_ptr_array_index (lowest, 2);
  g_assert_cmpstr (e->agent, ==, "a1");
  g_assert_false (e->auto_failed);
  assert_near (e->score, 50);
  g_assert_nonnull (e->uuid);

  all = rubric_trends_lowest (fixture->db, &query, 100, &error);
  g_assert_no_error (error);
  /* a1: 0, 100, 50, 75 (its N/A-only one has no score); a2: 100, 0. */
  g_assert_cmpuint (all->len, ==, 6);
  e = g_ptr_array_index (all, 4);
  assert_near (e->score, 100);
  g_assert_cmpstr (e->agent, ==, "a1");   /* 5 January, before a2's of the 6th */
}

/* t version 2 puts q1 into ownership. */
static void
criteria_data (Fixture *fixture)
{
  g_autofree char *v2 = test_replace (card_t, "key=\"q1\" category=\"resolution\"",
                                      "key=\"q1\" category=\"ownership\"");
  g_autofree char *v2b = test_replace (v2, "version=\"1\"", "version=\"2\"");

  import_card (fixture, "t2.xml", v2b);
  /* q1: 1, .5 (fails), N/A, 1 (v2) → 3 answers, 1 failure: 33.33 %.
   * q2: 1, 0, N/A → 2, 1: 50 %.   q3: 1, 1, N/A → 0 %.
   * q4: 0, N/A, N/A → 1, 1: 100 %.
   * u c1: no → 1, 1: 100 %; c2: only N/A → no rate, last. */
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-05T10:00:00Z", "ann", "t",
            "q1=4 q2=yes q3=yes q4=no", NULL, "q4:Did not greet");
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-06T10:00:00Z", "ann", "t",
            "q1=2 q2=no q3=yes", NULL, "q4:Rushed the close");
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-07T10:00:00Z", "bob", "t",
            "", NULL, NULL);
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-08T10:00:00Z", NULL, "u",
            "c1=no", NULL, NULL);
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-09T10:00:00Z", "bob", "t@2",
            "q1=4", NULL, "q4:Never said their name");
  add_eval (fixture, "draft", "Acme", "a1", "2026-01-09T11:00:00Z", "ann", "t",
            "q1=0 q2=no q3=no q4=no", NULL, "q4:a draft's comment");
  add_eval (fixture, "calibration", "Acme", "a1", "2026-01-09T12:00:00Z", "ann", "t",
            "q1=0 q2=no q3=no q4=no", NULL, NULL);
  /* Another agent's. */
  add_eval (fixture, "submitted", "Acme", "a2", "2026-01-09T10:00:00Z", "ann", "t",
            "q1=0 q2=no q3=no q4=no", NULL, "q4:not a1");
  import_evals (fixture);
}

static void
test_trends_criteria (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) criteria = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  RubricTrendQuery query = query_for (RUBRIC_TREND_AGENT, "Acme", "a1", "2026-01-01",
                                      "2026-01-31", RUBRIC_PERIOD_WEEK);
  static const struct { const char *card, *key, *category; guint64 answers, failures;
                        double rate; } expected[] = {
    { "t", "q4", "tone", 1, 1, 100 },          /* 100 %, 1 answer: t before u */
    { "u", "c1", "resolution", 1, 1, 100 },
    { "t", "q2", "documentation", 2, 1, 50 },
    { "t", "q1", "ownership", 3, 1, 100.0 / 3 },  /* the category of version 2 */
    { "t", "q3", "policy", 2, 0, 0 },
    { "u", "c2", "ownership", 0, 0, NAN },
  };

  criteria_data (fixture);
  criteria = rubric_trends_criteria (fixture->db, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (criteria->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const RubricTrendCriterion *c = g_ptr_array_index (criteria, i);

      g_assert_cmpstr (c->scorecard, ==, expected[i].card);
      g_assert_cmpstr (c->criterion, ==, expected[i].key);
      g_assert_cmpstr (c->category, ==, expected[i].category);
      g_assert_cmpuint (c->answers, ==, expected[i].answers);
      g_assert_cmpuint (c->failures, ==, expected[i].failures);
      g_assert_cmpint (c->has_failure_rate, ==, !isnan (expected[i].rate));
      if (!isnan (expected[i].rate))
        assert_near (c->failure_rate, expected[i].rate);
    }
  g_assert_cmpstr (((RubricTrendCriterion *) g_ptr_array_index (criteria, 0))->text, ==, "Q4");

  /* a2 failed all four once: equal rates and answers, by criterion key. */
  {
    RubricTrendQuery other = query_for (RUBRIC_TREND_AGENT, "Acme", "a2", "2026-01-01",
                                        "2026-01-31", RUBRIC_PERIOD_WEEK);
    g_autoptr(GPtrArray) ties = rubric_trends_criteria (fixture->db, &other, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ties->len, ==, 4);
    for (guint i = 0; i < 4; i++)
      {
        const RubricTrendCriterion *c = g_ptr_array_index (ties, i);
        g_autofree char *key = g_strdup_printf ("q%u", i + 1);

        g_assert_cmpstr (c->criterion, ==, key);
        assert_near (c->failure_rate, 100);
      }
  }

  /* Two scorecards with other categories in one trend: u's ownership and
   * resolution beside t's four (and t version 2's ownership). Week of 5
   * January: resolution over t's q1 = 4, 2 and u's c1 = no: 100, 50, 0. */
  {
    g_autoptr(GPtrArray) rows = trend (fixture, RUBRIC_TREND_VENDOR, "Acme", NULL, "2026-01-05",
                                       "2026-01-11", RUBRIC_PERIOD_WEEK);

    g_assert_cmpuint (rows->len, ==, 3);
    g_assert_cmpuint (category (rows, 0, "resolution")->mean.n, ==, 3);
    assert_near (category (rows, 0, "resolution")->mean.mean, 50);
    /* t v2's q1 = 4 (ownership 100); u's c2 was N/A. */
    g_assert_cmpuint (category (rows, 0, "ownership")->mean.n, ==, 1);
    assert_near (category (rows, 0, "ownership")->mean.mean, 100);
  }

  /* The comments on q4 of t, newest first; not the draft's, not a2's. */
  comments = rubric_trends_criterion_comments (fixture->db, &query, "t", "q4", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (comments, 0), ==, "Never said their name");
  g_assert_cmpstr (g_ptr_array_index (comments, 1), ==, "Rushed the close");
  g_assert_cmpstr (g_ptr_array_index (comments, 2), ==, "Did not greet");
  g_clear_pointer (&comments, g_ptr_array_unref);
  comments = rubric_trends_criterion_comments (fixture->db, &query, "t", "q4", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (comments, 0), ==, "Never said their name");
  g_clear_pointer (&comments, g_ptr_array_unref);
  comments = rubric_trends_criterion_comments (fixture->db, &query, "u", "q4", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 0);
}

/* N/A rate over the answers to criteria that allow N/A only. */
static void
test_trends_reviewers (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reviewers = NULL;
  RubricTrendQuery query = query_for (RUBRIC_TREND_AGENT, "Acme", "a1", "2026-01-01",
                                      "2026-01-31", RUBRIC_PERIOD_WEEK);
  const RubricTrendReviewer *r;

  criteria_data (fixture);
  reviewers = rubric_trends_reviewers (fixture->db, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reviewers->len, ==, 3);

  /* Without a reviewer: u's c1 does not allow N/A; c2 N/A: 1 of 1. S = 0. */
  r = g_ptr_array_index (reviewers, 0);
  g_assert_cmpstr (r->reviewer, ==, "");
  g_assert_cmpuint (r->evaluations, ==, 1);
  g_assert_cmpuint (r->answers, ==, 1);
  g_assert_cmpuint (r->na, ==, 1);
  assert_near (r->na_rate, 100);
  assert_near (r->mean_score.mean, 0);
  /* ann: 4 + 4 answers, q4 N/A once: 12.5 %; S = 75 and 50. */
  r = g_ptr_array_index (reviewers, 1);
  g_assert_cmpstr (r->reviewer, ==, "ann");
  g_assert_cmpuint (r->evaluations, ==, 2);
  g_assert_cmpuint (r->answers, ==, 8);
  g_assert_cmpuint (r->na, ==, 1);
  assert_near (r->na_rate, 12.5);
  g_assert_cmpuint (r->mean_score.n, ==, 2);
  assert_near (r->mean_score.mean, 62.5);
  /* bob: all N/A (S undefined), then v2 with three N/A: 7 of 8; S = 100, n = 1. */
  r = g_ptr_array_index (reviewers, 2);
  g_assert_cmpstr (r->reviewer, ==, "bob");
  g_assert_cmpuint (r->evaluations, ==, 2);
  g_assert_cmpuint (r->answers, ==, 8);
  g_assert_cmpuint (r->na, ==, 7);
  assert_near (r->na_rate, 87.5);
  g_assert_cmpuint (r->mean_score.n, ==, 1);
  assert_near (r->mean_score.mean, 100);
}

/* Callers' records: 111 back after 15 days, 222 and 333 after 2, 444
 * never; k5 twice (the one entered closest to the evaluation's call time
 * counts), k6 twice at the same distance (the earlier, abandoned, counts:
 * not counted); k7 abandoned; k8 without a caller; k9's evaluation has no
 * resolution score; x-none is not among the calls. */
static const char resolution_calls[] =
  "call_id,vendor,queue,caller,entered_at,wait_s,outcome\n"
  "k1,Acme,q,111,2026-01-05T10:00:00Z,5,answered\n"
  "k1b,Acme,q,111,2026-01-20T10:00:00Z,5,answered\n"
  "k2,Acme,q,222,2026-01-06T10:00:00Z,5,answered\n"
  "k2b,Acme,q,222,2026-01-08T10:00:00Z,5,answered\n"
  "k3,Acme,q,333,2026-01-07T10:00:00Z,5,answered\n"
  "k3b,Acme,q,333,2026-01-09T10:00:00Z,5,answered\n"
  "k4,Acme,q,444,2026-01-07T12:00:00Z,5,answered\n"
  "k5,Acme,q,555,2026-01-10T10:00:00Z,5,answered\n"
  "k5x,Acme,q,555,2026-01-11T10:00:00Z,5,answered\n"
  "k5,Acme,q2,556,2026-01-10T10:05:00Z,5,answered\n"
  "k6,Acme,q,666,2026-01-12T10:00:00Z,5,abandoned\n"
  "k6,Acme,q2,667,2026-01-12T10:10:00Z,5,answered\n"
  "k7,Acme,q,777,2026-01-13T10:00:00Z,5,abandoned\n"
  "k8,Acme,q,,2026-01-13T11:00:00Z,5,answered\n"
  "k9,Acme,q,999,2026-01-13T12:00:00Z,5,answered\n"
  "b1,Beta,q3,121,2026-01-05T10:00:00Z,5,answered\n";

static void
resolution_data (Fixture *fixture)
{
  import_calls (fixture, resolution_calls);
  /* q1 = 4: S_resolution 100 (QA-resolved); q1 = 0: 0. */
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-05T10:00:00Z", NULL, "t", "q1=4",
            "k1", NULL);   /* both resolved */
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-06T10:00:00Z", NULL, "t", "q1=0",
            "k2", NULL);   /* both unresolved */
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-07T10:00:00Z", NULL, "t", "q1=4",
            "k3", NULL);   /* QA only (D = 7) */
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-07T12:00:00Z", NULL, "t", "q1=0",
            "k4", NULL);   /* FCR only */
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-10T10:04:00Z", NULL, "t", "q1=4",
            "k5", NULL);   /* the 10:05 record: both resolved */
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-12T10:05:00Z", NULL, "t", "q1=4",
            "k6", NULL);
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-13T10:00:00Z", NULL, "t", "q1=4",
            "k7", NULL);
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-13T11:00:00Z", NULL, "t", "q1=4",
            "k8", NULL);
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-13T12:00:00Z", NULL, "t", "q2=yes",
            "k9", NULL);
  add_eval (fixture, "submitted", "Acme", "a1", "2026-01-13T13:00:00Z", NULL, "t", "q1=4",
            "x-none", NULL);
  add_eval (fixture, "draft", "Acme", "a1", "2026-01-05T10:00:00Z", NULL, "t", "q1=0",
            "k1", NULL);
  add_eval (fixture, "submitted", "Beta", "a1", "2026-01-05T10:00:00Z", NULL, "t", "q1=4",
            "b1", NULL);
  add_eval (fixture, "submitted", "Gamma", "a1", "2026-01-05T10:00:00Z", NULL, "t", "q1=4",
            "g1", NULL);
  import_evals (fixture);
  set_team (fixture, "Acme", "a1", "T");
  set_team (fixture, "Beta", "a1", "T");
  set_team (fixture, "Gamma", "a1", "T");
}

static void
check_resolution (const RubricTrendResolution *row,
                  const char                  *vendor,
                  guint64                      n,
                  guint64                      both_resolved,
                  guint64                      both_unresolved,
                  guint64                      qa_only,
                  guint64                      fcr_only,
                  double                       agreement,
                  double                       kappa)
{
  g_assert_cmpstr (row->vendor, ==, vendor);
  g_assert_cmpuint (row->n, ==, n);
  g_assert_cmpuint (row->both_resolved, ==, both_resolved);
  g_assert_cmpuint (row->both_unresolved, ==, both_unresolved);
  g_assert_cmpuint (row->qa_only, ==, qa_only);
  g_assert_cmpuint (row->fcr_only, ==, fcr_only);
  g_assert_cmpint (row->has_agreement, ==, !isnan (agreement));
  if (!isnan (agreement))
    assert_near (row->agreement, agreement);
  g_assert_cmpint (row->has_kappa, ==, !isnan (kappa));
  if (!isnan (kappa))
    assert_near (row->kappa, kappa);
}

static void
test_trends_resolution (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) after = NULL;
  RubricTrendQuery query = query_for (RUBRIC_TREND_TEAM, NULL, "T", "2026-01-01",
                                      "2026-01-31", RUBRIC_PERIOD_WEEK);

  resolution_data (fixture);
  rows = rubric_trends_resolution (fixture->db, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  /* n = 5, agreement 3/5; p_q = p_f = 3/5, p_e = .52: κ = .08 / .48. */
  check_resolution (g_ptr_array_index (rows, 0), "Acme", 5, 2, 1, 1, 1, 60, 0.08 / 0.48);
  /* One call, both resolved: p_e = 1, κ undefined. */
  check_resolution (g_ptr_array_index (rows, 1), "Beta", 1, 1, 0, 0, 0, 100, NAN);
  /* No call records: a row all the same. */
  check_resolution (g_ptr_array_index (rows, 2), "Gamma", 0, 0, 0, 0, 0, NAN, NAN);

  /* From 7 January a contract counts repeat contacts within 1 day: 333's
   * return after 2 days no longer is one (k3 both resolved); 222's on the
   * 6th still counts under the default 7. p_q = .6, p_f = .8, p_e = .56,
   * p_o = .8: κ = .24 / .44. */
  import_contract (fixture,
                   "<contract xmlns=\"urn:rubric:contract:1\" vendor=\"Acme\" timezone=\"UTC\""
                   " valid-from=\"2026-01-07\"><repeat-contact days=\"1\"/>"
                   "<objective metric=\"fcr\" target=\"80\" weight=\"1\"/></contract>");
  after = rubric_trends_resolution (fixture->db, &query, &error);
  g_assert_no_error (error);
  check_resolution (g_ptr_array_index (after, 0), "Acme", 5, 3, 1, 0, 1, 80, 0.24 / 0.44);
}
/* Migration 6: an agent's range is one range of a covering index (SQLite's
 * plan says so; PostgreSQL's planner chooses by its statistics). */
static void
test_trends_covering_index (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *plan = NULL;

  if (rubric_db_is_postgres (fixture->db))
    {
      g_test_skip ("SQLite's query plan");
      return;
    }
  plan = test_query_text (fixture->db,
                          "EXPLAIN QUERY PLAN SELECT call_time, score, category_scores"
                          " FROM evaluations WHERE agent_id = 1 AND status = 'submitted'"
                          " AND call_time >= 0 AND call_time < 100");
  g_assert_nonnull (strstr (plan, "USING COVERING INDEX evaluations_agent_time"));

  /* Resolution finds each evaluation's calls through the calls' unique
   * index, per source, never by scanning the vendor's calls. */
  g_clear_pointer (&plan, g_free);
  plan = test_query_text (fixture->db,
                          "EXPLAIN QUERY PLAN SELECT c.id"
                          " FROM evaluations AS e CROSS JOIN sources AS s CROSS JOIN calls AS c"
                          " WHERE e.agent_id = 1 AND e.status = 'submitted'"
                          " AND e.call_time >= 0 AND e.call_time < 100"
                          " AND c.source_id = s.id AND c.call_id = e.call"
                          " AND +c.vendor_id = e.vendor_id");
  g_assert_nonnull (strstr (plan, "sqlite_autoindex_calls_1 (source_id=? AND call_id=?)"));
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
  ADD ("vendor-without-agent", test_trends_vendor_without_agent);
  ADD ("other-categories", test_trends_other_categories);
  ADD ("clipped", test_trends_clipped);
  ADD ("daylight-saving", test_trends_daylight_saving);
  ADD ("default-range", test_trends_default_range);
  ADD ("scope", test_trends_scope);
  ADD ("agents-summaries", test_agents_summaries);
  ADD ("agents-teams", test_agents_teams);
  ADD ("lowest", test_trends_lowest);
  ADD ("criteria", test_trends_criteria);
  ADD ("reviewers", test_trends_reviewers);
  ADD ("resolution", test_trends_resolution);
  ADD ("covering-index", test_trends_covering_index);
#undef ADD

  return g_test_run ();
}
