/* rubric-time.h — instants and calendar days as Rubric reads and writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The instants Rubric reads, writes and computes with: the years 1 to 9999
 * in UTC (0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z), what GDateTime
 * can hold. Instants from elsewhere (a database edited by hand) are
 * clamped to them before any arithmetic. */
#define RUBRIC_TIME_FIRST G_GINT64_CONSTANT (-62135596800)
#define RUBRIC_TIME_LAST  G_GINT64_CONSTANT (253402300799)

static inline gint64
rubric_time_clamp (gint64 unix_seconds)
{
  return CLAMP (unix_seconds, RUBRIC_TIME_FIRST, RUBRIC_TIME_LAST);
}

/* The one calendar arithmetic of the core (Howard Hinnant's algorithms,
 * proleptic Gregorian, exact for any year a gint64 day count holds without
 * overflow, far beyond 1 to 9999): days since 1970-01-01 of a date
 * (@month 1 to 12), and back. */
gint64    rubric_days_from_civil     (gint64       year,
                                      int          month,
                                      int          day);
void      rubric_civil_from_days     (gint64       days,
                                      gint64      *year,
                                      int         *month,
                                      int         *day);
/* ⌊a / b⌋ for b > 0, also for a negative @a (C's '/' rounds toward 0). */
gint64    rubric_floor_div           (gint64       a,
                                      gint64       b);

/* Parses an instant: ISO 8601 with 'Z' or an offset ("2023-02-06T22:02:47Z",
 * "2023-02-06T23:02:47+01:00", fractional seconds allowed and truncated) or,
 * when @allow_epoch, Unix epoch seconds ("1675720967", "1675720967.25").
 * A time without a zone is refused. Returns FALSE when @text is not one. */
gboolean  rubric_time_parse_instant  (const char  *text,
                                      gboolean     allow_epoch,
                                      gint64      *unix_seconds);
/* "2023-02-06T22:02:47Z" (UTC, no fraction); an instant outside the years 1
 * to 9999 is clamped to them (RUBRIC_TIME_FIRST, RUBRIC_TIME_LAST). */
char     *rubric_time_format_instant (gint64       unix_seconds);
/* Parses a calendar day "YYYY-MM-DD" (a real date). */
gboolean  rubric_time_parse_date     (const char  *text,
                                      GDate       *date);
/* Whether @tzid is an IANA time zone this system knows ("Europe/Riga",
 * "UTC"): a name found in the zone database, never a path, "localtime",
 * "posixrules" or a POSIX rule. */
gboolean  rubric_time_zone_is_valid  (const char  *tzid);
/* The zone of a valid @tzid, else UTC; never opens a file for an invalid
 * name. For zones read back from the database. */
GTimeZone *rubric_time_zone_new      (const char  *tzid);
/* The UTC instant at which @date begins in the IANA zone @tzid (DST-aware;
 * an unknown zone is taken as UTC). */
gint64    rubric_time_day_start      (const GDate *date,
                                      const char  *tzid);

/* Parses a plain decimal number in the C locale, nothing else on the line
 * (no NaN, no infinity, no hex, no trailing text). */
gboolean  rubric_parse_double        (const char  *text,
                                      double      *value);

G_END_DECLS
