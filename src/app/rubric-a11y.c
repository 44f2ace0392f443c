/* rubric-a11y.c — accessible names GTK 4.8 does not give by itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Found by driving the app through AT-SPI (tests/a11y/walk.py):
 *
 * - A button with a mnemonic label is named "_Cancel Cancel": GTK 4.8
 *   joins the "label" property as given and the label inside the button.
 *   Without the property the label inside names it.
 * - The button inside a GtkDropDown, the one that takes the focus, has no
 *   name; the drop-down has. So has a GtkMenuButton's inner button, but
 *   not the menu button itself, nor its popover.
 * - The list inside a GtkColumnView, which takes the focus and holds the
 *   rows, has no name; the column view has. Nor has its header row.
 * - The close button of a libadwaita 1.2 toast has no name.
 * - A GtkShortcutsWindow has no title, its search entry, search button and
 *   sections button no name, and its decorative image no presentation role.
 * - Column view rows have no name (GtkListItem has no accessible
 *   properties before GTK 4.12): the factory names the row from a cell.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-a11y.h"

#define FIXED_KEY "rubric-a11y-fixed"

/* "_Save as New Version" → "Save as New Version", "a__b" → "a_b" */
static char *
strip_mnemonic (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (s, *p);
    }

  return g_string_free (s, FALSE);
}

void
rubric_a11y_fix_button (GtkButton *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  if (gtk_button_get_use_underline (button) && gtk_button_get_label (button) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
fix_menu_button (GtkMenuButton *button)
{
  const char *label = gtk_menu_button_get_label (button);
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  /* Icon-only menu buttons carry a label of their own from the .ui. */
  if (label != NULL)
    {
      g_autofree char *plain = gtk_menu_button_get_use_underline (button)
                               ? strip_mnemonic (label) : g_strdup (label);

      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, plain,
                                      -1);
    }

  /* The menu is named after its button. */
  if (popover != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (popover),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, button, NULL,
                                    -1);
}

/* A drop-down's button is named after the drop-down; what it shows (the
 * chosen item) becomes its description. */
static void
drop_down_selected_cb (GtkDropDown *dropdown,
                       GParamSpec  *pspec,
                       GtkWidget   *button)
{
  GObject *item = gtk_drop_down_get_selected_item (dropdown);

  if (GTK_IS_STRING_OBJECT (item))
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    gtk_string_object_get_string (GTK_STRING_OBJECT (item)),
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
fix_drop_down (GtkDropDown *dropdown)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dropdown));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_BUTTON (child) || g_object_get_data (G_OBJECT (child), FIXED_KEY))
        continue;

      g_object_set_data (G_OBJECT (child), FIXED_KEY, GINT_TO_POINTER (TRUE));
      gtk_accessible_update_relation (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, dropdown, NULL,
                                      -1);
      g_signal_connect_object (dropdown, "notify::selected-item",
                               G_CALLBACK (drop_down_selected_cb), child, 0);
      drop_down_selected_cb (dropdown, NULL, child);
    }
}

static void
fix_column_view (GtkColumnView *view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (child));

      if (GTK_IS_LIST_VIEW (child) || role == GTK_ACCESSIBLE_ROLE_LIST)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY, view, NULL,
                                        -1);
      else if (role == GTK_ACCESSIBLE_ROLE_ROW)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        /* TRANSLATORS: the accessible name of the row of
                                         * column titles of a list */
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Column headers"),
                                        -1);
    }
}

/* GtkCalendar's four arrow buttons (month back and on, year back and on,
 * in that order in its header) have no name. */
static void
fix_calendar (GtkWidget *widget,
              guint     *n)
{
  /* TRANSLATORS: the accessible names of a calendar's arrow buttons */
  const char *names[] = { N_("Previous Month"), N_("Next Month"),
                          N_("Previous Year"), N_("Next Year") };

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL && *n < G_N_ELEMENTS (names);
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(names[(*n)++]), -1);
    else
      fix_calendar (child, n);
}

