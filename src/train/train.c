/* train.c - warta-train: trains the entity tagger's model and evaluates
 * warta on `token<TAB>BIO` corpora.
 *
 *   warta-train train --out FILE [--dev DEV]... [options] TRAIN...
 *   warta-train eval [--model FILE] [--split-country] GOLD...
 *
 * Training is a structured averaged perceptron (Collins 2002, "Discriminative
 * training methods for hidden Markov models"), with the averaging done
 * lazily (Daume's trick: avg = w - u/c, u accumulating c * update).  It is
 * deterministic: fixed file order, sentence order shuffled by a fixed-seed
 * LCG, float arithmetic in a fixed order.
 *
 * Corpus repairs (README "Entity tagger"), applied by the reader to training
 * and evaluation alike:
 *   - idner-news-2k substituted "PER" for "pers" inside tokens (PERen =
 *     persen): "PER" next to a lower-case letter becomes "pers" ("Pers" at
 *     the start of a token inside an entity);
 *   - brackets, quotes and commas glued to tokens ("(KPK)", "Plaines,") are
 *     split off as their own tokens, as warta's tokenizer does; they are O,
 *     except inside an entity that continues after them.  A bracketed token
 *     labelled I-X ("Mahkamah Konstitusi (MK)") becomes its own entity
 *     (B-X), as the acronym is a mention of its own, unless it is an
 *     organization tail such as "(Persero)", which stays inside;
 *   - labels: PER/PERSON -> PERSON, ORG/ORGANISATION -> ORGANIZATION,
 *     LOC/PLACE -> LOCATION; for training, LOCATION spans whose text is a
 *     country (--countries FILE) -> COUNTRY; an I- without its B- opens an
 *     entity (as conlleval reads it).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feat.h"
#include "lexicon.h"
#include "model.h"
#include "pipeline.h"
#include "viterbi.h"
#include "warta.h"

#define MAXL 17

static void die(const char *fmt, const char *a)
{
    fprintf(stderr, "warta-train: error: ");
    fprintf(stderr, fmt, a);
    fprintf(stderr, "\n");
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory%s", "");
    return p;
}

/* ---- corpus --------------------------------------------------------------- */

/* One token: text and gold (prefix LP_O/B/I, type). */
typedef struct ctok {
    char *s;
    size_t n;
    uint8_t pre, type;
    uint8_t soft_o; /* from a --masked file: an O here may be a country */
    uint8_t domain; /* 1 + index of the training file (--augment), 0: none */
} ctok_t;

typedef struct corpus {
    ctok_t *tok;
    size_t ntok, captok;
    size_t *sent; /* [nsent + 1] first token of each sentence */
    size_t nsent, capsent;
    size_t repaired_per, split_marks;
} corpus_t;

static void push_tok(corpus_t *c, const char *s, size_t n, int pre, int type)
{
    if (c->ntok == c->captok) {
        c->captok = c->captok ? c->captok * 2 : 4096;
        c->tok = xrealloc(c->tok, c->captok * sizeof *c->tok);
    }
    ctok_t *t = &c->tok[c->ntok++];
    t->s = xrealloc(NULL, n + 1);
    memcpy(t->s, s, n);
    t->s[n] = '\0';
    t->n = n;
    t->pre = (uint8_t)pre;
    t->type = (uint8_t)type;
    t->soft_o = 0;
    t->domain = 0;
}

static void end_sentence(corpus_t *c)
{
    size_t start = c->nsent ? c->sent[c->nsent] : 0;
    if (c->ntok == start)
        return;
    if (c->nsent + 2 > c->capsent) {
        c->capsent = c->capsent ? c->capsent * 2 : 1024;
        c->sent = xrealloc(c->sent, c->capsent * sizeof *c->sent);
    }
    if (!c->nsent)
        c->sent[0] = 0;
    c->sent[++c->nsent] = c->ntok;
}

static void corpus_free(corpus_t *c)
{
    for (size_t i = 0; i < c->ntok; i++)
        free(c->tok[i].s);
    free(c->tok);
    free(c->sent);
}

static int map_type(const char *t, size_t n)
{
    static const struct { const char *name; int type; } m[] = {
        {"PER", WARTA_PERSON}, {"PERSON", WARTA_PERSON},
        {"ORG", WARTA_ORGANIZATION}, {"ORGANISATION", WARTA_ORGANIZATION},
        {"ORGANIZATION", WARTA_ORGANIZATION}, {"LOC", WARTA_LOCATION},
        {"PLACE", WARTA_LOCATION}, {"LOCATION", WARTA_LOCATION},
        {"COUNTRY", WARTA_COUNTRY}, {"MONEY", WARTA_MONEY}};
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        if (strlen(m[i].name) == n && !memcmp(m[i].name, t, n))
            return m[i].type;
    return -1;
}

static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

/* "PER" glued to lower-case letters was "pers". */
static size_t repair_per(const char *s, size_t n, char *out, int in_entity, size_t *count)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (i + 3 <= n && !memcmp(s + i, "PER", 3) &&
            ((i + 3 < n && is_lower((unsigned char)s[i + 3])) ||
             (i > 0 && is_lower((unsigned char)s[i - 1])))) {
            memcpy(out + o, (i == 0 && in_entity) ? "Pers" : "pers", 4);
            o += 4;
            i += 2;
            (*count)++;
            continue;
        }
        out[o++] = s[i];
    }
    return o;
}

static const char *const org_tail_words[] = {"Persero", "Tbk", NULL};

static void add_token(corpus_t *c, const char *s, size_t n, int pre, int type, int next_cont)
{
    char *buf = xrealloc(NULL, 2 * n + 8);
    n = repair_per(s, n, buf, pre != LP_O, &c->repaired_per);
    s = buf;
    size_t a = 0, e = n;
    while (a + 1 < e && (s[a] == '(' || s[a] == '"'))
        a++;
    while (e > a + 1 && (s[e - 1] == ')' || s[e - 1] == ',' || s[e - 1] == '"'))
        e--;
    if (a == 0 && e == n) {
        push_tok(c, s, n, pre, type);
        free(buf);
        return;
    }
    c->split_marks++;
    int bracketed = a > 0 && s[a - 1] == '(';
    int tail = 0;
    for (int k = 0; org_tail_words[k]; k++)
        tail |= strlen(org_tail_words[k]) == e - a && !memcmp(s + a, org_tail_words[k], e - a);
    int core_pre = pre, lead_pre = LP_O, trail_pre = LP_O;
    if (pre == LP_I && bracketed && !tail)
        core_pre = LP_B; /* "(MK)" after its full name: a mention of its own */
    if (pre == LP_I && (!bracketed || tail))
        lead_pre = LP_I; /* the marks stay inside the entity */
    if (pre == LP_B && a > 0) {
        /* "(Jokowi)": the bracket is outside, the name begins after it */
    }
    if (pre != LP_O && next_cont)
        trail_pre = LP_I; /* "Plaines," inside a longer name */
    if (pre == LP_I && tail)
        trail_pre = LP_I;
    for (size_t i = 0; i < a; i++)
        push_tok(c, s + i, 1, lead_pre, lead_pre == LP_O ? 0 : type);
    push_tok(c, s + a, e - a, core_pre, type);
    for (size_t i = e; i < n; i++)
        push_tok(c, s + i, 1, trail_pre, trail_pre == LP_O ? 0 : type);
    free(buf);
}

