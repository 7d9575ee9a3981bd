/* Unit tests: the writers (JSON schema 1, pretty JSON, TSV, CoNLL, error
 * records, summary with exact money totals), on hand-built documents. */
#include <stdlib.h>

#include "t.h"
#include "warta.h"

/* "Rp 5 dan Rp 7,5 di \"Korea\"\tUtara" with hand-made tokens/entities */
static const char TEXT[] = "Rp 5 dan Rp 7,5 ke \"Korea\"\tUtara";

static warta_token_t toks[] = {
    {0, 2, 0, 2, WARTA_TOK_WORD, 0},    {3, 4, 3, 4, WARTA_TOK_NUMBER, 1},
    {5, 8, 5, 8, WARTA_TOK_WORD, 1},    {9, 11, 9, 11, WARTA_TOK_WORD, 1},
    {12, 15, 12, 15, WARTA_TOK_NUMBER, 1}, {16, 18, 16, 18, WARTA_TOK_WORD, 1},
    {19, 20, 19, 20, WARTA_TOK_PUNCT, 1}, {20, 25, 20, 25, WARTA_TOK_WORD, 0},
    {25, 26, 25, 26, WARTA_TOK_PUNCT, 0}, {27, 32, 27, 32, WARTA_TOK_WORD, 1},
};
static warta_sentence_t sents[] = {{0, 32, 0, 32, 0, 10}};

static warta_doc_t make_doc(warta_entity_t *ents, size_t n)
{
    warta_doc_t d;
    memset(&d, 0, sizeof d);
    d.text = TEXT;
    d.bytes = sizeof TEXT - 1;
    d.chars = sizeof TEXT - 1;
    d.tokens = toks;
    d.n_tokens = 10;
    d.sentences = sents;
    d.n_sentences = 1;
    d.entities = ents;
    d.n_entities = n;
    return d;
}

static warta_entity_t ents[3];

static void setup(void)
{
    memset(ents, 0, sizeof ents);
    ents[0] = (warta_entity_t){.type = WARTA_MONEY, .start = 0, .end = 4, .byte_start = 0,
                               .byte_end = 4, .tok_begin = 0, .tok_end = 2,
                               .currency = "IDR", .amount = "5", .score = 0.95};
    ents[1] = (warta_entity_t){.type = WARTA_MONEY, .start = 9, .end = 15, .byte_start = 9,
                               .byte_end = 15, .tok_begin = 3, .tok_end = 5,
                               .currency = "IDR", .amount = "7.5", .score = 1};
    ents[2] = (warta_entity_t){.type = WARTA_COUNTRY, .start = 19, .end = 32, .byte_start = 19,
                               .byte_end = 32, .tok_begin = 6, .tok_end = 10, .iso = "KR",
                               .name = "Korea Selatan", .score = 0.1234};
}

static char *render(const warta_doc_t *d, const char *src, warta_render_options_t o)
{
    char *out = NULL;
    size_t n = 0;
    CHECK_INT(warta_render(d, src, &o, &out, &n), WARTA_OK);
    CHECK(out && strlen(out) == n);
    return out;
}

static void json_line_schema(void)
{
    setup();
    warta_doc_t d = make_doc(ents, 3);
    char *s = render(&d, "a.txt", warta_render_options_default());
    CHECK(strncmp(s, "{\"source\":\"a.txt\",\"chars\":32,\"bytes\":32,\"entities\":[", 52) == 0);
    CHECK(strstr(s, "{\"type\":\"MONEY\",\"text\":\"Rp 5\",\"start\":0,\"end\":4,\"byte_start\":0,"
                    "\"byte_end\":4,\"sentence\":0,\"normalized\":{\"amount\":5,\"currency\":\"IDR\"},"
                    "\"score\":0.95}"));
    CHECK(strstr(s, "\"currency\":\"IDR\"},\"score\":1}"));
    /* at most 3 decimals, no trailing zeros */
    CHECK(strstr(s, "\"name\":\"Korea Selatan\"},\"score\":0.123}"));
    CHECK(strstr(s, "\"normalized\":{\"amount\":7.5,\"currency\":\"IDR\"}"));
    /* quotes and TAB inside entity text are escaped */
    CHECK(strstr(s, "\"text\":\"\\\"Korea\\\"\\tUtara\""));
    CHECK(strstr(s, "\"normalized\":{\"iso\":\"KR\",\"name\":\"Korea Selatan\"}"));
    /* one line, ending in a newline */
    CHECK(strchr(s, '\n') == s + strlen(s) - 1);
    CHECK(!strstr(s, "sentences"));
    free(s);
}

