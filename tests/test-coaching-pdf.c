/* test-coaching-pdf.c — an agent's coaching report (issue 12), read back with poppler's tools
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two ways in: figures built by hand and drawn (every part of the layout,
 * long tables, an empty period, cancellation, French), and a database
 * filled with the real imports, from which rubric_trends_write_coaching_pdf
 * gathers them itself. pdftotext, pdfinfo and pdffonts (poppler-utils) say
 * what a reader would get; without them those tests skip.
 *
 * RUBRIC_KEEP_PDF=DIR keeps each report there, for looking at (pdftoppm).
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "rubric-clock.h"
#include "rubric-agents.h"
#include "rubric-coaching-pdf-private.h"
#include "rubric-contract-store.h"
#include "rubric-contract.h"
#include "rubric-error.h"
#include "rubric-evaluation-store.h"
#include "rubric-period.h"
#include "rubric-rating-text.h"
#include "rubric-scorecard-store.h"
#include "rubric-trends.h"
#include "rubric-test-util.h"

/* ------------------------------------------------------------------ */
/* Figures by hand                                                     */

static RubricQaMean
qa_mean (guint64 n,
         double  mean,
         double  half)
{
  RubricQaMean m = { n, n > 0, n > 0 ? mean : NAN, n >= 2, NAN, NAN };

  if (n >= 2)
    {
      m.low = CLAMP (mean - half, 0, 100);
      m.high = CLAMP (mean + half, 0, 100);
    }
  return m;
}

static void
add_category (GPtrArray  *categories,
              const char *key,
              guint64     n,
              double      mean,
              double      half)
{
  RubricQaCategory *category = g_new0 (RubricQaCategory, 1);

  category->key = g_strdup (key);
  category->mean = qa_mean (n, mean, half);
  g_ptr_array_add (categories, category);
}

static RubricDayRange
period (const char *text)
{
  g_autoptr(GError) error = NULL;
  RubricDayRange range;

  g_assert_true (rubric_period_parse (text, &range, NULL, &error));
  g_assert_no_error (error);
  return range;
}

/* Twelve ISO weeks, 2026-W38 to W49; W44 without an evaluation. */
static void
add_rows (RubricCoachingData *data,
          gboolean            empty)
{
  static const guint n[12] = { 3, 4, 2, 5, 1, 3, 0, 4, 6, 3, 2, 4 };
  static const double mean[12] = { 78.4, 74.1, 81.0, 69.5, 55.0, 72.3, 0, 76.8, 80.2, 83.5,
                                    79.0, 84.25 };
  RubricDayRange range = period ("2026-W38");

  data->range.first = range.first;
  for (guint i = 0; i < 12; i++)
    {
      RubricTrendRow *row = g_new0 (RubricTrendRow, 1);
      guint bucket_n = empty ? 0 : n[i];

      row->vendor = g_strdup (data->vendor);
      row->agent = g_strdup (data->agent);
      row->agent_name = g_strdup (data->agent_name);
      row->team = g_strdup (data->team);
      row->range = range;
      row->score = qa_mean (bucket_n, mean[i], 12 - bucket_n);
      row->has_moving_avg = !empty;
      row->moving_avg = 72 + i * 0.8;
      row->has_team_score = !empty;
      row->team_score = 76 + (i % 3);
      row->team_n = empty ? 0 : 30 + i;
      row->team_mean = qa_mean (row->team_n, row->team_score, 3.5);
      row->categories = rubric_coaching_categories_new ();
      if (bucket_n > 0)
        add_category (row->categories, "resolution", bucket_n, mean[i] - 4, 10);
      g_ptr_array_add (data->rows, row);
      data->range.last = range.last;
      range = rubric_period_containing (range.last + 1, RUBRIC_PERIOD_WEEK);
    }
}

static RubricTrendCriterion *
criterion_new (const char *key,
               const char *text,
               const char *category,
               guint64     answers,
               guint64     failures)
{
  RubricTrendCriterion *criterion = g_new0 (RubricTrendCriterion, 1);

  criterion->scorecard = g_strdup ("inbound-2026");
  criterion->criterion = g_strdup (key);
  criterion->category = g_strdup (category);
  criterion->text = g_strdup (text);
  criterion->answers = answers;
  criterion->failures = failures;
  criterion->has_failure_rate = answers > 0;
  criterion->failure_rate = answers > 0 ? 100.0 * failures / answers : NAN;
  return criterion;
}

