/* rubric-evaluation-editor.h — scoring one call: recording, scorecard form, live scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rubric-db.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_EVALUATION_EDITOR (rubric_evaluation_editor_get_type ())

G_DECLARE_FINAL_TYPE (RubricEvaluationEditor, rubric_evaluation_editor, RUBRIC, EVALUATION_EDITOR, AdwBin)

GtkWidget  *rubric_evaluation_editor_new        (void);
/* Opens evaluation @uuid or, with @uuid NULL, a new draft for the call
 * record @call_row (calls.id) with the latest version of the default
 * scorecard "contact-centre-qa" (or the latest scorecard if that key is
 * absent). @db is borrowed: it must outlive the editor or the next load.
 * A new draft is stored with its first answer or comment. */
gboolean    rubric_evaluation_editor_load       (RubricEvaluationEditor *self,
                                                 RubricDb               *db,
                                                 const char             *uuid,
                                                 gint64                  call_row,
                                                 const char             *reviewer,
                                                 GError                **error);
const char *rubric_evaluation_editor_get_uuid   (RubricEvaluationEditor *self);
/* The row (calls.id) of the call record scored, or 0 when it is not in
 * this database. */
gint64      rubric_evaluation_editor_get_call_row (RubricEvaluationEditor *self);
/* Whether the side panel is folded into the form (a narrow window). */
gboolean    rubric_evaluation_editor_get_narrow (RubricEvaluationEditor *self);
/* Makes a submitted evaluation editable; the change is saved (Ctrl+Enter)
 * into its history with @reason. What the "Edit…" dialog does. */
void        rubric_evaluation_editor_begin_edit (RubricEvaluationEditor *self,
                                                 const char             *reason);

/* For the tests: every save fails with a copy of @error (NULL: saves work
 * again), as they do when the team database is out of reach. */
void        rubric_evaluation_editor_fail_saves (RubricEvaluationEditor *self,
                                                 const GError           *error);
/* The database is back: saves the draft that waits on this computer. */
void        rubric_evaluation_editor_save_kept  (RubricEvaluationEditor *self);
/* Whether the draft waits on this computer (rubric-drafts.c). */
gboolean    rubric_evaluation_editor_get_kept_locally (RubricEvaluationEditor *self);

G_END_DECLS
