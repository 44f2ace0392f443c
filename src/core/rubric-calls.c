/* rubric-calls.c — call records: the call-record CSV import (SPEC §4.1, §8.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rubric-call-writer.h"
#include "rubric-calls.h"
#include "rubric-csv.h"
#include "rubric-error.h"
#include "rubric-import.h"
#include "rubric-private.h"
#include "rubric-time.h"

/* How often (in rows) the import looks at its cancellable and reports
 * progress: often enough to feel live, rarely enough to cost nothing. */
#define CANCEL_CHECK_ROWS 1024
#define PROGRESS_ROWS     16384

typedef enum
{
  FIELD_CALL_ID,
  FIELD_VENDOR,
  FIELD_QUEUE,
  FIELD_AGENT,
  FIELD_CALLER,
  FIELD_ENTERED_AT,
  FIELD_WAIT_S,
  FIELD_OUTCOME,
  FIELD_TALK_S,
  FIELD_HOLD_S,
  FIELD_WRAP_S,
  FIELD_RECORDING,
  N_FIELDS
} Field;

/* The header names of SPEC §8.3, in the order of Field. */
static const char * const field_names[N_FIELDS] = {
  "call_id",
  "vendor",
  "queue",
  "agent",
  "caller",
  "entered_at",
  "wait_s",
  "outcome",
  "talk_s",
  "hold_s",
  "wrap_s",
  "recording",
};

static const char * const outcome_names[] = {
  [RUBRIC_OUTCOME_PENDING] = "pending",
  [RUBRIC_OUTCOME_ANSWERED] = "answered",
  [RUBRIC_OUTCOME_ABANDONED] = "abandoned",
  [RUBRIC_OUTCOME_TIMEOUT] = "timeout",
  [RUBRIC_OUTCOME_OTHER] = "other",
};

const char *
rubric_outcome_to_string (RubricOutcome outcome)
{
  g_return_val_if_fail (outcome <= RUBRIC_OUTCOME_OTHER, NULL);

  return outcome_names[outcome];
}

gboolean
rubric_outcome_from_string (const char    *text,
                            RubricOutcome *outcome)
{
  g_return_val_if_fail (outcome != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (outcome_names); i++)
    {
      if (strcmp (text, outcome_names[i]) == 0)
        {
          *outcome = (RubricOutcome) i;
          return TRUE;
        }
    }

  return FALSE;
}

typedef struct
{
  /* Borrowed references */
  RubricDb     *db;
  const char   *path;         /* as the user gave it, for messages */
  const char   *fixed_vendor; /* --vendor, or NULL */
  const char   *source_name;

  /* Owned references */
  char         *folder;        /* the CSV file's folder, absolute */
  char         *headers[N_FIELDS]; /* --map renames */
  GHashTable   *vendors;       /* name → gint64 id */
  GHashTable   *queues;        /* name → gint64 id */
  GHashTable   *queue_vendors; /* gint64 queue id → gint64 vendor id (0: none) */
  GHashTable   *agents;        /* "VENDOR-ID:EXTERNAL-ID" → gint64 id */
  GString      *agent_key;
  RubricCallWriter *writer;
  RubricStmt *queue_vendor;

  int           columns[N_FIELDS]; /* column of each field, or -1 */
  guint         n_columns;
  gboolean      started;
  gint64        source_id;
  gint64        fixed_vendor_id;
  RubricCallImportReport *report;
} Import;

static void
import_clear (Import *self)
{
  g_clear_pointer (&self->folder, g_free);
  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&self->headers[i], g_free);
  g_clear_pointer (&self->vendors, g_hash_table_unref);
  g_clear_pointer (&self->queues, g_hash_table_unref);
  g_clear_pointer (&self->queue_vendors, g_hash_table_unref);
  g_clear_pointer (&self->agents, g_hash_table_unref);
  if (self->agent_key != NULL)
    g_string_free (g_steal_pointer (&self->agent_key), TRUE);
  g_clear_pointer (&self->writer, rubric_call_writer_free);
  g_clear_pointer (&self->queue_vendor, rubric_stmt_finalize);
}

static int
find_field (const char *name)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (strcmp (name, field_names[i]) == 0)
      return (int) i;

  return -1;
}

