/* rubric-rating-pdf-method.c — the closing "Method" pages of the contract-review report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After the ratings, the report says how they were computed: the formulas
 * of SPEC §3 to §5 as a list of definitions, and the terms of every contract
 * version the ratings used, so that a reader can check any figure without
 * Rubric. The pages and the table are those of rubric-rating-pdf.c.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rubric-rating-pdf-private.h"
#include "rubric-rating-text.h"
#include "rubric-rating.h"

/* A term and what it means, side by side; the term column is narrow. */
static gboolean
draw_definition (RubricPdf  *pdf,
                 const char *term,
                 const char *markup)
{
  const double term_width = 118;
  g_autoptr(PangoLayout) left =
    rubric_pdf_layout (pdf, term,
                       &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_BODY,
                                           .weight = PANGO_WEIGHT_BOLD }, term_width - 10);
  g_autoptr(PangoLayout) right =
    rubric_pdf_layout (pdf, markup,
                       &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_BODY, .markup = TRUE },
                       RUBRIC_PDF_WIDTH - term_width);
  double height = MAX (rubric_pdf_layout_height (left), rubric_pdf_layout_height (right));

  if (!rubric_pdf_ensure_space (pdf, height))
    return FALSE;

  rubric_pdf_show (pdf, left, RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_INK);
  rubric_pdf_show (pdf, right, RUBRIC_PDF_MARGIN + term_width, pdf->y, RUBRIC_PDF_INK);
  pdf->y += height + 6;
  return TRUE;
}

static const char *
formula_markup (RubricSlFormula formula)
{
  /* Mathematics, the same in every language. */
  switch (formula)
    {
    case RUBRIC_SL_ANSWERED:
      return "100 · A<sub>T</sub> / A";
    case RUBRIC_SL_ABANDONS_IGNORED:
      return "100 · A<sub>T</sub> / (A + B − B<sub>T</sub>)";
    case RUBRIC_SL_ABANDONS_POSITIVE:
      return "100 · (A<sub>T</sub> + B<sub>T</sub>) / (A + B)";
    case RUBRIC_SL_ABANDONS_NEGATIVE:
    default:
      return "100 · A<sub>T</sub> / (A + B)";
    }
}

static const char *
formula_name (RubricSlFormula formula)
{
  switch (formula)
    {
    case RUBRIC_SL_ANSWERED:
      return _("Answered calls only");
    case RUBRIC_SL_ABANDONS_IGNORED:
      return _("Abandons within T ignored");
    case RUBRIC_SL_ABANDONS_POSITIVE:
      return _("Abandons within T count as met");
    case RUBRIC_SL_ABANDONS_NEGATIVE:
    default:
      return _("Abandons count against");
    }
}

/* The distinct contract versions of the report, in the order they come. */
static GPtrArray *
report_contracts (GPtrArray *ratings)
{
  GPtrArray *contracts = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < ratings->len; i++)
    {
      const RubricRating *rating = g_ptr_array_index (ratings, i);
      const RubricContract *contract = rating->contract;
      char *key;

      if (contract == NULL)
        continue;
      key = g_strdup_printf ("%s\x1f%s", contract->vendor ? contract->vendor : "",
                             contract->valid_from ? contract->valid_from : "");
      if (g_hash_table_add (seen, key))
        g_ptr_array_add (contracts, (gpointer) contract);
    }

  return contracts;
}

