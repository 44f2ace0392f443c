/* test-team-app.c — team mode in the app: the database field, roles, the
 * offline strip, drafts kept on this computer, and the watch of others'
 * writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb like test-window.c, on SQLite: the window is made to
 * believe it is on a team database with rubric_window_set_team (), and a
 * lost server is an injected RUBRIC_ERROR_IO. The LISTEN test runs against
 * a real PostgreSQL server when RUBRIC_TEST_PG_URI names one (skipped
 * otherwise).
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "rubric-application.h"
#include "rubric-db-watch.h"
#include "rubric-drafts.h"
#include "rubric-error.h"
#include "rubric-evaluation-editor.h"
#include "rubric-evaluation-store.h"
#include "rubric-gui-test-util.h"
#include "rubric-preferences-window.h"
#include "rubric-sample.h"
#include "rubric-screenshots.h"
#include "rubric-team-secret.h"
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
  fixture->window = test_window_open (fixture->dir, "team.db", &fixture->app);
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
collect_actionables (GtkWidget  *widget,
                     const char *action,
                     GPtrArray  *found)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_actionables (child, action, found);
}

static GtkWidget *
find_label_with (GtkWidget  *widget,
                 const char *prefix)
{
  if (GTK_IS_LABEL (widget) &&
      g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ------------------------------------------------------- the password */

