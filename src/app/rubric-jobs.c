/* rubric-jobs.c — the app's long work in worker threads: imports and exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every job opens its own connection to the database file, so the window's
 * connection stays free and the window never waits for it; SQLite's WAL
 * lets the window read while a job writes. The core functions they run are
 * the synchronous ones the CLI and the core tests use.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rubric-contract-store.h"
#include "rubric-db-task.h"
#include "rubric-error.h"
#include "rubric-jobs.h"
#include "rubric-output.h"
#include "rubric-queue-log.h"
#include "rubric-scorecard-store.h"

/* --------------------------------------------------------------- detect */

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p;
}

/* The name of the root element of the XML that starts at @p. */
static RubricImportKind
detect_xml (const char *p,
            const char *end)
{
  while (p < end)
    {
      const char *close;
      const char *name;
      gsize length = 0;

      p = skip_space (p, end);
      if (p >= end || *p != '<')
        return RUBRIC_IMPORT_UNKNOWN;

      /* Declarations, comments and processing instructions come first. */
      if (p + 1 < end && (p[1] == '?' || p[1] == '!'))
        {
          const char *stop = p[1] == '?' ? "?>" : ">";

          if (p + 3 < end && p[2] == '-' && p[3] == '-')
            stop = "-->";
          close = g_strstr_len (p, end - p, stop);
          if (close == NULL)
            return RUBRIC_IMPORT_UNKNOWN;
          p = close + strlen (stop);
          continue;
        }

      name = p + 1;
      while (name + length < end && !g_ascii_isspace (name[length]) &&
             name[length] != '>' && name[length] != '/')
        length++;
      /* A namespace prefix does not change what the element is. */
      for (gsize i = 0; i < length; i++)
        if (name[i] == ':')
          {
            name += i + 1;
            length -= i + 1;
            break;
          }

      if (length == strlen ("evaluations") && memcmp (name, "evaluations", length) == 0)
        return RUBRIC_IMPORT_EVALUATIONS;
      if (length == strlen ("scorecard") && memcmp (name, "scorecard", length) == 0)
        return RUBRIC_IMPORT_SCORECARD;
      if (length == strlen ("contract") && memcmp (name, "contract", length) == 0)
        return RUBRIC_IMPORT_CONTRACT;
      return RUBRIC_IMPORT_UNKNOWN;
    }

  return RUBRIC_IMPORT_UNKNOWN;
}

RubricImportKind
rubric_import_detect (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  char buffer[4096];
  const char *p = buffer;
  const char *end;
  gsize n = 0;

  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, sizeof buffer, &n, NULL, NULL))
    return RUBRIC_IMPORT_UNKNOWN;

  end = buffer + n;
  if (n >= 3 && memcmp (buffer, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  p = skip_space (p, end);

  if (p < end && *p == '<')
    return detect_xml (p, end);

  if (rubric_queue_log_looks_like (p, (gsize) (end - p)))
    return RUBRIC_IMPORT_QUEUE_LOG;

  return RUBRIC_IMPORT_CALLS;
}

/* --------------------------------------------------------------- import */

typedef struct
{
  char             *path;
  char             *name;     /* the file's, for the summary */
  char             *who;
  RubricImportKind  kind;
  char             *summary;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *self = data;

  g_free (self->path);
  g_free (self->name);
  g_free (self->who);
  g_free (self->summary);
  g_free (self);
}

static char *
count_text (guint64 n)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
}

static char *
import_calls (RubricDb      *db,
              ImportData    *data,
              GTask         *task,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *inserted = NULL;
  g_autofree char *unchanged = NULL;
  RubricCallImportReport report = { 0 };

  if (!rubric_calls_import_csv (db, data->path, NULL, rubric_db_task_progress, task, &report,
                                cancellable, error))
    return NULL;

  inserted = count_text (report.inserted);
  unchanged = count_text (report.unchanged);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s: %s new call, %s already there",
                                       "%s: %s new calls, %s already there",
                                       report.inserted),
                          data->name, inserted, unchanged);
}

