/* rubric-evaluation-list.h — every evaluation, filtered and sorted, as a paged list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-paged-list.h"

G_BEGIN_DECLS

/* One evaluation as the Evaluations page shows it. */
#define RUBRIC_TYPE_EVALUATION_ROW (rubric_evaluation_row_get_type ())

G_DECLARE_FINAL_TYPE (RubricEvaluationRow, rubric_evaluation_row, RUBRIC, EVALUATION_ROW,
                      RubricPagedRow)

const char *rubric_evaluation_row_get_uuid   (RubricEvaluationRow *self);
const char *rubric_evaluation_row_get_status (RubricEvaluationRow *self);

#define RUBRIC_TYPE_EVALUATION_LIST (rubric_evaluation_list_get_type ())

G_DECLARE_FINAL_TYPE (RubricEvaluationList, rubric_evaluation_list, RUBRIC, EVALUATION_LIST,
                      RubricPagedList)

/* The keys of rubric_paged_list_set_sort (). */
typedef enum
{
  RUBRIC_EVALUATION_SORT_TIME,
  RUBRIC_EVALUATION_SORT_VENDOR,
  RUBRIC_EVALUATION_SORT_AGENT,
  RUBRIC_EVALUATION_SORT_REVIEWER,
  RUBRIC_EVALUATION_SORT_STATUS,
  RUBRIC_EVALUATION_SORT_SCORE,
  RUBRIC_EVALUATION_SORT_AUTO_FAILED,
} RubricEvaluationSort;

typedef struct
{
  const char *status;  /* "draft", "submitted", "calibration", or NULL for all */
  gint64      vendor_id;  /* 0: every vendor */
  const char *search;  /* part of the agent, the reviewer or the call id, or NULL */
} RubricEvaluationListFilter;

/* Newest call first by default. Empty until the first reload. */
RubricEvaluationList *rubric_evaluation_list_new        (RubricDb                         *db);
void                  rubric_evaluation_list_set_filter (RubricEvaluationList             *self,
                                                         const RubricEvaluationListFilter *filter);

/* The status as the UI names it ("Draft", "Submitted", "Calibration"). */
const char           *rubric_status_get_label           (const char                       *status);

G_END_DECLS
