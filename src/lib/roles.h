/* roles.h - names in context: what the words around and inside the
 * tagger's mentions say about them (issue #12).  Runs over the tagger's
 * mentions (SRC_MODEL) after it, before the resolver:
 *
 *   - titles, roles, honorifics and ranks (data/roles.tsv) stay outside a
 *     PERSON: `Menhub [Budi Karya Sumadi]`, `Kapolda Metro Jaya Irjen
 *     [Karyoto]`, `Bang [Ucok]`; a PERSON that is only a title is dropped;
 *   - role + organization + person in one run is split where the
 *     organization ends: `CEO [Tesla] [Elon Musk]`, `Ketua Umum [PSI]
 *     [Kaesang Pangarep]` (ORGANIZATION + PERSON);
 *   - roads, airports, stations, buildings (data/place_heads.tsv) are
 *     LOCATION, with the person's name inside them: `Jalan Jenderal
 *     Sudirman`, `Tol Cipali`, `Abbey Road`;
 *   - interjections, acronyms of common nouns, products, programs and
 *     holidays (data/nonentities.tsv) are no entities: `Wah`, `PHK`,
 *     `iPhone`, `Idul Fitri`; `KTT ASEAN` keeps only `ASEAN`;
 *   - in Title Case headline lines a mention ends before a headline word
 *     (data/headline_words.txt, -kan/-nya verbs): `[Budi Arie] Optimistis
 *     Koperasi Desa Jalan`;
 *   - initials standing for people are PERSON (SRC_RULE): `berinisial
 *     [AR]`, `tersangka [GTW] (45)`.
 *
 * Lookups touch only the tokens of mentions and of a few cue words, through
 * one hash table of folded phrases: no per-token list scans. */
#ifndef WARTA_ROLES_H
#define WARTA_ROLES_H

#include "pipeline.h"

typedef struct roles roles_t;

/* Loads the embedded data files.  0 or a negative WARTA_ERR_* (err
 * filled).  The tables are read-only afterwards (shared by threads). */
int roles_load(roles_t **out, warta_error_t *err);
void roles_free(roles_t *r);

/* roles_load opens the prebuilt table (tables.h) and falls back to
 * roles_build, which reads the data files (the reference; build/mktables
 * writes the table with roles_save).  roles_open: the table of blob tb,
 * used in place; 0, WARTA_ERR_NOMEM, or WARTA_ERR_DATA when tb lacks it. */
#include "tables.h"
int roles_build(roles_t **out, warta_error_t *err);
int roles_open(roles_t **out, const tblob_t *tb);
int roles_save(tb_writer_t *w, warta_error_t *err);

/* Refines p->ment in place (mentions may be cut, retyped, dropped or
 * added).  0 or WARTA_ERR_NOMEM. */
int roles_run(const roles_t *r, pipe_t *p);

/* 1 when token t is in a Title Case line: at least 4 capitalised words of
 * 3+ letters and no lower-case word of 3+ letters but function words (dan,
 * yang, untuk...). */
int roles_title_line(const pipe_t *p, size_t t);

/* For tests: over every token of p, a few phrase ends and every table
 * bit, how often the phrase lookup that answers from its cache of
 * one-word bits (made small here, so that tokens evict each other)
 * differs from walking the table afresh (0: never). */
long roles_check_match(const roles_t *r, pipe_t *p);

#endif
