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

#include "rubric-column-sort.h"
#include "rubric-list-page-util.h"
#include "rubric-vendor-choice.h"

static void
selection_changed_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      GtkWidget          *open_button)
{
  /* Shown only then: the filter bar has no room to spare. */
  gtk_widget_set_visible (open_button,
                          gtk_single_selection_get_selected_item (selection) != NULL);
}

/* The "Open" button: what Enter does on a row, for whoever selected the
 * row some other way (a screen reader's selection, say). */
static void
open_clicked_cb (RubricListPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    g_signal_emit_by_name (self->column_view, "activate", position);
}

/* The order the column headers ask for; no column: newest first. */
static void
read_sort (RubricListPage *self)
{
  int key = 0;
  gboolean descending = TRUE;

  rubric_column_sort_get (self->column_view, &key, &descending);
  rubric_paged_list_set_sort (self->list, key, descending);
}

static void
sorter_changed_cb (RubricListPage *self)
{
  /* Also called while the view is torn down. */
  if (self->list == NULL || self->column_view == NULL)
    return;

  read_sort (self);
  rubric_paged_list_reload (self->list);
}

static void
list_changed_cb (RubricListPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  gboolean loading = rubric_paged_list_get_loading (self->list);

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_stack_set_visible_child_name (self->stack, n > 0 || loading ? "list" : "empty");
  self->show_count (self->page, n);
}

void
rubric_list_page_bind_template (GtkWidgetClass *widget_class,
                                gssize          offset)
{
  static const struct { const char *name; gssize offset; } children[] = {
    { "vendor_dropdown", G_STRUCT_OFFSET (RubricListPage, vendor_dropdown) },
    { "search_entry", G_STRUCT_OFFSET (RubricListPage, search_entry) },
    { "spinner", G_STRUCT_OFFSET (RubricListPage, spinner) },
    { "count_label", G_STRUCT_OFFSET (RubricListPage, count_label) },
    { "open_button", G_STRUCT_OFFSET (RubricListPage, open_button) },
    { "stack", G_STRUCT_OFFSET (RubricListPage, stack) },
    { "column_view", G_STRUCT_OFFSET (RubricListPage, column_view) },
    { "time_column", G_STRUCT_OFFSET (RubricListPage, time_column) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    gtk_widget_class_bind_template_child_full (widget_class, children[i].name, FALSE,
                                               offset + children[i].offset);
}

static void
filter_changed_cb (RubricListPage *self)
{
  self->apply_filters (self->page);
}

void
rubric_list_page_init (RubricListPage *self,
                       GtkWidget      *page,
                       void          (*apply_filters) (GtkWidget *page),
                       void          (*show_count)    (GtkWidget *page,
                                                       guint      n))
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (self->column_view));
  g_return_if_fail (apply_filters != NULL && show_count != NULL);

  self->page = page;
  self->apply_filters = apply_filters;
  self->show_count = show_count;

  g_signal_connect_swapped (self->vendor_dropdown, "notify::selected",
                            G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (filter_changed_cb), self);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self->open_button, 0);
  g_signal_connect_swapped (self->open_button, "clicked", G_CALLBACK (open_clicked_cb), self);

  gtk_column_view_sort_by_column (self->column_view, self->time_column, GTK_SORT_DESCENDING);
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                            G_CALLBACK (sorter_changed_cb), self);
}

void
rubric_list_page_set_list (RubricListPage *self,
                           RubricDb       *db,
                           gpointer        list)
{
  g_return_if_fail (db != NULL);
  g_return_if_fail (RUBRIC_IS_PAGED_LIST (list));

  self->db = db;
  g_clear_object (&self->list);
  self->list = list;
  g_signal_connect_swapped (list, "notify::loading", G_CALLBACK (list_changed_cb), self);
  g_signal_connect_swapped (list, "items-changed", G_CALLBACK (list_changed_cb), self);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (list));

  rubric_list_page_reload (self);
}

void
rubric_list_page_reload (RubricListPage *self)
{
  if (self->db == NULL)
    return;

  self->filling = TRUE;
  rubric_vendor_choice_fill (self->vendor_dropdown, self->db);
  self->filling = FALSE;

  read_sort (self);
  self->apply_filters (self->page);
}

gboolean
rubric_list_page_get_loading (RubricListPage *self)
{
  return self->list != NULL && rubric_paged_list_get_loading (self->list);
}

