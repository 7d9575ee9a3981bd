/* tokenize.c - text -> tokens for Indonesian news.
 *
 * Tokens are views {code-point and byte offsets, kind, layout flags} into
 * the text; nothing is copied and nothing is allocated per token.  The scan
 * is byte-driven: ASCII bytes are classified by one table lookup, and only
 * bytes >= 0x80 are decoded (utf8proc_iterate) and classified by Unicode
 * category.  Code-point offsets are derived from byte offsets by counting
 * UTF-8 lead bytes, so skipped characters (BOM, NBSP, zero-width space) keep
 * their place in the offsets.
 *
 * Conventions follow the surface tokens of UD Indonesian (GSD, CSUI) where
 * sensible:
 *   - clitics stay attached (nuklirnya, menyetujuinya);
 *   - reduplication and lower-case compounds keep their hyphen
 *     (masing-masing, Bangsa-Bangsa, non-migas, ke-5, 1950-an, APBN-P);
 *     pairs of capitalised names and number ranges are split
 *     (AS - Korsel, Januari - September, 15.600 - 15.700);
 *   - numbers keep thousand dots, decimal commas, times and dates
 *     (1.105.000  84,50  10.00  1/9  20/11/2024);
 *   - currency is split from the amount (Rp 5.000, Rp. 500, US$ 2, EUR sign
 *     1,5); unlike UD, "US$" stays one SYMBOL token;
 *   - the final period of an abbreviation is its own token ("Dr ." "Tbk ."
 *     "B.J ."), as in GSD and in the NER corpora the tagger learns from
 *     (CSUI keeps it); inner periods of initials stay (B.J, S.H, M.Si);
 *     sentence.c decides whether such a period ends a sentence;
 *   - domains (Gatra.com, TEMPO.CO), URLs, e-mails, #hashtags, @mentions are
 *     one token each;
 *   - every quote, bracket and dash is its own token; a run of periods
 *     ("...") or of hyphens ("--") or backquotes ("``") is one token.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "data.h"
#include "pipeline.h"

/* The tokenizer's data: the top-level domains of data/tlds.txt and the
 * glued currency words of data/currency_glued.txt (read in place); the rest
 * of its rules are the tables below. */
#define TOK_MAXTLD 64
struct tok_rules {
    char tld[TOK_MAXTLD][16]; /* lower case, NUL-terminated */
    size_t ntld;
};

static int add_tld(const char *line, size_t len, void *ctx)
{
    tok_rules_t *t = ctx;
    const char *f[2];
    size_t fl[2];
    split_tabs(line, len, f, fl, 2);
    if (!fl[0] || fl[0] >= sizeof t->tld[0] || t->ntld == TOK_MAXTLD)
        return WARTA_ERR_DATA;
    memcpy(t->tld[t->ntld], f[0], fl[0]);
    t->tld[t->ntld++][fl[0]] = '\0';
    return 0;
}

int tok_load(tok_rules_t **out, warta_error_t *err)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return err_set(err, WARTA_ERR_NOMEM, 0, "out of memory loading the tokenizer");
    size_t n;
    const unsigned char *buf = data_get("tlds.txt", &n);
    if (!buf || for_each_line((const char *)buf, n, add_tld, *out)) {
        tok_free(*out);
        *out = NULL;
        return err_set(err, WARTA_ERR_DATA, 0, "data/tlds.txt: missing or malformed");
    }
    return 0;
}

void tok_free(tok_rules_t *t) { free(t); }

/* ---- character classes ------------------------------------------------ */

enum {
    C_OTHER = 0,
    C_SPACE,   /* blank, tab, CR, VT, FF; Zs; BOM, ZWSP, word joiner */
    C_NL,      /* LF, NEL, U+2028 */
    C_PARA,    /* U+2029: a blank line */
    C_LOWER,
    C_UPPER,
    C_LETTER,  /* letters without case (Lo, Lm) */
    C_DIGIT,
    C_MARK,    /* combining marks, ZWNJ/ZWJ, soft hyphen, superscripts (km²) */
    C_PERIOD,
    C_COMMA,
    C_HYPHEN,  /* '-' */
    C_APOS,    /* ' and U+2019 */
    C_SLASH,
    C_COLON,
    C_AT,
    C_HASH,
    C_CURRENCY, /* $ and Sc */
    C_SYMBOL,  /* % + < = > ^ | ~ and Sm Sk So */
    C_PUNCT,   /* other punctuation: one mark, one token */
    C_BACKTICK,
    C_ELLIPSIS /* U+2026 */
};

