/* rubric-vendor-choice.c — a drop-down of the vendors, "All Vendors" first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-call-list.h"
#include "rubric-vendor-choice.h"

#define IDS_KEY "rubric-vendor-ids"

void
rubric_vendor_choice_fill (GtkDropDown *dropdown,
                           RubricDb    *db)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) vendors = NULL;
  g_autoptr(GError) error = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 chosen = rubric_vendor_choice_get_id (dropdown);
  gint64 all = 0;
  guint selected = 0;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  gtk_string_list_append (names, _("All Vendors"));
  g_array_append_val (ids, all);

  vendors = rubric_vendor_entries (db, &error);
  if (vendors == NULL)
    g_warning ("Listing the vendors: %s", error->message);

  for (guint i = 0; vendors != NULL && i < vendors->len; i++)
    {
      RubricVendorEntry *vendor = g_ptr_array_index (vendors, i);

      if (vendor->id == chosen)
        selected = ids->len;
      gtk_string_list_append (names, vendor->name);
      g_array_append_val (ids, vendor->id);
    }

  /* The ids first: setting the model notifies "selected". */
  g_object_set_data_full (G_OBJECT (dropdown), IDS_KEY, ids, (GDestroyNotify) g_array_unref);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (dropdown, selected);
}

gint64
rubric_vendor_choice_get_id (GtkDropDown *dropdown)
{
  GArray *ids = g_object_get_data (G_OBJECT (dropdown), IDS_KEY);
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (ids == NULL || selected >= ids->len)
    return 0;

  return g_array_index (ids, gint64, selected);
}

const char *
rubric_vendor_choice_get_name (GtkDropDown *dropdown)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (model == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return gtk_string_list_get_string (GTK_STRING_LIST (model), selected);
}
