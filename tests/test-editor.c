/* test-editor.c — the evaluation editor driven the way the keys drive it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (GDK_BACKEND=x11 GSK_RENDERER=cairo); skips without a
 * display unless RUBRIC_REQUIRE_DISPLAY=1. GTK_A11Y is set to "test": the
 * accessible properties a screen reader would read are kept and checked,
 * without a session bus. With
 * RUBRIC_SCREENSHOT_DIR set, /editor/screenshot writes editor-LANG.png there.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "rubric-audio-player.h"
#include "rubric-audio-stream.h"
#include "rubric-call-record.h"
#include "rubric-criterion-row.h"
#include "rubric-error.h"
#include "rubric-evaluation-editor.h"
#include "rubric-evaluation-store.h"
#include "rubric-gui-test-util.h"
#include "rubric-preferences-window.h"
#include "rubric-review-page.h"
#include "rubric-sample.h"
#include "rubric-score-panel.h"
#include "rubric-scorecard-store.h"

typedef struct
{
  char             *dir;
  RubricDb         *db;
  gint64            call_row;   /* a sample call with a recording */
  RubricScorecard  *scorecard;
  GtkWindow        *window;
  GtkWidget        *editor;
} Fixture;

static gpointer
find_one (GtkWidget *widget,
          GType      type)
{
  g_autoptr(GPtrArray) found = test_find_all (widget, type);

  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_index (found, 0);
}

/* Moves the current criterion to @index the way J and K do. */
static void
go_to_criterion (Fixture *fixture,
                 guint    index)
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
}

static gboolean
has_label_containing (GtkWidget  *widget,
                      const char *text)
{
  g_autoptr(GPtrArray) labels = test_find_all (widget, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), text) != NULL)
      return TRUE;
  return FALSE;
}

/* What a screen reader reads as @accessible's description (GTK_A11Y=test
 * keeps it). */
static void
assert_description (gpointer    accessible,
                    const char *expected)
{
  g_autofree char *actual = gtk_test_accessible_check_property (GTK_ACCESSIBLE (accessible),
                                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                                expected);

  if (actual != NULL)
    g_error ("%s says \"%s\", not \"%s\"", G_OBJECT_TYPE_NAME (accessible), actual, expected);
}

static void
open_editor_sized (Fixture    *fixture,
                   const char *uuid,
                   int         width,
                   int         height)
{
  g_autoptr(GError) error = NULL;

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, width, height);
  fixture->editor = rubric_evaluation_editor_new ();
  gtk_window_set_child (fixture->window, fixture->editor);
  g_assert_true (rubric_evaluation_editor_load (RUBRIC_EVALUATION_EDITOR (fixture->editor),
                                                fixture->db, uuid,
                                                uuid ? 0 : fixture->call_row,
                                                "tester", &error));
  g_assert_no_error (error);
  gtk_window_present (fixture->window);
  WAIT_FOR (gtk_widget_get_width (fixture->editor) > 0);
  test_wait_frames (fixture->editor, 3);
}

static void
open_editor (Fixture    *fixture,
             const char *uuid)
{
  open_editor_sized (fixture, uuid, 1200, 860);
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
  g_autofree char *path = NULL;
  RubricStmt *stmt;

  fixture->dir = test_tmpdir ();
  path = g_build_filename (fixture->dir, "rubric.db", NULL);
  fixture->db = rubric_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (rubric_sample_load (fixture->db, &error));
  g_assert_no_error (error);

  g_assert_cmpint (test_prepare_v2 (fixture->db,
                                       "SELECT id FROM calls WHERE recording IS NOT NULL "
                                       "ORDER BY id LIMIT 1", -1, &stmt, NULL), ==, TEST_OK);
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_ROW);
  fixture->call_row = rubric_stmt_column_int64 (stmt, 0);
  rubric_stmt_finalize (stmt);

  fixture->scorecard = rubric_scorecard_store_load (fixture->db, "contact-centre-qa", 0, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    close_editor (fixture);
  rubric_scorecard_unref (fixture->scorecard);
  rubric_db_close (fixture->db);
  test_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* The digit a reviewer would press for criterion @i, varied over the types. */
static int
digit_for (RubricCriterion *criterion,
           guint            i)
{
  switch (criterion->type)
    {
    case RUBRIC_ANSWER_YES_NO:
      return criterion->na && i % 3 == 0 ? 3 : 1 + i % 2;
    case RUBRIC_ANSWER_SCALE:
      return criterion->min + (int) (i % (guint) (criterion->max - criterion->min + 1));
    case RUBRIC_ANSWER_CHOICE:
      /* Never the 0-credit last option of a critical criterion here. */
      return 1 + (int) (i % 2);
    default:
      g_assert_not_reached ();
    }
}

/* Answers the current criterion with a digit, which moves on to the next
 * one; records the answer the row now shows in @expected. */
static void
answer_current (Fixture    *fixture,
                GPtrArray  *rows,
                guint       i,
                GHashTable *expected)
{
  RubricCriterionRow *row = g_ptr_array_index (rows, i);
  RubricCriterion *criterion = rubric_criterion_row_get_criterion (row);
  g_autofree char *value = rubric_criterion_row_value_for_digit (row, digit_for (criterion, i));

  g_assert_nonnull (value);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "rubric-current"));
  g_assert_true (gtk_widget_activate_action (fixture->editor, "editor.answer", "i",
                                             digit_for (criterion, i)));
  g_assert_cmpstr (rubric_criterion_row_get_answer (row), ==, value);
  g_hash_table_insert (expected, g_strdup (criterion->key), g_strdup (value));
  /* On to the next one (the last stays). */
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (rows, MIN (i + 1, rows->len - 1)),
                                           "rubric-current"));
}

static void
assert_shown_score (Fixture    *fixture,
                    GHashTable *answers)
{
  RubricScorePanel *panel = find_one (fixture->editor, RUBRIC_TYPE_SCORE_PANEL);
  g_autoptr(RubricScore) score = rubric_score_compute (fixture->scorecard, answers);
  g_autofree char *expected = rubric_format_score (score->overall);

  g_assert_cmpstr (rubric_score_panel_get_overall_text (panel), ==, expected);
}

static void
assert_stored (Fixture    *fixture,
               const char *uuid,
               GHashTable *answers,
               RubricStatus status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricEvaluation) stored = rubric_evaluation_store_load (fixture->db, uuid, &error);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_no_error (error);
  g_assert_cmpint (stored->status, ==, status);
  g_assert_cmpuint (g_hash_table_size (stored->answers), ==, g_hash_table_size (answers));
  g_hash_table_iter_init (&iter, answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (rubric_evaluation_get_answer (stored, key), ==, value);
}

static GtkWidget *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static void
on_submitted (GtkWidget  *editor,
              const char *uuid,
              char      **out)
{
  g_free (*out);
  *out = g_strdup (uuid);
}

