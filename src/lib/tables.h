/* tables.h - the prebuilt start-up tables: the lexicon's word lists, the
 * gazetteer's trie and the money patterns, built at build time by
 * build/mktables (src/tools/mktables.c) with the same code that builds them
 * at run time (lexicon_build, gaz_build, money_build), written as one flat
 * blob and embedded into the library (the Makefile's build/tables.S).  At
 * start the library checks the blob's header and uses its sections in
 * place: no per-entry work.  A blob that is missing or does not fit (another
 * version, another layout) makes the library build the tables at run time.
 *
 * (The role and name-context phrases of roles.c too, and the membership
 * filter of the embedded model's features, model.h.)
 *
 * Blob: a header {magic "WARTATBL", version, endian mark, total size,
 * layout sizes, and per section an offset and a size}; every section starts
 * on a 64-byte boundary and holds offsets only.  Internal. */
#ifndef WARTA_TABLES_H
#define WARTA_TABLES_H

#include <stddef.h>
#include <stdint.h>

/* Bump when a section's format changes. */
#define TB_VERSION 3u

enum tb_section {
    TB_LEX_ONE, TB_LEX_MULTI,                 /* lexicon.c: ftab images */
    TB_GAZ_NODE, TB_GAZ_EDGE, TB_GAZ_ENT,     /* gaz_load.c: the trie */
    TB_GAZ_PCS, TB_GAZ_STR, TB_GAZ_GIVEN, TB_GAZ_LOWER, TB_GAZ_DAYMONTH,
    TB_MONEY_CODE, TB_MONEY_WORDS,            /* money.c: serialized PCRE2, ftab */
    TB_CUR_FORMS, TB_CUR_STR,                 /* currency.c */
    TB_ROLES,                                 /* roles.c: ftab image */
    TB_MODEL_FILTER,                          /* model.h: the embedded model's filter */
    TB_N
};

typedef struct tblob {
    const unsigned char *sec[TB_N];
    size_t len[TB_N];
} tblob_t;

/* Checks the header of buf[0..n) and fills *tb.  0, or -1 when it is no
 * blob of this version and layout. */
int tb_open(tblob_t *tb, const void *buf, size_t n);

/* The embedded blob, opened; NULL when the library has none that fits
 * (then each table is built at run time). */
const tblob_t *tables_embedded(void);

/* Writing a blob (build/mktables). */
typedef struct tb_writer {
    unsigned char *buf;
    size_t len, cap;
    uint64_t off[TB_N], size[TB_N];
    int oom;
} tb_writer_t;

/* Starts section id (64-byte aligned); bytes appended through the writer's
 * buffer until tbw_end belong to it. */
void tbw_begin(tb_writer_t *w, int id);
void tbw_put(tb_writer_t *w, const void *p, size_t n);
void tbw_end(tb_writer_t *w, int id);
/* Writes the blob to path.  0, or -1 (out of memory or I/O). */
int tbw_save(tb_writer_t *w, const char *path);
void tbw_free(tb_writer_t *w);

/* Every section, made by the run-time builders from data/ (lexicon_save,
 * gaz_save, money_save, roles_save: tables_build.c).  0 or WARTA_ERR_*
 * (err filled). */
#include "warta.h"
int tables_build(tb_writer_t *w, warta_error_t *err);

#endif
