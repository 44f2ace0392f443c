/* rubric-rating-pdf.c — the contract-review report (SPEC §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One section per rating (vendor × period), one or two A4 pages each, then
 * the method the ratings were computed by. The text goes through pango so
 * that cairo embeds subsets of the fonts and the PDF stays searchable.
 *
 * The pages are laid out from the top down: each block asks for the room it
 * needs and goes to a new page (under a running header) when there is not
 * enough. The footer says "Page 2 of 7", which needs the count before the
 * first page is written, so the report is drawn twice: once into a sink that
 * throws the bytes away, to count, then into @out.
 *
 * This file holds the document, the pages, the tables and a rating's
 * section; the top of that section is in rubric-rating-pdf-summary.c, the
 * method pages in rubric-rating-pdf-method.c, the text and figures in
 * rubric-rating-pdf-text.c and the charts in rubric-rating-charts.c. The
 * names of metrics, sources and periods are the app's: rubric-rating-text.c.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>

#include "rubric-clock.h"
#include "rubric-error.h"
#include "rubric-rating-pdf-private.h"
#include "rubric-rating-text.h"
#include "rubric-rating.h"

#define CELL_PAD_X 3.0
#define CELL_PAD_Y 3.5

static const struct
{
  double r, g, b;
} inks[] = {
  [RUBRIC_PDF_INK] = { 0.13, 0.15, 0.19 },
  [RUBRIC_PDF_INK_MUTED] = { 0.40, 0.43, 0.48 },
  [RUBRIC_PDF_INK_FAINT] = { 0.68, 0.71, 0.75 },
  [RUBRIC_PDF_INK_GRID] = { 0.89, 0.90, 0.92 },
  [RUBRIC_PDF_INK_PANEL] = { 0.955, 0.962, 0.972 },
  [RUBRIC_PDF_INK_ACCENT] = { 0.11, 0.44, 0.85 },
  [RUBRIC_PDF_INK_GOOD] = { 0.13, 0.53, 0.29 },
  [RUBRIC_PDF_INK_BAD] = { 0.75, 0.11, 0.16 },
  [RUBRIC_PDF_INK_WARNING] = { 0.60, 0.38, 0.00 },
  [RUBRIC_PDF_INK_WARNING_BG] = { 1.00, 0.965, 0.87 },
  [RUBRIC_PDF_INK_TARGET] = { 0.90, 0.38, 0.00 },
  [RUBRIC_PDF_INK_WHITE] = { 1.00, 1.00, 1.00 },
};

/* ------------------------------------------------------------------ */
/* Ink                                                                 */

void
rubric_pdf_set_ink (RubricPdf    *pdf,
                    RubricPdfInk  ink,
                    double        alpha)
{
  cairo_set_source_rgba (pdf->cr, inks[ink].r, inks[ink].g, inks[ink].b, alpha);
}

/* ------------------------------------------------------------------ */
/* Pages                                                               */

void
rubric_pdf_hairline (RubricPdf    *pdf,
                     double        x,
                     double        y,
                     double        width,
                     RubricPdfInk  ink,
                     double        line_width)
{
  rubric_pdf_set_ink (pdf, ink, 1.0);
  cairo_set_line_width (pdf->cr, line_width);
  cairo_move_to (pdf->cr, x, y);
  cairo_line_to (pdf->cr, x + width, y);
  cairo_stroke (pdf->cr);
}

static void
draw_footer (RubricPdf *pdf)
{
  double y = RUBRIC_PDF_PAGE_HEIGHT - 38;
  g_autofree char *page = NULL;

  /* Translators: the page number in the footer: "Page 2 of 7". */
  page = g_strdup_printf (_("Page %u of %u"), pdf->page,
                          pdf->n_pages > 0 ? pdf->n_pages : pdf->page);

  rubric_pdf_hairline (pdf, RUBRIC_PDF_MARGIN, y, RUBRIC_PDF_WIDTH, RUBRIC_PDF_INK_GRID, 0.6);
  rubric_pdf_text (pdf, pdf->running_title ? pdf->running_title : "",
                   &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL,
                                       .ink = RUBRIC_PDF_INK_MUTED, .max_lines = 1 },
                   RUBRIC_PDF_MARGIN, y + 5, RUBRIC_PDF_WIDTH - 90);
  rubric_pdf_text (pdf, page,
                   &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL,
                                       .ink = RUBRIC_PDF_INK_MUTED, .max_lines = 1,
                                       .alignment = PANGO_ALIGN_RIGHT },
                   RUBRIC_PDF_MARGIN + RUBRIC_PDF_WIDTH - 90, y + 5, 90);
}

