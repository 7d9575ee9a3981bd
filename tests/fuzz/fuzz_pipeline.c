/* fuzz_pipeline.c - the whole document pipeline: warta_analyze() and
 * warta_render() in every format, over arbitrary bytes.
 *
 * Input: byte 0 selects options, the rest is the document.
 *   bit 0      replace_invalid
 *   bits 1-5   types mask (0 = all types); 31 (all five, the same types
 *              as 0) also tiles the document: TILE_COPIES copies of it,
 *              at most TILE_MAX bytes, so that small inputs reach the long
 *              documents where super-linear work would show (timeouts)
 *   bit 6      also analyze a second time and compare (determinism, worker reuse)
 *   bit 7      render with an "id" (as --input jsonl does)
 * Besides the sanitizers, it checks the invariants of the public API:
 * offsets in range, on UTF-8 boundaries and consistent between code points
 * and bytes; tokens, sentences and entities ordered and non-overlapping;
 * MONEY amounts exact decimals; JSON output valid (parsed back with
 * jansson), one line unless pretty, and equal to the document. */
#include <jansson.h>
#include <string.h>

#include "fuzz.h"
#include "text.h"
#include "warta.h"

static warta_t *W;
static warta_worker_t *WK;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_open(&W, &WK);
    return 0;
}

static void check_string(const char *s)
{
    size_t chars, bad;
    if (s)
        FUZZ_ASSERT(text_check(s, strlen(s), &chars, &bad) == WARTA_OK);
}

/* cp[b] = code points before byte b, for every byte offset of the text */
static void check_doc(const warta_doc_t *d, const char *in, size_t n, int replace)
{
    FUZZ_ASSERT(d->text != NULL);
    if (!d->repaired) {
        FUZZ_ASSERT(d->bytes == n);
        FUZZ_ASSERT(d->text == in || n == 0);
    } else {
        FUZZ_ASSERT(replace);
    }
    size_t chars, bad;
    FUZZ_ASSERT(text_check(d->text, d->bytes, &chars, &bad) == WARTA_OK);
    FUZZ_ASSERT(chars == d->chars);
    size_t *cp = malloc((d->bytes + 1) * sizeof *cp);
    unsigned char *start = calloc(d->bytes + 1, 1);
    FUZZ_ASSERT(cp && start);
    size_t c = 0;
    for (size_t i = 0; i < d->bytes;) {
        size_t k = utf8_seq_len((const unsigned char *)d->text + i, d->bytes - i);
        FUZZ_ASSERT(k);
        start[i] = 1;
        for (size_t j = 0; j < k; j++)
            cp[i + j] = c;
        i += k;
        c++;
    }
    cp[d->bytes] = c;
    start[d->bytes] = 1;
#define SPAN_OK(x)                                                                           \
    FUZZ_ASSERT((x)->byte_start <= (x)->byte_end && (x)->byte_end <= d->bytes &&             \
                start[(x)->byte_start] && start[(x)->byte_end] &&                            \
                (x)->start == cp[(x)->byte_start] && (x)->end == cp[(x)->byte_end])
    for (size_t i = 0; i < d->n_tokens; i++) {
        const warta_token_t *t = &d->tokens[i];
        SPAN_OK(t);
        FUZZ_ASSERT(t->byte_start < t->byte_end);
        if (i)
            FUZZ_ASSERT(d->tokens[i - 1].byte_end <= t->byte_start);
    }
    for (size_t i = 0; i < d->n_sentences; i++) {
        const warta_sentence_t *s = &d->sentences[i];
        SPAN_OK(s);
        FUZZ_ASSERT(s->tok_begin < s->tok_end && s->tok_end <= d->n_tokens);
        FUZZ_ASSERT(s->byte_start == d->tokens[s->tok_begin].byte_start);
        FUZZ_ASSERT(s->byte_end == d->tokens[s->tok_end - 1].byte_end);
        if (i)
            FUZZ_ASSERT(d->sentences[i - 1].tok_end <= s->tok_begin);
    }
    for (size_t i = 0; i < d->n_entities; i++) {
        const warta_entity_t *e = &d->entities[i];
        SPAN_OK(e);
        FUZZ_ASSERT(e->byte_start < e->byte_end);
        FUZZ_ASSERT((unsigned)e->type < WARTA_NTYPES);
        FUZZ_ASSERT(e->tok_begin < e->tok_end && e->tok_end <= d->n_tokens);
        FUZZ_ASSERT(e->byte_start == d->tokens[e->tok_begin].byte_start);
        FUZZ_ASSERT(e->byte_end == d->tokens[e->tok_end - 1].byte_end);
        FUZZ_ASSERT(e->sentence < d->n_sentences);
        if (i)
            FUZZ_ASSERT(d->entities[i - 1].byte_end <= e->byte_start);
        if (e->type == WARTA_MONEY) {
            FUZZ_ASSERT(e->amount ? fuzz_is_decimal(e->amount)
                                  : fuzz_is_decimal(e->amount_min) && fuzz_is_decimal(e->amount_max));
        }
        check_string(e->iso);
        check_string(e->name);
        check_string(e->canonical);
        check_string(e->currency);
    }
    free(cp);
    free(start);
}

