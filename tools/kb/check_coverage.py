#!/usr/bin/env python3
"""Which offices the curated overlay covers for 2015-2025, and where it has gaps.

Reads data/kb/overlay_roles.tsv and prints, for the G20 states and Ukraine and for the main
international bodies, every stretch of more than 45 days in 2015-01-01 .. 2025-12-31 with no
holder of the office. Some gaps are structural (no such office: Turkey has had no prime
minister since 2018-07-09; several states have no national security adviser); those are
recorded as data in data/kb/offices_absent.tsv and counted apart, so that only missing rows
remain as gaps. Usage: python3 tools/kb/check_coverage.py [overlay_roles.tsv [offices_absent.tsv]]
"""
import datetime as dt
import sys
import os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tsvdata import read_tsv  # noqa: E402

PATH = sys.argv[1] if len(sys.argv) > 1 else "data/kb/overlay_roles.tsv"
ABSENT_PATH = sys.argv[2] if len(sys.argv) > 2 else "data/kb/offices_absent.tsv"
STATES = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX",
          "RUS", "SAU", "ZAF", "TUR", "GBR", "USA", "UKR"]
ROLES = ["head_of_state", "head_of_government", "foreign_minister", "defence_minister",
         "spokesperson_foreign_ministry", "national_security_adviser"]
BODIES = [("Q:un", "secretary_general"), ("Q:nato", "secretary_general"),
          ("Q:european_commission", "commission_president"), ("Q:european_council", "council_president"),
          ("Q:eu", "high_representative")]
LO, HI = dt.date(2015, 1, 1), dt.date(2025, 12, 31)
SLACK = dt.timedelta(days=45)


def date(s, end=False):
    if not s:
        return dt.date(2100, 1, 1) if end else dt.date(1900, 1, 1)
    p = [int(x) for x in s.split("-")]
    y, m = p[0], p[1] if len(p) > 1 else (12 if end else 1)
    d = p[2] if len(p) > 2 else (28 if end else 1)
    return dt.date(y, m, d)


rows = read_tsv(PATH)[1]
# Stretches where the office does not exist or was vacant: they close a gap just as a holder
# would, but are reported apart so a reader sees what is structural and what is still missing.
try:
    absent = read_tsv(ABSENT_PATH)[1]
except FileNotFoundError:
    absent = []


def clip(spans):
    return [(max(date(a), LO), min(date(b, True), HI)) for a, b in spans]


def uncovered(spans):
    out, covered = [], LO
    for a, b in sorted(spans):
        if a > covered + SLACK:
            out.append((covered, a))
        covered = max(covered, b)
    if covered < HI - SLACK:
        out.append((covered, HI))
    return out


def gaps(role, field, value):
    held = clip((r["start"], r["end"]) for r in rows if r["role"] == role and r[field] == value)
    none = clip((r["start"], r["end"]) for r in absent if r["role"] == role and r["country"] == value)
    return uncovered(held + none)


# The count alone can rise when a row splits one long gap into two short ones, so the days
# still uncovered are summed too: that total is what a new row must bring down.
missing = 0
missing_days = 0
for c in STATES:
    for r in ROLES:
        for a, b in gaps(r, "country", c):
            missing += 1
            missing_days += (b - a).days
            print(f"{c}\t{r}\t{a} .. {b}")
for org, r in BODIES:
    for a, b in gaps(r, "org", org):
        missing += 1
        missing_days += (b - a).days
        print(f"{org}\t{r}\t{a} .. {b}")
for r in absent:
    print(f"# no holder by design: {r['country']}\t{r['role']}\t{r['start']} .. {r['end'] or 'open'}\t{r['kind']}")
print(f"{missing} gaps of more than {SLACK.days} days, {missing_days} office-days uncovered "
      f"({len(absent)} stretches with no such office or a "
      f"vacancy recorded in {ABSENT_PATH})", file=sys.stderr)
