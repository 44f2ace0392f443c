/* rubric-agents-page.c — the agents with their recent scores, and an agent's or a team's trends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is a GtkListView over a GListStore of RubricAgentItem, wrapped
 * in a filter (the search) and a sort model (the sort drop-down): every
 * agent of the vendor and team chosen comes from one core call
 * (rubric_agents_summaries) in a worker thread, and the list view only
 * makes rows for what is on screen, so thousands of agents stay smooth.
 * Beside it (one step on when folded, like the Vendors page) the chosen
 * agent's or team's page (rubric-agent-detail.c). The range is
 * RUBRIC_TRENDS_SPARK_BUCKETS weeks or months ending with the one that
 * holds today; Alt+← and Alt+→ step it a bucket back or on.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-agent-item.h"
#include "rubric-agents-page.h"
#include "rubric-clock.h"
#include "rubric-db-task.h"
#include "rubric-rating-text.h"
#include "rubric-vendor-choice.h"

struct _RubricAgentsPage
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkLabel             *range_label;
  GtkDropDown          *by_dropdown;
  GtkSpinner           *spinner;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  AdwLeaflet           *leaflet;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *vendor_dropdown;
  GtkDropDown          *team_dropdown;
  GtkLabel             *count_label;
  GtkDropDown          *sort_dropdown;
  GtkWidget            *team_button;
  AdwButtonContent     *team_button_content;
  GtkStack             *list_stack;
  GtkListView          *list_view;
  GtkWidget            *detail_box;
  GtkWidget            *back_button;
  RubricAgentDetail    *detail;

  /* Owned references */
  GCancellable         *loading;
  GListStore           *agents;      /* RubricAgentItem */
  GtkFilterListModel   *filtered;
  GtkSortListModel     *sorted;
  GtkSingleSelection   *selection;
  GtkCustomFilter      *filter;
  GtkCustomSorter      *sorter;
  char                 *search;      /* casefolded */
  GStrv                 teams;       /* the team drop-down's teams, after "All" and "None" */
  char                 *chosen_vendor;  /* the agent whose page shows, or NULL */
  char                 *chosen_agent;

  /* Borrowed references */
  RubricDb             *db;
  AdwLeaflet           *outer;

  RubricPeriodKind      by;
  gint32                end_day;     /* the range ends with the bucket that holds it */
  gboolean              filling;
  gboolean              disposed;
  gboolean              team_page;   /* the detail shows the team chosen */
  guint                 focus_tick;  /* gives the row of focus_position the keyboard back */
  guint                 focus_position;
  guint                 focus_tries;
};

G_DEFINE_FINAL_TYPE (RubricAgentsPage, rubric_agents_page, ADW_TYPE_BIN)

enum {
  OPEN_EVALUATION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_load  (RubricAgentsPage *self);
static void show_chosen (RubricAgentsPage *self);

/* ---------------------------------------------------------------- range */

static RubricDayRange
range_of (RubricPeriodKind by,
          gint32           end_day)
{
  RubricDayRange last = rubric_period_containing (end_day, by);
  RubricDayRange first = last;

  for (guint i = 1; i < RUBRIC_TRENDS_SPARK_BUCKETS && first.first > RUBRIC_DAY_FIRST; i++)
    first = rubric_period_containing (first.first - 1, by);

  return (RubricDayRange) { first.first, last.last };
}

void
rubric_agents_page_get_range (RubricAgentsPage *self,
                              RubricDayRange   *range,
                              RubricPeriodKind *by)
{
  g_return_if_fail (RUBRIC_IS_AGENTS_PAGE (self));

  if (range != NULL)
    *range = range_of (self->by, self->end_day);
  if (by != NULL)
    *by = self->by;
}

static gboolean
can_step (RubricAgentsPage *self,
          int               step)
{
  RubricDayRange bucket = rubric_period_containing (self->end_day, self->by);

  if (step < 0)
    return range_of (self->by, self->end_day).first > RUBRIC_DAY_FIRST;
  /* Never past the bucket that holds today. */
  return bucket.last < rubric_clock_today (NULL) && bucket.last < RUBRIC_DAY_LAST;
}

static void
update_range (RubricAgentsPage *self)
{
  RubricDayRange range = range_of (self->by, self->end_day);
  GArray *buckets = rubric_period_split (range, self->by);
  g_autofree char *first = rubric_period_title (g_array_index (buckets, RubricDayRange, 0),
                                                self->by);
  g_autofree char *last = rubric_period_title (g_array_index (buckets, RubricDayRange,
                                                             buckets->len - 1), self->by);
  g_autofree char *title = g_strdup_printf ("%s – %s", first, last);

  g_array_unref (buckets);
  gtk_label_set_label (self->range_label, title);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agents.previous-range",
                                 self->db != NULL && can_step (self, -1));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agents.next-range",
                                 self->db != NULL && can_step (self, 1));

  self->filling = TRUE;
  gtk_drop_down_set_selected (self->by_dropdown, self->by == RUBRIC_PERIOD_MONTH ? 1 : 0);
  self->filling = FALSE;
}

