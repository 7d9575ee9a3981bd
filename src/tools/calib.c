/* calib.c - the reliability table of entity scores (docs/confidence.md):
 * runs warta_analyze() over each sentence of `token<TAB>BIO` corpora (the
 * tokens joined by spaces), and counts, per score bin, how many entities
 * exactly match a gold entity (same first and last token, same type; a
 * COUNTRY counts as LOCATION, as the corpora annotate countries as places;
 * MONEY is not annotated there and is left out).
 *
 *   build/calib [--bins N] DEV.conll...
 *
 * An entity whose score is one of the fixed levels of the gazetteer and
 * the rules (confidence.h) is counted in that level's row; the others, the
 * tagger's probabilities, in the score bins.  (The public entity does not
 * say which recognizer found it: a tagger entity whose probability rounds
 * to exactly such a level lands in that row, about 1 in 1000 of them.)  No
 * lexicon is used, and MONEY is left out, so those levels are not measured.
 *
 * Prints, for each file and for all of them: bin, entities, correct,
 * precision, mean score, the expected calibration error (the entity-
 * weighted mean |precision - mean score| over the bins), and the precision
 * at each fixed level. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confidence.h"
#include "warta.h"

#define MAXBINS 20

/* the fixed levels measured here */
enum { NLEVELS = 4 };
static const double levels[NLEVELS] = {CONF_GAZ_COUNTRY, CONF_GAZ_ORG, CONF_GAZ_PLACE, CONF_RULE};
static const char *const level_names[NLEVELS] = {"gazetteer COUNTRY", "gazetteer ORGANIZATION",
                                                 "gazetteer LOCATION", "rules"};

typedef struct tally {
    size_t n[MAXBINS + 1], ok[MAXBINS + 1];
    double sum[MAXBINS + 1];
} tally_t;

typedef struct sent {
    char *text;        /* tokens joined by spaces */
    size_t len, cap;
    size_t *tb, *te;   /* byte range of each token */
    int *gtype;        /* gold: type of the entity the token is in, -1 for O */
    int *gbegin;       /* gold: the token opens an entity */
    size_t n, capn;
} sent_t;

static void die(const char *what)
{
    fprintf(stderr, "calib: %s\n", what);
    exit(1);
}

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 16;
    while (c < need)
        c *= 2;
    p = realloc(p, c * elem);
    if (!p)
        die("out of memory");
    *cap = c;
    return p;
}

/* PER/PERSON, ORG/ORGANISATION/ORGANIZATION, LOC/PLACE/LOCATION; -1 else */
static int gold_type(const char *s)
{
    if (!strcmp(s, "PER") || !strcmp(s, "PERSON"))
        return WARTA_PERSON;
    if (!strcmp(s, "ORG") || !strcmp(s, "ORGANISATION") || !strcmp(s, "ORGANIZATION"))
        return WARTA_ORGANIZATION;
    if (!strcmp(s, "LOC") || !strcmp(s, "PLACE") || !strcmp(s, "LOCATION") || !strcmp(s, "GPE"))
        return WARTA_LOCATION;
    return -1;
}

static void add_token(sent_t *s, const char *tok, size_t tn, const char *label)
{
    size_t capt = s->capn, capg = s->capn, capb = s->capn;
    s->tb = grow(s->tb, &capt, s->n + 1, sizeof *s->tb);
    s->te = grow(s->te, &capg, s->n + 1, sizeof *s->te);
    s->gtype = grow(s->gtype, &capb, s->n + 1, sizeof *s->gtype);
    size_t capb2 = s->capn;
    s->gbegin = grow(s->gbegin, &capb2, s->n + 1, sizeof *s->gbegin);
    s->capn = capt;
    s->text = grow(s->text, &s->cap, s->len + tn + 2, 1);
    if (s->n)
        s->text[s->len++] = ' ';
    s->tb[s->n] = s->len;
    memcpy(s->text + s->len, tok, tn);
    s->len += tn;
    s->te[s->n] = s->len;
    int type = label[0] == 'O' || !label[1] ? -1 : gold_type(label + 2);
    int prev = s->n ? s->gtype[s->n - 1] : -1;
    s->gtype[s->n] = type;
    s->gbegin[s->n] = type >= 0 && (label[0] == 'B' || label[0] == 'U' || prev != type);
    s->n++;
}

/* Is byte range [b, e) of type t exactly a gold entity? */
static int gold_match(const sent_t *s, size_t b, size_t e, int t)
{
    size_t i = 0;
    while (i < s->n && s->tb[i] != b)
        i++;
    if (i == s->n || !s->gbegin[i] || s->gtype[i] != t)
        return 0;
    size_t j = i + 1;
    while (j < s->n && s->gtype[j] == t && !s->gbegin[j])
        j++;
    return s->te[j - 1] == e;
}

static int bin_of(double score, int bins)
{
    if (score >= 1.0)
        return bins; /* exactly 1: a bin of its own */
    int k = (int)(score * bins);
    return k < 0 ? 0 : k >= bins ? bins - 1 : k;
}

