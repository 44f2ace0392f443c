/* rubric-cli.h — what the commands of rubric-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rubric-calls.h"
#include "rubric-db.h"
#include "rubric-output.h"

G_BEGIN_DECLS

/* Exit statuses of SPEC §9. */
enum {
  EXIT_OK = 0,
  EXIT_USAGE = 1,
  EXIT_INPUT = 2,
  EXIT_DATABASE = 3,
  EXIT_NOT_PERMITTED = 4,
};

typedef struct
{
  char       *db_path;
  GPtrArray  *args;     /* positional arguments after the command words */
  GHashTable *options;  /* "--name" → value ("" for flags) */
} Invocation;

int            fail_usage       (const char         *format,
                                 ...) G_GNUC_PRINTF (1, 2);
int            fail             (GError             *error);
const char    *option           (Invocation         *inv,
                                 const char         *name);
RubricDb      *open_db          (Invocation         *inv,
                                 GError            **error);
RubricDb      *open_existing_db (Invocation         *inv,
                                 GError            **error);
GOutputStream *open_output      (Invocation         *inv,
                                 RubricOutput      **file,
                                 GError            **error);
gboolean       close_output     (GOutputStream      *out,
                                 RubricOutput       *file,
                                 gboolean            ok,
                                 GError            **error);
gboolean       write_output     (Invocation         *inv,
                                 const char         *text,
                                 GError            **error);
/* An import's progress on standard error, on a terminal only: the
 * callback to pass (NULL elsewhere; its data is the file's name), and
 * what erases its line once the import is over. */
RubricProgressFunc progress_func (void);
void           progress_end     (void);

/* The commands of the phone-system side (rubric-cli-metrics.c). */
int            cmd_calls        (Invocation         *inv,
                                 const char         *verb);
int            cmd_queues       (Invocation         *inv,
                                 const char         *verb);
int            cmd_metrics      (Invocation         *inv,
                                 const char         *verb);
int            cmd_contract     (Invocation         *inv,
                                 const char         *verb);
int            cmd_kpis         (Invocation         *inv);

/* Members of a team database (rubric-cli-members.c). */
int            cmd_members      (Invocation         *inv,
                                 const char         *verb);

/* Agents, their teams and trends (rubric-cli-agents.c). */
int            cmd_agents       (Invocation         *inv,
                                 const char         *verb);
int            cmd_trends       (Invocation         *inv,
                                 const char         *verb);

/* Vendor ratings and their exports (rubric-cli-ratings.c). */
int            cmd_ratings      (Invocation         *inv);

G_END_DECLS
