/* rubric-db.c — the SQLite store: opening, migrations, transactions, backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rubric-db-private.h"
#include "rubric-rollups.h"
#include "rubric-error.h"

struct _RubricDb
{
  sqlite3    *handle;
  char       *path;
  char       *backup_path;
  int         version;
  GHashTable *statements;  /* SQL text (static) → sqlite3_stmt */
  GHashTable *objects;     /* key → CachedObject */
};

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

#define BUSY_TIMEOUT_MS 10000

char *
rubric_db_default_path (void)
{
  const char *env = g_getenv ("RUBRIC_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "rubric", "rubric.db", NULL);
}

gboolean
rubric_db_set_error (RubricDb  *db,
                     GError   **error)
{
  int code = sqlite3_extended_errcode (db->handle);

  g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
               _("%s: database error: %s (%d)"),
               db->path, sqlite3_errmsg (db->handle), code);
  return FALSE;
}

gboolean
rubric_db_exec (RubricDb    *db,
                const char  *sql,
                GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db->handle, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                   _("%s: database error: %s"), db->path,
                   message != NULL ? message : sqlite3_errmsg (db->handle));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
rubric_db_prepare (RubricDb    *db,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db->handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      rubric_db_set_error (db, error);
      return NULL;
    }

  return stmt;
}

RubricCachedStmt *
rubric_db_cached (RubricDb    *db,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (db->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt,
                              NULL) != SQLITE_OK)
        {
          rubric_db_set_error (db, error);
          return NULL;
        }
      g_hash_table_insert (db->statements, (gpointer) sql, stmt);
    }

  return stmt;
}

void
rubric_cached_stmt_release (RubricCachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

void
rubric_db_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* Steps a statement that returns no rows and resets it for reuse. */
gboolean
rubric_db_step_done (RubricDb      *db,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      rubric_db_set_error (db, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return TRUE;
}

gboolean
rubric_db_begin (RubricDb  *db,
                 GError   **error)
{
  return rubric_db_exec (db, "BEGIN IMMEDIATE", error);
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
  if (!sqlite3_get_autocommit (db->handle))
    sqlite3_exec (db->handle, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
read_int_pragma (RubricDb    *db,
                 const char  *sql,
                 int         *value,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = rubric_db_prepare (db, sql, error)))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rubric_db_set_error (db, error);

  *value = sqlite3_column_int (stmt, 0);
  return TRUE;
}

/* The file is created by us, with mode 0600, before SQLite opens it: SQLite
 * gives its -wal and -shm files the same mode as the database.
 */
static gboolean
create_file (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                   _("%s: cannot create the folder: %s"), dir, g_strerror (errsv));
      return FALSE;
    }

  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int errsv = errno;

      if (errsv == EEXIST)
        return TRUE;

      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                   _("%s: cannot create the database: %s"), path, g_strerror (errsv));
      return FALSE;
    }

  fchmod (fd, 0600);
  close (fd);
  return TRUE;
}

static char *
pick_backup_path (const char *path,
                  int         version)
{
  g_autofree char *base = g_strdup_printf ("%s.v%d.bak", path, version);
  char *candidate = g_strdup (base);

  for (guint i = 1; g_file_test (candidate, G_FILE_TEST_EXISTS); i++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s.%u", base, i);
    }

  return candidate;
}

static gboolean
migrate (RubricDb  *db,
         int        target,
         GError   **error)
{
  int current;

  if (!rubric_db_begin (db, error))
    return FALSE;

  /* Read again inside the write lock: another process may have migrated
   * between our first look and now. */
  if (!read_int_pragma (db, "PRAGMA user_version", &current, error))
    goto failed;

  for (int v = current + 1; v <= target; v++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", v);

      g_debug ("Migrating %s to schema version %d", db->path, v);

      if (!rubric_db_exec (db, rubric_db_migrations[v], error) ||
          !rubric_db_exec (db, pragma, error))
        goto failed;
    }

  if (current == 0)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA application_id = %d",
                                                 RUBRIC_DB_APPLICATION_ID);
      if (!rubric_db_exec (db, pragma, error))
        goto failed;
    }

  if (!rubric_db_commit (db, error))
    return FALSE;

  db->version = MAX (current, target);
  return TRUE;