static void score_sentence(warta_worker_t *wk, const sent_t *s, int bins, tally_t *t, tally_t *fixed)
{
    warta_doc_t *d;
    if (warta_analyze(wk, s->text, s->len, NULL, &d, NULL) < 0)
        die("warta_analyze failed");
    for (size_t i = 0; i < d->n_entities; i++) {
        const warta_entity_t *e = &d->entities[i];
        if (e->type == WARTA_MONEY)
            continue;
        int type = e->type == WARTA_COUNTRY ? WARTA_LOCATION : (int)e->type;
        int ok = gold_match(s, e->byte_start, e->byte_end, type);
        int l = 0;
        while (l < NLEVELS && e->score != levels[l])
            l++;
        if (l < NLEVELS) {
            fixed->n[l]++;
            fixed->ok[l] += (size_t)ok;
            continue;
        }
        int k = bin_of(e->score, bins);
        t->n[k]++;
        t->ok[k] += (size_t)ok;
        t->sum[k] += e->score;
    }
    warta_doc_free(d);
}

static void read_file(warta_worker_t *wk, const char *path, int bins, tally_t *t, tally_t *fx)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        die(path);
    sent_t s;
    memset(&s, 0, sizeof s);
    char *line = NULL;
    size_t cap = 0;
    for (;;) {
        ssize_t k = getline(&line, &cap, fp);
        size_t n = k > 0 ? (size_t)k : 0;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        if (k < 0 || !n) {
            if (s.n)
                score_sentence(wk, &s, bins, t, fx);
            s.n = s.len = 0;
            if (k < 0)
                break;
            continue;
        }
        line[n] = '\0';
        char *tab = strrchr(line, '\t');
        if (!tab)
            tab = strrchr(line, ' ');
        if (!tab || tab == line)
            continue;
        *tab = '\0';
        add_token(&s, line, (size_t)(tab - line), tab + 1);
    }
    free(line);
    free(s.text);
    free(s.tb);
    free(s.te);
    free(s.gtype);
    free(s.gbegin);
    fclose(fp);
}

static void print_table(const char *name, const tally_t *t, const tally_t *fx, int bins)
{
    printf("\n%s\n\n| score bin | entities | correct | precision | mean score |\n"
           "|---|---:|---:|---:|---:|\n", name);
    size_t total = 0;
    double ece = 0;
    for (int k = 0; k <= bins; k++) {
        if (!t->n[k])
            continue;
        double p = (double)t->ok[k] / (double)t->n[k], m = t->sum[k] / (double)t->n[k];
        if (k == bins)
            printf("| 1 | ");
        else
            printf("| [%.2f, %.2f) | ", (double)k / bins, (double)(k + 1) / bins);
        printf("%zu | %zu | %.3f | %.3f |\n", t->n[k], t->ok[k], p, m);
        total += t->n[k];
        ece += (double)t->n[k] * (p > m ? p - m : m - p);
    }
    printf("\ntagger entities: %zu; expected calibration error: %.3f\n", total,
           total ? ece / (double)total : 0.0);
    printf("\n| fixed level | score | entities | correct | precision |\n|---|---:|---:|---:|---:|\n");
    for (int l = 0; l < NLEVELS; l++)
        printf("| %s | %.2f | %zu | %zu | %.3f |\n", level_names[l], levels[l], fx->n[l], fx->ok[l],
               fx->n[l] ? (double)fx->ok[l] / (double)fx->n[l] : 0.0);
}

int main(int argc, char **argv)
{
    int bins = 10, first = 1;
    if (argc > 2 && !strcmp(argv[1], "--bins")) {
        bins = atoi(argv[2]);
        first = 3;
    }
    if (bins < 1 || bins > MAXBINS || first >= argc)
        die("usage: calib [--bins N (1-20)] DEV.conll...");
    warta_t *w;
    warta_error_t err;
    if (warta_open(&w, NULL, &err) < 0)
        die(err.message);
    warta_worker_t *wk = warta_worker_new(w);
    if (!wk)
        die("out of memory");
    tally_t all, allfx;
    memset(&all, 0, sizeof all);
    memset(&allfx, 0, sizeof allfx);
    for (int i = first; i < argc; i++) {
        tally_t t, fx;
        memset(&t, 0, sizeof t);
        memset(&fx, 0, sizeof fx);
        read_file(wk, argv[i], bins, &t, &fx);
        print_table(argv[i], &t, &fx, bins);
        for (int k = 0; k <= MAXBINS; k++) {
            all.n[k] += t.n[k], all.ok[k] += t.ok[k], all.sum[k] += t.sum[k];
            allfx.n[k] += fx.n[k], allfx.ok[k] += fx.ok[k];
        }
    }
    if (argc - first > 1)
        print_table("all files", &all, &allfx, bins);
    warta_worker_free(wk);
    warta_close(w);
    return 0;
}
