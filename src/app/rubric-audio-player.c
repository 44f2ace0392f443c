/* rubric-audio-player.c — the call recording's player: play, seek, ±5 s, speed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rubric-audio-player.h"
#include "rubric-audio-stream.h"

/* The speeds on offer, in the order of the dropdown's items (SPEC §10). */
static const double rates[] = { 0.75, 1.0, 1.25, 1.5, 2.0 };

struct _RubricAudioPlayer
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkLabel       *message_label;
  GtkButton      *play_button;
  GtkScale       *scale;
  GtkAdjustment  *adjustment;
  GtkLabel       *time_label;
  GtkDropDown    *speed_dropdown;

  /* Owned references */
  GtkMediaStream *stream;
  GSettings      *settings;  /* NULL when the schema is not installed */

  GArray         *marks;        /* double: seconds of the pinned comments */
  gint64          seek_target;  /* µs, while the stream is seeking */
};

G_DEFINE_FINAL_TYPE (RubricAudioPlayer, rubric_audio_player, GTK_TYPE_WIDGET)

char *
rubric_format_offset (double seconds)
{
  gint64 total = isfinite (seconds) && seconds > 0 ? (gint64) seconds : 0;

  if (total >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (total / 3600), (int) (total / 60 % 60),
                            (int) (total % 60));
  return g_strdup_printf ("%d:%02d", (int) (total / 60), (int) (total % 60));
}

static double
stream_seconds (gint64 usec)
{
  return (double) usec / G_USEC_PER_SEC;
}

static guint
rate_index (double rate)
{
  guint best = 1;

  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    if (fabs (rates[i] - rate) < fabs (rates[best] - rate))
      best = i;
  return best;
}

static double
selected_rate (RubricAudioPlayer *self)
{
  guint selected = gtk_drop_down_get_selected (self->speed_dropdown);

  return selected < G_N_ELEMENTS (rates) ? rates[selected] : 1.0;
}

static void
update_actions (RubricAudioPlayer *self)
{
  gboolean prepared = self->stream != NULL && gtk_media_stream_is_prepared (self->stream);
  gboolean seekable = prepared && gtk_media_stream_is_seekable (self->stream);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.play-pause", prepared);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.seek-relative", seekable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scale), seekable);
}

/* The speed is offered only where it is real: with GStreamer's scaletempo,
 * which keeps the voices at their pitch. */
static void
update_speed (RubricAudioPlayer *self)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (self->speed_dropdown);
  gboolean available = self->stream == NULL ||
                       rubric_audio_stream_can_change_rate (RUBRIC_AUDIO_STREAM (self->stream));
  gboolean writable = self->settings == NULL ||
                      g_settings_is_writable (self->settings, "playback-rate");

  gtk_widget_set_sensitive (GTK_WIDGET (self->speed_dropdown), available && writable);
  if (available)
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->speed_dropdown), _("Playback speed"));
      gtk_accessible_reset_property (accessible, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  else
    {
      const char *why = _("Playback speed cannot be changed: GStreamer’s scaletempo element "
                          "is missing (package gstreamer1.0-plugins-good)");

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->speed_dropdown), why);
      gtk_accessible_update_property (accessible, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why, -1);
    }
}

static void
speed_selected_cb (RubricAudioPlayer *self,
                   GParamSpec        *pspec,
                   GtkDropDown       *dropdown)
{
  if (self->stream != NULL)
    rubric_audio_stream_set_rate (RUBRIC_AUDIO_STREAM (self->stream), selected_rate (self));
}

static gboolean
rate_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_uint (value, rate_index (g_variant_get_double (variant)));
  return TRUE;
}

static GVariant *
selected_to_rate (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (rates))
    return NULL;
  return g_variant_new_double (rates[selected]);
}

