/* hashmap.c - byte-string keys to 64-bit values (hashmap.h). */
#include "hashmap.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static uint64_t key_hash(const void *k, size_t n)
{
    uint64_t h = hash_bytes(k, n);
    return h ? h : 1;
}

static size_t slot(const hashmap_t *m, const void *k, size_t n, uint64_t h)
{
    size_t mask = m->cap - 1, i = (size_t)h & mask;
    while (m->hash[i] && !(m->hash[i] == h && m->len[i] == n &&
                           memcmp(m->pool + m->off[i], k, n) == 0))
        i = (i + 1) & mask;
    return i;
}

static int grow(hashmap_t *m)
{
    hashmap_t nm = *m;
    nm.cap = m->cap ? m->cap * 2 : 64;
    nm.hash = calloc(nm.cap, sizeof *nm.hash);
    nm.off = malloc(nm.cap * sizeof *nm.off);
    nm.len = malloc(nm.cap * sizeof *nm.len);
    nm.val = malloc(nm.cap * sizeof *nm.val);
    if (!nm.hash || !nm.off || !nm.len || !nm.val) {
        free(nm.hash);
        free(nm.off);
        free(nm.len);
        free(nm.val);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->hash[i])
            continue;
        size_t j = (size_t)m->hash[i] & (nm.cap - 1);
        while (nm.hash[j])
            j = (j + 1) & (nm.cap - 1);
        nm.hash[j] = m->hash[i];
        nm.off[j] = m->off[i];
        nm.len[j] = m->len[i];
        nm.val[j] = m->val[i];
    }
    free(m->hash);
    free(m->off);
    free(m->len);
    free(m->val);
    *m = nm;
    return 0;
}

const uint64_t *hashmap_get(const hashmap_t *m, const void *k, size_t n)
{
    if (!m->n)
        return NULL;
    size_t i = slot(m, k, n, key_hash(k, n));
    return m->hash[i] ? &m->val[i] : NULL;
}

uint64_t *hashmap_put(hashmap_t *m, const void *k, size_t n, int *added)
{
    if (added)
        *added = 0;
    if (n > UINT32_MAX || ((m->n + 1) * 2 > m->cap && grow(m)))
        return NULL;
    uint64_t h = key_hash(k, n);
    size_t i = slot(m, k, n, h);
    if (m->hash[i])
        return &m->val[i];
    if (m->pool_n + n > UINT32_MAX ||
        vec_reserve((void **)&m->pool, &m->pool_cap, m->pool_n + n + 1, 1))
        return NULL;
    memcpy(m->pool + m->pool_n, k, n);
    m->hash[i] = h;
    m->off[i] = (uint32_t)m->pool_n;
    m->len[i] = (uint32_t)n;
    m->val[i] = 0;
    m->pool_n += n;
    m->n++;
    if (added)
        *added = 1;
    return &m->val[i];
}

void hashmap_free(hashmap_t *m)
{
    free(m->hash);
    free(m->off);
    free(m->len);
    free(m->val);
    free(m->pool);
    memset(m, 0, sizeof *m);
}
