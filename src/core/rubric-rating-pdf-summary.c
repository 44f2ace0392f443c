/* rubric-rating-pdf-summary.c — the top of a rating's section in the contract-review report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a reader looks at first: the title block (vendor, period, contract
 * version), the summary panel (the rating and its grade, the credits owed,
 * the objectives met) and the warnings about a small sample or missing data.
 * The panels are laid out once to measure and once to draw, so that none is
 * ever cut by a page break; rubric-rating-pdf.c puts them on the page.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rubric-rating-pdf-private.h"
#include "rubric-rating-text.h"
#include "rubric-rating.h"

/* ------------------------------------------------------------------ */
/* A rating: header, summary, flags                                    */

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
rubric_pdf_draw_rating_header (RubricPdf          *pdf,
                               const RubricRating *rating)
{
  const double x = RUBRIC_PDF_MARGIN;
  const double width = RUBRIC_PDF_WIDTH;
  g_autofree char *eyebrow = g_utf8_strup (_("Contract review"), -1);
  g_autofree char *generated = g_strdup_printf (_("Generated %s"), pdf->generated);
  g_autofree char *title = rubric_period_title (rating->range, rating->kind);
  g_autofree char *days = rubric_day_range_title (rating->range);
  g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *meta = NULL;
  const RubricContract *contract = rating->contract;

  rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_ACCENT, 1.0);
  cairo_rectangle (pdf->cr, x, pdf->y, 28, 3);
  cairo_fill (pdf->cr);
  pdf->y += 8;

  rubric_pdf_text (pdf, eyebrow,
                   &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL,
                                       .weight = PANGO_WEIGHT_BOLD, .ink = RUBRIC_PDF_INK_ACCENT,
                                       .max_lines = 1 }, x, pdf->y, width / 2);
  pdf->y += rubric_pdf_text (pdf, generated,
                             &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL,
                                                 .ink = RUBRIC_PDF_INK_MUTED, .max_lines = 1,
                                                 .alignment = PANGO_ALIGN_RIGHT },
                             x + width / 2, pdf->y, width / 2);
  pdf->y += 4;

  /* A vendor name is whatever the contract says: two lines at most. */
  pdf->y += rubric_pdf_text (pdf, rating->vendor,
                             &(RubricPdfStyle) { .size = 20, .weight = PANGO_WEIGHT_BOLD,
                                                 .max_lines = 2 }, x, pdf->y, width);
  pdf->y += 2;
  pdf->y += rubric_pdf_text (pdf, title, &(RubricPdfStyle) { .size = 12.5, .max_lines = 2 },
                             x, pdf->y, width);
  pdf->y += 3;

  if (!g_str_equal (title, days))
    g_ptr_array_add (facts, g_steal_pointer (&days));
  if (rating->timezone != NULL)
    g_ptr_array_add (facts, g_strdup_printf (_("Time zone %s"), rating->timezone));
  if (contract != NULL && contract->valid_from != NULL &&
      !g_str_equal (contract->valid_from, RUBRIC_CONTRACT_ALWAYS))
    {
      gint32 day;
      g_autofree char *from = NULL;

      from = rubric_day_parse (contract->valid_from, &day) ? rubric_day_title (day)
                                                           : g_strdup (contract->valid_from);
      g_ptr_array_add (facts, g_strdup_printf (_("Contract version in force from %s"), from));
    }
  else if (contract != NULL)
    g_ptr_array_add (facts, g_strdup (_("Contract version without a start date")));
  g_ptr_array_add (facts, NULL);

  meta = g_strjoinv ("  ·  ", (char **) facts->pdata);
  pdf->y += rubric_pdf_text (pdf, meta,
                             &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_BODY,
                                                 .ink = RUBRIC_PDF_INK_MUTED, .max_lines = 3 },
                             x, pdf->y, width);
  pdf->y += 8;
  rubric_pdf_hairline (pdf, x, pdf->y, width, RUBRIC_PDF_INK_FAINT, 0.8);
  pdf->y += 14;
}

