/* rubric-evaluations-page.h — every evaluation, to find, open and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-evaluation-list.h"
#include "rubric-list-page.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_EVALUATIONS_PAGE (rubric_evaluations_page_get_type ())

G_DECLARE_FINAL_TYPE (RubricEvaluationsPage, rubric_evaluations_page, RUBRIC, EVALUATIONS_PAGE,
                      RubricListPage)

/* Showing a database, reloading, the search and the loading state are
 * RubricListPage's (rubric-list-page.h). */
RubricEvaluationList *rubric_evaluations_page_get_list     (RubricEvaluationsPage *self);
/* Writes what the page shows to @file, off the main thread, and toasts. */
void                  rubric_evaluations_page_export       (RubricEvaluationsPage *self,
                                                            GFile                 *file,
                                                            gboolean               xml);

G_END_DECLS
