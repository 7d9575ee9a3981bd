/* Unit tests: the Viterbi decoder against brute force on tiny random
 * matrices, with and without transition constraints; no model file. */
#include <math.h>

#include "t.h"
#include "crf.h"
#include "viterbi.h"

static unsigned long long seed = 88172645463325252ULL;
static unsigned rnd(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (unsigned)(seed >> 11);
}
static float rndf(void) { return (float)((int)(rnd() % 2001) - 1000) / 100.0f; }

/* Best score over all L^n paths obeying the constraints; -1e30 if none. */
static float brute(const float *emit, size_t n, unsigned L, const float *trans,
                   uint8_t (*allowed)[VITERBI_MAXL], const uint8_t *end_ok, uint8_t *best_path)
{
    float best = -1e30f;
    size_t total = 1;
    for (size_t i = 0; i < n; i++)
        total *= L;
    uint8_t path[8];
    for (size_t code = 0; code < total; code++) {
        size_t c = code;
        for (size_t i = 0; i < n; i++) {
            path[i] = (uint8_t)(c % L);
            c /= L;
        }
        if (!allowed[L][path[0]] || !end_ok[path[n - 1]])
            continue;
        float s = trans[path[0]] + emit[path[0]];
        int ok = 1;
        for (size_t i = 1; i < n && ok; i++) {
            ok = allowed[path[i - 1]][path[i]];
            s += trans[(1 + path[i - 1]) * L + path[i]] + emit[i * L + path[i]];
        }
        if (ok && s > best) {
            best = s;
            memcpy(best_path, path, n);
        }
    }
    return best;
}

static float path_score(const float *emit, size_t n, unsigned L, const float *trans,
                        const uint8_t *path)
{
    float s = trans[path[0]] + emit[path[0]];
    for (size_t i = 1; i < n; i++)
        s += trans[(1 + path[i - 1]) * L + path[i]] + emit[i * L + path[i]];
    return s;
}

static void random_matrices(int constrained)
{
    for (int trial = 0; trial < 400; trial++) {
        unsigned L = 1 + rnd() % 4;
        size_t n = 1 + rnd() % 5;
        float emit[5 * 4], trans[5 * 4], delta[5 * 4];
        uint8_t back[5 * 4], path[5], bp[5];
        uint8_t allowed[VITERBI_MAXL + 1][VITERBI_MAXL], end_ok[VITERBI_MAXL];
        for (size_t i = 0; i < n * L; i++)
            emit[i] = rndf();
        for (size_t i = 0; i < (L + 1) * L; i++)
            trans[i] = rndf();
        for (unsigned a = 0; a <= L; a++)
            for (unsigned b = 0; b < L; b++)
                allowed[a][b] = constrained ? rnd() % 3 != 0 : 1;
        for (unsigned b = 0; b < L; b++)
            end_ok[b] = constrained ? rnd() % 4 != 0 : 1;
        float want = brute(emit, n, L, trans, allowed, end_ok, bp);
        float got = viterbi_decode(emit, n, L, trans, (const uint8_t(*)[VITERBI_MAXL])allowed,
                                   end_ok, delta, back, path);
        if (want <= -1e29f) {
            CHECK(got <= -1e29f);
            continue;
        }
        CHECK(fabsf(got - want) < 1e-3f);
        /* the returned path is legal and scores what was returned */
        CHECK(allowed[L][path[0]] && end_ok[path[n - 1]]);
        for (size_t i = 1; i < n; i++)
            CHECK(allowed[path[i - 1]][path[i]]);
        CHECK(fabsf(path_score(emit, n, L, trans, path) - want) < 1e-3f);
    }
}

static void unconstrained_matches_brute_force(void) { random_matrices(0); }
static void constrained_matches_brute_force(void) { random_matrices(1); }

static void bio_constraint_blocks_lone_inside(void)
{
    /* labels O, B-X, I-X: I-X strongly preferred everywhere, but it may only
     * follow B-X or I-X, so the best legal path is B I I */
    enum { L = 3 };
    float emit[3 * L] = {0, 1, 5, 0, 1, 5, 0, 1, 5}, trans[(L + 1) * L] = {0}, delta[3 * L];
    uint8_t back[3 * L], path[3];
    uint8_t allowed[VITERBI_MAXL + 1][VITERBI_MAXL] = {{1, 1, 0}, {1, 1, 1}, {1, 1, 1}};
    allowed[L][0] = allowed[L][1] = 1;
    uint8_t end_ok[VITERBI_MAXL] = {1, 1, 1};
    float s = viterbi_decode(emit, 3, L, trans, (const uint8_t(*)[VITERBI_MAXL])allowed, end_ok,
                             delta, back, path);
    CHECK_INT(path[0], 1);
    CHECK_INT(path[1], 2);
    CHECK_INT(path[2], 2);
    CHECK(fabsf(s - 11.0f) < 1e-4f);
}

