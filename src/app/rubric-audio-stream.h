/* rubric-audio-stream.h — a GtkMediaStream over GStreamer's playbin that can change speed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RUBRIC_TYPE_AUDIO_STREAM (rubric_audio_stream_get_type ())

G_DECLARE_FINAL_TYPE (RubricAudioStream, rubric_audio_stream, RUBRIC, AUDIO_STREAM, GtkMediaStream)

/* The slowest and fastest rates the player offers (SPEC §10). */
#define RUBRIC_AUDIO_STREAM_MIN_RATE 0.75
#define RUBRIC_AUDIO_STREAM_MAX_RATE 2.0

/* A path or a URI (file://, resource://, anything GStreamer reads). */
GtkMediaStream *rubric_audio_stream_new             (const char        *location);
/* FALSE when GStreamer's scaletempo element is missing: the stream then
 * plays at normal speed only rather than at a changed pitch. */
gboolean        rubric_audio_stream_can_change_rate (RubricAudioStream *self);
double          rubric_audio_stream_get_rate        (RubricAudioStream *self);
/* From RUBRIC_AUDIO_STREAM_MIN_RATE to RUBRIC_AUDIO_STREAM_MAX_RATE; the
 * pitch stays. Applies at once while playing, else from the next play. */
void            rubric_audio_stream_set_rate        (RubricAudioStream *self,
                                                     double             rate);

G_END_DECLS
