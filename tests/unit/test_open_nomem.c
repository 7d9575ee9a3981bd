/* test_open_nomem.c - warta_open() under allocation failure: the k-th
 * allocation made by the library fails, for k = 1, 2, ... until
 * warta_open() succeeds; each failure must return WARTA_ERR_NOMEM with
 * `err` filled (code and an "out of memory" message), *out NULL, and
 * nothing leaked (the sanitizer build checks that).
 *
 * Linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup
 * (Makefile), so every allocation in libwarta.a goes through the
 * countdown below.  Allocations inside PCRE2 and utf8proc (shared
 * libraries) are not counted. */
#include <limits.h>
#include <stdint.h>

#include "t.h"
#include "warta.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t k);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);

/* fail_at: the allocation (1-based) that fails, 0 = none; seen: count. */
static long fail_at, seen;

static int should_fail(void)
{
    return fail_at && ++seen == fail_at;
}

void *__wrap_malloc(size_t n) { return should_fail() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t k) { return should_fail() ? NULL : __real_calloc(n, k); }
void *__wrap_realloc(void *p, size_t n) { return should_fail() ? NULL : __real_realloc(p, n); }
char *__wrap_strdup(const char *s) { return should_fail() ? NULL : __real_strdup(s); }

/* Opens with allocation k failing; 1 when warta_open succeeded (k is past
 * the last allocation), 0 when it failed as it must, -1 otherwise. */
static int open_failing(long k)
{
    warta_error_t err;
    memset(&err, 'X', sizeof err); /* an unset message has no NUL */
    err.code = 12345;
    warta_t *w = (warta_t *)&err;  /* must be reset to NULL */
    fail_at = k;
    seen = 0;
    int rc = warta_open(&w, NULL, &err);
    fail_at = 0;
    if (rc == WARTA_OK) {
        warta_close(w);
        return 1;
    }
    int ok = rc == WARTA_ERR_NOMEM && err.code == rc && !w &&
             memchr(err.message, '\0', sizeof err.message) &&
             strstr(err.message, "out of memory");
    if (!ok)
        fprintf(stderr, "  allocation %ld: rc %d, err.code %d, message \"%.60s\"\n", k, rc,
                err.code, err.message);
    return ok ? 0 : -1;
}

static void every_allocation_of_open_fails_cleanly(void)
{
    /* the number of allocations of one successful open */
    fail_at = LONG_MAX;
    seen = 0;
    warta_t *w = NULL;
    CHECK_INT(warta_open(&w, NULL, NULL), WARTA_OK);
    long total = seen;
    fail_at = 0;
    warta_close(w);
    CHECK(total > 10);
    long bad = 0, k;
    for (k = 1; k <= total + 1; k++) {
        int r = open_failing(k);
        if (r < 0 && ++bad > 5)
            break;
        if (r > 0)
            break;
    }
    CHECK_INT(bad, 0);
    CHECK_INT(k, total + 1); /* the first k that succeeds is past the last */
}

int main(void)
{
    RUN(every_allocation_of_open_fails_cleanly);
    return T_EXIT();
}
