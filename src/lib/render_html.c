/* render_html.c - the HTML review page (see render_review.h): one
 * self-contained page (inline style, no script, no external asset) with,
 * per document, its text with every entity in a <mark> coloured by type
 * (the normalized value and score in its title, shown on hover), and a
 * table of its distinct entities (summary.c).  Everything from the input
 * (text, source names, ids, messages) is escaped; a control character or
 * an invalid UTF-8 byte is written as U+FFFD.
 *
 * Each <mark> carries data-type, data-start and data-end (code points), so
 * a program can find the entities in the page again (the browser test
 * tests/scripts/review_html.sh does). */
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "render_review.h"
#include "summary.h"

/* short labels written after each mark (CSS), readable without colour */
static const char *const type_label[WARTA_NTYPES] = {"PER", "COUNTRY", "ORG", "MONEY", "LOC"};

/* s[0..n) escaped for HTML text and attribute values alike */
static void esc(jbuf_t *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        size_t k = 1;
        if (c == '&') rep = "&amp;";
        else if (c == '<') rep = "&lt;";
        else if (c == '>') rep = "&gt;";
        else if (c == '"') rep = "&quot;";
        else if (c == '\'') rep = "&#39;";
        else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) rep = "\xEF\xBF\xBD";
        else if (c >= 0x80) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t m =
                utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
            if (m <= 0 || (cp >= 0x80 && cp <= 0x9f))
                rep = "\xEF\xBF\xBD";
            if (m > 0)
                k = (size_t)m;
        }
        if (rep) {
            jb_put(b, s + run, i - run);
            jb_puts(b, rep);
            run = i + k;
        }
        i += k;
    }
    jb_put(b, s + run, n - run);
}

static void cesc(jbuf_t *b, const char *s) { esc(b, s, s ? strlen(s) : 0); }

static const char page_head[] =
    "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"generator\" content=\"warta " WARTA_VERSION "\">\n"
    "<title>warta: entities for review</title>\n<style>\n"
    "body{font:16px/1.6 Georgia,serif;max-width:52em;margin:2em auto;padding:0 1em;color:#111;"
    "background:#fff}\n"
    "h1{font-size:1.4em}h2{font-size:1.1em;font-family:sans-serif;word-break:break-all}\n"
    "section{border-top:2px solid #444;margin-top:2em}\n"
    ".text{white-space:pre-wrap;overflow-wrap:break-word}\n"
    "mark{color:#000;padding:0 .15em;border-radius:.2em;border:1.5px solid;"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact;"
    "-webkit-box-decoration-break:clone;box-decoration-break:clone}\n"
    "mark::after{content:attr(data-label);font:bold .6em sans-serif;margin-left:.3em;"
    "vertical-align:.2em}\n"
    ".PERSON{background:#cfe3ff;border-color:#1f5fbf}\n"
    ".ORGANIZATION{background:#ffe0b8;border-color:#b35900;border-style:dashed}\n"
    ".COUNTRY{background:#cdf2cd;border-color:#1e7a1e;border-style:double;border-width:3px}\n"
    ".LOCATION{background:#ecd9ff;border-color:#6a2fa8;border-style:dotted;border-width:2px}\n"
    ".MONEY{background:#fff3a8;border-color:#8a7300}\n"
    ".low{opacity:.75;border-width:1px}\n"
    "table{border-collapse:collapse;font:14px sans-serif;margin:1em 0}\n"
    "th,td{border:1px solid #999;padding:.2em .5em;text-align:left;vertical-align:top}\n"
    ".error{color:#a00;font-weight:bold}\n"
    ".legend mark{margin-right:.8em}\n"
    "@media print{body{margin:0;max-width:none}section{break-inside:auto}}\n"
    "</style>\n</head>\n<body>\n<h1>warta: entities for review</h1>\n"
    "<p class=\"legend\">";

void html_header(jbuf_t *b)
{
    jb_puts(b, page_head);
    for (int t = 0; t < WARTA_NTYPES; t++) {
        const char *name = warta_type_name((warta_type_t)t);
        jb_puts(b, "<mark class=\"");
        jb_puts(b, name);
        jb_puts(b, "\" data-label=\"");
        jb_puts(b, type_label[t]);
        jb_puts(b, "\">");
        jb_puts(b, name);
        jb_puts(b, "</mark>");
    }
    jb_puts(b, "</p>\n<p>Hover over an entity for its normalized value and score (0 to 1); "
               "entities scored below 0.5 are drawn fainter.</p>\n");
}

void html_footer(jbuf_t *b) { jb_puts(b, "</body>\n</html>\n"); }

