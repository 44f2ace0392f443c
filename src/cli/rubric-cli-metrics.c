/* rubric-cli-metrics.c — rubric-cli: the phone system's side (calls, queues,
 * aggregate metrics, contracts, KPIs)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rubric-cli.h"
#include "rubric-csv.h"
#include "rubric-error.h"
#include "rubric-contract-store.h"
#include "rubric-kpis.h"
#include "rubric-metrics.h"
#include "rubric-period.h"
#include "rubric-queue-log.h"
#include "rubric-queues.h"
#include "rubric-rollups.h"

/* The first bytes of the file decide (rubric_queue_log_looks_like). */
static gboolean
looks_like_queue_log (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  char buffer[256];
  gsize n = 0;

  return stream != NULL &&
         g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, sizeof buffer, &n,
                                  NULL, NULL) &&
         rubric_queue_log_looks_like (buffer, n);
}

static void
print_event_counts (GHashTable *counts)
{
  g_autoptr(GList) names = g_hash_table_get_keys (counts);
  g_autoptr(GString) line = g_string_new (NULL);

  if (names == NULL)
    return;

  names = g_list_sort (names, (GCompareFunc) g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    {
      guint64 *count = g_hash_table_lookup (counts, l->data);

      g_string_append_printf (line, "%s%s %llu", line->len > 0 ? ", " : "",
                              (const char *) l->data, (unsigned long long) *count);
    }

  g_print (_("Other events, which make no call records: %s\n"), line->str);
}

static int
import_queue_log (Invocation *inv,
                  RubricDb   *db,
                  const char *path)
{
  g_autoptr(GError) error = NULL;
  RubricQueueLogOptions options = { 0 };
  RubricQueueLogReport report = { 0 };
  gboolean ok;

  options.vendor = option (inv, "--vendor");
  options.source = option (inv, "--source");
  options.skip_bad_lines = option (inv, "--skip-bad-lines") != NULL;

  ok = rubric_queue_log_import (db, path, &options, progress_func (), (gpointer) path,
                                &report, NULL, &error);
  progress_end ();
  if (!ok)
    return fail (error);

  g_print (_("Imported %s: %llu lines, %llu call events; %llu new calls, %llu completed, "
             "%llu already present\n"),
           path, (unsigned long long) report.lines, (unsigned long long) report.call_events,
           (unsigned long long) report.inserted, (unsigned long long) report.completed,
           (unsigned long long) report.unchanged);

  if (report.pending > 0 || report.talking > 0)
    g_print (_("Still in progress (completed by a later import of the grown log): "
               "%llu waiting in queue, %llu answered without a talk time yet\n"),
             (unsigned long long) report.pending, (unsigned long long) report.talking);

  if (report.ignored > 0)
    g_print (_("Call events that changed nothing (repeated or out of order): %llu\n"),
             (unsigned long long) report.ignored);

  print_event_counts (report.other_events);

  if (report.skipped > 0)
    {
      g_autoptr(GString) lines = g_string_new (NULL);

      for (guint i = 0; i < report.skipped_lines->len; i++)
        g_string_append_printf (lines, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "",
                                g_array_index (report.skipped_lines, gint64, i));
      if (report.skipped > report.skipped_lines->len)
        g_string_append (lines, ", …");

      g_printerr (_("rubric-cli: %s: skipped %llu malformed lines: %s\n"),
                  path, (unsigned long long) report.skipped, lines->str);
    }

  rubric_queue_log_report_clear (&report);
  return EXIT_OK;
}

int
cmd_calls (Invocation *inv,
           const char *verb)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  RubricCallImportOptions options = { 0 };
  RubricCallImportReport report = { 0 };
  const char *format = option (inv, "--format");
  const char *path;
  gboolean ok;

  if (g_strcmp0 (verb, "import") != 0)
    return fail_usage (_("calls needs import"));

  if (inv->args->len != 1)
    return fail_usage (_("calls import needs one FILE"));

  path = g_ptr_array_index (inv->args, 0);

  /* Without --format, the content decides. */
  if (format == NULL)
    format = looks_like_queue_log (path) ? "queue-log" : "csv";

  if (!g_str_equal (format, "csv") && !g_str_equal (format, "queue-log"))
    return fail_usage (_("--format must be csv or queue-log, not “%s”"), format);

  if (g_str_equal (format, "csv") && option (inv, "--skip-bad-lines"))
    return fail_usage (_("--skip-bad-lines is for queue_log files: a CSV is imported whole "
                         "or not at all"));

  if (g_str_equal (format, "queue-log") && option (inv, "--map"))
    return fail_usage (_("--map is for CSV files"));

  if (!(db = open_db (inv, &error)))
    return fail (error);

  if (g_str_equal (format, "queue-log"))
    return import_queue_log (inv, db, path);

  options.vendor = option (inv, "--vendor");
  options.source = option (inv, "--source");
  options.map = option (inv, "--map");

  ok = rubric_calls_import_csv (db, path, &options, progress_func (), (gpointer) path,
                                &report, NULL, &error);
  progress_end ();
  if (!ok)
    return fail (error);

  /* Plain %llu: xgettext cannot see through G_GUINT64_FORMAT. */
  g_print (_("Imported %s: %llu rows, %llu new calls, %llu already present\n"),
           path, (unsigned long long) report.rows, (unsigned long long) report.inserted,
           (unsigned long long) report.unchanged);
  return EXIT_OK;
}

