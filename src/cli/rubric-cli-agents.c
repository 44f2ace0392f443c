/* rubric-cli-agents.c — `rubric-cli agents` and `rubric-cli trends` (SPEC §6,
 * §8.7, §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core does the work (rubric-agents.h, rubric-trends.h); this file reads
 * the options, refuses what makes no sense before the database is opened
 * (exit 1), and writes the rows as CSV or as a table for a person. Every
 * form goes through open_output/close_output, so -o FILE is written beside
 * the target and put in place whole, or not at all.
 */

#include "config.h"

#include <unistd.h>

#include <glib/gi18n.h>

#include "rubric-agents.h"
#include "rubric-cli.h"
#include "rubric-csv.h"
#include "rubric-error.h"
#include "rubric-trends.h"

/* The category columns every trend CSV has, in this order (SPEC §9). */
static const char * const fixed_categories[] = {
  "resolution", "ownership", "policy", "documentation",
};

/* Text padded with spaces to @width characters (not bytes), for tables. */
static void
append_padded (GString    *out,
               const char *text,
               guint       width)
{
  glong length = g_utf8_strlen (text != NULL ? text : "", -1);

  g_string_append (out, text != NULL ? text : "");
  for (glong i = length; i < (glong) width; i++)
    g_string_append_c (out, ' ');
  g_string_append_c (out, ' ');
}

static char *
format_number (gboolean has_value,
               double   value)
{
  return has_value ? g_strdup_printf ("%.2f", value) : g_strdup ("");
}

static char *
format_count (guint64 value)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
}

/* A record of owned strings (freed with @fields). */
static void
append_fields (GString   *out,
               GPtrArray *fields)
{
  rubric_csv_append_record (out, (const char * const *) fields->pdata, fields->len);
}

/* Ends an output opened with open_output: a write that failed under us is
 * an I/O error (exit 3), whatever domain it came in. */
static int
finish_output (GOutputStream *out,
               RubricOutput  *file,
               gboolean       ok,
               GError       **error)
{
  if (!close_output (out, file, ok, error))
    {
      if (*error != NULL && (*error)->domain != RUBRIC_ERROR &&
          !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          (*error)->domain = RUBRIC_ERROR;
          (*error)->code = RUBRIC_ERROR_IO;
        }
      return fail (*error);
    }
  return EXIT_OK;
}

/* @text whole to the output. */
static int
write_text (Invocation *inv,
            GString    *text)
{
  g_autoptr(GError) error = NULL;
  RubricOutput *file = NULL;
  GOutputStream *out;
  gboolean ok;

  if (!(out = open_output (inv, &file, &error)))
    return fail (error);

  ok = g_output_stream_write_all (out, text->str, text->len, NULL, NULL, &error);
  return finish_output (out, file, ok, &error);
}

/* --format csv or text (the table, also without --format). */
static gboolean
parse_csv_format (Invocation *inv,
                  gboolean   *csv,
                  int        *status)
{
  const char *format = option (inv, "--format");

  *csv = g_strcmp0 (format, "csv") == 0;
  if (format != NULL && !*csv && !g_str_equal (format, "text"))
    {
      *status = fail_usage (_("--format must be csv or text"));
      return FALSE;
    }
  return TRUE;
}

/* ---- agents ------------------------------------------------------------ */

static int
agents_import (Invocation *inv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(GFile) file = NULL;
  const char *path;
  guint added = 0, changed = 0;

  if (inv->args->len != 1)
    return fail_usage (_("agents import needs one FILE"));

  path = g_ptr_array_index (inv->args, 0);
  file = g_file_new_for_path (path);

  if (!(db = open_db (inv, &error)) ||
      !rubric_agents_import (db, file, &added, &changed, NULL, &error))
    return fail (error);

  g_print (_("Imported %s: %u agents added, %u changed\n"), path, added, changed);
  return EXIT_OK;
}