static void
test_strip_password (void)
{
  static const struct {
    const char *typed, *kept, *password;
  } cases[] = {
    { "postgresql://alice:s3cret@db.example/rubric?sslmode=require",
      "postgresql://alice@db.example/rubric?sslmode=require", "s3cret" },
    { "postgresql://db.example/rubric?password=p%40ss&sslmode=verify-full",
      "postgresql://db.example/rubric?sslmode=verify-full", "p@ss" },
    { "postgres://bob:a%3Ab@h1:5432,h2:5433/team", "postgres://bob@h1:5432,h2:5433/team", "a:b" },
    { "postgresql://alice@db.example/rubric", "postgresql://alice@db.example/rubric", NULL },
    { "postgresql:///rubric?host=/tmp/pg", "postgresql:///rubric?host=/tmp/pg", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *password = NULL;
      g_autofree char *kept = rubric_team_strip_password (cases[i].typed, &password);
      g_autofree char *back = rubric_team_add_password (kept, password);

      g_assert_cmpstr (kept, ==, cases[i].kept);
      g_assert_cmpstr (password, ==, cases[i].password);
      if (password != NULL)
        g_assert_nonnull (strstr (back, "password="));
    }
}

static void
test_preferences_location (Fixture       *fixture,
                           gconstpointer  data)
{
  GSettings *settings = rubric_application_get_settings (fixture->app);
  /* The URI in use has "&": shown as text, not markup (a warning, fatal
   * here, before). */
  GtkWidget *prefs = rubric_preferences_window_new (settings,
                                                    "postgresql://alice@/rubric?host=/run/pg&port=5432");
  RubricPreferencesWindow *self = RUBRIC_PREFERENCES_WINDOW (prefs);
  g_autofree char *value = NULL;

  gtk_window_present (GTK_WINDOW (prefs));

  /* Neither a full path nor a URI: refused, the setting unchanged. */
  g_assert_false (rubric_preferences_window_apply_location (self, "relative/rubric.db"));
  g_assert_false (rubric_preferences_window_apply_location (self, "https://db.example/rubric"));
  g_assert_false (rubric_preferences_window_apply_location (self, "postgresql://"));
  value = g_settings_get_string (settings, "database-path");
  g_assert_cmpstr (value, ==, "");
  g_clear_pointer (&value, g_free);

  /* A path. */
  g_assert_true (rubric_preferences_window_apply_location (self, "/srv/qa/rubric.db"));
  value = g_settings_get_string (settings, "database-path");
  g_assert_cmpstr (value, ==, "/srv/qa/rubric.db");
  g_clear_pointer (&value, g_free);

  /* A URI with a password: the setting (and the field) keep it without. */
  g_assert_true (rubric_preferences_window_apply_location (
    self, "postgresql://alice:s3cret@db.example/rubric?sslmode=verify-full"));
  value = g_settings_get_string (settings, "database-path");
  g_assert_cmpstr (value, ==, "postgresql://alice@db.example/rubric?sslmode=verify-full");
  g_assert_null (strstr (value, "s3cret"));
  g_clear_pointer (&value, g_free);

  g_assert_true (rubric_preferences_window_apply_location (
    self, "postgresql://db.example/rubric?password=s3cret"));
  value = g_settings_get_string (settings, "database-path");
  g_assert_cmpstr (value, ==, "postgresql://db.example/rubric");
  g_assert_null (find_label_with (prefs, "postgresql://db.example/rubric?password"));

  /* Nothing anywhere in the window shows it. */
  g_assert_null (find_label_with (prefs, "s3cret"));

  gtk_window_destroy (GTK_WINDOW (prefs));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* ------------------------------------------------------------- roles */

static void
test_roles (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) imports = g_ptr_array_new ();
  g_autoptr(GPtrArray) edits = g_ptr_array_new ();
  GtkWidget *line;

  /* Every page has its database (the vendors' import needs it). */
  rubric_window_show_page (fixture->window, "vendors");
  rubric_window_show_page (fixture->window, "scorecards");
  rubric_window_show_page (fixture->window, "review");
  wait_settled (fixture->window);

  collect_actionables (GTK_WIDGET (fixture->window), "win.import-calls", imports);
  collect_actionables (GTK_WIDGET (fixture->window), "scorecards.import", imports);
  collect_actionables (GTK_WIDGET (fixture->window), "vendors.import-contract", imports);
  collect_actionables (GTK_WIDGET (fixture->window), "win.load-sample", imports);
  g_assert_cmpuint (imports->len, >=, 4);
  collect_actionables (GTK_WIDGET (fixture->window), "scorecard.edit", edits);
  g_assert_cmpuint (edits->len, ==, 1);

  /* SQLite: one person, everything permitted, nobody signed in. */
  g_assert_null (find_label_with (GTK_WIDGET (fixture->window), "Signed in as"));
  for (guint i = 0; i < imports->len; i++)
    g_assert_true (gtk_widget_get_sensitive (g_ptr_array_index (imports, i)));

  rubric_window_set_team (fixture->window, TRUE, RUBRIC_DB_ROLE_REVIEWER, "alice");
  line = find_label_with (GTK_WIDGET (fixture->window), "Signed in as");
  g_assert_nonnull (line);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (line)), ==, "Signed in as alice · Reviewer");
  g_assert_true (gtk_widget_get_visible (line));
  g_assert_false (rubric_window_may (fixture->window, "win.import-calls"));
  /* Every button of an import says why it cannot be used. */
  for (guint i = 0; i < imports->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (imports, i);

      g_assert_false (gtk_widget_get_sensitive (button));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==,
                       "Only an admin of the team database may import or load sample data");
    }

  /* Nor change a scorecard. */
  g_assert_false (gtk_widget_get_sensitive (g_ptr_array_index (edits, 0)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (g_ptr_array_index (edits, 0)), ==,
                   "Only an admin of the team database may change a scorecard");

  /* A lead may not import either. */
  rubric_window_set_team (fixture->window, TRUE, RUBRIC_DB_ROLE_LEAD, "bob");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (line)), ==, "Signed in as bob · Lead");
  g_assert_false (gtk_widget_get_sensitive (g_ptr_array_index (imports, 0)));

  /* An admin may: the buttons get their own tooltips back. */
  rubric_window_set_team (fixture->window, TRUE, RUBRIC_DB_ROLE_ADMIN, "carol");
  g_assert_true (gtk_widget_get_sensitive (g_ptr_array_index (edits, 0)));
  for (guint i = 0; i < imports->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (imports, i);

      g_assert_true (gtk_widget_get_sensitive (button));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), !=,
                       "Only an admin of the team database may import or load sample data");
    }
  {
    gboolean own_back = FALSE;

    for (guint i = 0; i < imports->len; i++)
      own_back |= g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (imports, i)),
                             "Import (Ctrl+I)") == 0;
    g_assert_true (own_back);
  }
}

