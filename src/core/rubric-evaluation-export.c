/* rubric-evaluation-export.c — evaluations out of the database: interchange XML and CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rubric-csv.h"
#include "rubric-error.h"
#include "rubric-evaluation-store-private.h"
#include "rubric-paged-list.h"
#include "rubric-private.h"
#include "rubric-time.h"

/* Per vendor, the UTC instants [start, end) that the filter's days cover. */
typedef struct
{
  gint64 start;
  gint64 end;
} Window;

static Window *
vendor_window (RubricDb                     *db,
               GHashTable                   *windows,
               gint64                        vendor_id,
               const RubricEvaluationFilter *filter)
{
  Window *window = g_hash_table_lookup (windows, &vendor_id);

  if (window == NULL)
    {
      g_autofree char *tz = vendor_id > 0 ? rubric_db_get_vendor_timezone (db, vendor_id)
                                          : g_strdup ("UTC");
      gint64 *key = g_new (gint64, 1);

      window = g_new0 (Window, 1);
      window->start = G_MININT64;
      window->end = G_MAXINT64;

      if (filter->from != NULL)
        window->start = rubric_time_day_start (filter->from, tz);

      if (filter->to != NULL)
        {
          GDate next = *filter->to;

          g_date_add_days (&next, 1);
          window->end = rubric_time_day_start (&next, tz);
        }

      *key = vendor_id;
      g_hash_table_insert (windows, key, window);
    }

  return window;
}

/* Runs the filtered listing and calls @row_cb for each evaluation row:
 * columns 0 id, 1 uuid, 2 vendor, 3 agent, 4 call, 5 call_time, 6 reviewer,
 * 7 scorecard key, 8 version, 9 status, 10 score, 11 auto_failed. */
typedef gboolean (*RowFunc) (RubricStmt  *stmt,
                             gpointer       user_data,
                             GError       **error);

static gboolean
for_each_row (RubricDb                     *db,
              const RubricEvaluationFilter *filter,
              RowFunc                       row_cb,
              gpointer                      user_data,
              GError                      **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  g_autoptr(GHashTable) windows = NULL;
  int rc;

  stmt = rubric_db_prepare (db,
                            "SELECT e.id, e.uuid, v.name, a.external_id, e.call, e.call_time, "
                            "  e.reviewer, s.key, s.version, e.status, e.score, e.auto_failed, "
                            "  e.vendor_id "
                            "FROM evaluations e "
                            "JOIN scorecards s ON s.id = e.scorecard_id "
                            "LEFT JOIN vendors v ON v.id = e.vendor_id "
                            "LEFT JOIN agents a ON a.id = e.agent_id "
                            "WHERE (?1 IS NULL OR v.name = ?1) "
                            "  AND (?2 IS NULL OR a.external_id = ?2) "
                            "  AND (?3 IS NULL OR e.status = ?3) "
                            "  AND (?4 IS NULL OR like (?4, a.external_id, '\\') "
                            "       OR like (?4, a.name, '\\') OR like (?4, e.reviewer, '\\') "
                            "       OR like (?4, e.call, '\\')) "
                            "ORDER BY e.call_time, e.uuid",
                            error);
  if (stmt == NULL)
    return FALSE;

  rubric_stmt_bind_text (stmt, 1, filter ? filter->vendor : NULL);
  rubric_stmt_bind_text (stmt, 2, filter ? filter->agent : NULL);
  rubric_stmt_bind_text (stmt, 3, filter ? filter->status : NULL);
  if (filter != NULL && filter->search != NULL && *filter->search != '\0')
    {
      g_autofree char *pattern = rubric_paged_like_pattern (filter->search);
      rubric_stmt_bind_text (stmt, 4, pattern);
    }

  windows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    {
      if (filter != NULL && (filter->from != NULL || filter->to != NULL))
        {
          Window *window = vendor_window (db, windows, rubric_stmt_column_int64 (stmt, 12), filter);
          gint64 call_time;

          if (rubric_stmt_column_type (stmt, 5) == RUBRIC_NULL)
            continue;

          call_time = rubric_stmt_column_int64 (stmt, 5);
          if (call_time < window->start || call_time >= window->end)
            continue;
        }

      if (!row_cb (stmt, user_data, error))
        return FALSE;
    }

  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);

  return TRUE;
}

typedef struct
{
  RubricDb      *db;
  GOutputStream *out;
  GString       *buffer;
  GPtrArray     *categories;  /* char *: every category column after overall */
  RubricStmt  *scores;
} ExportState;

static gboolean
flush (ExportState  *state,
       gboolean      force,
       GError      **error)
{
  if (state->buffer->len == 0 || (!force && state->buffer->len < 64 * 1024))
    return TRUE;

  if (!g_output_stream_write_all (state->out, state->buffer->str, state->buffer->len,
                                  NULL, NULL, error))
    {
      if (error && *error)
        {
          (*error)->domain = RUBRIC_ERROR;
          (*error)->code = RUBRIC_ERROR_IO;
        }
      return FALSE;
    }

  g_string_truncate (state->buffer, 0);
  return TRUE;
}