/* The rating, its grade, its range and how it moved. */
static double
summary_rating_cell (RubricPdf          *pdf,
                     const RubricRating *rating,
                     gboolean            draw,
                     double              x,
                     double              y,
                     double              width)
{
  double top = y;

  y += rubric_pdf_put_label (pdf, draw, _("Rating"), x, y, width);

  if (rating->has_rating)
    {
      g_autofree char *number = rubric_pdf_number (pdf, rubric_rating_floor (rating->rating),
                                                   RUBRIC_RATING_DECIMALS);
      g_autofree char *low = rubric_pdf_number (pdf, rubric_rating_floor (rating->rating_low),
                                                RUBRIC_RATING_DECIMALS);
      g_autofree char *high = rubric_pdf_number (pdf, rubric_rating_floor (rating->rating_high),
                                                 RUBRIC_RATING_DECIMALS);
      g_autofree char *range = NULL;
      g_autoptr(PangoLayout) big =
        rubric_pdf_layout (pdf, number,
                           &(RubricPdfStyle) { .size = 30, .weight = PANGO_WEIGHT_BOLD }, -1);
      double big_width = rubric_pdf_layout_width (big);
      double big_height = rubric_pdf_layout_height (big);

      if (draw)
        rubric_pdf_show (pdf, big, x, y, RUBRIC_PDF_INK);

      if (rating->grade != NULL)
        {
          /* The grade in a badge of its band's colour; a long custom grade
           * name keeps its text and narrows nothing else. */
          double badge_x = x + big_width + 10;
          double max_width = MAX (x + width - badge_x, 30);
          g_autoptr(PangoLayout) grade =
            rubric_pdf_layout (pdf, rating->grade,
                               &(RubricPdfStyle) { .size = 16, .weight = PANGO_WEIGHT_BOLD,
                                                   .max_lines = 1 }, max_width - 14);
          double grade_width = MAX (rubric_pdf_layout_width (grade) + 14, 30);
          double grade_height = rubric_pdf_layout_height (grade);
          double badge_height = 30;
          double badge_y = y + (big_height - badge_height) / 2;

          if (draw)
            {
              rubric_pdf_set_ink (pdf, rubric_pdf_grade_ink (rating->contract, rating->grade),
                                  1.0);
              rounded_rectangle (pdf->cr, badge_x, badge_y, grade_width, badge_height, 5);
              cairo_fill (pdf->cr);
              rubric_pdf_show (pdf, grade,
                               badge_x + (grade_width - rubric_pdf_layout_width (grade)) / 2,
                               badge_y + (badge_height - grade_height) / 2, RUBRIC_PDF_INK_WHITE);
            }
        }
      y += big_height + 2;

      /* Translators: the range of the rating, R_low to R_high. */
      range = g_strdup_printf (_("Range %s – %s"), low, high);
      y += rubric_pdf_put_text (pdf, draw, range,
                                &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_BODY, .max_lines = 2 },
                                x, y, width) + 1;
    }
  else
    {
      y += rubric_pdf_put_text (pdf, draw, RUBRIC_PDF_DASH,
                                &(RubricPdfStyle) { .size = 30, .weight = PANGO_WEIGHT_BOLD,
                                                    .ink = RUBRIC_PDF_INK_FAINT, .max_lines = 1 },
                                x, y, width) + 2;
      y += rubric_pdf_put_text (pdf, draw, _("No rating: no objective has data for this period."),
                                &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_BODY, .max_lines = 3 },
                                x, y, width) + 1;
    }

  if (rating->has_previous)
    {
      g_autofree char *previous = rubric_period_title (rating->previous_range, rating->kind);
      g_autofree char *text = NULL;
      RubricPdfInk ink = RUBRIC_PDF_INK_MUTED;

      if (!rating->previous_has_rating)
        text = g_strdup_printf (_("No rating for %s"), previous);
      else if (!rating->has_rating)
        {
          g_autofree char *was = rubric_pdf_number (pdf,
                                                    rubric_rating_floor (rating->previous_rating),
                                                    RUBRIC_RATING_DECIMALS);

          /* Translators: the previous period and its rating. */
          text = g_strdup_printf (_("%s: %s"), previous, was);
        }
      else
        {
          double change = rubric_rating_floor (rating->rating) -
                          rubric_rating_floor (rating->previous_rating);
          g_autofree char *was = rubric_pdf_number (pdf,
                                                    rubric_rating_floor (rating->previous_rating),
                                                    RUBRIC_RATING_DECIMALS);
          g_autofree char *by = rubric_pdf_format_change (pdf, change, RUBRIC_METRIC_UNIT_SCORE);

          ink = rubric_pdf_change_ink (change, RUBRIC_BETTER_HIGHER);
          if (round (fabs (change) * pow (10, RUBRIC_RATING_DECIMALS)) == 0)
            /* Translators: the previous period and its rating. */
            text = g_strdup_printf (_("No change since %s (%s)"), previous, was);
          else
            /* Translators: "▲ +2.31 since September 2026 (84.81)": an arrow,
             * the change, the previous period and its rating. */
            text = g_strdup_printf (_("%s%s since %s (%s)"), change > 0 ? "▲ " : "▼ ", by,
                                    previous, was);
        }

      y += rubric_pdf_put_text (pdf, draw, text,
                                &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_BODY, .ink = ink,
                                                    .max_lines = 2 }, x, y, width);
    }

  return y - top;
}

