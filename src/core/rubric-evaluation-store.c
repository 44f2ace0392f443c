/* rubric-evaluation-store.c — evaluations in the database: save, import, export, history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "rubric-clock.h"
#include "rubric-csv.h"
#include "rubric-error.h"
#include "rubric-evaluation-store-private.h"
#include "rubric-private.h"
#include "rubric-scorecard-store.h"
#include "rubric-time.h"

/* Where an import runs inside its caller's transaction. */
#define IMPORT_SAVEPOINT "rubric_evaluation_import"

void
rubric_history_entry_free (RubricHistoryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->changed_by);
  g_free (entry->reason);
  g_free (entry->before);
  g_free (entry->after);
  g_free (entry);
}

static void
bind_time_or_null (RubricStmt *stmt,
                   int           index,
                   gint64        value)
{
  if (value != RUBRIC_NO_TIME)
    rubric_stmt_bind_int64 (stmt, index, value);
  else
    rubric_stmt_bind_null (stmt, index);
}

static void
bind_score (RubricStmt *stmt,
            int           index,
            double        value)
{
  if (isnan (value))
    rubric_stmt_bind_null (stmt, index);
  else
    rubric_stmt_bind_double (stmt, index, value);
}

static char *
column_dup (RubricStmt *stmt,
            int           column)
{
  if (rubric_stmt_column_type (stmt, column) == RUBRIC_NULL)
    return NULL;

  return g_strdup (rubric_stmt_column_text (stmt, column));
}

static gint64
column_time (RubricStmt *stmt,
             int           column)
{
  if (rubric_stmt_column_type (stmt, column) == RUBRIC_NULL)
    return RUBRIC_NO_TIME;

  return rubric_stmt_column_int64 (stmt, column);
}

/* Returns the row id of the evaluation with @uuid, 0 when there is none,
 * -1 on error. */
static gint64
find_row (RubricDb    *db,
          const char  *uuid,
          GError     **error)
{
  return rubric_db_query_id (db, "SELECT id FROM evaluations WHERE uuid = ?1", uuid, error);
}

RubricEvaluation *
rubric_evaluation_store_load_row (RubricDb    *db,
          gint64       row,
          GError     **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  g_autoptr(RubricCachedStmt) answers = NULL;
  g_autoptr(RubricCachedStmt) comments = NULL;
  g_autoptr(RubricEvaluation) self = NULL;
  int rc;

  stmt = rubric_db_cached (db,
                            "SELECT e.uuid, s.key, s.version, e.status, e.reviewer, v.name, "
                            "  a.external_id, e.call, e.call_time, e.scored_at, e.revision "
                            "FROM evaluations e "
                            "JOIN scorecards s ON s.id = e.scorecard_id "
                            "LEFT JOIN vendors v ON v.id = e.vendor_id "
                            "LEFT JOIN agents a ON a.id = e.agent_id "
                            "WHERE e.id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;

  rubric_stmt_bind_int64 (stmt, 1, row);
  if (rubric_stmt_step (stmt) != RUBRIC_ROW)
    {
      rubric_db_set_error (db, error);
      return NULL;
    }

  self = rubric_evaluation_new (rubric_stmt_column_text (stmt, 0));
  self->scorecard = column_dup (stmt, 1);
  self->scorecard_version = rubric_stmt_column_int (stmt, 2);
  rubric_status_from_string (rubric_stmt_column_text (stmt, 3), &self->status);
  self->reviewer = column_dup (stmt, 4);
  self->vendor = column_dup (stmt, 5);
  self->agent = column_dup (stmt, 6);
  self->call = column_dup (stmt, 7);
  self->call_time = column_time (stmt, 8);
  self->scored_at = column_time (stmt, 9);
  self->revision = rubric_stmt_column_int64 (stmt, 10);

  /* Answers come back in the order they were given (position). */
  answers = rubric_db_cached (db,
                               "SELECT criterion, value FROM evaluation_answers "
                               "WHERE evaluation_id = ?1 ORDER BY position",
                               error);
  if (answers == NULL)
    return NULL;

  rubric_stmt_bind_int64 (answers, 1, row);
  while ((rc = rubric_stmt_step (answers)) == RUBRIC_ROW)
    rubric_evaluation_set_answer (self,
                                  rubric_stmt_column_text (answers, 0),
                                  rubric_stmt_column_text (answers, 1));
  if (rc != RUBRIC_DONE)
    {
      rubric_db_set_error (db, error);
      return NULL;
    }

  comments = rubric_db_cached (db,
                                "SELECT at, criterion, text FROM evaluation_comments "
                                "WHERE evaluation_id = ?1 ORDER BY position",
                                error);
  if (comments == NULL)
    return NULL;

  rubric_stmt_bind_int64 (comments, 1, row);
  while ((rc = rubric_stmt_step (comments)) == RUBRIC_ROW)
    {
      double at = rubric_stmt_column_type (comments, 0) == RUBRIC_NULL
                  ? NAN : rubric_stmt_column_double (comments, 0);

      rubric_evaluation_add_comment (self, at,
                                     rubric_stmt_column_text (comments, 1),
                                     rubric_stmt_column_text (comments, 2));
    }
  if (rc != RUBRIC_DONE)
    {
      rubric_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&self);
}

RubricEvaluation *
rubric_evaluation_store_load (RubricDb    *db,
                              const char  *id,
                              GError     **error)
{
  g_autofree char *uuid = g_ascii_strdown (id, -1);
  gint64 row = find_row (db, uuid, error);

  if (row < 0)
    return NULL;

  if (row == 0)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                   _("There is no evaluation %s"), id);
      return NULL;
    }

  return rubric_evaluation_store_load_row (db, row, error);
}

