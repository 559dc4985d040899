#!/usr/bin/env python3
"""Print person-mention candidates of a raw article with byte offsets, for hand annotation.

Candidates come from surface patterns only (capitalised word runs, he/she, role phrases), not
from parley, so the gold stays independent of the system. usage: candidates.py FILE...
"""
import re
import sys

ROLE = r"(?:foreign minister|secretary of state|president|prime minister|leader|counterpart|diplomat|minister|spokes(?:man|woman|person)|chancellor|national security adviser|top diplomat|head of [\w ]+?)"
PAT = re.compile(
    r"\b(?:[Hh]e|[Ss]he)\b"
    r"|(?:\b[Tt]he |\b[Hh]is |\b[Hh]er )?(?:[A-Z][\w.'’-]* )?" + ROLE + r"\b"
    r"|\b[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*)*"
)

for path in sys.argv[1:]:
    raw = open(path, "rb").read()
    text = raw.decode("utf-8", "replace")
    # byte offsets
    for m in PAT.finditer(text):
        s = len(text[: m.start()].encode())
        e = len(text[: m.end()].encode())
        ctx = text[max(0, m.start() - 35): m.end() + 25].replace("\n", " ")
        print(f"{path.split('/')[-1]}\t{s}\t{e}\t{m.group(0)!r}\t| {ctx}")
