/* test-period.c — tests of days, periods and where days begin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rubric-error.h"
#include "rubric-period.h"

static gint32
day (const char *text)
{
  gint32 value = G_MININT32;

  if (!rubric_day_parse (text, &value))
    g_error ("“%s” is not a day", text);
  return value;
}

static void
assert_range (RubricDayRange  range,
              const char     *first,
              const char     *last)
{
  g_autofree char *first_text = rubric_day_format (range.first);
  g_autofree char *last_text = rubric_day_format (range.last);

  g_assert_cmpstr (first_text, ==, first);
  g_assert_cmpstr (last_text, ==, last);
}

static void
assert_period (const char       *text,
               RubricPeriodKind  kind,
               const char       *first,
               const char       *last)
{
  g_autoptr(GError) error = NULL;
  RubricDayRange range = { 0, 0 };
  RubricPeriodKind found = (RubricPeriodKind) -1;

  if (!rubric_period_parse (text, &range, &found, &error))
    g_error ("“%s” was refused: %s", text, error->message);
  g_assert_no_error (error);
  g_assert_cmpint (found, ==, kind);
  assert_range (range, first, last);
}

static void
assert_not_period (const char *text,
                   const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = g_strdup_printf ("“%s”", text);
  RubricDayRange range = { 7, 7 };
  RubricPeriodKind kind = RUBRIC_PERIOD_DAY;

  g_assert_false (rubric_period_parse (text, &range, &kind, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_USAGE);
  if (strstr (error->message, quoted) == NULL || strstr (error->message, fragment) == NULL)
    g_error ("“%s”: expected “%s” and “%s” in “%s”", text, quoted, fragment, error->message);

  /* Nothing is written on failure. */
  g_assert_cmpint (range.first, ==, 7);
  g_assert_cmpint (range.last, ==, 7);
  g_assert_cmpint (kind, ==, RUBRIC_PERIOD_DAY);
}

static void
test_day_numbers (void)
{
  static const struct
  {
    const char *text;
    gint32      day;
  } cases[] = {
    { "1970-01-01", 0 },
    { "1970-01-02", 1 },
    { "1969-12-31", -1 },
    { "2000-03-01", 11017 },
    { "2026-10-25", 20751 },
    { "0001-01-01", -719162 },
    { "9999-12-31", 2932896 },
  };
  static const char * const refused[] = {
    "", "2026-02-29", "2024-02-30", "2100-02-29", "2026-13-01", "2026-00-10", "2026-01-00",
    "2026-01-32", "0000-01-01", "2026-1-01", "2026-01-1", "26-01-01", "2026-01-01 ",
    " 2026-01-01", "2026-01-01T00:00", "20260101", "2026/01/01", "+2026-01-01", NULL,
  };
  gint32 value;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rubric_day_format (cases[i].day);
      GDate date;

      g_assert_true (rubric_day_parse (cases[i].text, &value));
      g_assert_cmpint (value, ==, cases[i].day);
      g_assert_cmpstr (text, ==, cases[i].text);

      /* The same numbering as GDate's julian days, shifted to 1970. */
      rubric_day_to_date (cases[i].day, &date);
      g_assert_true (g_date_valid (&date));
      g_assert_cmpint (rubric_day_from_date (&date), ==, cases[i].day);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_false (rubric_day_parse (refused[i], &value));

  g_assert_true (rubric_day_parse ("2024-02-29", &value));
  g_assert_true (rubric_day_parse ("2000-02-29", &value));

  /* Every day of four centuries agrees with GDate, both ways. */
  for (gint32 d = day ("1900-01-01"); d <= day ("2300-12-31"); d++)
    {
      g_autofree char *text = rubric_day_format (d);
      GDate date;
      char expected[16];

      rubric_day_to_date (d, &date);
      g_date_strftime (expected, sizeof expected, "%Y-%m-%d", &date);
      g_assert_cmpstr (text, ==, expected);
      g_assert_cmpint (rubric_day_from_date (&date), ==, d);
    }
}

