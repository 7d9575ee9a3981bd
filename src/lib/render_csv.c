/* render_csv.c - CSV rows (see render_review.h): RFC 4180, a field is
 * quoted when it holds a comma, a double quote, CR or LF, a quote inside
 * doubled; every row, the header too, ends with CRLF.  Columns are those
 * of WARTA_CSV_HEADER; empty where a value does not apply. */
#include <string.h>

#include "render_review.h"

static void field(jbuf_t *b, const char *s, size_t n)
{
    if (!s)
        return;
    size_t k = 0;
    while (k < n && s[k] != ',' && s[k] != '"' && s[k] != '\r' && s[k] != '\n')
        k++;
    if (k == n) {
        jb_put(b, s, n);
        return;
    }
    jb_put(b, "\"", 1);
    for (size_t i = 0, run = 0; i <= n; i++) {
        if (i == n || s[i] == '"') {
            jb_put(b, s + run, i - run);
            if (i < n)
                jb_put(b, "\"\"", 2);
            run = i + 1;
        }
    }
    jb_put(b, "\"", 1);
}

static void cfield(jbuf_t *b, const char *s) { field(b, s, s ? strlen(s) : 0); }

static void comma(jbuf_t *b) { jb_put(b, ",", 1); }

void csv_header(jbuf_t *b) { jb_puts(b, WARTA_CSV_HEADER "\r\n"); }

static void put_source(jbuf_t *b, const char *source, const warta_render_options_t *o)
{
    if (o->id_json)
        cfield(b, o->id_json);
    else
        jb_name_put(b, source ? source : "-", field); /* bytes not UTF-8 as \xHH */
}

/* canonical,iso,currency,amount,min,max */
static void put_values(jbuf_t *b, const warta_doc_t *d, const warta_entity_t *e)
{
    const char *text = d->text + e->byte_start;
    size_t tn = e->byte_end - e->byte_start;
    if (e->type == WARTA_MONEY)
        ;
    else if (e->canonical || e->name)
        cfield(b, e->canonical ? e->canonical : e->name);
    else
        field(b, text, tn);
    comma(b);
    cfield(b, e->type == WARTA_COUNTRY ? e->iso : NULL);
    comma(b);
    cfield(b, e->type == WARTA_MONEY ? e->currency : NULL);
    comma(b);
    cfield(b, e->type == WARTA_MONEY ? e->amount : NULL);
    comma(b);
    cfield(b, e->type == WARTA_MONEY ? e->amount_min : NULL);
    comma(b);
    cfield(b, e->type == WARTA_MONEY ? e->amount_max : NULL);
}

void csv_doc(jbuf_t *b, const warta_doc_t *d, const char *source,
             const warta_render_options_t *o)
{
    for (size_t i = 0; i < d->n_entities; i++) {
        const warta_entity_t *e = &d->entities[i];
        put_source(b, source, o);
        size_t nums[4] = {e->start, e->end, e->byte_start, e->byte_end};
        for (int k = 0; k < 4; k++) {
            comma(b);
            jb_size(b, nums[k]);
        }
        comma(b);
        jb_puts(b, warta_type_name(e->type));
        comma(b);
        field(b, d->text + e->byte_start, e->byte_end - e->byte_start);
        comma(b);
        put_values(b, d, e);
        comma(b);
        jb_score(b, e->score);
        jb_puts(b, ",\r\n"); /* no error */
    }
}

void csv_error(jbuf_t *b, const char *source, const char *msg, const warta_render_options_t *o)
{
    put_source(b, source, o);
    jb_puts(b, ",,,,,,,,,,,,,,");
    cfield(b, msg);
    jb_puts(b, "\r\n");
}
