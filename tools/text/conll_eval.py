#!/usr/bin/env python3
"""CoNLL 2018-style evaluation of a system CoNLL-U file against a gold one.

Words of both files are aligned by their character spans in the text with all whitespace
removed, so the system may tokenise differently from the gold file. Gold multiword tokens
("don't" -> "do" "n't") give their words consecutive spans when the word forms spell the
token; otherwise each such word takes the whole token span. Reports precision, recall and
F1 for Words and Sentences, and for UPOS, XPOS, Lemma, UAS, LAS (LAS also with universal
relations only, i.e. subtypes after ':' dropped, as in the CoNLL 2018 shared task).

Usage: tools/text/conll_eval.py GOLD.conllu SYSTEM.conllu
"""
import sys


def read(path):
    """Return (chars, sentences); each sentence is a list of word dicts with span, fields."""
    sents, cur, mwt = [], [], None
    chars = []
    pos = 0

    def flush():
        nonlocal cur
        if cur:
            sents.append(cur)
        cur = []

    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            flush()
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            sys.exit(f"{path}: bad line: {line!r}")
        wid = cols[0]
        if "." in wid:
            continue
        if "-" in wid:
            a, b = (int(x) for x in wid.split("-"))
            surface = "".join(cols[1].split())
            mwt = [a, b, surface, pos]
            chars.append(surface)
            pos += len(surface)
            continue
        form = "".join(cols[1].split())
        i = int(wid)
        if mwt and mwt[0] <= i <= mwt[1]:
            a, b, surface, start = mwt
            # consecutive spans when the words spell the token (case-insensitively)
            off = sum(len(w["form"]) for w in cur if w["mwt"] == a)
            if surface.lower().startswith("".join(w["form"] for w in cur if w["mwt"] == a).lower() + form.lower()) \
                    and (i < b or off + len(form) == len(surface)):
                span = (start + off, start + off + len(form))
            else:
                span = (start, start + len(surface))
            if i == b:
                mwt = None
            mw = a
        else:
            span = (pos, pos + len(form))
            chars.append(form)
            pos += len(form)
            mw = None
        cur.append({"id": i, "form": form, "span": span, "lemma": cols[2], "upos": cols[3], "xpos": cols[4],
                    "head": int(cols[6]) if cols[6].isdigit() else -1, "deprel": cols[7], "mwt": mw})
    flush()
    return "".join(chars), sents


def prf(correct, gold, system):
    p = correct / system if system else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    gchars, gold = read(sys.argv[1])
    schars, system = read(sys.argv[2])
    if gchars != schars:
        k = next((i for i in range(min(len(gchars), len(schars))) if gchars[i] != schars[i]),
                 min(len(gchars), len(schars)))
        sys.exit(f"the files' texts differ at non-space character {k}: gold {gchars[k:k+30]!r}, "
                 f"system {schars[k:k+30]!r}")

    def index(sents):
        words, spans = [], {}
        for s in sents:
            for w in s:
                w["sent"] = s
                words.append(w)
        for w in words:
            h = w["head"]
            w["head_span"] = None if h <= 0 else w["sent"][h - 1]["span"]
            if h == 0:
                w["head_span"] = "root"
            spans.setdefault(w["span"], w)
        return words, spans

    gwords, gspans = index(gold)
    swords, sspans = index(system)
    aligned = [(g, sspans[g["span"]]) for g in gwords if g["span"] in sspans and sspans[g["span"]]["span"] == g["span"]]
    # A gold span may be shared by several words of an unsplittable multiword token: count once.
    seen, pairs = set(), []
    for g, s in aligned:
        if id(s) not in seen:
            seen.add(id(s))
            pairs.append((g, s))

    def uni(d):
        return d.split(":")[0]

    rows = [("Words", len(pairs))]
    rows.append(("UPOS", sum(g["upos"] == s["upos"] for g, s in pairs)))
    rows.append(("XPOS", sum(g["xpos"] == s["xpos"] for g, s in pairs)))
    rows.append(("Lemma", sum(g["lemma"] == s["lemma"] for g, s in pairs)))
    rows.append(("UAS", sum(g["head_span"] == s["head_span"] for g, s in pairs)))
    rows.append(("LAS", sum(g["head_span"] == s["head_span"] and g["deprel"] == s["deprel"] for g, s in pairs)))
    rows.append(("LAS-universal", sum(g["head_span"] == s["head_span"] and uni(g["deprel"]) == uni(s["deprel"])
                                      for g, s in pairs)))
    gsent = {(s[0]["span"][0], s[-1]["span"][1]) for s in gold}
    ssent = {(s[0]["span"][0], s[-1]["span"][1]) for s in system}
    print(f"{'Metric':<14} {'Precision':>9} {'Recall':>9} {'F1':>9}")
    for name, correct in rows:
        p, r, f = prf(correct, len(gwords), len(swords))
        print(f"{name:<14} {p:9.2f} {r:9.2f} {f:9.2f}")
    p, r, f = prf(len(gsent & ssent), len(gsent), len(ssent))
    print(f"{'Sentences':<14} {p:9.2f} {r:9.2f} {f:9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
