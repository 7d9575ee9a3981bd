/* corpus.c - `token<TAB>BIO` corpora for training and evaluation.
 *
 * Corpus repairs (docs/tagger.md), applied by the reader to training and
 * evaluation alike:
 *   - idner-news-2k substituted "PER" for "pers" inside tokens (PERen =
 *     persen): "PER" next to a lower-case letter becomes "pers" ("Pers" at
 *     the start of a token inside an entity);
 *   - brackets, quotes and commas glued to tokens ("(KPK)", "Plaines,") are
 *     split off as their own tokens, as warta's tokenizer does; they are O,
 *     except inside an entity that continues after them.  A bracketed token
 *     labelled I-X ("Mahkamah Konstitusi (MK)") becomes its own entity
 *     (B-X), as the acronym is a mention of its own, unless it is an
 *     organization tail (data/org_tails.txt: "(Persero)", "(Tbk)"), which
 *     stays inside;
 *   - labels: PER/PERSON -> PERSON, ORG/ORGANISATION -> ORGANIZATION,
 *     LOC/PLACE -> LOCATION; for training, LOCATION spans whose text is a
 *     country (--countries FILE) -> COUNTRY; an I- without its B- opens an
 *     entity (as conlleval reads it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "train.h"

static void push_tok(corpus_t *c, const char *s, size_t n, int pre, int type)
{
    if (c->ntok == c->captok) {
        c->captok = c->captok ? c->captok * 2 : 4096;
        c->tok = xrealloc(c->tok, c->captok * sizeof *c->tok);
    }
    ctok_t *t = &c->tok[c->ntok++];
    t->s = xrealloc(NULL, n + 1);
    memcpy(t->s, s, n);
    t->s[n] = '\0';
    t->n = n;
    t->pre = (uint8_t)pre;
    t->type = (uint8_t)type;
    t->soft_o = 0;
    t->domain = 0;
}

static void end_sentence(corpus_t *c)
{
    size_t start = c->nsent ? c->sent[c->nsent] : 0;
    if (c->ntok == start)
        return;
    if (c->nsent + 2 > c->capsent) {
        c->capsent = c->capsent ? c->capsent * 2 : 1024;
        c->sent = xrealloc(c->sent, c->capsent * sizeof *c->sent);
    }
    if (!c->nsent)
        c->sent[0] = 0;
    c->sent[++c->nsent] = c->ntok;
}

void corpus_free(corpus_t *c)
{
    for (size_t i = 0; i < c->ntok; i++)
        free(c->tok[i].s);
    free(c->tok);
    free(c->sent);
}

static int map_type(const char *t, size_t n)
{
    static const struct { const char *name; int type; } m[] = {
        {"PER", WARTA_PERSON}, {"PERSON", WARTA_PERSON},
        {"ORG", WARTA_ORGANIZATION}, {"ORGANISATION", WARTA_ORGANIZATION},
        {"ORGANIZATION", WARTA_ORGANIZATION}, {"LOC", WARTA_LOCATION},
        {"PLACE", WARTA_LOCATION}, {"LOCATION", WARTA_LOCATION},
        {"COUNTRY", WARTA_COUNTRY}, {"MONEY", WARTA_MONEY}};
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        if (strlen(m[i].name) == n && !memcmp(m[i].name, t, n))
            return m[i].type;
    return -1;
}

static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

/* "PER" glued to lower-case letters was "pers". */
static size_t repair_per(const char *s, size_t n, char *out, int in_entity, size_t *count)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (i + 3 <= n && !memcmp(s + i, "PER", 3) &&
            ((i + 3 < n && is_lower((unsigned char)s[i + 3])) ||
             (i > 0 && is_lower((unsigned char)s[i - 1])))) {
            memcpy(out + o, (i == 0 && in_entity) ? "Pers" : "pers", 4);
            o += 4;
            i += 2;
            (*count)++;
            continue;
        }
        out[o++] = s[i];
    }
    return o;
}

/* The organization tails of data/org_tails.txt ("Persero", "Tbk"), as
 * written there. */
static strset_t org_tails;

static int add_tail(const char *line, size_t len, void *ctx)
{
    (void)ctx;
    while (len && (line[len - 1] == ' ' || line[len - 1] == '\r'))
        len--;
    return len && strset_add(&org_tails, line, len) ? WARTA_ERR_NOMEM : 0;
}

static int is_org_tail(const char *s, size_t n)
{
    if (!org_tails.map.n) {
        size_t len;
        const unsigned char *buf = data_get("org_tails.txt", &len);
        if (!buf || for_each_line((const char *)buf, len, add_tail, NULL))
            die("cannot load data/org_tails.txt%s", "");
    }
    return strset_has(&org_tails, s, n);
}

static void add_token(corpus_t *c, const char *s, size_t n, int pre, int type, int next_cont)
{
    char *buf = xrealloc(NULL, 2 * n + 8);
    n = repair_per(s, n, buf, pre != LP_O, &c->repaired_per);
    s = buf;
    size_t a = 0, e = n;
    while (a + 1 < e && (s[a] == '(' || s[a] == '"'))
        a++;
    while (e > a + 1 && (s[e - 1] == ')' || s[e - 1] == ',' || s[e - 1] == '"'))
        e--;
    if (a == 0 && e == n) {
        push_tok(c, s, n, pre, type);
        free(buf);
        return;
    }
    c->split_marks++;
    int bracketed = a > 0 && s[a - 1] == '(';
    int tail = is_org_tail(s + a, e - a);
    int core_pre = pre, lead_pre = LP_O, trail_pre = LP_O;
    if (pre == LP_I && bracketed && !tail)
        core_pre = LP_B; /* "(MK)" after its full name: a mention of its own */
    if (pre == LP_I && (!bracketed || tail))
        lead_pre = LP_I; /* the marks stay inside the entity */
    if (pre == LP_B && a > 0) {
        /* "(Jokowi)": the bracket is outside, the name begins after it */
    }
    if (pre != LP_O && next_cont)
        trail_pre = LP_I; /* "Plaines," inside a longer name */
    if (pre == LP_I && tail)
        trail_pre = LP_I;
    for (size_t i = 0; i < a; i++)
        push_tok(c, s + i, 1, lead_pre, lead_pre == LP_O ? 0 : type);
    push_tok(c, s + a, e - a, core_pre, type);
    for (size_t i = e; i < n; i++)
        push_tok(c, s + i, 1, trail_pre, trail_pre == LP_O ? 0 : type);
    free(buf);
}

