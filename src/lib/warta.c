/* warta.c - the facade: the context, workers, documents, and
 * warta_analyze(), which checks the text and runs the stage table
 * (stages.c) over it.  Nothing below this file calls into it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
#include "rules.h"
#include "text.h"


warta_config_t warta_config_default(void)
{
    warta_config_t c = {.model_path = NULL};
    return c;
}

warta_options_t warta_options_default(void)
{
    warta_options_t o = {.types = WARTA_TYPES_ALL, .replace_invalid = 0, .min_score = 0,
                         .lexicon = NULL};
    return o;
}

int warta_open(warta_t **out, const warta_config_t *config, warta_error_t *err)
{
    if (!out)
        return err_set(err, WARTA_ERR_ARG, 0, NULL);
    *out = NULL;
    warta_config_t def = warta_config_default();
    if (!config)
        config = &def;
    warta_t *w = calloc(1, sizeof *w);
    if (!w) {
        err_set(err, WARTA_ERR_NOMEM, 0, NULL);
        return WARTA_ERR_NOMEM;
    }
    int rc;
    if (pthread_mutex_init(&w->lazy_mu, NULL)) {
        free(w);
        err_set(err, WARTA_ERR_NOMEM, 0, NULL);
        return WARTA_ERR_NOMEM;
    }
    /* money, lex and the gazetteer: built on first use (stages.c) */
    if ((rc = tok_load(&w->tok, err)) < 0 || (rc = sent_load(&w->sent, err)) < 0 ||
        (rc = rules_load(&w->rules, err)) < 0 ||
        (rc = tagger_load(&w->tagger, config->model_path, err)) < 0) {
        warta_close(w);
        return rc;
    }
    *out = w;
    return WARTA_OK;
}

void warta_close(warta_t *w)
{
    if (!w)
        return;
    tok_free(w->tok);
    sent_free(w->sent);
    money_free(w->money);
    gaz_free(w->gaz);
    lexicon_free(w->lex);
    rules_free(w->rules);
    tagger_free(w->tagger);
    pthread_mutex_destroy(&w->lazy_mu);
    free(w);
}

warta_worker_t *warta_worker_new(const warta_t *w)
{
    if (!w)
        return NULL;
    warta_worker_t *wk = calloc(1, sizeof *wk);
    if (!wk)
        return NULL;
    wk->w = w;
    wk->tagger = tagger_scratch_new(w->tagger); /* money, lex: stages.c, on first use */
    if (!wk->tagger) {
        warta_worker_free(wk);
        return NULL;
    }
    return wk;
}

void warta_worker_free(warta_worker_t *wk)
{
    if (!wk)
        return;
    money_scratch_free(wk->money);
    lex_scratch_free(wk->lex);
    tagger_scratch_free(wk->tagger);
    pipe_free(&wk->pipe);
    free(wk);
}

/* The document as allocated: the public part plus what it owns. */
typedef struct doc_impl {
    warta_doc_t pub;
    arena_t arena;
    char *owned_text;
} doc_impl_t;

void warta_doc_free(warta_doc_t *doc)
{
    if (!doc)
        return;
    doc_impl_t *d = (doc_impl_t *)doc;
    free(d->owned_text);
    free(doc->tokens);
    free(doc->sentences);
    free(doc->entities);
    arena_free(&d->arena);
    free(d);
}

/* Above this size the worker's array itself moves into the document
 * instead of being copied, so a huge document needs its token array once,
 * not twice; the worker grows a fresh one for the next document. */
#define MOVE_THRESHOLD ((size_t)1 << 20)

/* Gives the document the first n elements of the worker's array *src (of
 * capacity *cap): a copy, or for large arrays the array itself. */
static int copy_out(void **dst, void **src, size_t *cap, size_t n, size_t elem)
{
    *dst = NULL;
    if (!n)
        return 0;
    if (n * elem >= MOVE_THRESHOLD) {
        void *shrunk = realloc(*src, n * elem);
        *dst = shrunk ? shrunk : *src;
        *src = NULL;
        *cap = 0;
        return 0;
    }
    *dst = malloc(n * elem);
    if (!*dst)
        return -1;
    memcpy(*dst, *src, n * elem);
    return 0;
}

/* Frees *v (capacity *cap elements of `elem` bytes) when it holds at least
 * MOVE_THRESHOLD bytes: after a huge document the worker does not keep
 * its scratch arrays huge while the caller renders (the next document
 * grows them again, which costs little next to analysing a huge one). */
static void shed(void **v, size_t *cap, size_t elem)
{
    if (*cap * elem < MOVE_THRESHOLD)
        return;
    free(*v);
    *v = NULL;
    *cap = 0;
}

