/* rubric-application.h — the Rubric application: its database, settings and app-wide actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rubric-db.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_APPLICATION (rubric_application_get_type ())

G_DECLARE_FINAL_TYPE (RubricApplication, rubric_application, RUBRIC, APPLICATION, AdwApplication)

/* What changed in the database, for "data-changed" (flags: changes made
 * in one turn of the main loop are announced once, together). */
typedef enum
{
  RUBRIC_DATA_CALLS       = 1 << 0,   /* call records, agents, queues, reported figures */
  RUBRIC_DATA_EVALUATIONS = 1 << 1,   /* drafts saved, evaluations submitted or imported */
  RUBRIC_DATA_SCORECARDS  = 1 << 2,
  RUBRIC_DATA_CONTRACTS   = 1 << 3,
  RUBRIC_DATA_ALL         = 0xf,
} RubricDataChange;

RubricApplication *rubric_application_new           (void);
/* The database of the app's windows (main thread only), or NULL before
 * the first window opened it. */
RubricDb          *rubric_application_get_db        (RubricApplication  *self);
/* Opens @path (or, with NULL, the one the settings name, else the default
 * database) and makes it the app's. */
gboolean           rubric_application_open_database (RubricApplication  *self,
                                                     const char         *path,
                                                     GError            **error);
GSettings         *rubric_application_get_settings  (RubricApplication  *self);
/* The reviewer name of the settings, or the user's own name. */
char              *rubric_application_dup_reviewer  (RubricApplication  *self);

/* The about window, in Rubric's own words where libadwaita has none for
 * the language (Latvian on Debian 12). */
GtkWidget         *rubric_application_new_about_window (RubricApplication *self);

/* Says that @what changed in the database: "data-changed" is emitted once
 * at the next turn of the main loop with every change said until then,
 * and every page reloads what it shows (rubric-window.c). Whoever writes
 * (a save, a submit, an import, the sample data) calls this. */
void               rubric_application_data_changed  (RubricApplication  *self,
                                                     RubricDataChange    what);
/* Whether a "data-changed" is still to come. */
gboolean           rubric_application_get_data_change_pending
                                                    (RubricApplication  *self);

G_END_DECLS