static gboolean
xml_row_cb (RubricStmt  *stmt,
            gpointer       user_data,
            GError       **error)
{
  ExportState *state = user_data;
  g_autoptr(RubricEvaluation) evaluation = NULL;
  g_autofree char *xml = NULL;
  const char *start;
  const char *end;

  evaluation = rubric_evaluation_store_load_row (state->db, rubric_stmt_column_int64 (stmt, 0),
                                                 error);
  if (evaluation == NULL)
    return FALSE;

  /* Reuse the document writer for one evaluation and keep its element. */
  xml = rubric_evaluation_to_single_xml (evaluation);
  start = strstr (xml, "<evaluation ");
  end = g_strrstr (xml, "</evaluations>");
  if (start != NULL && end != NULL)
    g_string_append_printf (state->buffer, "  %.*s", (int) (end - start), start);

  return flush (state, FALSE, error);
}

gboolean
rubric_evaluation_store_export_xml (RubricDb                     *db,
                                    const RubricEvaluationFilter *filter,
                                    GOutputStream                *out,
                                    GError                      **error)
{
  ExportState state = { db, out, g_string_new (NULL), NULL, NULL };
  gboolean ok;

  g_string_append (state.buffer,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<evaluations xmlns=\"" RUBRIC_EVALUATIONS_NS "\">\n");

  ok = for_each_row (db, filter, xml_row_cb, &state, error);
  if (ok)
    {
      g_string_append (state.buffer, "</evaluations>\n");
      ok = flush (&state, TRUE, error);
    }

  g_string_free (state.buffer, TRUE);
  return ok;
}

static gboolean
csv_row_cb (RubricStmt  *stmt,
            gpointer       user_data,
            GError       **error)
{
  ExportState *state = user_data;
  g_autoptr(GHashTable) scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *call_time = NULL;
  g_autofree char *version = g_strdup_printf ("%d", rubric_stmt_column_int (stmt, 8));
  int rc;

  if (rubric_stmt_column_type (stmt, 5) != RUBRIC_NULL)
    call_time = rubric_time_format_instant (rubric_stmt_column_int64 (stmt, 5));

  {
    const char *fields[] = {
      rubric_stmt_column_text (stmt, 1),
      rubric_stmt_column_text (stmt, 2),
      rubric_stmt_column_text (stmt, 3),
      rubric_stmt_column_text (stmt, 4),
      call_time,
      rubric_stmt_column_text (stmt, 6),
      rubric_stmt_column_text (stmt, 7),
      version,
      rubric_stmt_column_text (stmt, 9),
    };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        rubric_csv_append_field (state->buffer, fields[i] ? fields[i] : "");
        g_string_append_c (state->buffer, ',');
      }
  }

  if (rubric_stmt_column_type (stmt, 10) != RUBRIC_NULL)
    rubric_csv_append_number (state->buffer, rubric_stmt_column_double (stmt, 10));
  g_string_append (state->buffer, rubric_stmt_column_int (stmt, 11) ? ",true" : ",false");

  rubric_stmt_bind_int64 (state->scores, 1, rubric_stmt_column_int64 (stmt, 0));
  while ((rc = rubric_stmt_step (state->scores)) == RUBRIC_ROW)
    if (rubric_stmt_column_type (state->scores, 1) != RUBRIC_NULL)
      g_hash_table_insert (scores,
                           g_strdup (rubric_stmt_column_text (state->scores, 0)),
                           g_memdup2 (&(double) { rubric_stmt_column_double (state->scores, 1) },
                                      sizeof (double)));
  rubric_stmt_reset (state->scores);
  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (state->db, error);

  for (guint k = 0; k < state->categories->len; k++)
    {
      double *score = g_hash_table_lookup (scores, g_ptr_array_index (state->categories, k));

      g_string_append_c (state->buffer, ',');
      if (score != NULL)
        rubric_csv_append_number (state->buffer, *score);
    }

  g_string_append (state->buffer, "\r\n");
  return flush (state, FALSE, error);
}

static const char * const standard_order[] = {
  "resolution", "ownership", "policy", "documentation",
};

gboolean
rubric_evaluation_store_export_csv (RubricDb                     *db,
                                    const RubricEvaluationFilter *filter,
                                    GOutputStream                *out,
                                    GError                      **error)
{
  g_autoptr(RubricStmt) custom = NULL;
  g_autoptr(RubricStmt) scores = NULL;
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_free);
  ExportState state = { db, out, NULL, categories, NULL };
  gboolean ok;
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (standard_order); i++)
    g_ptr_array_add (categories, g_strdup (standard_order[i]));

  /* Custom categories get a column each, in key order, for every scorecard
   * that has evaluations in the database. */
  custom = rubric_db_prepare (db,
                              "SELECT DISTINCT category FROM evaluation_scores "
                              "WHERE category NOT IN ('resolution', 'ownership', 'policy', "
                              "'documentation') ORDER BY category",
                              error);
  if (custom == NULL)
    return FALSE;

  while ((rc = rubric_stmt_step (custom)) == RUBRIC_ROW)
    g_ptr_array_add (categories, g_strdup (rubric_stmt_column_text (custom, 0)));
  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);

  scores = rubric_db_prepare (db,
                              "SELECT category, score FROM evaluation_scores "
                              "WHERE evaluation_id = ?1",
                              error);
  if (scores == NULL)
    return FALSE;

  state.scores = scores;
  state.buffer = g_string_new ("id,vendor,agent,call,call_time,reviewer,scorecard,"
                               "scorecard_version,status,score,auto_failed");
  for (guint k = 0; k < categories->len; k++)
    g_string_append_printf (state.buffer, ",score_%s",
                            (const char *) g_ptr_array_index (categories, k));
  g_string_append (state.buffer, "\r\n");

  ok = for_each_row (db, filter, csv_row_cb, &state, error) && flush (&state, TRUE, error);

  g_string_free (state.buffer, TRUE);
  return ok;
}

