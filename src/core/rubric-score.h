/* rubric-score.h — the score of one evaluation (SPEC §3.2) and aggregates (§3.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rubric-scorecard.h"

G_BEGIN_DECLS

typedef struct
{
  double     overall;        /* NAN when undefined; 0 when auto-failed */
  gboolean   auto_failed;
  GPtrArray *categories;     /* borrowed char *: the scorecard's categories */
  GArray    *category_scores;/* double, parallel to categories; NAN when undefined */
  GPtrArray *failed_critical;/* borrowed char *: critical criteria with credit 0 */
  guint      answered;       /* criteria with a value or N/A */
  guint      unanswered;
} RubricScore;

/* Scores @answers (criterion key → value) against @scorecard. Values must
 * have been checked (rubric_criterion_credit); an invalid or unknown one is
 * treated as unanswered. */
RubricScore *rubric_score_compute        (RubricScorecard *scorecard,
                                          GHashTable      *answers);
double       rubric_score_get_category   (RubricScore     *self,
                                          const char      *category);
void         rubric_score_free           (RubricScore     *self);

/* The category scores as evaluations.category_scores keeps them for
 * ratings (migration 4): "key=score;…", keys sorted, nothing after '='
 * when undefined, every digit a double needs to read back the same. */
char        *rubric_score_categories_to_text (RubricScore   *self);
/* Reads that text (NULL or "" for none), appending each key (char *, owned
 * by @keys) and its score (double, NAN when undefined) in order. FALSE
 * when an item has no '='. */
gboolean     rubric_category_scores_parse    (const char    *text,
                                              GPtrArray     *keys,
                                              GArray        *scores);

/* Mean of the defined (non-NaN) values with its 95 % Student-t interval
 * clipped to [0, 100]; *low and *high are NAN when n < 2, *mean NAN when
 * n = 0. Returns n. */
guint        rubric_mean_with_ci         (const double    *values,
                                          gsize            n_values,
                                          double          *mean,
                                          double          *low,
                                          double          *high);
/* The two-sided 95 % quantile of Student's t with @df degrees of freedom. */
double       rubric_student_t_975        (guint            df);
/* The 95 % Wilson score interval of @successes out of @n, in percent. */
gboolean     rubric_wilson_interval      (double           successes,
                                          double           n,
                                          double          *low,
                                          double          *high);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricScore, rubric_score_free)

G_END_DECLS
