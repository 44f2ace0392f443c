/* rubric-db.c — the store: what both backends share (opening by name, the
 * statement and object caches, transactions) and the dispatch to them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rubric-db-backend.h"
#include "rubric-db-private.h"
#include "rubric-error.h"

typedef struct
{
  gpointer       data;
  GDestroyNotify destroy;
} CachedObject;

static void
cached_object_free (gpointer data)
{
  CachedObject *object = data;

  if (object->destroy != NULL)
    object->destroy (object->data);
  g_free (object);
}

static void
finalize_stmt (gpointer stmt)
{
  rubric_stmt_finalize (stmt);
}

RubricDb *
rubric_db_new_common (const RubricDbBackend *backend,
                      const char            *path)
{
  RubricDb *db = g_new0 (RubricDb, 1);

  db->backend = backend;
  db->path = g_strdup (path);
  db->role = RUBRIC_DB_ROLE_ADMIN;
  db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_stmt);
  db->objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cached_object_free);
  return db;
}

gpointer
rubric_db_cache_lookup (RubricDb   *db,
                        const char *key)
{
  CachedObject *object = g_hash_table_lookup (db->objects, key);

  return object != NULL ? object->data : NULL;
}

void
rubric_db_cache_insert (RubricDb       *db,
                        const char     *key,
                        gpointer        data,
                        GDestroyNotify  destroy)
{
  CachedObject *object = g_new (CachedObject, 1);

  object->data = data;
  object->destroy = destroy;
  g_hash_table_replace (db->objects, g_strdup (key), object);
}

/* Who is told that a connection waits for another writer (rubric-cli on a
 * terminal); process-wide, as connections are opened deep in the core. */
static RubricDbWaitFunc wait_func;
static gpointer wait_func_data;

void
rubric_db_set_wait_func (RubricDbWaitFunc func,
                         gpointer         user_data)
{
  wait_func = func;
  wait_func_data = user_data;
}

void
rubric_db_notify_wait (RubricDb *db)
{
  if (wait_func != NULL)
    wait_func (db->path, wait_func_data);
}

