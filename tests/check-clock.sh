#!/usr/bin/env bash
# check-clock.sh — nothing in Rubric reads the system clock but the core's one clock
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# src/core/rubric-clock.c is the only place that may ask the system for the
# time, so that tests can pin "now" (rubric_clock_pin, RUBRIC_NOW) and a
# suite that passes today passes on any day. Elapsed time (monotonic clocks,
# timeouts) is not "now" and is allowed.
set -u
top=$1
cd "$top" || exit 1

pattern='g_get_real_time|g_date_time_new_now|g_date_set_time_t|g_date_set_time_val|[^_a-z]time *\( *NULL *\)|[^_a-z]gettimeofday *\(|clock_gettime *\( *CLOCK_REALTIME|[^_a-z]localtime(_r)? *\(|[^_a-z]gmtime(_r)? *\('
# Comment lines are not code.
found=$(grep -rnE "$pattern" src --include='*.c' --include='*.h' |
        grep -v '^src/core/rubric-clock\.c:' |
        grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/\*|\*)')

if [ -n "$found" ]; then
  echo "not ok 1 - only src/core/rubric-clock.c reads the system clock"
  echo "$found" | sed 's/^/# /'
  echo "1..1"
  exit 1
fi
echo "ok 1 - only src/core/rubric-clock.c reads the system clock"
echo "1..1"
