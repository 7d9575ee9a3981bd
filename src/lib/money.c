/* money.c - MONEY mentions with exact normalized amounts.
 *
 * One PCRE2 pattern, built at load time from data/currencies.tsv (generated
 * from Debian iso-codes) and data/currency_aliases.tsv (curated), with two
 * top-level alternatives told apart by (*MARK):
 *
 *   P  prefix:  CUR NUM [SCALE] [CONN [CUR] NUM [SCALE]]     Rp 1,2 triliun
 *   S  suffix:  NUM [SCALE] [CONN NUM [SCALE]] CUR           3,81 miliar dolar AS
 *
 * A second, anchored pattern recognizes what follows an exchange rate
 * ("per dolar AS", "/US$", "=").  Matching runs only over regions around
 * digits (the pre-filter: every match holds a digit), with the 10.42
 * global-match loop of pcre2demo.c inside each region.  Each match is snapped
 * to token boundaries; amounts are computed on digit strings (no floating
 * point).  See README.money.md for the span convention and what is not money.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "pipeline.h"

enum { WHERE_PRE = 1, WHERE_POST = 2 };

typedef struct cur_form {
    char *key;         /* surface; folded when !cs; single spaces */
    size_t len;
    const char *code;  /* points into money_t.codes, or NULL: forbidden */
    uint8_t where;     /* WHERE_* */
    uint8_t cs;        /* case-sensitive */
    uint64_t fold_hash; /* of the folded surface: same form ignoring case */
} cur_form_t;

/* Pattern groups, resolved by name at load time. */
enum { G_PC1, G_PN1, G_PS1, G_PK, G_PC2, G_PN2, G_PS2,
       G_SN1, G_SS1, G_SK, G_SN2, G_SS2, G_SC, G_N };
static const char *const group_names[G_N] = {
    "pc1", "pn1", "ps1", "pk", "pc2", "pn2", "ps2",
    "sn1", "ss1", "sk", "sn2", "ss2", "sc"};

struct money {
    pcre2_code *re;       /* the money pattern */
    pcre2_code *rate;     /* anchored: an exchange-rate tail */
    pcre2_match_context *mctx;
    uint32_t group[G_N];
    cur_form_t *forms;    /* sorted: cs forms by key, then ci forms by key */
    size_t nforms, ncs;
    char (*codes)[4];     /* distinct ISO codes, NUL-terminated */
    size_t ncodes;
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
/* Longest normalized amount: 24 integer + 12 fraction digits + scale 12. */
#define AMOUNT_MAX 80

/* ---- growable string ---------------------------------------------------- */

typedef struct sbuf {
    char *s;
    size_t n, cap;
    int oom;
} sbuf_t;

static void sb_put(sbuf_t *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (vec_reserve((void **)&b->s, &b->cap, b->n + n + 1, 1)) {
        b->oom = 1;
        return;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static void sb_puts(sbuf_t *b, const char *s) { sb_put(b, s, strlen(s)); }

/* ---- currency forms ----------------------------------------------------- */

typedef struct load_ctx {
    money_t *m;
    size_t cap;
    int generated;  /* 1 while reading currencies.tsv */
    int rc;
} load_ctx_t;

static const char *intern_code(money_t *m, const char *c, size_t n)
{
    if (n != 3)
        return NULL;
    for (size_t i = 0; i < m->ncodes; i++)
        if (!memcmp(m->codes[i], c, 3))
            return m->codes[i];
    return NULL;
}

/* Codes are interned in a table sized before any form is added, so the
 * pointers stay valid. */
static int is_code(const char *c, size_t n)
{
    if (n != 3)
        return 0;
    for (size_t i = 0; i < 3; i++)
        if (c[i] < 'A' || c[i] > 'Z')
            return 0;
    return 1;
}

/* Collapses white space runs to one space; folds case unless cs. */
static size_t normalize_key(const char *s, size_t n, int cs, char *out, size_t cap)
{
    char tmp[256];
    size_t k = 0;
    int sp = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof tmp; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            sp = 1;
            continue;
        }
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) { /* NBSP */
            sp = 1;
            i++;
            continue;
        }
        if (sp && k)
            tmp[k++] = ' ';
        sp = 0;
        tmp[k++] = (char)c;
    }
    if (cs) {
        if (k >= cap)
            k = cap - 1;
        memcpy(out, tmp, k);
        out[k] = 0;
        return k;
    }
    return utf8_fold(tmp, k, out, cap);
}

