/* rubric-rating-period.h — the period a rating opens on: the latest day with a vendor's data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rubric-db.h"
#include "rubric-period.h"

G_BEGIN_DECLS

/* The last local day (in the vendor's time zone) with data of @vendor_id:
 * call records (from the rollups), submitted evaluations (by call time)
 * and reported figures (by the end of their period). FALSE without any
 * data, @error left alone; FALSE with @error set on failure. */
gboolean rubric_vendor_latest_day      (RubricDb          *db,
                                        gint64             vendor_id,
                                        gint32            *day,
                                        GError           **error);

/* The period to rate when nobody chose one: of the kind the contracts
 * agree on (month when they do not), containing the last day with data of
 * a vendor with a contract (rubric_vendor_latest_day ()), else today.
 * @latest_day (may be NULL) receives that day. */
gboolean rubric_ratings_default_period (RubricDb          *db,
                                        RubricDayRange    *range,
                                        RubricPeriodKind  *kind,
                                        gint32            *latest_day,
                                        GError           **error);

G_END_DECLS
