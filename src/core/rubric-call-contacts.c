/* rubric-call-contacts.c — repeat-contact links between the records of a caller
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each record with a caller knows the seconds to the caller's next record
 * (next_gap), which the repeat-contact rollups count. The writer keeps the
 * latest record of each caller in memory, with a Bloom filter of the callers
 * it wrote, so that a log in time order links its records without asking
 * the database; anything else is found through call_contacts.
 */

#include "config.h"

#include "rubric-call-writer-private.h"
#include "rubric-error.h"
#include "rubric-private.h"
#include "rubric-rollups.h"

/* The latest record of a caller written by this import. While records come
 * in time order (a queue_log always does), it is the previous contact of
 * the caller's next record, found without asking the database. */
typedef struct
{
  gint64   entered_at;
  gint64   id;
  gint64   next_gap;  /* -1: none */
  gint32   day;
  gboolean answered;
  gboolean tied;      /* another record of the caller has the same time */
} LastContact;

/* A next_gap to write. They are gathered and written in row order: one
 * pass over the table instead of a jump per repeat contact. */
typedef struct
{
  gint64 id;
  gint64 gap;
} GapUpdate;

#define MAX_GAP_UPDATES 500000

/* New calls are added to call_contacts at least this often, so the sort of
 * each batch stays small. */
#define CONTACTS_BATCH 200000

/* Past this many callers, the table is emptied and the database asked:
 * memory stays flat on any log. */
#define MAX_CONTACTS 200000
/* 2^24 bits: under 0.5 % false positives for a million callers. */
#define SEEN_BITS    (1u << 24)

typedef struct
{
  gint64 id;
  gint64 entered_at;
  gint64 next_gap;
  int    outcome;
} Link;

void
rubric_call_contacts_init (RubricCallWriter *self)
{
  self->links = g_array_new (FALSE, FALSE, sizeof (Link));
  self->contacts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->contact_key = g_string_new (NULL);
  self->gaps = g_array_new (FALSE, FALSE, sizeof (GapUpdate));
  self->evicted_below = G_MININT64;
  /* The tests make it small, to go through every path with small logs. */
  self->max_contacts = g_getenv ("RUBRIC_TEST_MAX_CONTACTS") != NULL
    ? (guint) MAX (2, g_ascii_strtoull (g_getenv ("RUBRIC_TEST_MAX_CONTACTS"), NULL, 10))
    : MAX_CONTACTS;
}

/* A record of @id was just inserted: its contact goes to call_contacts with
 * the next batch. */
gboolean
rubric_call_contacts_inserted (RubricCallWriter  *self,
                               gint64             id,
                               GError           **error)
{
  self->last_id = MAX (self->last_id, id);
  if (self->last_id - self->contacts_up_to >= CONTACTS_BATCH &&
      !rubric_call_contacts_flush (self, error))
    return FALSE;

  return TRUE;
}

/* A stored row changed under a contact in memory: forget them all, and
 * ask the database from now on. */
void
rubric_call_contacts_forget (RubricCallWriter *self)
{
  g_hash_table_remove_all (self->contacts);
  self->current = NULL;
  self->evicted_below = G_MAXINT64;
}

/* Adds the contacts of the calls inserted since the last time, in key
 * order: before anything reads call_contacts, and at the end. */
gboolean
rubric_call_contacts_flush (RubricCallWriter  *self,
                            GError           **error)
{
  if (self->last_id <= self->contacts_up_to)
    return TRUE;

  rubric_stmt_bind_int64 (self->add_contacts, 1, self->contacts_up_to);
  if (!step_done (self, self->add_contacts, error))
    return FALSE;

  self->contacts_up_to = self->last_id;
  return TRUE;
}

