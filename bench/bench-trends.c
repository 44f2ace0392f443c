/* bench-trends.c — agent trends and the Agents page, in process (SPEC §6, §12)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-trends DB|URI [--runs R] [--vendor V] [--team T] [--agent A]
 *                            [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--only MEASURE]
 *
 * On the database of gen-trends-db (defaults: Northwind, "Team 03", its
 * agent NW-0123, the year 2025-12-01..2026-11-30, 7 runs), times with the
 * connection open, after one untimed run, the median of R runs of:
 *
 *   - rubric_trends_compute for the team by week and by month, for one
 *     agent by week, for the whole vendor by week;
 *   - rubric_trends_criteria, _reviewers and _resolution for the team;
 *   - what opening the Agents page does: rubric_agents_summaries of the
 *     vendor (every agent, weekly sparklines ending on --to) and
 *     rubric_agents_teams of the vendor, one after the other;
 *
 * and, in the same run and on the same connection, the baseline named in
 * bench/README.md: `SELECT count (*), sum (score) FROM evaluations`, a
 * full scan of the evaluations (the store reads it from whichever of the
 * table and its indexes is smallest). Prints each median in ms, its ratio
 * to the baseline and the SPEC §12 target, and the CPU time this process
 * spent (the work itself on SQLite; on PostgreSQL the server's is not in
 * it; the server's is read from /proc when it runs here, the mean of the
 * runs, in 10 ms ticks), then a line per measure for run-trends.sh
 * ("= name ms ratio target cpu-ms server-ms").
 *
 * It also checks that the team's trend counts what the evaluations hold:
 * the team rows' Σ n must equal the submitted evaluations with a score of
 * the team's agents whose call falls in the range in the vendor's zone.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rubric-agents.h"
#include "rubric-db.h"
#include "rubric-private.h"
#include "rubric-trends.h"

typedef gpointer (*Measure) (RubricDb *db, gconstpointer data, GError **error);

typedef struct
{
  const RubricTrendQuery *query;
  const char             *vendor;
  gint32                  day;
} Args;

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static GPtrArray *last_rows;
static guint last_count;
static double last_cpu_ms;   /* this process's CPU time, median of the runs */
static double last_server_ms; /* the PostgreSQL server's, mean of the runs */

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* On PostgreSQL, the server process of our connection (0 elsewhere): its
 * CPU time is read from /proc (same machine), in clock ticks. */
static int backend_pid;

static double
backend_cpu_ms (void)
{
  g_autofree char *path = NULL;
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *end;

  if (backend_pid <= 0)
    return 0;
  path = g_strdup_printf ("/proc/%d/stat", backend_pid);
  if (!g_file_get_contents (path, &stat, NULL, NULL) || !(end = strrchr (stat, ')')))
    return 0;
  /* After "pid (comm) ": state is field 3, utime 14, stime 15. */
  fields = g_strsplit (end + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return 0;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) * 1e3 /
         sysconf (_SC_CLK_TCK);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_double);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static gpointer
run_trends (RubricDb      *db,
            gconstpointer  data,
            GError       **error)
{
  const Args *args = data;

  return rubric_trends_compute (db, args->query, error);
}

static gpointer
run_criteria (RubricDb      *db,
              gconstpointer  data,
              GError       **error)
{
  const Args *args = data;

  return rubric_trends_criteria (db, args->query, error);
}

static gpointer
run_reviewers (RubricDb      *db,
               gconstpointer  data,
               GError       **error)
{
  const Args *args = data;

  return rubric_trends_reviewers (db, args->query, error);
}

static gpointer
run_resolution (RubricDb      *db,
                gconstpointer  data,
                GError       **error)
{
  const Args *args = data;

  return rubric_trends_resolution (db, args->query, error);
}

/* The Agents page's open path: the list with its sparklines, and the team
 * filter's choices. */
static gpointer
run_agents_page (RubricDb      *db,
                 gconstpointer  data,
                 GError       **error)
{
  const Args *args = data;
  g_autoptr(GPtrArray) summaries = NULL;
  g_auto(GStrv) teams = NULL;

  summaries = rubric_agents_summaries (db, args->vendor, NULL, RUBRIC_PERIOD_WEEK, args->day,
                                       error);
  if (summaries == NULL)
    return NULL;
  teams = rubric_agents_teams (db, args->vendor, error);
  if (teams == NULL)
    return NULL;
  last_count = g_strv_length (teams);

  return g_steal_pointer (&summaries);
}