#define IS_ALNUM(c) ((c) >= C_LOWER && (c) <= C_MARK)
#define IS_ALPHA(c) ((c) >= C_LOWER && (c) <= C_LETTER)

static const unsigned char ascii_class[128] = {
    ['\t'] = C_SPACE, ['\n'] = C_NL, ['\v'] = C_SPACE, ['\f'] = C_SPACE, ['\r'] = C_SPACE,
    [' '] = C_SPACE, ['!'] = C_PUNCT, ['"'] = C_PUNCT, ['#'] = C_HASH, ['$'] = C_CURRENCY,
    ['%'] = C_SYMBOL, ['&'] = C_PUNCT, ['\''] = C_APOS, ['('] = C_PUNCT, [')'] = C_PUNCT,
    ['*'] = C_PUNCT, ['+'] = C_SYMBOL, [','] = C_COMMA, ['-'] = C_HYPHEN, ['.'] = C_PERIOD,
    ['/'] = C_SLASH, ['0'] = C_DIGIT, ['1'] = C_DIGIT, ['2'] = C_DIGIT, ['3'] = C_DIGIT,
    ['4'] = C_DIGIT, ['5'] = C_DIGIT, ['6'] = C_DIGIT, ['7'] = C_DIGIT, ['8'] = C_DIGIT,
    ['9'] = C_DIGIT, [':'] = C_COLON, [';'] = C_PUNCT, ['<'] = C_SYMBOL, ['='] = C_SYMBOL,
    ['>'] = C_SYMBOL, ['?'] = C_PUNCT, ['@'] = C_AT, ['A'] = C_UPPER, ['B'] = C_UPPER,
    ['C'] = C_UPPER, ['D'] = C_UPPER, ['E'] = C_UPPER, ['F'] = C_UPPER, ['G'] = C_UPPER,
    ['H'] = C_UPPER, ['I'] = C_UPPER, ['J'] = C_UPPER, ['K'] = C_UPPER, ['L'] = C_UPPER,
    ['M'] = C_UPPER, ['N'] = C_UPPER, ['O'] = C_UPPER, ['P'] = C_UPPER, ['Q'] = C_UPPER,
    ['R'] = C_UPPER, ['S'] = C_UPPER, ['T'] = C_UPPER, ['U'] = C_UPPER, ['V'] = C_UPPER,
    ['W'] = C_UPPER, ['X'] = C_UPPER, ['Y'] = C_UPPER, ['Z'] = C_UPPER, ['['] = C_PUNCT,
    ['\\'] = C_PUNCT, [']'] = C_PUNCT, ['^'] = C_SYMBOL, ['_'] = C_PUNCT, ['`'] = C_BACKTICK,
    ['a'] = C_LOWER, ['b'] = C_LOWER, ['c'] = C_LOWER, ['d'] = C_LOWER, ['e'] = C_LOWER,
    ['f'] = C_LOWER, ['g'] = C_LOWER, ['h'] = C_LOWER, ['i'] = C_LOWER, ['j'] = C_LOWER,
    ['k'] = C_LOWER, ['l'] = C_LOWER, ['m'] = C_LOWER, ['n'] = C_LOWER, ['o'] = C_LOWER,
    ['p'] = C_LOWER, ['q'] = C_LOWER, ['r'] = C_LOWER, ['s'] = C_LOWER, ['t'] = C_LOWER,
    ['u'] = C_LOWER, ['v'] = C_LOWER, ['w'] = C_LOWER, ['x'] = C_LOWER, ['y'] = C_LOWER,
    ['z'] = C_LOWER, ['{'] = C_PUNCT, ['|'] = C_SYMBOL, ['}'] = C_PUNCT, ['~'] = C_SYMBOL,
};

