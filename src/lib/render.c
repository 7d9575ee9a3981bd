/* render.c - the writers: JSON Lines / pretty JSON (schema 1), TSV, CoNLL,
 * and the error record.  JSON primitives are in jsonw.c, the --summary
 * aggregation in summary.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "render_review.h"
#include "summary.h"
#include "warta.h"

/* The byte length of a character at s[i] that some reader takes for a line
 * or field break, or that drives a terminal: every C0 control (TAB, LF,
 * VT, FF, CR, ESC, 0x1C-0x1F ...), DEL, the C1 controls U+0080-U+009F
 * (NEL, U+0085, among them), LINE SEPARATOR U+2028 and PARAGRAPH SEPARATOR
 * U+2029.  0 for any other character. */
static size_t breaker_len(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x20 || c == 0x7f)
        return 1;
    if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9f)
        return 2;
    if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9))
        return 3;
    return 0;
}

/* s[0..n) with each breaker written as `with` (TSV fields: a space, so a
 * TAB, a line break or an escape sequence never splits or colours a row). */
static void put_field(jbuf_t *b, const char *s, size_t n, const char *with)
{
    size_t run = 0;
    for (size_t i = 0; i < n;) {
        size_t k = breaker_len(s, n, i);
        if (!k) {
            i++;
            continue;
        }
        jb_put(b, s + run, i - run);
        jb_puts(b, with);
        i += k;
        run = i;
    }
    jb_put(b, s + run, n - run);
}

static void put_tsv(jbuf_t *b, const char *s, size_t n) { put_field(b, s, n, " "); }

/* The record's name in TSV and CoNLL: the JSONL id, or the source (a name
 * that is not UTF-8 escaped as in JSON, so the output stays UTF-8). */
static void put_tsv_source(jbuf_t *b, const char *source, const warta_render_options_t *o)
{
    jb_name_put(b, o->id_json ? o->id_json : source ? source : "-", put_tsv);
}

/* A token made only of breakers: not a word, and no CoNLL row. */
static int only_breakers(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t k = breaker_len(s, n, i);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
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
        if (e->approximate) {
            jw_key(w, 0, "approximate");
            jb_puts(b, "true");
        }
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
        jb_name(w->b, source ? source : "-");
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
        jw_key(&w, 0, "score");
        jb_score(b, e->score);
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
        put_tsv_source(b, source, o);
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
            if (e->approximate)
                jb_puts(b, " approximate");
            break;
        default: {
            const char *c = e->canonical ? e->canonical : e->name;
            if (c)
                put_tsv(b, c, strlen(c));
            else
                put_tsv(b, d->text + e->byte_start, e->byte_end - e->byte_start);
        }
        }
        jb_put(b, "\t", 1);
        jb_score(b, e->score);
        jb_put(b, "\n", 1);
    }
}

/* CoNLL: "# source = ..." then token<TAB>BIO per row, a blank line after
 * each sentence.  A breaker inside a token is written as U+FFFD; a token
 * made only of breakers has no row (an entity whose first token is skipped
 * starts, B-, at its next row). */