static void
test_score_and_submit (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *submitted = NULL;
  RubricCriterionRow *last;
  guint half;

  open_editor (fixture, NULL);
  uuid = g_strdup (rubric_evaluation_editor_get_uuid (RUBRIC_EVALUATION_EDITOR (fixture->editor)));
  rows = test_find_all (fixture->editor, RUBRIC_TYPE_CRITERION_ROW);
  g_assert_cmpuint (rows->len, ==, fixture->scorecard->criteria->len);
  half = rows->len / 2;

  /* Nothing answered: the score is undefined, and nothing is stored yet. */
  assert_shown_score (fixture, expected);

  /* The first half, then J back and forth: K returns to the previous one. */
  for (guint i = 0; i < half; i++)
    {
      answer_current (fixture, rows, i, expected);
      assert_shown_score (fixture, expected);
    }
  gtk_widget_activate_action (fixture->editor, "editor.previous-criterion", NULL);
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (rows, half - 1), "rubric-current"));
  gtk_widget_activate_action (fixture->editor, "editor.next-criterion", NULL);
  assert_stored (fixture, uuid, expected, RUBRIC_STATUS_DRAFT);

  /* Autosave: the editor goes away mid-way; the draft comes back whole. */
  close_editor (fixture);
  g_clear_pointer (&rows, g_ptr_array_unref);
  open_editor (fixture, uuid);
  rows = test_find_all (fixture->editor, RUBRIC_TYPE_CRITERION_ROW);
  for (guint i = 0; i < rows->len; i++)
    {
      RubricCriterionRow *row = g_ptr_array_index (rows, i);

      g_assert_cmpstr (rubric_criterion_row_get_answer (row), ==,
                       g_hash_table_lookup (expected,
                                            rubric_criterion_row_get_criterion (row)->key));
    }
  assert_shown_score (fixture, expected);
  /* It reopens on the first criterion left to answer. */
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (rows, half), "rubric-current"));

  /* All but the last: submitting is refused, and the form is on the one
   * left, with a toast that says how many are left (no dialog to read). */
  for (guint i = half; i + 1 < rows->len; i++)
    answer_current (fixture, rows, i, expected);
  last = g_ptr_array_index (rows, rows->len - 1);
  go_to_criterion (fixture, 0);
  g_signal_connect (fixture->editor, "submitted", G_CALLBACK (on_submitted), &submitted);
  gtk_widget_activate_action (fixture->editor, "editor.submit", NULL);
  g_assert_null (find_message_dialog ());
  g_assert_null (submitted);
  assert_stored (fixture, uuid, expected, RUBRIC_STATUS_DRAFT);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (last), "rubric-current"));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == GTK_WIDGET (last));
  g_assert_true (has_label_containing (fixture->editor, "1 criterion is not answered yet"));
  /* The banner says it too, for whoever missed the toast. */
  {
    g_autoptr(GPtrArray) revealers = test_find_all (fixture->editor, GTK_TYPE_REVEALER);
    gboolean banner = FALSE;

    for (guint i = 0; i < revealers->len; i++)
      banner |= gtk_revealer_get_reveal_child (g_ptr_array_index (revealers, i)) &&
                has_label_containing (g_ptr_array_index (revealers, i),
                                      "1 criterion is not answered yet: criterion 18");
    g_assert_true (banner);
  }

  /* The last one: the banner that counted them down goes; then
   * Ctrl+Return. */
  answer_current (fixture, rows, rows->len - 1, expected);
  {
    g_autoptr(GPtrArray) revealers = test_find_all (fixture->editor, GTK_TYPE_REVEALER);

    for (guint i = 0; i < revealers->len; i++)
      if (gtk_revealer_get_reveal_child (g_ptr_array_index (revealers, i)))
        g_assert_false (has_label_containing (g_ptr_array_index (revealers, i),
                                              "not answered yet"));
  }
  assert_shown_score (fixture, expected);
  gtk_widget_activate_action (fixture->editor, "editor.submit", NULL);
  g_assert_cmpstr (submitted, ==, uuid);
  assert_stored (fixture, uuid, expected, RUBRIC_STATUS_SUBMITTED);
  assert_shown_score (fixture, expected);

  /* Submitted is read-only: the keys no longer change answers. */
  gtk_widget_activate_action (fixture->editor, "editor.previous-criterion", NULL);
  gtk_widget_activate_action (fixture->editor, "editor.answer", "i", 2);
  assert_stored (fixture, uuid, expected, RUBRIC_STATUS_SUBMITTED);

  /* And it looks it: a banner says so, the answers not given are dimmed
   * (insensitive), the chosen ones stay readable and marked, none takes a
   * click. */
  g_assert_true (has_label_containing (fixture->editor, "Submitted — read only"));
  for (guint i = 0; i < rows->len; i++)
    {
      RubricCriterionRow *row = g_ptr_array_index (rows, i);
      const char *answer = rubric_criterion_row_get_answer (row);
      GtkWidget *chosen = rubric_criterion_row_get_answer_button (row, answer);
      g_autoptr(GPtrArray) buttons = test_find_all (GTK_WIDGET (row), GTK_TYPE_TOGGLE_BUTTON);

      g_assert_nonnull (chosen);
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "rubric-read-only"));
      for (guint b = 0; b < buttons->len; b++)
        {
          GtkWidget *button = g_ptr_array_index (buttons, b);

          if (button == gtk_widget_get_first_child (GTK_WIDGET (row)) ||
              gtk_widget_get_parent (button) != gtk_widget_get_parent (chosen))
            continue;  /* the guidance button */
          g_assert_false (gtk_widget_get_can_target (button));
          g_assert_false (gtk_widget_get_focusable (button));
          g_assert_cmpint (gtk_widget_get_sensitive (button), ==, button == chosen);
          g_assert_cmpint (gtk_widget_has_css_class (button, "suggested-action"), ==,
                           button == chosen);
        }
    }

  /* An explicit edit, with a reason, lands in the history. */
  rubric_evaluation_editor_begin_edit (RUBRIC_EVALUATION_EDITOR (fixture->editor),
                                       "Misheard the caller");
  {
    RubricCriterionRow *row = g_ptr_array_index (rows, 0);
    RubricCriterion *criterion = rubric_criterion_row_get_criterion (row);
    int digit = criterion->type == RUBRIC_ANSWER_SCALE ? criterion->max : 1;

    while (!gtk_widget_has_css_class (GTK_WIDGET (row), "rubric-current"))
      gtk_widget_activate_action (fixture->editor, "editor.previous-criterion", NULL);
    if (g_strcmp0 (rubric_criterion_row_get_answer (row), "5") == 0)
      digit = 4;
    gtk_widget_activate_action (fixture->editor, "editor.answer", "i", digit);
    g_hash_table_insert (expected, g_strdup (criterion->key),
                         g_strdup (rubric_criterion_row_get_answer (row)));
  }
  /* Not saved until the reviewer says so. */
  history = rubric_evaluation_store_history (fixture->db, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 0);
  g_clear_pointer (&history, g_ptr_array_unref);
  gtk_widget_activate_action (fixture->editor, "editor.submit", NULL);
  assert_stored (fixture, uuid, expected, RUBRIC_STATUS_SUBMITTED);
  history = rubric_evaluation_store_history (fixture->db, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (((RubricHistoryEntry *) g_ptr_array_index (history, 0))->reason, ==,
                   "Misheard the caller");
  g_assert_cmpstr (((RubricHistoryEntry *) g_ptr_array_index (history, 0))->changed_by, ==,
                   "tester");
}

static gboolean
has_position (GtkMediaStream *stream,
              double          at_least)
{
  return (double) gtk_media_stream_get_timestamp (stream) / G_USEC_PER_SEC >= at_least;
}

typedef struct
{
  gint64 timestamp;  /* µs into the recording */
  gint64 when;       /* µs of the monotonic clock */
} Sample;

static void
sample_timestamp_cb (GtkMediaStream *stream,
                     GParamSpec     *pspec,
                     GArray         *samples)
{
  Sample sample = { gtk_media_stream_get_timestamp (stream), g_get_monotonic_time () };

  g_array_append_val (samples, sample);
}

