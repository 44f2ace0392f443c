#!/usr/bin/env bash
# run-trends.sh — agent trends and the Agents page over 1 M evaluations, both stores (SPEC §12)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench/run-trends.sh [BUILD]
#   EVALUATIONS  submitted evaluations in the database (1000000)
#   RUNS         timed runs of each measure, after one warm-up; the median is kept (7)
#   WORK         where the database goes and is kept for the next run (default: a new
#                directory under $TMPDIR, removed at the end unless KEEP=1)
#   PG           1: also on PostgreSQL (default 1)
#   U            a superuser URI to the maintenance database of a PostgreSQL server
#                (as build-pg-10m.sh takes it); without it the script starts a throw-away
#                cluster of its own in WORK/pg (build-aux/pg-cluster, socket PORT) and
#                stops it at the end
#   PORT         the socket of that cluster (5497)
#   PGDB         the name of the team database on that server (trends); kept and reused when
#                it holds evaluations
#
# The SQLite database is built once by gen-trends-db (through the core: the call writer
# and the evaluation store); the team database is a copy of it: `rubric-cli init`, then
# bench/copy-to-pg.py (the same rows and ids as `rubric-cli copy --to URI`, one COPY per
# table instead of an INSERT per row), then VACUUM ANALYZE. bench-trends times each measure in process against the
# baseline of the same run, a full scan of the evaluations
# (`SELECT count (*), sum (score) FROM evaluations` on the same connection).
# shellcheck disable=SC2016  # backquotes in the Markdown of the summary
set -euo pipefail

build=${1:-build}
evaluations=${EVALUATIONS:-1000000}
runs=${RUNS:-7}
pg=${PG:-1}
port=${PORT:-5497}
pgdb=${PGDB:-trends}
keep=${KEEP:-0}
here=$(cd "$(dirname "$0")/.." && pwd)

gen=$build/bench/gen-trends-db
bench=$build/bench/bench-trends
timer=$build/bench/bench-time
cli=$build/src/cli/rubric-cli
for program in "$gen" "$bench" "$timer" "$cli"; do
  [ -x "$program" ] || { echo "run-trends: $program is missing: build first" >&2; exit 1; }
done