static char *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("cannot open %s", path);
    size_t cap = 1 << 16, len = 0;
    char *buf = xrealloc(NULL, cap);
    size_t got;
    while ((got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap)
            buf = xrealloc(buf, cap *= 2);
    }
    if (ferror(f))
        die("cannot read %s", path);
    fclose(f);
    buf[len] = '\0';
    *n = len;
    return buf;
}

/* Reads a `token<TAB>BIO` file into c (repairs above; no country split). */
static void read_conll(corpus_t *c, const char *path)
{
    size_t n;
    char *buf = read_file(path, &n);
    /* lines first, so a token can see the next token's label */
    size_t nl = 0, capl = 0;
    char **lines = NULL;
    size_t *lens = NULL;
    for (size_t i = 0; i <= n;) {
        char *e = memchr(buf + i, '\n', n - i);
        size_t end = e ? (size_t)(e - buf) : n;
        if (nl == capl) {
            capl = capl ? capl * 2 : 4096;
            lines = xrealloc(lines, capl * sizeof *lines);
            lens = xrealloc(lens, capl * sizeof *lens);
        }
        size_t len = end - i;
        if (len && buf[i + len - 1] == '\r')
            len--;
        lines[nl] = buf + i;
        lens[nl++] = len;
        i = end + 1;
        if (!e)
            break;
    }
    int prev_type = -1;
    for (size_t k = 0; k < nl; k++) {
        char *tab = lens[k] ? memchr(lines[k], '\t', lens[k]) : NULL;
        if (!tab) {
            end_sentence(c);
            prev_type = -1;
            continue;
        }
        size_t tn = (size_t)(tab - lines[k]);
        const char *lab = tab + 1;
        size_t ln = lens[k] - tn - 1;
        int pre = LP_O, type = 0;
        if (ln > 2 && (lab[0] == 'B' || lab[0] == 'I') && lab[1] == '-') {
            type = map_type(lab + 2, ln - 2);
            if (type >= 0)
                pre = lab[0] == 'B' ? LP_B : LP_I;
            else
                type = 0;
        }
        if (pre == LP_I && prev_type != type)
            pre = LP_B;
        /* does the entity continue on the next line? */
        int next_cont = 0;
        if (k + 1 < nl && lens[k + 1] > 2) {
            char *t2 = memchr(lines[k + 1], '\t', lens[k + 1]);
            if (t2 && t2[1] == 'I' && t2[2] == '-')
                next_cont = map_type(t2 + 3, lens[k + 1] - (size_t)(t2 + 3 - lines[k + 1])) == type;
        }
        if (tn)
            add_token(c, lines[k], tn, pre, type, next_cont);
        prev_type = pre == LP_O ? -1 : type;
    }
    end_sentence(c);
    free(lines);
    free(lens);
    free(buf);
}

/* ---- spans ------------------------------------------------------------------ */

typedef struct span {
    size_t b, e;
    int type;
} span_t;

/* Entity spans of labels (prefix, type) over n tokens, conlleval-style: an
 * entity starts at B, or at I/L/U after something of another type. */
static size_t spans_of(const uint8_t *pre, const uint8_t *type, size_t n, span_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (pre[i] == LP_O) {
            i++;
            continue;
        }
        size_t j = i + 1;
        if (pre[i] != LP_U && pre[i] != LP_L)
            while (j < n && (pre[j] == LP_I || pre[j] == LP_L) && type[j] == type[i]) {
                j++;
                if (pre[j - 1] == LP_L)
                    break;
            }
        out[k].b = i;
        out[k].e = j;
        out[k].type = type[i];
        k++;
        i = j;
    }
    return k;
}

/* ---- countries ---------------------------------------------------------------- */

static strset_t countries;

static int add_country(const char *line, size_t len, void *ctx)
{
    (void)ctx;
    char buf[512];
    if (len > 200)
        return 0;
    size_t n = utf8_fold(line, len, buf, sizeof buf);
    return strset_add(&countries, buf, n);
}

static void load_countries(const char *path)
{
    size_t n;
    char *buf = read_file(path, &n);
    if (for_each_line(buf, n, add_country, NULL))
        die("out of memory%s", "");
    free(buf);
}

/* LOCATION spans that are countries become COUNTRY. */
static size_t split_countries(corpus_t *c)
{
    size_t changed = 0;
    char key[1024], fold[2100];
    for (size_t s = 0; s < c->nsent; s++) {
        size_t b = c->sent[s], e = c->sent[s + 1];
        for (size_t i = b; i < e; i++) {
            if (c->tok[i].pre != LP_B || c->tok[i].type != WARTA_LOCATION)
                continue;
            size_t j = i + 1;
            while (j < e && c->tok[j].pre == LP_I && c->tok[j].type == WARTA_LOCATION)
                j++;
            size_t o = 0;
            for (size_t k = i; k < j && o + c->tok[k].n + 1 < sizeof key; k++) {
                if (k > i)
                    key[o++] = ' ';
                memcpy(key + o, c->tok[k].s, c->tok[k].n);
                o += c->tok[k].n;
            }
            size_t fn = utf8_fold(key, o, fold, sizeof fold);
            if (strset_has(&countries, fold, fn)) {
                for (size_t k = i; k < j; k++)
                    c->tok[k].type = WARTA_COUNTRY;
                changed++;
            }
        }
    }
    return changed;
}

/* ---- labels ------------------------------------------------------------------- */

static const int model_types[] = {WARTA_PERSON, WARTA_ORGANIZATION, WARTA_LOCATION, WARTA_COUNTRY};
#define NMT 4

typedef struct labels {
    unsigned L;
    int bilou;
    char name[MAXL][16];
    uint8_t pre[MAXL], type[MAXL];
} labels_t;

static void labels_init(labels_t *lb, int bilou)
{
    memset(lb, 0, sizeof *lb);
    lb->bilou = bilou;
    snprintf(lb->name[lb->L++], 16, "O");
    const char *pres = bilou ? "BILU" : "BI";
    for (int t = 0; t < NMT; t++)
        for (const char *p = pres; *p; p++) {
            snprintf(lb->name[lb->L], 16, "%c-%s", *p, warta_type_name((warta_type_t)model_types[t]));
            model_parse_label(lb->name[lb->L], &lb->pre[lb->L], &lb->type[lb->L]);
            lb->L++;
        }
}

static unsigned label_of(const labels_t *lb, int pre, int type)
{
    for (unsigned l = 1; l < lb->L; l++)
        if (lb->pre[l] == pre && lb->type[l] == type)
            return l;
    return 0;
}

/* ---- feature extraction for the trainer ----------------------------------------- */

typedef struct fmap { /* feature hash -> id, open addressing */
    uint64_t *key;
    uint32_t *id;
    size_t cap, n;
    uint64_t *hash_of;  /* [n] */
    uint32_t *count;    /* [n] */
} fmap_t;