static gboolean
advanced (GArray *samples,
          double  seconds)
{
  return samples->len > 2 &&
         g_array_index (samples, Sample, samples->len - 1).timestamp -
         g_array_index (samples, Sample, 1).timestamp >= seconds * G_USEC_PER_SEC;
}

/* Plays until the recording has advanced by SECONDS and returns its seconds
 * per second of the clock. The stream reads its position every 50 ms and
 * says so at once, so each update is a position with the time it was read;
 * the first one, as playing starts, is left out. The silent sink of a
 * machine without sound runs in real time too (PLATFORM.md). */
static double
measure_speed (GtkMediaStream *stream,
               double          seconds)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (Sample));
  gulong handler;
  Sample *first;
  Sample *last;

  handler = g_signal_connect (stream, "notify::timestamp", G_CALLBACK (sample_timestamp_cb),
                              samples);
  gtk_media_stream_play (stream);
  WAIT_FOR (advanced (samples, seconds));
  g_signal_handler_disconnect (stream, handler);
  gtk_media_stream_pause (stream);

  first = &g_array_index (samples, Sample, 1);
  last = &g_array_index (samples, Sample, samples->len - 1);
  return (double) (last->timestamp - first->timestamp) / (double) (last->when - first->when);
}

/* Gives the fixture's call a recording of its own: twelve seconds of 8 kHz
 * mono mu-law silence, the usual call-recording format. (An odd-sized data
 * chunk, padded as RIFF wants, is one GStreamer 1.22's wavparse cannot read:
 * this one is even.) */
static char *
write_recording (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, "call.wav", NULL);
  const guint32 n = 8000 * 12;
  g_autoptr(GByteArray) wav = g_byte_array_new ();
  RubricStmt *stmt;
  guint32 u32;
  guint16 u16;

#define PUT(bytes, size) g_byte_array_append (wav, (const guint8 *) (bytes), (size))
#define PUT32(v) (u32 = GUINT32_TO_LE (v), PUT (&u32, 4))
#define PUT16(v) (u16 = GUINT16_TO_LE (v), PUT (&u16, 2))
  PUT ("RIFF", 4); PUT32 (4 + 26 + 12 + 8 + n); PUT ("WAVE", 4);
  PUT ("fmt ", 4); PUT32 (18); PUT16 (7); PUT16 (1); PUT32 (8000); PUT32 (8000);
  PUT16 (1); PUT16 (8); PUT16 (0);
  PUT ("fact", 4); PUT32 (4); PUT32 (n);
  PUT ("data", 4); PUT32 (n);
#undef PUT16
#undef PUT32
#undef PUT
  g_byte_array_set_size (wav, wav->len + n);
  memset (wav->data + wav->len - n, 0xff, n);

  g_file_set_contents (path, (const char *) wav->data, wav->len, &error);
  g_assert_no_error (error);

  g_assert_cmpint (test_prepare_v2 (fixture->db,
                                       "UPDATE calls SET recording = ?1 WHERE id = ?2",
                                       -1, &stmt, NULL), ==, TEST_OK);
  rubric_stmt_bind_text (stmt, 1, path);
  rubric_stmt_bind_int64 (stmt, 2, fixture->call_row);
  g_assert_cmpint (rubric_stmt_step (stmt), ==, RUBRIC_DONE);
  rubric_stmt_finalize (stmt);
  return path;
}

static void
test_audio_and_pinned_comment (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *recording = write_recording (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricEvaluation) stored = NULL;
  g_autoptr(GPtrArray) controllers = NULL;
  RubricAudioPlayer *player;
  GtkMediaStream *stream;
  GtkWidget *focus;
  GtkEventController *plain = NULL;
  RubricComment *comment = NULL;
  const char *uuid;

  open_editor (fixture, NULL);
  uuid = rubric_evaluation_editor_get_uuid (RUBRIC_EVALUATION_EDITOR (fixture->editor));
  player = find_one (fixture->editor, RUBRIC_TYPE_AUDIO_PLAYER);
  stream = rubric_audio_player_get_stream (player);
  g_assert_nonnull (stream);

  /* The call's recording is read and seekable. */
  WAIT_FOR (gtk_media_stream_is_prepared (stream) || gtk_media_stream_get_error (stream));
  g_assert_no_error (gtk_media_stream_get_error (stream));
  g_assert_cmpint (gtk_media_stream_get_duration (stream), >, 6 * G_USEC_PER_SEC);
  g_assert_true (gtk_media_stream_is_seekable (stream));

  g_assert_true (gtk_widget_activate_action (fixture->editor, "editor.seek-relative", "i", 5));
  WAIT_FOR (has_position (stream, 4.99));
  g_assert_cmpfloat (rubric_audio_player_get_position (player), <, 5.5);

  /* Space: play, then pause. */
  g_assert_true (gtk_widget_activate_action (fixture->editor, "editor.play-pause", NULL));
  WAIT_FOR (gtk_media_stream_get_playing (stream));
  g_assert_true (gtk_widget_activate_action (fixture->editor, "editor.play-pause", NULL));
  WAIT_FOR (!gtk_media_stream_get_playing (stream));

  /* Ctrl+M pins a comment at the position and puts the focus in its text:
   * the plain keys are off while typing. */
  controllers = g_ptr_array_new_with_free_func (g_object_unref);
  {
    g_autoptr(GListModel) list = gtk_widget_observe_controllers (fixture->editor);

    for (guint i = 0; i < g_list_model_get_n_items (list); i++)
      {
        GtkEventController *controller = g_list_model_get_item (list, i);

        if (g_strcmp0 (gtk_event_controller_get_name (controller), "rubric-editor-keys") == 0)
          plain = controller;
        g_ptr_array_add (controllers, controller);
      }
  }
  g_assert_nonnull (plain);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (plain), ==, GTK_PHASE_CAPTURE);

  g_assert_true (gtk_widget_activate_action (fixture->editor, "editor.comment-at-time", NULL));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (GTK_IS_EDITABLE (focus));
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (plain), ==, GTK_PHASE_NONE);
  gtk_editable_set_text (GTK_EDITABLE (focus), "Caller gives the account number");
  g_signal_emit_by_name (gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY), "activate");
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (plain), ==, GTK_PHASE_CAPTURE);

  stored = rubric_evaluation_store_load (fixture->db, uuid, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stored->comments->len; i++)
    if (!isnan (((RubricComment *) g_ptr_array_index (stored->comments, i))->at))
      comment = g_ptr_array_index (stored->comments, i);
  g_assert_nonnull (comment);
  g_assert_cmpfloat_with_epsilon (comment->at, 5.0, 0.5);
  g_assert_cmpstr (comment->text, ==, "Caller gives the account number");
  g_assert_nonnull (comment->criterion);

  /* Activating the pinned comment seeks back to it. */
  rubric_audio_player_seek (player, 0);
  WAIT_FOR (!has_position (stream, 1));
  {
    g_autoptr(GPtrArray) pinned = test_find_all (fixture->editor, GTK_TYPE_LIST_BOX_ROW);

    for (guint i = 0; i < pinned->len; i++)
      if (g_str_equal (G_OBJECT_TYPE_NAME (g_ptr_array_index (pinned, i)), "RubricCommentRow"))
        g_signal_emit_by_name (g_ptr_array_index (pinned, i), "activate");
  }
  WAIT_FOR (has_position (stream, 4.5));
}

/* The speed control: 2× plays the recording twice as fast at the same
 * pitch, ±5 s still move by five seconds of the recording and keep the
 * speed, and the next call starts at the speed chosen. */
