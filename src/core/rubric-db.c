/* rubric-db.c — the SQLite store: opening, migrations, transactions, files written whole, backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rubric-db-private.h"
#include "rubric-rollups.h"
#include "rubric-error.h"
#include "rubric-time.h"

struct _RubricDb
{
  sqlite3      *handle;
  char         *path;
  char         *backup_path;
  int           version;
  GHashTable   *statements;  /* SQL text (static) → sqlite3_stmt */
  GHashTable   *objects;     /* key → CachedObject */
  GCancellable *cancellable; /* stops a wait for another writer */
  gint64        busy_since;  /* monotonic µs when the current wait began */
  gboolean      wait_said;   /* the wait function was told of this wait */
};

/* Who is told that a connection waits for another writer (rubric-cli on a
 * terminal); process-wide, as connections are opened deep in the core. */
static RubricDbWaitFunc wait_func;
static gpointer wait_func_data;

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

/* A writer waits for another one as long as it takes (a long import holds
 * the lock for many seconds), and says so after this long. */
#define WAIT_NOTICE_US (G_USEC_PER_SEC / 2)
/* How long a wait sleeps at most between two looks at the lock. */
#define WAIT_STEP_MAX_MS 50

void
rubric_db_set_wait_func (RubricDbWaitFunc func,
                         gpointer         user_data)
{
  wait_func = func;
  wait_func_data = user_data;
}

void
rubric_db_set_cancellable (RubricDb     *db,
                           GCancellable *cancellable)
{
  g_return_if_fail (db != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  g_set_object (&db->cancellable, cancellable);
}

/* SQLite's busy handler: called while another connection holds the lock,
 * with the number of times it was already called for this wait. Returning
 * 0 gives up (SQLITE_BUSY), which only a cancellation does. */
static int
busy_cb (void *data,
         int   count)
{
  RubricDb *db = data;
  gint64 now = g_get_monotonic_time ();

  if (count == 0)
    {
      db->busy_since = now;
      db->wait_said = FALSE;
    }

  if (db->cancellable != NULL && g_cancellable_is_cancelled (db->cancellable))
    return 0;

  if (!db->wait_said && now - db->busy_since >= WAIT_NOTICE_US)
    {
      db->wait_said = TRUE;
      if (wait_func != NULL)
        wait_func (db->path, wait_func_data);
    }

  g_usleep ((gulong) MIN (count + 1, WAIT_STEP_MAX_MS) * 1000);
  return 1;
}

/* SQLite's result codes for what went wrong with the file itself, in words
 * that say so, with the system's reason when SQLite kept it. */
static void
set_sqlite_error (GError      **error,
                  const char   *path,
                  sqlite3      *handle,
                  int           code,
                  GCancellable *cancellable)
{
  int errsv = handle != NULL ? sqlite3_system_errno (handle) : 0;
  const char *message = handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (code);
  const char *reason = errsv != 0 ? g_strerror (errsv) : message;

  switch (code & 0xff)
    {
    case SQLITE_CANTOPEN:
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                   _("%s: cannot open the database file: %s"), path, reason);
      break;
    case SQLITE_PERM:
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                   _("%s: permission denied: %s"), path, reason);
      break;
    case SQLITE_READONLY:
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                   _("%s: the database cannot be written (is the file or its folder "
                     "read-only?): %s"), path, reason);
      break;
    case SQLITE_FULL:
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                   _("%s: the disk is full: %s"), path, reason);
      break;
    case SQLITE_IOERR:
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                   _("%s: cannot read or write the database file: %s"), path, reason);
      break;
    case SQLITE_NOTADB:
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                   _("%s: not a Rubric database"), path);
      break;
    case SQLITE_BUSY:
      if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("%s: cancelled while waiting for another program writing to it"),
                       path);
          break;
        }
      G_GNUC_FALLTHROUGH;
    default:
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                   _("%s: database error: %s (%d)"), path, message, code);
      break;
    }
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
rubric_db_set_error (RubricDb  *db,
                     GError   **error)
{
  set_sqlite_error (error, db->path, db->handle, sqlite3_extended_errcode (db->handle),
                    db->cancellable);
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
      int code = sqlite3_extended_errcode (db->handle);

      if ((code & 0xff) == SQLITE_ERROR || (code & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                     _("%s: database error: %s"), db->path,
                     message != NULL ? message : sqlite3_errmsg (db->handle));
      else
        set_sqlite_error (error, db->path, db->handle, code, db->cancellable);
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

/* Makes the folder that will hold @path (0700 when new). */
static gboolean
make_parent (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                   _("%s: cannot create the folder: %s"), dir, g_strerror (errsv));
      return FALSE;
    }

  return TRUE;
}

