/* pipeline.c - the bookkeeping of pipe_t shared by every stage
 * (pipeline.h): appending mentions, the per-token lexicon bits, sentence
 * windows, and freeing the worker-owned arrays. */
#include "pipeline.h"

#include <stdlib.h>
#include <string.h>

mention_t *pipe_add_mention(pipe_t *p, uint32_t tb, uint32_t te, int type, int source)
{
    if (vec_reserve((void **)&p->ment, &p->capment, p->nment + 1, sizeof *p->ment))
        return NULL;
    mention_t *m = &p->ment[p->nment++];
    memset(m, 0, sizeof *m);
    m->tb = tb;
    m->te = te;
    m->type = (uint8_t)type;
    m->source = (uint8_t)source;
    return m;
}

int pipe_clear_lex(pipe_t *p)
{
    if (vec_reserve((void **)&p->lex, &p->caplex, p->ntok + 1, sizeof *p->lex))
        return WARTA_ERR_NOMEM;
    memset(p->lex, 0, (p->ntok + 1) * sizeof *p->lex);
    return 0;
}

int pipe_for_windows(pipe_t *p, int (*fn)(void *ctx, pipe_t *p, size_t b, size_t e),
                     void *ctx)
{
    for (size_t si = 0; si < p->nsent; si++) {
        size_t b = p->sent[si].tok_begin, e = p->sent[si].tok_end;
        if (e > p->ntok)
            e = p->ntok;
        while (b < e) {
            size_t w = e - b > PIPE_WINDOW ? PIPE_WINDOW : e - b;
            int rc = fn(ctx, p, b, b + w);
            if (rc < 0)
                return rc;
            b += w;
        }
    }
    return 0;
}

void pipe_free(pipe_t *p)
{
    free(p->tok);
    free(p->sent);
    free(p->lex);
    free(p->ment);
    memset(p, 0, sizeof *p);
}
