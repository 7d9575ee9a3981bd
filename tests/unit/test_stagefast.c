/* Unit tests: the fast paths of the stages outside the tagger give what
 * the plain computations they replace give, on every article of
 * tests/news as written, in capitals, in Title Case and with words of
 * other scripts inserted:
 *   - the headline marks of the document rules (docref_headlines.c: the
 *     sentence loops stop at the first word that decides) against full
 *     per-letter counts;
 *   - the string map's filter on first byte and length (docref.c) against
 *     a linear search of its keys;
 *   - word lists compared by length first (dr_tok_in) against strcmp, and
 *     the capitalised-word test (ASCII inline) against dr_is_upper_cp;
 *   - the role-phrase lookups answered from a cache of one-word bits
 *     (roles.c) against walking the phrase table;
 *   - the sentence-starter test (sentence.c: the next word and the first
 *     byte tested before the lookup) against the plain lookup;
 *   - the tokens' code-point offsets (tokenize.c: byte offsets in the
 *     text's ASCII prefix) against counting lead bytes;
 *   - case folding (util.c: ASCII eight bytes at a time) against folding
 *     code point by code point with utf8proc;
 *   - the pieces of names (pieces.c: a table of the bytes that end one,
 *     ASCII letter case without utf8proc) against the range tests and
 *     utf8proc.
 * And on random input: the resolver's keyed sort (mention_rank_key,
 * sort_by_keys) against a stable sort with its comparator, folding of
 * random UTF-8 into buffers of every capacity, and every byte and byte
 * pair through the piece functions. */
#include <ctype.h>
#include <dirent.h>

#include "docref_rules.h"
#include "pieces.h"
#include "roles.h"
#include "t.h"

#include <utf8proc.h>

static warta_t *W;
static roles_t *R;

/* ---- reference computations (the code before the fast paths) ---------- */

static void ref_caps(const pipe_t *p, uint8_t *caps)
{
    for (size_t s = 0; s < p->nsent; s++) {
        size_t up = 0, lo = 0, words = 0;
        for (size_t i = p->sent[s].tok_begin; i < p->sent[s].tok_end; i++) {
            if (p->tok[i].kind != WARTA_TOK_WORD)
                continue;
            words++;
            dr_letter_case(p, i, &up, &lo);
        }
        if (words >= 2 && up >= 6 && lo == 0)
            for (size_t i = p->sent[s].tok_begin; i < p->sent[s].tok_end; i++)
                caps[i] = 1;
    }
}

static int ref_tok_is(const pipe_t *p, size_t i, const char *w)
{
    size_t l = p->tok[i].byte_end - p->tok[i].byte_start;
    return l == strlen(w) && memcmp(p->s + p->tok[i].byte_start, w, l) == 0;
}

static const char *const FUNCTION_WORDS[] = {"dan", "yang", "untuk", "dengan", "dari", "pada",
                                             "atau", "oleh", "akan", "the", "and", "for", NULL};

static void ref_title(const pipe_t *p, uint8_t *title)
{
    for (size_t s = 0; s < p->nsent; s++) {
        size_t words = 0, capd = 0;
        for (size_t i = p->sent[s].tok_begin; i < p->sent[s].tok_end && i < p->ntok; i++) {
            if (p->tok[i].kind != WARTA_TOK_WORD || p->tok[i].end - p->tok[i].start < 3)
                continue;
            int cap = p->tok[i].kind == WARTA_TOK_WORD && dr_is_upper_cp(dr_first_cp(p, i)), fw = 0;
            for (int k = 0; FUNCTION_WORDS[k]; k++)
                fw |= ref_tok_is(p, i, FUNCTION_WORDS[k]);
            capd += cap;
            words += cap || !fw;
        }
        if (capd >= 4 && capd == words)
            for (size_t i = p->sent[s].tok_begin; i < p->sent[s].tok_end && i < p->ntok; i++)
                title[i] = 1;
    }
}

/* utf8_fold as it was: code point by code point, the ASCII ones without
 * utf8proc; a code point that does not fit is left out, and so is all
 * that follows. */
static size_t ref_fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t i = 0, o = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0) {
            if (o + 1 < cap)
                out[o++] = s[i];
            i++;
            continue;
        }
        i += (size_t)k;
        utf8proc_uint8_t buf[4];
        utf8proc_ssize_t m = c < 0x80 ? (buf[0] = (utf8proc_uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c), 1)
                                      : utf8proc_encode_char(utf8proc_tolower(c), buf);
        if (o + (size_t)m < cap) {
            memcpy(out + o, buf, (size_t)m);
            o += (size_t)m;
        }
    }
    if (o < cap)
        out[o] = '\0';
    return o;
}

