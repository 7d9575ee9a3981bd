/* Unit tests: the tokenizer (tokenize.c) on Indonesian news cases. */
#include "pipeline.h"
#include "t.h"
#include "text.h"

static tok_rules_t *T;
static pipe_t P;
static char out[4096];

/* Tokenizes s; returns its tokens joined by '|'. */
static const char *toks(const char *s)
{
    size_t chars, bad;
    P.s = s;
    P.n = strlen(s);
    P.ntok = 0;
    if (text_check(s, P.n, &chars, &bad) || tok_run(T, &P))
        return "(error)";
    P.chars = chars;
    size_t o = 0;
    for (size_t i = 0; i < P.ntok; i++) {
        size_t len = P.tok[i].byte_end - P.tok[i].byte_start;
        if (o + len + 2 >= sizeof out)
            break;
        if (i)
            out[o++] = '|';
        memcpy(out + o, s + P.tok[i].byte_start, len);
        o += len;
    }
    out[o] = '\0';
    return out;
}

/* Kind of the token whose text is w in the last toks() call, or -1. */
static int kind_of(const char *w)
{
    for (size_t i = 0; i < P.ntok; i++) {
        size_t len = P.tok[i].byte_end - P.tok[i].byte_start;
        if (len == strlen(w) && memcmp(P.s + P.tok[i].byte_start, w, len) == 0)
            return P.tok[i].kind;
    }
    return -1;
}

static void numbers(void)
{
    CHECK_STR(toks("1.105.000 orang, 84,50 persen, kurs 15.600-15.700."),
              "1.105.000|orang|,|84,50|persen|,|kurs|15.600|-|15.700|.");
    CHECK_INT(kind_of("1.105.000"), WARTA_TOK_NUMBER);
    CHECK_INT(kind_of("84,50"), WARTA_TOK_NUMBER);
    CHECK_STR(toks("naik 2,5% menjadi 3.0 dan skor 2-0"), "naik|2,5|%|menjadi|3.0|dan|skor|2|-|0");
    CHECK_INT(kind_of("%"), WARTA_TOK_SYMBOL);
    CHECK_STR(toks("tahun 2007.Pada"), "tahun|2007|.|Pada");
}

static void currency(void)
{
    CHECK_STR(toks("Rp5.000 Rp.500 US$2 \xE2\x82\xAC" "1,5 \xC2\xA5" "140 Rp 1,2 triliun"),
              "Rp|5.000|Rp|.|500|US$|2|\xE2\x82\xAC|1,5|\xC2\xA5|140|Rp|1,2|triliun");
    CHECK_INT(kind_of("Rp"), WARTA_TOK_SYMBOL);
    CHECK_INT(kind_of("US$"), WARTA_TOK_SYMBOL);
    CHECK_INT(kind_of("\xE2\x82\xAC"), WARTA_TOK_SYMBOL);
    CHECK_INT(kind_of("5.000"), WARTA_TOK_NUMBER);
    CHECK_STR(toks("RM Dewo dan G20"), "RM|Dewo|dan|G20");
    CHECK_INT(kind_of("RM"), WARTA_TOK_WORD);
}

static void dates_and_times(void)
{
    CHECK_STR(toks("Minggu (1/9), 20/11/2024 pukul 10.00 WIB, 2024-11-20"),
              "Minggu|(|1/9|)|,|20/11/2024|pukul|10.00|WIB|,|2024-11-20");
    CHECK_INT(kind_of("1/9"), WARTA_TOK_NUMBER);
    CHECK_INT(kind_of("20/11/2024"), WARTA_TOK_NUMBER);
    CHECK_INT(kind_of("10.00"), WARTA_TOK_NUMBER);
    CHECK_STR(toks("kuartal II/2006 dan 9.100/9.105"), "kuartal|II/2006|dan|9.100|/|9.105");
}

static void web(void)
{
    CHECK_STR(toks("Seoul, Gatra.com - lihat https://www.gatra.com/a/1.html. Atau KOMPAS.com, "
                   "kompas.co.id/x (www.detik.com)."),
              "Seoul|,|Gatra.com|-|lihat|https://www.gatra.com/a/1.html|.|Atau|KOMPAS.com|,|"
              "kompas.co.id/x|(|www.detik.com|)|.");
    CHECK_INT(kind_of("Gatra.com"), WARTA_TOK_URL);
    CHECK_INT(kind_of("https://www.gatra.com/a/1.html"), WARTA_TOK_URL);
    CHECK_INT(kind_of("www.detik.com"), WARTA_TOK_URL);
    CHECK_STR(toks("Kirim ke redaksi.warta@gatra.co.id. #PemiluDamai @jokowi"),
              "Kirim|ke|redaksi.warta@gatra.co.id|.|#PemiluDamai|@jokowi");
    CHECK_INT(kind_of("redaksi.warta@gatra.co.id"), WARTA_TOK_EMAIL);
    CHECK_INT(kind_of("#PemiluDamai"), WARTA_TOK_HASHTAG);
    CHECK_INT(kind_of("@jokowi"), WARTA_TOK_MENTION);
}

