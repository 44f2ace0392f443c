#!/usr/bin/env bash
# test-cli-pg.sh — rubric-cli on a team (PostgreSQL) database: the same
# exports as SQLite, the roles, working at the same time, copy and backup
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli-pg.sh RUBRIC-CLI TESTS-SOURCE-DIR   (prints TAP)
#
# Runs on the server RUBRIC_TEST_PG_URI names (a superuser URI, as
# build-aux/dev test and build-aux/pg-cluster give); skips without it. It
# makes its own databases and logins there (named after its process id, so
# a run beside another never clashes) and drops them when it is done.
set -u

cli=$1
src=$2
data="$src/data"

if [ -z "${RUBRIC_TEST_PG_URI:-}" ]; then
  echo "1..0 # SKIP RUBRIC_TEST_PG_URI is not set (build-aux/dev test sets it)"
  exit 0
fi
if ! command -v psql > /dev/null || ! command -v pg_dump > /dev/null; then
  echo "1..0 # SKIP psql or pg_dump is not installed"
  exit 0
fi

tmp=$(mktemp -d)
export LC_ALL=C.UTF-8 LANGUAGE=
# Everything stamped with "now" (scorecards' created_at) is the same on both.
export RUBRIC_NOW=2026-11-20T10:00:00Z
unset RUBRIC_DB PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD PGSERVICE PGOPTIONS

# The server's socket folder and port, from the suite's URI.
param () { printf '%s' "$RUBRIC_TEST_PG_URI" | sed -n "s/.*[?&]$1=\([^&]*\).*/\1/p"; }
pg_host=$(param host)
pg_port=$(param port)
# uri DB USER: a connection URI to DB on the suite's server as USER.
uri () { printf 'postgresql:///%s?host=%s&port=%s&user=%s' "$1" "$pg_host" "${pg_port:-5432}" "$2"; }

s=$$
owner=clipg_owner_$s
alice=clipg_alice_$s
lea=clipg_lea_$s
adam=clipg_adam_$s
team=clipg_team_$s
parity=clipg_parity_$s
copied=clipg_copy_$s
conc=clipg_conc_$s
trends=clipg_trends_$s

# psql as USER on DB, unaligned, stopping at the first error.
sql () {
  local db=$1 user=$2; shift 2
  psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$(uri "$db" "$user")" "$@"
}