static int
queues_map (Invocation *inv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  const char *queue;
  const char *vendor;

  if (inv->args->len != 2)
    return fail_usage (_("queues map needs QUEUE VENDOR"));

  queue = g_ptr_array_index (inv->args, 0);
  vendor = g_ptr_array_index (inv->args, 1);
  if (*queue == '\0' || *vendor == '\0')
    return fail_usage (_("queues map: the queue and the vendor must not be empty"));

  if (!(db = open_db (inv, &error)) ||
      !rubric_db_map_queue (db, queue, vendor, &error))
    return fail (error);

  g_print (_("Queue “%s” belongs to vendor “%s”: its calls in queue_logs imported from now "
             "on are the vendor’s\n"),
           queue, vendor);
  return EXIT_OK;
}

static int
queues_list (Invocation *inv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(GPtrArray) queues = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *format = option (inv, "--format");
  gboolean csv;

  if (format != NULL && !g_str_equal (format, "csv"))
    return fail_usage (_("queues list: --format must be csv"));
  csv = format != NULL;

  if (!(db = open_existing_db (inv, &error)))
    return fail (error);

  if (!(queues = rubric_queue_entries (db, &error)))
    return fail (error);

  if (csv)
    g_string_append (out, "queue,vendor,calls\r\n");

  for (guint i = 0; i < queues->len; i++)
    {
      const RubricQueueEntry *queue = g_ptr_array_index (queues, i);

      if (csv)
        {
          g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, queue->calls);
          const char *fields[] = { queue->name, queue->vendor != NULL ? queue->vendor : "",
                                   count };

          rubric_csv_append_record (out, fields, G_N_ELEMENTS (fields));
        }
      else
        g_string_append_printf (out, "%-24s %-24s %" G_GINT64_FORMAT "\n", queue->name,
                                queue->vendor != NULL ? queue->vendor : _("(not mapped)"),
                                queue->calls);
    }

  g_print ("%s", out->str);
  return EXIT_OK;
}

int
cmd_queues (Invocation *inv,
            const char *verb)
{
  if (g_strcmp0 (verb, "map") == 0)
    return queues_map (inv);
  if (g_strcmp0 (verb, "list") == 0)
    return queues_list (inv);

  return fail_usage (_("queues needs map or list"));
}

int
cmd_metrics (Invocation *inv,
             const char *verb)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  RubricMetricsImportReport report = { 0 };
  const char *path;

  if (g_strcmp0 (verb, "import") != 0)
    return fail_usage (_("metrics needs import"));
  if (inv->args->len != 1)
    return fail_usage (_("metrics import needs one FILE"));

  path = g_ptr_array_index (inv->args, 0);

  if (!(db = open_db (inv, &error)) ||
      !rubric_metrics_import (db, path, &report, &error))
    return fail (error);

  g_print (_("Imported %s: %llu aggregates, %llu new, %llu replaced, %llu unchanged\n"),
           path, (unsigned long long) report.rows, (unsigned long long) report.inserted,
           (unsigned long long) report.replaced, (unsigned long long) report.unchanged);
  return EXIT_OK;
}