static int add_form(load_ctx_t *L, const char *surf, size_t n, const char *code,
                    int where, int cs)
{
    money_t *m = L->m;
    char key[512];
    size_t kl = normalize_key(surf, n, cs, key, sizeof key);
    if (!kl)
        return 0;
    /* a later line (aliases) replaces an earlier one with the same folded
     * surface (compared by 64-bit hash) */
    char fk[512];
    size_t fl = normalize_key(surf, n, 0, fk, sizeof fk);
    uint64_t fh = hash_bytes(fk, fl);
    for (size_t i = 0; i < m->nforms; i++) {
        cur_form_t *f = &m->forms[i];
        if (f->fold_hash == fh) {
            char *dup = malloc(kl + 1);
            if (!dup)
                return WARTA_ERR_NOMEM;
            memcpy(dup, key, kl + 1);
            free(f->key);
            f->key = dup;
            f->len = kl;
            f->code = code;
            f->where = (uint8_t)where;
            f->cs = (uint8_t)cs;
            return 0;
        }
    }
    if (vec_reserve((void **)&m->forms, &L->cap, m->nforms + 1, sizeof *m->forms))
        return WARTA_ERR_NOMEM;
    cur_form_t *f = &m->forms[m->nforms];
    f->key = malloc(kl + 1);
    if (!f->key)
        return WARTA_ERR_NOMEM;
    memcpy(f->key, key, kl + 1);
    f->len = kl;
    f->code = code;
    f->where = (uint8_t)where;
    f->cs = (uint8_t)cs;
    f->fold_hash = fh;
    m->nforms++;
    return 0;
}

static int count_codes_line(const char *line, size_t len, void *ctx)
{
    money_t *m = ctx;
    const char *f[4];
    size_t fl[4];
    size_t nf = split_tabs(line, len, f, fl, 4);
    size_t ci = 0; /* column of the code: 0 in currencies.tsv, 1 in aliases */
    if (nf >= 3)
        ci = 1;
    if (nf < 2 || !is_code(f[ci], fl[ci]) || intern_code(m, f[ci], fl[ci]))
        return 0;
    memcpy(m->codes[m->ncodes], f[ci], 3);
    m->codes[m->ncodes][3] = 0;
    m->ncodes++;
    return 0;
}

static int count_lines(const char *line, size_t len, void *ctx)
{
    (void)line;
    (void)len;
    (*(size_t *)ctx)++;
    return 0;
}

static int generated_line(const char *line, size_t len, void *ctx)
{
    load_ctx_t *L = ctx;
    const char *f[3];
    size_t fl[3];
    if (split_tabs(line, len, f, fl, 3) < 2 || !is_code(f[0], fl[0]))
        return WARTA_ERR_DATA;
    const char *code = intern_code(L->m, f[0], fl[0]);
    int rc = add_form(L, f[0], fl[0], code, WHERE_PRE | WHERE_POST, 1);
    if (!rc)
        rc = add_form(L, f[1], fl[1], code, WHERE_POST, 0);
    return rc;
}

static int alias_line(const char *line, size_t len, void *ctx)
{
    load_ctx_t *L = ctx;
    const char *f[4];
    size_t fl[4];
    size_t nf = split_tabs(line, len, f, fl, 4);
    if (nf < 3)
        return WARTA_ERR_DATA;
    const char *code = NULL;
    if (!(fl[1] == 1 && f[1][0] == '-')) {
        if (!is_code(f[1], fl[1]))
            return WARTA_ERR_DATA;
        code = intern_code(L->m, f[1], fl[1]);
    }
    int where = 0;
    if (fl[2] == 3 && !memcmp(f[2], "pre", 3))
        where = WHERE_PRE;
    else if (fl[2] == 4 && !memcmp(f[2], "post", 4))
        where = WHERE_POST;
    else if (fl[2] == 4 && !memcmp(f[2], "both", 4))
        where = WHERE_PRE | WHERE_POST;
    else
        return WARTA_ERR_DATA;
    int cs = nf >= 4 && fl[3] == 2 && !memcmp(f[3], "cs", 2);
    if (nf >= 4 && !cs && !(fl[3] == 2 && !memcmp(f[3], "ci", 2)))
        return WARTA_ERR_DATA;
    return add_form(L, f[0], fl[0], code, where, cs);
}