static unsigned uclass(utf8proc_int32_t c)
{
    switch (c) {
    case 0x85: case 0x2028: return C_NL;
    case 0x2029: return C_PARA;
    case 0xFEFF: case 0x200B: case 0x2060: case 0x180E: return C_SPACE;
    case 0x200C: case 0x200D: case 0x00AD: return C_MARK;
    case 0x2019: case 0x02BC: return C_APOS;
    case 0x2026: return C_ELLIPSIS;
    default: break;
    }
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: return C_UPPER;
    case UTF8PROC_CATEGORY_LL: return C_LOWER;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: return C_LETTER;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_NL: return C_MARK;
    case UTF8PROC_CATEGORY_ND: return C_DIGIT;
    case UTF8PROC_CATEGORY_ZS: return C_SPACE;
    case UTF8PROC_CATEGORY_ZL: return C_NL;
    case UTF8PROC_CATEGORY_ZP: return C_PARA;
    case UTF8PROC_CATEGORY_SC: return C_CURRENCY;
    case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SK: case UTF8PROC_CATEGORY_SO:
        return C_SYMBOL;
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO: return C_PUNCT;
    case UTF8PROC_CATEGORY_CF: return C_SPACE; /* other format characters: invisible */
    default: return C_OTHER;
    }
}

/* Class of the character at s[i] (i < n); *len gets its byte length. */
static inline unsigned cls(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    if (s[i] < 0x80) {
        *len = 1;
        return ascii_class[s[i]];
    }
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &c);
    if (k <= 0) { /* not expected: text is validated before tokenizing */
        *len = 1;
        return C_OTHER;
    }
    *len = (size_t)k;
    return uclass(c);
}

/* Class at i, or C_SPACE past the end. */
static inline unsigned cls_or_end(const unsigned char *s, size_t n, size_t i)
{
    size_t l;
    return i < n ? cls(s, n, i, &l) : C_SPACE;
}

static inline int lc(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int ieq(const unsigned char *a, size_t an, const unsigned char *b, size_t bn)
{
    if (an != bn)
        return 0;
    for (size_t i = 0; i < an; i++)
        if (lc(a[i]) != lc(b[i]))
            return 0;
    return 1;
}

/* ---- word-like tokens ------------------------------------------------- */

/* A run of letters, digits and marks: its end and its shape. */
typedef struct run {
    size_t b, e;
    unsigned first;    /* class of the first character */
    int digits;        /* number of digits */
    int alpha;         /* number of letters */
    int upper;         /* number of upper-case letters */
} run_t;

static size_t scan_run(const unsigned char *s, size_t n, size_t i, run_t *r)
{
    /* counted in locals: stores through r could alias s, which would make
     * the compiler reload at every byte */
    int digits = 0, alpha = 0, upper = 0;
    unsigned first = C_OTHER;
    r->b = i;
    while (i < n) {
        unsigned c;
        size_t l = 1;
        if (s[i] < 0x80) {
            c = ascii_class[s[i]];
        } else {
            c = cls(s, n, i, &l);
        }
        if (!IS_ALNUM(c))
            break;
        if (first == C_OTHER)
            first = c;
        digits += c == C_DIGIT;
        alpha += IS_ALPHA(c);
        upper += c == C_UPPER;
        i += l;
    }
    r->first = first;
    r->digits = digits;
    r->alpha = alpha;
    r->upper = upper;
    r->e = i;
    return i;
}

static int is_tld(const tok_rules_t *t, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < t->ntld; i++)
        if (ieq(s, n, (const unsigned char *)t->tld[i], strlen(t->tld[i])))
            return 1;
    return 0;
}

/* A currency word written glued to an amount (Rp5.000 -> Rp | 5.000): a
 * line of data/currency_glued.txt, exact case. */
static int is_currency_word(const unsigned char *s, size_t n)
{
    size_t len;
    const unsigned char *d = data_get("currency_glued.txt", &len);
    for (size_t i = 0; d && i < len;) {
        const unsigned char *nl = memchr(d + i, '\n', len - i);
        size_t l = nl ? (size_t)(nl - d) - i : len - i;
        if (l == n && !memcmp(d + i, s, n))
            return 1; /* "#" comment lines never match: s starts alphanumeric */
        i += l + 1;
    }
    return 0;
}