if [ -n "${WORK:-}" ]; then
  work=$(realpath -m "$WORK")
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/rubric-bench-trends-XXXXXX")
fi
chmod 755 "$work"
cluster=
cleanup() {
  if [ -n "$cluster" ]; then
    "$here/build-aux/pg-cluster" stop "$cluster" > /dev/null 2>&1 || true
  fi
  [ "$keep" = 1 ] || [ -n "${WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

db=$work/trends.db
if [ ! -f "$db" ]; then
  rm -f "$db.new" "$db.new-wal" "$db.new-shm"
  "$cli" --db "$db.new" init > /dev/null
  start=$(date +%s)
  "$gen" "$db.new" --evaluations "$evaluations"
  mv "$db.new" "$db"
  echo "SQLite database built in $(( $(date +%s) - start )) s"
fi
size_mb=$(( $(stat -c %s "$db") / 1000000 ))
counts=$(sqlite3 "$db" "SELECT count (*) FILTER (WHERE status = 'submitted'),
                               count (*) FILTER (WHERE status = 'draft'),
                               count (*) FILTER (WHERE status = 'calibration') FROM evaluations;
                        SELECT count (*) FROM evaluation_answers;
                        SELECT count (*) FROM evaluation_comments;
                        SELECT count (*) FROM calls;
                        SELECT count (*) FROM agents" | tr '\n' '|')

echo "== SQLite: $db ($size_mb MB)"
"$bench" "$db" --runs "$runs" | tee "$work/sqlite.txt"

if [ "$pg" = 1 ]; then
  if [ -z "${U:-}" ]; then
    cluster=$work/pg
    U=$("$here/build-aux/pg-cluster" start "$cluster" "$port")
  fi
  uri=$(printf '%s' "$U" | sed "s|:///postgres|:///$pgdb|")
  if [ "$(psql -Atq "$U" -c "SELECT count (*) FROM pg_database WHERE datname = '$pgdb'")" = 0 ] ||
     [ "$(psql -Atq "$uri" -c "SELECT count (*) FROM evaluations" 2> /dev/null || echo 0)" = 0 ]; then
    psql -q "$U" -c "DROP DATABASE IF EXISTS $pgdb" \
      -c "CREATE DATABASE $pgdb ENCODING UTF8 LOCALE 'C' TEMPLATE template0"
    start=$(date +%s)
    "$cli" --db "$uri" init > /dev/null
    "$here/bench/copy-to-pg.py" "$db" "$uri"
    psql -q "$uri" -c "VACUUM ANALYZE"
    echo "team database copied and analysed in $(( $(date +%s) - start )) s"
  fi
  echo "== PostgreSQL: $uri"
  "$bench" "$uri" --runs "$runs" | tee "$work/pg.txt"
fi

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/^MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
IFS='|' read -r submitted drafts calibration answers comments calls agents _ <<< "$counts"
echo
echo "Machine: $(nproc) × $cpu, $mem GB RAM; SQLite $(sqlite3 --version | cut -d' ' -f1)," \
  "$(psql --version | head -1); $(date -u +%F), load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo "Data: $submitted submitted evaluations, $drafts drafts, $calibration calibration;" \
  "$answers answers, $comments comments, $calls calls, $agents agents; SQLite file $size_mb MB."
echo "Median of $runs runs after one warm-up, in process (wall clock; CPU: bench-trends' own," \
  "which on SQLite is the work itself; server CPU: the PostgreSQL backend's, mean of the runs)."
echo
label() {
  case $1 in
    baseline) echo 'baseline: `SELECT count (*), sum (score) FROM evaluations`' ;;
    team-week) echo 'trends, a team of 50 agents, a year by week' ;;
    team-month) echo 'the same by month' ;;
    agent-week) echo 'one agent, a year by week' ;;
    vendor-week) echo 'the whole vendor (520 agents), a year by week' ;;
    criteria) echo 'weakest criteria, the team, a year' ;;
    reviewers) echo 'N/A rate per reviewer, the team, a year' ;;
    resolution) echo 'QA resolution vs repeat contact, the team, a year' ;;
    agents-page) echo 'Agents page opening: summaries + teams of the vendor' ;;
  esac
}
figure() { sed -n "s/^= $2 \([0-9.]*\) \([0-9.]*\) [0-9]* \([0-9.]*\) \([0-9]*\)$/\\$1/p" "$3"; }
verdict() {
  local ms=$1 target=$2
  [ "$target" = 0 ] && { echo '—'; return; }
  if [ "$(echo "$ms < $target" | bc -l)" = 1 ]; then echo "< $target ms: met"
  else echo "< $target ms: **not met**"; fi
}
if [ "$pg" = 1 ]; then
  echo "| measure | SQLite ms (CPU) | ratio | PostgreSQL ms (server CPU) | ratio | target |"
  echo "|---|---|---|---|---|---|"
else
  echo "| measure | SQLite ms (CPU) | ratio | target |"
  echo "|---|---|---|---|"
fi
for name in baseline team-week team-month agent-week vendor-week criteria reviewers resolution \
            agents-page; do
  target=$(sed -n "s/^= $name [0-9.]* [0-9.]* \([0-9]*\) [0-9.]* [0-9]*$/\1/p" "$work/sqlite.txt")
  s_ms=$(figure 1 "$name" "$work/sqlite.txt"); s_ratio=$(figure 2 "$name" "$work/sqlite.txt")
  target=${target:-$(sed -n "s/^= $name - - \([0-9]*\) -$/\1/p" "$work/sqlite.txt")}
  s_cpu=$(figure 3 "$name" "$work/sqlite.txt")
  if [ -z "$s_ms" ]; then
    row="| $(label "$name") | not written yet | — "
    [ "$pg" = 1 ] && row="$row| — | — "
    if [ "${target:-0}" = 0 ]; then echo "$row| — |"; else echo "$row| < $target ms |"; fi
    continue
  fi
  row="| $(label "$name") | $s_ms ($s_cpu) | $(printf '%.2f' "$s_ratio")× "
  verdicts="SQLite: $(verdict "$s_ms" "${target:-0}")"
  if [ "$pg" = 1 ]; then
    p_ms=$(figure 1 "$name" "$work/pg.txt"); p_ratio=$(figure 2 "$name" "$work/pg.txt")
    p_cpu=$(figure 4 "$name" "$work/pg.txt")
    row="$row| $p_ms ($p_cpu) | $(printf '%.2f' "$p_ratio")× "
    verdicts="$verdicts; PostgreSQL: $(verdict "$p_ms" "${target:-0}")"
  fi
  [ "${target:-0}" = 0 ] && verdicts='—'
  echo "$row| $verdicts |"
done