/* Domain adaptation by feature augmentation (Daume III 2007): with
 * --augment, every feature h of a token from training file d also fires as
 * a copy private to d, dmix(h, d).  The dev sets and the shipped model see
 * the shared copy plus the --target file's copy; model_write gets them
 * folded into one weight row per shared hash, so tagging costs nothing
 * extra.  The other files' private copies are dropped. */
static uint64_t dmix(uint64_t h, unsigned d)
{
    uint64_t x = h ^ (0x9E3779B97F4A7C15ULL * (uint64_t)(d + 1));
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 29;
    return x ? x : 1;
}

static uint32_t fmap_get(fmap_t *m, uint64_t h, int insert)
{
    if (insert && (m->n + 1) * 2 > m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 1 << 16;
        uint64_t *nk = calloc(nc, sizeof *nk);
        uint32_t *ni = xrealloc(NULL, nc * sizeof *ni);
        if (!nk)
            die("out of memory%s", "");
        for (size_t i = 0; i < m->cap; i++)
            if (m->key[i]) {
                size_t j = m->key[i] & (nc - 1);
                while (nk[j])
                    j = (j + 1) & (nc - 1);
                nk[j] = m->key[i];
                ni[j] = m->id[i];
            }
        free(m->key);
        free(m->id);
        m->key = nk;
        m->id = ni;
        m->cap = nc;
        m->hash_of = xrealloc(m->hash_of, nc / 2 * sizeof *m->hash_of);
        m->count = xrealloc(m->count, nc / 2 * sizeof *m->count);
    }
    if (!m->cap)
        return UINT32_MAX;
    size_t i = h & (m->cap - 1);
    while (m->key[i] && m->key[i] != h)
        i = (i + 1) & (m->cap - 1);
    if (m->key[i]) {
        if (insert)
            m->count[m->id[i]]++;
        return m->id[i];
    }
    if (!insert)
        return UINT32_MAX;
    m->key[i] = h;
    m->id[i] = (uint32_t)m->n;
    m->hash_of[m->n] = h;
    m->count[m->n] = 1;
    return (uint32_t)m->n++;
}

/* Features of a corpus as ids: token t's ids are fid[foff[t] .. foff[t+1]). */
typedef struct fcorpus {
    uint32_t *fid;
    size_t nfid, capfid;
    size_t *foff; /* [ntok + 1] */
    uint8_t *gold; /* [ntok] label ids, GOLD_UNKNOWN: any label */
    size_t nmasked;
} fcorpus_t;

/* A token whose gold label is unknown (an O from a --masked corpus on a
 * token the gazetteer marks as a country): training takes the best path
 * that agrees with the known labels as the gold path. */
#define GOLD_UNKNOWN 0xFFu

typedef struct env {
    money_t *money;
    money_scratch_t *ms;
    gaz_t *gaz;
    lexicon_t *lx;
    feat_scratch_t *fs;
    pipe_t p;
    char *buf;
    size_t bufcap;
    arena_t arena;
} env_t;

static void env_open(env_t *v)
{
    memset(v, 0, sizeof *v);
    warta_error_t err;
    if (money_load(&v->money, &err) < 0 || gaz_load(&v->gaz, &err) < 0 ||
        lexicon_load(&v->lx, &err) < 0)
        die("%s", err.message);
    v->ms = money_scratch_new(v->money);
    v->fs = feat_scratch_new();
    if (!v->ms || !v->fs)
        die("out of memory%s", "");
}

static void env_close(env_t *v)
{
    money_scratch_free(v->ms);
    money_free(v->money);
    gaz_free(v->gaz);
    lexicon_free(v->lx);
    feat_scratch_free(v->fs);
    free(v->p.tok);
    free(v->p.sent);
    free(v->p.lex);
    free(v->p.ment);
    free(v->buf);
    arena_free(&v->arena);
}

/* Runs the run-time stages that precede the tagger (money, gazetteer) and
 * the tagger's feature extraction over one corpus sentence. */
static void env_features(env_t *v, const corpus_t *c, size_t s)
{
    size_t b = c->sent[s], n = c->sent[s + 1] - b;
    const char **toks = xrealloc(NULL, n * sizeof *toks);
    size_t *lens = xrealloc(NULL, n * sizeof *lens);
    for (size_t i = 0; i < n; i++) {
        toks[i] = c->tok[b + i].s;
        lens[i] = c->tok[b + i].n;
    }
    int rc = feat_pipe_from_tokens(&v->p, &v->buf, &v->bufcap, toks, lens, n);
    v->p.arena = &v->arena;
    if (rc >= 0)
        rc = money_run(v->money, v->ms, &v->p);
    if (rc >= 0)
        rc = gaz_run(v->gaz, &v->p);
    if (rc >= 0)
        rc = feat_sentence(v->lx, &v->p, 0, n, v->fs);
    v->p.arena = NULL;
    arena_free(&v->arena);
    if (rc < 0)
        die("feature extraction failed: %s", warta_errmsg(rc));
    free(toks);
    free(lens);
}

static void extract(env_t *v, const corpus_t *c, const labels_t *lb, fmap_t *fm, int insert,
                    unsigned dev_domain, fcorpus_t *fc)
{
    memset(fc, 0, sizeof *fc);
    fc->foff = xrealloc(NULL, (c->ntok + 1) * sizeof *fc->foff);
    fc->gold = xrealloc(NULL, c->ntok + 1);
    for (size_t s = 0; s < c->nsent; s++) {
        size_t b = c->sent[s], n = c->sent[s + 1] - b;
        env_features(v, c, s);
        for (size_t i = 0; i < n; i++) {
            const ctok_t *t = &c->tok[b + i];
            int pre = t->pre;
            if (lb->bilou && pre != LP_O) {
                int cont = b + i + 1 < c->sent[s + 1] && c->tok[b + i + 1].pre == LP_I &&
                           c->tok[b + i + 1].type == t->type;
                pre = pre == LP_B ? (cont ? LP_B : LP_U) : (cont ? LP_I : LP_L);
            }
            fc->gold[b + i] = (uint8_t)(pre == LP_O ? 0 : label_of(lb, pre, t->type));
            if (t->soft_o && pre == LP_O && (v->p.lex[i] & (LEX_COUNTRY_B | LEX_COUNTRY_I))) {
                fc->gold[b + i] = GOLD_UNKNOWN;
                fc->nmasked++;
            }
            fc->foff[b + i] = fc->nfid;
            size_t nf;
            const uint64_t *f = feat_token(v->fs, i, &nf);
            if (fc->nfid + 2 * nf > fc->capfid) {
                fc->capfid = (fc->capfid + 2 * nf) * 2;
                fc->fid = xrealloc(fc->fid, fc->capfid * sizeof *fc->fid);
            }
            unsigned d = insert ? t->domain : dev_domain;
            for (size_t k = 0; k < nf; k++) {
                uint32_t id = fmap_get(fm, f[k], insert);
                if (id != UINT32_MAX)
                    fc->fid[fc->nfid++] = id;
                if (d) {
                    id = fmap_get(fm, dmix(f[k], d), insert);
                    if (id != UINT32_MAX)
                        fc->fid[fc->nfid++] = id;
                }
            }
        }
    }
    fc->foff[c->ntok] = fc->nfid;
}