static int form_cmp(const void *a, const void *b)
{
    const cur_form_t *x = a, *y = b;
    if (x->cs != y->cs)
        return x->cs ? -1 : 1;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->key, y->key, n);
    if (c)
        return c;
    return x->len < y->len ? -1 : x->len > y->len;
}

/* The ISO code of a matched currency surface, or NULL. */
static const char *lookup_currency(const money_t *m, const char *s, size_t n)
{
    char key[512];
    for (int pass = 0; pass < 2; pass++) {
        int cs = pass == 0;
        cur_form_t probe = {.cs = (uint8_t)cs};
        probe.len = normalize_key(s, n, cs, key, sizeof key);
        probe.key = key;
        const cur_form_t *base = cs ? m->forms : m->forms + m->ncs;
        size_t cnt = cs ? m->ncs : m->nforms - m->ncs;
        const cur_form_t *f = bsearch(&probe, base, cnt, sizeof *base, form_cmp);
        if (f && f->code)
            return f->code;
    }
    return NULL;
}

/* ---- building the patterns ---------------------------------------------- */

static int len_desc(const void *a, const void *b)
{
    const cur_form_t *x = *(const cur_form_t *const *)a, *y = *(const cur_form_t *const *)b;
    if (x->len != y->len)
        return x->len > y->len ? -1 : 1;
    return strcmp(x->key, y->key);
}

/* Currency forms become a trie-shaped alternation, (?:[rR](?:[pP](?:\.|)|...)
 * rather than a flat list of hundreds of literals: the matcher tests one
 * branch per first character instead of one per form. */
typedef struct tnode {
    char u[5];         /* the unit: one character; ' ' for a space run */
    uint8_t ulen, ci;  /* ci: an ASCII letter in either case */
    uint8_t term;      /* a form ends here */
    int child, sib;    /* first child, next sibling; -1 for none */
} tnode_t;

typedef struct trie {
    tnode_t *n;
    size_t nn, cap;
} trie_t;

static int trie_child(trie_t *t, int parent, const char *u, size_t ul, int ci)
{
    int last = -1;
    for (int c = t->n[parent].child; c >= 0; last = c, c = t->n[c].sib)
        if (t->n[c].ulen == ul && t->n[c].ci == ci && !memcmp(t->n[c].u, u, ul))
            return c;
    if (vec_reserve((void **)&t->n, &t->cap, t->nn + 1, sizeof *t->n))
        return -1;
    int k = (int)t->nn++;
    memset(&t->n[k], 0, sizeof t->n[k]);
    memcpy(t->n[k].u, u, ul);
    t->n[k].ulen = (uint8_t)ul;
    t->n[k].ci = (uint8_t)ci;
    t->n[k].child = t->n[k].sib = -1;
    if (last < 0)
        t->n[parent].child = k;
    else
        t->n[last].sib = k;
    return k;
}

static int trie_add(trie_t *t, const cur_form_t *f)
{
    int node = 0;
    for (size_t i = 0; i < f->len;) {
        unsigned char c = (unsigned char)f->key[i];
        size_t ul = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (i + ul > f->len)
            ul = f->len - i;
        int ci = !f->cs && ul == 1 && c >= 'a' && c <= 'z';
        node = trie_child(t, node, f->key + i, ul, ci);
        if (node < 0)
            return WARTA_ERR_NOMEM;
        i += ul;
    }
    t->n[node].term = 1;
    return 0;
}

