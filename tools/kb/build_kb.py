#!/usr/bin/env python3
"""Build parley's actor knowledge base (data/kb/*.tsv) from the Phoenix
(TABARI/PETRARCH) actor and agent dictionaries and Debian's iso-codes.

Developer tool only: the engine reads the TSV files, never this script.
Standard library only.  Output is deterministic (sorted rows, fixed order of
list items), so re-running it must reproduce the committed files exactly:

    python3 tools/kb/build_kb.py --phoenix ../shared/data/event-dictionaries --out data/kb

Generated:  countries.tsv actors.tsv roles.tsv agents.tsv
Read, never written (hand-curated inputs):
    countries_curated.tsv  (iso3, aliases, demonyms, capital, metonyms, cameo)
    overlay_actors.tsv     (used to give Phoenix IGO entries the curated kb_id,
                            e.g. all spellings of the United Nations -> Q:un)
    agents_curated.tsv     (extra agent nouns, merged into agents.tsv)
"""

import argparse
import json
import os
import re
import sys
import unicodedata
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tsvdata import read_tsv  # noqa: E402

ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"

# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def write_tsv(path, header, rows, comment=None):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        if comment:
            for c in comment:
                f.write("# " + c + "\n")
        f.write("\t".join(header) + "\n")
        for r in rows:
            vals = []
            for h in header:
                v = r.get(h, "")
                if isinstance(v, (list, tuple)):
                    v = "|".join(v)
                v = v.replace("\t", " ").replace("\n", " ")
                vals.append(v)
            f.write("\t".join(vals) + "\n")


def uniq(seq):
    seen = set()
    out = []
    for x in seq:
        k = x.casefold()
        if x and k not in seen:
            seen.add(k)
            out.append(x)
    return out


def ascii_fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def make_id(name):
    s = ascii_fold(name).lower()
    s = s.replace("'", "").replace("\u2019", "")
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    return "Q:" + s


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def norm_date(raw):
    """Phoenix date (YYMMDD or YYYYMMDD, sometimes malformed) -> ISO string
    with the precision that can be trusted ('' if nothing usable)."""
    d = raw.strip()
    if not d.isdigit():
        return ""
    if len(d) == 10 and d.startswith("19") and d[2:4] in ("19", "20"):
        d = d[2:]  # '1920030320' typo for '20030320'
    if len(d) == 6:
        yy = int(d[:2])
        # the dictionaries were compiled in 2014: 00-15 are 20xx, else 19xx
        d = ("20" if yy <= 15 else "19") + d
    if len(d) != 8:
        if len(d) >= 4 and d[:2] in ("19", "20"):
            return d[:4]  # only the year can be trusted
        return ""
    y, m, dd = int(d[:4]), int(d[4:6]), int(d[6:8])
    if y < 1800 or y > 2030:
        return ""
    if not 1 <= m <= 12:
        return "%04d" % y
    if not 1 <= dd <= DAYS[m - 1] or (m == 2 and dd == 29 and not (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0))):
        return "%04d-%02d" % (y, m)
    return "%04d-%02d-%02d" % (y, m, dd)


def parse_datespec(spec):
    """'>20040309', '<040309', '940922-040712', '20121204' -> (start, end)."""
    spec = spec.replace(" ", "")
    if not spec:
        return None
    if spec.startswith(">"):
        return (norm_date(spec[1:]), "")
    if spec.startswith("<"):
        return ("", norm_date(spec[1:]))
    if "-" in spec:
        a, b = spec.split("-", 1)
        return (norm_date(a), norm_date(b))
    return (norm_date(spec), "")  # bare date: taken as a start


# --------------------------------------------------------------------------
# Phoenix .actors parsing
# --------------------------------------------------------------------------

BRACKET = re.compile(r"\[([^\]]*)\]")


class Entry:
    def __init__(self, name, src, lineno, comment):
        self.name = name
        self.src = src
        self.lineno = lineno
        self.comment = comment
        self.aliases = []
        self.codes = []  # (code, start, end, dated, comment)


def split_comment(line):
    i = line.find("#")
    if i < 0:
        return line, ""
    return line[:i], line[i + 1:].strip()


def parse_codes(text, comment, entry):
    for m in BRACKET.finditer(text):
        inner = m.group(1).strip()
        if not inner or inner.startswith("-"):
            continue
        mm = re.match(r"^([A-Z]+)\s*(.*)$", inner)
        if not mm:
            continue
        code, spec = mm.group(1), mm.group(2).strip()
        if spec:
            se = parse_datespec(spec)
            if se is None:
                entry.codes.append((code, "", "", False, comment))
            else:
                entry.codes.append((code, se[0], se[1], True, comment))
        else:
            entry.codes.append((code, "", "", False, comment))


def clean_name(s):
    s = s.strip().strip("\ufeff")
    s = re.sub(r"\s+", "_", s)
    return s.strip("_")


def parse_actor_file(path):
    entries = []
    cur = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip():
                continue
            if line.lstrip().startswith("#"):
                continue
            body, comment = split_comment(line)
            if line[0] in " \t":
                if cur is not None:
                    parse_codes(body, comment, cur)
                continue
            if line[0] == "+":
                if cur is None:
                    continue
                namepart = body[1:].split("[", 1)[0]
                al = clean_name(namepart)
                if al:
                    cur.aliases.append(al)
                parse_codes(body, comment, cur)
                continue
            namepart = body.split("[", 1)[0]
            nm = clean_name(namepart)
            if not nm:
                continue
            cur = Entry(nm, os.path.basename(path), lineno, comment)
            entries.append(cur)
            parse_codes(body, comment, cur)
    return entries