cleanup () {
  for db in "$team" "$parity" "$copied" "$conc" "$trends"; do
    sql postgres postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" > /dev/null 2>&1
  done
  for role in "$alice" "$lea" "$adam" "$owner"; do
    sql postgres postgres -c "DROP ROLE IF EXISTS $role" > /dev/null 2>&1
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

n=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check () { # check NAME COMMAND...: passes when the command succeeds
  local name=$1; shift
  if "$@"; then ok "$name"; else not_ok "$name"; fi
}
# todo REASON NAME COMMAND...: a check that may fail for a known reason in
# someone else's work: a failure is a TAP TODO (reported, the suite stays
# green); once the cause is fixed it passes as a plain check. An empty
# REASON makes it a plain check.
todo () {
  local reason=$1 name=$2; shift 2
  if [ -z "$reason" ]; then check "$name" "$@"; return; fi
  if "$@"; then ok "$name"; else n=$((n + 1)); echo "not ok $n - $name # TODO $reason"; fi
}

# Known causes, in the core, of checks that fail for now: none (the call
# imports, the names' race and the copy's counters were fixed). A reason
# here turns its checks into TODO; empty, they are plain checks that fail.
KNOWN_CALLS=""
KNOWN_RACE=""
KNOWN_COPY=""

run () { # run EXPECTED-STATUS ARGS...: runs rubric-cli, keeps stdout and stderr
  local want=$1; shift
  "$cli" "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "# rubric-cli $* exited $got, expected $want"; sed 's/^/# stderr: /' "$tmp/err" | head -5
    return 1
  fi
}
# as DB USER EXPECTED-STATUS ARGS...: run with --db the URI of USER on DB.
as () { local db=$1 user=$2 want=$3; shift 3; run "$want" --db "$(uri "$db" "$user")" "$@"; }
same () { # same FILE1 FILE2: byte for byte, showing the first differences
  cmp -s "$1" "$2" && return 0
  diff -u "$1" "$2" | head -20 | sed 's/^/# /'
  return 1
}
not_grep () { ! grep -q "$@"; }
refused () { grep -q '^rubric-cli: not permitted: ' "$tmp/err" || { sed 's/^/# stderr: /' "$tmp/err" | head -3; return 1; }; }
# What a team database holds (its rows), to check "changed nothing": not
# pg_dump's per-run \restrict key, nor the sequences (a refused INSERT may
# have drawn a number: no row, but the counter moved).
dump () {
  pg_dump -a --no-comments -d "$(uri "$1" postgres)" 2>&1 |
    grep -v '^--\|^SET \|^SELECT pg_catalog.set_config\|^\\restrict \|^\\unrestrict \|pg_catalog.setval'
}
# This run's members only (other tests' logins on the server come and go).
members_csv () { "$cli" --db "$(uri "$1" postgres)" members list --format csv 2>&1 | grep -e "_$s," -e '^rubric-cli'; }

sql postgres postgres -c "CREATE ROLE $owner LOGIN CREATEROLE" \
  -c "CREATE DATABASE $team OWNER $owner" -c "CREATE DATABASE $parity OWNER $owner" \
  -c "CREATE DATABASE $copied OWNER $owner" -c "CREATE DATABASE $conc OWNER $owner" \
  -c "CREATE DATABASE $trends OWNER $owner" > /dev/null ||
  { echo "Bail out! cannot create the test's databases on $RUBRIC_TEST_PG_URI"; exit 1; }

# --- (a) parity: the same inputs into SQLite and a team database --------------
cat > "$tmp/small.log" <<'LOG'
1700000000|NONE|NONE|NONE|QUEUESTART|
1700000000|c1|Support|NONE|ENTERQUEUE||+37120000001|1
1700000010|c1|Support|PJSIP/400|CONNECT|10|c1.1|3
1700000020|c2|Support|NONE|ENTERQUEUE||+37120000002|1
1700000100|c1|Support|PJSIP/400|COMPLETECALLER|10|90|1
1700000105|c2|Support|NONE|ABANDON|1|1|85
1700000200|c3|sales|NONE|ENTERQUEUE||+37120000001|1
1700000201|c3|sales|NONE|EXITWITHKEY|5|1|1|1
1700090000|c4|Support|NONE|ENTERQUEUE||+37120000001|1
1700090004|c4|Support|PJSIP/401|CONNECT|4|c4.1|2
1700090200|c4|Support|PJSIP/401|COMPLETEAGENT|4|196|1
LOG

# fill DB-ARG: the same imports, in the same order, into either store.
fill () {
  local status=0 cmd
  while IFS= read -r cmd; do
    [ -z "$cmd" ] && continue
    # shellcheck disable=SC2086
    if ! eval "\"\$cli\" --db \"\$1\" $cmd" > "$tmp/fill.out" 2> "$tmp/fill.err"; then
      echo "# fill: $cmd failed: $(head -c 300 "$tmp/fill.err")"
      status=1
    fi
  done <<CMDS
init
scorecard import "$data/scorecard-test.xml"
scorecard import "$data/scorecard-spec.xml"
calls import "$data/calls/good.csv"
calls import "$data/calls/blank-lines.csv"
queues map Support Acme
queues map sales Acme
calls import "$tmp/small.log"
evaluations import "$data/evaluations-test.xml"
contract import "$data/contracts/spec-example.xml"
contract import "$data/contracts/minimal.xml"
metrics import "$data/metrics/good.csv"
CMDS
  return $status
}

# exports DB-ARG DIR: every export, one file each.
exports () {
  local db=$1 dir=$2
  mkdir -p "$dir"
  "$cli" --db "$db" evaluations export --format csv > "$dir/evaluations.csv" 2>&1
  "$cli" --db "$db" evaluations export --format xml > "$dir/evaluations.xml" 2>&1
  "$cli" --db "$db" evaluations export --format csv --vendor Acme --status submitted > "$dir/evaluations-acme.csv" 2>&1
  for by in day month; do
    "$cli" --db "$db" kpis --vendor Acme --from 2023-01-01 --to 2023-12-31 --by $by --format csv > "$dir/kpis-$by.csv" 2>&1
  done
  "$cli" --db "$db" kpis --vendor Acme --period 2023-11 --queue Support --format csv > "$dir/kpis-queue.csv" 2>&1
  for p in 2023-02 2023-11 2026-10; do
    "$cli" --db "$db" ratings --period $p --format csv > "$dir/ratings-$p.csv" 2>&1
    "$cli" --db "$db" ratings --period $p --detail --format csv > "$dir/ratings-$p-detail.csv" 2>&1
    "$cli" --db "$db" ratings --period $p --format xml > "$dir/ratings-$p.xml" 2>&1
  done
  "$cli" --db "$db" queues list --format csv > "$dir/queues.csv" 2>&1
  "$cli" --db "$db" scorecard list --format csv > "$dir/scorecards.csv" 2>&1
  "$cli" --db "$db" scorecard export test-card > "$dir/scorecard.xml" 2>&1
  "$cli" --db "$db" contract export Acme > "$dir/contract-acme.xml" 2>&1
  "$cli" --db "$db" contract export "Bravo Calls" > "$dir/contract-bravo.xml" 2>&1
  if command -v pdftotext > /dev/null; then
    SOURCE_DATE_EPOCH=1790000000 "$cli" --db "$db" ratings --period 2023-02 -o "$dir/ratings.pdf" > /dev/null 2>&1 &&
      pdftotext -layout "$dir/ratings.pdf" "$dir/ratings-pdf.txt"
    rm -f "$dir/ratings.pdf"
  fi
  return 0
}

export_names="evaluations.csv evaluations.xml evaluations-acme.csv kpis-day.csv kpis-month.csv
  kpis-queue.csv ratings-2023-02.csv ratings-2023-02-detail.csv ratings-2023-02.xml
  ratings-2023-11.csv ratings-2023-11-detail.csv ratings-2023-11.xml ratings-2026-10.csv
  ratings-2026-10-detail.csv ratings-2026-10.xml queues.csv scorecards.csv scorecard.xml
  contract-acme.xml contract-bravo.xml"
command -v pdftotext > /dev/null && export_names="$export_names ratings-pdf.txt"

# compare_exports DIR1 DIR2 WHAT [REASON]: one check per export (a TODO
# with REASON when it fails).
compare_exports () {
  local name
  for name in $export_names; do
    todo "${4:-}" "$3: $name is the same, byte for byte" same "$1/$name" "$2/$name"
  done
}

check "the SQLite file takes every import" fill "$tmp/parity.db"
todo "$KNOWN_CALLS" "the team database takes every import (as its owner)" fill "$(uri "$parity" "$owner")"
exports "$tmp/parity.db" "$tmp/sqlite"
exports "$(uri "$parity" "$owner")" "$tmp/pg"
check "the SQLite exports are not empty" test "$(wc -l < "$tmp/sqlite/evaluations.csv")" -gt 1
compare_exports "$tmp/sqlite" "$tmp/pg" "parity" "$KNOWN_CALLS"
todo "$KNOWN_CALLS" "check passes on the team database" as "$parity" "$owner" 0 check

# --- members on SQLite: none --------------------------------------------------
for verb in "list" "add x reviewer" "remove x"; do
  # shellcheck disable=SC2086
  check "members $verb on a SQLite file is a usage error (exit 1)" run 1 --db "$tmp/parity.db" members $verb
  check "... with the core's message" grep -q 'only a team (PostgreSQL) database has members' "$tmp/err"
done
check "members add with an unknown role is a usage error (exit 1)" as "$team" "$owner" 1 members add "$alice" boss
check "members without a verb is a usage error (exit 1)" as "$team" "$owner" 1 members

# --- (b) roles ----------------------------------------------------------------
check "init by the owner (CREATEROLE, not a superuser)" as "$team" "$owner" 0 init
check "members add a reviewer" as "$team" "$owner" 0 members add "$alice" reviewer
check "members add a lead" as "$team" "$owner" 0 members add "$lea" lead
check "members add an admin" as "$team" "$owner" 0 members add "$adam" admin
check "members list" as "$team" "$owner" 0 members list --format csv
# Only this run's logins: the group roles belong to the whole cluster, so
# the members of other tests' databases on the same server are listed too
# (docs/TEAM-STORE.md, "Limits to know").
tr -d '\r' < "$tmp/out" | grep -e '^name,role$' -e "_$s," > "$tmp/members.csv"
check "... name,role, sorted, the owner an admin" diff -u - "$tmp/members.csv" <<CSV
name,role
$adam,admin
$alice,reviewer
$lea,lead
$owner,admin
CSV
check "members list as a table" as "$team" "$alice" 0 members list
check "... one line per member" grep -q "^$lea  *lead\$" "$tmp/out"

# What the owner and the admin bring: the vendors and agents (a reviewer
# cannot create one), the scorecard, the calls, a contract.
check "the admin imports a scorecard" as "$team" "$adam" 0 scorecard import "$data/scorecard-test.xml"
check "the owner imports evaluations (vendors Acme and Beta Ltd, their agents)" \
  as "$team" "$owner" 0 evaluations import "$data/evaluations-test.xml"
todo "$KNOWN_CALLS" "the admin imports calls" as "$team" "$adam" 0 calls import "$data/calls/good.csv"
check "the admin imports a contract" as "$team" "$adam" 0 contract import "$data/contracts/spec-example.xml"
check "check passes on the team database (its rollups, without calls)" as "$team" "$owner" 0 check

# Alice's own evaluations: a submitted one and a draft, on Acme's calls.
sed -n '1,2p' "$data/evaluations-test.xml" > "$tmp/alice.xml"
sed -n '/a01"/,/<\/evaluation>/p' "$data/evaluations-test.xml" |
  sed "s/reviewer=\"ana\"/reviewer=\"$alice\"/; s/e7a01/e7b01/" >> "$tmp/alice.xml"
sed -n '/a02"/,/<\/evaluation>/p' "$data/evaluations-test.xml" |
  sed "s/reviewer=\"ana\"/reviewer=\"$alice\"/; s/e7a02/e7b02/; s/status=\"submitted\"/status=\"draft\"/" >> "$tmp/alice.xml"
echo '</evaluations>' >> "$tmp/alice.xml"
sed "s/$alice/$lea/g; s/e7b0/e7c0/g" "$tmp/alice.xml" > "$tmp/lea.xml"
sed "s/$alice/$lea/g; s/e7b0/e7d0/g" "$tmp/alice.xml" > "$tmp/not-alice.xml"

check "a reviewer imports her own evaluations" as "$team" "$alice" 0 evaluations import "$tmp/alice.xml"
check "... both are there" test "$(sql "$team" postgres -c "SELECT count(*) FROM evaluations WHERE reviewer = '$alice'")" = 2
check "a lead imports hers" as "$team" "$lea" 0 evaluations import "$tmp/lea.xml"

before=$(dump "$team")
members_before=$(members_csv "$team")
check "the dump of the team database is taken (rows of evaluations in it)" \
  sh -c "printf '%s' \"\$1\" | grep -q '^COPY .*evaluations '" sh "$before"
refuse () { # refuse [--todo REASON] NAME ARGS...: alice is refused (exit 4), nothing changes
  local reason=""
  if [ "$1" = --todo ]; then reason=$2; shift 2; fi
  local name=$1; shift
  todo "$reason" "a reviewer: $name is not permitted (exit 4)" as "$team" "$alice" 4 "$@"
  todo "$reason" "... rubric-cli: not permitted: …" refused
  check "... and the database is unchanged" test "$before" = "$(dump "$team")"
}
refuse --todo "$KNOWN_CALLS" "calls import" calls import "$data/calls/blank-lines.csv"
refuse "contract import" contract import "$data/contracts/minimal.xml"
refuse "metrics import" metrics import "$data/metrics/good.csv"
refuse "scorecard import" scorecard import "$data/scorecard-spec.xml"
refuse "queues map" queues map Support Acme
refuse "another reviewer's evaluations import" evaluations import "$tmp/not-alice.xml"
refuse "members add" members add "$alice" admin
check "... the members are unchanged" test "$members_before" = "$(members_csv "$team")"
refuse "members remove" members remove "$lea"
check "... the members are unchanged" test "$members_before" = "$(members_csv "$team")"

# The same from psql, as alice: refused by the server itself.
psql_alice () { sql "$team" "$alice" -c "$1" 2> "$tmp/psql.err"; }
check "psql as a reviewer: INSERT INTO calls fails" \
  sh -c "! psql -X -q -d '$(uri "$team" "$alice")' -c 'INSERT INTO calls DEFAULT VALUES' 2>'$tmp/psql.err'"
check "... with SQLSTATE 42501 (permission denied)" grep -q 'permission denied' "$tmp/psql.err"
updated=$(psql_alice "UPDATE evaluations SET reviewer = '$alice' WHERE reviewer = '$lea' RETURNING id")
check "psql as a reviewer: UPDATE of another reviewer's evaluation changes 0 rows or fails (42501)" \
  sh -c "[ -z '$updated' ] || grep -q 'row-level security\\|permission denied' '$tmp/psql.err'"
check "psql as a reviewer: DELETE FROM vendors fails" sh -c "! psql -X -q -d '$(uri "$team" "$alice")' -c 'DELETE FROM vendors' 2>/dev/null"
check "psql as a reviewer: rubric_add_member fails" \
  sh -c "! psql -X -q -d '$(uri "$team" "$alice")' -c \"SELECT rubric_add_member ('$alice', 'admin')\" 2>/dev/null"
check "... and after all that the database is unchanged" test "$before" = "$(dump "$team")"
check "... and so are the members" test "$members_before" = "$(members_csv "$team")"

# Alice sees what a reviewer sees: submitted work, her own draft, not lea's.
check "a reviewer exports evaluations" as "$team" "$alice" 0 evaluations export --format csv
check "... her own draft is there" grep -q 'e7b02' "$tmp/out"
check "... the lead's draft is not" not_grep 'e7c02' "$tmp/out"
check "... the lead's submitted one is" grep -q 'e7c01' "$tmp/out"
# Lea: what a lead may, and no more.
check "a lead reads the KPIs" as "$team" "$lea" 0 kpis --vendor Acme --period 2023-02 --format csv
check "a lead reads the ratings" as "$team" "$lea" 0 ratings --period 2023-02 --format csv
todo "$KNOWN_CALLS" "a lead: calls import is not permitted (exit 4)" as "$team" "$lea" 4 calls import "$data/calls/blank-lines.csv"
todo "$KNOWN_CALLS" "... rubric-cli: not permitted: …" refused
check "a lead: members add is not permitted (exit 4)" as "$team" "$lea" 4 members add "$lea" admin
check "... and nothing changed" test "$before" = "$(dump "$team")"
out=$(sql "$team" "$lea" -c "UPDATE evaluations SET scored_at = scored_at WHERE uuid LIKE '%e7b01' AND reviewer = '$alice' RETURNING id" 2>&1)
check "psql as a lead: a reviewer's submitted evaluation may be changed (disputes)" test -n "$out"
out=$(sql "$team" "$lea" -c "UPDATE evaluations SET scored_at = scored_at WHERE uuid LIKE '%e7b02' RETURNING id" 2>&1)
check "psql as a lead: a reviewer's draft may not (0 rows)" test -z "$out"

# Adam, an admin, manages members.
check "an admin: members add" as "$team" "$adam" 0 members add "$alice" lead
check "... changes the role" sh -c "'$cli' --db '$(uri "$team" "$adam")' members list --format csv | grep -q '^$alice,lead'"
check "an admin: members add back to reviewer" as "$team" "$adam" 0 members add "$alice" reviewer
check "members remove" as "$team" "$owner" 0 members remove "$alice"
check "... she is no longer listed" sh -c "! '$cli' --db '$(uri "$team" "$owner")' members list --format csv | grep -q '^$alice,'"
check "... and may no longer import her evaluations (exit 4)" as "$team" "$alice" 4 evaluations import "$tmp/alice.xml"
check "members remove of someone who is not a member (exit 2)" as "$team" "$owner" 2 members remove "$alice"
check "the owner cannot be removed" sh -c "! '$cli' --db '$(uri "$team" "$owner")' members remove '$owner' > /dev/null 2>&1"

# --- (c) at the same time -------------------------------------------------------
check "init the database for the concurrent checks" as "$conc" "$owner" 0 init
# calls FILE PREFIX COUNT: COUNT answered calls of Acme, ids PREFIX-N.
calls () {
  awk -v p="$2" -v c="$3" 'BEGIN {
    print "call_id,vendor,queue,agent,caller,entered_at,wait_s,talk_s,outcome";
    for (i = 0; i < c; i++)
      printf "%s-%d,Acme,Support,PJSIP/%d,+3712%07d,%d,%d,%d,answered\n", p, i, 400 + i % 20, i % 5000, 1675000000 + i * 7, i % 60, 30 + i % 300
  }' > "$1"
}
calls "$tmp/a.csv" a 4000
calls "$tmp/b.csv" b 4000
conc_uri=$(uri "$conc" "$owner")
"$cli" --db "$conc_uri" calls import "$tmp/a.csv" > "$tmp/a.out" 2>&1 & pa=$!
"$cli" --db "$conc_uri" calls import "$tmp/b.csv" > "$tmp/b.out" 2>&1 & pb=$!
wait $pa; sa=$?
wait $pb; sb=$?
[ "$sa" -eq 0 ] && [ "$sb" -eq 0 ] || sed 's/^/# /' "$tmp/a.out" "$tmp/b.out" | head -6
todo "$KNOWN_CALLS; $KNOWN_RACE" "two calls imports at once: the first succeeds" test "$sa" -eq 0
todo "$KNOWN_CALLS; $KNOWN_RACE" "... and the second" test "$sb" -eq 0
todo "$KNOWN_CALLS; $KNOWN_RACE" "... and both land (8000 calls)" test "$(sql "$conc" postgres -c 'SELECT count(*) FROM calls')" = 8000

