#!/usr/bin/env python3
"""Group the per-timex errors of `te3_score.py --dump` files into general classes and count them.

Usage: tools/time/error_classes.py DUMP.tsv [DUMP.tsv ...] [--examples CLASS]

An error is one of: missed (FN), spurious (FP), extent (relaxed but not strict match), type
(relaxed match, other type), value (relaxed match, other value); one timex can be an extent,
a type and a value error at once. The class comes from the words of the gold timex (or of the
system's for a spurious one), tried in the order of CLASSES below: a rough grouping for error
analysis on the development parts only, never for scoring.
"""
import argparse
import collections
import csv
import re
import sys

WEEKDAY = r"(mon|tues|wednes|thurs|fri|satur|sun)day"
MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
CLASSES = [
    ("weekday + part of day", rf"\b{WEEKDAY}s? (night|morning|evening|afternoon)"),
    ("weekday", rf"\b{WEEKDAY}"),
    ("year ago / year earlier", r"year[- ](ago|earlier)|a year (ago|earlier)"),
    ("quarter / half / period", r"quarter|\bhalf\b|\bperiod\b|\bq[1-4]\b"),
    ("week", r"\bweek(end)?\b"),
    ("month or day without year", rf"^(the )?(early |late |mid-?)?{MONTH}( \d+)?$|^(last|next|this) {MONTH}"),
    ("vague plural stretch", r"\b(recent|past|last|coming|next|few|several|many)\b.*s$|^(days|weeks|months|years|decades)"),
    ("reference adverb", r"^(right )?now$|current|recent|future|soon|previous|already|then|once|yet|past|present|today|tonight|tomorrow|yesterday"),
    ("frequency / set", r"daily|weekly|monthly|annual|yearly|hourly|quarterly|\bevery\b|\beach\b|\bper\b"),
    ("duration", r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an|several|few)\b.*\b(second|minute|hour|day|week|month|year|decade|centur)"),
    ("year / decade / century", r"\b(1[6-9]|20)\d\d\b|'\d0s|century|decade|nineteen|year"),
]


def classify(text):
    t = text.lower().strip("'\"")
    for name, rx in CLASSES:
        if re.search(rx, t):
            return name
    return "other"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dumps", nargs="+")
    ap.add_argument("--examples", help="print the errors of this class")
    args = ap.parse_args()
    counts = collections.Counter()
    examples = collections.defaultdict(list)
    for path in args.dumps:
        with open(path, encoding="utf-8") as f:
            for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                name, status, ok, stext, stype, sval, gtext, gtype, gval = (row + [""] * 9)[:9]
                kinds = []
                if status == "FN":
                    kinds = ["missed"]
                elif status == "FP":
                    kinds = ["spurious"]
                else:
                    if status == "overlap":
                        kinds.append("extent")
                    if stype != gtype:
                        kinds.append("type")
                    if ok == "VALUE":
                        kinds.append("value")
                cls = classify(gtext or stext)
                for k in kinds:
                    counts[(cls, k)] += 1
                    examples[cls].append(f"{k:8s} {name:28s} sys {stext} {stype} {sval} | gold {gtext} {gtype} {gval}")
    kinds = ["missed", "spurious", "extent", "type", "value"]
    classes = sorted({c for c, _ in counts}, key=lambda c: -sum(counts[(c, k)] for k in kinds))
    print(f"{'class':28s} " + " ".join(f"{k:>8s}" for k in kinds) + "    all")
    for c in classes:
        row = [counts[(c, k)] for k in kinds]
        print(f"{c:28s} " + " ".join(f"{n:8d}" for n in row) + f" {sum(row):6d}")
    total = [sum(counts[(c, k)] for c in classes) for k in kinds]
    print(f"{'total':28s} " + " ".join(f"{n:8d}" for n in total) + f" {sum(total):6d}")
    if args.examples:
        print("\n".join(examples.get(args.examples, [])))


if __name__ == "__main__":
    sys.exit(main())
