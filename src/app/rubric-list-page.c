/* rubric-list-page.c — the base class of the pages over a paged list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The review queue and the evaluations page are the same kind of page: a
 * filter bar over a column view of a RubricPagedList, sorted in SQL by its
 * headers, with an "Open" button for the selected row. What they do alike
 * is this class; what they show (their columns, their filters) stays with
 * each subclass.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-a11y.h"
#include "rubric-column-sort.h"
#include "rubric-list-page.h"
#include "rubric-vendor-choice.h"

/* The parts are the private data: the subclasses reach them with
 * rubric_list_page_get_parts (). */
typedef RubricListPageParts RubricListPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (RubricListPage, rubric_list_page, ADW_TYPE_BIN)

enum {
  OPEN_EVALUATION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
apply_filters (RubricListPage *self)
{
  RUBRIC_LIST_PAGE_GET_CLASS (self)->apply_filters (self);
}

/* The Clear Filters button. */
static void
clear_filters_cb (RubricListPage *self)
{
  RubricListPageParts *parts = rubric_list_page_get_instance_private (self);

  parts->filling = TRUE;
  gtk_drop_down_set_selected (parts->vendor_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (parts->search_entry), "");
  RUBRIC_LIST_PAGE_GET_CLASS (self)->clear_filters (self);
  parts->filling = FALSE;
  apply_filters (self);
}

static void
column_view_activate_cb (RubricListPage *self,
                         guint           position)
{
  RUBRIC_LIST_PAGE_GET_CLASS (self)->activate (self, position);
}

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
  RubricListPageParts *parts = rubric_list_page_get_instance_private (self);
  guint position = gtk_single_selection_get_selected (parts->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    g_signal_emit_by_name (parts->column_view, "activate", position);
}

/* The order the column headers ask for; no column: newest first. */
static void
read_sort (RubricListPageParts *parts)
{
  int key = 0;
  gboolean descending = TRUE;

  rubric_column_sort_get (parts->column_view, &key, &descending);
  rubric_paged_list_set_sort (parts->list, key, descending);
}

static void
sorter_changed_cb (RubricListPage *self)
{
  RubricListPageParts *parts = rubric_list_page_get_instance_private (self);

  /* Also called while the view is torn down. */
  if (parts->list == NULL || parts->column_view == NULL)
    return;

  read_sort (parts);
  rubric_paged_list_reload (parts->list);
}

static void
list_changed_cb (RubricListPage *self)
{
  RubricListPageParts *parts = rubric_list_page_get_instance_private (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (parts->list));
  gboolean loading = rubric_paged_list_get_loading (parts->list);

  gtk_spinner_set_spinning (parts->spinner, loading);
  gtk_stack_set_visible_child_name (parts->stack, n > 0 || loading ? "list" : "empty");
  RUBRIC_LIST_PAGE_GET_CLASS (self)->show_count (self, n);
}

RubricListPageParts *
rubric_list_page_get_parts (RubricListPage *self)
{
  g_return_val_if_fail (RUBRIC_IS_LIST_PAGE (self), NULL);

  return rubric_list_page_get_instance_private (self);
}

void
rubric_list_page_bind_template (GtkWidgetClass *widget_class)
{
  static const struct { const char *name; gssize offset; } children[] = {
    { "vendor_dropdown", G_STRUCT_OFFSET (RubricListPageParts, vendor_dropdown) },
    { "search_entry", G_STRUCT_OFFSET (RubricListPageParts, search_entry) },
    { "spinner", G_STRUCT_OFFSET (RubricListPageParts, spinner) },
    { "count_label", G_STRUCT_OFFSET (RubricListPageParts, count_label) },
    { "open_button", G_STRUCT_OFFSET (RubricListPageParts, open_button) },
    { "stack", G_STRUCT_OFFSET (RubricListPageParts, stack) },
    { "column_view", G_STRUCT_OFFSET (RubricListPageParts, column_view) },
    { "time_column", G_STRUCT_OFFSET (RubricListPageParts, time_column) },
  };

  g_return_if_fail (g_type_is_a (G_TYPE_FROM_CLASS (widget_class), RUBRIC_TYPE_LIST_PAGE));

  /* The parts are this class's private data, at the same (negative)
   * offset from every subclass's instance. */
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    gtk_widget_class_bind_template_child_full (widget_class, children[i].name, FALSE,
                                               RubricListPage_private_offset + children[i].offset);
  gtk_widget_class_bind_template_callback_full (widget_class, "filter_changed_cb",
                                                G_CALLBACK (apply_filters));
  gtk_widget_class_bind_template_callback (widget_class, clear_filters_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);
}

void
rubric_list_page_init_template (RubricListPage *self)
{
  RubricListPageParts *parts = rubric_list_page_get_instance_private (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_return_if_fail (GTK_IS_COLUMN_VIEW (parts->column_view));

  g_signal_connect_swapped (parts->vendor_dropdown, "notify::selected",
                            G_CALLBACK (apply_filters), self);
  g_signal_connect_swapped (parts->search_entry, "search-changed",
                            G_CALLBACK (apply_filters), self);

  parts->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (parts->selection, FALSE);
  gtk_column_view_set_model (parts->column_view, GTK_SELECTION_MODEL (parts->selection));
  g_signal_connect_object (parts->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), parts->open_button, 0);
  g_signal_connect_swapped (parts->open_button, "clicked", G_CALLBACK (open_clicked_cb), self);

  gtk_column_view_sort_by_column (parts->column_view, parts->time_column, GTK_SORT_DESCENDING);
  g_signal_connect_swapped (gtk_column_view_get_sorter (parts->column_view), "changed",
                            G_CALLBACK (sorter_changed_cb), self);
}

void
rubric_list_page_set_db (RubricListPage *self,
                         RubricDb       *db)
{
  RubricListPageParts *parts;

  g_return_if_fail (RUBRIC_IS_LIST_PAGE (self));
  g_return_if_fail (db != NULL);

  parts = rubric_list_page_get_instance_private (self);
  parts->db = db;
  g_clear_object (&parts->list);
  parts->list = RUBRIC_LIST_PAGE_GET_CLASS (self)->new_list (db);
  g_signal_connect_swapped (parts->list, "notify::loading", G_CALLBACK (list_changed_cb), self);
  g_signal_connect_swapped (parts->list, "items-changed", G_CALLBACK (list_changed_cb), self);
  gtk_single_selection_set_model (parts->selection, G_LIST_MODEL (parts->list));

  rubric_list_page_reload (self);
}

void
rubric_list_page_reload (RubricListPage *self)
{
  RubricListPageParts *parts;

  g_return_if_fail (RUBRIC_IS_LIST_PAGE (self));

  parts = rubric_list_page_get_instance_private (self);
  if (parts->db == NULL)
    return;

  parts->filling = TRUE;
  rubric_vendor_choice_fill (parts->vendor_dropdown, parts->db);
  parts->filling = FALSE;

  read_sort (parts);
  apply_filters (self);
}

void
rubric_list_page_focus_search (RubricListPage *self)
{
  RubricListPageParts *parts;

  g_return_if_fail (RUBRIC_IS_LIST_PAGE (self));

  parts = rubric_list_page_get_instance_private (self);
  gtk_widget_grab_focus (GTK_WIDGET (parts->search_entry));
}

gboolean
rubric_list_page_get_loading (RubricListPage *self)
{
  RubricListPageParts *parts;

  g_return_val_if_fail (RUBRIC_IS_LIST_PAGE (self), FALSE);

  parts = rubric_list_page_get_instance_private (self);
  return parts->list != NULL && rubric_paged_list_get_loading (parts->list);
}

RubricPagedList *
rubric_list_page_get_list (RubricListPage *self)
{
  RubricListPageParts *parts;

  g_return_val_if_fail (RUBRIC_IS_LIST_PAGE (self), NULL);

  parts = rubric_list_page_get_instance_private (self);
  return parts->list;
}

static void
rubric_list_page_dispose (GObject *object)
{
  RubricListPage *self = RUBRIC_LIST_PAGE (object);
  RubricListPageParts *parts = rubric_list_page_get_instance_private (self);

  /* The list and the sorter outlive nothing of the page's: no handler
   * may run on it once it goes. */
  if (parts->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (parts->column_view), self);
  if (parts->list != NULL)
    g_signal_handlers_disconnect_by_data (parts->list, self);
  if (parts->open_button != NULL)
    g_signal_handlers_disconnect_by_data (parts->open_button, self);
  if (parts->vendor_dropdown != NULL)
    g_signal_handlers_disconnect_by_data (parts->vendor_dropdown, self);
  if (parts->search_entry != NULL)
    g_signal_handlers_disconnect_by_data (parts->search_entry, self);

  /* AdwBin keeps its child: let go of it before the template's children
   * are unparented, or it would unparent one a second time. The template
   * is the subclass's. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  g_clear_object (&parts->selection);
  g_clear_object (&parts->list);

  G_OBJECT_CLASS (rubric_list_page_parent_class)->dispose (object);
}

static void
rubric_list_page_class_init (RubricListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rubric_list_page_dispose;

  /* Emitted with the evaluation to open (NULL: a new one) and the call
   * row it is for (0: none). */
  signals[OPEN_EVALUATION] =
    g_signal_new ("open-evaluation", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
}

static void
rubric_list_page_init (RubricListPage *self)
{
}

void
rubric_list_page_open_evaluation (RubricListPage *self,
                                  const char     *uuid,
                                  gint64          call_row)
{
  g_return_if_fail (RUBRIC_IS_LIST_PAGE (self));

  g_signal_emit (self, signals[OPEN_EVALUATION], 0, uuid, call_row);
}

void
rubric_list_page_name_row (GtkWidget          *cell_child,
                           const char * const *parts,
                           guint               n_parts)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autofree char *name = NULL;

  for (guint i = 0; i < n_parts; i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      g_ptr_array_add (shown, (gpointer) parts[i]);
  g_ptr_array_add (shown, NULL);

  /* TRANSLATORS: between the parts of the accessible name of a list row, "16:34, Priya Shah, …" */
  name = g_strjoinv (_(", "), (char **) shown->pdata);
  rubric_a11y_set_row_label (cell_child, name);
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
rubric_list_page_fold_columns (RubricListPage      *self,
                               GtkColumnViewColumn *first_column,
                               ...)
{
  RubricListPageParts *parts = rubric_list_page_get_instance_private (self);
  GtkColumnView *view = parts->column_view;
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
