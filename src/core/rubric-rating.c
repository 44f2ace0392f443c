/* rubric-rating.c — a vendor's rating for a period under its contract (SPEC §5.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A rating gathers three kinds of figures for one vendor and period: the
 * KPIs of its call records (from the daily rollups, so a month of a big
 * vendor costs a few index reads), the aggregates it reported itself, and
 * the mean scores of its submitted evaluations, placed by their call's time
 * in the vendor's zone. Each objective of the contract takes its actual from
 * one of them and says which; the rest is arithmetic on those actuals.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "rubric-contract-store.h"
#include "rubric-error.h"
#include "rubric-metrics.h"
#include "rubric-private.h"
#include "rubric-rating.h"
#include "rubric-rating-text.h"
#include "rubric-score.h"

const char *
rubric_rating_source_to_string (RubricRatingSource source)
{
  switch (source)
    {
    case RUBRIC_RATING_SOURCE_CALLS:
      return "calls";
    case RUBRIC_RATING_SOURCE_METRICS:
      return "metrics";
    case RUBRIC_RATING_SOURCE_EVALUATIONS:
      return "evaluations";
    case RUBRIC_RATING_SOURCE_NONE:
    default:
      return "none";
    }
}

double
rubric_rating_attainment (double       actual,
                          double       target,
                          RubricBetter better)
{
  if (better == RUBRIC_BETTER_HIGHER)
    {
      /* a / t with t = 0 is infinite: any actual reaches a zero target. */
      if (target <= 0 || actual >= target)
        return 100.0;
      return 100.0 * actual / target;
    }

  if (actual <= 0)
    return 100.0;
  if (target <= 0)
    return 0.0;
  return 100.0 * MIN (1.0, target / actual);
}

gboolean
rubric_rating_is_met (double       actual,
                      double       target,
                      RubricBetter better)
{
  return better == RUBRIC_BETTER_HIGHER ? actual >= target : actual <= target;
}

static void
objective_free (gpointer data)
{
  RubricRatingObjective *objective = data;

  g_free (objective->metric);
  g_free (objective);
}

static void
category_free (gpointer data)
{
  RubricQaCategory *category = data;

  g_free (category->key);
  g_free (category);
}

void
rubric_rating_free (RubricRating *rating)
{
  if (rating == NULL)
    return;

  g_free (rating->vendor);
  g_free (rating->timezone);
  g_clear_pointer (&rating->contract, rubric_contract_free);
  g_free (rating->grade);
  g_clear_pointer (&rating->objectives, g_ptr_array_unref);
  g_clear_pointer (&rating->qa_categories, g_ptr_array_unref);
  g_clear_pointer (&rating->trend, g_array_unref);
  g_free (rating);
}

char *
rubric_rating_flags_string (const RubricRating *rating,
                            const char         *separator)
{
  GPtrArray *flags = g_ptr_array_new ();
  char *text;

  if (rating->small_sample)
    g_ptr_array_add (flags, (gpointer) "small-sample");
  if (rating->incomplete)
    g_ptr_array_add (flags, (gpointer) "incomplete");
  g_ptr_array_add (flags, NULL);

  text = g_strjoinv (separator, (char **) flags->pdata);
  g_ptr_array_unref (flags);
  return text;
}

/* The version in force on @first, else the vendor's first version; NULL
 * with RUBRIC_ERROR_NOT_FOUND when it has none. */
static RubricContract *
contract_for (RubricDb  *db,
              gint64     vendor_id,
              gint32     first,
              GError   **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  g_autofree char *day = rubric_day_format (first);
  g_autofree char *earliest = NULL;
  RubricContract *contract;
  GError *local_error = NULL;

  contract = rubric_contract_store_load_for_vendor_id (db, vendor_id, day, &local_error);
  if (contract != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return contract;
    }

  stmt = rubric_db_cached (db, "SELECT min(valid_from) FROM contracts WHERE vendor_id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  rubric_stmt_bind_int64 (stmt, 1, vendor_id);
  if (rubric_stmt_step (stmt) != RUBRIC_ROW)
    {
      rubric_db_set_error (db, error);
      return NULL;
    }
  if (rubric_stmt_column_type (stmt, 0) != RUBRIC_NULL)
    earliest = g_strdup (rubric_stmt_column_text (stmt, 0));

  if (earliest != NULL)
    contract = rubric_contract_store_load_for_vendor_id (db, vendor_id, earliest, error);
  else
    g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND, _("vendor has no contract"));

  return contract;
}

