#!/usr/bin/env bash
# run-queue-log.sh — queue_log import against sqlite3's own .import, and KPIs over 10 M calls
#
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: [CALLS=1000000] [BIG=1] [MONTHS=10] [RUNS=3] [WORK=DIR] bench/run-queue-log.sh [BUILD-DIR]
#
#   CALLS   calls in the import log, and in each month of the big database
#   BIG     0: skip the big database and the KPI timings
#   MONTHS  months (logs of CALLS calls each) in the big database
#   RUNS    runs of each import (best kept); KPI queries run 5 times
#   WORK    where the logs and databases go (default: a new directory under
#           $TMPDIR, removed at the end unless KEEP=1)
#
# Quick run: CALLS=100000 BIG=0 bench/run-queue-log.sh build
# All on one machine, in one run (SPEC §12): the figures are only
# comparable with each other.
# shellcheck disable=SC2016  # backquotes in the Markdown of the summary
set -euo pipefail

build=${1:-build}
calls=${CALLS:-1000000}
big=${BIG:-1}
months=${MONTHS:-10}
runs=${RUNS:-3}
keep=${KEEP:-0}

gen=$build/bench/gen-queue-log
timer=$build/bench/bench-time
kpis=$build/bench/bench-kpis
cli=$build/src/cli/rubric-cli
for program in "$gen" "$timer" "$kpis" "$cli"; do
  [ -x "$program" ] || { echo "run-queue-log: $program is missing: build first" >&2; exit 1; }
done
command -v sqlite3 > /dev/null || { echo "run-queue-log: sqlite3 is missing" >&2; exit 1; }

if [ -n "${WORK:-}" ]; then
  work=$WORK
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/rubric-bench-queue-log-XXXXXX")
  [ "$keep" = 1 ] || trap 'rm -rf "$work"' EXIT
fi

# Runs a command under bench-time; sets $wall, $rss (kB).
timed() {
  "$timer" "$work/time.txt" "$@"
  read -r wall rss _ < "$work/time.txt"
}

# The smaller of two decimals.
min() { echo "if ($1 < $2) $1 else $2" | bc -l; }

# A fresh Rubric database whose queues are mapped to their vendors.
fresh_db() {
  rm -f "$1" "$1-wal" "$1-shm"
  "$cli" --db "$1" init > /dev/null
  while read -r queue vendor; do
    "$cli" --db "$1" queues map "$queue" "$vendor" > /dev/null
  done < <("$gen" --queues)
}

log=$work/calls.log
csv=$work/calls.csv

# (a) The log and the same calls as CSV.
timed "$gen" --calls "$calls" --seed 1 --start 2026-01-01 --days 30 -o "$log" --csv "$csv" \
  2> "$work/gen.txt"
cat "$work/gen.txt"
lines=$(wc -l < "$log")
gen_wall=$wall
printf 'generated %s calls, %s lines (%s MB) and the CSV (%s MB) in %.1f s\n' "$calls" "$lines" \
  "$(( $(stat -c %s "$log") / 1000000 ))" "$(( $(stat -c %s "$csv") / 1000000 ))" "$gen_wall"

# (b) Baseline: sqlite3 loads the CSV into a new, unindexed table.
base=999999
for i in $(seq "$runs"); do
  rm -f "$work/base.db"
  timed sqlite3 "$work/base.db" ".mode csv" ".import $csv calls"
  printf 'sqlite3 .import, run %d: %.2f s\n' "$i" "$wall"
  base=$(min "$base" "$wall")
done

# (c) Rubric imports the log into a fresh, indexed database.
ours=999999
peak=0
for i in $(seq "$runs"); do
  fresh_db "$work/rubric.db"
  timed "$cli" --db "$work/rubric.db" calls import "$log" > "$work/import.txt"
  printf 'rubric-cli calls import, run %d: %.2f s, peak RSS %d MB\n' "$i" "$wall" \
    "$(( rss / 1024 ))"
  ours=$(min "$ours" "$wall")
  [ "$rss" -gt "$peak" ] && peak=$rss
done
cat "$work/import.txt"

# The same calls on both sides.
sums='SELECT count (*), cast (sum (wait_s) AS INTEGER), cast (sum (talk_s) AS INTEGER)'
theirs_sums=$(sqlite3 "$work/base.db" "$sums, sum (outcome = 'answered'), sum (caller <> '') FROM calls")
ours_sums=$(sqlite3 "$work/rubric.db" "$sums, sum (outcome = 1), count (caller) FROM calls")
if [ "$theirs_sums" != "$ours_sums" ]; then
  echo "run-queue-log: the two databases differ: sqlite3 $theirs_sums, rubric $ours_sums" >&2
  exit 1
