/* Unit tests: names in context (src/lib/roles.c) through the public API:
 * titles and roles outside PERSON, role + organization + person, places,
 * non-entities, headline words, initials.  Every row is exact on span and
 * type. */
#include <stdlib.h>

#include "t.h"
#include "warta.h"

static warta_t *W;

/* 1 when `text` yields an entity of `type` whose text is exactly `want`. */
static int has(const char *text, const char *want, warta_type_t type)
{
    warta_worker_t *wk = warta_worker_new(W);
    warta_doc_t *d;
    warta_error_t err;
    int found = 0;
    if (wk && warta_analyze(wk, text, strlen(text), NULL, &d, &err) == WARTA_OK) {
        for (size_t i = 0; i < d->n_entities; i++) {
            const warta_entity_t *e = &d->entities[i];
            if (e->type == type && e->byte_end - e->byte_start == strlen(want) &&
                !memcmp(text + e->byte_start, want, strlen(want)))
                found = 1;
        }
        warta_doc_free(d);
    }
    warta_worker_free(wk);
    return found;
}

typedef struct row {
    const char *text, *span;
    warta_type_t type;
} row_t;

/* Every row's span must be found with its type. */
static void check_rows(const row_t *rows, size_t n, int want)
{
    for (size_t i = 0; i < n; i++) {
        int got = has(rows[i].text, rows[i].span, rows[i].type);
        if (got != want)
            fprintf(stderr, "  %s: \"%s\" as %s in \"%s\"\n", want ? "missing" : "unwanted",
                    rows[i].span, warta_type_name(rows[i].type), rows[i].text);
        CHECK(got == want);
    }
}

#define ROWS(r, want) check_rows(r, sizeof r / sizeof *r, want)

static void titles_stay_outside(void)
{
    static const row_t yes[] = {
        {"Menhub Budi Karya Sumadi meninjau jalur mudik.", "Budi Karya Sumadi", WARTA_PERSON},
        {"Kapolda Metro Jaya Irjen Karyoto memimpin apel.", "Karyoto", WARTA_PERSON},
        {"Bang Ucok ikut hadir dalam acara itu.", "Ucok", WARTA_PERSON},
        {"Dame Sarah Connor juga datang ke pesta itu.", "Sarah Connor", WARTA_PERSON},
        {"Menteri Haji dan Umrah Mochamad Irfan Yusuf meminta maaf.", "Mochamad Irfan Yusuf",
         WARTA_PERSON},
        {"Utusan Khusus Presiden Bidang Iklim dan Energi Hashim Djojohadikusumo berbicara.",
         "Hashim Djojohadikusumo", WARTA_PERSON},
        {"Menurut dia, Drs Sabarani tetap kepala sekolah.", "Sabarani", WARTA_PERSON},
        {"Gubernur Jawa Timur Khofifah Indar Parawansa menyambut baik proyek itu.",
         "Khofifah Indar Parawansa", WARTA_PERSON},
        {"Bupati Bogor Rudy Susmanto meminta kepala desa bergerak.", "Rudy Susmanto",
         WARTA_PERSON},
        {"Menteri Ketenagakerjaan Yassierli memastikan para pekerja dibayar.", "Yassierli",
         WARTA_PERSON},
        {"Menteri Keuangan Purbaya Yudhi Sadewa memindahkan dana pemerintah.",
         "Purbaya Yudhi Sadewa", WARTA_PERSON},
        {"Wali Kota Agustina meninjau banjir.", "Agustina", WARTA_PERSON},
        {"Ketua Umum Partai Solidaritas Indonesia (PSI) Kaesang Pangarep terpilih kembali.",
         "Kaesang Pangarep", WARTA_PERSON},
        {"Menlu Timor Leste Bendito dos Santos Freitas menyebut negaranya siap.",
         "Bendito dos Santos Freitas", WARTA_PERSON},
        {"Dalam tausiahnya, Habib Luthfi bin Yahya mengajak umat menjaga persatuan.",
         "Luthfi bin Yahya", WARTA_PERSON},
        {"Presiden Komisi Eropa Ursula von der Leyen menyebut skema itu.",
         "Ursula von der Leyen", WARTA_PERSON},
    };
    static const row_t no[] = {
        {"Menhub Budi Karya Sumadi meninjau jalur mudik.", "Menhub Budi Karya Sumadi",
         WARTA_PERSON},
        {"Kapolda Metro Jaya Irjen Karyoto memimpin apel.", "Metro Jaya Irjen Karyoto",
         WARTA_PERSON},
        {"Bang Ucok ikut hadir dalam acara itu.", "Bang Ucok", WARTA_PERSON},
        {"Gubernur Jawa Timur Khofifah Indar Parawansa menyambut baik proyek itu.",
         "Jawa Timur Khofifah Indar Parawansa", WARTA_LOCATION},
        {"Harga minyak di New York Mercantile Exchange naik.", "Mercantile Exchange",
         WARTA_PERSON},
    };
    ROWS(yes, 1);
    ROWS(no, 0);
}