/* Removes a temporary database and what SQLite may have left beside it. */
static void
remove_temporary (const char *temporary)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (temporary, suffixes[i], NULL);
      g_unlink (name);
    }
}

/* Temporary files of @path left by a writer that was killed (a backup or
 * a new database half-written): "PATH.tmp-PID-XXXXXX" whose process is
 * gone. They are removed before another is made, so that a kill never
 * leaves more than the one being written. */
static void
remove_stale_temporaries (const char *path)
{
  g_autofree char *dir_name = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".tmp-", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_name, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      const char *rest;
      char *end = NULL;
      gint64 pid;

      if (!g_str_has_prefix (name, prefix))
        continue;
      rest = name + strlen (prefix);
      pid = g_ascii_strtoll (rest, &end, 10);
      /* Only the temporary itself ("PATH.tmp-PID-XXXXXX", six characters
       * after the dash); its -wal and the like go with it. */
      if (end == rest || *end != '-' || strlen (end + 1) != 6 || pid <= 0 || pid > G_MAXINT)
        continue;
      if ((pid_t) pid == getpid () || kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;

      {
        g_autofree char *stale = g_build_filename (dir_name, name, NULL);

        g_debug ("Removing %s, left by a writer that is gone", stale);
        remove_temporary (stale);
      }
    }
}

/* An empty file beside @path, "PATH.tmp-PID-XXXXXX", mode 0600 (SQLite
 * gives its -wal and -shm files the mode of the database). Returns its
 * name. */
static char *
create_temporary_beside (const char  *path,
                         GError     **error)
{
  g_autofree char *temporary = g_strdup_printf ("%s.tmp-%d-XXXXXX", path, (int) getpid ());
  int fd;

  if (!make_parent (path, error))
    return NULL;

  remove_stale_temporaries (path);
  fd = g_mkstemp_full (temporary, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int errsv = errno;
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                   _("%s: cannot create a file in its folder: %s"), path, g_strerror (errsv));
      return NULL;
    }

  close (fd);
  return g_steal_pointer (&temporary);
}

static gboolean
sync_path (const char  *path,
           gboolean     directory,
           GError     **error)
{
  int fd = g_open (path, (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC, 0);
  int errsv;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }

  errsv = errno;
  if (fd >= 0)
    close (fd);

  /* Some file systems cannot sync a folder; the file itself was synced. */
  if (directory && (errsv == EINVAL || errsv == ENOTSUP))
    return TRUE;

  g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
               _("%s: cannot write to the disk: %s"), path, g_strerror (errsv));
  return FALSE;
}

/* Puts the complete, synced file @temporary at @path and syncs the folder,
 * so that a crash leaves either the old file or the new one. With
 * @replace FALSE an existing @path (another program's new database, made in
 * the meantime) is kept and @temporary removed. */
static gboolean
move_into_place (const char  *temporary,
                 const char  *path,
                 gboolean     replace,
                 GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int errsv;

  if (!sync_path (temporary, FALSE, error))
    return FALSE;

  if (replace)
    {
      if (g_rename (temporary, path) != 0)
        goto failed;
    }
  else
    {
      /* link () refuses to replace; file systems without links rename. */
      if (link (temporary, path) != 0 && errno != EEXIST)
        {
          if (g_rename (temporary, path) != 0)
            goto failed;
        }
      else
        g_unlink (temporary);
    }

  return sync_path (dir, TRUE, error);

failed:
  errsv = errno;
  g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
               _("%s: cannot put the new file in place: %s"), path, g_strerror (errsv));
  return FALSE;
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

static RubricDb *open_internal (const char  *path,
                                int          target,
                                gboolean     create,
                                GError     **error);

/* A new database is built whole in a temporary file beside @path, synced,
 * and only then put in place: a kill or a full disk on the way leaves no
 * file rather than a partial one. */
