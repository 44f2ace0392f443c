#!/usr/bin/env python3
# check-trends-reference.py — rubric-cli trends (SPEC §6) against an independent reference
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# For a seed: generates input files (reference/gen-trends-data.py), imports them into a fresh
# database with rubric-cli (init, scorecard, contract, agents, calls, evaluations, agents again),
# runs `trends`, `trends criteria`, `trends reviewers` and `trends resolution` for agent, team and
# vendor scopes, --by week and month, with --from/--to and without (RUBRIC_NOW pinned), and
# compares each CSV with reference/trends-reference.py, which reads the same files, not the
# database. Numbers agree within 0.0051 (SPEC §3.2's 0.005 and a hair; kappa, printed with 4
# decimals, within 0.00011), every other cell exactly. Also runs the hand-checked fixtures of
# reference/trends-fixtures/ (the reference must print their expected CSV byte for byte, and
# rubric-cli must agree with it).
#
# Usage: check-trends-reference.py RUBRIC-CLI SEED [--pg] [--keep]
#   --pg: on a fresh database of the PostgreSQL server RUBRIC_TEST_PG_URI names (a superuser URI
#         as build-aux/dev test gives); skipped (exit 77) without it.
# Prints TAP. Exit 0 when all agree, 1 otherwise (the work folder is then kept and named).
import csv
import importlib.util
import io
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
REF_DIR = os.path.join(HERE, "reference")
NOW = "2026-11-29T23:30:00Z"   # Sunday in UTC and St John's, already Monday in Riga
NOW_MONTH = "2026-11-30T23:30:00Z"   # November in St John's, already December in Riga
# GLib criticals rubric-cli is known to print (reported to the lead): a TAP TODO while they last,
# so the suite stays green and the numbers are still compared; any other one fails.
KNOWN_CRITICALS = {
    "g_array_unref: assertion 'array' failed":
        "rubric-cli trends prints GLib-CRITICAL g_array_unref (e.g. seed 31, --agent Agent/9 "
        "--vendor 'Baltic Voice' --from 2026-10-19 --to 2026-10-24)",
}
NUMERIC = {"score", "ci_low", "ci_high", "moving_avg", "team_score", "failure_rate", "na_rate", "mean_score",
           "agreement", "kappa"}


def load(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(REF_DIR, file))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


REF = load("trends_reference", "trends-reference.py")

BV, ND, IC = "Baltic Voice", "Newfound Desk", "Idle Co"
GAMMA = 'Gamma, "G"'
RANGES = [("2026-09-17", "2027-01-06"), ("2026-03-01", "2026-04-05"), ("2026-10-25", "2026-11-01")]
SCOPES = [
    ["--vendor", BV], ["--vendor", ND], ["--vendor", IC],
    ["--team", "Alpha"], ["--team", "Beta Team"], ["--team", "Alpha", "--vendor", ND], ["--team", GAMMA],
    ["--agent", "Agent/9", "--vendor", BV], ["--agent", "dorit"], ["--agent", "Agent/1001", "--vendor", ND],
    ["--agent", "PJSIP/401"], ["--agent", "Agent/2"], ["--agent", "\u00c1gata"], ["--agent", "zz-ghost"],
]
ERRORS = [  # (args, exit status)
    (["--agent", "Agent/1001"], 2), (["--team", "Nobody"], 2), (["--vendor", "Nope Ltd"], 2),
    (["--agent", "no-such-agent"], 2), (["--team", GAMMA, "--vendor", BV], 2),
]


def commands():
    out = []
    for sc in SCOPES:
        f, t = RANGES[0]
        out.append(sc + ["--by", "week", "--from", f, "--to", t])
        out.append(sc + ["--by", "month", "--from", f, "--to", t])
        for sub in ("criteria", "reviewers", "resolution"):
            out.append([sub] + sc + ["--from", f, "--to", t])
    for sc in [SCOPES[i] for i in (0, 3, 7, 8)]:   # both zones, a moved agent, one without a team
        out.append(sc)                               # default: the 12 weeks ending this week
        out.append(sc + ["--by", "month"])
        out.append((sc + ["--by", "month"], NOW_MONTH))
        out.append((sc, NOW_MONTH))
        f, t = RANGES[1]
        out.append(sc + ["--from", f, "--to", t])
        f, t = RANGES[2]
        out.append(sc + ["--by", "month", "--from", f, "--to", t])
        for sub in ("criteria", "reviewers", "resolution"):
            out.append([sub] + sc + ["--from", RANGES[1][0], "--to", RANGES[1][1]])
            out.append([sub] + sc)                   # default: the 12 weeks ending this week
    # Newfound's contract starts in mid-March: resolution before it takes D = 7.
    out.append(["resolution", "--vendor", ND, "--from", RANGES[1][0], "--to", RANGES[1][1]])
    out.append(["resolution", "--agent", "N-3", "--from", RANGES[1][0], "--to", RANGES[1][1]])
    return out


