/* test-window.c — the main window: welcome, sample data, imports, pages, editor, scorecards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (GDK_BACKEND=x11 GTK_A11Y=none GSK_RENDERER=cairo
 * GSETTINGS_BACKEND=memory); skips without a display unless
 * RUBRIC_REQUIRE_DISPLAY=1. Waits on frames and on the window's own "busy"
 * state, never on the clock: a watchdog turns a wait that never ends into
 * a failure.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "rubric-application.h"
#include "rubric-column-sort.h"
#include "rubric-evaluations-page.h"
#include "rubric-gui-test-util.h"
#include "rubric-jobs.h"
#include "rubric-review-page.h"
#include "rubric-scorecards-page.h"
#include "rubric-screenshots.h"
#include "rubric-window.h"

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
  fixture->dir = test_tmpdir ();
  fixture->window = test_window_open (fixture->dir, "window.db", &fixture->app);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_window_close (fixture->window, &fixture->app);
  test_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
collect_buttons (GtkWidget  *widget,
                 const char *action,
                 GPtrArray  *found)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, action, found);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *action)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_buttons (root, action, found);
  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_index (found, 0);
}

static guint
n_rows (RubricWindow *window,
        const char   *page)
{
  GtkWidget *widget = rubric_window_get_page_widget (window, page);
  GListModel *model;

  if (RUBRIC_IS_REVIEW_PAGE (widget))
    model = G_LIST_MODEL (rubric_review_page_get_list (RUBRIC_REVIEW_PAGE (widget)));
  else
    model = G_LIST_MODEL (rubric_evaluations_page_get_list (RUBRIC_EVALUATIONS_PAGE (widget)));

  return g_list_model_get_n_items (model);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* A fresh database: the welcome page and its two ways in; the sample data
 * fills the review queue and the evaluations. */
static void
test_welcome_and_sample (Fixture       *fixture,
                         gconstpointer  data)
{
  RubricWindow *window = fixture->window;
  GtkWidget *welcome = rubric_window_get_page_widget (window, "welcome");

  g_assert_cmpstr (rubric_window_get_visible_page (window), ==, "welcome");
  g_assert_true (ADW_IS_STATUS_PAGE (welcome));
  g_assert_true (gtk_widget_get_mapped (find_button (welcome, "win.import-calls")));
  g_assert_true (gtk_widget_get_mapped (find_button (welcome, "win.load-sample")));

  /* The evaluations are empty too; scorecards are there to look at. */
  rubric_window_show_page (window, "evaluations");
  g_assert_cmpstr (rubric_window_get_visible_page (window), ==, "welcome");
  rubric_window_show_page (window, "scorecards");
  g_assert_cmpstr (rubric_window_get_visible_page (window), ==, "scorecards");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-sample", NULL));
  wait_settled (window);

  g_assert_cmpstr (rubric_window_get_visible_page (window), ==, "review");
  g_assert_cmpuint (n_rows (window, "review"), >, 100);
  rubric_window_show_page (window, "evaluations");
  g_assert_cmpstr (rubric_window_get_visible_page (window), ==, "evaluations");
  g_assert_cmpuint (n_rows (window, "evaluations"), >=, 20);

  /* Sample data goes into an empty database only: the action is off now. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-sample", NULL);
  wait_settled (window);
  g_assert_null (find_message_dialog ());

  /* Alt+2 and friends. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "agents");
  g_assert_cmpstr (rubric_window_get_visible_page (window), ==, "agents");
}

/* A bad file is refused, off the main thread, with its file and line. */
static void
test_bad_import (Fixture       *fixture,
                 gconstpointer  data)
{
  RubricWindow *window = fixture->window;
  g_autofree char *path = g_build_filename (fixture->dir, "bad.csv", NULL);
  g_autofree char *where = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  g_file_set_contents (path,
                       "call_id,vendor,queue,entered_at,wait_s,outcome\n"
                       "c1,Acme,q1,2026-01-05T10:00:00Z,12,answered\n"
                       "c2,Acme,q1,not-a-time,12,answered\n",
                       -1, &error);
  g_assert_no_error (error);

  rubric_window_import_path (window, path);
  g_assert_true (rubric_window_get_job_running (window));
  WAIT_FOR (!rubric_window_get_job_running (window));

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  where = g_strconcat (path, ":3:", NULL);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), where));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Nothing landed: still the welcome page. */
  wait_settled (window);
  g_assert_cmpstr (rubric_window_get_visible_page (window), ==, "welcome");
}

