/* rubric-kpis.c — the contract KPIs of call records (SPEC §4.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both paths feed the same accumulator with (kind, bucket, n, total)
 * triples: the fast one reads them from the daily rollups, the scan makes
 * them from each call record as the import does. See docs/KPIS.md.
 */

#include "config.h"

#include <math.h>

#include "rubric-calls.h"
#include "rubric-error.h"
#include "rubric-kpis.h"
#include "rubric-private.h"
#include "rubric-rollups.h"
#include "rubric-score.h"

void
rubric_kpi_definition_init_default (RubricKpiDefinition *definition)
{
  definition->threshold = 20;
  definition->short_abandon = 5;
  definition->formula = RUBRIC_SL_ABANDONS_NEGATIVE;
  definition->repeat_days = 7;
}

void
rubric_kpi_definition_init_from (RubricKpiDefinition  *definition,
                                 const RubricContract *contract)
{
  definition->threshold = contract->threshold;
  definition->short_abandon = contract->short_abandon;
  definition->formula = contract->formula;
  definition->repeat_days = contract->repeat_days;
}

static void
accumulate (RubricKpis                *kpis,
            const RubricKpiDefinition *definition,
            int                        kind,
            gint64                     bucket,
            guint64                    n,
            double                     total)
{
  /* The buckets of rubric-rollups.h: w ≤ T ⇔ bucket ≤ 2T, w < S ⇔ bucket < 2S. */
  gint64 within = 2 * (gint64) definition->threshold;
  gint64 short_below = 2 * (gint64) definition->short_abandon;

  switch (kind)
    {
    case RUBRIC_ROLLUP_ANSWERED:
      kpis->answered += n;
      if (bucket <= within)
        kpis->answered_within += n;
      kpis->wait_answered += total;
      break;

    case RUBRIC_ROLLUP_ABANDONED:
      if (bucket < short_below)
        {
          kpis->short_abandoned += n;
          break;
        }
      G_GNUC_FALLTHROUGH;
    case RUBRIC_ROLLUP_TIMEOUT:
      kpis->abandoned += n;
      if (bucket <= within)
        kpis->abandoned_within += n;
      break;

    case RUBRIC_ROLLUP_OTHER:
      kpis->other += n;
      break;

    case RUBRIC_ROLLUP_HANDLE:
      kpis->handled += n;
      kpis->handle_time += total;
      break;

    case RUBRIC_ROLLUP_REPEAT:
      kpis->fcr_n += n;
      if (bucket == 0 || bucket > (gint64) definition->repeat_days)
        kpis->fcr_resolved += n;
      break;

    default:
      break;
    }
}

static void
set_percent (RubricKpi *kpi,
             double     numerator,
             double     denominator)
{
  kpi->numerator = numerator;
  kpi->denominator = denominator;
  kpi->has_value = denominator > 0;
  kpi->value = kpi->has_value ? 100.0 * numerator / denominator : NAN;
  if (!rubric_wilson_interval (numerator, denominator, &kpi->low, &kpi->high))
    kpi->low = kpi->high = NAN;
}

static void
set_average (RubricKpi *kpi,
             double     sum,
             double     n)
{
  kpi->numerator = sum;
  kpi->denominator = n;
  kpi->has_value = n > 0;
  kpi->value = kpi->has_value ? sum / n : NAN;
  kpi->low = kpi->high = NAN;
}

static void
finish (RubricKpis                *kpis,
        const RubricKpiDefinition *definition)
{
  double a = (double) kpis->answered;
  double a_t = (double) kpis->answered_within;
  double b = (double) kpis->abandoned;
  double b_t = (double) kpis->abandoned_within;

  kpis->offered = kpis->answered + kpis->abandoned + kpis->short_abandoned + kpis->other;

  switch (definition->formula)
    {
    case RUBRIC_SL_ANSWERED:
      set_percent (&kpis->service_level, a_t, a);
      break;
    case RUBRIC_SL_ABANDONS_IGNORED:
      set_percent (&kpis->service_level, a_t, a + b - b_t);
      break;
    case RUBRIC_SL_ABANDONS_POSITIVE:
      set_percent (&kpis->service_level, a_t + b_t, a + b);
      break;
    case RUBRIC_SL_ABANDONS_NEGATIVE:
    default:
      set_percent (&kpis->service_level, a_t, a + b);
      break;
    }

  set_percent (&kpis->abandon_rate, b, a + b);
  set_average (&kpis->asa, kpis->wait_answered, a);
  set_average (&kpis->aht, kpis->handle_time, (double) kpis->handled);
  set_percent (&kpis->fcr, (double) kpis->fcr_resolved, (double) kpis->fcr_n);
}

