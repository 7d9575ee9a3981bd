/* train.h - the pieces of warta-train shared between its files.
 *
 *   common.c      die(), xrealloc(), read_file(), the shuffling LCG
 *   corpus.c      `token<TAB>BIO` corpora with their repairs, entity spans,
 *                 the country split (--countries)
 *   labels.c      the label set (BIO or BILOU x 4 types) and its
 *                 transition constraints
 *   featmap.c     run-time stages + feature extraction over a corpus,
 *                 feature hash -> id map, domain copies (--augment)
 *   score.c       emissions of training-time weights, span counts, F1,
 *                 dev scores
 *   perceptron.c  one epoch of the structured averaged perceptron
 *   crf_train.c   one epoch of SGD on the CRF likelihood (crf.c: the
 *                 loss and gradient)
 *   model_write.c the model file
 *   train.c       `warta-train train`: options, runs, model averaging,
 *                 pruning
 *   eval.c        `warta-train eval`: the full pipeline against gold files
 *   main.c        the sub-command dispatch
 */
#ifndef WARTA_TRAIN_H
#define WARTA_TRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "feat.h"
#include "hashmap.h"
#include "lexicon.h"
#include "model.h"
#include "pipeline.h"
#include "viterbi.h"
#include "warta.h"

#define MAXL 17 /* labels: O + 4 types x BILU */
#define MAXFILES 16

/* ---- common.c */
_Noreturn void die(const char *fmt, const char *a);
void *xrealloc(void *p, size_t n);
char *read_file(const char *path, size_t *n); /* NUL-terminated; dies on error */
void rng_seed(uint64_t seed);
uint32_t rng(void);

/* ---- corpus.c */
/* One token: text and gold (prefix LP_O/B/I, type). */
typedef struct ctok {
    char *s;
    size_t n;
    uint8_t pre, type;
    uint8_t soft_o; /* from a --masked file: an O here may be a country */
    uint8_t domain; /* 1 + index of the training file (--augment), 0: none */
} ctok_t;

typedef struct corpus {
    ctok_t *tok;
    size_t ntok, captok;
    size_t *sent; /* [nsent + 1] first token of each sentence */
    size_t nsent, capsent;
    size_t repaired_per, split_marks;
} corpus_t;

void read_conll(corpus_t *c, const char *path);
void corpus_free(corpus_t *c);
/* The longest sentence, in tokens. */
size_t corpus_max_sentence(const corpus_t *c);

typedef struct span {
    size_t b, e;
    int type;
} span_t;

/* Entity spans of labels (prefix, type) over n tokens, conlleval-style: an
 * entity starts at B, or at I/L/U after something of another type. */
size_t spans_of(const uint8_t *pre, const uint8_t *type, size_t n, span_t *out);

/* Country names (one per line) for split_countries; freed by
 * countries_free. */
void load_countries(const char *path);
void countries_free(void);
/* LOCATION spans that are countries become COUNTRY; returns how many. */
size_t split_countries(corpus_t *c);

/* ---- labels.c */
typedef struct labels {
    unsigned L;
    int bilou;
    char name[MAXL][16];
    uint8_t pre[MAXL], type[MAXL];
} labels_t;

void labels_init(labels_t *lb, int bilou);
unsigned label_of(const labels_t *lb, int pre, int type);

/* The label set with its transition constraints (model_constraints), in
 * the form the decoders take. */
typedef struct shape {
    unsigned L;
    uint8_t allowed[MAXL + 1][VITERBI_MAXL];
    uint8_t end_ok[MAXL];
} shape_t;

void shape_init(shape_t *sh, const labels_t *lb);
#define SHAPE_ALLOWED(sh) ((const uint8_t(*)[VITERBI_MAXL])(sh)->allowed)

/* ---- featmap.c */
/* A token whose gold label is unknown (an O from a --masked corpus on a
 * token the gazetteer marks as a country): training takes the best path
 * that agrees with the known labels as the gold path. */
#define GOLD_UNKNOWN 0xFFu

typedef struct fmap { /* feature hash -> dense id, in order of insertion */
    hashmap_t ids;      /* the 8 bytes of the hash -> id */
    size_t n, cap;
    uint64_t *hash_of;  /* [n] */
    uint32_t *count;    /* [n] */
} fmap_t;

/* The id of hash h; with insert, adds it (or counts one more sighting).
 * UINT32_MAX when h is not in the map (and insert is 0). */
