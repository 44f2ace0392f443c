# rating_ref_lib.py — numerics and scoring for rating-reference.py, from the SPEC text alone
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Student's t quantile (SPEC §3.3), the Wilson score interval (§3.3, §5.2), evaluation scores
# (§3.1, §3.2) and the attainment score of an objective (§5.2 with docs/DECISIONS.md).
# Standard library only; nobody read src/core to write it.
import math
import xml.etree.ElementTree as ET
from fractions import Fraction

Z95 = 1.959963984540054
NS_S = "urn:rubric:scorecard:1"


# ------------------------------------------------------------------------------------------
# Student's t
# ------------------------------------------------------------------------------------------

def _betacf(a, b, x):
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    if abs(d) < tiny:
        d = tiny
    d = 1.0 / d
    h = d
    for m in range(1, 10000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = tiny if abs(d) < tiny else d
        c = 1.0 + aa / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = tiny if abs(d) < tiny else d
        c = 1.0 + aa / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-16:
            break
    return h


def betainc(a, b, x):
    """Regularised incomplete beta I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    lbt = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(lbt) * _betacf(a, b, x) / a
    return 1.0 - math.exp(lbt) * _betacf(b, a, 1.0 - x) / b


def t_cdf(t, df):
    x = df / (df + t * t)
    tail = 0.5 * betainc(df / 2.0, 0.5, x)
    return 1.0 - tail if t >= 0 else tail


def t_quantile(p, df):
    """The p quantile (p > 0.5) of Student's t with df degrees of freedom, by bisection."""
    lo, hi = 0.0, 1.0
    while t_cdf(hi, df) < p:
        hi *= 2.0
    for _ in range(200):
        mid = (lo + hi) / 2.0
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-13:
            break
    return (lo + hi) / 2.0


T_KNOWN = {1: 12.7062047, 2: 4.30265273, 10: 2.22813885, 30: 2.04227246, 100: 1.98397152}


def self_test():
    for df, want in T_KNOWN.items():
        got = t_quantile(0.975, df)
        if abs(got - want) > 1e-6:
            raise AssertionError(f"t quantile df={df}: {got} != {want}")
    lo, hi = wilson(0, 10)
    assert abs(lo) < 1e-12 and abs(hi - 27.7532799) < 1e-5, (lo, hi)
    lo, hi = wilson(5, 10)
    assert abs(lo - 23.6593) < 1e-3 and abs(hi - 76.3407) < 1e-3, (lo, hi)


def mean_ci(values):
    """Mean (exact, of Fractions), and the 95 % Student-t interval clipped to [0, 100]
    (floats; None when n < 2)."""
    n = len(values)
    if n == 0:
        return None, None, None
    m = sum(values, Fraction(0)) / n
    if n < 2:
        return m, None, None
    s = math.sqrt(float(sum(((v - m) ** 2 for v in values), Fraction(0)) / (n - 1)))
    h = t_quantile(0.975, n - 1) * s / math.sqrt(n)
    return m, max(0.0, float(m) - h), min(100.0, float(m) + h)


def wilson(x, n):
    """95 % Wilson score interval of x successes out of n, in percent (None for n = 0)."""
    if not n:
        return None, None
    x, n = float(x), float(n)
    p = x / n
    z2 = Z95 * Z95
    den = 1.0 + z2 / n
    centre = (p + z2 / (2.0 * n)) / den
    half = Z95 * math.sqrt(max(0.0, p * (1.0 - p) / n + z2 / (4.0 * n * n))) / den
    return 100.0 * (centre - half), 100.0 * (centre + half)


# ------------------------------------------------------------------------------------------
# Scorecards and evaluation scores (SPEC §3.1, §3.2)
# ------------------------------------------------------------------------------------------

def load_scorecard(text):
    """Criteria of a scorecard document: dicts key, cat, w, type, min, max, opts, na, crit."""
    root = ET.fromstring(text)
    q = lambda tag: f"{{{NS_S}}}{tag}"
    crits = []
    for sec in root.iter(q("section")):
        for c in sec.iter(q("criterion")):
            t = c.get("type")
            crit = {"key": c.get("key"), "cat": c.get("category") or sec.get("key"),
                    "w": Fraction(c.get("weight", "1").strip()), "type": t,
                    "na": c.get("na", "false").strip() in ("true", "1"),
                    "crit": c.get("critical", "false").strip() in ("true", "1")}
            if t == "scale":
                crit["min"], crit["max"] = int(c.get("min", "1")), int(c.get("max", "5"))
            if t == "choice":
                crit["opts"] = [(o.get("key"), Fraction(o.get("credit").strip())) for o in c.iter(q("option"))]
            crits.append(crit)
    return crits


def values_for(c):
    if c["type"] == "yes-no":
        return ["yes", "no"]
    if c["type"] == "scale":
        return [str(x) for x in range(c["min"], c["max"] + 1)]
    return [k for k, _ in c["opts"]]


def zero_value(c):
    """A value with credit 0, or None."""
    for v in values_for(c):
        if credit(c, v) == 0:
            return v
    return None


def credit(c, v):
    """Exact (a Fraction)."""
    if c["type"] == "yes-no":
        return Fraction(1 if v == "yes" else 0)
    if c["type"] == "scale":
        return Fraction(int(v) - c["min"], c["max"] - c["min"])
    return dict(c["opts"])[v]


def evaluation_score(crits, answers):
    """(overall or None, auto_failed, {category: score}) — SPEC §3.2, exact (Fractions)."""
    num = den = Fraction(0)
    cats = {}
    failed = False
    for c in crits:
        v = answers.get(c["key"])
        if v is None or v == "na":
            continue
        w, cr = c["w"], credit(c, v)
        num += w * cr
        den += w
        n, d = cats.get(c["cat"], (Fraction(0), Fraction(0)))
        cats[c["cat"]] = (n + w * cr, d + w)
        if c["crit"] and cr == 0:
            failed = True
    overall = Fraction(0) if failed else (100 * num / den if den > 0 else None)
    return overall, failed, {k: 100 * n / d for k, (n, d) in cats.items() if d > 0}


# ------------------------------------------------------------------------------------------
# Attainment (SPEC §5.2, DECISIONS "Edges")
# ------------------------------------------------------------------------------------------

def attainment(a, t, higher):
    """Exact when a and t are Fractions."""
    if higher:
        if t == 0:
            return 100
        return 100 * min(1, a / t)
    if a == 0:
        return 100
    if t == 0:
        return 0
    return 100 * min(1, t / a)


def is_met(a, t, higher):
    return a >= t if higher else a <= t
