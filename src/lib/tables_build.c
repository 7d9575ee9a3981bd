/* tables_build.c - every prebuilt table (tables.h), made by the run-time
 * builders: what build/mktables writes, and what test_tables compares with
 * the embedded blob. */
#include <stdlib.h>

#include "data.h"
#include "gaz.h"
#include "lexicon.h"
#include "model.h"
#include "money_pattern.h"
#include "roles.h"
#include "tables.h"

/* The filter of the embedded model's features (model_filter_fill). */
static int model_filter_save(tb_writer_t *w, warta_error_t *err)
{
    size_t len;
    const unsigned char *buf = data_get("model.bin", &len);
    model_t m = {0};
    int rc = model_open_trusted(&m, buf, buf ? len : 0, err);
    if (rc < 0)
        return rc;
    uint64_t *bits = calloc(MODEL_FILTER_WORDS, sizeof *bits);
    if (!bits)
        return err_set(err, WARTA_ERR_NOMEM, 0, "out of memory building the model filter");
    model_filter_fill(&m, bits);
    tbw_begin(w, TB_MODEL_FILTER);
    tbw_put(w, bits, MODEL_FILTER_WORDS * sizeof *bits);
    tbw_end(w, TB_MODEL_FILTER);
    free(bits);
    model_close(&m);
    return w->oom ? WARTA_ERR_NOMEM : 0;
}

int tables_build(tb_writer_t *w, warta_error_t *err)
{
    gaz_t *g = NULL;
    int rc = lexicon_save(w, err);
    if (!rc && !(rc = gaz_build(&g, err)))
        rc = gaz_save(g, w);
    gaz_free(g);
    if (!rc)
        rc = money_save(w, err);
    if (!rc)
        rc = roles_save(w, err);
    if (!rc)
        rc = model_filter_save(w, err);
    return rc;
}
