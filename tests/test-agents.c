/* test-agents.c — tests of the agents CSV (SPEC §8.7), the agents list and
 * setting an agent's name and team
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rubric-agents.h"
#include "rubric-db.h"
#include "rubric-error.h"
#include "rubric-evaluation-store.h"
#include "rubric-members.h"
#include "rubric-scorecard-store.h"
#include "rubric-test-util.h"

typedef TestDbFixture Fixture;

/* The agents as a reader checks them: vendor|agent|name|team, NULL as -. */
static char *
agents_rows (Fixture *fixture)
{
  return test_query_text (fixture->db,
                          "SELECT v.name, a.external_id, coalesce (a.name, '-'),"
                          "       coalesce (a.team, '-'), v.timezone"
                          "  FROM agents a JOIN vendors v ON v.id = a.vendor_id"
                          " ORDER BY v.name, a.external_id");
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static void
import_ok (Fixture    *fixture,
           const char *contents,
           guint       expect_added,
           guint       expect_changed)
{
  g_autofree char *path = write_file (fixture, "agents.csv", contents, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  guint added = 99, changed = 99;

  g_assert_true (rubric_agents_import (fixture->db, file, &added, &changed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, expect_added);
  g_assert_cmpuint (changed, ==, expect_changed);
}

/* The import of @contents (@length bytes, -1: a string) must fail with
 * "PATH:LINE: …@fragment…" ("PATH: …" when @line is 0) and leave the
 * database exactly as it was, the counts unwritten. */
static void
assert_refused (Fixture    *fixture,
                const char *contents,
                gssize      length,
                gint64      line,
                const char *fragment)
{
  g_autofree char *path = write_file (fixture, "bad.csv", contents, length);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_dump (fixture->db);
  g_autofree char *after = NULL;
  g_autofree char *prefix = NULL;
  guint added = 7, changed = 7;

  if (line > 0)
    prefix = g_strdup_printf ("%s:%" G_GINT64_FORMAT ": ", path, line);
  else
    prefix = g_strdup_printf ("%s: ", path);

  g_assert_false (rubric_agents_import (fixture->db, file, &added, &changed, NULL, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
  if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, fragment) == NULL)
    g_error ("expected “%s…%s…”, got “%s”", prefix, fragment, error->message);
  g_assert_cmpuint (added, ==, 7);
  g_assert_cmpuint (changed, ==, 7);

  after = test_dump (fixture->db);
  g_assert_cmpstr (after, ==, before);
}

static const char first_file[] =
  "vendor,agent,name,team\n"
  "Acme,PJSIP/400,Ann Lee,North\n"
  "Acme,PJSIP/401,,North\n"
  "Acme,PJSIP/402,Bob,\n"
  "Beta Ltd,Agent/1001,\"Smith, John \"\"JJ\"\"\",South\n";

static const char first_rows[] =
  "Acme|PJSIP/400|Ann Lee|North|UTC|\n"
  "Acme|PJSIP/401|-|North|UTC|\n"
  "Acme|PJSIP/402|Bob|-|UTC|\n"
  "Beta Ltd|Agent/1001|Smith, John \"JJ\"|South|UTC|\n";

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *rows = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  import_ok (fixture, first_file, 4, 0);
  rows = agents_rows (fixture);
  g_assert_cmpstr (rows, ==, first_rows);

  /* Again: nothing changes, not a byte. */
  first = test_dump (fixture->db);
  import_ok (fixture, first_file, 0, 0);
  second = test_dump (fixture->db);
  g_assert_cmpstr (second, ==, first);
}

/* A known agent takes the file's name and team, empty ones included; an
 * agent the file does not name keeps theirs. */
static void
test_import_changes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *rows = NULL;

  import_ok (fixture, first_file, 4, 0);
  import_ok (fixture,
             "vendor,agent,name,team\n"
             "Acme,PJSIP/400,Ann Lee,South\n"   /* moved to another team */
             "Acme,PJSIP/401,Cy,North\n"        /* a name */
             "Acme,PJSIP/402,Bob,\n"            /* unchanged */
             "Acme,PJSIP/403,,\n",              /* new */
             1, 2);
  rows = agents_rows (fixture);
  g_assert_cmpstr (rows, ==,
                   "Acme|PJSIP/400|Ann Lee|South|UTC|\n"
                   "Acme|PJSIP/401|Cy|North|UTC|\n"
                   "Acme|PJSIP/402|Bob|-|UTC|\n"
                   "Acme|PJSIP/403|-|-|UTC|\n"
                   "Beta Ltd|Agent/1001|Smith, John \"JJ\"|South|UTC|\n");

  /* Emptied name and team. */
  import_ok (fixture, "vendor,agent,name,team\nAcme,PJSIP/400,,\n", 0, 1);
  g_free (rows);
  rows = agents_rows (fixture);
  g_assert_nonnull (strstr (rows, "Acme|PJSIP/400|-|-|UTC|\n"));
}

/* What a spreadsheet or another system writes is read the same. */
static void
test_import_forms (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *rows = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 0, changed = 0;

  /* A byte order mark, CRLF, blank lines, spaces around values, quoted
   * fields holding commas and quotes, a header in quotes. */
  import_ok (fixture,
             "\xef\xbb\xbf\"vendor\",agent,name,team\r\n"
             "\r\n"
             " Acme , PJSIP/400 ,\"Ann Lee\",\"North\"\r\n"
             "Acme,PJSIP/401,  ,North\r\n"
             "Acme,PJSIP/402,Bob,\r\n"
             "\"Beta Ltd\",Agent/1001,\"Smith, John \"\"JJ\"\"\",South\r\n"
             "\r\n",
             4, 0);
  rows = agents_rows (fixture);
  g_assert_cmpstr (rows, ==, first_rows);

  /* The same agents written the plain way: nothing to change. */
  import_ok (fixture, first_file, 0, 0);

  /* A header alone is an empty list: nothing to do. */
  import_ok (fixture, "vendor,agent,name,team\n", 0, 0);

  /* No counts asked for. */
  path = write_file (fixture, "again.csv", first_file, -1);
  file = g_file_new_for_path (path);
  g_assert_true (rubric_agents_import (fixture->db, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Names in any script, at the longest allowed. */
  {
    g_autoptr(GString) text = g_string_new ("vendor,agent,name,team\nAcme,PJSIP/405,");

    for (int i = 0; i < 200; i++)
      g_string_append (text, "ā");
    g_string_append (text, ",Rīga\n");
    import_ok (fixture, text->str, 1, 0);
  }
  (void) added;
  (void) changed;
}

static void
test_import_bad (Fixture       *fixture,
                 gconstpointer  data)
{
  static const struct
  {
    const char *contents;
    gint64      line;
    const char *fragment;
  } cases[] = {
    { "", 0, "the file is empty" },
    { "Acme,PJSIP/400,Ann,North\n", 1, "the header must be “vendor,agent,name,team”" },
    { "vendor,agent,name\nAcme,PJSIP/400,Ann\n", 1, "the header must be" },
    { "vendor,agent,team,name\n", 1, "the header must be" },
    { "vendor,agent,name,team,extra\n", 1, "the header must be" },
    { "Vendor,Agent,Name,Team\n", 1, "the header must be" },
    { "vendor,agent,name,team\nAcme,PJSIP/400,Ann\n", 2, "the row has 3 fields, the header 4" },
    { "vendor,agent,name,team\nAcme,PJSIP/400,Ann,North,x\n", 2, "the row has 5 fields" },
    { "vendor,agent,name,team\nAcme,PJSIP/9,,\n,PJSIP/400,Ann,North\n", 3, "vendor is empty" },
    { "vendor,agent,name,team\n  ,PJSIP/400,Ann,North\n", 2, "vendor is empty" },
    { "vendor,agent,name,team\nAcme,,Ann,North\n", 2, "agent is empty" },
    { "vendor,agent,name,team\nAcme,\"\",Ann,North\n", 2, "agent is empty" },
    { "vendor,agent,name,team\nAcme,PJSIP/400,Ann,North\nAcme,PJSIP/401,,\n"
      "Acme,PJSIP/400,Other,South\n", 4,
      "agent “PJSIP/400” of “Acme” is given twice, on lines 2 and 4" },
    /* The same after trimming: still the same agent. */
    { "vendor,agent,name,team\nAcme,PJSIP/400,,\n Acme ,PJSIP/400 ,,\n", 3, "given twice" },
    { "vendor,agent,name,team\nAcme,PJSIP/400,\"Ann\nLee\",North\n", 2, "name: a control character" },
    { "vendor,agent,name,team\nAcme,PJSIP/400,Ann,\"No\trth\"\n", 2, "team: a control character" },
    { "vendor,agent,name,team\nAcme,PJSIP/400,Ann,North\nAcme,PJSIP/401,\"Bo\"b,\n", 3, "" },
    { "vendor,agent,name,team\nAcme,PJSIP/400,Ann,North\nAcme,PJSIP/401,\"Bob,\n", 3, "" },
    { "vendor,agent,name,team\nAcme,PJSIP/400,Ann,North\nAcme,PJSIP/401,Bo\"b,\n", 3, "" },
    { "vendor,agent,name,team\nAcme,PJSIP/400,Ann\xe9,North\n", 2, "UTF-8" },
    { "\xff\xfev\0e\0n\0", 1, "" },
  };
  g_autoptr(GString) long_name = g_string_new ("vendor,agent,name,team\nAcme,PJSIP/400,");
  g_autoptr(GString) huge = g_string_new ("vendor,agent,name,team\nAcme,PJSIP/400,Ann,North\n"
                                          "Acme,PJSIP/401,\"");

  /* Something to keep: every refusal leaves it as it was. */
  import_ok (fixture, first_file, 4, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u", i);
      assert_refused (fixture, cases[i].contents, -1, cases[i].line, cases[i].fragment);
    }

  /* A NUL byte, and a UTF-16 file (its header is not the header). */
  {
    static const char nul[] = "vendor,agent,name,team\nAcme,PJ\0SIP,,\n";

    assert_refused (fixture, nul, sizeof nul - 1, 2, "NUL");
  }
  assert_refused (fixture, "\xff\xfev\0e\0n\0d\0o\0r\0\n\0", 16, 1, "");

  /* 201 characters are one too many, in any field. */
  for (int i = 0; i < 201; i++)
    g_string_append_c (long_name, 'x');
  g_string_append (long_name, ",North\n");
  assert_refused (fixture, long_name->str, -1, 2, "name is longer than 200 characters");

  /* A field of 17 MiB: refused by the reader without holding it twice. */
  g_string_set_size (huge, huge->len + 17 * 1024 * 1024);
  memset (huge->str + huge->len - 17 * 1024 * 1024, 'x', 17 * 1024 * 1024);
  g_string_append (huge, "\",\n");
  assert_refused (fixture, huge->str, -1, 3, "");

  /* A file that is not there. */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "missing.csv", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;

    g_assert_false (rubric_agents_import (fixture->db, file, NULL, NULL, NULL, &error));
    g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
    g_assert_true (g_str_has_prefix (error->message, path));
  }
}

/* A bad row at the end: the good rows before it, a new vendor among them,
 * are not written either. */
static void
test_import_last_row_bad (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *rows = NULL;

  import_ok (fixture, first_file, 4, 0);
  assert_refused (fixture,
                  "vendor,agent,name,team\n"
                  "Gamma,G1,Gil,East\n"
                  "Acme,PJSIP/400,Ann Lee,West\n"
                  "Acme,,x,y\n",
                  -1, 4, "agent is empty");
  rows = agents_rows (fixture);
  g_assert_cmpstr (rows, ==, first_rows);
  g_assert_cmpint (test_query_int (fixture->db,
                                   "SELECT count(*) FROM vendors WHERE name = 'Gamma'"), ==, 0);
}

/* Agents of evaluations and call records, with what the list counts. */
static void
fill (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricScorecard) scorecard = NULL;
  g_autoptr(GPtrArray) evaluations = NULL;
  g_autofree char *card = g_build_filename (TEST_DATA_DIR, "scorecard-test.xml", NULL);
  g_autofree char *evals = g_build_filename (TEST_DATA_DIR, "evaluations-test.xml", NULL);
  RubricEvaluationImportReport report;

  scorecard = rubric_scorecard_new_from_file (card, &error);
  g_assert_no_error (error);
  g_assert_true (rubric_scorecard_store_add (fixture->db, scorecard, NULL, &error));
  g_assert_no_error (error);
  evaluations = rubric_evaluations_from_file (evals, &error);
  g_assert_no_error (error);
  g_assert_true (rubric_evaluation_store_import_parsed (fixture->db, evals, evaluations, "test",
                                                        &report, &error));
  g_assert_no_error (error);

  /* PJSIP/400 answered two calls; an abandoned one naming them does not
   * count. */
  g_assert_true (rubric_db_exec (fixture->db,
                                 "INSERT INTO sources (name) VALUES ('hand');"
                                 "INSERT INTO queues (name) VALUES ('q');"
                                 "INSERT INTO calls (source_id, call_id, queue_id, entered_at,"
                                 "                   vendor_id, agent_id, outcome)"
                                 " SELECT s.id, c.call_id, q.id, c.t, a.vendor_id, a.id, c.outcome"
                                 "   FROM sources s, queues q, agents a,"
                                 "        (SELECT 'c1' AS call_id, 100 AS t, 1 AS outcome"
                                 "         UNION ALL SELECT 'c2', 200, 1"
                                 "         UNION ALL SELECT 'c3', 300, 2) AS c"
                                 "  WHERE a.external_id = 'PJSIP/400'",
                                 &error));
  g_assert_no_error (error);
}

static char *
list_text (Fixture    *fixture,
           const char *vendor,
           const char *team)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = rubric_agents_list (fixture->db, vendor, team, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      const RubricAgent *agent = g_ptr_array_index (list, i);

      g_assert_cmpint (agent->agent_id, >, 0);
      g_string_append_printf (out, "%s|%s|%s|%s|%" G_GUINT64_FORMAT "|%" G_GUINT64_FORMAT "\n",
                              agent->vendor, agent->agent,
                              agent->name != NULL ? agent->name : "-",
                              agent->team != NULL ? agent->team : "-",
                              agent->calls, agent->evaluations);
    }
  return g_string_free (out, FALSE);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *all = NULL;
  g_autofree char *acme = NULL;
  g_autofree char *north = NULL;
  g_autofree char *none = NULL;
  g_autofree char *nobody = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  fill (fixture);
  /* Known from the evaluations already: the file adds names and teams. */
  import_ok (fixture, first_file, 1, 3);

  all = list_text (fixture, NULL, NULL);
  /* Only submitted evaluations count (not the calibration of PJSIP/401
   * nor the draft of Agent/1001), and only answered calls. */
  g_assert_cmpstr (all, ==,
                   "Acme|PJSIP/400|Ann Lee|North|2|2\n"
                   "Acme|PJSIP/401|-|North|0|0\n"
                   "Acme|PJSIP/402|Bob|-|0|0\n"
                   "Beta Ltd|Agent/1001|Smith, John \"JJ\"|South|0|0\n");

  acme = list_text (fixture, "Acme", NULL);
  g_assert_cmpstr (acme, ==,
                   "Acme|PJSIP/400|Ann Lee|North|2|2\n"
                   "Acme|PJSIP/401|-|North|0|0\n"
                   "Acme|PJSIP/402|Bob|-|0|0\n");
  north = list_text (fixture, NULL, "North");
  g_assert_cmpstr (north, ==,
                   "Acme|PJSIP/400|Ann Lee|North|2|2\n"
                   "Acme|PJSIP/401|-|North|0|0\n");
  none = list_text (fixture, "Acme", "");
  g_assert_cmpstr (none, ==, "Acme|PJSIP/402|Bob|-|0|0\n");
  nobody = list_text (fixture, "Beta Ltd", "North");
  g_assert_cmpstr (nobody, ==, "");

  list = rubric_agents_list (fixture->db, "Nobody Inc", NULL, &error);
  g_assert_null (list);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND);
}

