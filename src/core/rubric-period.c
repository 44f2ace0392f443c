/* rubric-period.c — calendar days and the periods ratings and KPIs are taken over
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rubric-error.h"
#include "rubric-period.h"
#include "rubric-private.h"
#include "rubric-time.h"

/* g_date_get_julian () of 1970-01-01: GDate counts 0001-01-01 as day 1. */
#define EPOCH_JULIAN 719163

#define FIRST_DAY RUBRIC_DAY_FIRST
#define LAST_DAY  RUBRIC_DAY_LAST

/* The calendar is done with integer arithmetic (rubric-time.c) rather than
 * GDate, so that stepping from a period to the next or the previous one
 * never falls off GDate's years 1 to 9999. Month 13 is January of the next
 * year: the day after a year's end. */
static gint64
days_from_civil (gint64 year,
                 int    month,
                 int    day)
{
  if (month > 12)
    {
      year += (month - 1) / 12;
      month = (month - 1) % 12 + 1;
    }

  return rubric_days_from_civil (year, month, day);
}

/* 1 for Monday to 7 for Sunday; 1970-01-01 was a Thursday. */
static int
iso_weekday (gint64 day)
{
  gint64 r = (day + 3) % 7;

  return (int) (r < 0 ? r + 7 : r) + 1;
}

/* The Monday of ISO week 1, the week that holds the year's 4 January. */
static gint64
iso_year_start (gint64 year)
{
  gint64 january_4 = days_from_civil (year, 1, 4);

  return january_4 - (iso_weekday (january_4) - 1);
}

static int
iso_weeks_in_year (gint64 year)
{
  return (int) ((iso_year_start (year + 1) - iso_year_start (year)) / 7);
}

static RubricDayRange
make_range (gint64 first,
            gint64 last)
{
  RubricDayRange range = { (gint32) first, (gint32) last };

  return range;
}

static RubricDayRange
month_range (gint64 year,
             int    first_month,
             int    n_months)
{
  return make_range (days_from_civil (year, first_month, 1),
                     days_from_civil (year, first_month + n_months, 1) - 1);
}

gboolean
rubric_day_parse (const char *text,
                  gint32     *day)
{
  GDate date;

  g_return_val_if_fail (day != NULL, FALSE);

  if (!rubric_time_parse_date (text, &date))
    return FALSE;

  *day = rubric_day_from_date (&date);
  return TRUE;
}

char *
rubric_day_format (gint32 day)
{
  gint64 year;
  int month, mday;

  rubric_civil_from_days (day, &year, &month, &mday);
  return g_strdup_printf ("%04" G_GINT64_FORMAT "-%02d-%02d", year, month, mday);
}

void
rubric_day_to_date (gint32  day,
                    GDate  *date)
{
  g_return_if_fail (date != NULL);

  g_date_clear (date, 1);

  g_return_if_fail (day >= FIRST_DAY && day <= LAST_DAY);

  g_date_set_julian (date, (guint32) (day + EPOCH_JULIAN));
}

gint32
rubric_day_from_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  return (gint32) ((gint64) g_date_get_julian (date) - EPOCH_JULIAN);
}

static void
set_period_error (GError     **error,
                  const char  *text,
                  const char  *reason)
{
  if (reason != NULL)
    g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_USAGE,
                 _("“%s” is not a period: %s"), text, reason);
  else
    g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_USAGE,
                 _("“%s” is not a period: give a month (2026-10), an ISO week (2026-W43), "
                   "a quarter (2026-Q4), a year (2026), a day (2026-10-05) or a range of "
                   "days (2026-10-01..2026-10-31)"),
                 text);
}

/* The range form, "FIRST..LAST". */
static gboolean
parse_day_range (const char      *text,
                 const char      *dots,
                 RubricDayRange  *range,
                 GError         **error)
{
  g_autofree char *first_text = g_strndup (text, (gsize) (dots - text));
  gint32 first, last;

  if (!rubric_day_parse (first_text, &first) || !rubric_day_parse (dots + 2, &last))
    {
      set_period_error (error, text, NULL);
      return FALSE;
    }

  if (first > last)
    {
      set_period_error (error, text, _("the range ends before it begins"));
      return FALSE;
    }

  range->first = first;
  range->last = last;
  return TRUE;
}

gboolean
rubric_period_parse (const char        *text,
                     RubricDayRange    *range,
                     RubricPeriodKind  *kind,
                     GError           **error)
{
  RubricPeriodKind found;
  RubricDayRange result;
  const char *dots;
  const char *p;
  int year, number;

  g_return_val_if_fail (range != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    text = "";

  if ((dots = strstr (text, "..")) != NULL)
    {
      if (!parse_day_range (text, dots, &result, error))
        return FALSE;
      found = RUBRIC_PERIOD_RANGE;
      goto done;
    }

  if (!rubric_read_digits (text, 4, &year) || year < 1)
    {
      set_period_error (error, text, NULL);
      return FALSE;
    }

  p = text + 4;
  if (*p == '\0')
    {
      found = RUBRIC_PERIOD_YEAR;
      result = month_range (year, 1, 12);
      goto done;
    }

  if (*p++ != '-')
    {
      set_period_error (error, text, NULL);
      return FALSE;
    }

  if (*p == 'W' && rubric_read_digits (p + 1, 2, &number) && p[3] == '\0' && number >= 1)
    {
      int n_weeks = iso_weeks_in_year (year);

      if (number > n_weeks)
        {
          g_autofree char *reason =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%04d has only %d ISO week",
                                          "%04d has only %d ISO weeks",
                                          (gulong) n_weeks),
                             year, n_weeks);

          set_period_error (error, text, reason);
          return FALSE;
        }

      found = RUBRIC_PERIOD_WEEK;
      result.first = (gint32) (iso_year_start (year) + 7 * (number - 1));
      result.last = result.first + 6;
    }
  else if (*p == 'Q' && rubric_read_digits (p + 1, 1, &number) && p[2] == '\0' &&
           number >= 1 && number <= 4)
    {
      found = RUBRIC_PERIOD_QUARTER;
      result = month_range (year, 3 * number - 2, 3);
    }
  else if (rubric_read_digits (p, 2, &number) && p[2] == '\0' && number >= 1 && number <= 12)
    {
      found = RUBRIC_PERIOD_MONTH;
      result = month_range (year, number, 1);
    }
  else if (rubric_day_parse (text, &result.first))
    {
      found = RUBRIC_PERIOD_DAY;
      result.last = result.first;
    }
  else
    {
      set_period_error (error, text, NULL);
      return FALSE;
    }

