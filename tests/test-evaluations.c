/* test-evaluations.c — evaluations: interchange XML, drafts, submits, history, import, export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rubric-clock.h"
#include "rubric-db.h"
#include "rubric-error.h"
#include "rubric-evaluation-store.h"
#include "rubric-evaluation.h"
#include "rubric-members.h"
#include "rubric-score.h"
#include "rubric-scorecard-store.h"
#include "rubric-test-util.h"


#define ID1 "0b6c2f4e-54a1-4e55-9a3e-2f0d1c9e7a01"
#define ID2 "0b6c2f4e-54a1-4e55-9a3e-2f0d1c9e7a02"
#define ID3 "0b6c2f4e-54a1-4e55-9a3e-2f0d1c9e7a03"
#define ID4 "0b6c2f4e-54a1-4e55-9a3e-2f0d1c9e7a04"
#define NEW_ID "5d3a8e61-7f0c-4a9b-8c2d-1e4f6a7b8c9d"

/* A fresh database with tests/data/scorecard-test.xml stored as version 1. */
typedef struct
{
  char            *dir;
  RubricDb        *db;
  RubricScorecard *card;
  char            *evaluations_path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *card_path = g_build_filename (TEST_DATA_DIR, "scorecard-test.xml", NULL);
  g_autoptr(GError) error = NULL;
  RubricScorecardImport result;

  test_db_set_up (&fixture->dir, &fixture->db);
  g_assert_true (rubric_scorecard_store_import (fixture->db, card_path, &fixture->card, &result,
                                                &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, RUBRIC_SCORECARD_ADDED);
  g_assert_cmpint (fixture->card->version, ==, 1);

  fixture->evaluations_path = g_build_filename (TEST_DATA_DIR, "evaluations-test.xml", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_pointer (&fixture->card, rubric_scorecard_unref);
  g_free (fixture->evaluations_path);
  test_db_tear_down (&fixture->dir, &fixture->db);
}

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute,
     int second)
{
  g_autoptr(GDateTime) moment = g_date_time_new_utc (year, month, day, hour, minute, second);

  return g_date_time_to_unix (moment);
}

static char *
dump (Fixture *fixture)
{
  return test_dump (fixture->db);
}

static GPtrArray *
read_evaluations (const char *path)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *evaluations = rubric_evaluations_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (evaluations);
  return evaluations;
}

static void
import_test_file (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  RubricEvaluationImportReport report = { 99, 99, 99 };

  g_assert_true (rubric_evaluation_store_import (fixture->db, fixture->evaluations_path, "tester",
                                                 &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 4);
}

/* One value of a query with up to one text parameter; NAN for NULL. */
static double
query_double (Fixture    *fixture,
              const char *sql,
              const char *parameter)
{
  RubricDb *handle = fixture->db;
  RubricStmt *stmt;
  double value;

  g_assert_cmpint (test_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, TEST_OK);
  if (parameter != NULL)
    rubric_stmt_bind_text (stmt, 1, parameter);
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
  value = rubric_stmt_column_type (stmt, 0) == RUBRIC_NULL ? NAN : rubric_stmt_column_double (stmt, 0);
  rubric_stmt_finalize (stmt);
  return value;
}

static gint64
query_int (Fixture    *fixture,
           const char *sql,
           const char *parameter)
{
  double value = query_double (fixture, sql, parameter);

  g_assert_false (isnan (value));
  return (gint64) value;
}

static gint64
history_count (Fixture *fixture)
{
  return query_int (fixture, "SELECT count(*) FROM evaluation_history", NULL);
}

/* A complete, valid submitted evaluation of the test card. */
static RubricEvaluation *
complete_evaluation (const char *id)
{
  RubricEvaluation *evaluation = rubric_evaluation_new (id);

  evaluation->scorecard = g_strdup ("test-card");
  evaluation->status = RUBRIC_STATUS_SUBMITTED;
  evaluation->reviewer = g_strdup ("ana");
  evaluation->vendor = g_strdup ("Acme");
  evaluation->agent = g_strdup ("PJSIP/402");
  evaluation->call = g_strdup ("c-100");
  evaluation->call_time = utc (2023, 4, 3, 10, 0, 0);
  evaluation->scored_at = utc (2023, 4, 4, 9, 0, 0);
  rubric_evaluation_set_answer (evaluation, "resolved", "yes");
  rubric_evaluation_set_answer (evaluation, "courtesy", "4");
  rubric_evaluation_set_answer (evaluation, "verify-id", "partial");
  rubric_evaluation_set_answer (evaluation, "notes", "no");
  rubric_evaluation_set_answer (evaluation, "warmth", "3");
  rubric_evaluation_add_comment (evaluation, 12.25, "warmth", "Friendly greeting.");
  return evaluation;
}

static RubricEvaluation *
load (Fixture    *fixture,
      const char *id)
{
  g_autoptr(GError) error = NULL;
  RubricEvaluation *evaluation = rubric_evaluation_store_load (fixture->db, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (evaluation);
  return evaluation;
}

/* The file: four evaluations, read as written. */
static void
test_from_xml (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "evaluations-test.xml", NULL);
  g_autoptr(GPtrArray) evaluations = read_evaluations (path);
  RubricEvaluation *e;
  RubricComment *comment;
  static const char * const order[] = { "resolved", "courtesy", "verify-id", "notes", "warmth" };

  g_assert_cmpuint (evaluations->len, ==, 4);

  e = g_ptr_array_index (evaluations, 0);
  g_assert_cmpstr (e->id, ==, ID1);
  g_assert_cmpstr (e->scorecard, ==, "test-card");
  g_assert_cmpint (e->scorecard_version, ==, 1);
  g_assert_cmpint (e->status, ==, RUBRIC_STATUS_SUBMITTED);
  g_assert_cmpstr (e->reviewer, ==, "ana");
  g_assert_cmpstr (e->vendor, ==, "Acme");
  g_assert_cmpstr (e->agent, ==, "PJSIP/400");
  g_assert_cmpstr (e->call, ==, "1675720966.3");
  g_assert_cmpint (e->call_time, ==, utc (2023, 2, 6, 22, 2, 47));
  g_assert_cmpint (e->scored_at, ==, utc (2023, 2, 7, 9, 12, 0));
  g_assert_cmpint (e->line, ==, 3);
  g_assert_cmpuint (e->answer_order->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (g_ptr_array_index (e->answer_order, i), ==, order[i]);
  g_assert_cmpstr (rubric_evaluation_get_answer (e, "courtesy"), ==, "4");
  g_assert_cmpstr (rubric_evaluation_get_answer (e, "notes"), ==, "na");
  g_assert_null (rubric_evaluation_get_answer (e, "smile"));

  g_assert_cmpuint (e->comments->len, ==, 2);
  comment = g_ptr_array_index (e->comments, 0);
  g_assert_cmpfloat (comment->at, ==, 83.5);
  g_assert_cmpstr (comment->criterion, ==, "resolved");
  g_assert_cmpstr (comment->text, ==, "Offered the callback number twice.");
  comment = g_ptr_array_index (e->comments, 1);
  g_assert_true (isnan (comment->at));
  g_assert_null (comment->criterion);
  g_assert_cmpstr (comment->text, ==, "General: calm tone & clear.");

  e = g_ptr_array_index (evaluations, 1);
  g_assert_cmpstr (e->id, ==, ID2);
  g_assert_cmpstr (rubric_evaluation_get_answer (e, "verify-id"), ==, "none");
  g_assert_cmpuint (e->comments->len, ==, 0);

  /* No scorecard-version: the latest, on import. The offset is UTC+2. */
  e = g_ptr_array_index (evaluations, 2);
  g_assert_cmpstr (e->id, ==, ID3);
  g_assert_cmpint (e->scorecard_version, ==, 0);
  g_assert_cmpint (e->status, ==, RUBRIC_STATUS_DRAFT);
  g_assert_cmpstr (e->vendor, ==, "Beta Ltd");
  g_assert_cmpint (e->call_time, ==, utc (2023, 2, 28, 22, 30, 0));
  g_assert_cmpint (e->scored_at, ==, RUBRIC_NO_TIME);
  g_assert_cmpuint (g_hash_table_size (e->answers), ==, 1);

  /* Written in upper case, kept in lower case. */
  e = g_ptr_array_index (evaluations, 3);
  g_assert_cmpstr (e->id, ==, ID4);
  g_assert_cmpint (e->status, ==, RUBRIC_STATUS_CALIBRATION);
  g_assert_cmpint (e->call_time, ==, utc (2023, 2, 28, 23, 59, 59));
}

static void
test_xml_round_trip (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "evaluations-test.xml", NULL);
  g_autoptr(GPtrArray) evaluations = read_evaluations (path);
  g_autofree char *first = rubric_evaluations_to_xml (evaluations);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) again = rubric_evaluations_from_xml ("round-trip.xml", first,
                                                            strlen (first), &error);
  g_autofree char *second = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 4);
  second = rubric_evaluations_to_xml (again);
  g_assert_cmpstr (first, ==, second);

  for (guint i = 0; i < evaluations->len; i++)
    g_assert_true (rubric_evaluation_equal (g_ptr_array_index (evaluations, i),
                                            g_ptr_array_index (again, i)));

  /* What the writer says: UTC instants, lower-case ids, no empty at. */
  g_assert_nonnull (strstr (first, "id=\"" ID4 "\""));
  g_assert_null (strstr (first, "0B6C2F4E"));
  g_assert_nonnull (strstr (first, "call-time=\"2023-02-28T22:30:00Z\""));
  g_assert_nonnull (strstr (first, "<comment at=\"83.5\" criterion=\"resolved\">"));
  g_assert_nonnull (strstr (first, "<comment>General: calm tone &amp; clear.</comment>"));

  {
    /* A copy is equal; a changed answer is not. */
    g_autoptr(RubricEvaluation) copy = rubric_evaluation_copy (g_ptr_array_index (evaluations, 0));

    g_assert_true (rubric_evaluation_equal (copy, g_ptr_array_index (evaluations, 0)));
    rubric_evaluation_set_answer (copy, "warmth", "4");
    g_assert_false (rubric_evaluation_equal (copy, g_ptr_array_index (evaluations, 0)));
  }
}