static gboolean
credit_cap_bites (const RubricRating *rating)
{
  return rating->contract != NULL && rating->contract->has_credit_cap &&
         rating->credits_uncapped > rating->credits + 0.005;
}

static double
summary_credits_cell (RubricPdf          *pdf,
                      const RubricRating *rating,
                      gboolean            draw,
                      double              x,
                      double              y,
                      double              width)
{
  const RubricContract *contract = rating->contract;
  g_autofree char *value = rubric_pdf_format_percent (pdf, rating->credits, TRUE);
  g_autofree char *note = NULL;
  double top = y;

  y += rubric_pdf_put_label (pdf, draw, _("Credits owed"), x, y, width);
  y += rubric_pdf_put_text (pdf, draw, value,
                            &(RubricPdfStyle) { .size = 18, .weight = PANGO_WEIGHT_BOLD,
                                                .ink = rating->credits > 0
                                                       ? RUBRIC_PDF_INK_BAD
                                                       : RUBRIC_PDF_INK,
                                                .max_lines = 1 }, x, y, width) + 3;

  if (credit_cap_bites (rating))
    {
      g_autofree char *cap = rubric_pdf_format_percent (pdf, contract->credit_cap, TRUE);
      g_autofree char *uncapped = rubric_pdf_format_percent (pdf, rating->credits_uncapped, TRUE);

      /* Translators: the credit cap, and the credits the missed objectives
       * add up to. */
      note = g_strdup_printf (_("Capped at %s: the missed objectives add up to %s"), cap,
                              uncapped);
    }
  else if (contract != NULL && contract->has_credit_cap)
    {
      g_autofree char *cap = rubric_pdf_format_percent (pdf, contract->credit_cap, TRUE);

      note = g_strdup_printf (_("Of the period’s fee; the cap of %s is not reached"), cap);
    }
  else
    note = g_strdup (_("Of the period’s fee; the contract sets no cap"));

  y += rubric_pdf_put_text (pdf, draw, note,
                            &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL + 0.5,
                                                .ink = RUBRIC_PDF_INK_MUTED, .max_lines = 4 },
                            x, y, width);
  return y - top;
}

static double
summary_objectives_cell (RubricPdf          *pdf,
                         const RubricRating *rating,
                         gboolean            draw,
                         double              x,
                         double              y,
                         double              width)
{
  guint without_data = 0;
  g_autofree char *value = NULL;
  g_autofree char *note = NULL;
  double top = y;

  for (guint i = 0; rating->objectives != NULL && i < rating->objectives->len; i++)
    {
      const RubricRatingObjective *objective = g_ptr_array_index (rating->objectives, i);

      if (!objective->has_actual)
        without_data++;
    }

  y += rubric_pdf_put_label (pdf, draw, _("Objectives met"), x, y, width);
  /* Translators: objectives met of all the contract's objectives: "4 of 6". */
  value = g_strdup_printf (_("%u of %u"), rating->objectives_met, rating->objectives_total);
  y += rubric_pdf_put_text (pdf, draw, value,
                            &(RubricPdfStyle) { .size = 18, .weight = PANGO_WEIGHT_BOLD,
                                                .max_lines = 1 }, x, y, width) + 3;

  if (without_data > 0)
    note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u objective without data",
                                         "%u objectives without data", without_data),
                            without_data);
  else if (rating->objectives_total == 0)
    note = g_strdup (_("The contract sets no objectives"));
  else
    note = g_strdup (_("Every objective has data"));

  y += rubric_pdf_put_text (pdf, draw, note,
                            &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL + 0.5,
                                                .ink = without_data > 0
                                                       ? RUBRIC_PDF_INK_WARNING
                                                       : RUBRIC_PDF_INK_MUTED,
                                                .max_lines = 3 }, x, y, width);
  return y - top;
}

typedef double (*SummaryCell) (RubricPdf          *pdf,
                               const RubricRating *rating,
                               gboolean            draw,
                               double              x,
                               double              y,
                               double              width);

gboolean
rubric_pdf_draw_summary (RubricPdf          *pdf,
                         const RubricRating *rating)
{
  static const SummaryCell cells[] = {
    summary_rating_cell, summary_credits_cell, summary_objectives_cell,
  };
  static const double shares[] = { 0.44, 0.30, 0.26 };
  const double pad = 12;
  double height = 0;
  double x;

  for (guint pass = 0; pass < 2; pass++)
    {
      x = RUBRIC_PDF_MARGIN;
      if (pass == 1)
        {
          if (!rubric_pdf_ensure_space (pdf, height + 2 * pad))
            return FALSE;
          rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_PANEL, 1.0);
          rounded_rectangle (pdf->cr, RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH,
                             height + 2 * pad, 6);
          cairo_fill (pdf->cr);
        }

      for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
        {
          double width = RUBRIC_PDF_WIDTH * shares[i];
          double cell = cells[i] (pdf, rating, pass == 1, x + pad, pdf->y + pad,
                                  width - 2 * pad);

          height = MAX (height, cell);
          if (pass == 1 && i > 0)
            {
              rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_GRID, 1.0);
              cairo_set_line_width (pdf->cr, 0.8);
              cairo_move_to (pdf->cr, x, pdf->y + pad);
              cairo_line_to (pdf->cr, x, pdf->y + pad + height);
              cairo_stroke (pdf->cr);
            }
          x += width;
        }
    }

  pdf->y += height + 2 * pad + 10;
  return TRUE;
}

