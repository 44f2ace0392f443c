/* gen-app-db.c — databases for the app start-up benchmark (bench/run-app-startup.sh)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: gen-app-db DB --sample
 *          the app's sample data (a week of calls of three vendors, a few
 *          evaluations): the small, non-empty database
 *        gen-app-db DB --evaluations N [--seed S] [--earlier]
 *          N evaluations of the shipped scorecard added to DB, each of a call
 *          already in it (answered calls, picked at random: some calls are
 *          scored more than once, as in calibration), 97 % submitted, 3 %
 *          drafts half answered. Through the store (validated, scored), in
 *          one transaction, parsed in batches so memory stays bounded.
 *          --earlier: of calls from the year before whose records are not in
 *          DB (same vendors and agents as its calls), as after importing a
 *          previous tool's evaluations: the calls stay as they are.
 */

#include "config.h"

#include <math.h>

#include "rubric-db.h"
#include "rubric-evaluation-store.h"
#include "rubric-private.h"
#include "rubric-sample.h"
#include "rubric-scorecard-store.h"
#include "rubric-xml.h"

#define BATCH 50000

typedef struct
{
  char   *call;
  char   *vendor;
  char   *agent;
  gint64  time;
} Call;

static RubricEvaluation *
random_evaluation (RubricScorecard *card,
                   const Call      *call,
                   gboolean         earlier,
                   GRand           *rand)
{
  RubricEvaluation *evaluation = rubric_evaluation_new (NULL);
  gboolean draft = !earlier && g_rand_int_range (rand, 0, 100) < 3;
  gint64 time = earlier ? call->time - g_rand_int_range (rand, 30, 396) * 86400 : call->time;

  evaluation->scorecard = g_strdup (card->key);
  evaluation->scorecard_version = card->version;
  evaluation->status = draft ? RUBRIC_STATUS_DRAFT : RUBRIC_STATUS_SUBMITTED;
  evaluation->reviewer = g_strdup_printf ("Reviewer %d", g_rand_int_range (rand, 1, 13));
  evaluation->vendor = g_strdup (call->vendor);
  evaluation->agent = g_strdup (call->agent);
  evaluation->call = earlier ? g_strdup_printf ("%u.%u", g_rand_int (rand), g_rand_int_range (rand, 0, 99))
                            : g_strdup (call->call);
  evaluation->call_time = time;
  evaluation->scored_at = time + g_rand_int_range (rand, 3600, 14 * 86400);

  for (guint i = 0; i < card->criteria->len; i++)
    {
      RubricCriterion *criterion = g_ptr_array_index (card->criteria, i);
      g_autofree char *value = NULL;

      if (draft && g_rand_boolean (rand))
        continue;
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

static void
call_clear (gpointer data)
{
  Call *call = data;

  g_free (call->call);
  g_free (call->vendor);
  g_free (call->agent);
}

static GArray *
answered_calls (RubricDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricStmt) stmt = NULL;
  GArray *calls = g_array_new (FALSE, FALSE, sizeof (Call));

  g_array_set_clear_func (calls, call_clear);
  stmt = rubric_db_prepare (db,
                            "SELECT c.call_id, v.name, a.external_id, c.entered_at"
                            "  FROM calls AS c JOIN vendors AS v ON v.id = c.vendor_id"
                            "  JOIN agents AS a ON a.id = c.agent_id"
                            " WHERE c.outcome = 1 ORDER BY c.id",
                            &error);
  if (stmt == NULL)
    g_error ("%s", error->message);
  while (rubric_stmt_step (stmt) == RUBRIC_ROW)
    {
      Call call = {
        g_strdup (rubric_stmt_column_text (stmt, 0)),
        g_strdup (rubric_stmt_column_text (stmt, 1)),
        g_strdup (rubric_stmt_column_text (stmt, 2)),
        rubric_stmt_column_int64 (stmt, 3),
      };
      g_array_append_val (calls, call);
    }

  return calls;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(RubricScorecard) card = NULL;
  g_autoptr(GArray) calls = NULL;
  g_autoptr(GRand) rand = NULL;
  guint n, seed = 42;
  gboolean earlier = FALSE;
  gint64 start;

  if (argc == 3 && g_str_equal (argv[2], "--sample"))
    {
      if (!(db = rubric_db_open (argv[1], &error)) || !rubric_sample_load (db, &error))
        g_error ("%s", error->message);
      return 0;
    }

  if (argc < 4 || !g_str_equal (argv[2], "--evaluations"))
    {
    usage:
      g_printerr ("Usage: gen-app-db DB --sample | DB --evaluations N [--seed S] [--earlier]\n");
      return 1;
    }
  n = (guint) g_ascii_strtoull (argv[3], NULL, 10);
  for (int i = 4; i < argc; i++)
    if (g_str_equal (argv[i], "--seed") && i + 1 < argc)
      seed = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
    else if (g_str_equal (argv[i], "--earlier"))
      earlier = TRUE;
    else
      goto usage;
  rand = g_rand_new_with_seed (seed);

  /* `rubric-cli init` added the shipped scorecard. */
  if (!(db = rubric_db_open (argv[1], &error)) ||
      !(card = rubric_scorecard_store_load (db, "contact-centre-qa", 0, &error)))
    g_error ("%s", error->message);

  calls = answered_calls (db);
  if (calls->len == 0)
    g_error ("%s: no answered calls: import calls first", argv[1]);

  start = g_get_monotonic_time ();
  if (!rubric_db_begin (db, &error))
    g_error ("%s", error->message);
  for (guint done = 0; done < n; )
    {
      g_autoptr(GPtrArray) batch =
        g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_evaluation_free);
      RubricEvaluationImportReport report;

      for (; batch->len < BATCH && done < n; done++)
        {
          const Call *call = &g_array_index (calls, Call, g_rand_int_range (rand, 0, calls->len));
          g_ptr_array_add (batch, random_evaluation (card, call, earlier, rand));
        }
      if (!rubric_evaluation_store_import_parsed (db, "gen-app-db", batch, "bench", &report,
                                                  &error))
        g_error ("%s", error->message);
    }
  if (!rubric_db_commit (db, &error))
    g_error ("%s", error->message);

  g_print ("gen-app-db: %u evaluations of %s%u answered calls in %.1f s\n", n,
           earlier ? "earlier calls of the agents of " : "", calls->len,
           (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
