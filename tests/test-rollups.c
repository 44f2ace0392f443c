/* test-rollups.c — rollup buckets, local days and their cache, the rebuild of a vendor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rubric-calls.h"
#include "rubric-db.h"
#include "rubric-error.h"
#include "rubric-period.h"
#include "rubric-rollups.h"
#include "rubric-test-util.h"
#include "rubric-time.h"

/* Waits go to 2·⌊w⌋ + (w is not whole), capped past the largest threshold. */
static void
test_wait_bucket (void)
{
  g_assert_cmpint (rubric_wait_bucket (0), ==, 0);
  g_assert_cmpint (rubric_wait_bucket (-3), ==, 0);
  g_assert_cmpint (rubric_wait_bucket (NAN), ==, 0);
  g_assert_cmpint (rubric_wait_bucket (0.25), ==, 1);
  g_assert_cmpint (rubric_wait_bucket (1), ==, 2);
  g_assert_cmpint (rubric_wait_bucket (1.5), ==, 3);
  g_assert_cmpint (rubric_wait_bucket (20), ==, 40);
  g_assert_cmpint (rubric_wait_bucket (20.000001), ==, 41);
  g_assert_cmpint (rubric_wait_bucket (RUBRIC_MAX_THRESHOLD_S), ==, 2 * RUBRIC_MAX_THRESHOLD_S);
  g_assert_cmpint (rubric_wait_bucket (RUBRIC_MAX_THRESHOLD_S + 0.5), ==, RUBRIC_WAIT_BUCKET_CAP);
  g_assert_cmpint (rubric_wait_bucket (1e300), ==, RUBRIC_WAIT_BUCKET_CAP);
  g_assert_cmpint (rubric_wait_bucket (INFINITY), ==, RUBRIC_WAIT_BUCKET_CAP);

  /* The threshold queries of docs/KPIS.md: w ≤ T ⇔ bucket ≤ 2T. */
  for (double w = 0; w < 50; w += 0.25)
    for (int t = 0; t < 25; t++)
      {
        g_assert_true ((w <= t) == (rubric_wait_bucket (w) <= 2 * t));
        g_assert_true ((w < t) == (rubric_wait_bucket (w) < 2 * t));
      }
}

/* Gaps go to ⌈g / 1 day⌉, 0 for none or beyond the window; never overflow. */
static void
test_gap_bucket (void)
{
  g_assert_cmpint (rubric_gap_bucket (-1), ==, 0);
  g_assert_cmpint (rubric_gap_bucket (0), ==, 0);
  g_assert_cmpint (rubric_gap_bucket (1), ==, 1);
  g_assert_cmpint (rubric_gap_bucket (86400), ==, 1);
  g_assert_cmpint (rubric_gap_bucket (86401), ==, 2);
  g_assert_cmpint (rubric_gap_bucket ((gint64) RUBRIC_GAP_BUCKET_DAYS * 86400), ==,
                   RUBRIC_GAP_BUCKET_DAYS);
  g_assert_cmpint (rubric_gap_bucket ((gint64) RUBRIC_GAP_BUCKET_DAYS * 86400 + 1), ==, 0);
  g_assert_cmpint (rubric_gap_bucket (G_MAXINT64), ==, 0);
  g_assert_cmpint (rubric_gap_bucket (G_MAXINT64 - 86398), ==, 0);
  g_assert_cmpint (rubric_gap_bucket (G_MININT64), ==, 0);
}

/* The local day of @t in @zone as GLib computes it, one instant at a time. */
static gint32
reference_day (GTimeZone *zone,
               gint64     t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
  int year, month, day;

  g_date_time_get_ymd (local, &year, &month, &day);
  return (gint32) rubric_days_from_civil (year, month, day);
}

/* Zones with the awkward changes: Riga (an hour, at 03:00/04:00 local),
 * St John's (a half-hour offset), Lord Howe (a half-hour change). */
static const char * const zones[] = {
  "UTC", "Europe/Riga", "America/St_Johns", "Australia/Lord_Howe", "Asia/Kathmandu",
  "Pacific/Apia",
};

/* Every instant of a year, in order (as imports come) and at random (the
 * cache's slot is refilled), agrees with GLib in every zone. */
