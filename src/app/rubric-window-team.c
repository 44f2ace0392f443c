/* rubric-window-team.c — team mode in the window: who is signed in, what
 * their role allows, and the offline strip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a team database (SPEC §15) the sidebar's foot says who is signed in
 * and as what. What a role may not do is disabled through its action (so
 * its shortcut is refused too), and every button bound to it says why in
 * its tooltip. A refusal by the server all the same is a toast
 * ("Not permitted: …") and nothing else.
 *
 * When a job or a page's refresh finds the team database gone
 * (RUBRIC_ERROR_IO), a strip under the header says so and a worker thread
 * tries to connect again after 2, 4, 8 … up to 30 s; when the server
 * answers, the strip goes, the drafts kept meanwhile are sent and every
 * page reloads. Nothing on the main thread waits for the network.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-drafts.h"
#include "rubric-error.h"
#include "rubric-evaluation-editor.h"
#include "rubric-scorecard-view.h"
#include "rubric-window-private.h"

#define RETRY_FIRST_S 2
#define RETRY_MAX_S   30

/* What only an admin may do (SPEC §15): the imports (one action imports
 * every kind of file), the sample data, and a scorecard's new version. */
static const char * const admin_actions[] = {
  "win.import-calls",
  "win.load-sample",
  "scorecards.import",
  "scorecard.edit",
  "vendors.import-contract",
  NULL
};

static const char *
role_name (RubricDbRole role)
{
  switch (role)
    {
    case RUBRIC_DB_ROLE_REVIEWER:
      return C_("role", "Reviewer");
    case RUBRIC_DB_ROLE_LEAD:
      return C_("role", "Lead");
    case RUBRIC_DB_ROLE_ADMIN:
      return C_("role", "Admin");
    case RUBRIC_DB_ROLE_NONE:
    default:
      return C_("role", "Not a member");
    }
}

gboolean
rubric_window_may (RubricWindow *self,
                   const char   *action)
{
  g_return_val_if_fail (RUBRIC_IS_WINDOW (self), FALSE);

  if (!self->team || self->role == RUBRIC_DB_ROLE_ADMIN)
    return TRUE;
  return !g_strv_contains ((const char * const *) admin_actions, action);
}

static const char *
refused_reason (const char *action)
{
  if (g_str_equal (action, "scorecard.edit"))
    return _("Only an admin of the team database may change a scorecard");
  return _("Only an admin of the team database may import or load sample data");
}

/* Buttons bound to a refused action say why; they get their own tooltip
 * back when allowed again. */
static void
explain_tree (RubricWindow *self,
              GtkWidget    *widget)
{
  if (GTK_IS_ACTIONABLE (widget))
    {
      const char *action = gtk_actionable_get_action_name (GTK_ACTIONABLE (widget));

      if (action != NULL && g_strv_contains ((const char * const *) admin_actions, action))
        {
          if (g_object_get_data (G_OBJECT (widget), "rubric-own-tooltip") == NULL)
            g_object_set_data_full (G_OBJECT (widget), "rubric-own-tooltip",
                                    g_strdup (gtk_widget_get_tooltip_text (widget) != NULL
                                              ? gtk_widget_get_tooltip_text (widget) : ""),
                                    g_free);
          if (!rubric_window_may (self, action))
            gtk_widget_set_tooltip_text (widget, refused_reason (action));
          else
            {
              const char *own = g_object_get_data (G_OBJECT (widget), "rubric-own-tooltip");

              gtk_widget_set_tooltip_text (widget, *own != '\0' ? own : NULL);
            }
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    explain_tree (self, child);
}

static void
enable_scorecard_edit (GtkWidget *widget,
                       gboolean   admin)
{
  if (RUBRIC_IS_SCORECARD_VIEW (widget))
    gtk_widget_action_set_enabled (widget, "scorecard.edit", admin);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    enable_scorecard_edit (child, admin);
}

/* Enables what the role allows: the window's actions and the pages'. */
void
rubric_window_apply_role (RubricWindow *self)
{
  gboolean admin = rubric_window_may (self, "win.import-calls");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-calls",
                                 admin && self->job == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-sample",
                                 admin && self->job == NULL && self->empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self->scorecards_page), "scorecards.import", admin);
  rubric_vendors_page_set_can_import (self->vendors_page, admin);
  rubric_agents_page_set_can_edit (self->agents_page,
                                   !self->team || self->role >= RUBRIC_DB_ROLE_LEAD);
  enable_scorecard_edit (GTK_WIDGET (self->scorecards_page), admin);
  explain_tree (self, GTK_WIDGET (self));
}

void
rubric_window_set_team (RubricWindow *self,
                        gboolean      team,
                        RubricDbRole  role,
                        const char   *member)
{
  g_return_if_fail (RUBRIC_IS_WINDOW (self));

  self->team = team;
  self->role = team ? role : RUBRIC_DB_ROLE_ADMIN;

  if (team)
    {
      /* Translators: the foot of the sidebar on a team database: the
       * member's login name, then their role ("Reviewer", "Lead", "Admin") */
      g_autofree char *line = g_strdup_printf (_("Signed in as %s · %s"),
                                               member != NULL ? member : "", role_name (role));

      gtk_label_set_label (self->member_label, line);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->member_label), team);
  rubric_window_apply_role (self);
}

