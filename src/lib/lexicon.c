/* lexicon.c - the lexicon stage: word lists -> per-token bits (see
 * lexicon.h). */
#include "lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "ftab.h"
#include "hashmap.h"
#include "pipeline.h"
#include "tables.h"
#include "util.h"

#define LEX_MAXWORDS 4  /* longest multi-word entry, in tokens */
#define LEXI_PHRASE_START (1u << 31) /* internal: first word of a multi-word entry */
#define LEX_KEYMAX 256  /* longest folded entry, bytes */

enum { L_NAMES, L_COMMON, L_WIKI, L_TITLES, L_HEADS, L_TAILS, L_COUNTRIES, L_ORG_NOUNS,
       L_PERSON_NOUNS, L_NAMING, L_N };

static const struct {
    const char *file;
    uint32_t bit;
} lists[L_N] = {
    {"lex_names.txt", LEX_GIVEN_NAME}, {"lex_common.txt", LEX_COMMON},
    {"lex_wiki.txt", LEXP_WIKI},       {"titles.txt", LEX_TITLE},
    {"org_heads.txt", LEX_ORG_HEAD},   {"org_tails.txt", LEX_ORG_TAIL},
    {"lex_countries.txt", LEXP_COUNTRY}, {"lex_org_nouns.txt", LEXP_ORG_NOUN},
    {"lex_person_nouns.txt", LEXP_PERSON_NOUN}, {"lex_naming.txt", LEXP_NAMING},
};

/* key -> bits; one table for one-word entries, one for multi-word entries
 * (joined by ' ').  Flat tables (ftab.h): in the prebuilt blob (tables.h),
 * or made at run time by lexicon_build from its hash maps (own). */
struct lexicon {
    ftab_t one, multi;
    unsigned char *own[2]; /* the images lexicon_build made, or NULL */
};

/* The maps add_line fills (lexicon_build). */
typedef struct lex_maps {
    hashmap_t one, multi;
} lex_maps_t;

static int tab_add(hashmap_t *t, const char *k, size_t n, uint32_t bit)
{
    uint64_t *v = hashmap_put(t, k, n, NULL);
    if (!v)
        return -1;
    *v |= bit;
    return 0;
}

static uint32_t tab_get(const ftab_t *t, const char *k, size_t n)
{
    const uint32_t *v = ftab_get(t, k, n);
    return v ? *v : 0;
}

struct load_ctx {
    lex_maps_t *lx;
    int which;
};

static int add_line(const char *line, size_t len, void *vctx)
{
    struct load_ctx *c = vctx;
    char key[LEX_KEYMAX * 2 + 1];
    while (len && (line[len - 1] == ' ' || line[len - 1] == '\r' || line[len - 1] == '\t'))
        len--;
    if (!len || len > LEX_KEYMAX)
        return 0;
    size_t n = utf8_fold(line, len, key, sizeof key);
    /* drop trailing dots of each word: "Dr." == "Dr" */
    size_t o = 0, words = 1;
    for (size_t i = 0; i < n; i++) {
        if (key[i] == '.' && (i + 1 == n || key[i + 1] == ' '))
            continue;
        if (key[i] == ' ')
            words++;
        key[o++] = key[i];
    }
    if (!o || words > LEX_MAXWORDS)
        return 0;
    if (words == 1)
        return tab_add(&c->lx->one, key, o, lists[c->which].bit) ? WARTA_ERR_NOMEM : 0;
    /* the first word is marked, so only such words start a phrase lookup */
    size_t first = (size_t)((char *)memchr(key, ' ', o) - key);
    if (tab_add(&c->lx->one, key, first, LEXI_PHRASE_START) ||
        tab_add(&c->lx->multi, key, o, lists[c->which].bit))
        return WARTA_ERR_NOMEM;
    return 0;
}

static void maps_free(lex_maps_t *m)
{
    hashmap_free(&m->one);
    hashmap_free(&m->multi);
}