static int is_url_char(unsigned char c)
{
    return c > 0x20 && c != '"' && c != '<' && c != '>' && c != '`' && c < 0x7F;
}

/* End of a URL or path starting at i: up to white space, without trailing
 * punctuation, and without a closing bracket that was not opened. */
static size_t url_end(const unsigned char *s, size_t n, size_t b, size_t i)
{
    while (i < n && (is_url_char(s[i]) || s[i] >= 0x80)) {
        if (s[i] >= 0x80) { /* stop at non-ASCII space or punctuation */
            size_t l;
            unsigned c = cls(s, n, i, &l);
            if (!IS_ALNUM(c))
                break;
            i += l;
        } else {
            i++;
        }
    }
    for (;;) {
        unsigned char c = s[i - 1];
        if (i - 1 > b && (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
                          c == '\'' || c == ']' || c == '}')) {
            i--;
            continue;
        }
        if (i - 1 > b && c == ')') {
            int depth = 0;
            for (size_t k = b; k < i; k++)
                depth += (s[k] == '(') - (s[k] == ')');
            if (depth < 0) {
                i--;
                continue;
            }
        }
        break;
    }
    return i;
}

/* An e-mail address starting at b, or 0. */
static size_t scan_email(const unsigned char *s, size_t n, size_t b)
{
    size_t i = b;
    while (i < n && s[i] < 0x80 &&
           (ascii_class[s[i]] == C_LOWER || ascii_class[s[i]] == C_UPPER ||
            ascii_class[s[i]] == C_DIGIT || s[i] == '.' || s[i] == '_' || s[i] == '-' ||
            s[i] == '+' || s[i] == '%'))
        i++;
    if (i == b || i + 1 >= n || s[i] != '@')
        return 0;
    i++;
    size_t d = i, lastdot = 0;
    while (i < n && s[i] < 0x80 &&
           (ascii_class[s[i]] == C_LOWER || ascii_class[s[i]] == C_UPPER ||
            ascii_class[s[i]] == C_DIGIT || s[i] == '.' || s[i] == '-')) {
        if (s[i] == '.') {
            if (i + 1 >= n || s[i + 1] >= 0x80 || !(ascii_class[s[i + 1]] == C_LOWER ||
                                                  ascii_class[s[i + 1]] == C_UPPER ||
                                                  ascii_class[s[i + 1]] == C_DIGIT))
                break;
            lastdot = i;
        }
        i++;
    }
    if (!lastdot || lastdot == d)
        return 0;
    return i;
}

static int two_equal_cased(const unsigned char *s, const run_t *l, const run_t *r)
{
    size_t ln = l->e - l->b, rn = r->e - r->b;
    if (rn < ln)
        return 0;
    for (size_t k = 0; k < ln; k++)
        if (lc(s[l->b + k]) != lc(s[r->b + k]))
            return 0;
    return 1; /* equal, or the right one extends the left: Anak-Anaknya */
}

/* Does a hyphen between runs l and r stay inside the token? */
static int hyphen_joins(const unsigned char *s, size_t n, const run_t *l, const run_t *r)
{
    int ld = l->first == C_DIGIT, rd = r->first == C_DIGIT;
    if (ld && rd) { /* ranges and scores split; ISO dates 2024-11-20 stay */
        if (l->alpha || r->alpha || r->e - r->b != 2)
            return 0;
        if (l->e - l->b == 4) /* 2024-11 of 2024-11-20 */
            return r->e + 2 < n && s[r->e] == '-' && s[r->e + 1] >= '0' && s[r->e + 1] <= '9';
        /* 11-20 of 2024-11-20 */
        return l->e - l->b == 2 && l->b >= 5 && s[l->b - 1] == '-' && s[l->b - 2] >= '0' &&
               s[l->b - 2] <= '9' && s[l->b - 5] >= '0' && s[l->b - 5] <= '9';
    }
    if (ld) /* 1950-an, 03-Oct */
        return 1;
    if (rd) /* ke-5, COVID-19 stay; April-14 splits */
        return l->first != C_UPPER || l->upper == l->alpha;
    if (l->first != C_UPPER || r->first != C_UPPER)
        return 1; /* masing-masing, non-migas, AA-idn, melakukan-Nya */
    /* two capitalised parts: reduplication or a one-letter tail stays
     * (Bangsa-Bangsa, APBN-P, Cris-K2); pairs of names split (AS-Korsel) */
    return two_equal_cased(s, l, r) || r->alpha == 1 || r->digits > 0;
}

