/* lines.c - bounded line reading (see lines.h). */
#include "lines.h"

#include <errno.h>
#include <stdlib.h>

/* Reads up to and including the next '\n' (or the end) and drops it. */
static void skip_rest(FILE *fp)
{
    int ch;
    while ((ch = getc_unlocked(fp)) != EOF && ch != '\n')
        ;
}

int line_read(FILE *fp, size_t max, char **line, size_t *len)
{
    size_t n = 0, cap = 0;
    char *b = NULL;
    int ch;
    *line = NULL;
    *len = 0;
    errno = 0;
    while ((ch = getc_unlocked(fp)) != EOF && ch != '\n') {
        if (n == max) {
            free(b);
            skip_rest(fp);
            return EFBIG;
        }
        if (n + 1 >= cap) {
            size_t nc = cap ? cap * 2 : 256;
            if (nc > max + 1 && max + 1 > n + 1)
                nc = max + 1; /* never more than the longest line kept */
            char *nb = nc < cap ? NULL : realloc(b, nc);
            if (!nb) {
                free(b);
                skip_rest(fp);
                return ENOMEM;
            }
            b = nb;
            cap = nc;
        }
        b[n++] = (char)ch;
    }
    if (ch == EOF && ferror(fp)) {
        free(b);
        return errno ? errno : EIO;
    }
    if (ch == EOF && n == 0) {
        free(b);
        return EOF;
    }
    if (!b && !(b = malloc(1)))
        return ENOMEM;
    b[n] = '\0';
    *line = b;
    *len = n;
    return 0;
}
