/* rubric-preferences-window.c — the reviewer's name, scoring and the database file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both are GSettings keys bound to the rows. The database is a file or a
 * team database's URI (typed in the entry row); a password typed in a URI
 * goes to the keyring (rubric-team-secret.c), the setting keeps the URI
 * without it. The database is not switched
 * under a running window (lists, the editor and jobs hold the open one):
 * a new location is used from the next start, and the window says so.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-a11y.h"
#include "rubric-db.h"
#include "rubric-file-chooser.h"
#include "rubric-preferences-window.h"
#include "rubric-team-secret.h"

struct _RubricPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *reviewer_row;
  AdwActionRow         *advance_row;
  GtkSwitch            *advance_switch;
  AdwActionRow         *database_row;
  AdwActionRow         *current_row;
  AdwEntryRow          *location_row;
  GtkButton            *default_button;
  GtkButton            *choose_button;

  /* Owned references */
  GSettings            *settings;
  GtkFileChooserNative *chooser;
  GCancellable         *keyring;
};

G_DEFINE_FINAL_TYPE (RubricPreferencesWindow, rubric_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static void
update_database_row (RubricPreferencesWindow *self)
{
  g_autofree char *chosen = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *subtitle = NULL;

  if (self->settings != NULL)
    chosen = g_settings_get_string (self->settings, "database-path");

  /* A chosen database shows in the field below; only the default is
   * said here. */
  if (chosen != NULL && *chosen != '\0')
    subtitle = NULL;
  else
    {
      fallback = rubric_db_default_path ();
      /* Translators: the database file used when none is chosen */
      subtitle = g_strdup_printf (_("Default: %s"), fallback);
    }

  adw_action_row_set_subtitle (self->database_row, subtitle != NULL ? subtitle : "");
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->location_row)),
                 chosen != NULL ? chosen : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->location_row), chosen != NULL ? chosen : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->default_button),
                            chosen != NULL && *chosen != '\0');
}

static void
toast (RubricPreferencesWindow *self,
       const char              *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

static void
password_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RubricPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (rubric_team_store_password_finish (result, &error))
    toast (self, _("The password is kept in the keyring"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, _("No keyring: the password was not kept. Put it in ~/.pgpass"));
}

/* What the user typed: a path, or a team database's URI whose password
 * (if any) goes to the keyring and never to the settings. */
gboolean
rubric_preferences_window_apply_location (RubricPreferencesWindow *self,
                                          const char              *text)
{
  g_autofree char *value = g_strstrip (g_strdup (text));
  g_autofree char *password = NULL;
  g_autofree char *bare = NULL;

  g_return_val_if_fail (RUBRIC_IS_PREFERENCES_WINDOW (self), FALSE);

  if (self->settings == NULL)
    return FALSE;

  if (rubric_db_name_is_uri (value))
    {
      const char *host = strstr (value, "://") + 3;

      /* Something after the scheme: a host, a database or parameters. */
      if (*host == '\0')
        goto refused;
      bare = rubric_team_strip_password (value, &password);
      if (password != NULL)
        {
          g_cancellable_cancel (self->keyring);
          g_clear_object (&self->keyring);
          self->keyring = g_cancellable_new ();
          rubric_team_store_password_async (bare, password, self->keyring, password_stored_cb,
                                            g_object_ref (self));
          memset (password, 0, strlen (password));
        }
      /* The row shows what is kept: never the password. */
      gtk_editable_set_text (GTK_EDITABLE (self->location_row), bare);
      g_settings_set_string (self->settings, "database-path", bare);
    }
  else if (*value != '\0' && g_path_is_absolute (value) && !g_str_has_suffix (value, "/"))
    g_settings_set_string (self->settings, "database-path", value);
  else
    goto refused;

  gtk_widget_remove_css_class (GTK_WIDGET (self->location_row), "error");
  toast (self, _("Rubric opens this database from its next start"));
  return TRUE;

refused:
  gtk_widget_add_css_class (GTK_WIDGET (self->location_row), "error");
  toast (self, _("Give a full file path or an address such as postgresql://server/rubric"));
  return FALSE;
}

static void
location_apply_cb (RubricPreferencesWindow *self)
{
  rubric_preferences_window_apply_location (self,
                                            gtk_editable_get_text (GTK_EDITABLE (self->location_row)));
}

static void
location_changed_cb (RubricPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->location_row), "error");
}

static void
default_clicked_cb (RubricPreferencesWindow *self)
{
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "database-path", "");
}

static void
database_chosen_cb (GtkWidget *owner,
                    GFile     *file,
                    gpointer   user_data)
{
  RubricPreferencesWindow *self = RUBRIC_PREFERENCES_WINDOW (owner);
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL && self->settings != NULL)
    {
      g_settings_set_string (self->settings, "database-path", path);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Rubric opens this database from "
                                                         "its next start")));
    }
}

static void
choose_clicked_cb (RubricPreferencesWindow *self)
{
  GtkFileChooserNative *chooser;

  /* Save mode: the file may be a new one, which Rubric creates. */
  chooser = rubric_file_chooser_new (&self->chooser, GTK_WIDGET (self),
                                     _("Choose the Database File"),
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _("_Select"),
                                     database_chosen_cb, NULL);
  if (chooser == NULL)
    return;
  rubric_file_chooser_add_filter (chooser, _("Rubric databases"), "*.db", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "rubric.db");
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GtkWidget *
rubric_preferences_window_new (GSettings  *settings,
                               const char *current_path)
{
  RubricPreferencesWindow *self = g_object_new (RUBRIC_TYPE_PREFERENCES_WINDOW, NULL);

  adw_action_row_set_subtitle (self->current_row, current_path != NULL ? current_path : "");

  if (settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->reviewer_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->advance_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->database_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->location_row), FALSE);
      update_database_row (self);
      return GTK_WIDGET (self);
    }

  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "reviewer-name", self->reviewer_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "next-criterion-after-answer", self->advance_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (settings, "changed::database-path", G_CALLBACK (update_database_row),
                           self, G_CONNECT_SWAPPED);
  update_database_row (self);

  return GTK_WIDGET (self);
}

static void
rubric_preferences_window_dispose (GObject *object)
{
  RubricPreferencesWindow *self = RUBRIC_PREFERENCES_WINDOW (object);

  rubric_file_chooser_destroy (&self->chooser);
  if (self->keyring != NULL)
    g_cancellable_cancel (self->keyring);
  g_clear_object (&self->keyring);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUBRIC_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (rubric_preferences_window_parent_class)->dispose (object);
}

static void
rubric_preferences_window_class_init (RubricPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rubric_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rubricqa/Rubric/rubric-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RubricPreferencesWindow, reviewer_row);
  gtk_widget_class_bind_template_child (widget_class, RubricPreferencesWindow, advance_row);
  gtk_widget_class_bind_template_child (widget_class, RubricPreferencesWindow, advance_switch);
  gtk_widget_class_bind_template_child (widget_class, RubricPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, RubricPreferencesWindow, current_row);
  gtk_widget_class_bind_template_child (widget_class, RubricPreferencesWindow, location_row);
  gtk_widget_class_bind_template_child (widget_class, RubricPreferencesWindow, default_button);
  gtk_widget_class_bind_template_child (widget_class, RubricPreferencesWindow, choose_button);
  gtk_widget_class_bind_template_callback (widget_class, default_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, location_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, location_changed_cb);
}

static void
rubric_preferences_window_init (RubricPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rubric_a11y_fix_tree (GTK_WIDGET (self));
}
