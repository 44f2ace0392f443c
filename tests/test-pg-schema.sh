#!/bin/sh
# test-pg-schema.sh — the team database's schema on a throw-away PostgreSQL 15
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts a cluster of its own (a Unix socket in a temporary folder, no TCP),
# creates the schema as an owner who is not a superuser, compares the SQL
# functions with the C ones over the samples pg-schema-tool prints, and
# checks what a reviewer, a lead and an admin may do (docs/TEAM-STORE.md).
# Skipped when PostgreSQL 15 is not installed.

set -u
tool=$1
bin=/usr/lib/postgresql/15/bin

if [ ! -x "$bin/initdb" ]; then
  echo "1..0 # SKIP PostgreSQL 15 is not installed"
  exit 0
fi

d=$(mktemp -d)
as_pg=""
if [ "$(id -u)" = 0 ]; then
  chown postgres "$d"
  as_pg="runuser -u postgres --"
fi

stop () {
  $as_pg "$bin/pg_ctl" -D "$d/data" -m immediate -w stop > /dev/null 2>&1
  rm -rf "$d"
}
trap stop EXIT

$as_pg "$bin/initdb" -D "$d/data" -A trust -U postgres > "$d/initdb.log" 2>&1 &&
$as_pg "$bin/pg_ctl" -D "$d/data" -w -l "$d/log" \
  -o "-k $d -c listen_addresses= -c fsync=off" start > /dev/null 2>&1 || {
  echo "Bail out! could not start a PostgreSQL cluster"; cat "$d/initdb.log" "$d/log" >&2; exit 1
}

n=0
failed=0
check () {
  desc=$1
  shift
  n=$((n + 1))
  if "$@"; then
    echo "ok $n - $desc"
  else
    echo "not ok $n - $desc"
    failed=$((failed + 1))
  fi
}

# psql as USER on DB: prints rows unaligned, stops at the first error.
sql () {
  user=$1 db=$2
  shift 2
  psql -h "$d" -U "$user" -d "$db" -X -q -A -t -v ON_ERROR_STOP=1 -v VERBOSITY=verbose "$@"
}
# TRUE when SQL as USER fails with SQLSTATE 42501 (insufficient privilege).
refused () {
  sql "$1" team -c "$2" 2>&1 | grep -q "ERROR:  42501"
}
equals () {
  [ "$1" = "$2" ] || { echo "# got «$1», expected «$2»"; return 1; }
}

sql postgres postgres -c "CREATE ROLE owner LOGIN CREATEROLE" -c "CREATE DATABASE team OWNER owner"
"$tool" migrations > "$d/migrations.sql"
check "the migrations apply in one transaction as an owner who is not a superuser" \
  sql owner team -f "$d/migrations.sql"
check "rubric_schema holds one row, the version" \
  equals "$(sql owner team -c "SELECT count (*), max (version) FROM rubric_schema")" "1|6"
check "rubric_schema refuses a second row" \
  sh -c "! psql -h '$d' -U owner -d team -X -q -c 'INSERT INTO rubric_schema VALUES (1)' 2>/dev/null"

"$tool" samples > "$d/samples.tsv"
grep '^t' "$d/samples.tsv" | cut -f 2- > "$d/times.tsv"
grep '^w' "$d/samples.tsv" | cut -f 2- > "$d/waits.tsv"
grep '^g' "$d/samples.tsv" | cut -f 2- > "$d/gaps.tsv"
sql owner team \
  -c "CREATE TEMP TABLE times (t bigint, zone text COLLATE \"C\", day bigint, clock bigint)" \
  -c "\\copy times FROM '$d/times.tsv'" \
  -c "CREATE TEMP TABLE waits (w double precision, bucket bigint)" \
  -c "\\copy waits FROM '$d/waits.tsv'" \
  -c "CREATE TEMP TABLE gaps (g bigint, bucket bigint)" \
  -c "\\copy gaps FROM '$d/gaps.tsv'" \
  -c "SELECT count (*) FILTER (WHERE rubric_local_day (t, zone) IS DISTINCT FROM day),
             count (*) FILTER (WHERE rubric_local_clock (t, zone) IS DISTINCT FROM clock),
             (SELECT count (*) FILTER (WHERE rubric_wait_bucket (w) <> bucket) FROM waits),
             (SELECT count (*) FILTER (WHERE rubric_gap_bucket (g) <> bucket) FROM gaps),
             count (*) > 9000
        FROM times" > "$d/compare.txt" 2>&1
check "rubric_local_day, rubric_local_clock and the buckets give what the C code gives" \
  equals "$(cat "$d/compare.txt")" "0|0|0|0|t"
check "NULLs: no day or clock for no instant, UTC for no zone, bucket 0 for no wait or gap" \
  equals "$(sql owner team -c "SELECT rubric_local_day (NULL, 'UTC') IS NULL,
                                      rubric_local_clock (NULL, 'UTC') IS NULL,
                                      rubric_local_day (86400, NULL),
                                      rubric_wait_bucket (NULL), rubric_gap_bucket (NULL)")" \
         "t|t|1|0|0"
check "total () is 0.0 over no rows, like () folds ASCII letters only, round () takes a REAL" \
  equals "$(sql owner team -c "SELECT total (x), like ('%B\\_%', 'ab_c', '\\'),
                                      like ('é%', 'Émile', '\\'), round (2.0000004::float8, 6)
                                 FROM (SELECT 1.0::float8 WHERE false) AS n (x)")" \
         "0|t|f|2"

