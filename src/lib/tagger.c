/* tagger.c - the statistical entity tagger: per sentence, features
 * (features.c) -> emission scores from the linear model (model.c) ->
 * Viterbi over BIO/BILOU labels (viterbi.c) -> PERSON / ORGANIZATION /
 * LOCATION / COUNTRY mentions with source SRC_MODEL.
 *
 * The shipped model is a linear-chain CRF (trained by warta-train, `make
 * model`: src/train/crf_train.c); the decoder reads any linear model of
 * the same layout, such as the trainer's averaged perceptron.  The
 * token features read the per-token bits the lexicon stage and earlier
 * stages set (pipe_t.lex).  A mention's score is its weakest token's margin
 * (best label minus runner-up emission), times 100, clamped to 0..1000;
 * COUNTRY mentions score 0 (see emit_mention).  Its confidence, the CRF's
 * probability of the span (confidence.c), is computed only for the
 * sentences where a mention is found. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confidence.h"
#include "data.h"
#include "feat.h"
#include "model.h"
#include "pipeline.h"
#include "roles.h"
#include "tables.h"
#include "viterbi.h"

struct tagger {
    model_t m;
    roles_t *roles; /* names in context: refines the mentions (roles.h) */
    viterbi_tab_t vt; /* the model's transitions laid out for the decoder */
};

struct tagger_scratch {
    feat_scratch_t *fs;
    float *emit, *delta; /* [n][L] */
    size_t capemit, capdelta;
    uint8_t *back;       /* [n][L] */
    size_t capback;
    uint8_t *path;       /* [n] */
    size_t cappath;
    conf_scratch_t *conf;
    int32_t *acc;        /* [n][L] summed weights, in units of the scale */
    size_t capacc;
    feat_cache_t *fc;    /* word-type cache of summed weights */
};

int tagger_load(tagger_t **out, const char *model_path, warta_error_t *err)
{
    *out = NULL;
    tagger_t *t = calloc(1, sizeof *t);
    if (!t)
        return err_set(err, WARTA_ERR_NOMEM, 0, "out of memory loading the tagger");
    int rc;
    if (model_path) {
        rc = model_open_file(&t->m, model_path, err);
    } else {
        size_t len;
        const unsigned char *buf = data_get("model.bin", &len);
        /* checked in full at build time (Makefile: model_check) */
        rc = model_open_trusted(&t->m, buf, buf ? len : 0, err);
    }
    if (rc >= 0) { /* the embedded model's filter was built with the tables */
        const tblob_t *tb = model_path ? NULL : tables_embedded();
        rc = model_filter_attach(&t->m, tb ? tb->sec[TB_MODEL_FILTER] : NULL,
                                 tb ? tb->len[TB_MODEL_FILTER] : 0);
        if (rc < 0)
            err_set(err, rc, 0, "out of memory loading the tagger");
    }
    if (rc < 0 || (rc = roles_load(&t->roles, err)) < 0) {
        tagger_free(t);
        return rc;
    }
    viterbi_tab_make(&t->vt, t->m.nlabels, t->m.trans,
                     (const uint8_t(*)[VITERBI_MAXL])t->m.allowed);
    *out = t;
    return 0;
}

void tagger_free(tagger_t *t)
{
    if (!t)
        return;
    model_close(&t->m);
    roles_free(t->roles);
    free(t);
}

tagger_scratch_t *tagger_scratch_new(const tagger_t *t)
{
    tagger_scratch_t *s = calloc(1, sizeof *s);
    if (s && (!(s->fs = feat_scratch_new()) || !(s->conf = conf_scratch_new()) ||
              !(s->fc = feat_cache_new(&t->m)))) {
        tagger_scratch_free(s);
        return NULL;
    }
    return s;
}

void tagger_scratch_free(tagger_scratch_t *s)
{
    if (!s)
        return;
    feat_scratch_free(s->fs);
    conf_scratch_free(s->conf);
    free(s->emit);
    free(s->delta);
    free(s->back);
    free(s->path);
    free(s->acc);
    feat_cache_free(s->fc);
    free(s);
}

/* The tagger's mention over tokens [i, j) of the sentence starting at
 * token b.  `labelled`: the span and type are the Viterbi path's (not a
 * naming cue's), so its probability is the mention's confidence. */
