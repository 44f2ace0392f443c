/* rubric-vendors-page.h — vendors rated per period against their contracts, and the exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rubric-db.h"
#include "rubric-vendor-detail.h"
#include "rubric-vendor-ratings.h"

G_BEGIN_DECLS

#define RUBRIC_TYPE_VENDORS_PAGE (rubric_vendors_page_get_type ())

G_DECLARE_FINAL_TYPE (RubricVendorsPage, rubric_vendors_page, RUBRIC, VENDORS_PAGE, AdwBin)

/* Team mode: whether the member's role may import a contract. */
void                rubric_vendors_page_set_can_import  (RubricVendorsPage    *self,
                                                         gboolean              can_import);
void                rubric_vendors_page_set_db          (RubricVendorsPage    *self,
                                                         RubricDb             *db);
/* Rates the vendors again (in a worker thread), over the same period. */
void                rubric_vendors_page_reload          (RubricVendorsPage    *self);
/* Whether the ratings are being computed. */
gboolean            rubric_vendors_page_get_loading     (RubricVendorsPage    *self);

/* The period shown; FALSE before the first ratings came. */
gboolean            rubric_vendors_page_get_period      (RubricVendorsPage    *self,
                                                         RubricDayRange       *range,
                                                         RubricPeriodKind     *kind);
/* The ratings shown (RubricRating, by vendor name), or NULL. */
GPtrArray          *rubric_vendors_page_get_ratings     (RubricVendorsPage    *self);

/* The vendor list (a row per vendor, in the order of the ratings) and
 * the detail of the selected vendor. */
GtkListBox         *rubric_vendors_page_get_vendor_list (RubricVendorsPage    *self);
RubricVendorDetail *rubric_vendors_page_get_detail      (RubricVendorsPage    *self);
/* The selected vendor's detail: beside the list, or one step on when
 * folded (as activating its row does). */
void                rubric_vendors_page_show_detail     (RubricVendorsPage    *self);
/* Folded on a vendor's detail, goes back to the vendor list and returns
 * TRUE; else FALSE (the window's back button then goes to its sidebar). */
gboolean            rubric_vendors_page_navigate_back   (RubricVendorsPage    *self);
/* Selects @vendor's row; FALSE when it is not listed. */
gboolean            rubric_vendors_page_select_vendor   (RubricVendorsPage    *self,
                                                         const char           *vendor);

/* Exports the ratings of the period shown to @file as @format, off the
 * main thread with the window's job bar; a toast says how it went. */
void                rubric_vendors_page_export          (RubricVendorsPage    *self,
                                                         GFile                *file,
                                                         RubricRatingsExport   format);

G_END_DECLS