static void
test_local_days (void)
{
  const gint64 start = 1767225600 - 2 * 86400;  /* 2025-12-30T00:00:00Z */
  const gint64 end = start + 368 * 86400;

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zones[z]);
      g_autoptr(RubricDayCache) in_order = rubric_day_cache_new (zones[z]);
      g_autoptr(RubricDayCache) random = rubric_day_cache_new (zones[z]);
      g_autoptr(GRand) rand = g_rand_new_with_seed (z);

      g_assert_nonnull (zone);

      /* 7 min 13 s steps cross every slot edge at many offsets. */
      for (gint64 t = start; t < end; t += 433)
        g_assert_cmpint (rubric_day_cache_day (in_order, t), ==, reference_day (zone, t));

      for (guint i = 0; i < 20000; i++)
        {
          gint64 t = start + (gint64) g_rand_double_range (rand, 0, (double) (end - start));

          g_assert_cmpint (rubric_day_cache_day (random, t), ==, reference_day (zone, t));
        }
    }
}

/* The instants around the changes of 2026, second by second. */
static void
test_local_days_at_changes (void)
{
  struct { const char *zone; const char *change; } changes[] = {
    /* Riga: 03:00 → 04:00 on 03-29, 04:00 → 03:00 on 10-25 */
    { "Europe/Riga", "2026-03-29T01:00:00Z" },
    { "Europe/Riga", "2026-10-25T01:00:00Z" },
    /* St John's: 02:00 NST → 03:00 NDT, -03:30 → -02:30 */
    { "America/St_Johns", "2026-03-08T05:30:00Z" },
    { "America/St_Johns", "2026-11-01T04:30:00Z" },
    /* Lord Howe: +10:30 → +11:00 at 02:00, and back at 02:00 */
    { "Australia/Lord_Howe", "2026-10-03T15:30:00Z" },
    { "Australia/Lord_Howe", "2026-04-04T15:00:00Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (changes[i].zone);
      g_autoptr(RubricDayCache) cache = rubric_day_cache_new (changes[i].zone);
      gint64 change;
      int before, after;

      g_assert_true (rubric_time_parse_instant (changes[i].change, FALSE, &change));
      before = g_time_zone_get_offset (zone, g_time_zone_find_interval (
                                         zone, G_TIME_TYPE_UNIVERSAL, change - 1));
      after = g_time_zone_get_offset (zone, g_time_zone_find_interval (
                                        zone, G_TIME_TYPE_UNIVERSAL, change));
      g_assert_cmpint (before, !=, after);

      for (gint64 t = change - 1800; t <= change + 1800; t++)
        g_assert_cmpint (rubric_day_cache_day (cache, t), ==, reference_day (zone, t));
    }
}

/* A day begins at local midnight: the last second before it is the day
 * before, in zones east and west of UTC and with half-hour offsets. */
static void
test_day_edges (void)
{
  static const char * const days[] = { "2026-01-01", "2026-03-29", "2026-10-25", "2026-10-04",
                                       "2026-03-08", "2026-12-31", "0001-01-02", "9999-12-30" };

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    for (guint d = 0; d < G_N_ELEMENTS (days); d++)
      {
        g_autoptr(RubricDayCache) cache = rubric_day_cache_new (zones[z]);
        gint32 day;
        gint64 start;

        g_assert_true (rubric_day_parse (days[d], &day));
        start = rubric_day_start_utc (day, zones[z]);
        g_assert_cmpint (rubric_day_cache_day (cache, start), ==, day);
        g_assert_cmpint (rubric_day_cache_day (cache, start - 1), ==, day - 1);
        g_assert_cmpint (rubric_day_cache_day (cache, rubric_day_start_utc (day + 1, zones[z])
                                                      - 1), ==, day);
      }
}

/* An unknown zone, or one that is no IANA name, counts in UTC. */
static void
test_cache_unknown_zones (void)
{
  static const char * const bad[] = { NULL, "", "Mars/Olympus_Mons", "localtime",
                                      "../../../etc/passwd", "/usr/share/zoneinfo/Asia/Tokyo" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(RubricDayCache) cache = rubric_day_cache_new (bad[i]);

      /* 2026-01-01T23:30:00Z is 2026-01-02 in Tokyo, 2026-01-01 in UTC. */
      g_assert_cmpint (rubric_day_cache_day (cache, 1767310200), ==, 20454);
    }
}

/* Instants from a database edited by hand, at the ends of gint64 and of
 * the years 1 to 9999, give days within the years (one day either side
 * in a zone off UTC) and never overflow (UBSan: signed overflow). */
static void
test_cache_extreme_instants (void)
{
  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(RubricDayCache) cache = rubric_day_cache_new (zones[z]);
      const gint64 instants[] = { G_MININT64, G_MININT64 + 1, RUBRIC_TIME_FIRST - 1,
                                  RUBRIC_TIME_FIRST, RUBRIC_TIME_LAST, RUBRIC_TIME_LAST + 1,
                                  G_MAXINT64 - 1, G_MAXINT64 };

      for (guint i = 0; i < G_N_ELEMENTS (instants); i++)
        {
          gint32 day = rubric_day_cache_day (cache, instants[i]);

          g_assert_cmpint (day, >=, RUBRIC_DAY_FIRST - 1);
          g_assert_cmpint (day, <=, RUBRIC_DAY_LAST + 1);
        }

      g_assert_cmpint (rubric_day_cache_day (cache, G_MAXINT64), ==,
                       rubric_day_cache_day (cache, RUBRIC_TIME_LAST));
      g_assert_cmpint (rubric_day_cache_day (cache, G_MININT64), ==,
                       rubric_day_cache_day (cache, RUBRIC_TIME_FIRST));
    }
}

