/* viterbi.c - first-order Viterbi decoding with hard transition
 * constraints (see viterbi.h). */
#include "viterbi.h"

#include <math.h>
#include <string.h>

#define NEG (-1e30f)

float viterbi_decode(const float *emit, size_t n, unsigned L, const float *trans,
                     const uint8_t (*allowed)[VITERBI_MAXL], const uint8_t *end_ok,
                     float *delta, uint8_t *back, uint8_t *path)
{
    if (!n)
        return 0.0f;
    for (unsigned l = 0; l < L; l++) {
        delta[l] = allowed[L][l] ? trans[l] + emit[l] : NEG;
        back[l] = 0;
    }
    /* the allowed predecessors of each label, with their transition
     * weights: I-X has two, so most of the L*L pairs are never looked at */
    uint8_t npred[VITERBI_MAXL], pred[VITERBI_MAXL][VITERBI_MAXL];
    float ptrans[VITERBI_MAXL][VITERBI_MAXL];
    for (unsigned l = 0; l < L; l++) {
        npred[l] = 0;
        for (unsigned a = 0; a < L; a++)
            if (allowed[a][l]) {
                ptrans[l][npred[l]] = trans[(size_t)(1 + a) * L + l];
                pred[l][npred[l]++] = (uint8_t)a;
            }
    }
    for (size_t t = 1; t < n; t++) {
        const float *prev = delta + (t - 1) * L;
        float *cur = delta + t * L;
        uint8_t *bk = back + t * L;
        for (unsigned l = 0; l < L; l++) {
            float best = NEG;
            unsigned arg = 0;
            for (unsigned k = 0; k < npred[l]; k++) {
                unsigned a = pred[l][k];
                if (prev[a] <= NEG)
                    continue;
                float s = prev[a] + ptrans[l][k];
                if (s > best) {
                    best = s;
                    arg = a;
                }
            }
            cur[l] = best > NEG ? best + emit[t * L + l] : NEG;
            bk[l] = (uint8_t)arg;
        }
    }
    const float *last = delta + (n - 1) * L;
    float best = NEG;
    unsigned arg = 0;
    for (unsigned l = 0; l < L; l++)
        if (end_ok[l] && last[l] > best) {
            best = last[l];
            arg = l;
        }
    if (best <= NEG) {
        memset(path, 0, n);
        return NEG;
    }
    path[n - 1] = (uint8_t)arg;
    for (size_t t = n - 1; t > 0; t--)
        path[t - 1] = back[t * L + path[t]];
    return best;
}

/* ---- linear-chain CRF (training) ------------------------------------------ */

size_t crf_work_size(size_t n, unsigned L)
{
    /* alpha, beta, exp(emission - max) [n][L]; scale, max [n]; exp(trans) */
    return 3 * n * L + 2 * n + (size_t)(L + 1) * L;
}

