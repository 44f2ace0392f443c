/* rubric-rating-figures.h — the figures the Vendors page shows for a rating, and its flags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The names of metrics, categories, sources and periods, and the units,
 * are the PDF report's too: rubric-rating-text.h (core).
 */

#pragma once

#include <glib.h>

#include "rubric-rating.h"

G_BEGIN_DECLS

/* The PERIOD of SPEC §9 ("2026-11", "2026-W47", "2026-Q4", "2026",
 * "2026-11-22", "2026-11-01..2026-11-30"), for file names. */
char       *rubric_period_code           (RubricDayRange      range,
                                          RubricPeriodKind    kind);

/* A value of @metric with its unit: "67.8 %", "398 s", "81.3", "4.2". */
char       *rubric_metric_format_value   (const char         *metric,
                                          double              value);
/* The same without the unit: "67.8", "398", "81.3", "4.2". */
char       *rubric_metric_format_number  (const char         *metric,
                                          double              value);
/* The target of an objective: "≥ 75 %", "≤ 420 s". */
char       *rubric_objective_format_target (const RubricRatingObjective *objective);
/* The change of an actual against the previous period, "+2.1", "−0.4",
 * "0.0", in the unit of @metric. */
char       *rubric_metric_format_change  (const char         *metric,
                                          double              change);

/* A rating, floored to a tenth so that it never shows a grade's minimum it
 * did not reach: 94.96 is "94.9" (grade B), not "95.0". */
char       *rubric_rating_format         (double              rating);
/* "8 %", "2.5 %": a whole number without decimals. */
char       *rubric_percent_format        (double              percent);

/* The rating's flags in words, for tags: "Small sample", "Incomplete". */
const char *rubric_rating_flag_title     (const char         *flag);
/* A sentence that says what @flag means for @rating. */
char       *rubric_rating_flag_explain   (const RubricRating *rating,
                                          const char         *flag);

G_END_DECLS
