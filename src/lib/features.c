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

#include "text.h"
#include "util.h"

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

static inline uint64_t mix(uint64_t x)
{ /* splitmix64 finalizer */
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

static inline uint64_t F1(unsigned t, uint64_t v)
{
    uint64_t h = mix(v + (uint64_t)t * 0x9e3779b97f4a7c15ULL);
    return h ? h : 1;
}

static inline uint64_t F2(unsigned t, uint64_t a, uint64_t b)
{
    uint64_t h = mix(a ^ mix(b + (uint64_t)t * 0x9e3779b97f4a7c15ULL));
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
        char *l = fs->low + lo;
        size_t ln = utf8_fold_word(w, wn, l);
        lo += ln + 1;
        t->word = hash_bytes(w, wn);
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
    }
    for (size_t i = 0; i < n; i++) /* the lexicon stage set them (lexicon.c) */
        fs->tok[i + 2].bits = p->lex[b + i];
    for (int k = 0; k < 2; k++) { /* pads */
        ftok_t *bos = &fs->tok[k], *eos = &fs->tok[n + 2 + k];
        memset(bos, 0, sizeof *bos);
        memset(eos, 0, sizeof *eos);
        bos->word = bos->lower = bos->shape = 0x424f53ULL + (uint64_t)k; /* "BOS" */
        eos->word = eos->lower = eos->shape = 0x454f53ULL + (uint64_t)k;
        bos->cls = C_BOS;
        eos->cls = C_EOS;
    }

    /* capitalised runs */
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
