#!/usr/bin/env bash
# run-app-startup.sh — app start-up with 1 M evaluations against an empty and a small database
#
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: [EVALUATIONS=1000000] [CALLS=500000] [PAGE=review] [RUNS=5] [WORK=DIR] \
#          bench/run-app-startup.sh [BUILD-DIR]
#
#   EVALUATIONS  evaluations in the two big databases
#   CALLS        calls in the biggest one (a queue_log of 90 days from gen-queue-log)
#   PAGE         the page open when the app was last closed (default review; evaluations
#                opens on the list of every evaluation)
#   RUNS         timed runs of the app on each database (medians kept), after one untimed
#                run each so the file cache is warm
#   WORK         where the databases go (default BUILD-DIR/app-startup). The sample and the
#                two big databases are built only when WORK has none (about 4 minutes in
#                all, 2.2 GB); delete them to rebuild.
#
# SPEC §12: start-up with a 1-million-evaluation database within 1.3× of start-up with an
# empty one, memory within 30 MB of it. The app measures itself: with RUBRIC_STARTUP_PROBE=FILE
# it notes when the page on screen shows its first rows and, once no list is loading, writes
# that time (since the process started), its VmRSS and VmHWM to FILE and quits
# (src/app/rubric-application.c). Four databases:
#   empty   `rubric-cli init`: opens on the welcome page, which loads nothing
#   small   the sample data (600 calls, 25 evaluations): opens on the review queue
#   evals   small + EVALUATIONS evaluations of earlier calls (not in the database): the same
#           review queue, so this against small is the cost of the evaluations alone
#   big     CALLS calls + EVALUATIONS evaluations of them: the review queue lists CALLS calls
set -euo pipefail

build=${1:-build}
evaluations=${EVALUATIONS:-1000000}
calls=${CALLS:-500000}
runs=${RUNS:-5}
page=${PAGE:-review}
work=${WORK:-$build/app-startup}

app=$build/src/app/rubric
cli=$build/src/cli/rubric-cli
gen=$build/bench/gen-queue-log
gendb=$build/bench/gen-app-db
for program in "$app" "$cli" "$gen" "$gendb"; do
  [ -x "$program" ] || { echo "run-app-startup: $program is missing: build first" >&2; exit 1; }
done
for command in xvfb-run sqlite3 bc; do
  command -v "$command" > /dev/null || { echo "run-app-startup: $command is missing" >&2; exit 1; }
done
mkdir -p "$work"

# The databases that take long to build, unless they are there already.
small=$work/small.db
evals=$work/evals-$evaluations.db
big=$work/big-$evaluations-$calls.db
part=$work/part.db
finish() {  # $1: the finished database
  [ ! -s "$part-wal" ] || { echo "run-app-startup: $part-wal left behind" >&2; exit 1; }
  rm -f "$part-wal" "$part-shm"
  mv "$part" "$1"
}
rm -f "$part" "$part-wal" "$part-shm"
if [ ! -f "$small" ]; then
  "$cli" --db "$part" init > /dev/null
  "$gendb" "$part" --sample
  finish "$small"
fi
if [ ! -f "$evals" ]; then
  cp "$small" "$part"
  "$gendb" "$part" --evaluations "$evaluations" --earlier
  finish "$evals"
fi
if [ ! -f "$big" ]; then
  "$cli" --db "$part" init > /dev/null
  while read -r queue vendor; do
    "$cli" --db "$part" queues map "$queue" "$vendor" > /dev/null
  done < <("$gen" --queues)
  "$gen" --calls "$calls" --seed 7 --start 2026-01-01 --days 90 -o "$work/calls.log" 2> /dev/null
  "$cli" --db "$part" calls import "$work/calls.log" | head -1
  rm -f "$work/calls.log"
  "$gendb" "$part" --evaluations "$evaluations"
  finish "$big"
fi

# The empty database, fresh each time.
empty=$work/empty.db
rm -f "$empty" "$empty-wal" "$empty-shm"
"$cli" --db "$empty" init > /dev/null

dbs=(empty small evals big)
count() {
  sqlite3 "$1" "SELECT (SELECT count(*) FROM calls) || ' calls, '
                    || (SELECT count(*) FROM evaluations) || ' evaluations'"
}
for db in "${dbs[@]}"; do
  printf '%-6s %-28s %s, %d MB\n' "$db" "$(basename "${!db}")" "$(count "${!db}")" \
    "$(( $(stat -c %s "${!db}") / 1000000 ))"
done

probe=$work/probe.txt

