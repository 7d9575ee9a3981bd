/* Unit tests: MONEY recognition through the public API (tokenization,
 * snapping to tokens, resolution), table-driven.  Each case gives a
 * sentence and the MONEY entities expected in it, in order: span text,
 * ISO 4217 currency, either the amount or the min/max of a range, and
 * whether it is approximate.  A case with no entity expects none. */
#include "money_pattern.h"
#include "pipeline.h"
#include "t.h"
#include "warta.h"

typedef struct want {
    const char *span, *cur, *amount, *min, *max;
    int approx; /* the entity's `approximate` */
} want_t;

typedef struct mcase {
    const char *in;
    want_t e[2];
} mcase_t;

#define ONE(s, c, a) {{s, c, a, NULL, NULL, 0}}
#define RANGE(s, c, lo, hi) {{s, c, NULL, lo, hi, 0}}
#define NONE {{NULL, NULL, NULL, NULL, NULL, 0}}
#define APPROX(s, c, a) {{s, c, a, NULL, NULL, 1}}
#define APPROX_RANGE(s, c, lo, hi) {{s, c, NULL, lo, hi, 1}}

static const mcase_t cases[] = {
    /* ---- currency marker + number + scale ---- */
    {"Korut memperoleh US$2 miliar melalui serangan siber.", ONE("US$2 miliar", "USD", "2000000000")},
    {"Nilainya Rp 1,2 triliun tahun ini.", ONE("Rp 1,2 triliun", "IDR", "1200000000000")},
    {"Anggaran Rp. 500 miliar disetujui DPR.", ONE("Rp. 500 miliar", "IDR", "500000000000")},
    {"Dana SGD 1,2 juta dicairkan.", ONE("SGD 1,2 juta", "SGD", "1200000")},
    {"Harga emas Rp 1.105.000 per gram.", ONE("Rp 1.105.000", "IDR", "1105000")},
    {"Saham ditutup Rp 84,50 per lembar.", ONE("Rp 84,50", "IDR", "84.5")},
    {"Ia membayar US$3.5 juta.", ONE("US$3.5 juta", "USD", "3500000")},
    {"Rp5 M untuk jalan desa", ONE("Rp5 M", "IDR", "5000000000")},
    {"Proyek Rp2 T mangkrak", ONE("Rp2 T", "IDR", "2000000000000")},
    {"Upahnya Rp 10 ribu sehari.", ONE("Rp 10 ribu", "IDR", "10000")},
    {"Tiket Rp 50 rb saja.", ONE("Rp 50 rb", "IDR", "50000")},
    {"Bonus Rp 3 jt diterima.", ONE("Rp 3 jt", "IDR", "3000000")},
    {"Utang Rp 7 milyar lunas.", ONE("Rp 7 milyar", "IDR", "7000000000")},
    {"Aset Rp 1 trilyun dibekukan.", ONE("Rp 1 trilyun", "IDR", "1000000000000")},
    {"Harganya Rp5.000 per porsi.", ONE("Rp5.000", "IDR", "5000")},
    {"Biaya IDR 15.000 per orang.", ONE("IDR 15.000", "IDR", "15000")},
    {"Denda €5 juta dijatuhkan.", ONE("€5 juta", "EUR", "5000000")},
    {"Kontrak EUR 20 juta diteken.", ONE("EUR 20 juta", "EUR", "20000000")},
    {"Dana ¥ 100 juta disiapkan.", ONE("¥ 100 juta", "JPY", "100000000")},
    {"Hadiah S$500 ribu diberikan.", ONE("S$500 ribu", "SGD", "500000")},
    {"Suap RM 3 juta terungkap.", ONE("RM 3 juta", "MYR", "3000000")},
    {"Transfer £ 2,5 juta tercatat.", ONE("£ 2,5 juta", "GBP", "2500000")},
    {"Investasi HK$ 10 juta masuk.", ONE("HK$ 10 juta", "HKD", "10000000")},
    {"Hibah A$1,5 miliar diumumkan.", ONE("A$1,5 miliar", "AUD", "1500000000")},
    {"Modal ₹ 50 juta cukup.", ONE("₹ 50 juta", "INR", "50000000")},
    {"Obligasi USD 1,25 miliar terjual.", ONE("USD 1,25 miliar", "USD", "1250000000")},
    {"Pinjaman RMB 3 miliar disepakati.", ONE("RMB 3 miliar", "CNY", "3000000000")},
    {"Harga US$ 1.000 per ons.", ONE("US$ 1.000", "USD", "1000")},
    {"Kerugian $50 juta dilaporkan.", ONE("$50 juta", "USD", "50000000")},
    {"Ekspor KRW 100 miliar naik.", ONE("KRW 100 miliar", "KRW", "100000000000")},
    {"KORUPSI RP 5 JUTA TERBONGKAR", ONE("RP 5 JUTA", "IDR", "5000000")},
    {"Sisa Rp 0,5 juta dikembalikan.", ONE("Rp 0,5 juta", "IDR", "500000")},
    {"Nilai Rp 1,23456 juta tercatat.", ONE("Rp 1,23456 juta", "IDR", "1234560")},
    {"Dana US$1,105,000 cair.", ONE("US$1,105,000", "USD", "1105000")},
    {"Utang Rp 999 triliun menumpuk.", ONE("Rp 999 triliun", "IDR", "999000000000000")},
    {"Saldo Rp 9.007.199.254.740.993 tercatat.", ONE("Rp 9.007.199.254.740.993", "IDR", "9007199254740993")},
    {"Angka Rp 123.456.789 triliun mustahil.", ONE("Rp 123.456.789 triliun", "IDR", "123456789000000000000")},
    {"Tarif Rp 5.000,00 berlaku.", ONE("Rp 5.000,00", "IDR", "5000")},
    {"Laba US$3.25 miliar diraih.", ONE("US$3.25 miliar", "USD", "3250000000")},
    {"Biaya Rp 2.000 saja.", ONE("Rp 2.000", "IDR", "2000")},
    {"Harga Rp5 naik.", ONE("Rp5", "IDR", "5")},
    {"Sebanyak Rp 1 triliun lebih disalurkan.", ONE("Rp 1 triliun", "IDR", "1000000000000")},
    {"Dana Rp 0,05 miliar.", ONE("Rp 0,05 miliar", "IDR", "50000000")},
    {"Harga Rp 10,5 ribu per kilo.", ONE("Rp 10,5 ribu", "IDR", "10500")},
    {"Rp 1,2 Triliun untuk sekolah", ONE("Rp 1,2 Triliun", "IDR", "1200000000000")},
    /* ---- qualifiers and units stay outside ---- */
    {"Nilainya sekitar Rp 5 miliar.", ONE("Rp 5 miliar", "IDR", "5000000000")},
    {"Ia meraup lebih dari US$10 juta.", ONE("US$10 juta", "USD", "10000000")},
    {"Kerugian mencapai hingga Rp 2 triliun.", ONE("Rp 2 triliun", "IDR", "2000000000000")},
    {"Harga minyak US$70 per barel.", ONE("US$70", "USD", "70")},
    {"Emas dijual Rp 500 ribu per gram.", ONE("Rp 500 ribu", "IDR", "500000")},
    {"Gaji Rp 5 juta per bulan.", ONE("Rp 5 juta", "IDR", "5000000")},
    {"Dana (Rp 3 miliar) hilang.", ONE("Rp 3 miliar", "IDR", "3000000000")},
    /* ---- number + scale + currency word ---- */
    {"Cadangan 3,81 miliar dolar AS habis.", ONE("3,81 miliar dolar AS", "USD", "3810000000")},
    {"Proyek 400 juta dolar batal.", ONE("400 juta dolar", "USD", "400000000")},
    {"Suap 50 juta ringgit terungkap.", ONE("50 juta ringgit", "MYR", "50000000")},
    {"Dana 2 miliar dollar AS cair.", ONE("2 miliar dollar AS", "USD", "2000000000")},
    {"Bantuan 1,5 juta dolar Amerika tiba.", ONE("1,5 juta dolar Amerika", "USD", "1500000")},
    {"Hibah 10 juta dolar Singapura.", ONE("10 juta dolar Singapura", "SGD", "10000000")},
    {"Pinjaman 5 miliar yen cair.", ONE("5 miliar yen", "JPY", "5000000000")},
    {"Investasi 3 miliar yuan masuk.", ONE("3 miliar yuan", "CNY", "3000000000")},
    {"Denda 100 juta euro dijatuhkan.", ONE("100 juta euro", "EUR", "100000000")},
    {"Ekspor 20 juta won tercatat.", ONE("20 juta won", "KRW", "20000000")},
    {"Zakat 1 juta riyal dibagikan.", ONE("1 juta riyal", "SAR", "1000000")},
    {"Transfer 2 juta pound sterling.", ONE("2 juta pound sterling", "GBP", "2000000")},
    {"Anggaran 7 miliar rupiah disetujui.", ONE("7 miliar rupiah", "IDR", "7000000000")},
    {"Kontrak 300 juta dolar Australia.", ONE("300 juta dolar Australia", "AUD", "300000000")},
    {"Saham 4 miliar dolar Hong Kong.", ONE("4 miliar dolar Hong Kong", "HKD", "4000000000")},
    {"Bea 80 juta rupee dibayar.", ONE("80 juta rupee", "INR", "80000000")},
    {"Swap 5 miliar renminbi disepakati.", ONE("5 miliar renminbi", "CNY", "5000000000")},
    {"Harganya 500 dolar saja.", ONE("500 dolar", "USD", "500")},
    {"Tiket 1.500 euro terjual.", ONE("1.500 euro", "EUR", "1500")},
    {"Wisatawan membawa 12 juta baht.", ONE("12 juta baht", "THB", "12000000")},
    {"Hibah 2 juta Dinar Kuwait diterima.", ONE("2 juta Dinar Kuwait", "KWD", "2000000")},
    {"Transfer 9 juta peso Meksiko.", ONE("9 juta peso Meksiko", "MXN", "9000000")},
    {"Rekening 3 juta Franc Swiss dibekukan.", ONE("3 juta Franc Swiss", "CHF", "3000000")},
    {"Dana 1 miliar Krone Norwegia.", ONE("1 miliar Krone Norwegia", "NOK", "1000000000")},
    {"Aset 6 juta Rial Iran disita.", ONE("6 juta Rial Iran", "IRR", "6000000")},
    {"Kontrak 10 juta rubel diteken.", ONE("10 juta rubel", "RUB", "10000000")},
    {"Utang 25 juta lira Turki.", ONE("25 juta lira Turki", "TRY", "25000000")},
    {"Nilai 2 juta USD tercatat.", ONE("2 juta USD", "USD", "2000000")},
    {"Nilai 50 juta IDR tercatat.", ONE("50 juta IDR", "IDR", "50000000")},
    {"Kerugian 5 juta dolar AS.", ONE("5 juta dolar AS", "USD", "5000000")},
    {"Dana 1 miliar dolar Kanada.", ONE("1 miliar dolar Kanada", "CAD", "1000000000")},
    {"Impor 7 juta Dollar Selandia Baru.", ONE("7 juta Dollar Selandia Baru", "NZD", "7000000")},
    /* ---- ranges ---- */
    {"Biayanya Rp 3 miliar-Rp 4 miliar.", RANGE("Rp 3 miliar-Rp 4 miliar", "IDR", "3000000000", "4000000000")},
    {"Biayanya Rp 3-4 miliar.", RANGE("Rp 3-4 miliar", "IDR", "3000000000", "4000000000")},
    {"Nilainya antara US$1 juta hingga US$2 juta.", RANGE("US$1 juta hingga US$2 juta", "USD", "1000000", "2000000")},
    {"Gaji Rp 500 ribu sampai Rp 1 juta.", RANGE("Rp 500 ribu sampai Rp 1 juta", "IDR", "500000", "1000000")},
    {"Dana 3-4 miliar dolar AS.", RANGE("3-4 miliar dolar AS", "USD", "3000000000", "4000000000")},
    {"Nilainya antara 1 juta dan 2 juta dolar.", RANGE("1 juta dan 2 juta dolar", "USD", "1000000", "2000000")},
    {"Harga Rp 15.600-15.700 sekilo.", RANGE("Rp 15.600-15.700", "IDR", "15600", "15700")},
    {"Proyek Rp 2 – 3 triliun.", RANGE("Rp 2 – 3 triliun", "IDR", "2000000000000", "3000000000000")},
    {"Bantuan Rp 1 s/d 2 juta.", RANGE("Rp 1 s/d 2 juta", "IDR", "1000000", "2000000")},
    {"Hadiah US$ 5 juta sampai dengan US$ 7 juta.", RANGE("US$ 5 juta sampai dengan US$ 7 juta", "USD", "5000000", "7000000")},
    {"Tarif Rp 1,5-2,5 juta.", RANGE("Rp 1,5-2,5 juta", "IDR", "1500000", "2500000")},
    {"Nilai antara Rp 1 miliar dan Rp 2 miliar.", RANGE("Rp 1 miliar dan Rp 2 miliar", "IDR", "1000000000", "2000000000")},
    /* ---- two amounts, not a range ---- */
    {"Ada Rp 3 miliar dan Rp 4 miliar.", {{"Rp 3 miliar", "IDR", "3000000000", NULL, NULL, 0},
                                          {"Rp 4 miliar", "IDR", "4000000000", NULL, NULL, 0}}},
    {"Rp 5 miliar - US$1 juta", {{"Rp 5 miliar", "IDR", "5000000000", NULL, NULL, 0},
                               {"US$1 juta", "USD", "1000000", NULL, NULL, 0}}},
    {"Rp 5 juta dan US$2 juta", {{"Rp 5 juta", "IDR", "5000000", NULL, NULL, 0},
                                 {"US$2 juta", "USD", "2000000", NULL, NULL, 0}}},
    {"Naik dari 2 juta dolar menjadi 3 juta dolar.", {{"2 juta dolar", "USD", "2000000", NULL, NULL, 0},
                                                      {"3 juta dolar", "USD", "3000000", NULL, NULL, 0}}},
    {"pencurian siber senilai US$81 juta di bank sentral Bangladesh pada 2016 lalu",
     ONE("US$81 juta", "USD", "81000000")},
    /* ---- approximate amounts: the scale applies, the suffix is in the span ---- */
    {"Harga Rp 25 jutaan per unit.", APPROX("Rp 25 jutaan", "IDR", "25000000")},
    {"Tiket Rp 500 ribuan saja.", APPROX("Rp 500 ribuan", "IDR", "500000")},
    {"Bantuan Rp5 juta-an diberikan.", APPROX("Rp5 juta-an", "IDR", "5000000")},
    {"Proyek Rp 2 miliaran mangkrak.", APPROX("Rp 2 miliaran", "IDR", "2000000000")},
    {"Utang Rp 3 triliunan menumpuk.", APPROX("Rp 3 triliunan", "IDR", "3000000000000")},
    {"Ongkosnya 50 ribuan rupiah.", APPROX("50 ribuan rupiah", "IDR", "50000")},
    {"Harga Rp 1,5 jutaan.", APPROX("Rp 1,5 jutaan", "IDR", "1500000")},
    {"Dana 2 jutaan dolar AS cair.", APPROX("2 jutaan dolar AS", "USD", "2000000")},
    {"Aset Rp 7 milyaran disita.", APPROX("Rp 7 milyaran", "IDR", "7000000000")},
    {"HARGA RP 25 JUTAAN", APPROX("RP 25 JUTAAN", "IDR", "25000000")},
    {"Dana US$ 3 juta-an cair.", APPROX("US$ 3 juta-an", "USD", "3000000")},
    {"Tarif Rp 3 triliun-an.", APPROX("Rp 3 triliun-an", "IDR", "3000000000000")},
    {"Gaji Rp 10 ribuan per hari.", APPROX("Rp 10 ribuan", "IDR", "10000")},
    {"Nilainya sekitar Rp 25 jutaan.", APPROX("Rp 25 jutaan", "IDR", "25000000")},
    {"Harga Rp 2-3 jutaan.", APPROX_RANGE("Rp 2-3 jutaan", "IDR", "2000000", "3000000")},
    {"Harga Rp 500 ribuan-Rp 1 jutaan.", APPROX_RANGE("Rp 500 ribuan-Rp 1 jutaan", "IDR", "500000", "1000000")},
    {"Harga Rp 500 ribu-Rp 1 jutaan.", APPROX_RANGE("Rp 500 ribu-Rp 1 jutaan", "IDR", "500000", "1000000")},
    {"Dana 2-3 miliaran rupiah.", APPROX_RANGE("2-3 miliaran rupiah", "IDR", "2000000000", "3000000000")},
    {"Ribuan warga hadir.", NONE},
    {"Ada 25 jutaan penonton.", NONE},
    {"Harga dalam Rp ribuan.", NONE},
    {"Kurs Rp 16 ribuan per dolar AS.", NONE},
    {"Kurs 1 dolar AS = Rp 16 ribuan.", NONE},
    /* ---- market reports: a currency word before a bare amount is a rate ---- */
    {"Dolar Singapura Tembus Rp 12.900", NONE},
    {"Terhadap dolar AS, rupiah ditutup di posisi Rp 16.680.", NONE},
    {"Kurs Rp9.100 per dolar AS menjadi Rp9.050.", NONE},
    {"Utang dalam dolar AS senilai Rp 5 miliar.", ONE("Rp 5 miliar", "IDR", "5000000000")},
    {"Emas dalam dolar naik, di dalam negeri Rp 1.105.000 per gram.", ONE("Rp 1.105.000", "IDR", "1105000")},
    {"Bayar US$ 50 atau Rp 800.000 saja.", {{"US$ 50", "USD", "50", NULL, NULL, 0},
                                           {"Rp 800.000", "IDR", "800000", NULL, NULL, 0}}},
    /* ---- codes and names need money evidence ---- */
    {"Harga Pertamax RON 92 naik.", NONE},
    {"Pertalite RON 90 dijual.", NONE},
    {"Delegasi hadir di COP 30 Brasil.", NONE},
    {"KTT COP 29 di Baku.", NONE},
    {"KTT G20 di Bali.", NONE},
    {"Pertemuan G7 2024 usai.", NONE},
    {"Persib menang 1-0 pula.", NONE},
    {"Skor 2-1 pula di laga itu.", NONE},
    {"Ada 3 pula yang hilang.", NONE},
    {"Mereka dapat 5 juta pula.", NONE},
    {"Tagihan PLN 500 naik.", NONE},
    {"Saham BTN 2 persen.", NONE},
    {"Tim NGN 500 menang.", NONE},
    {"Ia membawa 200 naira.", NONE},
    {"Ada 30 Taka di sana.", NONE},
    {"Dana RON 5 juta disiapkan.", ONE("RON 5 juta", "RON", "5000000")},
    {"Denda COP 2 miliar dijatuhkan.", ONE("COP 2 miliar", "COP", "2000000000")},
    {"Nilainya senilai NGN 500 dibayar.", ONE("NGN 500", "NGN", "500")},
    {"Harga 200 naira per liter.", ONE("200 naira", "NGN", "200")},
    {"Ekspor 3 juta Taka tercatat.", ONE("3 juta Taka", "BDT", "3000000")},
    {"Harga THB 500 per malam.", ONE("THB 500", "THB", "500")},
    {"Tiket CHF 80 terjual.", ONE("CHF 80", "CHF", "80")},
    {"Dana G20 Rp 5 miliar cair.", ONE("Rp 5 miliar", "IDR", "5000000000")},
    /* ---- franc, frank and other news forms ---- */
    {"Rekening 2 juta franc Swiss dibekukan.", ONE("2 juta franc Swiss", "CHF", "2000000")},
    {"Bayar 100 frank Swiss.", ONE("100 frank Swiss", "CHF", "100")},
    {"Dana 5 juta franc CFA dikirim.", ONE("5 juta franc CFA", "XOF", "5000000")},
    {"Bantuan 1 miliar franc CFA BEAC tiba.", ONE("1 miliar franc CFA BEAC", "XAF", "1000000000")},
    {"Harganya 50 franc.", ONE("50 franc", "CHF", "50")},
    {"Ada 50 franc di meja.", NONE},
    {"Ia menyimpan 3 juta frank.", ONE("3 juta frank", "CHF", "3000000")},
    {"Nilai 2 juta real Brasil tercatat.", ONE("2 juta real Brasil", "BRL", "2000000")},
    {"Hibah 3 juta won Korea diterima.", ONE("3 juta won Korea", "KRW", "3000000")},
    {"Investasi 4 miliar yuan China masuk.", ONE("4 miliar yuan China", "CNY", "4000000000")},
    {"Dana 10 juta shekel dibekukan.", ONE("10 juta shekel", "ILS", "10000000")},
    {"Utang 6 miliar peso Kolombia.", ONE("6 miliar peso Kolombia", "COP", "6000000000")},
    {"Dana 5 juta sol Peru cair.", ONE("5 juta sol Peru", "PEN", "5000000")},
    {"Hibah 3 juta lari Georgia.", ONE("3 juta lari Georgia", "GEL", "3000000")},
    {"Atlet itu lari 5 juta langkah.", NONE},
    /* ---- not money ---- */
    {"Inflasi naik 2 persen.", NONE},
    {"Sebanyak 1.200 desa terdampak.", NONE},
    {"Pada 2016 lalu.", NONE},
    {"Hubungi 0812-3456-7890.", NONE},
    {"Kurs rupiah Rp 15.600 per dolar AS.", NONE},
    {"Rupiah melemah ke 15.600 per dolar AS.", NONE},
    {"Harga dalam Rp belum ditetapkan.", NONE},
    {"Kurs 1 dolar AS = Rp 15.600 hari ini.", NONE},
    {"Rp", NONE},
    {"Ditutup 15.600 rupiah per dolar AS.", NONE},
    {"Kurs Rp 15.600/US$ kemarin.", NONE},
    {"Kurs 15.600 per USD.", NONE},
    {"RM Padang 2 cabang dibuka.", NONE},
    {"ABCRp 5 juta", NONE},
    {"Korban 5 juta orang.", NONE},
    {"Dolar menguat 2 persen.", NONE},
    {"Mata uang US$ saja.", NONE},
    {"Nilainya 2 M saja.", NONE},
    {"Skor 5 T di papan.", NONE},
    {"Lahir 3 Januari 2020.", NONE},
    {"Skor akhir 2-1.", NONE},
    {"Telepon 021-5551234.", NONE},
    {"Pukul 10.30 WIB.", NONE},
    {"Tingginya 1,75 meter.", NONE},
    {"Ia menempuh 50 juta lari.", NONE},
    {"Kasih 5 ribu dong.", NONE},
    {"Peringkat 2 TOP dunia.", NONE},
    {"Skor 1.000 ALL.", NONE},
    {"Harga Rp 1.2.3 aneh.", NONE},
    {"Rp 12345678901234567890123456789", NONE},
    {"Kode pos 40115.", NONE},
    {"Pada 1998 rupiah anjlok.", NONE},
    {"Sejak 2015 yen melemah.", NONE},
    {"US$1 = Rp 15.600", NONE},
    {"Rumah nomor 12 di Jalan Dolar.", NONE},
    {"Saham naik 3 poin.", NONE},
    {"Sebanyak 3,5 juta warga.", NONE},
    {"", NONE},
};

