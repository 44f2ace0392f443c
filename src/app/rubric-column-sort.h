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
/* rubric_column_sort_set_key () for each column given, the first standing
 * for key 0, the next for key 1 and so on; NULL-terminated. */
void     rubric_column_sort_set_keys (GtkColumnViewColumn *first_column,
                                      ...) G_GNUC_NULL_TERMINATED;
/* The key and direction the headers of @view ask for; FALSE when no
 * column is sorted. */
gboolean rubric_column_sort_get     (GtkColumnView       *view,
                                     int                 *key,
                                     gboolean            *descending);

G_END_DECLS
