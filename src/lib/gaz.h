/* gaz.h - the gazetteer's internals, shared by its three files:
 *   gaz_trie.c   the token trie: adding a form, and the longest match of
 *                each kind starting at a token (pieces and their case
 *                classes are pieces.h's, shared with userlex.c)
 *   gaz_load.c   the data files that fill the trie (gaz_load, gaz_free)
 *   gazetteer.c  matching in context: the rules that turn trie matches into
 *                mentions and lexicon bits (gaz_run)
 * The public entry points are declared in pipeline.h.  Internal to the
 * library. */
#ifndef WARTA_GAZ_H
#define WARTA_GAZ_H

#include <stddef.h>
#include <stdint.h>

#include "ftab.h"
#include "pieces.h"
#include "pipeline.h"
#include "tables.h"

enum kind { K_ORG = 0, K_COUNTRY, K_PLACE, K_HEAD, K_TAIL, K_PERSON, K_TICKER, K_N };

/* flags of an entry */
#define E_CTX 0x01u   /* ambiguous short form: context rules apply */
#define E_EXACT 0x02u /* every piece byte-equal */
#define E_LEXICON 0x04u /* from the generated org_lexicon.tsv: weaker than curated */

#define NONE UINT32_MAX
#define FOLD_MAX 128 /* longer tokens never match */

/* An entry: offsets, not pointers, so that the prebuilt blob (tables.h)
 * holds the same records the run-time builder makes. */
typedef struct entry {
    uint8_t kind, flags;
    uint16_t npieces;
    uint32_t pieces;   /* index of the first piece in pcs[] */
    uint32_t iso;      /* K_COUNTRY: offset of the ISO code in str[], else NONE */
    uint32_t name;     /* offset in str[] of the canonical name (country,
                        * place) or full org name, or NONE */
    uint32_t next;     /* next entry ending at the same node */
} entry_t;

/* 16 bytes: four to a cache line (the length is where the piece's NUL
 * is). */
typedef struct edge {
    uint32_t h;        /* hash of the parent and the piece */
    uint32_t parent, child;
    uint32_t s;        /* folded piece: offset in str[], NUL-terminated */
} edge_t;

/* The tables a lookup reads: the builder's arrays (gaz_build) or the
 * sections of the prebuilt blob (gaz_open), used in place.  Strings in
 * str[] are NUL-terminated. */
struct gaz {
    const uint32_t *node;  /* [nnode] first entry ending here, or NONE */
    size_t nnode;
    const edge_t *edge;    /* [capedge] open addressing, child 0 = empty (why not
                            * hashmap.h: see gaz_trie.c) */
    size_t capedge;
    const entry_t *ent;
    size_t nent;
    const piece_t *pcs;    /* every entry's pieces; piece offsets are in str[] */
    size_t npcs;
    const char *str;
    size_t nstr;
    const char *day_month[40]; /* data/days_months.txt, NULL-terminated */
    ftab_t given; /* foreign given names (person_given.txt), as written */
    /* folded first pieces of the forms whose first piece does not begin
     * with a capital: the only ones a token in lower case can start */
    ftab_t lower_first;
    struct gaz_build *b;   /* what gaz_build made and owns, or NULL */
};

/* The run-time builder's growable arrays (gaz_build); g's pointers are set
 * to them when it is done. */
typedef struct gaz_build {
    uint32_t *node;
    size_t nnode, capnode;
    edge_t *edge;
    size_t nedge, capedge;
    entry_t *ent;
    size_t nent, capent;
    piece_t *pcs;
    size_t npcs, cappcs;
    char *str;
    size_t nstr, capstr;
    /* countries: offsets of the ISO code and canonical name in str[] */
    uint32_t iso[320], canon[320];
    size_t ncountry;
    uint32_t day_month[40];
    size_t nday;
    strset_t given, lower_first;
    unsigned char *img[2]; /* ftab images of given and lower_first */
} gaz_build_t;

/* The string at offset off of g->str, or NULL for NONE. */
static inline const char *gaz_str(const gaz_t *g, uint32_t off)
{
    return off == NONE ? NULL : g->str + off;
}

/* Copies s[0..n) and a NUL into b->str; its offset in *off.  0 or -1 (out
 * of memory). */
int gaz_str_add(gaz_build_t *b, const char *s, size_t n, uint32_t *off);

/* gaz_load (pipeline.h) opens the prebuilt tables and falls back to
 * gaz_build, which reads the data files (the reference; build/mktables
 * writes its tables with gaz_save).  gaz_open: the tables of blob tb, used
 * in place; 0, WARTA_ERR_NOMEM, or WARTA_ERR_DATA when tb lacks them. */
int gaz_build(gaz_t **out, warta_error_t *err);
int gaz_open(gaz_t **out, const tblob_t *tb);
int gaz_save(const gaz_t *g, tb_writer_t *w);

/* ---- the trie (gaz_trie.c) ---------------------------------------------- */

/* Makes the root node and the first edge table; -1 when out of memory. */
int gaz_trie_init(gaz_build_t *b);

/* Adds `form` (UTF-8, words separated by spaces) as an entry of `kind`
 * with E_* `flags`; iso and name are offsets in b->str (or NONE).  Returns
 * the entry index, or NONE: for a duplicate of the same kind (first one
 * wins), a form too long or of too many pieces, or out of memory (then
 * *oom is set to 1). */
uint32_t gaz_add_form(gaz_build_t *b, const char *form, size_t n, int kind, unsigned flags,
                      uint32_t iso, uint32_t name, int *oom);

/* Frees the builder's arrays. */
void gaz_trie_free(gaz_build_t *b);

typedef struct match {
    uint32_t te;    /* end token, 0 = none */
    uint32_t entry;
} match_t;

/* The longest match of each kind starting at token t (res[kind].te 0: none). */
void gaz_walk(const gaz_t *g, const pipe_t *p, size_t t, match_t res[K_N]);

#endif
