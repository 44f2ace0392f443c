/* rubric-db-sqlite.c — the SQLite backend of the store (one person's file):
 * opening, migrations, statements, files written whole, backup
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

#include <sqlite3.h>

#include "rubric-db-backend.h"
#include "rubric-db-private.h"
#include "rubric-rollups.h"
#include "rubric-error.h"
#include "rubric-time.h"

/* A writer waits for another one as long as it takes (a long import holds
 * the lock for many seconds), and says so after this long. */
#define WAIT_NOTICE_US (G_USEC_PER_SEC / 2)
/* How long a wait sleeps at most between two looks at the lock. */
#define WAIT_STEP_MAX_MS 50

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
      rubric_db_notify_wait (db);
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

#define HANDLE(db) ((sqlite3 *) (db)->handle)

typedef struct
{
  RubricStmt    parent;
  sqlite3_stmt *stmt;
} SqliteStmt;

#define STMT(s) (((SqliteStmt *) (s))->stmt)

static void
sqlite_set_error (RubricDb  *db,
                  GError   **error)
{
  set_sqlite_error (error, db->path, HANDLE (db), sqlite3_extended_errcode (HANDLE (db)),
                    db->cancellable);
}

static gboolean
sqlite_exec (RubricDb    *db,
             const char  *sql,
             GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (HANDLE (db), sql, NULL, NULL, &message) != SQLITE_OK)
    {
      int code = sqlite3_extended_errcode (HANDLE (db));

      if ((code & 0xff) == SQLITE_ERROR || (code & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                     _("%s: database error: %s"), db->path,
                     message != NULL ? message : sqlite3_errmsg (HANDLE (db)));
      else
        set_sqlite_error (error, db->path, HANDLE (db), code, db->cancellable);
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static RubricStmt *
sqlite_prepare (RubricDb    *db,
                const char  *sql,
                gboolean     persistent,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  SqliteStmt *self;

  if (sqlite3_prepare_v3 (HANDLE (db), sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0,
                          &stmt, NULL) != SQLITE_OK)
    {
      sqlite_set_error (db, error);
      return NULL;
    }

  self = g_new (SqliteStmt, 1);
  self->parent.db = db;
  self->stmt = stmt;
  return &self->parent;
}

static gboolean
sqlite_in_transaction (RubricDb *db)
{
  return !sqlite3_get_autocommit (HANDLE (db));
}

static gint64
sqlite_changes (RubricDb *db)
{
  return sqlite3_changes64 (HANDLE (db));
}

static gint64
sqlite_last_insert_id (RubricDb *db)
{
  return sqlite3_last_insert_rowid (HANDLE (db));
}

static int
sqlite_step (RubricStmt *stmt)
{
  int rc = sqlite3_step (STMT (stmt));

  return rc == SQLITE_ROW ? RUBRIC_ROW : rc == SQLITE_DONE ? RUBRIC_DONE : rc;
}

static void
sqlite_reset (RubricStmt *stmt)
{
  sqlite3_reset (STMT (stmt));
}

static void
sqlite_clear_bindings (RubricStmt *stmt)
{
  sqlite3_clear_bindings (STMT (stmt));
}

static void
sqlite_finalize (RubricStmt *stmt)
{
  sqlite3_finalize (STMT (stmt));
  g_free (stmt);
}

static void
sqlite_bind_int64 (RubricStmt *stmt,
                   int         index,
                   gint64      value)
{
  sqlite3_bind_int64 (STMT (stmt), index, value);
}

static void
sqlite_bind_double (RubricStmt *stmt,
                    int         index,
                    double      value)
{
  sqlite3_bind_double (STMT (stmt), index, value);
}

static void
sqlite_bind_text (RubricStmt *stmt,
                  int         index,
                  const char *text,
                  gboolean    copy)
{
  sqlite3_bind_text (STMT (stmt), index, text, -1, copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

static void
sqlite_bind_null (RubricStmt *stmt,
                  int         index)
{
  sqlite3_bind_null (STMT (stmt), index);
}

static int
sqlite_column_count (RubricStmt *stmt)
{
  return sqlite3_column_count (STMT (stmt));
}

static const char *
sqlite_column_name (RubricStmt *stmt,
                    int         column)
{
  return sqlite3_column_name (STMT (stmt), column);
}

static int
sqlite_column_type (RubricStmt *stmt,
                    int         column)
{
  return sqlite3_column_type (STMT (stmt), column);
}

static gint64
sqlite_column_int64 (RubricStmt *stmt,
                     int         column)
{
  return sqlite3_column_int64 (STMT (stmt), column);
}

static double
sqlite_column_double (RubricStmt *stmt,
                      int         column)
{
  return sqlite3_column_double (STMT (stmt), column);
}

static const char *
sqlite_column_text (RubricStmt *stmt,
                    int         column)
{
  return (const char *) sqlite3_column_text (STMT (stmt), column);
}

/* Bulk load: one prepared INSERT, its columns bound as text (the STRICT
 * tables convert what is a whole number or a real losslessly). */
typedef struct
{
  RubricStmt *insert;
  int         columns;
} SqliteBulk;

static gboolean
sqlite_bulk_begin (RubricDb           *db,
                   const char         *table,
                   const char * const *columns,
                   GError            **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  SqliteBulk *bulk;
  int n = (int) g_strv_length ((char **) columns);

  g_return_val_if_fail (db->backend_data == NULL, FALSE);

  g_string_append_printf (sql, "INSERT INTO %s (", table);
  for (int i = 0; i < n; i++)
    g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", columns[i]);
  g_string_append (sql, ") VALUES (");
  for (int i = 0; i < n; i++)
    g_string_append_printf (sql, "%s?%d", i > 0 ? ", " : "", i + 1);
  g_string_append (sql, ")");

  bulk = g_new0 (SqliteBulk, 1);
  bulk->columns = n;
  if (!(bulk->insert = sqlite_prepare (db, sql->str, FALSE, error)))
    {
      g_free (bulk);
      return FALSE;
    }

  db->backend_data = bulk;
  return TRUE;
}

static gboolean
sqlite_bulk_row (RubricDb           *db,
                 const char * const *values,
                 GError            **error)
{
  SqliteBulk *bulk = db->backend_data;

  for (int i = 0; i < bulk->columns; i++)
    {
      if (values[i] != NULL)
        sqlite3_bind_text (STMT (bulk->insert), i + 1, values[i], -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (STMT (bulk->insert), i + 1);
    }

  return rubric_db_step_done (db, bulk->insert, error);
}

static gboolean
sqlite_bulk_end (RubricDb  *db,
                 GError   **error)
{
  SqliteBulk *bulk = db->backend_data;

  db->backend_data = NULL;
  if (bulk != NULL)
    {
      rubric_stmt_finalize (bulk->insert);
      g_free (bulk);
    }
  return TRUE;
}

static int
progress_cb (void *data)
{
  return g_cancellable_is_cancelled (data);
}

static void
sqlite_watch_cancellable (RubricDb     *db,
                          GCancellable *cancellable)
{
  if (cancellable != NULL)
    sqlite3_progress_handler (HANDLE (db), 4000, progress_cb, cancellable);
  else
    sqlite3_progress_handler (HANDLE (db), 0, NULL, NULL);
}

static gboolean
read_int_pragma (RubricDb    *db,
                 const char  *sql,
                 int         *value,
                 GError     **error)
{
  g_autoptr(RubricStmt) stmt = NULL;

  if (!(stmt = rubric_db_prepare (db, sql, error)))
    return FALSE;

  if (rubric_stmt_step (stmt) != RUBRIC_ROW)
    return rubric_db_set_error (db, error);

  *value = rubric_stmt_column_int (stmt, 0);
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

/* SQL functions the schema and the queries use (the PostgreSQL schema
 * defines the same ones in SQL, rubric-migrations-pg.c). */

/* rubric_local_clock (unix_utc, tzid): the wall-clock time in @tzid as
 * seconds since 1970-01-01 00:00 there, what a row shows as "YYYY-MM-DD
 * HH:MM ZONE"; sorting by it sorts by what the user reads. */
static void
sql_local_clock (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  GHashTable *zones = sqlite3_user_data (context);
  const char *tzid = (const char *) sqlite3_value_text (argv[1]);
  GTimeZone *zone;
  gint64 t;
  int interval;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  if (tzid == NULL)
    tzid = "UTC";
  zone = g_hash_table_lookup (zones, tzid);
  if (zone == NULL)
    {
      /* As the day cache and the PostgreSQL function: a name that is no
       * IANA zone (a POSIX rule, a path) counts as UTC. */
      zone = rubric_time_zone_new (tzid);
      g_hash_table_insert (zones, g_strdup (tzid), zone);
    }

  t = sqlite3_value_int64 (argv[0]);
  interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, t);
  sqlite3_result_int64 (context, t + g_time_zone_get_offset (zone, interval));
}

static void
free_zones (void *data)
{
  g_hash_table_unref (data);
}


static void
sql_local_day (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  GHashTable *caches = sqlite3_user_data (context);
  const char *tzid = (const char *) sqlite3_value_text (argv[1]);
  RubricDayCache *cache;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  if (tzid == NULL)
    tzid = "UTC";

  cache = g_hash_table_lookup (caches, tzid);
  if (cache == NULL)
    {
      cache = rubric_day_cache_new (tzid);
      g_hash_table_insert (caches, g_strdup (tzid), cache);
    }

  sqlite3_result_int64 (context,
                        rubric_day_cache_day (cache, sqlite3_value_int64 (argv[0])));
}

static void
sql_wait_bucket (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  double wait = sqlite3_value_type (argv[0]) == SQLITE_NULL ? 0 : sqlite3_value_double (argv[0]);

  sqlite3_result_int64 (context, rubric_wait_bucket (wait));
}

static void
sql_gap_bucket (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  gint64 gap = sqlite3_value_type (argv[0]) == SQLITE_NULL ? -1 : sqlite3_value_int64 (argv[0]);

  sqlite3_result_int64 (context, rubric_gap_bucket (gap));
}

static void
free_caches (void *data)
{
  g_hash_table_unref (data);
}

static gboolean
register_functions (sqlite3 *handle)
{
  GHashTable *zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_time_zone_unref);
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  GHashTable *caches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) rubric_day_cache_free);

  return sqlite3_create_function_v2 (handle, "rubric_local_day", 2, flags, caches,
                                     sql_local_day, NULL, NULL, free_caches) == SQLITE_OK &&
         sqlite3_create_function_v2 (handle, "rubric_wait_bucket", 1, flags, NULL,
                                     sql_wait_bucket, NULL, NULL, NULL) == SQLITE_OK &&
         sqlite3_create_function_v2 (handle, "rubric_gap_bucket", 1, flags, NULL,
                                     sql_gap_bucket, NULL, NULL, NULL) == SQLITE_OK &&
         /* The lists sort by it. */
         sqlite3_create_function_v2 (handle, "rubric_local_clock", 2, flags, zones,
                                     sql_local_clock, NULL, NULL, free_zones) == SQLITE_OK;
}

static gboolean
sqlite_check (RubricDb   *db,
              GPtrArray  *problems,
              GError    **error)
{
  g_autoptr(RubricStmt) integrity = NULL;
  g_autoptr(RubricStmt) foreign = NULL;
  int rc;

  if (!(integrity = rubric_db_prepare (db, "PRAGMA integrity_check", error)))
    return FALSE;

  while ((rc = rubric_stmt_step (integrity)) == RUBRIC_ROW)
    {
      const char *line = rubric_stmt_column_text (integrity, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (problems, g_strdup (line));
    }
  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);

  if (!(foreign = rubric_db_prepare (db, "PRAGMA foreign_key_check", error)))
    return FALSE;

  while ((rc = rubric_stmt_step (foreign)) == RUBRIC_ROW)
    g_ptr_array_add (problems,
                     g_strdup_printf (_("%s row %lld refers to a missing row of %s"),
                                      rubric_stmt_column_text (foreign, 0),
                                      (long long) rubric_stmt_column_int64 (foreign, 1),
                                      rubric_stmt_column_text (foreign, 2)));
  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);

  return TRUE;
}

static RubricDb *sqlite_open (const char  *path,
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

  if (!(db = sqlite_open (temporary, target, TRUE, error)))
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
  int code = sqlite3_extended_errcode (HANDLE (db));

  if ((code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT)
    g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                 _("%s: not a Rubric database: %s"), db->path, sqlite3_errmsg (HANDLE (db)));
  else
    rubric_db_set_error (db, error);
}

static RubricDb *
sqlite_open (const char  *path,
               int          target,
               gboolean     create,
               GError     **error)
{
  g_autoptr(RubricDb) db = NULL;
  sqlite3 *handle = NULL;
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

  db = rubric_db_new_common (&rubric_db_sqlite_backend, path);

  rc = sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  db->handle = handle;
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, path, handle, rc, NULL);
      return NULL;
    }

  sqlite3_busy_handler (handle, busy_cb, db);
  sqlite3_extended_result_codes (handle, TRUE);

  /* Migrations and imports define the call rollups with them. */
  if (!register_functions (handle))
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                   _("%s: cannot open the database: %s"), path, sqlite3_errmsg (handle));
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

