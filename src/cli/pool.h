/* pool.h - a pool of worker threads with an in-order writer.
 *
 * One producer thread submits jobs in order.  Up to `window` jobs are in
 * flight at once (submitted but not yet written), and no more than
 * `byte_budget` bytes of them (a single larger job is still admitted when
 * it is alone): pool_submit() blocks while the window is full, so memory
 * stays bounded however long the input is.  N worker threads run the jobs
 * in any order; results are written strictly in submission order by
 * whichever worker completes the job that is next in line (it becomes the
 * writer for as long as consecutive results are ready), so no thread is
 * woken just to write, and a finished result is written as soon as every
 * earlier one is.  Nothing busy-waits: idle threads sleep on condition
 * variables.
 *
 * With 0 threads the pool is sequential: pool_submit() runs and writes the
 * job in the caller's thread before returning.
 */
#ifndef WARTA_CLI_POOL_H
#define WARTA_CLI_POOL_H

#include <stddef.h>

typedef struct pool pool_t;

typedef struct pool_job {
    size_t cost; /* bytes the job holds, for the byte budget; a worker may
                    raise it in run() (e.g. by the size of its output) */
    int done;    /* owned by the pool */
} pool_job_t;

typedef struct pool_ops {
    /* Runs a job in worker thread number `worker` (0..N-1; 0 when
     * sequential). */
    void (*run)(void *ctx, unsigned worker, pool_job_t *job);
    /* Writes a finished job; called for one job at a time, in submission
     * order.  Returns 0, or -1 to stop the pool (output closed or failed):
     * later jobs are then dropped unwritten. */
    int (*write)(void *ctx, pool_job_t *job);
    /* Frees a job (written or dropped). */
    void (*release)(void *ctx, pool_job_t *job);
} pool_ops_t;

/* Starts `threads` workers (0: sequential).  NULL when out of memory or a
 * thread could not be started. */
pool_t *pool_new(unsigned threads, size_t window, size_t byte_budget, const pool_ops_t *ops,
                 void *ctx);

/* Hands `job` to the pool (which then owns it), waiting for room in the
 * window.  Returns 0, or -1 when the pool has stopped (the job is released). */
int pool_submit(pool_t *p, pool_job_t *job);

/* 1 once write() asked the pool to stop. */
int pool_stopped(pool_t *p);

/* Waits until every submitted job is written (or dropped after a stop),
 * stops the workers and frees the pool.  NULL-safe. */
void pool_finish(pool_t *p);

#endif
