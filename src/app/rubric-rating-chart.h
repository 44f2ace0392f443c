/* rubric-rating-chart.h — a small line chart of a figure over periods, with its range as a band
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RUBRIC_TYPE_RATING_CHART (rubric_rating_chart_get_type ())

G_DECLARE_FINAL_TYPE (RubricRatingChart, rubric_rating_chart, RUBRIC, RATING_CHART, GtkWidget)

typedef struct
{
  gboolean has_value;
  double   value;
  gboolean has_band;
  double   low;
  double   high;
} RubricChartPoint;

GtkWidget *rubric_rating_chart_new          (void);
/* The points, oldest first, evenly spaced; a point without a value leaves
 * a gap in the line. */
void       rubric_rating_chart_set_points   (RubricRatingChart      *self,
                                             const RubricChartPoint *points,
                                             guint                   n_points);
/* The vertical scale; without one, the points' own range. */
void       rubric_rating_chart_set_scale    (RubricRatingChart      *self,
                                             double                  min,
                                             double                  max);
/* A dashed level line, with @label (may be NULL) at its right end. */
void       rubric_rating_chart_add_guide    (RubricRatingChart      *self,
                                             double                  value,
                                             const char             *label);
void       rubric_rating_chart_clear_guides (RubricRatingChart      *self);
/* One title per point (the periods, written under the points: all when
 * they fit, else the first and the last) and one value per point (the
 * figures as the page writes them: over the dots when there are few, and
 * in a sparkline of one or two points in place of its line); either may
 * be NULL, and so may any entry. @n_labels is the number of points. With
 * @compact, no axis at all: a sparkline. */
void       rubric_rating_chart_set_labels   (RubricRatingChart      *self,
                                             const char * const     *titles,
                                             const char * const     *values,
                                             guint                   n_labels);
void       rubric_rating_chart_set_compact  (RubricRatingChart      *self,
                                             gboolean                compact);
/* A short sentence written over the chart (when it has few points, say),
 * or NULL. */
void       rubric_rating_chart_set_note     (RubricRatingChart      *self,
                                             const char             *note);

/* Where point @i is drawn at the chart's present size (for tests): FALSE
 * when it is not drawn (no value, no room). */
gboolean   rubric_rating_chart_get_point    (RubricRatingChart      *self,
                                             guint                   i,
                                             double                 *x,
                                             double                 *y);
/* Whether the chart writes its values in words in place of a line (a
 * sparkline of one or two points). */
gboolean   rubric_rating_chart_get_shows_values (RubricRatingChart  *self);

G_END_DECLS
