/* bench-evaluations.c — evaluation import, CSV export and autosave against SPEC §12
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-evaluations [N]   (default 100000 evaluations)
 *
 * Prints one line per measurement. The export is compared with a named
 * baseline: sqlite3's own CSV output of the evaluations table (run by
 * bench/run-evaluations.sh on the same file right after).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "rubric-db.h"
#include "rubric-evaluation-store.h"
#include "rubric-scorecard-store.h"
#include "rubric-xml.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static RubricEvaluation *
random_evaluation (RubricScorecard *card,
                   GRand           *rand,
                   gboolean         complete)
{
  RubricEvaluation *evaluation = rubric_evaluation_new (NULL);
  g_autofree char *vendor = g_strdup_printf ("Vendor %d", g_rand_int_range (rand, 1, 6));
  g_autofree char *agent = g_strdup_printf ("Agent/%d", g_rand_int_range (rand, 1000, 1200));

  evaluation->scorecard = g_strdup (card->key);
  evaluation->scorecard_version = card->version;
  evaluation->status = complete ? RUBRIC_STATUS_SUBMITTED : RUBRIC_STATUS_DRAFT;
  evaluation->reviewer = g_strdup ("bench");
  evaluation->vendor = g_steal_pointer (&vendor);
  evaluation->agent = g_steal_pointer (&agent);
  evaluation->call = g_strdup_printf ("%u.%u", g_rand_int (rand), g_rand_int_range (rand, 0, 99));
  evaluation->call_time = 1767225600 + g_rand_int_range (rand, 0, 365 * 86400);
  evaluation->scored_at = evaluation->call_time + 86400;

  for (guint i = 0; complete && i < card->criteria->len; i++)
    {
      RubricCriterion *criterion = g_ptr_array_index (card->criteria, i);
      g_autofree char *value = NULL;

      if (criterion->na && g_rand_int_range (rand, 0, 5) == 0)
        value = g_strdup ("na");
      else if (criterion->type == RUBRIC_ANSWER_YES_NO)
        value = g_strdup (g_rand_int_range (rand, 0, 10) < 8 ? "yes" : "no");
      else if (criterion->type == RUBRIC_ANSWER_SCALE)
        value = g_strdup_printf ("%d", g_rand_int_range (rand, criterion->min, criterion->max + 1));
      else
        {
          guint pick = g_rand_int_range (rand, 0, criterion->options->len);
          RubricOption *option = g_ptr_array_index (criterion->options, pick);
          value = g_strdup (option->key);
        }
      rubric_evaluation_set_answer (evaluation, criterion->key, value);
    }

  return evaluation;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rubric-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(RubricScorecard) card = NULL;
  g_autoptr(GPtrArray) evaluations = NULL;
  g_autoptr(GBytes) bytes = rubric_core_resource ("scorecards/contact-centre-qa.xml");
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(RubricEvaluation) draft = NULL;
  g_autoptr(GArray) saves = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GOutputStream) sink = NULL;
  g_autoptr(GFile) null_file = g_file_new_for_path ("/dev/null");
  RubricEvaluationImportReport report;
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  gint64 start;
  double seconds;

  if (!(db = rubric_db_open (path, &error)) ||
      !(card = rubric_scorecard_new_from_xml ("shipped", data, size, &error)) ||
      !rubric_scorecard_store_add (db, card, NULL, &error))
    g_error ("%s", error->message);

  evaluations = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_evaluation_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (evaluations, random_evaluation (card, rand, TRUE));

  start = g_get_monotonic_time ();
  if (!rubric_evaluation_store_import_parsed (db, "bench", evaluations, "bench", &report, &error))
    g_error ("%s", error->message);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_print ("import: %u evaluations (%u criteria each) in %.2f s: %.0f evaluations/s\n",
           n, card->criteria->len, seconds, n / seconds);

  sink = G_OUTPUT_STREAM (g_file_append_to (null_file, G_FILE_CREATE_NONE, NULL, &error));
  start = g_get_monotonic_time ();
  if (!rubric_evaluation_store_export_csv (db, NULL, sink, &error))
    g_error ("%s", error->message);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_print ("export-csv: %u evaluations in %.3f s\n", n, seconds);

  /* Autosave: one answer changed, the whole draft saved, as the editor does
   * on every change (synchronous=FULL, one transaction each). */
  draft = random_evaluation (card, rand, FALSE);
  for (guint i = 0; i < 400; i++)
    {
      RubricCriterion *criterion = g_ptr_array_index (card->criteria, i % card->criteria->len);
      /* Every save changes the answer, so none is skipped as unchanged. */
      guint flip = (i / card->criteria->len) % 2;
      const char *value = criterion->type == RUBRIC_ANSWER_YES_NO ? (flip ? "yes" : "no")
                        : criterion->type == RUBRIC_ANSWER_SCALE ? (flip ? "2" : "3")
                        : ((RubricOption *) g_ptr_array_index (criterion->options, flip))->key;
      double ms;

      rubric_evaluation_set_answer (draft, criterion->key, value);
      start = g_get_monotonic_time ();
      if (!rubric_evaluation_store_save (db, draft, "bench", NULL, &error))
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - start) / 1e3;
      g_array_append_val (saves, ms);
    }
  g_array_sort (saves, compare_doubles);
  g_print ("autosave: median %.2f ms, p99 %.2f ms, max %.2f ms over %u saves (target < 10 ms)\n",
           g_array_index (saves, double, saves->len / 2),
           g_array_index (saves, double, saves->len * 99 / 100),
           g_array_index (saves, double, saves->len - 1), saves->len);

  g_print ("database: %s\n", path);
  return 0;
}