# --------------------------------------------------------------------------
# Natural case
# --------------------------------------------------------------------------

LOWER_PARTICLES = {"de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von",
                   "der", "den", "ter", "bin", "ibn", "bint", "al", "el", "y", "la", "le"}
ORG_LOWER = {"of", "the", "and", "for", "in", "on", "at", "to", "by", "de", "la", "le", "du",
             "des", "del", "y", "et", "a", "an", "with", "from", "against", "or"}
ORG_SHORT_WORDS = {"oil", "new", "air", "art", "aid", "age", "bar", "car", "law", "sea", "war",
                   "arm", "net", "gas", "tea", "sun", "red", "one", "all", "our", "man", "men",
                   "key", "gun", "bay", "day", "way", "far", "low", "top", "pay", "job", "jet",
                   "ice", "bus", "box", "map", "pro", "ltd", "inc", "co", "big", "old", "act",
                   "aim", "end", "fund", "ban", "kim", "lee", "ali", "abu", "muslim", "may", "jun", "jul",
                   "aug", "sep", "oct", "nov", "dec", "jan", "feb", "mar", "apr", "hotel", "use",
                   "era", "law", "few", "any", "its", "his", "her", "who", "way", "now"}
ROMAN = {"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii"}
MAC_NAMES = {"macarthur", "macdonald", "macleod", "mackay", "mackenzie", "macmillan",
             "macneil", "macintyre", "macgregor", "maclean", "macpherson", "macaulay"}
VOWELS = set("AEIOUYÀÁÂÃÄÅÈÉÊËÌÍÎÏÒÓÔÕÖÙÚÛÜ")


def cap_word(w, lower_after_hyphen=False, first=True):
    """Capitalise one (already lower-cased) word: mc/o'/mac handling."""
    if not w:
        return w
    if not first and re.match(r"^(?=[ivx]{2,}$)x{0,3}(ix|iv|v?i{0,3})$", w):
        return w.upper()  # regnal numbers (Elizabeth II, Carl XVI Gustaf); not 'Xi Jinping'
    if w in ROMAN and not first:
        return w.upper()
    if re.match(r"^(?:[a-z]\.)+[a-z]?\.?$", w):
        return w.upper()  # initials: a.p.j. -> A.P.J.
    if w == "jr." or w == "jr":
        return "Jr."
    if w == "sr." or w == "sr":
        return "Sr."
    parts = w.split("-")
    out = []
    for i, p in enumerate(parts):
        if i > 0 and lower_after_hyphen:
            out.append(p)
            continue
        if i == 0 and p in ("al", "el") and len(parts) > 1:
            out.append(p)
            continue
        out.append(cap_simple(p))
    return "-".join(out)


def cap_simple(p):
    if not p:
        return p
    if p.startswith("mc") and len(p) > 3:
        return "Mc" + p[2].upper() + p[3:]
    if p in MAC_NAMES:
        return "Mac" + p[3].upper() + p[4:]
    if len(p) > 2 and p[1] == "'" and p[0] in "odl":
        return p[0].upper() + "'" + p[2].upper() + p[3:]
    return p[0].upper() + p[1:]


def person_case(upper, korean=False):
    words = [w for w in upper.split("_") if w]
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if i > 0 and lw in LOWER_PARTICLES and i < len(words) - 1:
            out.append(lw)
            continue
        out.append(cap_word(lw, lower_after_hyphen=korean, first=(i == 0)))
    return " ".join(out)


ACRONYMS = {"NATO", "ASEAN", "UNICEF", "UNESCO", "OPEC", "UNHCR", "IAEA", "OSCE", "UNDP",
            "UNFPA", "UNRWA", "OECD", "ECOWAS", "SADC", "FIFA", "NASA", "INTERPOL", "IPCC",
            "UNAMA", "UNIFIL", "MONUC", "MONUSCO", "UNAMID", "UNMISS", "CSTO", "BRICS",
            "APEC", "NAFTA", "OPCW", "CERN", "SEATO", "CENTO", "SAARC", "COMESA", "IGAD",
            "UNEP", "UNAIDS", "UNIDO", "UNCTAD", "ESCAP", "UNOCI", "MINUSMA", "AMISOM",
            "MINUSCA", "UNMIL", "UNMIK", "EULEX", "FRONTEX", "EUROPOL", "EUROJUST", "MERCOSUR",
            "UNASUR", "ALBA", "CARICOM", "OAPEC", "GCC", "OIC", "AU", "EU", "UN", "WHO",
            "WTO", "IMF", "ILO", "FAO", "ICC", "ICJ", "ICRC", "IFRC", "MSF", "HRW", "BBC",
            "CNN", "AFP", "IRNA", "KCNA", "TASS", "ITAR-TASS", "RIA", "FBI", "CIA", "NSA",
            "KGB", "FSB", "SVR", "GRU", "MI5", "MI6", "ISI", "IDF", "PLO", "FARC", "ELN",
            "ETA", "IRA", "PKK", "PYD", "YPG", "SDF", "ISIS", "ISIL", "HTS", "LTTE", "ANC",
            "SWAPO", "ZANU-PF", "MDC", "PRI", "PAN", "PRD", "PSOE", "CDU", "CSU", "SPD", "FDP",
            "AFD", "UMP", "BJP", "AKP", "CHP", "MHP", "HDP", "KMT", "DPP", "LDP", "CCP", "CPC",
            "PLA", "IRGC", "SCO", "EFTA", "EBRD", "ADB", "AFDB", "IDB", "BIS", "WFP", "WMO",
            "ITU", "UPU", "IMO", "ICAO", "IFAD", "UNWTO", "WIPO", "UNODC", "OCHA", "OHCHR",
            "USAID", "UNMIN", "DPKO", "UNSC", "UNGA", "AMNESTY"}


