/* Unit tests: the gazetteer stage (countries, places, organizations holding a
 * country's name, ambiguous short forms, in-document aliases).  Most tests
 * run the tokenizer, the sentence splitter and gaz_run alone, so that they
 * say what the gazetteer proposes whatever the tagger does; a few go through
 * warta_analyze. */
#include <stdint.h>

#include "data.h"
#include "pipeline.h"
#include "t.h"
#include "warta.h"

static warta_t *W;

/* Runs tok, sent and gaz over `text`; writes the gazetteer's mentions as
 * "TYPE text[ ISO]" joined by " | " into out (TYPE: C, L, O). */
static void gaz(const char *text, char *out, size_t cap, uint32_t **lex_out, pipe_t *keep)
{
    pipe_t p;
    memset(&p, 0, sizeof p);
    arena_t arena = {0};
    p.s = text;
    p.n = strlen(text);
    p.arena = &arena;
    out[0] = '\0';
    if (tok_run(W->tok, &p) < 0 ||
        vec_reserve((void **)&p.lex, &p.caplex, p.ntok + 1, sizeof *p.lex)) {
        snprintf(out, cap, "ERROR");
        goto done;
    }
    memset(p.lex, 0, (p.ntok + 1) * sizeof *p.lex);
    if (sent_run(W->sent, &p) < 0 || gaz_run(W->gaz, &p) < 0) {
        snprintf(out, cap, "ERROR");
        goto done;
    }
    size_t o = 0;
    for (size_t i = 0; i < p.nment; i++) {
        const mention_t *m = &p.ment[i];
        const char *ty = m->type == WARTA_COUNTRY ? "C" : m->type == WARTA_LOCATION ? "L" :
                         m->type == WARTA_ORGANIZATION ? "O" : m->type == WARTA_PERSON ? "P" : "?";
        size_t b = p.tok[m->tb].byte_start, e = p.tok[m->te - 1].byte_end;
        o += (size_t)snprintf(out + o, cap - o, "%s%s %.*s%s%s", i ? " | " : "", ty,
                              (int)(e - b), text + b, ment_vals(&p, m)->iso ? " " : "",
                              ment_vals(&p, m)->iso ? ment_vals(&p, m)->iso : "");
        if (o >= cap)
            break;
    }
done:
    if (lex_out) {
        *lex_out = p.lex;
        p.lex = NULL;
    }
    if (keep) {
        *keep = p;
        keep->lex = NULL;
        keep->ment = NULL;
    }
    free(p.tok);
    free(p.sent);
    free(p.lex);
    free(p.ment);
    free(p.mval);
    arena_free(&arena);
}

#define EXPECT(text, want)                                                     \
    do {                                                                       \
        char got_[1024];                                                       \
        gaz((text), got_, sizeof got_, NULL, NULL);                            \
        if (strcmp(got_, (want)) != 0) {                                       \
            t_failed_checks++;                                                 \
            fprintf(stderr, "  %s:%d: \"%s\"\n    got  \"%s\"\n    want \"%s\"\n", \
                    __FILE__, __LINE__, (text), got_, (want));                 \
        }                                                                      \
    } while (0)

/* Every form of data/country_aliases.tsv, in a plain sentence, is exactly
 * one COUNTRY with the code of its row. */
static void every_alias(void)
{
    size_t n;
    const char *buf = (const char *)data_get("country_aliases.tsv", &n);
    CHECK(buf != NULL);
    if (!buf)
        return;
    int rows = 0;
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(buf + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - buf) : n, len = e - i;
        const char *line = buf + i;
        i = e + 1;
        if (!len || line[0] == '#')
            continue;
        const char *f[4];
        size_t fl[4];
        size_t k = split_tabs(line, len, f, fl, 4);
        if (k < 3 || (k == 4 && fl[3] >= 4 && memcmp(f[3], "deny", 4) == 0))
            continue;
        char text[256], want[256];
        snprintf(text, sizeof text, "Kemarin %.*s menyatakan sikap.", (int)fl[0], f[0]);
        snprintf(want, sizeof want, "C %.*s %.*s", (int)fl[0], f[0], (int)fl[1], f[1]);
        EXPECT(text, want);
        rows++;
    }
    CHECK(rows >= 100);
}

static void generated_iso_names(void)
{
    EXPECT("Delegasi dari Bangladesh, Afrika Selatan, Papua Nugini dan Bosnia dan "
           "Herzegovina hadir.",
           "C Bangladesh BD | C Afrika Selatan ZA | C Papua Nugini PG | "
           "C Bosnia dan Herzegovina BA");
    EXPECT("Republik Demokrat Rakyat Korea dan Korea Selatan.",
           "C Republik Demokrat Rakyat Korea KP | C Korea Selatan KR");
    /* English ISO names in quoted English */
    EXPECT("\"The United States and North Korea\"", "C United States US | C North Korea KP");
    /* denied generated forms */
    EXPECT("Michael Jordan bermain.", "");
    EXPECT("Timor Timur dulu provinsi.", "");
}