char *
rubric_evaluation_to_single_xml (RubricEvaluation *evaluation)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  g_ptr_array_add (list, evaluation);
  return rubric_evaluations_to_xml (list);
}

static gboolean
add_history (RubricDb          *db,
             gint64             row,
             RubricEvaluation  *before,
             RubricEvaluation  *after,
             const char        *who,
             const char        *why,
             gint64             now,
             GError           **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  g_autofree char *before_xml = rubric_evaluation_to_single_xml (before);
  g_autofree char *after_xml = rubric_evaluation_to_single_xml (after);

  stmt = rubric_db_cached (db,
                            "INSERT INTO evaluation_history (evaluation_id, changed_at, "
                            "changed_by, reason, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            error);
  if (stmt == NULL)
    return FALSE;

  rubric_stmt_bind_int64 (stmt, 1, row);
  rubric_stmt_bind_int64 (stmt, 2, now);
  rubric_stmt_bind_text (stmt, 3, who ? who : g_get_user_name ());
  rubric_stmt_bind_text (stmt, 4, why ? why : "");
  rubric_stmt_bind_text (stmt, 5, before_xml);
  rubric_stmt_bind_text (stmt, 6, after_xml);
  return rubric_db_step_done (db, stmt, error);
}

/* Why an UPDATE of row @row expecting @revision matched nothing: another
 * save got there first (CONFLICT), or the row is hidden or may not be
 * changed by this member (PostgreSQL row-level security filters an UPDATE
 * silently: NOT_PERMITTED). */
static gboolean set_missed_error (RubricDb          *db,
                                  RubricEvaluation  *self,
                                  gint64             row,
                                  gint64             revision,
                                  GError           **error);

/* Writes the evaluation, its answers, comments and scores; @row is the
 * existing row to replace, or 0. The row itself is written first, and only
 * if its stored revision is still @revision (its lock then keeps any other
 * save of it waiting until this transaction ends); the revision is counted
 * up and set in @self. Call inside a transaction. */
static gboolean
write_evaluation (RubricDb          *db,
                  RubricEvaluation  *self,
                  RubricScorecard   *scorecard,
                  gint64             row,
                  gint64             revision,
                  gint64             now,
                  GError           **error)
{
  g_autoptr(RubricScore) score = rubric_evaluation_score (self, scorecard);
  g_autoptr(RubricCachedStmt) stmt = NULL;
  g_autoptr(RubricCachedStmt) answer = NULL;
  g_autoptr(RubricCachedStmt) comment = NULL;
  g_autoptr(RubricCachedStmt) category = NULL;
  gint64 vendor_id = 0;
  gint64 agent_id = 0;
  gboolean replacing = row > 0;
  int rc;

  if (self->vendor != NULL &&
      (vendor_id = rubric_db_ensure_vendor (db, self->vendor, error)) < 0)
    return FALSE;

  if (self->agent != NULL &&
      (agent_id = rubric_db_ensure_agent (db, vendor_id, self->agent, error)) < 0)
    return FALSE;

  if (row > 0)
    {
      stmt = rubric_db_cached (db,
                                "UPDATE evaluations SET scorecard_id = ?2, status = ?3, "
                                "reviewer = ?4, vendor_id = ?5, agent_id = ?6, call = ?7, "
                                "call_time = ?8, scored_at = ?9, updated_at = ?10, score = ?11, "
                                "auto_failed = ?12, category_scores = ?14, "
                                "revision = revision + 1 "
                                "WHERE id = ?1 AND revision = ?15 RETURNING id, revision",
                                error);
    }
  else
    {
      stmt = rubric_db_cached (db,
                                "INSERT INTO evaluations (uuid, scorecard_id, status, reviewer, "
                                "vendor_id, agent_id, call, call_time, scored_at, updated_at, "
                                "score, auto_failed, category_scores) "
                                "VALUES (?13, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?14) "
                                "RETURNING id, revision",
                                error);
    }
  if (stmt == NULL)
    return FALSE;

  if (row > 0)
    {
      rubric_stmt_bind_int64 (stmt, 1, row);
      rubric_stmt_bind_int64 (stmt, 15, revision);
    }
  else
    rubric_stmt_bind_text (stmt, 13, self->id);
  rubric_stmt_bind_int64 (stmt, 2, scorecard->id);
  rubric_stmt_bind_text_static (stmt, 3, rubric_status_to_string (self->status));
  rubric_stmt_bind_text (stmt, 4, self->reviewer);
  if (vendor_id > 0)
    rubric_stmt_bind_int64 (stmt, 5, vendor_id);
  if (agent_id > 0)
    rubric_stmt_bind_int64 (stmt, 6, agent_id);
  rubric_stmt_bind_text (stmt, 7, self->call);
  bind_time_or_null (stmt, 8, self->call_time);
  bind_time_or_null (stmt, 9, self->scored_at);
  rubric_stmt_bind_int64 (stmt, 10, now);
  bind_score (stmt, 11, score->overall);
  rubric_stmt_bind_int (stmt, 12, score->auto_failed ? 1 : 0);
  {
    g_autofree char *categories = rubric_score_categories_to_text (score);

    rubric_stmt_bind_text (stmt, 14, categories);
  }

  rc = rubric_stmt_step (stmt);
  if (rc == RUBRIC_DONE && row > 0)
    {
      g_clear_pointer (&stmt, rubric_cached_stmt_release);
      return set_missed_error (db, self, row, revision, error);
    }
  if (rc != RUBRIC_ROW)
    return rubric_db_set_error (db, error);
  row = rubric_stmt_column_int64 (stmt, 0);
  self->revision = rubric_stmt_column_int64 (stmt, 1);

  if (replacing)
  {
    static const char * const clear[] = {
      "DELETE FROM evaluation_answers WHERE evaluation_id = ?1",
      "DELETE FROM evaluation_comments WHERE evaluation_id = ?1",
      "DELETE FROM evaluation_scores WHERE evaluation_id = ?1",
    };

    for (guint i = 0; i < G_N_ELEMENTS (clear); i++)
      {
        g_autoptr(RubricCachedStmt) del = rubric_db_cached (db, clear[i], error);

        if (del == NULL)
          return FALSE;
        rubric_stmt_bind_int64 (del, 1, row);
        if (!rubric_db_step_done (db, del, error))
          return FALSE;
      }
  }

  answer = rubric_db_cached (db,
                              "INSERT INTO evaluation_answers (evaluation_id, criterion, value, "
                              "credit, position) VALUES (?1, ?2, ?3, ?4, ?5)",
                              error);
  if (answer == NULL)
    return FALSE;

  for (guint i = 0; i < self->answer_order->len; i++)
    {
      const char *key = g_ptr_array_index (self->answer_order, i);
      const char *value = g_hash_table_lookup (self->answers, key);
      RubricCriterion *criterion = rubric_scorecard_lookup_criterion (scorecard, key);
      double credit = NAN;
      gboolean is_na = FALSE;

      rubric_criterion_credit (criterion, value, &credit, &is_na);
      rubric_stmt_bind_int64 (answer, 1, row);
      rubric_stmt_bind_text (answer, 2, key);
      rubric_stmt_bind_text (answer, 3, value);
      bind_score (answer, 4, is_na ? NAN : credit);
      rubric_stmt_bind_int (answer, 5, (int) i);
      if (!rubric_db_step_done (db, answer, error))
        return FALSE;
    }

  comment = rubric_db_cached (db,
                               "INSERT INTO evaluation_comments (evaluation_id, position, at, "
                               "criterion, text) VALUES (?1, ?2, ?3, ?4, ?5)",
                               error);
  if (comment == NULL)
    return FALSE;

  for (guint i = 0; i < self->comments->len; i++)
    {
      RubricComment *c = g_ptr_array_index (self->comments, i);

      rubric_stmt_bind_int64 (comment, 1, row);
      rubric_stmt_bind_int (comment, 2, (int) i);
      bind_score (comment, 3, c->at);
      rubric_stmt_bind_text (comment, 4, c->criterion);
      rubric_stmt_bind_text (comment, 5, c->text);
      if (!rubric_db_step_done (db, comment, error))
        return FALSE;
    }

  category = rubric_db_cached (db,
                                "INSERT INTO evaluation_scores (evaluation_id, category, score) "
                                "VALUES (?1, ?2, ?3)",
                                error);
  if (category == NULL)
    return FALSE;

  for (guint k = 0; k < score->categories->len; k++)
    {
      rubric_stmt_bind_int64 (category, 1, row);
      rubric_stmt_bind_text (category, 2, g_ptr_array_index (score->categories, k));
      bind_score (category, 3, g_array_index (score->category_scores, double, k));
      if (!rubric_db_step_done (db, category, error))
        return FALSE;
    }

  return TRUE;
}

/* Finds the scorecard version an evaluation names, as an input error that
 * points at the evaluation when there is none. */
static RubricScorecard *
resolve_scorecard (RubricDb          *db,
                   RubricEvaluation  *self,
                   const char        *label,
                   GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  RubricScorecard *scorecard;

  scorecard = rubric_scorecard_store_load (db, self->scorecard, self->scorecard_version,
                                           &local_error);
  if (scorecard != NULL)
    return scorecard;

  if (g_error_matches (local_error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND))
    rubric_set_input_error (error, label, self->line, _("evaluation %s: %s"),
                            self->id, local_error->message);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));

  return NULL;
}

