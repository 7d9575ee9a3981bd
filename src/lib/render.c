/* render.c - writers: JSON Lines / pretty JSON (schema 1), TSV, CoNLL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decimal.h"
#include "text.h"
#include "util.h"
#include "warta.h"

typedef strbuf_t buf_t;

static void put(buf_t *b, const char *s, size_t n) { strbuf_put(b, s, n); }
static void puts_(buf_t *b, const char *s) { strbuf_puts(b, s); }

static void putz(buf_t *b, size_t v)
{
    char t[24]; /* 2^64 has 20 digits */
    size_t k = sizeof t;
    do {
        t[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put(b, t + k, sizeof t - k);
}

/* JSON string: quotes, backslash and control characters escaped; bytes that
 * are not valid UTF-8 (possible only in file names) become U+FFFD, so the
 * output is always valid UTF-8. */
static void put_jstr(buf_t *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    put(b, "\"", 1);
    size_t run = 0; /* start of a run of bytes copied verbatim */
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') { /* the common case */
            i++;
            continue;
        }
        const char *esc = NULL;
        char u[7];
        size_t k = 1;
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\t')
            esc = "\\t";
        else if (c == '\r')
            esc = "\\r";
        else if (c < 0x20 || c == 0x7f) {
            u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
            u[4] = hex[c >> 4]; u[5] = hex[c & 15]; u[6] = '\0';
            esc = u;
        } else if (c >= 0x80) {
            k = utf8_seq_len((const unsigned char *)s + i, n - i);
            if (!k) {
                esc = "\xEF\xBF\xBD";
                k = 1;
            }
        }
        if (esc) {
            put(b, s + run, i - run);
            puts_(b, esc);
            run = i + k;
        }
        i += k;
    }
    put(b, s + run, n - run);
    put(b, "\"", 1);
}

static void put_cstr(buf_t *b, const char *s) { put_jstr(b, s, strlen(s)); }

/* Field text for TSV: tabs and line breaks become spaces. */
static void put_tsv(buf_t *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
            put(b, s + run, i - run);
            put(b, " ", 1);
            run = i + 1;
        }
    }
    put(b, s + run, n - run);
}

/* Layout helpers for compact vs pretty JSON. */
typedef struct jw {
    buf_t *b;
    int pretty;
    int depth;
} jw_t;

static void nl(jw_t *w)
{
    if (!w->pretty)
        return;
    put(w->b, "\n", 1);
    for (int i = 0; i < w->depth; i++)
        put(w->b, "  ", 2);
}

/* Keys are the schema's own ASCII names: written as they are, with the
 * separators, in one call (no escaping scan). */
static void key(jw_t *w, int first, const char *k)
{
    char t[48];
    size_t n = 0, kl = strlen(k);
    if (!first)
        t[n++] = ',';
    if (w->pretty) {
        put(w->b, t, n);
        nl(w);
        n = 0;
    }
    if (kl > sizeof t - 8) {
        put(w->b, t, n);
        put_cstr(w->b, k);
        put(w->b, w->pretty ? ": " : ":", w->pretty ? 2 : 1);
        return;
    }
    t[n++] = '"';
    memcpy(t + n, k, kl);
    n += kl;
    t[n++] = '"';
    t[n++] = ':';
    if (w->pretty)
        t[n++] = ' ';
    put(w->b, t, n);
}

static void open_(jw_t *w, const char *c)
{
    puts_(w->b, c);
    w->depth++;
}

static void close_(jw_t *w, const char *c, int empty)
{
    w->depth--;
    if (!empty)
        nl(w);
    puts_(w->b, c);
}

static void put_amount(buf_t *b, const char *a)
{
    if (a)
        puts_(b, a);
    else
        puts_(b, "null");
}