/* A word being scanned: the run read last and what the word is so far. */
typedef struct word_scan {
    run_t seg;  /* the last run joined to the word */
    int alpha;  /* letters in the word so far */
    int numsep; /* a number with separators: 1.105.000, 84,50 */
    int url;    /* a domain: Gatra.com */
} word_scan_t;

/* Does the '.', ',' or ':' at s[i] join the run after it (read into *nx)?
 * Numbers, domains and the inner periods of initials join. */
static int join_point(const tok_rules_t *t, const unsigned char *s, size_t n, size_t i,
                      word_scan_t *w, run_t *nx)
{
    size_t j = i + 1;
    if (j >= n || cls_or_end(s, n, j) < C_LOWER || !IS_ALNUM(cls_or_end(s, n, j)))
        return 0;
    scan_run(s, n, j, nx);
    int l_num = w->seg.first == C_DIGIT && w->seg.alpha == 0;
    int r_num = nx->first == C_DIGIT && nx->alpha == 0;
    if (l_num && r_num && !w->alpha) { /* 1.105.000  84,50  10.00  19:4 */
        w->numsep = 1;
        return 1;
    }
    if (s[i] != '.')
        return 0;
    if (!w->numsep && is_tld(t, s + nx->b, nx->e - nx->b) && !IS_ALNUM(cls_or_end(s, n, nx->e))) {
        w->url = 1; /* Gatra.com, TEMPO.CO, kompas.co.id */
        return 1;
    }
    /* B.J  M.Si  Ph.D  a.n: inner periods of initials */
    return !w->url && !w->numsep && w->seg.digits == 0 && nx->digits == 0 &&
           w->seg.alpha <= 2 && nx->alpha <= 3 && nx->e < n && s[nx->e] == '.';
}

/* Does the '/' at s[i] join the run after it (read into *nx)? */
static int join_slash(const unsigned char *s, size_t n, size_t i, const word_scan_t *w,
                      run_t *nx)
{
    size_t j = i + 1;
    if (w->url || j >= n || !IS_ALNUM(cls_or_end(s, n, j)))
        return 0;
    scan_run(s, n, j, nx);
    if (w->numsep)
        return 0;
    const run_t *l = &w->seg;
    int l_num = l->first == C_DIGIT && l->alpha == 0;
    int r_num = nx->first == C_DIGIT && nx->alpha == 0;
    return (l_num && r_num) ||                                /* 1/9, 20/11/2024 */
           (l->digits && nx->alpha && !nx->digits) ||         /* II/2006 */
           (nx->digits && l->alpha && !l->digits) ||          /* 34/PMK */
           l->alpha == 1 || nx->alpha == 1;                   /* C/D, s/d */
}

/* Does the separator at s[i] join the run after it (read into *nx) to the
 * word?  Points, hyphens, slashes and apostrophes can. */
static int join_next(const tok_rules_t *t, const unsigned char *s, size_t n, size_t i,
                     word_scan_t *w, run_t *nx)
{
    unsigned char c = s[i];
    size_t j = i + 1;
    if (c == '.' || c == ',' || c == ':')
        return join_point(t, s, n, i, w, nx);
    if (c == '-') {
        if (j >= n || !IS_ALNUM(cls_or_end(s, n, j)))
            return 0;
        scan_run(s, n, j, nx);
        return !w->numsep && hyphen_joins(s, n, &w->seg, nx);
    }
    if (c == '/')
        return join_slash(s, n, i, w, nx);
    if (c == '\'' || (c == 0xE2 && j + 1 < n && s[j] == 0x80 && s[j + 1] == 0x99) ||
        (c == 0xCA && j < n && s[j] == 0xBC)) {
        /* apostrophe inside a word: Ka'ban, Jum'at, Lloyd's */
        j += c == 0xE2 ? 2 : c == 0xCA ? 1 : 0;
        if (!w->seg.alpha || j >= n || !IS_ALPHA(cls_or_end(s, n, j)))
            return 0;
        scan_run(s, n, j, nx);
        return 1;
    }
    return 0;
}

