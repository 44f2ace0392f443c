/* gen-queue-log.c — a deterministic, realistic Asterisk queue_log for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: gen-queue-log [--calls N] [--seed S] [--start YYYY-MM-DD] [--days D]
 *                      [-o FILE] [--csv FILE] [--queues]
 *
 * Writes the queue_log of N calls (default 1,000,000) entering 6 queues of
 * 3 vendors over D days (default 30) from the start day (UTC), one line per
 * event in time order as Asterisk writes it, and with --csv the same calls
 * as a call-record CSV (SPEC §8.3, entered_at in epoch seconds) for the
 * sqlite3 baseline. --queues prints "QUEUE VENDOR" lines and exits.
 *
 * The model, roughly: arrivals follow a weekly and an intraday profile;
 * 20 PJSIP agents per vendor work early or late shifts on weekdays (a few
 * on Saturdays, none on Sundays) with a lunch pause, logged as ADDMEMBER,
 * PAUSE, UNPAUSE, REMOVEMEMBER; a call that finds no agent on shift leaves
 * with EXITEMPTY; otherwise it is answered (about 79 %: CONNECT, then
 * COMPLETECALLER, COMPLETEAGENT or a transfer), abandoned (more at busy
 * hours, some within 5 s), timed out by the queue, or leaves with a key;
 * agents who did not pick up leave RINGNOANSWER lines. Callers come from
 * a customer base where the number of contacts per customer follows a
 * zeta law (exponent 3, at most 200: most call once, a few call often),
 * repeat contacts come soon after the previous one (within the hour after
 * an unanswered call) and mostly to the same queue, and 4 % of calls
 * withhold their number. Waits and talk times are log-normal. Everything
 * derives from the seed: the same seed gives the same bytes (with the same
 * C library).
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#define AGENTS_PER_VENDOR  20
#define N_VENDORS          3
#define MAX_CONTACTS       200
#define WITHHELD_PERCENT   4

typedef struct
{
  const char *name;
  guint       vendor;
  double      weight;       /* share of the calls */
  guint       timeout;      /* queue timeout, seconds */
  double      talk_median;  /* seconds */
} QueueDef;

static const char * const vendors[N_VENDORS] = { "Northwind", "Contoso", "Fabrikam" };

static const QueueDef queues[] = {
  { "nw-sales",   0, 0.22, 300, 150 },
  { "nw-support", 0, 0.20, 600, 240 },
  { "co-billing", 1, 0.15, 300, 200 },
  { "co-support", 1, 0.15, 600, 280 },
  { "fb-care",    2, 0.16, 450, 190 },
  { "fb-tech",    2, 0.12, 600, 360 },
};

/* Calls per hour of the day (UTC), weekdays and Saturdays. */
static const double weekday_hours[24] = {
  0.10, 0.06, 0.05, 0.05, 0.06, 0.10, 0.30, 1.20, 4.00, 7.00, 8.00, 7.50,
  5.50, 6.00, 7.50, 7.00, 6.00, 4.50, 3.00, 2.00, 1.20, 0.50, 0.25, 0.15,
};
static const double saturday_hours[24] = {
  0.10, 0.06, 0.05, 0.05, 0.06, 0.10, 0.20, 0.60, 1.50, 4.00, 5.00, 5.00,
  4.50, 4.00, 3.50, 3.00, 2.50, 1.00, 0.60, 0.40, 0.30, 0.20, 0.15, 0.10,
};
/* Sunday (0) to Saturday (6). */
static const double weekday_weights[7] = { 0.20, 1.25, 1.10, 1.05, 1.00, 0.95, 0.45 };

/* Events waiting to be written, in time order (a binary heap). */
typedef struct
{
  gint64  time;
  guint64 seq;
  char   *line;
} Event;

/* Customers who will call again. */
typedef struct
{
  gint64  due;
  guint32 customer;
  guint16 contacts;   /* their number of contacts */
  guint16 remaining;  /* contacts still to come */
  guint8  queue;      /* the queue they called last */
} FollowUp;

