/* rubric-contract-store.c — vendors' contracts in the database, by validity date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A vendor has one contract row per valid-from day; the row keeps the
 * canonical XML (the definition, which loading parses) and, beside it, the
 * KPI settings as columns for queries that need no more. Importing a
 * version with a known valid-from replaces that version: a contract is
 * corrected, not versioned, within one validity date. Nothing refers to a
 * contract row, so replacing one leaves nothing dangling.
 *
 * The vendor's time zone, in which its calls are cut into days, follows its
 * latest contract version: periods are counted in one zone for the whole
 * history, as the day rollups can only be kept in one.
 */

#include "config.h"

#include <string.h>

#include "rubric-clock.h"
#include "rubric-contract-store.h"
#include "rubric-error.h"
#include "rubric-private.h"
#include "rubric-rollups.h"
#include "rubric-time.h"

#define SAVEPOINT_NAME "rubric_contract_import"

/* Returns 1 when the stored definition for (vendor, valid-from) is
 * @definition, 0 when it differs or there is none, -1 on error. */
static int
is_stored (RubricDb    *db,
           gint64       vendor_id,
           const char  *valid_from,
           const char  *definition,
           GError     **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  int rc;

  stmt = rubric_db_cached (db,
                           "SELECT definition FROM contracts "
                           "WHERE vendor_id = ?1 AND valid_from = ?2",
                           error);
  if (stmt == NULL)
    return -1;

  rubric_stmt_bind_int64 (stmt, 1, vendor_id);
  rubric_stmt_bind_text (stmt, 2, valid_from);
  rc = rubric_stmt_step (stmt);
  if (rc == RUBRIC_ROW)
    return g_strcmp0 (rubric_stmt_column_text (stmt, 0), definition) == 0;
  if (rc == RUBRIC_DONE)
    return 0;

  rubric_db_set_error (db, error);
  return -1;
}

static gboolean
write_version (RubricDb              *db,
               gint64                 vendor_id,
               const RubricContract  *contract,
               const char            *definition,
               GError               **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;

  stmt = rubric_db_cached (db,
                           "INSERT INTO contracts (vendor_id, valid_from, timezone, period, "
                           "  threshold, short_abandon, formula, repeat_days, definition, "
                           "  imported_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                           "ON CONFLICT (vendor_id, valid_from) DO UPDATE SET "
                           "  timezone = excluded.timezone, period = excluded.period, "
                           "  threshold = excluded.threshold, "
                           "  short_abandon = excluded.short_abandon, "
                           "  formula = excluded.formula, repeat_days = excluded.repeat_days, "
                           "  definition = excluded.definition, "
                           "  imported_at = excluded.imported_at",
                           error);
  if (stmt == NULL)
    return FALSE;

  rubric_stmt_bind_int64 (stmt, 1, vendor_id);
  rubric_stmt_bind_text (stmt, 2, contract->valid_from);
  rubric_stmt_bind_text (stmt, 3, contract->timezone);
  rubric_stmt_bind_text (stmt, 4, contract->period);
  rubric_stmt_bind_int64 (stmt, 5, contract->threshold);
  rubric_stmt_bind_int64 (stmt, 6, contract->short_abandon);
  rubric_stmt_bind_text (stmt, 7, rubric_sl_formula_to_string (contract->formula));
  rubric_stmt_bind_int64 (stmt, 8, contract->repeat_days);
  rubric_stmt_bind_text (stmt, 9, definition);
  rubric_stmt_bind_int64 (stmt, 10, rubric_clock_now ());

  return rubric_db_step_done (db, stmt, error);
}

/* Points vendors.timezone at the zone of the vendor's latest version, and
 * rebuilds the vendor's rollups when that moves its days. */
static gboolean
follow_latest_timezone (RubricDb  *db,
                        gint64     vendor_id,
                        gboolean  *changed,
                        GError   **error)
{
  g_autoptr(RubricCachedStmt) select = NULL;
  g_autoptr(RubricCachedStmt) update = NULL;
  g_autofree char *latest = NULL;
  int rc;

  select = rubric_db_cached (db,
                             "SELECT v.timezone, "
                             "  (SELECT c.timezone FROM contracts AS c WHERE c.vendor_id = v.id "
                             "   ORDER BY c.valid_from DESC LIMIT 1) "
                             "FROM vendors AS v WHERE v.id = ?1",
                             error);
  if (select == NULL)
    return FALSE;

  rubric_stmt_bind_int64 (select, 1, vendor_id);
  rc = rubric_stmt_step (select);
  if (rc != RUBRIC_ROW)
    return rubric_db_set_error (db, error);

  latest = g_strdup (rubric_stmt_column_text (select, 1));
  if (latest == NULL ||
      g_strcmp0 (rubric_stmt_column_text (select, 0), latest) == 0)
    return TRUE;

  update = rubric_db_cached (db, "UPDATE vendors SET timezone = ?2 WHERE id = ?1", error);
  if (update == NULL)
    return FALSE;

  rubric_stmt_bind_int64 (update, 1, vendor_id);
  rubric_stmt_bind_text (update, 2, latest);
  if (!rubric_db_step_done (db, update, error))
    return FALSE;

  *changed = TRUE;
  return rubric_rollups_rebuild_vendor (db, vendor_id, error);
}