static void
test_audio_speed (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *recording = write_recording (fixture);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  RubricAudioPlayer *player;
  GtkMediaStream *stream;
  GtkDropDown *speed;
  double normal;
  double fast;
  double before;

  open_editor (fixture, NULL);
  player = find_one (fixture->editor, RUBRIC_TYPE_AUDIO_PLAYER);
  speed = find_one (GTK_WIDGET (player), GTK_TYPE_DROP_DOWN);
  stream = rubric_audio_player_get_stream (player);
  g_assert_true (RUBRIC_IS_AUDIO_STREAM (stream));
  WAIT_FOR (gtk_media_stream_is_prepared (stream) || gtk_media_stream_get_error (stream));
  g_assert_no_error (gtk_media_stream_get_error (stream));
  g_assert_true (rubric_audio_stream_can_change_rate (RUBRIC_AUDIO_STREAM (stream)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (speed)));
  g_assert_cmpuint (gtk_drop_down_get_selected (speed), ==, 1);
  g_assert_cmpfloat (rubric_audio_stream_get_rate (RUBRIC_AUDIO_STREAM (stream)), ==, 1.0);

  normal = measure_speed (stream, 0.3);

  gtk_drop_down_set_selected (speed, 4);
  g_assert_cmpfloat (rubric_audio_stream_get_rate (RUBRIC_AUDIO_STREAM (stream)), ==, 2.0);
  g_assert_cmpfloat (g_settings_get_double (settings, "playback-rate"), ==, 2.0);

  /* Right after the change (its seek still under way), +5 s. */
  before = rubric_audio_player_get_position (player);
  g_assert_true (gtk_widget_activate_action (fixture->editor, "editor.seek-relative", "i", 5));
  WAIT_FOR (!gtk_media_stream_is_seeking (stream));
  g_assert_cmpfloat_with_epsilon (rubric_audio_player_get_position (player), before + 5, 0.1);

  fast = measure_speed (stream, 0.6);
  g_test_message ("1×: %.2f s/s, 2×: %.2f s/s", normal, fast);
  g_assert_cmpfloat (fast / normal, >, 1.4);
  g_assert_cmpfloat (fast / normal, <, 2.6);

  before = rubric_audio_player_get_position (player);
  g_assert_true (gtk_widget_activate_action (fixture->editor, "editor.seek-relative", "i", -5));
  WAIT_FOR (!gtk_media_stream_is_seeking (stream));
  g_assert_cmpfloat_with_epsilon (rubric_audio_player_get_position (player), before - 5, 0.1);
  g_assert_cmpfloat (rubric_audio_stream_get_rate (RUBRIC_AUDIO_STREAM (stream)), ==, 2.0);

  /* The next call's player starts at 2×, its stream too. */
  {
    GtkWidget *next = g_object_ref_sink (rubric_audio_player_new ());

    g_assert_cmpuint (gtk_drop_down_get_selected (find_one (next, GTK_TYPE_DROP_DOWN)), ==, 4);
    rubric_audio_player_set_location (RUBRIC_AUDIO_PLAYER (next), recording);
    g_assert_cmpfloat (rubric_audio_stream_get_rate (RUBRIC_AUDIO_STREAM (
                         rubric_audio_player_get_stream (RUBRIC_AUDIO_PLAYER (next)))), ==, 2.0);
    g_object_unref (next);
  }

  /* Back to normal speed for the tests after this one. */
  g_settings_reset (settings, "playback-rate");
  g_assert_cmpuint (gtk_drop_down_get_selected (speed), ==, 1);
  g_assert_cmpfloat (rubric_audio_stream_get_rate (RUBRIC_AUDIO_STREAM (stream)), ==, 1.0);
}


/* The shortcuts window tells the keys the editor has: N/A is 0 (and 3 on
 * yes/no), not "1 2 3" for yes, no, N/A. */
static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/rubricqa/Rubric/help-overlay.ui");
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GSList *objects = gtk_builder_get_objects (builder);
  GtkWindow *window = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *title = NULL;
        g_autofree char *accelerator = NULL;

        g_object_get (l->data, "title", &title, "accelerator", &accelerator, NULL);
        if (accelerator != NULL)
          g_hash_table_insert (keys, g_steal_pointer (&accelerator), g_steal_pointer (&title));
      }
  g_slist_free (objects);

  g_assert_false (g_hash_table_contains (keys, "1 2 3"));
  g_assert_nonnull (strstr (g_hash_table_lookup (keys, "0"), "N/A"));
  g_assert_nonnull (strstr (g_hash_table_lookup (keys, "3"), "N/A"));
  g_assert_nonnull (strstr (g_hash_table_lookup (keys, "Left Right"), "5 seconds"));
  g_assert_false (strstr (g_hash_table_lookup (keys, "Left Right"), "in the player"));
  g_assert_true (g_hash_table_contains (keys, "<Control><Shift>Return"));
  gtk_window_destroy (window);
}

/* Every label in @widget that wraps breaks its lines between words, never
 * inside one ("fragments"), and none is ellipsized. */
static void
assert_whole_words (GtkWidget *widget)
{
  g_autoptr(GPtrArray) labels = test_find_all (widget, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      PangoLayout *layout;
      const char *text;

      /* (An entry's placeholder is meant to be ellipsized.) */
      if (!gtk_widget_get_mapped (GTK_WIDGET (label)) || *gtk_label_get_text (label) == '\0' ||
          gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_TEXT) != NULL)
        continue;
      layout = gtk_label_get_layout (label);
      text = pango_layout_get_text (layout);
      g_assert_cmpint (gtk_label_get_ellipsize (label), ==, PANGO_ELLIPSIZE_NONE);
      g_assert_false (pango_layout_is_ellipsized (layout));
      for (int l = 1; l < pango_layout_get_line_count (layout); l++)
        {
          int start = pango_layout_get_line_readonly (layout, l)->start_index;

          if (!g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (text + start))) &&
              text[start - 1] != '-' && text[start - 1] != '/')
            g_error ("\"%s\" breaks inside a word at %d px: \"%.*s|%s\"", text,
                     gtk_widget_get_width (GTK_WIDGET (label)), start, text, text + start);
        }
    }
}

/* @widget lies within @area, horizontally: nothing cut at the right. */
static void
assert_inside (GtkWidget *widget,
               GtkWidget *area)
{
  graphene_rect_t bounds;
  int min_width;

  g_assert_true (gtk_widget_compute_bounds (widget, area, &bounds));
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  if (bounds.origin.x < 0 ||
      bounds.origin.x + bounds.size.width > gtk_widget_get_width (area) + 0.5 ||
      gtk_widget_get_width (widget) < min_width)
    g_error ("%s is cut: %.0f to %.0f of %d px (%d px wide, at least %d)",
             G_OBJECT_TYPE_NAME (widget), bounds.origin.x, bounds.origin.x + bounds.size.width,
             gtk_widget_get_width (area), gtk_widget_get_width (widget), min_width);
}

/* From GNOME's narrowest (360 px) to a wide screen: the questions and the
 * answers keep whole words, nothing is cut, and below the breakpoint the
 * side panel folds into the form instead of keeping its 400 px. */