def org_case(upper):
    words = [w for w in upper.split("_") if w]
    if len(words) == 1:
        w = words[0]
        if w in ACRONYMS or "." in w or len(w) <= 4 or not (set(w) & VOWELS):
            return w if w != "AMNESTY" else "Amnesty"
        return cap_word(w.lower())
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if w in ACRONYMS or "." in w:
            out.append(w)
        elif w.startswith("(") and w.endswith(")") and len(w) <= 9:
            out.append(w)
        elif i > 0 and lw in ORG_LOWER:
            out.append(lw)
        elif lw in ORG_SHORT_WORDS:
            out.append(cap_word(lw))
        elif (len(w) <= 3 and lw not in ORG_SHORT_WORDS and lw not in ORG_LOWER
              and w.isalpha()) or (len(w) >= 2 and w.isalpha() and not (set(w) & VOWELS)):
            out.append(w)
        else:
            out.append(cap_word(lw))
    return " ".join(out)


# --------------------------------------------------------------------------
# Classification of Phoenix entries
# --------------------------------------------------------------------------

TITLE_WORDS = [
    "PRESIDENT", "PRESIDENT-ELECT", "VICE_PRESIDENT", "PRIME_MINISTER", "FOREIGN_MINISTER",
    "MINISTER", "SECRETARY", "SECRETARY-GENERAL", "SECRETARY_GENERAL", "SECRETARY_OF_STATE",
    "AMBASSADOR", "SENATOR", "SEN.", "REP.", "REPRESENTATIVE", "GOVERNOR", "GOV.", "GENERAL",
    "GEN.", "LT.", "COL.", "COLONEL", "MAJOR", "ADMIRAL", "ADM.", "CAPTAIN", "CAPT.", "KING",
    "QUEEN", "PRINCE", "PRINCESS", "SHEIKH", "SHEIK", "EMIR", "AMIR", "SULTAN", "CHANCELLOR",
    "MR", "MR.", "MRS", "MRS.", "MS", "MS.", "DR", "DR.", "MAYOR", "JUDGE", "JUSTICE",
    "CHAIRMAN", "SPEAKER", "FORMER", "DEPUTY", "ACTING", "PREMIER", "MULLAH", "AYATOLLAH",
    "GRAND_AYATOLLAH", "CARDINAL", "POPE", "REV.", "REVEREND", "FATHER", "BISHOP",
    "ARCHBISHOP", "LORD", "SIR", "DAME", "BARON", "MARSHAL", "FIELD_MARSHAL", "COMMANDER",
    "CHIEF", "ENVOY", "LEADER", "SPOKESMAN", "SPOKESWOMAN",
]
TITLE_RE = re.compile(r"^(?:(?:[A-Z]{2,}_)?(?:%s)_)+" % "|".join(re.escape(t) for t in sorted(TITLE_WORDS, key=len, reverse=True)))
# nationality words that may precede a title ("RUSSIAN_FOREIGN_MINISTER_...")
ADJ_TITLE_RE = re.compile(r"^(?:THE_)?(?:[A-Z.-]+_){0,2}(?:%s)_" % "|".join(
    re.escape(t) for t in ["PRESIDENT", "PRIME_MINISTER", "FOREIGN_MINISTER", "MINISTER",
                           "SECRETARY_OF_STATE", "SECRETARY", "SECRETARY-GENERAL",
                           "SECRETARY_GENERAL", "AMBASSADOR", "SENATOR", "GOVERNOR",
                           "CHANCELLOR", "PREMIER", "KING", "SPOKESMAN", "LEADER",
                           "CHIEF", "GENERAL", "COMMANDER", "ENVOY", "DEFENSE_MINISTER",
                           "DEFENCE_MINISTER", "PRESIDENT-ELECT", "CHAIRMAN"]))

