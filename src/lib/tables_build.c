/* tables_build.c - every prebuilt table (tables.h), made by the run-time
 * builders: what build/mktables writes, and what test_tables compares with
 * the embedded blob. */
#include "gaz.h"
#include "lexicon.h"
#include "money_pattern.h"
#include "roles.h"
#include "tables.h"

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
    return rc;
}
