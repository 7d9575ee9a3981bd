/* Unit tests: the sentence splitter (sentence.c) over the tokenizer. */
#include "pipeline.h"
#include "t.h"
#include "text.h"

static tok_rules_t *T;
static sent_rules_t *S;
static pipe_t P;
static char out[8192];

/* Splits s; returns its sentences (exact text spans) joined by '|'. */
static const char *sents(const char *s)
{
    size_t chars, bad;
    P.s = s;
    P.n = strlen(s);
    P.ntok = P.nsent = 0;
    if (text_check(s, P.n, &chars, &bad))
        return "(bad text)";
    P.chars = chars;
    if (tok_run(T, &P) || sent_run(S, &P))
        return "(error)";
    size_t o = 0;
    for (size_t i = 0; i < P.nsent; i++) {
        const warta_sentence_t *x = &P.sent[i];
        size_t len = x->byte_end - x->byte_start;
        if (o + len + 2 >= sizeof out)
            break;
        if (i)
            out[o++] = '|';
        memcpy(out + o, s + x->byte_start, len);
        o += len;
    }
    out[o] = '\0';
    return out;
}

static void basic_ends(void)
{
    CHECK_STR(sents("Satu dua. Tiga empat? Lima! Enam... Tujuh\xE2\x80\xA6 Delapan."),
              "Satu dua.|Tiga empat?|Lima!|Enam...|Tujuh\xE2\x80\xA6|Delapan.");
    CHECK_STR(sents("Apa? kata dia. Tunggu... lalu pergi."), "Apa? kata dia.|Tunggu... lalu pergi.");
    CHECK_STR(sents("Tahun 2007. 10 orang datang."), "Tahun 2007.|10 orang datang.");
    CHECK_STR(sents(""), "");
    CHECK_INT(P.nsent, 0);
}

static void quotes_and_brackets(void)
{
    CHECK_STR(sents("\"Kami siap.\" Dia pergi. (Ini penting.) Lalu selesai."),
              "\"Kami siap.\"|Dia pergi.|(Ini penting.)|Lalu selesai.");
    CHECK_STR(sents("\xE2\x80\x9CKami siap.\xE2\x80\x9D Dia pergi. \xE2\x80\x9CYa?\xE2\x80\x9D kata dia."),
              "\xE2\x80\x9CKami siap.\xE2\x80\x9D|Dia pergi.|\xE2\x80\x9CYa?\xE2\x80\x9D kata dia.");
    CHECK_STR(sents("\"Kami tetap berhati-hati,\" kata Sri Mulyani. \"Pasar stabil.\""),
              "\"Kami tetap berhati-hati,\" kata Sri Mulyani.|\"Pasar stabil.\"");
}

static void abbreviations_do_not_end(void)
{
    static const char *const pre[] = {"Dr.", "dr.", "Prof.", "H.", "Hj.", "Ir.", "Drs.", "Jl.",
                                      "No.", "PT.", "a.n.", "pk.", "tgl.", "hlm.", "Kab.", "Kec.",
                                      "Bpk.", "Sdr.", "St.", "Tb.", NULL};
    char buf[256], want[256];
    for (int i = 0; pre[i]; i++) {
        snprintf(buf, sizeof buf, "Ia bertemu %s Budi Santoso. Lalu pulang.", pre[i]);
        snprintf(want, sizeof want, "Ia bertemu %s Budi Santoso.|Lalu pulang.", pre[i]);
        CHECK_STR(sents(buf), want);
    }
    static const char *const post[] = {"S.H.", "M.Si.", "Tbk.", "dll.", "dsb.", "dkk.", "tsb.", NULL};
    for (int i = 0; post[i]; i++) {
        snprintf(buf, sizeof buf, "Ada Budi %s yang datang. Lalu pulang.", post[i]);
        snprintf(want, sizeof want, "Ada Budi %s yang datang.|Lalu pulang.", post[i]);
        CHECK_STR(sents(buf), want);
    }
    CHECK_STR(sents("Budi Santoso, S.H., M.H. datang."), "Budi Santoso, S.H., M.H. datang.");
    CHECK_STR(sents("Budi S.H. M.H. datang."), "Budi S.H. M.H. datang.");
    CHECK_STR(sents("Saham PT Mandiri Tbk. (BMRI) naik."), "Saham PT Mandiri Tbk. (BMRI) naik.");
}

static void abbreviation_or_acronym_at_the_end(void)
{
    CHECK_STR(sents("Ia kembali ke AS. Presiden Trump menyambutnya."),
              "Ia kembali ke AS.|Presiden Trump menyambutnya.");
    CHECK_STR(sents("Saham dijual PT Bank Mandiri Tbk. Direktur Utama menolak."),
              "Saham dijual PT Bank Mandiri Tbk.|Direktur Utama menolak.");
    CHECK_STR(sents("Ada buku, pena, dll. Semua dibawa."), "Ada buku, pena, dll.|Semua dibawa.");
}