static void
update_position (RubricAudioPlayer *self)
{
  double position = 0;
  double duration = 0;
  g_autofree char *position_text = NULL;
  g_autofree char *duration_text = NULL;
  g_autofree char *text = NULL;

  if (self->stream != NULL)
    {
      position = stream_seconds (gtk_media_stream_get_timestamp (self->stream));
      duration = stream_seconds (gtk_media_stream_get_duration (self->stream));
    }

  gtk_adjustment_configure (self->adjustment, position, 0, MAX (duration, position),
                            5, 30, 0);

  position_text = rubric_format_offset (position);
  duration_text = rubric_format_offset (duration);
  /* TRANSLATORS: the playback position and the recording's length, "1:05 / 4:30" */
  text = g_strdup_printf (_("%s / %s"), position_text, duration_text);
  gtk_label_set_label (self->time_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

static void
update_playing (RubricAudioPlayer *self)
{
  gboolean playing = self->stream != NULL && gtk_media_stream_get_playing (self->stream);

  gtk_button_set_icon_name (self->play_button,
                            playing ? "media-playback-pause-symbolic"
                                    : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause (Space)") : _("Play (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  playing ? _("Pause") : _("Play"),
                                  -1);
}

/* Says why the recording cannot be played, if it cannot. */
static gboolean
show_unplayable (RubricAudioPlayer *self)
{
  GtkMediaStream *stream = self->stream;
  const GError *error = gtk_media_stream_get_error (stream);
  gboolean unreadable = gtk_media_stream_is_prepared (stream) &&
                        gtk_media_stream_get_duration (stream) == 0;

  /* GStreamer reports a file it cannot parse as prepared, empty and
   * unseekable rather than as an error. */
  if (error != NULL || unreadable)
    {
      g_autofree char *message = NULL;

      if (error != NULL)
        message = g_strdup_printf (_("The recording cannot be played: %s"), error->message);
      else
        message = g_strdup (_("The recording cannot be played: it is empty or not in a "
                              "format this system can read."));
      gtk_label_set_label (self->message_label, message);
      gtk_stack_set_visible_child_name (self->stack, "none");
      update_actions (self);
      return TRUE;
    }

  return FALSE;
}

static void
stream_notify_cb (RubricAudioPlayer *self,
                  GParamSpec        *pspec,
                  GtkMediaStream    *stream)
{
  if (show_unplayable (self))
    return;

  if (g_str_equal (pspec->name, "timestamp") || g_str_equal (pspec->name, "duration"))
    update_position (self);
  else if (g_str_equal (pspec->name, "playing") || g_str_equal (pspec->name, "ended"))
    update_playing (self);
  else if (g_str_equal (pspec->name, "prepared") || g_str_equal (pspec->name, "seekable"))
    update_actions (self);
}

static gboolean
scale_change_value_cb (GtkRange          *range,
                       GtkScrollType      scroll,
                       double             value,
                       RubricAudioPlayer *self)
{
  rubric_audio_player_seek (self, value);
  return TRUE;
}

static void
play_pause_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  rubric_audio_player_toggle_playing (RUBRIC_AUDIO_PLAYER (widget));
}

static void
seek_relative_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  rubric_audio_player_seek_relative (RUBRIC_AUDIO_PLAYER (widget),
                                     g_variant_get_int32 (parameter));
}

static void
clear_stream (RubricAudioPlayer *self)
{
  if (self->stream == NULL)
    return;

  g_signal_handlers_disconnect_by_func (self->stream, stream_notify_cb, self);
  gtk_media_stream_pause (self->stream);
  g_clear_object (&self->stream);
}

static void
rubric_audio_player_dispose (GObject *object)
{
  RubricAudioPlayer *self = RUBRIC_AUDIO_PLAYER (object);
  GtkWidget *child;

  clear_stream (self);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->marks, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUBRIC_TYPE_AUDIO_PLAYER);
  /* The template's root box is not a bound child: unparent it here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rubric_audio_player_parent_class)->dispose (object);
}

static void
rubric_audio_player_class_init (RubricAudioPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rubric_audio_player_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rubricqa/Rubric/rubric-audio-player.ui");
  gtk_widget_class_bind_template_child (widget_class, RubricAudioPlayer, stack);
  gtk_widget_class_bind_template_child (widget_class, RubricAudioPlayer, message_label);
  gtk_widget_class_bind_template_child (widget_class, RubricAudioPlayer, play_button);
  gtk_widget_class_bind_template_child (widget_class, RubricAudioPlayer, scale);
  gtk_widget_class_bind_template_child (widget_class, RubricAudioPlayer, adjustment);
  gtk_widget_class_bind_template_child (widget_class, RubricAudioPlayer, time_label);
  gtk_widget_class_bind_template_child (widget_class, RubricAudioPlayer, speed_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, scale_change_value_cb);

  gtk_widget_class_install_action (widget_class, "player.play-pause", NULL, play_pause_action);
  gtk_widget_class_install_action (widget_class, "player.seek-relative", "i",
                                   seek_relative_action);

  /* Left and Right seek while the focus is in the player (on the seek bar,
   * GtkRange's own Left and Right move by the adjustment's 5 s step, which
   * comes to the same). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0,
                                       "player.seek-relative", "i", -5);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0,
                                       "player.seek-relative", "i", 5);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rubric_audio_player_init (RubricAudioPlayer *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->marks = g_array_new (FALSE, FALSE, sizeof (double));

  /* The speed is remembered from call to call (without the schema, as when
   * run from a build folder without `meson devenv`, for this run only). */
  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID,
                                            TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      g_settings_bind_with_mapping (self->settings, "playback-rate",
                                    self->speed_dropdown, "selected",
                                    G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY,
                                    rate_to_selected, selected_to_rate, NULL, NULL);
    }
  g_signal_connect_object (self->speed_dropdown, "notify::selected",
                           G_CALLBACK (speed_selected_cb), self, G_CONNECT_SWAPPED);

  update_actions (self);
  update_speed (self);
}

GtkWidget *
rubric_audio_player_new (void)
{
  return g_object_new (RUBRIC_TYPE_AUDIO_PLAYER, NULL);
}

