/* rubric-kpis.h — the contract KPIs of call records (SPEC §4.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rubric-contract.h"
#include "rubric-db.h"
#include "rubric-period.h"

G_BEGIN_DECLS

/* The definitions a contract gives the KPIs (defaults: 20, 5,
 * abandons-negative, 7). */
typedef struct
{
  guint           threshold;      /* T, seconds */
  guint           short_abandon;  /* S, seconds; 0 disables */
  RubricSlFormula formula;
  guint           repeat_days;    /* D, days */
} RubricKpiDefinition;

void rubric_kpi_definition_init_default   (RubricKpiDefinition   *definition);
void rubric_kpi_definition_init_from      (RubricKpiDefinition   *definition,
                                           const RubricContract  *contract);

/* A KPI: value = 100 · numerator / denominator for percents, numerator /
 * denominator for averages; undefined (has_value FALSE) when the
 * denominator is 0. low/high: the 95 % Wilson interval of percents. */
typedef struct
{
  gboolean has_value;
  double   value;
  double   numerator;
  double   denominator;
  double   low;
  double   high;
} RubricKpi;

typedef struct
{
  RubricDayRange range;
  /* The counts of SPEC §4.3 */
  guint64   offered;           /* O */
  guint64   answered;          /* A */
  guint64   answered_within;   /* A_T */
  guint64   abandoned;         /* B: abandoned and timed out, short abandons aside */
  guint64   short_abandoned;
  guint64   abandoned_within;  /* B_T */
  guint64   other;
  guint64   handled;           /* answered with a talk time */
  double    wait_answered;     /* Σ wait of answered, seconds */
  double    handle_time;       /* Σ talk + hold + wrap of handled, seconds */
  guint64   fcr_n;             /* answered with a caller id */
  guint64   fcr_resolved;      /* …with no record of the caller within D days after */
  /* What they give */
  RubricKpi service_level;
  RubricKpi abandon_rate;
  RubricKpi asa;
  RubricKpi aht;
  RubricKpi fcr;
} RubricKpis;

/* Filters for a subset of a vendor's calls; 0 means all. */
typedef struct
{
  gint64 queue_id;
  gint64 agent_id;
} RubricKpiFilter;

/* Computes the KPIs of @vendor_id for each period of @periods (an array of
 * RubricDayRange in the vendor's local days), returned as a GArray of
 * RubricKpis in the same order. The definitions of each period are those
 * of the vendor's contract in force on its first day (the vendor's first
 * contract before that; the defaults without any), unless @definition is
 * given. Without a filter the daily rollups are read (fast at any size);
 * a queue or agent filter reads the calls. */
GArray  *rubric_kpis_compute          (RubricDb                   *db,
                                       gint64                      vendor_id,
                                       GArray                     *periods,
                                       const RubricKpiDefinition  *definition,
                                       const RubricKpiFilter      *filter,
                                       GError                    **error);

/* The same straight from the call records, never from the rollups: for
 * tests, and for filtered sets. */
GArray  *rubric_kpis_compute_scan     (RubricDb                   *db,
                                       gint64                      vendor_id,
                                       GArray                     *periods,
                                       const RubricKpiDefinition  *definition,
                                       const RubricKpiFilter      *filter,
                                       GError                    **error);

/* The first and last local days with call records of @vendor_id; FALSE
 * when it has none. */
gboolean rubric_kpis_data_range       (RubricDb                   *db,
                                       gint64                      vendor_id,
                                       RubricDayRange             *range,
                                       GError                    **error);

G_END_DECLS
