/* rubric-queue-log.c — the Asterisk queue_log import (SPEC §4.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The log is read in large blocks and split in place; each line is checked
 * whole before it changes anything, so a malformed line can be skipped
 * cleanly. Calls in progress are kept in a table keyed by (uniqueid, queue)
 * and written once, when they end; only calls still in progress at the end
 * of the file are written open (pending, or answered without a talk time),
 * to be completed by a later import of the grown log. Memory holds the calls
 * in progress, never the file.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rubric-call-writer.h"
#include "rubric-error.h"
#include "rubric-import.h"
#include "rubric-private.h"
#include "rubric-queue-log-private.h"
#include "rubric-time.h"

#define BLOCK_SIZE        (1024 * 1024)
#define MAX_LINE          65536
#define CANCEL_CHECK_LINES 65536
#define MAX_EVENT_NAMES   1000

typedef struct
{
  gint64 queue_id;
  gint64 vendor_id;  /* 0: not mapped */
} QueueInfo;

typedef struct
{
  char          *key;      /* "uniqueid\x1fqueue", inside the same block */
  char          *call_id;  /* likewise */
  char          *caller;   /* likewise, or NULL */
  gint64         queue_id;
  gint64         vendor_id;
  gint64         entered_at;
  gint64         agent_id;
  RubricOutcome  outcome;
  double         wait_s;
  gboolean       has_talk;
  double         talk_s;
  gboolean       dirty;  /* changed by this file: to be written */
} Entry;

typedef struct
{
  /* Borrowed */
  RubricDb              *db;
  const char            *path;
  const char            *fixed_vendor;
  const char            *source_name;
  gboolean               skip_bad_lines;
  RubricQueueLogReport  *report;

  /* Owned */
  RubricCallWriter      *writer;
  GHashTable            *entries;   /* "uniqueid\x1fqueue" → Entry* */
  GHashTable            *queues;    /* name → QueueInfo* */
  GHashTable            *agents;    /* gint64* vendor → (name → gint64*) */
  GString               *key;
  gint64                 source_id; /* 0: not yet known */
  gint64                 fixed_vendor_id;
  gint64                 line_number;
  char                   last_event_name[32];
  guint64               *last_event_count;
} Import;

/* One allocation holds a call in progress and its strings: a log has
 * millions of them. */
static Entry *
entry_new (const char *key,
           const char *call_id,
           const char *caller)
{
  gsize key_size = strlen (key) + 1;
  gsize call_id_size = strlen (call_id) + 1;
  gsize caller_size = caller != NULL ? strlen (caller) + 1 : 0;
  Entry *entry = g_malloc0 (sizeof (Entry) + key_size + call_id_size + caller_size);
  char *strings = (char *) (entry + 1);

  entry->key = memcpy (strings, key, key_size);
  entry->call_id = memcpy (strings + key_size, call_id, call_id_size);
  if (caller != NULL)
    entry->caller = memcpy (strings + key_size + call_id_size, caller, caller_size);

  return entry;
}

void
rubric_queue_log_report_clear (RubricQueueLogReport *report)
{
  g_clear_pointer (&report->other_events, g_hash_table_unref);
  g_clear_pointer (&report->skipped_lines, g_array_unref);
  memset (report, 0, sizeof *report);
}

static void
import_clear (Import *self)
{
  g_clear_pointer (&self->writer, rubric_call_writer_free);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->queues, g_hash_table_unref);
  g_clear_pointer (&self->agents, g_hash_table_unref);
  if (self->key != NULL)
    g_string_free (g_steal_pointer (&self->key), TRUE);
}

/* Database */

static gboolean
ensure_source (Import  *self,
               GError **error)
{
  if (self->source_id > 0)
    return TRUE;

  self->source_id = rubric_db_ensure_source (self->db, self->source_name, error);
  return self->source_id > 0;
}

