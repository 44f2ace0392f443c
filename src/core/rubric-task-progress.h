/* rubric-task-progress.h — progress reports from a GTask's worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rubric-calls.h"

G_BEGIN_DECLS

void rubric_task_report_progress (GTask              *task,
                                  GMainContext       *context,
                                  RubricProgressFunc  progress,
                                  gpointer            progress_data,
                                  double              fraction);

G_END_DECLS
