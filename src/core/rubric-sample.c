/* rubric-sample.c — a week of realistic sample data for a first look at Rubric
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three vendors of different quality (Northwind Support answers fast and
 * scores well, Baltic Contact sits in the middle, Acme Outsourcing keeps
 * callers waiting and has an agent who skips identity checks), so that
 * every page of the app has something to show and to compare. Everything
 * goes through the same writers as an import — the scorecard store, the
 * contract store, the call writer (which keeps the rollups and
 * repeat-contact links in step) and the evaluation store — so the sample is
 * consistent by construction. The random choices come from a generator
 * seeded with the last day, so a given day always gives the same data.
 */

#include "config.h"

#include <math.h>

#include "rubric-call-writer.h"
#include "rubric-clock.h"
#include "rubric-contract-store.h"
#include "rubric-error.h"
#include "rubric-evaluation-store.h"
#include "rubric-period.h"
#include "rubric-private.h"
#include "rubric-sample.h"
#include "rubric-scorecard-store.h"
#include "rubric-time.h"
#include "rubric-xml.h"

#define SAMPLE_SCORECARD "contact-centre-qa"
#define SAMPLE_SOURCE    "sample"
#define SAMPLE_DAYS      7

typedef struct
{
  const char *external_id;
  const char *name;
  const char *team;
  const char *queue;
  double      skill;        /* 0..1: how well their calls score */
} SampleAgent;

typedef struct
{
  const char  *name;
  const char  *timezone;
  const char  *contract;    /* the children of <contract> */
  guint        minimum_evaluations;
  SampleAgent  agents[3];
  guint        calls_per_weekday;
  double       wait_mean;   /* seconds, answered calls (exponential) */
  double       p_abandon;
  double       p_timeout;
  double       p_other;
  double       talk_median; /* seconds */
  const char  *caller_prefix;
  int          caller_digits;  /* after the prefix */
  const char  *reviewer;
} SampleVendor;

static const SampleVendor vendors[] = {
  {
    "Northwind Support", "Europe/Paris",
    "<service-level threshold=\"20\" short-abandon=\"5\" formula=\"abandons-negative\"/>"
    "<repeat-contact days=\"7\"/>"
    "<objective metric=\"service-level\" target=\"80\" weight=\"30\" credit=\"5\"/>"
    "<objective metric=\"abandon-rate\" target=\"5\" weight=\"10\" credit=\"2\"/>"
    "<objective metric=\"asa\" target=\"20\" weight=\"10\"/>"
    "<objective metric=\"fcr\" target=\"80\" weight=\"10\"/>"
    "<objective metric=\"qa-overall\" target=\"85\" weight=\"30\" credit=\"3\"/>"
    "<objective metric=\"qa-resolution\" target=\"80\" weight=\"10\"/>",
    10,
    {
      { "PJSIP/401", "Anna Moreau", "Billing", "nw-billing", 0.92 },
      { "PJSIP/402", "Julien Petit", "Technical", "nw-technical", 0.80 },
      { "PJSIP/403", "Claire Dubois", "Billing", "nw-billing", 0.86 },
    },
    38, 9.0, 0.035, 0.005, 0.01, 240.0, "+3363998", 4, "Maria Lopez",
  },
  {
    "Baltic Contact", "Europe/Riga",
    "<service-level threshold=\"30\" short-abandon=\"5\" formula=\"abandons-ignored\"/>"
    "<repeat-contact days=\"3\"/>"
    "<objective metric=\"service-level\" target=\"85\" weight=\"30\" credit=\"4\"/>"
    "<objective metric=\"abandon-rate\" target=\"4\" weight=\"15\" credit=\"2\"/>"
    "<objective metric=\"asa\" target=\"25\" weight=\"10\"/>"
    "<objective metric=\"qa-overall\" target=\"80\" weight=\"30\"/>"
    "<objective metric=\"qa-policy\" target=\"90\" weight=\"15\" credit=\"2\"/>",
    8,
    {
      { "Agent/1001", "Līga Ozola", "Orders", "bc-orders", 0.88 },
      { "Agent/1002", "Jānis Bērziņš", "Orders", "bc-orders", 0.74 },
      { "Agent/1003", "Marta Kalniņa", "Orders", "bc-orders", 0.82 },
    },
    30, 14.0, 0.05, 0.01, 0.01, 200.0, "+3712", 7, "Ilze Ozoliņa",
  },
  {
    "Acme Outsourcing", "UTC",
    "<service-level threshold=\"20\" short-abandon=\"0\" formula=\"answered\"/>"
    "<repeat-contact days=\"7\"/>"
    "<objective metric=\"service-level\" target=\"75\" weight=\"25\" credit=\"3\"/>"
    "<objective metric=\"abandon-rate\" target=\"8\" weight=\"10\" credit=\"2\"/>"
    "<objective metric=\"aht\" target=\"420\" weight=\"10\"/>"
    "<objective metric=\"fcr\" target=\"70\" weight=\"15\"/>"
    "<objective metric=\"qa-overall\" target=\"80\" weight=\"30\" credit=\"3\"/>"
    "<objective metric=\"qa-documentation\" target=\"75\" weight=\"10\"/>",
    10,
    {
      { "TOM", "Tom Hughes", "Help desk", "acme-helpdesk", 0.62 },
      { "PRIYA", "Priya Shah", "Help desk", "acme-helpdesk", 0.85 },
      { "DANIEL", "Daniel Okafor", "Retention", "acme-retention", 0.71 },
    },
    32, 18.0, 0.08, 0.02, 0.01, 300.0, "+447700900", 3, "Sam Carter",
  },
};

