/* hashmap.h - the library's one hash map: byte-string keys (copied into
 * the map's own pool) to 64-bit values.  Open addressing with linear
 * probing over FNV-1a hashes (util.h), grown at half full.
 *
 * A zeroed hashmap_t is an empty map.  Owned by its user, freed with
 * hashmap_free.  Not thread-safe to modify; concurrent hashmap_get on a
 * map nobody modifies is safe. */
#ifndef WARTA_HASHMAP_H
#define WARTA_HASHMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct hashmap {
    uint64_t *hash;  /* [cap] key hash, 0 = empty slot */
    uint32_t *off;   /* [cap] offset of the key in pool */
    uint32_t *len;   /* [cap] key length */
    uint64_t *val;   /* [cap] */
    size_t cap, n;
    char *pool;
    size_t pool_n, pool_cap;
} hashmap_t;

/* The value of key k[0..n), or NULL when the map does not hold it. */
const uint64_t *hashmap_get(const hashmap_t *m, const void *k, size_t n);

/* The value of key k[0..n), added with value 0 when absent (*added then
 * 1, else 0; added may be NULL).  The pointer is valid until the next
 * hashmap_put.  NULL when out of memory (the map is unchanged). */
uint64_t *hashmap_put(hashmap_t *m, const void *k, size_t n, int *added);

void hashmap_free(hashmap_t *m);

#endif
