/* rubric-queue-log-private.h — the queue_log line parser shared by the import and its scans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "rubric-queue-log.h"

G_BEGIN_DECLS

#define RUBRIC_QUEUE_LOG_MAX_FIELDS 12

typedef enum
{
  EVENT_OTHER,
  EVENT_ENTERQUEUE,
  EVENT_CONNECT,
  EVENT_COMPLETE,
  EVENT_LEAVE,
} EventKind;

typedef struct
{
  const char    *name;
  EventKind      kind;
  guint          wait_field;  /* data field with the wait (hold) time, 0: none */
  guint          talk_field;  /* data field with the talk (call) time, 0: none */
  RubricOutcome  outcome;     /* for EVENT_LEAVE */
} EventInfo;

/* One line, split in place. */
typedef struct
{
  char            *field[RUBRIC_QUEUE_LOG_MAX_FIELDS];
  guint            n_fields;
  gint64           time;
  const EventInfo *event;      /* NULL: not an event of a call */
  gboolean         has_wait;
  gboolean         has_talk;
  double           wait_s;
  double           talk_s;
} Line;

/* Data field @n of @line, counting from 1 (data1 is the sixth field); "" when absent. */
static inline const char *
data_field (const Line *line,
            guint       n)
{
  return 4 + n < line->n_fields ? line->field[4 + n] : "";
}

static inline gboolean
is_none (const char *text)
{
  return *text == '\0' || strcmp (text, "NONE") == 0;
}

guint            rubric_queue_log_split_fields (char        *text,
                                                char       **field,
                                                guint        max_fields);
const EventInfo *rubric_queue_log_find_event   (const char  *name);
gboolean         rubric_queue_log_parse_line   (char        *text,
                                                gsize        length,
                                                Line        *line,
                                                GError     **error);

G_END_DECLS
