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

/* ---- the id, verbatim -------------------------------------------------
 * jansson re-serializes numbers (0.1 becomes 0.10000000000000001) and
 * rejects integers beyond 64 bits, but a pipeline must get its ids back
 * byte for byte.  Once jansson has validated the line, these helpers find
 * the raw bytes of the top-level "id" value. */

static size_t skip_ws(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    return i;
}

/* Index just past the JSON value starting at s[i] (valid JSON assumed). */
static size_t skip_value(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return n;
    if (s[i] == '"') {
        for (i++; i < n && s[i] != '"'; i++)
            if (s[i] == '\\')
                i++;
        return i < n ? i + 1 : n;
    }
    if (s[i] == '{' || s[i] == '[') {
        int depth = 0;
        for (; i < n; i++) {
            if (s[i] == '"') {
                i = skip_value(s, n, i) - 1;
            } else if (s[i] == '{' || s[i] == '[') {
                depth++;
            } else if (s[i] == '}' || s[i] == ']') {
                if (--depth == 0)
                    return i + 1;
            }
        }
        return n;
    }
    while (i < n && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' && s[i] != '\t' &&
           s[i] != '\r' && s[i] != '\n')
        i++;
    return i;
}

/* The raw bytes of the top-level member "id" of the object in line[0..n),
 * or NULL when the key is absent or written with escapes. */
static const char *raw_id(const char *line, size_t n, size_t *len)
{
    size_t i = skip_ws(line, n, 0);
    if (i >= n || line[i] != '{')
        return NULL;
    i++;
    for (;;) {
        i = skip_ws(line, n, i);
        if (i >= n || line[i] != '"')
            return NULL;
        size_t kb = i;
        i = skip_value(line, n, i);
        int is_id = i - kb == 4 && memcmp(line + kb, "\"id\"", 4) == 0;
        i = skip_ws(line, n, i);
        if (i >= n || line[i] != ':')
            return NULL;
        i = skip_ws(line, n, i + 1);
        size_t vb = i;
        i = skip_value(line, n, i);
        if (is_id) {
            *len = i - vb;
            return line + vb;
        }
        i = skip_ws(line, n, i);
        if (i >= n || line[i] != ',')
            return NULL;
        i++;
    }
}

const char *jsonl_decode(const char *line, size_t len, jsonl_record_t *r, char *errbuf,
                         size_t errsz)
{
    memset(r, 0, sizeof *r);
    json_error_t e;
    /* NULs inside strings are let through so that the library reports the
     * text as binary, as it does for a file */
    json_t *root = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL | JSON_DECODE_INT_AS_REAL, &e);
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
    size_t idlen = 0;
    const char *raw = id ? raw_id(line, len, &idlen) : NULL;
    /* jansson lets a raw NUL byte pass between tokens; such an id is
     * re-serialized instead, so the output stays one valid JSON line */
    if (raw && memchr(raw, '\0', idlen))
        raw = NULL;
    if (raw) {
        r->id_json = malloc(idlen + 1);
        if (r->id_json) {
            memcpy(r->id_json, raw, idlen);
            r->id_json[idlen] = '\0';
        }
        if (!r->id_json) {
            snprintf(errbuf, errsz, "out of memory");
            return errbuf;
        }
    } else if (id) {
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
