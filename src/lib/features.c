/* features.c - templates of the entity tagger (see feat.h).
 *
 * For token i of a sentence (o = offset -2..+2, outside the sentence the
 * values are BOS/EOS markers):
 *   bias; word; lower (digits -> 0); short shape; capitalisation class x
 *   sentence-initial; prefixes 2-3 and suffixes 2-4 of lower;
 *   lower at -2..+2; shape and class at -1, +1; class at -1,0,+1 together;
 *   lower bigrams (-1,0) (0,+1); lower(-1) x class(0); class(0) x lower(+1);
 *   lower bigrams (-2,-1) (+1,+2); shape at -2, +2;
 *   in a run of capitalised tokens: the run's first and last lower-case
 *   words, position in the run x run length x sentence-initial;
 *   every lexicon bit (LEX_*, LEXP_*) at -2..+2, and at 0 also x class
 *   x sentence-initial (a capitalised common word is weak evidence, a
 *   sentence-initial capital weaker still). */
#include "feat.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "mix64.h"
#include "model.h"
#include "text.h"
#include "typecache.h"
#include "util.h"

/* SSE2 (x86-64 baseline) sums of the shipped 9 labels; WARTA_NO_VECTOR or
 * WARTA_NO_SSE build the scalar loops (the tests run both). */
#if defined(__SSE2__) && !defined(WARTA_NO_VECTOR) && !defined(WARTA_NO_SSE)
#define FEAT_SSE2 1
#include <emmintrin.h>
#endif

#if defined(__GNUC__)
#define FEAT_PREFETCH(p) __builtin_prefetch(p)
#else
#define FEAT_PREFETCH(p) ((void)(p))
#endif

/* Capitalisation classes. */
enum { C_LOWER, C_INITCAP, C_ALLCAPS, C_ONECAP, C_MIXED, C_DIGIT, C_ALNUM, C_PUNCT, C_OTHER, C_BOS, C_EOS };

enum { /* templates */
    T_BIAS = 1, T_WORD, T_LOWER, T_SHAPE, T_CLASSPOS, T_PRE2, T_PRE3, T_SUF2, T_SUF3, T_SUF4,
    T_LOWER_O, /* + offset (5 values) */
    T_SHAPE_M1 = T_LOWER_O + 5, T_SHAPE_P1, T_CLASS_M1, T_CLASS_P1, T_CLASS3,
    T_BI_M1, T_BI_P1, T_LM1_C0, T_C0_LP1,
    T_BIT_O,     /* + offset (5 values) */
    T_BITCLASS = T_BIT_O + 5,
    T_LEN, T_RUNHEAD, T_RUNLAST, T_RUNPOS, T_BI_M2, T_BI_P2, T_SHAPE_M2, T_SHAPE_P2,
};

/* Lexicon bits used as features, and the value k each gives its feature
 * (k counts them in increasing bit order). */
#define NBITS 13 /* bits in FEAT_BITS_MASK */
#define FEAT_BITS_MASK (LEX_COUNTRY_B | LEX_COUNTRY_I | LEX_PLACE_B | LEX_PLACE_I | LEX_GIVEN_NAME | \
                        LEX_COMMON | LEX_TITLE | LEX_ORG_HEAD | LEX_ORG_TAIL | LEX_MONEY |        \
                        LEX_CURRENCY | LEXP_WIKI | LEXP_COUNTRY)

/* bit_k[b]: the k of bit 1<<b.  k = 11 belonged to a bit no stage ever set
 * (bit 11); it stays unused so the shipped model's feature hashes keep
 * their meaning. */
static const uint8_t bit_k[32] = {
    [0] = 0, [1] = 1, [2] = 2, [3] = 3, [4] = 4, [5] = 5, [6] = 6, [7] = 7, [8] = 8,
    [9] = 9, [10] = 10, [11] = 11, [24] = 12, [25] = 13,
};

static inline unsigned ctz32(uint32_t x)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctz(x);
#else
    unsigned n = 0;
    while (!(x & 1u)) {
        x >>= 1;
        n++;
    }
    return n;
#endif
}

typedef struct ftok {
    uint64_t word, lower, shape, pre2, pre3, suf2, suf3, suf4;
    uint64_t runhead, runlast; /* lower of the first/last token of the
                                  capitalised run holding it, 0 if none */
    uint32_t runpos, runlen;
    uint32_t bits;
    uint8_t cls;
    uint8_t len; /* code points, capped at 255 */
} ftok_t;

struct feat_scratch {
    ftok_t *tok;     /* [n + 4]: two pads on each side */
    size_t captok;
    uint64_t *f;     /* features, token i at f[off[i] .. off[i+1]) */
    size_t capf;
    uint32_t *off;
    size_t capoff;
    char *low;       /* folded text of the sentence */
    size_t caplow;
};

