/* jsonl.h - one JSON Lines record {"id": ..., "text": "..."} (--input jsonl).
 *
 * Parsed with jansson: a maintained parser that gets the corners right
 * (\u escapes with surrogate pairs, lone surrogates and invalid UTF-8
 * rejected, duplicate keys detected), which a hand-written one would have
 * to re-learn.  jansson stays inside the command line; the library does not
 * depend on it. */
#ifndef WARTA_CLI_JSONL_H
#define WARTA_CLI_JSONL_H

#include <stddef.h>

typedef struct jsonl_record {
    void *root;        /* the parsed json_t, owned */
    const char *text;  /* decoded "text", pointing into root; may hold NULs */
    size_t len;        /* its length in bytes */
    char *id_json;     /* "id" as compact JSON (malloc'd), or NULL if absent */
} jsonl_record_t;

/* Call once before threads start (seeds jansson's hash function). */
void jsonl_init(void);

/* Decodes `len` bytes of `line` (no newline needed).  Returns NULL on
 * success; otherwise a message written into errbuf, and r->id_json is still
 * set when the record's id could be read.  Release r with
 * jsonl_record_free() either way. */
const char *jsonl_decode(const char *line, size_t len, jsonl_record_t *r, char *errbuf,
                         size_t errsz);

void jsonl_record_free(jsonl_record_t *r);

/* A malloc'd copy of line[0..n) with every valid JSON number outside
 * strings written as "0" and spaces (same length), so that jansson can
 * parse numbers of any size; invalid numbers are left for it to reject.
 * NULL when out of memory. */
char *jsonl_mask_numbers(const char *line, size_t n);

#endif
