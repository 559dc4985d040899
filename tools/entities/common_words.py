#!/usr/bin/env python3
"""Write data/entities/common_words.tsv: English words that are mostly written in lower case.

A knowledge-base alias that is one of these words ("Judge", "Bill", "Mark", "Will", "Grant")
is only taken as a name when the context supports it (see src/entities/link.cpp). The list
is derived from UD English EWT (CC BY-SA 4.0): a word is common when it occurs at least
`MIN` times in lower case and its lower-case occurrences outnumber capitalised ones outside
sentence-initial position.

usage: tools/entities/common_words.py [../shared/data/ud-english-ewt] > data/entities/common_words.tsv
"""
import collections
import glob
import sys

MIN = 3


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/ud-english-ewt"
    low = collections.Counter()
    cap = collections.Counter()
    for path in sorted(glob.glob(src + "/*.conllu")):
        first = True
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line:
                    first = True
                    continue
                if line.startswith("#"):
                    continue
                cols = line.split("\t")
                if len(cols) < 4 or "-" in cols[0] or "." in cols[0]:
                    continue
                w = cols[1]
                if not w.isalpha():
                    first = False
                    continue
                if w.islower():
                    low[w] += 1
                elif w[0].isupper() and not first and not w.isupper():
                    cap[w.lower()] += 1
                first = False
    words = sorted(w for w, n in low.items() if n >= MIN and n > cap[w])
    print("# English words mostly written in lower case (derived from UD English EWT, CC BY-SA 4.0,")
    print("# by tools/entities/common_words.py; do not edit by hand).")
    print("word\tlower\tcapitalised")
    for w in words:
        print(f"{w}\t{low[w]}\t{cap[w]}")


if __name__ == "__main__":
    main()
