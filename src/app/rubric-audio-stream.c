/* rubric-audio-stream.c — a GtkMediaStream over GStreamer's playbin that can change speed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's GtkMediaStream has no rate and GtkMediaFile keeps its GStreamer
 * player private, so the recording plays through a playbin of our own. The
 * speed is the rate of a flushing seek, and a scaletempo element (the
 * playbin's audio filter) keeps the voices at their pitch.
 *
 * A flushing seek is finished when the pipeline has prerolled again and says
 * so with ASYNC_DONE. Like GstPlay, the stream keeps at most one seek in
 * flight: a seek or a rate change asked for meanwhile waits for that
 * ASYNC_DONE, and only the last one asked for is made. Every GStreamer bus
 * message is handled on the main context (gst_bus_add_watch), where
 * GtkMediaStream must be told.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gst/gst.h>

#include "rubric-audio-stream.h"

/* How often the position is read while playing: the seek bar moves smoothly
 * and a pinned comment is within a twentieth of a second. */
#define POLL_INTERVAL_MS 50

struct _RubricAudioStream
{
  GtkMediaStream  parent_instance;

  /* Owned references */
  GstElement     *playbin;

  guint           bus_watch;
  guint           poll_source;

  double          rate;             /* the rate asked for */
  gboolean        can_change_rate;  /* scaletempo is in the pipeline */
  gboolean        at_eos;

  /* Seeks: one in flight at a time, the last one asked for queued. */
  gboolean        seek_in_flight;
  gboolean        seek_queued;
  GstClockTime    queued_position;  /* or GST_CLOCK_TIME_NONE: where it is */
  guint32         seek_seqnum;      /* of the seek in flight */
};

G_DEFINE_FINAL_TYPE (RubricAudioStream, rubric_audio_stream, GTK_TYPE_MEDIA_STREAM)

static gboolean
query_position (RubricAudioStream *self,
                GstClockTime      *position)
{
  gint64 value;

  if (!gst_element_query_position (self->playbin, GST_FORMAT_TIME, &value) || value < 0)
    return FALSE;

  *position = (GstClockTime) value;
  return TRUE;
}

/* Tells GtkMediaStream where playback is. */
static void
update_timestamp (RubricAudioStream *self)
{
  GtkMediaStream *stream = GTK_MEDIA_STREAM (self);
  gint64 duration = gtk_media_stream_get_duration (stream);
  GstClockTime position;
  gint64 timestamp;

  /* GtkMediaStream takes no timestamp before the stream is prepared, and
   * the pipeline can answer a position query (it has prerolled) while its
   * ASYNC_DONE still waits on the bus behind other messages. */
  if (!gtk_media_stream_is_prepared (stream) || self->seek_in_flight ||
      !query_position (self, &position))
    return;

  timestamp = (gint64) (position / GST_USECOND);
  if (duration > 0)
    timestamp = MIN (timestamp, duration);
  gtk_media_stream_update (stream, timestamp);
}

static gboolean
poll_cb (gpointer data)
{
  update_timestamp (RUBRIC_AUDIO_STREAM (data));
  return G_SOURCE_CONTINUE;
}

static void
start_polling (RubricAudioStream *self)
{
  if (self->poll_source == 0)
    self->poll_source = g_timeout_add (POLL_INTERVAL_MS, poll_cb, self);
}

static void
stop_polling (RubricAudioStream *self)
{
  g_clear_handle_id (&self->poll_source, g_source_remove);
}

/* A flushing, accurate seek at the rate asked for; position
 * GST_CLOCK_TIME_NONE is where playback is now (a rate change). */
