/* Unit tests: pattern rules (src/rules.c) through the public API. */
#include <stdlib.h>

#include "t.h"
#include "warta.h"

static warta_t *W;

/* 1 when `text` yields an ORGANIZATION entity whose text is `want`. */
static int has_org(const char *text, const char *want)
{
    warta_worker_t *wk = warta_worker_new(W);
    warta_doc_t *d;
    warta_error_t err;
    warta_options_t o = warta_options_default();
    o.types = WARTA_TYPE_BIT(WARTA_ORGANIZATION);
    int found = 0;
    if (warta_analyze(wk, text, strlen(text), &o, &d, &err) == WARTA_OK) {
        for (size_t i = 0; i < d->n_entities; i++) {
            const warta_entity_t *e = &d->entities[i];
            if (e->byte_end - e->byte_start == strlen(want) &&
                !memcmp(text + e->byte_start, want, strlen(want)))
                found = 1;
        }
        warta_doc_free(d);
    }
    warta_worker_free(wk);
    return found;
}

static void media_domains_are_organizations(void)
{
    CHECK(has_org("Seoul, Gatra.com - Korea Utara membantah.", "Gatra.com"));
    CHECK(has_org("JAKARTA, KOMPAS.com - Harga naik.", "KOMPAS.com"));
    CHECK(has_org("Seperti dilansir Detik.com, harga naik.", "Detik.com"));
    CHECK(has_org("Jakarta, Warta.id - Harga naik.", "Warta.id"));
}

static void other_urls_are_not(void)
{
    CHECK(!has_org("Lihat https://Gatra.com/berita/1 untuk rinciannya.", "https://Gatra.com/berita/1"));
    CHECK(!has_org("Kirim surel ke redaksi@Gatra.com hari ini.", "redaksi@Gatra.com"));
    CHECK(!has_org("Situs gatra.com sedang diperbaiki.", "gatra.com"));
}

int main(void)
{
    warta_error_t err;
    if (warta_open(&W, NULL, &err) < 0) {
        printf("FAIL warta_open: %s\n", err.message);
        return 1;
    }
    RUN(media_domains_are_organizations);
    RUN(other_urls_are_not);
    warta_close(W);
    return T_EXIT();
}
