/* rubric-scorecard-view.h — one scorecard: its sections and criteria, and a simple editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rubric-db.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_SCORECARD_VIEW (rubric_scorecard_view_get_type ())

G_DECLARE_FINAL_TYPE (RubricScorecardView, rubric_scorecard_view, RUBRIC, SCORECARD_VIEW, AdwBin)

/* Shows the latest version of scorecard @key of @db (borrowed). */
gboolean rubric_scorecard_view_show        (RubricScorecardView  *self,
                                            RubricDb             *db,
                                            const char           *key,
                                            GError              **error);
gboolean rubric_scorecard_view_get_editing (RubricScorecardView  *self);
void     rubric_scorecard_view_set_editing (RubricScorecardView  *self,
                                            gboolean              editing);
/* Saves the edits as a new version; *version is the version stored (the
 * one shown when nothing changed), *changed whether it is new. */
gboolean rubric_scorecard_view_save        (RubricScorecardView  *self,
                                            int                  *version,
                                            gboolean             *changed,
                                            GError              **error);

G_END_DECLS
