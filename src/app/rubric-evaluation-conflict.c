/* rubric-evaluation-conflict.c — the editor's save met another machine's save
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core refuses a save made from a copy that another machine has saved
 * since (RUBRIC_ERROR_CONFLICT, SPEC §15). The reviewer then chooses: Reload
 * (their version replaces the form; the changes made here are dropped, which
 * the dialog says) or Keep Mine… (a reason, required, then
 * rubric_evaluation_store_save_over, which keeps theirs and mine in the
 * history). One dialog at a time; the editor's saves (the draft's autosave)
 * wait until the choice is made, and Escape never drops anything: it only
 * steps back from the reason to the choice.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-a11y.h"
#include "rubric-error.h"
#include "rubric-evaluation-conflict.h"
#include "rubric-evaluation-editor-private.h"
#include "rubric-evaluation-store.h"

#define CONFLICT_KEY "rubric-evaluation-conflict"

typedef struct
{
  RubricEvaluationEditor *editor;   /* borrowed: the data lives on it */
  RubricEvaluation       *mine;     /* what the editor tried to save */
  char                   *message;  /* who changed it and when */
  char                   *reason;   /* offered in the reason entry, or NULL */
  GtkWidget              *dialog;   /* the one on screen, or NULL */
} Conflict;

static void present_choice (Conflict *conflict);

static void
conflict_free (Conflict *conflict)
{
  if (conflict->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (conflict->dialog, conflict);
      gtk_window_destroy (GTK_WINDOW (conflict->dialog));
    }
  rubric_evaluation_free (conflict->mine);
  g_free (conflict->message);
  g_free (conflict->reason);
  g_free (conflict);
}

static Conflict *
get_conflict (RubricEvaluationEditor *editor)
{
  return g_object_get_data (G_OBJECT (editor), CONFLICT_KEY);
}

gboolean
rubric_evaluation_conflict_pending (RubricEvaluationEditor *editor)
{
  return get_conflict (editor) != NULL;
}

GtkWidget *
rubric_evaluation_conflict_get_dialog (RubricEvaluationEditor *editor)
{
  Conflict *conflict = get_conflict (editor);

  return conflict ? conflict->dialog : NULL;
}

static void
dialog_destroyed_cb (GtkWidget *dialog,
                     Conflict  *conflict)
{
  if (conflict->dialog == dialog)
    conflict->dialog = NULL;
}

static GtkWidget *
new_dialog (Conflict   *conflict,
            const char *heading,
            const char *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (conflict->editor));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  g_signal_connect (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), conflict);
  conflict->dialog = dialog;
  return dialog;
}

/* Shows the stored evaluation in the editor afresh and ends the conflict. */
static void
finish (Conflict   *conflict,
        const char *toast)
{
  RubricEvaluationEditor *self = conflict->editor;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_strdup (conflict->mine->id);
  g_autofree char *reviewer = g_strdup (self->reviewer);

  g_object_set_data (G_OBJECT (self), CONFLICT_KEY, NULL);

  if (!rubric_evaluation_editor_load (self, self->db, uuid, self->call_row, reviewer, &error))
    {
      rubric_evaluation_editor_toast (self, error->message);
      return;
    }
  rubric_evaluation_editor_toast (self, toast);
}

static void
reason_changed_cb (GtkEditable *entry,
                   GtkWidget   *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "keep", *text != '\0');
}

static void
reason_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Conflict         *conflict)
{
  RubricEvaluationEditor *self = conflict->editor;
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "reason-entry");
  g_autofree char *reason = g_strdup (gtk_editable_get_text (entry));
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_by_data (dialog, conflict);
  conflict->dialog = NULL;
  g_free (conflict->reason);
  conflict->reason = g_strdup (reason);

  if (!g_str_equal (response, "keep"))
    {
      /* Back to the choice: nothing is decided yet. */
      present_choice (conflict);
      return;
    }

  if (rubric_evaluation_store_save_over (self->db, conflict->mine, self->reviewer, reason,
                                         &error))
    {
      finish (conflict, _("Your version is saved; theirs is kept in the history"));
      return;
    }

  /* Changed once more meanwhile: the choice again, with the new name and time. */
  if (g_error_matches (error, RUBRIC_ERROR, RUBRIC_ERROR_CONFLICT))
    {
      g_free (conflict->message);
      conflict->message = g_strdup (error->message);
      present_choice (conflict);
      return;
    }

  {
    g_autofree char *message = g_strdup_printf (_("Your version could not be saved: %s"),
                                                error->message);

    g_object_set_data (G_OBJECT (self), CONFLICT_KEY, NULL);
    rubric_evaluation_editor_toast (self, message);
  }
}

