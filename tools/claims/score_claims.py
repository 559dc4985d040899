#!/usr/bin/env python3
"""Score parley's claims against tests/data/claims/claims_gold.tsv.

Usage: tools/claims/score_claims.py [--gold ...] [--corpus ../shared/corpus/dev] [--parley build/parley] [--details]

Engine and gold claims of a document are paired one-to-one, largest content overlap first
(any overlap counts as a pairing). Reported: precision (paired engine claims / engine claims),
recall (paired gold claims / gold claims), and over the pairs: speaker right (one of the gold's
spellings is inside the engine speaker's name, case and accents folded), chain right (same
length, each link matching), direct/reported right, and content span near-exact (the two
spans, without quote marks, punctuation and spaces at their edges, overlap with Jaccard >= 0.8).
"""
import argparse
import json
import os
import subprocess
import unicodedata
from collections import defaultdict
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tsvdata import read_tsv  # noqa: E402


def fold(s):
    s = unicodedata.normalize("NFKD", s or "")
    return "".join(ch for ch in s if not unicodedata.combining(ch)).lower()


def matches(alts, name):
    name = fold(name)
    return bool(name) and any(fold(a) in name for a in alts.split("/") if a)


def trim(text, start, end):
    strip = set(' \t\n.,;:"\'\u201c\u201d\u2018\u2019\u00ab\u00bb-\u2013')
    b = text[start:end]
    s, e = 0, len(b)
    while s < e and chr(b[s]) in strip:
        s += 1
    while e > s and chr(b[e - 1]) in strip:
        e -= 1
    # multi-byte quote marks: strip their UTF-8 bytes too
    while s < e and b[s] >= 0x80 and b[s:s + 3].decode("utf-8", "ignore") in "\u201c\u201d\u2018\u2019":
        s += 3
    while e > s and b[max(s, e - 3):e].decode("utf-8", "ignore") in ("\u201c", "\u201d", "\u2018", "\u2019"):
        e -= 3
    return start + s, start + e


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default="tests/data/claims/claims_gold.tsv")
    ap.add_argument("--corpus", default="../shared/corpus/dev")
    ap.add_argument("--parley", default="build/parley")
    ap.add_argument("--data", default="data")
    ap.add_argument("--details", action="store_true")
    args = ap.parse_args()
    gold = defaultdict(list)
    for r in read_tsv(args.gold)[1]:
        r["content_start"], r["content_end"] = int(r["content_start"]), int(r["content_end"])
        gold[r["doc"]].append(r)
    env = dict(os.environ, PARLEY_DATA=os.path.abspath(args.data))
    files = [os.path.join(args.corpus, d) for d in sorted(gold)]
    out = subprocess.run([args.parley, "annotate", *files], env=env, capture_output=True, text=True, check=True).stdout
    n_gold = n_eng = paired = spk = chain = direct = exact = 0
    for line in out.splitlines():
        d = json.loads(line)
        text = d["text"].encode("utf-8")
        rows = gold.get(d["doc"], [])
        claims = d["claims"]
        n_gold += len(rows)
        n_eng += len(claims)
        cands = []
        for gi, g in enumerate(rows):
            for ci, c in enumerate(claims):
                o = min(g["content_end"], c["content"]["end"]) - max(g["content_start"], c["content"]["start"])
                if o > 0:
                    cands.append((o, gi, ci))
        cands.sort(reverse=True)
        gu, cu = set(), set()
        pairs = []
        for o, gi, ci in cands:
            if gi in gu or ci in cu:
                continue
            gu.add(gi)
            cu.add(ci)
            pairs.append((gi, ci))
        for gi, ci in pairs:
            g, c = rows[gi], claims[ci]
            paired += 1
            speaker = (c.get("speaker") or {}).get("name", "") if c.get("speaker") else ""
            ok_s = matches(g["speaker"], speaker)
            links = [l["name"] for l in c.get("chain", [])]
            glinks = g["chain"].split("|")
            ok_c = len(links) == len(glinks) and all(matches(a, n) for a, n in zip(glinks, links))
            ok_d = c.get("direct", False) == (g["direct"] == "y")
            gs, ge = trim(text, g["content_start"], g["content_end"])
            es, ee = trim(text, c["content"]["start"], c["content"]["end"])
            inter = max(0, min(ge, ee) - max(gs, es))
            union = max(ge, ee) - min(gs, es)
            ok_x = union > 0 and inter / union >= 0.8
            spk += ok_s
            chain += ok_c
            direct += ok_d
            exact += ok_x
            if args.details and not (ok_s and ok_c and ok_x):
                print(f"{d['doc']} gold[{g['speaker']} | {g['chain']}] engine[{speaker} | {' > '.join(links)}] "
                      f"span {'ok' if ok_x else 'OFF'}: {text[es:ee].decode('utf-8', 'replace')[:90]!r}")
        if args.details:
            for gi, g in enumerate(rows):
                if gi not in gu:
                    print(f"{d['doc']} MISSED [{g['speaker']}]: {text[g['content_start']:g['content_end']].decode('utf-8', 'replace')[:90]!r}")
            for ci, c in enumerate(claims):
                if ci not in cu:
                    print(f"{d['doc']} EXTRA: {c['content']['text'][:90]!r}")

    def pct(a, b):
        return f"{a}/{b} = {a / b:.2f}" if b else "-"

    print(f"documents {len(gold)}  gold claims {n_gold}  engine claims {n_eng}")
    print(f"precision {pct(paired, n_eng)}   recall {pct(paired, n_gold)}")
    print(f"over paired claims: speaker {pct(spk, paired)}  chain {pct(chain, paired)}  "
          f"direct/reported {pct(direct, paired)}  content span near-exact {pct(exact, paired)}")


if __name__ == "__main__":
    main()
