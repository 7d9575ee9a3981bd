/* Unit tests: model file writing, reading in place, lookups, and clear
 * errors (never a crash) for truncated or corrupt files. */
#include <math.h>
#include <stdint.h>
#include <unistd.h>

#include "model.h"
#include "model_write.h"
#include "pipeline.h"
#include "data.h"
#include "t.h"
#include "tables.h"
#include "warta.h"

static char path[64];

static unsigned char *slurp(const char *p, size_t *n)
{
    FILE *f = fopen(p, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc((size_t)sz + 1);
    *n = fread(b, 1, (size_t)sz, f);
    fclose(f);
    return b;
}

static int write_tiny(void)
{
    const char *labels[] = {"O", "B-PERSON", "I-PERSON"};
    float trans[4 * 3], w[5 * 3];
    uint64_t hashes[5];
    for (int i = 0; i < 12; i++)
        trans[i] = (float)i / 4;
    for (int i = 0; i < 15; i++)
        w[i] = (float)i - 7;
    for (int i = 0; i < 5; i++)
        hashes[i] = 0x1234567890ULL * (uint64_t)(i + 1) + 17;
    return model_write(path, labels, 3, trans, w, hashes, 5);
}

static void roundtrip_and_lookup(void)
{
    CHECK_INT(write_tiny(), 0);
    model_t m;
    warta_error_t err;
    CHECK_INT(model_open_file(&m, path, &err), 0);
    CHECK_INT(m.nlabels, 3);
    CHECK_INT(m.nfeat, 5);
    for (int i = 0; i < 5; i++) { /* w[i][l] = i*3+l-7 */
        const int16_t *r = model_find(&m, 0x1234567890ULL * (uint64_t)(i + 1) + 17);
        CHECK(r != NULL);
        for (int l = 0; r && l < 3; l++) /* int16 x scale, within half a step */
            CHECK(fabsf((float)r[l] * m.scale - (float)(i * 3 + l - 7)) <= m.scale / 2 + 1e-6f);
    }
    CHECK(model_find(&m, 42) == NULL);
    CHECK(m.trans[1 * 3 + 2] == 5.0f / 4);
    CHECK_STR(m.lname[2], "I-PERSON");
    CHECK_INT(m.lprefix[1], LP_B);
    CHECK_INT(m.ltype[1], WARTA_PERSON);
    /* BIO constraints: I-PERSON never after O or at the start */
    CHECK_INT(m.allowed[0][2], 0);
    CHECK_INT(m.allowed[3][2], 0);
    CHECK_INT(m.allowed[1][2], 1);
    CHECK_INT(m.allowed[2][2], 1);
    model_close(&m);
}

static void truncation_at_every_boundary(void)
{
    CHECK_INT(write_tiny(), 0);
    size_t n;
    unsigned char *b = slurp(path, &n);
    CHECK(b != NULL);
    if (!b)
        return;
    /* every length short of the full file, which covers every section
     * boundary (header, labels, transitions, weights, keys, ids) */
    for (size_t len = 0; len < n; len++) {
        unsigned char *c = malloc(len + 8);
        memcpy(c, b, len);
        model_t m;
        warta_error_t err = {0};
        int rc = model_open_mem(&m, c, len, &err);
        if (rc != WARTA_ERR_MODEL) {
            fprintf(stderr, "  truncated to %zu bytes: rc %d\n", len, rc);
            CHECK(0);
        }
        CHECK(err.message[0] != '\0');
        free(c);
    }
    /* section boundaries read from the header: also through the file API */
    for (int s = 0; s < MODEL_NSECT; s++) {
        uint64_t off = 0;
        for (int k = 7; k >= 0; k--)
            off = off << 8 | b[40 + 16 * s + k];
        FILE *f = fopen(path, "wb");
        fwrite(b, 1, (size_t)off, f);
        fclose(f);
        model_t m;
        warta_error_t err = {0};
        CHECK_INT(model_open_file(&m, path, &err), WARTA_ERR_MODEL);
        CHECK(strstr(err.message, "model") != NULL);
    }
    free(b);
}

static void random_corruption(void)
{
    CHECK_INT(write_tiny(), 0);
    size_t n;
    unsigned char *b = slurp(path, &n);
    CHECK(b != NULL);
    if (!b)
        return;
    unsigned long long x = 0x9e3779b97f4a7c15ULL;
    unsigned char *c = malloc(n + 8);
    for (int trial = 0; trial < 3000; trial++) {
        memcpy(c, b, n);
        int flips = 1 + trial % 3;
        for (int k = 0; k < flips; k++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            size_t at = (size_t)(x % n);
            unsigned char v = (unsigned char)(x >> 40);
            c[at] ^= v ? v : 1;
        }
        model_t m;
        warta_error_t err = {0};
        int rc = model_open_mem(&m, c, n, &err);
        if (rc != WARTA_ERR_MODEL) {
            fprintf(stderr, "  corruption not detected (trial %d)\n", trial);
            CHECK(0);
            break;
        }
    }
    free(c);
    free(b);
}

static void wrong_magic_version_and_empty(void)
{
    model_t m;
    warta_error_t err = {0};
    CHECK_INT(model_open_mem(&m, NULL, 0, &err), WARTA_ERR_MODEL);
    CHECK_INT(model_open_file(&m, "/nonexistent/warta.bin", &err), WARTA_ERR_MODEL);
    CHECK(strstr(err.message, "/nonexistent/warta.bin") != NULL);
    CHECK_INT(write_tiny(), 0);
    size_t n;
    unsigned char *b = slurp(path, &n);
    b[8] = 99; /* version */
    CHECK_INT(model_open_mem(&m, b, n, &err), WARTA_ERR_MODEL);
    CHECK(strstr(err.message, "version") != NULL);
    free(b);
}

static void warta_open_reports_bad_model(void)
{
    FILE *f = fopen(path, "wb");
    fputs("WARTANER garbage", f);
    fclose(f);
    warta_config_t cfg = warta_config_default();
    cfg.model_path = path;
    warta_t *w = (warta_t *)1;
    warta_error_t err = {0};
    CHECK_INT(warta_open(&w, &cfg, &err), WARTA_ERR_MODEL);
    CHECK(w == NULL);
    CHECK_INT(err.code, WARTA_ERR_MODEL);
    CHECK(err.message[0] != '\0');
}

/* A name after "bernama" takes the type of the noun before it. */
static void naming_word_cue(void)
{
    warta_t *w = NULL;
    warta_error_t err;
    CHECK_INT(warta_open(&w, NULL, &err), 0);
    static const char *const toks[] = {"Polisi", "menangkap", "kelompok", "peretas", "bernama",
                                       "Zorvak", "di", "kota", "itu", "."};
    size_t lens[10];
    const char *tags[10];
    for (int i = 0; i < 10; i++)
        lens[i] = strlen(toks[i]);
    warta_worker_t *wk = warta_worker_new(w);
    CHECK(wk != NULL);
    CHECK_INT(warta_tag_tokens(wk, toks, lens, 10, tags, &err), 0);
    CHECK_STR(tags[5], "B-ORGANIZATION");
    warta_worker_free(wk);
    warta_close(w);
}

static void embedded_model_loads(void)
{
    tagger_t *t = NULL;
    warta_error_t err = {0};
    CHECK_INT(tagger_load(&t, NULL, &err), 0);
    CHECK(t != NULL);
    tagger_free(t);
}

/* The features' membership filter: every feature of the shipped model
 * passes it (no false negative); few unknown hashes do; the one embedded
 * with the prebuilt tables is the one the model makes now; a model read
 * from a file makes and owns its own. */
static void feature_filter(void)
{
    size_t len;
    const unsigned char *buf = data_get("model.bin", &len);
    model_t m = {0};
    warta_error_t err = {0};
    CHECK_INT(model_open_mem(&m, buf, len, &err), 0);
    CHECK(model_maybe(&m, 12345) == 1); /* no filter: everything may be known */
    CHECK_INT(model_filter_attach(&m, NULL, 0), 0);
    CHECK(m.filter != NULL && m.filter == m.filter_owned);
    size_t known = 0, missed = 0;
    for (uint32_t i = 0; i < m.hcap; i++) {
        uint64_t h;
        memcpy(&h, m.slots + (size_t)i * m.stride, 8);
        if (!h)
            continue;
        known++;
        missed += !model_maybe(&m, h);
    }
    CHECK_INT(known, m.nfeat);
    CHECK_INT(missed, 0);
    size_t pass = 0, tries = 200000;
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    for (size_t i = 0; i < tries; i++) {
        x += 0x9e3779b97f4a7c15ULL;
        uint64_t h = (x ^ (x >> 31)) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 29;
        if (!model_find(&m, h))
            pass += (size_t)model_maybe(&m, h);
    }
    CHECK(pass * 100 < tries * 8); /* about 4% on the shipped model */
    const tblob_t *tb = tables_embedded();
    CHECK(tb != NULL);
    if (tb) {
        CHECK_INT(tb->len[TB_MODEL_FILTER], MODEL_FILTER_WORDS * 8);
        CHECK(!memcmp(tb->sec[TB_MODEL_FILTER], m.filter, MODEL_FILTER_WORDS * 8));
        CHECK_INT(model_filter_attach(&m, tb->sec[TB_MODEL_FILTER], tb->len[TB_MODEL_FILTER]), 0);
        CHECK(m.filter_owned == NULL && m.filter == (const uint64_t *)(const void *)tb->sec[TB_MODEL_FILTER]);
        /* a wrong size is not used: the model makes its own */
        CHECK_INT(model_filter_attach(&m, tb->sec[TB_MODEL_FILTER], 64), 0);
        CHECK(m.filter_owned != NULL);
    }
    model_close(&m);
    CHECK(m.filter == NULL && m.filter_owned == NULL);
}

int main(void)
{
    snprintf(path, sizeof path, "/tmp/warta-test-model-%ld.bin", (long)getpid());
    RUN(roundtrip_and_lookup);
    RUN(truncation_at_every_boundary);
    RUN(random_corruption);
    RUN(wrong_magic_version_and_empty);
    RUN(warta_open_reports_bad_model);
    RUN(embedded_model_loads);
    RUN(feature_filter);
    RUN(naming_word_cue);
    remove(path);
    return T_EXIT();
}
