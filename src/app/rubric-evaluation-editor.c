/* rubric-evaluation-editor.c — scoring one call: recording, scorecard form, live scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rubric-a11y.h"
#include "rubric-comment-row.h"
#include "rubric-drafts.h"
#include "rubric-error.h"
#include "rubric-evaluation-conflict.h"
#include "rubric-window.h"
#include "rubric-evaluation-editor-private.h"
#include "rubric-evaluation-store.h"
#include "rubric-review-page.h"
#include "rubric-scorecard-store.h"
#include "rubric-window.h"

G_DEFINE_FINAL_TYPE (RubricEvaluationEditor, rubric_evaluation_editor, ADW_TYPE_BIN)

enum {
  CLOSE_REQUESTED,
  SUBMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_status (RubricEvaluationEditor *self);

static void
update_score (RubricEvaluationEditor *self)
{
  g_autoptr(RubricScore) score = rubric_evaluation_score (self->evaluation, self->scorecard);
  g_autoptr(GString) failed = g_string_new (NULL);
  g_autofree char *text = NULL;

  rubric_score_panel_update (self->score_panel, score,
                             self->evaluation->status != RUBRIC_STATUS_DRAFT);

  for (guint i = 0; i < score->failed_critical->len; i++)
    {
      const char *key = g_ptr_array_index (score->failed_critical, i);
      RubricCriterion *criterion = rubric_scorecard_lookup_criterion (self->scorecard, key);

      /* One per line: criterion texts are whole questions. */
      g_string_append_c (failed, '\n');
      /* TRANSLATORS: a failed criterion in the auto-fail banner, "4. Did the agent…" */
      g_string_append_printf (failed, _("%u. %s"),
                              rubric_evaluation_editor_criterion_number (self, key),
                              criterion ? rubric_criterion_get_text (criterion) : key);
    }

  if (score->auto_failed)
    {
      /* TRANSLATORS: %s lists the critical criteria that were not met */
      text = g_strdup_printf (_("Auto-failed: the overall score is 0 because a critical "
                                "criterion was not met: %s"), failed->str);
      gtk_label_set_label (self->autofail_label, text);
    }
  gtk_revealer_set_reveal_child (self->autofail_revealer, score->auto_failed);
}

/* The evaluation as it is stored: comments left empty are not kept. */
static RubricEvaluation *
copy_for_storing (RubricEvaluationEditor *self)
{
  RubricEvaluation *copy = rubric_evaluation_copy (self->evaluation);

  for (guint i = copy->comments->len; i-- > 0;)
    {
      RubricComment *comment = g_ptr_array_index (copy->comments, i);

      if (comment->text == NULL || *g_strstrip (comment->text) == '\0')
        g_ptr_array_remove_index (copy->comments, i);
    }

  return copy;
}

static gboolean
store (RubricEvaluationEditor  *self,
       const char              *why,
       GError                 **error)
{
  g_autoptr(RubricEvaluation) copy = copy_for_storing (self);

  if (self->stored != NULL && rubric_evaluation_equal (copy, self->stored) &&
      !gtk_revealer_get_reveal_child (self->kept_revealer))
    return TRUE;

  /* Saved elsewhere since it was loaded: the reviewer chooses, saves wait. */
  if (rubric_evaluation_conflict_paused (self, error))
    return FALSE;
  if (self->test_store_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->test_store_error));
      return FALSE;
    }
  if (!rubric_evaluation_store_save (self->db, copy, self->reviewer, why, error))
    {
      rubric_evaluation_conflict_handle (self, copy, why, error ? *error : NULL);
      return FALSE;
    }

  self->evaluation->revision = copy->revision;
  /* Saved: a copy kept on this computer meanwhile is older. */
  if (gtk_revealer_get_reveal_child (self->kept_revealer))
    {
      rubric_drafts_forget (copy->id);
      gtk_revealer_set_reveal_child (self->kept_revealer, FALSE);
    }

  g_clear_pointer (&self->stored, rubric_evaluation_free);
  self->stored = g_steal_pointer (&copy);
  return TRUE;
}

