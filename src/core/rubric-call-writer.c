/* rubric-call-writer.c — writes call records with their rollups and FCR links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rubric-call-writer-private.h"
#include "rubric-error.h"
#include "rubric-private.h"
#include "rubric-rollups.h"

/* Rollup deltas are added to the database when this many distinct rows are
 * pending, so memory stays flat on any import. */
#define MAX_PENDING_DELTAS 200000
/* The page cache of a connection that imports, in KiB (SQLite's default is
 * 2 MiB); it stays set for the connection. */
#define IMPORT_CACHE_KB    32768

typedef struct
{
  gint64 vendor_id;
  gint64 bucket;
  gint32 day;
  gint32 kind;
} DeltaKey;

typedef struct
{
  DeltaKey key;
  gint64   n;
  double   total;
} Delta;

/* What a stored record adds to the rollups. */
typedef struct
{
  gint64        vendor_id;
  gint64        entered_at;
  RubricOutcome outcome;
  double        wait_s;
  gboolean      has_talk;
  double        handle_s;
  gboolean      has_caller;
  gint64        next_gap;  /* -1: none */
} Facts;

static guint
delta_key_hash (gconstpointer data)
{
  const DeltaKey *key = data;
  guint64 h = (guint64) key->vendor_id * 0x9E3779B97F4A7C15ull;

  h ^= (guint64) key->day * 0xC2B2AE3D27D4EB4Full;
  h ^= (guint64) key->kind * 0x165667B19E3779F9ull;
  h ^= (guint64) key->bucket * 0x27D4EB2F165667C5ull;
  return (guint) (h ^ (h >> 32));
}

static gboolean
delta_key_equal (gconstpointer a,
                 gconstpointer b)
{
  const DeltaKey *x = a;
  const DeltaKey *y = b;

  return x->vendor_id == y->vendor_id && x->day == y->day &&
         x->kind == y->kind && x->bucket == y->bucket;
}

static void
vendor_state_free (gpointer data)
{
  VendorState *state = data;

  rubric_day_cache_free (state->days);
  g_free (state);
}

void
rubric_call_writer_free (RubricCallWriter *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->pg, rubric_call_writer_pg_free);
  g_clear_pointer (&self->insert, rubric_stmt_finalize);
  g_clear_pointer (&self->find, rubric_stmt_finalize);
  g_clear_pointer (&self->update, rubric_stmt_finalize);
  g_clear_pointer (&self->successor, rubric_stmt_finalize);
  g_clear_pointer (&self->predecessors, rubric_stmt_finalize);
  g_clear_pointer (&self->add_contacts, rubric_stmt_finalize);
  g_clear_pointer (&self->add_contact, rubric_stmt_finalize);
  g_clear_pointer (&self->open_add, rubric_stmt_finalize);
  g_clear_pointer (&self->open_remove, rubric_stmt_finalize);
  g_clear_pointer (&self->set_gap, rubric_stmt_finalize);
  g_clear_pointer (&self->vendor_info, rubric_stmt_finalize);
  g_clear_pointer (&self->add_rollup, rubric_stmt_finalize);
  g_clear_pointer (&self->take_rollup, rubric_stmt_finalize);
  g_clear_pointer (&self->drop_rollup, rubric_stmt_finalize);
  g_clear_pointer (&self->vendors, g_hash_table_unref);
  g_clear_pointer (&self->deltas, g_hash_table_unref);
  g_clear_pointer (&self->links, g_array_unref);
  g_clear_pointer (&self->contacts, g_hash_table_unref);
  g_clear_pointer (&self->gaps, g_array_unref);
  g_clear_pointer (&self->seen, g_free);
  if (self->contact_key != NULL)
    g_string_free (g_steal_pointer (&self->contact_key), TRUE);
  g_free (self);
}

