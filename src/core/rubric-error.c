/* rubric-error.c — the error domain shared by the core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rubric-error.h"

G_DEFINE_QUARK (rubric-error-quark, rubric_error)

/* Input errors carry "FILE:LINE: message" so that every front end can show
 * them as they are; the line is left out when it is not known (0 or less).
 */
void
rubric_set_input_error (GError     **error,
                        const char  *file,
                        gint64       line,
                        const char  *format,
                        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (file != NULL && line > 0)
    g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                 "%s:%" G_GINT64_FORMAT ": %s", file, line, message);
  else if (file != NULL)
    g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT, "%s: %s", file, message);
  else
    g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT, message);
}