/* Folds s[0..n) both ways into buffers of capacity cap (poisoned first);
 * 1 when the lengths or the bytes up to cap differ. */
static int fold_differs(const char *s, size_t n, size_t cap)
{
    char a[600], b[600];
    if (cap > sizeof a)
        return 1;
    memset(a, 0x55, sizeof a);
    memset(b, 0x55, sizeof b);
    size_t la = utf8_fold(s, n, a, cap), lb = ref_fold(s, n, b, cap);
    return la != lb || memcmp(a, b, sizeof a) != 0;
}

/* ---- the checks on one text ------------------------------------------- */

typedef struct tally {
    size_t texts, tokens, caps, title, keys, found, differ;
} tally_t;

static void check_marks(pipe_t *p, tally_t *t)
{
    ctx_t c = {0};
    c.p = p;
    c.caps = calloc(DR_BITS_WORDS(p->ntok), sizeof *c.caps);
    c.title = calloc(DR_BITS_WORDS(p->ntok), sizeof *c.title);
    uint8_t *caps = calloc(p->ntok + 1, 1), *title = calloc(p->ntok + 1, 1);
    CHECK(c.caps && c.title && caps && title);
    dr_mark_caps_sentences(&c);
    dr_mark_title_sentences(&c);
    ref_caps(p, caps);
    ref_title(p, title);
    for (size_t i = 0; i < p->ntok; i++) {
        t->differ += dr_bit(c.caps, i) != caps[i] || dr_bit(c.title, i) != title[i];
        t->caps += caps[i];
        t->title += title[i];
    }
    free(c.caps);
    free(c.title);
    free(caps);
    free(title);
}

/* Keys: every capitalised token and every 7th token; then every token is
 * looked up and compared with a linear search over the keys. */
static void check_smap(const pipe_t *p, tally_t *t)
{
    smap_t m = {0};
    size_t *keys = malloc((p->ntok + 1) * sizeof *keys), nk = 0;
    CHECK(keys != NULL);
    for (size_t i = 0; i < p->ntok; i++) {
        if (!dr_is_cap_word(p, i) && i % 7)
            continue;
        size_t l;
        const char *k = dr_ttext(p, i, &l);
        CHECK_INT(dr_smap_add(&m, k, l, (int)i), 0);
        keys[nk++] = i;
    }
    for (size_t i = 0; i < p->ntok; i++) {
        size_t l;
        const char *k = dr_ttext(p, i, &l);
        int want = 0;
        for (size_t j = 0; j < nk && !want; j++) {
            size_t kl;
            const char *kk = dr_ttext(p, keys[j], &kl);
            want = kl == l && memcmp(kk, k, l) == 0;
        }
        int got = dr_smap_get(&m, k, l) >= 0;
        t->differ += got != want || (dr_smap_get_tok(&m, p, i) >= 0) != want;
        t->found += got;
    }
    t->keys += nk;
    dr_smap_free(&m);
    free(keys);
}

static void check_words(const pipe_t *p, tally_t *t)
{
    static const dr_word_t w[] = {
        DR_WORD("dan"), DR_WORD("yang"), DR_WORD("untuk"), DR_WORD("dengan"), DR_WORD("dari"),
        DR_WORD("pada"), DR_WORD("atau"), DR_WORD("oleh"), DR_WORD("akan"), DR_WORD("the"),
        DR_WORD("and"), DR_WORD("for"), {NULL, 0}};
    for (size_t i = 0; i < p->ntok; i++) {
        int want = 0;
        for (int k = 0; FUNCTION_WORDS[k]; k++)
            want |= ref_tok_is(p, i, FUNCTION_WORDS[k]);
        t->differ += dr_tok_in(p, i, w) != want;
        t->differ += dr_tok_is(p, i, "dan") != ref_tok_is(p, i, "dan");
        t->differ += dr_is_cap_word(p, i) !=
                     (p->tok[i].kind == WARTA_TOK_WORD && dr_is_upper_cp(dr_first_cp(p, i)));
    }
}

static void check_offsets(const pipe_t *p, tally_t *t)
{
    size_t cp = 0, b = 0;
    for (size_t i = 0; i < p->ntok; i++) {
        for (; b < p->tok[i].byte_start; b++)
            cp += ((unsigned char)p->s[b] & 0xC0) != 0x80;
        t->differ += p->tok[i].start != cp;
        size_t end = cp;
        for (size_t k = b; k < p->tok[i].byte_end; k++)
            end += ((unsigned char)p->s[k] & 0xC0) != 0x80;
        t->differ += p->tok[i].end != end;
    }
}

