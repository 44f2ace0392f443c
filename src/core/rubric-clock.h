/* rubric-clock.h — the one clock of Rubric: every "now" and "today" comes from here
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing else in Rubric reads the system clock (a test in the suite checks
 * that), so that tests can pin it: in-process with rubric_clock_pin (), and in
 * a child process (rubric-cli, rubric) with the environment variable
 * RUBRIC_NOW, an instant in ISO 8601 with a zone ("2026-12-07T09:30:00Z") or
 * epoch seconds, read once at the first look at the clock.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Now, as Unix seconds (UTC). */
gint64      rubric_clock_now        (void);
/* Now as a GDateTime in UTC, and in the host's zone. */
GDateTime  *rubric_clock_now_utc    (void);
GDateTime  *rubric_clock_now_local  (void);
/* Today's day number (rubric-period.h) in the IANA zone @tzid, or in the
 * host's zone when @tzid is NULL (an unknown zone is taken as UTC). */
gint32      rubric_clock_today      (const char *tzid);

/* Stops the clock at @unix_seconds for this process (tests). */
void        rubric_clock_pin        (gint64      unix_seconds);
/* Lets the clock run again (and forgets RUBRIC_NOW). */
void        rubric_clock_unpin      (void);

G_END_DECLS
