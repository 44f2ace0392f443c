/* rubric-vendor-detail.h — one vendor's rating for a period: summary, objectives, charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rubric-vendor-ratings.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_VENDOR_DETAIL (rubric_vendor_detail_get_type ())

G_DECLARE_FINAL_TYPE (RubricVendorDetail, rubric_vendor_detail, RUBRIC, VENDOR_DETAIL, AdwBin)

/* Shows @rating (copied from: the detail keeps no pointer to it). */
void        rubric_vendor_detail_show             (RubricVendorDetail       *self,
                                                   const RubricRating       *rating);
/* Scrolls to the charts at the end (for the screenshots). */
void        rubric_vendor_detail_scroll_to_end    (RubricVendorDetail       *self);
/* The objectives table: a header row, then one row per objective; the
 * list box is bound to a GListModel of as many items. */
GtkListBox *rubric_vendor_detail_get_objectives   (RubricVendorDetail       *self);
GListModel *rubric_vendor_detail_get_objectives_model (RubricVendorDetail   *self);

/* Shows @rating's grade in @label as a pill coloured by the grade's rank
 * in its contract; hides @label without a grade. */
void        rubric_vendor_detail_set_grade_label  (GtkLabel                 *label,
                                                   const RubricRating       *rating);
/* The vendors page's style sheet (grade pills, tags, tiles), once. */
void        rubric_vendor_detail_ensure_style     (void);

G_END_DECLS