static void json_escapes_controls_and_bad_source_bytes(void)
{
    setup();
    warta_doc_t d = make_doc(ents, 0);
    char *s = render(&d, "we\x01ird\xFFname\"\\", warta_render_options_default());
    /* a name that is not UTF-8: bytes as \xHH, backslashes doubled */
    CHECK(strstr(s, "\"source\":\"we\\u0001ird\\\\xffname\\\"\\\\\\\\\""));
    CHECK(strstr(s, "\"entities\":[]"));
    free(s);
}

static void pretty_and_tokens(void)
{
    setup();
    warta_doc_t d = make_doc(ents, 1);
    warta_render_options_t o = warta_render_options_default();
    o.pretty = 1;
    o.tokens = 1;
    char *s = render(&d, "-", o);
    CHECK(strncmp(s, "{\n  \"source\": \"-\",\n  \"chars\": 32,", 33) == 0);
    CHECK(strstr(s, "\"sentences\": ["));
    CHECK(strstr(s, "{\"start\":20,\"end\":25,\"byte_start\":20,\"byte_end\":25,\"text\":\"Korea\"}"));
    CHECK(s[strlen(s) - 2] == '}');
    free(s);
}

static void id_replaces_source(void)
{
    setup();
    warta_doc_t d = make_doc(ents, 0);
    warta_render_options_t o = warta_render_options_default();
    o.id_json = "{\"n\":7}";
    char *s = render(&d, "ignored", o);
    CHECK(strncmp(s, "{\"id\":{\"n\":7},\"chars\"", 20) == 0);
    free(s);
}

static void tsv_rows(void)
{
    setup();
    warta_doc_t d = make_doc(ents, 3);
    warta_render_options_t o = warta_render_options_default();
    o.format = WARTA_FORMAT_TSV;
    char *s = render(&d, "dir/a b.txt", o);
    CHECK_STR(s, "dir/a b.txt\t0\t4\tMONEY\tRp 5\tIDR 5\t0.95\n"
                 "dir/a b.txt\t9\t15\tMONEY\tRp 7,5\tIDR 7.5\t1\n"
                 "dir/a b.txt\t19\t32\tCOUNTRY\t\"Korea\" Utara\tKR\t0.123\n");
    free(s);
}

static void conll_bio(void)
{
    setup();
    warta_doc_t d = make_doc(ents, 3);
    warta_render_options_t o = warta_render_options_default();
    o.format = WARTA_FORMAT_CONLL;
    char *s = render(&d, "x", o);
    CHECK_STR(s, "# source = x\nRp\tB-MONEY\n5\tI-MONEY\ndan\tO\nRp\tB-MONEY\n7,5\tI-MONEY\n"
                 "ke\tO\n\"\tB-COUNTRY\nKorea\tI-COUNTRY\n\"\tI-COUNTRY\nUtara\tI-COUNTRY\n\n");
    free(s);
}

static void summary_totals_are_exact(void)
{
    setup();
    /* 0.1 + 0.2 must be exactly 0.3, and totals beyond 2^53 stay exact */
    ents[0].amount = "0.1";
    ents[1].amount = "9007199254740993.2";
    warta_doc_t d = make_doc(ents, 3);
    warta_render_options_t o = warta_render_options_default();
    o.summary = 1;
    char *s = render(&d, "x", o);
    CHECK(strstr(s, "\"MONEY\":[{\"currency\":\"IDR\",\"total\":9007199254740993.3,\"count\":2}]"));
    CHECK(strstr(s, "\"COUNTRY\":[{\"iso\":\"KR\",\"name\":\"Korea Selatan\",\"count\":1}]"));
    CHECK(strstr(s, "\"PERSON\":[]"));
    free(s);
}

static void error_record(void)
{
    char *out;
    size_t n;
    warta_render_options_t o = warta_render_options_default();
    CHECK_INT(warta_render_error("a.txt", "invalid UTF-8 at byte 3", &o, &out, &n), WARTA_OK);
    CHECK_STR(out, "{\"source\":\"a.txt\",\"error\":\"invalid UTF-8 at byte 3\"}\n");
    free(out);
    o.format = WARTA_FORMAT_TSV;
    CHECK_INT(warta_render_error("a.txt", "x", &o, &out, &n), WARTA_OK);
    CHECK_STR(out, "a.txt\t\t\tERROR\t\tx\n"); /* every input has its record */
    free(out);
}

int main(void)
{
    RUN(json_line_schema);
    RUN(json_escapes_controls_and_bad_source_bytes);
    RUN(pretty_and_tokens);
    RUN(id_replaces_source);
    RUN(tsv_rows);
    RUN(conll_bio);
    RUN(summary_totals_are_exact);
    RUN(error_record);
    return T_EXIT();
}