static gboolean
step_range (RubricAgentsPage *self,
            int               step)
{
  RubricDayRange bucket = rubric_period_containing (self->end_day, self->by);

  if (self->db == NULL || !can_step (self, step))
    return FALSE;

  self->end_day = step < 0 ? bucket.first - 1 : bucket.last + 1;
  update_range (self);
  start_load (self);
  return TRUE;
}

static void
previous_range_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  step_range (RUBRIC_AGENTS_PAGE (widget), -1);
}

static void
next_range_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  step_range (RUBRIC_AGENTS_PAGE (widget), 1);
}

/* Alt+← and Alt+→ anywhere in the page, in the capture phase: before the
 * list, the detail's rows and the leaflet (whose own Alt+← goes back a
 * step, which the back buttons do here). */
static gboolean
range_shortcut_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  RubricAgentsPage *self = RUBRIC_AGENTS_PAGE (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "agents") != 0)
    return FALSE;

  return step_range (self, GPOINTER_TO_INT (user_data));
}

static void
add_range_shortcuts (RubricAgentsPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  const struct { guint keyval; int step; } keys[] = { { GDK_KEY_Left, -1 }, { GDK_KEY_Right, 1 } };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
      gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, GDK_ALT_MASK),
                        gtk_callback_action_new (range_shortcut_cb,
                                                 GINT_TO_POINTER (keys[i].step), NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
by_changed_cb (RubricAgentsPage *self)
{
  RubricPeriodKind by = gtk_drop_down_get_selected (self->by_dropdown) == 1
                        ? RUBRIC_PERIOD_MONTH : RUBRIC_PERIOD_WEEK;

  if (self->filling || by == self->by)
    return;

  /* The same last day: the bucket of the other kind that holds it. */
  self->by = by;
  update_range (self);
  start_load (self);
}

/* ----------------------------------------------------------------- list */

static const char *
chosen_team (RubricAgentsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->team_dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || self->teams == NULL)
    return NULL;
  if (selected == 1)
    return "";
  if (selected - 2 < g_strv_length (self->teams))
    return self->teams[selected - 2];
  return NULL;
}

static void
fill_teams (RubricAgentsPage *self,
            GStrv             teams)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *before = g_strdup (chosen_team (self));
  guint selected = 0;

  gtk_string_list_append (names, _("All Teams"));
  gtk_string_list_append (names, _("No Team"));
  if (before != NULL && *before == '\0')
    selected = 1;
  for (guint i = 0; teams[i] != NULL; i++)
    {
      gtk_string_list_append (names, teams[i]);
      if (g_strcmp0 (before, teams[i]) == 0)
        selected = i + 2;
    }

  g_strfreev (self->teams);
  self->teams = teams;
  self->filling = TRUE;
  gtk_drop_down_set_model (self->team_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->team_dropdown, selected);
  self->filling = FALSE;
}

