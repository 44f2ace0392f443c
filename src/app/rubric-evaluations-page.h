/* rubric-evaluations-page.h — every evaluation, to find, open and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rubric-evaluation-list.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_EVALUATIONS_PAGE (rubric_evaluations_page_get_type ())

G_DECLARE_FINAL_TYPE (RubricEvaluationsPage, rubric_evaluations_page, RUBRIC, EVALUATIONS_PAGE,
                      AdwBin)

void                  rubric_evaluations_page_set_db       (RubricEvaluationsPage *self,
                                                            RubricDb              *db);
void                  rubric_evaluations_page_reload       (RubricEvaluationsPage *self);
void                  rubric_evaluations_page_focus_search (RubricEvaluationsPage *self);
gboolean              rubric_evaluations_page_get_loading  (RubricEvaluationsPage *self);
RubricEvaluationList *rubric_evaluations_page_get_list     (RubricEvaluationsPage *self);
/* Writes what the page shows to @file, off the main thread, and toasts. */
void                  rubric_evaluations_page_export       (RubricEvaluationsPage *self,
                                                            GFile                 *file,
                                                            gboolean               xml);

G_END_DECLS
