/* pipeline.h - the internal contract between the stages of warta_analyze().
 *
 * Dependencies run one way: base helpers (util.c, text.c, errors.c, data)
 * -> this contract (pipeline.c) -> the stages -> resolve and the document
 * rules -> the stage table (stages.c) -> the facade (warta.c,
 * tag_tokens.c) -> the command line.  No stage includes or calls the
 * facade.
 *
 *   text.c      validate / repair UTF-8, count code points
 *   tokenize.c  text -> tokens            (tok_*)
 *   sentence.c  tokens -> sentences       (sent_*)
 *   money.c     tokens -> MONEY mentions  (money_*)
 *   gazetteer.c tokens -> COUNTRY/LOCATION mentions + per-token lexicon bits (gaz_*)
 *   lexicon.c   tokens -> per-token word-list bits (lexicon_*)
 *   rules.c     URL tokens -> ORGANIZATION mentions (rules_run)
 *   tagger.c    tokens -> PERSON/ORGANIZATION/LOCATION mentions (tagger_*)
 *   resolve.c   mentions -> one non-overlapping entity list (resolve_*)
 *   render.c    document -> JSON / TSV / CoNLL
 *
 * Each stage reads the fields earlier stages filled in `pipe_t` and appends
 * to its own; none reaches into another stage's private structures.  The
 * resolver is the only place that decides between recognizers.
 */
#ifndef WARTA_PIPELINE_H
#define WARTA_PIPELINE_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "warta.h"
#include "errors.h"
#include "util.h"

/* Where a mention came from; also its default priority in the resolver. */
enum mention_source {
    SRC_MONEY = 0,   /* money.c patterns */
    SRC_GAZ = 1,     /* gazetteer.c */
    SRC_MODEL = 2,   /* statistical tagger */
    SRC_RULE = 3,    /* other rules (document-level, acronyms...) */
    SRC_LEX = 4,     /* a user lexicon (userlex.c): beats every other */
};

/* Gazetteer mentions from curated data score at least this; those from the
 * generated organization lexicon less (gazetteer.c). */
#define GAZ_SCORE_CURATED 20

/* A candidate span over tokens [tb, te). */
/* (The small fields come first, so that the pointers need no padding
 * between them: 88 bytes, not 96; the tagger stage of a 12 MB document
 * holds about 380,000 mentions.) */
/* A mention's normalized values, NULL when not applicable.  Most
 * mentions have none, so they live outside mention_t (32 bytes instead of
 * 88): records in pipe_t.mval that are never changed once written, so
 * copies of a mention can share one. */
typedef struct mvals {
    const char *iso;         /* static (gazetteer) or arena */
    const char *name;        /* static (gazetteer) or arena */
    const char *currency;    /* static */
    const char *amount;      /* arena */
    const char *amount_min;  /* arena */
    const char *amount_max;  /* arena */
    const char *canonical;   /* arena */
} mvals_t;

typedef struct mention {
    uint32_t tb, te;
    uint8_t type;        /* warta_type_t */
    uint8_t source;      /* enum mention_source */
    int16_t score;       /* recognizer confidence, higher wins ties */
    uint8_t approximate;     /* MONEY: from "jutaan", "ribuan"... */
    /* The tagger's probability of this span and type (confidence.h), valid
     * only while tb, te and type are still conf_tb < conf_te and conf_type
     * (a zeroed mention has none). */
    uint8_t conf_type;
    float conf;
    uint32_t conf_tb, conf_te;
    /* Its normalized values: an index into pipe_t.mval, 0 when it has
     * none.  Read them with ment_vals, change them with ment_set_vals. */
    uint32_t vals;
} mention_t;

/* Per-token lexicon bits in pipe_t.lex: COUNTRY/PLACE by the gazetteer,
 * MONEY/CURRENCY by the money stage, the others by the lexicon stage; all
 * before the tagger's features and the document rules read them. */
