/* rubric-rating-pdf.c — the contract-review report (SPEC §10): placeholder
 * until the report is drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rubric-error.h"
#include "rubric-rating.h"

gboolean
rubric_ratings_write_pdf (GPtrArray     *ratings,
                          GOutputStream *out,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_USAGE, "PDF report: not written yet");
  return FALSE;
}