/* "name=Header,name2=Header2": spaces around names are ignored. */
static gboolean
parse_map (Import      *self,
           const char  *map,
           GError     **error)
{
  g_auto(GStrv) items = NULL;

  if (map == NULL)
    return TRUE;

  items = g_strsplit (map, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);
      char *equals;
      char *name;
      char *header;
      int field;

      if (*item == '\0')
        continue;

      equals = strchr (item, '=');
      if (equals == NULL)
        {
          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                       _("--map: “%s” is not of the form name=Header"), item);
          return FALSE;
        }

      *equals = '\0';
      name = g_strstrip (item);
      header = g_strstrip (equals + 1);
      field = find_field (name);

      if (field < 0)
        {
          g_autofree char *known = g_strjoinv (", ", (char **) field_names);

          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                       _("--map: “%s” is not a call record field (the fields are %s)"),
                       name, known);
          return FALSE;
        }

      if (*header == '\0')
        {
          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                       _("--map: no header name is given for “%s”"), name);
          return FALSE;
        }

      if (self->headers[field] != NULL)
        {
          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                       _("--map: “%s” is mapped twice"), name);
          return FALSE;
        }

      self->headers[field] = g_strdup (header);
    }

  return TRUE;
}

static gboolean
read_header (Import     *self,
             GPtrArray  *fields,
             gint64      line,
             GError    **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) missing = g_string_new (NULL);
  guint n_missing = 0;

  for (guint i = 0; i < fields->len; i++)
    {
      char *name = g_strstrip ((char *) g_ptr_array_index (fields, i));

      if (*name == '\0')
        continue;

      if (!g_hash_table_insert (seen, name, GUINT_TO_POINTER (i + 1)))
        {
          rubric_set_input_error (error, self->path, line,
                                  _("the column “%s” appears twice in the header"), name);
          return FALSE;
        }
    }

  for (guint f = 0; f < N_FIELDS; f++)
    {
      const char *header = self->headers[f] != NULL ? self->headers[f] : field_names[f];
      gpointer found = g_hash_table_lookup (seen, header);

      self->columns[f] = found != NULL ? (int) GPOINTER_TO_UINT (found) - 1 : -1;

      if (found == NULL && self->headers[f] != NULL)
        {
          rubric_set_input_error (error, self->path, line,
                                  _("the header has no column “%s” (mapped to %s by --map)"),
                                  header, field_names[f]);
          return FALSE;
        }
    }

  /* The vendor column is not needed when --vendor names the vendor, and is
   * then not read at all: --vendor wins for every row. */
  if (self->fixed_vendor != NULL)
    self->columns[FIELD_VENDOR] = -1;

  {
    static const Field required[] = {
      FIELD_CALL_ID, FIELD_VENDOR, FIELD_ENTERED_AT, FIELD_WAIT_S, FIELD_OUTCOME,
    };

    for (guint i = 0; i < G_N_ELEMENTS (required); i++)
      {
        Field f = required[i];

        if (self->columns[f] >= 0 || (f == FIELD_VENDOR && self->fixed_vendor != NULL))
          continue;

        if (n_missing++ > 0)
          g_string_append (missing, ", ");
        g_string_append (missing,
                         self->headers[f] != NULL ? self->headers[f] : field_names[f]);
      }
  }

  if (n_missing > 0)
    {
      if (self->fixed_vendor == NULL && self->columns[FIELD_VENDOR] < 0)
        rubric_set_input_error (error, self->path, line,
                                _("the header lacks the required columns: %s "
                                  "(a missing vendor column can be replaced by --vendor)"),
                                missing->str);
      else
        rubric_set_input_error (error, self->path, line,
                                _("the header lacks the required columns: %s"),
                                missing->str);
      return FALSE;
    }

  self->n_columns = fields->len;
  return TRUE;
}

static gboolean
prepare (Import  *self,
         GError **error)
{
  self->writer = rubric_call_writer_new (self->db, FALSE, error);
  if (self->writer == NULL)
    return FALSE;

  self->queue_vendor = rubric_db_prepare (self->db,
                                          "SELECT vendor_id FROM queues WHERE id = ?1",
                                          error);
  return self->queue_vendor != NULL;
}

/* What the first row needs: nothing is written for a file without rows. */
static gboolean
start (Import  *self,
       GError **error)
{
  self->source_id = rubric_db_ensure_source (self->db, self->source_name, error);
  if (self->source_id < 0)
    return FALSE;

  if (self->fixed_vendor != NULL)
    {
      self->fixed_vendor_id = rubric_db_ensure_vendor (self->db, self->fixed_vendor, error);
      if (self->fixed_vendor_id < 0)
        return FALSE;
    }

  self->started = TRUE;
  return TRUE;
}