/* Who saved the stored row @row last and when. The history names who made
 * a recorded change at the time of the last save; a save without a history
 * entry (a draft's) was made by the reviewer it belongs to, the only member
 * who may change a draft. */
static gboolean
last_change (RubricDb     *db,
             gint64        row,
             char        **who,
             gint64       *when,
             GError      **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  int rc;

  *who = NULL;
  *when = RUBRIC_NO_TIME;
  stmt = rubric_db_cached (db,
                            "SELECT e.updated_at, "
                            "  (SELECT h.changed_by FROM evaluation_history h "
                            "    WHERE h.evaluation_id = e.id AND h.changed_at >= e.updated_at "
                            "    ORDER BY h.id DESC LIMIT 1), "
                            "  e.reviewer "
                            "FROM evaluations e WHERE e.id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;

  rubric_stmt_bind_int64 (stmt, 1, row);
  rc = rubric_stmt_step (stmt);
  if (rc == RUBRIC_ROW)
    {
      *when = rubric_stmt_column_int64 (stmt, 0);
      *who = column_dup (stmt, 1);
      if (*who == NULL)
        *who = column_dup (stmt, 2);
    }
  else if (rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);

  if (*who == NULL)
    /* TRANSLATORS: who changed an evaluation, when nobody is named */
    *who = g_strdup (_("someone else"));
  return TRUE;
}

char *
rubric_evaluation_store_format_change_time (gint64 when)
{
  g_autoptr(GDateTime) local = NULL;

  if (when == RUBRIC_NO_TIME || !(local = g_date_time_new_from_unix_local (when)))
    return g_strdup ("?");

  /* TRANSLATORS: the time another machine saved an evaluation; a
   * g_date_time_format() format, day and time */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

gboolean
rubric_evaluation_store_last_change (RubricDb     *db,
                                     const char   *id,
                                     char        **who,
                                     gint64       *when,
                                     GError      **error)
{
  g_autofree char *uuid = g_ascii_strdown (id, -1);
  gint64 row = find_row (db, uuid, error);

  if (row < 0)
    return FALSE;

  if (row == 0)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                   _("There is no evaluation %s"), id);
      return FALSE;
    }

  return last_change (db, row, who, when, error);
}