void
rubric_evaluation_editor_changed (RubricEvaluationEditor *self)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  update_score (self);
  if (self->show_missing)
    update_status (self);

  /* A draft is saved on every change, so a crash loses nothing. Changes to
   * a submitted evaluation wait for "Save Changes": each save is an entry
   * in its history. */
  /* Offline (the window tries to connect again off the main thread): the
   * draft goes straight to this computer, no wait on the network here. */
  if (self->evaluation->status == RUBRIC_STATUS_DRAFT && RUBRIC_IS_WINDOW (root) &&
      rubric_window_get_offline (RUBRIC_WINDOW (root)))
    {
      g_autoptr(RubricEvaluation) copy = copy_for_storing (self);

      if (rubric_drafts_keep (copy, &error))
        {
          gtk_revealer_set_reveal_child (self->kept_revealer, TRUE);
          return;
        }
      g_clear_error (&error);
    }

  if (self->evaluation->status == RUBRIC_STATUS_DRAFT && !store (self, NULL, &error) &&
      !rubric_evaluation_conflict_pending (self))
    {
      g_autofree char *message = NULL;

      /* The team database is away: the draft waits on this computer, and
       * the window goes offline until it is back (rubric-window-team.c). */
      if (g_error_matches (error, RUBRIC_ERROR, RUBRIC_ERROR_IO) && RUBRIC_IS_WINDOW (root) &&
          rubric_window_report_error (RUBRIC_WINDOW (root), error))
        {
          g_autoptr(RubricEvaluation) copy = copy_for_storing (self);
          g_autoptr(GError) keep_error = NULL;

          if (rubric_drafts_keep (copy, &keep_error))
            {
              gtk_revealer_set_reveal_child (self->kept_revealer, TRUE);
              return;
            }
          g_prefix_error (&error, "%s; ", keep_error->message);
        }

      message = g_strdup_printf (_("The draft could not be saved: %s"),
                                                  error->message);

      rubric_evaluation_editor_toast (self, message);
    }
}

void
rubric_evaluation_editor_fail_saves (RubricEvaluationEditor *self,
                                     const GError           *error)
{
  g_return_if_fail (RUBRIC_IS_EVALUATION_EDITOR (self));

  g_clear_error (&self->test_store_error);
  if (error != NULL)
    self->test_store_error = g_error_copy (error);
}

void
rubric_evaluation_editor_save_kept (RubricEvaluationEditor *self)
{
  g_return_if_fail (RUBRIC_IS_EVALUATION_EDITOR (self));

  if (gtk_revealer_get_reveal_child (self->kept_revealer))
    rubric_evaluation_editor_changed (self);
}

gboolean
rubric_evaluation_editor_get_kept_locally (RubricEvaluationEditor *self)
{
  g_return_val_if_fail (RUBRIC_IS_EVALUATION_EDITOR (self), FALSE);

  return gtk_revealer_get_reveal_child (self->kept_revealer);
}

gboolean
rubric_evaluation_editor_is_editable (RubricEvaluationEditor *self)
{
  return self->evaluation != NULL &&
         (self->evaluation->status == RUBRIC_STATUS_DRAFT || self->edit_reason != NULL);
}

/* The number in the form (from 1) of the first criterion without an
 * answer, or 0; @n_left is set to how many there are. */
static guint
first_unanswered (RubricEvaluationEditor *self,
                  guint                  *n_left)
{
  g_autoptr(GPtrArray) missing = rubric_evaluation_unanswered (self->evaluation, self->scorecard);
  guint first = 0;

  for (guint i = 0; i < missing->len; i++)
    {
      guint number = rubric_evaluation_editor_criterion_number (self,
                                                              g_ptr_array_index (missing, i));

      if (first == 0 || number < first)
        first = number;
    }
  *n_left = missing->len;
  return first;
}

