/* gaz_load.c - the gazetteer's data files (gaz.h):
 *   country_aliases.tsv  curated news forms (AS, Korut, Tiongkok...), canonical
 *                        names, flags (exact, ctx, deny)
 *   countries.tsv        generated from iso-codes: ISO names in Indonesian and
 *                        English
 *   places.tsv           curated world and Indonesian places
 *   places_id.tsv        generated from idn-area-data (provinces, regencies)
 *   organizations.tsv    curated organizations, org head words and tails
 *   org_id.tsv, org_lexicon.tsv, people.tsv, person_given.txt,
 *   days_months.txt      (see gaz_load for the order)
 * All are embedded (data.h). */
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "gaz.h"

typedef struct load_ctx {
    gaz_build_t *g;
    warta_error_t *err;
    const char *file;
    int line; /* entries read so far (comments and blank lines not counted) */
    int rc;
    strset_t deny; /* folded forms removed from countries.tsv */
    unsigned flags; /* E_* flags for the entries of the file being read */
} load_ctx_t;

static int fail(load_ctx_t *c, int rc, const char *what)
{
    c->rc = rc;
    return err_set(c->err, rc, 0, "data/%s: entry %d: %s", c->file, c->line, what);
}

/* Index of country `iso` (2 bytes), added with canonical name `name` when
 * new; -1 when out of room or memory.  A different canonical name for a
 * known code is an error only when `strict`. */
static int country_of(load_ctx_t *c, const char *iso, const char *name, size_t nn,
                      int strict)
{
    gaz_build_t *g = c->g;
    for (size_t i = 0; i < g->ncountry; i++)
        if (memcmp(g->str + g->iso[i], iso, 2) == 0) {
            const char *canon = g->str + g->canon[i];
            if (strict && (strlen(canon) != nn || memcmp(canon, name, nn) != 0))
                return fail(c, WARTA_ERR_DATA, "another canonical name for this ISO code"), -1;
            return (int)i;
        }
    if (g->ncountry == sizeof g->canon / sizeof *g->canon)
        return fail(c, WARTA_ERR_LIMIT, "too many countries"), -1;
    if (gaz_str_add(g, name, nn, &g->canon[g->ncountry]) ||
        gaz_str_add(g, iso, 2, &g->iso[g->ncountry]))
        return fail(c, WARTA_ERR_NOMEM, "out of memory"), -1;
    return (int)g->ncountry++;
}

static int has_flag(const char *f, size_t n, const char *flag)
{
    size_t fl = strlen(flag);
    for (size_t i = 0; i + fl <= n; i++)
        if ((i == 0 || f[i - 1] == ',') && memcmp(f + i, flag, fl) == 0 &&
            (i + fl == n || f[i + fl] == ','))
            return 1;
    return 0;
}

