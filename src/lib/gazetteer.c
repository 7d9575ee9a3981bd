/* gazetteer.c - countries (ISO 3166-1), places, well-known organizations and
 * people found by longest-first lookup over token sequences: the matching in
 * context.  The token trie and its case rules are in gaz_trie.c, the data
 * files that fill it in gaz_load.c (gaz.h lists the three).
 *
 * gaz_run walks the trie from every token (it sets the per-token
 * LEX_COUNTRY_* and LEX_PLACE_* bits of every country and place form, also
 * inside organizations), and emits non-overlapping mentions
 * left to right: the longest match wins, ORGANIZATION before COUNTRY before
 * LOCATION on equal length.  Rules on top:
 *   - ctx forms (AS, RI) are dropped in English phrases ("such AS this"),
 *     before a city or club name ("AS Roma"), RI before a number ("RI 1");
 *   - a country after "bahasa" is a language ("bahasa Inggris");
 *   - an organization followed by RI takes it ("DPR RI");
 *   - an org head word (Komite, Bank, Kedubes...) followed within a few
 *     capitalised words by a country starts an ORGANIZATION that ends after
 *     the country, its tails (Tbk) and connector phrases ("untuk Anti
 *     Pencucian Uang dan ..."); in headlines (mostly capitalised lines) the
 *     country must follow the head almost at once;
 *   - "Korea Utara (Korut)": a country followed by a bracketed capitalised
 *     token with the same initial makes that token an alias of the country
 *     for the rest of the document.
 */
#include <stdint.h>
#include <string.h>

#include "gaz.h"

/* mention scores (resolver ties: higher wins) */
#define SCORE_COUNTRY 20
#define SCORE_ORG 20
#define SCORE_ORG_RULE 10
#define SCORE_PLACE 10
#define SCORE_ORG_LEXICON 15 /* below SCORE_ORG: resolve.c trims people only at curated ones */
#define SCORE_PERSON 20

static int tok_is(const pipe_t *p, size_t t, const char *w)
{
    size_t n = strlen(w);
    return t < p->ntok && p->tok[t].byte_end - p->tok[t].byte_start == n &&
           memcmp(p->s + p->tok[t].byte_start, w, n) == 0;
}

/* case-insensitive membership of token t in a NULL-terminated list of
 * lower-case ASCII words */