uint32_t fmap_get(fmap_t *m, uint64_t h, int insert);
void fmap_free(fmap_t *m);
/* The private copy of feature h for training file d (--augment). */
uint64_t dmix(uint64_t h, unsigned d);

/* Features of a corpus as ids: token t's ids are fid[foff[t] .. foff[t+1]). */
typedef struct fcorpus {
    uint32_t *fid;
    size_t nfid, capfid;
    size_t *foff; /* [ntok + 1] */
    uint8_t *gold; /* [ntok] label ids, GOLD_UNKNOWN: any label */
    size_t nmasked;
} fcorpus_t;

/* The run-time stages the tagger's features read (money, gazetteer) and
 * the lexicon, loaded once. */
typedef struct env env_t;
env_t *env_open(void);
void env_close(env_t *v);

/* Extracts the features of corpus c into fc through fm (insert: training,
 * new features get ids; else unknown features are dropped).  dev_domain:
 * the private copy the dev sets see (--target), 0 for none. */
void extract(env_t *v, const corpus_t *c, const labels_t *lb, fmap_t *fm, int insert,
             unsigned dev_domain, fcorpus_t *fc);
void fcorpus_free(fcorpus_t *fc);

typedef struct dataset {
    corpus_t c;
    fcorpus_t f;
    const char *name;
} dataset_t;

/* ---- score.c */
typedef struct counts {
    size_t gold[WARTA_NTYPES], found[WARTA_NTYPES], correct[WARTA_NTYPES];
} counts_t;

/* emit[n][L]: the emission scores of weights w [F][L] for tokens
 * [b, b+n) of fc. */
void emissions(const float *w, unsigned L, const fcorpus_t *fc, size_t b, size_t n,
               float *emit);
void count_spans(counts_t *ct, const span_t *g, size_t ng, const span_t *p, size_t np);
double f1(size_t g, size_t f, size_t c);
void totals(const counts_t *ct, size_t *g, size_t *f, size_t *c);
/* Prints the scores on every dev set; returns the F1 over all of them
 * together (ep when there is none). */
double dev_all(const float *w, const float *trans, const shape_t *sh, const labels_t *lb,
               const dataset_t *dv, int ndev, int ep);

/* ---- perceptron.c */
/* Training-time weights of the averaged perceptron: w and tw the current
 * weights (small integers, exact in float), u and tu the sums of c x
 * update (in double), c the update counter. */
typedef struct perceptron {
    float *w, *tw;  /* [F][L], [L+1][L] */
    double *u, *tu;
    double c;
    float *emit, *cemit, *delta; /* scratch [maxn][L] */
    uint8_t *back, *path, *gpath;
} perceptron_t;

void perceptron_init(perceptron_t *pc, size_t WN, size_t TN, size_t maxn, unsigned L);
void perceptron_reset(perceptron_t *pc, size_t WN, size_t TN);
void perceptron_free(perceptron_t *pc);
/* One epoch over tr in `order`; returns the number of sentences tagged
 * wrong.  The averaged weights go to aw, at. */
size_t perceptron_epoch(perceptron_t *pc, const dataset_t *tr, const size_t *order,
                        const shape_t *sh, size_t WN, float *aw, float *at);

/* ---- crf_train.c */
typedef struct crf_sgd {
    double *v, *trans; /* emission weights scale x v [F][L]; transitions */
    double scale, t;   /* t: sentences seen over all epochs */
    double eta0, creg;
    double *sum;       /* --crf-avg: sums of the weights at epoch ends */
    double *work, *gnode, *gtrans;
    float *emit, *ftrans;
} crf_sgd_t;

void crf_sgd_init(crf_sgd_t *cs, size_t WN, size_t TN, size_t maxn, unsigned L, double eta0,
                  double creg);
void crf_sgd_reset(crf_sgd_t *cs, size_t WN, size_t TN);
void crf_sgd_free(crf_sgd_t *cs);
/* One epoch; returns the sum of the losses (before each step). */
double crf_epoch(crf_sgd_t *cs, const dataset_t *tr, const size_t *order, const shape_t *sh,
                 size_t WN);
/* The weights after epoch ep into aw [F][L], at [L+1][L]: the current
 * ones, or with avg (--crf-avg) the mean of those at the end of each epoch
 * so far (less SGD noise than the last one).  Returns |aw|^2. */
double crf_take_weights(crf_sgd_t *cs, int avg, int ep, size_t WN, size_t TN, float *aw,
                        float *at);

/* ---- the sub-commands */
int cmd_train(int argc, char **argv);
int cmd_eval(int argc, char **argv);

#endif
