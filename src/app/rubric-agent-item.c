/* rubric-agent-item.c — one agent of the Agents page's list, as a GObject for its list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page asks the core once for every agent's summary
 * (rubric_agents_summaries) and wraps each in an item of a GListStore;
 * the items share the array, so thousands of agents cost one allocation
 * each. Searching and sorting read the summary directly.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rubric-agent-item.h"
#include "rubric-rating-text.h"

struct _RubricAgentItem
{
  GObject    parent_instance;

  GPtrArray *summaries;
  guint      index;
  char      *haystack;   /* casefolded id, name, team and vendor, made when first searched */
  char      *title_key;  /* the title's collation key, made when first sorted */
};

G_DEFINE_FINAL_TYPE (RubricAgentItem, rubric_agent_item, G_TYPE_OBJECT)

static void
rubric_agent_item_finalize (GObject *object)
{
  RubricAgentItem *self = RUBRIC_AGENT_ITEM (object);

  g_clear_pointer (&self->summaries, g_ptr_array_unref);
  g_free (self->haystack);
  g_free (self->title_key);

  G_OBJECT_CLASS (rubric_agent_item_parent_class)->finalize (object);
}

static void
rubric_agent_item_class_init (RubricAgentItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rubric_agent_item_finalize;
}

static void
rubric_agent_item_init (RubricAgentItem *self)
{
}

RubricAgentItem *
rubric_agent_item_new (GPtrArray *summaries,
                       guint      index)
{
  RubricAgentItem *self;

  g_return_val_if_fail (summaries != NULL, NULL);
  g_return_val_if_fail (index < summaries->len, NULL);

  self = g_object_new (RUBRIC_TYPE_AGENT_ITEM, NULL);
  self->summaries = g_ptr_array_ref (summaries);
  self->index = index;

  return self;
}

const RubricAgentSummary *
rubric_agent_item_get_summary (RubricAgentItem *self)
{
  g_return_val_if_fail (RUBRIC_IS_AGENT_ITEM (self), NULL);

  return g_ptr_array_index (self->summaries, self->index);
}

const char *
rubric_agent_item_get_title (RubricAgentItem *self)
{
  const RubricAgentSummary *summary = rubric_agent_item_get_summary (self);

  return summary->name != NULL && *summary->name != '\0' ? summary->name : summary->agent;
}

char *
rubric_agent_item_dup_subtitle (RubricAgentItem *self)
{
  const RubricAgentSummary *summary = rubric_agent_item_get_summary (self);
  const char *team = summary->team != NULL && *summary->team != '\0'
                     ? summary->team : _("No team");

  return g_strdup_printf ("%s · %s · %s", summary->agent, team, summary->vendor);
}

char *
rubric_agent_item_dup_mean_text (RubricAgentItem *self)
{
  const RubricAgentSummary *summary = rubric_agent_item_get_summary (self);

  if (!summary->current.has_mean)
    return g_strdup ("—");
  return rubric_figure_format (summary->current.mean, 1);
}

gboolean
rubric_agent_item_matches (RubricAgentItem *self,
                           const char      *casefolded)
{
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (RUBRIC_IS_AGENT_ITEM (self), FALSE);

  if (casefolded == NULL || *casefolded == '\0')
    return TRUE;

  if (self->haystack == NULL)
    {
      const RubricAgentSummary *summary = rubric_agent_item_get_summary (self);
      g_autofree char *joined = g_strjoin ("\n", summary->agent,
                                           summary->name != NULL ? summary->name : "",
                                           summary->team != NULL ? summary->team : "",
                                           summary->vendor, NULL);

      self->haystack = g_utf8_casefold (joined, -1);
    }

  words = g_strsplit_set (casefolded, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (self->haystack, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

static const char *
title_key (RubricAgentItem *self)
{
  if (self->title_key == NULL)
    self->title_key = g_utf8_collate_key (rubric_agent_item_get_title (self), -1);
  return self->title_key;
}

static int
compare_titles (RubricAgentItem *a,
                RubricAgentItem *b)
{
  int order = strcmp (title_key (a), title_key (b));

  if (order != 0)
    return order;
  order = strcmp (rubric_agent_item_get_summary (a)->vendor,
                  rubric_agent_item_get_summary (b)->vendor);
  if (order != 0)
    return order;
  return strcmp (rubric_agent_item_get_summary (a)->agent,
                 rubric_agent_item_get_summary (b)->agent);
}

int
rubric_agent_item_compare (RubricAgentItem *a,
                           RubricAgentItem *b,
                           RubricAgentSort  sort)
{
  const RubricAgentSummary *sa = rubric_agent_item_get_summary (a);
  const RubricAgentSummary *sb = rubric_agent_item_get_summary (b);

  switch (sort)
    {
    case RUBRIC_AGENT_SORT_MEAN:
      /* Lowest first, agents without a mean last. */
      if (sa->current.has_mean != sb->current.has_mean)
        return sa->current.has_mean ? -1 : 1;
      if (sa->current.has_mean && sa->current.mean != sb->current.mean)
        return sa->current.mean < sb->current.mean ? -1 : 1;
      break;
    case RUBRIC_AGENT_SORT_EVALUATIONS:
      if (sa->evaluations != sb->evaluations)
        return sa->evaluations > sb->evaluations ? -1 : 1;
      break;
    case RUBRIC_AGENT_SORT_NAME:
    default:
      break;
    }

  return compare_titles (a, b);
}
