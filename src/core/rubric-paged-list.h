/* rubric-paged-list.h — a GListModel of database rows, fetched in pages as they are shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rubric-db.h"

G_BEGIN_DECLS

/* How many rows one fetch brings in. */
#define RUBRIC_PAGED_LIST_PAGE_SIZE 200

/* A row of a paged list: its id and the texts it shows, as read-only
 * properties for the views' bindings. A subclass names its texts with
 * rubric_paged_row_class_install () in class_init and adds its own
 * properties after them. */
#define RUBRIC_TYPE_PAGED_ROW (rubric_paged_row_get_type ())

G_DECLARE_DERIVABLE_TYPE (RubricPagedRow, rubric_paged_row, RUBRIC, PAGED_ROW, GObject)

struct _RubricPagedRowClass
{
  GObjectClass parent_class;

  guint        n_texts;  /* set by rubric_paged_row_class_install () */
};

/* Installs on @klass the property "id" (property id 1) and a string
 * property for each of @names (NULL-terminated; ids 2, 3, …); returns the
 * first property id free for the subclass's own. The subclass's
 * get_property passes the ids below it to rubric_paged_row_get_property. */
guint       rubric_paged_row_class_install (GObjectClass   *klass,
                                            const char    **names);
void        rubric_paged_row_get_property  (GObject        *object,
                                            guint           prop_id,
                                            GValue         *value,
                                            GParamSpec     *pspec);
gint64      rubric_paged_row_get_id        (RubricPagedRow *self);
void        rubric_paged_row_set_id        (RubricPagedRow *self,
                                            gint64          id);
/* Text @index (into the names installed), or NULL. */
const char *rubric_paged_row_get_text      (RubricPagedRow *self,
                                            guint           index);
void        rubric_paged_row_take_text     (RubricPagedRow *self,
                                            guint           index,
                                            char           *text);

#define RUBRIC_TYPE_PAGED_LIST (rubric_paged_list_get_type ())

G_DECLARE_DERIVABLE_TYPE (RubricPagedList, rubric_paged_list, RUBRIC, PAGED_LIST, GObject)

/* The ordered, filtered query a list shows: SQL that selects one column of
 * row ids in display order, and its parameters (GVariant int64, double or
 * string, or a "mv" Nothing for NULL) bound as ?1, ?2, … */
typedef struct
{
  char      *sql;
  GPtrArray *params;
} RubricPagedQuery;

RubricPagedQuery *rubric_paged_query_new   (const char       *sql);
void              rubric_paged_query_add   (RubricPagedQuery *query,
                                            GVariant         *param);
void              rubric_paged_query_free  (RubricPagedQuery *query);
/* "%text%" for a LIKE … ESCAPE '\' that finds @text anywhere. */
char             *rubric_paged_like_pattern (const char      *text);
/* Adds rubric_paged_like_pattern (@text), or a string NULL when @text is
 * NULL. */
void              rubric_paged_query_add_like (RubricPagedQuery *query,
                                               const char       *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricPagedQuery, rubric_paged_query_free)

struct _RubricPagedListClass
{
  GObjectClass parent_class;

  /* The GType of the rows: set in class_init. */
  GType             item_type;
  /* The orders rubric_paged_list_set_sort () picks from: SQL expressions
   * (constants: never built from input) by key, and what breaks their
   * ties, ending with the row id; set in class_init. */
  const char * const *sort_keys;
  guint               n_sort_keys;
  const char * const *sort_ties;

  /* The SELECT of one row, by its id (?1): set in class_init. The list
   * makes one item_type object per id, in order (main thread, on the
   * app's connection), and has fill_row () set it from the statement
   * stepped onto the row; a row gone since the ids were read stays
   * blank until the next reload. */
  const char       *row_sql;

  /* The query of the current filters and sort (main thread). */
  RubricPagedQuery *(*build_query) (RubricPagedList  *self);
  void              (*fill_row)    (RubricPagedList  *self,
                                    RubricPagedRow   *row,
                                    RubricStmt     *stmt);
};

RubricDb   *rubric_paged_list_get_db      (RubricPagedList  *self);
gboolean    rubric_paged_list_get_loading (RubricPagedList  *self);
/* The row id at @position, or 0 past the end. */
gint64      rubric_paged_list_get_id      (RubricPagedList  *self,
                                           guint             position);
/* Runs the query again in a worker thread (on a connection of its own)
 * and replaces the rows when it is done, with one items-changed. A reload
 * started while another runs cancels that one. */
void        rubric_paged_list_reload      (RubricPagedList  *self);
/* The same, synchronously on the list's connection: for tests and small
 * changes. */
gboolean    rubric_paged_list_reload_sync (RubricPagedList  *self,
                                           GError          **error);
/* The order of the next reload: sort_keys[@key], then sort_ties, all
 * descending or all ascending. Default: key 0, descending. */
void        rubric_paged_list_set_sort    (RubricPagedList  *self,
                                           guint             key,
                                           gboolean          descending);
/* For subclasses' build_query: " ORDER BY …" of the order set. */
char       *rubric_paged_list_order_by    (RubricPagedList  *self);
/* Forgets the fetched pages (rows changed, the order did not) and tells
 * the views every row changed. */
void        rubric_paged_list_invalidate  (RubricPagedList  *self);

/* For subclasses' fill_row: @unix_utc as "YYYY-MM-DD HH:MM ZONE" in the
 * zone @tzid (UTC when NULL or unknown), or NULL when it is out of range.
 * The queries may order by the same wall-clock time with the SQL function
 * rubric_local_clock (unix_utc, tzid). */
char       *rubric_paged_list_format_local_time (RubricPagedList *self,
                                                 gint64           unix_utc,
                                                 const char      *tzid);

G_END_DECLS
