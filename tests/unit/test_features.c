/* Unit tests: feature extraction and lexicon marking; features of corpus
 * tokens (training) equal those of tokenized text (tagging); the public
 * warta_tag_tokens() through the shipped model. */
#include "feat.h"
#include "lexicon.h"
#include "pipeline.h"
#include "t.h"
#include "warta.h"

static const char *const sent[] = {"Juru", "bicara", "PT", "Garuda", "Indonesia", "Tbk", ",",
                                   "Presiden", "Joko", "Widodo", "tiba", "di", "Jakarta", "."};
#define NS (sizeof sent / sizeof sent[0])

static void tokens_pipe(pipe_t *p, char **buf, size_t *cap)
{
    size_t lens[NS];
    for (size_t i = 0; i < NS; i++)
        lens[i] = strlen(sent[i]);
    CHECK_INT(feat_pipe_from_tokens(p, buf, cap, sent, lens, NS), 0);
}

static void free_pipe(pipe_t *p)
{
    free(p->tok);
    free(p->sent);
    free(p->lex);
    free(p->ment);
    free(p->mval);
}

static void pipe_from_tokens_offsets(void)
{
    pipe_t p = {0};
    char *buf = NULL;
    size_t cap = 0;
    tokens_pipe(&p, &buf, &cap);
    CHECK_INT(p.ntok, NS);
    CHECK_INT(p.nsent, 1);
    CHECK_STR(p.s, "Juru bicara PT Garuda Indonesia Tbk , Presiden Joko Widodo tiba di Jakarta .");
    CHECK_INT(p.tok[2].byte_start, 12);
    CHECK_INT(p.tok[2].byte_end, 14);
    CHECK_INT(p.tok[13].kind, WARTA_TOK_PUNCT);
    CHECK_INT(p.tok[12].kind, WARTA_TOK_WORD);
    const char *bad[] = {"a\xC3"};
    size_t bl[] = {2};
    CHECK_INT(feat_pipe_from_tokens(&p, &buf, &cap, bad, bl, 1), WARTA_ERR_INVALID_UTF8);
    free(buf);
    free_pipe(&p);
}

/* The lexicon stage then the features over tokens [0, n) of p. */
static int lex_feat(const lexicon_t *lx, pipe_t *p, size_t n, feat_scratch_t *fs)
{
    lex_scratch_t *ls = lex_scratch_new();
    int rc = ls ? lexicon_range(lx, ls, p, 0, n) : WARTA_ERR_NOMEM;
    lex_scratch_free(ls);
    return rc < 0 ? rc : feat_sentence(p, 0, n, fs);
}

static void lexicon_bits(void)
{
    lexicon_t *lx = NULL;
    warta_error_t err;
    CHECK_INT(lexicon_load(&lx, &err), 0);
    pipe_t p = {0};
    char *buf = NULL;
    size_t cap = 0;
    tokens_pipe(&p, &buf, &cap);
    feat_scratch_t *fs = feat_scratch_new();
    CHECK_INT(lex_feat(lx, &p, NS, fs), 0);
    CHECK(p.lex[0] & LEX_TITLE); /* "Juru bicara" is a two-word title */
    CHECK(p.lex[1] & LEX_TITLE);
    CHECK(p.lex[2] & LEX_ORG_HEAD);
    CHECK(p.lex[5] & LEX_ORG_TAIL);
    CHECK(p.lex[7] & LEX_TITLE);
    CHECK(!(p.lex[8] & LEX_TITLE));
    CHECK(p.lex[11] & LEX_COMMON); /* "di" */
    CHECK(!(p.lex[13] & (LEX_TITLE | LEX_ORG_HEAD)));
    CHECK(lexicon_word(lx, "dr", 2) & LEX_TITLE); /* "Dr." listed with its dot */
    CHECK(lexicon_word(lx, "prabowo", 7) & LEX_GIVEN_NAME);
    CHECK_INT(lexicon_word(lx, "zzqx", 4), 0);
    feat_scratch_free(fs);
    lexicon_free(lx);
    free(buf);
    free_pipe(&p);
}