static void
update_team_button (RubricAgentsPage *self)
{
  const char *team = chosen_team (self);
  g_autofree char *label = NULL;

  gtk_widget_set_visible (self->team_button, team != NULL && *team != '\0');
  if (team == NULL || *team == '\0')
    return;

  /* Translators: the button over the list of a team's agents that shows
   * the team's own page, "Team Billing Overview" */
  label = g_strdup_printf (_("Team %s Overview"), team);
  adw_button_content_set_label (self->team_button_content, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->team_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
update_count (RubricAgentsPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->agents));
  g_autofree char *text = NULL;

  if (shown == all)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u agent", "%u agents", all), all);
  else
    /* Translators: the agents the search leaves of all listed, "3 of 120 agents" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u agent", "%u of %u agents",
                                         all), shown, all);
  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 || all == 0 ? "list" : "no-match");
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  RubricAgentsPage *self = user_data;

  return rubric_agent_item_matches (item, self->search);
}

static int
sort_cb (gconstpointer a,
         gconstpointer b,
         gpointer      user_data)
{
  RubricAgentsPage *self = user_data;
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  return rubric_agent_item_compare ((RubricAgentItem *) a, (RubricAgentItem *) b,
                                    selected == 1 ? RUBRIC_AGENT_SORT_MEAN
                                    : selected == 2 ? RUBRIC_AGENT_SORT_EVALUATIONS
                                    : RUBRIC_AGENT_SORT_NAME);
}

static void
search_changed_cb (RubricAgentsPage *self)
{
  g_free (self->search);
  self->search = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
sort_changed_cb (RubricAgentsPage *self)
{
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

static void
vendor_changed_cb (RubricAgentsPage *self)
{
  if (self->filling)
    return;
  start_load (self);
}

static void
team_changed_cb (RubricAgentsPage *self)
{
  const char *team;

  if (self->filling)
    return;

  /* A team chosen: its page first. */
  team = chosen_team (self);
  self->team_page = team != NULL && *team != '\0';
  if (self->team_page)
    g_clear_pointer (&self->chosen_agent, g_free);
  update_team_button (self);
  start_load (self);
}

/* The list's row: title, id · team · vendor, sparkline, current mean. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *spark = rubric_agent_sparkline_new ();
  GtkWidget *mean = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (subtitle), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_widget_add_css_class (mean, "numeric");
  gtk_widget_add_css_class (mean, "heading");
  gtk_label_set_width_chars (GTK_LABEL (mean), 4);
  gtk_label_set_xalign (GTK_LABEL (mean), 1);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), spark);
  gtk_box_append (GTK_BOX (box), mean);

  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (box), "spark", spark);
  g_object_set_data (G_OBJECT (box), "mean", mean);
  g_object_set_data (G_OBJECT (box), "list-item", list_item);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  RubricAgentsPage *self = user_data;
  RubricAgentItem *item = gtk_list_item_get_item (list_item);
  const RubricAgentSummary *summary = rubric_agent_item_get_summary (item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  g_autofree char *subtitle = rubric_agent_item_dup_subtitle (item);
  g_autofree char *mean = rubric_agent_item_dup_mean_text (item);
  g_autofree char *accessible = NULL;

  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "title"),
                       rubric_agent_item_get_title (item));
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "subtitle"), subtitle);
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "mean"), mean);
  rubric_agent_sparkline_set (g_object_get_data (G_OBJECT (box), "spark"), summary->spark,
                              RUBRIC_TRENDS_SPARK_BUCKETS, self->by);

  /* Translators: the accessible name of an agent in the list: title, id ·
   * team · vendor, mean and evaluations, "Anna Moreau, PJSIP/401 · Billing
   * · Northwind Support, mean 91.0, 4 evaluations" */
  accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s, %s, mean %s, %u evaluation",
                                             "%s, %s, mean %s, %u evaluations",
                                             (gulong) summary->evaluations),
                                rubric_agent_item_get_title (item), subtitle, mean,
                                (guint) summary->evaluations);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  /* The row, which takes the focus, reads the same (GtkListItem has no
   * accessible properties before GTK 4.12). */
  if (gtk_widget_get_parent (box) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static guint
find_position (RubricAgentsPage *self,
               const char       *vendor,
               const char       *agent)
{
  GListModel *model = G_LIST_MODEL (self->sorted);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; vendor != NULL && agent != NULL && i < n; i++)
    {
      g_autoptr(RubricAgentItem) item = g_list_model_get_item (model, i);
      const RubricAgentSummary *summary = rubric_agent_item_get_summary (item);

      if (g_str_equal (summary->vendor, vendor) && g_str_equal (summary->agent, agent))
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
selection_changed_cb (RubricAgentsPage *self)
{
  RubricAgentItem *item = gtk_single_selection_get_selected_item (self->selection);
  const RubricAgentSummary *summary;

  if (self->filling || item == NULL)
    return;

  summary = rubric_agent_item_get_summary (item);
  if (g_strcmp0 (summary->vendor, self->chosen_vendor) == 0 &&
      g_strcmp0 (summary->agent, self->chosen_agent) == 0 && !self->team_page)
    return;

  g_free (self->chosen_vendor);
  self->chosen_vendor = g_strdup (summary->vendor);
  g_free (self->chosen_agent);
  self->chosen_agent = g_strdup (summary->agent);
  self->team_page = FALSE;
  show_chosen (self);
}

static void
agent_activated_cb (RubricAgentsPage *self,
                    guint             position)
{
  gtk_single_selection_set_selected (self->selection, position);
  /* Folded, the agent's page is one step on. Unfolded the keyboard stays
   * in the list: a leaflet moves it into the child it is told to show. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->detail_box);
}

static void
team_clicked_cb (RubricAgentsPage *self)
{
  self->team_page = TRUE;
  self->filling = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->filling = FALSE;
  show_chosen (self);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->detail_box);
}

/* The detail of the agent or team chosen, over the range shown. */
static void
show_chosen (RubricAgentsPage *self)
{
  RubricDayRange range = range_of (self->by, self->end_day);
  const char *team = chosen_team (self);
  guint position;

  if (self->db == NULL)
    return;

  if (self->team_page && team != NULL && *team != '\0')
    {
      rubric_agent_detail_show_team (self->detail, self->db,
                                     rubric_vendor_choice_get_name (self->vendor_dropdown), team,
                                     range, self->by);
      return;
    }

  position = find_position (self, self->chosen_vendor, self->chosen_agent);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      rubric_agent_detail_clear (self->detail);
      return;
    }

  {
    g_autoptr(RubricAgentItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted),
                                                             position);
    const RubricAgentSummary *summary = rubric_agent_item_get_summary (item);

    rubric_agent_detail_show_agent (self->detail, self->db, summary->agent_id, summary->vendor,
                                    summary->agent, summary->name, summary->team, range, self->by);
  }
}

/* The row of the list view that shows @position, once bound. */
static GtkWidget *
row_at (RubricAgentsPage *self,
        guint             position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *box = gtk_widget_get_first_child (child);
      GtkListItem *list_item = box != NULL ? g_object_get_data (G_OBJECT (box), "list-item") : NULL;

      if (list_item != NULL && gtk_list_item_get_item (list_item) != NULL &&
          gtk_list_item_get_position (list_item) == position)
        return child;
    }

  return NULL;
}

