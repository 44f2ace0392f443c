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

G_END_DECLS
