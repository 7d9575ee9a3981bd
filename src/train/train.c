/* train.c - `warta-train train`: trains the entity tagger's model.
 *
 *   warta-train train --out FILE [--dev DEV]... [options] TRAIN...
 *
 * The shipped model is a linear-chain CRF (--algo crf, crf_train.c); the
 * structured averaged perceptron (--algo perceptron, perceptron.c) is the
 * default of the command line.  --runs N trains N times with different
 * shuffles, each stopping at its best epoch on the dev sets, and ships the
 * mean of their weights.  Deterministic: fixed file order, sentence order
 * shuffled by a fixed-seed LCG, float arithmetic in a fixed order. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model_write.h"
#include "train.h"

typedef struct train_opts {
    const char *out, *countries;
    const char *train[MAXFILES], *dev[MAXFILES];
    int ntrain, ndev, epochs, patience, bilou, runs, augment, target;
    int private_[MAXFILES], masked[MAXFILES], dev_masked[MAXFILES];
    unsigned min_count;
    float prune;
    uint64_t seed;
    int crf, crf_avg;
    double sigma2, eta0;
} train_opts_t;

static void add_file(const char **list, int *n, const char *path)
{
    if (*n >= MAXFILES)
        die("at most 16 training and 16 dev files%s", "");
    list[(*n)++] = path;
}

enum { O_OUT = 256, O_DEV, O_DEV_MASKED, O_COUNTRIES, O_EPOCHS, O_PATIENCE, O_MIN_COUNT,
       O_SEED, O_SCHEME, O_RUNS, O_PRUNE, O_AUGMENT, O_ALGO, O_SIGMA2, O_ETA, O_CRF_AVG,
       O_TARGET, O_PRIVATE, O_MASKED };

static const struct option train_options[] = {
    {"out", required_argument, 0, O_OUT}, {"dev", required_argument, 0, O_DEV},
    {"dev-masked", required_argument, 0, O_DEV_MASKED},
    {"countries", required_argument, 0, O_COUNTRIES}, {"epochs", required_argument, 0, O_EPOCHS},
    {"patience", required_argument, 0, O_PATIENCE}, {"min-count", required_argument, 0, O_MIN_COUNT},
    {"seed", required_argument, 0, O_SEED}, {"scheme", required_argument, 0, O_SCHEME},
    {"runs", required_argument, 0, O_RUNS}, {"prune", required_argument, 0, O_PRUNE},
    {"augment", no_argument, 0, O_AUGMENT}, {"algo", required_argument, 0, O_ALGO},
    {"sigma2", required_argument, 0, O_SIGMA2}, {"eta", required_argument, 0, O_ETA},
    {"crf-avg", no_argument, 0, O_CRF_AVG}, {"target", required_argument, 0, O_TARGET},
    {"private", required_argument, 0, O_PRIVATE}, {"masked", required_argument, 0, O_MASKED},
    {0, 0, 0, 0}};

/* One option (or, as 1, a training file: "-" first in the option string
 * keeps the files in command-line order among --masked and --private). */
static void train_option(train_opts_t *o, int c, const char *a)
{
    switch (c) {
    case 1: add_file(o->train, &o->ntrain, a); break;
    case O_OUT: o->out = a; break;
    case O_DEV: add_file(o->dev, &o->ndev, a); break;
    case O_DEV_MASKED: o->dev_masked[o->ndev] = 1; add_file(o->dev, &o->ndev, a); break;
    case O_COUNTRIES: o->countries = a; break;
    case O_EPOCHS: o->epochs = atoi(a); break;
    case O_PATIENCE: o->patience = atoi(a); break;
    case O_MIN_COUNT: o->min_count = (unsigned)atoi(a); break;
    case O_SEED: o->seed = strtoull(a, NULL, 10); break;
    case O_SCHEME: o->bilou = !strcmp(a, "bilou"); break;
    case O_RUNS: o->runs = atoi(a); break;
    case O_PRUNE: o->prune = strtof(a, NULL); break;
    case O_AUGMENT: o->augment = 1; break;
    case O_ALGO:
        if (strcmp(a, "crf") && strcmp(a, "perceptron"))
            die("--algo must be perceptron or crf, not %s", a);
        o->crf = !strcmp(a, "crf");
        break;
    case O_SIGMA2: o->sigma2 = strtod(a, NULL); break;
    case O_ETA: o->eta0 = strtod(a, NULL); break;
    case O_CRF_AVG: o->crf_avg = 1; break;
    case O_TARGET: o->target = atoi(a); break;
    case O_PRIVATE: o->private_[o->ntrain] = 1; add_file(o->train, &o->ntrain, a); break;
    case O_MASKED: o->masked[o->ntrain] = 1; add_file(o->train, &o->ntrain, a); break;
    default: die("unknown option; see warta-train --help%s", "");
    }
}

