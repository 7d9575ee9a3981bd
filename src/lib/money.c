/* money.c - MONEY mentions with exact normalized amounts: the matcher.
 *
 * The currency forms (currency.c) become one PCRE2 pattern and an
 * exchange-rate pattern (money_pattern.c).  Matching runs only over regions
 * around digits (the pre-filter: every match holds a digit), with the 10.42
 * global-match loop of pcre2demo.c inside each region.  Each match is snapped
 * to token boundaries; amounts are computed on digit strings (decimal.c, no
 * floating point).  docs/money.md gives the span convention and what is not
 * money.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "currency.h"
#include "data.h"
#include "decimal.h"
#include "ftab.h"
#include "money_pattern.h"
#include "pipeline.h"
#include "tables.h"

/* The JIT: compiling the patterns for it costs about 18 M instructions,
 * what the interpreter spends on some 60 KB of news (about 300 more
 * instructions per input byte than the JIT, callgrind on the bench
 * articles).  So the interpreter matches until the documents seen add up
 * to MONEY_JIT_BYTES (break-even: never more than twice the better choice's
 * cost); then one thread JIT-compiles copies of the patterns and publishes
 * them (ready).  Both give the same matches (test_money runs its table
 * through each, test_tables the news articles). */
#ifndef MONEY_JIT_BYTES
#define MONEY_JIT_BYTES (64u * 1024u)
#endif
enum { JIT_NOT_YET, JIT_READY, JIT_FAILED };
typedef struct money_jit {
    pthread_mutex_t mu;     /* held while compiling */
    atomic_size_t seen;     /* document bytes so far */
    atomic_int ready;       /* JIT_READY: re and rate are set; JIT_FAILED */
    int tried;              /* under mu: compiled or failed */
    int mode;               /* MONEY_JIT_* */
    pcre2_code *re, *rate;  /* JIT-compiled copies */
} money_jit_t;

struct money {
    currencies_t cur;     /* the currency forms */
    pcre2_code *re;       /* the money pattern */
    pcre2_code *rate;     /* anchored: an exchange-rate tail */
    pcre2_match_context *mctx;
    uint32_t group[G_N];
    ftab_t words;         /* data/money_words.txt */
    unsigned char *words_img; /* words' image when built here, else NULL */
    size_t words_len;         /* its bytes */
    money_jit_t *jit;     /* mutable behind a const money_t */
};

struct money_scratch {
    pcre2_match_data *md;
    pcre2_match_data *md_rate;
};

/* Limits: a money match never needs deep backtracking; these only stop a
 * pathological input from burning time.  The pattern itself bounds every
 * repetition, so matching stays linear in the text. */
#define MONEY_MATCH_LIMIT 10000000u
#define MONEY_DEPTH_LIMIT 2000u
/* Region around a digit: tokens before (currency marker) and after (scale,
 * range, currency words). */
#define REGION_BEFORE 3
#define REGION_AFTER 8
/* At most this many tokens per region, so one pcre2_match call never scans
 * an unbounded stretch of dense numbers. */
#define REGION_MAX 256
/* How many tokens before an amount may hold the money word that a weak
 * currency form needs ("senilai 5 franc"). */
#define WORDS_BEFORE 4
/* How many tokens before an amount without a scale word a currency word
 * makes it a rate ("rupiah ditutup di posisi Rp 16.680"). */
#define RATE_WORDS_BEFORE 5

static int add_word(const char *line, size_t len, void *ctx)
{
    return strset_add(ctx, line, len) ? WARTA_ERR_NOMEM : 0;
}

/* Frees m and returns rc; `what` NULL: err was filled already. */
static int load_fail(money_t *m, warta_error_t *err, int rc, const char *what)
{
    if (what)
        err_set(err, rc, 0, "%s", what);
    money_free(m);
    return rc;
}

/* The money words into a flat table (m->words, m->words_img). */
static int load_words(money_t *m, warta_error_t *err)
{
    size_t wlen, len = 0, cap = 0;
    const char *words = (const char *)data_get("money_words.txt", &wlen);
    if (!words)
        return err_set(err, WARTA_ERR_DATA, 0, "data file money_words.txt missing");
    strset_t set = {0};
    int rc = for_each_line(words, wlen, add_word, &set) ||
             ftab_image(&set.map, &m->words_img, &len, &cap) ||
             ftab_view(&m->words, m->words_img, len);
    m->words_len = len;
    strset_free(&set);
    return rc ? err_set(err, WARTA_ERR_NOMEM, 0, "out of memory") : 0;
}

