#!/usr/bin/env python3
"""gen_orgs.py - regenerates the organization and given-name gazetteers of
data/ from the entity lists of ../shared/lexicons/entities (SOURCES.md there
gives each file's repository, commit and license).

    data/org_lexicon.tsv   organizations: IDX-listed companies (with their
                           tickers and the brand forms derived below),
                           football clubs, universities, S&P 500 and world
                           companies, political parties, international
                           organizations, news publishers
    data/person_given.txt  foreign given names (by country, and weighted by
                           Wikipedia frequency)

Never a lexicon row blindly: a one-word form (and a ticker) is dropped when
it is an ordinary word or a person's name.  "Ordinary word" means: written
in lower case somewhere in the train splits of the NER corpora
(../shared/corpora/ner/*/train.conll), or in the common-word list of
zxcvbn-id, or an English function word; "person's name" means in zxcvbn-id
names.txt or the given/family name lists.  Forms of several words are
dropped when every word is ordinary (a club called "Real Club"...) and
forms that are a country or place of data/ are left to those files.
Curated organizations live in data/organizations.tsv and data/org_id.tsv,
which this script never touches (it reads them only to skip duplicates).

Run by `make data`; the outputs are committed so that a build needs neither
../shared nor python.

Usage: gen_orgs.py [--entities DIR] [--zxcvbn DIR] [--corpora DIR] [--out DIR]
"""
import argparse
import csv
import glob
import os
import re
import sys
import unicodedata

csv.field_size_limit(1 << 24)

ENGLISH = set('''a an the of and or for in on at to by with from as is are was be
it its this that we you he she they i my our your his her their not no new one
all any can will may more most other some such only own same so than too very
just over under up down out off again further then once here there when where
why how both each few am has had have do does did but if into about against
between through during before after above below via per vs'''.split())

# Legal-form words that a brand form never is.
LEGAL = {'pt', 'tbk', 'persero', 'inc', 'corp', 'co', 'ltd', 'plc', 'group', 'holding',
         'holdings', 'company', 'corporation', 'international', 'indonesia', 'internasional',
         'the', 'bank', 'asuransi', 'sekuritas', 'multi', 'mitra'}


def read_tsv(path):
    with open(path, encoding='utf-8') as f:
        return list(csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE))


def lines(path):
    try:
        with open(path, encoding='utf-8') as f:
            return [l.strip() for l in f if l.strip() and not l.startswith('#')]
    except OSError:
        return []


def lower_words(corpora):
    """Words written in lower case in the NER train splits (count >= 1)."""
    seen = set()
    for path in sorted(glob.glob(os.path.join(corpora, '*', 'train.conll'))):
        with open(path, encoding='utf-8') as f:
            for line in f:
                w = line.split('\t', 1)[0].strip()
                if w and w[0].islower() and w.isalpha():
                    seen.add(w)
    return seen


# One-word rows that survive the filters but are places, words or names in
# Indonesian text as often as organizations.
DENY = {'madeira', 'halle', 'albion', 'thames', 'sugih', 'tupi', 'remo', 'oeste', 'ferro',
        'tigre', 'mitre', 'instituto', 'independiente', 'amazonas', 'unión', 'nacional',
        'futura', 'polaris', 'fabril', 'naval', 'operário', 'excelsior', 'telstar', 'spurs',
        'wolves', 'sete', 'arles', 'boulogne', 'hellas', 'berlina', 'exploitasi', 'temas', 'garuda'}