static gint64
vendor_id (Import      *self,
           const char  *name,
           GError     **error)
{
  return rubric_cached_vendor_id (self->db, self->vendors, name, error);
}

static gint64
queue_id (Import      *self,
          const char  *name,
          GError     **error)
{
  gint64 *cached = g_hash_table_lookup (self->queues, name);
  gint64 id;

  if (cached != NULL)
    return *cached;

  id = rubric_db_ensure_queue (self->db, name, error);
  if (id > 0)
    g_hash_table_insert (self->queues, g_strdup (name), rubric_id_new (id));

  return id;
}

/* The vendor the queue is mapped to, 0 when none, -1 on error. */
static gint64
queue_vendor_id (Import  *self,
                 gint64   queue,
                 GError **error)
{
  gint64 *cached = g_hash_table_lookup (self->queue_vendors, &queue);
  gint64 id = 0;
  int rc;

  if (cached != NULL)
    return *cached;

  rubric_stmt_bind_int64 (self->queue_vendor, 1, queue);
  rc = rubric_stmt_step (self->queue_vendor);
  if (rc == RUBRIC_ROW)
    id = rubric_stmt_column_int64 (self->queue_vendor, 0);  /* 0 for NULL */
  else if (rc != RUBRIC_DONE)
    {
      rubric_db_set_error (self->db, error);
      rubric_stmt_reset (self->queue_vendor);
      return -1;
    }
  rubric_stmt_reset (self->queue_vendor);

  g_hash_table_insert (self->queue_vendors, rubric_id_new (queue), rubric_id_new (id));
  return id;
}

static gint64
agent_id (Import      *self,
          gint64       vendor,
          const char  *external_id,
          GError     **error)
{
  gint64 *cached;
  gint64 id;

  g_string_printf (self->agent_key, "%" G_GINT64_FORMAT ":%s", vendor, external_id);

  cached = g_hash_table_lookup (self->agents, self->agent_key->str);
  if (cached != NULL)
    return *cached;

  id = rubric_db_ensure_agent (self->db, vendor, external_id, error);
  if (id > 0)
    g_hash_table_insert (self->agents, g_strdup (self->agent_key->str), rubric_id_new (id));

  return id;
}

/* The cell of @field, trimmed, or "" when the file has no such column. */
static const char *
cell (Import    *self,
      GPtrArray *fields,
      Field      field)
{
  int column = self->columns[field];

  if (column < 0)
    return "";

  return g_strstrip ((char *) g_ptr_array_index (fields, column));
}

/* An optional duration: TRUE with *@present FALSE when the cell is empty. */
static gboolean
read_seconds (Import      *self,
              GPtrArray   *fields,
              Field        field,
              gint64       line,
              gboolean    *present,
              double      *value,
              GError     **error)
{
  const char *text = cell (self, fields, field);

  *present = *text != '\0';
  if (!*present)
    return TRUE;

  if (!rubric_parse_double (text, value) || *value < 0)
    {
      rubric_set_input_error (error, self->path, line,
                              _("%s: “%s” is not a number of seconds (0 or more)"),
                              field_names[field], text);
      return FALSE;
    }

  return TRUE;
}

/* A URI keeps its scheme and at least one slash ("file:///…", "https://…");
 * a bare "name:…" is taken as a file name, which may hold a colon. */
static gboolean
is_uri (const char *text)
{
  const char *scheme = g_uri_peek_scheme (text);

  return scheme != NULL && strlen (scheme) > 1 && text[strlen (scheme) + 1] == '/';
}

static char *
resolve_recording (Import     *self,
                   const char *recording)
{
  if (g_path_is_absolute (recording) || is_uri (recording))
    return g_strdup (recording);

  return g_canonicalize_filename (recording, self->folder);
}

