#!/usr/bin/env python3
"""Write a jack-knifed copy of a CoNLL-U training file: UPOS/XPOS replaced by the tags of a
tagger that never saw that sentence; heads, relations and everything else stay gold.

Why a separate tool: `parley train parser --jackknife K` retrains the K taggers on every
run, which doubles the cost of each parser experiment. This writes the tagged file once;
then `parley train parser --jackknife 0 --conllu TAGGED` trains on it directly.

Folds are sentence index modulo K (as in `parley train parser --jackknife`); each fold's
tagger is trained with `parley train tagger` (default settings plus --epochs/--seed given
here), and the held-out fold is tagged with `parley parse --conllu`.

Usage: tools/text/jackknife.py TRAIN.conllu OUT.conllu [--k 5] [--epochs 10] [--seed 1]
           [--parley build/parley] [--work /tmp/jackknife]
"""
import argparse
import os
import subprocess
import sys


def read_blocks(path):
    """Sentences as lists of raw lines (comments, multiword ranges and word lines)."""
    blocks, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if cur:
                    blocks.append(cur)
                cur = []
            else:
                cur.append(line)
    if cur:
        blocks.append(cur)
    return blocks


def is_word(line):
    first = line.split("\t", 1)[0]
    return not line.startswith("#") and first.isdigit()


def write_blocks(path, blocks):
    with open(path, "w", encoding="utf-8") as f:
        for b in blocks:
            f.write("\n".join(b) + "\n\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("train")
    ap.add_argument("out")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--parley", default="build/parley")
    ap.add_argument("--work", default="/tmp/jackknife")
    a = ap.parse_args()
    if a.k < 2:
        sys.exit("jackknife.py: --k must be at least 2")
    os.makedirs(a.work, exist_ok=True)
    blocks = read_blocks(a.train)
    out = [list(b) for b in blocks]
    for fold in range(a.k):
        rest = [b for i, b in enumerate(blocks) if i % a.k != fold]
        held_idx = [i for i in range(len(blocks)) if i % a.k == fold]
        d = os.path.join(a.work, f"fold{fold}")
        os.makedirs(d, exist_ok=True)
        write_blocks(os.path.join(d, "rest.conllu"), rest)
        write_blocks(os.path.join(d, "held.conllu"), [blocks[i] for i in held_idx])
        subprocess.run([a.parley, "train", "tagger", "--conllu", os.path.join(d, "rest.conllu"),
                        "--out", os.path.join(d, "tagger.bin"), "--epochs", str(a.epochs),
                        "--seed", str(a.seed)], check=True, stderr=subprocess.DEVNULL)
        with open(os.path.join(d, "pred.conllu"), "w", encoding="utf-8") as f:
            subprocess.run([a.parley, "parse", "--conllu", os.path.join(d, "held.conllu"),
                            "--models", d], check=True, stdout=f)
        pred = read_blocks(os.path.join(d, "pred.conllu"))
        if len(pred) != len(held_idx):
            sys.exit(f"jackknife.py: fold {fold}: {len(pred)} tagged sentences, expected {len(held_idx)}")
        for i, p in zip(held_idx, pred):
            tags = [l.split("\t")[3:5] for l in p if is_word(l)]
            lines = out[i]
            j = 0
            for n, line in enumerate(lines):
                if is_word(line):
                    cols = line.split("\t")
                    cols[3:5] = tags[j]
                    lines[n] = "\t".join(cols)
                    j += 1
            if j != len(tags):
                sys.exit(f"jackknife.py: sentence {i + 1}: word count differs after tagging")
        print(f"fold {fold + 1}/{a.k} tagged", file=sys.stderr)
    write_blocks(a.out, out)


if __name__ == "__main__":
    main()