class Checker:
    def __init__(self, cli, db, work):
        self.cli, self.db, self.work = cli, db, work
        self.n = 0
        self.failed = 0
        self.env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="", RUBRIC_NOW=NOW)
        # The suite makes GLib warnings fatal; here they are checked on their own (below), so
        # that a critical does not hide the output it would otherwise cut short.
        flags = [f for f in self.env.get("G_DEBUG", "").split(",") if f and not f.startswith("fatal")]
        self.env["G_DEBUG"] = ",".join(flags)
        self.env.pop("RUBRIC_DB", None)
        self.now = NOW

    def tap(self, ok, name, notes=(), todo=None):
        self.n += 1
        print(f"{'ok' if ok else 'not ok'} {self.n} - {name}" + (f" # TODO {todo}" if todo and not ok else ""))
        for line in notes:
            print(f"# {line}")
        if not ok and not todo:
            self.failed += 1
        sys.stdout.flush()

    def run(self, *args):
        env = dict(self.env, RUBRIC_NOW=self.now)
        return subprocess.run([self.cli, "--db", self.db, *args], env=env, capture_output=True, text=True)

    def repro(self, args):
        return f"RUBRIC_NOW={self.now} {shlex.quote(self.cli)} --db {shlex.quote(self.db)} " + " ".join(map(shlex.quote, args))

    def import_all(self, datadir):
        r = self.run("init")
        if r.returncode:
            self.tap(False, "init", [r.stderr.strip()])
            return False
        with open(os.path.join(datadir, "manifest.txt")) as f:
            for line in f:
                kind, name = line.split()
                path = os.path.join(datadir, name)
                args = {"scorecard": ["scorecard", "import", path], "contract": ["contract", "import", path],
                        "agents": ["agents", "import", path], "calls": ["calls", "import", path, "--format", "csv"],
                        "evaluations": ["evaluations", "import", path]}[kind]
                r = self.run(*args)
                if r.returncode:
                    self.tap(False, f"import {name}", [f"exit {r.returncode}: {r.stderr.strip()[:300]}", self.repro(args)])
                    return False
        self.tap(True, f"imports of {datadir}")
        return True

    def compare(self, model, args, label):
        self.now = NOW
        if isinstance(args, tuple):
            args, self.now = args
        cargs = ["trends", *args, "--format", "csv"]
        r = self.run(*cargs)
        status, want = REF.run(model, args, self.now, raw=True)
        name = f"{label}trends {' '.join(args)}" + (f" (now {self.now})" if self.now != NOW else "")
        if status:
            ok = r.returncode == status
            self.tap(ok, f"{name} exits {status}",
                     [] if ok else [f"rubric-cli exited {r.returncode}: {r.stderr.strip()[:200]}",
                                    f"reference: {want}", self.repro(cargs)])
            return
        if r.returncode:
            # A command another branch has not implemented yet is a TAP TODO (reported, the suite
            # stays green); once it is there its output is checked like the others.
            todo = "rubric-cli: not implemented yet" if "not implemented" in r.stderr else None
            self.tap(False, name, [f"rubric-cli exited {r.returncode}: {r.stderr.strip()[:300]}", self.repro(cargs)],
                     todo)
            return
        got = list(csv.reader(io.StringIO(r.stdout)))
        problems = diff_rows(got, want)
        self.tap(not problems, name, problems[:12] + ([self.repro(cargs)] if problems else []))
        self.no_warnings(r, name, cargs)

    def no_warnings(self, r, name, cargs):
        lines = [l for l in r.stderr.splitlines() if "-CRITICAL **" in l or "-WARNING **" in l]
        if not lines:
            return
        todo = None
        if all(any(k in l for k in KNOWN_CRITICALS) for l in lines):
            todo = next(v for k, v in KNOWN_CRITICALS.items() if k in lines[0])
        self.tap(False, f"{name}: no GLib warning on stderr", [lines[0].strip(), self.repro(cargs)], todo)


def close(col, g, w):
    if w == "" or g == "":
        return g == w
    try:
        # Printed with 2 (kappa 4) decimals against the reference's unrounded value: half a
        # unit of the last digit (SPEC §3.2's 0.005) plus a hair for the t quantile, whose
        # approximations differ in the 7th digit (seed 45: ci_low 3.11499958 printed 3.12).
        tol = 0.00011 if col == "kappa" else 0.0051
        return abs(float(g) - float(w)) <= tol
    except ValueError:
        return False


