/* rubric-time.c — instants and calendar days as Rubric reads and writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rubric-private.h"
#include "rubric-time.h"

#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)

gint64
rubric_floor_div (gint64 a,
                  gint64 b)
{
  gint64 q = a / b;

  g_assert (b > 0);
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

gint64
rubric_days_from_civil (gint64 year,
                        int    month,
                        int    day)
{
  gint64 era;
  gint64 year_of_era;
  gint64 day_of_year;
  gint64 day_of_era;

  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  year -= month <= 2;
  era = rubric_floor_div (year, 400);
  year_of_era = year - era * 400;
  day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

  return era * 146097 + day_of_era - 719468;
}

void
rubric_civil_from_days (gint64  days,
                        gint64 *year,
                        int    *month,
                        int    *day)
{
  gint64 era;
  gint64 day_of_era;
  gint64 year_of_era;
  gint64 day_of_year;
  gint64 mp;

  days += 719468;
  era = rubric_floor_div (days, 146097);
  day_of_era = days - era * 146097;
  year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524
                 - day_of_era / 146096) / 365;
  day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  mp = (5 * day_of_year + 2) / 153;

  *day = (int) (day_of_year - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = year_of_era + era * 400 + (*month <= 2);
}

/* Reads exactly @n digits. It stops at the first byte that is not a digit,
 * so it never reads past the end of a shorter string. */
gboolean
rubric_read_digits (const char *p,
                    guint       n,
                    int        *value)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }

  *value = v;
  return TRUE;
}

typedef enum
{
  PARSE_NOT_THIS_FORM,
  PARSE_INVALID,
  PARSE_OK,
} ParseResult;

/* The form nearly every file uses, "YYYY-MM-DDThh:mm[:ss[.frac]](Z|±hh[:mm])",
 * is read here without allocating: an import reads millions of them. Other
 * ISO 8601 forms (basic, ordinal, week dates, no seconds) go to GLib. */
static ParseResult
parse_common_iso8601 (const char *text,
                      gint64     *unix_seconds)
{
  const char *p = text;
  int year, month, day, hour, minute, second;
  int offset_hours = 0, offset_minutes = 0, sign = 0;
  gint64 value;

  if (!rubric_read_digits (p, 4, &year) || p[4] != '-' ||
      !rubric_read_digits (p + 5, 2, &month) || p[7] != '-' ||
      !rubric_read_digits (p + 8, 2, &day) || (p[10] != 'T' && p[10] != ' ') ||
      !rubric_read_digits (p + 11, 2, &hour) || p[13] != ':' ||
      !rubric_read_digits (p + 14, 2, &minute))
    return PARSE_NOT_THIS_FORM;

  /* Seconds may be left out ("22:02Z"); GLib would refuse that. */
  if (p[16] == ':')
    {
      if (!rubric_read_digits (p + 17, 2, &second))
        return PARSE_INVALID;
      p += 19;

      /* Fractional seconds are dropped: the seconds field is never negative
       * and offsets are whole minutes, so this is the floor of the instant. */
      if (*p == '.' || *p == ',')
        {
          p++;
          if (!g_ascii_isdigit (*p))
            return PARSE_INVALID;
          while (g_ascii_isdigit (*p))
            p++;
        }
    }
  else
    {
      second = 0;
      p += 16;
    }

  if (*p == 'Z')
    p++;
  else if (*p == '+' || *p == '-')
    {
      sign = *p == '-' ? -1 : 1;
      p++;
      if (!rubric_read_digits (p, 2, &offset_hours))
        return PARSE_INVALID;
      p += 2;
      if (*p == ':')
        p++;
      if (*p != '\0')
        {
          if (!rubric_read_digits (p, 2, &offset_minutes))
            return PARSE_INVALID;
          p += 2;
        }
    }
  else
    return PARSE_INVALID;  /* no zone, or trailing text */

  if (*p != '\0')
    return PARSE_INVALID;

  if (year < 1 || month < 1 || month > 12 || day < 1 ||
      day > g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year) ||
      hour > 23 || minute > 59 || second > 59 ||
      offset_hours > 23 || offset_minutes > 59)
    return PARSE_INVALID;

  value = rubric_days_from_civil (year, month, day) * SECONDS_PER_DAY
          + hour * 3600 + minute * 60 + second
          - sign * (offset_hours * 3600 + offset_minutes * 60);

  /* "0001-01-01T00:00+01:00" is in the year 0. */
  if (value != rubric_time_clamp (value))
    return PARSE_INVALID;

  *unix_seconds = value;
  return PARSE_OK;
}