static void
test_layout (Fixture       *fixture,
             gconstpointer  data)
{
  static const int widths[] = { 360, 660, 1400 };
  g_autofree char *recording = write_recording (fixture);

  /* GNOME's title bar buttons (button-layout 'appmenu:close'), not the
   * minimize, maximize and close of GTK's default without a desktop. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autoptr(GPtrArray) rows = NULL;
      RubricEvaluationEditor *editor;
      RubricAudioPlayer *player;
      int min_width;

      GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
      GdkRectangle screen;
      int width;

      /* A window no wider than the (virtual) screen: 1400 px, or the width
       * of the one Xvfb has (1280 in `build-aux/dev test`). */
      gdk_monitor_get_geometry (monitor, &screen);
      width = MIN (widths[w], screen.width);
      open_editor_sized (fixture, NULL, width, 900);
      editor = RUBRIC_EVALUATION_EDITOR (fixture->editor);
      g_test_message ("%d px: the editor is %d px wide", width,
                      gtk_widget_get_width (fixture->editor));
      gtk_widget_measure (GTK_WIDGET (fixture->window), GTK_ORIENTATION_HORIZONTAL, -1,
                          &min_width, NULL, NULL, NULL);
      g_assert_cmpint (min_width, <=, 360);
      g_assert_cmpint (gtk_widget_get_width (fixture->editor), ==, width);
      g_assert_cmpint (rubric_evaluation_editor_get_narrow (editor), ==, widths[w] < 900);

      /* The player is shown whole, above the form when narrow. */
      player = find_one (fixture->editor, RUBRIC_TYPE_AUDIO_PLAYER);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (player)));
      assert_inside (GTK_WIDGET (player), fixture->editor);

      rows = test_find_all (fixture->editor, RUBRIC_TYPE_CRITERION_ROW);
      for (guint i = 0; i < rows->len; i++)
        {
          RubricCriterionRow *row = g_ptr_array_index (rows, i);
          g_autoptr(GPtrArray) buttons = test_find_all (GTK_WIDGET (row), GTK_TYPE_TOGGLE_BUTTON);

          assert_whole_words (GTK_WIDGET (row));
          for (guint b = 0; b < buttons->len; b++)
            if (gtk_widget_get_mapped (g_ptr_array_index (buttons, b)))
              assert_inside (g_ptr_array_index (buttons, b), fixture->editor);
        }
      close_editor (fixture);
    }

  /* The window made narrow and wide again: the panel folds and unfolds,
   * the player with it, and the call's details keep their height. */
  open_editor_sized (fixture, NULL, 1200, 900);
  for (guint i = 0; i < 4; i++)
    {
      gboolean narrow = i % 2 == 0;
      RubricAudioPlayer *player = find_one (fixture->editor, RUBRIC_TYPE_AUDIO_PLAYER);
      g_autoptr(GPtrArray) grids = NULL;

      gtk_window_set_default_size (fixture->window, narrow ? 600 : 1200, 900);
      WAIT_FOR (rubric_evaluation_editor_get_narrow (RUBRIC_EVALUATION_EDITOR (fixture->editor))
                == narrow);
      test_wait_frames (fixture->editor, 3);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (player)));
      assert_inside (GTK_WIDGET (player), fixture->editor);
      grids = test_find_all (fixture->editor, GTK_TYPE_GRID);
      for (guint g = 0; g < grids->len && narrow; g++)
        {
          GtkWidget *grid = g_ptr_array_index (grids, g);
          int width = gtk_widget_get_width (grid);
          int natural;
          int slot_natural;

          if (gtk_widget_get_ancestor (grid, RUBRIC_TYPE_SCORE_PANEL) != NULL)
            continue;
          /* Its slot above the form is as tall as it is (and its margin). */
          gtk_widget_measure (grid, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
          gtk_widget_measure (gtk_widget_get_parent (grid), GTK_ORIENTATION_VERTICAL, width,
                              NULL, &slot_natural, NULL, NULL);
          g_assert_cmpint (slot_natural, <=, natural + 24);
        }
    }
  gtk_settings_reset_property (gtk_settings_get_default (), "gtk-decoration-layout");
}


static void
press_enter (Fixture *fixture)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  if (GTK_IS_BUTTON (focus))
    g_signal_emit_by_name (focus, "clicked");
  else if (focus != NULL)
    gtk_widget_activate (focus);
}

/* Opening a call answers nothing: the focus is on the first criterion's
 * row, not on an answer button, so a stray Enter or Space records nothing
 * and makes no draft. */
static void
test_open_focus (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricEvaluation) stored = NULL;
  g_autofree char *uuid = NULL;
  GtkWidget *focus;

  open_editor (fixture, NULL);
  uuid = g_strdup (rubric_evaluation_editor_get_uuid (RUBRIC_EVALUATION_EDITOR (fixture->editor)));
  rows = test_find_all (fixture->editor, RUBRIC_TYPE_CRITERION_ROW);
  WAIT_FOR (gtk_root_get_focus (GTK_ROOT (fixture->window)) != NULL);
  /* Enter activates the focused widget (a button: a click); Space is play
   * or pause. */
  press_enter (fixture);
  g_assert_true (gtk_widget_activate_action (fixture->editor, "editor.play-pause", NULL));
  press_enter (fixture);
  test_wait_frames (fixture->editor, 3);

  for (guint i = 0; i < rows->len; i++)
    g_assert_null (rubric_criterion_row_get_answer (g_ptr_array_index (rows, i)));
  stored = rubric_evaluation_store_load (fixture->db, uuid, &error);
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND);
  g_assert_null (stored);

  /* The focus is on the first criterion's row, not one of its buttons. */
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (focus == g_ptr_array_index (rows, 0));
  g_assert_false (GTK_IS_BUTTON (focus));
}

/* A screen reader hears every answer given and, on each criterion it moves
 * to, the answer it has: the focus is on the criterion's row, whose
 * description says the answer. */
static void
test_accessible_answers (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;

  open_editor (fixture, NULL);
  rows = test_find_all (fixture->editor, RUBRIC_TYPE_CRITERION_ROW);
  for (guint i = 0; i < rows->len; i++)
    assert_description (g_ptr_array_index (rows, i), "Not answered");

  /* Every digit answer, on every criterion, changes what the row says. */
  for (guint i = 0; i < rows->len; i++)
    {
      RubricCriterionRow *row = g_ptr_array_index (rows, i);
      RubricCriterion *criterion = rubric_criterion_row_get_criterion (row);
      int digit = digit_for (criterion, i);
      g_autofree char *value = rubric_criterion_row_value_for_digit (row, digit);
      GtkWidget *button = rubric_criterion_row_get_answer_button (row, value);
      GtkWidget *label = gtk_widget_get_last_child (gtk_button_get_child (GTK_BUTTON (button)));
      g_autofree char *expected = g_strdup_printf ("Answer: %s",
                                                   gtk_label_get_text (GTK_LABEL (label)));

      g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == GTK_WIDGET (row));
      gtk_widget_activate_action (fixture->editor, "editor.answer", "i", digit);
      assert_description (row, expected);
      g_assert_null (gtk_test_accessible_check_state (GTK_ACCESSIBLE (button),
                                                      GTK_ACCESSIBLE_STATE_PRESSED,
                                                      GTK_ACCESSIBLE_TRISTATE_TRUE));
      /* The chosen answer is marked, not only pressed in. */
      g_assert_true (gtk_widget_has_css_class (button, "suggested-action"));
      g_assert_true (gtk_widget_get_visible (gtk_widget_get_first_child (
                       gtk_button_get_child (GTK_BUTTON (button)))));
    }

  /* Back with K: the focus lands on the row, which says its answer (not on
   * the first answer button, "Yes, not pressed", when "No" is chosen). */
  go_to_criterion (fixture, 3);
  {
    RubricCriterionRow *row = g_ptr_array_index (rows, 3);
    const char *answer = rubric_criterion_row_get_answer (row);

    g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == GTK_WIDGET (row));
    g_assert_nonnull (answer);
    g_autofree char *name = g_strdup_printf ("4. %s", rubric_criterion_get_text (
                                               rubric_criterion_row_get_criterion (row)));
    g_autofree char *expected = NULL;
    GtkWidget *button = rubric_criterion_row_get_answer_button (row, answer);
    GtkWidget *label = gtk_widget_get_last_child (gtk_button_get_child (GTK_BUTTON (button)));

    g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (row),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL, name));
    /* The Submit button's arrow (to "Submit and Open the Next Call") is
     * named too. */
    {
      GtkWidget *split = find_one (fixture->editor, ADW_TYPE_SPLIT_BUTTON);

      g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (find_one (split,
                                                                                   GTK_TYPE_MENU_BUTTON)),
                                                         GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                         "More Ways to Submit"));
    }
    expected = g_strdup_printf ("Answer: %s", gtk_label_get_text (GTK_LABEL (label)));
    assert_description (row, expected);
  }
}