/* The compact JSON: one line, parses, and says what the document says. */
static void check_json(const warta_doc_t *d, const char *out, size_t len, int pretty, int with_id)
{
    size_t chars, bad;
    FUZZ_ASSERT(len > 0 && out[len - 1] == '\n');
    FUZZ_ASSERT(text_check(out, len, &chars, &bad) == WARTA_OK);
    if (!pretty)
        FUZZ_ASSERT(memchr(out, '\n', len) == out + len - 1);
    json_error_t jerr;
    /* MONEY amounts are exact decimals written as JSON numbers of any
     * length (RFC 8259 allows it); jansson refuses integers beyond 64 bits
     * unless read as reals. */
    json_t *j = json_loadb(out, len, JSON_DECODE_INT_AS_REAL, &jerr);
    if (!j)
        fprintf(stderr, "JSON error: %s at %d\n", jerr.text, jerr.position);
    FUZZ_ASSERT(j && json_is_object(j));
    FUZZ_ASSERT((json_int_t)json_number_value(json_object_get(j, "chars")) == (json_int_t)d->chars);
    FUZZ_ASSERT((json_int_t)json_number_value(json_object_get(j, "bytes")) == (json_int_t)d->bytes);
    FUZZ_ASSERT(json_object_get(j, with_id ? "id" : "source") != NULL);
    json_t *ents = json_object_get(j, "entities");
    FUZZ_ASSERT(json_is_array(ents) && json_array_size(ents) == d->n_entities);
    for (size_t i = 0; i < d->n_entities; i++) {
        const warta_entity_t *e = &d->entities[i];
        json_t *o = json_array_get(ents, i);
        json_t *t = json_object_get(o, "text");
        FUZZ_ASSERT(json_is_string(t));
        FUZZ_ASSERT(json_string_length(t) == e->byte_end - e->byte_start &&
                    memcmp(json_string_value(t), d->text + e->byte_start,
                           e->byte_end - e->byte_start) == 0);
        FUZZ_ASSERT((json_int_t)json_number_value(json_object_get(o, "start")) == (json_int_t)e->start);
        FUZZ_ASSERT((json_int_t)json_number_value(json_object_get(o, "byte_end")) == (json_int_t)e->byte_end);
        FUZZ_ASSERT(!strcmp(json_string_value(json_object_get(o, "type")), warta_type_name(e->type)));
    }
    json_t *sents = json_object_get(j, "sentences");
    if (sents) {
        FUZZ_ASSERT(json_array_size(sents) == d->n_sentences);
        for (size_t i = 0; i < d->n_sentences; i++) {
            json_t *toks = json_object_get(json_array_get(sents, i), "tokens");
            if (!toks)
                continue;
            const warta_sentence_t *s = &d->sentences[i];
            FUZZ_ASSERT(json_array_size(toks) == s->tok_end - s->tok_begin);
            for (size_t k = 0; k < json_array_size(toks); k++) {
                const warta_token_t *tk = &d->tokens[s->tok_begin + k];
                json_t *t = json_object_get(json_array_get(toks, k), "text");
                FUZZ_ASSERT(json_string_length(t) == tk->byte_end - tk->byte_start &&
                            memcmp(json_string_value(t), d->text + tk->byte_start,
                                   tk->byte_end - tk->byte_start) == 0);
            }
        }
    }
    json_decref(j);
}

enum { BIG_DOC = 1 << 16 };

