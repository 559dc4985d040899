#!/usr/bin/env python3
"""Sanity checks for parley's actor knowledge base (data/kb).

    python3 tools/kb/check_kb.py [--kb data/kb] [--strict]

Errors (exit status 1): malformed rows, duplicate kb_ids within a file,
roles pointing at unknown actors/organisations, unknown role codes (the
vocabulary is the table in data/kb/ROLES.md), unparsable dates, start > end,
unknown country codes, and (in the curated overlay) two holders of a
single-holder office of the same country/organisation whose terms certainly
overlap by more than GRACE_DAYS.  Phoenix-derived overlaps are only counted
(the source data has them; the overlay supersedes Phoenix for 2015 onwards).
Warnings are printed but do not fail the run unless --strict is given.
Standard library only.
"""

import argparse
import calendar
import datetime
import os
import re
import sys

GRACE_DAYS = 7
SINGLE_HOLDER = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
                 "national_security_adviser", "un_ambassador", "presidential_spokesperson",
                 "vice_president", "secretary_general", "director_general",
                 "commission_president", "council_president", "high_representative",
                 "finance_minister", "interior_minister", "military_chief", "crown_prince",
                 "legislature_speaker", "party_leader"}
HISTORICAL = {"SUN", "DDR", "YUG", "SCG", "CSK"}  # ISO 3166-3 codes kept for old Phoenix roles

HEADERS = {
    "countries.tsv": ["iso3", "iso2", "name", "aliases", "demonyms", "capital", "metonyms", "cameo"],
    "countries_curated.tsv": ["iso3", "name", "aliases", "demonyms", "capital", "metonyms", "cameo"],
    "actors.tsv": ["kb_id", "type", "name", "country", "aliases", "source"],
    "roles.tsv": ["kb_id", "role", "org", "country", "start", "end", "source"],
    "overlay_actors.tsv": ["kb_id", "type", "name", "country", "aliases", "source", "note"],
    "overlay_roles.tsv": ["kb_id", "role", "org", "country", "start", "end", "source", "note"],
    "role_titles.tsv": ["role", "country", "title", "aliases"],
    "agents.tsv": ["phrase", "role", "sector", "country_hint"],
    "agents_curated.tsv": ["phrase", "role", "sector", "country_hint"],
}

KNOWN = [
    ("foreign_minister", "USA", "2022-01-21", "Q:antony_blinken"),
    ("foreign_minister", "USA", "2019-06-01", "Q:mike_pompeo"),
    ("foreign_minister", "USA", "2017-06-01", "Q:rex_tillerson"),
    ("foreign_minister", "USA", "2015-06-01", "Q:john_kerry"),
    ("foreign_minister", "USA", "2025-06-01", "Q:marco_rubio"),
    ("foreign_minister", "RUS", "2021-12-01", "Q:sergey_lavrov"),
    ("foreign_minister", "UKR", "2022-02-24", "Q:dmytro_kuleba"),
    ("foreign_minister", "UKR", "2024-10-01", "Q:andrii_sybiha"),
    ("foreign_minister", "CHN", "2023-03-01", "Q:qin_gang"),
    ("foreign_minister", "CHN", "2022-06-01", "Q:wang_yi"),
    ("foreign_minister", "CHN", "2024-01-01", "Q:wang_yi"),
    ("foreign_minister", "TUR", "2019-01-01", "Q:mevlut_cavusoglu"),
    ("foreign_minister", "TUR", "2024-01-01", "Q:hakan_fidan"),
    ("foreign_minister", "IND", "2022-01-01", "Q:subrahmanyam_jaishankar"),
    ("head_of_state", "UKR", "2022-02-24", "Q:volodymyr_zelensky"),
    ("head_of_state", "RUS", "2022-02-24", "Q:vladimir_putin"),
    ("head_of_state", "USA", "2022-02-24", "Q:joe_biden"),
    ("head_of_government", "GBR", "2022-10-01", "Q:liz_truss"),
    ("head_of_government", "DEU", "2022-02-24", "Q:olaf_scholz"),
    ("presidential_spokesperson", "RUS", "2022-02-24", "Q:dmitry_peskov"),
    ("spokesperson_foreign_ministry", "RUS", "2022-02-24", "Q:maria_zakharova"),
    ("national_security_adviser", "USA", "2022-02-24", "Q:jake_sullivan"),
    ("secretary_general", "Q:nato", "2022-02-24", "Q:jens_stoltenberg"),
    ("secretary_general", "Q:un", "2022-02-24", "Q:antonio_guterres"),
    ("high_representative", "Q:eu", "2022-02-24", "Q:josep_borrell"),
]

