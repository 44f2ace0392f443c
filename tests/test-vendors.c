/* test-vendors.c — the vendors page: ratings per period, detail, exports, a contract import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb like test-window.c (GDK_BACKEND=x11 GTK_A11Y=none
 * GSK_RENDERER=cairo GSETTINGS_BACKEND=memory); skips without a display
 * unless RUBRIC_REQUIRE_DISPLAY=1. The page's figures are checked against
 * what the core computes for the CLI (rubric_ratings_compute,
 * rubric_ratings_to_csv), not against the page's own code.
 */

#include "config.h"

#include <dlfcn.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "rubric-application.h"
#include "rubric-clock.h"
#include "rubric-evaluation-store.h"
#include "rubric-gui-test-util.h"
#include "rubric-rating-text.h"
#include "rubric-time.h"
#include "rubric-preferences-window.h"
#include "rubric-rating-chart.h"
#include "rubric-review-page.h"
#include "rubric-scorecard.h"
#include "rubric-vendor-row.h"
#include "rubric-vendors-page.h"
#include "rubric-window.h"
#include "rubric-xml.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

typedef struct
{
  char              *dir;
  RubricApplication *app;
  RubricWindow      *window;
  RubricVendorsPage *page;
} Fixture;

/* @data, when given, is the instant the clock is pinned at ("a Monday"),
 * else the clock runs. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 now;

  if (data != NULL)
    {
      g_assert_true (rubric_time_parse_instant (data, FALSE, &now));
      rubric_clock_pin (now);
    }
  else
    rubric_clock_unpin ();
  fixture->dir = test_tmpdir ();
  fixture->window = test_window_open (fixture->dir, "vendors.db", &fixture->app);
  fixture->page = RUBRIC_VENDORS_PAGE (rubric_window_get_page_widget (fixture->window,
                                                                      "vendors"));
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
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
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

static guint
n_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

/* The last local day of the sample week: yesterday, UTC (rubric-sample.h). */
static gint32
sample_last_day (void)
{
  return rubric_clock_today ("UTC") - 1;
}

static char *
expected_rating_text (double rating)
{
  /* One decimal, never rounded up past a grade's minimum (SPEC §5.2: a
   * grade is the highest band whose minimum is ≤ R). */
  return g_strdup_printf ("%.1f", floor (rating * 10 + 1e-9) / 10);
}

/* Every vendor with a contract is listed, in order, with the rating and
 * grade the core computes for the CLI over the period shown. */
static GPtrArray *
check_listed (Fixture *fixture)
{
  GtkListBox *list = rubric_vendors_page_get_vendor_list (fixture->page);
  RubricDb *db = rubric_window_get_db (fixture->window);
  g_autoptr(GError) error = NULL;
  RubricDayRange range;
  RubricPeriodKind kind;
  GPtrArray *expected;

  g_assert_true (rubric_vendors_page_get_period (fixture->page, &range, &kind));
  expected = rubric_ratings_compute (db, NULL, range, kind, 0, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (n_children (GTK_WIDGET (list)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      RubricRating *rating = g_ptr_array_index (expected, i);
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, i));

      /* A row of the template, made by the list box from its model. */
      g_assert_true (RUBRIC_IS_VENDOR_ROW (row));
      g_assert_true (has_label (row, rating->vendor));
      if (rating->has_rating)
        {
          g_autofree char *text = expected_rating_text (rating->rating);

          g_assert_true (has_label (row, text));
          g_assert_nonnull (rating->grade);
          g_assert_true (has_label (row, rating->grade));
        }
      else
        g_assert_true (has_label (row, "—"));
    }

  return expected;
}

/* --------------------------------------------------------------- tests */

/* No contract: the page says how to import one. */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint mapped = 0;

  rubric_window_show_page (fixture->window, "vendors");
  wait_settled (fixture->window);

  g_assert_cmpstr (rubric_window_get_visible_page (fixture->window), ==, "vendors");
  g_assert_cmpuint (rubric_vendors_page_get_ratings (fixture->page)->len, ==, 0);

  test_collect_widgets (GTK_WIDGET (fixture->page), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)),
                     "vendors.import-contract") == 0 && gtk_widget_get_mapped (button))
        mapped++;
    }
  /* The status page's button; the tool bar, exports and all, is hidden. */
  g_assert_cmpuint (mapped, ==, 1);
  g_ptr_array_set_size (buttons, 0);
  test_collect_widgets (GTK_WIDGET (fixture->page), GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    g_assert_false (gtk_widget_get_mapped (g_ptr_array_index (buttons, i)));
}

