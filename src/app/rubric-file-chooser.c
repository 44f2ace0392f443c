/* rubric-file-chooser.c — the one way the app asks for a file to import or export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every Import… and Export… (and the preferences' database file) asks
 * alike: one native chooser at a time per owner, over the owner's window,
 * the file handed on only when the user accepted it.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rubric-file-chooser.h"
#include "rubric-window.h"

typedef struct
{
  GtkFileChooserNative **slot;
  GtkWidget             *owner;  /* borrowed: the owner keeps the chooser */
  RubricFileChosenFunc   chosen;
  gpointer               user_data;
} Request;

#define REQUEST_KEY "rubric-file-chooser-request"

static void
response_cb (GtkFileChooserNative *chooser,
             int                   response,
             Request              *request)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        request->chosen (request->owner, file, request->user_data);
    }

  /* The emission holds the chooser, and the request with it, until it
   * returns. */
  g_clear_object (request->slot);
}

GtkFileChooserNative *
rubric_file_chooser_new (GtkFileChooserNative **slot,
                         GtkWidget             *owner,
                         const char            *title,
                         GtkFileChooserAction   action,
                         const char            *accept_label,
                         RubricFileChosenFunc   chosen,
                         gpointer               user_data)
{
  Request *request;

  g_return_val_if_fail (slot != NULL, NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);
  g_return_val_if_fail (chosen != NULL, NULL);

  if (*slot != NULL)
    return NULL;

  *slot = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (owner)), action,
                                       accept_label, _("_Cancel"));

  request = g_new0 (Request, 1);
  request->slot = slot;
  request->owner = owner;
  request->chosen = chosen;
  request->user_data = user_data;
  g_object_set_data_full (G_OBJECT (*slot), REQUEST_KEY, request, g_free);
  g_signal_connect (*slot, "response", G_CALLBACK (response_cb), request);

  return *slot;
}

void
rubric_file_chooser_add_filter (GtkFileChooserNative *chooser,
                                const char           *name,
                                const char           *first_pattern,
                                ...)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *pattern = first_pattern;
  va_list args;

  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser));

  gtk_file_filter_set_name (filter, name);
  va_start (args, first_pattern);
  for (; pattern != NULL; pattern = va_arg (args, const char *))
    {
      if (strchr (pattern, '/') != NULL)
        gtk_file_filter_add_mime_type (filter, pattern);
      else
        gtk_file_filter_add_pattern (filter, pattern);
    }
  va_end (args);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
}

void
rubric_file_chooser_import (GtkWidget *owner,
                            GFile     *file,
                            gpointer   user_data)
{
  GtkRoot *root = gtk_widget_get_root (owner);
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL && RUBRIC_IS_WINDOW (root))
    rubric_window_import_path (RUBRIC_WINDOW (root), path);
}

void
rubric_file_chooser_destroy (GtkFileChooserNative **slot)
{
  g_return_if_fail (slot != NULL);

  if (*slot != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (*slot));
  g_clear_object (slot);
}