errors = []
warnings = []


def err(msg):
    errors.append(msg)


def warn(msg):
    warnings.append(msg)


def load(kb, fname):
    path = os.path.join(kb, fname)
    rows = []
    header = None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("#") or not line.strip():
                continue
            cols = line.split("\t")
            if header is None:
                header = cols
                if header != HEADERS[fname]:
                    err("%s: header %r, expected %r" % (fname, header, HEADERS[fname]))
                continue
            if len(cols) != len(header):
                err("%s:%d: %d columns, expected %d" % (fname, n, len(cols), len(header)))
                continue
            for c in cols:
                if c != c.strip():
                    err("%s:%d: leading/trailing blanks in %r" % (fname, n, c))
                if "||" in c or c.startswith("|") or c.endswith("|"):
                    err("%s:%d: empty list item in %r" % (fname, n, c))
            r = dict(zip(header, cols))
            r["_line"] = n
            rows.append(r)
    return rows


DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_date(s):
    """-> (earliest, latest) datetime.date for a YYYY[-MM[-DD]] value, or None."""
    m = DATE_RE.match(s)
    if not m:
        return None
    y = int(m.group(1))
    if m.group(2) is None:
        return datetime.date(y, 1, 1), datetime.date(y, 12, 31)
    mo = int(m.group(2))
    if not 1 <= mo <= 12:
        return None
    last = calendar.monthrange(y, mo)[1]
    if m.group(3) is None:
        return datetime.date(y, mo, 1), datetime.date(y, mo, last)
    d = int(m.group(3))
    if not 1 <= d <= last:
        return None
    dt = datetime.date(y, mo, d)
    return dt, dt


