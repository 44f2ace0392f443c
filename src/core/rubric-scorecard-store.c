/* rubric-scorecard-store.c — scorecards in the database, with their versions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scorecard is stored as its canonical XML without the version attribute;
 * the SHA-256 of that text tells an identical import from a changed one.
 * Versions are never edited in place: evaluations pin the row they were
 * scored with, so a change is always a new row with the next version.
 */

#include "config.h"

#include "rubric-clock.h"
#include "rubric-error.h"
#include "rubric-private.h"
#include "rubric-scorecard-store.h"
#include "rubric-xml.h"

gboolean
rubric_scorecard_store_save (RubricDb               *db,
                             RubricScorecard        *scorecard,
                             RubricScorecardImport  *result,
                             GError                **error)
{
  g_autofree char *definition = rubric_scorecard_to_xml (scorecard, FALSE);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, definition, -1);
  g_autoptr(RubricStmt) find = NULL;
  g_autoptr(RubricStmt) insert = NULL;
  int latest = 0;
  int rc;

  find = rubric_db_prepare (db,
                            "SELECT id, version, digest FROM scorecards WHERE key = ?1 "
                            "ORDER BY version",
                            error);
  if (find == NULL)
    return FALSE;

  rubric_stmt_bind_text (find, 1, scorecard->key);
  while ((rc = rubric_stmt_step (find)) == RUBRIC_ROW)
    {
      int version = rubric_stmt_column_int (find, 1);

      latest = MAX (latest, version);
      if (g_str_equal (rubric_stmt_column_text (find, 2), digest))
        {
          scorecard->id = rubric_stmt_column_int64 (find, 0);
          scorecard->version = version;
          if (result)
            *result = RUBRIC_SCORECARD_UNCHANGED;
          return TRUE;
        }
    }
  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);

  insert = rubric_db_prepare (db,
                              "INSERT INTO scorecards (key, version, title, digest, definition, "
                              "created_at, declared_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                              "RETURNING id",
                              error);
  if (insert == NULL)
    return FALSE;

  rubric_stmt_bind_text (insert, 1, scorecard->key);
  rubric_stmt_bind_int (insert, 2, latest + 1);
  rubric_stmt_bind_text (insert, 3, rubric_texts_lookup_for (scorecard->titles, NULL));
  rubric_stmt_bind_text (insert, 4, digest);
  rubric_stmt_bind_text (insert, 5, definition);
  rubric_stmt_bind_int64 (insert, 6, rubric_clock_now ());
  if (scorecard->version > 0)
    rubric_stmt_bind_int (insert, 7, scorecard->version);

  if (rubric_stmt_step (insert) != RUBRIC_ROW)
    return rubric_db_set_error (db, error);

  scorecard->id = rubric_stmt_column_int64 (insert, 0);
  scorecard->version = latest + 1;
  if (result)
    *result = latest == 0 ? RUBRIC_SCORECARD_ADDED : RUBRIC_SCORECARD_NEW_VERSION;
  return TRUE;
}

/* Stores a parsed scorecard in a transaction of its own. */
gboolean
rubric_scorecard_store_add (RubricDb               *db,
                            RubricScorecard        *scorecard,
                            RubricScorecardImport  *result,
                            GError                **error)
{
  if (!rubric_db_begin (db, error))
    return FALSE;

  if (!rubric_scorecard_store_save (db, scorecard, result, error))
    {
      rubric_db_rollback (db);
      return FALSE;
    }

  return rubric_db_commit (db, error);
}

gboolean
rubric_scorecard_store_import (RubricDb               *db,
                               const char             *path,
                               RubricScorecard       **out,
                               RubricScorecardImport  *result,
                               GError                **error)
{
  g_autoptr(RubricScorecard) scorecard = NULL;

  if (!(scorecard = rubric_scorecard_new_from_file (path, error)) ||
      !rubric_scorecard_store_add (db, scorecard, result, error))
    return FALSE;

  if (out)
    *out = g_steal_pointer (&scorecard);
  return TRUE;
}

gboolean
rubric_scorecard_store_ensure_default (RubricDb  *db,
                                       GError   **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RubricScorecard) scorecard = NULL;
  const char *data;
  gsize size;

  g_return_val_if_fail (db != NULL, FALSE);

  /* Not rubric_scorecard_store_list (): it counts every scorecard's
   * evaluations, a scan of the whole table at every start of the app. */
  stmt = rubric_db_prepare (db, "SELECT EXISTS (SELECT 1 FROM scorecards)", error);
  if (stmt == NULL)
    return FALSE;
  if (rubric_stmt_step (stmt) != RUBRIC_ROW)
    return rubric_db_set_error (db, error);
  if (rubric_stmt_column_int (stmt, 0))
    return TRUE;

  bytes = rubric_core_resource ("scorecards/contact-centre-qa.xml");
  data = g_bytes_get_data (bytes, &size);
  scorecard = rubric_scorecard_new_from_xml ("contact-centre-qa.xml", data, size, error);

  return scorecard != NULL && rubric_scorecard_store_add (db, scorecard, NULL, error);
}