static void put_unit(sbuf_t *b, const tnode_t *n)
{
    unsigned char c = (unsigned char)n->u[0];
    if (n->ulen == 1 && c == ' ') {
        sb_puts(b, "\\h{1,3}");
    } else if (n->ci) {
        char cls[4] = {'[', (char)c, (char)(c - 32), ']'};
        sb_put(b, cls, 4);
    } else if (n->ulen == 1 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                 (c >= '0' && c <= '9'))) {
        char e[2] = {'\\', (char)c};
        sb_put(b, e, 2);
    } else {
        sb_put(b, n->u, n->ulen);
    }
}

/* Emits the alternation below `node`; longer forms are tried first, and with
 * `bound` a form ending in a letter must not run on into a word. */
static void trie_emit(sbuf_t *b, const trie_t *t, int node, int bound)
{
    const tnode_t *n = &t->n[node];
    int alts = n->term;
    for (int c = n->child; c >= 0; c = t->n[c].sib)
        alts++;
    if (alts > 1)
        sb_puts(b, "(?:");
    int first = 1;
    for (int c = n->child; c >= 0; c = t->n[c].sib) {
        if (!first)
            sb_puts(b, "|");
        first = 0;
        put_unit(b, &t->n[c]);
        trie_emit(b, t, c, bound);
    }
    if (n->term && node) {
        if (!first)
            sb_puts(b, "|");
        unsigned char u = (unsigned char)n->u[0];
        if (bound && n->ulen == 1 && ((u | 0x20) >= 'a' && (u | 0x20) <= 'z'))
            sb_puts(b, "(?![\\p{L}\\p{N}])");
    }
    if (alts > 1)
        sb_puts(b, ")");
}

static int is_code_form(const cur_form_t *f)
{
    return f->cs && is_code(f->key, f->len);
}

/* Appends a group matching the forms usable in `where`.  With `generic`,
 * ISO codes are matched as any three capitals and checked in C. */
static int put_alts(sbuf_t *b, const money_t *m, int where, int bound, int generic)
{
    trie_t t = {0};
    if (vec_reserve((void **)&t.n, &t.cap, 1, sizeof *t.n))
        return WARTA_ERR_NOMEM;
    memset(&t.n[0], 0, sizeof t.n[0]);
    t.n[0].child = t.n[0].sib = -1;
    t.nn = 1;
    /* longest first, so that a longer form's nodes come before a shorter
     * sibling's at every level */
    const cur_form_t **v = malloc((m->nforms + 1) * sizeof *v);
    if (!v) {
        free(t.n);
        return WARTA_ERR_NOMEM;
    }
    size_t k = 0;
    for (size_t i = 0; i < m->nforms; i++)
        if (m->forms[i].code && (m->forms[i].where & where) &&
            !(generic && is_code_form(&m->forms[i])))
            v[k++] = &m->forms[i];
    qsort(v, k, sizeof *v, len_desc);
    int rc = 0;
    for (size_t i = 0; i < k && !rc; i++)
        rc = trie_add(&t, v[i]);
    if (!rc) {
        sb_puts(b, generic ? "(?:[A-Z]{3}(?!\\p{L})|" : "(?:");
        trie_emit(b, &t, 0, bound);
        sb_puts(b, ")");
    }
    free(v);
    free(t.n);
    return rc;
}

/* A number: thousand dots with optional decimal comma (1.105.000, 1.105,5);
 * English thousand commas, two groups or more (1,105,000); a decimal dot only
 * where it cannot be a thousands separator (3.5, 3.25); plain digits with an
 * optional decimal comma (84,50).  It never ends in the middle of a digit
 * run.  Atomic, bounded: linear on a million digits. */
#define NUM "(?>(?:\\d{1,3}(?:\\.\\d{3}){1,8}(?:,\\d{1,12})?" \
            "|\\d{1,3}(?:,\\d{3}){2,8}(?:\\.\\d{1,12})?|\\d{1,24}\\.\\d{1,2}" \
            "|\\d{1,24}(?:,\\d{1,12})?)(?![.,]?\\d))"