class Filter:
    def __init__(self, a, root):
        ent = a.entities
        self.lower = lower_words(a.corpora)
        self.common = {w.lower() for w in lines(os.path.join(a.zxcvbn, 'commonWords.txt'))}
        self.names = {w.lower() for w in lines(os.path.join(a.zxcvbn, 'names.txt'))}
        for r in read_tsv(os.path.join(ent, 'person_names_by_country.tsv')):
            self.names.add(r['name'].lower())
        for r in read_tsv(os.path.join(ent, 'person_names_wikipedia.tsv')):
            self.names.add(r['name'].lower())
        # frequent words of Indonesian Wikipedia, proper nouns included: a
        # one-word club name there is a town or a word as often ("Madeira")
        self.wiki = {w.lower() for w in lines(os.path.join(a.zxcvbn, 'wikipedia.txt'))}
        self.places = set()
        for f in ('places.tsv', 'places_id.tsv'):
            for l in lines(os.path.join(root, 'data', f)):
                self.places.add(l.split('\t')[0].lower())
        for l in lines(os.path.join(root, 'data', 'countries.tsv')):
            self.places.add(l.split('\t')[3].lower())
        for l in lines(os.path.join(root, 'data', 'country_aliases.tsv')):
            self.places.add(l.split('\t')[0].lower())

    def ordinary(self, w):
        lw = w.lower()
        return lw in self.lower or lw in self.common or lw in ENGLISH or len(lw) <= 2

    def ok(self, form):
        """A form safe to match as an organization."""
        if not form or len(form) > 120 or '\t' in form or not re.search(r'[A-Za-z]', form):
            return False
        if form.lower() in self.places or form.lower() in DENY:
            return False
        words = form.split()
        if len(words) == 1:
            w = words[0]
            if not w[0].isupper() or len(w) < 3 or (w.isupper() and len(w) < 4):
                return False
            return not self.ordinary(w) and w.lower() not in self.names
        return not all(self.ordinary(w) or w.lower() in self.names for w in words)


# Words after a brand that only say where or what kind of firm it is.
GENERIC = {'indonesia', 'international', 'internasional', 'indo', 'group', 'holding',
           'holdings', 'corporation', 'corpora', 'company', 'nusantara', 'global',
           'investama', 'energy', 'energi', 'mining', 'resources', 'tbk', 'asia'}


def brand(short):
    """The first word of an IDX short name, when the rest only says where or
    what kind of firm it is ("Unilever Indonesia" -> "Unilever"); None
    otherwise (a first word like "Menteng" or "Buyung" is a place or a name
    as often as a brand)."""
    words = short.split()
    if (len(words) < 2 or words[0].lower() in LEGAL or
            not re.fullmatch(r'[A-Z][a-z]{4,}', words[0]) or
            not all(w.lower() in GENERIC for w in words[1:])):
        return None
    return words[0]


def idx_rows(ent, flt):
    rows = []
    recs = read_tsv(os.path.join(ent, 'idx_companies.tsv'))
    first = {}
    for r in recs:
        b = brand(r['short'])
        if b:
            first.setdefault(b, []).append(r)
    for r in recs:
        short = r['short']
        for form in (r['name'], short, r['name_alt']):
            if form and (len(form.split()) > 1 or flt.ok(form)):
                rows.append((form, short))
        t = r['ticker']
        if re.fullmatch(r'[A-Z]{4}', t) and not flt.ordinary(t) and t.lower() not in flt.names:
            rows.append((t, short, 'ticker'))
        b = brand(short)
        if b and len(first[b]) == 1 and flt.ok(b):
            rows.append((b, short))
    return rows


# Clubs whose one-word names Indonesian news writes (top leagues); a one-word
# name of a club elsewhere ("Koblenz", "Reading") is as often the town.
CLUB_COUNTRIES = {'England', 'Spain', 'Italy', 'Germany', 'France', 'Netherlands',
                  'Portugal', 'Scotland', 'Turkey', 'Brazil', 'Argentina', 'Saudi Arabia'}


def split_alts(s):
    return [x.strip() for x in re.split(r'\s*\|\s*', s or '') if x.strip()]


# Universities and foreign parties: only those of countries Indonesian news
# writes about often (the full lists are 10,000 and 5,000 names, most never
# in an Indonesian article, and every form costs lookup time).
UNI_COUNTRIES = {'ID', 'MY', 'SG', 'AU', 'GB', 'NL', 'JP', 'KR'}
TOP_UNI = re.compile(r'Harvard|Stanford|Yale|Princeton|Columbia University|Massachusetts '
                     r'Institute of Technology|University of California|Johns Hopkins|Cornell|'
                     r'University of Chicago|Al-Azhar|Tsinghua|Peking University|Sorbonne')
