/* render.c - the writers: JSON Lines / pretty JSON (schema 1), TSV, CoNLL,
 * and the error record.  JSON primitives are in jsonw.c, the --summary
 * aggregation in summary.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "summary.h"
#include "warta.h"

/* Field text for TSV: tabs and line breaks become spaces. */
static void put_tsv(jbuf_t *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
            jb_put(b, s + run, i - run);
            jb_put(b, " ", 1);
            run = i + 1;
        }
    }
    jb_put(b, s + run, n - run);
}

static void put_normalized(jw_t *w, const warta_doc_t *d, const warta_entity_t *e)
{
    jbuf_t *b = w->b;
    jw_open(w, "{");
    switch (e->type) {
    case WARTA_COUNTRY:
        jw_key(w, 1, "iso");
        jb_cstr(b, e->iso ? e->iso : "");
        jw_key(w, 0, "name");
        if (e->name)
            jb_cstr(b, e->name);
        else
            jb_str(b, d->text + e->byte_start, e->byte_end - e->byte_start);
        break;
    case WARTA_MONEY:
        if (e->amount || !e->amount_min) {
            jw_key(w, 1, "amount");
            jb_amount(b, e->amount);
        } else {
            jw_key(w, 1, "min");
            jb_amount(b, e->amount_min);
            jw_key(w, 0, "max");
            jb_amount(b, e->amount_max);
        }
        jw_key(w, 0, "currency");
        jb_cstr(b, e->currency ? e->currency : "");
        break;
    case WARTA_LOCATION:
        jw_key(w, 1, "name");
        if (e->name)
            jb_cstr(b, e->name);
        else
            jb_str(b, d->text + e->byte_start, e->byte_end - e->byte_start);
        break;
    default:
        jw_key(w, 1, "canonical");
        if (e->canonical)
            jb_cstr(b, e->canonical);
        else
            jb_str(b, d->text + e->byte_start, e->byte_end - e->byte_start);
        break;
    }
    jw_close(w, "}", 0);
}

/* "summary": aggregated in summary.c, written here in the record */
static void put_summary(jw_t *w, const warta_doc_t *d)
{
    summary_t s;
    if (summary_build(d, &s) != WARTA_OK)
        w->b->oom = 1;
    summary_write(w, &s);
    summary_free(&s);
}

static void put_source(jw_t *w, const char *source, const warta_render_options_t *o)
{
    if (o->id_json) {
        jw_key(w, 1, "id");
        jb_puts(w->b, o->id_json);
    } else {
        jw_key(w, 1, "source");
        jb_cstr(w->b, source ? source : "-");
    }
}

static void render_json(jbuf_t *b, const warta_doc_t *d, const char *source,
                        const warta_render_options_t *o)
{
    jw_t w = {b, o->pretty, 0};
    jw_open(&w, "{");
    put_source(&w, source, o);
    jw_key(&w, 0, "chars");
    jb_size(b, d->chars);
    jw_key(&w, 0, "bytes");
    jb_size(b, d->bytes);
    jw_key(&w, 0, "entities");
    jw_open(&w, "[");
    for (size_t i = 0; i < d->n_entities; i++) {
        const warta_entity_t *e = &d->entities[i];
        if (i)
            jb_put(b, ",", 1);
        jw_nl(&w);
        jw_open(&w, "{");
        jw_key(&w, 1, "type");
        jb_cstr(b, warta_type_name(e->type));
        jw_key(&w, 0, "text");
        jb_str(b, d->text + e->byte_start, e->byte_end - e->byte_start);
        jw_key(&w, 0, "start");
        jb_size(b, e->start);
        jw_key(&w, 0, "end");
        jb_size(b, e->end);
        jw_key(&w, 0, "byte_start");
        jb_size(b, e->byte_start);
        jw_key(&w, 0, "byte_end");
        jb_size(b, e->byte_end);
        jw_key(&w, 0, "sentence");
        jb_size(b, e->sentence);
        jw_key(&w, 0, "normalized");
        put_normalized(&w, d, e);
        jw_close(&w, "}", 0);
    }
    jw_close(&w, "]", d->n_entities == 0);
    if (o->summary) {
        jw_key(&w, 0, "summary");
        put_summary(&w, d);
    }
    if (o->sentences || o->tokens) {
        jw_key(&w, 0, "sentences");
        jw_open(&w, "[");
        for (size_t i = 0; i < d->n_sentences; i++) {
            const warta_sentence_t *s = &d->sentences[i];
            if (i)
                jb_put(b, ",", 1);
            jw_nl(&w);
            jw_open(&w, "{");
            jw_key(&w, 1, "start");
            jb_size(b, s->start);
            jw_key(&w, 0, "end");
            jb_size(b, s->end);
            jw_key(&w, 0, "byte_start");
            jb_size(b, s->byte_start);
            jw_key(&w, 0, "byte_end");
            jb_size(b, s->byte_end);
            if (o->tokens) {
                jw_key(&w, 0, "tokens");
                jw_open(&w, "[");
                for (size_t t = s->tok_begin; t < s->tok_end; t++) {
                    const warta_token_t *tk = &d->tokens[t];
                    if (t > s->tok_begin)
                        jb_put(b, ",", 1);
                    jw_nl(&w);
                    /* tokens stay on one line each, even when pretty */
                    jb_puts(b, "{\"start\":");
                    jb_size(b, tk->start);
                    jb_puts(b, ",\"end\":");
                    jb_size(b, tk->end);
                    jb_puts(b, ",\"byte_start\":");
                    jb_size(b, tk->byte_start);
                    jb_puts(b, ",\"byte_end\":");
                    jb_size(b, tk->byte_end);
                    jb_puts(b, ",\"text\":");
                    jb_str(b, d->text + tk->byte_start, tk->byte_end - tk->byte_start);
                    jb_puts(b, "}");
                }
                jw_close(&w, "]", s->tok_end == s->tok_begin);
            }
            jw_close(&w, "}", 0);
        }
        jw_close(&w, "]", d->n_sentences == 0);
    }
    jw_close(&w, "}", 0);
    jb_put(b, "\n", 1);
}

