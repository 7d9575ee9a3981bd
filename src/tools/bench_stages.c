/* bench_stages.c - where the time of the full pipeline goes.
 *
 *   bench_stages FILE|DIR...
 *
 * Reads every file (every regular file under a DIR; one document each) into
 * memory, then 5 times analyses and renders (JSON) all of them on one
 * thread through the public API, with the worker's per-stage timing on
 * (pipeline.h: warta_worker.timing).  Prints, for the median run by total
 * time, each stage's seconds and share of the total, and the pipeline's
 * MB/s.  Reading files is not timed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "corpus.h"
#include "pipeline.h"

#define RUNS 5

typedef struct run {
    double stage[STAGE_N + 1]; /* + render */
    double total;
} run_t;

static int cmp_run(const void *a, const void *b)
{
    double x = ((const run_t *)a)->total, y = ((const run_t *)b)->total;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_stages FILE|DIR...\n");
        return 2;
    }
    corpus_t c;
    if (corpus_load(&c, argv + 1, argc - 1, "bench_stages"))
        return 1;
    warta_t *w;
    warta_error_t err;
    if (warta_open(&w, NULL, &err) < 0) {
        fprintf(stderr, "bench_stages: %s\n", err.message);
        return 1;
    }
    warta_worker_t *wk = warta_worker_new(w);
    wk->timing = 1;
    run_t runs[RUNS];
    for (int r = 0; r < RUNS; r++) {
        memset(wk->stage_ns, 0, sizeof wk->stage_ns);
        double render = 0, t0 = corpus_now_ns();
        for (size_t i = 0; i < c.n; i++) {
            warta_doc_t *d;
            if (warta_analyze(wk, c.text[i], c.len[i], NULL, &d, &err) < 0)
                continue; /* not text: not part of the figures */
            double r0 = corpus_now_ns();
            char *out;
            size_t n;
            if (warta_render(d, c.path[i], NULL, &out, &n) == WARTA_OK)
                free(out);
            render += corpus_now_ns() - r0;
            warta_doc_free(d);
        }
        runs[r].total = (corpus_now_ns() - t0) / 1e9;
        for (int s = 0; s < STAGE_N; s++)
            runs[r].stage[s] = wk->stage_ns[s] / 1e9;
        runs[r].stage[STAGE_N] = render / 1e9;
    }
    qsort(runs, RUNS, sizeof *runs, cmp_run);
    const run_t *m = &runs[RUNS / 2];
    printf("stages (one thread, the median of %d runs by total time; %zu documents, %.1f MB):\n",
           RUNS, c.n, (double)c.bytes / 1e6);
    double staged = 0;
    for (int s = 0; s <= STAGE_N; s++) {
        printf("  %-15s %7.3f s  %5.1f%%\n", s < STAGE_N ? stage_name(s) : "render (JSON)",
               m->stage[s], 100 * m->stage[s] / m->total);
        staged += m->stage[s];
    }
    printf("  %-15s %7.3f s  %5.1f%%  (validation, allocation, copies)\n", "other",
           m->total - staged, 100 * (m->total - staged) / m->total);
    printf("  %-15s %7.3f s  %.1f MB/s\n", "total", m->total, (double)c.bytes / 1e6 / m->total);
    warta_worker_free(wk);
    warta_close(w);
    corpus_free(&c);
    return 0;
}
