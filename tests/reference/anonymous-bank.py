#!/usr/bin/env python3
# anonymous-bank.py — a real month of a bank's call centre through `rubric-cli kpis`
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Maps ../shared/data/anonymous-bank-1999-02.tsv (Asia/Jerusalem, February 1999) to the
# call-record CSV of SPEC §8.3 the way a user would (the choices are listed in
# README-kpis.md), imports it with `rubric-cli calls import`, and compares `rubric-cli kpis`
# by day, by week and for the whole month with the KPIs of SPEC §4.3 computed here from the
# same mapped rows (the reference of kpi-reference.py).
#
# Usage: anonymous-bank.py RUBRIC-CLI
# Exit: 0 all agree, 1 a disagreement (diff on stderr), 77 the data file is absent (skip).
import csv, datetime as dt, importlib.util, os, shutil, sys, tempfile, time
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True   # no __pycache__ in the source tree
spec = importlib.util.spec_from_file_location("kpi_reference", os.path.join(HERE, "kpi-reference.py"))
ref = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ref)

VENDOR = "Anonymous Bank"
ZONE = ZoneInfo("Asia/Jerusalem")
CONTRACT = {"zone": "Asia/Jerusalem", "T": 20, "S": 5, "formula": "abandons-negative", "D": 7, "omit": set()}
FIRST, LAST = "1999-02-01", "1999-02-28"


def seconds(hms):
    h, m, s = map(int, hms.split(":"))
    return h * 3600 + m * 60 + s


def map_row(r):
    """One TSV row to a call-record CSV row, or None when it is not an offered call."""
    queued = r["q_start"] != "0:00:00"
    if r["outcome"] == "AGENT":
        outcome = "answered"
    elif r["outcome"] == "HANG" and queued:
        outcome = "abandoned"
    else:
        return None   # PHANTOM, and hang-ups in the voice menu
    day = dt.datetime.strptime(r["date"], "%y%m%d").date()
    at = seconds(r["q_start"] if queued else r["vru_exit"])
    if at < seconds(r["vru_entry"]) - 12 * 3600:
        day += dt.timedelta(days=1)   # entered the voice menu before midnight, the queue after
    local = dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=at)
    entered = local.replace(tzinfo=ZONE)
    answered = outcome == "answered"
    return {"call_id": r["call_id"], "queue": r["type"],
            "agent": r["server"] if answered and r["server"] != "NO_SERVER" else "",
            "caller": r["customer_id"] if r["customer_id"] != "0" else "",
            "entered_at": entered.isoformat(), "wait_s": r["q_time"], "outcome": outcome,
            "talk_s": r["ser_time"] if answered else ""}


def main():
    if len(sys.argv) < 2:
        print("usage: anonymous-bank.py RUBRIC-CLI", file=sys.stderr)
        return 2
    cli = os.path.abspath(sys.argv[1])
    data = os.environ.get("RUBRIC_SHARED_DATA") or os.path.join(HERE, "..", "..", "..", "shared", "data")
    tsv = os.path.join(data, "anonymous-bank-1999-02.tsv")
    if not os.path.exists(tsv):
        print(f"anonymous-bank: {tsv} is absent: skipped")
        return 77
    started = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="kpi-bank-")
    db, calls = os.path.join(tmp, "bank.db"), os.path.join(tmp, "calls.csv")

    with open(tsv, newline="") as fh:
        source_rows = list(csv.DictReader(fh, delimiter="\t"))
    rows = [m for m in map(map_row, source_rows) if m]
    with open(calls, "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\r\n")
        w.writeheader()
        w.writerows(rows)
    records = []
    for n, row in enumerate(rows, 2):
        talk = float(row["talk_s"]) if row["talk_s"] else None
        records.append(ref.Rec(source="bank", call_id=row["call_id"], queue=row["queue"],
                               entered=int(dt.datetime.fromisoformat(row["entered_at"]).timestamp()),
                               outcome=row["outcome"], wait=float(row["wait_s"]), agent=row["agent"] or None,
                               talk=talk, caller=row["caller"] or None, vendor=VENDOR, line=n))
    if len({r.key() for r in records}) != len(records):
        print("anonymous-bank: the mapping gives two rows the same key (internal error)", file=sys.stderr)
        return 2

    run = ref.Runner(cli, db)
    cfg = {VENDOR: CONTRACT}
    checker = ref.Checker(run, cfg)
    try:
        run("init")
        path = os.path.join(tmp, "contract.xml")
        with open(path, "w") as fh:
            fh.write(ref.contract_xml(VENDOR, CONTRACT))
        run("contract", "import", path)
        run("calls", "import", calls, "--format", "csv", "--vendor", VENDOR)
        for by in ("day", "week", "month", None):
            checker.compare("bank", records, VENDOR, FIRST, LAST, by)
        checker.compare("bank", records, VENDOR, "1999-01-25", "1999-03-07", "week")
        checker.compare("bank", records, VENDOR, FIRST, LAST, "week", queue="NE", extra=["--queue", "NE"])
        checker.compare("bank", records, VENDOR, FIRST, LAST, "week", agent="DORIT", extra=["--agent", "DORIT"])
        other = dict(CONTRACT, T=60, S=0, formula="abandons-ignored", D=1)
        checker.compare("bank", records, VENDOR, FIRST, LAST, "week", cfg={VENDOR: other},
                        extra=["--threshold", "60", "--short-abandon", "0", "--formula", "abandons-ignored",
                               "--repeat-days", "1"])
        run("calls", "import", calls, "--format", "csv", "--vendor", VENDOR)   # again: nothing changes
        checker.compare("bank, again", records, VENDOR, FIRST, LAST, None)
    except ref.Failed as e:
        checker.problems.append(("rubric-cli", str(e), []))

    stats = (f"{len(source_rows)} rows, {len(records)} offered calls, {checker.queries} kpis queries, "
             f"{checker.rows} rows compared, {time.monotonic() - started:.1f} s")
    if checker.problems:
        print(f"anonymous-bank: rubric-cli disagrees with SPEC §4 ({stats})", file=sys.stderr)
        for label, text, recs in checker.problems[:12]:
            print(f"- {label}\n    {text}", file=sys.stderr)
            for r in sorted(recs, key=lambda r: r.entered)[:10] if label == checker.problems[0][0] else []:
                print(f"      {r.brief(ZONE)}", file=sys.stderr)
        print(f"  files kept in {tmp} (calls.csv, contract.xml, bank.db)", file=sys.stderr)
        return 1
    print(f"anonymous-bank: all agree: {stats}")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