static QueueInfo *
queue_info (Import      *self,
            const char  *name,
            GError     **error)
{
  QueueInfo *info = g_hash_table_lookup (self->queues, name);
  g_autoptr(RubricCachedStmt) stmt = NULL;
  gint64 id;

  if (info != NULL)
    return info;

  id = rubric_db_ensure_queue (self->db, name, error);
  if (id < 0)
    return NULL;

  stmt = rubric_db_cached (self->db, "SELECT vendor_id FROM queues WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  rubric_stmt_bind_int64 (stmt, 1, id);

  info = g_new0 (QueueInfo, 1);
  info->queue_id = id;
  if (rubric_stmt_step (stmt) == RUBRIC_ROW)
    info->vendor_id = rubric_stmt_column_int64 (stmt, 0);

  g_hash_table_insert (self->queues, g_strdup (name), info);
  return info;
}

static gint64
agent_id (Import      *self,
          gint64       vendor,
          const char  *name,
          GError     **error)
{
  GHashTable *names;
  gint64 *cached;
  gint64 id;

  if (is_none (name))
    return 0;

  /* Agents per vendor, then per name: no key to build for every line. */
  names = g_hash_table_lookup (self->agents, &vendor);
  if (names == NULL)
    {
      names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (self->agents, rubric_id_new (vendor), names);
    }

  cached = g_hash_table_lookup (names, name);
  if (cached != NULL)
    return *cached;

  id = rubric_db_ensure_agent (self->db, vendor, name, error);
  if (id > 0)
    g_hash_table_insert (names, g_strdup (name), rubric_id_new (id));

  return id;
}

static void
set_key (Import     *self,
         const char *call_id,
         const char *queue)
{
  g_string_assign (self->key, call_id);
  g_string_append_c (self->key, '\x1f');
  g_string_append (self->key, queue);
}

/* The calls the database holds open for this source: a grown log
 * completes them. */
static gboolean
load_open (Import  *self,
           GError **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  int rc;

  self->source_id = rubric_db_query_id (self->db, "SELECT id FROM sources WHERE name = ?1",
                                        self->source_name, error);
  if (self->source_id < 0)
    return FALSE;
  if (self->source_id == 0)
    return TRUE;

  stmt = rubric_db_prepare (self->db,
                            "SELECT c.call_id, q.name, c.queue_id, c.vendor_id, c.entered_at,"
                            "  c.outcome, c.wait_s, c.agent_id, c.caller"
                            " FROM calls_open AS o JOIN calls AS c ON c.id = o.call"
                            " JOIN queues AS q ON q.id = c.queue_id"
                            " WHERE o.source_id = ?1"
                            " ORDER BY c.entered_at",
                            error);
  if (stmt == NULL)
    return FALSE;
  rubric_stmt_bind_int64 (stmt, 1, self->source_id);

  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    {
      Entry *entry;

      set_key (self, rubric_stmt_column_text (stmt, 0),
               rubric_stmt_column_text (stmt, 1));
      entry = entry_new (self->key->str, rubric_stmt_column_text (stmt, 0),
                         rubric_stmt_column_text (stmt, 8));
      entry->queue_id = rubric_stmt_column_int64 (stmt, 2);
      entry->vendor_id = rubric_stmt_column_int64 (stmt, 3);
      entry->entered_at = rubric_stmt_column_int64 (stmt, 4);
      entry->outcome = rubric_stmt_column_int (stmt, 5);
      entry->wait_s = rubric_stmt_column_double (stmt, 6);
      entry->agent_id = rubric_stmt_column_int64 (stmt, 7);

      /* The latest of a (call, queue) is the one its next events belong to. */
      g_hash_table_replace (self->entries, entry->key, entry);
    }

  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (self->db, error);

  return TRUE;
}

static gboolean
write_entry (Import  *self,
             Entry   *entry,
             GError **error)
{
  RubricCallRecord record = { 0, };
  RubricCallWrite result;

  if (!ensure_source (self, error))
    return FALSE;

  record.source_id = self->source_id;
  record.call_id = entry->call_id;
  record.queue_id = entry->queue_id;
  record.entered_at = entry->entered_at;
  record.vendor_id = entry->vendor_id;
  record.agent_id = entry->agent_id;
  record.outcome = entry->outcome;
  record.wait_s = entry->wait_s;
  record.has_talk = entry->has_talk;
  record.talk_s = entry->talk_s;
  record.caller = entry->caller;

  if (!rubric_call_writer_write (self->writer, &record, &result, error))
    return FALSE;

  switch (result)
    {
    case RUBRIC_CALL_INSERTED:
      self->report->inserted++;
      break;
    case RUBRIC_CALL_COMPLETED:
      self->report->completed++;
      break;
    case RUBRIC_CALL_DEFERRED:
      break;
    case RUBRIC_CALL_UNCHANGED:
    default:
      self->report->unchanged++;
      break;
    }

  entry->dirty = FALSE;
  return TRUE;
}

/* A new call in progress for the line's (uniqueid, queue). */
static Entry *
open_entry (Import      *self,
            const Line  *line,
            gint64       entered_at,
            const char  *caller,
            GError     **error)
{
  QueueInfo *queue = queue_info (self, line->field[2], error);
  Entry *entry;

  if (queue == NULL)
    return NULL;

  if (self->fixed_vendor != NULL && self->fixed_vendor_id == 0)
    {
      self->fixed_vendor_id = rubric_db_ensure_vendor (self->db, self->fixed_vendor, error);
      if (self->fixed_vendor_id < 0)
        return NULL;
    }

  entry = entry_new (self->key->str, line->field[1], caller);
  entry->queue_id = queue->queue_id;
  entry->vendor_id = self->fixed_vendor_id > 0 ? self->fixed_vendor_id : queue->vendor_id;
  entry->entered_at = entered_at;
  entry->outcome = RUBRIC_OUTCOME_PENDING;
  entry->dirty = TRUE;

  if (entry->vendor_id == 0)
    {
      rubric_set_input_error (error, self->path, self->line_number,
                              _("the queue “%s” is not mapped to a vendor: map it with "
                                "“rubric-cli queues map %s VENDOR”, or give --vendor"),
                              line->field[2], line->field[2]);
      g_free (entry);
      return NULL;
    }

  g_hash_table_replace (self->entries, entry->key, entry);
  return entry;
}

static gint64
seconds_before (gint64 t,
                double seconds)
{
  return t - (gint64) llround (seconds);
}

static gboolean apply_line (Import      *self,
                            const Line  *line,
                            gboolean    *bad,
                            GError     **error);

static gboolean
apply_to_earlier_visit (Import      *self,
                        const Line  *line,
                        Entry       *visit,
                        gboolean    *bad,
                        GError     **error)
{
  Entry *earlier;
  gboolean ok;

  g_hash_table_steal (self->entries, visit->key);
  ok = apply_line (self, line, bad, error);

  /* An earlier visit still in progress (its CONNECT) is written as it is:
   * the first import of this data did the same when the visit in progress
   * entered. */
  earlier = g_hash_table_lookup (self->entries, visit->key);
  if (ok && earlier != NULL && earlier->dirty)
    ok = write_entry (self, earlier, error);
  g_hash_table_replace (self->entries, visit->key, visit);

  return ok;
}

/* Applies a checked line. A line that cannot be applied (a terminal event
 * with neither its ENTERQUEUE nor its wait) is refused before any change. */
static gboolean
apply_line (Import      *self,
            const Line  *line,
            gboolean    *bad,
            GError     **error)
{
  const EventInfo *event = line->event;
  gint64 t = line->time;
  Entry *entry;

  *bad = FALSE;
  set_key (self, line->field[1], line->field[2]);
  entry = g_hash_table_lookup (self->entries, self->key->str);

  /* An event older than the visit in progress belongs to an earlier visit
   * of the call to this queue, whose ENTERQUEUE is not in the data (a log
   * that starts mid-call, seen again in a grown log): it is handled as
   * such, and cannot change the visit in progress. */
  if (entry != NULL && event->kind != EVENT_ENTERQUEUE && t < entry->entered_at)
    return apply_to_earlier_visit (self, line, entry, bad, error);

  switch (event->kind)
    {
    case EVENT_ENTERQUEUE:
      if (entry != NULL && entry->entered_at == t)
        {
          self->report->ignored++;
          return TRUE;
        }
      if (entry != NULL)
        {
          /* The call entered the same queue again: the first visit stays
           * as it was left. */
          if (entry->dirty && !write_entry (self, entry, error))
            return FALSE;
          g_hash_table_remove (self->entries, self->key->str);
        }
      entry = open_entry (self, line, t,
                          *data_field (line, 2) != '\0' ? data_field (line, 2) : NULL, error);
      return entry != NULL;

    case EVENT_CONNECT:
    case EVENT_LEAVE:
      /* Both end the wait: of the visit in progress, or of one whose
       * ENTERQUEUE is not in the log, opened from the event's wait. */
      if (entry == NULL)
        {
          if (!line->has_wait)
            goto no_wait;
          entry = open_entry (self, line, seconds_before (t, line->wait_s), NULL, error);
          if (entry == NULL)
            return FALSE;
        }
      else if (entry->outcome != RUBRIC_OUTCOME_PENDING)
        {
          self->report->ignored++;
          return TRUE;
        }
      entry->wait_s = line->has_wait ? line->wait_s : (double) MAX (0, t - entry->entered_at);

      if (event->kind == EVENT_CONNECT)
        {
          entry->outcome = RUBRIC_OUTCOME_ANSWERED;
          entry->agent_id = agent_id (self, entry->vendor_id, line->field[3], error);
          entry->dirty = TRUE;
          return entry->agent_id >= 0;
        }

      entry->outcome = event->outcome;
      if (!write_entry (self, entry, error))
        return FALSE;
      g_hash_table_remove (self->entries, self->key->str);
      return TRUE;

    case EVENT_COMPLETE:
      if (entry == NULL)
        {
          if (!line->has_wait)
            goto no_wait;
          entry = open_entry (self, line,
                              seconds_before (seconds_before (t, line->talk_s), line->wait_s),
                              NULL, error);
          if (entry == NULL)
            return FALSE;
        }
      else if (entry->outcome != RUBRIC_OUTCOME_PENDING &&
               (entry->outcome != RUBRIC_OUTCOME_ANSWERED || entry->has_talk))
        {
          self->report->ignored++;
          return TRUE;
        }

      if (entry->outcome == RUBRIC_OUTCOME_PENDING)
        {
          /* Its CONNECT is missing: the wait comes from this event. */
          entry->outcome = RUBRIC_OUTCOME_ANSWERED;
          entry->wait_s = line->has_wait
            ? line->wait_s
            : (double) MAX (0, seconds_before (t, line->talk_s) - entry->entered_at);
        }
      if (entry->agent_id == 0)
        {
          entry->agent_id = agent_id (self, entry->vendor_id, line->field[3], error);
          if (entry->agent_id < 0)
            return FALSE;
        }
      entry->has_talk = TRUE;
      entry->talk_s = line->talk_s;
      if (!write_entry (self, entry, error))
        return FALSE;
      g_hash_table_remove (self->entries, self->key->str);
      return TRUE;

    case EVENT_OTHER:
    default:
      g_assert_not_reached ();
    }

no_wait:
  *bad = TRUE;
  g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
               _("%s for a call whose ENTERQUEUE is not in the log has no wait time (data%u)"),
               event->name, event->wait_field);
  return FALSE;
}

