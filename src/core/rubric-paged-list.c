/* rubric-paged-list.c — a GListModel of database rows, fetched in pages as they are shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list over a million calls must open at once and scroll without a
 * stall, in any order the user picks. SQLite cannot page an order that no
 * index gives (LIMIT/OFFSET sorts the whole table again for every page:
 * 0.4–0.8 s per page over a million calls), so the list runs its query
 * once, in a worker thread on a connection of its own, and keeps only the
 * ordered row ids (8 bytes a row). The rows themselves are fetched by id,
 * a page of RUBRIC_PAGED_LIST_PAGE_SIZE at a time, when a view asks for
 * one of them, and the last MAX_PAGES pages are kept (least recently used
 * out first). n_items is the length of the id array: instant.
 */

#include "config.h"

#include "rubric-error.h"
#include "rubric-paged-list.h"
#include "rubric-private.h"
#include "rubric-time.h"

#define MAX_PAGES 12

/* ------------------------------------------------------------------ row */

typedef struct
{
  gint64   id;
  char   **texts;  /* n_texts of the class, made at the first text */
} RubricPagedRowPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (RubricPagedRow, rubric_paged_row, G_TYPE_OBJECT)

static void
rubric_paged_row_finalize (GObject *object)
{
  RubricPagedRow *self = RUBRIC_PAGED_ROW (object);
  RubricPagedRowPrivate *priv = rubric_paged_row_get_instance_private (self);

  if (priv->texts != NULL)
    for (guint i = 0; i < RUBRIC_PAGED_ROW_GET_CLASS (self)->n_texts; i++)
      g_free (priv->texts[i]);
  g_free (priv->texts);

  G_OBJECT_CLASS (rubric_paged_row_parent_class)->finalize (object);
}

static void
rubric_paged_row_class_init (RubricPagedRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rubric_paged_row_finalize;
}

static void
rubric_paged_row_init (RubricPagedRow *self)
{
}

guint
rubric_paged_row_class_install (GObjectClass  *klass,
                                const char   **names)
{
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  guint n = 0;

  g_return_val_if_fail (g_type_is_a (G_TYPE_FROM_CLASS (klass), RUBRIC_TYPE_PAGED_ROW), 0);

  g_object_class_install_property (klass, 1,
                                   g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags));
  for (; names[n] != NULL; n++)
    g_object_class_install_property (klass, n + 2,
                                     g_param_spec_string (names[n], NULL, NULL, NULL, flags));
  RUBRIC_PAGED_ROW_CLASS (klass)->n_texts = n;

  return n + 2;
}

void
rubric_paged_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RubricPagedRow *self = RUBRIC_PAGED_ROW (object);

  if (prop_id == 1)
    g_value_set_int64 (value, rubric_paged_row_get_id (self));
  else if (prop_id >= 2 && prop_id < RUBRIC_PAGED_ROW_GET_CLASS (self)->n_texts + 2)
    g_value_set_string (value, rubric_paged_row_get_text (self, prop_id - 2));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

gint64
rubric_paged_row_get_id (RubricPagedRow *self)
{
  RubricPagedRowPrivate *priv = rubric_paged_row_get_instance_private (self);

  g_return_val_if_fail (RUBRIC_IS_PAGED_ROW (self), 0);

  return priv->id;
}

void
rubric_paged_row_set_id (RubricPagedRow *self,
                         gint64          id)
{
  RubricPagedRowPrivate *priv = rubric_paged_row_get_instance_private (self);

  g_return_if_fail (RUBRIC_IS_PAGED_ROW (self));

  priv->id = id;
}

const char *
rubric_paged_row_get_text (RubricPagedRow *self,
                           guint           index)
{
  RubricPagedRowPrivate *priv = rubric_paged_row_get_instance_private (self);

  g_return_val_if_fail (RUBRIC_IS_PAGED_ROW (self), NULL);
  g_return_val_if_fail (index < RUBRIC_PAGED_ROW_GET_CLASS (self)->n_texts, NULL);

  return priv->texts != NULL ? priv->texts[index] : NULL;
}

void
rubric_paged_row_take_text (RubricPagedRow *self,
                            guint           index,
                            char           *text)
{
  RubricPagedRowPrivate *priv = rubric_paged_row_get_instance_private (self);
  guint n_texts = RUBRIC_PAGED_ROW_GET_CLASS (self)->n_texts;

  g_return_if_fail (RUBRIC_IS_PAGED_ROW (self));
  g_return_if_fail (index < n_texts);

  if (priv->texts == NULL)
    priv->texts = g_new0 (char *, n_texts);
  g_free (priv->texts[index]);
  priv->texts[index] = text;
}