static GPtrArray *
comments_new (const char *first,
              ...)
{
  GPtrArray *comments = g_ptr_array_new_with_free_func (g_free);
  va_list args;

  va_start (args, first);
  for (const char *c = first; c != NULL; c = va_arg (args, const char *))
    g_ptr_array_add (comments, g_strdup (c));
  va_end (args);
  return comments;
}

static RubricTrendEvaluation *
evaluation_new (const char *call,
                const char *when,
                const char *reviewer,
                double      score,
                gboolean    auto_failed)
{
  RubricTrendEvaluation *evaluation = g_new0 (RubricTrendEvaluation, 1);
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (when, NULL);

  g_assert_nonnull (time);
  evaluation->call = g_strdup (call);
  evaluation->call_time = g_date_time_to_unix (time);
  evaluation->reviewer = g_strdup (reviewer);
  evaluation->vendor = g_strdup ("Acme Contact Services");
  evaluation->agent = g_strdup ("a-017");
  evaluation->score = score;
  evaluation->auto_failed = auto_failed;
  return evaluation;
}

static RubricCoachingData *
full_data (const char *name)
{
  RubricCoachingData *data = rubric_coaching_data_new ();

  data->vendor = g_strdup ("Acme Contact Services");
  data->agent = g_strdup ("a-017");
  data->agent_name = g_strdup (name);
  data->team = g_strdup ("North");
  data->timezone = g_strdup ("Europe/Riga");
  data->by = RUBRIC_PERIOD_WEEK;
  add_rows (data, FALSE);

  data->overall = qa_mean (37, 76.42, 4.1);
  data->evaluations = 38;
  data->auto_failed = 2;
  data->team_overall = qa_mean (402, 78.9, 1.2);
  add_category (data->categories, "resolution", 37, 71.3, 6.2);
  add_category (data->categories, "ownership", 37, 80.1, 5.0);
  add_category (data->categories, "policy", 35, 88.4, 3.9);
  add_category (data->categories, "documentation", 36, 64.75, 7.7);
  add_category (data->categories, "empathy", 1, 50, 0);
  add_category (data->team_categories, "resolution", 402, 77.0, 1.5);
  add_category (data->team_categories, "ownership", 402, 81.5, 1.3);
  add_category (data->team_categories, "policy", 398, 90.2, 1.0);
  add_category (data->team_categories, "documentation", 400, 72.0, 1.8);
  add_category (data->team_categories, "compliance", 12, 95, 3);

  g_ptr_array_add (data->criteria,
                   criterion_new ("verify-identity", "Verified the caller's identity before "
                                  "discussing the account", "policy", 36, 14));
  g_ptr_array_add (data->comments,
                   comments_new ("Skipped the date of birth check again.",
                                 "Asked only for the postcode; the policy wants two factors.",
                                 NULL));
  g_ptr_array_add (data->criteria,
                   criterion_new ("summary-notes", "Wrote a summary a colleague can act on",
                                  "documentation", 37, 11));
  g_ptr_array_add (data->comments, comments_new ("Notes say \"called\" and nothing else.", NULL));
  g_ptr_array_add (data->criteria,
                   criterion_new ("next-steps", NULL, "resolution", 30, 6));
  g_ptr_array_add (data->comments, g_ptr_array_new_with_free_func (g_free));
  g_ptr_array_add (data->criteria,
                   criterion_new ("greeting", "Greeted with the company name", "ownership", 37,
                                  2));
  g_ptr_array_add (data->comments, comments_new ("<b>forgot</b> the name & the team", NULL));

  g_ptr_array_add (data->lowest, evaluation_new ("CALL-0042", "2026-10-14T09:05:00Z", "Marta",
                                                 0, TRUE));
  g_ptr_array_add (data->lowest, evaluation_new ("CALL-0077", "2026-10-30T22:30:00Z", "Jānis",
                                                 41.5, FALSE));
  g_ptr_array_add (data->lowest, evaluation_new ("CALL-0103", "2026-11-20T12:00:00Z", NULL,
                                                 55.25, FALSE));
  return data;
}

