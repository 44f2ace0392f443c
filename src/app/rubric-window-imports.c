/* rubric-window-imports.c — the window's imports and the job bar they report through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The job bar under the header (progress, Cancel) serves every long job,
 * imports and exports alike. An import runs in a worker thread on a
 * connection of its own; a queue_log whose queues have no vendor first
 * asks which vendor handles them. The file chooser starts it all.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-a11y.h"
#include "rubric-call-list.h"
#include "rubric-file-chooser.h"
#include "rubric-jobs.h"
#include "rubric-window-private.h"

/* ----------------------------------------------------------------- jobs */

static gboolean
pulse_cb (gpointer user_data)
{
  RubricWindow *self = user_data;

  gtk_progress_bar_pulse (self->job_progress);
  return G_SOURCE_CONTINUE;
}

GCancellable *
rubric_window_begin_job (RubricWindow *self,
                         const char   *label)
{
  g_return_val_if_fail (RUBRIC_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->job == NULL, NULL);

  self->job = g_cancellable_new ();
  gtk_label_set_label (self->job_label, label);
  gtk_progress_bar_set_fraction (self->job_progress, 0);
  gtk_revealer_set_reveal_child (self->job_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-calls", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-sample", FALSE);

  return self->job;
}

void
rubric_window_set_job_progress (RubricWindow *self,
                                double        fraction)
{
  g_return_if_fail (RUBRIC_IS_WINDOW (self));

  if (self->job == NULL)
    return;

  if (fraction < 0)
    {
      if (self->pulse_source == 0)
        self->pulse_source = g_timeout_add (100, pulse_cb, self);
      return;
    }

  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_progress_bar_set_fraction (self->job_progress, CLAMP (fraction, 0, 1));
}

void
rubric_window_end_job (RubricWindow *self)
{
  g_return_if_fail (RUBRIC_IS_WINDOW (self));

  g_clear_handle_id (&self->pulse_source, g_source_remove);
  g_clear_object (&self->job);
  gtk_revealer_set_reveal_child (self->job_revealer, FALSE);
  /* What the member's role allows (rubric-window-team.c). */
  rubric_window_apply_role (self);
}

gboolean
rubric_window_get_job_running (RubricWindow *self)
{
  g_return_val_if_fail (RUBRIC_IS_WINDOW (self), FALSE);

  return self->job != NULL;
}

void
rubric_window_job_cancel_clicked_cb (RubricWindow *self)
{
  if (self->job != NULL)
    {
      g_cancellable_cancel (self->job);
      gtk_label_set_label (self->job_label, _("Cancelling…"));
    }
}

/* -------------------------------------------------------------- imports */

static void
import_progress_cb (double   fraction,
                    gpointer user_data)
{
  rubric_window_set_job_progress (RUBRIC_WINDOW (user_data), fraction);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RubricWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  RubricImportKind kind = RUBRIC_IMPORT_UNKNOWN;

  summary = rubric_import_finish (result, &kind, &error);
  rubric_window_end_job (self);

  if (summary == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rubric_window_add_toast (self, _("Import cancelled: nothing was changed"));
      else if (rubric_window_report_error (self, error))
        return;
      else
        rubric_window_show_error (self, _("Could Not Import the File"), error->message);
      return;
    }

  rubric_window_refresh (self);
  if (kind == RUBRIC_IMPORT_CALLS || kind == RUBRIC_IMPORT_QUEUE_LOG)
    rubric_window_show_page (self, "review");
  else if (kind == RUBRIC_IMPORT_EVALUATIONS)
    rubric_window_show_page (self, "evaluations");
  else if (kind == RUBRIC_IMPORT_SCORECARD)
    rubric_window_show_page (self, "scorecards");
  else if (kind == RUBRIC_IMPORT_CONTRACT)
    rubric_window_show_page (self, "vendors");
  rubric_window_add_toast (self, summary);
}

/* A queue_log whose queues have no vendor: the user maps them first. */
typedef struct
{
  RubricWindow *window;
  char         *path;
  char         *reviewer;
  GPtrArray    *rows;  /* AdwEntryRow*, titled with their queue */
} QueueMapping;

static void
queue_mapping_free (gpointer data,
                    GClosure *closure)
{
  QueueMapping *mapping = data;

  g_object_unref (mapping->window);
  g_free (mapping->path);
  g_free (mapping->reviewer);
  g_clear_pointer (&mapping->rows, g_ptr_array_unref);
  g_free (mapping);
}

static void
start_import (RubricWindow *self,
              const char   *path,
              const char   *reviewer)
{
  rubric_import_async (self->db, path, reviewer, import_progress_cb, self, self->job,
                       import_done_cb, g_object_ref (self));
}

static void
queue_mapping_changed_cb (AdwMessageDialog *dialog)
{
  QueueMapping *mapping = g_object_get_data (G_OBJECT (dialog), "rubric-queue-mapping");
  gboolean complete = TRUE;

  for (guint i = 0; i < mapping->rows->len; i++)
    {
      g_autofree char *vendor = g_strdup (gtk_editable_get_text (g_ptr_array_index (mapping->rows, i)));

      if (*g_strstrip (vendor) == '\0')
        complete = FALSE;
    }

  adw_message_dialog_set_response_enabled (dialog, "map", complete);
}

