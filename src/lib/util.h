/* util.h - small shared helpers: growable arrays, a growable string, an
 * arena, hashing, UTF-8 case folding, a string set, line splitting.
 * Internal to libwarta. */
#ifndef WARTA_UTIL_H
#define WARTA_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "hashmap.h"

/* Grows *v (element size `elem`, capacity *cap) to hold at least `need`
 * elements.  Returns 0, or -1 when out of memory (then *v is unchanged). */
int vec_reserve(void **v, size_t *cap, size_t need, size_t elem);

/* A growable NUL-terminated string.  A zeroed strbuf_t is empty; after an
 * allocation failure `oom` is set and further appends do nothing, so a
 * writer checks once at the end.  The owner frees p. */
typedef struct strbuf {
    char *p;
    size_t n, cap;
    int oom;
} strbuf_t;

void strbuf_put(strbuf_t *b, const char *s, size_t n);
void strbuf_puts(strbuf_t *b, const char *s);

/* Arena: many small allocations freed at once.  Used for per-document
 * strings (normalized amounts, canonical names). */
typedef struct arena_block arena_block_t;
typedef struct arena {
    arena_block_t *head;
} arena_t;

void *arena_alloc(arena_t *a, size_t n);                  /* NULL on OOM */
char *arena_strndup(arena_t *a, const char *s, size_t n); /* NUL-terminated */
void arena_free(arena_t *a);                              /* frees all blocks */

/* 64-bit FNV-1a. */
uint64_t hash_bytes(const void *p, size_t n);
uint64_t hash_bytes_seed(const void *p, size_t n, uint64_t seed);

/* Lower-cases UTF-8 `s` (n bytes, valid UTF-8) into `out` (capacity `cap`,
 * at least 2*n+1 bytes is always enough).  Returns the folded length. */
size_t utf8_fold(const char *s, size_t n, char *out, size_t cap);

/* Lower-cases one token w[0..wn) into out (capacity 2*wn+1): ASCII
 * directly, anything else with utf8_fold.  Returns the folded length. */
size_t utf8_fold_word(const char *w, size_t wn, char *out);

/* A set of byte strings (a hashmap.h map whose values are unused).  Keys
 * are copied.  A zeroed strset_t is empty. */
typedef struct strset {
    hashmap_t map;
} strset_t;

int strset_add(strset_t *s, const char *k, size_t n);     /* 0 or -1 (OOM) */
int strset_has(const strset_t *s, const char *k, size_t n);
void strset_free(strset_t *s);

/* A sort key: (hi, lo) compared as one unsigned 128-bit number. */
typedef struct sortkey {
    uint64_t hi, lo;
} sortkey_t;

/* Reorders the n elements of base (`size` bytes each) so that their keys
 * ascend: element i has key k[i], whose low 32 bits of lo the caller
 * leaves 0 and this sets to i, so equal keys keep their order (the order
 * of a stable sort, such as glibc's qsort, a merge sort, by a comparator
 * that orders as the keys do).  Input already in order costs n - 1 key
 * comparisons and no copy; otherwise the keys are sorted (a merge sort
 * through the stack up to 1,024 keys, a heap sort in place above) and
 * the elements moved in place (no scratch but one element); k is left
 * sorted.  0, or -1 when out of memory or n >= 2^32 (base unchanged). */
int sort_by_keys(void *base, size_t n, size_t size, sortkey_t *k);

/* The order of sort_by_keys, for elements whose key key(e) computes (the
 * low 32 bits of lo left 0).  Up to SORT_FN_STORED elements the keys are
 * computed once into an array for sort_by_keys; above, for a huge
 * document's sake, they are computed as they are compared and a heap sort
 * orders 4-byte indexes instead: 4 bytes an element, not 16, for some
 * more instructions.  Input already in order allocates nothing.  0, or -1
 * when out of memory or n >= 2^32 (base unchanged). */
#define SORT_FN_STORED 65536
int sort_by_key_fn(void *base, size_t n, size_t size, sortkey_t (*key)(const void *e));

/* Calls fn(line, len, ctx) for each line of buf, without the newline,
 * skipping empty lines and lines starting with '#'.  Stops and returns the
 * first non-zero value fn returns. */
int for_each_line(const char *buf, size_t n,
                  int (*fn)(const char *line, size_t len, void *ctx),
                  void *ctx);

/* Splits a line at TABs into at most `max` fields; returns the count. */
size_t split_tabs(const char *line, size_t len, const char **f, size_t *fl,
                  size_t max);

#endif
