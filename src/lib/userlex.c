/* userlex.c - user lexicons: parsing `form<TAB>TYPE[<TAB>canonical]` lines
 * into entries, and matching them over a document's tokens.
 *
 * A form is cut into pieces as the gazetteer cuts its forms (pieces.h), so
 * "Bank-Bank" matches one token or three alike; a match ends at a token's
 * end.  Each piece keeps the gazetteer's case rule:
 * capitals only (KPK, PBB, 2 or more characters) must match byte for byte;
 * a capitalised piece needs a capital in the text ("Budi", "BUDI", not
 * "budi"); a lower-case piece or a mark matches any case.
 *
 * Entries are kept sorted by their key, the case-folded pieces joined by
 * 0x1F, and found by binary search; a set of first pieces rejects most
 * tokens at once. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "pieces.h"
#include "text.h"
#include "userlex.h"
#include "util.h"

#define MAX_PIECES 32
#define MAX_FORM 256  /* bytes of a form */
#define KEY_CAP (4 * MAX_FORM + MAX_PIECES + 1)

typedef struct uentry {
    char *key;       /* folded pieces joined by 0x1F */
    size_t keylen;
    char *form;
    piece_t pieces[MAX_PIECES]; /* offsets into form */
    uint16_t npieces;
    uint8_t type;
    char iso[3];     /* COUNTRY */
    char *canonical; /* PERSON, ORGANIZATION: canonical; COUNTRY, LOCATION: name */
    size_t seq;      /* order of addition: the later entry of a key wins */
} uentry_t;

struct warta_lexicon {
    uentry_t *ent;
    size_t n, cap, seq;
    strset_t first;     /* folded first pieces */
    size_t max_pieces;
};

/* Appends the folded pieces of s[0..n) to key (0x1F before each but the
 * very first); counts them in *np.  -1 when key or the count overflows. */
static int key_append(char *key, size_t *kn, size_t *np, const char *s, size_t n)
{
    char fold[4 * MAX_FORM + 1];
    if (n > MAX_FORM)
        return -1;
    size_t fn = utf8_fold(s, n, fold, sizeof fold), i = 0, b, e;
    while (next_piece(fold, fn, &i, &b, &e)) {
        if (*np >= MAX_PIECES || *kn + 1 + (e - b) >= KEY_CAP)
            return -1;
        if (*np)
            key[(*kn)++] = 0x1F;
        memcpy(key + *kn, fold + b, e - b);
        *kn += e - b;
        (*np)++;
    }
    key[*kn] = '\0';
    return 0;
}

/* ---- loading ----------------------------------------------------------- */

warta_lexicon_t *warta_lexicon_new(void) { return calloc(1, sizeof(warta_lexicon_t)); }

static void entry_free(uentry_t *e)
{
    free(e->key);
    free(e->form);
    free(e->canonical);
}

void warta_lexicon_free(warta_lexicon_t *lx)
{
    if (!lx)
        return;
    for (size_t i = 0; i < lx->n; i++)
        entry_free(&lx->ent[i]);
    free(lx->ent);
    strset_free(&lx->first);
    free(lx);
}

size_t warta_lexicon_size(const warta_lexicon_t *lx) { return lx ? lx->n : 0; }

/* The canonical Indonesian name of ISO 3166-1 alpha-2 `iso` from the
 * embedded countries.tsv, copied to out; 0 when the code is unknown. */
static int country_name(const char *iso, char *out, size_t cap)
{
    size_t len;
    const char *d = (const char *)data_get("countries.tsv", &len);
    for (size_t i = 0; d && i < len;) {
        const char *nl = memchr(d + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - d) : len;
        const char *f[4];
        size_t fl[4];
        if (d[i] != '#' && split_tabs(d + i, e - i, f, fl, 4) >= 3 && fl[0] == 2 &&
            !memcmp(f[0], iso, 2) && fl[2] < cap) {
            memcpy(out, f[2], fl[2]);
            out[fl[2]] = '\0';
            return 1;
        }
        i = e + 1;
    }
    return 0;
}

static void trim(const char **s, size_t *n)
{
    while (*n && ((*s)[0] == ' ' || (*s)[0] == '\r'))
        (*s)++, (*n)--;
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\r'))
        (*n)--;
}

/* Cuts form[0..n) (e->form) into e's pieces with their case rules; its
 * key. */
static const char *entry_pieces(uentry_t *e, const char *form, size_t n, char *key, size_t *kn)
{
    size_t i = 0, b, end, np = 0;
    int after_hyphen = 0;
    *kn = 0;
    if (key_append(key, kn, &np, form, n) < 0)
        return "the surface form is too long";
    if (!np)
        return "the surface form is empty";
    while (next_piece(form, n, &i, &b, &end) && e->npieces < MAX_PIECES) {
        piece_t *pc = &e->pieces[e->npieces++];
        pc->off = (uint32_t)b;
        pc->len = (uint16_t)(end - b);
        pc->cls = (uint8_t)piece_class(form + b, end - b, after_hyphen);
        after_hyphen = form[b] == '-' && end - b == 1;
    }
    return e->npieces == np ? NULL : "the surface form does not split into pieces";
}