enum {
    LEX_COUNTRY_B = 1u << 0,   /* token begins a country name */
    LEX_COUNTRY_I = 1u << 1,   /* token inside a country name */
    LEX_PLACE_B = 1u << 2,     /* token begins a place name */
    LEX_PLACE_I = 1u << 3,
    LEX_GIVEN_NAME = 1u << 4,  /* in the Indonesian names list */
    LEX_COMMON = 1u << 5,      /* a common lower-case word */
    LEX_TITLE = 1u << 6,       /* person title / role: Presiden, Dr. */
    LEX_ORG_HEAD = 1u << 7,    /* PT, Bank, Komisi, Kementerian */
    LEX_ORG_TAIL = 1u << 8,    /* Tbk, (Persero), Inc */
    LEX_MONEY = 1u << 9,       /* inside a MONEY mention */
    LEX_CURRENCY = 1u << 10,   /* a currency word or symbol */
    /* bit 11 is free (features.c keeps its feature number);
     * bits 24..28: LEXP_*, lexicon.h */
    /* not model features (features.c masks them out): */
    LEX_FOREIGN_GIVEN = 1u << 20, /* a foreign given name (data/person_given.txt) */
    /* the role phrases pass's own marks (roles.c), zero outside it: */
    LEX_ROLES_ORG = 1u << 21,     /* inside a gazetteer ORGANIZATION */
    LEX_ROLES_COUNTRY = 1u << 22, /* inside a gazetteer COUNTRY */
    LEX_ROLES_COVERED = 1u << 23, /* inside a mention */
};

/* The state of one document as it flows through the stages.  All arrays are
 * owned by the worker and reused across documents. */
/* ment_set_vals reuses an equal record it finds in a table of this many
 * recent ones: a person's or a country's mentions share one. */
#define PIPE_MVAL_SEEN 4096

typedef struct pipe {
    const char *s;        /* text (valid UTF-8) */
    size_t n;             /* bytes */
    size_t chars;         /* code points */

    warta_token_t *tok;   size_t ntok, captok;
    warta_sentence_t *sent; size_t nsent, capsent;
    uint32_t *lex;        /* [ntok] LEX_* (and LEXP_*) bits */
    size_t caplex;
    mention_t *ment;      size_t nment, capment;
    mvals_t *mval;        size_t nmval, capmval; /* mention_t.vals; [0] is none */
    uint32_t mval_seen[PIPE_MVAL_SEEN]; /* recent records by hash (ment_set_vals) */

    arena_t *arena;       /* per-document strings; moves into the doc */
    const warta_lexicon_t *ulex; /* the options' user lexicon, or NULL */
} pipe_t;

/* pipeline.c: appends a mention; returns a pointer to it (zeroed but for
 * tb, te, type, source) or NULL when out of memory. */
mention_t *pipe_add_mention(pipe_t *p, uint32_t tb, uint32_t te, int type,
                            int source);
/* The values of m (all NULL when it has none). */
extern const mvals_t mvals_none;
static inline const mvals_t *ment_vals(const pipe_t *p, const mention_t *m)
{
    return m->vals ? &p->mval[m->vals] : &mvals_none;
}
/* Gives m the values *v (a new record; other mentions that shared m's
 * old one keep it).  0 or WARTA_ERR_NOMEM (m unchanged). */
int ment_set_vals(pipe_t *p, mention_t *m, const mvals_t *v);
/* Forgets every record (the document's mentions are gone). */
void pipe_clear_mvals(pipe_t *p);

/* Makes p->lex hold ntok + 1 zeroed entries.  0 or WARTA_ERR_NOMEM. */
int pipe_clear_lex(pipe_t *p);
/* Sentence windows: calls fn(ctx, p, b, e) for every sentence's tokens
 * [b, e), long sentences (tables, lists) cut into windows of at most
 * PIPE_WINDOW tokens, in order; stops at the first negative return and
 * returns it, else 0.  The lexicon stage and the tagger use the same
 * windows. */
#define PIPE_WINDOW 512
int pipe_for_windows(pipe_t *p, int (*fn)(void *ctx, pipe_t *p, size_t b, size_t e),
                     void *ctx);
/* Frees the arrays p owns (tok, sent, lex, ment, mval) and zeroes p. */
void pipe_free(pipe_t *p);

/* ---- the stages --------------------------------------------------------
 * Every loader builds its tables from embedded data (data.h), returns 0 or a
 * negative WARTA_ERR_* and fills `err`.  Every run function returns 0 or a
 * negative WARTA_ERR_* (out of memory, a limit). */

typedef struct tok_rules tok_rules_t;
int tok_load(tok_rules_t **out, warta_error_t *err);
void tok_free(tok_rules_t *t);
int tok_run(const tok_rules_t *t, pipe_t *p);

typedef struct sent_rules sent_rules_t;
int sent_load(sent_rules_t **out, warta_error_t *err);
void sent_free(sent_rules_t *r);
int sent_run(const sent_rules_t *r, pipe_t *p);
/* For tests: at how many tokens of p (tokenized) the sentence-starter
 * test with its filters (first byte, next word first) differs from the
 * plain lookup. */
