/* rubric-trends.h — agents, teams and vendors followed over weeks (SPEC §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only submitted evaluations count; each is placed by its call's time in
 * its vendor's time zone. Calibration evaluations and drafts never count.
 */

#pragma once

#include <gio/gio.h>

#include "rubric-db.h"
#include "rubric-period.h"
#include "rubric-rating.h"

G_BEGIN_DECLS

/* How many buckets the sparklines of the Agents page show, the current last. */
#define RUBRIC_TRENDS_SPARK_BUCKETS 12

/* The most buckets one trend holds (about 19 years by week, 83 by month):
 * a wider range is refused (RUBRIC_ERROR_USAGE) rather than computed for
 * minutes into gigabytes of rows nobody can read. */
#define RUBRIC_TRENDS_MAX_BUCKETS 1000

/* Whom a trend follows (SPEC §9 `--agent A | --team T | --vendor V`). */
typedef enum
{
  RUBRIC_TREND_AGENT,   /* agent (external id), within vendor when given */
  RUBRIC_TREND_TEAM,    /* team, within vendor when given (else every vendor with that team) */
  RUBRIC_TREND_VENDOR,  /* vendor */
} RubricTrendScopeKind;

typedef struct
{
  RubricTrendScopeKind  kind;
  const char           *vendor;   /* NULL: any vendor (not with RUBRIC_TREND_VENDOR) */
  const char           *agent;    /* with RUBRIC_TREND_AGENT */
  const char           *team;     /* with RUBRIC_TREND_TEAM */

  /* Inclusive local days in each vendor's zone; has_range FALSE: the
   * RUBRIC_TRENDS_SPARK_BUCKETS buckets ending with the one that holds
   * today (rubric_clock_today in the vendor's zone). */
  gboolean              has_range;
  RubricDayRange        range;
  RubricPeriodKind      by;       /* RUBRIC_PERIOD_WEEK (ISO) or RUBRIC_PERIOD_MONTH */
} RubricTrendQuery;

/* One bucket of one agent, team or vendor (a row of `rubric-cli trends`). */
typedef struct
{
  char           *vendor;
  char           *agent;          /* external id; NULL for a team's or vendor's row */
  char           *agent_name;     /* NULL when unknown */
  char           *team;           /* NULL: no team (and for a vendor's row) */
  RubricDayRange  range;          /* period_start, period_end (clipped to the query's range) */

  RubricQaMean    score;          /* n, mean, 95 % CI of the defined overall scores */
  gboolean        has_moving_avg; /* pooled over this bucket and the 3 before it */
  double          moving_avg;
  gboolean        has_team_score; /* the team's (or, without a team, the vendor's) mean */
  double          team_score;
  guint64         team_n;
  RubricQaMean    team_mean;      /* the same with its CI: the team band of the chart */

  GPtrArray      *categories;     /* RubricQaCategory, SPEC §1 order then custom keys sorted;
                                     every category seen in the scope's result, possibly n = 0 */
} RubricTrendRow;

void            rubric_trend_row_free   (RubricTrendRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricTrendRow, rubric_trend_row_free)

/* The score trend of @query: a GPtrArray of RubricTrendRow, per vendor (by
 * name): with RUBRIC_TREND_AGENT the agent's rows; with RUBRIC_TREND_TEAM a
 * row per agent of the team (by external id) and bucket, then a row per
 * bucket with agent NULL for the team; with RUBRIC_TREND_VENDOR a row per
 * agent of the vendor and bucket, then a row per bucket with agent and team
 * NULL. Buckets without an evaluation are there with n = 0.
 * RUBRIC_ERROR_NOT_FOUND names an unknown vendor, agent or team;
 * RUBRIC_ERROR_INPUT an agent id that several vendors share without a
 * vendor. */
GPtrArray      *rubric_trends_compute   (RubricDb                *db,
                                         const RubricTrendQuery  *query,
                                         GError                 **error);

/* Every category key the rows of rubric_trends_compute hold, in column order
 * (the four of SPEC §1, then custom ones sorted): the `score_KEY` columns. */
GPtrArray      *rubric_trends_category_keys (GPtrArray *rows);

/* Weakest criteria (SPEC §6), ranked. failure_rate defined when answers > 0. */
typedef struct
{
  char    *scorecard;
  char    *criterion;
  char    *category;
  char    *text;             /* the criterion's text (for the page and the report), may be NULL */
  guint64  answers;
  guint64  failures;
  gboolean has_failure_rate;
  double   failure_rate;
} RubricTrendCriterion;

void            rubric_trend_criterion_free (RubricTrendCriterion *criterion);
GPtrArray      *rubric_trends_criteria  (RubricDb                *db,
                                         const RubricTrendQuery  *query,
                                         GError                 **error);

