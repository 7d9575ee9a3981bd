/* text.c - UTF-8 validation and repair (RFC 3629 well-formedness table). */
#include "text.h"

#include <stdlib.h>
#include <string.h>

#include "warta.h"

size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2 || c > 0xF4)
        return 0;
    size_t len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n < len)
        return 0;
    unsigned lo = 0x80, hi = 0xBF; /* range of the second byte */
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F;
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

int text_check(const char *s, size_t n, size_t *chars, size_t *bad)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        *bad = 0;
        return WARTA_ERR_UTF16;
    }
    const char *nul = memchr(s, '\0', n);
    if (nul) {
        *bad = (size_t)(nul - s);
        return WARTA_ERR_BINARY;
    }
    size_t i = 0, cp = 0;
    while (i < n) {
        /* ASCII fast path, 8 bytes at a time */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
            i += 8;
            cp += 8;
        }
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
    if (n > (SIZE_MAX - 1) / 3)
        return NULL;
    char *o = malloc(n * 3 + 1);
    if (!o)
        return NULL;
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, j = 0;
    while (i < n) {
        size_t k = utf8_seq_len(u + i, n - i);
        if (k) {
            memcpy(o + j, s + i, k);
            i += k;
            j += k;
        } else {
            memcpy(o + j, "\xEF\xBF\xBD", 3);
            i++;
            j += 3;
        }
    }
    o[j] = '\0';
    *out_n = j;
    return o;
}
