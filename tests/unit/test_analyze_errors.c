/* Unit tests: the error paths of warta_analyze() and the offsets it reports
 * for repaired text and a UTF-8 BOM. */
#include <stdint.h>

#include "t.h"
#include "warta.h"

static warta_t *W;
static warta_worker_t *WK;

static int analyze(const char *s, size_t n, int replace, warta_doc_t **doc, warta_error_t *err)
{
    warta_options_t o = warta_options_default();
    o.replace_invalid = replace;
    return warta_analyze(WK, s, n, &o, doc, err);
}

static void bad_arguments(void)
{
    warta_doc_t *doc = (warta_doc_t *)1;
    warta_error_t err;
    CHECK_INT(warta_analyze(NULL, "a", 1, NULL, &doc, &err), WARTA_ERR_ARG);
    CHECK(doc == NULL);
    CHECK_INT(warta_analyze(WK, NULL, 3, NULL, &doc, &err), WARTA_ERR_ARG);
    CHECK_INT(err.code, WARTA_ERR_ARG);
    CHECK_INT(warta_analyze(WK, "a", 1, NULL, NULL, &err), WARTA_ERR_ARG);
    /* NULL text of length 0 is the empty document */
    CHECK_INT(warta_analyze(WK, NULL, 0, NULL, &doc, NULL), WARTA_OK);
    CHECK(doc && doc->chars == 0 && doc->n_entities == 0);
    warta_doc_free(doc);
}

static void too_large_is_a_limit(void)
{
    warta_doc_t *doc = NULL;
    warta_error_t err;
    /* the size is checked before a byte is read */
    size_t huge = (size_t)UINT32_MAX + 1;
    CHECK_INT(warta_analyze(WK, "x", huge, NULL, &doc, &err), WARTA_ERR_LIMIT);
    CHECK(doc == NULL);
    CHECK(strstr(err.message, "document too large") != NULL);
}

static void invalid_utf8_message(void)
{
    warta_doc_t *doc = NULL;
    warta_error_t err;
    CHECK_INT(analyze("Harga naik \x80 lagi", 17, 0, &doc, &err), WARTA_ERR_INVALID_UTF8);
    CHECK(doc == NULL);
    CHECK_STR(err.message, "invalid UTF-8 at byte 11");
    CHECK_INT(err.byte, 11);
    CHECK_INT(analyze("ab\xE2\x82", 4, 0, &doc, &err), WARTA_ERR_INVALID_UTF8);
    CHECK_STR(err.message, "invalid UTF-8 at byte 2");
}

static void binary_and_utf16_messages(void)
{
    warta_doc_t *doc = NULL;
    warta_error_t err;
    CHECK_INT(analyze("abc\0def", 7, 0, &doc, &err), WARTA_ERR_BINARY);
    CHECK_STR(err.message, "binary file (NUL byte at byte 3), skipped");
    /* --replace-invalid does not make binary data text */
    CHECK_INT(analyze("abc\0\xFF", 5, 1, &doc, &err), WARTA_ERR_BINARY);
    CHECK_INT(analyze("\xFF\xFE" "a\0b\0", 6, 0, &doc, &err), WARTA_ERR_UTF16);
    CHECK(strstr(err.message, "UTF-16") && strstr(err.message, "iconv -f UTF-16 -t UTF-8"));
    CHECK_INT(analyze("\xFE\xFF\0a", 4, 1, &doc, &err), WARTA_ERR_UTF16);
    CHECK_INT(analyze("\xFF\xFE\0\0" "a\0\0\0", 8, 0, &doc, &err), WARTA_ERR_UTF16);
    CHECK(strstr(err.message, "iconv -f UTF-32 -t UTF-8") != NULL);
    CHECK(doc == NULL);
}

/* Offsets of a repaired document refer to the repaired text. */
static void replace_invalid_offsets(void)
{
    warta_doc_t *doc = NULL;
    warta_error_t err;
    /* "a" F1 80 80 "b" C0 "cd": F1 80 80 is one maximal subpart, C0 another */
    const char in[] = "a\xF1\x80\x80 b \xC0 cd";
    CHECK_INT(analyze(in, sizeof in - 1, 1, &doc, &err), WARTA_OK);
    if (!doc)
        return;
    CHECK_INT(doc->repaired, 1);
    CHECK_INT(doc->chars, 9);                 /* a FFFD sp b sp FFFD sp c d */
    CHECK_INT(doc->bytes, 13);
    CHECK(doc->text != in);
    CHECK(memcmp(doc->text, "a\xEF\xBF\xBD b \xEF\xBF\xBD cd", 13) == 0);
    /* the last token is "cd" at code points 7..9, bytes 11..13 */
    CHECK(doc->n_tokens >= 1);
    if (doc->n_tokens) {
        const warta_token_t *t = &doc->tokens[doc->n_tokens - 1];
        CHECK_INT(t->start, 7);
        CHECK_INT(t->end, 9);
        CHECK_INT(t->byte_start, 11);
        CHECK_INT(t->byte_end, 13);
    }
    warta_doc_free(doc);
    /* valid text is not copied */
    CHECK_INT(analyze("ok", 2, 1, &doc, &err), WARTA_OK);
    CHECK(doc && doc->repaired == 0);
    warta_doc_free(doc);
}

