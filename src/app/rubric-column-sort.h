/* rubric-column-sort.h — column header sorting for lists that sort in SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Makes @column sortable by its header, standing for @key (>= 0) of the
 * list's own sort keys. */
void     rubric_column_sort_set_key (GtkColumnViewColumn *column,
                                     int                  key);
/* The key and direction the headers of @view ask for; FALSE when no
 * column is sorted. */
gboolean rubric_column_sort_get     (GtkColumnView       *view,
                                     int                 *key,
                                     gboolean            *descending);

G_END_DECLS