void
rubric_pdf_finish_page (RubricPdf *pdf)
{
  if (!pdf->page_open)
    return;

  draw_footer (pdf);
  cairo_show_page (pdf->cr);
  pdf->page_open = FALSE;
}

/* Cancellation is looked at here, between pages: a page is the unit of
 * work, and a half-drawn one is never written. */
gboolean
rubric_pdf_begin_page (RubricPdf *pdf)
{
  rubric_pdf_finish_page (pdf);

  if (g_cancellable_is_cancelled (pdf->cancellable))
    {
      pdf->cancelled = TRUE;
      return FALSE;
    }

  pdf->page++;
  pdf->page_open = TRUE;
  pdf->y = RUBRIC_PDF_TOP;
  return TRUE;
}

/* The top of a page that continues a section, so that a page read on its
 * own still says whose figures it holds. */
static void
draw_running_header (RubricPdf *pdf)
{
  g_autofree char *text = NULL;
  double height;

  /* Translators: the header of a page that continues a report section;
   * %s is "Contract review · vendor · period". */
  text = g_strdup_printf (_("%s (continued)"), pdf->running_title);

  height = rubric_pdf_text (pdf, text,
                            &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL,
                                                .ink = RUBRIC_PDF_INK_MUTED, .max_lines = 1 },
                            RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH);
  pdf->y += height + 4;
  rubric_pdf_hairline (pdf, RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH, RUBRIC_PDF_INK_GRID, 0.6);
  pdf->y += 12;
}

/* Makes room for a block of @height, on a new page when it would not fit on
 * this one. FALSE when the report was cancelled. */
gboolean
rubric_pdf_ensure_space (RubricPdf *pdf,
                         double     height)
{
  if (pdf->y + height <= RUBRIC_PDF_BOTTOM)
    return TRUE;
  if (!rubric_pdf_begin_page (pdf))
    return FALSE;
  draw_running_header (pdf);
  return TRUE;
}

void
rubric_pdf_add_outline (RubricPdf  *pdf,
                        const char *name)
{
  g_autofree char *link = g_strdup_printf ("page=%u", pdf->page);

  cairo_pdf_surface_add_outline (pdf->surface, CAIRO_PDF_OUTLINE_ROOT, name, link,
                                 CAIRO_PDF_OUTLINE_FLAG_OPEN);
}

double
rubric_pdf_section_title_height (RubricPdf  *pdf,
                                 const char *title)
{
  g_autoptr(PangoLayout) layout =
    rubric_pdf_layout (pdf, title,
                       &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SECTION,
                                           .weight = PANGO_WEIGHT_BOLD, .max_lines = 2 },
                       RUBRIC_PDF_WIDTH);

  return rubric_pdf_layout_height (layout) + 6;
}

void
rubric_pdf_draw_section_title (RubricPdf  *pdf,
                               const char *title)
{
  pdf->y += rubric_pdf_text (pdf, title,
                             &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SECTION,
                                                 .weight = PANGO_WEIGHT_BOLD, .max_lines = 2 },
                             RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH);
  pdf->y += 6;
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */

void
rubric_pdf_row_clear (RubricPdfRow *row)
{
  for (guint c = 0; c < RUBRIC_PDF_MAX_COLUMNS; c++)
    g_clear_pointer (&row->text[c], g_free);
}

void
rubric_pdf_row_set_header (RubricPdfRow  *row,
                           const char   **titles,
                           guint          n_columns)
{
  for (guint c = 0; c < n_columns; c++)
    {
      row->text[c] = g_strdup (titles[c]);
      row->ink[c] = RUBRIC_PDF_INK_MUTED;
      row->bold[c] = TRUE;
    }
}

static double
column_width (const RubricPdfTable *table,
              guint                 column)
{
  double others = 0;

  if (table->columns[column].width > 0)
    return table->columns[column].width;
  for (guint c = 0; c < table->n_columns; c++)
    others += table->columns[c].width;
  return RUBRIC_PDF_WIDTH - others;
}

/* Lays out a row (or, with @draw, draws it at pdf->y); returns its height.
 * Cells wrap to three lines at most: a figure wider than its column wraps
 * rather than loses digits. */
