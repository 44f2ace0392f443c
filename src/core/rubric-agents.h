/* rubric-agents.h — who the agents are: names and teams (SPEC §8.7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rubric-db.h"

G_BEGIN_DECLS

/* A row of `rubric-cli agents list`. */
typedef struct
{
  gint64   agent_id;
  char    *vendor;
  char    *agent;        /* external id within the vendor */
  char    *name;         /* NULL when unknown */
  char    *team;         /* NULL without a team */
  guint64  calls;        /* call records the agent answered */
  guint64  evaluations;  /* submitted evaluations of the agent */
} RubricAgent;

void       rubric_agent_free        (RubricAgent   *agent);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricAgent, rubric_agent_free)

/* Reads the agents CSV of SPEC §8.7 (`vendor,agent,name,team`) and, in one
 * transaction, adds unknown agents (and vendors) and sets the name and team
 * of known ones (empty: none). Importing the same file again changes
 * nothing. A bad file is refused with its line (RUBRIC_ERROR_INPUT,
 * "FILE:LINE: message") and the database is left as it was. @added and
 * @changed (may be NULL) count what it did. */
gboolean   rubric_agents_import     (RubricDb      *db,
                                     GFile         *file,
                                     guint         *added,
                                     guint         *changed,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* The agents of @vendor (NULL: all) and of @team (NULL: any; "": none), by
 * vendor name then external id: a GPtrArray of RubricAgent. */
GPtrArray *rubric_agents_list       (RubricDb      *db,
                                     const char    *vendor,
                                     const char    *team,
                                     GError       **error);

/* Sets the name and team of one agent (NULL or "": none): the Agents page.
 * Refused in team mode for a reviewer (RUBRIC_ERROR_NOT_PERMITTED). */
gboolean   rubric_agents_set        (RubricDb      *db,
                                     gint64         agent_id,
                                     const char    *name,
                                     const char    *team,
                                     GError       **error);

G_END_DECLS
