/* rubric-call-writer-private.h — internals shared by the call writer and its repeat-contact links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-call-writer.h"
#include "rubric-rollups.h"

G_BEGIN_DECLS

typedef struct
{
  RubricDayCache *days;
  gint64          latest;        /* the latest entered_at of the vendor's records */
  gint64          start_latest;  /* …before this import: G_MININT64 when none */
} VendorState;

typedef struct _RubricCallWriterPg RubricCallWriterPg;

struct _RubricCallWriter
{
  RubricDb     *db;
  gboolean      complete_open;
  RubricCallWriterPg *pg;  /* on PostgreSQL: the batch (rubric-call-writer-pg.c) */

  RubricStmt *insert;
  RubricStmt *find;
  RubricStmt *update;
  RubricStmt *successor;
  RubricStmt *predecessors;
  RubricStmt *add_contacts;
  RubricStmt *add_contact;
  RubricStmt *open_add;
  RubricStmt *open_remove;
  RubricStmt *set_gap;
  RubricStmt *vendor_info;
  RubricStmt *add_rollup;
  RubricStmt *take_rollup;
  RubricStmt *drop_rollup;

  GHashTable   *vendors;  /* gint64* → VendorState* */
  GHashTable   *deltas;   /* DeltaKey* (inside Delta) → Delta* */
  GArray       *links;    /* Link, reused */
  GHashTable   *contacts; /* "VENDOR-ID:CALLER" → LastContact* */
  GArray       *gaps;     /* GapUpdate: next_gap writes not yet made */
  GString      *contact_key;
  /* What rubric_call_contacts_begin() found for the record being written */
  gpointer      current;          /* its caller's LastContact, or NULL */
  gboolean      current_seen;     /* the Bloom filter's answer for its caller */
  guint32       current_bits[3];  /* its caller's bits in the filter */
  guint         max_contacts;
  gint64        contacts_up_to;  /* calls up to this id are in call_contacts */
  gint64        last_id;         /* the latest call inserted */
  gint64        evicted_below;  /* contacts older than this may have been dropped */
  guint8       *seen;           /* Bloom filter of the contact keys of this import */
};

/* Steps @stmt that returns nothing needed, and makes it ready again. */
static inline gboolean
step_done (RubricCallWriter  *self,
           RubricStmt      *stmt,
           GError           **error)
{
  int rc = rubric_stmt_step (stmt);

  rubric_stmt_reset (stmt);
  rubric_stmt_clear_bindings (stmt);

  if (rc != RUBRIC_DONE && rc != RUBRIC_ROW)
    return rubric_db_set_error (self->db, error);

  return TRUE;
}

/* rubric-call-writer.c */
void     rubric_call_writer_add_delta           (RubricCallWriter        *self,
                                                 gint64                   vendor_id,
                                                 gint32                   day,
                                                 RubricRollupKind         kind,
                                                 gint64                   bucket,
                                                 gint64                   n,
                                                 double                   total);

/* rubric-call-writer-pg.c */
RubricCallWriterPg *rubric_call_writer_pg_new    (void);
void     rubric_call_writer_pg_free             (RubricCallWriterPg      *pg);
gboolean rubric_call_writer_pg_write            (RubricCallWriter        *self,
                                                 const RubricCallRecord  *record,
                                                 GError                 **error);
gboolean rubric_call_writer_pg_flush            (RubricCallWriter        *self,
                                                 GError                 **error);
gboolean rubric_call_writer_pg_finish           (RubricCallWriter        *self,
                                                 GError                 **error);
void     rubric_call_writer_pg_counts           (RubricCallWriter        *self,
                                                 gint64                  *inserted,
                                                 gint64                  *completed,
                                                 gint64                  *unchanged);

/* rubric-call-contacts.c */
void     rubric_call_contacts_init              (RubricCallWriter        *self);
gboolean rubric_call_contacts_inserted          (RubricCallWriter        *self,
                                                 gint64                   id,
                                                 GError                 **error);
void     rubric_call_contacts_forget            (RubricCallWriter        *self);
gboolean rubric_call_contacts_flush             (RubricCallWriter        *self,
                                                 GError                 **error);
gboolean rubric_call_contacts_flush_gaps        (RubricCallWriter        *self,
                                                 GError                 **error);
gboolean rubric_call_contacts_find_next_gap     (RubricCallWriter        *self,
                                                 VendorState             *state,
                                                 gint64                   vendor_id,
                                                 const char              *caller,
                                                 gint64                   entered_at,
                                                 gint64                  *gap,
                                                 GError                 **error);
gboolean rubric_call_contacts_link_predecessors (RubricCallWriter        *self,
                                                 VendorState             *state,
                                                 gint64                   vendor_id,
                                                 const char              *caller,
                                                 gint64                   entered_at,
                                                 GError                 **error);
void     rubric_call_contacts_begin             (RubricCallWriter        *self,
                                                 const RubricCallRecord  *record);
gboolean rubric_call_contacts_knows_no_next     (RubricCallWriter        *self,
                                                 VendorState             *state,
                                                 const RubricCallRecord  *record);
gboolean rubric_call_contacts_link_new          (RubricCallWriter        *self,
                                                 VendorState             *state,
                                                 const RubricCallRecord  *record,
                                                 gint64                   id,
                                                 gint64                   next_gap,
                                                 GError                 **error);

G_END_DECLS
