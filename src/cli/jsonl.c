/* jsonl.c - JSON Lines records through jansson (see jsonl.h). */
#include "jsonl.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jsonl_init(void)
{
    json_object_seed(0);
}

void jsonl_record_free(jsonl_record_t *r)
{
    if (r->root)
        json_decref((json_t *)r->root);
    free(r->id_json);
    memset(r, 0, sizeof *r);
}

const char *jsonl_decode(const char *line, size_t len, jsonl_record_t *r, char *errbuf,
                         size_t errsz)
{
    memset(r, 0, sizeof *r);
    json_error_t e;
    /* NULs inside strings are let through so that the library reports the
     * text as binary, as it does for a file */
    json_t *root = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &e);
    if (!root) {
        snprintf(errbuf, errsz, "invalid JSON at column %d: %s", e.column, e.text);
        return errbuf;
    }
    r->root = root;
    if (!json_is_object(root)) {
        snprintf(errbuf, errsz, "record is not a JSON object");
        return errbuf;
    }
    json_t *id = json_object_get(root, "id");
    if (id) {
        r->id_json = json_dumps(id, JSON_COMPACT | JSON_ENCODE_ANY);
        if (!r->id_json) {
            snprintf(errbuf, errsz, "out of memory");
            return errbuf;
        }
    }
    json_t *text = json_object_get(root, "text");
    if (!text) {
        snprintf(errbuf, errsz, "record has no \"text\"");
        return errbuf;
    }
    if (!json_is_string(text)) {
        snprintf(errbuf, errsz, "\"text\" is not a string");
        return errbuf;
    }
    r->text = json_string_value(text);
    r->len = json_string_length(text);
    return NULL;
}