static gboolean
draw_service_level_definition (RubricPdf *pdf,
                               GPtrArray *contracts)
{
  static const RubricSlFormula formulas[] = {
    RUBRIC_SL_ANSWERED, RUBRIC_SL_ABANDONS_NEGATIVE, RUBRIC_SL_ABANDONS_IGNORED,
    RUBRIC_SL_ABANDONS_POSITIVE,
  };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *intro = NULL;

  intro = g_markup_escape_text (_("In percent, by the formula of the vendor’s contract:"), -1);
  g_string_append (text, intro);

  for (guint i = 0; i < G_N_ELEMENTS (formulas); i++)
    {
      g_autoptr(GString) users = g_string_new (NULL);
      g_autofree char *name = g_markup_escape_text (formula_name (formulas[i]), -1);

      for (guint j = 0; j < contracts->len; j++)
        {
          const RubricContract *contract = g_ptr_array_index (contracts, j);
          g_autofree char *vendor = NULL;

          if (contract->formula != formulas[i])
            continue;
          vendor = g_markup_escape_text (contract->vendor ? contract->vendor : "", -1);
          if (users->len > 0)
            g_string_append (users, ", ");
          g_string_append (users, vendor);
        }

      g_string_append_printf (text, "\n%s (<i>%s</i>): %s", name,
                              rubric_sl_formula_to_string (formulas[i]),
                              formula_markup (formulas[i]));
      if (users->len > 0)
        {
          /* The vendors are markup already: the translation is escaped
           * around them. */
          g_auto(GStrv) parts = g_strsplit (_("used for %s"), "%s", 2);
          g_autofree char *before = g_markup_escape_text (parts[0], -1);
          g_autofree char *after = g_markup_escape_text (parts[1] ? parts[1] : "", -1);

          g_string_append_printf (text, " — %s<b>%s</b>%s", before, users->str, after);
        }
    }

  return draw_definition (pdf, _("Service level"), text->str);
}

static gboolean
draw_method_text (RubricPdf *pdf,
                  GPtrArray *contracts)
{
  const struct
  {
    const char *term;
    const char *markup;
  } rating_terms[] = {
    { _("Attainment score s"),
      _("For each objective with data, with actual <i>a</i> and target <i>t</i>: "
        "<i>s</i> = 100 · min(1, <i>a</i> / <i>t</i>) when higher is better, "
        "<i>s</i> = 100 · min(1, <i>t</i> / <i>a</i>) when lower is better "
        "(<i>a</i> = 0 gives 100; <i>t</i> = 0 with <i>a</i> &gt; 0 gives 0).") },
    { _("Met"),
      _("<i>a</i> ≥ <i>t</i> when higher is better, <i>a</i> ≤ <i>t</i> when lower is "
        "better.") },
    { _("Rating R"),
      _("R = Σ <i>w</i>·<i>s</i> / Σ <i>w</i> over the objectives with data, <i>w</i> being "
        "each objective’s weight. Objectives without data are listed but left out.") },
    { _("Grade"),
      _("The highest band of the contract whose minimum is at most R.") },
    { _("Range"),
      /* xgettext:no-c-format */
      _("R<sub>low</sub> and R<sub>high</sub>: R computed again with the actual of every QA "
        "objective at the lower and at the upper end of its 95 % confidence interval, the "
        "other objectives unchanged.") },
    { _("Credits owed"),
      _("The sum of the credits (percent of the period’s fee) of the missed objectives, "
        "capped at the contract’s credit cap when it sets one.") },
    { _("QA scores"),
      /* xgettext:no-c-format */
      _("The mean score of the vendor’s submitted evaluations of calls in the period, 0 to "
        "100; a category’s mean likewise over the evaluations that score it. With n ≥ 2 its "
        "95 % confidence interval is mean ± <i>t</i><sub>0.975, n−1</sub> · <i>s</i> / √n "
        "(Student’s t), clipped to 0–100.") },
    { _("Small sample"),
      _("A QA objective rests on fewer evaluations than the contract’s minimum.") },
    { _("Incomplete"),
      _("The objectives without data hold more than half of the total weight.") },
  };
  const struct
  {
    const char *term;
    const char *markup;
  } kpi_terms[] = {
    { _("Counts"),
      _("O: calls offered, every outcome. A: answered; A<sub>T</sub>: answered within the "
        "threshold T. B: abandoned and timed-out calls, short abandons (abandoned within "
        "S seconds) left out; B<sub>T</sub>: those of B that waited at most T.") },
    { NULL, NULL },  /* the service level, drawn with its users */
    { _("Abandon rate"), _("100 · B / (A + B), in percent.") },
    { _("Average speed of answer"),
      _("Σ wait of the answered calls / A, in seconds.") },
    { _("Average handle time"),
      _("Σ (talk + hold + wrap-up) / the answered calls with a talk time, in seconds.") },
    { _("First-call resolution"),
      _("100 · the answered calls with a caller id whose caller did not call again within "
        "D days / the answered calls with a caller id.") },
    { _("Intervals"),
      /* xgettext:no-c-format */
      _("Service level, abandon rate and first-call resolution carry a 95 % Wilson score "
        "interval.") },
    { _("Undefined figures"),
      _("A figure whose denominator is 0 has no value: it is shown as —, never as 0.") },
  };

  if (!rubric_pdf_ensure_space (pdf, 60))
    return FALSE;
  rubric_pdf_draw_section_title (pdf, _("How the rating is computed"));
  for (guint i = 0; i < G_N_ELEMENTS (rating_terms); i++)
    if (!draw_definition (pdf, rating_terms[i].term, rating_terms[i].markup))
      return FALSE;

  pdf->y += RUBRIC_PDF_SECTION_GAP - 6;
  if (!rubric_pdf_ensure_space (pdf, 60))
    return FALSE;
  rubric_pdf_draw_section_title (pdf, _("Call-centre figures"));
  for (guint i = 0; i < G_N_ELEMENTS (kpi_terms); i++)
    {
      gboolean ok = kpi_terms[i].term != NULL
        ? draw_definition (pdf, kpi_terms[i].term, kpi_terms[i].markup)
        : draw_service_level_definition (pdf, contracts);

      if (!ok)
        return FALSE;
    }

  pdf->y += RUBRIC_PDF_SECTION_GAP - 6;
  return TRUE;
}