/* Seconds to the caller's next record after @entered_at, or -1. */
gboolean
rubric_call_contacts_find_next_gap (RubricCallWriter  *self,
                                    VendorState       *state,
                                    gint64             vendor_id,
                                    const char        *caller,
                                    gint64             entered_at,
                                    gint64            *gap,
                                    GError           **error)
{
  int rc;

  *gap = -1;

  /* Records mostly come in time order: nothing can follow the latest. */
  if (entered_at >= state->latest)
    return TRUE;

  if (!rubric_call_contacts_flush (self, error))
    return FALSE;

  rubric_stmt_bind_int64 (self->successor, 1, vendor_id);
  rubric_stmt_bind_text_static (self->successor, 2, caller);
  rubric_stmt_bind_int64 (self->successor, 3, entered_at);
  rc = rubric_stmt_step (self->successor);
  if (rc == RUBRIC_ROW && rubric_stmt_column_type (self->successor, 0) != RUBRIC_NULL)
    *gap = rubric_stmt_column_int64 (self->successor, 0) - entered_at;
  rubric_stmt_reset (self->successor);
  rubric_stmt_clear_bindings (self->successor);

  if (rc != RUBRIC_ROW && rc != RUBRIC_DONE)
    return rubric_db_set_error (self->db, error);

  return TRUE;
}

static int
compare_gap_updates (gconstpointer a,
                     gconstpointer b)
{
  const GapUpdate *x = a;
  const GapUpdate *y = b;

  return (x->id > y->id) - (x->id < y->id);
}

/* Writes the gathered next_gap values; before anything reads them back. */
gboolean
rubric_call_contacts_flush_gaps (RubricCallWriter  *self,
                                 GError           **error)
{
  /* A stable sort keeps the last value written for a row last. */
  g_array_sort (self->gaps, compare_gap_updates);

  for (guint i = 0; i < self->gaps->len; i++)
    {
      const GapUpdate *update = &g_array_index (self->gaps, GapUpdate, i);

      if (i + 1 < self->gaps->len &&
          g_array_index (self->gaps, GapUpdate, i + 1).id == update->id)
        continue;

      rubric_stmt_bind_int64 (self->set_gap, 1, update->id);
      rubric_stmt_bind_int64 (self->set_gap, 2, update->gap);
      if (!step_done (self, self->set_gap, error))
        return FALSE;
    }

  g_array_set_size (self->gaps, 0);
  return TRUE;
}

/* The caller's records just before @entered_at now have it as their next
 * record: shorten their gaps, and move answered ones to their new bucket. */
gboolean
rubric_call_contacts_link_predecessors (RubricCallWriter  *self,
                                        VendorState       *state,
                                        gint64             vendor_id,
                                        const char        *caller,
                                        gint64             entered_at,
                                        GError           **error)
{
  GArray *links = self->links;
  int rc;

  if ((self->gaps->len > 0 && !rubric_call_contacts_flush_gaps (self, error)) ||
      !rubric_call_contacts_flush (self, error))
    return FALSE;

  g_array_set_size (links, 0);

  rubric_stmt_bind_int64 (self->predecessors, 1, vendor_id);
  rubric_stmt_bind_text_static (self->predecessors, 2, caller);
  rubric_stmt_bind_int64 (self->predecessors, 3, entered_at);

  while ((rc = rubric_stmt_step (self->predecessors)) == RUBRIC_ROW)
    {
      Link link;

      link.id = rubric_stmt_column_int64 (self->predecessors, 0);
      link.entered_at = rubric_stmt_column_int64 (self->predecessors, 1);
      link.next_gap = rubric_stmt_column_type (self->predecessors, 2) == RUBRIC_NULL
        ? -1 : rubric_stmt_column_int64 (self->predecessors, 2);
      link.outcome = rubric_stmt_column_int (self->predecessors, 3);
      g_array_append_val (links, link);
    }
  rubric_stmt_reset (self->predecessors);
  rubric_stmt_clear_bindings (self->predecessors);

  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (self->db, error);

  for (guint i = 0; i < links->len; i++)
    {
      Link *link = &g_array_index (links, Link, i);
      gint64 gap = entered_at - link->entered_at;

      if (link->next_gap >= 0 && link->next_gap <= gap)
        continue;

      rubric_stmt_bind_int64 (self->set_gap, 1, link->id);
      rubric_stmt_bind_int64 (self->set_gap, 2, gap);
      if (!step_done (self, self->set_gap, error))
        return FALSE;

      if (link->outcome == RUBRIC_OUTCOME_ANSWERED)
        {
          gint32 day = rubric_day_cache_day (state->days, link->entered_at);

          rubric_call_writer_add_delta (self, vendor_id, day, RUBRIC_ROLLUP_REPEAT,
                                        rubric_gap_bucket (link->next_gap), -1, 0);
          rubric_call_writer_add_delta (self, vendor_id, day, RUBRIC_ROLLUP_REPEAT,
                                        rubric_gap_bucket (gap), 1, 0);
        }
    }

  return TRUE;
}

