/* rubric-audio-player.h — the call recording's player: play, seek, ±5 s, speed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RUBRIC_TYPE_AUDIO_PLAYER (rubric_audio_player_get_type ())

G_DECLARE_FINAL_TYPE (RubricAudioPlayer, rubric_audio_player, RUBRIC, AUDIO_PLAYER, GtkWidget)

GtkWidget      *rubric_audio_player_new            (void);
/* A path or a URI (file://, resource://, anything GIO and GStreamer read),
 * or NULL for a call without a recording. */
void            rubric_audio_player_set_location   (RubricAudioPlayer *self,
                                                    const char        *location);
GtkMediaStream *rubric_audio_player_get_stream     (RubricAudioPlayer *self);
gboolean        rubric_audio_player_has_media      (RubricAudioPlayer *self);
/* Seconds into the recording. */
double          rubric_audio_player_get_position   (RubricAudioPlayer *self);
void            rubric_audio_player_toggle_playing (RubricAudioPlayer *self);
void            rubric_audio_player_seek           (RubricAudioPlayer *self,
                                                    double             seconds);
void            rubric_audio_player_seek_relative  (RubricAudioPlayer *self,
                                                    double             seconds);
/* Ticks on the seek bar at @n_marks moments (seconds): the pinned
 * comments. */
void            rubric_audio_player_set_marks      (RubricAudioPlayer *self,
                                                    const double      *seconds,
                                                    guint              n_marks);
/* The ticks, in the order given; @n_marks is set. */
const double   *rubric_audio_player_get_marks      (RubricAudioPlayer *self,
                                                    guint             *n_marks);

/* "1:05", or "1:02:05" past the hour. */
char           *rubric_format_offset               (double             seconds);

G_END_DECLS