static void
queue_mapping_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           QueueMapping     *mapping)
{
  RubricWindow *self = mapping->window;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "map") != 0)
    {
      rubric_window_end_job (self);
      rubric_window_add_toast (self, _("Import cancelled"));
      return;
    }

  for (guint i = 0; i < mapping->rows->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (mapping->rows, i);
      g_autofree char *vendor = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

      g_strstrip (vendor);
      if (*vendor == '\0')
        {
          rubric_window_end_job (self);
          rubric_window_add_toast (self, _("Import cancelled"));
          return;
        }
      if (!rubric_db_map_queue (self->db, adw_preferences_row_get_title (row), vendor, &error))
        {
          rubric_window_end_job (self);
          rubric_window_show_error (self, _("Could Not Import the File"), error->message);
          return;
        }
    }

  start_import (self, mapping->path, mapping->reviewer);
}

/* The names of the vendors already there; none when they cannot be read. */
static GPtrArray *
list_vendors (RubricDb *db)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) vendors = rubric_vendor_entries (db, NULL);

  for (guint i = 0; vendors != NULL && i < vendors->len; i++)
    {
      RubricVendorEntry *vendor = g_ptr_array_index (vendors, i);

      g_ptr_array_add (names, g_steal_pointer (&vendor->name));
    }

  return names;
}

static void
show_queue_mapping (RubricWindow *self,
                    QueueMapping *mapping,
                    GPtrArray    *queues)
{
  g_autoptr(GPtrArray) vendors = list_vendors (self->db);
  g_autofree char *name = g_path_get_basename (mapping->path);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *list;

  if (vendors->len > 0)
    {
      g_autofree char *known = NULL;

      g_ptr_array_add (vendors, NULL);
      known = g_strjoinv (", ", (char **) vendors->pdata);
      g_ptr_array_remove_index (vendors, vendors->len - 1);
      /* Translators: %s is a file name, then a list of vendor names */
      body = g_strdup_printf (_("The calls of %s in these queues need a vendor before they "
                                "can be imported. Vendors already known: %s."),
                              name, known);
    }
  else
    /* Translators: %s is a file name */
    body = g_strdup_printf (_("The calls of %s in these queues need a vendor before they "
                              "can be imported."),
                            name);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Which vendor handles these queues?"),
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "map", _("_Map and Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "map",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "map");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  mapping->rows = g_ptr_array_new ();
  for (guint i = 0; i < queues->len; i++)
    {
      const char *queue = g_ptr_array_index (queues, i);
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), queue);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (vendors->len == 1)
        gtk_editable_set_text (GTK_EDITABLE (row), g_ptr_array_index (vendors, 0));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, queue,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("The vendor that handles this queue"),
                                      -1);
      g_signal_connect_swapped (row, "changed", G_CALLBACK (queue_mapping_changed_cb), dialog);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (mapping->rows, row);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  g_object_set_data (G_OBJECT (dialog), "rubric-queue-mapping", mapping);
  g_signal_connect_data (dialog, "response", G_CALLBACK (queue_mapping_response_cb), mapping,
                         queue_mapping_free, 0);
  queue_mapping_changed_cb (ADW_MESSAGE_DIALOG (dialog));

  rubric_a11y_fix_tree (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
scan_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  QueueMapping *mapping = user_data;
  RubricWindow *self = mapping->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queues = NULL;

  queues = rubric_queue_log_scan_finish (result, &error);
  if (queues == NULL)
    {
      rubric_window_end_job (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rubric_window_add_toast (self, _("Import cancelled: nothing was changed"));
      else
        rubric_window_show_error (self, _("Could Not Import the File"), error->message);
      queue_mapping_free (mapping, NULL);
      return;
    }

  if (queues->len == 0)
    {
      start_import (self, mapping->path, mapping->reviewer);
      queue_mapping_free (mapping, NULL);
      return;
    }

  show_queue_mapping (self, mapping, queues);
}

void
rubric_window_import_path (RubricWindow *self,
                           const char   *path)
{
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autofree char *reviewer = NULL;

  g_return_if_fail (RUBRIC_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->job != NULL)
    {
      rubric_window_add_toast (self, _("Wait for the import or export under way to finish"));
      return;
    }

  name = g_path_get_basename (path);
  /* Translators: %s is a file name */
  label = g_strdup_printf (_("Importing %s…"), name);
  reviewer = rubric_application_dup_reviewer (RUBRIC_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));

  rubric_window_begin_job (self, label);

  /* A queue_log's queues need a vendor: those without one are asked for
   * before the import starts. */
  if (rubric_import_detect (path) == RUBRIC_IMPORT_QUEUE_LOG)
    {
      QueueMapping *mapping = g_new0 (QueueMapping, 1);

      mapping->window = g_object_ref (self);
      mapping->path = g_strdup (path);
      mapping->reviewer = g_steal_pointer (&reviewer);
      rubric_queue_log_scan_async (self->db, path, self->job, scan_done_cb, mapping);
      return;
    }

  start_import (self, path, reviewer);
}

void
rubric_window_import_calls_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  RubricWindow *self = RUBRIC_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (self->job != NULL || !rubric_window_may (self, "win.import-calls"))
    return;

  chooser = rubric_file_chooser_new (&self->chooser, widget,
                                     _("Import Calls, Evaluations or a Scorecard"),
                                     GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                     rubric_file_chooser_import, NULL);
  if (chooser == NULL)
    return;
  rubric_file_chooser_add_filter (chooser, _("Call records, queue_logs, evaluations, scorecards"),
                                  "*.csv", "*.xml", "*queue_log*", "*.log", "*.txt", NULL);
  rubric_file_chooser_add_filter (chooser, _("All files"), "*", NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
