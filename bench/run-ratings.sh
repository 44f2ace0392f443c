#!/usr/bin/env bash
# run-ratings.sh — vendor ratings over 10 M calls and 1 M evaluations (SPEC §12)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench/run-ratings.sh [BUILD]     (environment: CALLS, MONTHS, EVALUATIONS, WORK, KEEP)
#
# Builds (or, with WORK=DIR holding big.db, reuses) a database of MONTHS
# monthly queue_logs of CALLS calls of three vendors (gen-queue-log, as
# run-queue-log.sh), a contract per vendor with every kind of objective, and
# EVALUATIONS evaluations of its answered calls (gen-app-db); then times
# `rubric-cli ratings` for one vendor and month (summary, detail, XML with
# the previous period) and for every vendor, best of 5, whole process,
# against the §12 yardstick, a full scan of the call table; bench-ratings
# times the same in process, and the 12-period trend the PDF draws.
set -euo pipefail

build=${1:-build}
calls=${CALLS:-1000000}
months=${MONTHS:-10}
evaluations=${EVALUATIONS:-1000000}
keep=${KEEP:-0}

gen=$build/bench/gen-queue-log
gen_db=$build/bench/gen-app-db
timer=$build/bench/bench-time
ratings=$build/bench/bench-ratings
cli=$build/src/cli/rubric-cli
for program in "$gen" "$gen_db" "$timer" "$ratings" "$cli"; do
  [ -x "$program" ] || { echo "run-ratings: $program is missing: build first" >&2; exit 1; }
done

if [ -n "${WORK:-}" ]; then
  work=$WORK
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/rubric-bench-ratings-XXXXXX")
  [ "$keep" = 1 ] || trap 'rm -rf "$work"' EXIT
fi

timed() {
  "$timer" "$work/time.txt" "$@"
  read -r wall rss _ < "$work/time.txt"
}

best_of_5() {
  local best=999999
  for i in 1 2 3 4 5; do
    timed "$@" > /dev/null
    best=$(echo "if ($wall < $best) $wall else $best" | bc -l)
  done
  echo "$best"
}

db=$work/big.db
if [ ! -f "$db" ]; then
  rm -f "$db-wal" "$db-shm"
  "$cli" --db "$db" init > /dev/null
  while read -r queue vendor; do
    "$cli" --db "$db" queues map "$queue" "$vendor" > /dev/null
  done < <("$gen" --queues)
  start=$(date +%s)
  for m in $(seq 0 $(( months - 1 ))); do
    first=$(date -u -d "2026-01-01 +$m month" +%F)
    days=$(( ( $(date -u -d "$first +1 month" +%s) - $(date -u -d "$first" +%s) ) / 86400 ))
    "$gen" --calls "$calls" --seed $(( 100 + m )) --start "$first" --days "$days" \
      -o "$work/month.log" 2> /dev/null
    "$cli" --db "$db" calls import "$work/month.log" > /dev/null
    echo "month $first imported"
  done
  rm -f "$work/month.log"
  for vendor in Northwind Contoso Fabrikam; do
    cat > "$work/contract.xml" <<XML
<contract xmlns="urn:rubric:contract:1" vendor="$vendor" timezone="Europe/Riga" period="month"
          minimum-evaluations="30" credit-cap="15">
  <service-level threshold="20" short-abandon="5" formula="abandons-negative"/>
  <repeat-contact days="7"/>
  <objective metric="service-level" target="80" weight="20" credit="5"/>
  <objective metric="abandon-rate" target="5" weight="10" credit="2"/>
  <objective metric="asa" target="30" weight="10"/>
  <objective metric="aht" target="300" weight="5"/>
  <objective metric="fcr" target="75" weight="10"/>
  <objective metric="qa-overall" target="85" weight="20" credit="5"/>
  <objective metric="qa-resolution" target="80" weight="5"/>
  <objective metric="qa-ownership" target="80" weight="5"/>
  <objective metric="qa-policy" target="90" weight="5" credit="3"/>
  <objective metric="qa-documentation" target="80" weight="5"/>
  <objective metric="custom:csat" target="4.2" direction="higher" weight="5"/>