enum
{
  TERMS_VENDOR,
  TERMS_ZONE,
  TERMS_T,
  TERMS_S,
  TERMS_FORMULA,
  TERMS_D,
  TERMS_MINIMUM,
  TERMS_CAP,
  TERMS_GRADES,
  N_TERMS
};

static const RubricPdfColumn terms_columns[N_TERMS] = {
  { 0, PANGO_ALIGN_LEFT },
  { 62, PANGO_ALIGN_LEFT },
  { 24, PANGO_ALIGN_RIGHT },
  { 24, PANGO_ALIGN_RIGHT },
  { 88, PANGO_ALIGN_LEFT },
  { 24, PANGO_ALIGN_RIGHT },
  { 56, PANGO_ALIGN_RIGHT },
  { 40, PANGO_ALIGN_RIGHT },
  { 84, PANGO_ALIGN_LEFT },
};

static void
terms_row (RubricPdf            *pdf,
           const RubricContract *contract,
           RubricPdfRow         *row)
{
  char **cells = row->text;
  g_autoptr(GString) grades = g_string_new (NULL);
  gint32 day;

  if (contract->valid_from != NULL && !g_str_equal (contract->valid_from, RUBRIC_CONTRACT_ALWAYS)
      && rubric_day_parse (contract->valid_from, &day))
    {
      g_autofree char *from_day = rubric_day_title (day);
      /* Translators: under the vendor's name: since when its contract
       * version is in force. */
      g_autofree char *from = g_strdup_printf (_("from %s"), from_day);

      cells[TERMS_VENDOR] = g_markup_printf_escaped ("<b>%s</b>\n<span size=\"smaller\">%s</span>",
                                                     contract->vendor ? contract->vendor : "",
                                                     from);
    }
  else
    cells[TERMS_VENDOR] = g_markup_printf_escaped ("<b>%s</b>",
                                                   contract->vendor ? contract->vendor : "");
  cells[TERMS_ZONE] = g_markup_escape_text (contract->timezone ? contract->timezone : "UTC", -1);
  cells[TERMS_T] = rubric_pdf_count (pdf, contract->threshold);
  cells[TERMS_S] = contract->short_abandon > 0 ? rubric_pdf_count (pdf, contract->short_abandon)
                                               : g_markup_escape_text (_("off"), -1);
  cells[TERMS_FORMULA] = g_strdup (formula_markup (contract->formula));
  cells[TERMS_D] = rubric_pdf_count (pdf, contract->repeat_days);
  cells[TERMS_MINIMUM] = rubric_pdf_count (pdf, contract->minimum_evaluations);
  if (contract->has_credit_cap)
    {
      g_autofree char *cap = rubric_pdf_format_percent (pdf, contract->credit_cap, TRUE);

      cells[TERMS_CAP] = g_markup_escape_text (cap, -1);
    }
  else
    cells[TERMS_CAP] = g_markup_escape_text (_("none"), -1);

  for (guint i = 0; contract->grades != NULL && i < contract->grades->len; i++)
    {
      const RubricGrade *grade = g_ptr_array_index (contract->grades, i);
      g_autofree char *min = rubric_pdf_format_short (pdf, grade->min);
      /* No break inside a band: "C ≥ 70" stays on one line. */
      g_autofree char *band = g_markup_printf_escaped ("<b>%s</b>\u00a0≥\u00a0%s", grade->name,
                                                       min);

      if (grades->len > 0)
        g_string_append (grades, ", ");
      g_string_append (grades, band);
    }
  cells[TERMS_GRADES] = g_string_free (g_steal_pointer (&grades), FALSE);

  for (guint c = 0; c < N_TERMS; c++)
    {
      row->ink[c] = RUBRIC_PDF_INK;
      row->markup[c] = TRUE;
    }
}