def role_vocab(kb):
    vocab = set()
    with open(os.path.join(kb, "ROLES.md"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^\|\s*`([a-z_]+)`\s*\|", line)
            if m:
                vocab.add(m.group(1))
    return vocab


def check_roles(fname, rows, actor_ids, org_ids, vocab, countries):
    for r in rows:
        where = "%s:%d" % (fname, r["_line"])
        if r["kb_id"] not in actor_ids:
            err("%s: unknown kb_id %s" % (where, r["kb_id"]))
        if r["role"] not in vocab:
            err("%s: role %r not in ROLES.md" % (where, r["role"]))
        if r["org"] and r["org"] not in org_ids:
            err("%s: org %s is not an ORG in actors/overlay_actors" % (where, r["org"]))
        if r["country"] and r["country"] not in countries and r["country"] not in HISTORICAL:
            err("%s: unknown country %r" % (where, r["country"]))
        s = parse_date(r["start"]) if r["start"] else None
        e = parse_date(r["end"]) if r["end"] else None
        if r["start"] and s is None:
            err("%s: bad start date %r" % (where, r["start"]))
        if r["end"] and e is None:
            err("%s: bad end date %r" % (where, r["end"]))
        if s and e and s[0] > e[1]:
            err("%s: start %s after end %s" % (where, r["start"], r["end"]))
        if not r["start"] and not r["end"]:
            err("%s: role without any date" % where)
        r["_s"], r["_e"] = s, e


def overlaps(rows, label, fail, emit=True):
    """Certain overlaps between different holders of a single-holder office."""
    groups = {}
    for r in rows:
        if r["role"] in SINGLE_HOLDER and (r["_s"] or r["_e"]):
            groups.setdefault((r["role"], r["country"], r["org"]), []).append(r)
    count = 0
    far_future = datetime.date(9999, 12, 31)
    for key, rs in sorted(groups.items()):
        for i in range(len(rs)):
            for j in range(i + 1, len(rs)):
                a, b = rs[i], rs[j]
                if a["kb_id"] == b["kb_id"]:
                    continue
                # the shortest interval each row certainly covers
                a0 = a["_s"][1] if a["_s"] else datetime.date(1, 1, 1)
                a1 = a["_e"][0] if a["_e"] else far_future
                b0 = b["_s"][1] if b["_s"] else datetime.date(1, 1, 1)
                b1 = b["_e"][0] if b["_e"] else far_future
                days = (min(a1, b1) - max(a0, b0)).days
                if days > GRACE_DAYS:
                    count += 1
                    msg = "%s overlap %s/%s/%s: %s (%s..%s) and %s (%s..%s), %d days" % (
                        label, key[0], key[1] or "-", key[2] or "-", a["kb_id"], a["start"],
                        a["end"], b["kb_id"], b["start"], b["end"], days)
                    if emit:
                        (err if fail else warn)(msg)
    return count


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kb", default=os.path.join(os.path.dirname(__file__), "..", "..", "data", "kb"))
    ap.add_argument("--strict", action="store_true", help="warnings are errors")
    ap.add_argument("-q", "--quiet", action="store_true", help="print warning counts only")
    ap.add_argument("-v", "--verbose", action="store_true", help="also list Phoenix overlaps")
    args = ap.parse_args()
    kb = args.kb

    vocab = role_vocab(kb)
    if not vocab:
        err("ROLES.md: no role table found")
    data = {f: load(kb, f) for f in HEADERS}

    # countries
    countries = set()
    for r in data["countries.tsv"]:
        if r["iso3"] in countries:
            err("countries.tsv: duplicate iso3 %s" % r["iso3"])
        countries.add(r["iso3"])
        if not re.match(r"^[A-Z]{3}$", r["cameo"]):
            err("countries.tsv:%d: cameo %r is not a 3-letter code" % (r["_line"], r["cameo"]))
        if not r["name"]:
            err("countries.tsv:%d: empty name" % r["_line"])
    if len(countries) < 249:
        err("countries.tsv: only %d countries" % len(countries))

    # actors
    actor_type = {}
    for fname in ("actors.tsv", "overlay_actors.tsv"):
        seen = set()
        for r in data[fname]:
            where = "%s:%d" % (fname, r["_line"])
            k = r["kb_id"]
            if k in seen:
                err("%s: duplicate kb_id %s" % (where, k))
            seen.add(k)
            if not re.match(r"^Q:[a-z0-9_]+$", k):
                err("%s: kb_id %r is not Q:[a-z0-9_]+" % (where, k))
            if r["type"] not in ("PER", "ORG"):
                err("%s: type %r" % (where, r["type"]))
            if not r["name"]:
                err("%s: empty name" % where)
            if r["country"] and r["country"] not in countries and r["country"] not in HISTORICAL:
                err("%s: unknown country %r" % (where, r["country"]))
            exp = "phoenix" if fname == "actors.tsv" else "overlay"
            if r["source"] != exp:
                err("%s: source %r, expected %r" % (where, r["source"], exp))
            if k in actor_type and actor_type[k][0] != r["type"]:
                err("%s: %s is %s here but %s in actors.tsv" % (where, k, r["type"], actor_type[k][0]))
            if k in actor_type and r["country"] and actor_type[k][1] and actor_type[k][1] != r["country"]:
                warn("%s: %s country %s here, %s in actors.tsv" % (where, k, r["country"], actor_type[k][1]))
            if fname == "overlay_actors.tsv" and not r["note"]:
                err("%s: overlay row without note" % where)
            actor_type.setdefault(k, (r["type"], r["country"]))
    actor_ids = set(actor_type)
    org_ids = {k for k, v in actor_type.items() if v[0] == "ORG"}

    # roles
    check_roles("roles.tsv", data["roles.tsv"], actor_ids, org_ids, vocab, countries)
    check_roles("overlay_roles.tsv", data["overlay_roles.tsv"], actor_ids, org_ids, vocab, countries)
    for r in data["overlay_roles.tsv"]:
        if r["source"] != "overlay" or not r["note"]:
            err("overlay_roles.tsv:%d: source must be 'overlay' and note non-empty" % r["_line"])
        if actor_type.get(r["kb_id"], ("",))[0] != "PER":
            err("overlay_roles.tsv:%d: %s is not a person" % (r["_line"], r["kb_id"]))
    n_overlay = overlaps(data["overlay_roles.tsv"], "overlay", fail=args.strict)
    n_phoenix = overlaps(data["roles.tsv"], "phoenix", fail=False, emit=args.verbose)

    # known facts (regression tests for the overlay): (role, country/org, date) -> kb_id
    holders = {}
    for r in data["overlay_roles.tsv"]:
        holders.setdefault((r["role"], r["country"] or r["org"]), []).append(r)

    def holder(role, where, day):
        d = datetime.date.fromisoformat(day)
        out = set()
        for r in holders.get((role, where), []):
            s0 = r["_s"][0] if r["_s"] else datetime.date(1, 1, 1)
            e1 = r["_e"][1] if r["_e"] else datetime.date(9999, 12, 31)
            if s0 <= d <= e1:
                out.add(r["kb_id"])
        return out
    for role, where, day, want in KNOWN:
        got = holder(role, where, day)
        if got != {want}:
            err("known fact: %s %s on %s should be %s, overlay gives %s" % (
                role, where, day, want, sorted(got) or "nobody"))

    # role titles
    seen = set()
    for r in data["role_titles.tsv"]:
        where = "role_titles.tsv:%d" % r["_line"]
        if r["role"] not in vocab:
            err("%s: role %r not in ROLES.md" % (where, r["role"]))
        c = r["country"]
        if c and c not in countries and c not in org_ids:
            err("%s: country/org %r unknown" % (where, c))
        if (r["role"], c) in seen:
            err("%s: duplicate (role, country) %s %s" % (where, r["role"], c))
        seen.add((r["role"], c))
        if r["aliases"] != r["aliases"].lower():
            err("%s: aliases must be lowercase" % where)
    for role in sorted(vocab):
        if (role, "") not in seen and not any(k[0] == role for k in seen):
            warn("role_titles.tsv: no title at all for role %s" % role)

    # agents
    for fname in ("agents.tsv", "agents_curated.tsv"):
        seen = set()
        for r in data[fname]:
            where = "%s:%d" % (fname, r["_line"])
            if r["phrase"] != r["phrase"].lower():
                err("%s: phrase must be lowercase" % where)
            if r["phrase"] in seen:
                err("%s: duplicate phrase %r" % (where, r["phrase"]))
            seen.add(r["phrase"])
            if r["role"] and r["role"] not in vocab:
                err("%s: role %r not in ROLES.md" % (where, r["role"]))
            if not re.match(r"^([A-Z]{3})+$", r["sector"]):
                err("%s: sector %r" % (where, r["sector"]))
            for c in filter(None, r["country_hint"].split("|")):
                if c not in countries:
                    err("%s: country_hint %r" % (where, c))

    # size
    total = sum(os.path.getsize(os.path.join(kb, f)) for f in os.listdir(kb))
    if total > 15 * 1024 * 1024:
        err("data/kb is %.1f MB (limit 15 MB)" % (total / 1048576.0))

    if not args.quiet:
        for w in warnings:
            print("warning:", w)
    for e in errors:
        print("error:", e)
    print("kb: %d countries, %d actors + %d overlay actors, %d roles + %d overlay roles, "
          "%d role titles, %d agents; %.1f MB" % (
              len(countries), len(data["actors.tsv"]), len(data["overlay_actors.tsv"]),
              len(data["roles.tsv"]), len(data["overlay_roles.tsv"]),
              len(data["role_titles.tsv"]), len(data["agents.tsv"]), total / 1048576.0))
    print("single-holder overlaps: overlay %d, phoenix %d (phoenix ones are informational)" % (
        n_overlay, n_phoenix))
    print("%d errors, %d warnings" % (len(errors), len(warnings)))
    return 1 if errors or (args.strict and warnings) else 0


if __name__ == "__main__":
    sys.exit(main())
