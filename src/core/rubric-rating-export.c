/* rubric-rating-export.c — ratings as CSV and XML, and every export of them (SPEC §8.6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both forms print the same figures the same way: scores (rating, its
 * bounds, attainment) with two decimals, actuals and their intervals with
 * four, targets, weights and credits as the shortest decimal that reads
 * back; always in the C locale, undefined figures left out.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rubric-csv.h"
#include "rubric-private.h"
#include "rubric-rating.h"
#include "rubric-xml.h"

/* NULL for NaN, so that an undefined figure is an empty cell or no attribute. */
static char *
format_fixed (double      value,
              const char *format)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE + 320];

  if (!isfinite (value))
    return NULL;

  g_ascii_formatd (buffer, sizeof buffer, format, value);

  /* A tiny negative rounds to "-0.00", which reads as a typo. */
  if (buffer[0] == '-' && strspn (buffer + 1, "0.") == strlen (buffer + 1))
    return g_strdup (buffer + 1);

  return g_strdup (buffer);
}

static char *
format_score (double value)
{
  return format_fixed (value, "%.2f");
}

static char *
format_actual (double value)
{
  return format_fixed (value, "%.4f");
}

static char *
format_exact (double value)
{
  return isfinite (value) ? rubric_xml_format_double (value) : NULL;
}

static char *
format_count (guint64 value)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
}

/* The figures of one objective, as text, NULL where undefined. */
typedef struct
{
  char *target;
  char *actual;
  char *n;
  char *ci_low;
  char *ci_high;
  char *score;
  char *weight;
  char *credit;
  const char *met;
  char *previous;
  char *change;
} ObjectiveCells;

static void
objective_cells_init (ObjectiveCells              *cells,
                      const RubricRatingObjective *objective)
{
  cells->target = format_exact (objective->target);
  cells->weight = format_exact (objective->weight);
  cells->credit = objective->has_credit ? format_exact (objective->credit) : NULL;
  cells->actual = objective->has_actual ? format_actual (objective->actual) : NULL;
  cells->n = objective->has_n ? format_count (objective->n) : NULL;
  cells->ci_low = objective->has_ci ? format_actual (objective->ci_low) : NULL;
  cells->ci_high = objective->has_ci ? format_actual (objective->ci_high) : NULL;
  cells->score = objective->has_actual ? format_score (objective->score) : NULL;
  cells->met = objective->has_actual ? (objective->met ? "true" : "false") : NULL;
  cells->previous = objective->has_previous ? format_actual (objective->previous_actual) : NULL;
  cells->change = objective->has_previous && objective->has_actual
                    ? format_actual (objective->actual - objective->previous_actual) : NULL;
}

static void
objective_cells_clear (ObjectiveCells *cells)
{
  g_free (cells->target);
  g_free (cells->actual);
  g_free (cells->n);
  g_free (cells->ci_low);
  g_free (cells->ci_high);
  g_free (cells->score);
  g_free (cells->weight);
  g_free (cells->credit);
  g_free (cells->previous);
  g_free (cells->change);
}

/* The figures of a whole rating. */
typedef struct
{
  char *first;
  char *last;
  char *rating;
  char *low;
  char *high;
  char *met;
  char *total;
  char *credits;
  char *credits_uncapped;
  char *evaluations;
  char *calls;
  char *flags;
} RatingCells;

static void
rating_cells_init (RatingCells        *cells,
                   const RubricRating *rating,
                   const char         *separator)
{
  cells->first = rubric_day_format (rating->range.first);
  cells->last = rubric_day_format (rating->range.last);
  cells->rating = rating->has_rating ? format_score (rating->rating) : NULL;
  cells->low = rating->has_rating ? format_score (rating->rating_low) : NULL;
  cells->high = rating->has_rating ? format_score (rating->rating_high) : NULL;
  cells->met = format_count (rating->objectives_met);
  cells->total = format_count (rating->objectives_total);
  cells->credits = format_exact (rating->credits);
  cells->credits_uncapped = format_exact (rating->credits_uncapped);
  cells->evaluations = format_count (rating->evaluations);
  cells->calls = format_count (rating->calls);
  cells->flags = rubric_rating_flags_string (rating, separator);
}

static void
rating_cells_clear (RatingCells *cells)
{
  g_free (cells->first);
  g_free (cells->last);
  g_free (cells->rating);
  g_free (cells->low);
  g_free (cells->high);
  g_free (cells->met);
  g_free (cells->total);
  g_free (cells->credits);
  g_free (cells->credits_uncapped);
  g_free (cells->evaluations);
  g_free (cells->calls);
  g_free (cells->flags);
}

