#!/usr/bin/env python3
"""UPOS accuracy of a predicted CoNLL-U file split by words seen / never seen in training,
and the most frequent UPOS confusions.

Usage: python3 tools/text/tagger_errors.py TRAIN.conllu GOLD.conllu PRED.conllu
Both GOLD and PRED must have the same word lines (gold tokenisation)."""
import collections
import sys


def words(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            out.append(cols)
    return out


def main():
    train, gold, pred = sys.argv[1:4]
    seen = {w[1] for w in words(train)}
    g, p = words(gold), words(pred)
    if len(g) != len(p):
        sys.exit(f"{gold} has {len(g)} words, {pred} has {len(p)}")
    stats = {True: [0, 0], False: [0, 0]}
    confusions = collections.Counter()
    xpos = lemma = 0
    for a, b in zip(g, p):
        known = a[1] in seen
        stats[known][1] += 1
        if a[3] == b[3]:
            stats[known][0] += 1
        else:
            confusions[(a[3], b[3], "seen" if known else "unseen")] += 1
        xpos += a[4] == b[4]
        lemma += a[2] == b[2]
    n = len(g)
    print(f"words {n}: UPOS {100 * (stats[True][0] + stats[False][0]) / n:.2f} XPOS {100 * xpos / n:.2f} "
          f"lemma {100 * lemma / n:.2f}")
    for k, name in ((True, "seen"), (False, "unseen")):
        r, t = stats[k]
        print(f"  {name}: {t} words ({100 * t / n:.1f}%), UPOS {100 * r / max(t, 1):.2f}")
    print("top confusions (gold -> predicted):")
    for (a, b, k), c in confusions.most_common(15):
        print(f"  {c:5d} {a:>6} -> {b:<6} {k}")


if __name__ == "__main__":
    main()
