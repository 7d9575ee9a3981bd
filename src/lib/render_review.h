/* render_review.h - the writers for reviewing output by hand: CSV for a
 * spreadsheet (render_csv.c) and the HTML review page (render_html.c).
 * render.c dispatches to them.  Internal. */
#ifndef WARTA_RENDER_REVIEW_H
#define WARTA_RENDER_REVIEW_H

#include "jsonw.h"
#include "warta.h"

/* CSV (RFC 4180, CRLF line ends): the header row; one row per entity; the
 * row of a failed document (source and error only). */
void csv_header(jbuf_t *b);
void csv_doc(jbuf_t *b, const warta_doc_t *d, const char *source,
             const warta_render_options_t *o);
void csv_error(jbuf_t *b, const char *source, const char *msg, const warta_render_options_t *o);

/* HTML: the page's head (style, legend), one <section> per document or
 * failed document, the page's end. */
void html_header(jbuf_t *b);
void html_doc(jbuf_t *b, const warta_doc_t *d, const char *source,
              const warta_render_options_t *o);
void html_error(jbuf_t *b, const char *source, const char *msg, const warta_render_options_t *o);
void html_footer(jbuf_t *b);

#endif
