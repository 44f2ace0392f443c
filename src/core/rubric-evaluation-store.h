/* rubric-evaluation-store.h — evaluations in the database: save, import, export, history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rubric-db.h"
#include "rubric-evaluation.h"

G_BEGIN_DECLS

typedef struct
{
  guint added;      /* new evaluations */
  guint replaced;   /* existing ones replaced by a newer version */
  guint kept;       /* existing ones kept: identical, or the file's is not newer */
} RubricEvaluationImportReport;

typedef struct
{
  const char  *vendor;   /* or NULL */
  const char  *agent;    /* or NULL */
  const char  *status;   /* "draft", "submitted", "calibration" or NULL for all */
  const GDate *from;     /* inclusive day in the vendor's time zone, or NULL */
  const GDate *to;       /* inclusive day in the vendor's time zone, or NULL */
  const char  *search;   /* part of the agent's id or name, the reviewer or the call id
                          * (what the app's Evaluations page finds), or NULL */
} RubricEvaluationFilter;

typedef struct
{
  gint64  changed_at;
  char   *changed_by;
  char   *reason;
  char   *before;   /* the evaluation as interchange XML */
  char   *after;
} RubricHistoryEntry;

/* Validates @evaluation against its scorecard version and stores it with its
 * scores, in one transaction with synchronous=FULL. A change to a stored
 * submitted evaluation is recorded in its history (@who, @why). */
gboolean          rubric_evaluation_store_save     (RubricDb                      *db,
                                                    RubricEvaluation              *evaluation,
                                                    const char                    *who,
                                                    const char                    *why,
                                                    GError                       **error);
/* The save is refused with RUBRIC_ERROR_CONFLICT, nothing written, when
 * the stored evaluation was saved (elsewhere) since @evaluation was loaded
 * (its revision); the message names who and when. On success
 * @evaluation->revision is the new stored revision. A change the member may
 * not make (PostgreSQL row-level security) is RUBRIC_ERROR_NOT_PERMITTED. */

/* "Keep mine": saves @evaluation over whatever is stored now, and records
 * the stored version (before) and @evaluation (after) in the history with
 * @reason (required), drafts too. */
gboolean          rubric_evaluation_store_save_over (RubricDb                     *db,
                                                    RubricEvaluation              *evaluation,
                                                    const char                    *who,
                                                    const char                    *reason,
                                                    GError                       **error);
/* Who saved the stored evaluation @id last (*@who, free it) and when
 * (*@when, Unix seconds): what a conflict names. */
gboolean          rubric_evaluation_store_last_change (RubricDb                   *db,
                                                    const char                    *id,
                                                    char                         **who,
                                                    gint64                        *when,
                                                    GError                       **error);
/* @when as the conflict messages show it, in local time. */
char             *rubric_evaluation_store_format_change_time (gint64               when);
/* Marks a stored evaluation submitted; refused, naming them, while criteria
 * are unanswered. */
gboolean          rubric_evaluation_store_submit   (RubricDb                      *db,
                                                    const char                    *id,
                                                    const char                    *who,
                                                    GError                       **error);
RubricEvaluation *rubric_evaluation_store_load     (RubricDb                      *db,
                                                    const char                    *id,
                                                    GError                       **error);
/* Imports an <evaluations> file: everything is checked before anything is
 * written, then it lands in one transaction. */
gboolean          rubric_evaluation_store_import   (RubricDb                      *db,
                                                    const char                    *path,
                                                    const char                    *who,
                                                    RubricEvaluationImportReport  *report,
                                                    GError                       **error);
/* The same, for evaluations already read from @path (which errors name).
 * Runs inside the caller's transaction (as a savepoint) if one is open. */
gboolean          rubric_evaluation_store_import_parsed (RubricDb                 *db,
                                                    const char                    *path,
                                                    GPtrArray                     *evaluations,
                                                    const char                    *who,
                                                    RubricEvaluationImportReport  *report,
                                                    GError                       **error);
gboolean          rubric_evaluation_store_export_xml (RubricDb                    *db,
                                                    const RubricEvaluationFilter  *filter,
                                                    GOutputStream                 *out,
                                                    GError                       **error);
/* The CSV of SPEC §9: one row per evaluation, scores "%.2f" or empty. */
gboolean          rubric_evaluation_store_export_csv (RubricDb                    *db,
                                                    const RubricEvaluationFilter  *filter,
                                                    GOutputStream                 *out,
                                                    GError                       **error);
/* RubricHistoryEntry, oldest first. */
GPtrArray        *rubric_evaluation_store_history  (RubricDb                      *db,
                                                    const char                    *id,
                                                    GError                       **error);
void              rubric_history_entry_free        (RubricHistoryEntry            *entry);

G_END_DECLS