static warta_t *W;
static warta_worker_t *WK;

static warta_doc_t *analyze(const char *s, size_t n)
{
    warta_options_t o = warta_options_default();
    o.types = WARTA_TYPE_BIT(WARTA_MONEY);
    warta_doc_t *d = NULL;
    warta_error_t err;
    int rc = warta_analyze(WK, s, n, &o, &d, &err);
    if (rc != WARTA_OK)
        fprintf(stderr, "  warta_analyze: %s\n", err.message);
    return d;
}

static int same(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return !strcmp(a, b);
}

static void run_table(void)
{
    size_t n = sizeof cases / sizeof *cases;
    int positive = 0, negative = 0;
    for (size_t i = 0; i < n; i++) {
        const mcase_t *c = &cases[i];
        warta_doc_t *d = analyze(c->in, strlen(c->in));
        size_t want = c->e[0].span ? (c->e[1].span ? 2 : 1) : 0;
        if (want)
            positive++;
        else
            negative++;
        int ok = d != NULL && d->n_entities == want;
        for (size_t k = 0; ok && k < want; k++) {
            const warta_entity_t *e = &d->entities[k];
            const want_t *w = &c->e[k];
            size_t len = e->byte_end - e->byte_start;
            ok = e->type == WARTA_MONEY && strlen(w->span) == len &&
                 !memcmp(d->text + e->byte_start, w->span, len) && same(e->currency, w->cur) &&
                 same(e->amount, w->amount) && same(e->amount_min, w->min) &&
                 same(e->amount_max, w->max) && e->approximate == w->approx;
        }
        if (!ok) {
            t_failed_checks++;
            t_any_failed = 1;
            fprintf(stderr, "  case %zu: \"%s\": got %zu entities:", i, c->in,
                    d ? d->n_entities : 0);
            for (size_t k = 0; d && k < d->n_entities; k++) {
                const warta_entity_t *e = &d->entities[k];
                fprintf(stderr, " [%.*s] %s %s %s-%s%s;", (int)(e->byte_end - e->byte_start),
                        d->text + e->byte_start, e->currency ? e->currency : "-",
                        e->amount ? e->amount : "-", e->amount_min ? e->amount_min : "-",
                        e->amount_max ? e->amount_max : "-", e->approximate ? " approximate" : "");
            }
            fprintf(stderr, "\n");
        }
        printf("%s money_case_%03zu\n", ok ? "PASS" : "FAIL", i);
        warta_doc_free(d);
    }
    CHECK(positive >= 90);
    CHECK(negative >= 50);
}

