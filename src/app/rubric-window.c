/* rubric-window.c — the main window: sidebar of pages, the editor and toasts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window owns no data: the application owns the database, each page
 * its list model. Long work (imports, exports) runs in worker threads on
 * connections of their own and reports through the job bar under the
 * header (progress, Cancel); the main thread only ever runs short queries.
 * The imports and the job bar are in rubric-window-imports.c.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-a11y.h"
#include "rubric-call-list.h"
#include "rubric-file-chooser.h"
#include "rubric-evaluation-editor.h"
#include "rubric-sample.h"
#include "rubric-widget-util.h"
#include "rubric-window-private.h"

G_DEFINE_FINAL_TYPE (RubricWindow, rubric_window, ADW_TYPE_APPLICATION_WINDOW)

static const char * const pages[] = { "review", "evaluations", "agents", "vendors", "scorecards" };

static gboolean
is_page (const char *name)
{
  return name != NULL && g_strv_contains ((const char * const *) pages, name);
}

/* -------------------------------------------------------------- pages */

static void
select_sidebar_row (RubricWindow *self,
                    const char   *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      {
        gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
        return;
      }
}

static void
list_loaded_cb (RubricWindow *self,
                const GError *error)
{
  if (error != NULL)
    rubric_window_report_error (self, error);
}

/* A page gets the database, and so loads its list, when it is first shown:
 * start-up reads only what the page on screen shows, not the ids of a
 * million evaluations nor every scorecard's evaluation count (SPEC §12).
 * Until then the page's reload does nothing. */
static void
ensure_page_loaded (RubricWindow *self,
                    const char   *name)
{
  for (guint i = 0; self->db != NULL && i < G_N_ELEMENTS (pages); i++)
    if (g_str_equal (name, pages[i]) && !(self->loaded & (1u << i)))
      {
        self->loaded |= 1u << i;
        if (g_str_equal (name, "review") || g_str_equal (name, "evaluations"))
          {
            RubricListPage *page = RUBRIC_LIST_PAGE (g_str_equal (name, "review")
                                                     ? GTK_WIDGET (self->review_page)
                                                     : GTK_WIDGET (self->evaluations_page));

            rubric_list_page_set_db (page, self->db);
            /* A refresh that finds the team database gone: offline. */
            g_signal_connect_object (rubric_list_page_get_list (page), "loaded",
                                     G_CALLBACK (list_loaded_cb), self, G_CONNECT_SWAPPED);
          }
        else if (g_str_equal (name, "agents"))
          rubric_agents_page_set_db (self->agents_page, self->db);
        else if (g_str_equal (name, "vendors"))
          rubric_vendors_page_set_db (self->vendors_page, self->db);
        else if (g_str_equal (name, "scorecards"))
          rubric_scorecards_page_set_db (self->scorecards_page, self->db);
      }
}

/* Shows the chosen page, or the welcome page in place of the lists when
 * there is nothing to list yet. */
static void
update_content (RubricWindow *self)
{
  gboolean welcome = self->empty && (g_str_equal (self->page, "review") ||
                                     g_str_equal (self->page, "evaluations"));
  GtkStackPage *page;

  gtk_stack_set_visible_child_name (self->content_stack, welcome ? "welcome" : self->page);
  page = gtk_stack_get_page (self->content_stack,
                             gtk_stack_get_child_by_name (self->content_stack, self->page));
  adw_window_title_set_title (self->page_title, gtk_stack_page_get_title (page));
}

void
rubric_window_show_page (RubricWindow *self,
                         const char   *name)
{
  g_return_if_fail (RUBRIC_IS_WINDOW (self));
  g_return_if_fail (is_page (name));

  if (!g_str_equal (self->page, name))
    {
      g_free (self->page);
      self->page = g_strdup (name);
      if (self->settings != NULL)
        g_settings_set_string (self->settings, "last-page", name);
    }

  ensure_page_loaded (self, name);
  if (g_str_equal (name, "scorecards"))
    rubric_scorecards_page_show_list (self->scorecards_page);

  select_sidebar_row (self, name);
  update_content (self);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_box));
}

