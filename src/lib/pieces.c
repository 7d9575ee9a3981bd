/* pieces.c - the pieces of names that the gazetteer and user lexicons
 * match (see pieces.h). */
#include "pieces.h"

#include <string.h>
#include <utf8proc.h>

/* 1: an ASCII punctuation mark ('!' to '/', ':' to '@', '[' to '`', '{'
 * to '~'); 2: a space; both end a piece. */
static const unsigned char piece_end[256] = {
    ['!'] = 1, ['"'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1, ['('] = 1,
    [')'] = 1, ['*'] = 1, ['+'] = 1, [','] = 1, ['-'] = 1, ['.'] = 1, ['/'] = 1, [':'] = 1,
    [';'] = 1, ['<'] = 1, ['='] = 1, ['>'] = 1, ['?'] = 1, ['@'] = 1, ['['] = 1, ['\\'] = 1,
    [']'] = 1, ['^'] = 1, ['_'] = 1, ['`'] = 1, ['{'] = 1, ['|'] = 1, ['}'] = 1, ['~'] = 1,
    [' '] = 2};

int is_punct(unsigned char c)
{
    return piece_end[c] == 1;
}

/* Next piece of s[*i..n): sets *b, *e; returns 0 at the end.  Spaces are
 * skipped (only data forms hold them). */
int next_piece(const char *s, size_t n, size_t *i, size_t *b, size_t *e)
{
    size_t k = *i;
    while (k < n && s[k] == ' ')
        k++;
    if (k >= n)
        return 0;
    *b = k;
    if (is_punct((unsigned char)s[k]))
        k++;
    else
        while (k < n && !piece_end[(unsigned char)s[k]])
            k++;
    *e = k;
    *i = k;
    return 1;
}

int has_lower(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char a = (unsigned char)s[i];
        if (a < 0x80) { /* utf8proc_islower, for ASCII */
            if (a >= 'a' && a <= 'z')
                return 1;
            i++;
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0)
            return 0;
        if (utf8proc_islower(c))
            return 1;
        i += (size_t)k;
    }
    return 0;
}

int first_upper(const char *s, size_t n)
{
    utf8proc_int32_t c;
    if (n && (unsigned char)s[0] < 0x80) /* utf8proc's answer, for ASCII */
        return s[0] >= 'A' && s[0] <= 'Z';
    if (!n || utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c) <= 0)
        return 0;
    return utf8proc_isupper(c) || utf8proc_category(c) == UTF8PROC_CATEGORY_LT;
}

int piece_class(const char *s, size_t n, int after_hyphen)
{
    if (!has_lower(s, n) && n >= 2 && !is_punct((unsigned char)s[0]))
        return P_EXACT;
    if (first_upper(s, n) && !after_hyphen)
        return P_CAP;
    return P_ANY;
}

static int piece_ok(const char *base, const piece_t *pc, const char *s, size_t n)
{
    switch (pc->cls) {
    case P_EXACT: return n == pc->len && memcmp(s, base + pc->off, n) == 0;
    case P_CAP: return first_upper(s, n);
    default: return 1;
    }
}

int pieces_case_ok(const pipe_t *p, const char *base, const piece_t *pcs, size_t np,
                   size_t tb, size_t te)
{
    size_t k = 0;
    for (size_t t = tb; t < te; t++) {
        const char *s = p->s + p->tok[t].byte_start;
        size_t n = p->tok[t].byte_end - p->tok[t].byte_start, i = 0, b, e;
        while (next_piece(s, n, &i, &b, &e)) {
            if (k >= np || !piece_ok(base, &pcs[k], s + b, e - b))
                return 0;
            k++;
        }
    }
    return k == np;
}
