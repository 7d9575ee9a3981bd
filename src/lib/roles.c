/* roles.c - names in context (see roles.h): the phrase table and the
 * refinement of the tagger's mentions. */
#include "roles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "data.h"
#include "ftab.h"
#include "hashmap.h"
#include "tables.h"

/* What a phrase is (bits of a phrase table value). */
enum {
    R_TITLE = 1u << 0,   /* roles.tsv title */
    R_ORG = 1u << 1,     /* roles.tsv org: an organization may follow */
    R_OFFICE = 1u << 2,  /* roles.tsv office: a portfolio follows */
    R_REGION = 1u << 3,  /* roles.tsv region: a region follows */
    R_KEEP = 1u << 4,    /* roles.tsv keep: honorific + name is the name */
    P_ROAD = 1u << 5,    /* place_heads.tsv road */
    P_HEAD = 1u << 6,    /* place_heads.tsv head */
    P_TAIL = 1u << 7,    /* place_heads.tsv tail */
    N_STRIP = 1u << 8,   /* nonentities.tsv strip */
    N_DROP = 1u << 9,    /* nonentities.tsv drop */
    H_WORD = 1u << 10,   /* headline_words.txt */
    R_PORTFOLIO = 1u << 11, /* roles.tsv portfolio */
    R_ORGEND = 1u << 12, /* roles.tsv orgend */
    P_NAMED = 1u << 13,  /* place_heads.tsv named: an organization named after someone */
    PREFIX = 1u << 14,   /* the first words of a longer phrase: read on */
    LASTW = 1u << 15,    /* the last word of a title (roles.tsv but keep, portfolio, orgend) */
};
#define R_ANY (R_TITLE | R_ORG | R_OFFICE | R_REGION)

#define MAXW 6      /* longest phrase, in words */
#define KEYMAX 200  /* longest key, bytes */
#define EXACT '\x01' /* first byte of a case-sensitive key */

/* folded phrase -> bits: a flat table (ftab.h) in the prebuilt tables
 * (tables.h), or made by roles_build from a hash map (img) */
struct roles {
    ftab_t map;
    unsigned char *img;
};

static unsigned lookup(const roles_t *r, const char *k, size_t n)
{
    const uint32_t *v = ftab_get(&r->map, k, n);
    return v ? (unsigned)*v : 0;
}

static int add_key(hashmap_t *m, const char *k, size_t n, unsigned bits)
{
    uint64_t *v = hashmap_put(m, k, n, NULL);
    if (!v)
        return -1;
    *v |= (uint16_t)bits;
    return 0;
}

/* Appends word w (n bytes) to key buffer k (length *kn): folded unless
 * `exact`, without a trailing "." and with a ' ' before all but the first.
 * Returns -1 when the key would be too long. */
static int key_append(char *k, size_t *kn, const char *w, size_t n, int exact)
{
    if (n > 1 && w[n - 1] == '.')
        n--;
    if (*kn + 2 * n + 2 > KEYMAX)
        return -1;
    if (*kn > 1 || (*kn == 1 && k[0] != EXACT))
        k[(*kn)++] = ' ';
    if (exact) {
        memcpy(k + *kn, w, n);
        *kn += n;
        return 0;
    }
    size_t i = 0; /* ASCII is lower-cased here, the rest by utf8_fold */
    for (; i < n && (unsigned char)w[i] < 0x80; i++)
        k[*kn + i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
    *kn += i;
    if (i < n)
        *kn += utf8_fold(w + i, n - i, k + *kn, KEYMAX - *kn);
    return 0;
}

/* A form whose first word has a capital after its first letter (WNI,
 * iPhone) is case-sensitive, but only in nonentities.tsv: role words are
 * written in any case (AKBP, Akbp).  match() looks such keys up only for a
 * token of that shape. */
static int has_inner_capital(const char *s, size_t n)
{
    for (size_t i = 1; i < n && s[i] != ' '; i++)
        if (s[i] >= 'A' && s[i] <= 'Z')
            return 1;
    return 0;
}

typedef struct load {
    hashmap_t *r;
    const char *file;
    int exact_ok; /* forms with inner capitals are case-sensitive */
} load_t;

static const struct {
    const char *name;
    unsigned bits;
} kinds[] = {{"title", R_TITLE}, {"org", R_ORG},   {"office", R_OFFICE}, {"region", R_REGION},
             {"keep", R_KEEP},   {"road", P_ROAD}, {"head", P_HEAD},     {"tail", P_TAIL},
             {"strip", N_STRIP}, {"drop", N_DROP},
             {"portfolio", R_PORTFOLIO}, {"orgend", R_ORGEND}, {"named", P_NAMED}};

static unsigned kind_bits(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (strlen(kinds[i].name) == n && memcmp(kinds[i].name, s, n) == 0)
            return kinds[i].bits;
    return 0;
}

static int load_line(const char *l, size_t len, void *vc)
{
    load_t *c = vc;
    const char *f[2];
    size_t fl[2];
    size_t nf = split_tabs(l, len, f, fl, 2);
    unsigned bits = nf == 2 ? kind_bits(f[1], fl[1]) : H_WORD;
    if (!fl[0] || !bits)
        return WARTA_ERR_DATA;
    char k[KEYMAX];
    size_t kn = 0;
    int exact = c->exact_ok && has_inner_capital(f[0], fl[0]);
    if (exact)
        k[kn++] = EXACT;
    for (size_t i = 0, words = 0; i < fl[0]; words++) {
        size_t j = i;
        while (j < fl[0] && f[0][j] != ' ')
            j++;
        if (words == MAXW || key_append(k, &kn, f[0] + i, j - i, exact))
            return WARTA_ERR_DATA;
        if (j < fl[0] && add_key(c->r, k, kn, PREFIX))
            return WARTA_ERR_NOMEM;
        i = j + 1;
    }
    if ((bits & R_ANY) && !exact) { /* the last word alone, marked */
        size_t lw = kn;
        while (lw > 0 && k[lw - 1] != ' ')
            lw--;
        if (add_key(c->r, k + lw, kn - lw, LASTW))
            return WARTA_ERR_NOMEM;
    }
    return add_key(c->r, k, kn, bits) ? WARTA_ERR_NOMEM : 0;
}

/* The phrases of the data files into m.  0 or a negative WARTA_ERR_*
 * (err filled when not NULL). */
static int fill(hashmap_t *m, warta_error_t *err)
{
    static const struct {
        const char *file;
        int exact_ok;
    } files[] = {{"roles.tsv", 0},
                 {"place_heads.tsv", 0},
                 {"nonentities.tsv", 1},
                 {"headline_words.txt", 0}};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        size_t n;
        const unsigned char *buf = data_get(files[i].file, &n);
        load_t c = {m, files[i].file, files[i].exact_ok};
        int rc = buf ? for_each_line((const char *)buf, n, load_line, &c) : WARTA_ERR_DATA;
        if (rc < 0) {
            if (err) {
                err->code = rc;
                err->byte = 0;
                snprintf(err->message, sizeof err->message, "data/%s: %s", files[i].file,
                         rc == WARTA_ERR_NOMEM ? "out of memory" : "malformed or missing");
            }
            return rc;
        }
    }
    return 0;
}

