/* rubric-evaluation-editor-call.c — what the editor reads about the call it scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rubric-call-record.h"
#include "rubric-error.h"
#include "rubric-evaluation-editor-private.h"
#include "rubric-scorecard-store.h"
#include "rubric-time.h"

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
                                    RubricCallRecord       *info)
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
