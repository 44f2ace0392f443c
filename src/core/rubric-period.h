/* rubric-period.h — calendar days and the periods ratings and KPIs are taken over
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A day is a local day number: days since 1970-01-01 in the proleptic
 * Gregorian calendar (1970-01-01 is 0, 1969-12-31 is -1). The arithmetic
 * below works for any day; text is only read for the years 1 to 9999.
 */
/* 0001-01-01 and 9999-12-31: the days GDate (and our text) can hold. */
#define RUBRIC_DAY_FIRST (-719162)
#define RUBRIC_DAY_LAST  2932896

typedef struct
{
  gint32 first;
  gint32 last;   /* inclusive */
} RubricDayRange;

typedef enum
{
  RUBRIC_PERIOD_DAY,
  RUBRIC_PERIOD_WEEK,     /* ISO 8601: Monday to Sunday */
  RUBRIC_PERIOD_MONTH,
  RUBRIC_PERIOD_QUARTER,
  RUBRIC_PERIOD_YEAR,
  RUBRIC_PERIOD_RANGE,    /* any run of days */
} RubricPeriodKind;

/* "YYYY-MM-DD", a real date of the years 1 to 9999; nothing else. */
gboolean        rubric_day_parse                (const char        *text,
                                                 gint32            *day);
/* "YYYY-MM-DD" (the year always has four digits). */
char           *rubric_day_format               (gint32             day);
/* @day must be in the years 1 to 9999, which GDate can hold. */
void            rubric_day_to_date              (gint32             day,
                                                 GDate             *date);
gint32          rubric_day_from_date            (const GDate       *date);

/* Reads a PERIOD of SPEC §9: "2026-10" (month), "2026-W43" (ISO week; week
 * 53 only in the years that have one), "2026-Q4", "2026" (year),
 * "2026-10-05" (day) or "2026-10-01..2026-10-31" (days, inclusive, first
 * <= last). Every day of the period must be in the years 1 to 9999. Bad
 * text is RUBRIC_ERROR_USAGE with a message that names it and the forms
 * accepted. @kind (may be NULL) receives the form that was given. */
gboolean        rubric_period_parse             (const char        *text,
                                                 RubricDayRange    *range,
                                                 RubricPeriodKind  *kind,
                                                 GError           **error);

/* "day", "week", "month", "quarter", "year" (--by and a contract's period);
 * "range" is not one. */
gboolean        rubric_period_kind_from_string  (const char        *text,
                                                 RubricPeriodKind  *kind);
/* The names above, and "range" for RUBRIC_PERIOD_RANGE. */
const char     *rubric_period_kind_to_string    (RubricPeriodKind   kind);

/* The period of @kind (not RUBRIC_PERIOD_RANGE) that contains @day. */
RubricDayRange  rubric_period_containing        (gint32             day,
                                                 RubricPeriodKind   kind);
/* Splits @range into consecutive periods of @kind, each clipped to @range
 * (so the first and last may be partial); RUBRIC_PERIOD_RANGE gives @range
 * itself. Returns a GArray of RubricDayRange, never empty. */
GArray         *rubric_period_split             (RubricDayRange     range,
                                                 RubricPeriodKind   kind);
/* The period before @range, to compare against. For a calendar @kind: as
 * many whole periods of @kind as @range touches, ending just before the
 * first of them (September for October, 2026-Q3 for 2026-Q4, the previous
 * two weeks for two weeks). For RUBRIC_PERIOD_RANGE: the days of the same
 * number just before @range. */
RubricDayRange  rubric_period_previous          (RubricDayRange     range,
                                                 RubricPeriodKind   kind);

/* The UTC instant (Unix seconds) at which local day @day begins in the IANA
 * zone @tzid, daylight saving time included (an unknown zone is UTC). The
 * days [first, last] cover the instants t with
 * rubric_day_start_utc (first) <= t < rubric_day_start_utc (last + 1).
 * Days beyond the years 1 to 9999 are counted as whole days of 86400 s from
 * the nearest one inside, so "last + 1" is always fine. */
gint64          rubric_day_start_utc            (gint32             day,
                                                 const char        *tzid);

G_END_DECLS
