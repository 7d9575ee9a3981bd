/* Unit tests: what warta knows about names (issue #12, classes 4, 7, 8, 10,
 * 11) through the whole pipeline: known organizations that the model types
 * PERSON or LOCATION, IDX codes in context, well-known people and their
 * canonical names, foreign names, official names with commas, and the
 * document rules that must not spread one guess.  Each row: a text, the
 * surface of an entity, its type, its canonical form (NULL: not checked),
 * and whether it must be there (1) or must NOT be there (0). */
#include <stdint.h>

#include "t.h"
#include "warta.h"

static warta_t *W;
static warta_worker_t *WK;

typedef struct row {
    const char *text, *surface;
    int type;
    const char *canonical;
    int want; /* 1: an entity of this exact surface and type; 0: none of it */
} row_t;

static const row_t rows[] = {
    /* class 4: one-word organizations */
    {"Inalum mencatat laba bersih tahun ini.", "Inalum", WARTA_ORGANIZATION,
     "PT Indonesia Asahan Aluminium (Persero)", 1},
    {"Kemarin Askrindo dan Sucofindo menandatangani kerja sama.", "Askrindo",
     WARTA_ORGANIZATION, NULL, 1},
    {"Kemarin Askrindo dan Sucofindo menandatangani kerja sama.", "Sucofindo",
     WARTA_ORGANIZATION, NULL, 1},
    {"Kapal Pelni berangkat dari Makassar.", "Pelni", WARTA_ORGANIZATION, NULL, 1},
    {"BlackRock dan Morgan Stanley membeli saham Tesla, tulis Bloomberg.", "BlackRock",
     WARTA_ORGANIZATION, NULL, 1},
    {"BlackRock dan Morgan Stanley membeli saham Tesla, tulis Bloomberg.", "Morgan Stanley",
     WARTA_ORGANIZATION, NULL, 1},
    {"BlackRock dan Morgan Stanley membeli saham Tesla, tulis Bloomberg.", "Morgan Stanley",
     WARTA_PERSON, NULL, 0},
    {"BlackRock dan Morgan Stanley membeli saham Tesla, tulis Bloomberg.", "Tesla",
     WARTA_ORGANIZATION, NULL, 1},
    {"BlackRock dan Morgan Stanley membeli saham Tesla, tulis Bloomberg.", "Bloomberg",
     WARTA_ORGANIZATION, NULL, 1},
    {"Persija mengalahkan Bali United di Jakarta.", "Persija", WARTA_ORGANIZATION,
     "Persija Jakarta", 1},
    {"Persija mengalahkan Bali United di Jakarta.", "Bali United", WARTA_ORGANIZATION, NULL, 1},
    {"Persija mengalahkan Bali United di Jakarta.", "Bali", WARTA_LOCATION, NULL, 0},
    {"Gol itu membawa Juventus menang atas Napoli.", "Juventus", WARTA_ORGANIZATION, NULL, 1},
    {"Laporan Bisnis Indonesia menyebut hal itu.", "Bisnis Indonesia", WARTA_ORGANIZATION,
     NULL, 1},
    {"Menurut Kemenkes, kasus turun.", "Kemenkes", WARTA_ORGANIZATION,
     "Kementerian Kesehatan", 1},
    {"Komdigi memblokir situs itu.", "Komdigi", WARTA_ORGANIZATION,
     "Kementerian Komunikasi dan Digital", 1},
    {"Tim Basarnas mencari korban.", "Basarnas", WARTA_ORGANIZATION, NULL, 1},
    /* context cues: "klub X", "emiten X", "X mencatat laba" */
    {"Gol itu membawa klub Cagliari menang. Lalu klub Verona kalah.", "Verona",
     WARTA_ORGANIZATION, NULL, 1},
    {"Gol itu membawa klub Cagliari menang. Lalu klub Verona kalah.", "Verona",
     WARTA_LOCATION, NULL, 0},
    {"Emiten Zetamas mencatat laba Rp 5 miliar.", "Emiten Zetamas", WARTA_PERSON, NULL, 0},
    /* IDX codes only in context */
    {"Saham BBRI naik 2 persen.", "BBRI", WARTA_ORGANIZATION, "Bank Rakyat Indonesia", 1},
    {"PT Bank Rakyat Indonesia (Persero) Tbk (BBRI) untung.", "BBRI", WARTA_ORGANIZATION,
     NULL, 1},
    /* ordinary words stay words */
    {"Antara lain, harga beras naik.", "Antara", WARTA_ORGANIZATION, NULL, 0},
    {"Tempo hari dia datang.", "Tempo", WARTA_PERSON, NULL, 0},
    /* class 8: famous and foreign names */
    {"Kemarin, Lionel Messi mencetak gol.", "Lionel Messi", WARTA_PERSON, "Lionel Messi", 1},
    {"Kemarin, Lionel Scaloni tiba di Jakarta.", "Lionel Scaloni", WARTA_PERSON, NULL, 1},
    {"Pelatih itu memuji Kevin De Bruyne.", "Kevin De Bruyne", WARTA_PERSON, NULL, 1},
    {"Menteri Keamanan Nasional Israel Itamar Ben-Gvir datang.", "Itamar Ben-Gvir",
     WARTA_PERSON, NULL, 1},
    {"Presiden Mesir Abdel Fattah Al-Sisi tiba. Al-Sisi disambut.", "Al-Sisi", WARTA_PERSON,
     "Abdel Fattah al-Sisi", 1},
    {"Dan Jakarta tetap ramai.", "Dan Jakarta", WARTA_PERSON, NULL, 0},
    /* hyphenated names are one mention, even where the model's span begins
     * inside one */
    {"Ben-Gvir Kembali Masuki Kompleks Al-Aqsa, Indonesia dan Liga Arab Mengecam\n\n"
     "Menteri Itamar Ben-Gvir datang.", "Ben-Gvir", WARTA_PERSON, "Itamar Ben-Gvir", 1},
    {"Ben-Gvir Kembali Masuki Kompleks Al-Aqsa, Indonesia dan Liga Arab Mengecam\n\n"
     "Menteri Itamar Ben-Gvir datang.", "Ben", WARTA_PERSON, NULL, 0},
    /* a known organization that a longer country overlaps is not meant */
    {"Pemain itu pindah ke Liga Arab Saudi.", "Arab Saudi", WARTA_COUNTRY, NULL, 1},
    {"Pemain itu pindah ke Liga Arab Saudi.", "Liga Arab", WARTA_ORGANIZATION, NULL, 0},
    {"Liga Arab mengecam serangan itu.", "Liga Arab", WARTA_ORGANIZATION, NULL, 1},
    /* class 10: official names with commas */
    {"Menurut Badan Meteorologi, Klimatologi, dan Geofisika (BMKG), hujan turun.",
     "Badan Meteorologi, Klimatologi, dan Geofisika", WARTA_ORGANIZATION, NULL, 1},
    {"Menurut Badan Meteorologi, Klimatologi, dan Geofisika (BMKG), hujan turun.", "BMKG",
     WARTA_ORGANIZATION, "Badan Meteorologi, Klimatologi, dan Geofisika", 1},
    {"Menurut Badan Riset, Inovasi, dan Teknologi Daerah (BRITD), program jalan.",
     "Badan Riset, Inovasi, dan Teknologi Daerah", WARTA_ORGANIZATION, NULL, 1},
    {"Menurut Badan Riset, Inovasi, dan Teknologi Daerah (BRITD), program jalan.",
     "BRITD", WARTA_ORGANIZATION, "Badan Riset, Inovasi, dan Teknologi Daerah", 1},
    /* a comma list without a short form spelling it is no one name */
    {"Kata Ketua Komisi A, Budi, dan Ketua Komisi B (KB) hadir.",
     "Komisi A, Budi, dan Ketua Komisi B", WARTA_ORGANIZATION, NULL, 0},
    /* class 11: one canonical name */
    {"Jokowi bertemu SBY di Cikeas.", "Jokowi", WARTA_PERSON, "Joko Widodo", 1},
    {"Jokowi bertemu SBY di Cikeas.", "SBY", WARTA_PERSON, "Susilo Bambang Yudhoyono", 1},
    {"Kemenkeu mencatat defisit.", "Kemenkeu", WARTA_ORGANIZATION, "Kementerian Keuangan", 1},
    /* a headline does not run a known name into its words */
    {"Jokowi Hadir di Pernikahan Anak Menteri Hari Ini\n\nJokowi datang.", "Jokowi",
     WARTA_PERSON, "Joko Widodo", 1},
    {"Jokowi Hadir di Pernikahan Anak Menteri Hari Ini\n\nJokowi datang.", "Jokowi Hadir",
     WARTA_PERSON, NULL, 0},
    {"Sritex Resmi Tutup Pabrik Tekstil Terbesar\n\nPabrik itu tutup.", "Sritex",
     WARTA_ORGANIZATION, NULL, 1},
    /* a model's LOCATION or PERSON guess for a known firm or club */
    {"Temasek menambah porsi investasinya di Indonesia.", "Temasek", WARTA_ORGANIZATION,
     "Temasek Holdings", 1},
    {"Gol itu membawa Bianconeri unggul.", "Bianconeri", WARTA_ORGANIZATION, "Juventus", 1},
    /* class 7: names are not re-tagged word by word */
    {"Aktris Cate Blanchett hadir. Penampilan Cate Blanchett memukau.", "Cate", WARTA_PERSON,
     NULL, 0},
    {"Aktris Cate Blanchett hadir. Penampilan Cate Blanchett memukau.", "Blanchett",
     WARTA_PERSON, NULL, 0},
};