void
rubric_a11y_fix_tree (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_MENU_BUTTON (root))
    fix_menu_button (GTK_MENU_BUTTON (root));
  else if (GTK_IS_BUTTON (root))
    rubric_a11y_fix_button (GTK_BUTTON (root));
  else if (GTK_IS_DROP_DOWN (root))
    fix_drop_down (GTK_DROP_DOWN (root));
  else if (GTK_IS_COLUMN_VIEW (root))
    fix_column_view (GTK_COLUMN_VIEW (root));
  else if (GTK_IS_CALENDAR (root))
    {
      guint n = 0;

      fix_calendar (root, &n);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rubric_a11y_fix_tree (child);
}

void
rubric_a11y_set_row_label (GtkWidget  *cell_child,
                           const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (cell_child));

  for (GtkWidget *w = gtk_widget_get_parent (cell_child);
       w != NULL && !GTK_IS_COLUMN_VIEW (w);
       w = gtk_widget_get_parent (w))
    if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (w)) == GTK_ACCESSIBLE_ROLE_ROW)
      {
        gtk_accessible_update_property (GTK_ACCESSIBLE (w),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                        -1);
        return;
      }
}

/* libadwaita 1.2 does not name the close button of a toast: an icon
 * button in the toast's widget, which the overlay holds beside its child. */
static void
name_toast_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL &&
          gtk_button_get_icon_name (GTK_BUTTON (child)) != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        /* TRANSLATORS: the accessible name of the close
                                         * button of a notification (a toast) */
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close Notification"),
                                        -1);
      name_toast_buttons (child);
    }
}

static void
name_overlay_toasts (AdwToastOverlay *overlay)
{
  GtkWidget *content = adw_toast_overlay_get_child (overlay);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != content)
      name_toast_buttons (child);
}

static gboolean
name_overlay_toasts_idle_cb (gpointer data)
{
  GWeakRef *ref = data;
  g_autoptr(AdwToastOverlay) overlay = g_weak_ref_get (ref);

  if (overlay != NULL)
    name_overlay_toasts (overlay);
  g_weak_ref_clear (ref);
  g_free (ref);

  return G_SOURCE_REMOVE;
}

/* A queued toast is shown when the one before it goes. */
static void
toast_dismissed_cb (AdwToast        *toast,
                    AdwToastOverlay *overlay)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, overlay);
  g_idle_add (name_overlay_toasts_idle_cb, ref);
}

void
rubric_a11y_add_toast (AdwToastOverlay *overlay,
                       AdwToast        *toast)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), overlay, 0);
  adw_toast_overlay_add_toast (overlay, toast);
  name_overlay_toasts (overlay);
}

static void
name_shortcuts_parts (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SEARCH_ENTRY (child) ||
          (GTK_IS_TOGGLE_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL &&
           GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (child)))))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search Shortcuts"),
                                        -1);
      else if (GTK_IS_IMAGE (child) && !GTK_IS_BUTTON (widget))
        /* The magnifier above "No Results Found": decoration. */
        gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                                     GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                                     -1);
      else if (GTK_IS_MENU_BUTTON (child) &&
               gtk_menu_button_get_label (GTK_MENU_BUTTON (child)) == NULL)
        {
          /* TRANSLATORS: the accessible name of the button that picks a section of the
           * keyboard shortcuts window */
          gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sections"),
                                          -1);
          for (GtkWidget *inner = gtk_widget_get_first_child (child);
               inner != NULL;
               inner = gtk_widget_get_next_sibling (inner))
            if (GTK_IS_BUTTON (inner))
              gtk_accessible_update_relation (GTK_ACCESSIBLE (inner),
                                              GTK_ACCESSIBLE_RELATION_LABELLED_BY, child, NULL,
                                              -1);
        }
      name_shortcuts_parts (child);
    }
}

void
rubric_a11y_fix_shortcuts_window (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (gtk_window_get_title (window) == NULL)
    gtk_window_set_title (window, _("Keyboard Shortcuts"));
  name_shortcuts_parts (GTK_WIDGET (window));
}
