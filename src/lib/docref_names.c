/* docref_names.c - names across the document (docref.h rules 2, 7, 8, 9
 * and 11): initials, people named in full, names found again, foreign given
 * names, names cut into words. */
#include "docref_rules.h"

#include <stdlib.h>
#include <string.h>

/* ---- 2. initials join names --------------------------------------------- */

/* `L.P`, `B.J`, `B`: capital letters joined by periods, as the tokenizer
 * leaves initials (their final period is a token of its own). */
static int is_initials(const pipe_t *p, size_t t)
{
    size_t n;
    const char *s = dr_ttext(p, t, &n);
    if (n == 0 || n > 7)
        return 0;
    for (size_t i = 0; i < n; i++) {
        int letter = s[i] >= 'A' && s[i] <= 'Z';
        if (i % 2 == 0 ? !letter : s[i] != '.')
            return 0;
    }
    return n % 2 == 1;
}

/* Length of the run of initials (with their periods) starting at t, or 0. */
static size_t initials_run(const pipe_t *p, size_t t, size_t end)
{
    size_t k = t;
    int any = 0;
    while (k < end) {
        if (is_initials(p, k)) {
            any = 1;
            k++;
        } else if (any && dr_tok_is(p, k, ".")) {
            k++;
        } else {
            break;
        }
    }
    return any ? k - t : 0;
}

/* `Retno L.P. Marsudi` is one person: two PERSON mentions with only
 * initials between them merge, and initials right before a PERSON mention
 * (`B.J. Habibie`) join it. */
void dr_initials(ctx_t *c)
{
    const pipe_t *p = c->p;
    mention_t *s = *c->sel;
    size_t k = 0;
    for (size_t i = 0; i < *c->n; i++) {
        mention_t m = s[i];
        if (m.type == WARTA_PERSON && k > 0) {
            mention_t *prev = &s[k - 1];
            size_t gap = m.tb - prev->te;
            int dots_only = 1;
            for (uint32_t t = prev->te; t < m.tb && dots_only; t++)
                dots_only = dr_tok_is(p, t, ".");
            if (prev->type == WARTA_PERSON && gap > 0 &&
                (initials_run(p, prev->te, m.tb) == gap ||
                 (dots_only && gap == 1 && is_initials(p, prev->te - 1)))) {
                prev->te = m.te;
                dr_set_canonical(c, prev, NULL);
                continue;
            }
        }
        if (m.type == WARTA_PERSON && m.source == SRC_MODEL) {
            /* initials right before: walk back over "X." pairs */
            uint32_t b = m.tb;
            while (b >= 2 && dr_tok_is(p, b - 1, ".") && is_initials(p, b - 2) &&
                   (k == 0 || s[k - 1].te <= b - 2))
                b -= 2;
            /* and the given name before the initials: `Retno L.P. Marsudi` */
            if (b < m.tb && b >= 1 && (k == 0 || s[k - 1].te <= b - 1) && dr_is_cap_word(p, b - 1) &&
                !(p->lex[b - 1] & (NOT_NAME | LEX_COMMON)))
                b -= 1;
            m.tb = b;
        }
        s[k++] = m;
    }
    *c->n = k;
}

/* ---- 7. people named in full ------------------------------------------- */

#define AMBIGUOUS (-2)


static int name_part_ok(const pipe_t *p, size_t t)
{
    if (!dr_is_cap_word(p, t) || p->tok[t].end - p->tok[t].start < 3 || (p->lex[t] & NOT_NAME))
        return 0;
    size_t up = 0, lo = 0;
    dr_letter_case(p, t, &up, &lo);
    return lo > 0; /* "Joko", not "PT" or "KPK" */
}

/* In a Title Case line the model's PERSON "Ucapan Pompeo" holds a known
 * person's name part ("Pompeo", from "Mike Pompeo" in the body) plus
 * words that are capitalised only by the headline style: the
 * mention shrinks to the run of that person's name parts, when no other
 * token is a given name (LEX_GIVEN_NAME) or a name part of anyone. */