#define N_VENDORS G_N_ELEMENTS (vendors)
#define N_AGENTS  G_N_ELEMENTS (vendors[0].agents)

/* The calls whose recordings data/sample/make-recordings.sh synthesised:
 * the agent who speaks, when (on the last day, local time) and how long. */
typedef struct
{
  guint       vendor;
  guint       agent;
  guint       minute;     /* of the local day */
  double      wait_s;
  double      talk_s;
  const char *caller;
} SampleRecording;

static const SampleRecording recordings[RUBRIC_SAMPLE_N_RECORDINGS] = {
  { 0, 0,  9 * 60 + 12,  7.0, 18.0, "+33639981207" },  /* Anna: a card charged twice */
  { 0, 1, 10 * 60 + 41, 16.0, 18.0, "+33639984415" },  /* Julien: the third call about a line */
  { 1, 0, 11 * 60 +  5, 22.0, 19.0, "+37129471380" },  /* Līga: a parcel late */
  { 1, 1, 14 * 60 + 27, 12.0, 17.0, "+37126105522" },  /* Jānis: a change of address */
  { 2, 0, 15 * 60 + 48, 41.0, 13.0, "+447700900187" }, /* Tom: a password reset, no ID check */
  { 2, 1, 16 * 60 + 33, 26.0, 19.0, "+447700900642" }, /* Priya: a cancellation, transferred */
};

typedef struct
{
  gint64         entered_at;
  guint          vendor;
  gint           agent;      /* -1: none */
  const char    *queue;
  RubricOutcome  outcome;
  double         wait_s;
  double         talk_s;
  double         hold_s;
  double         wrap_s;
  char          *caller;     /* or NULL */
  guint          recording;  /* 1..6, or 0 */
  guint          order;      /* of generation: the last tie-break when sorting */
  char          *call_id;
  gboolean       evaluated;
} SampleCall;

typedef struct
{
  RubricDb        *db;
  GRand           *rand;
  gint32           last_day;
  RubricScorecard *scorecard;
  gint64           source_id;
  gint64           vendor_ids[N_VENDORS];
  gint64           agent_ids[N_VENDORS][N_AGENTS];
  GArray          *calls;     /* SampleCall */
  GPtrArray       *evaluations;
  GHashTable      *day_starts; /* vendor + N_VENDORS * day → start, memoised */
} Sample;

static void
sample_call_clear (gpointer data)
{
  SampleCall *call = data;

  g_free (call->caller);
  g_free (call->call_id);
}

static double
rand_normal (GRand *rand)
{
  double u1 = g_rand_double_range (rand, 1e-12, 1.0);
  double u2 = g_rand_double (rand);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

static gboolean
rand_chance (GRand  *rand,
             double  p)
{
  return g_rand_double (rand) < p;
}

/* A version 4 UUID from the seeded generator, so the ids repeat too. */
static char *
rand_uuid (GRand *rand)
{
  guint8 b[16];

  for (guint i = 0; i < G_N_ELEMENTS (b); i++)
    b[i] = g_rand_int (rand) & 0xff;
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
                          b[10], b[11], b[12], b[13], b[14], b[15]);
}

/* rubric_day_start_utc () of the vendor's zone, remembered: it looks the
 * zone up on every call, and the sample asks for the same few days
 * hundreds of times. */
static gint64
sample_day_start (Sample *sample,
                  gint32  day,
                  guint   vendor)
{
  gint64 key = (gint64) day * N_VENDORS + vendor;
  gint64 *start = g_hash_table_lookup (sample->day_starts, &key);

  if (start == NULL)
    {
      gint64 *new_key = g_new (gint64, 1);

      *new_key = key;
      start = g_new (gint64, 1);
      *start = rubric_day_start_utc (day, vendors[vendor].timezone);
      g_hash_table_insert (sample->day_starts, new_key, start);
    }
  return *start;
}

