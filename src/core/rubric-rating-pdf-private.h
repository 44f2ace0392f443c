/* rubric-rating-pdf-private.h — what the files of the contract-review report share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rubric-rating-pdf.c owns the drawing context, the pages and the tables;
 * rubric-rating-pdf-text.c makes the text and the figures in the user's
 * locale; rubric-rating-pdf-summary.c, rubric-rating-pdf-method.c and
 * rubric-rating-charts.c draw parts of the pages with them, so that every
 * part looks the same. The names of metrics, categories, sources and
 * periods, and the units, are the app's too: rubric-rating-text.h.
 */

#pragma once

#include <cairo.h>
#include <locale.h>
#include <pango/pangocairo.h>

#include "rubric-rating.h"
#include "rubric-rating-text.h"

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

/* Between two sections of a page, in points. */
#define RUBRIC_PDF_SECTION_GAP 14.0

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

/* A table: the titles of its columns, then rows that wrap in their cells
 * and go on to the next page under the titles again. */
#define RUBRIC_PDF_MAX_COLUMNS 10

typedef struct
{
  double          width;       /* points; 0 for the one that takes what is left */
  PangoAlignment  alignment;
} RubricPdfColumn;

typedef struct
{
  char         *text[RUBRIC_PDF_MAX_COLUMNS];
  RubricPdfInk  ink[RUBRIC_PDF_MAX_COLUMNS];
  gboolean      bold[RUBRIC_PDF_MAX_COLUMNS];
  gboolean      markup[RUBRIC_PDF_MAX_COLUMNS];
} RubricPdfRow;

typedef struct
{
  const RubricPdfColumn *columns;
  guint                  n_columns;
  double                 size;       /* of the body; the column titles are smaller */
  const RubricPdfRow    *header;     /* repeated on every page the table runs onto */
} RubricPdfTable;

/* rubric-rating-pdf.c: ink, pages and tables */

void          rubric_pdf_set_ink            (RubricPdf            *pdf,
                                             RubricPdfInk          ink,
                                             double                alpha);
void          rubric_pdf_hairline           (RubricPdf            *pdf,
                                             double                x,
                                             double                y,
                                             double                width,
                                             RubricPdfInk          ink,
                                             double                line_width);
/* Ends the page being drawn (its footer), if one is open. */
void          rubric_pdf_finish_page        (RubricPdf            *pdf);
/* Ends the page being drawn and starts the next; FALSE when the report
 * was cancelled. */
gboolean      rubric_pdf_begin_page         (RubricPdf            *pdf);
/* Makes room for a block of @height, on a new page when it would not fit
 * on this one; FALSE when the report was cancelled. */
gboolean      rubric_pdf_ensure_space       (RubricPdf            *pdf,
                                             double                height);
/* A bookmark of the PDF to the page being drawn. */
void          rubric_pdf_add_outline        (RubricPdf            *pdf,
                                             const char           *name);
/* The height rubric_pdf_draw_section_title () takes for @title. */
double        rubric_pdf_section_title_height (RubricPdf          *pdf,
                                             const char         *title);
/* A row of figure tiles (value in @value_size points, label, optional
 * note) across the page, under @title when not NULL, kept together on one
 * page. The values stay the caller's. FALSE when cancelled. */
typedef struct
{
  char       *value;
  const char *label;
  const char *note;
} RubricPdfTile;
gboolean      rubric_pdf_draw_tiles         (RubricPdf            *pdf,
                                             const char           *title,
                                             double                value_size,
                                             const RubricPdfTile  *tiles,
                                             guint                 n_tiles);
void          rubric_pdf_draw_section_title (RubricPdf            *pdf,
                                             const char           *title);

void          rubric_pdf_row_clear          (RubricPdfRow         *row);
void          rubric_pdf_row_set_header     (RubricPdfRow         *row,
                                             const char          **titles,
                                             guint                 n_columns);
/* Starts a table under @title: the title, the column titles and the first
 * row (of @first_height) stay together. */
gboolean      rubric_pdf_table_begin        (RubricPdf            *pdf,
                                             const RubricPdfTable *table,
                                             const char           *title,
                                             double                first_height);
/* Adds row @index (every other one striped), on a new page under the
 * column titles again when it does not fit on this one. */
