/* mix64.h - the splitmix64 finalizer: every input bit reaches every
 * output bit.  Feature hashes (features.c: part of the model's keys, never
 * to change) and the word-type cache's set choice use it. */
#ifndef WARTA_MIX64_H
#define WARTA_MIX64_H

#include <stdint.h>

static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

#endif