static void
qa_mean_from (RubricQaMean *mean,
              GArray       *values)
{
  double m, low, high;

  mean->n = rubric_mean_with_ci ((const double *) values->data, values->len, &m, &low, &high);
  mean->has_mean = mean->n > 0;
  mean->mean = m;
  mean->has_ci = mean->n >= 2;
  mean->low = low;
  mean->high = high;
}

static gint
compare_categories (gconstpointer a,
                    gconstpointer b)
{
  const RubricQaCategory *x = *(RubricQaCategory * const *) a;
  const RubricQaCategory *y = *(RubricQaCategory * const *) b;

  return rubric_category_compare (x->key, y->key);
}

/* The mean overall and category scores of the submitted evaluations whose
 * call entered in [@since, @until), and how many there are: one range of
 * the (vendor, status, call time) index, which holds both (migration 4). */
static gboolean
collect_evaluations (RubricDb      *db,
                     gint64         vendor_id,
                     gint64         since,
                     gint64         until,
                     RubricRating  *rating,
                     GError       **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) by_category = NULL;
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  by_category = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_array_unref);

  stmt = rubric_db_cached (db,
                           "SELECT score, category_scores FROM evaluations"
                           " WHERE vendor_id = ?1 AND status = 'submitted'"
                           "   AND call_time >= ?2 AND call_time < ?3",
                           error);
  if (stmt == NULL)
    return FALSE;
  rubric_stmt_bind_int64 (stmt, 1, vendor_id);
  rubric_stmt_bind_int64 (stmt, 2, since);
  rubric_stmt_bind_int64 (stmt, 3, until);
  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    {
      double score = rubric_stmt_column_type (stmt, 0) == RUBRIC_NULL
                       ? NAN : rubric_stmt_column_double (stmt, 0);

      rating->evaluations++;
      g_array_append_val (scores, score);

      g_ptr_array_set_size (keys, 0);
      g_array_set_size (values, 0);
      rubric_category_scores_parse (rubric_stmt_column_text (stmt, 1), keys, values);
      for (guint k = 0; k < keys->len; k++)
        {
          GArray *category = g_hash_table_lookup (by_category, g_ptr_array_index (keys, k));

          if (category == NULL)
            {
              category = g_array_new (FALSE, FALSE, sizeof (double));
              g_hash_table_insert (by_category, g_strdup (g_ptr_array_index (keys, k)), category);
            }
          g_array_append_val (category, g_array_index (values, double, k));
        }
    }
  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);
  qa_mean_from (&rating->qa_overall, scores);

  g_hash_table_iter_init (&iter, by_category);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      RubricQaCategory *category = g_new0 (RubricQaCategory, 1);

      category->key = g_strdup (key);
      qa_mean_from (&category->mean, value);
      g_ptr_array_add (rating->qa_categories, category);
    }
  g_ptr_array_sort (rating->qa_categories, compare_categories);

  return TRUE;
}

static const RubricQaMean *
qa_mean_for (const RubricRating *rating,
             const char         *metric)
{
  const char *key;

  if (g_str_equal (metric, "qa-overall"))
    return &rating->qa_overall;

  key = metric + strlen ("qa-");
  for (guint i = 0; i < rating->qa_categories->len; i++)
    {
      const RubricQaCategory *category = g_ptr_array_index (rating->qa_categories, i);

      if (g_str_equal (category->key, key))
        return &category->mean;
    }

  return NULL;
}

static gboolean
is_percent_metric (const char *metric)
{
  return g_str_equal (metric, "service-level") || g_str_equal (metric, "abandon-rate") ||
         g_str_equal (metric, "fcr");
}

