/* sentence.c - tokens -> sentences for Indonesian news.
 *
 * A sentence ends
 *   - after ". ? ! ... …" (and any closing quotes or brackets glued to
 *     them: `."`, `.)`, `?”`) when the next token can start a sentence:
 *     a capital letter or a digit, possibly behind an opening quote or
 *     bracket;
 *   - after an abbreviation of class `post` in data/abbreviations.txt
 *     (Tbk. dll. S.H.) under the same condition, but never after a `pre`
 *     one (Dr. Jl. No.) nor after initials (B.J. Habibie, Retno L.P.
 *     Marsudi);
 *   - before a blank line, always;
 *   - before a line break, unless the next line starts with a lower-case
 *     letter (a hard-wrapped paragraph).  So a headline, a "Baca Juga: ..."
 *     link or a byline without final punctuation is its own sentence;
 *   - after the dateline at the head of a paragraph ("Seoul, Gatra.com -",
 *     "JAKARTA, KOMPAS.com --", "Jakarta (ANTARA) -"): the dateline is a
 *     sentence of its own, and the body starts with the word after the dash.
 * A period after a lone number at the start of a line ("1. Pertama") is a
 * list marker, not an end.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "data.h"
#include "pipeline.h"

struct sent_rules {
    strset_t pre, post;       /* exact forms */
    strset_t pre_lc, post_lc; /* ASCII lower-case forms */
    strset_t starters;        /* data/sentence_starters.txt */
    uint64_t starter_first[4]; /* the first bytes of the starters (a bit set) */
};

static int add_starter(const char *line, size_t len, void *ctx)
{
    sent_rules_t *r = ctx;
    while (len && (line[len - 1] == ' ' || line[len - 1] == '\t'))
        len--;
    if (len)
        r->starter_first[(unsigned char)line[0] >> 6] |= 1ull << ((unsigned char)line[0] & 63);
    return len && strset_add(&r->starters, line, len) ? WARTA_ERR_NOMEM : 0;
}

static int add_abbr(const char *line, size_t len, void *ctx)
{
    sent_rules_t *r = ctx;
    const char *f[2];
    size_t fl[2];
    if (split_tabs(line, len, f, fl, 2) != 2 || !fl[0] || fl[0] > 31)
        return WARTA_ERR_DATA;
    int post;
    if (fl[1] == 3 && memcmp(f[1], "pre", 3) == 0)
        post = 0;
    else if (fl[1] == 4 && memcmp(f[1], "post", 4) == 0)
        post = 1;
    else
        return WARTA_ERR_DATA;
    char lc[32];
    for (size_t i = 0; i < fl[0]; i++)
        lc[i] = (char)(f[0][i] >= 'A' && f[0][i] <= 'Z' ? f[0][i] + 32 : f[0][i]);
    if (strset_add(post ? &r->post : &r->pre, f[0], fl[0]) ||
        strset_add(post ? &r->post_lc : &r->pre_lc, lc, fl[0]))
        return WARTA_ERR_NOMEM;
    return 0;
}