long sent_check_starters(const sent_rules_t *r, const pipe_t *p);

typedef struct money money_t;             /* compiled patterns, shared */
typedef struct money_scratch money_scratch_t; /* per-thread match data */
int money_load(money_t **out, warta_error_t *err);
void money_free(money_t *m);
money_scratch_t *money_scratch_new(const money_t *m);
void money_scratch_free(money_scratch_t *s);
int money_run(const money_t *m, money_scratch_t *s, pipe_t *p);

typedef struct gaz gaz_t;
int gaz_load(gaz_t **out, warta_error_t *err);
void gaz_free(gaz_t *g);
int gaz_run(const gaz_t *g, pipe_t *p);

typedef struct lexicon lexicon_t;             /* word lists, shared */
typedef struct lex_scratch lex_scratch_t;     /* per-thread folding buffers */
int lexicon_load(lexicon_t **out, warta_error_t *err);
void lexicon_free(lexicon_t *lx);
lex_scratch_t *lex_scratch_new(void);
void lex_scratch_free(lex_scratch_t *s);
int lexicon_run(const lexicon_t *lx, lex_scratch_t *s, pipe_t *p);

typedef struct tagger tagger_t;               /* model weights, shared */
typedef struct tagger_scratch tagger_scratch_t;
/* model_path NULL loads the embedded model. */
int tagger_load(tagger_t **out, const char *model_path, warta_error_t *err);
void tagger_free(tagger_t *t);
tagger_scratch_t *tagger_scratch_new(const tagger_t *t);
void tagger_scratch_free(tagger_scratch_t *s);
int tagger_run(const tagger_t *t, tagger_scratch_t *s, pipe_t *p);

/* The resolver's order of mentions (resolve.c): the user's words first,
 * then MONEY, longer spans, not the model's, higher score, lower source,
 * lower tb.  mention_rank_cmp defines it (a qsort comparator);
 * mention_rank_key is the same order as a sort_by_keys key (util.h). */
int mention_rank_cmp(const void *a, const void *b);
sortkey_t mention_rank_key(const mention_t *m);

/* Turns p->ment into doc->entities (sorted, non-overlapping, document-level
 * aliases applied); strings go into p->arena. */
int resolve_run(const warta_t *w, pipe_t *p, warta_doc_t *doc);

/* The context: everything loaded once, read-only afterwards.  The money
 * patterns, the word lists and the gazetteer are opened on the first
 * document with a token instead (stages_prepare, under lazy_mu, once for
 * all threads); they are prebuilt (tables.h), so that costs little, but
 * an input without tokens does not even decode the patterns.  Until then
 * money, lex and gaz are NULL. */
struct warta {
    tok_rules_t *tok;
    sent_rules_t *sent;
    money_t *money;
    gaz_t *gaz;
    lexicon_t *lex;
    struct rules *rules;
    tagger_t *tagger;
    pthread_mutex_t lazy_mu; /* guards money and lex while they are built */
};

/* The stages of warta_analyze(), in the order they run (stages.c). */
enum { STAGE_TOKENIZE, STAGE_SENTENCE, STAGE_MONEY, STAGE_GAZETTEER, STAGE_LEXICON,
       STAGE_RULES, STAGE_TAGGER, STAGE_RESOLVE, STAGE_N };
/* The name of stage i ("tokenize", ...), NULL when out of range. */
const char *stage_name(int i);

struct warta_worker {
    const warta_t *w;
    /* When `timing` is set (benchmarks only: src/tools/bench_stages.c), the
     * wall time of every stage is added to stage_ns[]. */
    int timing;
    double stage_ns[STAGE_N];
    money_scratch_t *money; /* NULL until the first document with a token */
    lex_scratch_t *lex;     /* likewise */
    tagger_scratch_t *tagger;
    pipe_t pipe;
};

/* Runs the stages in order over p (p->s, p->n, p->chars and p->arena set).
 * text != 0: every stage, from tokenizing p->s on; text == 0: p already
 * holds one sentence of tokens (feat_pipe_from_tokens) and the stages that
 * segment running text are skipped.  0 or a negative WARTA_ERR_*. */
int stages_run(warta_worker_t *wk, pipe_t *p, warta_doc_t *doc, int text);
/* Builds the tables the context builds on first use (money, lex, gaz) and wk's
 * scratch for them (wk->money, wk->lex); stages_run calls it when a
 * document has a token.  Code that calls single stages directly (tests,
 * fuzz targets) calls it first.  0 or a negative WARTA_ERR_*. */
int stages_prepare(warta_worker_t *wk);

#endif
