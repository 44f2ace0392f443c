/* test-calls.c — tests of the call-record CSV import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "rubric-calls.h"
#include "rubric-csv.h"
#include "rubric-db.h"
#include "rubric-db-task.h"
#include "rubric-error.h"
#include "rubric-test-util.h"

/* A column as SQLite writes it as text on either store: a REAL keeps its
 * ".0" (PostgreSQL writes 180 for 180.0). */
static const char *
column_text (RubricStmt *stmt,
             int         i,
             char        buffer[G_ASCII_DTOSTR_BUF_SIZE])
{
  if (rubric_stmt_column_type (stmt, i) == RUBRIC_FLOAT)
    {
      g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, "%.15g",
                       rubric_stmt_column_double (stmt, i));
      if (strpbrk (buffer, ".eni") == NULL)
        g_strlcat (buffer, ".0", G_ASCII_DTOSTR_BUF_SIZE);
      return buffer;
    }
  return rubric_stmt_column_text (stmt, i);
}

typedef TestDbFixture Fixture;

static char *
data_path (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, "calls", name, NULL);
}

/* Every row of @sql, columns joined by '|', rows ended by '\n', NULL as '-'. */
static void
append_rows (GString    *out,
             Fixture    *fixture,
             const char *sql)
{
  RubricDb *handle = fixture->db;
  RubricStmt *stmt = NULL;
  int rc;

  g_assert_cmpint (test_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, TEST_OK);
  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    {
      for (int i = 0; i < rubric_stmt_column_count (stmt); i++)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];
          const char *text = column_text (stmt, i, buffer);

          if (i > 0)
            g_string_append_c (out, '|');
          g_string_append (out, text != NULL ? text : "-");
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, RUBRIC_DONE);
  rubric_stmt_finalize (stmt);
}

static char *
query_rows (Fixture    *fixture,
            const char *sql)
{
  GString *out = g_string_new (NULL);

  append_rows (out, fixture, sql);
  return g_string_free (out, FALSE);
}

/* Every row of every table, with counts and sums of the calls on top: what
 * "left exactly as it was" is checked against. */
static char *
dump_db (Fixture *fixture)
{
  g_autofree char *sums = query_rows (fixture, "SELECT count(*), total (wait_s),"
                                               " total (entered_at), count (DISTINCT vendor_id),"
                                               " count (agent_id) FROM calls");
  g_autofree char *rows = test_dump (fixture->db);

  return g_strconcat (sums, rows, NULL);
}

/* The calls as a reader would check them, with names instead of ids. */
static const char calls_sql[] =
  "SELECT c.call_id, v.name, q.name, a.external_id, c.entered_at, c.outcome, c.wait_s,"
  "       c.talk_s, c.hold_s, c.wrap_s, c.caller, c.recording, s.name"
  "  FROM calls c"
  "  JOIN vendors v ON v.id = c.vendor_id"
  "  JOIN queues q ON q.id = c.queue_id"
  "  JOIN sources s ON s.id = c.source_id"
  "  LEFT JOIN agents a ON a.id = c.agent_id"
  " ORDER BY c.id";

typedef struct
{
  guint  calls;
  double last;
} Progress;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpfloat (fraction, >=, progress->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  progress->calls++;
  progress->last = fraction;
}

static gboolean
import (Fixture                 *fixture,
        const char              *path,
        const char              *vendor,
        const char              *source,
        const char              *map,
        RubricCallImportReport  *report,
        GError                 **error)
{
  RubricCallImportOptions options = { vendor, source, map };

  return rubric_calls_import_csv (fixture->db, path, &options, NULL, NULL, report, NULL,
                                  error);
}

static void
assert_report (const RubricCallImportReport *report,
               guint64                       rows,
               guint64                       inserted,
               guint64                       unchanged)
{
  g_assert_cmpuint (report->rows, ==, rows);
  g_assert_cmpuint (report->inserted, ==, inserted);
  g_assert_cmpuint (report->unchanged, ==, unchanged);
}

/* The import of @path must fail with "PATH:LINE: …@fragment…" (or "PATH: …"
 * when @line is 0) and leave the database exactly as it was. */