int roles_build(roles_t **out, warta_error_t *err)
{
    *out = NULL;
    hashmap_t m = {0};
    size_t len = 0, cap = 0;
    roles_t *r = calloc(1, sizeof *r);
    int rc = r ? fill(&m, err) : WARTA_ERR_NOMEM;
    if (!rc && (ftab_image(&m, &r->img, &len, &cap) || ftab_view(&r->map, r->img, len)))
        rc = WARTA_ERR_NOMEM;
    hashmap_free(&m);
    if (rc) {
        if (rc == WARTA_ERR_NOMEM && err)
            err_set(err, rc, 0, "out of memory loading the role tables");
        roles_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

int roles_save(tb_writer_t *w, warta_error_t *err)
{
    hashmap_t m = {0};
    int rc = fill(&m, err);
    if (!rc) {
        tbw_begin(w, TB_ROLES);
        if (ftab_image(&m, &w->buf, &w->len, &w->cap))
            rc = WARTA_ERR_NOMEM;
        tbw_end(w, TB_ROLES);
    }
    hashmap_free(&m);
    return rc ? rc : w->oom ? WARTA_ERR_NOMEM : 0;
}

int roles_open(roles_t **out, const tblob_t *tb)
{
    *out = NULL;
    roles_t *r = calloc(1, sizeof *r);
    if (!r)
        return WARTA_ERR_NOMEM;
    if (ftab_view(&r->map, tb->sec[TB_ROLES], tb->len[TB_ROLES])) {
        free(r);
        return WARTA_ERR_DATA;
    }
    *out = r;
    return 0;
}

int roles_load(roles_t **out, warta_error_t *err)
{
    const tblob_t *tb = tables_embedded();
    int rc = tb ? roles_open(out, tb) : WARTA_ERR_DATA;
    if (rc == WARTA_ERR_NOMEM)
        return err_set(err, rc, 0, NULL);
    return rc == WARTA_ERR_DATA ? roles_build(out, err) : rc;
}

void roles_free(roles_t *r)
{
    if (!r)
        return;
    free(r->img);
    free(r);
}

/* ---- tokens ------------------------------------------------------------ */

static const char *ttext(const pipe_t *p, size_t t, size_t *n)
{
    *n = p->tok[t].byte_end - p->tok[t].byte_start;
    return p->s + p->tok[t].byte_start;
}

static inline int tok_is(const pipe_t *p, size_t t, const char *w)
{
    if (t >= p->ntok || p->s[p->tok[t].byte_start] != w[0])
        return 0;
    size_t n;
    const char *s = ttext(p, t, &n);
    return n == strlen(w) && memcmp(s, w, n) == 0;
}

static int is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }

static int cap_word(const pipe_t *p, size_t t)
{
    if (t >= p->ntok || p->tok[t].kind != WARTA_TOK_WORD)
        return 0;
    utf8proc_int32_t c;
    size_t n;
    const char *s = ttext(p, t, &n);
    if ((unsigned char)s[0] < 0x80) /* ASCII needs no decoding */
        return s[0] >= 'A' && s[0] <= 'Z';
    if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c) <= 0)
        return 0;
    return utf8proc_isupper(c) || utf8proc_category(c) == UTF8PROC_CATEGORY_LT;
}

/* `GTW`, `AR`, `A.R`: 2-5 capital letters (periods between allowed). */
static int initials_like(const pipe_t *p, size_t t)
{
    if (t >= p->ntok)
        return 0;
    size_t n, letters = 0;
    const char *s = ttext(p, t, &n);
    if (n < 2 || n > 9)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (is_upper_ascii(s[i]))
            letters++;
        else if (s[i] != '.' || i == 0)
            return 0;
    }
    return letters >= 2 && letters <= 5;
}

/* An acronym that ends an organization's name (`PSI`, `BPS`): 2+ capitals,
 * no lower-case letter. */
static int acronym(const pipe_t *p, size_t t)
{
    size_t n, up = 0;
    const char *s = ttext(p, t, &n);
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 'a' && s[i] <= 'z')
            return 0;
        up += is_upper_ascii(s[i]);
    }
    return up >= 2;
}

/* kept in p->lex while the pass runs (no array of its own: a huge
 * document's peak memory is in this pass), cleared at its end */
enum { GAZ_ORG = LEX_ROLES_ORG, GAZ_COUNTRY = LEX_ROLES_COUNTRY, COVERED = LEX_ROLES_COVERED };

typedef struct run {
    const roles_t *r;
    pipe_t *p;
    uint32_t *gaz;    /* p->lex: GAZ_ORG, GAZ_COUNTRY, COVERED (and the lexicon's bits) */
    int32_t *own;     /* [ntok] a mention holding the token (the model's first), or -1;
                         checked against the mention before use: it may be stale */
    size_t lb, le;    /* the last line title_line() read, and its answer */
    int title;
    struct first *first; /* [first_mask + 1] the table bits of recent tokens alone */
    size_t first_mask;   /* FIRST_CACHE - 1 (smaller in roles_check_match) */
} run_t;

/* The table bits of token t1 - 1 read alone (match's first step), in a
 * small cache indexed by the token's number: match asks about the few
 * tokens around a mention over and over; the memory stays the same for
 * any document. */
#define FIRST_CACHE 1024
typedef struct first {
    uint32_t t1; /* token number + 1 (tokens < 2^32 - 1: --max-doc-bytes), 0 empty */
    uint32_t bits;
} first_t;

/* Bits of the longest phrase of the table starting at token t and ending
 * before `end` that has one of `mask`; its length in tokens goes to *len
 * (0 when none). */
static unsigned match_walk(const roles_t *r, const pipe_t *p, size_t t, size_t end,
                           unsigned mask, size_t *len)
{
    char fk[KEYMAX], xk[KEYMAX];
    size_t fn = 0, xn = 1;
    unsigned best = 0;
    int exact = 0;
    xk[0] = EXACT;
    *len = 0;
    if (t < p->ntok && p->tok[t].kind != WARTA_TOK_WORD)
        return 0; /* every phrase begins with a word */
    for (size_t k = 0; k < MAXW && t + k < end && t + k < p->ntok; k++) {
        if (k && !(p->tok[t + k].flags & WARTA_TOKF_SPACE_BEFORE) && !tok_is(p, t + k, "."))
            break;
        size_t n;
        const char *w = ttext(p, t + k, &n);
        if (tok_is(p, t + k, ".")) {
            if (!k)
                break;
            continue; /* "Dr ." as two tokens */
        }
        if (!k)
            exact = has_inner_capital(w, n);
        if (key_append(fk, &fn, w, n, 0) || (exact && key_append(xk, &xn, w, n, 1)))
            break;
        unsigned all = lookup(r, fk, fn) | (exact ? lookup(r, xk, xn) : 0);
        if (all & mask) {
            best = all & mask;
            *len = k + 1;
        }
        if (!(all & PREFIX))
            break; /* no longer phrase begins so */
    }
    return best;
}

