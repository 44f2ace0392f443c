/* test-contract.c — contracts: defaults, the SPEC example, bad files, canonical XML, the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rubric-contract-store.h"
#include "rubric-contract.h"
#include "rubric-db.h"
#include "rubric-error.h"
#include "rubric-rollups.h"
#include "rubric-test-util.h"

static char *
data_path (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, "contracts", name, NULL);
}

static char *
read_data (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  return data;
}

static RubricContract *
parse_data_file (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  RubricContract *contract = rubric_contract_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (contract);
  return contract;
}

static RubricContract *
parse_string (const char *label,
              const char *xml)
{
  g_autoptr(GError) error = NULL;
  RubricContract *contract = rubric_contract_new_from_xml (label, xml, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (contract);
  return contract;
}

static void
assert_default_grades (const RubricContract *contract)
{
  static const char * const names[] = { "A", "B", "C", "D" };
  static const double mins[] = { 95, 85, 70, 0 };

  g_assert_cmpuint (contract->grades->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      RubricGrade *grade = g_ptr_array_index (contract->grades, i);

      g_assert_cmpstr (grade->name, ==, names[i]);
      g_assert_cmpfloat (grade->min, ==, mins[i]);
    }
}

/* SPEC §4.3 and §5.1: every default of a contract. */
static void
assert_defaults (const RubricContract *contract)
{
  g_assert_cmpstr (contract->period, ==, "month");
  g_assert_cmpstr (contract->valid_from, ==, RUBRIC_CONTRACT_ALWAYS);
  g_assert_cmpstr (contract->valid_from, ==, "0001-01-01");
  g_assert_cmpuint (contract->minimum_evaluations, ==, 30);
  g_assert_false (contract->has_credit_cap);
  g_assert_cmpuint (contract->threshold, ==, 20);
  g_assert_cmpuint (contract->short_abandon, ==, 5);
  g_assert_cmpint (contract->formula, ==, RUBRIC_SL_ABANDONS_NEGATIVE);
  g_assert_cmpuint (contract->repeat_days, ==, 7);
  g_assert_cmpuint (contract->objectives->len, ==, 0);
  assert_default_grades (contract);
}

static void
test_defaults (void)
{
  g_autoptr(RubricContract) made = rubric_contract_new ("Bravo Calls", "UTC");
  g_autoptr(RubricContract) read = parse_data_file ("minimal.xml");
  g_autofree char *made_xml = NULL;
  g_autofree char *read_xml = NULL;

  g_assert_cmpstr (made->vendor, ==, "Bravo Calls");
  g_assert_cmpstr (made->timezone, ==, "UTC");
  assert_defaults (made);

  g_assert_cmpstr (read->vendor, ==, "Bravo Calls");
  g_assert_cmpstr (read->timezone, ==, "UTC");
  assert_defaults (read);

  /* The canonical form writes every default out. */
  made_xml = rubric_contract_to_xml (made);
  read_xml = rubric_contract_to_xml (read);
  g_assert_cmpstr (made_xml, ==, read_xml);
  g_assert_nonnull (strstr (made_xml, "period=\"month\" valid-from=\"0001-01-01\" "
                                      "minimum-evaluations=\"30\">"));
  g_assert_nonnull (strstr (made_xml, "<service-level threshold=\"20\" short-abandon=\"5\" "
                                      "formula=\"abandons-negative\"/>"));
  g_assert_nonnull (strstr (made_xml, "<repeat-contact days=\"7\"/>"));
  g_assert_null (strstr (made_xml, "credit-cap"));
}

static void
test_formulas_and_metrics (void)
{
  static const char * const names[] = {
    "answered", "abandons-negative", "abandons-ignored", "abandons-positive"
  };
  RubricSlFormula formula;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (rubric_sl_formula_to_string ((RubricSlFormula) i), ==, names[i]);
      g_assert_true (rubric_sl_formula_from_string (names[i], &formula));
      g_assert_cmpint (formula, ==, i);
    }
  g_assert_false (rubric_sl_formula_from_string ("abandons", &formula));
  g_assert_false (rubric_sl_formula_from_string ("", &formula));
  g_assert_false (rubric_sl_formula_from_string (NULL, &formula));

  /* SPEC §5.1's table. */
  g_assert_cmpint (rubric_metric_better ("service-level"), ==, RUBRIC_BETTER_HIGHER);
  g_assert_cmpint (rubric_metric_better ("abandon-rate"), ==, RUBRIC_BETTER_LOWER);
  g_assert_cmpint (rubric_metric_better ("fcr"), ==, RUBRIC_BETTER_HIGHER);
  g_assert_cmpint (rubric_metric_better ("asa"), ==, RUBRIC_BETTER_LOWER);
  g_assert_cmpint (rubric_metric_better ("aht"), ==, RUBRIC_BETTER_LOWER);
  g_assert_cmpint (rubric_metric_better ("qa-overall"), ==, RUBRIC_BETTER_HIGHER);
  g_assert_cmpint (rubric_metric_better ("qa-documentation"), ==, RUBRIC_BETTER_HIGHER);
  g_assert_cmpint (rubric_metric_better ("qa-my-category"), ==, RUBRIC_BETTER_HIGHER);

  g_assert_true (rubric_metric_is_valid ("qa-policy"));
  g_assert_true (rubric_metric_is_valid ("qa-9x-y"));
  g_assert_true (rubric_metric_is_valid ("custom:csat"));
  g_assert_true (rubric_metric_is_valid ("custom:Net-Promoter_Score/%"));
  g_assert_false (rubric_metric_is_valid ("qa-"));
  g_assert_false (rubric_metric_is_valid ("qa--x"));
  g_assert_false (rubric_metric_is_valid ("qa-Policy"));
  g_assert_false (rubric_metric_is_valid ("custom:"));
  g_assert_false (rubric_metric_is_valid ("custom:a b"));
  g_assert_false (rubric_metric_is_valid ("custom:a\tb"));
  /* Invisible (a format character): no imported metric can be called so
   * (rubric-cli metrics import refuses it), so no objective either. */
  g_assert_false (rubric_metric_is_valid ("custom:csat\u200bscore"));
  g_assert_false (rubric_metric_is_valid ("csat"));
  g_assert_false (rubric_metric_is_valid ("Service-Level"));
  g_assert_false (rubric_metric_is_valid (""));
  g_assert_false (rubric_metric_is_valid (NULL));
}