static gboolean
refocus_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  RubricAgentsPage *self = user_data;
  GtkWidget *row = row_at (self, self->focus_position);

  if (row == NULL && ++self->focus_tries < 10)
    return G_SOURCE_CONTINUE;

  if (row != NULL)
    gtk_widget_grab_focus (row);
  self->focus_tick = 0;
  self->focus_tries = 0;
  return G_SOURCE_REMOVE;
}

static void
show_agents (RubricAgentsPage *self,
             GPtrArray        *summaries)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean list_focused = focus != NULL &&
                          gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view));
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const char *team = chosen_team (self);
  guint position;

  for (guint i = 0; i < summaries->len; i++)
    g_ptr_array_add (items, rubric_agent_item_new (summaries, i));

  self->filling = TRUE;
  g_list_store_splice (self->agents, 0, g_list_model_get_n_items (G_LIST_MODEL (self->agents)),
                       items->pdata, items->len);
  self->filling = FALSE;
  update_count (self);

  /* No agent at all (of every vendor and team): the empty state. */
  gtk_stack_set_visible_child_name (self->stack,
                                    summaries->len == 0 && team == NULL &&
                                    rubric_vendor_choice_get_id (self->vendor_dropdown) == 0
                                    ? "empty" : "agents");

  /* The agent shown before, else the team's page, else the first agent. */
  position = find_position (self, self->chosen_vendor, self->chosen_agent);
  if (position == GTK_INVALID_LIST_POSITION && !self->team_page &&
      g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) > 0)
    {
      g_autoptr(RubricAgentItem) first = g_list_model_get_item (G_LIST_MODEL (self->sorted), 0);

      position = 0;
      g_free (self->chosen_vendor);
      self->chosen_vendor = g_strdup (rubric_agent_item_get_summary (first)->vendor);
      g_free (self->chosen_agent);
      self->chosen_agent = g_strdup (rubric_agent_item_get_summary (first)->agent);
    }

  self->filling = TRUE;
  gtk_single_selection_set_selected (self->selection,
                                     self->team_page ? GTK_INVALID_LIST_POSITION : position);
  self->filling = FALSE;
  show_chosen (self);

  /* The keyboard stays on the list (Alt+→ in the list), on the row of
   * the agent shown once the list view made it. */
  if (list_focused && position != GTK_INVALID_LIST_POSITION && !self->team_page)
    {
      self->focus_position = position;
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                  position);
      if (self->focus_tick == 0)
        self->focus_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), refocus_cb,
                                                         self, NULL);
    }
}

