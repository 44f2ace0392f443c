#!/usr/bin/env python3
# rating-reference.py — an independent implementation of SPEC §5 (vendor ratings), to
# cross-check `rubric-cli ratings`
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Written from the text of SPEC §2–§5, §8, §9 and docs/DECISIONS.md ("Vendor ratings" and the
# KPI, contract and aggregate-metric entries) alone, without looking at src/core.
#
# From random.Random(SEED) it generates 4–6 vendors in different IANA zones (one named like a
# spreadsheet formula, one with a comma and quotes in its name) plus a vendor without a
# contract, each with:
#   - one or two contract versions (valid-from before, on or inside the rated periods, the
#     first one sometimes starting after the period's first day, sometimes in another zone),
#     random objectives of every kind (service-level, abandon-rate, asa, aht, fcr, qa-overall,
#     qa-<category> including a custom category and one no scorecard has, custom:NAME higher
#     and lower), targets with the 0 edges, credits, a credit cap, minimum-evaluations, grades;
#   - call records (SPEC §8.3 CSV) at local midnights of every period edge (23:59:30 / 00:00:10
#     local), around DST changes, waits on T and S, every outcome, answered calls with and
#     without talk times, repeat callers at D days −1 s / exactly / +1 s, the same second;
#   - aggregate metrics (SPEC §8.4 CSV): whole months, ISO weeks, days, 10- and 14-day spans
#     that overlap them, some without n, some outside every period;
#   - evaluations (SPEC §8.2) of the shipped scorecard and of a small extra one whose criteria
#     all allow N/A (undefined scores), submitted / draft / calibration / without call time,
#     critical failures, call times at local period edges.
# It imports them into a fresh database (contracts before or after the calls), runs
# `rubric-cli ratings --period P [--detail] --format csv` for a month, an ISO week and a
# custom range, with and without --vendor, and compares every summary and detail cell with
# its own rating (SPEC §5.2 + DECISIONS).
#
# Usage: rating-reference.py RUBRIC-CLI [SEED]
# Exit: 0 all agree, 1 a disagreement (diff on stderr, work folder kept), 2 usage or an
# internal inconsistency of this script.
import csv, datetime as dt, io, math, os, random, shlex, shutil, subprocess, sys, tempfile, time, uuid
from fractions import Fraction
from zoneinfo import ZoneInfo

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rating_ref_lib as L  # noqa: E402

NS_C = "urn:rubric:contract:1"
NS_E = "urn:rubric:evaluations:1"
NS_S = "urn:rubric:scorecard:1"
DAY = 86400
UTC = dt.timezone.utc

SUMMARY = ["vendor", "period_start", "period_end", "rating", "rating_low", "rating_high", "grade",
           "objectives_met", "objectives_total", "credits_pct", "evaluations", "calls", "flags"]
DETAIL = ["vendor", "period_start", "period_end", "metric", "target", "actual", "n", "ci_low",
          "ci_high", "score", "weight", "met", "source"]
TOL2 = 0.0051      # cells printed with two decimals
TOL4 = 0.00011     # cells printed with four decimals
TOLX = 1e-9        # cells printed as the shortest decimal that reads back

CALL_METRICS = ["service-level", "abandon-rate", "asa", "aht", "fcr"]
PERCENT = {"service-level", "abandon-rate", "fcr"}
FORMULAS = ["answered", "abandons-negative", "abandons-ignored", "abandons-positive"]
DEFAULTS = {"T": 20, "S": 5, "formula": "abandons-negative", "D": 7}
DEFAULT_GRADES = [("A", "95"), ("B", "85"), ("C", "70"), ("D", "0")]
QA_METRICS = ["qa-overall", "qa-resolution", "qa-ownership", "qa-policy", "qa-documentation",
              "qa-empathy", "qa-tone"]          # qa-tone: a category no scorecard has
CUSTOM = [("custom:csat", "higher"), ("custom:cost-per-call", "lower"), ("custom:backlog", "lower"),
          ("custom:nps", "higher")]
TARGETS = {"service-level": ["80", "70", "90", "100", "0", "85.5", "60"],
           "abandon-rate": ["5", "3", "10", "0", "2.5", "20"],
           "asa": ["30", "20", "60", "0", "15.5", "45"],
           "aht": ["300", "240", "420", "0", "180.25"],
           "fcr": ["70", "80", "0", "100", "65"],
           "qa": ["85", "80", "90", "70", "0", "100", "75.5", "60"],
           "higher": ["4.2", "4", "0", "7.5"], "lower": ["3.75", "2", "0", "5"]}
WEIGHTS = ["1", "2", "3", "5", "10", "20", "30", "0.5", "1.5", "2.25"]
CREDITS = ["1", "2", "5", "0.5", "2.5", "10", "0"]
GRADE_SETS = [None, DEFAULT_GRADES, [("Gold", "90"), ("Silver", "75.5"), ("Bronze", "50"), ("None", "0")],
              [("Pass", "60"), ("Fail", "0")], [("Top", "100"), ("Good", "80"), ("Rest", "0")]]
MONTHS = [(2026, 3), (2026, 10), (2026, 11)]
ZONES = ["Europe/Riga", "America/New_York", "UTC", "Asia/Tokyo", "America/St_Johns",
         "Australia/Lord_Howe", "Asia/Kolkata"]
PLAIN_NAMES = ["Baltic Voice", "Kaisha Tokyo", "Desk \u00d8st", "Northwind Care", "Sofia Calls"]
FORMULA_NAMES = ["=1+2", "@SUM(A1)", "+CMD|' /C calc'!A0", "-Desk 2"]
QUOTE_NAMES = ['Hudson "H&P" Partners, LLC', 'Smith, Jones & "Co"']
GHOST = "Ghost Ltd"

EXTRA_SCORECARD = f"""<?xml version="1.0" encoding="UTF-8"?>
<scorecard xmlns="{NS_S}" key="ref-extra" version="1">
  <title>Reference extra</title>
  <section key="resolution">
    <title>Resolution</title>
    <criterion key="fixed" category="resolution" weight="2" type="yes-no" na="true" critical="true">
      <text>Fixed?</text>
    </criterion>
  </section>
  <section key="empathy">
    <title>Empathy</title>
    <criterion key="warmth" category="empathy" weight="1.5" type="scale" min="0" max="4" na="true">
      <text>Warmth</text>
    </criterion>
    <criterion key="tone" category="empathy" weight="0.5" type="choice" na="true">
      <text>Tone</text>
      <option key="good" credit="1"/>
      <option key="fair" credit="0.25"/>
      <option key="poor" credit="0"/>
    </criterion>
  </section>
</scorecard>
"""


# ------------------------------------------------------------------------------------------
# Dates, zones, periods
# ------------------------------------------------------------------------------------------

def epoch(iso):
    return int(dt.datetime.fromisoformat(iso).timestamp())


def iso_utc(t):
    return dt.datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_day(t, zone):
    return dt.datetime.fromtimestamp(t, zone).date()


def local_midnight(day, zone):
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=zone).timestamp())