static const RubricKpi *
call_kpi_for (const RubricKpis *kpis,
              const char       *metric)
{
  if (g_str_equal (metric, "service-level"))
    return &kpis->service_level;
  if (g_str_equal (metric, "abandon-rate"))
    return &kpis->abandon_rate;
  if (g_str_equal (metric, "asa"))
    return &kpis->asa;
  if (g_str_equal (metric, "aht"))
    return &kpis->aht;
  if (g_str_equal (metric, "fcr"))
    return &kpis->fcr;
  return NULL;
}

static gint
compare_by_length (gconstpointer a,
                   gconstpointer b)
{
  const RubricMetric *x = *(RubricMetric * const *) a;
  const RubricMetric *y = *(RubricMetric * const *) b;
  gint32 xf = 0, xl = 0, yf = 0, yl = 0;
  gint32 xn, yn;

  rubric_day_parse (x->period_start, &xf);
  rubric_day_parse (x->period_end, &xl);
  rubric_day_parse (y->period_start, &yf);
  rubric_day_parse (y->period_end, &yl);
  xn = xl - xf;
  yn = yl - yf;

  if (xn != yn)
    return xn > yn ? -1 : 1;
  return xf < yf ? -1 : xf > yf;
}

/* The aggregate of @name over the period from what the vendor reported for
 * days within it: one that covers the whole period alone, else the longest
 * ones that do not overlap, combined by n when every one has an n. */
static gboolean
aggregate_for (GPtrArray   *metrics,
               const char  *name,
               double      *value,
               gboolean    *has_n,
               guint64     *n)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (RubricDayRange));
  double sum = 0, weighted = 0;
  guint64 n_sum = 0;
  gboolean all_n = TRUE;
  guint count = 0;

  for (guint i = 0; i < metrics->len; i++)
    {
      RubricMetric *metric = g_ptr_array_index (metrics, i);

      if (g_str_equal (metric->metric, name))
        g_ptr_array_add (candidates, metric);
    }
  if (candidates->len == 0)
    return FALSE;

  g_ptr_array_sort (candidates, compare_by_length);

  for (guint i = 0; i < candidates->len; i++)
    {
      RubricMetric *metric = g_ptr_array_index (candidates, i);
      RubricDayRange range = { 0, 0 };
      gboolean overlaps = FALSE;

      rubric_day_parse (metric->period_start, &range.first);
      rubric_day_parse (metric->period_end, &range.last);
      for (guint j = 0; j < taken->len && !overlaps; j++)
        {
          const RubricDayRange *other = &g_array_index (taken, RubricDayRange, j);

          overlaps = range.first <= other->last && other->first <= range.last;
        }
      if (overlaps)
        continue;

      g_array_append_val (taken, range);
      count++;
      sum += metric->value;
      all_n = all_n && metric->has_n;
      if (metric->has_n)
        {
          weighted += metric->value * (double) metric->n;
          n_sum += (guint64) metric->n;
        }
    }

  *has_n = all_n;
  *n = all_n ? n_sum : 0;
  if (all_n && n_sum > 0)
    *value = weighted / (double) n_sum;
  else
    *value = sum / count;

  return TRUE;
}

static void
set_actual (RubricRatingObjective *objective,
            RubricRatingSource     source,
            double                 actual)
{
  objective->source = source;
  objective->has_actual = TRUE;
  objective->actual = actual;
}

