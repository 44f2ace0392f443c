/* gen-trends-db.c — the database of the agent trends benchmark (bench/run-trends.sh)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: gen-trends-db DB [--evaluations N] [--seed S] [--end YYYY-MM-DD] [--days D]
 *
 * Fills DB (made by `rubric-cli init`) with what a contact centre collects
 * in D days (730) ending on --end (2026-11-30):
 *
 *  - 2 vendors (Northwind in Europe/Riga, Contoso in America/New_York), each
 *    with 10 teams of 50 agents and 20 agents without a team (1,040 agents,
 *    names and teams set in SQL here: the agents CSV import is not this
 *    benchmark's business);
 *  - a scorecard of 20 criteria (yes/no, scales, a choice, 6 that allow
 *    N/A, one critical; the four categories of SPEC §1 and a custom one,
 *    "empathy"), in two versions: the second, used from the middle of the
 *    range on, moves a criterion to another category and reweighs one;
 *  - N (1,000,000) submitted evaluations spread over the days (more on
 *    weekdays, office hours in the vendor's zone), each of its own answered
 *    call, by 16 reviewers (2 % without one; one reviewer answers N/A four
 *    times as often as the others), agents of different skill that get
 *    better over time; a quarter have a comment, some two, most pinned to
 *    a criterion and a time in the recording;
 *  - 3 % more as drafts (half answered) and 1 % as calibration evaluations,
 *    of calls already scored;
 *  - the calls: one answered call per evaluation, from callers of a
 *    customer base of each vendor, and for 15 % of them a repeat contact of
 *    the same caller 1 to 9 days later (not evaluated), so that the
 *    repeat-contact FCR of `trends resolution` has something to disagree
 *    with.
 *
 * Everything goes through the core: the calls through the call writer (as
 * an import: rollups and repeat-contact links kept), the evaluations
 * through rubric_evaluation_store_import_parsed (validated and scored, as
 * `rubric-cli evaluations import`), in batches of 50,000, in one
 * transaction each part. Deterministic for a seed.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "rubric-call-writer.h"
#include "rubric-db.h"
#include "rubric-evaluation-store.h"
#include "rubric-period.h"
#include "rubric-private.h"
#include "rubric-scorecard-store.h"

#define BATCH 50000
#define VENDORS 2
#define TEAMS 10
#define TEAM_SIZE 50
#define LONERS 20
#define AGENTS_PER_VENDOR (TEAMS * TEAM_SIZE + LONERS)
#define REVIEWERS 16
#define CRITERIA 20
#define CUSTOMERS 250000

static const char * const vendor_names[VENDORS] = { "Northwind", "Contoso" };
static const char * const vendor_zones[VENDORS] = { "Europe/Riga", "America/New_York" };
static const char * const vendor_prefix[VENDORS] = { "NW", "CT" };

typedef struct
{
  gint64  time;       /* the call's entered_at, UTC seconds */
  guint32 caller;     /* customer number within the vendor */
  guint16 agent;      /* index within the vendor */
  guint8  vendor;
  guint8  kind;       /* 0 evaluated call, 1 repeat contact (no evaluation) */
} Call;

typedef struct
{
  const char *key;
  const char *category;   /* in version 1 */
  const char *type;       /* yes-no, scale, choice */
  gboolean    na;
  gboolean    critical;
  double      weight;
} Criterion;