/* The previous contact is @last, known without the database: shorten its
 * gap, and move it to its new bucket if answered. */
static gboolean
link_in_memory (RubricCallWriter  *self,
                LastContact       *last,
                gint64             vendor_id,
                gint64             entered_at,
                GError           **error)
{
  gint64 gap = entered_at - last->entered_at;

  if (last->next_gap >= 0 && last->next_gap <= gap)
    return TRUE;

  g_array_append_vals (self->gaps, &(GapUpdate) { last->id, gap }, 1);
  if (self->gaps->len >= MAX_GAP_UPDATES && !rubric_call_contacts_flush_gaps (self, error))
    return FALSE;

  if (last->answered)
    {
      rubric_call_writer_add_delta (self, vendor_id, last->day, RUBRIC_ROLLUP_REPEAT,
                                    rubric_gap_bucket (last->next_gap), -1, 0);
      rubric_call_writer_add_delta (self, vendor_id, last->day, RUBRIC_ROLLUP_REPEAT,
                                    rubric_gap_bucket (gap), 1, 0);
    }

  last->next_gap = gap;
  return TRUE;
}

/* The Bloom filter of the contact keys this import wrote: "no" is sure.
 * The current key's bits are computed once, by rubric_call_contacts_begin. */
static void
seen_positions (RubricCallWriter *self,
                guint32           positions[3])
{
  const guchar *p = (const guchar *) self->contact_key->str;
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);
  guint32 h1, h2;

  for (; *p != '\0'; p++)
    h = (h ^ *p) * G_GUINT64_CONSTANT (1099511628211);

  h1 = (guint32) h;
  h2 = (guint32) (h >> 32) | 1;
  for (guint i = 0; i < 3; i++)
    positions[i] = (h1 + i * h2) & (SEEN_BITS - 1);
}

static gboolean
seen_before (RubricCallWriter *self)
{
  if (self->seen == NULL)
    return FALSE;

  for (guint i = 0; i < 3; i++)
    if (!(self->seen[self->current_bits[i] >> 3] & (1u << (self->current_bits[i] & 7))))
      return FALSE;

  return TRUE;
}

static void
mark_seen (RubricCallWriter *self)
{
  if (self->seen == NULL)
    self->seen = g_malloc0 (SEEN_BITS / 8);

  for (guint i = 0; i < 3; i++)
    self->seen[self->current_bits[i] >> 3] |= (guint8) (1u << (self->current_bits[i] & 7));
}

/* Drops the older half of the contacts in memory (by time): a log comes in
 * time order, so those are the least likely to be needed again. */