static int valid_iso(const char *s, size_t n)
{
    return n == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

/* country_aliases.tsv: form, iso, canonical name, flags */
static int alias_line(const char *l, size_t len, void *vc)
{
    load_ctx_t *c = vc;
    c->line++;
    const char *f[4];
    size_t fl[4];
    size_t k = split_tabs(l, len, f, fl, 4);
    if (k < 3 || !fl[0] || !valid_iso(f[1], fl[1]) || !fl[2])
        return fail(c, WARTA_ERR_DATA, "want form, ISO alpha-2, canonical name[, flags]");
    int ci = country_of(c, f[1], f[2], fl[2], 1);
    if (ci < 0)
        return c->rc;
    unsigned flags = 0;
    if (k == 4) {
        if (has_flag(f[3], fl[3], "deny")) {
            char key[FOLD_MAX * 4 + 1];
            if (fl[0] > FOLD_MAX)
                return 0;
            size_t kn = utf8_fold(f[0], fl[0], key, sizeof key);
            return strset_add(&c->deny, key, kn) ? fail(c, WARTA_ERR_NOMEM, "out of memory") : 0;
        }
        if (has_flag(f[3], fl[3], "exact"))
            flags |= E_EXACT;
        if (has_flag(f[3], fl[3], "ctx"))
            flags |= E_CTX;
    }
    int oom = 0;
    gaz_add_form(c->g, f[0], fl[0], K_COUNTRY, flags, c->g->iso[ci], c->g->canon[ci], &oom);
    return oom ? fail(c, WARTA_ERR_NOMEM, "out of memory") : 0;
}

/* countries.tsv: alpha2, alpha3, canonical name, form, origin */
static int country_line(const char *l, size_t len, void *vc)
{
    load_ctx_t *c = vc;
    c->line++;
    const char *f[5];
    size_t fl[5];
    if (split_tabs(l, len, f, fl, 5) < 4 || !valid_iso(f[0], fl[0]) || !fl[3])
        return fail(c, WARTA_ERR_DATA, "want alpha2, alpha3, name, form[, origin]");
    char key[FOLD_MAX * 4 + 1];
    if (fl[3] > FOLD_MAX)
        return 0;
    size_t kn = utf8_fold(f[3], fl[3], key, sizeof key);
    if (strset_has(&c->deny, key, kn))
        return 0;
    int ci = country_of(c, f[0], f[2], fl[2], 0);
    if (ci < 0)
        return c->rc;
    int oom = 0;
    gaz_add_form(c->g, f[3], fl[3], K_COUNTRY, 0, c->g->iso[ci], c->g->canon[ci], &oom);
    return oom ? fail(c, WARTA_ERR_NOMEM, "out of memory") : 0;
}

/* A line of form, canonical name[, more fields]: an entry of `kind` whose
 * name is the second field; `want` describes the line for a message. */
static int named_line(load_ctx_t *c, const char *l, size_t len, int kind, const char *want)
{
    c->line++;
    const char *f[2];
    size_t fl[2];
    if (split_tabs(l, len, f, fl, 2) < 2 || !fl[0] || !fl[1])
        return fail(c, WARTA_ERR_DATA, want);
    uint32_t name;
    int oom = gaz_str_add(c->g, f[1], fl[1], &name) != 0;
    if (!oom)
        gaz_add_form(c->g, f[0], fl[0], kind, 0, NONE, name, &oom);
    return oom ? fail(c, WARTA_ERR_NOMEM, "out of memory") : 0;
}

/* places.tsv, places_id.tsv: form, canonical name[, kind, code] */
static int place_line(const char *l, size_t len, void *vc)
{
    return named_line(vc, l, len, K_PLACE, "want form, canonical name[, kind, code]");
}

/* organizations.tsv: form, kind (org|head|tail)[, canonical] */
static int org_line(const char *l, size_t len, void *vc)
{
    load_ctx_t *c = vc;
    c->line++;
    const char *f[3];
    size_t fl[3];
    size_t k = split_tabs(l, len, f, fl, 3);
    if (k < 2 || !fl[0])
        return fail(c, WARTA_ERR_DATA, "want form, kind[, canonical name]");
    int kind;
    if (fl[1] == 3 && memcmp(f[1], "org", 3) == 0)
        kind = K_ORG;
    else if (fl[1] == 4 && memcmp(f[1], "head", 4) == 0)
        kind = K_HEAD;
    else if (fl[1] == 4 && memcmp(f[1], "tail", 4) == 0)
        kind = K_TAIL;
    else if (fl[1] == 6 && memcmp(f[1], "ticker", 6) == 0)
        kind = K_TICKER;
    else
        return fail(c, WARTA_ERR_DATA, "kind must be org, head, tail or ticker");
    uint32_t name = NONE;
    int oom = 0;
    if (k == 3 && fl[2] && gaz_str_add(c->g, f[2], fl[2], &name))
        oom = 1;
    if (!oom)
        gaz_add_form(c->g, f[0], fl[0], kind, c->flags, NONE, name, &oom);
    return oom ? fail(c, WARTA_ERR_NOMEM, "out of memory") : 0;
}

/* people.tsv: form, canonical full name */
static int person_line(const char *l, size_t len, void *vc)
{
    return named_line(vc, l, len, K_PERSON, "want form, canonical name");
}

/* person_given.txt: one given name per line, as written */
static int given_line(const char *l, size_t len, void *vc)
{
    load_ctx_t *c = vc;
    c->line++;
    return strset_add(&c->g->given, l, len) ? fail(c, WARTA_ERR_NOMEM, "out of memory") : 0;
}

static int load_file(load_ctx_t *c, const char *file,
                     int (*fn)(const char *, size_t, void *))
{
    size_t n;
    const unsigned char *buf = data_get(file, &n);
    c->file = file;
    c->line = 0;
    if (!buf)
        return fail(c, WARTA_ERR_DATA, "missing from the build");
    /* for_each_line skips comments and blank lines: messages count entries */
    return for_each_line((const char *)buf, n, fn, c);
}

static int add_day_month(const char *line, size_t len, void *ctx)
{
    gaz_build_t *g = ctx;
    if (g->nday + 1 >= sizeof g->day_month / sizeof g->day_month[0])
        return WARTA_ERR_DATA;
    return gaz_str_add(g, line, len, &g->day_month[g->nday++]) ? WARTA_ERR_NOMEM : 0;
}

/* The day and month names (lower case) for tok_in(). */
static int load_day_month(gaz_build_t *g, warta_error_t *err)
{
    size_t n;
    const unsigned char *buf = data_get("days_months.txt", &n);
    int rc = buf ? for_each_line((const char *)buf, n, add_day_month, g) : WARTA_ERR_DATA;
    return rc ? err_set(err, rc, 0, "data/days_months.txt: %s",
                        rc == WARTA_ERR_NOMEM ? "out of memory" : "missing or too long")
              : 0;
}

static int load_files(load_ctx_t *c)
{
    int rc;
    if ((rc = load_file(c, "organizations.tsv", org_line)) ||
        (rc = load_file(c, "org_id.tsv", org_line)) || (rc = load_file(c, "people.tsv", person_line)) ||
        (rc = load_file(c, "person_given.txt", given_line)) ||
        (rc = load_file(c, "country_aliases.tsv", alias_line)) ||
        (rc = load_file(c, "countries.tsv", country_line)) ||
        (rc = load_file(c, "places.tsv", place_line)) ||
        (rc = load_file(c, "places_id.tsv", place_line)))
        return rc;
    /* last: a curated form of the same kind wins over the lexicon's */
    c->flags = E_LEXICON;
    if ((rc = load_file(c, "org_lexicon.tsv", org_line)))
        return rc;
    return load_day_month(c->g, c->err);
}

/* The image of string set s into *img, viewed by t.  -1 when out of
 * memory. */
static int flatten(const strset_t *s, ftab_t *t, unsigned char **img)
{
    size_t len = 0, cap = 0;
    return ftab_image(&s->map, img, &len, &cap) || ftab_view(t, *img, len) ? -1 : 0;
}

/* Points g's tables at what b built. */
static int finish(gaz_t *g, gaz_build_t *b)
{
    g->node = b->node;
    g->nnode = b->nnode;
    g->edge = b->edge;
    g->capedge = b->capedge;
    g->ent = b->ent;
    g->nent = b->nent;
    g->pcs = b->pcs;
    g->npcs = b->npcs;
    g->str = b->str;
    g->nstr = b->nstr;
    for (size_t i = 0; i < b->nday; i++)
        g->day_month[i] = b->str + b->day_month[i];
    return flatten(&b->given, &g->given, &b->img[0]) ||
                   flatten(&b->lower_first, &g->lower_first, &b->img[1])
               ? -1
               : 0;
}

int gaz_build(gaz_t **out, warta_error_t *err)
{
    *out = NULL;
    gaz_t *g = calloc(1, sizeof *g);
    load_ctx_t *c = calloc(1, sizeof *c);
    int rc = WARTA_ERR_NOMEM;
    if (!g || !c || !(g->b = calloc(1, sizeof *g->b)) || gaz_trie_init(g->b)) {
        err_set(err, rc, 0, NULL);
        goto out;
    }
    c->g = g->b;
    c->err = err;
    if ((rc = load_files(c)))
        goto out;
    if (finish(g, g->b)) {
        rc = err_set(err, WARTA_ERR_NOMEM, 0, NULL);
        goto out;
    }
out:
    if (c)
        strset_free(&c->deny);
    free(c);
    if (rc) {
        gaz_free(g);
        return rc;
    }
    *out = g;
    return 0;
}

/* Section id of tb as an array of n records of `size` bytes; -1 when its
 * length is no multiple of size. */
static int sec(const tblob_t *tb, int id, size_t size, const void **p, size_t *n)
{
    *p = tb->sec[id];
    *n = tb->len[id] / size;
    return tb->len[id] % size ? -1 : 0;
}

int gaz_open(gaz_t **out, const tblob_t *tb)
{
    *out = NULL;
    gaz_t *g = calloc(1, sizeof *g);
    if (!g)
        return WARTA_ERR_NOMEM;
    const void *node, *edge, *ent, *pcs, *str, *dm;
    size_t ndm;
    int bad = sec(tb, TB_GAZ_NODE, sizeof *g->node, &node, &g->nnode) ||
              sec(tb, TB_GAZ_EDGE, sizeof *g->edge, &edge, &g->capedge) ||
              sec(tb, TB_GAZ_ENT, sizeof *g->ent, &ent, &g->nent) ||
              sec(tb, TB_GAZ_PCS, sizeof *g->pcs, &pcs, &g->npcs) ||
              sec(tb, TB_GAZ_STR, 1, &str, &g->nstr) ||
              sec(tb, TB_GAZ_DAYMONTH, sizeof(uint32_t), &dm, &ndm) ||
              ftab_view(&g->given, tb->sec[TB_GAZ_GIVEN], tb->len[TB_GAZ_GIVEN]) ||
              ftab_view(&g->lower_first, tb->sec[TB_GAZ_LOWER], tb->len[TB_GAZ_LOWER]);
    if (bad || !g->nnode || !g->capedge || (g->capedge & (g->capedge - 1)) ||
        ndm >= sizeof g->day_month / sizeof g->day_month[0]) {
        free(g);
        return WARTA_ERR_DATA;
    }
    g->node = node;
    g->edge = edge;
    g->ent = ent;
    g->pcs = pcs;
    g->str = str;
    const uint32_t *dmo = dm;
    for (size_t i = 0; i < ndm; i++)
        g->day_month[i] = g->str + dmo[i];
    *out = g;
    return 0;
}

int gaz_save(const gaz_t *g, tb_writer_t *w)
{
    const struct { int id; const void *p; size_t n; } s[] = {
        {TB_GAZ_NODE, g->node, g->nnode * sizeof *g->node},
        {TB_GAZ_EDGE, g->edge, g->capedge * sizeof *g->edge},
        {TB_GAZ_ENT, g->ent, g->nent * sizeof *g->ent},
        {TB_GAZ_PCS, g->pcs, g->npcs * sizeof *g->pcs},
        {TB_GAZ_STR, g->str, g->nstr},
        {TB_GAZ_DAYMONTH, g->b ? g->b->day_month : NULL, g->b ? g->b->nday * sizeof(uint32_t) : 0},
    };
    if (!g->b)
        return WARTA_ERR_DATA;
    for (size_t i = 0; i < sizeof s / sizeof *s; i++) {
        tbw_begin(w, s[i].id);
        tbw_put(w, s[i].p, s[i].n);
        tbw_end(w, s[i].id);
    }
    for (int i = 0; i < 2; i++) {
        int id = i ? TB_GAZ_LOWER : TB_GAZ_GIVEN;
        tbw_begin(w, id);
        if (ftab_image(i ? &g->b->lower_first.map : &g->b->given.map, &w->buf, &w->len, &w->cap))
            return WARTA_ERR_NOMEM;
        tbw_end(w, id);
    }
    return w->oom ? WARTA_ERR_NOMEM : 0;
}

int gaz_load(gaz_t **out, warta_error_t *err)
{
    const tblob_t *tb = tables_embedded();
    int rc = tb ? gaz_open(out, tb) : WARTA_ERR_DATA;
    if (rc == WARTA_ERR_NOMEM)
        return err_set(err, rc, 0, NULL);
    return rc == WARTA_ERR_DATA ? gaz_build(out, err) : rc;
}

void gaz_free(gaz_t *g)
{
    if (!g)
        return;
    if (g->b) {
        strset_free(&g->b->given);
        strset_free(&g->b->lower_first);
        free(g->b->img[0]);
        free(g->b->img[1]);
        gaz_trie_free(g->b);
        free(g->b);
    }
    free(g);
}