static void trim_to_name(ctx_t *c, mention_t *m, const smap_t *part, int who, const char *f)
{
    const pipe_t *p = c->p;
    uint32_t b = UINT32_MAX, e = 0;
    for (uint32_t u = m->tb; u < m->te; u++) {
        int w = dr_smap_get_tok(part, p, u);
        if (w >= 0 && part->val[w] == who) {
            if (b == UINT32_MAX)
                b = u;
            else if (e != u)
                return; /* two runs */
            e = u + 1;
        } else if (w >= 0 || (p->lex[u] & LEX_GIVEN_NAME)) {
            return;
        }
    }
    if (b == UINT32_MAX)
        return;
    int32_t id = c->owner[m->tb];
    for (uint32_t u = m->tb; u < m->te; u++)
        c->owner[u] = u >= b && u < e ? id : -1;
    m->tb = b;
    m->te = e;
    dr_set_canonical(c, m, f);
}

/* The full name token t is a part of (value of `part`), or -1. */
static int name_part_of(const pipe_t *p, const smap_t *part, size_t t)
{
    int v = dr_smap_get_tok(part, p, t);
    return v < 0 ? -1 : part->val[v];
}

/* A full-name candidate: its length in tokens, position, mention index. */
typedef struct cand {
    uint32_t len, tb;
    size_t i;
} cand_t;

static int longer_first(const void *a, const void *b)
{
    const cand_t *x = a, *y = b;
    if (x->len != y->len)
        return x->len > y->len ? -1 : 1;
    return x->tb < y->tb ? -1 : x->tb > y->tb;
}

int dr_people(ctx_t *c)
{
    pipe_t *p = c->p;
    smap_t part = {0};  /* name part -> index of its full name, or AMBIGUOUS */
    const char **full = NULL;
    size_t nfull = 0, capfull = 0, n0 = *c->n;
    int rc = 0;
    /* candidates for full names, longest first, so that `Sri Mulyani` after
     * `Sri Mulyani Indrawati` is a short form of it, not a second person */
    cand_t *cand = malloc((n0 ? n0 : 1) * sizeof *cand);
    size_t ncand = 0;
    if (!cand)
        return -1;
    for (size_t i = 0; i < n0; i++) {
        const mention_t *m = &(*c->sel)[i];
        /* a Title Case line names no one in full: its capitals are style */
        if (m->type != WARTA_PERSON || dr_bit(c->caps, m->tb) || dr_bit(c->title, m->tb))
            continue;
        size_t parts = 0;
        for (uint32_t t = m->tb; t < m->te; t++)
            parts += name_part_ok(p, t);
        if (parts >= 2)
            cand[ncand++] = (cand_t){m->te - m->tb, m->tb, i};
    }
    qsort(cand, ncand, sizeof *cand, longer_first);
    for (size_t ci = 0; ci < ncand && !rc; ci++) {
        mention_t *m = &(*c->sel)[cand[ci].i];
        int same = -1; /* the one known full name all parts belong to */
        for (uint32_t t = m->tb; t < m->te && same != AMBIGUOUS; t++) {
            if (!name_part_ok(p, t))
                continue;
            int v = dr_smap_get_tok(&part, p, t);
            int fi = v < 0 ? AMBIGUOUS : part.val[v];
            same = same == -1 || same == fi ? fi : AMBIGUOUS;
        }
        if (same >= 0)
            continue; /* a short form of a name already known */
        const char *f = dr_span_dup(c, m->tb, m->te);
        if (!f || vec_reserve((void **)&full, &capfull, nfull + 1, sizeof *full)) {
            rc = -1;
            break;
        }
        full[nfull] = f;
        for (uint32_t t = m->tb; t < m->te && !rc; t++) {
            if (!name_part_ok(p, t))
                continue;
            int v = dr_smap_get_tok(&part, p, t);
            if (v < 0)
                rc = dr_smap_add_tok(&part, p, t, (int)nfull);
            else if (part.val[v] != AMBIGUOUS && strcmp(full[part.val[v]], f) != 0)
                part.val[v] = AMBIGUOUS;
        }
        nfull++;
    }
    for (size_t t = 0; t < p->ntok && !rc && part.n; t++) {
        int v = dr_smap_get_tok(&part, p, t);
        if (v < 0 || part.val[v] == AMBIGUOUS)
            continue;
        const char *f = full[part.val[v]];
        int32_t o = c->owner[t];
        if (o < 0) {
            /* the run of this person's parts is one mention, not one per
             * word ("Cate Blanchett" again, uncovered) */
            size_t e = t + 1;
            while (e < p->ntok && c->owner[e] < 0 && name_part_of(p, &part, e) == part.val[v])
                e++;
            mention_t like = {0};
            dr_set_canonical(c, &like, f);
            rc = dr_add_mention(c, (uint32_t)t, (uint32_t)e, WARTA_PERSON, &like);
            t = e - 1;
        } else {
            mention_t *m = &(*c->sel)[o];
            /* a shorter mention made only of this person's name parts */
            int all = 1;
            for (uint32_t u = m->tb; u < m->te && all; u++) {
                int w = dr_smap_get_tok(&part, p, u);
                all = w >= 0 && part.val[w] == part.val[v];
            }
            if (all && strlen(f) > (size_t)(p->tok[m->te - 1].byte_end - p->tok[m->tb].byte_start))
                dr_retype(c, m, WARTA_PERSON, f);
            else if (!all && dr_bit(c->title, m->tb) && m->source == SRC_MODEL && m->type == WARTA_PERSON)
                trim_to_name(c, m, &part, part.val[v], f);
        }
    }
    dr_smap_free(&part);
    free(full);
    free(cand);
    return rc;
}

