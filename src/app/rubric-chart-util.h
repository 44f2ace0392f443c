/* rubric-chart-util.h — what the cairo charts share: the theme's colours, small text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rubric-rating.h"

G_BEGIN_DECLS

void         rubric_chart_theme_colors (GtkWidget     *widget,
                                        GdkRGBA       *fg,
                                        GdkRGBA       *accent);
void         rubric_chart_set_alpha    (cairo_t       *cr,
                                        const GdkRGBA *color,
                                        double         alpha);
PangoLayout *rubric_chart_small_layout (GtkWidget     *widget,
                                        const char    *text);
int          rubric_chart_text_width   (GtkWidget     *widget,
                                        const char    *text);
int          rubric_chart_text_height  (GtkWidget     *widget);
void         rubric_chart_show_text    (cairo_t       *cr,
                                        GtkWidget     *widget,
                                        const char    *text,
                                        double         x,
                                        double         y,
                                        double         xalign,
                                        double         yalign);
char        *rubric_chart_score_phrase (const RubricQaMean *mean);

G_END_DECLS