/* A good call-record CSV lands and shows in the review queue. */
static void
test_good_import (Fixture       *fixture,
                  gconstpointer  data)
{
  RubricWindow *window = fixture->window;
  g_autofree char *path = g_build_filename (fixture->dir, "calls.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path,
                       "call_id,vendor,queue,agent,entered_at,wait_s,outcome,talk_s\n"
                       "c1,Acme,q1,A1,2026-01-05T10:00:00Z,12,answered,300\n"
                       "c2,Acme,q1,,2026-01-05T10:05:00Z,40,abandoned,\n",
                       -1, &error);
  g_assert_no_error (error);

  rubric_window_import_path (window, path);
  WAIT_FOR (!rubric_window_get_job_running (window));
  wait_settled (window);

  g_assert_null (find_message_dialog ());
  g_assert_cmpstr (rubric_window_get_visible_page (window), ==, "review");
  /* The abandoned c2 has no one to score: the queue leaves it out. */
  g_assert_cmpuint (n_rows (window, "review"), ==, 1);
}

static void
collect_entry_rows (GtkWidget *widget,
                    GPtrArray *found)
{
  if (ADW_IS_ENTRY_ROW (widget))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_entry_rows (child, found);
}

/* A queue_log with a queue that has no vendor: the window asks for it,
 * maps it and imports; or, cancelled, imports nothing. */
static void
test_queue_log_mapping (Fixture       *fixture,
                        gconstpointer  data)
{
  RubricWindow *window = fixture->window;
  RubricDb *db = rubric_window_get_db (window);
  g_autofree char *path = g_build_filename (fixture->dir, "queue_log", NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GString) landed = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  RubricStmt *stmt;

  g_assert_true (rubric_db_map_queue (db, "Sales", "Acme", &error));
  g_assert_no_error (error);
  g_file_set_contents (path,
                       "1767607200|NONE|NONE|NONE|QUEUESTART|\n"
                       "1767607200|c1|Sales|NONE|ENTERQUEUE||5551|1\n"
                       "1767607210|c1|Sales|Agent/1|CONNECT|10|c1-1|2\n"
                       "1767607300|c1|Sales|Agent/1|COMPLETECALLER|10|90|1\n"
                       "1767607400|c2|Support|NONE|ENTERQUEUE||5552|1\n"
                       "1767607430|c2|Support|NONE|ABANDON|1|1|30\n",
                       -1, &error);
  g_assert_no_error (error);

  /* Cancelled: nothing is imported. */
  rubric_window_import_path (window, path);
  WAIT_FOR (find_message_dialog () != NULL);
  dialog = find_message_dialog ();
  adw_message_dialog_response (dialog, "cancel");
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_FOR (!rubric_window_get_job_running (window));
  wait_settled (window);
  g_assert_cmpstr (rubric_window_get_visible_page (window), ==, "welcome");

  /* Only the queue without a vendor is asked for, with the only vendor. */
  rubric_window_import_path (window, path);
  WAIT_FOR (find_message_dialog () != NULL);
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Which vendor handles these queues?");
  collect_entry_rows (GTK_WIDGET (dialog), rows);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "Support");
  g_assert_cmpstr (gtk_editable_get_text (g_ptr_array_index (rows, 0)), ==, "Acme");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "map"));

  /* A vendor is needed to go on. */
  gtk_editable_set_text (g_ptr_array_index (rows, 0), "");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "map"));
  gtk_editable_set_text (g_ptr_array_index (rows, 0), "Beta");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "map"));

  adw_message_dialog_response (dialog, "map");
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_FOR (!rubric_window_get_job_running (window));
  wait_settled (window);

  g_assert_null (find_message_dialog ());
  g_assert_cmpstr (rubric_window_get_visible_page (window), ==, "review");

  g_assert_cmpint (test_prepare_v2 (db,
                                       "SELECT c.call_id, q.name, v.name FROM calls AS c"
                                       " JOIN queues AS q ON q.id = c.queue_id"
                                       " JOIN vendors AS v ON v.id = c.vendor_id"
                                       " ORDER BY c.call_id",
                                       -1, &stmt, NULL), ==, TEST_OK);
  while (rubric_stmt_step (stmt) == RUBRIC_ROW)
    g_string_append_printf (landed, "%s %s %s\n",
                            rubric_stmt_column_text (stmt, 0),
                            rubric_stmt_column_text (stmt, 1),
                            rubric_stmt_column_text (stmt, 2));
  rubric_stmt_finalize (stmt);
  g_assert_cmpstr (landed->str, ==, "c1 Sales Acme\nc2 Support Beta\n");
}

