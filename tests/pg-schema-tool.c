/* pg-schema-tool.c — what test-pg-schema.sh feeds a throw-away PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "migrations": the team database's migrations 1 to RUBRIC_DB_SCHEMA_VERSION
 * as one transaction, as the backend applies them.
 * "samples": instants and zones with the local day and clock the C code
 * gives (rubric_day_cache_day, and GLib's offset as the SQLite function
 * rubric_local_clock reads it), and waits and gaps with their buckets, for
 * the SQL functions to be compared with.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "rubric-db-private.h"
#include "rubric-rollups.h"
#include "rubric-time.h"

static const char * const zones[] = {
  "UTC", "Europe/Riga", "Europe/Paris", "CET", "EET", "WET", "MET", "EST", "EST5EDT", "GB",
  "America/Chicago", "America/St_Johns", "America/Sao_Paulo", "Australia/Sydney",
  "Australia/Lord_Howe", "Pacific/Chatham", "Pacific/Apia", "Asia/Kolkata", "Asia/Kathmandu",
  "Africa/Casablanca", "Antarctica/Troll", "Etc/GMT-14", "Etc/GMT+12", "Factory",
  /* Taken as UTC by both. */
  "europe/riga", "Europe/RIGA", "ABC+3", "UTC+3", "PST", "Europe/Nowhere", "../etc/passwd",
  "posix/Europe/Riga", "",
};

static void
print_samples (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(RubricDayCache) cache = rubric_day_cache_new (zones[z]);
      g_autoptr(GTimeZone) zone = rubric_time_zone_new (zones[z]);

      for (int k = 0; k < 300; k++)
        {
          gint64 t;
          int interval;

          switch (k % 3)
            {
            case 0:  t = (gint64) g_rand_double_range (rand, RUBRIC_TIME_FIRST, RUBRIC_TIME_LAST); break;
            case 1:  t = (gint64) g_rand_double_range (rand, -3e9, 4.2e9); break;
            default: t = (gint64) g_rand_double_range (rand, 1.6e9, 1.9e9); break;
            }
          if (k == 0)
            t = RUBRIC_TIME_FIRST;
          else if (k == 1)
            t = RUBRIC_TIME_LAST;
          else if (k == 2)
            t = G_GINT64_CONSTANT (300000000000);

          interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, rubric_time_clamp (t));
          printf ("t\t%" G_GINT64_FORMAT "\t%s\t%d\t%" G_GINT64_FORMAT "\n", t, zones[z],
                  rubric_day_cache_day (cache, t),
                  t + g_time_zone_get_offset (zone, interval));
        }
    }

  {
    static const double waits[] = { 0.0, -0.0, -3, 0.5, 1, 1.0000001, 2.9999999999, 86399.5,
                                    86400, 86400.0000001, 86401, 1e300, 4.9e-324 };

    for (guint i = 0; i < G_N_ELEMENTS (waits); i++)
      printf ("w\t%.17g\t%" G_GINT64_FORMAT "\n", waits[i], rubric_wait_bucket (waits[i]));
    printf ("w\tNaN\t%" G_GINT64_FORMAT "\n", rubric_wait_bucket (NAN));
    printf ("w\tInfinity\t%" G_GINT64_FORMAT "\n", rubric_wait_bucket (INFINITY));
    for (int i = 0; i < 2000; i++)
      {
        double w = floor (g_rand_double_range (rand, -10, 90000) * 4) / (i % 2 ? 4 : 7);

        printf ("w\t%.17g\t%" G_GINT64_FORMAT "\n", w, rubric_wait_bucket (w));
      }
  }

  {
    static const gint64 gaps[] = { G_MININT64, -1, 0, 1, 86399, 86400, 86401, 366 * 86400,
                                   366 * 86400 + 1, G_MAXINT64 };

    for (guint i = 0; i < G_N_ELEMENTS (gaps); i++)
      printf ("g\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\n", gaps[i],
              rubric_gap_bucket (gaps[i]));
    for (int i = 0; i < 2000; i++)
      {
        gint64 g = g_rand_int_range (rand, -100000, 40000000);

        printf ("g\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\n", g, rubric_gap_bucket (g));
      }
  }
}

int
main (int    argc,
      char **argv)
{
  if (argc == 2 && g_str_equal (argv[1], "migrations"))
    {
      printf ("BEGIN;\n");
      for (int v = 1; v <= RUBRIC_DB_SCHEMA_VERSION; v++)
        printf ("%s\n", rubric_db_pg_migrations[v]);
      printf ("UPDATE rubric_schema SET version = %d;\nCOMMIT;\n", RUBRIC_DB_SCHEMA_VERSION);
      return 0;
    }

  if (argc == 2 && g_str_equal (argv[1], "samples"))
    {
      print_samples ();
      return 0;
    }

  fprintf (stderr, "usage: pg-schema-tool migrations|samples\n");
  return 2;
}