RubricCallWriter *
rubric_call_writer_new (RubricDb  *db,
                        gboolean   complete_open,
                        GError   **error)
{
  g_autoptr(RubricCallWriter) self = g_new0 (RubricCallWriter, 1);
  struct {
    RubricStmt **stmt;
    const char    *sql;
  } statements[] = {
    { &self->insert,
      "INSERT INTO calls (source_id, call_id, queue_id, entered_at, vendor_id, agent_id,"
      "  outcome, wait_s, talk_s, hold_s, wrap_s, caller, recording, next_gap)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
      " ON CONFLICT (source_id, call_id, queue_id, entered_at) DO NOTHING" },
    { &self->find,
      "SELECT id, outcome, wait_s, talk_s, hold_s, wrap_s, caller, next_gap FROM calls"
      " WHERE source_id = ?1 AND call_id = ?2 AND queue_id = ?3 AND entered_at = ?4" },
    { &self->update,
      "UPDATE calls SET outcome = ?2, wait_s = ?3, agent_id = coalesce (?4, agent_id),"
      "  talk_s = ?5, hold_s = ?6, wrap_s = ?7, caller = coalesce (caller, ?8),"
      "  recording = coalesce (recording, ?9), next_gap = ?10"
      " WHERE id = ?1" },
    { &self->successor,
      "SELECT min (entered_at) FROM call_contacts"
      " WHERE vendor_id = ?1 AND caller = ?2 AND entered_at > ?3" },
    { &self->predecessors,
      "SELECT c.id, c.entered_at, c.next_gap, c.outcome"
      " FROM call_contacts AS k JOIN calls AS c ON c.id = k.call"
      " WHERE k.vendor_id = ?1 AND k.caller = ?2 AND k.entered_at ="
      "  (SELECT max (entered_at) FROM call_contacts"
      "    WHERE vendor_id = ?1 AND caller = ?2 AND entered_at < ?3)" },
    { &self->add_contacts,
      "INSERT INTO call_contacts (vendor_id, caller, entered_at, call)"
      " SELECT vendor_id, caller, entered_at, id FROM calls"
      "  WHERE id > ?1 AND caller IS NOT NULL ORDER BY 1, 2, 3, 4"
      " ON CONFLICT DO NOTHING" },
    { &self->add_contact,
      "INSERT INTO call_contacts (vendor_id, caller, entered_at, call)"
      " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING" },
    { &self->open_add,
      "INSERT INTO calls_open (call, source_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING" },
    { &self->open_remove,
      "DELETE FROM calls_open WHERE call = ?1" },
    { &self->set_gap,
      "UPDATE calls SET next_gap = ?2 WHERE id = ?1" },
    { &self->vendor_info,
      "SELECT timezone, (SELECT max (entered_at) FROM calls WHERE vendor_id = ?1)"
      " FROM vendors WHERE id = ?1" },
    { &self->add_rollup,
      "INSERT INTO call_rollups (vendor_id, day, kind, bucket, n, total)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
      " ON CONFLICT (vendor_id, day, kind, bucket)"
      " DO UPDATE SET n = call_rollups.n + excluded.n,"
      "  total = call_rollups.total + excluded.total" },
    { &self->take_rollup,
      "UPDATE call_rollups SET n = n + ?5, total = total + ?6"
      " WHERE vendor_id = ?1 AND day = ?2 AND kind = ?3 AND bucket = ?4" },
    { &self->drop_rollup,
      "DELETE FROM call_rollups"
      " WHERE vendor_id = ?1 AND day = ?2 AND kind = ?3 AND bucket = ?4 AND n = 0" },
  };

  self->db = db;
  self->complete_open = complete_open;
  self->vendors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, vendor_state_free);
  self->deltas = g_hash_table_new_full (delta_key_hash, delta_key_equal, NULL, g_free);
  rubric_call_contacts_init (self);

  /* PostgreSQL: COPY and set-based SQL (rubric-call-writer-pg.c). */
  if (rubric_db_is_postgres (db))
    {
      self->pg = rubric_call_writer_pg_new ();
      return g_steal_pointer (&self);
    }

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      *statements[i].stmt = rubric_db_prepare (db, statements[i].sql, error);
      if (*statements[i].stmt == NULL)
        return NULL;
    }

  /* A big import touches every page of the indexes it grows: keep them in
   * memory instead of spilling them to the WAL and reading them back. */
  if (!rubric_db_exec (db, "PRAGMA cache_size = -" G_STRINGIFY (IMPORT_CACHE_KB), error))
    return NULL;

  {
    g_autoptr(RubricStmt) max_id = rubric_db_prepare (db, "SELECT max (id) FROM calls", error);

    if (max_id == NULL)
      return NULL;
    if (rubric_stmt_step (max_id) == RUBRIC_ROW)
      self->contacts_up_to = rubric_stmt_column_int64 (max_id, 0);
    self->last_id = self->contacts_up_to;
  }

  return g_steal_pointer (&self);
}