static inline uint64_t F1(unsigned t, uint64_t v)
{
    uint64_t h = mix64(v + (uint64_t)t * 0x9e3779b97f4a7c15ULL);
    return h ? h : 1;
}

static inline uint64_t F2(unsigned t, uint64_t a, uint64_t b)
{
    uint64_t h = mix64(a ^ mix64(b + (uint64_t)t * 0x9e3779b97f4a7c15ULL));
    return h ? h : 1;
}

feat_scratch_t *feat_scratch_new(void)
{
    return calloc(1, sizeof(feat_scratch_t));
}

void feat_scratch_free(feat_scratch_t *fs)
{
    if (!fs)
        return;
    free(fs->tok);
    free(fs->f);
    free(fs->off);
    free(fs->low);
    free(fs);
}

const uint64_t *feat_token(const feat_scratch_t *fs, size_t i, size_t *n)
{
    *n = fs->off[i + 1] - fs->off[i];
    return fs->f + fs->off[i];
}

uint32_t feat_bits_of(const feat_scratch_t *fs, size_t i)
{
    return fs->tok[i + 2].bits;
}

const uint64_t *feat_token_range(const feat_scratch_t *fs, size_t i, size_t j, size_t *n)
{
    *n = fs->off[j] - fs->off[i];
    return fs->f + fs->off[i];
}

/* Byte length of the last k code points of s[0..n). */
static size_t tail_bytes(const char *s, size_t n, unsigned k)
{
    size_t i = n;
    while (i > 0 && k > 0) {
        i--;
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            k--;
    }
    return n - i;
}

/* Byte length of the first k code points of s[0..n). */
static size_t head_bytes(const char *s, size_t n, unsigned k)
{
    size_t i = 0;
    while (i < n && k > 0) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        k--;
    }
    return i;
}

/* Shape (runs of X x d and punctuation collapsed), class and length. */
static void shape_of(const char *s, size_t n, ftok_t *t)
{
    char sh[32];
    size_t o = 0, cps = 0;
    unsigned up = 0, lo = 0, dg = 0, other = 0, letters = 0;
    int first_up = 0;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c = (unsigned char)s[i];
        utf8proc_ssize_t k = 1;
        if (c >= 0x80) { /* ASCII needs no decoding */
            k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
            if (k <= 0) {
                k = 1;
                c = 0xFFFD;
            }
        }
        char ch;
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z') ch = 'X';
            else if (c >= 'a' && c <= 'z') ch = 'x';
            else if (c >= '0' && c <= '9') ch = 'd';
            else ch = (char)c;
        } else {
            utf8proc_category_t cat = utf8proc_category(c);
            if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) ch = 'X';
            else if (cat >= UTF8PROC_CATEGORY_LL && cat <= UTF8PROC_CATEGORY_LO) ch = 'x';
            else if (cat == UTF8PROC_CATEGORY_ND) ch = 'd';
            else ch = 'o';
        }
        if (ch == 'X') { up++; letters++; if (!cps) first_up = 1; }
        else if (ch == 'x') { lo++; letters++; }
        else if (ch == 'd') dg++;
        else other++;
        if ((!o || sh[o - 1] != ch) && o < sizeof sh)
            sh[o++] = ch;
        cps++;
        i += (size_t)k;
    }
    t->shape = hash_bytes(sh, o);
    t->len = (uint8_t)(cps > 255 ? 255 : cps);
    if (!letters && !dg)
        t->cls = other ? C_PUNCT : C_OTHER;
    else if (!letters)
        t->cls = C_DIGIT;
    else if (dg)
        t->cls = C_ALNUM;
    else if (up && !lo)
        t->cls = up == 1 ? C_ONECAP : C_ALLCAPS;
    else if (!up)
        t->cls = C_LOWER;
    else if (first_up && up == 1)
        t->cls = C_INITCAP;
    else
        t->cls = first_up ? C_INITCAP : C_MIXED;
}

static int grow(void **v, size_t *cap, size_t need, size_t elem)
{
    return vec_reserve(v, cap, need, elem) ? WARTA_ERR_NOMEM : 0;
}

static size_t ftok_fill(const char *w, size_t wn, uint64_t wh, char *l, ftok_t *t);
static void set_pads(feat_scratch_t *fs, size_t n);
static void mark_runs(feat_scratch_t *fs, size_t n);
static int sentence_features(feat_scratch_t *fs, size_t n);