static void
test_period_months (void)
{
  assert_period ("2026-01", RUBRIC_PERIOD_MONTH, "2026-01-01", "2026-01-31");
  assert_period ("2026-02", RUBRIC_PERIOD_MONTH, "2026-02-01", "2026-02-28");
  assert_period ("2024-02", RUBRIC_PERIOD_MONTH, "2024-02-01", "2024-02-29");
  assert_period ("2100-02", RUBRIC_PERIOD_MONTH, "2100-02-01", "2100-02-28");
  assert_period ("2000-02", RUBRIC_PERIOD_MONTH, "2000-02-01", "2000-02-29");
  assert_period ("2026-04", RUBRIC_PERIOD_MONTH, "2026-04-01", "2026-04-30");
  assert_period ("2026-10", RUBRIC_PERIOD_MONTH, "2026-10-01", "2026-10-31");
  assert_period ("2026-12", RUBRIC_PERIOD_MONTH, "2026-12-01", "2026-12-31");
  assert_period ("0001-01", RUBRIC_PERIOD_MONTH, "0001-01-01", "0001-01-31");
  assert_period ("9999-12", RUBRIC_PERIOD_MONTH, "9999-12-01", "9999-12-31");
}

static void
test_period_weeks (void)
{
  assert_period ("2026-W01", RUBRIC_PERIOD_WEEK, "2025-12-29", "2026-01-04");
  assert_period ("2026-W43", RUBRIC_PERIOD_WEEK, "2026-10-19", "2026-10-25");
  assert_period ("2026-W53", RUBRIC_PERIOD_WEEK, "2026-12-28", "2027-01-03");
  assert_period ("2020-W01", RUBRIC_PERIOD_WEEK, "2019-12-30", "2020-01-05");
  assert_period ("2020-W53", RUBRIC_PERIOD_WEEK, "2020-12-28", "2021-01-03");
  assert_period ("2021-W01", RUBRIC_PERIOD_WEEK, "2021-01-04", "2021-01-10");
  assert_period ("2021-W52", RUBRIC_PERIOD_WEEK, "2021-12-27", "2022-01-02");
  assert_period ("2015-W53", RUBRIC_PERIOD_WEEK, "2015-12-28", "2016-01-03");
  assert_period ("0001-W01", RUBRIC_PERIOD_WEEK, "0001-01-01", "0001-01-07");

  assert_not_period ("2021-W53", "52 ISO weeks");
  assert_not_period ("2025-W53", "52 ISO weeks");
  assert_not_period ("2026-W54", "53 ISO weeks");
  assert_not_period ("2026-W00", "2026-W43");
  assert_not_period ("2026-W1", "2026-W43");
  assert_not_period ("2026-W001", "2026-W43");
  assert_not_period ("2026-w43", "2026-W43");
  assert_not_period ("2026W43", "2026-W43");
  assert_not_period ("9999-W52", "9999");

  /* Each week of a year with 53 follows the one before. */
  for (int w = 1; w <= 53; w++)
    {
      g_autofree char *text = g_strdup_printf ("2026-W%02d", w);
      RubricDayRange range;

      g_assert_true (rubric_period_parse (text, &range, NULL, NULL));
      g_assert_cmpint (range.first, ==, day ("2025-12-29") + 7 * (w - 1));
      g_assert_cmpint (range.last, ==, range.first + 6);
    }
}

static void
test_period_quarters_years (void)
{
  assert_period ("2026-Q1", RUBRIC_PERIOD_QUARTER, "2026-01-01", "2026-03-31");
  assert_period ("2026-Q2", RUBRIC_PERIOD_QUARTER, "2026-04-01", "2026-06-30");
  assert_period ("2026-Q3", RUBRIC_PERIOD_QUARTER, "2026-07-01", "2026-09-30");
  assert_period ("2026-Q4", RUBRIC_PERIOD_QUARTER, "2026-10-01", "2026-12-31");
  assert_period ("2026", RUBRIC_PERIOD_YEAR, "2026-01-01", "2026-12-31");
  assert_period ("2024", RUBRIC_PERIOD_YEAR, "2024-01-01", "2024-12-31");
  assert_period ("0001", RUBRIC_PERIOD_YEAR, "0001-01-01", "0001-12-31");
  assert_period ("9999", RUBRIC_PERIOD_YEAR, "9999-01-01", "9999-12-31");
}