static VendorState *
vendor_state (RubricCallWriter  *self,
              gint64             vendor_id,
              GError           **error)
{
  VendorState *state = g_hash_table_lookup (self->vendors, &vendor_id);
  gint64 *key;
  int rc;

  if (state != NULL)
    return state;

  rubric_stmt_bind_int64 (self->vendor_info, 1, vendor_id);
  rc = rubric_stmt_step (self->vendor_info);
  if (rc != RUBRIC_ROW)
    {
      if (rc == RUBRIC_DONE)
        g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                     "vendor %" G_GINT64_FORMAT " does not exist", vendor_id);
      else
        rubric_db_set_error (self->db, error);
      rubric_stmt_reset (self->vendor_info);
      return NULL;
    }

  state = g_new0 (VendorState, 1);
  state->days = rubric_day_cache_new (rubric_stmt_column_text (self->vendor_info, 0));
  state->latest = rubric_stmt_column_type (self->vendor_info, 1) == RUBRIC_NULL
    ? G_MININT64 : rubric_stmt_column_int64 (self->vendor_info, 1);
  state->start_latest = state->latest;
  rubric_stmt_reset (self->vendor_info);

  key = g_new (gint64, 1);
  *key = vendor_id;
  g_hash_table_insert (self->vendors, key, state);
  return state;
}

static gboolean
flush_deltas (RubricCallWriter  *self,
              GError           **error)
{
  GHashTableIter iter;
  RubricStmt *stmt;
  Delta *delta;

  g_hash_table_iter_init (&iter, self->deltas);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &delta))
    {
      if (delta->n == 0 && delta->total == 0)
        continue;

      /* A negative delta takes from a row that must be there: the CHECK
       * on n would refuse it as an upsert's new row. */
      stmt = delta->n < 0 ? self->take_rollup : self->add_rollup;
      rubric_stmt_bind_int64 (stmt, 1, delta->key.vendor_id);
      rubric_stmt_bind_int (stmt, 2, delta->key.day);
      rubric_stmt_bind_int (stmt, 3, delta->key.kind);
      rubric_stmt_bind_int64 (stmt, 4, delta->key.bucket);
      rubric_stmt_bind_int64 (stmt, 5, delta->n);
      rubric_stmt_bind_double (stmt, 6, delta->total);
      if (!step_done (self, stmt, error))
        return FALSE;

      if (delta->n < 0)
        {
          if (rubric_db_changes (self->db) != 1)
            {
              g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                           _("%s: the call rollups do not match the calls (run “rubric-cli "
                             "check”)"),
                           rubric_db_get_path (self->db));
              return FALSE;
            }

          rubric_stmt_bind_int64 (self->drop_rollup, 1, delta->key.vendor_id);
          rubric_stmt_bind_int (self->drop_rollup, 2, delta->key.day);
          rubric_stmt_bind_int (self->drop_rollup, 3, delta->key.kind);
          rubric_stmt_bind_int64 (self->drop_rollup, 4, delta->key.bucket);
          if (!step_done (self, self->drop_rollup, error))
            return FALSE;
        }
    }

  g_hash_table_remove_all (self->deltas);
  return TRUE;
}

