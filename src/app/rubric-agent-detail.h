/* rubric-agent-detail.h — one agent's or one team's trends (SPEC §6, §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rubric-db.h"
#include "rubric-trends.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_AGENT_DETAIL (rubric_agent_detail_get_type ())

G_DECLARE_FINAL_TYPE (RubricAgentDetail, rubric_agent_detail, RUBRIC, AGENT_DETAIL, AdwBin)

/* Shows the agent @agent of @vendor over @range in buckets of @by: the
 * figures are computed in a worker thread (a newer call cancels an older
 * one). @name and @team as listed (for the title while loading). */
void        rubric_agent_detail_show_agent      (RubricAgentDetail *self,
                                                 RubricDb          *db,
                                                 gint64             agent_id,
                                                 const char        *vendor,
                                                 const char        *agent,
                                                 const char        *name,
                                                 const char        *team,
                                                 RubricDayRange     range,
                                                 RubricPeriodKind   by);
/* Shows team @team (of @vendor, or of every vendor that has it when NULL):
 * its trend and its agents side by side. */
void        rubric_agent_detail_show_team       (RubricAgentDetail *self,
                                                 RubricDb          *db,
                                                 const char        *vendor,
                                                 const char        *team,
                                                 RubricDayRange     range,
                                                 RubricPeriodKind   by);
/* Nothing chosen: an empty state. */
void        rubric_agent_detail_clear           (RubricAgentDetail *self);
/* Whether the figures are being computed. */
gboolean    rubric_agent_detail_get_loading     (RubricAgentDetail *self);
/* Whether the member may edit agents (team mode: leads and admins); when
 * not, @reason says why (the button's tooltip). */
void        rubric_agent_detail_set_can_edit    (RubricAgentDetail *self,
                                                 gboolean           can_edit,
                                                 const char        *reason);

/* Writes the coaching report of the agent shown to @file, as the file
 * chooser's answer does: in the window's job bar, a toast at the end. */
void        rubric_agent_detail_export_report   (RubricAgentDetail *self,
                                                 GFile             *file);

/* For the tests and the screenshots: the lowest evaluations (a row per
 * evaluation, lowest first), the weakest criteria, the team's agents, and
 * what the page's title reads. */
GtkListBox *rubric_agent_detail_get_lowest_list (RubricAgentDetail *self);
GtkListBox *rubric_agent_detail_get_criteria_list (RubricAgentDetail *self);
GtkListBox *rubric_agent_detail_get_team_list   (RubricAgentDetail *self);
const char *rubric_agent_detail_get_title       (RubricAgentDetail *self);
/* Scrolls to the lists at the end (for the screenshots). */
void        rubric_agent_detail_scroll_to_end   (RubricAgentDetail *self);
/* The widget of the stack shown: "empty", "loading", "error", "figures". */
const char *rubric_agent_detail_get_state       (RubricAgentDetail *self);

/* The list rows' sparkline (rubric-sparkline.c): @n scores, oldest
 * first, NAN for a bucket without evaluations; buckets of @by. */
GtkWidget  *rubric_agent_sparkline_new          (void);
void        rubric_agent_sparkline_set          (GtkWidget         *sparkline,
                                                 const double      *values,
                                                 guint              n,
                                                 RubricPeriodKind   by);

G_END_DECLS
