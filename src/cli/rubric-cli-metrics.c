/* rubric-cli-metrics.c — rubric-cli: the phone system's side (calls, queues,
 * aggregate metrics, contracts, KPIs)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "rubric-cli.h"
#include "rubric-csv.h"
#include "rubric-error.h"
#include "rubric-queue-log.h"

/* A file is a queue_log when its first non-blank line starts with epoch
 * seconds and a bar: no call-record CSV header does. */
static gboolean
looks_like_queue_log (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  char buffer[256];
  gssize n;
  gssize i = 0;

  if (stream == NULL)
    return FALSE;

  n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer - 1, NULL, NULL);
  if (n <= 0)
    return FALSE;

  while (i < n && g_ascii_isspace (buffer[i]))
    i++;
  if (i == n || !g_ascii_isdigit (buffer[i]))
    return FALSE;
  while (i < n && g_ascii_isdigit (buffer[i]))
    i++;

  return i < n && buffer[i] == '|';
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
                  const char *path,
                  gboolean    show_progress)
{
  g_autoptr(GError) error = NULL;
  RubricQueueLogOptions options = { 0 };
  RubricQueueLogReport report = { 0 };
  gboolean ok;

  options.vendor = option (inv, "--vendor");
  options.source = option (inv, "--source");
  options.skip_bad_lines = option (inv, "--skip-bad-lines") != NULL;

  ok = rubric_queue_log_import (db, path, &options,
                                show_progress ? progress_cb : NULL, (gpointer) path,
                                &report, NULL, &error);
  if (show_progress)
    g_printerr ("\r\033[K");
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
  gboolean show_progress = isatty (STDERR_FILENO);
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
    return import_queue_log (inv, db, path, show_progress);

  options.vendor = option (inv, "--vendor");
  options.source = option (inv, "--source");
  options.map = option (inv, "--map");

  ok = rubric_calls_import_csv (db, path, &options,
                                show_progress ? progress_cb : NULL, (gpointer) path,
                                &report, NULL, &error);
  if (show_progress)
    g_printerr ("\r\033[K");
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *queue;
  const char *vendor;
  gint64 queue_id;
  gint64 vendor_id;

  if (inv->args->len != 2)
    return fail_usage (_("queues map needs QUEUE VENDOR"));

  queue = g_ptr_array_index (inv->args, 0);
  vendor = g_ptr_array_index (inv->args, 1);
  if (*queue == '\0' || *vendor == '\0')
    return fail_usage (_("queues map: the queue and the vendor must not be empty"));

  if (!(db = open_db (inv, &error)) ||
      !rubric_db_begin (db, &error))
    return fail (error);

  if ((queue_id = rubric_db_ensure_queue (db, queue, &error)) < 0 ||
      (vendor_id = rubric_db_ensure_vendor (db, vendor, &error)) < 0 ||
      !(stmt = rubric_db_prepare (db, "UPDATE queues SET vendor_id = ?2 WHERE id = ?1", &error)))
    {
      rubric_db_rollback (db);
      return fail (error);
    }

  sqlite3_bind_int64 (stmt, 1, queue_id);
  sqlite3_bind_int64 (stmt, 2, vendor_id);
  if (!rubric_db_step_done (db, stmt, &error) || !rubric_db_commit (db, &error))
    {
      rubric_db_rollback (db);
      return fail (error);
    }

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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *format = option (inv, "--format");
  gboolean csv;
  int rc;

  if (format != NULL && !g_str_equal (format, "csv"))
    return fail_usage (_("queues list: --format must be csv"));
  csv = format != NULL;

  if (!(db = open_existing_db (inv, &error)))
    return fail (error);

  stmt = rubric_db_prepare (db,
                            "SELECT q.name, v.name,"
                            "  (SELECT count (*) FROM calls AS c WHERE c.queue_id = q.id)"
                            " FROM queues AS q LEFT JOIN vendors AS v ON v.id = q.vendor_id"
                            " ORDER BY q.name",
                            &error);
  if (stmt == NULL)
    return fail (error);

  if (csv)
    g_string_append (out, "queue,vendor,calls\r\n");

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *queue = (const char *) sqlite3_column_text (stmt, 0);
      const char *vendor = (const char *) sqlite3_column_text (stmt, 1);
      gint64 calls = sqlite3_column_int64 (stmt, 2);

      if (csv)
        {
          g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, calls);
          const char *fields[] = { queue, vendor != NULL ? vendor : "", count };

          rubric_csv_append_record (out, fields, G_N_ELEMENTS (fields));
        }
      else
        g_string_append_printf (out, "%-24s %-24s %" G_GINT64_FORMAT "\n", queue,
                                vendor != NULL ? vendor : _("(not mapped)"), calls);
    }

  if (rc != SQLITE_DONE)
    {
      rubric_db_set_error (db, &error);
      return fail (error);
    }

  fwrite (out->str, 1, out->len, stdout);
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
