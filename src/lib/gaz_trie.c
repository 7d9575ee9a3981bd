/* gaz_trie.c - the gazetteer's token trie (gaz.h).
 *
 * The trie's edges live in one open-addressing hash table keyed by (parent
 * node, case-folded piece).  A "piece" is a run of characters between ASCII
 * punctuation marks, or one such mark, so that "Bangsa-Bangsa" as one token
 * and "Bangsa" "-" "Bangsa" as three tokens walk the same path; a match must
 * end at a token's end, so a token is never split ("AS-Korsel" as one token
 * matches nothing).
 *
 * Case: every piece of a form is one of
 *   ANY    lower case or punctuation in the form ("dan" in "Bosnia dan
 *          Herzegovina"): any case in the text
 *   CAP    title case in the form: the text's piece must begin with a capital
 *          (so "Korea", "KOREA" match, "korea" does not)
 *   EXACT  capitals in the form (AS, RI, PBB) or the `exact` flag: byte-equal
 * (pieces.h cuts pieces and tests their case, for user lexicons too).
 */
#include <stdlib.h>
#include <string.h>

#include "gaz.h"

/* The edges keep their own table rather than hashmap.h: a hashmap key
 * would be the parent node's 4 bytes and the piece, copied into a buffer at
 * every step of a walk.  Measured with callgrind on the 90 articles of
 * tests/news in one file (153 KB), that costs gaz_run 5% more instructions
 * (20.95M -> 22.05M; gaz_walk 9.13M -> 10.23M) and gaz_load 1% (72.06M ->
 * 72.72M).  Here the parent seeds the hash and the piece is compared in
 * place. */
static uint32_t edge_hash(uint32_t parent, const char *s, size_t n)
{
    uint64_t h = ftab_hash(s, n, (uint64_t)parent * 0x9E3779B97F4A7C15ULL);
    return (uint32_t)(h ^ (h >> 32));
}

/* The child of `parent` by folded piece s[0..n) in edge table edge[cap]
 * (strings in str, NUL-terminated), or NONE.  A piece never holds a NUL
 * byte (text with one is refused, WARTA_ERR_BINARY; given tokens are C
 * strings), so equal bytes and a NUL after them in str mean equal
 * pieces; strncmp stops at str's NUL, never reading past the string. */
static uint32_t find_child(const edge_t *edge, size_t cap, const char *str, uint32_t parent,
                           const char *s, size_t n)
{
    if (!cap)
        return NONE;
    uint32_t h = edge_hash(parent, s, n);
    size_t mask = cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        const edge_t *e = &edge[i];
        if (!e->child)
            return NONE;
        if (e->h == h && e->parent == parent && strncmp(str + e->s, s, n) == 0 &&
            str[e->s + n] == '\0')
            return e->child;
    }
}

static uint32_t child_of(const gaz_t *g, uint32_t parent, const char *s, size_t n)
{
    return find_child(g->edge, g->capedge, g->str, parent, s, n);
}

/* ---- building ---------------------------------------------------------- */

int gaz_str_add(gaz_build_t *b, const char *s, size_t n, uint32_t *off)
{
    if (b->nstr + n + 1 > UINT32_MAX || vec_reserve((void **)&b->str, &b->capstr, b->nstr + n + 1, 1))
        return -1;
    memcpy(b->str + b->nstr, s, n);
    b->str[b->nstr + n] = '\0';
    *off = (uint32_t)b->nstr;
    b->nstr += n + 1;
    return 0;
}

static int edges_grow(gaz_build_t *g)
{
    size_t nc = g->capedge ? g->capedge * 2 : 4096;
    edge_t *ne = calloc(nc, sizeof *ne);
    if (!ne)
        return -1;
    for (size_t i = 0; i < g->capedge; i++) {
        edge_t *e = &g->edge[i];
        if (!e->child)
            continue;
        size_t j = (size_t)e->h & (nc - 1);
        while (ne[j].child)
            j = (j + 1) & (nc - 1);
        ne[j] = *e;
    }
    free(g->edge);
    g->edge = ne;
    g->capedge = nc;
    return 0;
}

static uint32_t new_node(gaz_build_t *g)
{
    if (vec_reserve((void **)&g->node, &g->capnode, g->nnode + 1, sizeof *g->node))
        return NONE;
    g->node[g->nnode] = NONE;
    return (uint32_t)g->nnode++;
}

