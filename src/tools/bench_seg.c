/* bench_seg.c - throughput of tokenizing plus sentence splitting alone.
 *
 *   bench_seg FILE|DIR...
 *
 * Reads every file (every regular file under a DIR) into memory, then 5
 * times runs tok_run and sent_run over each file (one document per file) on
 * one thread, and prints the median throughput in MB/s (10^6 bytes per
 * second of wall time) with the token and sentence counts.  Token arrays
 * are reused across runs, as a worker reuses them across documents. */
#include <stdio.h>
#include <stdlib.h>

#include "corpus.h"
#include "pipeline.h"
#include "text.h"

#define RUNS 5

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_seg FILE|DIR...\n");
        return 2;
    }
    corpus_t c;
    if (corpus_load(&c, argv + 1, argc - 1, "bench_seg"))
        return 1;
    size_t *chars = calloc(c.n ? c.n : 1, sizeof *chars);
    for (size_t i = 0; i < c.n; i++) {
        size_t bad;
        if (text_check(c.text[i], c.len[i], &chars[i], &bad)) {
            fprintf(stderr, "bench_seg: %s: not UTF-8 text\n", c.path[i]);
            return 1;
        }
    }
    tok_rules_t *tr;
    sent_rules_t *sr;
    warta_error_t err;
    if (tok_load(&tr, &err) || sent_load(&sr, &err)) {
        fprintf(stderr, "bench_seg: %s\n", err.message);
        return 1;
    }
    pipe_t p = {0};
    double mbs[RUNS];
    size_t ntok = 0, nsent = 0;
    for (int r = 0; r < RUNS; r++) {
        ntok = nsent = 0;
        double t0 = corpus_now_ns();
        for (size_t i = 0; i < c.n; i++) {
            p.s = c.text[i];
            p.n = c.len[i];
            p.chars = chars[i];
            p.ntok = p.nsent = 0;
            if (tok_run(tr, &p) || sent_run(sr, &p)) {
                fprintf(stderr, "bench_seg: out of memory\n");
                return 1;
            }
            ntok += p.ntok;
            nsent += p.nsent;
        }
        mbs[r] = (double)c.bytes / 1e6 / ((corpus_now_ns() - t0) / 1e9);
    }
    qsort(mbs, RUNS, sizeof *mbs, cmp_d);
    printf("tokenize+split: %.1f MB/s (median of %d runs; %zu documents, %.1f MB, %zu tokens, "
           "%zu sentences)\n", mbs[RUNS / 2], RUNS, c.n, (double)c.bytes / 1e6, ntok, nsent);
    free(p.tok);
    free(p.sent);
    free(chars);
    corpus_free(&c);
    tok_free(tr);
    sent_free(sr);
    return 0;
}