static void initials(void)
{
    CHECK_STR(sents("Menteri Luar Negeri Retno L.P. Marsudi bertemu B.J. Habibie. Mereka makan."),
              "Menteri Luar Negeri Retno L.P. Marsudi bertemu B.J. Habibie.|Mereka makan.");
    CHECK_STR(sents("Kata RM Dewo Broto Joko P. di ruang kerjanya."),
              "Kata RM Dewo Broto Joko P. di ruang kerjanya.");
    CHECK_STR(sents("Ekonomi tumbuh pada kuartal I. Dengan itu target tercapai."),
              "Ekonomi tumbuh pada kuartal I.|Dengan itu target tercapai.");
}

static void news_structure(void)
{
    CHECK_STR(sents("Korea Utara Bantah Serangan Siber\n\nSeoul, Gatra.com - Korea Utara membantah "
                    "tuduhan itu. Pernyataan itu keras.\n\nBaca Juga: Geram Latgab AS-Korsel\n\n"
                    "Isi berikutnya."),
              "Korea Utara Bantah Serangan Siber|Seoul, Gatra.com -|Korea Utara membantah tuduhan "
              "itu.|Pernyataan itu keras.|Baca Juga: Geram Latgab AS-Korsel|Isi berikutnya.");
    CHECK_STR(sents("Judul Hari Ini\nJAKARTA, KOMPAS.com \xE2\x80\x93 Presiden datang."),
              "Judul Hari Ini|JAKARTA, KOMPAS.com \xE2\x80\x93|Presiden datang.");
    CHECK_STR(sents("Jakarta (ANTARA) - Harga naik. Lalu turun."),
              "Jakarta (ANTARA) -|Harga naik.|Lalu turun.");
    /* a blank line always ends a sentence, even before lower case */
    CHECK_STR(sents("satu dua\n\ntiga empat"), "satu dua|tiga empat");
    /* a hard-wrapped line goes on */
    CHECK_STR(sents("Presiden datang\nke Jakarta kemarin."), "Presiden datang\nke Jakarta kemarin.");
    /* list markers */
    CHECK_STR(sents("1. Pertama\n2. Kedua"), "1. Pertama|2. Kedua");
    /* a missing space after the period still ends; a glued number does not */
    CHECK_STR(sents("Ia pulang kemarin.Dia lelah."), "Ia pulang kemarin.|Dia lelah.");
    CHECK_STR(sents("Diatur dalam No. 34/PMK.011/2007 itu."), "Diatur dalam No. 34/PMK.011/2007 itu.");
    /* a headline run into the text */
    CHECK_STR(sents("Naskah asli Harry Potter dipamerkan Pada akhir pidatonya, ia pergi."),
              "Naskah asli Harry Potter dipamerkan|Pada akhir pidatonya, ia pergi.");
    CHECK_STR(sents("Ia tinggal di Desa Pada Suka."), "Ia tinggal di Desa Pada Suka.");
}

static void offsets_with_bom_and_crlf(void)
{
    const char *s = "\xEF\xBB\xBFJudul\r\n\r\nIsi \xC3\xA9t\xC3\xA9. Akhir.";
    CHECK_STR(sents(s), "Judul|Isi \xC3\xA9t\xC3\xA9.|Akhir.");
    if (P.nsent != 3)
        return;
    CHECK_INT(P.sent[0].start, 1);
    CHECK_INT(P.sent[0].byte_start, 3);
    CHECK_INT(P.sent[1].start, 10);
    CHECK_INT(P.sent[1].end, 18);
    CHECK_INT(P.sent[1].byte_start, 12);
    CHECK_INT(P.sent[1].byte_end, 22);
    CHECK_INT(P.sent[2].tok_begin, 4);
    CHECK_INT(P.sent[2].tok_end, 6);
    CHECK_INT(P.sent[2].end, 25);
}

int main(void)
{
    warta_error_t err;
    if (tok_load(&T, &err) || sent_load(&S, &err)) {
        printf("FAIL load\n");
        return 1;
    }
    RUN(basic_ends);
    RUN(quotes_and_brackets);
    RUN(abbreviations_do_not_end);
    RUN(abbreviation_or_acronym_at_the_end);
    RUN(initials);
    RUN(news_structure);
    RUN(offsets_with_bom_and_crlf);
    free(P.tok);
    free(P.sent);
    tok_free(T);
    sent_free(S);
    return T_EXIT();
}
