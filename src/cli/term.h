/* term.h - text from outside (file names, parser excerpts, arguments)
 * written to the terminal safely.
 *
 * A file name can hold an escape sequence (ESC ] 0 ; ... BEL retitles an
 * xterm; ESC [ 2 J clears it) or bytes that are not UTF-8.  Before such
 * text reaches stderr, every C0 control and DEL is written as \xHH, every
 * C1 control (U+0080-U+009F, the 8-bit CSI among them) as \uHHHH, and
 * every byte that is not part of valid UTF-8 as \xHH; the rest (printable
 * UTF-8) is written as it is. */
#ifndef WARTA_CLI_TERM_H
#define WARTA_CLI_TERM_H

#include <stdio.h>

/* Writes NUL-terminated `s` escaped to `f`. */
void term_put(FILE *f, const char *s);

/* "warta: LEVEL: A: B\n" on stderr, A and B escaped (B may be NULL). */
void term_msg(const char *level, const char *a, const char *b);

/* The length of the valid UTF-8 sequence at s[0..n), 0 if invalid (also
 * overlong forms, surrogates and code points above U+10FFFF). */
size_t utf8_len(const unsigned char *s, size_t n);

#endif
