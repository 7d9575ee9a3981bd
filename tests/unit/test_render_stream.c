/* Unit tests: warta_render_write() (the streaming writer) gives byte for
 * byte what warta_render() gives, on real news text in every format, in
 * pieces of at most 64 KiB, and stops when its sink refuses; jb_score()'s
 * integer path prints what "%.3f" prints. */
#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "jsonw.h"
#include "t.h"
#include "warta.h"

/* ---- jb_score against the snprintf reference --------------------------- */

static void score_ref(double v, char *out)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%.3f", v >= 0 && v <= 1 ? v : 0.0);
    while (n > 1 && tmp[n - 1] == '0')
        n--;
    if (n > 1 && tmp[n - 1] == '.')
        n--;
    memcpy(out, tmp, (size_t)n);
    out[n] = '\0';
}

static int score_differs(double v)
{
    char want[32];
    score_ref(v, want);
    jbuf_t b = {0};
    jb_score(&b, v);
    int bad = jb_finish(&b) != WARTA_OK || strcmp(b.p, want) != 0;
    if (bad)
        fprintf(stderr, "  jb_score(%.17g) = \"%s\", want \"%s\"\n", v, b.p ? b.p : "", want);
    free(b.p);
    return bad;
}

static void score_matches_printf(void)
{
    int bad = 0;
    /* what conf_score() makes (round(s * 1000) / 1000), and its neighbours */
    for (int k = 0; k <= 1000; k++) {
        double v = round(k) / 1000.0;
        bad += score_differs(v);
        bad += score_differs(nextafter(v, 2));
        bad += score_differs(nextafter(v, -1));
        /* halfway between two thousandths: snprintf decides */
        bad += score_differs((k + 0.5) / 1000.0);
        bad += score_differs(nextafter((k + 0.5) / 1000.0, 2));
        bad += score_differs((k + 0.25) / 1000.0);
        bad += score_differs((k + 0.2499) / 1000.0);
        bad += score_differs((k + 0.7501) / 1000.0);
    }
    /* any double in [0, 1] (a fixed generator: the test is repeatable) */
    uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        bad += score_differs((double)(x >> 11) / 9007199254740992.0);
    }
    const double odd[] = {-0.0, -1e-300, -0.4, 1.0000001, 2, 1e300, NAN, INFINITY,
                          -INFINITY, 4.9e-324, 1e-7, 0.0004999, 0.0005, 0.9995, 0.99949999};
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
        bad += score_differs(odd[i]);
    CHECK_INT(bad, 0);
}

/* ---- streaming ---------------------------------------------------------- */

/* The articles of tests/news, joined, cut at a line break after `max`
 * bytes: one document whose renderings span many 64 KiB pieces. */
static char *news_text(size_t max, size_t *len)
{
    char *buf = malloc(max + (1 << 16));
    size_t n = 0;
    DIR *d = opendir("tests/news");
    CHECK(buf && d);
    if (!buf || !d) {
        free(buf);
        if (d)
            closedir(d);
        return NULL;
    }
    struct dirent *de;
    while ((de = readdir(d)) && n < max) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".txt"))
            continue;
        char path[512];
        snprintf(path, sizeof path, "tests/news/%s", de->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        n += fread(buf + n, 1, max + (1 << 16) - 1 - n, f);
        fclose(f);
    }
    closedir(d);
    while (n > max && buf[n - 1] != '\n')
        n--;
    *len = n;
    return buf;
}

typedef struct sink {
    char *p;
    size_t n, cap;
    size_t calls, biggest;
    size_t fail_at; /* refuse the call with this number (1-based); 0: never */
} sink_t;

static int sink_put(void *ctx, const char *s, size_t n)
{
    sink_t *k = ctx;
    k->calls++;
    if (k->fail_at && k->calls == k->fail_at)
        return -1;
    if (n > k->biggest)
        k->biggest = n;
    if (k->n + n > k->cap) {
        k->cap = 2 * (k->n + n);
        k->p = realloc(k->p, k->cap);
        if (!k->p)
            abort();
    }
    memcpy(k->p + k->n, s, n);
    k->n += n;
    return 0;
}

static void stream_equals_string(void)
{
    size_t len = 0;
    char *text = news_text(160000, &len);
    warta_t *w = NULL;
    CHECK_INT(warta_open(&w, NULL, NULL), WARTA_OK);
    warta_worker_t *wk = warta_worker_new(w);
    warta_doc_t *doc = NULL;
    CHECK(text && wk && warta_analyze(wk, text, len, NULL, &doc, NULL) == WARTA_OK);
    CHECK(doc && doc->n_entities > 100);
    static const warta_format_t fmts[] = {WARTA_FORMAT_JSON, WARTA_FORMAT_TSV,
                                          WARTA_FORMAT_CONLL, WARTA_FORMAT_CSV,
                                          WARTA_FORMAT_HTML};
    size_t most_calls = 0;
    for (size_t f = 0; doc && f < sizeof fmts / sizeof *fmts; f++) {
        for (int variant = 0; variant < 3; variant++) {
            warta_render_options_t o = warta_render_options_default();
            o.format = fmts[f];
            o.pretty = o.sentences = o.tokens = o.summary = variant == 1;
            o.id_json = variant == 2 ? "{\"k\":[1,\"x\"]}" : NULL;
            char *want = NULL;
            size_t wn = 0;
            CHECK_INT(warta_render(doc, "news\tall.txt", &o, &want, &wn), WARTA_OK);
            sink_t k = {0};
            CHECK_INT(warta_render_write(doc, "news\tall.txt", &o, sink_put, &k), WARTA_OK);
            CHECK(want && k.n == wn && (wn == 0 || memcmp(k.p, want, wn) == 0));
            CHECK(k.biggest <= JB_CHUNK);
            if (k.calls > most_calls)
                most_calls = k.calls;
            free(k.p);
            free(want);
        }
    }
    CHECK(most_calls > 10); /* the pretty JSON with tokens took many pieces */

    /* a sink that refuses its third piece is not called again */
    warta_render_options_t o = warta_render_options_default();
    o.pretty = o.tokens = o.sentences = 1;
    sink_t k = {.fail_at = 3};
    CHECK_INT(warta_render_write(doc, "x", &o, sink_put, &k), WARTA_ERR_IO);
    CHECK_INT(k.calls, 3);
    CHECK(k.n > 0 && k.n <= 2 * JB_CHUNK); /* the two pieces it took */
    free(k.p);

    CHECK_INT(warta_render_write(NULL, "x", NULL, sink_put, &k), WARTA_ERR_ARG);
    CHECK_INT(warta_render_write(doc, "x", NULL, NULL, NULL), WARTA_ERR_ARG);
    warta_doc_free(doc);
    warta_worker_free(wk);
    warta_close(w);
    free(text);
}

int main(void)
{
    RUN(score_matches_printf);
    RUN(stream_equals_string);
    return T_EXIT();
}