gboolean      rubric_pdf_table_add          (RubricPdf            *pdf,
                                             const RubricPdfTable *table,
                                             const RubricPdfRow   *row,
                                             guint                 index);
/* The height row @row takes in @table. */
double        rubric_pdf_table_row_height   (RubricPdf            *pdf,
                                             const RubricPdfTable *table,
                                             const RubricPdfRow   *row);
/* Makes room for rows of @height that go together (a group that a page
 * must not split when it fits on one), on a new page under the column
 * titles again when they do not fit on this one. */
gboolean      rubric_pdf_table_keep         (RubricPdf            *pdf,
                                             const RubricPdfTable *table,
                                             double                height);
/* Closes the table with a rule and @note under it. */
void          rubric_pdf_table_end          (RubricPdf            *pdf,
                                             const char           *note);

/* Draws the pages of a report; FALSE when it was cancelled. */
typedef gboolean (*RubricPdfDrawFunc) (RubricPdf *pdf,
                                       gpointer   user_data);

/* Writes a report drawn by @draw into @out, A4 with the fonts embedded:
 * twice, once to count the pages for the footers ("Page 2 of 7"), then
 * into @out. The day it is made comes from rubric_clock (or
 * SOURCE_DATE_EPOCH). G_IO_ERROR_CANCELLED when cancelled,
 * RUBRIC_ERROR_IO when @out fails. */
gboolean      rubric_pdf_write_document     (const char           *title,
                                             const char           *subject,
                                             RubricPdfDrawFunc     draw,
                                             gpointer              user_data,
                                             GOutputStream        *out,
                                             GCancellable         *cancellable,
                                             GError              **error);

/* rubric-rating-pdf-text.c: text */

/* How a piece of text is set: in the report's font at @size points and
 * @weight (0: normal), in @ink when it is shown, ellipsized after
 * @max_lines lines when > 0 (and it has a width), aligned by @alignment,
 * read as pango markup when @markup. Zero is the plain default of each,
 * so a designated initializer names only what differs. */
typedef struct
{
  double          size;
  PangoWeight     weight;
  RubricPdfInk    ink;
  int             max_lines;
  PangoAlignment  alignment;
  gboolean        markup;
} RubricPdfStyle;

/* A layout of @text in @style (all but its ink); @width ≤ 0 leaves it
 * unbounded. */
PangoLayout  *rubric_pdf_layout             (RubricPdf            *pdf,
                                             const char           *text,
                                             const RubricPdfStyle *style,
                                             double                width);
double        rubric_pdf_layout_height      (PangoLayout          *layout);
double        rubric_pdf_layout_width       (PangoLayout          *layout);
void          rubric_pdf_show               (RubricPdf            *pdf,
                                             PangoLayout          *layout,
                                             double                x,
                                             double                y,
                                             RubricPdfInk          ink);
/* Draws @text with its top left at (@x, @y); returns its height. */
double        rubric_pdf_text               (RubricPdf            *pdf,
                                             const char           *text,
                                             const RubricPdfStyle *style,
                                             double                x,
                                             double                y,
                                             double                width);

/* Text measured, and drawn too when @draw: the panels measure a block
 * first and draw it on their second pass. */
double        rubric_pdf_put_text           (RubricPdf            *pdf,
                                             gboolean              draw,
                                             const char           *text,
                                             const RubricPdfStyle *style,
                                             double                x,
                                             double                y,
                                             double                width);
/* A small bold label in capitals over a figure; its height with the gap
 * under it. */
double        rubric_pdf_put_label          (RubricPdf            *pdf,
                                             gboolean              draw,
                                             const char           *label,
                                             double                x,
                                             double                y,
                                             double                width);

/* rubric-rating-pdf-text.c: figures */

/* Figures in the user's locale ("87,12" in French); a minus sign, not a
 * hyphen. */
char         *rubric_pdf_number             (RubricPdf            *pdf,
                                             double                value,
                                             int                   decimals);
char         *rubric_pdf_count              (RubricPdf            *pdf,
                                             guint64               count);

/* As few decimals as the value needs, up to two ("80", "4.2"). */
char         *rubric_pdf_format_short       (RubricPdf            *pdf,
                                             double                value);
/* "87.50 %", or with @short_form as few decimals as needed; the number
 * and its unit never part at a line break. */
char         *rubric_pdf_format_percent     (RubricPdf            *pdf,
                                             double                value,
                                             gboolean              short_form);

