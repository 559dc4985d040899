#!/usr/bin/env python3
"""Score parley's events against the hand-checked gold in tests/data/events/dev_gold.tsv.

Usage: tools/events/score_dev.py [--parley build/parley] [--corpus ../shared/corpus/dev] [--details]

An engine event matches a gold row when both are in the same document, the engine's trigger
starts inside the row's sentence, and the types agree; each side is used once (a match with
the same status is preferred). Reported: precision and recall by type (type-level match),
by status (type and status both right), and, over matched pairs, how often one gold
participant is among the engine's actors/targets (by surname or country code) and how often
the date agrees where the gold gives one.
"""
import argparse
import json
import os
import subprocess
from collections import Counter, defaultdict


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--parley", default="build/parley")
    ap.add_argument("--corpus", default="../shared/corpus/dev")
    ap.add_argument("--gold", default="tests/data/events/dev_gold.tsv")
    ap.add_argument("--data", default="data")
    ap.add_argument("--details", action="store_true")
    args = ap.parse_args()
    gold = defaultdict(list)
    header = None
    for line in open(args.gold, encoding="utf-8"):
        if line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if header is None:
            header = cols
            continue
        row = dict(zip(header, cols + [""] * (len(header) - len(cols))))
        row["sent_start"], row["sent_end"] = int(row["sent_start"]), int(row["sent_end"])
        gold[row["doc"]].append(row)
    files = [os.path.join(args.corpus, d) for d in sorted(gold)]
    env = dict(os.environ, PARLEY_DATA=os.path.abspath(args.data))
    out = subprocess.run([args.parley, "annotate", *files], env=env, capture_output=True, text=True, check=True).stdout
    tp, fp, fn = Counter(), Counter(), Counter()
    stp, sfp, sfn = Counter(), Counter(), Counter()
    part = Counter()
    for line in out.splitlines():
        d = json.loads(line)
        rows = gold.get(d["doc"], [])
        used = [False] * len(rows)
        events = d["events"]
        pairs = []
        for prefer_status in (True, False):
            for ei, e in enumerate(events):
                if any(p[0] == ei for p in pairs):
                    continue
                for gi, g in enumerate(rows):
                    if used[gi] or g["type"] != e["type"]:
                        continue
                    if not (g["sent_start"] <= e["trigger"]["start"] < g["sent_end"]):
                        continue
                    if prefer_status and g["status"] != e["status"]:
                        continue
                    used[gi] = True
                    pairs.append((ei, gi))
                    break
        matched_e = {p[0] for p in pairs}
        for ei, gi in pairs:
            e, g = events[ei], rows[gi]
            tp[g["type"]] += 1
            if g["status"] == e["status"]:
                stp[g["status"]] += 1
            else:
                sfp[e["status"]] += 1
                sfn[g["status"]] += 1
            names = [(a.get("name") or "").lower() for a in e["actors"] + e["targets"]]
            codes = [a.get("country") or "" for a in e["actors"] + e["targets"]]
            hit = any(p.lower() in n for p in g["participants"].split("|") if p for n in names) or \
                  any(p in codes for p in g["participants"].split("|") if p)
            part["matched"] += 1
            part["participant"] += hit
            if g["date"]:
                part["dated"] += 1
                part["date_ok"] += (e.get("date") or "").startswith(g["date"])
            if args.details:
                print("TP", d["doc"], g["trigger"], g["type"], g["status"], "| engine:", e["trigger"]["text"], e["status"], e["date"], e["summary"])
        for ei, e in enumerate(events):
            if ei not in matched_e:
                fp[e["type"]] += 1
                sfp[e["status"]] += 1
                if args.details:
                    print("FP", d["doc"], e["trigger"]["text"], e["type"], e["status"], "|", e["summary"])
        for gi, g in enumerate(rows):
            if not used[gi]:
                fn[g["type"]] += 1
                sfn[g["status"]] += 1
                if args.details:
                    print("FN", d["doc"], g["trigger"], g["type"], g["status"], g["participants"])

    def prf(t, p, n):
        pr = t / (t + p) if t + p else 0.0
        rc = t / (t + n) if t + n else 0.0
        f = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        return pr, rc, f

    T, P, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    pr, rc, f = prf(T, P, N)
    print(f"events (type match): gold {T + N}, engine {T + P}, matched {T}: P {pr:.2f} R {rc:.2f} F1 {f:.2f}")
    print("by type:            gold engine  P     R")
    for ty in sorted(set(tp) | set(fp) | set(fn)):
        pr, rc, _ = prf(tp[ty], fp[ty], fn[ty])
        print(f"  {ty:10s}        {tp[ty] + fn[ty]:4d} {tp[ty] + fp[ty]:6d}  {pr:.2f}  {rc:.2f}")
    ST, SP, SN = sum(stp.values()), sum(sfp.values()), sum(sfn.values())
    pr, rc, f = prf(ST, SP, SN)
    print(f"events (type+status): P {pr:.2f} R {rc:.2f} F1 {f:.2f}")
    print("by status:          gold engine  P     R")
    for st in ("occurred", "planned", "cancelled", "denied", "hypothetical"):
        if stp[st] + sfp[st] + sfn[st] == 0:
            continue
        pr, rc, _ = prf(stp[st], sfp[st], sfn[st])
        print(f"  {st:12s}      {stp[st] + sfn[st]:4d} {stp[st] + sfp[st]:6d}  {pr:.2f}  {rc:.2f}")
    if part["matched"]:
        print(f"matched events with a gold participant among actors/targets: {part['participant']}/{part['matched']}")
    if part["dated"]:
        print(f"matched events whose date agrees with the gold date: {part['date_ok']}/{part['dated']}")


if __name__ == "__main__":
    main()
