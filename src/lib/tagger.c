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
#include "viterbi.h"

struct tagger {
    model_t m;
    roles_t *roles; /* names in context: refines the mentions (roles.h) */
};

struct tagger_scratch {
    feat_scratch_t *fs;
    float *emit, *delta; /* [n][L] */
    size_t capemit, capdelta;
    uint8_t *back;       /* [n][L] */
    size_t capback;
    uint8_t *path;       /* [n] */
    size_t cappath;
    const int16_t **rows;  /* weight rows of the sentence's features, NULL = unknown */
    size_t caprows;
    conf_scratch_t *conf;
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
        return err_set(err, WARTA_ERR_NOMEM, 0, "out of memory loading the tagger");
    int rc;
    if (model_path) {
        rc = model_open_file(&t->m, model_path, err);
    } else {
        size_t len;
        const unsigned char *buf = data_get("model.bin", &len);
        rc = model_open_mem(&t->m, buf, buf ? len : 0, err);
    }
    if (rc < 0 || (rc = roles_load(&t->roles, err)) < 0) {
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
    roles_free(t->roles);
    free(t);
}

tagger_scratch_t *tagger_scratch_new(const tagger_t *t)
{
    (void)t;
    tagger_scratch_t *s = calloc(1, sizeof *s);
    if (s && (!(s->fs = feat_scratch_new()) || !(s->conf = conf_scratch_new()))) {
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
    free(s->rows);
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

/* row[0..L) = scale x the sum of the non-NULL rows[0..nf) (exact int32
 * sums: 32767 x a few hundred features fits). */
static void add_rows(float *row, unsigned L, const int16_t *const *rows, size_t nf, float scale)
{
    int32_t acc[MODEL_MAXL] = {0};
    for (size_t k = 0; k < nf; k++) {
        const int16_t *w = rows[k];
        if (w)
            for (unsigned l = 0; l < L; l++)
                acc[l] += w[l];
    }
    for (unsigned l = 0; l < L; l++)
        row[l] = (float)acc[l] * scale;
}

/* The same for the shipped label set (BIO x 4 types = 9 labels): a fixed
 * width the compiler unrolls and vectorizes. */
static void add_rows9(float *row, const int16_t *const *rows, size_t nf, float scale)
{
    int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0;
    for (size_t k = 0; k < nf; k++) {
        const int16_t *w = rows[k];
        if (!w)
            continue;
        a0 += w[0], a1 += w[1], a2 += w[2], a3 += w[3], a4 += w[4];
        a5 += w[5], a6 += w[6], a7 += w[7], a8 += w[8];
    }
    row[0] = (float)a0 * scale, row[1] = (float)a1 * scale, row[2] = (float)a2 * scale;
    row[3] = (float)a3 * scale, row[4] = (float)a4 * scale, row[5] = (float)a5 * scale;
    row[6] = (float)a6 * scale, row[7] = (float)a7 * scale, row[8] = (float)a8 * scale;
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
    int rc = feat_sentence(p, b, e, s->fs);
    if (rc < 0)
        return rc;
    if (vec_reserve((void **)&s->emit, &s->capemit, n * L, sizeof *s->emit) ||
        vec_reserve((void **)&s->delta, &s->capdelta, n * L, sizeof *s->delta) ||
        vec_reserve((void **)&s->back, &s->capback, n * L, 1) ||
        vec_reserve((void **)&s->path, &s->cappath, n, 1))
        return WARTA_ERR_NOMEM;
    /* The lookups miss the cache (the model is megabytes): first prefetch
     * the slots of the features ahead, then look up (key and weights share
     * a slot), then add the rows up. */
    size_t nall;
    const uint64_t *all = feat_token_range(s->fs, 0, n, &nall);
    if (vec_reserve((void **)&s->rows, &s->caprows, nall + 1, sizeof *s->rows))
        return WARTA_ERR_NOMEM;
    enum { AHEAD = 16 };
    for (size_t k = 0; k < nall && k < AHEAD; k++)
        PREFETCH(model_slot(m, all[k]));
    for (size_t k = 0; k < nall; k++) {
        if (k + AHEAD < nall)
            PREFETCH(model_slot(m, all[k + AHEAD]));
        s->rows[k] = model_find(m, all[k]);
    }
    size_t k = 0;
    for (size_t t = 0; t < n; t++) {
        float *row = s->emit + t * L;
        size_t nf;
        feat_token(s->fs, t, &nf);
        if (L == 9)
            add_rows9(row, s->rows + k, nf, m->scale);
        else
            add_rows(row, L, s->rows + k, nf, m->scale);
        k += nf;
    }
    viterbi_decode(s->emit, n, L, m->trans, (const uint8_t(*)[VITERBI_MAXL])m->allowed,
                   m->end_ok, s->delta, s->back, s->path);
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
