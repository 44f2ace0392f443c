#!/usr/bin/env python3
# gen-trends-data.py — seeded random input files for the agent-trends reference (SPEC §6)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes, into OUTDIR, the real input files of rubric-cli (SPEC §8), in the order they are to be
# imported (OUTDIR/manifest.txt: one "KIND FILE" a line, KIND being the rubric-cli command):
#   - scorecards (§8.1): `ref-trends` version 1 and a changed version 2 (a criterion moves to
#     another category, another one stops allowing N/A), and `ref-short` whose criteria all allow
#     N/A; the four standard categories and custom ones (`empathy`, `tone-2`), yes-no, scale and
#     choice criteria, a critical one;
#   - contracts (§8.5) of two vendors in zones with daylight saving on different days
#     (Europe/Riga, America/St_Johns) with repeat-contact days; Riga has two versions whose D
#     differs (the one in force at the call's local day counts);
#   - an agents CSV (§8.7) with teams (one team name at three vendors, agents without a team, an
#     agent never evaluated, a vendor known only from it), then evaluations, then a second agents
#     CSV that moves agents to another team / to none;
#   - call records (§8.3) with callers, repeat contacts at D days −1 s / exactly / +1 s, the
#     same second, several records of one call id (the closest to the evaluation's call time
#     counts; ties at ±s), unanswered ones, records without caller, an agent known only from calls;
#   - evaluations (§8.2) submitted, draft (with gaps), calibration, without call time, without
#     reviewer, all N/A, auto-failed; call times at local week/month/year edges and around the
#     daylight-saving changes of both zones, written in UTC or with an offset.
#
# Usage: gen-trends-data.py SEED OUTDIR [N-EVALUATIONS]
import datetime as dt
import os
import random
import sys
import uuid
from zoneinfo import ZoneInfo

NS_S = "urn:rubric:scorecard:1"
NS_C = "urn:rubric:contract:1"
NS_E = "urn:rubric:evaluations:1"
UTC = dt.timezone.utc
DAY = 86400

# Criteria: key, category, weight, type, extra, na, critical
CARD_V1 = [
    ("res-fixed", "resolution", "3", "yes-no", None, True, False),
    ("res-next", "resolution", "1", "scale", (1, 5), False, False),
    ("own-care", "ownership", "2", "choice", [("full", "1"), ("partial", "0.5"), ("none", "0")], True, False),
    ("pol-verify", "policy", "2", "yes-no", None, True, True),
    ("doc-notes", "documentation", "1.5", "scale", (0, 4), True, False),
    ("emp-tone", "empathy", "1", "choice", [("warm", "1"), ("flat", "0.25"), ("cold", "0")], True, False),
    ("move-me", "ownership", "0.75", "yes-no", None, False, False),
]
CARD_V2 = [
    ("res-fixed", "resolution", "3", "yes-no", None, True, False),
    ("res-next", "resolution", "1", "scale", (1, 5), False, False),
    ("own-care", "ownership", "2", "choice", [("full", "1"), ("partial", "0.5"), ("none", "0")], False, False),
    ("pol-verify", "policy", "2", "yes-no", None, True, True),
    ("doc-notes", "documentation", "1.5", "scale", (0, 4), True, False),
    ("emp-tone", "empathy", "1", "choice", [("warm", "1"), ("flat", "0.25"), ("cold", "0")], True, False),
    ("move-me", "documentation", "0.75", "yes-no", None, False, False),
]
CARD_SHORT = [
    ("res-fixed", "resolution", "1", "yes-no", None, True, True),
    ("tone", "tone-2", "2", "scale", (1, 3), True, False),
]