static double
table_row (RubricPdf            *pdf,
           const RubricPdfTable *table,
           const RubricPdfRow   *row,
           gboolean              draw,
           gboolean              stripe)
{
  gboolean header = row == table->header;
  PangoLayout *layouts[RUBRIC_PDF_MAX_COLUMNS] = { NULL, };
  double height = 0;
  double x = RUBRIC_PDF_MARGIN;

  for (guint c = 0; c < table->n_columns; c++)
    {
      layouts[c] = rubric_pdf_layout (pdf, row->text[c] ? row->text[c] : "",
                                      &(RubricPdfStyle) { .size = header
                                                                  ? RUBRIC_PDF_SIZE_SMALL
                                                                  : table->size,
                                                          .weight = row->bold[c]
                                                                    ? PANGO_WEIGHT_BOLD
                                                                    : PANGO_WEIGHT_NORMAL,
                                                          .max_lines = header ? 0 : 3,
                                                          .alignment = table->columns[c].alignment,
                                                          .markup = row->markup[c] },
                                      column_width (table, c) - 2 * CELL_PAD_X);
      height = MAX (height, rubric_pdf_layout_height (layouts[c]));
    }
  height += 2 * CELL_PAD_Y;

  if (draw && stripe)
    {
      rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_PANEL, 1.0);
      cairo_rectangle (pdf->cr, RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH, height);
      cairo_fill (pdf->cr);
    }

  for (guint c = 0; c < table->n_columns; c++)
    {
      if (draw)
        rubric_pdf_show (pdf, layouts[c], x + CELL_PAD_X, pdf->y + CELL_PAD_Y, row->ink[c]);
      x += column_width (table, c);
      g_object_unref (layouts[c]);
    }

  if (draw && header)
    rubric_pdf_hairline (pdf, RUBRIC_PDF_MARGIN, pdf->y + height, RUBRIC_PDF_WIDTH, RUBRIC_PDF_INK,
                         0.8);
  return header ? height + 1 : height;
}

/* Starts a table under @title: the title, the column titles and the first
 * row (of @first_height) stay together. */
gboolean
rubric_pdf_table_begin (RubricPdf            *pdf,
                        const RubricPdfTable *table,
                        const char           *title,
                        double                first_height)
{
  double header_height = table_row (pdf, table, table->header, FALSE, FALSE);

  if (!rubric_pdf_ensure_space (pdf,
                                rubric_pdf_section_title_height (pdf, title) + header_height + first_height))
    return FALSE;
  rubric_pdf_draw_section_title (pdf, title);
  pdf->y += table_row (pdf, table, table->header, TRUE, FALSE);
  return TRUE;
}

/* Adds row @index, on a new page under the column titles again when it does
 * not fit on this one. */
gboolean
rubric_pdf_table_add (RubricPdf            *pdf,
                      const RubricPdfTable *table,
                      const RubricPdfRow   *row,
                      guint                 index)
{
  double height = table_row (pdf, table, row, FALSE, FALSE);

  if (pdf->y + height > RUBRIC_PDF_BOTTOM)
    {
      double header_height = table_row (pdf, table, table->header, FALSE, FALSE);

      if (!rubric_pdf_ensure_space (pdf, header_height + height))
        return FALSE;
      pdf->y += table_row (pdf, table, table->header, TRUE, FALSE);
    }

  pdf->y += table_row (pdf, table, row, TRUE, index % 2 == 1);
  return TRUE;
}

double
rubric_pdf_table_row_height (RubricPdf            *pdf,
                             const RubricPdfTable *table,
                             const RubricPdfRow   *row)
{
  return table_row (pdf, table, row, FALSE, FALSE);
}

/* Makes room for rows of @height that go together, on a new page under the
 * column titles again when they do not fit on this one. */
gboolean
rubric_pdf_table_keep (RubricPdf            *pdf,
                       const RubricPdfTable *table,
                       double                height)
{
  double header_height;

  if (pdf->y + height <= RUBRIC_PDF_BOTTOM)
    return TRUE;
  header_height = table_row (pdf, table, table->header, FALSE, FALSE);
  if (!rubric_pdf_ensure_space (pdf, header_height + height))
    return FALSE;
  pdf->y += table_row (pdf, table, table->header, TRUE, FALSE);
  return TRUE;
}

void
rubric_pdf_table_end (RubricPdf  *pdf,
                      const char *note)
{
  rubric_pdf_hairline (pdf, RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH, RUBRIC_PDF_INK_FAINT, 0.6);
  pdf->y += 5;
  if (!rubric_pdf_ensure_space (pdf, 20))
    return;
  pdf->y += rubric_pdf_text (pdf, note,
                             &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL,
                                                 .ink = RUBRIC_PDF_INK_MUTED },
                             RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH);
}

/* ------------------------------------------------------------------ */
/* The objectives table                                                */