static const Criterion criteria[CRITERIA] = {
  { "greeting",            "policy",        "yes-no", FALSE, FALSE, 1 },
  { "verified-identity",   "policy",        "yes-no", TRUE,  TRUE,  2 },
  { "identified-need",     "resolution",    "scale",  FALSE, FALSE, 1.5 },
  { "accurate-info",       "resolution",    "choice", FALSE, FALSE, 2 },
  { "resolved-on-call",    "resolution",    "yes-no", FALSE, FALSE, 3 },
  { "next-steps",          "resolution",    "yes-no", TRUE,  FALSE, 1 },
  { "took-ownership",      "ownership",     "scale",  FALSE, FALSE, 2 },
  { "no-needless-transfer", "ownership",    "yes-no", TRUE,  FALSE, 1 },
  { "callback-kept",       "ownership",     "yes-no", TRUE,  FALSE, 1 },
  { "hold-procedure",      "policy",        "yes-no", TRUE,  FALSE, 1 },
  { "disclosures",         "policy",        "yes-no", FALSE, FALSE, 1.5 },
  { "data-protection",     "policy",        "yes-no", FALSE, FALSE, 2 },
  { "case-notes",          "documentation", "scale",  FALSE, FALSE, 1.5 },
  { "disposition-code",    "documentation", "yes-no", FALSE, FALSE, 1 },
  { "follow-up-logged",    "documentation", "yes-no", TRUE,  FALSE, 1 },
  { "tone",                "empathy",       "scale",  FALSE, FALSE, 1 },
  { "active-listening",    "empathy",       "yes-no", FALSE, FALSE, 1 },
  { "acknowledged-feelings", "empathy",     "yes-no", FALSE, FALSE, 1 },
  { "plain-language",      "empathy",       "yes-no", FALSE, FALSE, 0.5 },
  { "closing",             "policy",        "yes-no", FALSE, FALSE, 0.5 },
};

static const char * const comment_texts[] = {
  "Good recovery after the hold.",
  "Did not confirm the customer's address before changing it.",
  "Promised a callback without logging it.",
  "Clear explanation of the fee; customer thanked the agent.",
  "Interrupted the customer twice while they described the fault.",
  "Case notes miss the reference number.",
  "Transferred to billing although the agent could have refunded.",
  "Excellent de-escalation.",
  "Long silence while looking up the account, no hold offered.",
  "Wrong disposition code: sales instead of support.",
};

static char *
scorecard_xml (int version)
{
  GString *xml = g_string_new (NULL);

  g_string_append (xml,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<scorecard xmlns=\"urn:rubric:scorecard:1\" key=\"bench-trends\">\n"
                   "  <title>Benchmark scorecard (20 criteria)</title>\n"
                   "  <category key=\"empathy\"><title>Empathy</title></category>\n"
                   "  <section key=\"main\"><title>Call</title>\n");
  for (guint i = 0; i < CRITERIA; i++)
    {
      const Criterion *c = &criteria[i];
      const char *category = c->category;
      double weight = c->weight;

      /* Version 2 moves one criterion and reweighs another. */
      if (version == 2 && g_str_equal (c->key, "hold-procedure"))
        category = "ownership";
      if (version == 2 && g_str_equal (c->key, "closing"))
        weight = 1;
      g_string_append_printf (xml, "    <criterion key=\"%s\" category=\"%s\" weight=\"%g\""
                              " type=\"%s\"%s%s>\n      <text>%s?</text>\n",
                              c->key, category, weight, c->type,
                              c->na ? " na=\"true\"" : "",
                              c->critical ? " critical=\"true\"" : "", c->key);
      if (g_str_equal (c->type, "choice"))
        g_string_append (xml,
                         "      <option key=\"accurate\" credit=\"1\"><label>Accurate</label></option>\n"
                         "      <option key=\"incomplete\" credit=\"0.5\"><label>Incomplete</label></option>\n"
                         "      <option key=\"wrong\" credit=\"0\"><label>Wrong</label></option>\n");
      g_string_append (xml, "    </criterion>\n");
    }
  g_string_append (xml, "  </section>\n</scorecard>\n");

  return g_string_free (xml, FALSE);
}

static RubricScorecard *
add_scorecard (RubricDb   *db,
               const char *dir,
               int         version)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = scorecard_xml (version);
  g_autofree char *path = g_strdup_printf ("%s/bench-trends-%d.xml", dir, version);
  RubricScorecard *card = NULL;
  RubricScorecardImport result;

  if (!g_file_set_contents (path, xml, -1, &error) ||
      !rubric_scorecard_store_import (db, path, &card, &result, &error))
    g_error ("%s", error->message);
  g_unlink (path);

  return card;
}