VENDORS = {
    # name: (zone or None, agents [(id, team in agents-1.csv or None when not listed, evaluated)])
    "Baltic Voice": "Europe/Riga",
    "Newfound Desk": "America/St_Johns",
}
AGENTS_1 = [  # vendor, agent, name, team
    ("Baltic Voice", "Agent/10", "Anna Ozola", "Alpha"),
    ("Baltic Voice", "Agent/9", "Juris Berzins", "Alpha"),
    ("Baltic Voice", "PJSIP/401", "", "Beta Team"),
    ("Baltic Voice", "dorit", "Dorit", ""),
    ("Baltic Voice", "Agent/1001", "Ilze", "Beta Team"),
    ("Baltic Voice", "zz-ghost", "Never Evaluated", "Alpha"),
    ("Newfound Desk", "Agent/1001", "Mary Walsh", "Alpha"),
    ("Newfound Desk", "N-3", "", "Alpha"),
    ("Newfound Desk", "n-4", "Kevin", "Gamma, \"G\""),
    ("Idle Co", "idle-1", "Idle One", "Alpha"),
]
AGENTS_2 = [  # the second file: a move to another team, a move to no team, a name change
    ("Baltic Voice", "Agent/9", "Juris Berzins", "Beta Team"),
    ("Baltic Voice", "PJSIP/401", "Peteris", ""),
    ("Newfound Desk", "N-3", "Nora", "Alpha"),
]
EVALUATED = {
    "Baltic Voice": ["Agent/10", "Agent/9", "PJSIP/401", "dorit", "Agent/1001", "Agent/2"],
    "Newfound Desk": ["Agent/1001", "N-3", "n-4", "\u00c1gata"],
}
CALLS_ONLY_AGENT = ("Baltic Voice", "Agent/77")
QUEUES = {"Baltic Voice": ["riga-1", "riga-2"], "Newfound Desk": ["sj-1", "sj-2"]}
REVIEWERS = ["ana", "bob", "Zoe", "\u00e9dgar", "mia"]
WINDOWS = [(dt.date(2026, 9, 7), dt.date(2027, 1, 17)), (dt.date(2026, 2, 23), dt.date(2026, 4, 12))]


def xml_attr(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def csv_cell(s):
    if any(c in s for c in ',"\n\r'):
        return '"' + s.replace('"', '""') + '"'
    return s


def scorecard_xml(key, version, crits):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<scorecard xmlns="{NS_S}" key="{key}" version="{version}">', f"  <title>{key}</title>",
           '  <section key="main">', "    <title>Main</title>"]
    for k, cat, w, t, extra, na, crit in crits:
        a = f'key="{k}" category="{cat}" weight="{w}" type="{t}"'
        if t == "scale":
            a += f' min="{extra[0]}" max="{extra[1]}"'
        a += f' na="{"true" if na else "false"}" critical="{"true" if crit else "false"}"'
        out.append(f"    <criterion {a}>")
        out.append(f"      <text>{k}</text>")
        if t == "choice":
            for ok, cr in extra:
                out.append(f'      <option key="{ok}" credit="{cr}"><label>{ok}</label></option>')
        out.append("    </criterion>")
    out += ["  </section>", "</scorecard>", ""]
    return "\n".join(out)


def values(c):
    k, cat, w, t, extra, na, crit = c
    if t == "yes-no":
        v = ["yes", "no"]
    elif t == "scale":
        v = [str(x) for x in range(extra[0], extra[1] + 1)]
    else:
        v = [o for o, _ in extra]
    return v


def local_midnight(day, zone):
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=zone).timestamp())


def dst_changes(zone, start, end):
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


def edge_instants(zone):
    """Local midnights of ISO weeks and months (and the year) and the DST changes, ± a little."""
    pts = []
    for first, last in WINDOWS:
        d = first
        while d <= last:
            if d.weekday() == 0 or d.day == 1:
                m = local_midnight(d, zone)
                pts += [m - 1, m, m + 1, m - 1800, m + 3599]
            d += dt.timedelta(days=1)
        s, e = local_midnight(first, zone), local_midnight(last, zone)
        for c in dst_changes(zone, s, e):
            pts += [c - 1, c, c + 1, c - 3600, c + 3600, c + 1800]
            # the local midnight of the days around the change
            day = dt.datetime.fromtimestamp(c, zone).date()
            for k in (-1, 0, 1):
                m = local_midnight(day + dt.timedelta(days=k), zone)
                pts += [m - 1, m]
    return pts


