/* rubric-vendor-row.h — a vendor of the Vendors page's list: name, rating, grade, range, flags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rubric-rating.h"

G_BEGIN_DECLS

/* One rating of a GPtrArray of RubricRating, as an item of a GListModel
 * (the array is kept alive as long as the item). */
#define RUBRIC_TYPE_RATING_ITEM (rubric_rating_item_get_type ())

G_DECLARE_FINAL_TYPE (RubricRatingItem, rubric_rating_item, RUBRIC, RATING_ITEM, GObject)

RubricRatingItem   *rubric_rating_item_new        (GPtrArray          *ratings,
                                                   guint               index);
const RubricRating *rubric_rating_item_get_rating (RubricRatingItem   *self);

#define RUBRIC_TYPE_VENDOR_ROW (rubric_vendor_row_get_type ())

G_DECLARE_FINAL_TYPE (RubricVendorRow, rubric_vendor_row, RUBRIC, VENDOR_ROW, GtkListBoxRow)

/* The row of @item (a RubricRatingItem), for gtk_list_box_bind_model (). */
GtkWidget          *rubric_vendor_row_new         (RubricRatingItem   *item);

G_END_DECLS
