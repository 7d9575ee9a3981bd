/* typecache.h - a bounded per-worker cache keyed by word type: the bytes
 * of a token plus a 32-bit tag (e.g. the lexicon bits that feature code
 * reads), each mapped to a fixed-size payload the caller fills.
 *
 * TYPECACHE_WAYS-way set associative (8) with least-recently-used
 * replacement within a set: a word that keeps recurring stays, and words
 * that share a set do not evict each other until more than 8 do (2 ways
 * missed twice as often on the bench corpus).  The set is picked by a
 * full 64-bit mix of the hash.  Keys are compared in full (bytes and
 * tag), never by hash alone, so a hit is always exact.  It starts with
 * 64 entries and, after 64 misses, zeroes all its memory at once (a batch
 * does not grow as words arrive; see use_sets in typecache.c).  Not
 * thread-safe: one per worker. */
#ifndef WARTA_TYPECACHE_H
#define WARTA_TYPECACHE_H

#include <stddef.h>
#include <stdint.h>

/* Keys longer than this are not cached (typecache_get returns NULL). */
#define TYPECACHE_KEYMAX 30
#ifndef TYPECACHE_WAYS
#define TYPECACHE_WAYS 8
#endif

typedef struct typecache typecache_t;

/* A cache of TYPECACHE_WAYS x nsets entries (nsets a power of two) with
 * payload bytes each (8-byte aligned); NULL if out of memory. */
typecache_t *typecache_new(size_t nsets, size_t payload);
void typecache_free(typecache_t *c);

/* Starts a group of lookups (a sentence) whose payloads must all stay in
 * place together: until the next call, no entry returned since is given
 * to another key.  Call before the group's first typecache_get. */
void typecache_sentence(typecache_t *c);

/* The payload of key[0..n) with tag, hashed as h.  On a hit *fresh = 0;
 * on a miss the least recently used entry of the set is given to this key
 * and *fresh = 1: the caller must fill the payload before the next call.
 * NULL (nothing cached, *fresh = 0) when n > TYPECACHE_KEYMAX, or when
 * every entry of the set was returned since typecache_sentence(). */
void *typecache_get(typecache_t *c, uint64_t h, const char *key, size_t n, uint32_t tag,
                    int *fresh);

#endif
