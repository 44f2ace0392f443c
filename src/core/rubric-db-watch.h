/* rubric-db-watch.h — told when another connection changed the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a SQLite file: a GFileMonitor on the file and its -wal, debounced
 * (about 300 ms after the last change). On PostgreSQL: a connection of its
 * own that LISTENs on "rubric_evaluations" (the schema's trigger notifies
 * it when evaluations change), watched by a GSource on its socket, that
 * connects without blocking and connects again, with back-off, when the
 * server is lost (and then calls @func once: it may have missed news).
 *
 * @func runs in the thread-default main context of the caller of
 * rubric_db_watch_new; nothing in it waits on the network.
 */

#pragma once

#include <gio/gio.h>

#include "rubric-db.h"

G_BEGIN_DECLS

typedef struct _RubricDbWatch RubricDbWatch;

typedef void (*RubricDbWatchFunc) (gpointer user_data);

/* @name: a file path or a PostgreSQL connection URI (with its password,
 * if any: kept in memory only). */
RubricDbWatch *rubric_db_watch_new      (const char        *name,
                                         RubricDbWatchFunc  func,
                                         gpointer           user_data,
                                         GError           **error);
/* On SQLite, a change is only reported when a connection other than @own
 * committed it (PRAGMA data_version of @own): our own saves are not news.
 * @own must outlive the watch or be unset with NULL. */
void           rubric_db_watch_set_own  (RubricDbWatch     *watch,
                                         RubricDb          *own);
void           rubric_db_watch_free     (RubricDbWatch     *watch);
/* Whether changes are being watched: always on SQLite; on PostgreSQL once
 * the LISTEN connection is up (for the tests). */
gboolean       rubric_db_watch_get_ready (RubricDbWatch    *watch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricDbWatch, rubric_db_watch_free)

/* rubric-db-pg-listen.c, for rubric-db-watch.c only: the PostgreSQL half. */
typedef struct _RubricPgListen RubricPgListen;

RubricPgListen *rubric_pg_listen_new    (const char        *conninfo,
                                         const char        *channel,
                                         RubricDbWatchFunc  func,
                                         gpointer           user_data);
void            rubric_pg_listen_free   (RubricPgListen    *listen);
/* Whether the listening connection is up (for tests). */
gboolean        rubric_pg_listen_get_connected (RubricPgListen *listen);

G_END_DECLS