void
rubric_call_writer_add_delta (RubricCallWriter *self,
                              gint64            vendor_id,
                              gint32            day,
                              RubricRollupKind  kind,
                              gint64            bucket,
                              gint64            n,
                              double            total)
{
  DeltaKey key = { vendor_id, bucket, day, (gint32) kind };
  Delta *delta = g_hash_table_lookup (self->deltas, &key);

  if (delta == NULL)
    {
      delta = g_new0 (Delta, 1);
      delta->key = key;
      g_hash_table_insert (self->deltas, &delta->key, delta);
    }

  delta->n += n;
  delta->total += total;
}

static void
add_facts (RubricCallWriter *self,
           VendorState      *state,
           const Facts      *facts,
           int               sign)
{
  gint32 day;

  if (facts->outcome == RUBRIC_OUTCOME_PENDING)
    return;

  day = rubric_day_cache_day (state->days, facts->entered_at);

  rubric_call_writer_add_delta (self, facts->vendor_id, day, (RubricRollupKind) facts->outcome,
                                facts->outcome == RUBRIC_OUTCOME_OTHER
                                  ? 0 : rubric_wait_bucket (facts->wait_s),
                                sign, sign * facts->wait_s);

  if (facts->outcome != RUBRIC_OUTCOME_ANSWERED)
    return;

  if (facts->has_talk)
    rubric_call_writer_add_delta (self, facts->vendor_id, day, RUBRIC_ROLLUP_HANDLE, 0,
                                  sign, sign * facts->handle_s);

  if (facts->has_caller)
    rubric_call_writer_add_delta (self, facts->vendor_id, day, RUBRIC_ROLLUP_REPEAT,
                                  rubric_gap_bucket (facts->next_gap), sign, 0);
}

static void
record_facts (const RubricCallRecord *record,
              gint64                  next_gap,
              Facts                  *facts)
{
  facts->vendor_id = record->vendor_id;
  facts->entered_at = record->entered_at;
  facts->outcome = record->outcome;
  facts->wait_s = record->wait_s;
  facts->has_talk = record->has_talk;
  facts->handle_s = record->talk_s + (record->has_hold ? record->hold_s : 0) +
                    (record->has_wrap ? record->wrap_s : 0);
  facts->has_caller = record->caller != NULL;
  facts->next_gap = next_gap;
}

static void
bind_optional_double (RubricStmt *stmt,
                      int           index,
                      gboolean      present,
                      double        value)
{
  if (present)
    rubric_stmt_bind_double (stmt, index, value);
  else
    rubric_stmt_bind_null (stmt, index);
}

/* Open: a queue_log may still complete it. */
static gboolean
is_open (const RubricCallRecord *record)
{
  return record->outcome == RUBRIC_OUTCOME_PENDING ||
         (record->outcome == RUBRIC_OUTCOME_ANSWERED && !record->has_talk);
}

static gboolean
mark_open (RubricCallWriter        *self,
           gint64                   id,
           const RubricCallRecord  *record,
           gboolean                 open,
           GError                 **error)
{
  RubricStmt *stmt = open ? self->open_add : self->open_remove;

  rubric_stmt_bind_int64 (stmt, 1, id);
  if (open)
    rubric_stmt_bind_int64 (stmt, 2, record->source_id);

  return step_done (self, stmt, error);
}

/* A stored record that a fuller write completes: returns FALSE in
 * *@completes when it is already as complete. */