failed:
  rubric_db_rollback (db);
  return FALSE;
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static RubricDb *
open_internal (const char  *path,
               int          target,
               gboolean     create,
               GError     **error)
{
  g_autoptr(RubricDb) db = NULL;
  gboolean existed;
  int version = 0;
  int app_id = 0;
  int tables = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!existed && !create)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                   _("%s: there is no database here yet (“rubric-cli init” creates one)"),
                   path);
      return NULL;
    }
  if (!existed && !create_file (path, error))
    return NULL;

  db = g_new0 (RubricDb, 1);
  db->path = g_strdup (path);
  db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_stmt);
  db->objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cached_object_free);

  rc = sqlite3_open_v2 (path, &db->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                   _("%s: cannot open the database: %s"), path,
                   db->handle ? sqlite3_errmsg (db->handle) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_busy_timeout (db->handle, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (db->handle, TRUE);

  /* Migrations and imports define the call rollups with them. */
  if (!rubric_rollups_register_sql (db->handle))
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                   _("%s: cannot open the database: %s"), path, sqlite3_errmsg (db->handle));
      return NULL;
    }

  /* Look before touching anything: a database from a newer Rubric, or a
   * file that is not ours, is refused exactly as it is. */
  if (!read_int_pragma (db, "PRAGMA user_version", &version, NULL) ||
      !read_int_pragma (db, "PRAGMA application_id", &app_id, NULL) ||
      !read_int_pragma (db, "SELECT count(*) FROM sqlite_schema", &tables, NULL))
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                   _("%s: not a Rubric database: %s"), path, sqlite3_errmsg (db->handle));
      return NULL;
    }

  if ((app_id != 0 && app_id != RUBRIC_DB_APPLICATION_ID) ||
      (app_id == 0 && tables > 0))
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                   _("%s: not a Rubric database"), path);
      return NULL;
    }

  if (version > RUBRIC_DB_SCHEMA_VERSION)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NEWER_DATABASE,
                   _("%s: the database was written by a newer version of Rubric "
                     "(schema %d; this version knows up to %d); it was left untouched"),
                   path, version, RUBRIC_DB_SCHEMA_VERSION);
      return NULL;
    }

  if (!rubric_db_exec (db, "PRAGMA journal_mode = WAL", error) ||
      !rubric_db_exec (db, "PRAGMA foreign_keys = ON", error) ||
      !rubric_db_exec (db, "PRAGMA synchronous = FULL", error))
    return NULL;

  db->version = version;

  if (version < target)
    {
      if (version > 0)
        {
          db->backup_path = pick_backup_path (path, version);
          if (!rubric_db_backup (db, db->backup_path, error))
            return NULL;
        }

      if (!migrate (db, target, error))
        return NULL;
    }

  return g_steal_pointer (&db);
}

RubricDb *
rubric_db_open (const char  *path,
                GError     **error)
{
  return open_internal (path, RUBRIC_DB_SCHEMA_VERSION, TRUE, error);
}

/* Like rubric_db_open, but never creates the file: for commands that only
 * read, where a mistyped path should not leave an empty database behind. */
RubricDb *
rubric_db_open_existing (const char  *path,
                         GError     **error)
{
  return open_internal (path, RUBRIC_DB_SCHEMA_VERSION, FALSE, error);
}

/* For tests of the migrations: builds (or opens) a database at an older
 * schema version, as an older Rubric would have left it. */
RubricDb *
rubric_db_open_at_version (const char  *path,
                           int          version,
                           GError     **error)
{
  g_return_val_if_fail (version >= 0 && version <= RUBRIC_DB_SCHEMA_VERSION, NULL);

  return open_internal (path, version, TRUE, error);
}

void
rubric_db_close (RubricDb *db)
{
  if (db == NULL)
    return;

  g_clear_pointer (&db->statements, g_hash_table_unref);
  g_clear_pointer (&db->objects, g_hash_table_unref);
  if (db->handle != NULL)
    sqlite3_close_v2 (db->handle);
  g_free (db->path);
  g_free (db->backup_path);
  g_free (db);
}

sqlite3 *
rubric_db_get_handle (RubricDb *db)
{
  return db->handle;
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

/* A consistent copy through SQLite's online backup API, safe while other
 * connections write. */
gboolean
rubric_db_backup (RubricDb    *db,
                  const char  *destination,
                  GError     **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  if (!create_file (destination, error))
    return FALSE;

  if (sqlite3_open_v2 (destination, &dest, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                   _("%s: cannot open the backup file: %s"), destination,
                   dest ? sqlite3_errmsg (dest) : "");
      sqlite3_close_v2 (dest);
      return FALSE;
    }

  sqlite3_busy_timeout (dest, BUSY_TIMEOUT_MS);

  backup = sqlite3_backup_init (dest, "main", db->handle, "main");
  if (backup == NULL)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                   _("%s: cannot back up the database: %s"), destination,
                   sqlite3_errmsg (dest));
      sqlite3_close_v2 (dest);
      return FALSE;
    }

  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        g_usleep (10000);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                   _("%s: cannot back up the database: %s"), destination,
                   sqlite3_errstr (rc));
      sqlite3_close_v2 (dest);
      return FALSE;
    }

  sqlite3_close_v2 (dest);
  g_chmod (destination, 0600);
  return TRUE;
}

