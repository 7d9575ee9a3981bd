/* docref_rules.h - the state and helpers shared by the files of the
 * document rules (docref.h lists the rules in the order they run):
 *   docref.c           the driver (docref_run), the token and mention
 *                      helpers, the string map, context cues and the
 *                      one-string-one-type vote
 *   docref_headlines.c headline lines (ALL-CAPS, Title Case) and what the
 *                      body says about them
 *   docref_acronyms.c  short forms in brackets and their long forms
 *   docref_names.c     initials, people named in full, names found again,
 *                      foreign given names, split names
 * Internal to the library. */
#ifndef WARTA_DOCREF_RULES_H
#define WARTA_DOCREF_RULES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "docref.h"
#include "seqtrie.h"

/* Lexicon bits that say a token is not a personal name. */
#define NOT_NAME (LEX_TITLE | LEX_ORG_HEAD | LEX_ORG_TAIL | LEX_COUNTRY_B | LEX_COUNTRY_I | \
                  LEX_PLACE_B | LEX_PLACE_I | LEX_CURRENCY)

/* A map from byte strings (not copied: they must outlive the map) to
 * lists of ints.  Kept rather than hashmap.h: rewritten on hashmap.h (keys
 * copied into its pool, the vote's lists kept beside it), docref_run took
 * 0.9% more instructions under callgrind on the 90 articles of tests/news
 * in one file (35.00M -> 35.31M; people() 4.54M -> 4.73M), so it stays. */
typedef struct smap {
    const char **key;
    size_t *klen;
    int *head;      /* first value index for the key */
    size_t cap, n;
    int *val, *next; /* value chain: val[i], next[i] */
    size_t nval, capval, capnext;
    /* which first bytes and lengths (bit min(n, 63)) the keys have, so a
     * lookup of a token that cannot be a key (lower case when every key
     * is capitalised, or of another length) skips the hash */
    uint64_t first[4], lens;
} smap_t;

/* Adds value v under key k; 0 or -1 (out of memory). */
int dr_smap_add(smap_t *m, const char *k, size_t n, int v);
/* First value-chain index for k (m->val[i], then m->next[i]), or -1. */
int dr_smap_get(const smap_t *m, const char *k, size_t n);
/* 0 when no key of m has k's length or first byte (then k is no key). */
static inline int dr_smap_may_hold(const smap_t *m, const char *k, size_t n)
{
    if (!(m->lens >> (n < 63 ? n : 63) & 1))
        return 0;
    return !n || (m->first[(unsigned char)k[0] >> 6] >> ((unsigned char)k[0] & 63) & 1);
}
/* The same with token t's text as the key; dr_smap_get_tok tests the
 * filter inline (most tokens stop there). */
static inline int dr_smap_add_tok(smap_t *m, const pipe_t *p, size_t t, int v)
{
    return dr_smap_add(m, p->s + p->tok[t].byte_start, p->tok[t].byte_end - p->tok[t].byte_start, v);
}
static inline int dr_smap_get_tok(const smap_t *m, const pipe_t *p, size_t t)
{
    const char *k = p->s + p->tok[t].byte_start;
    size_t n = p->tok[t].byte_end - p->tok[t].byte_start;
    return dr_smap_may_hold(m, k, n) ? dr_smap_get(m, k, n) : -1;
}
void dr_smap_free(smap_t *m);

typedef struct ctx {
    pipe_t *p;
    mention_t **sel;
    size_t *n, *cap;
    int32_t *owner;   /* [ntok] index of the mention covering the token, or -1 */
    uint64_t *caps;   /* bit t (dr_bit): token t is in an ALL-CAPS headline sentence */
    uint64_t *title;  /* bit t: token t is in a Title-Case (headline-style) sentence */
    char *fold;       /* scratch: one token's case-folded text (tkey) */
    size_t fold_cap;  /* its size, 2 * the longest token + 1 */
    arena_t fold_keys; /* the folded keys of the headline trie's edges */
    int nomem;        /* a mention's values could not be set: docref_run fails */
} ctx_t;

/* Bit t of a per-token bit set (ctx_t.caps, .title: one bit a token, not
 * a byte, for a huge document's sake), and setting it. */
static inline int dr_bit(const uint64_t *b, size_t t)
{
    return (int)(b[t >> 6] >> (t & 63) & 1);
}
static inline void dr_set_bit(uint64_t *b, size_t t)
{
    b[t >> 6] |= (uint64_t)1 << (t & 63);
}
/* words of a bit set of n tokens */
#define DR_BITS_WORDS(n) (((n) >> 6) + 1)