enum
{
  COLUMN_METRIC,
  COLUMN_TARGET,
  COLUMN_ACTUAL,
  COLUMN_N,
  COLUMN_CI,
  COLUMN_SCORE,
  COLUMN_WEIGHT,
  COLUMN_MET,
  COLUMN_SOURCE,
  COLUMN_CHANGE,
  N_COLUMNS
};

/* They fit DejaVu Sans at 7.5 pt for "100.00 %", "78.10–86.30",
 * "+12.50 pp" and the longer French and Latvian column titles. */
static const RubricPdfColumn objective_columns[N_COLUMNS] = {
  { 0, PANGO_ALIGN_LEFT },
  { 42, PANGO_ALIGN_RIGHT },
  { 50, PANGO_ALIGN_RIGHT },
  { 38, PANGO_ALIGN_RIGHT },
  { 56, PANGO_ALIGN_RIGHT },
  { 40, PANGO_ALIGN_RIGHT },
  { 34, PANGO_ALIGN_RIGHT },
  { 58, PANGO_ALIGN_LEFT },
  { 56, PANGO_ALIGN_LEFT },
  { 50, PANGO_ALIGN_RIGHT },
};

static void
objective_row (RubricPdf                   *pdf,
               const RubricRating          *rating,
               const RubricRatingObjective *objective,
               RubricPdfRow                *row)
{
  RubricMetricUnit unit = rubric_metric_unit (objective->metric);

  for (guint c = 0; c < N_COLUMNS; c++)
    row->ink[c] = RUBRIC_PDF_INK;

  row->text[COLUMN_METRIC] = rubric_metric_name (objective->metric);
  row->text[COLUMN_TARGET] = rubric_pdf_format_value (pdf, objective->target, unit, TRUE);
  row->text[COLUMN_WEIGHT] = rubric_pdf_format_short (pdf, objective->weight);
  row->text[COLUMN_SOURCE] = g_strdup (rubric_rating_source_name (objective->source));

  if (objective->has_n)
    row->text[COLUMN_N] = rubric_pdf_count (pdf, objective->n);
  else
    row->text[COLUMN_N] = g_strdup (RUBRIC_PDF_DASH);

  if (!objective->has_actual)
    {
      row->text[COLUMN_ACTUAL] = g_strdup (RUBRIC_PDF_DASH);
      row->text[COLUMN_CI] = g_strdup (RUBRIC_PDF_DASH);
      row->text[COLUMN_SCORE] = g_strdup (RUBRIC_PDF_DASH);
      row->text[COLUMN_MET] = g_strdup (_("No data"));
      row->text[COLUMN_CHANGE] = g_strdup (RUBRIC_PDF_DASH);
      row->ink[COLUMN_MET] = RUBRIC_PDF_INK_MUTED;
      row->ink[COLUMN_SOURCE] = RUBRIC_PDF_INK_MUTED;
      row->ink[COLUMN_METRIC] = RUBRIC_PDF_INK_MUTED;
      return;
    }

  row->text[COLUMN_ACTUAL] = rubric_pdf_format_value (pdf, objective->actual, unit, FALSE);
  row->bold[COLUMN_ACTUAL] = TRUE;
  row->text[COLUMN_SCORE] = rubric_pdf_number (pdf, objective->score,
                                               rubric_pdf_unit_decimals (RUBRIC_METRIC_UNIT_SCORE));

  if (objective->has_ci)
    {
      g_autofree char *low = rubric_pdf_number (pdf, objective->ci_low,
                                                rubric_pdf_unit_decimals (unit));
      g_autofree char *high = rubric_pdf_number (pdf, objective->ci_high,
                                                 rubric_pdf_unit_decimals (unit));

      row->text[COLUMN_CI] = g_strconcat (low, "–", high, NULL);
    }
  else
    row->text[COLUMN_CI] = g_strdup (RUBRIC_PDF_DASH);

  if (objective->met)
    {
      row->text[COLUMN_MET] = g_strdup (_("Met"));
      row->ink[COLUMN_MET] = RUBRIC_PDF_INK_GOOD;
    }
  else if (objective->has_credit && objective->credit > 0)
    {
      g_autofree char *credit = rubric_pdf_format_percent (pdf, objective->credit, TRUE);

      /* Translators: under "Missed": the credit a missed objective costs. */
      g_autofree char *costs = g_strdup_printf (_("credit %s"), credit);

      row->text[COLUMN_MET] = g_markup_printf_escaped ("%s\n<span weight=\"normal\">%s</span>",
                                                       _("Missed"), costs);
      row->markup[COLUMN_MET] = TRUE;
      row->ink[COLUMN_MET] = RUBRIC_PDF_INK_BAD;
    }
  else
    {
      row->text[COLUMN_MET] = g_strdup (_("Missed"));
      row->ink[COLUMN_MET] = RUBRIC_PDF_INK_BAD;
    }
  row->bold[COLUMN_MET] = TRUE;

  if (objective->has_previous)
    {
      double change = objective->actual - objective->previous_actual;

      row->text[COLUMN_CHANGE] = rubric_pdf_format_change (pdf, change, unit);
      row->ink[COLUMN_CHANGE] = rubric_pdf_change_ink (change, objective->better);
    }
  else
    row->text[COLUMN_CHANGE] = g_strdup (RUBRIC_PDF_DASH);
}