void
rubric_audio_player_set_location (RubricAudioPlayer *self,
                                  const char        *location)
{
  g_return_if_fail (RUBRIC_IS_AUDIO_PLAYER (self));

  clear_stream (self);

  if (location != NULL && *location != '\0')
    {
      /* A stored recording is a path or a URI (SPEC §4.1, §8.3). GStreamer
       * reads resource:// through GIO, so the sample recordings play too. */
      self->stream = rubric_audio_stream_new (location);
      rubric_audio_stream_set_rate (RUBRIC_AUDIO_STREAM (self->stream), selected_rate (self));
      g_signal_connect_object (self->stream, "notify", G_CALLBACK (stream_notify_cb), self,
                               G_CONNECT_SWAPPED);
    }

  gtk_label_set_label (self->message_label, _("This call has no recording."));
  gtk_stack_set_visible_child_name (self->stack, self->stream != NULL ? "player" : "none");
  update_actions (self);
  update_speed (self);
  update_position (self);
  update_playing (self);
  /* GStreamer itself may be missing: the stream is then in error at once. */
  if (self->stream != NULL)
    show_unplayable (self);
}

GtkMediaStream *
rubric_audio_player_get_stream (RubricAudioPlayer *self)
{
  g_return_val_if_fail (RUBRIC_IS_AUDIO_PLAYER (self), NULL);

  return self->stream;
}

gboolean
rubric_audio_player_has_media (RubricAudioPlayer *self)
{
  g_return_val_if_fail (RUBRIC_IS_AUDIO_PLAYER (self), FALSE);

  return self->stream != NULL && gtk_media_stream_get_error (self->stream) == NULL &&
         !(gtk_media_stream_is_prepared (self->stream) &&
           gtk_media_stream_get_duration (self->stream) == 0);
}

double
rubric_audio_player_get_position (RubricAudioPlayer *self)
{
  g_return_val_if_fail (RUBRIC_IS_AUDIO_PLAYER (self), 0);

  if (self->stream == NULL)
    return 0;

  /* Right after a seek the stream still tells the old time: keys pressed in
   * quick succession (+5 s, +5 s, Ctrl+M) count from where it is going. */
  if (gtk_media_stream_is_seeking (self->stream))
    return stream_seconds (self->seek_target);

  return stream_seconds (gtk_media_stream_get_timestamp (self->stream));
}

void
rubric_audio_player_toggle_playing (RubricAudioPlayer *self)
{
  g_return_if_fail (RUBRIC_IS_AUDIO_PLAYER (self));

  if (self->stream == NULL || !gtk_media_stream_is_prepared (self->stream))
    return;

  /* At the end, play starts over rather than doing nothing. */
  if (!gtk_media_stream_get_playing (self->stream) && gtk_media_stream_get_ended (self->stream))
    gtk_media_stream_seek (self->stream, 0);

  gtk_media_stream_set_playing (self->stream, !gtk_media_stream_get_playing (self->stream));
}

void
rubric_audio_player_seek (RubricAudioPlayer *self,
                          double             seconds)
{
  gint64 duration;
  gint64 target;

  g_return_if_fail (RUBRIC_IS_AUDIO_PLAYER (self));

  if (self->stream == NULL || !gtk_media_stream_is_seekable (self->stream))
    return;

  duration = gtk_media_stream_get_duration (self->stream);
  target = (gint64) (seconds * G_USEC_PER_SEC);
  target = CLAMP (target, 0, duration > 0 ? duration : G_MAXINT64);
  self->seek_target = target;
  gtk_media_stream_seek (self->stream, target);
}

void
rubric_audio_player_seek_relative (RubricAudioPlayer *self,
                                   double             seconds)
{
  g_return_if_fail (RUBRIC_IS_AUDIO_PLAYER (self));

  rubric_audio_player_seek (self, rubric_audio_player_get_position (self) + seconds);
}

void
rubric_audio_player_set_marks (RubricAudioPlayer *self,
                               const double      *seconds,
                               guint              n_marks)
{
  g_return_if_fail (RUBRIC_IS_AUDIO_PLAYER (self));
  g_return_if_fail (seconds != NULL || n_marks == 0);

  g_array_set_size (self->marks, 0);
  if (n_marks > 0)
    g_array_append_vals (self->marks, seconds, n_marks);

  /* Plain ticks under the bar: the comments themselves are listed beside
   * the player, and activating one seeks there. */
  gtk_scale_clear_marks (self->scale);
  for (guint i = 0; i < n_marks; i++)
    gtk_scale_add_mark (self->scale, seconds[i], GTK_POS_BOTTOM, NULL);
}

const double *
rubric_audio_player_get_marks (RubricAudioPlayer *self,
                               guint             *n_marks)
{
  g_return_val_if_fail (RUBRIC_IS_AUDIO_PLAYER (self), NULL);
  g_return_val_if_fail (n_marks != NULL, NULL);

  *n_marks = self->marks->len;
  return (const double *) self->marks->data;
}
