/* rubric-score-panel.h — the live overall and category scores of the evaluation being edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rubric-score.h"
#include "rubric-scorecard.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_SCORE_PANEL (rubric_score_panel_get_type ())

G_DECLARE_FINAL_TYPE (RubricScorePanel, rubric_score_panel, RUBRIC, SCORE_PANEL, GtkWidget)

GtkWidget  *rubric_score_panel_new              (void);
void        rubric_score_panel_set_scorecard    (RubricScorePanel *self,
                                                 RubricScorecard  *scorecard);
/* Shows @score; @final says it is a submitted evaluation's, not provisional. */
void        rubric_score_panel_update           (RubricScorePanel *self,
                                                 RubricScore      *score,
                                                 gboolean          final);
/* The overall score as shown ("82.35", or "—" when undefined). */
const char *rubric_score_panel_get_overall_text (RubricScorePanel *self);

/* A score as the app shows it: two decimals, or "—" when undefined. */
char       *rubric_format_score                 (double            score);

G_END_DECLS
