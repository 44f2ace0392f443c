/* rubric-call-list.h — the review queue: call records to score, as a paged list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-paged-list.h"

G_BEGIN_DECLS

/* One call record as the review queue shows it. */
#define RUBRIC_TYPE_CALL_ROW (rubric_call_row_get_type ())

G_DECLARE_FINAL_TYPE (RubricCallRow, rubric_call_row, RUBRIC, CALL_ROW, RubricPagedRow)

typedef enum
{
  RUBRIC_CALL_UNSCORED,   /* no evaluation */
  RUBRIC_CALL_DRAFT,      /* a draft, nothing submitted */
  RUBRIC_CALL_SCORED,     /* a submitted (or calibration) evaluation */
} RubricCallState;

gint64          rubric_call_row_get_id        (RubricCallRow *self);
const char     *rubric_call_row_get_call_id   (RubricCallRow *self);
gint64          rubric_call_row_get_vendor_id (RubricCallRow *self);
const char     *rubric_call_row_get_vendor    (RubricCallRow *self);
const char     *rubric_call_row_get_agent     (RubricCallRow *self);
RubricCallState rubric_call_row_get_state     (RubricCallRow *self);
/* FALSE for a call no agent answered (abandoned, timeout, other): there
 * is no one to score. */
gboolean        rubric_call_row_get_answered  (RubricCallRow *self);

#define RUBRIC_TYPE_CALL_LIST (rubric_call_list_get_type ())

G_DECLARE_FINAL_TYPE (RubricCallList, rubric_call_list, RUBRIC, CALL_LIST, RubricPagedList)

/* The keys of rubric_paged_list_set_sort (). */
typedef enum
{
  RUBRIC_CALL_SORT_TIME,
  RUBRIC_CALL_SORT_VENDOR,
  RUBRIC_CALL_SORT_AGENT,
  RUBRIC_CALL_SORT_QUEUE,
  RUBRIC_CALL_SORT_WAIT,
  RUBRIC_CALL_SORT_TALK,
  RUBRIC_CALL_SORT_RECORDING,  /* with a recording (descending: those first) */
} RubricCallSort;

typedef enum
{
  RUBRIC_CALL_SHOW_ALL,
  RUBRIC_CALL_SHOW_UNSCORED,  /* nothing submitted yet (drafts included) */
  RUBRIC_CALL_SHOW_SCORED,
} RubricCallShow;

typedef struct
{
  gint64          vendor_id;  /* 0: every vendor */
  const char     *agent;      /* part of the agent's id or name, or NULL */
  const GDate    *from;       /* inclusive day in the vendor's zone, or NULL */
  const GDate    *to;         /* inclusive day in the vendor's zone, or NULL */
  RubricCallShow  show;
  gboolean        unanswered; /* also the calls no agent answered */
} RubricCallFilter;

/* Answered calls only, unless the filter asks for the others too, in the
 * order chosen with rubric_paged_list_set_sort (default: newest first) and
 * no other: time sorts by the wall-clock time in the vendor's zone that
 * the row shows. The list is empty until the first reload. */
RubricCallList *rubric_call_list_new        (RubricDb               *db);
void            rubric_call_list_set_filter (RubricCallList         *self,
                                             const RubricCallFilter *filter);

/* The evaluation to open for a call: the latest draft, else the latest
 * submitted one; NULL (and no error) when it has none. */
char           *rubric_call_find_evaluation (RubricDb               *db,
                                             const char             *call_id,
                                             gint64                  vendor_id,
                                             GError                **error);

typedef struct
{
  gint64  id;
  char   *name;
} RubricVendorEntry;

/* Every vendor, by name. */
GPtrArray      *rubric_vendor_entries       (RubricDb               *db,
                                             GError                **error);
void            rubric_vendor_entry_free    (RubricVendorEntry      *entry);
/* TRUE when the database holds no call record and no evaluation. */
gboolean        rubric_db_has_no_work       (RubricDb               *db);

/* "1:05" for 65 seconds, "1:02:03" past an hour; "" when unknown. */
char           *rubric_format_duration      (double                  seconds);

G_END_DECLS
