/* corpus.c - see corpus.h. */
#include "corpus.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

/* nftw has no context argument: the walk collects into this list, which
 * corpus_load hands over to the corpus before returning. */
static char **walk_paths;
static size_t walk_n, walk_cap;

static int add_path(const char *path, const struct stat *st, int type, struct FTW *f)
{
    (void)st;
    (void)f;
    if (type != FTW_F)
        return 0;
    if (vec_reserve((void **)&walk_paths, &walk_cap, walk_n + 1, sizeof *walk_paths))
        return -1;
    walk_paths[walk_n] = strdup(path);
    return walk_paths[walk_n++] ? 0 : -1;
}

static int cmp_s(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, len = 0, k;
    char *b = malloc(cap + 1);
    while (b && (k = fread(b + len, 1, cap - len, f)) > 0) {
        len += k;
        if (len == cap) {
            char *nb = realloc(b, (cap *= 2) + 1);
            if (!nb)
                free(b);
            b = nb;
        }
    }
    fclose(f);
    if (b)
        b[len] = '\0';
    *n = len;
    return b;
}

int corpus_load(corpus_t *c, char *const *paths, int npaths, const char *prog)
{
    memset(c, 0, sizeof *c);
    for (int i = 0; i < npaths; i++)
        if (nftw(paths[i], add_path, 16, FTW_PHYS)) {
            fprintf(stderr, "%s: %s: cannot read\n", prog, paths[i]);
            return -1;
        }
    qsort(walk_paths, walk_n, sizeof *walk_paths, cmp_s);
    c->path = walk_paths;
    c->n = walk_n;
    walk_paths = NULL;
    walk_n = walk_cap = 0;
    c->text = calloc(c->n ? c->n : 1, sizeof *c->text);
    c->len = calloc(c->n ? c->n : 1, sizeof *c->len);
    if (!c->text || !c->len) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return -1;
    }
    for (size_t i = 0; i < c->n; i++) {
        if (!(c->text[i] = slurp(c->path[i], &c->len[i]))) {
            fprintf(stderr, "%s: %s: cannot read\n", prog, c->path[i]);
            return -1;
        }
        c->bytes += c->len[i];
    }
    return 0;
}

void corpus_free(corpus_t *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->path[i]);
        if (c->text)
            free(c->text[i]);
    }
    free(c->path);
    free(c->text);
    free(c->len);
    memset(c, 0, sizeof *c);
}

double corpus_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}
