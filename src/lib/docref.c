/* docref.c - document-level reasoning (see docref.h).  Linear in the number
 * of tokens and mentions: every lookup goes through a hash map keyed by
 * token text, so a 200 MB document costs what 2,000 articles cost. */
#include "docref.h"
#include "seqtrie.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Lexicon bits that say a token is not a personal name. */
#define NOT_NAME (LEX_TITLE | LEX_ORG_HEAD | LEX_ORG_TAIL | LEX_COUNTRY_B | LEX_COUNTRY_I | \
                  LEX_PLACE_B | LEX_PLACE_I | LEX_CURRENCY)

/* ---- a map from byte strings to int lists ------------------------------ */

typedef struct smap {
    const char **key;
    size_t *klen;
    int *head;      /* first value index for the key */
    size_t cap, n;
    int *val, *next; /* value chain: val[i], next[i] */
    size_t nval, capval, capnext;
} smap_t;

static void smap_free(smap_t *m)
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

/* Adds value v under key k (the key bytes must outlive the map). */
static int smap_add(smap_t *m, const char *k, size_t n, int v)
{
    if ((m->n + 1) * 2 > m->cap && smap_grow(m))
        return -1;
    if (vec_reserve((void **)&m->val, &m->capval, m->nval + 1, sizeof *m->val) ||
        vec_reserve((void **)&m->next, &m->capnext, m->nval + 1, sizeof *m->next))
        return -1;
    size_t i = smap_slot(m, k, n);
    if (!m->key[i]) {
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

/* First value-chain index for k, or -1. */
static int smap_get(const smap_t *m, const char *k, size_t n)
{
    if (!m->cap)
        return -1;
    size_t i = smap_slot(m, k, n);
    return m->key[i] ? m->head[i] : -1;
}

/* ---- token helpers ----------------------------------------------------- */

typedef struct ctx {
    pipe_t *p;
    mention_t **sel;
    size_t *n, *cap;
    int32_t *owner;   /* [ntok] index of the mention covering the token, or -1 */
    uint8_t *caps;    /* [ntok] 1 inside an ALL-CAPS headline sentence */
    uint8_t *title;   /* [ntok] 1 inside a Title-Case (headline-style) sentence */
    char *fold;       /* folded text of every word token, concatenated */
    size_t *foff;     /* [ntok+1] offsets into fold */
} ctx_t;

static const char *ttext(const pipe_t *p, size_t i, size_t *len)
{
    *len = p->tok[i].byte_end - p->tok[i].byte_start;
    return p->s + p->tok[i].byte_start;
}

static int tok_is(const pipe_t *p, size_t i, const char *s)
{
    size_t l;
    const char *t = ttext(p, i, &l);
    return l == strlen(s) && memcmp(t, s, l) == 0;
}

static utf8proc_int32_t first_cp(const pipe_t *p, size_t i)
{
    utf8proc_int32_t c = -1;
    if (p->tok[i].byte_end > p->tok[i].byte_start &&
        (unsigned char)p->s[p->tok[i].byte_start] < 0x80)
        return (unsigned char)p->s[p->tok[i].byte_start];
    utf8proc_iterate((const utf8proc_uint8_t *)p->s + p->tok[i].byte_start,
                     (utf8proc_ssize_t)(p->tok[i].byte_end - p->tok[i].byte_start), &c);
    return c;
}

static int is_upper_cp(utf8proc_int32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static int is_cap_word(const pipe_t *p, size_t i)
{
    return p->tok[i].kind == WARTA_TOK_WORD && is_upper_cp(first_cp(p, i));
}

/* Counts upper and lower case letters of token i. */
static void letter_case(const pipe_t *p, size_t i, size_t *up, size_t *lo)
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

static int add_mention(ctx_t *c, uint32_t tb, uint32_t te, int type, const mention_t *like)
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

/* A one-token mention of `type` at t, known as `canonical`. */
static int add_alias(ctx_t *c, size_t t, int type, const char *canonical)
{
    mention_t like = {0};
    like.canonical = canonical;
    return add_mention(c, (uint32_t)t, (uint32_t)t + 1, type, &like);
}

static const char *span_dup(ctx_t *c, uint32_t tb, uint32_t te)
{
    const pipe_t *p = c->p;
    size_t b = p->tok[tb].byte_start, e = p->tok[te - 1].byte_end;
    return arena_strndup(p->arena, p->s + b, e - b);
}

/* ---- 1. ALL-CAPS headlines -------------------------------------------- */

static void mark_caps_sentences(ctx_t *c)
{
    const pipe_t *p = c->p;
    for (size_t s = 0; s < p->nsent; s++) {
        size_t up = 0, lo = 0, words = 0;
        for (size_t i = p->sent[s].tok_begin; i < p->sent[s].tok_end; i++) {
            if (p->tok[i].kind != WARTA_TOK_WORD)
                continue;
            words++;
            letter_case(p, i, &up, &lo);
        }
        if (words >= 2 && up >= 6 && lo == 0)
            for (size_t i = p->sent[s].tok_begin; i < p->sent[s].tok_end; i++)
                c->caps[i] = 1;
    }
}

/* Title Case lines ("Menlu Korut Tersinggung Ucapan Pompeo, Perundingan
 * Terhenti"): at least 4 capitalised words of 3+ letters and no lower-case
 * one but function words, which headline style leaves lower-case.  There
 * every word looks like a name, so the model's spans are weak evidence. */
static int function_word(const pipe_t *p, size_t i)
{
    static const char *const w[] = {"dan", "yang", "untuk", "dengan", "dari", "pada",
                                    "atau", "oleh", "akan", "the", "and", "for", NULL};
    for (int k = 0; w[k]; k++)
        if (tok_is(p, i, w[k]))
            return 1;
    return 0;
}

static void mark_title_sentences(ctx_t *c)
{
    const pipe_t *p = c->p;
    for (size_t s = 0; s < p->nsent; s++) {
        size_t words = 0, capd = 0;
        for (size_t i = p->sent[s].tok_begin; i < p->sent[s].tok_end && i < p->ntok; i++) {
            if (p->tok[i].kind != WARTA_TOK_WORD || p->tok[i].end - p->tok[i].start < 3)
                continue;
            int cap = is_cap_word(p, i);
            capd += cap;
            words += cap || !function_word(p, i);
        }
        if (capd >= 4 && capd == words)
            for (size_t i = p->sent[s].tok_begin; i < p->sent[s].tok_end && i < p->ntok; i++)
                c->title[i] = 1;
    }
}

/* Drops the model's mentions inside ALL-CAPS sentences (it was trained on
 * mixed case and guesses there); gazetteer and money mentions stay. */
static void drop_caps_model_mentions(ctx_t *c)
{
    mention_t *s = *c->sel;
    size_t k = 0;
    for (size_t i = 0; i < *c->n; i++)
        if (!(s[i].source == SRC_MODEL && c->caps[s[i].tb]))
            s[k++] = s[i];
    *c->n = k;
}

static void rebuild_owner(ctx_t *c)
{
    for (size_t t = 0; t < c->p->ntok; t++)
        c->owner[t] = -1;
    for (size_t i = 0; i < *c->n; i++)
        for (uint32_t t = (*c->sel)[i].tb; t < (*c->sel)[i].te; t++)
            c->owner[t] = (int32_t)i;
}

/* ---- 2. acronyms ------------------------------------------------------ */

static int acronym_like(const pipe_t *p, size_t i)
{
    if (p->tok[i].kind != WARTA_TOK_WORD)
        return 0;
    size_t up = 0, lo = 0, len = p->tok[i].end - p->tok[i].start;
    letter_case(p, i, &up, &lo);
    return len >= 2 && len <= 12 && up >= 2 && is_upper_cp(first_cp(p, i));
}

/* `Kementerian Sosial (Kemensos)`: a bracketed capitalised word that shares
 * the name's initial and is no common word is its short form too. */
static int short_form_like(const pipe_t *p, size_t name, size_t t)
{
    if (!is_cap_word(p, t) || p->tok[t].end - p->tok[t].start < 3 ||
        (p->lex[t] & (LEX_COMMON | NOT_NAME)))
        return 0;
    return first_cp(p, t) == first_cp(p, name);
}

/* A model mention may be retyped by document evidence; a gazetteer or
 * money mention keeps its type. */
static void retype(mention_t *m, int type, const char *canonical)
{
    if (m->type != type) {
        if (m->source != SRC_MODEL)
            return;
        m->type = (uint8_t)type;
        m->iso = m->name = NULL;
    }
    if (canonical && !m->canonical)
        m->canonical = canonical;
}

/* Schwartz & Hearst (2003): read right to left, the letters and digits of
 * the short form occur in order (case-folded) in the long form, tokens
 * tb..te-1, and its first one starts the first word. ASCII letters and
 * digits only; other bytes never match. */
static int fold_alnum(unsigned char a)
{
    if (a >= 'A' && a <= 'Z')
        return a - 'A' + 'a';
    return (a >= 'a' && a <= 'z') || (a >= '0' && a <= '9') ? a : 0;
}

static int long_form_match(const pipe_t *p, size_t tb, size_t te, size_t sb, size_t se)
{
    char lf[256];
    size_t n = 0;
    for (size_t t = tb; t < te; t++) {
        size_t l;
        const char *w = ttext(p, t, &l);
        if (n + l + 1 > sizeof lf)
            return 0;
        if (t > tb)
            lf[n++] = ' ';
        memcpy(lf + n, w, l);
        n += l;
    }
    size_t k = 0;
    char sh[64];
    for (size_t t = sb; t < se; t++) {
        size_t sl;
        const char *s = ttext(p, t, &sl);
        for (size_t i = 0; i < sl && k < sizeof sh; i++)
            if (fold_alnum((unsigned char)s[i]))
                sh[k++] = (char)fold_alnum((unsigned char)s[i]);
    }
    if (k < 2 || k == sizeof sh)
        return 0;
    size_t li = n;
    for (size_t si = k; si-- > 0;) {
        for (;;) {
            if (li == 0)
                return 0;
            li--;
            if (fold_alnum((unsigned char)lf[li]) != sh[si])
                continue;
            if (si == 0 && li != 0)
                continue; /* the first letter must start the long form */
            break;
        }
    }
    return 1;
}

static int connective(const pipe_t *p, size_t i)
{
    return tok_is(p, i, "dan") || tok_is(p, i, "&");
}

/* `dan`, `&`, or the comma of an official name's list: `Badan
 * Meteorologi, Klimatologi, dan Geofisika`. */
static int joiner(const pipe_t *p, size_t i)
{
    return connective(p, i) || tok_is(p, i, ",");
}

/* `Badan Pengatur Hilir Minyak dan Gas Bumi (BPH Migas)`: an organization
 * that stops inside a run of capitalised words (and `dan`/`&`/commas between
 * them, `Badan Riset, Inovasi, dan Teknologi Daerah (BRITD)`) which a
 * bracketed short form closes takes the rest of the run when
 * the short form spells the whole run but not the organization alone
 * (Schwartz & Hearst) and the run's words belong to no other entity. The
 * short form is an acronym-like word and up to two capitalised words. */
static void extend_to_long_form(ctx_t *c)
{
    const pipe_t *p = c->p;
    for (size_t i = 0; i < *c->n; i++) {
        mention_t *m = &(*c->sel)[i];
        if (m->type != WARTA_ORGANIZATION || m->te + 1 >= p->ntok ||
            !(is_cap_word(p, m->te) || (tok_is(p, m->te, ",") && is_cap_word(p, m->te + 1))))
            continue;
        size_t t = m->te;
        while (t < p->ntok && t - m->te < 10 && c->owner[t] < 0 &&
               (is_cap_word(p, t) || (joiner(p, t) && t + 1 < p->ntok && is_cap_word(p, t + 1)) ||
                (tok_is(p, t, ",") && t + 2 < p->ntok && connective(p, t + 1) &&
                 is_cap_word(p, t + 2))))
            t++;
        if (t + 2 >= p->ntok || !tok_is(p, t, "(") || !acronym_like(p, t + 1) || connective(p, t - 1))
            continue;
        size_t se = t + 2; /* the short form: up to two more capitalised words */
        while (se < p->ntok && se < t + 4 && is_cap_word(p, se))
            se++;
        if (se >= p->ntok || !tok_is(p, se, ")"))
            continue;
        if (long_form_match(p, m->tb, m->te, t + 1, se) || !long_form_match(p, m->tb, t, t + 1, se))
            continue;
        for (size_t k = m->te; k < t; k++)
            c->owner[k] = (int32_t)i;
        m->te = (uint32_t)t;
        m->canonical = m->name = m->iso = NULL;
    }
}

static int acronyms(ctx_t *c)
{
    pipe_t *p = c->p;
    smap_t acr = {0};
    const char **canon = NULL;
    size_t ncanon = 0, capcanon = 0;
    size_t n0 = *c->n;
    int rc = 0;
    for (size_t i = 0; i < n0 && !rc; i++) {
        mention_t m = (*c->sel)[i];
        if (m.type != WARTA_ORGANIZATION || m.te + 2 >= p->ntok || !tok_is(p, m.te, "(") || !tok_is(p, m.te + 2, ")") ||
            !(acronym_like(p, m.te + 1) || short_form_like(p, m.tb, m.te + 1)) || m.te - m.tb < 2)
            continue;
        const char *full = m.canonical ? m.canonical : span_dup(c, m.tb, m.te);
        if (!full || vec_reserve((void **)&canon, &capcanon, ncanon + 1, sizeof *canon)) {
            rc = -1;
            break;
        }
        (*c->sel)[i].canonical = full;
        canon[ncanon] = full;
        size_t l;
        const char *k = ttext(p, m.te + 1, &l);
        if (smap_get(&acr, k, l) < 0 && smap_add(&acr, k, l, (int)ncanon))
            rc = -1;
        ncanon++;
    }
    if (!rc && acr.n) {
        for (size_t t = 0; t < p->ntok && !rc; t++) {
            size_t l;
            const char *k = ttext(p, t, &l);
            int v = smap_get(&acr, k, l);
            if (v < 0)
                continue;
            const char *full = canon[acr.val[v]];
            int32_t o = c->owner[t];
            if (o < 0) {
                rc = add_alias(c, t, WARTA_ORGANIZATION, full);
            } else if ((*c->sel)[o].tb == t && (*c->sel)[o].te == t + 1) {
                retype(&(*c->sel)[o], WARTA_ORGANIZATION, full);
            }
        }
    }
    smap_free(&acr);
    free(canon);
    return rc;
}

/* ---- 3. people named in full ------------------------------------------ */

#define AMBIGUOUS (-2)


static int name_part_ok(const pipe_t *p, size_t t)
{
    if (!is_cap_word(p, t) || p->tok[t].end - p->tok[t].start < 3 || (p->lex[t] & NOT_NAME))
        return 0;
    size_t up = 0, lo = 0;
    letter_case(p, t, &up, &lo);
    return lo > 0; /* "Joko", not "PT" or "KPK" */
}

/* In a Title Case line the model's PERSON "Ucapan Pompeo" holds a known
 * person's name part ("Pompeo", from "Mike Pompeo" in the body) plus
 * words that are capitalised only by the headline style: the
 * mention shrinks to the run of that person's name parts, when no other
 * token is a given name (LEX_GIVEN_NAME) or a name part of anyone. */
static void trim_to_name(ctx_t *c, mention_t *m, const smap_t *part, int who, const char *f)
{
    const pipe_t *p = c->p;
    uint32_t b = UINT32_MAX, e = 0;
    for (uint32_t u = m->tb; u < m->te; u++) {
        size_t l;
        const char *k = ttext(p, u, &l);
        int w = smap_get(part, k, l);
        if (w >= 0 && part->val[w] == who) {
            if (b == UINT32_MAX)
                b = u;
            else if (e != u)
                return; /* two runs */
            e = u + 1;
        } else if (w >= 0 || (p->lex[u] & LEX_GIVEN_NAME)) {
            return;
        }
    }
    if (b == UINT32_MAX)
        return;
    int32_t id = c->owner[m->tb];
    for (uint32_t u = m->tb; u < m->te; u++)
        c->owner[u] = u >= b && u < e ? id : -1;
    m->tb = b;
    m->te = e;
    m->canonical = f;
}

/* The full name token t is a part of (value of `part`), or -1. */
static int name_part_of(const pipe_t *p, const smap_t *part, size_t t)
{
    size_t l;
    const char *k = ttext(p, t, &l);
    int v = smap_get(part, k, l);
    return v < 0 ? -1 : part->val[v];
}

/* A full-name candidate: its length in tokens, position, mention index. */
typedef struct cand {
    uint32_t len, tb;
    size_t i;
} cand_t;

static int longer_first(const void *a, const void *b)
{
    const cand_t *x = a, *y = b;
    if (x->len != y->len)
        return x->len > y->len ? -1 : 1;
    return x->tb < y->tb ? -1 : x->tb > y->tb;
}

static int people(ctx_t *c)
{
    pipe_t *p = c->p;
    smap_t part = {0};  /* name part -> index of its full name, or AMBIGUOUS */
    const char **full = NULL;
    size_t nfull = 0, capfull = 0, n0 = *c->n;
    int rc = 0;
    /* candidates for full names, longest first, so that `Sri Mulyani` after
     * `Sri Mulyani Indrawati` is a short form of it, not a second person */
    cand_t *cand = malloc((n0 ? n0 : 1) * sizeof *cand);
    size_t ncand = 0;
    if (!cand)
        return -1;
    for (size_t i = 0; i < n0; i++) {
        const mention_t *m = &(*c->sel)[i];
        /* a Title Case line names no one in full: its capitals are style */
        if (m->type != WARTA_PERSON || c->caps[m->tb] || c->title[m->tb])
            continue;
        size_t parts = 0;
        for (uint32_t t = m->tb; t < m->te; t++)
            parts += name_part_ok(p, t);
        if (parts >= 2)
            cand[ncand++] = (cand_t){m->te - m->tb, m->tb, i};
    }
    qsort(cand, ncand, sizeof *cand, longer_first);
    for (size_t ci = 0; ci < ncand && !rc; ci++) {
        mention_t *m = &(*c->sel)[cand[ci].i];
        int same = -1; /* the one known full name all parts belong to */
        for (uint32_t t = m->tb; t < m->te && same != AMBIGUOUS; t++) {
            if (!name_part_ok(p, t))
                continue;
            size_t l;
            const char *k = ttext(p, t, &l);
            int v = smap_get(&part, k, l);
            int fi = v < 0 ? AMBIGUOUS : part.val[v];
            same = same == -1 || same == fi ? fi : AMBIGUOUS;
        }
        if (same >= 0)
            continue; /* a short form of a name already known */
        const char *f = span_dup(c, m->tb, m->te);
        if (!f || vec_reserve((void **)&full, &capfull, nfull + 1, sizeof *full)) {
            rc = -1;
            break;
        }
        full[nfull] = f;
        for (uint32_t t = m->tb; t < m->te && !rc; t++) {
            if (!name_part_ok(p, t))
                continue;
            size_t l;
            const char *k = ttext(p, t, &l);
            int v = smap_get(&part, k, l);
            if (v < 0)
                rc = smap_add(&part, k, l, (int)nfull);
            else if (part.val[v] != AMBIGUOUS && strcmp(full[part.val[v]], f) != 0)
                part.val[v] = AMBIGUOUS;
        }
        nfull++;
    }
    for (size_t t = 0; t < p->ntok && !rc && part.n; t++) {
        size_t l;
        const char *k = ttext(p, t, &l);
        int v = smap_get(&part, k, l);
        if (v < 0 || part.val[v] == AMBIGUOUS)
            continue;
        const char *f = full[part.val[v]];
        int32_t o = c->owner[t];
        if (o < 0) {
            /* the run of this person's parts is one mention, not one per
             * word ("Cate Blanchett" again, uncovered) */
            size_t e = t + 1;
            while (e < p->ntok && c->owner[e] < 0 && name_part_of(p, &part, e) == part.val[v])
                e++;
            mention_t like = {0};
            like.canonical = f;
            rc = add_mention(c, (uint32_t)t, (uint32_t)e, WARTA_PERSON, &like);
            t = e - 1;
        } else {
            mention_t *m = &(*c->sel)[o];
            /* a shorter mention made only of this person's name parts */
            int all = 1;
            for (uint32_t u = m->tb; u < m->te && all; u++) {
                const char *ku = ttext(p, u, &l);
                int w = smap_get(&part, ku, l);
                all = w >= 0 && part.val[w] == part.val[v];
            }
            if (all && strlen(f) > (size_t)(p->tok[m->te - 1].byte_end - p->tok[m->tb].byte_start))
                retype(m, WARTA_PERSON, f);
            else if (!all && c->title[m->tb] && m->source == SRC_MODEL && m->type == WARTA_PERSON)
                trim_to_name(c, m, &part, part.val[v], f);
        }
    }
    smap_free(&part);
    free(full);
    free(cand);
    return rc;
}

/* ---- 4. one string, one type ------------------------------------------ */

static int by_tb(const void *a, const void *b)
{
    const mention_t *x = a, *y = b;
    return x->tb < y->tb ? -1 : x->tb > y->tb;
}


/* ---- initials inside names ------------------------------------------- */

/* `L.P`, `B.J`, `B`: capital letters joined by periods, as the tokenizer
 * leaves initials (their final period is a token of its own). */
static int is_initials(const pipe_t *p, size_t t)
{
    size_t n;
    const char *s = ttext(p, t, &n);
    if (n == 0 || n > 7)
        return 0;
    for (size_t i = 0; i < n; i++) {
        int letter = s[i] >= 'A' && s[i] <= 'Z';
        if (i % 2 == 0 ? !letter : s[i] != '.')
            return 0;
    }
    return n % 2 == 1;
}

/* Length of the run of initials (with their periods) starting at t, or 0. */
static size_t initials_run(const pipe_t *p, size_t t, size_t end)
{
    size_t k = t;
    int any = 0;
    while (k < end) {
        if (is_initials(p, k)) {
            any = 1;
            k++;
        } else if (any && tok_is(p, k, ".")) {
            k++;
        } else {
            break;
        }
    }
    return any ? k - t : 0;
}

/* `Retno L.P. Marsudi` is one person: two PERSON mentions with only
 * initials between them merge, and initials right before a PERSON mention
 * (`B.J. Habibie`) join it. */
static void initials(ctx_t *c)
{
    const pipe_t *p = c->p;
    mention_t *s = *c->sel;
    size_t k = 0;
    for (size_t i = 0; i < *c->n; i++) {
        mention_t m = s[i];
        if (m.type == WARTA_PERSON && k > 0) {
            mention_t *prev = &s[k - 1];
            size_t gap = m.tb - prev->te;
            int dots_only = 1;
            for (uint32_t t = prev->te; t < m.tb && dots_only; t++)
                dots_only = tok_is(p, t, ".");
            if (prev->type == WARTA_PERSON && gap > 0 &&
                (initials_run(p, prev->te, m.tb) == gap ||
                 (dots_only && gap == 1 && is_initials(p, prev->te - 1)))) {
                prev->te = m.te;
                prev->canonical = NULL;
                continue;
            }
        }
        if (m.type == WARTA_PERSON && m.source == SRC_MODEL) {
            /* initials right before: walk back over "X." pairs */
            uint32_t b = m.tb;
            while (b >= 2 && tok_is(p, b - 1, ".") && is_initials(p, b - 2) &&
                   (k == 0 || s[k - 1].te <= b - 2))
                b -= 2;
            /* and the given name before the initials: `Retno L.P. Marsudi` */
            if (b < m.tb && b >= 1 && (k == 0 || s[k - 1].te <= b - 1) && is_cap_word(p, b - 1) &&
                !(p->lex[b - 1] & (NOT_NAME | LEX_COMMON)))
                b -= 1;
            m.tb = b;
        }
        s[k++] = m;
    }
    *c->n = k;
}

/* Words right before a name that say it is an organization: "klub
 * Juventus", "emiten Bumi", "saham Antam", "maskapai Garuda". */
static int org_cue(const pipe_t *p, size_t t)
{
    static const char *const w[] = {"klub", "emiten", "saham", "perusahaan", "maskapai",
                                    "perseroan", "raksasa", "operator", "bank", "grup",
                                    "startup", "partai", "ormas", "harian", "koran",
                                    "majalah", "kantor", "lembaga", NULL};
    for (int k = 0; w[k]; k++)
        if (tok_is(p, t, w[k]))
            return 1;
    return 0;
}

/* Verbs after a name that only an organization does: "X mencatat laba". */
static int org_verb_after(const pipe_t *p, size_t t)
{
    static const char *const w[] = {"membukukan", "mencatatkan", "meraup", "melantai",
                                    "mengakuisisi", "merilis", NULL};
    if (t + 1 < p->ntok && tok_is(p, t, "mencatat") &&
        (tok_is(p, t + 1, "laba") || tok_is(p, t + 1, "rugi") || tok_is(p, t + 1, "pendapatan")))
        return 1;
    for (int k = 0; w[k]; k++)
        if (t < p->ntok && tok_is(p, t, w[k]))
            return 1;
    return 0;
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
        int strong = m->tb > 0 && (tok_is(p, m->tb - 1, "klub") || tok_is(p, m->tb - 1, "emiten"));
        if (strong && m->type == WARTA_LOCATION) {
            /* "klub Cagliari": a club named after its town */
            m->type = WARTA_ORGANIZATION;
            m->name = m->iso = NULL;
            continue;
        }
        if (m->source != SRC_MODEL || (m->type != WARTA_PERSON && m->type != WARTA_LOCATION))
            continue;
        if ((m->tb > 0 && org_cue(p, m->tb - 1)) || org_verb_after(p, m->te))
            retype(m, WARTA_ORGANIZATION, NULL);
    }
    /* an uncovered capitalised run right after "klub" / "emiten" */
    for (size_t t = 1; t < p->ntok; t++) {
        if (!(tok_is(p, t - 1, "klub") || tok_is(p, t - 1, "emiten")) || c->owner[t] >= 0 ||
            !is_cap_word(p, t) || c->caps[t] || c->title[t])
            continue;
        size_t e = t;
        while (e < p->ntok && e - t < 3 && c->owner[e] < 0 && is_cap_word(p, e) &&
               !(p->lex[e] & LEX_TITLE))
            e++;
        if (e > t && add_mention(c, (uint32_t)t, (uint32_t)e, WARTA_ORGANIZATION, NULL))
            return -1;
    }
    return 0;
}

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
        rc = smap_add(&groups, p->s + b, e - b, (int)i);
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
            retype(&(*c->sel)[groups.val[v]], best, NULL);
    }
    smap_free(&groups);
    return rc;
}

