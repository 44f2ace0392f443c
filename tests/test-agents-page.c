/* test-agents-page.c — the Agents page driven as a user would: list, search, sort, an agent's page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb like test-vendors.c (GDK_BACKEND=x11 GSK_RENDERER=cairo
 * GSETTINGS_BACKEND=memory); skips without a display unless
 * RUBRIC_REQUIRE_DISPLAY=1. The sample data (rubric-sample.h) is loaded
 * through the window's own action with the clock pinned on a Monday; what
 * the page shows is checked against what the core computes for the CLI
 * (rubric_agents_summaries, rubric_trends_lowest, rubric_agents_list), not
 * against the page's own code.
 */

#include "config.h"

#include <dlfcn.h>
#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rubric-agent-item.h"
#include "rubric-agents.h"
#include "rubric-agents-page.h"
#include "rubric-clock.h"
#include "rubric-evaluation-editor.h"
#include "rubric-gui-test-util.h"
#include "rubric-rating-text.h"
#include "rubric-time.h"
#include "rubric-trends.h"
#include "rubric-window.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

/* A Monday: the sample's week (the seven days before today) is the whole
 * ISO week before, and today's week has no evaluation yet. */
#define NOW "2026-12-07T10:00:00Z"

typedef struct
{
  char              *dir;
  RubricApplication *app;
  RubricWindow      *window;
  RubricAgentsPage  *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 now;

  g_assert_true (rubric_time_parse_instant (NOW, FALSE, &now));
  rubric_clock_pin (now);
  fixture->dir = test_tmpdir ();
  fixture->window = test_window_open (fixture->dir, "agents.db", &fixture->app);
  fixture->page = RUBRIC_AGENTS_PAGE (rubric_window_get_page_widget (fixture->window, "agents"));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_window_close (fixture->window, &fixture->app);
  test_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* --------------------------------------------------------------- helpers */

static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_label (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

/* Whether a visible label under @widget reads exactly @text. */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_labels (widget, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;

  return FALSE;
}

/* Whether a visible label under @widget holds @text. */
static gboolean
has_label_with (GtkWidget  *widget,
                const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_labels (widget, texts);
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), text) != NULL)
      return TRUE;

  return FALSE;
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child))
      n++;

  return n;
}

static void
show_sample (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-sample",
                                             NULL));
  wait_settled (fixture->window);
  rubric_window_show_page (fixture->window, "agents");
  wait_settled (fixture->window);
  g_assert_cmpstr (rubric_agents_page_get_state (fixture->page), ==, "agents");
}

/* What the core gives for the page's list: every agent, 12 weeks to today. */
static GPtrArray *
expected_summaries (Fixture    *fixture,
                    const char *team)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *summaries = rubric_agents_summaries (rubric_window_get_db (fixture->window), NULL,
                                                  team, RUBRIC_PERIOD_WEEK,
                                                  rubric_clock_today (NULL), &error);

  g_assert_no_error (error);
  g_assert_nonnull (summaries);
  return summaries;
}

static RubricAgentItem *
shown_item (Fixture *fixture,
            guint    position)
{
  GListModel *model = rubric_agents_page_get_model (fixture->page);
  RubricAgentItem *item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  g_object_unref (item);  /* the model keeps it */
  return item;
}

static guint
shown_position (Fixture    *fixture,
                const char *agent)
{
  GListModel *model = rubric_agents_page_get_model (fixture->page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (rubric_agent_item_get_summary (shown_item (fixture, i))->agent, agent))
      return i;

  g_assert_not_reached ();
}

static void
set_search (Fixture    *fixture,
            const char *text)
{
  GtkWidget *entry = rubric_agents_page_get_control (fixture->page, "search");

  /* The entry says "search-changed" after a short delay, as it does to a
   * user typing: the callers wait for the list to follow. */
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

/* The list view's row (a child of the list view) that shows @title. */
static GtkWidget *
row_of (GtkWidget  *list,
        const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, title))
      return child;

  g_assert_not_reached ();
}

static RubricTrendQuery
agent_query (Fixture    *fixture,
             const char *vendor,
             const char *agent)
{
  RubricTrendQuery query = { .kind = RUBRIC_TREND_AGENT, .vendor = vendor, .agent = agent,
                             .has_range = TRUE };

  rubric_agents_page_get_range (fixture->page, &query.range, &query.by);
  return query;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action)
{
  g_autoptr(GPtrArray) buttons = test_find_all (widget, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), action) == 0)
      return g_ptr_array_index (buttons, i);

  return NULL;
}

