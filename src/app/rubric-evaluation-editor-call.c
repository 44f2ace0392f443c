/* rubric-evaluation-editor-call.c — what the editor reads about the call it scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rubric-error.h"
#include "rubric-evaluation-editor-private.h"
#include "rubric-scorecard-store.h"
#include "rubric-time.h"

void
rubric_editor_call_clear (RubricEditorCall *info)
{
  g_free (info->vendor);
  g_free (info->timezone);
  g_free (info->agent);
  g_free (info->agent_name);
  g_free (info->queue);
  g_free (info->recording);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gboolean
rubric_editor_call_read (RubricDb          *db,
                         gint64             row,
                         RubricEditorCall  *info,
                         char             **call_id,
                         GError           **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;

  stmt = rubric_db_cached (db,
                            "SELECT c.call_id, v.name, v.timezone, a.external_id, a.name, "
                            "  q.name, c.entered_at, c.wait_s, "
                            "  coalesce (c.talk_s, 0) + coalesce (c.hold_s, 0), "
                            "  c.talk_s IS NULL, c.recording "
                            "FROM calls c "
                            "JOIN vendors v ON v.id = c.vendor_id "
                            "JOIN queues q ON q.id = c.queue_id "
                            "LEFT JOIN agents a ON a.id = c.agent_id "
                            "WHERE c.id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, row);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, row);

      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                   _("There is no call record %s"), number);
      return FALSE;
    }

  if (call_id != NULL)
    *call_id = column_dup (stmt, 0);
  info->vendor = column_dup (stmt, 1);
  info->timezone = column_dup (stmt, 2);
  info->agent = column_dup (stmt, 3);
  info->agent_name = column_dup (stmt, 4);
  info->queue = column_dup (stmt, 5);
  info->entered_at = sqlite3_column_int64 (stmt, 6);
  info->wait_s = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? NAN
                 : sqlite3_column_double (stmt, 7);
  info->duration_s = sqlite3_column_int (stmt, 9) ? NAN : sqlite3_column_double (stmt, 8);
  info->recording = column_dup (stmt, 10);
  return TRUE;
}

/* The call record an evaluation scores: evaluations carry the call's id,
 * vendor and time, not the row (they may come from another database). */
gint64
rubric_editor_call_find (RubricDb         *db,
                         RubricEvaluation *evaluation)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;

  if (evaluation->call == NULL || evaluation->vendor == NULL)
    return 0;

  stmt = rubric_db_cached (db,
                            "SELECT c.id FROM calls c JOIN vendors v ON v.id = c.vendor_id "
                            "WHERE c.call_id = ?1 AND v.name = ?2 "
                            "ORDER BY abs (c.entered_at - ?3) LIMIT 1",
                            NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, evaluation->call, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, evaluation->vendor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, evaluation->call_time != RUBRIC_NO_TIME
                               ? evaluation->call_time : 0);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

RubricScorecard *
rubric_editor_default_scorecard (RubricDb  *db,
                                 GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  RubricScorecard *scorecard;
  RubricScorecardInfo *latest = NULL;

  scorecard = rubric_scorecard_store_load (db, "contact-centre-qa", 0, &local_error);
  if (scorecard != NULL)
    return scorecard;

  if (!g_error_matches (local_error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!(list = rubric_scorecard_store_list (db, error)))
    return NULL;

  /* The latest: the version stored last. */
  for (guint i = 0; i < list->len; i++)
    {
      RubricScorecardInfo *info = g_ptr_array_index (list, i);

      if (latest == NULL || info->id > latest->id)
        latest = info;
    }

  if (latest == NULL)
    {
      g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                           _("There is no scorecard to evaluate with: import one first"));
      return NULL;
    }

  return rubric_scorecard_store_load_id (db, latest->id, error);
}

char *
rubric_editor_format_instant (gint64      unix_seconds,
                              const char *tzid)
{
  g_autoptr(GTimeZone) zone = tzid ? rubric_time_zone_new (tzid) : NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return NULL;

  local = zone ? g_date_time_to_timezone (utc, zone) : g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S %Z");
}

static void
add_detail (RubricEvaluationEditor *self,
            int                     row,
            const char             *name,
            const char             *value)
{
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *value_label = gtk_label_new (value ? value : "—");

  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_widget_set_valign (name_label, GTK_ALIGN_START);
  gtk_widget_add_css_class (name_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, name_label, NULL,
                                  -1);
  gtk_grid_attach (self->details_grid, name_label, 0, row, 1, 1);
  gtk_grid_attach (self->details_grid, value_label, 1, row, 1, 1);
}

void
rubric_evaluation_editor_show_call (RubricEvaluationEditor *self,
                                    RubricEditorCall       *info)
{
  RubricEvaluation *evaluation = self->evaluation;
  const char *vendor = info->vendor ? info->vendor : evaluation->vendor;
  const char *agent = info->agent_name ? info->agent_name
                      : info->agent ? info->agent : evaluation->agent;
  gint64 when = info->vendor ? info->entered_at : evaluation->call_time;
  g_autofree char *time = NULL;
  g_autofree char *wait = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *agent_text = NULL;
  g_autofree char *title = NULL;
  GtkWidget *child;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->details_grid))))
    gtk_grid_remove (self->details_grid, child);

  if (when != RUBRIC_NO_TIME)
    time = rubric_editor_format_instant (when, info->timezone);
  if (info->vendor && !isnan (info->wait_s))
    wait = rubric_format_offset (info->wait_s);
  if (info->vendor && !isnan (info->duration_s))
    duration = rubric_format_offset (info->duration_s);
  if (info->agent_name && info->agent)
    /* TRANSLATORS: an agent's name and id, "Dorit Weiss (PJSIP/400)" */
    agent_text = g_strdup_printf (_("%s (%s)"), info->agent_name, info->agent);

  add_detail (self, row++, _("Vendor"), vendor);
  add_detail (self, row++, _("Agent"), agent_text ? agent_text : agent);
  if (info->queue)
    add_detail (self, row++, _("Queue"), info->queue);
  add_detail (self, row++, _("Time"), time);
  add_detail (self, row++, _("Wait"), wait);
  add_detail (self, row++, _("Duration"), duration);

  /* TRANSLATORS: the editor's title, an agent and their vendor, "Dorit · Acme" */
  title = g_strdup_printf (_("%s · %s"), agent ? agent : _("Unknown agent"),
                           vendor ? vendor : _("Unknown vendor"));
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, time ? time : "");
}
