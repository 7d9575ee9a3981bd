/* gazetteer.c - countries (ISO 3166-1), places and well-known organizations
 * found by longest-first lookup over token sequences.
 *
 * Data (embedded, see data.h):
 *   country_aliases.tsv  curated news forms (AS, Korut, Tiongkok...), canonical
 *                        names, flags (exact, ctx, deny)
 *   countries.tsv        generated from iso-codes: ISO names in Indonesian and
 *                        English
 *   places.tsv           curated world and Indonesian places
 *   places_id.tsv        generated from idn-area-data (provinces, regencies)
 *   organizations.tsv    curated organizations, org head words and tails
 *
 * The lookup structure is a token trie whose edges live in one open-addressing
 * hash table keyed by (parent node, case-folded piece).  A "piece" is a run of
 * characters between ASCII punctuation marks, or one such mark, so that
 * "Bangsa-Bangsa" as one token and "Bangsa" "-" "Bangsa" as three tokens walk
 * the same path; a match must end at a token's end, so a token is never
 * split ("AS-Korsel" as one token matches nothing).
 *
 * Case: every piece of a form is one of
 *   ANY    lower case or punctuation in the form ("dan" in "Bosnia dan
 *          Herzegovina"): any case in the text
 *   CAP    title case in the form: the text's piece must begin with a capital
 *          (so "Korea", "KOREA" match, "korea" does not)
 *   EXACT  capitals in the form (AS, RI, PBB) or the `exact` flag: byte-equal
 *
 * gaz_run walks the trie from every token (it sets the per-token
 * LEX_COUNTRY_* and LEX_PLACE_* bits of every country and place form, also
 * inside organizations), and emits non-overlapping mentions
 * left to right: the longest match wins, ORGANIZATION before COUNTRY before
 * LOCATION on equal length.  Rules on top:
 *   - ctx forms (AS, RI) are dropped in English phrases ("such AS this"),
 *     before a city or club name ("AS Roma"), RI before a number ("RI 1");
 *   - a country after "bahasa" is a language ("bahasa Inggris");
 *   - an organization followed by RI takes it ("DPR RI");
 *   - an org head word (Komite, Bank, Kedubes...) followed within a few
 *     capitalised words by a country starts an ORGANIZATION that ends after
 *     the country, its tails (Tbk) and connector phrases ("untuk Anti
 *     Pencucian Uang dan ..."); in headlines (mostly capitalised lines) the
 *     country must follow the head almost at once;
 *   - "Korea Utara (Korut)": a country followed by a bracketed capitalised
 *     token with the same initial makes that token an alias of the country
 *     for the rest of the document.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "data.h"
#include "pieces.h"
#include "pipeline.h"

enum kind { K_ORG = 0, K_COUNTRY, K_PLACE, K_HEAD, K_TAIL, K_PERSON, K_TICKER, K_N };

/* flags of an entry */
#define E_CTX 0x01u   /* ambiguous short form: context rules apply */
#define E_EXACT 0x02u /* every piece byte-equal */
#define E_LEXICON 0x04u /* from the generated org_lexicon.tsv: weaker than curated */

/* mention scores (resolver ties: higher wins) */
#define SCORE_COUNTRY 20
#define SCORE_ORG 20
#define SCORE_ORG_RULE 10
#define SCORE_PLACE 10
#define SCORE_ORG_LEXICON 15 /* below SCORE_ORG: resolve.c trims people only at curated ones */
#define SCORE_PERSON 20

#define NONE UINT32_MAX
#define FOLD_MAX 128 /* longer tokens never match */

typedef struct entry {
    uint8_t kind, flags;
    uint16_t npieces;
    const piece_t *pieces;
    const char *iso;   /* K_COUNTRY */
    const char *name;  /* canonical name (country, place) or full org name */
    uint32_t next;     /* next entry ending at the same node */
} entry_t;

typedef struct edge {
    uint64_t h;
    uint32_t parent, child;
    const char *s; /* folded piece */
    uint32_t len;
} edge_t;

struct gaz {
    arena_t arena;      /* every string and piece array */
    uint32_t *node;     /* [nnode] first entry ending here, or NONE */
    size_t nnode, capnode;
    edge_t *edge;       /* [capedge] open addressing, child 0 = empty */
    size_t nedge, capedge;
    entry_t *ent;
    size_t nent, capent;
    /* countries: ISO code and canonical name; entries point into iso[] */
    char iso[320][3];
    const char *canon[320];
    size_t ncountry;
    const char *day_month[40]; /* data/days_months.txt, NULL-terminated */
    strset_t given; /* foreign given names (person_given.txt), as written */
    /* folded first pieces of the forms whose first piece does not begin
     * with a capital: the only ones a token in lower case can start */
    strset_t lower_first;
};