/* ----------------------------------------------------------------- list */

typedef struct
{
  RubricDb     *db;           /* borrowed: the app's connection */
  GArray       *ids;          /* gint64, display order */
  GHashTable   *pages;        /* page number → GPtrArray of rows */
  GQueue        recent;       /* page numbers, most recently used first */
  GCancellable *cancellable;  /* of the reload running, or NULL */
  GHashTable   *zones;        /* tzid → GTimeZone, for the rows' times */
  guint         sort_key;     /* into the class's sort_keys */
  guint         loading : 1;
  guint         ascending : 1;
} RubricPagedListPrivate;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (RubricPagedList, rubric_paged_list, G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (RubricPagedList)
                                  G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_DB,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

RubricPagedQuery *
rubric_paged_query_new (const char *sql)
{
  RubricPagedQuery *query = g_new0 (RubricPagedQuery, 1);

  query->sql = g_strdup (sql);
  query->params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  return query;
}

void
rubric_paged_query_add (RubricPagedQuery *query,
                        GVariant         *param)
{
  g_ptr_array_add (query->params, g_variant_ref_sink (param));
}

void
rubric_paged_query_free (RubricPagedQuery *query)
{
  if (query == NULL)
    return;

  g_free (query->sql);
  g_ptr_array_unref (query->params);
  g_free (query);
}

char *
rubric_paged_like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

void
rubric_paged_query_add_like (RubricPagedQuery *query,
                             const char       *text)
{
  if (text != NULL)
    {
      g_autofree char *pattern = rubric_paged_like_pattern (text);
      rubric_paged_query_add (query, g_variant_new_string (pattern));
    }
  else
    rubric_paged_query_add (query, g_variant_new_maybe (G_VARIANT_TYPE_STRING, NULL));
}

/* Runs @query on @db into @ids. Thread-safe as long as @db is used by one
 * thread at a time. */
static gboolean
run_query (RubricDb          *db,
           RubricPagedQuery  *query,
           GArray            *ids,
           GCancellable      *cancellable,
           GError           **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  int rc;

  stmt = rubric_db_prepare (db, query->sql, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < query->params->len; i++)
    {
      GVariant *param = g_ptr_array_index (query->params, i);
      int index = (int) i + 1;

      if (g_variant_is_of_type (param, G_VARIANT_TYPE_INT64))
        rubric_stmt_bind_int64 (stmt, index, g_variant_get_int64 (param));
      else if (g_variant_is_of_type (param, G_VARIANT_TYPE_DOUBLE))
        rubric_stmt_bind_double (stmt, index, g_variant_get_double (param));
      else if (g_variant_is_of_type (param, G_VARIANT_TYPE_STRING))
        rubric_stmt_bind_text (stmt, index, g_variant_get_string (param, NULL));
      else
        rubric_stmt_bind_null (stmt, index);
    }

  if (cancellable != NULL)
    rubric_db_watch_cancellable (db, cancellable);

  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    {
      gint64 id = rubric_stmt_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (cancellable != NULL)
    rubric_db_watch_cancellable (db, NULL);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      return FALSE;
    }
  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);

  return TRUE;
}

typedef struct
{
  char             *db_path;
  RubricPagedQuery *query;
  GArray           *ids;
} ReloadData;

static void
reload_data_free (gpointer data)
{
  ReloadData *self = data;

  g_free (self->db_path);
  rubric_paged_query_free (self->query);
  g_clear_pointer (&self->ids, g_array_unref);
  g_free (self);
}

static void
reload_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReloadData *data = task_data;
  g_autoptr(RubricDb) db = NULL;
  GError *error = NULL;

  db = rubric_db_open_existing (data->db_path, &error);
  /* A sort of a million rows goes faster with a helper thread (SQLite's
   * sorter sorts and merges runs in parallel): on 2 cores, about a fifth
   * less time for a few MB more while it runs. */
  if (db != NULL && !rubric_db_is_postgres (db))
    rubric_db_exec (db, "PRAGMA threads = 2", NULL);
  if (db == NULL || !run_query (db, data->query, data->ids, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
clear_pages (RubricPagedList *self)
{
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);

  g_hash_table_remove_all (priv->pages);
  g_queue_clear (&priv->recent);
}

static void
set_loading (RubricPagedList *self,
             gboolean         loading)
{
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);

  if (priv->loading == !!loading)
    return;

  priv->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Takes @ids as the new rows, with one items-changed for the views. */
static void
replace_ids (RubricPagedList *self,
             GArray          *ids)
{
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);
  guint removed = priv->ids->len;

  g_array_unref (priv->ids);
  priv->ids = g_array_ref (ids);
  clear_pages (self);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, ids->len);
  if (removed != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
reload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  RubricPagedList *self = RUBRIC_PAGED_LIST (object);
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);
  ReloadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* A newer reload took over: it reports. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_clear_object (&priv->cancellable);
      set_loading (self, FALSE);
      g_signal_emit (self, signals[LOADED], 0, error);
      return;
    }

  g_clear_object (&priv->cancellable);
  replace_ids (self, data->ids);
  set_loading (self, FALSE);
  g_signal_emit (self, signals[LOADED], 0, NULL);
}