/* Sets the CONFLICT error for the stored row @row: who changed it last
 * and when. */
static gboolean
set_conflict_error (RubricDb          *db,
                    RubricEvaluation  *self,
                    gint64             row,
                    GError           **error)
{
  g_autofree char *who = NULL;
  g_autofree char *at = NULL;
  gint64 when;

  if (!last_change (db, row, &who, &when, error))
    return FALSE;

  at = rubric_evaluation_store_format_change_time (when);
  /* TRANSLATORS: "Evaluation 9e0b…7 was changed by ana at 2026-12-07 21:15
   * since you opened it" */
  g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_CONFLICT,
               _("Evaluation %s was changed by %s at %s since you opened it"),
               self->id, who, at);
  return FALSE;
}

static gboolean
set_missed_error (RubricDb          *db,
                  RubricEvaluation  *self,
                  gint64             row,
                  gint64             revision,
                  GError           **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  int rc;

  stmt = rubric_db_cached (db, "SELECT revision FROM evaluations WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  rubric_stmt_bind_int64 (stmt, 1, row);
  rc = rubric_stmt_step (stmt);
  if (rc == RUBRIC_ROW && rubric_stmt_column_int64 (stmt, 0) != revision)
    {
      g_clear_pointer (&stmt, rubric_cached_stmt_release);
      return set_conflict_error (db, self, row, error);
    }
  if (rc != RUBRIC_ROW && rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);

  g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_PERMITTED,
               _("You may not change evaluation %s"), self->id);
  return FALSE;
}