static gboolean
create_database (const char  *path,
                 int          target,
                 GError     **error)
{
  g_autofree char *temporary = NULL;
  RubricDb *db;

  if (!(temporary = create_temporary_beside (path, error)))
    return FALSE;

  if (!(db = open_internal (temporary, target, TRUE, error)))
    {
      /* The user knows the file by its name, not by the temporary one. */
      if (error != NULL && *error != NULL)
        {
          g_autoptr(GString) message = g_string_new ((*error)->message);

          g_string_replace (message, temporary, path, 0);
          g_free ((*error)->message);
          (*error)->message = g_string_free (g_steal_pointer (&message), FALSE);
        }
      remove_temporary (temporary);
      return FALSE;
    }

  /* Closing the only connection checkpoints the WAL into the file. */
  rubric_db_close (db);

  if (!move_into_place (temporary, path, FALSE, error))
    {
      remove_temporary (temporary);
      return FALSE;
    }

  return TRUE;
}

/* The error for a file SQLite could not read, saying what happened to it
 * (a folder that cannot be written is not a file that is not ours). */
static void
set_open_error (RubricDb  *db,
                GError   **error)
{
  int code = sqlite3_extended_errcode (db->handle);

  if ((code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT)
    g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                 _("%s: not a Rubric database: %s"), db->path, sqlite3_errmsg (db->handle));
  else
    rubric_db_set_error (db, error);
}

static RubricDb *
open_internal (const char  *path,
               int          target,
               gboolean     create,
               GError     **error)
{
  g_autoptr(RubricDb) db = NULL;
  GStatBuf st;
  int version = 0;
  int app_id = 0;
  int tables = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) != 0)
    {
      int errsv = errno;

      if (errsv != ENOENT)
        {
          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                       _("%s: cannot open the database file: %s"), path, g_strerror (errsv));
          return NULL;
        }

      if (!create)
        {
          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                       _("%s: there is no database here yet (“rubric-cli init” creates one)"),
                       path);
          return NULL;
        }

      if (!create_database (path, target, error))
        return NULL;
    }
  else if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                   _("%s: cannot open the database file: %s"), path, g_strerror (EISDIR));
      return NULL;
    }
  else if (st.st_size == 0 && !create)
    {
      /* SQLite would take an empty file for an empty database and write
       * one into it: a command that only reads leaves it as it is. */
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                   _("%s: the file is empty, not a Rubric database (it was left as it is)"),
                   path);
      return NULL;
    }

  db = g_new0 (RubricDb, 1);
  db->path = g_strdup (path);
  db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_stmt);
  db->objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cached_object_free);

  rc = sqlite3_open_v2 (path, &db->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, path, db->handle, rc, NULL);
      return NULL;
    }

  sqlite3_busy_handler (db->handle, busy_cb, db);
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
      set_open_error (db, error);
      return NULL;
    }

  if ((app_id != 0 && app_id != RUBRIC_DB_APPLICATION_ID) ||
      (app_id == 0 && tables > 0) ||
      (app_id == 0 && version == 0 && !create))
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
  g_clear_object (&db->cancellable);
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
 * connections write. It is written to a temporary file beside
 * @destination, synced, and renamed over it only when complete: a kill or
 * a full disk leaves the old @destination (or none), never a partial one. */
gboolean
rubric_db_backup (RubricDb    *db,
                  const char  *destination,
                  GError     **error)
{
  g_autofree char *temporary = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  if (!(temporary = create_temporary_beside (destination, error)))
    return FALSE;

  rc = sqlite3_open_v2 (temporary, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, destination, dest, rc, NULL);
      goto failed;
    }

  backup = sqlite3_backup_init (dest, "main", db->handle, "main");
  if (backup == NULL)
    {
      set_sqlite_error (error, destination, dest, sqlite3_extended_errcode (dest), NULL);
      goto failed;
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
      set_sqlite_error (error, destination, dest, sqlite3_extended_errcode (dest), NULL);
      goto failed;
    }

  rc = sqlite3_close (dest);
  dest = NULL;
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, destination, NULL, rc, NULL);
      goto failed;
    }

  if (!move_into_place (temporary, destination, TRUE, error))
    goto failed;

  return TRUE;

failed:
  sqlite3_close_v2 (dest);
  remove_temporary (temporary);
  return FALSE;
}