/* Offsets in code points, and the token bits left for the tagger. */
static void offsets_and_lex_bits(void)
{
    const char *s = "Dana “besar” US$2 miliar.";
    warta_doc_t *d = analyze(s, strlen(s));
    CHECK(d && d->n_entities == 1);
    if (d && d->n_entities == 1) {
        CHECK_INT(d->entities[0].start, 13);
        CHECK_INT(d->entities[0].end, 24);
        CHECK_INT(d->entities[0].byte_start, 17);
        const pipe_t *p = &WK->pipe;
        size_t tb = d->entities[0].tok_begin, te = d->entities[0].tok_end;
        for (size_t t = tb; t < te; t++)
            CHECK(p->lex[t] & LEX_MONEY);
        CHECK(p->lex[tb] & LEX_CURRENCY);
        CHECK(!(p->lex[te - 1] & LEX_CURRENCY));
        CHECK(!(p->lex[tb - 1] & LEX_MONEY));
    }
    warta_doc_free(d);
}

/* The three amounts of the seed article, when the shared folder is there. */
static void seed_article(void)
{
    FILE *f = fopen("../shared/seed/gatra.txt", "rb");
    if (!f) {
        printf("  (seed article not found: skipped)\n");
        return;
    }
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    warta_doc_t *d = analyze(buf, n);
    CHECK(d && d->n_entities == 3);
    static const struct { size_t start, end; const char *amount; } want[] = {
        {230, 241, "2000000000"}, {624, 635, "2000000000"}, {1909, 1919, "81000000"}};
    for (size_t k = 0; d && k < 3 && k < d->n_entities; k++) {
        CHECK_INT(d->entities[k].start, want[k].start);
        CHECK_INT(d->entities[k].end, want[k].end);
        CHECK_STR(d->entities[k].amount, want[k].amount);
        CHECK_STR(d->entities[k].currency, "USD");
    }
    warta_doc_free(d);
}

