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

#endif
