/* rubric-rating-period.c — the period a rating opens on: the latest day with a vendor's data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Vendors page opens on the period of the latest data rather than on
 * today's, which may hold nothing yet (the first of a month, data imported
 * a day late). The queries live here, with the rest of the core's SQL.
 */

#include "config.h"

#include "rubric-clock.h"
#include "rubric-contract-store.h"
#include "rubric-kpis.h"
#include "rubric-rating-period.h"

gboolean
rubric_vendor_latest_day (RubricDb  *db,
                          gint64     vendor_id,
                          gint32    *day,
                          GError   **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  g_autofree char *tzid = NULL;
  GError *local_error = NULL;
  RubricDayRange calls;
  gboolean found = FALSE;
  gint32 latest = RUBRIC_DAY_FIRST;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (day != NULL, FALSE);

  if (rubric_kpis_data_range (db, vendor_id, &calls, &local_error))
    {
      latest = calls.last;
      found = TRUE;
    }
  else if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  /* rubric_local_day (): the rollups' own local days (rubric-rollups.h). */
  tzid = rubric_db_get_vendor_timezone (db, vendor_id);
  stmt = rubric_db_cached (db,
                           "SELECT rubric_local_day (max (call_time), ?2) FROM evaluations"
                           " WHERE vendor_id = ?1 AND status = 'submitted'",
                           error);
  if (stmt == NULL)
    return FALSE;
  rubric_stmt_bind_int64 (stmt, 1, vendor_id);
  rubric_stmt_bind_text_static (stmt, 2, tzid);
  if (rubric_stmt_step (stmt) != RUBRIC_ROW)
    return rubric_db_set_error (db, error);
  if (rubric_stmt_column_type (stmt, 0) != RUBRIC_NULL)
    {
      latest = found ? MAX (latest, (gint32) rubric_stmt_column_int64 (stmt, 0))
                     : (gint32) rubric_stmt_column_int64 (stmt, 0);
      found = TRUE;
    }
  g_clear_pointer (&stmt, rubric_cached_stmt_release);

  stmt = rubric_db_cached (db, "SELECT max (period_end) FROM metrics WHERE vendor_id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  rubric_stmt_bind_int64 (stmt, 1, vendor_id);
  if (rubric_stmt_step (stmt) != RUBRIC_ROW)
    return rubric_db_set_error (db, error);
  if (rubric_stmt_column_type (stmt, 0) != RUBRIC_NULL)
    {
      gint32 end;

      if (rubric_day_parse (rubric_stmt_column_text (stmt, 0), &end))
        {
          latest = found ? MAX (latest, end) : end;
          found = TRUE;
        }
    }

  *day = latest;
  return found;
}

gboolean
rubric_ratings_default_period (RubricDb          *db,
                               RubricDayRange    *range,
                               RubricPeriodKind  *kind,
                               gint32            *latest_day,
                               GError           **error)
{
  g_autoptr(GPtrArray) vendors = NULL;
  RubricPeriodKind common = RUBRIC_PERIOD_MONTH;
  gboolean agreed = TRUE;
  gboolean found = FALSE;
  gint32 latest = RUBRIC_DAY_FIRST;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (range != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  vendors = rubric_contract_store_list_vendors (db, error);
  if (vendors == NULL)
    return FALSE;

  for (guint i = 0; i < vendors->len; i++)
    {
      const char *name = g_ptr_array_index (vendors, i);
      g_autoptr(RubricContract) contract = NULL;
      RubricPeriodKind period;
      GError *local_error = NULL;
      gint64 vendor_id;
      gint32 day;

      contract = rubric_contract_store_load (db, name, NULL, error);
      if (contract == NULL)
        return FALSE;
      if (!rubric_period_kind_from_string (contract->period, &period))
        period = RUBRIC_PERIOD_MONTH;
      if (i == 0)
        common = period;
      else if (period != common)
        agreed = FALSE;

      vendor_id = rubric_db_lookup_vendor (db, name, error);
      if (vendor_id < 0)
        return FALSE;
      if (rubric_vendor_latest_day (db, vendor_id, &day, &local_error))
        {
          latest = found ? MAX (latest, day) : day;
          found = TRUE;
        }
      else if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }

  *kind = agreed ? common : RUBRIC_PERIOD_MONTH;
  if (!found)
    latest = rubric_clock_today (NULL);
  *range = rubric_period_containing (latest, *kind);
  if (latest_day != NULL)
    *latest_day = latest;

  return TRUE;
}
