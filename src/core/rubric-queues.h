/* rubric-queues.h — the queues of the phone system and the vendors they belong to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-db.h"

G_BEGIN_DECLS

typedef struct
{
  char   *name;
  char   *vendor;  /* NULL while the queue has no vendor */
  gint64  calls;   /* call records in the queue */
} RubricQueueEntry;

/* Every queue, by name, with its vendor and its number of call records
 * (what `rubric-cli queues list` shows). */
GPtrArray *rubric_queue_entries     (RubricDb          *db,
                                     GError           **error);
void       rubric_queue_entry_free  (RubricQueueEntry  *entry);

G_END_DECLS
