/* rubric-coaching-pdf.c — an agent's coaching report (issue 12)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * STUB: the interface is settled; the report is being written.
 */
#include "config.h"

#include "rubric-error.h"
#include "rubric-trends.h"

gboolean
rubric_trends_write_coaching_pdf (RubricDb *db, const RubricTrendQuery *query,
                                  GOutputStream *out, GCancellable *cancellable,
                                  GError **error)
{
  g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND, "coaching report: not implemented yet");
  return FALSE;
}
