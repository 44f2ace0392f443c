#!/usr/bin/env python3
# score-reference.py — an independent implementation of SPEC §3, to cross-check rubric-cli
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Generates random scorecards and evaluations (every answer type, N/A, critical criteria,
# decimal weights, custom categories, drafts with gaps), imports them with rubric-cli, and
# compares `rubric-cli evaluations export --format csv` with its own scores, written here from
# the SPEC text alone, without looking at src/core.
#
# Usage: score-reference.py RUBRIC-CLI [SEED] [N-EVALUATIONS]
import csv, io, math, os, random, subprocess, sys, tempfile, uuid

NS_S = "urn:rubric:scorecard:1"
NS_E = "urn:rubric:evaluations:1"
STANDARD = ["resolution", "ownership", "policy", "documentation"]


def make_scorecard(rng, key):
    customs = rng.sample(["empathy", "tone-2", "compliance-x"], rng.randint(0, 2))
    cats = STANDARD + customs
    crits = []
    for i in range(rng.randint(3, 14)):
        t = rng.choice(["yes-no", "scale", "choice"])
        c = {"key": f"c{i}", "cat": rng.choice(cats), "w": rng.choice(["1", "2", "0.5", "1.25", "3", "0.1", "7.75"]),
             "type": t, "na": rng.random() < 0.4, "crit": rng.random() < 0.2}
        if t == "scale":
            lo = rng.choice([0, 1, -2])
            c["min"], c["max"] = lo, lo + rng.randint(1, 9)
        if t == "choice":
            c["opts"] = [(f"o{j}", rng.choice(["0", "0.25", "0.5", "0.75", "1", "0.3"])) for j in range(rng.randint(1, 4))]
        crits.append(c)
    out = [f'<scorecard xmlns="{NS_S}" key="{key}" version="{rng.randint(1, 9)}">', "<title>R</title>",
           '<section key="s1">']
    for c in crits:
        a = f'key="{c["key"]}" category="{c["cat"]}" weight="{c["w"]}" type="{c["type"]}"'
        if c["type"] == "scale":
            a += f' min="{c["min"]}" max="{c["max"]}"'
        a += f' na="{"true" if c["na"] else "false"}" critical="{"true" if c["crit"] else "false"}"'
        out.append(f"<criterion {a}><text>T</text>")
        for k, cr in c.get("opts", []):
            out.append(f'<option key="{k}" credit="{cr}"><label>L</label></option>')
        out.append("</criterion>")
    out.append("</section></scorecard>")
    return crits, "\n".join(out)


def values_for(c):
    if c["type"] == "yes-no":
        v = ["yes", "no"]
    elif c["type"] == "scale":
        v = [str(x) for x in range(c["min"], c["max"] + 1)]
    else:
        v = [k for k, _ in c["opts"]]
    return v + (["na"] if c["na"] else [])


def credit(c, v):
    if c["type"] == "yes-no":
        return 1.0 if v == "yes" else 0.0
    if c["type"] == "scale":
        return (int(v) - c["min"]) / (c["max"] - c["min"])
    return float(dict(c["opts"])[v])


def score(crits, answers):
    num = den = 0.0
    cats = {}
    failed = False
    for c in crits:
        v = answers.get(c["key"])
        if v is None or v == "na":
            continue
        w, cr = float(c["w"]), credit(c, v)
        num += w * cr
        den += w
        n, d = cats.get(c["cat"], (0.0, 0.0))
        cats[c["cat"]] = (n + w * cr, d + w)
        if c["crit"] and cr == 0:
            failed = True
    overall = 0.0 if failed else (100 * num / den if den > 0 else None)
    return overall, failed, {k: 100 * n / d for k, (n, d) in cats.items() if d > 0}


def main():
    cli = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 400
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp()
    env = dict(os.environ, RUBRIC_DB=os.path.join(tmp, "r.db"))
    run = lambda *a: subprocess.run([cli, *a], env=env, check=True, capture_output=True, text=True).stdout

    cards = {}
    for k in range(3):
        key = f"hold-{k}"
        crits, xml = make_scorecard(rng, key)
        path = os.path.join(tmp, key + ".xml")
        open(path, "w").write(xml)
        run("scorecard", "import", path)
        cards[key] = crits

    expected = {}
    evs = [f'<evaluations xmlns="{NS_E}">']
    for i in range(count):
        key = rng.choice(list(cards))
        crits = cards[key]
        status = rng.choice(["submitted", "submitted", "draft", "calibration"])
        answers = {}
        for c in crits:
            if status == "draft" and rng.random() < 0.3:
                continue
            vals = values_for(c)
            # Lean towards N/A and zero credits so the edge cases are common.
            answers[c["key"]] = rng.choice(vals + (["na"] * 2 if c["na"] else []))
        eid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        day = rng.randint(1, 28)
        evs.append(f'<evaluation id="{eid}" scorecard="{key}" scorecard-version="1" status="{status}" '
                   f'vendor="V{rng.randint(1, 3)}" agent="A{rng.randint(1, 9)}" '
                   f'call-time="2026-02-{day:02d}T{rng.randint(0, 23):02d}:00:00Z">')
        for k, v in answers.items():
            evs.append(f'<answer criterion="{k}" value="{v}"/>')
        evs.append("</evaluation>")
        expected[eid] = score(crits, answers)
    evs.append("</evaluations>")
    path = os.path.join(tmp, "evs.xml")
    open(path, "w").write("\n".join(evs))
    run("evaluations", "import", path)
    rows = list(csv.DictReader(io.StringIO(run("evaluations", "export", "--format", "csv"))))

    bad = 0
    for row in rows:
        overall, failed, cats = expected.pop(row["id"])
        problems = []
        if (row["score"] == "") != (overall is None) or (overall is not None and abs(float(row["score"]) - overall) > 0.005 + 1e-9):
            problems.append(f"score {row['score']} != {overall}")
        if (row["auto_failed"] == "true") != failed:
            problems.append(f"auto_failed {row['auto_failed']} != {failed}")
        for col, cell in row.items():
            if col.startswith("score_"):
                want = cats.get(col[6:])
                if (cell == "") != (want is None) or (want is not None and abs(float(cell) - want) > 0.005 + 1e-9):
                    problems.append(f"{col} {cell} != {want}")
        if problems:
            bad += 1
            print(f"not ok - {row['id']}: " + "; ".join(problems))
    if expected:
        bad += len(expected)
        print(f"not ok - {len(expected)} evaluations missing from the export")
    print(f"{len(rows) - bad} passed, {bad} failed")
    sys.exit(1 if bad else 0)


main()
