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

/* Lower-cases the ASCII bytes of s[0..n) into out up to the first byte
 * that is not ASCII; returns how many: eight bytes at a time (a byte
 * gets 0x20 when 'A' <= c <= 'Z': c + 0x3F has its top bit set from 'A'
 * on, c + 0x25 from 'Z' + 1 on, and neither carries out of a byte below
 * 0x80), then byte by byte. */
static size_t ascii_lower(const char *s, size_t n, char *out)
{
    const uint64_t hi = 0x8080808080808080ULL;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        if (x & hi)
            break;
        uint64_t upper = ((x + 0x3F3F3F3F3F3F3F3FULL) ^ (x + 0x2525252525252525ULL)) & hi;
        x |= upper >> 2;
        memcpy(out + i, &x, 8);
    }
    for (; i < n && (unsigned char)s[i] < 0x80; i++)
        out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    return i;
}

size_t utf8_fold(const char *s, size_t n, char *out, size_t cap)
{
    /* the ASCII prefix, as far as it fits (below, a byte that does not
     * fit is skipped, and so is everything after it) */
    size_t room = cap ? cap - 1 : 0;
    size_t i = ascii_lower(s, n < room ? n : room, out), o = i;
    while (i < n) {
        unsigned char a = (unsigned char)s[i];
        if (a < 0x80) { /* ASCII needs no decoding (what utf8proc_iterate gives) */
            if (o + 1 < cap)
                out[o++] = (char)(a >= 'A' && a <= 'Z' ? a + 32 : a);
            i++;
            continue;
        }
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

void strbuf_put(strbuf_t *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap && vec_reserve((void **)&b->p, &b->cap, b->n + n + 1, 1)) {
        b->oom = 1;
        return;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

void strbuf_puts(strbuf_t *b, const char *s)
{
    strbuf_put(b, s, strlen(s));
}

size_t utf8_fold_word(const char *w, size_t wn, char *out)
{
    if (ascii_lower(w, wn, out) == wn)
        return wn;
    return utf8_fold(w, wn, out, 2 * wn + 1);
}

int strset_add(strset_t *s, const char *k, size_t n)
{
    return hashmap_put(&s->map, k, n, NULL) ? 0 : -1;
}

int strset_has(const strset_t *s, const char *k, size_t n)
{
    return hashmap_get(&s->map, k, n) != NULL;
}

void strset_free(strset_t *s)
{
    hashmap_free(&s->map);
}

static int key_less(const sortkey_t *a, const sortkey_t *b)
{
    return a->hi != b->hi ? a->hi < b->hi : a->lo < b->lo;
}

static void sift_down(sortkey_t *k, size_t i, size_t n)
{
    sortkey_t v = k[i];
    for (size_t c; (c = 2 * i + 1) < n; i = c) {
        if (c + 1 < n && key_less(&k[c], &k[c + 1]))
            c++;
        if (!key_less(&v, &k[c]))
            break;
        k[i] = k[c];
    }
    k[i] = v;
}

/* Merge sort of k[0..n) by way of tmp[0..n): bottom-up, runs of 8 first
 * sorted by insertion. */
static void merge_sort_keys(sortkey_t *k, sortkey_t *tmp, size_t n)
{
    for (size_t b = 0; b < n; b += 8) {
        size_t e = b + 8 < n ? b + 8 : n;
        for (size_t i = b + 1; i < e; i++) {
            sortkey_t v = k[i];
            size_t j = i;
            for (; j > b && key_less(&v, &k[j - 1]); j--)
                k[j] = k[j - 1];
            k[j] = v;
        }
    }
    sortkey_t *from = k, *to = tmp;
    for (size_t w = 8; w < n; w *= 2) {
        for (size_t b = 0; b < n; b += 2 * w) {
            size_t m = b + w < n ? b + w : n, e = b + 2 * w < n ? b + 2 * w : n;
            size_t i = b, j = m, o = b;
            while (i < m && j < e)
                to[o++] = key_less(&from[j], &from[i]) ? from[j++] : from[i++];
            while (i < m)
                to[o++] = from[i++];
            while (j < e)
                to[o++] = from[j++];
        }
        sortkey_t *x = from;
        from = to;
        to = x;
    }
    if (from != k)
        memcpy(k, from, n * sizeof *k);
}

/* Sorts k[0..n), whose keys are distinct (so any sort gives the one
 * order): up to SORT_SMALL keys by merge sort through a buffer on the
 * stack, more by heap sort in place, so that a huge document needs no
 * scratch memory for it. */
#define SORT_SMALL 1024
static void sort_keys(sortkey_t *k, size_t n)
{
    if (n <= SORT_SMALL) {
        sortkey_t tmp[SORT_SMALL];
        merge_sort_keys(k, tmp, n);
        return;
    }
    for (size_t i = n / 2; i-- > 0;)
        sift_down(k, i, n);
    for (size_t e = n; e-- > 1;) {
        sortkey_t top = k[0];
        k[0] = k[e];
        k[e] = top;
        sift_down(k, 0, e);
    }
}

int sort_by_keys(void *base, size_t n, size_t size, sortkey_t *k)
{
    if (n > UINT32_MAX)
        return -1;
    for (size_t j = 0; j < n; j++) /* the tie-break: where the element is now */
        k[j].lo |= j;
    size_t i = 1;
    while (i < n && key_less(&k[i - 1], &k[i]))
        i++;
    if (i >= n)
        return 0; /* in order already */
    char *hold = malloc(size);
    if (!hold)
        return -1;
    sort_keys(k, n);
    /* k[j]'s index is where position j's element is now: follow each
     * cycle of that permutation, one element held aside, and mark the
     * positions done with their own index */
    char *b = base;
    for (size_t j = 0; j < n; j++) {
        if ((k[j].lo & UINT32_MAX) == j)
            continue;
        memcpy(hold, b + j * size, size);
        size_t d = j;
        for (;;) {
            size_t s = k[d].lo & UINT32_MAX;
            k[d].lo = (k[d].lo & ~(uint64_t)UINT32_MAX) | d;
            if (s == j) {
                memcpy(b + d * size, hold, size);
                break;
            }
            memcpy(b + d * size, b + s * size, size);
            d = s;
        }
    }
    free(hold);
    return 0;
}

/* Element i of an index sort and its key, i in the low bits as the
 * tie-break (as sort_by_keys sets it). */
typedef struct fnsort {
    const char *b;
    size_t size;
    sortkey_t (*key)(const void *e);
} fnsort_t;

static sortkey_t fn_key(const fnsort_t *s, uint32_t i)
{
    sortkey_t k = s->key(s->b + (size_t)i * s->size);
    k.lo |= i;
    return k;
}

static void sift_down_idx(const fnsort_t *s, uint32_t *x, size_t i, size_t n)
{
    uint32_t v = x[i];
    sortkey_t kv = fn_key(s, v);
    for (size_t c; (c = 2 * i + 1) < n; i = c) {
        sortkey_t kc = fn_key(s, x[c]);
        if (c + 1 < n) {
            sortkey_t kd = fn_key(s, x[c + 1]);
            if (key_less(&kc, &kd)) {
                c++;
                kc = kd;
            }
        }
        if (!key_less(&kv, &kc))
            break;
        x[i] = x[c];
    }
    x[i] = v;
}

/* Moves the elements so that position j gets the one at x[j] now,
 * following each cycle with one element held aside; x[j] = j marks a
 * position done. */
static void permute_idx(char *b, size_t n, size_t size, uint32_t *x, char *hold)
{
    for (size_t j = 0; j < n; j++) {
        if (x[j] == j)
            continue;
        memcpy(hold, b + j * size, size);
        size_t d = j;
        for (size_t s; (s = x[d]) != j; d = s) {
            memcpy(b + d * size, b + s * size, size);
            x[d] = (uint32_t)d;
        }
        memcpy(b + d * size, hold, size);
        x[d] = (uint32_t)d;
    }
}

static int sort_by_index(void *base, size_t n, size_t size, const fnsort_t *s)
{
    uint32_t *x = malloc(n * sizeof *x);
    char *hold = malloc(size);
    if (!x || !hold) {
        free(x);
        free(hold);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        x[i] = (uint32_t)i;
    for (size_t i = n / 2; i-- > 0;)
        sift_down_idx(s, x, i, n);
    for (size_t e = n; e-- > 1;) {
        uint32_t top = x[0];
        x[0] = x[e];
        x[e] = top;
        sift_down_idx(s, x, 0, e);
    }
    permute_idx(base, n, size, x, hold);
    free(x);
    free(hold);
    return 0;
}

int sort_by_key_fn(void *base, size_t n, size_t size, sortkey_t (*key)(const void *e))
{
    if (n > UINT32_MAX)
        return -1;
    fnsort_t s = {base, size, key};
    if (n > SORT_FN_STORED) {
        size_t i = 1;
        sortkey_t prev = n ? fn_key(&s, 0) : (sortkey_t){0, 0};
        for (; i < n; i++) {
            sortkey_t k = fn_key(&s, (uint32_t)i);
            if (!key_less(&prev, &k))
                break;
            prev = k;
        }
        return i >= n ? 0 : sort_by_index(base, n, size, &s);
    }
    sortkey_t *k = malloc((n ? n : 1) * sizeof *k);
    if (!k)
        return -1;
    for (size_t i = 0; i < n; i++)
        k[i] = key(s.b + i * size);
    int rc = sort_by_keys(base, n, size, k);
    free(k);
    return rc;
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
