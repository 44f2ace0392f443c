/* rubric-list-page-util.h — the plumbing the pages over a paged list share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rubric-paged-list.h"

G_BEGIN_DECLS

/* A single selection (no autoselect) over nothing yet, set as @view's
 * model; @open_button shows only while a row is selected. */
GtkSingleSelection *rubric_list_page_new_selection   (GtkColumnView           *view,
                                                      GtkButton               *open_button);
/* Gives @column a signal factory with @setup and @bind. */
void                rubric_list_page_set_factory     (GtkColumnViewColumn     *column,
                                                      GCallback                setup,
                                                      GCallback                bind);
/* Sorts @view by @column, newest first, and calls @changed (swapped, on
 * @page) whenever the headers ask for another order. */
void                rubric_list_page_watch_sort      (GtkColumnView           *view,
                                                      GtkColumnViewColumn     *column,
                                                      GCallback                changed,
                                                      gpointer                 page);
/* Calls @update (swapped, on @page) when @list loads or its rows change. */
void                rubric_list_page_watch_list      (RubricPagedList         *list,
                                                      GCallback                update,
                                                      gpointer                 page);
/* Spins @spinner while @list loads and shows @stack's "list" or "empty"
 * page; returns how many rows @list has. */
guint               rubric_list_page_show_state      (RubricPagedList         *list,
                                                      GtkSpinner              *spinner,
                                                      GtkStack                *stack);
/* Hides the columns given (NULL-terminated, the first to go first) while
 * the list has no room to show its columns whole, and shows them again
 * when it has; so a phone shows the columns that matter whole rather than
 * every column cut. @view must be the child of a GtkScrolledWindow and
 * have its model. */
void                rubric_list_page_fold_columns    (GtkColumnView           *view,
                                                      GtkColumnViewColumn     *first_column,
                                                      ...) G_GNUC_NULL_TERMINATED;
/* The first step of a page's dispose: lets go of the template. */
void                rubric_list_page_dispose_template (AdwBin                 *page,
                                                       GType                   type);

G_END_DECLS
