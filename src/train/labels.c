/* labels.c - the tagger's label set: O plus BIO or BILOU prefixes for
 * the four types the model tags, and their transition constraints. */
#include <stdio.h>
#include <string.h>

#include "train.h"

static const int model_types[] = {WARTA_PERSON, WARTA_ORGANIZATION, WARTA_LOCATION, WARTA_COUNTRY};
#define NMT 4

void labels_init(labels_t *lb, int bilou)
{
    memset(lb, 0, sizeof *lb);
    lb->bilou = bilou;
    snprintf(lb->name[lb->L++], 16, "O");
    const char *pres = bilou ? "BILU" : "BI";
    for (int t = 0; t < NMT; t++)
        for (const char *p = pres; *p; p++) {
            snprintf(lb->name[lb->L], 16, "%c-%s", *p, warta_type_name((warta_type_t)model_types[t]));
            model_parse_label(lb->name[lb->L], &lb->pre[lb->L], &lb->type[lb->L]);
            lb->L++;
        }
}

unsigned label_of(const labels_t *lb, int pre, int type)
{
    for (unsigned l = 1; l < lb->L; l++)
        if (lb->pre[l] == pre && lb->type[l] == type)
            return l;
    return 0;
}

void shape_init(shape_t *sh, const labels_t *lb)
{
    memset(sh, 0, sizeof *sh);
    sh->L = lb->L;
    model_constraints(lb->L, lb->pre, lb->type, sh->allowed, sh->end_ok);
}