static void
test_period_days_ranges (void)
{
  assert_period ("2026-10-05", RUBRIC_PERIOD_DAY, "2026-10-05", "2026-10-05");
  assert_period ("2024-02-29", RUBRIC_PERIOD_DAY, "2024-02-29", "2024-02-29");
  assert_period ("2026-10-01..2026-10-31", RUBRIC_PERIOD_RANGE, "2026-10-01", "2026-10-31");
  assert_period ("2026-10-05..2026-10-05", RUBRIC_PERIOD_RANGE, "2026-10-05", "2026-10-05");
  assert_period ("2025-12-15..2026-02-10", RUBRIC_PERIOD_RANGE, "2025-12-15", "2026-02-10");

  assert_not_period ("2026-10-31..2026-10-01", "ends before it begins");
  assert_not_period ("2026-10-01..", "2026-10-01..2026-10-31");
  assert_not_period ("..2026-10-01", "2026-10-01..2026-10-31");
  assert_not_period ("2026-10-01...2026-10-31", "2026-10-01..2026-10-31");
  assert_not_period ("2026-10-01..2026-10-31..2026-11-30", "2026-10-01..2026-10-31");
  assert_not_period ("2026-10-01 .. 2026-10-31", "2026-10-01..2026-10-31");
  assert_not_period ("2026-10..2026-12", "2026-10-01..2026-10-31");
  assert_not_period ("2026-02-30..2026-03-01", "2026-10-01..2026-10-31");
}

static void
test_period_garbage (void)
{
  static const char * const refused[] = {
    "", "2026-13", "2026-00", "2026-1", "2026-100", "2026-Q0", "2026-Q5", "2026-Q", "2026-Q44",
    "2026-q4", "0000", "0000-01", "026", "20260", "2026-", "2026-10-", "2026-10x", "2026 ",
    " 2026", "2026-10-05x", "2026-10-05T00:00", "2026-W43-1", "2026-02-30", "October",
    "2026-10\n", "last month", "-2026",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    assert_not_period (refused[i], "2026-W43");

  {
    g_autoptr(GError) error = NULL;
    RubricDayRange range;

    g_assert_false (rubric_period_parse (NULL, &range, NULL, &error));
    g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_USAGE);
  }
}

static void
test_period_kinds (void)
{
  static const char * const names[] = { "day", "week", "month", "quarter", "year" };
  RubricPeriodKind kind;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (rubric_period_kind_from_string (names[i], &kind));
      g_assert_cmpint (kind, ==, (RubricPeriodKind) i);
      g_assert_cmpstr (rubric_period_kind_to_string (kind), ==, names[i]);
    }

  g_assert_cmpstr (rubric_period_kind_to_string (RUBRIC_PERIOD_RANGE), ==, "range");
  g_assert_false (rubric_period_kind_from_string ("range", &kind));
  g_assert_false (rubric_period_kind_from_string ("Month", &kind));
  g_assert_false (rubric_period_kind_from_string ("months", &kind));
  g_assert_false (rubric_period_kind_from_string ("", &kind));
  g_assert_false (rubric_period_kind_from_string (NULL, &kind));
}