static void role_organization_person(void)
{
    static const row_t yes[] = {
        {"CEO Tesla Elon Musk datang ke Jakarta.", "Tesla", WARTA_ORGANIZATION},
        {"CEO Tesla Elon Musk datang ke Jakarta.", "Elon Musk", WARTA_PERSON},
        {"Dirut Jasa Marga Subakti Syukur meninjau gerbang tol.", "Subakti Syukur",
         WARTA_PERSON},
        {"Ketua Umum PSI Kaesang Pangarep hadir di Solo.", "PSI", WARTA_ORGANIZATION},
        {"Ketua Umum PSI Kaesang Pangarep hadir di Solo.", "Kaesang Pangarep", WARTA_PERSON},
        {"Head of Research Samuel Sekuritas Harry Su mengatakan pasar lemah.", "Harry Su",
         WARTA_PERSON},
        {"Perdana Menteri Malaysia Najib Tun Razak mengelak pertanyaan.", "Najib Tun Razak",
         WARTA_PERSON},
        {"Direktur Utama Inalum Melati Sarnita mengatakan proyek berjalan.", "Inalum",
         WARTA_ORGANIZATION},
        {"Direktur Utama Inalum Melati Sarnita mengatakan proyek berjalan.", "Melati Sarnita",
         WARTA_PERSON},
        {"Sekretaris Jenderal PSI Raja Juli Antoni enggan berkomentar.", "PSI",
         WARTA_ORGANIZATION},
        {"Direktur Utama Jasa Raharja Hendra Wibisono memastikan santunan dibayar.",
         "Hendra Wibisono", WARTA_PERSON},
        {"Koordinator Advokasi BPJS Watch Timboel Siregar menilai kenaikan iuran.",
         "Timboel Siregar", WARTA_PERSON},
        {"Ketua Serikat Pekerja Sritex Group Slamet Kaswanto menuturkan, para buruh kecewa.",
         "Serikat Pekerja Sritex Group", WARTA_ORGANIZATION},
        {"Ketua Serikat Pekerja Sritex Group Slamet Kaswanto menuturkan, para buruh kecewa.",
         "Slamet Kaswanto", WARTA_PERSON},
        {"General Manager Bandara Juanda Ahmad Syahrir mengatakan kapasitas naik.",
         "Ahmad Syahrir", WARTA_PERSON},
        {"Sekretaris Jenderal PSI Raja Juli Antoni enggan berkomentar.", "Raja Juli Antoni",
         WARTA_PERSON},
    };
    static const row_t no[] = {
        {"CEO Tesla Elon Musk datang ke Jakarta.", "Tesla Elon Musk", WARTA_PERSON},
        {"Perdana Menteri Malaysia Najib Tun Razak mengelak pertanyaan.", "Malaysia Najib",
         WARTA_ORGANIZATION},
        {"dari PKB pimpinan Muhaimin Iskandar setelah kalah.", "Muhaimin", WARTA_ORGANIZATION},
        {"Direktur Utama Inalum Melati Sarnita mengatakan proyek berjalan.", "Utama Inalum",
         WARTA_ORGANIZATION},
    };
    ROWS(yes, 1);
    ROWS(no, 0);
}

static void places_are_locations(void)
{
    static const row_t yes[] = {
        {"Menhub meninjau Tol Cipali pada Senin.", "Tol Cipali", WARTA_LOCATION},
        {"Dirut itu meninjau Jalan Thamrin kemarin.", "Jalan Thamrin", WARTA_LOCATION},
        {"Penumpang tiba di Bandara Juanda dan Stasiun Tanah Abang.", "Bandara Juanda",
         WARTA_LOCATION},
        {"Lagu Abbey Road diputar di radio.", "Abbey Road", WARTA_LOCATION},
        {"Direktur RSUD dr. Chasbullah Abdulmadjid dr. Kusnanto Saidi datang.",
         "RSUD dr. Chasbullah Abdulmadjid", WARTA_ORGANIZATION},
        {"Direktur RSUD dr. Chasbullah Abdulmadjid dr. Kusnanto Saidi datang.",
         "Kusnanto Saidi", WARTA_PERSON},
    };
    static const row_t no[] = {
        {"Menhub meninjau Tol Cipali pada Senin.", "Tol Cipali", WARTA_PERSON},
        {"Lagu Abbey Road diputar di radio.", "Abbey Road", WARTA_PERSON},
    };
    ROWS(yes, 1);
    ROWS(no, 0);
}

