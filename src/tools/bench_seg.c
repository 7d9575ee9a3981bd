/* bench_seg.c - throughput of tokenizing plus sentence splitting alone.
 *
 *   bench_seg FILE|DIR...
 *
 * Reads every file (every regular file under a DIR) into memory, then 5 times runs tok_run and sent_run over
 * each file (one document per file) on one thread, and prints the median
 * throughput in MB/s (10^6 bytes per second of wall time) with the token and
 * sentence counts.  Token arrays are reused across runs, as a worker reuses
 * them across documents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ftw.h>

#include "pipeline.h"
#include "text.h"

#define RUNS 5

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, len = 0;
    char *b = malloc(cap);
    size_t k;
    while (b && (k = fread(b + len, 1, cap - len, f)) > 0) {
        len += k;
        if (len == cap) {
            char *nb = realloc(b, cap *= 2);
            if (!nb) {
                free(b);
                b = NULL;
            }
            b = nb;
        }
    }
    fclose(f);
    *n = len;
    return b;
}

/* the list of files to read, directories expanded */
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

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_seg FILE...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++)
        if (nftw(argv[i], add_path, 16, FTW_PHYS)) {
            fprintf(stderr, "bench_seg: %s: cannot read\n", argv[i]);
            return 1;
        }
    qsort(paths, npaths, sizeof *paths, cmp_s);
    int nf = (int)npaths;
    char **txt = calloc((size_t)nf, sizeof *txt);
    size_t *len = calloc((size_t)nf, sizeof *len), *chars = calloc((size_t)nf, sizeof *chars);
    size_t total = 0;
    for (int i = 0; i < nf; i++) {
        size_t bad;
        txt[i] = slurp(paths[i], &len[i]);
        if (!txt[i] || text_check(txt[i], len[i], &chars[i], &bad)) {
            fprintf(stderr, "bench_seg: %s: unreadable or not UTF-8 text\n", paths[i]);
            return 1;
        }
        total += len[i];
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
        double t0 = now();
        for (int i = 0; i < nf; i++) {
            p.s = txt[i];
            p.n = len[i];
            p.chars = chars[i];
            p.ntok = p.nsent = 0;
            if (tok_run(tr, &p) || sent_run(sr, &p)) {
                fprintf(stderr, "bench_seg: out of memory\n");
                return 1;
            }
            ntok += p.ntok;
            nsent += p.nsent;
        }
        mbs[r] = (double)total / 1e6 / (now() - t0);
    }
    qsort(mbs, RUNS, sizeof *mbs, cmp_d);
    printf("tokenize+split: %.1f MB/s (median of %d runs; %d documents, %.1f MB, %zu tokens, "
           "%zu sentences)\n", mbs[RUNS / 2], RUNS, nf, (double)total / 1e6, ntok, nsent);
    free(p.tok);
    free(p.sent);
    for (int i = 0; i < nf; i++) {
        free(txt[i]);
        free(paths[i]);
    }
    free(paths);
    free(txt);
    free(len);
    free(chars);
    tok_free(tr);
    sent_free(sr);
    return 0;
}