int feat_sentence(const pipe_t *p, size_t b, size_t e, feat_scratch_t *fs)
{
    size_t n = e - b;
    size_t bytes = 0;
    for (size_t i = b; i < e; i++)
        bytes += p->tok[i].byte_end - p->tok[i].byte_start;
    if (grow((void **)&fs->tok, &fs->captok, n + 4, sizeof *fs->tok) ||
        grow((void **)&fs->off, &fs->capoff, n + 1, sizeof *fs->off) ||
        grow((void **)&fs->low, &fs->caplow, 2 * bytes + n + 1, 1))
        return WARTA_ERR_NOMEM;

    /* pass 1: per-token values */
    size_t lo = 0;
    for (size_t i = 0; i < n; i++) {
        const warta_token_t *tk = &p->tok[b + i];
        const char *w = p->s + tk->byte_start;
        size_t wn = tk->byte_end - tk->byte_start;
        ftok_t *t = &fs->tok[i + 2];
        lo += ftok_fill(w, wn, hash_bytes(w, wn), fs->low + lo, t) + 1;
    }
    for (size_t i = 0; i < n; i++) /* the lexicon stage set them (lexicon.c) */
        fs->tok[i + 2].bits = p->lex[b + i];
    set_pads(fs, n);
    mark_runs(fs, n);
    return sentence_features(fs, n);
}

/* The values of one token from its bytes w[0..wn) (word hash wh =
 * hash_bytes(w, wn)); l receives the folded word (2 * wn + 1 bytes).
 * Returns the folded length.  Depends on the bytes alone. */
static size_t ftok_fill(const char *w, size_t wn, uint64_t wh, char *l, ftok_t *t)
{
    size_t ln = utf8_fold_word(w, wn, l);
    t->word = wh;
    shape_of(w, wn, t);
    /* digits -> 0 for the lower-case form */
    uint64_t h = 14695981039346656037ULL;
    for (size_t k = 0; k < ln; k++) {
        unsigned char c = (unsigned char)l[k];
        if (c >= '0' && c <= '9')
            c = '0';
        h = (h ^ c) * 1099511628211ULL;
    }
    t->lower = h;
    size_t p2 = head_bytes(l, ln, 2), p3 = head_bytes(l, ln, 3);
    t->pre2 = t->len > 2 ? hash_bytes(l, p2) : 0;
    t->pre3 = t->len > 3 ? hash_bytes(l, p3) : 0;
    t->suf2 = t->len > 2 ? hash_bytes(l + ln - tail_bytes(l, ln, 2), tail_bytes(l, ln, 2)) : 0;
    t->suf3 = t->len > 3 ? hash_bytes(l + ln - tail_bytes(l, ln, 3), tail_bytes(l, ln, 3)) : 0;
    t->suf4 = t->len > 4 ? hash_bytes(l + ln - tail_bytes(l, ln, 4), tail_bytes(l, ln, 4)) : 0;
    return ln;
}

/* The two BOS and two EOS pads around tokens [2, n + 2) of fs->tok. */
static void set_pads(feat_scratch_t *fs, size_t n)
{
    for (int k = 0; k < 2; k++) { /* pads */
        ftok_t *bos = &fs->tok[k], *eos = &fs->tok[n + 2 + k];
        memset(bos, 0, sizeof *bos);
        memset(eos, 0, sizeof *eos);
        bos->word = bos->lower = bos->shape = 0x424f53ULL + (uint64_t)k; /* "BOS" */
        eos->word = eos->lower = eos->shape = 0x454f53ULL + (uint64_t)k;
        bos->cls = C_BOS;
        eos->cls = C_EOS;
    }
}

/* Capitalised runs: runhead, runlast, runpos, runlen of every token. */
static void mark_runs(feat_scratch_t *fs, size_t n)
{
    for (size_t i = 0; i < n;) {
        ftok_t *t = &fs->tok[i + 2];
        int cap = t->cls == C_INITCAP || t->cls == C_ALLCAPS || t->cls == C_ONECAP || t->cls == C_MIXED;
        if (!cap) {
            t->runhead = t->runlast = 0;
            t->runpos = t->runlen = 0;
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < n) {
            uint8_t c = fs->tok[j + 2].cls;
            if (!(c == C_INITCAP || c == C_ALLCAPS || c == C_ONECAP || c == C_MIXED))
                break;
            j++;
        }
        for (size_t k = i; k < j; k++) {
            ftok_t *u = &fs->tok[k + 2];
            u->runhead = fs->tok[i + 2].lower;
            u->runlast = fs->tok[j - 1 + 2].lower;
            u->runpos = (uint32_t)(k - i);
            u->runlen = (uint32_t)(j - i);
        }
        i = j;
    }
}

