/* gazetteer.c - PLACEHOLDER: no gazetteer yet. */
#include <stdlib.h>

#include "pipeline.h"

struct gaz { int unused; };

int gaz_load(gaz_t **out, warta_error_t *err)
{
    (void)err;
    *out = calloc(1, sizeof **out);
    return *out ? 0 : WARTA_ERR_NOMEM;
}
void gaz_free(gaz_t *g) { free(g); }
int gaz_run(const gaz_t *g, pipe_t *p) { (void)g; (void)p; return 0; }