/* ----------------------------------------------------------- offline */

static void
test_offline (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) lost = g_error_new_literal (RUBRIC_ERROR, RUBRIC_ERROR_IO,
                                                "could not connect to server");
  g_autoptr(GError) refused = g_error_new_literal (RUBRIC_ERROR, RUBRIC_ERROR_NOT_PERMITTED,
                                                   "only an admin may import calls");
  GtkWidget *strip;

  /* On SQLite an IO error is not "offline". */
  g_assert_false (rubric_window_report_error (fixture->window, lost));
  g_assert_false (rubric_window_get_offline (fixture->window));

  rubric_window_set_team (fixture->window, TRUE, RUBRIC_DB_ROLE_REVIEWER, "alice");

  /* A refusal is a toast, not offline. */
  g_assert_true (rubric_window_report_error (fixture->window, refused));
  g_assert_false (rubric_window_get_offline (fixture->window));

  g_assert_true (rubric_window_report_error (fixture->window, lost));
  g_assert_true (rubric_window_get_offline (fixture->window));
  strip = find_label_with (GTK_WIDGET (fixture->window), "Offline — the team database");
  g_assert_nonnull (strip);
  g_assert_true (gtk_revealer_get_reveal_child (
    GTK_REVEALER (gtk_widget_get_ancestor (strip, GTK_TYPE_REVEALER))));

  /* The database answers (the worker's try opens it): the strip goes. */
  WAIT_FOR (!rubric_window_get_offline (fixture->window));
  g_assert_false (gtk_revealer_get_reveal_child (
    GTK_REVEALER (gtk_widget_get_ancestor (strip, GTK_TYPE_REVEALER))));
  wait_settled (fixture->window);
}

/* ------------------------------------------------------------ drafts */

static void
test_draft_kept (Fixture       *fixture,
                 gconstpointer  data)
{
  RubricDb *db = rubric_window_get_db (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) lost = g_error_new_literal (RUBRIC_ERROR, RUBRIC_ERROR_IO,
                                                "server closed the connection unexpectedly");
  g_autofree char *drafts = rubric_drafts_dir ();
  g_autofree char *file = NULL;
  g_autoptr(RubricEvaluation) stored = NULL;
  RubricEvaluationEditor *editor;
  RubricStmt *stmt;
  gint64 call_row;
  const char *uuid;

  g_assert_true (g_str_has_prefix (drafts, g_getenv ("XDG_STATE_HOME")));
  g_assert_true (rubric_sample_load (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_prepare_v2 (db, "SELECT id FROM calls ORDER BY id LIMIT 1", -1, &stmt,
                                    NULL), ==, TEST_OK);
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
  call_row = rubric_stmt_column_int64 (stmt, 0);
  rubric_stmt_finalize (stmt);

  rubric_window_set_team (fixture->window, TRUE, RUBRIC_DB_ROLE_REVIEWER, "alice");
  g_assert_true (rubric_window_open_evaluation (fixture->window, NULL, call_row));
  editor = RUBRIC_EVALUATION_EDITOR (rubric_window_get_editor (fixture->window));
  uuid = rubric_evaluation_editor_get_uuid (editor);
  file = g_strdup_printf ("%s/%s.xml", drafts, uuid);

  /* The server is gone: the answer is kept on this computer. */
  rubric_evaluation_editor_fail_saves (editor, lost);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.answer", "i", 1));
  g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));
  g_assert_true (rubric_evaluation_editor_get_kept_locally (editor));
  g_assert_nonnull (find_label_with (GTK_WIDGET (editor), "Saved on this computer"));
  g_assert_true (rubric_window_get_offline (fixture->window));
  g_assert_null (rubric_evaluation_store_load (db, uuid, NULL));

  /* Back: the draft goes to the database and the file is removed. */
  rubric_evaluation_editor_fail_saves (editor, NULL);
  WAIT_FOR (!rubric_window_get_offline (fixture->window));
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  g_assert_false (rubric_evaluation_editor_get_kept_locally (editor));
  stored = rubric_evaluation_store_load (db, uuid, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpuint (g_hash_table_size (stored->answers), ==, 1);
}