/* Scale words; the headline shorthand M / T only after a currency marker. */
#define SCALE_W "(?i:ribu|rb|juta|jt|miliar|milyar|triliun|trilyun)(?![\\p{L}\\p{N}])"
#define SCALE_P "(?:" SCALE_W "|[MT](?![\\p{L}\\p{N}]))"
/* Range connectors; "dan" only counts after "antara" (checked in C). */
#define CONN "(?:-|\\x{2013}|\\x{2014}|s\\.d\\.?|s/d|(?i:sampai\\h{1,3}dengan|sampai|hingga|dan)(?![\\p{L}\\p{N}]))"
#define SP "\\h{0,3}"

static int build_pattern(const money_t *m, sbuf_t *b)
{
    int rc = 0;
    sbuf_t pre = {0}, post = {0};
    if ((rc = put_alts(&pre, m, WHERE_PRE, 0, 1)) || (rc = put_alts(&post, m, WHERE_POST, 1, 0)))
        goto out;
    if (pre.oom || post.oom) {
        rc = WARTA_ERR_NOMEM;
        goto out;
    }
    /* the MARKs close their branches: at the start they would hide the
     * first-character bitmap that lets the JIT skip most positions */
    sb_puts(b, "(?<![\\p{L}\\p{N}])(?<pc1>");
    sb_puts(b, pre.s);
    sb_puts(b, ")" SP "(?<pn1>" NUM ")(?:" SP "(?<ps1>" SCALE_P "))?"
               "(?:" SP "(?<pk>" CONN ")" SP "(?:(?<pc2>");
    sb_puts(b, pre.s);
    sb_puts(b, ")" SP ")?(?<pn2>" NUM ")(?:" SP "(?<ps2>" SCALE_P "))?)?(*MARK:P)"
               "|(?<![\\p{L}\\p{N}]|\\d[.,])(?<sn1>" NUM ")(?:" SP "(?<ss1>" SCALE_W "))?"
               "(?:" SP "(?<sk>" CONN ")" SP "(?<sn2>" NUM ")(?:" SP "(?<ss2>" SCALE_W "))?)?"
               SP "(?<sc>");
    sb_puts(b, post.s);
    sb_puts(b, ")(*MARK:S)");
out:
    free(pre.s);
    free(post.s);
    return rc ? rc : b->oom ? WARTA_ERR_NOMEM : 0;
}

/* What follows an exchange rate: "per dolar AS", "per 1 US$", "/USD", "=". */
static int build_rate_pattern(const money_t *m, sbuf_t *b)
{
    sbuf_t any = {0};
    int rc = put_alts(&any, m, WHERE_PRE | WHERE_POST, 1, 0);
    if (!rc && any.oom)
        rc = WARTA_ERR_NOMEM;
    if (!rc) {
        sb_puts(b, SP "(?:=|(?:(?i:per)\\h{1,3}|/" SP ")(?:1" SP ")?");
        sb_puts(b, any.s);
        sb_puts(b, ")");
    }
    free(any.s);
    return rc ? rc : b->oom ? WARTA_ERR_NOMEM : 0;
}

static pcre2_code *compile(const char *pat, size_t n, uint32_t opts, warta_error_t *err)
{
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, n, PCRE2_UTF | PCRE2_NO_UTF_CHECK | opts,
                                   &ec, &eo, NULL);
    if (!re) {
        if (err) {
            PCRE2_UCHAR msg[160];
            pcre2_get_error_message(ec, msg, sizeof msg);
            err->code = WARTA_ERR_DATA;
            err->byte = 0;
            snprintf(err->message, sizeof err->message,
                     "money pattern does not compile at offset %zu: %s", (size_t)eo,
                     (const char *)msg);
        }
        return NULL;
    }
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
    return re;
}

/* Frees m and returns rc; `what` NULL: err was filled already. */
static int load_fail(money_t *m, warta_error_t *err, int rc, const char *what)
{
    if (err && what) {
        err->code = rc;
        err->byte = 0;
        snprintf(err->message, sizeof err->message, "%s", what);
    }
    money_free(m);
    return rc;
}