void
rubric_paged_list_reload (RubricPagedList *self)
{
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);
  g_autoptr(GTask) task = NULL;
  ReloadData *data;

  g_return_if_fail (RUBRIC_IS_PAGED_LIST (self));
  g_return_if_fail (priv->db != NULL);

  if (priv->cancellable != NULL)
    g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  priv->cancellable = g_cancellable_new ();

  data = g_new0 (ReloadData, 1);
  data->db_path = g_strdup (rubric_db_get_path (priv->db));
  data->query = RUBRIC_PAGED_LIST_GET_CLASS (self)->build_query (self);
  data->ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  set_loading (self, TRUE);

  task = g_task_new (self, priv->cancellable, reload_cb, NULL);
  g_task_set_source_tag (task, rubric_paged_list_reload);
  g_task_set_task_data (task, data, reload_data_free);
  g_task_run_in_thread (task, reload_thread);
}

gboolean
rubric_paged_list_reload_sync (RubricPagedList  *self,
                               GError          **error)
{
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);
  g_autoptr(RubricPagedQuery) query = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (RUBRIC_IS_PAGED_LIST (self), FALSE);
  g_return_val_if_fail (priv->db != NULL, FALSE);

  /* Whatever was running would only overwrite this. */
  if (priv->cancellable != NULL)
    g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);

  query = RUBRIC_PAGED_LIST_GET_CLASS (self)->build_query (self);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!run_query (priv->db, query, ids, NULL, error))
    {
      set_loading (self, FALSE);
      return FALSE;
    }

  replace_ids (self, ids);
  set_loading (self, FALSE);
  g_signal_emit (self, signals[LOADED], 0, NULL);

  return TRUE;
}

void
rubric_paged_list_invalidate (RubricPagedList *self)
{
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);

  g_return_if_fail (RUBRIC_IS_PAGED_LIST (self));

  clear_pages (self);
  if (priv->ids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, priv->ids->len, priv->ids->len);
}

void
rubric_paged_list_set_sort (RubricPagedList *self,
                            guint            key,
                            gboolean         descending)
{
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);

  g_return_if_fail (RUBRIC_IS_PAGED_LIST (self));
  g_return_if_fail (key < RUBRIC_PAGED_LIST_GET_CLASS (self)->n_sort_keys);

  priv->sort_key = key;
  priv->ascending = !descending;
}

/* Appends TERMS (expressions separated by commas outside parentheses),
 * each with the direction: a key such as "lower (x), x" sorts by both
 * in that direction. NULLs come first going up and last going down on
 * both engines, as SQLite puts them (PostgreSQL's default is the other way). */
static void
append_terms (GString    *sql,
              const char *terms,
              gboolean    ascending)
{
  const char *suffix = ascending ? " ASC NULLS FIRST" : " DESC NULLS LAST";
  int depth = 0;

  for (const char *p = terms; *p != '\0'; p++)
    {
      if (*p == '(')
        depth++;
      else if (*p == ')')
        depth--;
      else if (*p == ',' && depth == 0)
        {
          g_string_append (sql, suffix);
          g_string_append_c (sql, ',');
          continue;
        }
      g_string_append_c (sql, *p);
    }
  g_string_append (sql, suffix);
}

char *
rubric_paged_list_order_by (RubricPagedList *self)
{
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);
  RubricPagedListClass *klass = RUBRIC_PAGED_LIST_GET_CLASS (self);
  GString *sql = g_string_new (" ORDER BY ");

  g_return_val_if_fail (priv->sort_key < klass->n_sort_keys, NULL);

  append_terms (sql, klass->sort_keys[priv->sort_key], priv->ascending);
  for (guint i = 0; klass->sort_ties != NULL && klass->sort_ties[i] != NULL; i++)
    {
      g_string_append (sql, ", ");
      append_terms (sql, klass->sort_ties[i], priv->ascending);
    }

  return g_string_free (sql, FALSE);
}