/* --------------------------------------------------------------- tests */

/* A fresh database: no agent, and the page says where agents come from. */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  rubric_window_show_page (fixture->window, "agents");
  wait_settled (fixture->window);

  g_assert_cmpstr (rubric_window_get_visible_page (fixture->window), ==, "agents");
  g_assert_cmpstr (rubric_agents_page_get_state (fixture->page), ==, "empty");
  g_assert_true (has_label (GTK_WIDGET (fixture->page), "No Agents Yet"));
}

/* The sample's agents, each with its name, team and current mean; the
 * search and the three orders. */
static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) billing = NULL;
  GListModel *model = rubric_agents_page_get_model (fixture->page);
  GtkWidget *list = GTK_WIDGET (rubric_agents_page_get_list_view (fixture->page));
  GtkWidget *count = rubric_agents_page_get_control (fixture->page, "count");
  GtkDropDown *sort = GTK_DROP_DOWN (rubric_agents_page_get_control (fixture->page, "sort"));
  g_autofree char *count_text = NULL;

  show_sample (fixture);
  expected = expected_summaries (fixture, NULL);
  g_assert_cmpuint (expected->len, ==, 9);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);
  count_text = g_strdup_printf ("%u agents", expected->len);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==, count_text);

  /* Every row on screen (nine fit): name, "id · team · vendor", mean. */
  for (guint i = 0; i < expected->len; i++)
    {
      RubricAgentSummary *summary = g_ptr_array_index (expected, i);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", summary->agent, summary->team,
                                                   summary->vendor);

      g_assert_nonnull (summary->name);
      g_assert_true (has_label (list, summary->name));
      g_assert_true (has_label (list, subtitle));
      if (summary->current.has_mean)
        {
          g_autofree char *mean = rubric_figure_format (summary->current.mean, 1);

          g_assert_true (has_label (list, mean));
        }
    }

  /* By name: "Anna Moreau" first, "Tom Hughes" last. */
  g_assert_cmpstr (rubric_agent_item_get_title (shown_item (fixture, 0)), ==, "Anna Moreau");
  g_assert_cmpstr (rubric_agent_item_get_title (shown_item (fixture, expected->len - 1)), ==,
                   "Tom Hughes");

  /* The search: a team, then an id, case aside. */
  set_search (fixture, "billing");
  billing = expected_summaries (fixture, "Billing");
  g_assert_cmpuint (billing->len, ==, 2);
  WAIT_FOR (g_list_model_get_n_items (model) == billing->len);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==, "2 of 9 agents");
  g_assert_true (has_label (list, "Anna Moreau"));
  g_assert_true (has_label (list, "Claire Dubois"));
  g_assert_false (has_label (list, "Tom Hughes"));
  set_search (fixture, "pjsip/402");
  WAIT_FOR (g_list_model_get_n_items (model) == 1);
  g_assert_cmpstr (rubric_agent_item_get_title (shown_item (fixture, 0)), ==, "Julien Petit");
  set_search (fixture, "nobody here");
  WAIT_FOR (g_list_model_get_n_items (model) == 0);
  g_assert_true (has_label (GTK_WIDGET (fixture->page), "No Agent Found"));
  set_search (fixture, "");
  WAIT_FOR (g_list_model_get_n_items (model) == expected->len);

  /* Lowest mean first: every mean at most the next, those without last. */
  gtk_drop_down_set_selected (sort, 1);
  test_wait_frames (GTK_WIDGET (fixture->window), 3);
  for (guint i = 0; i + 1 < expected->len; i++)
    {
      const RubricAgentSummary *a = rubric_agent_item_get_summary (shown_item (fixture, i));
      const RubricAgentSummary *b = rubric_agent_item_get_summary (shown_item (fixture, i + 1));

      g_assert_true (a->current.has_mean || !b->current.has_mean);
      if (a->current.has_mean && b->current.has_mean)
        g_assert_cmpfloat (a->current.mean, <=, b->current.mean);
    }

  /* Most evaluations first. */
  gtk_drop_down_set_selected (sort, 2);
  test_wait_frames (GTK_WIDGET (fixture->window), 3);
  for (guint i = 0; i + 1 < expected->len; i++)
    g_assert_cmpuint (rubric_agent_item_get_summary (shown_item (fixture, i))->evaluations, >=,
                      rubric_agent_item_get_summary (shown_item (fixture, i + 1))->evaluations);
}