/* The kind of the word [b, i) scanned as w says, and its end: a domain
 * may go on with a path, a name with an e-mail address. */
static size_t word_end(const unsigned char *s, size_t n, size_t b, size_t i,
                       const word_scan_t *w, int *kind)
{
    /* a domain followed by a path: Gatra.com/berita/1 */
    if (w->url && i + 1 < n && s[i] == '/' && is_url_char(s[i + 1]))
        i = url_end(s, n, b, i);

    /* e-mail: name.surname@host.id */
    if (i < n && (s[i] == '@' || s[i] == '.' || s[i] == '_' || s[i] == '-' || s[i] == '+')) {
        size_t e = scan_email(s, n, b);
        if (e > i) {
            *kind = WARTA_TOK_EMAIL;
            return e;
        }
    }

    if (w->url) {
        *kind = WARTA_TOK_URL;
        return i;
    }
    if (w->numsep || (w->seg.first == C_DIGIT && w->alpha == 0)) {
        *kind = WARTA_TOK_NUMBER;
        return i;
    }
    *kind = WARTA_TOK_WORD;

    /* Rp as a currency word */
    if (i - b == 2 && lc(s[b]) == 'r' && lc(s[b + 1]) == 'p')
        *kind = WARTA_TOK_SYMBOL;
    return i;
}

/* Scans a word or number starting at b (an alphanumeric character).
 * Returns its end; *kind gets WARTA_TOK_WORD, NUMBER, URL, EMAIL or SYMBOL. */
static size_t scan_word(const tok_rules_t *t, const unsigned char *s, size_t n, size_t b,
                        int *kind)
{
    word_scan_t w = {.numsep = 0, .url = 0};
    size_t i = scan_run(s, n, b, &w.seg);
    const run_t *seg = &w.seg;
    w.alpha = seg->alpha;

    /* currency glued to an amount: Rp5.000 -> Rp | 5.000 */
    if (seg->alpha && seg->digits && seg->first != C_DIGIT) {
        size_t k = b;
        while (k < i && s[k] < 0x80 && ascii_class[s[k]] != C_DIGIT)
            k++;
        if (k < i && is_currency_word(s + b, k - b)) {
            *kind = WARTA_TOK_SYMBOL;
            return k;
        }
    }

    while (i < n) {
        run_t nx;
        if (s[i] == '$' && i == seg->e && seg->b == b && seg->alpha == seg->upper &&
            seg->alpha >= 1 && seg->alpha <= 3 && !seg->digits) {
            *kind = WARTA_TOK_SYMBOL; /* US$, S$, HK$ */
            return i + 1;
        }
        if (!join_next(t, s, n, i, &w, &nx))
            break;
        w.seg = nx;
        w.alpha += nx.alpha;
        i = nx.e;
    }
    return word_end(s, n, b, i, &w, kind);
}

/* ---- the scan --------------------------------------------------------- */

typedef struct tstate {
    pipe_t *p;
    const unsigned char *s;
    size_t cb, cc; /* last byte offset whose code-point offset is known */
    size_t ascii;  /* the bytes before this offset are ASCII */
} tstate_t;

/* Offset of the first byte of s[0..n) that is not ASCII, or n; eight
 * bytes at a time. */
static size_t ascii_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        if (x & 0x8080808080808080ULL)
            break;
    }
    while (i < n && s[i] < 0x80)
        i++;
    return i;
}

/* Code-point offset of byte offset b (b >= st->cb): in the ASCII prefix
 * the byte offset, after it a count of lead bytes. */
static inline size_t cp_at(tstate_t *st, size_t b)
{
    if (b <= st->ascii) {
        st->cb = st->cc = b;
        return b;
    }
    size_t cc = st->cc;
    const unsigned char *s = st->s;
    for (size_t k = st->cb; k < b; k++)
        cc += (s[k] & 0xC0) != 0x80;
    st->cb = b;
    st->cc = cc;
    return cc;
}