static void put_normalized(jw_t *w, const warta_doc_t *d, const warta_entity_t *e)
{
    buf_t *b = w->b;
    open_(w, "{");
    switch (e->type) {
    case WARTA_COUNTRY:
        key(w, 1, "iso");
        put_cstr(b, e->iso ? e->iso : "");
        key(w, 0, "name");
        if (e->name)
            put_cstr(b, e->name);
        else
            put_jstr(b, d->text + e->byte_start, e->byte_end - e->byte_start);
        break;
    case WARTA_MONEY:
        if (e->amount || !e->amount_min) {
            key(w, 1, "amount");
            put_amount(b, e->amount);
        } else {
            key(w, 1, "min");
            put_amount(b, e->amount_min);
            key(w, 0, "max");
            put_amount(b, e->amount_max);
        }
        key(w, 0, "currency");
        put_cstr(b, e->currency ? e->currency : "");
        if (e->approximate) {
            key(w, 0, "approximate");
            puts_(b, "true");
        }
        break;
    case WARTA_LOCATION:
        key(w, 1, "name");
        if (e->name)
            put_cstr(b, e->name);
        else
            put_jstr(b, d->text + e->byte_start, e->byte_end - e->byte_start);
        break;
    default:
        key(w, 1, "canonical");
        if (e->canonical)
            put_cstr(b, e->canonical);
        else
            put_jstr(b, d->text + e->byte_start, e->byte_end - e->byte_start);
        break;
    }
    close_(w, "}", 0);
}

/* ---- summary: distinct entities by canonical form, with counts --------- */

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

