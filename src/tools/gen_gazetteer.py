#!/usr/bin/env python3
"""gen_gazetteer.py - regenerates the derived gazetteer files of data/.

    data/countries.tsv   from Debian iso-codes: ISO 3166-1 entries
                         (/usr/share/iso-codes/json/iso_3166-1.json) and their
                         Indonesian translations (iso_3166-1.mo read with
                         msgunfmt).  Data license: LGPL-2.1-or-later.
    data/places_id.tsv   Indonesian provinces and regencies/cities from
                         idn-area-data (../shared/lexicons/idn-area/*.csv).
                         Data license: ODbL 1.0, credit required.

Run by `make data`; the outputs are committed so that a build needs neither
iso-codes nor ../shared.  Hand-curated forms live in data/country_aliases.tsv
and data/places.tsv, which this script never touches.

Usage: gen_gazetteer.py [--iso-json F] [--iso-mo F] [--idn-area DIR]
                        [--common-words F] [--names F] [--out DIR]
"""
import argparse
import csv
import json
import os
import re
import subprocess
import sys


def read_po(text):
    """msgid -> msgstr from msgunfmt output (handles continued lines)."""
    out, key, cur, field = {}, None, None, None

    def unq(s):
        s = s.strip()
        assert s.startswith('"') and s.endswith('"'), s
        return bytes(s[1:-1], 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8')

    for line in text.splitlines() + ['']:
        if line.startswith('msgid '):
            if key is not None and cur is not None:
                out[key] = cur
            key, cur, field = unq(line[6:]), None, 'id'
        elif line.startswith('msgstr '):
            cur, field = unq(line[7:]), 'str'
        elif line.startswith('"'):
            if field == 'id':
                key += unq(line)
            elif field == 'str':
                cur += unq(line)
        elif not line.strip():
            if key is not None and cur is not None:
                out[key] = cur
            key, cur, field = None, None, None
    return {k: v for k, v in out.items() if k and v}


def strip_paren(form):
    """"Holy See (Vatican City State)" -> "Holy See"."""
    return re.sub(r'\s*\([^)]*\)', '', form).strip() if form else form


def usable(form):
    """A form that can appear as running text: no inverted "X, Y" order."""
    return bool(form) and ',' not in form and '(' not in form


def countries(iso_json, iso_mo):
    entries = json.load(open(iso_json, encoding='utf-8'))['3166-1']
    po = read_po(subprocess.run(['msgunfmt', iso_mo], check=True,
                                capture_output=True, text=True).stdout)
    rows = []
    for e in sorted(entries, key=lambda e: e['alpha_2']):
        a2 = e['alpha_2']
        en = [e.get('common_name'), e.get('name'), e.get('official_name')]
        en = [x for x in en if x]
        # canonical Indonesian name: the translation of the common name,
        # else of the short name (the short name is often "X, Y of").
        canon = None
        for x in en:
            t = strip_paren(po.get(x))
            if t and usable(t):
                canon = t
                break
        if canon is None:
            canon = next((strip_paren(x) for x in en if usable(strip_paren(x))), en[0])
        seen = set()

        def add(form, origin):
            form = strip_paren(form)
            if usable(form) and form not in seen:
                seen.add(form)
                rows.append((a2, e['alpha_3'], canon, form, origin))

        add(canon, 'id')
        for kind, x in zip(('common', 'name', 'official'),
                           (e.get('common_name'), e.get('name'), e.get('official_name'))):
            if x and x in po:
                add(po[x], 'id-' + kind)
        for kind, x in zip(('common', 'name', 'official'),
                           (e.get('common_name'), e.get('name'), e.get('official_name'))):
            if x:
                add(x, 'en-' + kind)
    return rows


def words(path):
    try:
        with open(path, encoding='utf-8') as f:
            return {w.strip().lower() for w in f if w.strip()}
    except OSError:
        return set()


def places(idn_dir, common):
    """(form, canonical name, kind, code) rows for provinces and regencies.
    "Kabupaten X" / "Kota X" also yield the bare "X" unless X is a common
    Indonesian word or a given name (Batu, Malang, Kudus, Agam...: those are
    left to data/places.tsv, where a person decides)."""
    rows = []
    with open(os.path.join(idn_dir, 'provinces.csv'), encoding='utf-8') as f:
        provs = list(csv.DictReader(f))
    with open(os.path.join(idn_dir, 'regencies.csv'), encoding='utf-8') as f:
        regs = list(csv.DictReader(f))
    taken = {}
    for p in provs:
        name = p['name']
        rows.append((name, name, 'province', p['code']))
        taken[name] = 'province'
        short = {'Daerah Khusus Ibukota Jakarta': ['DKI Jakarta', 'Jakarta'],
                 'Daerah Istimewa Yogyakarta': ['DI Yogyakarta', 'DIY', 'Yogyakarta'],
                 'Kepulauan Bangka Belitung': ['Bangka Belitung', 'Babel']}.get(name, [])
        for s in short:
            rows.append((s, name, 'province', p['code']))
            taken[s] = 'province'
    bare = {}
    for r in regs:
        name = r['name']
        for pre in ('Kabupaten Administrasi ', 'Kota Administrasi ', 'Kabupaten ', 'Kota '):
            if name.startswith(pre):
                b = name[len(pre):]
                break
        else:
            b = None
        kind = 'city' if name.startswith('Kota') else 'regency'
        rows.append((name, name, kind, r['code']))
        if name.startswith('Kota Administrasi '):
            rows.append(('Kota ' + b, name, kind, r['code']))
        if b:
            bare.setdefault(b, []).append((name, kind, r['code']))
    for b, lst in sorted(bare.items()):
        if b in taken:
            continue  # a province of that name: the bare form means the province
        if ' ' not in b and b.lower() in common:
            continue
        # Kota X before Kabupaten X: the bare name of a city means the city.
        lst.sort(key=lambda t: (t[1] != 'city', t[2]))
        name, kind, code = lst[0]
        rows.append((b, name, kind, code))
    return rows


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap.add_argument('--iso-json', default='/usr/share/iso-codes/json/iso_3166-1.json')
    ap.add_argument('--iso-mo', default='/usr/share/locale/id/LC_MESSAGES/iso_3166-1.mo')
    ap.add_argument('--idn-area', default=os.path.join(root, '..', 'shared', 'lexicons', 'idn-area'))
    ap.add_argument('--common-words', default=os.path.join(root, '..', 'shared', 'lexicons', 'zxcvbn-id', 'commonWords.txt'))
    ap.add_argument('--names', default=os.path.join(root, '..', 'shared', 'lexicons', 'zxcvbn-id', 'names.txt'))
    ap.add_argument('--out', default=os.path.join(root, 'data'))
    a = ap.parse_args()

    if os.path.exists(a.iso_json) and os.path.exists(a.iso_mo):
        rows = countries(a.iso_json, a.iso_mo)
        with open(os.path.join(a.out, 'countries.tsv'), 'w', encoding='utf-8') as f:
            f.write('# countries.tsv - GENERATED by `make data` (src/tools/gen_gazetteer.py); edit\n'
                    '# data/country_aliases.tsv instead.  Source: Debian iso-codes, ISO 3166-1\n'
                    '# (iso_3166-1.json and the Indonesian iso_3166-1.mo), data under\n'
                    '# LGPL-2.1-or-later.  Forms with a comma are left out; parenthesised\n'
                    '# qualifiers are dropped ("Holy See (Vatican City State)" -> "Holy See").\n'
                    '# alpha2\talpha3\tcanonical Indonesian name\tform\torigin (id-*/en-*)\n')
            for r in rows:
                f.write('\t'.join(r) + '\n')
        print('countries.tsv: %d forms, %d countries' % (len(rows), len({r[0] for r in rows})))
    else:
        print('iso-codes not installed (apt-get install iso-codes gettext): countries.tsv kept', file=sys.stderr)

    if os.path.isdir(a.idn_area):
        common = words(a.common_words) | words(a.names)
        rows = places(a.idn_area, common)
        with open(os.path.join(a.out, 'places_id.tsv'), 'w', encoding='utf-8') as f:
            f.write('# places_id.tsv - GENERATED by `make data` (src/tools/gen_gazetteer.py) from\n'
                    '# idn-area-data 4.0.1 (provinces.csv, regencies.csv), Copyright its authors,\n'
                    '# made available under the Open Database License (ODbL) 1.0:\n'
                    '# https://opendatacommons.org/licenses/odbl/1-0/  This file is a Derivative\n'
                    '# Database of it and is likewise offered under the ODbL 1.0.\n'
                    '# Bare names ("Bandung" for "Kota Bandung") are added unless they are a\n'
                    '# common word or a given name; curated places are in data/places.tsv.\n'
                    '# form\tcanonical name\tkind\tofficial code\n')
            for r in rows:
                f.write('\t'.join(r) + '\n')
        print('places_id.tsv: %d forms' % len(rows))
    else:
        print('%s missing: places_id.tsv kept' % a.idn_area, file=sys.stderr)


if __name__ == '__main__':
    main()
