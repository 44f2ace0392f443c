/* rubric-trends.c — agents, teams and vendors followed over weeks (SPEC §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * STUB: the interface is settled; the computation is being written.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rubric-error.h"
#include "rubric-trends.h"

static gpointer
not_yet (GError **error)
{
  g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND, "trends: not implemented yet");
  return NULL;
}

void
rubric_trend_row_free (RubricTrendRow *row)
{
  if (row == NULL)
    return;
  g_free (row->vendor);
  g_free (row->agent);
  g_free (row->agent_name);
  g_free (row->team);
  g_clear_pointer (&row->categories, g_ptr_array_unref);
  g_free (row);
}

void
rubric_trend_criterion_free (RubricTrendCriterion *criterion)
{
  if (criterion == NULL)
    return;
  g_free (criterion->scorecard);
  g_free (criterion->criterion);
  g_free (criterion->category);
  g_free (criterion->text);
  g_free (criterion);
}

void
rubric_trend_reviewer_free (RubricTrendReviewer *reviewer)
{
  if (reviewer == NULL)
    return;
  g_free (reviewer->reviewer);
  g_free (reviewer);
}

void
rubric_trend_resolution_free (RubricTrendResolution *resolution)
{
  if (resolution == NULL)
    return;
  g_free (resolution->vendor);
  g_free (resolution);
}

void
rubric_trend_evaluation_free (RubricTrendEvaluation *evaluation)
{
  if (evaluation == NULL)
    return;
  g_free (evaluation->uuid);
  g_free (evaluation->vendor);
  g_free (evaluation->agent);
  g_free (evaluation->call);
  g_free (evaluation->reviewer);
  g_free (evaluation);
}

void
rubric_agent_summary_free (RubricAgentSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->vendor);
  g_free (summary->agent);
  g_free (summary->name);
  g_free (summary->team);
  g_free (summary);
}

GPtrArray *
rubric_trends_compute (RubricDb *db, const RubricTrendQuery *query, GError **error)
{
  return not_yet (error);
}

GPtrArray *
rubric_trends_category_keys (GPtrArray *rows)
{
  return g_ptr_array_new_with_free_func (g_free);
}

GPtrArray *
rubric_trends_criteria (RubricDb *db, const RubricTrendQuery *query, GError **error)
{
  return not_yet (error);
}

GPtrArray *
rubric_trends_reviewers (RubricDb *db, const RubricTrendQuery *query, GError **error)
{
  return not_yet (error);
}

GPtrArray *
rubric_trends_resolution (RubricDb *db, const RubricTrendQuery *query, GError **error)
{
  return not_yet (error);
}

GPtrArray *
rubric_trends_lowest (RubricDb *db, const RubricTrendQuery *query, guint limit, GError **error)
{
  return not_yet (error);
}

GPtrArray *
rubric_trends_criterion_comments (RubricDb *db, const RubricTrendQuery *query,
                                  const char *scorecard, const char *criterion,
                                  guint limit, GError **error)
{
  return not_yet (error);
}

GPtrArray *
rubric_agents_summaries (RubricDb *db, const char *vendor, const char *team,
                         RubricPeriodKind by, gint32 day, GError **error)
{
  return not_yet (error);
}

GStrv
rubric_agents_teams (RubricDb *db, const char *vendor, GError **error)
{
  return not_yet (error);
}
