/* test-editor.c — the evaluation editor driven the way the keys drive it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (GDK_BACKEND=x11 GTK_A11Y=none GSK_RENDERER=cairo); skips
 * without a display unless RUBRIC_REQUIRE_DISPLAY=1. With
 * RUBRIC_SCREENSHOT_DIR set, /editor/screenshot writes editor-LANG.png there.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "rubric-audio-player.h"
#include "rubric-audio-stream.h"
#include "rubric-criterion-row.h"
#include "rubric-evaluation-editor.h"
#include "rubric-evaluation-store.h"
#include "rubric-gui-test-util.h"
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

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  int *left = data;

  return --(*left) > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
wait_frames (GtkWidget *widget,
             int        n)
{
  int left = n;

  gtk_widget_add_tick_callback (widget, count_frame_cb, &left, NULL);
  WAIT_FOR (left == 0);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static GPtrArray *
find_all (GtkWidget *widget,
          GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (widget, type, found);
  return found;
}

static gpointer
find_one (GtkWidget *widget,
          GType      type)
{
  g_autoptr(GPtrArray) found = find_all (widget, type);

  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_index (found, 0);
}

static void
open_editor (Fixture    *fixture,
             const char *uuid)
{
  g_autoptr(GError) error = NULL;

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1200, 860);
  fixture->editor = rubric_evaluation_editor_new ();
  gtk_window_set_child (fixture->window, fixture->editor);
  g_assert_true (rubric_evaluation_editor_load (RUBRIC_EVALUATION_EDITOR (fixture->editor),
                                                fixture->db, uuid,
                                                uuid ? 0 : fixture->call_row,
                                                "tester", &error));
  g_assert_no_error (error);
  gtk_window_present (fixture->window);
  WAIT_FOR (gtk_widget_get_width (fixture->editor) > 0);
  wait_frames (fixture->editor, 3);
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
  sqlite3_stmt *stmt;

  fixture->dir = test_tmpdir ();
  path = g_build_filename (fixture->dir, "rubric.db", NULL);
  fixture->db = rubric_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (rubric_sample_load (fixture->db, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_prepare_v2 (rubric_db_get_handle (fixture->db),
                                       "SELECT id FROM calls WHERE recording IS NOT NULL "
                                       "ORDER BY id LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  fixture->call_row = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

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

/* Answers the current criterion and moves on, as 1/2/3 and J do; records
 * the answer the row now shows in @expected. */
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
  gtk_widget_activate_action (fixture->editor, "editor.next-criterion", NULL);
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
  GtkWidget *dialog;
  guint half;

  open_editor (fixture, NULL);
  uuid = g_strdup (rubric_evaluation_editor_get_uuid (RUBRIC_EVALUATION_EDITOR (fixture->editor)));
  rows = find_all (fixture->editor, RUBRIC_TYPE_CRITERION_ROW);
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
  rows = find_all (fixture->editor, RUBRIC_TYPE_CRITERION_ROW);
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

  /* All but the last: submitting is refused, naming it. */
  for (guint i = half; i + 1 < rows->len; i++)
    answer_current (fixture, rows, i, expected);
  last = g_ptr_array_index (rows, rows->len - 1);
  g_signal_connect (fixture->editor, "submitted", G_CALLBACK (on_submitted), &submitted);
  gtk_widget_activate_action (fixture->editor, "editor.submit", NULL);
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            rubric_criterion_get_text (rubric_criterion_row_get_criterion (last))));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (submitted);
  assert_stored (fixture, uuid, expected, RUBRIC_STATUS_DRAFT);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (last), "rubric-current"));

  /* The last one, then Ctrl+Return. */
  answer_current (fixture, rows, rows->len - 1, expected);
  assert_shown_score (fixture, expected);
  gtk_widget_activate_action (fixture->editor, "editor.submit", NULL);
  g_assert_cmpstr (submitted, ==, uuid);
  assert_stored (fixture, uuid, expected, RUBRIC_STATUS_SUBMITTED);
  assert_shown_score (fixture, expected);

  /* Submitted is read-only: the keys no longer change answers. */
  gtk_widget_activate_action (fixture->editor, "editor.previous-criterion", NULL);
  gtk_widget_activate_action (fixture->editor, "editor.answer", "i", 2);
  assert_stored (fixture, uuid, expected, RUBRIC_STATUS_SUBMITTED);

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
  sqlite3_stmt *stmt;
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

  g_assert_cmpint (sqlite3_prepare_v2 (rubric_db_get_handle (fixture->db),
                                       "UPDATE calls SET recording = ?1 WHERE id = ?2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, fixture->call_row);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
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
    g_autoptr(GPtrArray) pinned = find_all (fixture->editor, GTK_TYPE_LIST_BOX_ROW);

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
    g_autoptr(GPtrArray) rows = find_all (fixture->editor, RUBRIC_TYPE_CRITERION_ROW);

    for (guint i = 0; i < rows->len; i++)
      {
        RubricCriterionRow *row = g_ptr_array_index (rows, i);
        RubricCriterion *criterion = rubric_criterion_row_get_criterion (row);
        g_autofree char *one = rubric_criterion_row_value_for_digit (row, 1);
        g_autofree char *three = rubric_criterion_row_value_for_digit (row, 3);
        g_autofree char *zero = rubric_criterion_row_value_for_digit (row, 0);

        if (criterion->type == RUBRIC_ANSWER_YES_NO)
          {
            g_assert_cmpstr (one, ==, "yes");
            g_assert_cmpstr (three, ==, criterion->na ? "na" : NULL);
          }
        else if (criterion->type == RUBRIC_ANSWER_SCALE)
          g_assert_cmpstr (three, ==, "3");
        else
          g_assert_cmpstr (one, ==,
                           ((RubricOption *) g_ptr_array_index (criterion->options, 0))->key);
        g_assert_cmpstr (zero, ==, criterion->na ? "na" : NULL);
      }
  }
}