static void features_depend_on_context(void)
{
    lexicon_t *lx = NULL;
    warta_error_t err;
    CHECK_INT(lexicon_load(&lx, &err), 0);
    feat_scratch_t *fs = feat_scratch_new();
    pipe_t p = {0};
    char *buf = NULL;
    size_t cap = 0;
    const char *a[] = {"kata", "Budi", "."}, *b[] = {"oleh", "Budi", "."};
    size_t la[] = {4, 4, 1}, lb[] = {4, 4, 1};
    CHECK_INT(feat_pipe_from_tokens(&p, &buf, &cap, a, la, 3), 0);
    CHECK_INT(lex_feat(lx, &p, 3, fs), 0);
    size_t na, nb;
    const uint64_t *fa = feat_token(fs, 1, &na);
    uint64_t keep[256];
    CHECK(na > 20 && na < 256);
    memcpy(keep, fa, na * sizeof *fa);
    for (size_t i = 0; i < na; i++)
        CHECK(keep[i] != 0);
    CHECK_INT(feat_pipe_from_tokens(&p, &buf, &cap, b, lb, 3), 0);
    CHECK_INT(lex_feat(lx, &p, 3, fs), 0);
    const uint64_t *fb = feat_token(fs, 1, &nb);
    size_t same = 0;
    for (size_t i = 0; i < na && i < nb; i++)
        same += keep[i] == fb[i];
    CHECK(same > 5);          /* the word's own features agree */
    CHECK(same < na);         /* the left context differs */
    feat_scratch_free(fs);
    lexicon_free(lx);
    free(buf);
    free_pipe(&p);
}

/* The tagger sees the same features whether tokens come from a corpus
 * (training, evaluation) or from warta's tokenizer (run time). */
static void training_and_tagging_features_agree(void)
{
    warta_t *w = NULL;
    warta_error_t err;
    CHECK_INT(warta_open(&w, NULL, &err), 0);
    if (!w)
        return;
    lexicon_t *lx = NULL;
    CHECK_INT(lexicon_load(&lx, &err), 0);
    feat_scratch_t *f1 = feat_scratch_new(), *f2 = feat_scratch_new();
    const char *text = "Presiden Joko Widodo tiba di Jakarta";
    pipe_t p = {0};
    p.s = text;
    p.n = strlen(text);
    CHECK_INT(tok_run(w->tok, &p), 0);
    p.lex = calloc(p.ntok + 1, sizeof *p.lex);
    CHECK_INT(lex_feat(lx, &p, p.ntok, f1), 0);
    const char *toks[16];
    size_t lens[16];
    for (size_t i = 0; i < p.ntok && i < 16; i++) {
        toks[i] = text + p.tok[i].byte_start;
        lens[i] = p.tok[i].byte_end - p.tok[i].byte_start;
    }
    pipe_t q = {0};
    char *buf = NULL;
    size_t cap = 0;
    CHECK_INT(feat_pipe_from_tokens(&q, &buf, &cap, toks, lens, p.ntok), 0);
    CHECK_INT(lex_feat(lx, &q, q.ntok, f2), 0);
    for (size_t i = 0; i < p.ntok; i++) {
        size_t n1, n2;
        const uint64_t *a = feat_token(f1, i, &n1), *b = feat_token(f2, i, &n2);
        CHECK_INT(n1, n2);
        CHECK(n1 == n2 && memcmp(a, b, n1 * sizeof *a) == 0);
    }
    feat_scratch_free(f1);
    feat_scratch_free(f2);
    lexicon_free(lx);
    free(buf);
    free_pipe(&q);
    free(p.tok);
    free(p.lex);
    warta_close(w);
}

static void tag_tokens_public_api(void)
{
    warta_t *w = NULL;
    warta_error_t err;
    CHECK_INT(warta_open(&w, NULL, &err), 0);
    warta_worker_t *wk = warta_worker_new(w);
    CHECK(wk != NULL);
    if (!wk) {
        warta_close(w);
        return;
    }
    const char *tags[NS];
    size_t lens[NS];
    for (size_t i = 0; i < NS; i++)
        lens[i] = strlen(sent[i]);
    CHECK_INT(warta_tag_tokens(wk, sent, lens, NS, tags, &err), 0);
    CHECK_STR(tags[2], "B-ORGANIZATION");
    CHECK_STR(tags[5], "I-ORGANIZATION");
    CHECK_STR(tags[7], "O");
    CHECK_STR(tags[8], "B-PERSON");
    CHECK_STR(tags[9], "I-PERSON");
    CHECK_STR(tags[12], "B-LOCATION");
    CHECK_STR(tags[13], "O");
    CHECK_INT(warta_tag_tokens(wk, sent, lens, 0, tags, &err), 0);
    CHECK_INT(warta_tag_tokens(NULL, sent, lens, NS, tags, &err), WARTA_ERR_ARG);
    warta_worker_free(wk);
    warta_close(w);
}

int main(void)
{
    RUN(pipe_from_tokens_offsets);
    RUN(lexicon_bits);
    RUN(features_depend_on_context);
    RUN(training_and_tagging_features_agree);
    RUN(tag_tokens_public_api);
    return T_EXIT();
}
