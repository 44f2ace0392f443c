#!/usr/bin/env python3
# trends-reference.py — an independent implementation of SPEC §6 (agent trends)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Written from the text of SPEC §1–§3, §4.1–§4.3, §5.1, §6, §8, §9 and the lead's decisions for
# issue 12 alone, without looking at src/core/rubric-trends.c or src/cli. It reads the same input
# files rubric-cli imports (not the database), in the order a manifest gives (see
# gen-trends-data.py), and prints the CSV `rubric-cli trends … --format csv` must print.
#
# Usage: trends-reference.py DATADIR [--now INSTANT] [--raw] trends [criteria|reviewers|resolution]
#            (--agent A | --team T | --vendor V) [--vendor V] [--by week|month] [--from DATE --to DATE]
# DATADIR holds manifest.txt ("KIND FILE" a line: scorecard, contract, agents, calls, evaluations).
# --now (else $RUBRIC_NOW) pins "today" for a range-less `trends`. --raw prints the numbers at full
# precision (for comparisons with a tolerance) instead of the CLI's "%.2f" / "%.4f".
# Exit: 0, 1 usage, 2 bad scope (unknown or ambiguous, as rubric-cli).
import csv
import datetime as dt
import io
import math
import os
import sys
import xml.etree.ElementTree as ET
from fractions import Fraction
from zoneinfo import ZoneInfo

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rating_ref_lib as L  # noqa: E402  (Student's t, written from the SPEC for the ratings)

NS_S = "{urn:rubric:scorecard:1}"
NS_C = "{urn:rubric:contract:1}"
NS_E = "{urn:rubric:evaluations:1}"
UTC = dt.timezone.utc
DAY = 86400
STANDARD = ["resolution", "ownership", "policy", "documentation"]
TRENDS_COLS = ["vendor", "agent", "team", "period_start", "period_end", "n", "score", "ci_low", "ci_high",
               "moving_avg", "team_score", "team_n"]
CRITERIA_COLS = ["scorecard", "criterion", "category", "answers", "failures", "failure_rate"]
REVIEWERS_COLS = ["reviewer", "evaluations", "answers", "na", "na_rate", "mean_score"]
RESOLUTION_COLS = ["vendor", "n", "both_resolved", "both_unresolved", "qa_only", "fcr_only", "agreement", "kappa"]


class ScopeError(Exception):
    pass


# ------------------------------------------------------------------------------------------
# Reading the input files
# ------------------------------------------------------------------------------------------

def parse_instant(s):
    s = s.strip()
    if s.isdigit():
        return int(s)
    if s.endswith("Z"):
        s = s[:-1] + "+00:00"
    return int(dt.datetime.fromisoformat(s).timestamp())   # whole seconds (fractions dropped)


def read_scorecard(path):
    root = ET.parse(path).getroot()
    key = root.get("key")
    declared = int(root.get("version", "0") or 0)
    crits = []
    for sec in root.iter(NS_S + "section"):
        for c in sec.iter(NS_S + "criterion"):
            t = c.get("type", "yes-no")
            cat = c.get("category") or sec.get("key")
            d = {"key": c.get("key"), "cat": cat, "w": float(c.get("weight", "1")), "type": t,
                 "na": c.get("na", "false") == "true", "critical": c.get("critical", "false") == "true"}
            if t == "scale":
                d["min"], d["max"] = int(c.get("min", "1")), int(c.get("max", "5"))
            if t == "choice":
                d["opts"] = {o.get("key"): float(o.get("credit")) for o in c.iter(NS_S + "option")}
            crits.append(d)
    return key, declared, crits


def credit(c, v):
    if c["type"] == "yes-no":
        return 1.0 if v == "yes" else 0.0
    if c["type"] == "scale":
        return (int(v) - c["min"]) / (c["max"] - c["min"])
    return c["opts"][v]