/* ---- 8. names found again ---------------------------------------------- */

/* Names longer than this are not looked for again: the walk from a token
 * is bounded by it, so the rules below are linear in the document. */
#define MAX_NAME_TOKENS 16

/* Token i's key: its text, or its case-folded text in c->fold (valid
 * until the next call). */
static const char *tkey(ctx_t *c, size_t i, int folded, size_t *len)
{
    const char *t = dr_ttext(c->p, i, len);
    if (!folded)
        return t;
    *len = utf8_fold(t, *len, c->fold, c->fold_cap);
    return c->fold;
}

/* Adds mention i's tokens to the trie; the value at its end is i (a later
 * mention of the same tokens replaces an earlier one). */
int dr_trie_put(ctx_t *c, seqtrie_t *tr, size_t i, int folded)
{
    const mention_t *m = &(*c->sel)[i];
    if (m->te - m->tb > MAX_NAME_TOKENS)
        return 0;
    uint32_t node = 0;
    for (uint32_t t = m->tb; t < m->te && node != SEQTRIE_NONE; t++) {
        size_t l;
        const char *k = tkey(c, t, folded, &l);
        /* a new edge keeps its key: a folded one is copied out of the
         * scratch (only distinct edges are, not every mention's tokens) */
        uint32_t next = folded ? seqtrie_child(tr, node, k, l) : SEQTRIE_NONE;
        if (next == SEQTRIE_NONE && folded && !(k = arena_strndup(&c->fold_keys, k, l)))
            return -1;
        node = next != SEQTRIE_NONE ? next : seqtrie_add(tr, node, k, l);
    }
    if (node == SEQTRIE_NONE)
        return -1;
    seqtrie_set(tr, node, (int)i);
    return 0;
}

/* The longest name of the trie whose tokens start at t, all uncovered (and
 * all in ALL-CAPS sentences when `caps`): its mention index, or -1. */
int dr_trie_longest(ctx_t *c, const seqtrie_t *tr, size_t t, int folded, int caps,
                    uint32_t *len)
{
    int best = -1;
    uint32_t node = 0;
    for (size_t u = t; u < c->p->ntok && c->owner[u] < 0 && (!caps || dr_bit(c->caps, u)); u++) {
        size_t l;
        const char *k = tkey(c, u, folded, &l);
        if ((node = seqtrie_child(tr, node, k, l)) == SEQTRIE_NONE)
            break;
        if (seqtrie_val(tr, node) >= 0) {
            best = seqtrie_val(tr, node);
            *len = (uint32_t)(u + 1 - t);
        }
    }
    return best;
}

/* Multi-token PERSON / ORGANIZATION names the model found once are added
 * where the same capitalised tokens appear again uncovered. */
int dr_propagate(ctx_t *c)
{
    pipe_t *p = c->p;
    size_t n0 = *c->n, nput = 0;
    seqtrie_t names;
    if (seqtrie_init(&names))
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n0 && !rc; i++) {
        mention_t *m = &(*c->sel)[i];
        if ((m->type != WARTA_PERSON && m->type != WARTA_ORGANIZATION) || m->te - m->tb < 2 ||
            (m->source != SRC_MODEL && m->source != SRC_RULE) || dr_bit(c->caps, m->tb))
            continue;
        rc = dr_trie_put(c, &names, i, 0);
        nput++;
    }
    for (size_t t = 0; t < p->ntok && !rc && nput; t++) {
        if (c->owner[t] >= 0 || !dr_is_cap_word(p, t))
            continue;
        uint32_t len = 0;
        int best = dr_trie_longest(c, &names, t, 0, 0, &len);
        if (best >= 0) {
            mention_t like = (*c->sel)[best];
            rc = dr_add_mention(c, (uint32_t)t, (uint32_t)t + len, like.type, &like);
        }
    }
    seqtrie_free(&names);
    return rc;
}