static gboolean
import_row (Import           *self,
            GPtrArray        *fields,
            gint64            line,
            RubricCallWrite  *inserted,
            GError          **error)
{
  g_autofree char *recording_path = NULL;
  RubricCallRecord record = { 0, };
  RubricCallWrite result;
  const char *call_id;
  const char *vendor_name;
  const char *queue_name;
  const char *agent_name;
  const char *caller;
  const char *text;
  RubricOutcome outcome;
  gint64 entered_at;
  gint64 vendor = 0;
  gint64 queue = 0;
  gint64 agent = 0;
  double wait_s;
  double seconds[3];
  gboolean present[3];

  if (!self->started && !start (self, error))
    return FALSE;

  call_id = cell (self, fields, FIELD_CALL_ID);
  if (*call_id == '\0')
    {
      rubric_set_input_error (error, self->path, line, _("call_id is empty"));
      return FALSE;
    }

  text = cell (self, fields, FIELD_ENTERED_AT);
  if (!rubric_time_parse_instant (text, TRUE, &entered_at))
    {
      rubric_set_input_error (error, self->path, line,
                              _("entered_at: “%s” is neither an ISO 8601 time with “Z” "
                                "or an offset, nor epoch seconds"),
                              text);
      return FALSE;
    }

  text = cell (self, fields, FIELD_WAIT_S);
  if (!rubric_parse_double (text, &wait_s) || wait_s < 0)
    {
      rubric_set_input_error (error, self->path, line,
                              _("wait_s: “%s” is not a number of seconds (0 or more)"),
                              text);
      return FALSE;
    }

  text = cell (self, fields, FIELD_OUTCOME);
  if (!rubric_outcome_from_string (text, &outcome) || outcome == RUBRIC_OUTCOME_PENDING)
    {
      rubric_set_input_error (error, self->path, line,
                              _("outcome: “%s” is not one of answered, abandoned, timeout "
                                "or other"),
                              text);
      return FALSE;
    }

  for (guint i = 0; i < 3; i++)
    if (!read_seconds (self, fields, FIELD_TALK_S + i, line, &present[i], &seconds[i], error))
      return FALSE;

  queue = queue_id (self, cell (self, fields, FIELD_QUEUE), error);
  if (queue < 0)
    return FALSE;

  /* --vendor wins; then the row's vendor; then the queue's mapping. */
  vendor_name = cell (self, fields, FIELD_VENDOR);
  if (self->fixed_vendor_id > 0)
    vendor = self->fixed_vendor_id;
  else if (*vendor_name != '\0')
    vendor = vendor_id (self, vendor_name, error);
  else
    {
      vendor = queue_vendor_id (self, queue, error);
      if (vendor == 0)
        {
          queue_name = cell (self, fields, FIELD_QUEUE);
          if (*queue_name == '\0')
            rubric_set_input_error (error, self->path, line,
                                    _("the vendor is empty and the row has no queue "
                                      "(give the vendor, or use --vendor)"));
          else
            rubric_set_input_error (error, self->path, line,
                                    _("the vendor is empty and the queue “%s” is not "
                                      "mapped to a vendor (give the vendor, use --vendor, "
                                      "or map the queue)"),
                                    queue_name);
          return FALSE;
        }
    }
  if (vendor < 0)
    return FALSE;

  agent_name = cell (self, fields, FIELD_AGENT);
  if (*agent_name != '\0')
    {
      agent = agent_id (self, vendor, agent_name, error);
      if (agent < 0)
        return FALSE;
    }

  caller = cell (self, fields, FIELD_CALLER);

  text = cell (self, fields, FIELD_RECORDING);
  if (*text != '\0')
    recording_path = resolve_recording (self, text);

  record.source_id = self->source_id;
  record.call_id = call_id;
  record.queue_id = queue;
  record.entered_at = entered_at;
  record.vendor_id = vendor;
  record.agent_id = agent;
  record.outcome = outcome;
  record.wait_s = wait_s;
  record.has_talk = present[0];
  record.has_hold = present[1];
  record.has_wrap = present[2];
  record.talk_s = present[0] ? seconds[0] : 0;
  record.hold_s = present[1] ? seconds[1] : 0;
  record.wrap_s = present[2] ? seconds[2] : 0;
  record.caller = *caller != '\0' ? caller : NULL;
  record.recording = recording_path;

  if (!rubric_call_writer_write (self->writer, &record, &result, error))
    return FALSE;

  *inserted = result;
  return TRUE;
}

gboolean
rubric_call_import_check_names (const char  *vendor,
                                const char  *source,
                                GError     **error)
{
  if (vendor != NULL && *vendor == '\0')
    {
      g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                           _("--vendor: the vendor name is empty"));
      return FALSE;
    }
  if (source != NULL && *source == '\0')
    {
      g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                           _("--source: the source name is empty"));
      return FALSE;
    }

  return TRUE;
}

GInputStream *
rubric_open_input (const char    *path,
                   guint64       *size,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("%s: cancelled"), path);
      else
        rubric_set_input_error (error, path, 0, _("cannot open the file: %s"),
                                local_error->message);
      return NULL;
    }

  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                         cancellable, NULL);
  *size = info != NULL ? (guint64) g_file_info_get_size (info) : 0;

  return G_INPUT_STREAM (g_steal_pointer (&stream));
}