int money_load(money_t **out, warta_error_t *err)
{
    *out = NULL;
    money_t *m = calloc(1, sizeof *m);
    if (!m)
        return load_fail(NULL, err, WARTA_ERR_NOMEM, "out of memory");
    size_t glen = 0, alen = 0;
    const char *gen = (const char *)data_get("currencies.tsv", &glen);
    const char *ali = (const char *)data_get("currency_aliases.tsv", &alen);
    if (!gen || !ali)
        return load_fail(m, err, WARTA_ERR_DATA,
                         "data file currencies.tsv or currency_aliases.tsv missing");
    size_t lines = 0;
    for_each_line(gen, glen, count_lines, &lines);
    for_each_line(ali, alen, count_lines, &lines);
    m->codes = calloc(lines + 1, sizeof *m->codes);
    if (!m->codes)
        return load_fail(m, err, WARTA_ERR_NOMEM, "out of memory");
    for_each_line(gen, glen, count_codes_line, m);
    for_each_line(ali, alen, count_codes_line, m);

    load_ctx_t L = {.m = m};
    int rc = for_each_line(gen, glen, generated_line, &L);
    if (rc)
        return load_fail(m, err, rc, rc == WARTA_ERR_NOMEM ? "out of memory"
                                                           : "malformed data file currencies.tsv");
    rc = for_each_line(ali, alen, alias_line, &L);
    if (rc)
        return load_fail(m, err, rc, rc == WARTA_ERR_NOMEM ? "out of memory"
                                                           : "malformed data file currency_aliases.tsv");
    qsort(m->forms, m->nforms, sizeof *m->forms, form_cmp);
    while (m->ncs < m->nforms && m->forms[m->ncs].cs)
        m->ncs++;

    sbuf_t pat = {0}, rate = {0};
    rc = build_pattern(m, &pat);
    if (!rc)
        rc = build_rate_pattern(m, &rate);
    if (rc) {
        free(pat.s);
        free(rate.s);
        return load_fail(m, err, rc, "out of memory");
    }
    m->re = compile(pat.s, pat.n, 0, err);
    m->rate = m->re ? compile(rate.s, rate.n, PCRE2_ANCHORED, err) : NULL;
    free(pat.s);
    free(rate.s);
    if (!m->re || !m->rate)
        return load_fail(m, err, WARTA_ERR_DATA, NULL);
    for (int g = 0; g < G_N; g++) {
        int num = pcre2_substring_number_from_name(m->re, (PCRE2_SPTR)group_names[g]);
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

void money_free(money_t *m)
{
    if (!m)
        return;
    pcre2_code_free(m->re);
    pcre2_code_free(m->rate);
    pcre2_match_context_free(m->mctx);
    for (size_t i = 0; i < m->nforms; i++)
        free(m->forms[i].key);
    free(m->forms);
    free(m->codes);
    free(m);
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

/* ---- exact decimal amounts ---------------------------------------------- */

/* Powers of ten of a scale word (case-insensitive), or -1. */
static int scale_exp(const char *s, size_t n)
{
    static const struct { const char *w; int e; } t[] = {
        {"ribu", 3}, {"rb", 3}, {"juta", 6}, {"jt", 6}, {"miliar", 9},
        {"milyar", 9}, {"triliun", 12}, {"trilyun", 12}};
    if (n == 1)
        return s[0] == 'M' ? 9 : s[0] == 'T' ? 12 : -1;
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        if (strlen(t[i].w) == n) {
            size_t k = 0;
            while (k < n && (s[k] | 0x20) == t[i].w[k])
                k++;
            if (k == n)
                return t[i].e;
        }
    return -1;
}

/* Writes the number `s` (as matched by NUM) times 10^exp as a normalized
 * decimal string ("1200000000000", "84.5", "0.5") into out[AMOUNT_MAX].
 * Returns its length, or 0 when it does not fit. */
static size_t decimal_amount(const char *s, size_t n, int exp, char *out)
{
    size_t dots = 0, commas = 0, last_dot = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.') {
            dots++;
            last_dot = i;
        } else if (s[i] == ',') {
            commas++;
        }
    }
    char dec; /* the decimal mark, or 0 */
    if (commas >= 2)
        dec = '.';
    else if (commas == 1)
        dec = ',';
    else if (dots == 1 && n - last_dot - 1 <= 2)
        dec = '.';
    else
        dec = 0;
    char ip[AMOUNT_MAX], fp[AMOUNT_MAX];
    size_t il = 0, fl = 0;
    int frac = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == dec) {
            frac = 1;
        } else if (c >= '0' && c <= '9') {
            if (frac) {
                if (fl + 1 >= sizeof fp)
                    return 0;
                fp[fl++] = c;
            } else {
                if (il + 1 >= sizeof ip)
                    return 0;
                ip[il++] = c;
            }
        }
    }
    /* shift the decimal point right by exp */
    for (int e = 0; e < exp; e++) {
        if (il + 1 >= sizeof ip)
            return 0;
        if (fl) {
            ip[il++] = fp[0];
            memmove(fp, fp + 1, --fl);
        } else {
            ip[il++] = '0';
        }
    }
    size_t a = 0;
    while (a + 1 < il && ip[a] == '0')
        a++;
    while (fl && fp[fl - 1] == '0')
        fl--;
    size_t k = 0;
    if (il - a + fl + 2 > AMOUNT_MAX)
        return 0;
    memcpy(out, ip + a, il - a);
    k = il - a;
    if (!k)
        out[k++] = '0';
    if (fl) {
        out[k++] = '.';
        memcpy(out + k, fp, fl);
        k += fl;
    }
    out[k] = 0;
    return k;
}

