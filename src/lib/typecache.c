/* typecache.c - the word-type cache (typecache.h). */
#include "typecache.h"

#include <stdlib.h>
#include <string.h>

typedef struct tc_head {
    uint32_t tag;
    uint8_t len, used;
    char key[TYPECACHE_KEYMAX];
} tc_head_t; /* 36 bytes; the payload follows at the next multiple of 8 */

#define HEAD_SIZE ((sizeof(tc_head_t) + 7) & ~(size_t)7)

struct typecache {
    size_t mask;          /* nsets - 1 */
    size_t stride;        /* bytes of one entry: head + payload */
    unsigned char *ent;   /* [nsets][2] entries */
    uint8_t *recent;      /* [nsets]: the way used last */
};

typecache_t *typecache_new(size_t nsets, size_t payload)
{
    if (!nsets || (nsets & (nsets - 1)))
        return NULL;
    typecache_t *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->mask = nsets - 1;
    c->stride = HEAD_SIZE + ((payload + 7) & ~(size_t)7);
    c->ent = calloc(2 * nsets, c->stride);
    c->recent = calloc(nsets, 1);
    if (!c->ent || !c->recent) {
        typecache_free(c);
        return NULL;
    }
    return c;
}

void typecache_free(typecache_t *c)
{
    if (!c)
        return;
    free(c->ent);
    free(c->recent);
    free(c);
}

static int same(const tc_head_t *e, const char *key, size_t n, uint32_t tag)
{
    return e->used && e->len == n && e->tag == tag && !memcmp(e->key, key, n);
}

void *typecache_get(typecache_t *c, uint64_t h, const char *key, size_t n, uint32_t tag,
                    int *fresh)
{
    *fresh = 0;
    if (n > TYPECACHE_KEYMAX)
        return NULL;
    /* the high bits: FNV-style hashes mix the low bits least */
    size_t set = (size_t)((h ^ (h >> 29) ^ ((uint64_t)tag * 0x9E3779B97F4A7C15ULL)) >> 17) & c->mask;
    unsigned char *base = c->ent + 2 * set * c->stride;
    for (unsigned w = 0; w < 2; w++) {
        tc_head_t *e = (tc_head_t *)(void *)(base + w * c->stride);
        if (same(e, key, n, tag)) {
            c->recent[set] = (uint8_t)w;
            return (unsigned char *)e + HEAD_SIZE;
        }
    }
    unsigned w = !c->recent[set]; /* the least recently used way */
    tc_head_t *e = (tc_head_t *)(void *)(base + w * c->stride);
    e->used = 1;
    e->len = (uint8_t)n;
    e->tag = tag;
    memcpy(e->key, key, n);
    c->recent[set] = (uint8_t)w;
    *fresh = 1;
    return (unsigned char *)e + HEAD_SIZE;
}
