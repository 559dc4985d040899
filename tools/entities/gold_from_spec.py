#!/usr/bin/env python3
"""Turn a hand-written annotation spec into the committed gold file (offsets only, no text).

Spec lines (kept outside the repository, since they quote the articles):
    file|surface|n|kb_id|kind      n = which word-bounded, case-sensitive occurrence
Output (tests/data/entities/linking_gold.tsv): file, raw byte start/end, kind, kb_id (NIL =
a person not in the knowledge base), crc32 of the surface so a changed corpus is detected.

usage: gold_from_spec.py SPEC CORPUS_DIR > tests/data/entities/linking_gold.tsv
       gold_from_spec.py --check SPEC CORPUS_DIR   (print each row with its context)
"""
import re
import sys
import zlib


def main():
    check = sys.argv[1] == "--check"
    spec, corpus = sys.argv[-2], sys.argv[-1]
    if not check:
        print("# Hand-annotated person mentions in ../shared/corpus/dev (parley project). Offsets are raw")
        print("# UTF-8 byte offsets into the file; crc32 is of the mention's bytes. Built by")
        print("# tools/entities/gold_from_spec.py; see tests/data/entities/README.md.")
        print("file\tstart\tend\tkind\tkb_id\tcrc32")
    for line in open(spec, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        f, surface, n, kb, kind = line.split("|")
        raw = open(f"{corpus}/{f}.txt", "rb").read()
        text = raw.decode("utf-8")
        ms = [m for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text)]
        m = ms[int(n) - 1]
        s, e = len(text[: m.start()].encode()), len(text[: m.end()].encode())
        if check:
            print(f"{f}\t{kb}\t{kind}\t| {text[max(0, m.start() - 50): m.end() + 20]!r}")
        else:
            print(f"{f}.txt\t{s}\t{e}\t{kind}\t{kb}\t{zlib.crc32(raw[s:e]):08x}")


if __name__ == "__main__":
    main()