/* The table bits of token t read alone (match_walk's first step, the same
 * for every mask and end), through the cache. */
static unsigned first_bits(const run_t *x, size_t t)
{
    first_t *f = &x->first[t & x->first_mask];
    if (f->t1 != (uint32_t)(t + 1)) {
        size_t len;
        f->t1 = (uint32_t)(t + 1);
        f->bits = match_walk(x->r, x->p, t, t + 1, ~0u, &len);
    }
    return f->bits;
}

/* match_walk, but a token that begins no longer phrase is answered from
 * first_bits without building its key again. */
static unsigned match(const run_t *x, size_t t, size_t end, unsigned mask, size_t *len)
{
    *len = 0;
    if (t >= end || t >= x->p->ntok)
        return 0;
    unsigned all = first_bits(x, t);
    if (all & PREFIX)
        return match_walk(x->r, x->p, t, end, mask, len);
    *len = (all & mask) != 0;
    return all & mask;
}

/* ---- Title Case lines -------------------------------------------------- */

static int function_word(const pipe_t *p, size_t t)
{
    static const char *const w[] = {"dan", "yang", "untuk", "dengan", "dari", "pada", "atau",
                                    "oleh", "akan", "per", "via", "bagi", "the", "and", "for",
                                    NULL};
    for (int k = 0; w[k]; k++)
        if (tok_is(p, t, w[k]))
            return 1;
    return 0;
}

/* Is the line of token t (at most 64 tokens either side) Title Case?  Its
 * bounds go to *lb, *le. */
static int title_line(const pipe_t *p, size_t t, size_t *lb, size_t *le)
{
    size_t b = t, e = t + 1, words = 0;
    while (b > 0 && t - b < 64 && !(p->tok[b].flags & WARTA_TOKF_NEWLINE_BEFORE))
        b--;
    while (e < p->ntok && e - t < 64 && !(p->tok[e].flags & WARTA_TOKF_NEWLINE_BEFORE))
        e++;
    *lb = b;
    *le = e;
    for (size_t i = b; i < e; i++) {
        if (p->tok[i].kind != WARTA_TOK_WORD || p->tok[i].end - p->tok[i].start < 3)
            continue;
        if (!cap_word(p, i)) {
            if (!function_word(p, i))
                return 0;
            continue;
        }
        words++;
    }
    return words >= 4;
}

int roles_title_line(const pipe_t *p, size_t t)
{
    size_t b, e;
    return title_line(p, t, &b, &e);
}

/* ---- the run ----------------------------------------------------------- */


/* Fills x->own from p->ment: the model's mentions win (they never overlap). */
static void index_owners(run_t *x)
{
    const pipe_t *p = x->p;
    for (size_t u = 0; u < p->ntok; u++)
        x->own[u] = -1;
    for (int model = 0; model < 2; model++)
        for (size_t i = 0; i < p->nment; i++)
            if ((p->ment[i].source == SRC_MODEL) == model)
                for (uint32_t u = p->ment[i].tb; u < p->ment[i].te && u < p->ntok; u++)
                    x->own[u] = (int32_t)i;
}

/* The mention holding token u, or NULL. */
static mention_t *mention_at(const run_t *x, uint32_t u)
{
    if (u >= x->p->ntok || x->own[u] < 0 || (size_t)x->own[u] >= x->p->nment)
        return NULL;
    mention_t *m = &x->p->ment[x->own[u]];
    return m->tb <= u && u < m->te ? m : NULL;
}

/* A headline word: in the list, or a -kan / -nya verb of 6+ letters that is
 * no given name (`Tegaskan`, `Resmikan`, `Pastikan`). */
static int headline_word(const run_t *x, size_t t)
{
    size_t len;
    if (match(x, t, t + 1, H_WORD, &len))
        return 1;
    size_t n;
    const char *s = ttext(x->p, t, &n);
    return n >= 6 && !(x->p->lex[t] & LEX_GIVEN_NAME) &&
           (memcmp(s + n - 3, "kan", 3) == 0 || memcmp(s + n - 3, "nya", 3) == 0);
}

/* Could token t be a name in a headline?  No headline or common word,
 * unless a given name. */
static int headline_name(const run_t *x, size_t t)
{
    const pipe_t *p = x->p;
    return cap_word(p, t) && !headline_word(x, t) &&
           (p->lex[t] & (LEX_COMMON | LEX_GIVEN_NAME)) != LEX_COMMON;
}

/* In a Title Case line a mention stops before a headline word and loses
 * the headline words it begins with: `[Budi Arie] Optimistis Koperasi`.
 * Names after the headline word (`[Gibran] Wakili [Prabowo]`) go to
 * *rest_tb..*rest_te. */
static void headline_cut(run_t *x, mention_t *m, uint32_t *rest_tb, uint32_t *rest_te)
{
    if (m->tb < x->lb || m->tb >= x->le)
        x->title = title_line(x->p, m->tb, &x->lb, &x->le);
    if (!x->title)
        return;
    while (m->tb < m->te && headline_word(x, m->tb))
        m->tb++;
    for (uint32_t u = m->tb + 1; u < m->te; u++)
        if (headline_word(x, u)) {
            uint32_t v = u + 1, ok = v < m->te;
            for (uint32_t k = v; k < m->te && ok; k++)
                ok = headline_name(x, k);
            if (ok) {
                *rest_tb = v;
                *rest_te = m->te;
            }
            m->te = u;
            break;
        }
}

/* Leading non-entity words: a `drop` form drops the mention, `strip` forms
 * are cut off ("KTT ASEAN" -> ASEAN). */
static void nonentity(const run_t *x, mention_t *m)
{
    size_t len;
    unsigned b;
    while (m->tb < m->te && (b = match(x, m->tb, m->te, N_STRIP | N_DROP, &len))) {
        if (b & N_DROP) {
            m->te = m->tb;
            return;
        }
        m->tb += (uint32_t)len;
    }
}

/* Roads, airports, buildings: a mention that begins with a place head (a
 * road head also for ORGANIZATION) or ends in a place tail is LOCATION; a
 * PERSON right after a place head (and titles: `Jalan Jenderal Sudirman`)
 * is that place.  Returns 1 when m became a place. */