/* A draft kept by an earlier run is sent at the next start. */
static void
test_draft_sent (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "kept.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = rubric_db_open (path, &error);
  g_autoptr(RubricEvaluation) evaluation = NULL;
  g_autoptr(RubricEvaluation) stored = NULL;
  g_autofree char *drafts = rubric_drafts_dir ();
  RubricStmt *stmt;

  g_assert_no_error (error);
  g_assert_true (rubric_sample_load (db, &error));
  g_assert_cmpint (test_prepare_v2 (db, "SELECT uuid FROM evaluations ORDER BY id LIMIT 1", -1,
                                    &stmt, NULL), ==, TEST_OK);
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
  evaluation = rubric_evaluation_store_load (db, rubric_stmt_column_text (stmt, 0), &error);
  rubric_stmt_finalize (stmt);
  g_assert_no_error (error);
  g_free (evaluation->id);
  evaluation->id = g_strdup ("0b7e7d4e-2d4f-4c43-9b0e-1f1f5e1a0001");
  evaluation->status = RUBRIC_STATUS_DRAFT;
  g_assert_true (rubric_drafts_keep (evaluation, &error));
  g_assert_no_error (error);

  g_assert_cmpint (rubric_drafts_send (db, "alice", &error), ==, 1);
  g_assert_no_error (error);
  stored = rubric_evaluation_store_load (db, evaluation->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->status, ==, RUBRIC_STATUS_DRAFT);
  g_assert_cmpint (rubric_drafts_send (db, "alice", &error), ==, 0);

  g_clear_pointer (&db, rubric_db_close);
  test_rmdir (dir);
}

/* ------------------------------------------------------------ the watch */

static void
count_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
}

/* Another connection writes the SQLite file: the watch says so. */
static void
test_watch_sqlite (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "watched.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) own = rubric_db_open (path, &error);
  g_autoptr(RubricDb) other = NULL;
  g_autoptr(RubricDbWatch) watch = NULL;
  guint changes = 0;

  g_assert_no_error (error);
  watch = rubric_db_watch_new (path, count_cb, &changes, &error);
  g_assert_no_error (error);
  g_assert_true (rubric_db_watch_get_ready (watch));
  rubric_db_watch_set_own (watch, own);

  other = rubric_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (rubric_sample_load (other, &error));
  g_assert_no_error (error);
  WAIT_FOR (changes > 0);

  g_clear_pointer (&watch, rubric_db_watch_free);
  g_clear_pointer (&other, rubric_db_close);
  g_clear_pointer (&own, rubric_db_close);
  test_rmdir (dir);
}

/* The app: another process's import reloads the window without a restart. */
static void
test_watch_app (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "team.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) other = rubric_db_open (path, &error);
  guint changes = 0;
  gulong id;

  g_assert_no_error (error);
  id = g_signal_connect_swapped (fixture->app, "data-changed", G_CALLBACK (count_cb), &changes);
  g_assert_true (rubric_sample_load (other, &error));
  g_assert_no_error (error);
  WAIT_FOR (changes > 0);
  g_signal_handler_disconnect (fixture->app, id);
  wait_settled (fixture->window);
  g_assert_cmpstr (rubric_window_get_visible_page (fixture->window), ==, "review");
}

