#!/usr/bin/env python3
"""TempEval-3 TIMEX3 scorer (the metric in ../shared/README.md).

For every gold file in GOLD_DIR with a same-named file in SYS_DIR, the TIMEX3 tags inside
<TEXT> are read as character spans over the tag-stripped text (the DCT lives outside <TEXT>,
so it is never counted; a TIMEX3 with functionInDocument="CREATION_TIME" is skipped too).

  strict:   a system timex and a gold timex with identical spans
  relaxed:  overlapping spans (each gold and each system timex matched at most once)
  type/value: relaxed matches whose attribute is also equal
P = matches / system timexes, R = matches / gold timexes, F1 = harmonic mean, micro-averaged
over all files. --dump writes one line per gold/system timex with its match status, for
error analysis.
"""
import argparse
import html
import os
import re
import sys

TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')


def read_timexes(path):
    with open(path, encoding="utf-8") as f:
        xml = f.read()
    b = xml.find("<TEXT>")
    e = xml.find("</TEXT>")
    if b < 0 or e < 0 or e < b:
        raise ValueError(f"{path}: no <TEXT> element")
    inner = xml[b + 6 : e]
    plain = []
    pos = 0  # offset in plain text
    out = []
    open_tx = None
    # Walk the string once: text between tags is copied, tags are interpreted.
    last = 0
    for m in TAG.finditer(inner):
        text = inner[last : m.start()]
        plain.append(text)
        pos += len(text)
        last = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            a = dict(ATTR.findall(attrs))
            open_tx = (pos, a)
        elif open_tx is not None:
            start, a = open_tx
            open_tx = None
            if a.get("functionInDocument") == "CREATION_TIME":
                continue
            out.append({"start": start, "end": pos, "type": a.get("type", ""),
                        "value": a.get("value", ""), "mod": a.get("mod", "")})
    plain.append(inner[last:])
    text = "".join(plain)
    for t in out:
        t["text"] = text[t["start"] : t["end"]]
    return text, out


def prf(match, nsys, ngold):
    p = match / nsys if nsys else 0.0
    r = match / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold_dir")
    ap.add_argument("sys_dir")
    ap.add_argument("--dump", help="write per-timex match lines (TSV) to this file")
    args = ap.parse_args()

    n_sys = n_gold = strict = relaxed = typ = val = 0
    files = 0
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None
    for name in sorted(os.listdir(args.gold_dir)):
        if not name.endswith(".tml"):
            continue
        sp = os.path.join(args.sys_dir, name)
        if not os.path.exists(sp):
            print(f"missing system file: {sp}", file=sys.stderr)
            continue
        gtext, gold = read_timexes(os.path.join(args.gold_dir, name))
        stext, syst = read_timexes(sp)
        if gtext != stext:
            print(f"{name}: system text differs from gold text", file=sys.stderr)
        files += 1
        n_sys += len(syst)
        n_gold += len(gold)
        used = set()
        sys_match = {}
        # strict matches first so a relaxed pairing never steals an exact one
        for i, s in enumerate(syst):
            for j, g in enumerate(gold):
                if j not in used and g["start"] == s["start"] and g["end"] == s["end"]:
                    used.add(j)
                    sys_match[i] = j
                    break
        for i, s in enumerate(syst):
            if i in sys_match:
                continue
            for j, g in enumerate(gold):
                if j not in used and g["start"] < s["end"] and s["start"] < g["end"]:
                    used.add(j)
                    sys_match[i] = j
                    break
        for i, j in sys_match.items():
            s, g = syst[i], gold[j]
            relaxed += 1
            strict += s["start"] == g["start"] and s["end"] == g["end"]
            typ += s["type"] == g["type"]
            val += s["value"] == g["value"]
        if dump:
            for i, s in enumerate(syst):
                if i in sys_match:
                    g = gold[sys_match[i]]
                    st = "exact" if (s["start"], s["end"]) == (g["start"], g["end"]) else "overlap"
                    ok = "ok" if s["value"] == g["value"] else "VALUE"
                    dump.write(f"{name}\t{st}\t{ok}\t{s['text']!r}\t{s['type']}\t{s['value']}\t{g['text']!r}\t{g['type']}\t{g['value']}\n")
                else:
                    dump.write(f"{name}\tFP\t-\t{s['text']!r}\t{s['type']}\t{s['value']}\t\t\t\n")
            for j, g in enumerate(gold):
                if j not in used:
                    dump.write(f"{name}\tFN\t-\t\t\t\t{g['text']!r}\t{g['type']}\t{g['value']}\n")
    if dump:
        dump.close()
    print(f"files {files}  gold {n_gold}  system {n_sys}")
    for label, m in (("strict", strict), ("relaxed", relaxed), ("type", typ), ("value", val)):
        p, r, f = prf(m, n_sys, n_gold)
        print(f"{label:8s} P {100*p:5.1f}  R {100*r:5.1f}  F1 {100*f:5.1f}")


if __name__ == "__main__":
    main()
