#!/usr/bin/env python3
# copy-to-pg.py — a benchmark's SQLite database into a team database, in bulk
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench/copy-to-pg.py SQLITE-FILE SUPERUSER-URI-OF-THE-TARGET
#
# What `rubric-cli copy --to URI` does (every table, same ids), but with one
# COPY per table instead of an INSERT per row: the core's copy takes about
# 60 µs a row here, half an hour for the 30 M rows of the trends benchmark's
# database. The target must be a team database that `rubric-cli init` has
# just made (its rows are replaced); the same schema version as the file.
# Foreign keys are not checked row by row (session_replication_role =
# replica, which needs a superuser): the rows come from a consistent
# database. Identity counters are moved past the copied ids, as the core's
# copy does. Benchmarks only.
import sqlite3
import subprocess
import sys

TABLES = [
    "vendors", "agents", "queues", "sources", "calls", "call_contacts", "calls_open",
    "call_rollups", "scorecards", "evaluations", "evaluation_answers",
    "evaluation_comments", "evaluation_scores", "evaluation_history", "contracts", "metrics",
]


def field(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    if isinstance(value, float):
        return repr(value)
    return str(value)


def main():
    if len(sys.argv) != 3:
        sys.exit("Usage: copy-to-pg.py SQLITE-FILE SUPERUSER-URI")
    source = sqlite3.connect(sys.argv[1])
    uri = sys.argv[2]
    version_s = source.execute("PRAGMA user_version").fetchone()[0]
    version_pg = subprocess.run(["psql", "-Atq", uri, "-c", "SELECT max (version) FROM rubric_schema"],
                                check=True, capture_output=True, text=True).stdout.strip()
    if str(version_s) != version_pg:
        sys.exit(f"copy-to-pg: schema {version_s} in the file, {version_pg} in the team database")
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", uri, "-c",
                    "TRUNCATE " + ", ".join(TABLES) + " CASCADE"], check=True)
    for table in TABLES:
        cursor = source.execute(f"SELECT * FROM {table}")
        columns = [d[0] for d in cursor.description]
        copy = subprocess.Popen(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", uri,
             "-c", "SET session_replication_role = replica",
             "-c", f"\\copy {table} ({', '.join(columns)}) FROM pstdin WITH (FORMAT csv)"],
            stdin=subprocess.PIPE, text=True)
        rows = 0
        while True:
            batch = cursor.fetchmany(50000)
            if not batch:
                break
            copy.stdin.write("".join(",".join(field(v) for v in row) + "\n" for row in batch))
            rows += len(batch)
        copy.stdin.close()
        if copy.wait() != 0:
            sys.exit(f"copy-to-pg: {table} failed")
        if "id" in columns:
            subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", uri, "-c",
                            f"SELECT setval (pg_get_serial_sequence ('{table}', 'id'),"
                            f" (SELECT coalesce (max (id), 0) + 1 FROM {table}), false)"
                            f" WHERE pg_get_serial_sequence ('{table}', 'id') IS NOT NULL"],
                           check=True, stdout=subprocess.DEVNULL)
        print(f"copy-to-pg: {table}: {rows} rows", flush=True)


main()
