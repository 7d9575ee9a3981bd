/* crf.h - the linear-chain CRF's training objective.  Training only: the
 * library keeps crf_marginals() (viterbi.h), which this builds on. */
#ifndef WARTA_CRF_H
#define WARTA_CRF_H

#include <stddef.h>
#include <stdint.h>

#include "viterbi.h"

/* The negative conditional log-likelihood of gold (labels, or CRF_ANY for
 * an unknown label: the likelihood of every path through the known ones),
 * log Z - log Z(gold), and its gradient: gnode[n][L] with respect to emit
 * (P(y_t = l) - P(y_t = l | gold)) and gtrans[(L+1)][L] with respect to
 * trans.  Returns INFINITY (gradients 0) when gold allows no legal path.
 * `work` needs crf_work_size(n, L) + n * L + (L + 1) * L doubles. */
double crf_loss_grad(const float *emit, size_t n, unsigned L, const float *trans,
                     const uint8_t (*allowed)[VITERBI_MAXL], const uint8_t *end_ok,
                     const uint8_t *gold, double *work, double *gnode, double *gtrans);

#endif
