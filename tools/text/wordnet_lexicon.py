#!/usr/bin/env python3
"""Convert WordNet 3.0 (Debian package wordnet-base) into data/text/wordnet_pos.tsv.

The tagger uses the file as a lexicon feature for words it never saw in training: which
open word classes a word can have, whether WordNet lists it only with a capital letter
(a name), and which class its hand-tagged senses favour.

Usage: python3 tools/text/wordnet_lexicon.py [/usr/share/wordnet] > data/text/wordnet_pos.tsv

Output, one single-word entry per line, sorted: word<TAB>classes<TAB>dominant
  word      lower-cased WordNet lemma or irregular inflected form
  classes   letters: n common noun, p name (noun lemma only ever capitalised), v verb,
            a adjective, r adverb; upper-case N V A: irregular inflection of a noun, verb
            or adjective (from the *.exc files)
  dominant  the class (n v a r) with most hand-tagged senses, or - when none are tagged
"""
import os
import sys

POS_FILES = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}


def single_word(w):
    # Multi-word lemmas (underscores) never match one token; keep words of letters,
    # digits, hyphens, periods and apostrophes only.
    return w and "_" not in w and all(c.isalnum() or c in "-.'" for c in w)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
    classes = {}
    lower_noun = set()
    cap_noun = set()
    tagged = {}
    for name, cls in POS_FILES.items():
        # data.* keeps the lemma's case: a noun seen only capitalised is a name.
        with open(os.path.join(root, "data." + name), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                parts = line.split(" ")
                n = int(parts[3], 16)
                for k in range(n):
                    w = parts[4 + 2 * k]
                    if cls == "a" and w.endswith(")"):
                        w = w[: w.rfind("(")]
                    if not single_word(w):
                        continue
                    low = w.lower()
                    classes.setdefault(low, set()).add(cls)
                    if cls == "n":
                        (lower_noun if w == low else cap_noun).add(low)
        # index.* gives the number of hand-tagged senses per lemma and class.
        with open(os.path.join(root, "index." + name), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                parts = line.split()
                w = parts[0]
                if not single_word(w):
                    continue
                p_cnt = int(parts[3])
                tag_cnt = int(parts[5 + p_cnt])
                tagged.setdefault(w.lower(), {})[cls] = tag_cnt
        exc = os.path.join(root, name + ".exc")
        if cls != "r" and os.path.exists(exc):
            with open(exc, encoding="latin-1") as f:
                for line in f:
                    parts = line.split()
                    if len(parts) >= 2 and single_word(parts[0]):
                        classes.setdefault(parts[0].lower(), set()).add(cls.upper())
    out = sys.stdout
    out.write("# Converted from WordNet 3.0 by tools/text/wordnet_lexicon.py; WordNet license: data/text/README.md\n")
    out.write("word\tclasses\tdominant\n")
    for w in sorted(classes):
        cs = classes[w]
        letters = ""
        for c in "npvarNVA":
            if c == "n":
                if "n" in cs and w in lower_noun:
                    letters += "n"
            elif c == "p":
                if "n" in cs and w not in lower_noun:
                    letters += "p"
                elif w in cap_noun:
                    letters += "c"
            elif c in cs:
                letters += c
        t = tagged.get(w, {})
        best = max(t.items(), key=lambda kv: (kv[1], kv[0]), default=(None, 0))
        dom = best[0] if best[1] > 0 else "-"
        out.write(f"{w}\t{letters}\t{dom}\n")


if __name__ == "__main__":
    main()