/* A save, or with @over a save over whatever is stored now ("keep mine"). */
static gboolean
save (RubricDb          *db,
      RubricEvaluation  *evaluation,
      const char        *who,
      const char        *why,
      gboolean           over,
      GError           **error)
{
  g_autoptr(RubricScorecard) scorecard = NULL;
  g_autoptr(RubricEvaluation) before = NULL;
  gint64 now = rubric_clock_now ();
  gint64 loaded = evaluation->revision;
  gint64 row;

  if (!(scorecard = resolve_scorecard (db, evaluation, NULL, error)))
    return FALSE;

  if (!rubric_evaluation_validate (evaluation, scorecard, NULL, error))
    return FALSE;

  evaluation->scorecard_version = scorecard->version;

  if (!rubric_db_begin (db, error))
    return FALSE;

  if ((row = find_row (db, evaluation->id, error)) < 0)
    goto failed;

  if (row > 0)
    {
      if (!(before = rubric_evaluation_store_load_row (db, row, error)))
        goto failed;

      /* Nothing changed: nothing to write, nothing to record, and nothing
       * lost even if another machine saved this very content. */
      if (rubric_evaluation_equal (before, evaluation))
        {
          rubric_db_rollback (db);
          evaluation->revision = before->revision;
          return TRUE;
        }

      /* Saved elsewhere since @evaluation was loaded (or, never loaded,
       * created elsewhere): refused, unless the caller keeps theirs. */
      if (!over && before->revision != evaluation->revision)
        {
          set_conflict_error (db, evaluation, row, error);
          goto failed;
        }
    }

  /* The row first: its revision check and lock come before anything else
   * is written. */
  if (!write_evaluation (db, evaluation, scorecard, row,
                         before ? before->revision : 0, now, error))
    goto failed;

  /* Kept over another's save: both versions go to the history, drafts too
   * (theirs would otherwise be gone). */
  if (before != NULL && (over || before->status != RUBRIC_STATUS_DRAFT) &&
      !add_history (db, row, before, evaluation, who, why, now, error))
    goto failed;

  if (rubric_db_commit (db, error))
    return TRUE;

  /* Nothing was stored: the caller's copy is still at the revision it had. */
  evaluation->revision = loaded;
  return FALSE;

failed:
  rubric_db_rollback (db);
  evaluation->revision = loaded;
  return FALSE;
}

