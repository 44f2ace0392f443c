/* test-review.c — the review queue and the evaluations as a user meets them
 *
 * Narrow windows, the order of the times, unanswered calls, Open, days.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb like test-window.c, with the clock pinned so that "Today"
 * and the sample data's days are the same on every run.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "rubric-clock.h"
#include "rubric-evaluations-page.h"
#include "rubric-gui-test-util.h"
#include "rubric-period.h"
#include "rubric-review-page.h"

/* 2026-12-07 09:30 UTC, a Monday. */
#define PINNED_NOW 1796635800

typedef struct
{
  char              *dir;
  RubricApplication *app;
  RubricWindow      *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  rubric_clock_pin (PINNED_NOW);
  fixture->dir = test_tmpdir ();
  fixture->window = test_window_open (fixture->dir, "review.db", &fixture->app);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-sample", NULL);
  wait_settled (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_window_close (fixture->window, &fixture->app);
  test_rmdir (fixture->dir);
  g_free (fixture->dir);
  rubric_clock_unpin ();
}

static GtkWidget *
child (gpointer    page,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (page), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static RubricReviewPage *
review_page (Fixture *fixture)
{
  return RUBRIC_REVIEW_PAGE (rubric_window_get_page_widget (fixture->window, "review"));
}

static void
resize (RubricWindow *window,
        int           width)
{
  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), width, 720);
  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) <= width);
  wait_settled (window);
}

/* @widget is drawn, and wholly inside the window: a user can reach it. */
static void
assert_reachable (RubricWindow *window,
                  GtkWidget    *widget)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  g_assert_cmpfloat (bounds.size.width, >, 8);
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=,
                     gtk_widget_get_width (GTK_WIDGET (window)));
}

/* Issue 10: both pages fit a 360 px phone; their controls stay on screen
 * and the columns left are the ones that matter. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  static const char * const review_controls[] = {
    "search_entry", "vendor_dropdown", "dates_button", "show_dropdown", "count_label",
  };
  static const char * const evaluations_controls[] = {
    "search_entry", "status_dropdown", "vendor_dropdown", "count_label", "export_button",
  };
  RubricWindow *window = fixture->window;
  GtkWidget *evaluations = rubric_window_get_page_widget (window, "evaluations");
  int minimum, natural;

  for (guint page = 0; page < 2; page++)
    {
      rubric_window_show_page (window, page == 0 ? "review" : "evaluations");
      wait_settled (window);
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1,
                          &minimum, &natural, NULL, NULL);
      g_test_message ("%s: the window's minimum width is %d px",
                      page == 0 ? "review" : "evaluations", minimum);
      g_assert_cmpint (minimum, <=, 360);
    }

  resize (window, 360);
  rubric_window_show_page (window, "review");
  wait_settled (window);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  for (guint i = 0; i < G_N_ELEMENTS (review_controls); i++)
    assert_reachable (window, child (review_page (fixture), RUBRIC_TYPE_REVIEW_PAGE,
                                     review_controls[i]));
  g_assert_true (gtk_column_view_column_get_visible (GTK_COLUMN_VIEW_COLUMN (
    gtk_widget_get_template_child (GTK_WIDGET (review_page (fixture)), RUBRIC_TYPE_REVIEW_PAGE,
                                   "time_column"))));
  /* Columns fold one a frame. */
  WAIT_FOR (!gtk_column_view_column_get_visible (GTK_COLUMN_VIEW_COLUMN (
    gtk_widget_get_template_child (GTK_WIDGET (review_page (fixture)), RUBRIC_TYPE_REVIEW_PAGE,
                                   "queue_column"))));

  /* The days' presets and calendar fit the phone too (the popover adds
   * its margins and arrow around this). */
  {
    GtkMenuButton *dates = GTK_MENU_BUTTON (child (review_page (fixture), RUBRIC_TYPE_REVIEW_PAGE,
                                                   "dates_button"));
    GtkWidget *content = gtk_popover_get_child (gtk_menu_button_get_popover (dates));
    int whole;

    gtk_widget_activate_action (GTK_WIDGET (review_page (fixture)), "review.show-days", "s", "week");
    wait_settled (window);
    gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
    gtk_widget_measure (GTK_WIDGET (gtk_menu_button_get_popover (dates)),
                        GTK_ORIENTATION_HORIZONTAL, -1, NULL, &whole, NULL, NULL);
    g_test_message ("the days popover is %d px wide, %d with its frame", natural, whole);
    g_assert_cmpint (natural, <=, 320);
    gtk_widget_activate_action (GTK_WIDGET (review_page (fixture)), "review.show-days", "s", "all");
    wait_settled (window);
  }

  rubric_window_show_page (window, "evaluations");
  wait_settled (window);
  for (guint i = 0; i < G_N_ELEMENTS (evaluations_controls); i++)
    assert_reachable (window, child (evaluations, RUBRIC_TYPE_EVALUATIONS_PAGE,
                                     evaluations_controls[i]));

  /* Wide again, every column is back. */
  resize (window, 1400);
  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) > 1000);
  wait_settled (window);
  rubric_window_show_page (window, "review");
  wait_settled (window);
  WAIT_FOR (gtk_column_view_column_get_visible (GTK_COLUMN_VIEW_COLUMN (
    gtk_widget_get_template_child (GTK_WIDGET (review_page (fixture)), RUBRIC_TYPE_REVIEW_PAGE,
                                   "queue_column"))));

  /* With room, every text is whole: the columns ask no more than the
   * list has. */
  for (guint page = 0; page < 2; page++)
    {
      const char *name = page == 0 ? "review" : "evaluations";
      GtkWidget *widget = rubric_window_get_page_widget (window, name);
      GtkWidget *view = child (widget, G_OBJECT_TYPE (widget), "column_view");

      rubric_window_show_page (window, name);
      wait_settled (window);
      WAIT_FOR ((gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural,
                                     NULL, NULL),
                 natural <= gtk_widget_get_width (view)));
    }
}