static void
count_other_event (Import     *self,
                   const char *name)
{
  GHashTable *counts = self->report->other_events;
  guint64 *count;

  /* The same event comes in runs (RINGNOANSWER after RINGNOANSWER). */
  if (self->last_event_count != NULL && strcmp (name, self->last_event_name) == 0)
    {
      (*self->last_event_count)++;
      return;
    }

  count = g_hash_table_lookup (counts, name);

  if (count == NULL)
    {
      /* A hostile log with endless event names must not take the memory. */
      if (g_hash_table_size (counts) >= MAX_EVENT_NAMES)
        name = "…";
      count = g_hash_table_lookup (counts, name);
    }

  if (count == NULL)
    {
      count = g_new0 (guint64, 1);
      g_hash_table_insert (counts, g_strdup (name), count);
    }

  (*count)++;

  if (strlen (name) < sizeof self->last_event_name)
    {
      strcpy (self->last_event_name, name);
      self->last_event_count = count;
    }
}

/* Handles one line; FALSE with @error when the import must stop. */
static gboolean
handle_line (Import   *self,
             char     *text,
             gsize     length,
             gboolean  skip_bad,
             GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean bad = TRUE;
  Line line;

  if (length > 0 && text[length - 1] == '\r')
    text[--length] = '\0';

  if (length == 0)
    return TRUE;

  self->report->lines++;

  if (length > MAX_LINE)
    g_set_error (&local_error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                 _("the line is longer than %u bytes"), (guint) MAX_LINE);
  else if (rubric_queue_log_parse_line (text, length, &line, &local_error))
    {
      if (line.event == NULL)
        {
          count_other_event (self, line.field[4]);
          return TRUE;
        }

      self->report->call_events++;
      if (apply_line (self, &line, &bad, &local_error))
        return TRUE;
    }

  if (bad && skip_bad)
    {
      self->report->skipped++;
      if (self->report->skipped_lines->len < RUBRIC_QUEUE_LOG_MAX_SKIPPED_LINES)
        g_array_append_val (self->report->skipped_lines, self->line_number);
      return TRUE;
    }

  if (bad)
    rubric_set_input_error (error, self->path, self->line_number, "%s", local_error->message);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
read_log (Import              *self,
          GInputStream        *stream,
          guint64              size,
          gboolean             skip_bad,
          RubricProgressFunc   progress,
          gpointer             progress_data,
          GCancellable        *cancellable,
          GError             **error)
{
  g_autofree char *buffer = g_malloc (BLOCK_SIZE + 1);
  gsize filled = 0;
  guint64 consumed = 0;
  gboolean too_long = FALSE;  /* inside a line longer than the buffer */
  gint64 next_check = CANCEL_CHECK_LINES;

  for (;;)
    {
      g_autoptr(GError) read_error = NULL;
      gssize n = g_input_stream_read (stream, buffer + filled, BLOCK_SIZE - filled,
                                      cancellable, &read_error);
      gboolean eof = n == 0;
      char *start = buffer;
      char *end;

      if (n < 0)
        {
          if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("%s: cancelled"),
                         self->path);
          else
            rubric_set_input_error (error, self->path, self->line_number + 1,
                                    _("cannot read the file: %s"), read_error->message);
          return FALSE;
        }

      filled += (gsize) n;
      end = buffer + filled;

      for (;;)
        {
          char *newline = memchr (start, '\n', (gsize) (end - start));
          gsize length;

          if (newline == NULL)
            {
              if (!eof || start == end)
                break;
              newline = end;  /* the last line has no end of line */
            }

          length = (gsize) (newline - start);
          *newline = '\0';
          self->line_number++;

          if (too_long)
            {
              /* The end of an over-long line: it was refused whole. */
              too_long = FALSE;
              self->report->lines++;
              if (!skip_bad)
                {
                  rubric_set_input_error (error, self->path, self->line_number,
                                          _("the line is longer than %u bytes"),
                                          (guint) MAX_LINE);
                  return FALSE;
                }
              self->report->skipped++;
              if (self->report->skipped_lines->len < RUBRIC_QUEUE_LOG_MAX_SKIPPED_LINES)
                g_array_append_val (self->report->skipped_lines, self->line_number);
            }
          else if (!handle_line (self, start, length, skip_bad, error))
            return FALSE;

          start = newline + (newline < end ? 1 : 0);
          if (newline == end)
            start = end;
        }

      consumed += (guint64) (start - buffer);
      filled = (gsize) (end - start);

      if (filled == BLOCK_SIZE)
        {
          /* No end of line in a whole block: drop it, remember the line. */
          too_long = TRUE;
          consumed += filled;
          filled = 0;
        }
      else if (filled > 0)
        memmove (buffer, start, filled);

      if (eof)
        return TRUE;

      if (self->line_number >= next_check)
        {
          next_check = self->line_number + CANCEL_CHECK_LINES;
          if (g_cancellable_is_cancelled (cancellable))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("%s: cancelled"),
                           self->path);
              return FALSE;
            }
        }

      if (progress != NULL && size > 0)
        progress (MIN (1.0, (double) consumed / (double) size), progress_data);
    }
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = *(const Entry * const *) a;
  const Entry *y = *(const Entry * const *) b;

  return (x->entered_at > y->entered_at) - (x->entered_at < y->entered_at);
}

