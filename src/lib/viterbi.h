/* viterbi.h - best label sequence of a linear-chain model.
 *
 *   emit    [n][L]    score of label l at position t
 *   trans   [L+1][L]  row 0: START -> l; row 1+a: a -> l
 *   allowed [L+1][L]  as model_t.allowed (row L is START); 0 = forbidden
 *   end_ok  [L]       label may end the sequence
 * path[n] receives the labels; returns the path's score (or -1e30f when no
 * path satisfies the constraints, then path is all 0).  `delta` needs n*L
 * floats and `back` n*L bytes of scratch.  L <= 255. */
#ifndef WARTA_VITERBI_H
#define WARTA_VITERBI_H

#include <stddef.h>
#include <stdint.h>

#define VITERBI_MAXL 32

float viterbi_decode(const float *emit, size_t n, unsigned L, const float *trans,
                     const uint8_t (*allowed)[VITERBI_MAXL], const uint8_t *end_ok,
                     float *delta, uint8_t *back, uint8_t *path);

/* Linear-chain CRF over the same scores (training only; the tagger decodes
 * a CRF's weights with viterbi_decode).  A path's probability is
 * exp(score) / Z over the paths obeying allowed/end_ok.
 *
 * crf_marginals: log Z by forward-backward with per-position scaling (in
 * double), node[n][L] = P(y_t = l) and edge[(L+1)][L] = expected count of
 * each transition (row 0: START -> l; row 1+a: a -> l), summed over t.
 * clamp (NULL or [n]): a label per position, or CRF_ANY; then only the
 * paths through those labels count (Z of the clamped paths).  Returns
 * -INFINITY, with node and edge all 0, when no path is allowed.
 * `work` needs crf_work_size(n, L) doubles. */
#define CRF_ANY 0xFFu
size_t crf_work_size(size_t n, unsigned L);
double crf_marginals(const float *emit, size_t n, unsigned L, const float *trans,
                     const uint8_t (*allowed)[VITERBI_MAXL], const uint8_t *end_ok,
                     const uint8_t *clamp, double *work, double *node, double *edge);

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
