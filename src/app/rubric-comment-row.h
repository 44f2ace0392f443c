/* rubric-comment-row.h — a comment pinned to a moment of the recording
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rubric-evaluation.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_COMMENT_ROW (rubric_comment_row_get_type ())

G_DECLARE_FINAL_TYPE (RubricCommentRow, rubric_comment_row, RUBRIC, COMMENT_ROW, GtkListBoxRow)

/* @comment (pinned: its time is set) must outlive the row; the row writes
 * the user's text into it before emitting "changed". @criterion_number is
 * the form's number of its criterion, or 0. */
GtkWidget     *rubric_comment_row_new          (RubricComment    *comment,
                                                guint             criterion_number);
RubricComment *rubric_comment_row_get_comment  (RubricCommentRow *self);
void           rubric_comment_row_set_editable (RubricCommentRow *self,
                                                gboolean          editable);
void           rubric_comment_row_focus_text   (RubricCommentRow *self);

G_END_DECLS
