/* bench-ratings.c — one vendor's rating for one period, in process (SPEC §12)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-ratings DB VENDOR PERIOD [RUNS]   (PERIOD as rubric-cli takes it; RUNS 5)
 *
 * Times rubric_rating_compute for the vendor and period — the rating alone,
 * with the previous period (what the XML shows), and with the 12-period
 * trend (what the PDF shows) — without process start or opening the
 * database, best of RUNS each. Run by bench/run-ratings.sh.
 */

#include "config.h"

#include <math.h>

#include "rubric-db.h"
#include "rubric-rating.h"

static double
best_rating (RubricDb          *db,
             gint64             vendor_id,
             RubricDayRange     range,
             RubricPeriodKind   kind,
             RubricRatingFlags  flags,
             guint              runs,
             RubricRating     **out)
{
  double best = INFINITY;

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      RubricRating *rating;
      gint64 start = g_get_monotonic_time ();
      double ms;

      rating = rubric_rating_compute (db, vendor_id, range, kind, flags, &error);
      ms = (g_get_monotonic_time () - start) / 1e3;
      if (rating == NULL)
        g_error ("%s", error->message);
      best = MIN (best, ms);
      g_clear_pointer (out, rubric_rating_free);
      *out = rating;
    }

  return best;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(RubricRating) rating = NULL;
  RubricPeriodKind kind;
  RubricDayRange range;
  guint runs;
  gint64 vendor_id;
  double alone, previous, trend;

  if (argc < 4)
    {
      g_printerr ("Usage: bench-ratings DB VENDOR PERIOD [RUNS]\n");
      return 1;
    }
  runs = argc > 4 ? (guint) g_ascii_strtoull (argv[4], NULL, 10) : 5;

  if (!rubric_period_parse (argv[3], &range, &kind, &error) ||
      !(db = rubric_db_open (argv[1], &error)))
    g_error ("%s", error->message);
  vendor_id = rubric_db_lookup_vendor (db, argv[2], &error);
  if (vendor_id <= 0)
    g_error ("no vendor %s", argv[2]);

  alone = best_rating (db, vendor_id, range, kind, 0, runs, &rating);
  g_print ("rating of %s for %s: R %.2f, %" G_GUINT64_FORMAT " calls, %" G_GUINT64_FORMAT
           " evaluations\n", argv[2], argv[3], rating->rating, rating->calls,
           rating->evaluations);
  previous = best_rating (db, vendor_id, range, kind, RUBRIC_RATING_WITH_PREVIOUS, runs,
                          &rating);
  trend = best_rating (db, vendor_id, range, kind,
                       RUBRIC_RATING_WITH_PREVIOUS | RUBRIC_RATING_WITH_TREND, runs, &rating);

  g_print ("rating alone (best of %u): %.1f ms\n", runs, alone);
  g_print ("with the previous period: %.1f ms\n", previous);
  g_print ("with the previous period and the 12-period trend: %.1f ms\n", trend);
  return 0;
}