static gboolean
import_inside (RubricDb              *db,
               const RubricContract  *contract,
               gboolean              *changed,
               GError               **error)
{
  g_autofree char *definition = rubric_contract_to_xml (contract);
  g_autofree char *label = NULL;
  g_autoptr(RubricContract) check = NULL;
  gint64 vendor_id;
  int stored;

  /* A contract read from a file is valid; one built in code may not be.
   * What is stored must load back, so the definition is read once here. */
  label = g_strdup_printf ("%s@%s", contract->vendor, contract->valid_from);
  check = rubric_contract_new_from_xml (label, definition, -1, error);
  if (check == NULL)
    return FALSE;

  vendor_id = rubric_db_ensure_vendor (db, contract->vendor, error);
  if (vendor_id < 0)
    return FALSE;

  stored = is_stored (db, vendor_id, contract->valid_from, definition, error);
  if (stored < 0)
    return FALSE;

  if (stored == 0)
    {
      if (!write_version (db, vendor_id, contract, definition, error))
        return FALSE;
      *changed = TRUE;
    }

  return follow_latest_timezone (db, vendor_id, changed, error);
}

gboolean
rubric_contract_store_import (RubricDb              *db,
                              const RubricContract  *contract,
                              gboolean              *changed,
                              GError               **error)
{
  gboolean own_transaction;
  gboolean did_change = FALSE;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (contract != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A transaction of our own, or a savepoint inside the caller's, so that a
   * failure undoes exactly what this import wrote. */
  own_transaction = !rubric_db_in_transaction (db);
  if (!(own_transaction ? rubric_db_begin (db, error)
                        : rubric_db_exec (db, "SAVEPOINT " SAVEPOINT_NAME, error)))
    return FALSE;

  if (!import_inside (db, contract, &did_change, error))
    {
      if (own_transaction)
        rubric_db_rollback (db);
      else
        rubric_db_exec (db,
                        "ROLLBACK TO " SAVEPOINT_NAME "; RELEASE " SAVEPOINT_NAME,
                        NULL);
      return FALSE;
    }

  if (!(own_transaction ? rubric_db_commit (db, error)
                        : rubric_db_exec (db, "RELEASE " SAVEPOINT_NAME, error)))
    return FALSE;

  if (changed != NULL)
    *changed = did_change;
  return TRUE;
}

RubricContract *
rubric_contract_store_load_for_vendor_id (RubricDb    *db,
                                          gint64       vendor_id,
                                          const char  *day,
                                          GError     **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  g_autofree char *label = NULL;
  RubricContract *contract;
  const char *definition;
  GDate date;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (day != NULL && !rubric_time_parse_date (day, &date))
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                   _("“%s” is not a day written YYYY-MM-DD"), day);
      return NULL;
    }

  /* The vendor's row comes with the version, so that "no such vendor" and
   * "no contract in force" are told apart in one query. */
  stmt = rubric_db_cached (db,
                           "SELECT v.name, c.valid_from, c.definition "
                           "FROM vendors AS v LEFT JOIN contracts AS c ON c.id = "
                           "  (SELECT id FROM contracts WHERE vendor_id = v.id "
                           "   AND (?2 IS NULL OR valid_from <= ?2) "
                           "   ORDER BY valid_from DESC LIMIT 1) "
                           "WHERE v.id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;

  rubric_stmt_bind_int64 (stmt, 1, vendor_id);
  rubric_stmt_bind_text (stmt, 2, day);
  rc = rubric_stmt_step (stmt);
  if (rc == RUBRIC_DONE)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                   _("There is no vendor with id %lld"), (long long) vendor_id);
      return NULL;
    }
  if (rc != RUBRIC_ROW)
    {
      rubric_db_set_error (db, error);
      return NULL;
    }

  if (rubric_stmt_column_type (stmt, 2) == RUBRIC_NULL)
    return NULL;

  definition = rubric_stmt_column_text (stmt, 2);
  label = g_strdup_printf ("%s#contract/%s/%s", rubric_db_get_path (db),
                           rubric_stmt_column_text (stmt, 0),
                           rubric_stmt_column_text (stmt, 1));
  contract = rubric_contract_new_from_xml (label, definition, -1, error);
  if (contract == NULL)
    {
      /* What we stored no longer reads back: the database is damaged (or
       * this system has lost the contract's time zone). */
      if (error != NULL && *error != NULL)
        (*error)->code = RUBRIC_ERROR_DATABASE;
      return NULL;
    }

  return contract;
}

RubricContract *
rubric_contract_store_load (RubricDb    *db,
                            const char  *vendor,
                            const char  *day,
                            GError     **error)
{
  gint64 vendor_id;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (vendor != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  vendor_id = rubric_db_lookup_vendor (db, vendor, error);
  if (vendor_id < 0)
    return NULL;

  if (vendor_id == 0)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                   _("There is no vendor “%s”"), vendor);
      return NULL;
    }

  return rubric_contract_store_load_for_vendor_id (db, vendor_id, day, error);
}

GPtrArray *
rubric_contract_store_list_vendors (RubricDb  *db,
                                    GError   **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  g_autoptr(GPtrArray) names = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = rubric_db_prepare (db,
                            "SELECT v.name FROM vendors AS v "
                            "WHERE EXISTS (SELECT 1 FROM contracts AS c WHERE c.vendor_id = v.id) "
                            "ORDER BY v.name",
                            error);
  if (stmt == NULL)
    return NULL;

  names = g_ptr_array_new_with_free_func (g_free);
  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    g_ptr_array_add (names, g_strdup (rubric_stmt_column_text (stmt, 0)));

  if (rc != RUBRIC_DONE)
    {
      rubric_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&names);
}