static int
agents_list (Invocation *inv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(GPtrArray) agents = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean csv;
  int status;

  if (inv->args->len != 0)
    return fail_usage (_("agents list takes no arguments"));
  if (!parse_csv_format (inv, &csv, &status))
    return status;

  if (!(db = open_existing_db (inv, &error)) ||
      !(agents = rubric_agents_list (db, option (inv, "--vendor"), option (inv, "--team"),
                                     &error)))
    return fail (error);

  if (csv)
    g_string_append (out, "vendor,agent,name,team,calls,evaluations\r\n");
  else if (agents->len > 0)
    {
      append_padded (out, C_("table heading", "Vendor"), 20);
      append_padded (out, C_("table heading", "Agent"), 16);
      append_padded (out, C_("table heading", "Name"), 24);
      append_padded (out, C_("table heading", "Team"), 16);
      g_string_append_printf (out, "%8s %11s\n", C_("table heading", "Calls"), C_("table heading", "Evaluations"));
    }

  for (guint i = 0; i < agents->len; i++)
    {
      const RubricAgent *agent = g_ptr_array_index (agents, i);
      g_autofree char *calls = format_count (agent->calls);
      g_autofree char *evaluations = format_count (agent->evaluations);

      if (csv)
        {
          const char *fields[] = {
            agent->vendor, agent->agent, agent->name != NULL ? agent->name : "",
            agent->team != NULL ? agent->team : "", calls, evaluations,
          };

          rubric_csv_append_record (out, fields, G_N_ELEMENTS (fields));
        }
      else
        {
          append_padded (out, agent->vendor, 20);
          append_padded (out, agent->agent, 16);
          append_padded (out, agent->name, 24);
          append_padded (out, agent->team, 16);
          g_string_append_printf (out, "%8s %11s\n", calls, evaluations);
        }
    }

  return write_text (inv, out);
}

int
cmd_agents (Invocation *inv,
            const char *verb)
{
  if (g_strcmp0 (verb, "import") == 0)
    return agents_import (inv);
  if (g_strcmp0 (verb, "list") == 0)
    return agents_list (inv);

  return fail_usage (_("agents needs import or list"));
}

/* Ends a table line without the spaces empty cells left at its end. */
static void
end_line (GString *out)
{
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
}

/* ---- trends ------------------------------------------------------------ */

typedef enum
{
  REPORT_TREND,
  REPORT_CRITERIA,
  REPORT_REVIEWERS,
  REPORT_RESOLUTION,
} Report;

/* Reads the scope, the range and --by into @query (strings borrowed from
 * @inv). FALSE with *@status set on a usage error. */
static gboolean
parse_query (Invocation       *inv,
             Report            report,
             RubricTrendQuery *query,
             int              *status)
{
  const char *agent = option (inv, "--agent");
  const char *team = option (inv, "--team");
  const char *vendor = option (inv, "--vendor");
  const char *from = option (inv, "--from");
  const char *to = option (inv, "--to");
  const char *by = option (inv, "--by");

  memset (query, 0, sizeof *query);

  if ((agent != NULL && team != NULL) || (agent == NULL && team == NULL && vendor == NULL))
    {
      *status = fail_usage (_("trends needs one of --agent A, --team T or --vendor V "
                              "(--vendor may go with the other two)"));
      return FALSE;
    }
  if ((agent != NULL && *agent == '\0') || (team != NULL && *team == '\0') ||
      (vendor != NULL && *vendor == '\0'))
    {
      *status = fail_usage (_("--agent, --team and --vendor need a name"));
      return FALSE;
    }

  query->kind = agent != NULL ? RUBRIC_TREND_AGENT
              : team != NULL ? RUBRIC_TREND_TEAM : RUBRIC_TREND_VENDOR;
  query->agent = agent;
  query->team = team;
  query->vendor = vendor;

  if ((from == NULL) != (to == NULL))
    {
      *status = fail_usage (_("--from and --to go together"));
      return FALSE;
    }
  if (from != NULL)
    {
      if (!rubric_day_parse (from, &query->range.first))
        {
          *status = fail_usage (_("%s: “%s” is not a day (YYYY-MM-DD)"), "--from", from);
          return FALSE;
        }
      if (!rubric_day_parse (to, &query->range.last))
        {
          *status = fail_usage (_("%s: “%s” is not a day (YYYY-MM-DD)"), "--to", to);
          return FALSE;
        }
      if (query->range.first > query->range.last)
        {
          *status = fail_usage (_("--from is after --to"));
          return FALSE;
        }
      query->has_range = TRUE;
    }

  query->by = RUBRIC_PERIOD_WEEK;
  if (by != NULL)
    {
      if (report != REPORT_TREND)
        {
          *status = fail_usage (_("--by is for the score trend only"));
          return FALSE;
        }
      if (g_str_equal (by, "month"))
        query->by = RUBRIC_PERIOD_MONTH;
      else if (!g_str_equal (by, "week"))
        {
          *status = fail_usage (_("--by must be week or month, not “%s”"), by);
          return FALSE;
        }
    }

  return TRUE;
}

