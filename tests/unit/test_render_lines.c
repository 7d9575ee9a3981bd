/* Unit tests: TSV and CoNLL stay one record per line for every reader
 * (issue 15.7): VT, FF, 0x1C-0x1F, ESC, DEL, U+0085, U+2028 and U+2029
 * in the text are not written raw (Python's str.splitlines() and similar
 * readers break lines at them; ESC drives terminals), a token made only of
 * such characters is not a CoNLL row, and a failed document still has its
 * record in TSV and CoNLL (issue 15.9). */
#include <stdlib.h>

#include "t.h"
#include "warta.h"

/* every character the issue names, between words */
static const char TEXT[] = "Budi\x0bSan\x0cto\x1cso\x1d" "A\x1e" "B\x1f" "C\x1b[31m\x7f"
                           "D\xc2\x85" "E\xe2\x80\xa8" "F\xe2\x80\xa9" "G \x1c Jakarta";

static const char *const BAD[] = {"\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x1b",
                                  "\x7f", "\xc2\x85", "\xe2\x80\xa8", "\xe2\x80\xa9", "\r"};

static void check_clean(const char *s)
{
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++)
        if (strstr(s, BAD[i])) {
            fprintf(stderr, "  raw character %zu written\n", i);
            CHECK(!"raw line or field breaker in the output");
        }
}

static warta_doc_t doc(warta_token_t *tok, size_t ntok, warta_sentence_t *s, warta_entity_t *e,
                       size_t ne)
{
    warta_doc_t d;
    memset(&d, 0, sizeof d);
    d.text = TEXT;
    d.bytes = d.chars = sizeof TEXT - 1;
    d.tokens = tok;
    d.n_tokens = ntok;
    d.sentences = s;
    d.n_sentences = 1;
    d.entities = e;
    d.n_entities = ne;
    return d;
}

static void tsv_and_conll_escape_breakers(void)
{
    size_t n = sizeof TEXT - 1, k = 0;
    /* tokens: the whole run before " \x1c ", the lone \x1c, Jakarta */
    size_t sp = (size_t)(strstr(TEXT, " \x1c ") - TEXT);
    warta_token_t tok[3] = {{0, sp, 0, sp, WARTA_TOK_WORD, 0},
                            {sp + 1, sp + 2, sp + 1, sp + 2, WARTA_TOK_PUNCT, 1},
                            {sp + 3, n, sp + 3, n, WARTA_TOK_WORD, 1}};
    warta_sentence_t s = {0, n, 0, n, 0, 3};
    warta_entity_t e[2] = {{.type = WARTA_PERSON, .end = sp, .byte_end = sp, .tok_end = 1},
                           {.type = WARTA_LOCATION, .start = sp + 3, .end = n,
                            .byte_start = sp + 3, .byte_end = n, .tok_begin = 2, .tok_end = 3,
                            .name = "Jakarta"}};
    warta_doc_t d = doc(tok, 3, &s, e, 2);
    warta_render_options_t o = warta_render_options_default();
    char *out;
    size_t len;
    o.format = WARTA_FORMAT_TSV;
    CHECK_INT(warta_render(&d, "a\x1b]0;x\x07\xe2\x80\xa8.txt", &o, &out, &len), WARTA_OK);
    check_clean(out);
    for (const char *p = out; *p; p++)
        k += *p == '\n';
    CHECK_INT(k, 2);
    CHECK(strstr(out, "\tPERSON\tBudi San to so A B C [31m D E F G\t"));
    free(out);
    o.format = WARTA_FORMAT_CONLL;
    CHECK_INT(warta_render(&d, "x", &o, &out, &len), WARTA_OK);
    check_clean(out);
    /* the lone \x1c token is not a row: source, 2 tokens, blank line */
    k = 0;
    for (const char *p = out; *p; p++)
        k += *p == '\n';
    CHECK_INT(k, 4);
    CHECK(strstr(out, "\tB-PERSON\nJakarta\tB-LOCATION\n\n"));
    free(out);
}

static void error_records_in_every_format(void)
{
    warta_render_options_t o = warta_render_options_default();
    char *out;
    size_t len;
    o.format = WARTA_FORMAT_TSV;
    CHECK_INT(warta_render_error("dir/a.txt", "invalid UTF-8\nat byte 3", &o, &out, &len), WARTA_OK);
    CHECK_STR(out, "dir/a.txt\t\t\tERROR\t\tinvalid UTF-8 at byte 3\n");
    free(out);
    o.id_json = "\"r1\"";
    CHECK_INT(warta_render_error("-:1", "record has no \"text\"", &o, &out, &len), WARTA_OK);
    CHECK_STR(out, "\"r1\"\t\t\tERROR\t\trecord has no \"text\"\n");
    free(out);
    o.id_json = NULL;
    /* a source that is not UTF-8 is escaped as in JSON: the output stays UTF-8 */
    CHECK_INT(warta_render_error("x\xff\\.txt", "e", &o, &out, &len), WARTA_OK);
    CHECK_STR(out, "x\\xff\\\\.txt\t\t\tERROR\t\te\n");
    free(out);
    o.format = WARTA_FORMAT_CONLL;
    CHECK_INT(warta_render_error("b.txt", "binary\x1b", &o, &out, &len), WARTA_OK);
    CHECK_STR(out, "# source = b.txt\n# error = binary \n\n");
    free(out);
}

int main(void)
{
    RUN(tsv_and_conll_escape_breakers);
    RUN(error_records_in_every_format);
    return T_EXIT();
}