static void
fill_objective (RubricRatingObjective *objective,
                const RubricRating    *rating,
                GPtrArray             *metrics)
{
  const char *metric = objective->metric;
  const RubricKpi *kpi = call_kpi_for (&rating->kpis, metric);
  double value = 0;
  gboolean has_n = FALSE;
  guint64 n = 0;

  if (g_str_has_prefix (metric, "qa-"))
    {
      const RubricQaMean *mean = qa_mean_for (rating, metric);

      if (mean != NULL && mean->has_mean)
        {
          set_actual (objective, RUBRIC_RATING_SOURCE_EVALUATIONS, mean->mean);
          objective->has_n = TRUE;
          objective->n = mean->n;
          objective->has_ci = mean->has_ci;
          objective->ci_low = mean->low;
          objective->ci_high = mean->high;
        }
      else
        {
          objective->has_n = TRUE;
          objective->n = 0;
        }
      return;
    }

  /* SPEC §4.4: the call records where the vendor has any in the period,
   * the aggregates it reported otherwise — a KPI the calls leave undefined
   * (no talk time: no AHT) has no data rather than a reported figure. */
  if (kpi != NULL && rating->calls > 0)
    {
      if (!kpi->has_value)
        return;
      set_actual (objective, RUBRIC_RATING_SOURCE_CALLS, kpi->value);
      objective->has_n = TRUE;
      objective->n = (guint64) kpi->denominator;
      objective->has_ci = is_percent_metric (metric) && isfinite (kpi->low);
      objective->ci_low = kpi->low;
      objective->ci_high = kpi->high;
      return;
    }

  if (aggregate_for (metrics, metric, &value, &has_n, &n))
    {
      set_actual (objective, RUBRIC_RATING_SOURCE_METRICS, value);
      objective->has_n = has_n;
      objective->n = n;
      if (has_n && is_percent_metric (metric))
        objective->has_ci = rubric_wilson_interval (value * (double) n / 100.0, (double) n,
                                                    &objective->ci_low, &objective->ci_high);
    }
}

static void
score_objective (RubricRatingObjective *objective)
{
  if (!objective->has_actual)
    return;

  objective->score = rubric_rating_attainment (objective->actual, objective->target,
                                               objective->better);
  objective->met = rubric_rating_is_met (objective->actual, objective->target,
                                         objective->better);
  objective->score_low = objective->score_high = objective->score;

  /* The ends of a QA mean's interval bound the rating (SPEC §5.2). */
  if (objective->has_ci && objective->source == RUBRIC_RATING_SOURCE_EVALUATIONS)
    {
      double at_low = rubric_rating_attainment (objective->ci_low, objective->target,
                                                objective->better);
      double at_high = rubric_rating_attainment (objective->ci_high, objective->target,
                                                 objective->better);

      objective->score_low = MIN (at_low, at_high);
      objective->score_high = MAX (at_low, at_high);
    }
}

static void
combine (RubricRating *rating)
{
  double sum = 0, sum_low = 0, sum_high = 0, weight = 0;
  const RubricContract *contract = rating->contract;

  rating->objectives_total = rating->objectives->len;

  for (guint i = 0; i < rating->objectives->len; i++)
    {
      RubricRatingObjective *objective = g_ptr_array_index (rating->objectives, i);

      rating->weight_total += objective->weight;

      if (g_str_has_prefix (objective->metric, "qa-") &&
          objective->n < contract->minimum_evaluations)
        rating->small_sample = TRUE;

      if (!objective->has_actual)
        {
          rating->weight_without_data += objective->weight;
          continue;
        }

      weight += objective->weight;
      sum += objective->weight * objective->score;
      sum_low += objective->weight * objective->score_low;
      sum_high += objective->weight * objective->score_high;

      if (objective->met)
        rating->objectives_met++;
      else if (objective->has_credit)
        rating->credits_uncapped += objective->credit;
    }

  rating->incomplete = rating->weight_without_data > rating->weight_total / 2;

  rating->credits = rating->credits_uncapped;
  if (contract->has_credit_cap && rating->credits > contract->credit_cap)
    rating->credits = contract->credit_cap;

  rating->has_rating = weight > 0;
  if (rating->has_rating)
    {
      const char *grade;

      rating->rating = sum / weight;
      rating->rating_low = sum_low / weight;
      rating->rating_high = sum_high / weight;
      grade = rubric_contract_grade_for (contract, rating->rating);
      rating->grade = g_strdup (grade);
    }
  else
    rating->rating = rating->rating_low = rating->rating_high = NAN;
}