/* Answering moves on, unless the preference says not to; the Preferences
 * window has the switch. */
static void
test_advance_setting (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *preferences;
  GtkSwitch *toggle;

  test_reset_settings ();
  open_editor (fixture, NULL);
  rows = test_find_all (fixture->editor, RUBRIC_TYPE_CRITERION_ROW);
  gtk_widget_activate_action (fixture->editor, "editor.answer", "i", 1);
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (rows, 1), "rubric-current"));

  /* A click moves on too. */
  {
    g_autofree char *value = rubric_criterion_row_value_for_digit (g_ptr_array_index (rows, 1), 1);

    g_signal_emit_by_name (rubric_criterion_row_get_answer_button (g_ptr_array_index (rows, 1),
                                                                   value), "clicked");
    g_assert_cmpstr (rubric_criterion_row_get_answer (g_ptr_array_index (rows, 1)), ==, value);
  }
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (rows, 2), "rubric-current"));

  preferences = rubric_preferences_window_new (settings, "/tmp/rubric.db");
  toggle = find_one (preferences, GTK_TYPE_SWITCH);
  g_assert_true (gtk_switch_get_active (toggle));
  gtk_switch_set_active (toggle, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "next-criterion-after-answer"));
  gtk_window_destroy (GTK_WINDOW (preferences));

  gtk_widget_activate_action (fixture->editor, "editor.answer", "i", 1);
  g_assert_nonnull (rubric_criterion_row_get_answer (g_ptr_array_index (rows, 2)));
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (rows, 2), "rubric-current"));
  test_reset_settings ();
}

/* The pinned comments are ticks on the seek bar, at their times. */
static void
test_pinned_marks (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *recording = write_recording (fixture);
  RubricAudioPlayer *player;
  GtkMediaStream *stream;
  const double *marks;
  guint n_marks;
  GtkWidget *focus;

  open_editor (fixture, NULL);
  player = find_one (fixture->editor, RUBRIC_TYPE_AUDIO_PLAYER);
  stream = rubric_audio_player_get_stream (player);
  WAIT_FOR (gtk_media_stream_is_prepared (stream));
  marks = rubric_audio_player_get_marks (player, &n_marks);
  g_assert_cmpuint (n_marks, ==, 0);

  g_assert_true (gtk_widget_activate_action (fixture->editor, "editor.seek-relative", "i", 5));
  WAIT_FOR (has_position (stream, 4.99));
  gtk_widget_activate_action (fixture->editor, "editor.comment-at-time", NULL);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  gtk_editable_set_text (GTK_EDITABLE (focus), "Verifies the address");
  marks = rubric_audio_player_get_marks (player, &n_marks);
  g_assert_cmpuint (n_marks, ==, 1);
  g_assert_cmpfloat_with_epsilon (marks[0], 5.0, 0.5);

  /* Opened again, the ticks are there from the start. */
  {
    g_autofree char *uuid = g_strdup (rubric_evaluation_editor_get_uuid (
                                        RUBRIC_EVALUATION_EDITOR (fixture->editor)));

    close_editor (fixture);
    open_editor (fixture, uuid);
    player = find_one (fixture->editor, RUBRIC_TYPE_AUDIO_PLAYER);
    marks = rubric_audio_player_get_marks (player, &n_marks);
    g_assert_cmpuint (n_marks, ==, 1);
    g_assert_cmpfloat_with_epsilon (marks[0], 5.0, 0.5);
  }
}

/* "Submit and Open the Next Call" opens the next call of the review queue
 * that has nothing submitted. */
static void
test_submit_next (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  RubricApplication *app = NULL;
  RubricWindow *window;
  RubricReviewPage *page;
  RubricCallList *list;
  GtkWidget *editor;
  gint64 first_row;
  guint expected = GTK_INVALID_LIST_POSITION;

  {
    g_autofree char *path = g_build_filename (dir, "rubric.db", NULL);
    RubricDb *db = rubric_db_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (rubric_sample_load (db, &error));
    g_assert_no_error (error);
    rubric_db_close (db);
  }

  window = test_window_open (dir, "rubric.db", &app);
  page = RUBRIC_REVIEW_PAGE (rubric_window_get_page_widget (window, "review"));
  list = rubric_review_page_get_list (page);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 2);

  /* The first unscored call, and the next unscored one after it. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(RubricCallRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (rubric_call_row_get_state (row) == RUBRIC_CALL_SCORED)
        continue;
      if (expected == GTK_INVALID_LIST_POSITION - 1)
        {
          expected = i;
          break;
        }
      if (expected == GTK_INVALID_LIST_POSITION)
        {
          rubric_review_page_open_position (page, i);
          expected = GTK_INVALID_LIST_POSITION - 1;
        }
    }
  g_assert_cmpuint (expected, <, GTK_INVALID_LIST_POSITION - 1);
  g_assert_cmpstr (rubric_window_get_visible_page (window), ==, "editor");
  editor = rubric_window_get_editor (window);
  first_row = rubric_evaluation_editor_get_call_row (RUBRIC_EVALUATION_EDITOR (editor));
  WAIT_FOR (gtk_widget_get_width (editor) > 0);

  rows = test_find_all (editor, RUBRIC_TYPE_CRITERION_ROW);
  for (guint i = 0; i < rows->len; i++)
    {
      go_to_criterion (&(Fixture) { .editor = editor }, i);
      gtk_widget_activate_action (editor, "editor.answer", "i", 0);
      if (rubric_criterion_row_get_answer (g_ptr_array_index (rows, i)) == NULL)
        gtk_widget_activate_action (editor, "editor.answer", "i", 1);
    }
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_true (gtk_widget_activate_action (editor, "editor.submit-next", NULL));

  g_assert_cmpstr (rubric_window_get_visible_page (window), ==, "editor");
  editor = rubric_window_get_editor (window);
  g_assert_nonnull (editor);
  g_assert_cmpint (rubric_evaluation_editor_get_call_row (RUBRIC_EVALUATION_EDITOR (editor)), !=,
                   first_row);
  g_assert_cmpint (rubric_evaluation_editor_get_call_row (RUBRIC_EVALUATION_EDITOR (editor)), ==,
                   rubric_paged_list_get_id (RUBRIC_PAGED_LIST (list), expected));

  test_window_close (window, &app);
  test_rmdir (dir);
}

/* Played before GStreamer has read the recording, the stream tells GTK
 * nothing of the position until it is prepared (gtk_media_stream_update ()
 * before gtk_media_stream_stream_prepared () is a critical). The main loop
 * is held while the pipeline prerolls, so its messages queue up on the bus
 * and the position is polled while they are handled one by one: the race
 * that made /editor/sample-recordings fail about once in eight runs. */