static int tok_in(const pipe_t *p, size_t t, const char *const *list)
{
    if (t >= p->ntok)
        return 0;
    const char *s = p->s + p->tok[t].byte_start;
    size_t n = p->tok[t].byte_end - p->tok[t].byte_start;
    for (; *list; list++) {
        if (strlen(*list) != n)
            continue;
        size_t i = 0;
        while (i < n && (s[i] | 0x20) == (*list)[i])
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

static int is_word(const pipe_t *p, size_t t)
{
    return t < p->ntok && p->tok[t].kind == WARTA_TOK_WORD;
}

static int is_cap_word(const pipe_t *p, size_t t)
{
    return is_word(p, t) &&
           first_upper(p->s + p->tok[t].byte_start, p->tok[t].byte_end - p->tok[t].byte_start);
}

static int is_number(const pipe_t *p, size_t t)
{
    if (t >= p->ntok)
        return 0;
    if (p->tok[t].kind == WARTA_TOK_NUMBER)
        return 1;
    unsigned char c = (unsigned char)p->s[p->tok[t].byte_start];
    return c >= '0' && c <= '9';
}

static const char *const english_words[] = {
    "such", "known", "well", "same", "as", "so", "soon", "far", "long", "much", "many",
    "the", "a", "an", "is", "was", "are", "it", "this", "that", "of", "to", "you", "we",
    "they", "he", "she", "i", "if", "possible", "just", "good", "fast", "and", "or", NULL};


static const char *const language_words[] = {"bahasa", "berbahasa", NULL};

/* previous token, or SIZE_MAX */
static size_t prev_tok(size_t t) { return t ? t - 1 : SIZE_MAX; }

static int begins_kind(const gaz_t *g, const pipe_t *p, size_t t, int kind, size_t maxlen)
{
    if (t >= p->ntok)
        return 0;
    match_t r[K_N];
    gaz_walk(g, p, t, r);
    return r[kind].te && r[kind].te - t <= maxlen;
}

/* A city or country name right after token te-1, on the same line: "AS
 * Roma" is a football club. */
static int club_after(const gaz_t *g, const pipe_t *p, size_t te)
{
    return te < p->ntok && (p->tok[te].flags & WARTA_TOKF_SPACE_BEFORE) &&
           !(p->tok[te].flags & WARTA_TOKF_NEWLINE_BEFORE) && is_cap_word(p, te) &&
           (begins_kind(g, p, te, K_PLACE, 3) || begins_kind(g, p, te, K_COUNTRY, 3));
}

/* Context of an ambiguous short form at [tb, te) (AS, RI). */
static int ctx_ok(const gaz_t *g, const pipe_t *p, size_t tb, size_t te)
{
    size_t pv = prev_tok(tb);
    /* English phrase: "such AS", "AS SOON AS" */
    if ((pv != SIZE_MAX && is_word(p, pv) && tok_in(p, pv, english_words) &&
         !(p->tok[tb].flags & WARTA_TOKF_NEWLINE_BEFORE)) ||
        (is_word(p, te) && tok_in(p, te, english_words) &&
         !(p->tok[te].flags & WARTA_TOKF_NEWLINE_BEFORE)))
        return 0;
    if (te < p->ntok && (p->tok[te].flags & WARTA_TOKF_SPACE_BEFORE) &&
        !(p->tok[te].flags & WARTA_TOKF_NEWLINE_BEFORE)) {
        if (club_after(g, p, te))
            return 0;
        /* "RI 1", a number plate or a title */
        if (is_number(p, te))
            return 0;
    }
    if (tok_is(p, te, "-") && !(p->tok[te].flags & WARTA_TOKF_SPACE_BEFORE) &&
        is_number(p, te + 1))
        return 0;
    return 1;
}

/* A line whose words are nearly all capitalised: a headline or title. */
static int in_headline(const pipe_t *p, size_t t)
{
    size_t b = t, e = t + 1, lim = 64;
    while (b > 0 && !(p->tok[b].flags & WARTA_TOKF_NEWLINE_BEFORE) && lim--)
        b--;
    lim = 64;
    while (e < p->ntok && !(p->tok[e].flags & WARTA_TOKF_NEWLINE_BEFORE) && lim--)
        e++;
    size_t words = 0, lower = 0;
    for (size_t k = b; k < e; k++) {
        if (!is_word(p, k))
            continue;
        words++;
        if (!is_cap_word(p, k))
            lower++;
    }
    return words >= 4 && lower * 5 <= words;
}

static size_t skip_tails(const gaz_t *g, const pipe_t *p, size_t k)
{
    for (;;) {
        match_t r[K_N];
        if (k < p->ntok && !(p->tok[k].flags & WARTA_TOKF_NEWLINE_BEFORE)) {
            gaz_walk(g, p, k, r);
            if (r[K_TAIL].te) {
                k = r[K_TAIL].te;
                continue;
            }
            /* (Persero) */
            if (tok_is(p, k, "(") && k + 2 < p->ntok && tok_is(p, k + 2, ")")) {
                gaz_walk(g, p, k + 1, r);
                if (r[K_TAIL].te == k + 2) {
                    k += 3;
                    continue;
                }
            }
        }
        return k;
    }
}

static const char *const connectors[] = {"untuk", "bagi", "atas", "dan", "&", NULL};

/* Organization by head word: tokens [t, head_end) are a head ("Komite").
 * Returns the end of the organization, or 0 when no country follows. */
static size_t head_rule(const gaz_t *g, const pipe_t *p, size_t t, size_t head_end)
{
    int headline = in_headline(p, t);
    size_t gap_max = headline ? 1 : 3, gap = 0, j = head_end, cend = 0;
    while (j < p->ntok && gap <= gap_max) {
        if (!is_cap_word(p, j) || (p->tok[j].flags & WARTA_TOKF_NEWLINE_BEFORE) ||
            tok_in(p, j, g->day_month))
            break;
        match_t r[K_N];
        gaz_walk(g, p, j, r);
        if (r[K_COUNTRY].te) {
            const entry_t *en = &g->ent[r[K_COUNTRY].entry];
            if (!(en->flags & E_CTX) || ctx_ok(g, p, j, r[K_COUNTRY].te))
                cend = r[K_COUNTRY].te;
            break;
        }
        if (r[K_HEAD].te || r[K_ORG].te || r[K_PLACE].te)
            break;
        gap++;
        j++;
    }
    if (!cend)
        return 0;
    size_t k = skip_tails(g, p, cend);
    if (headline)
        return k;
    while (k + 1 < p->ntok && tok_in(p, k, connectors) &&
           !(p->tok[k].flags & WARTA_TOKF_NEWLINE_BEFORE)) {
        size_t r0 = k + 1;
        if (!is_cap_word(p, r0) || (p->tok[r0].flags & WARTA_TOKF_NEWLINE_BEFORE))
            break;
        match_t r[K_N];
        gaz_walk(g, p, r0, r);
        int is_and = tok_is(p, k, "dan") || tok_is(p, k, "&");
        if (r[K_HEAD].te || (is_and && (r[K_COUNTRY].te || r[K_PLACE].te || r[K_ORG].te)))
            break;
        size_t e = r0;
        while (e < p->ntok && is_cap_word(p, e) &&
               !(p->tok[e].flags & WARTA_TOKF_NEWLINE_BEFORE) && !tok_in(p, e, g->day_month))
            e++;
        if (e == r0)
            break;
        k = skip_tails(g, p, e);
    }
    return k;
}

/* In-document aliases: "Korea Utara (Korut)". */
#define MAX_DOC_ALIAS 32
typedef struct doc_alias {
    char s[64]; /* surface form */
    size_t n;
    const entry_t *en;
} doc_alias_t;

typedef struct run_state {
    doc_alias_t alias[MAX_DOC_ALIAS];
    size_t nalias;
} run_state_t;

static const entry_t *alias_at(const run_state_t *st, const pipe_t *p, size_t t)
{
    if (!st->nalias || !is_cap_word(p, t))
        return NULL;
    const char *s = p->s + p->tok[t].byte_start;
    size_t n = p->tok[t].byte_end - p->tok[t].byte_start;
    for (size_t i = 0; i < st->nalias; i++)
        if (st->alias[i].n == n && memcmp(st->alias[i].s, s, n) == 0)
            return st->alias[i].en;
    return NULL;
}

static void maybe_define_alias(const gaz_t *g, run_state_t *st, const pipe_t *p,
                               const entry_t *en, size_t tb, size_t te)
{
    if (st->nalias == MAX_DOC_ALIAS || te + 2 >= p->ntok || !tok_is(p, te, "(") ||
        !tok_is(p, te + 2, ")") || !is_cap_word(p, te + 1) || tok_in(p, te + 1, g->day_month))
        return;
    const char *s = p->s + p->tok[te + 1].byte_start;
    size_t n = p->tok[te + 1].byte_end - p->tok[te + 1].byte_start;
    const char *f = p->s + p->tok[tb].byte_start;
    if (n < 2 || n >= sizeof st->alias[0].s || (s[0] | 0x20) != (f[0] | 0x20))
        return;
    match_t r[K_N];
    gaz_walk(g, p, te + 1, r);
    for (int k = 0; k < K_N; k++)
        if (r[k].te)
            return; /* already known as something */
    doc_alias_t *a = &st->alias[st->nalias++];
    memcpy(a->s, s, n);
    a->n = n;
    a->en = en;
}

static void set_lex(pipe_t *p, size_t tb, size_t te, uint32_t b, uint32_t i)
{
    p->lex[tb] |= b;
    for (size_t t = tb + 1; t < te; t++)
        p->lex[t] |= i;
}

static int emit(const gaz_t *g, pipe_t *p, size_t tb, size_t te, int type, int score,
                const entry_t *en)
{
    mention_t *m = pipe_add_mention(p, (uint32_t)tb, (uint32_t)te, type, SRC_GAZ);
    if (!m)
        return WARTA_ERR_NOMEM;
    m->score = (int16_t)score;
    mvals_t v = mvals_none;
    if (en && type == WARTA_COUNTRY) {
        v.iso = gaz_str(g, en->iso);
        v.name = gaz_str(g, en->name);
    } else if (en && type == WARTA_LOCATION) {
        v.name = gaz_str(g, en->name);
    } else if (en && (type == WARTA_ORGANIZATION || type == WARTA_PERSON) &&
               en->name != NONE && p->arena) {
        const char *name = gaz_str(g, en->name);
        v.canonical = arena_strndup(p->arena, name, strlen(name));
        if (!v.canonical)
            return WARTA_ERR_NOMEM;
    }
    return ment_set_vals(p, m, &v);
}

/* An IDX code ("BBRI") names the company only in brackets, "(BBRI)", or
 * after saham / emiten / kode: elsewhere four capitals are as often an
 * acronym of something else. */
static int ticker_context(const pipe_t *p, size_t tb, size_t te)
{
    static const char *const cue[] = {"saham", "emiten", "kode", "berkode", "ticker", NULL};
    return tb > 0 && ((tok_is(p, tb - 1, "(") && tok_is(p, te, ")")) || tok_in(p, tb - 1, cue));
}

/* Can a form start at token t?  A token in lower case only when its first
 * piece begins some form in lower case (most tokens of a text are lower
 * case, and the trie is large: this spares the walk its cache misses). */
static int can_start(const gaz_t *g, const pipe_t *p, size_t t)
{
    const char *s = p->s + p->tok[t].byte_start;
    size_t n = p->tok[t].byte_end - p->tok[t].byte_start, i = 0, b, e;
    if (!n || !(s[0] >= 'a' && s[0] <= 'z'))
        return 1;
    if (!g->lower_first.n || !next_piece(s, n, &i, &b, &e) || e - b > FOLD_MAX)
        return 0;
    char fold[4 * FOLD_MAX + 1];
    size_t fn = utf8_fold(s + b, e - b, fold, sizeof fold);
    return ftab_get(&g->lower_first, fold, fn) != NULL;
}

/* Words after which capitals are a person's initials: "berinisial MK". */
static const char *const initials_cue[] = {"berinisial", "inisial", "tersangka", "pelaku",
                                           "korban", "terdakwa", "saksi", "terpidana", NULL};

/* Is the organization at [tb, te) what the text means?  Not when a short
 * form in capitals follows a word that introduces initials ("tersangka MK"),
 * and not when a longer country starts inside it ("Liga Arab Saudi" is the
 * Saudi league, not the Arab League). */
static int org_fits(const gaz_t *g, const pipe_t *p, size_t tb, size_t te)
{
    if (te == tb + 1 && tb > 0 && tok_in(p, tb - 1, initials_cue) &&
        p->tok[tb].byte_end - p->tok[tb].byte_start <= 4 && !has_lower(p->s + p->tok[tb].byte_start,
                                                                   p->tok[tb].byte_end - p->tok[tb].byte_start))
        return 0;
    for (size_t k = tb + 1; k < te; k++) {
        match_t r[K_N];
        gaz_walk(g, p, k, r);
        if (r[K_COUNTRY].te > te)
            return 0;
    }
    return 1;
}

/* Marks the foreign given names (person_given.txt) with LEX_FOREIGN_GIVEN. */
static void mark_given(const gaz_t *g, pipe_t *p)
{
    if (!g->given.n)
        return;
    for (size_t t = 0; t < p->ntok; t++) {
        const char *s = p->s + p->tok[t].byte_start;
        size_t n = p->tok[t].byte_end - p->tok[t].byte_start;
        if (p->tok[t].kind == WARTA_TOK_WORD && n >= 3 && s[0] >= 'A' && s[0] <= 'Z' &&
            ftab_get(&g->given, s, n))
            p->lex[t] |= LEX_FOREIGN_GIVEN;
    }
}

int gaz_run(const gaz_t *g, pipe_t *p)
{
    mark_given(g, p);
    run_state_t st;
    st.nalias = 0;
    size_t until = 0; /* tokens before it are inside an emitted mention */
    for (size_t t = 0; t < p->ntok; t++) {
        match_t r[K_N];
        if (can_start(g, p, t))
            gaz_walk(g, p, t, r);
        else
            memset(r, 0, sizeof r);
        if (r[K_COUNTRY].te)
            set_lex(p, t, r[K_COUNTRY].te, LEX_COUNTRY_B, LEX_COUNTRY_I);
        if (r[K_PLACE].te)
            set_lex(p, t, r[K_PLACE].te, LEX_PLACE_B, LEX_PLACE_I);
        if (t < until)
            continue;
        /* the longest match; ORGANIZATION, COUNTRY, LOCATION on ties */
        static const int kinds[] = {K_ORG, K_COUNTRY, K_PLACE, K_HEAD, K_PERSON};
        int best = -1;
        for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
            if (r[kinds[i]].te && (best < 0 || r[kinds[i]].te > r[best].te))
                best = kinds[i];
        if (best == K_ORG && !org_fits(g, p, t, r[K_ORG].te))
            best = -1;
        if (r[K_TICKER].te && (best < 0 || r[K_TICKER].te > r[best].te) &&
            ticker_context(p, t, r[K_TICKER].te))
            best = K_TICKER;
        int rc = 0;
        size_t hte = 0;
        const entry_t *al = alias_at(&st, p, t);
        if (al && (best < 0 || r[best].te <= t + 1)) {
            set_lex(p, t, t + 1, LEX_COUNTRY_B, LEX_COUNTRY_I);
            rc = emit(g, p, t, t + 1, WARTA_COUNTRY, SCORE_COUNTRY, al);
            until = t + 1;
        } else if (best == K_ORG && r[K_HEAD].te && is_cap_word(p, t) &&
                   (hte = head_rule(g, p, t, r[K_HEAD].te)) > r[K_ORG].te) {
            /* "Kementerian Luar Negeri China": a known name that a country
             * qualifies is that country's body */
            if (tok_is(p, hte, "RI") && (p->tok[hte].flags & WARTA_TOKF_SPACE_BEFORE))
                hte++;
            rc = emit(g, p, t, hte, WARTA_ORGANIZATION, SCORE_ORG_RULE, NULL);
            until = hte;
        } else if (best == K_ORG) {
            size_t te = skip_tails(g, p, r[K_ORG].te);
            if (tok_is(p, te, "RI") && (p->tok[te].flags & WARTA_TOKF_SPACE_BEFORE) &&
                !(p->tok[te].flags & WARTA_TOKF_NEWLINE_BEFORE))
                te++;
            const entry_t *en = &g->ent[r[K_ORG].entry];
            rc = emit(g, p, t, te, WARTA_ORGANIZATION,
                      en->flags & E_LEXICON ? SCORE_ORG_LEXICON : SCORE_ORG, en);
            until = te;
        } else if (best == K_TICKER || best == K_PERSON) {
            int person = best == K_PERSON;
            rc = emit(g, p, t, r[best].te, person ? WARTA_PERSON : WARTA_ORGANIZATION,
                      person ? SCORE_PERSON : SCORE_ORG_LEXICON, &g->ent[r[best].entry]);
            until = r[best].te;
        } else if (best == K_COUNTRY) {
            const entry_t *en = &g->ent[r[K_COUNTRY].entry];
            size_t te = r[K_COUNTRY].te, pv = prev_tok(t);
            int lang = pv != SIZE_MAX && tok_in(p, pv, language_words);
            if (!lang && (en->flags & E_CTX) && club_after(g, p, te)) {
                /* "AS Roma", "AS Monaco": a club named after its city */
                match_t r2[K_N];
                gaz_walk(g, p, te, r2);
                size_t ce = r2[K_PLACE].te > r2[K_COUNTRY].te ? r2[K_PLACE].te : r2[K_COUNTRY].te;
                rc = emit(g, p, t, ce, WARTA_ORGANIZATION, SCORE_ORG_RULE, NULL);
                until = ce;
            } else if (!lang && (!(en->flags & E_CTX) || ctx_ok(g, p, t, te))) {
                rc = emit(g, p, t, te, WARTA_COUNTRY, SCORE_COUNTRY, en);
                until = te;
                maybe_define_alias(g, &st, p, en, t, te);
            }
        } else if (best == K_PLACE) {
            rc = emit(g, p, t, r[K_PLACE].te, WARTA_LOCATION, SCORE_PLACE,
                      &g->ent[r[K_PLACE].entry]);
            until = r[K_PLACE].te;
        } else if (best == K_HEAD && is_cap_word(p, t)) {
            size_t te = head_rule(g, p, t, r[K_HEAD].te);
            if (te) {
                if (tok_is(p, te, "RI") && (p->tok[te].flags & WARTA_TOKF_SPACE_BEFORE))
                    te++;
                rc = emit(g, p, t, te, WARTA_ORGANIZATION, SCORE_ORG_RULE, NULL);
                until = te;
            }
        }
        if (rc)
            return rc;
    }
    return 0;
}
