/* docref_headlines.c - headline lines (docref.h rules 1 and 10): ALL-CAPS
 * and Title Case sentences are marked, the model's guesses inside ALL-CAPS
 * ones dropped, and at the end an ALL-CAPS headline is tagged with the
 * entities the body names. */
#include "docref_rules.h"

#include <stdlib.h>

/* ---- 1. headlines in capitals ------------------------------------------ */

void dr_mark_caps_sentences(ctx_t *c)
{
    const pipe_t *p = c->p;
    for (size_t s = 0; s < p->nsent; s++) {
        size_t up = 0, lo = 0, words = 0;
        /* one lower-case letter decides: most sentences stop at their
         * first word */
        for (size_t i = p->sent[s].tok_begin; i < p->sent[s].tok_end && !lo; i++) {
            if (p->tok[i].kind != WARTA_TOK_WORD)
                continue;
            words++;
            dr_letter_case(p, i, &up, &lo);
        }
        if (words >= 2 && up >= 6 && lo == 0)
            for (size_t i = p->sent[s].tok_begin; i < p->sent[s].tok_end; i++)
                dr_set_bit(c->caps, i);
    }
}

/* Title Case lines ("Menlu Korut Tersinggung Ucapan Pompeo, Perundingan
 * Terhenti"): at least 4 capitalised words of 3+ letters and no lower-case
 * one but function words, which headline style leaves lower-case.  There
 * every word looks like a name, so the model's spans are weak evidence. */
static int function_word(const pipe_t *p, size_t i)
{
    static const dr_word_t w[] = {
        DR_WORD("dan"), DR_WORD("yang"), DR_WORD("untuk"), DR_WORD("dengan"), DR_WORD("dari"),
        DR_WORD("pada"), DR_WORD("atau"), DR_WORD("oleh"), DR_WORD("akan"), DR_WORD("the"),
        DR_WORD("and"), DR_WORD("for"), {NULL, 0}};
    return dr_tok_in(p, i, w);
}

void dr_mark_title_sentences(ctx_t *c)
{
    const pipe_t *p = c->p;
    for (size_t s = 0; s < p->nsent; s++) {
        size_t words = 0, capd = 0;
        for (size_t i = p->sent[s].tok_begin; i < p->sent[s].tok_end && i < p->ntok; i++) {
            if (p->tok[i].kind != WARTA_TOK_WORD || p->tok[i].end - p->tok[i].start < 3)
                continue;
            int cap = dr_is_cap_word(p, i);
            capd += cap;
            words += cap || !function_word(p, i);
            if (words != capd)
                break; /* a lower-case word that is no function word */
        }
        if (capd >= 4 && capd == words)
            for (size_t i = p->sent[s].tok_begin; i < p->sent[s].tok_end && i < p->ntok; i++)
                dr_set_bit(c->title, i);
    }
}

/* Drops the model's mentions inside ALL-CAPS sentences (it was trained on
 * mixed case and guesses there); gazetteer and money mentions stay. */
void dr_drop_caps_model_mentions(ctx_t *c)
{
    mention_t *s = *c->sel;
    size_t k = 0;
    for (size_t i = 0; i < *c->n; i++)
        if (!(s[i].source == SRC_MODEL && dr_bit(c->caps, s[i].tb)))
            s[k++] = s[i];
    *c->n = k;
}

/* ---- 10. headlines take what the body says ----------------------------- */

/* The mentions of the body whose tokens go into the trie (dr_headlines) */
static int body_mention(const ctx_t *c, const mention_t *m)
{
    return !dr_bit(c->caps, m->tb) && m->type != WARTA_MONEY;
}

/* The scratch for one folded token (tkey in docref_names.c): tokens are
 * folded one at a time as the trie is built and walked, so a huge
 * document's text is not folded and copied whole. */
static int fold_scratch(ctx_t *c)
{
    const pipe_t *p = c->p;
    size_t longest = 0;
    for (size_t i = 0; i < p->ntok; i++)
        if (p->tok[i].byte_end - p->tok[i].byte_start > longest)
            longest = p->tok[i].byte_end - p->tok[i].byte_start;
    c->fold_cap = 2 * longest + 1;
    c->fold = malloc(c->fold_cap);
    return c->fold ? 0 : -1;
}

int dr_headlines(ctx_t *c)
{
    pipe_t *p = c->p;
    int any = 0;
    for (size_t t = 0; t < p->ntok && !any; t++)
        any = dr_bit(c->caps, t);
    if (!any)
        return 0;
    seqtrie_t body; /* folded tokens of the body's mentions */
    if (fold_scratch(c) || seqtrie_init(&body))
        return -1;
    int rc = 0;
    size_t n0 = *c->n, nput = 0;
    for (size_t i = 0; i < n0 && !rc; i++) {
        if (!body_mention(c, &(*c->sel)[i]))
            continue;
        rc = dr_trie_put(c, &body, i, 1);
        nput++;
    }
    for (size_t t = 0; t < p->ntok && !rc && nput; t++) {
        if (!dr_bit(c->caps, t) || c->owner[t] >= 0)
            continue;
        uint32_t len = 0;
        int best = dr_trie_longest(c, &body, t, 1, 1, &len);
        if (best >= 0) {
            mention_t like = (*c->sel)[best];
            if ((like.type == WARTA_PERSON || like.type == WARTA_ORGANIZATION) &&
                !dr_canonical(c, &like))
                dr_set_canonical(c, &like, dr_span_dup(c, like.tb, like.te));
            rc = dr_add_mention(c, (uint32_t)t, (uint32_t)t + len, like.type, &like);
            t += len - 1;
        }
    }
    seqtrie_free(&body);
    return rc;
}