/* The shown times ("YYYY-MM-DD HH:MM ZONE") of the first @n rows. */
static GPtrArray *
shown_times (RubricReviewPage *page,
             guint             n)
{
  GListModel *list = G_LIST_MODEL (rubric_review_page_get_list (page));
  GPtrArray *times = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < MIN (n, g_list_model_get_n_items (list)); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (list, i);
      char *time = NULL;

      g_object_get (row, "time", &time, NULL);
      g_ptr_array_add (times, time);
    }
  return times;
}

/* The Time header's order is the order of the times the rows show, with
 * the zone they are in; no call with a recording jumps the queue. */
static void
test_time_order (Fixture       *fixture,
                 gconstpointer  data)
{
  RubricReviewPage *page = review_page (fixture);
  GtkColumnView *view = GTK_COLUMN_VIEW (child (page, RUBRIC_TYPE_REVIEW_PAGE, "column_view"));
  GtkColumnViewColumn *time_column = GTK_COLUMN_VIEW_COLUMN (
    gtk_widget_get_template_child (GTK_WIDGET (page), RUBRIC_TYPE_REVIEW_PAGE, "time_column"));

  for (int ascending = 0; ascending < 2; ascending++)
    {
      g_autoptr(GPtrArray) times = NULL;

      gtk_column_view_sort_by_column (view, time_column,
                                      ascending ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
      wait_settled (fixture->window);
      times = shown_times (page, G_MAXUINT);
      g_assert_cmpuint (times->len, >, 100);
      for (guint i = 1; i < times->len; i++)
        {
          const char *a = g_ptr_array_index (times, i - 1);
          const char *b = g_ptr_array_index (times, i);
          int order = strncmp (a, b, 16);

          /* "2026-12-06 17:53 EET": a zone after the time. */
          g_assert_cmpuint (strlen (b), >, 17);
          if (ascending ? order > 0 : order < 0)
            g_error ("Sorted %s by Time, yet row %u shows %s after %s",
                     ascending ? "ascending" : "descending", i, b, a);
        }
    }
}

static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0 &&
      gtk_widget_get_mapped (widget))
    return TRUE;

  for (GtkWidget *c = gtk_widget_get_first_child (widget);
       c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (find_label (c, text))
      return TRUE;
  return FALSE;
}

