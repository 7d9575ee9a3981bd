/* Unit tests: document-level reasoning (src/docref.c) on real tokens with
 * hand-placed mentions, so they do not depend on the model. */
#include <stdlib.h>

#include "docref.h"
#include "t.h"

static warta_t *W;

typedef struct fixture {
    pipe_t p;
    arena_t arena;
    mention_t *sel;
    size_t n, cap;
} fixture_t;

static void setup(fixture_t *f, const char *text)
{
    memset(f, 0, sizeof *f);
    f->p.s = text;
    f->p.n = strlen(text);
    f->p.arena = &f->arena;
    CHECK_INT(tok_run(W->tok, &f->p), 0);
    CHECK_INT(sent_run(W->sent, &f->p), 0);
    f->p.lex = calloc(f->p.ntok + 1, sizeof *f->p.lex); /* no lexicon bits */
}

static void teardown(fixture_t *f)
{
    free(f->p.tok);
    free(f->p.sent);
    free(f->p.lex);
    free(f->sel);
    free(f->p.mval);
    arena_free(&f->arena);
}

/* Token index of the first token whose text is `w` at or after `from`. */
static uint32_t tok_of(const fixture_t *f, const char *w, uint32_t from)
{
    for (size_t i = from; i < f->p.ntok; i++) {
        size_t l = f->p.tok[i].byte_end - f->p.tok[i].byte_start;
        if (l == strlen(w) && !memcmp(f->p.s + f->p.tok[i].byte_start, w, l))
            return (uint32_t)i;
    }
    return UINT32_MAX;
}

static void place(fixture_t *f, uint32_t tb, uint32_t te, int type, int source)
{
    if (tb == UINT32_MAX)
        return;
    vec_reserve((void **)&f->sel, &f->cap, f->n + 1, sizeof *f->sel);
    mention_t *m = &f->sel[f->n++];
    memset(m, 0, sizeof *m);
    m->tb = tb;
    m->te = te;
    m->type = (uint8_t)type;
    m->source = (uint8_t)source;
}

/* A mention's canonical name (NULL when none) in fixture f. */
#define CANON(m) (ment_vals(&f.p, (m))->canonical)

/* The mention covering token t, or NULL. */
static const mention_t *at(const fixture_t *f, uint32_t t)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->sel[i].tb <= t && t < f->sel[i].te)
            return &f->sel[i];
    return NULL;
}

static void acronym_defined_in_brackets(void)
{
    fixture_t f;
    setup(&f, "Komisi Pemberantasan Korupsi (KPK) memeriksa saksi. Menurut KPK, kasus itu besar.");
    uint32_t k = tok_of(&f, "Komisi", 0);
    place(&f, k, k + 3, WARTA_ORGANIZATION, SRC_MODEL);
    uint32_t later = tok_of(&f, "KPK", k + 5);
    place(&f, later, later + 1, WARTA_PERSON, SRC_MODEL); /* a wrong guess */
    CHECK_INT(docref_run(&f.p, &f.sel, &f.n, &f.cap), 0);
    const mention_t *in = at(&f, k + 4), *l = at(&f, later);
    CHECK(in && in->type == WARTA_ORGANIZATION);
    CHECK(in && CANON(in) && !strcmp(CANON(in), "Komisi Pemberantasan Korupsi"));
    CHECK(l && l->type == WARTA_ORGANIZATION);
    CHECK(l && CANON(l) && !strcmp(CANON(l), "Komisi Pemberantasan Korupsi"));
    teardown(&f);
}

static void short_form_in_brackets(void)
{
    fixture_t f;
    setup(&f, "Kementerian Sosial (Kemensos) membantu. Kemensos lalu pergi. Bank Dunia (Dunia) ada.");
    uint32_t k = tok_of(&f, "Kementerian", 0), b = tok_of(&f, "Bank", 0);
    place(&f, k, k + 2, WARTA_ORGANIZATION, SRC_MODEL);
    place(&f, b, b + 2, WARTA_ORGANIZATION, SRC_MODEL);
    f.p.lex[tok_of(&f, "Dunia", b + 2)] |= LEX_COMMON; /* a common word is no short form */
    CHECK_INT(docref_run(&f.p, &f.sel, &f.n, &f.cap), 0);
    uint32_t later = tok_of(&f, "Kemensos", k + 4);
    const mention_t *m = at(&f, later);
    CHECK(m && m->type == WARTA_ORGANIZATION && CANON(m) &&
          !strcmp(CANON(m), "Kementerian Sosial"));
    CHECK(at(&f, tok_of(&f, "Dunia", b + 2)) == NULL);
    teardown(&f);
}