static gboolean
parse_iso8601 (const char *text,
               gint64     *unix_seconds)
{
  g_autoptr(GDateTime) dt = NULL;

  switch (parse_common_iso8601 (text, unix_seconds))
    {
    case PARSE_OK:
      return TRUE;
    case PARSE_INVALID:
      return FALSE;
    case PARSE_NOT_THIS_FORM:
    default:
      break;
    }

  /* A NULL default zone makes GLib refuse a time that does not name one. */
  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return FALSE;

  /* Whole seconds, rounded toward the past like the fast path. */
  *unix_seconds = g_date_time_to_unix (dt);
  return *unix_seconds == rubric_time_clamp (*unix_seconds);
}

static gboolean
parse_epoch (const char *text,
             gint64     *unix_seconds)
{
  const char *p = text;
  guint64 value = 0;

  if (!g_ascii_isdigit (*p))
    return FALSE;

  for (; g_ascii_isdigit (*p); p++)
    {
      value = value * 10 + (guint64) (*p - '0');
      if (value > (guint64) RUBRIC_TIME_LAST)
        return FALSE;
    }

  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  if (*p != '\0')
    return FALSE;

  *unix_seconds = (gint64) value;
  return TRUE;
}

gboolean
rubric_time_parse_instant (const char *text,
                           gboolean    allow_epoch,
                           gint64     *unix_seconds)
{
  gint64 value;

  g_return_val_if_fail (unix_seconds != NULL, FALSE);

  if (text == NULL || *text == '\0')
    return FALSE;

  if (allow_epoch && g_ascii_isdigit (*text) && parse_epoch (text, &value))
    {
      *unix_seconds = value;
      return TRUE;
    }

  if (!parse_iso8601 (text, &value))
    return FALSE;

  *unix_seconds = value;
  return TRUE;
}

/* An instant outside the years 1 to 9999 (a database edited by hand) is
 * written as the first or last one: every caller gets a string. */
char *
rubric_time_format_instant (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (rubric_time_clamp (unix_seconds));
  int year, month, day;

  g_return_val_if_fail (dt != NULL, g_strdup (""));

  /* Four-digit years always ("0223", not "223"): xsd:dateTime needs them,
   * and g_date_time_format's %Y does not pad. */
  g_date_time_get_ymd (dt, &year, &month, &day);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day,
                          g_date_time_get_hour (dt), g_date_time_get_minute (dt),
                          g_date_time_get_second (dt));
}

gboolean
rubric_time_parse_date (const char *text,
                        GDate      *date)
{
  int year, month, day;

  g_return_val_if_fail (date != NULL, FALSE);

  if (text == NULL ||
      !rubric_read_digits (text, 4, &year) || text[4] != '-' ||
      !rubric_read_digits (text + 5, 2, &month) || text[7] != '-' ||
      !rubric_read_digits (text + 8, 2, &day) || text[10] != '\0')
    return FALSE;

  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/* Names as the IANA database spells them: segments that begin with a
 * capital letter and hold letters, digits, '_', '+' and '-' ("Europe/Riga",
 * "America/Argentina/Buenos_Aires", "Etc/GMT+3", "UTC"). This leaves out
 * paths ("/etc/localtime", "../../etc/passwd"), the files of the database
 * that are no zone of their own ("localtime", "posixrules", "zone.tab")
 * and POSIX rules ("EET-2EEST,M3.5.0/3"), which GLib would all take. */
static gboolean
is_iana_name (const char *tzid)
{
  gboolean segment_start = TRUE;

  if (strlen (tzid) > 64)
    return FALSE;

  for (const char *p = tzid; *p != '\0'; p++)
    {
      if (segment_start)
        {
          if (!g_ascii_isupper (*p))
            return FALSE;
          segment_start = FALSE;
        }
      else if (*p == '/')
        segment_start = TRUE;
      else if (!g_ascii_isalnum (*p) && *p != '_' && *p != '+' && *p != '-')
        return FALSE;
    }

  return !segment_start;
}

/* Where GLib reads zones from (as in GLib's gtimezone.c). */
static const char *
zone_directory (void)
{
  const char *tzdir = g_getenv ("TZDIR");

  return tzdir != NULL && *tzdir != '\0' ? tzdir : "/usr/share/zoneinfo";
}

gboolean
rubric_time_zone_is_valid (const char *tzid)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *file = NULL;

  if (tzid == NULL || !is_iana_name (tzid))
    return FALSE;

  /* GLib knows UTC without the database. */
  if (strcmp (tzid, "UTC") == 0)
    return TRUE;

  /* A name GLib would not find in the database, it would read as a POSIX
   * rule ("ABC+3"): only a file of the database makes a zone. */
  file = g_build_filename (zone_directory (), tzid, NULL);
  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
    return FALSE;

  tz = g_time_zone_new_identifier (tzid);
  return tz != NULL;
}

