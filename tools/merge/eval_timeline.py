#!/usr/bin/env python3
"""Score a parley timeline against the hand-written gold timeline of the dev corpus.

Usage:
  parley ingest --db /tmp/dev.db ../shared/corpus/dev
  parley timeline --db /tmp/dev.db --format json > /tmp/dev-timeline.json
  python3 tools/merge/eval_timeline.py tests/data/merge/dev_gold_timeline.tsv /tmp/dev-timeline.json [--main-only] [--details]

For every gold event, the timeline entries that *report it* are those of the same type whose
sources include one of the gold event's documents and whose linked participants include at
least two of the gold participants (all of them when the gold lists fewer than two).  Entries
with another status than the gold's are the planned/cancelled versions the engine keeps apart on
purpose: they count only when they carry the gold's status.

  found once   exactly one entry reports the event
  split        several entries report it (the event is counted more than once)
  duplicates   the extra entries of split events (an event in 3 entries adds 2)
  missed       no entry reports it
  right day    the (largest) entry's date equals the gold date (gold dates of day granularity)
  over-merged  entries that report several gold events (distinct real events glued together)
  invented     entries of a type the gold covers that report no gold event at all
"""
import json
import sys
from collections import Counter
import os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tsvdata import read_tsv  # noqa: E402


def load_gold(path, main_only):
    rows = []
    for r in read_tsv(path)[1]:
        if main_only and not r.get("notes", "").startswith("[main]"):
            continue
        r["participants"] = [p for p in r["participants"].split("|") if p]
        r["docs"] = set(d for d in r["docs"].split("|") if d)
        rows.append(r)
    return rows


def entry_participants(ev):
    ids = set()
    for side in ("actors", "targets"):
        for a in ev.get(side, []):
            if a.get("kb_id"):
                ids.add(a["kb_id"])
            ids.add("name:" + a.get("name", ""))
    return ids


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main_only = "--main-only" in sys.argv
    details = "--details" in sys.argv  # one line per gold event and the entries reporting it
    gold = load_gold(args[0], main_only)
    events = json.load(open(args[1], encoding="utf-8"))["events"]
    used = set()
    counts = Counter()
    gold_per_entry = Counter()
    day_total = day_right = 0
    for g in gold:
        need = min(2, len(g["participants"]))
        hits = []
        for ev in events:
            if ev["type"] != g["type"]:
                continue
            docs = {s["doc"] for s in ev["sources"]}
            if not docs & g["docs"]:
                continue
            if len(entry_participants(ev) & set(g["participants"])) < need:
                continue
            used.add(ev["id"])  # any status: a linked planned/cancelled version is not invented
            if ev["status"] == g["status"]:
                hits.append(ev)
                gold_per_entry[ev["id"]] += 1
        if details:
            state = "MISSED" if not hits else "once" if len(hits) == 1 else f"SPLIT x{len(hits)}"
            print(f"{g['gold_id']} {g['date'] or '?':10s} {state:9s} {'|'.join(g['participants'])}")
            for h in hits:
                docs = sorted({s['doc'] for s in h['sources']})
                print(f"    {h['id']} {h.get('date') or '?':10s} {h.get('date_basis')} {h['status']} "
                      f"srcs={len(h['sources'])} {' '.join(d.replace('.txt', '') for d in docs)}")
        if not hits:
            counts["missed"] += 1
        elif len(hits) == 1:
            counts["found once"] += 1
        else:
            counts["split"] += 1
            counts["duplicates"] += len(hits) - 1
        if hits and len(g["date"]) == 10:
            best = max(hits, key=lambda e: len(e["sources"]))
            day_total += 1
            day_right += best.get("date") == g["date"]
    # Only the event types the gold covers can be judged invented.
    gold_types = {g["type"] for g in gold}
    invented = [e for e in events if e["id"] not in used and e["type"] in gold_types]
    n = len(gold)
    print(f"gold events: {n}{' (main only)' if main_only else ''}; timeline entries: {len(events)}")
    for k in ("found once", "split", "missed"):
        print(f"  {k:11s} {counts[k]:4d}  ({100.0 * counts[k] / max(n, 1):.1f}%)")
    print(f"  duplicates  {counts['duplicates']:4d}  (extra entries of the split events)")
    print(f"  invented    {len(invented):4d}  (entries reporting no gold event)")
    over = sum(1 for k, v in gold_per_entry.items() if v > 1)
    print(f"  over-merged {over:4d}  (entries that report two or more gold events at once)")
    print(f"  right day   {day_right:4d} / {day_total} found events with a day-precise gold date"
          f" ({100.0 * day_right / max(day_total, 1):.1f}%)")


if __name__ == "__main__":
    main()