/* The model stopped inside the name: the bracketed short form spells the
 * whole run, so the organization takes it; it does not when the short form
 * does not spell it, or when the organization alone already matches. */
static void long_form_spelled_by_short_form(void)
{
    fixture_t f;
    setup(&f, "Ketua Badan Pengatur Hilir Minyak dan Gas Bumi (BPH Migas) datang. "
              "Dewan Kota Bogor Raya (DKP) ada. Komisi Yudisial Agung (KY) ada.");
    uint32_t b = tok_of(&f, "Badan", 0), d = tok_of(&f, "Dewan", 0), k = tok_of(&f, "Komisi", 0);
    place(&f, b, b + 3, WARTA_ORGANIZATION, SRC_MODEL);
    place(&f, d, d + 2, WARTA_ORGANIZATION, SRC_MODEL);
    place(&f, k, k + 2, WARTA_ORGANIZATION, SRC_MODEL);
    CHECK_INT(docref_run(&f.p, &f.sel, &f.n, &f.cap), 0);
    const mention_t *m = at(&f, b);
    CHECK(m && m->type == WARTA_ORGANIZATION && m->te == tok_of(&f, "Bumi", b) + 1);
    m = at(&f, d);
    CHECK(m && m->te == d + 2); /* DKP: no P in the run */
    m = at(&f, k);
    CHECK(m && m->te == k + 2); /* KY already spells Komisi Yudisial */
    teardown(&f);
}

static void person_named_in_full_then_short(void)
{
    fixture_t f;
    setup(&f, "Prabowo Subianto tiba di Jakarta. Prabowo lalu bertemu Subianto Wibowo.");
    uint32_t p0 = tok_of(&f, "Prabowo", 0);
    place(&f, p0, p0 + 2, WARTA_PERSON, SRC_MODEL);
    uint32_t sw = tok_of(&f, "Subianto", p0 + 2);
    place(&f, sw, sw + 2, WARTA_PERSON, SRC_MODEL);
    CHECK_INT(docref_run(&f.p, &f.sel, &f.n, &f.cap), 0);
    uint32_t p1 = tok_of(&f, "Prabowo", p0 + 1);
    const mention_t *m = at(&f, p1);
    CHECK(m && m->type == WARTA_PERSON && m->tb == p1 && m->te == p1 + 1);
    CHECK(m && CANON(m) && !strcmp(CANON(m), "Prabowo Subianto"));
    /* "Jakarta" was never a name part: nothing added there */
    CHECK(at(&f, tok_of(&f, "Jakarta", 0)) == NULL);
    teardown(&f);
}

/* In a Title Case line, the model's "Ucapan Pompeo" shrinks to the body's
 * known person (the body sentence with a lower-case word is no such line:
 * person_named_in_full_then_short). */
static void title_line_trims_to_known_person(void)
{
    fixture_t f;
    setup(&f, "Menlu Mike Pompeo tiba di Seoul.\n\nBaca Juga: Menlu Tersinggung Ucapan Pompeo, "
              "Perundingan Terhenti\n");
    uint32_t mp = tok_of(&f, "Mike", 0);
    place(&f, mp, mp + 2, WARTA_PERSON, SRC_MODEL);
    uint32_t u1 = tok_of(&f, "Ucapan", 0);
    place(&f, u1, u1 + 2, WARTA_PERSON, SRC_MODEL);
    CHECK_INT(docref_run(&f.p, &f.sel, &f.n, &f.cap), 0);
    const mention_t *h = at(&f, u1 + 1);
    CHECK(h && h->tb == u1 + 1 && h->te == u1 + 2 && h->type == WARTA_PERSON);
    CHECK(h && CANON(h) && !strcmp(CANON(h), "Mike Pompeo"));
    CHECK(at(&f, u1) == NULL);
    teardown(&f);
}