/* The zone @tzid names when it is a valid one (rubric_time_zone_is_valid),
 * UTC otherwise: a zone read from the database ("../../etc/passwd") never
 * makes GLib open a file outside the zone database. */
G_LOCK_DEFINE_STATIC (zones);

GTimeZone *
rubric_time_zone_new (const char *tzid)
{
  static GHashTable *zones;
  GTimeZone *tz = NULL;

  G_LOCK (zones);
  if (zones == NULL)
    zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_time_zone_unref);
  if (tzid != NULL)
    tz = g_hash_table_lookup (zones, tzid);
  if (tz != NULL)
    {
      tz = g_time_zone_ref (tz);
      G_UNLOCK (zones);
      return tz;
    }
  G_UNLOCK (zones);

  if (rubric_time_zone_is_valid (tzid))
    tz = g_time_zone_new_identifier (tzid);
  if (tz == NULL)
    return g_time_zone_new_utc ();

  G_LOCK (zones);
  g_hash_table_replace (zones, g_strdup (tzid), g_time_zone_ref (tz));
  G_UNLOCK (zones);
  return tz;
}

/* The day begins at the first instant whose local date is @date. Local
 * midnight is looked up as a standard and as a daylight time: when the
 * clocks go back over midnight it exists twice and the earlier one counts;
 * when they jump over it, GLib moves it to the jump, where the day begins.
 * An unknown zone is taken as UTC (callers check zones with
 * rubric_time_zone_is_valid() where they read them).
 */
gint64
rubric_time_day_start (const GDate *date,
                       const char  *tzid)
{
  static const GTimeType types[] = { G_TIME_TYPE_STANDARD, G_TIME_TYPE_DAYLIGHT };
  g_autoptr(GTimeZone) tz = NULL;
  gint64 local_midnight;
  gint64 start = G_MAXINT64;

  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  tz = rubric_time_zone_new (tzid);

  local_midnight = rubric_days_from_civil (g_date_get_year (date),
                                           g_date_get_month (date),
                                           g_date_get_day (date)) * SECONDS_PER_DAY;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      gint64 local = local_midnight;
      int interval = g_time_zone_adjust_time (tz, types[i], &local);

      start = MIN (start, local - g_time_zone_get_offset (tz, interval));
    }

  return start;
}

/* The grammar is checked here, not left to strtod(), which would also take
 * hex, "inf", "nan" and leading tabs or newlines. */
gboolean
rubric_parse_double (const char *text,
                     double     *value)
{
  const char *p;
  const char *start;
  const char *end;
  g_autofree char *number = NULL;
  char *parse_end = NULL;
  gboolean mantissa_digits = FALSE;
  double result;

  g_return_val_if_fail (value != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (p = text; *p == ' '; p++)
    ;
  start = p;

  if (*p == '+' || *p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    mantissa_digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      mantissa_digits = TRUE;
  if (!mantissa_digits)
    return FALSE;

  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  end = p;
  for (; *p == ' '; p++)
    ;
  if (*p != '\0')
    return FALSE;

  /* Copy only when trailing spaces must be cut off. */
  if (*end != '\0')
    start = number = g_strndup (start, (gsize) (end - start));

  result = g_ascii_strtod (start, &parse_end);
  if (parse_end == NULL || *parse_end != '\0' || !isfinite (result))
    return FALSE;

  *value = result;
  return TRUE;
}