static void
start_seek (RubricAudioStream *self,
            GstClockTime       position)
{
  GstEvent *event;

  if (self->seek_in_flight)
    {
      /* A later seek overrides a queued one; a rate change keeps its
       * position. */
      if (!self->seek_queued || position != GST_CLOCK_TIME_NONE)
        self->queued_position = position;
      self->seek_queued = TRUE;
      return;
    }

  if (position == GST_CLOCK_TIME_NONE && !query_position (self, &position))
    position = (GstClockTime) gtk_media_stream_get_timestamp (GTK_MEDIA_STREAM (self)) *
               GST_USECOND;

  self->at_eos = FALSE;
  event = gst_event_new_seek (self->can_change_rate ? self->rate : 1.0,
                              GST_FORMAT_TIME, GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE,
                              GST_SEEK_TYPE_SET, (gint64) position,
                              GST_SEEK_TYPE_NONE, GST_CLOCK_TIME_NONE);
  self->seek_seqnum = gst_event_get_seqnum (event);
  if (gst_element_send_event (self->playbin, event))
    {
      self->seek_in_flight = TRUE;
    }
  else if (gtk_media_stream_is_seeking (GTK_MEDIA_STREAM (self)))
    {
      gtk_media_stream_seek_failed (GTK_MEDIA_STREAM (self));
    }
}

static void
prepare (RubricAudioStream *self)
{
  g_autoptr(GstQuery) query = gst_query_new_seeking (GST_FORMAT_TIME);
  gboolean seekable = FALSE;
  gint64 duration = 0;
  int n_audio = 0;

  if (!gst_element_query_duration (self->playbin, GST_FORMAT_TIME, &duration) || duration < 0)
    duration = 0;
  if (gst_element_query (self->playbin, query))
    gst_query_parse_seeking (query, NULL, &seekable, NULL, NULL);
  g_object_get (self->playbin, "n-audio", &n_audio, NULL);

  gtk_media_stream_stream_prepared (GTK_MEDIA_STREAM (self), n_audio > 0, FALSE, seekable,
                                    duration / GST_USECOND);

  /* Played before it was prepared: the position is followed from now. */
  if (gtk_media_stream_get_playing (GTK_MEDIA_STREAM (self)))
    start_polling (self);

  /* A rate set before the recording was read. */
  if (self->can_change_rate && self->rate != 1.0 && seekable)
    start_seek (self, GST_CLOCK_TIME_NONE);
}

static void
async_done (RubricAudioStream *self,
            GstMessage        *message)
{
  GtkMediaStream *stream = GTK_MEDIA_STREAM (self);

  if (!gtk_media_stream_is_prepared (stream))
    {
      prepare (self);
      return;
    }

  /* Pausing prerolls too, and its ASYNC_DONE can still be on the bus when a
   * seek starts: the seek's own is the first posted after the seek event
   * (GStreamer numbers events and messages from one counter). */
  if (self->seek_in_flight &&
      gst_util_seqnum_compare (gst_message_get_seqnum (message), self->seek_seqnum) < 0)
    return;

  self->seek_in_flight = FALSE;
  if (self->seek_queued)
    {
      self->seek_queued = FALSE;
      start_seek (self, self->queued_position);
      return;
    }

  update_timestamp (self);
  if (gtk_media_stream_is_seeking (stream))
    gtk_media_stream_seek_success (stream);
}

static void
end_of_stream (RubricAudioStream *self)
{
  GtkMediaStream *stream = GTK_MEDIA_STREAM (self);
  gint64 duration = gtk_media_stream_get_duration (stream);

  stop_polling (self);
  self->at_eos = TRUE;
  if (duration > 0)
    gtk_media_stream_update (stream, duration);
  else
    update_timestamp (self);
  if (!gtk_media_stream_get_ended (stream))
    gtk_media_stream_stream_ended (stream);
}

static void
handle_error (RubricAudioStream *self,
              GstMessage        *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *debug = NULL;

  gst_message_parse_error (message, &error, &debug);
  g_debug ("GStreamer: %s (%s)", error->message, debug ? debug : "");

  stop_polling (self);
  self->seek_in_flight = FALSE;
  self->seek_queued = FALSE;
  gtk_media_stream_gerror (GTK_MEDIA_STREAM (self), g_steal_pointer (&error));
  gst_element_set_state (self->playbin, GST_STATE_NULL);
}

