/* test-score.c — the scoring rules of SPEC §3.2 and the aggregates of §3.3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "rubric-score.h"
#include "rubric-scorecard.h"
#include "rubric-test-util.h"


/* The SPEC §8.1 example plus a custom category, an N/A-able critical
 * criterion and a scale with other bounds. */
static const char card_xml[] =
  "<scorecard xmlns='urn:rubric:scorecard:1' key='t' version='1'>"
  " <title>T</title>"
  " <section key='resolution'>"
  "  <criterion key='resolved' category='resolution' weight='3' type='yes-no'>"
  "   <text>Resolved?</text></criterion>"
  "  <criterion key='courtesy' category='ownership' weight='1' type='scale' min='1' max='5' na='true'>"
  "   <text>Courtesy</text></criterion>"
  "  <criterion key='verify-id' category='policy' weight='2' type='choice' critical='true'>"
  "   <text>Identity</text>"
  "   <option key='full' credit='1'><label>Fully</label></option>"
  "   <option key='partial' credit='0.5'><label>Partly</label></option>"
  "   <option key='none' credit='0'><label>Not at all</label></option>"
  "  </criterion>"
  "  <criterion key='disclosure' category='policy' weight='0.5' type='yes-no' critical='true' na='true'>"
  "   <text>Disclosure</text></criterion>"
  "  <criterion key='empathy' category='empathy-2' weight='1.25' type='scale' min='0' max='10'>"
  "   <text>Empathy</text></criterion>"
  " </section>"
  "</scorecard>";

static RubricScorecard *
load_card (void)
{
  g_autoptr(GError) error = NULL;
  RubricScorecard *card = rubric_scorecard_new_from_xml ("card.xml", card_xml,
                                                         strlen (card_xml), &error);

  g_assert_no_error (error);
  g_assert_nonnull (card);
  return card;
}

/* Builds answers from "key=value" pairs. */
static GHashTable *
answers_new (const char *first,
             ...)
{
  GHashTable *answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  va_list args;

  va_start (args, first);
  for (const char *pair = first; pair != NULL; pair = va_arg (args, const char *))
    {
      g_auto(GStrv) parts = g_strsplit (pair, "=", 2);
      g_hash_table_insert (answers, g_strdup (parts[0]), g_strdup (parts[1]));
    }
  va_end (args);

  return answers;
}

static void
test_all_yes (void)
{
  g_autoptr(RubricScorecard) card = load_card ();
  g_autoptr(GHashTable) answers = answers_new ("resolved=yes", "courtesy=5", "verify-id=full",
                                               "disclosure=yes", "empathy=10", NULL);
  g_autoptr(RubricScore) score = rubric_score_compute (card, answers);

  test_assert_score (score->overall, 100.0);
  g_assert_false (score->auto_failed);
  g_assert_cmpuint (score->answered, ==, 5);
  g_assert_cmpuint (score->unanswered, ==, 0);
}

static void
test_weights_and_credits (void)
{
  g_autoptr(RubricScorecard) card = load_card ();
  /* resolved no (3·0), courtesy 4 → 0.75 (1), verify partial 0.5 (2),
   * disclosure yes (0.5·1), empathy 3/10 (1.25·0.3) */
  g_autoptr(GHashTable) answers = answers_new ("resolved=no", "courtesy=4", "verify-id=partial",
                                               "disclosure=yes", "empathy=3", NULL);
  g_autoptr(RubricScore) score = rubric_score_compute (card, answers);
  double num = 0 + 0.75 + 1.0 + 0.5 + 0.375;
  double den = 3 + 1 + 2 + 0.5 + 1.25;

  test_assert_score (score->overall, 100.0 * num / den);
  test_assert_score (rubric_score_get_category (score, "resolution"), 0.0);
  test_assert_score (rubric_score_get_category (score, "ownership"), 75.0);
  test_assert_score (rubric_score_get_category (score, "policy"), 100.0 * 1.5 / 2.5);
  test_assert_score (rubric_score_get_category (score, "empathy-2"), 30.0);
  test_assert_score (rubric_score_get_category (score, "documentation"), NAN);
}