/* Does `doc` hold an entity of this surface and type (and canonical)? */
static int has(const warta_doc_t *doc, const row_t *r, int *canon_ok)
{
    size_t n = strlen(r->surface);
    int found = 0;
    for (size_t i = 0; i < doc->n_entities; i++) {
        const warta_entity_t *e = &doc->entities[i];
        if ((int)e->type != r->type || e->byte_end - e->byte_start != n ||
            memcmp(doc->text + e->byte_start, r->surface, n) != 0)
            continue;
        found = 1;
        if (r->canonical && (!e->canonical || strcmp(e->canonical, r->canonical) != 0))
            *canon_ok = 0;
    }
    return found;
}

static void table(void)
{
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        const row_t *r = &rows[i];
        warta_doc_t *doc = NULL;
        CHECK_INT(warta_analyze(WK, r->text, strlen(r->text), NULL, &doc, NULL), WARTA_OK);
        if (!doc)
            continue;
        int canon_ok = 1, got = has(doc, r, &canon_ok);
        if (got != r->want || !canon_ok) {
            t_failed_checks++;
            fprintf(stderr, "  row %zu: \"%s\": %s %s %s%s\n", i, r->text,
                    r->want ? "missing" : "unwanted", warta_type_name((warta_type_t)r->type),
                    r->surface, canon_ok ? "" : " (wrong canonical)");
        }
        warta_doc_free(doc);
    }
}

/* "Budi" alone is no one: only runs a known person's parts make are tagged,
 * and the alias table never names a bare common given name. */
static void no_alias_for_bare_given_names(void)
{
    const char *t = "Budi datang ke kantor. Agus pulang.";
    warta_doc_t *doc = NULL;
    CHECK_INT(warta_analyze(WK, t, strlen(t), NULL, &doc, NULL), WARTA_OK);
    for (size_t i = 0; doc && i < doc->n_entities; i++)
        CHECK(doc->entities[i].canonical == NULL ||
              strcmp(doc->entities[i].canonical, "Budi Gunadi Sadikin") != 0);
    warta_doc_free(doc);
}

int main(void)
{
    warta_error_t err;
    if (warta_open(&W, NULL, &err) != WARTA_OK || !(WK = warta_worker_new(W))) {
        printf("FAIL warta_open: %s\n", err.message);
        return 1;
    }
    RUN(table);
    RUN(no_alias_for_bare_given_names);
    warta_worker_free(WK);
    warta_close(W);
    return T_EXIT();
}