char *
rubric_ratings_to_csv (GPtrArray *ratings,
                       gboolean   detail)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (ratings != NULL, NULL);

  if (detail)
    g_string_append (out, "vendor,period_start,period_end,metric,target,actual,n,ci_low,"
                          "ci_high,score,weight,met,source\r\n");
  else
    g_string_append (out, "vendor,period_start,period_end,rating,rating_low,rating_high,"
                          "grade,objectives_met,objectives_total,credits_pct,evaluations,"
                          "calls,flags\r\n");

  for (guint i = 0; i < ratings->len; i++)
    {
      const RubricRating *rating = g_ptr_array_index (ratings, i);
      RatingCells r;

      rating_cells_init (&r, rating, ";");

      if (!detail)
        {
          const char *fields[] = {
            rating->vendor, r.first, r.last, r.rating, r.low, r.high, rating->grade,
            r.met, r.total, r.credits, r.evaluations, r.calls, r.flags,
          };

          rubric_csv_append_record (out, fields, G_N_ELEMENTS (fields));
        }

      for (guint j = 0; detail && j < rating->objectives->len; j++)
        {
          const RubricRatingObjective *objective = g_ptr_array_index (rating->objectives, j);
          ObjectiveCells o;

          objective_cells_init (&o, objective);
          {
            const char *fields[] = {
              rating->vendor, r.first, r.last, objective->metric, o.target, o.actual, o.n,
              o.ci_low, o.ci_high, o.score, o.weight, o.met,
              rubric_rating_source_to_string (objective->source),
            };

            rubric_csv_append_record (out, fields, G_N_ELEMENTS (fields));
          }
          objective_cells_clear (&o);
        }

      rating_cells_clear (&r);
    }

  return g_string_free (out, FALSE);
}

static void
write_attribute (xmlTextWriter *writer,
                 const char    *name,
                 const char    *value)
{
  if (value != NULL && *value != '\0')
    xmlTextWriterWriteAttribute (writer, (const xmlChar *) name, (const xmlChar *) value);
}

static void
write_objective (xmlTextWriter               *writer,
                 const RubricRatingObjective *objective)
{
  ObjectiveCells o;

  objective_cells_init (&o, objective);

  xmlTextWriterStartElement (writer, (const xmlChar *) "objective");
  write_attribute (writer, "metric", objective->metric);
  write_attribute (writer, "direction",
                   objective->better == RUBRIC_BETTER_LOWER ? "lower" : "higher");
  write_attribute (writer, "target", o.target);
  write_attribute (writer, "weight", o.weight);
  write_attribute (writer, "credit", o.credit);
  write_attribute (writer, "source", rubric_rating_source_to_string (objective->source));
  write_attribute (writer, "actual", o.actual);
  write_attribute (writer, "n", o.n);
  write_attribute (writer, "ci-low", o.ci_low);
  write_attribute (writer, "ci-high", o.ci_high);
  write_attribute (writer, "score", o.score);
  write_attribute (writer, "met", o.met);
  write_attribute (writer, "previous-actual", o.previous);
  write_attribute (writer, "change", o.change);
  xmlTextWriterEndElement (writer);

  objective_cells_clear (&o);
}