/* Compares two normalized decimal strings. */
static int decimal_cmp(const char *a, const char *b)
{
    const char *ad = strchr(a, '.'), *bd = strchr(b, '.');
    size_t ai = ad ? (size_t)(ad - a) : strlen(a), bi = bd ? (size_t)(bd - b) : strlen(b);
    if (ai != bi)
        return ai < bi ? -1 : 1;
    int c = strncmp(a, b, ai);
    if (c)
        return c < 0 ? -1 : 1;
    const char *af = ad ? ad + 1 : "", *bf = bd ? bd + 1 : "";
    while (*af || *bf) {
        char x = *af ? *af++ : '0', y = *bf ? *bf++ : '0';
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
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
    int rc = pcre2_match(m->rate, (PCRE2_SPTR)p->s, p->n, e, PCRE2_NO_UTF_CHECK,
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

static const char *currency_of(const money_t *m, const pipe_t *p, span_t s)
{
    return set(s) ? lookup_currency(m, p->s + s.b, s.e - s.b) : NULL;
}

static int scale_of(const pipe_t *p, span_t s)
{
    return set(s) ? scale_exp(p->s + s.b, s.e - s.b) : 0;
}

static void mark_currency(pipe_t *p, span_t s)
{
    if (!set(s))
        return;
    for (size_t t = tok_at_or_after(p, s.b); t < p->ntok && p->tok[t].byte_start < s.e; t++)
        p->lex[t] |= LEX_CURRENCY;
}

/* Emits a mention over bytes [b, e).  Returns 1 when emitted, 0 when the
 * span does not sit on token boundaries, <0 on error. */
static int emit(pipe_t *p, size_t b, size_t e, const char *cur, const char *amount,
                const char *lo, const char *hi, span_t c1, span_t c2)
{
    long tb = tok_starting_at(p, b);
    size_t te = tok_ending_at(p, e);
    if (tb < 0 || te <= (size_t)tb)
        return 0;
    mention_t *mt = pipe_add_mention(p, (uint32_t)tb, (uint32_t)te, WARTA_MONEY, SRC_MONEY);
    if (!mt)
        return WARTA_ERR_NOMEM;
    mt->currency = cur;
    mt->score = 100;
    if (amount) {
        mt->amount = arena_strndup(p->arena, amount, strlen(amount));
        if (!mt->amount)
            return WARTA_ERR_NOMEM;
    } else {
        mt->amount_min = arena_strndup(p->arena, lo, strlen(lo));
        mt->amount_max = arena_strndup(p->arena, hi, strlen(hi));
        if (!mt->amount_min || !mt->amount_max)
            return WARTA_ERR_NOMEM;
    }
    for (size_t t = (size_t)tb; t < te; t++)
        p->lex[t] |= LEX_MONEY;
    mark_currency(p, c1);
    mark_currency(p, c2);
    return 1;
}

/* A bare four-digit number 1900-2099. */
static int is_year(const char *s, size_t n)
{
    if (n != 4 || !((s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0')))
        return 0;
    return s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9';
}

/* Interprets one match.  Sets *resume to where the global loop goes on. */
static int handle_match(const money_t *m, money_scratch_t *s, pipe_t *p, int rc,
                        size_t *resume)
{
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
    const char *mark = (const char *)pcre2_get_mark(s->md);
    int prefix = mark && mark[0] == 'P';
    size_t b = ov[0], e = ov[1];
    *resume = e;
    span_t c1, n1, s1, k, c2, n2, s2;
    if (prefix) {
        c1 = group(m, ov, rc, G_PC1), n1 = group(m, ov, rc, G_PN1), s1 = group(m, ov, rc, G_PS1);
        k = group(m, ov, rc, G_PK), c2 = group(m, ov, rc, G_PC2);
        n2 = group(m, ov, rc, G_PN2), s2 = group(m, ov, rc, G_PS2);
    } else {
        c1 = group(m, ov, rc, G_SC), n1 = group(m, ov, rc, G_SN1), s1 = group(m, ov, rc, G_SS1);
        k = group(m, ov, rc, G_SK), c2 = (span_t){PCRE2_UNSET, PCRE2_UNSET};
        n2 = group(m, ov, rc, G_SN2), s2 = group(m, ov, rc, G_SS2);
    }
    const char *cur = currency_of(m, p, c1);
    if (!cur || !set(n1)) {
        /* three capitals that are no currency code ("DKI 5"): look again
         * from the next character, where "5 juta dolar" may start */
        *resume = b + 1;
        return 0;
    }
    if (is_rate(m, s, p, b, e))
        return 0;
    if (!prefix && !set(s1) && !set(n2) && is_year(p->s + n1.b, n1.e - n1.b))
        return 0; /* "pada 1998 rupiah anjlok": a year before a currency word */
    int e1 = scale_of(p, s1), e2 = scale_of(p, s2);
    char a1[AMOUNT_MAX], a2[AMOUNT_MAX];
    if (set(n2)) {
        /* a range: one currency, the first bound inherits a missing scale
         * (Rp 3-4 miliar), min <= max, "dan" only after "antara" */
        int ok = 1;
        if (set(c2) && currency_of(m, p, c2) != cur)
            ok = 0;
        if (ok && (p->s[k.b] | 0x20) == 'd' && !after_antara(p, b))
            ok = 0;
        if (ok && (!decimal_amount(p->s + n1.b, n1.e - n1.b, set(s1) ? e1 : e2, a1) ||
                   !decimal_amount(p->s + n2.b, n2.e - n2.b, e2, a2) ||
                   decimal_cmp(a1, a2) > 0))
            ok = 0;
        if (ok)
            return emit(p, b, e, cur, NULL, a1, a2, c1, c2);
        /* not a range: the first amount alone (prefix form), then go on
         * right after it */
        if (!prefix) {
            *resume = n2.b;
            return 0;
        }
        size_t fe = set(s1) ? s1.e : n1.e;
        *resume = fe;
        if (is_rate(m, s, p, b, fe) ||
            !decimal_amount(p->s + n1.b, n1.e - n1.b, e1, a1))
            return 0;
        return emit(p, b, fe, cur, a1, NULL, NULL, c1, c2);
    }
    if (!decimal_amount(p->s + n1.b, n1.e - n1.b, e1, a1))
        return 0;
    return emit(p, b, e, cur, a1, NULL, NULL, c1, c2);
}

/* The 10.42 global-match loop (pcre2demo.c) over bytes [start, end). */
static int match_region(const money_t *m, money_scratch_t *s, pipe_t *p, size_t start,
                        size_t end, size_t *last_end)
{
    size_t off = start;
    uint32_t opts = 0;
    while (off < end) {
        int rc = pcre2_match(m->re, (PCRE2_SPTR)p->s, end, off, opts | PCRE2_NO_UTF_CHECK,
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
