/* sentence.c - PLACEHOLDER splitter: ends at . ! ? and blank lines.  To be
 * replaced by the Indonesian news sentence splitter. */
#include <stdlib.h>

#include "pipeline.h"

struct sent_rules { int unused; };

int sent_load(sent_rules_t **out, warta_error_t *err)
{
    (void)err;
    *out = calloc(1, sizeof **out);
    return *out ? 0 : WARTA_ERR_NOMEM;
}

void sent_free(sent_rules_t *r) { free(r); }

static int emit(pipe_t *p, size_t b, size_t e)
{
    if (vec_reserve((void **)&p->sent, &p->capsent, p->nsent + 1, sizeof *p->sent))
        return WARTA_ERR_NOMEM;
    warta_sentence_t *s = &p->sent[p->nsent++];
    s->tok_begin = b;
    s->tok_end = e;
    s->start = p->tok[b].start;
    s->end = p->tok[e - 1].end;
    s->byte_start = p->tok[b].byte_start;
    s->byte_end = p->tok[e - 1].byte_end;
    return 0;
}

int sent_run(const sent_rules_t *r, pipe_t *p)
{
    (void)r;
    size_t b = 0;
    for (size_t i = 0; i < p->ntok; i++) {
        if (i > b && (p->tok[i].flags & WARTA_TOKF_NEWLINE_BEFORE)) {
            if (emit(p, b, i)) return WARTA_ERR_NOMEM;
            b = i;
        }
        char c = p->s[p->tok[i].byte_start];
        if (p->tok[i].byte_end - p->tok[i].byte_start == 1 && (c == '.' || c == '!' || c == '?')) {
            if (emit(p, b, i + 1)) return WARTA_ERR_NOMEM;
            b = i + 1;
        }
    }
    if (b < p->ntok && emit(p, b, p->ntok))
        return WARTA_ERR_NOMEM;
    return 0;
}
