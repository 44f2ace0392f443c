/* rubric-list-page-util.h — the plumbing the pages over a paged list share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rubric-paged-list.h"

G_BEGIN_DECLS

/* What a page over a paged list holds and does like the other: each page
 * keeps one in its instance struct and binds its template children with
 * rubric_list_page_bind_template (). */
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
  GtkWidget           *page;

  gboolean             filling;  /* setting the filters, not the user */

  /* The page's own: gives the list its filters and reloads it; shows how
   * many rows there are. */
  void               (*apply_filters) (GtkWidget *page);
  void               (*show_count)    (GtkWidget *page,
                                       guint      n);
} RubricListPage;

/* Binds the template children of a RubricListPage at @offset in the
 * instance of @widget_class: vendor_dropdown, search_entry, spinner,
 * count_label, open_button, stack, column_view and time_column. */
void                rubric_list_page_bind_template   (GtkWidgetClass          *widget_class,
                                                      gssize                   offset);
/* After the template: the selection (the Open button activates the
 * selected row), the sorting by the headers (time, newest first), the
 * vendor and the search calling @apply_filters; @show_count is told the
 * number of rows whenever it changes. */
void                rubric_list_page_init            (RubricListPage          *self,
                                                      GtkWidget               *page,
                                                      void                   (*apply_filters) (GtkWidget *page),
                                                      void                   (*show_count)    (GtkWidget *page,
                                                                                                guint      n));
/* Shows @list (taken) of @db, and fills it. */
void                rubric_list_page_set_list        (RubricListPage          *self,
                                                      RubricDb                *db,
                                                      gpointer                 list);
/* Fills the vendors again and reloads the list with the filters and order
 * shown. */
void                rubric_list_page_reload          (RubricListPage          *self);
gboolean            rubric_list_page_get_loading     (RubricListPage          *self);
/* The first step of a page's dispose: lets go of the template, the list
 * and the selection. */
void                rubric_list_page_dispose         (RubricListPage          *self,
                                                      GType                    type);

/* Gives @column a signal factory with @setup and @bind. */
void                rubric_list_page_set_factory     (GtkColumnViewColumn     *column,
                                                      GCallback                setup,
                                                      GCallback                bind);
/* Hides the columns given (NULL-terminated, the first to go first) while
 * the list has no room to show its columns whole, and shows them again
 * when it has; so a phone shows the columns that matter whole rather than
 * every column cut. @view must be the child of a GtkScrolledWindow and
 * have its model. */
void                rubric_list_page_fold_columns    (GtkColumnView           *view,
                                                      GtkColumnViewColumn     *first_column,
                                                      ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
