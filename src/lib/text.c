/* text.c - UTF-8 validation and repair (Unicode 15 table 3-7), byte order
 * marks of other encodings, NUL bytes.  See text.h. */
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "warta.h"

/* Range of the second byte after lead byte c (table 3-7); the third and
 * fourth bytes are always 80..BF. */
static void second_range(unsigned c, unsigned *lo, unsigned *hi)
{
    *lo = 0x80;
    *hi = 0xBF;
    if (c == 0xE0)
        *lo = 0xA0;
    else if (c == 0xED)
        *hi = 0x9F;
    else if (c == 0xF0)
        *lo = 0x90;
    else if (c == 0xF4)
        *hi = 0x8F;
}

/* Sequence length announced by a lead byte, or 0 for a byte that never
 * starts a sequence (80..C1, F5..FF). */
static size_t lead_len(unsigned c)
{
    if (c < 0x80)
        return 1;
    if (c < 0xC2 || c > 0xF4)
        return 0;
    return c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Number of bytes of s[0..n) (at most the announced length) that form a
 * prefix of a well-formed sequence. */
static size_t valid_prefix(const unsigned char *s, size_t n)
{
    size_t len = lead_len(s[0]);
    if (len <= 1)
        return len;
    unsigned lo, hi;
    second_range(s[0], &lo, &hi);
    size_t k = 1;
    if (k < n && s[k] >= lo && s[k] <= hi) {
        k++;
        while (k < len && k < n && (s[k] & 0xC0) == 0x80)
            k++;
    }
    return k;
}

size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    size_t len = lead_len(s[0]);
    if (len <= 1)
        return len;
    return valid_prefix(s, n) == len ? len : 0;
}

size_t utf8_bad_len(const unsigned char *s, size_t n)
{
    size_t k = valid_prefix(s, n);
    return k ? k : 1;
}

int text_utf16_bom(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && !u[2] && !u[3]) ||
                   (!u[0] && !u[1] && u[2] == 0xFE && u[3] == 0xFF)))
        return 32;
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return 16;
    return 0;
}

/* Index of the first byte >= 0x80 in u[i..n), or n; 8 bytes at a time. */
static size_t skip_ascii(const unsigned char *u, size_t i, size_t n)
{
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, u + i, 8);
        if (w & 0x8080808080808080ULL)
            break;
        i += 8;
    }
    while (i < n && u[i] < 0x80)
        i++;
    return i;
}

int text_check(const char *s, size_t n, size_t *chars, size_t *bad)
{
    const unsigned char *u = (const unsigned char *)s;
    *chars = 0;
    *bad = 0;
    if (text_utf16_bom(s, n))
        return WARTA_ERR_UTF16;
    const char *nul = n ? memchr(s, '\0', n) : NULL;
    if (nul) {
        *bad = (size_t)(nul - s);
        return WARTA_ERR_BINARY;
    }
    size_t i = 0, cp = 0;
    while (i < n) {
        size_t j = skip_ascii(u, i, n);
        cp += j - i;
        i = j;
        if (i >= n)
            break;
        size_t k = utf8_seq_len(u + i, n - i);
        if (!k) {
            *bad = i;
            return WARTA_ERR_INVALID_UTF8;
        }
        i += k;
        cp++;
    }
    *chars = cp;
    return WARTA_OK;
}

char *text_repair(const char *s, size_t n, size_t *out_n)
{
    const unsigned char *u = (const unsigned char *)s;
    /* pass 1: the exact output length (at most 3n, since a subpart of k
     * bytes becomes 3) */
    size_t len = 0;
    for (size_t i = 0; i < n;) {
        size_t j = skip_ascii(u, i, n);
        len += j - i;
        i = j;
        if (i >= n)
            break;
        size_t k = utf8_seq_len(u + i, n - i);
        if (k) {
            len += k;
        } else {
            k = utf8_bad_len(u + i, n - i);
            if (len > SIZE_MAX - 4)
                return NULL;
            len += 3;
        }
        i += k;
    }
    if (len == SIZE_MAX)
        return NULL;
    char *o = malloc(len + 1);
    if (!o)
        return NULL;
    /* pass 2: copy */
    size_t i = 0, j = 0;
    while (i < n) {
        size_t a = skip_ascii(u, i, n);
        memcpy(o + j, s + i, a - i);
        j += a - i;
        i = a;
        if (i >= n)
            break;
        size_t k = utf8_seq_len(u + i, n - i);
        if (k) {
            memcpy(o + j, s + i, k);
            j += k;
        } else {
            k = utf8_bad_len(u + i, n - i);
            memcpy(o + j, "\xEF\xBF\xBD", 3);
            j += 3;
        }
        i += k;
    }
    o[j] = '\0';
    *out_n = j;
    return o;
}