# A long import while someone saves an evaluation: the save does not wait.
check "a scorecard for the save" as "$conc" "$owner" 0 scorecard import "$data/scorecard-test.xml"
calls "$tmp/big.csv" big 30000
sed -n '1,2p' "$data/evaluations-test.xml" > "$tmp/save.xml"
sed -n '/a01"/,/<\/evaluation>/p' "$data/evaluations-test.xml" |
  sed 's/call="[^"]*"/call="a-7"/; s/call-time="[^"]*"/call-time="2023-01-29T13:47:29Z"/' >> "$tmp/save.xml"
echo '</evaluations>' >> "$tmp/save.xml"
ms () { date +%s%3N; }
t0=$(ms)
"$cli" --db "$conc_uri" calls import "$tmp/big.csv" > "$tmp/big.out" 2>&1 & pbig=$!
sleep 0.3
kill -0 $pbig 2> /dev/null; running=$?
t1=$(ms)
"$cli" --db "$conc_uri" evaluations import "$tmp/save.xml" > "$tmp/save.out" 2>&1; ssave=$?
t2=$(ms)
wait $pbig; sbig=$?
t3=$(ms)
echo "# import ${t0}..${t3} ms ($((t3 - t0)) ms), save ${t1}..${t2} ms ($((t2 - t1)) ms)"
[ "$ssave" -eq 0 ] || sed 's/^/# /' "$tmp/save.out"
[ "$sbig" -eq 0 ] || sed 's/^/# /' "$tmp/big.out" | head -3
check "a save during an import succeeds" test "$ssave" -eq 0
todo "$KNOWN_CALLS" "... and so does the import" test "$sbig" -eq 0
if [ "$running" -ne 0 ]; then
  n=$((n + 1)); echo "ok $n - the save was not blocked by the import # SKIP the import was over before the save began"