/* The definitions of the contract in force on @day, else of the vendor's
 * first contract, else the defaults. */
static gboolean
definition_for (RubricDb             *db,
                gint64                vendor_id,
                gint32                day,
                RubricKpiDefinition  *definition,
                GError              **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  g_autofree char *text = rubric_day_format (day);
  RubricSlFormula formula;
  int rc;

  rubric_kpi_definition_init_default (definition);

  stmt = rubric_db_cached (db,
                           "SELECT threshold, short_abandon, formula, repeat_days"
                           " FROM contracts WHERE vendor_id = ?1"
                           " ORDER BY valid_from <= ?2 DESC,"
                           "  CASE WHEN valid_from <= ?2 THEN valid_from END DESC,"
                           "  valid_from"
                           " LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;

  rubric_stmt_bind_int64 (stmt, 1, vendor_id);
  rubric_stmt_bind_text_static (stmt, 2, text);
  rc = rubric_stmt_step (stmt);
  if (rc == RUBRIC_ROW)
    {
      definition->threshold = (guint) rubric_stmt_column_int (stmt, 0);
      definition->short_abandon = (guint) rubric_stmt_column_int (stmt, 1);
      if (rubric_sl_formula_from_string (rubric_stmt_column_text (stmt, 2), &formula))
        definition->formula = formula;
      definition->repeat_days = (guint) rubric_stmt_column_int (stmt, 3);
    }
  else if (rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);

  return TRUE;
}

static gboolean
from_rollups (RubricDb                   *db,
              gint64                      vendor_id,
              const RubricKpiDefinition  *definition,
              RubricKpis                 *kpis,
              GError                    **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  int rc;

  stmt = rubric_db_cached (db,
                           "SELECT kind, bucket, n, total FROM call_rollups"
                           " WHERE vendor_id = ?1 AND day BETWEEN ?2 AND ?3",
                           error);
  if (stmt == NULL)
    return FALSE;

  rubric_stmt_bind_int64 (stmt, 1, vendor_id);
  rubric_stmt_bind_int (stmt, 2, kpis->range.first);
  rubric_stmt_bind_int (stmt, 3, kpis->range.last);

  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    accumulate (kpis, definition,
                rubric_stmt_column_int (stmt, 0),
                rubric_stmt_column_int64 (stmt, 1),
                (guint64) rubric_stmt_column_int64 (stmt, 2),
                rubric_stmt_column_double (stmt, 3));

  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);

  return TRUE;
}

static char *
vendor_timezone (RubricDb  *db,
                 gint64     vendor_id,
                 GError   **error)
{
  char *tz = rubric_db_get_vendor_timezone (db, vendor_id);

  if (tz == NULL)
    g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                 _("vendor %lld does not exist"), (long long) vendor_id);
  return tz;
}

static gboolean
from_calls (RubricDb                   *db,
            gint64                      vendor_id,
            const char                 *tzid,
            const RubricKpiDefinition  *definition,
            const RubricKpiFilter      *filter,
            RubricKpis                 *kpis,
            GError                    **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  int rc;

  stmt = rubric_db_prepare (db,
                            "SELECT outcome, wait_s, talk_s, hold_s, wrap_s,"
                            "  caller IS NOT NULL, next_gap"
                            " FROM calls"
                            " WHERE vendor_id = ?1 AND entered_at >= ?2 AND entered_at < ?3"
                            "   AND outcome <> 0"
                            "   AND (?4 = 0 OR queue_id = ?4) AND (?5 = 0 OR agent_id = ?5)",
                            error);
  if (stmt == NULL)
    return FALSE;

  rubric_stmt_bind_int64 (stmt, 1, vendor_id);
  rubric_stmt_bind_int64 (stmt, 2, rubric_day_start_utc (kpis->range.first, tzid));
  rubric_stmt_bind_int64 (stmt, 3, rubric_day_start_utc (kpis->range.last + 1, tzid));
  rubric_stmt_bind_int64 (stmt, 4, filter != NULL ? filter->queue_id : 0);
  rubric_stmt_bind_int64 (stmt, 5, filter != NULL ? filter->agent_id : 0);

  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    {
      int outcome = rubric_stmt_column_int (stmt, 0);
      double wait = rubric_stmt_column_double (stmt, 1);

      accumulate (kpis, definition, outcome,
                  outcome == RUBRIC_OUTCOME_OTHER ? 0 : rubric_wait_bucket (wait), 1, wait);

      if (outcome != RUBRIC_OUTCOME_ANSWERED)
        continue;

      if (rubric_stmt_column_type (stmt, 2) != RUBRIC_NULL)
        accumulate (kpis, definition, RUBRIC_ROLLUP_HANDLE, 0, 1,
                    rubric_stmt_column_double (stmt, 2) + rubric_stmt_column_double (stmt, 3) +
                    rubric_stmt_column_double (stmt, 4));

      if (rubric_stmt_column_int (stmt, 5))
        accumulate (kpis, definition, RUBRIC_ROLLUP_REPEAT,
                    rubric_gap_bucket (rubric_stmt_column_type (stmt, 6) == RUBRIC_NULL
                                       ? -1 : rubric_stmt_column_int64 (stmt, 6)),
                    1, 0);
    }

  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);

  return TRUE;
}