gboolean
rubric_evaluation_store_save (RubricDb          *db,
                              RubricEvaluation  *evaluation,
                              const char        *who,
                              const char        *why,
                              GError           **error)
{
  return save (db, evaluation, who, why, FALSE, error);
}

gboolean
rubric_evaluation_store_save_over (RubricDb          *db,
                                   RubricEvaluation  *evaluation,
                                   const char        *who,
                                   const char        *reason,
                                   GError           **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (reason ? reason : ""));

  if (*stripped == '\0')
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                   _("Keeping your version over another's needs a reason"));
      return FALSE;
    }

  return save (db, evaluation, who, stripped, TRUE, error);
}

gboolean
rubric_evaluation_store_submit (RubricDb    *db,
                                const char  *id,
                                const char  *who,
                                GError     **error)
{
  g_autoptr(RubricEvaluation) evaluation = NULL;

  if (!(evaluation = rubric_evaluation_store_load (db, id, error)))
    return FALSE;

  /* Submitting twice changes nothing, not even the time it was scored. */
  if (evaluation->status == RUBRIC_STATUS_SUBMITTED)
    return TRUE;

  evaluation->status = RUBRIC_STATUS_SUBMITTED;
  evaluation->scored_at = rubric_clock_now ();
  return rubric_evaluation_store_save (db, evaluation, who, _("Submitted"), error);
}

typedef struct
{
  RubricEvaluation *evaluation;  /* borrowed */
  RubricScorecard  *scorecard;   /* borrowed from the cache */
} Pending;

gboolean
rubric_evaluation_store_import (RubricDb                      *db,
                                const char                    *path,
                                const char                    *who,
                                RubricEvaluationImportReport  *report,
                                GError                       **error)
{
  g_autoptr(GPtrArray) evaluations = NULL;

  if (!(evaluations = rubric_evaluations_from_file (path, error)))
    return FALSE;

  return rubric_evaluation_store_import_parsed (db, path, evaluations, who, report, error);
}

