/* rubric-rating-figures.c — the figures the Vendors page shows for a rating, and its flags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Numbers are written the way the user's language writes them (printf
 * follows LC_NUMERIC); the exports keep the C locale (rubric-rating.h).
 * The units, and the names of metrics and periods, are those of the PDF
 * report: rubric-rating-text.c (core); how many decimals a figure gets is
 * the page's own (the report gives more).
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "rubric-rating-figures.h"
#include "rubric-rating-text.h"

char *
rubric_period_code (RubricDayRange   range,
                    RubricPeriodKind kind)
{
  g_autofree char *first = rubric_day_format (range.first);
  GDate date;

  rubric_day_to_date (range.first, &date);

  switch (kind)
    {
    case RUBRIC_PERIOD_DAY:
      return g_steal_pointer (&first);
    case RUBRIC_PERIOD_WEEK:
      {
        GDate thursday;

        rubric_day_to_date (range.first + 3, &thursday);
        return g_strdup_printf ("%04d-W%02u", g_date_get_year (&thursday),
                                g_date_get_iso8601_week_of_year (&thursday));
      }
    case RUBRIC_PERIOD_MONTH:
      return g_strdup_printf ("%04d-%02d", g_date_get_year (&date), g_date_get_month (&date));
    case RUBRIC_PERIOD_QUARTER:
      return g_strdup_printf ("%04d-Q%d", g_date_get_year (&date),
                              (g_date_get_month (&date) - 1) / 3 + 1);
    case RUBRIC_PERIOD_YEAR:
      return g_strdup_printf ("%04d", g_date_get_year (&date));
    case RUBRIC_PERIOD_RANGE:
    default:
      {
        g_autofree char *last = rubric_day_format (range.last);

        return g_strconcat (first, "..", last, NULL);
      }
    }
}

/* Up to @digits decimals, without trailing zeros: "4.2", "4", "4.25". */
static char *
format_trimmed (double value,
                int    digits)
{
  for (int d = 0; d < digits; d++)
    {
      double scaled = value * pow (10, d);

      if (fabs (scaled - round (scaled)) < 1e-6)
        return g_strdup_printf ("%.*f", d, value);
    }

  return g_strdup_printf ("%.*f", digits, value);
}

char *
rubric_percent_format (double percent)
{
  g_autofree char *number = format_trimmed (percent, 1);

  return rubric_metric_unit_format (RUBRIC_METRIC_UNIT_PERCENT, number);
}

/* The page's figures, with the decimals the report gives them too
 * (rubric_metric_unit_decimals ()); a custom metric as imported, up to
 * that many. */
static char *
format_absolute (RubricMetricUnit unit,
                 double           value)
{
  if (unit == RUBRIC_METRIC_UNIT_PLAIN)
    return format_trimmed (value, rubric_metric_unit_decimals (unit));
  return rubric_figure_format (value, rubric_metric_unit_decimals (unit));
}

char *
rubric_metric_format_number (const char *metric,
                             double      value)
{
  g_return_val_if_fail (metric != NULL, NULL);

  return format_absolute (rubric_metric_unit (metric), value);
}

char *
rubric_metric_format_value (const char *metric,
                            double      value)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (metric != NULL, NULL);

  number = rubric_metric_format_number (metric, value);
  return rubric_metric_unit_format (rubric_metric_unit (metric), number);
}

char *
rubric_objective_format_target (const RubricRatingObjective *objective)
{
  g_autofree char *number = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (objective != NULL, NULL);

  /* Targets are written as the contract gives them: 75 %, not 75.0 %. */
  number = format_trimmed (objective->target, 2);
  value = rubric_metric_unit_format (rubric_metric_unit (objective->metric), number);

  return g_strconcat (objective->better == RUBRIC_BETTER_LOWER ? "≤ " : "≥ ", value, NULL);
}

char *
rubric_metric_format_change (const char *metric,
                             double      change)
{
  RubricMetricUnit unit;
  g_autofree char *number = NULL;
  g_autofree char *signed_number = NULL;
  const char *sign = "";

  g_return_val_if_fail (metric != NULL, NULL);

  unit = rubric_metric_unit (metric);
  number = format_absolute (unit, fabs (change));

  /* What shows as zero has no sign. */
  if (g_strcmp0 (number, "0") != 0 && g_strcmp0 (number, "0.0") != 0 &&
      g_strcmp0 (number, "0,0") != 0)
    sign = change > 0 ? "+" : "−";
  signed_number = g_strconcat (sign, number, NULL);

  /* A percent changes by points: the page writes them without a unit. */
  if (unit == RUBRIC_METRIC_UNIT_SECONDS)
    return rubric_metric_unit_format (unit, signed_number);
  return g_steal_pointer (&signed_number);
}

char *
rubric_rating_format (double rating)
{
  return rubric_figure_format (rubric_rating_floor (rating), RUBRIC_RATING_DECIMALS);
}

const char *
rubric_rating_flag_title (const char *flag)
{
  g_return_val_if_fail (flag != NULL, NULL);

  if (g_str_equal (flag, "small-sample"))
    /* Translators: a tag on a vendor's rating: too few evaluations */
    return _("Small sample");
  if (g_str_equal (flag, "incomplete"))
    /* Translators: a tag on a vendor's rating: objectives without data */
    return _("Incomplete");
  return flag;
}

char *
rubric_rating_flag_explain (const RubricRating *rating,
                            const char         *flag)
{
  g_return_val_if_fail (rating != NULL, NULL);
  g_return_val_if_fail (flag != NULL, NULL);

  if (g_str_equal (flag, "small-sample"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "A QA objective rests on fewer evaluations than the "
                                         "contract’s minimum of %u: its figure is uncertain, "
                                         "and the range shows how much.",
                                         "A QA objective rests on fewer evaluations than the "
                                         "contract’s minimum of %u: its figure is uncertain, "
                                         "and the range shows how much.",
                                         rating->contract->minimum_evaluations),
                            rating->contract->minimum_evaluations);
  if (g_str_equal (flag, "incomplete"))
    return g_strdup (_("Objectives without data hold more than half of the weight: the "
                       "rating stands on the rest only."));
  return g_strdup (flag);
}