</contract>
XML
    "$cli" --db "$db" contract import "$work/contract.xml" > /dev/null
  done
  printf 'vendor,period_start,period_end,metric,value,n\n' > "$work/metrics.csv"
  for m in $(seq 0 $(( months - 1 ))); do
    first=$(date -u -d "2026-01-01 +$m month" +%F)
    last=$(date -u -d "$first +1 month -1 day" +%F)
    for vendor in Northwind Contoso Fabrikam; do
      printf '%s,%s,%s,custom:csat,4.%d,%d\n' "$vendor" "$first" "$last" $(( m % 10 )) 500 \
        >> "$work/metrics.csv"
    done
  done
  "$cli" --db "$db" metrics import "$work/metrics.csv" > /dev/null
  "$gen_db" "$db" --evaluations "$evaluations" --seed 7
  echo "database built in $(( $(date +%s) - start )) s"
fi

total=$(sqlite3 "$db" 'SELECT count (*) FROM calls')
total_evaluations=$(sqlite3 "$db" 'SELECT count (*) FROM evaluations')
size_mb=$(( $(stat -c %s "$db") / 1000000 ))
period=$(date -u -d "2026-01-01 +$(( months / 2 )) month" +%Y-%m)
vendor=Northwind

"$cli" --db "$db" ratings --vendor "$vendor" --period "$period" --detail
summary=$(best_of_5 "$cli" --db "$db" ratings --vendor "$vendor" --period "$period")
detail=$(best_of_5 "$cli" --db "$db" ratings --vendor "$vendor" --period "$period" --detail)
xml=$(best_of_5 "$cli" --db "$db" ratings --vendor "$vendor" --period "$period" --format xml)
every=$(best_of_5 "$cli" --db "$db" ratings --period "$period")
pdf=$(best_of_5 "$cli" --db "$db" ratings --period "$period" -o "$work/ratings.pdf")
scan=$(best_of_5 sqlite3 "$db" 'SELECT count (*), sum (wait_s) FROM calls')
"$ratings" "$db" "$vendor" "$period" 5 | tee "$work/inprocess.txt"

ms() { printf '%.0f' "$(echo "$1 * 1000" | bc -l)"; }
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
echo
echo "Machine: $(nproc) × $cpu; SQLite $(sqlite3 --version | cut -d' ' -f1), $(date -u +%F):"
echo
echo "| measure | figure | target |"
echo "|---|---|---|"
printf '| database: %s calls, %s evaluations, %d MB | — | — |\n' "$total" "$total_evaluations" \
  "$size_mb"
printf '| `rubric-cli ratings --vendor %s --period %s` (best of 5, whole process) | %s ms | < 100 ms |\n' \
  "$vendor" "$period" "$(ms "$summary")"
printf '| the same `--detail` | %s ms | < 100 ms |\n' "$(ms "$detail")"
printf '| the same `--format xml` (with the previous period) | %s ms | — |\n' "$(ms "$xml")"
printf '| every vendor (3), summary | %s ms | — |\n' "$(ms "$every")"
printf '| every vendor, PDF report (each with the previous period and a 12-month trend) | %s ms | — |\n' \
  "$(ms "$pdf")"
printf '| the rating in process (`bench-ratings`) | %s ms | — |\n' \
  "$(sed -n 's/^rating alone.*: \([0-9.]*\) ms$/\1/p' "$work/inprocess.txt")"
printf '| the same with the 12-period trend | %s ms | — |\n' \
  "$(sed -n 's/^with the previous period and.*: \([0-9.]*\) ms$/\1/p' "$work/inprocess.txt")"
printf '| full scan `sqlite3 "SELECT count(*), sum(wait_s) FROM calls"` (best of 5) | %s ms | — |\n' \
  "$(ms "$scan")"
printf '| rating time / full scan | 1/%.0f | ≤ 1/10 |\n' "$(echo "$scan / $detail" | bc -l)"