static gboolean
draw_objectives (RubricPdf          *pdf,
                 const RubricRating *rating)
{
  const char *titles[N_COLUMNS] = {
    /* Translators: column titles of the objectives table, kept short. */
    C_("column", "Objective"), C_("column", "Target"), _("Actual"), _("n"),
    /* xgettext:no-c-format */
    _("95 % CI"),
    /* Translators: the attainment score of an objective, 0 to 100. */
    C_("attainment", "Score"),
    _("Weight"), _("Met"), _("Source"), _("Change"),
  };
  const char *title = _("Objectives");
  guint n = rating->objectives != NULL ? rating->objectives->len : 0;
  RubricPdfRow header = { { NULL, } };
  RubricPdfTable table = { objective_columns, N_COLUMNS, RUBRIC_PDF_SIZE_TABLE, &header };
  const char *units;
  g_autofree char *note = NULL;
  gboolean ok;

  if (n == 0)
    {
      if (!rubric_pdf_ensure_space (pdf, rubric_pdf_section_title_height (pdf, title) + 20))
        return FALSE;
      rubric_pdf_draw_section_title (pdf, title);
      pdf->y += rubric_pdf_text (pdf, _("The contract has no objectives."),
                                 &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_BODY,
                                                     .ink = RUBRIC_PDF_INK_MUTED },
                                 RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH);
      pdf->y += RUBRIC_PDF_SECTION_GAP;
      return TRUE;
    }

  rubric_pdf_row_set_header (&header, titles, N_COLUMNS);
  ok = rubric_pdf_table_begin (pdf, &table, title, 24);
  for (guint i = 0; ok && i < n; i++)
    {
      RubricPdfRow row = { { NULL, } };

      objective_row (pdf, rating, g_ptr_array_index (rating->objectives, i), &row);
      ok = rubric_pdf_table_add (pdf, &table, &row, i);
      rubric_pdf_row_clear (&row);
    }
  rubric_pdf_row_clear (&header);
  if (!ok)
    return FALSE;

  /* xgettext:no-c-format */
  units = _("Actuals in percent (%), seconds (s) or, for QA, mean evaluation scores out of 100. "
            "n: the denominator of a rate, the count an average is taken over, or the n of a "
            "reported aggregate. Score: attainment, 0 to 100.");
  if (rating->has_previous)
    {
      g_autofree char *previous = rubric_period_title (rating->previous_range, rating->kind);
      g_autofree char *change = NULL;

      /* Translators: after the notes under the objectives table; %s is the
       * previous period. */
      change = g_strdup_printf (_("Change: against %s; pp: percentage points."), previous);
      note = g_strconcat (units, " ", change, NULL);
    }
  else
    note = g_strdup (units);

  rubric_pdf_table_end (pdf, note);
  pdf->y += RUBRIC_PDF_SECTION_GAP;
  return !pdf->cancelled;
}

/* ------------------------------------------------------------------ */
/* Sample sizes and charts                                             */

