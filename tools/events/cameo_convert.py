#!/usr/bin/env python3
"""Convert the CAMEO verb-pattern dictionary (PETRARCH format) into parley's flat TSV.

Usage: tools/events/cameo_convert.py ../shared/data/event-dictionaries/CAMEO.2.0.txt \
           > data/events/cameo_verbs.tsv

Output rows (tab-separated, lower case):
  syn   NAME   word|word|...              a synonym set (&NAME in patterns)
  verb  BLOCK  form                 CODE  one inflected form of a verb of block BLOCK
  pat   BLOCK  pre words  post words CODE a pattern of the block ("-" when a side is empty)
CODE is the CAMEO code as written ("036", ":020" = subject is the target, "---" = none);
a verb's code that is only inherited from its block header is prefixed "~" (not a default).
Regular inflections (-s, -ed, -ing) are generated here because PETRARCH generates them at
load time; irregular forms come from the dictionary's {...} lists.
"""
import re
import sys


def inflect(base):
    """Regular English verb forms of a lower-case base verb (PETRARCH's own rules, roughly)."""
    forms = {base}
    if base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and len(base) > 1 and base[-2] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "x", "z", "ch", "sh")):
        forms |= {base + "es", base + "ed", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
    return forms


def clean_word(w):
    w = w.strip().lower()
    w = w.rstrip("_")
    return w.replace("_", " ")


def parse_code(text):
    m = re.search(r"\[([^\]]*)\]", text)
    return m.group(1).strip() if m else ""


def pattern_words(side):
    """Flatten one side of a pattern into a word list; None when it uses unsupported syntax."""
    side = re.sub(r"[(){}]", " ", side)
    out = []
    for tok in side.split():
        if tok in ("$", "+", "^", "%", "-"):
            continue
        if tok.startswith("&"):
            out.append(tok.lower())
            continue
        if not re.fullmatch(r"[A-Za-z0-9'/\-_]+", tok):
            return None
        tok = tok.lower().rstrip("_")
        if "/" in tok:
            out.append(tok)  # alternatives, matched as either
        else:
            out.extend(tok.replace("_", " ").split())
    return out


def main(path):
    lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    out = []
    synset = None
    block = None
    block_code = "---"
    in_verbs = False
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if line.lstrip().startswith("<!--"):
            continue
        if not line.strip():
            continue
        # Synonym sets (&NAME, then +WORD lines) may come before the verbs or between blocks.
        if line.startswith("&"):
            synset = [line.strip().split()[0][1:].lower(), []]
            out.append(synset)
            continue
        if line.startswith("+") and synset is not None:
            synset[1].append(clean_word(line.strip()[1:]))
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line)
        if m:
            in_verbs = True
            synset = None
            block = m.group(1).lower()
            block_code = m.group(2).strip()
            continue
        if not in_verbs:
            continue
        if block is None:
            continue
        if line.startswith("-"):
            body = re.sub(r"\[[^\]]*\]", "", line[1:])
            code = parse_code(line)
            if "*" not in body or not code:
                continue
            pre, post = body.split("*", 1)
            pw, qw = pattern_words(pre), pattern_words(post)
            if pw is None or qw is None or not (pw or qw):
                continue
            out.append(("pat", block, " ".join(pw) or "-", " ".join(qw) or "-", code))
            continue
        # a verb line: BASE {IRREGULAR FORMS} [code]   or  +MULTI_WORD {+FORMS} [code]
        # A verb's own code is trusted as its default; a code it only inherits from its block
        # header is marked "~" (the block's head verb excepted): "think" under CONSIDER [040]
        # is no meeting unless a pattern says so.
        own_code = parse_code(line)
        code = own_code or block_code
        body = re.sub(r"\[[^\]]*\]", "", line)
        irregular = re.findall(r"\{([^}]*)\}", body)
        base = re.sub(r"\{[^}]*\}", "", body).strip().split()
        if not base:
            continue
        base_word = base[0]
        forms = set()
        if base_word.startswith("+"):
            words = clean_word(base_word[1:]).split()
            forms.add(" ".join(words))
            if irregular:
                for f in irregular[0].replace(",", " ").split():
                    forms.add(clean_word(f.lstrip("+")))
            else:
                for f in inflect(words[0]):
                    forms.add(" ".join([f] + words[1:]))
        else:
            b = clean_word(base_word)
            if not re.fullmatch(r"[a-z\-' ]+", b):
                continue
            forms |= inflect(b) if " " not in b else {b}
            for grp in irregular:
                for f in grp.replace(",", " ").split():
                    forms.add(clean_word(f))
        head = clean_word(base_word.lstrip("+")).replace(" ", "_") == block.replace(" ", "_")
        if not own_code and not head and code != "---":
            code = "~" + code
        for f in sorted(forms):
            if re.fullmatch(r"[a-z][a-z'\- ]*", f):
                out.append(("verb", block, f, code))
    print("# Converted by tools/events/cameo_convert.py from the PETRARCH-format verb dictionary %s" % path.split("/")[-1])
    print("# (PETRARCH format; MIT License, (c) 2015 Open Event Data Alliance). Do not edit by hand.")
    print("kind\tblock\twords\tpost\tcode")
    for row in out:
        if isinstance(row, list):
            if row[1]:
                print("syn\t%s\t%s\t-\t-" % (row[0], "|".join(row[1])))
        elif row[0] == "verb":
            print("verb\t%s\t%s\t-\t%s" % (row[1], row[2], row[3]))
        else:
            print("pat\t%s\t%s\t%s\t%s" % row[1:])


if __name__ == "__main__":
    main(sys.argv[1])