static RubricCoachingData *
empty_data (void)
{
  RubricCoachingData *data = rubric_coaching_data_new ();

  data->vendor = g_strdup ("Quiet Vendor");
  data->agent = g_strdup ("q-1");
  data->timezone = g_strdup ("UTC");
  data->by = RUBRIC_PERIOD_WEEK;
  add_rows (data, TRUE);
  return data;
}

/* ------------------------------------------------------------------ */
/* Writing and reading back                                            */

static void
keep_copy (GFile *file)
{
  if (g_getenv ("RUBRIC_KEEP_PDF") != NULL)
    {
      const char *lang = g_getenv ("LANGUAGE");
      g_autofree char *name = g_strdelimit (g_strdup (g_test_get_path () + 1), "/", '-');
      g_autofree char *keep = g_strdup_printf ("%s/%s-%s.pdf", g_getenv ("RUBRIC_KEEP_PDF"),
                                               name, lang != NULL && *lang ? lang : "en");
      g_autoptr(GFile) copy = g_file_new_for_path (keep);

      g_assert_true (g_file_copy (file, copy, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL));
    }
}

static char *
write_data (const char               *dir,
            const RubricCoachingData *data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "coaching.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rubric_coaching_write_pdf (data, G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_no_error (error);
  keep_copy (file);
  return g_steal_pointer (&path);
}

/* The page @needle is on, from 1, in the pages of pdf_page_texts (). */
static guint
pdf_page_of (char       **pages,
             const char  *needle)
{
  for (guint i = 0; pages[i] != NULL; i++)
    if (strstr (pages[i], needle) != NULL)
      return i + 1;
  g_error ("“%s” is on no page of the PDF", needle);
  return 0;
}

/* The text of each page (pdftotext ends each with a form feed). */
static GStrv
pdf_page_texts (const char *path)
{
  g_autofree char *raw = test_run_tool ("pdftotext", path);

  return g_strsplit (raw, "\f", -1);
}

/* The report is dated on the day the clock says where the machine is: the
 * pinned instant (7 December 2026, 10:00 UTC) is already the 8th at UTC+14,
 * as the dated matrix of build-aux/dev checks. */
static void
assert_generated (const char *text)
{
  g_autoptr(GDateTime) now = rubric_clock_now_local ();
  g_autofree char *day = NULL;
  g_autofree char *expected = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  day = rubric_day_title (rubric_day_from_date (&date));
  expected = g_strdup_printf ("Generated %s", day);
  test_assert_has (text, expected);
}

/* ------------------------------------------------------------------ */
/* Tests on figures by hand                                            */

static void
test_full (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(RubricCoachingData) data = full_data ("Ilze Bērziņa");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;

  if (!test_have_poppler ())
    return;

  path = write_data (dir, data);
  text = test_pdf_text (path);

  /* Who and when. */
  test_assert_has (text, "COACHING REPORT");
  test_assert_has (text, "Ilze Bērziņa");
  test_assert_has (text, "Agent a-017 · Acme Contact Services · team North");
  test_assert_has (text, "14 September 2026 – 6 December 2026");
  test_assert_has (text, "Time zone Europe/Riga");
  /* The tiles, the charts and the figures behind them. */
  assert_generated (text);
  test_assert_has (text, "76.4");
  test_assert_has (text, "95 % CI 72.3–80.5");
  test_assert_has (text, "76.4 78.9 37 2 Mean score Team mean Scored evaluations Auto-failed");
  test_assert_has (text, "of 38 submitted");
  test_assert_has (text, "Team mean");
  test_assert_has (text, "Score by week");
  test_assert_has (text, "Moving average");
  test_assert_has (text, "W38");
  test_assert_has (text, "Categories against the team");
  test_assert_has (text, "Documentation");
  test_assert_has (text, "empathy");
  test_assert_has (text, "compliance");
  test_assert_has (text, "Documentation 64.8 n = 36 team 72.0 n = 400");
  test_assert_has (text, "Week 44, 2026 0 —");
  test_assert_has (text, "Week 49, 2026 4 84.2 76.2–92.2 80.8 78.0 41");
  /* The weakest criteria, the comments under them, markup as text. */
  test_assert_has (text, "Weakest criteria");
  test_assert_has (text, "Verified the caller's identity");
  test_assert_has (text, "38.89 %");
  test_assert_has (text, "Skipped the date of birth check again.");
  test_assert_has (text, "next-steps");
  test_assert_has (text, "<b>forgot</b> the name & the team");
  /* The lowest evaluations, at the vendor's local time. */
  test_assert_has (text, "Lowest evaluations");
  test_assert_has (text, "CALL-0042");
  test_assert_has (text, "14 October 2026, 12:05");
  test_assert_has (text, "Auto-failed");
  test_assert_has (text, "31 October 2026, 00:30");   /* 22:30 UTC is the next day in Riga */
  test_assert_has (text, "Jānis");
  /* The method. */
  test_assert_has (text, "How to read this report");
  test_assert_has (text, "Team band");
  g_assert_null (strstr (text, "nan"));
  g_assert_null (strstr (text, "NaN"));

  g_assert_cmpuint (test_pdf_pages (path), >=, 1);
  g_assert_cmpuint (test_pdf_pages (path), <=, 3);
  info = test_run_tool ("pdfinfo", path);
  test_assert_has (info, "Coaching report: Ilze Bērziņa, 14 September 2026 – 6 December 2026");
  test_assert_has (info, "595.276 x 841.89 pts (A4)");

  test_rmdir (dir);
}