static void
test_na_does_not_count (void)
{
  g_autoptr(RubricScorecard) card = load_card ();
  g_autoptr(GHashTable) answers = answers_new ("resolved=yes", "courtesy=na", "verify-id=full",
                                               "disclosure=na", "empathy=0", NULL);
  g_autoptr(RubricScore) score = rubric_score_compute (card, answers);

  /* (3 + 2 + 0) / (3 + 2 + 1.25) */
  test_assert_score (score->overall, 100.0 * 5.0 / 6.25);
  test_assert_score (rubric_score_get_category (score, "ownership"), NAN);
  /* N/A on a critical criterion is not a failure. */
  g_assert_false (score->auto_failed);
  test_assert_score (rubric_score_get_category (score, "policy"), 100.0);
}

static void
test_auto_fail (void)
{
  g_autoptr(RubricScorecard) card = load_card ();
  g_autoptr(GHashTable) answers = answers_new ("resolved=yes", "courtesy=5", "verify-id=none",
                                               "disclosure=yes", "empathy=10", NULL);
  g_autoptr(RubricScore) score = rubric_score_compute (card, answers);

  g_assert_true (score->auto_failed);
  test_assert_score (score->overall, 0.0);
  /* Category scores are not zeroed: coaching needs them. */
  test_assert_score (rubric_score_get_category (score, "resolution"), 100.0);
  test_assert_score (rubric_score_get_category (score, "policy"), 100.0 * 0.5 / 2.5);
  g_assert_cmpuint (score->failed_critical->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (score->failed_critical, 0), ==, "verify-id");
}

static void
test_auto_fail_partial_credit_is_not_failure (void)
{
  g_autoptr(RubricScorecard) card = load_card ();
  g_autoptr(GHashTable) answers = answers_new ("verify-id=partial", NULL);
  g_autoptr(RubricScore) score = rubric_score_compute (card, answers);

  g_assert_false (score->auto_failed);
  test_assert_score (score->overall, 50.0);
}

static void
test_all_na_is_undefined (void)
{
  g_autoptr(RubricScorecard) card = load_card ();
  g_autoptr(GHashTable) answers = answers_new ("courtesy=na", "disclosure=na", NULL);
  g_autoptr(RubricScore) score = rubric_score_compute (card, answers);

  test_assert_score (score->overall, NAN);
  g_assert_false (score->auto_failed);
  for (guint k = 0; k < score->category_scores->len; k++)
    g_assert_true (isnan (g_array_index (score->category_scores, double, k)));
}

static void
test_nothing_answered (void)
{
  g_autoptr(RubricScorecard) card = load_card ();
  g_autoptr(RubricScore) score = rubric_score_compute (card, NULL);

  test_assert_score (score->overall, NAN);
  g_assert_cmpuint (score->unanswered, ==, 5);
}

static void
test_draft_is_provisional (void)
{
  g_autoptr(RubricScorecard) card = load_card ();
  g_autoptr(GHashTable) answers = answers_new ("resolved=yes", "empathy=5", NULL);
  g_autoptr(RubricScore) score = rubric_score_compute (card, answers);

  test_assert_score (score->overall, 100.0 * (3 + 1.25 * 0.5) / (3 + 1.25));
  g_assert_cmpuint (score->unanswered, ==, 3);
}

static void
test_scale_min_on_critical_fails (void)
{
  static const char xml[] =
    "<scorecard xmlns='urn:rubric:scorecard:1' key='s'><title>S</title>"
    "<section key='policy'><criterion key='c' weight='1' type='scale' critical='true'>"
    "<text>C</text></criterion><criterion key='d' weight='1' type='yes-no'><text>D</text>"
    "</criterion></section></scorecard>";
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricScorecard) card = rubric_scorecard_new_from_xml ("s", xml, strlen (xml), &error);
  g_autoptr(GHashTable) answers = answers_new ("c=1", "d=yes", NULL);
  g_autoptr(RubricScore) score = NULL;

  g_assert_no_error (error);
  /* Default scale 1..5; no category attribute: the section's key. */
  g_assert_cmpint (rubric_scorecard_lookup_criterion (card, "c")->min, ==, 1);
  g_assert_cmpint (rubric_scorecard_lookup_criterion (card, "c")->max, ==, 5);
  g_assert_cmpstr (rubric_scorecard_lookup_criterion (card, "c")->category, ==, "policy");

  score = rubric_score_compute (card, answers);
  g_assert_true (score->auto_failed);
  test_assert_score (score->overall, 0.0);
  test_assert_score (rubric_score_get_category (score, "policy"), 50.0);
}