/* Columns: id, key, version, definition, digest. A stored version never
 * changes, so it is parsed once per connection; the cache key holds the
 * digest too, so a row id reused after a rolled-back insert cannot match. */
static RubricScorecard *
load_row (RubricDb      *db,
          RubricStmt  *stmt,
          GError       **error)
{
  g_autofree char *label = NULL;
  g_autofree char *cache_key = NULL;
  RubricScorecard *scorecard;
  const char *definition;

  cache_key = g_strdup_printf ("scorecard/%lld/%d/%s",
                               (long long) rubric_stmt_column_int64 (stmt, 0),
                               rubric_stmt_column_int (stmt, 2),
                               rubric_stmt_column_text (stmt, 4));
  if ((scorecard = rubric_db_cache_lookup (db, cache_key)))
    return rubric_scorecard_ref (scorecard);

  definition = rubric_stmt_column_text (stmt, 3);
  label = g_strdup_printf ("%s#%s/%d", rubric_db_get_path (db),
                           rubric_stmt_column_text (stmt, 1),
                           rubric_stmt_column_int (stmt, 2));
  scorecard = rubric_scorecard_new_from_xml (label, definition, strlen (definition), error);
  if (scorecard == NULL)
    {
      /* What we stored no longer reads back: the database is damaged. */
      if (error && *error)
        (*error)->code = RUBRIC_ERROR_DATABASE;
      return NULL;
    }

  scorecard->id = rubric_stmt_column_int64 (stmt, 0);
  scorecard->version = rubric_stmt_column_int (stmt, 2);
  rubric_db_cache_insert (db, cache_key, rubric_scorecard_ref (scorecard),
                          (GDestroyNotify) rubric_scorecard_unref);
  return scorecard;
}

RubricScorecard *
rubric_scorecard_store_load (RubricDb    *db,
                             const char  *key,
                             int          version,
                             GError     **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  int rc;

  /* The version the database assigned; failing that, the latest version
   * whose file declared that number (files made elsewhere name their own). */
  stmt = rubric_db_prepare (db,
                            "SELECT id, key, version, definition, digest FROM scorecards "
                            "WHERE key = ?1 AND (?2 = 0 OR version = ?2 OR declared_version = ?2) "
                            "ORDER BY (?2 = 0 OR version = ?2) DESC, version DESC LIMIT 1",
                            error);
  if (stmt == NULL)
    return NULL;

  rubric_stmt_bind_text (stmt, 1, key);
  rubric_stmt_bind_int (stmt, 2, version);

  rc = rubric_stmt_step (stmt);
  if (rc == RUBRIC_ROW)
    return load_row (db, stmt, error);
  if (rc != RUBRIC_DONE)
    {
      rubric_db_set_error (db, error);
      return NULL;
    }

  if (version > 0)
    g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                 _("There is no version %d of scorecard “%s”"), version, key);
  else
    g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                 _("There is no scorecard “%s”"), key);
  return NULL;
}

RubricScorecard *
rubric_scorecard_store_load_id (RubricDb  *db,
                                gint64     id,
                                GError   **error)
{
  g_autoptr(RubricStmt) stmt = NULL;

  stmt = rubric_db_prepare (db,
                            "SELECT id, key, version, definition, digest FROM scorecards "
                            "WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;

  rubric_stmt_bind_int64 (stmt, 1, id);
  if (rubric_stmt_step (stmt) == RUBRIC_ROW)
    return load_row (db, stmt, error);

  g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
               _("There is no scorecard with id %lld"), (long long) id);
  return NULL;
}

void
rubric_scorecard_info_free (RubricScorecardInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->key);
  g_free (info->title);
  g_free (info);
}

GPtrArray *
rubric_scorecard_store_list (RubricDb  *db,
                             GError   **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  stmt = rubric_db_prepare (db,
                            "SELECT s.id, s.key, s.version, s.title, s.created_at, "
                            "  (SELECT count(*) FROM evaluations e WHERE e.scorecard_id = s.id) "
                            "FROM scorecards s ORDER BY s.key, s.version",
                            error);
  if (stmt == NULL)
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_scorecard_info_free);
  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    {
      RubricScorecardInfo *info = g_new0 (RubricScorecardInfo, 1);

      info->id = rubric_stmt_column_int64 (stmt, 0);
      info->key = g_strdup (rubric_stmt_column_text (stmt, 1));
      info->version = rubric_stmt_column_int (stmt, 2);
      info->title = g_strdup (rubric_stmt_column_text (stmt, 3));
      info->created_at = rubric_stmt_column_int64 (stmt, 4);
      info->evaluations = rubric_stmt_column_int64 (stmt, 5);
      g_ptr_array_add (list, info);
    }

  if (rc != RUBRIC_DONE)
    {
      rubric_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}