static void
test_fonts_embedded (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(RubricCoachingData) data = full_data ("Ilze Bērziņa");
  g_autofree char *path = NULL;
  g_autofree char *fonts = NULL;

  if (!test_have_poppler ())
    return;

  path = write_data (dir, data);
  fonts = test_assert_pdf_fonts_embedded (path);
  test_rmdir (dir);
}

/* No team: compared with the vendor, said so. */
static void
test_no_team (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(RubricCoachingData) data = full_data (NULL);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (!test_have_poppler ())
    return;

  g_clear_pointer (&data->team, g_free);
  path = write_data (dir, data);
  text = test_pdf_text (path);
  test_assert_has (text, "a-017");   /* no name: the id is the title */
  test_assert_has (text, "Agent a-017 · Acme Contact Services · no team");
  test_assert_has (text, "Categories against the vendor");
  test_assert_has (text, "Vendor band");
  test_rmdir (dir);
}

static void
test_empty (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(RubricCoachingData) data = empty_data ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (!test_have_poppler ())
    return;

  path = write_data (dir, data);
  text = test_pdf_text (path);
  test_assert_has (text, "q-1");
  test_assert_has (text, "No submitted evaluation of q-1 falls in 14 September 2026 – "
                    "6 December 2026");
  test_assert_has (text, "How to read this report");
  g_assert_null (strstr (text, "Failure rate"));   /* no tables */
  g_assert_null (strstr (text, "Lowest evaluations"));
  g_assert_null (strstr (text, "nan"));
  g_assert_cmpuint (test_pdf_pages (path), ==, 1);
  test_rmdir (dir);
}

/* Evaluations answered N/A throughout have no score: the report still
 * shows what was failed, not "nothing to report". */
static void
test_unscored (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(RubricCoachingData) data = empty_data ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (!test_have_poppler ())
    return;

  data->evaluations = 2;
  g_ptr_array_add (data->criteria, criterion_new ("greeting", "Greeted with the company name",
                                                  "ownership", 1, 1));
  g_ptr_array_add (data->comments, comments_new ("No greeting at all.", NULL));
  path = write_data (dir, data);
  text = test_pdf_text (path);
  g_assert_null (strstr (text, "No submitted evaluation of"));
  test_assert_has (text, "of 2 submitted");
  test_assert_has (text, "No greeting at all.");
  g_assert_null (strstr (text, "nan"));
  test_rmdir (dir);
}

/* Ten criteria with long comments and ten evaluations: the tables go on to
 * the next pages under their column titles again. */