ORG_WORDS = {
    "ORGANIZATION", "ORGANISATION", "ORGANIZATIONS", "COUNCIL", "UNION", "AGENCY", "BANK",
    "COMMISSION", "ASSOCIATION", "FUND", "PARTY", "ARMY", "FRONT", "MINISTRY", "MINISTRIES",
    "NATIONS", "COURT", "TRIBUNAL", "COMMITTEE", "INSTITUTE", "FOUNDATION", "SOCIETY",
    "CORPORATION", "CORP", "CORP.", "INC", "INC.", "LTD", "LTD.", "COMPANY", "CO.", "GROUP",
    "FEDERATION", "CONFEDERATION", "ALLIANCE", "MOVEMENT", "BRIGADE", "BRIGADES", "FORCE",
    "FORCES", "DEPARTMENT", "OFFICE", "BUREAU", "SERVICE", "SERVICES", "AUTHORITY",
    "PARLIAMENT", "ASSEMBLY", "CONGRESS", "SENATE", "GOVERNMENT", "CABINET", "POLICE",
    "NAVY", "AIR_FORCE", "MILITARY", "NETWORK", "CENTER", "CENTRE", "PROGRAM", "PROGRAMME",
    "UNIVERSITY", "COLLEGE", "SCHOOL", "HOSPITAL", "CHURCH", "MISSION", "WATCH", "INTERNATIONAL",
    "TRUST", "BOARD", "ACADEMY", "INDUSTRIES", "AIRLINES", "AIRWAYS", "MOTORS", "ENERGY",
    "PETROLEUM", "OIL", "GAS", "TELECOM", "TELECOMMUNICATIONS", "NEWS", "TIMES", "POST",
    "PRESS", "TELEVISION", "RADIO", "AGENCE", "HOLDINGS", "SYSTEMS", "TECHNOLOGIES",
    "PHARMACEUTICALS", "LABORATORIES", "GROUPS", "COALITION", "LEAGUE", "CONFERENCE",
    "SECRETARIAT", "COMMUNITY", "COOPERATION", "CO-OPERATION", "PARTNERSHIP", "INITIATIVE",
    "PROJECT", "CAMPAIGN", "REGIME", "JUNTA", "GUARD", "GUARDS", "COMMAND", "UNIT", "UNITS",
    "BATTALION", "REGIMENT", "DIVISION", "CORPS", "MILITIA", "MILITIAS", "REBELS", "INSURGENTS",
    "TALIBAN", "HAMAS", "HEZBOLLAH", "HIZBOLLAH", "AL-QAEDA", "AL_QAEDA", "JIHAD", "MUJAHIDEEN",
    "STATE", "REPUBLIC", "KINGDOM", "EMIRATE", "CALIPHATE", "ADMINISTRATION", "DIRECTORATE",
    "INSPECTORATE", "PROSECUTOR", "PROSECUTORS", "SECURITY", "INTELLIGENCE", "EMBASSY",
    "CONSULATE", "DELEGATION", "PANEL", "FORUM", "SUMMIT", "TREATY", "PACT", "CLUB",
    "ORDER", "BROTHERHOOD", "FACTION", "SYNDICATE", "CARTEL", "GANG", "WING", "CELL",
}

TITLE_ONLY_WORDS = {"SECRETARY", "MINISTER", "PRESIDENT", "SPOKESMAN", "SPOKESWOMAN",
                    "SPOKESPERSON", "AMBASSADOR", "ENVOY", "CHIEF", "MONITOR", "OFFICIAL",
                    "OFFICIALS", "PEACEKEEPER", "PEACEKEEPERS", "SOLDIER", "SOLDIERS",
                    "TROOPS", "RESIDENT", "DIRECTOR", "CHAIRMAN", "COMMISSIONER",
                    "RAPPORTEUR", "REPRESENTATIVE", "LEADER", "LEADERS", "HEAD", "MEMBERS",
                    "MEMBER", "COUNTRIES", "MINISTERS", "STATES", "NATIONALS", "CONTINGENT",
                    "INSPECTORS", "INSPECTOR", "DIPLOMAT", "DIPLOMATS", "ENVOYS", "CHIEFS"}

SECTORS = {
    "GOV": "government_official", "MIL": "military_official", "COP": "police_official",
    "SPY": "intelligence_official", "LEG": "legislator", "JUD": "judicial_official",
    "OPP": "opposition_figure", "ELI": "political_elite", "REB": "rebel_leader",
    "INS": "rebel_leader", "UAF": "armed_group_leader", "IMG": "armed_group_leader",
    "PTY": "party_official", "BUS": "business_figure", "MED": "media_figure",
    "CVL": "civil_society", "HRI": "civil_society", "NGO": "ngo_official",
    "MNC": "business_figure", "EDU": "civil_society", "LAB": "civil_society",
    "REL": "religious_leader", "MUS": "religious_leader", "CHR": "religious_leader",
    "JEW": "religious_leader", "BUD": "religious_leader", "HIN": "religious_leader",
    "OCC": "government_official", "AUT": "government_official", "SEP": "rebel_leader",
}

# Phoenix IGO codes -> curated kb_id of the organisation (roles' `org` column)
IGO_ORGS = [
    ("IGOUNOIAE", "Q:iaea"), ("IGOUNOHLHWHO", "Q:who"), ("IGOUNOKID", "Q:unicef"),
    ("IGOUNOREFHCR", "Q:unhcr"), ("IGOUNOHRIHCH", "Q:ohchr"), ("IGOUNOLABILO", "Q:ilo"),
    ("IGOUNODEVWBK", "Q:world_bank"), ("IGOUNOWFP", "Q:wfp"), ("IGOUNOJUDICJ", "Q:icj"),
    ("IGOUNOAGRFAO", "Q:fao"), ("IGOUNO", "Q:un"), ("IGOWSTNAT", "Q:nato"),
    ("IGOEUREEC", "Q:eu"), ("IGOSEAASN", "Q:asean"), ("IGOAFRAFU", "Q:african_union"),
    ("IGOAFROAU", "Q:african_union"), ("IGOBUSIMF", "Q:imf"), ("IGOBUSWTO", "Q:wto"),
    ("IGOBUSOPC", "Q:opec"), ("IGOJUDICC", "Q:icc"), ("IGOMEAARL", "Q:arab_league"),
    ("IGOWAFWAS", "Q:ecowas"), ("IGOCOPITP", "Q:interpol"), ("IGOCWN", "Q:commonwealth"),
    ("IGOOAS", "Q:oas"), ("IGOEUROSC", "Q:osce"), ("IGOGULGCC", "Q:gcc"),
    ("IGOMOSOIC", "Q:oic"), ("IGOSASSAA", "Q:saarc"), ("IGOEURDEVEBR", "Q:ebrd"),
    ("IGOASADEVADB", "Q:adb"),
]


