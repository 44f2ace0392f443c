/* rubric-agents.c — who the agents are: names and teams (SPEC §8.7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * STUB: the interface is settled; the import is being written.
 */
#include "config.h"

#include "rubric-agents.h"
#include "rubric-error.h"

void
rubric_agent_free (RubricAgent *agent)
{
  if (agent == NULL)
    return;
  g_free (agent->vendor);
  g_free (agent->agent);
  g_free (agent->name);
  g_free (agent->team);
  g_free (agent);
}

gboolean
rubric_agents_import (RubricDb *db, GFile *file, guint *added, guint *changed,
                      GCancellable *cancellable, GError **error)
{
  g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND, "agents: not implemented yet");
  return FALSE;
}

GPtrArray *
rubric_agents_list (RubricDb *db, const char *vendor, const char *team, GError **error)
{
  g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND, "agents: not implemented yet");
  return NULL;
}

gboolean
rubric_agents_set (RubricDb *db, gint64 agent_id, const char *name, const char *team,
                   GError **error)
{
  g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND, "agents: not implemented yet");
  return FALSE;
}