static void
test_play_before_prepared (void)
{
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GtkMediaStream) stream =
        rubric_audio_stream_new (RUBRIC_SAMPLE_RECORDING_PREFIX "call-1.wav");

      gtk_media_stream_set_muted (stream, TRUE);
      gtk_media_stream_play (stream);
      g_assert_false (gtk_media_stream_is_prepared (stream));
      g_usleep (300 * 1000);
      WAIT_FOR (gtk_media_stream_is_prepared (stream) || gtk_media_stream_get_error (stream));
      g_assert_no_error (gtk_media_stream_get_error (stream));
      /* And the position is followed once it is. */
      WAIT_FOR (gtk_media_stream_get_timestamp (stream) > 0);
      gtk_media_stream_pause (stream);
    }
}

/* The editor reads the call through the core (SPEC: all SQL lives in
 * src/core/): the core finds and reads it, and the app's editor files hold
 * no SQL. */
static void
test_call_record (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const files[] = {
    "rubric-evaluation-editor.c", "rubric-evaluation-editor-actions.c",
    "rubric-evaluation-editor-call.c", "rubric-evaluation-editor-form.c",
    "rubric-evaluation-editor-layout.c",
  };
  g_auto(RubricCallRecord) record = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (rubric_call_record_read (fixture->db, fixture->call_row, &record, &error));
  g_assert_no_error (error);
  g_assert_nonnull (record.call_id);
  g_assert_nonnull (record.vendor);
  g_assert_nonnull (record.recording);
  g_assert_cmpint (rubric_call_record_find (fixture->db, record.call_id, record.vendor,
                                            record.entered_at, &error), ==, fixture->call_row);
  g_assert_no_error (error);
  g_assert_cmpint (rubric_call_record_find (fixture->db, "no-such-call", record.vendor, 0,
                                            &error), ==, 0);
  g_assert_no_error (error);
  g_assert_false (rubric_call_record_read (fixture->db, 999999999, &record, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "src", "app", files[i],
                                                     NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) read_error = NULL;

      g_file_get_contents (path, &text, NULL, &read_error);
      g_assert_no_error (read_error);
      g_assert_null (strstr (text, "sqlite3_"));
      g_assert_null (strstr (text, "rubric_db_cached"));
    }
}

/* The sample calls' recordings (resource:// URIs) play: duration known
 * once playing starts. */
static void
test_sample_recordings (void)
{
  g_autoptr(GString) unreadable = g_string_new (NULL);

  for (guint i = 1; i <= RUBRIC_SAMPLE_N_RECORDINGS; i++)
    {
      g_autofree char *uri = g_strdup_printf (RUBRIC_SAMPLE_RECORDING_PREFIX "call-%u.wav", i);
      GtkWidget *player = g_object_ref_sink (rubric_audio_player_new ());
      GtkMediaStream *stream;

      rubric_audio_player_set_location (RUBRIC_AUDIO_PLAYER (player), uri);
      stream = rubric_audio_player_get_stream (RUBRIC_AUDIO_PLAYER (player));
      g_assert_true (RUBRIC_IS_AUDIO_STREAM (stream));
      gtk_media_stream_set_muted (stream, TRUE);
      gtk_media_stream_play (stream);
      WAIT_FOR (gtk_media_stream_is_prepared (stream) || gtk_media_stream_get_error (stream));
      gtk_media_stream_pause (stream);
      g_test_message ("%s: %" G_GINT64_FORMAT " µs", uri, gtk_media_stream_get_duration (stream));
      g_assert_no_error (gtk_media_stream_get_error (stream));
      /* GStreamer reads a file it cannot parse as an empty stream. */
      if (gtk_media_stream_get_duration (stream) < G_USEC_PER_SEC)
        g_string_append_printf (unreadable, " call-%u.wav", i);
      g_assert_cmpint (rubric_audio_player_has_media (RUBRIC_AUDIO_PLAYER (player)), ==,
                       gtk_media_stream_get_duration (stream) > 0);
      g_object_unref (player);
    }

  if (unreadable->len > 0)
    g_test_fail_printf ("GStreamer cannot read%s (wavparse gives up on an odd-sized data "
                        "chunk followed by its pad byte)", unreadable->str);
}

