/* rubric-db.h — the store: a SQLite file or a team's PostgreSQL database;
 * opening, migrations, transactions, backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rubric-stmt.h"

G_BEGIN_DECLS

typedef struct _RubricDb RubricDb;

/* A member's role in a team database (SPEC §15). On SQLite (one person)
 * everything is permitted: the role is ADMIN. */
typedef enum
{
  RUBRIC_DB_ROLE_NONE = 0,   /* a login that is not a member */
  RUBRIC_DB_ROLE_REVIEWER,
  RUBRIC_DB_ROLE_LEAD,
  RUBRIC_DB_ROLE_ADMIN,
} RubricDbRole;

/* The schema version this build writes (PRAGMA user_version). */
#define RUBRIC_DB_SCHEMA_VERSION 6

char         *rubric_db_default_path     (void);
/* The password of connections to the team database @uri (given without
 * one), for every connection this process opens to it from now on: the
 * app's, from the keyring. In memory only, never shown. NULL forgets it. */
void          rubric_db_set_password     (const char    *uri,
                                          const char    *password);
/* TRUE when @name is a PostgreSQL connection URI ("postgresql://…" or
 * "postgres://…"), FALSE for a file path. */
gboolean      rubric_db_name_is_uri      (const char    *name);
RubricDb     *rubric_db_open             (const char    *path,
                                          GError       **error);
RubricDb     *rubric_db_open_existing    (const char    *path,
                                          GError       **error);
RubricDb     *rubric_db_open_at_version  (const char    *path,
                                          int            version,
                                          GError       **error);
void          rubric_db_close            (RubricDb      *db);

/* A writer that finds another one holding the database waits for it as
 * long as it takes. @func (process-wide; rubric-cli sets it on a terminal)
 * is told, once per wait, when a wait lasts; it may be called from any
 * thread that uses a connection. */
typedef void (*RubricDbWaitFunc) (const char *path,
                                  gpointer    user_data);
void          rubric_db_set_wait_func    (RubricDbWaitFunc func,
                                          gpointer       user_data);
/* A wait on @db ends, with G_IO_ERROR_CANCELLED, when @cancellable is
 * cancelled (the app gives its job's cancellable). NULL unsets it. */
void          rubric_db_set_cancellable  (RubricDb      *db,
                                          GCancellable  *cancellable);
/* The file, or the URI without its password: safe to print. */
const char   *rubric_db_get_path         (RubricDb      *db);
gboolean      rubric_db_is_postgres      (RubricDb      *db);
RubricDbRole  rubric_db_get_role         (RubricDb      *db);
/* The member name (the PostgreSQL user), NULL on SQLite. */
const char   *rubric_db_get_member       (RubricDb      *db);
/* TRUE inside a transaction (rubric_db_begin or a caller's). */
gboolean      rubric_db_in_transaction   (RubricDb      *db);
/* Rows changed by the last INSERT, UPDATE or DELETE. */
gint64        rubric_db_changes          (RubricDb      *db);
/* The id of the row the last INSERT on @db added (SQLite's rowid; on
 * PostgreSQL lastval ()). Where both stores run the statement, prefer
 * RETURNING id; this is for SQLite's fast paths. */
gint64        rubric_db_last_insert_id   (RubricDb      *db);
const char   *rubric_db_get_backup_path  (RubricDb      *db);
int           rubric_db_get_version      (RubricDb      *db);

gboolean      rubric_db_begin            (RubricDb      *db,
                                          GError       **error);
gboolean      rubric_db_commit           (RubricDb      *db,
                                          GError       **error);
void          rubric_db_rollback         (RubricDb      *db);
gboolean      rubric_db_exec             (RubricDb      *db,
                                          const char    *sql,
                                          GError       **error);
RubricStmt   *rubric_db_prepare          (RubricDb      *db,
                                          const char    *sql,
                                          GError       **error);
/* A prepared statement kept by the connection for reuse: borrowed, and
 * reset (with its bindings cleared) when the RubricCachedStmt autoptr that
 * holds it goes out of scope. For statements run in loops. */
typedef RubricStmt RubricCachedStmt;
RubricCachedStmt *rubric_db_cached       (RubricDb      *db,
                                          const char    *sql,
                                          GError       **error);
void          rubric_cached_stmt_release (RubricCachedStmt *stmt);
/* Runs a cached query with one text parameter (?1): the first column of
 * its first row, 0 when there is no row, -1 with @error set on failure. */
