#!/usr/bin/env python3
# kpi-reference.py — an independent implementation of SPEC §4.1–4.3, to cross-check rubric-cli
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Generates a synthetic Asterisk queue_log (every queue event of §4.2, system noise, the log
# starting mid-call, re-queued calls, calls still in progress, waits on the T and S
# boundaries, repeat callers at gaps just under/over D days, traffic around DST changes and
# local midnights) plus a call-record CSV (§8.3, fractional waits, hold and wrap times) for
# 2–3 vendors with random contracts, imports them with rubric-cli (the log first in part,
# then grown, then again), and compares `rubric-cli kpis --format csv` with KPIs computed here
# from the SPEC text alone, without looking at src/core. See README-kpis.md.
#
# Usage: kpi-reference.py RUBRIC-CLI [SEED] [SIZE]
# Exit: 0 all agree, 1 a disagreement (diff on stderr; the work folder is kept), 2 usage or
# an internal inconsistency of this script.
import bisect, csv, datetime as dt, io, os, random, shlex, shutil, sqlite3, subprocess, sys, tempfile, time
from collections import defaultdict
from zoneinfo import ZoneInfo

NS_C = "urn:rubric:contract:1"
FORMULAS = ["answered", "abandons-negative", "abandons-ignored", "abandons-positive"]
DEFAULTS = {"T": 20, "S": 5, "formula": "abandons-negative", "D": 7}
COLUMNS = ["vendor", "period_start", "period_end", "offered", "answered", "answered_within",
           "abandoned", "short_abandoned", "abandoned_within", "other", "service_level",
           "abandon_rate", "asa", "aht", "fcr", "fcr_n"]
COUNTS = ["offered", "answered", "answered_within", "abandoned", "short_abandoned",
          "abandoned_within", "other", "fcr_n"]
REALS = ["service_level", "abandon_rate", "asa", "aht", "fcr"]
TOLERANCE = 0.0051
DAY = 86400
UTC = dt.timezone.utc


def epoch(iso):
    return int(dt.datetime.fromisoformat(iso).timestamp())


def iso_utc(t):
    return dt.datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_day(t, zone):
    return dt.datetime.fromtimestamp(t, zone).date()


def local_midnight(day, zone):
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=zone).timestamp())


def offset_changes(zone, year=2026):
    """UTC instants at which the zone's offset changes during the year."""
    out = []
    t, end = epoch(f"{year}-01-01T00:00:00+00:00"), epoch(f"{year + 1}-01-01T00:00:00+00:00")
    off = lambda x: dt.datetime.fromtimestamp(x, zone).utcoffset()
    while t < end:
        if off(t) != off(t + DAY):
            lo, hi = t, t + DAY
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if off(mid) == off(t) else (lo, mid)
            out.append(hi)
        t += DAY
    return out


# ---------------------------------------------------------------------------------------
# The reference: records from a queue_log (§4.2) and a call-record CSV (§8.3), KPIs (§4.3)
# ---------------------------------------------------------------------------------------

class Rec:
    __slots__ = ("source", "call_id", "queue", "entered", "outcome", "wait", "agent", "talk",
                 "hold", "wrap", "caller", "vendor", "repeat", "line")

    def __init__(self, **kw):
        for k in self.__slots__:
            setattr(self, k, kw.get(k))

    def key(self):
        return (self.source, self.call_id, self.queue, self.entered)

    def brief(self, zone):
        loc = dt.datetime.fromtimestamp(self.entered, zone).strftime("%Y-%m-%d %H:%M:%S%z")
        extra = "".join(f" {k}={getattr(self, k)}" for k in ("agent", "talk", "hold", "wrap", "caller")
                        if getattr(self, k) not in (None, ""))
        where = f" line {self.line}" if self.line else ""
        return (f"{self.source}:{self.call_id} queue={self.queue} entered={iso_utc(self.entered)} "
                f"(local {loc}) {self.outcome} wait={self.wait}{extra} repeat={self.repeat}{where}")


TERMINAL = {"ABANDON": ("abandoned", 3), "EXITWITHTIMEOUT": ("timeout", 3),
            "EXITEMPTY": ("other", 3), "EXITWITHKEY": ("other", 4), "WITHDRAW": ("other", 3)}
HANDLED = {"COMPLETECALLER": (1, 2), "COMPLETEAGENT": (1, 2), "BLINDTRANSFER": (3, 4),
           "ATTENDEDTRANSFER": (3, 4), "TRANSFER": (3, 4)}