/* The key map: every key the SPEC names exists and maps to its action. */
static void
test_key_map (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GListModel) controllers = NULL;
  static const char * const expected[][2] = {
    { "space", "editor.play-pause" },
    { "1", "editor.answer(1)" },
    { "2", "editor.answer(2)" },
    { "3", "editor.answer(3)" },
    { "5", "editor.answer(5)" },
    { "0", "editor.answer(0)" },
    { "j", "editor.next-criterion" },
    { "k", "editor.previous-criterion" },
    { "<Control>Return", "editor.submit" },
    { "<Shift><Control>Return", "editor.submit-next" },
    { "Left", "editor.seek-relative(-5)" },
    { "Right", "editor.seek-relative(5)" },
    { "<Control>m", "editor.comment-at-time" },
    { "Escape", "editor.close" },
  };

  open_editor (fixture, NULL);
  controllers = gtk_widget_observe_controllers (fixture->editor);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          GVariant *arguments = gtk_shortcut_get_arguments (shortcut);
          const char *action_name;
          char *trigger;
          char *name;

          if (!GTK_IS_NAMED_ACTION (action))
            continue;

          action_name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
          if (arguments != NULL)
            name = g_strdup_printf ("%s(%d)", action_name, g_variant_get_int32 (arguments));
          else
            name = g_strdup (action_name);
          trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          g_hash_table_insert (map, trigger, name);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_hash_table_lookup (map, expected[i][0]), ==, expected[i][1]);

  /* The digits mean what the shortcuts window says, per answer type. */
  {
    g_autoptr(GPtrArray) rows = test_find_all (fixture->editor, RUBRIC_TYPE_CRITERION_ROW);

    for (guint i = 0; i < rows->len; i++)
      {
        RubricCriterionRow *row = g_ptr_array_index (rows, i);
        RubricCriterion *criterion = rubric_criterion_row_get_criterion (row);
        g_autofree char *one = rubric_criterion_row_value_for_digit (row, 1);
        g_autofree char *three = rubric_criterion_row_value_for_digit (row, 3);
        g_autofree char *zero = rubric_criterion_row_value_for_digit (row, 0);

        GtkWidget *na = rubric_criterion_row_get_answer_button (row, "na");

        /* N/A is 0 on every criterion, 3 as well on yes/no (SPEC §10): on a
         * choice of three options (four buttons with N/A), 3 is the third
         * option and 4 nothing. */
        if (criterion->type == RUBRIC_ANSWER_YES_NO)
          {
            g_assert_cmpstr (one, ==, "yes");
            g_assert_cmpstr (three, ==, criterion->na ? "na" : NULL);
          }
        else if (criterion->type == RUBRIC_ANSWER_SCALE)
          g_assert_cmpstr (three, ==, "3");
        else
          {
            g_autofree char *past = rubric_criterion_row_value_for_digit (row,
                                                                          criterion->options->len
                                                                          + 1);

            g_assert_cmpstr (one, ==,
                             ((RubricOption *) g_ptr_array_index (criterion->options, 0))->key);
            g_assert_cmpuint (criterion->options->len, ==, 3);
            g_assert_cmpstr (three, ==,
                             ((RubricOption *) g_ptr_array_index (criterion->options, 2))->key);
            g_assert_null (past);
          }
        g_assert_cmpstr (zero, ==, criterion->na ? "na" : NULL);
        /* The N/A button's hint names its keys. */
        if (criterion->na)
          g_assert_cmpstr (gtk_widget_get_tooltip_text (na), ==,
                           criterion->type == RUBRIC_ANSWER_YES_NO ? "Key 0 or 3" : "Key 0");
        else
          g_assert_null (na);
      }
  }
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
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *recording = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    {
      g_test_skip ("RUBRIC_SCREENSHOT_DIR is not set");
      return;
    }

  recording = write_recording (fixture);

  /* The draft at GNOME's narrowest, a laptop's and a wide screen's width:
   * two answers given, the third criterion current. */
  for (guint w = 0; w < 3; w++)
    {
      static const int widths[] = { 360, 800, 1400 };

      g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
      open_editor_sized (fixture, NULL, widths[w], 860);
      gtk_widget_activate_action (fixture->editor, "editor.answer", "i", 4);
      gtk_widget_activate_action (fixture->editor, "editor.answer", "i", 2);
      test_wait_frames (fixture->editor, 30);
      g_free (path);
      path = g_strdup_printf ("%s/editor-%d-%s.png", dir, widths[w], lang && *lang ? lang : "en");
      take_screenshot (GTK_WIDGET (fixture->window), path);
      g_test_message ("wrote %s", path);
      close_editor (fixture);
    }
  gtk_settings_reset_property (gtk_settings_get_default (), "gtk-decoration-layout");

  open_editor (fixture, NULL);
  rows = test_find_all (fixture->editor, RUBRIC_TYPE_CRITERION_ROW);
  /* A draft half-way: some answers, an auto-fail, the guidance open, a
   * pinned comment, the current criterion mid-form. */
  for (guint i = 0; i < 6; i++)
    {
      RubricCriterion *criterion = rubric_criterion_row_get_criterion (g_ptr_array_index (rows, i));
      int digit = criterion->critical && criterion->type == RUBRIC_ANSWER_CHOICE
                  ? (int) criterion->options->len : digit_for (criterion, i);

      gtk_widget_activate_action (fixture->editor, "editor.answer", "i", digit);
    }
  gtk_widget_activate_action (fixture->editor, "editor.toggle-guidance", NULL);
  WAIT_FOR (gtk_media_stream_is_prepared (rubric_audio_player_get_stream (
              find_one (fixture->editor, RUBRIC_TYPE_AUDIO_PLAYER))));
  gtk_widget_activate_action (fixture->editor, "editor.seek-relative", "i", 5);
  gtk_widget_activate_action (fixture->editor, "editor.comment-at-time", NULL);
  gtk_editable_set_text (GTK_EDITABLE (gtk_root_get_focus (GTK_ROOT (fixture->window))),
                         "Verifies the address before the date of birth");
  /* Played on a little: the comment's tick shows on the seek bar. */
  gtk_widget_activate_action (fixture->editor, "editor.seek-relative", "i", 5);
  gtk_widget_activate_action (fixture->editor, "editor.next-criterion", NULL);
  test_wait_frames (fixture->editor, 30);  /* the guidance revealer's animation */

  path = g_strdup_printf ("%s/editor-%s.png", dir, lang && *lang ? lang : "en");
  take_screenshot (GTK_WIDGET (fixture->window), path);
  g_test_message ("wrote %s", path);

  /* The same, complete and submitted: read-only, then its history after an
   * edit. */
  for (guint i = 6; i < rows->len; i++)
    {
      RubricCriterion *criterion = rubric_criterion_row_get_criterion (g_ptr_array_index (rows, i));

      go_to_criterion (fixture, i);
      gtk_widget_activate_action (fixture->editor, "editor.answer", "i", digit_for (criterion, i));
    }
  gtk_widget_activate_action (fixture->editor, "editor.submit", NULL);
  test_wait_frames (fixture->editor, 30);
  g_free (path);
  path = g_strdup_printf ("%s/editor-submitted-%s.png", dir, lang && *lang ? lang : "en");
  take_screenshot (GTK_WIDGET (fixture->window), path);
  g_test_message ("wrote %s", path);

  rubric_evaluation_editor_begin_edit (RUBRIC_EVALUATION_EDITOR (fixture->editor),
                                       "Second listen: the information was only incomplete");
  go_to_criterion (fixture, 1);
  gtk_widget_activate_action (fixture->editor, "editor.answer", "i", 2);
  gtk_widget_activate_action (fixture->editor, "editor.submit", NULL);
  gtk_widget_activate_action (fixture->editor, "editor.show-history", NULL);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWidget *history = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && history == NULL; i++)
      {
        g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

        if (g_str_equal (G_OBJECT_TYPE_NAME (window), "RubricEvaluationHistory"))
          history = GTK_WIDGET (window);
      }
    g_assert_nonnull (history);
    WAIT_FOR (gtk_widget_get_width (history) > 0);
    {
      g_autoptr(GPtrArray) expanders = test_find_all (history, ADW_TYPE_EXPANDER_ROW);

      g_assert_cmpuint (expanders->len, ==, 1);  /* the edit (submitting a draft is not one) */
      adw_expander_row_set_expanded (g_ptr_array_index (expanders, 0), TRUE);
    }
    test_wait_frames (history, 30);
    g_free (path);
    path = g_strdup_printf ("%s/editor-history-%s.png", dir, lang && *lang ? lang : "en");
    take_screenshot (history, path);
    g_test_message ("wrote %s", path);
    gtk_window_destroy (GTK_WINDOW (history));
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
  /* Accessible properties kept for the checks, no session bus needed. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!gtk_init_check ())
    {
      if (g_strcmp0 (g_getenv ("RUBRIC_REQUIRE_DISPLAY"), "1") == 0)
        g_error ("no display, and RUBRIC_REQUIRE_DISPLAY=1");
      g_test_skip ("no display");
      return g_test_run ();
    }
  adw_init ();

  g_test_add ("/editor/score-and-submit", Fixture, NULL,
              fixture_set_up, test_score_and_submit, fixture_tear_down);
  g_test_add ("/editor/audio-and-pinned-comment", Fixture, NULL,
              fixture_set_up, test_audio_and_pinned_comment, fixture_tear_down);
  g_test_add ("/editor/audio-speed", Fixture, NULL,
              fixture_set_up, test_audio_speed, fixture_tear_down);
  g_test_add ("/editor/key-map", Fixture, NULL,
              fixture_set_up, test_key_map, fixture_tear_down);
  g_test_add ("/editor/screenshot", Fixture, NULL,
              fixture_set_up, test_screenshot, fixture_tear_down);
  g_test_add_func ("/editor/shortcuts-window", test_shortcuts_window);
  g_test_add ("/editor/layout", Fixture, NULL, fixture_set_up, test_layout, fixture_tear_down);
  g_test_add ("/editor/open-focus", Fixture, NULL,
              fixture_set_up, test_open_focus, fixture_tear_down);
  g_test_add ("/editor/accessible-answers", Fixture, NULL,
              fixture_set_up, test_accessible_answers, fixture_tear_down);
  g_test_add ("/editor/advance-setting", Fixture, NULL,
              fixture_set_up, test_advance_setting, fixture_tear_down);
  g_test_add ("/editor/pinned-marks", Fixture, NULL,
              fixture_set_up, test_pinned_marks, fixture_tear_down);
  g_test_add_func ("/editor/submit-next", test_submit_next);
  g_test_add_func ("/editor/play-before-prepared", test_play_before_prepared);
  g_test_add ("/editor/call-record", Fixture, NULL,
              fixture_set_up, test_call_record, fixture_tear_down);

  /* Last: it checks data files shipped beside the code. */
  g_test_add_func ("/editor/sample-recordings", test_sample_recordings);

  return g_test_run ();
}