static int place(const run_t *x, mention_t *m)
{
    const pipe_t *p = x->p;
    size_t len;
    unsigned heads = m->type == WARTA_ORGANIZATION ? P_ROAD : P_ROAD | P_HEAD;
    int is = match(x, m->tb, m->te, heads, &len) && len < m->te - m->tb;
    for (uint32_t u = m->tb + 1; u < m->te && !is && m->type == WARTA_PERSON; u++)
        is = match(x, u, m->te, P_TAIL, &len) && u + len == m->te;
    int type = WARTA_LOCATION;
    if (!is && m->type == WARTA_PERSON) {
        /* walk back over titles to a place head: `Jalan Jenderal [Sudirman]`,
         * `RSUD dr. [Chasbullah Abdulmadjid]` */
        uint32_t b = m->tb;
        for (;;) {
            uint32_t d = b > 0 && tok_is(p, b - 1, ".") ? 1 : 0;
            if (b < d + 1 || !match(x, b - 1 - d, b - d, R_TITLE, &len))
                break;
            b -= 1 + d;
        }
        for (uint32_t k = b > 3 ? b - 3 : 0; k < b && !is; k++) {
            unsigned kind = match(x, k, b, P_ROAD | P_HEAD | P_NAMED, &len);
            if (kind && k + len == b &&
                !(k > 0 && match(x, k - 1, b, R_ANY, &len) && k - 1 + len == b)) {
                /* but `Wali Kota [Agustina]` is a title */
                is = 1;
                m->tb = k;
                if (kind & P_NAMED)
                    type = WARTA_ORGANIZATION;
            }
        }
    }
    if (is)
        m->type = (uint8_t)type;
    return is;
}

/* Does an organization's name end at token u?  An acronym that is no
 * head (`PSI`, not `PT`), a tail (`Tbk`), an end word (`Sekuritas`). */
static int org_end(const run_t *x, uint32_t u)
{
    size_t len;
    const pipe_t *p = x->p;
    return (acronym(p, u) && !(p->lex[u] & LEX_ORG_HEAD)) || (p->lex[u] & LEX_ORG_TAIL) ||
           (match(x, u, u + 1, R_ORGEND, &len) != 0);
}

/* Where the person begins in [tb, te) after a role an organization may
 * follow: after the last word that ends an organization (`Ketua Umum PSI
 * [Kaesang Pangarep]`) or a known organization; in 3+ words at the first
 * given name after other words, else at the last two words (`CEO Tesla
 * [Elon Musk]`, `Corporate Secretary Pertamina Patra Niaga [Heppy
 * Wulansari]`); else tb (no organization). */
static uint32_t person_start(const run_t *x, uint32_t tb, uint32_t te)
{
    const pipe_t *p = x->p;
    uint32_t s = tb, known = tb;
    for (uint32_t u = tb; u + 1 < te; u++) {
        if (org_end(x, u) || (x->gaz[u] & GAZ_COUNTRY))
            s = u + 1;
        if (x->gaz[u] & GAZ_ORG)
            known = u + 1;
    }
    if (s > tb && s >= known) /* `BPJS Watch Timboel Siregar`: a common word goes with it */
        return s + (te - s >= 3 && !(x->gaz[s - 1] & GAZ_COUNTRY) &&
                    (p->lex[s] & (LEX_COMMON | LEX_GIVEN_NAME)) == LEX_COMMON);
    tb = known;
    if (te - tb < 3 || (p->lex[tb] & LEX_GIVEN_NAME))
        return tb;
    uint32_t u = tb + 1;
    while (u < te && !(p->lex[u] & LEX_GIVEN_NAME))
        u++;
    /* a given name last is a surname (`Patra Niaga Heppy Wulansari`); an
     * organization is not one common word (`Jasa Raharja Hendra Wibisono`) */
    if (u + 1 >= te || (u == tb + 1 && (p->lex[tb] & LEX_COMMON) && te - u >= 3))
        u = te - 2;
    return u;
}

/* The last role or title inside [tb+1, te-1) that a name follows:
 * `Metro Jaya Irjen [Karyoto]`.  One-letter words (initials) never count.
 * Returns the name's first token, or tb. */
static uint32_t inner_role(const run_t *x, uint32_t tb, uint32_t te, unsigned *kind)
{
    uint32_t s = tb;
    size_t len;
    for (uint32_t u = tb + 1; u + 1 < te; u++) {
        if (x->p->tok[u].end - x->p->tok[u].start < 3 && acronym(x->p, u))
            continue; /* `Irianto MS Syaifuddin`: initials, not Ms */
        if (x->p->tok[u].end - x->p->tok[u].start < 2)
            continue;
        unsigned b = match(x, u, te, R_ANY | R_KEEP, &len);
        if (b && !(b & R_KEEP) && u + len < te) {
            s = (uint32_t)(u + len);
            *kind = b;
        }
    }
    return s;
}

/* The kind of the role phrase that ends right before token tb (`CEO`
 * before `[Tesla Elon Musk]`), or before up to three words of a known
 * organization or acronyms right before tb (`VP Corporate Secretary KAI
 * [Commuter Joni Martinus]`; *org gets their first token), or 0.  With
 * `brackets`, a bracketed acronym may sit between too (`Ketua Umum Partai
 * Solidaritas Indonesia (PSI) [Kaesang]`). */
static unsigned role_before(const run_t *x, uint32_t tb, uint32_t *org, int brackets)
{
    size_t len;
    uint32_t e = tb;
    *org = tb;
    for (int tries = 0; tries < 4; tries++) {
        uint32_t k0 = e; /* a title ends at e only if its last word may (one lookup) */
        if (e > 0 && match(x, e - 1, e, LASTW, &len))
            k0 = e > MAXW ? e - MAXW : 0;
        for (uint32_t k = k0; k < e; k++) {
            if (!cap_word(x->p, k))
                continue; /* `pimpinan Muhaimin Iskandar`: a common noun */
            unsigned b = match(x, k, e, R_ANY, &len);
            if (b && k + len == e) {
                *org = e;
                return b;
            }
        }
        if (brackets && e >= 3 && tok_is(x->p, e - 1, ")") && tok_is(x->p, e - 3, "(") &&
            acronym(x->p, e - 2)) {
            e -= 3; /* `Ketua Umum Partai Solidaritas Indonesia (PSI) [Kaesang]` */
            tries--;
            continue;
        }
        if (!e || !((x->gaz[e - 1] & (GAZ_ORG | GAZ_COUNTRY | COVERED)) || acronym(x->p, e - 1)) || !cap_word(x->p, e - 1))
            return 0;
        e--;
    }
    return 0;
}

/* Strips titles from the front of PERSON m (and a region or portfolio
 * after them); *org_tb..*org_te gets the organization a role names, or
 * stays empty. */
