/* viterbi.c - first-order Viterbi decoding with hard transition
 * constraints (see viterbi.h). */
#include "viterbi.h"

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
    for (size_t t = 1; t < n; t++) {
        const float *prev = delta + (t - 1) * L;
        float *cur = delta + t * L;
        uint8_t *bk = back + t * L;
        for (unsigned l = 0; l < L; l++) {
            float best = NEG;
            unsigned arg = 0;
            for (unsigned a = 0; a < L; a++) {
                if (!allowed[a][l] || prev[a] <= NEG)
                    continue;
                float s = prev[a] + trans[(size_t)(1 + a) * L + l];
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
