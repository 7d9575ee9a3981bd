/* Unit tests: the word-type cache (typecache.c).  A hit returns the
 * payload stored for exactly that key and tag; a key seen again after
 * many others may have been evicted (fresh) but is never confused with
 * another; a word used all the time stays; the cache goes from its small
 * start to all its sets without losing exactness; what a sentence was
 * given stays in place until the next sentence. */
#include "t.h"
#include "typecache.h"
#include "util.h"

typedef struct payload {
    char key[TYPECACHE_KEYMAX + 1];
    uint32_t tag;
} payload_t;

static void key_of(unsigned i, char *k, size_t *n) { *n = (size_t)snprintf(k, 32, "w%u", i * 7919u); }

/* Fills or checks: a hit must carry the key and tag it was filled for
 * (nothing cached, when the sentence holds the whole set, is no error). */
static int nulls;
static int get(typecache_t *c, const char *k, size_t n, uint32_t tag, int *fresh)
{
    payload_t *p = typecache_get(c, hash_bytes(k, n), k, n, tag, fresh);
    if (!p) {
        nulls++;
        return !*fresh;
    }
    if (*fresh) {
        memset(p, 0, sizeof *p);
        memcpy(p->key, k, n);
        p->tag = tag;
        return 1;
    }
    return strlen(p->key) == n && !memcmp(p->key, k, n) && p->tag == tag;
}

static void hits_are_exact(void)
{
    typecache_t *c = typecache_new(64, sizeof(payload_t));
    CHECK(c != NULL);
    int bad = 0, hits = 0, again = 0, fresh;
    for (unsigned round = 0; c && round < 20000; round++) {
        if (round % 16 == 0)
            typecache_sentence(c);
        /* 40 frequent keys and 3,000 rare ones; 512 entries */
        unsigned i = round % 3 ? (round * 2654435761u) % 40 : 40 + (round * 2654435761u) % 3000;
        char k[32];
        size_t n;
        key_of(i, k, &n);
        uint32_t tag = i % 3;
        bad += !get(c, k, n, tag, &fresh);
        hits += !fresh;
        bad += !get(c, k, n, tag, &fresh);
        again += fresh; /* at once: a hit, but at the move to all sets */
        bad += !get(c, k, n, tag + 1, &fresh) && !fresh; /* another tag: its own entry */
    }
    CHECK_INT(bad, 0);
    CHECK(nulls < 200);
    CHECK(again <= 1 + nulls);
    CHECK(hits > 5000);
    typecache_free(c);
}

/* One word between every other word of a long stream stays cached. */
static void recurring_word_stays(void)
{
    typecache_t *c = typecache_new(16, sizeof(payload_t));
    CHECK(c != NULL);
    int fresh, misses = 0;
    for (unsigned i = 0; c && i < 5000; i++) {
        typecache_sentence(c);
        char k[32];
        size_t n;
        key_of(i + 100, k, &n);
        CHECK(get(c, k, n, 0, &fresh));
        CHECK(get(c, "yang", 4, 0, &fresh));
        misses += fresh;
    }
    CHECK_INT(misses, 2); /* the first use, and the move to all sets */
    typecache_free(c);
}

/* One set of 8 ways: a sentence of 9 new words gets 8 entries and NULL
 * for the ninth, and the 8 keep their payloads; the next sentence may
 * take the oldest. */
static void sentence_entries_stay(void)
{
    typecache_t *c = typecache_new(1, sizeof(payload_t));
    CHECK(c != NULL);
    if (!c)
        return;
    typecache_sentence(c);
    payload_t *got[TYPECACHE_WAYS + 1];
    int fresh;
    for (unsigned i = 0; i <= TYPECACHE_WAYS; i++) {
        char k[32];
        size_t n;
        key_of(i, k, &n);
        got[i] = typecache_get(c, hash_bytes(k, n), k, n, 0, &fresh);
        if (got[i]) {
            CHECK(fresh);
            memcpy(got[i]->key, k, n + 1);
        }
    }
    CHECK(got[TYPECACHE_WAYS] == NULL);
    for (unsigned i = 0; i < TYPECACHE_WAYS; i++) {
        char k[32];
        size_t n;
        key_of(i, k, &n);
        CHECK(got[i] && !strcmp(got[i]->key, k));
    }
    typecache_sentence(c);
    char k[32];
    size_t n;
    key_of(TYPECACHE_WAYS, k, &n);
    payload_t *p = typecache_get(c, hash_bytes(k, n), k, n, 0, &fresh);
    CHECK(p != NULL && fresh && p == got[0]); /* the least recently used */
    typecache_free(c);
}

static void long_keys_not_cached(void)
{
    typecache_t *c = typecache_new(8, sizeof(payload_t));
    if (c)
        typecache_sentence(c);
    char k[TYPECACHE_KEYMAX + 2];
    memset(k, 'a', sizeof k);
    int fresh = 7;
    CHECK(c && typecache_get(c, hash_bytes(k, sizeof k), k, sizeof k, 0, &fresh) == NULL);
    CHECK_INT(fresh, 0);
    typecache_free(c);
}

int main(void)
{
    RUN(hits_are_exact);
    RUN(recurring_word_stays);
    RUN(sentence_entries_stay);
    RUN(long_keys_not_cached);
    return T_EXIT();
}
