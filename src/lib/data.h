/* data.h - files of data/ embedded into the library at build time: the
 * Makefile writes build/embedded.S (every .tsv, .txt and .bin file of
 * data/, included with the assembler's .incbin) and build/embedded_data.c (the
 * name table and data_get). */
#ifndef WARTA_DATA_H
#define WARTA_DATA_H

#include <stddef.h>

/* Returns the contents of embedded data/NAME (e.g. "countries.tsv"), or
 * NULL when there is no such file.  Static storage; *len gets the size. */
const unsigned char *data_get(const char *name, size_t *len);

#endif