/* "3 criteria are not answered yet, the first is criterion 4", or NULL
 * when every criterion is answered. */
static char *
describe_missing (RubricEvaluationEditor *self)
{
  guint n_left;
  guint first = first_unanswered (self, &n_left);

  if (n_left == 0)
    return NULL;

  /* TRANSLATORS: submitting was refused; the form shows the first
   * criterion without an answer, criterion %2$u */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%1$u criterion is not answered yet: criterion %2$u",
                                       "%1$u criteria are not answered yet, "
                                       "the first is criterion %2$u",
                                       n_left),
                          n_left, first);
}

/* The banner: read only, editing a submitted evaluation, or (after a
 * refused submit, until all is answered) how many criteria are left. */
static void
update_status (RubricEvaluationEditor *self)
{
  gboolean editable = rubric_evaluation_editor_is_editable (self);
  RubricEvaluation *evaluation = self->evaluation;
  g_autofree char *status = NULL;

  if (self->edit_reason != NULL)
    /* TRANSLATORS: %s is the reason the reviewer gave for changing a submitted evaluation */
    status = g_strdup_printf (_("Editing a submitted evaluation (reason: %s). Save the changes "
                                "with Ctrl+Enter; they are kept in its history."),
                              self->edit_reason);
  else if (evaluation->status == RUBRIC_STATUS_SUBMITTED)
    {
      g_autofree char *when = evaluation->scored_at != RUBRIC_NO_TIME
                              ? rubric_editor_format_instant (evaluation->scored_at, NULL) : NULL;

      /* TRANSLATORS: "Submitted — read only. By ana on 2026-03-02 14:05:00 EET." */
      status = g_strdup_printf (_("Submitted — read only. By %s on %s."),
                                evaluation->reviewer ? evaluation->reviewer : _("unknown"),
                                when ? when : "—");
    }
  else if (evaluation->status == RUBRIC_STATUS_CALIBRATION)
    status = g_strdup (_("A calibration evaluation — read only."));
  else if (self->show_missing && !(status = describe_missing (self)))
    self->show_missing = FALSE;

  gtk_label_set_label (self->status_label, status ? status : "");
  gtk_revealer_set_reveal_child (self->status_revealer, status != NULL);
  gtk_widget_set_visible (gtk_widget_get_prev_sibling (GTK_WIDGET (self->status_label)),
                          !editable);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button),
                          evaluation->status == RUBRIC_STATUS_SUBMITTED &&
                          self->edit_reason == NULL);
}

static void
update_mode (RubricEvaluationEditor *self)
{
  gboolean editable = rubric_evaluation_editor_is_editable (self);
  GtkWidget *child;

  for (guint i = 0; i < self->rows->len; i++)
    rubric_criterion_row_set_editable (g_ptr_array_index (self->rows, i), editable);

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->pinned_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (RUBRIC_IS_COMMENT_ROW (child))
      rubric_comment_row_set_editable (RUBRIC_COMMENT_ROW (child), editable);

  update_status (self);

  gtk_widget_set_visible (GTK_WIDGET (self->submit_button), editable);
  adw_split_button_set_label (self->submit_button,
                              self->edit_reason ? _("_Save Changes") : _("_Submit"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->submit_button),
                               self->edit_reason ? _("Save the Changes (Ctrl+Enter)")
                                                 : _("Submit the Evaluation (Ctrl+Enter)"));

  rubric_evaluation_editor_update_actions (self);
}

/* Shows self->evaluation from scratch. */
static void
show_evaluation (RubricEvaluationEditor *self)
{
  rubric_evaluation_editor_build_form (self);
  rubric_evaluation_editor_build_pinned (self);
  rubric_score_panel_set_scorecard (self->score_panel, self->scorecard);
  update_score (self);
  update_mode (self);
}

/* Scrolls the form so that @row is in view; returns where the row is, so
 * the caller can tell whether the layout is still moving. */