/* The most periods one computation takes (a century of days). */
#define RUBRIC_KPIS_MAX_PERIODS 36600

static GArray *
compute (RubricDb                   *db,
         gint64                      vendor_id,
         GArray                     *periods,
         const RubricKpiDefinition  *definition,
         const RubricKpiFilter      *filter,
         gboolean                    scan,
         GError                    **error)
{
  g_autoptr(GArray) result = NULL;
  g_autofree char *tzid = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (periods != NULL, NULL);

  /* Every period is a query or more: a century of days is plenty, and
   * "--by day" from 1970 to 9999 would run for hours (docs/DECISIONS.md). */
  if (periods->len > RUBRIC_KPIS_MAX_PERIODS)
    {
      g_autofree char *first = rubric_day_format (g_array_index (periods, RubricDayRange, 0).first);
      g_autofree char *last = rubric_day_format (g_array_index (periods, RubricDayRange,
                                                                periods->len - 1).last);

      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_USAGE,
                   _("%s to %s is %u periods, more than the %u KPIs are computed for at once: "
                     "choose a shorter range or longer periods"),
                   first, last, periods->len, (guint) RUBRIC_KPIS_MAX_PERIODS);
      return NULL;
    }

  tzid = vendor_timezone (db, vendor_id, error);
  if (tzid == NULL)
    return NULL;

  result = g_array_sized_new (FALSE, TRUE, sizeof (RubricKpis), periods->len);
  g_array_set_size (result, periods->len);

  for (guint i = 0; i < periods->len; i++)
    {
      RubricKpis *kpis = &g_array_index (result, RubricKpis, i);
      RubricKpiDefinition period_definition;
      gboolean ok;

      kpis->range = g_array_index (periods, RubricDayRange, i);

      if (definition != NULL)
        period_definition = *definition;
      else if (!definition_for (db, vendor_id, kpis->range.first, &period_definition, error))
        return NULL;

      if (scan)
        ok = from_calls (db, vendor_id, tzid, &period_definition, filter, kpis, error);
      else
        ok = from_rollups (db, vendor_id, &period_definition, kpis, error);
      if (!ok)
        return NULL;

      finish (kpis, &period_definition);
    }

  return g_steal_pointer (&result);
}

GArray *
rubric_kpis_compute (RubricDb                   *db,
                     gint64                      vendor_id,
                     GArray                     *periods,
                     const RubricKpiDefinition  *definition,
                     const RubricKpiFilter      *filter,
                     GError                    **error)
{
  gboolean filtered = filter != NULL && (filter->queue_id != 0 || filter->agent_id != 0);

  return compute (db, vendor_id, periods, definition, filter, filtered, error);
}

GArray *
rubric_kpis_compute_scan (RubricDb                   *db,
                          gint64                      vendor_id,
                          GArray                     *periods,
                          const RubricKpiDefinition  *definition,
                          const RubricKpiFilter      *filter,
                          GError                    **error)
{
  return compute (db, vendor_id, periods, definition, filter, TRUE, error);
}

gboolean
rubric_kpis_data_range (RubricDb        *db,
                        gint64           vendor_id,
                        RubricDayRange  *range,
                        GError         **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  gboolean found = FALSE;
  int rc;

  stmt = rubric_db_cached (db,
                           "SELECT min (day), max (day) FROM call_rollups WHERE vendor_id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;

  rubric_stmt_bind_int64 (stmt, 1, vendor_id);
  rc = rubric_stmt_step (stmt);
  if (rc == RUBRIC_ROW && rubric_stmt_column_type (stmt, 0) != RUBRIC_NULL)
    {
      range->first = rubric_stmt_column_int (stmt, 0);
      range->last = rubric_stmt_column_int (stmt, 1);
      found = TRUE;
    }
  else if (rc != RUBRIC_ROW && rc != RUBRIC_DONE)
    rubric_db_set_error (db, error);

  return found;
}