static int
compare_calls (gconstpointer a,
               gconstpointer b)
{
  const Call *x = a, *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  if (x->vendor != y->vendor)
    return x->vendor - y->vendor;
  return (int) x->caller - (int) y->caller;
}

/* A moment of local day @day (starting at @start, UTC), office hours, UTC
 * seconds. (rubric_day_start_utc loads the zone each time: about 0.4 ms,
 * so the day starts are computed once per vendor and day.) */
static gint64
office_time (gint64  start,
             GRand  *rand)
{
  /* 8:00 to 20:00, busier in the morning. */
  double hour = 8 + 12 * pow (g_rand_double (rand), 1.3);

  return start + (gint64) (hour * 3600);
}

/* 1 Monday .. 7 Sunday; day 0 (1970-01-01) was a Thursday. */
static int
iso_weekday (gint32 day)
{
  return (int) (((day % 7) + 7 + 3) % 7) + 1;
}

static char *
external_id (guint vendor,
             guint agent)
{
  return g_strdup_printf ("%s-%04u", vendor_prefix[vendor], agent + 1);
}

static char *
call_id (guint index)
{
  return g_strdup_printf ("T%07u", index);
}

/* The share of the range's length before @time, 0..1. */
static double
progress (gint64 time,
          gint64 first,
          gint64 last)
{
  return (double) (time - first) / (double) MAX (last - first, 1);
}

static RubricEvaluation *
random_evaluation (RubricScorecard *card,
                   const Call      *call,
                   guint            index,
                   RubricStatus     status,
                   const double    *skill,
                   double           improvement,
                   GRand           *rand)
{
  RubricEvaluation *evaluation = rubric_evaluation_new (NULL);
  /* (CLAMP evaluates its argument more than once: draw first.) */
  double noise = (g_rand_double (rand) - 0.5) * 0.2;
  double s = CLAMP (skill[call->vendor * AGENTS_PER_VENDOR + call->agent] + improvement + noise,
                    0.05, 0.99);
  int reviewer = g_rand_int_range (rand, 0, 100) < 2 ? -1 : g_rand_int_range (rand, 0, REVIEWERS);
  double na_rate = reviewer == 3 ? 0.4 : 0.1;
  const char *failed = NULL;

  evaluation->scorecard = g_strdup (card->key);
  evaluation->scorecard_version = card->version;
  evaluation->status = status;
  if (reviewer >= 0)
    evaluation->reviewer = g_strdup_printf ("Reviewer %02d", reviewer + 1);
  evaluation->vendor = g_strdup (vendor_names[call->vendor]);
  evaluation->agent = external_id (call->vendor, call->agent);
  evaluation->call = call_id (index);
  evaluation->call_time = call->time;
  evaluation->scored_at = call->time + g_rand_int_range (rand, 3600, 14 * 86400);

  for (guint i = 0; i < CRITERIA; i++)
    {
      const Criterion *c = &criteria[i];
      char value[16];

      if (status == RUBRIC_STATUS_DRAFT && g_rand_boolean (rand))
        continue;
      if (c->na && g_rand_double (rand) < na_rate)
        g_strlcpy (value, "na", sizeof value);
      else if (c->critical)
        g_strlcpy (value, g_rand_double (rand) < 0.02 ? "no" : "yes", sizeof value);
      else if (g_str_equal (c->type, "yes-no"))
        g_strlcpy (value, g_rand_double (rand) < s ? "yes" : "no", sizeof value);
      else if (g_str_equal (c->type, "scale"))
        {
          int v = (int) lround (1 + 4 * s + (g_rand_double (rand) - 0.5) * 2);

          g_snprintf (value, sizeof value, "%d", CLAMP (v, 1, 5));
        }
      else
        {
          double r = g_rand_double (rand);
          g_strlcpy (value, r < s ? "accurate" : r < (1 + s) / 2 ? "incomplete" : "wrong",
                     sizeof value);
        }
      if (g_str_equal (value, "no") || g_str_equal (value, "wrong") || g_str_equal (value, "1"))
        failed = c->key;
      rubric_evaluation_set_answer (evaluation, c->key, value);
    }

  if (g_rand_int_range (rand, 0, 100) < 25)
    {
      guint comments = g_rand_int_range (rand, 0, 5) == 0 ? 2 : 1;

      for (guint i = 0; i < comments; i++)
        rubric_evaluation_add_comment (evaluation,
                                       g_rand_int_range (rand, 0, 4) == 0
                                         ? NAN : g_rand_int_range (rand, 0, 3000) / 10.0,
                                       i == 0 ? failed : NULL,
                                       comment_texts[g_rand_int_range (rand, 0,
                                                                       G_N_ELEMENTS (comment_texts))]);
    }

  return evaluation;
}

