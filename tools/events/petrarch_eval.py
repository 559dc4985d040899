#!/usr/bin/env python3
"""Score parley's event extraction on the PETRARCH unit-test records.

Usage: tools/events/petrarch_eval.py [--parley build/parley] [--shared ../shared] [--details]

Each record's sentence goes through `parley annotate` with parley's own event tables
(data/events/) and, in place of parley's actor KB, the records' own small actor dictionary
(PETR.Validate.actors.txt: fantasy countries such as Arnor and Gondor), converted on the fly
into a temporary KB. Gold CAMEO event codes are mapped to PLOVER with data/events/cameo_plover.tsv.

Reported, over records with at least one gold event whose code maps to a PLOVER type:
  type     some predicted event has a gold type
  source   ... and, for that type, an actor whose code shares the gold source's first three
           letters (the primary actor; parley does not compose agent codes like ISR+MIL)
  target   likewise for the target
  all      type, source and target right for one gold event (the record-level criterion)
and, over records whose gold is "no event" (or only CAMEO 01x statements), how many parley
leaves uncoded.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter


def load_mapping(path):
    table = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or line.startswith("cameo\t"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) >= 2:
            table[cols[0]] = (cols[1] if cols[1] != "-" else "", cols[2] if len(cols) > 2 else "")
    return table


def to_plover(table, code):
    code = code.strip().split(":")[0]
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]][0]
    return ""


def parse_actors(path):
    """PETRARCH actor dictionary -> [(code, name, [aliases])]."""
    actors = []
    cur = None
    for raw in open(path, encoding="utf-8", errors="replace"):
        line = re.sub(r"#.*", "", raw).rstrip()
        if not line.strip() or line.strip().startswith("<!--"):
            continue
        codes = re.findall(r"\[([^\]]+)\]", line)
        body = re.sub(r"\[[^\]]*\]", "", line).strip()
        if line[0] in " \t":
            if cur is not None and codes and not cur[0]:
                cur[0] = codes[0].split()[0]
            continue
        if body.startswith("+"):
            if cur is not None:
                cur[2].append(body[1:].replace("_", " ").strip())
            continue
        cur = [codes[0].split()[0] if codes else "", body.replace("_", " ").strip(), []]
        actors.append(cur)
    return [a for a in actors if a[0] and a[0] != "---" and a[1]]


def parse_records(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    recs = []
    for m in re.finditer(r"<Sentence ([^>]*)>(.*?)</Sentence>", text, re.S):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        body = m.group(2)
        body_nc = re.sub(r"<!--.*?-->", "", body, flags=re.S)
        t = re.search(r"<Text>(.*?)</Text>", body_nc, re.S)
        if not t:
            continue
        codings = []
        skip = False
        for c in re.finditer(r"<EventCoding([^>]*)>", body_nc):
            a = dict(re.findall(r'(\w+)\s*=\s*"([^"]*)"', c.group(1)))
            if "error" in a:
                skip = True
            if "eventcode" in a:
                codings.append((a.get("sourcecode", ""), a.get("targetcode", ""), a["eventcode"]))
        if skip:
            continue
        d = attrs.get("date", "")
        date = f"{d[:4]}-{d[4:6]}-{d[6:8]}" if len(d) == 8 else ""
        recs.append({"id": attrs.get("id", f"r{len(recs)}"), "date": date,
                     "text": " ".join(t.group(1).split()), "gold": codings})
    return recs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--parley", default="build/parley")
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--data", default="data")
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--verbs", choices=["parley", "validation"], default="parley",
                    help="parley: parley's own tables; validation: the records' verb dictionary "
                         "(converted with cameo_convert.py) in place of parley's CAMEO table and "
                         "hand-written triggers, to test the machinery against the codes the "
                         "records were written for")
    args = ap.parse_args()
    val = os.path.join(args.shared, "data", "event-validation")
    table = load_mapping(os.path.join(args.data, "events", "cameo_plover.tsv"))
    recs = parse_records(os.path.join(val, "PETR.UnitTest.records.xml"))
    actors = parse_actors(os.path.join(val, "PETR.Validate.actors.txt"))
    tmp = tempfile.mkdtemp(prefix="petr-eval-")
    try:
        data = os.path.join(tmp, "data")
        os.makedirs(os.path.join(data, "kb"))
        # every stage's tables except the KB, which the records' own actors replace
        for sub in sorted(os.listdir(args.data)):
            if sub == "kb" or not os.path.isdir(os.path.join(args.data, sub)):
                continue
            if os.path.isdir(os.path.join(args.data, sub)):
                shutil.copytree(os.path.join(args.data, sub), os.path.join(data, sub))
        if args.verbs == "validation":
            conv = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cameo_convert.py")
            verbs = subprocess.run([sys.executable, conv, os.path.join(val, "PETR.Validate.verbs.txt")],
                                   capture_output=True, text=True, check=True).stdout
            open(os.path.join(data, "events", "cameo_verbs.tsv"), "w", encoding="utf-8").write(verbs)
            open(os.path.join(data, "events", "triggers.tsv"), "w", encoding="utf-8").write("pattern\ttype\tmode\tpos\n")
            open(os.path.join(data, "events", "cameo_skip.txt"), "w", encoding="utf-8").write("")
        with open(os.path.join(data, "kb", "actors.tsv"), "w", encoding="utf-8") as f:
            f.write("kb_id\ttype\tname\tcountry\taliases\tsource\n")
            for code, name, aliases in actors:
                f.write(f"{code}\tORG\t{name.title()}\t\t{'|'.join(a.title() for a in aliases)}\tpetrarch\n")
        inp = os.path.join(tmp, "records.jsonl")
        with open(inp, "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps({"id": r["id"], "date": r["date"], "text": r["text"]}) + "\n")
        env = dict(os.environ, PARLEY_DATA=data)
        run = subprocess.run([args.parley, "annotate", inp], env=env, capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"parley annotate failed: {run.stderr.strip()}")
        out = run.stdout
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    pred = {}
    for line in out.splitlines():
        d = json.loads(line)
        pred[d["doc"]] = d["events"]
    n = Counter()
    by_type = Counter()
    for r in recs:
        events = pred.get(r["id"], [])
        gold = [(s, t, to_plover(table, c)) for s, t, c in r["gold"]]
        gold_events = [g for g in gold if g[2]]
        if not gold_events:
            n["none"] += 1
            n["none_ok"] += not events
            continue
        n["rec"] += 1
        best = (False, False, False)
        for s, t, ty in gold_events:
            for e in events:
                if e["type"] != ty:
                    continue
                codes = lambda lst: [(a.get("kb_id") or "")[:3] for a in lst]
                src = bool(s) and s[:3] in codes(e["actors"] + (e["targets"] if not e["targets"] else []))
                tgt = bool(t) and t[:3] in codes(e["targets"] if e["targets"] else e["actors"][1:])
                cand = (True, src or not s, tgt or not t)
                if sum(cand) > sum(best):
                    best = cand
        n["type"] += best[0]
        n["source"] += best[1] and best[0]
        n["target"] += best[2] and best[0]
        n["all"] += all(best)
        by_type[(gold_events[0][2], best[0])] += 1
        if args.details:
            print(r["id"], "gold", gold_events, "pred", [(e["type"], [a.get("kb_id") for a in e["actors"]],
                  [a.get("kb_id") for a in e["targets"]], e["trigger"]["text"]) for e in events], "->", best)
    rec = max(n["rec"], 1)
    print(f"records scored: {n['rec']} with gold events; {n['none']} with no (PLOVER) event")
    for k in ("type", "source", "target", "all"):
        print(f"{k:7s} accuracy: {n[k]}/{n['rec']} = {n[k] / rec:.1%}")
    print(f"no-event records left uncoded: {n['none_ok']}/{n['none']}")
    print("type recall by gold PLOVER type:")
    for ty in sorted({k[0] for k in by_type}):
        ok, tot = by_type[(ty, True)], by_type[(ty, True)] + by_type[(ty, False)]
        print(f"  {ty:10s} {ok}/{tot}")


if __name__ == "__main__":
    sys.exit(main())