static void check_folding(const pipe_t *p, tally_t *t)
{
    for (size_t i = 0; i < p->ntok; i++) {
        size_t l;
        const char *k = dr_ttext(p, i, &l);
        if (l > 250)
            continue;
        char w[600], r[600];
        t->differ += fold_differs(k, l, 2 * l + 1);
        size_t lw = utf8_fold_word(k, l, w), lr = ref_fold(k, l, r, 2 * l + 1);
        t->differ += lw != lr || memcmp(w, r, lw) != 0;
    }
}

static int ref_punct(unsigned char c)
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

static int ref_has_lower(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0)
            return 0;
        if (utf8proc_islower(c))
            return 1;
        i += (size_t)k;
    }
    return 0;
}

static int ref_first_upper(const char *s, size_t n)
{
    utf8proc_int32_t c;
    if (!n || utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c) <= 0)
        return 0;
    return utf8proc_isupper(c) || utf8proc_category(c) == UTF8PROC_CATEGORY_LT;
}

/* The pieces of s[0..n) both ways: 1 when they differ. */
static int pieces_differ(const char *s, size_t n)
{
    size_t i = 0, b, e, k = 0;
    int differ = has_lower(s, n) != ref_has_lower(s, n) ||
                 first_upper(s, n) != ref_first_upper(s, n);
    while (next_piece(s, n, &i, &b, &e)) {
        while (k < n && s[k] == ' ')
            k++;
        size_t rb = k;
        if (ref_punct((unsigned char)s[k]))
            k++;
        else
            while (k < n && s[k] != ' ' && !ref_punct((unsigned char)s[k]))
                k++;
        differ |= b != rb || e != k;
        differ |= piece_class(s + b, e - b, 0) != piece_class(s + rb, k - rb, 0);
    }
    while (k < n && s[k] == ' ')
        k++;
    return differ || k != n;
}

static void check_pieces(const pipe_t *p, tally_t *t)
{
    for (size_t i = 0; i < p->ntok; i++) {
        size_t l;
        const char *k = dr_ttext(p, i, &l);
        t->differ += (size_t)pieces_differ(k, l);
    }
    /* a line of text, spaces and all, as data forms are */
    if (p->ntok > 6)
        t->differ += (size_t)pieces_differ(p->s + p->tok[0].byte_start,
                                           p->tok[6].byte_end - p->tok[0].byte_start);
}

static void check_text(const char *text, size_t len, tally_t *t)
{
    pipe_t p = {0};
    arena_t arena = {0};
    p.s = text;
    p.n = len;
    p.arena = &arena;
    CHECK_INT(tok_run(W->tok, &p), 0);
    CHECK_INT(sent_run(W->sent, &p), 0);
    check_marks(&p, t);
    check_smap(&p, t);
    check_words(&p, t);
    check_offsets(&p, t);
    check_folding(&p, t);
    check_pieces(&p, t);
    t->differ += (size_t)roles_check_match(R, &p);
    t->differ += (size_t)sent_check_starters(W->sent, &p);
    t->texts++;
    t->tokens += p.ntok;
    pipe_free(&p);
    arena_free(&arena);
}

/* ---- the texts --------------------------------------------------------- */

/* variant 0: as written; 1: ASCII letters in capitals; 2: every word's
 * first ASCII letter a capital (Title Case); 3: as written with words
 * of other scripts after its first line.  Returns the text (maybe moved). */
static char *variant(char *s, size_t *len, int v)
{
    size_t n = *len;
    if (v == 3) {
        static const char more[] = "\nCafé “Ünal” naïve – Đà Nẵng.\n";
        const char *nl = memchr(s, '\n', n);
        size_t at = nl ? (size_t)(nl - s) : n, m = sizeof more - 1;
        char *o = malloc(n + m + 1);
        if (o) {
            memcpy(o, s, at);
            memcpy(o + at, more, m);
            memcpy(o + at + m, s + at, n - at + 1);
            *len = n + m;
        }
        free(s);
        return o;
    }
    for (size_t i = 0; i < n && v; i++) {
        unsigned char c = (unsigned char)s[i];
        int first = i == 0 || s[i - 1] == ' ' || s[i - 1] == '\n';
        if (c < 0x80 && (v == 1 || first))
            s[i] = (char)toupper(c);
    }
    return s;
}

/* Calls check(text, len, t) on every tests/news article in the 3 variants;
 * returns the number of texts. */
