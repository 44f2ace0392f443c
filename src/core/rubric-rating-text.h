/* rubric-rating-text.h — the words of a vendor rating, the same in the app and the PDF report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rubric-period.h"
#include "rubric-rating.h"

G_BEGIN_DECLS

/* What a metric's figures count (SPEC §5.1). */
typedef enum
{
  RUBRIC_METRIC_UNIT_PERCENT,   /* service-level, abandon-rate, fcr */
  RUBRIC_METRIC_UNIT_SECONDS,   /* asa, aht */
  RUBRIC_METRIC_UNIT_SCORE,     /* qa-overall, qa-KEY: a mean evaluation score */
  RUBRIC_METRIC_UNIT_PLAIN,     /* custom:NAME: as imported */
} RubricMetricUnit;

RubricMetricUnit  rubric_metric_unit        (const char         *metric);
/* Whether @metric is a QA objective: qa-overall or qa-KEY. */
gboolean          rubric_metric_is_qa       (const char         *metric);
/* An objective's metric in words, in SPEC §5.1's terms: "Service level",
 * "First-call resolution", "QA overall", "QA: Ownership", the NAME of a
 * custom:NAME metric. */
char             *rubric_metric_name        (const char         *metric);
/* A QA category in words: the four of SPEC §1 translated, any other key
 * as it is. */
const char       *rubric_category_name      (const char         *key);
/* The order categories are listed in everywhere (the editor's scores, the
 * Vendors page, the report): SPEC §1's resolution, ownership, policy,
 * documentation, then any other key by name. A GCompareFunc on keys. */
int               rubric_category_compare   (const char         *a,
                                             const char         *b);
/* Where an objective's actual comes from: "Call records", "Reported
 * aggregates", "Evaluations", "No data". */
const char       *rubric_rating_source_name (RubricRatingSource  source);

/* @number (already written in the caller's style) with the unit of @unit:
 * "87.5 %", "24 s"; a score or a plain figure as it is. The number and
 * its unit never part at a line break. */
char             *rubric_metric_unit_format (RubricMetricUnit    unit,
                                             const char         *number);
/* How many decimals a figure of @unit is written with, on screen and in
 * the report alike: a percent and a score to a tenth, seconds whole, a
 * custom figure to a hundredth (RUBRIC_RATING_DECIMALS for a rating). */
int               rubric_metric_unit_decimals (RubricMetricUnit  unit);
#define RUBRIC_RATING_DECIMALS 1
/* @rating floored to RUBRIC_RATING_DECIMALS, so that it is never written
 * as a grade's minimum it did not reach: 94.96 is 94.9 (grade B), not
 * 95.0. */
double            rubric_rating_floor       (double              rating);
/* @value with @decimals, in the C library's numeric locale ("67.8");
 * never "-0.0". */
char             *rubric_figure_format      (double              value,
                                             int                 decimals);

/* Takes @text and gives it back with every space a no-break space: for a
 * single figure with its unit. */
char             *rubric_keep_together      (char               *text);

/* "22 November 2026", with the month's name from our translations: the
 * gettext language, not LC_TIME, says which. */
char             *rubric_day_title          (gint32              day);
/* "1 October 2026 – 31 October 2026"; one day alone as that day. */
char             *rubric_day_range_title    (RubricDayRange      range);
/* "October 2026", "Week 43, 2026", "Q4 2026", "2026", "22 November 2026";
 * anything that is not one whole calendar period as its days. */
char             *rubric_period_title       (RubricDayRange      range,
                                             RubricPeriodKind    kind);

G_END_DECLS