typedef struct
{
  char     *dir;
  RubricDb *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = test_tmpdir ();
  path = g_build_filename (fixture->dir, "rubric.db", NULL);
  fixture->db = rubric_db_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->db, rubric_db_close);
  test_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
exec (Fixture    *fixture,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rubric_db_exec (fixture->db, sql, &error));
  g_assert_no_error (error);
}

static gint64
query (Fixture    *fixture,
       const char *sql)
{
  RubricStmt *stmt;
  gint64 value;

  g_assert_cmpint (test_prepare_v2 (fixture->db, sql, -1, &stmt,
                                       NULL), ==, TEST_OK);
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
  value = rubric_stmt_column_int64 (stmt, 0);
  rubric_stmt_finalize (stmt);
  return value;
}

static void
assert_no_problems (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_true (rubric_db_check (fixture->db, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
import_calls (Fixture    *fixture,
              const char *rows)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strconcat ("call_id,entered_at,wait_s,outcome,talk_s,caller\n",
                                       rows, NULL);
  g_autofree char *path = test_write_file (fixture->dir, "calls.csv", text);
  RubricCallImportOptions options = { "Acme", NULL, NULL };

  g_assert_true (rubric_calls_import_csv (fixture->db, path, &options, NULL, NULL, NULL, NULL,
                                          &error));
  g_assert_no_error (error);
}

/* Imports keep the rollups in step; a new zone moves the calls' days, and
 * the rebuild puts each call in its new day, only for that vendor. */
static void
test_rebuild_vendor (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint32 jan1, dec31;

  g_assert_true (rubric_day_parse ("2026-01-01", &jan1));
  g_assert_true (rubric_day_parse ("2025-12-31", &dec31));

  import_calls (fixture,
                /* 2025-12-31T23:30Z: 2025-12-31 in UTC, 2026-01-01 in Riga */
                "a,2025-12-31T23:30:00Z,12,answered,60,+371 1\n"
                "b,2026-01-01T10:00:00Z,3.5,abandoned,,\n"
                "c,2026-01-01T11:00:00Z,1,answered,30,+371 1\n");
  assert_no_problems (fixture);
  g_assert_cmpint (query (fixture, "SELECT sum (n) FROM call_rollups WHERE kind = 1"
                                   " AND day = 20453"), ==, 1);
  g_assert_cmpint (dec31, ==, 20453);

  /* Another vendor, whose rollups must stay as they are. */
  exec (fixture, "INSERT INTO vendors (name, timezone) VALUES ('Other', 'UTC');"
                 "INSERT INTO call_rollups VALUES (2, 1, 1, 0, 7, 0)");

  exec (fixture, "UPDATE vendors SET timezone = 'Europe/Riga' WHERE name = 'Acme'");
  g_assert_true (rubric_rollups_rebuild_vendor (fixture->db, 1, &error));
  g_assert_no_error (error);

  g_assert_cmpint (query (fixture, "SELECT count (*) FROM call_rollups WHERE vendor_id = 1"
                                   " AND day = 20453"), ==, 0);
  g_assert_cmpint (query (fixture, "SELECT sum (n) FROM call_rollups WHERE vendor_id = 1"
                                   " AND day = 20454 AND kind = 1"), ==, 2);
  g_assert_cmpint (query (fixture, "SELECT n FROM call_rollups WHERE vendor_id = 2"), ==, 7);
  g_assert_cmpint (query (fixture, "SELECT sum (n) FROM call_rollups WHERE vendor_id = 1"
                                   " AND kind = 6"), ==, 2);
  g_assert_cmpint (query (fixture, "SELECT bucket FROM call_rollups WHERE vendor_id = 1"
                                   " AND kind = 2"), ==, 7);
  g_assert_cmpint (query (fixture, "SELECT rubric_local_day (1767223800, 'Europe/Riga')"),
                   ==, jan1);
  g_assert_cmpint (query (fixture, "SELECT rubric_local_day (1767223800, NULL)"), ==, dec31);

  exec (fixture, "DELETE FROM call_rollups WHERE vendor_id = 2; DELETE FROM vendors"
                 " WHERE name = 'Other'");
  assert_no_problems (fixture);
}

/* Instants at the ends of gint64 and of the years 1 to 9999, stored in the
 * database by hand: the rollups, the check and the KPIs take them without
 * overflowing, each in a day within the years (±1 in a zone off UTC). */
static void
test_extreme_instants (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricCachedStmt) insert = NULL;
  const gint64 instants[] = { G_MININT64, RUBRIC_TIME_FIRST, 0, RUBRIC_TIME_LAST, G_MAXINT64 };

  exec (fixture, "INSERT INTO vendors (name, timezone) VALUES ('Acme', 'Pacific/Kiritimati');"
                 "INSERT INTO sources (name) VALUES ('hand');"
                 "INSERT INTO queues (name, vendor_id) VALUES ('q', 1)");
  insert = rubric_db_cached (fixture->db,
                              "INSERT INTO calls (source_id, call_id, queue_id, entered_at,"
                              " vendor_id, outcome, wait_s, talk_s, caller)"
                              " VALUES (1, ?1, 1, ?2, 1, 1, 5, 10, '+1')", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (instants); i++)
    {
      g_autofree char *id = g_strdup_printf ("x%u", i);

      rubric_stmt_bind_text (insert, 1, id);
      rubric_stmt_bind_int64 (insert, 2, instants[i]);
      g_assert_true (rubric_db_step_done (fixture->db, insert, &error));
    }

  g_assert_true (rubric_rollups_rebuild_vendor (fixture->db, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (fixture, "SELECT sum (n) FROM call_rollups WHERE kind = 1"), ==, 5);
  g_assert_cmpint (query (fixture, "SELECT min (day) FROM call_rollups"), >=,
                   RUBRIC_DAY_FIRST - 1);
  g_assert_cmpint (query (fixture, "SELECT max (day) FROM call_rollups"), <=,
                   RUBRIC_DAY_LAST + 1);
  g_assert_cmpint (query (fixture, "SELECT rubric_local_day (9223372036854775807, 'UTC')"), ==,
                   RUBRIC_DAY_LAST);
  g_assert_cmpint (query (fixture, "SELECT rubric_local_day (-9223372036854775808, 'UTC')"),
                   ==, RUBRIC_DAY_FIRST);

  /* The check recomputes the rollups the same way: no difference. */
  {
    g_autoptr(GPtrArray) problems = NULL;

    g_assert_true (rubric_db_check (fixture->db, &problems, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 1);  /* the gaps the hand-made rows lack */
    g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "gap"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rollups/wait-bucket", test_wait_bucket);
  g_test_add_func ("/rollups/gap-bucket", test_gap_bucket);
  g_test_add_func ("/rollups/local-days", test_local_days);
  g_test_add_func ("/rollups/local-days-at-changes", test_local_days_at_changes);
  g_test_add_func ("/rollups/day-edges", test_day_edges);
  g_test_add_func ("/rollups/cache-unknown-zones", test_cache_unknown_zones);
  g_test_add_func ("/rollups/cache-extreme-instants", test_cache_extreme_instants);
  g_test_add ("/rollups/rebuild-vendor", Fixture, NULL, fixture_set_up, test_rebuild_vendor,
              fixture_tear_down);
  g_test_add ("/rollups/extreme-instants", Fixture, NULL, fixture_set_up, test_extreme_instants,
              fixture_tear_down);

  return g_test_run ();
}