const char *
rubric_window_get_visible_page (RubricWindow *self)
{
  g_return_val_if_fail (RUBRIC_IS_WINDOW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "editor") == 0)
    return "editor";

  return gtk_stack_get_visible_child_name (self->content_stack);
}

GtkWidget *
rubric_window_get_page_widget (RubricWindow *self,
                               const char   *name)
{
  g_return_val_if_fail (RUBRIC_IS_WINDOW (self), NULL);

  return gtk_stack_get_child_by_name (self->content_stack, name);
}

static void
sidebar_row_activated_cb (RubricWindow  *self,
                          GtkListBoxRow *row)
{
  rubric_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

/* A screen reader selects a row through AT-SPI's Selection, which
 * activates nothing (GTK 4.8 gives list box rows no action): a row chosen
 * so shows its page too, as long as the sidebar stands beside the pages. */
static void
sidebar_row_selected_cb (RubricWindow  *self,
                         GtkListBoxRow *row)
{
  const char *name = row != NULL ? gtk_widget_get_name (GTK_WIDGET (row)) : NULL;

  if (is_page (name) && g_strcmp0 (name, self->page) != 0 && !adw_leaflet_get_folded (self->leaflet))
    rubric_window_show_page (self, name);
}

static void
back_clicked_cb (RubricWindow *self)
{
  /* A folded page with a step of its own goes back there first. */
  if (g_strcmp0 (rubric_window_get_visible_page (self), "vendors") == 0 &&
      rubric_vendors_page_navigate_back (self->vendors_page))
    return;
  if (g_strcmp0 (rubric_window_get_visible_page (self), "agents") == 0 &&
      rubric_agents_page_navigate_back (self->agents_page))
    return;

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
leaflet_folded_cb (RubricWindow *self)
{
  /* Unfolded, the sidebar shows which page is open. */
  if (!adw_leaflet_get_folded (self->leaflet))
    select_sidebar_row (self, self->page);
}

static void
update_empty (RubricWindow *self)
{
  self->empty = self->db == NULL || rubric_db_has_no_work (self->db);
  rubric_window_apply_role (self);
  update_content (self);
}

static RubricApplication *
get_app (RubricWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return RUBRIC_IS_APPLICATION (app) ? RUBRIC_APPLICATION (app) : NULL;
}

/* Whatever changed, every page shows it; only the review queue, after
 * evaluations alone changed, keeps its rows where they are (the call
 * just scored stays under the reviewer's eyes, with its new state). */
static void
data_changed_cb (RubricWindow *self,
                 guint         what)
{
  if (what == RUBRIC_DATA_EVALUATIONS)
    rubric_review_page_invalidate (self->review_page);
  else
    rubric_list_page_reload (RUBRIC_LIST_PAGE (self->review_page));
  rubric_list_page_reload (RUBRIC_LIST_PAGE (self->evaluations_page));
  rubric_agents_page_reload (self->agents_page);
  rubric_vendors_page_reload (self->vendors_page);
  rubric_scorecards_page_reload (self->scorecards_page);
  update_empty (self);
}

void
rubric_window_refresh (RubricWindow *self)
{
  RubricApplication *app;

  g_return_if_fail (RUBRIC_IS_WINDOW (self));

  app = get_app (self);
  if (app != NULL)
    rubric_application_data_changed (app, RUBRIC_DATA_ALL);
  else
    data_changed_cb (self, RUBRIC_DATA_ALL);
}

gboolean
rubric_window_get_busy (RubricWindow *self)
{
  RubricApplication *app;

  g_return_val_if_fail (RUBRIC_IS_WINDOW (self), FALSE);

  app = get_app (self);
  return self->job != NULL ||
         (app != NULL && rubric_application_get_data_change_pending (app)) ||
         rubric_list_page_get_loading (RUBRIC_LIST_PAGE (self->review_page)) ||
         rubric_list_page_get_loading (RUBRIC_LIST_PAGE (self->evaluations_page)) ||
         rubric_vendors_page_get_loading (self->vendors_page) ||
         rubric_agents_page_get_loading (self->agents_page);
}

RubricDb *
rubric_window_get_db (RubricWindow *self)
{
  g_return_val_if_fail (RUBRIC_IS_WINDOW (self), NULL);

  return self->db;
}

/* ------------------------------------------------------- toasts, errors */

void
rubric_window_add_toast (RubricWindow *self,
                         const char   *title)
{
  AdwToast *toast;

  g_return_if_fail (RUBRIC_IS_WINDOW (self));

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 4);
  rubric_a11y_add_toast (self->toast_overlay, toast);
}

void
rubric_window_show_error (RubricWindow *self,
                          const char   *heading,
                          const char   *message)
{
  GtkWidget *dialog;

  g_return_if_fail (RUBRIC_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  rubric_a11y_fix_tree (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}


static void
load_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RubricWindow *self = RUBRIC_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!rubric_window_may (self, "win.load-sample"))
    return;

  /* About a tenth of a second: no need for a thread. */
  if (!rubric_sample_load (self->db, &error))
    {
      if (rubric_window_report_error (self, error))
        return;
      rubric_window_show_error (self, _("Could Not Load the Sample Data"), error->message);
      return;
    }

  rubric_window_refresh (self);
  rubric_window_show_page (self, "review");
  rubric_window_add_toast (self, _("Sample data loaded: a week of calls of three vendors"));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RubricWindow *self = RUBRIC_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (!is_page (name))
    return;

  /* From the editor, the pages are one step back. */
  if (g_strcmp0 (rubric_window_get_visible_page (self), "editor") == 0)
    return;

  rubric_window_show_page (self, name);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RubricWindow *self = RUBRIC_WINDOW (widget);
  GtkWidget *page = rubric_window_get_page_widget (self, rubric_window_get_visible_page (self));

  /* The review queue, the evaluations and the agents have a search. */
  if (RUBRIC_IS_LIST_PAGE (page))
    rubric_list_page_focus_search (RUBRIC_LIST_PAGE (page));
  else if (RUBRIC_IS_AGENTS_PAGE (page))
    rubric_agents_page_focus_search (RUBRIC_AGENTS_PAGE (page));
}

/* --------------------------------------------------------------- editor */

GtkWidget *
rubric_window_get_editor (RubricWindow *self)
{
  g_return_val_if_fail (RUBRIC_IS_WINDOW (self), NULL);

  return adw_bin_get_child (self->editor_bin);
}

static void
close_editor (RubricWindow *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  adw_bin_set_child (self->editor_bin, NULL);

  /* Drafts were saved, an evaluation maybe submitted: every page follows
   * (data_changed_cb ()). */
  if (get_app (self) != NULL)
    rubric_application_data_changed (get_app (self), RUBRIC_DATA_EVALUATIONS);
  else
    data_changed_cb (self, RUBRIC_DATA_EVALUATIONS);
}

static void
editor_close_requested_cb (RubricWindow *self)
{
  close_editor (self);
}

static void
editor_submitted_cb (RubricWindow *self,
                     const char   *uuid)
{
  close_editor (self);
  rubric_window_add_toast (self, _("Evaluation submitted"));
}

gboolean
rubric_window_open_evaluation (RubricWindow *self,
                               const char   *uuid,
                               gint64        call_row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reviewer = NULL;
  GtkWidget *editor;

  g_return_val_if_fail (RUBRIC_IS_WINDOW (self), FALSE);

  reviewer = rubric_application_dup_reviewer (RUBRIC_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  editor = rubric_evaluation_editor_new ();
  g_object_ref_sink (editor);

  if (!rubric_evaluation_editor_load (RUBRIC_EVALUATION_EDITOR (editor), self->db, uuid, call_row,
                                      reviewer, &error))
    {
      g_object_unref (editor);
      rubric_window_show_error (self, _("Could Not Open the Evaluation"), error->message);
      return FALSE;
    }

  g_signal_connect_object (editor, "close-requested", G_CALLBACK (editor_close_requested_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "submitted", G_CALLBACK (editor_submitted_cb), self,
                           G_CONNECT_SWAPPED);
  adw_bin_set_child (self->editor_bin, editor);
  g_object_unref (editor);

  gtk_stack_set_visible_child_name (self->main_stack, "editor");
  gtk_widget_grab_focus (editor);

  return TRUE;
}

/* The list pages' and the agents page's "open-evaluation". */
static void
list_page_open_cb (RubricWindow *self,
                   const char   *uuid,
                   gint64        call_row)
{
  rubric_window_open_evaluation (self, uuid, call_row);
}

/* --------------------------------------------------------------- window */

/* The keyboard shortcuts window, made when asked for and destroyed once
 * hidden. GtkApplication would make it with the window (from
 * gtk/help-overlay.ui, which is why our resource has another name) and keep
 * it hidden; and a hidden window that was never shown crashes GTK 4.8 when
 * an AT-SPI client asks the application for a window past the last one shown
 * (as a screen reader may while a dialog closes): GTK answers with the last
 * window of the process, that one. */
static gboolean
drop_help_overlay_cb (gpointer user_data)
{
  GtkApplicationWindow *self = user_data;
  GtkShortcutsWindow *help = gtk_application_window_get_help_overlay (self);

  /* Not if it was shown again in the meantime. */
  if (help != NULL && !gtk_widget_get_visible (GTK_WIDGET (help)))
    gtk_application_window_set_help_overlay (self, NULL);

  return G_SOURCE_REMOVE;
}

static void
help_overlay_hidden_cb (RubricWindow *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, drop_help_overlay_cb, g_object_ref (self),
                   g_object_unref);
}

static void
show_help_overlay_cb (RubricWindow *self)
{
  GtkShortcutsWindow *help = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));

  if (help == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/rubricqa/Rubric/help-overlay.ui");

      help = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      rubric_a11y_fix_shortcuts_window (GTK_WINDOW (help));
      /* Modal, hidden on close, transient for us; and what the screenshots
       * find with gtk_application_window_get_help_overlay (). */
      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self), help);
      g_signal_connect_object (help, "hide", G_CALLBACK (help_overlay_hidden_cb), self,
                               G_CONNECT_SWAPPED);
    }

  gtk_window_present (GTK_WINDOW (help));
}