/* ---- pieces: pieces.h ------------------------------------------------- */

static uint64_t edge_hash(uint32_t parent, const char *s, size_t n)
{
    return hash_bytes_seed(s, n, (uint64_t)parent * 0x9E3779B97F4A7C15ULL);
}

static uint32_t child_of(const gaz_t *g, uint32_t parent, const char *s, size_t n)
{
    if (!g->capedge)
        return NONE;
    uint64_t h = edge_hash(parent, s, n);
    size_t mask = g->capedge - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        const edge_t *e = &g->edge[i];
        if (!e->child)
            return NONE;
        if (e->h == h && e->parent == parent && e->len == n && memcmp(e->s, s, n) == 0)
            return e->child;
    }
}

/* ---- building ---------------------------------------------------------- */

static int edges_grow(gaz_t *g)
{
    size_t nc = g->capedge ? g->capedge * 2 : 4096;
    edge_t *ne = calloc(nc, sizeof *ne);
    if (!ne)
        return -1;
    for (size_t i = 0; i < g->capedge; i++) {
        edge_t *e = &g->edge[i];
        if (!e->child)
            continue;
        size_t j = (size_t)e->h & (nc - 1);
        while (ne[j].child)
            j = (j + 1) & (nc - 1);
        ne[j] = *e;
    }
    free(g->edge);
    g->edge = ne;
    g->capedge = nc;
    return 0;
}

static uint32_t new_node(gaz_t *g)
{
    if (vec_reserve((void **)&g->node, &g->capnode, g->nnode + 1, sizeof *g->node))
        return NONE;
    g->node[g->nnode] = NONE;
    return (uint32_t)g->nnode++;
}

static uint32_t add_child(gaz_t *g, uint32_t parent, const char *s, size_t n)
{
    uint32_t c = child_of(g, parent, s, n);
    if (c != NONE)
        return c;
    if ((g->nedge + 1) * 2 > g->capedge && edges_grow(g))
        return NONE;
    char *k = arena_strndup(&g->arena, s, n);
    uint32_t child = new_node(g);
    if (!k || child == NONE)
        return NONE;
    uint64_t h = edge_hash(parent, s, n);
    size_t mask = g->capedge - 1, i = (size_t)h & mask;
    while (g->edge[i].child)
        i = (i + 1) & mask;
    g->edge[i] = (edge_t){h, parent, child, k, (uint32_t)n};
    g->nedge++;
    return child;
}

/* Adds `form` (UTF-8, words separated by spaces).  Returns the entry index,
 * or NONE: for a duplicate of the same kind (first one wins), a form too
 * long or of too many pieces, or out of memory (then *oom is set to 1). */
static uint32_t add_form(gaz_t *g, const char *form, size_t n, int kind, unsigned flags,
                         const char *iso, const char *name, int *oom)
{
    char fold[4 * FOLD_MAX + 1];
    if (n > FOLD_MAX)
        return NONE;
    size_t fn = utf8_fold(form, n, fold, sizeof fold);
    /* the folded form has the same pieces as the original */
    piece_t tmp[64];
    size_t np = 0, i = 0, b, e, fi = 0, fb, fe;
    size_t f0b = 0, f0e = 0; /* the first folded piece */
    uint32_t node = 0;
    int after_hyphen = 0;
    while (next_piece(form, n, &i, &b, &e)) {
        if (!next_piece(fold, fn, &fi, &fb, &fe) || np == 64)
            return NONE;
        if (!np) {
            f0b = fb;
            f0e = fe;
        }
        node = add_child(g, node, fold + fb, fe - fb);
        if (node == NONE) {
            *oom = 1;
            return NONE;
        }
        piece_t *pc = &tmp[np++];
        pc->s = form + b;
        pc->len = (uint16_t)(e - b);
        pc->cls = (flags & E_EXACT) ? P_EXACT : (uint8_t)piece_class(form + b, e - b, after_hyphen);
        after_hyphen = form[b] == '-' && e - b == 1;
    }
    if (!np)
        return NONE;
    if (!first_upper(tmp[0].s, tmp[0].len) && strset_add(&g->lower_first, fold + f0b, f0e - f0b)) {
        *oom = 1;
        return NONE;
    }
    for (uint32_t x = g->node[node]; x != NONE; x = g->ent[x].next)
        if (g->ent[x].kind == kind)
            return NONE;
    piece_t *pcs = arena_alloc(&g->arena, np * sizeof *pcs);
    char *copy = arena_strndup(&g->arena, form, n);
    if (!pcs || !copy ||
        vec_reserve((void **)&g->ent, &g->capent, g->nent + 1, sizeof *g->ent)) {
        *oom = 1;
        return NONE;
    }
    for (size_t k = 0; k < np; k++) {
        pcs[k] = tmp[k];
        pcs[k].s = copy + (tmp[k].s - form);
    }
    uint32_t id = (uint32_t)g->nent++;
    entry_t *en = &g->ent[id];
    en->kind = (uint8_t)kind;
    en->flags = (uint8_t)flags;
    en->npieces = (uint16_t)np;
    en->pieces = pcs;
    en->iso = iso;
    en->name = name;
    /* append, so that earlier files keep priority among equal kinds */
    en->next = NONE;
    uint32_t *link = &g->node[node];
    while (*link != NONE)
        link = &g->ent[*link].next;
    *link = id;
    return id;
}