gint64        rubric_db_query_id         (RubricDb      *db,
                                          const char    *sql,
                                          const char    *text,
                                          GError       **error);
/* Objects derived from rows that never change (a stored scorecard version),
 * kept for the connection's life. The key must say everything the object
 * depends on. rubric_db_cache_insert takes ownership of @data. */
gpointer      rubric_db_cache_lookup     (RubricDb      *db,
                                          const char    *key);
void          rubric_db_cache_insert     (RubricDb      *db,
                                          const char    *key,
                                          gpointer       data,
                                          GDestroyNotify destroy);
gboolean      rubric_db_step_done        (RubricDb      *db,
                                          RubricStmt    *stmt,
                                          GError       **error);
gboolean      rubric_db_set_error        (RubricDb      *db,
                                          GError       **error);

gboolean      rubric_db_check            (RubricDb      *db,
                                          GPtrArray    **problems,
                                          GError       **error);
/* A consistent copy as a Rubric SQLite file (from either store), written
 * beside @destination and renamed into place when complete. */
gboolean      rubric_db_backup           (RubricDb      *db,
                                          const char    *destination,
                                          GError       **error);
/* Copies every row of @from into @to, a database just created (empty, at
 * the same schema version), in one transaction of @to: a personal SQLite
 * file into a new team database, or back (rubric-db-copy.c). */
gboolean      rubric_db_copy             (RubricDb      *from,
                                          RubricDb      *to,
                                          GError       **error);
/* Bulk load of many rows into @table (on PostgreSQL through COPY, on
 * SQLite through one prepared INSERT), inside the caller's transaction.
 * @columns is NULL-terminated; each row gives as many values, as text in
 * the C locale ("12", "0.5"), NULL for NULL. No other statement may run on
 * @db between begin and end. */
gboolean      rubric_db_bulk_begin       (RubricDb           *db,
                                          const char         *table,
                                          const char * const *columns,
                                          GError            **error);
gboolean      rubric_db_bulk_row         (RubricDb           *db,
                                          const char * const *values,
                                          GError            **error);
gboolean      rubric_db_bulk_end         (RubricDb           *db,
                                          GError            **error);
/* Savepoints inside a transaction: a part of it that can be undone alone.
 * @name is a fixed identifier of the caller (not input). */
gboolean      rubric_db_savepoint        (RubricDb      *db,
                                          const char    *name,
                                          GError       **error);
gboolean      rubric_db_release          (RubricDb      *db,
                                          const char    *name,
                                          GError       **error);
void          rubric_db_rollback_to      (RubricDb      *db,
                                          const char    *name);
/* While @cancellable is set, a statement running on @db stops soon after
 * it is cancelled (G_IO_ERROR_CANCELLED). NULL stops watching. */
void          rubric_db_watch_cancellable (RubricDb     *db,
                                          GCancellable  *cancellable);

gint64        rubric_db_ensure_vendor    (RubricDb      *db,
                                          const char    *name,
                                          GError       **error);
gint64        rubric_db_ensure_agent     (RubricDb      *db,
                                          gint64         vendor_id,
                                          const char    *external_id,
                                          GError       **error);
gint64        rubric_db_ensure_queue     (RubricDb      *db,
                                          const char    *name,
                                          GError       **error);
gint64        rubric_db_ensure_source    (RubricDb      *db,
                                          const char    *name,
                                          GError       **error);
gint64        rubric_db_lookup_vendor    (RubricDb      *db,
                                          const char    *name,
                                          GError       **error);
gint64        rubric_db_lookup_queue     (RubricDb      *db,
                                          const char    *name,
                                          GError       **error);
gint64        rubric_db_lookup_agent     (RubricDb      *db,
                                          gint64         vendor_id,
                                          const char    *external_id,
                                          GError       **error);
char         *rubric_db_get_vendor_timezone (RubricDb   *db,
                                          gint64         vendor_id);
/* Maps @queue to @vendor (both created when new), in one transaction:
 * the calls of @queue in queue_logs imported from then on are @vendor's. */
gboolean      rubric_db_map_queue        (RubricDb      *db,
                                          const char    *queue,
                                          const char    *vendor,
                                          GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricDb, rubric_db_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricCachedStmt, rubric_cached_stmt_release)

G_END_DECLS