gboolean
rubric_evaluation_store_import_parsed (RubricDb                      *db,
                                       const char                    *path,
                                       GPtrArray                     *evaluations,
                                       const char                    *who,
                                       RubricEvaluationImportReport  *report,
                                       GError                       **error)
{
  g_autoptr(GHashTable) scorecards = NULL;
  g_autofree char *reason = NULL;
  g_autofree Pending *pending = NULL;
  RubricEvaluationImportReport counts = { 0, 0, 0 };
  gint64 now = rubric_clock_now ();
  gboolean own_transaction;

  /* Check everything first: a file lands whole or not at all. */
  scorecards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) rubric_scorecard_unref);
  pending = g_new0 (Pending, evaluations->len + 1);

  for (guint i = 0; i < evaluations->len; i++)
    {
      RubricEvaluation *evaluation = g_ptr_array_index (evaluations, i);
      g_autofree char *cache_key = g_strdup_printf ("%s\n%d", evaluation->scorecard,
                                                    evaluation->scorecard_version);
      RubricScorecard *scorecard = g_hash_table_lookup (scorecards, cache_key);

      if (scorecard == NULL)
        {
          if (!(scorecard = resolve_scorecard (db, evaluation, path, error)))
            return FALSE;
          g_hash_table_insert (scorecards, g_steal_pointer (&cache_key), scorecard);
        }

      if (!rubric_evaluation_validate (evaluation, scorecard, path, error))
        return FALSE;

      evaluation->scorecard_version = scorecard->version;
      pending[i].evaluation = evaluation;
      pending[i].scorecard = scorecard;
    }

  reason = g_strdup_printf (_("Imported from %s"), path);

  /* A transaction of our own, or a savepoint inside the caller's (the
   * sample data lands in one transaction), so that a failure undoes exactly
   * what this import wrote. */
  own_transaction = !rubric_db_in_transaction (db);
  if (!(own_transaction ? rubric_db_begin (db, error)
                        : rubric_db_exec (db, "SAVEPOINT " IMPORT_SAVEPOINT, error)))
    return FALSE;

  for (guint i = 0; i < evaluations->len; i++)
    {
      RubricEvaluation *evaluation = pending[i].evaluation;
      g_autoptr(RubricEvaluation) before = NULL;
      gint64 row;

      if ((row = find_row (db, evaluation->id, error)) < 0)
        goto failed;

      if (row > 0)
        {
          if (!(before = rubric_evaluation_store_load_row (db, row, error)))
            goto failed;

          /* Only a newer version replaces what is stored (SPEC §8.2). */
          if (rubric_evaluation_equal (before, evaluation) ||
              evaluation->scored_at == RUBRIC_NO_TIME ||
              (before->scored_at != RUBRIC_NO_TIME &&
               evaluation->scored_at <= before->scored_at))
            {
              counts.kept++;
              continue;
            }

          if (!add_history (db, row, before, evaluation, who, reason, now, error))
            goto failed;
          counts.replaced++;
        }
      else
        counts.added++;

      if (!write_evaluation (db, evaluation, pending[i].scorecard, row,
                             before ? before->revision : 0, now, error))
        goto failed;
    }

  if (!(own_transaction ? rubric_db_commit (db, error)
                        : rubric_db_exec (db, "RELEASE " IMPORT_SAVEPOINT, error)))
    return FALSE;

  if (report)
    *report = counts;
  return TRUE;

failed:
  if (own_transaction)
    rubric_db_rollback (db);
  else
    rubric_db_exec (db, "ROLLBACK TO " IMPORT_SAVEPOINT "; RELEASE " IMPORT_SAVEPOINT, NULL);
  return FALSE;
}

GPtrArray *
rubric_evaluation_store_history (RubricDb    *db,
                                 const char  *id,
                                 GError     **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *uuid = g_ascii_strdown (id, -1);
  gint64 row;
  int rc;

  if ((row = find_row (db, uuid, error)) < 0)
    return NULL;

  if (row == 0)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                   _("There is no evaluation %s"), id);
      return NULL;
    }

  stmt = rubric_db_prepare (db,
                            "SELECT changed_at, changed_by, reason, before, after "
                            "FROM evaluation_history WHERE evaluation_id = ?1 ORDER BY id",
                            error);
  if (stmt == NULL)
    return NULL;

  rubric_stmt_bind_int64 (stmt, 1, row);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_history_entry_free);

  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    {
      RubricHistoryEntry *entry = g_new0 (RubricHistoryEntry, 1);

      entry->changed_at = rubric_stmt_column_int64 (stmt, 0);
      entry->changed_by = column_dup (stmt, 1);
      entry->reason = column_dup (stmt, 2);
      entry->before = column_dup (stmt, 3);
      entry->after = column_dup (stmt, 4);
      g_ptr_array_add (entries, entry);
    }

  if (rc != RUBRIC_DONE)
    {
      rubric_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}