static double
scroll_to_row (RubricEvaluationEditor *self,
               GtkWidget              *row)
{
  /* The scrolled window wraps the form in a viewport: the form itself has
   * the coordinates the adjustment counts in. */
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->form_scroller);
  GtkWidget *content = GTK_IS_VIEWPORT (viewport) ? gtk_viewport_get_child (GTK_VIEWPORT (viewport))
                                                  : viewport;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->form_scroller);
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  graphene_rect_t bounds;
  double top;
  double bottom;

  if (content == NULL || !gtk_widget_compute_bounds (row, content, &bounds))
    return NAN;

  top = bounds.origin.y - 12;
  bottom = bounds.origin.y + bounds.size.height + 12;
  if (bottom > value + page)
    value = bottom - page;
  if (top < value)
    value = top;
  gtk_adjustment_set_value (adjustment, value);
  return bounds.origin.y + bounds.size.height;
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  RubricEvaluationEditor *self = RUBRIC_EVALUATION_EDITOR (widget);
  RubricCriterionRow *row;
  double bottom;

  /* Once the form is laid out: the whole current row in view, and the
   * focus on it if the editor has just opened. */
  if (gtk_widget_get_height (GTK_WIDGET (self->form_scroller)) == 0)
    return G_SOURCE_CONTINUE;

  if (self->current >= self->rows->len)
    {
      self->scroll_tick = 0;
      return G_SOURCE_REMOVE;
    }

  row = g_ptr_array_index (self->rows, self->current);
  if (self->focus_pending && gtk_widget_get_focus_child (widget) == NULL)
    rubric_criterion_row_focus (row);
  self->focus_pending = FALSE;

  /* A guidance opening or closing moves the rows for a few frames: follow
   * until the row stays put. */
  bottom = scroll_to_row (self, GTK_WIDGET (row));
  if (bottom != self->scroll_last && self->scroll_frames++ < 60)
    {
      self->scroll_last = bottom;
      return G_SOURCE_CONTINUE;
    }

  self->scroll_tick = 0;
  return G_SOURCE_REMOVE;
}

void
rubric_evaluation_editor_queue_scroll (RubricEvaluationEditor *self)
{
  self->scroll_last = NAN;
  self->scroll_frames = 0;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick_cb,
                                                      NULL, NULL);
}

