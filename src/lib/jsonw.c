/* jsonw.c - output buffer and JSON primitives (see jsonw.h). */
#include "jsonw.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "warta.h"
#include "util.h"

/* hands p[0..n) to the sink; 0, or -1 when it refused (b is then stopped) */
static int jb_drain(jbuf_t *b)
{
    if (b->n && b->sink(b->sink_ctx, b->p, b->n) < 0) {
        b->oom = b->sink_failed = 1;
        b->cap = 0; /* every later jb_put takes the slow path and stops */
        return -1;
    }
    b->n = 0;
    return 0;
}

void jb_put_slow(jbuf_t *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (!b->sink) {
        if (vec_reserve((void **)&b->p, &b->cap, b->n + n + 1, 1)) {
            b->oom = 1;
            b->cap = 0;
            return;
        }
        memcpy(b->p + b->n, s, n);
        b->n += n;
        return;
    }
    if (!b->p) {
        b->p = malloc(JB_CHUNK);
        if (!b->p) {
            b->oom = 1;
            return;
        }
        b->cap = JB_CHUNK;
    }
    if (jb_drain(b) < 0)
        return;
    if (n < b->cap) {
        memcpy(b->p, s, n);
        b->n = n;
    } else if (b->sink(b->sink_ctx, s, n) < 0) {
        b->oom = b->sink_failed = 1;
        b->cap = 0;
    }
}

int jb_finish(jbuf_t *b)
{
    if (!b->oom && b->sink)
        jb_drain(b);
    else if (!b->oom && !b->p)
        jb_put_slow(b, "", 0); /* an empty text: a buffer for its NUL */
    if (b->oom)
        return b->sink_failed ? WARTA_ERR_IO : WARTA_ERR_NOMEM;
    if (!b->sink)
        b->p[b->n] = '\0';
    return WARTA_OK;
}

void jb_size(jbuf_t *b, size_t v)
{
    char t[24]; /* 2^64 has 20 digits */
    size_t k = sizeof t;
    do {
        t[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    jb_put(b, t + k, sizeof t - k);
}

/* JSON string: quotes, backslash and control characters escaped; bytes that
 * are not valid UTF-8 (possible only in file names) become U+FFFD, so the
 * output is always valid UTF-8. */
void jb_str(jbuf_t *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    jb_put(b, "\"", 1);
    size_t run = 0; /* start of a run of bytes copied verbatim */
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') { /* the common case */
            i++;
            continue;
        }
        const char *esc = NULL;
        char u[7];
        size_t k = 1;
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\t')
            esc = "\\t";
        else if (c == '\r')
            esc = "\\r";
        else if (c < 0x20 || c == 0x7f) {
            u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
            u[4] = hex[c >> 4]; u[5] = hex[c & 15]; u[6] = '\0';
            esc = u;
        } else if (c >= 0x80) {
            k = utf8_seq_len((const unsigned char *)s + i, n - i);
            if (!k) {
                esc = "\xEF\xBF\xBD";
                k = 1;
            }
        }
        if (esc) {
            jb_put(b, s + run, i - run);
            jb_puts(b, esc);
            run = i + k;
        }
        i += k;
    }
    jb_put(b, s + run, n - run);
    jb_put(b, "\"", 1);
}

void jb_cstr(jbuf_t *b, const char *s) { jb_str(b, s, strlen(s)); }

void jw_nl(jw_t *w)
{
    if (!w->pretty)
        return;
    jb_put(w->b, "\n", 1);
    for (int i = 0; i < w->depth; i++)
        jb_put(w->b, "  ", 2);
}

void jw_key_slow(jw_t *w, int first, const char *k, size_t kl)
{
    char t[48];
    size_t n = 0;
    if (!first)
        t[n++] = ',';
    if (w->pretty) {
        jb_put(w->b, t, n);
        jw_nl(w);
        n = 0;
    }
    if (kl > sizeof t - 8) {
        jb_put(w->b, t, n);
        jb_cstr(w->b, k);
        jb_put(w->b, w->pretty ? ": " : ":", w->pretty ? 2 : 1);
        return;
    }
    t[n++] = '"';
    memcpy(t + n, k, kl);
    n += kl;
    t[n++] = '"';
    t[n++] = ':';
    if (w->pretty)
        t[n++] = ' ';
    jb_put(w->b, t, n);
}

void jw_open(jw_t *w, const char *c)
{
    jb_puts(w->b, c);
    w->depth++;
}

void jw_close(jw_t *w, const char *c, int empty)
{
    w->depth--;
    if (!empty)
        jw_nl(w);
    jb_puts(w->b, c);
}

void jb_amount(jbuf_t *b, const char *a)
{
    if (a)
        jb_puts(b, a);
    else
        jb_puts(b, "null");
}

/* "%.3f" of v with the trailing zeros (and a trailing point) cut */
static void score_printf(jbuf_t *b, double v)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%.3f", v);
    while (n > 1 && tmp[n - 1] == '0')
        n--;
    if (n > 1 && tmp[n - 1] == '.')
        n--;
    jb_put(b, tmp, (size_t)n);
}

/* Scores are rounded to 3 decimals already (conf_score), so m = v * 1000
 * lies within a rounding error (< 1e-12) of an integer k.  When |m - k| <
 * 0.25, the exact value of v is within 0.25 + 1e-12 < 0.5 thousandths of
 * k / 1000, so "%.3f" prints the digits of k, which are written here
 * without snprintf; any other value (and -0, which prints as "-0") goes
 * to snprintf.  tests/unit/test_render_stream.c compares the two. */
void jb_score(jbuf_t *b, double v)
{
    if (!(v >= 0 && v <= 1))
        v = 0.0;
    double m = v * 1000.0;
    int k = (int)(m + 0.5);
    double d = m - k;
    if (!(d > -0.25 && d < 0.25) || signbit(v)) {
        score_printf(b, v);
        return;
    }
    if (k == 0 || k == 1000) {
        jb_put(b, k ? "1" : "0", 1);
        return;
    }
    char t[5] = {'0', '.', (char)('0' + k / 100), (char)('0' + k / 10 % 10),
                 (char)('0' + k % 10)};
    size_t n = 5;
    while (t[n - 1] == '0')
        n--;
    jb_put(b, t, n);
}

int jb_name_escape(jbuf_t *t, const char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        size_t k = utf8_seq_len((const unsigned char *)s + i, n - i);
        if (!k)
            break;
        i += k;
    }
    if (i == n)
        return 0; /* valid UTF-8: the name as it is */
    static const char hex[] = "0123456789abcdef";
    for (i = 0; i < n;) {
        size_t k = utf8_seq_len((const unsigned char *)s + i, n - i);
        if (!k) {
            unsigned char c = (unsigned char)s[i];
            char e[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
            jb_put(t, e, 4);
            k = 1;
        } else if (s[i] == '\\') {
            jb_put(t, "\\\\", 2);
        } else {
            jb_put(t, s + i, k);
        }
        i += k;
    }
    return 1;
}

void jb_name_put(jbuf_t *b, const char *s, void (*put)(jbuf_t *, const char *, size_t))
{
    jbuf_t t = {0};
    if (!jb_name_escape(&t, s))
        put(b, s, strlen(s));
    else if (t.oom)
        b->oom = 1;
    else
        put(b, t.p, t.n);
    free(t.p);
}

void jb_name(jbuf_t *b, const char *s) { jb_name_put(b, s, jb_str); }
