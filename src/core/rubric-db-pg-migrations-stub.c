/* rubric-db-pg-migrations-stub.c — placeholder until the PostgreSQL schema
 * (rubric-migrations-pg.c, branch pgschema) lands: delete this file and its
 * line in meson.build when merging that branch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rubric-db-backend.h"

#define NO_SCHEMA \
  "DO $$ BEGIN RAISE EXCEPTION 'this build has no PostgreSQL schema yet'; END $$"

const char * const rubric_db_pg_migrations[] = {
  NULL,
  NO_SCHEMA,
  NO_SCHEMA,
  NO_SCHEMA,
  NO_SCHEMA,
};

G_STATIC_ASSERT (G_N_ELEMENTS (rubric_db_pg_migrations) == RUBRIC_DB_SCHEMA_VERSION + 1);