/* Many amounts in one document: regions, resumption, no duplicates. */
static void many_amounts(void)
{
    size_t cap = 4u << 20, n = 0;
    char *s = malloc(cap);
    for (int i = 1; i <= 4000; i++) {
        n += (size_t)snprintf(s + n, cap - n, "Rp %d juta, ", i);
        if (i % 7 == 0) /* long stretches without digits between some */
            for (int k = 0; k < 300 && n + 8 < cap; k++)
                n += (size_t)snprintf(s + n, cap - n, "kata ");
    }
    warta_doc_t *d = analyze(s, n);
    CHECK(d && d->n_entities == 4000);
    int ok = d != NULL;
    for (size_t k = 0; ok && k < d->n_entities; k++) {
        char want[32];
        snprintf(want, sizeof want, "%zu000000", k + 1);
        ok = same(d->entities[k].amount, want);
    }
    CHECK(ok);
    warta_doc_free(d);
    free(s);
}

/* Pathological inputs finish (and stay linear: see docs/money.md). */
static void pathological(void)
{
    size_t n = 1000000;
    char *s = malloc(3 * n + 64);
    /* a million-digit run, then an amount */
    memset(s, '7', n);
    size_t k = n + (size_t)sprintf(s + n, " lalu Rp 5 juta");
    warta_doc_t *d = analyze(s, k);
    CHECK(d && d->n_entities == 1 && same(d->entities[0].amount, "5000000"));
    warta_doc_free(d);
    /* Rp a million times, glued and spaced, then a number */
    for (size_t i = 0; i < n; i++)
        memcpy(s + 2 * i, "Rp", 2);
    k = 2 * n + (size_t)sprintf(s + 2 * n, "5 juta");
    d = analyze(s, k);
    CHECK(d && d->n_entities == 0);
    warta_doc_free(d);
    for (size_t i = 0; i < n; i++)
        memcpy(s + 3 * i, "Rp ", 3);
    k = 3 * n + (size_t)sprintf(s + 3 * n, "5 juta");
    d = analyze(s, k);
    CHECK(d && d->n_entities == 1 && same(d->entities[0].amount, "5000000"));
    warta_doc_free(d);
    /* digits and dots: 1.1.1.1... */
    for (size_t i = 0; i < n; i++)
        memcpy(s + 2 * i, "1.", 2);
    k = 2 * n + (size_t)sprintf(s + 2 * n, " Rp 3");
    d = analyze(s, k);
    CHECK(d && d->n_entities == 1 && same(d->entities[0].amount, "3"));
    warta_doc_free(d);
    free(s);
}

