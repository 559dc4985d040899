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
import difflib
import json
import os
import re
import subprocess
from collections import Counter, defaultdict
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tsvdata import read_tsv  # noqa: E402


def reanchor(rows, raw, doc_json, stats):
    """Move gold sentence offsets onto the text the engine reads now.

    The gold was written against the text the clean stage produced at the time; the clean
    stage has changed since (duplicate paragraphs, headlines and page furniture are removed
    differently), so offsets drift. The raw file body stands in for the old text: a row whose
    trigger word lies inside its sentence there is mapped by aligning that body with the new
    text at the trigger; the other rows (the old clean had cut text before them) are placed at
    the first occurrence of their trigger word after the previous placed row, before the next
    anchored one. A row whose trigger is no longer in the text keeps no sentence (it can only
    be missed)."""
    m = re.match(rb" date \d{4}-\d{2}-\d{2}\s*", raw)
    old = raw[m.end():] if m else raw
    new = doc_json["text"].encode("utf-8")
    sents = [(x["start"], x["end"]) for x in doc_json["sentences"]]
    blocks = difflib.SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks()

    def map_pos(p):
        for a, b, n in blocks:
            if a <= p < a + n:
                return b + (p - a)
        return None

    def sentence_at(p):
        for a, b in sents:
            if a <= p < b:
                return a, b
        return None

    order = sorted(range(len(rows)), key=lambda i: rows[i]["sent_start"])

    def trigger_in(text, r):
        return text[r["sent_start"]:r["sent_end"]].lower().find(r["trigger"].lower().encode("utf-8"))

    # Which text were this document's offsets written against? The current text when the clean
    # stage's output did not change (most documents), else the raw body; the one where more
    # rows find their trigger inside their sentence wins, the current text on a tie.
    same = sum(trigger_in(new, r) >= 0 for r in rows)
    body = sum(trigger_in(old, r) >= 0 for r in rows)
    placed = {}
    for i in order:
        r = rows[i]
        if same >= body:
            k = trigger_in(new, r)
            if k >= 0:
                placed[i] = r["sent_start"] + k
                stats["anchored"] += 1
            continue
        k = trigger_in(old, r)
        if k >= 0:
            placed[i] = map_pos(r["sent_start"] + k)
            stats["anchored"] += 1
    cursor = 0
    for idx, i in enumerate(order):
        if placed.get(i) is not None:
            cursor = placed[i]
            continue
        if i in placed:  # anchored, but its text is gone
            continue
        nxt = next((placed[j] for j in order[idx + 1:] if placed.get(j) is not None), len(new))
        pat = re.compile(rb"\b" + re.escape(rows[i]["trigger"].lower().encode("utf-8")))
        hit = pat.search(new.lower(), cursor, max(nxt, cursor))
        placed[i] = hit.start() if hit else None
        stats["placed_by_order" if hit else "lost"] += 1
        if hit:
            cursor = hit.start() + 1
    # A repeated paragraph the clean stage now removes takes its gold rows with it: a document
    # cannot hold more mentions of a trigger word than the text has occurrences of it, so the
    # surplus rows (unplaced ones first) leave the gold.
    by_word = defaultdict(list)
    for i in order:
        by_word[rows[i]["trigger"].lower()].append(i)
    for word, idx in by_word.items():
        have = len(re.findall(rb"\b" + re.escape(word.encode("utf-8")), new.lower()))
        surplus = len(idx) - have
        for i in sorted(idx, key=lambda j: placed.get(j) is not None)[:max(0, surplus)]:
            rows[i]["dropped"] = True
            stats["repeat_dropped"] += 1
    for i, r in enumerate(rows):
        if r.get("dropped"):
            continue
        q = placed.get(i)
        span = sentence_at(q) if q is not None else None
        if span is None:
            stats["lost"] += q is not None
            r["sent_start"], r["sent_end"] = -1, -1
        else:
            r["sent_start"], r["sent_end"] = span


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--parley", default="build/parley")
    ap.add_argument("--corpus", default="../shared/corpus/dev")
    ap.add_argument("--gold", default="tests/data/events/dev_gold.tsv")
    ap.add_argument("--data", default="data")
    ap.add_argument("--details", action="store_true")
    args = ap.parse_args()
    gold = defaultdict(list)
    for row in read_tsv(args.gold)[1]:
        row["sent_start"], row["sent_end"] = int(row["sent_start"]), int(row["sent_end"])
        gold[row["doc"]].append(row)
    files = [os.path.join(args.corpus, d) for d in sorted(gold)]
    env = dict(os.environ, PARLEY_DATA=os.path.abspath(args.data))
    out = subprocess.run([args.parley, "annotate", *files], env=env, capture_output=True, text=True, check=True).stdout
    tp, fp, fn = Counter(), Counter(), Counter()
    stp, sfp, sfn = Counter(), Counter(), Counter()
    part = Counter()
    anchor = Counter()
    for line in out.splitlines():
        d = json.loads(line)
        rows = gold.get(d["doc"], [])
        with open(os.path.join(args.corpus, d["doc"]), "rb") as f:
            reanchor(rows, f.read(), d, anchor)
        rows = [r for r in rows if not r.get("dropped")]
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

    print(f"gold rows re-anchored onto the current text: {anchor['anchored']} in place or by alignment, "
          f"{anchor['placed_by_order']} by trigger order, {anchor['lost']} no longer in the text, "
          f"{anchor['repeat_dropped']} dropped with a repeated passage the clean stage now removes")
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