static void
test_period_containing (void)
{
  assert_range (rubric_period_containing (day ("2026-10-05"), RUBRIC_PERIOD_DAY),
                "2026-10-05", "2026-10-05");
  /* 2026-10-05 is a Monday, 2026-10-04 a Sunday. */
  assert_range (rubric_period_containing (day ("2026-10-05"), RUBRIC_PERIOD_WEEK),
                "2026-10-05", "2026-10-11");
  assert_range (rubric_period_containing (day ("2026-10-04"), RUBRIC_PERIOD_WEEK),
                "2026-09-28", "2026-10-04");
  assert_range (rubric_period_containing (day ("2026-01-01"), RUBRIC_PERIOD_WEEK),
                "2025-12-29", "2026-01-04");
  assert_range (rubric_period_containing (day ("1970-01-01"), RUBRIC_PERIOD_WEEK),
                "1969-12-29", "1970-01-04");
  assert_range (rubric_period_containing (day ("1969-12-28"), RUBRIC_PERIOD_WEEK),
                "1969-12-22", "1969-12-28");
  assert_range (rubric_period_containing (day ("2024-02-29"), RUBRIC_PERIOD_MONTH),
                "2024-02-01", "2024-02-29");
  assert_range (rubric_period_containing (day ("2026-12-31"), RUBRIC_PERIOD_MONTH),
                "2026-12-01", "2026-12-31");
  assert_range (rubric_period_containing (day ("2026-09-30"), RUBRIC_PERIOD_QUARTER),
                "2026-07-01", "2026-09-30");
  assert_range (rubric_period_containing (day ("2026-10-01"), RUBRIC_PERIOD_QUARTER),
                "2026-10-01", "2026-12-31");
  assert_range (rubric_period_containing (day ("1969-05-05"), RUBRIC_PERIOD_YEAR),
                "1969-01-01", "1969-12-31");
}

static void
assert_split (const char       *period,
              RubricPeriodKind  kind,
              const char       *expected)
{
  g_autoptr(GArray) parts = NULL;
  g_autoptr(GString) found = g_string_new (NULL);
  RubricDayRange range;

  g_assert_true (rubric_period_parse (period, &range, NULL, NULL));
  parts = rubric_period_split (range, kind);
  for (guint i = 0; i < parts->len; i++)
    {
      RubricDayRange part = g_array_index (parts, RubricDayRange, i);
      g_autofree char *first = rubric_day_format (part.first);
      g_autofree char *last = rubric_day_format (part.last);

      g_string_append_printf (found, "%s%s..%s", i > 0 ? " " : "", first, last);

      /* Consecutive, inside the range, none empty. */
      g_assert_cmpint (part.first, <=, part.last);
      if (i > 0)
        g_assert_cmpint (part.first, ==, g_array_index (parts, RubricDayRange, i - 1).last + 1);
    }
  g_assert_cmpint (g_array_index (parts, RubricDayRange, 0).first, ==, range.first);
  g_assert_cmpint (g_array_index (parts, RubricDayRange, parts->len - 1).last, ==, range.last);
  g_assert_cmpstr (found->str, ==, expected);
}

static void
test_period_split (void)
{
  assert_split ("2026-10-01..2026-10-20", RUBRIC_PERIOD_WEEK,
                "2026-10-01..2026-10-04 2026-10-05..2026-10-11 2026-10-12..2026-10-18 "
                "2026-10-19..2026-10-20");
  assert_split ("2026-10-05..2026-10-18", RUBRIC_PERIOD_WEEK,
                "2026-10-05..2026-10-11 2026-10-12..2026-10-18");
  assert_split ("2025-12-15..2026-02-10", RUBRIC_PERIOD_MONTH,
                "2025-12-15..2025-12-31 2026-01-01..2026-01-31 2026-02-01..2026-02-10");
  assert_split ("2024-02-10..2024-03-05", RUBRIC_PERIOD_MONTH,
                "2024-02-10..2024-02-29 2024-03-01..2024-03-05");
  assert_split ("2026-02-15..2026-11-01", RUBRIC_PERIOD_QUARTER,
                "2026-02-15..2026-03-31 2026-04-01..2026-06-30 2026-07-01..2026-09-30 "
                "2026-10-01..2026-11-01");
  assert_split ("2024-06-01..2026-01-15", RUBRIC_PERIOD_YEAR,
                "2024-06-01..2024-12-31 2025-01-01..2025-12-31 2026-01-01..2026-01-15");
  assert_split ("2026-10-30..2026-11-02", RUBRIC_PERIOD_DAY,
                "2026-10-30..2026-10-30 2026-10-31..2026-10-31 2026-11-01..2026-11-01 "
                "2026-11-02..2026-11-02");
  assert_split ("2026-10-30..2026-11-02", RUBRIC_PERIOD_RANGE, "2026-10-30..2026-11-02");
  assert_split ("2026-10", RUBRIC_PERIOD_MONTH, "2026-10-01..2026-10-31");
  assert_split ("2026-10-07", RUBRIC_PERIOD_YEAR, "2026-10-07..2026-10-07");
  assert_split ("2026-Q4", RUBRIC_PERIOD_MONTH,
                "2026-10-01..2026-10-31 2026-11-01..2026-11-30 2026-12-01..2026-12-31");
  assert_split ("9999-12", RUBRIC_PERIOD_WEEK,
                "9999-12-01..9999-12-05 9999-12-06..9999-12-12 9999-12-13..9999-12-19 "
                "9999-12-20..9999-12-26 9999-12-27..9999-12-31");
}