/* The table again through the PCRE2 interpreter, then through the JIT
 * (money.c starts with the first and switches once the input pays for the
 * JIT): both must give the same amounts. */
static void set_jit(int mode)
{
    CHECK_INT(stages_prepare(WK), 0);
    money_set_jit(W->money, mode);
}

static void run_table_interpreter(void)
{
    set_jit(MONEY_JIT_NEVER);
    CHECK_INT(money_jit_ready(W->money), 0);
    run_table();
}

static void run_table_jit(void)
{
    uint32_t have_jit = 0;
    pcre2_config(PCRE2_CONFIG_JIT, &have_jit);
    set_jit(MONEY_JIT_NOW);
    CHECK_INT(money_jit_ready(W->money), have_jit ? 1 : 0);
    run_table();
}

int main(void)
{
    warta_error_t err;
    if (warta_open(&W, NULL, &err) != WARTA_OK) {
        printf("FAIL warta_open: %s\n", err.message);
        return 1;
    }
    WK = warta_worker_new(W);
    if (!WK) {
        printf("FAIL warta_worker_new\n");
        return 1;
    }
    RUN(run_table);
    RUN(run_table_interpreter);
    RUN(run_table_jit);
    RUN(offsets_and_lex_bits);
    RUN(seed_article);
    RUN(many_amounts);
    RUN(pathological);
    warta_worker_free(WK);
    warta_close(W);
    return T_EXIT();
}