class Model:
    def __init__(self, datadir):
        self.cards = {}        # (key, version) -> [criteria]
        self.declared = {}     # (key, declared) -> db version (the latest that declared it)
        self.contracts = {}    # vendor -> {valid_from: (zone, D)}
        self.vendors = set()
        self.agents = {}       # (vendor, ext) -> {"name", "team"}
        self.calls = []        # dicts, in insertion order (their index is calls.id)
        self.call_keys = set()
        self.evals = {}        # id -> dict
        with open(os.path.join(datadir, "manifest.txt")) as f:
            for line in f:
                if not line.strip():
                    continue
                kind, name = line.split(None, 1)
                path = os.path.join(datadir, name.strip())
                getattr(self, "read_" + kind)(path)
        self.finish()

    def read_scorecard(self, path):
        key, declared, crits = read_scorecard(path)
        versions = sorted(v for (k, v) in self.cards if k == key)
        for v in versions:
            if self.cards[(key, v)] == crits:
                self.declared[(key, declared)] = v
                return
        v = (versions[-1] + 1) if versions else 1
        self.cards[(key, v)] = crits
        self.declared[(key, declared)] = v

    def read_contract(self, path):
        root = ET.parse(path).getroot()
        vendor = root.get("vendor")
        vf = dt.date.fromisoformat(root.get("valid-from", "0001-01-01"))
        rc = root.find(NS_C + "repeat-contact")
        days = int(rc.get("days", "7")) if rc is not None else 7
        self.vendors.add(vendor)
        self.contracts.setdefault(vendor, {})[vf] = (root.get("timezone"), days)

    def ensure_agent(self, vendor, ext):
        self.vendors.add(vendor)
        self.agents.setdefault((vendor, ext), {"name": None, "team": None})

    def read_agents(self, path):
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        assert rows[0] == ["vendor", "agent", "name", "team"], rows[0]
        for r in rows[1:]:
            if not r:
                continue
            vendor, ext, name, team = r
            self.ensure_agent(vendor, ext)
            self.agents[(vendor, ext)] = {"name": name or None, "team": team or None}

    def read_calls(self, path):
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                t = parse_instant(r["entered_at"])
                key = ("csv", r["call_id"], r.get("queue", ""), t)
                if key in self.call_keys:
                    continue
                self.call_keys.add(key)
                vendor = r["vendor"]
                self.vendors.add(vendor)
                if r.get("agent"):
                    self.ensure_agent(vendor, r["agent"])
                self.calls.append({"id": len(self.calls) + 1, "vendor": vendor, "call_id": r["call_id"],
                                   "t": t, "outcome": r["outcome"], "caller": r.get("caller") or None})

    def read_evaluations(self, path):
        root = ET.parse(path).getroot()
        for e in root.iter(NS_E + "evaluation"):
            key = e.get("scorecard")
            ver = e.get("scorecard-version")
            if ver is None:
                ver = max(v for (k, v) in self.cards if k == key)
            else:
                ver = int(ver)
                if (key, ver) not in self.cards:
                    ver = self.declared[(key, ver)]
            vendor, agent = e.get("vendor"), e.get("agent")
            if vendor is not None:
                self.vendors.add(vendor)
                if agent is not None:
                    self.ensure_agent(vendor, agent)
            ct = e.get("call-time")
            ev = {"id": e.get("id").lower(), "card": key, "version": ver, "status": e.get("status"),
                  "reviewer": e.get("reviewer") or "", "vendor": vendor, "agent": agent, "call": e.get("call"),
                  "ct": parse_instant(ct) if ct else None,
                  "answers": {a.get("criterion"): a.get("value") for a in e.iter(NS_E + "answer")}}
            ev["scored"] = parse_instant(e.get("scored-at")) if e.get("scored-at") else None
            old = self.evals.get(ev["id"])
            # SPEC §8.2 and DECISIONS: an existing id is replaced only by a later scored-at.
            if old is not None and (ev["scored"] is None or old["scored"] is None or ev["scored"] <= old["scored"]):
                continue
            self.evals[ev["id"]] = ev

    def finish(self):
        self.zone = {}
        for v in self.vendors:
            c = self.contracts.get(v)
            self.zone[v] = ZoneInfo(c[max(c)][0]) if c else ZoneInfo("UTC")
        for ev in self.evals.values():
            crits = self.cards[(ev["card"], ev["version"])]
            num = den = 0.0
            cats = {}
            failed = False
            for c in crits:
                v = ev["answers"].get(c["key"])
                if v is None or v == "na":
                    continue
                cr = credit(c, v)
                num += c["w"] * cr
                den += c["w"]
                n, d = cats.get(c["cat"], (0.0, 0.0))
                cats[c["cat"]] = (n + c["w"] * cr, d + c["w"])
                if c["critical"] and cr == 0:
                    failed = True
            ev["score"] = 0.0 if failed else (100 * num / den if den > 0 else None)
            ev["cats"] = {k: 100 * n / d for k, (n, d) in cats.items() if d > 0}
            ev["day"] = (dt.datetime.fromtimestamp(ev["ct"], self.zone[ev["vendor"]]).date()
                         if ev["ct"] is not None and ev["vendor"] is not None else None)
        # Only submitted evaluations with a call time ever count (decisions).
        self.counted = [e for e in self.evals.values()
                        if e["status"] == "submitted" and e["day"] is not None]
        self.calls_by_id = {}
        self.calls_by_caller = {}
        for c in self.calls:
            self.calls_by_id.setdefault((c["vendor"], c["call_id"]), []).append(c)
            if c["caller"]:
                self.calls_by_caller.setdefault((c["vendor"], c["caller"]), []).append(c["t"])

    def repeat_days(self, vendor, day):
        c = self.contracts.get(vendor)
        if not c:
            return 7
        # The contract in force on the day; none yet: 7 (the lead's "default 7"; unlike the KPIs,
        # which take the first version for days before it).
        ok = [vf for vf in c if vf <= day]
        return c[max(ok)][1] if ok else 7