/* Calls no one answered stay out of the queue unless asked for, and
 * activating one says why it does not open. */
static void
test_unanswered (Fixture       *fixture,
                 gconstpointer  data)
{
  RubricReviewPage *page = review_page (fixture);
  GListModel *list = G_LIST_MODEL (rubric_review_page_get_list (page));
  GtkDropDown *show = GTK_DROP_DOWN (child (page, RUBRIC_TYPE_REVIEW_PAGE, "show_dropdown"));
  guint answered = g_list_model_get_n_items (list);
  guint unanswered = G_MAXUINT;

  for (guint i = 0; i < answered; i++)
    {
      g_autoptr(RubricCallRow) row = g_list_model_get_item (list, i);
      g_assert_true (rubric_call_row_get_answered (row));
    }

  gtk_drop_down_set_selected (show, 3);  /* Unanswered Too */
  wait_settled (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (list), >, answered);
  for (guint i = 0; i < g_list_model_get_n_items (list) && unanswered == G_MAXUINT; i++)
    {
      g_autoptr(RubricCallRow) row = g_list_model_get_item (list, i);
      if (!rubric_call_row_get_answered (row))
        unanswered = i;
    }
  g_assert_cmpuint (unanswered, !=, G_MAXUINT);

  rubric_review_page_open_position (page, unanswered);
  g_assert_cmpstr (rubric_window_get_visible_page (fixture->window), ==, "review");
  g_assert_null (rubric_window_get_editor (fixture->window));
  /* After the sample data's toast, which takes its 4 s. */
  WAIT_FOR (find_label (GTK_WIDGET (fixture->window),
                        "No agent answered this call: there is nothing to score"));

  gtk_drop_down_set_selected (show, 0);
  wait_settled (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, answered);
}

/* Open, shown once a row is selected (say by a screen reader), opens it
 * as Enter would. */
static void
test_open_button (Fixture       *fixture,
                  gconstpointer  data)
{
  RubricReviewPage *page = review_page (fixture);
  GtkColumnView *view = GTK_COLUMN_VIEW (child (page, RUBRIC_TYPE_REVIEW_PAGE, "column_view"));
  GtkWidget *open = child (page, RUBRIC_TYPE_REVIEW_PAGE, "open_button");

  g_assert_false (gtk_widget_get_visible (open));
  gtk_selection_model_select_item (gtk_column_view_get_model (view), 0, TRUE);
  g_assert_true (gtk_widget_get_visible (open));
  g_signal_emit_by_name (open, "clicked");
  g_assert_cmpstr (rubric_window_get_visible_page (fixture->window), ==, "editor");
  wait_settled (fixture->window);
}

/* Every row's shown day is within [@first, @last] (day numbers). */
static void
assert_days (RubricReviewPage *page,
             gint32            first,
             gint32            last)
{
  g_autoptr(GPtrArray) times = shown_times (page, 5000);
  g_autofree char *a = rubric_day_format (first);
  g_autofree char *b = rubric_day_format (last);

  g_assert_cmpuint (times->len, >, 0);
  for (guint i = 0; i < times->len; i++)
    {
      const char *time = g_ptr_array_index (times, i);

      if (strncmp (time, a, 10) < 0 || strncmp (time, b, 10) > 0)
        g_error ("%s is not within %s – %s", time, a, b);
    }
}

/* The presets take today from the core's clock; the calendar picks the
 * first and the last day. */
