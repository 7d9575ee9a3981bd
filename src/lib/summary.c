/* summary.c - distinct entities with counts (see summary.h). */
#include "summary.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Exact decimal addition of two non-negative decimal strings. */
static char *dec_add(const char *a, const char *b)
{
    const char *ad = strchr(a, '.'), *bd = strchr(b, '.');
    size_t ai = ad ? (size_t)(ad - a) : strlen(a), bi = bd ? (size_t)(bd - b) : strlen(b);
    size_t af = ad ? strlen(ad + 1) : 0, bf = bd ? strlen(bd + 1) : 0;
    size_t ni = (ai > bi ? ai : bi) + 1, nf = af > bf ? af : bf;
    char *r = malloc(ni + nf + 2);
    if (!r)
        return NULL;
    int carry = 0;
    /* digits at position p (p<nf: fractional, from the right) */
    size_t len = ni + nf;
    char *digits = r; /* fill right to left into r[0..len) without the dot */
    for (size_t k = 0; k < len; k++) {
        int da = 0, db = 0;
        if (k < nf) {
            size_t fpos = nf - 1 - k; /* index into fraction */
            if (fpos < af) da = ad[1 + fpos] - '0';
            if (fpos < bf) db = bd[1 + fpos] - '0';
        } else {
            size_t ipos = k - nf; /* from the right of the integer part */
            if (ipos < ai) da = a[ai - 1 - ipos] - '0';
            if (ipos < bi) db = b[bi - 1 - ipos] - '0';
        }
        int s = da + db + carry;
        carry = s / 10;
        digits[len - 1 - k] = (char)('0' + s % 10);
    }
    /* insert the dot, trim zeros */
    char *o = malloc(len + 2);
    if (!o) {
        free(r);
        return NULL;
    }
    size_t j = 0, i = 0;
    while (i + 1 < ni && digits[i] == '0')
        i++;
    for (; i < ni; i++)
        o[j++] = digits[i];
    size_t fe = len;
    while (fe > ni && digits[fe - 1] == '0')
        fe--;
    if (fe > ni) {
        o[j++] = '.';
        for (i = ni; i < fe; i++)
            o[j++] = digits[i];
    }
    o[j] = '\0';
    free(r);
    return o;
}

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
            char *t = dec_add(c->total ? c->total : "0", e->amount);
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