GtkWidget *
rubric_window_new (RubricApplication *app)
{
  RubricWindow *self;
  g_autoptr(GSimpleAction) help_action = NULL;
  g_autofree char *last = NULL;

  g_return_val_if_fail (RUBRIC_IS_APPLICATION (app), NULL);

  /* "application" is not a construct property: the window takes its
   * database and settings here, once it has it. */
  self = g_object_new (RUBRIC_TYPE_WINDOW, "application", app, NULL);
  /* Ctrl+? is app.shortcuts', which activates this. */
  help_action = g_simple_action_new ("show-help-overlay", NULL);
  g_signal_connect_object (help_action, "activate", G_CALLBACK (show_help_overlay_cb), self,
                           G_CONNECT_SWAPPED);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (help_action));
  self->db = rubric_application_get_db (app);
  g_set_object (&self->settings, rubric_application_get_settings (app));
  g_signal_connect_object (app, "data-changed", G_CALLBACK (data_changed_cb), self,
                           G_CONNECT_SWAPPED);

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      last = g_settings_get_string (self->settings, "last-page");
    }

  /* On a team database, who is signed in and what they may do. */
  if (self->db != NULL && rubric_db_is_postgres (self->db))
    rubric_window_set_team (self, TRUE, rubric_db_get_role (self->db),
                            rubric_db_get_member (self->db));

  /* The pages get the database when first shown: ensure_page_loaded (). */
  update_empty (self);
  rubric_window_show_page (self, is_page (last) ? last : "review");

  return GTK_WIDGET (self);
}