static gboolean
complete_stored (RubricCallWriter        *self,
                 VendorState             *state,
                 const RubricCallRecord  *record,
                 gboolean                *completed,
                 GError                 **error)
{
  RubricStmt *find = self->find;
  Facts old = { 0, };
  Facts new = { 0, };
  gboolean old_talk;
  gboolean old_caller;
  gint64 id;
  gint64 next_gap;
  int rc;

  *completed = FALSE;

  if (self->gaps->len > 0 && !rubric_call_contacts_flush_gaps (self, error))
    return FALSE;

  rubric_stmt_bind_int64 (find, 1, record->source_id);
  rubric_stmt_bind_text_static (find, 2, record->call_id);
  rubric_stmt_bind_int64 (find, 3, record->queue_id);
  rubric_stmt_bind_int64 (find, 4, record->entered_at);
  rc = rubric_stmt_step (find);
  if (rc != RUBRIC_ROW)
    {
      rubric_stmt_reset (find);
      rubric_stmt_clear_bindings (find);
      return rc == RUBRIC_DONE ? TRUE : rubric_db_set_error (self->db, error);
    }

  id = rubric_stmt_column_int64 (find, 0);
  old.vendor_id = record->vendor_id;
  old.entered_at = record->entered_at;
  old.outcome = rubric_stmt_column_int (find, 1);
  old.wait_s = rubric_stmt_column_double (find, 2);
  old_talk = rubric_stmt_column_type (find, 3) != RUBRIC_NULL;
  old.has_talk = old_talk;
  old.handle_s = rubric_stmt_column_double (find, 3) + rubric_stmt_column_double (find, 4) +
                 rubric_stmt_column_double (find, 5);
  old_caller = rubric_stmt_column_type (find, 6) != RUBRIC_NULL;
  old.has_caller = old_caller;
  old.next_gap = rubric_stmt_column_type (find, 7) == RUBRIC_NULL ? -1 : rubric_stmt_column_int64 (find, 7);
  rubric_stmt_reset (find);
  rubric_stmt_clear_bindings (find);

  if (!((old.outcome == RUBRIC_OUTCOME_PENDING && record->outcome != RUBRIC_OUTCOME_PENDING) ||
        (old.outcome == RUBRIC_OUTCOME_ANSWERED && !old_talk &&
         record->outcome == RUBRIC_OUTCOME_ANSWERED && record->has_talk)))
    return TRUE;

  /* A caller first known now links the record into the caller's chain. */
  next_gap = old.next_gap;
  if (!old_caller && record->caller != NULL)
    {
      if (!rubric_call_contacts_find_next_gap (self, state, record->vendor_id, record->caller,
                                               record->entered_at, &next_gap, error) ||
          !rubric_call_contacts_link_predecessors (self, state, record->vendor_id,
                                                   record->caller, record->entered_at, error))
        return FALSE;
    }

  rubric_stmt_bind_int64 (self->update, 1, id);
  rubric_stmt_bind_int (self->update, 2, (int) record->outcome);
  rubric_stmt_bind_double (self->update, 3, record->wait_s);
  if (record->agent_id > 0)
    rubric_stmt_bind_int64 (self->update, 4, record->agent_id);
  bind_optional_double (self->update, 5, record->has_talk, record->talk_s);
  bind_optional_double (self->update, 6, record->has_hold, record->hold_s);
  bind_optional_double (self->update, 7, record->has_wrap, record->wrap_s);
  if (record->caller != NULL)
    rubric_stmt_bind_text_static (self->update, 8, record->caller);
  if (record->recording != NULL)
    rubric_stmt_bind_text_static (self->update, 9, record->recording);
  if (next_gap >= 0)
    rubric_stmt_bind_int64 (self->update, 10, next_gap);
  if (!step_done (self, self->update, error))
    return FALSE;

  if (!is_open (record) && !mark_open (self, id, record, FALSE, error))
    return FALSE;

  if (!old_caller && record->caller != NULL)
    {
      rubric_stmt_bind_int64 (self->add_contact, 1, record->vendor_id);
      rubric_stmt_bind_text_static (self->add_contact, 2, record->caller);
      rubric_stmt_bind_int64 (self->add_contact, 3, record->entered_at);
      rubric_stmt_bind_int64 (self->add_contact, 4, id);
      if (!step_done (self, self->add_contact, error))
        return FALSE;
    }

  /* The row changed under a contact this writer may remember. */
  if (record->caller != NULL || old_caller)
    {
      rubric_call_contacts_forget (self);
    }

  record_facts (record, next_gap, &new);
  new.has_caller = old_caller || record->caller != NULL;
  add_facts (self, state, &old, -1);
  add_facts (self, state, &new, 1);

  *completed = TRUE;
  return TRUE;
}