static void
test_long (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(RubricCoachingData) data = full_data ("Ilze Bērziņa");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) pages = NULL;

  if (!test_have_poppler ())
    return;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *key = g_strdup_printf ("criterion-%02u", i);
      g_autofree char *again = g_strdup_printf ("Again, number %02u.", i);
      g_autofree char *words = g_strdup_printf ("A long criterion number %u that says at some "
                                                "length what the agent is expected to do on "
                                                "every call, so that it wraps", i);

      g_ptr_array_add (data->criteria, criterion_new (key, words, "policy", 20, 1 + i % 3));
      g_ptr_array_add (data->comments,
                       comments_new ("The agent went through the steps but left the caller "
                                     "waiting on hold for most of the call without saying why, "
                                     "and the call ended before the address was confirmed.",
                                     "Better than last week.", again, NULL));
    }
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *call = g_strdup_printf ("CALL-9%03u", i);

      g_ptr_array_add (data->lowest, evaluation_new (call, "2026-11-02T10:00:00Z", "Marta",
                                                     60 + i, FALSE));
    }

  /* The table starts lower and lower on the page, one more category in
   * the chart above it each time, so that some page ends inside a group. */
  for (guint shift = 0; shift < 8; shift += 2)
    {
      g_autofree char *extra = g_strdup_printf ("extra-%u", shift);
      g_autofree char *more = g_strdup_printf ("extra-%u", shift + 1);

      add_category (data->categories, extra, 3, 70, 5);
      add_category (data->categories, more, 3, 70, 5);
      g_clear_pointer (&path, g_free);
      path = write_data (dir, data);
      g_clear_pointer (&pages, g_strfreev);
      pages = pdf_page_texts (path);
      /* A criterion and the comments under it are never parted by a page. */
      for (guint i = 0; i < 6; i++)
        {
          g_autofree char *key = g_strdup_printf ("criterion-%02u", i);
          g_autofree char *again = g_strdup_printf ("Again, number %02u.", i);

          g_assert_cmpuint (pdf_page_of (pages, key), ==, pdf_page_of (pages, again));
        }
    }
  text = test_pdf_text (path);
  test_assert_has (text, "criterion-05");
  g_assert_null (strstr (text, "criterion-06"));   /* ten at most: 4 + 6 */
  test_assert_has (text, "CALL-9006");
  test_assert_has (text, "(continued)");
  g_assert_cmpuint (test_pdf_pages (path), >=, 3);
  test_rmdir (dir);
}

/* By month, over a year's turn, and a name that looks like markup: the
 * months are named with their year where it changes, the name is text. */
static void
test_by_month (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(RubricCoachingData) data = full_data ("<b>Bold & Co</b>");
  RubricDayRange month = period ("2026-01");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (!test_have_poppler ())
    return;

  data->by = RUBRIC_PERIOD_MONTH;
  month = rubric_period_containing (period ("2025-06").first, RUBRIC_PERIOD_MONTH);
  data->range.first = month.first;
  for (guint i = 0; i < data->rows->len; i++)
    {
      RubricTrendRow *row = g_ptr_array_index (data->rows, i);

      row->range = month;
      data->range.last = month.last;
      month = rubric_period_containing (month.last + 1, RUBRIC_PERIOD_MONTH);
    }

  path = write_data (dir, data);
  text = test_pdf_text (path);
  test_assert_has (text, "<b>Bold & Co</b>");
  test_assert_has (text, "Score by month");
  test_assert_has (text, "June 2025");
  test_assert_has (text, "May 2026");
  test_assert_has (text, "Jun 2025");   /* the first tick, with its year */
  test_assert_has (text, "Jan 2026");
  test_rmdir (dir);
}

static void
test_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricCoachingData) data = full_data ("Ilze Bērziņa");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_cancellable_cancel (cancellable);
  g_assert_false (rubric_coaching_write_pdf (data, out, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==, 0);
}

static void
test_write_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricCoachingData) data = full_data ("Ilze Bērziņa");
  static char buffer[512];
  g_autoptr(GOutputStream) out = g_memory_output_stream_new (buffer, sizeof buffer, NULL, NULL);

  g_assert_false (rubric_coaching_write_pdf (data, out, NULL, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO);
}

/* In French (LANGUAGE=fr, in a child so that the language is read afresh). */
static void
test_french_child (void)
{
  g_autoptr(RubricCoachingData) data = NULL;
  g_autofree char *path = NULL;

  if (!g_test_subprocess ())
    {
      g_test_skip ("only in /coaching-pdf/french's child");
      return;
    }
  data = full_data ("Ilze Bērziņa");
  path = write_data (g_getenv ("COACHING_TEST_DIR"), data);
  g_assert_nonnull (path);
}