static size_t for_each_text(void (*check)(const char *, size_t, tally_t *), tally_t *t)
{
    size_t n = 0;
    DIR *d = opendir("tests/news");
    CHECK(d != NULL);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        size_t nl = strlen(de->d_name);
        if (nl < 5 || strcmp(de->d_name + nl - 4, ".txt"))
            continue;
        char path[512];
        snprintf(path, sizeof path, "tests/news/%s", de->d_name);
        for (int v = 0; v < 4; v++) {
            size_t len;
            char *text = t_slurp(path, &len);
            if (text)
                text = variant(text, &len, v);
            if (!text)
                continue;
            check(text, len, t);
            free(text);
            n++;
        }
    }
    if (d)
        closedir(d);
    return n;
}

static void fast_paths_equal_reference(void)
{
    tally_t t = {0};
    CHECK(for_each_text(check_text, &t) >= 80);
    CHECK_INT(t.differ, 0);
    CHECK(t.tokens > 60000);
    CHECK(t.caps > 10000);  /* the capitals variant marks most tokens */
    CHECK(t.title > 1000);
    CHECK(t.found > t.keys / 2);
}

/* ---- sorting by keys ---------------------------------------------------- */

typedef struct ranked {
    mention_t m;
    size_t i; /* position before sorting: the stable tie-break */
} ranked_t;

