/* Unit tests: user lexicons (warta_lexicon_t): loading and its errors
 * (file and line named, nothing of a bad input kept), and matching: type
 * over the model and the gazetteer, canonical names, case rules, longest
 * match, every mention, the later entry of a form winning. */
#include "t.h"
#include "warta.h"

static warta_t *w;
static warta_worker_t *wk;

static warta_lexicon_t *lex(const char *text)
{
    warta_lexicon_t *lx = warta_lexicon_new();
    warta_error_t err;
    CHECK(lx);
    int rc = warta_lexicon_add_buffer(lx, text, strlen(text), "t.tsv", &err);
    if (rc < 0)
        fprintf(stderr, "  %s\n", err.message);
    CHECK_INT(rc, WARTA_OK);
    return lx;
}

static warta_doc_t *run(const warta_lexicon_t *lx, const char *text)
{
    warta_options_t o = warta_options_default();
    o.lexicon = lx;
    warta_doc_t *d = NULL;
    CHECK_INT(warta_analyze(wk, text, strlen(text), &o, &d, NULL), WARTA_OK);
    return d;
}

/* The entity starting at byte b, or NULL. */
static const warta_entity_t *at(const warta_doc_t *d, size_t b)
{
    for (size_t i = 0; d && i < d->n_entities; i++)
        if (d->entities[i].byte_start == b)
            return &d->entities[i];
    return NULL;
}

static int is(const warta_entity_t *e, warta_type_t type, size_t len, const char *canon)
{
    if (!e || e->type != type || e->byte_end - e->byte_start != len)
        return 0;
    const char *c = type == WARTA_COUNTRY || type == WARTA_LOCATION ? e->name : e->canonical;
    return canon ? c && !strcmp(c, canon) : 1;
}

static void type_override_and_canonical(void)
{
    const char *text = "Joko Widodo bertemu Bank Dunia di Jepang.";
    warta_doc_t *plain = run(NULL, text);
    CHECK(is(at(plain, 0), WARTA_PERSON, 11, NULL));
    CHECK(is(at(plain, 34), WARTA_COUNTRY, 6, "Jepang"));
    warta_doc_free(plain);
    warta_lexicon_t *lx = lex("# types the model and gazetteer do not give\n"
                              "Joko Widodo\tORGANIZATION\tYayasan Joko Widodo\n"
                              "\n"
                              "Bank Dunia\tORGANIZATION\tWorld Bank\r\n"
                              "Jepang\tLOCATION\tNegeri Sakura\n");
    warta_doc_t *d = run(lx, text);
    CHECK(is(at(d, 0), WARTA_ORGANIZATION, 11, "Yayasan Joko Widodo"));
    CHECK(is(at(d, 20), WARTA_ORGANIZATION, 10, "World Bank"));
    CHECK(is(at(d, 34), WARTA_LOCATION, 6, "Negeri Sakura"));
    CHECK(at(d, 0) && at(d, 0)->score == 1.0);
    CHECK_INT(warta_lexicon_size(lx), 3);
    warta_doc_free(d);
    warta_lexicon_free(lx);
}

static void country_takes_iso_and_name(void)
{
    warta_lexicon_t *lx = lex("Negeri Ginseng\tCOUNTRY\tkr\n");
    warta_doc_t *d = run(lx, "Ia terbang ke Negeri Ginseng kemarin.");
    const warta_entity_t *e = at(d, 14);
    CHECK(is(e, WARTA_COUNTRY, 14, "Korea Selatan"));
    CHECK(e && e->iso && !strcmp(e->iso, "KR"));
    warta_doc_free(d);
    warta_lexicon_free(lx);
}

static void every_mention_and_case(void)
{
    warta_lexicon_t *lx = lex("Budi Santoso\tPERSON\tBudi Santoso, S.H.\n"
                              "KPU\tORGANIZATION\tKomisi Pemilihan Umum\n"
                              "kopi luwak\tORGANIZATION\n");
    /* 0: Title Case, 21: ALL CAPS (capitalised pieces need a capital),
     * 40: lower case (no match); KPU exact only (62: Kpu); a lower-case
     * form in any case (67, 79) */
    const char *text = "Budi Santoso menemui BUDI SANTOSO, lalu budi santoso. KPU dan Kpu. "
                       "Kopi Luwak, kopi luwak.";
    warta_doc_t *d = run(lx, text);
    CHECK(is(at(d, 0), WARTA_PERSON, 12, "Budi Santoso, S.H."));
    CHECK(is(at(d, 21), WARTA_PERSON, 12, "Budi Santoso, S.H."));
    CHECK(!at(d, 40) || at(d, 40)->score < 1.0); /* not the lexicon's */
    CHECK(is(at(d, 54), WARTA_ORGANIZATION, 3, "Komisi Pemilihan Umum"));
    CHECK(!at(d, 62) || at(d, 62)->score < 1.0);
    CHECK(is(at(d, 67), WARTA_ORGANIZATION, 10, NULL));
    CHECK(is(at(d, 79), WARTA_ORGANIZATION, 10, NULL));
    warta_doc_free(d);
    warta_lexicon_free(lx);
}