PARTY_COUNTRIES = {'USA', 'GBR', 'AUS', 'MYS', 'SGP', 'JPN', 'KOR', 'PRK', 'CHN', 'IND', 'RUS',
                   'UKR', 'ISR', 'PSE', 'DEU', 'FRA', 'NLD', 'THA', 'PHL', 'TWN', 'TUR', 'IRN',
                   'EGY', 'TLS', 'BRN', 'VNM', 'MMR', 'KHM', 'PAK', 'SAU'}


def other_rows(ent, flt):
    """(form, canonical) rows of every list but the IDX one."""
    rows = []
    clubs = read_tsv(os.path.join(ent, 'football_clubs.tsv'))
    towns = {r['city'].lower() for r in clubs if r['city']}
    for r in clubs:
        if r['kind'] == 'reserve':
            continue
        for form in [r['name']] + split_alts(r['alt_names']):
            if ' ' not in form and (form.lower() in towns or form.lower() in flt.wiki or
                                    r['country'] not in CLUB_COUNTRIES):
                continue
            rows.append((form, r['name']))
    for r in read_tsv(os.path.join(ent, 'universities.tsv')):
        if (r['country_code'] in UNI_COUNTRIES or TOP_UNI.search(r['name'])) and \
                (r['country_code'] == 'ID' or len(r['name'].split()) >= 2):
            rows.append((r['name'], ''))
        if r['short'] and r['country_code'] == 'ID':
            rows.append((r['short'], r['name']))
    for f in ('sp500_companies.tsv', 'world_companies.tsv', 'news_publishers.tsv'):
        for r in read_tsv(os.path.join(ent, f)):
            rows.append((r['name'], ''))
    for r in read_tsv(os.path.join(ent, 'political_parties.tsv')):
        idn = r['country_iso3'] == 'IDN'
        forms = [r['name'], r['name_english']] + split_alts(r['alt_names'])
        for form in forms:
            if idn or (len(form.split()) >= 2 and r['country_iso3'] in PARTY_COUNTRIES):
                rows.append((form, r['name'] if idn else ''))
        # short forms of Indonesian parties only (PKB, Gerindra); others
        # abroad are two- or three-letter acronyms that collide
        if idn and r['short'] and not r['year_last']:
            rows.append((r['short'], r['name']))
    for r in read_tsv(os.path.join(ent, 'international_orgs.tsv')):
        rows.append((r['name'], ''))
        if r['short']:
            rows.append((r['short'], r['name']))
    return rows


def curated(root):
    seen = set()
    for f in ('organizations.tsv', 'org_id.tsv'):
        for l in lines(os.path.join(root, 'data', f)):
            seen.add(l.split('\t')[0].lower())
    return seen


def clean(form):
    form = unicodedata.normalize('NFC', form).strip()
    return re.sub(r'\s+', ' ', form)


HEADER = '''# org_lexicon.tsv - GENERATED by `make data` (src/tools/gen_orgs.py); do not
# edit: curated organizations are in data/organizations.tsv and data/org_id.tsv.
# form <TAB> kind <TAB> canonical name (empty: the form itself), as in
# organizations.tsv; kind org, or ticker (an IDX code: an organization only
# in brackets or after saham/emiten/kode).  Rows that are ordinary words or person names are
# filtered out (see the script).  Sources, from ../shared/lexicons/entities:
#   IDX companies: nichsedge/idx-bei (MIT, Copyright (c) 2024) and
#     NeaByteLab/IDX-API (MIT, Copyright (c) 2026 NeaByteLab); brand forms
#     (first word of the name) derived here
#   football clubs: openfootball/clubs (CC0-1.0)
#   universities: Hipo/university-domains-list (MIT, Copyright (c) 2014-2025 Hipo)
#   S&P 500 companies: datasets/s-and-p-500-companies (ODC-PDDL-1.0)
#   world companies: Bruno Oberle, random-items (CC BY 3.0; data from YAGO 3 /
#     Wikipedia)
#   political parties: hdigital/partyfactsdata (MIT, Copyright (c) 2022 Party
#     Facts authors)
#   international organizations: IATI Standard (http://iatistandard.org/),
#     CC BY 4.0, Copyright Development Initiatives on behalf of the IATI Secretariat
#   news publishers: flairNLP/fundus (MIT, Copyright (c) 2023 Max Dallabetta,
#     Conrad Dobberstein, Aaron Wey)
# The MIT notices ask that the permission notice travel with copies: "Permission
# is hereby granted, free of charge, to any person obtaining a copy of this
# software and associated documentation files ... THE SOFTWARE IS PROVIDED "AS
# IS", WITHOUT WARRANTY OF ANY KIND."
'''