gboolean
rubric_evaluation_editor_load (RubricEvaluationEditor  *self,
                               RubricDb                *db,
                               const char              *uuid,
                               gint64                   call_row,
                               const char              *reviewer,
                               GError                 **error)
{
  g_autoptr(RubricEvaluation) evaluation = NULL;
  g_autoptr(RubricEvaluation) stored = NULL;
  g_autoptr(RubricScorecard) scorecard = NULL;
  g_auto(RubricCallRecord) info = { 0 };
  g_autoptr(GError) local_error = NULL;
  guint first_open = 0;

  g_return_val_if_fail (RUBRIC_IS_EVALUATION_EDITOR (self), FALSE);
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (uuid != NULL || call_row > 0, FALSE);

  if (uuid != NULL)
    {
      if (!(stored = rubric_evaluation_store_load (db, uuid, error)) ||
          !(scorecard = rubric_scorecard_store_load (db, stored->scorecard,
                                                     stored->scorecard_version, error)))
        return FALSE;

      evaluation = rubric_evaluation_copy (stored);
      call_row = rubric_call_record_find (db, evaluation->call, evaluation->vendor,
                                          evaluation->call_time != RUBRIC_NO_TIME
                                          ? evaluation->call_time : 0, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (call_row > 0 && !rubric_call_record_read (db, call_row, &info, error))
        return FALSE;
    }
  else
    {
      if (!(scorecard = rubric_editor_default_scorecard (db, error)) ||
          !rubric_call_record_read (db, call_row, &info, error))
        return FALSE;

      evaluation = rubric_evaluation_new (NULL);
      evaluation->scorecard = g_strdup (scorecard->key);
      evaluation->scorecard_version = scorecard->version;
      evaluation->status = RUBRIC_STATUS_DRAFT;
      evaluation->reviewer = g_strdup (reviewer);
      evaluation->vendor = g_strdup (info.vendor);
      evaluation->agent = g_strdup (info.agent);
      evaluation->call = g_strdup (info.call_id);
      evaluation->call_time = info.entered_at;
    }

  g_clear_pointer (&self->scorecard, rubric_scorecard_unref);
  g_clear_pointer (&self->evaluation, rubric_evaluation_free);
  g_clear_pointer (&self->stored, rubric_evaluation_free);
  g_clear_pointer (&self->edit_reason, g_free);
  g_free (self->reviewer);

  self->db = db;
  self->call_row = call_row;
  self->reviewer = g_strdup (reviewer);
  self->scorecard = g_steal_pointer (&scorecard);
  self->evaluation = g_steal_pointer (&evaluation);
  self->stored = g_steal_pointer (&stored);

  rubric_evaluation_editor_show_call (self, &info);
  rubric_audio_player_set_location (self->player, info.recording);
  show_evaluation (self);

  /* Start where there is work: the first criterion without an answer. */
  for (first_open = 0; first_open < self->rows->len; first_open++)
    if (rubric_criterion_row_get_answer (g_ptr_array_index (self->rows, first_open)) == NULL)
      break;
  self->current = first_open < self->rows->len ? first_open : 0;
  self->focus_pending = TRUE;
  rubric_evaluation_editor_set_current (self, self->current, FALSE);

  return TRUE;
}

const char *
rubric_evaluation_editor_get_uuid (RubricEvaluationEditor *self)
{
  g_return_val_if_fail (RUBRIC_IS_EVALUATION_EDITOR (self), NULL);

  return self->evaluation ? self->evaluation->id : NULL;
}

gint64
rubric_evaluation_editor_get_call_row (RubricEvaluationEditor *self)
{
  g_return_val_if_fail (RUBRIC_IS_EVALUATION_EDITOR (self), 0);

  return self->call_row;
}

gboolean
rubric_evaluation_editor_get_narrow (RubricEvaluationEditor *self)
{
  g_return_val_if_fail (RUBRIC_IS_EVALUATION_EDITOR (self), FALSE);

  return self->narrow;
}

void
rubric_evaluation_editor_begin_edit (RubricEvaluationEditor *self,
                                     const char             *reason)
{
  g_return_if_fail (RUBRIC_IS_EVALUATION_EDITOR (self));
  g_return_if_fail (reason != NULL && *reason != '\0');

  if (self->evaluation == NULL || self->evaluation->status != RUBRIC_STATUS_SUBMITTED)
    return;

  g_free (self->edit_reason);
  self->edit_reason = g_strdup (reason);
  update_mode (self);
  rubric_evaluation_editor_set_current (self, self->current, TRUE);
}

/* Submits (or saves the changes); FALSE when refused or failed, with a
 * toast that says why. Does not emit "submitted". */
static gboolean
submit (RubricEvaluationEditor *self)
{
  g_autofree char *left = NULL;
  g_autoptr(RubricEvaluation) submitted = NULL;
  g_autoptr(GError) error = NULL;
  gboolean editing = self->edit_reason != NULL;

  if (!rubric_evaluation_editor_is_editable (self))
    return FALSE;

  /* Not everything answered: straight to the first criterion left, with
   * how many there are in a toast and in the banner (which stays, and
   * counts down, until all is answered), rather than a list to read and
   * dismiss. */
  left = describe_missing (self);
  if (left != NULL)
    {
      guint n_left;

      self->show_missing = TRUE;
      update_status (self);
      rubric_evaluation_editor_set_current (self, first_unanswered (self, &n_left) - 1, TRUE);
      rubric_evaluation_editor_toast (self, left);
      return FALSE;
    }

  if (!store (self, self->edit_reason, &error) ||
      (!editing && !rubric_evaluation_store_submit (self->db, self->evaluation->id,
                                                    self->reviewer, &error)) ||
      !(submitted = rubric_evaluation_store_load (self->db, self->evaluation->id, &error)))
    {
      g_autofree char *message = NULL;

      if (rubric_evaluation_conflict_pending (self))
        return FALSE;
      message = g_strdup_printf (_("The evaluation could not be submitted: %s"), error->message);

      rubric_evaluation_editor_toast (self, message);
      return FALSE;
    }

  g_clear_pointer (&self->edit_reason, g_free);
  g_clear_pointer (&self->evaluation, rubric_evaluation_free);
  g_clear_pointer (&self->stored, rubric_evaluation_free);
  self->evaluation = rubric_evaluation_copy (submitted);
  self->stored = g_steal_pointer (&submitted);

  update_score (self);
  update_mode (self);
  rubric_evaluation_editor_toast (self, editing ? _("Changes saved") : _("Evaluation submitted"));
  return TRUE;
}

void
rubric_evaluation_editor_submit (RubricEvaluationEditor *self)
{
  if (submit (self))
    g_signal_emit (self, signals[SUBMITTED], 0, self->evaluation->id);
}

/* The position in the review queue of the first call after @call_row (or
 * from the top when @call_row is not in it) that has nothing submitted, or
 * GTK_INVALID_LIST_POSITION. Looks a few pages ahead at most: the queue can
 * hold a million calls, most of them scored. */
static guint
next_in_queue (RubricCallList *list,
               gint64          call_row)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint start = 0;

  for (guint i = 0; i < n && call_row > 0; i++)
    if (rubric_paged_list_get_id (RUBRIC_PAGED_LIST (list), i) == call_row)
      {
        start = i + 1;
        break;
      }

  for (guint i = start; i < n && i < start + 10 * RUBRIC_PAGED_LIST_PAGE_SIZE; i++)
    {
      g_autoptr(RubricCallRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (row != NULL && rubric_call_row_get_id (row) != call_row &&
          rubric_call_row_get_state (row) != RUBRIC_CALL_SCORED)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* "Submit and Open the Next Call" (Ctrl+Shift+Enter): the next call of the
 * review queue, in the order and with the filters it shows, that has
 * nothing submitted yet. The window opens it as the queue's Enter does. */
void
rubric_evaluation_editor_submit_and_open_next (RubricEvaluationEditor *self)
{
  g_autoptr(RubricEvaluationEditor) keep = g_object_ref (self);
  g_autoptr(GtkWidget) page = NULL;
  g_autoptr(GtkWidget) window = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  guint next = GTK_INVALID_LIST_POSITION;

  if (self->edit_reason != NULL || !submit (self))
    return;

  /* Found before "submitted": the window closes the editor on it. */
  if (RUBRIC_IS_WINDOW (root))
    {
      window = g_object_ref (GTK_WIDGET (root));
      page = rubric_window_get_page_widget (RUBRIC_WINDOW (root), "review");
      if (RUBRIC_IS_REVIEW_PAGE (page) &&
          rubric_review_page_get_list (RUBRIC_REVIEW_PAGE (page)) != NULL)
        {
          g_object_ref (page);
          next = next_in_queue (rubric_review_page_get_list (RUBRIC_REVIEW_PAGE (page)),
                                self->call_row);
        }
      else
        page = NULL;
    }

  g_signal_emit (self, signals[SUBMITTED], 0, self->evaluation->id);

  if (next != GTK_INVALID_LIST_POSITION)
    rubric_review_page_open_position (RUBRIC_REVIEW_PAGE (page), next);
  else if (window != NULL)
    rubric_window_add_toast (RUBRIC_WINDOW (window),
                             _("No call left to score in the review queue"));
}

void
rubric_evaluation_editor_answered (RubricEvaluationEditor *self,
                                   RubricCriterionRow     *row)
{
  guint index;

  if (self->settings != NULL &&
      !g_settings_get_boolean (self->settings, "next-criterion-after-answer"))
    return;

  if (g_ptr_array_find (self->rows, row, &index) && index + 1 < self->rows->len)
    rubric_evaluation_editor_set_current (self, index + 1, TRUE);
}

static void
discard_response_cb (RubricEvaluationEditor *self,
                     const char             *response)
{
  if (!g_str_equal (response, "discard"))
    return;

  g_clear_pointer (&self->edit_reason, g_free);
  g_clear_pointer (&self->evaluation, rubric_evaluation_free);
  self->evaluation = rubric_evaluation_copy (self->stored);
  show_evaluation (self);
  g_signal_emit (self, signals[CLOSE_REQUESTED], 0);
}

void
rubric_evaluation_editor_request_close (RubricEvaluationEditor *self)
{
  g_autoptr(RubricEvaluation) copy = NULL;
  GtkRoot *root;
  GtkWidget *dialog;

  /* Drafts are already saved; unsaved changes to a submitted evaluation
   * are the one thing Back could lose. */
  if (self->edit_reason == NULL || self->stored == NULL ||
      rubric_evaluation_equal ((copy = copy_for_storing (self)), self->stored))
    {
      g_clear_pointer (&self->edit_reason, g_free);
      if (self->evaluation != NULL)
        update_mode (self);
      g_signal_emit (self, signals[CLOSE_REQUESTED], 0);
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Discard the Changes?"),
                                   _("Your changes to the submitted evaluation are not saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self,
                           G_CONNECT_SWAPPED);
  rubric_a11y_fix_tree (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
rubric_evaluation_editor_toast (RubricEvaluationEditor *self,
                                const char             *message)
{
  /* Toast titles are markup in libadwaita 1.2. */
  g_autofree char *markup = g_markup_escape_text (message, -1);

  rubric_a11y_add_toast (self->toast_overlay, adw_toast_new (markup));
}

void
rubric_evaluation_editor_set_current (RubricEvaluationEditor *self,
                                      guint                   index,
                                      gboolean                focus)
{
  RubricCriterionRow *row;

  if (self->rows->len == 0)
    return;

  index = MIN (index, self->rows->len - 1);
  if (self->current < self->rows->len)
    rubric_criterion_row_set_current (g_ptr_array_index (self->rows, self->current), FALSE);

  self->current = index;
  row = g_ptr_array_index (self->rows, index);
  rubric_criterion_row_set_current (row, TRUE);

  if (focus && gtk_widget_get_mapped (GTK_WIDGET (self)))
    rubric_criterion_row_focus (row);
  rubric_evaluation_editor_queue_scroll (self);
}

static void
ensure_style (void)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider,
                                           "/io/github/rubricqa/Rubric/"
                                           "rubric-evaluation-editor.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&loaded, 1);
    }
}

static void
rubric_evaluation_editor_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rubric_evaluation_editor_parent_class)->root (widget);
  rubric_evaluation_editor_watch_focus (RUBRIC_EVALUATION_EDITOR (widget),
                                        gtk_widget_get_root (widget));
}

static void
rubric_evaluation_editor_unroot (GtkWidget *widget)
{
  rubric_evaluation_editor_watch_focus (RUBRIC_EVALUATION_EDITOR (widget), NULL);
  GTK_WIDGET_CLASS (rubric_evaluation_editor_parent_class)->unroot (widget);
}

/* Focusing the editor focuses the criterion being scored: the row itself,
 * where Enter answers nothing. */
static gboolean
rubric_evaluation_editor_grab_focus (GtkWidget *widget)
{
  RubricEvaluationEditor *self = RUBRIC_EVALUATION_EDITOR (widget);

  if (self->current < self->rows->len &&
      rubric_criterion_row_focus (g_ptr_array_index (self->rows, self->current)))
    return TRUE;

  return GTK_WIDGET_CLASS (rubric_evaluation_editor_parent_class)->grab_focus (widget);
}

static void
rubric_evaluation_editor_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rubric_evaluation_editor_parent_class)->map (widget);
  rubric_evaluation_editor_queue_scroll (RUBRIC_EVALUATION_EDITOR (widget));
}