static void strip_roles(const run_t *x, mention_t *m, uint32_t *org_tb, uint32_t *org_te)
{
    const pipe_t *p = x->p;
    uint32_t org = m->tb;
    unsigned kind = role_before(x, m->tb, &org, 0), b;
    size_t len;
    uint32_t tb0 = m->tb;
    if (kind & R_ORG)
        m->tb = org; /* the organization joins the run that is split below */
    while (m->tb < m->te && (b = match(x, m->tb, m->te, R_ANY | R_KEEP, &len))) {
        if (b & R_KEEP)
            return; /* `Gus Dur` */
        kind = b;
        m->tb += (uint32_t)len;
        while (m->tb < m->te && tok_is(p, m->tb, "."))
            m->tb++;
    }
    uint32_t s = inner_role(x, m->tb, m->te, &kind);
    if (s > m->tb) {
        m->tb = s;
        kind = 0; /* what came before the inner title is dropped */
    }
    if (m->tb >= m->te || !kind)
        return;
    if (kind & R_REGION) {
        while (m->tb + 1 < m->te && (p->lex[m->tb] & (LEX_PLACE_B | LEX_PLACE_I)))
            m->tb++;
        return;
    }
    if (kind & R_OFFICE) /* the portfolio: `Keuangan`, `Bidang`, `dan`, acronyms */
        while (m->tb + 1 < m->te &&
               (acronym(p, m->tb) || tok_is(p, m->tb, "dan") || tok_is(p, m->tb, ",") ||
                match(x, m->tb, m->tb + 1, R_PORTFOLIO, &len)))
            m->tb++;
    if (!(kind & R_ORG) || (kind & R_TITLE))
        return;
    s = person_start(x, m->tb, m->te);
    if (s < tb0)
        s = tb0; /* no split: the words before the mention stay out */
    int country = 1; /* `Presiden Mesir [Abdel Fattah Al-Sisi]`: no organization */
    for (uint32_t u = m->tb; u < s; u++)
        country &= (x->gaz[u] & GAZ_COUNTRY) != 0;
    if (s > m->tb && !country) {
        *org_tb = m->tb;
        *org_te = s;
    }
    m->tb = s;
}

/* Could token t be a person's name part after a place?  A capitalised
 * word that is no place, country, organization word, month, headline word,
 * place word or (unless `loose`: a title said a name comes) common word
 * that is no given name. */
static int name_after_place(const run_t *x, size_t t, int loose)
{
    const pipe_t *p = x->p;
    size_t len;
    return cap_word(p, t) &&
           !(p->lex[t] & (LEX_PLACE_B | LEX_PLACE_I | LEX_COUNTRY_B | LEX_COUNTRY_I |
                          LEX_ORG_HEAD | LEX_ORG_TAIL)) &&
           (loose || (p->lex[t] & (LEX_COMMON | LEX_GIVEN_NAME)) != LEX_COMMON) && !acronym(p, t) &&
           !match(x, t, t + 1,
                  P_ROAD | P_HEAD | P_TAIL | H_WORD | R_ANY | R_ORGEND | R_PORTFOLIO | N_STRIP |
                      N_DROP,
                  &len);
}

/* `Gubernur [Jawa Timur] [Khofifah Indar Parawansa]`: a model LOCATION
 * made of a known place and then name words is the place and a PERSON;
 * returns the person's first token, or 0. */
static uint32_t place_then_name(const run_t *x, const mention_t *m)
{
    const pipe_t *p = x->p;
    uint32_t k = m->tb;
    while (k < m->te && (p->lex[k] & (LEX_PLACE_B | LEX_PLACE_I | LEX_COUNTRY_B | LEX_COUNTRY_I)))
        k++;
    uint32_t org;
    size_t len;
    int loose = role_before(x, m->tb, &org, 0) != 0; /* `Bupati Bogor Rudy Susmanto` */
    if (k == m->tb && loose && match(x, m->tb, m->te, P_ROAD | P_HEAD, &len))
        k = (uint32_t)(m->tb + len + 1); /* `General Manager Bandara Juanda Ahmad Syahrir` */
    if (k == m->tb || k >= m->te)
        return 0;
    for (uint32_t u = k; u < m->te; u++)
        if (!name_after_place(x, u, loose))
            return 0;
    return k;
}

/* Splits model LOCATION i at the name it holds; a model PERSON right after
 * it joins the new PERSON (`Kabupaten Bogor Renaldi` + `Yushab Fiansyah`). */
static int split_place(run_t *x, size_t i)
{
    pipe_t *p = x->p;
    uint32_t k = place_then_name(x, &p->ment[i]);
    if (!k)
        return 0;
    uint32_t te = p->ment[i].te;
    mention_t *o = mention_at(x, te);
    if (o && o->tb == te && o->source == SRC_MODEL && o->type == WARTA_PERSON &&
        !(p->tok[te].flags & WARTA_TOKF_NEWLINE_BEFORE)) {
        te = o->te;
        o->te = o->tb; /* merged: dropped below */
    }
    mention_t *n = pipe_add_mention(p, k, te, WARTA_PERSON, SRC_MODEL);
    if (!n)
        return WARTA_ERR_NOMEM;
    n->score = p->ment[i].score;
    p->ment[i].te = k;
    return 0;
}

/* A title that begins before the mention and ends inside it (`Wali [Kota
 * Agustina]`) is cut off; a LOCATION left with no place word in it is the
 * PERSON the title names. */
static void straddling_title(const run_t *x, mention_t *m)
{
    const pipe_t *p = x->p;
    size_t len;
    for (uint32_t k = m->tb > 2 ? m->tb - 2 : 0; k < m->tb; k++) {
        if (!cap_word(p, k) || !match(x, k, m->te, R_ANY, &len) || k + len <= m->tb ||
            k + len >= m->te)
            continue;
        m->tb = (uint32_t)(k + len);
        int place = 0;
        for (uint32_t u = m->tb; u < m->te; u++)
            place |= (p->lex[u] & (LEX_PLACE_B | LEX_PLACE_I | LEX_COUNTRY_B | LEX_COUNTRY_I)) != 0;
        if (m->type == WARTA_LOCATION && !place)
            m->type = WARTA_PERSON;
        return;
    }
}

/* `Ketua Umum Partai Solidaritas Indonesia (PSI) [Kaesang Pangarep]`: a
 * model LOCATION of name words with no place word in it, right after a
 * title, is the PERSON the title names. */
static int loc_is_person(const run_t *x, const mention_t *m)
{
    uint32_t org;
    size_t len;
    for (uint32_t u = m->tb; u < m->te; u++)
        if (!name_after_place(x, u, 0))
            return 0;
    return !match(x, m->tb, m->te, P_ROAD | P_HEAD | P_NAMED, &len) &&
           role_before(x, m->tb, &org, 1) != 0;
}

/* `Ketua [Serikat Pekerja Sritex Group] [Slamet Kaswanto]`: a model
 * ORGANIZATION after a role that goes on past a word ending organizations
 * with 2-3 name words is the organization and a PERSON.  Returns
 * WARTA_ERR_NOMEM or 0. */