/* The QA objectives whose n is under the contract's minimum, as
 * "QA overall (12), QA: Resolution (9)". */
static char *
small_sample_list (RubricPdf          *pdf,
                   const RubricRating *rating)
{
  g_autoptr(GString) list = g_string_new (NULL);
  guint minimum = rating->contract != NULL ? rating->contract->minimum_evaluations : 0;

  for (guint i = 0; rating->objectives != NULL && i < rating->objectives->len; i++)
    {
      const RubricRatingObjective *objective = g_ptr_array_index (rating->objectives, i);
      g_autofree char *name = NULL;
      g_autofree char *n = NULL;

      if (!rubric_metric_is_qa (objective->metric) || !objective->has_n ||
          objective->n >= minimum)
        continue;

      name = rubric_metric_name (objective->metric);
      n = rubric_pdf_count (pdf, objective->n);
      if (list->len > 0)
        g_string_append (list, ", ");
      /* Translators: a QA objective and its number of evaluations. */
      g_string_append_printf (list, _("%s (%s)"), name, n);
    }

  return list->len > 0 ? g_string_free (g_steal_pointer (&list), FALSE) : NULL;
}

gboolean
rubric_pdf_draw_flags (RubricPdf          *pdf,
                       const RubricRating *rating)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  const double pad = 8;
  double height = 0;

  if (rating->small_sample)
    {
      g_autofree char *list = small_sample_list (pdf, rating);
      guint minimum = rating->contract != NULL ? rating->contract->minimum_evaluations : 0;
      g_autofree char *text = NULL;

      if (list != NULL)
        /* Translators: the contract's minimum number of evaluations, and
         * the QA objectives below it with their numbers. */
        text = g_strdup_printf (_("Fewer evaluations than the contract’s minimum of %u for %s. "
                                  "The figures may move a lot from one period to the next; the "
                                  "range shows how far."),
                                minimum, list);
      else
        text = g_strdup_printf (_("A QA objective rests on fewer evaluations than the "
                                  "contract’s minimum of %u."),
                                minimum);
      g_ptr_array_add (notes, g_markup_printf_escaped ("<b>%s</b>  %s", _("Small sample."),
                                                       text));
    }

  if (rating->incomplete)
    {
      g_autofree char *without = rubric_pdf_format_short (pdf, rating->weight_without_data);
      g_autofree char *total = rubric_pdf_format_short (pdf, rating->weight_total);
      g_autofree char *text = NULL;

      /* Translators: the weight of the objectives without data, and the
       * total weight of the contract's objectives. */
      text = g_strdup_printf (_("Objectives without data hold %s of the total weight of %s, "
                                "more than half: the rating rests on the rest alone."),
                              without, total);
      g_ptr_array_add (notes, g_markup_printf_escaped ("<b>%s</b>  %s", _("Incomplete."), text));
    }

  if (notes->len == 0)
    return TRUE;

  for (guint pass = 0; pass < 2; pass++)
    {
      double y = pdf->y + pad;

      if (pass == 1)
        {
          if (!rubric_pdf_ensure_space (pdf, height + 2 * pad))
            return FALSE;
          y = pdf->y + pad;
          rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_WARNING_BG, 1.0);
          cairo_rectangle (pdf->cr, RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH,
                           height + 2 * pad);
          cairo_fill (pdf->cr);
          rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_TARGET, 1.0);
          cairo_rectangle (pdf->cr, RUBRIC_PDF_MARGIN, pdf->y, 3, height + 2 * pad);
          cairo_fill (pdf->cr);
        }

      for (guint i = 0; i < notes->len; i++)
        {
          if (i > 0)
            y += 4;
          y += rubric_pdf_put_text (pdf, pass == 1, g_ptr_array_index (notes, i),
                                    &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_BODY,
                                                        .markup = TRUE },
                                    RUBRIC_PDF_MARGIN + 12, y, RUBRIC_PDF_WIDTH - 12 - pad);
        }
      height = y - (pdf->y + pad);
    }

  pdf->y += height + 2 * pad + 10;
  return TRUE;
}
