/* Unit tests: the tagger's cached emission sums (feat_emissions: word-type
 * cache, features.c) equal the reference computation (feat_sentence, then
 * model_find over every feature of every token) on real text: every
 * article of tests/news, through the same stages the tagger runs after.
 * On the same sentences, the decoder (viterbi_decode_tab) equals
 * viterbi_decode_ref bit for bit. */
#include <dirent.h>

#include "data.h"
#include "feat.h"
#include "model.h"
#include "pipeline.h"
#include "t.h"
#include "tables.h"
#include "text.h"
#include "util.h"
#include "viterbi.h"
#include "warta.h"

typedef struct cmp_ctx {
    const model_t *m;
    feat_scratch_t *ref, *fs;
    feat_cache_t *fc;
    int32_t *acc;
    size_t tokens, differ, bits_differ, vit_differ;
    viterbi_tab_t vt;
} cmp_ctx_t;

/* The tagger's decoder (labels side by side) against the reference one on
 * the sentence's real emissions: path, back pointers, every delta and the
 * score, bit for bit. */
static void cmp_viterbi(cmp_ctx_t *c, const int32_t *acc, size_t n)
{
    const model_t *m = c->m;
    unsigned L = m->nlabels;
    size_t nl = n * L + 1;
    float *emit = malloc(nl * sizeof *emit), *d1 = calloc(nl, sizeof *d1),
          *d2 = calloc(nl, sizeof *d2);
    uint8_t *b1 = calloc(nl, 1), *b2 = calloc(nl, 1), *p1 = calloc(n + 1, 1),
            *p2 = calloc(n + 1, 1);
    CHECK(emit && d1 && d2 && b1 && b2 && p1 && p2);
    if (emit && d1 && d2 && b1 && b2 && p1 && p2) {
        for (size_t k = 0; k < n * L; k++)
            emit[k] = (float)acc[k] * m->scale;
        const uint8_t(*al)[VITERBI_MAXL] = (const uint8_t(*)[VITERBI_MAXL])m->allowed;
        float s1 = viterbi_decode_tab(&c->vt, emit, n, m->trans, al, m->end_ok, d1, b1, p1);
        float s2 = viterbi_decode_ref(emit, n, L, m->trans, al, m->end_ok, d2, b2, p2);
        c->vit_differ += memcmp(&s1, &s2, sizeof s1) || memcmp(p1, p2, n) ||
                         memcmp(b1, b2, n * L) || memcmp(d1, d2, n * L * sizeof *d1);
    }
    free(emit);
    free(d1);
    free(d2);
    free(b1);
    free(b2);
    free(p1);
    free(p2);
}

/* Compares both computations over one window (sentence) of p. */
static int cmp_window(void *vctx, pipe_t *p, size_t b, size_t e)
{
    cmp_ctx_t *c = vctx;
    unsigned L = c->m->nlabels;
    size_t n = e - b;
    CHECK_INT(feat_sentence(p, b, e, c->ref), 0);
    int32_t *acc = realloc(c->acc, (n * L + 1) * sizeof *acc);
    CHECK(acc != NULL);
    c->acc = acc;
    CHECK_INT(feat_emissions(p, b, e, c->fs, c->fc, acc), 0);
    for (size_t i = 0; i < n; i++) {
        int32_t want[MODEL_MAXL] = {0};
        size_t nf;
        const uint64_t *f = feat_token(c->ref, i, &nf);
        for (size_t k = 0; k < nf; k++) {
            const int16_t *w = model_find(c->m, f[k]);
            for (unsigned l = 0; w && l < L; l++)
                want[l] += w[l];
        }
        c->differ += memcmp(want, acc + i * L, L * sizeof *acc) != 0;
        c->bits_differ += feat_bits_of(c->ref, i) != feat_bits_of(c->fs, i);
        c->tokens++;
    }
    cmp_viterbi(c, acc, n);
    return 0;
}

/* Runs the stages before the tagger over text, then cmp_window. */
static void check_text(warta_worker_t *wk, cmp_ctx_t *c, const char *text, size_t len)
{
    pipe_t *p = &wk->pipe;
    size_t chars = 0, bad = 0;
    if (text_check(text, len, &chars, &bad) < 0)
        return; /* not UTF-8: not this test's concern */
    p->s = text;
    p->n = len;
    p->chars = chars;
    p->ntok = p->nsent = p->nment = 0; /* as warta_analyze does */
    arena_t arena = {0}; /* the mentions' strings */
    p->arena = &arena;
    const warta_t *w = wk->w;
    CHECK(tok_run(w->tok, p) >= 0);
    CHECK_INT(pipe_clear_lex(p), 0);
    CHECK_INT(sent_run(w->sent, p), 0);
    CHECK_INT(money_run(w->money, wk->money, p), 0);
    CHECK_INT(gaz_run(w->gaz, p), 0);
    CHECK_INT(lexicon_run(w->lex, wk->lex, p), 0);
    CHECK_INT(pipe_for_windows(p, cmp_window, c), 0);
    p->arena = NULL;
    arena_free(&arena);
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *b = NULL;
    size_t cap = 0;
    *n = 0;
    for (;;) {
        if (*n + 4096 + 1 > cap) {
            cap = 2 * cap + 8192;
            char *nb = realloc(b, cap);
            if (!nb)
                break;
            b = nb;
        }
        size_t got = fread(b + *n, 1, 4096, f);
        *n += got;
        if (!got)
            break;
    }
    fclose(f);
    if (b)
        b[*n] = '\0';
    return b;
}

