/* crf_train.c - training the linear-chain CRF (the shipped model):
 * stochastic gradient descent on the negative conditional log-likelihood
 * (crf.c) with a Gaussian prior. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "crf.h"
#include "train.h"

void crf_sgd_init(crf_sgd_t *cs, size_t WN, size_t TN, size_t maxn, unsigned L, double eta0,
                  double creg)
{
    memset(cs, 0, sizeof *cs);
    cs->eta0 = eta0;
    cs->creg = creg;
    cs->v = calloc(WN + 1, sizeof *cs->v);
    cs->sum = calloc(WN + TN, sizeof *cs->sum);
    cs->trans = calloc(TN, sizeof *cs->trans);
    if (!cs->v || !cs->trans || !cs->sum)
        die("out of memory%s", "");
    cs->work = xrealloc(NULL, (crf_work_size(maxn, L) + maxn * L + TN) * sizeof *cs->work);
    cs->gnode = xrealloc(NULL, maxn * L * sizeof *cs->gnode);
    cs->gtrans = xrealloc(NULL, TN * sizeof *cs->gtrans);
    cs->ftrans = xrealloc(NULL, TN * sizeof *cs->ftrans);
    cs->emit = xrealloc(NULL, maxn * L * sizeof *cs->emit);
}

void crf_sgd_reset(crf_sgd_t *cs, size_t WN, size_t TN)
{
    memset(cs->v, 0, WN * sizeof *cs->v);
    memset(cs->trans, 0, TN * sizeof *cs->trans);
    cs->scale = 1;
    cs->t = 0;
    memset(cs->sum, 0, (WN + TN) * sizeof *cs->sum);
}

void crf_sgd_free(crf_sgd_t *cs)
{
    free(cs->v);
    free(cs->sum);
    free(cs->trans);
    free(cs->work);
    free(cs->gnode);
    free(cs->gtrans);
    free(cs->ftrans);
    free(cs->emit);
}

/* emit[n][L] of sentence [b, b+n) under the weights scale x v. */
static void crf_emissions(const crf_sgd_t *cs, const dataset_t *tr, size_t b, size_t n,
                          unsigned L)
{
    for (size_t q = 0; q < n; q++) {
        double acc[MAXL] = {0};
        for (size_t k = tr->f.foff[b + q]; k < tr->f.foff[b + q + 1]; k++) {
            const double *wr = cs->v + (size_t)tr->f.fid[k] * L;
            for (unsigned l = 0; l < L; l++)
                acc[l] += wr[l];
        }
        for (unsigned l = 0; l < L; l++)
            cs->emit[q * L + l] = (float)(cs->scale * acc[l]);
    }
}

/* One epoch of stochastic gradient descent on the CRF's negative
 * conditional log-likelihood plus creg/2 |w|^2 per sentence (creg = 1 /
 * (sigma2 N): a Gaussian prior of variance sigma2 over the whole corpus),
 * sentences in `order`.  The step size is eta0 / (1 + creg eta0 t) (Bottou
 * 2010, "Large-scale machine learning with stochastic gradient descent"),
 * t counting sentences over all epochs.  The emission weights are
 * scale x v so that the prior's shrinking of every weight is one
 * multiplication; v is folded back when the scale gets small.  A sentence
 * with unknown gold labels (GOLD_UNKNOWN = CRF_ANY) counts with the
 * likelihood of all its paths through the known labels.  Returns the sum
 * of the losses (before each step). */
double crf_epoch(crf_sgd_t *cs, const dataset_t *tr, const size_t *order, const shape_t *sh,
                 size_t WN)
{
    unsigned L = sh->L;
    size_t TN = (size_t)(L + 1) * L;
    double total = 0, creg = cs->creg;
    for (size_t si = 0; si < tr->c.nsent; si++) {
        size_t s = order[si], b = tr->c.sent[s], n = tr->c.sent[s + 1] - b;
        crf_emissions(cs, tr, b, n, L);
        for (size_t i = 0; i < TN; i++)
            cs->ftrans[i] = (float)cs->trans[i];
        double loss = crf_loss_grad(cs->emit, n, L, cs->ftrans, SHAPE_ALLOWED(sh), sh->end_ok,
                                    tr->f.gold + b, cs->work, cs->gnode, cs->gtrans);
        double eta = cs->eta0 / (1 + creg * cs->eta0 * cs->t);
        cs->t += 1;
        if (!isfinite(loss)) /* a gold path the constraints forbid */
            continue;
        total += loss;
        cs->scale *= 1 - eta * creg;
        double step = eta / cs->scale;
        for (size_t q = 0; q < n; q++) {
            const double *g = cs->gnode + q * L;
            for (size_t k = tr->f.foff[b + q]; k < tr->f.foff[b + q + 1]; k++) {
                double *wr = cs->v + (size_t)tr->f.fid[k] * L;
                for (unsigned l = 0; l < L; l++)
                    wr[l] -= step * g[l];
            }
        }
        for (size_t i = 0; i < TN; i++)
            cs->trans[i] -= eta * (cs->gtrans[i] + creg * cs->trans[i]);
        if (cs->scale < 1e-3) {
            for (size_t i = 0; i < WN; i++)
                cs->v[i] *= cs->scale;
            cs->scale = 1;
        }
    }
    return total;
}

double crf_take_weights(crf_sgd_t *cs, int avg, int ep, size_t WN, size_t TN, float *aw,
                        float *at)
{
    double k = avg ? (double)ep : 1;
    for (size_t i = 0; i < WN; i++) {
        if (avg)
            cs->sum[i] += cs->scale * cs->v[i];
        aw[i] = (float)(avg ? cs->sum[i] / k : cs->scale * cs->v[i]);
    }
    for (size_t i = 0; i < TN; i++) {
        if (avg)
            cs->sum[WN + i] += cs->trans[i];
        at[i] = (float)(avg ? cs->sum[WN + i] / k : cs->trans[i]);
    }
    double wn = 0;
    for (size_t i = 0; i < WN; i++)
        wn += (double)aw[i] * aw[i];
    return wn;
}
