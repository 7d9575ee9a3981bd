/* typecache.c - the word-type cache (typecache.h). */
#include "typecache.h"

#include <stdlib.h>
#include <string.h>

#include "mix64.h"

typedef struct tc_head {
    uint32_t tag;
    uint8_t len;
    char key[TYPECACHE_KEYMAX];
} tc_head_t; /* 35 bytes; the payload follows at the next multiple of 8 */

#define HEAD_SIZE ((sizeof(tc_head_t) + 7) & ~(size_t)7)
#define WAYS TYPECACHE_WAYS

/* Per set, the ways' fingerprints and clocks sit together (one cache line
 * each for 8 ways), so a lookup reads one entry only: the one whose
 * fingerprint matches, to compare its key in full. */
struct typecache {
    size_t mask;          /* the sets in use - 1: SMALL_SETS, then all */
    size_t full;          /* nsets - 1 */
    size_t stride;        /* bytes of one entry: head + payload */
    size_t misses;        /* since the last use_sets() */
    int started;          /* use_sets() ran */
    uint32_t clock;       /* counts lookups: the recency of each entry */
    uint32_t epoch;       /* the clock at typecache_sentence(): later stamps are pinned */
    uint32_t *fp;         /* [nsets][WAYS]: 32 bits of the key's hash, 0 = unused */
    uint32_t *last;       /* [nsets][WAYS]: the clock at the last use */
    unsigned char *ent;   /* [nsets][WAYS] entries */
};

typecache_t *typecache_new(size_t nsets, size_t payload)
{
    if (!nsets || (nsets & (nsets - 1)))
        return NULL;
    typecache_t *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->full = nsets - 1;
    c->stride = HEAD_SIZE + ((payload + 7) & ~(size_t)7);
    /* not zeroed yet: see use_sets() */
    c->fp = malloc(WAYS * nsets * sizeof *c->fp);
    c->last = malloc(WAYS * nsets * sizeof *c->last);
    c->ent = malloc(WAYS * nsets * c->stride);
    if (!c->fp || !c->last || !c->ent) {
        typecache_free(c);
        return NULL;
    }
    return c;
}

void typecache_free(typecache_t *c)
{
    if (!c)
        return;
    free(c->fp);
    free(c->last);
    free(c->ent);
    free(c);
}

/* Starts using sets [0, k) (a prefix of each array), all empty.  A cache
 * starts with SMALL_SETS (zeroed at the first lookup, so a worker that
 * never tags touches nothing and a one-sentence document little) and,
 * after as many misses as that has entries (a paragraph of text), takes
 * all its sets and zeroes every page at once: a batch's memory is then the
 * same after one article as after ten thousand (pages touched one by one
 * as new words arrived made a long batch grow by the whole cache). */
enum { SMALL_SETS = 8 };
static void use_sets(typecache_t *c, size_t k)
{
    memset(c->fp, 0, WAYS * k * sizeof *c->fp);
    memset(c->last, 0, WAYS * k * sizeof *c->last);
    memset(c->ent, 0, WAYS * k * c->stride);
    c->mask = k - 1;
    c->misses = 0;
    c->started = 1;
}

void typecache_sentence(typecache_t *c)
{
    if (!c->started)
        use_sets(c, c->full < SMALL_SETS ? c->full + 1 : SMALL_SETS);
    else if (c->mask < c->full && c->misses >= WAYS * (c->mask + 1))
        use_sets(c, c->full + 1);
    c->epoch = c->clock + 1;
}

void *typecache_get(typecache_t *c, uint64_t h, const char *key, size_t n, uint32_t tag,
                    int *fresh)
{
    *fresh = 0;
    if (n > TYPECACHE_KEYMAX)
        return NULL;
    if (!c->started)
        use_sets(c, c->full < SMALL_SETS ? c->full + 1 : SMALL_SETS);
    /* a full mix picks the set: a byte-wise FNV hash mixes a word's last
     * bytes into few bits, and its raw bits crowded some sets (2.5 times
     * the misses, measured) */
    uint64_t x = mix64(h ^ ((uint64_t)tag * 0x9E3779B97F4A7C15ULL));
    size_t set = (size_t)(x >> 32) & c->mask;
    uint32_t want = (uint32_t)x | 1u; /* never 0 */
    uint32_t *fp = c->fp + set * WAYS, *last = c->last + set * WAYS;
    unsigned char *base = c->ent + set * WAYS * c->stride;
    uint32_t now = ++c->clock;
    for (unsigned w = 0; w < WAYS; w++) {
        if (fp[w] != want)
            continue;
        tc_head_t *e = (tc_head_t *)(void *)(base + w * c->stride);
        if (e->len == n && e->tag == tag && !memcmp(e->key, key, n)) {
            last[w] = now;
            return (unsigned char *)e + HEAD_SIZE;
        }
    }
    /* the least recently used way, an unused one first; clock distances,
     * so a wrapped clock only misjudges recency, never a key */
    unsigned v = 0;
    for (unsigned w = 0; w < WAYS; w++) {
        if (!fp[w]) {
            v = w;
            break;
        }
        if (now - last[w] > now - last[v])
            v = w;
    }
    if (fp[v] && last[v] - c->epoch <= now - c->epoch)
        return NULL; /* every way is in use by this sentence */
    tc_head_t *e = (tc_head_t *)(void *)(base + v * c->stride);
    c->misses++;
    fp[v] = want;
    last[v] = now;
    e->len = (uint8_t)n;
    e->tag = tag;
    memcpy(e->key, key, n);
    *fresh = 1;
    return (unsigned char *)e + HEAD_SIZE;
}