static char *
import_queue_log (RubricDb      *db,
                  ImportData    *data,
                  GTask         *task,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *inserted = NULL;
  g_autofree char *completed = NULL;
  RubricQueueLogReport report = { 0 };
  char *summary;

  if (!rubric_queue_log_import (db, data->path, NULL, rubric_db_task_progress, task, &report,
                                cancellable, error))
    return NULL;

  inserted = count_text (report.inserted);
  completed = count_text (report.completed);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s: %s new call, %s completed",
                                          "%s: %s new calls, %s completed",
                                          report.inserted),
                             data->name, inserted, completed);
  rubric_queue_log_report_clear (&report);

  return summary;
}

static char *
import_evaluations (RubricDb    *db,
                    ImportData  *data,
                    GError     **error)
{
  RubricEvaluationImportReport report = { 0 };

  if (!rubric_evaluation_store_import (db, data->path, data->who, &report, error))
    return NULL;

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s: %u new evaluation, %u replaced, %u kept",
                                       "%s: %u new evaluations, %u replaced, %u kept",
                                       report.added),
                          data->name, report.added, report.replaced, report.kept);
}

static char *
import_scorecard (RubricDb    *db,
                  ImportData  *data,
                  GError     **error)
{
  g_autoptr(RubricScorecard) scorecard = NULL;
  RubricScorecardImport result;
  const char *title;

  if (!rubric_scorecard_store_import (db, data->path, &scorecard, &result, error))
    return NULL;

  title = rubric_scorecard_get_title (scorecard);
  switch (result)
    {
    case RUBRIC_SCORECARD_ADDED:
      return g_strdup_printf (_("Added the scorecard “%s”"), title);
    case RUBRIC_SCORECARD_NEW_VERSION:
      return g_strdup_printf (_("Added version %d of the scorecard “%s”"),
                              scorecard->version, title);
    case RUBRIC_SCORECARD_UNCHANGED:
    default:
      return g_strdup_printf (_("The scorecard “%s” is already there, as version %d"),
                              title, scorecard->version);
    }
}

static char *
import_contract (RubricDb    *db,
                 ImportData  *data,
                 GError     **error)
{
  g_autoptr(RubricContract) contract = NULL;
  gboolean changed = FALSE;

  contract = rubric_contract_new_from_file (data->path, error);
  if (contract == NULL || !rubric_contract_store_import (db, contract, &changed, error))
    return NULL;

  if (!changed)
    return g_strdup_printf (_("The contract of “%s” is already there"), contract->vendor);
  if (g_str_equal (contract->valid_from, RUBRIC_CONTRACT_ALWAYS))
    return g_strdup_printf (_("Imported the contract of “%s”"), contract->vendor);
  /* Translators: a vendor's name and the day its contract starts */
  return g_strdup_printf (_("Imported the contract of “%s”, valid from %s"), contract->vendor,
                          contract->valid_from);
}

static gboolean
import_work (GTask         *task,
             RubricDb      *db,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  ImportData *data = task_data;

  /* How far an XML import got is not known: the window pulses. */
  if (data->kind == RUBRIC_IMPORT_EVALUATIONS || data->kind == RUBRIC_IMPORT_SCORECARD ||
      data->kind == RUBRIC_IMPORT_CONTRACT)
    rubric_db_task_progress (-1, task);

  switch (data->kind)
    {
    case RUBRIC_IMPORT_CALLS:
      data->summary = import_calls (db, data, task, cancellable, error);
      break;
    case RUBRIC_IMPORT_QUEUE_LOG:
      data->summary = import_queue_log (db, data, task, cancellable, error);
      break;
    case RUBRIC_IMPORT_EVALUATIONS:
      data->summary = import_evaluations (db, data, error);
      break;
    case RUBRIC_IMPORT_SCORECARD:
      data->summary = import_scorecard (db, data, error);
      break;
    case RUBRIC_IMPORT_CONTRACT:
      data->summary = import_contract (db, data, error);
      break;
    case RUBRIC_IMPORT_UNKNOWN:
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: not a file Rubric imports (call records in CSV, an Asterisk "
                     "queue_log, evaluations, a scorecard or a contract in XML)"), data->path);
      break;
    }

  return data->summary != NULL;
}

