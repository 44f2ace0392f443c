/* rubric-db-check.c — `rubric-cli check`: the file's integrity, and what the store derives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Besides SQLite's own integrity and foreign-key checks, the store keeps
 * figures derived from what was imported, for speed: the daily rollups and
 * each call's gap to its caller's next contact (migration 3), and each
 * evaluation's category scores beside its overall score (migration 4).
 * They are recomputed here from what they derive from and compared, so a
 * drift is named rather than silently changing KPIs and ratings.
 */

#include "config.h"

#include <math.h>

#include "rubric-db-backend.h"
#include "rubric-db-private.h"
#include "rubric-error.h"
#include "rubric-rollups.h"
#include "rubric-time.h"
#include "rubric-score.h"

/* Whether an evaluation's category_scores (migration 4) says what its
 * evaluation_scores rows say: the same keys in the same (sorted) order, the
 * same scores, the same undefined ones. */
static gboolean
category_scores_match (const char *text,
                       GPtrArray  *keys,
                       GArray     *scores)
{
  g_autoptr(GPtrArray) kept_keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (double));

  if (!rubric_category_scores_parse (text, kept_keys, kept) || kept_keys->len != keys->len)
    return FALSE;

  for (guint i = 0; i < keys->len; i++)
    {
      double expected = g_array_index (scores, double, i);
      double value = g_array_index (kept, double, i);

      if (!g_str_equal (g_ptr_array_index (kept_keys, i), g_ptr_array_index (keys, i)) ||
          isnan (expected) != isnan (value) || (!isnan (value) && value != expected))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_category_scores (RubricDb   *db,
                       GPtrArray  *found,
                       GError    **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *text = NULL;
  gint64 current = 0, wrong = 0;
  int rc;

  stmt = rubric_db_prepare (db,
                            "SELECT e.id, e.category_scores, s.category, s.score"
                            "  FROM evaluations AS e"
                            "  LEFT JOIN evaluation_scores AS s ON s.evaluation_id = e.id"
                            " ORDER BY e.id, s.category",
                            error);
  if (stmt == NULL)
    return FALSE;

  do
    {
      rc = rubric_stmt_step (stmt);
      if (rc != RUBRIC_ROW || rubric_stmt_column_int64 (stmt, 0) != current)
        {
          if (current != 0 && !category_scores_match (text, keys, scores))
            wrong++;
          if (rc != RUBRIC_ROW)
            break;
          current = rubric_stmt_column_int64 (stmt, 0);
          g_free (text);
          text = g_strdup (rubric_stmt_column_text (stmt, 1));
          g_ptr_array_set_size (keys, 0);
          g_array_set_size (scores, 0);
        }
      if (rubric_stmt_column_type (stmt, 2) != RUBRIC_NULL)
        {
          double score = rubric_stmt_column_type (stmt, 3) == RUBRIC_NULL
                           ? NAN : rubric_stmt_column_double (stmt, 3);

          g_ptr_array_add (keys, g_strdup (rubric_stmt_column_text (stmt, 2)));
          g_array_append_val (scores, score);
        }
    }
  while (TRUE);

  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);

  if (wrong > 0)
    g_ptr_array_add (found,
                     g_strdup_printf (ngettext ("%lld evaluation keeps category scores that "
                                                "differ from its scores by category",
                                                "%lld evaluations keep category scores that "
                                                "differ from their scores by category",
                                                (unsigned long) wrong),
                                      (long long) wrong));
  return TRUE;
}

