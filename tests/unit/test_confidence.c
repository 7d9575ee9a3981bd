/* Unit tests: entity scores.  The tagger's span probability
 * (conf_model_span) against brute force over every path of tiny random BIO
 * models; then the scores of real documents: in
 * [0, 1], the fixed levels of docs/confidence.md, a model span scored by
 * its probability, and min_score dropping exactly the entities below it. */
#include <math.h>

#include "t.h"
#include "confidence.h"
#include "data.h"
#include "viterbi.h"
#include "warta.h"

static unsigned long long seed = 0x9E3779B97F4A7C15ULL;
static unsigned rnd(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (unsigned)(seed >> 11);
}
static float rndf(void) { return (float)((int)(rnd() % 801) - 400) / 100.0f; }

/* Labels: 0 O, 1 B-A, 2 I-A, 3 B-B, 4 I-B; I-X only after B-X or I-X. */
enum { L = 5 };
static const uint8_t cont[L] = {0, 0, 1, 0, 1};

static void bio_constraints(uint8_t (*allowed)[VITERBI_MAXL], uint8_t *end_ok)
{
    for (unsigned a = 0; a <= L; a++)
        for (unsigned b = 0; b < L; b++)
            allowed[a][b] = !(b == 2 && a != 1 && a != 2) && !(b == 4 && a != 3 && a != 4);
    for (unsigned b = 0; b < L; b++)
        end_ok[b] = 1;
}

/* The probability of the paths with labels lab[i..j) and no continuing
 * label at j, by enumerating all L^n paths. */
static double brute_span(const float *emit, size_t n, const float *trans,
                         uint8_t (*allowed)[VITERBI_MAXL], const uint8_t *lab, size_t i, size_t j)
{
    double z = 0, in = 0;
    size_t total = 1;
    for (size_t k = 0; k < n; k++)
        total *= L;
    for (size_t code = 0; code < total; code++) {
        uint8_t p[8];
        size_t c = code;
        for (size_t k = 0; k < n; k++, c /= L)
            p[k] = (uint8_t)(c % L);
        if (!allowed[L][p[0]])
            continue;
        double s = trans[p[0]] + emit[p[0]];
        int ok = 1;
        for (size_t k = 1; k < n && ok; k++) {
            ok = allowed[p[k - 1]][p[k]];
            s += trans[(1 + p[k - 1]) * L + p[k]] + emit[k * L + p[k]];
        }
        if (!ok)
            continue;
        double w = exp(s);
        z += w;
        int match = memcmp(p + i, lab + i, j - i) == 0 && (j == n || !cont[p[j]]);
        if (match)
            in += w;
    }
    return in / z;
}

static void span_prob_matches_brute_force(void)
{
    static model_t m;
    uint8_t end_ok[VITERBI_MAXL];
    memset(&m, 0, sizeof m);
    m.nlabels = L;
    bio_constraints((uint8_t(*)[VITERBI_MAXL])m.allowed, end_ok);
    memcpy(m.end_ok, end_ok, L);
    static const uint8_t prefix[L] = {LP_O, LP_B, LP_I, LP_B, LP_I};
    memcpy(m.lprefix, prefix, L);
    float trans[(L + 1) * L];
    m.trans = trans;
    for (int round = 0; round < 40; round++) {
        size_t n = 1 + rnd() % 6;
        float emit[6 * L];
        for (size_t k = 0; k < n * L; k++)
            emit[k] = rndf();
        for (size_t k = 0; k < (L + 1) * L; k++)
            trans[k] = rndf() / 2;
        conf_scratch_t *c = conf_scratch_new(); /* new: trans changed */
        CHECK(c != NULL);
        if (!c)
            return;
        conf_sentence(c);
        /* a random legal span: B-X then I-X */
        size_t i = rnd() % n, j = i + 1 + rnd() % (n - i);
        uint8_t lab[6] = {0};
        unsigned b = rnd() % 2 ? 1 : 3;
        for (size_t k = i; k < j; k++)
            lab[k] = (uint8_t)(k == i ? b : b + 1);
        double got = conf_model_span(c, &m, emit, n, lab, i, j);
        double want = brute_span(emit, n, trans, (uint8_t(*)[VITERBI_MAXL])m.allowed, lab, i, j);
        CHECK(fabs(got - want) < 1e-4 * want + 1e-6);
        CHECK(got >= 0 && got <= 1);
        /* one O at i: its marginal, by brute force too */
        lab[i] = 0;
        double o = conf_model_span(c, &m, emit, n, lab, i, i + 1);
        CHECK(fabs(o - brute_span(emit, n, trans, (uint8_t(*)[VITERBI_MAXL])m.allowed, lab, i,
                                  i + 1)) < 1e-4);
        conf_scratch_free(c);
    }
}


/* The forward-backward pass as it was before the vectorised one (scalar,
 * sums over the allowed predecessors, full L x L backward loop), kept
 * here as the reference: conf_model_span must give the same floats. */
