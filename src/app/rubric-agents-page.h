/* rubric-agents-page.h — the agents with their recent scores, and an agent's or a team's trends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rubric-agent-detail.h"
#include "rubric-db.h"
#include "rubric-period.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_AGENTS_PAGE (rubric_agents_page_get_type ())

G_DECLARE_FINAL_TYPE (RubricAgentsPage, rubric_agents_page, RUBRIC, AGENTS_PAGE, AdwBin)

void               rubric_agents_page_set_db          (RubricAgentsPage *self,
                                                       RubricDb         *db);
/* Lists the agents again (in a worker thread), over the same range, and
 * shows the agent or team chosen again. */
void               rubric_agents_page_reload          (RubricAgentsPage *self);
/* Whether the list or the detail is being computed. */
gboolean           rubric_agents_page_get_loading     (RubricAgentsPage *self);
/* Team mode: whether the member may edit an agent's name and team (leads
 * and admins); else the Edit button says why. */
void               rubric_agents_page_set_can_edit    (RubricAgentsPage *self,
                                                       gboolean          can_edit);
/* What the page shows: "loading", "agents", "empty" or "error". */
const char        *rubric_agents_page_get_state       (RubricAgentsPage *self);
/* The search entry takes the keyboard (Ctrl+F). */
void               rubric_agents_page_focus_search    (RubricAgentsPage *self);

/* The range shown: RUBRIC_TRENDS_SPARK_BUCKETS buckets of @by. */
void               rubric_agents_page_get_range       (RubricAgentsPage *self,
                                                       RubricDayRange   *range,
                                                       RubricPeriodKind *by);
/* The search entry, the team and sort drop-downs, the week/month one,
 * the range's label and the count of agents (for the tests). */
GtkWidget         *rubric_agents_page_get_control     (RubricAgentsPage *self,
                                                       const char       *name);
/* The list as shown (filtered and sorted): RubricAgentItem. */
GListModel        *rubric_agents_page_get_model       (RubricAgentsPage *self);
GtkListView       *rubric_agents_page_get_list_view   (RubricAgentsPage *self);
RubricAgentDetail *rubric_agents_page_get_detail      (RubricAgentsPage *self);
/* Selects @agent of @vendor (its detail shows); FALSE when not listed. */
gboolean           rubric_agents_page_select_agent    (RubricAgentsPage *self,
                                                       const char       *vendor,
                                                       const char       *agent);
/* Lists the agents of @team (as the team drop-down would) and shows the
 * team's page; FALSE when no agent has that team. */
gboolean           rubric_agents_page_show_team       (RubricAgentsPage *self,
                                                       const char       *team);
/* The detail: beside the list, or one step on when folded. */
void               rubric_agents_page_show_detail     (RubricAgentsPage *self);
/* Folded on the detail, goes back to the list and returns TRUE. */
gboolean           rubric_agents_page_navigate_back   (RubricAgentsPage *self);

G_END_DECLS