static uint32_t add_child(gaz_build_t *g, uint32_t parent, const char *s, size_t n)
{
    uint32_t c = find_child(g->edge, g->capedge, g->str, parent, s, n);
    if (c != NONE)
        return c;
    if ((g->nedge + 1) * 4 > g->capedge * 3 && edges_grow(g)) /* at most 3/4 full */
        return NONE;
    uint32_t k;
    if (gaz_str_add(g, s, n, &k))
        return NONE;
    uint32_t child = new_node(g);
    if (child == NONE)
        return NONE;
    uint32_t h = edge_hash(parent, s, n);
    size_t mask = g->capedge - 1, i = (size_t)h & mask;
    while (g->edge[i].child)
        i = (i + 1) & mask;
    g->edge[i] = (edge_t){h, parent, child, k};
    g->nedge++;
    return child;
}
uint32_t gaz_add_form(gaz_build_t *g, const char *form, size_t n, int kind, unsigned flags,
                      uint32_t iso, uint32_t name, int *oom)
{
    char fold[4 * FOLD_MAX + 1];
    if (n > FOLD_MAX)
        return NONE;
    size_t fn = utf8_fold(form, n, fold, sizeof fold);
    /* the folded form has the same pieces as the original; piece offsets
     * are relative to the form until it is copied */
    piece_t tmp[64];
    size_t np = 0, i = 0, b, e, fi = 0, fb, fe;
    size_t f0b = 0, f0e = 0; /* the first folded piece */
    uint32_t node = 0;
    int after_hyphen = 0;
    while (next_piece(form, n, &i, &b, &e)) {
        if (!next_piece(fold, fn, &fi, &fb, &fe) || np == 64)
            return NONE;
        if (!np) {
            f0b = fb;
            f0e = fe;
        }
        node = add_child(g, node, fold + fb, fe - fb);
        if (node == NONE) {
            *oom = 1;
            return NONE;
        }
        piece_t *pc = &tmp[np++];
        memset(pc, 0, sizeof *pc); /* no stray padding bytes in the blob */
        pc->off = (uint32_t)b;
        pc->len = (uint16_t)(e - b);
        pc->cls = (flags & E_EXACT) ? P_EXACT : (uint8_t)piece_class(form + b, e - b, after_hyphen);
        after_hyphen = form[b] == '-' && e - b == 1;
    }
    if (!np)
        return NONE;
    if (!first_upper(form + tmp[0].off, tmp[0].len) &&
        strset_add(&g->lower_first, fold + f0b, f0e - f0b)) {
        *oom = 1;
        return NONE;
    }
    for (uint32_t x = g->node[node]; x != NONE; x = g->ent[x].next)
        if (g->ent[x].kind == kind)
            return NONE;
    uint32_t copy;
    if (gaz_str_add(g, form, n, &copy) ||
        vec_reserve((void **)&g->pcs, &g->cappcs, g->npcs + np, sizeof *g->pcs) ||
        vec_reserve((void **)&g->ent, &g->capent, g->nent + 1, sizeof *g->ent)) {
        *oom = 1;
        return NONE;
    }
    uint32_t first = (uint32_t)g->npcs;
    for (size_t k = 0; k < np; k++) {
        g->pcs[g->npcs] = tmp[k];
        g->pcs[g->npcs++].off += copy;
    }
    uint32_t id = (uint32_t)g->nent++;
    entry_t *en = &g->ent[id];
    en->kind = (uint8_t)kind;
    en->flags = (uint8_t)flags;
    en->npieces = (uint16_t)np;
    en->pieces = first;
    en->iso = iso;
    en->name = name;
    /* append, so that earlier files keep priority among equal kinds */
    en->next = NONE;
    uint32_t *link = &g->node[node];
    while (*link != NONE)
        link = &g->ent[*link].next;
    *link = id;
    return id;
}

int gaz_trie_init(gaz_build_t *g)
{
    return new_node(g) == NONE || edges_grow(g) ? -1 : 0;
}

void gaz_trie_free(gaz_build_t *g)
{
    free(g->node);
    free(g->edge);
    free(g->ent);
    free(g->pcs);
    free(g->str);
}

/* ---- lookup ------------------------------------------------------------- */

/* A token's folded text, computed on demand. */
typedef struct ftok {
    char buf[4 * FOLD_MAX + 1];
    size_t n;
    int ok; /* 0 when too long to match */
} ftok_t;

static void fold_tok(const pipe_t *p, size_t t, ftok_t *f)
{
    const warta_token_t *k = &p->tok[t];
    size_t n = k->byte_end - k->byte_start;
    f->ok = n <= FOLD_MAX;
    f->n = f->ok ? utf8_fold(p->s + k->byte_start, n, f->buf, sizeof f->buf) : 0;
}

/* Does the surface text of tokens [tb, te) satisfy the entry's case? */
static int case_ok(const gaz_t *g, const pipe_t *p, const entry_t *en, size_t tb, size_t te)
{
    return pieces_case_ok(p, g->str, g->pcs + en->pieces, en->npieces, tb, te);
}

/* Longest match of each kind starting at token t. */
void gaz_walk(const gaz_t *g, const pipe_t *p, size_t t, match_t res[K_N])
{
    memset(res, 0, K_N * sizeof *res);
    ftok_t f;
    uint32_t node = 0;
    for (size_t j = t; j < p->ntok; j++) {
        if (j > t && (p->tok[j].flags & WARTA_TOKF_BLANK_BEFORE))
            break;
        fold_tok(p, j, &f);
        if (!f.ok)
            break;
        size_t i = 0, b, e;
        while (node != NONE && next_piece(f.buf, f.n, &i, &b, &e))
            node = child_of(g, node, f.buf + b, e - b);
        if (node == NONE)
            break;
        for (uint32_t x = g->node[node]; x != NONE; x = g->ent[x].next) {
            const entry_t *en = &g->ent[x];
            if (res[en->kind].te < j + 1 && case_ok(g, p, en, t, j + 1)) {
                res[en->kind].te = (uint32_t)(j + 1);
                res[en->kind].entry = x;
            }
        }
    }
}
