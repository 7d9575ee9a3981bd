/* perceptron.c - the structured averaged perceptron (Collins 2002,
 * "Discriminative training methods for hidden Markov models"), with the
 * averaging done lazily (Daume's trick: avg = w - u/c, u accumulating
 * c x update).  `warta-train train --algo perceptron`; the shipped model
 * is a CRF (crf_train.c). */
#include <stdlib.h>
#include <string.h>

#include "train.h"

void perceptron_init(perceptron_t *pc, size_t WN, size_t TN, size_t maxn, unsigned L)
{
    memset(pc, 0, sizeof *pc);
    pc->w = calloc(WN + 1, sizeof *pc->w);
    pc->tw = calloc(TN, sizeof *pc->tw);
    pc->u = calloc(WN + 1, sizeof *pc->u);
    pc->tu = calloc(TN, sizeof *pc->tu);
    if (!pc->w || !pc->u || !pc->tw || !pc->tu)
        die("out of memory%s", "");
    pc->emit = xrealloc(NULL, maxn * L * sizeof *pc->emit);
    pc->cemit = xrealloc(NULL, maxn * L * sizeof *pc->cemit);
    pc->delta = xrealloc(NULL, maxn * L * sizeof *pc->delta);
    pc->back = xrealloc(NULL, maxn * L);
    pc->path = xrealloc(NULL, maxn);
    pc->gpath = xrealloc(NULL, maxn + 1);
}

void perceptron_reset(perceptron_t *pc, size_t WN, size_t TN)
{
    memset(pc->w, 0, (WN + 1) * sizeof *pc->w);
    memset(pc->u, 0, (WN + 1) * sizeof *pc->u);
    memset(pc->tw, 0, TN * sizeof *pc->tw);
    memset(pc->tu, 0, TN * sizeof *pc->tu);
    pc->c = 1;
}

void perceptron_free(perceptron_t *pc)
{
    free(pc->w);
    free(pc->tw);
    free(pc->u);
    free(pc->tu);
    free(pc->emit);
    free(pc->cemit);
    free(pc->delta);
    free(pc->back);
    free(pc->path);
    free(pc->gpath);
}

/* The gold path of sentence [b, b+n): its labels, or with unknown labels
 * (GOLD_UNKNOWN) the best path through the known ones. */
static const uint8_t *gold_path(perceptron_t *pc, const uint8_t *g, size_t n, const shape_t *sh)
{
    unsigned L = sh->L;
    int masked = 0;
    for (size_t t = 0; t < n; t++)
        masked |= g[t] == GOLD_UNKNOWN;
    if (!masked)
        return g;
    for (size_t t = 0; t < n; t++)
        for (unsigned l = 0; l < L; l++)
            pc->cemit[t * L + l] = g[t] == GOLD_UNKNOWN || g[t] == l ? pc->emit[t * L + l] : -1e30f;
    viterbi_decode(pc->cemit, n, L, pc->tw, SHAPE_ALLOWED(sh), sh->end_ok, pc->delta, pc->back,
                   pc->gpath);
    return pc->gpath;
}

/* One update on sentence [b, b+n) of tr; returns 1 when it was wrong. */
static int update(perceptron_t *pc, const dataset_t *tr, size_t b, size_t n, const shape_t *sh)
{
    unsigned L = sh->L;
    double c = pc->c;
    emissions(pc->w, L, &tr->f, b, n, pc->emit);
    const uint8_t *g = gold_path(pc, tr->f.gold + b, n, sh);
    uint8_t *path = pc->path;
    viterbi_decode(pc->emit, n, L, pc->tw, SHAPE_ALLOWED(sh), sh->end_ok, pc->delta, pc->back,
                   path);
    int wrong = 0;
    for (size_t t = 0; t < n; t++) {
        if (path[t] == g[t])
            continue;
        wrong = 1;
        for (size_t k = tr->f.foff[b + t]; k < tr->f.foff[b + t + 1]; k++) {
            size_t r = (size_t)tr->f.fid[k] * L;
            pc->w[r + g[t]] += 1;
            pc->u[r + g[t]] += c;
            pc->w[r + path[t]] -= 1;
            pc->u[r + path[t]] -= c;
        }
    }
    if (!wrong)
        return 0;
    for (size_t t = 0; t < n; t++) {
        size_t gr = t ? 1 + (size_t)g[t - 1] : 0, pr = t ? 1 + (size_t)path[t - 1] : 0;
        if (gr == pr && g[t] == path[t])
            continue;
        pc->tw[gr * L + g[t]] += 1;
        pc->tu[gr * L + g[t]] += c;
        pc->tw[pr * L + path[t]] -= 1;
        pc->tu[pr * L + path[t]] -= c;
    }
    return 1;
}

size_t perceptron_epoch(perceptron_t *pc, const dataset_t *tr, const size_t *order,
                        const shape_t *sh, size_t WN, float *aw, float *at)
{
    size_t errors = 0, TN = (size_t)(sh->L + 1) * sh->L;
    for (size_t si = 0; si < tr->c.nsent; si++) {
        size_t s = order[si], b = tr->c.sent[s], n = tr->c.sent[s + 1] - b;
        errors += (size_t)update(pc, tr, b, n, sh);
        pc->c++;
    }
    for (size_t i = 0; i < WN; i++)
        aw[i] = (float)((double)pc->w[i] - pc->u[i] / pc->c);
    for (size_t i = 0; i < TN; i++)
        at[i] = (float)((double)pc->tw[i] - pc->tu[i] / pc->c);
    return errors;
}