/* What money_build and money_open share: the currency forms and money
 * words, loaded into a new *out: from tb, or (tb NULL) from data/. */
static int load_common(money_t **out, const tblob_t *tb, warta_error_t *err)
{
    *out = NULL;
    money_t *m = calloc(1, sizeof *m);
    if (!m || !(m->jit = calloc(1, sizeof *m->jit)))
        return load_fail(m, err, WARTA_ERR_NOMEM, "out of memory");
    if (pthread_mutex_init(&m->jit->mu, NULL)) {
        free(m->jit);
        m->jit = NULL;
        return load_fail(m, err, WARTA_ERR_NOMEM, "out of memory");
    }
    if (tb) {
        if (currencies_open(&m->cur, tb) ||
            ftab_view(&m->words, tb->sec[TB_MONEY_WORDS], tb->len[TB_MONEY_WORDS]))
            return load_fail(m, err, WARTA_ERR_DATA, NULL);
        *out = m;
        return 0;
    }
    const char *what;
    int rc = currencies_load(&m->cur, &what);
    if (rc)
        return load_fail(m, err, rc, what);
    if ((rc = load_words(m, err)))
        return load_fail(m, err, rc, NULL);
    *out = m;
    return 0;
}

/* With m->re and m->rate compiled: the group numbers and match context. */
static int finish(money_t *m, money_t **out, warta_error_t *err)
{
    for (int g = 0; g < G_N; g++) {
        int num = pcre2_substring_number_from_name(m->re, (PCRE2_SPTR)money_group_names[g]);
        if (num < 0)
            return load_fail(m, err, WARTA_ERR_DATA, "money pattern lacks a group");
        m->group[g] = (uint32_t)num;
    }
    m->mctx = pcre2_match_context_create(NULL);
    if (!m->mctx)
        return load_fail(m, err, WARTA_ERR_NOMEM, "out of memory");
    pcre2_set_match_limit(m->mctx, MONEY_MATCH_LIMIT);
    pcre2_set_depth_limit(m->mctx, MONEY_DEPTH_LIMIT);
    *out = m;
    return 0;
}

int money_build(money_t **out, warta_error_t *err)
{
    money_t *m;
    int rc = load_common(&m, NULL, err);
    if (rc)
        return rc;
    char *pat = NULL, *rate = NULL;
    size_t pn = 0, rn = 0;
    rc = money_pattern_build(&m->cur, &pat, &pn);
    if (!rc)
        rc = money_rate_pattern_build(&m->cur, &rate, &rn);
    if (rc) {
        free(pat);
        return load_fail(m, err, rc, "out of memory");
    }
    m->re = money_pattern_compile(pat, pn, 0, err);
    m->rate = m->re ? money_pattern_compile(rate, rn, PCRE2_ANCHORED, err) : NULL;
    free(pat);
    free(rate);
    if (!m->re || !m->rate)
        return load_fail(m, err, WARTA_ERR_DATA, NULL);
    return finish(m, out, err);
}

int money_open(money_t **out, const tblob_t *tb, warta_error_t *err)
{
    *out = NULL;
    if (!tb->len[TB_MONEY_CODE])
        return WARTA_ERR_DATA;
    money_t *m;
    int rc = load_common(&m, tb, err);
    if (rc)
        return rc;
    pcre2_code *codes[2] = {NULL, NULL};
    /* a PCRE2 library other than the build's may refuse the codes */
    if (pcre2_serialize_decode(codes, 2, tb->sec[TB_MONEY_CODE], NULL) != 2) {
        money_free(m);
        return WARTA_ERR_DATA;
    }
    m->re = codes[0];
    m->rate = codes[1];
    return finish(m, out, err);
}

