/* jsonw.h - the output buffer of the writers and the JSON primitives they
 * share (render.c, summary.c): a growable NUL-terminated buffer that
 * remembers an allocation failure instead of reporting it at every call,
 * JSON string escaping, and the compact/pretty layout of keys and brackets.
 * Internal to the library. */
#ifndef WARTA_JSONW_H
#define WARTA_JSONW_H

#include <stddef.h>
#include <string.h>

/* The output: p[0..n), always with a spare byte at p[n] for the final NUL
 * (jb_finish).  Without a sink it grows to hold the whole text; with one
 * it is a window of JB_CHUNK bytes handed to sink(sink_ctx, p, n) each
 * time it fills and at jb_finish, so a render needs that much memory
 * however long the document.  `oom` is set once an allocation failed or
 * the sink refused (`sink_failed`): every later write is then a no-op and
 * the caller reports the error once, at the end.  The owner frees p. */
typedef struct jbuf {
    char *p;
    size_t n, cap;
    int oom;
    int sink_failed;
    int (*sink)(void *ctx, const char *s, size_t n);
    void *sink_ctx;
} jbuf_t;

#define JB_CHUNK ((size_t)64 << 10)

/* jb_put's slow path: grows the buffer or hands it to the sink */
void jb_put_slow(jbuf_t *b, const char *s, size_t n);

static inline void jb_put(jbuf_t *b, const char *s, size_t n)
{
    if (b->n + n < b->cap) { /* oom sets cap to 0 */
        memcpy(b->p + b->n, s, n);
        b->n += n;
        return;
    }
    jb_put_slow(b, s, n);
}

static inline void jb_puts(jbuf_t *b, const char *s) { jb_put(b, s, strlen(s)); }

/* The end of a render: with a sink, hands it what is left; without one,
 * NUL-terminates p (allocating it for an empty text).  Returns WARTA_OK,
 * WARTA_ERR_NOMEM, or WARTA_ERR_IO when the sink refused. */
int jb_finish(jbuf_t *b);
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
/* jw_key's general path (pretty, long keys, a full buffer) */
void jw_key_slow(jw_t *w, int first, const char *k, size_t kl);

/* ,"k": (no comma before the first key of an object).  Keys are the
 * schema's own ASCII names, written as they are (no escaping scan); inline
 * so that strlen of a literal key is a constant, and a compact key goes
 * into the buffer in place. */
static inline void jw_key(jw_t *w, int first, const char *k)
{
    size_t kl = strlen(k);
    jbuf_t *b = w->b;
    if (w->pretty || b->n + kl + 4 >= b->cap) {
        jw_key_slow(w, first, k, kl);
        return;
    }
    char *o = b->p + b->n;
    if (!first)
        *o++ = ',';
    *o++ = '"';
    memcpy(o, k, kl);
    o += kl;
    *o++ = '"';
    *o++ = ':';
    b->n = (size_t)(o - b->p);
}
void jw_open(jw_t *w, const char *c);
void jw_close(jw_t *w, const char *c, int empty);

#endif
