/* rubric-sparkline.h — an agent's recent scores as a small line, for the rows of the Agents page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rubric-period.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_SPARKLINE (rubric_sparkline_get_type ())

G_DECLARE_FINAL_TYPE (RubricSparkline, rubric_sparkline, RUBRIC, SPARKLINE, GtkWidget)

GtkWidget *rubric_sparkline_new        (void);
/* Scores 0..100, oldest first, one per bucket (RubricAgentSummary's
 * spark[]); NAN leaves a gap, and a score with gaps on both sides is a
 * dot. Sets the accessible label ("Scores over the last 12 weeks: 71.0,
 * 74.0, no evaluations, 80.0"). */
void       rubric_sparkline_set_values (RubricSparkline  *self,
                                        const double     *values,
                                        guint             n_values);
/* What a bucket is, for the accessible label: RUBRIC_PERIOD_WEEK (the
 * default) or RUBRIC_PERIOD_MONTH. */
void       rubric_sparkline_set_by     (RubricSparkline  *self,
                                        RubricPeriodKind  by);

/* Where value @i is drawn at the present size (for tests): FALSE for a gap
 * or when there is no room. */
gboolean   rubric_sparkline_get_point  (RubricSparkline  *self,
                                        guint             i,
                                        double           *x,
                                        double           *y);

G_END_DECLS