gboolean
rubric_pdf_draw_tiles (RubricPdf           *pdf,
                       const char          *title,
                       double               value_size,
                       const RubricPdfTile *tiles,
                       guint                n_tiles)
{
  double tile_width = RUBRIC_PDF_WIDTH / n_tiles;
  double height = 0;

  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          double title_height = title != NULL ? rubric_pdf_section_title_height (pdf, title) : 0;

          if (!rubric_pdf_ensure_space (pdf, title_height + height))
            break;
          if (title != NULL)
            rubric_pdf_draw_section_title (pdf, title);
        }

      for (guint i = 0; i < n_tiles; i++)
        {
          double x = RUBRIC_PDF_MARGIN + i * tile_width;
          double y = pdf->y;
          double w = tile_width - 10;

          if (pass == 1 && i > 0)
            {
              rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_GRID, 1.0);
              cairo_set_line_width (pdf->cr, 0.8);
              cairo_move_to (pdf->cr, x - 5, y);
              cairo_line_to (pdf->cr, x - 5, y + height);
              cairo_stroke (pdf->cr);
            }
          if (i > 0)
            x += 3;

          y += rubric_pdf_put_text (pdf, pass == 1, tiles[i].value,
                                    &(RubricPdfStyle) { .size = value_size, .weight = PANGO_WEIGHT_BOLD,
                                                        .max_lines = 1 }, x, y, w);
          y += rubric_pdf_put_text (pdf, pass == 1, tiles[i].label,
                                    &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL + 0.5,
                                                        .ink = RUBRIC_PDF_INK_MUTED,
                                                        .max_lines = 2 }, x, y, w);
          if (tiles[i].note != NULL)
            y += rubric_pdf_put_text (pdf, pass == 1, tiles[i].note,
                                      &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL,
                                                          .ink = RUBRIC_PDF_INK_FAINT,
                                                          .max_lines = 2 }, x, y, w);
          height = MAX (height, y - pdf->y);
        }
    }

  if (pdf->cancelled)
    return FALSE;
  pdf->y += height + RUBRIC_PDF_SECTION_GAP;
  return TRUE;
}

static gboolean
draw_samples (RubricPdf          *pdf,
              const RubricRating *rating)
{
  const char *title = _("Sample sizes");
  const RubricKpis *kpis = &rating->kpis;
  g_autofree char *short_note = NULL;
  g_autofree char *minimum = NULL;
  RubricPdfTile tiles[] = {
    { rubric_pdf_count (pdf, rating->calls), _("Calls offered"), NULL },
    { rubric_pdf_count (pdf, kpis->answered), _("Answered"), NULL },
    { rubric_pdf_count (pdf, kpis->abandoned), _("Abandoned"), NULL },
    { rubric_pdf_count (pdf, rating->evaluations), _("Submitted evaluations"), NULL },
    { rubric_pdf_count (pdf, rating->qa_overall.n), _("QA scores"), NULL },
  };
  gboolean ok;

  if (kpis->short_abandoned > 0)
    {
      g_autofree char *count = rubric_pdf_count (pdf, kpis->short_abandoned);

      /* Translators: abandoned calls below the short-abandon threshold,
       * which are not counted as abandoned. */
      short_note = g_strdup_printf (_("and %s short abandons, not counted"), count);
      tiles[2].note = short_note;
    }
  if (rating->contract != NULL)
    {
      g_autofree char *count = rubric_pdf_count (pdf, rating->contract->minimum_evaluations);

      /* Translators: the contract's minimum number of evaluations. */
      minimum = g_strdup_printf (_("contract minimum %s"), count);
      tiles[4].note = minimum;
    }

  ok = rubric_pdf_draw_tiles (pdf, title, 14, tiles, G_N_ELEMENTS (tiles));
  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    g_free (tiles[i].value);
  return ok;
}

/* The two charts side by side, under titles of the same height, so that a
 * usual rating keeps to one page. */
static gboolean
draw_charts (RubricPdf          *pdf,
             const RubricRating *rating)
{
  const double gap = 24;
  const double qa_width = (RUBRIC_PDF_WIDTH - gap) * 0.46;
  const double trend_width = RUBRIC_PDF_WIDTH - gap - qa_width;
  const double trend_x = RUBRIC_PDF_MARGIN + qa_width + gap;
  const char *titles[2] = { _("QA scores by category"), NULL };
  g_autofree char *trend_title = NULL;
  guint n_points = rating->trend != NULL ? rating->trend->len : 0;
  double title_height = 0;
  double height;

  if (n_points > 0)
    trend_title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Rating over the last period",
                                                "Rating over the last %u periods", n_points),
                                   n_points);
  else
    trend_title = g_strdup (_("Rating over time"));
  titles[1] = trend_title;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(PangoLayout) layout =
        rubric_pdf_layout (pdf, titles[i],
                           &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SECTION,
                                               .weight = PANGO_WEIGHT_BOLD, .max_lines = 2 },
                           i == 0 ? qa_width : trend_width);

      title_height = MAX (title_height, rubric_pdf_layout_height (layout) + 6);
    }

  height = MAX (rubric_pdf_qa_chart (pdf, rating, 0, 0, qa_width, FALSE),
                rubric_pdf_trend_chart (pdf, rating, 0, 0, trend_width, FALSE));
  if (!rubric_pdf_ensure_space (pdf, title_height + height))
    return FALSE;

  rubric_pdf_text (pdf, titles[0],
                   &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SECTION,
                                       .weight = PANGO_WEIGHT_BOLD, .max_lines = 2 },
                   RUBRIC_PDF_MARGIN, pdf->y, qa_width);
  rubric_pdf_text (pdf, titles[1],
                   &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SECTION,
                                       .weight = PANGO_WEIGHT_BOLD, .max_lines = 2 },
                   trend_x, pdf->y, trend_width);
  pdf->y += title_height;

  rubric_pdf_qa_chart (pdf, rating, RUBRIC_PDF_MARGIN, pdf->y, qa_width, TRUE);
  rubric_pdf_trend_chart (pdf, rating, trend_x, pdf->y, trend_width, TRUE);
  pdf->y += height + RUBRIC_PDF_SECTION_GAP;
  return TRUE;
}