# Phoenix/CAMEO country codes that are not ISO 3166-1 alpha-3.  Historical
# states keep their ISO 3166-3 codes (SUN, DDR, YUG, SCG, CSK).
PHOENIX_TO_ISO = {"KSV": "XKX"}


def phoenix_role(code, countries):
    """Phoenix code -> (role, org, country)."""
    country = ""
    rest = code
    org = ""
    if code.startswith("IGO"):
        for pref, oid in IGO_ORGS:
            if code.startswith(pref):
                org = oid
                break
        return "igo_official", org, ""
    if code[:3] in ("NGO", "MNC"):
        c = code[3:6]
        return SECTORS[code[:3]], "", c if c in countries else ""
    if code[:3] in countries:
        country = code[:3]
        rest = code[3:]
    role = ""
    for i in range(0, len(rest) - 2, 3):
        s = rest[i:i + 3]
        if s in SECTORS:
            role = SECTORS[s]
            break
    if not role:
        role = "affiliated"
    return role, "", country


COMMENT_ROLES = [
    (re.compile(r"^(foreign minister|sec(retary)? (of )?state)$", re.I), "foreign_minister"),
    (re.compile(r"^sec(retary)? (of )?def(en[cs]e)?$", re.I), "defence_minister"),
    (re.compile(r"^national security advis[eo]r$", re.I), "national_security_adviser"),
    (re.compile(r"^amb\.? to (the )?un$", re.I), "un_ambassador"),
    (re.compile(r"^(prime minister|pm|pm pt\. \d)$", re.I), "head_of_government"),
    (re.compile(r"^chancellor of germany$", re.I), "head_of_government"),
    (re.compile(r"^president of germany$", re.I), "head_of_state"),
    (re.compile(r"^supreme leader$", re.I), "head_of_state"),
    (re.compile(r"^(dep\.? pm)$", re.I), "deputy_head_of_government"),
    (re.compile(r"^dci$", re.I), "intelligence_chief"),
]


def comment_role(comment):
    c = comment.strip().rstrip(".")
    for rx, role in COMMENT_ROLES:
        if rx.match(c):
            return role
    return ""


def reaches_1990(start, end):
    if end:
        return end[:4] >= "1990"
    return True  # open-ended ('>date', or only '<' missing)


def strip_title(name):
    """Remove leading titles: 'SECRETARY-GENERAL_BAN_KI-MOON' -> 'BAN_KI-MOON'."""
    n = re.sub(r"^A\.?K\.?A\.?_", "", name)
    for _ in range(3):
        m = ADJ_TITLE_RE.match(n) or TITLE_RE.match(n)
        if not m or m.end() >= len(n):
            break
        n = n[m.end():]
    return n


def looks_like_title_only(name):
    words = set(re.split(r"[_-]", name))
    return bool(words & TITLE_ONLY_WORDS) and not (words & (ORG_WORDS - {"SECURITY"}))


def looks_like_org(name):
    words = [w for w in re.split(r"_", name) if w]
    ws = set(words)
    if ws & ORG_WORDS:
        return True
    if len(words) == 1:
        return True  # single token: acronym or brand (NATO, HAMAS, GAZPROM)
    return False


PERSONISH = re.compile(r"^(?:[A-Z]\.?_)+[A-Z]|^(?:[A-Z]\.)+_|^(?:ABU|IBN|BIN|SHEIKH|MULLAH|MAULANA|MR|DR)_|"
                       r"^[A-Z]+_[A-Z]\._[A-Z]+$|(?:^|_)A\.?K\.?A\.?_")
GIVEN_NAMES = {"ABDUL", "ABDUL-", "ABDULLAH", "ABDEL", "ABD", "MOHAMMED", "MOHAMMAD", "MOHAMED",
               "MUHAMMAD", "MUHAMMED", "MOHAMAD", "AHMED", "AHMAD", "ALI", "OMAR", "UMAR",
               "HASSAN", "HASAN", "HUSSEIN", "HUSSAIN", "HUSAYN", "KHALID", "KHALED", "IBRAHIM",
               "YUSUF", "YOUSEF", "MUSTAFA", "MUSTAPHA", "MAHMOUD", "MAHMUD", "SAID", "SAEED",
               "SALEH", "SALAH", "HAMID", "HAMED", "JAMAL", "KARIM", "KAMAL", "MUSA", "ISA",
               "ISMAIL", "YAHYA", "ZAKARIA", "OSAMA", "USAMA", "AYMAN", "ANWAR", "IMAM",
               "JOHN", "JAMES", "MICHAEL", "DAVID", "ROBERT", "WILLIAM", "RICHARD", "JOSEPH",
               "THOMAS", "CHARLES", "GEORGE", "PETER", "PAUL", "MARK", "JOSE", "JUAN", "LUIS",
               "CARLOS", "JORGE", "PEDRO", "MANUEL", "FRANCISCO", "ANTONIO", "MARIA", "ANA"}


def personish(name):
    if PERSONISH.search(name):
        return True
    words = [w for w in name.split("_") if w]
    return 2 <= len(words) <= 4 and words[0] in GIVEN_NAMES


