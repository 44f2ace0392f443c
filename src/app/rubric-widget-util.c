/* rubric-widget-util.c — layout the app's own widgets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The evaluation editor and the vendor detail are AdwBins that measure
 * and allocate their child themselves: the editor to follow its width,
 * the detail to ask for more room than its child needs.
 */

#include "config.h"

#include "rubric-widget-util.h"

static GQuark
natural_width_quark (void)
{
  return g_quark_from_static_string ("rubric-widget-natural-width");
}

static void
bin_child_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));
  int natural_width = GPOINTER_TO_INT (g_type_get_qdata (G_OBJECT_TYPE (widget),
                                                         natural_width_quark ()));

  *minimum = *natural = 0;
  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline,
                        natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*natural, MAX (*minimum, natural_width));
}

void
rubric_widget_allocate_bin_child (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

void
rubric_widget_class_lay_out_bin_child (GtkWidgetClass *widget_class,
                                       int             natural_width)
{
  g_return_if_fail (g_type_is_a (G_TYPE_FROM_CLASS (widget_class), ADW_TYPE_BIN));

  g_type_set_qdata (G_TYPE_FROM_CLASS (widget_class), natural_width_quark (),
                    GINT_TO_POINTER (MAX (natural_width, 0)));
  widget_class->measure = bin_child_measure;
  widget_class->size_allocate = rubric_widget_allocate_bin_child;
}

void
rubric_widget_wrap_button_label (GtkButton *button)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_BUTTON (button));

  child = gtk_button_get_child (button);
  if (!GTK_IS_LABEL (child))
    return;

  gtk_label_set_wrap (GTK_LABEL (child), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD);
  gtk_label_set_justify (GTK_LABEL (child), GTK_JUSTIFY_CENTER);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (child), GTK_NATURAL_WRAP_WORD);
}