static char *
category_value (const RubricTrendRow *row,
                const char           *key)
{
  for (guint i = 0; row->categories != NULL && i < row->categories->len; i++)
    {
      const RubricQaCategory *category = g_ptr_array_index (row->categories, i);

      if (g_str_equal (category->key, key))
        return format_number (category->mean.has_mean, category->mean.mean);
    }
  return g_strdup ("");
}

static void
append_trend_csv (GString   *out,
                  GPtrArray *rows)
{
  g_autoptr(GPtrArray) keys = rubric_trends_category_keys (rows);
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();

  g_string_append (out, "vendor,agent,team,period_start,period_end,n,score,ci_low,ci_high,"
                        "moving_avg,team_score,team_n");
  for (guint i = 0; i < G_N_ELEMENTS (fixed_categories); i++)
    g_ptr_array_add (columns, (gpointer) fixed_categories[i]);
  for (guint i = 0; i < keys->len; i++)
    if (!g_strv_contains (fixed_categories, g_ptr_array_index (keys, i)) &&
        !g_ptr_array_find_with_equal_func (columns, g_ptr_array_index (keys, i), g_str_equal,
                                           NULL))
      g_ptr_array_add (columns, g_ptr_array_index (keys, i));
  for (guint i = 0; i < columns->len; i++)
    {
      g_autofree char *name = g_strconcat ("score_", g_ptr_array_index (columns, i), NULL);

      g_string_append_c (out, ',');
      rubric_csv_append_field (out, name);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < rows->len; i++)
    {
      const RubricTrendRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (fields, g_strdup (row->vendor));
      g_ptr_array_add (fields, g_strdup (row->agent != NULL ? row->agent : ""));
      g_ptr_array_add (fields, g_strdup (row->team != NULL ? row->team : ""));
      g_ptr_array_add (fields, rubric_day_format (row->range.first));
      g_ptr_array_add (fields, rubric_day_format (row->range.last));
      g_ptr_array_add (fields, format_count (row->score.n));
      g_ptr_array_add (fields, format_number (row->score.has_mean, row->score.mean));
      g_ptr_array_add (fields, format_number (row->score.has_ci, row->score.low));
      g_ptr_array_add (fields, format_number (row->score.has_ci, row->score.high));
      g_ptr_array_add (fields, format_number (row->has_moving_avg, row->moving_avg));
      g_ptr_array_add (fields, format_number (row->has_team_score, row->team_score));
      g_ptr_array_add (fields, format_count (row->team_n));
      for (guint c = 0; c < columns->len; c++)
        g_ptr_array_add (fields, category_value (row, g_ptr_array_index (columns, c)));
      append_fields (out, fields);
    }
}

