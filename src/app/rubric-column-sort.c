/* rubric-column-sort.c — column header sorting for lists that sort in SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lists page from SQLite and sort there; the column view only has to
 * say which header the user clicked and in which direction. GTK 4.8 has no
 * API for that (gtk_column_view_sorter_get_primary_sort_column is 4.10),
 * so every sortable column gets a sorter that, instead of comparing, notes
 * its key on the first of two probe objects; comparing the probes with the
 * view's sorter then runs the primary column's sorter first, and the sign
 * of the answer is the direction. Real rows never reach these sorters: the
 * models are not sort models.
 */

#include "config.h"

#include "rubric-column-sort.h"

#define PROBE_KEY "rubric-column-sort-probe"

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  int *key = g_object_get_data (G_OBJECT (a), PROBE_KEY);

  if (key != NULL && *key < 0)
    *key = GPOINTER_TO_INT (user_data);

  return GTK_ORDERING_SMALLER;
}

void
rubric_column_sort_set_key (GtkColumnViewColumn *column,
                            int                  key)
{
  g_autoptr(GtkSorter) sorter = NULL;

  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));
  g_return_if_fail (key >= 0);

  sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, GINT_TO_POINTER (key), NULL));
  gtk_column_view_column_set_sorter (column, sorter);
}

void
rubric_column_sort_set_keys (GtkColumnViewColumn *first_column,
                             ...)
{
  GtkColumnViewColumn *column = first_column;
  va_list args;
  int key = 0;

  va_start (args, first_column);
  for (; column != NULL; column = va_arg (args, GtkColumnViewColumn *))
    rubric_column_sort_set_key (column, key++);
  va_end (args);
}

gboolean
rubric_column_sort_get (GtkColumnView *view,
                        int           *key,
                        gboolean      *descending)
{
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkSorter *sorter;
  GtkOrdering order;
  int probed = -1;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), FALSE);

  sorter = gtk_column_view_get_sorter (view);
  if (sorter == NULL)
    return FALSE;

  g_object_set_data (a, PROBE_KEY, &probed);
  order = gtk_sorter_compare (sorter, a, b);
  if (order == GTK_ORDERING_EQUAL || probed < 0)
    return FALSE;

  *key = probed;
  *descending = order == GTK_ORDERING_LARGER;
  return TRUE;
}