static int
contract_import (Invocation *inv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(RubricContract) contract = NULL;
  const char *path;
  gboolean changed = FALSE;

  if (inv->args->len != 1)
    return fail_usage (_("contract import needs one FILE.xml"));

  path = g_ptr_array_index (inv->args, 0);

  /* The whole file is checked before the database is even opened. */
  if (!(contract = rubric_contract_new_from_file (path, &error)) ||
      !(db = open_db (inv, &error)) ||
      !rubric_contract_store_import (db, contract, &changed, &error))
    return fail (error);

  if (changed)
    g_print (_("Imported the contract of “%s” valid from %s (time zone %s)\n"),
             contract->vendor, contract->valid_from, contract->timezone);
  else
    g_print (_("The contract of “%s” valid from %s is already in the database, unchanged\n"),
             contract->vendor, contract->valid_from);
  return EXIT_OK;
}

static int
contract_export (Invocation *inv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(RubricContract) contract = NULL;
  g_autofree char *xml = NULL;
  const char *vendor;
  const char *day = option (inv, "--valid-on");

  if (inv->args->len != 1)
    return fail_usage (_("contract export needs one VENDOR"));

  vendor = g_ptr_array_index (inv->args, 0);

  if (day != NULL && !rubric_day_parse (day, &(gint32) { 0 }))
    return fail_usage (_("--valid-on: “%s” is not a day (YYYY-MM-DD)"), day);

  if (!(db = open_existing_db (inv, &error)) ||
      !(contract = rubric_contract_store_load (db, vendor, day, &error)))
    {
      if (error == NULL)
        g_set_error (&error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                     day != NULL ? _("“%s” has no contract in force on %s")
                                 : _("“%s” has no contract"),
                     vendor, day);
      return fail (error);
    }

  xml = rubric_contract_to_xml (contract);
  if (!write_output (inv, xml, &error))
    return fail (error);

  return EXIT_OK;
}

int
cmd_contract (Invocation *inv,
              const char *verb)
{
  if (g_strcmp0 (verb, "import") == 0)
    return contract_import (inv);
  if (g_strcmp0 (verb, "export") == 0)
    return contract_export (inv);

  return fail_usage (_("contract needs import or export"));
}

/* KPIs */

static void
append_kpi (GString         *out,
            const RubricKpi *kpi)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (kpi->has_value)
    g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.4f", kpi->value));
}

static void
append_kpis_csv (GString          *out,
                 const char       *vendor,
                 const RubricKpis *kpis)
{
  g_autofree char *first = rubric_day_format (kpis->range.first);
  g_autofree char *last = rubric_day_format (kpis->range.last);
  g_autoptr(GString) row = g_string_new (NULL);
  const char *fields[] = { vendor, first, last };
  guint64 counts[] = {
    kpis->offered, kpis->answered, kpis->answered_within, kpis->abandoned,
    kpis->short_abandoned, kpis->abandoned_within, kpis->other,
  };

  /* The text cells go through the CSV writer (quoting, formula safety);
   * numbers are plain C-locale text. */
  rubric_csv_append_record (row, fields, G_N_ELEMENTS (fields));
  g_string_truncate (row, row->len - 2);  /* its "\r\n" */
  g_string_append (out, row->str);

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    g_string_append_printf (out, ",%llu", (unsigned long long) counts[i]);

  g_string_append_c (out, ',');
  append_kpi (out, &kpis->service_level);
  g_string_append_c (out, ',');
  append_kpi (out, &kpis->abandon_rate);
  g_string_append_c (out, ',');
  append_kpi (out, &kpis->asa);
  g_string_append_c (out, ',');
  append_kpi (out, &kpis->aht);
  g_string_append_c (out, ',');
  append_kpi (out, &kpis->fcr);
  g_string_append_printf (out, ",%llu\r\n", (unsigned long long) kpis->fcr_n);
}

static char *
format_kpi (const RubricKpi *kpi,
            const char      *unit)
{
  if (!kpi->has_value)
    return g_strdup ("—");

  return g_strdup_printf ("%.2f%s", kpi->value, unit);
}