/* The baseline: a full scan of the evaluations. */
static gpointer
run_baseline (RubricDb      *db,
              gconstpointer  data,
              GError       **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);

  stmt = rubric_db_prepare (db, "SELECT count (*), sum (score) FROM evaluations", error);
  if (stmt == NULL || rubric_stmt_step (stmt) != RUBRIC_ROW)
    {
      if (stmt != NULL)
        rubric_db_set_error (db, error);
      g_ptr_array_unref (result);
      return NULL;
    }
  g_ptr_array_add (result, g_strdup_printf ("%" G_GINT64_FORMAT " rows, sum of scores %.0f",
                                            rubric_stmt_column_int64 (stmt, 0),
                                            rubric_stmt_column_double (stmt, 1)));
  return result;
}

/* Median of @runs runs after one warm-up, in ms; the last result stays in
 * last_rows. */
static const char *only;     /* --only NAME: that measure alone (for perf) */

static double
median_ms (RubricDb      *db,
           Measure        measure,
           gconstpointer  data,
           guint          runs,
           const char    *name)
{
  g_autofree double *times = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);

  g_clear_pointer (&last_rows, g_ptr_array_unref);
  if (only != NULL && !g_str_equal (only, name) && !g_str_equal (name, "baseline"))
    return NAN;
  double server_start = 0;

  for (guint i = 0; i <= runs; i++)
    {
      g_autoptr(GError) error = NULL;
      double cpu_start;

      if (i == 1)
        server_start = backend_cpu_ms ();
      cpu_start = cpu_ms ();
      gint64 start = g_get_monotonic_time ();
      GPtrArray *rows = measure (db, data, &error);
      double ms = (g_get_monotonic_time () - start) / 1e3;

      if (rows == NULL && error != NULL && strstr (error->message, "not implemented") != NULL)
        {
          g_print ("%s: %s\n", name, error->message);
          g_clear_pointer (&last_rows, g_ptr_array_unref);
          return NAN;
        }
      if (rows == NULL)
        g_error ("%s: %s", name, error ? error->message : "failed");
      if (i > 0)
        {
          times[i - 1] = ms;
          cpu[i - 1] = cpu_ms () - cpu_start;
        }
      g_clear_pointer (&last_rows, g_ptr_array_unref);
      last_rows = rows;
    }
  last_cpu_ms = median (cpu, runs);
  last_server_ms = (backend_cpu_ms () - server_start) / runs;

  return median (times, runs);
}

static double baseline;

static void
report (const char *name,
        const char *label,
        double      ms,
        double      target,
        const char *detail)
{
  g_autofree char *goal = NULL;

  if (isnan (ms))
    {
      g_print ("= %s - - %.0f -\n", name, target);
      return;
    }
  goal = target > 0 ? g_strdup_printf ("%s (< %.0f ms)", ms < target ? "met" : "NOT MET",
                                       target)
                     : g_strdup ("");

  g_print ("%-58s %9.1f ms  %6.2fx baseline  (CPU here %.1f ms, server %.0f ms)  %s%s\n",
           label, ms, ms / baseline, last_cpu_ms, last_server_ms, goal, detail ? detail : "");
  g_print ("= %s %.1f %.3f %.0f %.1f %.0f\n", name, ms, ms / baseline, target, last_cpu_ms,
           last_server_ms);
}

/* Σ n of the team's own rows (agent NULL); the number of agent rows. */
static void
team_counts (GPtrArray *rows,
             guint64   *team_n,
             guint     *agent_rows,
             guint     *team_rows)
{
  *team_n = 0;
  *agent_rows = *team_rows = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      RubricTrendRow *row = g_ptr_array_index (rows, i);

      if (row->agent == NULL)
        {
          *team_n += row->score.n;
          (*team_rows)++;
        }
      else
        (*agent_rows)++;
    }
}