/* ---- CRF: forward-backward against enumeration, gradient against finite
 * differences ---------------------------------------------------------------- */

/* log Z, node marginals and expected transition counts by enumerating every
 * legal path (through clamp's labels when clamp is not NULL). */
static double brute_marginals(const float *emit, size_t n, unsigned L, const float *trans,
                              uint8_t (*allowed)[VITERBI_MAXL], const uint8_t *end_ok,
                              const uint8_t *clamp, double *node, double *edge)
{
    size_t total = 1;
    for (size_t i = 0; i < n; i++)
        total *= L;
    memset(node, 0, n * L * sizeof *node);
    memset(edge, 0, (L + 1) * L * sizeof *edge);
    double z = 0;
    uint8_t path[8];
    for (size_t code = 0; code < total; code++) {
        size_t c = code;
        for (size_t i = 0; i < n; i++) {
            path[i] = (uint8_t)(c % L);
            c /= L;
        }
        int ok = allowed[L][path[0]] && end_ok[path[n - 1]];
        for (size_t i = 1; i < n && ok; i++)
            ok = allowed[path[i - 1]][path[i]];
        for (size_t i = 0; i < n && ok && clamp; i++)
            ok = clamp[i] == CRF_ANY || clamp[i] == path[i];
        if (!ok)
            continue;
        double sc = (double)trans[path[0]] + (double)emit[path[0]];
        for (size_t i = 1; i < n; i++)
            sc += (double)trans[(1 + path[i - 1]) * L + path[i]] + (double)emit[i * L + path[i]];
        double p = exp(sc);
        z += p;
        for (size_t i = 0; i < n; i++)
            node[i * L + path[i]] += p;
        edge[path[0]] += p;
        for (size_t i = 1; i < n; i++)
            edge[(1 + path[i - 1]) * L + path[i]] += p;
    }
    if (z == 0)
        return -HUGE_VAL;
    for (size_t i = 0; i < n * L; i++)
        node[i] /= z;
    for (size_t i = 0; i < (L + 1) * L; i++)
        edge[i] /= z;
    return log(z);
}


/* viterbi_decode (labels side by side) against viterbi_decode_ref on
 * random inputs: any L up to 32, random constraints or the shipped
 * 9-label BIO layout (its own decoder), emissions drawn from
 * few values (ties everywhere), some at or below -1e30 or infinite; the
 * score, path, back pointers and deltas must match bit for bit. */
static void vector_equals_reference(void)
{
    enum { N = 30 };
    static const float odd[] = {-1e30f, -2e30f, -INFINITY, INFINITY, 0.0f, -0.0f, 1e30f};
    int differ = 0, found = 0, bios = 0;
    for (int trial = 0; trial < 4000; trial++) {
        unsigned L = trial % 3 ? 9 : 1 + rnd() % VITERBI_MAXL;
        size_t n = 1 + rnd() % N;
        static float emit[N * VITERBI_MAXL], trans[(VITERBI_MAXL + 1) * VITERBI_MAXL];
        static float d1[N * VITERBI_MAXL], d2[N * VITERBI_MAXL];
        static uint8_t b1[N * VITERBI_MAXL], b2[N * VITERBI_MAXL];
        uint8_t p1[N], p2[N];
        uint8_t allowed[VITERBI_MAXL + 1][VITERBI_MAXL], end_ok[VITERBI_MAXL];
        int kind = trial % 4; /* 0: plain, 1: ties, 2: odd values, 3: ties and odd */
        for (size_t i = 0; i < n * L; i++) {
            emit[i] = kind & 1 ? (float)(rnd() % 3) : rndf();
            if (kind & 2 && rnd() % 8 == 0)
                emit[i] = odd[rnd() % (sizeof odd / sizeof *odd)];
        }
        for (size_t i = 0; i < (L + 1) * L; i++) {
            trans[i] = kind & 1 ? (float)(rnd() % 2) : rndf();
            if (kind & 2 && rnd() % 16 == 0)
                trans[i] = odd[rnd() % (sizeof odd / sizeof *odd)];
        }
        int bio = L == 9 && trial % 2; /* the shipped layout: its own path */
        for (unsigned a = 0; a <= L; a++)
            for (unsigned b = 0; b < L; b++)
                allowed[a][b] = bio ? (b && !(b & 1) ? a == b - 1 || a == b : 1)
                                    : rnd() % 4 != 0;
        for (unsigned b = 0; b < L; b++)
            end_ok[b] = rnd() % 5 != 0;
        if (bio) {
            viterbi_tab_t vt;
            viterbi_tab_make(&vt, L, trans, (const uint8_t(*)[VITERBI_MAXL])allowed);
            bios += vt.bio9;
        }
        memset(d1, 0, sizeof d1);
        memset(d2, 0, sizeof d2);
        memset(b1, 0, sizeof b1);
        memset(b2, 0, sizeof b2);
        const uint8_t(*al)[VITERBI_MAXL] = (const uint8_t(*)[VITERBI_MAXL])allowed;
        float s1 = viterbi_decode(emit, n, L, trans, al, end_ok, d1, b1, p1);
        float s2 = viterbi_decode_ref(emit, n, L, trans, al, end_ok, d2, b2, p2);
        int bad = memcmp(&s1, &s2, sizeof s1) || memcmp(p1, p2, n) ||
                  memcmp(b1, b2, n * L) || memcmp(d1, d2, n * L * sizeof *d1);
        differ += bad;
        found += s2 > -1e29f;
    }
    CHECK_INT(differ, 0);
    CHECK(found > 1000);
    CHECK(bios > 1000);
}

