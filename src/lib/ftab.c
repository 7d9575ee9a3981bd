/* ftab.c - flat read-only hash tables (ftab.h). */
#include "ftab.h"

#include <string.h>

#include "util.h"

/* Eight bytes at a time (hash_bytes, FNV-1a, takes one multiply per
 * byte); a tail of 4 to 7 bytes as two overlapping 4-byte words, a
 * shorter one byte by byte (the length is in the seed).  Only this build's
 * tables are read with it, so the byte order does not matter. */
uint64_t ftab_hash(const void *k, size_t n, uint64_t seed)
{
    const unsigned char *p = k;
    uint64_t h = seed ^ (n * 0x9E3779B97F4A7C15ULL), w;
    for (; n >= 8; p += 8, n -= 8) {
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 31;
    }
    if (n >= 4) { /* two overlapping loads cover 4 to 7 bytes */
        uint32_t a, b;
        memcpy(&a, p, 4);
        memcpy(&b, p + n - 4, 4);
        h = (h ^ ((uint64_t)a << 32 | b)) * 0xBF58476D1CE4E5B9ULL;
    } else if (n) {
        w = (uint64_t)p[0] | (uint64_t)p[n / 2] << 8 | (uint64_t)p[n - 1] << 16;
        h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
    }
    h ^= h >> 29;
    h *= 0x94D049BB133111EBULL;
    return h ^ (h >> 32);
}

static uint64_t key_hash(const void *k, size_t n)
{
    uint64_t h = ftab_hash(k, n, 0);
    return h ? h : 1;
}

typedef struct ftab_head {
    uint64_t cap, n, pool, reserved;
} ftab_head_t;

static int grow_to(unsigned char **out, size_t *cap, size_t need)
{
    return vec_reserve((void **)out, cap, need, 1);
}

int ftab_image(const hashmap_t *m, unsigned char **out, size_t *len, size_t *cap)
{
    size_t slots = 16, pool = 0;
    while (slots < 2 * m->n)
        slots *= 2;
    for (size_t i = 0; i < m->cap; i++)
        if (m->hash[i]) {
            if (m->len[i] > 0xFFFF)
                return -1;
            pool += 2 + m->len[i];
        }
    size_t at = (*len + 7) & ~(size_t)7, head = sizeof(ftab_head_t);
    size_t total = head + slots * sizeof(ftab_slot_t) + ((pool + 7) & ~(size_t)7);
    if (grow_to(out, cap, at + total))
        return -1;
    unsigned char *img = *out + at;
    memset(*out + *len, 0, at + total - *len);
    ftab_head_t hd = {slots, m->n, pool, 0};
    memcpy(img, &hd, sizeof hd);
    ftab_slot_t *sl = (ftab_slot_t *)(void *)(img + head);
    unsigned char *kp = img + head + slots * sizeof(ftab_slot_t);
    size_t ko = 0;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->hash[i])
            continue;
        const char *k = m->pool + m->off[i];
        uint32_t kn = m->len[i];
        uint64_t h = key_hash(k, kn);
        size_t j = (size_t)h & (slots - 1);
        while (sl[j].h)
            j = (j + 1) & (slots - 1);
        sl[j] = (ftab_slot_t){h, (uint32_t)ko, (uint32_t)m->val[i]};
        kp[ko] = (unsigned char)(kn & 0xFF);
        kp[ko + 1] = (unsigned char)(kn >> 8);
        memcpy(kp + ko + 2, k, kn);
        ko += 2 + kn;
    }
    *len = at + total;
    return 0;
}

int ftab_view(ftab_t *t, const void *img, size_t n)
{
    memset(t, 0, sizeof *t);
    ftab_head_t hd;
    if (n < sizeof hd || ((uintptr_t)img & 7))
        return -1;
    memcpy(&hd, img, sizeof hd);
    if (!hd.cap || (hd.cap & (hd.cap - 1)) || hd.n * 2 > hd.cap ||
        hd.cap > (n - sizeof hd) / sizeof(ftab_slot_t) ||
        hd.pool > n - sizeof hd - hd.cap * sizeof(ftab_slot_t))
        return -1;
    const unsigned char *b = img;
    t->slot = (const ftab_slot_t *)(const void *)(b + sizeof hd);
    t->pool = b + sizeof hd + hd.cap * sizeof(ftab_slot_t);
    t->mask = (size_t)hd.cap - 1;
    t->n = (size_t)hd.n;
    return 0;
}

uint64_t ftab_key_hash(const void *k, size_t n)
{
    return key_hash(k, n);
}

const uint32_t *ftab_get(const ftab_t *t, const void *k, size_t n)
{
    return t->n ? ftab_get_h(t, k, n, key_hash(k, n)) : NULL;
}

const uint32_t *ftab_get_h(const ftab_t *t, const void *k, size_t n, uint64_t h)
{
    if (!t->n)
        return NULL;
    for (size_t i = (size_t)h & t->mask;; i = (i + 1) & t->mask) {
        const ftab_slot_t *s = &t->slot[i];
        if (!s->h)
            return NULL;
        if (s->h != h)
            continue;
        const unsigned char *kp = t->pool + s->koff;
        if ((size_t)(kp[0] | kp[1] << 8) == n && memcmp(kp + 2, k, n) == 0)
            return &s->val;
    }
}
