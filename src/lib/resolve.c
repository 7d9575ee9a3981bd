/* resolve.c - the one place that decides between recognizers: picks a
 * non-overlapping set of mentions and turns them into entities.
 *
 * Rule: MONEY mentions are taken first (a number pattern is never part of a
 * name); among the rest, longer spans win over the spans they overlap (so an
 * organization's name keeps the country inside it); on equal spans the
 * lexicon and rules (which carry normalized values) beat the model, then the
 * higher score wins. */
#include <stdlib.h>
#include <string.h>

#include "confidence.h"
#include "docref.h"
#include "pipeline.h"
#include "userlex.h"

int mention_rank_cmp(const void *a, const void *b)
{
    const mention_t *x = a, *y = b;
    int xu = x->source == SRC_LEX, yu = y->source == SRC_LEX; /* the user's word first */
    if (xu != yu)
        return yu - xu;
    int xm = x->type == WARTA_MONEY, ym = y->type == WARTA_MONEY;
    if (xm != ym)
        return ym - xm;
    uint32_t lx = x->te - x->tb, ly = y->te - y->tb;
    if (lx != ly)
        return lx > ly ? -1 : 1;
    int xs = x->source == SRC_MODEL, ys = y->source == SRC_MODEL;
    if (xs != ys)
        return xs - ys;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->source != y->source)
        return x->source < y->source ? -1 : 1;
    if (x->tb != y->tb)
        return x->tb < y->tb ? -1 : 1;
    return 0;
}

sortkey_t mention_rank_key(const mention_t *m)
{
    uint64_t len = (uint32_t)(m->te - m->tb);
    sortkey_t k;
    k.hi = (uint64_t)(m->source != SRC_LEX) << 63 | (uint64_t)(m->type != WARTA_MONEY) << 62 |
           (uint64_t)(UINT32_MAX - len) << 30 | (uint64_t)(m->source == SRC_MODEL) << 29 |
           (uint64_t)(uint16_t)(32767 - m->score) << 13 | (uint64_t)m->source << 5;
    k.lo = (uint64_t)m->tb << 32;
    return k;
}

static sortkey_t rank_key_of(const void *m)
{
    return mention_rank_key(m);
}

/* Sorts p->ment by mention_rank_cmp, stably.  0 or WARTA_ERR_NOMEM. */
static int rank_mentions(pipe_t *p)
{
    return sort_by_key_fn(p->ment, p->nment, sizeof *p->ment, rank_key_of) ? WARTA_ERR_NOMEM
                                                                            : 0;
}

static sortkey_t start_key_of(const void *e)
{
    return (sortkey_t){((const warta_entity_t *)e)->start, 0};
}

/* Sorts ents by start, stably.  0 or WARTA_ERR_NOMEM. */
static int sort_entities(warta_entity_t *ents, size_t n)
{
    size_t i = 1;
    while (i < n && ents[i - 1].start <= ents[i].start)
        i++;
    if (i >= n) /* in order already (the usual case): no keys to allocate */
        return 0;
    return sort_by_key_fn(ents, n, sizeof *ents, start_key_of) ? WARTA_ERR_NOMEM : 0;
}