typedef struct
{
  GRand   *rand;
  FILE    *out;
  FILE    *csv;
  GArray  *events;     /* Event, a heap */
  GArray  *follow_ups; /* FollowUp, a heap */
  guint64  seq;
  guint32  channel;    /* the uniqueid counter */
  guint32  customers;  /* size of the customer base */
  double   contact_cdf[MAX_CONTACTS];
  guint64  lines;
} Gen;

/* Heaps */

static gboolean
event_before (const Event *a,
              const Event *b)
{
  return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

static void
push_event (Gen        *gen,
            gint64      time,
            const char *format,
            ...) G_GNUC_PRINTF (3, 4);

static void
push_event (Gen        *gen,
            gint64      time,
            const char *format,
            ...)
{
  char buffer[512];
  va_list args;
  Event event;
  Event *heap;
  guint i;
  int n;

  va_start (args, format);
  n = g_vsnprintf (buffer, sizeof buffer, format, args);
  va_end (args);
  g_assert (n > 0 && (gsize) n < sizeof buffer);

  event.time = time;
  event.seq = gen->seq++;
  event.line = g_memdup2 (buffer, (gsize) n + 1);

  g_array_append_val (gen->events, event);
  heap = (Event *) gen->events->data;
  for (i = gen->events->len - 1; i > 0; )
    {
      guint parent = (i - 1) / 2;
      Event swap;

      if (!event_before (&heap[i], &heap[parent]))
        break;
      swap = heap[i], heap[i] = heap[parent], heap[parent] = swap;
      i = parent;
    }
}

static void
pop_event (Gen   *gen,
           Event *top)
{
  Event *heap = (Event *) gen->events->data;
  guint len = gen->events->len;
  guint i = 0;

  *top = heap[0];
  heap[0] = heap[len - 1];
  g_array_set_size (gen->events, --len);

  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      Event swap;

      if (l < len && event_before (&heap[l], &heap[m]))
        m = l;
      if (r < len && event_before (&heap[r], &heap[m]))
        m = r;
      if (m == i)
        break;
      swap = heap[i], heap[i] = heap[m], heap[m] = swap;
      i = m;
    }
}

/* Writes every event before @time (all of them when @time is G_MAXINT64). */
static void
flush_events (Gen    *gen,
              gint64  time)
{
  while (gen->events->len > 0 && (time == G_MAXINT64 ||
                                  g_array_index (gen->events, Event, 0).time < time))
    {
      Event event;

      pop_event (gen, &event);
      fputs (event.line, gen->out);
      fputc ('\n', gen->out);
      g_free (event.line);
      gen->lines++;
    }
}

static void
push_follow_up (Gen            *gen,
                const FollowUp *follow_up)
{
  FollowUp *heap;
  guint i;

  g_array_append_val (gen->follow_ups, *follow_up);
  heap = (FollowUp *) gen->follow_ups->data;
  for (i = gen->follow_ups->len - 1; i > 0; )
    {
      guint parent = (i - 1) / 2;
      FollowUp swap;

      if (heap[i].due >= heap[parent].due)
        break;
      swap = heap[i], heap[i] = heap[parent], heap[parent] = swap;
      i = parent;
    }
}

static void
pop_follow_up (Gen      *gen,
               FollowUp *top)
{
  FollowUp *heap = (FollowUp *) gen->follow_ups->data;
  guint len = gen->follow_ups->len;
  guint i = 0;

  *top = heap[0];
  heap[0] = heap[len - 1];
  g_array_set_size (gen->follow_ups, --len);

  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      FollowUp swap;

      if (l < len && heap[l].due < heap[m].due)
        m = l;
      if (r < len && heap[r].due < heap[m].due)
        m = r;
      if (m == i)
        break;
      swap = heap[i], heap[i] = heap[m], heap[m] = swap;
      i = m;
    }
}

/* Random numbers */

static double
uniform (Gen *gen)
{
  return g_rand_double (gen->rand);
}