static void crf_marginals_match_enumeration(void)
{
    int compared = 0, impossible = 0;
    for (int trial = 0; trial < 600; trial++) {
        unsigned L = 1 + rnd() % 5;
        size_t n = 1 + rnd() % 5;
        int constrained = trial % 2, clamped = (trial / 2) % 2;
        float emit[5 * 5], trans[6 * 5];
        double node[5 * 5], edge[6 * 5], bn[5 * 5], bedge[6 * 5];
        double work[3 * 5 * 5 + 2 * 5 + 6 * 5];
        uint8_t allowed[VITERBI_MAXL + 1][VITERBI_MAXL], end_ok[VITERBI_MAXL], clamp[5];
        CHECK(crf_work_size(n, L) <= sizeof work / sizeof work[0]);
        for (size_t i = 0; i < n * L; i++)
            emit[i] = rndf() * (trial % 3 == 0 ? 10.0f : 0.5f); /* large scores too */
        for (size_t i = 0; i < (L + 1) * L; i++)
            trans[i] = rndf() * 0.5f;
        for (unsigned a = 0; a <= L; a++)
            for (unsigned b = 0; b < L; b++)
                allowed[a][b] = constrained ? rnd() % 3 != 0 : 1;
        for (unsigned b = 0; b < L; b++)
            end_ok[b] = constrained ? rnd() % 4 != 0 : 1;
        for (size_t i = 0; i < n; i++)
            clamp[i] = rnd() % 2 ? CRF_ANY : (uint8_t)(rnd() % L);
        const uint8_t *cl = clamped ? clamp : NULL;
        double want = brute_marginals(emit, n, L, trans, allowed, end_ok, cl, bn, bedge);
        double got = crf_marginals(emit, n, L, trans, (const uint8_t(*)[VITERBI_MAXL])allowed,
                                   end_ok, cl, work, node, edge);
        if (want == -HUGE_VAL) {
            CHECK(got == -HUGE_VAL);
            impossible++;
            continue;
        }
        compared++;
        CHECK(fabs(got - want) < 1e-9 * (1 + fabs(want)));
        for (size_t i = 0; i < n * L; i++)
            CHECK(fabs(node[i] - bn[i]) < 1e-9);
        for (size_t i = 0; i < (L + 1) * L; i++)
            CHECK(fabs(edge[i] - bedge[i]) < 1e-9);
    }
    CHECK(compared > 300 && impossible > 10); /* both cases were exercised */
}

/* A tiny CRF over hashed-feature-like rows: token t fires feats[t][0..1];
 * emission of label l = sum of w[f][l].  Objective = loss + c/2 |w|^2 (w
 * and the transitions), as the trainer's. */
enum { GF = 5, GL = 5, GN = 5 };
static const int feats[GN][2] = {{0, 1}, {2, 1}, {3, 4}, {0, 2}, {4, 4}};