/* On the main context, as every GtkMediaStream call must be. */
static gboolean
bus_cb (GstBus     *bus,
        GstMessage *message,
        gpointer    data)
{
  RubricAudioStream *self = RUBRIC_AUDIO_STREAM (data);

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ASYNC_DONE:
      async_done (self, message);
      break;

    case GST_MESSAGE_EOS:
      /* A sink that had reached the end says so again when set to play:
       * an end from before the last seek is no end. */
      if (self->seek_seqnum == GST_SEQNUM_INVALID ||
          gst_util_seqnum_compare (gst_message_get_seqnum (message), self->seek_seqnum) >= 0)
        end_of_stream (self);
      break;

    case GST_MESSAGE_ERROR:
      handle_error (self, message);
      break;

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
rubric_audio_stream_play (GtkMediaStream *stream)
{
  RubricAudioStream *self = RUBRIC_AUDIO_STREAM (stream);

  if (self->playbin == NULL)
    return FALSE;

  /* Play at the end starts over, as GtkMediaFile does. */
  if (self->at_eos)
    start_seek (self, 0);

  if (gst_element_set_state (self->playbin, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    return FALSE;

  /* Before the recording is read, prepare () starts the polling. */
  if (gtk_media_stream_is_prepared (stream))
    start_polling (self);
  return TRUE;
}

static void
rubric_audio_stream_pause (GtkMediaStream *stream)
{
  RubricAudioStream *self = RUBRIC_AUDIO_STREAM (stream);

  stop_polling (self);
  if (self->playbin == NULL || gtk_media_stream_get_error (stream) != NULL)
    return;

  gst_element_set_state (self->playbin, GST_STATE_PAUSED);
  /* At the end, the position stays the duration end_of_stream () gave. */
  if (!self->at_eos)
    update_timestamp (self);
}

static void
rubric_audio_stream_seek (GtkMediaStream *stream,
                          gint64          timestamp)
{
  RubricAudioStream *self = RUBRIC_AUDIO_STREAM (stream);

  start_seek (self, (GstClockTime) timestamp * GST_USECOND);
}

static void
rubric_audio_stream_update_audio (GtkMediaStream *stream,
                                  gboolean        muted,
                                  double          volume)
{
  RubricAudioStream *self = RUBRIC_AUDIO_STREAM (stream);

  if (self->playbin != NULL)
    g_object_set (self->playbin, "mute", muted, "volume", volume, NULL);
}

static void
rubric_audio_stream_dispose (GObject *object)
{
  RubricAudioStream *self = RUBRIC_AUDIO_STREAM (object);

  stop_polling (self);
  if (self->playbin != NULL)
    {
      g_autoptr(GstBus) bus = gst_element_get_bus (self->playbin);

      if (self->bus_watch != 0)
        gst_bus_remove_watch (bus);
      self->bus_watch = 0;
      gst_element_set_state (self->playbin, GST_STATE_NULL);
      g_clear_pointer (&self->playbin, gst_object_unref);
    }

  G_OBJECT_CLASS (rubric_audio_stream_parent_class)->dispose (object);
}

static void
rubric_audio_stream_class_init (RubricAudioStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkMediaStreamClass *stream_class = GTK_MEDIA_STREAM_CLASS (klass);

  object_class->dispose = rubric_audio_stream_dispose;

  stream_class->play = rubric_audio_stream_play;
  stream_class->pause = rubric_audio_stream_pause;
  stream_class->seek = rubric_audio_stream_seek;
  stream_class->update_audio = rubric_audio_stream_update_audio;
}

static void
rubric_audio_stream_init (RubricAudioStream *self)
{
  self->rate = 1.0;
  self->queued_position = GST_CLOCK_TIME_NONE;
}

static char *
location_to_uri (const char *location)
{
  g_autofree char *absolute = NULL;

  if (g_uri_peek_scheme (location) != NULL)
    return g_strdup (location);

  absolute = g_canonicalize_filename (location, NULL);
  return g_filename_to_uri (absolute, NULL, NULL);
}

GtkMediaStream *
rubric_audio_stream_new (const char *location)
{
  g_autoptr(RubricAudioStream) self = g_object_new (RUBRIC_TYPE_AUDIO_STREAM, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autofree char *uri = NULL;
  GstElement *scaletempo;

  g_return_val_if_fail (location != NULL, NULL);

  if (!gst_init_check (NULL, NULL, &error))
    {
      gtk_media_stream_gerror (GTK_MEDIA_STREAM (self), g_steal_pointer (&error));
      return GTK_MEDIA_STREAM (g_steal_pointer (&self));
    }

  self->playbin = gst_element_factory_make ("playbin", NULL);
  if (self->playbin == NULL)
    {
      gtk_media_stream_error (GTK_MEDIA_STREAM (self), GST_CORE_ERROR,
                              GST_CORE_ERROR_MISSING_PLUGIN,
                              _("GStreamer’s playbin element is missing (package "
                                "gstreamer1.0-plugins-base)"));
      return GTK_MEDIA_STREAM (g_steal_pointer (&self));
    }
  gst_object_ref_sink (self->playbin);

  /* Recordings are sound only: no video or subtitle chains, volume in
   * software. Resource URIs (the sample calls) are read by giosrc. */
  uri = location_to_uri (location);
  gst_util_set_object_arg (G_OBJECT (self->playbin), "flags", "audio+soft-volume");
  g_object_set (self->playbin, "uri", uri, NULL);

  scaletempo = gst_element_factory_make ("scaletempo", NULL);
  if (scaletempo != NULL)
    {
      g_object_set (self->playbin, "audio-filter", scaletempo, NULL);
      self->can_change_rate = TRUE;
    }
  else
    g_debug ("GStreamer’s scaletempo element is missing: recordings play at normal speed only");

  bus = gst_element_get_bus (self->playbin);
  self->bus_watch = gst_bus_add_watch (bus, bus_cb, self);

  /* Preroll: reading the file tells the duration and whether it seeks. */
  gst_element_set_state (self->playbin, GST_STATE_PAUSED);

  return GTK_MEDIA_STREAM (g_steal_pointer (&self));
}

gboolean
rubric_audio_stream_can_change_rate (RubricAudioStream *self)
{
  g_return_val_if_fail (RUBRIC_IS_AUDIO_STREAM (self), FALSE);

  return self->can_change_rate;
}

double
rubric_audio_stream_get_rate (RubricAudioStream *self)
{
  g_return_val_if_fail (RUBRIC_IS_AUDIO_STREAM (self), 1.0);

  return self->can_change_rate ? self->rate : 1.0;
}

void
rubric_audio_stream_set_rate (RubricAudioStream *self,
                              double             rate)
{
  GtkMediaStream *stream = GTK_MEDIA_STREAM (self);

  g_return_if_fail (RUBRIC_IS_AUDIO_STREAM (self));
  g_return_if_fail (rate >= RUBRIC_AUDIO_STREAM_MIN_RATE && rate <= RUBRIC_AUDIO_STREAM_MAX_RATE);

  if (self->rate == rate)
    return;

  self->rate = rate;

  /* Without scaletempo a faster rate would raise the pitch: stay at 1. */
  if (!self->can_change_rate || self->playbin == NULL)
    return;

  /* Before the recording is read, prepare () applies the rate; at the end,
   * the seek that starts it over does. */
  if (gtk_media_stream_is_prepared (stream) && gtk_media_stream_get_error (stream) == NULL &&
      gtk_media_stream_is_seekable (stream) && !self->at_eos)
    start_seek (self, GST_CLOCK_TIME_NONE);
}
