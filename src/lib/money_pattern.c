/* money_pattern.c - building and compiling the money patterns
 * (money_pattern.h). */
#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "money_pattern.h"
#include "util.h"

const char *const money_group_names[G_N] = {
    "pc1", "pn1", "ps1", "pk", "pc2", "pn2", "ps2",
    "sn1", "ss1", "sk", "sn2", "ss2", "sc"};

/* A form to put into the pattern: its surface and case rule. */
typedef struct pform {
    const char *key;
    size_t len;
    int cs;
} pform_t;

static int len_desc(const void *a, const void *b)
{
    const pform_t *x = a, *y = b;
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

static int trie_add(trie_t *t, const pform_t *f)
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

static void put_unit(strbuf_t *b, const tnode_t *n)
{
    unsigned char c = (unsigned char)n->u[0];
    if (n->ulen == 1 && c == ' ') {
        strbuf_puts(b, "\\h{1,3}");
    } else if (n->ci) {
        char cls[4] = {'[', (char)c, (char)(c - 32), ']'};
        strbuf_put(b, cls, 4);
    } else if (n->ulen == 1 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                 (c >= '0' && c <= '9'))) {
        char e[2] = {'\\', (char)c};
        strbuf_put(b, e, 2);
    } else {
        strbuf_put(b, n->u, n->ulen);
    }
}

/* Emits the alternation below `node`; longer forms are tried first, and with
 * `bound` a form ending in a letter must not run on into a word. */
static void trie_emit(strbuf_t *b, const trie_t *t, int node, int bound)
{
    const tnode_t *n = &t->n[node];
    int alts = n->term;
    for (int c = n->child; c >= 0; c = t->n[c].sib)
        alts++;
    if (alts > 1)
        strbuf_puts(b, "(?:");
    int first = 1;
    for (int c = n->child; c >= 0; c = t->n[c].sib) {
        if (!first)
            strbuf_puts(b, "|");
        first = 0;
        put_unit(b, &t->n[c]);
        trie_emit(b, t, c, bound);
    }
    if (n->term && node) {
        if (!first)
            strbuf_puts(b, "|");
        unsigned char u = (unsigned char)n->u[0];
        if (bound && n->ulen == 1 && ((u | 0x20) >= 'a' && (u | 0x20) <= 'z'))
            strbuf_puts(b, "(?![\\p{L}\\p{N}])");
    }
    if (alts > 1)
        strbuf_puts(b, ")");
}

static int is_code_form(const currencies_t *m, const cur_form_t *f)
{
    return f->cs && currency_is_code(cur_key(m, f), f->len);
}

/* Appends a group matching the forms usable in `where`.  With `generic`,
 * ISO codes are matched as any three capitals and checked in C. */
