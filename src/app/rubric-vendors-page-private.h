/* rubric-vendors-page-private.h — what the vendors page's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-vendors-page.h"
#include "rubric-window.h"

G_BEGIN_DECLS

struct _RubricVendorsPage
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkWidget            *toolbar;
  GtkWidget            *toolbar_separator;
  GtkLabel             *period_label;
  GtkDropDown          *kind_dropdown;
  GtkSpinner           *spinner;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  AdwLeaflet           *leaflet;
  GtkListBox           *vendor_list;
  GtkWidget            *detail_box;
  GtkWidget            *back_button;
  RubricVendorDetail   *detail;

  /* Owned references */
  GCancellable         *loading;
  GPtrArray            *ratings;     /* RubricRating, what the page shows */
  GListStore           *vendors;     /* RubricRatingItem of @ratings: the vendor list's model */
  GtkFileChooserNative *chooser;
  char                 *selected;    /* the vendor whose detail shows */

  /* Borrowed references */
  RubricDb             *db;
  AdwLeaflet           *outer;       /* the window's leaflet, while the page is in one */

  gboolean              has_period;
  RubricDayRange        range;
  RubricPeriodKind      kind;
  gint32                data_day;    /* the last day with data, as of the last load */
  gboolean              moved;       /* the user chose a period: it is no longer re-derived */
  gboolean              reload_pending;
  gboolean              filling;
  guint                 stale_source;  /* dims the old ratings when a load takes long */
  gboolean              disposed;
  gboolean              import_refused;  /* the member's role may not import (team mode) */
};

/* rubric-vendors-page-exports.c */
void rubric_vendors_page_export_action          (GtkWidget  *widget,
                                                 const char *action_name,
                                                 GVariant   *parameter);
void rubric_vendors_page_import_contract_action (GtkWidget  *widget,
                                                 const char *action_name,
                                                 GVariant   *parameter);

G_END_DECLS