/* The rows of one agent, team or vendor under a heading of their own. */
static void
append_trend_text (GString   *out,
                   GPtrArray *rows)
{
  const RubricTrendRow *group = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      const RubricTrendRow *row = g_ptr_array_index (rows, i);
      g_autofree char *first = rubric_day_format (row->range.first);
      g_autofree char *last = rubric_day_format (row->range.last);
      g_autofree char *period = g_strdup_printf ("%s … %s", first, last);
      g_autofree char *n = format_count (row->score.n);
      g_autofree char *score = format_number (row->score.has_mean, row->score.mean);
      g_autofree char *ci = NULL;
      g_autofree char *moving = format_number (row->has_moving_avg, row->moving_avg);
      g_autofree char *team = NULL;

      if (group == NULL || g_strcmp0 (group->vendor, row->vendor) != 0 ||
          g_strcmp0 (group->agent, row->agent) != 0 || g_strcmp0 (group->team, row->team) != 0)
        {
          if (group != NULL)
            g_string_append_c (out, '\n');
          group = row;
          if (row->agent != NULL && row->agent_name != NULL)
            g_string_append_printf (out, _("%s, agent %s (%s)"), row->vendor, row->agent,
                                    row->agent_name);
          else if (row->agent != NULL)
            g_string_append_printf (out, _("%s, agent %s"), row->vendor, row->agent);
          else if (row->team != NULL)
            g_string_append_printf (out, _("%s, team %s"), row->vendor, row->team);
          else
            g_string_append (out, row->vendor);
          if (row->agent != NULL && row->team != NULL)
            g_string_append_printf (out, _(", team %s"), row->team);
          g_string_append_c (out, '\n');

          g_string_append (out, "  ");
          append_padded (out, C_("table heading", "Period"), 24);
          g_string_append_printf (out, "%5s ", C_("table heading", "n"));
          append_padded (out, C_("table heading", "Score"), 7);
          {
            g_autofree char *interval = g_strdup_printf (C_("table heading", "95 %% interval"));

            append_padded (out, interval, 14);
          }
          append_padded (out, C_("table heading", "Moving avg"), 10);
          if (row->agent != NULL)
            g_string_append (out, C_("table heading", "Team (n)"));
          end_line (out);
        }

      ci = row->score.has_ci ? g_strdup_printf ("%.2f–%.2f", row->score.low, row->score.high)
                             : g_strdup ("");
      team = row->agent != NULL && row->has_team_score
             ? g_strdup_printf ("%.2f (%" G_GUINT64_FORMAT ")", row->team_score, row->team_n)
             : g_strdup ("");

      g_string_append (out, "  ");
      append_padded (out, period, 24);
      g_string_append_printf (out, "%5s ", n);
      append_padded (out, score, 7);
      append_padded (out, ci, 14);
      append_padded (out, moving, 10);
      g_string_append (out, team);
      end_line (out);
    }
}

static void
append_criteria (GString   *out,
                 GPtrArray *criteria,
                 gboolean   csv)
{
  if (csv)
    g_string_append (out, "scorecard,criterion,category,answers,failures,failure_rate\r\n");
  else if (criteria->len > 0)
    {
      append_padded (out, C_("table heading", "Scorecard"), 20);
      append_padded (out, C_("table heading", "Criterion"), 20);
      append_padded (out, C_("table heading", "Category"), 14);
      g_string_append_printf (out, "%8s %8s %12s\n", C_("table heading", "Answers"), C_("table heading", "Failures"),
                              C_("table heading", "Failure rate"));
    }

  for (guint i = 0; i < criteria->len; i++)
    {
      const RubricTrendCriterion *criterion = g_ptr_array_index (criteria, i);
      g_autofree char *answers = format_count (criterion->answers);
      g_autofree char *failures = format_count (criterion->failures);
      g_autofree char *rate = format_number (criterion->has_failure_rate,
                                             criterion->failure_rate);

      if (csv)
        {
          const char *fields[] = {
            criterion->scorecard, criterion->criterion,
            criterion->category != NULL ? criterion->category : "", answers, failures, rate,
          };

          rubric_csv_append_record (out, fields, G_N_ELEMENTS (fields));
        }
      else
        {
          append_padded (out, criterion->scorecard, 20);
          append_padded (out, criterion->criterion, 20);
          append_padded (out, criterion->category, 14);
          g_string_append_printf (out, "%8s %8s %12s\n", answers, failures, rate);
        }
    }
}