static gboolean
database_is_empty (RubricDb  *db,
                   GError   **error)
{
  g_autoptr(RubricStmt) stmt = NULL;

  stmt = rubric_db_prepare (db,
                            "SELECT EXISTS (SELECT 1 FROM calls)"
                            "    OR EXISTS (SELECT 1 FROM evaluations)",
                            error);
  if (stmt == NULL)
    return FALSE;

  if (rubric_stmt_step (stmt) != RUBRIC_ROW)
    return rubric_db_set_error (db, error);

  if (rubric_stmt_column_int (stmt, 0) != 0)
    {
      g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                           _("the database already holds data: sample data can only be "
                             "added to an empty database"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
add_scorecard (Sample  *sample,
               GError **error)
{
  g_autoptr(GBytes) bytes = rubric_core_resource ("scorecards/" SAMPLE_SCORECARD ".xml");
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  /* An identical stored version is recognised, not duplicated. */
  sample->scorecard = rubric_scorecard_new_from_xml (SAMPLE_SCORECARD ".xml", data, size,
                                                     error);
  return sample->scorecard != NULL &&
         rubric_scorecard_store_save (sample->db, sample->scorecard, NULL, error);
}

/* One UPDATE of row ?1: TEXT1 and TEXT2 go to ?2 and ?3, NUMBER to ?2
 * when there is no text (only the parameters the statement has are bound:
 * PostgreSQL knows no parameter the SQL does not use). */
static gboolean
run_update (RubricDb    *db,
            const char  *sql,
            gint64       id,
            const char  *text1,
            const char  *text2,
            gint64       number,
            GError     **error)
{
  g_autoptr(RubricCachedStmt) stmt = rubric_db_cached (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  rubric_stmt_bind_int64 (stmt, 1, id);
  if (strstr (sql, "?3") != NULL)
    {
      rubric_stmt_bind_text (stmt, 2, text1);
      rubric_stmt_bind_text (stmt, 3, text2);
    }
  else
    rubric_stmt_bind_int64 (stmt, 2, number);
  return rubric_db_step_done (db, stmt, error);
}

/* The vendor with its contract (which sets its time zone), queues and
 * agents. */
static gboolean
add_vendor (Sample  *sample,
            guint    index,
            GError **error)
{
  const SampleVendor *vendor = &vendors[index];
  g_autoptr(RubricContract) contract = NULL;
  g_autofree char *head = NULL;
  g_autofree char *xml = NULL;
  gint64 vendor_id;

  head = g_markup_printf_escaped ("<contract xmlns=\"" RUBRIC_CONTRACT_NS "\" vendor=\"%s\" "
                                  "timezone=\"%s\" period=\"month\" "
                                  "minimum-evaluations=\"%u\" credit-cap=\"15\">",
                                  vendor->name, vendor->timezone,
                                  vendor->minimum_evaluations);
  xml = g_strconcat (head, vendor->contract, "</contract>", NULL);

  if (!(contract = rubric_contract_new_from_xml ("sample contract", xml, -1, error)) ||
      !rubric_contract_store_import (sample->db, contract, NULL, error))
    return FALSE;

  if ((vendor_id = rubric_db_lookup_vendor (sample->db, vendor->name, error)) <= 0)
    return vendor_id == 0 ? rubric_db_set_error (sample->db, error) : FALSE;
  sample->vendor_ids[index] = vendor_id;

  for (guint i = 0; i < G_N_ELEMENTS (vendor->agents); i++)
    {
      const SampleAgent *agent = &vendor->agents[i];
      gint64 queue_id, agent_id;

      if ((queue_id = rubric_db_ensure_queue (sample->db, agent->queue, error)) < 0 ||
          !run_update (sample->db, "UPDATE queues SET vendor_id = ?2 WHERE id = ?1",
                       queue_id, NULL, NULL, vendor_id, error) ||
          (agent_id = rubric_db_ensure_agent (sample->db, vendor_id, agent->external_id,
                                              error)) < 0 ||
          !run_update (sample->db, "UPDATE agents SET name = ?2, team = ?3 WHERE id = ?1",
                       agent_id, agent->name, agent->team, 0, error))
        return FALSE;

      sample->agent_ids[index][i] = agent_id;
    }

  return TRUE;
}

/* The hours 8 to 19, local time: a morning peak and a smaller one after
 * lunch. Weekends only open from 9 to 17. */
static const guint hour_weights[12] = { 4, 8, 10, 9, 7, 6, 8, 9, 7, 5, 4, 3 };

static guint
hour_weight (guint    hour,
             gboolean weekend)
{
  return weekend && (hour < 1 || hour > 9) ? 0 : hour_weights[hour];
}

/* Seconds into the local day. */
static guint
rand_time_of_day (GRand    *rand,
                  gboolean  weekend)
{
  guint total = 0;
  guint pick;
  guint hour;

  for (hour = 0; hour < G_N_ELEMENTS (hour_weights); hour++)
    total += hour_weight (hour, weekend);

  pick = g_rand_int_range (rand, 0, total);
  for (hour = 0; pick >= hour_weight (hour, weekend); hour++)
    pick -= hour_weight (hour, weekend);

  return (8 + hour) * 3600 + g_rand_int_range (rand, 0, 3600);
}

/* ISO weekday of a local day: Monday 1 … Sunday 7 (1970-01-01 was a
 * Thursday). */
static guint
day_weekday (gint32 day)
{
  return (guint) (((day % 7) + 7 + 3) % 7) + 1;
}

static SampleCall *
add_call (Sample        *sample,
          guint          vendor,
          gint           agent,
          gint64         entered_at,
          RubricOutcome  outcome,
          double         wait_s)
{
  SampleCall call = { 0 };

  call.entered_at = entered_at;
  call.vendor = vendor;
  call.agent = agent;
  call.queue = vendors[vendor].agents[MAX (agent, 0)].queue;
  call.outcome = outcome;
  call.wait_s = wait_s;
  call.order = sample->calls->len;
  g_array_append_val (sample->calls, call);

  return &g_array_index (sample->calls, SampleCall, sample->calls->len - 1);
}

/* A caller id: now and then withheld, now and then someone who called this
 * vendor before (the repeat contacts of FCR). */
static char *
rand_caller (Sample    *sample,
             guint      vendor,
             GPtrArray *seen)
{
  char *caller;

  if (rand_chance (sample->rand, 0.06))
    return NULL;

  if (seen->len > 0 && rand_chance (sample->rand, 0.12))
    {
      guint recent = MIN (seen->len, 40);

      return g_strdup (g_ptr_array_index (seen, seen->len - 1 -
                                          g_rand_int_range (sample->rand, 0, recent)));
    }

  caller = g_strdup_printf ("%s%0*d", vendors[vendor].caller_prefix,
                            vendors[vendor].caller_digits,
                            g_rand_int_range (sample->rand, 0,
                                              (gint32) pow (10, vendors[vendor].caller_digits)));
  g_ptr_array_add (seen, g_strdup (caller));
  return caller;
}

static void
set_handling (Sample     *sample,
              SampleCall *call,
              double      talk_s)
{
  call->talk_s = talk_s;
  call->hold_s = rand_chance (sample->rand, 0.25) ? g_rand_int_range (sample->rand, 15, 150) : 0;
  call->wrap_s = g_rand_int_range (sample->rand, 10, 90);
}

static void
add_random_call (Sample    *sample,
                 guint      vendor,
                 gint64     day_start,
                 gboolean   weekend,
                 GPtrArray *seen)
{
  const SampleVendor *v = &vendors[vendor];
  gint64 entered_at = day_start + rand_time_of_day (sample->rand, weekend);
  gint agent = g_rand_int_range (sample->rand, 0, N_AGENTS);
  double u = g_rand_double (sample->rand);
  SampleCall *call;

  if (u < v->p_abandon)
    call = add_call (sample, vendor, -1, entered_at, RUBRIC_OUTCOME_ABANDONED,
                     g_rand_int_range (sample->rand, 1, 75));
  else if (u < v->p_abandon + v->p_timeout)
    call = add_call (sample, vendor, -1, entered_at, RUBRIC_OUTCOME_TIMEOUT, 180);
  else if (u < v->p_abandon + v->p_timeout + v->p_other)
    call = add_call (sample, vendor, -1, entered_at, RUBRIC_OUTCOME_OTHER,
                     g_rand_int_range (sample->rand, 5, 40));
  else
    {
      double wait_s = round (-v->wait_mean * log (1.0 - g_rand_double (sample->rand)));
      double talk_s = v->talk_median * exp (0.5 * rand_normal (sample->rand));

      call = add_call (sample, vendor, agent, entered_at, RUBRIC_OUTCOME_ANSWERED,
                       MIN (wait_s, 240));
      set_handling (sample, call, round (CLAMP (talk_s, 30, 1800)));
    }

  /* The queue of an unanswered call: where the agent drawn would have
   * answered it. */
  call->queue = v->agents[agent].queue;
  call->caller = rand_caller (sample, vendor, seen);
}

/* The recorded calls of the last day, and the calls around them their
 * stories need: the two earlier calls of Julien's customer, and the
 * retention team's half of Priya's transfer. */
static void
add_recorded_calls (Sample *sample)
{
  for (guint i = 0; i < G_N_ELEMENTS (recordings); i++)
    {
      const SampleRecording *r = &recordings[i];
      gint64 start = sample_day_start (sample, sample->last_day, r->vendor) + r->minute * 60 + 17 * i;
      SampleCall *call;

      call = add_call (sample, r->vendor, r->agent, start, RUBRIC_OUTCOME_ANSWERED, r->wait_s);
      set_handling (sample, call, r->talk_s);
      call->hold_s = 0;
      call->caller = g_strdup (r->caller);
      call->recording = i + 1;

      if (i == 1)
        for (guint k = 0; k < 2; k++)
          {
            gint64 earlier = sample_day_start (sample, sample->last_day - 5 + 2 * k, r->vendor) +
                             (18 + k) * 3600 + 1260;

            call = add_call (sample, r->vendor, r->agent, earlier, RUBRIC_OUTCOME_ANSWERED,
                             14 + 9 * k);
            set_handling (sample, call, 420 - 40 * k);
            call->caller = g_strdup (r->caller);
          }

      if (i == 5)
        {
          call = add_call (sample, r->vendor, 2, start + (gint64) (r->wait_s + r->talk_s) + 4,
                           RUBRIC_OUTCOME_ANSWERED, 35);
          set_handling (sample, call, 160);
          call->caller = g_strdup (r->caller);
        }
    }
}

static int
compare_calls (gconstpointer a,
               gconstpointer b)
{
  const SampleCall *x = a;
  const SampleCall *y = b;

  if (x->entered_at != y->entered_at)
    return x->entered_at < y->entered_at ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static void
generate_calls (Sample *sample)
{
  for (guint v = 0; v < N_VENDORS; v++)
    {
      g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

      for (gint32 day = sample->last_day - (SAMPLE_DAYS - 1); day <= sample->last_day; day++)
        {
          gboolean weekend = day_weekday (day) >= 6;
          gint64 day_start = sample_day_start (sample, day, v);
          double volume = vendors[v].calls_per_weekday * (weekend ? 0.5 : 1.0) *
                          g_rand_double_range (sample->rand, 0.85, 1.15);

          for (guint n = 0; n < (guint) round (volume); n++)
            add_random_call (sample, v, day_start, weekend, seen);
        }
    }

  add_recorded_calls (sample);

  /* In time order, as a phone system logs them; the ids are Asterisk's
   * "EPOCH.SEQUENCE". */
  g_array_sort (sample->calls, compare_calls);
  for (guint i = 0; i < sample->calls->len; i++)
    {
      SampleCall *call = &g_array_index (sample->calls, SampleCall, i);

      call->call_id = g_strdup_printf ("%" G_GINT64_FORMAT ".%u", call->entered_at, 40 + i);
    }
}

static gboolean
write_calls (Sample  *sample,
             GError **error)
{
  g_autoptr(RubricCallWriter) writer = NULL;
  g_autoptr(GHashTable) queues = g_hash_table_new (g_str_hash, g_str_equal);

  if (!(writer = rubric_call_writer_new (sample->db, FALSE, error)))
    return FALSE;

  for (guint i = 0; i < sample->calls->len; i++)
    {
      SampleCall *call = &g_array_index (sample->calls, SampleCall, i);
      g_autofree char *recording = NULL;
      gboolean answered = call->outcome == RUBRIC_OUTCOME_ANSWERED;
      RubricCallRecord record = { 0 };
      RubricCallWrite result;
      gint64 queue_id;

      if (!g_hash_table_lookup_extended (queues, call->queue, NULL, NULL))
        {
          if ((queue_id = rubric_db_ensure_queue (sample->db, call->queue, error)) < 0)
            return FALSE;
          g_hash_table_insert (queues, (gpointer) call->queue, GSIZE_TO_POINTER (queue_id));
        }
      queue_id = GPOINTER_TO_SIZE (g_hash_table_lookup (queues, call->queue));

      if (call->recording > 0)
        recording = g_strdup_printf (RUBRIC_SAMPLE_RECORDING_PREFIX "call-%u.wav",
                                     call->recording);

      record.source_id = sample->source_id;
      record.call_id = call->call_id;
      record.queue_id = queue_id;
      record.entered_at = call->entered_at;
      record.vendor_id = sample->vendor_ids[call->vendor];
      record.agent_id = call->agent >= 0 ? sample->agent_ids[call->vendor][call->agent] : 0;
      record.outcome = call->outcome;
      record.wait_s = call->wait_s;
      record.has_talk = record.has_hold = record.has_wrap = answered;
      record.talk_s = call->talk_s;
      record.hold_s = call->hold_s;
      record.wrap_s = call->wrap_s;
      record.caller = call->caller;
      record.recording = recording;

      if (!rubric_call_writer_write (writer, &record, &result, error))
        return FALSE;
    }

  return rubric_call_writer_finish (writer, error);
}

/* What a reviewer writes about a criterion, when it went badly or well. */
typedef struct
{
  const char *criterion;
  const char *low;
  const char *high;
} SampleRemark;

static const SampleRemark remarks[] = {
  { "identified-need",
    "Acted before confirming what the customer needed: restate the request first.",
    "Good probing questions; the need was confirmed before acting." },
  { "set-expectations",
    "Did not say when the change takes effect: the customer is likely to call back.",
    "Clear next steps and a timeframe." },
  { "call-control",
    "Long silences while looking up the account: say what you are doing.",
    "Kept the call focused without rushing the customer." },
  { "notes-complete",
    "The notes miss the reason for the call and the agreed next step.",
    "Thorough notes: a colleague could pick this up without asking." },
  { "personal-responsibility",
    "Sent the customer to another team without trying to help first.",
    "Took ownership: “I will sort this out for you”." },
  { "confirmed-outcome",
    "Did not summarise the outcome before closing.",
    "Summarised the outcome and checked for anything else." },
};

/* Whether a criterion that allows N/A does not apply to @call. */
static gboolean
rand_not_applicable (Sample           *sample,
                     RubricCriterion  *criterion,
                     const SampleCall *call)
{
  if (g_str_equal (criterion->key, "hold-etiquette"))
    return call->hold_s <= 0;
  if (g_str_equal (criterion->key, "warm-transfer"))
    return TRUE;
  if (g_str_equal (criterion->key, "verify-identity"))
    return rand_chance (sample->rand, 0.1);
  if (g_str_equal (criterion->key, "commitments-logged"))
    return rand_chance (sample->rand, 0.4);
  return rand_chance (sample->rand, 0.65);
}

/* An answer from an agent of the given skill. A critical criterion is never
 * failed at random: the sample's one auto-fail is told on purpose. */
static char *
rand_answer (Sample          *sample,
             RubricCriterion *criterion,
             double           skill)
{
  double q = CLAMP (skill + 0.12 * rand_normal (sample->rand), 0.0, 1.0);

  switch (criterion->type)
    {
    case RUBRIC_ANSWER_YES_NO:
      return g_strdup (criterion->critical || rand_chance (sample->rand, 0.35 + 0.65 * q)
                       ? "yes" : "no");

    case RUBRIC_ANSWER_SCALE:
      {
        double v = criterion->min + q * (criterion->max - criterion->min) +
                   0.5 * rand_normal (sample->rand);

        return g_strdup_printf ("%d", (int) CLAMP (lround (v), criterion->min, criterion->max));
      }

    case RUBRIC_ANSWER_CHOICE:
    default:
      {
        double target = q + 0.15 * rand_normal (sample->rand);
        RubricOption *best = NULL;

        for (guint i = 0; i < criterion->options->len; i++)
          {
            RubricOption *option = g_ptr_array_index (criterion->options, i);

            if (criterion->critical && option->credit <= 0)
              continue;
            if (best == NULL || fabs (option->credit - target) < fabs (best->credit - target))
              best = option;
          }
        return g_strdup (best->key);
      }
    }
}

static void
answer_criteria_with_skill (Sample           *sample,
                            RubricEvaluation *evaluation,
                            const SampleCall *call,
                            guint             how_many,
                            double            skill)
{
  GPtrArray *criteria = sample->scorecard->criteria;

  for (guint i = 0; i < criteria->len && i < how_many; i++)
    {
      RubricCriterion *criterion = g_ptr_array_index (criteria, i);
      g_autofree char *value = NULL;

      if (criterion->na && rand_not_applicable (sample, criterion, call))
        value = g_strdup ("na");
      else
        value = rand_answer (sample, criterion, skill);

      rubric_evaluation_set_answer (evaluation, criterion->key, value);
    }
}

static void
answer_criteria (Sample           *sample,
                 RubricEvaluation *evaluation,
                 const SampleCall *call,
                 guint             how_many)
{
  answer_criteria_with_skill (sample, evaluation, call, how_many,
                              vendors[call->vendor].agents[call->agent].skill);
}

/* Half the time, a remark on one of the answered criteria. */
static void
add_remark (Sample           *sample,
            RubricEvaluation *evaluation)
{
  const SampleRemark *remark = &remarks[g_rand_int_range (sample->rand, 0,
                                                          G_N_ELEMENTS (remarks))];
  RubricCriterion *criterion = rubric_scorecard_lookup_criterion (sample->scorecard,
                                                                  remark->criterion);
  const char *value = rubric_evaluation_get_answer (evaluation, remark->criterion);
  double credit;
  gboolean is_na;

  if (!rand_chance (sample->rand, 0.5) || criterion == NULL || value == NULL ||
      !rubric_criterion_credit (criterion, value, &credit, &is_na) || is_na)
    return;

  rubric_evaluation_add_comment (evaluation, NAN, remark->criterion,
                                 credit < 0.6 ? remark->low : remark->high);
}

static RubricEvaluation *
new_evaluation (Sample       *sample,
                SampleCall   *call,
                RubricStatus  status,
                const char   *reviewer)
{
  g_autofree char *id = rand_uuid (sample->rand);
  RubricEvaluation *evaluation = rubric_evaluation_new (id);
  gint64 ended = call->entered_at + (gint64) (call->wait_s + call->talk_s + call->wrap_s);
  gint64 last_instant = sample_day_start (sample, sample->last_day + 1, call->vendor) - 60;

  evaluation->scorecard = g_strdup (SAMPLE_SCORECARD);
  evaluation->scorecard_version = sample->scorecard->version;
  evaluation->status = status;
  evaluation->reviewer = g_strdup (reviewer);
  evaluation->vendor = g_strdup (vendors[call->vendor].name);
  evaluation->agent = g_strdup (vendors[call->vendor].agents[call->agent].external_id);
  evaluation->call = g_strdup (call->call_id);
  evaluation->call_time = call->entered_at;
  /* Scored within a day, and never after the sample's last day. */
  evaluation->scored_at = MAX (MIN (ended + g_rand_int_range (sample->rand, 3600, 20 * 3600),
                                    last_instant),
                               ended + 60);
  call->evaluated = TRUE;

  g_ptr_array_add (sample->evaluations, evaluation);
  return evaluation;
}

static void
set_answers (RubricEvaluation  *evaluation,
             const char *const *pairs)
{
  for (guint i = 0; pairs[i] != NULL; i += 2)
    rubric_evaluation_set_answer (evaluation, pairs[i], pairs[i + 1]);
}

static SampleCall *
find_recorded_call (Sample *sample,
                    guint   recording)
{
  for (guint i = 0; i < sample->calls->len; i++)
    {
      SampleCall *call = &g_array_index (sample->calls, SampleCall, i);

      if (call->recording == recording)
        return call;
    }
  g_assert_not_reached ();
}

/* The evaluations of the recorded calls: Anna's call scored and scored
 * again in a calibration, a draft of Julien's, Tom's auto-fail. The other
 * three recorded calls are left for the user to score. */
static void
add_recorded_evaluations (Sample *sample)
{
  static const char * const anna[] = {
    "identified-need", "5", "accurate-information", "accurate", "resolved-on-call", "resolved",
    "confirmed-outcome", "no", "set-expectations", "yes", "hold-etiquette", "na",
    "warm-transfer", "na", "verify-identity", "yes", "procedure-followed", "followed", NULL,
  };
  static const char * const julien[] = {
    "identified-need", "4", "accurate-information", "accurate", "resolved-on-call", "pending",
    "confirmed-outcome", "yes", "set-expectations", "yes", "personal-responsibility", "5",
    "hold-etiquette", "na", NULL,
  };
  static const char * const tom[] = {
    "accurate-information", "accurate", "resolved-on-call", "resolved", "hold-etiquette", "na",
    "warm-transfer", "na", "verify-identity", "no", "data-protection", "no",
    "procedure-followed", "not-followed", NULL,
  };
  SampleCall *call;
  RubricEvaluation *evaluation;

  call = find_recorded_call (sample, 1);
  evaluation = new_evaluation (sample, call, RUBRIC_STATUS_SUBMITTED, "Maria Lopez");
  answer_criteria (sample, evaluation, call, G_MAXUINT);
  set_answers (evaluation, anna);
  rubric_evaluation_add_comment (evaluation, 2.0, NULL,
                                 "Friendly opening: company, name and an offer to help.");
  rubric_evaluation_add_comment (evaluation, 14.5, "set-expectations",
                                 "Gave the refund timeframe: three to five days.");
  rubric_evaluation_add_comment (evaluation, 17.5, "confirmed-outcome",
                                 "Closed without checking whether there was anything else.");

  evaluation = new_evaluation (sample, call, RUBRIC_STATUS_CALIBRATION, "Sam Carter");
  answer_criteria (sample, evaluation, call, G_MAXUINT);
  set_answers (evaluation, anna);
  rubric_evaluation_set_answer (evaluation, "identified-need", "4");
  rubric_evaluation_set_answer (evaluation, "confirmed-outcome", "yes");
  rubric_evaluation_add_comment (evaluation, 17.0, "confirmed-outcome",
                                 "The customer's thanks is confirmation enough.");

  call = find_recorded_call (sample, 2);
  evaluation = new_evaluation (sample, call, RUBRIC_STATUS_DRAFT, "Maria Lopez");
  answer_criteria (sample, evaluation, call, 7);
  set_answers (evaluation, julien);
  rubric_evaluation_add_comment (evaluation, 4.0, "resolved-on-call",
                                 "Third call about the same fault: look at the two earlier "
                                 "calls.");
  rubric_evaluation_add_comment (evaluation, 13.5, "set-expectations",
                                 "Engineer booked, with a text to confirm.");

  call = find_recorded_call (sample, 5);
  evaluation = new_evaluation (sample, call, RUBRIC_STATUS_SUBMITTED, "Sam Carter");
  answer_criteria (sample, evaluation, call, G_MAXUINT);
  set_answers (evaluation, tom);
  rubric_evaluation_add_comment (evaluation, 7.5, "verify-identity",
                                 "Sent a new password without checking who was calling.");
  rubric_evaluation_add_comment (evaluation, NAN, NULL,
                                 "Auto-fail: coaching on identity checks booked for Monday.");
}

/* An answered call of the agent from before the last day (reviews lag a
 * day or more), not recorded and not scored yet. */
static SampleCall *
pick_call (Sample *sample,
           guint   vendor,
           guint   agent)
{
  gint64 before = sample_day_start (sample, sample->last_day, vendor);
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();

  for (guint i = 0; i < sample->calls->len; i++)
    {
      SampleCall *call = &g_array_index (sample->calls, SampleCall, i);

      if (call->vendor == vendor && call->agent == (gint) agent && call->recording == 0 &&
          call->outcome == RUBRIC_OUTCOME_ANSWERED && !call->evaluated &&
          call->entered_at < before)
        g_ptr_array_add (candidates, call);
    }

  if (candidates->len == 0)
    return NULL;
  return g_ptr_array_index (candidates, g_rand_int_range (sample->rand, 0, candidates->len));
}

/* The history: submitted evaluations over the HISTORY_WEEKS ISO weeks
 * before the one that holds the last day, so that the Agents page has
 * sparklines and trends to show. Their calls are not among the call
 * records (evaluations imported from before the call log, docs/DECISIONS.md),
 * they come from a generator of their own (the week above stays exactly as
 * it was), and they stop before the week of call records starts. */
#define HISTORY_WEEKS 11

/* How much better (positive) an agent was HISTORY_WEEKS weeks ago than
 * now, in the order of vendors[]: Julien is slipping, Jānis improving,
 * Daniel slowly improving, the others steady (with a little wander). */
static const double history_drift[N_VENDORS][N_AGENTS] = {
  { 0.0, 0.14, 0.0 },
  { 0.0, -0.24, 0.0 },
  { 0.0, 0.0, -0.08 },
};

/* Now and then, a remark on one of the criteria the evaluation failed. */
static void
add_failure_remark (Sample           *sample,
                    RubricEvaluation *evaluation)
{
  guint start = g_rand_int_range (sample->rand, 0, G_N_ELEMENTS (remarks));

  if (!rand_chance (sample->rand, 0.35))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (remarks); i++)
    {
      const SampleRemark *remark = &remarks[(start + i) % G_N_ELEMENTS (remarks)];
      RubricCriterion *criterion = rubric_scorecard_lookup_criterion (sample->scorecard,
                                                                      remark->criterion);
      const char *value = rubric_evaluation_get_answer (evaluation, remark->criterion);
      double credit;
      gboolean is_na;

      if (criterion != NULL && value != NULL &&
          rubric_criterion_credit (criterion, value, &credit, &is_na) && !is_na &&
          credit < 0.6)
        {
          rubric_evaluation_add_comment (evaluation, NAN, remark->criterion, remark->low);
          return;
        }
    }
}

/* The start of a local day in @zone, without the look-up of the zone that
 * rubric_day_start_utc () makes on every call (hundreds of them here). */
static gint64
local_day_start (GTimeZone *zone,
                 gint32     day)
{
  g_autoptr(GDateTime) start = NULL;
  gint64 year;
  int month, mday;

  rubric_civil_from_days (day, &year, &month, &mday);
  start = g_date_time_new (zone, (gint) year, month, mday, 0, 0, 0);
  return g_date_time_to_unix (start);
}

/* A submitted evaluation of a history call, scored within the day. */
static RubricEvaluation *
new_history_evaluation (Sample     *sample,
                        SampleCall *call,
                        const char *reviewer)
{
  g_autofree char *id = rand_uuid (sample->rand);
  RubricEvaluation *evaluation = rubric_evaluation_new (id);
  gint64 ended = call->entered_at + (gint64) (call->wait_s + call->talk_s + call->wrap_s);

  evaluation->scorecard = g_strdup (SAMPLE_SCORECARD);
  evaluation->scorecard_version = sample->scorecard->version;
  evaluation->status = RUBRIC_STATUS_SUBMITTED;
  evaluation->reviewer = g_strdup (reviewer);
  evaluation->vendor = g_strdup (vendors[call->vendor].name);
  evaluation->agent = g_strdup (vendors[call->vendor].agents[call->agent].external_id);
  evaluation->call = g_strdup (call->call_id);
  evaluation->call_time = call->entered_at;
  evaluation->scored_at = ended + g_rand_int_range (sample->rand, 1800, 20 * 3600);

  g_ptr_array_add (sample->evaluations, evaluation);
  return evaluation;
}

static void
add_history (Sample *sample)
{
  GRand *week_rand = sample->rand;
  gint32 first_window_day = sample->last_day - (SAMPLE_DAYS - 1);
  gint32 monday = sample->last_day - (gint32) (day_weekday (sample->last_day) - 1);
  double wander[N_VENDORS][N_AGENTS] = { { 0 } };
  GTimeZone *zones[N_VENDORS];

  for (guint v = 0; v < N_VENDORS; v++)
    zones[v] = g_time_zone_new_identifier (vendors[v].timezone);

  /* Its own generator: the week's draws stay as they were. */
  sample->rand = g_rand_new_with_seed ((guint32) sample->last_day * 2654435761u + 12345u);

  /* From the oldest week on, so that the wander is a walk in time. */
  for (guint k = HISTORY_WEEKS; k >= 1; k--)
    {
      gint32 week_start = monday - 7 * (gint32) k;
      /* Weekdays before the week of call records; the Monday always is. */
      gint32 last_weekday = MIN (week_start + 4, first_window_day - 1);

      for (guint v = 0; v < N_VENDORS; v++)
        for (guint a = 0; a < N_AGENTS; a++)
          {
            const SampleVendor *vendor = &vendors[v];
            double skill;
            guint n = g_rand_int_range (sample->rand, 2, 4);

            wander[v][a] = CLAMP (wander[v][a] + 0.015 * rand_normal (sample->rand),
                                  -0.05, 0.05);
            skill = CLAMP (vendor->agents[a].skill +
                           history_drift[v][a] * k / HISTORY_WEEKS +
                           (history_drift[v][a] == 0.0 ? wander[v][a] : 0.0),
                           0.3, 0.98);

            for (guint e = 0; e < n; e++)
              {
                gint32 day = g_rand_int_range (sample->rand, week_start, last_weekday + 1);
                SampleCall call = { 0 };
                RubricEvaluation *evaluation;
                const char *reviewer = vendor->reviewer;

                call.vendor = v;
                call.agent = (gint) a;
                call.outcome = RUBRIC_OUTCOME_ANSWERED;
                call.entered_at = local_day_start (zones[v], day) +
                                  g_rand_int_range (sample->rand, 8 * 3600 + 30 * 60,
                                                    18 * 3600);
                call.wait_s = g_rand_double_range (sample->rand, 3.0, 40.0);
                call.talk_s = g_rand_double_range (sample->rand, 90.0, 540.0);
                call.hold_s = rand_chance (sample->rand, 0.3)
                              ? g_rand_double_range (sample->rand, 20.0, 120.0) : 0.0;
                call.wrap_s = g_rand_double_range (sample->rand, 20.0, 90.0);
                call.call_id = g_strdup_printf ("%" G_GINT64_FORMAT ".%u",
                                                call.entered_at, 900 + e);

                if (rand_chance (sample->rand, 1.0 / 6))
                  reviewer = vendors[(v + 1) % N_VENDORS].reviewer;

                evaluation = new_history_evaluation (sample, &call, reviewer);
                answer_criteria_with_skill (sample, evaluation, &call, G_MAXUINT, skill);

                /* Tom skips identity checks now and then; the others rarely. */
                if (rubric_evaluation_get_answer (evaluation, "verify-identity") != NULL &&
                    rand_chance (sample->rand, a == 0 && v == 2 ? 0.08 : 0.01))
                  {
                    rubric_evaluation_set_answer (evaluation, "verify-identity", "no");
                    rubric_evaluation_add_comment (evaluation, NAN, "verify-identity",
                                                   "Changed the account without checking "
                                                   "who was calling: auto-fail.");
                  }
                else
                  add_failure_remark (sample, evaluation);

                g_free (call.call_id);
              }
          }
    }

  for (guint v = 0; v < N_VENDORS; v++)
    g_time_zone_unref (zones[v]);
  g_rand_free (sample->rand);
  sample->rand = week_rand;
}

static gboolean
add_evaluations (Sample  *sample,
                 GError **error)
{
  add_recorded_evaluations (sample);

  /* 21 more, spread over the agents: mostly submitted, two drafts, each by
   * the vendor's reviewer or now and then a colleague. */
  for (guint i = 0; i < 21; i++)
    {
      guint vendor = i % N_VENDORS;
      guint agent = (i / N_VENDORS) % N_AGENTS;
      gboolean draft = i == 7 || i == 17;
      const char *reviewer = vendors[i % 5 == 4 ? (vendor + 1) % N_VENDORS : vendor].reviewer;
      SampleCall *call = pick_call (sample, vendor, agent);
      RubricEvaluation *evaluation;

      if (call == NULL)
        continue;

      evaluation = new_evaluation (sample, call,
                                   draft ? RUBRIC_STATUS_DRAFT : RUBRIC_STATUS_SUBMITTED,
                                   reviewer);
      answer_criteria (sample, evaluation, call,
                       draft ? sample->scorecard->criteria->len / 2 : G_MAXUINT);
      add_remark (sample, evaluation);
    }

  add_history (sample);

  return rubric_evaluation_store_import_parsed (sample->db, "sample data", sample->evaluations,
                                                "Rubric", NULL, error);
}

gboolean
rubric_sample_load_ending (RubricDb  *db,
                           gint32     last_day,
                           GError   **error)
{
  Sample sample = { 0 };
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sample.db = db;
  sample.last_day = last_day;
  sample.rand = g_rand_new_with_seed ((guint32) last_day);
  sample.calls = g_array_new (FALSE, TRUE, sizeof (SampleCall));
  g_array_set_clear_func (sample.calls, sample_call_clear);
  sample.evaluations = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_evaluation_free);
  sample.day_starts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  /* Checked inside the write lock: another process may be importing. */
  ok = rubric_db_begin (db, error);
  if (ok)
    {
      ok = database_is_empty (db, error) &&
           add_scorecard (&sample, error) &&
           (sample.source_id = rubric_db_ensure_source (db, SAMPLE_SOURCE, error)) > 0;

      for (guint v = 0; ok && v < N_VENDORS; v++)
        ok = add_vendor (&sample, v, error);

      if (ok)
        generate_calls (&sample);

      ok = ok &&
           write_calls (&sample, error) &&
           add_evaluations (&sample, error) &&
           rubric_db_commit (db, error);

      if (!ok)
        rubric_db_rollback (db);
    }

  g_clear_pointer (&sample.scorecard, rubric_scorecard_unref);
  g_ptr_array_unref (sample.evaluations);
  g_array_unref (sample.calls);
  g_hash_table_unref (sample.day_starts);
  g_rand_free (sample.rand);
  return ok;
}

gboolean
rubric_sample_load (RubricDb  *db,
                    GError   **error)
{
  /* The week before today (UTC): yesterday is the last day. */
  return rubric_sample_load_ending (db, rubric_clock_today ("UTC") - 1, error);
}