static int ranked_cmp(const void *a, const void *b)
{
    const ranked_t *x = a, *y = b;
    int c = mention_rank_cmp(&x->m, &y->m);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

static uint32_t rnd(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(*s >> 33);
}

/* Random mentions with many ties (few positions, scores, sources), some
 * already in order, a few arrays past the merge sort's limit; the keyed
 * sort must give the stable order. */
static void keyed_sort_equals_stable_sort(void)
{
    uint64_t seed = 14;
    size_t differ = 0, sorted_inputs = 0;
    for (int round = 0; round < 400; round++) {
        size_t n = rnd(&seed) % 90;
        if (round == 11 || round == 13)
            n = round == 11 ? 1024 : 1025; /* the largest merge sort, the smallest heap sort */
        else if (round % 50 == 7)
            n = 1000 + rnd(&seed) % 4000; /* mostly heap sort */
        ranked_t *r = calloc(n + 1, sizeof *r);
        mention_t *m = calloc(n + 1, sizeof *m);
        sortkey_t *k = calloc(n + 1, sizeof *k);
        CHECK(r && m && k);
        for (size_t i = 0; i < n; i++) {
            m[i].tb = rnd(&seed) % 12;
            m[i].te = m[i].tb + (round % 5 == 4 ? 0 : 1 + rnd(&seed) % 4);
            m[i].type = (uint8_t)(rnd(&seed) % WARTA_NTYPES);
            m[i].source = (uint8_t)(rnd(&seed) % 5);
            m[i].score = (int16_t)((int)(rnd(&seed) % 7) - 3 + (round % 3 ? 0 : 32000));
            m[i].conf = (float)i; /* tells equal-ranked mentions apart */
        }
        if (round % 4 == 0) { /* in order already: the fast path */
            for (size_t i = 0; i < n; i++)
                r[i] = (ranked_t){m[i], i};
            qsort(r, n, sizeof *r, ranked_cmp);
            for (size_t i = 0; i < n; i++)
                m[i] = r[i].m;
            sorted_inputs++;
        }
        for (size_t i = 0; i < n; i++) {
            r[i] = (ranked_t){m[i], i};
            k[i] = mention_rank_key(&m[i]);
        }
        qsort(r, n, sizeof *r, ranked_cmp);
        CHECK_INT(sort_by_keys(m, n, sizeof *m, k), 0);
        for (size_t i = 0; i < n; i++)
            differ += memcmp(&m[i], &r[i].m, sizeof *m) != 0;
        free(r);
        free(m);
        free(k);
    }
    CHECK_INT(differ, 0);
    CHECK(sorted_inputs > 50);
}

static sortkey_t rank_key_of(const void *m)
{
    return mention_rank_key(m);
}

/* sort_by_key_fn (keys computed as compared, 4-byte indexes heap-sorted
 * above SORT_FN_STORED elements) gives sort_by_keys' order: random
 * mentions with many ties, at and past that limit, in order or not. */
static void key_fn_sort_equals_keyed_sort(void)
{
    uint64_t seed = 21;
    static const size_t sizes[] = {0, 1, 2, 300, SORT_FN_STORED, SORT_FN_STORED + 1, 100000};
    size_t differ = 0;
    for (size_t round = 0; round < 2 * sizeof sizes / sizeof *sizes; round++) {
        size_t n = sizes[round / 2];
        mention_t *m = calloc(n + 1, sizeof *m), *ref = calloc(n + 1, sizeof *m);
        sortkey_t *k = calloc(n + 1, sizeof *k);
        CHECK(m && ref && k);
        for (size_t i = 0; i < n; i++) {
            m[i].tb = (uint32_t)(rnd(&seed) % 5000);
            m[i].te = m[i].tb + 1 + (uint32_t)(rnd(&seed) % 4);
            m[i].type = (uint8_t)(rnd(&seed) % WARTA_NTYPES);
            m[i].source = (uint8_t)(rnd(&seed) % 5);
            m[i].score = (int16_t)((int)(rnd(&seed) % 7) - 3);
            m[i].conf = (float)i; /* tells equal-ranked mentions apart */
        }
        for (size_t i = 0; i < n; i++)
            k[i] = mention_rank_key(&m[i]);
        CHECK_INT(sort_by_keys(m, n, sizeof *m, k), 0);
        if (round % 2) /* a second time: in order already */
            for (size_t i = 0; i < n; i++)
                k[i] = mention_rank_key(&m[i]);
        memcpy(ref, m, n * sizeof *m);
        if (round % 2 == 0) /* back to a random order: shuffled copies */
            for (size_t i = n; i > 1; i--) {
                size_t j = rnd(&seed) % i;
                mention_t t = m[i - 1];
                m[i - 1] = m[j];
                m[j] = t;
            }
        if (round % 2 == 0) { /* the reference: the stored-key sort of the same input */
            memcpy(ref, m, n * sizeof *m);
            for (size_t i = 0; i < n; i++)
                k[i] = mention_rank_key(&ref[i]);
            CHECK_INT(sort_by_keys(ref, n, sizeof *ref, k), 0);
        }
        CHECK_INT(sort_by_key_fn(m, n, sizeof *m, rank_key_of), 0);
        for (size_t i = 0; i < n; i++)
            differ += memcmp(&m[i], &ref[i], sizeof *m) != 0;
        free(m);
        free(ref);
        free(k);
    }
    CHECK_INT(differ, 0);
}

/* Random strings of ASCII (upper, lower, punctuation, '@' and '[' beside
 * the capitals) and 2-, 3- and 4-byte letters, folded into buffers of
 * every capacity from 0 to past the need. */
static void folding_equals_reference(void)
{
    static const char *const pieces[] = {"A", "Z", "a", "z", "@", "[", "`", "{", " ", "0",
                                         "\x7f", "\xc3\x89", "\xc3\xa9", "\xce\xa3",
                                         "\xe1\xba\x9e", "\xe2\x80\x9c", "\xf0\x90\x90\x80",
                                         "ABCDEFGH", "Jakarta", "KPK"};
    uint64_t seed = 7;
    size_t differ = 0, tried = 0;
    for (int round = 0; round < 3000; round++) {
        char s[200];
        size_t n = 0, parts = rnd(&seed) % 24;
        for (size_t k = 0; k < parts; k++) {
            const char *pc = pieces[rnd(&seed) % (sizeof pieces / sizeof *pieces)];
            size_t pl = strlen(pc);
            if (n + pl >= sizeof s)
                break;
            memcpy(s + n, pc, pl);
            n += pl;
        }
        for (size_t cap = 0; cap <= 2 * n + 2; cap++, tried++)
            differ += (size_t)fold_differs(s, n, cap);
    }
    CHECK_INT(differ, 0);
    CHECK(tried > 50000);
}

/* Every byte's class, and every one- and two-byte ASCII string's pieces. */
static void pieces_equal_reference(void)
{
    size_t differ = 0;
    for (int c = 0; c < 256; c++)
        differ += is_punct((unsigned char)c) != ref_punct((unsigned char)c);
    for (int a = 1; a < 128; a++)
        for (int b = 0; b < 128; b++) {
            char s[2] = {(char)a, (char)b};
            differ += (size_t)pieces_differ(s, b ? 2 : 1);
        }
    CHECK_INT(differ, 0);
}

int main(void)
{
    warta_error_t err;
    if (warta_open(&W, NULL, &err) < 0) {
        printf("FAIL warta_open: %s\n", err.message);
        return 1;
    }
    if (roles_load(&R, &err) < 0) {
        printf("FAIL roles_load: %s\n", err.message);
        return 1;
    }
    RUN(fast_paths_equal_reference);
    RUN(keyed_sort_equals_stable_sort);
    RUN(key_fn_sort_equals_keyed_sort);
    RUN(folding_equals_reference);
    RUN(pieces_equal_reference);
    roles_free(R);
    warta_close(W);
    return T_EXIT();
}