gboolean
rubric_db_check (RubricDb   *db,
                 GPtrArray **problems,
                 GError    **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  int rc;

  /* The engine's own integrity (SQLite: the file and its foreign keys). */
  if (!db->backend->check (db, found, error))
    return FALSE;

  /* What the imports keep in step must match what it is derived from. */
  if (rubric_db_get_version (db) >= 3)
    {
      g_autoptr(RubricStmt) rollups = NULL;
      g_autoptr(RubricStmt) gaps = NULL;

      rollups = rubric_db_prepare (db,
                                   "WITH raw (vendor_id, day, kind, bucket, n, t) AS ("
                                   RUBRIC_ROLLUPS_SELECT_SQL ("") "),"
                                   "     fresh AS (SELECT vendor_id, day, kind, bucket, n,"
                                   "                      round (t, 6) FROM raw),"
                                   "     kept AS (SELECT vendor_id, day, kind, bucket, n,"
                                   "                     round (total, 6) FROM call_rollups)"
                                   /* Both differences: EXCEPT and UNION run left
                                    * to right, so each goes in a subquery. */
                                   " SELECT vendor_id FROM"
                                   "  (SELECT * FROM kept EXCEPT SELECT * FROM fresh) AS a"
                                   " UNION"
                                   " SELECT vendor_id FROM"
                                   "  (SELECT * FROM fresh EXCEPT SELECT * FROM kept) AS b"
                                   " ORDER BY vendor_id",
                                   error);
      if (rollups == NULL)
        return FALSE;
      while ((rc = rubric_stmt_step (rollups)) == RUBRIC_ROW)
        g_ptr_array_add (found,
                         g_strdup_printf (_("the call rollups of vendor %lld do not match its "
                                            "calls"),
                                          (long long) rubric_stmt_column_int64 (rollups, 0)));
      if (rc != RUBRIC_DONE)
        return rubric_db_set_error (db, error);

      gaps = rubric_db_prepare (db,
                                "SELECT (SELECT count (*) FROM calls"
                                "  WHERE caller IS NOT NULL AND next_gap IS DISTINCT FROM"
                                "   (SELECT min (later.entered_at) FROM call_contacts AS later"
                                "     WHERE later.vendor_id = calls.vendor_id"
                                "       AND later.caller = calls.caller"
                                "       AND later.entered_at > calls.entered_at) - entered_at)"
                                " + (SELECT count (*) FROM"
                                "    (SELECT vendor_id, caller, entered_at, id FROM calls"
                                "      WHERE caller IS NOT NULL"
                                "     EXCEPT SELECT * FROM call_contacts) AS d)"
                                " + (SELECT count (*) FROM"
                                "    (SELECT * FROM call_contacts"
                                "     EXCEPT SELECT vendor_id, caller, entered_at, id FROM calls"
                                "      WHERE caller IS NOT NULL) AS k)",
                                error);
      if (gaps == NULL)
        return FALSE;
      if (rubric_stmt_step (gaps) == RUBRIC_ROW && rubric_stmt_column_int64 (gaps, 0) > 0)
        g_ptr_array_add (found,
                         g_strdup_printf (_("%lld calls have a wrong gap to their caller’s "
                                            "next call"),
                                          (long long) rubric_stmt_column_int64 (gaps, 0)));
    }

  if (rubric_db_get_version (db) >= 4 && !check_category_scores (db, found, error))
    return FALSE;

  /* A zone no contract could have given (edited in by hand): its days are
   * counted in UTC, which the user should know. */
  {
    g_autoptr(RubricStmt) zones = NULL;

    if (!(zones = rubric_db_prepare (db, "SELECT name, timezone FROM vendors"
                                         " WHERE timezone IS NOT NULL ORDER BY name", error)))
      return FALSE;
    while ((rc = rubric_stmt_step (zones)) == RUBRIC_ROW)
      {
        const char *tzid = rubric_stmt_column_text (zones, 1);

        if (!rubric_time_zone_is_valid (tzid))
          g_ptr_array_add (found,
                           g_strdup_printf (_("vendor “%s” has the time zone “%s”, which is no "
                                              "IANA zone this system knows: its days are "
                                              "counted in UTC"),
                                            rubric_stmt_column_text (zones, 0),
                                            tzid));
      }
    if (rc != RUBRIC_DONE)
      return rubric_db_set_error (db, error);
  }

  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return TRUE;
}