def undated_org_ok(e, fname):
    """Undated entries with no organisation word: corporations, NGOs and armed
    groups are organisations; anything person-like is skipped."""
    if personish(e.name):
        return False
    code = e.codes[0][0]
    if code[:3] in ("MNC", "NGO"):
        return True
    if fname.startswith("Phoenix.MilNonState"):
        return True
    return False


# --------------------------------------------------------------------------
# Build actors + roles
# --------------------------------------------------------------------------


def norm_key(s):
    s = ascii_fold(s).casefold()
    s = s.replace(".", "").replace("-", " ")
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"\s+", " ", s).strip()


def build_actors(entries_by_file, countries, overlay_orgs):
    """Return (actors dict kb_id -> actor, roles list)."""
    actors = {}
    roles = []
    skipped = {"no_codes": 0, "country": 0, "old": 0, "title": 0, "unclear": 0}
    records = []
    overlay_index = {}
    for oid, names in overlay_orgs.items():
        for n in names:
            overlay_index.setdefault(norm_key(n), oid)

    for fname, entries in entries_by_file:
        for prev, e in zip([None] + entries[:-1], entries):
            if prev is not None and not prev.codes and e.codes and \
                    prev.name.strip("_").split("_")[-1] == e.name.strip("_").split("_")[-1] and \
                    "_" in prev.name.strip("_"):
                # CountryInfo sometimes splits one person over two entries, the
                # first without codes (DMITRY_MEDVEDEV_ / DMITR_MEDVEDEV_)
                e.aliases = [prev.name] + prev.aliases + e.aliases
                if len(prev.name) > len(e.name) and not e.name.endswith(prev.name):
                    e.name, e.aliases = prev.name, [e.name] + e.aliases
            if any("\ufffd" in x for x in [e.name]):
                continue
            if not e.codes:
                skipped["no_codes"] += 1
                continue
            codes = [c for c in e.codes if c[0] not in ("ELI",)] or e.codes
            if len(e.codes) == 1 and len(e.codes[0][0]) == 3 and e.codes[0][0] in countries \
                    and not e.codes[0][3]:
                skipped["country"] += 1  # a country itself: countries.tsv
                continue
            if all(len(c[0]) == 3 and c[0] in countries for c in e.codes):
                skipped["country"] += 1
                continue
            dated = [c for c in e.codes if c[3]]
            is_person = bool(dated) and not looks_like_org(strip_title(e.name))
            if is_person:
                if not any(reaches_1990(c[1], c[2]) for c in dated):
                    skipped["old"] += 1
                    continue
                typ = "PER"
            else:
                if looks_like_title_only(e.name) and not looks_like_org(e.name):
                    skipped["title"] += 1
                    continue
                if not (looks_like_org(e.name) or undated_org_ok(e, fname)):
                    skipped["unclear"] += 1
                    continue
                typ = "ORG"

            # country of the actor
            ctry = ""
            conv = []
            for code, start, end, isdated, cmt in e.codes:
                role, org, rc = phoenix_role(code, countries)
                conv.append((code, start, end, isdated, cmt, role, org, rc))
            if typ == "PER":
                # most recent dated role with a country
                best = sorted([c for c in conv if c[3] and c[7]],
                              key=lambda c: (c[2] or "9999", c[1]))
                if best:
                    ctry = best[-1][7]
                elif any(c[7] for c in conv):
                    ctry = [c[7] for c in conv if c[7]][0]
            else:
                cs = [c[7] for c in conv if c[7]]
                ctry = cs[0] if cs else ""

            korean = ctry in ("KOR", "PRK")
            base = strip_title(e.name)
            if typ == "PER":
                disp = person_case(base, korean)
                als = []
                for a in [e.name] + e.aliases:
                    if "\ufffd" in a:
                        continue
                    if TITLE_RE.match(a) or ADJ_TITLE_RE.match(a):
                        continue  # title + name: the engine handles titles
                    als.append(person_case(a, korean))
            else:
                disp = org_case(re.sub(r"^THE_", "", e.name))
                als = [org_case(a) for a in [e.name] + e.aliases if "\ufffd" not in a]
            # IGO/ORG entries that match a curated overlay org share its kb_id
            kb_id = None
            if typ == "ORG":
                for n in [base, e.name] + e.aliases:
                    k = norm_key(org_case(n))
                    if k in overlay_index:
                        kb_id = overlay_index[k]
                        break
            rr = []
            if typ == "PER":
                for code, start, end, isdated, cmt, role, org, rc in conv:
                    if not isdated:
                        continue  # undated codes are defaults, not offices
                    if not (start or end):
                        continue
                    if not reaches_1990(start, end):
                        continue
                    if start and end and start[:len(end)] > end[:len(start)]:
                        start = ""  # inverted range in the source (typo): keep only the end
                    r = comment_role(cmt) or role
                    rc = PHOENIX_TO_ISO.get(rc, rc)
                    rr.append({"role": r, "org": org, "country": rc, "start": start, "end": end,
                               "source": "phoenix"})
            if kb_id is None and make_id(disp) == "Q:":
                continue
            if kb_id is not None:
                disp = overlay_orgs[kb_id][0]  # the curated display name
            records.append({"fixed": kb_id, "base": make_id(disp), "type": typ, "name": disp,
                            "country": PHOENIX_TO_ISO.get(ctry, ctry), "aliases": als, "roles": rr})

    # ---- assign kb_ids: same display name + type + country = one actor; when a
    # name is shared by different actors, the one with most roles/aliases keeps
    # the plain id and the others get a country (or _org) suffix.
    groups = {}
    for r in records:
        key = r["fixed"] or r["base"]
        groups.setdefault(key, {}).setdefault((r["type"], r["country"]), []).append(r)
    taken = set(groups)
    assigned = {}
    for key in sorted(groups):
        subs = groups[key]
        if len(subs) == 1 or key in overlay_orgs:
            for sk in subs:
                assigned[(key, sk)] = key
            continue
        ranked = sorted(subs, key=lambda sk: (-(sk[0] == "PER"),
                                              -sum(len(r["roles"]) for r in subs[sk]),
                                              -sum(len(r["aliases"]) for r in subs[sk]), sk))
        assigned[(key, ranked[0])] = key
        for sk in ranked[1:]:
            suf = sk[1].lower() if sk[1] else ""
            if sk[0] == "ORG":
                suf = (suf + "_org").strip("_")
            cand = key + "_" + (suf or "x")
            n = 2
            while cand in taken:
                cand = "%s_%s%d" % (key, suf or "x", n)
                n += 1
            taken.add(cand)
            assigned[(key, sk)] = cand
    for key in sorted(groups):
        for sk, recs in sorted(groups[key].items()):
            kb_id = assigned[(key, sk)]
            for r in recs:
                a = actors.get(kb_id)
                if a is None:
                    a = {"kb_id": kb_id, "type": r["type"], "name": r["name"],
                         "country": r["country"], "aliases": [], "source": "phoenix"}
                    actors[kb_id] = a
                a["aliases"].extend(x for x in r["aliases"] if x != a["name"])
                for ro in r["roles"]:
                    ro = dict(ro)
                    ro["kb_id"] = kb_id
                    roles.append(ro)
    for a in actors.values():
        a["aliases"] = [x for x in a["aliases"] if re.search(r"[^\W\d_]", x)]
        a["aliases"] = sorted(uniq(a["aliases"]), key=lambda s: (s.casefold(), s))
        a["aliases"] = [x for x in a["aliases"] if x.casefold() != a["name"].casefold()]
    # dedupe roles
    seen = set()
    out = []
    for r in roles:
        k = tuple(r[h] for h in ROLE_HDR)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return actors, out, skipped


