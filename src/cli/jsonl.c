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
 * refuses numbers beyond 64 bits or a double, but a pipeline must get its
 * ids back byte for byte.  So jansson parses a copy of the line in which
 * every valid number is masked as 0 (the record's numbers are never used:
 * "text" is a string), and the id is taken from the raw bytes of the line:
 * these helpers find the top-level "id" member, however its key is
 * escaped. */

static int is_delim(char c)
{
    return c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\r' ||
           c == '\n' || c == '\0' || c == ':';
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Index past the digits from s[i]. */
static size_t digits(const char *s, size_t n, size_t i)
{
    while (i < n && is_digit(s[i]))
        i++;
    return i;
}

/* The length of the JSON number (RFC 8259 grammar) at s[i], ended by a
 * delimiter or the end; 0 when it is not one (jansson then rejects it). */
static size_t number_len(const char *s, size_t n, size_t i)
{
    size_t j = i < n && s[i] == '-' ? i + 1 : i;
    if (j >= n || !is_digit(s[j]))
        return 0;
    j = s[j] == '0' ? j + 1 : digits(s, n, j);
    if (j < n && s[j] == '.') {
        size_t d = j + 1;
        if ((j = digits(s, n, d)) == d)
            return 0;
    }
    if (j < n && (s[j] == 'e' || s[j] == 'E')) {
        size_t d = j + 1 < n && (s[j + 1] == '+' || s[j + 1] == '-') ? j + 2 : j + 1;
        if ((j = digits(s, n, d)) == d)
            return 0;
    }
    return j == n || is_delim(s[j]) ? j - i : 0;
}

/* Index just past the string starting at s[i] == '"'. */
static size_t skip_string(const char *s, size_t n, size_t i)
{
    for (i++; i < n && s[i] != '"'; i++)
        if (s[i] == '\\')
            i++;
    return i < n ? i + 1 : n;
}

char *jsonl_mask_numbers(const char *line, size_t n)
{
    char *m = malloc(n ? n : 1);
    if (!m)
        return NULL;
    memcpy(m, line, n);
    for (size_t i = 0; i < n;) {
        if (m[i] == '"') {
            i = skip_string(m, n, i);
        } else if (m[i] == '-' || is_digit(m[i])) {
            size_t k = number_len(m, n, i);
            if (k) {
                m[i] = '0';
                memset(m + i + 1, ' ', k - 1);
                i += k;
            } else {
                while (i < n && !is_delim(m[i]) && m[i] != '"')
                    i++;
            }
        } else {
            i++;
        }
    }
    return m;
}

/* jansson lets a raw NUL pass between tokens: it is skipped like blanks */
static size_t skip_ws(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n' || s[i] == '\0'))
        i++;
    return i;
}

/* Index just past the JSON value starting at s[i] (valid JSON assumed). */
static size_t skip_value(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return n;
    if (s[i] == '"')
        return skip_string(s, n, i);
    if (s[i] == '{' || s[i] == '[') {
        int depth = 0;
        for (; i < n; i++) {
            if (s[i] == '"') {
                i = skip_string(s, n, i) - 1;
            } else if (s[i] == '{' || s[i] == '[') {
                depth++;
            } else if (s[i] == '}' || s[i] == ']') {
                if (--depth == 0)
                    return i + 1;
            }
        }
        return n;
    }
    while (i < n && !is_delim(s[i]))
        i++;
    return i;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Whether the key string s[0..n) (quotes included) decodes to "id": plain
 * or escaped (\u0069\u0064).  The short escapes (\n, \" ...) never spell
 * a letter, so a key using one is not "id". */
static int key_is_id(const char *s, size_t n)
{
    static const char want[] = "id";
    size_t k = 0;
    for (size_t i = 1; i + 1 < n; k++) {
        int c;
        if (s[i] != '\\') {
            c = (unsigned char)s[i++];
        } else if (i + 5 < n && s[i + 1] == 'u') {
            c = 0;
            for (size_t j = 2; j < 6; j++) {
                int h = hexval(s[i + j]);
                if (h < 0)
                    return 0;
                c = c * 16 + h;
            }
            i += 6;
        } else {
            return 0;
        }
        if (k >= 2 || c != want[k])
            return 0;
    }
    return k == 2;
}

/* The raw bytes of the top-level member "id" of the object in line[0..n),
 * or NULL when the key is absent. */
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
        i = skip_string(line, n, i);
        int is_id = key_is_id(line + kb, i - kb);
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

/* A malloc'd copy of the raw id with TAB, CR, LF and NUL between its
 * tokens written as spaces: the output record stays one clean line. */
static char *copy_id(const char *raw, size_t n)
{
    char *o = malloc(n + 1);
    if (!o)
        return NULL;
    memcpy(o, raw, n);
    o[n] = '\0';
    for (size_t i = 0; i < n;) {
        if (o[i] == '"') {
            i = skip_string(o, n, i);
            continue;
        }
        if (o[i] == '\t' || o[i] == '\r' || o[i] == '\n' || o[i] == '\0')
            o[i] = ' ';
        i++;
    }
    return o;
}

const char *jsonl_decode(const char *line, size_t len, jsonl_record_t *r, char *errbuf,
                         size_t errsz)
{
    memset(r, 0, sizeof *r);
    json_error_t e;
    char *masked = jsonl_mask_numbers(line, len);
    if (!masked) {
        snprintf(errbuf, errsz, "out of memory");
        return errbuf;
    }
    /* NULs inside strings are let through so that the library reports the
     * text as binary, as it does for a file */
    json_t *root = json_loadb(masked, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &e);
    free(masked);
    if (!root) {
        snprintf(errbuf, errsz, "invalid JSON at column %d: %s", e.column, e.text);
        return errbuf;
    }
    r->root = root;
    if (!json_is_object(root)) {
        snprintf(errbuf, errsz, "record is not a JSON object");
        return errbuf;
    }
    size_t idlen = 0;
    const char *raw = json_object_get(root, "id") ? raw_id(line, len, &idlen) : NULL;
    if (raw && !(r->id_json = copy_id(raw, idlen))) {
        snprintf(errbuf, errsz, "out of memory");
        return errbuf;
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