/* What is still in progress at the end of the file is written open. */
static gboolean
write_open_entries (Import  *self,
                    GError **error)
{
  g_autoptr(GPtrArray) open = g_ptr_array_new ();
  GHashTableIter iter;
  Entry *entry;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    g_ptr_array_add (open, entry);

  /* In time order, so that repeat-contact links need no look-ahead. */
  g_ptr_array_sort (open, compare_entries);
  for (guint i = 0; i < open->len; i++)
    {
      entry = g_ptr_array_index (open, i);

      if (entry->outcome == RUBRIC_OUTCOME_PENDING)
        self->report->pending++;
      else
        self->report->talking++;

      if (entry->dirty && !write_entry (self, entry, error))
        return FALSE;
    }

  return TRUE;
}

/* The log, read inside rubric_call_import_run's transaction. */
static gboolean
import_log (const RubricCallImport  *run,
            GInputStream            *stream,
            guint64                  size,
            GError                 **error)
{
  Import *self = run->data;
  gint64 inserted, completed, unchanged;

  if (!((self->writer = rubric_call_writer_new (self->db, TRUE, error)) != NULL &&
        load_open (self, error) &&
        read_log (self, stream, size, self->skip_bad_lines, run->progress, run->progress_data,
                  run->cancellable, error) &&
        write_open_entries (self, error) &&
        rubric_call_writer_finish (self->writer, error)))
    return FALSE;

  /* What the PostgreSQL writer did with the records it buffered. */
  rubric_call_writer_counts (self->writer, &inserted, &completed, &unchanged);
  self->report->inserted += (guint64) inserted;
  self->report->completed += (guint64) completed;
  self->report->unchanged += (guint64) unchanged;
  return TRUE;
}

