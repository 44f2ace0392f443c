/* rubric-comment-row.c — a comment pinned to a moment of the recording
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-audio-player.h"
#include "rubric-comment-row.h"

struct _RubricCommentRow
{
  GtkListBoxRow  parent_instance;

  /* Template widgets */
  GtkLabel      *time_label;
  GtkLabel      *criterion_label;
  GtkEntry      *text_entry;
  GtkButton     *delete_button;

  /* Borrowed references */
  RubricComment *comment;
};

G_DEFINE_FINAL_TYPE (RubricCommentRow, rubric_comment_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  DELETE_REQUESTED,
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
text_changed_cb (RubricCommentRow *self)
{
  g_free (self->comment->text);
  self->comment->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->text_entry)));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
text_activate_cb (RubricCommentRow *self)
{
  g_signal_emit (self, signals[DONE], 0);
}

static void
delete_clicked_cb (RubricCommentRow *self)
{
  g_signal_emit (self, signals[DELETE_REQUESTED], 0);
}

static void
rubric_comment_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RUBRIC_TYPE_COMMENT_ROW);

  G_OBJECT_CLASS (rubric_comment_row_parent_class)->dispose (object);
}

static void
rubric_comment_row_class_init (RubricCommentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rubric_comment_row_dispose;

  /* The user edited the text (already in the comment). */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Enter in the text: the user is done typing. */
  signals[DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rubricqa/Rubric/rubric-comment-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RubricCommentRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, RubricCommentRow, criterion_label);
  gtk_widget_class_bind_template_child (widget_class, RubricCommentRow, text_entry);
  gtk_widget_class_bind_template_child (widget_class, RubricCommentRow, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
}

static void
rubric_comment_row_init (RubricCommentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rubric_comment_row_new (RubricComment *comment,
                        guint          criterion_number)
{
  RubricCommentRow *self;
  g_autofree char *time = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (comment != NULL, NULL);

  self = g_object_new (RUBRIC_TYPE_COMMENT_ROW, NULL);
  self->comment = comment;

  time = rubric_format_offset (comment->at);
  gtk_label_set_label (self->time_label, time);

  if (criterion_number > 0)
    {
      /* TRANSLATORS: which criterion a pinned comment is about, "Criterion 4" */
      g_autofree char *criterion = g_strdup_printf (_("Criterion %u"), criterion_number);

      gtk_label_set_label (self->criterion_label, criterion);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->criterion_label), criterion_number > 0);

  g_signal_handlers_block_by_func (self->text_entry, text_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->text_entry), comment->text ? comment->text : "");
  g_signal_handlers_unblock_by_func (self->text_entry, text_changed_cb, self);

  /* TRANSLATORS: the accessible name of a pinned comment, "Comment at 1:05" */
  label = g_strdup_printf (_("Comment at %s"), time);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Activate to play the recording from here"),
                                  -1);

  return GTK_WIDGET (self);
}

RubricComment *
rubric_comment_row_get_comment (RubricCommentRow *self)
{
  g_return_val_if_fail (RUBRIC_IS_COMMENT_ROW (self), NULL);

  return self->comment;
}

void
rubric_comment_row_set_editable (RubricCommentRow *self,
                                 gboolean          editable)
{
  g_return_if_fail (RUBRIC_IS_COMMENT_ROW (self));

  gtk_editable_set_editable (GTK_EDITABLE (self->text_entry), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), editable);
}

void
rubric_comment_row_focus_text (RubricCommentRow *self)
{
  g_return_if_fail (RUBRIC_IS_COMMENT_ROW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->text_entry));
}
