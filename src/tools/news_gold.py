#!/usr/bin/env python3
"""news_gold.py - build the realistic-news regression set (make news-gold).

Reads the annotated articles tests/news/src/NN-slug.txt, written in the
inline markup of docs/news-eval.md:

    [[surface text|TYPE]]          PERSON, ORGANIZATION, LOCATION
    [[surface text|COUNTRY|ISO]]   ISO 3166-1 alpha-2 code
    [[surface text|MONEY|VALUE]]   "IDR 25000000", "IDR 2000000-5000000",
                                   trailing "~" for approximate amounts

validates every article strictly, and writes for each one
    tests/news/NN-slug.txt       the plain text (markup removed)
    tests/news/NN-slug.gold.tsv  start, end (code points, end-exclusive),
                                 type, text, value (empty unless COUNTRY/MONEY)
Generated files whose source is gone are removed.  Any error is reported as
file:line: message and nothing is written.  Warnings (a string annotated in
an article that also occurs unannotated in the same article) go to stderr
and do not stop the build.  Standard library only.
"""
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
SRC_DIR = os.path.join(ROOT, "tests", "news", "src")
OUT_DIR = os.path.join(ROOT, "tests", "news")
NAME_RE = re.compile(r"^(\d\d)-[a-z0-9]+(?:-[a-z0-9]+)*\.txt$")
TYPES = ("PERSON", "ORGANIZATION", "COUNTRY", "MONEY", "LOCATION")
NUM = r"(?:0|[1-9][0-9]*)(?:\.[0-9]*[1-9])?"
MONEY_RE = re.compile(r"^([A-Z]{3}) (" + NUM + r")(?:-(" + NUM + r"))?(~?)$")


class ArticleError(Exception):
    pass


def read_codes(path, column):
    """The set of codes in one column of a data/ TSV (comments skipped)."""
    codes = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            codes.add(line.rstrip("\n").split("\t")[column])
    return codes


COUNTRIES = read_codes(os.path.join(ROOT, "data", "countries.tsv"), 0)
CURRENCIES = read_codes(os.path.join(ROOT, "data", "currencies.tsv"), 0)


def check_value(typ, value, where):
    """Raise ArticleError unless value is right for typ."""
    if typ == "COUNTRY":
        if value is None or value not in COUNTRIES:
            raise ArticleError(f"{where}: COUNTRY needs a known ISO 3166-1 alpha-2 code, got {value!r}")
    elif typ == "MONEY":
        m = MONEY_RE.match(value or "")
        if not m:
            raise ArticleError(f"{where}: MONEY needs 'CUR amount[-max][~]', got {value!r}")
        if m.group(1) not in CURRENCIES:
            raise ArticleError(f"{where}: unknown currency code {m.group(1)!r}")
        if m.group(3) is not None and float(m.group(2)) >= float(m.group(3)):
            raise ArticleError(f"{where}: MONEY range min must be below max: {value!r}")
    elif value is not None:
        raise ArticleError(f"{where}: {typ} takes no value, got {value!r}")


def parse_entity(inner, where):
    """Split the inside of [[...]] into (surface, type, value)."""
    parts = inner.split("|")
    if len(parts) not in (2, 3):
        raise ArticleError(f"{where}: expected [[text|TYPE]] or [[text|TYPE|value]], got [[{inner}]]")
    surface, typ = parts[0], parts[1]
    value = parts[2] if len(parts) == 3 else None
    if typ not in TYPES:
        raise ArticleError(f"{where}: unknown type {typ!r}")
    if not surface or surface != surface.strip() or "\n" in surface or "\t" in surface:
        raise ArticleError(f"{where}: empty surface text or white space at its edges: {surface!r}")
    if "[[" in surface or "]]" in surface:
        raise ArticleError(f"{where}: nested markup in [[{inner}]]")
    check_value(typ, value, where)
    return surface, typ, value or ""


