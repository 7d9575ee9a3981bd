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
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pipeline.h"

#define RUNS 5

static char **paths;
static size_t npaths, cappaths;

static int add_path(const char *path, const struct stat *st, int type, struct FTW *f)
{
    (void)st;
    (void)f;
    if (type != FTW_F)
        return 0;
    if (vec_reserve((void **)&paths, &cappaths, npaths + 1, sizeof *paths))
        return -1;
    paths[npaths] = strdup(path);
    return paths[npaths++] ? 0 : -1;
}

static int cmp_s(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = sz >= 0 ? malloc((size_t)sz + 1) : NULL;
    if (b && fread(b, 1, (size_t)sz, f) != (size_t)sz) {
        free(b);
        b = NULL;
    }
    fclose(f);
    *n = (size_t)sz;
    return b;
}

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
    for (int i = 1; i < argc; i++)
        if (nftw(argv[i], add_path, 16, FTW_PHYS)) {
            fprintf(stderr, "bench_stages: %s: cannot read\n", argv[i]);
            return 1;
        }
    qsort(paths, npaths, sizeof *paths, cmp_s);
    char **txt = calloc(npaths ? npaths : 1, sizeof *txt);
    size_t *len = calloc(npaths ? npaths : 1, sizeof *len), total = 0;
    for (size_t i = 0; i < npaths; i++) {
        if (!(txt[i] = slurp(paths[i], &len[i]))) {
            fprintf(stderr, "bench_stages: %s: cannot read\n", paths[i]);
            return 1;
        }
        total += len[i];
    }
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
        double render = 0, t0 = now_ns();
        for (size_t i = 0; i < npaths; i++) {
            warta_doc_t *d;
            if (warta_analyze(wk, txt[i], len[i], NULL, &d, &err) < 0)
                continue; /* not text: not part of the figures */
            double r0 = now_ns();
            char *out;
            size_t n;
            if (warta_render(d, paths[i], NULL, &out, &n) == WARTA_OK)
                free(out);
            render += now_ns() - r0;
            warta_doc_free(d);
        }
        runs[r].total = (now_ns() - t0) / 1e9;
        for (int s = 0; s < STAGE_N; s++)
            runs[r].stage[s] = wk->stage_ns[s] / 1e9;
        runs[r].stage[STAGE_N] = render / 1e9;
    }
    qsort(runs, RUNS, sizeof *runs, cmp_run);
    const run_t *m = &runs[RUNS / 2];
    printf("stages (one thread, the median of %d runs by total time; %zu documents, %.1f MB):\n",
           RUNS, npaths, (double)total / 1e6);
    double staged = 0;
    for (int s = 0; s <= STAGE_N; s++) {
        printf("  %-15s %7.3f s  %5.1f%%\n", s < STAGE_N ? stage_names[s] : "render (JSON)",
               m->stage[s], 100 * m->stage[s] / m->total);
        staged += m->stage[s];
    }
    printf("  %-15s %7.3f s  %5.1f%%  (validation, allocation, copies)\n", "other",
           m->total - staged, 100 * (m->total - staged) / m->total);
    printf("  %-15s %7.3f s  %.1f MB/s\n", "total", m->total, (double)total / 1e6 / m->total);
    warta_worker_free(wk);
    warta_close(w);
    for (size_t i = 0; i < npaths; i++) {
        free(txt[i]);
        free(paths[i]);
    }
    free(paths);
    free(txt);
    free(len);
    return 0;
}