/* Ctrl+F (win.search) puts the keyboard in the search. */
static void
test_search_shortcut (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *entry = rubric_agents_page_get_control (fixture->page, "search");

  show_sample (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  test_wait_frames (GTK_WIDGET (fixture->window), 2);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), entry) ||
                 gtk_root_get_focus (GTK_ROOT (fixture->window)) == entry);
}

/* The agent's page, opened from the list with the keyboard: its title,
 * the lowest evaluations as the core ranks them; Alt+← and Alt+→ step the
 * range (real key events); weeks and months; and the lowest evaluation
 * opened in the editor. */
static void
test_agent_page (Fixture       *fixture,
                 gconstpointer  data)
{
  RubricAgentDetail *detail = rubric_agents_page_get_detail (fixture->page);
  GtkListView *list = rubric_agents_page_get_list_view (fixture->page);
  GtkWidget *range_label = rubric_agents_page_get_control (fixture->page, "range");
  RubricDb *db = rubric_window_get_db (fixture->window);
  g_autoptr(GPtrArray) lowest = NULL;
  g_autoptr(GError) error = NULL;
  RubricDayRange range, shown;
  RubricPeriodKind by;
  RubricTrendQuery query;
  const RubricAgentSummary *second;
  g_autofree char *second_name = NULL;
  RubricTrendEvaluation *first;
  GtkListBox *lowest_list;
  GtkWidget *editor;
  g_autofree char *first_week = NULL;

  show_sample (fixture);
  rubric_agents_page_get_range (fixture->page, &range, &by);
  g_assert_cmpint (by, ==, RUBRIC_PERIOD_WEEK);
  /* Twelve ISO weeks, the last the one that holds today. */
  g_assert_cmpint (range.last, ==,
                   rubric_period_containing (rubric_clock_today (NULL), RUBRIC_PERIOD_WEEK).last);
  g_assert_cmpint (range.last - range.first + 1, ==, 12 * 7);
  first_week = rubric_period_title (rubric_period_containing (range.first, RUBRIC_PERIOD_WEEK),
                                    RUBRIC_PERIOD_WEEK);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (range_label)), first_week));

  /* The keyboard in the list, on the first agent; Down, then Return. */
  g_assert_true (gtk_widget_grab_focus (row_of (GTK_WIDGET (list),
                                                rubric_agent_item_get_title (shown_item (fixture, 0)))));
  wait_settled (fixture->window);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         GTK_WIDGET (list)));
  if (!test_press_key (GTK_WIDGET (fixture->window), 0, GDK_KEY_Down))
    {
      g_test_skip ("No XTest on this display");
      return;
    }
  g_assert_true (test_press_key (GTK_WIDGET (fixture->window), 0, GDK_KEY_Return));
  second = rubric_agent_item_get_summary (shown_item (fixture, 1));
  /* The list's summaries are replaced at each reload. */
  second_name = g_strdup (second->name);
  WAIT_FOR (g_strcmp0 (rubric_agent_detail_get_title (detail), second->name) == 0);
  wait_settled (fixture->window);
  g_assert_cmpstr (rubric_agent_detail_get_state (detail), ==, "figures");
  g_assert_true (has_label (GTK_WIDGET (detail), second->name));

  /* The lowest evaluations, lowest first, as the core ranks them. */
  query = agent_query (fixture, second->vendor, second->agent);
  lowest = rubric_trends_lowest (db, &query, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lowest->len, >, 0);
  lowest_list = rubric_agent_detail_get_lowest_list (detail);
  g_assert_cmpuint (n_rows (lowest_list), ==, lowest->len);
  first = g_ptr_array_index (lowest, 0);
  {
    GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (lowest_list, 0));
    g_autofree char *score = rubric_figure_format (first->score, 1);

    g_assert_true (has_label_with (row, first->call));
    g_assert_true (has_label_with (row, score));
  }

  /* Alt+← a week back, with the keyboard still in the list. */
  g_assert_true (test_press_key (GTK_WIDGET (fixture->window), GDK_KEY_Alt_L, GDK_KEY_Left));
  WAIT_FOR ((rubric_agents_page_get_range (fixture->page, &shown, &by), shown.last != range.last));
  wait_settled (fixture->window);
  g_assert_cmpint (shown.last, ==, range.last - 7);
  g_assert_cmpint (shown.first, ==, range.first - 7);
  g_assert_cmpstr (rubric_agent_detail_get_title (detail), ==, second_name);
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (range_label)), first_week));
  /* And Alt+→ back to today's. */
  g_assert_true (test_press_key (GTK_WIDGET (fixture->window), GDK_KEY_Alt_L, GDK_KEY_Right));
  WAIT_FOR ((rubric_agents_page_get_range (fixture->page, &shown, &by), shown.last == range.last));
  wait_settled (fixture->window);
  g_assert_cmpint (shown.first, ==, range.first);
  /* Not past today's week. */
  g_assert_true (test_press_key (GTK_WIDGET (fixture->window), GDK_KEY_Alt_L, GDK_KEY_Right));
  wait_settled (fixture->window);
  rubric_agents_page_get_range (fixture->page, &shown, &by);
  g_assert_cmpint (shown.last, ==, range.last);

  /* Months: twelve of them, to today's. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (rubric_agents_page_get_control (fixture->page, "by")),
                              1);
  wait_settled (fixture->window);
  rubric_agents_page_get_range (fixture->page, &shown, &by);
  g_assert_cmpint (by, ==, RUBRIC_PERIOD_MONTH);
  g_assert_cmpint (shown.last, ==,
                   rubric_period_containing (rubric_clock_today (NULL), RUBRIC_PERIOD_MONTH).last);
  g_assert_cmpint (shown.first, ==,
                   rubric_period_containing (rubric_clock_today (NULL) - 335,
                                             RUBRIC_PERIOD_MONTH).first);
  {
    g_autofree char *month = rubric_period_title (rubric_period_containing (shown.last,
                                                                            RUBRIC_PERIOD_MONTH),
                                                  RUBRIC_PERIOD_MONTH);

    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (range_label)), month));
  }
  g_assert_cmpstr (rubric_agent_detail_get_title (detail), ==, second_name);
  g_assert_cmpuint (n_rows (lowest_list), ==, lowest->len);

  /* The lowest evaluation opens in the editor. */
  g_signal_emit_by_name (lowest_list, "row-activated", gtk_list_box_get_row_at_index (lowest_list, 0));
  wait_settled (fixture->window);
  g_assert_cmpstr (rubric_window_get_visible_page (fixture->window), ==, "editor");
  editor = rubric_window_get_editor (fixture->window);
  g_assert_cmpstr (rubric_evaluation_editor_get_uuid (RUBRIC_EVALUATION_EDITOR (editor)), ==,
                   first->uuid);
}