static void fcorpus_free(fcorpus_t *fc)
{
    free(fc->fid);
    free(fc->foff);
    free(fc->gold);
}

/* ---- perceptron --------------------------------------------------------------- */

typedef struct dataset {
    corpus_t c;
    fcorpus_t f;
    const char *name;
} dataset_t;

static void emissions(const float *w, unsigned L, const fcorpus_t *fc, size_t b, size_t n,
                      float *emit)
{
    for (size_t t = 0; t < n; t++) {
        float *row = emit + t * L;
        memset(row, 0, L * sizeof *row);
        for (size_t k = fc->foff[b + t]; k < fc->foff[b + t + 1]; k++) {
            const float *wr = w + (size_t)fc->fid[k] * L;
            for (unsigned l = 0; l < L; l++)
                row[l] += wr[l];
        }
    }
}

typedef struct counts {
    size_t gold[WARTA_NTYPES], found[WARTA_NTYPES], correct[WARTA_NTYPES];
} counts_t;

static void count_spans(counts_t *ct, const span_t *g, size_t ng, const span_t *p, size_t np)
{
    for (size_t i = 0; i < ng; i++)
        ct->gold[g[i].type]++;
    for (size_t i = 0; i < np; i++) {
        ct->found[p[i].type]++;
        for (size_t j = 0; j < ng; j++)
            if (g[j].b == p[i].b && g[j].e == p[i].e && g[j].type == p[i].type) {
                ct->correct[p[i].type]++;
                break;
            }
    }
}

