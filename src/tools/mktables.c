/* mktables.c - writes the prebuilt start-up tables (src/lib/tables.h) to
 * the file named by its argument: the word lists (lexicon_save), the
 * gazetteer (gaz_save), the serialized money patterns with the currency
 * forms (money_save) and the role phrases (roles_save), each built from the embedded data/ files by the code the library would run.
 * The Makefile runs it and embeds its output. */
#include <stdio.h>

#include "tables.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: mktables OUT\n");
        return 2;
    }
    warta_error_t err = {0};
    tb_writer_t w = {0};
    int rc = tables_build(&w, &err);
    if (!rc && tbw_save(&w, argv[1]))
        rc = WARTA_ERR_IO;
    tbw_free(&w);
    if (rc) {
        fprintf(stderr, "mktables: %s (%d)\n", err.message[0] ? err.message : "failed", rc);
        remove(argv[1]);
        return 1;
    }
    return 0;
}