/* Edit Name and Team…: the dialog saves through the core and the list
 * shows the new name and team. */
static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  RubricAgentDetail *detail = rubric_agents_page_get_detail (fixture->page);
  GtkWidget *list = GTK_WIDGET (rubric_agents_page_get_list_view (fixture->page));
  GListModel *toplevels;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) agents = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog = NULL;
  GtkDropDown *team;
  GListModel *teams;
  gboolean found = FALSE;

  show_sample (fixture);
  g_assert_true (rubric_agents_page_select_agent (fixture->page, "Acme Outsourcing", "TOM"));
  WAIT_FOR (g_strcmp0 (rubric_agent_detail_get_title (detail), "Tom Hughes") == 0);
  wait_settled (fixture->window);

  g_assert_true (gtk_widget_get_sensitive (find_button (GTK_WIDGET (detail), "agent.edit")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "agent.edit", NULL));
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        dialog = ADW_MESSAGE_DIALOG (window);
    }
  g_assert_nonnull (dialog);
  rows = test_find_all (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (g_ptr_array_index (rows, 0)), ==, "Tom Hughes");
  g_assert_cmpstr (gtk_editable_get_text (g_ptr_array_index (rows, 1)), ==, "Help desk");
  gtk_editable_set_text (g_ptr_array_index (rows, 0), "Thomas Hughes");
  gtk_editable_set_text (g_ptr_array_index (rows, 1), "Escalations");
  /* As the Save button does; the dialog closes itself. */
  adw_message_dialog_response (dialog, "save");
  wait_settled (fixture->window);

  /* In the database, as rubric-cli agents list shows it. */
  agents = rubric_agents_list (rubric_window_get_db (fixture->window), "Acme Outsourcing", NULL,
                               &error);
  g_assert_no_error (error);
  for (guint i = 0; i < agents->len; i++)
    {
      RubricAgent *agent = g_ptr_array_index (agents, i);

      if (g_str_equal (agent->agent, "TOM"))
        {
          g_assert_cmpstr (agent->name, ==, "Thomas Hughes");
          g_assert_cmpstr (agent->team, ==, "Escalations");
          found = TRUE;
        }
    }
  g_assert_true (found);

  /* On the page: the list's row, the agent's page, the team drop-down. */
  g_assert_true (has_label (list, "Thomas Hughes"));
  g_assert_true (has_label (list, "TOM · Escalations · Acme Outsourcing"));
  g_assert_false (has_label (list, "Tom Hughes"));
  WAIT_FOR (g_strcmp0 (rubric_agent_detail_get_title (detail), "Thomas Hughes") == 0);
  team = GTK_DROP_DOWN (rubric_agents_page_get_control (fixture->page, "team"));
  teams = gtk_drop_down_get_model (team);
  found = FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (teams); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (teams), i), "Escalations"))
      found = TRUE;
  g_assert_true (found);
}


