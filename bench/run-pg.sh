#!/usr/bin/env bash
# run-pg.sh — the call import and the KPIs on a PostgreSQL team database
#
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: [CALLS=1000000] [BIG=1] [MONTHS=10] [RUNS=3] [PORT=5491] [WORK=DIR] bench/run-pg.sh [BUILD-DIR]
#
#   CALLS   calls in the import log, and in each month of the big database
#   BIG     0: skip the big database and the KPI and rating timings
#   MONTHS  months (logs of CALLS calls each) in the big database
#   RUNS    runs of each import (best kept); queries run 5 times
#   PORT    names the socket of the throw-away cluster (build-aux/pg-cluster)
#   WORK    where the logs and the cluster go (default: a new directory under
#           $TMPDIR, removed at the end unless KEEP=1)
#
# Quick run: CALLS=100000 BIG=0 bench/run-pg.sh build
# The baseline is `psql \copy` of the same calls as CSV into an unindexed
# table of text columns: the fastest way PostgreSQL takes the rows in.
# shellcheck disable=SC2016  # backquotes in the Markdown of the summary
set -euo pipefail

build=${1:-build}
calls=${CALLS:-1000000}
big=${BIG:-1}
months=${MONTHS:-10}
runs=${RUNS:-3}
port=${PORT:-5491}
keep=${KEEP:-0}
here=$(cd "$(dirname "$0")/.." && pwd)

gen=$build/bench/gen-queue-log
timer=$build/bench/bench-time
cli=$build/src/cli/rubric-cli
for program in "$gen" "$timer" "$cli"; do
  [ -x "$program" ] || { echo "run-pg: $program is missing: build first" >&2; exit 1; }
done
command -v psql > /dev/null || { echo "run-pg: psql is missing" >&2; exit 1; }

