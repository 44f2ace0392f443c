/* test-metrics.c — tests of the aggregate metrics import (CSV and XML)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rubric-db.h"
#include "rubric-error.h"
#include "rubric-metrics.h"
#include "rubric-test-util.h"

typedef TestDbFixture Fixture;

static char *
data_path (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, "metrics", name, NULL);
}

static char *
dump_db (Fixture *fixture)
{
  return test_dump (fixture->db);
}

/* The metrics as a reader would check them, with vendor names. */
static char *
metrics_rows (Fixture *fixture)
{
  RubricDb *handle = fixture->db;
  RubricStmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (test_prepare_v2 (handle,
                                       "SELECT v.name, m.period_start, m.period_end, m.metric,"
                                       "       m.value, m.n"
                                       "  FROM metrics m JOIN vendors v ON v.id = m.vendor_id"
                                       " ORDER BY v.name, m.period_start, m.period_end,"
                                       "          m.metric",
                                       -1, &stmt, NULL), ==, TEST_OK);
  while (rubric_stmt_step (stmt) == RUBRIC_ROW)
    g_string_append_printf (out, "%s|%s|%s|%s|%g|%s\n",
                            rubric_stmt_column_text (stmt, 0), rubric_stmt_column_text (stmt, 1),
                            rubric_stmt_column_text (stmt, 2), rubric_stmt_column_text (stmt, 3),
                            rubric_stmt_column_double (stmt, 4),
                            rubric_stmt_column_type (stmt, 5) == RUBRIC_NULL
                            ? "-" : rubric_stmt_column_text (stmt, 5));
  rubric_stmt_finalize (stmt);

  return g_string_free (out, FALSE);
}

static const char good_rows[] =
  "Acme|2026-09-01|2026-09-30|service-level|79|1100\n"
  "Acme|2026-10-01|2026-10-31|abandon-rate|4.25|1250\n"
  "Acme|2026-10-01|2026-10-31|aht|310.5|1180\n"
  "Acme|2026-10-01|2026-10-31|asa|22|-\n"
  "Acme|2026-10-01|2026-10-31|custom:csat|4.4|310\n"
  "Acme|2026-10-01|2026-10-31|fcr|72|900\n"
  "Acme|2026-10-01|2026-10-31|service-level|81.5|1200\n"
  "Acme|2026-10-19|2026-10-25|service-level|84|300\n"
  "Beta, Inc.|2026-10-01|2026-10-31|custom:nps|-12|-\n"
  "Beta, Inc.|2026-10-01|2026-10-31|service-level|100|0\n";

static void
assert_report (const RubricMetricsImportReport *report,
               guint64                          rows,
               guint64                          inserted,
               guint64                          replaced,
               guint64                          unchanged)
{
  g_assert_cmpuint (report->rows, ==, rows);
  g_assert_cmpuint (report->inserted, ==, inserted);
  g_assert_cmpuint (report->replaced, ==, replaced);
  g_assert_cmpuint (report->unchanged, ==, unchanged);
}

static void
import_ok (Fixture                   *fixture,
           const char                *path,
           RubricMetricsImportReport *report)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rubric_metrics_import (fixture->db, path, report, &error));
  g_assert_no_error (error);
}

/* The import of @path must fail with "PATH:LINE: …@fragment…" (or "PATH: …"
 * when @line is 0) and leave the database exactly as it was. */