static int org_then_name(run_t *x, size_t i)
{
    pipe_t *p = x->p;
    mention_t *m = &p->ment[i];
    uint32_t org, u = m->te, s = 0;
    if (m->te - m->tb < 3 || !role_before(x, m->tb, &org, 0))
        return 0;
    while (u > m->tb && m->te - u < 3 && name_after_place(x, u - 1, 0))
        u--;
    if (u < m->te - 1 && u > m->tb && org_end(x, u - 1))
        s = u;
    if (!s)
        return 0;
    mention_t *n = pipe_add_mention(p, s, p->ment[i].te, WARTA_PERSON, SRC_MODEL);
    if (!n)
        return WARTA_ERR_NOMEM;
    n->score = p->ment[i].score;
    p->ment[i].te = s;
    return 0;
}

/* Refines one model mention (index i; p->ment may move when a mention is
 * added). */
static int refine(run_t *x, size_t i)
{
    pipe_t *p = x->p;
    mention_t *m = &p->ment[i];
    if (m->source != SRC_MODEL ||
        (m->type != WARTA_PERSON && m->type != WARTA_ORGANIZATION && m->type != WARTA_LOCATION))
        return 0;
    uint32_t rest_tb = 0, rest_te = 0;
    headline_cut(x, m, &rest_tb, &rest_te);
    if (rest_te > rest_tb) {
        mention_t rest = *m;
        rest.tb = rest_tb;
        rest.te = rest_te;
        mention_t *o = pipe_add_mention(p, rest_tb, rest_te, m->type, SRC_MODEL);
        if (!o)
            return WARTA_ERR_NOMEM;
        *o = rest;
        m = &p->ment[i];
    }
    nonentity(x, m);
    if (m->tb >= m->te)
        return 0;
    if (m->type != WARTA_ORGANIZATION)
        straddling_title(x, m);
    if (m->type == WARTA_LOCATION && loc_is_person(x, m))
        m->type = WARTA_PERSON; /* and on as a PERSON */
    if (m->type == WARTA_LOCATION)
        return split_place(x, i);
    if (place(x, m))
        return split_place(x, i); /* `Bandara Juanda [Ahmad Syahrir]` */
    uint32_t org_tb = 0, org_te = 0;
    size_t len;
    if (m->type == WARTA_PERSON) {
        /* `Bidang Iklim dan [Energi Hashim Djojohadikusumo]` */
        while (match(x, m->tb, m->te, R_PORTFOLIO, &len))
            m->tb += (uint32_t)len; /* `Bidang [Iklim] dan Energi`: nothing left */
        if (m->tb >= m->te)
            return 0;
        strip_roles(x, m, &org_tb, &org_te);
    } else { /* `Kasat Reskrim [Polres Bogor] AKP Teguh Kumara` */
        if (org_then_name(x, i))
            return WARTA_ERR_NOMEM;
        m = &p->ment[i];
        while (m->tb < m->te && match(x, m->tb, m->te, R_ANY, &len) && m->tb + len < m->te)
            m->tb += (uint32_t)len;
        while (m->te > m->tb + 1 && match(x, m->te - 1, m->te, R_TITLE, &len))
            m->te--;
    }
    if (org_te > org_tb) {
        int16_t score = m->score;
        mention_t *o = pipe_add_mention(p, org_tb, org_te, WARTA_ORGANIZATION, SRC_MODEL);
        if (!o)
            return WARTA_ERR_NOMEM;
        o->score = score;
    }
    return 0;
}

/* Initials that stand for people in this document (at most 16). */
typedef struct inits {
    const char *s[16];
    size_t n[16], k;
} inits_t;

static int add_person(pipe_t *p, size_t t, inits_t *in)
{
    mention_t *m = pipe_add_mention(p, (uint32_t)t, (uint32_t)t + 1, WARTA_PERSON, SRC_RULE);
    if (!m)
        return WARTA_ERR_NOMEM;
    m->score = 1000; /* over the gazetteer's `AS` */
    if (in && in->k < 16) {
        in->s[in->k] = ttext(p, t, &in->n[in->k]);
        in->k++;
    }
    return 0;
}

static int is_age(const pipe_t *p, size_t t)
{
    if (t >= p->ntok)
        return 0;
    size_t n;
    const char *s = ttext(p, t, &n);
    if (n < 1 || n > 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int folded_is(const pipe_t *p, size_t t, const char *w)
{
    size_t n;
    const char *s = ttext(p, t, &n);
    if (n != strlen(w))
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) != w[i])
            return 0;
    return 1;
}

/* Later mentions of initials found to stand for a person: `tersangka
 * [GTW]` after `GTW (45)`. */
static int initials_again(pipe_t *p, const inits_t *in)
{
    for (size_t t = 0; t < p->ntok && in->k; t++) {
        if (!initials_like(p, t))
            continue;
        size_t n;
        const char *s = ttext(p, t, &n);
        for (size_t i = 0; i < in->k; i++)
            if (in->n[i] == n && memcmp(in->s[i], s, n) == 0) {
                if (add_person(p, t, NULL))
                    return WARTA_ERR_NOMEM;
                break;
            }
    }
    return 0;
}

/* Initials standing for people: `berinisial AR (dan GT)`, `GTW (45)`, and
 * their later mentions. */
static int initials(pipe_t *p)
{
    int rc = 0;
    inits_t in = {.k = 0};
    for (size_t t = 0; t + 1 < p->ntok && !rc; t++) {
        char c = (char)(p->s[p->tok[t].byte_start] | 0x20);
        if (c == '(' && t > 0 && initials_like(p, t - 1) && t + 2 < p->ntok && is_age(p, t + 1) &&
            tok_is(p, t + 2, ")")) {
            rc = add_person(p, t - 1, &in);
        } else if ((c == 'b' || c == 'i') &&
                   (folded_is(p, t, "berinisial") || folded_is(p, t, "inisial"))) {
            for (size_t k = t + 1; !rc && initials_like(p, k); k += 2) {
                rc = add_person(p, k, &in); /* and the next after `,` or `dan` */
                if (!tok_is(p, k + 1, ",") && !(k + 1 < p->ntok && folded_is(p, k + 1, "dan")))
                    break;
            }
        }
    }
    return rc ? rc : initials_again(p, &in);
}

/* The first token after the title at t and what completes it (the
 * portfolio of an office, the known place of a region, the known
 * organization or acronym of a role), or 0 when t starts no title or the
 * title lacks its complement. */
static uint32_t after_title(const run_t *x, uint32_t t, unsigned *kindp)
{
    const pipe_t *p = x->p;
    size_t len;
    unsigned kind = match(x, t, p->ntok, R_ANY | R_KEEP, &len);
    *kindp = kind;
    if (!kind || (kind & R_KEEP))
        return 0;
    uint32_t k = (uint32_t)(t + len), k0;
    while (tok_is(p, k, "."))
        k++;
    if (kind & R_TITLE)
        return k;
    for (k0 = k; k < p->ntok; k++) {
        int more;
        if (kind & R_OFFICE)
            more = cap_word(p, k) && (match(x, k, k + 1, R_PORTFOLIO, &len) ||
                                      (k > k0 && tok_is(p, k, "dan") && cap_word(p, k + 1)));
        else if (kind & R_REGION)
            more = cap_word(p, k) && (p->lex[k] & (LEX_PLACE_B | LEX_PLACE_I));
        else
            more = cap_word(p, k) && ((x->gaz[k] & GAZ_ORG) || acronym(p, k));
        if (!more)
            break;
    }
    return k > k0 ? k : 0;
}