int money_save(tb_writer_t *w, warta_error_t *err)
{
    money_t *m;
    int rc = money_build(&m, err);
    if (rc)
        return rc;
    const pcre2_code *codes[2] = {m->re, m->rate};
    uint8_t *bytes = NULL;
    PCRE2_SIZE n = 0;
    int32_t k = pcre2_serialize_encode(codes, 2, &bytes, &n, NULL);
    if (k != 2) {
        money_free(m);
        return err_set(err, WARTA_ERR_DATA, 0, "cannot serialize the money patterns (%d)", (int)k);
    }
    tbw_begin(w, TB_MONEY_CODE);
    tbw_put(w, bytes, n);
    tbw_end(w, TB_MONEY_CODE);
    pcre2_serialize_free(bytes);
    tbw_begin(w, TB_MONEY_WORDS);
    tbw_put(w, m->words_img, m->words_len);
    tbw_end(w, TB_MONEY_WORDS);
    rc = currencies_save(&m->cur, w);
    money_free(m);
    return rc ? rc : w->oom ? WARTA_ERR_NOMEM : 0;
}

int money_load(money_t **out, warta_error_t *err)
{
    const tblob_t *tb = tables_embedded();
    int rc = tb ? money_open(out, tb, err) : WARTA_ERR_DATA;
    return rc == WARTA_ERR_DATA ? money_build(out, err) : rc;
}

void money_free(money_t *m)
{
    if (!m)
        return;
    pcre2_code_free(m->re);
    pcre2_code_free(m->rate);
    pcre2_match_context_free(m->mctx);
    currencies_free(&m->cur);
    free(m->words_img);
    if (m->jit) {
        pcre2_code_free(m->jit->re);
        pcre2_code_free(m->jit->rate);
        pthread_mutex_destroy(&m->jit->mu);
        free(m->jit);
    }
    free(m);
}

void money_set_jit(money_t *m, int mode)
{
    m->jit->mode = mode;
    if (mode == MONEY_JIT_NOW)
        money_jit_compile(m);
}

/* JIT-compiles copies of the patterns, once; the interpreter's codes stay
 * in use when the JIT is unavailable or fails. */
void money_jit_compile(const money_t *m)
{
    money_jit_t *j = m->jit;
    pthread_mutex_lock(&j->mu);
    if (!j->tried) {
        j->tried = 1;
        pcre2_code *re = pcre2_code_copy(m->re), *rate = pcre2_code_copy(m->rate);
        if (re && rate && pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) == 0 &&
            pcre2_jit_compile(rate, PCRE2_JIT_COMPLETE) == 0) {
            j->re = re;
            j->rate = rate;
            atomic_store_explicit(&j->ready, JIT_READY, memory_order_release);
        } else {
            pcre2_code_free(re);
            pcre2_code_free(rate);
            atomic_store_explicit(&j->ready, JIT_FAILED, memory_order_release);
        }
    }
    pthread_mutex_unlock(&j->mu);
}

int money_jit_ready(const money_t *m)
{
    return atomic_load_explicit(&m->jit->ready, memory_order_acquire) == JIT_READY;
}

/* Counts a document's bytes; compiles for the JIT when they add up. */
static void jit_account(const money_t *m, size_t n)
{
    money_jit_t *j = m->jit;
    if (j->mode != MONEY_JIT_AUTO ||
        atomic_load_explicit(&j->ready, memory_order_acquire) != JIT_NOT_YET)
        return;
    size_t seen = atomic_fetch_add_explicit(&j->seen, n, memory_order_relaxed) + n;
    if (seen >= MONEY_JIT_BYTES)
        money_jit_compile(m);
}

/* The money pattern (rate: the rate pattern) to match with now. */
static const pcre2_code *code_of(const money_t *m, int rate)
{
    const money_jit_t *j = m->jit;
    if (j->mode != MONEY_JIT_NEVER &&
        atomic_load_explicit(&j->ready, memory_order_acquire) == JIT_READY)
        return rate ? j->rate : j->re;
    return rate ? m->rate : m->re;
}

money_scratch_t *money_scratch_new(const money_t *m)
{
    money_scratch_t *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->md = pcre2_match_data_create_from_pattern(m->re, NULL);
    s->md_rate = pcre2_match_data_create_from_pattern(m->rate, NULL);
    if (!s->md || !s->md_rate) {
        money_scratch_free(s);
        return NULL;
    }
    return s;
}

void money_scratch_free(money_scratch_t *s)
{
    if (!s)
        return;
    pcre2_match_data_free(s->md);
    pcre2_match_data_free(s->md_rate);
    free(s);
}

/* ---- running ------------------------------------------------------------ */

typedef struct span {
    size_t b, e; /* bytes; b == e == PCRE2_UNSET when unset */
} span_t;