static double f1(size_t g, size_t f, size_t c)
{
    double p = f ? (double)c / (double)f : 0, r = g ? (double)c / (double)g : 0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static void totals(const counts_t *ct, size_t *g, size_t *f, size_t *c)
{
    *g = *f = *c = 0;
    for (int t = 0; t < WARTA_NTYPES; t++) {
        *g += ct->gold[t];
        *f += ct->found[t];
        *c += ct->correct[t];
    }
}

typedef struct model_model { /* a model in training-time form */
    unsigned L;
    const uint8_t (*allowed)[VITERBI_MAXL];
    const uint8_t *end_ok;
} shape_t;

/* Model-only dev score (COUNTRY folded into LOCATION, as the corpora do). */
static counts_t dev_score(const float *w, const float *trans, const shape_t *sh,
                          const labels_t *lb, const dataset_t *d)
{
    counts_t ct;
    memset(&ct, 0, sizeof ct);
    size_t maxn = 0;
    for (size_t s = 0; s < d->c.nsent; s++)
        if (d->c.sent[s + 1] - d->c.sent[s] > maxn)
            maxn = d->c.sent[s + 1] - d->c.sent[s];
    float *emit = xrealloc(NULL, maxn * sh->L * sizeof *emit);
    float *delta = xrealloc(NULL, maxn * sh->L * sizeof *delta);
    uint8_t *back = xrealloc(NULL, maxn * sh->L), *path = xrealloc(NULL, maxn);
    uint8_t *pp = xrealloc(NULL, maxn), *pt = xrealloc(NULL, maxn);
    uint8_t *gp = xrealloc(NULL, maxn), *gt = xrealloc(NULL, maxn);
    span_t *gs = xrealloc(NULL, maxn * sizeof *gs), *ps = xrealloc(NULL, maxn * sizeof *ps);
    for (size_t s = 0; s < d->c.nsent; s++) {
        size_t b = d->c.sent[s], n = d->c.sent[s + 1] - b;
        emissions(w, sh->L, &d->f, b, n, emit);
        viterbi_decode(emit, n, sh->L, trans, sh->allowed, sh->end_ok, delta, back, path);
        for (size_t i = 0; i < n; i++) {
            pp[i] = lb->pre[path[i]];
            pt[i] = lb->type[path[i]] == WARTA_COUNTRY ? WARTA_LOCATION : lb->type[path[i]];
            gp[i] = d->c.tok[b + i].pre;
            gt[i] = d->c.tok[b + i].type == WARTA_COUNTRY ? WARTA_LOCATION : d->c.tok[b + i].type;
        }
        size_t ng = spans_of(gp, gt, n, gs), np = spans_of(pp, pt, n, ps);
        /* a predicted span over tokens whose gold is unknown (--dev-masked:
         * countries the corpus may leave O) counts neither way */
        size_t keep = 0;
        for (size_t k = 0; k < np; k++) {
            int unknown = 1;
            for (size_t i = ps[k].b; i < ps[k].e; i++)
                unknown &= d->f.gold[b + i] == GOLD_UNKNOWN;
            if (!unknown)
                ps[keep++] = ps[k];
        }
        count_spans(&ct, gs, ng, ps, keep);
    }
    free(emit);
    free(delta);
    free(back);
    free(path);
    free(pp);
    free(pt);
    free(gp);
    free(gt);
    free(gs);
    free(ps);
    return ct;
}

static void print_counts(const char *name, const counts_t *ct)
{
    size_t g, f, c;
    totals(ct, &g, &f, &c);
    printf("  %-28s all %.4f", name, f1(g, f, c));
    static const int show[] = {WARTA_PERSON, WARTA_ORGANIZATION, WARTA_LOCATION};
    static const char *abbr[] = {"PER", "ORG", "LOC"};
    for (int k = 0; k < 3; k++)
        printf("  %s %.4f", abbr[k],
               f1(ct->gold[show[k]], ct->found[show[k]], ct->correct[show[k]]));
    printf("\n");
}

/* Prints the scores on every dev set; returns the F1 over all of them
 * together (ep when there is none). */
static double dev_all(const float *w, const float *trans, const shape_t *sh, const labels_t *lb,
                      const dataset_t *dv, int ndev, int ep)
{
    counts_t sum;
    memset(&sum, 0, sizeof sum);
    for (int i = 0; i < ndev; i++) {
        counts_t ct = dev_score(w, trans, sh, lb, &dv[i]);
        print_counts(dv[i].name, &ct);
        for (int t = 0; t < WARTA_NTYPES; t++) {
            sum.gold[t] += ct.gold[t];
            sum.found[t] += ct.found[t];
            sum.correct[t] += ct.correct[t];
        }
    }
    size_t gg, ff, cc;
    totals(&sum, &gg, &ff, &cc);
    return ndev ? f1(gg, ff, cc) : (double)ep;
}

/* ---- CRF ------------------------------------------------------------------------ */

/* One epoch of stochastic gradient descent on the CRF's negative
 * conditional log-likelihood plus creg/2 |w|^2 per sentence (creg = 1 /
 * (sigma2 N): a Gaussian prior of variance sigma2 over the whole corpus),
 * sentences in `order`.  The step size is eta0 / (1 + creg eta0 t) (Bottou
 * 2010, "Large-scale machine learning with stochastic gradient descent"),
 * t counting sentences over all epochs.  The emission weights are
 * (*scale) * v so that the prior's shrinking of every weight is one
 * multiplication; v is folded back when the scale gets small.  A sentence
 * with unknown gold labels (GOLD_UNKNOWN = CRF_ANY) counts with the
 * likelihood of all its paths through the known labels.  Returns the sum
 * of the losses (before each step). */
static double crf_epoch(const dataset_t *tr, const size_t *order, const shape_t *sh, size_t WN, double *v,
                        double *scale, double *trans, double *t, double eta0, double creg,
                        double *work, double *gnode, double *gtrans, float *emit, float *ftrans)
{
    unsigned L = sh->L;
    size_t TN = (size_t)(L + 1) * L;
    double total = 0;
    for (size_t si = 0; si < tr->c.nsent; si++) {
        size_t s = order[si], b = tr->c.sent[s], n = tr->c.sent[s + 1] - b;
        for (size_t q = 0; q < n; q++) {
            double acc[MAXL] = {0};
            for (size_t k = tr->f.foff[b + q]; k < tr->f.foff[b + q + 1]; k++) {
                const double *wr = v + (size_t)tr->f.fid[k] * L;
                for (unsigned l = 0; l < L; l++)
                    acc[l] += wr[l];
            }
            for (unsigned l = 0; l < L; l++)
                emit[q * L + l] = (float)(*scale * acc[l]);
        }
        for (size_t i = 0; i < TN; i++)
            ftrans[i] = (float)trans[i];
        double loss = crf_loss_grad(emit, n, L, ftrans, sh->allowed, sh->end_ok,
                                    tr->f.gold + b, work, gnode, gtrans);
        double eta = eta0 / (1 + creg * eta0 * *t);
        *t += 1;
        if (!isfinite(loss)) /* a gold path the constraints forbid */
            continue;
        total += loss;
        *scale *= 1 - eta * creg;
        double step = eta / *scale;
        for (size_t q = 0; q < n; q++) {
            const double *g = gnode + q * L;
            for (size_t k = tr->f.foff[b + q]; k < tr->f.foff[b + q + 1]; k++) {
                double *wr = v + (size_t)tr->f.fid[k] * L;
                for (unsigned l = 0; l < L; l++)
                    wr[l] -= step * g[l];
            }
        }
        for (size_t i = 0; i < TN; i++)
            trans[i] -= eta * (gtrans[i] + creg * trans[i]);
        if (*scale < 1e-3) {
            for (size_t i = 0; i < WN; i++)
                v[i] *= *scale;
            *scale = 1;
        }
    }
    return total;
}

static uint64_t rng_state;
static uint32_t rng(void)
{ /* 64-bit LCG (Knuth MMIX), high bits */
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(rng_state >> 33);
}

static int cmd_train(int argc, char **argv)
{
    const char *out = NULL, *countries_path = NULL;
    const char *train[16], *dev[16];
    int ntrain = 0, ndev = 0, epochs = 20, patience = 4, bilou = 0, runs = 1;
    int augment = 0, target = -1, private_[16] = {0};
    int masked[16] = {0}, dev_masked[16] = {0};
    unsigned min_count = 1;
    float prune = 0;
    uint64_t seed = 20240601;
    int crf = 0, crf_avg = 0;
    double sigma2 = 10, eta0 = 0.1;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        int more = i + 1 < argc;
        if (!strcmp(a, "--out") && more) out = argv[++i];
        else if (!strcmp(a, "--dev") && more && ndev < 16) dev[ndev++] = argv[++i];
        else if (!strcmp(a, "--dev-masked") && more && ndev < 16) {
            dev_masked[ndev] = 1;
            dev[ndev++] = argv[++i];
        }
        else if (!strcmp(a, "--countries") && more) countries_path = argv[++i];
        else if (!strcmp(a, "--epochs") && more) epochs = atoi(argv[++i]);
        else if (!strcmp(a, "--patience") && more) patience = atoi(argv[++i]);
        else if (!strcmp(a, "--min-count") && more) min_count = (unsigned)atoi(argv[++i]);
        else if (!strcmp(a, "--seed") && more) seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(a, "--scheme") && more) bilou = !strcmp(argv[++i], "bilou");
        else if (!strcmp(a, "--runs") && more) runs = atoi(argv[++i]);
        else if (!strcmp(a, "--prune") && more) prune = strtof(argv[++i], NULL);
        else if (!strcmp(a, "--augment")) augment = 1;
        else if (!strcmp(a, "--algo") && more) {
            const char *v = argv[++i];
            if (!strcmp(v, "crf")) crf = 1;
            else if (!strcmp(v, "perceptron")) crf = 0;
            else die("--algo must be perceptron or crf, not %s", v);
        }
        else if (!strcmp(a, "--sigma2") && more) sigma2 = strtod(argv[++i], NULL);
        else if (!strcmp(a, "--eta") && more) eta0 = strtod(argv[++i], NULL);
        else if (!strcmp(a, "--crf-avg")) crf_avg = 1;
        else if (!strcmp(a, "--target") && more) target = atoi(argv[++i]);
        else if (!strcmp(a, "--private") && more && ntrain < 16) {
            private_[ntrain] = 1;
            train[ntrain++] = argv[++i];
        }
        else if (!strcmp(a, "--masked") && more && ntrain < 16) {
            masked[ntrain] = 1;
            train[ntrain++] = argv[++i];
        }
        else if (a[0] == '-') die("unknown option %s", a);
        else if (ntrain < 16) train[ntrain++] = a;
    }
    if (!out || !ntrain)
        die("usage: warta-train train --out FILE [--dev DEV]... TRAIN...%s", "");
    if (countries_path)
        load_countries(countries_path);
    clock_t t0 = clock();
    labels_t lb;
    labels_init(&lb, bilou);
    unsigned L = lb.L;
    /* constraints from the label names, by the rules of model.c */
    uint8_t allowed[MAXL + 1][VITERBI_MAXL], end_ok[MAXL];
    memset(allowed, 0, sizeof allowed);
    for (unsigned a = 0; a <= L; a++)
        for (unsigned b2 = 0; b2 < L; b2++) {
            int pa = a == L ? -1 : lb.pre[a], pb = lb.pre[b2];
            int open = pa == LP_B || pa == LP_I;
            int cont = pb == LP_I || pb == LP_L;
            allowed[a][b2] = (uint8_t)(cont ? open && lb.type[a] == lb.type[b2] : bilou ? !open : 1);
        }
    for (unsigned b2 = 0; b2 < L; b2++)
        end_ok[b2] = (uint8_t)(bilou ? !(lb.pre[b2] == LP_B || lb.pre[b2] == LP_I) : 1);
    shape_t sh = {L, (const uint8_t(*)[VITERBI_MAXL])allowed, end_ok};

    env_t env;
    env_open(&env);
    dataset_t tr;
    memset(&tr, 0, sizeof tr);
    for (int i = 0; i < ntrain; i++) {
        size_t first = tr.c.ntok;
        read_conll(&tr.c, train[i]);
        for (size_t k = first; k < tr.c.ntok; k++) {
            tr.c.tok[k].soft_o = (uint8_t)masked[i];
            tr.c.tok[k].domain = (uint8_t)(augment || private_[i] ? i + 1 : 0);
        }
        augment |= private_[i];
    }
    if (target >= ntrain)
        die("--target must name a training file (0..%s)", "number of files - 1");
    unsigned dev_domain = augment && target >= 0 ? (unsigned)target + 1 : 0;
    if (runs < 1)
        runs = 1;
    size_t nc = countries_path ? split_countries(&tr.c) : 0;
    fmap_t fm;
    memset(&fm, 0, sizeof fm);
    extract(&env, &tr.c, &lb, &fm, 1, 0, &tr.f);
    /* prune rare features: renumber those seen >= min_count times */
    uint32_t *remap = xrealloc(NULL, (fm.n + 1) * sizeof *remap);
    uint32_t F = 0;
    for (size_t i = 0; i < fm.n; i++)
        remap[i] = fm.count[i] >= min_count ? F++ : UINT32_MAX;
    {
        size_t o = 0;
        for (size_t t = 0; t < tr.c.ntok; t++) {
            size_t b = tr.f.foff[t], e = tr.f.foff[t + 1];
            tr.f.foff[t] = o;
            for (size_t k = b; k < e; k++)
                if (remap[tr.f.fid[k]] != UINT32_MAX)
                    tr.f.fid[o++] = remap[tr.f.fid[k]];
        }
        tr.f.foff[tr.c.ntok] = o;
        tr.f.nfid = o;
    }
    uint64_t *hashes = xrealloc(NULL, (size_t)F * sizeof *hashes + 8);
    for (size_t i = 0; i < fm.n; i++)
        if (remap[i] != UINT32_MAX)
            hashes[remap[i]] = fm.hash_of[i];
    /* the dev sets see the pruned feature map */
    fmap_t fm2;
    memset(&fm2, 0, sizeof fm2);
    for (uint32_t i = 0; i < F; i++)
        fmap_get(&fm2, hashes[i], 1);
    dataset_t dv[16];
    for (int i = 0; i < ndev; i++) {
        memset(&dv[i], 0, sizeof dv[i]);
        dv[i].name = dev[i];
        read_conll(&dv[i].c, dev[i]);
        for (size_t k = 0; k < dv[i].c.ntok; k++)
            dv[i].c.tok[k].soft_o = (uint8_t)dev_masked[i];
        if (countries_path)
            split_countries(&dv[i].c);
        extract(&env, &dv[i].c, &lb, &fm2, 0, dev_domain, &dv[i].f);
    }
    printf("train: %zu sentences, %zu tokens, %u labels (%s), %u features (of %zu), "
           "%zu country spans, %zu PER repairs, %zu split marks, %zu masked O\n",
           tr.c.nsent, tr.c.ntok, L, bilou ? "BILOU" : "BIO", F, fm.n, nc, tr.c.repaired_per,
           tr.c.split_marks, tr.f.nmasked);

    size_t WN = (size_t)F * L, TN = (size_t)(L + 1) * L;
    float *w = calloc(WN + 1, sizeof *w), *tw = calloc(TN, sizeof *tw);
    double *u = calloc(WN + 1, sizeof *u), *tu = calloc(TN, sizeof *tu);
    float *aw = xrealloc(NULL, (WN + 1) * sizeof *aw), *at = xrealloc(NULL, TN * sizeof *at);
    float *bw = xrealloc(NULL, (WN + 1) * sizeof *bw), *bt = xrealloc(NULL, TN * sizeof *bt);
    /* w holds the current weights (small integers, exact in float); u and
     * tu the sums of c * update, in double */
    if (!w || !u || !tw || !tu)
        die("out of memory%s", "");
    size_t maxn = 0;
    for (size_t s = 0; s < tr.c.nsent; s++)
        if (tr.c.sent[s + 1] - tr.c.sent[s] > maxn)
            maxn = tr.c.sent[s + 1] - tr.c.sent[s];
    float *emit = xrealloc(NULL, maxn * L * sizeof *emit);
    float *delta = xrealloc(NULL, maxn * L * sizeof *delta);
    uint8_t *back = xrealloc(NULL, maxn * L), *path = xrealloc(NULL, maxn);
    size_t *order = xrealloc(NULL, tr.c.nsent * sizeof *order);
    for (size_t s = 0; s < tr.c.nsent; s++)
        order[s] = s;
    /* `runs` perceptrons, each with its own shuffle seed and its own epoch
     * picked on the dev sets; the shipped weights are their mean (less
     * variance than any one shuffle). */
    float *sw = calloc(WN + 1, sizeof *sw), *st = calloc(TN, sizeof *st);
    /* CRF: weights cscale * cv (the L2 shrinking is one multiply of
     * cscale per step), transitions ctr, scratch for forward-backward */
    double *cv = NULL, *csum = NULL, *ctr = NULL, *cwork = NULL, *gnode = NULL, *gtrans = NULL, cscale = 1, ct = 0;
    float *ftrans = NULL;
    double creg = crf ? 1.0 / (sigma2 * (double)tr.c.nsent) : 0;
    if (crf) {
        cv = calloc(WN + 1, sizeof *cv);
        csum = calloc(WN + TN, sizeof *csum);
        ctr = calloc(TN, sizeof *ctr);
        cwork = xrealloc(NULL, (crf_work_size(maxn, L) + maxn * L + TN) * sizeof *cwork);
        gnode = xrealloc(NULL, maxn * L * sizeof *gnode);
        gtrans = xrealloc(NULL, TN * sizeof *gtrans);
        ftrans = xrealloc(NULL, TN * sizeof *ftrans);
        if (!cv || !ctr || !csum)
            die("out of memory%s", "");
    }
    uint8_t *gpath = xrealloc(NULL, maxn + 1);
    float *cemit = xrealloc(NULL, maxn * L * sizeof *cemit);
    if (!sw || !st)
        die("out of memory%s", "");
    double best = -1;
    int best_epoch = 0;
    for (int run = 0; run < runs; run++) {
        memset(w, 0, (WN + 1) * sizeof *w);
        memset(u, 0, (WN + 1) * sizeof *u);
        memset(tw, 0, TN * sizeof *tw);
        memset(tu, 0, TN * sizeof *tu);
        for (size_t s = 0; s < tr.c.nsent; s++)
            order[s] = s;
        rng_state = seed + 1000003ULL * (uint64_t)run;
        double c = 1;
        if (crf) {
            memset(cv, 0, WN * sizeof *cv);
            memset(ctr, 0, TN * sizeof *ctr);
            cscale = 1;
            ct = 0;
            memset(csum, 0, (WN + TN) * sizeof *csum);
        }
        best = -1;
        best_epoch = 0;
        for (int ep = 1; ep <= epochs; ep++) {
            for (size_t s = tr.c.nsent; s > 1; s--) { /* Fisher-Yates */
                size_t j = rng() % s, tmp = order[s - 1];
                order[s - 1] = order[j];
                order[j] = tmp;
            }
            size_t errors = 0;
            if (crf) {
                double obj = crf_epoch(&tr, order, &sh, WN, cv, &cscale, ctr, &ct, eta0, creg, cwork,
                                       gnode, gtrans, emit, ftrans);
                /* with --crf-avg, the mean of the weights at the end of
                 * each epoch so far (less SGD noise than the last one) */
                double k = crf_avg ? (double)ep : 1;
                for (size_t i = 0; i < WN; i++) {
                    if (crf_avg)
                        csum[i] += cscale * cv[i];
                    aw[i] = (float)(crf_avg ? csum[i] / k : cscale * cv[i]);
                }
                for (size_t i = 0; i < TN; i++) {
                    if (crf_avg)
                        csum[WN + i] += ctr[i];
                    at[i] = (float)(crf_avg ? csum[WN + i] / k : ctr[i]);
                }
                double wn = 0;
                for (size_t i = 0; i < WN; i++)
                    wn += (double)aw[i] * aw[i];
                printf("run %d epoch %2d: objective %.1f (loss %.1f), step %.4g\n", run, ep,
                       obj + 0.5 * creg * (double)tr.c.nsent * wn, obj,
                       eta0 / (1 + creg * eta0 * ct));
            }
            for (size_t si = 0; si < tr.c.nsent && !crf; si++) {
                size_t s = order[si], b = tr.c.sent[s], n = tr.c.sent[s + 1] - b;
                emissions(w, L, &tr.f, b, n, emit);
                const uint8_t *g = tr.f.gold + b;
                int masked = 0;
                for (size_t t = 0; t < n; t++)
                    masked |= g[t] == GOLD_UNKNOWN;
                if (masked) { /* the gold path: best path through the known labels */
                    for (size_t t = 0; t < n; t++)
                        for (unsigned l = 0; l < L; l++)
                            cemit[t * L + l] = g[t] == GOLD_UNKNOWN || g[t] == l ? emit[t * L + l]
                                                                                  : -1e30f;
                    viterbi_decode(cemit, n, L, tw, sh.allowed, end_ok, delta, back, gpath);
                    g = gpath;
                }
                viterbi_decode(emit, n, L, tw, sh.allowed, end_ok, delta, back, path);
                int wrong = 0;
                for (size_t t = 0; t < n; t++) {
                    if (path[t] == g[t])
                        continue;
                    wrong = 1;
                    for (size_t k = tr.f.foff[b + t]; k < tr.f.foff[b + t + 1]; k++) {
                        size_t r = (size_t)tr.f.fid[k] * L;
                        w[r + g[t]] += 1;
                        u[r + g[t]] += c;
                        w[r + path[t]] -= 1;
                        u[r + path[t]] -= c;
                    }
                }
                if (wrong) {
                    errors++;
                    for (size_t t = 0; t < n; t++) {
                        size_t gr = t ? 1 + (size_t)g[t - 1] : 0, pr = t ? 1 + (size_t)path[t - 1] : 0;
                        if (gr == pr && g[t] == path[t])
                            continue;
                        tw[gr * L + g[t]] += 1;
                        tu[gr * L + g[t]] += c;
                        tw[pr * L + path[t]] -= 1;
                        tu[pr * L + path[t]] -= c;
                    }
                }
                c++;
            }
            if (!crf) {
                for (size_t i = 0; i < WN; i++)
                    aw[i] = (float)((double)w[i] - u[i] / c);
                for (size_t i = 0; i < TN; i++)
                    at[i] = (float)((double)tw[i] - tu[i] / c);
                printf("run %d epoch %2d: %zu/%zu training sentences wrong\n", run, ep, errors,
                       tr.c.nsent);
            }
            double score = dev_all(aw, at, &sh, &lb, dv, ndev, ep);
            if (score > best) {
                best = score;
                best_epoch = ep;
                memcpy(bw, aw, WN * sizeof *bw);
                memcpy(bt, at, TN * sizeof *bt);
            } else if (ep - best_epoch >= patience) {
                break;
            }
            fflush(stdout);
        }
        printf("run %d: best epoch %d (dev all %.4f)\n", run, best_epoch, best);
        for (size_t i = 0; i < WN; i++)
            sw[i] += bw[i];
        for (size_t i = 0; i < TN; i++)
            st[i] += bt[i];
    }
    for (size_t i = 0; i < WN; i++)
        bw[i] = sw[i] / (float)runs;
    for (size_t i = 0; i < TN; i++)
        bt[i] = st[i] / (float)runs;
    if (runs > 1) {
        printf("mean of %d runs:\n", runs);
        best = dev_all(bw, bt, &sh, &lb, dv, ndev, 0);
    }
    free(sw);
    free(st);
    free(cv);
    free(csum);
    free(ctr);
    free(cwork);
    free(gnode);
    free(gtrans);
    free(ftrans);
    free(gpath);
    free(cemit);
    if (augment) { /* fold the target's private copies into the shared rows */
        uint8_t *priv = calloc((size_t)F + 1, 1);
        if (!priv)
            die("out of memory%s", "");
        for (uint32_t f = 0; f < F; f++)
            for (int d = 1; d <= ntrain; d++) {
                uint32_t g = fmap_get(&fm2, dmix(hashes[f], (unsigned)d), 0);
                if (g != UINT32_MAX)
                    priv[g] = 1;
            }
        for (uint32_t f = 0; f < F; f++) {
            if (priv[f])
                continue;
            uint32_t g = dev_domain ? fmap_get(&fm2, dmix(hashes[f], dev_domain), 0) : UINT32_MAX;
            if (g != UINT32_MAX)
                for (unsigned l = 0; l < L; l++)
                    bw[(size_t)f * L + l] += bw[(size_t)g * L + l];
        }
        for (uint32_t f = 0; f < F; f++)
            if (priv[f])
                memset(bw + (size_t)f * L, 0, L * sizeof *bw);
        free(priv);
    }
    /* drop features whose weights are all zero, or all smaller than
     * --prune in magnitude (a smaller model has fewer cache misses) */
    uint32_t F2 = 0;
    for (uint32_t f = 0; f < F; f++) {
        int nz = 0;
        for (unsigned l = 0; l < L; l++)
            nz |= prune > 0 ? fabsf(bw[(size_t)f * L + l]) > prune : bw[(size_t)f * L + l] != 0.0f;
        if (!nz)
            continue;
        memmove(bw + (size_t)F2 * L, bw + (size_t)f * L, L * sizeof *bw);
        hashes[F2++] = hashes[f];
    }
    const char *names[MAXL];
    for (unsigned l = 0; l < L; l++)
        names[l] = lb.name[l];
    int rc = model_write(out, names, L, bt, bw, hashes, F2);
    if (rc < 0)
        die("cannot write %s", out);
    printf("last run best epoch %d (dev all %.4f); wrote %s: %u features, %u labels; %.1f s\n",
           best_epoch, best, out, F2, L, (double)(clock() - t0) / CLOCKS_PER_SEC);
    free(w);
    free(u);
    free(tw);
    free(tu);
    free(aw);
    free(at);
    free(bw);
    free(bt);
    free(emit);
    free(delta);
    free(back);
    free(path);
    free(order);
    free(remap);
    free(hashes);
    free(fm.key);
    free(fm.id);
    free(fm.hash_of);
    free(fm.count);
    free(fm2.key);
    free(fm2.id);
    free(fm2.hash_of);
    free(fm2.count);
    for (int i = 0; i < ndev; i++) {
        corpus_free(&dv[i].c);
        fcorpus_free(&dv[i].f);
    }
    corpus_free(&tr.c);
    fcorpus_free(&tr.f);
    env_close(&env);
    strset_free(&countries);
    return 0;
}

