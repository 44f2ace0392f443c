/* rubric-call-writer-pg.c — the call writer on PostgreSQL: COPY and set-based SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On PostgreSQL a statement per record costs a round trip per record. The
 * writer instead buffers the records it gets, COPYs them into a temporary
 * staging table and, in the caller's transaction, inserts the new calls,
 * completes the stored open ones (the C writer's rules, see
 * rubric-call-writer.c: complete_stored), and at the end recomputes the
 * next_gap of every caller it touched and rebuilds the rollups of every
 * vendor-day whose calls changed. The results are the same as the SQLite
 * writer's: the same calls, call_contacts, calls_open, next_gap and rollups.
 *
 * A batch holds each record key (source, call id, queue, time) once: a key
 * written again flushes the batch first, so writes of one key apply in
 * order, exactly as one by one.
 */

#include "config.h"

#include "rubric-call-writer-private.h"
#include "rubric-error.h"
#include "rubric-private.h"
#include "rubric-rollups.h"

#define PG_BATCH 250000

struct _RubricCallWriterPg
{
  GArray       *records;  /* RubricCallRecord, strings in @strings */
  GStringChunk *strings;
  GHashTable   *keys;     /* the batch's record keys */
  GString      *key;
  gboolean      tables;   /* the temporary tables exist */
  gint64        seq;
  gint64        unanalyzed;  /* rows inserted since the last ANALYZE */
  gint64        inserted;
  gint64        completed;
  gint64        unchanged;
};

void
rubric_call_writer_pg_free (RubricCallWriterPg *pg)
{
  if (pg == NULL)
    return;
  g_clear_pointer (&pg->records, g_array_unref);
  g_clear_pointer (&pg->strings, g_string_chunk_free);
  g_clear_pointer (&pg->keys, g_hash_table_unref);
  if (pg->key != NULL)
    g_string_free (pg->key, TRUE);
  g_free (pg);
}

RubricCallWriterPg *
rubric_call_writer_pg_new (void)
{
  RubricCallWriterPg *pg = g_new0 (RubricCallWriterPg, 1);

  pg->records = g_array_new (FALSE, FALSE, sizeof (RubricCallRecord));
  pg->strings = g_string_chunk_new (1 << 20);
  pg->keys = g_hash_table_new (g_str_hash, g_str_equal);
  pg->key = g_string_new (NULL);
  return pg;
}

static gboolean
ensure_tables (RubricCallWriter  *self,
               GError           **error)
{
  RubricCallWriterPg *pg = self->pg;

  if (pg->tables)
    return rubric_db_exec (self->db, "TRUNCATE rubric_call_stage, rubric_call_next", error);

  if (!rubric_db_exec (self->db,
                       "CREATE TEMP TABLE rubric_call_stage ("
                       "  seq bigint NOT NULL, source_id bigint NOT NULL,"
                       "  call_id text COLLATE \"C\" NOT NULL, queue_id bigint NOT NULL,"
                       "  entered_at bigint NOT NULL, vendor_id bigint NOT NULL,"
                       "  agent_id bigint, outcome bigint NOT NULL, wait_s double precision,"
                       "  talk_s double precision, hold_s double precision,"
                       "  wrap_s double precision, caller text COLLATE \"C\","
                       "  recording text COLLATE \"C\") ON COMMIT DROP;"
                       "CREATE TEMP TABLE rubric_call_next ("
                       "  vendor_id bigint NOT NULL, caller text COLLATE \"C\" NOT NULL,"
                       "  entered_at bigint NOT NULL, next bigint) ON COMMIT DROP;"
                       "CREATE TEMP TABLE rubric_call_times ("
                       "  vendor_id bigint NOT NULL, entered_at bigint NOT NULL)"
                       " ON COMMIT DROP",
                       error))
    return FALSE;

  pg->tables = TRUE;
  return TRUE;
}

