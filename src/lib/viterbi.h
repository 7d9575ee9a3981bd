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
/* The transitions laid out for viterbi_decode_tab (made once per model):
 * rows of L rounded up to 4, -inf where forbidden. */
typedef struct viterbi_tab {
    unsigned L;
    int bio9;   /* the shipped layout: O, then B-X I-X for 4 types, BIO rules */
    float tp[VITERBI_MAXL * VITERBI_MAXL];
    /* bio9: a -> the B labels (1 3 5 7), a -> O; B-X -> I-X, I-X -> I-X */
    float tb[9][4], to[9], ti1[4], ti2[4];
} viterbi_tab_t;
void viterbi_tab_make(viterbi_tab_t *vt, unsigned L, const float *trans,
                      const uint8_t (*allowed)[VITERBI_MAXL]);
/* viterbi_decode with a table made from the same trans and allowed. */
float viterbi_decode_tab(const viterbi_tab_t *vt, const float *emit, size_t n,
                         const float *trans, const uint8_t (*allowed)[VITERBI_MAXL],
                         const uint8_t *end_ok, float *delta, uint8_t *back, uint8_t *path);
/* The same, one label and one predecessor at a time: the reference that
 * viterbi_decode (labels side by side where the compiler has vectors)
 * must equal bit for bit, scores, paths and ties alike. */
float viterbi_decode_ref(const float *emit, size_t n, unsigned L, const float *trans,
                         const uint8_t (*allowed)[VITERBI_MAXL], const uint8_t *end_ok,
                         float *delta, uint8_t *back, uint8_t *path);

/* Linear-chain CRF over the same scores.  The tagger decodes a CRF's
 * weights with viterbi_decode; crf_marginals stays in the library, not
 * only in the trainer (src/train/crf.c builds the training loss on it),
 * because the marginals give per-entity confidence scores.  A path's
 * probability is exp(score) / Z over the paths obeying allowed/end_ok.
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

#endif
