/* term.c - escaping for the terminal (see term.h). */
#include "term.h"

#include <string.h>

size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t k = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
               : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (!k || k > n)
        return 0;
    for (size_t i = 1; i < k; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f) || (c == 0xf0 && s[1] < 0x90) ||
        (c == 0xf4 && s[1] > 0x8f))
        return 0; /* overlong, surrogate, above U+10FFFF */
    return k;
}

void term_put(FILE *f, const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n = strlen(str);
    for (size_t i = 0; i < n;) {
        size_t k = utf8_len(s + i, n - i);
        if (k == 1 && (s[i] < 0x20 || s[i] == 0x7f))
            fprintf(f, "\\x%02x", s[i]);
        else if (k == 2 && s[i] == 0xc2 && s[i + 1] <= 0x9f)
            fprintf(f, "\\u%04x", s[i + 1]);
        else if (k)
            fwrite(s + i, 1, k, f);
        else
            fprintf(f, "\\x%02x", s[i]);
        i += k ? k : 1;
    }
}

void term_msg(const char *level, const char *a, const char *b)
{
    fprintf(stderr, "warta: %s: ", level);
    term_put(stderr, a ? a : "?");
    if (b) {
        fputs(": ", stderr);
        term_put(stderr, b);
    }
    fputc('\n', stderr);
}
