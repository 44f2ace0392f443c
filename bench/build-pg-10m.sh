#!/bin/bash
# build-pg-10m.sh — a 10-million-call team database for timing KPIs and ratings (issue 11):
# one month of 100,000 calls imported through rubric-cli, then copied in SQL to 10 M (10 copies
# in the month × 10 months, as a superuser with session_replication_role = replica so the copies
# skip the foreign-key triggers), the rollups rebuilt from the calls with the core's own SQL
# (/tmp/x/rsql prints RUBRIC_ROLLUPS_REBUILD_ALL_SQL: cc -I src/core -I build a three-line
# program that puts () it). The cluster and paths are the ones of the run written in
# bench/README.md; edit them for another.
set -eu
B=/work/main/build
U='postgresql:///postgres?host=/tmp/pgmain&port=5432&user=postgres'
D='postgresql:///big10?host=/tmp/pgmain&port=5432&user=postgres'
psql -q "$U" -c "DROP DATABASE IF EXISTS big10" -c "CREATE DATABASE big10 ENCODING UTF8 LOCALE 'C' TEMPLATE template0"
$B/src/cli/rubric-cli --db "$D" init > /dev/null
sed 's/vendor="Acme"/vendor="Northwind"/; s|Europe/Riga|UTC|' /work/main/tests/data/contracts/spec-example.xml > /tmp/x/contract.xml
$B/src/cli/rubric-cli --db "$D" contract import /tmp/x/contract.xml > /dev/null
$B/bench/gen-queue-log --queues | while read -r q v; do $B/src/cli/rubric-cli --db "$D" queues map "$q" "$v" > /dev/null; done
$B/bench/gen-queue-log --calls 100000 --seed 7 --start 2026-01-01 --days 31 -o /tmp/x/m.log 2>/dev/null
t0=$(date +%s.%N); $B/src/cli/rubric-cli --db "$D" calls import /tmp/x/m.log > /dev/null; t1=$(date +%s.%N)
echo "base import 100k: $(echo "$t1 - $t0" | bc) s"
t0=$(date +%s.%N)
psql -q "$D" <<SQL
SET session_replication_role = replica;
INSERT INTO calls (source_id, call_id, queue_id, entered_at, vendor_id, agent_id, outcome, wait_s, talk_s, hold_s, wrap_s, caller, recording, next_gap)
SELECT c.source_id, c.call_id || '-' || k || '-' || m, c.queue_id, c.entered_at + m * 2678400, c.vendor_id, c.agent_id, c.outcome, c.wait_s, c.talk_s, c.hold_s, c.wrap_s, c.caller, c.recording, c.next_gap
  FROM calls AS c, generate_series (0, 9) AS k, generate_series (0, 9) AS m
 WHERE NOT (k = 0 AND m = 0);
DELETE FROM call_rollups;
$(/tmp/x/rsql);
ANALYZE;
SQL
t1=$(date +%s.%N); echo "replicated to 10M + rollups: $(echo "$t1 - $t0" | bc) s"
psql -Atq "$D" -c "SELECT count(*) FROM calls" -c "SELECT v.name, count(*) FROM calls c JOIN vendors v ON v.id=c.vendor_id GROUP BY 1"