/* N/A rate per reviewer (SPEC §6), by reviewer name. */
typedef struct
{
  char    *reviewer;
  guint64  evaluations;
  guint64  answers;          /* answers to criteria that allow N/A */
  guint64  na;
  gboolean has_na_rate;
  double   na_rate;
  RubricQaMean mean_score;
} RubricTrendReviewer;

void            rubric_trend_reviewer_free (RubricTrendReviewer *reviewer);
GPtrArray      *rubric_trends_reviewers (RubricDb                *db,
                                         const RubricTrendQuery  *query,
                                         GError                 **error);

/* QA-judged resolution against repeat contact (SPEC §6), a row per vendor in
 * scope (also when n = 0). kappa undefined when n = 0 or p_e = 1. */
typedef struct
{
  char    *vendor;
  guint64  n;
  guint64  both_resolved;
  guint64  both_unresolved;
  guint64  qa_only;
  guint64  fcr_only;
  gboolean has_agreement;
  double   agreement;
  gboolean has_kappa;
  double   kappa;
} RubricTrendResolution;

void            rubric_trend_resolution_free (RubricTrendResolution *resolution);
GPtrArray      *rubric_trends_resolution (RubricDb               *db,
                                          const RubricTrendQuery *query,
                                          GError                **error);

/* The submitted evaluations of @query's scope and range that pulled the
 * score down: lowest defined overall score first (auto-failed ones at 0),
 * then by call time; at most @limit. */
typedef struct
{
  gint64   evaluation_id;
  char    *uuid;
  char    *vendor;
  char    *agent;
  char    *call;
  gint64   call_time;
  char    *reviewer;
  double   score;
  gboolean auto_failed;
} RubricTrendEvaluation;

void            rubric_trend_evaluation_free (RubricTrendEvaluation *evaluation);
GPtrArray      *rubric_trends_lowest     (RubricDb               *db,
                                          const RubricTrendQuery *query,
                                          guint                   limit,
                                          GError                **error);

/* The comments reviewers wrote on @criterion (scorecard key, criterion key)
 * in the evaluations of @query's scope and range, newest first, at most
 * @limit: a GPtrArray of char * (for the coaching report). */
GPtrArray      *rubric_trends_criterion_comments (RubricDb               *db,
                                                  const RubricTrendQuery *query,
                                                  const char             *scorecard,
                                                  const char             *criterion,
                                                  guint                   limit,
                                                  GError                **error);

/* One agent of the Agents page list: who, and their last
 * RUBRIC_TRENDS_SPARK_BUCKETS bucket means (NAN where n = 0), oldest first,
 * ending with the bucket that holds @today_range's last day. */
typedef struct
{
  gint64        agent_id;
  char         *vendor;
  char         *agent;
  char         *name;            /* NULL when unknown */
  char         *team;            /* NULL without a team */
  guint64       evaluations;     /* submitted, in the sparkline's buckets */
  double        spark[RUBRIC_TRENDS_SPARK_BUCKETS];
  RubricQaMean  current;         /* the mean over the sparkline's buckets */
} RubricAgentSummary;

void            rubric_agent_summary_free (RubricAgentSummary *summary);
/* The agents of @vendor (NULL: every vendor) and, when @team is not NULL, of
 * that team ("" for agents without a team), by vendor then external id, with
 * their sparklines over the buckets of @by ending at the one holding @day
 * (a local day, taken in each vendor's zone). */
GPtrArray      *rubric_agents_summaries  (RubricDb          *db,
                                          const char        *vendor,
                                          const char        *team,
                                          RubricPeriodKind   by,
                                          gint32             day,
                                          GError           **error);

/* The teams of @vendor (NULL: every vendor), sorted, without duplicates. */
GStrv           rubric_agents_teams      (RubricDb          *db,
                                          const char        *vendor,
                                          GError           **error);

/* The coaching report of one agent over @query's range (SPEC §10, issue
 * 12): A4 pages like the contract-review report (cairo + pango) with the
 * trend, the category chart against the team, the weakest criteria with the
 * reviewers' comments on them and the lowest evaluations. @query must be
 * RUBRIC_TREND_AGENT. Texts in the current gettext language. */
gboolean        rubric_trends_write_coaching_pdf (RubricDb               *db,
                                                  const RubricTrendQuery *query,
                                                  GOutputStream          *out,
                                                  GCancellable           *cancellable,
                                                  GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricTrendCriterion, rubric_trend_criterion_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricTrendReviewer, rubric_trend_reviewer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricTrendResolution, rubric_trend_resolution_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricTrendEvaluation, rubric_trend_evaluation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricAgentSummary, rubric_agent_summary_free)

G_END_DECLS
