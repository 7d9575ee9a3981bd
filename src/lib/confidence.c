/* confidence.c - entity scores (see confidence.h). */
#include "confidence.h"

#include <math.h>
#include <stdlib.h>

#include "util.h"
#include "viterbi.h"

struct conf_scratch {
    double *work, *node, *edge;
    size_t capwork, capnode, capedge;
    int ready; /* the marginals of the current sentence are in `work` */
    int failed; /* no legal path: every span scores 0 */
};

conf_scratch_t *conf_scratch_new(void) { return calloc(1, sizeof(conf_scratch_t)); }

void conf_scratch_free(conf_scratch_t *c)
{
    if (!c)
        return;
    free(c->work);
    free(c->node);
    free(c->edge);
    free(c);
}

void conf_sentence(conf_scratch_t *c) { c->ready = 0; }

static int forward_backward(conf_scratch_t *c, const model_t *m, const float *emit, size_t n)
{
    unsigned L = m->nlabels;
    if (vec_reserve((void **)&c->work, &c->capwork, crf_work_size(n, L), sizeof *c->work) ||
        vec_reserve((void **)&c->node, &c->capnode, n * L, sizeof *c->node) ||
        vec_reserve((void **)&c->edge, &c->capedge, (size_t)(L + 1) * L, sizeof *c->edge))
        return -1;
    double lz = crf_marginals(emit, n, L, m->trans, (const uint8_t(*)[VITERBI_MAXL])m->allowed,
                              m->end_ok, NULL, c->work, c->node, c->edge);
    c->failed = !isfinite(lz);
    c->ready = 1;
    return 0;
}

float conf_model_span(conf_scratch_t *c, const model_t *m, const float *emit, size_t n,
                      const uint8_t *path, size_t i, size_t j)
{
    if (!c->ready && forward_backward(c, m, emit, n) < 0)
        return -1.0f;
    if (c->failed)
        return 0.0f;
    uint8_t cont[MODEL_MAXL];
    for (unsigned l = 0; l < m->nlabels; l++)
        cont[l] = m->lprefix[l] == LP_I || m->lprefix[l] == LP_L;
    return (float)crf_span_prob(c->work, n, m->nlabels, path, i, j, cont);
}

void conf_set(mention_t *mt, float pr)
{
    mt->conf = pr;
    mt->conf_tb = mt->tb;
    mt->conf_te = mt->te;
    mt->conf_type = mt->type;
}

static double fixed_level(const mention_t *m)
{
    switch (m->source) {
    case SRC_LEX: return CONF_LEX;
    case SRC_MONEY: return CONF_MONEY;
    case SRC_GAZ:
        return m->type == WARTA_COUNTRY ? CONF_GAZ_COUNTRY
               : m->type == WARTA_ORGANIZATION ? CONF_GAZ_ORG
                                               : CONF_GAZ_PLACE;
    default: return CONF_RULE;
    }
}

double conf_score(const mention_t *m)
{
    double s = fixed_level(m);
    if (m->source == SRC_MODEL && m->conf_tb < m->conf_te && m->conf_tb == m->tb &&
        m->conf_te == m->te && m->conf_type == m->type)
        s = m->conf;
    if (!(s >= 0))
        s = 0;
    if (s > 1)
        s = 1;
    return round(s * 1000.0) / 1000.0;
}
