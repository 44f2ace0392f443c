/* rubric-evaluation-editor-private.h — what the editor's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-audio-player.h"
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
  GtkButton          *submit_button;
  GtkRevealer        *autofail_revealer;
  GtkLabel           *autofail_label;
  GtkRevealer        *status_revealer;
  GtkLabel           *status_label;
  GtkButton          *edit_button;
  GtkScrolledWindow  *form_scroller;
  GtkBox             *form_box;
  GtkGrid            *details_grid;
  RubricAudioPlayer  *player;
  RubricScorePanel   *score_panel;
  GtkListBox         *pinned_list;

  /* Owned references */
  RubricScorecard    *scorecard;
  RubricEvaluation   *evaluation;   /* what the form shows */
  RubricEvaluation   *stored;       /* as last stored; NULL for a draft not stored yet */
  GPtrArray          *rows;         /* RubricCriterionRow, in form order */
  char               *reviewer;
  char               *edit_reason;  /* set while a submitted evaluation is being edited */
  GtkEventController *plain_keys;

  /* Borrowed references */
  RubricDb           *db;
  GtkRoot            *root;         /* watched for where the focus is */

  guint               current;      /* index into rows */
  guint               scroll_tick;
  guint               scroll_frames;
  double              scroll_last;   /* where the current row ended, last frame */
  gboolean            focus_pending; /* focus the current row once laid out */
};

/* The call record an evaluation scores, as the editor's header shows it. */
typedef struct
{
  char   *vendor;
  char   *timezone;
  char   *agent;
  char   *agent_name;
  char   *queue;
  gint64  entered_at;
  double  wait_s;      /* NAN when unknown */
  double  duration_s;  /* talk + hold; NAN when unknown */
  char   *recording;
} RubricEditorCall;

/* rubric-evaluation-editor.c */
gboolean rubric_evaluation_editor_is_editable     (RubricEvaluationEditor *self);
void     rubric_evaluation_editor_changed         (RubricEvaluationEditor *self);
void     rubric_evaluation_editor_set_current     (RubricEvaluationEditor *self,
                                                   guint                   index,
                                                   gboolean                focus);
void     rubric_evaluation_editor_submit          (RubricEvaluationEditor *self);
void     rubric_evaluation_editor_request_close   (RubricEvaluationEditor *self);
void     rubric_evaluation_editor_toast           (RubricEvaluationEditor *self,
                                                   const char             *message);

/* rubric-evaluation-editor-call.c */
void             rubric_editor_call_clear           (RubricEditorCall       *call);
gboolean         rubric_editor_call_read            (RubricDb               *db,
                                                     gint64                  row,
                                                     RubricEditorCall       *call,
                                                     char                  **call_id,
                                                     GError                **error);
/* The row of the call record @evaluation scores, or 0. */
gint64           rubric_editor_call_find            (RubricDb               *db,
                                                     RubricEvaluation       *evaluation);
RubricScorecard *rubric_editor_default_scorecard    (RubricDb               *db,
                                                     GError                **error);
/* "2026-03-02 14:05:00 EET" in the IANA zone @tzid, or local time (NULL). */
char            *rubric_editor_format_instant       (gint64                  unix_seconds,
                                                     const char             *tzid);
void             rubric_evaluation_editor_show_call (RubricEvaluationEditor *self,
                                                     RubricEditorCall       *call);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RubricEditorCall, rubric_editor_call_clear)

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