# Members, and what each may do.
sql owner team -c "SELECT rubric_add_member ('alice', 'reviewer'), rubric_add_member ('bob', 'reviewer'),
                          rubric_add_member ('lea', 'admin'), rubric_add_member ('lea', 'lead'),
                          rubric_add_member ('adam', 'admin')" > /dev/null
sql owner team > /dev/null <<'SQL'
INSERT INTO vendors (name) VALUES ('Acme');
INSERT INTO scorecards (key, version, title, digest, definition, created_at)
  VALUES ('k', 1, 'T', 'd', '<x/>', 0);
INSERT INTO evaluations (uuid, scorecard_id, status, reviewer, updated_at) VALUES
  ('a-draft', 1, 'draft', 'alice', 0), ('a-sub', 1, 'submitted', 'alice', 0),
  ('b-draft', 1, 'draft', 'bob', 0), ('b-sub', 1, 'submitted', 'bob', 0);
INSERT INTO evaluation_answers SELECT id, 'c', 'yes', 1, 0 FROM evaluations;
INSERT INTO evaluation_history (evaluation_id, changed_at, changed_by, reason, before, after)
  SELECT id, 0, 'bob', 'r', 'a', 'b' FROM evaluations WHERE uuid = 'b-sub';
SQL

check "a reviewer sees everyone's submitted evaluations and their own drafts" \
  equals "$(sql alice team -c "SELECT string_agg (uuid, ',' ORDER BY uuid) FROM evaluations")" \
         "a-draft,a-sub,b-sub"
check "a reviewer sees the answers of those evaluations only" \
  equals "$(sql alice team -c "SELECT count (*) FROM evaluation_answers")" "3"
check "a reviewer saves their own evaluations, and the revision counts" \
  equals "$(sql alice team -c "UPDATE evaluations SET revision = revision + 1 WHERE uuid = 'a-sub'
                                 RETURNING revision")" "2"
check "a reviewer is refused an evaluation in someone else's name (42501)" \
  refused alice "INSERT INTO evaluations (uuid, scorecard_id, status, reviewer, updated_at)
                 VALUES ('x', 1, 'draft', 'bob', 0)"
check "a reviewer changes nothing of someone else's evaluation" \
  equals "$(sql alice team -c "WITH c AS (UPDATE evaluations SET score = 1 WHERE reviewer = 'bob'
                                            RETURNING 1) SELECT count (*) FROM c")" "0"
check "a reviewer is refused answers on someone else's evaluation (42501)" \
  refused alice "INSERT INTO evaluation_answers SELECT id, 'd', 'no', 0, 1 FROM evaluations
                 WHERE uuid = 'b-sub'"
check "a reviewer is refused rewriting the history (42501)" \
  refused alice "DELETE FROM evaluation_history"
check "a reviewer is refused imports: vendors (42501)" \
  refused alice "INSERT INTO vendors (name) VALUES ('Evil')"
check "a reviewer is refused imports: calls (42501)" \
  refused alice "DELETE FROM calls"
check "a reviewer is refused managing members (42501)" \
  refused alice "SELECT rubric_add_member ('alice', 'admin')"
check "a reviewer cannot take the admin role (42501)" \
  refused alice "SET ROLE rubric_admin"
check "a lead changes someone else's submitted evaluation (a dispute)" \
  equals "$(sql lea team -c "WITH c AS (UPDATE evaluations SET score = 0.5 WHERE uuid = 'b-sub'
                                          RETURNING 1) SELECT count (*) FROM c")" "1"
check "a lead is refused turning it into someone else's draft (42501)" \
  refused lea "UPDATE evaluations SET status = 'draft' WHERE uuid = 'b-sub'"
check "a lead is refused imports (42501)" \
  refused lea "INSERT INTO metrics (vendor_id, period_start, period_end, metric, value)
               VALUES (1, '2026-01-01', '2026-01-31', 'aht', 1)"
check "a lead adds vendors and agents and sets their names and teams (migration 6)" \
  sql lea team -c "INSERT INTO vendors (name) VALUES ('Lead')" \
               -c "INSERT INTO agents (vendor_id, external_id) SELECT id, 'a1' FROM vendors
                   WHERE name = 'Lead'" \
               -c "UPDATE agents SET name = 'Ann', team = 'T1' WHERE external_id = 'a1'"
check "a reviewer is refused setting an agent's team (42501)" \
  refused alice "UPDATE agents SET team = 'T2'"
check "a lead is still refused removing agents and vendors (42501)" \
  refused lea "DELETE FROM agents"
check "an admin imports, and adds a member whose name is not an identifier" \
  sql adam team -c "INSERT INTO vendors (name) VALUES ('Beta')" \
                -c "SELECT rubric_add_member ('Mr \"X\"; drop table calls', 'reviewer')"
check "an admin may not make the owner or a superuser a member" \
  sh -c "! psql -h '$d' -U adam -d team -X -q -c \"SELECT rubric_add_member ('owner', 'reviewer')\" 2>/dev/null &&
         ! psql -h '$d' -U adam -d team -X -q -c \"SELECT rubric_add_member ('postgres', 'reviewer')\" 2>/dev/null"
check "every member has their role, the owner is an admin" \
  equals "$(sql alice team -c "SELECT string_agg (rolname || '=' || rubric_member_role (rolname), ','
                                                  ORDER BY rolname COLLATE \"C\")
                                 FROM pg_roles WHERE rolcanlogin AND rolname <> 'postgres'")" \
         'Mr "X"; drop table calls=reviewer,adam=admin,alice=reviewer,bob=reviewer,lea=lead,owner=admin'

echo "1..$n"
[ $failed -eq 0 ]