/* The button of @root whose label is @label, or NULL. */
static GtkWidget *
find_button_with_label (GtkWidget  *root,
                        const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button_with_label (child, label)) != NULL)
        return found;
    }
  return NULL;
}

/* A team chosen: its page, with its agents side by side. */
static void
test_team (Fixture       *fixture,
           gconstpointer  data)
{
  RubricAgentDetail *detail = rubric_agents_page_get_detail (fixture->page);
  GtkDropDown *team = GTK_DROP_DOWN (rubric_agents_page_get_control (fixture->page, "team"));
  g_autoptr(GPtrArray) members = NULL;
  GtkListBox *team_list;
  guint orders = GTK_INVALID_LIST_POSITION;
  GListModel *teams;

  show_sample (fixture);
  /* The page fills the drop-down anew at each load. */
  teams = gtk_drop_down_get_model (team);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (teams), 0), ==, "All Teams");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (teams), 1), ==, "No Team");
  for (guint i = 2; i < g_list_model_get_n_items (teams); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (teams), i), "Orders"))
      orders = i;
  g_assert_cmpuint (orders, !=, GTK_INVALID_LIST_POSITION);

  gtk_drop_down_set_selected (team, orders);
  wait_settled (fixture->window);
  members = expected_summaries (fixture, "Orders");
  g_assert_cmpuint (members->len, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (rubric_agents_page_get_model (fixture->page)), ==,
                    members->len);
  g_assert_cmpstr (rubric_agent_detail_get_title (detail), ==, "Team Orders");
  g_assert_true (gtk_widget_get_visible (rubric_agents_page_get_control (fixture->page,
                                                                        "team-button")));
  team_list = rubric_agent_detail_get_team_list (detail);
  g_assert_cmpuint (n_rows (team_list), ==, members->len);
  g_assert_true (has_label (GTK_WIDGET (team_list), "Līga Ozola"));

  /* An agent of the team's page opens that agent's. */
  g_signal_emit_by_name (team_list, "row-activated", gtk_list_box_get_row_at_index (team_list, 1));
  wait_settled (fixture->window);
  g_assert_cmpstr (rubric_agent_detail_get_title (detail), ==,
                   ((RubricAgentSummary *) g_ptr_array_index (members, 1))->name);

  /* And the button over the list brings the team's back. */
  g_signal_emit_by_name (rubric_agents_page_get_control (fixture->page, "team-button"), "clicked");
  wait_settled (fixture->window);
  g_assert_cmpstr (rubric_agent_detail_get_title (detail), ==, "Team Orders");
  g_assert_cmpuint (shown_position (fixture, "Agent/1001"), <, 3);

  /* From an agent's page of all teams, "Team Orders Overview" goes to the
   * team's page (a screen reader's way there: the drop-down's popup is out
   * of AT-SPI's reach in GTK 4.8). */
  gtk_drop_down_set_selected (team, 0);
  wait_settled (fixture->window);
  {
    const RubricAgentSummary *member = g_ptr_array_index (members, 1);
    GtkWidget *button = find_button_with_label (GTK_WIDGET (detail), "Team Orders Overview");

    g_assert_true (rubric_agents_page_select_agent (fixture->page, member->vendor, member->agent));
    wait_settled (fixture->window);
    g_assert_cmpstr (rubric_agent_detail_get_title (detail), ==, member->name);
    button = find_button_with_label (GTK_WIDGET (detail), "Team Orders Overview");
    g_assert_nonnull (button);
    g_assert_true (gtk_widget_is_visible (button));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "agent.show-team", NULL));
    wait_settled (fixture->window);
    g_assert_cmpstr (rubric_agent_detail_get_title (detail), ==, "Team Orders");
    g_assert_cmpuint (gtk_drop_down_get_selected (team), ==, orders);
  }
}