RubricDb *
rubric_paged_list_get_db (RubricPagedList *self)
{
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);

  g_return_val_if_fail (RUBRIC_IS_PAGED_LIST (self), NULL);

  return priv->db;
}

/* Zones are looked up once per list: g_time_zone_new_identifier () reads
 * the zone file every time. */
static GTimeZone *
lookup_zone (RubricPagedList *self,
             const char      *tzid)
{
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);
  GTimeZone *zone;

  if (tzid == NULL)
    tzid = "UTC";

  zone = g_hash_table_lookup (priv->zones, tzid);
  if (zone == NULL)
    {
      /* A vendor's zone from the database: never a path (rubric-time.c). */
      zone = rubric_time_zone_new (tzid);
      g_hash_table_insert (priv->zones, g_strdup (tzid), zone);
    }

  return zone;
}

char *
rubric_paged_list_format_local_time (RubricPagedList *self,
                                     gint64           unix_utc,
                                     const char      *tzid)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (RUBRIC_IS_PAGED_LIST (self), NULL);

  time = g_date_time_new_from_unix_utc (unix_utc);
  if (time == NULL)
    return NULL;

  local = g_date_time_to_timezone (time, lookup_zone (self, tzid));
  /* With the zone's abbreviation ("EET", "CEST", "+04"): the rows of
   * vendors in other zones read right side by side. */
  return g_date_time_format (local, "%Y-%m-%d %H:%M %Z");
}

gboolean
rubric_paged_list_get_loading (RubricPagedList *self)
{
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);

  g_return_val_if_fail (RUBRIC_IS_PAGED_LIST (self), FALSE);

  return priv->loading;
}

gint64
rubric_paged_list_get_id (RubricPagedList *self,
                          guint            position)
{
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);

  g_return_val_if_fail (RUBRIC_IS_PAGED_LIST (self), 0);

  if (position >= priv->ids->len)
    return 0;

  return g_array_index (priv->ids, gint64, position);
}

/* One row object per id, in order, from the subclass's row_sql and
 * fill_row. */
static gboolean
fetch_rows (RubricPagedList  *self,
            const gint64     *ids,
            guint             n_ids,
            GPtrArray        *rows,
            GError          **error)
{
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);
  RubricPagedListClass *klass = RUBRIC_PAGED_LIST_GET_CLASS (self);

  /* On PostgreSQL each statement is a round trip to the server (200 of
   * them took 150 ms a page): the page comes in one query, "… WHERE
   * x.id = ANY (ids)", its rows matched to the ids by the first column,
   * which is the id. */
  if (rubric_db_is_postgres (priv->db) && g_str_has_suffix (klass->row_sql, "= ?1"))
    {
      g_autofree char *sql = NULL;
      g_autoptr(RubricStmt) stmt = NULL;
      g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr(GString) array = g_string_new ("{");
      int rc;

      {
        g_autofree char *head = g_strndup (klass->row_sql, strlen (klass->row_sql) - 2);

        sql = g_strconcat (head, "ANY (CAST (?1 AS bigint[]))", NULL);
      }
      for (guint i = 0; i < n_ids; i++)
        {
          RubricPagedRow *row = g_object_new (klass->item_type, NULL);

          rubric_paged_row_set_id (row, ids[i]);
          g_ptr_array_add (rows, row);
          g_hash_table_insert (by_id, (gpointer) &ids[i], row);
          g_string_append_printf (array, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
        }
      g_string_append_c (array, '}');

      if (!(stmt = rubric_db_prepare (priv->db, sql, error)))
        return FALSE;
      rubric_stmt_bind_text (stmt, 1, array->str);
      /* Gone since the list was read: a blank row until the next reload. */
      while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
        {
          gint64 id = rubric_stmt_column_int64 (stmt, 0);
          RubricPagedRow *row = g_hash_table_lookup (by_id, &id);

          if (row != NULL)
            klass->fill_row (self, row, stmt);
        }
      if (rc != RUBRIC_DONE)
        return rubric_db_set_error (priv->db, error);
      return TRUE;
    }

  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(RubricCachedStmt) stmt = rubric_db_cached (priv->db, klass->row_sql, error);
      RubricPagedRow *row;

      if (stmt == NULL)
        return FALSE;

      rubric_stmt_bind_int64 (stmt, 1, ids[i]);
      row = g_object_new (klass->item_type, NULL);
      g_ptr_array_add (rows, row);
      rubric_paged_row_set_id (row, ids[i]);

      /* Gone since the list was read: a blank row until the next reload. */
      if (rubric_stmt_step (stmt) == RUBRIC_ROW)
        klass->fill_row (self, row, stmt);
    }

  return TRUE;
}

