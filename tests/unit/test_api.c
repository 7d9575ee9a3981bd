/* Unit tests: the public API contract (include/warta.h): open/close,
 * workers, options, offsets, errors, ownership (run under ASan/valgrind). */
#include <stdlib.h>

#include "t.h"
#include "warta.h"

static warta_t *W;

static void open_and_close(void)
{
    warta_t *w = NULL;
    warta_error_t err;
    CHECK_INT(warta_open(&w, NULL, &err), WARTA_OK);
    CHECK(w != NULL);
    warta_close(w);
    warta_close(NULL);
    warta_worker_free(NULL);
    warta_doc_free(NULL);
    CHECK(warta_worker_new(NULL) == NULL);
}

static void missing_model_file_is_an_error(void)
{
    warta_t *w = (warta_t *)1;
    warta_error_t err;
    warta_config_t c = warta_config_default();
    c.model_path = "/nonexistent/model.bin";
    CHECK(warta_open(&w, &c, &err) < 0);
    CHECK(w == NULL);
    CHECK(err.code < 0);
    CHECK(err.message[0] != '\0');
}

static void offsets_count_code_points_and_bytes(void)
{
    warta_worker_t *wk = warta_worker_new(W);
    /* "é" is 2 bytes; "—" is 3 bytes */
    const char *s = "Café — Rumah";
    warta_doc_t *d = NULL;
    warta_error_t err;
    CHECK_INT(warta_analyze(wk, s, strlen(s), NULL, &d, &err), WARTA_OK);
    CHECK_INT(d->bytes, strlen(s));
    CHECK_INT(d->chars, 12);
    CHECK(d->n_tokens >= 3);
    if (d->n_tokens >= 3) {
        CHECK_INT(d->tokens[0].start, 0);
        CHECK_INT(d->tokens[0].end, 4);
        CHECK_INT(d->tokens[0].byte_end, 5);
        const warta_token_t *last = &d->tokens[d->n_tokens - 1];
        CHECK_INT(last->start, 7);
        CHECK_INT(last->byte_start, 10);
        CHECK_INT(last->end, 12);
        CHECK_INT(last->byte_end, 15);
    }
    /* every token is a view whose byte range holds text, never whitespace */
    for (size_t i = 0; i < d->n_tokens; i++) {
        CHECK(d->tokens[i].byte_end > d->tokens[i].byte_start);
        CHECK(d->text[d->tokens[i].byte_start] != ' ');
    }
    warta_doc_free(d);
    warta_worker_free(wk);
}

static void invalid_utf8_fails_or_is_repaired(void)
{
    warta_worker_t *wk = warta_worker_new(W);
    const char s[] = "Harga naik \xFF lagi";
    warta_doc_t *d = (warta_doc_t *)1;
    warta_error_t err;
    CHECK_INT(warta_analyze(wk, s, sizeof s - 1, NULL, &d, &err), WARTA_ERR_INVALID_UTF8);
    CHECK(d == NULL);
    CHECK_INT(err.byte, 11);
    CHECK_STR(err.message, "invalid UTF-8 at byte 11");

    warta_options_t o = warta_options_default();
    o.replace_invalid = 1;
    CHECK_INT(warta_analyze(wk, s, sizeof s - 1, &o, &d, &err), WARTA_OK);
    CHECK(d && d->repaired);
    CHECK(d && d->text != s);
    CHECK(d && d->bytes == sizeof s - 1 + 2);
    CHECK(d && memcmp(d->text + 11, "\xEF\xBF\xBD", 3) == 0);
    warta_doc_free(d);
    warta_worker_free(wk);
}

static void empty_and_whitespace_documents(void)
{
    warta_worker_t *wk = warta_worker_new(W);
    warta_doc_t *d;
    warta_error_t err;
    CHECK_INT(warta_analyze(wk, NULL, 0, NULL, &d, &err), WARTA_OK);
    CHECK_INT(d->n_entities, 0);
    CHECK_INT(d->n_tokens, 0);
    warta_doc_free(d);
    CHECK_INT(warta_analyze(wk, " \n\n\t \r\n", 7, NULL, &d, &err), WARTA_OK);
    CHECK_INT(d->n_entities, 0);
    CHECK_INT(d->n_tokens, 0);
    CHECK_INT(d->chars, 7);
    warta_doc_free(d);
    CHECK_INT(warta_analyze(NULL, "x", 1, NULL, &d, &err), WARTA_ERR_ARG);
    warta_worker_free(wk);
}

static void types_filter_keeps_only_requested(void)
{
    warta_worker_t *wk = warta_worker_new(W);
    const char *s = "Presiden Joko Widodo bertemu Anwar Ibrahim di Jakarta.";
    warta_doc_t *all, *none;
    warta_error_t err;
    warta_options_t o = warta_options_default();
    CHECK_INT(warta_analyze(wk, s, strlen(s), &o, &all, &err), WARTA_OK);
    o.types = WARTA_TYPE_BIT(WARTA_MONEY);
    CHECK_INT(warta_analyze(wk, s, strlen(s), &o, &none, &err), WARTA_OK);
    CHECK(all->n_entities > 0);
    CHECK_INT(none->n_entities, 0);
    for (size_t i = 1; i < all->n_entities; i++)
        CHECK(all->entities[i - 1].end <= all->entities[i].start); /* sorted, disjoint */
    warta_doc_free(all);
    warta_doc_free(none);
    warta_worker_free(wk);
}

static void type_names_round_trip(void)
{
    for (int t = 0; t < WARTA_NTYPES; t++) {
        const char *n = warta_type_name((warta_type_t)t);
        CHECK(n != NULL);
        CHECK_INT(warta_type_parse(n, strlen(n)), t);
    }
    CHECK_INT(warta_type_parse("person", 6), WARTA_PERSON);
    CHECK_INT(warta_type_parse("PLANET", 6), -1);
    CHECK(warta_type_name(WARTA_NTYPES) == NULL);
}

static void workers_are_independent(void)
{
    warta_worker_t *a = warta_worker_new(W), *b = warta_worker_new(W);
    const char *s1 = "Satu dua tiga.", *s2 = "Empat lima enam tujuh delapan.";
    warta_doc_t *d1, *d2;
    warta_error_t err;
    CHECK_INT(warta_analyze(a, s1, strlen(s1), NULL, &d1, &err), WARTA_OK);
    CHECK_INT(warta_analyze(b, s2, strlen(s2), NULL, &d2, &err), WARTA_OK);
    /* d1 stays valid after the second call on the same worker */
    warta_doc_t *d3;
    CHECK_INT(warta_analyze(a, s2, strlen(s2), NULL, &d3, &err), WARTA_OK);
    CHECK_INT(d1->n_tokens, 4);
    CHECK_INT(d2->n_tokens, d3->n_tokens);
    CHECK(d1->text == s1);
    warta_doc_free(d1);
    warta_doc_free(d2);
    warta_doc_free(d3);
    warta_worker_free(a);
    warta_worker_free(b);
}

int main(void)
{
    warta_error_t err;
    if (warta_open(&W, NULL, &err) < 0) {
        printf("FAIL warta_open: %s\n", err.message);
        return 1;
    }
    RUN(open_and_close);
    RUN(missing_model_file_is_an_error);
    RUN(offsets_count_code_points_and_bytes);
    RUN(invalid_utf8_fails_or_is_repaired);
    RUN(empty_and_whitespace_documents);
    RUN(types_filter_keeps_only_requested);
    RUN(type_names_round_trip);
    RUN(workers_are_independent);
    warta_close(W);
    return T_EXIT();
}