static void
append_kpis_text (GString          *out,
                  const RubricKpis *kpis)
{
  g_autofree char *first = rubric_day_format (kpis->range.first);
  g_autofree char *last = rubric_day_format (kpis->range.last);
  g_autofree char *sl = format_kpi (&kpis->service_level, " %");
  g_autofree char *ar = format_kpi (&kpis->abandon_rate, " %");
  g_autofree char *asa = format_kpi (&kpis->asa, " s");
  g_autofree char *aht = format_kpi (&kpis->aht, " s");
  g_autofree char *fcr = format_kpi (&kpis->fcr, " %");

  g_string_append_printf (out, "%s … %s\n", first, last);
  g_string_append_printf (out, _("  Offered %llu: answered %llu (%llu within the threshold), "
                                 "abandoned %llu (%llu within), short abandons %llu, "
                                 "other %llu\n"),
                          (unsigned long long) kpis->offered,
                          (unsigned long long) kpis->answered,
                          (unsigned long long) kpis->answered_within,
                          (unsigned long long) kpis->abandoned,
                          (unsigned long long) kpis->abandoned_within,
                          (unsigned long long) kpis->short_abandoned,
                          (unsigned long long) kpis->other);
  g_string_append_printf (out, _("  Service level %s (%.0f / %.0f)"), sl,
                          kpis->service_level.numerator, kpis->service_level.denominator);
  if (kpis->service_level.has_value)
    g_string_append_printf (out, _(", 95 %% interval %.2f–%.2f %%"),
                            kpis->service_level.low, kpis->service_level.high);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("  Abandon rate %s (%.0f / %.0f)\n"), ar,
                          kpis->abandon_rate.numerator, kpis->abandon_rate.denominator);
  g_string_append_printf (out, _("  Average speed of answer %s over %.0f answered\n"), asa,
                          kpis->asa.denominator);
  g_string_append_printf (out, _("  Average handle time %s over %.0f calls with a talk time\n"),
                          aht, kpis->aht.denominator);
  g_string_append_printf (out, _("  First-call resolution %s (%.0f / %.0f answered calls "
                                 "with a caller id)\n"),
                          fcr, kpis->fcr.numerator, kpis->fcr.denominator);
}

static gboolean
parse_uint_option (Invocation *inv,
                   const char *name,
                   guint       max,
                   gboolean   *given,
                   guint      *value,
                   int        *status)
{
  const char *text = option (inv, name);
  guint64 number;

  *given = text != NULL;
  if (text == NULL)
    return TRUE;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &number, NULL))
    {
      *status = fail_usage (_("%s must be a whole number from 0 to %u, not “%s”"),
                            name, max, text);
      return FALSE;
    }

  *value = (guint) number;
  return TRUE;
}

static gboolean
parse_day_option (Invocation *inv,
                  const char *name,
                  gint32     *day,
                  gboolean   *given,
                  int        *status)
{
  const char *text = option (inv, name);

  *given = text != NULL;
  if (text == NULL)
    return TRUE;

  if (!rubric_day_parse (text, day))
    {
      *status = fail_usage (_("%s: “%s” is not a day (YYYY-MM-DD)"), name, text);
      return FALSE;
    }

  return TRUE;
}