static void
test_credit_values (void)
{
  g_autoptr(RubricScorecard) card = load_card ();
  RubricCriterion *resolved = rubric_scorecard_lookup_criterion (card, "resolved");
  RubricCriterion *courtesy = rubric_scorecard_lookup_criterion (card, "courtesy");
  RubricCriterion *verify = rubric_scorecard_lookup_criterion (card, "verify-id");
  RubricCriterion *empathy = rubric_scorecard_lookup_criterion (card, "empathy");
  static const char * const bad_scale[] = { "0", "6", "3.0", "+3", "03", " 3", "", "three", "na" };
  double credit = -1;
  gboolean na;

  g_assert_true (rubric_criterion_credit (resolved, "yes", &credit, &na));
  g_assert_cmpfloat (credit, ==, 1.0);
  g_assert_true (rubric_criterion_credit (resolved, "no", &credit, &na));
  g_assert_cmpfloat (credit, ==, 0.0);
  g_assert_false (rubric_criterion_credit (resolved, "Yes", &credit, &na));
  g_assert_false (rubric_criterion_credit (resolved, "na", &credit, &na));
  g_assert_true (na);
  g_assert_false (rubric_criterion_credit (resolved, "1", &credit, &na));

  g_assert_true (rubric_criterion_credit (courtesy, "na", &credit, &na));
  g_assert_true (na);
  g_assert_true (rubric_criterion_credit (courtesy, "2", &credit, &na));
  g_assert_cmpfloat (credit, ==, 0.25);
  for (guint i = 0; i < G_N_ELEMENTS (bad_scale); i++)
    if (!g_str_equal (bad_scale[i], "na"))
      g_assert_false (rubric_criterion_credit (courtesy, bad_scale[i], &credit, &na));

  g_assert_true (rubric_criterion_credit (verify, "partial", &credit, &na));
  g_assert_cmpfloat (credit, ==, 0.5);
  g_assert_false (rubric_criterion_credit (verify, "bogus", &credit, &na));
  g_assert_false (rubric_criterion_credit (verify, "na", &credit, &na));

  g_assert_true (rubric_criterion_credit (empathy, "0", &credit, &na));
  g_assert_cmpfloat (credit, ==, 0.0);
  g_assert_true (rubric_criterion_credit (empathy, "7", &credit, &na));
  g_assert_cmpfloat_with_epsilon (credit, 0.7, TEST_TOLERANCE);
}

static void
test_negative_scale (void)
{
  static const char xml[] =
    "<scorecard xmlns='urn:rubric:scorecard:1' key='s'><title>S</title>"
    "<section key='ownership'><criterion key='c' type='scale' min='-2' max='2'>"
    "<text>C</text></criterion></section></scorecard>";
  g_autoptr(RubricScorecard) card = rubric_scorecard_new_from_xml ("s", xml, strlen (xml), NULL);
  RubricCriterion *c = rubric_scorecard_lookup_criterion (card, "c");
  double credit;
  gboolean na;

  g_assert_true (rubric_criterion_credit (c, "-2", &credit, &na));
  g_assert_cmpfloat (credit, ==, 0.0);
  g_assert_true (rubric_criterion_credit (c, "1", &credit, &na));
  g_assert_cmpfloat (credit, ==, 0.75);
  g_assert_false (rubric_criterion_credit (c, "-3", &credit, &na));
  g_assert_cmpfloat (c->weight, ==, 1.0);
}

