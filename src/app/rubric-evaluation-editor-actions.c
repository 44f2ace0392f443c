/* rubric-evaluation-editor-actions.c — the editor's actions and its key map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-a11y.h"
#include "rubric-evaluation-editor-private.h"
#include "rubric-evaluation-history.h"
#include "rubric-evaluation-store.h"

/* The key map, declared once (the shortcuts window lists the same keys).
 *
 * Plain keys are caught in the capture phase, before the focused widget
 * sees them: Space must play or pause even when an answer button has the
 * focus (a button would take it as a click). They are switched off while
 * the focus is in a text field or a popover, so typing a comment never
 * answers a criterion. Chords (Ctrl+…) are ordinary bindings that work
 * everywhere in the editor, text fields included. */
typedef struct
{
  guint           keyval;
  GdkModifierType modifiers;
  const char     *action;
  int             argument;  /* for "i" actions */
} KeyBinding;

#define NO_ARGUMENT G_MININT

static const KeyBinding plain_keys[] = {
  { GDK_KEY_space,    0, "editor.play-pause",         NO_ARGUMENT },
  { GDK_KEY_KP_Space, 0, "editor.play-pause",         NO_ARGUMENT },
  { GDK_KEY_j,        0, "editor.next-criterion",     NO_ARGUMENT },
  { GDK_KEY_k,        0, "editor.previous-criterion", NO_ARGUMENT },
  { GDK_KEY_g,        0, "editor.toggle-guidance",    NO_ARGUMENT },
  { GDK_KEY_Escape,   0, "editor.close",              NO_ARGUMENT },
  /* ±5 s wherever the focus is in the editor, not only in the player. */
  { GDK_KEY_Left,     0, "editor.seek-relative",      -5 },
  { GDK_KEY_KP_Left,  0, "editor.seek-relative",      -5 },
  { GDK_KEY_Right,    0, "editor.seek-relative",      5 },
  { GDK_KEY_KP_Right, 0, "editor.seek-relative",      5 },
  /* Digits answer the current criterion: see rubric_criterion_row_value_for_digit. */
  { GDK_KEY_0, 0, "editor.answer", 0 }, { GDK_KEY_KP_0, 0, "editor.answer", 0 },
  { GDK_KEY_1, 0, "editor.answer", 1 }, { GDK_KEY_KP_1, 0, "editor.answer", 1 },
  { GDK_KEY_2, 0, "editor.answer", 2 }, { GDK_KEY_KP_2, 0, "editor.answer", 2 },
  { GDK_KEY_3, 0, "editor.answer", 3 }, { GDK_KEY_KP_3, 0, "editor.answer", 3 },
  { GDK_KEY_4, 0, "editor.answer", 4 }, { GDK_KEY_KP_4, 0, "editor.answer", 4 },
  { GDK_KEY_5, 0, "editor.answer", 5 }, { GDK_KEY_KP_5, 0, "editor.answer", 5 },
  { GDK_KEY_6, 0, "editor.answer", 6 }, { GDK_KEY_KP_6, 0, "editor.answer", 6 },
  { GDK_KEY_7, 0, "editor.answer", 7 }, { GDK_KEY_KP_7, 0, "editor.answer", 7 },
  { GDK_KEY_8, 0, "editor.answer", 8 }, { GDK_KEY_KP_8, 0, "editor.answer", 8 },
  { GDK_KEY_9, 0, "editor.answer", 9 }, { GDK_KEY_KP_9, 0, "editor.answer", 9 },
};