/* LISTEN on a real server: RUBRIC_TEST_PG_URI=postgresql:///db?host=/socket/dir */
static void
test_watch_postgres (void)
{
  const char *uri = g_getenv ("RUBRIC_TEST_PG_URI");
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDbWatch) watch = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  guint changes = 0;
  const char *argv[] = { "psql", "-X", "-q", "-d", uri, "-c",
                         "NOTIFY rubric_evaluations, 'test'", NULL };

  if (uri == NULL)
    {
      g_test_skip ("RUBRIC_TEST_PG_URI is not set");
      return;
    }

  watch = rubric_db_watch_new (uri, count_cb, &changes, &error);
  g_assert_no_error (error);
  WAIT_FOR (rubric_db_watch_get_ready (watch));

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  WAIT_FOR (changes > 0);
  g_assert_cmpuint (changes, ==, 1);

  /* The server drops the listening connection: the watch connects again
   * and says once that it may have missed something; then it hears again. */
  argv[6] = "SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
            "WHERE query LIKE 'LISTEN %'";
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  WAIT_FOR (changes == 2);
  WAIT_FOR (rubric_db_watch_get_ready (watch));
  argv[6] = "NOTIFY rubric_evaluations, 'again'";
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  WAIT_FOR (changes == 3);
}

/* Whether a leaflet in @widget's tree is still sliding. */
static gboolean
leaflet_moving (GtkWidget *widget)
{
  if (ADW_IS_LEAFLET (widget) && adw_leaflet_get_child_transition_running (ADW_LEAFLET (widget)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (leaflet_moving (child))
      return TRUE;
  return FALSE;
}

/* Pictures of team mode, when RUBRIC_TEST_SHOTS=DIR (LANGUAGE=fr for the
 * French ones): the window of a reviewer, offline, at 360, 800 and 1400
 * px; the editor keeping a draft; the preferences with a team database. */
static void
test_shots (Fixture       *fixture,
            gconstpointer  data)
{
  const char *dir = g_getenv ("RUBRIC_TEST_SHOTS");
  static const int widths[] = { 1400, 800, 360 };
  RubricDb *db = rubric_window_get_db (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) lost = g_error_new_literal (RUBRIC_ERROR, RUBRIC_ERROR_IO, "lost");
  GSettings *settings = rubric_application_get_settings (fixture->app);
  GtkWidget *prefs;
  RubricStmt *stmt;
  gint64 call_row;

  if (dir == NULL)
    {
      g_test_skip ("RUBRIC_TEST_SHOTS is not set");
      return;
    }

  /* Pictures of where things settle, not of a transition on its way (as
   * rubric-screenshots.c does). */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_mkdir_with_parents (dir, 0755);

  g_assert_true (rubric_sample_load (db, &error));
  rubric_window_refresh (fixture->window);
  rubric_window_set_team (fixture->window, TRUE, RUBRIC_DB_ROLE_REVIEWER, "alice");
  /* Offline, without the worker's try putting it back at once. */
  g_assert_true (rubric_window_report_error (fixture->window, lost));

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    for (guint side = 0; side < 2; side++)
      {
        g_autofree char *path = NULL;

        /* Narrow, the sidebar (with the role line) is a page of its own. */
        if (side == 1 && widths[i] > 400)
          continue;
        gtk_window_set_default_size (GTK_WINDOW (fixture->window), widths[i], 760);
        rubric_window_show_page (fixture->window, "vendors");
        if (side == 1)
          adw_leaflet_navigate (ADW_LEAFLET (gtk_widget_get_ancestor (
                                  rubric_window_get_page_widget (fixture->window, "vendors"),
                                  ADW_TYPE_LEAFLET)),
                                ADW_NAVIGATION_DIRECTION_BACK);
        wait_settled (fixture->window);
        WAIT_FOR (!leaflet_moving (GTK_WIDGET (fixture->window)));
        wait_settled (fixture->window);
        path = g_strdup_printf ("%s/team-window-%d%s.png", dir, widths[i],
                                side == 1 ? "-sidebar" : "");
        g_assert_true (rubric_widget_save_png (GTK_WIDGET (fixture->window), path, &error));
        g_assert_no_error (error);
      }

  /* The editor keeping a draft on this computer. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 760);
  g_assert_cmpint (test_prepare_v2 (db, "SELECT id FROM calls ORDER BY id LIMIT 1", -1, &stmt,
                                    NULL), ==, TEST_OK);
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
  call_row = rubric_stmt_column_int64 (stmt, 0);
  rubric_stmt_finalize (stmt);
  g_assert_true (rubric_window_open_evaluation (fixture->window, NULL, call_row));
  {
    GtkWidget *editor = rubric_window_get_editor (fixture->window);
    g_autofree char *path = g_strdup_printf ("%s/team-editor-kept.png", dir);

    rubric_evaluation_editor_fail_saves (RUBRIC_EVALUATION_EDITOR (editor), lost);
    gtk_widget_activate_action (editor, "editor.answer", "i", 1);
    WAIT_FOR (!gtk_stack_get_transition_running (GTK_STACK (gtk_widget_get_ancestor (
      editor, GTK_TYPE_STACK))));
    wait_settled (fixture->window);
    g_assert_true (rubric_widget_save_png (GTK_WIDGET (fixture->window), path, &error));
    g_assert_no_error (error);
    rubric_evaluation_editor_fail_saves (RUBRIC_EVALUATION_EDITOR (editor), NULL);
  }

  g_settings_set_string (settings, "database-path",
                         "postgresql://alice@qa.example/rubric?sslmode=verify-full");
  prefs = rubric_preferences_window_new (settings,
                                         "postgresql://alice@qa.example/rubric?sslmode=verify-full");
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/team-preferences-%d.png", dir, widths[i]);
      TestSettle settle = { fixture->window, 0 };

      gtk_window_set_default_size (GTK_WINDOW (prefs), MIN (widths[i], 800), 900);
      gtk_window_present (GTK_WINDOW (prefs));
      gtk_widget_add_tick_callback (prefs, test_settle_tick_cb, &settle, NULL);
      WAIT_FOR (settle.settled >= 3);
      g_assert_true (rubric_widget_save_png (prefs, path, &error));
      g_assert_no_error (error);
    }
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* Opening a team database whose server is not there: the message names
 * the database without its password, and the connection attempt is
 * bounded. */
static void
test_open_unreachable (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *uri = g_strdup_printf ("postgresql://alice:s3cret@/rubric?host=%s&port=1", dir);
  g_autoptr(RubricApplication) app = rubric_application_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (rubric_application_open_database (app, uri, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO);
  g_assert_null (strstr (error->message, "s3cret"));
  g_assert_nonnull (strstr (error->message, "alice"));
  g_assert_nonnull (strstr (error->message, "connect_timeout=10"));
  g_assert_null (rubric_application_get_db (app));
  test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = NULL;

  /* The drafts folder of these tests, not the user's. */
  state = g_dir_make_tmp ("rubric-team-state-XXXXXX", NULL);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
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
  g_test_add_func ("/team/strip-password", test_strip_password);
  g_test_add_func ("/team/draft-sent", test_draft_sent);
  g_test_add_func ("/team/watch-sqlite", test_watch_sqlite);
  g_test_add_func ("/team/watch-postgres", test_watch_postgres);
  g_test_add_func ("/team/open-unreachable", test_open_unreachable);
  g_test_add ("/team/preferences-location", Fixture, NULL, fixture_set_up,
              test_preferences_location, fixture_tear_down);
  g_test_add ("/team/roles", Fixture, NULL, fixture_set_up, test_roles, fixture_tear_down);
  g_test_add ("/team/offline", Fixture, NULL, fixture_set_up, test_offline, fixture_tear_down);
  g_test_add ("/team/draft-kept", Fixture, NULL, fixture_set_up, test_draft_kept,
              fixture_tear_down);
  g_test_add ("/team/watch-app", Fixture, NULL, fixture_set_up, test_watch_app,
              fixture_tear_down);
  g_test_add ("/team/shots", Fixture, NULL, fixture_set_up, test_shots, fixture_tear_down);

  return g_test_run ();
}