void
rubric_import_async (RubricDb            *db,
                     const char          *path,
                     const char          *who,
                     RubricProgressFunc   progress,
                     gpointer             progress_data,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (db != NULL);
  g_return_if_fail (path != NULL);

  data = g_new0 (ImportData, 1);
  data->path = g_strdup (path);
  data->name = g_path_get_basename (path);
  data->who = g_strdup (who);
  data->kind = rubric_import_detect (path);

  task = rubric_db_task_new (db, RUBRIC_DB_TASK_OPEN, rubric_import_async, cancellable,
                             callback, user_data);
  rubric_db_task_set_progress (task, progress, progress_data);
  /* Scorecards and evaluations are parsed whole before anything is
   * written, and cannot be stopped half-way: only the streams can. */
  g_task_set_return_on_cancel (task, FALSE);
  rubric_db_task_run (task, import_work, data, import_data_free);
}

char *
rubric_import_finish (GAsyncResult      *result,
                      RubricImportKind  *kind,
                      GError           **error)
{
  ImportData *data = rubric_db_task_get_data (result);

  g_return_val_if_fail (data != NULL, NULL);

  if (kind != NULL)
    *kind = data->kind;

  if (!rubric_db_task_propagate (result, rubric_import_async, error))
    return NULL;

  return g_strdup (data->summary);
}

/* ------------------------------------------------------ unmapped queues */

typedef struct
{
  char      *path;
  GPtrArray *queues;
} ScanData;

static void
scan_data_free (gpointer data)
{
  ScanData *self = data;

  g_free (self->path);
  g_clear_pointer (&self->queues, g_ptr_array_unref);
  g_free (self);
}

static gboolean
scan_work (GTask         *task,
           RubricDb      *db,
           gpointer       task_data,
           GCancellable  *cancellable,
           GError       **error)
{
  ScanData *data = task_data;

  data->queues = rubric_queue_log_unmapped_queues (db, data->path, cancellable, error);
  return data->queues != NULL;
}

void
rubric_queue_log_scan_async (RubricDb            *db,
                             const char          *path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ScanData *data;

  g_return_if_fail (db != NULL);
  g_return_if_fail (path != NULL);

  data = g_new0 (ScanData, 1);
  data->path = g_strdup (path);

  task = rubric_db_task_new (db, RUBRIC_DB_TASK_OPEN, rubric_queue_log_scan_async, cancellable,
                             callback, user_data);
  rubric_db_task_run (task, scan_work, data, scan_data_free);
}

GPtrArray *
rubric_queue_log_scan_finish (GAsyncResult  *result,
                              GError       **error)
{
  ScanData *data;

  if (!rubric_db_task_propagate (result, rubric_queue_log_scan_async, error))
    return NULL;

  data = rubric_db_task_get_data (result);
  return g_steal_pointer (&data->queues);
}

/* --------------------------------------------------------------- export */

typedef struct
{
  GFile              *file;
  RubricJobWriteFunc  write;
  gpointer            data;
  GDestroyNotify      data_free;
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *self = data;

  g_clear_object (&self->file);
  if (self->data_free != NULL)
    g_clear_pointer (&self->data, self->data_free);
  g_free (self);
}