static const KeyBinding chord_keys[] = {
  { GDK_KEY_Return,    GDK_CONTROL_MASK, "editor.submit",          NO_ARGUMENT },
  { GDK_KEY_KP_Enter,  GDK_CONTROL_MASK, "editor.submit",          NO_ARGUMENT },
  { GDK_KEY_ISO_Enter, GDK_CONTROL_MASK, "editor.submit",          NO_ARGUMENT },
  { GDK_KEY_Return,    GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.submit-next", NO_ARGUMENT },
  { GDK_KEY_KP_Enter,  GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.submit-next", NO_ARGUMENT },
  { GDK_KEY_ISO_Enter, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.submit-next", NO_ARGUMENT },
  { GDK_KEY_m,         GDK_CONTROL_MASK, "editor.comment-at-time", NO_ARGUMENT },
};

static RubricCriterionRow *
current_row (RubricEvaluationEditor *self)
{
  if (self->rows == NULL || self->current >= self->rows->len)
    return NULL;
  return g_ptr_array_index (self->rows, self->current);
}

static void
answer_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RubricEvaluationEditor *self = RUBRIC_EVALUATION_EDITOR (widget);
  RubricCriterionRow *row = current_row (self);
  g_autofree char *value = NULL;

  if (row == NULL || !rubric_evaluation_editor_is_editable (self))
    return;

  if (!(value = rubric_criterion_row_value_for_digit (row, g_variant_get_int32 (parameter))))
    {
      gtk_widget_error_bell (widget);
      return;
    }

  if (g_strcmp0 (rubric_criterion_row_get_answer (row), value) == 0)
    return;

  rubric_criterion_row_set_answer (row, value);
  rubric_evaluation_set_answer (self->evaluation, rubric_criterion_row_get_criterion (row)->key,
                                value);
  rubric_evaluation_editor_changed (self);
  rubric_evaluation_editor_answered (self, row);
}

static void
next_criterion_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RubricEvaluationEditor *self = RUBRIC_EVALUATION_EDITOR (widget);

  if (self->current + 1 < self->rows->len)
    rubric_evaluation_editor_set_current (self, self->current + 1, TRUE);
  else
    gtk_widget_error_bell (widget);
}

static void
previous_criterion_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RubricEvaluationEditor *self = RUBRIC_EVALUATION_EDITOR (widget);

  if (self->current > 0)
    rubric_evaluation_editor_set_current (self, self->current - 1, TRUE);
  else
    gtk_widget_error_bell (widget);
}

static void
toggle_guidance_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RubricCriterionRow *row = current_row (RUBRIC_EVALUATION_EDITOR (widget));

  if (row != NULL)
    rubric_criterion_row_toggle_guidance (row);
}

static void
play_pause_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  rubric_audio_player_toggle_playing (RUBRIC_EVALUATION_EDITOR (widget)->player);
}

static void
seek_relative_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  rubric_audio_player_seek_relative (RUBRIC_EVALUATION_EDITOR (widget)->player,
                                     g_variant_get_int32 (parameter));
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  rubric_evaluation_editor_submit (RUBRIC_EVALUATION_EDITOR (widget));
}

static void
submit_next_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  rubric_evaluation_editor_submit_and_open_next (RUBRIC_EVALUATION_EDITOR (widget));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  rubric_evaluation_editor_request_close (RUBRIC_EVALUATION_EDITOR (widget));
}

static void
comment_at_time_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RubricEvaluationEditor *self = RUBRIC_EVALUATION_EDITOR (widget);
  RubricCriterionRow *row = current_row (self);
  RubricComment *comment;

  if (!rubric_evaluation_editor_is_editable (self) ||
      !rubric_audio_player_has_media (self->player))
    {
      gtk_widget_error_bell (widget);
      return;
    }

  /* Pinned to the moment and to the criterion being scored; saved once it
   * has text (an empty comment is not kept). */
  rubric_evaluation_add_comment (self->evaluation,
                                 rubric_audio_player_get_position (self->player),
                                 row ? rubric_criterion_row_get_criterion (row)->key : NULL,
                                 "");
  comment = g_ptr_array_index (self->evaluation->comments, self->evaluation->comments->len - 1);
  rubric_evaluation_editor_add_pinned_row (self, comment, TRUE);
}

static void
show_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RubricEvaluationEditor *self = RUBRIC_EVALUATION_EDITOR (widget);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->evaluation == NULL)
    return;

  if (!(entries = rubric_evaluation_store_history (self->db, self->evaluation->id, &error)))
    {
      rubric_evaluation_editor_toast (self, error->message);
      return;
    }

  gtk_window_present (GTK_WINDOW (rubric_evaluation_history_new (GTK_IS_WINDOW (root)
                                                                 ? GTK_WINDOW (root) : NULL,
                                                                 self->scorecard, entries)));
}

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "edit", *reason != '\0');
}

static void
reason_activate_cb (GtkEntry         *entry,
                    AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "edit"))
    adw_message_dialog_response (dialog, "edit");
}

