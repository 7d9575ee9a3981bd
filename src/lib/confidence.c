/* confidence.c - entity scores (see confidence.h). */
#include "confidence.h"

#include <math.h>
#include <stdlib.h>

#include "util.h"

/* A sentence's forward-backward pass over the tagger's scores: a linear-
 * chain CRF, P(path) = exp(score) / Z over the paths obeying the model's
 * allowed transitions and end labels.  In float, each position scaled to sum
 * 1 (sc[t]), the sums over the allowed predecessors only; exp(trans) is
 * computed once per model. */
struct conf_scratch {
    float *al, *be, *ex, *sc; /* [n][L] scaled alpha, beta, exp(emit - max); [n] */
    size_t capal, capbe, capex, capsc;
    const model_t *m;         /* the model et, npred and pred were made for */
    float et[(MODEL_MAXL + 1) * MODEL_MAXL]; /* exp(trans), 0 where forbidden */
    uint8_t npred[MODEL_MAXL], pred[MODEL_MAXL][MODEL_MAXL];
    uint8_t cont[MODEL_MAXL]; /* the label continues a span: I-, L- */
    int ready;  /* the pass over the current sentence is done */
    int failed; /* no legal path: every span scores 0 */
};

conf_scratch_t *conf_scratch_new(void) { return calloc(1, sizeof(conf_scratch_t)); }

void conf_scratch_free(conf_scratch_t *c)
{
    if (!c)
        return;
    free(c->al);
    free(c->be);
    free(c->ex);
    free(c->sc);
    free(c);
}

void conf_sentence(conf_scratch_t *c) { c->ready = 0; }

static void model_tables(conf_scratch_t *c, const model_t *m)
{
    unsigned L = m->nlabels;
    for (unsigned l = 0; l < L; l++) {
        c->et[l] = m->allowed[L][l] ? expf(m->trans[l]) : 0.0f;
        c->cont[l] = m->lprefix[l] == LP_I || m->lprefix[l] == LP_L;
        c->npred[l] = 0;
    }
    for (unsigned a = 0; a < L; a++)
        for (unsigned l = 0; l < L; l++) {
            size_t k = (size_t)(1 + a) * L + l;
            c->et[k] = m->allowed[a][l] ? expf(m->trans[k]) : 0.0f;
            if (m->allowed[a][l])
                c->pred[l][c->npred[l]++] = (uint8_t)a;
        }
    c->m = m;
}

/* exp(emission - the position's maximum), 0 for a label that may not end
 * the sentence at its last position */
static void exp_emissions(conf_scratch_t *c, const model_t *m, const float *emit, size_t n)
{
    unsigned L = m->nlabels;
    for (size_t t = 0; t < n; t++) {
        const float *e = emit + t * L;
        float mx = e[0];
        for (unsigned l = 1; l < L; l++)
            mx = e[l] > mx ? e[l] : mx;
        for (unsigned l = 0; l < L; l++)
            c->ex[t * L + l] = t + 1 == n && !m->end_ok[l] ? 0.0f : expf(e[l] - mx);
    }
}

static int forward_backward(conf_scratch_t *c, const model_t *m, const float *emit, size_t n)
{
    unsigned L = m->nlabels;
    if (vec_reserve((void **)&c->al, &c->capal, n * L, sizeof *c->al) ||
        vec_reserve((void **)&c->be, &c->capbe, n * L, sizeof *c->be) ||
        vec_reserve((void **)&c->ex, &c->capex, n * L, sizeof *c->ex) ||
        vec_reserve((void **)&c->sc, &c->capsc, n, sizeof *c->sc))
        return -1;
    if (c->m != m)
        model_tables(c, m);
    exp_emissions(c, m, emit, n);
    c->ready = 1;
    c->failed = 1;
    for (size_t t = 0; t < n; t++) { /* forward */
        float *a = c->al + t * L, s = 0;
        const float *prev = t ? a - L : NULL;
        for (unsigned l = 0; l < L; l++) {
            float v = 0;
            if (!prev)
                v = c->et[l];
            else
                for (unsigned k = 0; k < c->npred[l]; k++) {
                    unsigned q = c->pred[l][k];
                    v += prev[q] * c->et[(size_t)(1 + q) * L + l];
                }
            a[l] = v * c->ex[t * L + l];
            s += a[l];
        }
        if (!(s > 0) || !isfinite(s))
            return 0;
        c->sc[t] = s;
        for (unsigned l = 0; l < L; l++)
            a[l] /= s;
    }
    for (unsigned l = 0; l < L; l++) /* backward, with the same factors */
        c->be[(n - 1) * L + l] = 1.0f;
    for (size_t t = n - 1; t > 0; t--) {
        const float *nb = c->be + t * L, *ne = c->ex + t * L;
        float *b = c->be + (t - 1) * L;
        for (unsigned k = 0; k < L; k++) {
            const float *tr = c->et + (size_t)(1 + k) * L;
            float v = 0;
            for (unsigned l = 0; l < L; l++)
                v += tr[l] * ne[l] * nb[l];
            b[k] = v / c->sc[t];
        }
    }
    c->failed = 0;
    return 0;
}

float conf_model_span(conf_scratch_t *c, const model_t *m, const float *emit, size_t n,
                      const uint8_t *path, size_t i, size_t j)
{
    if (i >= j || j > n)
        return 0.0f;
    if (!c->ready && forward_backward(c, m, emit, n) < 0)
        return -1.0f;
    if (c->failed)
        return 0.0f;
    /* P = alpha_i(path_i) x the path's steps to j-1 x the ways out at j
     * that do not continue the span, all in the scaled quantities */
    unsigned L = m->nlabels;
    float p = c->al[i * L + path[i]];
    for (size_t t = i + 1; t < j; t++)
        p *= c->et[(size_t)(1 + path[t - 1]) * L + path[t]] * c->ex[t * L + path[t]] / c->sc[t];
    if (j < n) {
        const float *tr = c->et + (size_t)(1 + path[j - 1]) * L;
        float out = 0;
        for (unsigned l = 0; l < L; l++)
            if (!c->cont[l])
                out += tr[l] * c->ex[j * L + l] * c->be[j * L + l];
        p *= out / c->sc[j];
    }
    return p < 0 ? 0.0f : p > 1 ? 1.0f : p;
}

void conf_set(mention_t *mt, float pr)
{
    mt->conf = pr;
    mt->conf_tb = mt->tb;
    mt->conf_te = mt->te;
    mt->conf_type = mt->type;
}

static double fixed_level(const mention_t *m)
{
    switch (m->source) {
    case SRC_LEX: return CONF_LEX;
    case SRC_MONEY: return CONF_MONEY;
    case SRC_GAZ:
        return m->type == WARTA_COUNTRY ? CONF_GAZ_COUNTRY
               : m->type == WARTA_ORGANIZATION ? CONF_GAZ_ORG
                                               : CONF_GAZ_PLACE;
    default: return CONF_RULE;
    }
}

double conf_score(const mention_t *m)
{
    double s = fixed_level(m);
    if (m->source == SRC_MODEL && m->conf_tb < m->conf_te && m->conf_tb == m->tb &&
        m->conf_te == m->te && m->conf_type == m->type)
        s = m->conf;
    if (!(s >= 0))
        s = 0;
    if (s > 1)
        s = 1;
    return round(s * 1000.0) / 1000.0;
}