static void
sqlite_close (RubricDb *db)
{
  if (db->handle != NULL)
    sqlite3_close_v2 (HANDLE (db));
  db->handle = NULL;
}

/* A consistent copy through SQLite's online backup API, safe while other
 * connections write. It is written to a temporary file beside
 * @destination, synced, and renamed over it only when complete: a kill or
 * a full disk leaves the old @destination (or none), never a partial one. */
static gboolean
sqlite_backup (RubricDb    *db,
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

  backup = sqlite3_backup_init (dest, "main", HANDLE (db), "main");
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

/* A store that is not a SQLite file (a team database) backed up as one: a
 * new Rubric SQLite file built whole beside @destination by rubric_db_copy,
 * then put in place, so it opens anywhere. */
gboolean
rubric_db_backup_generic (RubricDb    *db,
                          const char  *destination,
                          GError     **error)
{
  g_autofree char *temporary = NULL;
  RubricDb *copy;
  gboolean copied;

  if (!(temporary = create_temporary_beside (destination, error)))
    return FALSE;

  /* An empty file is built into a database of the same schema. */
  if (!(copy = sqlite_open (temporary, rubric_db_get_version (db), TRUE, error)))
    {
      remove_temporary (temporary);
      return FALSE;
    }

  copied = rubric_db_copy (db, copy, error);
  /* Closing the only connection checkpoints the WAL into the file. */
  rubric_db_close (copy);

  if (!copied || !move_into_place (temporary, destination, TRUE, error))
    {
      remove_temporary (temporary);
      return FALSE;
    }

  return TRUE;
}

const RubricDbBackend rubric_db_sqlite_backend = {
  .name = "sqlite",
  .open = sqlite_open,
  .close = sqlite_close,
  .exec = sqlite_exec,
  .prepare = sqlite_prepare,
  .set_error = sqlite_set_error,
  .in_transaction = sqlite_in_transaction,
  .changes = sqlite_changes,
  .last_insert_id = sqlite_last_insert_id,
  .begin_sql = "BEGIN IMMEDIATE",
  .step = sqlite_step,
  .reset = sqlite_reset,
  .clear_bindings = sqlite_clear_bindings,
  .finalize = sqlite_finalize,
  .bind_int64 = sqlite_bind_int64,
  .bind_double = sqlite_bind_double,
  .bind_text = sqlite_bind_text,
  .bind_null = sqlite_bind_null,
  .column_count = sqlite_column_count,
  .column_name = sqlite_column_name,
  .column_type = sqlite_column_type,
  .column_int64 = sqlite_column_int64,
  .column_double = sqlite_column_double,
  .column_text = sqlite_column_text,
  .check = sqlite_check,
  .watch_cancellable = sqlite_watch_cancellable,
  .bulk_begin = sqlite_bulk_begin,
  .bulk_row = sqlite_bulk_row,
  .bulk_end = sqlite_bulk_end,
  .backup = sqlite_backup,
};