static void render_conll(jbuf_t *b, const warta_doc_t *d, const char *source,
                         const warta_render_options_t *o)
{
    jb_puts(b, "# source = ");
    put_tsv_source(b, source, o);
    jb_put(b, "\n", 1);
    size_t e = 0, begun = (size_t)-1; /* the entity whose B- row is written */
    for (size_t si = 0; si < d->n_sentences; si++) {
        const warta_sentence_t *s = &d->sentences[si];
        for (size_t t = s->tok_begin; t < s->tok_end; t++) {
            const warta_token_t *tk = &d->tokens[t];
            const char *tx = d->text + tk->byte_start;
            size_t tn = tk->byte_end - tk->byte_start;
            while (e < d->n_entities && d->entities[e].tok_end <= t)
                e++;
            if (only_breakers(tx, tn))
                continue;
            put_field(b, tx, tn, "\xEF\xBF\xBD");
            jb_put(b, "\t", 1);
            if (e < d->n_entities && d->entities[e].tok_begin <= t) {
                jb_puts(b, begun == e ? "I-" : "B-");
                jb_puts(b, warta_type_name(d->entities[e].type));
                begun = e;
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
    int rc = jb_finish(b);
    if (rc < 0) {
        free(b->p);
        *out = NULL;
        *out_len = 0;
        return rc;
    }
    *out = b->p;
    *out_len = b->n;
    return WARTA_OK;
}

static void render_doc(jbuf_t *b, const warta_doc_t *doc, const char *source,
                       const warta_render_options_t *options)
{
    switch (options->format) {
    case WARTA_FORMAT_TSV: render_tsv(b, doc, source, options); break;
    case WARTA_FORMAT_CONLL: render_conll(b, doc, source, options); break;
    case WARTA_FORMAT_CSV: csv_doc(b, doc, source, options); break;
    case WARTA_FORMAT_HTML: html_doc(b, doc, source, options); break;
    default: render_json(b, doc, source, options); break;
    }
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
    render_doc(&b, doc, source, options);
    return finish(&b, out, out_len);
}

int warta_render_write(const warta_doc_t *doc, const char *source,
                       const warta_render_options_t *options, warta_write_fn write, void *ctx)
{
    warta_render_options_t def = warta_render_options_default();
    if (!options)
        options = &def;
    if (!doc || !write)
        return WARTA_ERR_ARG;
    jbuf_t b = {0};
    b.sink = write;
    b.sink_ctx = ctx;
    render_doc(&b, doc, source, options);
    int rc = jb_finish(&b);
    free(b.p);
    return rc;
}

/* The error record of TSV (a row of type ERROR, the message in the last
 * column) and CoNLL (comment lines), so every input has its record. */
static void render_error_rows(jbuf_t *b, const char *source, const char *msg,
                              const warta_render_options_t *o)
{
    if (o->format == WARTA_FORMAT_TSV) {
        put_tsv_source(b, source, o);
        jb_puts(b, "\t\t\tERROR\t\t");
    } else {
        jb_puts(b, "# source = ");
        put_tsv_source(b, source, o);
        jb_puts(b, "\n# error = ");
    }
    put_tsv(b, msg, strlen(msg));
    jb_puts(b, o->format == WARTA_FORMAT_TSV ? "\n" : "\n\n");
}

/* The checks every writer entry starts with: *o defaults to `def`;
 * WARTA_ERR_ARG without a place for the result. */
static int render_args(const warta_render_options_t **o, warta_render_options_t *def,
                       char **out, size_t *out_len)
{
    *def = warta_render_options_default();
    if (!*o)
        *o = def;
    return out && out_len ? WARTA_OK : WARTA_ERR_ARG;
}

int warta_render_error(const char *source, const char *message,
                       const warta_render_options_t *options, char **out, size_t *out_len)
{
    warta_render_options_t def;
    if (render_args(&options, &def, out, out_len) < 0)
        return WARTA_ERR_ARG;
    jbuf_t b = {0};
    const char *msg = message ? message : "error";
    if (options->format == WARTA_FORMAT_JSON) {
        jw_t w = {&b, options->pretty, 0};
        jw_open(&w, "{");
        put_source(&w, source, options);
        jw_key(&w, 0, "error");
        jb_cstr(&b, msg);
        jw_close(&w, "}", 0);
        jb_put(&b, "\n", 1);
    } else if (options->format == WARTA_FORMAT_CSV) {
        csv_error(&b, source, msg, options);
    } else if (options->format == WARTA_FORMAT_HTML) {
        html_error(&b, source, msg, options);
    } else {
        render_error_rows(&b, source, msg, options);
    }
    return finish(&b, out, out_len);
}

/* The CSV header row, the HTML page's head / end; nothing for the others. */
static int page_part(const warta_render_options_t *options, int footer, char **out,
                     size_t *out_len)
{
    warta_render_options_t def;
    if (render_args(&options, &def, out, out_len) < 0)
        return WARTA_ERR_ARG;
    jbuf_t b = {0};
    if (options->format == WARTA_FORMAT_CSV && !footer)
        csv_header(&b);
    else if (options->format == WARTA_FORMAT_HTML)
        footer ? html_footer(&b) : html_header(&b);
    return finish(&b, out, out_len);
}

int warta_render_header(const warta_render_options_t *options, char **out, size_t *out_len)
{
    return page_part(options, 0, out, out_len);
}

int warta_render_footer(const warta_render_options_t *options, char **out, size_t *out_len)
{
    return page_part(options, 1, out, out_len);
}