/* The sample's vendors, their ratings as the CLI computes them, the
 * detail of one, the previous period and back, another period length. */
static void
test_sample (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) previous = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  RubricVendorDetail *detail = rubric_vendors_page_get_detail (fixture->page);
  GtkListBox *objectives = rubric_vendor_detail_get_objectives (detail);
  RubricRating *acme = NULL;
  RubricDayRange range, shown;
  RubricPeriodKind kind;

  /* The page is open on the empty database first, then the data comes. */
  rubric_window_show_page (fixture->window, "vendors");
  wait_settled (fixture->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-sample",
                                             NULL));
  wait_settled (fixture->window);
  rubric_window_show_page (fixture->window, "vendors");
  wait_settled (fixture->window);
  g_assert_cmpstr (rubric_window_get_visible_page (fixture->window), ==, "vendors");

  /* The month of the latest data: the sample's contracts rate by month. */
  g_assert_true (rubric_vendors_page_get_period (fixture->page, &range, &kind));
  g_assert_cmpint (kind, ==, RUBRIC_PERIOD_MONTH);
  shown = rubric_period_containing (sample_last_day (), RUBRIC_PERIOD_MONTH);
  g_assert_cmpint (range.first, ==, shown.first);
  g_assert_cmpint (range.last, ==, shown.last);

  expected = check_listed (fixture);
  g_assert_cmpuint (expected->len, ==, 3);
  for (guint i = 0; i < expected->len; i++)
    if (g_str_equal (((RubricRating *) g_ptr_array_index (expected, i))->vendor,
                     "Acme Outsourcing"))
      acme = g_ptr_array_index (expected, i);
  g_assert_nonnull (acme);

  /* Acme's detail: a header row, then its objectives in words, each with
   * its result. */
  g_assert_true (rubric_vendors_page_select_vendor (fixture->page, "Acme Outsourcing"));
  wait_settled (fixture->window);
  g_assert_true (has_label (GTK_WIDGET (detail), "Acme Outsourcing"));
  g_assert_cmpuint (n_children (GTK_WIDGET (objectives)), ==, acme->objectives->len + 1);
  g_assert_cmpuint (g_list_model_get_n_items (rubric_vendor_detail_get_objectives_model (detail)),
                    ==, acme->objectives->len + 1);
  g_assert_true (has_label (GTK_WIDGET (gtk_list_box_get_row_at_index (objectives, 1)),
                            "Service level"));
  for (guint i = 0; i < acme->objectives->len; i++)
    {
      RubricRatingObjective *objective = g_ptr_array_index (acme->objectives, i);
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (objectives, i + 1));
      g_autofree char *title = rubric_metric_name (objective->metric);

      g_assert_true (has_label (row, title));
      g_assert_true (has_label (row, !objective->has_actual ? "No data"
                                     : objective->met ? "Met" : "Missed"));
    }

  /* The month before, then back: the same vendor stays shown, and the
   * keyboard where it was. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (
    gtk_list_box_get_selected_row (rubric_vendors_page_get_vendor_list (fixture->page)))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "vendors.previous-period", NULL));
  wait_settled (fixture->window);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         GTK_WIDGET (rubric_vendors_page_get_vendor_list (
                                           fixture->page))));
  g_assert_true (rubric_vendors_page_get_period (fixture->page, &shown, &kind));
  g_assert_cmpint (shown.first, ==, rubric_period_previous (range, RUBRIC_PERIOD_MONTH).first);
  g_assert_cmpint (shown.last, ==, rubric_period_previous (range, RUBRIC_PERIOD_MONTH).last);
  previous = check_listed (fixture);
  g_assert_true (has_label (GTK_WIDGET (detail), "Acme Outsourcing"));

  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (objectives,
                                                                                  1))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "vendors.next-period", NULL));
  wait_settled (fixture->window);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         GTK_WIDGET (objectives)));
  g_assert_true (rubric_vendors_page_get_period (fixture->page, &shown, &kind));
  g_assert_cmpint (shown.first, ==, range.first);
  g_assert_cmpint (shown.last, ==, range.last);
  again = check_listed (fixture);
  g_assert_true (has_label (GTK_WIDGET (detail), "Acme Outsourcing"));

  /* By week: the week of the latest data. */
  test_collect_widgets (GTK_WIDGET (fixture->page), GTK_TYPE_DROP_DOWN, dropdowns);
  g_assert_cmpuint (dropdowns->len, ==, 1);
  gtk_drop_down_set_selected (g_ptr_array_index (dropdowns, 0), 1);
  wait_settled (fixture->window);
  g_assert_true (rubric_vendors_page_get_period (fixture->page, &shown, &kind));
  g_assert_cmpint (kind, ==, RUBRIC_PERIOD_WEEK);
  g_assert_cmpint (shown.first, ==,
                   rubric_period_containing (sample_last_day (), RUBRIC_PERIOD_WEEK).first);
  g_clear_pointer (&again, g_ptr_array_unref);
  again = check_listed (fixture);

  /* And back to months through the narrow menu's radio items. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "vendors.period-kind",
                                             "s", "month"));
  wait_settled (fixture->window);
  g_assert_true (rubric_vendors_page_get_period (fixture->page, &shown, &kind));
  g_assert_cmpint (kind, ==, RUBRIC_PERIOD_MONTH);
  g_assert_cmpint (shown.first, ==, range.first);
  g_assert_cmpuint (gtk_drop_down_get_selected (g_ptr_array_index (dropdowns, 0)), ==, 2);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* The exports write what rubric-cli ratings writes for the period shown. */
