/* summary.c - distinct entities with counts (see summary.h). */
#include "summary.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decimal.h"
#include "util.h"

static int sum_cmp(const void *x, const void *y)
{
    const sum_item_t *a = x, *b = y;
    if (a->type != b->type)
        return a->type < b->type ? -1 : 1;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

/* The key an entity is counted under: ISO code for a country, currency for
 * money, else the canonical form, the name, or the text itself. */
static const char *sum_key(const warta_doc_t *d, const warta_entity_t *e, size_t *kl)
{
    const char *key;
    if (e->type == WARTA_COUNTRY && e->iso)
        key = e->iso;
    else if (e->type == WARTA_MONEY)
        key = e->currency ? e->currency : "";
    else if (e->canonical)
        key = e->canonical;
    else if (e->name)
        key = e->name;
    else {
        *kl = e->byte_end - e->byte_start;
        return d->text + e->byte_start;
    }
    *kl = strlen(key);
    return key;
}

void summary_free(summary_t *s)
{
    for (size_t j = 0; j < s->n; j++)
        free(s->items[j].total);
    free(s->items);
    s->items = NULL;
    s->n = 0;
}

/* An open-addressing index over the items: slot -> item index + 1 (0 is
 * empty), sized to a power of two at least twice the entity count, so a
 * lookup is O(1) expected and the whole aggregation O(n) before the sort. */
typedef struct sum_index {
    size_t *slot;
    size_t mask;
} sum_index_t;

static uint64_t sum_hash(int type, const char *key, size_t kl)
{
    return hash_bytes_seed(key, kl, 0x9e3779b97f4a7c15u * (uint64_t)(type + 1));
}

/* The item of (type, key) in it[0..*k), added when absent. */
static sum_item_t *sum_find(sum_index_t *x, sum_item_t *it, size_t *k, size_t *probes,
                            const warta_entity_t *e, const char *key, size_t kl, size_t first)
{
    int type = (int)e->type;
    size_t h = (size_t)sum_hash(type, key, kl) & x->mask;
    for (; x->slot[h]; h = (h + 1) & x->mask) {
        sum_item_t *c = &it[x->slot[h] - 1];
        ++*probes;
        if (c->type == type && c->key_len == kl && memcmp(c->key, key, kl) == 0)
            return c;
    }
    sum_item_t *c = &it[*k];
    c->type = type;
    c->key = key;
    c->key_len = kl;
    c->iso = e->iso;
    c->name = e->name;
    c->first = first;
    x->slot[h] = ++*k;
    return c;
}

int summary_build(const warta_doc_t *d, summary_t *s)
{
    size_t n = d->n_entities, k = 0, cap = 16;
    int rc = WARTA_OK;
    s->n = s->probes = 0;
    while (cap < 2 * n)
        cap *= 2;
    sum_index_t x = {calloc(cap, sizeof *x.slot), cap - 1};
    sum_item_t *it = s->items = calloc(n ? n : 1, sizeof *it);
    if (!it || !x.slot) {
        free(x.slot);
        free(it);
        s->items = NULL;
        return WARTA_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const warta_entity_t *e = &d->entities[i];
        size_t kl;
        const char *key = sum_key(d, e, &kl);
        sum_item_t *c = sum_find(&x, it, &k, &s->probes, e, key, kl, i);
        c->count++;
        if (e->type == WARTA_MONEY && e->amount) {
            char *t = decimal_add(c->total ? c->total : "0", e->amount);
            if (!t)
                rc = WARTA_ERR_NOMEM;
            free(c->total);
            c->total = t;
        }
    }
    free(x.slot);
    s->n = k;
    qsort(it, k, sizeof *it, sum_cmp);
    return rc;
}

static void write_item(jw_t *w, int t, const sum_item_t *it)
{
    jw_open(w, "{");
    if (t == WARTA_MONEY) {
        jw_key(w, 1, "currency");
        jb_str(w->b, it->key, it->key_len);
        jw_key(w, 0, "total");
        jb_amount(w->b, it->total ? it->total : "0");
    } else if (t == WARTA_COUNTRY && it->iso) {
        jw_key(w, 1, "iso");
        jb_str(w->b, it->key, it->key_len);
        if (it->name) {
            jw_key(w, 0, "name");
            jb_cstr(w->b, it->name);
        }
    } else {
        jw_key(w, 1, "text");
        jb_str(w->b, it->key, it->key_len);
    }
    jw_key(w, 0, "count");
    jb_size(w->b, it->count);
    jw_close(w, "}", 0);
}

void summary_write(jw_t *w, const summary_t *s)
{
    jw_open(w, "{");
    for (int t = 0; t < WARTA_NTYPES; t++) {
        jw_key(w, t == 0, warta_type_name((warta_type_t)t));
        jw_open(w, "[");
        int first = 1;
        for (size_t j = 0; j < s->n; j++) {
            if (s->items[j].type != t)
                continue;
            if (!first)
                jb_put(w->b, ",", 1);
            first = 0;
            jw_nl(w);
            write_item(w, t, &s->items[j]);
        }
        jw_close(w, "]", first);
    }
    jw_close(w, "}", 0);
}