static void canonical_names(void)
{
    pipe_t p;
    char out[256];
    gaz("Korut, Tiongkok, RRC, Timor-Leste, Perancis dan Vatikan.", out, sizeof out, NULL, NULL);
    CHECK_STR(out, "C Korut KP | C Tiongkok CN | C RRC CN | C Timor-Leste TL | "
                   "C Perancis FR | C Vatikan VA");
    (void)p;
    warta_worker_t *wk = warta_worker_new(W);
    warta_doc_t *doc = NULL;
    const char *t = "Korea Utara (Korut) dan RRT.";
    CHECK_INT(warta_analyze(wk, t, strlen(t), NULL, &doc, NULL), WARTA_OK);
    int seen = 0;
    for (size_t i = 0; doc && i < doc->n_entities; i++) {
        const warta_entity_t *e = &doc->entities[i];
        if (e->type != WARTA_COUNTRY)
            continue;
        seen++;
        if (e->start == 0) {
            CHECK_STR(e->iso, "KP");
            CHECK_STR(e->name, "Korea Utara");
            CHECK_INT(e->end, 11);
        } else if (e->start == 13) {
            CHECK_STR(e->iso, "KP");
            CHECK_STR(e->name, "Korea Utara");
        } else {
            CHECK_INT(e->start, 24);
            CHECK_STR(e->iso, "CN");
            CHECK_STR(e->name, "Tiongkok");
        }
    }
    CHECK_INT(seen, 3);
    warta_doc_free(doc);
    warta_worker_free(wk);
}

static void headline_forms(void)
{
    EXPECT("MALAYSIA DAN KOREA UTARA TEKEN KERJA SAMA", "C MALAYSIA MY | C KOREA UTARA KP");
    EXPECT("AMERIKA SERIKAT KECAM KORUT", "C AMERIKA SERIKAT US | C KORUT KP");
    EXPECT("Korea Utara Bantah Lakukan Serangan Siber pada Sejumlah Bank", "C Korea Utara KP");
    EXPECT("PRESIDEN AS TIBA DI JAKARTA", "C AS US | L JAKARTA");
}

static void lower_case_is_not_a_name(void)
{
    EXPECT("produk indonesia dan barang amerika serikat", "");
    EXPECT("korea utara", "");
    EXPECT("Korea utara", "");
    EXPECT("jawa barat dan jakarta", "");
}

static void ambiguous_short_forms(void)
{
    /* AS: United States only in capitals, in Indonesian context */
    EXPECT("Presiden AS Donald Trump", "C AS US | P Donald Trump");
    EXPECT("Geram Latgab AS-Korsel, Korut", "C AS US | C Korsel KR | C Korut KP");
    EXPECT("hubungan AS dan Tiongkok", "C AS US | C Tiongkok CN");
    EXPECT("dolar AS.", "C AS US");
    EXPECT("As roda truk itu patah.", "");
    EXPECT("as roda", "");
    EXPECT("\"SUCH AS THIS\"", "");
    EXPECT("known AS the best", "");
    EXPECT("klub AS Roma menang", "O AS Roma");
    EXPECT("AS Monaco kalah", "O AS Monaco");
    /* RI: Indonesia, not in number plates or after an organization */
    EXPECT("Presiden RI membuka acara", "C RI ID");
    EXPECT("mobil RI 1 tiba", "");
    EXPECT("mobil RI-1 tiba", "");
    EXPECT("anggota DPR RI", "O DPR RI");
    EXPECT("ri", "");
    /* UEA and friends: capitals only */
    EXPECT("UEA dan RRT", "C UEA AE | C RRT CN");
    EXPECT("Uea dan uea", "");
    /* a country after "bahasa" is a language */
    EXPECT("berbahasa Inggris dan bahasa Indonesia, Bahasa Jepang", "");
    EXPECT("pemain Inggris", "C Inggris GB");
}

/* A language is no country: "bahasa X", "berbahasa X" and the names
 * coordinated with them, in the gazetteer and in the whole pipeline (where
 * the tagger and document rules could bring them back); every COUNTRY left
 * has its ISO code. */