/* ---- eval ------------------------------------------------------------------- */

static void print_conlleval(const counts_t *ct, size_t ntok, size_t tok_ok)
{
    size_t g, f, c;
    totals(ct, &g, &f, &c);
    double p = f ? 100.0 * (double)c / (double)f : 0, r = g ? 100.0 * (double)c / (double)g : 0;
    printf("processed %zu tokens with %zu phrases; found: %zu phrases; correct: %zu.\n", ntok, g, f,
           c);
    printf("accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
           ntok ? 100.0 * (double)tok_ok / (double)ntok : 0, p, r, 100 * f1(g, f, c));
    for (int t = 0; t < WARTA_NTYPES; t++) {
        if (!ct->gold[t] && !ct->found[t])
            continue;
        double tp = ct->found[t] ? 100.0 * (double)ct->correct[t] / (double)ct->found[t] : 0;
        double tr = ct->gold[t] ? 100.0 * (double)ct->correct[t] / (double)ct->gold[t] : 0;
        printf("%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %zu\n",
               warta_type_name((warta_type_t)t), tp, tr,
               100 * f1(ct->gold[t], ct->found[t], ct->correct[t]), ct->found[t]);
    }
}

/* One line per span only in the gold (-) or only in the output (+). */
static void print_errors(const corpus_t *c, size_t b, const span_t *g, size_t ng, const span_t *p,
                         size_t np)
{
    for (int side = 0; side < 2; side++) {
        const span_t *x = side ? p : g, *y = side ? g : p;
        size_t nx = side ? np : ng, ny = side ? ng : np;
        for (size_t i = 0; i < nx; i++) {
            int found = 0;
            for (size_t j = 0; j < ny && !found; j++)
                found = x[i].b == y[j].b && x[i].e == y[j].e && x[i].type == y[j].type;
            if (found)
                continue;
            printf("%c %-12s ", side ? '+' : '-', warta_type_name((warta_type_t)x[i].type));
            size_t lo = x[i].b > 3 ? x[i].b - 3 : 0;
            for (size_t k = lo; k < x[i].e + 3 && b + k < c->ntok && (k < x[i].e || b + k < c->ntok); k++) {
                if (k == x[i].b) printf("[");
                printf("%s", c->tok[b + k].s);
                if (k + 1 == x[i].e) printf("]");
                printf(" ");
            }
            printf("\n");
        }
    }
}

