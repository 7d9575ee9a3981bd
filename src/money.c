/* money.c - PLACEHOLDER: no money recognition yet. */
#include <stdlib.h>

#include "pipeline.h"

struct money { int unused; };
struct money_scratch { int unused; };

int money_load(money_t **out, warta_error_t *err)
{
    (void)err;
    *out = calloc(1, sizeof **out);
    return *out ? 0 : WARTA_ERR_NOMEM;
}
void money_free(money_t *m) { free(m); }
money_scratch_t *money_scratch_new(const money_t *m) { (void)m; return calloc(1, sizeof(money_scratch_t)); }
void money_scratch_free(money_scratch_t *s) { free(s); }
int money_run(const money_t *m, money_scratch_t *s, pipe_t *p) { (void)m; (void)s; (void)p; return 0; }
