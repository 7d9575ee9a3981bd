/* confidence.c - entity scores (see confidence.h). */
#include "confidence.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Four floats side by side (GCC and clang vector extensions: SSE2 on
 * x86-64, plain scalar code where the target has no vectors). */
#if defined(__GNUC__) && !defined(WARTA_NO_VECTOR)
#define CONF_VEC 1
typedef float f4 __attribute__((vector_size(16)));
static inline f4 ld4(const float *p)
{
    f4 v;
    memcpy(&v, p, sizeof v);
    return v;
}
static inline void st4(float *p, f4 v) { memcpy(p, &v, sizeof v); }
#else
#define CONF_VEC 0
#endif

/* A sentence's forward-backward pass over the tagger's scores: a linear-
 * chain CRF, P(path) = exp(score) / Z over the paths obeying the model's
 * allowed transitions and end labels.  In float, each position scaled to sum
 * 1 (sc[t]); exp(trans) is computed once per model, 0 where forbidden.
 *
 * Rows are padded to Lp = L rounded up to 4 and the sums run over every
 * label, 4 labels side by side (SIMD across independent labels, never
 * across a sum's terms): each value still gets its terms one by one in
 * increasing label order, as a scalar loop would add them.  A forbidden
 * transition's term is exactly +0.0 in the forward sums: the previous
 * alpha row passed the check in passes() (its sum finite and > 0), so
 * each alpha is finite and >= +0.0, times the stored 0.0f.  The sum
 * starts at +0.0 and its terms are never negative, so it is never -0.0,
 * and adding +0.0 leaves it unchanged (NaN stays NaN): the forward sums
 * equal the sums over the allowed predecessors alone.  The backward sums
 * keep every term, as they always did. */
struct conf_scratch {
    float *al, *be, *ex, *sc; /* [n][Lp] scaled alpha, beta, exp(emit - max); [n] */
    size_t capal, capbe, capex, capsc;
    const model_t *m;         /* the model the tables were made for */
    unsigned Lp;              /* L rounded up to 4 */
    float exp0;               /* expf(0.0f): e - max == 0 needs no call */
    float et[(MODEL_MAXL + 1) * MODEL_MAXL]; /* [1 + L][Lp] exp(trans) */
    float etT[MODEL_MAXL * MODEL_MAXL];      /* [l][Lp]: et[1 + k][l] at k */
    uint8_t cont[MODEL_MAXL]; /* the label continues a span: I-, L- */
    int ready;  /* the pass over the current sentence is done */
    size_t bdone; /* beta rows [bdone, n) are done: computed down to the
                     lowest position a span needs, on demand */
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
    unsigned L = m->nlabels, Lp = (L + 3) & ~3u;
    memset(c->et, 0, sizeof c->et);
    memset(c->etT, 0, sizeof c->etT);
    for (unsigned l = 0; l < L; l++) {
        c->et[l] = m->allowed[L][l] ? expf(m->trans[l]) : 0.0f;
        c->cont[l] = m->lprefix[l] == LP_I || m->lprefix[l] == LP_L;
    }
    for (unsigned a = 0; a < L; a++)
        for (unsigned l = 0; l < L; l++) {
            float e = m->allowed[a][l] ? expf(m->trans[(size_t)(1 + a) * L + l]) : 0.0f;
            c->et[(size_t)(1 + a) * Lp + l] = e;
            c->etT[(size_t)l * Lp + a] = e;
        }
    c->Lp = Lp;
    c->exp0 = expf(0.0f);
    c->m = m;
}

/* exp(emission - the position's maximum), 0 for a label that may not end
 * the sentence at its last position; the padding lanes 0 */
static void exp_emissions(conf_scratch_t *c, const model_t *m, const float *emit, size_t n)
{
    unsigned L = m->nlabels, Lp = c->Lp;
    for (size_t t = 0; t < n; t++) {
        const float *e = emit + t * L;
        float *x = c->ex + t * Lp;
        float mx = e[0];
        for (unsigned l = 1; l < L; l++)
            mx = e[l] > mx ? e[l] : mx;
        for (unsigned l = 0; l < L; l++) {
            float d = e[l] - mx;
            /* d is +0.0 at the maximum (x - x), and expf(+0.0) was kept */
            x[l] = d == 0.0f && !signbit(d) ? c->exp0 : expf(d);
        }
        for (unsigned l = L; l < Lp; l++)
            x[l] = 0.0f;
    }
    for (unsigned l = 0; l < L; l++) /* the last position: only labels that may end */
        if (!m->end_ok[l])
            c->ex[(n - 1) * Lp + l] = 0.0f;
}

/* a[0..4nc) /= s, lane by lane. */
static void div_row(float *a, unsigned nc, float s)
{
#if CONF_VEC
    for (unsigned k = 0; k < 4 * nc; k += 4)
        st4(a + k, ld4(a + k) / s);
#else
    for (unsigned l = 0; l < 4 * nc; l++)
        a[l] /= s;
#endif
}

/* v[0..4nc) = sum over q of prev[q] x row_q, q = 0..L-1 in order (rows
 * 4nc apart); then v[l] *= x[l]. */