static int sum_cmp(const void *x, const void *y)
{
    const sum_item_t *a = x, *b = y;
    if (a->type != b->type)
        return a->type < b->type ? -1 : 1;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

static void put_summary(jw_t *w, const warta_doc_t *d)
{
    size_t n = d->n_entities, k = 0;
    sum_item_t *it = calloc(n ? n : 1, sizeof *it);
    if (!it) {
        w->b->oom = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const warta_entity_t *e = &d->entities[i];
        const char *key;
        size_t kl;
        if (e->type == WARTA_COUNTRY && e->iso) {
            key = e->iso;
            kl = strlen(key);
        } else if (e->type == WARTA_MONEY) {
            key = e->currency ? e->currency : "";
            kl = strlen(key);
        } else if (e->canonical) {
            key = e->canonical;
            kl = strlen(key);
        } else if (e->name) {
            key = e->name;
            kl = strlen(key);
        } else {
            key = d->text + e->byte_start;
            kl = e->byte_end - e->byte_start;
        }
        size_t j;
        for (j = 0; j < k; j++)
            if (it[j].type == (int)e->type && it[j].key_len == kl && memcmp(it[j].key, key, kl) == 0)
                break;
        if (j == k) {
            it[k].type = (int)e->type;
            it[k].key = key;
            it[k].key_len = kl;
            it[k].iso = e->iso;
            it[k].name = e->name;
            it[k].first = i;
            k++;
        }
        it[j].count++;
        if (e->type == WARTA_MONEY && e->amount) {
            char *t = decimal_add(it[j].total ? it[j].total : "0", e->amount);
            if (!t)
                w->b->oom = 1;
            free(it[j].total);
            it[j].total = t;
        }
    }
    qsort(it, k, sizeof *it, sum_cmp);
    open_(w, "{");
    int firstkey = 1;
    for (int t = 0; t < WARTA_NTYPES; t++) {
        key(w, firstkey, warta_type_name((warta_type_t)t));
        firstkey = 0;
        open_(w, "[");
        int first = 1;
        for (size_t j = 0; j < k; j++) {
            if (it[j].type != t)
                continue;
            if (!first)
                put(w->b, ",", 1);
            first = 0;
            nl(w);
            open_(w, "{");
            if (t == WARTA_MONEY) {
                key(w, 1, "currency");
                put_jstr(w->b, it[j].key, it[j].key_len);
                key(w, 0, "total");
                put_amount(w->b, it[j].total ? it[j].total : "0");
            } else if (t == WARTA_COUNTRY && it[j].iso) {
                key(w, 1, "iso");
                put_jstr(w->b, it[j].key, it[j].key_len);
                if (it[j].name) {
                    key(w, 0, "name");
                    put_cstr(w->b, it[j].name);
                }
            } else {
                key(w, 1, "text");
                put_jstr(w->b, it[j].key, it[j].key_len);
            }
            key(w, 0, "count");
            putz(w->b, it[j].count);
            close_(w, "}", 0);
        }
        close_(w, "]", first);
    }
    close_(w, "}", 0);
    for (size_t j = 0; j < k; j++)
        free(it[j].total);
    free(it);
}

static void put_source(jw_t *w, const char *source, const warta_render_options_t *o)
{
    if (o->id_json) {
        key(w, 1, "id");
        puts_(w->b, o->id_json);
    } else {
        key(w, 1, "source");
        put_cstr(w->b, source ? source : "-");
    }
}

static void render_json(buf_t *b, const warta_doc_t *d, const char *source,
                        const warta_render_options_t *o)
{
    jw_t w = {b, o->pretty, 0};
    open_(&w, "{");
    put_source(&w, source, o);
    key(&w, 0, "chars");
    putz(b, d->chars);
    key(&w, 0, "bytes");
    putz(b, d->bytes);
    key(&w, 0, "entities");
    open_(&w, "[");
    for (size_t i = 0; i < d->n_entities; i++) {
        const warta_entity_t *e = &d->entities[i];
        if (i)
            put(b, ",", 1);
        nl(&w);
        open_(&w, "{");
        key(&w, 1, "type");
        put_cstr(b, warta_type_name(e->type));
        key(&w, 0, "text");
        put_jstr(b, d->text + e->byte_start, e->byte_end - e->byte_start);
        key(&w, 0, "start");
        putz(b, e->start);
        key(&w, 0, "end");
        putz(b, e->end);
        key(&w, 0, "byte_start");
        putz(b, e->byte_start);
        key(&w, 0, "byte_end");
        putz(b, e->byte_end);
        key(&w, 0, "sentence");
        putz(b, e->sentence);
        key(&w, 0, "normalized");
        put_normalized(&w, d, e);
        close_(&w, "}", 0);
    }
    close_(&w, "]", d->n_entities == 0);
    if (o->summary) {
        key(&w, 0, "summary");
        put_summary(&w, d);
    }
    if (o->sentences || o->tokens) {
        key(&w, 0, "sentences");
        open_(&w, "[");
        for (size_t i = 0; i < d->n_sentences; i++) {
            const warta_sentence_t *s = &d->sentences[i];
            if (i)
                put(b, ",", 1);
            nl(&w);
            open_(&w, "{");
            key(&w, 1, "start");
            putz(b, s->start);
            key(&w, 0, "end");
            putz(b, s->end);
            key(&w, 0, "byte_start");
            putz(b, s->byte_start);
            key(&w, 0, "byte_end");
            putz(b, s->byte_end);
            if (o->tokens) {
                key(&w, 0, "tokens");
                open_(&w, "[");
                for (size_t t = s->tok_begin; t < s->tok_end; t++) {
                    const warta_token_t *tk = &d->tokens[t];
                    if (t > s->tok_begin)
                        put(b, ",", 1);
                    nl(&w);
                    /* tokens stay on one line each, even when pretty */
                    puts_(b, "{\"start\":");
                    putz(b, tk->start);
                    puts_(b, ",\"end\":");
                    putz(b, tk->end);
                    puts_(b, ",\"byte_start\":");
                    putz(b, tk->byte_start);
                    puts_(b, ",\"byte_end\":");
                    putz(b, tk->byte_end);
                    puts_(b, ",\"text\":");
                    put_jstr(b, d->text + tk->byte_start, tk->byte_end - tk->byte_start);
                    puts_(b, "}");
                }
                close_(&w, "]", s->tok_end == s->tok_begin);
            }
            close_(&w, "}", 0);
        }
        close_(&w, "]", d->n_sentences == 0);
    }
    close_(&w, "}", 0);
    put(b, "\n", 1);
}

static void render_tsv(buf_t *b, const warta_doc_t *d, const char *source,
                       const warta_render_options_t *o)
{
    for (size_t i = 0; i < d->n_entities; i++) {
        const warta_entity_t *e = &d->entities[i];
        if (o->id_json)
            put_tsv(b, o->id_json, strlen(o->id_json));
        else
            put_tsv(b, source ? source : "-", strlen(source ? source : "-"));
        put(b, "\t", 1);
        putz(b, e->start);
        put(b, "\t", 1);
        putz(b, e->end);
        put(b, "\t", 1);
        puts_(b, warta_type_name(e->type));
        put(b, "\t", 1);
        put_tsv(b, d->text + e->byte_start, e->byte_end - e->byte_start);
        put(b, "\t", 1);
        switch (e->type) {
        case WARTA_COUNTRY:
            puts_(b, e->iso ? e->iso : "");
            break;
        case WARTA_MONEY:
            puts_(b, e->currency ? e->currency : "");
            put(b, " ", 1);
            if (e->amount)
                puts_(b, e->amount);
            else if (e->amount_min) {
                puts_(b, e->amount_min);
                put(b, "-", 1);
                puts_(b, e->amount_max ? e->amount_max : "");
            }
            if (e->approximate)
                puts_(b, " approximate");
            break;
        default: {
            const char *c = e->canonical ? e->canonical : e->name;
            if (c)
                put_tsv(b, c, strlen(c));
            else
                put_tsv(b, d->text + e->byte_start, e->byte_end - e->byte_start);
        }
        }
        put(b, "\n", 1);
    }
}

static void render_conll(buf_t *b, const warta_doc_t *d, const char *source,
                         const warta_render_options_t *o)
{
    puts_(b, "# source = ");
    if (o->id_json)
        put_tsv(b, o->id_json, strlen(o->id_json));
    else
        put_tsv(b, source ? source : "-", strlen(source ? source : "-"));
    put(b, "\n", 1);
    size_t e = 0;
    for (size_t si = 0; si < d->n_sentences; si++) {
        const warta_sentence_t *s = &d->sentences[si];
        for (size_t t = s->tok_begin; t < s->tok_end; t++) {
            const warta_token_t *tk = &d->tokens[t];
            while (e < d->n_entities && d->entities[e].tok_end <= t)
                e++;
            put(b, d->text + tk->byte_start, tk->byte_end - tk->byte_start);
            put(b, "\t", 1);
            if (e < d->n_entities && d->entities[e].tok_begin <= t) {
                puts_(b, d->entities[e].tok_begin == t ? "B-" : "I-");
                puts_(b, warta_type_name(d->entities[e].type));
            } else {
                put(b, "O", 1);
            }
            put(b, "\n", 1);
        }
        put(b, "\n", 1);
    }
}

warta_render_options_t warta_render_options_default(void)
{
    warta_render_options_t o;
    memset(&o, 0, sizeof o);
    o.format = WARTA_FORMAT_JSON;
    return o;
}

static int finish(buf_t *b, char **out, size_t *out_len)
{
    if (!b->oom && !b->p)
        put(b, "", 0);
    if (b->oom) {
        free(b->p);
        *out = NULL;
        *out_len = 0;
        return WARTA_ERR_NOMEM;
    }
    *out = b->p;
    *out_len = b->n;
    return WARTA_OK;
}

int warta_render(const warta_doc_t *doc, const char *source,
                 const warta_render_options_t *options, char **out, size_t *out_len)
{
    warta_render_options_t def = warta_render_options_default();
    if (!options)
        options = &def;
    buf_t b = {0};
    if (!doc || !out || !out_len)
        return WARTA_ERR_ARG;
    switch (options->format) {
    case WARTA_FORMAT_TSV: render_tsv(&b, doc, source, options); break;
    case WARTA_FORMAT_CONLL: render_conll(&b, doc, source, options); break;
    default: render_json(&b, doc, source, options); break;
    }
    return finish(&b, out, out_len);
}

int warta_render_error(const char *source, const char *message,
                       const warta_render_options_t *options, char **out, size_t *out_len)
{
    warta_render_options_t def = warta_render_options_default();
    if (!options)
        options = &def;
    if (!out || !out_len)
        return WARTA_ERR_ARG;
    buf_t b = {0};
    if (options->format == WARTA_FORMAT_JSON) {
        jw_t w = {&b, options->pretty, 0};
        open_(&w, "{");
        put_source(&w, source, options);
        key(&w, 0, "error");
        put_cstr(&b, message ? message : "error");
        close_(&w, "}", 0);
        put(&b, "\n", 1);
    }
    return finish(&b, out, out_len);
}