/* Every page draws, in PNGs of the test's folder. */
static void
test_pages_render (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const pages[] = { "review", "evaluations", "agents", "vendors",
                                        "scorecards" };
  RubricWindow *window = fixture->window;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-sample", NULL);
  wait_settled (window);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strconcat (pages[i], ".png", NULL);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(GError) error = NULL;

      rubric_window_show_page (window, pages[i]);
      wait_settled (window);
      g_assert_cmpstr (rubric_window_get_visible_page (window), ==, pages[i]);

      rubric_widget_save_png (GTK_WIDGET (window), path, &error);
      g_assert_no_error (error);
      texture = gdk_texture_new_from_filename (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_texture_get_width (texture), >, 300);
      g_assert_cmpint (gdk_texture_get_height (texture), >, 200);
    }
}

/* A call of the queue opens the editor; Back brings the queue back. */
static void
test_open_editor (Fixture       *fixture,
                  gconstpointer  data)
{
  RubricWindow *window = fixture->window;
  RubricReviewPage *review;
  GtkWidget *editor;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-sample", NULL);
  wait_settled (window);

  review = RUBRIC_REVIEW_PAGE (rubric_window_get_page_widget (window, "review"));
  rubric_review_page_open_position (review, 0);
  g_assert_cmpstr (rubric_window_get_visible_page (window), ==, "editor");
  editor = rubric_window_get_editor (window);
  g_assert_nonnull (editor);
  wait_settled (window);

  g_signal_emit_by_name (editor, "close-requested");
  g_assert_cmpstr (rubric_window_get_visible_page (window), ==, "review");
  g_assert_null (rubric_window_get_editor (window));
}

/* The scorecard editor saves a changed title as a new version; the old
 * one stays. */
static void
test_scorecard_edit (Fixture       *fixture,
                     gconstpointer  data)
{
  RubricWindow *window = fixture->window;
  RubricScorecardsPage *page =
    RUBRIC_SCORECARDS_PAGE (rubric_window_get_page_widget (window, "scorecards"));
  RubricScorecardView *view = rubric_scorecards_page_get_view (page);
  g_autoptr(GError) error = NULL;
  gboolean changed = TRUE;
  int version = 0;
  GtkWidget *focus;

  rubric_window_show_page (window, "scorecards");
  g_assert_true (rubric_scorecards_page_open (page, "contact-centre-qa"));
  rubric_scorecard_view_set_editing (view, TRUE);
  wait_settled (window);

  rubric_scorecard_view_save (view, &version, &changed, &error);
  g_assert_no_error (error);
  g_assert_false (changed);
  g_assert_cmpint (version, ==, 1);

  /* Editing starts in the title. */
  rubric_scorecard_view_set_editing (view, TRUE);
  wait_settled (window);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), "Our own QA form");
  rubric_scorecard_view_save (view, &version, &changed, &error);
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_cmpint (version, ==, 2);
  g_assert_false (rubric_scorecard_view_get_editing (view));
}

/* GTK 4.8 has no API for the clicked column: the probe finds it. */
static void
test_column_sort (void)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  GtkColumnViewColumn *a = gtk_column_view_column_new ("A", NULL);
  GtkColumnViewColumn *b = gtk_column_view_column_new ("B", NULL);
  gboolean descending = FALSE;
  int key = -1;

  g_object_ref_sink (view);
  gtk_column_view_append_column (view, a);
  gtk_column_view_append_column (view, b);
  rubric_column_sort_set_key (a, 3);
  rubric_column_sort_set_key (b, 7);

  g_assert_false (rubric_column_sort_get (view, &key, &descending));

  gtk_column_view_sort_by_column (view, b, GTK_SORT_ASCENDING);
  g_assert_true (rubric_column_sort_get (view, &key, &descending));
  g_assert_cmpint (key, ==, 7);
  g_assert_false (descending);

  gtk_column_view_sort_by_column (view, a, GTK_SORT_DESCENDING);
  g_assert_true (rubric_column_sort_get (view, &key, &descending));
  g_assert_cmpint (key, ==, 3);
  g_assert_true (descending);

  g_object_unref (a);
  g_object_unref (b);
  g_object_unref (view);
}

