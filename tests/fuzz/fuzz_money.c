/* fuzz_money.c - the money recognizer alone: tokenize, split sentences,
 * then money_run() over the pipe_t, with the internal API of pipeline.h.
 * Invalid UTF-8 is repaired first (the stages only ever see valid text).
 * Checks: every mention spans tokens of the document, is MONEY from the
 * money source, with exact decimal amounts and a currency code of three
 * capital letters; mentions do not overlap. */
#include <string.h>

#include "fuzz.h"
#include "pipeline.h"
#include "text.h"

static warta_t *W;
static warta_worker_t *WK;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_open(&W, &WK);
    return 0;
}

static int is_code(const char *c)
{
    return c && strlen(c) == 3 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' &&
           c[2] >= 'A' && c[2] <= 'Z';
}

static int by_tb(const void *a, const void *b)
{
    const mention_t *x = a, *y = b;
    return x->tb < y->tb ? -1 : x->tb > y->tb;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!W)
        LLVMFuzzerInitialize(NULL, NULL);
    const char *s = (const char *)data;
    size_t n = size, chars, bad;
    char *fixed = NULL;
    int rc = text_check(s, n, &chars, &bad);
    if (rc == WARTA_ERR_INVALID_UTF8) {
        fixed = text_repair(s, n, &n);
        FUZZ_ASSERT(fixed);
        s = fixed;
        rc = text_check(s, n, &chars, &bad);
    }
    if (rc < 0) { /* NUL bytes, UTF-16: never reach the stages */
        free(fixed);
        return 0;
    }
    arena_t arena = {0};
    pipe_t *p = &WK->pipe;
    p->s = s;
    p->n = n;
    p->chars = chars;
    p->arena = &arena;
    p->ntok = p->nsent = p->nment = 0;
    FUZZ_ASSERT(tok_run(W->tok, p) == 0);
    FUZZ_ASSERT(!vec_reserve((void **)&p->lex, &p->caplex, p->ntok + 1, sizeof *p->lex));
    memset(p->lex, 0, (p->ntok + 1) * sizeof *p->lex);
    FUZZ_ASSERT(sent_run(W->sent, p) == 0);
    rc = money_run(W->money, WK->money, p);
    FUZZ_ASSERT(rc == 0 || rc == WARTA_ERR_LIMIT);
    for (size_t i = 0; i < p->nment; i++) {
        const mention_t *m = &p->ment[i];
        FUZZ_ASSERT(m->tb < m->te && m->te <= p->ntok);
        FUZZ_ASSERT(m->type == WARTA_MONEY && m->source == SRC_MONEY);
        const mvals_t *v = ment_vals(p, m);
        FUZZ_ASSERT(v->amount ? fuzz_is_decimal(v->amount)
                              : fuzz_is_decimal(v->amount_min) && fuzz_is_decimal(v->amount_max));
        FUZZ_ASSERT(is_code(v->currency));
        /* a match never starts or ends inside a token */
        FUZZ_ASSERT(p->tok[m->tb].byte_start < p->tok[m->te - 1].byte_end);
    }
    if (p->nment)
        qsort(p->ment, p->nment, sizeof *p->ment, by_tb);
    for (size_t i = 1; i < p->nment; i++)
        FUZZ_ASSERT(p->ment[i - 1].te <= p->ment[i].tb);
    p->nment = 0;
    p->arena = NULL;
    arena_free(&arena);
    free(fixed);
    return 0;
}