def parse_queue_log(text, source):
    """§4.2, with the lead's decisions for what the SPEC leaves open. Returns completed
    records (pending ones are dropped) keyed by (source, uniqueid, queue, entered_at)."""
    records = {}
    open_ = {}  # (uniqueid, queue) -> the record a later event of that pair completes
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        f = line.split("|")
        t, uid, queue, agent, event = int(f[0]), f[1], f[2], f[3], f[4]
        data = f[5:]
        arg = lambda i: data[i - 1] if len(data) >= i else ""
        pair = (uid, queue)
        rec = open_.get(pair)

        def new(entered):
            r = Rec(source=source, call_id=uid, queue=queue, entered=entered, line=n)
            open_[pair] = r
            return r

        if event == "ENTERQUEUE":
            if rec is not None and rec.outcome is None:
                raise AssertionError(f"line {n}: ENTERQUEUE twice without an outcome (generator bug)")
            rec = new(t)
            rec.caller = arg(2) or None
        elif event == "CONNECT":
            w = int(arg(1))
            if rec is None or rec.outcome is not None:
                rec = new(t - w)
            rec.outcome, rec.wait, rec.agent = "answered", w, agent
        elif event in HANDLED:
            hi, ti = HANDLED[event]
            w, talk = int(arg(hi)), int(arg(ti))
            if rec is None or rec.outcome != "answered":
                if rec is not None and rec.outcome is None:
                    raise AssertionError(f"line {n}: {event} after ENTERQUEUE without CONNECT (generator bug)")
                rec = new(t - talk - w)
                rec.outcome, rec.wait, rec.agent = "answered", w, agent
            rec.talk = talk
            del open_[pair]
        elif event in TERMINAL:
            outcome, wi = TERMINAL[event]
            w = int(arg(wi))
            if rec is None or rec.outcome is not None:
                rec = new(t - w)
            rec.outcome, rec.wait = outcome, w
            del open_[pair]
        else:
            continue  # RINGNOANSWER, PAUSE, QUEUESTART, custom events...
        records[rec.key()] = rec
    return {k: r for k, r in records.items() if r.outcome is not None}


def parse_calls_csv(path, source):
    out = {}
    with open(path, newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), 2):
            e = row["entered_at"]
            entered = int(e) if e.isdigit() else epoch(e)
            num = lambda k: float(row[k]) if row.get(k, "") != "" else None
            r = Rec(source=source, call_id=row["call_id"], queue=row["queue"], entered=entered,
                    outcome=row["outcome"], wait=float(row["wait_s"]), agent=row.get("agent") or None,
                    talk=num("talk_s"), hold=num("hold_s"), wrap=num("wrap_s"),
                    caller=row.get("caller") or None, vendor=row["vendor"], line=n)
            out[r.key()] = r
    return out


def mark_repeats(records, cfg):
    """FCR flag: another record of the same vendor and caller with t < t' <= t + D days."""
    times = defaultdict(list)
    for r in records:
        if r.caller:
            times[(r.vendor, r.caller)].append(r.entered)
    for v in times.values():
        v.sort()
    for r in records:
        r.repeat = None
        if r.outcome == "answered" and r.caller:
            ts = times[(r.vendor, r.caller)]
            i = bisect.bisect_right(ts, r.entered)
            r.repeat = i < len(ts) and ts[i] <= r.entered + cfg[r.vendor]["D"] * DAY


def periods(first, last, by):
    out, d = [], first
    while d <= last:
        if by is None:
            end = last
        elif by == "day":
            end = d
        elif by == "week":
            end = d + dt.timedelta(days=6 - d.weekday())
        elif by in ("month", "quarter"):
            m = d.month + 1 if by == "month" else (d.month - 1) // 3 * 3 + 4
            end = dt.date(d.year + (m > 12), (m - 1) % 12 + 1, 1) - dt.timedelta(days=1)
        elif by == "year":
            end = dt.date(d.year, 12, 31)
        end = min(end, last)
        out.append((d, end))
        d = end + dt.timedelta(days=1)
    return out


def kpi_row(recs, c):
    A = [r for r in recs if r.outcome == "answered"]
    short = [r for r in recs if r.outcome == "abandoned" and r.wait < c["S"]]
    B = [r for r in recs if r.outcome == "timeout" or (r.outcome == "abandoned" and not r.wait < c["S"])]
    other = [r for r in recs if r.outcome == "other"]
    a, b = len(A), len(B)
    at = sum(1 for r in A if r.wait <= c["T"])
    bt = sum(1 for r in B if r.wait <= c["T"])
    pct = lambda n, d: 100.0 * n / d if d else None
    sl = {"answered": (at, a), "abandons-negative": (at, a + b),
          "abandons-ignored": (at, a + b - bt), "abandons-positive": (at + bt, a + b)}[c["formula"]]
    handled = [r for r in A if r.talk is not None]
    fcr_base = [r for r in A if r.caller]
    return {"offered": len(recs), "answered": a, "answered_within": at, "abandoned": b,
            "short_abandoned": len(short), "abandoned_within": bt, "other": len(other),
            "service_level": pct(*sl), "abandon_rate": pct(b, a + b),
            "asa": sum(r.wait for r in A) / a if a else None,
            "aht": sum(r.talk + (r.hold or 0) + (r.wrap or 0) for r in handled) / len(handled) if handled else None,
            "fcr": pct(sum(1 for r in fcr_base if not r.repeat), len(fcr_base)), "fcr_n": len(fcr_base),
            "_recs": recs}