int sent_load(sent_rules_t **out, warta_error_t *err)
{
    *out = NULL;
    sent_rules_t *r = calloc(1, sizeof *r);
    if (!r)
        return err_set(err, WARTA_ERR_NOMEM, 0, "out of memory loading the sentence splitter");
    size_t len;
    const unsigned char *d = data_get("abbreviations.txt", &len);
    int rc = d ? for_each_line((const char *)d, len, add_abbr, r) : WARTA_ERR_DATA;
    if (!rc) {
        d = data_get("sentence_starters.txt", &len);
        rc = d ? for_each_line((const char *)d, len, add_starter, r) : WARTA_ERR_DATA;
    }
    if (rc) {
        err_set(err, rc, 0, "%s", rc == WARTA_ERR_NOMEM ? "out of memory"
                                  : "abbreviations.txt or sentence_starters.txt: missing or malformed");
        sent_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

void sent_free(sent_rules_t *r)
{
    if (!r)
        return;
    strset_free(&r->pre);
    strset_free(&r->post);
    strset_free(&r->pre_lc);
    strset_free(&r->post_lc);
    strset_free(&r->starters);
    free(r);
}

/* ---- token tests ------------------------------------------------------ */

static inline size_t tlen(const pipe_t *p, size_t i)
{
    return p->tok[i].byte_end - p->tok[i].byte_start;
}

static inline const unsigned char *ttxt(const pipe_t *p, size_t i)
{
    return (const unsigned char *)p->s + p->tok[i].byte_start;
}

/* The first code point of token i. */
static utf8proc_int32_t first_cp(const pipe_t *p, size_t i)
{
    const unsigned char *s = ttxt(p, i);
    if (s[0] < 0x80)
        return s[0];
    utf8proc_int32_t c;
    if (utf8proc_iterate(s, (utf8proc_ssize_t)tlen(p, i), &c) <= 0)
        return 0xFFFD;
    return c;
}

static int is_upper_start(const pipe_t *p, size_t i)
{
    utf8proc_int32_t c = first_cp(p, i);
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT || k == UTF8PROC_CATEGORY_ND;
}

static int is_lower_start(const pipe_t *p, size_t i)
{
    utf8proc_int32_t c = first_cp(p, i);
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

/* Is the byte at offset k of token i an ASCII lower-case letter? */
static int is_lower_start_at(const pipe_t *p, size_t i, size_t k)
{
    if (k >= tlen(p, i))
        return 0;
    unsigned char c = ttxt(p, i)[k];
    return c >= 'a' && c <= 'z';
}

/* Quotes and brackets that may open a sentence. */
static int is_opening(const pipe_t *p, size_t i)
{
    if (p->tok[i].kind != WARTA_TOK_PUNCT)
        return 0;
    switch (first_cp(p, i)) {
    case '"': case '\'': case '(': case '[': case '`': case 0x201C: case 0x2018: case 0x00AB:
    case 0x201E: case '-': case 0x2013: case 0x2014:
        return 1;
    default:
        return 0;
    }
}

/* Quotes and brackets that may close a sentence (glued to its end). */
static int is_closing(const pipe_t *p, size_t i)
{
    if (p->tok[i].kind != WARTA_TOK_PUNCT)
        return 0;
    switch (first_cp(p, i)) {
    case '"': case '\'': case ')': case ']': case 0x201D: case 0x2019: case 0x00BB:
        return 1;
    default:
        return 0;
    }
}

/* Punctuation that ends a sentence: . ? ! and runs of them, U+2026. */
static int is_terminal(const pipe_t *p, size_t i)
{
    if (p->tok[i].kind != WARTA_TOK_PUNCT)
        return 0;
    utf8proc_int32_t c = first_cp(p, i);
    return c == '.' || c == '?' || c == '!' || c == 0x2026;
}

static int is_dash(const pipe_t *p, size_t i)
{
    if (p->tok[i].kind != WARTA_TOK_PUNCT)
        return 0;
    utf8proc_int32_t c = first_cp(p, i);
    return c == '-' || c == 0x2013 || c == 0x2014;
}

enum { ABBR_NONE = 0, ABBR_PRE, ABBR_POST, ABBR_INITIAL };

/* The abbreviation class of word token w followed by the period token w+1
 * glued to it ("Dr" "."). */
static int abbr_class(const sent_rules_t *r, const pipe_t *p, size_t w)
{
    if (w + 1 >= p->ntok || (p->tok[w].kind != WARTA_TOK_WORD && p->tok[w].kind != WARTA_TOK_SYMBOL) ||
        p->tok[w + 1].byte_start != p->tok[w].byte_end || tlen(p, w + 1) != 1 ||
        p->s[p->tok[w + 1].byte_start] != '.')
        return ABBR_NONE;
    const unsigned char *s = ttxt(p, w);
    size_t n = tlen(p, w) + 1;
    if (strset_has(&r->pre, (const char *)s, n))
        return ABBR_PRE;
    if (strset_has(&r->post, (const char *)s, n))
        return ABBR_POST;
    if (n < 32) {
        char lc[32];
        for (size_t k = 0; k < n; k++)
            lc[k] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]);
        if (strset_has(&r->pre_lc, lc, n))
            return ABBR_PRE;
        if (strset_has(&r->post_lc, lc, n))
            return ABBR_POST;
    }
    /* initials: one capital then '.', repeated (B.  B.J.  L.P.) */
    int dots = 0;
    for (size_t k = 0; k < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t l = utf8proc_iterate(s + k, (utf8proc_ssize_t)(n - k), &c);
        if (l <= 0 || utf8proc_category(c) != UTF8PROC_CATEGORY_LU || k + (size_t)l >= n ||
            s[k + (size_t)l] != '.')
            return dots ? ABBR_POST : ABBR_NONE; /* M.Si. S.Sos. not in the list */
        k += (size_t)l + 1;
        dots++;
    }
    return ABBR_INITIAL;
}

/* Can token j start a sentence (capital or digit, maybe behind an opening
 * quote or bracket when `openers`)? */
static int starts_sentence(const pipe_t *p, size_t j, int openers)
{
    for (int k = 0; k < 3 && j < p->ntok; k++, j++) {
        if (is_upper_start(p, j))
            return 1;
        if (!openers || !is_opening(p, j))
            return 0;
    }
    return 0;
}

/* Is token j a sentence starter (Pada, Namun...) followed by a lower-case
 * word or a comma, i.e. not part of a Title Case name or headline? */
static int starter_at(const sent_rules_t *r, const pipe_t *p, size_t j)
{
    if (j + 1 >= p->ntok || p->tok[j].kind != WARTA_TOK_WORD ||
        !(is_lower_start(p, j + 1) ||
          (tlen(p, j + 1) == 1 && p->s[p->tok[j + 1].byte_start] == ',')))
        return 0; /* the cheap tests first, the lookup last */
    unsigned char c = (unsigned char)p->s[p->tok[j].byte_start];
    if (!tlen(p, j) || !(r->starter_first[c >> 6] >> (c & 63) & 1))
        return 0; /* no starter begins so */
    return strset_has(&r->starters, (const char *)ttxt(p, j), tlen(p, j));
}

long sent_check_starters(const sent_rules_t *r, const pipe_t *p)
{
    long differ = 0;
    for (size_t j = 0; j < p->ntok; j++) {
        int want = j + 1 < p->ntok && p->tok[j].kind == WARTA_TOK_WORD &&
                   strset_has(&r->starters, (const char *)ttxt(p, j), tlen(p, j)) &&
                   (is_lower_start(p, j + 1) ||
                    (tlen(p, j + 1) == 1 && p->s[p->tok[j + 1].byte_start] == ','));
        differ += starter_at(r, p, j) != want;
    }
    return differ;
}

/* A sentence starting at token i without punctuation before it: a
 * lower-case word or a number, a space, then a starter ("... salah sebut
 * pemenang Pada akhir ..."), maybe behind an opening quote. */
static int run_in_start(const sent_rules_t *r, const pipe_t *p, size_t i)
{
    const warta_token_t *t = &p->tok[i];
    if (i == 0 || !(t->flags & WARTA_TOKF_SPACE_BEFORE))
        return 0;
    if (!is_lower_start(p, i - 1) && p->tok[i - 1].kind != WARTA_TOK_NUMBER)
        return 0;
    if (is_opening(p, i) && i + 1 < p->ntok && !(p->tok[i + 1].flags & WARTA_TOKF_SPACE_BEFORE))
        return starter_at(r, p, i + 1);
    return starter_at(r, p, i);
}

/* A dateline at the head of a paragraph that starts at token b: returns
 * the index of its dash, or 0.  Shape: up to 8 tokens of capitalised words,
 * domains, numbers, commas and brackets, containing a comma, a bracket, a
 * domain or an all-capital word, then a dash with space on both sides. */
static size_t dateline(const pipe_t *p, size_t b)
{
    int cue = 0;
    if (!is_upper_start(p, b) && p->tok[b].kind != WARTA_TOK_URL)
        return 0;
    for (size_t i = b; i < p->ntok && i < b + 9; i++) {
        const warta_token_t *t = &p->tok[i];
        if (i > b && (t->flags & WARTA_TOKF_NEWLINE_BEFORE))
            return 0;
        if (is_dash(p, i)) {
            if (i > b && cue && (t->flags & WARTA_TOKF_SPACE_BEFORE) && i + 1 < p->ntok &&
                (p->tok[i + 1].flags & WARTA_TOKF_SPACE_BEFORE) &&
                !(p->tok[i + 1].flags & WARTA_TOKF_NEWLINE_BEFORE))
                return i;
            return 0;
        }
        const unsigned char *s = ttxt(p, i);
        size_t n = tlen(p, i);
        switch (t->kind) {
        case WARTA_TOK_URL:
            cue = 1;
            break;
        case WARTA_TOK_NUMBER:
            break;
        case WARTA_TOK_WORD: {
            if (!is_upper_start(p, i))
                return 0;
            size_t up = 0;
            for (size_t k = 0; k < n; k++)
                up += s[k] >= 'A' && s[k] <= 'Z';
            if (up == n && n >= 3)
                cue = 1;
            break;
        }
        case WARTA_TOK_PUNCT:
            if (n == 1 && (s[0] == ',' || s[0] == '(' || s[0] == ')' || s[0] == '/'))
                cue = 1;
            else
                return 0;
            break;
        default:
            return 0;
        }
    }
    return 0;
}

static int emit(pipe_t *p, size_t b, size_t e)
{
    if (p->nsent == p->capsent &&
        vec_reserve((void **)&p->sent, &p->capsent, p->nsent + 1, sizeof *p->sent))
        return WARTA_ERR_NOMEM;
    warta_sentence_t *s = &p->sent[p->nsent++];
    s->tok_begin = b;
    s->tok_end = e;
    s->start = p->tok[b].start;
    s->end = p->tok[e - 1].end;
    s->byte_start = p->tok[b].byte_start;
    s->byte_end = p->tok[e - 1].byte_end;
    return 0;
}

int sent_run(const sent_rules_t *r, pipe_t *p)
{
    const warta_token_t *tok = p->tok;
    size_t n = p->ntok, b = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned f = tok[i].flags;
        if (i > b && (f & WARTA_TOKF_NEWLINE_BEFORE) &&
            ((f & WARTA_TOKF_BLANK_BEFORE) || !is_lower_start(p, i))) {
            if (emit(p, b, i))
                return WARTA_ERR_NOMEM;
            b = i;
        }
        if (i > b + 1 && run_in_start(r, p, i)) {
            if (emit(p, b, i))
                return WARTA_ERR_NOMEM;
            b = i;
        }
        if (i == b && (i == 0 || (f & WARTA_TOKF_NEWLINE_BEFORE))) {
            size_t d = dateline(p, i);
            if (d) {
                if (emit(p, b, d + 1))
                    return WARTA_ERR_NOMEM;
                b = d + 1;
                i = d;
                continue;
            }
        }
        /* candidates: . ? ! ... and runs of them */
        unsigned char c0 = (unsigned char)p->s[tok[i].byte_start];
        if (tok[i].kind != WARTA_TOK_PUNCT || !(c0 == '.' || c0 == '?' || c0 == '!' || c0 == 0xE2) ||
            !is_terminal(p, i))
            continue;
        /* a period glued to a word: an abbreviation?  pre: never an end;
         * initials: only when a starter follows ("kuartal I. Dengan");
         * post: when a capitalised word follows */
        int ac = c0 == '.' && i > b ? abbr_class(r, p, i - 1) : ABBR_NONE;
        if (ac == ABBR_PRE || (ac == ABBR_INITIAL && !starter_at(r, p, i + 1)))
            continue;
        /* a list marker "1." at the head of a line */
        if (c0 == '.' && i == b + 1 && tok[b].kind == WARTA_TOK_NUMBER &&
            (b == 0 || (tok[b].flags & WARTA_TOKF_NEWLINE_BEFORE)))
            continue;
        size_t j = i + 1;
        while (j < n && !(tok[j].flags & WARTA_TOKF_SPACE_BEFORE) &&
               (is_closing(p, j) || is_terminal(p, j)))
            j++;
        if (j < n && !(tok[j].flags & WARTA_TOKF_NEWLINE_BEFORE)) {
            /* after an abbreviation only a capitalised word starts a
             * sentence: "Tbk. (BBNI)" goes on */
            if (!starts_sentence(p, j, ac == ABBR_NONE))
                continue;
            /* glued to the next token: 34/PMK.011/2007, KM.10; but
             * "kemarin.Dia" (a missing space) ends */
            if (!(tok[j].flags & WARTA_TOKF_SPACE_BEFORE) &&
                !(tok[j].kind == WARTA_TOK_WORD && tlen(p, j) > 1 && is_upper_start(p, j) &&
                  is_lower_start_at(p, j, 1)))
                continue;
            /* after an abbreviation, another abbreviation or initial
             * continues the name: Budi S.H. M.H. */
            if (ac != ABBR_NONE && j == i + 1 && abbr_class(r, p, j) != ABBR_NONE)
                continue;
        }
        if (emit(p, b, j))
            return WARTA_ERR_NOMEM;
        b = j;
        i = j - 1;
    }
    if (b < n && emit(p, b, n))
        return WARTA_ERR_NOMEM;
    return 0;
}
