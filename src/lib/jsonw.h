/* jsonw.h - the output buffer of the writers and the JSON primitives they
 * share (render.c, summary.c): a growable NUL-terminated buffer that
 * remembers an allocation failure instead of reporting it at every call,
 * JSON string escaping, and the compact/pretty layout of keys and brackets.
 * Internal to the library. */
#ifndef WARTA_JSONW_H
#define WARTA_JSONW_H

#include <stddef.h>

/* The output: p[0..n) plus a NUL; oom set once an allocation failed (every
 * later write is then a no-op and the caller reports WARTA_ERR_NOMEM). */
typedef struct jbuf {
    char *p;
    size_t n, cap;
    int oom;
} jbuf_t;

void jb_put(jbuf_t *b, const char *s, size_t n);
void jb_puts(jbuf_t *b, const char *s);
/* the decimal digits of v */
void jb_size(jbuf_t *b, size_t v);
/* a JSON string of s[0..n): escaped, invalid UTF-8 as U+FFFD */
void jb_str(jbuf_t *b, const char *s, size_t n);
void jb_cstr(jbuf_t *b, const char *s);
/* A name from outside (a file path) that is not valid UTF-8: returns 1 and
 * writes into *t (zeroed by the caller, who frees t->p) the name with each
 * byte that is not UTF-8 as the text \xHH and each backslash doubled, so
 * that names differing only in such bytes stay apart (U+FFFD would merge
 * them); returns 0, writing nothing, when the name is valid UTF-8. */
int jb_name_escape(jbuf_t *t, const char *s);
/* the name, escaped as jb_name_escape() says, written with put() */
void jb_name_put(jbuf_t *b, const char *s, void (*put)(jbuf_t *, const char *, size_t));
/* the name as a JSON string: jb_name_put() with jb_str() */
void jb_name(jbuf_t *b, const char *s);
/* a decimal amount as a JSON number, or null when a is NULL */
void jb_amount(jbuf_t *b, const char *a);

/* a score in [0, 1] with at most 3 decimals, no trailing zeros: 0.87, 1 */
void jb_score(jbuf_t *b, double v);

/* Layout state for compact vs pretty JSON. */
typedef struct jw {
    jbuf_t *b;
    int pretty;
    int depth;
} jw_t;

/* pretty: a line break and the indentation of the current depth */
void jw_nl(jw_t *w);
/* ,"k": (no comma before the first key of an object) */
void jw_key(jw_t *w, int first, const char *k);
void jw_open(jw_t *w, const char *c);
void jw_close(jw_t *w, const char *c, int empty);

#endif
