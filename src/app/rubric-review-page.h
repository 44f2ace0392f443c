/* rubric-review-page.h — the review queue: the calls to score
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rubric-call-list.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_REVIEW_PAGE (rubric_review_page_get_type ())

G_DECLARE_FINAL_TYPE (RubricReviewPage, rubric_review_page, RUBRIC, REVIEW_PAGE, AdwBin)

/* Shows the calls of @db (borrowed: it outlives the page). */
void            rubric_review_page_set_db        (RubricReviewPage *self,
                                                  RubricDb         *db);
/* Reads the vendors and the calls again. */
void            rubric_review_page_reload        (RubricReviewPage *self);
/* Rows changed (an evaluation was saved), the calls did not. */
void            rubric_review_page_invalidate    (RubricReviewPage *self);
void            rubric_review_page_focus_search  (RubricReviewPage *self);
gboolean        rubric_review_page_get_loading   (RubricReviewPage *self);
RubricCallList *rubric_review_page_get_list      (RubricReviewPage *self);
/* Opens the call at @position as the row activation does. */
void            rubric_review_page_open_position (RubricReviewPage *self,
                                                  guint             position);

G_END_DECLS