typedef struct
{
  gboolean  finished;
  gboolean  ok;
  GError   *error;
} ExportResult;

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportResult *export = user_data;

  export->ok = rubric_export_evaluations_finish (result, &export->error);
  export->finished = TRUE;
}

static gboolean
write_half_then_fail (RubricDb       *db,
                      GOutputStream  *out,
                      gpointer        data,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_output_stream_write_all (out, "half", 4, NULL, NULL, NULL);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "failed half-way");
  return FALSE;
}

/* An export that fails half-way leaves an existing file as it was, and
 * makes no file where there was none. */
static void
test_export_fails_half_way (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *old_path = g_build_filename (fixture->dir, "old.csv", NULL);
  g_autofree char *new_path = g_build_filename (fixture->dir, "new.csv", NULL);
  g_autoptr(GFile) old_file = g_file_new_for_path (old_path);
  g_autoptr(GFile) new_file = g_file_new_for_path (new_path);
  const char *db_path = rubric_db_get_path (rubric_window_get_db (fixture->window));
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (old_path, "good", -1, NULL));
  g_assert_false (rubric_job_write_file (db_path, old_file, write_half_then_fail, NULL, NULL,
                                         &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (old_path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "good");

  g_assert_false (rubric_job_write_file (db_path, new_file, write_half_then_fail, NULL, NULL,
                                         &error));
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
}

/* The evaluations export writes the file from a worker thread; one that
 * fails (into a folder that does not exist) leaves nothing behind. */
static void
test_export_evaluations (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "evaluations.csv", NULL);
  g_autofree char *bad_path = g_build_filename (fixture->dir, "no", "such.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autofree char *text = NULL;
  ExportResult good = { FALSE, FALSE, NULL };
  ExportResult refused = { FALSE, FALSE, NULL };

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-sample", NULL);
  wait_settled (fixture->window);

  rubric_export_evaluations_async (rubric_window_get_db (fixture->window), NULL,
                                   RUBRIC_EXPORT_CSV, file, NULL, export_done_cb, &good);
  WAIT_FOR (good.finished);
  g_assert_no_error (good.error);
  g_assert_true (good.ok);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "id,vendor,agent,call,call_time,reviewer,"));
  g_assert_cmpuint (strlen (text), >, 1000);  /* the sample's 25 evaluations */

  rubric_export_evaluations_async (rubric_window_get_db (fixture->window), NULL,
                                   RUBRIC_EXPORT_XML, bad, NULL, export_done_cb, &refused);
  WAIT_FOR (refused.finished);
  g_assert_false (refused.ok);
  g_assert_error (refused.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&refused.error);
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      if (g_strcmp0 (g_getenv ("RUBRIC_REQUIRE_DISPLAY"), "1") == 0)
        g_error ("No display, and RUBRIC_REQUIRE_DISPLAY=1: run under xvfb-run");
      g_test_skip ("No display (run under xvfb-run)");
      return g_test_run ();
    }
  adw_init ();

  g_test_add_func ("/window/column-sort", test_column_sort);
  g_test_add ("/window/welcome-and-sample", Fixture, NULL, fixture_set_up,
              test_welcome_and_sample, fixture_tear_down);
  g_test_add ("/window/bad-import", Fixture, NULL, fixture_set_up,
              test_bad_import, fixture_tear_down);
  g_test_add ("/window/good-import", Fixture, NULL, fixture_set_up,
              test_good_import, fixture_tear_down);
  g_test_add ("/window/queue-log-mapping", Fixture, NULL, fixture_set_up,
              test_queue_log_mapping, fixture_tear_down);
  g_test_add ("/window/pages-render", Fixture, NULL, fixture_set_up,
              test_pages_render, fixture_tear_down);
  g_test_add ("/window/open-editor", Fixture, NULL, fixture_set_up,
              test_open_editor, fixture_tear_down);
  g_test_add ("/window/export-evaluations", Fixture, NULL, fixture_set_up,
              test_export_evaluations, fixture_tear_down);
  g_test_add ("/window/export-fails-half-way", Fixture, NULL, fixture_set_up,
              test_export_fails_half_way, fixture_tear_down);
  g_test_add ("/window/scorecard-edit", Fixture, NULL, fixture_set_up,
              test_scorecard_edit, fixture_tear_down);

  return g_test_run ();
}
