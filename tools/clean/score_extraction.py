#!/usr/bin/env python3
"""Score article-body extraction against ../shared/data/article-extraction/ground-truth.json.

The metric is the public article-extraction benchmark's, as /work/shared/README.md describes:
tokens are \\w+ runs; each page's prediction and truth become multisets of 4-token shingles;
TP/FP/FN are the multiset overlaps, normalised per page so they sum to 1 (a page where both
are empty counts as [1, 0, 0]); precision is the mean of TP/(TP+FP) over pages with TP+FP > 0,
recall the mean of TP/(TP+FN) over pages with TP+FN > 0, and F1 their harmonic mean.

Input: JSONL as printed by `parley clean --format jsonl` (fields "doc" and "text"); the page
id is the doc name without ".html". Pages missing from the predictions count as empty.

  ./build/parley clean ../shared/data/article-extraction/html --format jsonl > /tmp/pred.jsonl
  python3 tools/clean/score_extraction.py /tmp/pred.jsonl [--ids ids.txt] [--per-page]
"""
import argparse
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def shingles(text, n=4):
    tokens = TOKEN_RE.findall(text or "")
    out = []
    for i in range(0, max(1, len(tokens) - n + 1)):
        s = " ".join(tokens[i:i + n])
        if s:
            out.append(s)
    return Counter(out)


def page_counts(true, pred):
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0
    for k in set(t) | set(p):
        a, b = t.get(k, 0), p.get(k, 0)
        tp += min(a, b)
        fp += max(0, b - a)
        fn += max(0, a - b)
    s = tp + fp + fn
    if s == 0:
        return 1.0, 0.0, 0.0
    return tp / s, fp / s, fn / s


def score(truth, preds, ids):
    rows = {i: page_counts(truth[i]["articleBody"], preds.get(i, "")) for i in ids}
    prec = [tp / (tp + fp) for tp, fp, _ in rows.values() if tp + fp > 0]
    rec = [tp / (tp + fn) for tp, _, fn in rows.values() if tp + fn > 0]
    p = statistics.mean(prec) if prec else 0.0
    r = statistics.mean(rec) if rec else 0.0
    f = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return p, r, f, rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pred", help="JSONL from parley clean --format jsonl")
    ap.add_argument("--truth", default=str(Path(__file__).resolve().parents[2] /
                                           "../shared/data/article-extraction/ground-truth.json"))
    ap.add_argument("--ids", help="file with the page ids to score (default: all)")
    ap.add_argument("--per-page", action="store_true")
    a = ap.parse_args()
    truth = json.load(open(a.truth))
    preds = {}
    for line in open(a.pred):
        line = line.strip()
        if not line:
            continue
        j = json.loads(line)
        doc = j["doc"]
        for suffix in (".gz", ".html", ".htm"):
            if doc.endswith(suffix):
                doc = doc[: -len(suffix)]
        preds[doc] = j.get("text", "")
    ids = sorted(truth)
    if a.ids:
        ids = [l.strip() for l in open(a.ids) if l.strip()]
    p, r, f, rows = score(truth, preds, ids)
    if a.per_page:
        for i, (tp, fp, fn) in sorted(rows.items(), key=lambda kv: kv[1][0]):
            pp = tp / (tp + fp) if tp + fp else 0
            rr = tp / (tp + fn) if tp + fn else 0
            print(f"{i}\tP={pp:.3f}\tR={rr:.3f}", file=sys.stderr)
    print(json.dumps({"pages": len(ids), "precision": round(p, 4), "recall": round(r, 4),
                      "f1": round(f, 4)}))


if __name__ == "__main__":
    main()