static void
write_rating (xmlTextWriter      *writer,
              const RubricRating *rating)
{
  const RubricContract *contract = rating->contract;
  RatingCells r;

  rating_cells_init (&r, rating, " ");

  xmlTextWriterStartElement (writer, (const xmlChar *) "rating");
  write_attribute (writer, "vendor", rating->vendor);
  write_attribute (writer, "period-start", r.first);
  write_attribute (writer, "period-end", r.last);
  write_attribute (writer, "period", rubric_period_kind_to_string (rating->kind));
  write_attribute (writer, "timezone", rating->timezone);
  write_attribute (writer, "rating", r.rating);
  write_attribute (writer, "rating-low", r.low);
  write_attribute (writer, "rating-high", r.high);
  write_attribute (writer, "grade", rating->grade);
  write_attribute (writer, "objectives-met", r.met);
  write_attribute (writer, "objectives-total", r.total);
  write_attribute (writer, "credits", r.credits);
  write_attribute (writer, "credits-uncapped", r.credits_uncapped);
  write_attribute (writer, "evaluations", r.evaluations);
  write_attribute (writer, "calls", r.calls);
  write_attribute (writer, "flags", r.flags);

  /* What the figures were computed under, so a review can check them. */
  xmlTextWriterStartElement (writer, (const xmlChar *) "contract");
  write_attribute (writer, "valid-from", contract->valid_from);
  rubric_xml_write_uint_attribute (writer, "threshold", contract->threshold);
  rubric_xml_write_uint_attribute (writer, "short-abandon", contract->short_abandon);
  write_attribute (writer, "formula", rubric_sl_formula_to_string (contract->formula));
  rubric_xml_write_uint_attribute (writer, "repeat-days", contract->repeat_days);
  rubric_xml_write_uint_attribute (writer, "minimum-evaluations", contract->minimum_evaluations);
  if (contract->has_credit_cap)
    {
      g_autofree char *cap = format_exact (contract->credit_cap);

      write_attribute (writer, "credit-cap", cap);
    }
  xmlTextWriterEndElement (writer);

  if (rating->has_previous)
    {
      g_autofree char *first = rubric_day_format (rating->previous_range.first);
      g_autofree char *last = rubric_day_format (rating->previous_range.last);
      g_autofree char *previous = rating->previous_has_rating
                                    ? format_score (rating->previous_rating) : NULL;
      g_autofree char *change = rating->previous_has_rating && rating->has_rating
                                  ? format_score (rating->rating - rating->previous_rating)
                                  : NULL;

      xmlTextWriterStartElement (writer, (const xmlChar *) "previous");
      write_attribute (writer, "period-start", first);
      write_attribute (writer, "period-end", last);
      write_attribute (writer, "rating", previous);
      write_attribute (writer, "change", change);
      xmlTextWriterEndElement (writer);
    }

  for (guint i = 0; i < rating->objectives->len; i++)
    write_objective (writer, g_ptr_array_index (rating->objectives, i));

  xmlTextWriterEndElement (writer);
  rating_cells_clear (&r);
}

char *
rubric_ratings_to_xml (GPtrArray *ratings)
{
  g_autoptr(xmlBuffer) buffer = NULL;
  g_autoptr(xmlTextWriter) writer = NULL;

  g_return_val_if_fail (ratings != NULL, NULL);

  writer = rubric_xml_writer_new (&buffer);
  xmlTextWriterStartDocument (writer, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElement (writer, (const xmlChar *) "ratings");
  xmlTextWriterWriteAttribute (writer, (const xmlChar *) "xmlns",
                               (const xmlChar *) RUBRIC_RATINGS_NS);

  for (guint i = 0; i < ratings->len; i++)
    write_rating (writer, g_ptr_array_index (ratings, i));

  xmlTextWriterEndElement (writer);
  xmlTextWriterEndDocument (writer);
  g_clear_pointer (&writer, xmlFreeTextWriter);

  return g_strdup ((const char *) xmlBufferContent (buffer));
}

RubricRatingFlags
rubric_ratings_export_flags (RubricRatingsExport format)
{
  switch (format)
    {
    case RUBRIC_RATINGS_EXPORT_XML:
      return RUBRIC_RATING_WITH_PREVIOUS;
    case RUBRIC_RATINGS_EXPORT_PDF:
      return RUBRIC_RATING_WITH_PREVIOUS | RUBRIC_RATING_WITH_TREND;
    case RUBRIC_RATINGS_EXPORT_CSV:
    case RUBRIC_RATINGS_EXPORT_DETAIL_CSV:
    default:
      return 0;
    }
}

gboolean
rubric_ratings_write (GPtrArray            *ratings,
                      RubricRatingsExport   format,
                      GOutputStream        *out,
                      GCancellable         *cancellable,
                      GError              **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (ratings != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  switch (format)
    {
    case RUBRIC_RATINGS_EXPORT_PDF:
      return rubric_ratings_write_pdf (ratings, out, cancellable, error);
    case RUBRIC_RATINGS_EXPORT_XML:
      text = rubric_ratings_to_xml (ratings);
      break;
    case RUBRIC_RATINGS_EXPORT_DETAIL_CSV:
      text = rubric_ratings_to_csv (ratings, TRUE);
      break;
    case RUBRIC_RATINGS_EXPORT_CSV:
    default:
      text = rubric_ratings_to_csv (ratings, FALSE);
      break;
    }

  return g_output_stream_write_all (out, text, strlen (text), NULL, cancellable, error);
}

gboolean
rubric_ratings_export (RubricDb            *db,
                       const char          *vendor,
                       RubricDayRange       range,
                       RubricPeriodKind     kind,
                       RubricRatingsExport  format,
                       GOutputStream       *out,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_autoptr(GPtrArray) ratings = NULL;

  g_return_val_if_fail (db != NULL, FALSE);

  ratings = rubric_ratings_compute (db, vendor, range, kind,
                                    rubric_ratings_export_flags (format), error);
  if (ratings == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return rubric_ratings_write (ratings, format, out, cancellable, error);
}