static void
test_french (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "coaching.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));

  if (!test_have_poppler ())
    return;

  g_setenv ("LANGUAGE", "fr", TRUE);
  g_setenv ("COACHING_TEST_DIR", dir, TRUE);
  g_test_trap_subprocess ("/coaching-pdf/french/child", 0, G_TEST_SUBPROCESS_DEFAULT);
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  g_test_trap_assert_passed ();

  text = test_pdf_text (path);
  test_assert_has (text, "RAPPORT DE COACHING");
  test_assert_has (text, "Critères les plus faibles");
  test_assert_has (text, "octobre");
  info = test_run_tool ("pdfinfo", path);
  test_assert_has (info, "Rapport de coaching : Ilze Bērziņa");
  test_rmdir (dir);
}

/* ------------------------------------------------------------------ */
/* From a database filled by the real imports                          */

#define MINIMAL_CONTRACT \
  "<contract xmlns=\"urn:rubric:contract:1\" vendor=\"Acme\" timezone=\"Europe/Riga\"/>"

typedef struct
{
  char     *dir;
  RubricDb *db;
} Fixture;

static void
add_evaluation (GString    *xml,
                guint       number,
                const char *status,
                const char *agent,
                const char *call,
                const char *call_time,
                const char *reviewer,
                const char *resolved,
                const char *verify,
                const char *comment)
{
  g_string_append_printf (xml,
                          "  <evaluation id=\"6a1f0c3e-0000-4000-8000-%012u\" "
                          "scorecard=\"test-card\" scorecard-version=\"1\" status=\"%s\" "
                          "reviewer=\"%s\" vendor=\"Acme\" agent=\"%s\" call=\"%s\" "
                          "call-time=\"%s\" scored-at=\"2026-12-01T09:00:00Z\">\n"
                          "    <answer criterion=\"resolved\" value=\"%s\"/>\n"
                          "    <answer criterion=\"courtesy\" value=\"4\"/>\n"
                          "    <answer criterion=\"verify-id\" value=\"%s\"/>\n"
                          "    <answer criterion=\"notes\" value=\"yes\"/>\n"
                          "    <answer criterion=\"warmth\" value=\"3\"/>\n",
                          number, status, reviewer, agent, call, call_time, resolved, verify);
  if (comment != NULL)
    g_string_append_printf (xml, "    <comment criterion=\"verify-id\">%s</comment>\n", comment);
  g_string_append (xml, "  </evaluation>\n");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricContract) contract = NULL;
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<evaluations xmlns=\"urn:rubric:evaluations:1\">\n");
  g_autofree char *scorecard = g_build_filename (TEST_DATA_DIR, "scorecard-test.xml", NULL);
  g_autofree char *evaluations = NULL;
  g_autofree char *agents = NULL;
  g_autoptr(GFile) agents_file = NULL;
  RubricEvaluationImportReport report = { 0, };

  test_db_set_up (&fixture->dir, &fixture->db);

  contract = rubric_contract_new_from_xml ("contract.xml", MINIMAL_CONTRACT, -1, &error);
  g_assert_no_error (error);
  g_assert_true (rubric_contract_store_import (fixture->db, contract, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rubric_scorecard_store_import (fixture->db, scorecard, NULL, NULL, &error));
  g_assert_no_error (error);

  agents = test_write_file (fixture->dir, "agents.csv",
                            "vendor,agent,name,team\n"
                            "Acme,PJSIP/400,Ilze Bērziņa,North\n"
                            "Acme,PJSIP/401,Ben Ortiz,North\n"
                            "Acme,PJSIP/402,,\n");
  agents_file = g_file_new_for_path (agents);
  g_assert_true (rubric_agents_import (fixture->db, agents_file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* PJSIP/400 over October and November 2026: its identity checks fail
   * (critical: auto-failed), with what the reviewers said; one draft and
   * one evaluation before the period that never count. */
  add_evaluation (xml, 1, "submitted", "PJSIP/400", "CALL-A1", "2026-10-06T08:00:00Z", "marta",
                  "yes", "full", NULL);
  add_evaluation (xml, 2, "submitted", "PJSIP/400", "CALL-A2", "2026-10-14T09:05:00Z", "marta",
                  "yes", "partial", "Asked only for the postcode.");
  add_evaluation (xml, 3, "submitted", "PJSIP/400", "CALL-LOW-1", "2026-10-21T21:30:00Z",
                  "janis", "no", "none", "Skipped the identity check &amp; the callback.");
  add_evaluation (xml, 4, "submitted", "PJSIP/400", "CALL-A4", "2026-11-03T10:00:00Z", "janis",
                  "yes", "full", NULL);
  add_evaluation (xml, 5, "submitted", "PJSIP/400", "CALL-A5", "2026-11-18T10:00:00Z", "marta",
                  "no", "full", NULL);
  add_evaluation (xml, 6, "draft", "PJSIP/400", "CALL-DRAFT", "2026-11-19T10:00:00Z", "marta",
                  "no", "none", "A draft's comment.");
  add_evaluation (xml, 7, "submitted", "PJSIP/400", "CALL-OLD", "2025-03-02T10:00:00Z", "marta",
                  "no", "none", "An old comment.");
  /* The rest of team North, and an agent without a team. */
  add_evaluation (xml, 8, "submitted", "PJSIP/401", "CALL-B1", "2026-10-07T10:00:00Z", "marta",
                  "yes", "full", NULL);
  add_evaluation (xml, 9, "submitted", "PJSIP/401", "CALL-B2", "2026-11-04T10:00:00Z", "marta",
                  "yes", "full", NULL);
  add_evaluation (xml, 10, "submitted", "PJSIP/402", "CALL-C1", "2026-10-08T10:00:00Z", "marta",
                  "no", "partial", NULL);
  g_string_append (xml, "</evaluations>\n");
  evaluations = test_write_file (fixture->dir, "evaluations.xml", xml->str);
  g_assert_true (rubric_evaluation_store_import (fixture->db, evaluations, "tester", &report,
                                                 &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  test_db_tear_down (&fixture->dir, &fixture->db);
}

static RubricTrendQuery
agent_query (const char *agent,
             const char *range)
{
  RubricTrendQuery query = { RUBRIC_TREND_AGENT, "Acme", agent, NULL, TRUE,
                             period (range), RUBRIC_PERIOD_WEEK };

  return query;
}

static char *
write_db_report (Fixture                *fixture,
                 const RubricTrendQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "coaching.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rubric_trends_write_coaching_pdf (fixture->db, query, G_OUTPUT_STREAM (out),
                                                   NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_no_error (error);
  keep_copy (file);
  return g_steal_pointer (&path);
}

static void
test_db_report (Fixture       *fixture,
                gconstpointer  user_data)
{
  RubricTrendQuery query = agent_query ("PJSIP/400", "2026-10-01..2026-11-30");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;

  if (!test_have_poppler ())
    return;

  path = write_db_report (fixture, &query);
  text = test_pdf_text (path);
  test_assert_has (text, "Ilze Bērziņa");
  test_assert_has (text, "Agent PJSIP/400 · Acme · team North");
  test_assert_has (text, "1 October 2026 – 30 November 2026");
  test_assert_has (text, "Time zone Europe/Riga");
  assert_generated (text);
  test_assert_has (text, "Categories against the team");
  /* 5 of the agent's, one auto-failed; the team's 7. */
  test_assert_has (text, "5 1 Mean score Team mean Scored evaluations Auto-failed");
  test_assert_has (text, "of 5 submitted");
  test_assert_has (text, "over 7 scores");
  /* The weakest criterion first, with its comments, newest first; the
   * draft's and the old one's never. */
  test_assert_has (text, "Identity verified");
  test_assert_has (text, "“Skipped the identity check & the callback.” “Asked only for the postcode.”");
  g_assert_null (strstr (text, "A draft's comment."));
  g_assert_null (strstr (text, "An old comment."));
  /* The lowest evaluation: auto-failed, at Riga's time (the next day). */
  test_assert_has (text, "CALL-LOW-1 22 October 2026, 00:30 janis 0.0 Auto-failed");
  g_assert_null (strstr (text, "CALL-DRAFT"));
  g_assert_null (strstr (text, "CALL-OLD"));
  g_assert_null (strstr (text, "CALL-B1"));
  g_assert_null (strstr (text, "nan"));
  g_assert_cmpuint (test_pdf_pages (path), >=, 1);

  fonts = test_run_tool ("pdffonts", path);
  test_assert_has (fonts, "DejaVuSans");
  g_assert_null (strstr (fonts, " no "));   /* every font embedded */
}

/* An agent without a team is compared with the whole vendor. */
static void
test_db_no_team (Fixture       *fixture,
                 gconstpointer  user_data)
{
  RubricTrendQuery query = agent_query ("PJSIP/402", "2026-10-01..2026-11-30");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (!test_have_poppler ())
    return;

  path = write_db_report (fixture, &query);
  text = test_pdf_text (path);
  test_assert_has (text, "Agent PJSIP/402 · Acme · no team");
  test_assert_has (text, "Categories against the vendor");
  test_assert_has (text, "CALL-C1");
}

static void
test_db_empty (Fixture       *fixture,
               gconstpointer  user_data)
{
  RubricTrendQuery query = agent_query ("PJSIP/400", "2026-01-01..2026-02-28");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (!test_have_poppler ())
    return;

  query.by = RUBRIC_PERIOD_MONTH;
  path = write_db_report (fixture, &query);
  text = test_pdf_text (path);
  test_assert_has (text, "Ilze Bērziņa");
  test_assert_has (text, "No submitted evaluation of Ilze Bērziņa falls in 1 January 2026 – "
                    "28 February 2026");
  g_assert_cmpuint (test_pdf_pages (path), ==, 1);
}

static void
test_db_errors (Fixture       *fixture,
                gconstpointer  user_data)
{
  RubricTrendQuery query = agent_query ("PJSIP/400", "2026-10-01..2026-11-30");
  RubricTrendQuery unknown = agent_query ("PJSIP/999", "2026-10-01..2026-11-30");
  RubricTrendQuery team = { RUBRIC_TREND_TEAM, "Acme", NULL, "North", TRUE,
                            period ("2026-10"), RUBRIC_PERIOD_WEEK };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (rubric_trends_write_coaching_pdf (fixture->db, &query, out, cancellable,
                                                    &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_false (rubric_trends_write_coaching_pdf (fixture->db, &unknown, out, NULL, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (rubric_trends_write_coaching_pdf (fixture->db, &team, out, NULL, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
  g_clear_error (&error);

  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *localedir = NULL;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* 2026-12-07 10:00 UTC: the day the reports say they were made. */
  rubric_clock_pin (1796637600);

  /* The translations built next to the tests (not textdomain (): glib's
   * g_dgettext () keeps to the default domain's choice). */
  localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RUBRIC_LOCALEDIR") != NULL
                                   ? g_getenv ("RUBRIC_LOCALEDIR") : localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/coaching-pdf/full", test_full);
  g_test_add_func ("/coaching-pdf/fonts-embedded", test_fonts_embedded);
  g_test_add_func ("/coaching-pdf/no-team", test_no_team);
  g_test_add_func ("/coaching-pdf/empty", test_empty);
  g_test_add_func ("/coaching-pdf/unscored", test_unscored);
  g_test_add_func ("/coaching-pdf/long", test_long);
  g_test_add_func ("/coaching-pdf/by-month", test_by_month);
  g_test_add_func ("/coaching-pdf/cancelled", test_cancelled);
  g_test_add_func ("/coaching-pdf/write-error", test_write_error);
  g_test_add_func ("/coaching-pdf/french", test_french);
  g_test_add_func ("/coaching-pdf/french/child", test_french_child);
  g_test_add ("/coaching-pdf/db/report", Fixture, NULL, fixture_set_up, test_db_report,
              fixture_tear_down);
  g_test_add ("/coaching-pdf/db/no-team", Fixture, NULL, fixture_set_up, test_db_no_team,
              fixture_tear_down);
  g_test_add ("/coaching-pdf/db/empty", Fixture, NULL, fixture_set_up, test_db_empty,
              fixture_tear_down);
  g_test_add ("/coaching-pdf/db/errors", Fixture, NULL, fixture_set_up, test_db_errors,
              fixture_tear_down);

  return g_test_run ();
}