static void
assert_objective (const RubricContract *contract,
                  guint                 index,
                  const char           *metric,
                  double                target,
                  double                weight,
                  double                credit,
                  RubricBetter          better)
{
  RubricObjective *objective = g_ptr_array_index (contract->objectives, index);

  g_assert_cmpstr (objective->metric, ==, metric);
  g_assert_cmpfloat (objective->target, ==, target);
  g_assert_cmpfloat (objective->weight, ==, weight);
  if (isnan (credit))
    g_assert_false (objective->has_credit);
  else
    {
      g_assert_true (objective->has_credit);
      g_assert_cmpfloat (objective->credit, ==, credit);
    }
  g_assert_cmpint (objective->better, ==, better);
}

static void
test_spec_example (void)
{
  g_autoptr(RubricContract) contract = parse_data_file ("spec-example.xml");

  g_assert_cmpstr (contract->vendor, ==, "Acme");
  g_assert_cmpstr (contract->timezone, ==, "Europe/Riga");
  g_assert_cmpstr (contract->period, ==, "month");
  g_assert_cmpstr (contract->valid_from, ==, "2026-01-01");
  g_assert_cmpuint (contract->minimum_evaluations, ==, 30);
  g_assert_true (contract->has_credit_cap);
  g_assert_cmpfloat (contract->credit_cap, ==, 15);
  g_assert_cmpuint (contract->threshold, ==, 20);
  g_assert_cmpuint (contract->short_abandon, ==, 5);
  g_assert_cmpint (contract->formula, ==, RUBRIC_SL_ABANDONS_NEGATIVE);
  g_assert_cmpuint (contract->repeat_days, ==, 7);

  g_assert_cmpuint (contract->objectives->len, ==, 6);
  assert_objective (contract, 0, "service-level", 80, 30, 5, RUBRIC_BETTER_HIGHER);
  assert_objective (contract, 1, "abandon-rate", 5, 10, 2, RUBRIC_BETTER_LOWER);
  assert_objective (contract, 2, "asa", 30, 10, NAN, RUBRIC_BETTER_LOWER);
  assert_objective (contract, 3, "qa-overall", 85, 30, NAN, RUBRIC_BETTER_HIGHER);
  assert_objective (contract, 4, "qa-resolution", 80, 10, NAN, RUBRIC_BETTER_HIGHER);
  assert_objective (contract, 5, "custom:csat", 4.2, 10, NAN, RUBRIC_BETTER_HIGHER);

  assert_default_grades (contract);
}

/* import → export → import → export gives the same bytes, and the
 * canonical form of the SPEC example is exactly this. */
