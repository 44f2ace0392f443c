/* rubric-evaluation-conflict.h — the editor's save met another machine's save
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-evaluation-editor.h"
#include "rubric-evaluation.h"

G_BEGIN_DECLS

/* Called by the editor when a save of @mine failed with @error. When it is
 * RUBRIC_ERROR_CONFLICT, asks the reviewer once (an AdwMessageDialog naming
 * who changed it and when) to Reload their version or Keep Mine with a
 * reason; until they choose, saves of the editor are paused (this returns
 * TRUE for them without showing anything more). Returns whether @error was
 * a conflict, which the caller then does not report itself. */
gboolean rubric_evaluation_conflict_handle  (RubricEvaluationEditor  *editor,
                                             RubricEvaluation        *mine,
                                             const char              *why,
                                             const GError            *error);
/* While the editor waits for that choice: sets a CONFLICT @error (which
 * the editor does not report: the dialog says it) and returns TRUE. */
gboolean rubric_evaluation_conflict_paused  (RubricEvaluationEditor  *editor,
                                             GError                 **error);
/* Whether the editor waits for the reviewer's choice: its saves are paused. */
gboolean rubric_evaluation_conflict_pending (RubricEvaluationEditor  *editor);
/* The dialog on screen, or NULL (for tests and screenshots). */
GtkWidget *rubric_evaluation_conflict_get_dialog (RubricEvaluationEditor *editor);

G_END_DECLS