static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "ratings.csv", NULL);
  g_autofree char *detail_path = g_build_filename (fixture->dir, "detail.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) detail_file = g_file_new_for_path (detail_path);
  g_autoptr(GPtrArray) ratings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autofree char *detail_text = NULL;
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "ratings.pdf", NULL);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf_path);
  g_autofree char *pdf = NULL;
  g_autofree char *pdftotext = NULL;
  gsize pdf_length = 0;
  RubricDayRange range;
  RubricPeriodKind kind;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-sample", NULL);
  wait_settled (fixture->window);
  rubric_window_show_page (fixture->window, "vendors");
  wait_settled (fixture->window);

  rubric_vendors_page_export (fixture->page, file, RUBRIC_RATINGS_EXPORT_CSV);
  g_assert_true (rubric_window_get_job_running (fixture->window));
  WAIT_FOR (!rubric_window_get_job_running (fixture->window));

  text = read_file (path);
  g_assert_true (g_str_has_prefix (text, "vendor,period_start,period_end,rating,rating_low,"
                                         "rating_high,grade,objectives_met,objectives_total,"
                                         "credits_pct,evaluations,calls,flags\r\n"));
  g_assert_true (rubric_vendors_page_get_period (fixture->page, &range, &kind));
  ratings = rubric_ratings_compute (rubric_window_get_db (fixture->window), NULL, range, kind, 0,
                                    &error);
  g_assert_no_error (error);
  expected = rubric_ratings_to_csv (ratings, FALSE);
  g_assert_cmpstr (text, ==, expected);

  rubric_vendors_page_export (fixture->page, detail_file, RUBRIC_RATINGS_EXPORT_DETAIL_CSV);
  WAIT_FOR (!rubric_window_get_job_running (fixture->window));
  detail_text = read_file (detail_path);
  g_assert_true (g_str_has_prefix (detail_text, "vendor,period_start,period_end,metric,target,"
                                                "actual,n,ci_low,ci_high,score,weight,met,"
                                                "source\r\n"));

  /* The report: a PDF that names every vendor of the period. */
  rubric_vendors_page_export (fixture->page, pdf_file, RUBRIC_RATINGS_EXPORT_PDF);
  WAIT_FOR (!rubric_window_get_job_running (fixture->window));
  g_file_get_contents (pdf_path, &pdf, &pdf_length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_length, >, 1000);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  if ((pdftotext = g_find_program_in_path ("pdftotext")) != NULL)
    {
      g_autofree char *out = NULL;
      const char *argv[] = { "pdftotext", pdf_path, "-", NULL };
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, &out, NULL, &status, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < ratings->len; i++)
        g_assert_nonnull (strstr (out, ((RubricRating *) g_ptr_array_index (ratings, i))->vendor));
    }
}