gboolean
rubric_queue_log_import (RubricDb                     *db,
                         const char                   *path,
                         const RubricQueueLogOptions  *options,
                         RubricProgressFunc            progress,
                         gpointer                      progress_data,
                         RubricQueueLogReport         *report,
                         GCancellable                 *cancellable,
                         GError                      **error)
{
  static const RubricQueueLogOptions no_options = { NULL, NULL, FALSE };
  RubricQueueLogReport counts = { 0, };
  Import import = { 0, };

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &no_options;

  counts.other_events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  counts.skipped_lines = g_array_new (FALSE, FALSE, sizeof (gint64));

  import.db = db;
  import.path = path;
  import.fixed_vendor = options->vendor;
  import.source_name = options->source != NULL ? options->source : "asterisk";
  import.skip_bad_lines = options->skip_bad_lines;
  import.report = &counts;
  import.entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  import.queues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import.agents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) g_hash_table_unref);
  import.key = g_string_new (NULL);

  /* It clears the import on every path. */
  if (!rubric_call_import_run (db, path,
                               &(RubricCallImport) {
                                 .vendor = options->vendor, .source = options->source,
                                 .body = import_log, .clear = (GDestroyNotify) import_clear,
                                 .data = &import, .progress = progress,
                                 .progress_data = progress_data, .cancellable = cancellable,
                               },
                               error))
    {
      rubric_queue_log_report_clear (&counts);
      return FALSE;
    }

  if (report != NULL)
    *report = counts;
  else
    rubric_queue_log_report_clear (&counts);

  return TRUE;
}