static gboolean
draw_contract_terms (RubricPdf *pdf,
                     GPtrArray *contracts)
{
  const char *titles[N_TERMS] = {
    _("Vendor"), _("Time zone"), "T", "S", _("Service level"), "D", _("Min. evaluations"),
    _("Credit cap"), _("Grades"),
  };
  RubricPdfRow header = { { NULL, } };
  RubricPdfTable table = { terms_columns, N_TERMS, RUBRIC_PDF_SIZE_TABLE, &header };
  gboolean ok;

  rubric_pdf_row_set_header (&header, titles, N_TERMS);
  ok = rubric_pdf_table_begin (pdf, &table, _("Contract terms"), 30);
  for (guint i = 0; ok && i < contracts->len; i++)
    {
      RubricPdfRow row = { { NULL, } };

      terms_row (pdf, g_ptr_array_index (contracts, i), &row);
      ok = rubric_pdf_table_add (pdf, &table, &row, i);
      rubric_pdf_row_clear (&row);
    }
  rubric_pdf_row_clear (&header);
  if (!ok)
    return FALSE;

  rubric_pdf_table_end (pdf, _("T: the service-level threshold, in seconds. S: the "
                               "short-abandon threshold, in seconds: calls abandoned sooner are "
                               "not counted. D: the days within which a repeat call counts "
                               "against first-call resolution. A grade applies from its minimum "
                               "rating up."));
  return !pdf->cancelled;
}

gboolean
rubric_pdf_draw_method (RubricPdf *pdf,
                        GPtrArray *ratings)
{
  g_autoptr(GPtrArray) contracts = report_contracts (ratings);
  g_autofree char *eyebrow = g_utf8_strup (_("Contract review"), -1);

  if (!rubric_pdf_begin_page (pdf))
    return FALSE;

  pdf->rating = NULL;
  g_free (pdf->running_title);
  pdf->running_title = g_strdup_printf (_("Contract review · %s"), _("Method"));
  rubric_pdf_add_outline (pdf, _("Method"));

  rubric_pdf_set_ink (pdf, RUBRIC_PDF_INK_ACCENT, 1.0);
  cairo_rectangle (pdf->cr, RUBRIC_PDF_MARGIN, pdf->y, 28, 3);
  cairo_fill (pdf->cr);
  pdf->y += 8;
  pdf->y += rubric_pdf_text (pdf, eyebrow,
                             &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_SMALL,
                                                 .weight = PANGO_WEIGHT_BOLD,
                                                 .ink = RUBRIC_PDF_INK_ACCENT, .max_lines = 1 },
                             RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH) + 4;
  pdf->y += rubric_pdf_text (pdf, _("Method"),
                             &(RubricPdfStyle) { .size = 20, .weight = PANGO_WEIGHT_BOLD,
                                                 .max_lines = 1 },
                             RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH) + 4;
  pdf->y += rubric_pdf_text (pdf,
                             _("The formulas and the contract terms behind the figures of "
                                    "this report (Rubric specification, sections 3 to 5)."),
                             &(RubricPdfStyle) { .size = RUBRIC_PDF_SIZE_BODY,
                                                 .ink = RUBRIC_PDF_INK_MUTED },
                             RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH) + 8;
  rubric_pdf_hairline (pdf, RUBRIC_PDF_MARGIN, pdf->y, RUBRIC_PDF_WIDTH, RUBRIC_PDF_INK_FAINT, 0.8);
  pdf->y += 14;

  return draw_method_text (pdf, contracts) && draw_contract_terms (pdf, contracts);
}