/* Pass 2 of feat_sentence: the features of every token, in template order. */
static int sentence_features(feat_scratch_t *fs, size_t n)
{
    /* pass 2: features */
    enum { MAXF = 32 + 6 * NBITS };
    if (grow((void **)&fs->f, &fs->capf, n * MAXF, sizeof *fs->f))
        return WARTA_ERR_NOMEM;
    size_t nf = 0;
    for (size_t i = 0; i < n; i++) {
        const ftok_t *t = &fs->tok[i + 2];
        const ftok_t *m2 = t - 2, *m1 = t - 1, *p1 = t + 1, *p2 = t + 2;
        uint64_t *f = fs->f;
        fs->off[i] = (uint32_t)nf;
        unsigned first = i == 0 || (m1->cls == C_PUNCT && i == 1);
        f[nf++] = F1(T_BIAS, 0);
        f[nf++] = F1(T_WORD, t->word);
        f[nf++] = F1(T_LOWER, t->lower);
        f[nf++] = F1(T_SHAPE, t->shape);
        f[nf++] = F1(T_CLASSPOS, t->cls * 2u + first);
        if (t->pre2) f[nf++] = F1(T_PRE2, t->pre2);
        if (t->pre3) f[nf++] = F1(T_PRE3, t->pre3);
        if (t->suf2) f[nf++] = F1(T_SUF2, t->suf2);
        if (t->suf3) f[nf++] = F1(T_SUF3, t->suf3);
        if (t->suf4) f[nf++] = F1(T_SUF4, t->suf4);
        f[nf++] = F1(T_LOWER_O + 0, m2->lower);
        f[nf++] = F1(T_LOWER_O + 1, m1->lower);
        f[nf++] = F1(T_LOWER_O + 3, p1->lower);
        f[nf++] = F1(T_LOWER_O + 4, p2->lower);
        f[nf++] = F1(T_SHAPE_M1, m1->shape);
        f[nf++] = F1(T_SHAPE_P1, p1->shape);
        f[nf++] = F1(T_CLASS_M1, m1->cls);
        f[nf++] = F1(T_CLASS_P1, p1->cls);
        f[nf++] = F1(T_CLASS3, (uint64_t)m1->cls * 256u + t->cls * 16u + p1->cls);
        f[nf++] = F2(T_BI_M1, m1->lower, t->lower);
        f[nf++] = F2(T_BI_P1, t->lower, p1->lower);
        f[nf++] = F2(T_LM1_C0, m1->lower, t->cls);
        f[nf++] = F2(T_C0_LP1, p1->lower, t->cls);
        f[nf++] = F1(T_LEN, t->len > 12 ? 12 : t->len);
        f[nf++] = F2(T_BI_M2, m2->lower, m1->lower);
        f[nf++] = F2(T_BI_P2, p1->lower, p2->lower);
        f[nf++] = F1(T_SHAPE_M2, m2->shape);
        f[nf++] = F1(T_SHAPE_P2, p2->shape);
        if (t->runlen) {
            f[nf++] = F1(T_RUNHEAD, t->runhead);
            f[nf++] = F1(T_RUNLAST, t->runlast);
            f[nf++] = F1(T_RUNPOS, (t->runpos > 3 ? 3 : t->runpos) * 8u +
                                       (t->runlen > 5 ? 5 : t->runlen) * 2u + first);
        }
        for (int o = -2; o <= 2; o++) {
            uint32_t bits = t[o].bits & FEAT_BITS_MASK;
            while (bits) { /* set bits in increasing order: their k too */
                unsigned k = bit_k[ctz32(bits)];
                bits &= bits - 1;
                f[nf++] = F1(T_BIT_O + (unsigned)(o + 2), k);
                if (!o)
                    f[nf++] = F1(T_BITCLASS, (k * 16u + t->cls) * 2u + first);
            }
        }
    }
    fs->off[n] = (uint32_t)nf;
    return 0;
}

int feat_pipe_from_tokens(pipe_t *p, char **buf, size_t *bufcap,
                          const char *const *tokens, const size_t *lens, size_t n)
{
    size_t total = 1;
    for (size_t i = 0; i < n; i++)
        total += lens[i] + 1;
    if (vec_reserve((void **)buf, bufcap, total, 1) ||
        vec_reserve((void **)&p->tok, &p->captok, n + 1, sizeof *p->tok) ||
        vec_reserve((void **)&p->sent, &p->capsent, 1, sizeof *p->sent) ||
        vec_reserve((void **)&p->lex, &p->caplex, n + 1, sizeof *p->lex))
        return WARTA_ERR_NOMEM;
    char *s = *buf;
    size_t o = 0, cp = 0;
    for (size_t i = 0; i < n; i++) {
        if (i) {
            s[o++] = ' ';
            cp++;
        }
        size_t chars = 0, bad = 0;
        if (text_check(tokens[i], lens[i], &chars, &bad) < 0)
            return WARTA_ERR_INVALID_UTF8;
        warta_token_t *t = &p->tok[i];
        memcpy(s + o, tokens[i], lens[i]);
        t->byte_start = o;
        t->byte_end = o + lens[i];
        t->start = cp;
        t->end = cp + chars;
        t->flags = i ? WARTA_TOKF_SPACE_BEFORE : 0;
        unsigned char c = lens[i] ? (unsigned char)tokens[i][0] : 0;
        t->kind = (c >= '0' && c <= '9') ? WARTA_TOK_NUMBER
                  : (c >= 0x80 || (unsigned)((c | 32) - (unsigned)'a') < 26u) ? WARTA_TOK_WORD
                                                       : WARTA_TOK_PUNCT;
        o += lens[i];
        cp += chars;
    }
    s[o] = '\0';
    p->s = s;
    p->n = o;
    p->chars = cp;
    p->ntok = n;
    p->nsent = 1;
    p->sent[0].start = 0;
    p->sent[0].end = cp;
    p->sent[0].byte_start = 0;
    p->sent[0].byte_end = o;
    p->sent[0].tok_begin = 0;
    p->sent[0].tok_end = n;
    memset(p->lex, 0, (n + 1) * sizeof *p->lex);
    p->nment = 0;
    return 0;
}

