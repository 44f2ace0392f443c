/* rubric-error.h — the error domain shared by the core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RUBRIC_ERROR (rubric_error_quark ())

/* The codes map onto rubric-cli's exit statuses (SPEC §9): INPUT is a bad
 * file or argument value (exit 2, database untouched), DATABASE and IO are
 * exit 3, USAGE is exit 1.
 *
 * Cancelled work is not one of them: it is G_IO_ERROR_CANCELLED, what
 * g_cancellable_set_error_if_cancelled() and GIO give, so that one
 * g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) tells every
 * caller that nothing failed.
 */
typedef enum
{
  RUBRIC_ERROR_INPUT,
  RUBRIC_ERROR_NOT_FOUND,
  RUBRIC_ERROR_DATABASE,
  RUBRIC_ERROR_NEWER_DATABASE,
  RUBRIC_ERROR_IO,
  RUBRIC_ERROR_USAGE,
  /* Team mode (SPEC §15): the member's role does not allow it (exit 4);
   * nothing was changed. */
  RUBRIC_ERROR_NOT_PERMITTED,
  /* Someone else saved the evaluation since it was loaded (SPEC §15):
   * nothing was written; exit 3 like DATABASE. */
  RUBRIC_ERROR_CONFLICT,
} RubricError;

GQuark rubric_error_quark (void);

void   rubric_set_input_error (GError     **error,
                               const char  *file,
                               gint64       line,
                               const char  *format,
                               ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
