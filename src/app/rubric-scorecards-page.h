/* rubric-scorecards-page.h — the scorecards: list, import, view, edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rubric-db.h"
#include "rubric-scorecard-view.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_SCORECARDS_PAGE (rubric_scorecards_page_get_type ())

G_DECLARE_FINAL_TYPE (RubricScorecardsPage, rubric_scorecards_page, RUBRIC, SCORECARDS_PAGE, AdwBin)

void                 rubric_scorecards_page_set_db    (RubricScorecardsPage *self,
                                                       RubricDb             *db);
void                 rubric_scorecards_page_reload    (RubricScorecardsPage *self);
/* Shows scorecard @key (its latest version). */
gboolean             rubric_scorecards_page_open      (RubricScorecardsPage *self,
                                                       const char           *key);
/* Back to the list. */
void                 rubric_scorecards_page_show_list (RubricScorecardsPage *self);
RubricScorecardView *rubric_scorecards_page_get_view  (RubricScorecardsPage *self);

G_END_DECLS