/* ---- cached emissions (feat_emissions) ------------------------------------
 * The features of sentence_features() split by what they read:
 *   local: token i alone (its bytes, its lexicon bits, whether it is first);
 *   neighbour: token i+o alone, for o = -2, -1, +1, +2;
 *   pair: two tokens, or the capitalised run.
 * The first two are summed once per word type (and bits) and kept in a
 * typecache; only the pair features are looked up per token.  Every
 * template of sentence_features() must be in exactly one of emit_local,
 * emit_neigh, emit_pair: test_featcache checks the sums on real text. */

/* The features of token t that depend on t alone, except those that also
 * read whether it is first (emit_first). */
static size_t emit_local(const ftok_t *t, uint64_t *f)
{
    size_t nf = 0;
    f[nf++] = F1(T_BIAS, 0);
    f[nf++] = F1(T_WORD, t->word);
    f[nf++] = F1(T_LOWER, t->lower);
    f[nf++] = F1(T_SHAPE, t->shape);
    if (t->pre2) f[nf++] = F1(T_PRE2, t->pre2);
    if (t->pre3) f[nf++] = F1(T_PRE3, t->pre3);
    if (t->suf2) f[nf++] = F1(T_SUF2, t->suf2);
    if (t->suf3) f[nf++] = F1(T_SUF3, t->suf3);
    if (t->suf4) f[nf++] = F1(T_SUF4, t->suf4);
    f[nf++] = F1(T_LEN, t->len > 12 ? 12 : t->len);
    uint32_t bits = t->bits & FEAT_BITS_MASK;
    while (bits) {
        unsigned k = bit_k[ctz32(bits)];
        bits &= bits - 1;
        f[nf++] = F1(T_BIT_O + 2, k);
    }
    return nf;
}

/* The features of token t that read t and whether it is first. */
static size_t emit_first(const ftok_t *t, unsigned first, uint64_t *f)
{
    size_t nf = 0;
    f[nf++] = F1(T_CLASSPOS, t->cls * 2u + first);
    uint32_t bits = t->bits & FEAT_BITS_MASK;
    while (bits) {
        unsigned k = bit_k[ctz32(bits)];
        bits &= bits - 1;
        f[nf++] = F1(T_BITCLASS, (k * 16u + t->cls) * 2u + first);
    }
    return nf;
}

/* The features a token gets from token u at offset o (-2, -1, 1, 2). */
static size_t emit_neigh(const ftok_t *u, int o, uint64_t *f)
{
    size_t nf = 0;
    f[nf++] = F1(T_LOWER_O + (unsigned)(o + 2), u->lower);
    if (o == -1) {
        f[nf++] = F1(T_SHAPE_M1, u->shape);
        f[nf++] = F1(T_CLASS_M1, u->cls);
    } else if (o == 1) {
        f[nf++] = F1(T_SHAPE_P1, u->shape);
        f[nf++] = F1(T_CLASS_P1, u->cls);
    } else {
        f[nf++] = F1(o < 0 ? T_SHAPE_M2 : T_SHAPE_P2, u->shape);
    }
    uint32_t bits = u->bits & FEAT_BITS_MASK;
    while (bits) {
        unsigned k = bit_k[ctz32(bits)];
        bits &= bits - 1;
        f[nf++] = F1(T_BIT_O + (unsigned)(o + 2), k);
    }
    return nf;
}

/* The features of token t (fs->tok, padded) that read two tokens or the run. */
static size_t emit_pair(const ftok_t *t, unsigned first, uint64_t *f)
{
    const ftok_t *m2 = t - 2, *m1 = t - 1, *p1 = t + 1, *p2 = t + 2;
    size_t nf = 0;
    f[nf++] = F1(T_CLASS3, (uint64_t)m1->cls * 256u + t->cls * 16u + p1->cls);
    f[nf++] = F2(T_BI_M1, m1->lower, t->lower);
    f[nf++] = F2(T_BI_P1, t->lower, p1->lower);
    f[nf++] = F2(T_LM1_C0, m1->lower, t->cls);
    f[nf++] = F2(T_C0_LP1, p1->lower, t->cls);
    f[nf++] = F2(T_BI_M2, m2->lower, m1->lower);
    f[nf++] = F2(T_BI_P2, p1->lower, p2->lower);
    if (t->runlen) {
        f[nf++] = F1(T_RUNHEAD, t->runhead);
        f[nf++] = F1(T_RUNLAST, t->runlast);
        f[nf++] = F1(T_RUNPOS, (t->runpos > 3 ? 3 : t->runpos) * 8u +
                                   (t->runlen > 5 ? 5 : t->runlen) * 2u + first);
    }
    return nf;
}