/* The rows of page @number, fetched if they are not kept. */
static GPtrArray *
lookup_page (RubricPagedList *self,
             guint            number)
{
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);
  gpointer key = GUINT_TO_POINTER (number);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *page;
  guint first, n;

  page = g_hash_table_lookup (priv->pages, key);
  if (page != NULL)
    {
      /* Most recently used goes first; the queue is short. */
      if (g_queue_peek_head (&priv->recent) != key)
        {
          g_queue_remove (&priv->recent, key);
          g_queue_push_head (&priv->recent, key);
        }
      return page;
    }

  first = number * RUBRIC_PAGED_LIST_PAGE_SIZE;
  n = MIN (RUBRIC_PAGED_LIST_PAGE_SIZE, priv->ids->len - first);
  rows = g_ptr_array_new_full (n, g_object_unref);

  if (!fetch_rows (self, &g_array_index (priv->ids, gint64, first), n, rows, &error) ||
      rows->len != n)
    {
      /* A row deleted since the ids were read, or the database went
       * away: the views get blank rows, and the next reload puts things
       * right. */
      g_debug ("Fetching rows %u–%u: %s", first, first + n,
               error != NULL ? error->message : "rows missing");
      g_ptr_array_set_size (rows, 0);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (rows, g_object_new (RUBRIC_PAGED_LIST_GET_CLASS (self)->item_type, NULL));
    }

  while (g_queue_get_length (&priv->recent) >= MAX_PAGES)
    g_hash_table_remove (priv->pages, g_queue_pop_tail (&priv->recent));

  page = g_steal_pointer (&rows);
  g_hash_table_insert (priv->pages, key, page);
  g_queue_push_head (&priv->recent, key);

  return page;
}

static GType
rubric_paged_list_get_item_type (GListModel *model)
{
  return RUBRIC_PAGED_LIST_GET_CLASS (model)->item_type;
}

static guint
rubric_paged_list_get_n_items (GListModel *model)
{
  RubricPagedList *self = RUBRIC_PAGED_LIST (model);
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);

  return priv->ids->len;
}

static gpointer
rubric_paged_list_get_item (GListModel *model,
                            guint       position)
{
  RubricPagedList *self = RUBRIC_PAGED_LIST (model);
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);
  GPtrArray *page;

  if (position >= priv->ids->len)
    return NULL;

  page = lookup_page (self, position / RUBRIC_PAGED_LIST_PAGE_SIZE);

  return g_object_ref (g_ptr_array_index (page, position % RUBRIC_PAGED_LIST_PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rubric_paged_list_get_item_type;
  iface->get_n_items = rubric_paged_list_get_n_items;
  iface->get_item = rubric_paged_list_get_item;
}

static void
rubric_paged_list_dispose (GObject *object)
{
  RubricPagedList *self = RUBRIC_PAGED_LIST (object);
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);

  if (priv->cancellable != NULL)
    g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);

  G_OBJECT_CLASS (rubric_paged_list_parent_class)->dispose (object);
}

static void
rubric_paged_list_finalize (GObject *object)
{
  RubricPagedList *self = RUBRIC_PAGED_LIST (object);
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);

  g_queue_clear (&priv->recent);
  g_clear_pointer (&priv->pages, g_hash_table_unref);
  g_clear_pointer (&priv->ids, g_array_unref);
  g_clear_pointer (&priv->zones, g_hash_table_unref);

  G_OBJECT_CLASS (rubric_paged_list_parent_class)->finalize (object);
}

static void
rubric_paged_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RubricPagedList *self = RUBRIC_PAGED_LIST (object);
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_pointer (value, priv->db);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, priv->loading);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, priv->ids->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rubric_paged_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RubricPagedList *self = RUBRIC_PAGED_LIST (object);
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_DB:
      priv->db = g_value_get_pointer (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rubric_paged_list_class_init (RubricPagedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rubric_paged_list_dispose;
  object_class->finalize = rubric_paged_list_finalize;
  object_class->get_property = rubric_paged_list_get_property;
  object_class->set_property = rubric_paged_list_set_property;

  klass->item_type = G_TYPE_OBJECT;

  /* Borrowed: the database outlives its lists. */
  properties[PROP_DB] =
    g_param_spec_pointer ("db", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After every reload, with the error or NULL. */
  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
rubric_paged_list_init (RubricPagedList *self)
{
  RubricPagedListPrivate *priv = rubric_paged_list_get_instance_private (self);

  priv->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  priv->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&priv->recent);
  priv->zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_time_zone_unref);
}
