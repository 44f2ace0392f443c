#!/usr/bin/env bash
# check-sql-in-core.sh — all SQL lives in src/core, and there only the two
# backends include their engine's header. No file of the app or of
# rubric-cli includes sqlite3.h or calls SQLite (sqlite3_*), they call core
# functions instead (docs/ARCHITECTURE.md)
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
top=$1
cd "$top" || exit 1

# Files whose SQL is being moved to the core on other branches (issue 10 §4):
# one line each, to be removed once those branches are merged.
known=(
)

n=0
status=0
while IFS= read -r f; do
  n=$((n + 1))
  hits=$(grep -nE '#[[:space:]]*include[[:space:]]*[<"]sqlite3\.h[>"]|sqlite3_' "$f")
  for k in "${known[@]}"; do
    [ "$f" = "$k" ] && hits=""
  done
  if [ -n "$hits" ]; then
    echo "not ok $n - $f uses SQLite; put the SQL behind a function in src/core"
    sed 's/^/# /' <<<"$hits"
    status=1
  else
    echo "ok $n - $f"
  fi
done < <(find src/app src/cli -type f \( -name '*.c' -o -name '*.h' \) | sort)

# Inside the core, only the two backends speak to their engine (issue 11):
# every other file goes through rubric-stmt.h and rubric-db.h.
while IFS= read -r f; do
  n=$((n + 1))
  case "$f" in
    src/core/rubric-db-sqlite.c) hits="" ;;
    *) hits=$(grep -nE '#[[:space:]]*include[[:space:]]*[<"]sqlite3\.h[>"]|sqlite3_[a-z]' "$f") ;;
  esac
  case "$f" in
    src/core/rubric-db-pg.c|src/core/rubric-db-pg-*.c) ;;
    *) hits="$hits$(grep -nE '#[[:space:]]*include[[:space:]]*[<"]libpq-fe\.h[>"]|\<PQ[a-z]+[[:space:]]*\(' "$f")" ;;
  esac
  if [ -n "$hits" ]; then
    echo "not ok $n - $f speaks to a database engine; only the backends (rubric-db-sqlite.c, rubric-db-pg.c) may"
    sed 's/^/# /' <<<"$hits"
    status=1
  else
    echo "ok $n - $f"
  fi
done < <(find src/core -type f \( -name '*.c' -o -name '*.h' \) | sort)

echo "1..$n"
exit $status