/* A contract imported from the window lands on the vendors page. */
static void
test_import_contract (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "contract.xml", NULL);
  g_autoptr(GError) error = NULL;
  GtkListBox *list = rubric_vendors_page_get_vendor_list (fixture->page);

  g_file_set_contents (path,
                       "<contract xmlns=\"urn:rubric:contract:1\" vendor=\"Zeta Care\""
                       " timezone=\"Europe/Riga\" period=\"month\">\n"
                       "  <objective metric=\"service-level\" target=\"80\" weight=\"60\"/>\n"
                       "  <objective metric=\"qa-overall\" target=\"85\" weight=\"40\"/>\n"
                       "</contract>\n",
                       -1, &error);
  g_assert_no_error (error);

  rubric_window_show_page (fixture->window, "vendors");
  wait_settled (fixture->window);
  g_assert_cmpuint (rubric_vendors_page_get_ratings (fixture->page)->len, ==, 0);

  rubric_window_import_path (fixture->window, path);
  g_assert_true (rubric_window_get_job_running (fixture->window));
  WAIT_FOR (!rubric_window_get_job_running (fixture->window));
  wait_settled (fixture->window);

  g_assert_cmpstr (rubric_window_get_visible_page (fixture->window), ==, "vendors");
  g_assert_cmpuint (n_children (GTK_WIDGET (list)), ==, 1);
  /* No data yet: listed without a rating. */
  g_assert_true (has_label (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)), "Zeta Care"));
  g_assert_true (has_label (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)), "—"));
  g_assert_true (has_label (GTK_WIDGET (rubric_vendors_page_get_detail (fixture->page)),
                            "Zeta Care"));
}


/* The sample loaded and the page shown on it, settled. */
static void
show_sample (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-sample",
                                             NULL));
  wait_settled (fixture->window);
  rubric_window_show_page (fixture->window, "vendors");
  wait_settled (fixture->window);
}

static RubricRating *
shown_rating (Fixture    *fixture,
              const char *vendor)
{
  GPtrArray *ratings = rubric_vendors_page_get_ratings (fixture->page);

  for (guint i = 0; ratings != NULL && i < ratings->len; i++)
    if (g_str_equal (((RubricRating *) g_ptr_array_index (ratings, i))->vendor, vendor))
      return g_ptr_array_index (ratings, i);

  g_assert_not_reached ();
}

/* A copy of the latest evaluation @vendor has, every "yes" a "no",
 * submitted: the vendor's QA mean drops. */
static void
submit_poor_evaluation (RubricDb   *db,
                        const char *vendor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricEvaluation) evaluation = NULL;
  g_autoptr(RubricEvaluation) copy = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *new_uuid = g_uuid_string_random ();
  g_autoptr(GList) keys = NULL;
  RubricStmt *stmt;

  stmt = rubric_db_prepare (db,
                            "SELECT e.uuid FROM evaluations e JOIN vendors v ON v.id = e.vendor_id"
                            " WHERE v.name = ?1 AND e.status = 'submitted'"
                            " ORDER BY e.call_time DESC LIMIT 1",
                            &error);
  g_assert_no_error (error);
  rubric_stmt_bind_text_static (stmt, 1, vendor);
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
  uuid = g_strdup (rubric_stmt_column_text (stmt, 0));
  rubric_stmt_finalize (stmt);

  evaluation = rubric_evaluation_store_load (db, uuid, &error);
  g_assert_no_error (error);
  copy = rubric_evaluation_copy (evaluation);
  g_free (copy->id);
  copy->id = g_strdup (new_uuid);
  copy->status = RUBRIC_STATUS_DRAFT;
  keys = g_hash_table_get_keys (copy->answers);
  for (GList *l = keys; l != NULL; l = l->next)
    if (g_strcmp0 (g_hash_table_lookup (copy->answers, l->data), "yes") == 0)
      rubric_evaluation_set_answer (copy, l->data, "no");
  g_assert_true (rubric_evaluation_store_save (db, copy, "test", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rubric_evaluation_store_submit (db, new_uuid, "test", &error));
  g_assert_no_error (error);
}

/* An evaluation submitted while the page shows the period: the page
 * follows at the app's "data-changed", on the same period. */
