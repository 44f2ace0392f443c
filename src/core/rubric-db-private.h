/* rubric-db-private.h — internals of the store shared with its migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-db.h"
#include "rubric-private.h"

G_BEGIN_DECLS

/* rubric_db_migrations[N] brings user_version N-1 to N; index 0 is unused. */
extern const char * const rubric_db_migrations[];
/* The same for a team (PostgreSQL) database (rubric-migrations-pg.c). */
extern const char * const rubric_db_pg_migrations[];

/* 'RBRC': marks the file as Rubric's (PRAGMA application_id). */
#define RUBRIC_DB_APPLICATION_ID 0x52425243

G_END_DECLS