static void
test_days (Fixture       *fixture,
           gconstpointer  data)
{
  RubricReviewPage *page = review_page (fixture);
  GListModel *list = G_LIST_MODEL (rubric_review_page_get_list (page));
  GtkLabel *label = GTK_LABEL (child (page, RUBRIC_TYPE_REVIEW_PAGE, "dates_label"));
  GtkCalendar *calendar = GTK_CALENDAR (child (page, RUBRIC_TYPE_REVIEW_PAGE, "calendar"));
  GtkToggleButton *to_toggle =
    GTK_TOGGLE_BUTTON (child (page, RUBRIC_TYPE_REVIEW_PAGE, "to_toggle"));
  gint32 today = rubric_clock_today (NULL);
  guint all = g_list_model_get_n_items (list);
  g_autoptr(GDateTime) day = NULL;

  g_assert_cmpstr (gtk_label_get_label (label), ==, "Any Day");

  gtk_widget_activate_action (GTK_WIDGET (page), "review.show-days", "s", "yesterday");
  wait_settled (fixture->window);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "Yesterday");
  assert_days (page, today - 1, today - 1);

  gtk_widget_activate_action (GTK_WIDGET (page), "review.show-days", "s", "week");
  wait_settled (fixture->window);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "Last 7 Days");
  assert_days (page, today - 6, today);

  gtk_widget_activate_action (GTK_WIDGET (page), "review.show-days", "s", "month");
  wait_settled (fixture->window);
  assert_days (page, rubric_period_containing (today, RUBRIC_PERIOD_MONTH).first, today);

  /* The calendar: 2026-12-01 as the first day, then 2026-12-03 as the
   * last. */
  gtk_widget_activate_action (GTK_WIDGET (page), "review.show-days", "s", "all");
  wait_settled (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, all);
  day = g_date_time_new_local (2026, 12, 1, 12, 0, 0);
  gtk_calendar_select_day (calendar, day);
  g_signal_emit_by_name (calendar, "day-selected");
  wait_settled (fixture->window);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "2026-12-01");
  assert_days (page, today - 6, today - 6);

  gtk_toggle_button_set_active (to_toggle, TRUE);
  g_clear_pointer (&day, g_date_time_unref);
  day = g_date_time_new_local (2026, 12, 3, 12, 0, 0);
  gtk_calendar_select_day (calendar, day);
  g_signal_emit_by_name (calendar, "day-selected");
  wait_settled (fixture->window);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "2026-12-01 – 2026-12-03");
  assert_days (page, today - 6, today - 4);
}

/* Issue 10: the editor opened in a 360 px window keeps it 360 px wide (it
 * started wide, whose header widened the window before it folded). */
static void
test_editor_narrow (Fixture       *fixture,
                    gconstpointer  data)
{
  resize (fixture->window, 360);
  rubric_review_page_open_position (review_page (fixture), 0);
  wait_settled (fixture->window);
  g_assert_cmpstr (rubric_window_get_visible_page (fixture->window), ==, "editor");
  g_assert_nonnull (rubric_window_get_editor (fixture->window));
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  wait_settled (fixture->window);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);
}

/* Issue 10: every page of the main window fits GNOME's narrowest width,
 * 360 px, in English, French and Latvian (long labels wrap or fold). */
static void
test_every_page_narrow (gconstpointer data)
{
  static const char * const pages[] = { "review", "evaluations", "agents", "vendors",
                                        "scorecards" };
  g_autofree char *dir = test_tmpdir ();
  RubricApplication *app = NULL;
  RubricWindow *window;
  int minimum;

  g_setenv ("LANGUAGE", data, TRUE);
  rubric_clock_pin (PINNED_NOW);
  window = test_window_open (dir, "narrow.db", &app);

  /* The welcome page first, then every page over the sample data. */
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                      NULL, NULL);
  g_test_message ("%s, welcome: %d px", (const char *) data, minimum);
  g_assert_cmpint (minimum, <=, 360);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-sample", NULL);
  wait_settled (window);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      rubric_window_show_page (window, pages[i]);
      wait_settled (window);
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                          NULL, NULL);
      g_test_message ("%s, %s: %d px", (const char *) data, pages[i], minimum);
      g_assert_cmpint (minimum, <=, 360);
    }

  test_window_close (window, &app);
  test_rmdir (dir);
  rubric_clock_unpin ();
  g_unsetenv ("LANGUAGE");
}

