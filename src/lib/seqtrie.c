/* seqtrie.c - a trie over sequences of byte strings (see seqtrie.h). */
#include "seqtrie.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static uint64_t edge_hash(uint32_t parent, const char *k, size_t n)
{
    return hash_bytes_seed(k, n, (uint64_t)(parent + 1) * 0x9E3779B97F4A7C15ULL);
}

static int new_node(seqtrie_t *t)
{
    if (vec_reserve((void **)&t->val, &t->capval, t->nnode + 1, sizeof *t->val))
        return -1;
    t->val[t->nnode++] = -1;
    return 0;
}

int seqtrie_init(seqtrie_t *t)
{
    memset(t, 0, sizeof *t);
    return new_node(t);
}

void seqtrie_free(seqtrie_t *t)
{
    free(t->edge);
    free(t->val);
    memset(t, 0, sizeof *t);
}

static size_t slot(const seqtrie_edge_t *e, size_t cap, uint64_t h, uint32_t parent,
                   const char *k, size_t n)
{
    size_t mask = cap - 1, i = (size_t)h & mask;
    while (e[i].child && !(e[i].h == h && e[i].parent == parent && e[i].n == n &&
                           memcmp(e[i].k, k, n) == 0))
        i = (i + 1) & mask;
    return i;
}

uint32_t seqtrie_child(const seqtrie_t *t, uint32_t node, const char *k, size_t n)
{
    if (!t->capedge)
        return SEQTRIE_NONE;
    uint64_t h = edge_hash(node, k, n);
    size_t i = slot(t->edge, t->capedge, h, node, k, n);
    return t->edge[i].child ? t->edge[i].child : SEQTRIE_NONE;
}

static int grow(seqtrie_t *t)
{
    size_t nc = t->capedge ? t->capedge * 2 : 64;
    seqtrie_edge_t *ne = calloc(nc, sizeof *ne);
    if (!ne)
        return -1;
    for (size_t i = 0; i < t->capedge; i++) {
        const seqtrie_edge_t *e = &t->edge[i];
        if (e->child)
            ne[slot(ne, nc, e->h, e->parent, e->k, e->n)] = *e;
    }
    free(t->edge);
    t->edge = ne;
    t->capedge = nc;
    return 0;
}

uint32_t seqtrie_add(seqtrie_t *t, uint32_t node, const char *k, size_t n)
{
    uint32_t c = seqtrie_child(t, node, k, n);
    if (c != SEQTRIE_NONE)
        return c;
    if (((t->nedge + 1) * 2 > t->capedge && grow(t)) || new_node(t))
        return SEQTRIE_NONE;
    uint64_t h = edge_hash(node, k, n);
    size_t i = slot(t->edge, t->capedge, h, node, k, n);
    t->edge[i] = (seqtrie_edge_t){h, node, (uint32_t)(t->nnode - 1), k, n};
    t->nedge++;
    return (uint32_t)(t->nnode - 1);
}