static const char oom_msg[] = "out of memory";

/* The type and canonical fields of a line into e; NULL or why not. */
static const char *entry_values(uentry_t *e, const char *ty, size_t tn, const char *ca, size_t cn,
                                int has_canon)
{
    int t = warta_type_parse(ty, tn);
    if (t < 0 || t == WARTA_MONEY)
        return "the type must be PERSON, ORGANIZATION, COUNTRY or LOCATION";
    e->type = (uint8_t)t;
    char name[128];
    if (t == WARTA_COUNTRY) {
        if (!has_canon || cn != 2)
            return "a COUNTRY needs its ISO 3166-1 alpha-2 code in the third column";
        e->iso[0] = (char)(ca[0] & ~0x20);
        e->iso[1] = (char)(ca[1] & ~0x20);
        e->iso[2] = '\0';
        if (!country_name(e->iso, name, sizeof name))
            return "unknown ISO 3166-1 alpha-2 code in the third column";
        ca = name;
        cn = strlen(name);
    } else if (has_canon && !cn) {
        return "the canonical name (third column) is empty";
    }
    if (has_canon && !(e->canonical = strndup(ca, cn)))
        return oom_msg;
    return NULL;
}

/* Parses one line into e; NULL, or why the line is malformed. */
static const char *parse_line(uentry_t *e, const char *line, size_t n)
{
    const char *f[4];
    size_t fl[4];
    size_t nf = split_tabs(line, n, f, fl, 4);
    if (nf < 2 || nf > 3)
        return "expected FORM<TAB>TYPE or FORM<TAB>TYPE<TAB>CANONICAL";
    for (size_t i = 0; i < nf; i++)
        trim(&f[i], &fl[i]);
    char key[KEY_CAP];
    size_t kn;
    if (!(e->form = strndup(f[0], fl[0])))
        return oom_msg;
    const char *why = entry_pieces(e, e->form, fl[0], key, &kn);
    if (!why)
        why = entry_values(e, f[1], fl[1], nf == 3 ? f[2] : NULL, nf == 3 ? fl[2] : 0, nf == 3);
    if (why)
        return why;
    if (!(e->key = strndup(key, kn)))
        return oom_msg;
    e->keylen = kn;
    return NULL;
}

static int entry_cmp(const void *a, const void *b)
{
    const uentry_t *x = a, *y = b;
    size_t n = x->keylen < y->keylen ? x->keylen : y->keylen;
    int c = memcmp(x->key, y->key, n);
    if (c)
        return c;
    if (x->keylen != y->keylen)
        return x->keylen < y->keylen ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts the entries, keeps the last one of each key, indexes first pieces. */
static int lexicon_index(warta_lexicon_t *lx)
{
    qsort(lx->ent, lx->n, sizeof *lx->ent, entry_cmp);
    size_t k = 0;
    for (size_t i = 0; i < lx->n; i++) {
        if (i + 1 < lx->n && lx->ent[i].keylen == lx->ent[i + 1].keylen &&
            !memcmp(lx->ent[i].key, lx->ent[i + 1].key, lx->ent[i].keylen)) {
            entry_free(&lx->ent[i]);
            continue;
        }
        lx->ent[k++] = lx->ent[i];
    }
    lx->n = k;
    lx->max_pieces = 0;
    for (size_t i = 0; i < lx->n; i++) {
        const uentry_t *e = &lx->ent[i];
        size_t fn = strcspn(e->key, "\x1f");
        if (strset_add(&lx->first, e->key, fn) < 0)
            return WARTA_ERR_NOMEM;
        if (e->npieces > lx->max_pieces)
            lx->max_pieces = e->npieces;
    }
    return 0;
}

static void lex_error(warta_error_t *err, int code, const char *name, size_t line,
                      const char *why)
{
    if (!err)
        return;
    err->code = code;
    err->byte = line;
    snprintf(err->message, sizeof err->message, "%s:%zu: %s", name, line, why);
}

/* Adds the lines of buf; on the first malformed one, drops what this call
 * added and says why. */
static int add_lines(warta_lexicon_t *lx, const char *buf, size_t len, const char *name,
                     warta_error_t *err)
{
    size_t before = lx->n, lineno = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(buf + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - buf) : len, n = e - i;
        const char *line = buf + i;
        i = e + 1;
        lineno++;
        size_t lead = strspn(line, " \t\r");
        if (lead >= n || line[lead] == '#')
            continue; /* blank or comment */
        if (vec_reserve((void **)&lx->ent, &lx->cap, lx->n + 1, sizeof *lx->ent)) {
            lex_error(err, WARTA_ERR_NOMEM, name, lineno, "out of memory");
            goto fail;
        }
        uentry_t *en = &lx->ent[lx->n];
        memset(en, 0, sizeof *en);
        en->seq = lx->seq++;
        const char *why = parse_line(en, line, n);
        if (why) {
            entry_free(en);
            lex_error(err, why == oom_msg ? WARTA_ERR_NOMEM : WARTA_ERR_DATA, name, lineno, why);
            goto fail;
        }
        lx->n++;
    }
    return 0;
fail:
    while (lx->n > before)
        entry_free(&lx->ent[--lx->n]);
    return err ? err->code : WARTA_ERR_DATA;
}

