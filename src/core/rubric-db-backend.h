/* rubric-db-backend.h — what a database backend gives the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two backends implement this table: SQLite (rubric-db-sqlite.c, a file,
 * one person) and PostgreSQL (rubric-db-pg.c, a team's server, SPEC §15).
 * rubric-db.c holds what is common (the statement cache, the object cache,
 * transactions, opening by name) and dispatches here. Only the backends
 * include sqlite3.h or libpq-fe.h.
 */

#pragma once

#include "rubric-db.h"

G_BEGIN_DECLS

typedef struct _RubricDbBackend RubricDbBackend;

/* Every backend's statement starts with this. */
struct _RubricStmt
{
  RubricDb *db;
};

struct _RubricDb
{
  const RubricDbBackend *backend;
  gpointer      handle;      /* sqlite3 * or PGconn * */
  char         *path;        /* file path, or the URI without its password */
  char         *backup_path;
  int           version;
  RubricDbRole  role;        /* always ADMIN on SQLite */
  char         *member;      /* the member name (PostgreSQL user), NULL on SQLite */
  GHashTable   *statements;  /* SQL text (static) → RubricStmt */
  GHashTable   *objects;     /* key → CachedObject */
  GCancellable *cancellable; /* stops a wait for another writer */
  gint64        busy_since;  /* monotonic µs when the current wait began */
  gboolean      wait_said;   /* the wait function was told of this wait */
  gpointer      backend_data;
};

struct _RubricDbBackend
{
  const char *name;  /* "sqlite" or "postgresql" */

  /* Opening: brings the schema to @target (backup before migrating,
   * refusal of a newer schema); @create FALSE never creates anything. */
  RubricDb   *(*open)           (const char  *name,
                                 int          target,
                                 gboolean     create,
                                 GError     **error);
  void        (*close)          (RubricDb    *db);

  /* Runs one or more statements without parameters or rows. */
  gboolean    (*exec)           (RubricDb    *db,
                                 const char  *sql,
                                 GError     **error);
  RubricStmt *(*prepare)        (RubricDb    *db,
                                 const char  *sql,
                                 gboolean     persistent,
                                 GError     **error);
  /* The error of the last failed call on @db (a step, an exec). */
  void        (*set_error)      (RubricDb    *db,
                                 GError     **error);
  gboolean    (*in_transaction) (RubricDb    *db);
  /* Rows changed by the last INSERT, UPDATE or DELETE stepped on @db. */
  gint64      (*changes)        (RubricDb    *db);
  gint64      (*last_insert_id) (RubricDb    *db);
  /* "BEGIN IMMEDIATE" on SQLite, "BEGIN" on PostgreSQL. */
  const char *begin_sql;

  int         (*step)           (RubricStmt  *stmt);
  void        (*reset)          (RubricStmt  *stmt);
  void        (*clear_bindings) (RubricStmt  *stmt);
  void        (*finalize)       (RubricStmt  *stmt);
  void        (*bind_int64)     (RubricStmt  *stmt, int index, gint64 value);
  void        (*bind_double)    (RubricStmt  *stmt, int index, double value);
  void        (*bind_text)      (RubricStmt  *stmt, int index, const char *text, gboolean copy);
  void        (*bind_null)      (RubricStmt  *stmt, int index);
  int         (*column_count)   (RubricStmt  *stmt);
  const char *(*column_name)    (RubricStmt  *stmt, int column);
  int         (*column_type)    (RubricStmt  *stmt, int column);
  gint64      (*column_int64)   (RubricStmt  *stmt, int column);
  double      (*column_double)  (RubricStmt  *stmt, int column);
  const char *(*column_text)    (RubricStmt  *stmt, int column);

  /* Integrity checks of the engine itself, appended to @problems. */
  gboolean    (*check)          (RubricDb    *db,
                                 GPtrArray   *problems,
                                 GError     **error);
  /* While @cancellable is set (not NULL), a statement running on @db
   * stops soon after it is cancelled, failing with G_IO_ERROR_CANCELLED
   * from rubric_db_set_error (a list's count when the user types on). */
  void        (*watch_cancellable) (RubricDb     *db,
                                    GCancellable *cancellable);
  /* Bulk load (rubric_db_bulk_begin): COPY on PostgreSQL, a prepared
   * INSERT on SQLite. Values are text in the C locale, NULL for NULL. */
  gboolean    (*bulk_begin)     (RubricDb           *db,
                                 const char         *table,
                                 const char * const *columns,
                                 GError            **error);
  gboolean    (*bulk_row)       (RubricDb           *db,
                                 const char * const *values,
                                 GError            **error);
  gboolean    (*bulk_end)       (RubricDb           *db,
                                 GError            **error);
  /* A consistent copy of the whole database as a Rubric SQLite file,
   * written beside @destination and renamed into place when complete. */
  gboolean    (*backup)         (RubricDb    *db,
                                 const char  *destination,
                                 GError     **error);
};

extern const RubricDbBackend rubric_db_sqlite_backend;
extern const RubricDbBackend rubric_db_pg_backend;

/* Common parts the backends use. */
RubricDb *rubric_db_new_common (const RubricDbBackend *backend,
                                const char            *path);
/* Tells the wait function (rubric_db_set_wait_func) that @db waits. */
void      rubric_db_notify_wait (RubricDb             *db);
/* rubric_db_backup for a store that has no copy of its own: a new SQLite
 * file filled by rubric_db_copy (rubric-db-copy.c). */
gboolean  rubric_db_backup_generic (RubricDb          *db,
                                    const char        *destination,
                                    GError           **error);

/* The PostgreSQL migrations: index N brings schema version N-1 to N (the
 * same numbers as SQLite's); index 0 is unused. */
extern const char * const rubric_db_pg_migrations[];

/* SQLite's "?" and "?N" placeholders as PostgreSQL's "$N" (strings,
 * quoted names, comments and dollar-quoted text left alone); *@n_params is
 * the largest number. For rubric-db-pg.c and its tests. */
char     *rubric_db_pg_translate_placeholders (const char *sql,
                                               int        *n_params);

G_END_DECLS
