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

G_END_DECLS