/* ---- 9. foreign given names -------------------------------------------- */

/* Lower-case particles inside foreign names: "Ludwig van Beethoven". */
static int name_particle(const pipe_t *p, size_t t)
{
    static const dr_word_t w[] = {
        DR_WORD("van"), DR_WORD("von"), DR_WORD("de"), DR_WORD("der"), DR_WORD("den"),
        DR_WORD("bin"), DR_WORD("binti"), DR_WORD("da"), DR_WORD("dos"), DR_WORD("del"),
        DR_WORD("al"), {NULL, 0}};
    return dr_tok_in(p, t, w);
}

/* A capitalised word that can end or continue a name: no title, place,
 * country or currency, letters in both cases ("Messi", not "FIFA"). */
static int name_word(const ctx_t *c, size_t t)
{
    return t < c->p->ntok && c->owner[t] < 0 && !dr_bit(c->caps, t) && !dr_bit(c->title, t) &&
           name_part_ok(c->p, t);
}

/* "Kemarin, Lionel Messi mencetak gol": a foreign given name
 * (LEX_FOREIGN_GIVEN, data/person_given.txt) followed by up to three
 * capitalised name words that are no common word (and particles between
 * them), all uncovered and outside headline lines, is a PERSON the model
 * did not see.  ("Messi" is in the common-word list: famous names that
 * are come from data/people.tsv.) */
int dr_foreign_names(ctx_t *c)
{
    const pipe_t *p = c->p;
    int rc = 0;
    for (size_t t = 0; t + 1 < p->ntok && !rc; t++) {
        if (!(p->lex[t] & LEX_FOREIGN_GIVEN) || !name_word(c, t))
            continue;
        size_t e = t + 1, words = 0;
        while (e < p->ntok && words < 3) {
            if (name_word(c, e) && !(p->lex[e] & LEX_COMMON)) {
                e++;
                words++;
            } else if (words && e + 1 < p->ntok && name_particle(p, e) && name_word(c, e + 1) &&
                       !(p->lex[e + 1] & LEX_COMMON)) {
                e += 2;
                words++;
            } else {
                break;
            }
        }
        if (!words)
            continue;
        rc = dr_add_mention(c, (uint32_t)t, (uint32_t)e, WARTA_PERSON, NULL);
        t = e - 1;
    }
    return rc;
}

/* ---- 11. names are not cut into words ---------------------------------- */

/* Adjacent PERSON mentions that share one canonical name and are its
 * words in order (`Mauricio` `Souza` for Mauricio Souza in a headline the
 * model left untagged) are one mention.  *sel is sorted by tb. */
static int words_of(const char *f, const char *w, size_t n)
{
    size_t fl = strlen(f);
    for (size_t o = 0; o + n <= fl; o++)
        if ((o == 0 || f[o - 1] == ' ') && memcmp(f + o, w, n) == 0 &&
            (o + n == fl || f[o + n] == ' '))
            return 1;
    return 0;
}

void dr_join_split_names(ctx_t *c)
{
    const pipe_t *p = c->p;
    mention_t *s = *c->sel;
    size_t k = 0;
    for (size_t i = 0; i < *c->n; i++) {
        mention_t *prev = k ? &s[k - 1] : NULL;
        const char *pc = prev ? dr_canonical(c, prev) : NULL, *ic = dr_canonical(c, &s[i]);
        if (prev && prev->type == WARTA_PERSON && s[i].type == WARTA_PERSON && pc &&
            ic && strcmp(pc, ic) == 0 &&
            prev->te == s[i].tb && (p->tok[s[i].tb].flags & WARTA_TOKF_SPACE_BEFORE) &&
            !(p->tok[s[i].tb].flags & WARTA_TOKF_NEWLINE_BEFORE)) {
            size_t b = p->tok[prev->tb].byte_start, e = p->tok[s[i].te - 1].byte_end;
            if (words_of(pc, p->s + b, e - b)) {
                prev->te = s[i].te; /* a run of the canonical name's words */
                continue;
            }
        }
        s[k++] = s[i];
    }
    *c->n = k;
}

