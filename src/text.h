/* text.h - byte-level checks before any stage sees the text. */
#ifndef WARTA_TEXT_H
#define WARTA_TEXT_H

#include <stddef.h>

/* Length of the longest valid UTF-8 sequence at s[0..n) (1-4), or 0 when
 * the bytes there are not valid UTF-8 (overlong, surrogate, > U+10FFFF,
 * truncated). */
size_t utf8_seq_len(const unsigned char *s, size_t n);

/* Checks that s[0..n) is text: no UTF-16 BOM (WARTA_ERR_UTF16), no NUL
 * byte (WARTA_ERR_BINARY), valid UTF-8 (WARTA_ERR_INVALID_UTF8).  Returns
 * WARTA_OK and the code point count in *chars, or the error and its byte
 * offset in *bad.  NUL and UTF-16 take precedence over invalid UTF-8. */
int text_check(const char *s, size_t n, size_t *chars, size_t *bad);

/* Returns a malloc'd copy of s[0..n) with every byte that does not start a
 * valid UTF-8 sequence replaced by U+FFFD (EF BF BD); *out_n gets its
 * length.  NULL when out of memory. */
char *text_repair(const char *s, size_t n, size_t *out_n);

#endif
