/* text.h - byte-level checks before any stage sees the text.
 *
 * Well-formed UTF-8 is Unicode 15 table 3-7 (RFC 3629): no overlong forms,
 * no surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no truncated
 * sequences.  Repair follows the Unicode "maximal subpart" practice (Unicode
 * 15 section 3.9, U+FFFD substitution of maximal subparts; the same choice
 * as the WHATWG Encoding Standard and Python's errors="replace"): each
 * maximal subpart of an ill-formed sequence becomes one U+FFFD. */
#ifndef WARTA_TEXT_H
#define WARTA_TEXT_H

#include <stddef.h>

/* Length of the well-formed UTF-8 sequence at s[0..n) (1-4), or 0 when the
 * bytes there are not well-formed (overlong, surrogate, > U+10FFFF,
 * truncated, stray continuation byte).  n must be at least 1. */
size_t utf8_seq_len(const unsigned char *s, size_t n);

/* Length (1-3) of the maximal subpart of an ill-formed sequence at s[0..n):
 * the longest prefix of s that is a prefix of some well-formed sequence, or
 * 1 when there is none (a byte that can never start a sequence).  Only
 * meaningful where utf8_seq_len() returned 0.  n must be at least 1. */
size_t utf8_bad_len(const unsigned char *s, size_t n);

/* Checks that s[0..n) is text, in this order of precedence:
 *   UTF-32 or UTF-16 byte order mark at byte 0   WARTA_ERR_UTF16, *bad = 0
 *   a NUL byte (binary data)                     WARTA_ERR_BINARY, *bad = its offset
 *   ill-formed UTF-8                             WARTA_ERR_INVALID_UTF8, *bad = offset
 *                                                of the first byte of the first
 *                                                ill-formed sequence
 * Returns WARTA_OK and the code point count in *chars (a UTF-8 BOM counts as
 * one code point), or the error.  Linear time, no allocation. */
int text_check(const char *s, size_t n, size_t *chars, size_t *bad);

/* 32 when s[0..n) starts with a UTF-32 byte order mark (FF FE 00 00 or
 * 00 00 FE FF), 16 for a UTF-16 one (FF FE or FE FF), else 0. */
int text_utf16_bom(const char *s, size_t n);

/* Returns a malloc'd copy of s[0..n) in which each maximal subpart of an
 * ill-formed sequence is replaced by U+FFFD (EF BF BD); *out_n gets its
 * length, which is exact (the buffer holds *out_n + 1 bytes, NUL-terminated).
 * NUL bytes are kept.  NULL when out of memory. */
char *text_repair(const char *s, size_t n, size_t *out_n);

#endif
