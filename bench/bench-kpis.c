/* bench-kpis.c — the KPIs of one vendor and period, in process, against a full scan (SPEC §12)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-kpis DB VENDOR FROM TO [RUNS]   (days YYYY-MM-DD, inclusive; RUNS 5)
 *
 * Times rubric_kpis_compute (the daily rollups) for the vendor and days,
 * without process start or opening the database, best of RUNS; then the
 * same KPIs straight from the call records (rubric_kpis_compute_scan,
 * which must give the same counts), and the §12 yardstick, a full scan of
 * the call table (SELECT count(*), sum(wait_s) FROM calls), best of 3.
 * Run by bench/run-queue-log.sh.
 */

#include "config.h"

#include <math.h>

#include "rubric-db.h"
#include "rubric-kpis.h"
#include "rubric-period.h"

static double
best_kpis (RubricDb   *db,
           gint64      vendor_id,
           GArray     *periods,
           gboolean    scan,
           guint       runs,
           RubricKpis *out)
{
  double best = INFINITY;

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) results = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      results = scan ? rubric_kpis_compute_scan (db, vendor_id, periods, NULL, NULL, &error)
                     : rubric_kpis_compute (db, vendor_id, periods, NULL, NULL, &error);
      ms = (g_get_monotonic_time () - start) / 1e3;
      if (results == NULL)
        g_error ("%s", error->message);
      best = MIN (best, ms);
      *out = g_array_index (results, RubricKpis, 0);
    }

  return best;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(GArray) periods = g_array_new (FALSE, FALSE, sizeof (RubricDayRange));
  RubricDayRange range;
  RubricKpis fast, slow;
  double fast_ms, slow_ms, full_ms = INFINITY;
  guint runs = argc > 5 ? (guint) g_ascii_strtoull (argv[5], NULL, 10) : 5;
  gint64 vendor_id;
  gint64 rows = 0;

  if (argc < 5 || !rubric_day_parse (argv[3], &range.first) ||
      !rubric_day_parse (argv[4], &range.last) || runs == 0)
    {
      g_printerr ("usage: bench-kpis DB VENDOR FROM TO [RUNS]\n");
      return 1;
    }
  g_array_append_val (periods, range);

  if (!(db = rubric_db_open_existing (argv[1], &error)))
    g_error ("%s", error->message);
  vendor_id = rubric_db_query_id (db, "SELECT id FROM vendors WHERE name = ?1", argv[2], &error);
  if (vendor_id <= 0)
    g_error ("no vendor %s", argv[2]);

  fast_ms = best_kpis (db, vendor_id, periods, FALSE, runs, &fast);
  slow_ms = best_kpis (db, vendor_id, periods, TRUE, 1, &slow);

  if (fast.offered != slow.offered || fast.answered != slow.answered ||
      fast.answered_within != slow.answered_within || fast.abandoned != slow.abandoned ||
      fast.short_abandoned != slow.short_abandoned || fast.other != slow.other ||
      fast.fcr_n != slow.fcr_n || fast.fcr_resolved != slow.fcr_resolved ||
      fabs (fast.wait_answered - slow.wait_answered) > 1e-6 * MAX (1.0, slow.wait_answered))
    g_error ("the KPIs from the rollups differ from those of the call records");

  for (guint i = 0; i < 3; i++)
    {
      RubricStmt *stmt = rubric_db_prepare (db, "SELECT count (*), sum (wait_s) FROM calls",
                                              &error);
      gint64 start = g_get_monotonic_time ();

      if (stmt == NULL)
        g_error ("%s", error->message);
      if (rubric_stmt_step (stmt) == RUBRIC_ROW)
        rows = rubric_stmt_column_int64 (stmt, 0);
      full_ms = MIN (full_ms, (g_get_monotonic_time () - start) / 1e3);
      rubric_stmt_finalize (stmt);
    }

  g_print ("kpis-inprocess: %s %s..%s: %" G_GUINT64_FORMAT " offered, SL %.1f %%, "
           "best of %u %.2f ms\n",
           argv[2], argv[3], argv[4], fast.offered, fast.service_level.value, runs, fast_ms);
  g_print ("kpis-from-calls: %.1f ms (same counts)\n", slow_ms);
  g_print ("full-scan-inprocess: %" G_GINT64_FORMAT " rows, best of 3 %.1f ms\n", rows, full_ms);
  return 0;
}