int warta_lexicon_add_buffer(warta_lexicon_t *lx, const char *buf, size_t len, const char *name,
                             warta_error_t *err)
{
    if (!name)
        name = "lexicon";
    if (!lx || (!buf && len)) {
        lex_error(err, WARTA_ERR_ARG, name, 0, "invalid argument");
        return WARTA_ERR_ARG;
    }
    size_t chars, bad = 0;
    if (len && text_check(buf, len, &chars, &bad) < 0) {
        size_t line = 1;
        for (size_t i = 0; i < bad; i++)
            line += buf[i] == '\n';
        lex_error(err, WARTA_ERR_DATA, name, line, "not UTF-8 text");
        return WARTA_ERR_DATA;
    }
    int rc = add_lines(lx, buf ? buf : "", len, name, err);
    if (rc < 0)
        return rc;
    if ((rc = lexicon_index(lx)) < 0)
        lex_error(err, rc, name, 0, "out of memory");
    return rc;
}

int warta_lexicon_add_file(warta_lexicon_t *lx, const char *path, warta_error_t *err)
{
    if (!lx || !path) {
        lex_error(err, WARTA_ERR_ARG, path ? path : "(null)", 0, "invalid argument");
        return WARTA_ERR_ARG;
    }
    errno = 0;
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;
    int ok = fp != NULL;
    while (ok) {
        if (vec_reserve((void **)&buf, &cap, n + 65536, 1)) {
            ok = 0;
            break;
        }
        size_t k = fread(buf + n, 1, cap - n, fp);
        n += k;
        if (k == 0) {
            ok = !ferror(fp);
            break;
        }
    }
    int e = errno;
    if (fp)
        fclose(fp);
    if (!ok) {
        free(buf);
        if (err) {
            err->code = WARTA_ERR_IO;
            err->byte = 0;
            snprintf(err->message, sizeof err->message, "%s: %s", path,
                     e ? strerror(e) : "read error");
        }
        return WARTA_ERR_IO;
    }
    int rc = warta_lexicon_add_buffer(lx, buf, n, path, err);
    free(buf);
    return rc;
}

/* ---- matching ---------------------------------------------------------- */

static const uentry_t *find_key(const warta_lexicon_t *lx, const char *key, size_t kn)
{
    size_t lo = 0, hi = lx->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const uentry_t *e = &lx->ent[mid];
        size_t n = e->keylen < kn ? e->keylen : kn;
        int c = memcmp(e->key, key, n);
        if (!c)
            c = e->keylen < kn ? -1 : e->keylen > kn;
        if (!c)
            return e;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* The longest entry matching from token t; *te its end. */
static const uentry_t *longest_at(const warta_lexicon_t *lx, const pipe_t *p, size_t t,
                                  size_t *te)
{
    char key[KEY_CAP];
    size_t kn = 0, np = 0;
    const uentry_t *best = NULL;
    for (size_t j = t; j < p->ntok && np < lx->max_pieces; j++) {
        if (j > t && (p->tok[j].flags & WARTA_TOKF_BLANK_BEFORE))
            break;
        const warta_token_t *k = &p->tok[j];
        if (key_append(key, &kn, &np, p->s + k->byte_start, k->byte_end - k->byte_start) < 0)
            break;
        if (j == t && !strset_has(&lx->first, key, strcspn(key, "\x1f")))
            break;
        const uentry_t *e = find_key(lx, key, kn);
        if (e && pieces_case_ok(p, e->form, e->pieces, e->npieces, t, j + 1)) {
            best = e;
            *te = j + 1;
        }
    }
    return best;
}

static const char *arena_copy(arena_t *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

static int emit(const uentry_t *e, pipe_t *p, size_t tb, size_t te)
{
    mention_t *m = pipe_add_mention(p, (uint32_t)tb, (uint32_t)te, e->type, SRC_LEX);
    if (!m)
        return WARTA_ERR_NOMEM;
    m->score = 1000;
    if (!p->arena || !e->canonical)
        return 0;
    const char *c = arena_copy(p->arena, e->canonical);
    if (!c)
        return WARTA_ERR_NOMEM;
    mvals_t v = mvals_none;
    if (e->type == WARTA_COUNTRY) {
        v.name = c;
        if (!(v.iso = arena_copy(p->arena, e->iso)))
            return WARTA_ERR_NOMEM;
    } else if (e->type == WARTA_LOCATION) {
        v.name = c;
    } else {
        v.canonical = c;
    }
    return ment_set_vals(p, m, &v);
}

int userlex_run(const warta_lexicon_t *lx, pipe_t *p)
{
    if (!lx || !lx->n)
        return 0;
    for (size_t t = 0; t < p->ntok;) {
        size_t te = 0;
        const uentry_t *e = longest_at(lx, p, t, &te);
        if (!e) {
            t++;
            continue;
        }
        if (emit(e, p, t, te) < 0)
            return WARTA_ERR_NOMEM;
        t = te;
    }
    return 0;
}
