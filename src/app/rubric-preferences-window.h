/* rubric-preferences-window.h — the reviewer's name and the database file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RUBRIC_TYPE_PREFERENCES_WINDOW (rubric_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (RubricPreferencesWindow, rubric_preferences_window, RUBRIC,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @settings may be NULL (no schema installed): the rows are then
 * insensitive. @current_path is the database the app has open. */
GtkWidget *rubric_preferences_window_new (GSettings  *settings,
                                          const char *current_path);

/* Applies what the database field says (as its apply button does): FALSE,
 * with the field marked, when it is neither a full path nor a URI. */
gboolean   rubric_preferences_window_apply_location (RubricPreferencesWindow *self,
                                                     const char              *text);

G_END_DECLS
