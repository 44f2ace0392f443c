/* rubric-rating-charts.h — what the report's pages and its charts share (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rubric-rating-pdf.c lays out the pages and owns the drawing context;
 * rubric-rating-charts.c draws the two charts of a rating with the text
 * and number helpers declared here, so both look the same.
 */

#pragma once

#include <cairo.h>
#include <locale.h>
#include <pango/pangocairo.h>

#include "rubric-rating.h"

G_BEGIN_DECLS

#define RUBRIC_PDF_PAGE_WIDTH  595.276   /* A4 portrait, in points */
#define RUBRIC_PDF_PAGE_HEIGHT 841.89
#define RUBRIC_PDF_MARGIN      42.0
#define RUBRIC_PDF_TOP         40.0
#define RUBRIC_PDF_BOTTOM      (RUBRIC_PDF_PAGE_HEIGHT - 50.0)
#define RUBRIC_PDF_WIDTH       (RUBRIC_PDF_PAGE_WIDTH - 2 * RUBRIC_PDF_MARGIN)

/* What an undefined figure shows: never 0 (SPEC §3.2, §4.3). */
#define RUBRIC_PDF_DASH "—"

/* Type sizes, in points. */
#define RUBRIC_PDF_SIZE_SMALL   7.0
#define RUBRIC_PDF_SIZE_TABLE   7.5
#define RUBRIC_PDF_SIZE_BODY    8.5
#define RUBRIC_PDF_SIZE_SECTION 11.0

typedef enum
{
  RUBRIC_PDF_INK,           /* body text */
  RUBRIC_PDF_INK_MUTED,     /* labels, notes */
  RUBRIC_PDF_INK_FAINT,     /* axes, rules */
  RUBRIC_PDF_INK_GRID,      /* grid lines, table stripes */
  RUBRIC_PDF_INK_PANEL,     /* panel backgrounds */
  RUBRIC_PDF_INK_ACCENT,
  RUBRIC_PDF_INK_GOOD,
  RUBRIC_PDF_INK_BAD,
  RUBRIC_PDF_INK_WARNING,
  RUBRIC_PDF_INK_WARNING_BG,
  RUBRIC_PDF_INK_TARGET,
  RUBRIC_PDF_INK_WHITE,
} RubricPdfInk;

typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  PangoContext    *context;
  locale_t         numeric;     /* the user's LC_NUMERIC, for the figures */
  GCancellable    *cancellable;

  guint            page;        /* the page being drawn, from 1; 0 before the first */
  guint            n_pages;     /* known on the second pass, 0 on the first */
  gboolean         page_open;
  gboolean         cancelled;
  double           y;           /* where the next block goes */

  /* For the running header and the footer of the pages being drawn. */
  const RubricRating *rating;   /* NULL on the method pages */
  char            *running_title;
  char            *generated;   /* the day the report is made, as text */
} RubricPdf;

void         rubric_pdf_set_ink          (RubricPdf            *pdf,
                                          RubricPdfInk          ink,
                                          double                alpha);

/* A layout of @text (markup when @markup) in the report's font; @width ≤ 0
 * leaves it unbounded; @max_lines > 0 ellipsizes after that many lines. */
PangoLayout *rubric_pdf_layout           (RubricPdf            *pdf,
                                          const char           *text,
                                          gboolean              markup,
                                          double                size,
                                          PangoWeight           weight,
                                          double                width,
                                          int                   max_lines,
                                          PangoAlignment        alignment);
double       rubric_pdf_layout_height    (PangoLayout          *layout);
double       rubric_pdf_layout_width     (PangoLayout          *layout);
void         rubric_pdf_show             (RubricPdf            *pdf,
                                          PangoLayout          *layout,
                                          double                x,
                                          double                y,
                                          RubricPdfInk          ink);
/* Draws @text with its top left at (@x, @y); returns its height. */
double       rubric_pdf_text             (RubricPdf            *pdf,
                                          const char           *text,
                                          double                size,
                                          PangoWeight           weight,
                                          RubricPdfInk          ink,
                                          double                x,
                                          double                y,
                                          double                width,
                                          int                   max_lines,
                                          PangoAlignment        alignment);

/* Figures in the user's locale ("87,12" in French); a minus sign, not a
 * hyphen. */
char        *rubric_pdf_number           (RubricPdf            *pdf,
                                          double                value,
                                          int                   decimals);
char        *rubric_pdf_count            (RubricPdf            *pdf,
                                          guint64               count);

/* The name of a QA category: the four of SPEC §1 translated, a
 * scorecard's own key as it is. */
const char  *rubric_pdf_category_name    (const char           *key);
/* A tick label of the trend chart: "Oct" (with "\n2026" when @with_year). */
char        *rubric_pdf_period_tick      (RubricDayRange        range,
                                          RubricPeriodKind      kind,
                                          gboolean              with_year);
/* The colour of a grade: the contract's best band green, its worst red. */
RubricPdfInk rubric_pdf_grade_ink        (const RubricContract *contract,
                                          const char           *grade);

/* The charts, @width wide at (@x, @y): drawn with @draw, else only
 * measured; each returns the height it takes. */
double       rubric_pdf_qa_chart         (RubricPdf            *pdf,
                                          const RubricRating   *rating,
                                          double                x,
                                          double                y,
                                          double                width,
                                          gboolean              draw);
double       rubric_pdf_trend_chart      (RubricPdf            *pdf,
                                          const RubricRating   *rating,
                                          double                x,
                                          double                y,
                                          double                width,
                                          gboolean              draw);

G_END_DECLS
