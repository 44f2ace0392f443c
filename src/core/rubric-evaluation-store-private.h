/* rubric-evaluation-store-private.h — internals shared by the evaluation store and its exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-evaluation-store.h"

G_BEGIN_DECLS

/* The evaluation stored in row @row of the evaluations table. */
RubricEvaluation *rubric_evaluation_store_load_row (RubricDb          *db,
                                                    gint64             row,
                                                    GError           **error);
/* One evaluation as a whole <evaluations> document. */
char             *rubric_evaluation_to_single_xml  (RubricEvaluation  *evaluation);

G_END_DECLS
