/* tokenize.c - PLACEHOLDER tokenizer: runs of letters/digits, single
 * punctuation marks.  To be replaced by the Indonesian news tokenizer. */
#include <stdlib.h>
#include <utf8proc.h>

#include "pipeline.h"

struct tok_rules { int unused; };

int tok_load(tok_rules_t **out, warta_error_t *err)
{
    (void)err;
    *out = calloc(1, sizeof **out);
    return *out ? 0 : WARTA_ERR_NOMEM;
}

void tok_free(tok_rules_t *t) { free(t); }

static int is_wordc(utf8proc_int32_t c)
{
    utf8proc_category_t k = utf8proc_category(c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
           (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO) ||
           (k >= UTF8PROC_CATEGORY_MN && k <= UTF8PROC_CATEGORY_ME);
}

int tok_run(const tok_rules_t *t, pipe_t *p)
{
    (void)t;
    size_t i = 0, cp = 0;
    int open = 0;
    unsigned flags = 0;
    int nl = 0;
    warta_token_t *cur = NULL;
    while (i < p->n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p->s + i,
                                              (utf8proc_ssize_t)(p->n - i), &c);
        if (k <= 0) { k = 1; c = 0xFFFD; }
        int space = utf8proc_category(c) == UTF8PROC_CATEGORY_ZS || c == ' ' ||
                    c == '\t' || c == '\n' || c == '\r' || c == 0xFEFF || c == 0x200B;
        if (space) {
            open = 0;
            flags |= WARTA_TOKF_SPACE_BEFORE;
            if (c == '\n') {
                if (nl) flags |= WARTA_TOKF_BLANK_BEFORE;
                flags |= WARTA_TOKF_NEWLINE_BEFORE;
                nl = 1;
            }
        } else {
            int w = is_wordc(c);
            if (!(open && w)) {
                if (vec_reserve((void **)&p->tok, &p->captok, p->ntok + 1, sizeof *p->tok))
                    return WARTA_ERR_NOMEM;
                cur = &p->tok[p->ntok++];
                cur->start = cp;
                cur->byte_start = i;
                cur->kind = w ? WARTA_TOK_WORD : WARTA_TOK_PUNCT;
                cur->flags = (uint16_t)flags;
                flags = 0;
                nl = 0;
            }
            cur->end = cp + 1;
            cur->byte_end = i + (size_t)k;
            open = w;
        }
        i += (size_t)k;
        cp++;
    }
    return 0;
}
