/* rubric-screenshots.h — `rubric --screenshots DIR`: every page rendered to PNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-window.h"

G_BEGIN_DECLS

/* Renders @widget as it is drawn now (after a few frames) into a PNG. */
gboolean rubric_widget_save_png      (GtkWidget            *widget,
                                      const char           *path,
                                      GError              **error);

/* Shows every page of @window in turn, waits until it settled (lists
 * loaded, a few frames drawn) and saves DIR/PAGE.png. With @load_sample
 * (a fresh database) the welcome page comes first, then the sample data
 * is loaded. */
void     rubric_screenshots_run_async (RubricWindow        *window,
                                       const char          *dir,
                                       gboolean             load_sample,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean rubric_screenshots_finish    (GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