/* Names longer than this are not looked for again: the walk from a token
 * is bounded by it, so the rules below are linear in the document. */
#define MAX_NAME_TOKENS 16

/* Token i's key: its text, or its case-folded text (after fold_tokens). */
static const char *tkey(const ctx_t *c, size_t i, int folded, size_t *len)
{
    if (!folded)
        return ttext(c->p, i, len);
    *len = c->foff[i + 1] - c->foff[i];
    return c->fold + c->foff[i];
}

/* Adds mention i's tokens to the trie; the value at its end is i (a later
 * mention of the same tokens replaces an earlier one). */
static int trie_put(ctx_t *c, seqtrie_t *tr, size_t i, int folded)
{
    const mention_t *m = &(*c->sel)[i];
    if (m->te - m->tb > MAX_NAME_TOKENS)
        return 0;
    uint32_t node = 0;
    for (uint32_t t = m->tb; t < m->te && node != SEQTRIE_NONE; t++) {
        size_t l;
        const char *k = tkey(c, t, folded, &l);
        node = seqtrie_add(tr, node, k, l);
    }
    if (node == SEQTRIE_NONE)
        return -1;
    seqtrie_set(tr, node, (int)i);
    return 0;
}

/* The longest name of the trie whose tokens start at t, all uncovered (and
 * all in ALL-CAPS sentences when `caps`): its mention index, or -1. */
