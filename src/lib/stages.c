/* stages.c - the ordered stage table (pipeline.h) that drives both
 * warta_analyze() (every stage) and warta_tag_tokens() (the stages that
 * do not segment text). */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "pipeline.h"
#include "rules.h"

static int run_tokenize(warta_worker_t *wk, pipe_t *p, warta_doc_t *doc)
{
    (void)doc;
    if (tok_run(wk->w->tok, p) < 0)
        return WARTA_ERR_NOMEM;
    return pipe_clear_lex(p);
}

static int run_sentence(warta_worker_t *wk, pipe_t *p, warta_doc_t *doc)
{
    (void)doc;
    return sent_run(wk->w->sent, p);
}

/* Builds the money patterns, word lists and gazetteer of wk->w on first use, once
 * for all threads (under lazy_mu), then wk's scratch for them.  Once wk
 * has its scratch it never looks at the shared members again, so each
 * worker takes the lock only until its first document with a token.  Only
 * these members of the shared context change, and only here.  A failed
 * build is retried by the next document. */
int stages_prepare(warta_worker_t *wk)
{
    if (wk->money && wk->lex)
        return 0;
    warta_t *w = (warta_t *)(uintptr_t)wk->w;
    warta_error_t err;
    int rc = 0;
    pthread_mutex_lock(&w->lazy_mu);
    if (!w->money)
        rc = money_load(&w->money, &err);
    if (rc >= 0 && !w->lex)
        rc = lexicon_load(&w->lex, &err);
    if (rc >= 0 && !w->gaz)
        rc = gaz_load(&w->gaz, &err);
    pthread_mutex_unlock(&w->lazy_mu);
    if (rc < 0)
        return rc;
    if (!wk->money && !(wk->money = money_scratch_new(w->money)))
        return WARTA_ERR_NOMEM;
    if (!wk->lex && !(wk->lex = lex_scratch_new()))
        return WARTA_ERR_NOMEM;
    return 0;
}

/* Money and the word lists find nothing in a document without tokens: it
 * does not need their tables built. */
static int run_money(warta_worker_t *wk, pipe_t *p, warta_doc_t *doc)
{
    (void)doc;
    if (!p->ntok)
        return 0;
    int rc = stages_prepare(wk);
    return rc < 0 ? rc : money_run(wk->w->money, wk->money, p);
}

static int run_gazetteer(warta_worker_t *wk, pipe_t *p, warta_doc_t *doc)
{
    (void)doc;
    if (!p->ntok)
        return 0;
    int rc = stages_prepare(wk);
    return rc < 0 ? rc : gaz_run(wk->w->gaz, p);
}

static int run_lexicon(warta_worker_t *wk, pipe_t *p, warta_doc_t *doc)
{
    (void)doc;
    if (!p->ntok)
        return 0;
    int rc = stages_prepare(wk);
    return rc < 0 ? rc : lexicon_run(wk->w->lex, wk->lex, p);
}

static int run_rules(warta_worker_t *wk, pipe_t *p, warta_doc_t *doc)
{
    (void)doc;
    return rules_run(wk->w->rules, p);
}

static int run_tagger(warta_worker_t *wk, pipe_t *p, warta_doc_t *doc)
{
    (void)doc;
    return tagger_run(wk->w->tagger, wk->tagger, p);
}

static int run_resolve(warta_worker_t *wk, pipe_t *p, warta_doc_t *doc)
{
    return resolve_run(wk->w, p, doc);
}

/* STAGE_TEXT: the stage segments running text, so warta_tag_tokens() (one
 * sentence of given tokens) skips it.  (The rules stage runs there too but
 * finds nothing: it reads URL tokens, and feat_pipe_from_tokens() makes
 * only words, numbers and punctuation.) */
enum { STAGE_TEXT = 1u };

static const struct stage {
    const char *name;
    int (*run)(warta_worker_t *wk, pipe_t *p, warta_doc_t *doc);
    unsigned flags;
} stages[STAGE_N] = {
    [STAGE_TOKENIZE] = {"tokenize", run_tokenize, STAGE_TEXT},
    [STAGE_SENTENCE] = {"sentences", run_sentence, STAGE_TEXT},
    [STAGE_MONEY] = {"money", run_money, 0},
    [STAGE_GAZETTEER] = {"gazetteer", run_gazetteer, 0},
    [STAGE_LEXICON] = {"lexicon", run_lexicon, 0},
    [STAGE_RULES] = {"rules", run_rules, 0},
    [STAGE_TAGGER] = {"tagger", run_tagger, 0},
    [STAGE_RESOLVE] = {"resolve+docref", run_resolve, 0},
};

const char *stage_name(int i)
{
    return i >= 0 && i < STAGE_N ? stages[i].name : NULL;
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int stages_run(warta_worker_t *wk, pipe_t *p, warta_doc_t *doc, int text)
{
    for (int i = 0; i < STAGE_N; i++) {
        if (!text && (stages[i].flags & STAGE_TEXT))
            continue;
        double t0 = wk->timing ? now_ns() : 0;
        int rc = stages[i].run(wk, p, doc);
        if (rc < 0)
            return rc;
        if (wk->timing)
            wk->stage_ns[i] += now_ns() - t0;
    }
    return 0;
}
