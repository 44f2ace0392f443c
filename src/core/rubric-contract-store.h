/* rubric-contract-store.h — vendors' contracts in the database, by validity date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-contract.h"
#include "rubric-db.h"

G_BEGIN_DECLS

/* Imports @contract in one transaction (a savepoint when the caller has one
 * open): creates the vendor if needed; a version with the same vendor and
 * valid-from is replaced. *@changed tells whether anything changed (an
 * identical canonical XML is unchanged). Sets vendors.timezone to the
 * timezone of the vendor's version with the latest valid-from; when that
 * changes the vendor's time zone, its rollups are rebuilt in the same
 * transaction. Nothing is written on error. */
gboolean        rubric_contract_store_import          (RubricDb              *db,
                                                       const RubricContract  *contract,
                                                       gboolean              *changed,
                                                       GError               **error);

/* The version in force on @day ("YYYY-MM-DD": the latest valid-from on or
 * before it), or with @day NULL the latest version. NULL without an error
 * when the vendor has no contract in force then; RUBRIC_ERROR_NOT_FOUND
 * when there is no such vendor; RUBRIC_ERROR_INPUT when @day is not a day. */
RubricContract *rubric_contract_store_load            (RubricDb              *db,
                                                       const char            *vendor,
                                                       const char            *day,
                                                       GError               **error);
RubricContract *rubric_contract_store_load_for_vendor_id (RubricDb           *db,
                                                       gint64                 vendor_id,
                                                       const char            *day,
                                                       GError               **error);

/* Names of the vendors with at least one contract, sorted (char *). */
GPtrArray      *rubric_contract_store_list_vendors    (RubricDb              *db,
                                                       GError               **error);

G_END_DECLS
