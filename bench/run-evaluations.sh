#!/usr/bin/env bash
# run-evaluations.sh — evaluation import, export (against sqlite3's own CSV output) and autosave
#
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: bench/run-evaluations.sh [BUILD-DIR] [N]
set -euo pipefail
build=${1:-build}
n=${2:-100000}
out=$("$build/bench/bench-evaluations" "$n")
echo "$out"
db=$(echo "$out" | sed -n 's/^database: //p')
ours=$(echo "$out" | sed -n 's/^export-csv: .* in \([0-9.]*\) s$/\1/p')
start=$(date +%s.%N)
sqlite3 -csv -header "$db" 'SELECT * FROM evaluations' > /dev/null
end=$(date +%s.%N)
base=$(echo "$end - $start" | bc -l)
printf 'baseline: sqlite3 -csv of the evaluations table: %.3f s; export ratio %.2fx\n' \
  "$base" "$(echo "$ours / $base" | bc -l)"
rm -rf "$(dirname "$db")"