/* Reads a `token<TAB>BIO` file into c (repairs above; no country split). */
void read_conll(corpus_t *c, const char *path)
{
    size_t n;
    char *buf = read_file(path, &n);
    /* lines first, so a token can see the next token's label */
    size_t nl = 0, capl = 0;
    char **lines = NULL;
    size_t *lens = NULL;
    for (size_t i = 0; i <= n;) {
        char *e = memchr(buf + i, '\n', n - i);
        size_t end = e ? (size_t)(e - buf) : n;
        if (nl == capl) {
            capl = capl ? capl * 2 : 4096;
            lines = xrealloc(lines, capl * sizeof *lines);
            lens = xrealloc(lens, capl * sizeof *lens);
        }
        size_t len = end - i;
        if (len && buf[i + len - 1] == '\r')
            len--;
        lines[nl] = buf + i;
        lens[nl++] = len;
        i = end + 1;
        if (!e)
            break;
    }
    int prev_type = -1;
    for (size_t k = 0; k < nl; k++) {
        char *tab = lens[k] ? memchr(lines[k], '\t', lens[k]) : NULL;
        if (!tab) {
            end_sentence(c);
            prev_type = -1;
            continue;
        }
        size_t tn = (size_t)(tab - lines[k]);
        const char *lab = tab + 1;
        size_t ln = lens[k] - tn - 1;
        int pre = LP_O, type = 0;
        if (ln > 2 && (lab[0] == 'B' || lab[0] == 'I') && lab[1] == '-') {
            type = map_type(lab + 2, ln - 2);
            if (type >= 0)
                pre = lab[0] == 'B' ? LP_B : LP_I;
            else
                type = 0;
        }
        if (pre == LP_I && prev_type != type)
            pre = LP_B;
        /* does the entity continue on the next line? */
        int next_cont = 0;
        if (k + 1 < nl && lens[k + 1] > 2) {
            char *t2 = memchr(lines[k + 1], '\t', lens[k + 1]);
            if (t2 && t2[1] == 'I' && t2[2] == '-')
                next_cont = map_type(t2 + 3, lens[k + 1] - (size_t)(t2 + 3 - lines[k + 1])) == type;
        }
        if (tn)
            add_token(c, lines[k], tn, pre, type, next_cont);
        prev_type = pre == LP_O ? -1 : type;
    }
    end_sentence(c);
    free(lines);
    free(lens);
    free(buf);
}

size_t spans_of(const uint8_t *pre, const uint8_t *type, size_t n, span_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (pre[i] == LP_O) {
            i++;
            continue;
        }
        size_t j = i + 1;
        if (pre[i] != LP_U && pre[i] != LP_L)
            while (j < n && (pre[j] == LP_I || pre[j] == LP_L) && type[j] == type[i]) {
                j++;
                if (pre[j - 1] == LP_L)
                    break;
            }
        out[k].b = i;
        out[k].e = j;
        out[k].type = type[i];
        k++;
        i = j;
    }
    return k;
}

static strset_t countries;

static int add_country(const char *line, size_t len, void *ctx)
{
    (void)ctx;
    char buf[512];
    if (len > 200)
        return 0;
    size_t n = utf8_fold(line, len, buf, sizeof buf);
    return strset_add(&countries, buf, n);
}

void load_countries(const char *path)
{
    size_t n;
    char *buf = read_file(path, &n);
    if (for_each_line(buf, n, add_country, NULL))
        die("out of memory%s", "");
    free(buf);
}

size_t split_countries(corpus_t *c)
{
    size_t changed = 0;
    char key[1024], fold[2100];
    for (size_t s = 0; s < c->nsent; s++) {
        size_t b = c->sent[s], e = c->sent[s + 1];
        for (size_t i = b; i < e; i++) {
            if (c->tok[i].pre != LP_B || c->tok[i].type != WARTA_LOCATION)
                continue;
            size_t j = i + 1;
            while (j < e && c->tok[j].pre == LP_I && c->tok[j].type == WARTA_LOCATION)
                j++;
            size_t o = 0;
            for (size_t k = i; k < j && o + c->tok[k].n + 1 < sizeof key; k++) {
                if (k > i)
                    key[o++] = ' ';
                memcpy(key + o, c->tok[k].s, c->tok[k].n);
                o += c->tok[k].n;
            }
            size_t fn = utf8_fold(key, o, fold, sizeof fold);
            if (strset_has(&countries, fold, fn)) {
                for (size_t k = i; k < j; k++)
                    c->tok[k].type = WARTA_COUNTRY;
                changed++;
            }
        }
    }
    return changed;
}

void countries_free(void)
{
    strset_free(&countries);
    strset_free(&org_tails);
}

size_t corpus_max_sentence(const corpus_t *c)
{
    size_t maxn = 0;
    for (size_t s = 0; s < c->nsent; s++)
        if (c->sent[s + 1] - c->sent[s] > maxn)
            maxn = c->sent[s + 1] - c->sent[s];
    return maxn;
}
