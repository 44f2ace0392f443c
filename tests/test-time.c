/* test-time.c — tests of instants, calendar days and number parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "rubric-time.h"

/* 2023-02-06T22:02:47Z */
#define T0 G_GINT64_CONSTANT (1675720967)

static void
test_time_parse_instant (void)
{
  static const struct
  {
    const char *text;
    gint64      expected;
  } good[] = {
    { "2023-02-06T22:02:47Z", T0 },
    { "2023-02-06T23:02:47+01:00", T0 },
    { "2023-02-06T23:02:47+0100", T0 },
    { "2023-02-06T23:02:47+01", T0 },
    { "2023-02-06T20:32:47-01:30", T0 },
    { "2023-02-07T00:02:47+02:00", T0 },
    { "2023-02-06 22:02:47Z", T0 },
    { "2023-02-06 23:02:47+01:00", T0 },
    /* Fractions are cut toward the past. */
    { "2023-02-06T22:02:47.999Z", T0 },
    { "2023-02-06T22:02:47,5Z", T0 },
    { "2023-02-06T22:02:47.123456789+00:00", T0 },
    { "1969-12-31T23:59:59.5Z", -1 },
    { "1970-01-01T00:00:00Z", 0 },
    { "2024-02-29T00:00:00Z", G_GINT64_CONSTANT (1709164800) },
    { "2023-02-06T22:02Z", G_GINT64_CONSTANT (1675720920) },
    { "2023-02-06T23:02+01:00", G_GINT64_CONSTANT (1675720920) },
    /* Other ISO 8601 forms, read by GLib. */
    { "20230206T220247Z", T0 },
    { "20230206T230247+0100", T0 },
  };
  static const char * const bad[] = {
    "",
    "garbage",
    "2023-02-06",
    "2023-02-06T22:02:47",        /* no zone */
    "2023-02-06 22:02:47",
    "2023-02-06T22:02:47.5",
    "2023-02-30T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "2023-13-01T00:00:00Z",
    "2023-00-01T00:00:00Z",
    "2023-02-06T24:00:00Z",
    "2023-02-06T22:60:00Z",
    "2023-02-06T22:02:60Z",
    "2023-02-06T22:02:47+25:00",
    "2023-02-06T22:02:47+01:60",
    "2023-02-06T22:02:47.Z",
    "2023-02-06T22:02.5Z",
    "2023-02-06T22:02",
    "2023-02-06T22:02:47Zjunk",
    "2023-02-06T22:02:47 Z",
    " 2023-02-06T22:02:47Z",
    "2023-02-06T22:02:47Z ",
    "2023-2-6T22:02:47Z",
    "1675720967",                 /* epoch, not allowed here */
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 value = G_MININT64;

      if (!rubric_time_parse_instant (good[i].text, FALSE, &value))
        g_error ("“%s” was refused", good[i].text);
      g_assert_cmpint (value, ==, good[i].expected);

      /* Allowing epochs changes nothing for ISO times. */
      value = G_MININT64;
      g_assert_true (rubric_time_parse_instant (good[i].text, TRUE, &value));
      g_assert_cmpint (value, ==, good[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 value = 42;

      if (rubric_time_parse_instant (bad[i], FALSE, &value))
        g_error ("“%s” was taken as %" G_GINT64_FORMAT, bad[i], value);
      g_assert_cmpint (value, ==, 42);
    }

  {
    gint64 value = 42;

    g_assert_false (rubric_time_parse_instant (NULL, TRUE, &value));
    g_assert_cmpint (value, ==, 42);
  }
}

static void
test_time_parse_epoch (void)
{
  static const struct
  {
    const char *text;
    gint64      expected;
  } good[] = {
    { "1675720967", T0 },
    { "1675720967.25", T0 },
    { "1675720967.999999", T0 },
    { "0", 0 },
    { "0.5", 0 },
    { "253402300799", G_GINT64_CONSTANT (253402300799) },
  };
  static const char * const bad[] = {
    "", "-5", "+5", "1e9", "0x10", "1675720967.", ".5", "1675720967x", " 1675720967",
    "1675720967 ", "253402300800", "99999999999999999999999", "1,5",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 value = G_MININT64;

      if (!rubric_time_parse_instant (good[i].text, TRUE, &value))
        g_error ("“%s” was refused", good[i].text);
      g_assert_cmpint (value, ==, good[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 value = 42;

      if (rubric_time_parse_instant (bad[i], TRUE, &value))
        g_error ("“%s” was taken as %" G_GINT64_FORMAT, bad[i], value);
    }
}

/* The fast path for the common form agrees with GLib's own parser. */
static void
test_time_parse_agrees_with_glib (void)
{
  static const char * const zones[] = { "Z", "+00:00", "+05:30", "-09:45", "+14:00", "-12:00" };
  static const char * const times[] = {
    "0001-01-01T00:00:00", "1600-02-29T12:34:56", "1900-03-01T00:00:00",
    "1969-12-31T23:59:59", "2000-02-29T23:59:59", "2038-01-19T03:14:08",
    "2100-12-31T12:00:00", "9999-12-30T23:59:59",
  };

  for (guint t = 0; t < G_N_ELEMENTS (times); t++)
    for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
      {
        g_autofree char *text = g_strconcat (times[t], zones[z], NULL);
        g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);
        gint64 value = 0;

        g_assert_nonnull (dt);

        /* GLib takes a local time of the year 1 whose instant is in the
         * year 0; Rubric could not write it back, and refuses it. */
        if (g_date_time_to_unix (dt) < RUBRIC_TIME_FIRST)
          {
            g_assert_false (rubric_time_parse_instant (text, FALSE, &value));
            continue;
          }

        g_assert_true (rubric_time_parse_instant (text, FALSE, &value));
        g_assert_cmpint (value, ==, g_date_time_to_unix (dt));
      }
}

static void
test_time_format_instant (void)
{
  g_autofree char *t0 = rubric_time_format_instant (T0);
  g_autofree char *epoch = rubric_time_format_instant (0);
  g_autofree char *before = rubric_time_format_instant (-1);
  gint64 value = 0;

  g_assert_cmpstr (t0, ==, "2023-02-06T22:02:47Z");
  g_assert_cmpstr (epoch, ==, "1970-01-01T00:00:00Z");
  g_assert_cmpstr (before, ==, "1969-12-31T23:59:59Z");

  g_assert_true (rubric_time_parse_instant (before, FALSE, &value));
  g_assert_cmpint (value, ==, -1);
}

static void
test_time_parse_date (void)
{
  static const char * const bad[] = {
    "", "2023-02-29", "2026-3-29", "2026-03-29x", "2026-03-29T00:00:00Z", "26-03-29",
    "2026/03/29", "2026-13-01", "2026-00-10", "2026-01-00", "0000-01-01", " 2026-03-29",
  };
  GDate date;

  g_assert_true (rubric_time_parse_date ("2026-03-29", &date));
  g_assert_cmpint (g_date_get_year (&date), ==, 2026);
  g_assert_cmpint (g_date_get_month (&date), ==, 3);
  g_assert_cmpint (g_date_get_day (&date), ==, 29);

  g_assert_true (rubric_time_parse_date ("2024-02-29", &date));
  g_assert_true (rubric_time_parse_date ("0001-01-01", &date));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (rubric_time_parse_date (bad[i], &date))
      g_error ("“%s” was taken as a date", bad[i]);

  g_assert_false (rubric_time_parse_date (NULL, &date));
}

static gint64
day_start (const char *day,
           const char *tzid)
{
  GDate date;

  g_assert_true (rubric_time_parse_date (day, &date));
  return rubric_time_day_start (&date, tzid);
}

static void
test_time_day_start (void)
{
  /* Riga: +02:00 in winter, +03:00 in summer; the clocks change at 03:00
   * local on the last Sundays of March and October. */
  g_assert_cmpint (day_start ("2026-03-28", "Europe/Riga"), ==,
                   G_GINT64_CONSTANT (1774735200) - 24 * 3600);
  g_assert_cmpint (day_start ("2026-03-29", "Europe/Riga"), ==,
                   G_GINT64_CONSTANT (1774735200));  /* 2026-03-28T22:00:00Z */
  g_assert_cmpint (day_start ("2026-03-30", "Europe/Riga"), ==,
                   G_GINT64_CONSTANT (1774818000));  /* 2026-03-29T21:00:00Z */
  g_assert_cmpint (day_start ("2026-10-25", "Europe/Riga"), ==,
                   G_GINT64_CONSTANT (1792875600));  /* 2026-10-24T21:00:00Z */
  g_assert_cmpint (day_start ("2026-10-26", "Europe/Riga"), ==,
                   G_GINT64_CONSTANT (1792965600));  /* 2026-10-25T22:00:00Z */

  /* The day of the change lasts 23 hours in spring and 25 in autumn. */
  g_assert_cmpint (day_start ("2026-03-30", "Europe/Riga") -
                   day_start ("2026-03-29", "Europe/Riga"), ==, 23 * 3600);
  g_assert_cmpint (day_start ("2026-10-26", "Europe/Riga") -
                   day_start ("2026-10-25", "Europe/Riga"), ==, 25 * 3600);

  g_assert_cmpint (day_start ("2026-03-29", "UTC"), ==, G_GINT64_CONSTANT (1774742400));
  g_assert_cmpint (day_start ("1970-01-01", "UTC"), ==, 0);
  g_assert_cmpint (day_start ("1999-02-01", "Asia/Jerusalem"), ==,
                   G_GINT64_CONSTANT (917820000));  /* 1999-01-31T22:00:00Z */

  /* Where the clocks jump over midnight, the day begins at the jump:
   * São Paulo 2018-11-04 went from 00:00 -03 to 01:00 -02. */
  g_assert_cmpint (day_start ("2018-11-04", "America/Sao_Paulo"), ==,
                   G_GINT64_CONSTANT (1541300400));  /* 2018-11-04T03:00:00Z */
  /* Havana 2023-03-12 likewise, from 00:00 CST to 01:00 CDT. */
  g_assert_cmpint (day_start ("2023-03-12", "America/Havana"), ==,
                   G_GINT64_CONSTANT (1678597200));  /* 2023-03-12T05:00:00Z */
  /* Where midnight happens twice (Havana 2023-11-05, from 01:00 CDT back
   * to 00:00 CST), the day begins at the first. */
  g_assert_cmpint (day_start ("2023-11-05", "America/Havana"), ==,
                   G_GINT64_CONSTANT (1699156800));  /* 2023-11-05T04:00:00Z */
  /* São Paulo 2018-02-18: 00:00 -02 became 23:00 -03 the day before, so
   * the 17th has 25 hours and the 18th begins once, at 03:00Z. */
  g_assert_cmpint (day_start ("2018-02-18", "America/Sao_Paulo"), ==,
                   G_GINT64_CONSTANT (1518922800));
  g_assert_cmpint (day_start ("2018-02-18", "America/Sao_Paulo") -
                   day_start ("2018-02-17", "America/Sao_Paulo"), ==, 25 * 3600);

  /* An unknown zone is UTC. */
  g_assert_cmpint (day_start ("2026-03-29", "Nowhere/Atlantis"), ==,
                   G_GINT64_CONSTANT (1774742400));
}

static void
test_time_zone_is_valid (void)
{
  g_assert_true (rubric_time_zone_is_valid ("Europe/Riga"));
  g_assert_true (rubric_time_zone_is_valid ("UTC"));
  g_assert_false (rubric_time_zone_is_valid ("Nowhere/Atlantis"));
  g_assert_false (rubric_time_zone_is_valid (""));
  g_assert_false (rubric_time_zone_is_valid (NULL));
  g_assert_false (rubric_time_zone_is_valid ("localtime"));
  g_assert_false (rubric_time_zone_is_valid ("posixrules"));
  g_assert_false (rubric_time_zone_is_valid ("/etc/localtime"));
  g_assert_false (rubric_time_zone_is_valid ("../../etc/passwd"));
  g_assert_false (rubric_time_zone_is_valid ("Europe/../Europe/Riga"));
  g_assert_false (rubric_time_zone_is_valid ("EET-2EEST,M3.5.0/3,M10.5.0/4"));
  g_assert_false (rubric_time_zone_is_valid ("ABC+3"));
  g_assert_true (rubric_time_zone_is_valid ("Etc/GMT+3"));
  g_assert_true (rubric_time_zone_is_valid ("Australia/Lord_Howe"));
}

static void
check_doubles (void)
{
  static const struct
  {
    const char *text;
    double      expected;
  } good[] = {
    { "3.5", 3.5 },
    { " 3.5 ", 3.5 },
    { "-0", 0 },
    { "+2", 2 },
    { "1e3", 1000 },
    { "1E-2", 0.01 },
    { ".5", 0.5 },
    { "5.", 5 },
    { "0012", 12 },
    { "-12.25", -12.25 },
  };
  static const char * const bad[] = {
    "", " ", "1,5", "0x10", "inf", "-inf", "infinity", "nan", "NAN", "1e999", "-1e999",
    "\t3", "3\t", "3\n", "3 4", "--3", "+-3", "e5", "1e", "1e+", ".", "-", "3.5.1", "1_000",
    "٣",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      double value = -1;

      if (!rubric_parse_double (good[i].text, &value))
        g_error ("“%s” was refused", good[i].text);
      g_assert_cmpfloat_with_epsilon (value, good[i].expected, 1e-12);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      double value = 42;

      if (rubric_parse_double (bad[i], &value))
        g_error ("“%s” was taken as %g", bad[i], value);
      g_assert_cmpfloat (value, ==, 42);
    }

  {
    double value = 42;

    g_assert_false (rubric_parse_double (NULL, &value));
  }
}

static void
test_time_parse_double (void)
{
  check_doubles ();

  /* The C locale whatever the user's is. */
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") != NULL ||
      setlocale (LC_NUMERIC, "fr_FR.UTF-8") != NULL)
    {
      check_doubles ();
      setlocale (LC_NUMERIC, "C");
    }
}

/* A zone read back from the database is looked up only when it is a valid
 * name: a relative path that leads out of the zone database to a zone file
 * elsewhere (here Asia/Tokyo, UTC+9, copied to a temporary folder) is UTC,
 * not that file. */
static void
test_time_zone_outside_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *tzid = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  gsize length;
  GDate date;

  if (!g_file_get_contents ("/usr/share/zoneinfo/Asia/Tokyo", &contents, &length, NULL))
    {
      g_test_skip ("no zone database");
      return;
    }

  dir = g_dir_make_tmp ("rubric-zone-XXXXXX", &error);
  g_assert_no_error (error);
  copy = g_build_filename (dir, "Tokyo", NULL);
  g_assert_true (g_file_set_contents (copy, contents, (gssize) length, &error));
  tzid = g_strconcat ("../../..", copy, NULL);

  /* GLib itself would read it. */
  tz = g_time_zone_new_identifier (tzid);
  g_assert_nonnull (tz);
  g_assert_cmpint (g_time_zone_get_offset (tz, g_time_zone_find_interval (
                     tz, G_TIME_TYPE_UNIVERSAL, 1767225600)), ==, 9 * 3600);
  g_clear_pointer (&tz, g_time_zone_unref);

  g_assert_false (rubric_time_zone_is_valid (tzid));
  tz = rubric_time_zone_new (tzid);
  g_assert_cmpint (g_time_zone_get_offset (tz, 0), ==, 0);
  g_assert_cmpstr (g_time_zone_get_identifier (tz), ==, "UTC");

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2026);
  g_assert_cmpint (rubric_time_day_start (&date, tzid), ==, 1767225600);

  g_unlink (copy);
  g_rmdir (dir);
}