static void shorter_full_name_is_a_short_form(void)
{
    fixture_t f;
    setup(&f, "Sri Mulyani Indrawati tiba. Menurut Sri Mulyani, Mulyani senang.");
    uint32_t a = tok_of(&f, "Sri", 0), b = tok_of(&f, "Sri", a + 1), m = tok_of(&f, "Mulyani", b + 2);
    place(&f, b, b + 2, WARTA_PERSON, SRC_MODEL); /* the short form comes first in the array */
    place(&f, a, a + 3, WARTA_PERSON, SRC_MODEL);
    CHECK_INT(docref_run(&f.p, &f.sel, &f.n, &f.cap), 0);
    const mention_t *s1 = at(&f, b), *s2 = at(&f, m);
    CHECK(s1 && CANON(s1) && !strcmp(CANON(s1), "Sri Mulyani Indrawati"));
    CHECK(s2 && s2->type == WARTA_PERSON && CANON(s2) &&
          !strcmp(CANON(s2), "Sri Mulyani Indrawati"));
    teardown(&f);
}

static void ambiguous_name_part_is_not_guessed(void)
{
    fixture_t f;
    setup(&f, "Joko Widodo dan Joko Anwar hadir. Joko tersenyum.");
    uint32_t a = tok_of(&f, "Joko", 0), b = tok_of(&f, "Joko", a + 1);
    place(&f, a, a + 2, WARTA_PERSON, SRC_MODEL);
    place(&f, b, b + 2, WARTA_PERSON, SRC_MODEL);
    CHECK_INT(docref_run(&f.p, &f.sel, &f.n, &f.cap), 0);
    CHECK(at(&f, tok_of(&f, "Joko", b + 1)) == NULL);
    CHECK(at(&f, tok_of(&f, "Widodo", 0)) != NULL);
    teardown(&f);
}

static void majority_type_and_propagation(void)
{
    fixture_t f;
    setup(&f, "Bank Mandiri untung. Bank Mandiri rugi. Bank Mandiri tumbuh. Kata Bank Mandiri.");
    uint32_t a = tok_of(&f, "Bank", 0), b = tok_of(&f, "Bank", a + 1), c = tok_of(&f, "Bank", b + 1),
             d = tok_of(&f, "Bank", c + 1);
    place(&f, a, a + 2, WARTA_ORGANIZATION, SRC_MODEL);
    place(&f, b, b + 2, WARTA_ORGANIZATION, SRC_MODEL);
    place(&f, c, c + 2, WARTA_PERSON, SRC_MODEL);
    CHECK_INT(docref_run(&f.p, &f.sel, &f.n, &f.cap), 0);
    CHECK(at(&f, c) && at(&f, c)->type == WARTA_ORGANIZATION);
    CHECK(at(&f, d) && at(&f, d)->type == WARTA_ORGANIZATION && at(&f, d)->te == d + 2);
    teardown(&f);
}

static void gazetteer_type_is_never_overruled(void)
{
    fixture_t f;
    setup(&f, "Jordan bermain. Jordan menang. Jordan kalah.");
    uint32_t a = tok_of(&f, "Jordan", 0), b = tok_of(&f, "Jordan", a + 1),
             c = tok_of(&f, "Jordan", b + 1);
    place(&f, a, a + 1, WARTA_PERSON, SRC_MODEL);
    place(&f, b, b + 1, WARTA_PERSON, SRC_MODEL);
    place(&f, c, c + 1, WARTA_COUNTRY, SRC_GAZ);
    CHECK_INT(docref_run(&f.p, &f.sel, &f.n, &f.cap), 0);
    CHECK(at(&f, c) && at(&f, c)->type == WARTA_COUNTRY);
    teardown(&f);
}