int
cmd_kpis (Invocation *inv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(GArray) periods = NULL;
  g_autoptr(GArray) results = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *tzid = NULL;
  RubricKpiDefinition definition;
  RubricKpiFilter filter = { 0, 0 };
  RubricPeriodKind by = RUBRIC_PERIOD_RANGE;
  RubricDayRange range = { 0, 0 };
  RubricDayRange data;
  const char *vendor = option (inv, "--vendor");
  const char *format = option (inv, "--format");
  const char *text;
  gboolean has_from, has_to, has_data, overridden = FALSE, given;
  gboolean csv;
  gint64 vendor_id;
  int status = EXIT_USAGE;

  if (inv->args->len > 0)
    return fail_usage (_("kpis takes options only"));
  if (vendor == NULL)
    return fail_usage (_("kpis needs --vendor V"));
  if (format != NULL && !g_str_equal (format, "csv"))
    return fail_usage (_("kpis: --format must be csv"));
  csv = format != NULL;

  if (!parse_day_option (inv, "--from", &range.first, &has_from, &status) ||
      !parse_day_option (inv, "--to", &range.last, &has_to, &status))
    return status;

  if ((text = option (inv, "--period")) != NULL)
    {
      if (has_from || has_to)
        return fail_usage (_("give --period or --from/--to, not both"));
      if (!rubric_period_parse (text, &range, NULL, &error))
        return fail (error);
      has_from = has_to = TRUE;
    }

  if ((text = option (inv, "--by")) != NULL && !rubric_period_kind_from_string (text, &by))
    return fail_usage (_("--by must be day, week, month, quarter or year, not “%s”"), text);

  /* Overrides of the contract's definitions, for what-if questions. */
  rubric_kpi_definition_init_default (&definition);
  if (!parse_uint_option (inv, "--threshold", RUBRIC_MAX_THRESHOLD_S, &given,
                          &definition.threshold, &status))
    return status;
  overridden |= given;
  if (!parse_uint_option (inv, "--short-abandon", RUBRIC_MAX_THRESHOLD_S, &given,
                          &definition.short_abandon, &status))
    return status;
  overridden |= given;
  if (!parse_uint_option (inv, "--repeat-days", RUBRIC_GAP_BUCKET_DAYS - 1, &given,
                          &definition.repeat_days, &status))
    return status;
  overridden |= given;
  if ((text = option (inv, "--formula")) != NULL)
    {
      if (!rubric_sl_formula_from_string (text, &definition.formula))
        return fail_usage (_("--formula must be answered, abandons-negative, abandons-ignored "
                             "or abandons-positive, not “%s”"), text);
      overridden = TRUE;
    }

  if (!(db = open_existing_db (inv, &error)))
    return fail (error);

  vendor_id = rubric_db_lookup_vendor (db, vendor, &error);
  if (vendor_id == 0)
    g_set_error (&error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND, _("there is no vendor “%s”"),
                 vendor);
  if (vendor_id <= 0)
    return fail (error);

  if ((text = option (inv, "--queue")) != NULL)
    {
      filter.queue_id = rubric_db_lookup_queue (db, text, &error);
      if (filter.queue_id == 0)
        g_set_error (&error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND, _("there is no queue “%s”"),
                     text);
      if (filter.queue_id <= 0)
        return fail (error);
    }
  if ((text = option (inv, "--agent")) != NULL)
    {
      filter.agent_id = rubric_db_lookup_agent (db, vendor_id, text, &error);
      if (filter.agent_id == 0)
        g_set_error (&error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                     _("vendor “%s” has no agent “%s”"), vendor, text);
      if (filter.agent_id <= 0)
        return fail (error);
    }

  has_data = rubric_kpis_data_range (db, vendor_id, &data, &error);
  if (error != NULL)
    return fail (error);

  if (!has_from)
    range.first = has_data ? data.first : range.last;
  if (!has_to)
    range.last = has_data ? MAX (data.last, range.first) : range.first;
  if (!has_from && has_to && has_data)
    range.first = MIN (data.first, range.last);

  if (range.first > range.last)
    return fail_usage (_("--from is after --to"));

  if (csv)
    g_string_append (out, "vendor,period_start,period_end,offered,answered,answered_within,"
                          "abandoned,short_abandoned,abandoned_within,other,service_level,"
                          "abandon_rate,asa,aht,fcr,fcr_n\r\n");

  if (!has_data && !has_from && !has_to)
    {
      if (!csv)
        g_print (_("“%s” has no call records\n"), vendor);
      g_print ("%s", out->str);
      return EXIT_OK;
    }

  if (overridden)
    {
      RubricKpiDefinition contract_definition;
      g_autoptr(RubricContract) contract = NULL;
      g_autofree char *first = rubric_day_format (range.first);

      contract = rubric_contract_store_load_for_vendor_id (db, vendor_id, first, &error);
      if (error != NULL)
        return fail (error);
      if (contract != NULL)
        rubric_kpi_definition_init_from (&contract_definition, contract);
      else
        rubric_kpi_definition_init_default (&contract_definition);

      if (option (inv, "--threshold") == NULL)
        definition.threshold = contract_definition.threshold;
      if (option (inv, "--short-abandon") == NULL)
        definition.short_abandon = contract_definition.short_abandon;
      if (option (inv, "--repeat-days") == NULL)
        definition.repeat_days = contract_definition.repeat_days;
      if (option (inv, "--formula") == NULL)
        definition.formula = contract_definition.formula;
    }

  periods = rubric_period_split (range, by);
  results = rubric_kpis_compute (db, vendor_id, periods, overridden ? &definition : NULL,
                                 &filter, &error);
  if (results == NULL)
    return fail (error);

  tzid = rubric_db_get_vendor_timezone (db, vendor_id);
  if (!csv)
    g_string_append_printf (out, _("%s (days in %s)\n"), vendor, tzid);

  for (guint i = 0; i < results->len; i++)
    {
      const RubricKpis *kpis = &g_array_index (results, RubricKpis, i);

      if (csv)
        append_kpis_csv (out, vendor, kpis);
      else
        append_kpis_text (out, kpis);
    }

  g_print ("%s", out->str);
  return EXIT_OK;
}