/* argv[0] is "train". */
static void parse_train_opts(train_opts_t *o, int argc, char **argv)
{
    memset(o, 0, sizeof *o);
    o->epochs = 20;
    o->patience = 4;
    o->runs = 1;
    o->target = -1;
    o->min_count = 1;
    o->seed = 20240601;
    o->sigma2 = 10;
    o->eta0 = 0.1;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "-", train_options, NULL)) != -1)
        train_option(o, c, optarg);
    if (!o->out || !o->ntrain)
        die("usage: warta-train train --out FILE [--dev DEV]... TRAIN...%s", "");
    if (o->runs < 1)
        o->runs = 1;
}

/* Everything one training needs, built from the options. */
typedef struct trainer {
    const train_opts_t *o;
    labels_t lb;
    shape_t sh;
    unsigned L;
    env_t *env;
    dataset_t tr, dv[MAXFILES];
    fmap_t fm, fm2;     /* all training features; those kept (the dev sets') */
    uint64_t *hashes;   /* [F] feature hash of each kept id */
    uint32_t F;
    size_t WN, TN, maxn, ncountry;
    unsigned dev_domain;
    int augment;        /* --augment, or some file was --private */
} trainer_t;

/* Reads the training files (with their --masked / domain marks). */
static void read_training(trainer_t *t)
{
    const train_opts_t *o = t->o;
    int augment = o->augment;
    for (int i = 0; i < o->ntrain; i++) {
        size_t first = t->tr.c.ntok;
        read_conll(&t->tr.c, o->train[i]);
        for (size_t k = first; k < t->tr.c.ntok; k++) {
            t->tr.c.tok[k].soft_o = (uint8_t)o->masked[i];
            t->tr.c.tok[k].domain = (uint8_t)(augment || o->private_[i] ? i + 1 : 0);
        }
        augment |= o->private_[i];
    }
    if (o->target >= o->ntrain)
        die("--target must name a training file (0..%s)", "number of files - 1");
    t->augment = augment;
    t->dev_domain = augment && o->target >= 0 ? (unsigned)o->target + 1 : 0;
    t->ncountry = o->countries ? split_countries(&t->tr.c) : 0;
}

/* Keeps the features seen at least --min-count times, renumbered 0..F-1,
 * in tr.f, hashes and fm2. */
static void prune_rare(trainer_t *t)
{
    fcorpus_t *f = &t->tr.f;
    uint32_t *remap = xrealloc(NULL, (t->fm.n + 1) * sizeof *remap);
    uint32_t F = 0;
    for (size_t i = 0; i < t->fm.n; i++)
        remap[i] = t->fm.count[i] >= t->o->min_count ? F++ : UINT32_MAX;
    size_t o = 0;
    for (size_t k = 0; k < t->tr.c.ntok; k++) {
        size_t b = f->foff[k], e = f->foff[k + 1];
        f->foff[k] = o;
        for (size_t j = b; j < e; j++)
            if (remap[f->fid[j]] != UINT32_MAX)
                f->fid[o++] = remap[f->fid[j]];
    }
    f->foff[t->tr.c.ntok] = o;
    f->nfid = o;
    t->hashes = xrealloc(NULL, (size_t)F * sizeof *t->hashes + 8);
    for (size_t i = 0; i < t->fm.n; i++)
        if (remap[i] != UINT32_MAX)
            t->hashes[remap[i]] = t->fm.hash_of[i];
    for (uint32_t i = 0; i < F; i++)
        fmap_get(&t->fm2, t->hashes[i], 1);
    t->F = F;
    free(remap);
}

static void read_dev(trainer_t *t)
{
    const train_opts_t *o = t->o;
    for (int i = 0; i < o->ndev; i++) {
        dataset_t *d = &t->dv[i];
        d->name = o->dev[i];
        read_conll(&d->c, o->dev[i]);
        for (size_t k = 0; k < d->c.ntok; k++)
            d->c.tok[k].soft_o = (uint8_t)o->dev_masked[i];
        if (o->countries)
            split_countries(&d->c);
        extract(t->env, &d->c, &t->lb, &t->fm2, 0, t->dev_domain, &d->f);
    }
}

