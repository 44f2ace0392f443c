/* rubric-list-page.h — the base class of the pages over a paged list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rubric-paged-list.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_LIST_PAGE (rubric_list_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (RubricListPage, rubric_list_page, RUBRIC, LIST_PAGE, AdwBin)

struct _RubricListPageClass
{
  AdwBinClass parent_class;

  /* The page's own: makes its list of @db (a new reference); gives the
   * list its filters and reloads it; sets its own filters (beside the
   * vendor and the search) back to none, without applying them; shows
   * how many rows there are. */
  RubricPagedList *(*new_list)      (RubricDb       *db);
  void             (*apply_filters) (RubricListPage *self);
  void             (*clear_filters) (RubricListPage *self);
  /* Opens the row at @position (Enter, a double click or Open). */
  void             (*activate)      (RubricListPage *self,
                                     guint           position);
  void             (*show_count)    (RubricListPage *self,
                                     guint           n);
};

/* What the pages share, for the subclasses to read (and `filling` to
 * set): the template children that rubric_list_page_bind_template ()
 * binds, the list and the database. */
typedef struct
{
  /* Template widgets */
  GtkDropDown         *vendor_dropdown;
  GtkSearchEntry      *search_entry;
  GtkSpinner          *spinner;
  GtkLabel            *count_label;
  GtkButton           *open_button;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *time_column;

  /* Owned references */
  RubricPagedList     *list;
  GtkSingleSelection  *selection;

  /* Borrowed references */
  RubricDb            *db;

  gboolean             filling;  /* setting the filters, not the user */
} RubricListPageParts;

/* Shows the list of @db (borrowed: it outlives the page), and fills it. */
void                 rubric_list_page_set_db          (RubricListPage          *self,
                                                       RubricDb                *db);
/* Fills the vendors again and reloads the list with the filters and order
 * shown. */
void                 rubric_list_page_reload          (RubricListPage          *self);
void                 rubric_list_page_focus_search    (RubricListPage          *self);
gboolean             rubric_list_page_get_loading     (RubricListPage          *self);
/* The list shown, or NULL before a database. */
RubricPagedList     *rubric_list_page_get_list        (RubricListPage          *self);

/* For the subclasses. */
RubricListPageParts *rubric_list_page_get_parts       (RubricListPage          *self);
/* In class_init, after the template: binds vendor_dropdown, search_entry,
 * spinner, count_label, open_button, stack, column_view and time_column,
 * and the template callbacks filter_changed_cb (applies the filters),
 * clear_filters_cb (every filter back to none) and column_view_activate_cb
 * (the activate vfunc). */
void                 rubric_list_page_bind_template   (GtkWidgetClass          *widget_class);
/* In init, instead of gtk_widget_init_template (): the template, then the
 * selection (the Open button activates the selected row), the sorting by
 * the headers (time, newest first), the vendor and the search applying
 * the filters. */
void                 rubric_list_page_init_template   (RubricListPage          *self);

/* For the subclasses: asks to open the evaluation @uuid (NULL: a new one)
 * for the call row @call_row (0: none), by the "open-evaluation" signal. */
void                 rubric_list_page_open_evaluation (RubricListPage          *self,
                                                       const char              *uuid,
                                                       gint64                   call_row);
/* Names the column view row that holds @cell_child by the parts of @parts
 * that are neither NULL nor empty, in their order ("16:34, Priya Shah,
 * …"), for screen readers. */
void                 rubric_list_page_name_row        (GtkWidget               *cell_child,
                                                       const char * const      *parts,
                                                       guint                    n_parts);

/* Gives @column a signal factory with @setup and @bind. */
void                 rubric_list_page_set_factory     (GtkColumnViewColumn     *column,
                                                       GCallback                setup,
                                                       GCallback                bind);
/* Hides the columns given (NULL-terminated, the first to go first) while
 * the list has no room to show its columns whole, and shows them again
 * when it has; so a phone shows the columns that matter whole rather than
 * every column cut. After rubric_list_page_init_template (). */
void                 rubric_list_page_fold_columns    (RubricListPage          *self,
                                                       GtkColumnViewColumn     *first_column,
                                                       ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