static void
assert_previous (const char       *period,
                 RubricPeriodKind  kind,
                 const char       *first,
                 const char       *last)
{
  RubricDayRange range;

  g_assert_true (rubric_period_parse (period, &range, NULL, NULL));
  assert_range (rubric_period_previous (range, kind), first, last);
}

static void
test_period_previous (void)
{
  assert_previous ("2026-10-05", RUBRIC_PERIOD_DAY, "2026-10-04", "2026-10-04");
  assert_previous ("2026-01-01", RUBRIC_PERIOD_DAY, "2025-12-31", "2025-12-31");
  assert_previous ("2026-W01", RUBRIC_PERIOD_WEEK, "2025-12-22", "2025-12-28");
  assert_previous ("2021-W01", RUBRIC_PERIOD_WEEK, "2020-12-28", "2021-01-03");
  assert_previous ("2026-03", RUBRIC_PERIOD_MONTH, "2026-02-01", "2026-02-28");
  assert_previous ("2024-03", RUBRIC_PERIOD_MONTH, "2024-02-01", "2024-02-29");
  assert_previous ("2026-01", RUBRIC_PERIOD_MONTH, "2025-12-01", "2025-12-31");
  assert_previous ("2026-Q1", RUBRIC_PERIOD_QUARTER, "2025-10-01", "2025-12-31");
  assert_previous ("2026-Q4", RUBRIC_PERIOD_QUARTER, "2026-07-01", "2026-09-30");
  assert_previous ("2026", RUBRIC_PERIOD_YEAR, "2025-01-01", "2025-12-31");
  assert_previous ("2025", RUBRIC_PERIOD_YEAR, "2024-01-01", "2024-12-31");

  /* Ranges: as many days just before; or, for a calendar kind, as many
   * whole periods as the range touches. */
  assert_previous ("2026-10-01..2026-10-31", RUBRIC_PERIOD_RANGE, "2026-08-31", "2026-09-30");
  assert_previous ("2026-03-01..2026-03-10", RUBRIC_PERIOD_RANGE, "2026-02-19", "2026-02-28");
  assert_previous ("2026-10-05", RUBRIC_PERIOD_RANGE, "2026-10-04", "2026-10-04");
  assert_previous ("2026-10-01..2026-12-31", RUBRIC_PERIOD_MONTH, "2026-07-01", "2026-09-30");
  assert_previous ("2026-10-05..2026-10-18", RUBRIC_PERIOD_WEEK, "2026-09-21", "2026-10-04");
  assert_previous ("2026-10-10..2026-10-20", RUBRIC_PERIOD_MONTH, "2026-09-01", "2026-09-30");
  assert_previous ("2026-10-01..2026-10-03", RUBRIC_PERIOD_DAY, "2026-09-28", "2026-09-30");
}