RubricDbRole
rubric_window_get_role (RubricWindow *self)
{
  g_return_val_if_fail (RUBRIC_IS_WINDOW (self), RUBRIC_DB_ROLE_NONE);

  return self->role;
}

/* ---------------------------------------------------------------- offline */

static void schedule_probe (RubricWindow *self);

static void
probe_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  RubricDb *db = rubric_db_open_existing (task_data, &error);

  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  rubric_db_close (db);
  g_task_return_boolean (task, TRUE);
}

static void
send_drafts (RubricWindow *self)
{
  g_autoptr(GError) error = NULL;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *reviewer = NULL;
  int sent;

  if (self->db == NULL || !RUBRIC_IS_APPLICATION (app))
    return;
  /* The draft on screen first: it is the newest. */
  if (RUBRIC_IS_EVALUATION_EDITOR (adw_bin_get_child (self->editor_bin)))
    rubric_evaluation_editor_save_kept (RUBRIC_EVALUATION_EDITOR (adw_bin_get_child (self->editor_bin)));
  reviewer = rubric_application_dup_reviewer (RUBRIC_APPLICATION (app));
  sent = rubric_drafts_send (self->db, reviewer, &error);
  if (sent < 0)
    rubric_window_report_error (self, error);
  else if (sent > 0)
    rubric_window_add_toast (self, _("The drafts kept on this computer were saved to the team "
                                     "database"));
}

static void
probe_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RubricWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  /* Back online meanwhile, or the window was closed: nothing more. */
  if (g_cancellable_is_cancelled (cancellable))
    return;
  g_clear_object (&self->probe);
  if (!self->offline)
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      schedule_probe (self);
      return;
    }

  rubric_window_set_offline (self, FALSE);
  send_drafts (self);
  rubric_window_refresh (self);
}

static gboolean
probe_cb (gpointer user_data)
{
  RubricWindow *self = user_data;
  GTask *task;

  self->probe_source = 0;
  if (self->db == NULL)
    return G_SOURCE_REMOVE;

  self->probe = g_cancellable_new ();
  task = g_task_new (NULL, self->probe, probe_done_cb, g_object_ref (self));
  g_task_set_task_data (task, g_strdup (rubric_db_get_path (self->db)), g_free);
  g_task_run_in_thread (task, probe_thread);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

static void
schedule_probe (RubricWindow *self)
{
  if (self->probe_source != 0 || self->probe != NULL)
    return;
  self->probe_source = g_timeout_add_seconds (self->retry_s, probe_cb, self);
  self->retry_s = MIN (self->retry_s * 2, RETRY_MAX_S);
}

void
rubric_window_set_offline (RubricWindow *self,
                           gboolean      offline)
{
  g_return_if_fail (RUBRIC_IS_WINDOW (self));

  if (self->offline == !!offline)
    return;
  self->offline = !!offline;
  gtk_revealer_set_reveal_child (self->offline_revealer, self->offline);

  if (self->offline)
    {
      self->retry_s = RETRY_FIRST_S;
      schedule_probe (self);
    }
  else
    {
      g_clear_handle_id (&self->probe_source, g_source_remove);
      if (self->probe != NULL)
        g_cancellable_cancel (self->probe);
      g_clear_object (&self->probe);
    }
}

gboolean
rubric_window_get_offline (RubricWindow *self)
{
  g_return_val_if_fail (RUBRIC_IS_WINDOW (self), FALSE);

  return self->offline;
}

void
rubric_window_retry_clicked_cb (RubricWindow *self)
{
  g_clear_handle_id (&self->probe_source, g_source_remove);
  if (self->probe == NULL)
    probe_cb (self);
}

gboolean
rubric_window_report_error (RubricWindow *self,
                            const GError *error)
{
  g_return_val_if_fail (RUBRIC_IS_WINDOW (self), FALSE);

  if (error == NULL)
    return FALSE;

  if (g_error_matches (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_PERMITTED))
    {
      /* The store's message names the database and says "not permitted"
       * itself: the toast keeps the server's reason. */
      const char *reason = strstr (error->message, ": not permitted: ");
      /* Translators: %s says what the server refused */
      g_autofree char *text = g_strdup_printf (_("Not permitted: %s"),
                                               reason != NULL ? reason + strlen (": not permitted: ")
                                                              : error->message);

      rubric_window_add_toast (self, text);
      return TRUE;
    }

  if (self->team && g_error_matches (error, RUBRIC_ERROR, RUBRIC_ERROR_IO))
    {
      rubric_window_set_offline (self, TRUE);
      return TRUE;
    }

  return FALSE;
}

void
rubric_window_team_ensure_style (void)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, "/io/github/rubricqa/Rubric/rubric-window.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&loaded, 1);
    }
}

void
rubric_window_team_dispose (RubricWindow *self)
{
  g_clear_handle_id (&self->probe_source, g_source_remove);
  if (self->probe != NULL)
    g_cancellable_cancel (self->probe);
  g_clear_object (&self->probe);
}
