/* eval.c - `warta-train eval`: the full pipeline (warta_tag_tokens) on
 * gold `token<TAB>BIO` files, scored as conlleval does. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "train.h"

static void print_conlleval(const counts_t *ct, size_t ntok, size_t tok_ok)
{
    size_t g, f, c;
    totals(ct, &g, &f, &c);
    double p = f ? 100.0 * (double)c / (double)f : 0, r = g ? 100.0 * (double)c / (double)g : 0;
    printf("processed %zu tokens with %zu phrases; found: %zu phrases; correct: %zu.\n", ntok, g, f,
           c);
    printf("accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
           ntok ? 100.0 * (double)tok_ok / (double)ntok : 0, p, r, 100 * f1(g, f, c));
    for (int t = 0; t < WARTA_NTYPES; t++) {
        if (!ct->gold[t] && !ct->found[t])
            continue;
        double tp = ct->found[t] ? 100.0 * (double)ct->correct[t] / (double)ct->found[t] : 0;
        double tr = ct->gold[t] ? 100.0 * (double)ct->correct[t] / (double)ct->gold[t] : 0;
        printf("%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %zu\n",
               warta_type_name((warta_type_t)t), tp, tr,
               100 * f1(ct->gold[t], ct->found[t], ct->correct[t]), ct->found[t]);
    }
}

/* One line per span only in the gold (-) or only in the output (+). */
static void print_errors(const corpus_t *c, size_t b, const span_t *g, size_t ng, const span_t *p,
                         size_t np)
{
    for (int side = 0; side < 2; side++) {
        const span_t *x = side ? p : g, *y = side ? g : p;
        size_t nx = side ? np : ng, ny = side ? ng : np;
        for (size_t i = 0; i < nx; i++) {
            int found = 0;
            for (size_t j = 0; j < ny && !found; j++)
                found = x[i].b == y[j].b && x[i].e == y[j].e && x[i].type == y[j].type;
            if (found)
                continue;
            printf("%c %-12s ", side ? '+' : '-', warta_type_name((warta_type_t)x[i].type));
            size_t lo = x[i].b > 3 ? x[i].b - 3 : 0;
            for (size_t k = lo; k < x[i].e + 3 && b + k < c->ntok && (k < x[i].e || b + k < c->ntok); k++) {
                if (k == x[i].b) printf("[");
                printf("%s", c->tok[b + k].s);
                if (k + 1 == x[i].e) printf("]");
                printf(" ");
            }
            printf("\n");
        }
    }
}

/* Tags sentence [b, b+n) of c and adds its spans to ct; returns the
 * number of tokens tagged right. */
static size_t eval_sentence(warta_worker_t *wk, const corpus_t *c, size_t b, size_t n,
                            int split_country, int show_errors, counts_t *ct)
{
    warta_error_t err;
    size_t tok_ok = 0;
    const char **toks = xrealloc(NULL, n * sizeof *toks), **tags = xrealloc(NULL, n * sizeof *tags);
    size_t *lens = xrealloc(NULL, n * sizeof *lens);
    uint8_t *gp = xrealloc(NULL, n), *gt = xrealloc(NULL, n), *pp = xrealloc(NULL, n),
            *pt = xrealloc(NULL, n);
    span_t *gs = xrealloc(NULL, n * sizeof *gs), *ps = xrealloc(NULL, n * sizeof *ps);
    for (size_t i = 0; i < n; i++) {
        toks[i] = c->tok[b + i].s;
        lens[i] = c->tok[b + i].n;
    }
    if (warta_tag_tokens(wk, toks, lens, n, tags, &err) < 0)
        die("%s", err.message);
    for (size_t i = 0; i < n; i++) {
        uint8_t pre = 0, type = 0;
        if (model_parse_label(tags[i], &pre, &type) < 0)
            pre = LP_O;
        if (type == WARTA_MONEY) /* the corpora do not annotate money */
            pre = LP_O;
        if (!split_country && type == WARTA_COUNTRY)
            type = WARTA_LOCATION;
        pp[i] = pre;
        pt[i] = type;
        gp[i] = c->tok[b + i].pre;
        gt[i] = c->tok[b + i].type;
        if (!split_country && gt[i] == WARTA_COUNTRY)
            gt[i] = WARTA_LOCATION;
        tok_ok += pp[i] == gp[i] && (pp[i] == LP_O || pt[i] == gt[i]);
    }
    size_t ng = spans_of(gp, gt, n, gs), np = spans_of(pp, pt, n, ps);
    count_spans(ct, gs, ng, ps, np);
    if (show_errors)
        print_errors(c, b, gs, ng, ps, np);
    free(toks);
    free(tags);
    free(lens);
    free(gp);
    free(gt);
    free(pp);
    free(pt);
    free(gs);
    free(ps);
    return tok_ok;
}

static void eval_file(warta_worker_t *wk, const char *path, int split_country, int show_errors)
{
    corpus_t c;
    memset(&c, 0, sizeof c);
    read_conll(&c, path);
    if (split_country)
        split_countries(&c);
    counts_t ct;
    memset(&ct, 0, sizeof ct);
    size_t tok_ok = 0, bytes = 0;
    clock_t t0 = clock();
    for (size_t s = 0; s < c.nsent; s++) {
        size_t b = c.sent[s], n = c.sent[s + 1] - b;
        for (size_t i = 0; i < n; i++)
            bytes += c.tok[b + i].n + 1;
        tok_ok += eval_sentence(wk, &c, b, n, split_country, show_errors, &ct);
    }
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    printf("== %s (%zu sentences, %.2f MB/s through warta_tag_tokens)\n", path, c.nsent,
           secs > 0 ? (double)bytes / secs / 1e6 : 0.0);
    print_conlleval(&ct, c.ntok, tok_ok);
    corpus_free(&c);
}

static const struct option eval_options[] = {
    {"model", required_argument, 0, 'm'}, {"split-country", no_argument, 0, 's'},
    {"errors", no_argument, 0, 'e'}, {0, 0, 0, 0}};

/* argv[0] is "eval". */
int cmd_eval(int argc, char **argv)
{
    warta_config_t cfg = warta_config_default();
    int split_country = 0, nfiles = 0, show_errors = 0, c;
    const char *files[MAXFILES];
    optind = 1;
    while ((c = getopt_long(argc, argv, "-", eval_options, NULL)) != -1) {
        if (c == 'm') cfg.model_path = optarg;
        else if (c == 's') split_country = 1;
        else if (c == 'e') show_errors = 1;
        else if (c == 1 && nfiles < MAXFILES) files[nfiles++] = optarg;
        else if (c != 1) die("unknown option; see warta-train --help%s", "");
    }
    if (!nfiles)
        die("usage: warta-train eval [--model FILE] [--split-country] [--errors] GOLD...%s", "");
    if (split_country)
        load_countries("data/lex_countries.txt");
    warta_t *w;
    warta_error_t err;
    if (warta_open(&w, &cfg, &err) < 0)
        die("%s", err.message);
    warta_worker_t *wk = warta_worker_new(w);
    if (!wk)
        die("out of memory%s", "");
    for (int fi = 0; fi < nfiles; fi++)
        eval_file(wk, files[fi], split_country, show_errors);
    warta_worker_free(wk);
    warta_close(w);
    countries_free();
    return 0;
}
