/* crf.c - the CRF training objective and its gradient (crf.h), from two
 * forward-backward passes of crf_marginals() (viterbi.c). */
#include "crf.h"

#include <math.h>
#include <string.h>

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