if [ -n "${WORK:-}" ]; then
  work=$WORK
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/rubric-bench-pg-XXXXXX")
fi
chmod 755 "$work"
cluster=$work/pg
admin=$("$here/build-aux/pg-cluster" start "$cluster" "$port")
cleanup() {
  "$here/build-aux/pg-cluster" stop "$cluster" > /dev/null 2>&1 || true
  [ "$keep" = 1 ] || [ -n "${WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

# The URI of database $1 of the cluster.
db_uri() { echo "${admin/postgresql:\/\/\/postgres/postgresql:\/\/\/$1}"; }

# Runs a command under bench-time; sets $wall, $rss (kB).
timed() {
  "$timer" "$work/time.txt" "$@"
  read -r wall rss _ < "$work/time.txt"
}

min() { echo "if ($1 < $2) $1 else $2" | bc -l; }

# A fresh team database $1 whose queues are mapped to their vendors.
fresh_db() {
  psql -q "$admin" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" > /dev/null
  "$cli" --db "$(db_uri "$1")" init > /dev/null
  while read -r queue vendor; do
    "$cli" --db "$(db_uri "$1")" queues map "$queue" "$vendor" > /dev/null
  done < <("$gen" --queues)
}

log=$work/calls.log
csv=$work/calls.csv
chmod 755 "$work"

# (a) The log and the same calls as CSV.
timed "$gen" --calls "$calls" --seed 1 --start 2026-01-01 --days 30 -o "$log" --csv "$csv" \
  2> /dev/null
chmod 644 "$csv"
lines=$(wc -l < "$log")
printf 'generated %s calls, %s lines in %.1f s\n' "$calls" "$lines" "$wall"

# (b) Baseline: psql \copy of the CSV into a new unindexed table.
columns=$(head -1 "$csv" | sed 's/,/ text, /g; s/$/ text/')
base=999999
for i in $(seq "$runs"); do
  psql -q "$admin" -c "DROP TABLE IF EXISTS base" -c "CREATE TABLE base ($columns)"
  timed psql -q "$admin" -c "\\copy base FROM '$csv' WITH (FORMAT csv, HEADER true)"
  printf 'psql \\copy, run %d: %.2f s\n' "$i" "$wall"
  base=$(min "$base" "$wall")
done

# (c) Rubric imports the log into a fresh team database.
ours=999999
for i in $(seq "$runs"); do
  fresh_db rubric
  timed "$cli" --db "$(db_uri rubric)" calls import "$log" > "$work/import.txt"
  printf 'rubric-cli calls import, run %d: %.2f s, peak RSS %d MB\n' "$i" "$wall" \
    "$(( rss / 1024 ))"
  ours=$(min "$ours" "$wall")
done
cat "$work/import.txt"

sums='SELECT count (*), cast (sum (wait_s::double precision) AS bigint), cast (sum (talk_s::double precision) AS bigint)'
theirs_sums=$(psql -Atq "$admin" -c "$sums, count (*) FILTER (WHERE outcome = 'answered'), count (*) FILTER (WHERE caller <> '') FROM base")
ours_sums=$(psql -Atq "$(db_uri rubric)" -c "$sums, count (*) FILTER (WHERE outcome = 1), count (caller) FROM calls")
if [ "$theirs_sums" != "$ours_sums" ]; then
  echo "run-pg: the two tables differ: \\copy $theirs_sums, rubric $ours_sums" >&2
  exit 1
fi
echo "same calls in both (count, Σ wait, Σ talk, answered, with caller): $ours_sums"

timed "$cli" --db "$(db_uri rubric)" calls import "$log" > /dev/null
again=$wall
printf 'the same log again (nothing changes): %.2f s\n' "$again"

# (d) The big database: MONTHS logs of CALLS calls, one per month.
if [ "$big" = 1 ]; then
  fresh_db big
  bigdb=$(db_uri big)
  # A contract, for the rating (the example of SPEC §8.5, for this vendor, in UTC).
  sed 's/vendor="Acme"/vendor="Northwind"/; s|Europe/Riga|UTC|' \
    "$here/tests/data/contracts/spec-example.xml" > "$work/contract.xml"
  "$cli" --db "$bigdb" contract import "$work/contract.xml" > /dev/null
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
  psql -q "$bigdb" -c "VACUUM ANALYZE" > /dev/null
  build_s=$(echo "$(date +%s.%N) - $build_start" | bc -l)
  total=$(psql -Atq "$bigdb" -c 'SELECT count (*) FROM calls')

  period=$(date -u -d "2026-01-01 +$(( months / 2 )) month" +%Y-%m)
  vendor=Northwind

  kpi=999999
  for i in 1 2 3 4 5; do
    timed "$cli" --db "$bigdb" kpis --vendor "$vendor" --period "$period" --format csv \
      > "$work/kpis.csv"
    kpi=$(min "$kpi" "$wall")
  done
  cat "$work/kpis.csv"

  rating=999999
  rating_ok=yes
  for i in 1 2 3 4 5; do
    timed "$cli" --db "$bigdb" ratings --period "$period" --vendor "$vendor" \
      > "$work/ratings.txt" 2>&1
    if grep -q '^rubric-cli:' "$work/ratings.txt"; then
      rating_ok="refused: $(head -1 "$work/ratings.txt" | sed 's/^rubric-cli: //')"
    fi
    rating=$(min "$rating" "$wall")
  done
  head -5 "$work/ratings.txt"

  # Baseline: the whole process of psql running the simplest query over the calls.
  scan=999999
  for i in 1 2 3 4 5; do
    timed psql -Atq "$bigdb" -c 'SELECT count (*), sum (wait_s) FROM calls' > /dev/null
    scan=$(min "$scan" "$wall")
  done
  trivial=999999
  for i in 1 2 3 4 5; do
    timed psql -Atq "$bigdb" -c 'SELECT 1' > /dev/null
    trivial=$(min "$trivial" "$wall")
  done
fi

ratio=$(echo "$ours / $base" | bc -l)
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/^MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
echo
echo "Machine: $(nproc) × $cpu, $mem GB RAM; $(psql --version | head -1)," \
  "$(date -u +%F), CALLS=$calls, load average $(cut -d' ' -f1-3 /proc/loadavg):"
echo
echo "| measure | figure | target |"
echo "|---|---|---|"
printf '| baseline: `psql \\copy` of the CSV into an unindexed text table (best of %d) | %.2f s | — |\n' \
  "$runs" "$base"
printf '| `rubric-cli calls import` of the log, fresh team database (best of %d) | %.2f s | — |\n' \
  "$runs" "$ours"
printf '| ratio rubric / \\copy | %.2f× | ≤ 2× |\n' "$ratio"
printf '| calls per second, whole import | %.0f | — |\n' "$(echo "$calls / $ours" | bc -l)"
printf '| the same log again (nothing changes) | %.2f s | — |\n' "$again"
if [ "$big" = 1 ]; then
  printf '| big database: %s calls (%d × %s), built in | %.0f s | — |\n' "$total" "$months" \
    "$calls" "$build_s"
  printf '| `rubric-cli kpis --vendor %s --period %s` (best of 5, whole process) | %.0f ms | < 100 ms |\n' \
    "$vendor" "$period" "$(echo "$kpi * 1000" | bc -l)"
  printf '| `rubric-cli ratings --period %s --vendor %s` (best of 5; ran: %s) | %.0f ms | < 100 ms |\n' \
    "$period" "$vendor" "$rating_ok" "$(echo "$rating * 1000" | bc -l)"
  printf '| baseline: `psql -c "SELECT count(*), sum(wait_s) FROM calls"` (best of 5) | %.0f ms | — |\n' \
    "$(echo "$scan * 1000" | bc -l)"
  printf '| `psql -c "SELECT 1"` (connection and process) | %.0f ms | — |\n' \
    "$(echo "$trivial * 1000" | bc -l)"
fi
