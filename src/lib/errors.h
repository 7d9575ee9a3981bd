/* errors.h - the one place that fills a warta_error_t.  A leaf module:
 * every stage may use it, it uses nothing of the library but warta.h. */
#ifndef WARTA_ERRORS_H
#define WARTA_ERRORS_H

#include <stddef.h>

#include "warta.h"

#if defined(__GNUC__)
#define WARTA_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define WARTA_PRINTF(f, a)
#endif

/* Sets err (when not NULL) to code, byte offset `byte` and the message
 * printf(fmt, ...), or warta_errmsg(code) when fmt is NULL.  Returns code,
 * so a failing function can end with `return err_set(err, rc, 0, NULL);`. */
int err_set(warta_error_t *err, int code, size_t byte, const char *fmt, ...)
    WARTA_PRINTF(4, 5);

#endif