# ------------------------------------------------------------------------------------------
# Periods
# ------------------------------------------------------------------------------------------

def cal_bucket(day, by):
    """The calendar bucket (first, last) holding day."""
    if by == "week":
        first = day - dt.timedelta(days=day.weekday())
        return first, first + dt.timedelta(days=6)
    first = day.replace(day=1)
    nxt = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def prev_bucket_start(first, by, k):
    """The first day of the calendar bucket k buckets before the one starting at first."""
    if by == "week":
        return first - dt.timedelta(days=7 * k)
    m = first.year * 12 + first.month - 1 - k
    return dt.date(m // 12, m % 12 + 1, 1)


def split(first, last, by):
    """[(cal_first, clip_first, clip_last)] of the range, oldest first."""
    out = []
    d = first
    while d <= last:
        cf, cl = cal_bucket(d, by)
        out.append((cf, d, min(cl, last)))
        d = cl + dt.timedelta(days=1)
    return out


def default_buckets(today, by):
    cf, cl = cal_bucket(today, by)
    out = []
    for k in range(11, -1, -1):
        f = prev_bucket_start(cf, by, k)
        out.append((f, f, cal_bucket(f, by)[1]))
    return out


# ------------------------------------------------------------------------------------------
# Statistics and formatting
# ------------------------------------------------------------------------------------------

def mean_ci(values):
    n = len(values)
    if n == 0:
        return 0, None, None, None
    m = math.fsum(values) / n
    if n < 2:
        return n, m, None, None
    s = math.sqrt(math.fsum((v - m) ** 2 for v in values) / (n - 1))
    h = L.t_quantile(0.975, n - 1) * s / math.sqrt(n)
    return n, m, max(0.0, m - h), min(100.0, m + h)


def mean(values):
    return math.fsum(values) / len(values) if values else None


class Fmt:
    def __init__(self, raw):
        self.raw = raw

    def f2(self, x):
        if x is None:
            return ""
        return repr(float(x)) if self.raw else "%.2f" % x

    def f4(self, x):
        if x is None:
            return ""
        return repr(float(x)) if self.raw else "%.4f" % x


# ------------------------------------------------------------------------------------------
# Scope
# ------------------------------------------------------------------------------------------

def resolve_scope(m, agent, team, vendor):
    """[(vendor, [agent ids] or None for the vendor as a whole, label)] and the kind."""
    if vendor is not None and vendor not in m.vendors:
        raise ScopeError(f"unknown vendor {vendor}")
    if agent is not None:
        vs = sorted(v for (v, a) in m.agents if a == agent and (vendor is None or v == vendor))
        if not vs:
            raise ScopeError(f"unknown agent {agent}")
        if len(vs) > 1:
            raise ScopeError(f"agent {agent} is known at several vendors ({', '.join(vs)}): give --vendor")
        return "agent", [(vs[0], [agent])]
    if team is not None:
        out = []
        for v in sorted(m.vendors):
            if vendor is not None and v != vendor:
                continue
            ags = sorted(a for (vv, a), d in m.agents.items() if vv == v and d["team"] == team)
            if ags:
                out.append((v, ags))
        if not out:
            raise ScopeError(f"unknown team {team}")
        return "team", out
    ags = sorted(a for (vv, a) in m.agents if vv == vendor)
    return "vendor", [(vendor, ags)]


def scope_evals(m, kind, vendor, agents):
    if kind == "vendor":
        return [e for e in m.counted if e["vendor"] == vendor]
    s = set(agents)
    return [e for e in m.counted if e["vendor"] == vendor and e["agent"] in s]


def in_range(evs, first, last):
    return [e for e in evs if first <= e["day"] <= last]


# ------------------------------------------------------------------------------------------
# The commands
# ------------------------------------------------------------------------------------------

def trends(m, kind, scope, by, first, last, today_for, fmt):
    rows = []        # (fixed cells, {cat: value})
    seen = set()
    for vendor, agents in scope:
        if first is not None:
            buckets = split(first, last, by)
        else:
            buckets = default_buckets(today_for(vendor), by)
        vend = [e for e in m.counted if e["vendor"] == vendor]

        def row(evs, bucket, vendor_cell, agent_cell, team_cell, team_evs):
            cf, f, l = bucket
            inb = in_range(evs, f, l)
            sc = [e["score"] for e in inb if e["score"] is not None]
            n, mu, lo, hi = mean_ci(sc)
            mstart = prev_bucket_start(cf, by, 3)
            mv = [e["score"] for e in evs if e["score"] is not None and
                  (f <= e["day"] <= l or mstart <= e["day"] < cf)]
            if team_evs is None:
                tn, tm = n, mu
            else:
                ts = [e["score"] for e in in_range(team_evs, f, l) if e["score"] is not None]
                tn, tm = len(ts), mean(ts)
            cats = {}
            for e in inb:
                # A category is seen when the evaluation's scorecard version has it, even when
                # every one of its criteria was answered N/A there (its S_k undefined).
                seen.update(c["cat"] for c in m.cards[(e["card"], e["version"])])
                for k, v in e["cats"].items():
                    cats.setdefault(k, []).append(v)
            cells = [vendor_cell, agent_cell, team_cell, f.isoformat(), l.isoformat(), str(n), fmt.f2(mu),
                     fmt.f2(lo), fmt.f2(hi), fmt.f2(mean(mv)), fmt.f2(tm), str(tn)]
            rows.append((cells, {k: mean(v) for k, v in cats.items()}))

        for a in agents:
            team = m.agents[(vendor, a)]["team"]
            own = [e for e in vend if e["agent"] == a]
            if team:
                mates = {x for (vv, x), d in m.agents.items() if vv == vendor and d["team"] == team}
                team_evs = [e for e in vend if e["agent"] in mates]
            else:
                team_evs = vend
            for b in buckets:
                row(own, b, vendor, a, team or "", team_evs)
        if kind == "team":
            s = set(agents)
            tevs = [e for e in vend if e["agent"] in s]
            tname = m.agents[(vendor, agents[0])]["team"]
            for b in buckets:
                row(tevs, b, vendor, "", tname, None)
        elif kind == "vendor":
            for b in buckets:
                row(vend, b, vendor, "", "", None)
    cats = STANDARD + sorted(k for k in seen if k not in STANDARD)
    out = [TRENDS_COLS + ["score_" + k for k in cats]]
    for cells, cv in rows:
        out.append(cells + [fmt.f2(cv.get(k)) for k in cats])
    return out


def range_evals(m, kind, scope, span):
    evs = []
    for vendor, agents in scope:
        evs += in_range(scope_evals(m, kind, vendor, agents), *span(vendor))
    return evs


def criteria(m, evs, fmt):
    stats = {}   # (card, crit) -> [answers, failures, newest version]
    for e in evs:
        crits = m.cards[(e["card"], e["version"])]
        for c in crits:
            v = e["answers"].get(c["key"])
            if v is None:
                continue
            s = stats.setdefault((e["card"], c["key"]), [0, 0, 0])
            s[2] = max(s[2], e["version"])
            if v == "na":
                continue
            s[0] += 1
            if credit(c, v) < 1:
                s[1] += 1
    rows = []
    for (card, ck), (ans, fail, ver) in stats.items():
        cat = next(c["cat"] for c in m.cards[(card, ver)] if c["key"] == ck)
        rate = Fraction(100 * fail, ans) if ans else None
        rows.append((card, ck, cat, ans, fail, rate))
    rows.sort(key=lambda r: (r[5] is None, -(r[5] or 0), -r[3], r[0].encode(), r[1].encode()))
    return [CRITERIA_COLS] + [[r[0], r[1], r[2], str(r[3]), str(r[4]), fmt.f2(r[5])] for r in rows]


def reviewers(m, evs, fmt):
    stats = {}
    for e in evs:
        s = stats.setdefault(e["reviewer"], {"n": 0, "answers": 0, "na": 0, "scores": []})
        s["n"] += 1
        for c in m.cards[(e["card"], e["version"])]:
            v = e["answers"].get(c["key"])
            if c["na"] and v is not None:
                s["answers"] += 1
                s["na"] += v == "na"
        if e["score"] is not None:
            s["scores"].append(e["score"])
    out = [REVIEWERS_COLS]
    for r in sorted(stats, key=lambda x: x.encode()):
        s = stats[r]
        rate = 100 * s["na"] / s["answers"] if s["answers"] else None
        out.append([r, str(s["n"]), str(s["answers"]), str(s["na"]), fmt.f2(rate), fmt.f2(mean(s["scores"]))])
    return out


def resolution(m, kind, scope, span, fmt):
    out = [RESOLUTION_COLS]
    for vendor, agents in scope:
        evs = in_range(scope_evals(m, kind, vendor, agents), *span(vendor))
        br = bu = qo = fo = 0
        zone = m.zone[vendor]
        for e in evs:
            cands = m.calls_by_id.get((vendor, e["call"]), [])
            if not cands or "resolution" not in e["cats"]:
                continue
            c = min(cands, key=lambda c: (abs(c["t"] - e["ct"]), c["t"], c["id"]))
            if c["outcome"] != "answered" or not c["caller"]:
                continue
            qa = e["cats"]["resolution"] >= 50
            d = m.repeat_days(vendor, dt.datetime.fromtimestamp(c["t"], zone).date())
            later = [t for t in m.calls_by_caller[(vendor, c["caller"])] if c["t"] < t <= c["t"] + d * DAY]
            fcr = not later
            if qa and fcr:
                br += 1
            elif not qa and not fcr:
                bu += 1
            elif qa:
                qo += 1
            else:
                fo += 1
        n = br + bu + qo + fo
        agreement = kappa = None
        if n:
            po = Fraction(br + bu, n)
            pq = Fraction(br + qo, n)
            pf = Fraction(br + fo, n)
            pe = pq * pf + (1 - pq) * (1 - pf)
            agreement = 100 * po
            if pe != 1:
                kappa = (po - pe) / (1 - pe)
        out.append([vendor, str(n), str(br), str(bu), str(qo), str(fo), fmt.f2(agreement), fmt.f4(kappa)])
    return out


def run(m, argv, now=None, raw=False):
    """Runs one `trends …` command line (argv after `trends`); returns (status, rows or message)."""
    sub = "trends"
    args = list(argv)
    if args and args[0] in ("criteria", "reviewers", "resolution"):
        sub = args.pop(0)
    opts = {}
    while args:
        a = args.pop(0)
        if a in ("--agent", "--team", "--vendor", "--by", "--from", "--to", "--format") and args:
            opts[a[2:]] = args.pop(0)
        else:
            return 1, f"usage: unknown argument {a}"
    scopes = [k for k in ("agent", "team") if k in opts]
    if len(scopes) > 1 or (not scopes and "vendor" not in opts):
        return 1, "usage: give one of --agent, --team, --vendor"
    if ("from" in opts) != ("to" in opts):
        return 1, "usage: --from and --to go together"
    by = opts.get("by", "week")
    if by not in ("week", "month") or (sub != "trends" and "by" in opts):
        return 1, "usage: --by week|month"
    first = dt.date.fromisoformat(opts["from"]) if "from" in opts else None
    last = dt.date.fromisoformat(opts["to"]) if "to" in opts else None
    try:
        kind, scope = resolve_scope(m, opts.get("agent"), opts.get("team"), opts.get("vendor"))
    except ScopeError as e:
        return 2, str(e)
    fmt = Fmt(raw)
    if now is None:
        now = os.environ.get("RUBRIC_NOW")
    t = parse_instant(now) if now else int(dt.datetime.now(UTC).timestamp())
    today_for = lambda v: dt.datetime.fromtimestamp(t, m.zone[v]).date()
    if sub == "trends":
        return 0, trends(m, kind, scope, by, first, last, today_for, fmt)
    if first is None:
        # Without a range: the 12 ISO weeks ending with the one holding today in each vendor's
        # zone, as `trends` (the decisions name none for these; rubric-cli does this).
        def span(v):
            b = default_buckets(today_for(v), "week")
            return b[0][1], b[-1][2]
    else:
        span = lambda v: (first, last)
    if sub == "resolution":
        return 0, resolution(m, kind, scope, span, fmt)
    evs = range_evals(m, kind, scope, span)
    return 0, (criteria if sub == "criteria" else reviewers)(m, evs, fmt)


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__ or "usage: trends-reference.py DATADIR ... trends ...", file=sys.stderr)
        return 1
    datadir = args.pop(0)
    now, raw = None, False
    while args and args[0] != "trends":
        a = args.pop(0)
        if a == "--now":
            now = args.pop(0)
        elif a == "--raw":
            raw = True
        else:
            print(f"trends-reference: unknown option {a}", file=sys.stderr)
            return 1
    if not args:
        print("trends-reference: missing `trends`", file=sys.stderr)
        return 1
    status, out = run(Model(datadir), args[1:], now, raw)
    if status:
        print(f"trends-reference: {out}", file=sys.stderr)
        return status
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerows(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