static int emit_mention(pipe_t *p, const model_t *m, tagger_scratch_t *s, size_t n, size_t b,
                        size_t i, size_t j, unsigned type, int labelled)
{
    const float *emit = s->emit;
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
    if (labelled) {
        float pr = conf_model_span(s->conf, m, emit, n, s->path, i - b, j - b);
        if (pr < 0)
            return WARTA_ERR_NOMEM;
        conf_set(mt, pr);
    }
    return 0;
}

static int cap_start(const pipe_t *p, size_t i)
{
    unsigned char c = (unsigned char)p->s[p->tok[i].byte_start];
    return c >= 'A' && c <= 'Z';
}

/* "kelompok peretas bernama Lazarus", "seorang pria bernama Budi": a name
 * right after a naming word (LEXP_NAMING) takes the type the nearest
 * preceding noun within three tokens tells (LEXP_ORG_NOUN, LEXP_PERSON_NOUN):
 * the sentence says what it is, whatever the name looks like.  t is the
 * sentence-relative first token; returns the type, or -1 for no cue. */
static int named_type(const feat_scratch_t *fs, size_t t)
{
    if (t < 2 || !(feat_bits_of(fs, t - 1) & LEXP_NAMING))
        return -1;
    for (size_t k = t - 1; k-- > 0 && k + 4 >= t;) {
        uint32_t bits = feat_bits_of(fs, k);
        if (bits & LEXP_ORG_NOUN)
            return WARTA_ORGANIZATION;
        if (bits & LEXP_PERSON_NOUN)
            return WARTA_PERSON;
    }
    return -1;
}

static int tag_sentence(const tagger_t *tg, tagger_scratch_t *s, pipe_t *p, size_t b, size_t e)
{
    const model_t *m = &tg->m;
    size_t n = e - b;
    unsigned L = m->nlabels;
    if (vec_reserve((void **)&s->emit, &s->capemit, n * L, sizeof *s->emit) ||
        vec_reserve((void **)&s->acc, &s->capacc, n * L, sizeof *s->acc) ||
        vec_reserve((void **)&s->delta, &s->capdelta, n * L, sizeof *s->delta) ||
        vec_reserve((void **)&s->back, &s->capback, n * L, 1) ||
        vec_reserve((void **)&s->path, &s->cappath, n, 1))
        return WARTA_ERR_NOMEM;
    /* exact int32 sums of the features' weights (features.c: cached per
     * word type), then one multiplication by the scale */
    int rc = feat_emissions(p, b, e, s->fs, s->fc, s->acc);
    if (rc < 0)
        return rc;
    for (size_t k = 0; k < n * L; k++)
        s->emit[k] = (float)s->acc[k] * m->scale;
    viterbi_decode_tab(&tg->vt, s->emit, n, m->trans,
                       (const uint8_t(*)[VITERBI_MAXL])m->allowed, m->end_ok, s->delta, s->back,
                       s->path);
    conf_sentence(s->conf);
    for (size_t t = 0; t < n;) {
        unsigned lab = s->path[t], pre = m->lprefix[lab];
        int cue = named_type(s->fs, t);
        if (pre == LP_O && cue >= 0 && cap_start(p, b + t)) {
            size_t j = t + 1;
            while (j < n && j < t + 6 && m->lprefix[s->path[j]] == LP_O && cap_start(p, b + j))
                j++;
            if ((rc = emit_mention(p, m, s, n, b, b + t, b + j, (unsigned)cue, 0)) < 0)
                return rc;
            t = j;
            continue;
        }
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
        unsigned type = m->ltype[lab];
        if (cue >= 0 && (type == WARTA_PERSON || type == WARTA_ORGANIZATION))
            type = (unsigned)cue;
        if ((rc = emit_mention(p, m, s, n, b, b + t, b + j, type, type == m->ltype[lab])) < 0)
            return rc;
        t = j;
    }
    return 0;
}

struct tag_ctx {
    const tagger_t *t;
    tagger_scratch_t *s;
};

static int tag_window(void *ctx, pipe_t *p, size_t b, size_t e)
{
    struct tag_ctx *c = ctx;
    return tag_sentence(c->t, c->s, p, b, e);
}

int tagger_run(const tagger_t *t, tagger_scratch_t *s, pipe_t *p)
{
    struct tag_ctx c = {t, s};
    int rc = pipe_for_windows(p, tag_window, &c);
    return rc < 0 ? rc : roles_run(t->roles, p);
}
