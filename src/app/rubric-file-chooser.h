/* rubric-file-chooser.h — the one way the app asks for a file to import or export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the user chose, for @owner; @user_data as given. */
typedef void (*RubricFileChosenFunc) (GtkWidget *owner,
                                      GFile     *file,
                                      gpointer   user_data);

/* A native file chooser over @owner's window, kept in @slot (the owner's
 * field) while it is open: NULL when @slot already holds one. Add filters,
 * then gtk_native_dialog_show (); an accepted file goes to @chosen, and
 * @slot is cleared whatever the answer. */
GtkFileChooserNative *rubric_file_chooser_new        (GtkFileChooserNative **slot,
                                                      GtkWidget             *owner,
                                                      const char            *title,
                                                      GtkFileChooserAction   action,
                                                      const char            *accept_label,
                                                      RubricFileChosenFunc   chosen,
                                                      gpointer               user_data);
/* Adds a filter named @name of the patterns given (NULL-terminated); one
 * with a slash, which no file name has, is a MIME type. */
void                  rubric_file_chooser_add_filter (GtkFileChooserNative  *chooser,
                                                      const char            *name,
                                                      const char            *first_pattern,
                                                      ...) G_GNUC_NULL_TERMINATED;
/* A RubricFileChosenFunc: the file goes to the import of @owner's window,
 * which knows a file by its content. */
void                  rubric_file_chooser_import     (GtkWidget             *owner,
                                                      GFile                 *file,
                                                      gpointer               user_data);
/* For the owner's dispose: closes the chooser in @slot, if any. */
void                  rubric_file_chooser_destroy    (GtkFileChooserNative **slot);

G_END_DECLS