static void
rubric_evaluation_editor_dispose (GObject *object)
{
  RubricEvaluationEditor *self = RUBRIC_EVALUATION_EDITOR (object);

  if (self->scroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
      self->scroll_tick = 0;
    }
  g_clear_handle_id (&self->layout_idle, g_source_remove);
  g_clear_object (&self->settings);
  /* AdwBin unparents its child itself: let it, before the template goes. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUBRIC_TYPE_EVALUATION_EDITOR);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rubric_evaluation_editor_parent_class)->dispose (object);
}

static void
rubric_evaluation_editor_finalize (GObject *object)
{
  RubricEvaluationEditor *self = RUBRIC_EVALUATION_EDITOR (object);

  g_clear_pointer (&self->scorecard, rubric_scorecard_unref);
  g_clear_pointer (&self->evaluation, rubric_evaluation_free);
  g_clear_pointer (&self->stored, rubric_evaluation_free);
  g_free (self->reviewer);
  g_free (self->edit_reason);
  g_clear_error (&self->test_store_error);

  G_OBJECT_CLASS (rubric_evaluation_editor_parent_class)->finalize (object);
}

static void
rubric_evaluation_editor_class_init (RubricEvaluationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rubric_evaluation_editor_dispose;
  object_class->finalize = rubric_evaluation_editor_finalize;
  widget_class->root = rubric_evaluation_editor_root;
  widget_class->unroot = rubric_evaluation_editor_unroot;
  widget_class->map = rubric_evaluation_editor_map;
  widget_class->grab_focus = rubric_evaluation_editor_grab_focus;

  /* Back or Escape: the window should show what it showed before. */
  signals[CLOSE_REQUESTED] =
    g_signal_new ("close-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The evaluation (its uuid) was submitted, or its changes saved. */
  signals[SUBMITTED] =
    g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (RUBRIC_TYPE_AUDIO_PLAYER);
  g_type_ensure (RUBRIC_TYPE_SCORE_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rubricqa/Rubric/"
                                               "rubric-evaluation-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, submit_button);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, autofail_revealer);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, kept_revealer);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, autofail_label);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, status_revealer);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, edit_button);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, player_bar);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, player_separator);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, form_scroller);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, narrow_top);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, form_box);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, narrow_bottom);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, side_separator);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, side_scroller);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, side_box);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, comments_box);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, details_grid);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, player);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, score_panel);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationEditor, pinned_list);
  gtk_widget_class_bind_template_callback_full (
    widget_class, "pinned_row_activated_cb",
    G_CALLBACK (rubric_evaluation_editor_pinned_activated));

  rubric_evaluation_editor_class_init_actions (widget_class);
  rubric_evaluation_editor_class_init_layout (widget_class);
}

static void
rubric_evaluation_editor_init (RubricEvaluationEditor *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  ensure_style ();
  /* Measured and allocated by rubric-evaluation-editor-layout.c. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Without the schema (a build folder without `meson devenv`), answering
   * moves on, the default. */
  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID,
                                            TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "next-criterion-after-answer"))
    self->settings = g_settings_new (APP_ID);
  rubric_a11y_fix_tree (GTK_WIDGET (self));
  rubric_evaluation_editor_init_layout (self);
  /* libadwaita 1.2 gives the split button's arrow only a tooltip. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->submit_button));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_MENU_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("More Ways to Submit"),
                                      -1);
  self->rows = g_ptr_array_new ();
  gtk_list_box_set_sort_func (self->pinned_list, rubric_evaluation_editor_pinned_sort, NULL, NULL);
  rubric_evaluation_editor_init_keys (self);
  rubric_evaluation_editor_update_actions (self);
}

GtkWidget *
rubric_evaluation_editor_new (void)
{
  return g_object_new (RUBRIC_TYPE_EVALUATION_EDITOR, NULL);
}
