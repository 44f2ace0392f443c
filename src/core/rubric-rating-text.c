/* rubric-rating-text.c — the words of a vendor rating, the same in the app and the PDF report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Vendors page and the contract-review report name metrics, categories,
 * sources, units and periods through these functions, so that a rating
 * reads the same on screen and on paper, and with the same decimals (the
 * report writes its figures in the user's numeric locale itself,
 * rubric-rating-pdf-text.c, with rubric_metric_unit_decimals ()).
 *
 * Month names come from our own translations, not from the C library:
 * LANGUAGE=fr changes the messages but not LC_TIME, and a French report
 * or page must not name an English month.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rubric-rating-text.h"

/* ------------------------------------------------------------------ */
/* Metrics                                                             */

RubricMetricUnit
rubric_metric_unit (const char *metric)
{
  g_return_val_if_fail (metric != NULL, RUBRIC_METRIC_UNIT_PLAIN);

  if (g_str_equal (metric, "service-level") || g_str_equal (metric, "abandon-rate") ||
      g_str_equal (metric, "fcr"))
    return RUBRIC_METRIC_UNIT_PERCENT;
  if (g_str_equal (metric, "asa") || g_str_equal (metric, "aht"))
    return RUBRIC_METRIC_UNIT_SECONDS;
  if (rubric_metric_is_qa (metric))
    return RUBRIC_METRIC_UNIT_SCORE;
  return RUBRIC_METRIC_UNIT_PLAIN;
}

gboolean
rubric_metric_is_qa (const char *metric)
{
  g_return_val_if_fail (metric != NULL, FALSE);

  return g_str_has_prefix (metric, "qa-");
}

/* The four categories of SPEC §1, named as rubric-scorecard.c names them
 * when a scorecard gives them no title of its own. */
const char *
rubric_category_name (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  if (g_str_equal (key, "resolution"))
    return _("First-call resolution");
  if (g_str_equal (key, "ownership"))
    return _("Ownership");
  if (g_str_equal (key, "policy"))
    return _("Policy adherence");
  if (g_str_equal (key, "documentation"))
    return _("Documentation");
  return key;
}

/* SPEC §1's categories, in its order. */
static const char * const spec_categories[] = { "resolution", "ownership", "policy",
                                                "documentation" };

static guint
category_rank (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (spec_categories); i++)
    if (g_str_equal (key, spec_categories[i]))
      return i;

  return G_N_ELEMENTS (spec_categories);
}

int
rubric_category_compare (const char *a,
                         const char *b)
{
  guint rank_a = category_rank (a);
  guint rank_b = category_rank (b);

  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;
  return strcmp (a, b);
}

char *
rubric_metric_name (const char *metric)
{
  g_return_val_if_fail (metric != NULL, NULL);

  if (g_str_equal (metric, "service-level"))
    return g_strdup (_("Service level"));
  if (g_str_equal (metric, "abandon-rate"))
    return g_strdup (_("Abandon rate"));
  if (g_str_equal (metric, "asa"))
    return g_strdup (_("Average speed of answer"));
  if (g_str_equal (metric, "aht"))
    return g_strdup (_("Average handle time"));
  if (g_str_equal (metric, "fcr"))
    return g_strdup (_("First-call resolution"));
  if (g_str_equal (metric, "qa-overall"))
    return g_strdup (_("QA overall"));
  if (rubric_metric_is_qa (metric))
    /* Translators: the mean score of one category of the evaluations, "QA: Ownership" */
    return g_strdup_printf (_("QA: %s"), rubric_category_name (metric + strlen ("qa-")));
  if (g_str_has_prefix (metric, "custom:"))
    return g_strdup (metric + strlen ("custom:"));
  return g_strdup (metric);
}

const char *
rubric_rating_source_name (RubricRatingSource source)
{
  switch (source)
    {
    case RUBRIC_RATING_SOURCE_CALLS:
      /* Translators: where an objective's actual comes from */
      return _("Call records");
    case RUBRIC_RATING_SOURCE_METRICS:
      /* Translators: where an objective's actual comes from: the aggregates the
       * vendor reported (SPEC §4.4) */
      return _("Reported aggregates");
    case RUBRIC_RATING_SOURCE_EVALUATIONS:
      /* Translators: where an objective's actual comes from */
      return C_("source", "Evaluations");
    case RUBRIC_RATING_SOURCE_NONE:
    default:
      return C_("objective", "No data");
    }
}

/* ------------------------------------------------------------------ */
/* Units                                                               */

char *
rubric_keep_together (char *text)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  parts = g_strsplit (text, " ", -1);
  g_free (text);
  return g_strjoinv ("\u00a0", parts);
}