# Starts the app on database $1 under its own Xvfb and waits for it to quit; appends the
# probe's line to $2 (when given).
run_app() {
  local settings=(GSETTINGS_BACKEND=memory)

  rm -f "$probe"
  # Another page than the default: settings from a key file that only says which page was
  # open last (all else: the defaults).
  if [ "$page" != review ]; then
    mkdir -p "$work/config/glib-2.0/settings"
    printf '[io/github/rubricqa/Rubric]\nlast-page=%s\n' "'$page'" \
      > "$work/config/glib-2.0/settings/keyfile"
    settings=(GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$work/config")
  fi
  env RUBRIC_STARTUP_PROBE="$probe" GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none \
      "${settings[@]}" GSETTINGS_SCHEMA_DIR="$build/data" \
      timeout 300 xvfb-run -a -s "-screen 0 1280x1024x24" "$app" --database "$1" \
      > /dev/null 2> "$work/stderr.txt" || { cat "$work/stderr.txt" >&2; exit 1; }
  [ -s "$probe" ] || { echo "run-app-startup: no probe from the app on $1" >&2; exit 1; }
  [ -z "${2:-}" ] || cat "$probe" >> "$2"
}

# Field $2 of the probe lines in $1 (first_data_us, settled_us, rss_kb, hwm_kb, page).
field() { awk -v k="$2" '{ for (i = 1; i < NF; i += 2) if ($i == k) print $(i + 1) }' "$1"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ms() { echo "$1 / 1000" | bc; }
mb() { echo "$1 / 1024" | bc; }

# One untimed run each, then RUNS rounds over all databases (interleaved, so that a
# disturbance of the machine falls on all of them).
for db in "${dbs[@]}"; do
  rm -f "$work/$db.txt"
  run_app "${!db}"
done
for i in $(seq "$runs"); do
  for db in "${dbs[@]}"; do
    run_app "${!db}" "$work/$db.txt"
  done
done

echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A first settled rss hwm shown
for db in "${dbs[@]}"; do
  first[$db]=$(field "$work/$db.txt" first_data_us | median)
  settled[$db]=$(field "$work/$db.txt" settled_us | median)
  rss[$db]=$(field "$work/$db.txt" rss_kb | median)
  hwm[$db]=$(field "$work/$db.txt" hwm_kb | median)
  shown[$db]=$(field "$work/$db.txt" page | sort -u | tr '\n' ' ')
  printf '%-6s %-8s first data (ms): %s; settled %d ms; RSS %s MB; peak RSS %s MB\n' \
    "$db" "${shown[$db]}" \
    "$(field "$work/$db.txt" first_data_us | awk '{ printf "%s%d", (NR > 1 ? " " : ""), $1 / 1000 }')" \
    "$(ms "${settled[$db]}")" \
    "$(field "$work/$db.txt" rss_kb | awk '{ printf "%s%d", (NR > 1 ? " " : ""), $1 / 1024 }')" \
    "$(field "$work/$db.txt" hwm_kb | awk '{ printf "%s%d", (NR > 1 ? " " : ""), $1 / 1024 }')"
done

echo
echo "| median of $runs runs | empty | small | evals | big | target |"
echo "|---|---|---|---|---|---|"
printf '| page on screen | %s| %s| %s| %s| |\n' "${shown[empty]}" "${shown[small]}" "${shown[evals]}" "${shown[big]}"
printf '| first data on screen, ms since the process started | %d | %d | %d | %d | |\n' \
  "$(ms "${first[empty]}")" "$(ms "${first[small]}")" "$(ms "${first[evals]}")" "$(ms "${first[big]}")"
printf '| no list loading any more (settled), ms | %d | %d | %d | %d | |\n' \
  "$(ms "${settled[empty]}")" "$(ms "${settled[small]}")" "$(ms "${settled[evals]}")" "$(ms "${settled[big]}")"
printf '| RSS when settled, MB | %d | %d | %d | %d | |\n' \
  "$(mb "${rss[empty]}")" "$(mb "${rss[small]}")" "$(mb "${rss[evals]}")" "$(mb "${rss[big]}")"
printf '| peak RSS (VmHWM) when settled, MB | %d | %d | %d | %d | |\n' \
  "$(mb "${hwm[empty]}")" "$(mb "${hwm[small]}")" "$(mb "${hwm[evals]}")" "$(mb "${hwm[big]}")"
for pair in "evals small" "evals empty" "big small" "big empty"; do
  read -r a b <<< "$pair"
  printf '| **%s / %s: start-up** | %.2f× | | | | ≤ 1.3× |\n' "$a" "$b" \
    "$(echo "${first[$a]} / ${first[$b]}" | bc -l)"
  printf '| **%s − %s: peak RSS** | %+d MB | | | | ≤ 30 MB |\n' "$a" "$b" \
    "$(echo "(${hwm[$a]} - ${hwm[$b]}) / 1024" | bc)"
done