/* ---- loading ----------------------------------------------------------- */

typedef struct load_ctx {
    gaz_t *g;
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
    gaz_t *g = c->g;
    for (size_t i = 0; i < g->ncountry; i++)
        if (memcmp(g->iso[i], iso, 2) == 0) {
            if (strict && (strlen(g->canon[i]) != nn || memcmp(g->canon[i], name, nn) != 0))
                return fail(c, WARTA_ERR_DATA, "another canonical name for this ISO code"), -1;
            return (int)i;
        }
    if (g->ncountry == sizeof g->canon / sizeof *g->canon)
        return fail(c, WARTA_ERR_LIMIT, "too many countries"), -1;
    const char *cn = arena_strndup(&g->arena, name, nn);
    if (!cn)
        return fail(c, WARTA_ERR_NOMEM, "out of memory"), -1;
    memcpy(g->iso[g->ncountry], iso, 2);
    g->iso[g->ncountry][2] = '\0';
    g->canon[g->ncountry] = cn;
    return (int)g->ncountry++;
}

static const char *str(gaz_t *g, const char *s, size_t n)
{
    return arena_strndup(&g->arena, s, n);
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
    add_form(c->g, f[0], fl[0], K_COUNTRY, flags, c->g->iso[ci], c->g->canon[ci], &oom);
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
    add_form(c->g, f[3], fl[3], K_COUNTRY, 0, c->g->iso[ci], c->g->canon[ci], &oom);
    return oom ? fail(c, WARTA_ERR_NOMEM, "out of memory") : 0;
}

/* places.tsv, places_id.tsv: form, canonical name[, kind, code] */
static int place_line(const char *l, size_t len, void *vc)
{
    load_ctx_t *c = vc;
    c->line++;
    const char *f[4];
    size_t fl[4];
    if (split_tabs(l, len, f, fl, 4) < 2 || !fl[0] || !fl[1])
        return fail(c, WARTA_ERR_DATA, "want form, canonical name[, kind, code]");
    const char *name = str(c->g, f[1], fl[1]);
    int oom = !name;
    if (name)
        add_form(c->g, f[0], fl[0], K_PLACE, 0, NULL, name, &oom);
    return oom ? fail(c, WARTA_ERR_NOMEM, "out of memory") : 0;
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
    const char *name = NULL;
    int oom = 0;
    if (k == 3 && fl[2] && !(name = str(c->g, f[2], fl[2])))
        oom = 1;
    if (!oom)
        add_form(c->g, f[0], fl[0], kind, c->flags, NULL, name, &oom);
    return oom ? fail(c, WARTA_ERR_NOMEM, "out of memory") : 0;
}

/* people.tsv: form, canonical full name */
static int person_line(const char *l, size_t len, void *vc)
{
    load_ctx_t *c = vc;
    c->line++;
    const char *f[2];
    size_t fl[2];
    if (split_tabs(l, len, f, fl, 2) < 2 || !fl[0] || !fl[1])
        return fail(c, WARTA_ERR_DATA, "want form, canonical name");
    const char *name = str(c->g, f[1], fl[1]);
    int oom = !name;
    if (name)
        add_form(c->g, f[0], fl[0], K_PERSON, 0, NULL, name, &oom);
    return oom ? fail(c, WARTA_ERR_NOMEM, "out of memory") : 0;
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
    gaz_t *g = ctx;
    size_t k = 0;
    while (g->day_month[k])
        k++;
    if (k + 1 >= sizeof g->day_month / sizeof g->day_month[0])
        return WARTA_ERR_DATA;
    return (g->day_month[k] = arena_strndup(&g->arena, line, len)) ? 0 : WARTA_ERR_NOMEM;
}