static int trie_longest(const ctx_t *c, const seqtrie_t *tr, size_t t, int folded, int caps,
                        uint32_t *len)
{
    int best = -1;
    uint32_t node = 0;
    for (size_t u = t; u < c->p->ntok && c->owner[u] < 0 && (!caps || c->caps[u]); u++) {
        size_t l;
        const char *k = tkey(c, u, folded, &l);
        if ((node = seqtrie_child(tr, node, k, l)) == SEQTRIE_NONE)
            break;
        if (seqtrie_val(tr, node) >= 0) {
            best = seqtrie_val(tr, node);
            *len = (uint32_t)(u + 1 - t);
        }
    }
    return best;
}

/* Multi-token PERSON / ORGANIZATION names the model found once are added
 * where the same capitalised tokens appear again uncovered. */
static int propagate(ctx_t *c)
{
    pipe_t *p = c->p;
    size_t n0 = *c->n, nput = 0;
    seqtrie_t names;
    if (seqtrie_init(&names))
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n0 && !rc; i++) {
        mention_t *m = &(*c->sel)[i];
        if ((m->type != WARTA_PERSON && m->type != WARTA_ORGANIZATION) || m->te - m->tb < 2 ||
            (m->source != SRC_MODEL && m->source != SRC_RULE) || c->caps[m->tb])
            continue;
        rc = trie_put(c, &names, i, 0);
        nput++;
    }
    for (size_t t = 0; t < p->ntok && !rc && nput; t++) {
        if (c->owner[t] >= 0 || !is_cap_word(p, t))
            continue;
        uint32_t len = 0;
        int best = trie_longest(c, &names, t, 0, 0, &len);
        if (best >= 0) {
            mention_t like = (*c->sel)[best];
            rc = add_mention(c, (uint32_t)t, (uint32_t)t + len, like.type, &like);
        }
    }
    seqtrie_free(&names);
    return rc;
}