static RubricRating *
rate (RubricDb          *db,
      gint64             vendor_id,
      const char        *vendor,
      const char        *tzid,
      RubricDayRange     range,
      RubricPeriodKind   kind,
      GError           **error)
{
  g_autoptr(RubricRating) rating = g_new0 (RubricRating, 1);
  g_autoptr(GArray) periods = g_array_new (FALSE, FALSE, sizeof (RubricDayRange));
  g_autoptr(GArray) kpis = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autofree char *first = rubric_day_format (range.first);
  g_autofree char *last = rubric_day_format (range.last);
  const RubricContract *contract;

  rating->vendor = g_strdup (vendor);
  rating->timezone = g_strdup (tzid);
  rating->range = range;
  rating->kind = kind;
  rating->objectives = g_ptr_array_new_with_free_func (objective_free);
  rating->qa_categories = g_ptr_array_new_with_free_func (category_free);
  rating->rating = rating->rating_low = rating->rating_high = NAN;

  rating->contract = contract_for (db, vendor_id, range.first, error);
  if (rating->contract == NULL)
    return NULL;
  contract = rating->contract;

  /* The KPIs take their definitions from the same version (the one in
   * force on the period's first day, else the first). */
  g_array_append_val (periods, range);
  kpis = rubric_kpis_compute (db, vendor_id, periods, NULL, NULL, error);
  if (kpis == NULL)
    return NULL;
  rating->kpis = g_array_index (kpis, RubricKpis, 0);
  rating->calls = rating->kpis.offered;

  if (!collect_evaluations (db, vendor_id, rubric_day_start_utc (range.first, tzid),
                            rubric_day_start_utc (range.last + 1, tzid), rating, error))
    return NULL;

  metrics = rubric_metrics_list (db, vendor_id, first, last, error);
  if (metrics == NULL)
    return NULL;

  for (guint i = 0; i < contract->objectives->len; i++)
    {
      const RubricObjective *source = g_ptr_array_index (contract->objectives, i);
      RubricRatingObjective *objective = g_new0 (RubricRatingObjective, 1);

      objective->metric = g_strdup (source->metric);
      objective->target = source->target;
      objective->weight = source->weight;
      objective->has_credit = source->has_credit;
      objective->credit = source->credit;
      objective->better = source->better;
      objective->ci_low = objective->ci_high = NAN;
      objective->score = objective->score_low = objective->score_high = NAN;
      fill_objective (objective, rating, metrics);
      score_objective (objective);
      g_ptr_array_add (rating->objectives, objective);
    }

  combine (rating);

  return g_steal_pointer (&rating);
}

static void
take_previous (RubricRating       *rating,
               const RubricRating *previous)
{
  rating->has_previous = TRUE;
  rating->previous_range = previous->range;
  rating->previous_has_rating = previous->has_rating;
  rating->previous_rating = previous->rating;

  for (guint i = 0; i < rating->objectives->len; i++)
    {
      RubricRatingObjective *objective = g_ptr_array_index (rating->objectives, i);

      for (guint j = 0; j < previous->objectives->len; j++)
        {
          const RubricRatingObjective *before = g_ptr_array_index (previous->objectives, j);

          if (g_str_equal (before->metric, objective->metric))
            {
              objective->has_previous = before->has_actual;
              objective->previous_actual = before->actual;
              break;
            }
        }
    }
}

static RubricRatingPoint
point_of (const RubricRating *rating)
{
  RubricRatingPoint point = { rating->range, rating->has_rating, rating->rating,
                              rating->rating_low, rating->rating_high, rating->kpis };

  return point;
}