static void
test_data_changed (Fixture       *fixture,
                   gconstpointer  data)
{
  RubricDb *db = rubric_window_get_db (fixture->window);
  g_autoptr(GPtrArray) expected = NULL;
  RubricRating *before;
  RubricDayRange range, shown;
  RubricPeriodKind kind, shown_kind;
  double rating;
  guint64 evaluations;

  show_sample (fixture);
  g_assert_true (rubric_vendors_page_get_period (fixture->page, &range, &kind));
  before = shown_rating (fixture, "Acme Outsourcing");
  g_assert_true (before->has_rating);
  rating = before->rating;
  evaluations = before->evaluations;

  submit_poor_evaluation (db, "Acme Outsourcing");
  rubric_application_data_changed (fixture->app, RUBRIC_DATA_EVALUATIONS);
  wait_settled (fixture->window);

  g_assert_true (rubric_vendors_page_get_period (fixture->page, &shown, &shown_kind));
  g_assert_cmpint (shown.first, ==, range.first);
  g_assert_cmpint (shown.last, ==, range.last);
  g_assert_cmpint (shown_kind, ==, kind);
  g_assert_cmpuint (shown_rating (fixture, "Acme Outsourcing")->evaluations, ==, evaluations + 1);
  g_assert_cmpfloat (shown_rating (fixture, "Acme Outsourcing")->rating, <, rating);
  expected = check_listed (fixture);
}

/* Closing the evaluation editor (drafts saved, maybe one submitted) says
 * the data changed. */
static void
test_editor_closed (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *editor;

  show_sample (fixture);
  rubric_window_show_page (fixture->window, "review");
  wait_settled (fixture->window);
  rubric_review_page_open_position (RUBRIC_REVIEW_PAGE (
    rubric_window_get_page_widget (fixture->window, "review")), 0);
  editor = rubric_window_get_editor (fixture->window);
  g_assert_nonnull (editor);
  wait_settled (fixture->window);
  g_assert_false (rubric_application_get_data_change_pending (fixture->app));

  g_signal_emit_by_name (editor, "close-requested");
  g_assert_true (rubric_application_get_data_change_pending (fixture->app));
  g_assert_true (rubric_window_get_busy (fixture->window));
  wait_settled (fixture->window);
  g_assert_false (rubric_application_get_data_change_pending (fixture->app));
}

/* The back buttons on screen: the window's and the page's, not the
 * period's "previous". */
static GPtrArray *
mapped_back_buttons (Fixture *fixture)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GPtrArray *back = g_ptr_array_new ();

  test_collect_widgets (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (button));
      const char *icon = gtk_button_get_icon_name (GTK_BUTTON (button));

      if (ADW_IS_BUTTON_CONTENT (child))
        icon = adw_button_content_get_icon_name (ADW_BUTTON_CONTENT (child));
      if (g_strcmp0 (icon, "go-previous-symbolic") == 0 && gtk_widget_get_mapped (button) &&
          gtk_actionable_get_action_name (GTK_ACTIONABLE (button)) == NULL)
        g_ptr_array_add (back, button);
    }

  return back;
}

/* Narrow, a vendor's detail has one back button, and it goes back to the
 * vendor list, then to the window's pages. */
static void
check_one_back_button (Fixture *fixture,
                       int      width)
{
  GtkListBox *list = rubric_vendors_page_get_vendor_list (fixture->page);
  g_autoptr(GPtrArray) back = NULL;

  show_sample (fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 760);
  wait_settled (fixture->window);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, width);

  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_selected_row (list));
  wait_settled (fixture->window);
  /* After the leaflet's slide. */
  WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (list)));
  g_assert_true (gtk_widget_get_mapped (
    GTK_WIDGET (rubric_vendors_page_get_detail (fixture->page))));
  back = mapped_back_buttons (fixture);
  g_assert_cmpuint (back->len, ==, 1);

  g_signal_emit_by_name (g_ptr_array_index (back, 0), "clicked");
  WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (rubric_vendors_page_get_detail (fixture->page))));
  wait_settled (fixture->window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list)));
  g_assert_cmpstr (rubric_window_get_visible_page (fixture->window), ==, "vendors");
}