static void
collect_flow_boxes (GtkWidget *widget,
                    GPtrArray *found)
{
  if (GTK_IS_FLOW_BOX (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_flow_boxes (c, found);
}

/* Issue 10: the filter bars fold as flow boxes; a screen reader must hear
 * what they are, not an unnamed list (the AT-SPI audit flagged them). */
static void
test_named_filters (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) boxes = g_ptr_array_new ();

  collect_flow_boxes (GTK_WIDGET (rubric_window_get_page_widget (fixture->window, "review")),
                      boxes);
  collect_flow_boxes (GTK_WIDGET (rubric_window_get_page_widget (fixture->window,
                                                                 "evaluations")),
                      boxes);
  g_assert_cmpuint (boxes->len, >=, 2);
  for (guint i = 0; i < boxes->len; i++)
    {
      GtkAccessible *box = g_ptr_array_index (boxes, i);

      g_assert_true (gtk_test_accessible_has_property (box, GTK_ACCESSIBLE_PROPERTY_LABEL));
      gtk_test_accessible_assert_property (box, GTK_ACCESSIBLE_PROPERTY_LABEL, "Filters");
    }
}

/* The mapped button labelled @label under @widget, or NULL. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget);
       c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Clear Filters, shown when no row matches, sets every filter of either
 * page back to none: the vendor and the search, which both pages have,
 * and each page's own (days and calls shown; status). */
static void
test_clear_filters (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const pages[] = { "review", "evaluations" };
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = rubric_window_get_page_widget (fixture->window, pages[i]);
      GType type = G_OBJECT_TYPE (page);
      GtkEditable *search = GTK_EDITABLE (child (page, type, "search_entry"));
      GtkDropDown *own = GTK_DROP_DOWN (child (page, type, i == 0 ? "show_dropdown"
                                                                  : "status_dropdown"));
      GListModel *list;
      GtkWidget *clear;
      guint all;

      rubric_window_show_page (fixture->window, pages[i]);
      wait_settled (fixture->window);
      list = G_LIST_MODEL (rubric_list_page_get_list (RUBRIC_LIST_PAGE (page)));
      all = g_list_model_get_n_items (list);
      g_assert_cmpuint (all, >, 0);

      if (i == 0)
        gtk_widget_activate_action (page, "review.show-days", "s", "yesterday");
      gtk_drop_down_set_selected (own, 1);
      gtk_editable_set_text (search, "nobody is called this");
      /* After the search entry's delay. */
      WAIT_FOR (g_list_model_get_n_items (list) == 0 &&
                !rubric_list_page_get_loading (RUBRIC_LIST_PAGE (page)));
      wait_settled (fixture->window);

      clear = find_button (page, "_Clear Filters");
      g_assert_nonnull (clear);
      g_signal_emit_by_name (clear, "clicked");
      wait_settled (fixture->window);
      g_assert_cmpstr (gtk_editable_get_text (search), ==, "");
      g_assert_cmpuint (gtk_drop_down_get_selected (own), ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (list), ==, all);
      if (i == 0)
        g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (page, type, "dates_label"))), ==,
                         "Any Day");
    }
}

/* How many rows under @widget have the accessible name @name. */
static guint
count_rows_named (GtkWidget  *widget,
                  const char *name)
{
  guint n = 0;

  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_ROW)
    {
      g_autofree char *mismatch =
        gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL, name);
      if (mismatch == NULL)
        n++;
    }

  for (GtkWidget *c = gtk_widget_get_first_child (widget);
       c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n += count_rows_named (c, name);
  return n;
}

/* Each row of either list is named for screen readers by what it shows,
 * in the order of the columns; activating an evaluation opens it. */