static gboolean
draw_rating (RubricPdf          *pdf,
             const RubricRating *rating)
{
  g_autofree char *title = rubric_period_title (rating->range, rating->kind);
  g_autofree char *outline = NULL;

  if (!rubric_pdf_begin_page (pdf))
    return FALSE;

  pdf->rating = rating;
  g_free (pdf->running_title);
  /* Translators: the footer of a rating's pages: the vendor and the
   * period. */
  pdf->running_title = g_strdup_printf (_("Contract review · %s · %s"), rating->vendor, title);
  /* Translators: a bookmark of the PDF: the vendor and the period. */
  outline = g_strdup_printf (_("%s, %s"), rating->vendor, title);
  rubric_pdf_add_outline (pdf, outline);

  rubric_pdf_draw_rating_header (pdf, rating);
  return rubric_pdf_draw_summary (pdf, rating) &&
         rubric_pdf_draw_flags (pdf, rating) &&
         draw_objectives (pdf, rating) &&
         draw_samples (pdf, rating) &&
         draw_charts (pdf, rating);
}

/* ------------------------------------------------------------------ */
/* The document                                                        */

typedef struct
{
  GOutputStream *out;          /* NULL on the counting pass */
  GCancellable  *cancellable;
  GError        *error;
} Sink;

/* Never tells cairo that a write failed: cairo 1.16 crashes in
 * cairo_surface_finish () (SIGSEGV) when a write fails on a document with
 * an outline, as every report has. The first error
 * is kept instead, nothing more is written after it, and render () reports
 * it once cairo is done. */
static cairo_status_t
sink_write_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  Sink *sink = closure;

  if (sink->out == NULL || sink->error != NULL)
    return CAIRO_STATUS_SUCCESS;
  g_output_stream_write_all (sink->out, data, length, NULL, sink->cancellable, &sink->error);
  return CAIRO_STATUS_SUCCESS;
}

static char *
document_title (GPtrArray *ratings)
{
  const RubricRating *first;
  g_autofree char *period = NULL;
  gboolean same_period = TRUE;

  if (ratings->len == 0)
    return g_strdup (_("Contract review"));

  first = g_ptr_array_index (ratings, 0);
  period = rubric_period_title (first->range, first->kind);
  for (guint i = 1; i < ratings->len; i++)
    {
      const RubricRating *rating = g_ptr_array_index (ratings, i);

      same_period &= rating->range.first == first->range.first &&
                     rating->range.last == first->range.last;
    }

  if (ratings->len == 1)
    /* Translators: the title of the PDF: the vendor and the period. */
    return g_strdup_printf (_("Contract review: %s, %s"), first->vendor, period);
  if (same_period)
    /* Translators: the title of a PDF with several vendors: the period. */
    return g_strdup_printf (_("Contract review: %s"), period);
  return g_strdup (_("Contract review"));
}

static void
draw_empty (RubricPdf *pdf)
{
  pdf->running_title = g_strdup (_("Contract review"));
  pdf->y += rubric_pdf_text (pdf, _("Contract review"),
                             &(RubricPdfStyle) { .size = 20, .weight = PANGO_WEIGHT_BOLD,
                                                 .max_lines = 1 },
                             RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH) + 8;
  rubric_pdf_text (pdf, _("There are no ratings to report: no vendor has a contract."),
                   &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_BODY, .ink = RUBRIC_PDF_INK_MUTED },
                   RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH);
}

/* One pass over the whole report; returns the number of pages, 0 when it
 * failed (@error set). */