/* Fills m from the embedded word lists.  0 or WARTA_ERR_NOMEM (err set). */
static int maps_fill(lex_maps_t *m, warta_error_t *err)
{
    for (int i = 0; i < L_N; i++) {
        size_t len;
        const unsigned char *buf = data_get(lists[i].file, &len);
        if (!buf)
            continue; /* a missing list only weakens the features */
        struct load_ctx c = {m, i};
        int rc = for_each_line((const char *)buf, len, add_line, &c);
        if (rc < 0)
            return err_set(err, rc, 0, "out of memory loading %s", lists[i].file);
    }
    return 0;
}

/* The flat image of map m into *own, viewed by t.  0 or -1 (out of
 * memory). */
static int flatten(const hashmap_t *m, ftab_t *t, unsigned char **own)
{
    size_t len = 0, cap = 0;
    if (ftab_image(m, own, &len, &cap) || ftab_view(t, *own, len))
        return -1;
    return 0;
}

int lexicon_build(lexicon_t **out, warta_error_t *err)
{
    *out = NULL;
    lex_maps_t m = {0};
    lexicon_t *lx = calloc(1, sizeof *lx);
    int rc = lx ? maps_fill(&m, err) : WARTA_ERR_NOMEM;
    if (!rc && (flatten(&m.one, &lx->one, &lx->own[0]) ||
                flatten(&m.multi, &lx->multi, &lx->own[1])))
        rc = WARTA_ERR_NOMEM;
    maps_free(&m);
    if (rc) {
        if (rc == WARTA_ERR_NOMEM)
            err_set(err, rc, 0, "out of memory loading the lexicon");
        lexicon_free(lx);
        return rc;
    }
    *out = lx;
    return 0;
}

int lexicon_open(lexicon_t **out, const tblob_t *tb)
{
    *out = NULL;
    lexicon_t *lx = calloc(1, sizeof *lx);
    if (!lx)
        return WARTA_ERR_NOMEM;
    if (ftab_view(&lx->one, tb->sec[TB_LEX_ONE], tb->len[TB_LEX_ONE]) ||
        ftab_view(&lx->multi, tb->sec[TB_LEX_MULTI], tb->len[TB_LEX_MULTI])) {
        free(lx);
        return WARTA_ERR_DATA;
    }
    *out = lx;
    return 0;
}

int lexicon_load(lexicon_t **out, warta_error_t *err)
{
    const tblob_t *tb = tables_embedded();
    int rc = tb ? lexicon_open(out, tb) : WARTA_ERR_DATA;
    if (rc == WARTA_ERR_NOMEM)
        return err_set(err, rc, 0, NULL);
    return rc == WARTA_ERR_DATA ? lexicon_build(out, err) : rc;
}

int lexicon_save(tb_writer_t *w, warta_error_t *err)
{
    lex_maps_t m = {0};
    int rc = maps_fill(&m, err);
    for (int i = 0; !rc && i < 2; i++) {
        int id = i ? TB_LEX_MULTI : TB_LEX_ONE;
        tbw_begin(w, id);
        if (ftab_image(i ? &m.multi : &m.one, &w->buf, &w->len, &w->cap))
            rc = WARTA_ERR_NOMEM;
        tbw_end(w, id);
    }
    maps_free(&m);
    return rc ? rc : w->oom ? WARTA_ERR_NOMEM : 0;
}

void lexicon_free(lexicon_t *lx)
{
    if (!lx)
        return;
    free(lx->own[0]);
    free(lx->own[1]);
    free(lx);
}

uint32_t lexicon_word(const lexicon_t *lx, const char *key, size_t n)
{
    return n ? tab_get(&lx->one, key, n) & ~LEXI_PHRASE_START : 0;
}

/* ORs into bits[i..] the bits of the multi-word entries that start at
 * token i (2 to LEX_MAXWORDS tokens). */
static void phrases_at(const lexicon_t *lx, const char *const *keys, const size_t *lens,
                       size_t n, size_t i, uint32_t *bits)
{
    char buf[LEX_KEYMAX + 1];
    size_t o = 0;
    for (size_t k = 0; k < LEX_MAXWORDS && i + k < n; k++) {
        if (!lens[i + k] || o + lens[i + k] + 1 > LEX_KEYMAX)
            break;
        if (k)
            buf[o++] = ' ';
        memcpy(buf + o, keys[i + k], lens[i + k]);
        o += lens[i + k];
        if (!k)
            continue;
        uint32_t b = tab_get(&lx->multi, buf, o);
        if (b)
            for (size_t j = i; j <= i + k; j++)
                bits[j] |= b;
    }
}

