/* pool.c - fetch, run, write in order (see pool.h).
 *
 * Sequence numbers: jobs [0, fetched) came from the input; [0, written)
 * are written.  A finished job S waits in ring[S % window] until it is
 * written; since no thread starts job S before S - written < window, the
 * slot is free by then.  `mu` guards the ring and the counters; `in_mu`
 * guards the input alone, so that a thread blocked reading the input does
 * not keep the others from storing and writing results. */
#include "pool.h"

#include <pthread.h>
#include <stdlib.h>

typedef struct pool {
    pthread_mutex_t in_mu; /* the input: ops.next and `fetched`, `eof` */
    size_t fetched;
    int eof;

    pthread_mutex_t mu;
    pthread_cond_t room; /* `written` advanced */
    pool_job_t **ring;
    size_t window, budget;
    size_t written; /* sequence number of the next job to write */
    size_t bytes;   /* cost of the finished, unwritten jobs */
    unsigned waiting; /* threads asleep on `room` */
    int writing, stopped;

    pool_ops_t ops;
    void *ctx;
} pool_t;

/* Called with mu held: writes the run of consecutive finished jobs.  Only
 * one thread writes at a time; the lock is dropped while writing. */
static void write_ready(pool_t *p)
{
    if (p->writing)
        return;
    p->writing = 1;
    for (;;) {
        size_t first = p->written, end = first;
        pool_job_t *j;
        while ((j = p->ring[end % p->window]) && j->seq == end)
            end++;
        if (end == first)
            break;
        int stop = p->stopped;
        pthread_mutex_unlock(&p->mu);
        size_t freed = 0;
        for (size_t s = first; s < end; s++) {
            j = p->ring[s % p->window];
            if (!stop && p->ops.write(p->ctx, j) < 0)
                stop = 1;
            freed += j->cost;
            p->ops.release(p->ctx, j);
        }
        pthread_mutex_lock(&p->mu);
        for (size_t s = first; s < end; s++)
            p->ring[s % p->window] = NULL;
        p->written = end;
        p->bytes -= freed;
        if (stop)
            p->stopped = 1;
        if (p->waiting)
            pthread_cond_broadcast(&p->room);
    }
    p->writing = 0;
}

static void work(pool_t *p, unsigned id)
{
    for (;;) {
        pthread_mutex_lock(&p->in_mu);
        pool_job_t *j = NULL;
        if (!p->eof) {
            pthread_mutex_lock(&p->mu);
            int stopped = p->stopped;
            pthread_mutex_unlock(&p->mu);
            if (!stopped)
                j = p->ops.next(p->ctx);
            if (j)
                j->seq = p->fetched++;
            else
                p->eof = 1;
        }
        pthread_mutex_unlock(&p->in_mu);
        if (!j)
            return;

        pthread_mutex_lock(&p->mu);
        /* also after a stop: the job must find its slot free (it is then
         * dropped in order, like the others in flight) */
        while (j->seq != p->written &&
               (j->seq - p->written >= p->window || p->bytes > p->budget)) {
            p->waiting++;
            pthread_cond_wait(&p->room, &p->mu);
            p->waiting--;
        }
        int skip = p->stopped;
        pthread_mutex_unlock(&p->mu);

        j->cost = 0;
        if (!skip)
            p->ops.run(p->ctx, id, j);

        pthread_mutex_lock(&p->mu);
        p->ring[j->seq % p->window] = j;
        p->bytes += j->cost;
        write_ready(p);
        pthread_mutex_unlock(&p->mu);
    }
}

typedef struct thread_arg {
    pool_t *p;
    unsigned id;
} thread_arg_t;

static void *thread_main(void *arg)
{
    thread_arg_t *a = arg;
    work(a->p, a->id);
    return NULL;
}

int pool_run(unsigned threads, size_t window, size_t byte_budget, const pool_ops_t *ops,
             void *ctx)
{
    if (threads < 1)
        threads = 1;
    pool_t p = {.window = window < 1 ? 1 : window, .budget = byte_budget, .ops = *ops, .ctx = ctx};
    p.ring = calloc(p.window, sizeof *p.ring);
    pthread_t *tids = calloc(threads, sizeof *tids);
    thread_arg_t *args = calloc(threads, sizeof *args);
    if (!p.ring || !tids || !args) {
        free(p.ring);
        free(tids);
        free(args);
        return -1;
    }
    pthread_mutex_init(&p.in_mu, NULL);
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.room, NULL);
    unsigned started = 1;
    int rc = 0;
    for (; started < threads; started++) {
        args[started].p = &p;
        args[started].id = started;
        if (pthread_create(&tids[started], NULL, thread_main, &args[started]))
            break; /* run with the threads we have */
    }
    work(&p, 0);
    for (unsigned i = 1; i < started; i++)
        pthread_join(tids[i], NULL);
    /* every fetched job was stored and then written or dropped */
    if (p.stopped)
        rc = 1;
    pthread_cond_destroy(&p.room);
    pthread_mutex_destroy(&p.mu);
    pthread_mutex_destroy(&p.in_mu);
    free(p.ring);
    free(tids);
    free(args);
    return rc;
}
