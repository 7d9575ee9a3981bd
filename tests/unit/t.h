/* t.h - a minimal unit-test harness.  Each TEST prints "PASS name" or
 * "FAIL name"; tests/run.sh counts those lines. */
#ifndef WARTA_T_H
#define WARTA_T_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int t_failed_checks;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            t_failed_checks++;                                                 \
            fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                    \
        }                                                                      \
    } while (0)

#define CHECK_STR(got, want)                                                   \
    do {                                                                       \
        const char *g_ = (got), *w_ = (want);                                  \
        if (!g_ || !w_ || strcmp(g_, w_) != 0) {                               \
            t_failed_checks++;                                                 \
            fprintf(stderr, "  %s:%d: got \"%s\", want \"%s\"\n", __FILE__,     \
                    __LINE__, g_ ? g_ : "(null)", w_ ? w_ : "(null)");         \
        }                                                                      \
    } while (0)

#define CHECK_INT(got, want)                                                   \
    do {                                                                       \
        long long g_ = (long long)(got), w_ = (long long)(want);               \
        if (g_ != w_) {                                                        \
            t_failed_checks++;                                                 \
            fprintf(stderr, "  %s:%d: %s is %lld, want %lld\n", __FILE__,       \
                    __LINE__, #got, g_, w_);                                   \
        }                                                                      \
    } while (0)

/* Runs fn and reports it; returns nothing, counts into t_any_failed. */
static int t_any_failed;
#define RUN(fn)                                                                \
    do {                                                                       \
        int before_ = t_failed_checks;                                         \
        fn();                                                                  \
        int ok_ = t_failed_checks == before_;                                  \
        if (!ok_)                                                              \
            t_any_failed = 1;                                                  \
        printf("%s %s\n", ok_ ? "PASS" : "FAIL", #fn);                         \
    } while (0)

/* The bytes of file `path`, NUL-terminated (*len without the NUL), or
 * NULL; the caller frees them. */
static inline char *t_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *b = NULL;
    size_t cap = 0, n = 0, k = 1;
    while (k) {
        if (n + 4097 > cap) {
            char *nb = realloc(b, cap = 2 * cap + 8192);
            if (!nb)
                break;
            b = nb;
        }
        n += k = fread(b + n, 1, 4096, f);
    }
    fclose(f);
    if (b)
        b[n] = '\0';
    *len = n;
    return b;
}

#define T_EXIT() (t_any_failed ? 1 : 0)

#endif