static void
assert_refused (Fixture    *fixture,
                const char *path,
                gint64      line,
                const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_db (fixture);
  g_autofree char *after = NULL;
  g_autofree char *prefix = NULL;
  RubricMetricsImportReport report = { 7, 7, 7, 7 };

  if (line > 0)
    prefix = g_strdup_printf ("%s:%" G_GINT64_FORMAT ": ", path, line);
  else
    prefix = g_strdup_printf ("%s: ", path);

  g_assert_false (rubric_metrics_import (fixture->db, path, &report, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
  if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, fragment) == NULL)
    g_error ("expected “%s…%s…”, got “%s”", prefix, fragment, error->message);

  /* The report is only written on success. */
  assert_report (&report, 7, 7, 7, 7);

  after = dump_db (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_metrics_names (void)
{
  static const char * const valid[] = {
    "service-level", "abandon-rate", "asa", "aht", "fcr", "custom:csat", "custom:x",
    "custom:NPS_2026", "custom:délai-moyen", "custom:custom:x",
  };
  static const char * const invalid[] = {
    "", "csat", "Service-Level", "service-level ", " asa", "qa-overall", "custom:",
    "custom: x", "custom:a b", "custom:a\tb", "custom:a\u00a0b", "custom:a\u200bb",
    "custom:a\nb", "CUSTOM:x", "custom", NULL,
  };
  g_autoptr(GString) long_name = g_string_new ("custom:");

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (rubric_metric_name_is_valid (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_false (rubric_metric_name_is_valid (invalid[i]));

  /* As long as a contract may name it, and no longer. */
  while (long_name->len < 200)
    g_string_append_c (long_name, 'x');
  g_assert_true (rubric_metric_name_is_valid (long_name->str));
  g_string_append_c (long_name, 'x');
  g_assert_false (rubric_metric_name_is_valid (long_name->str));
}

static void
test_metrics_import_csv (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = data_path ("good.csv");
  g_autofree char *rows = NULL;
  g_autofree char *vendors = NULL;
  RubricMetricsImportReport report = { 0, };

  import_ok (fixture, path, &report);
  assert_report (&report, 10, 10, 0, 0);

  rows = metrics_rows (fixture);
  g_assert_cmpstr (rows, ==, good_rows);
}

static void
test_metrics_import_xml (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *xml = data_path ("good.xml");
  g_autofree char *csv = data_path ("good.csv");
  g_autofree char *rows = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  RubricMetricsImportReport report = { 0, };

  import_ok (fixture, xml, &report);
  assert_report (&report, 10, 10, 0, 0);
  rows = metrics_rows (fixture);
  g_assert_cmpstr (rows, ==, good_rows);
  first = dump_db (fixture);

  /* The CSV holds the same aggregates. */
  import_ok (fixture, csv, &report);
  assert_report (&report, 10, 0, 0, 10);
  second = dump_db (fixture);
  g_assert_cmpstr (second, ==, first);
}

static void
test_metrics_reimport (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = data_path ("good.csv");
  g_autofree char *changed = data_path ("changed.csv");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *expected = NULL;
  gint64 before_ids;
  RubricMetricsImportReport report = { 0, };

  import_ok (fixture, path, &report);
  first = dump_db (fixture);

  import_ok (fixture, path, &report);
  assert_report (&report, 10, 0, 0, 10);
  second = dump_db (fixture);
  g_assert_cmpstr (second, ==, first);

  /* Other columns in another order, CRLF, a blank line and no n column: a
   * new value replaces, a lost n replaces, the same value without n stays. */
  {
    RubricDb *handle = fixture->db;
    RubricStmt *stmt = NULL;

    g_assert_cmpint (test_prepare_v2 (handle, "SELECT total (id) FROM metrics", -1, &stmt,
                                         NULL), ==, TEST_OK);
    g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
    before_ids = rubric_stmt_column_int64 (stmt, 0);
    rubric_stmt_finalize (stmt);

    import_ok (fixture, changed, &report);
    assert_report (&report, 3, 0, 2, 1);

    /* Replaced in place: the rows keep their ids. */
    g_assert_cmpint (test_prepare_v2 (handle, "SELECT total (id), count (*) FROM metrics",
                                         -1, &stmt, NULL), ==, TEST_OK);
    g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
    g_assert_cmpint (rubric_stmt_column_int64 (stmt, 0), ==, before_ids);
    g_assert_cmpint (rubric_stmt_column_int64 (stmt, 1), ==, 10);
    rubric_stmt_finalize (stmt);
  }

  rows = metrics_rows (fixture);
  expected = g_strdup (good_rows);
  {
    g_autoptr(GString) s = g_string_new (expected);

    g_string_replace (s, "custom:csat|4.4|310", "custom:csat|4.4|-", 1);
    g_string_replace (s, "2026-10-31|service-level|81.5|1200",
                      "2026-10-31|service-level|83|-", 1);
    g_free (expected);
    expected = g_string_free (g_steal_pointer (&s), FALSE);
  }
  g_assert_cmpstr (rows, ==, expected);

  /* And back again. */
  import_ok (fixture, path, &report);
  assert_report (&report, 10, 0, 2, 8);
  g_clear_pointer (&rows, g_free);
  rows = metrics_rows (fixture);
  g_assert_cmpstr (rows, ==, good_rows);
}

/* The format comes from the content, not from the name. */
static void
test_metrics_detect_format (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *xml_text = NULL;
  g_autofree char *csv_text = NULL;
  g_autofree char *xml_path = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *bom_path = NULL;
  g_autofree char *good_xml = data_path ("good.xml");
  g_autofree char *good_csv = data_path ("good.csv");
  g_autofree char *rows = NULL;
  RubricMetricsImportReport report = { 0, };

  g_assert_true (g_file_get_contents (good_xml, &xml_text, NULL, NULL));
  g_assert_true (g_file_get_contents (good_csv, &csv_text, NULL, NULL));

  xml_path = test_write_file (fixture->dir, "october.csv", xml_text);
  csv_path = test_write_file (fixture->dir, "october.xml", csv_text);

  import_ok (fixture, xml_path, &report);
  assert_report (&report, 10, 10, 0, 0);
  import_ok (fixture, csv_path, &report);
  assert_report (&report, 10, 0, 0, 10);

  {
    /* An XML declaration must come first, so this copy, with a byte order
     * mark and white space in front, begins at the root element. */
    g_autofree char *with_bom = g_strconcat ("\xef\xbb\xbf \n\t",
                                             strstr (xml_text, "<metrics"), NULL);

    bom_path = test_write_file (fixture->dir, "bom.txt", with_bom);
    import_ok (fixture, bom_path, &report);
    assert_report (&report, 10, 0, 0, 10);
  }

  rows = metrics_rows (fixture);
  g_assert_cmpstr (rows, ==, good_rows);
}

static void
test_metrics_import_empty (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char * const files[] = { "header-only.csv", "empty.xml" };
  g_autofree char *before = dump_db (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = data_path (files[i]);
      g_autofree char *after = NULL;
      RubricMetricsImportReport report = { 7, 7, 7, 7 };

      import_ok (fixture, path, &report);
      assert_report (&report, 0, 0, 0, 0);
      after = dump_db (fixture);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_metrics_import_bad (Fixture       *fixture,
                         gconstpointer  data)
{
  static const struct
  {
    const char *file;
    gint64      line;
    const char *fragment;
  } cases[] = {
    { "asa-negative.csv", 2, "value: asa is a number of seconds, 0 or more, not -3" },
    { "bad-date.csv", 3, "period_start: “2026-02-30” is not a day" },
    { "blank.csv", 1, "vendor, period_start, period_end, metric, value" },
    { "custom-empty.csv", 2, "“custom:” is not a metric" },
    { "custom-space.csv", 2, "“custom:net promoter” is not a metric" },
    { "date-format.csv", 2, "period_end: “31/10/2026” is not a day" },
    { "duplicate-header.csv", 1, "“metric” appears twice" },
    { "duplicate-trimmed.csv", 3, "given twice, on lines 2 and 3" },
    { "duplicate.csv", 4, "service-level of “Acme” for 2026-10-01..2026-10-31 is given "
                          "twice, on lines 2 and 4" },
    { "empty-vendor.csv", 3, "vendor is empty" },
    { "empty.csv", 0, "empty" },
    { "end-before-start.csv", 2, "ends (2026-10-01) before it begins (2026-10-31)" },
    { "fields.csv", 3, "5 fields, the header 6" },
    { "metric-case.csv", 2, "“Service-Level” is not a metric" },
    { "missing-column.csv", 1, "required columns: value" },
    { "n-fraction.csv", 2, "n: “12.5” is not a whole number" },
    { "n-negative.csv", 2, "n: “-5” is not a whole number" },
    { "n-overflow.csv", 2, "n: “99999999999999999999”" },
    { "nul-byte.csv", 2, "NUL" },
    { "percent-negative.csv", 2, "abandon-rate is a percentage from 0 to 100, not -1" },
    { "percent-over.csv", 4, "service-level is a percentage from 0 to 100, not 100.5" },
    { "quote.csv", 3, "never closed" },
    { "unknown-metric.csv", 3, "“csat” is not a metric" },
    { "utf8.csv", 3, "UTF-8" },
    { "value-comma.csv", 2, "value: “81,5” is not a number" },
    { "value-empty.csv", 3, "value: “” is not a number" },
    { "value-formula.csv", 2, "“=1+2” is not a number" },
    { "value-hex.csv", 2, "“0x10” is not a number" },
    { "value-nan.csv", 2, "“nan” is not a number" },
    { "billion-laughs.xml", 2, "DOCTYPE" },
    { "doctype.xml", 2, "DOCTYPE" },
    { "external-entity.xml", 2, "DOCTYPE" },
    { "utf16.xml", 1, "not UTF-8" },
    { "xml-bad-date.xml", 4, "start: “2026-02-30” is not a day" },
    { "xml-blank-vendor.xml", 4, "vendor is empty" },
    { "xml-duplicate.xml", 5, "given twice, on lines 3 and 5" },
    { "xml-end-before-start.xml", 4, "ends (2026-10-01) before it begins (2026-10-31)" },
    { "xml-in-csv-name.csv", 2, "found <evaluations>" },
    { "xml-missing-value.xml", 4, "metrics.rng" },
    { "xml-n-negative.xml", 4, "metrics.rng" },
    { "xml-no-namespace.xml", 2, "without a namespace" },
    { "xml-percent-over.xml", 4, "fcr is a percentage from 0 to 100, not 101" },
    { "xml-text.xml", 2, "metrics.rng" },
    { "xml-truncated.xml", 4, "not well-formed" },
    { "xml-unknown-attribute.xml", 4, "unit" },
    { "xml-unknown-element.xml", 4, "note" },
    { "xml-unknown-metric.xml", 4, "metrics.rng" },
    { "xml-value-comma.xml", 4, "metrics.rng" },
    { "xml-value-huge.xml", 4, "“1e999” is not a number" },
    { "xml-wrong-namespace.xml", 2, "urn:rubric:metrics:2" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *good = data_path ("good.csv");
  g_autofree char *bad_dir = data_path ("bad");
  g_autofree char *missing = data_path ("does-not-exist.csv");
  RubricMetricsImportReport report = { 0, };
  const char *name;
  guint n_files = 0;

  /* Refused on an empty database, and on one with data. */
  for (guint round = 0; round < 2; round++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          g_autofree char *path = g_build_filename (bad_dir, cases[i].file, NULL);

          assert_refused (fixture, path, cases[i].line, cases[i].fragment);
        }

      if (round == 0)
        import_ok (fixture, good, &report);
    }

  assert_refused (fixture, missing, 0, "cannot read");

  /* Every file of the folder must be tested here. */
  dir = g_dir_open (bad_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        known |= strcmp (name, cases[i].file) == 0;
      if (!known)
        g_error ("%s/%s is not tested here", bad_dir, name);
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, G_N_ELEMENTS (cases));
}

/* A bad row after good ones, and a duplicate of a row already in the
 * database is no duplicate (it replaces). */
static void
test_metrics_import_last_row_bad (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GString) big = g_string_new ("vendor,period_start,period_end,metric,value,n\n");
  g_autofree char *path = NULL;
  g_autofree char *fixed = NULL;
  RubricMetricsImportReport report = { 0, };

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (big, "Vendor %u,2026-10-01,2026-10-31,asa,%u,%u\n", i, i, i * 3);
  g_string_append (big, "Late,2026-10-01,2026-10-31,aht,-1,\n");
  path = test_write_file (fixture->dir, "big.csv", big->str);
  assert_refused (fixture, path, 502, "aht");

  g_string_truncate (big, big->len - strlen ("Late,2026-10-01,2026-10-31,aht,-1,\n"));
  fixed = test_write_file (fixture->dir, "fixed.csv", big->str);
  import_ok (fixture, fixed, &report);
  assert_report (&report, 500, 500, 0, 0);
}

static void
test_metrics_list (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *path = data_path ("good.csv");
  g_autoptr(GString) found = g_string_new (NULL);
  RubricMetricsImportReport report = { 0, };
  gint64 acme;
  gint64 beta;

  import_ok (fixture, path, &report);
  acme = rubric_db_lookup_vendor (fixture->db, "Acme", &error);
  g_assert_no_error (error);
  beta = rubric_db_lookup_vendor (fixture->db, "Beta, Inc.", &error);
  g_assert_no_error (error);
  g_assert_cmpint (acme, >, 0);
  g_assert_cmpint (beta, >, 0);

  /* October: the month and the week in it, not September. */
  list = rubric_metrics_list (fixture->db, acme, "2026-10-01", "2026-10-31", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      RubricMetric *m = g_ptr_array_index (list, i);

      g_string_append_printf (found, "%s|%s|%s|%s|%g|%s\n", m->vendor, m->period_start,
                              m->period_end, m->metric, m->value,
                              m->has_n ? "n" : "-");
      if (m->has_n)
        g_assert_cmpint (m->n, >=, 0);
    }
  g_assert_cmpstr (found->str, ==,
                   "Acme|2026-10-01|2026-10-31|abandon-rate|4.25|n\n"
                   "Acme|2026-10-01|2026-10-31|aht|310.5|n\n"
                   "Acme|2026-10-01|2026-10-31|asa|22|-\n"
                   "Acme|2026-10-01|2026-10-31|custom:csat|4.4|n\n"
                   "Acme|2026-10-01|2026-10-31|fcr|72|n\n"
                   "Acme|2026-10-01|2026-10-31|service-level|81.5|n\n"
                   "Acme|2026-10-19|2026-10-25|service-level|84|n\n");
  g_assert_cmpint (((RubricMetric *) g_ptr_array_index (list, 0))->n, ==, 1250);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A week: only the aggregate whose whole period lies in it. */
  list = rubric_metrics_list (fixture->db, acme, "2026-10-19", "2026-10-25", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((RubricMetric *) g_ptr_array_index (list, 0))->period_start, ==,
                   "2026-10-19");
  g_assert_cmpint (((RubricMetric *) g_ptr_array_index (list, 0))->n, ==, 300);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The quarter: all of Acme's, September first within service-level. */
  list = rubric_metrics_list (fixture->db, acme, "2026-07-01", "2026-12-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 8);
  g_assert_cmpstr (((RubricMetric *) g_ptr_array_index (list, 5))->period_start, ==,
                   "2026-09-01");
  g_clear_pointer (&list, g_ptr_array_unref);

  list = rubric_metrics_list (fixture->db, beta, "2026-10-01", "2026-10-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((RubricMetric *) g_ptr_array_index (list, 0))->metric, ==, "custom:nps");
  g_assert_cmpfloat (((RubricMetric *) g_ptr_array_index (list, 0))->value, ==, -12);
  g_assert_false (((RubricMetric *) g_ptr_array_index (list, 0))->has_n);
  g_assert_true (((RubricMetric *) g_ptr_array_index (list, 1))->has_n);
  g_assert_cmpint (((RubricMetric *) g_ptr_array_index (list, 1))->n, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Nothing in November, nor for a vendor without aggregates. */
  list = rubric_metrics_list (fixture->db, acme, "2026-11-01", "2026-11-30", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = rubric_metrics_list (fixture->db, acme + beta + 100, "0001-01-01", "9999-12-31",
                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, test_db_fixture_set_up, func, test_db_fixture_tear_down)

  g_test_add_func ("/metrics/names", test_metrics_names);
  ADD ("/metrics/import/csv", test_metrics_import_csv);
  ADD ("/metrics/import/xml", test_metrics_import_xml);
  ADD ("/metrics/import/reimport", test_metrics_reimport);
  ADD ("/metrics/import/detect-format", test_metrics_detect_format);
  ADD ("/metrics/import/empty", test_metrics_import_empty);
  ADD ("/metrics/import/bad", test_metrics_import_bad);
  ADD ("/metrics/import/last-row-bad", test_metrics_import_last_row_bad);
  ADD ("/metrics/list", test_metrics_list);

#undef ADD

  return g_test_run ();
}