static guint64
expected_team_n (RubricDb       *db,
                 const char     *vendor,
                 const char     *team,
                 RubricDayRange  range)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricStmt) stmt = NULL;
  g_autofree char *zone = NULL;
  gint64 vendor_id = rubric_db_lookup_vendor (db, vendor, &error);

  if (vendor_id <= 0 || !(zone = rubric_db_get_vendor_timezone (db, vendor_id)))
    g_error ("no vendor %s", vendor);
  stmt = rubric_db_prepare (db,
                            "SELECT count (*) FROM evaluations AS e"
                            "  JOIN agents AS a ON a.id = e.agent_id"
                            " WHERE a.vendor_id = ?1 AND a.team = ?2 AND e.status = 'submitted'"
                            "   AND e.score IS NOT NULL AND e.call_time >= ?3 AND e.call_time < ?4",
                            &error);
  if (stmt == NULL)
    g_error ("%s", error->message);
  rubric_stmt_bind_int64 (stmt, 1, vendor_id);
  rubric_stmt_bind_text (stmt, 2, team);
  rubric_stmt_bind_int64 (stmt, 3, rubric_day_start_utc (range.first, zone));
  rubric_stmt_bind_int64 (stmt, 4, rubric_day_start_utc (range.last + 1, zone));
  if (rubric_stmt_step (stmt) != RUBRIC_ROW)
    g_error ("counting the team's evaluations failed");

  return (guint64) rubric_stmt_column_int64 (stmt, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  const char *vendor = "Northwind", *team = "Team 03", *agent = "NW-0123";
  const char *from = "2025-12-01", *to = "2026-11-30";
  RubricDayRange range;
  RubricTrendQuery team_week, team_month, agent_week, vendor_week;
  Args args;
  guint runs = 7, agent_rows, team_rows;
  guint64 team_n, expected;
  gint64 start;
  double ms;
  g_autofree char *detail = NULL;

  if (argc < 2)
    {
    usage:
      g_printerr ("Usage: bench-trends DB|URI [--runs R] [--vendor V] [--team T] [--agent A]"
                  " [--from DAY] [--to DAY] [--only MEASURE]\n");
      return 1;
    }
  for (int i = 2; i < argc; i++)
    if (i + 1 >= argc)
      goto usage;
    else if (g_str_equal (argv[i], "--runs"))
      {
        runs = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
        runs = MAX (runs, 1);
      }
    else if (g_str_equal (argv[i], "--only"))
      only = argv[++i];
    else if (g_str_equal (argv[i], "--vendor"))
      vendor = argv[++i];
    else if (g_str_equal (argv[i], "--team"))
      team = argv[++i];
    else if (g_str_equal (argv[i], "--agent"))
      agent = argv[++i];
    else if (g_str_equal (argv[i], "--from"))
      from = argv[++i];
    else if (g_str_equal (argv[i], "--to"))
      to = argv[++i];
    else
      goto usage;
  if (!rubric_day_parse (from, &range.first) || !rubric_day_parse (to, &range.last))
    goto usage;

  start = g_get_monotonic_time ();
  if (!(db = rubric_db_open (argv[1], &error)))
    g_error ("%s", error->message);
  g_print ("opened %s in %.1f ms (%s)\n", argv[1], (g_get_monotonic_time () - start) / 1e3,
           rubric_db_is_postgres (db) ? "PostgreSQL" : "SQLite");

  if (rubric_db_is_postgres (db))
    {
      g_autoptr(RubricStmt) pid = rubric_db_prepare (db, "SELECT pg_backend_pid ()", &error);

      if (pid == NULL || rubric_stmt_step (pid) != RUBRIC_ROW)
        g_error ("pg_backend_pid: %s", error ? error->message : "no row");
      backend_pid = rubric_stmt_column_int (pid, 0);
    }

  team_week = (RubricTrendQuery) {
    .kind = RUBRIC_TREND_TEAM, .vendor = vendor, .team = team,
    .has_range = TRUE, .range = range, .by = RUBRIC_PERIOD_WEEK,
  };
  team_month = team_week;
  team_month.by = RUBRIC_PERIOD_MONTH;
  agent_week = (RubricTrendQuery) {
    .kind = RUBRIC_TREND_AGENT, .vendor = vendor, .agent = agent,
    .has_range = TRUE, .range = range, .by = RUBRIC_PERIOD_WEEK,
  };
  vendor_week = (RubricTrendQuery) {
    .kind = RUBRIC_TREND_VENDOR, .vendor = vendor,
    .has_range = TRUE, .range = range, .by = RUBRIC_PERIOD_WEEK,
  };
  args = (Args) { .query = &team_week, .vendor = vendor, .day = range.last };

  baseline = median_ms (db, run_baseline, &args, runs, "baseline");
  g_print ("%-58s %9.1f ms  (CPU here %.1f ms, server %.0f ms; %s)\n",
           "baseline: SELECT count (*), sum (score) FROM evaluations", baseline, last_cpu_ms,
           last_server_ms, (char *) g_ptr_array_index (last_rows, 0));
  g_print ("= baseline %.1f 1 0 %.1f %.0f\n", baseline, last_cpu_ms, last_server_ms);
  g_print ("%s %s..%s, median of %u runs after one warm-up:\n", vendor, from, to, runs);

  ms = median_ms (db, run_trends, &args, runs, "team-week");
  if (last_rows != NULL)
    {
      team_counts (last_rows, &team_n, &agent_rows, &team_rows);
      expected = expected_team_n (db, vendor, team, range);
    }
  else
    team_n = expected = agent_rows = team_rows = 0;
  detail = g_strdup_printf (" - %u agent rows, %u team rows, sum n %" G_GUINT64_FORMAT "%s",
                            agent_rows, team_rows, team_n,
                            team_n == expected ? " (checked)" : " (WRONG: the evaluations say other)");
  if (team_n != expected)
    g_printerr ("bench-trends: the team's rows count %" G_GUINT64_FORMAT " evaluations, the "
                "database holds %" G_GUINT64_FORMAT "\n", team_n, expected);
  report ("team-week", "trends, team of 50 agents, a year by week", ms, 100, detail);
  g_clear_pointer (&detail, g_free);

  args.query = &team_month;
  ms = median_ms (db, run_trends, &args, runs, "team-month");
  detail = last_rows ? g_strdup_printf (" - %u rows", last_rows->len) : NULL;
  report ("team-month", "trends, the same by month", ms, 100, detail);
  g_clear_pointer (&detail, g_free);

  args.query = &agent_week;
  ms = median_ms (db, run_trends, &args, runs, "agent-week");
  detail = last_rows ? g_strdup_printf (" - %u rows", last_rows->len) : NULL;
  report ("agent-week", "trends, one agent, a year by week", ms, 0, detail);
  g_clear_pointer (&detail, g_free);

  args.query = &vendor_week;
  ms = median_ms (db, run_trends, &args, runs, "vendor-week");
  detail = last_rows ? g_strdup_printf (" - %u rows", last_rows->len) : NULL;
  report ("vendor-week", "trends, the whole vendor (520 agents), a year by week", ms, 0,
          detail);
  g_clear_pointer (&detail, g_free);

  args.query = &team_week;
  ms = median_ms (db, run_criteria, &args, runs, "criteria");
  detail = last_rows ? g_strdup_printf (" - %u criteria", last_rows->len) : NULL;
  report ("criteria", "weakest criteria, the team, a year", ms, 0, detail);
  g_clear_pointer (&detail, g_free);

  ms = median_ms (db, run_reviewers, &args, runs, "reviewers");
  detail = last_rows ? g_strdup_printf (" - %u reviewers", last_rows->len) : NULL;
  report ("reviewers", "N/A rate per reviewer, the team, a year", ms, 0, detail);
  g_clear_pointer (&detail, g_free);

  ms = median_ms (db, run_resolution, &args, runs, "resolution");
  if (last_rows != NULL && last_rows->len > 0)
    {
      RubricTrendResolution *r = g_ptr_array_index (last_rows, 0);

      detail = g_strdup_printf (" - n %" G_GUINT64_FORMAT ", agreement %.1f", r->n,
                                r->has_agreement ? r->agreement : NAN);
    }
  report ("resolution", "QA resolution vs repeat contact, the team, a year", ms, 0, detail);
  g_clear_pointer (&detail, g_free);

  ms = median_ms (db, run_agents_page, &args, runs, "agents-page");
  detail = last_rows ? g_strdup_printf (" - %u agents, %u teams", last_rows->len, last_count) : NULL;
  report ("agents-page", "Agents page: summaries + teams of the vendor", ms, 300, detail);
  g_clear_pointer (&detail, g_free);

  g_clear_pointer (&last_rows, g_ptr_array_unref);
  return 0;
}
