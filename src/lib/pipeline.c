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

const mvals_t mvals_none;

static int mvals_empty(const mvals_t *v)
{
    return !v->iso && !v->name && !v->currency && !v->amount && !v->amount_min &&
           !v->amount_max && !v->canonical;
}

int ment_set_vals(pipe_t *p, mention_t *m, const mvals_t *v)
{
    if (mvals_empty(v)) {
        m->vals = 0;
        return 0;
    }
    uintptr_t w[sizeof *v / sizeof(uintptr_t)];
    memcpy(w, v, sizeof w);
    uint64_t h = 0;
    for (size_t k = 0; k < sizeof w / sizeof *w; k++)
        h = (h ^ w[k]) * 0x9E3779B97F4A7C15u;
    uint32_t *seen = &p->mval_seen[h >> 52 & (PIPE_MVAL_SEEN - 1)];
    if (*seen && *seen < p->nmval && memcmp(&p->mval[*seen], v, sizeof *v) == 0) {
        m->vals = *seen; /* records never change: an equal one is shared */
        return 0;
    }
    size_t i = p->nmval ? p->nmval : 1; /* record 0 stands for none */
    if (i >= UINT32_MAX ||
        vec_reserve((void **)&p->mval, &p->capmval, i + 1, sizeof *p->mval))
        return WARTA_ERR_NOMEM;
    p->mval[i] = *v;
    p->nmval = i + 1;
    m->vals = *seen = (uint32_t)i;
    return 0;
}

void pipe_clear_mvals(pipe_t *p)
{
    p->nmval = 0;
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
    free(p->mval);
    memset(p, 0, sizeof *p);
}
