/* rubric-evaluation-history.h — who changed a submitted evaluation, when, why, and what
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rubric-evaluation-store.h"
#include "rubric-scorecard.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_EVALUATION_HISTORY (rubric_evaluation_history_get_type ())

G_DECLARE_FINAL_TYPE (RubricEvaluationHistory, rubric_evaluation_history, RUBRIC, EVALUATION_HISTORY, AdwWindow)

/* @entries: RubricHistoryEntry, oldest first (rubric_evaluation_store_history). */
GtkWidget *rubric_evaluation_history_new (GtkWindow       *parent,
                                          RubricScorecard *scorecard,
                                          GPtrArray       *entries);

G_END_DECLS
