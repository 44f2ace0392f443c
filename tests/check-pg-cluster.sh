#!/usr/bin/env bash
# check-pg-cluster.sh — build-aux/pg-cluster: two throw-away clusters side by side on
# the same port, each on its own socket, stopped and removed; what it refuses
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
top=$1
pgc="$top/build-aux/pg-cluster"
bindir="${RUBRIC_PG_BINDIR:-/usr/lib/postgresql/15/bin}"

if [ ! -x "$bindir/initdb" ] || ! command -v psql >/dev/null; then
  echo "1..0 # SKIP PostgreSQL 15 is not installed ($bindir)"
  exit 0
fi

n=0
status=0
check() {
  local what=$1; shift
  n=$((n + 1))
  if "$@"; then
    echo "ok $n - $what"
  else
    echo "not ok $n - $what"
    status=1
  fi
}

base=$(mktemp -d /tmp/rubric-pgc.XXXXXX)
a="$base/a b"   # a space: the URI percent-encodes the folder
b="$base/b"
cleanup() {
  "$pgc" stop "$a" 2>/dev/null
  "$pgc" stop "$b" 2>/dev/null
  rm -rf "$base"
}
trap cleanup EXIT
chmod 0755 "$base"

uri_a=$("$pgc" start "$a")
check "start prints a URI with the socket folder" \
  test "$uri_a" = "postgresql:///postgres?host=${base}/a%20b&port=5432&user=postgres"
uri_b=$("$pgc" start "$b" 5432)
check "a second cluster starts on the same port" test -n "$uri_b"

check "the first answers" \
  test "$(psql "$uri_a" -Atc 'CREATE TABLE only_a (x int); SELECT 1' 2>&1 | tail -n 1)" = 1
check "each has its own data" \
  test "$(psql "$uri_b" -Atc "SELECT count (*) FROM pg_tables WHERE tablename = 'only_a'")" = 0
check "no TCP" test -z "$(psql "$uri_a" -Atc 'SHOW listen_addresses')"
check "a superuser" test "$(psql "$uri_a" -Atc 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user')" = t

check "start refuses a folder that is not empty" \
  bash -c '! "$0" start "$1" 2>/dev/null' "$pgc" "$a"
mkdir "$base/other"
touch "$base/other/keep"
check "stop refuses a folder it did not make" \
  bash -c '! "$0" stop "$1" 2>/dev/null && test -e "$1/keep"' "$pgc" "$base/other"

"$pgc" stop "$a"
check "stop removes the folder" test ! -e "$a"
check "the other cluster still answers" test "$(psql "$uri_b" -Atc 'SELECT 2')" = 2
"$pgc" stop "$b"
check "the second is gone too" test ! -e "$b"

echo "1..$n"
exit $status