static void section_head(jbuf_t *b, const char *source, const warta_render_options_t *o)
{
    jb_puts(b, "<section>\n<h2>");
    if (o->id_json)
        cesc(b, o->id_json);
    else
        jb_name_put(b, source ? source : "-", esc); /* bytes not UTF-8 as \xHH */
    jb_puts(b, "</h2>\n");
}

/* the title attribute: type, normalized value, score */
static void mark_title(jbuf_t *b, const warta_doc_t *d, const warta_entity_t *e)
{
    jb_puts(b, warta_type_name(e->type));
    jb_puts(b, ": ");
    if (e->type == WARTA_MONEY) {
        cesc(b, e->currency ? e->currency : "?");
        jb_puts(b, " ");
        if (e->amount)
            cesc(b, e->amount);
        else if (e->amount_min) {
            cesc(b, e->amount_min);
            jb_puts(b, " to ");
            cesc(b, e->amount_max);
        }
    } else if (e->canonical || e->name) {
        cesc(b, e->canonical ? e->canonical : e->name);
    } else {
        esc(b, d->text + e->byte_start, e->byte_end - e->byte_start);
    }
    if (e->type == WARTA_COUNTRY && e->iso) {
        jb_puts(b, " (");
        cesc(b, e->iso);
        jb_puts(b, ")");
    }
    jb_puts(b, "; score ");
    jb_score(b, e->score);
}

static void put_mark(jbuf_t *b, const warta_doc_t *d, const warta_entity_t *e)
{
    const char *name = warta_type_name(e->type);
    jb_puts(b, "<mark class=\"");
    jb_puts(b, name);
    if (e->score < 0.5)
        jb_puts(b, " low");
    jb_puts(b, "\" data-type=\"");
    jb_puts(b, name);
    jb_puts(b, "\" data-label=\"");
    jb_puts(b, type_label[e->type]);
    jb_puts(b, "\" data-start=\"");
    jb_size(b, e->start);
    jb_puts(b, "\" data-end=\"");
    jb_size(b, e->end);
    jb_puts(b, "\" title=\"");
    mark_title(b, d, e);
    jb_puts(b, "\">");
    esc(b, d->text + e->byte_start, e->byte_end - e->byte_start);
    jb_puts(b, "</mark>");
}

/* the distinct entities: type, name, count */
static void summary_table(jbuf_t *b, const warta_doc_t *d)
{
    summary_t s;
    if (summary_build(d, &s) != WARTA_OK) {
        b->oom = 1;
        return;
    }
    jb_puts(b, "<table class=\"summary\">\n<tr><th>type</th><th>entity</th><th>mentions</th>"
               "</tr>\n");
    for (size_t i = 0; i < s.n; i++) {
        const sum_item_t *it = &s.items[i];
        jb_puts(b, "<tr><td>");
        jb_puts(b, warta_type_name((warta_type_t)it->type));
        jb_puts(b, "</td><td>");
        if (it->type == WARTA_COUNTRY && it->name) {
            cesc(b, it->name);
            jb_puts(b, " (");
        }
        esc(b, it->key, it->key_len);
        if (it->type == WARTA_COUNTRY && it->name)
            jb_puts(b, ")");
        if (it->type == WARTA_MONEY) {
            jb_puts(b, " ");
            cesc(b, it->total ? it->total : "0");
        }
        jb_puts(b, "</td><td>");
        jb_size(b, it->count);
        jb_puts(b, "</td></tr>\n");
    }
    jb_puts(b, "</table>\n");
    summary_free(&s);
}

void html_doc(jbuf_t *b, const warta_doc_t *d, const char *source,
              const warta_render_options_t *o)
{
    section_head(b, source, o);
    jb_puts(b, "<div class=\"text\">");
    size_t at = 0;
    for (size_t i = 0; i < d->n_entities; i++) {
        const warta_entity_t *e = &d->entities[i];
        if (e->byte_start < at || e->byte_end > d->bytes)
            continue; /* never overlapping; kept safe all the same */
        esc(b, d->text + at, e->byte_start - at);
        put_mark(b, d, e);
        at = e->byte_end;
    }
    esc(b, d->text + at, d->bytes - at);
    jb_puts(b, "</div>\n");
    if (d->n_entities) {
        jb_puts(b, "<p>");
        jb_size(b, d->n_entities);
        jb_puts(b, d->n_entities == 1 ? " entity" : " entities");
        jb_puts(b, "; distinct:</p>\n");
        summary_table(b, d);
    } else {
        jb_puts(b, "<p>No entities.</p>\n");
    }
    jb_puts(b, "</section>\n");
}

void html_error(jbuf_t *b, const char *source, const char *msg, const warta_render_options_t *o)
{
    section_head(b, source, o);
    jb_puts(b, "<p class=\"error\">Not analysed: ");
    cesc(b, msg);
    jb_puts(b, "</p>\n</section>\n");
}