static void
test_round_trip (void)
{
  static const char expected[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<contract xmlns=\"urn:rubric:contract:1\" vendor=\"Acme\" timezone=\"Europe/Riga\" "
    "period=\"month\" valid-from=\"2026-01-01\" minimum-evaluations=\"30\" credit-cap=\"15\">\n"
    "  <service-level threshold=\"20\" short-abandon=\"5\" formula=\"abandons-negative\"/>\n"
    "  <repeat-contact days=\"7\"/>\n"
    "  <objective metric=\"service-level\" target=\"80\" weight=\"30\" credit=\"5\"/>\n"
    "  <objective metric=\"abandon-rate\" target=\"5\" weight=\"10\" credit=\"2\"/>\n"
    "  <objective metric=\"asa\" target=\"30\" weight=\"10\"/>\n"
    "  <objective metric=\"qa-overall\" target=\"85\" weight=\"30\"/>\n"
    "  <objective metric=\"qa-resolution\" target=\"80\" weight=\"10\"/>\n"
    "  <objective metric=\"custom:csat\" target=\"4.2\" direction=\"higher\" weight=\"10\"/>\n"
    "  <grades>\n"
    "    <grade name=\"A\" min=\"95\"/>\n"
    "    <grade name=\"B\" min=\"85\"/>\n"
    "    <grade name=\"C\" min=\"70\"/>\n"
    "    <grade name=\"D\" min=\"0\"/>\n"
    "  </grades>\n"
    "</contract>\n";
  static const char * const files[] = { "spec-example.xml", "minimal.xml", "loose.xml" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(RubricContract) first = parse_data_file (files[i]);
      g_autofree char *once = rubric_contract_to_xml (first);
      g_autoptr(RubricContract) second = parse_string ("once.xml", once);
      g_autofree char *twice = rubric_contract_to_xml (second);

      g_assert_cmpstr (once, ==, twice);
      if (i == 0)
        g_assert_cmpstr (once, ==, expected);
    }
}

/* Loosely written numbers, grades out of order: read right, written
 * straight. */
static void
test_loose_file (void)
{
  g_autoptr(RubricContract) contract = parse_data_file ("loose.xml");
  g_autofree char *xml = rubric_contract_to_xml (contract);
  RubricGrade *grade;

  g_assert_cmpstr (contract->vendor, ==, "Charlie & Sons");
  g_assert_cmpstr (contract->timezone, ==, "America/Argentina/Buenos_Aires");
  g_assert_cmpstr (contract->period, ==, "quarter");
  g_assert_cmpuint (contract->minimum_evaluations, ==, 12);
  g_assert_cmpuint (contract->threshold, ==, 20);
  g_assert_cmpuint (contract->short_abandon, ==, 0);
  g_assert_cmpint (contract->formula, ==, RUBRIC_SL_ANSWERED);
  g_assert_cmpuint (contract->repeat_days, ==, 3);

  g_assert_cmpuint (contract->objectives->len, ==, 4);
  assert_objective (contract, 0, "custom:cost-per-call", 3.75, 0.5, 0, RUBRIC_BETTER_LOWER);
  assert_objective (contract, 1, "aht", 300, 2, NAN, RUBRIC_BETTER_LOWER);
  assert_objective (contract, 2, "qa-empathy-2", 0, 1, NAN, RUBRIC_BETTER_HIGHER);
  assert_objective (contract, 3, "fcr", 100, 1, NAN, RUBRIC_BETTER_HIGHER);
  g_assert_false (signbit (((RubricObjective *) g_ptr_array_index (contract->objectives,
                                                                   2))->target));

  g_assert_cmpuint (contract->grades->len, ==, 3);
  grade = g_ptr_array_index (contract->grades, 0);
  g_assert_cmpstr (grade->name, ==, "Excellent");
  g_assert_cmpfloat (grade->min, ==, 90);
  grade = g_ptr_array_index (contract->grades, 1);
  g_assert_cmpstr (grade->name, ==, "Pass");
  g_assert_cmpfloat (grade->min, ==, 60.5);
  grade = g_ptr_array_index (contract->grades, 2);
  g_assert_cmpstr (grade->name, ==, "Fail");

  g_assert_nonnull (strstr (xml, "vendor=\"Charlie &amp; Sons\""));
  g_assert_nonnull (strstr (xml, "minimum-evaluations=\"12\""));
  g_assert_nonnull (strstr (xml, "<objective metric=\"custom:cost-per-call\" target=\"3.75\" "
                                 "direction=\"lower\" weight=\"0.5\" credit=\"0\"/>"));
  g_assert_nonnull (strstr (xml, "<objective metric=\"qa-empathy-2\" target=\"0\" "
                                 "weight=\"1\"/>"));
  g_assert_nonnull (strstr (xml, "<grade name=\"Pass\" min=\"60.5\"/>"));
}

static void
test_grade_for (void)
{
  g_autoptr(RubricContract) standard = rubric_contract_new ("Acme", "UTC");
  g_autoptr(RubricContract) loose = parse_data_file ("loose.xml");

  g_assert_cmpstr (rubric_contract_grade_for (standard, 100), ==, "A");
  g_assert_cmpstr (rubric_contract_grade_for (standard, 95), ==, "A");
  g_assert_cmpstr (rubric_contract_grade_for (standard, 94.999), ==, "B");
  g_assert_cmpstr (rubric_contract_grade_for (standard, 85), ==, "B");
  g_assert_cmpstr (rubric_contract_grade_for (standard, 70), ==, "C");
  g_assert_cmpstr (rubric_contract_grade_for (standard, 69.99), ==, "D");
  g_assert_cmpstr (rubric_contract_grade_for (standard, 0), ==, "D");
  g_assert_null (rubric_contract_grade_for (standard, NAN));
  g_assert_null (rubric_contract_grade_for (standard, -1));

  g_assert_cmpstr (rubric_contract_grade_for (loose, 90), ==, "Excellent");
  g_assert_cmpstr (rubric_contract_grade_for (loose, 60.5), ==, "Pass");
  g_assert_cmpstr (rubric_contract_grade_for (loose, 60.49), ==, "Fail");
}

/* Each bad file, the line it must be refused at (0: none, the file is
 * empty) and a piece of the message that says why. */
static const struct
{
  const char *file;
  int         line;
  const char *reason;
} bad_files[] = {
  { "billion-laughs.xml", 2, "DOCTYPE" },
  { "blank-vendor.xml", 2, "names no vendor" },
  { "credit-above-100.xml", 3, "credit" },
  { "credit-cap-above-100.xml", 2, "credit-cap" },
  { "credit-cap-negative.xml", 2, "credit-cap" },
  { "credit-negative.xml", 3, "credit" },
  { "custom-without-direction.xml", 3, "“custom:csat” needs direction" },
  { "direction-on-fixed-metric.xml", 3, "direction of “asa” is fixed" },
  { "direction-unknown.xml", 3, "direction" },
  { "doctype.xml", 2, "DOCTYPE" },
  { "duplicate-custom-metric.xml", 4, "“custom:csat” has two objectives" },
  { "duplicate-metric.xml", 4, "“asa” has two objectives" },
  { "empty-vendor.xml", 2, "names no vendor" },
  { "empty.xml", 0, "empty" },
  { "external-entity.xml", 2, "DOCTYPE" },
  { "foreign-attribute.xml", 3, "note" },
  { "formula-unknown.xml", 3, "formula" },
  { "grade-blank-name.xml", 5, "a grade has no name" },
  { "grade-duplicate-min.xml", 5, "“A” and “B” have the same min" },
  { "grade-duplicate-name.xml", 5, "grade “A” is given twice" },
  { "grade-lowest-not-zero.xml", 3, "lowest grade must have min=\"0\"" },
  { "grade-min-above-100.xml", 4, "min of <grade> must be a percent from 0 to 100, not “101”" },
  { "grade-min-negative.xml", 5, "min of <grade> must be a percent from 0 to 100, not “-10”" },
  { "grade-missing-min.xml", 5, "schema" },
  { "grade-outside-grades.xml", 3, "grade" },
  { "grades-empty.xml", 3, "schema" },
  { "grades-twice.xml", 4, "grades" },
  { "metric-custom-empty.xml", 3, "unknown metric “custom:”" },
  { "metric-custom-nbsp.xml", 3, "unknown metric “custom:csat\u00a0score”" },
  { "metric-custom-space.xml", 3, "unknown metric “custom:customer satisfaction”" },
  { "metric-missing.xml", 3, "schema" },
  { "metric-qa-empty-key.xml", 3, "unknown metric “qa-”" },
  { "metric-qa-uppercase.xml", 3, "unknown metric “qa-Resolution”" },
  { "metric-unknown.xml", 3, "unknown metric “csat”" },
  { "minimum-evaluations-fraction.xml", 2, "minimum-evaluations" },
  { "minimum-evaluations-huge.xml", 2, "minimum-evaluations" },
  { "minimum-evaluations-negative.xml", 2, "minimum-evaluations" },
  { "missing-timezone.xml", 2, "schema" },
  { "missing-vendor.xml", 2, "schema" },
  { "no-namespace.xml", 2, "without a namespace" },
  { "not-xml.xml", 1, "not well-formed" },
  { "period-custom-range.xml", 2, "period" },
  { "period-unknown.xml", 2, "period" },
  { "repeat-days-366.xml", 3, "days" },
  { "repeat-days-zero.xml", 3, "days" },
  { "short-abandon-too-large.xml", 3, "short-abandon" },
  { "target-comma.xml", 3, "4,2" },
  { "target-exponent.xml", 3, "3e1" },
  { "target-hex.xml", 3, "0x1E" },
  { "target-infinity.xml", 3, "INF" },
  { "target-missing.xml", 3, "schema" },
  { "target-nan.xml", 3, "NaN" },
  { "target-negative.xml", 3, "target of <objective> must be a number of at least 0" },
  { "target-percent-above-100.xml", 3, "target of “service-level” cannot be above 100" },
  { "target-qa-above-100.xml", 3, "target of “qa-overall” cannot be above 100" },
  { "target-too-many-digits.xml", 3, "1.0000000000000000000000000000001" },
  { "text-content.xml", 3, "text" },
  { "threshold-fraction.xml", 3, "threshold" },
  { "threshold-negative.xml", 3, "threshold" },
  { "threshold-too-large.xml", 3, "threshold" },
  { "timezone-offset.xml", 2, "“+03:00” is not a time zone" },
  { "timezone-path.xml", 2, "“/usr/share/zoneinfo/Europe/Riga” is not a time zone" },
  { "timezone-posix-rule.xml", 2, "“EET-2EEST,M3.5.0/3,M10.5.0/4” is not a time zone" },
  { "timezone-relative-path.xml", 2, "“Europe/../../../etc/passwd” is not a time zone" },
  { "truncated.xml", 4, "not well-formed" },
  { "two-repeat-contacts.xml", 4, "repeat-contact" },
  { "two-service-levels.xml", 4, "service-level" },
  { "undeclared-entity.xml", 2, "not well-formed" },
  { "unknown-attribute.xml", 2, "currency" },
  { "unknown-element.xml", 3, "penalty" },
  { "unknown-timezone.xml", 2, "“Mars/Olympus_Mons” is not a time zone" },
  { "utf16.xml", 1, "not UTF-8" },
  { "valid-from-impossible.xml", 2, "must be a day written YYYY-MM-DD, not “2026-02-30”" },
  { "valid-from-short.xml", 2, "valid-from" },
  { "valid-from-with-time.xml", 2, "valid-from" },
  { "valid-from-year-zero.xml", 2, "must be a day written YYYY-MM-DD, not “0000-01-01”" },
  { "weight-missing.xml", 3, "schema" },
  { "weight-negative.xml", 3, "weight of <objective> must be a number above 0, not “-10”" },
  { "weight-zero.xml", 3, "weight of <objective> must be a number above 0, not “0”" },
  { "wrong-namespace.xml", 2, "in namespace urn:rubric:contract:2" },
  { "wrong-order.xml", 4, "service-level" },
  { "wrong-root.xml", 2, "found <scorecard>" },
};

/* STYLE.md: bad input gets an error that names the file and the line. */
static void
test_bad_files (void)
{
  g_autofree char *folder = data_path ("bad");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) problems = g_string_new (NULL);
  const char *name;

  g_assert_no_error (error);
  g_assert_cmpuint (G_N_ELEMENTS (bad_files), >=, 25);

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = g_build_filename (folder, bad_files[i].file, NULL);
      g_autofree char *prefix = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(RubricContract) contract = NULL;

      g_hash_table_add (listed, (gpointer) bad_files[i].file);

      if (bad_files[i].line > 0)
        prefix = g_strdup_printf ("%s:%d: ", path, bad_files[i].line);
      else
        prefix = g_strdup_printf ("%s: ", path);

      contract = rubric_contract_new_from_file (path, &local_error);
      if (contract != NULL)
        g_string_append_printf (problems, "%s: accepted\n", bad_files[i].file);
      else if (!g_error_matches (local_error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT))
        g_string_append_printf (problems, "%s: wrong error %s/%d: %s\n", bad_files[i].file,
                                local_error ? g_quark_to_string (local_error->domain) : "none",
                                local_error ? local_error->code : -1,
                                local_error ? local_error->message : "");
      else if (!g_str_has_prefix (local_error->message, prefix))
        g_string_append_printf (problems, "%s: expected “%s…”, got: %s\n", bad_files[i].file,
                                prefix, local_error->message);
      else if (strstr (local_error->message, bad_files[i].reason) == NULL)
        g_string_append_printf (problems, "%s: expected “%s” in: %s\n", bad_files[i].file,
                                bad_files[i].reason, local_error->message);
      else
        g_test_message ("%s", local_error->message);
    }

  /* Every file in the folder is checked, none forgotten in the table. */
  while ((name = g_dir_read_name (dir)))
    if (!g_hash_table_contains (listed, name))
      g_string_append_printf (problems, "%s: not in the table\n", name);

  g_assert_cmpstr (problems->str, ==, "");
}

