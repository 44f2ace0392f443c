/* rubric-category-bars.h — the score per QA category as bars, with their intervals and the team's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RUBRIC_TYPE_CATEGORY_BARS (rubric_category_bars_get_type ())

G_DECLARE_FINAL_TYPE (RubricCategoryBars, rubric_category_bars, RUBRIC, CATEGORY_BARS, GtkWidget)

GtkWidget  *rubric_category_bars_new          (void);
/* @categories: RubricQaCategory (rubric-rating.h) of the agent (or team),
 * in any order (they are shown in SPEC §1's, rubric_category_compare);
 * @team_categories: the team's, matched by key (may be NULL). Copied.
 * Sets the accessible description, a category after the other:
 * "First-call resolution: score 74.2 (n 12, 95 % interval 70.1–78.3),
 * team 75.1; Ownership: no evaluations". */
void        rubric_category_bars_set          (RubricCategoryBars *self,
                                               GPtrArray          *categories,
                                               GPtrArray          *team_categories);

/* For tests: the key of the @i-th row shown, and where the score @value is
 * drawn on it (the middle of its bar) at the present size. */
const char *rubric_category_bars_get_key      (RubricCategoryBars *self,
                                               guint               i);
gboolean    rubric_category_bars_get_position (RubricCategoryBars *self,
                                               guint               i,
                                               double              value,
                                               double             *x,
                                               double             *y);

G_END_DECLS