static void hyphens_and_clitics(void)
{
    CHECK_STR(toks("masing-masing Perserikatan Bangsa-Bangsa kehati-hatian berturut-turut"),
              "masing-masing|Perserikatan|Bangsa-Bangsa|kehati-hatian|berturut-turut");
    CHECK_STR(toks("program nuklirnya menyetujuinya"), "program|nuklirnya|menyetujuinya");
    CHECK_STR(toks("Latgab AS-Korsel Januari-September Bapepam-LK"),
              "Latgab|AS|-|Korsel|Januari|-|September|Bapepam|-|LK");
    CHECK_STR(toks("APBN-P non-migas ke-5 1950-an COVID-19 April-14"),
              "APBN-P|non-migas|ke-5|1950-an|COVID-19|April|-|14");
    CHECK_STR(toks("Ka'ban Jum\xE2\x80\x99" "at"), "Ka'ban|Jum\xE2\x80\x99" "at");
    CHECK_STR(toks("-nya dan Tiririca- x"), "-|nya|dan|Tiririca|-|x");
}

static void quotes_brackets_dashes(void)
{
    CHECK_STR(toks("\xE2\x80\x9CKami\xE2\x80\x9D \xE2\x80\x98ya\xE2\x80\x99 \"tidak\" 'renewable energy'"),
              "\xE2\x80\x9C|Kami|\xE2\x80\x9D|\xE2\x80\x98|ya|\xE2\x80\x99|\"|tidak|\"|'|renewable|energy|'");
    CHECK_STR(toks("(a) [b] x \xE2\x80\x93 y \xE2\x80\x94 z -- w"),
              "(|a|)|[|b|]|x|\xE2\x80\x93|y|\xE2\x80\x94|z|--|w");
    CHECK_STR(toks("tunggu... lalu\xE2\x80\xA6 ``kata'' ?!"),
              "tunggu|...|lalu|\xE2\x80\xA6|``|kata|''|?|!");
    CHECK_INT(kind_of("..."), WARTA_TOK_PUNCT);
}

static void abbreviations_and_initials(void)
{
    CHECK_STR(toks("Dr. B.J. Habibie, Retno L.P. Marsudi, S.H., M.Si. dll."),
              "Dr|.|B.J|.|Habibie|,|Retno|L.P|.|Marsudi|,|S.H|.|,|M.Si|.|dll|.");
    CHECK_STR(toks("ke AS. Presiden"), "ke|AS|.|Presiden");
}

static void offsets_bom_nbsp_zw_crlf(void)
{
    /* BOM A NBSP b ZWSP c CR LF CR LF d */
    const char *s = "\xEF\xBB\xBF" "A\xC2\xA0" "b\xE2\x80\x8B" "c\r\n\r\nd\xC3\xA9";
    CHECK_STR(toks(s), "A|b|c|d\xC3\xA9");
    CHECK_INT(P.ntok, 4);
    if (P.ntok != 4)
        return;
    CHECK_INT(P.tok[0].start, 1);
    CHECK_INT(P.tok[0].byte_start, 3);
    CHECK_INT(P.tok[1].start, 3);
    CHECK_INT(P.tok[1].byte_start, 6);
    CHECK_INT(P.tok[2].start, 5);
    CHECK_INT(P.tok[2].byte_start, 10);
    CHECK_INT(P.tok[3].start, 10);
    CHECK_INT(P.tok[3].end, 12);
    CHECK_INT(P.tok[3].byte_start, 15);
    CHECK_INT(P.tok[3].byte_end, 18);
    CHECK_INT(P.tok[0].flags, WARTA_TOKF_SPACE_BEFORE); /* the BOM */
    CHECK_INT(P.tok[1].flags, WARTA_TOKF_SPACE_BEFORE);
    CHECK_INT(P.tok[3].flags,
              WARTA_TOKF_SPACE_BEFORE | WARTA_TOKF_NEWLINE_BEFORE | WARTA_TOKF_BLANK_BEFORE);
    toks("a\nb c,d");
    CHECK_INT(P.tok[0].flags, 0);
    CHECK_INT(P.tok[1].flags, WARTA_TOKF_SPACE_BEFORE | WARTA_TOKF_NEWLINE_BEFORE);
    CHECK_INT(P.tok[2].flags, WARTA_TOKF_SPACE_BEFORE);
    CHECK_INT(P.tok[3].flags, 0);
}

static void empty_and_space_only(void)
{
    CHECK_STR(toks(""), "");
    CHECK_INT(P.ntok, 0);
    CHECK_STR(toks(" \r\n\t\xC2\xA0\xEF\xBB\xBF"), "");
    CHECK_INT(P.ntok, 0);
}

int main(void)
{
    warta_error_t err;
    if (tok_load(&T, &err)) {
        printf("FAIL tok_load\n");
        return 1;
    }
    RUN(numbers);
    RUN(currency);
    RUN(dates_and_times);
    RUN(web);
    RUN(hyphens_and_clitics);
    RUN(quotes_brackets_dashes);
    RUN(abbreviations_and_initials);
    RUN(offsets_bom_nbsp_zw_crlf);
    RUN(empty_and_space_only);
    free(P.tok);
    tok_free(T);
    return T_EXIT();
}