def iso(t, rng):
    """An instant in UTC (Z) or with some offset (same instant)."""
    if rng.random() < 0.7:
        return dt.datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    off = rng.choice([-210, -150, 0, 120, 180, 330, 840, -600])
    return dt.datetime.fromtimestamp(t, dt.timezone(dt.timedelta(minutes=off))).isoformat()


def main():
    seed = int(sys.argv[1])
    outdir = sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 700
    rng = random.Random(seed)
    os.makedirs(outdir, exist_ok=True)
    manifest = []

    def write(name, text, kind):
        with open(os.path.join(outdir, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)
        manifest.append(f"{kind} {name}")

    write("scorecard-ref-trends-1.xml", scorecard_xml("ref-trends", 1, CARD_V1), "scorecard")
    write("scorecard-ref-trends-2.xml", scorecard_xml("ref-trends", 2, CARD_V2), "scorecard")
    write("scorecard-ref-short.xml", scorecard_xml("ref-short", 1, CARD_SHORT), "scorecard")
    cards = {("ref-trends", 1): CARD_V1, ("ref-trends", 2): CARD_V2, ("ref-short", 1): CARD_SHORT}

    # Contracts. Riga: two versions with different repeat-contact days (same zone).
    d_riga = (rng.randint(1, 4), rng.randint(2, 6))
    riga_switch = dt.date(2026, 10, rng.randint(10, 28))
    d_sj = rng.randint(1, 5)
    contracts = [
        ("contract-baltic-1.xml", "Baltic Voice", "Europe/Riga", None, d_riga[0]),
        ("contract-baltic-2.xml", "Baltic Voice", "Europe/Riga", riga_switch, d_riga[1]),
        # From mid-March: calls before it have no contract in force (D = 7 for resolution).
        ("contract-newfound.xml", "Newfound Desk", "America/St_Johns", dt.date(2026, 3, 15), d_sj),
    ]
    if rng.random() < 0.5:   # the later version first: import order must not matter
        contracts[0], contracts[1] = contracts[1], contracts[0]
    for name, vendor, zone, vf, days in contracts:
        vfa = f' valid-from="{vf.isoformat()}"' if vf else ""
        write(name, f'<?xml version="1.0" encoding="UTF-8"?>\n<contract xmlns="{NS_C}" vendor="{xml_attr(vendor)}" '
                    f'timezone="{zone}"{vfa}>\n  <repeat-contact days="{days}"/>\n'
                    f'  <objective metric="qa-overall" target="85" weight="1"/>\n</contract>\n', "contract")
    dmax = {"Baltic Voice": max(d_riga), "Newfound Desk": d_sj}
    dall = {"Baltic Voice": sorted(set(d_riga)), "Newfound Desk": sorted({d_sj, 7})}

    lines = ["vendor,agent,name,team"] + [",".join(csv_cell(x) for x in r) for r in AGENTS_1]
    write("agents-1.csv", "\n".join(lines) + "\n", "agents")

    zones = {v: ZoneInfo(z) for v, z in VENDORS.items()}
    edges = {v: edge_instants(z) for v, z in zones.items()}
    spans = {v: [(local_midnight(a, z), local_midnight(b + dt.timedelta(days=1), z)) for a, b in WINDOWS]
             for v, z in zones.items()}

    # --- evaluations -----------------------------------------------------------------------
    evs = [f'<?xml version="1.0" encoding="UTF-8"?>', f'<evaluations xmlns="{NS_E}">']
    calls = []        # dicts
    call_keys = set()
    callers = {v: [f"+3712{rng.randint(1000000, 9999999)}" for _ in range(25)] for v in VENDORS}
    shared_caller = "+15550000001"
    for v in VENDORS:
        callers[v].append(shared_caller)

    def add_call(vendor, call_id, queue, t, outcome, agent, caller):
        k = (call_id, queue, t)
        if k in call_keys:
            return False
        call_keys.add(k)
        calls.append({"call_id": call_id, "vendor": vendor, "queue": queue, "agent": agent if outcome == "answered" else "",
                      "caller": caller or "", "t": t, "outcome": outcome})
        return True

    seq = 0
    stored = []      # evaluations a later file may replace
    eval_calls = []  # (vendor, call id, call time) of evaluations, for the call records
    for i in range(count):
        vendor = rng.choice(list(VENDORS))
        agent = rng.choice(EVALUATED[vendor])
        r = rng.random()
        if r < 0.62:
            status = "submitted"
        elif r < 0.80:
            status = "draft"
        else:
            status = "calibration"
        card = rng.choices([("ref-trends", 1), ("ref-trends", 2), ("ref-short", 1)], [5, 4, 2])[0]
        crits = cards[card]
        if rng.random() < 0.45:
            t = rng.choice(edges[vendor])
        else:
            s, e = rng.choice(spans[vendor])
            t = rng.randrange(s, e)
        all_na = rng.random() < 0.08
        fail = rng.random() < 0.12
        answers = []
        for c in crits:
            k, na = c[0], c[5]
            if status == "draft" and rng.random() < 0.25:
                continue
            if na and (all_na or rng.random() < 0.25):
                v = "na"
            elif c[6] and fail:
                v = "no"
            elif c[6]:
                v = "yes"
            else:
                v = rng.choice(values(c))
            answers.append((k, v))
        eid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        seq += 1
        call_id = f"{1790000000 + i}.{rng.randint(1, 999)}"
        if rng.random() < 0.05 and eval_calls:   # a second evaluation of a call already evaluated
            pv, pid, pt = rng.choice(eval_calls)
            if pv == vendor:
                call_id, t = pid, pt + rng.choice([0, 0, 5])
        attrs = [f'id="{eid}"', f'scorecard="{card[0]}"', f'scorecard-version="{card[1]}"', f'status="{status}"']
        if status == "calibration":   # `session` (SPEC §7.1) is not in evaluations.rng yet
            rng.getrandbits(128)
        if rng.random() < 0.9:
            attrs.append(f'reviewer="{xml_attr(rng.choice(REVIEWERS))}"')
        attrs += [f'vendor="{xml_attr(vendor)}"', f'agent="{xml_attr(agent)}"', f'call="{call_id}"']
        if rng.random() < 0.96:
            attrs.append(f'call-time="{iso(t, rng)}"')
        scored = t + rng.randint(3600, 5 * DAY)
        attrs.append(f'scored-at="{iso(scored, rng)}"')
        evs.append(f'  <evaluation {" ".join(attrs)}>')
        for k, v in answers:
            evs.append(f'    <answer criterion="{k}" value="{v}"/>')
        evs.append("  </evaluation>")
        eval_calls.append((vendor, call_id, t))
        if status != "calibration":
            stored.append((eid, card, vendor, agent, call_id, t, scored))

        # The call records of this evaluation's call.
        if rng.random() < 0.7:
            q = QUEUES[vendor]
            caller = rng.choice(callers[vendor]) if rng.random() < 0.85 else ""
            outcome = "answered" if rng.random() < 0.85 else rng.choice(["abandoned", "timeout", "other"])
            delta = rng.choice([0, 0, 0, -2, 3, 60, -600, 7])
            add_call(vendor, call_id, q[0], t + delta, outcome, agent, caller)
            if rng.random() < 0.25:   # another record of the same call id
                d2 = rng.choice([-delta, delta + 30, -delta - 1, delta + 1, 900]) if delta else rng.choice([5, -5, 40])
                if d2 == delta:
                    d2 += 11
                out2 = rng.choice(["answered", "abandoned", "other"])
                add_call(vendor, call_id, q[1], t + d2, out2, agent, caller if rng.random() < 0.7 else rng.choice(callers[vendor]))
                if delta and d2 == -delta and rng.random() < 0.5:
                    pass
            if caller and rng.random() < 0.4:   # a repeat contact near D days, or the same second
                base = t + delta
                gap = rng.choice([d * DAY + e for d in dall[vendor] for e in (-1, 0, 1)] +
                                 [0, 1, 3600, rng.randint(1, 10 * DAY)])
                v2 = vendor if rng.random() < 0.9 else rng.choice(list(VENDORS))
                add_call(v2, f"r{seed}-{i}", QUEUES[v2][rng.randint(0, 1)], base + gap,
                         rng.choice(["answered", "answered", "abandoned"]), rng.choice(EVALUATED[v2]), caller)
    evs += ["</evaluations>", ""]
    # Calls of an agent nobody evaluated, and background traffic of the callers.
    for k in range(12):
        v = rng.choice(list(VENDORS))
        s, e = rng.choice(spans[v])
        agent = CALLS_ONLY_AGENT[1] if v == CALLS_ONLY_AGENT[0] else rng.choice(EVALUATED[v])
        add_call(v, f"bg{seed}-{k}", QUEUES[v][0], rng.randrange(s, e), "answered", agent, rng.choice(callers[v]))
    add_call(CALLS_ONLY_AGENT[0], f"bg{seed}-x", QUEUES[CALLS_ONLY_AGENT[0]][1], spans["Baltic Voice"][0][0] + 5000,
             "answered", CALLS_ONLY_AGENT[1], "")

    rng.shuffle(calls)
    out = ["call_id,vendor,queue,agent,caller,entered_at,wait_s,outcome,talk_s"]
    for c in calls:
        when = str(c["t"]) if rng.random() < 0.4 else dt.datetime.fromtimestamp(c["t"], UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        talk = str(rng.randint(30, 900)) if c["outcome"] == "answered" else ""
        out.append(",".join(csv_cell(x) for x in [c["call_id"], c["vendor"], c["queue"], c["agent"], c["caller"], when,
                                                    str(rng.randint(0, 120)), c["outcome"], talk]))
    write("calls.csv", "\n".join(out) + "\n", "calls")
    write("evaluations.xml", "\n".join(evs), "evaluations")
    # A later export of some of them (SPEC §8.2: an evaluation whose id exists is replaced only by
    # a newer one, i.e. a later scored-at): newer ones with new answers, another call time (other
    # buckets), a draft now submitted, another agent; older ones that must change nothing.
    # Drawn from their own generator so the data above stays as it was for every seed.
    r2 = random.Random(seed * 7919 + 1)
    evs2 = [f'<?xml version="1.0" encoding="UTF-8"?>', f'<evaluations xmlns="{NS_E}">']
    for eid, card, vendor, agent, call_id, t, scored in r2.sample(stored, len(stored) // 12):
        newer = r2.random() < 0.7
        if newer:
            t += r2.choice([0, 0, -DAY, 3 * DAY, -7 * DAY, 3600])
            if r2.random() < 0.3:
                agent = r2.choice(EVALUATED[vendor])
        crits = cards[card]
        answers = []
        for c in crits:
            if c[5] and r2.random() < 0.3:
                answers.append((c[0], "na"))
            elif c[6]:
                answers.append((c[0], r2.choice(["yes", "yes", "no"])))
            else:
                answers.append((c[0], r2.choice(values(c))))
        attrs = [f'id="{eid}"', f'scorecard="{card[0]}"', f'scorecard-version="{card[1]}"', 'status="submitted"',
                 f'reviewer="{xml_attr(r2.choice(REVIEWERS))}"', f'vendor="{xml_attr(vendor)}"',
                 f'agent="{xml_attr(agent)}"', f'call="{call_id}"', f'call-time="{iso(t, r2)}"',
                 f'scored-at="{iso(scored + (DAY if newer else -3600), r2)}"']
        evs2.append(f'  <evaluation {" ".join(attrs)}>')
        evs2 += [f'    <answer criterion="{k}" value="{v}"/>' for k, v in answers]
        evs2.append("  </evaluation>")
    evs2 += ["</evaluations>", ""]
    write("evaluations-2.xml", "\n".join(evs2), "evaluations")
    lines = ["vendor,agent,name,team"] + [",".join(csv_cell(x) for x in r) for r in AGENTS_2]
    write("agents-2.csv", "\n".join(lines) + "\n", "agents")
    with open(os.path.join(outdir, "manifest.txt"), "w") as f:
        f.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    main()