static int put_alts(strbuf_t *b, const currencies_t *m, int where, int bound, int generic)
{
    trie_t t = {0};
    if (vec_reserve((void **)&t.n, &t.cap, 1, sizeof *t.n))
        return WARTA_ERR_NOMEM;
    memset(&t.n[0], 0, sizeof t.n[0]);
    t.n[0].child = t.n[0].sib = -1;
    t.nn = 1;
    /* longest first, so that a longer form's nodes come before a shorter
     * sibling's at every level */
    pform_t *v = malloc((m->nforms + 1) * sizeof *v);
    if (!v) {
        free(t.n);
        return WARTA_ERR_NOMEM;
    }
    size_t k = 0;
    for (size_t i = 0; i < m->nforms; i++) {
        const cur_form_t *f = &m->forms[i];
        if (f->code != CUR_FORBIDDEN && (f->where & where) && !(generic && is_code_form(m, f)))
            v[k++] = (pform_t){cur_key(m, f), f->len, f->cs};
    }
    qsort(v, k, sizeof *v, len_desc);
    int rc = 0;
    for (size_t i = 0; i < k && !rc; i++)
        rc = trie_add(&t, &v[i]);
    if (!rc) {
        strbuf_puts(b, generic ? "(?:[A-Z]{3}(?!\\p{L})|" : "(?:");
        trie_emit(b, &t, 0, bound);
        strbuf_puts(b, ")");
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
/* Scale words; with "an" or "-an" (jutaan, juta-an) an approximate one.  The
 * headline shorthand M / T only after a currency marker (SCALE_P). */
#define SCALE_W "(?i:(?:ribu|juta|miliar|milyar|triliun|trilyun)(?:-?an)?|rb|jt)(?![\\p{L}\\p{N}])"
#define SCALE_P "(?:" SCALE_W "|[MT](?![\\p{L}\\p{N}]))"
/* Range connectors; "dan" only counts after "antara" (checked in C). */
#define CONN "(?:-|\\x{2013}|\\x{2014}|s\\.d\\.?|s/d|(?i:sampai\\h{1,3}dengan|sampai|hingga|dan)(?![\\p{L}\\p{N}]))"
#define SP "\\h{0,3}"

static int build_pattern(const currencies_t *m, strbuf_t *b)
{
    int rc = 0;
    strbuf_t pre = {0}, post = {0};
    if ((rc = put_alts(&pre, m, WHERE_PRE, 0, 1)) || (rc = put_alts(&post, m, WHERE_POST, 1, 0)))
        goto out;
    if (pre.oom || post.oom) {
        rc = WARTA_ERR_NOMEM;
        goto out;
    }
    /* the MARKs close their branches: at the start they would hide the
     * first-character bitmap that lets the JIT skip most positions */
    strbuf_puts(b, "(?<![\\p{L}\\p{N}])(?<pc1>");
    strbuf_puts(b, pre.p);
    strbuf_puts(b, ")" SP "(?<pn1>" NUM ")(?:" SP "(?<ps1>" SCALE_P "))?"
               "(?:" SP "(?<pk>" CONN ")" SP "(?:(?<pc2>");
    strbuf_puts(b, pre.p);
    strbuf_puts(b, ")" SP ")?(?<pn2>" NUM ")(?:" SP "(?<ps2>" SCALE_P "))?)?(*MARK:P)"
               "|(?<![\\p{L}\\p{N}]|\\d[.,])(?<sn1>" NUM ")(?:" SP "(?<ss1>" SCALE_W "))?"
               "(?:" SP "(?<sk>" CONN ")" SP "(?<sn2>" NUM ")(?:" SP "(?<ss2>" SCALE_W "))?)?"
               SP "(?<sc>");
    strbuf_puts(b, post.p);
    strbuf_puts(b, ")(*MARK:S)");
out:
    free(pre.p);
    free(post.p);
    return rc ? rc : b->oom ? WARTA_ERR_NOMEM : 0;
}

/* What follows an exchange rate: "per dolar AS", "per 1 US$", "/USD", "=". */
static int build_rate_pattern(const currencies_t *m, strbuf_t *b)
{
    strbuf_t any = {0};
    int rc = put_alts(&any, m, WHERE_PRE | WHERE_POST, 1, 0);
    if (!rc && any.oom)
        rc = WARTA_ERR_NOMEM;
    if (!rc) {
        strbuf_puts(b, SP "(?:=|(?:(?i:per)\\h{1,3}|/" SP ")(?:1" SP ")?");
        strbuf_puts(b, any.p);
        strbuf_puts(b, ")");
    }
    free(any.p);
    return rc ? rc : b->oom ? WARTA_ERR_NOMEM : 0;
}

/* Hands the built string over, or frees it on error. */
static int finish(strbuf_t *b, int rc, char **out, size_t *n)
{
    if (rc || b->oom) {
        free(b->p);
        return rc ? rc : WARTA_ERR_NOMEM;
    }
    *out = b->p;
    *n = b->n;
    return 0;
}

int money_pattern_build(const currencies_t *c, char **out, size_t *n)
{
    strbuf_t b = {0};
    return finish(&b, build_pattern(c, &b), out, n);
}

int money_rate_pattern_build(const currencies_t *c, char **out, size_t *n)
{
    strbuf_t b = {0};
    return finish(&b, build_rate_pattern(c, &b), out, n);
}

pcre2_code *money_pattern_compile(const char *pat, size_t n, uint32_t opts,
                                  warta_error_t *err)
{
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, n, PCRE2_UTF | PCRE2_NO_UTF_CHECK | opts,
                                   &ec, &eo, NULL);
    if (!re) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(ec, msg, sizeof msg);
        err_set(err, WARTA_ERR_DATA, 0, "money pattern does not compile at offset %zu: %s",
                (size_t)eo, (const char *)msg);
        return NULL;
    }
    return re; /* money.c JIT-compiles a copy once the input pays for it */
}

int money_scale_exp(const char *s, size_t n, int *approx)
{
    static const struct { const char *w; int e; } t[] = {
        {"ribu", 3}, {"rb", 3}, {"juta", 6}, {"jt", 6}, {"miliar", 9},
        {"milyar", 9}, {"triliun", 12}, {"trilyun", 12}};
    *approx = 0;
    if (n == 1)
        return s[0] == 'M' ? 9 : s[0] == 'T' ? 12 : -1;
    if (n > 4 && (s[n - 2] | 0x20) == 'a' && (s[n - 1] | 0x20) == 'n') {
        *approx = 1; /* jutaan, juta-an */
        n -= s[n - 3] == '-' ? 3 : 2;
    }
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
