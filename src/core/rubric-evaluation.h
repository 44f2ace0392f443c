/* rubric-evaluation.h — one reviewer's scoring of one call, and its XML form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rubric-score.h"
#include "rubric-scorecard.h"

G_BEGIN_DECLS

#define RUBRIC_EVALUATIONS_NS "urn:rubric:evaluations:1"

typedef enum
{
  RUBRIC_STATUS_DRAFT,
  RUBRIC_STATUS_SUBMITTED,
  RUBRIC_STATUS_CALIBRATION,
} RubricStatus;

typedef struct
{
  double  at;         /* seconds into the recording, NAN when not pinned */
  char   *criterion;  /* or NULL */
  char   *text;
} RubricComment;

typedef struct
{
  char         *id;                 /* UUID, lower case */
  char         *scorecard;
  int           scorecard_version;  /* 0: the latest, on import */
  RubricStatus  status;
  char         *reviewer;
  char         *vendor;
  char         *agent;
  char         *call;
  gint64        call_time;          /* Unix seconds, or G_MININT64 */
  gint64        scored_at;          /* Unix seconds, or G_MININT64 */
  GHashTable   *answers;            /* criterion key → value */
  GPtrArray    *answer_order;       /* char *: keys in the order given */
  GPtrArray    *comments;           /* RubricComment */
  long          line;               /* where it starts in its file, or 0 */
  gint64        revision;           /* the stored revision it was loaded at (counted
                                     * up by every save), 0 when never stored; not
                                     * part of the interchange XML */
} RubricEvaluation;

#define RUBRIC_NO_TIME G_MININT64

RubricEvaluation *rubric_evaluation_new             (const char        *id);
void              rubric_evaluation_free            (RubricEvaluation  *self);
RubricEvaluation *rubric_evaluation_copy            (RubricEvaluation  *self);
gboolean          rubric_evaluation_equal           (RubricEvaluation  *a,
                                                     RubricEvaluation  *b);

const char       *rubric_evaluation_get_answer      (RubricEvaluation  *self,
                                                     const char        *criterion);
/* Sets or, with a NULL value, clears an answer. */
void              rubric_evaluation_set_answer      (RubricEvaluation  *self,
                                                     const char        *criterion,
                                                     const char        *value);
void              rubric_evaluation_add_comment     (RubricEvaluation  *self,
                                                     double             at,
                                                     const char        *criterion,
                                                     const char        *text);

/* The criteria of @scorecard with no answer, in scorecard order (borrowed
 * keys). */
GPtrArray        *rubric_evaluation_unanswered      (RubricEvaluation  *self,
                                                     RubricScorecard   *scorecard);
/* Checks every answer and comment against @scorecard, and completeness when
 * submitted; errors name @label and the evaluation's line. */
gboolean          rubric_evaluation_validate        (RubricEvaluation  *self,
                                                     RubricScorecard   *scorecard,
                                                     const char        *label,
                                                     GError           **error);
RubricScore      *rubric_evaluation_score           (RubricEvaluation  *self,
                                                     RubricScorecard   *scorecard);

/* Reads an <evaluations> document (schema-checked); returns RubricEvaluation. */
GPtrArray        *rubric_evaluations_from_xml       (const char        *label,
                                                     const char        *data,
                                                     gsize              length,
                                                     GError           **error);
GPtrArray        *rubric_evaluations_from_file      (const char        *path,
                                                     GError           **error);
char             *rubric_evaluations_to_xml         (GPtrArray         *evaluations);

const char       *rubric_status_to_string           (RubricStatus       status);
gboolean          rubric_status_from_string         (const char        *text,
                                                     RubricStatus      *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricEvaluation, rubric_evaluation_free)

G_END_DECLS
