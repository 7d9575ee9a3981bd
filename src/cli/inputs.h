/* inputs.h - turns the command line's PATHs into a lazy stream of inputs:
 * files, directories walked recursively in byte-wise sorted path order, and
 * standard input.  Nothing is read here: a file input is a path that the
 * caller (a worker thread) reads with read_file().  A path that cannot be
 * walked becomes an input with an error, so every input is accounted for.
 *
 * Memory: one sorted level of names per open directory (the path from the
 * root of the walk to the current directory), names packed in one buffer;
 * a folder of 100,000 files costs about 100,000 * (name length + 5) bytes
 * while it is being walked, and nothing after. */
#ifndef WARTA_CLI_INPUTS_H
#define WARTA_CLI_INPUTS_H

#include <stddef.h>
#include <stdio.h>

typedef struct inputs_options {
    const char *glob; /* files to take from directories; default "*.txt" */
    int hidden;       /* walk hidden files and folders too */
    /* Reports a non-fatal problem (a directory loop); NULL: print it on
     * stderr as "warta: warning: PATH: MESSAGE". */
    void (*warn)(void *ctx, const char *path, const char *message);
    void *warn_ctx;
} inputs_options_t;

inputs_options_t inputs_options_default(void);

typedef enum input_kind {
    INPUT_FILE = 0, /* source is a path to read (regular file, or any file
                       when it was named on the command line) */
    INPUT_STDIN,    /* source is "-" */
    INPUT_ERROR     /* source could not be walked or found: see error */
} input_kind_t;

typedef struct input {
    input_kind_t kind;
    char *source;       /* path, or "-"; malloc'd */
    size_t size;        /* st_size of a file, 0 when unknown */
    int named;          /* named on the command line (not found by walking) */
    const char *error;  /* INPUT_ERROR: why (points into errbuf) */
    char errbuf[256];
} input_t;

typedef struct inputs inputs_t;

/* `paths` is a NULL-terminated array borrowed for the iterator's life. */
inputs_t *inputs_open(char *const *paths, const inputs_options_t *opt);
/* Fills *d with the next input and returns 1, or returns 0 at the end.
 * Release each input with input_release(). */
int inputs_next(inputs_t *in, input_t *d);
void input_release(input_t *d);
void inputs_close(inputs_t *in);

/* Counts the inputs when every path is a file or "-" (no directory), so a
 * progress line can show a total; returns 0 when a path is a directory. */
size_t inputs_count_if_flat(char *const *paths);

/* Reads all of `fp` into a malloc'd buffer, at most `max` bytes; 0, EFBIG
 * when the stream holds more (having read max + 1 bytes), or an errno
 * value. */
int read_all(FILE *fp, size_t max, char **data, size_t *len);

/* Reads the regular file at `path` into a malloc'd buffer (anything else is
 * refused, and so is a file of more than `max` bytes, from its size before
 * any read).  Returns NULL on success, else a message written into errbuf. */
const char *read_file(const char *path, size_t max, char **data, size_t *len, char *errbuf,
                      size_t errsz);

/* The message of a document over the limit: "document too large (SIZE
 * bytes; the limit is MAX, see --max-doc-bytes)", or "more than MAX
 * bytes" when size is 0 (a stream, read up to the limit). */
void too_large(char *errbuf, size_t errsz, unsigned long long size, size_t max);

#endif