static void
test_set (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GString) long_team = g_string_new (NULL);
  gint64 id;

  import_ok (fixture, first_file, 4, 0);
  list = rubric_agents_list (fixture->db, "Acme", NULL, &error);
  g_assert_no_error (error);
  id = ((RubricAgent *) g_ptr_array_index (list, 1))->agent_id;

  g_assert_true (rubric_agents_set (fixture->db, id, " Cy Young ", "South", &error));
  g_assert_no_error (error);
  text = list_text (fixture, "Acme", "South");
  g_assert_cmpstr (text, ==, "Acme|PJSIP/401|Cy Young|South|0|0\n");

  /* Empty is none, NULL too. */
  g_assert_true (rubric_agents_set (fixture->db, id, "", NULL, &error));
  g_assert_no_error (error);
  g_free (text);
  text = list_text (fixture, "Acme", "");
  g_assert_cmpstr (text, ==, "Acme|PJSIP/401|-|-|0|0\n" "Acme|PJSIP/402|Bob|-|0|0\n");

  /* The file then sets them again: one change. */
  import_ok (fixture, first_file, 0, 1);

  before = test_dump (fixture->db);
  g_assert_false (rubric_agents_set (fixture->db, id + 1000, "X", NULL, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  for (int i = 0; i < 201; i++)
    g_string_append_c (long_team, 't');
  g_assert_false (rubric_agents_set (fixture->db, id, "X", long_team->str, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
  g_clear_error (&error);
  g_assert_false (rubric_agents_set (fixture->db, id, "X\nY", NULL, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
  g_clear_error (&error);

  after = test_dump (fixture->db);
  g_assert_cmpstr (after, ==, before);
}

/* A team database: a reviewer may neither import agents nor set them. */
static void
test_reviewer_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) reviewer = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *login = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GFile) file = NULL;
  gint64 id;

  if (!test_store_is_pg ())
    {
      g_test_skip ("a SQLite file has no members");
      return;
    }

  import_ok (fixture, first_file, 4, 0);
  login = g_strdup_printf ("agents_reviewer_%d", (int) getpid ());
  uri = test_pg_create_login (login);
  g_assert_true (rubric_members_add (fixture->db, login, RUBRIC_DB_ROLE_REVIEWER, &error));
  g_assert_no_error (error);
  reviewer = rubric_db_open_existing (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rubric_db_get_role (reviewer), ==, RUBRIC_DB_ROLE_REVIEWER);

  /* The reviewer reads the list. */
  list = rubric_agents_list (reviewer, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  id = ((RubricAgent *) g_ptr_array_index (list, 0))->agent_id;

  before = test_dump (fixture->db);
  path = write_file (fixture, "new.csv", "vendor,agent,name,team\nGamma,G1,Gil,East\n", -1);
  file = g_file_new_for_path (path);
  g_assert_false (rubric_agents_import (reviewer, file, NULL, NULL, NULL, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_assert_false (rubric_agents_set (reviewer, id, "X", "Y", &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  after = test_dump (fixture->db);
  g_assert_cmpstr (after, ==, before);

  g_clear_pointer (&reviewer, rubric_db_close);
  g_assert_true (rubric_members_remove (fixture->db, login, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, test_db_fixture_set_up, func, test_db_fixture_tear_down)

  ADD ("/agents/import", test_import);
  ADD ("/agents/import/changes", test_import_changes);
  ADD ("/agents/import/forms", test_import_forms);
  ADD ("/agents/import/bad", test_import_bad);
  ADD ("/agents/import/last-row-bad", test_import_last_row_bad);
  ADD ("/agents/list", test_list);
  ADD ("/agents/set", test_set);
  ADD ("/agents/reviewer-refused", test_reviewer_refused);

#undef ADD

  return g_test_run ();
}
