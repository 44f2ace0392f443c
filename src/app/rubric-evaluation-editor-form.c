/* rubric-evaluation-editor-form.c — the scorecard form and the comments pinned to the recording
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rubric-comment-row.h"
#include "rubric-evaluation-editor-private.h"

static const char *
criterion_comment (RubricEvaluation *evaluation,
                   const char       *key)
{
  for (guint i = 0; i < evaluation->comments->len; i++)
    {
      RubricComment *comment = g_ptr_array_index (evaluation->comments, i);

      if (isnan (comment->at) && g_strcmp0 (comment->criterion, key) == 0)
        return comment->text;
    }
  return NULL;
}

static void
set_criterion_comment (RubricEvaluation *evaluation,
                       const char       *key,
                       const char       *text)
{
  for (guint i = 0; i < evaluation->comments->len; i++)
    {
      RubricComment *comment = g_ptr_array_index (evaluation->comments, i);

      if (isnan (comment->at) && g_strcmp0 (comment->criterion, key) == 0)
        {
          g_free (comment->text);
          comment->text = g_strdup (text);
          return;
        }
    }

  rubric_evaluation_add_comment (evaluation, NAN, key, text);
}

static void
answer_changed_cb (RubricEvaluationEditor *self,
                   const char             *value,
                   RubricCriterionRow     *row)
{
  rubric_evaluation_set_answer (self->evaluation,
                                rubric_criterion_row_get_criterion (row)->key, value);
  rubric_evaluation_editor_changed (self);
  rubric_evaluation_editor_answered (self, row);
}

static void
comment_changed_cb (RubricEvaluationEditor *self,
                    const char             *text,
                    RubricCriterionRow     *row)
{
  set_criterion_comment (self->evaluation, rubric_criterion_row_get_criterion (row)->key, text);
  rubric_evaluation_editor_changed (self);
}

static void
row_focus_entered_cb (RubricEvaluationEditor *self,
                      RubricCriterionRow     *row)
{
  guint index;

  if (g_ptr_array_find (self->rows, row, &index) && index != self->current)
    rubric_evaluation_editor_set_current (self, index, FALSE);
}

void
rubric_evaluation_editor_build_form (RubricEvaluationEditor *self)
{
  GtkWidget *child;
  guint number = 1;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->form_box))))
    gtk_box_remove (self->form_box, child);
  g_ptr_array_set_size (self->rows, 0);

  for (guint s = 0; s < self->scorecard->sections->len; s++)
    {
      RubricSection *section = g_ptr_array_index (self->scorecard->sections, s);
      const char *title = section->titles->len > 0 ? rubric_texts_lookup (section->titles)
                                                   : section->key;
      g_autofree char *markup = g_markup_escape_text (title ? title : "", -1);
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), markup);

      for (guint c = 0; c < section->criteria->len; c++)
        {
          RubricCriterion *criterion = g_ptr_array_index (section->criteria, c);
          GtkWidget *row = rubric_criterion_row_new (criterion, number++);

          rubric_criterion_row_set_answer (RUBRIC_CRITERION_ROW (row),
                                           rubric_evaluation_get_answer (self->evaluation,
                                                                         criterion->key));
          rubric_criterion_row_set_comment (RUBRIC_CRITERION_ROW (row),
                                            criterion_comment (self->evaluation,
                                                               criterion->key));
          g_signal_connect_object (row, "answer-changed", G_CALLBACK (answer_changed_cb),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (row, "comment-changed", G_CALLBACK (comment_changed_cb),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (row, "focus-entered", G_CALLBACK (row_focus_entered_cb),
                                   self, G_CONNECT_SWAPPED);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          g_ptr_array_add (self->rows, row);
        }

      gtk_box_append (self->form_box, group);
    }
}

guint
rubric_evaluation_editor_criterion_number (RubricEvaluationEditor *self,
                                           const char             *key)
{
  for (guint i = 0; key != NULL && i < self->rows->len; i++)
    if (g_str_equal (rubric_criterion_row_get_criterion (g_ptr_array_index (self->rows, i))->key,
                     key))
      return i + 1;
  return 0;
}

static void
pinned_changed_cb (RubricEvaluationEditor *self)
{
  rubric_evaluation_editor_changed (self);
}

static void
pinned_done_cb (RubricEvaluationEditor *self)
{
  rubric_evaluation_editor_set_current (self, self->current, TRUE);
}


static void
pinned_delete_cb (RubricEvaluationEditor *self,
                  RubricCommentRow       *row)
{
  RubricComment *comment = rubric_comment_row_get_comment (row);

  gtk_list_box_remove (self->pinned_list, GTK_WIDGET (row));
  g_ptr_array_remove (self->evaluation->comments, comment);
  rubric_evaluation_editor_update_marks (self);
  rubric_evaluation_editor_changed (self);
}

void
rubric_evaluation_editor_update_marks (RubricEvaluationEditor *self)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; self->evaluation != NULL && i < self->evaluation->comments->len; i++)
    {
      RubricComment *comment = g_ptr_array_index (self->evaluation->comments, i);

      if (!isnan (comment->at))
        g_array_append_val (times, comment->at);
    }

  rubric_audio_player_set_marks (self->player, (const double *) times->data, times->len);
}

void
rubric_evaluation_editor_pinned_activated (RubricEvaluationEditor *self,
                                           GtkListBoxRow          *row)
{
  if (RUBRIC_IS_COMMENT_ROW (row))
    rubric_audio_player_seek (self->player,
                              rubric_comment_row_get_comment (RUBRIC_COMMENT_ROW (row))->at);
}

int
rubric_evaluation_editor_pinned_sort (GtkListBoxRow *a,
                                      GtkListBoxRow *b,
                                      gpointer       user_data)
{
  double at_a = rubric_comment_row_get_comment (RUBRIC_COMMENT_ROW (a))->at;
  double at_b = rubric_comment_row_get_comment (RUBRIC_COMMENT_ROW (b))->at;

  return (at_a > at_b) - (at_a < at_b);
}

void
rubric_evaluation_editor_add_pinned_row (RubricEvaluationEditor *self,
                                         RubricComment          *comment,
                                         gboolean                focus)
{
  guint number = rubric_evaluation_editor_criterion_number (self, comment->criterion);
  GtkWidget *row = rubric_comment_row_new (comment, number);

  rubric_comment_row_set_editable (RUBRIC_COMMENT_ROW (row),
                                   rubric_evaluation_editor_is_editable (self));
  g_signal_connect_object (row, "changed", G_CALLBACK (pinned_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "done", G_CALLBACK (pinned_done_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "delete-requested", G_CALLBACK (pinned_delete_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_append (self->pinned_list, row);
  rubric_evaluation_editor_update_marks (self);

  if (focus)
    rubric_comment_row_focus_text (RUBRIC_COMMENT_ROW (row));
}

void
rubric_evaluation_editor_build_pinned (RubricEvaluationEditor *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->pinned_list));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (RUBRIC_IS_COMMENT_ROW (child))
        gtk_list_box_remove (self->pinned_list, child);
      child = next;
    }

  for (guint i = 0; i < self->evaluation->comments->len; i++)
    {
      RubricComment *comment = g_ptr_array_index (self->evaluation->comments, i);

      if (!isnan (comment->at))
        rubric_evaluation_editor_add_pinned_row (self, comment, FALSE);
    }
  rubric_evaluation_editor_update_marks (self);
}
