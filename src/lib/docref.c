/* docref.c - document-level reasoning (see docref.h): the driver that runs
 * the rules in order, the helpers they share (docref_rules.h), context
 * cues and the one-string-one-type vote.  Linear in the number of tokens
 * and mentions: every lookup goes through a hash map keyed by token text,
 * so a 200 MB document costs what 2,000 articles cost. */
#include "docref_rules.h"

#include <stdlib.h>
#include <string.h>

/* ---- a map from byte strings to int lists ------------------------------ */

void dr_smap_free(smap_t *m)
{
    free(m->key);
    free(m->klen);
    free(m->head);
    free(m->val);
    free(m->next);
    memset(m, 0, sizeof *m);
}

static size_t smap_slot(const smap_t *m, const char *k, size_t n)
{
    size_t mask = m->cap - 1, i = (size_t)hash_bytes(k, n) & mask;
    while (m->key[i] && !(m->klen[i] == n && memcmp(m->key[i], k, n) == 0))
        i = (i + 1) & mask;
    return i;
}

static int smap_grow(smap_t *m)
{
    smap_t nm = *m;
    nm.cap = m->cap ? m->cap * 2 : 64;
    nm.key = calloc(nm.cap, sizeof *nm.key);
    nm.klen = calloc(nm.cap, sizeof *nm.klen);
    nm.head = calloc(nm.cap, sizeof *nm.head);
    if (!nm.key || !nm.klen || !nm.head) {
        free(nm.key);
        free(nm.klen);
        free(nm.head);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->key[i])
            continue;
        size_t j = smap_slot(&nm, m->key[i], m->klen[i]);
        nm.key[j] = m->key[i];
        nm.klen[j] = m->klen[i];
        nm.head[j] = m->head[i];
    }
    free(m->key);
    free(m->klen);
    free(m->head);
    *m = nm;
    return 0;
}

int dr_smap_add(smap_t *m, const char *k, size_t n, int v)
{
    if ((m->n + 1) * 2 > m->cap && smap_grow(m))
        return -1;
    if (vec_reserve((void **)&m->val, &m->capval, m->nval + 1, sizeof *m->val) ||
        vec_reserve((void **)&m->next, &m->capnext, m->nval + 1, sizeof *m->next))
        return -1;
    size_t i = smap_slot(m, k, n);
    if (!m->key[i]) {
        if (n)
            m->first[(unsigned char)k[0] >> 6] |= 1ull << ((unsigned char)k[0] & 63);
        m->lens |= 1ull << (n < 63 ? n : 63);
        m->key[i] = k;
        m->klen[i] = n;
        m->head[i] = -1;
        m->n++;
    }
    m->val[m->nval] = v;
    m->next[m->nval] = m->head[i];
    m->head[i] = (int)m->nval++;
    return 0;
}

int dr_smap_get(const smap_t *m, const char *k, size_t n)
{
    if (!m->cap || !dr_smap_may_hold(m, k, n)) /* no hash for what is no key */
        return -1;
    size_t i = smap_slot(m, k, n);
    return m->key[i] ? m->head[i] : -1;
}

/* ---- token and mention helpers ----------------------------------------- */

const char *dr_ttext(const pipe_t *p, size_t i, size_t *len)
{
    *len = p->tok[i].byte_end - p->tok[i].byte_start;
    return p->s + p->tok[i].byte_start;
}

int dr_tok_in(const pipe_t *p, size_t i, const dr_word_t *w)
{
    size_t l = p->tok[i].byte_end - p->tok[i].byte_start;
    for (; w->s; w++)
        if (w->n == l && memcmp(p->s + p->tok[i].byte_start, w->s, l) == 0)
            return 1;
    return 0;
}

