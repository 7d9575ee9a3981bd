/* decimal.h - exact decimal amounts as strings, no floating point.
 *
 * A normalized decimal is what the JSON schema writes for MONEY: ASCII
 * digits without leading zeros (but a lone "0"), optionally a point and a
 * fraction without trailing zeros ("1200000000000", "84.5", "0.5").  Money
 * (money.c) builds them from the numbers it matches, the summary (render.c)
 * adds them up, and the fuzz targets check them. */
#ifndef WARTA_DECIMAL_H
#define WARTA_DECIMAL_H

#include <stddef.h>

/* Room for the longest amount decimal_from_number() writes, with its NUL:
 * 24 integer + 12 fraction digits + a scale of 10^12, and more. */
#define DECIMAL_MAX 80

/* Writes the number `s` of `n` bytes, as written in Indonesian or English
 * news (thousand dots and a decimal comma "1.105,5"; two or more thousand
 * commas and a decimal point "1,105,000.5"; a point followed by one or two
 * digits is decimal "3.25"; a single comma is decimal "84,50"), times
 * 10^exp (exp >= 0), as a normalized decimal into out[DECIMAL_MAX].
 * Characters other than digits and the decimal mark are skipped.  Returns
 * the length written, or 0 when the result does not fit. */
size_t decimal_from_number(const char *s, size_t n, int exp, char *out);

/* Compares two normalized decimals: <0, 0 or >0. */
int decimal_cmp(const char *a, const char *b);

/* The exact sum of two non-negative decimals (digits, optionally a point and
 * digits), normalized, in a malloc'd string the caller frees; NULL when out
 * of memory. */
char *decimal_add(const char *a, const char *b);

/* 1 when `s` is digits, optionally followed by a point and more digits, and
 * nothing else (the form MONEY amounts take in the JSON output). */
int decimal_valid(const char *s);

#endif