static void
present_reason (Conflict *conflict)
{
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *entry;

  dialog = new_dialog (conflict, _("Keep Your Version?"),
                       _("Your version replaces theirs. Both are kept in the evaluation's "
                         "history with the reason you give."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Back"),
                                    "keep", _("_Keep Mine"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (_("_Reason (required)"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE,
                                  -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data (G_OBJECT (dialog), "reason-entry", entry);

  g_signal_connect (entry, "changed", G_CALLBACK (reason_changed_cb), dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry), conflict->reason ? conflict->reason : "");
  reason_changed_cb (GTK_EDITABLE (entry), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (reason_response_cb), conflict);

  rubric_a11y_fix_tree (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
choice_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Conflict         *conflict)
{
  g_signal_handlers_disconnect_by_data (dialog, conflict);
  conflict->dialog = NULL;

  if (g_str_equal (response, "reload"))
    finish (conflict, _("Their version is shown; your changes were not kept"));
  else
    present_reason (conflict);
}

static void
present_choice (Conflict *conflict)
{
  RubricEvaluationEditor *self = conflict->editor;
  g_autofree char *body = NULL;
  g_autofree char *who = NULL;
  g_autofree char *at = NULL;
  gint64 when = RUBRIC_NO_TIME;
  GtkWidget *dialog;

  /* Who and when, read again: the message names the evaluation by its id,
   * which the reviewer does not need here. */
  if (rubric_evaluation_store_last_change (self->db, conflict->mine->id, &who, &when, NULL))
    {
      at = rubric_evaluation_store_format_change_time (when);
      /* TRANSLATORS: "ana saved this evaluation at 2026-12-07 21:15, after you opened it." */
      body = g_strdup_printf (_("%s saved this evaluation at %s, after you opened it.\n\n"
                                "Reload shows their version and drops your changes. "
                                "Keep Mine saves your version over theirs; both stay in the "
                                "history."),
                              who, at);
    }
  else
    /* TRANSLATORS: %s says who changed the evaluation and when */
    body = g_strdup_printf (_("%s.\n\nReload shows their version and drops your changes. "
                              "Keep Mine saves your version over theirs; both stay in the "
                              "history."),
                            conflict->message);
  dialog = new_dialog (conflict, _("Changed on Another Machine"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "reload", _("_Reload"),
                                    "keep", _("_Keep Mine…"),
                                    NULL);
  /* Reload drops the changes made here: marked so, and never what Enter
   * does. Enter and Escape decide nothing: they go on to the reason, where
   * Back returns. */
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reload",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect (dialog, "response", G_CALLBACK (choice_response_cb), conflict);

  rubric_a11y_fix_tree (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
rubric_evaluation_conflict_handle (RubricEvaluationEditor  *editor,
                                   RubricEvaluation        *mine,
                                   const char              *why,
                                   const GError            *error)
{
  Conflict *conflict;

  if (!g_error_matches (error, RUBRIC_ERROR, RUBRIC_ERROR_CONFLICT))
    return FALSE;

  /* Asked already: the saves wait for that answer. */
  if (get_conflict (editor) != NULL)
    return TRUE;

  conflict = g_new0 (Conflict, 1);
  conflict->editor = editor;
  conflict->mine = rubric_evaluation_copy (mine);
  conflict->message = g_strdup (error->message);
  conflict->reason = g_strdup (why);
  g_object_set_data_full (G_OBJECT (editor), CONFLICT_KEY, conflict,
                          (GDestroyNotify) conflict_free);
  present_choice (conflict);
  return TRUE;
}

gboolean
rubric_evaluation_conflict_paused (RubricEvaluationEditor  *editor,
                                   GError                 **error)
{
  if (get_conflict (editor) == NULL)
    return FALSE;

  g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_CONFLICT,
                       _("Waiting for your choice between your version and theirs"));
  return TRUE;
}
