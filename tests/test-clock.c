/* test-clock.c — the one clock: pinned, from RUBRIC_NOW, and today in a zone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "rubric-clock.h"
#include "rubric-period.h"

static gint32
day (int year,
     int month,
     int mday)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, mday, month, year);
  return rubric_day_from_date (&date);
}

/* A pinned clock stands still, and "today" depends on the zone: at
 * 2026-12-31T23:30Z it is already 1 January on Kiritimati (UTC+14), still
 * 31 December in UTC and in Los Angeles (UTC−8). */
static void
test_pinned (void)
{
  g_autoptr(GDateTime) utc = NULL;

  rubric_clock_pin (1798759800);   /* 2026-12-31T23:30:00Z */
  g_assert_cmpint (rubric_clock_now (), ==, 1798759800);
  g_assert_cmpint (rubric_clock_now (), ==, 1798759800);
  utc = rubric_clock_now_utc ();
  g_assert_cmpint (g_date_time_get_year (utc), ==, 2026);
  g_assert_cmpint (g_date_time_get_hour (utc), ==, 23);

  g_assert_cmpint (rubric_clock_today ("UTC"), ==, day (2026, 12, 31));
  g_assert_cmpint (rubric_clock_today ("Pacific/Kiritimati"), ==, day (2027, 1, 1));
  g_assert_cmpint (rubric_clock_today ("America/Los_Angeles"), ==, day (2026, 12, 31));
  g_assert_cmpint (rubric_clock_today ("Australia/Lord_Howe"), ==, day (2027, 1, 1));
  /* Not a zone: UTC. */
  g_assert_cmpint (rubric_clock_today ("Not/AZone"), ==, day (2026, 12, 31));

  /* Spring forward in Europe (2027-03-28, 01:00Z): Riga is at 04:30 EEST. */
  rubric_clock_pin (1806197400);   /* 2027-03-28T01:30:00Z */
  g_assert_cmpint (rubric_clock_today ("Europe/Riga"), ==, day (2027, 3, 28));
  g_assert_cmpint (rubric_clock_today ("America/St_Johns"), ==, day (2027, 3, 27));

  /* 29 February. */
  rubric_clock_pin (1835438400);   /* 2028-02-29T12:00:00Z */
  g_assert_cmpint (rubric_clock_today ("Asia/Kolkata"), ==, day (2028, 2, 29));
  g_assert_cmpint (rubric_clock_today ("Pacific/Kiritimati"), ==, day (2028, 3, 1));

  rubric_clock_unpin ();
}

/* Unpinned, the clock runs with the system's. */
static void
test_running (void)
{
  gint64 before, now;

  rubric_clock_unpin ();
  before = g_get_real_time () / G_USEC_PER_SEC;
  now = rubric_clock_now ();
  g_assert_cmpint (now, >=, before);
  g_assert_cmpint (now, <=, before + 60);
}

/* A child process is pinned by RUBRIC_NOW, an ISO 8601 instant or epoch
 * seconds; anything else is a warning and the clock runs. */
static void
test_env (void)
{
  if (g_test_subprocess ())
    {
      g_assert_cmpint (rubric_clock_now (), ==, 1796634000);
      g_assert_cmpint (rubric_clock_today ("Pacific/Kiritimati"), ==, day (2026, 12, 7));
      return;
    }

  g_setenv ("RUBRIC_NOW", "2026-12-07T09:00:00Z", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_setenv ("RUBRIC_NOW", "1796634000", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_unsetenv ("RUBRIC_NOW");
}

static void
test_env_bad (void)
{
  if (g_test_subprocess ())
    {
      rubric_clock_now ();
      return;
    }

  g_setenv ("RUBRIC_NOW", "next Monday", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*RUBRIC_NOW=next Monday is not an instant*");
  g_unsetenv ("RUBRIC_NOW");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clock/pinned", test_pinned);
  g_test_add_func ("/clock/running", test_running);
  g_test_add_func ("/clock/env", test_env);
  g_test_add_func ("/clock/env-bad", test_env_bad);

  return g_test_run ();
}