static gboolean
rubric_window_close_request (GtkWindow *window)
{
  RubricWindow *self = RUBRIC_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_apply (self->settings);
    }

  if (self->job != NULL)
    g_cancellable_cancel (self->job);

  return GTK_WINDOW_CLASS (rubric_window_parent_class)->close_request (window);
}

static void
rubric_window_dispose (GObject *object)
{
  RubricWindow *self = RUBRIC_WINDOW (object);

  g_clear_handle_id (&self->pulse_source, g_source_remove);
  rubric_window_team_dispose (self);
  if (self->job != NULL)
    g_cancellable_cancel (self->job);
  g_clear_object (&self->job);
  rubric_file_chooser_destroy (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUBRIC_TYPE_WINDOW);

  G_OBJECT_CLASS (rubric_window_parent_class)->dispose (object);
}

static void
rubric_window_finalize (GObject *object)
{
  RubricWindow *self = RUBRIC_WINDOW (object);

  g_clear_object (&self->settings);
  g_free (self->page);

  G_OBJECT_CLASS (rubric_window_parent_class)->finalize (object);
}

static void
rubric_window_class_init (RubricWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rubric_window_dispose;
  object_class->finalize = rubric_window_finalize;
  window_class->close_request = rubric_window_close_request;

  g_type_ensure (RUBRIC_TYPE_REVIEW_PAGE);
  g_type_ensure (RUBRIC_TYPE_EVALUATIONS_PAGE);
  g_type_ensure (RUBRIC_TYPE_AGENTS_PAGE);
  g_type_ensure (RUBRIC_TYPE_VENDORS_PAGE);
  g_type_ensure (RUBRIC_TYPE_SCORECARDS_PAGE);

  gtk_widget_class_install_action (widget_class, "win.import-calls", NULL,
                                   rubric_window_import_calls_action);
  gtk_widget_class_install_action (widget_class, "win.load-sample", NULL, load_sample_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rubricqa/Rubric/rubric-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RubricWindow, toast_overlay);
  /* Looked up by name only (rubric_window_init). */
  gtk_widget_class_bind_template_child_full (widget_class, "welcome_import_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "welcome_sample_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, RubricWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RubricWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RubricWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RubricWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, RubricWindow, page_title);
  gtk_widget_class_bind_template_child (widget_class, RubricWindow, job_revealer);
  gtk_widget_class_bind_template_child (widget_class, RubricWindow, job_label);
  gtk_widget_class_bind_template_child (widget_class, RubricWindow, job_progress);
  gtk_widget_class_bind_template_child (widget_class, RubricWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RubricWindow, review_page);
  gtk_widget_class_bind_template_child (widget_class, RubricWindow, evaluations_page);
  gtk_widget_class_bind_template_child (widget_class, RubricWindow, agents_page);
  gtk_widget_class_bind_template_child (widget_class, RubricWindow, vendors_page);
  gtk_widget_class_bind_template_child (widget_class, RubricWindow, scorecards_page);
  gtk_widget_class_bind_template_child (widget_class, RubricWindow, editor_bin);
  gtk_widget_class_bind_template_child (widget_class, RubricWindow, member_label);
  gtk_widget_class_bind_template_child (widget_class, RubricWindow, offline_revealer);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "job_cancel_clicked_cb",
                                                G_CALLBACK (rubric_window_job_cancel_clicked_cb));
  gtk_widget_class_bind_template_callback (widget_class, list_page_open_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "retry_clicked_cb",
                                                G_CALLBACK (rubric_window_retry_clicked_cb));
}

static void
rubric_window_init (RubricWindow *self)
{
  self->page = g_strdup ("review");
  self->role = RUBRIC_DB_ROLE_ADMIN;
  rubric_window_team_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  rubric_a11y_fix_tree (GTK_WIDGET (self));
  /* The welcome's buttons fit a 360 px window in every language. */
  for (guint i = 0; i < 2; i++)
    rubric_widget_wrap_button_label (
      GTK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self), RUBRIC_TYPE_WINDOW,
                                                 i == 0 ? "welcome_import_button"
                                                        : "welcome_sample_button")));
}