void
rubric_list_page_dispose (RubricListPage *self,
                          GType           type)
{
  /* The list and the sorter outlive nothing of the page's: no handler
   * may run on it once it goes. */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  if (self->open_button != NULL)
    g_signal_handlers_disconnect_by_data (self->open_button, self);
  if (self->vendor_dropdown != NULL)
    g_signal_handlers_disconnect_by_data (self->vendor_dropdown, self);
  if (self->search_entry != NULL)
    g_signal_handlers_disconnect_by_data (self->search_entry, self);

  /* AdwBin keeps its child: let go of it before the template's children
   * are unparented, or it would unparent one a second time. */
  adw_bin_set_child (ADW_BIN (self->page), NULL);
  gtk_widget_dispose_template (self->page, type);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
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

/* Folding columns: a list shows whole the columns it has room for and
 * hides the others, least useful first, rather than cutting every text
 * short. What fits is measured, not guessed: the column view's natural
 * width (every header and every cell shown whole) against the width it
 * is given, so a longer language or longer names fold sooner. */

typedef struct
{
  GtkColumnViewColumn *column;     /* borrowed: the view keeps it */
  int                  needs;      /* the width it took when it was hidden */
  int                  hidden_at;  /* the natural width before, until measured after */
} FoldingColumn;

#define FOLD_COLUMNS_KEY "rubric-list-page-fold-columns"
#define FOLD_TICK_KEY "rubric-list-page-fold-tick"

static int
natural_width (GtkWidget *view)
{
  int natural = 0;

  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

/* Runs before a frame's layout: showing or hiding a column while the
 * width is given out would leave cells without an allocation. One column
 * a frame, as the view measures itself again only in the layout after a
 * change. */
static gboolean
fold_tick_cb (GtkWidget     *view,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  GArray *columns = user_data;
  int width = gtk_widget_get_width (view);
  int natural = natural_width (view);

  if (width <= 0)
    goto done;

  /* What the column hidden last frame took. */
  for (guint i = 0; i < columns->len; i++)
    {
      FoldingColumn *fold = &g_array_index (columns, FoldingColumn, i);

      if (fold->hidden_at > 0)
        {
          fold->needs = fold->hidden_at - natural;
          fold->hidden_at = 0;
        }
    }

  /* Too wide: the first visible column goes, in their order. */
  if (natural > width)
    {
      for (guint i = 0; i < columns->len; i++)
        {
          FoldingColumn *fold = &g_array_index (columns, FoldingColumn, i);

          if (gtk_column_view_column_get_visible (fold->column))
            {
              fold->hidden_at = natural;
              gtk_column_view_column_set_visible (fold->column, FALSE);
              return G_SOURCE_CONTINUE;
            }
        }
      goto done;
    }

  /* Room again: the last hidden comes back first, if it fits. */
  for (guint i = columns->len; i > 0; i--)
    {
      FoldingColumn *fold = &g_array_index (columns, FoldingColumn, i - 1);

      if (gtk_column_view_column_get_visible (fold->column))
        continue;
      if (natural + fold->needs <= width)
        {
          gtk_column_view_column_set_visible (fold->column, TRUE);
          return G_SOURCE_CONTINUE;
        }
      break;
    }

done:
  g_object_set_data (G_OBJECT (view), FOLD_TICK_KEY, NULL);
  return G_SOURCE_REMOVE;
}

/* Looks again before the next frame: the width or the rows changed. */
static void
refold (GtkWidget *view)
{
  GArray *columns = g_object_get_data (G_OBJECT (view), FOLD_COLUMNS_KEY);
  guint id;

  if (columns == NULL || g_object_get_data (G_OBJECT (view), FOLD_TICK_KEY) != NULL)
    return;

  id = gtk_widget_add_tick_callback (view, fold_tick_cb, g_array_ref (columns),
                                     (GDestroyNotify) g_array_unref);
  g_object_set_data (G_OBJECT (view), FOLD_TICK_KEY, GUINT_TO_POINTER (id));
}

static void
page_size_changed_cb (GtkAdjustment *adjustment,
                      GParamSpec    *pspec,
                      GtkWidget     *view)
{
  refold (view);
}

static void
rows_changed_cb (GtkWidget *view)
{
  refold (view);
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
  g_return_if_fail (gtk_column_view_get_model (view) != NULL);

  va_start (args, first_column);
  while (column != NULL)
    {
      FoldingColumn fold = { column, 0, 0 };

      g_array_append_val (columns, fold);
      column = va_arg (args, GtkColumnViewColumn *);
    }
  va_end (args);

  g_object_set_data_full (G_OBJECT (view), FOLD_COLUMNS_KEY, columns,
                          (GDestroyNotify) g_array_unref);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                           "notify::page-size", G_CALLBACK (page_size_changed_cb), view, 0);
  g_signal_connect_object (gtk_column_view_get_model (view), "items-changed",
                           G_CALLBACK (rows_changed_cb), view, G_CONNECT_SWAPPED);
}
