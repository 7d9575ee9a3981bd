/* score.c - scores of training-time weights: emissions, entity span
 * counts, F1, and the model-only scores on the dev sets that pick the
 * epoch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "train.h"

void emissions(const float *w, unsigned L, const fcorpus_t *fc, size_t b, size_t n,
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

void count_spans(counts_t *ct, const span_t *g, size_t ng, const span_t *p, size_t np)
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

double f1(size_t g, size_t f, size_t c)
{
    double p = f ? (double)c / (double)f : 0, r = g ? (double)c / (double)g : 0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

void totals(const counts_t *ct, size_t *g, size_t *f, size_t *c)
{
    *g = *f = *c = 0;
    for (int t = 0; t < WARTA_NTYPES; t++) {
        *g += ct->gold[t];
        *f += ct->found[t];
        *c += ct->correct[t];
    }
}

/* Model-only dev score (COUNTRY folded into LOCATION, as the corpora do). */
static counts_t dev_score(const float *w, const float *trans, const shape_t *sh,
                          const labels_t *lb, const dataset_t *d)
{
    counts_t ct;
    memset(&ct, 0, sizeof ct);
    size_t maxn = corpus_max_sentence(&d->c);
    float *emit = xrealloc(NULL, maxn * sh->L * sizeof *emit);
    float *delta = xrealloc(NULL, maxn * sh->L * sizeof *delta);
    uint8_t *back = xrealloc(NULL, maxn * sh->L), *path = xrealloc(NULL, maxn);
    uint8_t *pp = xrealloc(NULL, maxn), *pt = xrealloc(NULL, maxn);
    uint8_t *gp = xrealloc(NULL, maxn), *gt = xrealloc(NULL, maxn);
    span_t *gs = xrealloc(NULL, maxn * sizeof *gs), *ps = xrealloc(NULL, maxn * sizeof *ps);
    for (size_t s = 0; s < d->c.nsent; s++) {
        size_t b = d->c.sent[s], n = d->c.sent[s + 1] - b;
        emissions(w, sh->L, &d->f, b, n, emit);
        viterbi_decode(emit, n, sh->L, trans, SHAPE_ALLOWED(sh), sh->end_ok, delta, back, path);
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

double dev_all(const float *w, const float *trans, const shape_t *sh, const labels_t *lb,
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
