/* test-conflict.c — the editor's save meets another machine's save
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb like test-editor.c. The other machine is a second
 * connection to the same database that saves behind the editor's back.
 * With RUBRIC_SCREENSHOT_DIR set, /conflict/screenshot writes
 * conflict-WIDTH-LANG.png and conflict-reason-WIDTH-LANG.png there.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "rubric-criterion-row.h"
#include "rubric-drafts.h"
#include "rubric-error.h"
#include "rubric-evaluation-conflict.h"
#include "rubric-evaluation-editor.h"
#include "rubric-evaluation-store.h"
#include "rubric-gui-test-util.h"
#include "rubric-sample.h"

typedef struct
{
  char       *dir;
  char       *path;
  RubricDb   *db;
  gint64      call_row;
  GtkWindow  *window;
  GtkWidget  *editor;
} Fixture;

static guint
count_message_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        n++;
    }
  return n;
}

/* What a click on the response's button does: the response, then the
 * dialog closes. */
static void
respond (GtkWidget  *dialog,
         const char *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static RubricCriterionRow *
row_at (Fixture *fixture,
        guint    index)
{
  g_autoptr(GPtrArray) rows = test_find_all (fixture->editor, RUBRIC_TYPE_CRITERION_ROW);

  g_assert_cmpuint (index, <, rows->len);
  return g_ptr_array_index (rows, index);
}

static const char *
key_at (Fixture *fixture,
        guint    index)
{
  return rubric_criterion_row_get_criterion (row_at (fixture, index))->key;
}

/* Answers criterion @index with @digit the way J, K and the digits do. */
static void
answer (Fixture *fixture,
        guint    index,
        int      digit)
{
  g_autoptr(GPtrArray) rows = test_find_all (fixture->editor, RUBRIC_TYPE_CRITERION_ROW);

  while (!gtk_widget_has_css_class (g_ptr_array_index (rows, index), "rubric-current"))
    {
      guint current = 0;

      while (!gtk_widget_has_css_class (g_ptr_array_index (rows, current), "rubric-current"))
        current++;
      gtk_widget_activate_action (fixture->editor,
                                  current < index ? "editor.next-criterion"
                                                  : "editor.previous-criterion", NULL);
    }
  g_assert_true (gtk_widget_activate_action (fixture->editor, "editor.answer", "i", digit));
}

static void
open_editor_sized (Fixture *fixture,
                   int      width,
                   int      height)
{
  g_autoptr(GError) error = NULL;

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, width, height);
  fixture->editor = rubric_evaluation_editor_new ();
  gtk_window_set_child (fixture->window, fixture->editor);
  g_assert_true (rubric_evaluation_editor_load (RUBRIC_EVALUATION_EDITOR (fixture->editor),
                                                fixture->db, NULL, fixture->call_row,
                                                "tester", &error));
  g_assert_no_error (error);
  gtk_window_present (fixture->window);
  WAIT_FOR (gtk_widget_get_width (fixture->editor) > 0);
  test_wait_frames (fixture->editor, 3);
}

static void
close_editor (Fixture *fixture)
{
  GtkWidget *editor = fixture->editor;

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &fixture->editor);
  gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  WAIT_FOR (fixture->editor == NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RubricStmt *stmt;

  fixture->dir = test_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "rubric.db", NULL);
  fixture->db = rubric_db_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (rubric_sample_load (fixture->db, &error));
  g_assert_no_error (error);

  g_assert_cmpint (test_prepare_v2 (fixture->db, "SELECT id FROM calls ORDER BY id LIMIT 1",
                                    -1, &stmt, NULL), ==, TEST_OK);
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
  fixture->call_row = rubric_stmt_column_int64 (stmt, 0);
  rubric_stmt_finalize (stmt);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    close_editor (fixture);
  rubric_db_close (fixture->db);
  test_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Another machine (a second connection) sets criterion @index to the value
 * of @digit and saves, as ben. Returns that value. */
