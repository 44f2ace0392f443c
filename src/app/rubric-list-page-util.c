/* rubric-list-page-util.c — the plumbing the pages over a paged list share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The review queue and the evaluations page are the same kind of page: a
 * filter bar over a column view of a RubricPagedList, sorted in SQL by its
 * headers, with an "Open" button for the selected row. What they do alike
 * is here; what they show stays with each.
 */

#include "config.h"

#include "rubric-list-page-util.h"

static void
selection_changed_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      GtkWidget          *open_button)
{
  /* Shown only then: the filter bar has no room to spare. */
  gtk_widget_set_visible (open_button,
                          gtk_single_selection_get_selected_item (selection) != NULL);
}

GtkSingleSelection *
rubric_list_page_new_selection (GtkColumnView *view,
                                GtkButton     *open_button)
{
  GtkSingleSelection *selection;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  g_return_val_if_fail (GTK_IS_BUTTON (open_button), NULL);

  selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), open_button, 0);

  return selection;
}

void
rubric_list_page_set_factory (GtkColumnViewColumn *column,
                              GCallback            setup,
                              GCallback            bind)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect (factory, "bind", bind, NULL);
  gtk_column_view_column_set_factory (column, factory);
}

void
rubric_list_page_watch_sort (GtkColumnView       *view,
                             GtkColumnViewColumn *column,
                             GCallback            changed,
                             gpointer             page)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));

  gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (view), "changed",
                           changed, page, G_CONNECT_SWAPPED);
}

void
rubric_list_page_watch_list (RubricPagedList *list,
                             GCallback        update,
                             gpointer         page)
{
  g_return_if_fail (RUBRIC_IS_PAGED_LIST (list));

  g_signal_connect_object (list, "notify::loading", update, page, G_CONNECT_SWAPPED);
  g_signal_connect_object (list, "items-changed", update, page, G_CONNECT_SWAPPED);
}

guint
rubric_list_page_show_state (RubricPagedList *list,
                             GtkSpinner      *spinner,
                             GtkStack        *stack)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  gboolean loading = rubric_paged_list_get_loading (list);

  gtk_spinner_set_spinning (spinner, loading);
  gtk_stack_set_visible_child_name (stack, n > 0 || loading ? "list" : "empty");

  return n;
}

void
rubric_list_page_dispose_template (AdwBin *page,
                                   GType   type)
{
  /* AdwBin keeps its child: let go of it before the template's children
   * are unparented, or it would unparent one a second time. */
  adw_bin_set_child (page, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (page), type);
}

typedef struct
{
  GtkColumnViewColumn *column;  /* borrowed: the view keeps it */
  int                  below;
} FoldingColumn;

#define FOLD_TICK_KEY "rubric-list-page-fold-tick"

/* Runs before the next frame's layout: showing or hiding a column while
 * the width is given out would leave cells without an allocation. */
static gboolean
fold_tick_cb (GtkWidget     *view,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  GArray *columns = user_data;
  double width = gtk_adjustment_get_page_size (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view)));

  g_object_set_data (G_OBJECT (view), FOLD_TICK_KEY, NULL);

  for (guint i = 0; width > 0 && i < columns->len; i++)
    {
      FoldingColumn *fold = &g_array_index (columns, FoldingColumn, i);
      gboolean visible = width >= fold->below;

      if (gtk_column_view_column_get_visible (fold->column) != visible)
        gtk_column_view_column_set_visible (fold->column, visible);
    }

  return G_SOURCE_REMOVE;
}

/* The width the list has is the scrolled window's page. */
static void
page_size_changed_cb (GtkAdjustment *adjustment,
                      GParamSpec    *pspec,
                      GtkWidget     *view)
{
  GArray *columns = g_object_get_data (G_OBJECT (view), "rubric-list-page-fold-columns");
  guint id;

  if (g_object_get_data (G_OBJECT (view), FOLD_TICK_KEY) != NULL)
    return;

  id = gtk_widget_add_tick_callback (view, fold_tick_cb, g_array_ref (columns),
                                     (GDestroyNotify) g_array_unref);
  g_object_set_data (G_OBJECT (view), FOLD_TICK_KEY, GUINT_TO_POINTER (id));
}

void
rubric_list_page_fold_columns (GtkColumnView       *view,
                               GtkColumnViewColumn *first_column,
                               ...)
{
  GtkWidget *scrolled = gtk_widget_get_parent (GTK_WIDGET (view));
  GArray *columns = g_array_new (FALSE, FALSE, sizeof (FoldingColumn));
  GtkColumnViewColumn *column = first_column;
  va_list args;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scrolled));

  va_start (args, first_column);
  while (column != NULL)
    {
      FoldingColumn fold = { column, va_arg (args, int) };

      g_array_append_val (columns, fold);
      column = va_arg (args, GtkColumnViewColumn *);
    }
  va_end (args);

  g_object_set_data_full (G_OBJECT (view), "rubric-list-page-fold-columns", columns,
                          (GDestroyNotify) g_array_unref);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                           "notify::page-size", G_CALLBACK (page_size_changed_cb), view, 0);
}