/* The end of the run of up to 4 name words from k that no mention holds. */
static uint32_t name_run(const run_t *x, uint32_t k, int loose)
{
    const pipe_t *p = x->p;
    uint32_t e = k;
    while (e < p->ntok && e - k < 4 && !(x->gaz[e] & COVERED) && name_after_place(x, e, loose) &&
           !(p->tok[e].flags & WARTA_TOKF_NEWLINE_BEFORE))
        e++;
    return e;
}

/* A name right after a title that no recognizer took: `Menteri
 * Ketenagakerjaan [Yassierli]`, `Mbak [Sari]`, `Kapolda Jabar Irjen [Rudi
 * Setiawan]`.  Only tokens the lexicon marks as titles (LEX_TITLE) are
 * looked up; the name is 1-4 name-like words that no capitalised word
 * follows. */
static int names_after_titles(const run_t *x)
{
    pipe_t *p = x->p;
    size_t len;
    for (uint32_t t = 0; t + 1 < p->ntok; t++) {
        size_t n = p->tok[t].byte_end - p->tok[t].byte_start;
        if ((!(p->lex[t] & LEX_TITLE) &&
             (n > 4 || n < 2 || p->s[p->tok[t].byte_start + 1] < 'a')) || /* not `KPK` */
            (x->gaz[t] & COVERED) || !cap_word(p, t) ||
            (!(p->lex[t] & LEX_TITLE) && /* `Bang`, `Kak`: short honorifics */
             !match(x, t, t + 1, R_TITLE, &len)))
            continue;
        unsigned kind;
        uint32_t k = after_title(x, t, &kind);
        if (!k || k >= p->ntok)
            continue;
        /* common words are no name, unless an honorific or rank leads
         * through them to the model's PERSON (`Kiai Abdul Hakim [Mahfudz]`) */
        uint32_t e = name_run(x, k, 0);
        mention_t *m = mention_at(x, e);
        if (!(m && m->tb == e && m->type == WARTA_PERSON && m->source == SRC_MODEL) &&
            (kind & R_TITLE)) {
            uint32_t e2 = name_run(x, k, 1);
            mention_t *m2 = mention_at(x, e2);
            m = NULL;
            if (m2 && m2->tb == e2 && m2->type == WARTA_PERSON && m2->source == SRC_MODEL)
                e = e2, m = m2;
        }
        if (e == k || (!m && e < p->ntok && cap_word(p, e) && !(x->gaz[e] & COVERED)))
            continue;
        int32_t id = m ? x->own[e] : (int32_t)p->nment;
        if (m) /* `Menteri Keuangan Purbaya [Yudhi Sadewa]` */
            m->tb = k;
        else if (!pipe_add_mention(p, k, e, WARTA_PERSON, SRC_RULE))
            return WARTA_ERR_NOMEM;
        for (uint32_t u = k; u < e; u++) {
            x->gaz[u] |= COVERED;
            x->own[u] = id;
        }
        t = e - 1;
    }
    return 0;
}

/* `Direktur Utama [Inalum] Melati Sarnita`: capitalised words that no
 * recognizer took between a role an organization may follow and a PERSON
 * are that organization (countries may be inside: `Head of Research
 * [Kiwoom Sekuritas Indonesia] Liza`). */
static int orgs_before_people(const run_t *x)
{
    pipe_t *p = x->p;
    size_t len;
    for (size_t i = 0, n0 = p->nment; i < n0; i++) {
        uint32_t tb = p->ment[i].tb, b = tb, s = tb;
        if (p->ment[i].type != WARTA_PERSON)
            continue;
        while (b > 0 && tb - b < 4 && cap_word(p, b - 1) &&
               (!(x->gaz[b - 1] & COVERED) || (x->gaz[b - 1] & GAZ_COUNTRY)) &&
               (p->tok[b].flags & WARTA_TOKF_SPACE_BEFORE))
            b--;
        for (uint32_t k = b > MAXW ? b - MAXW : 0; k < tb && s == tb; k++) {
            unsigned kind = cap_word(p, k) ? match(x, k, tb, R_ANY, &len) : 0;
            if (kind && k + len >= b && k + len < tb) /* the longest title at k */
                s = (kind & R_ORG) ? (uint32_t)(k + len) : tb;
            if (kind)
                k += (uint32_t)len - 1;
        }
        int country = 1, title = 0; /* `Pimpinan Ustadz Syamsi Dukha`: no organization */
        for (uint32_t u = s; u < tb; u++) {
            country &= (x->gaz[u] & GAZ_COUNTRY) != 0;
            title |= match(x, u, u + 1, R_ANY | R_PORTFOLIO, &len) != 0;
        }
        if (s >= tb || country || title)
            continue;
        mention_t *m = &p->ment[i]; /* `Direktur Utama [Jasa] [Raharja Hendra Wibisono]` */
        if (tb == s + 1 && m->source == SRC_MODEL && m->te - tb >= 3 &&
            (p->lex[s] & (LEX_COMMON | LEX_GIVEN_NAME)) == LEX_COMMON &&
            !(p->lex[tb] & LEX_GIVEN_NAME))
            tb = ++m->tb;
        uint32_t e = tb; /* `Sekjen [PSI] [Raja Juli Antoni]`: the name starts after an acronym */
        for (uint32_t u = s; u + 1 < tb; u++)
            if (org_end(x, u) && !(x->gaz[u + 1] & COVERED))
                e = u + 1;
        if (e < tb && p->ment[i].source == SRC_MODEL)
            p->ment[i].tb = e;
        if (!pipe_add_mention(p, s, e, WARTA_ORGANIZATION, SRC_RULE))
            return WARTA_ERR_NOMEM;
    }
    return 0;
}

/* Bylines: `Penulis: Dian Erika Nugraheny`, `Editor: Ihsanuddin`,
 * `Pewarta: A / Editor: B` at the start of a line name people: each run of
 * capitalised words (initials with their periods) up to a `,`, `/`, `|`,
 * `dan` or the line's end is a PERSON. */