static void trainer_open(trainer_t *t, const train_opts_t *o)
{
    memset(t, 0, sizeof *t);
    t->o = o;
    if (o->countries)
        load_countries(o->countries);
    labels_init(&t->lb, o->bilou);
    t->L = t->lb.L;
    shape_init(&t->sh, &t->lb);
    t->env = env_open();
    read_training(t);
    extract(t->env, &t->tr.c, &t->lb, &t->fm, 1, 0, &t->tr.f);
    prune_rare(t);
    read_dev(t);
    printf("train: %zu sentences, %zu tokens, %u labels (%s), %u features (of %zu), "
           "%zu country spans, %zu PER repairs, %zu split marks, %zu masked O\n",
           t->tr.c.nsent, t->tr.c.ntok, t->L, o->bilou ? "BILOU" : "BIO", t->F, t->fm.n,
           t->ncountry, t->tr.c.repaired_per, t->tr.c.split_marks, t->tr.f.nmasked);
    t->WN = (size_t)t->F * t->L;
    t->TN = (size_t)(t->L + 1) * t->L;
    t->maxn = corpus_max_sentence(&t->tr.c);
}

static void trainer_close(trainer_t *t)
{
    free(t->hashes);
    fmap_free(&t->fm);
    fmap_free(&t->fm2);
    for (int i = 0; i < t->o->ndev; i++) {
        corpus_free(&t->dv[i].c);
        fcorpus_free(&t->dv[i].f);
    }
    corpus_free(&t->tr.c);
    fcorpus_free(&t->tr.f);
    env_close(t->env);
    countries_free();
}

/* The weights of one run or of their mean: emission [F][L] and
 * transitions [L+1][L]. */
typedef struct weights {
    float *w, *t;
} weights_t;

static void weights_alloc(weights_t *x, size_t WN, size_t TN)
{
    x->w = calloc(WN + 1, sizeof *x->w);
    x->t = calloc(TN, sizeof *x->t);
    if (!x->w || !x->t)
        die("out of memory%s", "");
}

static void weights_free(weights_t *x)
{
    free(x->w);
    free(x->t);
}

/* The learner of one run: the perceptron or the CRF. */
typedef struct learner {
    perceptron_t pc;
    crf_sgd_t cs;
} learner_t;

/* One epoch of either algorithm; the epoch's weights go to cur. */
static void train_epoch(trainer_t *t, learner_t *ln, const size_t *order, int run, int ep,
                        weights_t *cur)
{
    const train_opts_t *o = t->o;
    if (o->crf) {
        double obj = crf_epoch(&ln->cs, &t->tr, order, &t->sh, t->WN);
        double wn = crf_take_weights(&ln->cs, o->crf_avg, ep, t->WN, t->TN, cur->w, cur->t);
        printf("run %d epoch %2d: objective %.1f (loss %.1f), step %.4g\n", run, ep,
               obj + 0.5 * ln->cs.creg * (double)t->tr.c.nsent * wn, obj,
               o->eta0 / (1 + ln->cs.creg * o->eta0 * ln->cs.t));
    } else {
        size_t errors = perceptron_epoch(&ln->pc, &t->tr, order, &t->sh, t->WN, cur->w, cur->t);
        printf("run %d epoch %2d: %zu/%zu training sentences wrong\n", run, ep, errors,
               t->tr.c.nsent);
    }
}

/* One run: epochs until --epochs or --patience epochs without a better
 * dev score; the best epoch's weights go to best.  Returns its score. */
static double train_run(trainer_t *t, learner_t *ln, size_t *order, int run, weights_t *cur,
                        weights_t *best, int *best_epoch)
{
    const train_opts_t *o = t->o;
    if (o->crf)
        crf_sgd_reset(&ln->cs, t->WN, t->TN);
    else
        perceptron_reset(&ln->pc, t->WN, t->TN);
    for (size_t s = 0; s < t->tr.c.nsent; s++)
        order[s] = s;
    rng_seed(o->seed + 1000003ULL * (uint64_t)run);
    double top = -1;
    *best_epoch = 0;
    for (int ep = 1; ep <= o->epochs; ep++) {
        for (size_t s = t->tr.c.nsent; s > 1; s--) { /* Fisher-Yates */
            size_t j = rng() % s, tmp = order[s - 1];
            order[s - 1] = order[j];
            order[j] = tmp;
        }
        train_epoch(t, ln, order, run, ep, cur);
        double score = dev_all(cur->w, cur->t, &t->sh, &t->lb, t->dv, o->ndev, ep);
        if (score > top) {
            top = score;
            *best_epoch = ep;
            memcpy(best->w, cur->w, t->WN * sizeof *best->w);
            memcpy(best->t, cur->t, t->TN * sizeof *best->t);
        } else if (ep - *best_epoch >= o->patience) {
            break;
        }
        fflush(stdout);
    }
    printf("run %d: best epoch %d (dev all %.4f)\n", run, *best_epoch, top);
    return top;
}

