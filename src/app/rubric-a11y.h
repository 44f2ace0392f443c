/* rubric-a11y.h — accessible names GTK 4.8 does not give by itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Names what GTK 4.8 leaves unnamed in @root and below (see rubric-a11y.c). */
void rubric_a11y_fix_tree          (GtkWidget       *root);
/* After gtk_button_set_label () with a mnemonic. */
void rubric_a11y_fix_button        (GtkButton       *button);
/* Names the column view row that holds @cell_child. */
void rubric_a11y_set_row_label     (GtkWidget       *cell_child,
                                    const char      *label);
/* adw_toast_overlay_add_toast (), and names the toast's buttons. */
void rubric_a11y_add_toast         (AdwToastOverlay *overlay,
                                    AdwToast        *toast);

/* Gives a GtkShortcutsWindow a title and names its parts. */
void rubric_a11y_fix_shortcuts_window (GtkWindow    *window);

G_END_DECLS
