#!/usr/bin/env python3
"""Deterministic split of TempEval-3 AQUAINT (73 files) into AQ-dev and AQ-test.

The .tml file names are sorted; files at even positions (0, 2, 4, ...) go to AQ-dev (37 files,
errors may be inspected while developing), files at odd positions to AQ-test (36 files, scored
only, never inspected). The lists are written to tools/time/aquaint_dev.txt and
aquaint_test.txt; with --link DIR, DIR/aq_dev and DIR/aq_test are filled with symlinks to the
gold files so that te3_score.py can score each part.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("aquaint_dir")
    ap.add_argument("--link", help="make DIR/aq_dev and DIR/aq_test with symlinks to the gold files")
    args = ap.parse_args()
    names = sorted(n for n in os.listdir(args.aquaint_dir) if n.endswith(".tml"))
    if len(names) != 73:
        print(f"warning: expected 73 AQUAINT files, found {len(names)}", file=sys.stderr)
    parts = {"dev": names[0::2], "test": names[1::2]}
    for part, files in parts.items():
        with open(os.path.join(HERE, f"aquaint_{part}.txt"), "w", encoding="utf-8") as f:
            f.write("".join(n + "\n" for n in files))
        if args.link:
            d = os.path.join(args.link, f"aq_{part}")
            os.makedirs(d, exist_ok=True)
            for n in files:
                dst = os.path.join(d, n)
                if not os.path.lexists(dst):
                    os.symlink(os.path.abspath(os.path.join(args.aquaint_dir, n)), dst)
        print(f"AQ-{part}: {len(files)} files")


if __name__ == "__main__":
    main()
