#!/usr/bin/env python3
"""Rebuild the raw text of a UD CoNLL-U file from its `# text =` lines.

Sentences of one paragraph are joined by a space, paragraphs and documents by a blank
line (as in the CoNLL 2018 shared task's raw input). Usage:
    tools/text/ewt_raw.py en_ewt-ud-dev.conllu > dev.txt
"""
import sys


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    paras = []  # list of lists of sentence texts
    for line in open(sys.argv[1], encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# newdoc") or line.startswith("# newpar"):
            paras.append([])
        elif line.startswith("# text = "):
            if not paras:
                paras.append([])
            paras[-1].append(line[len("# text = "):])
    sys.stdout.write("\n\n".join(" ".join(p) for p in paras if p) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
