/* lines.h - bounded line reading for --input lines / jsonl.
 *
 * getline() reads a line however long it is, and when it cannot allocate
 * it fails with ENOMEM while setting neither the EOF nor the error flag.
 * line_read() stops at a limit instead, skips the rest of a line it does
 * not keep, and says why, so one huge line costs at most `max` bytes and
 * becomes one error record while the stream goes on. */
#ifndef WARTA_CLI_LINES_H
#define WARTA_CLI_LINES_H

#include <stddef.h>
#include <stdio.h>

/* Reads the next line of fp, without its '\n', into *line (malloc'd,
 * NUL-terminated, *len bytes; may hold NULs).  Returns 0 with a line;
 * EOF at the end of the stream; EFBIG when the line holds more than `max`
 * bytes, or ENOMEM when it could not be held: then the rest of the line is
 * read and dropped and *line is NULL; or the errno value of a read error.
 * Reads fp with getc_unlocked(): one thread at a time. */
int line_read(FILE *fp, size_t max, char **line, size_t *len);

#endif
