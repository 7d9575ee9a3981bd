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

#include "pieces.h"
#include "pipeline.h"

enum kind { K_ORG = 0, K_COUNTRY, K_PLACE, K_HEAD, K_TAIL, K_PERSON, K_TICKER, K_N };

/* flags of an entry */
#define E_CTX 0x01u   /* ambiguous short form: context rules apply */
#define E_EXACT 0x02u /* every piece byte-equal */
#define E_LEXICON 0x04u /* from the generated org_lexicon.tsv: weaker than curated */

#define NONE UINT32_MAX
#define FOLD_MAX 128 /* longer tokens never match */

typedef struct entry {
    uint8_t kind, flags;
    uint16_t npieces;
    const piece_t *pieces;
    const char *iso;   /* K_COUNTRY */
    const char *name;  /* canonical name (country, place) or full org name */
    uint32_t next;     /* next entry ending at the same node */
} entry_t;

typedef struct edge {
    uint64_t h;
    uint32_t parent, child;
    const char *s; /* folded piece */
    uint32_t len;
} edge_t;

struct gaz {
    arena_t arena;      /* every string and piece array */
    uint32_t *node;     /* [nnode] first entry ending here, or NONE */
    size_t nnode, capnode;
    edge_t *edge;       /* [capedge] open addressing, child 0 = empty (why not
                         * hashmap.h: see gaz_trie.c) */
    size_t nedge, capedge;
    entry_t *ent;
    size_t nent, capent;
    /* countries: ISO code and canonical name; entries point into iso[] */
    char iso[320][3];
    const char *canon[320];
    size_t ncountry;
    const char *day_month[40]; /* data/days_months.txt, NULL-terminated */
    strset_t given; /* foreign given names (person_given.txt), as written */
    /* folded first pieces of the forms whose first piece does not begin
     * with a capital: the only ones a token in lower case can start */
    strset_t lower_first;
};

/* ---- the trie (gaz_trie.c) ---------------------------------------------- */

/* Makes the root node and the first edge table; -1 when out of memory. */
int gaz_trie_init(gaz_t *g);

/* Adds `form` (UTF-8, words separated by spaces) as an entry of `kind`
 * with E_* `flags`; iso and name are kept as pointers (they must live as
 * long as g).  Returns the entry index, or NONE: for a duplicate of the
 * same kind (first one wins), a form too long or of too many pieces, or
 * out of memory (then *oom is set to 1). */
uint32_t gaz_add_form(gaz_t *g, const char *form, size_t n, int kind, unsigned flags,
                      const char *iso, const char *name, int *oom);

/* Frees the trie's nodes, edges and entries (not the arena). */
void gaz_trie_free(gaz_t *g);

typedef struct match {
    uint32_t te;    /* end token, 0 = none */
    uint32_t entry;
} match_t;

/* The longest match of each kind starting at token t (res[kind].te 0: none). */
void gaz_walk(const gaz_t *g, const pipe_t *p, size_t t, match_t res[K_N]);

#endif