static void longest_match_and_later_entry(void)
{
    warta_lexicon_t *lx = lex("Garuda\tPERSON\n"
                              "Garuda Indonesia\tORGANIZATION\tPT Garuda Indonesia (Persero) Tbk\n"
                              "Merah-Putih\tORGANIZATION\tTim Merah Putih\n");
    /* a second input: its entry for a form replaces the first one's */
    warta_error_t err;
    const char *more = "garuda\tLOCATION\tBurung\n";
    CHECK_INT(warta_lexicon_add_buffer(lx, more, strlen(more), "b.tsv", &err), WARTA_OK);
    warta_doc_t *d = run(lx, "Garuda Indonesia terbang; Garuda mendarat. Merah - Putih menang.");
    CHECK(is(at(d, 0), WARTA_ORGANIZATION, 16, "PT Garuda Indonesia (Persero) Tbk"));
    CHECK(is(at(d, 26), WARTA_LOCATION, 6, "Burung"));
    /* the pieces of one token or three match alike */
    CHECK(is(at(d, 43), WARTA_ORGANIZATION, 13, "Tim Merah Putih"));
    warta_doc_free(d);
    warta_lexicon_free(lx);
}

/* Each malformed input: the message names the input and line, and nothing
 * of it is added. */
static void malformed_lines(void)
{
    static const struct {
        const char *text;
        const char *msg;
    } bad[] = {
        {"Budi\tPERSON\nAni\n", "t.tsv:2: expected FORM<TAB>TYPE"},
        {"# c\n\nAni\tPENYANYI\n", "t.tsv:3: the type must be"},
        {"Rp\tMONEY\n", "t.tsv:1: the type must be"},
        {"Korsel\tCOUNTRY\n", "t.tsv:1: a COUNTRY needs its ISO"},
        {"Korsel\tCOUNTRY\tXQ\n", "t.tsv:1: unknown ISO"},
        {"a\tPERSON\tb\tc\n", "t.tsv:1: expected FORM"},
        {" \tPERSON\n", "t.tsv:1: the surface form is empty"},
        {"Ani\tPERSON\t\n", "t.tsv:1: the canonical name (third column) is empty"},
        {"Ani\tPERSON\nB\xC3\x28\tPERSON\n", "t.tsv:2: not UTF-8"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        warta_lexicon_t *lx = warta_lexicon_new();
        warta_error_t err;
        memset(&err, 0, sizeof err);
        int rc = warta_lexicon_add_buffer(lx, bad[i].text, strlen(bad[i].text), "t.tsv", &err);
        CHECK_INT(rc, WARTA_ERR_DATA);
        CHECK_INT(err.code, WARTA_ERR_DATA);
        if (!strstr(err.message, bad[i].msg))
            fprintf(stderr, "  case %zu: %s\n", i, err.message);
        CHECK(strstr(err.message, bad[i].msg) != NULL);
        CHECK_INT(warta_lexicon_size(lx), 0);
        warta_lexicon_free(lx);
    }
    warta_error_t err;
    warta_lexicon_t *lx = warta_lexicon_new();
    CHECK_INT(warta_lexicon_add_file(lx, "/nonexistent/lexicon.tsv", &err), WARTA_ERR_IO);
    CHECK(strstr(err.message, "/nonexistent/lexicon.tsv") != NULL);
    CHECK_INT(warta_lexicon_add_buffer(NULL, "", 0, "x", &err), WARTA_ERR_ARG);
    warta_lexicon_free(lx);
    warta_lexicon_free(NULL);
}

int main(void)
{
    if (warta_open(&w, NULL, NULL) < 0 || !(wk = warta_worker_new(w))) {
        printf("FAIL open\n");
        return 1;
    }
    RUN(type_override_and_canonical);
    RUN(country_takes_iso_and_name);
    RUN(every_mention_and_case);
    RUN(longest_match_and_later_entry);
    RUN(malformed_lines);
    warta_worker_free(wk);
    warta_close(w);
    return T_EXIT();
}