/* Instants at the ends of what Rubric reads: the text forms refuse what
 * falls outside the years 1 to 9999 in UTC, and writing clamps to them. */
static void
test_time_bounds (void)
{
  static const char * const outside[] = {
    "0001-01-01T00:00:00+00:01", "0001-01-01T00:59:59+01:00", "9999-12-31T23:59:59-00:01",
    "9999-12-31T23:00:00-05:00", "253402300800", "9223372036854775807",
    "99999999999999999999",
  };
  gint64 value = 0;

  g_assert_true (rubric_time_parse_instant ("0001-01-01T00:00:00Z", FALSE, &value));
  g_assert_cmpint (value, ==, RUBRIC_TIME_FIRST);
  g_assert_true (rubric_time_parse_instant ("0001-01-01T00:00:00-01:00", FALSE, &value));
  g_assert_cmpint (value, ==, RUBRIC_TIME_FIRST + 3600);
  g_assert_true (rubric_time_parse_instant ("9999-12-31T23:59:59Z", FALSE, &value));
  g_assert_cmpint (value, ==, RUBRIC_TIME_LAST);
  g_assert_true (rubric_time_parse_instant ("253402300799", TRUE, &value));
  g_assert_cmpint (value, ==, RUBRIC_TIME_LAST);

  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    if (rubric_time_parse_instant (outside[i], TRUE, &value))
      g_error ("“%s” was taken as %" G_GINT64_FORMAT, outside[i], value);

  {
    g_autofree char *max = rubric_time_format_instant (G_MAXINT64);
    g_autofree char *min = rubric_time_format_instant (G_MININT64);
    g_autofree char *last = rubric_time_format_instant (RUBRIC_TIME_LAST);
    g_autofree char *first = rubric_time_format_instant (RUBRIC_TIME_FIRST);

    g_assert_cmpstr (max, ==, "9999-12-31T23:59:59Z");
    g_assert_cmpstr (last, ==, "9999-12-31T23:59:59Z");
    g_assert_cmpstr (min, ==, "0001-01-01T00:00:00Z");
    g_assert_cmpstr (first, ==, "0001-01-01T00:00:00Z");
  }

  /* The shared calendar arithmetic, at and beyond the ends. */
  g_assert_cmpint (rubric_days_from_civil (1, 1, 1) * 86400, ==, RUBRIC_TIME_FIRST);
  g_assert_cmpint (rubric_days_from_civil (9999, 12, 31) * 86400 + 86399, ==, RUBRIC_TIME_LAST);
  g_assert_cmpint (rubric_days_from_civil (1970, 1, 1), ==, 0);
  g_assert_cmpint (rubric_days_from_civil (1969, 12, 31), ==, -1);
  g_assert_cmpint (rubric_days_from_civil (-400, 3, 1), ==,
                   rubric_days_from_civil (0, 3, 1) - 146097);
  for (gint64 d = -1000000; d < 3000000; d += 997)
    {
      gint64 year;
      int month, day;

      rubric_civil_from_days (d, &year, &month, &day);
      g_assert_cmpint (rubric_days_from_civil (year, month, day), ==, d);
    }
  g_assert_cmpint (rubric_floor_div (-1, 86400), ==, -1);
  g_assert_cmpint (rubric_floor_div (-86400, 86400), ==, -1);
  g_assert_cmpint (rubric_floor_div (86399, 86400), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time/parse-instant", test_time_parse_instant);
  g_test_add_func ("/time/parse-epoch", test_time_parse_epoch);
  g_test_add_func ("/time/parse-agrees-with-glib", test_time_parse_agrees_with_glib);
  g_test_add_func ("/time/format-instant", test_time_format_instant);
  g_test_add_func ("/time/parse-date", test_time_parse_date);
  g_test_add_func ("/time/day-start", test_time_day_start);
  g_test_add_func ("/time/zone-is-valid", test_time_zone_is_valid);
  g_test_add_func ("/time/bounds", test_time_bounds);
  g_test_add_func ("/time/zone-outside-database", test_time_zone_outside_database);
  g_test_add_func ("/time/parse-double", test_time_parse_double);

  return g_test_run ();
}