/* A DOCTYPE is refused before any entity is read (SPEC §8). */
static void
test_doctype_refused (void)
{
  static const char xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE contract [ <!ENTITY v \"Acme\"> ]>\n"
    "<contract xmlns=\"urn:rubric:contract:1\" vendor=\"&v;\" timezone=\"UTC\"/>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricContract) contract = NULL;

  contract = rubric_contract_new_from_xml ("entity.xml", xml, strlen (xml), &error);
  g_assert_null (contract);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "entity.xml:2: "));
  g_assert_nonnull (strstr (error->message, "DOCTYPE"));
}

static void
test_unreadable_file (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "missing.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricContract) contract = rubric_contract_new_from_file (path, &error);

  g_assert_null (contract);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
  g_assert_true (g_str_has_prefix (error->message, path));
  test_rmdir (dir);
}

/* The store. */

static char *
vendor_timezone (RubricDb   *db,
                 const char *vendor)
{
  gint64 id = rubric_db_lookup_vendor (db, vendor, NULL);

  g_assert_cmpint (id, >, 0);
  return rubric_db_get_vendor_timezone (db, id);
}

static void
import_ok (RubricDb       *db,
           RubricContract *contract,
           gboolean        expect_changed)
{
  g_autoptr(GError) error = NULL;
  gboolean changed = !expect_changed;

  g_assert_true (rubric_contract_store_import (db, contract, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, expect_changed);
}

/* A version of the SPEC example from another day, in another zone. */
static RubricContract *
spec_variant (const char *valid_from,
              const char *timezone,
              const char *asa_target)
{
  g_autofree char *spec = read_data ("spec-example.xml");
  g_autofree char *dated = test_replace (spec, "valid-from=\"2026-01-01\"", valid_from);
  g_autofree char *zoned = test_replace (dated, "timezone=\"Europe/Riga\"", timezone);
  g_autofree char *xml = test_replace (zoned, "metric=\"asa\" target=\"30\"", asa_target);

  return parse_string ("variant.xml", xml);
}

static void
test_store_import (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(RubricDb) db = test_open_db (dir, "rubric.db");
  g_autoptr(RubricContract) contract = parse_data_file ("spec-example.xml");
  g_autoptr(RubricContract) loaded = NULL;
  g_autoptr(GPtrArray) vendors = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *timezone = NULL;

  import_ok (db, contract, TRUE);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM contracts"), ==, 1);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM contracts WHERE timezone = "
                                  "'Europe/Riga' AND period = 'month' AND threshold = 20 "
                                  "AND short_abandon = 5 AND formula = 'abandons-negative' "
                                  "AND repeat_days = 7 AND valid_from = '2026-01-01' "
                                  "AND imported_at > 0"), ==, 1);
  timezone = vendor_timezone (db, "Acme");
  g_assert_cmpstr (timezone, ==, "Europe/Riga");

  /* The identical contract again changes nothing, not even imported_at. */
  before = test_dump (db);
  import_ok (db, contract, FALSE);
  after = test_dump (db);
  g_assert_cmpstr (before, ==, after);

  loaded = rubric_contract_store_load (db, "Acme", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  expected = rubric_contract_to_xml (contract);
  actual = rubric_contract_to_xml (loaded);
  g_assert_cmpstr (actual, ==, expected);

  vendors = rubric_contract_store_list_vendors (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vendors->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (vendors, 0), ==, "Acme");

  g_clear_pointer (&db, rubric_db_close);
  test_rmdir (dir);
}