static void
test_mean_ci (void)
{
  const double none[] = { NAN, NAN };
  const double one[] = { 80.0, NAN };
  const double values[] = { 60, 70, 80, NAN, 90 };
  const double edge[] = { 100, 100, 99, 100 };
  double mean, low, high;
  double s;

  g_assert_cmpuint (rubric_mean_with_ci (none, 2, &mean, &low, &high), ==, 0);
  g_assert_true (isnan (mean) && isnan (low) && isnan (high));

  g_assert_cmpuint (rubric_mean_with_ci (one, 2, &mean, &low, &high), ==, 1);
  g_assert_cmpfloat (mean, ==, 80.0);
  g_assert_true (isnan (low) && isnan (high));

  g_assert_cmpuint (rubric_mean_with_ci (values, 5, &mean, &low, &high), ==, 4);
  g_assert_cmpfloat (mean, ==, 75.0);
  s = sqrt ((225 + 25 + 25 + 225) / 3.0);
  g_assert_cmpfloat_with_epsilon (low, 75.0 - 3.182446 * s / 2.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (high, 75.0 + 3.182446 * s / 2.0, 1e-4);

  /* Clipped to [0, 100]. */
  rubric_mean_with_ci (edge, 4, &mean, &low, &high);
  g_assert_cmpfloat (high, ==, 100.0);
  g_assert_cmpfloat (low, <, mean);
}

static void
test_student_t (void)
{
  /* Reference quantiles (R: qt(0.975, df)). */
  g_assert_cmpfloat_with_epsilon (rubric_student_t_975 (1), 12.706205, 1e-5);
  g_assert_cmpfloat_with_epsilon (rubric_student_t_975 (29), 2.045230, 1e-5);
  g_assert_cmpfloat_with_epsilon (rubric_student_t_975 (30), 2.042272, 1e-5);
  g_assert_cmpfloat_with_epsilon (rubric_student_t_975 (31), 2.039513, 1e-5);
  g_assert_cmpfloat_with_epsilon (rubric_student_t_975 (40), 2.021075, 1e-5);
  g_assert_cmpfloat_with_epsilon (rubric_student_t_975 (60), 2.000298, 1e-5);
  g_assert_cmpfloat_with_epsilon (rubric_student_t_975 (120), 1.979930, 1e-5);
  g_assert_cmpfloat_with_epsilon (rubric_student_t_975 (1000), 1.962339, 1e-5);
  g_assert_true (isnan (rubric_student_t_975 (0)));
}

static void
test_wilson (void)
{
  double low, high;

  /* 70 of 100: 60.4 % .. 78.1 % (Wilson, z = 1.96). */
  g_assert_true (rubric_wilson_interval (70, 100, &low, &high));
  g_assert_cmpfloat_with_epsilon (low, 60.41515, 1e-4);
  g_assert_cmpfloat_with_epsilon (high, 78.10511, 1e-4);

  g_assert_true (rubric_wilson_interval (0, 10, &low, &high));
  g_assert_cmpfloat (low, ==, 0.0);
  g_assert_cmpfloat (high, >, 0.0);

  g_assert_true (rubric_wilson_interval (10, 10, &low, &high));
  g_assert_cmpfloat_with_epsilon (high, 100.0, 1e-9);

  g_assert_false (rubric_wilson_interval (0, 0, &low, &high));
  g_assert_true (isnan (low) && isnan (high));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/score/all-yes", test_all_yes);
  g_test_add_func ("/score/weights-and-credits", test_weights_and_credits);
  g_test_add_func ("/score/na-does-not-count", test_na_does_not_count);
  g_test_add_func ("/score/auto-fail", test_auto_fail);
  g_test_add_func ("/score/partial-credit-is-not-failure", test_auto_fail_partial_credit_is_not_failure);
  g_test_add_func ("/score/all-na-is-undefined", test_all_na_is_undefined);
  g_test_add_func ("/score/nothing-answered", test_nothing_answered);
  g_test_add_func ("/score/draft-is-provisional", test_draft_is_provisional);
  g_test_add_func ("/score/scale-min-on-critical-fails", test_scale_min_on_critical_fails);
  g_test_add_func ("/score/credit-values", test_credit_values);
  g_test_add_func ("/score/negative-scale", test_negative_scale);
  g_test_add_func ("/aggregate/mean-ci", test_mean_ci);
  g_test_add_func ("/aggregate/student-t", test_student_t);
  g_test_add_func ("/aggregate/wilson", test_wilson);

  return g_test_run ();
}
