/* progress.c - the progress line (see progress.h). */
#include "progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void progress_init(progress_t *p, int enabled, size_t total)
{
    p->enabled = enabled;
    p->total = total;
    p->done = 0;
    p->bytes = 0;
    p->t0 = p->last = now();
    p->shown = 0;
}

static void put(const char *s, size_t n)
{
    /* one write(2) per redraw; a failure to draw progress is not an error */
    while (n) {
        ssize_t k = write(STDERR_FILENO, s, n);
        if (k <= 0)
            return;
        s += k;
        n -= (size_t)k;
    }
}

static int fmt_time(char *b, size_t n, double secs)
{
    unsigned long s = (unsigned long)(secs + 0.5);
    if (s >= 3600)
        return snprintf(b, n, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
    return snprintf(b, n, "%lu:%02lu", s / 60, s % 60);
}

void progress_step(progress_t *p, size_t bytes)
{
    if (!p->enabled)
        return;
    p->done++;
    p->bytes += bytes;
    /* a batch of one document shows nothing */
    if (p->total == 1 || (!p->total && p->done < 2))
        return;
    double t = now();
    if (p->shown && t - p->last < 0.1 && p->done != p->total)
        return;
    p->last = t;
    double el = t - p->t0;
    double mbs = el > 0 ? (double)p->bytes / 1e6 / el : 0;
    char line[160], eta[32] = "";
    int k;
    if (p->total) {
        if (p->done < p->total && el > 0) {
            char tb[24];
            fmt_time(tb, sizeof tb, el / (double)p->done * (double)(p->total - p->done));
            snprintf(eta, sizeof eta, "  ETA %s", tb);
        }
        k = snprintf(line, sizeof line, "\rwarta: %zu/%zu docs  %.1f MB/s%s\033[K", p->done,
                     p->total, mbs, eta);
    } else {
        k = snprintf(line, sizeof line, "\rwarta: %zu docs  %.1f MB/s\033[K", p->done, mbs);
    }
    if (k > 0)
        put(line, (size_t)k < sizeof line ? (size_t)k : sizeof line - 1);
    p->shown = 1;
}

void progress_clear(progress_t *p)
{
    if (p->enabled && p->shown) {
        put("\r\033[K", 4);
        p->shown = 0;
    }
}
