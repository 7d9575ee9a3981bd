/* Unit tests: the Viterbi decoder against brute force on tiny random
 * matrices, with and without transition constraints; no model file. */
#include <math.h>

#include "t.h"
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

int main(void)
{
    RUN(unconstrained_matches_brute_force);
    RUN(constrained_matches_brute_force);
    RUN(bio_constraint_blocks_lone_inside);
    return T_EXIT();
}