static int run_stages(warta_worker_t *wk, pipe_t *p, warta_doc_t *doc)
{
    p->ntok = p->nsent = p->nment = 0;
    pipe_clear_mvals(p);
    int rc = stages_run(wk, p, doc, 1);
    if (rc < 0)
        return rc;
    if (copy_out((void **)&doc->tokens, (void **)&p->tok, &p->captok, p->ntok, sizeof *p->tok) ||
        copy_out((void **)&doc->sentences, (void **)&p->sent, &p->capsent, p->nsent,
                 sizeof *p->sent))
        return WARTA_ERR_NOMEM;
    doc->n_tokens = p->ntok;
    doc->n_sentences = p->nsent;
    p->nment = 0;
    shed((void **)&p->ment, &p->capment, sizeof *p->ment);
    pipe_clear_mvals(p);
    shed((void **)&p->mval, &p->capmval, sizeof *p->mval);
    shed((void **)&p->lex, &p->caplex, sizeof *p->lex);
    return 0;
}

/* Documents are limited to what 32-bit token indexes (mention_t) can
 * address with room to spare: 2^32 - 1 bytes. */
#define WARTA_MAX_DOC_BYTES ((size_t)UINT32_MAX)

/* Fills `err` for a text that failed text_check(). */
static void text_error(warta_error_t *err, int rc, size_t bad, const char *text, size_t len)
{
    char msg[160];
    if (rc == WARTA_ERR_INVALID_UTF8)
        snprintf(msg, sizeof msg, "invalid UTF-8 at byte %zu", bad);
    else if (rc == WARTA_ERR_BINARY)
        snprintf(msg, sizeof msg, "binary file (NUL byte at byte %zu), skipped", bad);
    else if (rc == WARTA_ERR_UTF16 && text_utf16_bom(text, len) == 32)
        snprintf(msg, sizeof msg, "UTF-32 input (convert it with iconv -f UTF-32 -t UTF-8)");
    else
        snprintf(msg, sizeof msg, "%s", warta_errmsg(rc));
    err_set(err, rc, bad, "%s", msg);
}

int warta_analyze(warta_worker_t *wk, const char *text, size_t len,
                  const warta_options_t *options, warta_doc_t **out, warta_error_t *err)
{
    if (out)
        *out = NULL;
    if (!wk || !out || (!text && len)) {
        err_set(err, WARTA_ERR_ARG, 0, NULL);
        return WARTA_ERR_ARG;
    }
    if (!text)
        text = "";
    warta_options_t def = warta_options_default();
    if (!options)
        options = &def;
    if (len > WARTA_MAX_DOC_BYTES) {
        return err_set(err, WARTA_ERR_LIMIT, WARTA_MAX_DOC_BYTES,
                       "document too large (%zu bytes, the limit is %zu)", len,
                       WARTA_MAX_DOC_BYTES);
    }

    doc_impl_t *d = calloc(1, sizeof *d);
    if (!d) {
        err_set(err, WARTA_ERR_NOMEM, 0, NULL);
        return WARTA_ERR_NOMEM;
    }
    size_t chars = 0, bad = 0;
    int rc = text_check(text, len, &chars, &bad);
    if (rc == WARTA_ERR_INVALID_UTF8 && options->replace_invalid) {
        size_t rn = 0;
        d->owned_text = text_repair(text, len, &rn);
        if (!d->owned_text) {
            free(d);
            err_set(err, WARTA_ERR_NOMEM, 0, NULL);
            return WARTA_ERR_NOMEM;
        }
        if (rn > WARTA_MAX_DOC_BYTES) {
            warta_doc_free(&d->pub);
            err_set(err, WARTA_ERR_LIMIT, WARTA_MAX_DOC_BYTES,
                    "document too large once invalid UTF-8 is replaced");
            return WARTA_ERR_LIMIT;
        }
        text = d->owned_text;
        len = rn;
        d->pub.repaired = 1;
        rc = text_check(text, len, &chars, &bad);
    }
    if (rc < 0) {
        text_error(err, rc, bad, text, len);
        warta_doc_free(&d->pub);
        return rc;
    }
    d->pub.text = text;
    d->pub.bytes = len;
    d->pub.chars = chars;

    pipe_t *p = &wk->pipe;
    p->s = text;
    p->n = len;
    p->chars = chars;
    p->arena = &d->arena;
    p->ulex = options->lexicon;
    rc = run_stages(wk, p, &d->pub);
    p->arena = NULL;
    p->ulex = NULL;
    if (rc < 0) {
        err_set(err, rc, 0, NULL);
        warta_doc_free(&d->pub);
        return rc;
    }
    /* keep only the requested types, scored at least min_score */
    size_t k = 0;
    for (size_t i = 0; i < d->pub.n_entities; i++)
        if (options->types & WARTA_TYPE_BIT(d->pub.entities[i].type) &&
            d->pub.entities[i].score >= options->min_score)
            d->pub.entities[k++] = d->pub.entities[i];
    d->pub.n_entities = k;
    *out = &d->pub;
    if (err)
        err_set(err, WARTA_OK, 0, NULL);
    return WARTA_OK;
}
