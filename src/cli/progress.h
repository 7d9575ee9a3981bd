/* progress.h - one updating line on standard error while a batch runs:
 *   warta: 1234/10000 docs  2.3 MB/s  ETA 0:42
 * (without "/total" and ETA when the total is not known, e.g. for folders,
 * which are walked lazily, and streams).  Redrawn at most 10 times a
 * second, erased at the end.  Not thread-safe: the caller serializes every
 * use of stderr (the pool's writer does). */
#ifndef WARTA_CLI_PROGRESS_H
#define WARTA_CLI_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

typedef struct progress {
    int enabled;
    size_t total; /* 0: unknown */
    size_t done;
    uint64_t bytes;
    double t0, last;
    int shown; /* a line is on screen */
} progress_t;

/* Enabled only when `enabled` (stderr is a terminal and not --quiet). */
void progress_init(progress_t *p, int enabled, size_t total);
/* One more document of `bytes` bytes finished; redraws when due. */
void progress_step(progress_t *p, size_t bytes);
/* Erases the line (before another message, and at the end). */
void progress_clear(progress_t *p);

#endif