void
rubric_db_set_cancellable (RubricDb     *db,
                           GCancellable *cancellable)
{
  g_return_if_fail (db != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  g_set_object (&db->cancellable, cancellable);
}

char *
rubric_db_default_path (void)
{
  const char *env = g_getenv ("RUBRIC_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "rubric", "rubric.db", NULL);
}

gboolean
rubric_db_name_is_uri (const char *name)
{
  return name != NULL &&
         (g_str_has_prefix (name, "postgresql://") || g_str_has_prefix (name, "postgres://"));
}

static const RubricDbBackend *
backend_for (const char *name)
{
  return rubric_db_name_is_uri (name) ? &rubric_db_pg_backend : &rubric_db_sqlite_backend;
}

RubricDb *
rubric_db_open (const char  *path,
                GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return backend_for (path)->open (path, RUBRIC_DB_SCHEMA_VERSION, TRUE, error);
}

/* Like rubric_db_open, but never creates the database: for commands that
 * only read, where a mistyped name should not leave an empty one behind. */
RubricDb *
rubric_db_open_existing (const char  *path,
                         GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return backend_for (path)->open (path, RUBRIC_DB_SCHEMA_VERSION, FALSE, error);
}

/* For tests of the migrations: builds (or opens) a database at an older
 * schema version, as an older Rubric would have left it. */
RubricDb *
rubric_db_open_at_version (const char  *path,
                           int          version,
                           GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 0 && version <= RUBRIC_DB_SCHEMA_VERSION, NULL);

  return backend_for (path)->open (path, version, TRUE, error);
}

void
rubric_db_close (RubricDb *db)
{
  if (db == NULL)
    return;

  /* Statements go before the connection they were prepared on. */
  g_clear_pointer (&db->statements, g_hash_table_unref);
  g_clear_pointer (&db->objects, g_hash_table_unref);
  if (db->backend != NULL)
    db->backend->close (db);
  g_clear_object (&db->cancellable);
  g_free (db->path);
  g_free (db->backup_path);
  g_free (db->member);
  g_free (db);
}

const char *
rubric_db_get_path (RubricDb *db)
{
  return db->path;
}

/* The copy taken before the last migration, or NULL when none was needed. */
const char *
rubric_db_get_backup_path (RubricDb *db)
{
  return db->backup_path;
}

int
rubric_db_get_version (RubricDb *db)
{
  return db->version;
}

gboolean
rubric_db_is_postgres (RubricDb *db)
{
  return db->backend == &rubric_db_pg_backend;
}

RubricDbRole
rubric_db_get_role (RubricDb *db)
{
  return db->role;
}

const char *
rubric_db_get_member (RubricDb *db)
{
  return db->member;
}

gboolean
rubric_db_in_transaction (RubricDb *db)
{
  return db->backend->in_transaction (db);
}

gint64
rubric_db_changes (RubricDb *db)
{
  return db->backend->changes (db);
}

gint64
rubric_db_last_insert_id (RubricDb *db)
{
  return db->backend->last_insert_id (db);
}

gboolean
rubric_db_set_error (RubricDb  *db,
                     GError   **error)
{
  db->backend->set_error (db, error);
  return FALSE;
}

gboolean
rubric_db_exec (RubricDb    *db,
                const char  *sql,
                GError     **error)
{
  return db->backend->exec (db, sql, error);
}

RubricStmt *
rubric_db_prepare (RubricDb    *db,
                   const char  *sql,
                   GError     **error)
{
  return db->backend->prepare (db, sql, FALSE, error);
}

RubricCachedStmt *
rubric_db_cached (RubricDb    *db,
                  const char  *sql,
                  GError     **error)
{
  RubricStmt *stmt = g_hash_table_lookup (db->statements, sql);

  if (stmt == NULL)
    {
      stmt = db->backend->prepare (db, sql, TRUE, error);
      if (stmt == NULL)
        return NULL;
      g_hash_table_insert (db->statements, (gpointer) sql, stmt);
    }

  return stmt;
}

void
rubric_cached_stmt_release (RubricCachedStmt *stmt)
{
  rubric_stmt_reset (stmt);
  rubric_stmt_clear_bindings (stmt);
}

/* Steps a statement that returns no rows and resets it for reuse. */
gboolean
rubric_db_step_done (RubricDb    *db,
                     RubricStmt  *stmt,
                     GError     **error)
{
  int rc = rubric_stmt_step (stmt);

  if (rc != RUBRIC_DONE && rc != RUBRIC_ROW)
    {
      rubric_db_set_error (db, error);
      rubric_stmt_reset (stmt);
      return FALSE;
    }

  rubric_stmt_reset (stmt);
  rubric_stmt_clear_bindings (stmt);
  return TRUE;
}

gboolean
rubric_db_begin (RubricDb  *db,
                 GError   **error)
{
  return rubric_db_exec (db, db->backend->begin_sql, error);
}

gboolean
rubric_db_commit (RubricDb  *db,
                  GError   **error)
{
  if (!rubric_db_exec (db, "COMMIT", error))
    {
      rubric_db_rollback (db);
      return FALSE;
    }

  return TRUE;
}

void
rubric_db_rollback (RubricDb *db)
{
  if (db->backend->in_transaction (db))
    db->backend->exec (db, "ROLLBACK", NULL);
}

gboolean
rubric_db_backup (RubricDb    *db,
                  const char  *destination,
                  GError     **error)
{
  return db->backend->backup (db, destination, error);
}

gboolean
rubric_db_bulk_begin (RubricDb           *db,
                      const char         *table,
                      const char * const *columns,
                      GError            **error)
{
  g_return_val_if_fail (columns != NULL && columns[0] != NULL, FALSE);

  return db->backend->bulk_begin (db, table, columns, error);
}

gboolean
rubric_db_bulk_row (RubricDb           *db,
                    const char * const *values,
                    GError            **error)
{
  return db->backend->bulk_row (db, values, error);
}

gboolean
rubric_db_bulk_end (RubricDb  *db,
                    GError   **error)
{
  return db->backend->bulk_end (db, error);
}

gboolean
rubric_db_savepoint (RubricDb    *db,
                     const char  *name,
                     GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SAVEPOINT %s", name);

  return rubric_db_exec (db, sql, error);
}

gboolean
rubric_db_release (RubricDb    *db,
                   const char  *name,
                   GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("RELEASE SAVEPOINT %s", name);

  return rubric_db_exec (db, sql, error);
}

void
rubric_db_rollback_to (RubricDb   *db,
                       const char *name)
{
  g_autofree char *sql = g_strdup_printf ("ROLLBACK TO SAVEPOINT %s; RELEASE SAVEPOINT %s",
                                          name, name);

  rubric_db_exec (db, sql, NULL);
}

void
rubric_db_watch_cancellable (RubricDb     *db,
                             GCancellable *cancellable)
{
  db->backend->watch_cancellable (db, cancellable);
}

/* Statements */

int
rubric_stmt_step (RubricStmt *stmt)
{
  return stmt->db->backend->step (stmt);
}

void
rubric_stmt_reset (RubricStmt *stmt)
{
  stmt->db->backend->reset (stmt);
}

void
rubric_stmt_clear_bindings (RubricStmt *stmt)
{
  stmt->db->backend->clear_bindings (stmt);
}

void
rubric_stmt_finalize (RubricStmt *stmt)
{
  if (stmt != NULL)
    stmt->db->backend->finalize (stmt);
}

void
rubric_stmt_bind_int64 (RubricStmt *stmt,
                        int         index,
                        gint64      value)
{
  stmt->db->backend->bind_int64 (stmt, index, value);
}

void
rubric_stmt_bind_int (RubricStmt *stmt,
                      int         index,
                      int         value)
{
  stmt->db->backend->bind_int64 (stmt, index, value);
}

void
rubric_stmt_bind_double (RubricStmt *stmt,
                         int         index,
                         double      value)
{
  stmt->db->backend->bind_double (stmt, index, value);
}

void
rubric_stmt_bind_text (RubricStmt *stmt,
                       int         index,
                       const char *text)
{
  if (text != NULL)
    stmt->db->backend->bind_text (stmt, index, text, TRUE);
  else
    stmt->db->backend->bind_null (stmt, index);
}

void
rubric_stmt_bind_text_static (RubricStmt *stmt,
                              int         index,
                              const char *text)
{
  if (text != NULL)
    stmt->db->backend->bind_text (stmt, index, text, FALSE);
  else
    stmt->db->backend->bind_null (stmt, index);
}

void
rubric_stmt_bind_null (RubricStmt *stmt,
                       int         index)
{
  stmt->db->backend->bind_null (stmt, index);
}

int
rubric_stmt_column_count (RubricStmt *stmt)
{
  return stmt->db->backend->column_count (stmt);
}

const char *
rubric_stmt_column_name (RubricStmt *stmt,
                         int         column)
{
  return stmt->db->backend->column_name (stmt, column);
}

int
rubric_stmt_column_type (RubricStmt *stmt,
                         int         column)
{
  return stmt->db->backend->column_type (stmt, column);
}

gint64
rubric_stmt_column_int64 (RubricStmt *stmt,
                          int         column)
{
  return stmt->db->backend->column_int64 (stmt, column);
}

int
rubric_stmt_column_int (RubricStmt *stmt,
                        int         column)
{
  return (int) stmt->db->backend->column_int64 (stmt, column);
}

double
rubric_stmt_column_double (RubricStmt *stmt,
                           int         column)
{
  return stmt->db->backend->column_double (stmt, column);
}

const char *
rubric_stmt_column_text (RubricStmt *stmt,
                         int         column)
{
  return stmt->db->backend->column_text (stmt, column);
}