static void
test_row_names (Fixture       *fixture,
                gconstpointer  data)
{
  RubricReviewPage *review = review_page (fixture);
  GtkWidget *evaluations = rubric_window_get_page_widget (fixture->window, "evaluations");
  g_autoptr(RubricCallRow) call = NULL;
  g_autoptr(RubricEvaluationRow) evaluation = NULL;
  g_autofree char *time = NULL, *vendor = NULL, *agent = NULL, *queue = NULL;
  g_autofree char *wait = NULL, *talk = NULL, *recording = NULL, *state = NULL;
  g_autofree char *reviewer = NULL, *status = NULL, *score = NULL;
  g_autofree char *expected = NULL;
  gboolean auto_failed = FALSE;
  GString *name;

  call = g_list_model_get_item (G_LIST_MODEL (rubric_review_page_get_list (review)), 0);
  g_object_get (call, "time", &time, "vendor", &vendor, "agent", &agent, "queue", &queue,
                "wait", &wait, "talk", &talk, "recording", &recording, "state-label", &state,
                NULL);
  name = g_string_new (time);
  g_string_append_printf (name, ", %s, %s", agent, vendor);
  if (queue != NULL && *queue != '\0')
    g_string_append_printf (name, ", %s", queue);
  if (wait != NULL && *wait != '\0')
    g_string_append_printf (name, ", wait %s", wait);
  if (talk != NULL && *talk != '\0')
    g_string_append_printf (name, ", talk %s", talk);
  g_string_append_printf (name, ", %s, %s", recording != NULL ? "Recording" : "No recording",
                          state != NULL && *state != '\0' ? state : "Not scored");
  expected = g_string_free (name, FALSE);
  g_assert_cmpuint (count_rows_named (GTK_WIDGET (review), expected), ==, 1);

  g_clear_pointer (&time, g_free);
  g_clear_pointer (&vendor, g_free);
  g_clear_pointer (&agent, g_free);
  g_clear_pointer (&expected, g_free);
  rubric_window_show_page (fixture->window, "evaluations");
  wait_settled (fixture->window);
  evaluation = g_list_model_get_item (G_LIST_MODEL (rubric_evaluations_page_get_list (
                                        RUBRIC_EVALUATIONS_PAGE (evaluations))), 0);
  g_object_get (evaluation, "time", &time, "vendor", &vendor, "agent", &agent,
                "reviewer", &reviewer, "status-label", &status, "score-label", &score,
                "auto-failed", &auto_failed, NULL);
  name = g_string_new (time);
  g_string_append_printf (name, ", %s, %s", agent, vendor);
  if (reviewer != NULL && *reviewer != '\0')
    g_string_append_printf (name, ", reviewer %s", reviewer);
  g_string_append_printf (name, ", %s", status);
  if (score != NULL && *score != '\0')
    g_string_append_printf (name, ", score %s", score);
  g_string_append (name, auto_failed ? ", Auto-failed" : ", No auto-fail");
  expected = g_string_free (name, FALSE);
  g_assert_cmpuint (count_rows_named (evaluations, expected), ==, 1);

  g_signal_emit_by_name (child (evaluations, RUBRIC_TYPE_EVALUATIONS_PAGE, "column_view"),
                         "activate", 0);
  g_assert_cmpstr (rubric_window_get_visible_page (fixture->window), ==, "editor");
  wait_settled (fixture->window);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* GTK's test accessibility backend: the rows' names can be read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      if (g_strcmp0 (g_getenv ("RUBRIC_REQUIRE_DISPLAY"), "1") == 0)
        g_error ("No display, and RUBRIC_REQUIRE_DISPLAY=1: run under xvfb-run");
      g_test_skip ("No display (run under xvfb-run)");
      return g_test_run ();
    }
  adw_init ();

  g_test_add ("/review/narrow", Fixture, NULL, fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add ("/review/time-order", Fixture, NULL, fixture_set_up, test_time_order,
              fixture_tear_down);
  g_test_add ("/review/unanswered", Fixture, NULL, fixture_set_up, test_unanswered,
              fixture_tear_down);
  g_test_add ("/review/open-button", Fixture, NULL, fixture_set_up, test_open_button,
              fixture_tear_down);
  g_test_add ("/review/days", Fixture, NULL, fixture_set_up, test_days, fixture_tear_down);
  g_test_add ("/review/editor-narrow", Fixture, NULL, fixture_set_up, test_editor_narrow,
              fixture_tear_down);
  g_test_add_data_func ("/review/every-page-narrow/en", "en", test_every_page_narrow);
  g_test_add_data_func ("/review/every-page-narrow/fr", "fr", test_every_page_narrow);
  g_test_add_data_func ("/review/every-page-narrow/lv", "lv", test_every_page_narrow);
  g_test_add ("/review/named-filters", Fixture, NULL, fixture_set_up, test_named_filters,
              fixture_tear_down);
  g_test_add ("/review/row-names", Fixture, NULL, fixture_set_up, test_row_names,
              fixture_tear_down);
  g_test_add ("/review/clear-filters", Fixture, NULL, fixture_set_up, test_clear_filters,
              fixture_tear_down);

  return g_test_run ();
}