gboolean
rubric_job_write_file (const char          *db_path,
                       GFile               *file,
                       RubricJobWriteFunc   write,
                       gpointer             data,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(RubricOutput) output = NULL;
  g_autofree char *path = g_file_get_path (file);

  /* The file chooser gives local paths (a portal's included). */
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                   _("Could not write “%s”: only files on this computer can be written"), uri);
      return FALSE;
    }

  if (!rubric_output_check_not_database (path, db_path, error))
    return FALSE;

  db = rubric_db_open_existing (db_path, error);
  if (db == NULL)
    return FALSE;

  /* Written beside @file, put in place whole by the commit; any failure
   * or a cancel leaves @file as it was, or unmade (rubric-output.h). */
  output = rubric_output_open (path, RUBRIC_OUTPUT_NONE, error);
  if (output == NULL)
    return FALSE;

  if (!write (db, rubric_output_get_stream (output), data, cancellable, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return rubric_output_commit (output, error);
}

/* The connection is rubric_job_write_file's own. */
static gboolean
write_work (GTask         *task,
            RubricDb      *db,
            gpointer       task_data,
            GCancellable  *cancellable,
            GError       **error)
{
  WriteData *data = task_data;

  return rubric_job_write_file (rubric_db_task_get_db_path (task), data->file, data->write,
                                data->data, cancellable, error);
}

void
rubric_job_write_file_async (RubricDb            *db,
                             GFile               *file,
                             RubricJobWriteFunc   write,
                             gpointer             data,
                             GDestroyNotify       data_free,
                             gpointer             source_tag,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *write_data;

  g_return_if_fail (db != NULL);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (write != NULL);

  write_data = g_new0 (WriteData, 1);
  write_data->file = g_object_ref (file);
  write_data->write = write;
  write_data->data = data;
  write_data->data_free = data_free;

  task = rubric_db_task_new (db, RUBRIC_DB_TASK_NO_CONNECTION, source_tag, cancellable,
                             callback, user_data);
  rubric_db_task_run (task, write_work, write_data, write_data_free);
}

/* A RubricEvaluationFilter of its own. */
static void
evaluation_filter_free (gpointer data)
{
  RubricEvaluationFilter *self = data;

  g_free ((char *) self->vendor);
  g_free ((char *) self->agent);
  g_free ((char *) self->status);
  g_free ((char *) self->search);
  g_free (self);
}

static gboolean
write_evaluations_csv (RubricDb       *db,
                       GOutputStream  *out,
                       gpointer        filter,
                       GCancellable   *cancellable,
                       GError        **error)
{
  return rubric_evaluation_store_export_csv (db, filter, out, error);
}

static gboolean
write_evaluations_xml (RubricDb       *db,
                       GOutputStream  *out,
                       gpointer        filter,
                       GCancellable   *cancellable,
                       GError        **error)
{
  return rubric_evaluation_store_export_xml (db, filter, out, error);
}

void
rubric_export_evaluations_async (RubricDb                     *db,
                                 const RubricEvaluationFilter *filter,
                                 RubricExportFormat            format,
                                 GFile                        *file,
                                 GCancellable                 *cancellable,
                                 GAsyncReadyCallback           callback,
                                 gpointer                      user_data)
{
  RubricEvaluationFilter *copy;

  g_return_if_fail (db != NULL);
  g_return_if_fail (G_IS_FILE (file));

  copy = g_new0 (RubricEvaluationFilter, 1);
  if (filter != NULL)
    {
      copy->vendor = g_strdup (filter->vendor);
      copy->agent = g_strdup (filter->agent);
      copy->status = g_strdup (filter->status);
      copy->search = g_strdup (filter->search);
    }

  rubric_job_write_file_async (db, file,
                               format == RUBRIC_EXPORT_CSV ? write_evaluations_csv
                                                           : write_evaluations_xml,
                               copy, evaluation_filter_free, rubric_export_evaluations_async,
                               cancellable, callback, user_data);
}

gboolean
rubric_export_evaluations_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return rubric_db_task_propagate (result, rubric_export_evaluations_async, error);
}
