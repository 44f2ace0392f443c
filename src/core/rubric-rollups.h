/* rubric-rollups.h — daily rollups of call records, kept in step with imports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KPIs for a vendor and period never scan the calls: every import adds the
 * contribution of each record it writes to the table call_rollups (one row
 * per vendor, local day, kind and bucket) inside its own transaction. The
 * buckets keep every threshold query exact (docs/KPIS.md):
 *
 *  - a wait w goes to bucket 2·⌊w⌋ + (w is not whole), so that for a whole
 *    threshold T, w ≤ T ⇔ bucket ≤ 2T, and w < S ⇔ bucket < 2S;
 *  - the gap g (seconds, > 0) to the caller's next record goes to bucket
 *    ⌈g / 86400⌉, so that for whole days D, g ≤ D days ⇔ bucket ≤ D; no next
 *    record (or one beyond RUBRIC_GAP_BUCKET_DAYS) is bucket 0.
 */

#pragma once

#include <gio/gio.h>

#include "rubric-db.h"

G_BEGIN_DECLS

/* The largest thresholds (seconds) and repeat-contact window (days) a
 * contract may declare: the buckets are exact up to them. */
#define RUBRIC_MAX_THRESHOLD_S   86400
#define RUBRIC_GAP_BUCKET_DAYS   366
#define RUBRIC_WAIT_BUCKET_CAP   (2 * RUBRIC_MAX_THRESHOLD_S + 1)

typedef enum
{
  RUBRIC_ROLLUP_ANSWERED  = 1,  /* bucket: wait; total: Σ wait */
  RUBRIC_ROLLUP_ABANDONED = 2,  /* bucket: wait */
  RUBRIC_ROLLUP_TIMEOUT   = 3,  /* bucket: wait */
  RUBRIC_ROLLUP_OTHER     = 4,  /* bucket 0 */
  RUBRIC_ROLLUP_HANDLE    = 5,  /* answered with a talk time; total: Σ handle */
  RUBRIC_ROLLUP_REPEAT    = 6,  /* answered with a caller; bucket: days to the next record */
} RubricRollupKind;

gint64   rubric_wait_bucket          (double       wait_s);
/* @gap_s < 0 means no next record. */
gint64   rubric_gap_bucket           (gint64       gap_s);

/* Local days ("days since 1970-01-01" in a time zone), fast for instants
 * that come in order. An unknown zone is taken as UTC. */
typedef struct _RubricDayCache RubricDayCache;

RubricDayCache *rubric_day_cache_new  (const char     *tzid);
void            rubric_day_cache_free (RubricDayCache *cache);
gint32          rubric_day_cache_day  (RubricDayCache *cache,
                                       gint64          unix_seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricDayCache, rubric_day_cache_free)

/* The SQL functions the rollups are defined with, on every connection
 * (registered by the SQLite backend, created by the PostgreSQL schema):
 * rubric_local_day(t, tzid), rubric_wait_bucket(w), rubric_gap_bucket(g). */

/* The rollups of every call, as one SELECT of (vendor_id, day, kind,
 * bucket, n, total); FILTER is an extra "AND …" on the calls aliased c. */
#define RUBRIC_ROLLUPS_SELECT_SQL(FILTER) \
  "SELECT vendor_id, day, kind, bucket, count (*), total (x) FROM (" \
  " SELECT c.vendor_id, rubric_local_day (c.entered_at, v.timezone) AS day," \
  "        c.outcome AS kind," \
  "        CASE c.outcome WHEN 4 THEN 0 ELSE rubric_wait_bucket (c.wait_s) END AS bucket," \
  "        coalesce (c.wait_s, 0) AS x" \
  "   FROM calls AS c JOIN vendors AS v ON v.id = c.vendor_id" \
  "  WHERE c.outcome BETWEEN 1 AND 4 " FILTER \
  " UNION ALL" \
  " SELECT c.vendor_id, rubric_local_day (c.entered_at, v.timezone), 5, 0," \
  "        c.talk_s + coalesce (c.hold_s, 0) + coalesce (c.wrap_s, 0)" \
  "   FROM calls AS c JOIN vendors AS v ON v.id = c.vendor_id" \
  "  WHERE c.outcome = 1 AND c.talk_s IS NOT NULL " FILTER \
  " UNION ALL" \
  " SELECT c.vendor_id, rubric_local_day (c.entered_at, v.timezone), 6," \
  "        rubric_gap_bucket (c.next_gap), 0" \
  "   FROM calls AS c JOIN vendors AS v ON v.id = c.vendor_id" \
  "  WHERE c.outcome = 1 AND c.caller IS NOT NULL " FILTER \
  ") AS rollup_rows GROUP BY vendor_id, day, kind, bucket"

#define RUBRIC_ROLLUPS_REBUILD_ALL_SQL \
  "INSERT INTO call_rollups (vendor_id, day, kind, bucket, n, total) " \
  RUBRIC_ROLLUPS_SELECT_SQL ("")

/* Recomputes a vendor's rollups from its calls (after its time zone
 * changed). Runs inside the caller's transaction when there is one. */
gboolean rubric_rollups_rebuild_vendor (RubricDb  *db,
                                        gint64     vendor_id,
                                        GError   **error);

G_END_DECLS