static int bylines(const run_t *x)
{
    static const char *const w[] = {"penulis", "editor", "pewarta", "reporter", "redaktur",
                                    "penyunting", "fotografer", "kontributor", "wartawan", NULL};
    pipe_t *p = x->p;
    for (size_t t = 0; t + 2 < p->ntok; t++) {
        if (t && !(p->tok[t].flags & WARTA_TOKF_NEWLINE_BEFORE) &&
            (p->tok[t - 1].byte_end - p->tok[t - 1].byte_start != 1 ||
             !(tok_is(p, t - 1, "/") || tok_is(p, t - 1, "|"))))
            continue; /* not at a line's start, nor after `/` */
        if (!cap_word(p, t))
            continue;
        int is = 0;
        for (int k = 0; w[k] && !is; k++)
            is = folded_is(p, t, w[k]);
        if (!is || !tok_is(p, t + 1, ":"))
            continue;
        size_t k = t + 2;
        while (k < p->ntok && !(p->tok[k].flags & WARTA_TOKF_NEWLINE_BEFORE)) {
            size_t e = k;
            while (e < p->ntok && !(p->tok[e].flags & WARTA_TOKF_NEWLINE_BEFORE) &&
                   (cap_word(p, e) || (e > k && tok_is(p, e, "."))) && !tok_is(p, e + 1, ":"))
                e++;
            if (e > k) {
                mention_t *m = pipe_add_mention(p, (uint32_t)k, (uint32_t)e, WARTA_PERSON, SRC_RULE);
                if (!m)
                    return WARTA_ERR_NOMEM;
                m->score = 1000;
            }
            if (e >= p->ntok || (p->tok[e].flags & WARTA_TOKF_NEWLINE_BEFORE) ||
                !(tok_is(p, e, ",") || tok_is(p, e, "/") || tok_is(p, e, "|") ||
                  folded_is(p, e, "dan")))
                break; /* `Editor:` after `/` starts its own byline on the next pass */
            k = e + 1;
        }
    }
    return 0;
}

/* `bin`, `van`, `von der`, `dos`: lower-case particles inside names. */
static int name_particle(const pipe_t *p, size_t t)
{
    static const char *const w[] = {"bin", "binti", "van", "von", "der", "den", "de", "da",
                                    "dos", "das", "del", "della", "al", "el", "la", "le", NULL};
    for (int k = 0; w[k]; k++)
        if (tok_is(p, t, w[k]))
            return 1;
    return 0;
}

/* Names with particles are one PERSON: `Bendito dos Santos Freitas`
 * (two mentions merge), `Luthfi bin [Yahya]` (an uncovered word joins),
 * `Komisi Eropa [Ursula] von der Leyen` (the organization gives its last
 * word back). */
static void particles(const run_t *x)
{
    pipe_t *p = x->p;
    for (size_t i = 0; i < p->nment; i++) {
        mention_t *m = &p->ment[i];
        if (m->type != WARTA_PERSON || m->source != SRC_MODEL || m->tb >= m->te)
            continue;
        uint32_t e = m->te, k = e;
        while (k < p->ntok && k - e < 2 && name_particle(p, k))
            k++;
        if (k > e && k < p->ntok && cap_word(p, k) && !acronym(p, k) && !(x->gaz[k] & COVERED))
            m->te = k + 1; /* `Luthfi bin Yahya` */
        uint32_t b = m->tb;
        k = b;
        while (k > 0 && b - k < 2 && name_particle(p, k - 1))
            k--;
        if (k == b || k == 0 || !cap_word(p, k - 1) || acronym(p, k - 1) || org_end(x, k - 1))
            continue;
        mention_t *o = mention_at(x, k - 1);
        if (!o) {
            m->tb = k - 1;
        } else if (o->te == k && o->source == SRC_MODEL && o->type == WARTA_PERSON) {
            m->tb = o->tb;
            o->te = o->tb;
        } else if (o->te == k && o->source == SRC_MODEL && o->type == WARTA_ORGANIZATION &&
                   o->te - o->tb >= 3) {
            o->te = k - 1;
            m->tb = k - 1;
        }
    }
}

/* Removes the mentions that were emptied (tb == te). */
static void drop_empty(pipe_t *p)
{
    size_t k = 0;
    for (size_t i = 0; i < p->nment; i++)
        if (p->ment[i].tb < p->ment[i].te)
            p->ment[k++] = p->ment[i];
    p->nment = k;
}

int roles_run(const roles_t *r, pipe_t *p)
{
    first_t first[FIRST_CACHE] = {{0, 0}};
    run_t x = {r, p, p->lex, malloc((p->ntok + 1) * sizeof(int32_t)), 0, 0, 0,
               first, FIRST_CACHE - 1};
    if (!x.own)
        return WARTA_ERR_NOMEM;
    index_owners(&x);
    for (size_t i = 0; i < p->nment; i++) {
        const mention_t *m = &p->ment[i];
        if (m->source == SRC_GAZ && (m->type == WARTA_ORGANIZATION || m->type == WARTA_COUNTRY) &&
            m->te <= p->ntok)
            for (uint32_t u = m->tb; u < m->te; u++) /* the last one's type */
                x.gaz[u] = (x.gaz[u] & ~(uint32_t)(GAZ_ORG | GAZ_COUNTRY)) |
                           (m->type == WARTA_ORGANIZATION ? GAZ_ORG : GAZ_COUNTRY);
    }
    int rc = 0;
    for (size_t i = 0, n0 = p->nment; i < n0 && !rc; i++)
        rc = refine(&x, i);
    drop_empty(p);
    index_owners(&x);
    for (size_t i = 0; i < p->nment; i++)
        for (uint32_t u = p->ment[i].tb; u < p->ment[i].te && u < p->ntok; u++)
            x.gaz[u] |= COVERED;
    if (!rc)
        rc = names_after_titles(&x);
    if (!rc)
        rc = orgs_before_people(&x);
    if (!rc)
        rc = bylines(&x);
    particles(&x);
    drop_empty(p);
    if (!rc)
        rc = initials(p);
    for (size_t t = 0; t <= p->ntok; t++)
        x.gaz[t] &= ~(uint32_t)(GAZ_ORG | GAZ_COUNTRY | COVERED);
    free(x.own);
    return rc;
}

long roles_check_match(const roles_t *r, pipe_t *p)
{
    first_t first[16] = {{0, 0}}; /* small: tokens evict each other */
    run_t x = {r, p, NULL, NULL, 0, 0, 0, first, 15};
    long differ = 0;
    for (int pass = 0; pass < 2; pass++) /* up, then down: cached, made, evicted */
        for (size_t i = 0; i < p->ntok; i++) {
            size_t t = pass ? p->ntok - 1 - i : i;
            for (size_t end = t + 1; end <= t + 1 + MAXW; end += 3)
                for (unsigned bit = 0; bit <= 16; bit++) {
                    unsigned mask = bit < 16 ? 1u << bit : R_ANY | R_KEEP;
                    size_t la, lb;
                    unsigned a = match(&x, t, end, mask, &la);
                    unsigned b = match_walk(r, p, t, end, mask, &lb);
                    differ += a != b || la != lb;
                }
        }
    return differ;
}
