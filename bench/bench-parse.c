/* bench-parse.c — how fast queue_log lines are parsed, without a database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-parse QUEUE_LOG
 *
 * Reads the file in 1 MiB blocks and passes every line through
 * rubric_queue_log_check_line (the importer's own line parser, with the
 * copy it makes of each line), the part of SPEC §12's "lines per second
 * parsed" that has nothing to do with SQLite.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rubric-queue-log.h"

int
main (int    argc,
      char **argv)
{
  g_autofree char *buffer = g_malloc (1 << 20);
  guint64 lines = 0;
  guint64 refused = 0;
  gsize filled = 0;
  gint64 start;
  double seconds;
  FILE *file;

  if (argc != 2 || (file = fopen (argv[1], "rb")) == NULL)
    {
      g_printerr ("usage: bench-parse QUEUE_LOG\n");
      return 1;
    }

  start = g_get_monotonic_time ();
  for (;;)
    {
      gsize n = fread (buffer + filled, 1, (1 << 20) - filled, file);
      char *p = buffer;
      char *end = buffer + filled + n;
      char *newline;

      while ((newline = memchr (p, '\n', (gsize) (end - p))) != NULL)
        {
          if (!rubric_queue_log_check_line (p, (gsize) (newline - p), NULL))
            refused++;
          lines++;
          p = newline + 1;
        }

      filled = (gsize) (end - p);
      memmove (buffer, p, filled);
      if (n == 0)
        break;
    }
  seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  fclose (file);

  g_print ("%" G_GUINT64_FORMAT " lines (%" G_GUINT64_FORMAT " refused) in %.3f s: "
           "%.0f lines/s\n", lines, refused, seconds, (double) lines / seconds);
  return 0;
}
