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

/* A form while loading: its key is malloc'd, its code an index into the
 * code table (-1: forbidden). */
typedef struct tmp_form {
    char *key;
    size_t len;
    int code;
    uint8_t where, cs, need;
    uint64_t fold_hash;
} tmp_form_t;

typedef struct load_ctx {
    tmp_form_t *forms;
    size_t nforms, cap;
    char (*codes)[4];   /* distinct ISO codes, NUL-terminated */
    size_t ncodes;
} load_ctx_t;

/* The index of code c[0..n) in the table (sized before any form is
 * added), or -1. */
static int intern_code(const load_ctx_t *m, const char *c, size_t n)
{
    if (n != 3)
        return -1;
    for (size_t i = 0; i < m->ncodes; i++)
        if (!memcmp(m->codes[i], c, 3))
            return (int)i;
    return -1;
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

static int add_form(load_ctx_t *L, const char *surf, size_t n, int code,
                    int where, int cs, int need)
{
    load_ctx_t *m = L;
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
        tmp_form_t *f = &m->forms[i];
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
    tmp_form_t *f = &m->forms[m->nforms];
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
    load_ctx_t *m = ctx;
    const char *f[4];
    size_t fl[4];
    size_t nf = split_tabs(line, len, f, fl, 4);
    size_t ci = 0; /* column of the code: 0 in currencies.tsv, 1 in aliases */
    if (nf >= 3)
        ci = 1;
    if (nf < 2 || !currency_is_code(f[ci], fl[ci]) || intern_code(m, f[ci], fl[ci]) >= 0)
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
    int code = intern_code(L, f[0], fl[0]);
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
    int code = -1;
    if (!(fl[1] == 1 && f[1][0] == '-')) {
        if (!currency_is_code(f[1], fl[1]))
            return WARTA_ERR_DATA;
        code = intern_code(L, f[1], fl[1]);
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
    const tmp_form_t *x = a, *y = b;
    if (x->cs != y->cs)
        return x->cs ? -1 : 1;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->key, y->key, n);
    if (c)
        return c;
    return x->len < y->len ? -1 : x->len > y->len;
}

/* form_cmp's order between key k[0..n) (case-sensitive: cs) and form f. */
static int key_cmp(const currencies_t *m, int cs, const char *k, size_t n, const cur_form_t *f)
{
    if (cs != f->cs)
        return cs ? -1 : 1;
    size_t l = n < f->len ? n : f->len;
    int c = memcmp(k, cur_key(m, f), l);
    if (c)
        return c;
    return n < f->len ? -1 : n > f->len;
}

const cur_form_t *currency_find(const currencies_t *m, const char *s, size_t n)
{
    char key[512];
    for (int pass = 0; pass < 2; pass++) {
        int cs = pass == 0;
        size_t len = normalize_key(s, n, cs, key, sizeof key);
        const cur_form_t *base = cs ? m->forms : m->forms + m->ncs;
        size_t lo = 0, hi = cs ? m->ncs : m->nforms - m->ncs;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int c = key_cmp(m, cs, key, len, &base[mid]);
            if (!c) {
                if (base[mid].code != CUR_FORBIDDEN)
                    return &base[mid];
                break;
            }
            if (c < 0)
                hi = mid;
            else
                lo = mid + 1;
        }
    }
    return NULL;
}

/* The sorted forms of L into m: the codes, then the keys, in one string
 * table; records with offsets.  0 or WARTA_ERR_NOMEM. */