static char *
save_behind_back (Fixture *fixture,
                  guint    index,
                  int      digit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) other = rubric_db_open (fixture->path, &error);
  g_autoptr(RubricEvaluation) theirs = NULL;
  const char *uuid = rubric_evaluation_editor_get_uuid (RUBRIC_EVALUATION_EDITOR (fixture->editor));
  char *value = rubric_criterion_row_value_for_digit (row_at (fixture, index), digit);

  g_assert_no_error (error);
  theirs = rubric_evaluation_store_load (other, uuid, &error);
  g_assert_no_error (error);
  rubric_evaluation_set_answer (theirs, key_at (fixture, index), value);
  g_assert_true (rubric_evaluation_store_save (other, theirs, "ben", NULL, &error));
  g_assert_no_error (error);
  return value;
}

static RubricEvaluation *
load_stored (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  const char *uuid = rubric_evaluation_editor_get_uuid (RUBRIC_EVALUATION_EDITOR (fixture->editor));
  RubricEvaluation *stored = rubric_evaluation_store_load (fixture->db, uuid, &error);

  g_assert_no_error (error);
  return stored;
}

/* The editor's draft is saved behind its back: its next autosave asks,
 * once; Reload shows theirs; Keep Mine with a reason writes mine and the
 * history has the reason. */