static size_t sentence_of(const pipe_t *p, size_t tok)
{
    size_t lo = 0, hi = p->nsent;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (p->sent[mid].tok_begin <= tok)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* 1 when token t is the word w (ASCII, any case). */
static int word_is(const pipe_t *p, size_t t, const char *w)
{
    size_t n = p->tok[t].byte_end - p->tok[t].byte_start;
    if (n != strlen(w))
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((p->s[p->tok[t].byte_start + i] | 0x20) != w[i])
            return 0;
    return 1;
}

static int connector(const pipe_t *p, size_t t)
{
    return word_is(p, t, "dan") || word_is(p, t, "atau") || word_is(p, t, "serta") ||
           word_is(p, t, ",");
}

/* 1 when a country name at token t names a language: right after "bahasa"
 * or "berbahasa", or coordinated with such a one ("berbahasa Inggris dan
 * Prancis", "bahasa Jerman, Belanda"). */
static int names_language(const pipe_t *p, size_t t)
{
    for (int hops = 0; hops < 4 && t > 0; hops++) {
        size_t v = t - 1;
        if (word_is(p, v, "bahasa") || word_is(p, v, "berbahasa"))
            return 1;
        if (v == 0 || !connector(p, v))
            return 0;
        if (v > 1 && connector(p, v - 1)) /* ", dan" */
            v--;
        t = v - 1; /* one word before the connector, itself a name */
        unsigned char c = (unsigned char)p->s[p->tok[t].byte_start];
        if (c < 'A' || c > 'Z')
            return 0;
    }
    return 0;
}

/* Is token t on a line whose words are nearly all capitalised (a Title
 * Case headline)?  Looks at most 64 tokens either way. */
static int title_line(const pipe_t *p, size_t t)
{
    size_t b = t, e = t + 1, words = 0, caps = 0;
    while (b > 0 && t - b < 64 && !(p->tok[b].flags & WARTA_TOKF_NEWLINE_BEFORE))
        b--;
    while (e < p->ntok && e - t < 64 && !(p->tok[e].flags & WARTA_TOKF_NEWLINE_BEFORE))
        e++;
    for (size_t k = b; k < e; k++) {
        if (p->tok[k].kind != WARTA_TOK_WORD)
            continue;
        unsigned char c = (unsigned char)p->s[p->tok[k].byte_start];
        words++;
        caps += !(c >= 'a' && c <= 'z');
    }
    return words >= 4 && caps * 5 >= words * 4;
}

/* "Jokowi Hadir di ...", "Sritex Resmi Tutup": in a Title Case headline the
 * model runs a known name (a curated gazetteer PERSON or ORGANIZATION of
 * the same type, starting at the same token) on into the headline's
 * common words: the model's span stops where the known name does. */
static int stop_at_known_names(pipe_t *p)
{
    /* the model's mentions never overlap: at most one starts at a token */
    uint32_t *model_at = malloc((p->ntok + 1) * sizeof *model_at);
    if (!model_at)
        return WARTA_ERR_NOMEM;
    for (size_t t = 0; t <= p->ntok; t++)
        model_at[t] = UINT32_MAX;
    for (size_t j = 0; j < p->nment; j++)
        if (p->ment[j].source == SRC_MODEL && p->ment[j].tb < p->ntok)
            model_at[p->ment[j].tb] = (uint32_t)j;
    for (size_t i = 0; i < p->nment; i++) {
        const mention_t *g = &p->ment[i];
        if (g->source != SRC_GAZ || g->score < GAZ_SCORE_CURATED || g->te >= p->ntok ||
            (g->type != WARTA_PERSON && g->type != WARTA_ORGANIZATION) ||
            model_at[g->tb] == UINT32_MAX || !(p->lex[g->te] & LEX_COMMON))
            continue;
        mention_t *m = &p->ment[model_at[g->tb]];
        if (m->type == g->type && m->te > g->te && title_line(p, g->tb))
            m->te = g->te;
    }
    free(model_at);
    return 0;
}

/* Is token t joined by a hyphen to the token before it ("Ben-Gvir" split
 * as "Ben" "-" "Gvir": "-" and "Gvir" are)? */
static int in_compound(const pipe_t *p, size_t t)
{
    if (t == 0 || t >= p->ntok || (p->tok[t].flags & WARTA_TOKF_SPACE_BEFORE))
        return 0;
    const warta_token_t *a = &p->tok[t - 1], *b = &p->tok[t];
    return (a->byte_end - a->byte_start == 1 && p->s[a->byte_start] == '-') ||
           (b->byte_end - b->byte_start == 1 && p->s[b->byte_start] == '-');
}

/* A hyphenated name is one word: a model mention never starts or ends
 * inside one ("Gvir Kembali ..." of "Ben-Gvir Kembali ..."), it is cut to
 * the whole words it covers, so the name's own mention can win. */
static void whole_compounds(pipe_t *p)
{
    for (size_t i = 0; i < p->nment; i++) {
        mention_t *m = &p->ment[i];
        if (m->source != SRC_MODEL || m->te > p->ntok)
            continue;
        while (m->tb < m->te && in_compound(p, m->tb))
            m->tb++;
        while (m->te > m->tb && in_compound(p, m->te))
            m->te--;
    }
}

/* A huge document's mention array (1 MiB or more) shrinks to n mentions,
 * giving its pages past them back. */
static void give_back(pipe_t *p, size_t n)
{
    if (p->capment * sizeof *p->ment < ((size_t)1 << 20))
        return;
    mention_t *shrunk = realloc(p->ment, (n ? n : 1) * sizeof *p->ment);
    if (shrunk) {
        p->ment = shrunk;
        p->capment = n ? n : 1;
    }
}

/* A resolved mention that is not an entity: a COUNTRY always has its ISO
 * code; a language is no country. */
static int dropped(const pipe_t *p, const mention_t *m)
{
    const char *iso = ment_vals(p, m)->iso;
    return m->type == WARTA_COUNTRY && (!iso || !*iso || names_language(p, m->tb));
}

static void to_entity(const pipe_t *p, const mention_t *m, warta_entity_t *e)
{
    memset(e, 0, sizeof *e);
    e->type = (warta_type_t)m->type;
    e->tok_begin = m->tb;
    e->tok_end = m->te;
    e->start = p->tok[m->tb].start;
    e->end = p->tok[m->te - 1].end;
    e->byte_start = p->tok[m->tb].byte_start;
    e->byte_end = p->tok[m->te - 1].byte_end;
    e->sentence = (uint32_t)sentence_of(p, m->tb);
    const mvals_t *v = ment_vals(p, m);
    e->iso = v->iso;
    e->name = v->name;
    e->canonical = v->canonical;
    e->currency = v->currency;
    e->amount = v->amount;
    e->amount_min = v->amount_min;
    e->amount_max = v->amount_max;
    e->approximate = m->approximate;
    e->score = conf_score(m);
}

/* Mentions read from the end between two give_back() calls. */
#define GIVE_BACK_STEP 8192

/* The entities of p->ment[0..nment), in its order, in a new array of
 * *nent; NULL when out of memory.  The array is filled from its end while
 * p->ment, read from its end, gives back its pages as it goes: a huge
 * document does not hold both arrays whole at once. */
static warta_entity_t *to_entities(pipe_t *p, size_t *nent)
{
    size_t k = 0;
    for (size_t i = 0; i < p->nment; i++)
        k += !dropped(p, &p->ment[i]);
    warta_entity_t *ents = malloc((k ? k : 1) * sizeof *ents);
    if (!ents)
        return NULL;
    *nent = k;
    for (size_t i = p->nment; i-- > 0;) {
        if (!dropped(p, &p->ment[i]))
            to_entity(p, &p->ment[i], &ents[--k]);
        if (i % GIVE_BACK_STEP == 0)
            give_back(p, i);
    }
    p->nment = 0;
    return ents;
}

int resolve_run(const warta_t *w, pipe_t *p, warta_doc_t *doc)
{
    (void)w;
    doc->entities = NULL;
    doc->n_entities = 0;
    if (userlex_run(p->ulex, p) < 0)
        return WARTA_ERR_NOMEM;
    if (!p->nment)
        return 0;
    /* A person's name never holds a country's or a known organization's
     * name: a model PERSON span overlapping a gazetteer COUNTRY or
     * ORGANIZATION keeps only what follows it ("Perdana Menteri Malaysia
     * Anwar Ibrahim" -> "Anwar Ibrahim"), or is dropped ("Presiden AS"). */
    whole_compounds(p);
    if (stop_at_known_names(p))
        return WARTA_ERR_NOMEM;
    unsigned char *gazmark = calloc(p->ntok + 1, 1);
    if (!gazmark)
        return WARTA_ERR_NOMEM;
    for (size_t i = 0; i < p->nment; i++) {
        const mention_t *m = &p->ment[i];
        /* generated-lexicon organizations (score < GAZ_SCORE_CURATED) are
         * too many to cut people's names at: "Bayan" is a firm and a name */
        if (((m->source == SRC_GAZ && m->score >= GAZ_SCORE_CURATED) || m->source == SRC_LEX) &&
            (m->type == WARTA_COUNTRY || m->type == WARTA_ORGANIZATION) &&
            m->tb < m->te && m->te <= p->ntok)
            memset(gazmark + m->tb, 1, m->te - m->tb);
    }
    size_t kept = 0;
    for (size_t i = 0; i < p->nment; i++) {
        const mention_t *m = &p->ment[i];
        uint32_t tb = m->tb;
        if (m->source == SRC_MODEL && m->type == WARTA_PERSON && m->te <= p->ntok)
            for (uint32_t t = m->tb; t < m->te; t++)
                if (gazmark[t])
                    tb = t + 1;
        if (tb < m->te) {
            p->ment[kept] = *m;
            p->ment[kept++].tb = tb;
        }
    }
    p->nment = kept;
    free(gazmark);
    if (rank_mentions(p))
        return WARTA_ERR_NOMEM;
    unsigned char *taken = calloc(p->ntok + 1, 1);
    if (!taken)
        return WARTA_ERR_NOMEM;
    /* the selected mentions are kept in place, at the front of p->ment
     * (nsel <= i): a huge document needs its mention array once, not twice */
    size_t nsel = 0;
    for (size_t i = 0; i < p->nment; i++) {
        const mention_t *m = &p->ment[i];
        if (m->tb >= m->te || m->te > p->ntok)
            continue;
        int clash = 0;
        for (uint32_t t = m->tb; t < m->te && !clash; t++)
            clash = taken[t];
        if (clash)
            continue;
        memset(taken + m->tb, 1, m->te - m->tb);
        p->ment[nsel++] = *m;
    }
    p->nment = nsel;
    free(taken);
    give_back(p, nsel); /* the pages past the selection */
    if (docref_run(p, &p->ment, &p->nment, &p->capment))
        return WARTA_ERR_NOMEM;
    /* nothing reads the lexicon bits after the document rules: a huge
     * document's go before its entities are made */
    if (p->caplex * sizeof *p->lex >= ((size_t)1 << 20)) {
        free(p->lex);
        p->lex = NULL;
        p->caplex = 0;
    }
    size_t nent = 0;
    warta_entity_t *ents = to_entities(p, &nent);
    if (!ents)
        return WARTA_ERR_NOMEM;
    if (sort_entities(ents, nent)) {
        free(ents);
        return WARTA_ERR_NOMEM;
    }
    doc->entities = ents;
    doc->n_entities = nent;
    return 0;
}
