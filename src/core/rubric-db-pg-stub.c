/* rubric-db-pg-stub.c — placeholder until the PostgreSQL backend lands
 * (removed by the merge of rubric-db-pg.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rubric-db-backend.h"
#include "rubric-error.h"
#include "rubric-private.h"

static RubricDb *
stub_open (const char  *name,
           int          target,
           gboolean     create,
           GError     **error)
{
  g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
               "%s: this build has no PostgreSQL support yet", name);
  return NULL;
}

const RubricDbBackend rubric_db_pg_backend = {
  .name = "postgresql",
  .open = stub_open,
};