else
  todo "$KNOWN_CALLS" "... the save was not blocked for the import's duration (it ends well before the import)" \
    test $((t2 - t1)) -lt $(((t3 - t1) / 2))
fi

# --- (e) agents and trends: the same as SQLite; who may import agents ----------
# Leads may import agents once migration 6 (branch trends-core) grants them
# INSERT and UPDATE on agents; the outputs of trends need its core.
KNOWN_TRENDS=""
KNOWN_LEAD=""
tdata="$data/trends"
range="--from 2026-11-02 --to 2026-11-15"
fill_trends () {
  "$cli" --db "$1" init > /dev/null 2>&1 &&
  "$cli" --db "$1" agents import "$tdata/agents.csv" > /dev/null 2>&1 &&
  "$cli" --db "$1" scorecard import "$tdata/scorecard.xml" > /dev/null 2>&1 &&
  "$cli" --db "$1" evaluations import "$tdata/evaluations.xml" > /dev/null 2>&1 &&
  "$cli" --db "$1" calls import "$tdata/calls.csv" > /dev/null 2>&1
}
# trends_outputs DB-ARG DIR: what each command prints (stdout, stderr, status).
trends_outputs () {
  local db=$1 dir=$2 i=0 args
  mkdir -p "$dir"
  while IFS= read -r args; do
    i=$((i + 1))
    # shellcheck disable=SC2086
    "$cli" --db "$db" $args > "$dir/$i.out" 2> "$dir/$i.err"
    echo "$args: $?" > "$dir/$i.status"
  done <<ARGS
agents list --format csv
agents list
agents list --vendor Acme --team North --format csv
agents list --team North
agents list --vendor Nobody
trends --agent A1 $range --format csv
trends --agent A1 $range --by month --format csv
trends --agent A1 $range
trends --team North $range --format csv
trends --team North --vendor Acme $range
trends --vendor Acme $range --format csv
trends --vendor Acme $range
trends --agent X9 $range --format csv
trends --agent Nobody $range --format csv
trends criteria --vendor Acme $range --format csv
trends criteria --agent A2 $range
trends reviewers --vendor Acme $range --format csv
trends reviewers --team North $range
trends resolution --vendor Acme $range --format csv
trends resolution --team North $range --format csv
ARGS
  echo "$i"
}
check "the trends data set fills a SQLite file" fill_trends "$tmp/trends.db"
check "... and a team database (its owner)" fill_trends "$(uri "$trends" "$owner")"
count=$(trends_outputs "$tmp/trends.db" "$tmp/trends-sqlite")
trends_outputs "$(uri "$trends" "$owner")" "$tmp/trends-pg" > /dev/null
for i in $(seq 1 "$count"); do
  args=$(cat "$tmp/trends-sqlite/$i.status")
  check "${args%: *} (exit ${args##*: }): the same on both stores" \
    same "$tmp/trends-sqlite/$i.status" "$tmp/trends-pg/$i.status"
  check "... the same output, byte for byte" same "$tmp/trends-sqlite/$i.out" "$tmp/trends-pg/$i.out"
  check "... the same errors" same "$tmp/trends-sqlite/$i.err" "$tmp/trends-pg/$i.err"
