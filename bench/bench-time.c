/* bench-time.c — wall time and peak memory of one command, for the benchmark scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-time RESULT-FILE COMMAND [ARG…]
 *
 * Runs COMMAND (its output goes where bench-time's goes), then writes
 * "WALL-SECONDS MAX-RSS-KB EXIT-STATUS" to RESULT-FILE. The peak resident
 * set comes from wait4() (ru_maxrss of that one child), so it needs
 * neither GNU time (not part of build-aux/dev's packages) nor polling.
 * Exits with COMMAND's status (128 + signal when it was killed).
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

int
main (int    argc,
      char **argv)
{
  struct rusage usage;
  FILE *result;
  double start, wall;
  pid_t child;
  int status, code;

  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-time RESULT-FILE COMMAND [ARG…]\n");
      return 2;
    }

  start = now ();
  child = fork ();
  if (child < 0)
    {
      perror ("bench-time: fork");
      return 2;
    }
  if (child == 0)
    {
      execvp (argv[2], argv + 2);
      fprintf (stderr, "bench-time: %s: %s\n", argv[2], strerror (errno));
      _exit (127);
    }

  while (wait4 (child, &status, 0, &usage) < 0)
    if (errno != EINTR)
      {
        perror ("bench-time: wait4");
        return 2;
      }
  wall = now () - start;
  code = WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);

  result = fopen (argv[1], "w");
  if (result == NULL)
    {
      perror (argv[1]);
      return 2;
    }
  fprintf (result, "%.6f %ld %d\n", wall, usage.ru_maxrss, code);
  fclose (result);
  return code;
}
