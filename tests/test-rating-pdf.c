/* test-rating-pdf.c — the contract-review PDF (SPEC §10), read back with poppler's tools
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ratings are built by hand, so that every figure the report prints is
 * known; pdftotext, pdfinfo and pdffonts (poppler-utils) say what a reader
 * would get. Without them the tests that need them are skipped.
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "rubric-contract.h"
#include "rubric-error.h"
#include "rubric-period.h"
#include "rubric-rating-text.h"
#include "rubric-rating.h"
#include "rubric-test-util.h"

#define LONG_NAME "Northern Lights Customer Care and Outsourced Contact Centre Services " \
                  "Holding Company International Limited, Riga Branch, Second Floor Team"

/* ------------------------------------------------------------------ */
/* Ratings by hand                                                     */

static void
objective_free (gpointer data)
{
  RubricRatingObjective *objective = data;

  g_free (objective->metric);
  g_free (objective);
}

static void
category_free (gpointer data)
{
  RubricQaCategory *category = data;

  g_free (category->key);
  g_free (category);
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

static RubricContract *
contract_new (const char *vendor)
{
  RubricContract *contract = rubric_contract_new (vendor, "Europe/Riga");

  g_free (contract->valid_from);
  contract->valid_from = g_strdup ("2026-01-01");
  contract->has_credit_cap = TRUE;
  contract->credit_cap = 15;
  return contract;
}

static void
contract_add (RubricContract *contract,
              const char     *metric,
              double          target,
              double          weight,
              double          credit,
              RubricBetter    better)
{
  RubricObjective *objective = g_new0 (RubricObjective, 1);

  objective->metric = g_strdup (metric);
  objective->target = target;
  objective->weight = weight;
  objective->has_credit = credit > 0;
  objective->credit = credit;
  objective->better = better;
  g_ptr_array_add (contract->objectives, objective);
}

static RubricRating *
rating_new (const char *vendor,
            const char *text)
{
  RubricRating *rating = g_new0 (RubricRating, 1);

  rating->vendor = g_strdup (vendor);
  rating->timezone = g_strdup ("Europe/Riga");
  rating->range = period (text);
  rating->kind = RUBRIC_PERIOD_MONTH;
  rating->contract = contract_new (vendor);
  rating->objectives = g_ptr_array_new_with_free_func (objective_free);
  rating->qa_categories = g_ptr_array_new_with_free_func (category_free);
  rating->rating = rating->rating_low = rating->rating_high = NAN;
  return rating;
}

/* An objective with data; @n 0 means none, @low > @high no interval. */
static RubricRatingObjective *
add_objective (RubricRating       *rating,
               const char         *metric,
               double              target,
               double              weight,
               double              credit,
               RubricRatingSource  source,
               double              actual,
               guint64             n,
               double              low,
               double              high)
{
  RubricRatingObjective *objective = g_new0 (RubricRatingObjective, 1);
  RubricBetter better = rubric_metric_better (metric);

  contract_add (rating->contract, metric, target, weight, credit, better);
  objective->metric = g_strdup (metric);
  objective->target = target;
  objective->weight = weight;
  objective->has_credit = credit > 0;
  objective->credit = credit;
  objective->better = better;
  objective->source = source;
  objective->has_actual = source != RUBRIC_RATING_SOURCE_NONE;
  objective->actual = objective->has_actual ? actual : NAN;
  objective->has_n = n > 0;
  objective->n = n;
  objective->has_ci = low <= high;
  objective->ci_low = objective->has_ci ? low : NAN;
  objective->ci_high = objective->has_ci ? high : NAN;
  if (objective->has_actual)
    {
      objective->score = rubric_rating_attainment (actual, target, better);
      objective->met = rubric_rating_is_met (actual, target, better);
    }
  else
    objective->score = NAN;
  objective->score_low = objective->score_high = objective->score;
  g_ptr_array_add (rating->objectives, objective);
  rating->objectives_total++;
  rating->weight_total += weight;
  if (!objective->has_actual)
    rating->weight_without_data += weight;
  if (objective->has_actual && objective->met)
    rating->objectives_met++;
  return objective;
}

static void
add_category (RubricRating *rating,
              const char   *key,
              guint64       n,
              double        mean,
              double        low,
              double        high)
{
  RubricQaCategory *category = g_new0 (RubricQaCategory, 1);

  category->key = g_strdup (key);
  category->mean.n = n;
  category->mean.has_mean = n > 0;
  category->mean.mean = n > 0 ? mean : NAN;
  category->mean.has_ci = n >= 2;
  category->mean.low = n >= 2 ? low : NAN;
  category->mean.high = n >= 2 ? high : NAN;
  g_ptr_array_add (rating->qa_categories, category);
}

/* Twelve months up to the rated one; the fourth has no rating. */
static void
add_trend (RubricRating *rating)
{
  RubricDayRange range = rating->range;

  rating->trend = g_array_new (FALSE, TRUE, sizeof (RubricRatingPoint));
  g_array_set_size (rating->trend, RUBRIC_RATING_TREND_PERIODS);
  for (int i = RUBRIC_RATING_TREND_PERIODS - 1; i >= 0; i--)
    {
      RubricRatingPoint *point = &g_array_index (rating->trend, RubricRatingPoint, i);

      point->range = range;
      if (i == RUBRIC_RATING_TREND_PERIODS - 1)
        {
          point->has_rating = rating->has_rating;
          point->rating = rating->rating;
          point->low = rating->rating_low;
          point->high = rating->rating_high;
        }
      else if (i != 3)
        {
          point->has_rating = TRUE;
          point->rating = 78 + 9 * sin (i * 0.7);
          point->low = point->rating - 3 - i % 3;
          point->high = point->rating + 2 + i % 2;
        }
      else
        point->rating = point->low = point->high = NAN;
      range = rubric_period_previous (range, RUBRIC_PERIOD_MONTH);
    }
}

/* Acme, October 2026: every part of the report has something to show. */
static RubricRating *
full_rating (const char *vendor)
{
  RubricRating *rating = rating_new (vendor, "2026-10");
  RubricRatingObjective *objective;

  rating->has_rating = TRUE;
  rating->rating = 87.123;
  rating->rating_low = 84.5;
  rating->rating_high = 89.3;
  rating->grade = g_strdup ("B");
  rating->evaluations = 42;
  rating->calls = 12840;
  rating->kpis.offered = 12840;
  rating->kpis.answered = 12102;
  rating->kpis.abandoned = 611;
  rating->kpis.short_abandoned = 127;
  rating->qa_overall = (RubricQaMean) { 40, TRUE, 86.4, TRUE, 82.9, 89.9 };

  objective = add_objective (rating, "service-level", 80, 30, 5, RUBRIC_RATING_SOURCE_CALLS,
                             78.52, 12713, 77.8, 79.2);
  objective->has_previous = TRUE;
  objective->previous_actual = 81.02;
  objective = add_objective (rating, "abandon-rate", 5, 10, 2, RUBRIC_RATING_SOURCE_CALLS,
                             4.81, 12713, 4.4, 5.2);
  objective->has_previous = TRUE;
  objective->previous_actual = 5.33;
  add_objective (rating, "asa", 30, 10, 0, RUBRIC_RATING_SOURCE_CALLS, 24.61, 12102, 1, 0);
  add_objective (rating, "aht", 300, 5, 0, RUBRIC_RATING_SOURCE_METRICS, 312.4, 0, 1, 0);
  objective = add_objective (rating, "qa-overall", 85, 30, 0, RUBRIC_RATING_SOURCE_EVALUATIONS,
                             86.4, 40, 82.9, 89.9);
  objective->has_previous = TRUE;
  objective->previous_actual = 84.1;
  add_objective (rating, "qa-resolution", 80, 10, 0, RUBRIC_RATING_SOURCE_EVALUATIONS,
                 83.75, 40, 78.1, 89.4);
  add_objective (rating, "custom:csat", 4.2, 5, 0, RUBRIC_RATING_SOURCE_METRICS, 4.31, 812, 1, 0);
  add_objective (rating, "fcr", 75, 5, 0, RUBRIC_RATING_SOURCE_NONE, 0, 0, 1, 0);
  rating->credits = rating->credits_uncapped = 5;

  add_category (rating, "documentation", 40, 91.2, 88.0, 94.4);
  add_category (rating, "ownership", 40, 79.5, 74.2, 84.8);
  add_category (rating, "policy", 38, 88.0, 84.1, 91.9);
  add_category (rating, "resolution", 40, 83.75, 78.1, 89.4);
  add_category (rating, "tone-of-voice", 1, 64, 0, 0);

  rating->has_previous = TRUE;
  rating->previous_range = period ("2026-09");
  rating->previous_has_rating = TRUE;
  rating->previous_rating = 84.81;
  add_trend (rating);
  return rating;
}

/* A vendor with a contract and nothing else. */
static RubricRating *
empty_rating (const char *vendor)
{
  RubricRating *rating = rating_new (vendor, "2026-10");

  add_objective (rating, "service-level", 80, 30, 5, RUBRIC_RATING_SOURCE_NONE, 0, 0, 1, 0);
  add_objective (rating, "qa-overall", 85, 30, 0, RUBRIC_RATING_SOURCE_NONE, 0, 0, 1, 0);
  rating->incomplete = TRUE;
  rating->has_previous = TRUE;
  rating->previous_range = period ("2026-09");
  add_trend (rating);
  for (guint i = 0; i < rating->trend->len; i++)
    g_array_index (rating->trend, RubricRatingPoint, i).has_rating = FALSE;
  return rating;
}

static GPtrArray *
ratings_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_rating_free);
}