ROLE_HDR = ["kb_id", "role", "org", "country", "start", "end", "source"]
ACTOR_HDR = ["kb_id", "type", "name", "country", "aliases", "source"]


# --------------------------------------------------------------------------
# Countries
# --------------------------------------------------------------------------

COUNTRY_HDR = ["iso3", "iso2", "name", "aliases", "demonyms", "capital", "metonyms", "cameo"]
EXTRA_COUNTRIES = [
    # user-assigned code, widely used for Kosovo (not in ISO 3166-1 proper)
    {"alpha_3": "XKX", "alpha_2": "XK", "name": "Kosovo", "official_name": "Republic of Kosovo"},
]


def build_countries(curated_path):
    with open(ISO_JSON, encoding="utf-8") as f:
        iso = json.load(f)["3166-1"]
    iso = iso + EXTRA_COUNTRIES
    cur = {}
    if os.path.exists(curated_path):
        _, rows = read_tsv(curated_path)
        for r in rows:
            cur[r["iso3"]] = r
    out = []
    for c in iso:
        a3 = c["alpha_3"]
        r = cur.get(a3, {})
        name = r.get("name") or c.get("common_name") or c["name"]
        aliases = [x for x in r.get("aliases", "").split("|") if x]
        for k in ("official_name", "common_name", "name"):
            v = c.get(k)
            if v and (", " in v or "(" in v):
                continue  # inverted ISO forms ("Korea, Republic of") are not text forms
            if v:
                aliases.append(v)
                fv = ascii_fold(v)
                if fv != v:
                    aliases.append(fv)
        aliases = [x for x in uniq(aliases) if x.casefold() != name.casefold()]
        out.append({
            "iso3": a3, "iso2": c["alpha_2"], "name": name, "aliases": aliases,
            "demonyms": [x for x in r.get("demonyms", "").split("|") if x],
            "capital": r.get("capital", ""),
            "metonyms": [x for x in r.get("metonyms", "").split("|") if x],
            "cameo": r.get("cameo") or a3,
        })
    missing = sorted(set(cur) - {c["alpha_3"] for c in iso})
    if missing:
        print("warning: curated countries not in iso-codes:", missing, file=sys.stderr)
    out.sort(key=lambda r: r["iso3"])
    return out


# --------------------------------------------------------------------------
# Agents
# --------------------------------------------------------------------------

AGENT_HDR = ["phrase", "role", "sector", "country_hint"]