enum { NVEC = 6 };           /* local (not first), local (first), offsets -2 -1 +1 +2 */
enum { MAXPAIR = 10, MAXONE = 16 + 2 * NBITS };

/* What the cache keeps per word type: the values the pair features and
 * the runs read, and the summed weight vectors (int32, exact). */
typedef struct fc_val {
    uint64_t lower;
    uint8_t cls;
    int32_t v[];   /* [NVEC][L] */
} fc_val_t;

struct feat_cache {
    const model_t *m;
    unsigned L;
    typecache_t *tc;
    const int32_t **vp; /* [n + 4]: each token's [NVEC][L] vectors, pads first and last */
    size_t capvp;
    int32_t *tv;     /* [n][NVEC][L]: vectors of tokens the cache did not take */
    size_t captv;
    int32_t pad[4][NVEC * MODEL_MAXL]; /* BOS, BOS, EOS, EOS: the slots they give */
    int pad_ready;
};

static size_t vec_bytes(unsigned L)
{
    return sizeof(fc_val_t) + (size_t)NVEC * L * sizeof(int32_t);
}

feat_cache_t *feat_cache_new(const model_t *m)
{
    feat_cache_t *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->m = m;
    c->L = m->nlabels;
    c->tc = typecache_new(FEAT_CACHE_SETS, vec_bytes(c->L));
    if (!c->tc) {
        feat_cache_free(c);
        return NULL;
    }
    return c;
}

void feat_cache_free(feat_cache_t *c)
{
    if (!c)
        return;
    typecache_free(c->tc);
    free(c->vp);
    free(c->tv);
    free(c);
}

/* acc[0..L) += the weights of features f[0..nf) the model knows. */
static inline void add_feats_l(const model_t *m, int32_t *acc, const uint64_t *f, size_t nf,
                               const unsigned L)
{
    for (size_t k = 0; k < nf; k++) {
        const int16_t *w = model_find(m, f[k]);
        if (w)
            for (unsigned l = 0; l < L; l++)
                acc[l] += w[l];
    }
}

#if FEAT_SSE2
/* Nine int32 sums in registers: labels 0-3, 4-7, and 8.  Integer sums:
 * the same values in any order. */
typedef struct sum9 {
    __m128i lo, hi;
    int32_t x8;
} sum9_t;

static inline sum9_t sum9_load(const int32_t *v)
{
    sum9_t s = {_mm_loadu_si128((const __m128i *)(const void *)v),
                _mm_loadu_si128((const __m128i *)(const void *)(v + 4)), v[8]};
    return s;
}

static inline void sum9_addv(sum9_t *s, const int32_t *v)
{
    s->lo = _mm_add_epi32(s->lo, _mm_loadu_si128((const __m128i *)(const void *)v));
    s->hi = _mm_add_epi32(s->hi, _mm_loadu_si128((const __m128i *)(const void *)(v + 4)));
    s->x8 += v[8];
}

/* += nine int16 weights, sign-extended (unpack with itself, shift). */
static inline void sum9_addw(sum9_t *s, const int16_t *w)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)w);
    s->lo = _mm_add_epi32(s->lo, _mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16));
    s->hi = _mm_add_epi32(s->hi, _mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16));
    s->x8 += w[8];
}

static inline void sum9_store(const sum9_t *s, int32_t *d)
{
    _mm_storeu_si128((__m128i *)(void *)d, s->lo);
    _mm_storeu_si128((__m128i *)(void *)(d + 4), s->hi);
    d[8] = s->x8;
}

static void add_feats9(const model_t *m, int32_t *acc, const uint64_t *f, size_t nf)
{
    sum9_t s = sum9_load(acc);
    for (size_t k = 0; k < nf; k++) {
        const int16_t *w = model_find(m, f[k]);
        if (w)
            sum9_addw(&s, w);
    }
    sum9_store(&s, acc);
}
#endif

static void add_feats(const model_t *m, int32_t *acc, const uint64_t *f, size_t nf)
{
#if FEAT_SSE2
    if (m->nlabels == 9)
        add_feats9(m, acc, f, nf);
    else
        add_feats_l(m, acc, f, nf, m->nlabels);
#else
    if (m->nlabels == 9)
        add_feats_l(m, acc, f, nf, 9);
    else
        add_feats_l(m, acc, f, nf, m->nlabels);
#endif
}

/* The NVEC vectors of token t (its bits set): local for first = 0 and 1,
 * then what it gives the tokens it is at offset -2, -1, +1, +2 of.  The
 * slots of all its features are prefetched first. */
