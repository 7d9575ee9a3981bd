/* model_check.c - checks a model file in full (header, sections, checksum,
 * slot count: model_open_mem) at build time, so the library can trust the
 * copy it embeds (model_open_trusted) and start faster.
 *
 *   model_check FILE    exit 0 if FILE is a valid model, else 1 with the reason
 *
 * Built from src/lib/model.c and src/lib/errors.c alone (it runs before
 * libwarta.a exists). */
#include <stdio.h>

#include "model.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: model_check FILE\n");
        return 2;
    }
    model_t m;
    warta_error_t err;
    if (model_open_file(&m, argv[1], &err) < 0) {
        fprintf(stderr, "model_check: %s: %s\n", argv[1], err.message);
        return 1;
    }
    model_close(&m);
    return 0;
}