static void languages_are_not_countries(void)
{
    EXPECT("Ia fasih berbahasa Inggris.", "");
    EXPECT("Kursus BAHASA JERMAN dibuka.", "");
    EXPECT("Bahasa Inggris dipakai di Inggris.", "C Inggris GB");
    static const struct { const char *in, *want; } cases[] = {
        {"BAHASA INGGRIS WAJIB\nIa fasih berbahasa Inggris dan Prancis.\n"
         "Bahasa Inggris dipakai di Inggris.", "Inggris GB"},
        {"Buku berbahasa Arab dikirim ke Arab Saudi.", "Arab Saudi SA"},
        {"Bahasa Jerman, Belanda, dan Swedia diajarkan.", ""},
        {"Warga Inggris dan Prancis datang.", "Inggris GB | Prancis FR"},
        {"Tentu menggunakan bahasa Indonesia dan bahasa Arab, ujar Onim.", ""},
        {"Versi bahasa Jepang dari lagu itu dirilis di Jepang.", "Jepang JP"},
        {"Koran berbahasa Belanda di Jakarta.", ""},
        {"Robert menguasai Bahasa Belanda, Bahasa Swedia, Bahasa Inggris.", ""},
    };
    warta_worker_t *wk = warta_worker_new(W);
    for (size_t i = 0; wk && i < sizeof cases / sizeof *cases; i++) {
        warta_doc_t *doc = NULL;
        CHECK_INT(warta_analyze(wk, cases[i].in, strlen(cases[i].in), NULL, &doc, NULL), WARTA_OK);
        char got[512] = "";
        size_t o = 0;
        for (size_t k = 0; doc && k < doc->n_entities && o < sizeof got; k++) {
            const warta_entity_t *e = &doc->entities[k];
            if (e->type != WARTA_COUNTRY)
                continue;
            CHECK(e->iso && strlen(e->iso) == 2);
            o += (size_t)snprintf(got + o, sizeof got - o, "%s%.*s %s", o ? " | " : "",
                                  (int)(e->byte_end - e->byte_start), doc->text + e->byte_start,
                                  e->iso ? e->iso : "");
        }
        if (strcmp(got, cases[i].want)) {
            t_failed_checks++;
            fprintf(stderr, "  \"%s\"\n    got  \"%s\"\n    want \"%s\"\n", cases[i].in, got,
                    cases[i].want);
        }
        warta_doc_free(doc);
    }
    warta_worker_free(wk);
}

static void organizations_keep_countries(void)
{
    EXPECT("Bank Indonesia menaikkan suku bunga", "O Bank Indonesia");
    EXPECT("saham di Bursa Efek Indonesia naik", "O Bursa Efek Indonesia");
    EXPECT("PT Garuda Indonesia Tbk merugi", "O PT Garuda Indonesia Tbk");
    EXPECT("laporan Indonesia Corruption Watch", "O Indonesia Corruption Watch");
    EXPECT("mahasiswa Universitas Indonesia", "O Universitas Indonesia");
    EXPECT("juru bicara Komite Koordinasi Nasional DPRK untuk Anti Pencucian Uang dan "
           "Penanggulangan Pendanaan Terorisme yang dikutip",
           "O Komite Koordinasi Nasional DPRK untuk Anti Pencucian Uang dan "
           "Penanggulangan Pendanaan Terorisme");
    EXPECT("Kedutaan Besar AS di Jakarta", "O Kedutaan Besar AS | L Jakarta");
    EXPECT("kata juru bicara Kementerian Luar Negeri China Wang Wenbin.",
           "O Kementerian Luar Negeri China");
    EXPECT("kata juru bicara Kementerian Luar Negeri China dan Rusia kemarin",
           "O Kementerian Luar Negeri China | C Rusia RU");
    EXPECT("Bank Sentral Korea Selatan", "O Bank Sentral Korea Selatan");
    EXPECT("Partai Komunis China", "O Partai Komunis China");
    EXPECT("kata Wakil Menteri Luar Negeri Korea Utara", "C Korea Utara KP");
    /* the head word must be capitalised */
    EXPECT("pencurian di bank sentral Bangladesh", "C Bangladesh BD");
    /* in a headline the country must follow the head at once (the
     * ministry itself is a known name, data/org_id.tsv) */
    EXPECT("Kementerian Keuangan Pastikan Indonesia Aman dari Resesi",
           "O Kementerian Keuangan | C Indonesia ID");
    EXPECT("Komite Olahraga Pastikan Indonesia Aman", "C Indonesia ID");
    EXPECT("Kedubes AS Senin lalu", "O Kedubes AS");
    EXPECT("PBB dan Perserikatan Bangsa-Bangsa", "O PBB | O Perserikatan Bangsa-Bangsa");
    /* an IDX code is the company only in brackets or after saham/emiten/kode */
    EXPECT("saham ARGO naik", "O ARGO");
    EXPECT("Argo Pantes (ARGO) naik", "O Argo Pantes | O ARGO");
    EXPECT("kereta ARGO Bromo", "");
}