/* rubric-rating-pdf-text.c: chart ticks */

/* A tick label of the trend chart: "Oct" (with "\n2026" when @with_year). */
char         *rubric_pdf_period_tick        (RubricDayRange        range,
                                             RubricPeriodKind      kind,
                                             gboolean              with_year);

/* rubric-rating-pdf-text.c: metrics */

/* The decimals of a figure of @unit in the report. */
int           rubric_pdf_unit_decimals      (RubricMetricUnit      unit);
/* A figure with its unit ("87.50 %", "24.5 s"), or with @short_form as
 * few decimals as needed ("80 %"). */
char         *rubric_pdf_format_value       (RubricPdf            *pdf,
                                             double                value,
                                             RubricMetricUnit      unit,
                                             gboolean              short_form);
/* The change of an actual, signed; a percent changes by percentage
 * points. */
char         *rubric_pdf_format_change      (RubricPdf            *pdf,
                                             double                change,
                                             RubricMetricUnit      unit);
/* Green when the change goes the way the objective wants. */
RubricPdfInk  rubric_pdf_change_ink         (double                change,
                                             RubricBetter          better);
/* The colour of a grade: the contract's best band green, its worst red. */
RubricPdfInk  rubric_pdf_grade_ink          (const RubricContract *contract,
                                             const char           *grade);

/* rubric-rating-pdf-summary.c: the top of a rating's first page */

void          rubric_pdf_draw_rating_header (RubricPdf            *pdf,
                                             const RubricRating   *rating);
/* The panel of the rating, the credits and the objectives met; FALSE
 * when the report was cancelled, as for the flags. */
gboolean      rubric_pdf_draw_summary       (RubricPdf            *pdf,
                                             const RubricRating   *rating);
/* The warnings of a small sample or an incomplete rating, if any. */
gboolean      rubric_pdf_draw_flags         (RubricPdf            *pdf,
                                             const RubricRating   *rating);

/* rubric-rating-pdf-method.c */

/* The method pages after the ratings; FALSE when the report was
 * cancelled. */
gboolean      rubric_pdf_draw_method        (RubricPdf            *pdf,
                                             GPtrArray            *ratings);

/* rubric-rating-charts.c */

/* The charts, @width wide at (@x, @y): drawn with @draw, else only
 * measured; each returns the height it takes. */
double        rubric_pdf_qa_chart           (RubricPdf            *pdf,
                                             const RubricRating   *rating,
                                             double                x,
                                             double                y,
                                             double                width,
                                             gboolean              draw);
double        rubric_pdf_trend_chart        (RubricPdf            *pdf,
                                             const RubricRating   *rating,
                                             double                x,
                                             double                y,
                                             double                width,
                                             gboolean              draw);

/* The coaching report's charts (issue 12), in the same look. */

/* A score over buckets: in @points each bucket's mean (rating) and its
 * confidence interval (low, high; both the mean without one), has_rating
 * FALSE where there is no score; @moving and @team the same for the moving
 * average (rating only) and the team's mean and interval, or NULL. */
typedef struct
{
  GArray           *points;     /* RubricRatingPoint, oldest first */
  GArray           *moving;     /* RubricRatingPoint, as many, or NULL */
  GArray           *team;       /* RubricRatingPoint, as many, or NULL */
  RubricPeriodKind  kind;       /* of the buckets, for their names */
  const char       *score_label;
  const char       *band_label;
  const char       *moving_label;
  const char       *team_label;
} RubricPdfScoreTrend;

double        rubric_pdf_score_trend_chart  (RubricPdf                 *pdf,
                                             const RubricPdfScoreTrend *trend,
                                             double                     x,
                                             double                     y,
                                             double                     width,
                                             gboolean                   draw);

/* A mean and, under it, the one it is compared with (NULL: none). */
typedef struct
{
  const char         *label;
  gboolean            overall;
  const RubricQaMean *mean;
  const RubricQaMean *team;
} RubricPdfCompareRow;

double        rubric_pdf_compare_chart      (RubricPdf                 *pdf,
                                             const RubricPdfCompareRow *rows,
                                             guint                      n_rows,
                                             const char                *mean_label,
                                             const char                *team_label,
                                             double                     x,
                                             double                     y,
                                             double                     width,
                                             gboolean                   draw);

G_END_DECLS