static void caps_headline_takes_body_entities(void)
{
    fixture_t f;
    setup(&f, "MENLU RETNO MARSUDI KUNJUNGI SEOUL\n\nMenlu Retno Marsudi tiba di Seoul kemarin.");
    uint32_t h = tok_of(&f, "RETNO", 0);
    place(&f, h - 1, h + 1, WARTA_ORGANIZATION, SRC_MODEL); /* garbage in caps */
    uint32_t r = tok_of(&f, "Retno", 0), s = tok_of(&f, "Seoul", 0);
    place(&f, r, r + 2, WARTA_PERSON, SRC_MODEL);
    place(&f, s, s + 1, WARTA_LOCATION, SRC_GAZ);
    CHECK_INT(docref_run(&f.p, &f.sel, &f.n, &f.cap), 0);
    const mention_t *m = at(&f, h);
    CHECK(m && m->type == WARTA_PERSON && m->tb == h && m->te == h + 2);
    CHECK(m && CANON(m) && !strcmp(CANON(m), "Retno Marsudi"));
    CHECK(at(&f, h - 1) == NULL);
    const mention_t *sl = at(&f, tok_of(&f, "SEOUL", 0));
    CHECK(sl && sl->type == WARTA_LOCATION);
    teardown(&f);
}

static void output_sorted_and_disjoint(void)
{
    fixture_t f;
    setup(&f, "Prabowo Subianto dan KPK. Komisi Pemberantasan Korupsi (KPK) memanggil Prabowo.");
    uint32_t p0 = tok_of(&f, "Prabowo", 0), k = tok_of(&f, "Komisi", 0);
    place(&f, k, k + 3, WARTA_ORGANIZATION, SRC_MODEL);
    place(&f, p0, p0 + 2, WARTA_PERSON, SRC_MODEL);
    CHECK_INT(docref_run(&f.p, &f.sel, &f.n, &f.cap), 0);
    for (size_t i = 1; i < f.n; i++)
        CHECK(f.sel[i - 1].te <= f.sel[i].tb);
    CHECK(at(&f, tok_of(&f, "KPK", 0)) != NULL); /* used before its definition too */
    teardown(&f);
}

static void initials_join_names(void)
{
    fixture_t f;
    setup(&f, "Menlu Retno L.P. Marsudi hadir. Presiden B.J. Habibie wafat.");
    uint32_t r = tok_of(&f, "Retno", 0), m = tok_of(&f, "Marsudi", 0), h = tok_of(&f, "Habibie", 0);
    place(&f, m, m + 1, WARTA_PERSON, SRC_MODEL); /* out of order on purpose */
    place(&f, r, r + 1, WARTA_PERSON, SRC_MODEL);
    place(&f, h, h + 1, WARTA_PERSON, SRC_MODEL);
    f.p.lex[tok_of(&f, "Presiden", 0)] |= LEX_TITLE; /* as the lexicon marks it */
    CHECK_INT(docref_run(&f.p, &f.sel, &f.n, &f.cap), 0);
    const mention_t *a = at(&f, r), *b = at(&f, h);
    CHECK(a && a->tb == r && a->te == m + 1); /* Retno L.P. Marsudi */
    CHECK(b && b->te == h + 1 && b->tb == tok_of(&f, "B.J", 0)); /* B.J. Habibie */
    CHECK(at(&f, tok_of(&f, "Menlu", 0)) == NULL);
    teardown(&f);

    /* only the surname found: the initials and the given name before them join */
    setup(&f, "Menlu Retno L.P. Marsudi hadir.");
    r = tok_of(&f, "Retno", 0);
    m = tok_of(&f, "Marsudi", 0);
    place(&f, m, m + 1, WARTA_PERSON, SRC_MODEL);
    CHECK_INT(docref_run(&f.p, &f.sel, &f.n, &f.cap), 0);
    a = at(&f, m);
    CHECK(a && a->tb == r && a->te == m + 1);
    CHECK(at(&f, tok_of(&f, "Menlu", 0)) == NULL);
    teardown(&f);
}

int main(void)
{
    warta_error_t err;
    if (warta_open(&W, NULL, &err) < 0) {
        printf("FAIL warta_open: %s\n", err.message);
        return 1;
    }
    RUN(acronym_defined_in_brackets);
    RUN(short_form_in_brackets);
    RUN(long_form_spelled_by_short_form);
    RUN(person_named_in_full_then_short);
    RUN(shorter_full_name_is_a_short_form);
    RUN(ambiguous_name_part_is_not_guessed);
    RUN(title_line_trims_to_known_person);
    RUN(majority_type_and_propagation);
    RUN(gazetteer_type_is_never_overruled);
    RUN(caps_headline_takes_body_entities);
    RUN(output_sorted_and_disjoint);
    RUN(initials_join_names);
    warta_close(W);
    return T_EXIT();
}
