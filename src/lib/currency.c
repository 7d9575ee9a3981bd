/* currency.c - loading the currency forms (currency.h).
 *
 * Every ISO code of currencies.tsv is a case-sensitive form usable before
 * and after the number, its Indonesian name a case-insensitive form after
 * it; currency_aliases.tsv (its header explains the columns) adds, replaces
 * and forbids forms.  Forms are kept sorted for bsearch. */
#include <stdlib.h>
#include <string.h>

#include "currency.h"
#include "data.h"
#include "util.h"
#include "warta.h"

typedef struct load_ctx {
    currencies_t *m;
    size_t cap;
} load_ctx_t;

/* Codes are interned in a table sized before any form is added, so the
 * pointers stay valid. */
static const char *intern_code(currencies_t *m, const char *c, size_t n)
{
    if (n != 3)
        return NULL;
    for (size_t i = 0; i < m->ncodes; i++)
        if (!memcmp(m->codes[i], c, 3))
            return m->codes[i];
    return NULL;
}

int currency_is_code(const char *c, size_t n)
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
                    int where, int cs, int need)
{
    currencies_t *m = L->m;
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
            f->need = (uint8_t)need;
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
    f->need = (uint8_t)need;
    f->fold_hash = fh;
    m->nforms++;
    return 0;
}

static int count_codes_line(const char *line, size_t len, void *ctx)
{
    currencies_t *m = ctx;
    const char *f[4];
    size_t fl[4];
    size_t nf = split_tabs(line, len, f, fl, 4);
    size_t ci = 0; /* column of the code: 0 in currencies.tsv, 1 in aliases */
    if (nf >= 3)
        ci = 1;
    if (nf < 2 || !currency_is_code(f[ci], fl[ci]) || intern_code(m, f[ci], fl[ci]))
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
    if (split_tabs(line, len, f, fl, 3) < 2 || !currency_is_code(f[0], fl[0]))
        return WARTA_ERR_DATA;
    const char *code = intern_code(L->m, f[0], fl[0]);
    /* a code, or a one-word name, may be an ordinary word: it needs
     * context; "Dinar Kuwait" names its country and needs none */
    int rc = add_form(L, f[0], fl[0], code, WHERE_PRE | WHERE_POST, 1, NEED_CONTEXT);
    if (!rc)
        rc = add_form(L, f[1], fl[1], code, WHERE_POST, 0,
                      memchr(f[1], ' ', fl[1]) ? NEED_NONE : NEED_CONTEXT);
    return rc;
}

static int alias_line(const char *line, size_t len, void *ctx)
{
    load_ctx_t *L = ctx;
    const char *f[5];
    size_t fl[5];
    size_t nf = split_tabs(line, len, f, fl, 5);
    if (nf < 3)
        return WARTA_ERR_DATA;
    const char *code = NULL;
    if (!(fl[1] == 1 && f[1][0] == '-')) {
        if (!currency_is_code(f[1], fl[1]))
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
    int need = NEED_NONE;
    if (nf >= 5 && fl[4] == 7 && !memcmp(f[4], "context", 7))
        need = NEED_CONTEXT;
    else if (nf >= 5 && fl[4] == 5 && !memcmp(f[4], "scale", 5))
        need = NEED_SCALE;
    else if (nf >= 5)
        return WARTA_ERR_DATA;
    return add_form(L, f[0], fl[0], code, where, cs, need);
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

const cur_form_t *currency_find(const currencies_t *m, const char *s, size_t n)
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
            return f;
    }
    return NULL;
}

int currencies_load(currencies_t *m, const char **what)
{
    size_t glen = 0, alen = 0;
    const char *gen = (const char *)data_get("currencies.tsv", &glen);
    const char *ali = (const char *)data_get("currency_aliases.tsv", &alen);
    *what = "out of memory";
    if (!gen || !ali) {
        *what = "data file currencies.tsv or currency_aliases.tsv missing";
        return WARTA_ERR_DATA;
    }
    size_t lines = 0;
    for_each_line(gen, glen, count_lines, &lines);
    for_each_line(ali, alen, count_lines, &lines);
    m->codes = calloc(lines + 1, sizeof *m->codes);
    if (!m->codes)
        return WARTA_ERR_NOMEM;
    for_each_line(gen, glen, count_codes_line, m);
    for_each_line(ali, alen, count_codes_line, m);

    load_ctx_t L = {.m = m};
    int rc = for_each_line(gen, glen, generated_line, &L);
    if (rc) {
        if (rc != WARTA_ERR_NOMEM)
            *what = "malformed data file currencies.tsv";
        return rc;
    }
    rc = for_each_line(ali, alen, alias_line, &L);
    if (rc) {
        if (rc != WARTA_ERR_NOMEM)
            *what = "malformed data file currency_aliases.tsv";
        return rc;
    }
    qsort(m->forms, m->nforms, sizeof *m->forms, form_cmp);
    while (m->ncs < m->nforms && m->forms[m->ncs].cs)
        m->ncs++;
    return 0;
}

void currencies_free(currencies_t *m)
{
    for (size_t i = 0; i < m->nforms; i++)
        free(m->forms[i].key);
    free(m->forms);
    free(m->codes);
    memset(m, 0, sizeof *m);
}