/* ------------------------------------------------------------------ */
/* Writing and reading back                                            */

static char *
write_pdf (const char *dir,
           GPtrArray  *ratings)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rubric_ratings_write_pdf (ratings, G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_no_error (error);

  if (g_getenv ("RUBRIC_KEEP_PDF") != NULL)
    {
      /* For looking at: RUBRIC_KEEP_PDF=DIR keeps each test's report there. */
      g_autofree char *name = g_strdelimit (g_strdup (g_test_get_path () + 1), "/", '-');
      g_autofree char *keep = g_strdup_printf ("%s/%s.pdf", g_getenv ("RUBRIC_KEEP_PDF"), name);
      g_autoptr(GFile) copy = g_file_new_for_path (keep);

      g_assert_true (g_file_copy (file, copy, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL));
    }

  return g_steal_pointer (&path);
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void
test_full (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(GPtrArray) ratings = ratings_new ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;

  if (!test_have_poppler ())
    return;

  g_ptr_array_add (ratings, full_rating ("Acme Contact Services"));
  path = write_pdf (dir, ratings);
  text = test_pdf_text (path);

  /* The header and the summary. */
  test_assert_has (text, "Acme Contact Services");
  test_assert_has (text, "October 2026");
  test_assert_has (text, "1 October 2026 – 31 October 2026");
  test_assert_has (text, "Time zone Europe/Riga");
  test_assert_has (text, "1 January 2026");
  test_assert_has (text, "87.1");
  test_assert_has (text, "Range 84.5 – 89.3");
  test_assert_has (text, "+2.3 since September 2026 (84.8)");
  test_assert_has (text, "5 %");
  test_assert_has (text, "the cap of 15 % is not reached");
  test_assert_has (text, "5 of 8");
  test_assert_has (text, "1 objective without data");
  /* The table: names, units, sources, changes. */
  test_assert_has (text, "Service level");
  test_assert_has (text, "78.5 %");
  test_assert_has (text, "77.8–79.2");
  test_assert_has (text, "−2.5 pp");
  test_assert_has (text, "Average speed of answer");
  test_assert_has (text, "25 s");
  test_assert_has (text, "Average handle time");
  test_assert_has (text, "QA overall");
  test_assert_has (text, "QA: First-call resolution");
  test_assert_has (text, "csat");
  test_assert_has (text, "4.31");
  test_assert_has (text, "Call records");
  test_assert_has (text, "Reported aggregates");
  test_assert_has (text, "Evaluations");
  test_assert_has (text, "No data");
  test_assert_has (text, "credit 5 %");
  /* Sample sizes and the charts. */
  test_assert_has (text, "12840");
  test_assert_has (text, "127 short abandons");
  test_assert_has (text, "Documentation");
  test_assert_has (text, "tone-of-voice");
  test_assert_has (text, "2025");
  test_assert_has (text, "Oct");
  /* The method. */
  test_assert_has (text, "How the rating is computed");
  test_assert_has (text, "abandons-negative");
  test_assert_has (text, "100 · AT / (A + B)");
  test_assert_has (text, "B ≥ 85");
  g_assert_null (strstr (text, "nan"));
  g_assert_null (strstr (text, "NaN"));

  g_assert_cmpuint (test_pdf_pages (path), ==, 2);   /* the rating on one page, the method */
  info = test_run_tool ("pdfinfo", path);
  test_assert_has (info, "Contract review: Acme Contact Services, October 2026");
  test_assert_has (info, "Creator:");
  test_assert_has (info, "Rubric");

  test_rmdir (dir);
}

static void
test_fonts_embedded (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(GPtrArray) ratings = ratings_new ();
  g_autofree char *path = NULL;
  g_autofree char *fonts = NULL;

  if (!test_have_poppler ())
    return;

  g_ptr_array_add (ratings, full_rating ("Acme"));
  path = write_pdf (dir, ratings);
  fonts = test_assert_pdf_fonts_embedded (path);
  g_assert_nonnull (strstr (fonts, "DejaVuSans"));

  test_rmdir (dir);
}

static void
test_no_data (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(GPtrArray) ratings = ratings_new ();
  RubricRating *bare;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (!test_have_poppler ())
    return;

  g_ptr_array_add (ratings, empty_rating ("Quiet Vendor"));
  /* Without its previous period or trend (the CLI can ask for neither). */
  bare = rating_new ("Bare Vendor", "2026-W43");
  bare->kind = RUBRIC_PERIOD_WEEK;
  g_ptr_array_add (ratings, bare);
  path = write_pdf (dir, ratings);
  text = test_pdf_text (path);

  test_assert_has (text, "Quiet Vendor");
  test_assert_has (text, "No rating: no objective has data for this period.");
  test_assert_has (text, "No rating for September 2026");
  test_assert_has (text, "Incomplete.");
  test_assert_has (text, "0 of 2");
  test_assert_has (text, "No submitted evaluation scores a call of this period.");
  test_assert_has (text, "No rating in these periods.");
  test_assert_has (text, "Bare Vendor");
  test_assert_has (text, "Week 43, 2026");
  test_assert_has (text, "The contract has no objectives.");
  test_assert_has (text, "The rating was computed without its history.");
  test_assert_has (text, "—");
  /* Undefined is a dash, never a zero score or a NaN; the credits owed
   * are a true zero. */
  test_assert_has (text, "0 %");
  g_assert_null (strstr (text, "Range 0"));
  g_assert_null (strstr (text, "0.00 n"));
  g_assert_null (strstr (text, "nan"));

  test_rmdir (dir);
}

static void
test_hostile_names (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(GPtrArray) ratings = ratings_new ();
  RubricRating *capped;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (!test_have_poppler ())
    return;

  g_ptr_array_add (ratings, full_rating ("=HYPERLINK(\"x\")"));
  g_ptr_array_add (ratings, full_rating ("<b>Bold & Co</b>"));
  capped = full_rating (LONG_NAME);
  capped->credits = 15;
  capped->credits_uncapped = 22;
  capped->small_sample = TRUE;
  capped->contract->minimum_evaluations = 50;
  g_ptr_array_add (ratings, capped);
  path = write_pdf (dir, ratings);
  text = test_pdf_text (path);

  /* Names are text, never markup nor formulas. */
  test_assert_has (text, "=HYPERLINK(\"x\")");
  test_assert_has (text, "<b>Bold & Co</b>");
  test_assert_has (text, "Northern Lights Customer Care");
  /* The cap bites: both sums are there. */
  test_assert_has (text, "15 %");
  test_assert_has (text, "Capped at 15 %: the missed objectives add up to 22 %");
  test_assert_has (text, "Small sample.");
  test_assert_has (text, "QA overall (40), QA: First-call resolution (40)");
  g_assert_cmpuint (test_pdf_pages (path), >=, 4);   /* a page or two each, the method */

  test_rmdir (dir);
}

static void
test_many_objectives (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(GPtrArray) ratings = ratings_new ();
  RubricRating *rating = full_rating ("Many Metrics Ltd");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (!test_have_poppler ())
    return;

  for (guint i = 0; i < 45; i++)
    {
      g_autofree char *metric = g_strdup_printf ("custom:metric-number-%02u-with-a-long-name", i);

      add_objective (rating, metric, 10 + i, 1, i % 4 == 0 ? 1 : 0,
                     i % 5 == 0 ? RUBRIC_RATING_SOURCE_NONE : RUBRIC_RATING_SOURCE_METRICS,
                     9 + i * 1.01, 100 + i, 1, 0);
    }
  g_ptr_array_add (ratings, rating);
  path = write_pdf (dir, ratings);
  text = test_pdf_text (path);

  test_assert_has (text, "metric-number-00");
  test_assert_has (text, "metric-number-44");
  test_assert_has (text, "(continued)");
  g_assert_cmpuint (test_pdf_pages (path), >=, 4);

  test_rmdir (dir);
}

/* The figures are for people: in French, "87,1". The CLI keeps the C
 * locale for LC_NUMERIC, so the report reads the user's from the
 * environment. */
static void
test_locale_numbers (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(GPtrArray) ratings = ratings_new ();
  g_autofree char *saved = g_strdup (g_getenv ("LC_ALL"));
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  locale_t french = newlocale (LC_NUMERIC_MASK, "fr_FR.UTF-8", (locale_t) 0);

  if (french == (locale_t) 0)
    {
      g_test_skip ("the fr_FR.UTF-8 locale is not installed");
      test_rmdir (dir);
      return;
    }
  freelocale (french);
  if (!test_have_poppler ())
    {
      test_rmdir (dir);
      return;
    }

  g_ptr_array_add (ratings, full_rating ("Acme"));
  g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
  path = write_pdf (dir, ratings);
  if (saved != NULL)
    g_setenv ("LC_ALL", saved, TRUE);
  else
    g_unsetenv ("LC_ALL");
  text = test_pdf_text (path);

  test_assert_has (text, "87,1");
  test_assert_has (text, "78,5 %");
  g_assert_null (strstr (text, "87.1"));

  test_rmdir (dir);
}

static void
test_no_ratings (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(GPtrArray) ratings = ratings_new ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (!test_have_poppler ())
    return;

  path = write_pdf (dir, ratings);
  text = test_pdf_text (path);
  test_assert_has (text, "There are no ratings to report");
  g_assert_cmpuint (test_pdf_pages (path), ==, 1);

  test_rmdir (dir);
}

static void
test_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ratings = ratings_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_ptr_array_add (ratings, full_rating ("Acme"));
  g_cancellable_cancel (cancellable);
  g_assert_false (rubric_ratings_write_pdf (ratings, out, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==, 0);
}

static void
test_write_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ratings = ratings_new ();
  static char buffer[512];
  g_autoptr(GOutputStream) out = g_memory_output_stream_new (buffer, sizeof buffer, NULL, NULL);

  g_ptr_array_add (ratings, full_rating ("Acme"));
  g_assert_false (rubric_ratings_write_pdf (ratings, out, NULL, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO);
}

/* A write failure reported to cairo 1.16 made it crash in
 * cairo_surface_finish () (a report has an outline); wherever the stream
 * fills up, from the first byte (/dev/full) to the last, the report fails
 * with an I/O error instead. */
static void
test_write_error_late (void)
{
  g_autoptr(GPtrArray) ratings = ratings_new ();
  g_autoptr(GOutputStream) whole = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  gsize size;

  g_ptr_array_add (ratings, full_rating ("Acme"));
  g_assert_true (rubric_ratings_write_pdf (ratings, whole, NULL, &error));
  g_assert_no_error (error);
  size = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (whole));

  {
    g_autoptr(GFile) full = g_file_new_for_path ("/dev/full");
    g_autoptr(GFileOutputStream) out = g_file_append_to (full, G_FILE_CREATE_NONE, NULL, &error);

    g_assert_no_error (error);
    g_assert_false (rubric_ratings_write_pdf (ratings, G_OUTPUT_STREAM (out), NULL, &error));
    g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO);
    g_clear_error (&error);
  }

  for (guint cut = 0; cut <= 9; cut++)
    {
      gsize room = cut == 0 ? 1 : cut == 9 ? 100 : size * cut / 9;
      g_autofree char *buffer = g_malloc (room);
      g_autoptr(GOutputStream) out = g_memory_output_stream_new (buffer, room, NULL, NULL);
      g_autoptr(GError) local = NULL;

      g_assert_false (rubric_ratings_write_pdf (ratings, out, NULL, &local));
      g_assert_error (local, RUBRIC_ERROR, RUBRIC_ERROR_IO);
    }

  /* One byte short of the whole file: the very last write fails. */
  {
    g_autofree char *buffer = g_malloc (size - 1);
    g_autoptr(GOutputStream) out = g_memory_output_stream_new (buffer, size - 1, NULL, NULL);

    g_assert_false (rubric_ratings_write_pdf (ratings, out, NULL, &error));
    g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO);
  }
}