/* ---- foreign names ------------------------------------------------------ */

/* Lower-case particles inside foreign names: "Ludwig van Beethoven". */
static int name_particle(const pipe_t *p, size_t t)
{
    static const char *const w[] = {"van", "von", "de", "der", "den", "bin", "binti",
                                    "da", "dos", "del", "al", NULL};
    for (int k = 0; w[k]; k++)
        if (tok_is(p, t, w[k]))
            return 1;
    return 0;
}

/* A capitalised word that can end or continue a name: no title, place,
 * country or currency, letters in both cases ("Messi", not "FIFA"). */
static int name_word(const ctx_t *c, size_t t)
{
    return t < c->p->ntok && c->owner[t] < 0 && !c->caps[t] && !c->title[t] &&
           name_part_ok(c->p, t);
}

/* "Kemarin, Lionel Messi mencetak gol": a foreign given name
 * (LEX_FOREIGN_GIVEN, data/person_given.txt) followed by up to three
 * capitalised name words that are no common word (and particles between
 * them), all uncovered and outside headline lines, is a PERSON the model
 * did not see.  ("Messi" is in the common-word list: famous names that
 * are come from data/people.tsv.) */
static int foreign_names(ctx_t *c)
{
    const pipe_t *p = c->p;
    int rc = 0;
    for (size_t t = 0; t + 1 < p->ntok && !rc; t++) {
        if (!(p->lex[t] & LEX_FOREIGN_GIVEN) || !name_word(c, t))
            continue;
        size_t e = t + 1, words = 0;
        while (e < p->ntok && words < 3) {
            if (name_word(c, e) && !(p->lex[e] & LEX_COMMON)) {
                e++;
                words++;
            } else if (words && e + 1 < p->ntok && name_particle(p, e) && name_word(c, e + 1) &&
                       !(p->lex[e + 1] & LEX_COMMON)) {
                e += 2;
                words++;
            } else {
                break;
            }
        }
        if (!words)
            continue;
        rc = add_mention(c, (uint32_t)t, (uint32_t)e, WARTA_PERSON, NULL);
        t = e - 1;
    }
    return rc;
}