def diff_rows(got, want):
    out = []
    if not got or got[0] != want[0]:
        return [f"header: got {got[0] if got else None}", f"     expected {want[0]}"]
    head = want[0]
    if len(got) != len(want):
        out.append(f"{len(got) - 1} rows, expected {len(want) - 1}")
    for i, (g, w) in enumerate(zip(got[1:], want[1:]), 2):
        if len(g) != len(w):
            out.append(f"line {i}: {len(g)} cells, expected {len(w)}: {g}")
            continue
        bad = [(c, gv, wv) for c, gv, wv in zip(head, g, w)
               if not (close(c, gv, wv) if (c in NUMERIC or c.startswith("score_")) else gv == wv)]
        if bad:
            key = ",".join(g[:5])
            out.append(f"line {i} ({key}): " + "; ".join(f"{c}={gv!r} expected {wv!r}" for c, gv, wv in bad))
    return out


def pg_database(uri, name):
    """A fresh database on the suite's server; returns (its URI, a drop function)."""
    base, q = uri.split("?", 1)
    if not base.startswith("postgresql:///") and not base.startswith("postgres:///"):
        raise SystemExit(f"Bail out! cannot read RUBRIC_TEST_PG_URI {uri}")
    scheme = base.split(":///")[0]
    psql = lambda sql: subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", uri, "-c", sql],
                                      capture_output=True, text=True)
    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    r = psql(f"CREATE DATABASE {name}")
    if r.returncode:
        raise SystemExit(f"Bail out! cannot create a database on {uri}: {r.stderr.strip()}")
    return f"{scheme}:///{name}?{q}", lambda: psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def main():
    args = sys.argv[1:]
    pg = "--pg" in args
    keep = "--keep" in args
    args = [a for a in args if a not in ("--pg", "--keep")]
    cli, seed = args[0], int(args[1])
    count = int(args[2]) if len(args) > 2 else 700
    uri = os.environ.get("RUBRIC_TEST_PG_URI", "")
    if pg and not uri:
        print("1..0 # SKIP RUBRIC_TEST_PG_URI is not set (build-aux/dev test sets it)")
        return 0
    if pg and not shutil.which("psql"):
        print("1..0 # SKIP psql is not installed")
        return 0
    work = tempfile.mkdtemp(prefix=f"trends-ref-{seed}-")
    drops = []
    failed = 0
    try:
        def new_db(tag):
            if pg:
                u, drop = pg_database(uri, f"trref_{os.getpid()}_{tag}")
                drops.append(drop)
                return u
            return os.path.join(work, f"{tag}.db")

        total = 0
        # The hand-checked fixtures first: the reference prints their expected CSV exactly.
        fixtures = os.path.join(REF_DIR, "trends-fixtures")
        for fx in sorted(os.listdir(fixtures)) if os.path.isdir(fixtures) else []:
            d = os.path.join(fixtures, fx)
            ch = Checker(cli, new_db("fx_" + fx.replace("-", "_")), work)
            ch.n = total
            model = REF.Model(d)
            with open(os.path.join(d, "commands.txt")) as f:
                cases = [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]
            for expected, line in cases:
                st, rows = REF.run(model, shlex.split(line), NOW)
                buf = io.StringIO()
                csv.writer(buf, lineterminator="\n").writerows(rows if st == 0 else [])
                want = open(os.path.join(d, expected), encoding="utf-8").read()
                ch.tap(st == 0 and buf.getvalue() == want, f"reference prints {fx}/{expected}",
                       [] if buf.getvalue() == want else ["reference printed:"] + buf.getvalue().splitlines()[:8])
            if ch.import_all(d):
                for expected, line in cases:
                    ch.compare(model, shlex.split(line), f"{fx}: ")
            total, failed = ch.n, failed + ch.failed

        data = os.path.join(work, "data")
        gen = os.path.join(REF_DIR, "gen-trends-data.py")
        subprocess.run([sys.executable, gen, str(seed), data, str(count)], check=True)
        ch = Checker(cli, new_db(f"s{seed}"), work)
        ch.n = total
        model = REF.Model(data)
        if ch.import_all(data):
            for a in commands():
                ch.compare(model, a, f"seed {seed}: ")
            for a, st in ERRORS:
                ch.compare(model, a, f"seed {seed}: ")
        total, failed = ch.n, failed + ch.failed
        print(f"1..{total}")
    finally:
        for d in drops:   # the server's databases go either way (the files stay for SQLite)
            if not keep:
                d()
        if failed or keep:
            print(f"# work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
