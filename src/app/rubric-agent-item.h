/* rubric-agent-item.h — one agent of the Agents page's list, as a GObject for its list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rubric-trends.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_AGENT_ITEM (rubric_agent_item_get_type ())

G_DECLARE_FINAL_TYPE (RubricAgentItem, rubric_agent_item, RUBRIC, AGENT_ITEM, GObject)

/* The item of @summaries[@index] (RubricAgentSummary): it keeps a
 * reference to the array, so one core call's result backs every item. */
RubricAgentItem          *rubric_agent_item_new             (GPtrArray       *summaries,
                                                             guint            index);
const RubricAgentSummary *rubric_agent_item_get_summary     (RubricAgentItem *self);
/* The agent's name, or its external id when it has none. */
const char               *rubric_agent_item_get_title       (RubricAgentItem *self);
/* "ID · Team · Vendor": who the agent is besides the title. */
char                     *rubric_agent_item_dup_subtitle    (RubricAgentItem *self);
/* The current mean as shown ("84.2"), "—" without one. */
char                     *rubric_agent_item_dup_mean_text   (RubricAgentItem *self);
/* Whether the id, name, team or vendor holds @words (casefolded, every
 * word somewhere). */
gboolean                  rubric_agent_item_matches         (RubricAgentItem *self,
                                                             const char      *casefolded);

/* The orders of the list, as in its sort drop-down. */
typedef enum
{
  RUBRIC_AGENT_SORT_NAME,         /* title, then external id */
  RUBRIC_AGENT_SORT_MEAN,         /* current mean, lowest first (who needs coaching) */
  RUBRIC_AGENT_SORT_EVALUATIONS,  /* evaluations, most first */
} RubricAgentSort;

int                       rubric_agent_item_compare         (RubricAgentItem *a,
                                                             RubricAgentItem *b,
                                                             RubricAgentSort  sort);

G_END_DECLS
