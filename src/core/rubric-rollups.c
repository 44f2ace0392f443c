/* rubric-rollups.c — daily rollups of call records, kept in step with imports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "rubric-db-private.h"
#include "rubric-private.h"
#include "rubric-rollups.h"
#include "rubric-time.h"

#define SECONDS_PER_DAY 86400
/* Every offset in use since the 1970s is a whole number of quarter hours,
 * and so is every transition: a 15-minute slot whose two ends have the same
 * offset has it throughout. Slots that straddle a change are looked up one
 * instant at a time. */
#define SLOT_SECONDS    900

gint64
rubric_wait_bucket (double wait_s)
{
  double whole;
  gint64 bucket;

  if (!(wait_s > 0))  /* 0, negative or NaN */
    return 0;

  if (wait_s > RUBRIC_MAX_THRESHOLD_S)
    return RUBRIC_WAIT_BUCKET_CAP;

  whole = floor (wait_s);
  bucket = 2 * (gint64) whole + (wait_s > whole ? 1 : 0);

  return MIN (bucket, RUBRIC_WAIT_BUCKET_CAP);
}

gint64
rubric_gap_bucket (gint64 gap_s)
{
  gint64 days;

  if (gap_s <= 0 || gap_s > (gint64) RUBRIC_GAP_BUCKET_DAYS * SECONDS_PER_DAY)
    return 0;

  days = (gap_s + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY;
  return days > RUBRIC_GAP_BUCKET_DAYS ? 0 : days;
}

struct _RubricDayCache
{
  GTimeZone *zone;
  gint64     slot;    /* the slot whose offset is cached, or G_MININT64 */
  gint32     offset;  /* seconds east of UTC */
};

RubricDayCache *
rubric_day_cache_new (const char *tzid)
{
  RubricDayCache *cache = g_new0 (RubricDayCache, 1);

  /* Zones come from vendors.timezone: a bad one is UTC, never a path. */
  cache->zone = rubric_time_zone_new (tzid);
  cache->slot = G_MININT64;

  return cache;
}

void
rubric_day_cache_free (RubricDayCache *cache)
{
  if (cache == NULL)
    return;

  g_time_zone_unref (cache->zone);
  g_free (cache);
}

static gint32
offset_at (GTimeZone *zone,
           gint64     t)
{
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, t);

  return g_time_zone_get_offset (zone, interval);
}

gint32
rubric_day_cache_day (RubricDayCache *cache,
                      gint64          unix_seconds)
{
  gint64 slot;
  gint32 offset;

  /* A stored instant beyond the years 1 to 9999 (a database edited by
   * hand) counts as the first or last of them: no arithmetic overflows. */
  unix_seconds = rubric_time_clamp (unix_seconds);
  slot = rubric_floor_div (unix_seconds, SLOT_SECONDS);

  if (slot == cache->slot)
    offset = cache->offset;
  else
    {
      gint32 first = offset_at (cache->zone, slot * SLOT_SECONDS);
      gint32 last = offset_at (cache->zone, slot * SLOT_SECONDS + SLOT_SECONDS - 1);

      if (first == last)
        {
          cache->slot = slot;
          cache->offset = first;
          offset = first;
        }
      else
        offset = offset_at (cache->zone, unix_seconds);
    }

  return (gint32) rubric_floor_div (unix_seconds + offset, SECONDS_PER_DAY);
}

gboolean
rubric_rollups_rebuild_vendor (RubricDb  *db,
                               gint64     vendor_id,
                               GError   **error)
{
  g_autoptr(RubricStmt) remove = NULL;
  g_autoptr(RubricStmt) insert = NULL;

  remove = rubric_db_prepare (db, "DELETE FROM call_rollups WHERE vendor_id = ?1", error);
  if (remove == NULL)
    return FALSE;
  rubric_stmt_bind_int64 (remove, 1, vendor_id);
  if (!rubric_db_step_done (db, remove, error))
    return FALSE;

  insert = rubric_db_prepare (db,
                              "INSERT INTO call_rollups (vendor_id, day, kind, bucket, n, total) "
                              RUBRIC_ROLLUPS_SELECT_SQL ("AND c.vendor_id = ?1"),
                              error);
  if (insert == NULL)
    return FALSE;
  rubric_stmt_bind_int64 (insert, 1, vendor_id);

  return rubric_db_step_done (db, insert, error);
}