static void word_vectors(const model_t *m, const ftok_t *t, int32_t *v)
{
    static const int offs[4] = {-2, -1, 1, 2};
    unsigned L = m->nlabels;
    uint64_t f[2 * MAXONE + 4 * MAXONE];
    size_t end[7], nf = emit_local(t, f);
    end[0] = nf;
    for (unsigned first = 0; first < 2; first++)
        end[1 + first] = nf += emit_first(t, first, f + nf);
    for (int k = 0; k < 4; k++)
        end[3 + k] = nf += emit_neigh(t, offs[k], f + nf);
    for (size_t k = 0; k < nf; k++)
        FEAT_PREFETCH(model_slot(m, f[k]));
    int32_t common[MODEL_MAXL] = {0};
    memset(v, 0, (size_t)NVEC * L * sizeof *v);
    add_feats(m, common, f, end[0]);
    for (unsigned first = 0; first < 2; first++) {
        int32_t *d = v + first * L;
        add_feats(m, d, f + end[first], end[1 + first] - end[first]);
        for (unsigned l = 0; l < L; l++)
            d[l] += common[l];
    }
    for (int k = 0; k < 4; k++)
        add_feats(m, v + (size_t)(2 + k) * L, f + end[2 + k], end[3 + k] - end[2 + k]);
}

/* The vectors the four pads give, laid out as a token's [NVEC][L] block:
 * pad 0 (BOS, two before token 0) and pad 1 (BOS, just before) in the
 * slots of offsets -2 and -1, pads 2 and 3 (EOS) in those of +1 and +2;
 * the other slots 0 (never read). */
static void pad_vectors(feat_cache_t *c, const feat_scratch_t *fs, size_t n)
{
    const ftok_t *pads[4] = {&fs->tok[0], &fs->tok[1], &fs->tok[n + 2], &fs->tok[n + 3]};
    unsigned L = c->L;
    uint64_t f[MAXONE];
    memset(c->pad, 0, sizeof c->pad);
    for (int k = 0; k < 4; k++) {
        int sign = k < 2 ? -1 : 1;
        int32_t *near = c->pad[k] + (size_t)(k < 2 ? 3 : 4) * L;
        int32_t *far = c->pad[k] + (size_t)(k < 2 ? 2 : 5) * L;
        add_feats(c->m, near, f, emit_neigh(pads[k], sign, f));
        add_feats(c->m, far, f, emit_neigh(pads[k], 2 * sign, f));
    }
    c->pad_ready = 1;
}

/* Pass 1 through the cache: the fs->tok values of every token and, in
 * c->vp, where its vectors are: in the cache (typecache_sentence() keeps
 * them there for the sentence) or, for a word the cache did not take, in
 * c->tv. */
static int cached_tokens(const pipe_t *p, size_t b, size_t n, feat_scratch_t *fs,
                         feat_cache_t *c)
{
    unsigned L = c->L;
    if (grow((void **)&c->tv, &c->captv, n * NVEC * L, sizeof *c->tv) ||
        grow((void **)&c->vp, &c->capvp, n + 4, sizeof *c->vp))
        return WARTA_ERR_NOMEM;
    typecache_sentence(c->tc);
    for (size_t i = 0; i < n; i++) {
        const warta_token_t *tk = &p->tok[b + i];
        const char *w = p->s + tk->byte_start;
        size_t wn = tk->byte_end - tk->byte_start;
        ftok_t *t = &fs->tok[i + 2];
        uint32_t bits = p->lex[b + i];
        uint64_t wh = hash_bytes(w, wn);
        int fresh;
        fc_val_t *cv = typecache_get(c->tc, wh, w, wn, bits & FEAT_BITS_MASK, &fresh);
        if (!cv || fresh) {
            memset(t, 0, sizeof *t);
            ftok_fill(w, wn, wh, fs->low, t);
            t->bits = bits & FEAT_BITS_MASK;
            int32_t *v = cv ? cv->v : c->tv + i * NVEC * L;
            if (cv) {
                cv->lower = t->lower;
                cv->cls = t->cls;
            }
            word_vectors(c->m, t, v);
            c->vp[i + 2] = v;
        } else {
            /* emit_pair and mark_runs read only these */
            t->lower = cv->lower;
            t->cls = cv->cls;
            c->vp[i + 2] = cv->v;
        }
        t->bits = bits;
    }
    return 0;
}

/* What the tokens at offsets -2, -1, +1, +2 of token i give it: the slot
 * of each one's vectors that faces i (pads included). */
static inline void neigh_vecs(const feat_cache_t *c, size_t i, const int32_t *v[4])
{
    size_t L = c->L;
    v[0] = c->vp[i] + 2 * L;
    v[1] = c->vp[i + 1] + 3 * L;
    v[2] = c->vp[i + 3] + 4 * L;
    v[3] = c->vp[i + 4] + 5 * L;
}