/* --runs runs; their mean goes to out.  Returns the last score printed. */
static double train_runs(trainer_t *t, weights_t *out, int *best_epoch)
{
    const train_opts_t *o = t->o;
    learner_t ln;
    memset(&ln, 0, sizeof ln);
    if (o->crf)
        crf_sgd_init(&ln.cs, t->WN, t->TN, t->maxn, t->L, o->eta0,
                     1.0 / (o->sigma2 * (double)t->tr.c.nsent));
    else
        perceptron_init(&ln.pc, t->WN, t->TN, t->maxn, t->L);
    weights_t cur, sum;
    weights_alloc(&cur, t->WN, t->TN);
    weights_alloc(&sum, t->WN, t->TN);
    size_t *order = xrealloc(NULL, t->tr.c.nsent * sizeof *order);
    double best = -1;
    for (int run = 0; run < o->runs; run++) {
        best = train_run(t, &ln, order, run, &cur, out, best_epoch);
        for (size_t i = 0; i < t->WN; i++)
            sum.w[i] += out->w[i];
        for (size_t i = 0; i < t->TN; i++)
            sum.t[i] += out->t[i];
    }
    for (size_t i = 0; i < t->WN; i++)
        out->w[i] = sum.w[i] / (float)o->runs;
    for (size_t i = 0; i < t->TN; i++)
        out->t[i] = sum.t[i] / (float)o->runs;
    if (o->runs > 1) {
        printf("mean of %d runs:\n", o->runs);
        best = dev_all(out->w, out->t, &t->sh, &t->lb, t->dv, o->ndev, 0);
    }
    if (o->crf)
        crf_sgd_free(&ln.cs);
    else
        perceptron_free(&ln.pc);
    weights_free(&cur);
    weights_free(&sum);
    free(order);
    return best;
}

/* --augment: folds the --target file's private copies into the shared
 * rows and drops every private copy (the shipped model has one row per
 * shared hash). */
static void fold_private(trainer_t *t, float *bw)
{
    uint32_t F = t->F;
    unsigned L = t->L;
    uint8_t *priv = calloc((size_t)F + 1, 1);
    if (!priv)
        die("out of memory%s", "");
    for (uint32_t f = 0; f < F; f++)
        for (int d = 1; d <= t->o->ntrain; d++) {
            uint32_t g = fmap_get(&t->fm2, dmix(t->hashes[f], (unsigned)d), 0);
            if (g != UINT32_MAX)
                priv[g] = 1;
        }
    for (uint32_t f = 0; f < F; f++) {
        if (priv[f])
            continue;
        uint32_t g = t->dev_domain ? fmap_get(&t->fm2, dmix(t->hashes[f], t->dev_domain), 0)
                                   : UINT32_MAX;
        if (g != UINT32_MAX)
            for (unsigned l = 0; l < L; l++)
                bw[(size_t)f * L + l] += bw[(size_t)g * L + l];
    }
    for (uint32_t f = 0; f < F; f++)
        if (priv[f])
            memset(bw + (size_t)f * L, 0, L * sizeof *bw);
    free(priv);
}

/* Drops features whose weights are all zero, or all smaller than --prune
 * in magnitude (a smaller model has fewer cache misses); compacts bw and
 * t->hashes and returns the number kept. */
static uint32_t drop_small(trainer_t *t, float *bw)
{
    unsigned L = t->L;
    float prune = t->o->prune;
    uint32_t F2 = 0;
    for (uint32_t f = 0; f < t->F; f++) {
        int nz = 0;
        for (unsigned l = 0; l < L; l++)
            nz |= prune > 0 ? fabsf(bw[(size_t)f * L + l]) > prune : bw[(size_t)f * L + l] != 0.0f;
        if (!nz)
            continue;
        memmove(bw + (size_t)F2 * L, bw + (size_t)f * L, L * sizeof *bw);
        t->hashes[F2++] = t->hashes[f];
    }
    return F2;
}

int cmd_train(int argc, char **argv)
{
    train_opts_t o;
    parse_train_opts(&o, argc, argv);
    clock_t t0 = clock();
    trainer_t t;
    trainer_open(&t, &o);
    weights_t best;
    weights_alloc(&best, t.WN, t.TN);
    int best_epoch = 0;
    double score = train_runs(&t, &best, &best_epoch);
    if (t.augment)
        fold_private(&t, best.w);
    uint32_t F2 = drop_small(&t, best.w);
    const char *names[MAXL];
    for (unsigned l = 0; l < t.L; l++)
        names[l] = t.lb.name[l];
    if (model_write(o.out, names, t.L, best.t, best.w, t.hashes, F2) < 0)
        die("cannot write %s", o.out);
    printf("last run best epoch %d (dev all %.4f); wrote %s: %u features, %u labels; %.1f s\n",
           best_epoch, score, o.out, F2, t.L, (double)(clock() - t0) / CLOCKS_PER_SEC);
    weights_free(&best);
    trainer_close(&t);
    return 0;
}