static int cmd_eval(int argc, char **argv)
{
    warta_config_t cfg = warta_config_default();
    int split_country = 0, nfiles = 0, show_errors = 0;
    const char *files[16];
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--model") && i + 1 < argc) cfg.model_path = argv[++i];
        else if (!strcmp(argv[i], "--split-country")) split_country = 1;
        else if (!strcmp(argv[i], "--errors")) show_errors = 1;
        else if (argv[i][0] == '-') die("unknown option %s", argv[i]);
        else if (nfiles < 16) files[nfiles++] = argv[i];
    }
    if (!nfiles)
        die("usage: warta-train eval [--model FILE] [--split-country] GOLD...%s", "");
    if (split_country)
        load_countries("data/lex_countries.txt");
    warta_t *w;
    warta_error_t err;
    if (warta_open(&w, &cfg, &err) < 0)
        die("%s", err.message);
    warta_worker_t *wk = warta_worker_new(w);
    if (!wk)
        die("out of memory%s", "");
    for (int fi = 0; fi < nfiles; fi++) {
        corpus_t c;
        memset(&c, 0, sizeof c);
        read_conll(&c, files[fi]);
        if (split_country)
            split_countries(&c);
        counts_t ct;
        memset(&ct, 0, sizeof ct);
        size_t tok_ok = 0;
        clock_t t0 = clock();
        size_t bytes = 0;
        for (size_t s = 0; s < c.nsent; s++) {
            size_t b = c.sent[s], n = c.sent[s + 1] - b;
            const char **toks = xrealloc(NULL, n * sizeof *toks), **tags = xrealloc(NULL, n * sizeof *tags);
            size_t *lens = xrealloc(NULL, n * sizeof *lens);
            uint8_t *gp = xrealloc(NULL, n), *gt = xrealloc(NULL, n), *pp = xrealloc(NULL, n),
                    *pt = xrealloc(NULL, n);
            span_t *gs = xrealloc(NULL, n * sizeof *gs), *ps = xrealloc(NULL, n * sizeof *ps);
            for (size_t i = 0; i < n; i++) {
                toks[i] = c.tok[b + i].s;
                lens[i] = c.tok[b + i].n;
                bytes += lens[i] + 1;
            }
            if (warta_tag_tokens(wk, toks, lens, n, tags, &err) < 0)
                die("%s", err.message);
            for (size_t i = 0; i < n; i++) {
                uint8_t pre = 0, type = 0;
                if (model_parse_label(tags[i], &pre, &type) < 0)
                    pre = LP_O;
                if (type == WARTA_MONEY) /* the corpora do not annotate money */
                    pre = LP_O;
                if (!split_country && type == WARTA_COUNTRY)
                    type = WARTA_LOCATION;
                pp[i] = pre;
                pt[i] = type;
                gp[i] = c.tok[b + i].pre;
                gt[i] = c.tok[b + i].type;
                if (!split_country && gt[i] == WARTA_COUNTRY)
                    gt[i] = WARTA_LOCATION;
                tok_ok += pp[i] == gp[i] && (pp[i] == LP_O || pt[i] == gt[i]);
            }
            size_t ng = spans_of(gp, gt, n, gs), np = spans_of(pp, pt, n, ps);
            count_spans(&ct, gs, ng, ps, np);
            if (show_errors)
                print_errors(&c, b, gs, ng, ps, np);
            free(toks);
            free(tags);
            free(lens);
            free(gp);
            free(gt);
            free(pp);
            free(pt);
            free(gs);
            free(ps);
        }
        double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        printf("== %s (%zu sentences, %.2f MB/s through warta_tag_tokens)\n", files[fi], c.nsent,
               secs > 0 ? (double)bytes / secs / 1e6 : 0.0);
        print_conlleval(&ct, c.ntok, tok_ok);
        corpus_free(&c);
    }
    warta_worker_free(wk);
    warta_close(w);
    strset_free(&countries);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "train"))
        return cmd_train(argc - 2, argv + 2);
    if (argc >= 2 && !strcmp(argv[1], "eval"))
        return cmd_eval(argc - 2, argv + 2);
    fprintf(stderr, "usage: warta-train train --out FILE [--dev DEV]... [--scheme bio|bilou]\n"
                    "                   [--algo perceptron|crf] [--eta X] [--sigma2 X] [--crf-avg]\n"
                    "                   [--epochs N] [--min-count N] [--seed N]\n"
                    "                   [--countries FILE] TRAIN...\n"
                    "       warta-train eval [--model FILE] [--split-country] GOLD...\n");
    return 2;
}