RubricRating *
rubric_rating_compute (RubricDb           *db,
                       gint64              vendor_id,
                       RubricDayRange      range,
                       RubricPeriodKind    kind,
                       RubricRatingFlags   flags,
                       GError            **error)
{
  g_autoptr(RubricRating) rating = NULL;
  g_autoptr(RubricRating) previous = NULL;
  g_autofree char *tzid = NULL;
  g_autofree char *vendor = NULL;
  g_autoptr(RubricCachedStmt) stmt = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (range.first <= range.last, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = rubric_db_cached (db, "SELECT name FROM vendors WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  rubric_stmt_bind_int64 (stmt, 1, vendor_id);
  if (rubric_stmt_step (stmt) != RUBRIC_ROW)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND, _("there is no such vendor"));
      return NULL;
    }
  vendor = g_strdup (rubric_stmt_column_text (stmt, 0));
  g_clear_pointer (&stmt, rubric_cached_stmt_release);

  tzid = rubric_db_get_vendor_timezone (db, vendor_id);

  rating = rate (db, vendor_id, vendor, tzid, range, kind, error);
  if (rating == NULL)
    return NULL;

  if (flags & (RUBRIC_RATING_WITH_PREVIOUS | RUBRIC_RATING_WITH_TREND))
    {
      RubricDayRange before = rubric_period_previous (range, kind);

      /* Before the year 1 there is nothing to compare with. */
      if (before.first >= RUBRIC_DAY_FIRST && before.first <= before.last)
        {
          previous = rate (db, vendor_id, vendor, tzid, before, kind, error);
          if (previous == NULL)
            return NULL;
          if (flags & RUBRIC_RATING_WITH_PREVIOUS)
            take_previous (rating, previous);
        }
    }

  if (flags & RUBRIC_RATING_WITH_TREND)
    {
      RubricRatingPoint point;
      RubricDayRange at = range;
      guint known = 1;

      rating->trend = g_array_sized_new (FALSE, TRUE, sizeof (RubricRatingPoint),
                                         RUBRIC_RATING_TREND_PERIODS);
      g_array_set_size (rating->trend, RUBRIC_RATING_TREND_PERIODS);
      g_array_index (rating->trend, RubricRatingPoint, RUBRIC_RATING_TREND_PERIODS - 1) =
        point_of (rating);
      if (previous != NULL)
        {
          g_array_index (rating->trend, RubricRatingPoint, RUBRIC_RATING_TREND_PERIODS - 2) =
            point_of (previous);
          at = previous->range;
          known = 2;
        }

      for (guint i = known; i < RUBRIC_RATING_TREND_PERIODS && previous != NULL; i++)
        {
          g_autoptr(RubricRating) older = NULL;
          RubricDayRange before = rubric_period_previous (at, kind);

          if (before.first < RUBRIC_DAY_FIRST || before.first > before.last)
            break;
          older = rate (db, vendor_id, vendor, tzid, before, kind, error);
          if (older == NULL)
            return NULL;
          point = point_of (older);
          g_array_index (rating->trend, RubricRatingPoint,
                         RUBRIC_RATING_TREND_PERIODS - 1 - i) = point;
          at = before;
          known = i + 1;
        }

      /* Near the year 1 the trend is shorter: drop the points never set. */
      if (known < RUBRIC_RATING_TREND_PERIODS)
        g_array_remove_range (rating->trend, 0, RUBRIC_RATING_TREND_PERIODS - known);
    }

  return g_steal_pointer (&rating);
}

GPtrArray *
rubric_ratings_compute (RubricDb           *db,
                        const char         *vendor,
                        RubricDayRange      range,
                        RubricPeriodKind    kind,
                        RubricRatingFlags   flags,
                        GError            **error)
{
  g_autoptr(GPtrArray) ratings = NULL;
  g_autoptr(GPtrArray) vendors = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (vendor != NULL)
    {
      vendors = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (vendors, g_strdup (vendor));
    }
  else if (!(vendors = rubric_contract_store_list_vendors (db, error)))
    return NULL;

  ratings = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_rating_free);
  for (guint i = 0; i < vendors->len; i++)
    {
      const char *name = g_ptr_array_index (vendors, i);
      GError *local_error = NULL;
      RubricRating *rating;
      gint64 vendor_id;

      vendor_id = rubric_db_query_id (db, "SELECT id FROM vendors WHERE name = ?1", name, error);
      if (vendor_id < 0)
        return NULL;
      if (vendor_id == 0)
        {
          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND, _("there is no vendor “%s”"),
                       name);
          return NULL;
        }

      rating = rubric_rating_compute (db, vendor_id, range, kind, flags, &local_error);
      if (rating == NULL)
        {
          if (g_error_matches (local_error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND))
            {
              g_clear_error (&local_error);
              g_set_error (&local_error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                           _("vendor “%s” has no contract"), name);
            }
          g_propagate_error (error, local_error);
          return NULL;
        }
      g_ptr_array_add (ratings, rating);
    }

  return g_steal_pointer (&ratings);
}