/* ---- 5. headlines take what the body says ------------------------------ */

static int fold_tokens(ctx_t *c)
{
    pipe_t *p = c->p;
    size_t total = 0;
    for (size_t i = 0; i < p->ntok; i++)
        total += 2 * (p->tok[i].byte_end - p->tok[i].byte_start) + 1;
    c->fold = malloc(total + 1);
    c->foff = malloc((p->ntok + 1) * sizeof *c->foff);
    if (!c->fold || !c->foff)
        return -1;
    size_t o = 0;
    for (size_t i = 0; i < p->ntok; i++) {
        c->foff[i] = o;
        size_t l;
        const char *t = ttext(p, i, &l);
        o += utf8_fold(t, l, c->fold + o, total + 1 - o);
    }
    c->foff[p->ntok] = o;
    return 0;
}

static int headlines(ctx_t *c)
{
    pipe_t *p = c->p;
    int any = 0;
    for (size_t t = 0; t < p->ntok && !any; t++)
        any = c->caps[t];
    if (!any)
        return 0;
    seqtrie_t body; /* folded tokens of the body's mentions */
    if (fold_tokens(c) || seqtrie_init(&body))
        return -1;
    int rc = 0;
    size_t n0 = *c->n, nput = 0;
    for (size_t i = 0; i < n0 && !rc; i++) {
        const mention_t *m = &(*c->sel)[i];
        if (c->caps[m->tb] || m->type == WARTA_MONEY)
            continue;
        rc = trie_put(c, &body, i, 1);
        nput++;
    }
    for (size_t t = 0; t < p->ntok && !rc && nput; t++) {
        if (!c->caps[t] || c->owner[t] >= 0)
            continue;
        uint32_t len = 0;
        int best = trie_longest(c, &body, t, 1, 1, &len);
        if (best >= 0) {
            mention_t like = (*c->sel)[best];
            if ((like.type == WARTA_PERSON || like.type == WARTA_ORGANIZATION) && !like.canonical)
                like.canonical = span_dup(c, like.tb, like.te);
            rc = add_mention(c, (uint32_t)t, (uint32_t)t + len, like.type, &like);
            t += len - 1;
        }
    }
    seqtrie_free(&body);
    return rc;
}