static void
test_reload_and_keep_mine (Fixture       *fixture,
                           gconstpointer  data)
{
  RubricEvaluationEditor *editor;
  g_autoptr(RubricEvaluation) stored = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *theirs_again = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *uuid = NULL;
  RubricHistoryEntry *entry;
  GtkWidget *dialog;
  const char *body;

  open_editor_sized (fixture, 1200, 860);
  editor = RUBRIC_EVALUATION_EDITOR (fixture->editor);

  /* The draft is stored on its first answer. */
  answer (fixture, 0, 1);
  uuid = g_strdup (rubric_evaluation_editor_get_uuid (editor));
  g_assert_nonnull (uuid);
  stored = load_stored (fixture);
  g_assert_cmpint (stored->revision, ==, 1);
  g_clear_pointer (&stored, rubric_evaluation_free);

  theirs = save_behind_back (fixture, 5, 1);

  /* The next change conflicts: one dialog naming who and when. */
  mine = rubric_criterion_row_value_for_digit (row_at (fixture, 1), 1);
  answer (fixture, 1, 1);
  WAIT_FOR ((dialog = rubric_evaluation_conflict_get_dialog (editor)) != NULL &&
            gtk_widget_get_visible (dialog));
  g_assert_true (rubric_evaluation_conflict_pending (editor));
  g_assert_cmpuint (count_message_dialogs (), ==, 1);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "saved this evaluation at"));
  g_assert_null (strstr (body, rubric_evaluation_editor_get_uuid (editor)));
  g_assert_nonnull (strstr (body, "tester"));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  /* Neither Enter nor Escape drops the changes made here. */
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "keep");
  g_assert_cmpstr (adw_message_dialog_get_close_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "keep");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                                               "reload"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);

  /* More changes wait: no second dialog, nothing written. */
  answer (fixture, 2, 1);
  test_wait_frames (fixture->editor, 3);
  g_assert_cmpuint (count_message_dialogs (), ==, 1);
  stored = load_stored (fixture);
  g_assert_cmpint (stored->revision, ==, 2);
  g_assert_null (rubric_evaluation_get_answer (stored, key_at (fixture, 1)));
  g_assert_cmpstr (rubric_evaluation_get_answer (stored, key_at (fixture, 5)), ==, theirs);
  g_clear_pointer (&stored, rubric_evaluation_free);

  /* Reload: their version in the form, mine gone, saves resume. */
  respond (dialog, "reload");
  WAIT_FOR (count_message_dialogs () == 0);
  g_assert_false (rubric_evaluation_conflict_pending (editor));
  g_assert_cmpstr (rubric_criterion_row_get_answer (row_at (fixture, 5)), ==, theirs);
  g_assert_null (rubric_criterion_row_get_answer (row_at (fixture, 1)));
  g_assert_null (rubric_criterion_row_get_answer (row_at (fixture, 2)));

  /* Saved behind its back again, and changed here again: Keep Mine. */
  theirs_again = save_behind_back (fixture, 5, 2);
  g_assert_cmpstr (theirs_again, !=, theirs);
  answer (fixture, 1, 1);
  WAIT_FOR ((dialog = rubric_evaluation_conflict_get_dialog (editor)) != NULL &&
            gtk_widget_get_visible (dialog));
  respond (dialog, "keep");

  /* The reason is asked, required. */
  WAIT_FOR ((dialog = rubric_evaluation_conflict_get_dialog (editor)) != NULL &&
            gtk_widget_get_visible (dialog));
  g_assert_cmpuint (count_message_dialogs (), ==, 1);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "keep"));
  entries = test_find_all (dialog, GTK_TYPE_TEXT);
  g_assert_cmpuint (entries->len, ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (entries, 0)), "Listened to it again");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "keep"));
  respond (dialog, "keep");
  WAIT_FOR (count_message_dialogs () == 0);
  g_assert_false (rubric_evaluation_conflict_pending (editor));

  /* Mine is stored; theirs and mine are in the history with the reason. */
  stored = load_stored (fixture);
  g_assert_cmpint (stored->revision, ==, 4);
  g_assert_cmpstr (rubric_evaluation_get_answer (stored, key_at (fixture, 1)), ==, mine);
  g_assert_cmpstr (rubric_evaluation_get_answer (stored, key_at (fixture, 5)), ==, theirs);
  g_assert_cmpstr (rubric_criterion_row_get_answer (row_at (fixture, 1)), ==, mine);
  history = rubric_evaluation_store_history (fixture->db, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  entry = g_ptr_array_index (history, 0);
  g_assert_cmpstr (entry->reason, ==, "Listened to it again");
  g_assert_cmpstr (entry->changed_by, ==, "tester");
  {
    g_autofree char *theirs_xml = g_strdup_printf ("criterion=\"%s\" value=\"%s\"",
                                                   key_at (fixture, 5), theirs_again);
    g_autofree char *mine_xml = g_strdup_printf ("criterion=\"%s\" value=\"%s\"",
                                                 key_at (fixture, 1), mine);

    g_assert_nonnull (strstr (entry->before, theirs_xml));
    g_assert_null (strstr (entry->before, mine_xml));
    g_assert_nonnull (strstr (entry->after, mine_xml));
  }

  /* Saves go on as before. */
  answer (fixture, 3, 1);
  g_clear_pointer (&stored, rubric_evaluation_free);
  stored = load_stored (fixture);
  g_assert_cmpint (stored->revision, ==, 5);
}

/* A draft kept on this computer while offline carries no revision: sent
 * back over the stored evaluation, it is kept, and the stored version goes
 * into the history beside it instead of the send failing. */
static void
test_kept_draft_sent (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RubricEvaluation) kept = NULL;
  g_autoptr(RubricEvaluation) stored = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *value = NULL;
  RubricHistoryEntry *entry;

  open_editor_sized (fixture, 1200, 860);
  answer (fixture, 0, 1);
  uuid = g_strdup (rubric_evaluation_editor_get_uuid (RUBRIC_EVALUATION_EDITOR (fixture->editor)));
  value = rubric_criterion_row_value_for_digit (row_at (fixture, 1), 1);

  kept = load_stored (fixture);
  rubric_evaluation_set_answer (kept, key_at (fixture, 1), value);
  kept->revision = 0;   /* as read back from the kept file */
  g_assert_true (rubric_drafts_keep (kept, &error));
  g_assert_no_error (error);

  g_assert_cmpint (rubric_drafts_send (fixture->db, "tester", &error), ==, 1);
  g_assert_no_error (error);
  stored = load_stored (fixture);
  g_assert_cmpstr (rubric_evaluation_get_answer (stored, key_at (fixture, 1)), ==, value);
  history = rubric_evaluation_store_history (fixture->db, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  entry = g_ptr_array_index (history, 0);
  g_assert_cmpstr (entry->reason, ==, "Kept on this computer while offline");
  g_assert_cmpint (rubric_drafts_send (fixture->db, "tester", &error), ==, 0);
}