static void fw_row(float *v, const float *prev, const float *rows, unsigned L, unsigned nc,
                   const float *x)
{
#if CONF_VEC
    if (nc == 3) { /* the shipped 9 labels: three vectors in registers */
        f4 a0 = {0, 0, 0, 0}, a1 = a0, a2 = a0;
        for (unsigned q = 0; q < L; q++, rows += 12) {
            float p = prev[q];
            a0 += p * ld4(rows);
            a1 += p * ld4(rows + 4);
            a2 += p * ld4(rows + 8);
        }
        a0 *= ld4(x);
        a1 *= ld4(x + 4);
        a2 *= ld4(x + 8);
        st4(v, a0);
        st4(v + 4, a1);
        st4(v + 8, a2);
        return;
    }
    for (unsigned k = 0; k < 4 * nc; k += 4) {
        f4 acc = {0, 0, 0, 0};
        for (unsigned q = 0; q < L; q++)
            acc += prev[q] * ld4(rows + (size_t)q * 4 * nc + k);
        st4(v + k, acc * ld4(x + k));
    }
#else
    for (unsigned l = 0; l < 4 * nc; l++) {
        float acc = 0;
        for (unsigned q = 0; q < L; q++)
            acc += prev[q] * rows[(size_t)q * 4 * nc + l];
        v[l] = acc * x[l];
    }
#endif
}

/* b[k] = (sum over l of etT[l][k] x ne[l] x nb[l], l = 0..L-1 in order)
 * / s, for k in [0, 4nc). */
static void bw_row(float *b, const float *etT, const float *ne, const float *nb, unsigned L,
                   unsigned nc, float s)
{
#if CONF_VEC
    if (nc == 3) {
        f4 a0 = {0, 0, 0, 0}, a1 = a0, a2 = a0;
        for (unsigned l = 0; l < L; l++, etT += 12) {
            float e = ne[l], bb = nb[l];
            a0 += ld4(etT) * e * bb;
            a1 += ld4(etT + 4) * e * bb;
            a2 += ld4(etT + 8) * e * bb;
        }
        st4(b, a0 / s);
        st4(b + 4, a1 / s);
        st4(b + 8, a2 / s);
        return;
    }
    for (unsigned k = 0; k < 4 * nc; k += 4) {
        f4 acc = {0, 0, 0, 0};
        for (unsigned l = 0; l < L; l++)
            acc += ld4(etT + (size_t)l * 4 * nc + k) * ne[l] * nb[l];
        st4(b + k, acc / s);
    }
#else
    for (unsigned k = 0; k < 4 * nc; k++) {
        float acc = 0;
        for (unsigned l = 0; l < L; l++)
            acc += etT[(size_t)l * 4 * nc + k] * ne[l] * nb[l];
        b[k] = acc / s;
    }
#endif
}

/* The scaled forward rows of n positions, rows of 4nc, and the last
 * backward row; 0, or -1 when a position's sum is 0 or not finite (no
 * legal path). */
static int passes(conf_scratch_t *c, size_t n, unsigned L, const unsigned nc)
{
    const size_t W = 4 * nc;
    for (size_t t = 0; t < n; t++) { /* forward */
        float *a = c->al + t * W, s = 0;
        if (t)
            fw_row(a, a - W, c->et + W, L, nc, c->ex + t * W);
        else
            for (unsigned l = 0; l < W; l++)
                a[l] = c->et[l] * c->ex[l];
        for (unsigned l = 0; l < L; l++)
            s += a[l];
        if (!(s > 0) || !isfinite(s))
            return -1;
        c->sc[t] = s;
        div_row(a, nc, s);
    }
    for (unsigned l = 0; l < W; l++) /* backward, with the same factors */
        c->be[(n - 1) * W + l] = 1.0f;
    c->bdone = n - 1;
    return 0;
}

/* The backward rows down to position j (each row is what the full pass
 * from n - 1 down would give it: the same rows in the same order). */
static void backward_to(conf_scratch_t *c, unsigned L, size_t j)
{
    size_t W = c->Lp;
    for (size_t t = c->bdone; t > j; t--)
        bw_row(c->be + (t - 1) * W, c->etT, c->ex + t * W, c->be + t * W, L, c->Lp / 4,
               c->sc[t]);
    if (j < c->bdone)
        c->bdone = j;
}

static int forward_backward(conf_scratch_t *c, const model_t *m, const float *emit, size_t n)
{
    unsigned L = m->nlabels;
    if (c->m != m)
        model_tables(c, m);
    unsigned Lp = c->Lp;
    if (vec_reserve((void **)&c->al, &c->capal, n * Lp, sizeof *c->al) ||
        vec_reserve((void **)&c->be, &c->capbe, n * Lp, sizeof *c->be) ||
        vec_reserve((void **)&c->ex, &c->capex, n * Lp, sizeof *c->ex) ||
        vec_reserve((void **)&c->sc, &c->capsc, n, sizeof *c->sc))
        return -1;
    exp_emissions(c, m, emit, n);
    c->ready = 1;
    c->failed = passes(c, n, L, Lp / 4) < 0;
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
    unsigned L = m->nlabels, Lp = c->Lp;
    float p = c->al[i * Lp + path[i]];
    for (size_t t = i + 1; t < j; t++)
        p *= c->et[(size_t)(1 + path[t - 1]) * Lp + path[t]] * c->ex[t * Lp + path[t]] / c->sc[t];
    if (j < n) {
        backward_to(c, L, j);
        const float *tr = c->et + (size_t)(1 + path[j - 1]) * Lp;
        float out = 0;
        for (unsigned l = 0; l < L; l++)
            if (!c->cont[l])
                out += tr[l] * c->ex[j * Lp + l] * c->be[j * Lp + l];
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
