/* viterbi.c - first-order Viterbi decoding with hard transition
 * constraints (see viterbi.h). */
#include "viterbi.h"

#include <math.h>
#include <string.h>
/* WARTA_NO_VECTOR / WARTA_NO_SSE build the portable paths (tests). */
#if defined(__GNUC__) && defined(__SSE2__) && !defined(WARTA_NO_VECTOR) && !defined(WARTA_NO_SSE)
#define VIT_MAXPS 1
#include <xmmintrin.h>
#endif

#define NEG (-1e30f)

/* The best label allowed to end the sequence (the first of equals), then
 * the path back from it; NEG and path all 0 when none is. */
static float backtrace(const float *last, size_t n, unsigned L, const uint8_t *end_ok,
                       const uint8_t *back, uint8_t *path)
{
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

float viterbi_decode_ref(const float *emit, size_t n, unsigned L, const float *trans,
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
    return backtrace(delta + (n - 1) * L, n, L, end_ok, back, path);
}

void viterbi_tab_make(viterbi_tab_t *vt, unsigned L, const float *trans,
                      const uint8_t (*allowed)[VITERBI_MAXL])
{
    unsigned W = (L + 3) & ~3u;
    vt->L = L;
    for (unsigned a = 0; a < L; a++)
        for (unsigned l = 0; l < W; l++)
            vt->tp[a * W + l] =
                l < L && allowed[a][l] ? trans[(size_t)(1 + a) * L + l] : -INFINITY;
    vt->bio9 = L == 9;
    for (unsigned a = 0; a <= L && vt->bio9; a++) /* row L: START */
        for (unsigned l = 0; l < L; l++) {
            int inside = l && !(l & 1); /* I-X = 2, 4, 6, 8; its B-X = l - 1 */
            vt->bio9 &= allowed[a][l] == (inside ? a == l - 1 || a == l : 1);
        }
    if (!vt->bio9)
        return;
#define TR(a, l) trans[(size_t)(1 + (a)) * 9 + (l)]
    for (unsigned a = 0; a < 9; a++) {
        for (unsigned k = 0; k < 4; k++)
            vt->tb[a][k] = TR(a, 1 + 2 * k);
        vt->to[a] = TR(a, 0);
    }
    for (unsigned k = 0; k < 4; k++) {
        vt->ti1[k] = TR(1 + 2 * k, 2 + 2 * k);
        vt->ti2[k] = TR(2 + 2 * k, 2 + 2 * k);
    }
#undef TR
}

#if defined(__GNUC__) && !defined(WARTA_NO_VECTOR)
/* Four labels side by side (GCC and clang vector extensions: SSE2 on
 * x86-64).  Each label still considers its predecessors one by one in
 * increasing order with the same strict `>`, so ties go to the same
 * (lowest) predecessor as in viterbi_decode_ref.  A forbidden transition
 * is -inf in the padded table: prev + -inf is -inf (or NaN when prev is
 * +inf), and neither is > best, which never drops below NEG; so it is
 * never chosen, as when it is skipped.  A predecessor at or below NEG (or
 * NaN) is skipped for every label at once, as the reference skips it. */
typedef float f4 __attribute__((vector_size(16)));
typedef int32_t i4 __attribute__((vector_size(16)));

static inline f4 ld4(const float *p)
{
    f4 v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline f4 pick(i4 m, f4 a, f4 b) { return (f4)(((i4)a & m) | ((i4)b & ~m)); }

/* One predecessor a (score pa) for 4 labels: row = its 4 transitions. */
static inline void step(float pa, const float *row, i4 a, f4 *best, i4 *arg)
{
    f4 s = pa + ld4(row);
    i4 gt = s > *best;
#if defined(VIT_MAXPS)
    *best = _mm_max_ps(s, *best); /* s > best ? s : best, NaN s too */
#else
    *best = pick(gt, s, *best);
#endif
    *arg = (*arg & ~gt) | (a & gt);
}

/* cur[0..4nc) from prev[0..L) and the padded table tp[a][4nc]; bk[l] for
 * l < L; e: the position's emissions padded to 4nc. */
static inline void vstep(const float *prev, const float *tp, unsigned L, unsigned nc,
                         const float *e, float *cur, uint8_t *bk)
{
    f4 best[VITERBI_MAXL / 4];
    i4 arg[VITERBI_MAXL / 4];
    const f4 neg = {NEG, NEG, NEG, NEG};
    for (unsigned k = 0; k < nc; k++) {
        best[k] = neg;
        arg[k] = (i4){0, 0, 0, 0};
    }
    for (unsigned a = 0; a < L; a++) {
        if (prev[a] <= NEG)
            continue;
        i4 av = {(int32_t)a, (int32_t)a, (int32_t)a, (int32_t)a};
        for (unsigned k = 0; k < nc; k++)
            step(prev[a], tp + (size_t)a * 4 * nc + 4 * k, av, &best[k], &arg[k]);
    }
    for (unsigned k = 0; k < nc; k++) {
        f4 c = pick(best[k] > neg, best[k] + ld4(e + 4 * k), neg);
        memcpy(cur + 4 * k, &c, sizeof c);
        for (unsigned x = 0; x < 4 && 4 * k + x < L; x++)
            bk[4 * k + x] = (uint8_t)arg[k][x];
    }
}

/* The same for exactly 9 labels (the shipped model): three vectors kept in
 * registers, fixed-size copies. */
static inline void vstep9(const float *prev, const float *tp, const float *e, float *cur,
                          uint8_t *bk)
{
    const f4 neg = {NEG, NEG, NEG, NEG};
    f4 b0 = neg, b1 = neg, b2 = neg;
    i4 a0 = {0, 0, 0, 0}, a1 = a0, a2 = a0, av = a0;
    const i4 one = {1, 1, 1, 1};
    for (unsigned a = 0; a < 9; a++, tp += 12, av += one) {
        if (prev[a] <= NEG)
            continue;
        step(prev[a], tp, av, &b0, &a0);
        step(prev[a], tp + 4, av, &b1, &a1);
        step(prev[a], tp + 8, av, &b2, &a2);
    }
    f4 c0 = pick(b0 > neg, b0 + ld4(e), neg), c1 = pick(b1 > neg, b1 + ld4(e + 4), neg),
       c2 = pick(b2 > neg, b2 + ld4(e + 8), neg);
    memcpy(cur, &c0, sizeof c0);
    memcpy(cur + 4, &c1, sizeof c1);
    memcpy(cur + 8, &c2, sizeof c2);
    for (unsigned x = 0; x < 4; x++) {
        bk[x] = (uint8_t)a0[x];
        bk[4 + x] = (uint8_t)a1[x];
    }
    bk[8] = (uint8_t)a2[0];
}

#if defined(VIT_MAXPS)
/* The shipped 9 labels, O B-P I-P B-O I-O B-L I-L B-C I-C, with the BIO
 * rules (checked by viterbi_tab_make): the scores of a position are kept
 * in the order q = B-P B-O B-L B-C | I-P I-O I-L I-C | O, so the four B
 * labels (every label a predecessor) are one vector over the 9
 * predecessors, the four I labels (predecessors B-X, then I-X) one vector
 * over 2 steps with a predecessor per lane, and O one scalar over the 9;
 * each label still takes its predecessors in increasing order with a
 * strict >, skipping those at or below NEG, as viterbi_decode_ref. */
static const uint8_t q_lab[9] = {1, 3, 5, 7, 2, 4, 6, 8, 0}; /* q position -> label */
static const uint8_t lab_q[9] = {8, 0, 4, 1, 5, 2, 6, 3, 7}; /* label -> q position */

static void bio9_step(const viterbi_tab_t *vt, const float *q, const float *e, float *qn,
                      uint8_t *bk)
{
    const f4 neg = {NEG, NEG, NEG, NEG};
    f4 bb = neg;
    i4 ab = {0, 0, 0, 0}, av = ab;
    const i4 one = {1, 1, 1, 1};
    float bo = NEG;
    unsigned ao = 0;
    for (unsigned a = 0; a < 9; a++, av += one) {
        float pa = q[lab_q[a]];
        if (pa <= NEG)
            continue;
        step(pa, vt->tb[a], av, &bb, &ab);
        float s = pa + vt->to[a];
        if (s > bo) {
            bo = s;
            ao = a;
        }
    }
    /* I-X: B-X (labels 1 3 5 7) then I-X (2 4 6 8), lane by lane */
    f4 bi = neg;
    i4 ai = {0, 0, 0, 0};
    for (int k = 0; k < 2; k++) {
        f4 pv = ld4(q + 4 * k), s = pv + ld4(k ? vt->ti2 : vt->ti1);
        i4 gt = (pv > neg) & (s > bi);
        bi = pick(gt, s, bi);
        ai = (ai & ~gt) | ((i4){1 + k, 3 + k, 5 + k, 7 + k} & gt);
    }
    f4 lo = ld4(e + 1), hi = ld4(e + 5); /* e1..e4, e5..e8 */
    f4 eb = _mm_shuffle_ps(lo, hi, _MM_SHUFFLE(2, 0, 2, 0)); /* e1 e3 e5 e7 */
    f4 ei = _mm_shuffle_ps(lo, hi, _MM_SHUFFLE(3, 1, 3, 1)); /* e2 e4 e6 e8 */
    f4 cb = pick(bb > neg, bb + eb, neg), ci = pick(bi > neg, bi + ei, neg);
    memcpy(qn, &cb, sizeof cb);
    memcpy(qn + 4, &ci, sizeof ci);
    qn[8] = bo > NEG ? bo + e[0] : NEG;
    for (unsigned k = 0; k < 4; k++) {
        bk[1 + 2 * k] = (uint8_t)ab[k];
        bk[2 + 2 * k] = (uint8_t)ai[k];
    }
    bk[0] = (uint8_t)ao;
}

static float bio9_decode(const viterbi_tab_t *vt, const float *emit, size_t n,
                         const float *trans, const uint8_t (*allowed)[VITERBI_MAXL],
                         const uint8_t *end_ok, float *delta, uint8_t *back, uint8_t *path)
{
    float q[2][9];
    for (unsigned l = 0; l < 9; l++) {
        delta[l] = allowed[9][l] ? trans[l] + emit[l] : NEG;
        q[0][lab_q[l]] = delta[l];
        back[l] = 0;
    }
    for (size_t t = 1; t < n; t++) {
        float *qn = q[t & 1];
        bio9_step(vt, q[(t - 1) & 1], emit + t * 9, qn, back + t * 9);
        for (unsigned k = 0; k < 9; k++)
            delta[t * 9 + q_lab[k]] = qn[k];
    }
    return backtrace(delta + (n - 1) * 9, n, 9, end_ok, back, path);
}
#endif

float viterbi_decode_tab(const viterbi_tab_t *vt, const float *emit, size_t n,
                         const float *trans, const uint8_t (*allowed)[VITERBI_MAXL],
                         const uint8_t *end_ok, float *delta, uint8_t *back, uint8_t *path)
{
    if (!n)
        return 0.0f;
#if defined(VIT_MAXPS)
    if (vt->bio9)
        return bio9_decode(vt, emit, n, trans, allowed, end_ok, delta, back, path);
#endif
    unsigned L = vt->L, nc = (L + 3) / 4;
    float rows[2][VITERBI_MAXL], e[VITERBI_MAXL] = {0};
    for (unsigned l = 0; l < L; l++) {
        delta[l] = allowed[L][l] ? trans[l] + emit[l] : NEG;
        rows[0][l] = delta[l];
        back[l] = 0;
    }
    for (size_t t = 1; t < n; t++) {
        const float *prev = rows[(t - 1) & 1];
        float *cur = rows[t & 1];
        if (L == 9) {
            memcpy(e, emit + t * 9, 9 * sizeof *e);
            vstep9(prev, vt->tp, e, cur, back + t * 9);
            memcpy(delta + t * 9, cur, 9 * sizeof *cur);
            continue;
        }
        memcpy(e, emit + t * L, L * sizeof *e);
        vstep(prev, vt->tp, L, nc, e, cur, back + t * L);
        memcpy(delta + t * L, cur, L * sizeof *cur);
    }
    return backtrace(delta + (n - 1) * L, n, L, end_ok, back, path);
}
#else
float viterbi_decode_tab(const viterbi_tab_t *vt, const float *emit, size_t n,
                         const float *trans, const uint8_t (*allowed)[VITERBI_MAXL],
                         const uint8_t *end_ok, float *delta, uint8_t *back, uint8_t *path)
{
    return viterbi_decode_ref(emit, n, vt->L, trans, allowed, end_ok, delta, back, path);
}
#endif

float viterbi_decode(const float *emit, size_t n, unsigned L, const float *trans,
                     const uint8_t (*allowed)[VITERBI_MAXL], const uint8_t *end_ok,
                     float *delta, uint8_t *back, uint8_t *path)
{
    viterbi_tab_t vt;
    viterbi_tab_make(&vt, L, trans, allowed);
    return viterbi_decode_tab(&vt, emit, n, trans, allowed, end_ok, delta, back, path);
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