/* -------------------------------------------------------------- loading */

typedef struct
{
  char             *vendor;
  char             *team;
  RubricPeriodKind  by;
  gint32            day;
  GPtrArray        *summaries;
  GStrv             teams;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *self = data;

  g_free (self->vendor);
  g_free (self->team);
  g_clear_pointer (&self->summaries, g_ptr_array_unref);
  g_strfreev (self->teams);
  g_free (self);
}

static gboolean
load_work (GTask         *task,
           RubricDb      *db,
           gpointer       task_data,
           GCancellable  *cancellable,
           GError       **error)
{
  LoadData *data = task_data;

  data->teams = rubric_agents_teams (db, data->vendor, error);
  if (data->teams == NULL)
    return FALSE;
  /* A team no longer there (renamed): every team's agents. */
  if (data->team != NULL && *data->team != '\0' &&
      !g_strv_contains ((const char * const *) data->teams, data->team))
    g_clear_pointer (&data->team, g_free);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  data->summaries = rubric_agents_summaries (db, data->vendor, data->team, data->by, data->day,
                                             error);
  return data->summaries != NULL;
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RubricAgentsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadData *data;

  if (g_task_get_cancellable (G_TASK (result)) != self->loading || self->disposed)
    return;
  g_clear_object (&self->loading);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);

  if (!rubric_db_task_propagate (result, start_load, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  data = rubric_db_task_get_data (result);
  fill_teams (self, g_steal_pointer (&data->teams));
  if (data->team == NULL && self->team_page)
    self->team_page = FALSE;
  update_team_button (self);
  show_agents (self, data->summaries);
}

static void
start_load (RubricAgentsPage *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  if (self->db == NULL || self->disposed)
    return;

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->agents)) == 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "agents") != 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  data = g_new0 (LoadData, 1);
  data->vendor = g_strdup (rubric_vendor_choice_get_name (self->vendor_dropdown));
  data->team = g_strdup (chosen_team (self));
  data->by = self->by;
  data->day = self->end_day;

  task = rubric_db_task_new (self->db, RUBRIC_DB_TASK_OPEN_EXISTING, start_load, self->loading,
                             load_done_cb, g_object_ref (self));
  rubric_db_task_run (task, load_work, data, load_data_free);
}

void
rubric_agents_page_set_db (RubricAgentsPage *self,
                           RubricDb         *db)
{
  g_return_if_fail (RUBRIC_IS_AGENTS_PAGE (self));
  g_return_if_fail (db != NULL);

  self->db = db;
  self->filling = TRUE;
  rubric_vendor_choice_fill (self->vendor_dropdown, db);
  self->filling = FALSE;
  update_range (self);
  start_load (self);
}

void
rubric_agents_page_reload (RubricAgentsPage *self)
{
  g_return_if_fail (RUBRIC_IS_AGENTS_PAGE (self));

  if (self->db == NULL)
    return;
  /* New vendors may have come with an import. */
  self->filling = TRUE;
  rubric_vendor_choice_fill (self->vendor_dropdown, self->db);
  self->filling = FALSE;
  update_range (self);
  start_load (self);
}

gboolean
rubric_agents_page_get_loading (RubricAgentsPage *self)
{
  g_return_val_if_fail (RUBRIC_IS_AGENTS_PAGE (self), FALSE);

  return self->loading != NULL || rubric_agent_detail_get_loading (self->detail);
}

void
rubric_agents_page_set_can_edit (RubricAgentsPage *self,
                                 gboolean          can_edit)
{
  g_return_if_fail (RUBRIC_IS_AGENTS_PAGE (self));

  rubric_agent_detail_set_can_edit (self->detail, can_edit,
                                    _("Only a lead or an admin of the team database may change an agent’s name and team"));
}