static double
normal (Gen *gen)
{
  double u = 1.0 - uniform (gen);  /* (0, 1] */
  double v = uniform (gen);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

static double
lognormal (Gen    *gen,
           double  median,
           double  sigma)
{
  return median * exp (sigma * normal (gen));
}

static double
exponential (Gen    *gen,
             double  mean)
{
  return -mean * log (1.0 - uniform (gen));
}

static guint
poisson (Gen    *gen,
         double  lambda)
{
  double limit = exp (-MIN (lambda, 30.0));
  double p = 1.0;
  guint k = 0;

  for (;;)
    {
      p *= uniform (gen);
      if (p <= limit)
        return k;
      k++;
    }
}

static guint
pick (Gen  *gen,
      guint n)
{
  return (guint) g_rand_int_range (gen->rand, 0, (gint32) n);
}

/* Agents and their shifts (UTC) */

static int
weekday_of (gint64 t)
{
  return (int) (((t / 86400) + 4) % 7);  /* 1970-01-01 was a Thursday */
}

/* The shift of agent @a (0..AGENTS_PER_VENDOR-1) on the day of @t, as
 * seconds of the day; FALSE on a day off. */
static gboolean
shift_of (guint   a,
          gint64  t,
          gint64 *start,
          gint64 *end,
          gint64 *pause)
{
  int wday = weekday_of (t);

  if (wday == 0 || (wday == 6 && a % 4 > 1))
    return FALSE;

  if (wday == 6)
    *start = 9 * 3600;
  else
    *start = a % 2 == 0 ? 7 * 3600 : 13 * 3600;
  *end = *start + 8 * 3600;
  *pause = *start + 3 * 3600 + 1800 + (gint64) (a % 3) * 1200;  /* 30 minutes */
  return TRUE;
}

static gboolean
available (guint  a,
           gint64 t)
{
  gint64 start, end, pause;
  gint64 s = ((t % 86400) + 86400) % 86400;

  return shift_of (a, t, &start, &end, &pause) &&
         s >= start && s < end && !(s >= pause && s < pause + 1800);
}

static guint
agent_number (guint vendor,
              guint a)
{
  return 2000 + (vendor + 1) * 100 + a + 1;
}

/* A random agent of @vendor available at @t, or -1. */
static int
available_agent (Gen    *gen,
                 guint   vendor,
                 gint64  t)
{
  guint candidates[AGENTS_PER_VENDOR];
  guint n = 0;

  for (guint a = 0; a < AGENTS_PER_VENDOR; a++)
    if (available (a, t))
      candidates[n++] = a;

  return n == 0 ? -1 : (int) candidates[pick (gen, n)];
}

/* The system lines of the day starting at @day. */
static void
push_day (Gen    *gen,
          gint64  day)
{
  /* A restart every Monday morning, a reload now and then. */
  if (weekday_of (day) == 1)
    {
      gint64 t = day + 6 * 3600 + 1800 + pick (gen, 600);

      push_event (gen, t, "%" G_GINT64_FORMAT "|NONE|NONE|NONE|QUEUESTART", t);
    }
  if (uniform (gen) < 0.3)
    {
      gint64 t = day + 6 * 3600 + 2700 + pick (gen, 900);
      push_event (gen, t, "%" G_GINT64_FORMAT "|NONE|NONE|NONE|CONFIGRELOAD", t);
    }

  for (guint v = 0; v < N_VENDORS; v++)
    for (guint a = 0; a < AGENTS_PER_VENDOR; a++)
      {
        gint64 start, end, pause;
        gint64 in, out;
        guint agent = agent_number (v, a);

        if (!shift_of (a, day, &start, &end, &pause))
          continue;
        in = day + start - 60 - pick (gen, 300);
        out = day + end + pick (gen, 300);

        for (guint q = 0; q < G_N_ELEMENTS (queues); q++)
          {
            if (queues[q].vendor != v)
              continue;
            push_event (gen, in, "%" G_GINT64_FORMAT "|NONE|%s|PJSIP/%u|ADDMEMBER|",
                        in, queues[q].name, agent);
            push_event (gen, day + pause, "%" G_GINT64_FORMAT "|NONE|%s|PJSIP/%u|PAUSE|Lunch",
                        day + pause, queues[q].name, agent);
            push_event (gen, day + pause + 1800,
                        "%" G_GINT64_FORMAT "|NONE|%s|PJSIP/%u|UNPAUSE|Lunch",
                        day + pause + 1800, queues[q].name, agent);
            push_event (gen, out, "%" G_GINT64_FORMAT "|NONE|%s|PJSIP/%u|REMOVEMEMBER|",
                        out, queues[q].name, agent);
          }
      }
}

/* Callers */

static guint
draw_contacts (Gen *gen)
{
  double u = uniform (gen) * gen->contact_cdf[MAX_CONTACTS - 1];

  for (guint k = 0; k < MAX_CONTACTS; k++)
    if (u <= gen->contact_cdf[k])
      return k + 1;

  return MAX_CONTACTS;
}

static void
format_caller (guint32 customer,
               char   *out,
               gsize   size)
{
  /* A bijection of [0, 10^8) (48271 is prime to 10^8), so every customer
   * keeps one number whatever the seed: logs of consecutive months share
   * their customers. */
  guint64 n = ((guint64) customer * 48271 + 12345678) % 100000000;
  static const char * const prefixes[] = { "+336", "+337", "+336", "+339" };

  g_snprintf (out, size, "%s%08u", prefixes[customer % 4], (guint) n);
}

/* Calls */

typedef enum
{
  ANSWERED,
  ABANDONED,
  TIMEOUT,
  EMPTY,
  KEY,
} Outcome;

static const char * const outcome_names[] = { "answered", "abandoned", "timeout", "other", "other" };

static void
push_rings (Gen        *gen,
            gint64      t0,
            guint       wait,
            guint       n,
            const char *uid,
            const char *queue,
            guint       vendor)
{
  for (guint i = 0; i < n; i++)
    {
      gint64 t = t0 + (gint64) ((double) wait * (i + 1) / (n + 1));
      double spacing = (double) wait / (n + 1);
      guint ms = (guint) CLAMP (spacing * 1000.0, 1000.0, 15000.0);
      int a = available_agent (gen, vendor, t);

      if (a < 0)
        a = (int) pick (gen, AGENTS_PER_VENDOR);
      push_event (gen, t, "%" G_GINT64_FORMAT "|%s|%s|PJSIP/%u|RINGNOANSWER|%u",
                  t, uid, queue, agent_number (vendor, (guint) a), ms);
    }
}

static void
make_call (Gen    *gen,
           gint64  t0,
           double  load)
{
  double u = uniform (gen) * 1.0, acc = 0;
  guint q = 0;
  const QueueDef *queue;
  guint vendor;
  FollowUp caller;
  char caller_id[32] = "";
  char uid[32];
  guint32 channel;
  Outcome outcome;
  guint wait = 0;
  guint talk = 0;
  guint position = 1 + poisson (gen, 3.0 * load);
  int agent = -1;

  for (q = 0; q < G_N_ELEMENTS (queues) - 1; q++)
    {
      acc += queues[q].weight;
      if (u < acc)
        break;
    }

  /* Who calls: someone due to call again (mostly the same queue), or a
   * new contact. */
  if (gen->follow_ups->len > 0 && g_array_index (gen->follow_ups, FollowUp, 0).due <= t0)
    {
      pop_follow_up (gen, &caller);
      if (uniform (gen) < 0.85)
        q = caller.queue;
    }
  else
    {
      caller.customer = (guint32) g_rand_int_range (gen->rand, 0, (gint32) gen->customers);
      caller.contacts = (guint16) draw_contacts (gen);
      caller.remaining = caller.contacts - 1;
    }
  caller.queue = (guint8) q;
  queue = &queues[q];
  vendor = queue->vendor;
  if (pick (gen, 100) >= WITHHELD_PERCENT)
    format_caller (caller.customer, caller_id, sizeof caller_id);

  /* The caller's channel came through the menu first. */
  gen->channel += 1 + pick (gen, 3);
  channel = gen->channel;
  g_snprintf (uid, sizeof uid, "%" G_GINT64_FORMAT ".%u", t0 - 3 - (gint64) pick (gen, 40), channel);

  if (available_agent (gen, vendor, t0) < 0)
    {
      outcome = EMPTY;
      wait = pick (gen, 3);
    }
  else
    {
      double abandon = 0.08 + 0.11 * load;
      double timeout = 0.012 + 0.03 * load;
      double key = 0.02;

      u = uniform (gen);
      if (u < abandon)
        {
          outcome = ABANDONED;
          if (uniform (gen) < 0.12)
            wait = 1 + pick (gen, 5);
          else
            wait = (guint) MIN (lognormal (gen, 35.0 * (1.0 + load), 0.8), queue->timeout - 1);
        }
      else if (u < abandon + timeout)
        {
          outcome = TIMEOUT;
          wait = queue->timeout + pick (gen, 3);
        }
      else if (u < abandon + timeout + key)
        {
          outcome = KEY;
          wait = (guint) MIN (lognormal (gen, 45.0, 0.6), queue->timeout - 1);
        }
      else
        {
          outcome = ANSWERED;
          wait = (guint) MIN (lognormal (gen, 8.0 * (1.0 + 2.0 * load), 1.0), queue->timeout - 1);
          talk = (guint) CLAMP (lognormal (gen, queue->talk_median, 0.75), 5.0, 7200.0);
        }
    }

  push_event (gen, t0, "%" G_GINT64_FORMAT "|%s|%s|NONE|ENTERQUEUE||%s|%u",
              t0, uid, queue->name, caller_id, position);

  switch (outcome)
    {
    case ANSWERED:
      {
        gint64 tc = t0 + wait;
        guint ring = 1 + pick (gen, 8);
        guint end = pick (gen, 100);

        push_rings (gen, t0, wait, poisson (gen, 0.5 + wait / 30.0), uid, queue->name, vendor);
        agent = available_agent (gen, vendor, tc);
        if (agent < 0)
          agent = available_agent (gen, vendor, t0);
        push_event (gen, tc, "%" G_GINT64_FORMAT "|%s|%s|PJSIP/%u|CONNECT|%u|%" G_GINT64_FORMAT ".%u|%u",
                    tc, uid, queue->name, agent_number (vendor, (guint) agent), wait,
                    tc - ring, channel + 1, ring);
        if (end < 55)
          push_event (gen, tc + talk, "%" G_GINT64_FORMAT "|%s|%s|PJSIP/%u|COMPLETECALLER|%u|%u|%u",
                      tc + talk, uid, queue->name, agent_number (vendor, (guint) agent),
                      wait, talk, position);
        else if (end < 94)
          push_event (gen, tc + talk, "%" G_GINT64_FORMAT "|%s|%s|PJSIP/%u|COMPLETEAGENT|%u|%u|%u",
                      tc + talk, uid, queue->name, agent_number (vendor, (guint) agent),
                      wait, talk, position);
        else if (end < 98)
          push_event (gen, tc + talk,
                      "%" G_GINT64_FORMAT "|%s|%s|PJSIP/%u|BLINDTRANSFER|%u|from-internal|%u|%u|%u",
                      tc + talk, uid, queue->name, agent_number (vendor, (guint) agent),
                      3000 + pick (gen, 100), wait, talk, position);
        else
          push_event (gen, tc + talk,
                      "%" G_GINT64_FORMAT "|%s|%s|PJSIP/%u|ATTENDEDTRANSFER|BRIDGE|%08x-%04x|%u|%u|%u",
                      tc + talk, uid, queue->name, agent_number (vendor, (guint) agent),
                      g_rand_int (gen->rand), pick (gen, 65536), wait, talk, position);
      }
      break;

    case ABANDONED:
      {
        gint64 te = t0 + wait;

        push_rings (gen, t0, wait, poisson (gen, wait / 25.0), uid, queue->name, vendor);
        if (uniform (gen) < 0.5)
          {
            int a = available_agent (gen, vendor, te);

            push_event (gen, te, "%" G_GINT64_FORMAT "|%s|%s|PJSIP/%u|RINGCANCELED|%u",
                        te, uid, queue->name,
                        agent_number (vendor, a < 0 ? 0 : (guint) a), 500 + pick (gen, 14000));
          }
        push_event (gen, te, "%" G_GINT64_FORMAT "|%s|%s|NONE|ABANDON|%u|%u|%u",
                    te, uid, queue->name, MAX (1, position / 2), position, wait);
      }
      break;

    case TIMEOUT:
      push_rings (gen, t0, wait, poisson (gen, 2.0), uid, queue->name, vendor);
      push_event (gen, t0 + wait, "%" G_GINT64_FORMAT "|%s|%s|NONE|EXITWITHTIMEOUT|%u|%u|%u",
                  t0 + wait, uid, queue->name, MAX (1, position / 2), position, wait);
      break;

    case KEY:
      push_rings (gen, t0, wait, poisson (gen, wait / 30.0), uid, queue->name, vendor);
      push_event (gen, t0 + wait, "%" G_GINT64_FORMAT "|%s|%s|NONE|EXITWITHKEY|%u|%u|%u|%u",
                  t0 + wait, uid, queue->name, pick (gen, 2) == 0 ? 0 : 1,
                  MAX (1, position / 2), position, wait);
      break;

    case EMPTY:
    default:
      push_event (gen, t0 + wait, "%" G_GINT64_FORMAT "|%s|%s|NONE|EXITEMPTY|%u|%u|%u",
                  t0 + wait, uid, queue->name, position, position, wait);
      break;
    }

  if (gen->csv != NULL)
    {
      g_autofree char *agent_name = agent >= 0
        ? g_strdup_printf ("PJSIP/%u", agent_number (vendor, (guint) agent)) : g_strdup ("");
      g_autofree char *talk_text = outcome == ANSWERED ? g_strdup_printf ("%u", talk) : g_strdup ("");

      fprintf (gen->csv, "%s,%s,%s,%s,%s,%" G_GINT64_FORMAT ",%u,%s,%s,,,\n",
               uid, vendors[vendor], queue->name, agent_name, caller_id, t0, wait,
               outcome_names[outcome], talk_text);
    }

  /* The next contact of this customer: soon after a call that was not
   * answered, later otherwise (sooner for frequent callers). */
  if (caller.remaining > 0)
    {
      double gap = outcome == ANSWERED
        ? exponential (gen, 3.0 * 86400 / sqrt (caller.contacts))
        : 60 + exponential (gen, 1800);

      caller.remaining--;
      caller.due = t0 + wait + talk + (gint64) gap;
      push_follow_up (gen, &caller);
    }
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GDateTime) start_day = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree gint64 *times = NULL;
  g_autofree double *hour_cdf = NULL;
  gint64 calls = 1000000;
  gint64 seed = 1;
  gint days = 30;
  gboolean list_queues = FALSE;
  Gen gen = { 0, };
  gint64 start, next_day;
  double total = 0, peak = 0, cumulative = 0;
  guint hours;
  static char out_buffer[1 << 16];
  GOptionEntry entries[] = {
    { "calls", 'n', 0, G_OPTION_ARG_INT64, &calls, "Number of calls (1000000)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Random seed (1)", "S" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text, "First day, UTC (2026-01-01)", "YYYY-MM-DD" },
    { "days", 'd', 0, G_OPTION_ARG_INT, &days, "Number of days (30)", "D" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The queue_log (standard output)", "FILE" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path, "Also write the calls as call-record CSV", "FILE" },
    { "queues", 0, 0, G_OPTION_ARG_NONE, &list_queues, "Print \"QUEUE VENDOR\" lines and exit", NULL },
    { NULL }
  };

  context = g_option_context_new ("— a realistic Asterisk queue_log for benchmarks");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("gen-queue-log: %s\n", error->message);
      return 1;
    }

  if (list_queues)
    {
      for (guint q = 0; q < G_N_ELEMENTS (queues); q++)
        g_print ("%s %s\n", queues[q].name, vendors[queues[q].vendor]);
      return 0;
    }

  if (calls < 0 || calls > G_MAXUINT32 || days < 1 || days > 3660 || seed < 0)
    {
      g_printerr ("gen-queue-log: --calls, --days or --seed out of range\n");
      return 1;
    }

  {
    g_autofree char *iso = g_strdup_printf ("%sT00:00:00Z", start_text ? start_text : "2026-01-01");
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

    start_day = g_date_time_new_from_iso8601 (iso, utc);
    if (start_day == NULL)
      {
        g_printerr ("gen-queue-log: --start must be YYYY-MM-DD\n");
        return 1;
      }
    start = g_date_time_to_unix (start_day);
  }

  gen.rand = g_rand_new_with_seed ((guint32) seed);
  gen.out = output != NULL ? fopen (output, "w") : stdout;
  if (gen.out == NULL)
    {
      g_printerr ("gen-queue-log: cannot write %s\n", output);
      return 1;
    }
  setvbuf (gen.out, out_buffer, _IOFBF, sizeof out_buffer);
  if (csv_path != NULL)
    {
      gen.csv = fopen (csv_path, "w");
      if (gen.csv == NULL)
        {
          g_printerr ("gen-queue-log: cannot write %s\n", csv_path);
          return 1;
        }
      fputs ("call_id,vendor,queue,agent,caller,entered_at,wait_s,outcome,talk_s,hold_s,"
             "wrap_s,recording\n", gen.csv);
    }
  gen.events = g_array_new (FALSE, FALSE, sizeof (Event));
  gen.follow_ups = g_array_new (FALSE, FALSE, sizeof (FollowUp));
  gen.customers = (guint32) CLAMP (calls * 20, 1000, 100000000);
  for (guint k = 0; k < MAX_CONTACTS; k++)
    gen.contact_cdf[k] = (k > 0 ? gen.contact_cdf[k - 1] : 0) + pow (k + 1, -3.0);

  /* Arrival times: an hour drawn by the weekly and intraday profiles, a
   * second within it, then sorted. */
  hours = (guint) days * 24;
  hour_cdf = g_new (double, hours);
  for (guint h = 0; h < hours; h++)
    {
      gint64 t = start + (gint64) h * 3600;
      int wday = weekday_of (t);
      const double *profile = wday == 6 ? saturday_hours : weekday_hours;
      double w = weekday_weights[wday] * profile[h % 24];

      hour_cdf[h] = w;
      total += w;
      peak = MAX (peak, w);
    }
  for (guint h = 0; h < hours; h++)
    {
      cumulative += hour_cdf[h] / total;
      hour_cdf[h] = cumulative;
    }

  times = g_new (gint64, MAX (calls, 1));
  for (gint64 i = 0; i < calls; i++)
    {
      double u = uniform (&gen);
      guint lo = 0, hi = hours - 1;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (hour_cdf[mid] < u)
            lo = mid + 1;
          else
            hi = mid;
        }
      times[i] = start + (gint64) lo * 3600 + pick (&gen, 3600);
    }
  qsort (times, (gsize) calls, sizeof (gint64), compare_times);

  /* The first line: the queues starting. */
  push_event (&gen, start, "%" G_GINT64_FORMAT "|NONE|NONE|NONE|QUEUESTART", start);
  next_day = start;

  for (gint64 i = 0; i < calls; i++)
    {
      gint64 t0 = times[i];
      guint h = (guint) ((t0 - start) / 3600);
      double w = hour_cdf[h] - (h > 0 ? hour_cdf[h - 1] : 0);

      /* Each day's system lines are queued before anything of that day
       * is written, so every line comes out in time order. */
      while (next_day <= t0)
        {
          push_day (&gen, next_day);
          next_day += 86400;
        }
      flush_events (&gen, t0);
      make_call (&gen, t0, w * total / peak);
    }

  while (next_day < start + (gint64) days * 86400)
    {
      push_day (&gen, next_day);
      next_day += 86400;
    }
  flush_events (&gen, G_MAXINT64);

  if (fflush (gen.out) != 0 || (gen.csv != NULL && fclose (gen.csv) != 0))
    {
      g_printerr ("gen-queue-log: write error\n");
      return 1;
    }
  if (output != NULL)
    fclose (gen.out);

  g_printerr ("gen-queue-log: %" G_GINT64_FORMAT " calls, %" G_GUINT64_FORMAT
              " lines (%.2f per call), %d days from %s\n",
              calls, gen.lines, calls > 0 ? (double) gen.lines / (double) calls : 0.0, days,
              start_text ? start_text : "2026-01-01");

  g_array_unref (gen.events);
  g_array_unref (gen.follow_ups);
  g_rand_free (gen.rand);
  return 0;
}
