/* inputs.h - turns the command line's PATHs into a stream of documents:
 * files, directories walked recursively in byte-wise sorted path order, and
 * standard input.  A path that cannot be read becomes a document with an
 * error, so every input is accounted for. */
#ifndef WARTA_CLI_INPUTS_H
#define WARTA_CLI_INPUTS_H

#include <stddef.h>
#include <stdio.h>

typedef struct inputs_options {
    const char *glob; /* files to take from directories; default "*.txt" */
    int hidden;       /* walk hidden files and folders too */
} inputs_options_t;

inputs_options_t inputs_options_default(void);

typedef struct document {
    char *source;      /* path, or "-"; malloc'd */
    char *data;        /* contents; malloc'd; NULL when error is set */
    size_t len;
    const char *error; /* NULL, or why the input could not be read (errbuf) */
    char errbuf[256];
} document_t;

typedef struct inputs inputs_t;

/* `paths` is a NULL-terminated array borrowed for the iterator's life. */
inputs_t *inputs_open(char *const *paths, const inputs_options_t *opt);
/* Fills *d with the next document and returns 1, or returns 0 at the end.
 * Release each document with document_release(). */
int inputs_next(inputs_t *in, document_t *d);
void document_release(document_t *d);
void inputs_close(inputs_t *in);

/* Reads all of `fp` into a malloc'd buffer; 0, or an errno value. */
int read_all(FILE *fp, char **data, size_t *len);

#endif
