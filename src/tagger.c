/* tagger.c - the statistical entity tagger: per sentence, features
 * (features.c) -> emission scores from the linear model (model.c) ->
 * Viterbi over BIO/BILOU labels (viterbi.c) -> PERSON / ORGANIZATION /
 * LOCATION / COUNTRY mentions with source SRC_MODEL.
 *
 * The model is a structured averaged perceptron (Collins 2002) trained by
 * src/tools/train.c.  A mention's score is its weakest token's margin
 * (best label minus runner-up emission), times 100, clamped to 0..1000;
 * COUNTRY mentions score 0 (see emit_mention). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "feat.h"
#include "lexicon.h"
#include "model.h"
#include "pipeline.h"
#include "viterbi.h"

struct tagger {
    model_t m;
    lexicon_t *lx;
};

struct tagger_scratch {
    feat_scratch_t *fs;
    float *emit, *delta; /* [n][L] */
    size_t capemit, capdelta;
    uint8_t *back;       /* [n][L] */
    size_t capback;
    uint8_t *path;       /* [n] */
    size_t cappath;
    uint32_t *ids;       /* feature ids of the sentence, UINT32_MAX = unknown */
    size_t capids;
};

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

int tagger_load(tagger_t **out, const char *model_path, warta_error_t *err)
{
    *out = NULL;
    tagger_t *t = calloc(1, sizeof *t);
    if (!t)
        return WARTA_ERR_NOMEM;
    int rc;
    if (model_path) {
        rc = model_open_file(&t->m, model_path, err);
    } else {
        size_t len;
        const unsigned char *buf = data_get("model.bin", &len);
        rc = model_open_mem(&t->m, buf, buf ? len : 0, err);
    }
    if (rc < 0 || (rc = lexicon_load(&t->lx, err)) < 0) {
        tagger_free(t);
        return rc;
    }
    *out = t;
    return 0;
}

void tagger_free(tagger_t *t)
{
    if (!t)
        return;
    model_close(&t->m);
    lexicon_free(t->lx);
    free(t);
}

tagger_scratch_t *tagger_scratch_new(const tagger_t *t)
{
    (void)t;
    tagger_scratch_t *s = calloc(1, sizeof *s);
    if (s && !(s->fs = feat_scratch_new())) {
        free(s);
        return NULL;
    }
    return s;
}

void tagger_scratch_free(tagger_scratch_t *s)
{
    if (!s)
        return;
    feat_scratch_free(s->fs);
    free(s->emit);
    free(s->delta);
    free(s->back);
    free(s->path);
    free(s->ids);
    free(s);
}

static int emit_mention(pipe_t *p, const model_t *m, const float *emit, size_t b,
                        size_t i, size_t j, unsigned type)
{
    unsigned L = m->nlabels;
    float minmargin = 1e30f;
    for (size_t t = i; t < j; t++) {
        const float *e = emit + (t - b) * L;
        float best = -1e30f, second = -1e30f;
        for (unsigned l = 0; l < L; l++) {
            if (e[l] > best) {
                second = best;
                best = e[l];
            } else if (e[l] > second) {
                second = e[l];
            }
        }
        if (best - second < minmargin)
            minmargin = best - second;
    }
    float sc = minmargin * 100.0f;
    mention_t *mt = pipe_add_mention(p, (uint32_t)i, (uint32_t)j, (int)type, SRC_MODEL);
    if (!mt)
        return WARTA_ERR_NOMEM;
    /* a COUNTRY the gazetteer also found is its (it knows the ISO code):
     * score 0 loses the tie to the gazetteer's mention of the same span */
    mt->score = type == WARTA_COUNTRY ? 0 : (int16_t)(sc < 0 ? 0 : sc > 1000 ? 1000 : sc);
    return 0;
}

static int tag_sentence(const tagger_t *tg, tagger_scratch_t *s, pipe_t *p, size_t b, size_t e)
{
    const model_t *m = &tg->m;
    size_t n = e - b;
    unsigned L = m->nlabels;
    int rc = feat_sentence(tg->lx, p, b, e, s->fs);
    if (rc < 0)
        return rc;
    if (vec_reserve((void **)&s->emit, &s->capemit, n * L, sizeof *s->emit) ||
        vec_reserve((void **)&s->delta, &s->capdelta, n * L, sizeof *s->delta) ||
        vec_reserve((void **)&s->back, &s->capback, n * L, 1) ||
        vec_reserve((void **)&s->path, &s->cappath, n, 1))
        return WARTA_ERR_NOMEM;
    /* The lookups miss the cache (the model is megabytes): first prefetch
     * every hash slot of the sentence, then resolve ids and prefetch their
     * weight rows, then add the rows up. */
    size_t nall;
    const uint64_t *all = feat_token_range(s->fs, 0, n, &nall);
    if (vec_reserve((void **)&s->ids, &s->capids, nall + 1, sizeof *s->ids))
        return WARTA_ERR_NOMEM;
    uint32_t mask = m->hcap - 1;
    enum { AHEAD = 24 };
    for (size_t k = 0; k < nall && k < AHEAD; k++)
        PREFETCH(&m->hkeys[(uint32_t)all[k] & mask]);
    for (size_t k = 0; k < nall; k++) {
        if (k + AHEAD < nall)
            PREFETCH(&m->hkeys[(uint32_t)all[k + AHEAD] & mask]);
        uint32_t id = model_find(m, all[k]);
        s->ids[k] = id;
        if (id != UINT32_MAX)
            PREFETCH(m->w + (size_t)id * L);
    }
    size_t k = 0;
    for (size_t t = 0; t < n; t++) {
        float *row = s->emit + t * L;
        memset(row, 0, L * sizeof *row);
        size_t nf;
        feat_token(s->fs, t, &nf);
        for (size_t end = k + nf; k < end; k++) {
            uint32_t id = s->ids[k];
            if (id == UINT32_MAX)
                continue;
            const float *w = m->w + (size_t)id * L;
            for (unsigned l = 0; l < L; l++)
                row[l] += w[l];
        }
    }
    viterbi_decode(s->emit, n, L, m->trans, (const uint8_t(*)[VITERBI_MAXL])m->allowed,
                   m->end_ok, s->delta, s->back, s->path);
    for (size_t t = 0; t < n;) {
        unsigned lab = s->path[t], pre = m->lprefix[lab];
        if (pre == LP_O || pre == LP_I || pre == LP_L) { /* I/L cannot open: constraints */
            t++;
            continue;
        }
        size_t j = t + 1;
        if (pre == LP_B)
            while (j < n && (m->lprefix[s->path[j]] == LP_I || m->lprefix[s->path[j]] == LP_L) &&
                   m->ltype[s->path[j]] == m->ltype[lab]) {
                j++;
                if (m->lprefix[s->path[j - 1]] == LP_L)
                    break;
            }
        if ((rc = emit_mention(p, m, s->emit, b, b + t, b + j, m->ltype[lab])) < 0)
            return rc;
        t = j;
    }
    return 0;
}

int tagger_run(const tagger_t *t, tagger_scratch_t *s, pipe_t *p)
{
    for (size_t si = 0; si < p->nsent; si++) {
        size_t b = p->sent[si].tok_begin, e = p->sent[si].tok_end;
        if (e > p->ntok)
            e = p->ntok;
        /* long "sentences" (tables, lists) are tagged in windows */
        while (b < e) {
            size_t w = e - b > 512 ? 512 : e - b;
            int rc = tag_sentence(t, s, p, b, b + w);
            if (rc < 0)
                return rc;
            b += w;
        }
    }
    return 0;
}
