/* rubric-rating-text.c — the words and numbers the vendors page shows for a rating
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Numbers are written the way the user's language writes them (printf
 * follows LC_NUMERIC); the exports keep the C locale (rubric-rating.h).
 * Month names come from our own translations, not from the C library:
 * LANGUAGE=fr changes the messages but not LC_TIME.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rubric-rating-text.h"

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
rubric_period_title (RubricDayRange   range,
                     RubricPeriodKind kind)
{
  GDate date;

  rubric_day_to_date (range.first, &date);

  switch (kind)
    {
    case RUBRIC_PERIOD_DAY:
      /* Translators: a day: the day of the month, the month's name and the year,
       * "22 November 2026" */
      return g_strdup_printf (C_("day", "%d %s %d"), g_date_get_day (&date),
                              month_name (g_date_get_month (&date)), g_date_get_year (&date));
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
      {
        g_autofree char *first = rubric_day_format (range.first);
        g_autofree char *last = rubric_day_format (range.last);

        /* Translators: a run of days, "2026-11-01 to 2026-11-30" */
        return g_strdup_printf (_("%s to %s"), first, last);
      }
    }
}

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

/* The four categories of the shipped scorecard, as rubric-scorecard.c names
 * them; others by their key. */
const char *
rubric_category_title (const char *key)
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

char *
rubric_metric_title (const char *metric)
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
    return g_strdup (_("First-contact resolution"));
  if (g_str_equal (metric, "qa-overall"))
    return g_strdup (_("Overall QA score"));
  if (g_str_has_prefix (metric, "qa-"))
    /* Translators: the mean score of one category of the evaluations, "QA score: Ownership" */
    return g_strdup_printf (_("QA score: %s"), rubric_category_title (metric + strlen ("qa-")));
  if (g_str_has_prefix (metric, "custom:"))
    return g_strdup (metric + strlen ("custom:"));
  return g_strdup (metric);
}

static gboolean
is_percent (const char *metric)
{
  return g_str_equal (metric, "service-level") || g_str_equal (metric, "abandon-rate") ||
         g_str_equal (metric, "fcr");
}

static gboolean
is_seconds (const char *metric)
{
  return g_str_equal (metric, "asa") || g_str_equal (metric, "aht");
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

  /* Translators: a percentage, %s is the number; French puts a narrow
   * no-break space before the sign */
  return g_strdup_printf (_("%s%%"), number);
}

static char *
format_seconds (const char *number)
{
  /* Translators: a duration in seconds, %s is the number, "398 s" */
  return g_strdup_printf (_("%s s"), number);
}

char *
rubric_metric_format_number (const char *metric,
                             double      value)
{
  g_return_val_if_fail (metric != NULL, NULL);

  if (is_seconds (metric))
    return g_strdup_printf ("%.0f", value);
  if (is_percent (metric) || g_str_has_prefix (metric, "qa-"))
    return g_strdup_printf ("%.1f", value);

  return format_trimmed (value, 2);
}

char *
rubric_metric_format_value (const char *metric,
                            double      value)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (metric != NULL, NULL);

  number = rubric_metric_format_number (metric, value);
  if (is_percent (metric))
    return g_strdup_printf (_("%s%%"), number);
  if (is_seconds (metric))
    return format_seconds (number);

  return g_steal_pointer (&number);
}

char *
rubric_objective_format_target (const RubricRatingObjective *objective)
{
  g_autofree char *number = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (objective != NULL, NULL);

  /* Targets are written as the contract gives them: 75 %, not 75.0 %. */
  number = format_trimmed (objective->target, 2);
  if (is_percent (objective->metric))
    value = g_strdup_printf (_("%s%%"), number);
  else if (is_seconds (objective->metric))
    value = format_seconds (number);
  else
    value = g_steal_pointer (&number);

  return g_strconcat (objective->better == RUBRIC_BETTER_LOWER ? "≤ " : "≥ ", value, NULL);
}

char *
rubric_metric_format_change (const char *metric,
                             double      change)
{
  g_autofree char *number = NULL;
  const char *sign = "";

  g_return_val_if_fail (metric != NULL, NULL);

  if (is_seconds (metric))
    number = g_strdup_printf ("%.0f", fabs (change));
  else if (is_percent (metric) || g_str_has_prefix (metric, "qa-"))
    number = g_strdup_printf ("%.1f", fabs (change));
  else
    number = format_trimmed (fabs (change), 2);

  /* What shows as zero has no sign. */
  if (g_strcmp0 (number, "0") != 0 && g_strcmp0 (number, "0.0") != 0 &&
      g_strcmp0 (number, "0,0") != 0)
    sign = change > 0 ? "+" : "−";

  if (is_seconds (metric))
    {
      g_autofree char *signed_number = g_strconcat (sign, number, NULL);

      return format_seconds (signed_number);
    }

  return g_strconcat (sign, number, NULL);
}

char *
rubric_rating_format (double rating)
{
  /* The epsilon keeps 91.3 (stored as 91.29999…) at 91.3. */
  return g_strdup_printf ("%.1f", floor (rating * 10 + 1e-9) / 10);
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