static void
test_day_start (void)
{
  gint32 march_29 = day ("2026-03-29");
  gint32 october_25 = day ("2026-10-25");
  gint32 june_1 = day ("2026-06-01");

  /* Riga is UTC+2 in winter, UTC+3 in summer; the clocks move at 01:00 UTC. */
  g_assert_cmpint (rubric_day_start_utc (march_29, "Europe/Riga"), ==,
                   G_GINT64_CONSTANT (1774735200)); /* 2026-03-28T22:00:00Z */
  g_assert_cmpint (rubric_day_start_utc (march_29 + 1, "Europe/Riga")
                   - rubric_day_start_utc (march_29, "Europe/Riga"), ==, 23 * 3600);
  g_assert_cmpint (rubric_day_start_utc (march_29, "Europe/Riga")
                   - rubric_day_start_utc (march_29 - 1, "Europe/Riga"), ==, 24 * 3600);
  g_assert_cmpint (rubric_day_start_utc (october_25, "Europe/Riga"), ==,
                   G_GINT64_CONSTANT (1792875600)); /* 2026-10-24T21:00:00Z */
  g_assert_cmpint (rubric_day_start_utc (october_25 + 1, "Europe/Riga")
                   - rubric_day_start_utc (october_25, "Europe/Riga"), ==, 25 * 3600);
  g_assert_cmpint (rubric_day_start_utc (june_1, "Europe/Riga"), ==,
                   G_GINT64_CONSTANT (1780261200)); /* 2026-05-31T21:00:00Z */

  /* UTC, and an unknown zone taken as UTC. */
  g_assert_cmpint (rubric_day_start_utc (0, "UTC"), ==, 0);
  g_assert_cmpint (rubric_day_start_utc (june_1, "UTC"), ==, (gint64) june_1 * 86400);
  g_assert_cmpint (rubric_day_start_utc (june_1, NULL), ==, (gint64) june_1 * 86400);
  g_assert_cmpint (rubric_day_start_utc (june_1, "Nowhere/Atlantis"), ==,
                   (gint64) june_1 * 86400);

  /* The end of a range that ends on the last day there is. */
  g_assert_cmpint (rubric_day_start_utc (day ("9999-12-31") + 1, "UTC"), ==,
                   G_GINT64_CONSTANT (253402300800));
}

/* Days at and beyond the years 1 to 9999 (the day before the first, the
 * day after the last, as the local days of clamped instants can be) go
 * through every period function without overflow (run under UBSan). */
static void
test_extreme_days (void)
{
  const gint32 days[] = { RUBRIC_DAY_FIRST - 1, RUBRIC_DAY_FIRST, 0, RUBRIC_DAY_LAST,
                          RUBRIC_DAY_LAST + 1 };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    for (RubricPeriodKind kind = RUBRIC_PERIOD_DAY; kind <= RUBRIC_PERIOD_YEAR; kind++)
      {
        RubricDayRange period = rubric_period_containing (days[i], kind);
        RubricDayRange previous = rubric_period_previous (period, kind);
        g_autoptr(GArray) split = rubric_period_split (period, kind);
        g_autofree char *text = rubric_day_format (days[i]);

        g_assert_cmpint (period.first, <=, days[i]);
        g_assert_cmpint (period.last, >=, days[i]);
        g_assert_cmpint (previous.last, ==, period.first - 1);
        g_assert_cmpuint (split->len, ==, 1);
        g_assert_cmpint (rubric_day_start_utc (days[i] + 1, "Europe/Riga") -
                         rubric_day_start_utc (days[i], "Europe/Riga"), >=, 82800);
        g_assert_nonnull (text);
      }

  {
    g_autofree char *before = rubric_day_format (RUBRIC_DAY_FIRST - 1);
    g_autofree char *after = rubric_day_format (RUBRIC_DAY_LAST + 1);

    g_assert_cmpstr (before, ==, "0000-12-31");
    g_assert_cmpstr (after, ==, "10000-01-01");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/period/day-numbers", test_day_numbers);
  g_test_add_func ("/period/months", test_period_months);
  g_test_add_func ("/period/weeks", test_period_weeks);
  g_test_add_func ("/period/quarters-years", test_period_quarters_years);
  g_test_add_func ("/period/days-ranges", test_period_days_ranges);
  g_test_add_func ("/period/garbage", test_period_garbage);
  g_test_add_func ("/period/kinds", test_period_kinds);
  g_test_add_func ("/period/containing", test_period_containing);
  g_test_add_func ("/period/split", test_period_split);
  g_test_add_func ("/period/previous", test_period_previous);
  g_test_add_func ("/period/day-start", test_day_start);
  g_test_add_func ("/period/extreme-days", test_extreme_days);

  return g_test_run ();
}
