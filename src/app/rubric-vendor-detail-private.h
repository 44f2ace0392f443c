/* rubric-vendor-detail-private.h — what the vendor detail's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-rating-chart.h"
#include "rubric-vendor-detail.h"

G_BEGIN_DECLS

enum
{
  COLUMN_TARGET,
  COLUMN_ACTUAL,
  COLUMN_CHANGE,
  COLUMN_RESULT,
  N_COLUMNS
};

struct _RubricVendorDetail
{
  AdwBin             parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  GtkLabel          *name_label;
  GtkLabel          *subtitle_label;
  GtkWidget         *rating_child;
  GtkWidget         *credits_child;
  GtkWidget         *met_child;
  GtkLabel          *rating_label;
  GtkLabel          *grade_label;
  GtkLabel          *range_label;
  GtkLabel          *change_label;
  GtkLabel          *credits_label;
  GtkLabel          *credits_detail_label;
  GtkLabel          *met_label;
  GtkLabel          *sample_label;
  GtkBox            *flags_box;
  GtkListBox        *objectives_list;
  GtkListBox        *objectives_compact_list;
  RubricRatingChart *trend_chart;
  GtkWidget         *kpi_section;
  GtkListBox        *kpi_list;
  GtkWidget         *qa_section;
  GtkListBox        *qa_list;

  /* Owned references */
  GtkSizeGroup      *columns[N_COLUMNS];
  GListStore        *objectives;          /* the table's model: a header item, the objectives */
  GListStore        *objectives_compact;  /* the narrow list's: the objectives */
  char              *vendor;
};

/* rubric-vendor-detail.c */
void       rubric_vendor_detail_clear      (GtkWidget                *box);
/* A label with @xalign and the style classes that follow, NULL-terminated. */
GtkWidget *rubric_vendor_detail_new_label  (const char               *text,
                                            float                     xalign,
                                            const char               *style,
                                            ...);

/* rubric-vendor-detail-charts.c */
void       rubric_vendor_detail_show_trend (RubricVendorDetail       *self,
                                            const RubricRating       *rating);
void       rubric_vendor_detail_show_kpis  (RubricVendorDetail       *self,
                                            const RubricRating       *rating);
void       rubric_vendor_detail_show_qa    (RubricVendorDetail       *self,
                                            const RubricRating       *rating);

G_END_DECLS
