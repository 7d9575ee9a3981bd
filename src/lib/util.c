/* util.c - growable arrays, arena, hashing, folding, string sets. */
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int vec_reserve(void **v, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 16;
    while (nc < need) {
        if (nc > SIZE_MAX / 2 / elem)
            return -1;
        nc *= 2;
    }
    void *nv = realloc(*v, nc * elem);
    if (!nv)
        return -1;
    *v = nv;
    *cap = nc;
    return 0;
}

struct arena_block {
    arena_block_t *next;
    size_t used, cap;
    _Alignas(16) unsigned char mem[];
};

void *arena_alloc(arena_t *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    arena_block_t *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > 4096 ? n : 4096;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->used = 0;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->mem + b->used;
    b->used += n;
    return p;
}

char *arena_strndup(arena_t *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

void arena_free(arena_t *a)
{
    arena_block_t *b = a->head;
    while (b) {
        arena_block_t *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

uint64_t hash_bytes_seed(const void *p, size_t n, uint64_t seed)
{
    const unsigned char *s = p;
    uint64_t h = 14695981039346656037ULL ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

uint64_t hash_bytes(const void *p, size_t n)
{
    return hash_bytes_seed(p, n, 0);
}

size_t utf8_fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t i = 0, o = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0) { /* not expected on validated text: copy the byte */
            if (o + 1 < cap)
                out[o++] = s[i];
            i++;
            continue;
        }
        i += (size_t)k;
        if (c < 0x80) {
            if (o + 1 < cap)
                out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            continue;
        }
        utf8proc_uint8_t buf[4];
        utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(c), buf);
        if (o + (size_t)m < cap) {
            memcpy(out + o, buf, (size_t)m);
            o += (size_t)m;
        }
    }
    if (o < cap)
        out[o] = '\0';
    return o;
}

size_t utf8_fold_word(const char *w, size_t wn, char *out)
{
    for (size_t k = 0; k < wn; k++)
        if ((unsigned char)w[k] >= 0x80)
            return utf8_fold(w, wn, out, 2 * wn + 1);
    for (size_t k = 0; k < wn; k++) {
        char c = w[k];
        out[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return wn;
}

static size_t strset_slot(const strset_t *s, const char *k, size_t n)
{
    size_t mask = s->cap - 1;
    size_t i = (size_t)hash_bytes(k, n) & mask;
    while (s->keys[i] && !(s->lens[i] == n && memcmp(s->keys[i], k, n) == 0))
        i = (i + 1) & mask;
    return i;
}

int strset_add(strset_t *s, const char *k, size_t n)
{
    if ((s->n + 1) * 2 > s->cap) {
        strset_t ns = {0};
        ns.cap = s->cap ? s->cap * 2 : 64;
        ns.keys = calloc(ns.cap, sizeof *ns.keys);
        ns.lens = calloc(ns.cap, sizeof *ns.lens);
        if (!ns.keys || !ns.lens) {
            free(ns.keys);
            free(ns.lens);
            return -1;
        }
        for (size_t i = 0; i < s->cap; i++) {
            if (s->keys[i]) {
                size_t j = strset_slot(&ns, s->keys[i], s->lens[i]);
                ns.keys[j] = s->keys[i];
                ns.lens[j] = s->lens[i];
                ns.n++;
            }
        }
        free(s->keys);
        free(s->lens);
        *s = ns;
    }
    size_t i = strset_slot(s, k, n);
    if (s->keys[i])
        return 0;
    char *c = malloc(n + 1);
    if (!c)
        return -1;
    memcpy(c, k, n);
    c[n] = '\0';
    s->keys[i] = c;
    s->lens[i] = n;
    s->n++;
    return 0;
}

int strset_has(const strset_t *s, const char *k, size_t n)
{
    if (!s->cap)
        return 0;
    return s->keys[strset_slot(s, k, n)] != NULL;
}

void strset_free(strset_t *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->keys[i]);
    free(s->keys);
    free(s->lens);
    memset(s, 0, sizeof *s);
}

int for_each_line(const char *buf, size_t n,
                  int (*fn)(const char *line, size_t len, void *ctx), void *ctx)
{
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(buf + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - buf) : n;
        size_t len = e - i;
        if (len && buf[i + len - 1] == '\r')
            len--;
        if (len && buf[i] != '#') {
            int r = fn(buf + i, len, ctx);
            if (r)
                return r;
        }
        i = e + 1;
    }
    return 0;
}

size_t split_tabs(const char *line, size_t len, const char **f, size_t *fl,
                  size_t max)
{
    size_t k = 0, b = 0;
    for (size_t i = 0; i <= len && k < max; i++) {
        if (i == len || line[i] == '\t') {
            f[k] = line + b;
            fl[k] = i - b;
            k++;
            b = i + 1;
        }
    }
    return k;
}