static void
evict_contacts (RubricCallWriter *self)
{
  GHashTableIter iter;
  LastContact *last;
  gint64 oldest = G_MAXINT64;
  gint64 newest = G_MININT64;
  gint64 cutoff;

  g_hash_table_iter_init (&iter, self->contacts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &last))
    {
      oldest = MIN (oldest, last->entered_at);
      newest = MAX (newest, last->entered_at);
    }

  cutoff = oldest + (newest - oldest) / 2 + 1;
  g_hash_table_iter_init (&iter, self->contacts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &last))
    if (last->entered_at < cutoff)
      g_hash_table_iter_remove (&iter);

  /* Too few went (most contacts in one instant): start afresh. */
  if (g_hash_table_size (self->contacts) > self->max_contacts * 3 / 4)
    {
      g_hash_table_remove_all (self->contacts);
      cutoff = newest + 1;
    }

  self->evicted_below = MAX (self->evicted_below, cutoff);
}

/* Links a record just inserted to the caller's previous contact: from
 * memory when that is exact, else from the database. */
gboolean
rubric_call_contacts_link_new (RubricCallWriter        *self,
                               VendorState             *state,
                               const RubricCallRecord  *record,
                               gint64                   id,
                               gint64                   next_gap,
                               GError                 **error)
{
  gint64 t = record->entered_at;
  LastContact *last = self->current;

  /* No record of the database lies between two records newer than all it
   * held when the import began: the one in memory is the previous one. */
  if (last != NULL && !last->tied && t > last->entered_at &&
      last->entered_at > state->start_latest)
    {
      if (!link_in_memory (self, last, record->vendor_id, t, error))
        return FALSE;
    }
  else if (last == NULL && state->start_latest == G_MININT64 && !self->current_seen)
    {
      /* The vendor had no records, and this caller none in this import. */
    }
  else if (!rubric_call_contacts_link_predecessors (self, state, record->vendor_id,
                                                    record->caller, t, error))
    return FALSE;

  mark_seen (self);

  if (last != NULL && t == last->entered_at)
    {
      last->tied = TRUE;
      return TRUE;
    }
  if (last != NULL && t < last->entered_at)
    return TRUE;

  if (last == NULL)
    {
      if (g_hash_table_size (self->contacts) >= self->max_contacts)
        evict_contacts (self);
      last = g_new0 (LastContact, 1);
      g_hash_table_insert (self->contacts, g_strdup (self->contact_key->str), last);
    }

  last->entered_at = t;
  last->id = id;
  last->next_gap = next_gap;
  last->day = rubric_day_cache_day (state->days, t);
  last->answered = record->outcome == RUBRIC_OUTCOME_ANSWERED;
  last->tied = FALSE;
  return TRUE;
}

/* Looks the record's caller up once: its key "VENDOR-ID:CALLER" (built
 * without printf: this runs for every record), its latest contact in
 * memory, and whether the Bloom filter has seen it. */
void
rubric_call_contacts_begin (RubricCallWriter        *self,
                            const RubricCallRecord  *record)
{
  char digits[24];
  guint n = 0;
  guint64 v = (guint64) record->vendor_id;

  do
    digits[n++] = (char) ('0' + v % 10);
  while ((v /= 10) > 0);

  g_string_truncate (self->contact_key, 0);
  while (n > 0)
    g_string_append_c (self->contact_key, digits[--n]);
  g_string_append_c (self->contact_key, ':');
  g_string_append (self->contact_key, record->caller);

  seen_positions (self, self->current_bits);
  self->current_seen = seen_before (self);
  self->current = g_hash_table_lookup (self->contacts, self->contact_key->str);
}

/* Whether the caller surely has no record after @record's time, known
 * without the database: none was there newer than it when the import began,
 * and none of this import is (the latest of them is in memory). */
gboolean
rubric_call_contacts_knows_no_next (RubricCallWriter        *self,
                                    VendorState             *state,
                                    const RubricCallRecord  *record)
{
  LastContact *last = self->current;

  if (record->entered_at < state->start_latest)
    return FALSE;

  if (last != NULL)
    return last->entered_at <= record->entered_at;

  /* Not in memory: never seen, or dropped for being older than this. */
  return !self->current_seen || record->entered_at >= self->evicted_below;
}