def reference(records, vendor, cfg, first, last, by, queue=None, agent=None, all_days=False):
    c = cfg[vendor]
    zone = ZoneInfo(c["zone"])
    mark_repeats(records, cfg)
    byday = defaultdict(list)
    for r in records:
        if r.vendor == vendor and (queue is None or r.queue == queue) and (agent is None or r.agent == agent):
            byday[local_day(r.entered, zone)].append(r)
    if all_days:
        return [dict(kpi_row([r for v in byday.values() for r in v], c), period_start=None, period_end=None)]
    rows = []
    for s, e in periods(first, last, by):
        recs = [r for d in sorted(byday) if s <= d <= e for r in byday[d]]
        rows.append(dict(kpi_row(recs, c), period_start=s.isoformat(), period_end=e.isoformat()))
    return rows


# ---------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------

T0 = epoch("2026-02-28T22:00:20+00:00")   # the log starts here, mid-call, just after Riga's midnight
TEND = epoch("2026-11-08T12:00:00+00:00")  # ... and ends here, with calls still in progress
VENDORS = [("Baltic Voice", ["Europe/Riga"], ["lv-support", "lv-sales"], "PJSIP/4{:02d}"),
           ("Hudson & Partners, LLC", ["America/New_York", "UTC"], ["ny support", "ny-billing"], "Agent/10{:02d}"),
           ("Desk \u00d8st", ["Asia/Kolkata", "America/St_Johns", "UTC"], ["desk"], "SIP/desk-{}")]
RANGES = [("2026-03-01", "2026-04-05"), ("2026-10-20", "2026-11-03"), ("2026-01-01", "2026-12-31")]