static void
append_reviewers (GString   *out,
                  GPtrArray *reviewers,
                  gboolean   csv)
{
  if (csv)
    g_string_append (out, "reviewer,evaluations,answers,na,na_rate,mean_score\r\n");
  else if (reviewers->len > 0)
    {
      append_padded (out, C_("table heading", "Reviewer"), 20);
      g_string_append_printf (out, "%11s %8s %6s %8s %10s\n", C_("table heading", "Evaluations"), C_("table heading", "Answers"),
                              C_("table heading", "N/A"), C_("table heading", "N/A rate"), C_("table heading", "Mean score"));
    }

  for (guint i = 0; i < reviewers->len; i++)
    {
      const RubricTrendReviewer *reviewer = g_ptr_array_index (reviewers, i);
      g_autofree char *evaluations = format_count (reviewer->evaluations);
      g_autofree char *answers = format_count (reviewer->answers);
      g_autofree char *na = format_count (reviewer->na);
      g_autofree char *rate = format_number (reviewer->has_na_rate, reviewer->na_rate);
      g_autofree char *mean = format_number (reviewer->mean_score.has_mean,
                                             reviewer->mean_score.mean);

      if (csv)
        {
          const char *fields[] = {
            reviewer->reviewer != NULL ? reviewer->reviewer : "", evaluations, answers, na, rate,
            mean,
          };

          rubric_csv_append_record (out, fields, G_N_ELEMENTS (fields));
        }
      else
        {
          append_padded (out, reviewer->reviewer != NULL && *reviewer->reviewer != '\0'
                              ? reviewer->reviewer : C_("table heading", "(no reviewer)"), 20);
          g_string_append_printf (out, "%11s %8s %6s %8s %10s\n", evaluations, answers, na,
                                  rate, mean);
        }
    }
}

static void
append_resolution (GString   *out,
                   GPtrArray *vendors,
                   gboolean   csv)
{
  if (csv)
    g_string_append (out, "vendor,n,both_resolved,both_unresolved,qa_only,fcr_only,agreement,"
                          "kappa\r\n");
  else if (vendors->len > 0)
    {
      append_padded (out, C_("table heading", "Vendor"), 20);
      g_string_append_printf (out, "%6s %9s %11s %8s %9s %10s %8s\n", C_("table heading", "n"), C_("table heading", "Both yes"),
                              C_("table heading", "Both no"), C_("table heading", "QA only"), C_("table heading", "FCR only"), C_("table heading", "Agreement"),
                              C_("table heading", "Kappa"));
    }

  for (guint i = 0; i < vendors->len; i++)
    {
      const RubricTrendResolution *row = g_ptr_array_index (vendors, i);
      g_autofree char *n = format_count (row->n);
      g_autofree char *both = format_count (row->both_resolved);
      g_autofree char *neither = format_count (row->both_unresolved);
      g_autofree char *qa = format_count (row->qa_only);
      g_autofree char *fcr = format_count (row->fcr_only);
      g_autofree char *agreement = format_number (row->has_agreement, row->agreement);
      g_autofree char *kappa = row->has_kappa ? g_strdup_printf ("%.4f", row->kappa)
                                              : g_strdup ("");

      if (csv)
        {
          const char *fields[] = { row->vendor, n, both, neither, qa, fcr, agreement, kappa };

          rubric_csv_append_record (out, fields, G_N_ELEMENTS (fields));
        }
      else
        {
          append_padded (out, row->vendor, 20);
          g_string_append_printf (out, "%6s %9s %11s %8s %9s %10s %8s\n", n, both, neither, qa,
                                  fcr, agreement, kappa);
        }
    }
}