/* ------------------------------------------------------- unmapped queues */

/* Whether @name (in a queue_log) is a queue without a vendor; @known caches
 * the answers, name → GINT_TO_POINTER (1 + mapped). */
static int
queue_unmapped (RubricDb    *db,
                GHashTable  *known,
                const char  *name,
                GError     **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  gpointer cached = g_hash_table_lookup (known, name);
  gboolean mapped = FALSE;

  if (cached != NULL)
    return GPOINTER_TO_INT (cached) == 1;

  stmt = rubric_db_cached (db, "SELECT 1 FROM queues WHERE name = ?1 AND vendor_id IS NOT NULL",
                           error);
  if (stmt == NULL)
    return -1;
  rubric_stmt_bind_text (stmt, 1, name);
  mapped = rubric_stmt_step (stmt) == RUBRIC_ROW;

  g_hash_table_insert (known, g_strdup (name), GINT_TO_POINTER (1 + mapped));
  return !mapped;
}

GPtrArray *
rubric_queue_log_unmapped_queues (RubricDb      *db,
                                  const char    *path,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GDataInputStream) stream = NULL;
  g_autoptr(GHashTable) known = NULL;
  g_autoptr(GPtrArray) unmapped = NULL;
  gint64 line_number = 0;
  guint64 size = 0;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  input = rubric_open_input (path, &size, cancellable, error);
  if (input == NULL)
    return NULL;

  stream = g_data_input_stream_new (input);
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (stream), BLOCK_SIZE);
  known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  unmapped = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      g_autoptr(GError) read_error = NULL;
      g_autofree char *text = NULL;
      char *field[6];
      guint n;
      gsize length;
      int answer;

      text = g_data_input_stream_read_line (stream, &length, cancellable, &read_error);
      if (text == NULL)
        {
          if (read_error == NULL)
            break;
          if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("%s: cancelled"), path);
          else
            rubric_set_input_error (error, path, line_number + 1,
                                    _("cannot read the file: %s"), read_error->message);
          return NULL;
        }
      line_number++;

      /* time|call|queue|agent|EVENT|…: the sixth field takes the rest, so
       * the first five are cut at their ends. */
      n = rubric_queue_log_split_fields (text, field, G_N_ELEMENTS (field));
      if (n < 5)
        continue;
      g_strchomp (field[4]);

      if (rubric_queue_log_find_event (field[4]) == NULL ||
          is_none (field[1]) || is_none (field[2]) ||
          !g_utf8_validate (field[2], -1, NULL))
        continue;

      answer = queue_unmapped (db, known, field[2], error);
      if (answer < 0)
        return NULL;
      if (answer > 0 && GPOINTER_TO_INT (g_hash_table_lookup (known, field[2])) != 3)
        {
          /* 3: unmapped, already listed. */
          g_hash_table_insert (known, g_strdup (field[2]), GINT_TO_POINTER (3));
          g_ptr_array_add (unmapped, g_strdup (field[2]));
        }
    }

  return g_steal_pointer (&unmapped);
}