static void
assert_refused (Fixture    *fixture,
                const char *path,
                const char *vendor,
                const char *map,
                gint64      line,
                const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_db (fixture);
  g_autofree char *after = NULL;
  g_autofree char *prefix = NULL;
  RubricCallImportReport report = { 7, 7, 7 };

  if (line > 0)
    prefix = g_strdup_printf ("%s:%" G_GINT64_FORMAT ": ", path, line);
  else
    prefix = g_strdup_printf ("%s: ", path);

  g_assert_false (import (fixture, path, vendor, NULL, map, &report, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
  if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, fragment) == NULL)
    g_error ("expected “%s…%s…”, got “%s”", prefix, fragment, error->message);

  /* The report is only written on success. */
  assert_report (&report, 7, 7, 7);

  after = dump_db (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_calls_outcome_strings (void)
{
  RubricOutcome outcome;

  for (RubricOutcome o = RUBRIC_OUTCOME_PENDING; o <= RUBRIC_OUTCOME_OTHER; o++)
    {
      g_assert_true (rubric_outcome_from_string (rubric_outcome_to_string (o), &outcome));
      g_assert_cmpint (outcome, ==, o);
    }

  g_assert_cmpstr (rubric_outcome_to_string (RUBRIC_OUTCOME_ANSWERED), ==, "answered");
  g_assert_cmpstr (rubric_outcome_to_string (RUBRIC_OUTCOME_ABANDONED), ==, "abandoned");
  g_assert_cmpstr (rubric_outcome_to_string (RUBRIC_OUTCOME_TIMEOUT), ==, "timeout");
  g_assert_cmpstr (rubric_outcome_to_string (RUBRIC_OUTCOME_OTHER), ==, "other");
  g_assert_false (rubric_outcome_from_string ("Answered", &outcome));
  g_assert_false (rubric_outcome_from_string (" answered", &outcome));
  g_assert_false (rubric_outcome_from_string ("", &outcome));
  g_assert_false (rubric_outcome_from_string (NULL, &outcome));
}

static char *
expected_good_calls (const char *vendor_acme,
                     const char *vendor_beta,
                     const char *source)
{
  g_autofree char *base = g_canonicalize_filename (TEST_DATA_DIR, NULL);
  g_autofree char *rec1 = g_build_filename (base, "calls", "rec", "1.wav", NULL);
  g_autofree char *rec5 = g_build_filename (base, "up", "5.wav", NULL);

  return g_strdup_printf (
    "1675720966.3|%1$s|Support|PJSIP/400|1675720967|1|12.5|180.0|10.0|30.0|+37120000001|%4$s|%3$s\n"
    "1675720970.4|%1$s|Support|-|1675721100|2|40.0|-|-|-|+37120000002|/srv/rec/2.wav|%3$s\n"
    "1675720980.5|%1$s|sales|-|1675720980|3|300.0|-|-|-|-|https://rec.example/3.wav|%3$s\n"
    "1675720990.6|%2$s|sales|-|1675721100|4|3.0|-|-|-|-|-|%3$s\n"
    "call \"6\"|%2$s||SIP/7|1675728360|1|0.0|61.5|0.0|5.0|-|%5$s|%3$s\n"
    "1675720999.7|%1$s|Support|PJSIP/400|1675749600|1|7.0|95.25|-|-|+37120000001|"
    "file:///srv/rec/6.wav|%3$s\n",
    vendor_acme, vendor_beta, source, rec1, rec5);
}

static void
test_calls_import_good (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path ("good.csv");
  g_autofree char *calls = NULL;
  g_autofree char *expected = expected_good_calls ("Acme", "Beta", "csv");
  g_autofree char *vendors = NULL;
  g_autofree char *agents = NULL;
  g_autofree char *queues = NULL;
  RubricCallImportReport report = { 0, };
  Progress progress = { 0, 0.0 };

  g_assert_true (rubric_calls_import_csv (fixture->db, path, NULL, progress_cb, &progress,
                                          &report, NULL, &error));
  g_assert_no_error (error);
  assert_report (&report, 6, 6, 0);
  g_assert_cmpuint (progress.calls, >=, 1);
  g_assert_cmpfloat (progress.last, ==, 1.0);

  calls = query_rows (fixture, calls_sql);
  g_assert_cmpstr (calls, ==, expected);

  vendors = query_rows (fixture, "SELECT name FROM vendors ORDER BY name");
  g_assert_cmpstr (vendors, ==, "Acme\nBeta\n");
  agents = query_rows (fixture, "SELECT v.name, a.external_id FROM agents a"
                                " JOIN vendors v ON v.id = a.vendor_id ORDER BY a.id");
  g_assert_cmpstr (agents, ==, "Acme|PJSIP/400\nBeta|SIP/7\n");
  queues = query_rows (fixture, "SELECT name FROM queues ORDER BY name");
  g_assert_cmpstr (queues, ==, "\nSupport\nsales\n");
  g_assert_cmpint (test_query_int (fixture->db, "SELECT count(*) FROM sources"), ==, 1);
}

static void
test_calls_import_idempotent (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path ("good.csv");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  RubricCallImportReport report = { 0, };

  g_assert_true (import (fixture, path, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  assert_report (&report, 6, 6, 0);
  first = dump_db (fixture);

  g_assert_true (import (fixture, path, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  assert_report (&report, 6, 0, 6);
  second = dump_db (fixture);
  g_assert_cmpstr (second, ==, first);

  /* The source is part of a record's identity. */
  g_assert_true (import (fixture, path, NULL, "pbx", NULL, &report, &error));
  g_assert_no_error (error);
  assert_report (&report, 6, 6, 0);
  g_assert_cmpint (test_query_int (fixture->db, "SELECT count(*) FROM calls"), ==, 12);
  g_assert_cmpint (test_query_int (fixture->db, "SELECT count(*) FROM sources"), ==, 2);
}

static void
test_calls_import_vendor_option (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path ("good.csv");
  g_autofree char *calls = NULL;
  g_autofree char *expected = expected_good_calls ("Zeta", "Zeta", "pbx");
  g_autofree char *vendors = NULL;
  g_autofree char *agents = NULL;
  RubricCallImportReport report = { 0, };

  g_assert_true (import (fixture, path, "Zeta", "pbx", NULL, &report, &error));
  g_assert_no_error (error);
  assert_report (&report, 6, 6, 0);

  /* --vendor wins over the vendor column, which is not even read. */
  calls = query_rows (fixture, calls_sql);
  g_assert_cmpstr (calls, ==, expected);
  vendors = query_rows (fixture, "SELECT name FROM vendors");
  g_assert_cmpstr (vendors, ==, "Zeta\n");
  agents = query_rows (fixture, "SELECT v.name, a.external_id FROM agents a"
                                " JOIN vendors v ON v.id = a.vendor_id ORDER BY a.id");
  g_assert_cmpstr (agents, ==, "Zeta|PJSIP/400\nZeta|SIP/7\n");

  /* A file without a vendor column needs --vendor. */
  {
    g_autofree char *no_vendor = test_write_file (fixture->dir, "no-vendor-column.csv",
                                                  "call_id,entered_at,wait_s,outcome\n"
                                                  "x1,2023-03-01T10:00:00Z,5,answered\n");

    assert_refused (fixture, no_vendor, NULL, NULL, 1, "vendor");
    g_assert_true (import (fixture, no_vendor, "Zeta", NULL, NULL, &report, &error));
    g_assert_no_error (error);
    assert_report (&report, 1, 1, 0);
  }
}

static void
test_calls_import_map (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char map[] = "call_id=Call ID, vendor = Company,entered_at=Started,"
                            "wait_s=Waited (s),outcome=Result,agent=Agent Name,queue=Line,";
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path ("mapped.csv");
  g_autofree char *calls = NULL;
  RubricCallImportReport report = { 0, };

  /* Without the map, the required columns are missing. */
  assert_refused (fixture, path, NULL, NULL, 1, "call_id, vendor, entered_at, wait_s, outcome");

  g_assert_true (import (fixture, path, NULL, NULL, map, &report, &error));
  g_assert_no_error (error);
  assert_report (&report, 3, 3, 0);

  calls = query_rows (fixture, calls_sql);
  g_assert_cmpstr (calls, ==,
                   "m1|Delta|Main|Ann|1680328800|1|4.5|-|-|-|-|-|csv\n"
                   "m2|Delta|Main|-|1680329100|2|30.0|-|-|-|-|-|csv\n"
                   "m3|Delta|Other|Bob|1680329400|1|2.0|-|-|-|-|-|csv\n");
}

static void
test_calls_import_bad_map (Fixture       *fixture,
                           gconstpointer  data)
{
  static const struct
  {
    const char *map;
    const char *fragment;
  } cases[] = {
    { "bogus=Call ID", "bogus" },
    { "Call_ID=Call ID", "Call_ID" },
    { "call_id", "name=Header" },
    { "call_id=", "call_id" },
    { "call_id=Call ID,call_id=Other", "twice" },
  };
  g_autofree char *path = data_path ("mapped.csv");
  g_autofree char *before = dump_db (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_assert_false (import (fixture, path, NULL, NULL, cases[i].map, NULL, &error));
      g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
      g_assert_true (g_str_has_prefix (error->message, "--map: "));
      g_assert_nonnull (strstr (error->message, cases[i].fragment));

      after = dump_db (fixture);
      g_assert_cmpstr (after, ==, before);
    }

  /* A mapped header that the file does not have, even of an optional field. */
  assert_refused (fixture, path, NULL,
                  "call_id=Call ID,vendor=Company,entered_at=Started,wait_s=Waited (s),"
                  "outcome=Result,caller=Phone",
                  1, "Phone");
}

static void
test_calls_import_queue_vendor (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path ("no-vendor.csv");
  g_autofree char *calls = NULL;
  RubricCallImportReport report = { 0, };
  RubricDb *handle = fixture->db;
  gint64 mapped = rubric_db_ensure_vendor (fixture->db, "Mapped", &error);
  gint64 queue = rubric_db_ensure_queue (fixture->db, "Mapped-queue", &error);
  gint64 unmapped = rubric_db_ensure_queue (fixture->db, "Unmapped-queue", &error);
  RubricStmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (test_prepare_v2 (handle, "UPDATE queues SET vendor_id = ?1 WHERE id = ?2",
                                       -1, &stmt, NULL), ==, TEST_OK);
  rubric_stmt_bind_int64 (stmt, 1, mapped);
  rubric_stmt_bind_int64 (stmt, 2, queue);
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_DONE);
  rubric_stmt_reset (stmt);

  /* The third row's queue has no vendor. */
  assert_refused (fixture, path, NULL, NULL, 4, "Unmapped-queue");

  rubric_stmt_bind_int64 (stmt, 1, mapped);
  rubric_stmt_bind_int64 (stmt, 2, unmapped);
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_DONE);
  rubric_stmt_finalize (stmt);

  g_assert_true (import (fixture, path, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  assert_report (&report, 3, 3, 0);

  calls = query_rows (fixture, "SELECT c.call_id, v.name FROM calls c"
                               " JOIN vendors v ON v.id = c.vendor_id ORDER BY c.id");
  g_assert_cmpstr (calls, ==, "n1|Mapped\nn2|Named\nn3|Mapped\n");

  /* Without a queue there is no mapping to fall back on. */
  {
    g_autofree char *no_queue = test_write_file (fixture->dir, "no-queue.csv",
                                                 "call_id,vendor,entered_at,wait_s,outcome\n"
                                                 "x1,,2023-03-01T10:00:00Z,5,answered\n");

    assert_refused (fixture, no_queue, NULL, NULL, 2, "vendor");
  }
}

static void
test_calls_import_bad_rows (Fixture       *fixture,
                            gconstpointer  data)
{
  static const struct
  {
    const char *file;
    gint64      line;
    const char *fragment;
  } cases[] = {
    { "outcome.csv", 4, "ANSWERED" },
    { "pending.csv", 2, "pending" },
    { "wait.csv", 3, "wait_s" },
    { "time.csv", 4, "entered_at" },
    { "impossible-date.csv", 2, "2023-02-30" },
    { "fields.csv", 3, "4 fields" },
    { "quote.csv", 4, "never closed" },
    { "stray-quote.csv", 3, "quote" },
    { "duplicate-header.csv", 1, "call_id" },
    { "missing-column.csv", 1, "outcome" },
    { "talk.csv", 3, "talk_s" },
    { "wrap-overflow.csv", 2, "wrap_s" },
    { "call-id.csv", 3, "call_id" },
    { "utf8.csv", 4, "UTF-8" },
    { "nul-byte.csv", 3, "NUL" },
    { "empty.csv", 0, "no header row" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *good = data_path ("good.csv");
  g_autofree char *bad_dir = data_path ("bad");
  g_autofree char *missing = data_path ("does-not-exist.csv");
  RubricCallImportReport report = { 0, };
  const char *name;
  guint n_files = 0;

  /* Refusals must leave a database with data as it was, too. */
  g_assert_true (import (fixture, good, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (bad_dir, cases[i].file, NULL);

      assert_refused (fixture, path, NULL, NULL, cases[i].line, cases[i].fragment);
    }

  assert_refused (fixture, missing, NULL, NULL, 0, "cannot open");

  /* rubric-cli's tests refuse every file of the folder: each must be here. */
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

static void
test_calls_import_empty (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path ("header-only.csv");
  g_autofree char *before = dump_db (fixture);
  g_autofree char *after = NULL;
  RubricCallImportReport report = { 7, 7, 7 };

  /* A header without rows is an empty import that writes nothing. */
  g_assert_true (import (fixture, path, "Zeta", NULL, NULL, &report, &error));
  g_assert_no_error (error);
  assert_report (&report, 0, 0, 0);
  after = dump_db (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_calls_import_blank_lines (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path ("blank-lines.csv");
  RubricCallImportReport report = { 0, };

  g_assert_true (import (fixture, path, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  assert_report (&report, 2, 2, 0);
}

/* A path given relative to the working folder: recordings still become
 * absolute, and messages name the file as it was given. */
static void
test_calls_import_relative_path (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *base = g_canonicalize_filename (TEST_DATA_DIR, NULL);
  g_autofree char *rec1 = g_build_filename (base, "calls", "rec", "1.wav", NULL);
  g_autofree char *rec5 = g_build_filename (base, "up", "5.wav", NULL);
  g_autofree char *recordings = NULL;
  g_autofree char *expected = NULL;
  RubricCallImportReport report = { 0, };

  g_assert_cmpint (g_chdir (TEST_DATA_DIR), ==, 0);

  g_assert_true (import (fixture, "calls/good.csv", NULL, NULL, NULL, &report, &error));
  assert_refused (fixture, "calls/bad/wait.csv", NULL, NULL, 3, "wait_s");
  assert_refused (fixture, "./calls/../calls/bad/time.csv", NULL, NULL, 4, "entered_at");

  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_no_error (error);
  assert_report (&report, 6, 6, 0);

  recordings = query_rows (fixture, "SELECT recording FROM calls ORDER BY id");
  expected = g_strdup_printf ("%s\n/srv/rec/2.wav\nhttps://rec.example/3.wav\n-\n%s\n"
                              "file:///srv/rec/6.wav\n",
                              rec1, rec5);
  g_assert_cmpstr (recordings, ==, expected);
}

static void
cancel_cb (double   fraction,
           gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
test_calls_import_cancelled (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) big = g_string_new ("call_id,vendor,queue,entered_at,wait_s,outcome\n");
  g_autofree char *good = data_path ("good.csv");
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RubricCallImportReport report = { 0, };
  Progress progress = { 0, 0.0 };

  g_assert_true (import (fixture, good, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  before = dump_db (fixture);

  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (big, "big-%u,Big,Q%u,%u,%u.5,answered\n",
                            i, i % 7, 1700000000 + i, i % 60);
  path = test_write_file (fixture->dir, "big.csv", big->str);

  /* Cancelled before it starts. */
  g_cancellable_cancel (cancellable);
  g_assert_false (rubric_calls_import_csv (fixture->db, path, NULL, NULL, NULL, &report,
                                           cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  after = dump_db (fixture);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* Cancelled halfway, from the first progress report. */
  g_cancellable_reset (cancellable);
  g_assert_false (rubric_calls_import_csv (fixture->db, path, NULL, cancel_cb, cancellable,
                                           &report, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  after = dump_db (fixture);
  g_assert_cmpstr (after, ==, before);

  /* Not cancelled: progress now and then, not for every row. */
  g_assert_true (rubric_calls_import_csv (fixture->db, path, NULL, progress_cb, &progress,
                                          &report, NULL, &error));
  g_assert_no_error (error);
  assert_report (&report, 50000, 50000, 0);
  g_assert_cmpuint (progress.calls, >=, 2);
  g_assert_cmpuint (progress.calls, <=, 100);
  g_assert_cmpfloat (progress.last, ==, 1.0);
}

/* The call-record import run the way the app runs core work: a
 * rubric_db_task in a worker thread, on a connection of its own. */
typedef struct
{
  GMainLoop               *loop;
  GThread                 *thread;
  gboolean                 ok;
  GError                  *error;
  const char              *path;
  RubricCallImportOptions  options;
  RubricCallImportReport   report;
  guint                    progress_calls;
  double                   last;
  guint                    runs;
} AsyncState;

static gboolean
async_import_work (GTask         *task,
                   RubricDb      *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  AsyncState *state = data;

  g_assert_false (g_thread_self () == state->thread);
  state->runs++;
  return rubric_calls_import_csv (db, state->path, &state->options, rubric_db_task_progress,
                                  task, &state->report, cancellable, error);
}

static void
async_progress_cb (double   fraction,
                   gpointer user_data)
{
  AsyncState *state = user_data;

  /* In the caller's thread, in order. */
  g_assert_true (g_thread_self () == state->thread);
  g_assert_cmpfloat (fraction, >=, state->last);
  state->last = fraction;
  state->progress_calls++;
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->thread);
  state->ok = rubric_db_task_propagate (result, async_import_work, &state->error);
  g_main_loop_quit (state->loop);
}

static void
async_import (Fixture          *fixture,
              AsyncState       *state,
              RubricDbTaskOpen  open,
              const char       *path)
{
  g_autoptr(GTask) task = NULL;

  state->path = path;
  task = rubric_db_task_new (fixture->db, open, async_import_work, NULL, async_done_cb, state);
  rubric_db_task_set_progress (task, async_progress_cb, state);
  rubric_db_task_run (task, async_import_work, state, NULL);
  g_main_loop_run (state->loop);
}

static void
test_calls_import_async (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GString) big = g_string_new ("call_id,vendor,entered_at,wait_s,outcome\n");
  g_autofree char *path = NULL;
  g_autofree char *bad = data_path ("bad/wait.csv");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AsyncState state = { 0, };

  for (guint i = 0; i < 40000; i++)
    g_string_append_printf (big, "a-%u,Async,%u,%u,abandoned\n", i, 1700000000 + i, i % 90);
  path = test_write_file (fixture->dir, "async.csv", big->str);

  state.loop = g_main_loop_new (NULL, FALSE);
  state.thread = g_thread_self ();

  state.options.source = "async";
  async_import (fixture, &state, RUBRIC_DB_TASK_OPEN, path);

  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  assert_report (&state.report, 40000, 40000, 0);
  g_assert_cmpuint (state.progress_calls, >=, 1);
  g_assert_cmpfloat (state.last, ==, 1.0);

  /* The import's own connection committed; ours sees it. */
  g_assert_cmpint (test_query_int (fixture->db, "SELECT count(*) FROM calls c JOIN sources s"
                                                " ON s.id = c.source_id WHERE s.name = 'async'"),
                   ==, 40000);

  /* A refused file: the error comes back, the database is as it was. */
  before = dump_db (fixture);
  state.ok = TRUE;
  state.options.source = NULL;
  async_import (fixture, &state, RUBRIC_DB_TASK_OPEN_EXISTING, bad);
  g_assert_false (state.ok);
  g_assert_error (state.error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
  g_clear_error (&state.error);
  after = dump_db (fixture);
  g_assert_cmpstr (after, ==, before);

  /* A database file gone before the work starts: RUBRIC_DB_TASK_OPEN_EXISTING
   * does not make it again, and the work does not run (a file: SQLite only). */
  if (!test_store_is_pg ())
  {
    g_autoptr(GTask) task = NULL;
    RubricDb *gone = test_open_db (fixture->dir, "gone.db");
    g_autofree char *gone_path = g_strdup (rubric_db_get_path (gone));

    task = rubric_db_task_new (gone, RUBRIC_DB_TASK_OPEN_EXISTING, async_import_work, NULL,
                               async_done_cb, &state);
    rubric_db_close (gone);
    g_assert_cmpint (g_unlink (gone_path), ==, 0);
    state.runs = 0;
    rubric_db_task_run (task, async_import_work, &state, NULL);
    g_main_loop_run (state.loop);
    g_assert_false (state.ok);
    g_assert_nonnull (state.error);
    g_clear_error (&state.error);
    g_assert_cmpuint (state.runs, ==, 0);
    g_assert_false (g_file_test (gone_path, G_FILE_TEST_EXISTS));
  }

  g_main_loop_unref (state.loop);
}

/* The Anonymous Bank month (see ../shared/data/README.md), turned into a
 * call-record CSV the way a user would map it. */
static char *
convert_anonymous_bank (const char  *tsv_path,
                        guint       *n_rows,
                        GError     **error)
{
  enum { CALL_ID, CUSTOMER_ID, DATE, VRU_EXIT, Q_START, Q_TIME, OUTCOME, SER_TIME, SERVER,
         N_COLUMNS };
  static const char * const names[N_COLUMNS] = {
    "call_id", "customer_id", "date", "vru_exit", "q_start", "q_time", "outcome",
    "ser_time", "server",
  };
  static const char * const header[] = {
    "call_id", "vendor", "agent", "caller", "entered_at", "wait_s", "outcome", "talk_s",
  };
  g_autoptr(GFile) file = g_file_new_for_path (tsv_path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(RubricCsvReader) reader = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Jerusalem");
  g_autoptr(GString) out = g_string_new (NULL);
  int columns[N_COLUMNS];
  GPtrArray *fields = NULL;

  g_assert_nonnull (tz);

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;

  reader = rubric_csv_reader_new (G_INPUT_STREAM (stream), tsv_path, '\t');
  if (!rubric_csv_reader_next (reader, &fields, NULL, error))
    return NULL;

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      columns[c] = -1;
      for (guint i = 0; i < fields->len; i++)
        if (g_strcmp0 (g_strstrip (g_ptr_array_index (fields, i)), names[c]) == 0)
          columns[c] = (int) i;
      g_assert_cmpint (columns[c], >=, 0);
    }

  rubric_csv_append_record (out, header, G_N_ELEMENTS (header));
  *n_rows = 0;

  while (rubric_csv_reader_next (reader, &fields, NULL, error))
    {
      const char *cell[N_COLUMNS];
      const char *outcome;
      const char *time;
      g_autoptr(GDateTime) entered = NULL;
      g_autofree char *entered_at = NULL;
      int date, hour, minute, second;
      const char *row[G_N_ELEMENTS (header)];

      for (guint c = 0; c < N_COLUMNS; c++)
        cell[c] = g_strstrip (g_ptr_array_index (fields, columns[c]));

      /* Served calls were answered; a hang-up after queueing was abandoned;
       * phantom calls and hang-ups in the voice menu were never offered. */
      if (strcmp (cell[OUTCOME], "AGENT") == 0)
        outcome = "answered";
      else if (strcmp (cell[OUTCOME], "HANG") == 0 && strcmp (cell[Q_START], "0:00:00") != 0)
        outcome = "abandoned";
      else
        continue;

      time = strcmp (cell[Q_START], "0:00:00") != 0 ? cell[Q_START] : cell[VRU_EXIT];
      g_assert_cmpint (sscanf (cell[DATE], "%6d", &date), ==, 1);
      g_assert_cmpint (sscanf (time, "%d:%d:%d", &hour, &minute, &second), ==, 3);
      entered = g_date_time_new (tz, 1900 + date / 10000, date / 100 % 100, date % 100,
                                 hour, minute, second);
      g_assert_nonnull (entered);
      entered_at = g_date_time_format_iso8601 (entered);

      row[0] = cell[CALL_ID];
      row[1] = "Anonymous Bank";
      row[2] = strcmp (cell[SERVER], "NO_SERVER") != 0 ? cell[SERVER] : NULL;
      row[3] = strcmp (cell[CUSTOMER_ID], "0") != 0 ? cell[CUSTOMER_ID] : NULL;
      row[4] = entered_at;
      row[5] = cell[Q_TIME];
      row[6] = outcome;
      row[7] = strcmp (outcome, "answered") == 0 ? cell[SER_TIME] : NULL;

      rubric_csv_append_record (out, row, G_N_ELEMENTS (row));
      (*n_rows)++;
    }

  if (error != NULL && *error != NULL)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_calls_import_anonymous_bank (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *shared = g_getenv ("RUBRIC_SHARED_DATA");
  g_autofree char *tsv = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *path = NULL;
  g_autofree char *outcomes = NULL;
  g_autofree char *first = NULL;
  RubricCallImportReport report = { 0, };
  guint n_rows = 0;
  gint64 started;
  double seconds;

  if (shared == NULL)
    {
      g_test_skip ("RUBRIC_SHARED_DATA is not set");
      return;
    }

  tsv = g_build_filename (shared, "anonymous-bank-1999-02.tsv", NULL);
  if (!g_file_test (tsv, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the Anonymous Bank data is not there");
      return;
    }

  csv = convert_anonymous_bank (tsv, &n_rows, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 31125);
  path = test_write_file (fixture->dir, "anonymous-bank.csv", csv);

  started = g_get_monotonic_time ();
  g_assert_true (import (fixture, path, NULL, NULL, NULL, &report, &error));
  seconds = (double) (g_get_monotonic_time () - started) / G_USEC_PER_SEC;
  g_assert_no_error (error);
  assert_report (&report, 31125, 31125, 0);
  g_test_message ("imported %u rows in %.3f s", n_rows, seconds);

  outcomes = query_rows (fixture, "SELECT outcome, count(*) FROM calls GROUP BY outcome"
                                      " ORDER BY outcome");
  g_assert_cmpstr (outcomes, ==, "1|27162\n2|3963\n");
  g_assert_cmpint (test_query_int (fixture->db, "SELECT count(*) FROM agents"), ==, 24);
  g_assert_cmpint (test_query_int (fixture->db, "SELECT count(*) FROM calls"
                                                " WHERE agent_id IS NULL AND outcome = 1"),
                   ==, 491);
  g_assert_cmpint (test_query_int (fixture->db, "SELECT count(*) FROM calls"
                                                " WHERE caller IS NOT NULL"),
                   ==, 13560);
  g_assert_cmpint (test_query_int (fixture->db, "SELECT sum(wait_s) FROM calls"), ==, 1367207);
  g_assert_cmpint (test_query_int (fixture->db, "SELECT sum(talk_s) FROM calls"), ==, 4790100);
  g_assert_cmpint (test_query_int (fixture->db, "SELECT count(DISTINCT vendor_id) FROM calls"),
                   ==, 1);
  /* February 1999 in Israel (UTC+2, no summer time yet). */
  g_assert_cmpint (test_query_int (fixture->db, "SELECT min(entered_at) FROM calls"), >=,
                   G_GINT64_CONSTANT (917820000));
  g_assert_cmpint (test_query_int (fixture->db, "SELECT max(entered_at) FROM calls"), <,
                   G_GINT64_CONSTANT (920239200));

  /* The first call: 1999-02-01 07:02:56 local, straight from the menu. */
  first = query_rows (fixture, "SELECT c.call_id, c.entered_at, c.outcome, c.wait_s,"
                               " c.talk_s, a.external_id, c.caller FROM calls c"
                               " LEFT JOIN agents a ON a.id = c.agent_id ORDER BY c.id"
                               " LIMIT 2");
  g_assert_cmpstr (first, ==,
                   "34536|917845376|1|0.0|166.0|DORIT|-\n"
                   "34537|917847115|1|0.0|5.0|-|-\n");

  g_assert_true (import (fixture, path, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  assert_report (&report, 31125, 0, 31125);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, test_db_fixture_set_up, func, test_db_fixture_tear_down)

  g_test_add_func ("/calls/outcome-strings", test_calls_outcome_strings);
  ADD ("/calls/import/good", test_calls_import_good);
  ADD ("/calls/import/idempotent", test_calls_import_idempotent);
  ADD ("/calls/import/vendor-option", test_calls_import_vendor_option);
  ADD ("/calls/import/map", test_calls_import_map);
  ADD ("/calls/import/bad-map", test_calls_import_bad_map);
  ADD ("/calls/import/queue-vendor", test_calls_import_queue_vendor);
  ADD ("/calls/import/bad-rows", test_calls_import_bad_rows);
  ADD ("/calls/import/header-only", test_calls_import_empty);
  ADD ("/calls/import/blank-lines", test_calls_import_blank_lines);
  ADD ("/calls/import/relative-path", test_calls_import_relative_path);
  ADD ("/calls/import/cancelled", test_calls_import_cancelled);
  ADD ("/calls/import/async", test_calls_import_async);
  ADD ("/calls/import/anonymous-bank", test_calls_import_anonymous_bank);

#undef ADD

  return g_test_run ();
}