/* ---- 7. names are not cut into words --------------------------------- */

/* Adjacent PERSON mentions that share one canonical name and are its
 * words in order (`Mauricio` `Souza` for Mauricio Souza in a headline the
 * model left untagged) are one mention.  *sel is sorted by tb. */
static int words_of(const char *f, const char *w, size_t n)
{
    size_t fl = strlen(f);
    for (size_t o = 0; o + n <= fl; o++)
        if ((o == 0 || f[o - 1] == ' ') && memcmp(f + o, w, n) == 0 &&
            (o + n == fl || f[o + n] == ' '))
            return 1;
    return 0;
}

static void join_split_names(ctx_t *c)
{
    const pipe_t *p = c->p;
    mention_t *s = *c->sel;
    size_t k = 0;
    for (size_t i = 0; i < *c->n; i++) {
        mention_t *prev = k ? &s[k - 1] : NULL;
        if (prev && prev->type == WARTA_PERSON && s[i].type == WARTA_PERSON && prev->canonical &&
            s[i].canonical && strcmp(prev->canonical, s[i].canonical) == 0 &&
            prev->te == s[i].tb && (p->tok[s[i].tb].flags & WARTA_TOKF_SPACE_BEFORE) &&
            !(p->tok[s[i].tb].flags & WARTA_TOKF_NEWLINE_BEFORE)) {
            size_t b = p->tok[prev->tb].byte_start, e = p->tok[s[i].te - 1].byte_end;
            if (words_of(prev->canonical, p->s + b, e - b)) {
                prev->te = s[i].te; /* a run of the canonical name's words */
                continue;
            }
        }
        s[k++] = s[i];
    }
    *c->n = k;
}

int docref_run(pipe_t *p, mention_t **sel, size_t *n, size_t *cap)
{
    if (!p->ntok)
        return 0;
    ctx_t c = {p, sel, n, cap, NULL, NULL, NULL, NULL, NULL};
    c.owner = malloc(p->ntok * sizeof *c.owner);
    c.caps = calloc(p->ntok, 1);
    c.title = calloc(p->ntok, 1);
    int rc = -1;
    if (!c.owner || !c.caps || !c.title)
        goto out;
    qsort(*sel, *n, sizeof **sel, by_tb);
    mark_caps_sentences(&c);
    mark_title_sentences(&c);
    drop_caps_model_mentions(&c);
    rebuild_owner(&c);
    initials(&c);
    rebuild_owner(&c);
    extend_to_long_form(&c);
    if (context_cues(&c) || majority(&c) || acronyms(&c) || people(&c) || propagate(&c) || foreign_names(&c) || headlines(&c))
        goto out;
    qsort(*sel, *n, sizeof **sel, by_tb);
    join_split_names(&c);
    rc = 0;
out:
    free(c.owner);
    free(c.caps);
    free(c.title);
    free(c.fold);
    free(c.foff);
    return rc ? WARTA_ERR_NOMEM : 0;
}
