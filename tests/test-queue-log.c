/* test-queue-log.c — the Asterisk queue_log import, rule by rule (SPEC §4.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rubric-calls.h"
#include "rubric-db.h"
#include "rubric-error.h"
#include "rubric-queue-log.h"
#include "rubric-rollups.h"
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

typedef struct
{
  char     *dir;
  char     *path;
  RubricDb *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_db_set_up (&fixture->dir, &fixture->db);
  fixture->path = g_build_filename (fixture->dir, "rubric.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->path);
  test_db_tear_down (&fixture->dir, &fixture->db);
}

static gboolean
import_text (Fixture               *fixture,
             const char            *text,
             const char            *vendor,
             gboolean               skip_bad,
             RubricQueueLogReport  *report,
             GError               **error)
{
  g_autofree char *log = test_write_file (fixture->dir, "queue_log", text);
  RubricQueueLogOptions options = { vendor, NULL, skip_bad };

  memset (report, 0, sizeof *report);
  return rubric_queue_log_import (fixture->db, log, &options, NULL, NULL, report, NULL, error);
}

static void
import_ok (Fixture              *fixture,
           const char           *text,
           RubricQueueLogReport *report)
{
  g_autoptr(GError) error = NULL;

  import_text (fixture, text, "Acme", FALSE, report, &error);
  g_assert_no_error (error);
}

/* The calls as text: call|queue|entered_at|outcome|wait|talk|agent|caller|next_gap */
static char *
calls_text (Fixture *fixture)
{
  RubricDb *handle = fixture->db;
  GString *out = g_string_new (NULL);
  RubricStmt *stmt;

  g_assert_cmpint (test_prepare_v2 (handle,
                                       "SELECT c.call_id, q.name, c.entered_at, c.outcome,"
                                       "  c.wait_s, c.talk_s, a.external_id, c.caller, c.next_gap"
                                       " FROM calls AS c JOIN queues AS q ON q.id = c.queue_id"
                                       " LEFT JOIN agents AS a ON a.id = c.agent_id"
                                       " ORDER BY c.entered_at, c.call_id, q.name",
                                       -1, &stmt, NULL), ==, TEST_OK);
  while (rubric_stmt_step (stmt) == RUBRIC_ROW)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      for (int i = 0; i < 9; i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "|" : "",
                                rubric_stmt_column_type (stmt, i) == RUBRIC_NULL
                                ? "-" : column_text (stmt, i, buffer));
      g_string_append_c (out, '\n');
    }
  rubric_stmt_finalize (stmt);

  return g_string_free (out, FALSE);
}

static char *
rollups_text (RubricDb   *handle,
              const char *sql)
{
  GString *out = g_string_new (NULL);
  RubricStmt *stmt;

  g_assert_cmpint (test_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, TEST_OK);
  while (rubric_stmt_step (stmt) == RUBRIC_ROW)
    g_string_append_printf (out, "%lld|%lld|%lld|%lld|%lld|%.6f\n",
                            (long long) rubric_stmt_column_int64 (stmt, 0),
                            (long long) rubric_stmt_column_int64 (stmt, 1),
                            (long long) rubric_stmt_column_int64 (stmt, 2),
                            (long long) rubric_stmt_column_int64 (stmt, 3),
                            (long long) rubric_stmt_column_int64 (stmt, 4),
                            rubric_stmt_column_double (stmt, 5));
  rubric_stmt_finalize (stmt);

  return g_string_free (out, FALSE);
}

/* The rollups kept in step by the imports are those recomputed from scratch. */
static void
assert_rollups_consistent (Fixture *fixture)
{
  RubricDb *handle = fixture->db;
  g_autofree char *kept = rollups_text (handle,
                                        "SELECT vendor_id, day, kind, bucket, n, total"
                                        " FROM call_rollups ORDER BY 1, 2, 3, 4");
  g_autofree char *fresh = rollups_text (handle,
                                         "SELECT * FROM (" RUBRIC_ROLLUPS_SELECT_SQL ("")
                                         ") AS f ORDER BY 1, 2, 3, 4");

  g_assert_cmpstr (kept, ==, fresh);
}

static void
assert_calls (Fixture    *fixture,
              const char *expected)
{
  g_autofree char *actual = calls_text (fixture);

  g_assert_cmpstr (actual, ==, expected);
  assert_rollups_consistent (fixture);
}