void lexicon_phrases(const lexicon_t *lx, const char *const *keys,
                     const size_t *lens, size_t n, uint32_t *bits)
{
    if (!lx->multi.n)
        return;
    for (size_t i = 0; i + 1 < n; i++)
        if (lens[i] && (tab_get(&lx->one, keys[i], lens[i]) & LEXI_PHRASE_START))
            phrases_at(lx, keys, lens, n, i, bits);
}

struct lex_scratch {
    char *low;          /* folded tokens of the window */
    size_t caplow;
    const char **keys;  /* [n] folded token, without a trailing "." */
    size_t capkeys;
    size_t *klens, capklens;
    uint32_t *bits;
    size_t capbits;
    uint64_t *hash;     /* [n] ftab_key_hash of each key */
    size_t caphash;
};

lex_scratch_t *lex_scratch_new(void)
{
    return calloc(1, sizeof(lex_scratch_t));
}

void lex_scratch_free(lex_scratch_t *s)
{
    if (!s)
        return;
    free(s->low);
    free(s->keys);
    free(s->klens);
    free(s->bits);
    free(s->hash);
    free(s);
}

int lexicon_range(const lexicon_t *lx, lex_scratch_t *s, pipe_t *p, size_t b, size_t e)
{
    size_t n = e - b, bytes = 0;
    for (size_t i = b; i < e; i++)
        bytes += p->tok[i].byte_end - p->tok[i].byte_start;
    if (vec_reserve((void **)&s->low, &s->caplow, 2 * bytes + n + 1, 1) ||
        vec_reserve((void **)&s->keys, &s->capkeys, n + 1, sizeof *s->keys) ||
        vec_reserve((void **)&s->klens, &s->capklens, n + 1, sizeof *s->klens) ||
        vec_reserve((void **)&s->bits, &s->capbits, n + 1, sizeof *s->bits) ||
        vec_reserve((void **)&s->hash, &s->caphash, n + 1, sizeof *s->hash))
        return WARTA_ERR_NOMEM;
    /* every key and its hash first, its slot prefetched; then the lookups,
     * whose cache misses (the table is several MB) now overlap */
    size_t lo = 0;
    for (size_t i = 0; i < n; i++) {
        const warta_token_t *tk = &p->tok[b + i];
        char *l = s->low + lo;
        size_t kn = utf8_fold_word(p->s + tk->byte_start, tk->byte_end - tk->byte_start, l);
        lo += kn + 1;
        if (kn > 1 && l[kn - 1] == '.') /* the key drops a trailing dot */
            kn--;
        s->keys[i] = l;
        s->klens[i] = kn;
        s->hash[i] = kn ? ftab_key_hash(l, kn) : 0;
        if (kn)
            ftab_prefetch(&lx->one, s->hash[i]);
    }
    for (size_t i = 0; i < n; i++) {
        /* with LEXI_PHRASE_START: one lookup per token serves both */
        const uint32_t *v = s->klens[i] ? ftab_get_h(&lx->one, s->keys[i], s->klens[i], s->hash[i]) : NULL;
        s->bits[i] = v ? *v : 0;
    }
    for (size_t i = 0; lx->multi.n && i + 1 < n; i++)
        if (s->bits[i] & LEXI_PHRASE_START) /* phrase bits never hold it */
            phrases_at(lx, s->keys, s->klens, n, i, s->bits);
    for (size_t i = 0; i < n; i++)
        p->lex[b + i] |= s->bits[i] & ~LEXI_PHRASE_START;
    return 0;
}

struct lex_ctx {
    const lexicon_t *lx;
    lex_scratch_t *s;
};

static int lex_window(void *ctx, pipe_t *p, size_t b, size_t e)
{
    struct lex_ctx *c = ctx;
    return lexicon_range(c->lx, c->s, p, b, e);
}

int lexicon_run(const lexicon_t *lx, lex_scratch_t *s, pipe_t *p)
{
    struct lex_ctx c = {lx, s};
    return pipe_for_windows(p, lex_window, &c);
}