static void non_entities(void)
{
    static const row_t yes[] = {
        {"KTT ASEAN digelar di Kuala Lumpur.", "ASEAN", WARTA_ORGANIZATION},
        {"HUT RI ke-80 dirayakan meriah.", "RI", WARTA_COUNTRY},
    };
    static const row_t no[] = {
        {"Wah, ternyata banyak WNI terkena PHK.", "WNI", WARTA_ORGANIZATION},
        {"ASN dan PNS mendapat tunjangan.", "ASN", WARTA_ORGANIZATION},
        {"KTT ASEAN digelar di Kuala Lumpur.", "KTT ASEAN", WARTA_ORGANIZATION},
        {"NPWP wajib dimiliki pekerja.", "NPWP", WARTA_ORGANIZATION},
        {"LRT Jabodebek beroperasi normal.", "LRT Jabodebek", WARTA_PERSON},
        {"LRT Jabodebek beroperasi normal.", "Jabodebek", WARTA_PERSON},
        {"PPh naik tahun depan.", "PPh", WARTA_PERSON},
        {"Harga Pertamax naik menjelang Idul Fitri.", "Idul Fitri", WARTA_PERSON},
        {"HUT RI ke-80 dirayakan meriah.", "HUT RI", WARTA_ORGANIZATION},
        {"RUPS digelar pekan depan.", "RUPS", WARTA_ORGANIZATION},
    };
    ROWS(yes, 1);
    ROWS(no, 0);
}

static void initials_are_people(void)
{
    static const row_t yes[] = {
        {"Polisi menangkap pelaku berinisial AR di rumahnya.", "AR", WARTA_PERSON},
        {"Tersangka GTW (45) ditahan di Polres Bogor.", "GTW", WARTA_PERSON},
        {"Polisi menangkap dua pria berinisial AS dan RK kemarin.", "AS", WARTA_PERSON},
        {"Polisi menangkap dua pria berinisial AS dan RK kemarin.", "RK", WARTA_PERSON},
        {"Tersangka GTW (45) ditahan. Uang dikirim ke rekening kerabat GTW di Medan.",
         "GTW", WARTA_PERSON},
    };
    static const row_t no[] = {
        {"Tersangka GTW (45) ditahan di Polres Bogor.", "GTW", WARTA_ORGANIZATION},
        {"Polisi menangkap dua pria berinisial AS dan RK kemarin.", "AS", WARTA_COUNTRY},
        {"Tersangka GTW (45) ditahan. Uang dikirim ke rekening kerabat GTW di Medan.",
         "GTW", WARTA_ORGANIZATION},
    };
    ROWS(yes, 1);
    ROWS(no, 0);
}

static void bylines(void)
{
    static const char text[] = "Harga naik.\n\nPenulis: Dian Erika Nugraheny\nEditor: Ihsanuddin\n"
                               "Pewarta: Yogi Rachman Hidayat / Editor: Desi Purnamasari\n";
    static const row_t yes[] = {
        {text, "Dian Erika Nugraheny", WARTA_PERSON},
        {text, "Ihsanuddin", WARTA_PERSON},
        {text, "Yogi Rachman Hidayat", WARTA_PERSON},
        {text, "Desi Purnamasari", WARTA_PERSON},
    };
    static const row_t no[] = {
        {text, "Penulis", WARTA_PERSON},
        {text, "Editor", WARTA_PERSON},
    };
    ROWS(yes, 1);
    ROWS(no, 0);
}

static void headline_words(void)
{
    static const row_t yes[] = {
        {"Budi Arie Optimistis Koperasi Desa Jalan\n\nJAKARTA - Menteri Koperasi Budi Arie "
         "Setiadi yakin.",
         "Budi Arie", WARTA_PERSON},
        {"Gibran Wakili Prabowo di KTT G20 Johannesburg\n\nJakarta - Wapres Gibran Rakabuming "
         "Raka berangkat.",
         "Prabowo", WARTA_PERSON},
    };
    static const row_t no[] = {
        {"Kaesang Kembali Pimpin PSI, Jokowi Hadir di Kongres Solo\n\nSolo - Ketua Umum PSI "
         "Kaesang Pangarep terpilih lagi.",
         "Jokowi Hadir", WARTA_PERSON},
        {"KPK Periksa Eks Dirut Transjakarta\n\nJakarta - KPK memeriksa mantan direktur.",
         "Periksa Eks Dirut", WARTA_PERSON},
        {"Persija Tekuk Persib 2-1, Mauricio Souza Puji Mental Pemain\n\nJAKARTA - Pelatih "
         "Persija Mauricio Souza memuji pemainnya.",
         "Souza", WARTA_PERSON},
        {"Gibran Wakili Prabowo di KTT G20 Johannesburg\n\nJakarta - Wapres Gibran Rakabuming "
         "Raka berangkat.",
         "Gibran Wakili Prabowo", WARTA_PERSON},
    };
    ROWS(yes, 1);
    ROWS(no, 0);
}

int main(void)
{
    warta_error_t err;
    if (warta_open(&W, NULL, &err) < 0) {
        printf("FAIL warta_open: %s\n", err.message);
        return 1;
    }
    RUN(titles_stay_outside);
    RUN(role_organization_person);
    RUN(places_are_locations);
    RUN(non_entities);
    RUN(initials_are_people);
    RUN(headline_words);
    RUN(bylines);
    warta_close(W);
    return T_EXIT();
}