/* Export Coaching Report…: the agent's report, written in the job bar's
 * thread, lands whole as a PDF with nothing left beside it. */
static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  RubricAgentDetail *detail = rubric_agents_page_get_detail (fixture->page);
  g_autofree char *out_dir = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *path = g_build_filename (out_dir, "coaching.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  show_sample (fixture);
  g_assert_true (rubric_agents_page_select_agent (fixture->page, "Acme Outsourcing", "TOM"));
  WAIT_FOR (g_strcmp0 (rubric_agent_detail_get_title (detail), "Tom Hughes") == 0);
  wait_settled (fixture->window);
  g_assert_cmpint (g_mkdir (out_dir, 0755), ==, 0);

  rubric_agent_detail_export_report (detail, file);
  g_assert_true (rubric_window_get_job_running (fixture->window));
  WAIT_FOR (!rubric_window_get_job_running (fixture->window));
  wait_settled (fixture->window);

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  dir = g_dir_open (out_dir, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "coaching.pdf");
  g_assert_null (g_dir_read_name (dir));
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (out_dir), ==, 0);
}

/* In team mode a reviewer may not edit agents: the button says why. */
static void
test_reviewer (Fixture       *fixture,
               gconstpointer  data)
{
  RubricAgentDetail *detail = rubric_agents_page_get_detail (fixture->page);
  GtkWidget *button;

  show_sample (fixture);
  wait_settled (fixture->window);
  button = find_button (GTK_WIDGET (detail), "agent.edit");
  g_assert_true (gtk_widget_get_sensitive (button));

  rubric_window_set_team (fixture->window, TRUE, RUBRIC_DB_ROLE_REVIEWER, "rita");
  test_wait_frames (GTK_WIDGET (fixture->window), 2);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "lead"));
  /* The coaching report is anyone's. */
  g_assert_true (gtk_widget_get_sensitive (find_button (GTK_WIDGET (detail),
                                                        "agent.export-report")));

  rubric_window_set_team (fixture->window, TRUE, RUBRIC_DB_ROLE_LEAD, "lena");
  test_wait_frames (GTK_WIDGET (fixture->window), 2);
  g_assert_true (gtk_widget_get_sensitive (button));
}

/* Narrow, the list folds over the agent's page; activating a row goes
 * one step on, and one back button brings the list back. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  RubricAgentDetail *detail = rubric_agents_page_get_detail (fixture->page);
  GtkListView *list = rubric_agents_page_get_list_view (fixture->page);

  show_sample (fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 760);
  wait_settled (fixture->window);
  g_signal_emit_by_name (list, "activate", 2);
  wait_settled (fixture->window);
  /* After the leaflet's slide, the agent's page alone. */
  WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (list)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (detail)));
  g_assert_true (has_label (GTK_WIDGET (detail),
                            rubric_agent_item_get_title (shown_item (fixture, 2))));
  g_assert_true (rubric_agents_page_navigate_back (fixture->page));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (list)) &&
            !gtk_widget_get_mapped (GTK_WIDGET (detail)));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (!test_gui_init ())
    return g_test_run ();

  g_test_add ("/agents-page/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/agents-page/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/agents-page/search-shortcut", Fixture, NULL, fixture_set_up, test_search_shortcut,
              fixture_tear_down);
  g_test_add ("/agents-page/agent", Fixture, NULL, fixture_set_up, test_agent_page,
              fixture_tear_down);
  g_test_add ("/agents-page/edit", Fixture, NULL, fixture_set_up, test_edit, fixture_tear_down);
  g_test_add ("/agents-page/export", Fixture, NULL, fixture_set_up, test_export,
              fixture_tear_down);
  g_test_add ("/agents-page/team", Fixture, NULL, fixture_set_up, test_team, fixture_tear_down);
  g_test_add ("/agents-page/reviewer", Fixture, NULL, fixture_set_up, test_reviewer,
              fixture_tear_down);
  g_test_add ("/agents-page/narrow", Fixture, NULL, fixture_set_up, test_narrow,
              fixture_tear_down);

  return g_test_run ();
}