static void
test_back_button_narrow (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) back = NULL;

  check_one_back_button (fixture, 360);
  /* On the list, the window's button, back to the pages. */
  back = mapped_back_buttons (fixture);
  g_assert_cmpuint (back->len, ==, 1);
}

static void
test_back_button_folded (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) back = NULL;

  check_one_back_button (fixture, 800);
  /* The sidebar is beside the list: no back button at all. */
  back = mapped_back_buttons (fixture);
  g_assert_cmpuint (back->len, ==, 0);
}

/* The summary tiles are a named group of named items to a screen reader
 * (a GtkFlowBox: AT-SPI sees a table, with a Selection). */
static void
test_summary_accessible (Fixture       *fixture,
                         gconstpointer  data)
{
  RubricVendorDetail *detail = rubric_vendors_page_get_detail (fixture->page);
  g_autoptr(GPtrArray) boxes = g_ptr_array_new ();
  RubricRating *acme;
  GtkFlowBox *box;
  g_autofree char *credits = NULL;
  g_autofree char *expected = NULL;

  show_sample (fixture);
  g_assert_true (rubric_vendors_page_select_vendor (fixture->page, "Acme Outsourcing"));
  wait_settled (fixture->window);
  acme = shown_rating (fixture, "Acme Outsourcing");

  test_collect_widgets (GTK_WIDGET (detail), GTK_TYPE_FLOW_BOX, boxes);
  g_assert_cmpuint (boxes->len, ==, 1);
  box = g_ptr_array_index (boxes, 0);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Summary of the rating");
  g_assert_cmpint (gtk_flow_box_get_selection_mode (box), ==, GTK_SELECTION_NONE);
  for (int i = 0; i < 3; i++)
    g_assert_true (gtk_test_accessible_has_property (
      GTK_ACCESSIBLE (gtk_flow_box_get_child_at_index (box, i)), GTK_ACCESSIBLE_PROPERTY_LABEL));

  credits = g_strdup_printf ("%.0f", acme->credits);
  expected = g_strdup_printf ("Credits Owed: %s\u00a0%%. Of the period’s fee", credits);
  if (!acme->contract->has_credit_cap)
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_flow_box_get_child_at_index (box, 1)),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
}

/* Charts of few periods read well: the sample's two months of ratings
 * spread over the trend's width (not squeezed to its right edge), and a
 * call figure's sparkline of two periods writes its two values out. */
static void
test_few_points (Fixture       *fixture,
                 gconstpointer  data)
{
  RubricVendorDetail *detail = rubric_vendors_page_get_detail (fixture->page);
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();
  RubricRatingChart *trend;
  double first_x = -1, last_x = -1, x;
  guint drawn = 0;
  int width;

  show_sample (fixture);
  g_assert_true (rubric_vendors_page_select_vendor (fixture->page, "Acme Outsourcing"));
  rubric_vendor_detail_scroll_to_end (detail);
  wait_settled (fixture->window);

  test_collect_widgets (GTK_WIDGET (detail), RUBRIC_TYPE_RATING_CHART, charts);
  g_assert_cmpuint (charts->len, >, 1);
  trend = g_ptr_array_index (charts, 0);
  width = gtk_widget_get_width (GTK_WIDGET (trend));
  g_assert_cmpint (width, >, 200);
  for (guint i = 0; i < 13; i++)
    if (rubric_rating_chart_get_point (trend, i, &x, NULL))
      {
        if (first_x < 0)
          first_x = x;
        last_x = x;
        drawn++;
      }
  /* The sample: its calls in November and December (the clock is pinned),
   * and before them the months of its evaluation history (QA only). */
  g_assert_cmpuint (drawn, >=, 2);
  g_assert_cmpuint (drawn, <=, 4);
  g_assert_cmpfloat (first_x, <, width / 2.0);
  g_assert_cmpfloat (last_x - first_x, >, width / 3.0);
  g_assert_false (rubric_rating_chart_get_shows_values (trend));

  for (guint i = 1; i < charts->len; i++)
    g_assert_true (rubric_rating_chart_get_shows_values (g_ptr_array_index (charts, i)));
}

static int
title_index (GPtrArray  *rows,
             const char *title)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return i;

  return -1;
}

/* One name and one order for the categories: SPEC §1's, as the editor
 * names them; one number of decimals per kind of figure. */