static void render_all(const warta_doc_t *doc, int with_id, char **first, size_t *first_len)
{
    /* the second name is not UTF-8 (\xFF): the JSON source keeps it as \xff */
    static const char *const sources[] = {"doc.txt", "a\"b\\c\td\n\x01/\xC3\xA9\xFF.txt", "-"};
    for (int v = 0; v < 6; v++) {
        warta_render_options_t ro = warta_render_options_default();
        ro.format = v == 4 ? WARTA_FORMAT_TSV : v == 5 ? WARTA_FORMAT_CONLL : WARTA_FORMAT_JSON;
        ro.pretty = v == 1 || v == 3;
        ro.sentences = v >= 2;
        ro.tokens = v == 3;
        ro.summary = v == 1 || v == 2;
        if (with_id)
            ro.id_json = "{\"k\":[1,\"\\u00e9\"]}";
        char *out = NULL;
        size_t len = 0;
        int rc = warta_render(doc, sources[v % 3], &ro, &out, &len);
        FUZZ_ASSERT(rc == WARTA_OK && out && out[len] == '\0');
        /* parsing every variant back costs most of the time; above 64 KiB
         * (tiled or long inputs) only the compact line and the one with
         * summary and sentences are parsed, so the timeout measures warta */
        if (ro.format == WARTA_FORMAT_JSON && (doc->bytes <= BIG_DOC || v == 0 || v == 2))
            check_json(doc, out, len, ro.pretty, with_id);
        else if (len) {
            size_t chars, bad;
            FUZZ_ASSERT(out[len - 1] == '\n');
            FUZZ_ASSERT(text_check(out, len, &chars, &bad) == WARTA_OK);
        }
        if (v == 3 && first) {
            *first = out;
            *first_len = len;
        } else {
            free(out);
        }
    }
}

enum { TILE_COPIES = 64, TILE_MAX = 1 << 20 };

/* A malloc'd buffer of copies of text[0..n), at most TILE_MAX bytes. */
static char *tile(const char *text, size_t *n)
{
    size_t copies = *n ? TILE_MAX / *n : 0;
    if (copies > TILE_COPIES)
        copies = TILE_COPIES;
    if (copies < 1)
        copies = 1;
    char *t = malloc(*n * copies + 1);
    FUZZ_ASSERT(t);
    for (size_t i = 0; i < copies; i++)
        memcpy(t + i * *n, text, *n);
    *n *= copies;
    return t;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!W)
        LLVMFuzzerInitialize(NULL, NULL);
    if (size < 1)
        return 0;
    unsigned flags = data[0];
    const char *text = (const char *)data + 1;
    size_t n = size - 1;
    warta_options_t o = warta_options_default();
    o.replace_invalid = flags & 1;
    unsigned mask = (flags >> 1) & WARTA_TYPES_ALL;
    if (mask)
        o.types = mask;
    int with_id = (flags & 0x80) != 0;
    char *tiled = mask == WARTA_TYPES_ALL ? tile(text, &n) : NULL;
    if (tiled)
        text = tiled;

    warta_doc_t *doc = NULL;
    warta_error_t err;
    int rc = warta_analyze(WK, text, n, &o, &doc, &err);
    if (rc < 0) {
        FUZZ_ASSERT(doc == NULL && err.code == rc && err.message[0]);
        FUZZ_ASSERT(rc == WARTA_ERR_INVALID_UTF8 || rc == WARTA_ERR_BINARY ||
                    rc == WARTA_ERR_UTF16 || rc == WARTA_ERR_NOMEM || rc == WARTA_ERR_LIMIT);
        FUZZ_ASSERT(!(rc == WARTA_ERR_INVALID_UTF8 && o.replace_invalid));
        if (rc == WARTA_ERR_INVALID_UTF8 || rc == WARTA_ERR_BINARY)
            FUZZ_ASSERT(err.byte < n);
        char *out = NULL;
        size_t len = 0;
        warta_render_options_t ro = warta_render_options_default();
        FUZZ_ASSERT(warta_render_error("src", err.message, &ro, &out, &len) == WARTA_OK);
        json_t *j = json_loadb(out, len, 0, NULL);
        FUZZ_ASSERT(j && !strcmp(json_string_value(json_object_get(j, "error")), err.message));
        json_decref(j);
        free(out);
        /* an invalid document can always be repaired */
        if (rc == WARTA_ERR_INVALID_UTF8) {
            o.replace_invalid = 1;
            rc = warta_analyze(WK, text, n, &o, &doc, &err);
            FUZZ_ASSERT(rc == WARTA_OK && doc && doc->repaired);
        }
    }
    if (doc) {
        check_doc(doc, text, n, o.replace_invalid);
        for (size_t i = 0; i < doc->n_entities; i++)
            FUZZ_ASSERT(o.types & WARTA_TYPE_BIT(doc->entities[i].type));
        char *a = NULL;
        size_t alen = 0;
        render_all(doc, with_id, &a, &alen);
        if (flags & 0x40) {
            warta_doc_t *again = NULL;
            FUZZ_ASSERT(warta_analyze(WK, text, n, &o, &again, NULL) == WARTA_OK);
            char *b = NULL;
            size_t blen = 0;
            render_all(again, with_id, &b, &blen);
            FUZZ_ASSERT(alen == blen && memcmp(a, b, alen) == 0);
            free(b);
            warta_doc_free(again);
        }
        free(a);
        warta_doc_free(doc);
    }
    free(tiled);
    return 0;
}
