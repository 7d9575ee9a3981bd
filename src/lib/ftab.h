/* ftab.h - a flat, read-only hash table of byte-string keys with 32-bit
 * values, made from a hashmap.h map (at build time for the prebuilt tables,
 * tables.h) and used in place: its image holds offsets, never pointers, so
 * it may sit in the library's read-only data.
 *
 * Image (8-byte aligned): a header {u64 cap, n, pool bytes, reserved}; then
 * cap slots of 16 bytes {u64 hash, u32 key offset, u32 value} (hash 0: an
 * empty slot; linear probing, at most half full); then the key pool, each
 * key a little-endian u16 length and its bytes.  A lookup touches one slot
 * line and, on a hash hit, the key: the hashmap's four parallel arrays cost
 * up to four cache lines per probe.  Internal. */
#ifndef WARTA_FTAB_H
#define WARTA_FTAB_H

#include <stddef.h>
#include <stdint.h>

#include "hashmap.h"

typedef struct ftab_slot {
    uint64_t h;
    uint32_t koff;
    uint32_t val;
} ftab_slot_t;

typedef struct ftab {
    const ftab_slot_t *slot; /* NULL: an empty table */
    const unsigned char *pool;
    size_t mask, n;
} ftab_t;

/* The image of map m (values truncated to 32 bits) appended to *out
 * (malloc'd, *len bytes so far, capacity *cap).  0, or -1 when out of memory
 * or a key is longer than 65535 bytes. */
int ftab_image(const hashmap_t *m, unsigned char **out, size_t *len, size_t *cap);

/* Points t at the image img[0..n) (8-byte aligned).  0, or -1 when the
 * image is malformed (sizes do not add up). */
int ftab_view(ftab_t *t, const void *img, size_t n);

/* The hash the tables use (seeded; also the gazetteer's edges). */
uint64_t ftab_hash(const void *k, size_t n, uint64_t seed);

/* The value of key k[0..n), or NULL when absent. */
const uint32_t *ftab_get(const ftab_t *t, const void *k, size_t n);

/* The same in two steps, for a batch of keys: ftab_key_hash() of each key
 * and ftab_prefetch() of its slot first, then ftab_get_h() with that hash,
 * so the slots' cache misses overlap instead of following each other. */
uint64_t ftab_key_hash(const void *k, size_t n);
const uint32_t *ftab_get_h(const ftab_t *t, const void *k, size_t n, uint64_t h);

static inline void ftab_prefetch(const ftab_t *t, uint64_t h)
{
#if defined(__GNUC__)
    if (t->n)
        __builtin_prefetch(&t->slot[(size_t)h & t->mask]);
#else
    (void)t;
    (void)h;
#endif
}

#endif