/* The day and month names (lower case) for tok_in(). */
static int load_day_month(gaz_t *g, warta_error_t *err)
{
    size_t n;
    const unsigned char *buf = data_get("days_months.txt", &n);
    int rc = buf ? for_each_line((const char *)buf, n, add_day_month, g) : WARTA_ERR_DATA;
    return rc ? err_set(err, rc, 0, "data/days_months.txt: %s",
                        rc == WARTA_ERR_NOMEM ? "out of memory" : "missing or too long")
              : 0;
}

int gaz_load(gaz_t **out, warta_error_t *err)
{
    *out = NULL;
    gaz_t *g = calloc(1, sizeof *g);
    load_ctx_t *c = calloc(1, sizeof *c);
    int rc = WARTA_ERR_NOMEM;
    if (!g || !c || new_node(g) == NONE || edges_grow(g)) {
        err_set(err, rc, 0, NULL);
        goto out;
    }
    c->g = g;
    c->err = err;
    if ((rc = load_file(c, "organizations.tsv", org_line)) ||
        (rc = load_file(c, "org_id.tsv", org_line)) || (rc = load_file(c, "people.tsv", person_line)) ||
        (rc = load_file(c, "person_given.txt", given_line)) ||
        (rc = load_file(c, "country_aliases.tsv", alias_line)) ||
        (rc = load_file(c, "countries.tsv", country_line)) ||
        (rc = load_file(c, "places.tsv", place_line)) ||
        (rc = load_file(c, "places_id.tsv", place_line)))
        goto out;
    /* last: a curated form of the same kind wins over the lexicon's */
    c->flags = E_LEXICON;
    if ((rc = load_file(c, "org_lexicon.tsv", org_line)))
        goto out;
    rc = load_day_month(g, err);
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

void gaz_free(gaz_t *g)
{
    if (!g)
        return;
    arena_free(&g->arena);
    strset_free(&g->given);
    strset_free(&g->lower_first);
    free(g->node);
    free(g->edge);
    free(g->ent);
    free(g);
}

/* ---- matching ---------------------------------------------------------- */

/* A token's folded text, computed on demand. */
typedef struct ftok {
    char buf[4 * FOLD_MAX + 1];
    size_t n;
    int ok; /* 0 when too long to match */
} ftok_t;

static void fold_tok(const pipe_t *p, size_t t, ftok_t *f)
{
    const warta_token_t *k = &p->tok[t];
    size_t n = k->byte_end - k->byte_start;
    f->ok = n <= FOLD_MAX;
    f->n = f->ok ? utf8_fold(p->s + k->byte_start, n, f->buf, sizeof f->buf) : 0;
}

/* Does the surface text of tokens [tb, te) satisfy the entry's case? */
static int case_ok(const pipe_t *p, const entry_t *en, size_t tb, size_t te)
{
    return pieces_case_ok(p, en->pieces, en->npieces, tb, te);
}

typedef struct match {
    uint32_t te;    /* end token, 0 = none */
    uint32_t entry;
} match_t;

/* Longest match of each kind starting at token t. */
static void walk(const gaz_t *g, const pipe_t *p, size_t t, match_t res[K_N])
{
    memset(res, 0, K_N * sizeof *res);
    ftok_t f;
    uint32_t node = 0;
    for (size_t j = t; j < p->ntok; j++) {
        if (j > t && (p->tok[j].flags & WARTA_TOKF_BLANK_BEFORE))
            break;
        fold_tok(p, j, &f);
        if (!f.ok)
            break;
        size_t i = 0, b, e;
        while (node != NONE && next_piece(f.buf, f.n, &i, &b, &e))
            node = child_of(g, node, f.buf + b, e - b);
        if (node == NONE)
            break;
        for (uint32_t x = g->node[node]; x != NONE; x = g->ent[x].next) {
            const entry_t *en = &g->ent[x];
            if (res[en->kind].te < j + 1 && case_ok(p, en, t, j + 1)) {
                res[en->kind].te = (uint32_t)(j + 1);
                res[en->kind].entry = x;
            }
        }
    }
}

static int tok_is(const pipe_t *p, size_t t, const char *w)
{
    size_t n = strlen(w);
    return t < p->ntok && p->tok[t].byte_end - p->tok[t].byte_start == n &&
           memcmp(p->s + p->tok[t].byte_start, w, n) == 0;
}

/* case-insensitive membership of token t in a NULL-terminated list of
 * lower-case ASCII words */
static int tok_in(const pipe_t *p, size_t t, const char *const *list)
{
    if (t >= p->ntok)
        return 0;
    const char *s = p->s + p->tok[t].byte_start;
    size_t n = p->tok[t].byte_end - p->tok[t].byte_start;
    for (; *list; list++) {
        if (strlen(*list) != n)
            continue;
        size_t i = 0;
        while (i < n && (s[i] | 0x20) == (*list)[i])
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

static int is_word(const pipe_t *p, size_t t)
{
    return t < p->ntok && p->tok[t].kind == WARTA_TOK_WORD;
}

static int is_cap_word(const pipe_t *p, size_t t)
{
    return is_word(p, t) &&
           first_upper(p->s + p->tok[t].byte_start, p->tok[t].byte_end - p->tok[t].byte_start);
}

static int is_number(const pipe_t *p, size_t t)
{
    if (t >= p->ntok)
        return 0;
    if (p->tok[t].kind == WARTA_TOK_NUMBER)
        return 1;
    unsigned char c = (unsigned char)p->s[p->tok[t].byte_start];
    return c >= '0' && c <= '9';
}

static const char *const english_words[] = {
    "such", "known", "well", "same", "as", "so", "soon", "far", "long", "much", "many",
    "the", "a", "an", "is", "was", "are", "it", "this", "that", "of", "to", "you", "we",
    "they", "he", "she", "i", "if", "possible", "just", "good", "fast", "and", "or", NULL};


static const char *const language_words[] = {"bahasa", "berbahasa", NULL};

/* previous token, or SIZE_MAX */
static size_t prev_tok(size_t t) { return t ? t - 1 : SIZE_MAX; }

static int begins_kind(const gaz_t *g, const pipe_t *p, size_t t, int kind, size_t maxlen)
{
    if (t >= p->ntok)
        return 0;
    match_t r[K_N];
    walk(g, p, t, r);
    return r[kind].te && r[kind].te - t <= maxlen;
}

/* A city or country name right after token te-1, on the same line: "AS
 * Roma" is a football club. */
static int club_after(const gaz_t *g, const pipe_t *p, size_t te)
{
    return te < p->ntok && (p->tok[te].flags & WARTA_TOKF_SPACE_BEFORE) &&
           !(p->tok[te].flags & WARTA_TOKF_NEWLINE_BEFORE) && is_cap_word(p, te) &&
           (begins_kind(g, p, te, K_PLACE, 3) || begins_kind(g, p, te, K_COUNTRY, 3));
}

/* Context of an ambiguous short form at [tb, te) (AS, RI). */
static int ctx_ok(const gaz_t *g, const pipe_t *p, size_t tb, size_t te)
{
    size_t pv = prev_tok(tb);
    /* English phrase: "such AS", "AS SOON AS" */
    if ((pv != SIZE_MAX && is_word(p, pv) && tok_in(p, pv, english_words) &&
         !(p->tok[tb].flags & WARTA_TOKF_NEWLINE_BEFORE)) ||
        (is_word(p, te) && tok_in(p, te, english_words) &&
         !(p->tok[te].flags & WARTA_TOKF_NEWLINE_BEFORE)))
        return 0;
    if (te < p->ntok && (p->tok[te].flags & WARTA_TOKF_SPACE_BEFORE) &&
        !(p->tok[te].flags & WARTA_TOKF_NEWLINE_BEFORE)) {
        if (club_after(g, p, te))
            return 0;
        /* "RI 1", a number plate or a title */
        if (is_number(p, te))
            return 0;
    }
    if (tok_is(p, te, "-") && !(p->tok[te].flags & WARTA_TOKF_SPACE_BEFORE) &&
        is_number(p, te + 1))
        return 0;
    return 1;
}

/* A line whose words are nearly all capitalised: a headline or title. */
static int in_headline(const pipe_t *p, size_t t)
{
    size_t b = t, e = t + 1, lim = 64;
    while (b > 0 && !(p->tok[b].flags & WARTA_TOKF_NEWLINE_BEFORE) && lim--)
        b--;
    lim = 64;
    while (e < p->ntok && !(p->tok[e].flags & WARTA_TOKF_NEWLINE_BEFORE) && lim--)
        e++;
    size_t words = 0, lower = 0;
    for (size_t k = b; k < e; k++) {
        if (!is_word(p, k))
            continue;
        words++;
        if (!is_cap_word(p, k))
            lower++;
    }
    return words >= 4 && lower * 5 <= words;
}

static size_t skip_tails(const gaz_t *g, const pipe_t *p, size_t k)
{
    for (;;) {
        match_t r[K_N];
        if (k < p->ntok && !(p->tok[k].flags & WARTA_TOKF_NEWLINE_BEFORE)) {
            walk(g, p, k, r);
            if (r[K_TAIL].te) {
                k = r[K_TAIL].te;
                continue;
            }
            /* (Persero) */
            if (tok_is(p, k, "(") && k + 2 < p->ntok && tok_is(p, k + 2, ")")) {
                walk(g, p, k + 1, r);
                if (r[K_TAIL].te == k + 2) {
                    k += 3;
                    continue;
                }
            }
        }
        return k;
    }
}

static const char *const connectors[] = {"untuk", "bagi", "atas", "dan", "&", NULL};

/* Organization by head word: tokens [t, head_end) are a head ("Komite").
 * Returns the end of the organization, or 0 when no country follows. */
static size_t head_rule(const gaz_t *g, const pipe_t *p, size_t t, size_t head_end)
{
    int headline = in_headline(p, t);
    size_t gap_max = headline ? 1 : 3, gap = 0, j = head_end, cend = 0;
    while (j < p->ntok && gap <= gap_max) {
        if (!is_cap_word(p, j) || (p->tok[j].flags & WARTA_TOKF_NEWLINE_BEFORE) ||
            tok_in(p, j, g->day_month))
            break;
        match_t r[K_N];
        walk(g, p, j, r);
        if (r[K_COUNTRY].te) {
            const entry_t *en = &g->ent[r[K_COUNTRY].entry];
            if (!(en->flags & E_CTX) || ctx_ok(g, p, j, r[K_COUNTRY].te))
                cend = r[K_COUNTRY].te;
            break;
        }
        if (r[K_HEAD].te || r[K_ORG].te || r[K_PLACE].te)
            break;
        gap++;
        j++;
    }
    if (!cend)
        return 0;
    size_t k = skip_tails(g, p, cend);
    if (headline)
        return k;
    while (k + 1 < p->ntok && tok_in(p, k, connectors) &&
           !(p->tok[k].flags & WARTA_TOKF_NEWLINE_BEFORE)) {
        size_t r0 = k + 1;
        if (!is_cap_word(p, r0) || (p->tok[r0].flags & WARTA_TOKF_NEWLINE_BEFORE))
            break;
        match_t r[K_N];
        walk(g, p, r0, r);
        int is_and = tok_is(p, k, "dan") || tok_is(p, k, "&");
        if (r[K_HEAD].te || (is_and && (r[K_COUNTRY].te || r[K_PLACE].te || r[K_ORG].te)))
            break;
        size_t e = r0;
        while (e < p->ntok && is_cap_word(p, e) &&
               !(p->tok[e].flags & WARTA_TOKF_NEWLINE_BEFORE) && !tok_in(p, e, g->day_month))
            e++;
        if (e == r0)
            break;
        k = skip_tails(g, p, e);
    }
    return k;
}

/* In-document aliases: "Korea Utara (Korut)". */
#define MAX_DOC_ALIAS 32
typedef struct doc_alias {
    char s[64]; /* surface form */
    size_t n;
    const entry_t *en;
} doc_alias_t;

typedef struct run_state {
    doc_alias_t alias[MAX_DOC_ALIAS];
    size_t nalias;
} run_state_t;

static const entry_t *alias_at(const run_state_t *st, const pipe_t *p, size_t t)
{
    if (!st->nalias || !is_cap_word(p, t))
        return NULL;
    const char *s = p->s + p->tok[t].byte_start;
    size_t n = p->tok[t].byte_end - p->tok[t].byte_start;
    for (size_t i = 0; i < st->nalias; i++)
        if (st->alias[i].n == n && memcmp(st->alias[i].s, s, n) == 0)
            return st->alias[i].en;
    return NULL;
}

static void maybe_define_alias(const gaz_t *g, run_state_t *st, const pipe_t *p,
                               const entry_t *en, size_t tb, size_t te)
{
    if (st->nalias == MAX_DOC_ALIAS || te + 2 >= p->ntok || !tok_is(p, te, "(") ||
        !tok_is(p, te + 2, ")") || !is_cap_word(p, te + 1) || tok_in(p, te + 1, g->day_month))
        return;
    const char *s = p->s + p->tok[te + 1].byte_start;
    size_t n = p->tok[te + 1].byte_end - p->tok[te + 1].byte_start;
    const char *f = p->s + p->tok[tb].byte_start;
    if (n < 2 || n >= sizeof st->alias[0].s || (s[0] | 0x20) != (f[0] | 0x20))
        return;
    match_t r[K_N];
    walk(g, p, te + 1, r);
    for (int k = 0; k < K_N; k++)
        if (r[k].te)
            return; /* already known as something */
    doc_alias_t *a = &st->alias[st->nalias++];
    memcpy(a->s, s, n);
    a->n = n;
    a->en = en;
}

static void set_lex(pipe_t *p, size_t tb, size_t te, uint32_t b, uint32_t i)
{
    p->lex[tb] |= b;
    for (size_t t = tb + 1; t < te; t++)
        p->lex[t] |= i;
}

static int emit(pipe_t *p, size_t tb, size_t te, int type, int score, const entry_t *en)
{
    mention_t *m = pipe_add_mention(p, (uint32_t)tb, (uint32_t)te, type, SRC_GAZ);
    if (!m)
        return WARTA_ERR_NOMEM;
    m->score = (int16_t)score;
    if (en && type == WARTA_COUNTRY) {
        m->iso = en->iso;
        m->name = en->name;
    } else if (en && type == WARTA_LOCATION) {
        m->name = en->name;
    } else if (en && (type == WARTA_ORGANIZATION || type == WARTA_PERSON) && en->name &&
               p->arena) {
        m->canonical = arena_strndup(p->arena, en->name, strlen(en->name));
        if (!m->canonical)
            return WARTA_ERR_NOMEM;
    }
    return 0;
}

/* An IDX code ("BBRI") names the company only in brackets, "(BBRI)", or
 * after saham / emiten / kode: elsewhere four capitals are as often an
 * acronym of something else. */
static int ticker_context(const pipe_t *p, size_t tb, size_t te)
{
    static const char *const cue[] = {"saham", "emiten", "kode", "berkode", "ticker", NULL};
    return tb > 0 && ((tok_is(p, tb - 1, "(") && tok_is(p, te, ")")) || tok_in(p, tb - 1, cue));
}

/* Can a form start at token t?  A token in lower case only when its first
 * piece begins some form in lower case (most tokens of a text are lower
 * case, and the trie is large: this spares the walk its cache misses). */
static int can_start(const gaz_t *g, const pipe_t *p, size_t t)
{
    const char *s = p->s + p->tok[t].byte_start;
    size_t n = p->tok[t].byte_end - p->tok[t].byte_start, i = 0, b, e;
    if (!n || !(s[0] >= 'a' && s[0] <= 'z'))
        return 1;
    if (!g->lower_first.map.n || !next_piece(s, n, &i, &b, &e) || e - b > FOLD_MAX)
        return 0;
    char fold[4 * FOLD_MAX + 1];
    size_t fn = utf8_fold(s + b, e - b, fold, sizeof fold);
    return strset_has(&g->lower_first, fold, fn);
}

/* Words after which capitals are a person's initials: "berinisial MK". */
static const char *const initials_cue[] = {"berinisial", "inisial", "tersangka", "pelaku",
                                           "korban", "terdakwa", "saksi", "terpidana", NULL};

/* Is the organization at [tb, te) what the text means?  Not when a short
 * form in capitals follows a word that introduces initials ("tersangka MK"),
 * and not when a longer country starts inside it ("Liga Arab Saudi" is the
 * Saudi league, not the Arab League). */
static int org_fits(const gaz_t *g, const pipe_t *p, size_t tb, size_t te)
{
    if (te == tb + 1 && tb > 0 && tok_in(p, tb - 1, initials_cue) &&
        p->tok[tb].byte_end - p->tok[tb].byte_start <= 4 && !has_lower(p->s + p->tok[tb].byte_start,
                                                                   p->tok[tb].byte_end - p->tok[tb].byte_start))
        return 0;
    for (size_t k = tb + 1; k < te; k++) {
        match_t r[K_N];
        walk(g, p, k, r);
        if (r[K_COUNTRY].te > te)
            return 0;
    }
    return 1;
}

/* Marks the foreign given names (person_given.txt) with LEX_FOREIGN_GIVEN. */
static void mark_given(const gaz_t *g, pipe_t *p)
{
    if (!g->given.map.n)
        return;
    for (size_t t = 0; t < p->ntok; t++) {
        const char *s = p->s + p->tok[t].byte_start;
        size_t n = p->tok[t].byte_end - p->tok[t].byte_start;
        if (p->tok[t].kind == WARTA_TOK_WORD && n >= 3 && s[0] >= 'A' && s[0] <= 'Z' &&
            strset_has(&g->given, s, n))
            p->lex[t] |= LEX_FOREIGN_GIVEN;
    }
}

int gaz_run(const gaz_t *g, pipe_t *p)
{
    mark_given(g, p);
    run_state_t st;
    st.nalias = 0;
    size_t until = 0; /* tokens before it are inside an emitted mention */
    for (size_t t = 0; t < p->ntok; t++) {
        match_t r[K_N];
        if (can_start(g, p, t))
            walk(g, p, t, r);
        else
            memset(r, 0, sizeof r);
        if (r[K_COUNTRY].te)
            set_lex(p, t, r[K_COUNTRY].te, LEX_COUNTRY_B, LEX_COUNTRY_I);
        if (r[K_PLACE].te)
            set_lex(p, t, r[K_PLACE].te, LEX_PLACE_B, LEX_PLACE_I);
        if (t < until)
            continue;
        /* the longest match; ORGANIZATION, COUNTRY, LOCATION on ties */
        static const int kinds[] = {K_ORG, K_COUNTRY, K_PLACE, K_HEAD, K_PERSON};
        int best = -1;
        for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
            if (r[kinds[i]].te && (best < 0 || r[kinds[i]].te > r[best].te))
                best = kinds[i];
        if (best == K_ORG && !org_fits(g, p, t, r[K_ORG].te))
            best = -1;
        if (r[K_TICKER].te && (best < 0 || r[K_TICKER].te > r[best].te) &&
            ticker_context(p, t, r[K_TICKER].te))
            best = K_TICKER;
        int rc = 0;
        size_t hte = 0;
        const entry_t *al = alias_at(&st, p, t);
        if (al && (best < 0 || r[best].te <= t + 1)) {
            set_lex(p, t, t + 1, LEX_COUNTRY_B, LEX_COUNTRY_I);
            rc = emit(p, t, t + 1, WARTA_COUNTRY, SCORE_COUNTRY, al);
            until = t + 1;
        } else if (best == K_ORG && r[K_HEAD].te && is_cap_word(p, t) &&
                   (hte = head_rule(g, p, t, r[K_HEAD].te)) > r[K_ORG].te) {
            /* "Kementerian Luar Negeri China": a known name that a country
             * qualifies is that country's body */
            if (tok_is(p, hte, "RI") && (p->tok[hte].flags & WARTA_TOKF_SPACE_BEFORE))
                hte++;
            rc = emit(p, t, hte, WARTA_ORGANIZATION, SCORE_ORG_RULE, NULL);
            until = hte;
        } else if (best == K_ORG) {
            size_t te = skip_tails(g, p, r[K_ORG].te);
            if (tok_is(p, te, "RI") && (p->tok[te].flags & WARTA_TOKF_SPACE_BEFORE) &&
                !(p->tok[te].flags & WARTA_TOKF_NEWLINE_BEFORE))
                te++;
            const entry_t *en = &g->ent[r[K_ORG].entry];
            rc = emit(p, t, te, WARTA_ORGANIZATION,
                      en->flags & E_LEXICON ? SCORE_ORG_LEXICON : SCORE_ORG, en);
            until = te;
        } else if (best == K_TICKER || best == K_PERSON) {
            int person = best == K_PERSON;
            rc = emit(p, t, r[best].te, person ? WARTA_PERSON : WARTA_ORGANIZATION,
                      person ? SCORE_PERSON : SCORE_ORG_LEXICON, &g->ent[r[best].entry]);
            until = r[best].te;
        } else if (best == K_COUNTRY) {
            const entry_t *en = &g->ent[r[K_COUNTRY].entry];
            size_t te = r[K_COUNTRY].te, pv = prev_tok(t);
            int lang = pv != SIZE_MAX && tok_in(p, pv, language_words);
            if (!lang && (en->flags & E_CTX) && club_after(g, p, te)) {
                /* "AS Roma", "AS Monaco": a club named after its city */
                match_t r2[K_N];
                walk(g, p, te, r2);
                size_t ce = r2[K_PLACE].te > r2[K_COUNTRY].te ? r2[K_PLACE].te : r2[K_COUNTRY].te;
                rc = emit(p, t, ce, WARTA_ORGANIZATION, SCORE_ORG_RULE, NULL);
                until = ce;
            } else if (!lang && (!(en->flags & E_CTX) || ctx_ok(g, p, t, te))) {
                rc = emit(p, t, te, WARTA_COUNTRY, SCORE_COUNTRY, en);
                until = te;
                maybe_define_alias(g, &st, p, en, t, te);
            }
        } else if (best == K_PLACE) {
            rc = emit(p, t, r[K_PLACE].te, WARTA_LOCATION, SCORE_PLACE,
                      &g->ent[r[K_PLACE].entry]);
            until = r[K_PLACE].te;
        } else if (best == K_HEAD && is_cap_word(p, t)) {
            size_t te = head_rule(g, p, t, r[K_HEAD].te);
            if (te) {
                if (tok_is(p, te, "RI") && (p->tok[te].flags & WARTA_TOKF_SPACE_BEFORE))
                    te++;
                rc = emit(p, t, te, WARTA_ORGANIZATION, SCORE_ORG_RULE, NULL);
                until = te;
            }
        }
        if (rc)
            return rc;
    }
    return 0;
}