static float ref_span(const model_t *m, const float *emit, size_t n, const uint8_t *path,
                      size_t i, size_t j)
{
    enum { MAXN = 40 };
    unsigned Lm = m->nlabels;
    static float al[MAXN * MODEL_MAXL], be[MAXN * MODEL_MAXL], ex[MAXN * MODEL_MAXL], sc[MAXN];
    float et[(MODEL_MAXL + 1) * MODEL_MAXL];
    for (unsigned l = 0; l < Lm; l++)
        et[l] = m->allowed[Lm][l] ? expf(m->trans[l]) : 0.0f;
    for (unsigned a = 0; a < Lm; a++)
        for (unsigned l = 0; l < Lm; l++)
            et[(1 + a) * Lm + l] = m->allowed[a][l] ? expf(m->trans[(1 + a) * Lm + l]) : 0.0f;
    for (size_t t = 0; t < n; t++) {
        const float *e = emit + t * Lm;
        float mx = e[0];
        for (unsigned l = 1; l < Lm; l++)
            mx = e[l] > mx ? e[l] : mx;
        for (unsigned l = 0; l < Lm; l++)
            ex[t * Lm + l] = t + 1 == n && !m->end_ok[l] ? 0.0f : expf(e[l] - mx);
    }
    for (size_t t = 0; t < n; t++) {
        float *a = al + t * Lm, s = 0;
        for (unsigned l = 0; l < Lm; l++) {
            float v = 0;
            if (!t)
                v = et[l];
            else
                for (unsigned q = 0; q < Lm; q++)
                    if (m->allowed[q][l])
                        v += a[(int)q - (int)Lm] * et[(1 + q) * Lm + l];
            a[l] = v * ex[t * Lm + l];
            s += a[l];
        }
        if (!(s > 0) || !isfinite(s))
            return 0.0f;
        sc[t] = s;
        for (unsigned l = 0; l < Lm; l++)
            a[l] /= s;
    }
    for (unsigned l = 0; l < Lm; l++)
        be[(n - 1) * Lm + l] = 1.0f;
    for (size_t t = n - 1; t > 0; t--)
        for (unsigned k = 0; k < Lm; k++) {
            float v = 0;
            for (unsigned l = 0; l < Lm; l++)
                v += et[(1 + k) * Lm + l] * ex[t * Lm + l] * be[t * Lm + l];
            be[(t - 1) * Lm + k] = v / sc[t];
        }
    float p = al[i * Lm + path[i]];
    for (size_t t = i + 1; t < j; t++)
        p *= et[(1 + path[t - 1]) * Lm + path[t]] * ex[t * Lm + path[t]] / sc[t];
    if (j < n) {
        float out = 0;
        for (unsigned l = 0; l < Lm; l++)
            if (!(m->lprefix[l] == LP_I || m->lprefix[l] == LP_L))
                out += et[(1 + path[j - 1]) * Lm + l] * ex[j * Lm + l] * be[j * Lm + l];
        p *= out / sc[j];
    }
    return p < 0 ? 0.0f : p > 1 ? 1.0f : p;
}

/* Random emissions (with ties, and spreads wide enough that some exps
 * underflow) and random paths: every span's probability bit for bit as
 * the reference.  On the shipped model (9 labels: the unrolled path) and
 * on a 5-label one (the generic path). */
static void check_exact(const model_t *m, int rounds)
{
    unsigned Lm = m->nlabels;
    conf_scratch_t *c = conf_scratch_new();
    CHECK(c != NULL);
    int bad = 0, nonzero = 0;
    for (int r = 0; c && r < rounds; r++) {
        size_t n = 1 + rnd() % 39;
        float emit[40 * MODEL_MAXL];
        float spread = r % 3 == 0 ? 1.0f : r % 3 == 1 ? 10.0f : 40.0f;
        for (size_t k = 0; k < n * Lm; k++)
            emit[k] = rnd() % 5 == 0 ? 1.5f : rndf() * spread;
        uint8_t path[40];
        float delta[40 * MODEL_MAXL];
        uint8_t back[40 * MODEL_MAXL];
        viterbi_decode(emit, n, Lm, m->trans, (const uint8_t(*)[VITERBI_MAXL])m->allowed,
                       m->end_ok, delta, back, path);
        conf_sentence(c);
        for (int q = 0; q < 4; q++) {
            size_t i = rnd() % n, j = i + 1 + rnd() % (n - i);
            float got = conf_model_span(c, m, emit, n, path, i, j);
            float want = ref_span(m, emit, n, path, i, j);
            bad += memcmp(&got, &want, sizeof got) != 0;
            nonzero += got > 0;
        }
    }
    CHECK_INT(bad, 0);
    CHECK(nonzero > rounds / 2);
    conf_scratch_free(c);
}