static gboolean
run_import (Import                  *self,
            RubricCsvReader         *reader,
            guint64                  size,
            RubricProgressFunc       progress,
            gpointer                 progress_data,
            RubricCallImportReport  *report,
            GCancellable            *cancellable,
            GError                 **error)
{
  GPtrArray *fields = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!rubric_csv_reader_next (reader, &fields, cancellable, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        rubric_set_input_error (error, self->path, 0, _("no header row"));
      return FALSE;
    }

  if (!read_header (self, fields, rubric_csv_reader_get_line (reader), error))
    return FALSE;

  if (!prepare (self, error))
    return FALSE;

  while (rubric_csv_reader_next (reader, &fields, cancellable, &local_error))
    {
      gint64 line = rubric_csv_reader_get_line (reader);
      RubricCallWrite inserted = RUBRIC_CALL_UNCHANGED;

      /* A blank line is no row (a header has several columns). */
      if (fields->len == 1 && *(const char *) g_ptr_array_index (fields, 0) == '\0')
        continue;

      if (fields->len != self->n_columns)
        {
          rubric_set_input_error (error, self->path, line,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "the row has %u field, the header %u",
                                               "the row has %u fields, the header %u",
                                               fields->len),
                                  fields->len, self->n_columns);
          return FALSE;
        }

      if (!import_row (self, fields, line, &inserted, error))
        return FALSE;

      report->rows++;
      if (inserted == RUBRIC_CALL_INSERTED)
        report->inserted++;
      else if (inserted != RUBRIC_CALL_DEFERRED)
        report->unchanged++;

      if (report->rows % CANCEL_CHECK_ROWS == 0 && g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("%s: cancelled"), self->path);
          return FALSE;
        }

      if (progress != NULL && size > 0 && report->rows % PROGRESS_ROWS == 0)
        progress (MIN (1.0, (double) rubric_csv_reader_get_offset (reader) / (double) size),
                  progress_data);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

/* The CSV, read inside rubric_call_import_run's transaction. */
static gboolean
import_rows (const RubricCallImport  *run,
             GInputStream            *stream,
             guint64                  size,
             GError                 **error)
{
  Import *self = run->data;
  g_autoptr(RubricCsvReader) reader = rubric_csv_reader_new (stream, self->path, ',');

  gint64 inserted, completed, unchanged;

  if (!run_import (self, reader, size, run->progress, run->progress_data, self->report,
                   run->cancellable, error) ||
      (self->writer != NULL && !rubric_call_writer_finish (self->writer, error)))
    return FALSE;

  /* What the PostgreSQL writer did with the rows it buffered. */
  if (self->writer != NULL)
    {
      rubric_call_writer_counts (self->writer, &inserted, &completed, &unchanged);
      self->report->inserted += (guint64) inserted;
      self->report->unchanged += (guint64) (completed + unchanged);
    }

  return TRUE;
}

gboolean
rubric_calls_import_csv (RubricDb                       *db,
                         const char                     *path,
                         const RubricCallImportOptions  *options,
                         RubricProgressFunc              progress,
                         gpointer                        progress_data,
                         RubricCallImportReport         *report,
                         GCancellable                   *cancellable,
                         GError                        **error)
{
  static const RubricCallImportOptions no_options = { NULL, NULL, NULL };
  g_autofree char *dirname = NULL;
  RubricCallImportReport counts = { 0, 0, 0 };
  g_auto(Import) import = { 0, };

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &no_options;

  import.db = db;
  import.path = path;
  import.fixed_vendor = options->vendor;
  import.source_name = options->source != NULL ? options->source : "csv";
  import.report = &counts;

  if (!parse_map (&import, options->map, error))
    return FALSE;

  dirname = g_path_get_dirname (path);
  import.folder = g_canonicalize_filename (dirname, NULL);
  import.vendors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import.queues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import.queue_vendors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  import.agents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import.agent_key = g_string_new (NULL);

  if (!rubric_call_import_run (db, path,
                               &(RubricCallImport) {
                                 .vendor = options->vendor, .source = options->source,
                                 .body = import_rows, .clear = (GDestroyNotify) import_clear,
                                 .data = &import, .progress = progress,
                                 .progress_data = progress_data, .cancellable = cancellable,
                               },
                               error))
    return FALSE;

  if (report != NULL)
    *report = counts;

  return TRUE;
}