def parse_article(path, text):
    """Return (plain text, [(start, end, type, surface, value)])."""
    out, ents = [], []
    pos, plain_len, line = 0, 0, 1
    while True:
        i = text.find("[[", pos)
        chunk = text[pos:] if i < 0 else text[pos:i]
        for bad in ("]]", "|"):
            k = chunk.find(bad)
            if k >= 0:
                raise ArticleError(f"{path}:{line + chunk.count(chr(10), 0, k)}: stray {bad!r} outside markup")
        out.append(chunk)
        plain_len += len(chunk)
        line += chunk.count("\n")
        if i < 0:
            break
        j = text.find("]]", i + 2)
        if j < 0:
            raise ArticleError(f"{path}:{line}: '[[' is never closed")
        inner = text[i + 2:j]
        where = f"{path}:{line}"
        if "[[" in inner:
            raise ArticleError(f"{where}: nested or unclosed markup")
        surface, typ, value = parse_entity(inner, where)
        ents.append((plain_len, plain_len + len(surface), typ, surface, value))
        out.append(surface)
        plain_len += len(surface)
        pos = j + 2
    return "".join(out), ents


def check_layout(path, plain):
    """Headline, blank line, body; no tabs; final newline."""
    lines = plain.split("\n")
    if len(lines) < 3 or not lines[0].strip() or lines[1] != "":
        raise ArticleError(f"{path}:1: expected a headline, a blank line, then the body")
    if "\t" in plain:
        raise ArticleError(f"{path}:{plain[:plain.index(chr(9))].count(chr(10)) + 1}: tab in the text")
    if not plain.endswith("\n"):
        raise ArticleError(f"{path}: the file must end with a newline")


def warn_unmarked(path, plain, ents):
    """Warn where an annotated string also occurs unannotated as a word."""
    covered = [False] * len(plain)
    for s, e, _t, _x, _v in ents:
        for k in range(s, e):
            covered[k] = True
    seen = set()
    for _s, _e, typ, surface, _v in ents:
        if (surface, typ) in seen or typ == "LOCATION":
            continue
        seen.add((surface, typ))
        pat = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
        for m in pat.finditer(plain):
            if not any(covered[m.start():m.end()]):
                ln = plain.count("\n", 0, m.start()) + 1
                print(f"{path}: warning: body line {ln}: {surface!r} ({typ}) is not annotated here",
                      file=sys.stderr)


def build(name):
    """Parse one source; return (plain text, gold TSV text)."""
    path = os.path.join(SRC_DIR, name)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    rel = os.path.relpath(path, ROOT)
    plain, ents = parse_article(rel, text)
    check_layout(rel, plain)
    warn_unmarked(rel, plain, ents)
    rows = "".join(f"{s}\t{e}\t{t}\t{x}\t{v}\n" for s, e, t, x, v in ents)
    return plain, rows


def main():
    names = sorted(n for n in os.listdir(SRC_DIR) if n.endswith(".txt"))
    results, errors, numbers = {}, [], {}
    for n in names:
        m = NAME_RE.match(n)
        if not m:
            errors.append(f"tests/news/src/{n}: name must be NN-slug.txt (lower case, digits, hyphens)")
            continue
        if m.group(1) in numbers:
            errors.append(f"tests/news/src/{n}: number {m.group(1)} is also used by {numbers[m.group(1)]}")
        numbers[m.group(1)] = n
        try:
            results[n] = build(n)
        except ArticleError as e:
            errors.append(str(e))
        except UnicodeDecodeError as e:
            errors.append(f"tests/news/src/{n}: not UTF-8 ({e})")
    if errors:
        for e in errors:
            print(e, file=sys.stderr)
        return 1
    for n, (plain, rows) in results.items():
        base = os.path.join(OUT_DIR, n[:-4])
        for suffix, content in ((".txt", plain), (".gold.tsv", rows)):
            with open(base + suffix, "w", encoding="utf-8", newline="\n") as f:
                f.write(content)
    for n in os.listdir(OUT_DIR):
        m = re.match(r"^(\d\d-.*)\.(?:gold\.tsv|txt)$", n)
        if m and m.group(1) + ".txt" not in results:
            os.remove(os.path.join(OUT_DIR, n))
    total = sum(r.count("\n") for _p, r in results.values())
    print(f"news-gold: {len(results)} articles, {total} annotated entities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