static const char *
format_int (char   *buffer,
            gint64  value)
{
  g_snprintf (buffer, 32, "%" G_GINT64_FORMAT, value);
  return buffer;
}

static const char *
format_double (char     *buffer,
               gboolean  present,
               double    value)
{
  if (!present)
    return NULL;
  return g_ascii_dtostr (buffer, G_ASCII_DTOSTR_BUF_SIZE, value);
}

/* Completes the stored open records the batch writes again, then inserts
 * the new ones; notes the callers and times whose derived rows change. */
#define KEY_MATCH \
  "c.source_id = s.source_id AND c.call_id = s.call_id AND c.queue_id = s.queue_id" \
  " AND c.entered_at = s.entered_at"

static gboolean
count_rows (RubricCallWriter  *self,
            const char        *sql,
            gint64            *count,
            GError           **error)
{
  g_autoptr(RubricStmt) stmt = rubric_db_prepare (self->db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = rubric_stmt_step (stmt);
  if (rc != RUBRIC_ROW)
    return rubric_db_set_error (self->db, error);
  *count = rubric_stmt_column_int64 (stmt, 0);
  return TRUE;
}

/* The planner's statistics of a table grown inside this transaction are
 * those of before (autovacuum cannot see it): refreshed after many rows,
 * or the joins below are planned for an empty table. */
static gboolean
analyze_if_grown (RubricCallWriter  *self,
                  GError           **error)
{
  if (self->pg->unanalyzed < 10000)
    return TRUE;
  self->pg->unanalyzed = 0;
  return rubric_db_exec (self->db, "ANALYZE calls, call_contacts", error);
}

gboolean
rubric_call_writer_pg_flush (RubricCallWriter  *self,
                             GError           **error)
{
  static const char * const columns[] = {
    "seq", "source_id", "call_id", "queue_id", "entered_at", "vendor_id", "agent_id",
    "outcome", "wait_s", "talk_s", "hold_s", "wrap_s", "caller", "recording", NULL
  };
  RubricCallWriterPg *pg = self->pg;
  gint64 n = pg->records->len;
  gint64 completed = 0;
  gint64 inserted = 0;

  if (pg->records->len == 0)
    return TRUE;

  if (!ensure_tables (self, error) ||
      !rubric_db_bulk_begin (self->db, "rubric_call_stage", columns, error))
    return FALSE;

  for (guint i = 0; i < pg->records->len; i++)
    {
      const RubricCallRecord *r = &g_array_index (pg->records, RubricCallRecord, i);
      char b[14][G_ASCII_DTOSTR_BUF_SIZE + 32];
      const char *values[14];

      values[0] = format_int (b[0], pg->seq++);
      values[1] = format_int (b[1], r->source_id);
      values[2] = r->call_id;
      values[3] = format_int (b[3], r->queue_id);
      values[4] = format_int (b[4], r->entered_at);
      values[5] = format_int (b[5], r->vendor_id);
      values[6] = r->agent_id > 0 ? format_int (b[6], r->agent_id) : NULL;
      values[7] = format_int (b[7], r->outcome);
      values[8] = format_double (b[8], TRUE, r->wait_s);
      values[9] = format_double (b[9], r->has_talk, r->talk_s);
      values[10] = format_double (b[10], r->has_hold, r->hold_s);
      values[11] = format_double (b[11], r->has_wrap, r->wrap_s);
      values[12] = r->caller;
      values[13] = r->recording;
      if (!rubric_db_bulk_row (self->db, values, error))
        return FALSE;
    }

  if (!rubric_db_bulk_end (self->db, error))
    return FALSE;

  g_array_set_size (pg->records, 0);
  g_hash_table_remove_all (pg->keys);
  g_string_chunk_clear (pg->strings);

  if (!analyze_if_grown (self, error) ||
      !rubric_db_exec (self->db, "ANALYZE rubric_call_stage", error))
    return FALSE;

  /* complete_stored(): a pending record that gets an outcome, an answered
   * one without a talk time that gets one. */
  if (self->complete_open &&
      !count_rows (self,
                   "WITH u AS ("
                   "  UPDATE calls AS c SET outcome = s.outcome, wait_s = s.wait_s,"
                   "    agent_id = coalesce (s.agent_id, c.agent_id), talk_s = s.talk_s,"
                   "    hold_s = s.hold_s, wrap_s = s.wrap_s,"
                   "    caller = coalesce (c.caller, s.caller),"
                   "    recording = coalesce (c.recording, s.recording)"
                   "  FROM rubric_call_stage AS s WHERE " KEY_MATCH
                   "   AND ((c.outcome = 0 AND s.outcome <> 0) OR"
                   "        (c.outcome = 1 AND c.talk_s IS NULL AND s.outcome = 1"
                   "         AND s.talk_s IS NOT NULL))"
                   "  RETURNING c.id, c.vendor_id, c.entered_at, c.caller,"
                   "            s.outcome AS new_outcome, s.talk_s AS new_talk),"
                   " o AS (DELETE FROM calls_open WHERE call IN (SELECT id FROM u"
                   "        WHERE NOT (new_outcome = 0 OR (new_outcome = 1 AND new_talk IS NULL)))),"
                   " k AS (INSERT INTO call_contacts (vendor_id, caller, entered_at, call)"
                   "        SELECT vendor_id, caller, entered_at, id FROM u"
                   "         WHERE caller IS NOT NULL ON CONFLICT DO NOTHING),"
                   " t AS (INSERT INTO rubric_call_times SELECT vendor_id, entered_at FROM u)"
                   " SELECT count (*) FROM u",
                   &completed, error))
    return FALSE;

  /* Each caller's record times, stored (with those just completed) and
   * new, with the next later one: the next_gap of the new records, and
   * the new next_gap of the stored ones, set here. */
  if (!rubric_db_exec (self->db,
                       "INSERT INTO rubric_call_next"
                       " WITH n AS (SELECT DISTINCT vendor_id, caller FROM rubric_call_stage"
                       "             WHERE caller IS NOT NULL)"
                       " SELECT vendor_id, caller, entered_at,"
                       "        lead (entered_at) OVER (PARTITION BY vendor_id, caller"
                       "                                ORDER BY entered_at)"
                       "   FROM (SELECT s.vendor_id, s.caller, s.entered_at FROM rubric_call_stage AS s"
                       "          WHERE s.caller IS NOT NULL"
                       "            AND NOT EXISTS (SELECT 1 FROM calls AS c WHERE " KEY_MATCH ")"
                       "         UNION"
                       "         SELECT k.vendor_id, k.caller, k.entered_at FROM call_contacts AS k"
                       "           JOIN n ON n.vendor_id = k.vendor_id AND n.caller = k.caller) AS t;"
                       "ANALYZE rubric_call_next;"
                       "WITH u AS (UPDATE calls AS c SET next_gap = n.next - n.entered_at"
                       "  FROM call_contacts AS k JOIN rubric_call_next AS n"
                       "    ON n.vendor_id = k.vendor_id AND n.caller = k.caller"
                       "   AND n.entered_at = k.entered_at"
                       "  WHERE c.id = k.call AND c.next_gap IS DISTINCT FROM n.next - n.entered_at"
                       "  RETURNING c.vendor_id, c.entered_at)"
                       " INSERT INTO rubric_call_times SELECT vendor_id, entered_at FROM u",
                       error))
    return FALSE;

  if (!count_rows (self,
                   self->complete_open
                   ? "WITH i AS ("
                     "  INSERT INTO calls (source_id, call_id, queue_id, entered_at, vendor_id,"
                     "    agent_id, outcome, wait_s, talk_s, hold_s, wrap_s, caller, recording, next_gap)"
                     "  SELECT s.source_id, s.call_id, s.queue_id, s.entered_at, s.vendor_id,"
                     "    s.agent_id, s.outcome, s.wait_s, s.talk_s, s.hold_s, s.wrap_s, s.caller,"
                     "    s.recording, n.next - n.entered_at"
                     "   FROM rubric_call_stage AS s LEFT JOIN rubric_call_next AS n"
                     "     ON n.vendor_id = s.vendor_id AND n.caller = s.caller"
                     "    AND n.entered_at = s.entered_at"
                     "   WHERE NOT EXISTS (SELECT 1 FROM calls AS c WHERE " KEY_MATCH ")"
                     "   ORDER BY s.seq"
                     "  RETURNING id, source_id, vendor_id, entered_at, caller, outcome, talk_s),"
                     " o AS (INSERT INTO calls_open (call, source_id)"
                     "        SELECT id, source_id FROM i"
                     "         WHERE outcome = 0 OR (outcome = 1 AND talk_s IS NULL)),"
                     " k AS (INSERT INTO call_contacts (vendor_id, caller, entered_at, call)"
                     "        SELECT vendor_id, caller, entered_at, id FROM i"
                     "         WHERE caller IS NOT NULL),"
                     " t AS (INSERT INTO rubric_call_times SELECT vendor_id, entered_at FROM i)"
                     " SELECT count (*) FROM i"
                   : "WITH i AS ("
                     "  INSERT INTO calls (source_id, call_id, queue_id, entered_at, vendor_id,"
                     "    agent_id, outcome, wait_s, talk_s, hold_s, wrap_s, caller, recording, next_gap)"
                     "  SELECT s.source_id, s.call_id, s.queue_id, s.entered_at, s.vendor_id,"
                     "    s.agent_id, s.outcome, s.wait_s, s.talk_s, s.hold_s, s.wrap_s, s.caller,"
                     "    s.recording, n.next - n.entered_at"
                     "   FROM rubric_call_stage AS s LEFT JOIN rubric_call_next AS n"
                     "     ON n.vendor_id = s.vendor_id AND n.caller = s.caller"
                     "    AND n.entered_at = s.entered_at"
                     "   WHERE NOT EXISTS (SELECT 1 FROM calls AS c WHERE " KEY_MATCH ")"
                     "   ORDER BY s.seq"
                     "  RETURNING id, source_id, vendor_id, entered_at, caller),"
                     " k AS (INSERT INTO call_contacts (vendor_id, caller, entered_at, call)"
                     "        SELECT vendor_id, caller, entered_at, id FROM i"
                     "         WHERE caller IS NOT NULL),"
                     " t AS (INSERT INTO rubric_call_times SELECT vendor_id, entered_at FROM i)"
                     " SELECT count (*) FROM i",
                   &inserted, error))
    return FALSE;

  pg->inserted += inserted;
  pg->unanalyzed += inserted;
  pg->completed += completed;
  pg->unchanged += n - inserted - completed;
  return TRUE;
}

gboolean
rubric_call_writer_pg_write (RubricCallWriter        *self,
                             const RubricCallRecord  *record,
                             GError                 **error)
{
  RubricCallWriterPg *pg = self->pg;
  RubricCallRecord copy = *record;
  char *key;

  g_string_printf (pg->key, "%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT
                   "\t%s", record->source_id, record->queue_id, record->entered_at,
                   record->call_id);
  if (g_hash_table_contains (pg->keys, pg->key->str) ||
      pg->records->len >= PG_BATCH)
    {
      if (!rubric_call_writer_pg_flush (self, error))
        return FALSE;
    }

  key = g_string_chunk_insert_len (pg->strings, pg->key->str, (gssize) pg->key->len);
  g_hash_table_add (pg->keys, key);
  copy.call_id = g_string_chunk_insert (pg->strings, record->call_id);
  if (record->caller != NULL)
    copy.caller = g_string_chunk_insert (pg->strings, record->caller);
  if (record->recording != NULL)
    copy.recording = g_string_chunk_insert (pg->strings, record->recording);
  g_array_append_val (pg->records, copy);
  return TRUE;
}

/* The next_gap of every record of the callers touched, and the rollups of
 * every vendor-day whose calls changed. */
gboolean
rubric_call_writer_pg_finish (RubricCallWriter  *self,
                              GError           **error)
{
  if (!rubric_call_writer_pg_flush (self, error))
    return FALSE;
  if (!self->pg->tables)
    return TRUE;
  if (!analyze_if_grown (self, error) ||
      !rubric_db_exec (self->db, "ANALYZE rubric_call_times", error))
    return FALSE;

  return rubric_db_exec (self->db,
                         "CREATE TEMP TABLE rubric_call_days ON COMMIT DROP AS"
                         " SELECT DISTINCT t.vendor_id,"
                         "        rubric_local_day (t.entered_at, v.timezone) AS day"
                         "   FROM rubric_call_times AS t JOIN vendors AS v ON v.id = t.vendor_id;"
                         "ANALYZE rubric_call_days;"
                         "DELETE FROM call_rollups AS r USING rubric_call_days AS d"
                         " WHERE r.vendor_id = d.vendor_id AND r.day = d.day;"
                         /* RUBRIC_ROLLUPS_SELECT_SQL over the calls of those days,
                          * with each call's local day computed once; a local day
                          * lies within 26 hours of its UTC day. */
                         "INSERT INTO call_rollups (vendor_id, day, kind, bucket, n, total)"
                         " WITH a AS MATERIALIZED ("
                         "  SELECT c.vendor_id, c.outcome, c.wait_s, c.talk_s, c.hold_s, c.wrap_s,"
                         "         c.caller, c.next_gap, rubric_local_day (c.entered_at, v.timezone) AS day"
                         "    FROM calls AS c JOIN vendors AS v ON v.id = c.vendor_id"
                         "   WHERE c.outcome BETWEEN 1 AND 4"
                         "     AND c.entered_at >= (SELECT min (day) * 86400 - 93600 FROM rubric_call_days)"
                         "     AND c.entered_at < (SELECT max (day) * 86400 + 180000 FROM rubric_call_days)),"
                         " c AS MATERIALIZED (SELECT a.* FROM a JOIN rubric_call_days AS d"
                         "                     ON d.vendor_id = a.vendor_id AND d.day = a.day)"
                         " SELECT vendor_id, day, kind, bucket, count (*), total (x) FROM ("
                         "  SELECT vendor_id, day, outcome AS kind,"
                         "         CASE outcome WHEN 4 THEN 0 ELSE rubric_wait_bucket (wait_s) END AS bucket,"
                         "         coalesce (wait_s, 0) AS x FROM c"
                         "  UNION ALL"
                         "  SELECT vendor_id, day, 5, 0, talk_s + coalesce (hold_s, 0) + coalesce (wrap_s, 0)"
                         "    FROM c WHERE outcome = 1 AND talk_s IS NOT NULL"
                         "  UNION ALL"
                         "  SELECT vendor_id, day, 6, rubric_gap_bucket (next_gap), 0"
                         "    FROM c WHERE outcome = 1 AND caller IS NOT NULL"
                         " ) AS r GROUP BY vendor_id, day, kind, bucket;"
                         "DROP TABLE rubric_call_days;"
                         "TRUNCATE rubric_call_times",
                         error);
}

void
rubric_call_writer_pg_counts (RubricCallWriter *self,
                              gint64           *inserted,
                              gint64           *completed,
                              gint64           *unchanged)
{
  *inserted = self->pg != NULL ? self->pg->inserted : 0;
  *completed = self->pg != NULL ? self->pg->completed : 0;
  *unchanged = self->pg != NULL ? self->pg->unchanged : 0;
}