def offset_changes(zone, start, end):
    """UTC instants in [start, end) at which the zone's offset changes."""
    out = []
    off = lambda x: dt.datetime.fromtimestamp(x, zone).utcoffset()
    t = start
    while t < end:
        if off(t) != off(t + DAY):
            lo, hi = t, t + DAY
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if off(mid) == off(t) else (lo, mid)
            out.append(hi)
        t += DAY
    return out


def month_bounds(y, m):
    first = dt.date(y, m, 1)
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def iso_week_bounds(day):
    y, w, _ = day.isocalendar()
    first = dt.date.fromisocalendar(y, w, 1)
    return f"{y}-W{w:02d}", first, first + dt.timedelta(days=6)


def fmt_num(x):
    """A plain decimal for the files we write (no exponent)."""
    s = f"{x:.6f}".rstrip("0").rstrip(".")
    return s if s not in ("", "-0") else "0"


def xml_attr(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def csv_cell(s):
    """SPEC §8.6: a cell beginning with = + - @ TAB CR that is not a number gets a leading '."""
    if s and s[0] in "=+-@\t\r":
        try:
            float(s)
            return s
        except ValueError:
            return "'" + s
    return s


# ------------------------------------------------------------------------------------------
# The data
# ------------------------------------------------------------------------------------------

class Contract:
    def __init__(self):
        self.valid_from = None   # None: attribute left out (0001-01-01)
        self.zone = "UTC"
        self.T, self.S, self.formula, self.D = 20, 5, "abandons-negative", 7
        self.omit = set()        # attributes left out (defaults apply)
        self.sl_element = True
        self.rc_element = True
        self.min_evals = None    # None: attribute left out (30)
        self.cap = None
        self.grades = None
        self.period = None
        self.objectives = []     # dicts metric, target, weight, credit, direction

    def vf(self):
        return self.valid_from or dt.date(1, 1, 1)

    def minimum(self):
        return 30 if self.min_evals is None else int(self.min_evals)

    def grade_list(self):
        return self.grades or DEFAULT_GRADES

    def xml(self, vendor):
        a = f'vendor="{xml_attr(vendor)}" timezone="{self.zone}"'
        if self.period:
            a += f' period="{self.period}"'
        if self.valid_from:
            a += f' valid-from="{self.valid_from.isoformat()}"'
        if self.min_evals is not None:
            a += f' minimum-evaluations="{self.min_evals}"'
        if self.cap is not None:
            a += f' credit-cap="{self.cap}"'
        out = [f'<?xml version="1.0" encoding="UTF-8"?>', f'<contract xmlns="{NS_C}" {a}>']
        if self.sl_element:
            sl = "".join(f' {attr}="{getattr(self, k)}"' for k, attr in
                         (("T", "threshold"), ("S", "short-abandon"), ("formula", "formula")) if k not in self.omit)
            out.append(f"  <service-level{sl}/>")
        if self.rc_element:
            out.append("  <repeat-contact/>" if "D" in self.omit else f'  <repeat-contact days="{self.D}"/>')
        for o in self.objectives:
            x = f'  <objective metric="{o["metric"]}" target="{o["target"]}" weight="{o["weight"]}"'
            if o["credit"] is not None:
                x += f' credit="{o["credit"]}"'
            if o["direction"]:
                x += f' direction="{o["direction"]}"'
            out.append(x + "/>")
        if self.grades:
            out.append("  <grades>" + "".join(f'<grade name="{xml_attr(n)}" min="{m}"/>' for n, m in self.grades)
                       + "</grades>")
        out.append("</contract>")
        return "\n".join(out) + "\n"

    def brief(self):
        objs = ", ".join(f"{o['metric']} t={o['target']} w={o['weight']}" + (f" c={o['credit']}" if o["credit"] else "")
                         for o in self.objectives)
        return (f"valid-from={self.valid_from or '(default)'} zone={self.zone} T={self.T} S={self.S} "
                f"{self.formula} D={self.D} min={self.minimum()} cap={self.cap} "
                f"grades={self.grade_list()} [{objs}]")


class Vendor:
    def __init__(self, name, kind, zone):
        self.name, self.kind, self.zone = name, kind, zone
        self.versions = []
        self.calls = []    # dicts: entered (int), wait, outcome, talk, hold, wrap (float/None), caller
        self.evals = []    # dicts: id, status, time (int/None), overall, cats
        self.aggs = []     # dicts: metric, start, end (date), value (str), n (str, '' = none)
        self.no_talk = False

    def latest(self):
        return max(self.versions, key=lambda c: c.vf())

    def zone_now(self):
        return ZoneInfo(self.latest().zone) if self.versions else ZoneInfo("UTC")

    def in_force(self, day):
        vs = sorted(self.versions, key=lambda c: c.vf())
        cur = None
        for c in vs:
            if c.vf() <= day:
                cur = c
        return cur or vs[0]


class Generator:
    def __init__(self, rng, shipped):
        self.rng = rng
        self.shipped = shipped          # criteria of contact-centre-qa
        self.extra = L.load_scorecard(EXTRA_SCORECARD)
        y, m = rng.choice(MONTHS)
        self.mfirst, self.mlast = month_bounds(y, m)
        self.month_p = f"{y}-{m:02d}"
        self.week_p, self.wfirst, self.wlast = iso_week_bounds(rng.choice([self.mfirst, self.mlast]))
        a = self.mfirst + dt.timedelta(days=rng.randint(-6, 12))
        b = self.mlast + dt.timedelta(days=rng.randint(-8, 6))
        if b < a:
            a, b = b, a
        self.rfirst, self.rlast = a, b
        self.range_p = f"{a.isoformat()}..{b.isoformat()}"
        self.periods = [(self.month_p, self.mfirst, self.mlast), (self.week_p, self.wfirst, self.wlast),
                        (self.range_p, self.rfirst, self.rlast)]
        self.wstart = min(self.mfirst, self.wfirst, self.rfirst) - dt.timedelta(days=9)
        self.wend = max(self.mlast, self.wlast, self.rlast) + dt.timedelta(days=9)
        self.vendors = []
        self.shared_callers = [f"+4470{rng.randint(1000000, 9999999)}" for _ in range(8)]
        self.call_n = 0

    # -- contracts ---------------------------------------------------------------------------
    def contract(self, zone, vf):
        rng = self.rng
        c = Contract()
        c.zone, c.valid_from = zone, vf
        c.T, c.S = rng.choice([10, 15, 20, 30]), rng.choice([0, 3, 5, 10])
        c.formula, c.D = rng.choice(FORMULAS), rng.choice([1, 2, 3, 7, 14])
        c.omit = {k for k in ("T", "S", "formula", "D") if rng.random() < 0.25}
        c.sl_element = rng.random() > 0.12
        c.rc_element = rng.random() > 0.2
        if not c.sl_element:
            c.omit |= {"T", "S", "formula"}
        if not c.rc_element:
            c.omit.add("D")
        for k in c.omit:
            setattr(c, k, DEFAULTS[k])
        c.min_evals = rng.choice([None, "0", "1", "2", "5", "10", "30"])
        c.cap = rng.choice([None] * 3 + ["3", "5", "7.5", "10", "15", "0"])
        c.grades = rng.choice(GRADE_SETS)
        if c.grades:
            c.grades = rng.sample(c.grades, len(c.grades))   # any order
        c.period = rng.choice([None, "month"])
        objs = []
        for m in CALL_METRICS:
            if rng.random() < 0.65:
                objs.append((m, rng.choice(TARGETS[m]), None))
        for m in QA_METRICS:
            if rng.random() < (0.8 if m == "qa-overall" else 0.3 if m != "qa-tone" else 0.12):
                objs.append((m, rng.choice(TARGETS["qa"]), None))
        for m, d in CUSTOM:
            if rng.random() < 0.3:
                objs.append((m, rng.choice(TARGETS[d]), d))
        while len(objs) < 2:
            m = rng.choice(CALL_METRICS)
            if m not in [o[0] for o in objs]:
                objs.append((m, rng.choice(TARGETS[m]), None))
        rng.shuffle(objs)
        for m, t, d in objs:
            c.objectives.append({"metric": m, "target": t, "weight": rng.choice(WEIGHTS),
                                 "credit": rng.choice(CREDITS) if rng.random() < 0.5 else None, "direction": d})
        # Sometimes exactly half of the weight on objectives likely to have no data.
        if rng.random() < 0.2 and len(c.objectives) >= 2:
            for o in c.objectives:
                o["weight"] = "5"
            if len(c.objectives) % 2:
                c.objectives[0]["weight"] = "10"
        return c

    def vendors_and_contracts(self):
        rng = self.rng
        nv = rng.randint(4, 6)
        names = [rng.choice(FORMULA_NAMES), rng.choice(QUOTE_NAMES)] + rng.sample(PLAIN_NAMES, nv - 2)
        kinds = ["calls", "both", "aggregates"] + [rng.choice(["thin", "none", "empty", "calls", "both", "aggregates"])
                                                   for _ in range(nv - 3)]
        rng.shuffle(kinds)
        zones = rng.sample(ZONES, nv) if nv <= len(ZONES) else [rng.choice(ZONES) for _ in range(nv)]
        for name, kind, zone in zip(names, kinds, zones):
            v = Vendor(name, kind, zone)
            v1_vf = rng.choice([None, dt.date(2026, 1, 1), self.mfirst + dt.timedelta(days=rng.randint(1, 5)),
                                self.mfirst])
            v1_zone = zone if rng.random() < 0.8 else rng.choice(ZONES)
            v.versions.append(self.contract(v1_zone, v1_vf))
            if rng.random() < 0.45:
                v2_vf = rng.choice([self.mfirst, self.mfirst + dt.timedelta(days=rng.randint(1, 20)), self.rfirst,
                                    self.wfirst + dt.timedelta(days=1), self.wfirst])
                if v1_vf is not None and v2_vf <= v1_vf:
                    v2_vf = v1_vf + dt.timedelta(days=rng.randint(1, 15))
                v.versions.append(self.contract(zone, v2_vf))
            v.no_talk = kind == "both" and rng.random() < 0.5
            self.vendors.append(v)

    # -- calls -------------------------------------------------------------------------------
    def anchors(self, v):
        """Local midnights of every period edge and the DST changes of the window, in the zone
        that counts and in the first version's zone (a wrong zone moves these calls a day)."""
        out = set()
        edges = [self.mfirst, self.mlast + dt.timedelta(days=1), self.wfirst, self.wlast + dt.timedelta(days=1),
                 self.rfirst, self.rlast + dt.timedelta(days=1)]
        zones = {v.latest().zone, v.versions[0].zone}
        s = local_midnight(self.wstart, ZoneInfo("UTC")) - DAY
        e = local_midnight(self.wend, ZoneInfo("UTC")) + DAY
        for zn in zones:
            z = ZoneInfo(zn)
            for d in edges:
                out.add(local_midnight(d, z))
            for t in offset_changes(z, s, e):
                out.add(t)
                d = local_day(t, z)
                out.add(local_midnight(d, z))
                out.add(local_midnight(d + dt.timedelta(days=1), z))
        return sorted(out)

    def window(self):
        z = ZoneInfo("UTC")
        return local_midnight(self.wstart, z), local_midnight(self.wend, z)

    def wait(self, v):
        rng = self.rng
        c = rng.choice(v.versions) if v.versions else Contract()
        if rng.random() < 0.55:
            T, S = c.T, c.S
            w = rng.choice([0, 0.4, S - 0.001, S - 0.5, S, S + 0.25, S - 1, T - 0.5, T, T + 0.001, T + 1, T - 1])
            return max(0, w)
        w = rng.expovariate(1 / 45)
        return round(w, rng.choice([0, 0, 1, 3]))

    def call(self, v, t, outcome=None, caller=None, weights=(55, 25, 10, 10)):
        rng = self.rng
        outcome = outcome or rng.choices(["answered", "abandoned", "timeout", "other"], weights)[0]
        self.call_n += 1
        r = {"id": f"c{self.call_n}", "entered": t, "wait": self.wait(v), "outcome": outcome, "talk": None,
             "hold": None, "wrap": None, "queue": f"q-{self.vendors.index(v) if v in self.vendors else 'g'}"
             + rng.choice(["a", "b"])}
        if caller is None:
            p = rng.random()
            caller = "" if p < 0.18 else rng.choice(self.shared_callers) if p < 0.25 else rng.choice(v.callers)
        r["caller"] = caller
        if outcome == "answered" and not v.no_talk:
            if rng.random() < 0.85:
                r["talk"] = rng.choice([0, 1, round(rng.uniform(5, 900), rng.choice([0, 2]))])
                if rng.random() < 0.5:
                    r["hold"] = round(rng.uniform(0, 120), rng.choice([0, 1]))
                if rng.random() < 0.5:
                    r["wrap"] = round(rng.uniform(0, 60), 0)
        v.calls.append(r)
        return r

    def gen_calls(self, v):
        rng = self.rng
        ws, we = self.window()
        v.callers = [f"+3712{rng.randint(1000000, 9999999)}" for _ in range(30)]
        if v.kind in ("aggregates", "none", "empty"):
            if rng.random() < 0.6:   # calls, but none in any rated period
                for _ in range(rng.randint(1, 6)):
                    self.call(v, ws - rng.randint(20 * DAY, 60 * DAY))
            return
        if v.kind == "thin":
            weights = rng.choice([(0, 40, 30, 30), (10, 40, 20, 30), (0, 0, 0, 1)])
            for _ in range(rng.randint(2, 7)):
                self.call(v, rng.randint(ws, we), weights=weights)
            return
        n = rng.randint(150, 380) if v.kind == "calls" else rng.randint(80, 250)
        weights = rng.choice([(55, 25, 10, 10), (80, 10, 5, 5), (40, 40, 10, 10)])
        for a in self.anchors(v):
            for dtt in (-30, 10, -1, 0, rng.randint(-5400, 5400)):
                if rng.random() < 0.8:
                    self.call(v, a + dtt, weights=weights)
        while len(v.calls) < n:
            self.call(v, rng.randint(ws, we), weights=weights)
        # Repeat contacts at D days −1 s / exactly / +1 s (for every D of the vendor), the same
        # second, a second later, an hour later.
        Ds = sorted({c.D for c in v.versions})
        for r in list(v.calls):
            if r["outcome"] == "answered" and r["caller"] and rng.random() < 0.2:
                D = rng.choice(Ds)
                gap = rng.choice([D * DAY - 1, D * DAY, D * DAY + 1, 0, 1, 3600, rng.randint(2, 15 * DAY)])
                self.call(v, r["entered"] + gap, caller=r["caller"], weights=weights)

    # -- aggregates --------------------------------------------------------------------------
    def agg_value(self, metric):
        rng = self.rng
        if metric in PERCENT:
            return rng.choice(["0", "100", fmt_num(round(rng.uniform(0, 100), 2)), fmt_num(round(rng.uniform(60, 99), 1))])
        if metric in ("asa", "aht"):
            return rng.choice(["0", fmt_num(round(rng.uniform(0, 600), 2))])
        return rng.choice(["0", fmt_num(round(rng.uniform(0, 10), 2))])

    def gen_aggs(self, v):
        rng = self.rng
        metrics = set()
        if v.kind == "empty":
            return
        for c in v.versions:
            for o in c.objectives:
                if o["metric"] in CALL_METRICS and v.kind != "calls":
                    metrics.add(o["metric"])
                if o["metric"].startswith("custom:") and rng.random() < 0.85:
                    metrics.add(o["metric"])
        if v.kind == "none":
            metrics = {m for m in metrics if m.startswith("custom:") and rng.random() < 0.5}
        if v.kind != "calls" and rng.random() < 0.5:
            metrics.add(rng.choice(CALL_METRICS))   # one the contract does not ask for
        if v.no_talk:
            metrics.add("aht")
        for m in sorted(metrics):
            if v.kind == "both" and m in CALL_METRICS and m != "aht" and rng.random() < 0.3:
                continue
            pattern = rng.choice(["month", "weeks", "days", "span", "mixed", "mixed", "outside"])
            spans = {}
            def add(s, e):
                spans[(s, e)] = 1
            if pattern in ("month", "mixed"):
                add(self.mfirst, self.mlast)
            if pattern in ("weeks", "mixed"):
                d = self.wstart - dt.timedelta(days=self.wstart.weekday())
                while d + dt.timedelta(days=6) <= self.wend:
                    if rng.random() < 0.85:
                        add(d, d + dt.timedelta(days=6))
                    d += dt.timedelta(days=7)
            if pattern in ("days", "mixed", "span"):
                d = self.wstart
                while d <= self.wend:
                    if rng.random() < (0.4 if pattern == "days" else 0.15):
                        add(d, d)
                    d += dt.timedelta(days=1)
            if pattern in ("span", "mixed"):
                for length in (10, 14):
                    if rng.random() < 0.7:
                        s = self.wstart + dt.timedelta(days=rng.randint(0, (self.wend - self.wstart).days - length))
                        add(s, s + dt.timedelta(days=length - 1))
            if pattern == "outside" or rng.random() < 0.2:
                pf, pl = month_bounds(self.wstart.year - (self.wstart.month == 1), (self.wstart.month - 2) % 12 + 1)
                add(pf, pl)
            with_n = rng.choice(["all", "all", "some", "none"])
            for (s, e) in spans:
                n = "" if with_n == "none" or (with_n == "some" and rng.random() < 0.25) else str(rng.randint(1, 1500))
                v.aggs.append({"metric": m, "start": s, "end": e, "value": self.agg_value(m), "n": n})

    # -- evaluations -------------------------------------------------------------------------
    def answers(self, crits, status, extra):
        rng = self.rng
        out = {}
        for c in crits:
            if status == "draft" and rng.random() < 0.3:
                continue
            if c["na"] and rng.random() < (0.5 if extra else 0.25):
                out[c["key"]] = "na"
            elif c["crit"] and rng.random() < 0.07:
                out[c["key"]] = L.zero_value(c)
            else:
                vals = L.values_for(c)
                good = vals[len(vals) // 2:] if c["type"] == "scale" else vals[:1] if c["type"] == "choice" else ["yes"]
                out[c["key"]] = rng.choice(good) if rng.random() < 0.55 else rng.choice(vals)
        return out

    def gen_evals(self, v, zone_for_anchor=True):
        rng = self.rng
        count = rng.choice([0, 0, 2, 12] if v.kind == "none" else [0] if v.kind == "empty" else [0, 1, 2, 3, 6, 12, 25, 40])
        anchors = self.anchors(v) if v.versions else []
        ws, we = self.window()
        for _ in range(count):
            status = rng.choices(["submitted", "draft", "calibration"], [75, 15, 10])[0]
            extra = rng.random() < 0.15
            crits = self.extra if extra else self.shipped
            ans = self.answers(crits, status, extra)
            p = rng.random()
            if p < 0.05:
                t = None
            elif p < 0.4 and anchors:
                t = rng.choice(anchors) + rng.choice([-30, 10, -1, 0, rng.randint(-7200, 7200)])
            else:
                t = rng.randint(ws, we)
            overall, failed, cats = L.evaluation_score(crits, ans)
            eid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            v.evals.append({"id": eid, "status": status, "time": t, "overall": overall, "cats": cats,
                            "failed": failed, "card": "ref-extra" if extra else "contact-centre-qa",
                            "answers": ans})

    def evaluations_xml(self):
        rng = self.rng
        out = [f'<?xml version="1.0" encoding="UTF-8"?>', f'<evaluations xmlns="{NS_E}">']
        allv = self.vendors + [self.ghost]
        evs = [(v, e) for v in allv for e in v.evals]
        rng.shuffle(evs)
        for v, e in evs:
            a = (f'id="{e["id"]}" scorecard="{e["card"]}"'
                 + (' scorecard-version="1"' if e["card"] == "contact-centre-qa" and rng.random() < 0.6 else "")
                 + f' status="{e["status"]}" reviewer="rev{rng.randint(1, 4)}" vendor="{xml_attr(v.name)}"'
                 f' agent="A{rng.randint(1, 6)}" call="call-{e["id"][:8]}"')
            if e["time"] is not None:
                t = e["time"]
                f = rng.random()
                if f < 0.4:
                    ct = iso_utc(t)
                elif f < 0.8:
                    ct = dt.datetime.fromtimestamp(t, v.zone_now()).isoformat()
                    if ct.endswith("+00:00") and rng.random() < 0.5:
                        ct = ct[:-6] + "Z"
                else:
                    ct = dt.datetime.fromtimestamp(t, dt.timezone(dt.timedelta(minutes=rng.choice([-570, -300, 0, 345, 600])))).isoformat()
                a += f' call-time="{ct}" scored-at="{iso_utc(t + rng.randint(3600, 30 * DAY))}"'
            out.append(f"  <evaluation {a}>")
            for k, val in e["answers"].items():
                out.append(f'    <answer criterion="{k}" value="{val}"/>')
            out.append("  </evaluation>")
        out.append("</evaluations>")
        return "\n".join(out) + "\n"

    def calls_csv(self, path):
        rng = self.rng
        cols = ["call_id", "vendor", "queue", "agent", "caller", "entered_at", "wait_s", "outcome",
                "talk_s", "hold_s", "wrap_s", "recording", "notes"]
        rng.shuffle(cols)
        rows = []
        for v in self.vendors + [self.ghost]:
            z = v.zone_now()
            for r in v.calls:
                f = rng.random()
                if f < 0.35:
                    e = iso_utc(r["entered"])
                elif f < 0.65:
                    e = dt.datetime.fromtimestamp(r["entered"], z).isoformat()
                elif f < 0.8:
                    e = dt.datetime.fromtimestamp(r["entered"], dt.timezone(dt.timedelta(minutes=rng.choice([-600, -210, 330, 840])))).isoformat()
                else:
                    e = str(r["entered"])
                s = lambda x: "" if x is None else fmt_num(x)
                rows.append({"call_id": r["id"], "vendor": v.name, "queue": r["queue"],
                             "agent": f"A{rng.randint(1, 6)}" if r["outcome"] == "answered" else "",
                             "caller": r["caller"], "entered_at": e, "wait_s": fmt_num(r["wait"]), "outcome": r["outcome"],
                             "talk_s": s(r["talk"]), "hold_s": s(r["hold"]), "wrap_s": s(r["wrap"]),
                             "recording": "", "notes": rng.choice(["", "=1+1", "x, y"])})
        rng.shuffle(rows)
        with open(path, "w", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\r\n")
            w.writeheader()
            w.writerows(rows)
        # What was written is what counts: read the numbers back as the importer does.
        for v in self.vendors + [self.ghost]:
            for r in v.calls:
                r["wait"] = Fraction(fmt_num(r["wait"]))
                for k in ("talk", "hold", "wrap"):
                    if r[k] is not None:
                        r[k] = Fraction(fmt_num(r[k]))

    def metrics_csv(self, path):
        rows = [(v.name, a["start"].isoformat(), a["end"].isoformat(), a["metric"], a["value"], a["n"])
                for v in self.vendors for a in v.aggs]
        self.rng.shuffle(rows)
        with open(path, "w", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["vendor", "period_start", "period_end", "metric", "value", "n"])
            w.writerows(rows)
        return len(rows)

    def generate(self):
        self.vendors_and_contracts()
        for v in self.vendors:
            self.gen_calls(v)
            self.gen_aggs(v)
            self.gen_evals(v)
        g = Vendor(GHOST, "ghost", "UTC")
        g.callers = ["+10000000001"]
        self.ghost = g
        ws, we = self.window()
        for _ in range(6):
            self.call(g, self.rng.randint(ws, we))
        self.gen_evals(g)


# ------------------------------------------------------------------------------------------
# The reference rating (SPEC §4.3, §4.4, §5.2, DECISIONS)
# ------------------------------------------------------------------------------------------

def kpis(v, c, first, last, zone):
    recs = [r for r in v.calls if first <= local_day(r["entered"], zone) <= last]
    if not recs:
        return 0, {}
    T, S, D = c.T, c.S, c.D
    A = [r for r in recs if r["outcome"] == "answered"]
    B = [r for r in recs if r["outcome"] == "timeout" or (r["outcome"] == "abandoned" and not r["wait"] < S)]
    a, b = len(A), len(B)
    at = sum(1 for r in A if r["wait"] <= T)
    bt = sum(1 for r in B if r["wait"] <= T)
    sl = {"answered": (at, a), "abandons-negative": (at, a + b),
          "abandons-ignored": (at, a + b - bt), "abandons-positive": (at + bt, a + b)}[c.formula]
    out = {}

    def prop(key, x, n):
        if n:
            lo, hi = L.wilson(x, n)
            out[key] = (Fraction(100 * x, n), n, lo, hi)

    prop("service-level", *sl)
    prop("abandon-rate", b, a + b)
    if a:
        out["asa"] = (sum((r["wait"] for r in A), Fraction(0)) / a, a, None, None)
    handled = [r for r in A if r["talk"] is not None]
    if handled:
        out["aht"] = (sum((r["talk"] + (r["hold"] or 0) + (r["wrap"] or 0) for r in handled), Fraction(0))
                      / len(handled), len(handled), None, None)
    base = [r for r in A if r["caller"]]
    if base:
        later = {}
        for r in v.calls:
            if r["caller"]:
                later.setdefault(r["caller"], []).append(r["entered"])
        ok = sum(1 for r in base if not any(r["entered"] < t <= r["entered"] + D * DAY for t in later[r["caller"]]))
        prop("fcr", ok, len(base))
    return len(recs), out


def aggregate(v, metric, first, last):
    cands = [a for a in v.aggs if a["metric"] == metric and a["start"] >= first and a["end"] <= last]
    if not cands:
        return None
    whole = [a for a in cands if a["start"] == first and a["end"] == last]
    if whole:
        chosen = whole
    else:
        length = lambda a: (a["end"] - a["start"]).days
        cands.sort(key=lambda a: -length(a))
        for i, a in enumerate(cands):
            for b in cands[i + 1:]:
                if length(a) == length(b) and not (a["end"] < b["start"] or b["end"] < a["start"]):
                    raise Internal(f"aggregates of equal length overlap ({a}, {b}): order not decided")
        chosen = []
        for a in cands:
            if any(not (a["end"] < b["start"] or b["end"] < a["start"]) for b in chosen):
                continue
            chosen.append(a)
    if all(a["n"] != "" for a in chosen):
        n = sum(int(a["n"]) for a in chosen)
        value = sum((Fraction(a["value"]) * int(a["n"]) for a in chosen), Fraction(0)) / n
    else:
        n = None
        value = sum((Fraction(a["value"]) for a in chosen), Fraction(0)) / len(chosen)
    lo = hi = None
    if metric in PERCENT and n:
        lo, hi = L.wilson(value * n / 100, n)
    return value, n, lo, hi


class Internal(Exception):
    pass


def rate(v, first, last):
    """The expected detail rows {metric: row} and the facts the summary needs."""
    zone = v.zone_now()
    c = v.in_force(first)
    offered, k = kpis(v, c, first, last, zone)
    evs = [e for e in v.evals if e["status"] == "submitted" and e["time"] is not None
           and first <= local_day(e["time"], zone) <= last]
    rows = {}
    for o in c.objectives:
        m = o["metric"]
        t = Fraction(o["target"])
        higher = o["direction"] != "lower" and m not in ("abandon-rate", "asa", "aht")
        row = {"metric": m, "target": t, "weight": Fraction(o["weight"]), "credit": Fraction(o["credit"] or "0"),
               "higher": higher, "qa": m.startswith("qa-"), "actual": None, "n": None, "ci_low": None,
               "ci_high": None, "source": "none"}
        if m in CALL_METRICS:
            # SPEC §4.4 (docs/DECISIONS.md): the call records where the vendor has any in
            # the period — a KPI they leave undefined has no data — aggregates otherwise.
            if offered > 0:
                if m in k:
                    row["actual"], row["n"], row["ci_low"], row["ci_high"] = k[m]
                    row["source"] = "calls"
            else:
                ag = aggregate(v, m, first, last)
                if ag:
                    row["actual"], row["n"], row["ci_low"], row["ci_high"] = ag
                    row["source"] = "metrics"
        elif m.startswith("custom:"):
            ag = aggregate(v, m, first, last)
            if ag:
                row["actual"], row["n"], row["ci_low"], row["ci_high"] = ag
                row["source"] = "metrics"
        else:
            key = m[3:]
            scores = [e["overall"] for e in evs if e["overall"] is not None] if key == "overall" else \
                [e["cats"][key] for e in evs if key in e["cats"]]
            row["qa_n"] = len(scores)
            if scores:
                row["actual"], row["ci_low"], row["ci_high"] = L.mean_ci(scores)
                row["n"] = len(scores)
                row["source"] = "evaluations"
        a = row["actual"]
        if a is not None:
            # Exact: actuals, targets and scores are Fractions, so met and the grade are
            # decided as SPEC §5.2 states them, not at the mercy of rounding.
            row["score"] = L.attainment(a, t, higher)
            row["met"] = L.is_met(a, t, higher)
            if row["qa"] and row["ci_low"] is not None:
                row["s_low"] = float(L.attainment(row["ci_low"], float(t), higher))
                row["s_high"] = float(L.attainment(row["ci_high"], float(t), higher))
            else:
                row["s_low"] = row["s_high"] = float(row["score"])
        else:
            row["score"] = row["met"] = None
        rows[m] = row
    return c, offered, len(evs), rows


def summarize(c, rows):
    """Summary cells from the expected detail rows."""
    data = [r for r in rows.values() if r["actual"] is not None]
    wsum = sum((r["weight"] for r in data), Fraction(0))
    out = {}
    if data:
        w = lambda r: float(r["weight"])
        R = sum((r["weight"] * r["score"] for r in data), Fraction(0)) / wsum
        out["rating"] = R
        out["rating_low"] = math.fsum(w(r) * r["s_low"] for r in data) / float(wsum)
        out["rating_high"] = math.fsum(w(r) * r["s_high"] for r in data) / float(wsum)
        grades = sorted(((Fraction(m), n) for n, m in c.grade_list()), reverse=True)
        out["grade"] = next(n for m, n in grades if m <= R)
    else:
        out["rating"] = out["rating_low"] = out["rating_high"] = None
        out["grade"] = ""
    out["objectives_met"] = sum(1 for r in data if r["met"])
    out["objectives_total"] = len(rows)
    credits = sum((r["credit"] for r in data if r["met"] is False), Fraction(0))
    if c.cap is not None:
        credits = min(credits, Fraction(c.cap))
    out["credits_pct"] = float(credits)
    flags = set()
    if any(r["qa"] and r.get("qa_n", 0) < c.minimum() for r in rows.values()):
        flags.add("small-sample")
    total = sum((r["weight"] for r in rows.values()), Fraction(0))
    if total - wsum > total / 2:
        flags.add("incomplete")
    out["flags"] = flags
    return out


# ------------------------------------------------------------------------------------------
# Running rubric-cli and comparing
# ------------------------------------------------------------------------------------------

class Failed(Exception):
    pass


class Runner:
    def __init__(self, cli, db):
        self.cli, self.db = cli, db
        self.count = 0

    def __call__(self, *args, ok=(0,)):
        self.count += 1
        p = subprocess.run([self.cli, "--db", self.db, *args], capture_output=True, text=True)
        if p.returncode not in ok:
            raise Failed(f"`rubric-cli --db DB {shlex.join(args)}` exited with {p.returncode}:\n    "
                         + p.stderr.strip().replace("\n", "\n    "))
        return p


def parse_csv(text, header, what):
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise Failed(f"{what}: no output at all (SPEC §8.6 wants a header row)")
    if rows[0] != header:
        raise Failed(f"{what}: header is {','.join(rows[0])!r}, SPEC §8.6 says {','.join(header)!r}")
    for r in rows[1:]:
        if len(r) != len(header):
            raise Failed(f"{what}: row {r!r} has {len(r)} cells, not {len(header)}")
    return [dict(zip(header, r)) for r in rows[1:]], rows[1:]


class Checker:
    def __init__(self):
        self.problems = []   # (period, vendor, metric, column, expected, got)
        self.cells = 0
        self.notes = set()

    def bad(self, period, vendor, metric, column, want, got):
        self.problems.append((period, vendor, metric, column, want, got))

    def number(self, period, vendor, metric, col, got, want, tol):
        self.cells += 1
        if want is None:
            if got != "":
                self.bad(period, vendor, metric, col, "(empty)", got)
            return
        want = float(want)
        try:
            ok = got != "" and abs(float(got) - want) <= tol and not got.startswith("'")
        except ValueError:
            ok = False
        if not ok:
            self.bad(period, vendor, metric, col, repr(want) if tol < 1e-6 else f"{want:.4f}", got or "(empty)")

    def exact(self, period, vendor, metric, col, got, want):
        self.cells += 1
        if got != want:
            self.bad(period, vendor, metric, col, want if want != "" else "(empty)", got if got != "" else "(empty)")

    def detail(self, period, v, row, want):
        """One detail row against the reference."""
        name = v.name
        m = want["metric"]
        self.exact(period, name, m, "metric", row["metric"], m)
        self.number(period, name, m, "target", row["target"], want["target"], TOLX)
        self.number(period, name, m, "weight", row["weight"], float(want["weight"]), TOLX)
        self.number(period, name, m, "actual", row["actual"], want["actual"], TOL4)
        self.number(period, name, m, "ci_low", row["ci_low"], want["ci_low"], TOL4)
        self.number(period, name, m, "ci_high", row["ci_high"], want["ci_high"], TOL4)
        self.number(period, name, m, "score", row["score"], want["score"], TOL2)
        self.exact(period, name, m, "source", row["source"], want["source"])
        self.cells += 1
        if want["n"] is None:
            # The SPEC does not say whether an objective without data shows n empty or 0.
            if want["source"] == "none" and row["n"] in ("", "0"):
                self.notes.add(f"n of an objective without data is written {row['n'] or '(empty)'!s}")
            elif row["n"] != "":
                self.bad(period, name, m, "n", "(empty)", row["n"])
        elif row["n"] != str(want["n"]):
            self.bad(period, name, m, "n", str(want["n"]), row["n"] or "(empty)")
        self.exact(period, name, m, "met", row["met"], "" if want["met"] is None else "true" if want["met"] else "false")

    def summary(self, period, v, row, c, s, first, last, offered, evaluations):
        name = v.name
        self.exact(period, name, "-", "vendor", row["vendor"], csv_cell(name))
        self.exact(period, name, "-", "period_start", row["period_start"], first.isoformat())
        self.exact(period, name, "-", "period_end", row["period_end"], last.isoformat())
        for col in ("rating", "rating_low", "rating_high"):
            self.number(period, name, "-", col, row[col], s[col], TOL2)
        self.exact(period, name, "-", "grade", row["grade"], s["grade"])
        self.exact(period, name, "-", "objectives_met", row["objectives_met"], str(s["objectives_met"]))
        self.exact(period, name, "-", "objectives_total", row["objectives_total"], str(s["objectives_total"]))
        self.number(period, name, "-", "credits_pct", row["credits_pct"], s["credits_pct"], TOLX)
        self.exact(period, name, "-", "evaluations", row["evaluations"], str(evaluations))
        self.exact(period, name, "-", "calls", row["calls"], str(offered))
        self.cells += 1
        got_flags = [f for f in row["flags"].split(";") if f]
        if set(got_flags) != s["flags"] or len(got_flags) != len(set(got_flags)):
            self.bad(period, name, "-", "flags", ";".join(sorted(s["flags"], reverse=True)) or "(empty)",
                     row["flags"] or "(empty)")


def crosscheck(run, gen, checker):
    """Development aid (RATING_REF_CROSSCHECK=1): the data as this script understands it against
    `rubric-cli kpis` and `evaluations export`, which have references of their own."""
    cols = {"service-level": "service_level", "abandon-rate": "abandon_rate", "asa": "asa", "aht": "aht", "fcr": "fcr"}
    for period, first, last in gen.periods:
        for v in gen.vendors:
            c = v.in_force(first)
            offered, k = kpis(v, c, first, last, v.zone_now())
            p = run("kpis", "--vendor", v.name, "--period", period, "--format", "csv")
            rows, _ = parse_csv(p.stdout, p.stdout.splitlines()[0].split(","), "kpis")
            r = rows[0]
            checker.exact(period, v.name, "kpis", "offered", r["offered"], str(offered))
            for m, col in cols.items():
                checker.number(period, v.name, "kpis", col, r[col], k[m][0] if m in k else None, TOL4)
    p = run("evaluations", "export", "--format", "csv")
    got = {r["id"]: r for r in csv.DictReader(io.StringIO(p.stdout))}
    for v in gen.vendors:
        for e in v.evals:
            r = got[e["id"]]
            checker.number("export", v.name, e["id"], "score", r["score"], e["overall"], TOL2)
            for cat in ("resolution", "ownership", "policy", "documentation"):
                checker.number("export", v.name, e["id"], "score_" + cat, r["score_" + cat], e["cats"].get(cat), TOL2)


def find_scorecard(run):
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "..", "data", "scorecards", "contact-centre-qa.xml")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    return run("scorecard", "export", "contact-centre-qa").stdout


def main():
    if len(sys.argv) < 2:
        print("usage: rating-reference.py RUBRIC-CLI [SEED]", file=sys.stderr)
        return 2
    cli = os.path.abspath(sys.argv[1])
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 21
    started = time.monotonic()
    try:
        L.self_test()
    except AssertionError as e:
        print(f"rating-reference: self-test failed: {e}", file=sys.stderr)
        return 2
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix=f"rating-ref-{seed}-")
    db = os.path.join(tmp, "ratings.db")
    run = Runner(cli, db)
    checker = Checker()
    gen = None
    try:
        run("init")
        gen = Generator(rng, L.load_scorecard(find_scorecard(run)))
        gen.generate()
        with open(os.path.join(tmp, "extra-scorecard.xml"), "w") as fh:
            fh.write(EXTRA_SCORECARD)
        run("scorecard", "import", os.path.join(tmp, "extra-scorecard.xml"))
        paths = []
        for i, v in enumerate(gen.vendors):
            for j, c in enumerate(v.versions):
                p = os.path.join(tmp, f"contract-{i}-{j}.xml")
                with open(p, "w", encoding="utf-8") as fh:
                    fh.write(c.xml(v.name))
                paths.append(p)
        rng.shuffle(paths)
        contracts_first = rng.random() < 0.5

        def contracts():
            for p in paths:
                run("contract", "import", p)

        if contracts_first:
            contracts()
        calls_path = os.path.join(tmp, "calls.csv")
        gen.calls_csv(calls_path)
        run("calls", "import", calls_path)
        metrics_path = os.path.join(tmp, "metrics.csv")
        if gen.metrics_csv(metrics_path):
            run("metrics", "import", metrics_path)
        evs_path = os.path.join(tmp, "evaluations.xml")
        with open(evs_path, "w", encoding="utf-8") as fh:
            fh.write(gen.evaluations_xml())
        run("evaluations", "import", evs_path)
        if not contracts_first:
            contracts()   # time zones set after the calls: the days must follow

        if os.environ.get("RATING_REF_CROSSCHECK"):
            crosscheck(run, gen, checker)
        by_cell = {csv_cell(v.name): v for v in gen.vendors}
        order = sorted(gen.vendors, key=lambda v: v.name.encode("utf-8"))
        for period, first, last in gen.periods:
            p = run("ratings", "--period", period, "--format", "csv")
            srows, sraw = parse_csv(p.stdout, SUMMARY, f"ratings --period {period}")
            p = run("ratings", "--period", period, "--detail", "--format", "csv")
            drows, draw = parse_csv(p.stdout, DETAIL, f"ratings --period {period} --detail")
            got_names = [r["vendor"] for r in srows]
            want_names = [csv_cell(v.name) for v in order]
            if got_names != want_names:
                checker.bad(period, "*", "-", "rows (vendors, in name order)", " | ".join(want_names),
                            " | ".join(got_names))
            # The formula-like name, explicitly (SPEC §8.6).
            for v in gen.vendors:
                if v.name[0] in "=+-@":
                    cells = [r[0] for r in sraw if r[0].lstrip("'") == v.name]
                    if cells != ["'" + v.name]:
                        checker.bad(period, v.name, "-", "vendor cell (formula guard)", "'" + v.name,
                                    " | ".join(cells) or "(no row)")
            details = {}
            for r in drows:
                details.setdefault(r["vendor"], []).append(r)
            for r in drows:
                if r["vendor"] not in by_cell:
                    checker.bad(period, r["vendor"], r["metric"], "detail row", "(no such vendor with a contract)", "a row")
            for srow in srows:
                v = by_cell.get(srow["vendor"])
                if v is None:
                    checker.bad(period, srow["vendor"], "-", "summary row", "(no such vendor with a contract)", "a row")
                    continue
                c, offered, nevals, want_rows = rate(v, first, last)
                got_rows = details.get(srow["vendor"], [])
                seen = set()
                for r in got_rows:
                    m = r["metric"]
                    if m in seen or m not in want_rows:
                        checker.bad(period, v.name, m, "detail row", "(none: not an objective, or twice)", "a row")
                        continue
                    seen.add(m)
                    if r["period_start"] != first.isoformat() or r["period_end"] != last.isoformat():
                        checker.bad(period, v.name, m, "period", f"{first}..{last}", f"{r['period_start']}..{r['period_end']}")
                    checker.detail(period, v, r, want_rows[m])
                for m in want_rows:
                    if m not in seen:
                        checker.bad(period, v.name, m, "detail row", "a row", "(missing)")
                checker.summary(period, v, srow, c, summarize(c, want_rows), first, last, offered, nevals)
            # --vendor NAME gives the same rows for that vendor alone.
            for v in gen.vendors:
                cell = csv_cell(v.name)
                for extra, raw, header in (([], sraw, SUMMARY), (["--detail"], draw, DETAIL)):
                    p = run("ratings", "--vendor", v.name, "--period", period, *extra, "--format", "csv")
                    _, alone = parse_csv(p.stdout, header, f"ratings --vendor {v.name!r} --period {period} {' '.join(extra)}")
                    want = [r for r in raw if r[0] == cell]
                    if alone != want:
                        checker.bad(period, v.name, "-", f"--vendor {' '.join(extra)}".strip(),
                                    f"{len(want)} rows as without --vendor", f"{len(alone)} rows: {alone[:2]!r}")
    except Failed as e:
        checker.problems.append(("rubric-cli", "", "", "", "", str(e)))
    except Internal as e:
        print(f"rating-reference: internal inconsistency: {e}", file=sys.stderr)
        return 2

    elapsed = time.monotonic() - started
    stats = ""
    if gen and gen.vendors:
        stats = (f"{len(gen.vendors)} vendors, {sum(len(v.calls) for v in gen.vendors)} calls, "
                 f"{sum(len(v.aggs) for v in gen.vendors)} aggregates, {sum(len(v.evals) for v in gen.vendors)} evaluations; "
                 f"periods {', '.join(p for p, _, _ in gen.periods)}")
    stats = f"seed {seed}: {stats}; {checker.cells} cells, {run.count} rubric-cli runs, {elapsed:.1f} s"
    if checker.problems:
        err = sys.stderr
        print(f"rating-reference: rubric-cli disagrees with SPEC §5 + DECISIONS ({stats})", file=err)
        for per, vendor, metric, col, want, got in checker.problems[:25]:
            if per == "rubric-cli":
                print(f"- {got}", file=err)
            else:
                print(f"- {per} | vendor {vendor!r} | {metric} | {col}: expected {want}, got {got}", file=err)
        if len(checker.problems) > 25:
            print(f"  ... and {len(checker.problems) - 25} more", file=err)
        if gen:
            shown = {p[1] for p in checker.problems[:25]}
            for v in gen.vendors:
                if v.name in shown:
                    print(f"  {v.name!r} ({v.kind}, zone {v.zone_now().key}):", file=err)
                    for c in v.versions:
                        print(f"    contract {c.brief()}", file=err)
        print(f"  files kept in {tmp} (contract-*.xml, calls.csv, metrics.csv, evaluations.xml, ratings.db)", file=err)
        return 1
    for n in sorted(checker.notes):
        print(f"note: {n}")
    print(f"rating-reference: all agree: {stats}")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
