/* seqtrie.h - a trie over sequences of byte strings (token texts), for the
 * document rules that look for a known multi-token name at every token:
 * the walk from a token costs at most the length of the longest matching
 * name, whatever the number of mentions that share its first word, so the
 * rules stay linear in the document (issue #15, item 3).
 *
 * Nodes are numbered from 0 (the root); edges live in one open-addressing
 * hash table keyed by (parent, key bytes).  Key bytes are borrowed: they
 * must outlive the trie (token texts of the document do).  Each node holds
 * one int value, -1 when none. */
#ifndef WARTA_SEQTRIE_H
#define WARTA_SEQTRIE_H

#include <stddef.h>
#include <stdint.h>

#define SEQTRIE_NONE UINT32_MAX

typedef struct seqtrie_edge {
    uint64_t h;
    uint32_t parent, child; /* child 0 = empty slot (the root is nobody's child) */
    const char *k;
    size_t n;
} seqtrie_edge_t;

typedef struct seqtrie {
    seqtrie_edge_t *edge;
    size_t nedge, capedge;
    int *val; /* [nnode] */
    size_t nnode, capval;
} seqtrie_t;

/* An empty trie (just the root); 0 or -1 when out of memory. */
int seqtrie_init(seqtrie_t *t);
void seqtrie_free(seqtrie_t *t);

/* The child of `node` by key k[0..n), SEQTRIE_NONE when absent. */
uint32_t seqtrie_child(const seqtrie_t *t, uint32_t node, const char *k, size_t n);

/* The child, added when absent; SEQTRIE_NONE when out of memory. */
uint32_t seqtrie_add(seqtrie_t *t, uint32_t node, const char *k, size_t n);

static inline int seqtrie_val(const seqtrie_t *t, uint32_t node) { return t->val[node]; }
static inline void seqtrie_set(seqtrie_t *t, uint32_t node, int v) { t->val[node] = v; }

#endif
