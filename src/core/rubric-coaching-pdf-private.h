/* rubric-coaching-pdf-private.h — what the coaching report is drawn from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rubric_trends_write_coaching_pdf () gathers an agent's figures into a
 * RubricCoachingData and draws that; the tests feed one of their own too.
 */

#pragma once

#include <gio/gio.h>

#include "rubric-trends.h"

G_BEGIN_DECLS

typedef struct
{
  char             *vendor;
  char             *agent;             /* external id */
  char             *agent_name;        /* NULL when unknown */
  char             *team;              /* NULL: no team, compared with the vendor */
  char             *timezone;          /* the vendor's IANA zone, for the times */
  RubricDayRange    range;             /* the report's days */
  RubricPeriodKind  by;                /* of the buckets */

  GPtrArray        *rows;              /* RubricTrendRow: the agent's buckets, oldest first */
  RubricQaMean      overall;           /* the agent's over the whole range */
  guint64           evaluations;       /* the agent's submitted ones in the range */
  guint64           auto_failed;       /* of those, auto-failed */
  RubricQaMean      team_overall;      /* the team's (or vendor's) over the whole range */
  GPtrArray        *categories;        /* RubricQaCategory: the agent's over the range */
  GPtrArray        *team_categories;   /* RubricQaCategory: the team's over the range */
  GPtrArray        *criteria;          /* RubricTrendCriterion, the weakest first */
  GPtrArray        *comments;          /* GPtrArray of char * per criterion (same index) */
  GPtrArray        *lowest;            /* RubricTrendEvaluation, the lowest first */
} RubricCoachingData;

/* How many weakest criteria, comments on each, and lowest evaluations the
 * report shows. */
#define RUBRIC_COACHING_CRITERIA    10
#define RUBRIC_COACHING_COMMENTS    3
#define RUBRIC_COACHING_EVALUATIONS 10

RubricCoachingData *rubric_coaching_data_new      (void);
void                rubric_coaching_data_free     (RubricCoachingData       *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricCoachingData, rubric_coaching_data_free)

/* A RubricQaCategory array that frees its elements. */
GPtrArray          *rubric_coaching_categories_new (void);

/* Draws @data as the coaching report into @out. */
gboolean            rubric_coaching_write_pdf     (const RubricCoachingData *data,
                                                   GOutputStream            *out,
                                                   GCancellable             *cancellable,
                                                   GError                  **error);

G_END_DECLS
