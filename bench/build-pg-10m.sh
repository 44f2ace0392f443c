#!/bin/bash
# build-pg-10m.sh — a 10-million-call team database for timing KPIs and ratings (issue 11):
# one month of 100,000 calls imported through rubric-cli, then copied in SQL to 10 M (10 copies
# in the month × 10 months, as a superuser with session_replication_role = replica so the copies
# skip the foreign-key triggers), the rollups rebuilt from the calls with the core's own SQL
# (RUBRIC_ROLLUPS_REBUILD_ALL_SQL, printed by a three-line program built here).
# Usage: U=SUPERUSER-URI-TO-postgres bench/build-pg-10m.sh [BUILD]   (e.g. the URI
# build-aux/pg-cluster start prints); the database big10 on that server is replaced.
set -eu
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
B=$(realpath "${1:-$top/build}")
U=${U:?a superuser URI to the maintenance database}
D=$(printf '%s' "$U" | sed 's|:///postgres|:///big10|')
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
printf '#include <stdio.h>\n#include "rubric-rollups.h"\nint main (void) { puts (RUBRIC_ROLLUPS_REBUILD_ALL_SQL); return 0; }\n' > "$work/rsql.c"
cc $(pkg-config --cflags glib-2.0 gio-2.0) -I"$top/src/core" -I"$B" "$work/rsql.c" -o "$work/rsql"
psql -q "$U" -c "DROP DATABASE IF EXISTS big10" -c "CREATE DATABASE big10 ENCODING UTF8 LOCALE 'C' TEMPLATE template0"
$B/src/cli/rubric-cli --db "$D" init > /dev/null
sed 's/vendor="Acme"/vendor="Northwind"/; s|Europe/Riga|UTC|' /work/main/tests/data/contracts/spec-example.xml > "$work/contract.xml"
$B/src/cli/rubric-cli --db "$D" contract import "$work/contract.xml" > /dev/null
$B/bench/gen-queue-log --queues | while read -r q v; do $B/src/cli/rubric-cli --db "$D" queues map "$q" "$v" > /dev/null; done
$B/bench/gen-queue-log --calls 100000 --seed 7 --start 2026-01-01 --days 31 -o "$work/m.log" 2>/dev/null
t0=$(date +%s.%N); $B/src/cli/rubric-cli --db "$D" calls import "$work/m.log" > /dev/null; t1=$(date +%s.%N)
echo "base import 100k: $(echo "$t1 - $t0" | bc) s"
t0=$(date +%s.%N)
psql -q "$D" <<SQL
SET session_replication_role = replica;
INSERT INTO calls (source_id, call_id, queue_id, entered_at, vendor_id, agent_id, outcome, wait_s, talk_s, hold_s, wrap_s, caller, recording, next_gap)
SELECT c.source_id, c.call_id || '-' || k || '-' || m, c.queue_id, c.entered_at + m * 2678400, c.vendor_id, c.agent_id, c.outcome, c.wait_s, c.talk_s, c.hold_s, c.wrap_s, c.caller, c.recording, c.next_gap
  FROM calls AS c, generate_series (0, 9) AS k, generate_series (0, 9) AS m
 WHERE NOT (k = 0 AND m = 0);
DELETE FROM call_rollups;
$("$work/rsql");
ANALYZE;
SQL
t1=$(date +%s.%N); echo "replicated to 10M + rollups: $(echo "$t1 - $t0" | bc) s"
psql -Atq "$D" -c "SELECT count(*) FROM calls" -c "SELECT v.name, count(*) FROM calls c JOIN vendors v ON v.id=c.vendor_id GROUP BY 1"
