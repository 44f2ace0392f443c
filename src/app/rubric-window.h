/* rubric-window.h — the main window: sidebar of pages, the editor, imports and toasts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rubric-application.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_WINDOW (rubric_window_get_type ())

G_DECLARE_FINAL_TYPE (RubricWindow, rubric_window, RUBRIC, WINDOW, AdwApplicationWindow)

/* The pages of the sidebar, by name: "review", "evaluations", "agents",
 * "vendors", "scorecards". */
GtkWidget    *rubric_window_new               (RubricApplication *application);
RubricDb     *rubric_window_get_db            (RubricWindow      *self);
void          rubric_window_show_page         (RubricWindow      *self,
                                               const char        *name);
/* The page shown: a sidebar page's name, "welcome" or "editor". */
const char   *rubric_window_get_visible_page  (RubricWindow      *self);
/* Reads everything again after the database changed. */
void          rubric_window_refresh           (RubricWindow      *self);
/* Whether a list is still loading or a job runs (for screenshots and
 * tests, which wait until the window settled). */
gboolean      rubric_window_get_busy          (RubricWindow      *self);

void          rubric_window_add_toast         (RubricWindow      *self,
                                               const char        *title);
/* A dialog for what went wrong; @message names the file and line. */
void          rubric_window_show_error        (RubricWindow      *self,
                                               const char        *heading,
                                               const char        *message);

/* Imports @path, whatever it holds (rubric_import_detect), off the main
 * thread with the progress bar, then refreshes the pages. */
void          rubric_window_import_path       (RubricWindow      *self,
                                               const char        *path);
/* Opens the editor on evaluation @uuid, or a new draft for call row
 * @call_row when @uuid is NULL. */
gboolean      rubric_window_open_evaluation   (RubricWindow      *self,
                                               const char        *uuid,
                                               gint64             call_row);
GtkWidget    *rubric_window_get_editor        (RubricWindow      *self);
/* The pages, for the screenshots and the tests. */
GtkWidget    *rubric_window_get_page_widget   (RubricWindow      *self,
                                               const char        *name);

/* Long work with the in-window progress bar and its Cancel button: the
 * returned cancellable (owned by the window) is cancelled by the button.
 * A @fraction < 0 pulses. One job at a time. */
GCancellable *rubric_window_begin_job         (RubricWindow      *self,
                                               const char        *label);
void          rubric_window_set_job_progress  (RubricWindow      *self,
                                               double             fraction);
void          rubric_window_end_job           (RubricWindow      *self);
gboolean      rubric_window_get_job_running   (RubricWindow      *self);

/* Team mode (rubric-window-team.c). The window takes the member and role
 * from its database; the tests make it believe it is on a team database
 * with rubric_window_set_team (). */
void          rubric_window_set_team          (RubricWindow      *self,
                                               gboolean           team,
                                               RubricDbRole       role,
                                               const char        *member);
RubricDbRole  rubric_window_get_role          (RubricWindow      *self);
/* Whether the role allows @action ("win.import-calls"…). */
gboolean      rubric_window_may               (RubricWindow      *self,
                                               const char        *action);
/* A refusal by the server is a toast; a lost team database shows the
 * offline strip and reconnects. TRUE when @error was one of those (the
 * caller says nothing more). */
gboolean      rubric_window_report_error      (RubricWindow      *self,
                                               const GError      *error);
void          rubric_window_set_offline       (RubricWindow      *self,
                                               gboolean           offline);
gboolean      rubric_window_get_offline       (RubricWindow      *self);

G_END_DECLS
