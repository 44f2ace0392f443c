/* rubric-score.c — the score of one evaluation (SPEC §3.2) and aggregates (§3.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rubric-score.h"

void
rubric_score_free (RubricScore *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->categories);
  g_array_unref (self->category_scores);
  g_ptr_array_unref (self->failed_critical);
  g_free (self);
}

/* S = 100 · Σ(w·c) / Σ(w) over the criteria answered with a value; N/A and
 * unanswered criteria do not count; a critical criterion with credit 0 sets
 * the overall score to 0 but leaves the category scores alone. */
RubricScore *
rubric_score_compute (RubricScorecard *scorecard,
                      GHashTable      *answers)
{
  RubricScore *self = g_new0 (RubricScore, 1);
  guint n_categories = scorecard->category_keys->len;
  g_autofree double *cat_num = g_new0 (double, n_categories);
  g_autofree double *cat_den = g_new0 (double, n_categories);
  double num = 0.0;
  double den = 0.0;

  self->categories = g_ptr_array_new ();
  self->category_scores = g_array_sized_new (FALSE, FALSE, sizeof (double), n_categories);
  self->failed_critical = g_ptr_array_new ();

  for (guint i = 0; i < scorecard->criteria->len; i++)
    {
      RubricCriterion *criterion = g_ptr_array_index (scorecard->criteria, i);
      const char *value = answers ? g_hash_table_lookup (answers, criterion->key) : NULL;
      double credit = 0.0;
      gboolean is_na = FALSE;
      guint k;

      if (value == NULL || !rubric_criterion_credit (criterion, value, &credit, &is_na))
        {
          self->unanswered++;
          continue;
        }

      self->answered++;
      if (is_na)
        continue;

      num += criterion->weight * credit;
      den += criterion->weight;

      for (k = 0; k < n_categories; k++)
        if (g_str_equal (g_ptr_array_index (scorecard->category_keys, k), criterion->category))
          break;
      g_assert (k < n_categories);
      cat_num[k] += criterion->weight * credit;
      cat_den[k] += criterion->weight;

      if (criterion->critical && credit == 0.0)
        {
          self->auto_failed = TRUE;
          g_ptr_array_add (self->failed_critical, criterion->key);
        }
    }

  if (self->auto_failed)
    self->overall = 0.0;
  else if (den > 0.0)
    self->overall = 100.0 * num / den;
  else
    self->overall = NAN;

  for (guint k = 0; k < n_categories; k++)
    {
      double score = cat_den[k] > 0.0 ? 100.0 * cat_num[k] / cat_den[k] : NAN;

      g_ptr_array_add (self->categories, g_ptr_array_index (scorecard->category_keys, k));
      g_array_append_val (self->category_scores, score);
    }

  return self;
}

double
rubric_score_get_category (RubricScore *self,
                           const char  *category)
{
  for (guint k = 0; k < self->categories->len; k++)
    if (g_str_equal (g_ptr_array_index (self->categories, k), category))
      return g_array_index (self->category_scores, double, k);

  return NAN;
}

/* The text form of migration 4 (rubric-score.h). */
static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
rubric_score_categories_to_text (RubricScore *score)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_copy (score->categories, NULL, NULL);
  GString *text = g_string_new (NULL);

  g_ptr_array_set_free_func (keys, NULL);
  g_ptr_array_sort (keys, compare_strings);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      double value = rubric_score_get_category (score, key);

      if (i > 0)
        g_string_append_c (text, ';');
      g_string_append_printf (text, "%s=", key);
      if (!isnan (value))
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append (text, g_ascii_dtostr (buffer, sizeof buffer, value));
        }
    }

  return g_string_free (text, FALSE);
}

gboolean
rubric_category_scores_parse (const char *text,
                              GPtrArray  *keys,
                              GArray     *scores)
{
  const char *p = text;

  g_return_val_if_fail (keys != NULL && scores != NULL, FALSE);

  while (p != NULL && *p != '\0')
    {
      const char *equals = strchr (p, '=');
      const char *end;
      double score = NAN;

      if (equals == NULL)
        return FALSE;
      end = strchr (equals, ';');
      if (end == NULL)
        end = equals + strlen (equals);
      if (end > equals + 1)
        score = g_ascii_strtod (equals + 1, NULL);

      g_ptr_array_add (keys, g_strndup (p, (gsize) (equals - p)));
      g_array_append_val (scores, score);
      p = *end == ';' ? end + 1 : end;
    }

  return TRUE;
}

/* Exact to four decimals for every df; past 120 the normal quantile's
 * Cornish-Fisher expansion is closer than 1e-6. */
double
rubric_student_t_975 (guint df)
{
  static const double table[] = {
    NAN, 12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624,
    2.306004, 2.262157, 2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450,
    2.119905, 2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658,
    2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272,
  };
  const double z = 1.959963984540054;
  double z2, z3, z5, z7, z9, n;

  if (df == 0)
    return NAN;
  if (df < G_N_ELEMENTS (table))
    return table[df];

  /* Cornish-Fisher expansion of the t quantile around the normal one. */
  n = df;
  z2 = z * z;
  z3 = z2 * z;
  z5 = z3 * z2;
  z7 = z5 * z2;
  z9 = z7 * z2;
  return z
         + (z3 + z) / (4 * n)
         + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n)
         + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n)
         + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * n * n * n * n);
}

guint
rubric_mean_with_ci (const double *values,
                     gsize         n_values,
                     double       *mean,
                     double       *low,
                     double       *high)
{
  double sum = 0.0;
  double m;
  double ss = 0.0;
  guint n = 0;

  *mean = *low = *high = NAN;

  for (gsize i = 0; i < n_values; i++)
    if (!isnan (values[i]))
      {
        sum += values[i];
        n++;
      }

  if (n == 0)
    return 0;

  m = sum / n;
  *mean = m;

  if (n < 2)
    return n;

  for (gsize i = 0; i < n_values; i++)
    if (!isnan (values[i]))
      ss += (values[i] - m) * (values[i] - m);

  {
    double s = sqrt (ss / (n - 1));
    double half = rubric_student_t_975 (n - 1) * s / sqrt ((double) n);

    *low = CLAMP (m - half, 0.0, 100.0);
    *high = CLAMP (m + half, 0.0, 100.0);
  }

  return n;
}

gboolean
rubric_wilson_interval (double  successes,
                        double  n,
                        double *low,
                        double *high)
{
  const double z = 1.959963984540054;
  double p, denominator, centre, half;

  if (n <= 0)
    {
      *low = *high = NAN;
      return FALSE;
    }

  p = successes / n;
  denominator = 1 + z * z / n;
  centre = (p + z * z / (2 * n)) / denominator;
  half = z * sqrt (p * (1 - p) / n + z * z / (4 * n * n)) / denominator;

  *low = 100.0 * MAX (0.0, centre - half);
  *high = 100.0 * MIN (1.0, centre + half);
  return TRUE;
}