static double tiny_objective(const double *w, const double *tr, const uint8_t *gold, double c,
                             uint8_t (*allowed)[VITERBI_MAXL], const uint8_t *end_ok,
                             double *gw, double *gt)
{
    float emit[GN * GL], trans[(GL + 1) * GL];
    double work[3 * GN * GL + 2 * GN + (GL + 1) * GL + GN * GL + (GL + 1) * GL];
    double gnode[GN * GL], gtrans[(GL + 1) * GL];
    for (size_t t = 0; t < GN; t++)
        for (unsigned l = 0; l < GL; l++) {
            double e = 0;
            for (int k = 0; k < 2; k++)
                e += w[feats[t][k] * GL + l];
            emit[t * GL + l] = (float)e;
        }
    for (size_t i = 0; i < (GL + 1) * GL; i++)
        trans[i] = (float)tr[i];
    double loss = crf_loss_grad(emit, GN, GL, trans, (const uint8_t(*)[VITERBI_MAXL])allowed,
                                end_ok, gold, work, gnode, gtrans);
    for (size_t i = 0; i < GF * GL; i++)
        loss += 0.5 * c * w[i] * w[i];
    for (size_t i = 0; i < (GL + 1) * GL; i++)
        loss += 0.5 * c * tr[i] * tr[i];
    if (gw) {
        for (size_t i = 0; i < GF * GL; i++)
            gw[i] = c * w[i];
        for (size_t t = 0; t < GN; t++)
            for (int k = 0; k < 2; k++)
                for (unsigned l = 0; l < GL; l++)
                    gw[feats[t][k] * GL + l] += gnode[t * GL + l];
        for (size_t i = 0; i < (GL + 1) * GL; i++)
            gt[i] = gtrans[i] + c * tr[i];
    }
    return loss;
}

static void crf_gradient_matches_finite_differences(void)
{
    /* labels O, B-X, I-X, B-Y, I-Y with the BIO constraints */
    uint8_t allowed[VITERBI_MAXL + 1][VITERBI_MAXL];
    uint8_t end_ok[VITERBI_MAXL] = {1, 1, 1, 1, 1};
    for (unsigned a = 0; a <= GL; a++)
        for (unsigned b = 0; b < GL; b++)
            allowed[a][b] = b == 2 ? (a == 1 || a == 2) : b == 4 ? (a == 3 || a == 4) : 1;
    const uint8_t golds[3][GN] = {{1, 2, 0, 3, 0}, {0, 1, 2, 2, 0},
                                  {CRF_ANY, 1, CRF_ANY, 0, 3}}; /* last: partly unknown */
    for (int trial = 0; trial < 6; trial++) {
        double w[GF * GL], tr[(GL + 1) * GL], gw[GF * GL], gt[(GL + 1) * GL];
        for (size_t i = 0; i < GF * GL; i++)
            w[i] = rndf() * 0.2;
        for (size_t i = 0; i < (GL + 1) * GL; i++)
            tr[i] = rndf() * 0.2;
        const uint8_t *gold = golds[trial % 3];
        double c = trial < 3 ? 0.0 : 0.3;
        double f0 = tiny_objective(w, tr, gold, c, allowed, end_ok, gw, gt);
        CHECK(isfinite(f0) && f0 > 0);
        const double h = 1e-2;
        double worst = 0;
        for (size_t i = 0; i < GF * GL + (GL + 1) * GL; i++) {
            double *x = i < GF * GL ? &w[i] : &tr[i - GF * GL];
            double an = i < GF * GL ? gw[i] : gt[i - GF * GL], keep = *x;
            *x = keep + h;
            double fp = tiny_objective(w, tr, gold, c, allowed, end_ok, NULL, NULL);
            *x = keep - h;
            double fm = tiny_objective(w, tr, gold, c, allowed, end_ok, NULL, NULL);
            *x = keep;
            double num = (fp - fm) / (2 * h);
            if (fabs(num - an) > worst)
                worst = fabs(num - an);
        }
        if (worst > 1e-3)
            fprintf(stderr, "  trial %d: worst gradient error %g\n", trial, worst);
        CHECK(worst < 1e-3);
    }
    /* a gold path the constraints forbid (I-X after O) has no likelihood */
    double w[GF * GL] = {0}, tr[(GL + 1) * GL] = {0};
    const uint8_t bad[GN] = {0, 2, 0, 0, 0};
    CHECK(tiny_objective(w, tr, bad, 0, allowed, end_ok, NULL, NULL) == HUGE_VAL);
}

int main(void)
{
    RUN(unconstrained_matches_brute_force);
    RUN(constrained_matches_brute_force);
    RUN(bio_constraint_blocks_lone_inside);
    RUN(vector_equals_reference);
    RUN(crf_marginals_match_enumeration);
    RUN(crf_gradient_matches_finite_differences);
    return T_EXIT();
}