GIVEN_HEADER = '''# person_given.txt - GENERATED by `make data` (src/tools/gen_orgs.py): foreign
# given names, one per line, as written.  Sources (../shared/lexicons/entities):
# sigpwned/popular-names-by-country-dataset (CC0-1.0) and Bruno Oberle,
# random-items, given names weighted by Wikipedia frequency (CC BY 3.0; data
# from YAGO 3 / Wikipedia).  Names written in lower case in the NER train
# splits (dan, ada...), shorter than 3 letters, or places/countries are left out.
# Used only after the model (docref.c): a given name followed by a
# capitalised name-like word that no entity covers is a PERSON.
'''


# Given names of the lists that are, in Indonesian text, a religion, a rank or
# a title before a name ("Kristen Protestan", "Komjen Pol Badrodin").
GIVEN_DENY = {'pol', 'kristen', 'katolik', 'islam', 'hindu', 'buddha', 'princess', 'prince',
              'king', 'queen', 'lord', 'lady', 'sir', 'dame', 'santa', 'saint', 'don',
              'miss', 'mister', 'haji', 'hajjah', 'nabi', 'raja', 'ratu', 'putri', 'putra'}


def given_names(ent, flt):
    out = set()
    for f in ('person_names_by_country.tsv', 'person_names_wikipedia.tsv'):
        for r in read_tsv(os.path.join(ent, f)):
            if r['type'] != 'given':
                continue
            w = clean(r['name'])
            if (re.fullmatch(r'[A-Z][a-zà-ÿ]{2,}', w) and w.lower() not in flt.lower and
                    w.lower() not in ENGLISH and w.lower() not in flt.places and
                    w.lower() not in GIVEN_DENY):
                out.add(w)
    return sorted(out)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    shared = os.path.join(root, '..', 'shared')
    ap = argparse.ArgumentParser()
    ap.add_argument('--entities', default=os.path.join(shared, 'lexicons', 'entities'))
    ap.add_argument('--zxcvbn', default=os.path.join(shared, 'lexicons', 'zxcvbn-id'))
    ap.add_argument('--corpora', default=os.path.join(shared, 'corpora', 'ner'))
    ap.add_argument('--out', default=os.path.join(root, 'data'))
    a = ap.parse_args()
    if not os.path.isdir(a.entities):
        print('%s missing: org_lexicon.tsv and person_given.txt kept' % a.entities, file=sys.stderr)
        return
    flt = Filter(a, root)
    skip = curated(root)
    out, seen = [], set()
    for row in idx_rows(a.entities, flt) + other_rows(a.entities, flt):
        form, canon, kind = clean(row[0]), clean(row[1]), row[2] if len(row) > 2 else 'org'
        key = form.lower()
        if key in seen or key in skip or (kind == 'org' and not flt.ok(form)):
            continue
        seen.add(key)
        out.append((form, kind, canon if canon != form else ''))
    with open(os.path.join(a.out, 'org_lexicon.tsv'), 'w', encoding='utf-8') as f:
        f.write(HEADER)
        for r in out:
            f.write('\t'.join(r) + '\n')
    print('org_lexicon.tsv: %d forms' % len(out))
    given = given_names(a.entities, flt)
    with open(os.path.join(a.out, 'person_given.txt'), 'w', encoding='utf-8') as f:
        f.write(GIVEN_HEADER)
        for w in given:
            f.write(w + '\n')
    print('person_given.txt: %d names' % len(given))


if __name__ == '__main__':
    main()