/* Moves the current criterion to @index the way J and K do. */
static void
go_to_criterion (Fixture *fixture,
                                               guint    index)
{
  g_autoptr(GPtrArray) rows = find_all (fixture->editor, RUBRIC_TYPE_CRITERION_ROW);

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
  open_editor (fixture, NULL);
  rows = find_all (fixture->editor, RUBRIC_TYPE_CRITERION_ROW);
  /* A draft half-way: some answers, an auto-fail, the guidance open, a
   * pinned comment, the current criterion mid-form. */
  for (guint i = 0; i < 6; i++)
    {
      RubricCriterion *criterion = rubric_criterion_row_get_criterion (g_ptr_array_index (rows, i));
      int digit = criterion->critical && criterion->type == RUBRIC_ANSWER_CHOICE
                  ? (int) criterion->options->len : digit_for (criterion, i);

      gtk_widget_activate_action (fixture->editor, "editor.answer", "i", digit);
      gtk_widget_activate_action (fixture->editor, "editor.next-criterion", NULL);
    }
  gtk_widget_activate_action (fixture->editor, "editor.toggle-guidance", NULL);
  WAIT_FOR (gtk_media_stream_is_prepared (rubric_audio_player_get_stream (
              find_one (fixture->editor, RUBRIC_TYPE_AUDIO_PLAYER))));
  gtk_widget_activate_action (fixture->editor, "editor.seek-relative", "i", 5);
  gtk_widget_activate_action (fixture->editor, "editor.comment-at-time", NULL);
  gtk_editable_set_text (GTK_EDITABLE (gtk_root_get_focus (GTK_ROOT (fixture->window))),
                         "Verifies the address before the date of birth");
  gtk_widget_activate_action (fixture->editor, "editor.next-criterion", NULL);
  wait_frames (fixture->editor, 30);  /* the guidance revealer's animation */

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
  wait_frames (fixture->editor, 30);
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
      g_autoptr(GPtrArray) expanders = find_all (history, ADW_TYPE_EXPANDER_ROW);

      g_assert_cmpuint (expanders->len, ==, 1);  /* the edit (submitting a draft is not one) */
      adw_expander_row_set_expanded (g_ptr_array_index (expanders, 0), TRUE);
    }
    wait_frames (history, 30);
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

  /* Last: it checks data files shipped beside the code. */
  g_test_add_func ("/editor/sample-recordings", test_sample_recordings);

  return g_test_run ();
}