/* The context, a worker, the shipped model (checked in full) and both
 * feature paths. */
typedef struct fixture {
    warta_t *w;
    warta_worker_t *wk;
    model_t m;
    cmp_ctx_t c;
} fixture_t;

static void setup(fixture_t *f)
{
    warta_error_t err;
    memset(f, 0, sizeof *f);
    CHECK_INT(warta_open(&f->w, NULL, &err), 0);
    f->wk = warta_worker_new(f->w);
    CHECK_INT(stages_prepare(f->wk), 0); /* the tables built on first use */
    size_t mlen;
    const unsigned char *mb = data_get("model.bin", &mlen);
    CHECK_INT(model_open_mem(&f->m, mb, mlen, &err), 0);
    /* the cached path skips pair features the model's filter rules out (the
     * one built at build time); the reference looks every feature up */
    const tblob_t *tb = tables_embedded();
    CHECK(tb != NULL);
    if (tb) {
        CHECK_INT(model_filter_attach(&f->m, tb->sec[TB_MODEL_FILTER], tb->len[TB_MODEL_FILTER]), 0);
        CHECK(f->m.filter == (const uint64_t *)(const void *)tb->sec[TB_MODEL_FILTER]);
    }
    f->c = (cmp_ctx_t){.m = &f->m, .ref = feat_scratch_new(), .fs = feat_scratch_new(),
                       .fc = feat_cache_new(&f->m)};
    CHECK(f->wk && f->c.ref && f->c.fs && f->c.fc);
    viterbi_tab_make(&f->c.vt, f->m.nlabels, f->m.trans,
                     (const uint8_t(*)[VITERBI_MAXL])f->m.allowed);
}

static void teardown(fixture_t *f)
{
    CHECK_INT(f->c.differ, 0);
    CHECK_INT(f->c.bits_differ, 0);
    CHECK_INT(f->c.vit_differ, 0);
    free(f->c.acc);
    feat_cache_free(f->c.fc);
    feat_scratch_free(f->c.ref);
    feat_scratch_free(f->c.fs);
    model_close(&f->m);
    warta_worker_free(f->wk);
    warta_close(f->w);
}

/* Every tests/news article twice (the second pass mostly hits the cache),
 * with the shipped model, the cache at its normal size. */
static void cached_equals_reference(void)
{
    fixture_t f;
    setup(&f);
    size_t files = 0;
    for (int pass = 0; pass < 2; pass++) {
        DIR *d = opendir("tests/news");
        CHECK(d != NULL);
        struct dirent *de;
        while (d && (de = readdir(d))) {
            size_t nl = strlen(de->d_name);
            if (nl < 5 || strcmp(de->d_name + nl - 4, ".txt"))
                continue;
            char path[512];
            snprintf(path, sizeof path, "tests/news/%s", de->d_name);
            size_t len;
            char *text = slurp(path, &len);
            if (text) {
                check_text(f.wk, &f.c, text, len);
                files++;
            }
            free(text);
        }
        if (d)
            closedir(d);
    }
    CHECK(files >= 20);
    CHECK(f.c.tokens > 20000);
    teardown(&f);
}

/* Tokens longer than the cache keeps, and sentences at the edges (one
 * token, pads on both sides) agree too. */
static void long_and_short(void)
{
    fixture_t f;
    setup(&f);
    static const char text[] =
        "Jakarta.\n\nKementerianKoordinatorBidangPerekonomianRepublikIndonesia menyebut "
        "Rp 5 triliun.\n\nYa.\n\nPresiden Prabowo Subianto bertemu Presiden Prabowo Subianto.";
    check_text(f.wk, &f.c, text, sizeof text - 1);
    check_text(f.wk, &f.c, text, sizeof text - 1);
    CHECK(f.c.tokens > 20);
    teardown(&f);
}

/* A first sentence of 400 different words: the new cache (64 entries at
 * first) cannot keep them all for the sentence and computes the rest
 * apart; the sums still agree. */
static void long_first_sentence(void)
{
    fixture_t f;
    setup(&f);
    static char text[400 * 12 + 2];
    size_t o = 0;
    for (unsigned i = 0; i < 400; i++)
        o += (size_t)snprintf(text + o, sizeof text - o, "%s%c%ukata", i ? " " : "",
                              i % 5 ? 'k' : 'K', i * 7919u % 100000u);
    text[o++] = '.';
    text[o] = '\0';
    check_text(f.wk, &f.c, text, o);
    check_text(f.wk, &f.c, text, o);
    CHECK(f.c.tokens > 800);
    teardown(&f);
}

int main(void)
{
    RUN(cached_equals_reference);
    RUN(long_and_short);
    RUN(long_first_sentence);
    return T_EXIT();
}