int
rubric_metric_unit_decimals (RubricMetricUnit unit)
{
  switch (unit)
    {
    case RUBRIC_METRIC_UNIT_SECONDS:
      return 0;
    case RUBRIC_METRIC_UNIT_PERCENT:
    case RUBRIC_METRIC_UNIT_SCORE:
      return 1;
    case RUBRIC_METRIC_UNIT_PLAIN:
    default:
      return 2;
    }
}

double
rubric_rating_floor (double rating)
{
  double scale = pow (10, RUBRIC_RATING_DECIMALS);

  /* The epsilon keeps 91.3 (stored as 91.29999…) at 91.3. */
  return floor (rating * scale + 1e-9) / scale;
}

char *
rubric_figure_format (double value,
                      int    decimals)
{
  double scale = pow (10, decimals);

  /* What rounds to zero is written without a sign. */
  if (round (fabs (value) * scale) == 0)
    value = 0;
  return g_strdup_printf ("%.*f", decimals, value);
}

char *
rubric_metric_unit_format (RubricMetricUnit  unit,
                           const char       *number)
{
  g_return_val_if_fail (number != NULL, NULL);

  switch (unit)
    {
    case RUBRIC_METRIC_UNIT_PERCENT:
      /* Translators: a percentage, %s being the number ("87.50 %"); the space
       * never breaks */
      return rubric_keep_together (g_strdup_printf (_("%s %%"), number));
    case RUBRIC_METRIC_UNIT_SECONDS:
      /* Translators: a duration in seconds, %s being the number ("24.5 s") */
      return rubric_keep_together (g_strdup_printf (_("%s s"), number));
    case RUBRIC_METRIC_UNIT_SCORE:
    case RUBRIC_METRIC_UNIT_PLAIN:
    default:
      return g_strdup (number);
    }
}

/* ------------------------------------------------------------------ */
/* Days and periods                                                    */

static const char *
month_name (int month)
{
  switch (month)
    {
    case 1: return C_("month", "January");
    case 2: return C_("month", "February");
    case 3: return C_("month", "March");
    case 4: return C_("month", "April");
    case 5: return C_("month", "May");
    case 6: return C_("month", "June");
    case 7: return C_("month", "July");
    case 8: return C_("month", "August");
    case 9: return C_("month", "September");
    case 10: return C_("month", "October");
    case 11: return C_("month", "November");
    case 12: return C_("month", "December");
    default: return "";
    }
}

char *
rubric_day_title (gint32 day)
{
  GDate date;

  rubric_day_to_date (day, &date);
  /* Translators: a day: the day of the month, the month's name and the year,
   * "22 November 2026" */
  return g_strdup_printf (C_("day", "%d %s %d"), g_date_get_day (&date),
                          month_name (g_date_get_month (&date)), g_date_get_year (&date));
}

char *
rubric_day_range_title (RubricDayRange range)
{
  g_autofree char *first = rubric_day_title (range.first);
  g_autofree char *last = NULL;

  if (range.first == range.last)
    return g_steal_pointer (&first);

  last = rubric_day_title (range.last);
  /* Translators: the first and the last day of a period, "1 October 2026 –
   * 31 October 2026" */
  return g_strdup_printf (_("%s – %s"), first, last);
}

char *
rubric_period_title (RubricDayRange   range,
                     RubricPeriodKind kind)
{
  RubricDayRange whole;
  GDate date;

  if (kind == RUBRIC_PERIOD_RANGE)
    return rubric_day_range_title (range);

  whole = rubric_period_containing (range.first, kind);
  if (whole.first != range.first || whole.last != range.last)
    return rubric_day_range_title (range);

  rubric_day_to_date (range.first, &date);

  switch (kind)
    {
    case RUBRIC_PERIOD_DAY:
      return rubric_day_title (range.first);
    case RUBRIC_PERIOD_WEEK:
      {
        GDate thursday;

        /* An ISO week belongs to the year of its Thursday. */
        rubric_day_to_date (range.first + 3, &thursday);
        /* Translators: an ISO week and its year, "Week 47, 2026" */
        return g_strdup_printf (_("Week %u, %d"), g_date_get_iso8601_week_of_year (&thursday),
                                g_date_get_year (&thursday));
      }
    case RUBRIC_PERIOD_MONTH:
      /* Translators: a month's name and its year, "November 2026" */
      return g_strdup_printf (C_("month and year", "%s %d"),
                              month_name (g_date_get_month (&date)), g_date_get_year (&date));
    case RUBRIC_PERIOD_QUARTER:
      /* Translators: a quarter of a year, "Q4 2026" */
      return g_strdup_printf (_("Q%d %d"), (g_date_get_month (&date) - 1) / 3 + 1,
                              g_date_get_year (&date));
    case RUBRIC_PERIOD_YEAR:
      return g_strdup_printf ("%d", g_date_get_year (&date));
    case RUBRIC_PERIOD_RANGE:
    default:
      return rubric_day_range_title (range);
    }
}
