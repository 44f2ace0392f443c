/* rubric-clock.c — the one clock of Rubric
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rubric-clock.h"
#include "rubric-period.h"
#include "rubric-time.h"

static GMutex clock_lock;
static gboolean env_read;
static gboolean pinned;
static gint64 pinned_at;

static void
read_env_locked (void)
{
  const char *text;
  gint64 when;

  if (env_read)
    return;
  env_read = TRUE;

  text = g_getenv ("RUBRIC_NOW");
  if (text == NULL || *text == '\0')
    return;
  if (rubric_time_parse_instant (text, TRUE, &when))
    {
      pinned = TRUE;
      pinned_at = when;
    }
  else
    g_warning ("RUBRIC_NOW=%s is not an instant (ISO 8601 with a zone, or epoch seconds)", text);
}

gint64
rubric_clock_now (void)
{
  gint64 now;

  g_mutex_lock (&clock_lock);
  read_env_locked ();
  now = pinned ? pinned_at : g_get_real_time () / G_USEC_PER_SEC;
  g_mutex_unlock (&clock_lock);

  return now;
}

GDateTime *
rubric_clock_now_utc (void)
{
  return g_date_time_new_from_unix_utc (rubric_clock_now ());
}

GDateTime *
rubric_clock_now_local (void)
{
  return g_date_time_new_from_unix_local (rubric_clock_now ());
}

gint32
rubric_clock_today (const char *tzid)
{
  g_autoptr(GDateTime) utc = rubric_clock_now_utc ();
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local = NULL;
  GDate date;

  if (tzid == NULL)
    zone = g_time_zone_new_local ();
  else if (rubric_time_zone_is_valid (tzid))
    zone = g_time_zone_new_identifier (tzid);
  if (zone == NULL)
    zone = g_time_zone_new_utc ();

  local = g_date_time_to_timezone (utc, zone);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return rubric_day_from_date (&date);
}

void
rubric_clock_pin (gint64 unix_seconds)
{
  g_mutex_lock (&clock_lock);
  env_read = TRUE;
  pinned = TRUE;
  pinned_at = unix_seconds;
  g_mutex_unlock (&clock_lock);
}

void
rubric_clock_unpin (void)
{
  g_mutex_lock (&clock_lock);
  env_read = TRUE;
  pinned = FALSE;
  g_mutex_unlock (&clock_lock);
}
