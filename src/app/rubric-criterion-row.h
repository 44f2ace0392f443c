/* rubric-criterion-row.h — one criterion of the evaluation form: text, guidance, answers, comment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rubric-scorecard.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_CRITERION_ROW (rubric_criterion_row_get_type ())

G_DECLARE_FINAL_TYPE (RubricCriterionRow, rubric_criterion_row, RUBRIC, CRITERION_ROW, AdwPreferencesRow)

/* @criterion must outlive the row (it belongs to the editor's scorecard). */
GtkWidget       *rubric_criterion_row_new              (RubricCriterion    *criterion,
                                                        guint               number);
RubricCriterion *rubric_criterion_row_get_criterion    (RubricCriterionRow *self);
/* These two change what the row shows without emitting "answer-changed" or
 * "comment-changed": those are for the user's changes. */
void             rubric_criterion_row_set_answer       (RubricCriterionRow *self,
                                                        const char         *value);
const char      *rubric_criterion_row_get_answer       (RubricCriterionRow *self);
void             rubric_criterion_row_set_comment      (RubricCriterionRow *self,
                                                        const char         *text);
void             rubric_criterion_row_set_current      (RubricCriterionRow *self,
                                                        gboolean            current);
void             rubric_criterion_row_set_editable     (RubricCriterionRow *self,
                                                        gboolean            editable);
void             rubric_criterion_row_toggle_guidance  (RubricCriterionRow *self);
/* Moves the keyboard focus to the row itself: a screen reader reads the
 * criterion and its answer (the accessible description), and Enter there
 * answers nothing. */
gboolean         rubric_criterion_row_focus            (RubricCriterionRow *self);
/* The button of answer @value ("yes", "3", an option key, "na"), or NULL. */
GtkWidget       *rubric_criterion_row_get_answer_button (RubricCriterionRow *self,
                                                         const char         *value);
/* The answer the key @digit (0-9) gives on this criterion, or NULL
 * (SPEC §10): on yes/no 1 yes, 2 no; on a choice 1..n the n-th option; on a
 * scale the digit is the value; N/A is 0 on every criterion (unless 0 is a
 * value of the scale) and 3 as well on yes/no. */
char            *rubric_criterion_row_value_for_digit  (RubricCriterionRow *self,
                                                        int                 digit);

G_END_DECLS