done
check "... the agents list is not empty" grep -q '^Acme,A1,Ann,North,2,4' "$tmp/trends-sqlite/1.out"
todo "$KNOWN_TRENDS" "... nor the trend" grep -q '^Acme,A1,North,2026-11-02,2026-11-08,2,50.00,' "$tmp/trends-sqlite/6.out"

check "members add a reviewer and a lead" as "$trends" "$owner" 0 members add "$alice" reviewer
check "... and a lead" as "$trends" "$owner" 0 members add "$lea" lead
printf 'vendor,agent,name,team\nAcme,A1,Ann,South\nGamma,G1,Gil,East\n' > "$tmp/agents-moved.csv"
before=$(dump "$trends")
check "a reviewer's agents import is not permitted (exit 4)" as "$trends" "$alice" 4 agents import "$tmp/agents-moved.csv"
check "... saying so" refused
check "... and changes nothing" test "$before" = "$(dump "$trends")"
check "a reviewer reads the agents list" as "$trends" "$alice" 0 agents list --format csv
check "... the same as the owner's" same "$tmp/trends-sqlite/1.out" "$tmp/out"
todo "$KNOWN_LEAD" "a lead's agents import moves A1 and adds Gamma" as "$trends" "$lea" 0 agents import "$tmp/agents-moved.csv"
todo "$KNOWN_LEAD" "... 1 added, 1 changed" grep -q ': 1 agents added, 1 changed' "$tmp/out"