static void
import_batch (RubricDb  *db,
              GPtrArray *batch)
{
  g_autoptr(GError) error = NULL;
  RubricEvaluationImportReport report;

  if (!rubric_evaluation_store_import_parsed (db, "gen-trends-db", batch, "bench", &report,
                                              &error))
    g_error ("%s", error->message);
  g_ptr_array_set_size (batch, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(RubricScorecard) card1 = NULL;
  g_autoptr(RubricScorecard) card2 = NULL;
  g_autoptr(RubricCallWriter) writer = NULL;
  g_autoptr(GArray) calls = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  g_autofree char *dir = NULL;
  g_autofree double *skill = NULL;
  g_autofree gint64 *day_starts = NULL;
  guint n = 1000000, seed = 42, days = 730, n_evaluated, drafts, calibrations;
  gint32 end;
  gint64 vendor_ids[VENDORS], queue_ids[VENDORS], source_id, first_time, last_time;
  gint64 start, *agent_ids;
  guint64 calls_written = 0;

  if (!rubric_day_parse ("2026-11-30", &end))
    g_error ("bad default end day");
  if (argc < 2)
    {
    usage:
      g_printerr ("Usage: gen-trends-db DB [--evaluations N] [--seed S] [--end YYYY-MM-DD]"
                  " [--days D]\n");
      return 1;
    }
  for (int i = 2; i < argc; i++)
    if (g_str_equal (argv[i], "--evaluations") && i + 1 < argc)
      n = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
    else if (g_str_equal (argv[i], "--seed") && i + 1 < argc)
      seed = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
    else if (g_str_equal (argv[i], "--days") && i + 1 < argc)
      days = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
    else if (g_str_equal (argv[i], "--end") && i + 1 < argc)
      {
        if (!rubric_day_parse (argv[++i], &end))
          goto usage;
      }
    else
      goto usage;
  if (n == 0 || days == 0)
    goto usage;
  rand = g_rand_new_with_seed (seed);

  if (!(db = rubric_db_open (argv[1], &error)))
    g_error ("%s", error->message);
  dir = g_dir_make_tmp ("gen-trends-db-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);

  start = g_get_monotonic_time ();

  /* Vendors, queues, agents (teams and names), the scorecard. */
  for (guint v = 0; v < VENDORS; v++)
    {
      g_autofree char *queue = g_strdup_printf ("%s-support", vendor_prefix[v]);

      if (!rubric_db_map_queue (db, queue, vendor_names[v], &error))
        g_error ("%s", error->message);
    }
  if (!rubric_db_begin (db, &error))
    g_error ("%s", error->message);
  source_id = rubric_db_ensure_source (db, "gen-trends-db", &error);
  if (source_id < 0)
    g_error ("%s", error->message);
  agent_ids = g_new0 (gint64, VENDORS * AGENTS_PER_VENDOR);
  skill = g_new0 (double, VENDORS * AGENTS_PER_VENDOR);
  for (guint v = 0; v < VENDORS; v++)
    {
      g_autoptr(RubricStmt) zone = NULL;
      g_autoptr(RubricStmt) who = NULL;
      g_autofree char *queue = g_strdup_printf ("%s-support", vendor_prefix[v]);

      vendor_ids[v] = rubric_db_ensure_vendor (db, vendor_names[v], &error);
      if (vendor_ids[v] < 0 ||
          !(zone = rubric_db_prepare (db, "UPDATE vendors SET timezone = ?2 WHERE id = ?1",
                                      &error)))
        g_error ("%s", error->message);
      rubric_stmt_bind_int64 (zone, 1, vendor_ids[v]);
      rubric_stmt_bind_text (zone, 2, vendor_zones[v]);
      if (!rubric_db_step_done (db, zone, &error) ||
          (queue_ids[v] = rubric_db_ensure_queue (db, queue, &error)) < 0 ||
          !(who = rubric_db_prepare (db, "UPDATE agents SET name = ?2, team = ?3 WHERE id = ?1",
                                     &error)))
        g_error ("%s", error->message);
      for (guint a = 0; a < AGENTS_PER_VENDOR; a++)
        {
          g_autofree char *id = external_id (v, a);
          g_autofree char *name = g_strdup_printf ("Agent %s %u", vendor_prefix[v], a + 1);
          g_autofree char *team = a < TEAMS * TEAM_SIZE
                                  ? g_strdup_printf ("Team %02u", a / TEAM_SIZE + 1) : NULL;
          gint64 agent = rubric_db_ensure_agent (db, vendor_ids[v], id, &error);

          if (agent < 0)
            g_error ("%s", error->message);
          agent_ids[v * AGENTS_PER_VENDOR + a] = agent;
          skill[v * AGENTS_PER_VENDOR + a] = 0.6 + 0.3 * g_rand_double (rand);
          rubric_stmt_reset (who);
          rubric_stmt_bind_int64 (who, 1, agent);
          rubric_stmt_bind_text (who, 2, name);
          rubric_stmt_bind_text (who, 3, team);
          if (!rubric_db_step_done (db, who, &error))
            g_error ("%s", error->message);
        }
    }
  if (!rubric_db_commit (db, &error))
    g_error ("%s", error->message);
  card1 = add_scorecard (db, dir, 1);
  card2 = add_scorecard (db, dir, 2);
  if (card2->version == card1->version)
    g_error ("the second scorecard version was not stored as a new version");
  g_rmdir (dir);
  g_print ("gen-trends-db: vendors, agents and scorecards in %.1f s\n",
           (g_get_monotonic_time () - start) / 1e6);

  /* The calls: one per submitted evaluation, and repeat contacts. */
  day_starts = g_new (gint64, VENDORS * days);
  for (guint v = 0; v < VENDORS; v++)
    for (guint d = 0; d < days; d++)
      day_starts[v * days + d] = rubric_day_start_utc (end - (gint32) days + 1 + (gint32) d,
                                                       vendor_zones[v]);
  calls = g_array_sized_new (FALSE, FALSE, sizeof (Call), n + n / 5);
  for (guint i = 0; i < n; i++)
    {
      Call call = { 0 };
      gint32 day;

      /* Weekdays twice as busy as weekends. */
      do
        day = end - (gint32) days + 1 + g_rand_int_range (rand, 0, days);
      while (iso_weekday (day) >= 6 && g_rand_boolean (rand));
      call.vendor = g_rand_int_range (rand, 0, VENDORS);
      call.agent = g_rand_int_range (rand, 0, AGENTS_PER_VENDOR);
      call.caller = g_rand_int_range (rand, 0, CUSTOMERS);
      call.time = office_time (day_starts[call.vendor * days + (day - (end - (gint32) days + 1))],
                               rand);
      g_array_append_val (calls, call);
      if (g_rand_int_range (rand, 0, 100) < 15)
        {
          call.kind = 1;
          call.agent = g_rand_int_range (rand, 0, AGENTS_PER_VENDOR);
          call.time += g_rand_int_range (rand, 86400, 9 * 86400);
          g_array_append_val (calls, call);
        }
    }
  g_array_sort (calls, compare_calls);
  first_time = g_array_index (calls, Call, 0).time;
  last_time = g_array_index (calls, Call, calls->len - 1).time;

  if (!rubric_db_begin (db, &error) ||
      !(writer = rubric_call_writer_new (db, FALSE, &error)))
    g_error ("%s", error->message);
  for (guint i = 0; i < calls->len; i++)
    {
      const Call *call = &g_array_index (calls, Call, i);
      g_autofree char *id = call_id (i);
      char caller[32];
      RubricCallRecord record = {
        .source_id = source_id,
        .call_id = id,
        .queue_id = queue_ids[call->vendor],
        .entered_at = call->time,
        .vendor_id = vendor_ids[call->vendor],
        .agent_id = agent_ids[call->vendor * AGENTS_PER_VENDOR + call->agent],
        .outcome = RUBRIC_OUTCOME_ANSWERED,
        .wait_s = g_rand_int_range (rand, 0, 120),
        .has_talk = TRUE,
        .talk_s = g_rand_int_range (rand, 30, 900),
        .has_wrap = TRUE,
        .wrap_s = g_rand_int_range (rand, 0, 60),
        .caller = caller,
      };
      RubricCallWrite result;

      g_snprintf (caller, sizeof caller, "+3712%07u", call->caller);
      if (!rubric_call_writer_write (writer, &record, &result, &error))
        g_error ("%s", error->message);
      calls_written++;
    }
  if (!rubric_call_writer_finish (writer, &error) || !rubric_db_commit (db, &error))
    g_error ("%s", error->message);
  g_clear_pointer (&writer, rubric_call_writer_free);
  g_print ("gen-trends-db: %" G_GUINT64_FORMAT " calls in %.1f s\n", calls_written,
           (g_get_monotonic_time () - start) / 1e6);

  /* The evaluations, in call order; drafts and calibration evaluations of
   * calls scored already. The scorecard's second version from the middle
   * of the range on. */
  batch = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_evaluation_free);
  n_evaluated = drafts = calibrations = 0;
  if (!rubric_db_begin (db, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < calls->len; i++)
    {
      const Call *call = &g_array_index (calls, Call, i);
      double p = progress (call->time, first_time, last_time);
      RubricScorecard *card = p < 0.5 ? card1 : card2;
      int extra = g_rand_int_range (rand, 0, 100);

      if (call->kind != 0)
        continue;
      g_ptr_array_add (batch, random_evaluation (card, call, i, RUBRIC_STATUS_SUBMITTED, skill,
                                                 0.1 * p, rand));
      n_evaluated++;
      if (extra < 3)
        {
          g_ptr_array_add (batch, random_evaluation (card, call, i, RUBRIC_STATUS_DRAFT, skill,
                                                     0.1 * p, rand));
          drafts++;
        }
      else if (extra == 3)
        {
          g_ptr_array_add (batch, random_evaluation (card, call, i, RUBRIC_STATUS_CALIBRATION,
                                                     skill, 0.1 * p, rand));
          calibrations++;
        }
      if (batch->len >= BATCH)
        {
          import_batch (db, batch);
          g_print ("gen-trends-db: %u submitted evaluations, %.1f s\n", n_evaluated,
                   (g_get_monotonic_time () - start) / 1e6);
        }
    }
  if (batch->len > 0)
    import_batch (db, batch);
  if (!rubric_db_commit (db, &error) || !rubric_db_exec (db, "ANALYZE", &error))
    g_error ("%s", error->message);

  g_print ("gen-trends-db: %u submitted evaluations, %u drafts, %u calibration, "
           "%" G_GUINT64_FORMAT " calls in %.1f s\n", n_evaluated, drafts, calibrations,
           calls_written, (g_get_monotonic_time () - start) / 1e6);
  g_free (agent_ids);
  return 0;
}