double crf_marginals(const float *emit, size_t n, unsigned L, const float *trans,
                     const uint8_t (*allowed)[VITERBI_MAXL], const uint8_t *end_ok,
                     const uint8_t *clamp, double *work, double *node, double *edge)
{
    size_t NL = n * L, TN = (size_t)(L + 1) * L;
    memset(node, 0, NL * sizeof *node);
    memset(edge, 0, TN * sizeof *edge);
    if (!n)
        return 0.0;
    double *al = work, *be = al + NL, *ex = be + NL, *sc = ex + NL, *mx = sc + n, *et = mx + n;
    /* exp(trans), 0 where forbidden; row 0 is START (allowed row L) */
    for (unsigned l = 0; l < L; l++)
        et[l] = allowed[L][l] ? exp((double)trans[l]) : 0.0;
    for (unsigned a = 0; a < L; a++)
        for (unsigned l = 0; l < L; l++)
            et[(size_t)(1 + a) * L + l] =
                allowed[a][l] ? exp((double)trans[(size_t)(1 + a) * L + l]) : 0.0;
    /* exp(emission - max over the position's labels); clamped labels and,
     * at the end, labels that may not end a sentence get 0 */
    for (size_t t = 0; t < n; t++) {
        double m = -HUGE_VAL;
        for (unsigned l = 0; l < L; l++)
            if ((double)emit[t * L + l] > m)
                m = emit[t * L + l];
        mx[t] = m;
        for (unsigned l = 0; l < L; l++) {
            int ok = !clamp || clamp[t] == CRF_ANY || clamp[t] == l;
            if (t == n - 1 && !end_ok[l])
                ok = 0;
            ex[t * L + l] = ok ? exp((double)emit[t * L + l] - m) : 0.0;
        }
    }
    /* forward, each row normalised to sum 1 (sc[t] the factor) */
    double logz = 0;
    for (size_t t = 0; t < n; t++) {
        double *a = al + t * L, s = 0;
        for (unsigned l = 0; l < L; l++) {
            double v;
            if (!t) {
                v = et[l];
            } else {
                v = 0;
                const double *p = al + (t - 1) * L;
                for (unsigned k = 0; k < L; k++)
                    v += p[k] * et[(size_t)(1 + k) * L + l];
            }
            a[l] = v * ex[t * L + l];
            s += a[l];
        }
        if (!(s > 0) || !isfinite(s))
            return -HUGE_VAL;
        sc[t] = s;
        for (unsigned l = 0; l < L; l++)
            a[l] /= s;
        logz += log(s) + mx[t];
    }
    /* backward with the same factors */
    for (unsigned l = 0; l < L; l++)
        be[(n - 1) * L + l] = 1.0;
    for (size_t t = n - 1; t > 0; t--) {
        const double *nb = be + t * L, *ne = ex + t * L;
        double *b = be + (t - 1) * L;
        for (unsigned k = 0; k < L; k++) {
            double v = 0;
            const double *tr = et + (size_t)(1 + k) * L;
            for (unsigned l = 0; l < L; l++)
                v += tr[l] * ne[l] * nb[l];
            b[k] = v / sc[t];
        }
    }
    for (size_t t = 0; t < NL; t++)
        node[t] = al[t] * be[t];
    for (unsigned l = 0; l < L; l++)
        edge[l] = node[l];
    for (size_t t = 1; t < n; t++) {
        const double *p = al + (t - 1) * L, *ne = ex + t * L, *nb = be + t * L;
        for (unsigned k = 0; k < L; k++) {
            if (p[k] == 0)
                continue;
            double *er = edge + (size_t)(1 + k) * L;
            const double *tr = et + (size_t)(1 + k) * L;
            for (unsigned l = 0; l < L; l++)
                er[l] += p[k] * tr[l] * ne[l] * nb[l] / sc[t];
        }
    }
    return logz;
}

double crf_loss_grad(const float *emit, size_t n, unsigned L, const float *trans,
                     const uint8_t (*allowed)[VITERBI_MAXL], const uint8_t *end_ok,
                     const uint8_t *gold, double *work, double *gnode, double *gtrans)
{
    size_t NL = n * L, TN = (size_t)(L + 1) * L, W = crf_work_size(n, L);
    double *qn = work + W, *qe = qn + NL; /* the first W serve both passes */
    double lz = crf_marginals(emit, n, L, trans, allowed, end_ok, NULL, work, gnode, gtrans);
    double lg = crf_marginals(emit, n, L, trans, allowed, end_ok, gold, work, qn, qe);
    if (!isfinite(lz) || !isfinite(lg)) {
        memset(gnode, 0, NL * sizeof *gnode);
        memset(gtrans, 0, TN * sizeof *gtrans);
        return HUGE_VAL;
    }
    for (size_t i = 0; i < NL; i++)
        gnode[i] -= qn[i];
    for (size_t i = 0; i < TN; i++)
        gtrans[i] -= qe[i];
    return lz - lg;
}