static void
edit_response_cb (AdwMessageDialog       *dialog,
                  const char             *response,
                  RubricEvaluationEditor *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "edit") && *reason != '\0')
    rubric_evaluation_editor_begin_edit (self, reason);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RubricEvaluationEditor *self = RUBRIC_EVALUATION_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Edit the Submitted Evaluation?"),
                                   _("The change is kept in the evaluation's history with "
                                     "your name, the time and your reason."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason for the change"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason for the change"),
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "edit", _("_Edit"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "edit",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "edit", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "edit");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (reason_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (reason_activate_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (edit_response_cb), self, 0);
  rubric_a11y_fix_tree (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
rubric_evaluation_editor_update_actions (RubricEvaluationEditor *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean loaded = self->evaluation != NULL;
  gboolean editable = rubric_evaluation_editor_is_editable (self);
  gboolean submitted = loaded && self->evaluation->status == RUBRIC_STATUS_SUBMITTED;

  gtk_widget_action_set_enabled (widget, "editor.answer", editable);
  gtk_widget_action_set_enabled (widget, "editor.submit", editable);
  gtk_widget_action_set_enabled (widget, "editor.submit-next",
                                 editable && self->edit_reason == NULL);
  gtk_widget_action_set_enabled (widget, "editor.comment-at-time", editable);
  gtk_widget_action_set_enabled (widget, "editor.next-criterion", loaded);
  gtk_widget_action_set_enabled (widget, "editor.previous-criterion", loaded);
  gtk_widget_action_set_enabled (widget, "editor.toggle-guidance", loaded);
  gtk_widget_action_set_enabled (widget, "editor.show-history", loaded && self->stored != NULL &&
                                 self->evaluation->status != RUBRIC_STATUS_DRAFT);
  gtk_widget_action_set_enabled (widget, "editor.edit", submitted && self->edit_reason == NULL);
}

static void
add_shortcut (GtkShortcutController *controller,
              const KeyBinding      *binding)
{
  GtkShortcut *shortcut;

  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (binding->keyval, binding->modifiers),
                               gtk_named_action_new (binding->action));
  if (binding->argument != NO_ARGUMENT)
    gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (binding->argument));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

void
rubric_evaluation_editor_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.answer", "i", answer_action);
  gtk_widget_class_install_action (widget_class, "editor.next-criterion", NULL,
                                   next_criterion_action);
  gtk_widget_class_install_action (widget_class, "editor.previous-criterion", NULL,
                                   previous_criterion_action);
  gtk_widget_class_install_action (widget_class, "editor.toggle-guidance", NULL,
                                   toggle_guidance_action);
  gtk_widget_class_install_action (widget_class, "editor.play-pause", NULL, play_pause_action);
  gtk_widget_class_install_action (widget_class, "editor.seek-relative", "i",
                                   seek_relative_action);
  gtk_widget_class_install_action (widget_class, "editor.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "editor.submit-next", NULL, submit_next_action);
  gtk_widget_class_install_action (widget_class, "editor.comment-at-time", NULL,
                                   comment_at_time_action);
  gtk_widget_class_install_action (widget_class, "editor.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "editor.show-history", NULL,
                                   show_history_action);
  gtk_widget_class_install_action (widget_class, "editor.edit", NULL, edit_action);

  for (guint i = 0; i < G_N_ELEMENTS (chord_keys); i++)
    {
      GtkShortcut *shortcut;

      shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (chord_keys[i].keyval,
                                                           chord_keys[i].modifiers),
                                   gtk_named_action_new (chord_keys[i].action));
      gtk_widget_class_add_shortcut (widget_class, shortcut);
      g_object_unref (shortcut);
    }
}

void
rubric_evaluation_editor_init_keys (RubricEvaluationEditor *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_name (controller, "rubric-editor-keys");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (plain_keys); i++)
    add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), &plain_keys[i]);

  self->plain_keys = controller;
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
focus_widget_changed_cb (RubricEvaluationEditor *self)
{
  GtkWidget *focus = self->root ? gtk_root_get_focus (self->root) : NULL;
  gboolean typing = focus != NULL &&
                    (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus) ||
                     gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL);

  gtk_event_controller_set_propagation_phase (self->plain_keys,
                                              typing ? GTK_PHASE_NONE : GTK_PHASE_CAPTURE);
}

void
rubric_evaluation_editor_watch_focus (RubricEvaluationEditor *self,
                                      GtkRoot                *root)
{
  if (self->root != NULL)
    g_signal_handlers_disconnect_by_func (self->root, focus_widget_changed_cb, self);

  self->root = root;

  if (root != NULL)
    g_signal_connect_object (root, "notify::focus-widget",
                             G_CALLBACK (focus_widget_changed_cb), self, G_CONNECT_SWAPPED);
  focus_widget_changed_cb (self);
}