utf8proc_int32_t dr_first_cp(const pipe_t *p, size_t i)
{
    utf8proc_int32_t c = -1;
    if (p->tok[i].byte_end > p->tok[i].byte_start &&
        (unsigned char)p->s[p->tok[i].byte_start] < 0x80)
        return (unsigned char)p->s[p->tok[i].byte_start];
    utf8proc_iterate((const utf8proc_uint8_t *)p->s + p->tok[i].byte_start,
                     (utf8proc_ssize_t)(p->tok[i].byte_end - p->tok[i].byte_start), &c);
    return c;
}

int dr_is_upper_cp(utf8proc_int32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

/* Counts upper and lower case letters of token i. */
void dr_letter_case(const pipe_t *p, size_t i, size_t *up, size_t *lo)
{
    size_t b = p->tok[i].byte_start, e = p->tok[i].byte_end;
    while (b < e) {
        unsigned char a = (unsigned char)p->s[b];
        if (a < 0x80) { /* ASCII needs no decoding */
            *up += a >= 'A' && a <= 'Z';
            *lo += a >= 'a' && a <= 'z';
            b++;
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p->s + b,
                                              (utf8proc_ssize_t)(e - b), &c);
        if (k <= 0)
            break;
        b += (size_t)k;
        utf8proc_category_t cat = utf8proc_category(c);
        if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
            (*up)++;
        else if (cat == UTF8PROC_CATEGORY_LL)
            (*lo)++;
    }
}

int dr_add_mention(ctx_t *c, uint32_t tb, uint32_t te, int type, const mention_t *like)
{
    for (uint32_t t = tb; t < te; t++)
        if (c->owner[t] >= 0)
            return 0;
    if (vec_reserve((void **)c->sel, c->cap, *c->n + 1, sizeof **c->sel))
        return -1;
    mention_t *m = &(*c->sel)[*c->n];
    if (like)
        *m = *like;
    else
        memset(m, 0, sizeof *m);
    m->tb = tb;
    m->te = te;
    m->type = (uint8_t)type;
    m->source = SRC_RULE;
    for (uint32_t t = tb; t < te; t++)
        c->owner[t] = (int32_t)*c->n;
    (*c->n)++;
    return 0;
}

int dr_add_alias(ctx_t *c, size_t t, int type, const char *canonical)
{
    mention_t like = {0};
    dr_set_canonical(c, &like, canonical);
    return dr_add_mention(c, (uint32_t)t, (uint32_t)t + 1, type, &like);
}

const char *dr_span_dup(ctx_t *c, uint32_t tb, uint32_t te)
{
    const pipe_t *p = c->p;
    size_t b = p->tok[tb].byte_start, e = p->tok[te - 1].byte_end;
    return arena_strndup(p->arena, p->s + b, e - b);
}

void dr_set_vals(ctx_t *c, mention_t *m, const mvals_t *v)
{
    if (memcmp(v, ment_vals(c->p, m), sizeof *v) != 0 && ment_set_vals(c->p, m, v))
        c->nomem = 1;
}

void dr_set_canonical(ctx_t *c, mention_t *m, const char *canonical)
{
    mvals_t v = *ment_vals(c->p, m);
    v.canonical = canonical;
    dr_set_vals(c, m, &v);
}

void dr_retype(ctx_t *c, mention_t *m, int type, const char *canonical)
{
    mvals_t v = *ment_vals(c->p, m);
    if (m->type != type) {
        if (m->source != SRC_MODEL)
            return;
        m->type = (uint8_t)type;
        v.iso = v.name = NULL;
    }
    if (canonical && !v.canonical)
        v.canonical = canonical;
    dr_set_vals(c, m, &v);
}

static void rebuild_owner(ctx_t *c)
{
    for (size_t t = 0; t < c->p->ntok; t++)
        c->owner[t] = -1;
    for (size_t i = 0; i < *c->n; i++)
        for (uint32_t t = (*c->sel)[i].tb; t < (*c->sel)[i].te; t++)
            c->owner[t] = (int32_t)i;
}

static sortkey_t tb_key_of(const void *m)
{
    return (sortkey_t){((const mention_t *)m)->tb, 0};
}

/* Sorts the selection by tb, stably.  0 or -1 (out of memory). */
static int sort_by_tb(ctx_t *c)
{
    return sort_by_key_fn(*c->sel, *c->n, sizeof **c->sel, tb_key_of);
}

/* ---- 4. context cues ---------------------------------------------------- */

/* Words right before a name that say it is an organization: "klub
 * Juventus", "emiten Bumi", "saham Antam", "maskapai Garuda". */
static int org_cue(const pipe_t *p, size_t t)
{
    static const dr_word_t w[] = {
        DR_WORD("klub"), DR_WORD("emiten"), DR_WORD("saham"), DR_WORD("perusahaan"),
        DR_WORD("maskapai"), DR_WORD("perseroan"), DR_WORD("raksasa"), DR_WORD("operator"),
        DR_WORD("bank"), DR_WORD("grup"), DR_WORD("startup"), DR_WORD("partai"),
        DR_WORD("ormas"), DR_WORD("harian"), DR_WORD("koran"), DR_WORD("majalah"),
        DR_WORD("kantor"), DR_WORD("lembaga"), {NULL, 0}};
    return dr_tok_in(p, t, w);
}

/* Verbs after a name that only an organization does: "X mencatat laba". */
static int org_verb_after(const pipe_t *p, size_t t)
{
    static const dr_word_t w[] = {
        DR_WORD("membukukan"), DR_WORD("mencatatkan"), DR_WORD("meraup"),
        DR_WORD("melantai"), DR_WORD("mengakuisisi"), DR_WORD("merilis"), {NULL, 0}};
    if (t + 1 < p->ntok && dr_tok_is(p, t, "mencatat") &&
        (dr_tok_is(p, t + 1, "laba") || dr_tok_is(p, t + 1, "rugi") || dr_tok_is(p, t + 1, "pendapatan")))
        return 1;
    return t < p->ntok && dr_tok_in(p, t, w);
}

/* The context says what a name is: a model PERSON or LOCATION right after
 * an organization word (lower case: "klub", "emiten", "saham") or right
 * before an organization's verb ("mencatat laba") is an ORGANIZATION.
 * Runs before the one-string-one-type vote, so the cue counts there. */
static int context_cues(ctx_t *c)
{
    const pipe_t *p = c->p;
    for (size_t i = 0; i < *c->n; i++) {
        mention_t *m = &(*c->sel)[i];
        int strong = m->tb > 0 && (dr_tok_is(p, m->tb - 1, "klub") || dr_tok_is(p, m->tb - 1, "emiten"));
        if (strong && m->type == WARTA_LOCATION) {
            /* "klub Cagliari": a club named after its town */
            m->type = WARTA_ORGANIZATION;
            mvals_t v = *ment_vals(p, m);
            v.name = v.iso = NULL;
            dr_set_vals(c, m, &v);
            continue;
        }
        if (m->source != SRC_MODEL || (m->type != WARTA_PERSON && m->type != WARTA_LOCATION))
            continue;
        if ((m->tb > 0 && org_cue(p, m->tb - 1)) || org_verb_after(p, m->te))
            dr_retype(c, m, WARTA_ORGANIZATION, NULL);
    }
    /* an uncovered capitalised run right after "klub" / "emiten" */
    for (size_t t = 1; t < p->ntok; t++) {
        if (!(dr_tok_is(p, t - 1, "klub") || dr_tok_is(p, t - 1, "emiten")) || c->owner[t] >= 0 ||
            !dr_is_cap_word(p, t) || dr_bit(c->caps, t) || dr_bit(c->title, t))
            continue;
        size_t e = t;
        while (e < p->ntok && e - t < 3 && c->owner[e] < 0 && dr_is_cap_word(p, e) &&
               !(p->lex[e] & LEX_TITLE))
            e++;
        if (e > t && dr_add_mention(c, (uint32_t)t, (uint32_t)e, WARTA_ORGANIZATION, NULL))
            return -1;
    }
    return 0;
}

/* ---- 5. one string, one type ------------------------------------------ */

static int majority(ctx_t *c)
{
    pipe_t *p = c->p;
    smap_t groups = {0}; /* mention text -> model mentions with that text */
    int rc = 0;
    size_t n0 = *c->n;
    for (size_t i = 0; i < n0 && !rc; i++) {
        mention_t *m = &(*c->sel)[i];
        if (m->source != SRC_MODEL && m->source != SRC_RULE)
            continue;
        size_t b = p->tok[m->tb].byte_start, e = p->tok[m->te - 1].byte_end;
        rc = dr_smap_add(&groups, p->s + b, e - b, (int)i);
    }
    /* majority type per text: votes weighted by confidence (a model
     * mention's score is its weakest token's margin x 100); one type is
     * spread only with a clear majority, at least twice the weight of any
     * other type, so one confident wrong guess cannot turn every mention
     * of a person into a LOCATION; near ties keep each mention's own type */
    for (size_t s = 0; s < groups.cap && !rc; s++) {
        if (!groups.key[s])
            continue;
        long votes[WARTA_NTYPES] = {0};
        for (int v = groups.head[s]; v >= 0; v = groups.next[v]) {
            const mention_t *m = &(*c->sel)[groups.val[v]];
            votes[m->type] += 100 + (m->score > 0 ? m->score : 0);
        }
        int best = 0;
        for (int t = 1; t < WARTA_NTYPES; t++)
            if (votes[t] > votes[best])
                best = t;
        int clear = 1;
        for (int t = 0; t < WARTA_NTYPES && clear; t++)
            clear = t == best || votes[best] >= 2 * votes[t];
        if (!clear)
            continue;
        for (int v = groups.head[s]; v >= 0; v = groups.next[v])
            dr_retype(c, &(*c->sel)[groups.val[v]], best, NULL);
    }
    dr_smap_free(&groups);
    return rc;
}

/* Frees the per-token arrays and the folding scratch (the last rule
 * needs neither). */
static void drop_scratch(ctx_t *c)
{
    free(c->owner);
    free(c->caps);
    free(c->title);
    free(c->fold);
    arena_free(&c->fold_keys);
    c->owner = NULL;
    c->caps = c->title = NULL;
    c->fold = NULL;
    c->fold_cap = 0;
}

int docref_run(pipe_t *p, mention_t **sel, size_t *n, size_t *cap)
{
    if (!p->ntok)
        return 0;
    ctx_t c = {.p = p, .sel = sel, .n = n, .cap = cap};
    int rc = -1;
    /* the sorts' keys and the per-token arrays are never allocated at
     * once: a huge document's peak memory is here */
    if (sort_by_tb(&c))
        goto out;
    c.owner = malloc(p->ntok * sizeof *c.owner);
    c.caps = calloc(DR_BITS_WORDS(p->ntok), sizeof *c.caps);
    c.title = calloc(DR_BITS_WORDS(p->ntok), sizeof *c.title);
    if (!c.owner || !c.caps || !c.title)
        goto out;
    /* the numbers are those of docref.h */
    dr_mark_caps_sentences(&c);      /* 1 */
    dr_mark_title_sentences(&c);
    dr_drop_caps_model_mentions(&c);
    rebuild_owner(&c);
    dr_initials(&c);                 /* 2 */
    rebuild_owner(&c);
    dr_extend_to_long_form(&c);      /* 3 */
    if (context_cues(&c) ||          /* 4 */
        majority(&c) ||              /* 5 */
        dr_acronyms(&c) ||           /* 6 */
        dr_people(&c) ||             /* 7 */
        dr_propagate(&c) ||          /* 8 */
        dr_foreign_names(&c) ||      /* 9 */
        dr_headlines(&c))            /* 10 */
        goto out;
    drop_scratch(&c);
    if (sort_by_tb(&c))
        goto out;
    dr_join_split_names(&c);         /* 11 */
    rc = c.nomem ? -1 : 0;
out:
    drop_scratch(&c);
    return rc ? WARTA_ERR_NOMEM : 0;
}