/* ---- token and mention helpers (docref.c) ------------------------------ */

/* token i's text and length */
const char *dr_ttext(const pipe_t *p, size_t i, size_t *len);
/* token i is exactly s[0..n) */
static inline int dr_tok_eq(const pipe_t *p, size_t i, const char *s, size_t n)
{
    return p->tok[i].byte_end - p->tok[i].byte_start == n &&
           memcmp(p->s + p->tok[i].byte_start, s, n) == 0;
}
/* token i is exactly the string literal s (its length is known when
 * compiling: no strlen per call) */
#define dr_tok_is(p, i, s) dr_tok_eq((p), (i), ("" s), sizeof(s) - 1)
/* A word list for dr_tok_in: each word with its length, {NULL, 0} last. */
typedef struct dr_word {
    const char *s;
    size_t n;
} dr_word_t;
#define DR_WORD(lit) {"" lit, sizeof(lit) - 1}
/* token i is one of the words of list w (compared by length first) */
int dr_tok_in(const pipe_t *p, size_t i, const dr_word_t *w);
/* token i's first code point (-1 when it has none) */
utf8proc_int32_t dr_first_cp(const pipe_t *p, size_t i);
/* c is an upper-case or title-case letter */
int dr_is_upper_cp(utf8proc_int32_t c);
/* token i is a word that starts with a capital (an ASCII one tested here,
 * any other by dr_is_upper_cp) */
static inline int dr_is_cap_word(const pipe_t *p, size_t i)
{
    const warta_token_t *t = &p->tok[i];
    if (t->kind != WARTA_TOK_WORD)
        return 0;
    if (t->byte_end > t->byte_start && (unsigned char)p->s[t->byte_start] < 0x80)
        return p->s[t->byte_start] >= 'A' && p->s[t->byte_start] <= 'Z';
    return dr_is_upper_cp(dr_first_cp(p, i));
}
/* adds token i's upper and lower case letters to *up and *lo */
void dr_letter_case(const pipe_t *p, size_t i, size_t *up, size_t *lo);
/* Adds a mention [tb, te) of `type` (copying `like` when not NULL) unless
 * a token of it is covered; 0, or -1 when out of memory. */
int dr_add_mention(ctx_t *c, uint32_t tb, uint32_t te, int type, const mention_t *like);
/* A one-token mention of `type` at t, known as `canonical`. */
int dr_add_alias(ctx_t *c, size_t t, int type, const char *canonical);
/* the text of tokens [tb, te) copied into p->arena (NULL: out of memory) */
const char *dr_span_dup(ctx_t *c, uint32_t tb, uint32_t te);
/* A model mention may be retyped by document evidence; a gazetteer or
 * money mention keeps its type.  Sets canonical when it has none. */
void dr_retype(ctx_t *c, mention_t *m, int type, const char *canonical);
/* Gives m the values *v (nothing when they are m's already); out of
 * memory sets c->nomem. */
void dr_set_vals(ctx_t *c, mention_t *m, const mvals_t *v);
/* m's canonical name (NULL when none) */
static inline const char *dr_canonical(const ctx_t *c, const mention_t *m)
{
    return ment_vals(c->p, m)->canonical;
}
/* Sets m's canonical name, keeping its other values. */
void dr_set_canonical(ctx_t *c, mention_t *m, const char *canonical);

/* ---- the rules (their files) ------------------------------------------- */

/* docref_headlines.c */
void dr_mark_caps_sentences(ctx_t *c);
void dr_mark_title_sentences(ctx_t *c);
void dr_drop_caps_model_mentions(ctx_t *c);
int dr_headlines(ctx_t *c);
/* docref_acronyms.c */
void dr_extend_to_long_form(ctx_t *c);
int dr_acronyms(ctx_t *c);
/* docref_names.c */
void dr_initials(ctx_t *c);
int dr_people(ctx_t *c);
int dr_propagate(ctx_t *c);
int dr_foreign_names(ctx_t *c);
void dr_join_split_names(ctx_t *c);
/* Adds mention i's tokens (case-folded with `folded`: c->fold must be
 * allocated) to the trie; 0 or -1 (out of memory). */
int dr_trie_put(ctx_t *c, seqtrie_t *tr, size_t i, int folded);
/* The longest name of the trie whose tokens start at t, all uncovered (and
 * all in ALL-CAPS sentences when `caps`): its mention index, or -1. */
int dr_trie_longest(ctx_t *c, const seqtrie_t *tr, size_t t, int folded, int caps,
                    uint32_t *len);

#endif
