/* rubric-evaluation-editor-private.h — what the editor's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-audio-player.h"
#include "rubric-call-record.h"
#include "rubric-db.h"
#include "rubric-criterion-row.h"
#include "rubric-evaluation-editor.h"
#include "rubric-evaluation.h"
#include "rubric-score-panel.h"
#include "rubric-scorecard.h"

G_BEGIN_DECLS

struct _RubricEvaluationEditor
{
  AdwBin              parent_instance;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  AdwSplitButton     *submit_button;
  GtkRevealer        *autofail_revealer;
  GtkRevealer        *kept_revealer;
  GtkLabel           *autofail_label;
  GtkRevealer        *status_revealer;
  GtkLabel           *status_label;
  GtkButton          *edit_button;
  GtkWidget          *player_bar;
  GtkWidget          *player_separator;
  GtkScrolledWindow  *form_scroller;
  GtkBox             *narrow_top;
  GtkBox             *form_box;
  GtkBox             *narrow_bottom;
  GtkWidget          *side_separator;
  GtkWidget          *side_scroller;
  GtkBox             *side_box;
  GtkGrid            *details_grid;
  RubricAudioPlayer  *player;
  RubricScorePanel   *score_panel;
  GtkWidget          *comments_box;
  GtkListBox         *pinned_list;

  /* Owned references */
  RubricScorecard    *scorecard;
  RubricEvaluation   *evaluation;   /* what the form shows */
  RubricEvaluation   *stored;       /* as last stored; NULL for a draft not stored yet */
  GPtrArray          *rows;         /* RubricCriterionRow, in form order */
  char               *reviewer;
  char               *edit_reason;  /* set while a submitted evaluation is being edited */
  GtkEventController *plain_keys;
  GSettings          *settings;     /* NULL when the schema is not installed */

  /* Borrowed references */
  RubricDb           *db;
  GtkRoot            *root;         /* watched for where the focus is */

  gint64              call_row;     /* calls.id of the call scored, or 0 */
  guint               current;      /* index into rows */
  guint               scroll_tick;
  guint               scroll_frames;
  double              scroll_last;   /* where the current row ended, last frame */
  gboolean            focus_pending; /* focus the current row once laid out */
  gboolean            narrow;        /* the side panel folded into the form */
  gboolean            show_missing;  /* the banner counts the criteria left */
  guint               layout_idle;
  GError             *test_store_error; /* rubric_evaluation_editor_fail_saves () */
};

/* Narrower than this, the side panel (call, player, scores, comments)
 * folds into the form's column and the player above it. */
#define RUBRIC_EDITOR_NARROW_WIDTH 940

/* rubric-evaluation-editor.c */
gboolean rubric_evaluation_editor_is_editable     (RubricEvaluationEditor *self);
void     rubric_evaluation_editor_changed         (RubricEvaluationEditor *self);
void     rubric_evaluation_editor_set_current     (RubricEvaluationEditor *self,
                                                   guint                   index,
                                                   gboolean                focus);
void     rubric_evaluation_editor_submit          (RubricEvaluationEditor *self);
void     rubric_evaluation_editor_submit_and_open_next (RubricEvaluationEditor *self);
/* After the reviewer answered @row: on to the next criterion, unless the
 * preferences say otherwise. */
void     rubric_evaluation_editor_answered        (RubricEvaluationEditor *self,
                                                   RubricCriterionRow     *row);
void     rubric_evaluation_editor_request_close   (RubricEvaluationEditor *self);
void     rubric_evaluation_editor_toast           (RubricEvaluationEditor *self,
                                                   const char             *message);
/* Keeps the current criterion in view while the layout settles. */
void     rubric_evaluation_editor_queue_scroll    (RubricEvaluationEditor *self);

/* rubric-evaluation-editor-layout.c */
void     rubric_evaluation_editor_class_init_layout (GtkWidgetClass       *widget_class);
void     rubric_evaluation_editor_init_layout       (RubricEvaluationEditor *self);

/* rubric-evaluation-editor-call.c */
RubricScorecard *rubric_editor_default_scorecard    (RubricDb               *db,
                                                     GError                **error);
/* "2026-03-02 14:05:00 EET" in the IANA zone @tzid, or local time (NULL). */
char            *rubric_editor_format_instant       (gint64                  unix_seconds,
                                                     const char             *tzid);
void             rubric_evaluation_editor_show_call (RubricEvaluationEditor *self,
                                                     RubricCallRecord       *call);

/* rubric-evaluation-editor-form.c */
void     rubric_evaluation_editor_build_form        (RubricEvaluationEditor *self);
void     rubric_evaluation_editor_build_pinned      (RubricEvaluationEditor *self);
/* The form's number of criterion @key (from 1), or 0. */
guint    rubric_evaluation_editor_criterion_number  (RubricEvaluationEditor *self,
                                                     const char             *key);
void     rubric_evaluation_editor_add_pinned_row    (RubricEvaluationEditor *self,
                                                     RubricComment          *comment,
                                                     gboolean                focus);
void     rubric_evaluation_editor_pinned_activated  (RubricEvaluationEditor *self,
                                                     GtkListBoxRow          *row);
/* The pinned comments' ticks on the seek bar. */
void     rubric_evaluation_editor_update_marks      (RubricEvaluationEditor *self);
int      rubric_evaluation_editor_pinned_sort       (GtkListBoxRow          *a,
                                                     GtkListBoxRow          *b,
                                                     gpointer                user_data);

/* rubric-evaluation-editor-actions.c */
void     rubric_evaluation_editor_class_init_actions (GtkWidgetClass         *widget_class);
void     rubric_evaluation_editor_init_keys          (RubricEvaluationEditor *self);
void     rubric_evaluation_editor_watch_focus        (RubricEvaluationEditor *self,
                                                      GtkRoot                *root);
void     rubric_evaluation_editor_update_actions     (RubricEvaluationEditor *self);

G_END_DECLS
