/* featmap.c - features of a corpus for training: the run-time stages
 * the tagger's features read, feature extraction (features.c, shared with
 * tagging), and the map from feature hashes to dense ids. */
#include <stdlib.h>
#include <string.h>

#include "train.h"

/* Domain adaptation by feature augmentation (Daume III 2007): with
 * --augment, every feature h of a token from training file d also fires as
 * a copy private to d, dmix(h, d).  The dev sets and the shipped model see
 * the shared copy plus the --target file's copy; model_write gets them
 * folded into one weight row per shared hash, so tagging costs nothing
 * extra.  The other files' private copies are dropped. */
uint64_t dmix(uint64_t h, unsigned d)
{
    uint64_t x = h ^ (0x9E3779B97F4A7C15ULL * (uint64_t)(d + 1));
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 29;
    return x ? x : 1;
}

uint32_t fmap_get(fmap_t *m, uint64_t h, int insert)
{
    if (!insert) {
        const uint64_t *v = hashmap_get(&m->ids, &h, sizeof h);
        return v ? (uint32_t)*v : UINT32_MAX;
    }
    int added;
    uint64_t *v = hashmap_put(&m->ids, &h, sizeof h, &added);
    if (!v)
        die("out of memory%s", "");
    if (!added) {
        m->count[*v]++;
        return (uint32_t)*v;
    }
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 1 << 15;
        m->hash_of = xrealloc(m->hash_of, m->cap * sizeof *m->hash_of);
        m->count = xrealloc(m->count, m->cap * sizeof *m->count);
    }
    *v = m->n;
    m->hash_of[m->n] = h;
    m->count[m->n] = 1;
    return (uint32_t)m->n++;
}

void fmap_free(fmap_t *m)
{
    hashmap_free(&m->ids);
    free(m->hash_of);
    free(m->count);
}

struct env {
    money_t *money;
    money_scratch_t *ms;
    gaz_t *gaz;
    lexicon_t *lx;
    lex_scratch_t *ls;
    feat_scratch_t *fs;
    pipe_t p;
    char *buf;
    size_t bufcap;
    arena_t arena;
};

env_t *env_open(void)
{
    env_t *v = xrealloc(NULL, sizeof *v);
    memset(v, 0, sizeof *v);
    warta_error_t err;
    if (money_load(&v->money, &err) < 0 || gaz_load(&v->gaz, &err) < 0 ||
        lexicon_load(&v->lx, &err) < 0)
        die("%s", err.message);
    v->ms = money_scratch_new(v->money);
    v->fs = feat_scratch_new();
    v->ls = lex_scratch_new();
    if (!v->ms || !v->fs || !v->ls)
        die("out of memory%s", "");
    return v;
}

void env_close(env_t *v)
{
    money_scratch_free(v->ms);
    money_free(v->money);
    gaz_free(v->gaz);
    lexicon_free(v->lx);
    lex_scratch_free(v->ls);
    feat_scratch_free(v->fs);
    pipe_free(&v->p);
    free(v->buf);
    arena_free(&v->arena);
    free(v);
}

/* Runs the run-time stages the tagger's features read (money, gazetteer,
 * lexicon) and the feature extraction over one corpus sentence. */
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
        rc = lexicon_range(v->lx, v->ls, &v->p, 0, n);
    if (rc >= 0)
        rc = feat_sentence(&v->p, 0, n, v->fs);
    v->p.arena = NULL;
    arena_free(&v->arena);
    if (rc < 0)
        die("feature extraction failed: %s", warta_errmsg(rc));
    free(toks);
    free(lens);
}

void extract(env_t *v, const corpus_t *c, const labels_t *lb, fmap_t *fm, int insert,
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

void fcorpus_free(fcorpus_t *fc)
{
    free(fc->fid);
    free(fc->foff);
    free(fc->gold);
}