static void in_document_aliases(void)
{
    EXPECT("SB menang. Selandia Baru (SB) menolak. Kemudian SB setuju.",
           "C Selandia Baru NZ | C SB NZ | C SB NZ");
    /* a bracketed day, a source or another initial is no alias */
    EXPECT("Korea Selatan (Senin) menolak. Senin lalu.", "C Korea Selatan KR");
    EXPECT("Jepang (Reuters) menolak. Reuters lagi.", "C Jepang JP | O Reuters | O Reuters");
    EXPECT("Jepang (Xyz) menolak. Xyz lagi.", "C Jepang JP");
}

static void places(void)
{
    EXPECT("Seoul, Gatra.com - dari Washington ke Pyongyang",
           "L Seoul | L Washington | L Pyongyang");
    EXPECT("Studio Sony di Hollywood", "O Sony | L Hollywood");
    EXPECT("di Jakarta, Jawa Barat, dan Timur Tengah", "L Jakarta | L Jawa Barat | L Timur Tengah");
    EXPECT("warga Kabupaten Bandung dan Kota Batu", "L Kabupaten Bandung | L Kota Batu");
    EXPECT("negara Amerika Latin", "L Amerika Latin");
    EXPECT("Papua Nugini dan Papua", "C Papua Nugini PG | L Papua");
    EXPECT("di Laut China Selatan", "L Laut China Selatan");
    /* the bare name of a regency that is a common word is not a place */
    EXPECT("Batu itu besar.", "");
}

static void lexicon_bits(void)
{
    uint32_t *lex = NULL;
    char out[256];
    /* tokens: Bank Indonesia di Korea Utara dan Jawa Barat */
    gaz("Bank Indonesia di Korea Utara dan Jawa Barat", out, sizeof out, &lex, NULL);
    CHECK(lex != NULL);
    if (lex) {
        CHECK_INT(lex[0] & (LEX_COUNTRY_B | LEX_PLACE_B), 0);
        CHECK(lex[1] & LEX_COUNTRY_B); /* inside the organization too */
        CHECK(lex[3] & LEX_COUNTRY_B);
        CHECK(lex[4] & LEX_COUNTRY_I);
        CHECK(!(lex[4] & LEX_COUNTRY_B));
        CHECK(lex[6] & LEX_PLACE_B);
        CHECK(lex[7] & LEX_PLACE_I);
        CHECK_INT(lex[5], 0);
    }
    free(lex);
}

static void never_splits_a_token(void)
{
    /* a pipe whose single token is "AS-Korsel" (as a tokenizer that keeps
     * hyphenated words whole would give): nothing matches inside it */
    pipe_t p;
    memset(&p, 0, sizeof p);
    const char *t = "AS-Korsel Timor-Leste";
    warta_token_t tok[2] = {{0, 9, 0, 9, WARTA_TOK_WORD, 0},
                            {10, 21, 10, 21, WARTA_TOK_WORD, WARTA_TOKF_SPACE_BEFORE}};
    uint32_t lex[3] = {0};
    p.s = t;
    p.n = strlen(t);
    p.tok = tok;
    p.ntok = 2;
    p.lex = lex;
    CHECK_INT(gaz_run(W->gaz, &p), 0);
    CHECK_INT(p.nment, 1);
    if (p.nment == 1) {
        CHECK_INT(p.ment[0].tb, 1);
        CHECK_STR(ment_vals(&p, &p.ment[0])->iso, "TL");
    }
    CHECK_INT(lex[0], 0);
    free(p.ment);
    free(p.mval);
}

int main(void)
{
    warta_error_t err;
    if (warta_open(&W, NULL, &err) != WARTA_OK) {
        printf("FAIL warta_open: %s\n", err.message);
        return 1;
    }
    /* the gazetteer is built on first use: these tests call gaz_run alone */
    warta_worker_t *prep = warta_worker_new(W);
    if (!prep || stages_prepare(prep) < 0) {
        printf("FAIL stages_prepare\n");
        return 1;
    }
    RUN(every_alias);
    RUN(generated_iso_names);
    RUN(canonical_names);
    RUN(headline_forms);
    RUN(lower_case_is_not_a_name);
    RUN(ambiguous_short_forms);
    RUN(languages_are_not_countries);
    RUN(organizations_keep_countries);
    RUN(in_document_aliases);
    RUN(places);
    RUN(lexicon_bits);
    RUN(never_splits_a_token);
    warta_worker_free(prep);
    warta_close(W);
    return T_EXIT();
}