# --- (d) copy, backup, connection errors -----------------------------------------
todo "$KNOWN_COPY" "copy --to URI: a SQLite file into a new team database" \
  run 0 --db "$tmp/parity.db" copy --to "$(uri "$copied" "$owner")"
todo "$KNOWN_COPY" "... which passes check" as "$copied" "$owner" 0 check
exports "$(uri "$copied" "$owner")" "$tmp/copied"
compare_exports "$tmp/sqlite" "$tmp/copied" "copy --to URI" "$KNOWN_COPY"
# The backup is of the team database filled by the imports above (parity).
check "backup FILE of a team database" as "$parity" "$owner" 0 backup "$tmp/back.db"
check "... a SQLite file that passes check" run 0 --db "$tmp/back.db" check
exports "$tmp/back.db" "$tmp/back"
compare_exports "$tmp/sqlite" "$tmp/back" "backup of the team database" "$KNOWN_CALLS"
todo "$KNOWN_COPY" "copy --to URI of a team database that holds data is refused (exit 2)" \
  run 2 --db "$tmp/parity.db" copy --to "$(uri "$copied" "$owner")"
RUBRIC_DB="$(uri "$parity" "$owner")" "$cli" scorecard list --format csv > "$tmp/env.out" 2>&1
check "RUBRIC_DB takes a URI: the team database's scorecards" same "$tmp/sqlite/scorecards.csv" "$tmp/env.out"

secret=s3cr3tPassw0rd
check "an unknown database fails (exit 3)" \
  run 3 --db "postgresql:///clipg_none_$s?host=$pg_host&port=${pg_port:-5432}&user=postgres&password=$secret" scorecard list
check "... with a message" grep -q 'rubric-cli: ' "$tmp/err"
check "... that never shows the password" not_grep -r "$secret" "$tmp/out" "$tmp/err"
check "an unknown login with a password fails (exit 3)" \
  run 3 --db "postgresql:///$team?host=$pg_host&port=${pg_port:-5432}&user=clipg_nobody_$s&password=$secret" init
check "... with a message" grep -q 'rubric-cli: ' "$tmp/err"
check "... that never shows the password" not_grep -r "$secret" "$tmp/out" "$tmp/err"

echo "1..$n"