static void render_tsv(jbuf_t *b, const warta_doc_t *d, const char *source,
                       const warta_render_options_t *o)
{
    for (size_t i = 0; i < d->n_entities; i++) {
        const warta_entity_t *e = &d->entities[i];
        if (o->id_json)
            put_tsv(b, o->id_json, strlen(o->id_json));
        else
            put_tsv(b, source ? source : "-", strlen(source ? source : "-"));
        jb_put(b, "\t", 1);
        jb_size(b, e->start);
        jb_put(b, "\t", 1);
        jb_size(b, e->end);
        jb_put(b, "\t", 1);
        jb_puts(b, warta_type_name(e->type));
        jb_put(b, "\t", 1);
        put_tsv(b, d->text + e->byte_start, e->byte_end - e->byte_start);
        jb_put(b, "\t", 1);
        switch (e->type) {
        case WARTA_COUNTRY:
            jb_puts(b, e->iso ? e->iso : "");
            break;
        case WARTA_MONEY:
            jb_puts(b, e->currency ? e->currency : "");
            jb_put(b, " ", 1);
            if (e->amount)
                jb_puts(b, e->amount);
            else if (e->amount_min) {
                jb_puts(b, e->amount_min);
                jb_put(b, "-", 1);
                jb_puts(b, e->amount_max ? e->amount_max : "");
            }
            break;
        default: {
            const char *c = e->canonical ? e->canonical : e->name;
            if (c)
                put_tsv(b, c, strlen(c));
            else
                put_tsv(b, d->text + e->byte_start, e->byte_end - e->byte_start);
        }
        }
        jb_put(b, "\n", 1);
    }
}

static void render_conll(jbuf_t *b, const warta_doc_t *d, const char *source,
                         const warta_render_options_t *o)
{
    jb_puts(b, "# source = ");
    if (o->id_json)
        put_tsv(b, o->id_json, strlen(o->id_json));
    else
        put_tsv(b, source ? source : "-", strlen(source ? source : "-"));
    jb_put(b, "\n", 1);
    size_t e = 0;
    for (size_t si = 0; si < d->n_sentences; si++) {
        const warta_sentence_t *s = &d->sentences[si];
        for (size_t t = s->tok_begin; t < s->tok_end; t++) {
            const warta_token_t *tk = &d->tokens[t];
            while (e < d->n_entities && d->entities[e].tok_end <= t)
                e++;
            jb_put(b, d->text + tk->byte_start, tk->byte_end - tk->byte_start);
            jb_put(b, "\t", 1);
            if (e < d->n_entities && d->entities[e].tok_begin <= t) {
                jb_puts(b, d->entities[e].tok_begin == t ? "B-" : "I-");
                jb_puts(b, warta_type_name(d->entities[e].type));
            } else {
                jb_put(b, "O", 1);
            }
            jb_put(b, "\n", 1);
        }
        jb_put(b, "\n", 1);
    }
}

warta_render_options_t warta_render_options_default(void)
{
    warta_render_options_t o;
    memset(&o, 0, sizeof o);
    o.format = WARTA_FORMAT_JSON;
    return o;
}

static int finish(jbuf_t *b, char **out, size_t *out_len)
{
    if (!b->oom && !b->p)
        jb_put(b, "", 0);
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
    jbuf_t b = {0};
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
    jbuf_t b = {0};
    if (options->format == WARTA_FORMAT_JSON) {
        jw_t w = {&b, options->pretty, 0};
        jw_open(&w, "{");
        put_source(&w, source, options);
        jw_key(&w, 0, "error");
        jb_cstr(&b, message ? message : "error");
        jw_close(&w, "}", 0);
        jb_put(&b, "\n", 1);
    }
    return finish(&b, out, out_len);
}
