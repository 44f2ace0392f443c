/* rubric-vendor-ratings.h — the vendors page's figures, computed and exported in worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rubric-db.h"
#include "rubric-kpis.h"
#include "rubric-rating.h"

G_BEGIN_DECLS

/* Today, as a local day of rubric-period.h. */
gint32     rubric_vendor_ratings_today    (void);

/* The ratings of every vendor with a contract over @range, with their
 * previous period and trend (a GPtrArray of RubricRating, by vendor name;
 * empty when no vendor has a contract). Checks @cancellable between
 * vendors. */
GPtrArray *rubric_vendor_ratings_compute  (RubricDb            *db,
                                           RubricDayRange       range,
                                           RubricPeriodKind     kind,
                                           GCancellable        *cancellable,
                                           GError             **error);

/* rubric_vendor_ratings_compute () in a worker thread, on a connection of
 * its own to @db's file; with @range NULL, over the default period (and
 * @kind is ignored). */
void       rubric_vendor_ratings_async    (RubricDb            *db,
                                           const RubricDayRange *range,
                                           RubricPeriodKind     kind,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* The ratings, and the period they are over; @latest_day receives the
 * last day with data when @range was NULL, else -1. */
GPtrArray *rubric_vendor_ratings_finish   (GAsyncResult        *result,
                                           RubricDayRange      *range,
                                           RubricPeriodKind    *kind,
                                           gint32              *latest_day,
                                           GError             **error);

/* rubric_ratings_export () of every vendor with a contract to @file (replaced only once complete) in a
 * worker thread, on a connection of its own. */
void       rubric_ratings_export_async    (RubricDb            *db,
                                           RubricDayRange       range,
                                           RubricPeriodKind     kind,
                                           RubricRatingsExport  format,
                                           GFile               *file,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean   rubric_ratings_export_finish   (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
