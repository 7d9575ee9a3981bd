/* resolve.c - the one place that decides between recognizers: picks a
 * non-overlapping set of mentions and turns them into entities.
 *
 * Rule: MONEY mentions are taken first (a number pattern is never part of a
 * name); among the rest, longer spans win over the spans they overlap (so an
 * organization's name keeps the country inside it); on equal spans the
 * lexicon and rules (which carry normalized values) beat the model, then the
 * higher score wins. */
#include <stdlib.h>
#include <string.h>

#include "confidence.h"
#include "docref.h"
#include "pipeline.h"
#include "userlex.h"

static int mention_rank_cmp(const void *a, const void *b)
{
    const mention_t *x = a, *y = b;
    int xu = x->source == SRC_LEX, yu = y->source == SRC_LEX; /* the user's word first */
    if (xu != yu)
        return yu - xu;
    int xm = x->type == WARTA_MONEY, ym = y->type == WARTA_MONEY;
    if (xm != ym)
        return ym - xm;
    uint32_t lx = x->te - x->tb, ly = y->te - y->tb;
    if (lx != ly)
        return lx > ly ? -1 : 1;
    int xs = x->source == SRC_MODEL, ys = y->source == SRC_MODEL;
    if (xs != ys)
        return xs - ys;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->source != y->source)
        return x->source < y->source ? -1 : 1;
    if (x->tb != y->tb)
        return x->tb < y->tb ? -1 : 1;
    return 0;
}

static int entity_cmp(const void *a, const void *b)
{
    const warta_entity_t *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return 0;
}

static size_t sentence_of(const pipe_t *p, size_t tok)
{
    size_t lo = 0, hi = p->nsent;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (p->sent[mid].tok_begin <= tok)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

int resolve_run(const warta_t *w, pipe_t *p, warta_doc_t *doc)
{
    (void)w;
    doc->entities = NULL;
    doc->n_entities = 0;
    if (userlex_run(p->ulex, p) < 0)
        return WARTA_ERR_NOMEM;
    if (!p->nment)
        return 0;
    /* A person's name never holds a country's or a known organization's
     * name: a model PERSON span overlapping a gazetteer COUNTRY or
     * ORGANIZATION keeps only what follows it ("Perdana Menteri Malaysia
     * Anwar Ibrahim" -> "Anwar Ibrahim"), or is dropped ("Presiden AS"). */
    unsigned char *gazmark = calloc(p->ntok + 1, 1);
    if (!gazmark)
        return WARTA_ERR_NOMEM;
    for (size_t i = 0; i < p->nment; i++) {
        const mention_t *m = &p->ment[i];
        if ((m->source == SRC_GAZ || m->source == SRC_LEX) && (m->type == WARTA_COUNTRY || m->type == WARTA_ORGANIZATION) &&
            m->tb < m->te && m->te <= p->ntok)
            memset(gazmark + m->tb, 1, m->te - m->tb);
    }
    size_t kept = 0;
    for (size_t i = 0; i < p->nment; i++) {
        const mention_t *m = &p->ment[i];
        uint32_t tb = m->tb;
        if (m->source == SRC_MODEL && m->type == WARTA_PERSON && m->te <= p->ntok)
            for (uint32_t t = m->tb; t < m->te; t++)
                if (gazmark[t])
                    tb = t + 1;
        if (tb < m->te) {
            p->ment[kept] = *m;
            p->ment[kept++].tb = tb;
        }
    }
    p->nment = kept;
    free(gazmark);
    qsort(p->ment, p->nment, sizeof *p->ment, mention_rank_cmp);
    unsigned char *taken = calloc(p->ntok + 1, 1);
    size_t nsel = 0, capsel = p->nment;
    mention_t *sel = malloc(capsel * sizeof *sel);
    if (!taken || !sel) {
        free(taken);
        free(sel);
        return WARTA_ERR_NOMEM;
    }
    for (size_t i = 0; i < p->nment; i++) {
        const mention_t *m = &p->ment[i];
        if (m->tb >= m->te || m->te > p->ntok)
            continue;
        int clash = 0;
        for (uint32_t t = m->tb; t < m->te && !clash; t++)
            clash = taken[t];
        if (clash)
            continue;
        memset(taken + m->tb, 1, m->te - m->tb);
        sel[nsel++] = *m;
    }
    free(taken);
    int rc = docref_run(p, &sel, &nsel, &capsel);
    warta_entity_t *ents = rc ? NULL : malloc((nsel ? nsel : 1) * sizeof *ents);
    if (!ents) {
        free(sel);
        return WARTA_ERR_NOMEM;
    }
    for (size_t i = 0; i < nsel; i++) {
        const mention_t *m = &sel[i];
        warta_entity_t *e = &ents[i];
        memset(e, 0, sizeof *e);
        e->type = (warta_type_t)m->type;
        e->tok_begin = m->tb;
        e->tok_end = m->te;
        e->start = p->tok[m->tb].start;
        e->end = p->tok[m->te - 1].end;
        e->byte_start = p->tok[m->tb].byte_start;
        e->byte_end = p->tok[m->te - 1].byte_end;
        e->sentence = sentence_of(p, m->tb);
        e->iso = m->iso;
        e->name = m->name;
        e->canonical = m->canonical;
        e->currency = m->currency;
        e->amount = m->amount;
        e->amount_min = m->amount_min;
        e->amount_max = m->amount_max;
        e->score = conf_score(m);
    }
    free(sel);
    qsort(ents, nsel, sizeof *ents, entity_cmp);
    doc->entities = ents;
    doc->n_entities = nsel;
    return 0;
}
