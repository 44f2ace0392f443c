/* rubric-widget-util.h — layout the app's own widgets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* In the class_init of a subclass of AdwBin that lays out its child
 * itself, with no layout manager (which GTK would call instead of
 * size_allocate; the instance's init sets none): measure gives the
 * child's size, its natural width at least @natural_width (0: the
 * child's), and size_allocate gives the child all of the widget. A
 * size_allocate of the subclass's own ends with
 * rubric_widget_allocate_bin_child (). */
void rubric_widget_class_lay_out_bin_child (GtkWidgetClass *widget_class,
                                            int             natural_width);
void rubric_widget_allocate_bin_child      (GtkWidget      *widget,
                                            int             width,
                                            int             height,
                                            int             baseline);

/* Lets the label of @button wrap between words, centred: a long label
 * ("Enregistrer comme nouvelle version") takes two lines in a narrow
 * window instead of widening it. The button keeps its "label". */
void rubric_widget_wrap_button_label       (GtkButton      *button);

G_END_DECLS