static int freeze(currencies_t *m, const load_ctx_t *L)
{
    size_t n = 4 * L->ncodes;
    for (size_t i = 0; i < L->nforms; i++)
        n += L->forms[i].len + 1;
    if (n > UINT32_MAX)
        return WARTA_ERR_DATA;
    m->own_str = malloc(n ? n : 1);
    m->own_forms = calloc(L->nforms ? L->nforms : 1, sizeof *m->own_forms);
    if (!m->own_str || !m->own_forms)
        return WARTA_ERR_NOMEM;
    memcpy(m->own_str, L->codes, 4 * L->ncodes);
    size_t o = 4 * L->ncodes;
    for (size_t i = 0; i < L->nforms; i++) {
        const tmp_form_t *t = &L->forms[i];
        cur_form_t *f = &m->own_forms[i];
        memcpy(m->own_str + o, t->key, t->len + 1);
        f->key = (uint32_t)o;
        f->len = (uint32_t)t->len;
        f->code = t->code < 0 ? CUR_FORBIDDEN : (uint32_t)(4 * t->code);
        f->where = t->where;
        f->cs = t->cs;
        f->need = t->need;
        f->fold_hash = t->fold_hash;
        o += t->len + 1;
    }
    m->forms = m->own_forms;
    m->nforms = L->nforms;
    m->str = m->own_str;
    m->nstr = n;
    while (m->ncs < m->nforms && m->forms[m->ncs].cs)
        m->ncs++;
    return 0;
}

static int load(load_ctx_t *L, const char **what)
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
    L->codes = calloc(lines + 1, sizeof *L->codes);
    if (!L->codes)
        return WARTA_ERR_NOMEM;
    for_each_line(gen, glen, count_codes_line, L);
    for_each_line(ali, alen, count_codes_line, L);
    int rc = for_each_line(gen, glen, generated_line, L);
    if (rc) {
        if (rc != WARTA_ERR_NOMEM)
            *what = "malformed data file currencies.tsv";
        return rc;
    }
    rc = for_each_line(ali, alen, alias_line, L);
    if (rc) {
        if (rc != WARTA_ERR_NOMEM)
            *what = "malformed data file currency_aliases.tsv";
        return rc;
    }
    qsort(L->forms, L->nforms, sizeof *L->forms, form_cmp);
    return 0;
}

int currencies_load(currencies_t *m, const char **what)
{
    load_ctx_t L = {0};
    int rc = load(&L, what);
    if (!rc && (rc = freeze(m, &L)))
        *what = "out of memory";
    for (size_t i = 0; i < L.nforms; i++)
        free(L.forms[i].key);
    free(L.forms);
    free(L.codes);
    return rc;
}

int currencies_save(const currencies_t *m, tb_writer_t *w)
{
    uint64_t ncs = m->ncs;
    tbw_begin(w, TB_CUR_FORMS);
    tbw_put(w, &ncs, sizeof ncs);
    tbw_put(w, m->forms, m->nforms * sizeof *m->forms);
    tbw_end(w, TB_CUR_FORMS);
    tbw_begin(w, TB_CUR_STR);
    tbw_put(w, m->str, m->nstr);
    tbw_end(w, TB_CUR_STR);
    return w->oom ? WARTA_ERR_NOMEM : 0;
}

int currencies_open(currencies_t *m, const tblob_t *tb)
{
    uint64_t ncs;
    size_t len = tb->len[TB_CUR_FORMS];
    memset(m, 0, sizeof *m);
    if (len < sizeof ncs || (len - sizeof ncs) % sizeof(cur_form_t) || !tb->len[TB_CUR_STR])
        return WARTA_ERR_DATA;
    memcpy(&ncs, tb->sec[TB_CUR_FORMS], sizeof ncs);
    m->forms = (const cur_form_t *)(const void *)(tb->sec[TB_CUR_FORMS] + sizeof ncs);
    m->nforms = (len - sizeof ncs) / sizeof(cur_form_t);
    m->str = (const char *)tb->sec[TB_CUR_STR];
    m->nstr = tb->len[TB_CUR_STR];
    if (ncs > m->nforms)
        return WARTA_ERR_DATA;
    m->ncs = (size_t)ncs;
    return 0;
}

void currencies_free(currencies_t *m)
{
    free(m->own_forms);
    free(m->own_str);
    memset(m, 0, sizeof *m);
}
