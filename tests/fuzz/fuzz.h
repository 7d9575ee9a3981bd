/* fuzz.h - shared by the libFuzzer targets in tests/fuzz/.
 *
 * Each target defines LLVMFuzzerTestOneInput (and may define
 * LLVMFuzzerInitialize).  Built with clang -fsanitize=fuzzer by `make fuzz`,
 * or with replay.c as a plain program that runs the target over files, so
 * the seed corpora are replayed by `make check` even without clang. */
#ifndef WARTA_FUZZ_H
#define WARTA_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "decimal.h"
#include "pipeline.h" /* stages_prepare */
#include "warta.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* An invariant of the library: a violation is a crash for the fuzzer. */
#define FUZZ_ASSERT(cond)                                                      \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,          \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

/* Opens the embedded model and one worker, or aborts. */
static inline void fuzz_open(warta_t **w, warta_worker_t **wk)
{
    warta_error_t err;
    if (warta_open(w, NULL, &err) < 0 || !(*wk = warta_worker_new(*w)) ||
        stages_prepare(*wk) < 0) { /* targets that call single stages need it */
        fprintf(stderr, "warta_open: %s\n", err.message);
        abort();
    }
}

/* A MONEY amount as the schema writes it: digits, optionally a point and
 * more digits, nothing else. */
static inline int fuzz_is_decimal(const char *s) { return decimal_valid(s); }

#endif