static void
test_categories (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char * const order[] = { "resolution", "ownership", "policy", "documentation" };
  RubricVendorDetail *detail = rubric_vendors_page_get_detail (fixture->page);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RubricScorecard) scorecard = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *overall = NULL;
  RubricRating *acme;
  int last = -1;

  show_sample (fixture);
  g_assert_true (rubric_vendors_page_select_vendor (fixture->page, "Acme Outsourcing"));
  wait_settled (fixture->window);
  acme = shown_rating (fixture, "Acme Outsourcing");

  /* The shipped scorecard, as the editor names its categories. */
  bytes = rubric_core_resource ("scorecards/contact-centre-qa.xml");
  scorecard = rubric_scorecard_new_from_xml ("contact-centre-qa.xml",
                                             g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  test_collect_widgets (GTK_WIDGET (detail), ADW_TYPE_PREFERENCES_ROW, rows);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const char *title = rubric_scorecard_get_category_title (scorecard, order[i]);
      int at = title_index (rows, title);

      g_assert_cmpstr (title, ==, rubric_category_name (order[i]));
      g_assert_cmpint (at, >, last);
      last = at;
    }

  /* A score to a tenth, as the report writes it. */
  g_assert_true (acme->qa_overall.has_mean);
  g_assert_cmpint (rubric_metric_unit_decimals (RUBRIC_METRIC_UNIT_SCORE), ==, 1);
  overall = g_strdup_printf ("%.1f", acme->qa_overall.mean);
  g_assert_true (has_label (GTK_WIDGET (detail), overall));
}

static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_label (GTK_LABEL (widget)));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    g_ptr_array_add (texts,
                     (gpointer) adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  else if (ADW_IS_PREFERENCES_GROUP (widget))
    g_ptr_array_add (texts,
                     (gpointer) adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static gboolean
has_text (GPtrArray  *texts,
          const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;

  return FALSE;
}

/* In Latvian (which libadwaita 1.2 does not speak on Debian 12) the about
 * and preferences windows are in Rubric's own Latvian. */
static void
test_latvian_windows (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.rubricqa.Rubric");
  GtkWidget *about, *preferences;

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  g_setenv ("LANGUAGE", "lv", TRUE);

  about = rubric_application_new_about_window (fixture->app);
  collect_texts (about, texts);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (about)), ==, "Par programmu");
  g_assert_true (has_text (texts, "_Veidotāji"));
  g_assert_true (has_text (texts, "_Juridiskā informācija"));
  g_assert_true (has_text (texts, "_Tīmekļa vietne"));
  g_assert_true (has_text (texts, "Rubric izstrādātāji"));
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      g_assert_false (g_strcmp0 (text, "_Credits") == 0 || g_strcmp0 (text, "_Legal") == 0 ||
                      g_strcmp0 (text, "Code by") == 0 ||
                      g_strcmp0 (text, "The Rubric developers") == 0 ||
                      (text != NULL && strstr (text, "absolutely no warranty") != NULL));
    }
  gtk_window_destroy (GTK_WINDOW (about));

  preferences = rubric_preferences_window_new (settings, NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (preferences)), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Preferences"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (preferences)), !=, "Preferences");
  gtk_window_destroy (GTK_WINDOW (preferences));

  g_unsetenv ("LANGUAGE");
}

/* ------------------------------------------------------------ real keys */

/* Alt+← and Alt+→ change the period with the keyboard in the vendor list
 * (whose rows and leaflet see the keys first). */
static void
check_period_keys (Fixture *fixture,
                   int      width)
{
  GtkListBox *list = rubric_vendors_page_get_vendor_list (fixture->page);
  RubricDayRange range, shown;
  RubricPeriodKind kind;

  show_sample (fixture);
  /* Now that the review queue (wider) is no longer shown. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 760);
  wait_settled (fixture->window);
  g_assert_true (rubric_vendors_page_get_period (fixture->page, &range, &kind));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (list))));
  wait_settled (fixture->window);

  if (!test_press_key (GTK_WIDGET (fixture->window), GDK_KEY_Alt_L, GDK_KEY_Left))
    {
      g_test_skip ("No XTest on this display");
      return;
    }
  /* The key arrives through the X server: wait for the new period. */
  WAIT_FOR (rubric_vendors_page_get_period (fixture->page, &shown, &kind) &&
            shown.first != range.first);
  wait_settled (fixture->window);
  g_assert_cmpint (shown.first, ==, rubric_period_previous (range, kind).first);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         GTK_WIDGET (list)));

  g_assert_true (test_press_key (GTK_WIDGET (fixture->window), GDK_KEY_Alt_L, GDK_KEY_Right));
  WAIT_FOR (rubric_vendors_page_get_period (fixture->page, &shown, &kind) &&
            shown.first == range.first);
  wait_settled (fixture->window);
  g_assert_cmpint (shown.last, ==, range.last);
}

