/* rubric-calls.h — call records: the call-record CSV import (SPEC §4.1, §8.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rubric-db.h"

G_BEGIN_DECLS

typedef enum
{
  RUBRIC_OUTCOME_PENDING   = 0,
  RUBRIC_OUTCOME_ANSWERED  = 1,
  RUBRIC_OUTCOME_ABANDONED = 2,
  RUBRIC_OUTCOME_TIMEOUT   = 3,
  RUBRIC_OUTCOME_OTHER     = 4,
} RubricOutcome;

typedef struct
{
  const char *vendor;  /* --vendor: the vendor of every row, or NULL */
  const char *source;  /* --source, or NULL for "csv" */
  const char *map;     /* --map "name=Header,...", or NULL */
} RubricCallImportOptions;

typedef struct
{
  guint64 rows;       /* data rows read */
  guint64 inserted;   /* new call records */
  guint64 unchanged;  /* rows already in the database */
} RubricCallImportReport;

/* Called now and then with the share of the file read, 0.0 to 1.0. */
typedef void (*RubricProgressFunc) (double   fraction,
                                    gpointer user_data);

/* Imports a call-record CSV in one transaction: any bad row refuses the whole
 * file with RUBRIC_ERROR_INPUT "FILE:LINE: message" and the database is left
 * exactly as it was. Importing the same rows again adds nothing (they are
 * counted as unchanged, even where their other columns differ). Blank lines
 * are skipped. Cancelling rolls back with G_IO_ERROR_CANCELLED. @report
 * is written on success only; @options may be NULL. */
gboolean rubric_calls_import_csv (RubricDb                       *db,
                                  const char                     *path,
                                  const RubricCallImportOptions  *options,
                                  RubricProgressFunc              progress,
                                  gpointer                        progress_data,
                                  RubricCallImportReport         *report,
                                  GCancellable                   *cancellable,
                                  GError                        **error);

const char *rubric_outcome_to_string   (RubricOutcome  outcome);
gboolean    rubric_outcome_from_string (const char    *text,
                                        RubricOutcome *outcome);

G_END_DECLS