/* Whole memory stream: the same bytes as a file, and a PDF. */
static void
test_memory_stream (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ratings = ratings_new ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  const char *data;

  g_ptr_array_add (ratings, full_rating ("Acme"));
  g_assert_true (rubric_ratings_write_pdf (ratings, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, &error));
  data = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), >, 1000);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
}

/* The words of a rating, which the Vendors page shares with the report
 * (rubric-rating-text.h): SPEC §5.1's names, one style for units. */
static void
test_words (void)
{
  struct { const char *metric; const char *name; } metrics[] = {
    { "service-level", "Service level" },
    { "abandon-rate", "Abandon rate" },
    { "asa", "Average speed of answer" },
    { "aht", "Average handle time" },
    { "fcr", "First-call resolution" },
    { "qa-overall", "QA overall" },
    { "qa-resolution", "QA: First-call resolution" },
    { "qa-policy", "QA: Policy adherence" },
    { "qa-tone", "QA: tone" },
    { "custom:csat", "csat" },
  };
  struct { const char *period; RubricPeriodKind kind; const char *title; } periods[] = {
    { "2026-10", RUBRIC_PERIOD_MONTH, "October 2026" },
    { "2026-W43", RUBRIC_PERIOD_WEEK, "Week 43, 2026" },
    { "2027-W01", RUBRIC_PERIOD_WEEK, "Week 1, 2027" },
    { "2026-Q4", RUBRIC_PERIOD_QUARTER, "Q4 2026" },
    { "2026", RUBRIC_PERIOD_YEAR, "2026" },
    { "2026-11-22", RUBRIC_PERIOD_DAY, "22 November 2026" },
    { "2026-10-01..2026-10-15", RUBRIC_PERIOD_RANGE, "1 October 2026 – 15 October 2026" },
    /* Not one whole month: its days. */
    { "2026-10-01..2026-10-15", RUBRIC_PERIOD_MONTH, "1 October 2026 – 15 October 2026" },
  };
  g_autofree char *percent = rubric_metric_unit_format (RUBRIC_METRIC_UNIT_PERCENT, "87.5");
  g_autofree char *seconds = rubric_metric_unit_format (RUBRIC_METRIC_UNIT_SECONDS, "+24");
  g_autofree char *score = rubric_metric_unit_format (RUBRIC_METRIC_UNIT_SCORE, "81.3");

  for (guint i = 0; i < G_N_ELEMENTS (metrics); i++)
    {
      g_autofree char *name = rubric_metric_name (metrics[i].metric);

      g_assert_cmpstr (name, ==, metrics[i].name);
    }
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autofree char *title = rubric_period_title (period (periods[i].period), periods[i].kind);

      g_assert_cmpstr (title, ==, periods[i].title);
    }

  g_assert_cmpint (rubric_metric_unit ("fcr"), ==, RUBRIC_METRIC_UNIT_PERCENT);
  g_assert_cmpint (rubric_metric_unit ("aht"), ==, RUBRIC_METRIC_UNIT_SECONDS);
  g_assert_cmpint (rubric_metric_unit ("qa-ownership"), ==, RUBRIC_METRIC_UNIT_SCORE);
  g_assert_cmpint (rubric_metric_unit ("custom:csat"), ==, RUBRIC_METRIC_UNIT_PLAIN);
  /* A figure and its unit never part at a line break. */
  g_assert_cmpstr (percent, ==, "87.5\u00a0%");
  g_assert_cmpstr (seconds, ==, "+24\u00a0s");
  g_assert_cmpstr (score, ==, "81.3");
  g_assert_cmpstr (rubric_rating_source_name (RUBRIC_RATING_SOURCE_METRICS), ==,
                   "Reported aggregates");
  g_assert_cmpstr (rubric_category_name ("ownership"), ==, "Ownership");
  g_assert_cmpstr (rubric_category_name ("tone"), ==, "tone");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rating-pdf/full", test_full);
  g_test_add_func ("/rating-pdf/fonts-embedded", test_fonts_embedded);
  g_test_add_func ("/rating-pdf/no-data", test_no_data);
  g_test_add_func ("/rating-pdf/hostile-names", test_hostile_names);
  g_test_add_func ("/rating-pdf/many-objectives", test_many_objectives);
  g_test_add_func ("/rating-pdf/locale-numbers", test_locale_numbers);
  g_test_add_func ("/rating-pdf/no-ratings", test_no_ratings);
  g_test_add_func ("/rating-pdf/cancelled", test_cancelled);
  g_test_add_func ("/rating-pdf/write-error", test_write_error);
  g_test_add_func ("/rating-pdf/write-error-late", test_write_error_late);
  g_test_add_func ("/rating-pdf/memory-stream", test_memory_stream);
  g_test_add_func ("/rating-pdf/words", test_words);

  return g_test_run ();
}