static void
test_lab_log (Fixture       *fixture,
              gconstpointer  data)
{
  const char *shared = g_getenv ("RUBRIC_SHARED_DATA");
  g_autofree char *log = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  RubricQueueLogOptions options = { "Lab", NULL, FALSE };
  RubricQueueLogReport report = { 0 };
  guint64 *count;

  log = g_build_filename (shared != NULL ? shared : "../shared/data",
                          "asterisk-lab-2023.queue_log", NULL);
  if (!g_file_test (log, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the shared data is not there");
      return;
    }

  g_assert_true (rubric_queue_log_import (fixture->db, log, &options, NULL, NULL, &report,
                                          NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.lines, ==, 85);
  g_assert_cmpuint (report.call_events, ==, 18);
  g_assert_cmpuint (report.inserted, ==, 8);
  g_assert_cmpuint (report.pending, ==, 0);
  count = g_hash_table_lookup (report.other_events, "CONFIGRELOAD");
  g_assert_nonnull (count);
  g_assert_cmpuint (*count, ==, 46);
  count = g_hash_table_lookup (report.other_events, "RINGCANCELED");
  g_assert_nonnull (count);
  g_assert_cmpuint (*count, ==, 1);
  rubric_queue_log_report_clear (&report);

  /* Checked by hand against the log: CONNECT gives the wait, COMPLETE*
   * the talk time, ABANDON and EXITWITHTIMEOUT their data3. */
  assert_calls (fixture,
                "1675555752.0|Support|1675555753|1|8.0|5.0|PJSIP/400|200|165170\n"
                "1675720922.0|Support|1675720923|2|20.0|-|-|200|44\n"
                "1675720966.3|Support|1675720967|1|5.0|104.0|PJSIP/400|200|-\n"
                "1675909448.3|Support|1675909448|2|11.0|-|-|300|261694\n"
                "1676171142.0|Support|1676171142|2|17.0|-|-|300|-\n"
                "1677019360.7|Support|1677019360|2|20.0|-|-|400|42\n"
                "1677019401.9|Support|1677019402|3|20.0|-|-|400|87\n"
                "1677019488.11|sales|1677019489|2|9.0|-|-|400|-\n");

  /* The same content again changes nothing at all. */
  before = test_dump (fixture->db);
  g_assert_true (rubric_queue_log_import (fixture->db, log, &options, NULL, NULL, &report,
                                          NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.inserted, ==, 0);
  g_assert_cmpuint (report.completed, ==, 0);
  g_assert_cmpuint (report.unchanged, ==, 8);
  rubric_queue_log_report_clear (&report);
  after = test_dump (fixture->db);
  g_assert_cmpstr (before, ==, after);
}

static const char grown_log[] =
  "1000|NONE|NONE|NONE|QUEUESTART|\n"
  "1000|c1|q|NONE|ENTERQUEUE||111|1\n"
  "1010|c1|q|PJSIP/1|CONNECT|10|c1.1|3\n"
  "1020|c2|q|NONE|ENTERQUEUE||222|1\n"
  /* the first import ends here: c1 answered, talking; c2 waiting */
  "1100|c1|q|PJSIP/1|COMPLETECALLER|10|90|1\n"
  "1105|c2|q|NONE|ABANDON|1|1|85\n"
  "1200|c3|q|NONE|ENTERQUEUE||111|1\n"
  "1201|c3|q|NONE|EXITWITHKEY|5|1|1|1\n";

static void
test_grown_log (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *first_part = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *grown = NULL;
  g_autofree char *dump = NULL;
  RubricQueueLogReport report;
  const char *cut;

  cut = strstr (grown_log, "1100|");
  first_part = g_strndup (grown_log, (gsize) (cut - grown_log));

  import_ok (fixture, first_part, &report);
  g_assert_cmpuint (report.inserted, ==, 2);
  g_assert_cmpuint (report.pending, ==, 1);
  g_assert_cmpuint (report.talking, ==, 1);
  rubric_queue_log_report_clear (&report);
  assert_calls (fixture,
                "c1|q|1000|1|10.0|-|PJSIP/1|111|-\n"
                "c2|q|1020|0|0.0|-|-|222|-\n");

  /* The grown log completes both and adds the new call. */
  import_ok (fixture, grown_log, &report);
  g_assert_cmpuint (report.inserted, ==, 1);
  g_assert_cmpuint (report.completed, ==, 2);
  g_assert_cmpuint (report.pending, ==, 0);
  rubric_queue_log_report_clear (&report);
  expected = g_strdup ("c1|q|1000|1|10.0|90.0|PJSIP/1|111|200\n"
                       "c2|q|1020|2|85.0|-|-|222|-\n"
                       "c3|q|1200|4|1.0|-|-|111|-\n");
  assert_calls (fixture, expected);

  /* Again: nothing changes. */
  dump = test_dump (fixture->db);
  import_ok (fixture, grown_log, &report);
  g_assert_cmpuint (report.inserted + report.completed, ==, 0);
  rubric_queue_log_report_clear (&report);
  grown = test_dump (fixture->db);
  g_assert_cmpstr (dump, ==, grown);

  /* Only the new lines, the way a rotated log comes: the same result. */
  fixture_tear_down (fixture, NULL);
  fixture_set_up (fixture, NULL);
  import_ok (fixture, first_part, &report);
  rubric_queue_log_report_clear (&report);
  import_ok (fixture, cut, &report);
  g_assert_cmpuint (report.completed, ==, 2);
  rubric_queue_log_report_clear (&report);
  assert_calls (fixture, expected);
}

/* The log starts in the middle of calls: the terminal events still make
 * records, entered at the event time minus the wait. */
static void
test_orphan_events (Fixture       *fixture,
                    gconstpointer  data)
{
  RubricQueueLogReport report;

  import_ok (fixture,
             "2000|a|q|PJSIP/1|COMPLETEAGENT|12|300|1\n"
             "2000|b|q|NONE|ABANDON|2|3|40\n"
             "2000|c|q|PJSIP/2|CONNECT|7|c.1|2\n"
             "2010|c|q|PJSIP/2|BLINDTRANSFER|200|ctx|7|10|1\n"
             "2000|d|q|PJSIP/3|ATTENDEDTRANSFER|BRIDGE|x|4|60|1\n"
             "2000|e|q|NONE|EXITWITHTIMEOUT|1|1|30\n"
             "2000|f|q|NONE|EXITEMPTY|1|1|2\n"
             "2000|g|q|NONE|WITHDRAW|1|1|9|info\n"
             "2000|h|q|NONE|EXITWITHKEY|5|1|1|3\n"
             "2000|i|q|PJSIP/4|TRANSFER|300|ctx|1|20|1\n",
             &report);
  g_assert_cmpuint (report.inserted, ==, 9);
  rubric_queue_log_report_clear (&report);

  assert_calls (fixture,
                "a|q|1688|1|12.0|300.0|PJSIP/1|-|-\n"
                "d|q|1936|1|4.0|60.0|PJSIP/3|-|-\n"
                "b|q|1960|2|40.0|-|-|-|-\n"
                "e|q|1970|3|30.0|-|-|-|-\n"
                "i|q|1979|1|1.0|20.0|PJSIP/4|-|-\n"
                "g|q|1991|4|9.0|-|-|-|-\n"
                "c|q|1993|1|7.0|10.0|PJSIP/2|-|-\n"
                "h|q|1997|4|3.0|-|-|-|-\n"
                "f|q|1998|4|2.0|-|-|-|-\n");
}

/* Agents are per vendor: the agent name above is the external id. */
static void
test_agents_are_named (Fixture       *fixture,
                       gconstpointer  data)
{
  RubricQueueLogReport report;

  import_ok (fixture,
             "2000|a|q|PJSIP/1|COMPLETEAGENT|12|300|1\n"
             "2000|b|q|PJSIP/2|COMPLETECALLER|12|300|1\n",
             &report);
  rubric_queue_log_report_clear (&report);
  assert_calls (fixture,
                "a|q|1688|1|12.0|300.0|PJSIP/1|-|-\n"
                "b|q|1688|1|12.0|300.0|PJSIP/2|-|-\n");
}

/* A call moved to another queue is one record per queue; a caller who
 * calls again is a repeat contact of the first call. */
static void
test_requeue_and_repeat (Fixture       *fixture,
                         gconstpointer  data)
{
  RubricQueueLogReport report;

  import_ok (fixture,
             "3000|x|sales|NONE|ENTERQUEUE||555|1\n"
             "3030|x|sales|NONE|EXITWITHTIMEOUT|1|1|30\n"
             "3031|x|support|NONE|ENTERQUEUE||555|1\n"
             "3040|x|support|PJSIP/9|CONNECT|9|x.2|1\n"
             "3100|x|support|PJSIP/9|COMPLETECALLER|9|60|1\n"
             /* the same call enters the same queue again later */
             "3200|x|support|NONE|ENTERQUEUE||555|1\n"
             "3210|x|support|NONE|ABANDON|1|1|10\n",
             &report);
  g_assert_cmpuint (report.inserted, ==, 3);
  rubric_queue_log_report_clear (&report);
  assert_calls (fixture,
                "x|sales|3000|3|30.0|-|-|555|31\n"
                "x|support|3031|1|9.0|60.0|PJSIP/9|555|169\n"
                "x|support|3200|2|10.0|-|-|555|-\n");
}

/* A log that starts mid-call, in which the call then enters the same queue
 * again: imported again while the second visit waits, the events of the
 * first visit do not touch the second (found by fuzz-queue-log). */
static void
test_earlier_visit (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char log[] =
    "1|u|q|NONE|WITHDRAW|1|1|0|x\n"
    "3|w|q|PJSIP/1|CONNECT|2|w.1|1\n"
    "7|u|q|NONE|ENTERQUEUE||5|1\n"
    "8|w|q|NONE|ENTERQUEUE||6|1\n";
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RubricQueueLogReport report;

  import_ok (fixture, log, &report);
  g_assert_cmpuint (report.inserted, ==, 4);
  rubric_queue_log_report_clear (&report);
  before = test_dump (fixture->db);
  assert_calls (fixture,
                "u|q|1|4|0.0|-|-|-|-\n"
                "w|q|1|1|2.0|-|PJSIP/1|-|-\n"
                "u|q|7|0|0.0|-|-|5|-\n"
                "w|q|8|0|0.0|-|-|6|-\n");

  import_ok (fixture, log, &report);
  g_assert_cmpuint (report.inserted + report.completed, ==, 0);
  rubric_queue_log_report_clear (&report);
  after = test_dump (fixture->db);
  g_assert_cmpstr (before, ==, after);
}

/* Events that change nothing: a second CONNECT, an ABANDON after the call
 * was answered, system lines and unknown events. */
static void
test_ignored_events (Fixture       *fixture,
                     gconstpointer  data)
{
  RubricQueueLogReport report;
  guint64 *count;

  import_ok (fixture,
             "4000|NONE|NONE|NONE|CONFIGRELOAD|\n"
             "4000|y|q|NONE|ENTERQUEUE||1|1\n"
             "4005|y|q|PJSIP/1|RINGNOANSWER|5000\n"
             "4010|y|q|PJSIP/1|CONNECT|10|y.1|5\n"
             "4011|y|q|PJSIP/2|CONNECT|11|y.2|5\n"
             "4012|y|q|NONE|ABANDON|1|1|12\n"
             "4012|NONE|q|PJSIP/1|ADDMEMBER|\n"
             "4012|NONE|q|PJSIP/1|PAUSE|lunch\n"
             "4013|y|q|NONE|MY_CUSTOM_EVENT|a|b\n"
             "4020|y|q|PJSIP/1|COMPLETEAGENT|10|10|1\n",
             &report);
  g_assert_cmpuint (report.inserted, ==, 1);
  g_assert_cmpuint (report.ignored, ==, 2);
  g_assert_cmpuint (report.call_events, ==, 5);
  count = g_hash_table_lookup (report.other_events, "MY_CUSTOM_EVENT");
  g_assert_nonnull (count);
  g_assert_cmpuint (*count, ==, 1);
  g_assert_cmpuint (g_hash_table_size (report.other_events), ==, 5);
  rubric_queue_log_report_clear (&report);
  assert_calls (fixture, "y|q|4000|1|10.0|10.0|PJSIP/1|1|-\n");
}

/* Lines that are not a queue_log, each refused whole with its line. */
static const char * const bad_lines[] = {
  "abc|y|q|NONE|ENTERQUEUE||1|1",
  "4000|y|q|NONE",
  "4000",
  "4000|y|q|NONE||x",
  "-4000|y|q|NONE|ENTERQUEUE||1|1",
  "400000000000000|y|q|NONE|ENTERQUEUE||1|1",
  "4000|y|NONE|NONE|ENTERQUEUE||1|1",
  "4000||q|NONE|ENTERQUEUE||1|1",
  "4000|y|q|PJSIP/1|CONNECT|ten|y.1|5",
  "4000|y|q|PJSIP/1|CONNECT|-3|y.1|5",
  "4000|y|q|PJSIP/1|CONNECT|nan|y.1|5",
  "4000|y|q|PJSIP/1|COMPLETECALLER|10||1",
  "4000|y|q|PJSIP/1|COMPLETECALLER|10|1e400|1",
  "4000|y|q|NONE|ABANDON|1|1|",
  "4000|y|q|NONE|ABANDON|1|1",
  "4000|y|q|NONE|EXITWITHKEY|5|1|1",
  "4000|y|q|NONE|ENTERQUEUE||\xff\xfe|1",
  "4000|y|q|NONE|ENTERQUEUE||1|1|\xc3",
};

static void
test_bad_lines (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *before = NULL;

  /* Something stored already, which must stay as it is. */
  {
    RubricQueueLogReport report;

    import_ok (fixture, "1|z|q|NONE|ENTERQUEUE||1|1\n", &report);
    rubric_queue_log_report_clear (&report);
  }
  before = test_dump (fixture->db);

  for (guint i = 0; i < G_N_ELEMENTS (bad_lines); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strdup_printf ("10|ok|q|NONE|ENTERQUEUE||1|1\n"
                                               "11|ok|q|NONE|ABANDON|1|1|1\n"
                                               "%s\n"
                                               "12|ok2|q|NONE|ENTERQUEUE||1|1\n",
                                               bad_lines[i]);
      g_autofree char *after = NULL;
      g_autofree char *where = g_strdup_printf ("%s:3: ", "queue_log");
      RubricQueueLogReport report;

      g_test_message ("bad line %u: %s", i, bad_lines[i]);
      g_assert_false (import_text (fixture, text, "Acme", FALSE, &report, &error));
      g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
      g_assert_nonnull (strstr (error->message, where));
      after = test_dump (fixture->db);
      g_assert_cmpstr (before, ==, after);

      /* The same with --skip-bad-lines: the rest lands, the line is named. */
      g_clear_error (&error);
      g_assert_true (import_text (fixture, text, "Acme", TRUE, &report, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (report.skipped, ==, 1);
      g_assert_cmpuint (report.skipped_lines->len, ==, 1);
      g_assert_cmpint (g_array_index (report.skipped_lines, gint64, 0), ==, 3);
      rubric_queue_log_report_clear (&report);

      /* Back to the state before, for the next line. */
      fixture_tear_down (fixture, NULL);
      fixture_set_up (fixture, NULL);
      import_ok (fixture, "1|z|q|NONE|ENTERQUEUE||1|1\n", &report);
      rubric_queue_log_report_clear (&report);
    }
}

static void
test_long_and_odd_lines (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("1|a|q|NONE|ENTERQUEUE||1|1\r\n\r\n");
  RubricQueueLogReport report;

  /* A line longer than any queue_log line, then one without a final
   * newline: CRLF and blank lines are fine. */
  g_string_append (text, "2|b|q|NONE|ENTERQUEUE||");
  for (guint i = 0; i < 3 * 1024 * 1024; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "|1\n3|a|q|NONE|ABANDON|1|1|2");

  g_assert_false (import_text (fixture, text->str, "Acme", FALSE, &report, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
  g_assert_nonnull (strstr (error->message, "queue_log:3: "));
  g_clear_error (&error);

  g_assert_true (import_text (fixture, text->str, "Acme", TRUE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.skipped, ==, 1);
  g_assert_cmpint (g_array_index (report.skipped_lines, gint64, 0), ==, 3);
  g_assert_cmpuint (report.lines, ==, 3);
  rubric_queue_log_report_clear (&report);
  assert_calls (fixture, "a|q|1|2|2.0|-|-|1|-\n");

  /* A NUL byte inside a line. */
  fixture_tear_down (fixture, NULL);
  fixture_set_up (fixture, NULL);
  {
    g_autofree char *log = g_build_filename (fixture->dir, "nul", NULL);
    const char bytes[] = "1|a|q|NONE|ENTERQUEUE||1|1\n2|a|q|NONE|ABA\0NDON|1|1|2\n";
    RubricQueueLogOptions options = { "Acme", NULL, FALSE };

    g_file_set_contents (log, bytes, sizeof bytes - 1, &error);
    g_assert_no_error (error);
    g_assert_false (rubric_queue_log_import (fixture->db, log, &options, NULL, NULL, &report,
                                             NULL, &error));
    g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
    g_assert_nonnull (strstr (error->message, "nul:2: "));
  }
}

static void
test_queue_mapping (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_dump (fixture->db);
  g_autofree char *after = NULL;
  RubricQueueLogReport report;
  gint64 vendor;
  gint64 queue;
  RubricStmt *stmt;

  /* Without --vendor and without a mapping, the file is refused. */
  g_assert_false (import_text (fixture, "1|a|Sales|NONE|ENTERQUEUE||1|1\n", NULL, TRUE,
                               &report, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
  g_assert_nonnull (strstr (error->message, "queue_log:1: "));
  g_assert_nonnull (strstr (error->message, "Sales"));
  g_clear_error (&error);
  after = test_dump (fixture->db);
  g_assert_cmpstr (before, ==, after);

  /* Mapped: the queue's calls are the vendor's. */
  vendor = rubric_db_ensure_vendor (fixture->db, "Beta", &error);
  queue = rubric_db_ensure_queue (fixture->db, "Sales", &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_prepare_v2 (fixture->db,
                                       "UPDATE queues SET vendor_id = ?1 WHERE id = ?2",
                                       -1, &stmt, NULL), ==, TEST_OK);
  rubric_stmt_bind_int64 (stmt, 1, vendor);
  rubric_stmt_bind_int64 (stmt, 2, queue);
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_DONE);
  rubric_stmt_finalize (stmt);

  g_assert_true (import_text (fixture, "1|a|Sales|NONE|ENTERQUEUE||1|1\n", NULL, FALSE,
                              &report, &error));
  g_assert_no_error (error);
  rubric_queue_log_report_clear (&report);
  g_assert_cmpint (test_prepare_v2 (fixture->db,
                                       "SELECT v.name FROM calls AS c"
                                       " JOIN vendors AS v ON v.id = c.vendor_id",
                                       -1, &stmt, NULL), ==, TEST_OK);
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
  g_assert_cmpstr (rubric_stmt_column_text (stmt, 0), ==, "Beta");
  rubric_stmt_finalize (stmt);
}

/* The queues a vendor-less import would refuse are listed, once each, in
 * the order met; mapped ones, system events and NONE are not. */
static void
test_unmapped_queues (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queues = NULL;
  g_autofree char *log = NULL;
  RubricQueueLogReport report;

  /* Sales is mapped; Support is known but has no vendor. */
  g_assert_true (rubric_db_map_queue (fixture->db, "Sales", "Beta", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rubric_db_ensure_queue (fixture->db, "Support", &error), >, 0);
  g_assert_no_error (error);

  log = test_write_file (fixture->dir, "queue_log",
                         "1|NONE|NONE|NONE|QUEUESTART|\n"
                         "1|x|Idle|NONE|ADDMEMBER|\n"
                         "1|NONE|Ghost|NONE|ENTERQUEUE||1|1\n"
                         "2|a|Sales|NONE|ENTERQUEUE||1|1\n"
                         "3|b|Support|NONE|ENTERQUEUE||2|1\r\n"
                         "4|c|Billing|NONE|ENTERQUEUE||3|1\n"
                         "5|b|Support|Agent/1|CONNECT|4|x|1\n"
                         "6|b|Support|Agent/1|COMPLETECALLER|4|60|1\n"
                         "7|d|Billing|NONE|ABANDON|1|1|9\n"
                         "8|e|Returns|NONE|EXITWITHTIMEOUT|1|1|9\n"
                         "broken line\n");
  queues = rubric_queue_log_unmapped_queues (fixture->db, log, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (queues);
  g_assert_cmpuint (queues->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (queues, 0), ==, "Support");
  g_assert_cmpstr (g_ptr_array_index (queues, 1), ==, "Billing");
  g_assert_cmpstr (g_ptr_array_index (queues, 2), ==, "Returns");
  g_clear_pointer (&queues, g_ptr_array_unref);

  /* Once mapped, none is left, and the import goes through. */
  g_assert_true (rubric_db_map_queue (fixture->db, "Support", "Acme", &error) &&
                 rubric_db_map_queue (fixture->db, "Billing", "Acme", &error) &&
                 rubric_db_map_queue (fixture->db, "Returns", "Beta", &error));
  g_assert_no_error (error);
  queues = rubric_queue_log_unmapped_queues (fixture->db, log, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queues->len, ==, 0);

  g_assert_true (import_text (fixture, "2|a|Sales|NONE|ENTERQUEUE||1|1\n"
                                       "3|b|Support|NONE|ENTERQUEUE||2|1\n",
                              NULL, FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.inserted, ==, 2);
  rubric_queue_log_report_clear (&report);

  /* A file that is not there is an error. */
  g_clear_pointer (&queues, g_ptr_array_unref);
  queues = rubric_queue_log_unmapped_queues (fixture->db, "/nonexistent/queue_log", NULL,
                                             &error);
  g_assert_null (queues);
  g_assert_nonnull (error);
}

/* An empty log, or one of system lines only, writes nothing. */
static void
test_nothing_to_write (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *before = test_dump (fixture->db);
  g_autofree char *after = NULL;
  RubricQueueLogReport report;

  import_ok (fixture, "", &report);
  rubric_queue_log_report_clear (&report);
  import_ok (fixture, "1|NONE|NONE|NONE|QUEUESTART|\n\n", &report);
  g_assert_cmpuint (report.lines, ==, 1);
  rubric_queue_log_report_clear (&report);
  after = test_dump (fixture->db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_check_line (void)
{
  g_autoptr(GError) error = NULL;

  /* How a queue_log is told from a call-record CSV. */
  g_assert_true (rubric_queue_log_looks_like ("1675555753|x|q|NONE|ENTERQUEUE||1|1\n", 36));
  g_assert_true (rubric_queue_log_looks_like ("\xEF\xBB\xBF\r\n  7|NONE|NONE|NONE|QUEUESTART|", 33));
  g_assert_false (rubric_queue_log_looks_like ("call_id,vendor,entered_at\n1|A|2\n", 31));
  g_assert_false (rubric_queue_log_looks_like ("1675555753", 10));
  g_assert_false (rubric_queue_log_looks_like ("x|1|q", 5));
  g_assert_false (rubric_queue_log_looks_like ("", 0));

  g_assert_true (rubric_queue_log_check_line ("1|a|q|NONE|ENTERQUEUE||1|1", 26, &error));
  g_assert_no_error (error);
  g_assert_true (rubric_queue_log_check_line ("1|NONE|NONE|NONE|QUEUESTART|", 28, &error));
  g_assert_false (rubric_queue_log_check_line ("1|a|q|NONE|ENTER\0QUEUE||1|1", 27, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_lines); i++)
    {
      /* Lines bad only for want of an earlier ENTERQUEUE are fine alone. */
      gboolean ok = rubric_queue_log_check_line (bad_lines[i], strlen (bad_lines[i]), &error);

      if (strstr (bad_lines[i], "ABANDON|1|1") != NULL ||
          strstr (bad_lines[i], "EXITWITHKEY") != NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
          g_assert_false (ok);
        }
      g_clear_error (&error);
    }
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  g_autofree char *before = test_dump (fixture->db);
  g_autofree char *after = NULL;
  RubricQueueLogOptions options = { "Acme", NULL, FALSE };
  RubricQueueLogReport report = { 0 };

  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (text, "%u|c%u|q|NONE|ENTERQUEUE||1|1\n", 1000 + i, i);
  log = test_write_file (fixture->dir, "big", text->str);

  g_cancellable_cancel (cancellable);
  g_assert_false (rubric_queue_log_import (fixture->db, log, &options, NULL, NULL, &report,
                                           cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = test_dump (fixture->db);
  g_assert_cmpstr (before, ==, after);
}

/* A chronological log of many callers calling again, imported with room
 * for only a few callers in memory: every way of finding a caller's
 * previous contact (memory, Bloom filter, database) gives the same calls,
 * gaps and rollups as the import that keeps them all. */
static void
test_contacts_beyond_memory (Fixture       *fixture,
                             gconstpointer  data)
{
  GRand *rand = g_rand_new_with_seed (42);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *roomy = NULL;
  g_autofree char *tight = NULL;
  g_autofree char *grown = NULL;
  RubricQueueLogReport report;
  gint64 t = 1700000000;
  guint half = 0;

  for (guint i = 0; i < 3000; i++)
    {
      guint caller = g_rand_int_range (rand, 0, 400);

      t += g_rand_int_range (rand, 0, 400);
      g_string_append_printf (log, "%" G_GINT64_FORMAT "|u%u|q|NONE|ENTERQUEUE||c%u|1\n",
                              t, i, caller);
      if (g_rand_int_range (rand, 0, 4) == 0)
        g_string_append_printf (log, "%" G_GINT64_FORMAT "|u%u|q|NONE|ABANDON|1|1|%d\n",
                                t + 20, i, 20);
      else
        g_string_append_printf (log,
                                "%" G_GINT64_FORMAT "|u%u|q|A%u|CONNECT|7|x|1\n"
                                "%" G_GINT64_FORMAT "|u%u|q|A%u|COMPLETEAGENT|7|%d|1\n",
                                t + 7, i, caller % 9, t + 60, i, caller % 9, 53);
      if (i == 1500)
        half = (guint) log->len;
    }
  g_rand_free (rand);

  import_ok (fixture, log->str, &report);
  rubric_queue_log_report_clear (&report);
  roomy = calls_text (fixture);

  fixture_tear_down (fixture, NULL);
  fixture_set_up (fixture, NULL);
  g_setenv ("RUBRIC_TEST_MAX_CONTACTS", "16", TRUE);
  import_ok (fixture, log->str, &report);
  rubric_queue_log_report_clear (&report);
  tight = calls_text (fixture);
  g_assert_cmpstr (tight, ==, roomy);
  assert_rollups_consistent (fixture);

  /* Half, then the grown log: the second import links to the first. */
  fixture_tear_down (fixture, NULL);
  fixture_set_up (fixture, NULL);
  {
    g_autofree char *first = g_strndup (log->str, half);

    import_ok (fixture, first, &report);
    rubric_queue_log_report_clear (&report);
  }
  import_ok (fixture, log->str, &report);
  rubric_queue_log_report_clear (&report);
  g_unsetenv ("RUBRIC_TEST_MAX_CONTACTS");
  grown = calls_text (fixture);
  g_assert_cmpstr (grown, ==, roomy);
  assert_rollups_consistent (fixture);
}

/* A queue_log of @n calls to two queues from @start, by callers of a small
 * pool (repeat contacts, some at the same second, some withheld), calls
 * overlapping: answered, abandoned or timed out. Lines in time order, up
 * to @end. */
static char *
generated_log (guint  n,
               gint64 start,
               gint64 end)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      gint64 t = start + (gint64) i * 41 + g_rand_int_range (rand, 0, 60);
      int wait = g_rand_int_range (rand, 1, 300);
      int kind = g_rand_int_range (rand, 0, 10);
      const char *queue = g_rand_boolean (rand) ? "Support" : "sales";
      g_autofree char *caller = g_rand_int_range (rand, 0, 20) == 0
        ? g_strdup ("")
        : g_strdup_printf ("+371200%05d", g_rand_int_range (rand, 1, 400));

      /* Every 50th call a second one by the same caller in the same second. */
      g_ptr_array_add (lines, g_strdup_printf ("%" G_GINT64_FORMAT "|g%u|%s|NONE|ENTERQUEUE||%s|1",
                                               t, i, queue, caller));
      if (i % 50 == 0 && *caller != '\0')
        g_ptr_array_add (lines, g_strdup_printf ("%" G_GINT64_FORMAT "|t%u|%s|NONE|ENTERQUEUE||%s|1\n"
                                                 "%" G_GINT64_FORMAT "|t%u|%s|NONE|ABANDON|1|1|%d",
                                                 t, i, queue, caller, t + 3, i, queue, 3));
      if (kind < 7)
        {
          int talk = g_rand_int_range (rand, 10, 2000);

          g_ptr_array_add (lines, g_strdup_printf ("%" G_GINT64_FORMAT "|g%u|%s|PJSIP/%d|CONNECT|%d|g%u.1|2",
                                                   t + wait, i, queue, 400 + i % 7, wait, i));
          g_ptr_array_add (lines, g_strdup_printf ("%" G_GINT64_FORMAT "|g%u|%s|PJSIP/%d|COMPLETECALLER|%d|%d|1",
                                                   t + wait + talk, i, queue, 400 + i % 7, wait, talk));
        }
      else
        g_ptr_array_add (lines, g_strdup_printf ("%" G_GINT64_FORMAT "|g%u|%s|NONE|%s|1|1|%d",
                                                 t + wait, i, queue,
                                                 kind < 9 ? "ABANDON" : "EXITWITHTIMEOUT", wait));
    }

  /* Ten-digit times sort as numbers. */
  g_ptr_array_sort (lines, (GCompareFunc) test_compare_lines);
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      /* The log ends while the last calls are still going on. */
      if (g_ascii_strtoll (line, NULL, 10) > end)
        break;
      g_string_append_printf (out, "%s\n", line);
    }

  return g_string_free (out, FALSE);
}

/* A table as text, by keys rather than ids. */
static char *
store_text (RubricDb   *db,
            const char *sql)
{
  GString *out = g_string_new (NULL);
  RubricStmt *stmt = NULL;

  g_assert_cmpint (test_prepare_v2 (db, sql, -1, &stmt, NULL), ==, TEST_OK);
  while (rubric_stmt_step (stmt) == RUBRIC_ROW)
    {
      for (int i = 0; i < rubric_stmt_column_count (stmt); i++)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          if (i > 0)
            g_string_append_c (out, '|');
          if (rubric_stmt_column_type (stmt, i) == RUBRIC_NULL)
            g_string_append_c (out, '-');
          else if (rubric_stmt_column_type (stmt, i) == RUBRIC_FLOAT)
            /* Sums kept step by step and sums made afresh differ in the
             * last bits. */
            g_string_append_printf (out, "%.6f", rubric_stmt_column_double (stmt, i));
          else
            g_string_append (out, column_text (stmt, i, buffer));
        }
      g_string_append_c (out, '\n');
    }
  rubric_stmt_finalize (stmt);

  return g_string_free (out, FALSE);
}

/* Everything the imports write, by keys. */
static char *
imported_text (RubricDb *db)
{
  static const char * const queries[] = {
    "SELECT s.name, c.call_id, q.name, c.entered_at, v.name, a.external_id, c.outcome,"
    "  c.wait_s, c.talk_s, c.hold_s, c.wrap_s, c.caller, c.recording, c.next_gap"
    " FROM calls AS c JOIN sources AS s ON s.id = c.source_id"
    " JOIN queues AS q ON q.id = c.queue_id JOIN vendors AS v ON v.id = c.vendor_id"
    " LEFT JOIN agents AS a ON a.id = c.agent_id"
    " ORDER BY 4, 1, 2, 3",
    "SELECT v.name, k.caller, k.entered_at, c.call_id, q.name"
    " FROM call_contacts AS k JOIN calls AS c ON c.id = k.call"
    " JOIN vendors AS v ON v.id = k.vendor_id JOIN queues AS q ON q.id = c.queue_id"
    " ORDER BY 1, 2, 3, 4, 5",
    "SELECT s.name, c.call_id, q.name, c.entered_at"
    " FROM calls_open AS o JOIN calls AS c ON c.id = o.call"
    " JOIN sources AS s ON s.id = o.source_id JOIN queues AS q ON q.id = c.queue_id"
    " ORDER BY 4, 2, 3",
    "SELECT v.name, r.day, r.kind, r.bucket, r.n, r.total"
    " FROM call_rollups AS r JOIN vendors AS v ON v.id = r.vendor_id ORDER BY 1, 2, 3, 4",
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *text = store_text (db, queries[i]);

      g_string_append_printf (out, "[%u]\n%s", i, text);
    }
  return g_string_free (out, FALSE);
}

/* The imports give the same calls, links, open calls and rollups on
 * PostgreSQL (COPY and set-based SQL) as on SQLite (record by record). */
static void
test_same_on_both_stores (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *sqlite_path = g_build_filename (fixture->dir, "compare.db", NULL);
  g_autofree char *log = generated_log (3000, 1675700000, 1675822000);
  g_autofree char *first = NULL;
  g_autofree char *first_path = NULL;
  g_autofree char *rest_path = NULL;
  g_autofree char *middle = NULL;
  g_autofree char *middle_path = NULL;
  g_autoptr(GError) error = NULL;
  RubricDb *stores[2];
  g_autofree char *texts[2] = { NULL, NULL };
  g_autofree char *reports[2] = { NULL, NULL };
  gint64 open_after_first[2] = { 0, 0 };
  gint64 talking_after_middle[2] = { 0, 0 };
  const char *cut;
  const char *cut2;

  if (!test_store_is_pg ())
    {
      g_test_skip ("compares with PostgreSQL: runs in queue-log-pg");
      return;
    }

  /* Cut twice, ten minutes apart: calls waiting at the first cut are
   * answered in the middle part and still talking at the second. */
  cut = strstr (log, "\n1675800");
  g_assert_nonnull (cut);
  cut2 = strstr (cut, "\n16758006");
  g_assert_nonnull (cut2);
  first = g_strndup (log, (gsize) (cut + 1 - log));
  middle = g_strndup (cut + 1, (gsize) (cut2 - cut));
  first_path = test_write_file (fixture->dir, "first.log", first);
  middle_path = test_write_file (fixture->dir, "middle.log", middle);
  rest_path = test_write_file (fixture->dir, "rest.log", cut2 + 1);

  stores[0] = rubric_db_open (sqlite_path, &error);
  g_assert_no_error (error);
  g_assert_false (rubric_db_is_postgres (stores[0]));
  stores[1] = fixture->db;
  g_assert_true (rubric_db_is_postgres (stores[1]));

  for (guint i = 0; i < 2; i++)
    {
      static const struct { const char *file; const char *vendor; } csvs[] = {
        { "good.csv", NULL }, { "blank-lines.csv", NULL }, { "no-vendor.csv", "Acme" },
      };
      const char *logs[] = { first_path, first_path, middle_path, rest_path, rest_path };
      GString *counts = g_string_new (NULL);

      for (guint j = 0; j < G_N_ELEMENTS (csvs); j++)
        {
          g_autofree char *path = g_build_filename (TEST_DATA_DIR, "calls", csvs[j].file, NULL);
          RubricCallImportOptions options = { csvs[j].vendor, NULL, NULL };
          RubricCallImportReport report = { 0, };

          g_assert_true (rubric_calls_import_csv (stores[i], path, &options, NULL, NULL, &report,
                                                  NULL, &error));
          g_assert_no_error (error);
          g_string_append_printf (counts, "%s: %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %"
                                  G_GUINT64_FORMAT "\n", csvs[j].file, report.rows,
                                  report.inserted, report.unchanged);
        }

      /* The first part, again (nothing changes), the middle, then the rest twice. */
      for (guint j = 0; j < G_N_ELEMENTS (logs); j++)
        {
          RubricQueueLogOptions options = { "Acme", NULL, FALSE };
          RubricQueueLogReport report = { 0, };

          g_assert_true (rubric_queue_log_import (stores[i], logs[j], &options, NULL, NULL,
                                                  &report, NULL, &error));
          g_assert_no_error (error);
          g_string_append_printf (counts, "log %u: %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                                  " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %"
                                  G_GUINT64_FORMAT "\n", j, report.inserted, report.completed,
                                  report.unchanged, report.pending, report.talking);
          rubric_queue_log_report_clear (&report);
          if (j == 0)
            open_after_first[i] = test_query_int (stores[i], "SELECT count (*) FROM calls_open");
          if (j == 2)
            talking_after_middle[i] = test_query_int (stores[i], "SELECT count (*) FROM calls_open"
                                                      " AS o JOIN calls AS c ON c.id = o.call"
                                                      " WHERE c.outcome = 1");
        }

      reports[i] = g_string_free (counts, FALSE);
      texts[i] = imported_text (stores[i]);
    }

  /* The test would compare nothing if the imports wrote nothing. */
  g_assert_nonnull (strstr (reports[0], "log 4: "));
  g_test_message ("%s", reports[0]);
  g_assert_cmpint (test_query_int (stores[0], "SELECT count (*) FROM calls"), >, 3000);
  g_assert_cmpint (test_query_int (stores[0], "SELECT count (*) FROM calls WHERE next_gap > 0"),
                   >, 1000);
  g_assert_cmpint (open_after_first[0], >, 0);
  g_assert_cmpint (open_after_first[1], ==, open_after_first[0]);
  g_assert_cmpint (talking_after_middle[0], >, 0);
  g_assert_cmpint (talking_after_middle[1], ==, talking_after_middle[0]);
  g_assert_cmpstr (reports[1], ==, reports[0]);
  g_assert_cmpstr (texts[1], ==, texts[0]);

  rubric_db_close (stores[0]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/queue-log/check-line", test_check_line);
  ADD ("/queue-log/lab-log", test_lab_log);
  ADD ("/queue-log/grown-log", test_grown_log);
  ADD ("/queue-log/orphan-events", test_orphan_events);
  ADD ("/queue-log/agents", test_agents_are_named);
  ADD ("/queue-log/requeue-and-repeat", test_requeue_and_repeat);
  ADD ("/queue-log/ignored-events", test_ignored_events);
  ADD ("/queue-log/earlier-visit", test_earlier_visit);
  ADD ("/queue-log/bad-lines", test_bad_lines);
  ADD ("/queue-log/long-and-odd-lines", test_long_and_odd_lines);
  ADD ("/queue-log/queue-mapping", test_queue_mapping);
  ADD ("/queue-log/unmapped-queues", test_unmapped_queues);
  ADD ("/queue-log/nothing-to-write", test_nothing_to_write);
  ADD ("/queue-log/cancelled", test_cancelled);
  ADD ("/queue-log/contacts-beyond-memory", test_contacts_beyond_memory);
  ADD ("/queue-log/same-on-both-stores", test_same_on_both_stores);

#undef ADD

  return g_test_run ();
}