static void
test_period_keys (Fixture       *fixture,
                  gconstpointer  data)
{
  check_period_keys (fixture, 1100);
}

/* The window wide enough for its sidebar, the page folded to its list. */
static void
test_period_keys_folded (Fixture       *fixture,
                         gconstpointer  data)
{
  check_period_keys (fixture, 800);
}

/* The window folded too: the keys are still the period's. */
static void
test_period_keys_narrow (Fixture       *fixture,
                         gconstpointer  data)
{
  check_period_keys (fixture, 360);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* GTK's test accessibility backend: the accessible names can be read
   * back (gtk_test_accessible_assert_property), with no session bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!test_gui_init ())
    return g_test_run ();

  g_test_add ("/vendors/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/vendors/sample", Fixture, NULL, fixture_set_up, test_sample, fixture_tear_down);
  /* The page opened on an empty database before the sample was loaded:
   * the period follows the data, whatever today is (a Monday, the first
   * of a month or of a year, 29 February, a change of daylight saving). */
  g_test_add ("/vendors/sample/monday", Fixture, "2026-12-07T10:00:00Z", fixture_set_up,
              test_sample, fixture_tear_down);
  g_test_add ("/vendors/sample/new-year", Fixture, "2027-01-01T00:30:00Z", fixture_set_up,
              test_sample, fixture_tear_down);
  g_test_add ("/vendors/sample/first-of-month", Fixture, "2027-03-01T23:59:59Z", fixture_set_up,
              test_sample, fixture_tear_down);
  g_test_add ("/vendors/sample/leap-day", Fixture, "2028-02-29T12:00:00Z", fixture_set_up,
              test_sample, fixture_tear_down);
  g_test_add ("/vendors/sample/dst-end", Fixture, "2027-10-31T01:30:00Z", fixture_set_up,
              test_sample, fixture_tear_down);
  g_test_add ("/vendors/data-changed", Fixture, NULL, fixture_set_up, test_data_changed,
              fixture_tear_down);
  g_test_add ("/vendors/editor-closed", Fixture, NULL, fixture_set_up, test_editor_closed,
              fixture_tear_down);
  g_test_add ("/vendors/period-keys", Fixture, NULL, fixture_set_up, test_period_keys,
              fixture_tear_down);
  g_test_add ("/vendors/period-keys/folded", Fixture, NULL, fixture_set_up,
              test_period_keys_folded, fixture_tear_down);
  g_test_add ("/vendors/period-keys/narrow", Fixture, NULL, fixture_set_up,
              test_period_keys_narrow, fixture_tear_down);
  /* The sample's week (the seven days before today) straddles two months
   * on 3 December: two points in the trend, whatever day the suite runs. */
  g_test_add ("/vendors/few-points", Fixture, "2026-12-03T12:00:00Z", fixture_set_up,
              test_few_points,
              fixture_tear_down);
  g_test_add ("/vendors/categories", Fixture, NULL, fixture_set_up, test_categories,
              fixture_tear_down);
  g_test_add ("/vendors/latvian-windows", Fixture, NULL, fixture_set_up, test_latvian_windows,
              fixture_tear_down);
  g_test_add ("/vendors/summary-accessible", Fixture, NULL, fixture_set_up,
              test_summary_accessible, fixture_tear_down);
  g_test_add ("/vendors/back-button/narrow", Fixture, NULL, fixture_set_up,
              test_back_button_narrow, fixture_tear_down);
  g_test_add ("/vendors/back-button/folded", Fixture, NULL, fixture_set_up,
              test_back_button_folded, fixture_tear_down);
  g_test_add ("/vendors/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/vendors/import-contract", Fixture, NULL, fixture_set_up, test_import_contract,
              fixture_tear_down);

  return g_test_run ();
}