static gint64
lookup_id (RubricDb    *db,
           const char  *sql,
           const char  *text,
           gint64       other,
           gboolean     bind_other,
           GError     **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  int rc;

  if (!(stmt = rubric_db_cached (db, sql, error)))
    return -1;

  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (bind_other)
    {
      if (other > 0)
        sqlite3_bind_int64 (stmt, 2, other);
      else
        sqlite3_bind_null (stmt, 2);
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;

  rubric_db_set_error (db, error);
  return -1;
}

gint64
rubric_db_query_id (RubricDb    *db,
                    const char  *sql,
                    const char  *text,
                    GError     **error)
{
  return lookup_id (db, sql, text, 0, FALSE, error);
}

/* Returns the vendor's id, 0 when there is none, -1 on error. */
gint64
rubric_db_lookup_vendor (RubricDb    *db,
                         const char  *name,
                         GError     **error)
{
  return lookup_id (db, "SELECT id FROM vendors WHERE name = ?1", name, 0, FALSE, error);
}

/* Returns the queue's id, 0 when there is none, -1 on error. */
gint64
rubric_db_lookup_queue (RubricDb    *db,
                        const char  *name,
                        GError     **error)
{
  return lookup_id (db, "SELECT id FROM queues WHERE name = ?1", name, 0, FALSE, error);
}

/* Returns the id of the agent @external_id of @vendor_id, 0 when there is
 * none, -1 on error. The statement is rubric_db_ensure_agent's. */
gint64
rubric_db_lookup_agent (RubricDb    *db,
                        gint64       vendor_id,
                        const char  *external_id,
                        GError     **error)
{
  return lookup_id (db, "SELECT id FROM agents WHERE external_id = ?1 AND vendor_id IS ?2",
                    external_id, vendor_id, TRUE, error);
}

static gint64
ensure (RubricDb    *db,
        const char  *select_sql,
        const char  *insert_sql,
        const char  *text,
        gint64       other,
        gboolean     bind_other,
        GError     **error)
{
  gint64 id = lookup_id (db, select_sql, text, other, bind_other, error);

  if (id != 0)
    return id;

  id = lookup_id (db, insert_sql, text, other, bind_other, error);
  if (id == 0)
    {
      rubric_db_set_error (db, error);
      return -1;
    }

  return id;
}

/* The ensure functions return the row's id, creating the row if needed, or
 * -1 with @error set. */
gint64
rubric_db_ensure_vendor (RubricDb    *db,
                         const char  *name,
                         GError     **error)
{
  return ensure (db,
                 "SELECT id FROM vendors WHERE name = ?1",
                 "INSERT INTO vendors (name) VALUES (?1) RETURNING id",
                 name, 0, FALSE, error);
}

gint64
rubric_db_ensure_agent (RubricDb    *db,
                        gint64       vendor_id,
                        const char  *external_id,
                        GError     **error)
{
  return ensure (db,
                 "SELECT id FROM agents WHERE external_id = ?1 AND vendor_id IS ?2",
                 "INSERT INTO agents (external_id, vendor_id) VALUES (?1, ?2) RETURNING id",
                 external_id, vendor_id, TRUE, error);
}

gint64
rubric_db_ensure_queue (RubricDb    *db,
                        const char  *name,
                        GError     **error)
{
  return ensure (db,
                 "SELECT id FROM queues WHERE name = ?1",
                 "INSERT INTO queues (name) VALUES (?1) RETURNING id",
                 name, 0, FALSE, error);
}

gint64
rubric_db_ensure_source (RubricDb    *db,
                         const char  *name,
                         GError     **error)
{
  return ensure (db,
                 "SELECT id FROM sources WHERE name = ?1",
                 "INSERT INTO sources (name) VALUES (?1) RETURNING id",
                 name, 0, FALSE, error);
}

/* The vendor's IANA time zone ("UTC" when unknown). */
char *
rubric_db_get_vendor_timezone (RubricDb *db,
                               gint64    vendor_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = rubric_db_prepare (db, "SELECT timezone FROM vendors WHERE id = ?1", NULL);
  if (stmt == NULL)
    return g_strdup ("UTC");

  sqlite3_bind_int64 (stmt, 1, vendor_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  return g_strdup ("UTC");
}

gboolean
rubric_db_map_queue (RubricDb    *db,
                     const char  *queue,
                     const char  *vendor,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 queue_id;
  gint64 vendor_id;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (queue != NULL && vendor != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rubric_db_begin (db, error))
    return FALSE;

  if ((queue_id = rubric_db_ensure_queue (db, queue, error)) < 0 ||
      (vendor_id = rubric_db_ensure_vendor (db, vendor, error)) < 0 ||
      !(stmt = rubric_db_prepare (db, "UPDATE queues SET vendor_id = ?2 WHERE id = ?1", error)))
    {
      rubric_db_rollback (db);
      return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, queue_id);
  sqlite3_bind_int64 (stmt, 2, vendor_id);
  if (!rubric_db_step_done (db, stmt, error))
    {
      g_clear_pointer (&stmt, sqlite3_finalize);
      rubric_db_rollback (db);
      return FALSE;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!rubric_db_commit (db, error))
    {
      rubric_db_rollback (db);
      return FALSE;
    }

  return TRUE;
}
