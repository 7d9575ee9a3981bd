/* tag_tokens.c - warta_tag_tokens(): one pre-tokenized sentence through
 * the stage table (stages.c) minus the segmenting stages, as BIO tags.
 * Used by `warta-train eval`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feat.h"
#include "pipeline.h"

static const char *const tag_b[WARTA_NTYPES] = {"B-PERSON", "B-COUNTRY", "B-ORGANIZATION",
                                                "B-MONEY", "B-LOCATION"};
static const char *const tag_i[WARTA_NTYPES] = {"I-PERSON", "I-COUNTRY", "I-ORGANIZATION",
                                                "I-MONEY", "I-LOCATION"};

int warta_tag_tokens(warta_worker_t *wk, const char *const *tokens, const size_t *lens,
                     size_t n, const char **tags, warta_error_t *err)
{
    if (!wk || (n && (!tokens || !lens || !tags))) {
        return err_set(err, WARTA_ERR_ARG, 0, NULL);
    }
    for (size_t i = 0; i < n; i++)
        tags[i] = "O";
    if (!n)
        return 0;
    pipe_t *p = &wk->pipe;
    char *buf = NULL;
    size_t cap = 0;
    arena_t arena = {0};
    warta_doc_t doc;
    memset(&doc, 0, sizeof doc);
    int rc = feat_pipe_from_tokens(p, &buf, &cap, tokens, lens, n);
    if (rc == 0) {
        p->arena = &arena;
        rc = stages_run(wk, p, &doc, 0);
        p->arena = NULL;
    }
    if (rc >= 0) {
        for (size_t k = 0; k < doc.n_entities; k++) {
            const warta_entity_t *e = &doc.entities[k];
            if ((unsigned)e->type >= WARTA_NTYPES || e->tok_end > n)
                continue;
            for (size_t t = e->tok_begin; t < e->tok_end; t++)
                tags[t] = t == e->tok_begin ? tag_b[e->type] : tag_i[e->type];
        }
    }
    free(doc.entities);
    arena_free(&arena);
    free(buf);
    p->s = NULL;
    p->n = 0;
    return rc < 0 ? err_set(err, rc, 0, NULL) : 0;
}