static void
take_screenshot (GtkWidget  *widget,
                 const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *dir = g_getenv ("RUBRIC_SCREENSHOT_DIR");
  const char *lang = g_getenv ("LANGUAGE");
  static const int widths[] = { 360, 800, 1400 };

  if (dir == NULL)
    {
      g_test_skip ("RUBRIC_SCREENSHOT_DIR is not set");
      return;
    }

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      RubricEvaluationEditor *editor;
      g_autofree char *theirs = NULL;
      g_autofree char *path = NULL;
      GtkWidget *dialog;
      GtkWidget *text;

      open_editor_sized (fixture, widths[w], 860);
      editor = RUBRIC_EVALUATION_EDITOR (fixture->editor);
      answer (fixture, 0, 1);
      theirs = save_behind_back (fixture, 5, 1);
      answer (fixture, 1, 1);
      WAIT_FOR ((dialog = rubric_evaluation_conflict_get_dialog (editor)) != NULL &&
                gtk_widget_get_width (dialog) > 0);
      test_wait_frames (dialog, 30);
      path = g_strdup_printf ("%s/conflict-%d-%s.png", dir, widths[w], lang && *lang ? lang : "en");
      take_screenshot (dialog, path);
      g_test_message ("wrote %s", path);

      respond (dialog, "keep");
      WAIT_FOR ((dialog = rubric_evaluation_conflict_get_dialog (editor)) != NULL &&
                gtk_widget_get_width (dialog) > 0);
      {
        g_autoptr(GPtrArray) texts = test_find_all (dialog, GTK_TYPE_TEXT);

        text = g_ptr_array_index (texts, 0);
      }
      gtk_editable_set_text (GTK_EDITABLE (text), _("Listened to the call again"));
      test_wait_frames (dialog, 30);
      g_free (path);
      path = g_strdup_printf ("%s/conflict-reason-%d-%s.png", dir, widths[w],
                              lang && *lang ? lang : "en");
      take_screenshot (dialog, path);
      g_test_message ("wrote %s", path);
      respond (dialog, "keep");
      WAIT_FOR (count_message_dialogs () == 0);
      close_editor (fixture);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("RUBRIC_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  g_setenv ("GTK_A11Y", "test", TRUE);
  {
    /* Drafts kept on this computer go to a folder of the test's own. */
    g_autofree char *state = test_tmpdir ();

    g_setenv ("XDG_STATE_HOME", state, TRUE);
  }

  if (!gtk_init_check ())
    {
      if (g_strcmp0 (g_getenv ("RUBRIC_REQUIRE_DISPLAY"), "1") == 0)
        g_error ("no display, and RUBRIC_REQUIRE_DISPLAY=1");
      g_test_skip ("no display");
      return g_test_run ();
    }
  adw_init ();

  g_test_add ("/conflict/reload-and-keep-mine", Fixture, NULL,
              fixture_set_up, test_reload_and_keep_mine, fixture_tear_down);
  g_test_add ("/conflict/kept-draft-sent", Fixture, NULL,
              fixture_set_up, test_kept_draft_sent, fixture_tear_down);
  g_test_add ("/conflict/screenshot", Fixture, NULL,
              fixture_set_up, test_screenshot, fixture_tear_down);

  return g_test_run ();
}
