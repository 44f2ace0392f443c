/* rubric-metrics.h — aggregate metrics that vendors report (SPEC §4.4, §8.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rubric-db.h"

G_BEGIN_DECLS

#define RUBRIC_METRICS_NS "urn:rubric:metrics:1"

/* One aggregate: @value of @metric for @vendor over the days
 * [period_start, period_end] ("YYYY-MM-DD", inclusive), with the count it
 * was taken over when the vendor gave one. */
typedef struct
{
  char     *vendor;
  char     *period_start;
  char     *period_end;
  char     *metric;
  double    value;
  gboolean  has_n;
  gint64    n;
} RubricMetric;

void       rubric_metric_free             (RubricMetric  *metric);

/* Whether @name is a metric an aggregate may have: service-level,
 * abandon-rate, asa, aht, fcr or custom:NAME (NAME of 1 to 193 characters,
 * without white space or control characters). */
gboolean   rubric_metric_name_is_valid    (const char    *name);

typedef struct
{
  guint64 rows;       /* aggregates in the file */
  guint64 inserted;   /* new to the database */
  guint64 replaced;   /* known (vendor, period, metric) given a new value or n */
  guint64 unchanged;  /* known, with the same value and n */
} RubricMetricsImportReport;

/* Reads a metrics file, CSV or XML (told apart by content: XML begins with
 * '<' after any white space), and checks every row: real days with start <=
 * end, a known metric, a C-locale number in its metric's range (0 to 100
 * for the percentages, 0 or more for asa and aht), n a whole number of 0 or
 * more, a vendor, no (vendor, start, end, metric) twice. Refusals are
 * RUBRIC_ERROR_INPUT "LABEL:LINE: message". Returns a GPtrArray of
 * RubricMetric in the order of the file. */
GPtrArray *rubric_metrics_parse           (const char    *label,
                                           const char    *data,
                                           gsize          length,
                                           GError       **error);

/* Validates the whole file first, then writes it in one transaction: a new
 * (vendor, start, end, metric) is inserted, a known one with another value
 * or n is replaced, an identical one is left unchanged. Any bad row refuses
 * the file with RUBRIC_ERROR_INPUT "FILE:LINE: message" and the database is
 * left exactly as it was. @report (may be NULL) is written on success only. */
gboolean   rubric_metrics_import          (RubricDb                   *db,
                                           const char                 *path,
                                           RubricMetricsImportReport  *report,
                                           GError                    **error);

/* The imported aggregates of @vendor_id whose whole period lies within the
 * days [@first, @last] ("YYYY-MM-DD"), ordered by metric, period_start and
 * period_end. Returns a GPtrArray of RubricMetric, or NULL with @error. */
GPtrArray *rubric_metrics_list            (RubricDb      *db,
                                           gint64         vendor_id,
                                           const char    *first,
                                           const char    *last,
                                           GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricMetric, rubric_metric_free)

G_END_DECLS
