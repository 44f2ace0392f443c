/* rubric-review-page.h — the review queue: the calls to score
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-call-list.h"
#include "rubric-list-page.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_REVIEW_PAGE (rubric_review_page_get_type ())

G_DECLARE_FINAL_TYPE (RubricReviewPage, rubric_review_page, RUBRIC, REVIEW_PAGE, RubricListPage)

/* Showing a database, reloading, the search and the loading state are
 * RubricListPage's (rubric-list-page.h). */
/* Rows changed (an evaluation was saved), the calls did not. */
void            rubric_review_page_invalidate    (RubricReviewPage *self);
RubricCallList *rubric_review_page_get_list      (RubricReviewPage *self);
/* Opens the call at @position as the row activation does. */
void            rubric_review_page_open_position (RubricReviewPage *self,
                                                  guint             position);

G_END_DECLS