fi
echo "same calls in both databases (count, Σ wait, Σ talk, answered, with caller): $ours_sums"

# The same log again: every line parsed and looked up, nothing written.
timed "$cli" --db "$work/rubric.db" calls import "$log" > /dev/null
again=$wall
printf 'rubric-cli calls import of the same log again (nothing changes): %.2f s\n' "$again"

# (d) The big database: MONTHS logs of CALLS calls, one per month.
if [ "$big" = 1 ]; then
  bigdb=$work/big.db
  fresh_db "$bigdb"
  build_start=$(date +%s.%N)
  for m in $(seq 0 $(( months - 1 ))); do
    first=$(date -u -d "2026-01-01 +$m month" +%F)
    days=$(( ( $(date -u -d "$first +1 month" +%s) - $(date -u -d "$first" +%s) ) / 86400 ))
    "$gen" --calls "$calls" --seed $(( 100 + m )) --start "$first" --days "$days" \
      -o "$work/month.log" 2> /dev/null
    "$cli" --db "$bigdb" calls import "$work/month.log" > /dev/null
    echo "big database: month $first imported"
  done
  rm -f "$work/month.log"
  build_s=$(echo "$(date +%s.%N) - $build_start" | bc -l)
  total=$(sqlite3 "$bigdb" 'SELECT count (*) FROM calls')
  size_mb=$(( $(stat -c %s "$bigdb") / 1000000 ))

  month=$(date -u -d "2026-01-01 +$(( months / 2 )) month" +%F)
  month_last=$(date -u -d "$month +1 month -1 day" +%F)
  vendor=Northwind

  kpi=999999
  for i in 1 2 3 4 5; do
    timed "$cli" --db "$bigdb" kpis --vendor "$vendor" --from "$month" --to "$month_last" \
      --format csv > "$work/kpis.csv"
    kpi=$(min "$kpi" "$wall")
  done
  cat "$work/kpis.csv"

  scan=999999
  for i in 1 2 3 4 5; do
    timed sqlite3 "$bigdb" 'SELECT count (*), sum (wait_s) FROM calls' > /dev/null
    scan=$(min "$scan" "$wall")
  done

  "$kpis" "$bigdb" "$vendor" "$month" "$month_last" 5 | tee "$work/inprocess.txt"
fi

# Summary, to paste into bench/README.md.
ratio=$(echo "$ours / $base" | bc -l)
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/^MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
echo
echo "Machine: $(nproc) × $cpu, $mem GB RAM; SQLite $(sqlite3 --version | cut -d' ' -f1)," \
  "$(date -u +%F), CALLS=$calls:"
echo
echo "| measure | figure | target |"
echo "|---|---|---|"
printf '| generate the log (%s lines) and the CSV | %.1f s | < 20 s |\n' "$lines" "$gen_wall"
printf '| baseline: `sqlite3 .import` of the CSV, unindexed table (best of %d) | %.2f s | — |\n' \
  "$runs" "$base"
printf '| `rubric-cli calls import` of the log, fresh indexed database (best of %d) | %.2f s | — |\n' \
  "$runs" "$ours"
printf '| ratio rubric / sqlite3 | %.2f× | ≤ 2× |\n' "$ratio"
printf '| lines per second, whole import | %.0f | ≥ 1,000,000 |\n' "$(echo "$lines / $ours" | bc -l)"
printf '| lines per second, the same log again (every call looked up, nothing changes) | %.0f | — |\n' \
  "$(echo "$lines / $again" | bc -l)"
printf '| peak RSS of the import | %d MB | < 100 MB |\n' "$(( peak / 1024 ))"
if [ "$big" = 1 ]; then
  printf '| big database: %s calls (%d × %s), %d MB, built in | %.0f s | — |\n' "$total" \
    "$months" "$calls" "$size_mb" "$build_s"
  printf '| `rubric-cli kpis` for %s, %s..%s (best of 5, whole process) | %.0f ms | < 100 ms |\n' \
    "$vendor" "$month" "$month_last" "$(echo "$kpi * 1000" | bc -l)"
  printf '| the same in process (`bench-kpis`) | %s ms | — |\n' \
    "$(sed -n 's/.* \([0-9.]*\) ms$/\1/p' "$work/inprocess.txt" | head -1)"
  printf '| full scan `sqlite3 "SELECT count(*), sum(wait_s) FROM calls"` (best of 5) | %.0f ms | — |\n' \
    "$(echo "$scan * 1000" | bc -l)"
  printf '| KPI time / full scan | 1/%.0f | ≤ 1/10 |\n' "$(echo "$scan / $kpi" | bc -l)"
fi
