/* summary.h - the --summary aggregation: a document's distinct entities by
 * type and canonical form, with their counts (and MONEY totals), in the
 * order they are written: by type, most frequent first, then by first
 * mention.  Built in O(n) expected time (a hash index) plus the sort.
 * summary_write() serializes it as the "summary" JSON object.
 * Internal to the library. */
#ifndef WARTA_SUMMARY_H
#define WARTA_SUMMARY_H

#include <stddef.h>

#include "jsonw.h"
#include "warta.h"

typedef struct sum_item {
    int type;
    const char *key;  /* canonical form (NUL-terminated, borrowed or owned) */
    size_t key_len;
    const char *iso;  /* COUNTRY */
    const char *name; /* COUNTRY: canonical name */
    char *total;      /* MONEY: exact decimal total, malloc'd */
    size_t count;
    size_t first;     /* first entity index, for a stable order */
} sum_item_t;

typedef struct summary {
    sum_item_t *items; /* malloc'd; keys borrowed from the document */
    size_t n;
    size_t probes; /* key comparisons made while aggregating (a work count
                      for the tests: about one per entity) */
} summary_t;

/* Aggregates the entities of `d` (borrowed: the summary must not outlive
 * it).  Returns WARTA_OK, or WARTA_ERR_NOMEM with *s empty. */
int summary_build(const warta_doc_t *d, summary_t *s);
/* Writes the "summary" object: one array per type, in type order. */
void summary_write(jw_t *w, const summary_t *s);
void summary_free(summary_t *s);

#endif
