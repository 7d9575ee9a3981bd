/* pool.c - worker threads, a bounded window and an in-order writer (see
 * pool.h).
 *
 * State, all under `mu`:  jobs with sequence numbers in [written, submitted)
 * are in flight and live in ring[seq % window]; [written, claimed) have been
 * taken by workers, [claimed, submitted) wait for one.  A job is written
 * when it is done and every earlier job has been written; the thread that
 * makes that true does the writing (`writing` keeps it to one at a time)
 * outside the lock.  The producer sleeps on `room` when the window is full
 * and is woken only once it is half empty, so it does not bounce on every
 * job. */
#include "pool.h"

#include <pthread.h>
#include <stdlib.h>

struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work;  /* workers: a job to claim, or closing */
    pthread_cond_t room;  /* producer: room in the window */
    pool_job_t **ring;
    size_t window, budget;
    size_t submitted, claimed, written; /* sequence numbers */
    size_t bytes;                       /* cost of the jobs in flight */
    unsigned idle;                      /* workers asleep on `work` */
    int producer_waiting, writing, closing, stopped;
    pthread_t *threads;
    unsigned nthreads, started;
    pool_ops_t ops;
    void *ctx;
};

typedef struct worker_arg {
    pool_t *p;
    unsigned id;
} worker_arg_t;

/* Called with mu held, after `written` advanced: wake the producer when the
 * window is at most half full (or empty). */
static void maybe_room(pool_t *p)
{
    size_t inflight = p->submitted - p->written;
    if (p->producer_waiting &&
        (inflight == 0 || (inflight <= p->window / 2 && p->bytes <= p->budget / 2)))
        pthread_cond_signal(&p->room);
}

/* Called with mu held: writes every consecutive finished job.  Returns with
 * mu held. */
static void write_ready(pool_t *p)
{
    if (p->writing)
        return;
    p->writing = 1;
    while (p->written < p->submitted && p->ring[p->written % p->window]->done) {
        /* take the whole run of finished jobs at once */
        size_t end = p->written;
        while (end < p->submitted && p->ring[end % p->window]->done)
            end++;
        size_t first = p->written;
        int stop = p->stopped;
        pthread_mutex_unlock(&p->mu);
        size_t freed = 0;
        for (size_t s = first; s < end; s++) {
            pool_job_t *j = p->ring[s % p->window];
            if (!stop && p->ops.write(p->ctx, j) < 0)
                stop = 1;
            freed += j->cost;
            p->ops.release(p->ctx, j);
        }
        pthread_mutex_lock(&p->mu);
        p->written = end;
        p->bytes -= freed;
        if (stop && !p->stopped) {
            p->stopped = 1;
            pthread_cond_broadcast(&p->work);
            pthread_cond_broadcast(&p->room);
        }
        maybe_room(p);
    }
    p->writing = 0;
}

static void *worker_main(void *arg)
{
    worker_arg_t *a = arg;
    pool_t *p = a->p;
    unsigned id = a->id;
    free(a);
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->claimed == p->submitted && !p->closing) {
            p->idle++;
            pthread_cond_wait(&p->work, &p->mu);
            p->idle--;
        }
        if (p->claimed == p->submitted)
            break; /* closing and nothing left */
        pool_job_t *j = p->ring[p->claimed++ % p->window];
        size_t cost0 = j->cost;
        int skip = p->stopped;
        pthread_mutex_unlock(&p->mu);
        if (!skip)
            p->ops.run(p->ctx, id, j);
        pthread_mutex_lock(&p->mu);
        p->bytes += j->cost - cost0;
        j->done = 1;
        write_ready(p);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

pool_t *pool_new(unsigned threads, size_t window, size_t byte_budget, const pool_ops_t *ops,
                 void *ctx)
{
    pool_t *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->ops = *ops;
    p->ctx = ctx;
    p->nthreads = threads;
    p->window = window < 2 ? 2 : window;
    p->budget = byte_budget;
    if (!threads)
        return p;
    p->ring = calloc(p->window, sizeof *p->ring);
    p->threads = calloc(threads, sizeof *p->threads);
    if (!p->ring || !p->threads) {
        free(p->ring);
        free(p->threads);
        free(p);
        return NULL;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->room, NULL);
    for (unsigned i = 0; i < threads; i++) {
        worker_arg_t *a = malloc(sizeof *a);
        if (!a || (a->p = p, a->id = i, pthread_create(&p->threads[i], NULL, worker_main, a))) {
            free(a);
            pool_finish(p);
            return NULL;
        }
        p->started++;
    }
    return p;
}

int pool_stopped(pool_t *p)
{
    if (!p->nthreads)
        return p->stopped;
    pthread_mutex_lock(&p->mu);
    int s = p->stopped;
    pthread_mutex_unlock(&p->mu);
    return s;
}

int pool_submit(pool_t *p, pool_job_t *job)
{
    job->done = 0;
    if (!p->nthreads) {
        if (p->stopped) {
            p->ops.release(p->ctx, job);
            return -1;
        }
        p->ops.run(p->ctx, 0, job);
        if (p->ops.write(p->ctx, job) < 0)
            p->stopped = 1;
        p->ops.release(p->ctx, job);
        return p->stopped ? -1 : 0;
    }
    pthread_mutex_lock(&p->mu);
    for (;;) {
        size_t inflight = p->submitted - p->written;
        if (p->stopped || (inflight < p->window &&
                           (inflight == 0 || p->bytes + job->cost <= p->budget)))
            break;
        p->producer_waiting = 1;
        pthread_cond_wait(&p->room, &p->mu);
        p->producer_waiting = 0;
    }
    if (p->stopped) {
        pthread_mutex_unlock(&p->mu);
        p->ops.release(p->ctx, job);
        return -1;
    }
    p->ring[p->submitted++ % p->window] = job;
    p->bytes += job->cost;
    if (p->idle)
        pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->mu);
    return 0;
}

void pool_finish(pool_t *p)
{
    if (!p)
        return;
    if (p->nthreads) {
        pthread_mutex_lock(&p->mu);
        p->closing = 1;
        pthread_cond_broadcast(&p->work);
        pthread_mutex_unlock(&p->mu);
        for (unsigned i = 0; i < p->started; i++)
            pthread_join(p->threads[i], NULL);
        /* every job was claimed and run (or skipped) and its finisher wrote
         * or dropped it; nothing is left in the ring */
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->work);
        pthread_cond_destroy(&p->room);
    }
    free(p->ring);
    free(p->threads);
    free(p);
}