void
rubric_agents_page_focus_search (RubricAgentsPage *self)
{
  g_return_if_fail (RUBRIC_IS_AGENTS_PAGE (self));

  /* Folded on the detail, the list comes back first. */
  adw_leaflet_set_visible_child (self->leaflet, gtk_widget_get_parent (GTK_WIDGET (self->list_stack)));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

const char *
rubric_agents_page_get_state (RubricAgentsPage *self)
{
  g_return_val_if_fail (RUBRIC_IS_AGENTS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
rubric_agents_page_get_control (RubricAgentsPage *self,
                                const char       *name)
{
  g_return_val_if_fail (RUBRIC_IS_AGENTS_PAGE (self), NULL);

  if (g_str_equal (name, "search"))
    return GTK_WIDGET (self->search_entry);
  if (g_str_equal (name, "vendor"))
    return GTK_WIDGET (self->vendor_dropdown);
  if (g_str_equal (name, "team"))
    return GTK_WIDGET (self->team_dropdown);
  if (g_str_equal (name, "sort"))
    return GTK_WIDGET (self->sort_dropdown);
  if (g_str_equal (name, "by"))
    return GTK_WIDGET (self->by_dropdown);
  if (g_str_equal (name, "range"))
    return GTK_WIDGET (self->range_label);
  if (g_str_equal (name, "count"))
    return GTK_WIDGET (self->count_label);
  if (g_str_equal (name, "team-button"))
    return self->team_button;
  g_return_val_if_reached (NULL);
}

GListModel *
rubric_agents_page_get_model (RubricAgentsPage *self)
{
  g_return_val_if_fail (RUBRIC_IS_AGENTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

GtkListView *
rubric_agents_page_get_list_view (RubricAgentsPage *self)
{
  g_return_val_if_fail (RUBRIC_IS_AGENTS_PAGE (self), NULL);

  return self->list_view;
}

RubricAgentDetail *
rubric_agents_page_get_detail (RubricAgentsPage *self)
{
  g_return_val_if_fail (RUBRIC_IS_AGENTS_PAGE (self), NULL);

  return self->detail;
}

gboolean
rubric_agents_page_select_agent (RubricAgentsPage *self,
                                 const char       *vendor,
                                 const char       *agent)
{
  guint position;

  g_return_val_if_fail (RUBRIC_IS_AGENTS_PAGE (self), FALSE);

  position = find_position (self, vendor, agent);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

gboolean
rubric_agents_page_show_team (RubricAgentsPage *self,
                              const char       *team)
{
  g_return_val_if_fail (RUBRIC_IS_AGENTS_PAGE (self), FALSE);
  g_return_val_if_fail (team != NULL, FALSE);

  for (guint i = 0; self->teams != NULL && self->teams[i] != NULL; i++)
    if (g_str_equal (self->teams[i], team))
      {
        gtk_drop_down_set_selected (self->team_dropdown, i + 2);
        return TRUE;
      }

  return FALSE;
}

/* ------------------------------------------------------------ navigation */

static void
open_evaluation_cb (RubricAgentsPage *self,
                    const char       *uuid,
                    gint64            call_row)
{
  g_signal_emit (self, signals[OPEN_EVALUATION], 0, uuid, call_row);
}

/* An agent of a team's page: its own page, the list still the team's. */
static void
open_agent_cb (RubricAgentsPage *self,
               const char       *vendor,
               const char       *agent)
{
  if (!rubric_agents_page_select_agent (self, vendor, agent))
    {
      g_free (self->chosen_vendor);
      self->chosen_vendor = g_strdup (vendor);
      g_free (self->chosen_agent);
      self->chosen_agent = g_strdup (agent);
      self->team_page = FALSE;
      show_chosen (self);
    }
}

/* "Team NAME Overview" on an agent's page: that vendor's team page. */
static void
show_team_cb (RubricAgentsPage *self,
              const char       *vendor,
              const char       *team)
{
  if (!rubric_agents_page_show_team (self, team))
    return;
  team_clicked_cb (self);
}

static void
back_clicked_cb (RubricAgentsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
update_back_button (RubricAgentsPage *self)
{
  gboolean outer_folded = self->outer != NULL && adw_leaflet_get_folded (self->outer);

  if (self->back_button == NULL)
    return;
  gtk_widget_set_visible (self->back_button,
                          adw_leaflet_get_folded (self->leaflet) && !outer_folded);
}

void
rubric_agents_page_show_detail (RubricAgentsPage *self)
{
  g_return_if_fail (RUBRIC_IS_AGENTS_PAGE (self));

  adw_leaflet_set_visible_child (self->leaflet, self->detail_box);
}

gboolean
rubric_agents_page_navigate_back (RubricAgentsPage *self)
{
  g_return_val_if_fail (RUBRIC_IS_AGENTS_PAGE (self), FALSE);

  if (!adw_leaflet_get_folded (self->leaflet) ||
      adw_leaflet_get_visible_child (self->leaflet) != self->detail_box ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "agents") != 0)
    return FALSE;

  return adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
rubric_agents_page_root (GtkWidget *widget)
{
  RubricAgentsPage *self = RUBRIC_AGENTS_PAGE (widget);
  GtkWidget *outer;

  GTK_WIDGET_CLASS (rubric_agents_page_parent_class)->root (widget);

  outer = gtk_widget_get_ancestor (gtk_widget_get_parent (widget), ADW_TYPE_LEAFLET);
  if (outer != NULL)
    {
      self->outer = ADW_LEAFLET (outer);
      g_signal_connect_object (outer, "notify::folded", G_CALLBACK (update_back_button), self,
                               G_CONNECT_SWAPPED);
    }
  update_back_button (self);
}

static void
rubric_agents_page_unroot (GtkWidget *widget)
{
  RubricAgentsPage *self = RUBRIC_AGENTS_PAGE (widget);

  if (self->outer != NULL)
    g_signal_handlers_disconnect_by_func (self->outer, update_back_button, self);
  self->outer = NULL;

  GTK_WIDGET_CLASS (rubric_agents_page_parent_class)->unroot (widget);
}

/* ----------------------------------------------------------------- page */

static void
rubric_agents_page_dispose (GObject *object)
{
  RubricAgentsPage *self = RUBRIC_AGENTS_PAGE (object);

  self->disposed = TRUE;
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  if (self->focus_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->focus_tick);
  self->focus_tick = 0;
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUBRIC_TYPE_AGENTS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->agents);

  G_OBJECT_CLASS (rubric_agents_page_parent_class)->dispose (object);
}

static void
rubric_agents_page_finalize (GObject *object)
{
  RubricAgentsPage *self = RUBRIC_AGENTS_PAGE (object);

  g_clear_object (&self->loading);
  g_free (self->search);
  g_strfreev (self->teams);
  g_free (self->chosen_vendor);
  g_free (self->chosen_agent);

  G_OBJECT_CLASS (rubric_agents_page_parent_class)->finalize (object);
}

static void
rubric_agents_page_class_init (RubricAgentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rubric_agents_page_dispose;
  object_class->finalize = rubric_agents_page_finalize;
  widget_class->root = rubric_agents_page_root;
  widget_class->unroot = rubric_agents_page_unroot;

  /* A lowest evaluation was activated: its uuid and 0, as the list pages'. */
  signals[OPEN_EVALUATION] =
    g_signal_new ("open-evaluation", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);

  g_type_ensure (RUBRIC_TYPE_AGENT_DETAIL);

  gtk_widget_class_install_action (widget_class, "agents.previous-range", NULL,
                                   previous_range_action);
  gtk_widget_class_install_action (widget_class, "agents.next-range", NULL, next_range_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rubricqa/Rubric/rubric-agents-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RubricAgentsPage, range_label);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentsPage, by_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentsPage, vendor_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentsPage, team_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentsPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentsPage, team_button);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentsPage, team_button_content);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentsPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, RubricAgentsPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, by_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, vendor_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, team_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, team_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_team_cb);
  gtk_widget_class_bind_template_callback (widget_class, agent_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_back_button);
  gtk_widget_class_bind_template_callback (widget_class, open_evaluation_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_agent_cb);
}

static void
rubric_agents_page_init (RubricAgentsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_auto(GStrv) no_teams = g_new0 (char *, 1);

  gtk_widget_init_template (GTK_WIDGET (self));
  add_range_shortcuts (self);

  self->agents = g_list_store_new (RUBRIC_TYPE_AGENT_ITEM);
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->agents)),
                                              GTK_FILTER (self->filter));
  self->sorter = gtk_custom_sorter_new (sort_cb, self, NULL);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)),
                                          GTK_SORTER (self->sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb),
                            self);
  g_signal_connect_swapped (self->sorted, "items-changed", G_CALLBACK (update_count), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  fill_teams (self, g_steal_pointer (&no_teams));
  self->by = RUBRIC_PERIOD_WEEK;
  self->end_day = rubric_clock_today (NULL);
  update_range (self);
  rubric_agent_detail_clear (self->detail);
}