gboolean
rubric_call_writer_write (RubricCallWriter        *self,
                          const RubricCallRecord  *record,
                          RubricCallWrite         *result,
                          GError                 **error)
{
  RubricStmt *insert = self->insert;
  VendorState *state;
  gint64 next_gap = -1;
  gint64 id = 0;
  gboolean completed;
  Facts facts;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (record->call_id != NULL, FALSE);

  if (self->pg != NULL)
    {
      *result = RUBRIC_CALL_DEFERRED;
      return rubric_call_writer_pg_write (self, record, error);
    }

  state = vendor_state (self, record->vendor_id, error);
  if (state == NULL)
    return FALSE;

  if (record->caller != NULL)
    rubric_call_contacts_begin (self, record);

  if (record->caller != NULL && !rubric_call_contacts_knows_no_next (self, state, record) &&
      !rubric_call_contacts_find_next_gap (self, state, record->vendor_id, record->caller,
                                           record->entered_at, &next_gap, error))
    return FALSE;

  rubric_stmt_bind_int64 (insert, 1, record->source_id);
  rubric_stmt_bind_text_static (insert, 2, record->call_id);
  rubric_stmt_bind_int64 (insert, 3, record->queue_id);
  rubric_stmt_bind_int64 (insert, 4, record->entered_at);
  rubric_stmt_bind_int64 (insert, 5, record->vendor_id);
  if (record->agent_id > 0)
    rubric_stmt_bind_int64 (insert, 6, record->agent_id);
  rubric_stmt_bind_int (insert, 7, (int) record->outcome);
  rubric_stmt_bind_double (insert, 8, record->wait_s);
  bind_optional_double (insert, 9, record->has_talk, record->talk_s);
  bind_optional_double (insert, 10, record->has_hold, record->hold_s);
  bind_optional_double (insert, 11, record->has_wrap, record->wrap_s);
  if (record->caller != NULL)
    rubric_stmt_bind_text_static (insert, 12, record->caller);
  if (record->recording != NULL)
    rubric_stmt_bind_text_static (insert, 13, record->recording);
  if (next_gap >= 0)
    rubric_stmt_bind_int64 (insert, 14, next_gap);

  /* This row path is SQLite's (PostgreSQL's writer returned above), where
   * the new row's id is read after the insert: a RETURNING clause made
   * SQLite keep an ephemeral table per row, a third of the import's time. */
  if (!step_done (self, insert, error))
    return FALSE;

  if (rubric_db_changes (self->db) == 0)
    {
      if (self->complete_open && !complete_stored (self, state, record, &completed, error))
        return FALSE;

      *result = self->complete_open && completed ? RUBRIC_CALL_COMPLETED : RUBRIC_CALL_UNCHANGED;
    }
  else
    {
      id = rubric_db_last_insert_id (self->db);

      if (!rubric_call_contacts_inserted (self, id, error))
        return FALSE;

      if (self->complete_open && is_open (record) && !mark_open (self, id, record, TRUE, error))
        return FALSE;

      if (record->caller != NULL &&
          !rubric_call_contacts_link_new (self, state, record, id, next_gap, error))
        return FALSE;

      record_facts (record, next_gap, &facts);
      add_facts (self, state, &facts, 1);
      state->latest = MAX (state->latest, record->entered_at);
      *result = RUBRIC_CALL_INSERTED;
    }

  if (g_hash_table_size (self->deltas) >= MAX_PENDING_DELTAS)
    return flush_deltas (self, error);

  return TRUE;
}

gboolean
rubric_call_writer_finish (RubricCallWriter  *self,
                           GError           **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->pg != NULL)
    return rubric_call_writer_pg_finish (self, error);

  return rubric_call_contacts_flush (self, error) &&
         rubric_call_contacts_flush_gaps (self, error) &&
         flush_deltas (self, error);
}

void
rubric_call_writer_counts (RubricCallWriter *self,
                           gint64           *inserted,
                           gint64           *completed,
                           gint64           *unchanged)
{
  rubric_call_writer_pg_counts (self, inserted, completed, unchanged);
}