static void
test_draft (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(RubricEvaluation) draft = rubric_evaluation_new (NEW_ID);
  g_autoptr(RubricEvaluation) loaded = NULL;
  g_autoptr(RubricScore) expected = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  draft->scorecard = g_strdup ("test-card");
  draft->status = RUBRIC_STATUS_DRAFT;
  draft->reviewer = g_strdup ("ben");
  draft->vendor = g_strdup ("Acme");
  draft->agent = g_strdup ("PJSIP/400");
  draft->call = g_strdup ("c-1");
  draft->call_time = utc (2023, 5, 1, 8, 0, 0);
  rubric_evaluation_set_answer (draft, "resolved", "yes");
  rubric_evaluation_set_answer (draft, "warmth", "2");

  g_assert_true (rubric_evaluation_store_save (fixture->db, draft, "ben", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (draft->scorecard_version, ==, 1);
  g_assert_cmpint (history_count (fixture), ==, 0);

  /* Provisional: over what is answered, (3·1 + 0.75·0.5) / (3 + 0.75). */
  expected = rubric_score_compute (fixture->card, draft->answers);
  test_assert_score (expected->overall, 100.0 * 3.375 / 3.75);
  test_assert_score (query_double (fixture, "SELECT score FROM evaluations WHERE uuid = ?1", NEW_ID),
                expected->overall);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM evaluation_answers", NULL), ==, 2);

  /* Saving again, with more answers, is fine and still no history. */
  rubric_evaluation_set_answer (draft, "courtesy", "3");
  rubric_evaluation_add_comment (draft, NAN, NULL, "Half way.");
  g_assert_true (rubric_evaluation_store_save (fixture->db, draft, "ben", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rubric_evaluation_store_save (fixture->db, draft, "ben", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (history_count (fixture), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM evaluations", NULL), ==, 1);

  g_clear_pointer (&expected, rubric_score_free);
  expected = rubric_score_compute (fixture->card, draft->answers);
  test_assert_score (query_double (fixture, "SELECT score FROM evaluations WHERE uuid = ?1", NEW_ID),
                expected->overall);

  loaded = load (fixture, NEW_ID);
  g_assert_cmpint (loaded->status, ==, RUBRIC_STATUS_DRAFT);
  g_assert_true (rubric_evaluation_equal (loaded, draft));

  history = rubric_evaluation_store_history (fixture->db, NEW_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 0);
}

static void
test_submit (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(RubricEvaluation) draft = complete_evaluation (NEW_ID);
  g_autoptr(RubricEvaluation) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  /* The clock is pinned: the submit time is exactly "now". */
  gint64 now = 1796634000;

  rubric_clock_pin (now);
  draft->status = RUBRIC_STATUS_DRAFT;
  draft->scored_at = RUBRIC_NO_TIME;
  rubric_evaluation_set_answer (draft, "courtesy", NULL);
  rubric_evaluation_set_answer (draft, "verify-id", NULL);
  rubric_evaluation_set_answer (draft, "notes", NULL);
  g_assert_true (rubric_evaluation_store_save (fixture->db, draft, NULL, NULL, &error));
  g_assert_no_error (error);

  before = dump (fixture);
  g_assert_false (rubric_evaluation_store_submit (fixture->db, NEW_ID, "ana", &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "courtesy"));
  g_assert_nonnull (strstr (error->message, "verify-id"));
  g_assert_nonnull (strstr (error->message, "notes"));
  g_assert_null (strstr (error->message, "warmth"));
  g_clear_error (&error);
  after = dump (fixture);
  g_assert_cmpstr (before, ==, after);

  /* Everything answered, with a value or N/A: the submit goes through. */
  rubric_evaluation_set_answer (draft, "courtesy", "na");
  rubric_evaluation_set_answer (draft, "verify-id", "full");
  rubric_evaluation_set_answer (draft, "notes", "na");
  g_assert_true (rubric_evaluation_store_save (fixture->db, draft, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rubric_evaluation_store_submit (fixture->db, NEW_ID, "ana", &error));
  g_assert_no_error (error);

  loaded = load (fixture, NEW_ID);
  g_assert_cmpint (loaded->status, ==, RUBRIC_STATUS_SUBMITTED);
  g_assert_cmpint (loaded->scored_at, ==, now);
  rubric_clock_unpin ();
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM evaluations WHERE status = "
                                       "'submitted'", NULL), ==, 1);

  g_assert_false (rubric_evaluation_store_submit (fixture->db, "9e0b1b7e-0000-4000-8000-00000000"
                                                  "0000", "ana", &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND);
}

static void
test_history (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(RubricEvaluation) evaluation = complete_evaluation (NEW_ID);
  g_autoptr(RubricEvaluation) stored = NULL;
  g_autoptr(RubricScore) score = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  RubricHistoryEntry *entry;
  gint64 now = 1796634000;

  rubric_clock_pin (now);
  g_assert_true (rubric_evaluation_store_save (fixture->db, evaluation, "ana", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (history_count (fixture), ==, 0);

  /* The same content again is no change. */
  g_assert_true (rubric_evaluation_store_save (fixture->db, evaluation, "ana", "again", &error));
  g_assert_no_error (error);
  g_assert_cmpint (history_count (fixture), ==, 0);

  stored = load (fixture, NEW_ID);
  g_assert_true (rubric_evaluation_equal (stored, evaluation));
  rubric_evaluation_set_answer (stored, "warmth", "1");
  g_assert_true (rubric_evaluation_store_save (fixture->db, stored, "lead", "dispute accepted",
                                               &error));
  g_assert_no_error (error);

  history = rubric_evaluation_store_history (fixture->db, NEW_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  entry = g_ptr_array_index (history, 0);
  g_assert_cmpstr (entry->changed_by, ==, "lead");
  g_assert_cmpstr (entry->reason, ==, "dispute accepted");
  g_assert_cmpint (entry->changed_at, ==, now);
  rubric_clock_unpin ();
  g_assert_nonnull (strstr (entry->before, "<answer criterion=\"warmth\" value=\"3\"/>"));
  g_assert_null (strstr (entry->before, "<answer criterion=\"warmth\" value=\"1\"/>"));
  g_assert_nonnull (strstr (entry->after, "<answer criterion=\"warmth\" value=\"1\"/>"));
  g_assert_null (strstr (entry->after, "<answer criterion=\"warmth\" value=\"3\"/>"));
  g_assert_nonnull (strstr (entry->before, NEW_ID));

  /* The stored score follows the change. */
  score = rubric_score_compute (fixture->card, stored->answers);
  test_assert_score (query_double (fixture, "SELECT score FROM evaluations WHERE uuid = ?1", NEW_ID),
                score->overall);
  test_assert_score (query_double (fixture, "SELECT s.score FROM evaluation_scores s JOIN evaluations e "
                                       "ON e.id = s.evaluation_id WHERE e.uuid = ?1 AND "
                                       "s.category = 'empathy'", NEW_ID),
                25.0);

  /* Saving what is stored again writes nothing more. */
  g_clear_pointer (&stored, rubric_evaluation_free);
  stored = load (fixture, NEW_ID);
  g_assert_true (rubric_evaluation_store_save (fixture->db, stored, "lead", "no-op", &error));
  g_assert_no_error (error);
  g_assert_cmpint (history_count (fixture), ==, 1);

  g_clear_pointer (&history, g_ptr_array_unref);
  history = rubric_evaluation_store_history (fixture->db, "no-such-evaluation", &error);
  g_assert_null (history);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND);
}

typedef void (*Spoil) (RubricEvaluation *evaluation);

static void
spoil_unknown_criterion (RubricEvaluation *evaluation)
{
  rubric_evaluation_set_answer (evaluation, "smile", "yes");
}

static void
spoil_na_not_allowed (RubricEvaluation *evaluation)
{
  rubric_evaluation_set_answer (evaluation, "resolved", "na");
}

static void
spoil_scale_above (RubricEvaluation *evaluation)
{
  rubric_evaluation_set_answer (evaluation, "courtesy", "6");
}

static void
spoil_scale_fraction (RubricEvaluation *evaluation)
{
  rubric_evaluation_set_answer (evaluation, "warmth", "2.5");
}

static void
spoil_unknown_option (RubricEvaluation *evaluation)
{
  rubric_evaluation_set_answer (evaluation, "verify-id", "mostly");
}

static void
spoil_yes_no (RubricEvaluation *evaluation)
{
  rubric_evaluation_set_answer (evaluation, "notes", "Yes");
}

static void
spoil_comment_criterion (RubricEvaluation *evaluation)
{
  rubric_evaluation_add_comment (evaluation, 3, "smile", "Nice.");
}

static void
spoil_comment_time (RubricEvaluation *evaluation)
{
  rubric_evaluation_add_comment (evaluation, -1, NULL, "Before the call.");
}

static void
spoil_unknown_scorecard (RubricEvaluation *evaluation)
{
  g_free (evaluation->scorecard);
  evaluation->scorecard = g_strdup ("no-such-card");
}

static void
spoil_unknown_version (RubricEvaluation *evaluation)
{
  evaluation->scorecard_version = 9;
}

static void
spoil_incomplete_submit (RubricEvaluation *evaluation)
{
  rubric_evaluation_set_answer (evaluation, "warmth", NULL);
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  user_data)
{
  static const struct
  {
    const char *name;
    Spoil       spoil;
    const char *named;  /* what the message must name */
  } cases[] = {
    { "unknown criterion", spoil_unknown_criterion, "smile" },
    { "N/A where not allowed", spoil_na_not_allowed, "resolved" },
    { "scale above max", spoil_scale_above, "courtesy" },
    { "scale fraction", spoil_scale_fraction, "warmth" },
    { "unknown option", spoil_unknown_option, "verify-id" },
    { "yes-no in capitals", spoil_yes_no, "notes" },
    { "comment on unknown criterion", spoil_comment_criterion, "smile" },
    { "comment before the recording", spoil_comment_time, NEW_ID },
    { "unknown scorecard", spoil_unknown_scorecard, "no-such-card" },
    { "unknown scorecard version", spoil_unknown_version, "test-card" },
    { "submitted without every answer", spoil_incomplete_submit, "warmth" },
  };
  g_autoptr(RubricEvaluation) stored = complete_evaluation (NEW_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  g_assert_true (rubric_evaluation_store_save (fixture->db, stored, NULL, NULL, &error));
  g_assert_no_error (error);
  before = dump (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* As a change to the stored evaluation, and as a new one. */
      for (guint fresh = 0; fresh < 2; fresh++)
        {
          g_autoptr(RubricEvaluation) spoiled = complete_evaluation (fresh ? NULL : NEW_ID);
          g_autoptr(GError) local_error = NULL;
          g_autofree char *after = NULL;

          cases[i].spoil (spoiled);
          g_test_message ("%s (%s)", cases[i].name, fresh ? "new" : "change");
          g_assert_false (rubric_evaluation_store_save (fixture->db, spoiled, "lead", "edit",
                                                        &local_error));
          g_assert_error (local_error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
          g_test_message ("  %s", local_error->message);
          if (!fresh || !g_str_equal (cases[i].named, NEW_ID))
            g_assert_nonnull (strstr (local_error->message, cases[i].named));

          after = dump (fixture);
          g_assert_cmpstr (before, ==, after);
        }
    }
}

static void
test_import (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first_dump = NULL;
  g_autofree char *second_dump = NULL;
  RubricEvaluationImportReport report = { 99, 99, 99 };
  g_autoptr(RubricEvaluation) upper = NULL;
  g_autoptr(RubricEvaluation) draft = NULL;

  g_assert_true (rubric_evaluation_store_import (fixture->db, fixture->evaluations_path, "tester",
                                                 &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 4);
  g_assert_cmpuint (report.replaced, ==, 0);
  g_assert_cmpuint (report.kept, ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM evaluations", NULL), ==, 4);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM vendors", NULL), ==, 2);
  first_dump = dump (fixture);

  /* Again: nothing is duplicated, nothing changes. */
  report = (RubricEvaluationImportReport) { 99, 99, 99 };
  g_assert_true (rubric_evaluation_store_import (fixture->db, fixture->evaluations_path, "tester",
                                                 &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpuint (report.replaced, ==, 0);
  g_assert_cmpuint (report.kept, ==, 4);
  second_dump = dump (fixture);
  g_assert_cmpstr (first_dump, ==, second_dump);
  g_assert_cmpint (history_count (fixture), ==, 0);

  /* Stored lower case, found in either case. */
  upper = load (fixture, "0B6C2F4E-54A1-4E55-9A3E-2F0D1C9E7A04");
  g_assert_cmpstr (upper->id, ==, ID4);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM evaluations WHERE uuid = ?1", ID4),
                   ==, 1);

  /* The one without scorecard-version pinned the latest, version 1. */
  draft = load (fixture, ID3);
  g_assert_cmpint (draft->scorecard_version, ==, 1);
  g_assert_cmpint (draft->call_time, ==, utc (2023, 2, 28, 22, 30, 0));
  g_assert_cmpint (query_int (fixture, "SELECT s.version FROM evaluations e JOIN scorecards s "
                                       "ON s.id = e.scorecard_id WHERE e.uuid = ?1", ID3), ==, 1);
}

/* SPEC §8.2: an import replaces a stored evaluation only when it is newer,
 * and the history keeps the old one. */
static void
test_import_newer_replaces (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *original = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *newer_path = NULL;
  g_autofree char *stale_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(RubricEvaluation) loaded = NULL;
  RubricEvaluationImportReport report;
  RubricHistoryEntry *entry;
  g_auto(GStrv) parts = NULL;

  import_test_file (fixture);
  g_file_get_contents (fixture->evaluations_path, &original, NULL, &error);
  g_assert_no_error (error);

  /* Evaluation 1 rescored later with another warmth. */
  parts = g_strsplit (original, "<answer criterion=\"warmth\" value=\"3\"/>", 2);
  newer = g_strconcat (parts[0], "<answer criterion=\"warmth\" value=\"0\"/>", parts[1], NULL);
  g_strfreev (g_steal_pointer (&parts));
  stale = g_strdup (newer);
  parts = g_strsplit (newer, "scored-at=\"2023-02-07T09:12:00Z\"", 2);
  g_free (newer);
  newer = g_strconcat (parts[0], "scored-at=\"2023-02-08T10:00:00Z\"", parts[1], NULL);

  /* The same change without a later scored-at is kept out. */
  stale_path = test_write_file (fixture->dir, "stale.xml", stale);
  g_assert_true (rubric_evaluation_store_import (fixture->db, stale_path, "tester", &report,
                                                 &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpuint (report.replaced, ==, 0);
  g_assert_cmpuint (report.kept, ==, 4);
  g_assert_cmpint (history_count (fixture), ==, 0);

  newer_path = test_write_file (fixture->dir, "newer.xml", newer);
  g_assert_true (rubric_evaluation_store_import (fixture->db, newer_path, "tester", &report,
                                                 &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpuint (report.replaced, ==, 1);
  g_assert_cmpuint (report.kept, ==, 3);

  loaded = load (fixture, ID1);
  g_assert_cmpstr (rubric_evaluation_get_answer (loaded, "warmth"), ==, "0");
  history = rubric_evaluation_store_history (fixture->db, ID1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  entry = g_ptr_array_index (history, 0);
  g_assert_cmpstr (entry->changed_by, ==, "tester");
  g_assert_nonnull (strstr (entry->reason, newer_path));
  g_assert_nonnull (strstr (entry->before, "<answer criterion=\"warmth\" value=\"3\"/>"));
  g_assert_nonnull (strstr (entry->after, "<answer criterion=\"warmth\" value=\"0\"/>"));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
test_bad_files (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *folder = g_build_filename (TEST_DATA_DIR, "bad-evaluations", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *before = NULL;
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >, 0);

  /* Over a database that already holds the good file's evaluations, some
   * with the same ids as the bad ones. */
  import_test_file (fixture);
  before = dump (fixture);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (folder, file, NULL);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *after = NULL;
      RubricEvaluationImportReport report = { 0, 0, 0 };

      if (rubric_evaluation_store_import (fixture->db, path, "tester", &report, &local_error))
        g_string_append_printf (problems, "%s: accepted (%u added, %u replaced, %u kept)\n",
                                file, report.added, report.replaced, report.kept);
      else if (!g_error_matches (local_error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT))
        g_string_append_printf (problems, "%s: wrong error %s/%d: %s\n", file,
                                local_error ? g_quark_to_string (local_error->domain) : "none",
                                local_error ? local_error->code : -1,
                                local_error ? local_error->message : "");
      else if (!g_str_has_prefix (local_error->message, path))
        g_string_append_printf (problems, "%s: the message does not name the file: %s\n",
                                file, local_error->message);
      else
        g_test_message ("%s", local_error->message);

      after = dump (fixture);
      if (!g_str_equal (before, after))
        {
          g_string_append_printf (problems, "%s: the database changed\n", file);
          g_free (before);
          before = g_steal_pointer (&after);
        }
    }

  g_assert_cmpstr (problems->str, ==, "");
}

/* STYLE.md: bad input gets an error that names the file and the line. Only
 * a file with no content at all has no line to name. */
static void
test_bad_files_name_line (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *folder = g_build_filename (TEST_DATA_DIR, "bad-evaluations", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) missing = g_string_new (NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (folder, file, NULL);
      g_autofree char *prefix = g_strconcat (path, ":", NULL);
      g_autoptr(GError) error = NULL;
      const char *rest;

      if (g_str_equal (file, "empty.xml"))
        continue;

      g_assert_false (rubric_evaluation_store_import (fixture->db, path, "tester", NULL, &error));
      g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
      rest = g_str_has_prefix (error->message, prefix) ? error->message + strlen (prefix) : "";
      if (!g_ascii_isdigit (*rest))
        g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", file);
    }

  if (missing->len > 0)
    {
      g_test_fail_printf ("no line number in the error for %s", missing->str);
    }
}

/* What the evaluations and evaluation_scores tables hold is what the
 * scoring rules give. */
static void
test_stored_scores (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GPtrArray) evaluations = read_evaluations (fixture->evaluations_path);
  RubricDb *handle = fixture->db;

  import_test_file (fixture);

  for (guint i = 0; i < evaluations->len; i++)
    {
      RubricEvaluation *evaluation = g_ptr_array_index (evaluations, i);
      g_autoptr(RubricScore) score = rubric_score_compute (fixture->card, evaluation->answers);
      RubricStmt *stmt;
      guint rows = 0;

      test_assert_score (query_double (fixture, "SELECT score FROM evaluations WHERE uuid = ?1",
                                  evaluation->id), score->overall);
      g_assert_cmpint (query_int (fixture, "SELECT auto_failed FROM evaluations WHERE uuid = ?1",
                                  evaluation->id), ==, score->auto_failed ? 1 : 0);

      g_assert_cmpint (test_prepare_v2 (handle,
                                           "SELECT s.category, s.score FROM evaluation_scores s "
                                           "JOIN evaluations e ON e.id = s.evaluation_id "
                                           "WHERE e.uuid = ?1", -1, &stmt, NULL), ==, TEST_OK);
      rubric_stmt_bind_text (stmt, 1, evaluation->id);
      while (rubric_stmt_step (stmt) == RUBRIC_ROW)
        {
          const char *category = rubric_stmt_column_text (stmt, 0);
          double stored = rubric_stmt_column_type (stmt, 1) == RUBRIC_NULL
                          ? NAN : rubric_stmt_column_double (stmt, 1);

          test_assert_score (stored, rubric_score_get_category (score, category));
          rows++;
        }
      rubric_stmt_finalize (stmt);
      g_assert_cmpuint (rows, ==, fixture->card->category_keys->len);
    }

  /* Evaluation 2 failed a critical criterion: 0 overall, categories intact. */
  g_assert_cmpint (query_int (fixture, "SELECT auto_failed FROM evaluations WHERE uuid = ?1", ID2),
                   ==, 1);
  test_assert_score (query_double (fixture, "SELECT score FROM evaluations WHERE uuid = ?1", ID2), 0.0);
  test_assert_score (query_double (fixture, "SELECT s.score FROM evaluation_scores s JOIN evaluations e "
                                       "ON e.id = s.evaluation_id WHERE e.uuid = ?1 AND "
                                       "s.category = 'resolution'", ID2), 100.0);
  test_assert_score (query_double (fixture, "SELECT s.score FROM evaluation_scores s JOIN evaluations e "
                                       "ON e.id = s.evaluation_id WHERE e.uuid = ?1 AND "
                                       "s.category = 'ownership'", ID2), 75.0);
  /* N/A everywhere in a category leaves it undefined (NULL), not 0. */
  test_assert_score (query_double (fixture, "SELECT s.score FROM evaluation_scores s JOIN evaluations e "
                                       "ON e.id = s.evaluation_id WHERE e.uuid = ?1 AND "
                                       "s.category = 'documentation'", ID1), NAN);
  g_assert_cmpint (query_int (fixture, "SELECT auto_failed FROM evaluations WHERE uuid = ?1", ID1),
                   ==, 0);
  test_assert_score (query_double (fixture, "SELECT score FROM evaluations WHERE uuid = ?1", ID1),
                100.0 * (3 + 0.75 + 2 + 0.75 * 0.75) / (3 + 1 + 2 + 0.75));

  /* The answers keep their credit; N/A has none. */
  test_assert_score (query_double (fixture, "SELECT a.credit FROM evaluation_answers a "
                                       "JOIN evaluations e ON e.id = a.evaluation_id "
                                       "WHERE e.uuid = ?1 AND "
                                       "a.criterion = 'courtesy'", ID1), 0.75);
  test_assert_score (query_double (fixture, "SELECT a.credit FROM evaluation_answers a "
                                       "JOIN evaluations e ON e.id = a.evaluation_id "
                                       "WHERE e.uuid = ?1 AND "
                                       "a.criterion = 'notes'", ID1), NAN);
}

static char *
export_csv (Fixture                      *fixture,
            const RubricEvaluationFilter *filter)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (rubric_evaluation_store_export_csv (fixture->db, filter, out, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

#define CSV_HEADER "id,vendor,agent,call,call_time,reviewer,scorecard,scorecard_version,status," \
                   "score,auto_failed,score_resolution,score_ownership,score_policy," \
                   "score_documentation,score_empathy\r\n"
#define ROW1 ID1 ",Acme,PJSIP/400,1675720966.3,2023-02-06T22:02:47Z,ana,test-card,1,submitted," \
             "93.52,false,100.00,75.00,100.00,,75.00\r\n"
#define ROW2 ID2 ",Acme,PJSIP/400,1675720966.3,2023-02-06T22:02:47Z,ana,test-card,1,submitted," \
             "0.00,true,100.00,75.00,0.00,,75.00\r\n"
#define ROW3 ID3 ",Beta Ltd,Agent/1001,c-77,2023-02-28T22:30:00Z,ben,test-card,1,draft," \
             "0.00,false,0.00,,,,\r\n"
#define ROW4 ID4 ",Acme,PJSIP/401,c-78,2023-02-28T23:59:59Z,cal,test-card,1,calibration," \
             "44.57,false,0.00,,100.00,,75.00\r\n"

static void
assert_csv (Fixture                      *fixture,
            const RubricEvaluationFilter *filter,
            const char                   *expected)
{
  g_autofree char *csv = export_csv (fixture, filter);

  g_assert_cmpstr (csv, ==, expected);
}

static void
test_export_csv (Fixture       *fixture,
                 gconstpointer  user_data)
{
  RubricEvaluationFilter filter = { NULL, NULL, NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;
  GDate feb28;
  GDate mar1;
  GDate feb7;

  /* Nothing yet: the standard header alone. */
  assert_csv (fixture, NULL,
              "id,vendor,agent,call,call_time,reviewer,scorecard,scorecard_version,status,"
              "score,auto_failed,score_resolution,score_ownership,score_policy,"
              "score_documentation\r\n");

  import_test_file (fixture);

  /* By call time: 1 and 2 share theirs and go by id. */
  assert_csv (fixture, NULL, CSV_HEADER ROW1 ROW2 ROW3 ROW4);
  assert_csv (fixture, &filter, CSV_HEADER ROW1 ROW2 ROW3 ROW4);

  filter.vendor = "Acme";
  assert_csv (fixture, &filter, CSV_HEADER ROW1 ROW2 ROW4);
  filter.vendor = "Nobody";
  assert_csv (fixture, &filter, CSV_HEADER);
  filter.vendor = NULL;

  filter.status = "submitted";
  assert_csv (fixture, &filter, CSV_HEADER ROW1 ROW2);
  filter.status = "calibration";
  assert_csv (fixture, &filter, CSV_HEADER ROW4);
  filter.status = NULL;

  filter.agent = "PJSIP/401";
  assert_csv (fixture, &filter, CSV_HEADER ROW4);
  filter.agent = NULL;

  /* Days are counted in each vendor's zone. Beta Ltd works in Riga (UTC+2
   * in winter): its call at 2023-02-28T22:30:00Z is on 1 March there, while
   * Acme's at 23:59:59Z is still 28 February in UTC. */
  g_assert_true (rubric_db_exec (fixture->db,
                                 "UPDATE vendors SET timezone = 'Europe/Riga' "
                                 "WHERE name = 'Beta Ltd'", &error));
  g_assert_no_error (error);
  g_date_clear (&feb28, 1);
  g_date_clear (&mar1, 1);
  g_date_clear (&feb7, 1);
  g_date_set_dmy (&feb28, 28, G_DATE_FEBRUARY, 2023);
  g_date_set_dmy (&mar1, 1, G_DATE_MARCH, 2023);
  g_date_set_dmy (&feb7, 7, G_DATE_FEBRUARY, 2023);

  filter.from = &mar1;
  filter.to = &mar1;
  assert_csv (fixture, &filter, CSV_HEADER ROW3);

  filter.from = &feb28;
  filter.to = &feb28;
  assert_csv (fixture, &filter, CSV_HEADER ROW4);

  filter.vendor = "Beta Ltd";
  assert_csv (fixture, &filter, CSV_HEADER);
  filter.to = &mar1;
  assert_csv (fixture, &filter, CSV_HEADER ROW3);
  filter.vendor = NULL;

  /* Open-ended ranges. */
  filter.from = &feb7;
  filter.to = NULL;
  assert_csv (fixture, &filter, CSV_HEADER ROW3 ROW4);
  filter.from = NULL;
  filter.to = &feb28;
  assert_csv (fixture, &filter, CSV_HEADER ROW1 ROW2 ROW4);

  /* Filters combine. */
  filter.from = &feb28;
  filter.to = &mar1;
  filter.vendor = "Acme";
  filter.status = "submitted";
  assert_csv (fixture, &filter, CSV_HEADER);
  filter.status = "calibration";
  assert_csv (fixture, &filter, CSV_HEADER ROW4);
}

static void
test_export_xml (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GPtrArray) expected = read_evaluations (fixture->evaluations_path);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) exported = NULL;

  import_test_file (fixture);
  g_assert_true (rubric_evaluation_store_export_xml (fixture->db, NULL, out, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));

  exported = rubric_evaluations_from_xml ("export.xml", g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exported->len, ==, expected->len);

  /* The draft pinned version 1 on import; otherwise the same content. */
  ((RubricEvaluation *) g_ptr_array_index (expected, 2))->scorecard_version = 1;
  for (guint i = 0; i < expected->len; i++)
    if (!rubric_evaluation_equal (g_ptr_array_index (expected, i),
                                  g_ptr_array_index (exported, i)))
      g_error ("evaluation %u differs after export", i);
}

/* A second connection to the fixture's database: another machine. */
static RubricDb *
open_second (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  RubricDb *db = rubric_db_open (rubric_db_get_path (fixture->db), &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static RubricEvaluation *
load_from (RubricDb   *db,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  RubricEvaluation *evaluation = rubric_evaluation_store_load (db, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (evaluation);
  return evaluation;
}

/* Two machines load the same evaluation and both change it: the first save
 * wins, the second is refused naming who and when, and nothing changes. */
static void
test_conflict (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(RubricDb) other = NULL;
  g_autoptr(RubricEvaluation) draft = complete_evaluation (NEW_ID);
  g_autoptr(RubricEvaluation) mine = NULL;
  g_autoptr(RubricEvaluation) theirs = NULL;
  g_autoptr(RubricEvaluation) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 now = 1796634000;

  for (guint submitted = 0; submitted < 2; submitted++)
    {
      g_test_message ("%s", submitted ? "submitted" : "draft");
      g_clear_pointer (&draft, rubric_evaluation_free);
      g_clear_pointer (&mine, rubric_evaluation_free);
      g_clear_pointer (&theirs, rubric_evaluation_free);
      g_clear_pointer (&stored, rubric_evaluation_free);
      g_clear_pointer (&other, rubric_db_close);
      g_clear_pointer (&before, g_free);
      g_clear_pointer (&after, g_free);

      draft = complete_evaluation (submitted ? ID1 : NEW_ID);
      draft->status = submitted ? RUBRIC_STATUS_SUBMITTED : RUBRIC_STATUS_DRAFT;
      g_assert_cmpint (draft->revision, ==, 0);
      g_assert_true (rubric_evaluation_store_save (fixture->db, draft, "ana", NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (draft->revision, ==, 1);

      other = open_second (fixture);
      mine = load_from (fixture->db, draft->id);
      theirs = load_from (other, draft->id);
      g_assert_cmpint (mine->revision, ==, 1);
      g_assert_cmpint (theirs->revision, ==, 1);

      /* They save first, at a pinned time. */
      rubric_clock_pin (now);
      rubric_evaluation_set_answer (theirs, "warmth", "1");
      g_assert_true (rubric_evaluation_store_save (other, theirs, "ben", "theirs", &error));
      g_assert_no_error (error);
      rubric_clock_unpin ();
      g_assert_cmpint (theirs->revision, ==, 2);

      /* Mine, from revision 1, is refused; nothing is written. */
      before = dump (fixture);
      rubric_evaluation_set_answer (mine, "warmth", "2");
      g_assert_false (rubric_evaluation_store_save (fixture->db, mine, "ana", "mine", &error));
      g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_CONFLICT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "since you opened it"));
      /* A submitted change is in the history, which names ben; a draft's
       * save names its reviewer. */
      g_assert_nonnull (strstr (error->message, submitted ? "ben" : "ana"));
      {
        g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (now);
        g_autofree char *at = g_date_time_format (when, "%Y-%m-%d %H:%M");

        g_assert_nonnull (strstr (error->message, at));
      }
      g_clear_error (&error);
      after = dump (fixture);
      g_assert_cmpstr (before, ==, after);
      g_assert_cmpint (mine->revision, ==, 1);

      stored = load_from (fixture->db, draft->id);
      g_assert_cmpstr (g_hash_table_lookup (stored->answers, "warmth"), ==, "1");
      g_assert_cmpint (stored->revision, ==, 2);

      /* The same content as theirs is no conflict: nothing would be lost. */
      rubric_evaluation_set_answer (mine, "warmth", "1");
      g_assert_true (rubric_evaluation_store_save (fixture->db, mine, "ana", NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (mine->revision, ==, 2);

      /* Reloaded, mine saves. */
      rubric_evaluation_set_answer (stored, "warmth", "2");
      g_assert_true (rubric_evaluation_store_save (fixture->db, stored, "ana", "reloaded", &error));
      g_assert_no_error (error);
      g_assert_cmpint (stored->revision, ==, 3);

      /* A new evaluation whose id was meanwhile stored elsewhere is theirs. */
      g_clear_pointer (&mine, rubric_evaluation_free);
      mine = complete_evaluation (draft->id);
      mine->status = draft->status;
      rubric_evaluation_set_answer (mine, "warmth", "1");
      g_assert_false (rubric_evaluation_store_save (fixture->db, mine, "ana", NULL, &error));
      g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_CONFLICT);
      g_clear_error (&error);
    }
}

/* "Keep mine" writes over their save and records both versions, with the
 * reason, drafts too; a reason is required. */
static void
test_save_over (Fixture       *fixture,
                gconstpointer  user_data)
{
  for (guint submitted = 0; submitted < 2; submitted++)
    {
      g_autoptr(RubricDb) other = NULL;
      g_autoptr(RubricEvaluation) draft = complete_evaluation (submitted ? ID1 : NEW_ID);
      g_autoptr(RubricEvaluation) mine = NULL;
      g_autoptr(RubricEvaluation) theirs = NULL;
      g_autoptr(RubricEvaluation) stored = NULL;
      g_autoptr(GPtrArray) history = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      RubricHistoryEntry *entry;

      draft->status = submitted ? RUBRIC_STATUS_SUBMITTED : RUBRIC_STATUS_DRAFT;
      g_assert_true (rubric_evaluation_store_save (fixture->db, draft, "ana", NULL, &error));
      g_assert_no_error (error);

      other = open_second (fixture);
      mine = load_from (fixture->db, draft->id);
      theirs = load_from (other, draft->id);
      rubric_evaluation_set_answer (theirs, "warmth", "1");
      g_assert_true (rubric_evaluation_store_save (other, theirs, "ben", "theirs", &error));
      g_assert_no_error (error);

      rubric_evaluation_set_answer (mine, "warmth", "2");
      before = dump (fixture);
      g_assert_false (rubric_evaluation_store_save_over (fixture->db, mine, "ana", "  ", &error));
      g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
      g_clear_error (&error);
      after = dump (fixture);
      g_assert_cmpstr (before, ==, after);

      g_assert_true (rubric_evaluation_store_save_over (fixture->db, mine, "ana",
                                                        "I listened to the call again", &error));
      g_assert_no_error (error);
      g_assert_cmpint (mine->revision, ==, 3);

      stored = load_from (other, draft->id);
      g_assert_cmpstr (g_hash_table_lookup (stored->answers, "warmth"), ==, "2");
      g_assert_cmpint (stored->revision, ==, 3);

      history = rubric_evaluation_store_history (fixture->db, draft->id, &error);
      g_assert_no_error (error);
      /* Theirs was a recorded change of a submitted one; a draft's was not. */
      g_assert_cmpuint (history->len, ==, submitted ? 2 : 1);
      entry = g_ptr_array_index (history, history->len - 1);
      g_assert_cmpstr (entry->changed_by, ==, "ana");
      g_assert_cmpstr (entry->reason, ==, "I listened to the call again");
      g_assert_nonnull (strstr (entry->before, "<answer criterion=\"warmth\" value=\"1\"/>"));
      g_assert_nonnull (strstr (entry->after, "<answer criterion=\"warmth\" value=\"2\"/>"));

      /* Their stale copy now conflicts in turn. */
      rubric_evaluation_set_answer (theirs, "warmth", "3");
      g_assert_false (rubric_evaluation_store_save (other, theirs, "ben", NULL, &error));
      g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_CONFLICT);
      g_assert_nonnull (strstr (error->message, "ana"));
    }
}

typedef struct
{
  const char       *value;
  RubricDb         *db;
  RubricEvaluation *evaluation;
  gboolean          saved;
  GError           *error;
} Saver;

static GMutex start_lock;
static GCond start_cond;
static gboolean started;

static gpointer
save_in_thread (gpointer data)
{
  Saver *saver = data;

  g_mutex_lock (&start_lock);
  while (!started)
    g_cond_wait (&start_cond, &start_lock);
  g_mutex_unlock (&start_lock);

  rubric_evaluation_set_answer (saver->evaluation, "warmth", saver->value);
  saver->saved = rubric_evaluation_store_save (saver->db, saver->evaluation, saver->value,
                                               NULL, &saver->error);
  return NULL;
}

/* Two machines saving the same evaluation at the same moment: exactly one
 * save goes through, the other is a conflict. */
static void
test_conflict_threads (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(RubricEvaluation) draft = complete_evaluation (NEW_ID);
  g_autoptr(RubricEvaluation) stored = NULL;
  g_autoptr(GError) error = NULL;

  draft->status = RUBRIC_STATUS_DRAFT;
  g_assert_true (rubric_evaluation_store_save (fixture->db, draft, "ana", NULL, &error));
  g_assert_no_error (error);

  for (guint round = 0; round < 10; round++)
    {
      Saver savers[2] = {
        { .value = "1" },
        { .value = "2" },
      };
      GThread *threads[2];
      guint n_saved = 0;

      started = FALSE;
      for (guint i = 0; i < 2; i++)
        {
          savers[i].db = open_second (fixture);
          savers[i].evaluation = load_from (savers[i].db, NEW_ID);
          threads[i] = g_thread_new ("saver", save_in_thread, &savers[i]);
        }

      g_mutex_lock (&start_lock);
      started = TRUE;
      g_cond_broadcast (&start_cond);
      g_mutex_unlock (&start_lock);

      for (guint i = 0; i < 2; i++)
        {
          g_thread_join (threads[i]);
          if (savers[i].saved)
            {
              n_saved++;
              g_assert_no_error (savers[i].error);
            }
          else
            g_assert_error (savers[i].error, RUBRIC_ERROR, RUBRIC_ERROR_CONFLICT);
        }
      g_assert_cmpuint (n_saved, ==, 1);

      stored = load_from (fixture->db, NEW_ID);
      for (guint i = 0; i < 2; i++)
        if (savers[i].saved)
          g_assert_cmpstr (g_hash_table_lookup (stored->answers, "warmth"), ==, savers[i].value);

      /* The next round starts from a third value. */
      rubric_evaluation_set_answer (stored, "warmth", "3");
      g_assert_true (rubric_evaluation_store_save (fixture->db, stored, "ana", NULL, &error));
      g_assert_no_error (error);
      g_clear_pointer (&stored, rubric_evaluation_free);

      for (guint i = 0; i < 2; i++)
        {
          g_clear_error (&savers[i].error);
          rubric_evaluation_free (savers[i].evaluation);
          rubric_db_close (savers[i].db);
        }
    }
}

/* PostgreSQL: a member saving an evaluation that row-level security lets
 * them read but not change (another reviewer's submitted one) is refused
 * as not permitted, not told it was saved; nothing changes. */
static void
test_save_not_permitted (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(RubricEvaluation) evaluation = complete_evaluation (NEW_ID);
  g_autoptr(RubricEvaluation) theirs = NULL;
  g_autoptr(RubricDb) member = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!test_store_is_pg ())
    {
      g_test_skip ("row-level security is PostgreSQL's");
      return;
    }

  g_assert_true (rubric_members_add (fixture->db, "conflict_ana", RUBRIC_DB_ROLE_REVIEWER, &error));
  g_assert_no_error (error);
  g_assert_true (rubric_members_add (fixture->db, "conflict_ben", RUBRIC_DB_ROLE_REVIEWER, &error));
  g_assert_no_error (error);
  g_free (evaluation->reviewer);
  evaluation->reviewer = g_strdup ("conflict_ana");
  g_assert_true (rubric_evaluation_store_save (fixture->db, evaluation, "conflict_ana", NULL,
                                               &error));
  g_assert_no_error (error);

  uri = test_pg_uri_with (rubric_db_get_path (fixture->db), NULL, "conflict_ben");
  member = rubric_db_open (uri, &error);
  g_assert_no_error (error);
  theirs = load_from (member, NEW_ID);
  rubric_evaluation_set_answer (theirs, "warmth", "1");

  before = dump (fixture);
  g_assert_false (rubric_evaluation_store_save (member, theirs, "conflict_ben", "mine now",
                                                &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_PERMITTED);
  g_test_message ("%s", error->message);
  after = dump (fixture);
  g_assert_cmpstr (before, ==, after);
}

static void
add_fixture_test (const char *path,
                  void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/evaluations/from-xml", test_from_xml);
  g_test_add_func ("/evaluations/xml-round-trip", test_xml_round_trip);
  add_fixture_test ("/evaluations/draft", test_draft);
  add_fixture_test ("/evaluations/submit", test_submit);
  add_fixture_test ("/evaluations/history", test_history);
  add_fixture_test ("/evaluations/refusals", test_refusals);
  add_fixture_test ("/evaluations/import", test_import);
  add_fixture_test ("/evaluations/import-newer-replaces", test_import_newer_replaces);
  add_fixture_test ("/evaluations/bad-files", test_bad_files);
  add_fixture_test ("/evaluations/bad-files-name-line", test_bad_files_name_line);
  add_fixture_test ("/evaluations/stored-scores", test_stored_scores);
  add_fixture_test ("/evaluations/export-csv", test_export_csv);
  add_fixture_test ("/evaluations/export-xml", test_export_xml);
  add_fixture_test ("/evaluations/conflict", test_conflict);
  add_fixture_test ("/evaluations/save-over", test_save_over);
  add_fixture_test ("/evaluations/conflict-threads", test_conflict_threads);
  add_fixture_test ("/evaluations/save-not-permitted", test_save_not_permitted);

  return g_test_run ();
}
