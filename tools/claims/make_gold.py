#!/usr/bin/env python3
"""Turn hand-written claim notes into tests/data/claims/claims_gold.tsv (offsets only).

The notes name each claim's content by its first and last words, so they quote the article
and stay outside the repository. This script finds those words in the text `parley annotate`
reads (its "text" field; nothing else of the engine's output is looked at) and writes byte
offsets, so the committed gold carries no article text.

Usage: tools/claims/make_gold.py NOTES.tsv [--corpus ../shared/corpus/dev] [--parley build/parley]
Notes columns: doc, occ (which occurrence of the start words), speaker, start, end, chain,
direct (y/n). speaker and chain links may list spellings of one source separated by "/";
chain links are separated by "|", outermost first.
"""
import argparse
import json
import os
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("notes")
    ap.add_argument("--corpus", default="../shared/corpus/dev")
    ap.add_argument("--parley", default="build/parley")
    ap.add_argument("--data", default="data")
    ap.add_argument("--out", default="tests/data/claims/claims_gold.tsv")
    args = ap.parse_args()
    rows = []
    with open(args.notes, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            if line.strip():
                rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))
    docs = sorted({r["doc"] for r in rows})
    env = dict(os.environ, PARLEY_DATA=os.path.abspath(args.data))
    out = subprocess.run([args.parley, "annotate", *[os.path.join(args.corpus, d) for d in docs]],
                         env=env, capture_output=True, text=True, check=True).stdout
    texts = {}
    for line in out.splitlines():
        d = json.loads(line)
        texts[d["doc"]] = d["text"].encode("utf-8")
    ok = True
    with open(args.out, "w", encoding="utf-8") as w:
        w.write("# Hand-checked claims (quotes and reported speech) in articles of ../shared/corpus/dev, by\n"
                "# the parley project. Offsets are UTF-8 byte offsets into the text `parley annotate`\n"
                "# prints; no article text is stored. Coding rules: tests/data/claims/README.md.\n")
        w.write("doc\tcontent_start\tcontent_end\tspeaker\tchain\tdirect\n")
        for r in rows:
            t = texts[r["doc"]]
            pos = -1
            for _ in range(int(r["occ"])):
                pos = t.find(r["start"].encode("utf-8"), pos + 1)
                if pos < 0:
                    break
            end = t.find(r["end"].encode("utf-8"), pos) if pos >= 0 else -1
            if pos < 0 or end < 0:
                print(f"not found: {r}", file=sys.stderr)
                ok = False
                continue
            end += len(r["end"].encode("utf-8"))
            w.write(f"{r['doc']}\t{pos}\t{end}\t{r['speaker']}\t{r['chain']}\t{r['direct']}\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
