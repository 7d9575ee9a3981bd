/* corpus.h - the benchmark tools' input: every regular file named on the
 * command line or found under a named directory, read into memory, in
 * byte-wise sorted path order.  One file is one document. */
#ifndef WARTA_TOOLS_CORPUS_H
#define WARTA_TOOLS_CORPUS_H

#include <stddef.h>

typedef struct corpus {
    char **path;   /* [n] */
    char **text;   /* [n] file contents, NUL-terminated */
    size_t *len;   /* [n] bytes */
    size_t n;
    size_t bytes;  /* sum of len */
} corpus_t;

/* Loads the files of paths[0..npaths).  0, or -1 with a message on stderr
 * prefixed by `prog`. */
int corpus_load(corpus_t *c, char *const *paths, int npaths, const char *prog);
void corpus_free(corpus_t *c);

/* Monotonic clock in nanoseconds. */
double corpus_now_ns(void);

#endif
