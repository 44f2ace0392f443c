/* rubric-trend-chart.h — an agent's or a team's score over weeks, against the team band
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RUBRIC_TYPE_TREND_CHART (rubric_trend_chart_get_type ())

G_DECLARE_FINAL_TYPE (RubricTrendChart, rubric_trend_chart, RUBRIC, TREND_CHART, GtkWidget)

GtkWidget *rubric_trend_chart_new            (void);
/* @rows: the RubricTrendRow (rubric-trends.h) of one agent or team, one per
 * bucket, oldest first; @team_rows: the team's rows of the same buckets
 * (may be NULL; only read with a @category); @category: NULL for the
 * overall score (with its moving average, and the rows' own team mean and
 * interval as the band), else a category key (the team band is then the
 * team rows' mean of that category and its interval). The chart copies
 * what it draws: the arrays may go after the call. Sets the accessible
 * label ("Overall score by week") and description (the focused bucket's
 * figures, at first the latest bucket's). */
void       rubric_trend_chart_set_series     (RubricTrendChart *self,
                                              GPtrArray        *rows,
                                              GPtrArray        *team_rows,
                                              const char       *category);

/* The bucket Left/Right move to and whose figures the chart shows while it
 * has the focus; -1 without buckets. */
int        rubric_trend_chart_get_focused    (RubricTrendChart *self);
void       rubric_trend_chart_set_focused    (RubricTrendChart *self,
                                              int               bucket);
/* Bucket @i's figures in words, as the accessible description reads them:
 * "Week of 2 March 2026: score 74.2 (n 12, 95 % interval 70.1–78.3),
 * moving average 72.0, team 75.1". */
char      *rubric_trend_chart_describe       (RubricTrendChart *self,
                                              guint             i);
/* Where bucket @i and the score @value are drawn at the present size (for
 * tests): FALSE when there is no room. */
gboolean   rubric_trend_chart_get_position   (RubricTrendChart *self,
                                              guint             i,
                                              double            value,
                                              double           *x,
                                              double           *y);

G_END_DECLS