static guint
render (const char         *title,
        const char         *subject,
        RubricPdfDrawFunc   draw,
        gpointer            user_data,
        GOutputStream      *out,
        guint               n_pages,
        GDateTime          *made,
        const char         *generated,
        GCancellable       *cancellable,
        GError            **error)
{
  Sink sink = { out, cancellable, NULL };
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  g_autofree char *created = g_date_time_format (made, "%Y-%m-%dT%H:%M:%S%:z");
  cairo_font_options_t *options;
  cairo_status_t status;
  RubricPdf pdf = { NULL, };
  gboolean ok;

  pdf.surface = cairo_pdf_surface_create_for_stream (sink_write_cb, &sink,
                                                     RUBRIC_PDF_PAGE_WIDTH,
                                                     RUBRIC_PDF_PAGE_HEIGHT);
  pdf.cr = cairo_create (pdf.surface);
  pdf.cancellable = cancellable;
  pdf.n_pages = n_pages;
  pdf.generated = g_strdup (generated);
  pdf.numeric = newlocale (LC_NUMERIC_MASK, "", (locale_t) 0);
  if (pdf.numeric == (locale_t) 0)
    pdf.numeric = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);

  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_CREATOR, "Rubric");
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  if (created != NULL)
    cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_CREATE_DATE, created);

  /* Our own font map: the default one belongs to whichever thread made it,
   * and this may run in a GTask's. Unhinted metrics, so that text measures
   * the same wherever it is shown. */
  pdf.context = pango_font_map_create_context (font_map);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pdf.context, options);
  cairo_font_options_destroy (options);
  pango_cairo_update_context (pdf.cr, pdf.context);

  ok = draw (&pdf, user_data);
  if (ok)
    rubric_pdf_finish_page (&pdf);

  cairo_destroy (pdf.cr);
  cairo_surface_finish (pdf.surface);
  status = cairo_surface_status (pdf.surface);
  cairo_surface_destroy (pdf.surface);
  g_object_unref (pdf.context);
  freelocale (pdf.numeric);
  g_free (pdf.running_title);
  g_free (pdf.generated);

  if (pdf.cancelled ||
      (sink.error != NULL && g_error_matches (sink.error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    {
      g_clear_error (&sink.error);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("PDF report: cancelled"));
      return 0;
    }
  if (sink.error != NULL)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO, _("PDF report: %s"),
                   sink.error->message);
      g_clear_error (&sink.error);
      return 0;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO, _("PDF report: %s"),
                   cairo_status_to_string (status));
      return 0;
    }
  if (!ok)
    {
      /* @draw stops only when cancelled; say so rather than write nothing. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("PDF report: cancelled"));
      return 0;
    }

  return pdf.page;
}

/* When the report is made: now, or SOURCE_DATE_EPOCH (seconds since
 * 1970, the reproducible-builds convention) so that the same ratings give
 * the same file, date and metadata included. */
static GDateTime *
report_time (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 seconds;

  if (epoch != NULL &&
      g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT32, &seconds, NULL))
    return g_date_time_new_from_unix_utc ((gint64) seconds);

  return rubric_clock_now_local ();
}

gboolean
rubric_pdf_write_document (const char         *title,
                           const char         *subject,
                           RubricPdfDrawFunc   draw,
                           gpointer            user_data,
                           GOutputStream      *out,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_autoptr(GDateTime) now = report_time ();
  g_autofree char *generated = NULL;
  GDate today;
  guint n_pages;

  /* The day the report is made, written as the report writes its periods. */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  generated = rubric_day_title (rubric_day_from_date (&today));

  n_pages = render (title, subject, draw, user_data, NULL, 0, now, generated, cancellable,
                    error);
  if (n_pages == 0)
    return FALSE;
  return render (title, subject, draw, user_data, out, n_pages, now, generated, cancellable,
                 error) > 0;
}

static gboolean
draw_ratings (RubricPdf *pdf,
              gpointer   user_data)
{
  GPtrArray *ratings = user_data;
  gboolean ok = TRUE;

  if (ratings->len == 0)
    {
      ok = rubric_pdf_begin_page (pdf);
      if (ok)
        draw_empty (pdf);
    }
  for (guint i = 0; ok && i < ratings->len; i++)
    ok = draw_rating (pdf, g_ptr_array_index (ratings, i));
  if (ok && ratings->len > 0)
    ok = rubric_pdf_draw_method (pdf, ratings);
  return ok;
}

gboolean
rubric_ratings_write_pdf (GPtrArray     *ratings,
                          GOutputStream *out,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (ratings != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  title = document_title (ratings);
  return rubric_pdf_write_document (title, _("Vendor ratings for the contract review"),
                                    draw_ratings, ratings, out, cancellable, error);
}