static void span_prob_equals_reference(void)
{
    size_t len;
    const unsigned char *buf = data_get("model.bin", &len);
    static model_t m9;
    CHECK(buf && model_open_trusted(&m9, buf, len, NULL) == 0);
    CHECK_INT(m9.nlabels, 9);
    check_exact(&m9, 3000);
    static model_t m5;
    float trans[(L + 1) * L];
    memset(&m5, 0, sizeof m5);
    m5.nlabels = L;
    bio_constraints((uint8_t(*)[VITERBI_MAXL])m5.allowed, m5.end_ok);
    static const uint8_t prefix[L] = {LP_O, LP_B, LP_I, LP_B, LP_I};
    memcpy(m5.lprefix, prefix, L);
    for (size_t k = 0; k < (L + 1) * L; k++)
        trans[k] = rndf() / 2;
    m5.trans = trans;
    check_exact(&m5, 3000);
}

static warta_t *w;
static warta_worker_t *wk;

static warta_doc_t *analyze(const char *text, const warta_options_t *o)
{
    warta_doc_t *d = NULL;
    CHECK_INT(warta_analyze(wk, text, strlen(text), o, &d, NULL), WARTA_OK);
    return d;
}

static const warta_entity_t *find(const warta_doc_t *d, const char *text)
{
    for (size_t i = 0; d && i < d->n_entities; i++) {
        const warta_entity_t *e = &d->entities[i];
        if (e->byte_end - e->byte_start == strlen(text) &&
            !memcmp(d->text + e->byte_start, text, strlen(text)))
            return e;
    }
    return NULL;
}

static const char ARTICLE[] =
    "Menteri Keuangan Sri Mulyani Indrawati mengatakan Rp 1,2 triliun dialokasikan. "
    "Ia bertemu pejabat Jepang di Jakarta. Kata Ahmad Kurniawan, dana itu cukup. "
    "Otoritas Jasa Keuangan (OJK) mengawasi.";

static void scores_in_range_and_fixed_levels(void)
{
    warta_doc_t *d = analyze(ARTICLE, NULL);
    CHECK(d && d->n_entities >= 5);
    for (size_t i = 0; d && i < d->n_entities; i++) {
        double s = d->entities[i].score;
        CHECK(s >= 0 && s <= 1);
        CHECK(fabs(s * 1000 - round(s * 1000)) < 1e-6); /* 3 decimals */
    }
    const warta_entity_t *e;
    CHECK((e = find(d, "Rp 1,2 triliun")) && e->score == CONF_MONEY);
    CHECK((e = find(d, "Jepang")) && e->type == WARTA_COUNTRY && e->score == CONF_GAZ_COUNTRY);
    CHECK((e = find(d, "Jakarta")) && e->score == CONF_GAZ_PLACE);
    /* a model PERSON: a probability, neither 0 nor a fixed level */
    CHECK((e = find(d, "Ahmad Kurniawan")) && e->type == WARTA_PERSON && e->score > 0.5 &&
          e->score <= 1);
    warta_doc_free(d);
}

static void min_score_drops_exactly_those_below(void)
{
    warta_doc_t *all = analyze(ARTICLE, NULL);
    double cut = 0.85;
    warta_options_t o = warta_options_default();
    o.min_score = cut;
    warta_doc_t *kept = analyze(ARTICLE, &o);
    size_t want = 0;
    for (size_t i = 0; all && i < all->n_entities; i++)
        want += all->entities[i].score >= cut;
    CHECK(kept && kept->n_entities == want && want < all->n_entities && want > 0);
    for (size_t i = 0, k = 0; all && kept && i < all->n_entities; i++) {
        if (all->entities[i].score < cut)
            continue;
        CHECK(k < kept->n_entities && kept->entities[k].start == all->entities[i].start);
        k++;
    }
    o.min_score = 1.0;
    warta_doc_t *none = analyze(ARTICLE, &o);
    for (size_t i = 0; none && i < none->n_entities; i++)
        CHECK(none->entities[i].score == 1.0);
    warta_doc_free(all);
    warta_doc_free(kept);
    warta_doc_free(none);
}

/* A name the model is sure of scores higher than the same name in a
 * sentence that gives it nothing to go on. */
static void clear_context_scores_higher(void)
{
    warta_doc_t *a = analyze("Presiden Joko Widodo mengatakan hal itu kepada wartawan.", NULL);
    warta_doc_t *b = analyze("Widodo.", NULL);
    const warta_entity_t *x = find(a, "Joko Widodo"), *y = find(b, "Widodo");
    CHECK(x && x->type == WARTA_PERSON);
    CHECK(!y || y->score < x->score);
    warta_doc_free(a);
    warta_doc_free(b);
}

int main(void)
{
    RUN(span_prob_matches_brute_force);
    RUN(span_prob_equals_reference);
    if (warta_open(&w, NULL, NULL) < 0 || !(wk = warta_worker_new(w))) {
        printf("FAIL open\n");
        return 1;
    }
    RUN(scores_in_range_and_fixed_levels);
    RUN(min_score_drops_exactly_those_below);
    RUN(clear_context_scores_higher);
    warta_worker_free(wk);
    warta_close(w);
    return T_EXIT();
}