static inline int emit(tstate_t *st, size_t b, size_t e, int kind, unsigned flags)
{
    pipe_t *p = st->p;
    if (p->ntok == p->captok &&
        vec_reserve((void **)&p->tok, &p->captok, p->ntok + 1, sizeof *p->tok))
        return WARTA_ERR_NOMEM;
    warta_token_t *tk = &p->tok[p->ntok++];
    tk->byte_start = b;
    tk->byte_end = e;
    tk->start = cp_at(st, b);
    tk->end = cp_at(st, e);
    tk->kind = (uint16_t)kind;
    tk->flags = (uint16_t)flags;
    return 0;
}

static int starts_with_ci(const unsigned char *s, size_t n, size_t i, const char *w)
{
    size_t m = strlen(w);
    if (n - i < m)
        return 0;
    for (size_t k = 0; k < m; k++)
        if (lc(s[i + k]) != w[k])
            return 0;
    return 1;
}

int tok_run(const tok_rules_t *t, pipe_t *p)
{
    const unsigned char *s = (const unsigned char *)p->s;
    size_t n = p->n, i = 0;
    tstate_t st = {p, s, 0, 0, ascii_prefix(s, n)};
    unsigned flags = 0;
    int nl = 0; /* line breaks since the last token */

    while (i < n) {
        unsigned char c = s[i];
        unsigned k;
        size_t len = 1;
        if (c < 0x80) {
            k = ascii_class[c];
        } else {
            k = cls(s, n, i, &len);
        }
        size_t b = i, e;
        int kind = WARTA_TOK_PUNCT;
        switch (k) {
        case C_SPACE:
            flags |= WARTA_TOKF_SPACE_BEFORE;
            i += len;
            continue;
        case C_NL:
        case C_PARA:
            flags |= WARTA_TOKF_SPACE_BEFORE | WARTA_TOKF_NEWLINE_BEFORE;
            if (nl || k == C_PARA)
                flags |= WARTA_TOKF_BLANK_BEFORE;
            nl = 1;
            i += len;
            continue;
        case C_LOWER:
        case C_UPPER:
        case C_LETTER:
        case C_DIGIT:
        case C_MARK:
            if ((c == 'h' || c == 'H') && (starts_with_ci(s, n, i, "http://") ||
                                           starts_with_ci(s, n, i, "https://"))) {
                e = url_end(s, n, b, i + (s[i + 4] == ':' ? 7 : 8));
                kind = WARTA_TOK_URL;
            } else if ((c == 'w' || c == 'W') && starts_with_ci(s, n, i, "www.") && i + 4 < n &&
                       is_url_char(s[i + 4])) {
                e = url_end(s, n, b, i + 4);
                kind = WARTA_TOK_URL;
            } else {
                e = scan_word(t, s, n, i, &kind);
            }
            break;
        case C_HASH:
        case C_AT:
            if (i + 1 < n && IS_ALNUM(cls_or_end(s, n, i + 1))) {
                e = i + 1;
                while (e < n) {
                    size_t l;
                    unsigned kk = cls(s, n, e, &l);
                    if (!IS_ALNUM(kk) && s[e] != '_')
                        break;
                    e += l;
                }
                kind = k == C_HASH ? WARTA_TOK_HASHTAG : WARTA_TOK_MENTION;
            } else {
                e = i + 1;
                kind = k == C_HASH ? WARTA_TOK_SYMBOL : WARTA_TOK_PUNCT;
            }
            break;
        case C_PERIOD:
        case C_HYPHEN:
        case C_BACKTICK:
            e = i + 1; /* a run of one of these is one token: ... -- `` */
            while (e < n && s[e] == c)
                e++;
            break;
        case C_APOS:
            e = i + len; /* '' is one closing quote */
            if (c == '\'' && e < n && s[e] == '\'')
                e++;
            break;
        case C_CURRENCY:
        case C_SYMBOL:
            e = i + len;
            kind = WARTA_TOK_SYMBOL;
            break;
        case C_OTHER:
            e = i + len;
            kind = WARTA_TOK_OTHER;
            break;
        default: /* punctuation, comma, colon, slash, ellipsis */
            e = i + len;
            break;
        }
        if (emit(&st, b, e, kind, flags))
            return WARTA_ERR_NOMEM;
        flags = 0;
        nl = 0;
        i = e;
    }
    return 0;
}