/* Index of the token that starts at byte b, or -1. */
static long tok_starting_at(const pipe_t *p, size_t b)
{
    size_t lo = 0, hi = p->ntok;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->tok[mid].byte_start < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->ntok && p->tok[lo].byte_start == b ? (long)lo : -1;
}

/* Index of the first token that ends after byte b (the token holding b or
 * the next one). */
static size_t tok_at_or_after(const pipe_t *p, size_t b)
{
    size_t lo = 0, hi = p->ntok;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->tok[mid].byte_end <= b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* One past the token that ends at byte e, or 0 when e falls inside a token.
 * A token that goes on with punctuation only ("jt." as one token) is taken
 * whole. */
static size_t tok_ending_at(const pipe_t *p, size_t e)
{
    if (!e)
        return 0;
    size_t t = tok_at_or_after(p, e - 1);
    if (t >= p->ntok || p->tok[t].byte_start >= e)
        return 0;
    if (p->tok[t].byte_end == e)
        return t + 1;
    for (size_t i = e; i < p->tok[t].byte_end; i++) {
        unsigned char c = (unsigned char)p->s[i];
        if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return 0;
    }
    return t + 1;
}

static int is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* 1 when the word before byte b (skipping spaces) is "antara". */
static int after_antara(const pipe_t *p, size_t b)
{
    while (b && is_space((unsigned char)p->s[b - 1]))
        b--;
    if (b < 6)
        return 0;
    const char *w = p->s + b - 6;
    static const char ant[] = "antara";
    for (int i = 0; i < 6; i++)
        if ((w[i] | 0x20) != ant[i])
            return 0;
    if (b > 6) {
        unsigned char c = (unsigned char)p->s[b - 7];
        if (c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return 0;
    }
    return 1;
}

/* 1 when an exchange rate surrounds the amount [b, e): "= Rp 15.600",
 * "Rp 15.600 per dolar AS", "15.600/US$". */
static int is_rate(const money_t *m, money_scratch_t *s, const pipe_t *p, size_t b, size_t e)
{
    size_t k = b;
    while (k && is_space((unsigned char)p->s[k - 1]))
        k--;
    if (k && p->s[k - 1] == '=')
        return 1;
    for (k = e; k < p->n && (p->s[k] == ' ' || p->s[k] == '\t'); k++)
        ;
    if (k == p->n || !(p->s[k] == '=' || p->s[k] == '/' || (p->s[k] | 0x20) == 'p' ||
                       (unsigned char)p->s[k] == 0xC2 || (unsigned char)p->s[k] == 0xE2 /* Unicode spaces */))
        return 0; /* cannot start a rate tail: spare the pattern */
    int rc = pcre2_match(code_of(m, 1), (PCRE2_SPTR)p->s, p->n, e, PCRE2_NO_UTF_CHECK,
                         s->md_rate, m->mctx);
    return rc >= 0;
}

static span_t group(const money_t *m, const PCRE2_SIZE *ov, int rc, int g)
{
    span_t sp = {PCRE2_UNSET, PCRE2_UNSET};
    uint32_t n = m->group[g];
    if ((int)n < rc && ov[2 * n] != PCRE2_UNSET) {
        sp.b = ov[2 * n];
        sp.e = ov[2 * n + 1];
    }
    return sp;
}

static int set(span_t s) { return s.b != PCRE2_UNSET; }

static const cur_form_t *form_of(const money_t *m, const pipe_t *p, span_t s)
{
    return set(s) ? currency_find(&m->cur, p->s + s.b, s.e - s.b) : NULL;
}

static int scale_of(const pipe_t *p, span_t s, int *approx)
{
    *approx = 0;
    return set(s) ? money_scale_exp(p->s + s.b, s.e - s.b, approx) : 0;
}

static void mark_currency(pipe_t *p, span_t s)
{
    if (!set(s))
        return;
    for (size_t t = tok_at_or_after(p, s.b); t < p->ntok && p->tok[t].byte_start < s.e; t++)
        p->lex[t] |= LEX_CURRENCY;
}

/* The groups of one match, by role. */
typedef struct parts {
    int prefix;                     /* currency before the number */
    span_t c1, n1, s1, k, c2, n2, s2; /* currency, number, scale, connector,
                                       second currency, number, scale */
} parts_t;

/* What one mention says: a currency and an amount or a range. */
typedef struct value {
    const char *cur;
    const char *amount, *lo, *hi;   /* amount, or lo and hi */
    int approx;                     /* from an approximate scale word */
} value_t;

/* Emits a mention over bytes [b, e).  Returns 1 when emitted, 0 when the
 * span does not sit on token boundaries, <0 on error. */
static int emit(pipe_t *p, size_t b, size_t e, const value_t *v, const parts_t *q)
{
    long tb = tok_starting_at(p, b);
    size_t te = tok_ending_at(p, e);
    if (tb < 0 || te <= (size_t)tb)
        return 0;
    mention_t *mt = pipe_add_mention(p, (uint32_t)tb, (uint32_t)te, WARTA_MONEY, SRC_MONEY);
    if (!mt)
        return WARTA_ERR_NOMEM;
    mvals_t mv = mvals_none;
    mv.currency = v->cur;
    mt->score = 100;
    mt->approximate = (uint8_t)v->approx;
    if (v->amount) {
        mv.amount = arena_strndup(p->arena, v->amount, strlen(v->amount));
        if (!mv.amount)
            return WARTA_ERR_NOMEM;
    } else {
        mv.amount_min = arena_strndup(p->arena, v->lo, strlen(v->lo));
        mv.amount_max = arena_strndup(p->arena, v->hi, strlen(v->hi));
        if (!mv.amount_min || !mv.amount_max)
            return WARTA_ERR_NOMEM;
    }
    if (ment_set_vals(p, mt, &mv))
        return WARTA_ERR_NOMEM;
    for (size_t t = (size_t)tb; t < te; t++)
        p->lex[t] |= LEX_MONEY;
    mark_currency(p, q->c1);
    mark_currency(p, q->c2);
    return 1;
}

/* A bare four-digit number 1900-2099. */
static int is_year(const char *s, size_t n)
{
    if (n != 4 || !((s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0')))
        return 0;
    return s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9';
}

/* 1 when one of the WORDS_BEFORE tokens before byte b, on its line and in
 * its sentence, is a money word (data/money_words.txt): "senilai",
 * "harga", "dana". */
static int money_word_before(const money_t *m, const pipe_t *p, size_t b)
{
    size_t t = tok_at_or_after(p, b);
    for (int k = 0; k < WORDS_BEFORE && t > 0 && t <= p->ntok; k++) {
        if (t < p->ntok && (p->tok[t].flags & WARTA_TOKF_NEWLINE_BEFORE))
            return 0; /* token t starts a line: nothing before it counts */
        t--;
        const char *w = p->s + p->tok[t].byte_start;
        size_t n = p->tok[t].byte_end - p->tok[t].byte_start;
        if (n == 1 && (*w == '.' || *w == '!' || *w == '?' || *w == ';'))
            return 0;
        char lc[24];
        if (n >= sizeof lc)
            continue;
        for (size_t i = 0; i < n; i++)
            lc[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] | 0x20 : w[i]);
        if (ftab_get(&m->words, lc, n))
            return 1;
    }
    return 0;
}

/* 1 when a currency word that is no part of an amount (LEX_MONEY) stands
 * among the RATE_WORDS_BEFORE tokens before byte b, in its sentence: a
 * market report's rate ("Dolar Singapura tembus Rp 12.900", "rupiah
 * ditutup di posisi Rp 16.680").  Only asked for amounts without a scale
 * word: exchange rates never have one. */
static int currency_word_before(const money_t *m, const pipe_t *p, size_t b)
{
    size_t t = tok_at_or_after(p, b);
    for (int k = 0; k < RATE_WORDS_BEFORE && t > 0 && t <= p->ntok; k++) {
        if (t < p->ntok && (p->tok[t].flags & WARTA_TOKF_BLANK_BEFORE))
            return 0;
        t--;
        const char *w = p->s + p->tok[t].byte_start;
        size_t n = p->tok[t].byte_end - p->tok[t].byte_start;
        if (n == 1 && (*w == '.' || *w == '!' || *w == '?' || *w == ';'))
            return 0;
        if (p->tok[t].kind != WARTA_TOK_WORD || (p->lex[t] & LEX_MONEY))
            continue;
        const cur_form_t *f = currency_find(&m->cur, w, n);
        if (f && !f->cs && (f->where & WHERE_POST))
            return 1;
    }
    return 0;
}

/* 1 when the currency form of a match has the evidence it needs
 * (currency.h: NEED_*): a scale word, or a money word before it. */
static int has_evidence(const money_t *m, const pipe_t *p, const cur_form_t *f,
                        const parts_t *q, size_t b)
{
    if (f->need == NEED_NONE || set(q->s1) || set(q->s2))
        return 1;
    return f->need == NEED_CONTEXT && money_word_before(m, p, b);
}

static void get_parts(const money_t *m, money_scratch_t *s, int rc, parts_t *q)
{
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
    const char *mark = (const char *)pcre2_get_mark(s->md);
    q->prefix = mark && mark[0] == 'P';
    if (q->prefix) {
        q->c1 = group(m, ov, rc, G_PC1), q->n1 = group(m, ov, rc, G_PN1);
        q->s1 = group(m, ov, rc, G_PS1), q->k = group(m, ov, rc, G_PK);
        q->c2 = group(m, ov, rc, G_PC2), q->n2 = group(m, ov, rc, G_PN2);
        q->s2 = group(m, ov, rc, G_PS2);
    } else {
        q->c1 = group(m, ov, rc, G_SC), q->n1 = group(m, ov, rc, G_SN1);
        q->s1 = group(m, ov, rc, G_SS1), q->k = group(m, ov, rc, G_SK);
        q->c2 = (span_t){PCRE2_UNSET, PCRE2_UNSET};
        q->n2 = group(m, ov, rc, G_SN2), q->s2 = group(m, ov, rc, G_SS2);
    }
}

/* A range [b, e): one currency, the first bound inherits a missing scale
 * (Rp 3-4 miliar), min <= max, "dan" only after "antara".  Returns 1 when
 * emitted, 0 when it is no range, <0 on error. */
static int try_range(const money_t *m, pipe_t *p, const parts_t *q, value_t *v, size_t b,
                     size_t e)
{
    int ap1, ap2;
    int e1 = scale_of(p, q->s1, &ap1), e2 = scale_of(p, q->s2, &ap2);
    char lo[DECIMAL_MAX], hi[DECIMAL_MAX];
    const cur_form_t *f2 = form_of(m, p, q->c2);
    if (set(q->c2) && (!f2 || cur_code(&m->cur, f2) != v->cur))
        return 0;
    if ((p->s[q->k.b] | 0x20) == 'd' && !after_antara(p, b))
        return 0;
    if (!decimal_from_number(p->s + q->n1.b, q->n1.e - q->n1.b, set(q->s1) ? e1 : e2, lo) ||
        !decimal_from_number(p->s + q->n2.b, q->n2.e - q->n2.b, e2, hi) ||
        decimal_cmp(lo, hi) > 0)
        return 0;
    v->lo = lo;
    v->hi = hi;
    v->approx = ap1 || ap2;
    return emit(p, b, e, v, q);
}

/* Interprets one match.  Sets *resume to where the global loop goes on. */
static int handle_match(const money_t *m, money_scratch_t *s, pipe_t *p, int rc,
                        size_t *resume)
{
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
    size_t b = ov[0], e = ov[1];
    *resume = e;
    parts_t q;
    get_parts(m, s, rc, &q);
    const cur_form_t *f = form_of(m, p, q.c1);
    if (!f || !set(q.n1) || !has_evidence(m, p, f, &q, b)) {
        /* three capitals that are no currency code ("DKI 5"), or a code or
         * word without money around it ("RON 92", "1-0 pula"): look again
         * from the next character, where "5 juta dolar" may start */
        *resume = b + 1;
        return 0;
    }
    value_t v = {.cur = cur_code(&m->cur, f)};
    if (is_rate(m, s, p, b, e))
        return 0;
    if (!q.prefix && !set(q.s1) && !set(q.n2) && is_year(p->s + q.n1.b, q.n1.e - q.n1.b))
        return 0; /* "pada 1998 rupiah anjlok": a year before a currency word */
    if (!set(q.s1) && !set(q.s2) && currency_word_before(m, p, b))
        return 0; /* a rate: "Dolar Singapura tembus Rp 12.900" */
    if (set(q.n2)) {
        int r = try_range(m, p, &q, &v, b, e);
        if (r)
            return r;
        /* not a range: the first amount alone (prefix form), then go on
         * right after it */
        if (!q.prefix) {
            *resume = q.n2.b;
            return 0;
        }
        e = set(q.s1) ? q.s1.e : q.n1.e;
        *resume = e;
        if (is_rate(m, s, p, b, e))
            return 0;
    }
    char a1[DECIMAL_MAX];
    int e1 = scale_of(p, q.s1, &v.approx);
    if (!decimal_from_number(p->s + q.n1.b, q.n1.e - q.n1.b, e1, a1))
        return 0;
    v.amount = a1;
    return emit(p, b, e, &v, &q);
}

/* The 10.42 global-match loop (pcre2demo.c) over bytes [start, end). */
static int match_region(const money_t *m, money_scratch_t *s, pipe_t *p, size_t start,
                        size_t end, size_t *last_end)
{
    size_t off = start;
    uint32_t opts = 0;
    while (off < end) {
        int rc = pcre2_match(code_of(m, 0), (PCRE2_SPTR)p->s, end, off, opts | PCRE2_NO_UTF_CHECK,
                             s->md, m->mctx);
        if (rc == PCRE2_ERROR_NOMATCH) {
            if (!opts)
                break;
            /* empty match retried without success: step one character */
            off++;
            while (off < end && ((unsigned char)p->s[off] & 0xC0) == 0x80)
                off++;
            opts = 0;
            continue;
        }
        if (rc < 0) /* a limit: give up on this region, keep the document */
            break;
        const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
        if (ov[0] == ov[1]) { /* cannot happen with this pattern; as in pcre2demo */
            opts = PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED;
            off = ov[1];
            continue;
        }
        opts = 0;
        size_t resume;
        size_t mstart = ov[0];
        int r = handle_match(m, s, p, rc, &resume);
        if (r < 0)
            return r;
        if (r == 0 && resume == ov[1] && tok_starting_at(p, mstart) < 0) {
            /* rejected for its start: retry one character further */
            resume = mstart + 1;
            while (resume < end && ((unsigned char)p->s[resume] & 0xC0) == 0x80)
                resume++;
        }
        if (resume <= off)
            resume = off + 1;
        while (resume < end && ((unsigned char)p->s[resume] & 0xC0) == 0x80)
            resume++;
        off = resume;
        *last_end = off;
    }
    return 0;
}

/* Offset of the first ASCII digit at or after `i`, or n.  Eight bytes at a
 * time: a byte b is a digit when (b - '0') < 10 without borrow, tested for
 * all lanes at once (no false negatives; candidates are confirmed). */
static size_t next_digit(const char *s, size_t i, size_t n)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    while (i + 8 <= n) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        /* lanes >= '0': (x | highs) - '0' keeps the high bit; lanes < ':' */
        uint64_t ge0 = ((x | highs) - ones * '0') & highs;
        uint64_t lt10 = ~((x | highs) - ones * ':') & highs;
        if (ge0 & lt10 & ~(x & highs))
            break;
        i += 8;
    }
    while (i < n && (unsigned char)(s[i] - '0') > 9)
        i++;
    return i;
}

int money_run(const money_t *m, money_scratch_t *s, pipe_t *p)
{
    /* Pre-filter: every match holds a digit, so only regions of tokens
     * around digits are searched.  A region spans REGION_BEFORE tokens
     * before its first digit token and REGION_AFTER after its last (digits
     * closer than that join the region); a later region starts no earlier
     * than the end of the last match found, so no match is found twice and
     * none is cut by a region's end. */
    jit_account(m, p->n);
    size_t done = 0;
    size_t d = next_digit(p->s, 0, p->n);
    while (d < p->n) {
        size_t t = tok_at_or_after(p, d);
        if (t >= p->ntok)
            break;
        size_t first = t > REGION_BEFORE ? t - REGION_BEFORE : 0, last = t;
        for (;;) {
            d = next_digit(p->s, p->tok[last].byte_end, p->n);
            if (d >= p->n)
                break;
            size_t u = tok_at_or_after(p, d);
            if (u > last + REGION_AFTER || u >= t + REGION_MAX || u >= p->ntok)
                break;
            last = u;
        }
        size_t stop = last + REGION_AFTER < p->ntok ? last + REGION_AFTER : p->ntok - 1;
        size_t rb = p->tok[first].byte_start, re = p->tok[stop].byte_end;
        if (rb < done)
            rb = done;
        if (rb < re) {
            int rc = match_region(m, s, p, rb, re, &done);
            if (rc < 0)
                return rc;
        }
    }
    return 0;
}