static void
assert_loads (RubricDb   *db,
              const char *day,
              const char *valid_from)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricContract) contract = rubric_contract_store_load (db, "Acme", day, &error);

  g_assert_no_error (error);
  if (valid_from == NULL)
    g_assert_null (contract);
  else
    {
      g_assert_nonnull (contract);
      g_assert_cmpstr (contract->valid_from, ==, valid_from);
    }
}

static void
test_store_versions (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(RubricDb) db = test_open_db (dir, "rubric.db");
  g_autoptr(RubricContract) january = parse_data_file ("spec-example.xml");
  g_autoptr(RubricContract) july = NULL;
  g_autoptr(RubricContract) july_fixed = NULL;
  g_autoptr(RubricContract) loaded = NULL;
  g_autoptr(RubricContract) other = NULL;
  g_autoptr(GPtrArray) vendors = NULL;
  g_autoptr(GError) error = NULL;
  RubricObjective *asa;
  gint64 id;

  july = spec_variant ("valid-from=\"2026-07-01\"", "timezone=\"Europe/Riga\"",
                       "metric=\"asa\" target=\"25\"");
  import_ok (db, january, TRUE);
  import_ok (db, july, TRUE);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM contracts"), ==, 2);

  assert_loads (db, "2025-12-31", NULL);
  assert_loads (db, "2026-01-01", "2026-01-01");
  assert_loads (db, "2026-06-30", "2026-01-01");
  assert_loads (db, "2026-07-01", "2026-07-01");
  assert_loads (db, "2030-01-01", "2026-07-01");
  assert_loads (db, NULL, "2026-07-01");

  /* A corrected July replaces July, and only July. */
  july_fixed = spec_variant ("valid-from=\"2026-07-01\"", "timezone=\"Europe/Riga\"",
                             "metric=\"asa\" target=\"28\"");
  import_ok (db, july_fixed, TRUE);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM contracts"), ==, 2);
  loaded = rubric_contract_store_load (db, "Acme", "2026-08-01", &error);
  g_assert_no_error (error);
  asa = g_ptr_array_index (loaded->objectives, 2);
  g_assert_cmpstr (asa->metric, ==, "asa");
  g_assert_cmpfloat (asa->target, ==, 28);
  g_clear_pointer (&loaded, rubric_contract_free);

  /* By vendor id, the same. */
  id = rubric_db_lookup_vendor (db, "Acme", NULL);
  loaded = rubric_contract_store_load_for_vendor_id (db, id, "2026-03-01", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->valid_from, ==, "2026-01-01");
  g_clear_pointer (&loaded, rubric_contract_free);

  /* No such vendor; a vendor without a contract; not a day. */
  loaded = rubric_contract_store_load (db, "Nobody", NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  loaded = rubric_contract_store_load_for_vendor_id (db, id + 1000, NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  id = rubric_db_ensure_vendor (db, "Zulu", &error);
  g_assert_no_error (error);
  loaded = rubric_contract_store_load_for_vendor_id (db, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  loaded = rubric_contract_store_load (db, "Acme", "2026-02-30", &error);
  g_assert_null (loaded);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
  g_clear_error (&error);

  /* Listed: vendors with a contract, sorted; Zulu has none. */
  other = rubric_contract_new ("Aardvark", "UTC");
  import_ok (db, other, TRUE);
  vendors = rubric_contract_store_list_vendors (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vendors->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (vendors, 0), ==, "Aardvark");
  g_assert_cmpstr (g_ptr_array_index (vendors, 1), ==, "Acme");

  g_clear_pointer (&db, rubric_db_close);
  test_rmdir (dir);
}

/* One call at 2026-01-01T23:30Z: 1 January in UTC, 2 January in Riga. */
static void
add_late_call (RubricDb *db,
               gint64    vendor_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("INSERT INTO sources (id, name) VALUES (1, 'test');"
                         "INSERT INTO queues (id, name, vendor_id) "
                         "VALUES (1, 'q', %" G_GINT64_FORMAT ");"
                         "INSERT INTO calls (source_id, call_id, queue_id, entered_at, "
                         "  vendor_id, outcome, wait_s) "
                         "VALUES (1, 'c1', 1, 1767310200, %" G_GINT64_FORMAT ", 1, 3);",
                         vendor_id, vendor_id);
  g_assert_true (rubric_db_exec (db, sql, &error));
  g_assert_no_error (error);
  g_assert_true (rubric_rollups_rebuild_vendor (db, vendor_id, &error));
  g_assert_no_error (error);
}

static void
test_store_timezone (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(RubricDb) db = test_open_db (dir, "rubric.db");
  g_autoptr(RubricContract) january = parse_data_file ("spec-example.xml");
  g_autoptr(RubricContract) older = NULL;
  g_autoptr(RubricContract) july = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tz1 = NULL;
  g_autofree char *tz2 = NULL;
  g_autofree char *tz3 = NULL;
  g_autofree char *tz4 = NULL;
  gint64 id;
  /* Days since 1970-01-01 of 1 and 2 January 2026. */
  const gint64 jan1 = 20454;
  const gint64 jan2 = 20455;

  /* A vendor known from its calls, counted in UTC until it has a contract. */
  id = rubric_db_ensure_vendor (db, "Acme", &error);
  g_assert_no_error (error);
  add_late_call (db, id);
  g_assert_cmpint (test_query_int (db, "SELECT min(day) FROM call_rollups"), ==, jan1);
  g_assert_cmpint (test_query_int (db, "SELECT max(day) FROM call_rollups"), ==, jan1);

  /* Its contract puts it in Riga: the call moves to 2 January. */
  import_ok (db, january, TRUE);
  tz1 = vendor_timezone (db, "Acme");
  g_assert_cmpstr (tz1, ==, "Europe/Riga");
  g_assert_cmpint (test_query_int (db, "SELECT min(day) FROM call_rollups"), ==, jan2);
  g_assert_cmpint (test_query_int (db, "SELECT max(day) FROM call_rollups"), ==, jan2);

  /* An older version in another zone does not move it: the latest rules. */
  older = spec_variant ("valid-from=\"2025-01-01\"", "timezone=\"UTC\"",
                        "metric=\"asa\" target=\"30\"");
  import_ok (db, older, TRUE);
  tz2 = vendor_timezone (db, "Acme");
  g_assert_cmpstr (tz2, ==, "Europe/Riga");
  g_assert_cmpint (test_query_int (db, "SELECT max(day) FROM call_rollups"), ==, jan2);

  /* A newer one in another zone does. */
  july = spec_variant ("valid-from=\"2026-07-01\"", "timezone=\"America/New_York\"",
                       "metric=\"asa\" target=\"30\"");
  import_ok (db, july, TRUE);
  tz3 = vendor_timezone (db, "Acme");
  g_assert_cmpstr (tz3, ==, "America/New_York");
  g_assert_cmpint (test_query_int (db, "SELECT max(day) FROM call_rollups"), ==, jan1);

  /* The same again: nothing changes. */
  import_ok (db, july, FALSE);
  tz4 = vendor_timezone (db, "Acme");
  g_assert_cmpstr (tz4, ==, "America/New_York");

  g_clear_pointer (&db, rubric_db_close);
  test_rmdir (dir);
}

/* A failure anywhere leaves the database as it was (SPEC §9, exit 2 or 3). */
static void
test_store_failure_leaves_db (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(RubricDb) db = test_open_db (dir, "rubric.db");
  g_autoptr(RubricContract) january = parse_data_file ("spec-example.xml");
  g_autoptr(RubricContract) moved = NULL;
  g_autoptr(RubricContract) newcomer = NULL;
  g_autoptr(RubricContract) broken = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean changed = FALSE;

  import_ok (db, january, TRUE);

  /* The last step (moving the vendor to another zone) fails after the
   * vendor and the contract row are written. */
  g_assert_true (rubric_db_exec (db,
                                 rubric_db_is_postgres (db)
                                   ? "CREATE FUNCTION no_moves () RETURNS trigger LANGUAGE plpgsql"
                                     " AS $$BEGIN RAISE EXCEPTION 'no moves'; END$$;"
                                     "CREATE TRIGGER no_moves BEFORE UPDATE OF timezone ON vendors"
                                     " FOR EACH ROW EXECUTE FUNCTION no_moves ();"
                                   : "CREATE TRIGGER no_moves BEFORE UPDATE OF timezone ON vendors "
                                     "BEGIN SELECT RAISE (ABORT, 'no moves'); END;",
                                 &error));
  g_assert_no_error (error);
  before = test_dump (db);

  moved = spec_variant ("valid-from=\"2026-07-01\"", "timezone=\"UTC\"",
                        "metric=\"asa\" target=\"30\"");
  g_assert_false (rubric_contract_store_import (db, moved, &changed, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
  g_clear_error (&error);
  after = test_dump (db);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  newcomer = rubric_contract_new ("Newcomer", "Asia/Tokyo");
  g_assert_false (rubric_contract_store_import (db, newcomer, &changed, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
  g_clear_error (&error);
  after = test_dump (db);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  /* A contract built in code with a value no file could hold is bad input. */
  broken = rubric_contract_new ("Broken", "Mars/Olympus_Mons");
  g_assert_false (rubric_contract_store_import (db, broken, &changed, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
  g_clear_error (&error);
  after = test_dump (db);
  g_assert_cmpstr (before, ==, after);

  g_clear_pointer (&db, rubric_db_close);
  test_rmdir (dir);
}

/* Inside the caller's transaction the import uses a savepoint: a failure
 * undoes only the import, and the caller decides about the rest. */
static void
test_store_inside_transaction (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(RubricDb) db = test_open_db (dir, "rubric.db");
  g_autoptr(RubricContract) january = parse_data_file ("spec-example.xml");
  g_autoptr(RubricContract) invalid = rubric_contract_new ("Invalid", "Nowhere/Land");
  g_autoptr(RubricContract) refused = rubric_contract_new ("Refused", "UTC");
  g_autoptr(RubricContract) loaded = NULL;
  g_autoptr(GError) error = NULL;

  /* Refused's contract row cannot be written, after its vendor row was. */
  g_assert_true (rubric_db_exec (db,
                                 rubric_db_is_postgres (db)
                                   ? "CREATE FUNCTION refuse () RETURNS trigger LANGUAGE plpgsql"
                                     " AS $$BEGIN"
                                     "  IF (SELECT name FROM vendors WHERE id = NEW.vendor_id)"
                                     "     = 'Refused' THEN RAISE EXCEPTION 'refused'; END IF;"
                                     "  RETURN NEW; END$$;"
                                     "CREATE TRIGGER refuse BEFORE INSERT ON contracts"
                                     " FOR EACH ROW EXECUTE FUNCTION refuse ();"
                                   : "CREATE TRIGGER refuse BEFORE INSERT ON contracts "
                                     "WHEN (SELECT name FROM vendors WHERE id = NEW.vendor_id) "
                                     "  = 'Refused' "
                                     "BEGIN SELECT RAISE (ABORT, 'refused'); END;",
                                 &error));
  g_assert_no_error (error);

  g_assert_true (rubric_db_begin (db, &error));
  g_assert_cmpint (rubric_db_ensure_vendor (db, "Earlier", &error), >, 0);
  import_ok (db, january, TRUE);
  g_assert_false (rubric_contract_store_import (db, invalid, NULL, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
  g_clear_error (&error);
  g_assert_false (rubric_contract_store_import (db, refused, NULL, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE);
  g_clear_error (&error);
  g_assert_false (!rubric_db_in_transaction (db));
  g_assert_true (rubric_db_commit (db, &error));
  g_assert_no_error (error);

  g_assert_cmpint (rubric_db_lookup_vendor (db, "Earlier", NULL), >, 0);
  g_assert_cmpint (rubric_db_lookup_vendor (db, "Invalid", NULL), ==, 0);
  g_assert_cmpint (rubric_db_lookup_vendor (db, "Refused", NULL), ==, 0);
  loaded = rubric_contract_store_load (db, "Acme", "2026-01-15", &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  g_clear_pointer (&db, rubric_db_close);
  test_rmdir (dir);
}

/* Zones that are not IANA names are refused, even where GLib would read
 * them: the host's own zone, the database's rule file, paths, rules. */
static void
test_timezone_names (void)
{
  static const char * const refused[] = {
    "localtime", "posixrules", "zone.tab", "posix/Europe/Riga", "right/UTC", "Europe/./Riga",
    "../../../etc/localtime", "/etc/localtime", "Europe/Riga/", "ABC+3", "utc",
  };
  static const char * const accepted[] = {
    "UTC", "Europe/Riga", "America/St_Johns", "Australia/Lord_Howe", "Etc/GMT+3",
    "America/Argentina/Buenos_Aires",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RubricContract) contract = NULL;
      g_autofree char *xml = g_strdup_printf ("<contract xmlns=\"urn:rubric:contract:1\" "
                                              "vendor=\"Acme\" timezone=\"%s\"/>", refused[i]);
      g_autofree char *expected = g_strdup_printf ("“%s” is not a time zone", refused[i]);

      contract = rubric_contract_new_from_xml ("zone.xml", xml, -1, &error);
      g_assert_null (contract);
      g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
      g_assert_nonnull (strstr (error->message, expected));
    }

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RubricContract) contract = NULL;
      g_autofree char *xml = g_strdup_printf ("<contract xmlns=\"urn:rubric:contract:1\" "
                                              "vendor=\"Acme\" timezone=\"%s\"/>",
                                              accepted[i]);

      contract = rubric_contract_new_from_xml ("zone.xml", xml, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (contract->timezone, ==, accepted[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contract/defaults", test_defaults);
  g_test_add_func ("/contract/formulas-and-metrics", test_formulas_and_metrics);
  g_test_add_func ("/contract/spec-example", test_spec_example);
  g_test_add_func ("/contract/round-trip", test_round_trip);
  g_test_add_func ("/contract/loose-file", test_loose_file);
  g_test_add_func ("/contract/grade-for", test_grade_for);
  g_test_add_func ("/contract/bad-files", test_bad_files);
  g_test_add_func ("/contract/timezone-names", test_timezone_names);
  g_test_add_func ("/contract/doctype-refused", test_doctype_refused);
  g_test_add_func ("/contract/unreadable-file", test_unreadable_file);
  g_test_add_func ("/contract-store/import", test_store_import);
  g_test_add_func ("/contract-store/versions", test_store_versions);
  g_test_add_func ("/contract-store/timezone", test_store_timezone);
  g_test_add_func ("/contract-store/failure-leaves-db", test_store_failure_leaves_db);
  g_test_add_func ("/contract-store/inside-transaction", test_store_inside_transaction);

  return g_test_run ();
}
