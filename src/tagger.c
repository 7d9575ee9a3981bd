/* tagger.c - PLACEHOLDER: capitalised word runs not at sentence start
 * become PERSON.  To be replaced by the trained sequence model. */
#include <stdio.h>
#include <stdlib.h>

#include "pipeline.h"

struct tagger { int unused; };
struct tagger_scratch { int unused; };

int tagger_load(tagger_t **out, const char *model_path, warta_error_t *err)
{
    *out = NULL;
    if (model_path) {
        FILE *f = fopen(model_path, "rb");
        if (!f) {
            if (err) {
                err->code = WARTA_ERR_MODEL;
                snprintf(err->message, sizeof err->message, "cannot open model file");
            }
            return WARTA_ERR_MODEL;
        }
        fclose(f);
    }
    *out = calloc(1, sizeof **out);
    return *out ? 0 : WARTA_ERR_NOMEM;
}
void tagger_free(tagger_t *t) { free(t); }
tagger_scratch_t *tagger_scratch_new(const tagger_t *t) { (void)t; return calloc(1, sizeof(tagger_scratch_t)); }
void tagger_scratch_free(tagger_scratch_t *s) { free(s); }

int tagger_run(const tagger_t *t, tagger_scratch_t *s, pipe_t *p)
{
    (void)t;
    (void)s;
    for (size_t si = 0; si < p->nsent; si++) {
        size_t b = p->sent[si].tok_begin, e = p->sent[si].tok_end;
        for (size_t i = b + 1; i < e;) {
            unsigned char c = (unsigned char)p->s[p->tok[i].byte_start];
            if (c >= 'A' && c <= 'Z' && p->tok[i].kind == WARTA_TOK_WORD) {
                size_t j = i + 1;
                while (j < e && p->tok[j].kind == WARTA_TOK_WORD &&
                       p->s[p->tok[j].byte_start] >= 'A' && p->s[p->tok[j].byte_start] <= 'Z')
                    j++;
                if (!pipe_add_mention(p, (uint32_t)i, (uint32_t)j, WARTA_PERSON, SRC_MODEL))
                    return WARTA_ERR_NOMEM;
                i = j;
            } else {
                i++;
            }
        }
    }
    return 0;
}