class Generator:
    def __init__(self, rng, size):
        self.rng, self.size = rng, size
        self.uid_n = 0
        self.caller_n = 0
        nv = rng.choice([2, 3])
        formulas = rng.sample(FORMULAS, nv)
        self.cfg, self.queues, self.agents, self.anchors = {}, {}, {}, {}
        for i, (name, zones, queues, agent_fmt) in enumerate(VENDORS[:nv]):
            c = {"zone": rng.choice(zones), "T": rng.choice([10, 20, 30]), "S": rng.choice([0, 5, 10]),
                 "formula": formulas[i], "D": rng.choice([1, 3, 7])}
            # Leave some attributes out: the defaults of §4.3 apply.
            c["omit"] = {k for k in ("T", "S", "formula", "D") if rng.random() < 0.2}
            # The third vendor sometimes has no contract at all: UTC (§2) and the defaults of §4.3.
            c["none"] = i == 2 and rng.random() < 0.4
            if c["none"]:
                c["zone"], c["omit"] = "UTC", {"T", "S", "formula", "D"}
            for k in c["omit"]:
                c[k] = DEFAULTS[k]
            self.cfg[name] = c
            for q in queues:
                self.queues[q] = name
            self.agents[name] = [agent_fmt.format(j) for j in range(1, 8)]
            zone = ZoneInfo(c["zone"])
            days = [dt.date(2026, m, 1) for m in range(3, 13)]
            days += [dt.date.fromisoformat(d) for r in RANGES[:2] for d in r]
            days += [dt.date.fromisoformat(r[1]) + dt.timedelta(days=1) for r in RANGES[:2]]
            changes = [t for t in offset_changes(zone) if T0 < t < TEND]
            for t in changes:
                d = local_day(t, zone)
                days += [d, d + dt.timedelta(days=1)]
            self.anchors[name] = sorted({local_midnight(d, zone) for d in days} | set(changes))
        self.names = list(self.cfg)
        self.callers = [f"+3712{rng.randint(1000000, 9999999)}" for _ in range(max(20, size // 5))]
        self.legs = []     # each leg: dict, events [(t, kind, text)], kind ENTER/CONNECT/END/TERM/NOISE
        self.csv_rows = []
        self.system = []   # (t, text) system lines

    def fresh_caller(self):
        self.caller_n += 1
        return f"9{self.caller_n:07d}"

    def when(self, vendor):
        rng = self.rng
        if rng.random() < 0.25:
            return rng.randint(T0 - 3600, TEND - 3600)
        a = rng.choice(self.anchors[vendor if rng.random() < 0.8 else rng.choice(self.names)])
        spread = rng.choice([3, 120, 1800, 6 * 3600])
        return a + rng.randint(-spread, spread)

    def wait(self, vendor, fractional=False):
        c, rng = self.cfg[vendor], self.rng
        if rng.random() < 0.55:
            T, S = c["T"], c["S"]
            if fractional:
                w = rng.choice([0, 0.4, S - 0.001, S - 0.5, S, S + 0.25, T - 0.5, T, T + 0.001, T + 0.5, T - 0.001])
            else:
                w = rng.choice([0, 1, S - 1, S, S + 1, T - 1, T, T + 1])
            return max(w, 0)
        w = int(rng.expovariate(1 / 60))
        return round(w + rng.random(), 3) if fractional else w

    def caller(self):
        return "" if self.rng.random() < 0.15 else self.rng.choice(self.callers)

    def leg(self, queue, enter, caller, uid, outcome=None, jitter=True, wait=None, talk=None):
        rng = self.rng
        vendor = self.queues[queue]
        outcome = outcome or rng.choices(["answered", "abandoned", "timeout", "other"], [55, 25, 10, 10])[0]
        w = self.wait(vendor) if wait is None else wait
        j = lambda: rng.choice([0, 0, 0, 1, -1]) if jitter else 0
        leg = {"queue": queue, "uid": uid, "enter": enter, "caller": caller, "outcome": outcome,
               "wait": w, "talk": None, "events": []}
        ev = leg["events"]
        pos = rng.randint(1, 6)
        ev.append((enter, "ENTER", f"{uid}|{queue}|NONE|ENTERQUEUE|{rng.choice(['', 'url'])}|{{caller}}"
                   + (f"|{pos}" if rng.random() < 0.8 else "")))
        if rng.random() < 0.05:
            ev.append((enter, "NOISE", f"{uid}|{queue}|NONE|SURVEYINFO|menu-{rng.randint(1, 4)}"))
        t = max(enter, enter + w + j())
        if outcome == "answered":
            agent = rng.choice(self.agents[vendor])
            leg["agent"] = agent
            if w > 2 and rng.random() < 0.3:
                ev.append((enter + w // 2, "NOISE",
                           f"{uid}|{queue}|{rng.choice(self.agents[vendor])}|RINGNOANSWER|{rng.randint(1000, 15000)}"))
            ev.append((t, "CONNECT", f"{uid}|{queue}|{agent}|CONNECT|{w}|{uid}{rng.randint(1, 9)}"
                       + (f"|{rng.randint(0, 9)}" if rng.random() < 0.7 else "")))
            talk = rng.choice([0, 1, rng.randint(2, 60), rng.randint(60, 1200)]) if talk is None else talk
            leg["talk"] = talk
            te = max(t, t + talk + j())
            end = rng.choices(["COMPLETECALLER", "COMPLETEAGENT", "BLINDTRANSFER", "ATTENDEDTRANSFER", "TRANSFER"],
                              [40, 40, 8, 8, 4])[0]
            orig = f"|{pos}" if rng.random() < 0.7 else ""
            if end.startswith("COMPLETE"):
                text = f"{end}|{w}|{talk}{orig}"
            elif end == "BLINDTRANSFER":
                text = f"BLINDTRANSFER|{rng.randint(200, 299)}|from-internal|{w}|{talk}{orig}"
            elif end == "ATTENDEDTRANSFER":
                text = f"ATTENDEDTRANSFER|{rng.choice(['BRIDGE', 'APP', 'LINK'])}|{uid}x|{w}|{talk}{orig}"
            else:
                text = f"TRANSFER|{rng.randint(200, 299)}|from-internal|{w}|{talk}"
            ev.append((te, "END", f"{uid}|{queue}|{agent}|{text}"))
            leg["requeue"] = "TRANSFER" in end
        else:
            if outcome == "abandoned" and rng.random() < 0.3:
                ev.append((t, "NOISE", f"{uid}|{queue}|{rng.choice(self.agents[vendor])}|RINGCANCELED|{rng.randint(100, 9000)}"))
            if outcome == "abandoned":
                text, kind = f"ABANDON|{pos}|{pos}|{w}", "ABANDON"
            elif outcome == "timeout":
                text, kind = f"EXITWITHTIMEOUT|{pos}|{pos}|{w}", "TIMEOUT"
            else:
                kind = rng.choice(["EXITEMPTY", "EXITWITHKEY", "WITHDRAW"])
                text = (f"EXITWITHKEY|{rng.randint(0, 9)}|{pos}|{pos}|{w}" if kind == "EXITWITHKEY"
                        else f"{kind}|{pos}|{pos}|{w}")
            ev.append((t, "TERM", f"{uid}|{queue}|NONE|{text}"))
            leg["requeue"] = kind in ("TIMEOUT", "EXITWITHKEY", "EXITEMPTY")
        self.legs.append(leg)
        return leg

    def call(self, enter, queue=None, caller=None, outcome=None, legs_max=3, wait=None, talk=None):
        rng = self.rng
        queue = queue or rng.choice(list(self.queues))
        caller = self.caller() if caller is None else caller
        self.uid_n += 1
        uid = f"{enter}.{self.uid_n}"
        leg = self.leg(queue, enter, caller, uid, outcome, jitter=enter > T0 + 3600, wait=wait, talk=talk)
        out = [leg]
        while leg["requeue"] and len(out) < legs_max and rng.random() < 0.5:
            last = leg["events"][-1][0]
            q2 = rng.choice(list(self.queues))
            t2 = last + (rng.randint(1, 5) if q2 == leg["queue"] else rng.randint(0, 5))
            leg = self.leg(q2, t2, caller, uid, jitter=t2 > T0 + 3600)
            out.append(leg)
        return out

    def csv_row(self, vendor, enter, caller=None, outcome=None):
        rng = self.rng
        queue = rng.choice([q for q, v in self.queues.items() if v == vendor])
        outcome = outcome or rng.choices(["answered", "abandoned", "timeout", "other"], [55, 25, 10, 10])[0]
        fmt = rng.choice(["Z", "offset", "local", "epoch"])
        if fmt == "epoch":
            e = str(enter)
        elif fmt == "Z":
            e = iso_utc(enter)
        else:
            zone = ZoneInfo(self.cfg[vendor]["zone"]) if fmt == "local" else \
                dt.timezone(dt.timedelta(minutes=rng.choice([-600, -210, 0, 120, 330, 840])))
            e = dt.datetime.fromtimestamp(enter, zone).isoformat()
        num = lambda lo, hi: "" if rng.random() < 0.3 else str(round(rng.uniform(lo, hi), rng.choice([0, 1, 3])))
        row = {"call_id": f"C{len(self.csv_rows) + 1}", "vendor": vendor, "queue": queue,
               "caller": self.caller() if caller is None else caller, "entered_at": e,
               "wait_s": str(self.wait(vendor, fractional=True)), "outcome": outcome,
               "agent": "", "talk_s": "", "hold_s": "", "wrap_s": "", "notes": rng.choice(["", "x", "=1+1"])}
        if outcome == "answered":
            row["agent"] = rng.choice(self.agents[vendor])
            row["talk_s"] = "" if rng.random() < 0.2 else str(round(rng.uniform(0, 900), rng.choice([0, 2])))
            row["hold_s"], row["wrap_s"] = num(0, 120), num(0, 60)
        self.csv_rows.append(row)
        return row

    def generate(self, t1):
        rng = self.rng
        n_csv = max(10, self.size // 8)
        n_log = self.size - n_csv
        while len(self.legs) < n_log:
            legs = self.call(self.when(rng.choice(self.names)))
            first = legs[0]
            if first["outcome"] == "answered" and first["caller"] and rng.random() < 0.25:
                # A repeat contact at a gap just under, on or over D days (or tiny ones).
                vendor = self.queues[first["queue"]]
                D = self.cfg[vendor]["D"]
                gap = rng.choice([D * DAY - 1, D * DAY, D * DAY + 1, 0, 1, DAY, rng.randint(2, 9 * DAY)])
                if rng.random() < 0.2:
                    vendor = rng.choice(self.names)
                if rng.random() < 0.3:
                    self.csv_row(vendor, first["enter"] + gap, caller=first["caller"])
                else:
                    q = rng.choice([q for q, v in self.queues.items() if v == vendor])
                    self.call(first["enter"] + gap, queue=q, caller=first["caller"], legs_max=1)
        # The log starts mid-call: calls that entered before T0 (their first events are cut off).
        # Most of them entered before Riga's midnight, so a wrong entered_at moves them a day.
        riga = [q for q, v in self.queues.items() if v == self.names[0]]
        for i in range(max(15, self.size // 40)):
            enter = T0 - rng.randint(21, 300)
            outcome = ["answered", "abandoned", "timeout", "other", "answered"][i % 5]
            if rng.random() < 0.6 or (outcome == "answered" and i % 2):
                wait, talk = T0 - enter + rng.randint(0, 90), None   # the outcome or CONNECT after T0
            else:
                wait = rng.randint(0, T0 - enter - 1)                # only COMPLETE after T0
                talk = T0 - enter - wait + rng.randint(0, 600)
            self.call(enter, queue=rng.choice(riga) if rng.random() < 0.7 else None, legs_max=2,
                      outcome=outcome, wait=wait, talk=talk)
        # Calls still in progress at the end of the first part and at the end of the log.
        for cut in (t1, TEND):
            for _ in range(max(8, self.size // 100)):
                self.call(cut - rng.randint(0, 400), legs_max=2)
        while len(self.csv_rows) < n_csv:
            row = self.csv_row(rng.choice(self.names), self.when(rng.choice(self.names)))
            if row["outcome"] == "answered" and row["caller"] and rng.random() < 0.3:
                # ... and the other way round: the repeat contact comes in the queue_log, which
                # is imported after the CSV (a later import changes an earlier record's FCR).
                t = row["entered_at"]
                t = int(t) if t.isdigit() else epoch(t)
                D = self.cfg[row["vendor"]]["D"]
                gap = rng.choice([D * DAY - 1, D * DAY, D * DAY + 1, 1, rng.randint(2, 9 * DAY)])
                q = rng.choice([q for q, v in self.queues.items() if v == row["vendor"]])
                self.call(t + gap, queue=q, caller=row["caller"], legs_max=1)
        # System noise.
        for _ in range(self.size // 10):
            t = rng.randint(T0, TEND)
            q = rng.choice(list(self.queues))
            a = rng.choice(self.agents[self.queues[q]])
            self.system.append((t, rng.choice([
                "NONE|NONE|NONE|QUEUESTART", "NONE|NONE|NONE|CONFIGRELOAD", f"NONE|{q}|{a}|ADDMEMBER|",
                f"NONE|{q}|{a}|PAUSE|lunch", f"NONE|{q}|{a}|UNPAUSE|", f"NONE|{q}|{a}|REMOVEMEMBER|",
                f"{t}.99|{q}|NONE|MYCOMPANY_CUSTOM|a|b|c", f"NONE|{q}|{a}|PAUSEALL|"])))

    def lines(self, t1):
        """The whole log (lines up to TEND) and how many of them are the first part (< t1).
        A leg in progress at t1 or at TEND gets a caller of its own, so that whether a pending
        record counts as a later contact for FCR (the SPEC does not say) never matters."""
        for leg in self.legs:
            ts = [t for t, k, _ in leg["events"] if k != "NOISE"]
            for cut in (t1, TEND + 1):
                if ts[0] < cut and not any(t < cut for t, k, _ in leg["events"] if k in ("CONNECT", "TERM")) \
                        and ts[-1] >= cut and leg["caller"]:
                    leg["caller"] = self.fresh_caller()
        out = []
        seq = 0
        for leg in self.legs:
            for t, k, text in leg["events"]:
                seq += 1
                out.append((t, seq, f"{t}|" + text.replace("{caller}", leg["caller"])))
        for t, text in self.system:
            seq += 1
            out.append((t, seq, f"{t}|{text}"))
        out = sorted(x for x in out if T0 <= x[0] <= TEND)
        return [x[2] for x in out], sum(1 for x in out if x[0] < t1)

    def intended(self, t1_or_end, source):
        """What the generator meant, leg by leg: a cross-check of parse_queue_log."""
        out = {}
        for leg in self.legs:
            live = {k: t for t, k, _ in leg["events"] if k != "NOISE" and T0 <= t < t1_or_end}
            w, talk = leg["wait"], leg["talk"]
            if "ENTER" in live:
                entered, caller = leg["enter"], leg["caller"] or None
            elif "CONNECT" in live:
                entered, caller = live["CONNECT"] - w, None
            elif "END" in live:
                entered, caller = live["END"] - talk - w, None
            elif "TERM" in live:
                entered, caller = live["TERM"] - w, None
            else:
                continue
            done = "CONNECT" in live or "TERM" in live or "END" in live
            if not done:
                continue
            out[(source, leg["uid"], leg["queue"], entered)] = (
                leg["outcome"], w, talk if "END" in live else None, caller)
        return out


# ---------------------------------------------------------------------------------------
# Running rubric-cli and comparing
# ---------------------------------------------------------------------------------------

class Failed(Exception):
    pass


class Runner:
    def __init__(self, cli, db):
        self.cli, self.db = cli, db

    def __call__(self, *args, ok=(0,)):
        p = subprocess.run([self.cli, "--db", self.db, *args], capture_output=True, text=True)
        if p.returncode not in ok:
            raise Failed(f"`rubric-cli {' '.join(args)}` exited with {p.returncode}:\n{p.stderr.strip()}")
        return p


def contract_xml(vendor, c):
    esc = lambda s: s.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    sl = "".join(f' {a}="{c[k]}"' for k, a in (("T", "threshold"), ("S", "short-abandon"), ("formula", "formula"))
                 if k not in c["omit"])
    rc = "" if "D" in c["omit"] else f'\n  <repeat-contact days="{c["D"]}"/>'
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<contract xmlns="{NS_C}" vendor="{esc(vendor)}" '
            f'timezone="{c["zone"]}" period="month">\n  <service-level{sl}/>{rc}\n'
            f'  <objective metric="service-level" target="80" weight="1"/>\n</contract>\n')


def same(cell, want):
    if want is None:
        return cell == ""
    if cell == "":
        return False
    try:
        return abs(float(cell) - want) <= TOLERANCE
    except ValueError:
        return False


class Checker:
    def __init__(self, run, cfg):
        self.run, self.cfg = run, cfg
        self.problems = []   # (label, text, recs)
        self.rows = 0
        self.queries = 0
        self.skipped = []

    def kpis(self, vendor, first=None, last=None, by=None, extra=(), ok=(0,)):
        args = ["kpis", "--vendor", vendor, "--format", "csv"]
        if first:
            args += ["--from", first, "--to", last]
        if by:
            args += ["--by", by]
        args += list(extra)
        p = self.run(*args, ok=ok)
        if p.returncode:
            self.skipped.append(shlex.join(args))
            return args, None, ""
        out = p.stdout
        self.queries += 1
        rows = list(csv.DictReader(io.StringIO(out)))
        if out and list(csv.reader(io.StringIO(out)))[0] != COLUMNS:
            raise Failed(f"`rubric-cli {' '.join(args)}`: header is {out.splitlines()[0]!r}, SPEC §9 says {','.join(COLUMNS)}")
        return args, rows, out

    def compare(self, stage, records, vendor, first=None, last=None, by=None, queue=None, agent=None, cfg=None, extra=()):
        cfg = cfg or self.cfg
        # Without --from/--to the SPEC does not say what the row spans: accept a refusal.
        args, got, _ = self.kpis(vendor, first, last, by, extra, ok=(0, 1) if first is None else (0,))
        if got is None:
            return
        label = f"[{stage}] rubric-cli {shlex.join(args)}"
        if first is None:
            want = reference(records, vendor, cfg, None, None, None, queue, agent, all_days=True)
        else:
            want = reference(records, vendor, cfg, dt.date.fromisoformat(first), dt.date.fromisoformat(last), by,
                             queue, agent)
        if first is None and len(got) != 1:
            self.problems.append((label, f"{len(got)} rows without --from/--to/--by, expected 1", []))
            return
        if len(got) != len(want):
            self.problems.append((label, f"{len(got)} rows, expected {len(want)}: periods "
                                  f"{[(r['period_start'], r['period_end']) for r in got][:8]}... vs "
                                  f"{[(r['period_start'], r['period_end']) for r in want][:8]}...", []))
            return
        for g, w in zip(got, want):
            self.rows += 1
            diffs = []
            if g["vendor"] != vendor:
                diffs.append(f"vendor {g['vendor']!r} != {vendor!r}")
            for k in ("period_start", "period_end"):
                if w[k] is not None and g[k] != w[k]:
                    diffs.append(f"{k} cli={g[k]} ref={w[k]}")
            for k in COUNTS:
                if g[k] != str(w[k]):
                    diffs.append(f"{k} cli={g[k]} ref={w[k]}")
            for k in REALS:
                if not same(g[k], w[k]):
                    diffs.append(f"{k} cli={g[k] or '(empty)'} ref={'(empty)' if w[k] is None else f'{w[k]:.4f}'}")
            if diffs:
                self.problems.append((label, f"row {w['period_start']}..{w['period_end']}: " + "; ".join(diffs),
                                      w["_recs"]))


def dump(db):
    con = sqlite3.connect(db)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def main():
    if len(sys.argv) < 2:
        print("usage: kpi-reference.py RUBRIC-CLI [SEED] [SIZE]", file=sys.stderr)
        return 2
    cli = os.path.abspath(sys.argv[1])
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    started = time.monotonic()
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix=f"kpi-ref-{seed}-")
    db = os.path.join(tmp, "kpis.db")
    log_path = os.path.join(tmp, "queue_log")
    csv_path = os.path.join(tmp, "calls.csv")
    run = Runner(cli, db)

    gen = Generator(rng, size)
    t1 = rng.choice([epoch("2026-03-29T01:00:00+00:00"), epoch("2026-03-31T21:00:00+00:00"),
                     epoch("2026-06-30T21:00:00+00:00")]) + rng.randint(-3600, 3600)
    gen.generate(t1)
    lines, n_part1 = gen.lines(t1)
    source = "pbx-a" if seed % 2 else None
    log_source = source or "queue_log"   # the CLI's default source only has to be stable
    for t_cut, text in ((t1, "\n".join(lines[:n_part1])), (TEND + 1, "\n".join(lines))):
        got = {k: (r.outcome, r.wait, r.talk, r.caller) for k, r in parse_queue_log(text, log_source).items()}
        want = gen.intended(t_cut, log_source)
        if got != want:
            bad = sorted(set(got.items()) ^ set(want.items()))[:5]
            print(f"kpi-reference: internal inconsistency (parser vs generator): {bad}", file=sys.stderr)
            return 2
    cols = list(gen.csv_rows[0])
    rng.shuffle(cols)
    with open(csv_path, "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\r\n")
        w.writeheader()
        w.writerows(gen.csv_rows)
    csv_recs = parse_calls_csv(csv_path, "csv")

    def records(text):
        recs = list(parse_queue_log(text, log_source).values())
        for r in recs:
            r.vendor = gen.queues[r.queue]
        return recs + list(csv_recs.values())

    cfg_text = "; ".join(f"{v!r}: zone={c['zone']} T={c['T']} S={c['S']} {c['formula']} D={c['D']}"
                         + (" (no contract)" if c["none"] else
                            f" (defaults for {','.join(sorted(c['omit']))})" if c["omit"] else "")
                         for v, c in gen.cfg.items())
    contract_first = seed % 3 != 1
    fmt = lambda i: ["--format", "queue-log"] if (seed + i) % 2 else []
    src = ["--source", source] if source else []
    checker = Checker(run, gen.cfg)
    try:
        run("init")
        for q, v in gen.queues.items():
            run("queues", "map", q, v)

        def contracts():
            for v, c in gen.cfg.items():
                if c["none"]:
                    continue
                path = os.path.join(tmp, f"contract-{gen.names.index(v)}.xml")
                with open(path, "w") as fh:
                    fh.write(contract_xml(v, c))
                run("contract", "import", path)

        if contract_first:
            contracts()
        with open(log_path, "w") as fh:   # the last line not yet ended, sometimes
            fh.write("\n".join(lines[:n_part1]) + ("\n" if seed % 4 else ""))
        run("calls", "import", log_path, *fmt(0), *src)
        if not contract_first:
            contracts()   # a time zone and thresholds set after calls were imported
        run("calls", "import", csv_path, "--format", "csv")

        part1 = records("\n".join(lines[:n_part1]))
        for v in gen.names:
            for first, last in RANGES:
                checker.compare("part 1", part1, v, first, last, "month")
            checker.compare("part 1", part1, v, *RANGES[0], "day")

        with open(log_path, "w") as fh:   # the same file, grown
            fh.write("\n".join(lines) + "\n")
        run("calls", "import", log_path, *fmt(1), *src)
        final = records("\n".join(lines))

        def full_check(stage):
            for v in gen.names:
                for first, last in RANGES[:2]:
                    for by in ("day", "week", "month", None):
                        checker.compare(stage, final, v, first, last, by)
                for by in ("week", "month", "quarter", "year", None):
                    checker.compare(stage, final, v, *RANGES[2], by)
                checker.compare(stage, final, v)
                q = rng.choice([q for q, x in gen.queues.items() if x == v])
                checker.compare(stage, final, v, *RANGES[0], "week", queue=q, extra=["--queue", q])
                seen = sorted({r.agent for r in final if r.vendor == v and r.agent})   # the CLI refuses others
                if seen:
                    a = rng.choice(seen)
                    checker.compare(stage, final, v, *RANGES[1], "day", agent=a, extra=["--agent", a])
                o = dict(gen.cfg[v], T=rng.choice([0, 15, 45]), S=rng.choice([0, 3, 20]),
                         formula=rng.choice(FORMULAS), D=rng.choice([2, 14]))
                checker.compare(stage, final, v, *RANGES[0], "week", cfg=dict(gen.cfg, **{v: o}),
                                extra=["--threshold", str(o["T"]), "--short-abandon", str(o["S"]),
                                       "--formula", o["formula"], "--repeat-days", str(o["D"])])

        if not checker.problems:
            full_check("grown log")
            before = dump(db)
            outs = [checker.kpis(v, *RANGES[2], "day")[2] for v in gen.names]
            run("calls", "import", log_path, *fmt(0), *src)   # the same log again
            run("calls", "import", csv_path)
            after = dump(db)
            if after != before:
                gone = [l for l in before if l not in set(after)][:4]
                new = [l for l in after if l not in set(before)][:4]
                checker.problems.append(("[re-import] database dump", "importing the same files again changed "
                                         f"the database:\n    - " + "\n    - ".join(gone) + "\n    + "
                                         + "\n    + ".join(new), []))
            if [checker.kpis(v, *RANGES[2], "day")[2] for v in gen.names] != outs:
                checker.problems.append(("[re-import] kpis --by day", "output changed after importing the same files again", []))
            if not checker.problems:
                full_check("re-import")
    except Failed as e:
        checker.problems.append(("rubric-cli", str(e), []))

    elapsed = time.monotonic() - started
    stats = f"seed {seed}, {size} calls ({len(lines)} log lines, {len(gen.csv_rows)} CSV rows), " \
            f"{checker.queries} kpis queries, {checker.rows} rows, {elapsed:.1f} s"
    if checker.problems:
        err = sys.stderr
        print(f"kpi-reference: rubric-cli disagrees with SPEC §4 ({stats})", file=err)
        print(f"  contracts: {cfg_text}", file=err)
        print(f"  first part of the log: lines < {iso_utc(t1)} ({n_part1} lines); contract imported "
              f"{'before' if contract_first else 'after'} the calls", file=err)
        shown = 0
        for label, text, recs in checker.problems[:12]:
            print(f"- {label}\n    {text}", file=err)
            if recs and shown < 2:
                shown += 1
                zone = ZoneInfo(gen.cfg[recs[0].vendor]["zone"])
                print(f"    reference records of that row ({len(recs)}):", file=err)
                for r in sorted(recs, key=lambda r: r.entered)[:25]:
                    print(f"      {r.brief(zone)}", file=err)
        if len(checker.problems) > 12:
            print(f"  ... and {len(checker.problems) - 12} more", file=err)
        print(f"  files kept in {tmp} (queue_log, calls.csv, contract-*.xml, kpis.db)", file=err)
        return 1
    print(f"kpi-reference: all agree: {stats}")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