/* A UTF-8 BOM is part of the text (one code point, three bytes) and is
 * never part of a token. */
static void bom_offsets(void)
{
    warta_doc_t *a = NULL, *b = NULL;
    CHECK_INT(analyze("Rapat di Jakarta.", 17, 0, &a, NULL), WARTA_OK);
    CHECK_INT(analyze("\xEF\xBB\xBFRapat di Jakarta.", 20, 0, &b, NULL), WARTA_OK);
    if (!a || !b) {
        warta_doc_free(a);
        warta_doc_free(b);
        return;
    }
    CHECK_INT(b->chars, a->chars + 1);
    CHECK_INT(b->bytes, a->bytes + 3);
    CHECK_INT(b->n_tokens, a->n_tokens);
    for (size_t i = 0; i < a->n_tokens && i < b->n_tokens; i++) {
        CHECK_INT(b->tokens[i].start, a->tokens[i].start + 1);
        CHECK_INT(b->tokens[i].byte_start, a->tokens[i].byte_start + 3);
        CHECK_INT(b->tokens[i].byte_end, a->tokens[i].byte_end + 3);
    }
    CHECK_INT(b->n_entities, a->n_entities);
    for (size_t i = 0; i < a->n_entities && i < b->n_entities; i++) {
        CHECK_INT(b->entities[i].start, a->entities[i].start + 1);
        CHECK_INT(b->entities[i].byte_start, a->entities[i].byte_start + 3);
    }
    warta_doc_free(a);
    warta_doc_free(b);
}

static void empty_and_blank(void)
{
    static const char *const in[] = {"", " ", "\n\n\n", " \t\r\n \xC2\xA0 \xE3\x80\x80 ",
                                     "\xEF\xBB\xBF", "\xEF\xBB\xBF\n"};
    for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
        warta_doc_t *doc = NULL;
        CHECK_INT(analyze(in[i], strlen(in[i]), 0, &doc, NULL), WARTA_OK);
        CHECK(doc && doc->n_entities == 0 && doc->n_tokens == 0);
        char *out = NULL;
        size_t len = 0;
        CHECK_INT(warta_render(doc, "x", NULL, &out, &len), WARTA_OK);
        CHECK(out && len && out[len - 1] == '\n');
        free(out);
        warta_doc_free(doc);
    }
}

/* Large token arrays move into the document; the worker must still work
 * for the next documents, large and small. */
static void worker_survives_large_documents(void)
{
    size_t n = 200000;
    char *s = malloc(n * 2);
    if (!s) {
        CHECK(s != NULL);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        s[2 * i] = 'a';
        s[2 * i + 1] = ' ';
    }
    for (int round = 0; round < 3; round++) {
        warta_doc_t *big = NULL, *small = NULL;
        CHECK_INT(analyze(s, n * 2, 0, &big, NULL), WARTA_OK);
        CHECK_INT(analyze("Satu dua.", 9, 0, &small, NULL), WARTA_OK);
        CHECK(big && big->n_tokens == n);
        CHECK(big && big->n_tokens && big->tokens[n - 1].byte_start == 2 * (n - 1));
        CHECK(small && small->n_tokens >= 2);
        warta_doc_free(big);
        warta_doc_free(small);
    }
    free(s);
}

int main(void)
{
    warta_error_t err;
    if (warta_open(&W, NULL, &err) < 0 || !(WK = warta_worker_new(W))) {
        printf("FAIL warta_open: %s\n", err.message);
        return 1;
    }
    RUN(bad_arguments);
    RUN(too_large_is_a_limit);
    RUN(invalid_utf8_message);
    RUN(binary_and_utf16_messages);
    RUN(replace_invalid_offsets);
    RUN(bom_offsets);
    RUN(empty_and_blank);
    RUN(worker_survives_large_documents);
    warta_worker_free(WK);
    warta_close(W);
    return T_EXIT();
}