AGENT_ROLE = [
    (re.compile(r"^(prime minister|premier|chancellor|head of government)s?$"), "head_of_government"),
    (re.compile(r"^(president|head of state|monarch|king|queen|emir|sultan)s?$"), "head_of_state"),
    (re.compile(r"^(foreign minister|foreign secretary|minister of foreign affairs|"
                r"secretary of state|top diplomat|chief diplomat)s?$"), "foreign_minister"),
    (re.compile(r"^(defen[cs]e minister|minister of defen[cs]e|defen[cs]e secretary|"
                r"secretary of defen[cs]e|war minister)s?$"), "defence_minister"),
    (re.compile(r"^(interior minister|minister of (the )?interior|home secretary)s?$"), "interior_minister"),
    (re.compile(r"^(finance minister|minister of finance|treasury secretary|chancellor of the exchequer)s?$"), "finance_minister"),
    (re.compile(r"^vice[ -]president(s)?$"), "vice_president"),
    (re.compile(r"^deputy prime minister(s)?$"), "deputy_head_of_government"),
    (re.compile(r"^(vice foreign minister|deputy foreign minister)(s)?$"), "deputy_foreign_minister"),
    (re.compile(r"^(secretary[ -]general|secretaries[ -]general)$"), "secretary_general"),
    (re.compile(r"^national security advis[eo]r(s)?$"), "national_security_adviser"),
    (re.compile(r"^(government spokes(man|woman|person)|government spokesmen)$"), "government_spokesperson"),
    (re.compile(r"^(ambassador to the un|un ambassador)$"), "un_ambassador"),
    (re.compile(r"^(army chief of staff|chief of (the )?general staff|chief of staff of the armed forces)$"), "military_chief"),
]


def expand_macros(phrase, macros):
    outs = [phrase]
    for m, vals in macros.items():
        nxt = []
        for p in outs:
            if m in p:
                for v in vals:
                    nxt.append(p.replace(m, v))
            else:
                nxt.append(p)
        outs = nxt
    return outs


def agent_role(phrase):
    for rx, role in AGENT_ROLE:
        if rx.match(phrase):
            return role
    return ""


def build_agents(path, curated_path):
    macros = {}
    rows = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            body, _ = split_comment(line)
            m = re.match(r"^\s*(![A-Z]+!)\s*=\s*(.+)$", body)
            if m:
                macros[m.group(1)] = [v.strip() for v in m.group(2).split(",") if v.strip()]
                continue
            m = re.search(r"\[~([A-Z]+)[\]}]", body)
            if not m:
                continue
            sector = m.group(1)
            head = body[:m.start()]
            plurals = []
            pm = re.search(r"\{([^}]*)\}", head)
            if pm:
                plurals = [p for p in re.split(r"\s*,\s*|\s{2,}", pm.group(1).strip()) if p]
                head = head[:pm.start()] + head[pm.end():]
            phrases = [head.strip()] + plurals
            for ph in phrases:
                for x in expand_macros(ph, macros):
                    x = x.replace("_", " ")
                    x = re.sub(r"\s+", " ", x).strip().lower()
                    if not x or "\ufffd" in x or not re.search(r"[a-z]", x):
                        continue
                    if "!" in x:
                        continue
                    if x not in rows:
                        rows[x] = {"phrase": x, "role": agent_role(x), "sector": sector,
                                   "country_hint": ""}
    if os.path.exists(curated_path):
        _, cur = read_tsv(curated_path)
        for r in cur:
            x = r["phrase"].strip().lower()
            rows[x] = {"phrase": x, "role": r.get("role", ""), "sector": r.get("sector", ""),
                       "country_hint": r.get("country_hint", "")}
    return [rows[k] for k in sorted(rows)]


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--phoenix", required=True, help="directory with Phoenix.*.txt")
    ap.add_argument("--out", required=True, help="data/kb directory")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    countries = build_countries(os.path.join(args.out, "countries_curated.tsv"))
    country_codes = {c["iso3"] for c in countries} | {c["cameo"] for c in countries} | \
        {"KSV", "SUN", "DDR", "YUG", "SCG", "CSK"}

    overlay_orgs = {}
    op = os.path.join(args.out, "overlay_actors.tsv")
    if os.path.exists(op):
        _, rows = read_tsv(op)
        for r in rows:
            if r["type"] == "ORG":
                overlay_orgs[r["kb_id"]] = [r["name"]] + [x for x in r["aliases"].split("|") if x]

    files = ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
             "Phoenix.MilNonState.actors.txt"]
    entries = [(fn, parse_actor_file(os.path.join(args.phoenix, fn))) for fn in files]
    actors, roles, skipped = build_actors(entries, country_codes, overlay_orgs)
    if args.verbose:
        print("skipped:", skipped, file=sys.stderr)

    arows = sorted(actors.values(), key=lambda a: a["kb_id"])
    roles.sort(key=lambda r: (r["kb_id"], r["start"], r["end"], r["role"], r["org"], r["country"]))
    agents = build_agents(os.path.join(args.phoenix, "Phoenix.agents.txt"),
                          os.path.join(args.out, "agents_curated.tsv"))

    gen = "generated by tools/kb/build_kb.py from the Phoenix dictionaries (MIT, Open Event Data Alliance); do not edit"
    write_tsv(os.path.join(args.out, "countries.tsv"), COUNTRY_HDR, countries,
              ["generated by tools/kb/build_kb.py from iso-codes (LGPL-2.1+) and countries_curated.tsv; do not edit"])
    write_tsv(os.path.join(args.out, "actors.tsv"), ACTOR_HDR, arows, [gen])
    write_tsv(os.path.join(args.out, "roles.tsv"), ROLE_HDR, roles, [gen])
    write_tsv(os.path.join(args.out, "agents.tsv"), AGENT_HDR, agents,
              ["generated by tools/kb/build_kb.py from Phoenix.agents.txt (MIT, Open Event Data Alliance) and agents_curated.tsv; do not edit"])
    print("countries %d, actors %d (PER %d, ORG %d), roles %d, agents %d" % (
        len(countries), len(arows), sum(a["type"] == "PER" for a in arows),
        sum(a["type"] == "ORG" for a in arows), len(roles), len(agents)))


if __name__ == "__main__":
    main()
