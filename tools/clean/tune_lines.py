#!/usr/bin/env python3
"""Train the plain-text line classifier (data/clean/line_model.tsv) on the labelled
development set and report its removal precision/recall, cross-validated by document.

Labels: tests/data/clean/boilerplate_labels.tsv (file, line, sha1-12 of the trimmed line,
label). Features come from the C++ code itself (`parley clean --explain`), so training and
use cannot drift apart. The model is an L2-regularised logistic regression (plain batch
gradient descent: a few hundred lines and sixteen features need nothing more). Title lines
are left out of training: the headline is chosen by position and shape, not by this model.

  python3 tools/clean/tune_lines.py --parley build/parley --corpus ../shared/corpus/dev \
      [--write data/clean/line_model.tsv]
"""
import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REMOVED = {"boilerplate", "caption", "timestamp"}


def load_labels(path):
    labels = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f, n, h, lab = line.rstrip("\n").split("\t")
        labels[(f, int(n))] = (h, lab)
    return labels


def explain(parley, corpus, model=None):
    env = dict(os.environ)
    if model:
        env["PARLEY_LINE_MODEL"] = model
    out = subprocess.run([parley, "clean", corpus, "--explain"], capture_output=True, text=True,
                         env=env, check=False)
    rows = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
    return rows


def join(rows, labels):
    data = []
    for r in rows:
        key = (r["doc"], r["line"])
        if key not in labels:
            continue
        h, lab = labels[key]
        if hashlib.sha1(r["text"].encode()).hexdigest()[:12] != h:
            print(f"warning: {key} text changed since labelling", file=sys.stderr)
            continue
        data.append((r, lab))
    return data


def train(data, names, l2=0.01, iters=3000, lr=0.5):
    xs, ys = [], []
    for r, lab in data:
        if lab == "title":
            continue
        xs.append([r["features"][n] for n in names])
        ys.append(1.0 if lab in REMOVED else 0.0)
    w = [0.0] * len(names)
    m = len(xs)
    for _ in range(iters):
        g = [0.0] * len(names)
        for x, y in zip(xs, ys):
            z = sum(wi * xi for wi, xi in zip(w, x))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            d = p - y
            for k, xk in enumerate(x):
                g[k] += d * xk
        for k in range(len(w)):
            reg = 0.0 if names[k] == "bias" else l2 * w[k]
            w[k] -= lr * (g[k] / m + reg)
    return dict(zip(names, w))


def write_model(w, path, note):
    with open(path, "w") as f:
        f.write(f"# line classifier weights (logistic regression); {note}\n")
        for n, v in w.items():
            f.write(f"{n}\t{v:.6f}\n")


def removal_scores(data):
    tp = fp = fn = tn = 0
    title_ok = title_n = 0
    for r, lab in data:
        gold = lab != "body"
        pred = r["label"] != "body"
        tp += gold and pred
        fp += (not gold) and pred
        fn += gold and not pred
        tn += (not gold) and not pred
        if lab == "title":
            title_n += 1
            title_ok += r["label"] == "title"
    p = tp / (tp + fp) if tp + fp else 0.0
    r_ = tp / (tp + fn) if tp + fn else 0.0
    return {"lines": len(data), "removed_gold": tp + fn, "precision": round(p, 4), "recall": round(r_, 4),
            "f1": round(2 * p * r_ / (p + r_), 4) if p + r_ else 0.0,
            "title_accuracy": round(title_ok / title_n, 4) if title_n else None}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--parley", default=os.path.join(ROOT, "build/parley"))
    ap.add_argument("--corpus", default=os.path.join(ROOT, "../shared/corpus/dev"))
    ap.add_argument("--labels", default=os.path.join(ROOT, "tests/data/clean/boilerplate_labels.tsv"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=0.01, help="L2 penalty on the weights")
    ap.add_argument("--write", help="write the model trained on all documents here")
    a = ap.parse_args()
    labels = load_labels(a.labels)
    rows = explain(a.parley, a.corpus)
    data = join(rows, labels)
    names = list(data[0][0]["features"].keys())
    docs = sorted({r["doc"] for r, _ in data})
    cv_rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(a.folds):
            test_docs = {d for i, d in enumerate(docs) if i % a.folds == k}
            w = train([x for x in data if x[0]["doc"] not in test_docs], names, l2=a.l2)
            mp = os.path.join(tmp, f"fold{k}.tsv")
            write_model(w, mp, f"fold {k}")
            fold_data = join(explain(a.parley, a.corpus, mp), labels)
            cv_rows += [x for x in fold_data if x[0]["doc"] in test_docs]
        w = train(data, names, l2=a.l2)
        final = os.path.join(tmp, "all.tsv")
        write_model(w, final, "all")
        fit_data = join(explain(a.parley, a.corpus, final), labels)
    print(json.dumps({"cross_validated": removal_scores(cv_rows), "in_sample": removal_scores(fit_data)}))
    if a.write:
        write_model(w, a.write, f"trained by tools/clean/tune_lines.py on {len(docs)} documents of "
                                "../shared/corpus/dev, labels tests/data/clean/boilerplate_labels.tsv")


if __name__ == "__main__":
    main()
