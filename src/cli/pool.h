/* pool.h - N threads that fetch, run and write jobs, output in input order.
 *
 * Every thread (the caller plus N-1 started ones) loops: take the next job
 * from the input (one thread at a time, under an input lock: that fixes
 * the job's sequence number), run it, and store the result.  A result is
 * written when every earlier one has been: the thread that completes the
 * job next in line becomes the writer and writes the whole run of
 * consecutive finished results.  So there is no producer or writer thread
 * to wake: on a machine with N cores, N threads do only useful work, and a
 * finished result is written as soon as every earlier one is.  Nothing
 * busy-waits: a thread that must wait sleeps on a mutex or a condition
 * variable.
 *
 * Memory is bounded: a thread does not start job number S until job
 * S - window has been written, nor (unless S is next in line) while the
 * finished, unwritten results hold more than `byte_budget` bytes.  In
 * flight at once: at most N inputs and `window` results, however long the
 * input.
 */
#ifndef WARTA_CLI_POOL_H
#define WARTA_CLI_POOL_H

#include <stddef.h>

typedef struct pool_job {
    size_t cost; /* bytes the result holds, set by run(), for the budget */
    size_t seq;  /* owned by the pool */
} pool_job_t;

typedef struct pool_ops {
    /* The next job in input order, or NULL at the end of the input.  Called
     * by one thread at a time; may block (reading a pipe). */
    pool_job_t *(*next)(void *ctx);
    /* Runs a job in thread number `worker` (0 is the caller of pool_run). */
    void (*run)(void *ctx, unsigned worker, pool_job_t *job);
    /* Writes a finished job; called for one job at a time, in input order.
     * Returns 0, or -1 to stop (output closed or failed): no more jobs are
     * fetched, and the ones in flight are dropped unwritten. */
    int (*write)(void *ctx, pool_job_t *job);
    /* Frees a job (written or dropped). */
    void (*release)(void *ctx, pool_job_t *job);
} pool_ops_t;

/* Runs every job of the input with `threads` threads (the caller and
 * threads - 1 more; 1 runs everything in the caller, in order, with no
 * thread started).  Returns 0, 1 when write() stopped it, or -1 when the
 * threads or the window could not be allocated (nothing was run). */
int pool_run(unsigned threads, size_t window, size_t byte_budget, const pool_ops_t *ops,
             void *ctx);

#endif