/* trends --agent A --format pdf -o FILE: the coaching report. */
static int
trends_pdf (Invocation             *inv,
            const RubricTrendQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  RubricOutput *file = NULL;
  GOutputStream *out;
  gboolean ok;

  if (!(db = open_existing_db (inv, &error)))
    return fail (error);

  /* An unknown or ambiguous agent is said before the output is opened:
   * -o FILE is then neither touched nor made. */
  if (!(rows = rubric_trends_compute (db, query, &error)))
    return fail (error);

  if (!(out = open_output (inv, &file, &error)))
    return fail (error);

  ok = rubric_trends_write_coaching_pdf (db, query, out, NULL, &error);
  return finish_output (out, file, ok, &error);
}

int
cmd_trends (Invocation *inv,
            const char *verb)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *format = option (inv, "--format");
  const char *output = option (inv, "-o") ? option (inv, "-o") : option (inv, "--output");
  RubricTrendQuery query;
  Report report;
  gboolean csv = FALSE, pdf = FALSE;
  int status;

  if (verb == NULL)
    report = REPORT_TREND;
  else if (g_str_equal (verb, "criteria"))
    report = REPORT_CRITERIA;
  else if (g_str_equal (verb, "reviewers"))
    report = REPORT_REVIEWERS;
  else if (g_str_equal (verb, "resolution"))
    report = REPORT_RESOLUTION;
  else
    return fail_usage (_("trends takes criteria, reviewers, resolution or options only, "
                         "not “%s”"), verb);

  if (inv->args->len > 0)
    return fail_usage (_("trends takes options only"));

  if (format != NULL)
    {
      csv = g_str_equal (format, "csv");
      pdf = g_str_equal (format, "pdf");
      if (!csv && !pdf && !g_str_equal (format, "text"))
        return fail_usage ("%s", report == REPORT_TREND ? _("--format must be csv, text or pdf")
                                                        : _("--format must be csv or text"));
      if (pdf && report != REPORT_TREND)
        return fail_usage (_("--format must be csv or text"));
    }
  else if (report == REPORT_TREND && output != NULL && g_str_has_suffix (output, ".pdf"))
    pdf = TRUE;

  if (!parse_query (inv, report, &query, &status))
    return status;

  if (pdf)
    {
      if (query.kind != RUBRIC_TREND_AGENT)
        return fail_usage (_("the coaching report is about one agent: give --agent A"));
      if ((output == NULL || g_str_equal (output, "-")) && isatty (STDOUT_FILENO))
        return fail_usage (_("a PDF is not written to a terminal: give -o FILE.pdf"));
      return trends_pdf (inv, &query);
    }

  if (!(db = open_existing_db (inv, &error)))
    return fail (error);

  switch (report)
    {
    case REPORT_TREND:
      if (!(rows = rubric_trends_compute (db, &query, &error)))
        return fail (error);
      if (csv)
        append_trend_csv (out, rows);
      else
        append_trend_text (out, rows);
      break;
    case REPORT_CRITERIA:
      if (!(rows = rubric_trends_criteria (db, &query, &error)))
        return fail (error);
      append_criteria (out, rows, csv);
      break;
    case REPORT_REVIEWERS:
      if (!(rows = rubric_trends_reviewers (db, &query, &error)))
        return fail (error);
      append_reviewers (out, rows, csv);
      break;
    case REPORT_RESOLUTION:
    default:
      if (!(rows = rubric_trends_resolution (db, &query, &error)))
        return fail (error);
      append_resolution (out, rows, csv);
      break;
    }

  return write_text (inv, out);
}