/* acc[i][0..L) = token i's local vector + what its neighbours give it +
 * its pair features' weights (fs->f, fs->off; nf of them, the first
 * lookups already prefetched). */
static inline void sum_tokens(const feat_cache_t *c, const feat_scratch_t *fs, size_t n,
                              size_t nf, const unsigned L, int32_t *acc)
{
    enum { AHEAD = 16 };
    for (size_t i = 0; i < n; i++) {
        const ftok_t *t = &fs->tok[i + 2];
        unsigned first = i == 0 || (t[-1].cls == C_PUNCT && i == 1);
        int32_t *a = acc + i * L;
        const int32_t *own = c->vp[i + 2] + first * L;
        const int32_t *v[4];
        neigh_vecs(c, i, v);
        for (unsigned l = 0; l < L; l++)
            a[l] = own[l] + v[0][l] + v[1][l] + v[2][l] + v[3][l];
        for (size_t k = fs->off[i]; k < fs->off[i + 1]; k++) {
            if (k + AHEAD < nf)
                FEAT_PREFETCH(model_slot(c->m, fs->f[k + AHEAD]));
            const int16_t *w = model_find(c->m, fs->f[k]);
            if (w)
                for (unsigned l = 0; l < L; l++)
                    a[l] += w[l];
        }
    }
}

#if FEAT_SSE2
/* sum_tokens for 9 labels. */
static void sum_tokens9(const feat_cache_t *c, const feat_scratch_t *fs, size_t n, size_t nf,
                        int32_t *acc)
{
    enum { AHEAD = 16 };
    for (size_t i = 0; i < n; i++) {
        const ftok_t *t = &fs->tok[i + 2];
        unsigned first = i == 0 || (t[-1].cls == C_PUNCT && i == 1);
        sum9_t a = sum9_load(c->vp[i + 2] + first * 9);
        const int32_t *v[4];
        neigh_vecs(c, i, v);
        for (int k = 0; k < 4; k++)
            sum9_addv(&a, v[k]);
        for (size_t k = fs->off[i]; k < fs->off[i + 1]; k++) {
            if (k + AHEAD < nf)
                FEAT_PREFETCH(model_slot(c->m, fs->f[k + AHEAD]));
            const int16_t *w = model_find(c->m, fs->f[k]);
            if (w)
                sum9_addw(&a, w);
        }
        sum9_store(&a, acc + i * 9);
    }
}
#endif

int feat_emissions(const pipe_t *p, size_t b, size_t e, feat_scratch_t *fs, feat_cache_t *c,
                   int32_t *acc)
{
    size_t n = e - b, maxw = 0;
    unsigned L = c->L;
    for (size_t i = b; i < e; i++)
        if (p->tok[i].byte_end - p->tok[i].byte_start > maxw)
            maxw = p->tok[i].byte_end - p->tok[i].byte_start;
    if (grow((void **)&fs->tok, &fs->captok, n + 4, sizeof *fs->tok) ||
        grow((void **)&fs->low, &fs->caplow, 2 * maxw + 1, 1) ||
        grow((void **)&fs->f, &fs->capf, n * MAXPAIR + 1, sizeof *fs->f) ||
        grow((void **)&fs->off, &fs->capoff, n + 1, sizeof *fs->off))
        return WARTA_ERR_NOMEM;
    int rc = cached_tokens(p, b, n, fs, c);
    if (rc < 0)
        return rc;
    set_pads(fs, n);
    mark_runs(fs, n);
    if (!c->pad_ready)
        pad_vectors(c, fs, n);
    c->vp[0] = c->pad[0];
    c->vp[1] = c->pad[1];
    c->vp[n + 2] = c->pad[2];
    c->vp[n + 3] = c->pad[3];
    /* the pair features of every token that pass the model's filter (most
     * pairs are unknown to it), then their lookups prefetched */
    size_t nf = 0;
    for (size_t i = 0; i < n; i++) {
        const ftok_t *t = &fs->tok[i + 2];
        fs->off[i] = (uint32_t)nf;
        size_t at = nf, got = emit_pair(t, i == 0 || (t[-1].cls == C_PUNCT && i == 1), fs->f + nf);
        for (size_t k = at; k < at + got; k++) /* only those the model may know */
            if (model_maybe(c->m, fs->f[k]))
                fs->f[nf++] = fs->f[k];
    }
    fs->off[n] = (uint32_t)nf;
    for (size_t k = 0; k < nf && k < 16; k++) /* sum_tokens prefetches 16 ahead */
        FEAT_PREFETCH(model_slot(c->m, fs->f[k]));
#if FEAT_SSE2
    if (L == 9) /* the shipped label set: sums in registers */
        sum_tokens9(c, fs, n, nf, acc);
#else
    if (L == 9) /* the shipped label set: a width the compiler unrolls */
        sum_tokens(c, fs, n, nf, 9, acc);
#endif
    else
        sum_tokens(c, fs, n, nf, L, acc);
    return 0;
}