done:
  /* Only ISO weeks can leave the years a date may have: 9999-W52 ends in
   * the year 10000. */
  if (result.first < FIRST_DAY || result.last > LAST_DAY)
    {
      set_period_error (error, text, _("it reaches beyond the year 9999"));
      return FALSE;
    }

  *range = result;
  if (kind != NULL)
    *kind = found;
  return TRUE;
}

static const char * const kind_names[] = {
  [RUBRIC_PERIOD_DAY] = "day",
  [RUBRIC_PERIOD_WEEK] = "week",
  [RUBRIC_PERIOD_MONTH] = "month",
  [RUBRIC_PERIOD_QUARTER] = "quarter",
  [RUBRIC_PERIOD_YEAR] = "year",
  [RUBRIC_PERIOD_RANGE] = "range",
};

gboolean
rubric_period_kind_from_string (const char       *text,
                                RubricPeriodKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  /* "range" is no calendar period: it cannot split or be a rating period. */
  for (guint i = 0; i < RUBRIC_PERIOD_RANGE; i++)
    {
      if (strcmp (text, kind_names[i]) == 0)
        {
          *kind = (RubricPeriodKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
rubric_period_kind_to_string (RubricPeriodKind kind)
{
  g_return_val_if_fail (kind <= RUBRIC_PERIOD_RANGE, NULL);

  return kind_names[kind];
}

RubricDayRange
rubric_period_containing (gint32           day,
                          RubricPeriodKind kind)
{
  gint64 year;
  int month, mday;

  switch (kind)
    {
    case RUBRIC_PERIOD_DAY:
      return make_range (day, day);

    case RUBRIC_PERIOD_WEEK:
      {
        gint64 monday = (gint64) day - (iso_weekday (day) - 1);

        return make_range (monday, monday + 6);
      }

    case RUBRIC_PERIOD_MONTH:
      rubric_civil_from_days (day, &year, &month, &mday);
      return month_range (year, month, 1);

    case RUBRIC_PERIOD_QUARTER:
      rubric_civil_from_days (day, &year, &month, &mday);
      return month_range (year, (month - 1) / 3 * 3 + 1, 3);

    case RUBRIC_PERIOD_YEAR:
      rubric_civil_from_days (day, &year, &month, &mday);
      return month_range (year, 1, 12);

    case RUBRIC_PERIOD_RANGE:
    default:
      g_return_val_if_reached (make_range (day, day));
    }
}

GArray *
rubric_period_split (RubricDayRange   range,
                     RubricPeriodKind kind)
{
  GArray *periods = g_array_new (FALSE, FALSE, sizeof (RubricDayRange));

  g_return_val_if_fail (range.first <= range.last, periods);
  g_return_val_if_fail (kind <= RUBRIC_PERIOD_RANGE, periods);

  if (kind == RUBRIC_PERIOD_RANGE)
    {
      g_array_append_val (periods, range);
      return periods;
    }

  for (gint64 first = range.first; first <= range.last;)
    {
      RubricDayRange period = rubric_period_containing ((gint32) first, kind);

      period.first = (gint32) first;
      period.last = MIN (period.last, range.last);
      g_array_append_val (periods, period);
      first = (gint64) period.last + 1;
    }

  return periods;
}

RubricDayRange
rubric_period_previous (RubricDayRange   range,
                        RubricPeriodKind kind)
{
  RubricDayRange previous;
  gint64 first;
  guint n_periods = 0;

  g_return_val_if_fail (range.first <= range.last, range);
  g_return_val_if_fail (kind <= RUBRIC_PERIOD_RANGE, range);

  if (kind == RUBRIC_PERIOD_RANGE)
    return make_range ((gint64) range.first - ((gint64) range.last - range.first + 1),
                       (gint64) range.first - 1);

  /* Count the periods that @range touches, then step back as many. */
  for (gint64 day = range.first; day <= range.last; n_periods++)
    day = (gint64) rubric_period_containing ((gint32) day, kind).last + 1;

  first = rubric_period_containing (range.first, kind).first;
  previous.last = (gint32) (first - 1);
  for (guint i = 0; i < n_periods; i++)
    first = rubric_period_containing ((gint32) (first - 1), kind).first;
  previous.first = (gint32) first;

  return previous;
}

/* Days GDate cannot hold (the end of a range that ends on 9999-12-31 is the
 * start of the day after) are taken as whole days from the nearest one it
 * can: no zone has rules that far off anyway. */
gint64
rubric_day_start_utc (gint32      day,
                      const char *tzid)
{
  gint32 known = CLAMP (day, FIRST_DAY, LAST_DAY);
  GDate date;

  rubric_day_to_date (known, &date);
  return rubric_time_day_start (&date, tzid) + ((gint64) day - known) * 86400;
}
