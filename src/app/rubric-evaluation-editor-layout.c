/* rubric-evaluation-editor-layout.c — the editor wide (form and side panel) or narrow (one column)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rubric-evaluation-editor-private.h"
#include "rubric-widget-util.h"

static void
set_margins (GtkWidget *widget,
             int        vertical,
             int        horizontal)
{
  gtk_widget_set_margin_top (widget, vertical);
  gtk_widget_set_margin_bottom (widget, vertical);
  gtk_widget_set_margin_start (widget, horizontal);
  gtk_widget_set_margin_end (widget, horizontal);
}

/* Moves @child to the end of @box, keeping it alive on the way. */
static void
move_to (GtkWidget *child,
         GtkBox    *box)
{
  GtkWidget *parent = gtk_widget_get_parent (child);

  g_object_ref (child);
  if (parent != NULL)
    gtk_box_remove (GTK_BOX (parent), child);
  gtk_box_append (box, child);
  g_object_unref (child);
}

/* Wide: the form, and beside it the call, the player, the scores and the
 * comments. Narrow: the player above the form, the call at the top of its
 * column and the scores and comments at the bottom, so the questions and
 * answers get the whole width. */
static void
apply_layout (RubricEvaluationEditor *self)
{
  g_autoptr(GtkWidget) focus = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean narrow = self->narrow;

  /* A widget that moves loses the focus: it gets it back. */
  if (root != NULL && gtk_root_get_focus (root) != NULL &&
      gtk_widget_is_ancestor (gtk_root_get_focus (root), GTK_WIDGET (self)))
    focus = g_object_ref (gtk_root_get_focus (root));

  /* The slots stay visible, empty and without margins when unused: a box
   * that was hidden keeps the size request mode it had empty (GTK 4.8 does
   * not clear it while a resize is pending), and a grid moved in would then
   * be measured without its width. */
  gtk_widget_set_visible (self->side_separator, !narrow);
  /* Narrow, the call's details head the form: the header keeps its room
   * for Submit and the window's buttons down to 360 px. */
  gtk_widget_set_visible (GTK_WIDGET (self->window_title), !narrow);
  gtk_widget_set_visible (self->player_separator, narrow);
  gtk_widget_set_size_request (GTK_WIDGET (self->side_box), narrow ? -1 : 360, -1);
  set_margins (GTK_WIDGET (self->side_box), narrow ? 0 : 18, narrow ? 0 : 12);
  set_margins (self->player_bar, narrow ? 6 : 0, narrow ? 12 : 0);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->narrow_top), narrow ? 24 : 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->narrow_bottom), narrow ? 24 : 0);

  if (narrow)
    {
      move_to (GTK_WIDGET (self->details_grid), self->narrow_top);
      move_to (GTK_WIDGET (self->player), GTK_BOX (self->player_bar));
      move_to (GTK_WIDGET (self->score_panel), self->narrow_bottom);
      move_to (self->comments_box, self->narrow_bottom);
    }
  else
    {
      move_to (GTK_WIDGET (self->details_grid), self->side_box);
      move_to (GTK_WIDGET (self->player), self->side_box);
      move_to (GTK_WIDGET (self->score_panel), self->side_box);
      move_to (self->comments_box, self->side_box);
    }


  if (focus != NULL && gtk_widget_get_root (focus) == root &&
      (root == NULL || gtk_root_get_focus (root) != focus))
    gtk_widget_grab_focus (focus);
  rubric_evaluation_editor_queue_scroll (self);
}

static gboolean
layout_idle_cb (gpointer data)
{
  RubricEvaluationEditor *self = data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  self->layout_idle = 0;
  if (width > 0 && (width < RUBRIC_EDITOR_NARROW_WIDTH) != self->narrow)
    {
      self->narrow = !self->narrow;
      apply_layout (self);
    }
  return G_SOURCE_REMOVE;
}

/* The layout follows the width: libadwaita 1.2 has no breakpoints, and
 * widgets cannot move while they are being allocated, so the switch is
 * made right after, before the next frame. The wide layout's minimum width
 * is the form's (the side panel scrolls), so a window can be made narrow
 * from wide in one go. */
static void
editor_size_allocate (GtkWidget *widget,
                      int        width,
                      int        height,
                      int        baseline)
{
  RubricEvaluationEditor *self = RUBRIC_EVALUATION_EDITOR (widget);

  if ((width < RUBRIC_EDITOR_NARROW_WIDTH) != self->narrow && self->layout_idle == 0)
    self->layout_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, layout_idle_cb, self, NULL);

  rubric_widget_allocate_bin_child (widget, width, height, baseline);
}

static GtkSizeRequestMode
editor_get_request_mode (GtkWidget *widget)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  return child != NULL ? gtk_widget_get_request_mode (child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

/* The editor starts narrow: shown first in a narrow window, the wide
 * layout's header (with the call's title) would widen the window before
 * the switch, and a window does not shrink back by itself. In a wide
 * window the first allocation switches to wide before the first frame. */
void
rubric_evaluation_editor_init_layout (RubricEvaluationEditor *self)
{
  self->narrow = TRUE;
  apply_layout (self);
}

void
rubric_evaluation_editor_class_init_layout (GtkWidgetClass *widget_class)
{
  /* Measured and allocated here rather than by AdwBin's layout manager:
   * GTK calls a layout manager instead of size_allocate (). */
  rubric_widget_class_lay_out_bin_child (widget_class, 0);
  widget_class->size_allocate = editor_size_allocate;
  widget_class->get_request_mode = editor_get_request_mode;
}
