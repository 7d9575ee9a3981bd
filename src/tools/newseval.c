/*
 * newseval.c - scores warta's output against the realistic-news regression
 * set (tests/news/, docs/news-eval.md).
 *
 *   newseval [--errors] PRED GOLD.gold.tsv...
 *
 * PRED is warta's output over the articles: JSON Lines (the default format,
 * one object per document) or --format tsv.  A gold file NN-slug.gold.tsv
 * belongs to the document whose "source" (JSON) or first column (TSV) is
 * NN-slug.txt with the same directory, as warta prints the path it was
 * given.  An article with no prediction counts every gold entity as missed;
 * a prediction for a document that has no gold file is an error (so the
 * paths given to warta and to newseval must be spelled alike).
 *
 * Scored: PERSON, ORGANIZATION, COUNTRY, MONEY, each entity right when its
 * start, end (code points) and type equal a gold entity's.  LOCATION and any
 * other type are ignored on both sides.  Printed: per type and overall
 * (micro) gold/predicted/correct counts, precision, recall and F1, then value
 * accuracy over correctly spanned COUNTRY (ISO code) and MONEY entities
 * (currency, amount or min-max, and the approximate flag written "~").
 * --errors first lists, per article, false negatives (FN), false positives
 * (FP) and value mismatches (VAL).
 *
 * Exit status: 0 scored, 2 usage or input error.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { T_PER, T_ORG, T_COU, T_MON, N_TYPES };
static const char *const type_names[N_TYPES] = {"PERSON", "ORGANIZATION", "COUNTRY", "MONEY"};

typedef struct {
    long start, end;
    int type;     /* T_* */
    char *text;
    char *value;  /* normalized; "" where none */
    int matched;
} ent_t;

typedef struct {
    ent_t *v;
    size_t n, cap;
} ents_t;

typedef struct {
    char *name;   /* the .txt path the prediction's source must equal */
    ents_t gold, pred;
} doc_t;

typedef struct {
    long gold[N_TYPES], pred[N_TYPES], tp[N_TYPES];
    long val_ok[N_TYPES], val_n[N_TYPES];
} score_t;

static void die(const char *what, const char *where)
{
    fprintf(stderr, "newseval: %s%s%s\n", what, where ? ": " : "", where ? where : "");
    exit(2);
}

static char *xstrdup(const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d)
        die("out of memory", NULL);
    return d;
}

static int type_index(const char *s)
{
    for (int i = 0; i < N_TYPES; i++)
        if (!strcmp(s, type_names[i]))
            return i;
    return -1;
}

/* Canonical decimal: no trailing zeros after the point, no bare point. */
static void trim_decimal(char *s)
{
    char *dot = strchr(s, '.');
    if (!dot)
        return;
    char *e = s + strlen(s);
    while (e > dot + 1 && e[-1] == '0')
        e--;
    if (e == dot + 1)
        e = dot;
    *e = '\0';
}

/* A MONEY value "CUR a[-b][~]" with each amount trimmed, into a new string. */
static char *norm_money(const char *v)
{
    char cur[16] = "", a[64] = "", b[64] = "";
    size_t n = strlen(v);
    int approx = n > 0 && v[n - 1] == '~';
    char tmp[160];
    if (n >= sizeof tmp)
        return xstrdup(v);
    memcpy(tmp, v, n + 1);
    if (approx)
        tmp[n - 1] = '\0';
    if (sscanf(tmp, "%15s %63[0-9.]-%63[0-9.]", cur, a, b) < 2)
        return xstrdup(v);
    trim_decimal(a);
    trim_decimal(b);
    char out[192];
    snprintf(out, sizeof out, "%s %s%s%s%s", cur, a, b[0] ? "-" : "", b, approx ? "~" : "");
    return xstrdup(out);
}

static void push(ents_t *es, long start, long end, int type, const char *text,
                 const char *value)
{
    if (es->n == es->cap) {
        es->cap = es->cap ? 2 * es->cap : 16;
        es->v = realloc(es->v, es->cap * sizeof *es->v);
        if (!es->v)
            die("out of memory", NULL);
    }
    ent_t *e = &es->v[es->n++];
    e->start = start;
    e->end = end;
    e->type = type;
    e->text = xstrdup(text);
    e->value = type == T_MON ? norm_money(value ? value : "") : xstrdup(value);
    e->matched = 0;
}

/* Splits line at tabs in place; returns the number of fields (at most max). */
static int split_tabs(char *line, char **f, int max)
{
    int n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

static void load_gold(doc_t *d, const char *path)
{
    const char *suffix = ".gold.tsv";
    size_t n = strlen(path), k = strlen(suffix);
    if (n <= k || strcmp(path + n - k, suffix))
        die("gold file must end in .gold.tsv", path);
    d->name = malloc(n - k + 5);
    if (!d->name)
        die("out of memory", NULL);
    memcpy(d->name, path, n - k);
    strcpy(d->name + n - k, ".txt");
    FILE *fp = fopen(path, "r");
    if (!fp)
        die("cannot read", path);
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, fp) > 0) {
        char *f[6];
        if (split_tabs(line, f, 5) != 5)
            die("gold line without 5 tab-separated fields", path);
        int t = type_index(f[2]);
        if (t >= 0)
            push(&d->gold, atol(f[0]), atol(f[1]), t, f[3], f[4]);
    }
    free(line);
    fclose(fp);
}

static doc_t *find_doc(doc_t *docs, size_t n, const char *source)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(docs[i].name, source))
            return &docs[i];
    die("prediction for a document without a gold file", source);
    return NULL;
}

/* A JSON number as a decimal string (integers exactly; reals shortest). */
static void json_decimal(const json_t *j, char *out, size_t cap)
{
    if (json_is_integer(j)) {
        snprintf(out, cap, "%lld", (long long)json_integer_value(j));
        return;
    }
    double x = json_real_value(j);
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(out, cap, "%.*g", prec, x);
        if (strtod(out, NULL) == x)
            break;
    }
    if (strchr(out, 'e'))
        snprintf(out, cap, "%.6f", x);
    trim_decimal(out);
}

/* The value string of one JSON entity's "normalized" object. */
static void json_value(const json_t *norm, int type, char *out, size_t cap)
{
    out[0] = '\0';
    if (!json_is_object(norm))
        return;
    if (type == T_COU) {
        const char *iso = json_string_value(json_object_get(norm, "iso"));
        snprintf(out, cap, "%s", iso ? iso : "");
    } else if (type == T_MON) {
        const char *cur = json_string_value(json_object_get(norm, "currency"));
        json_t *amt = json_object_get(norm, "amount");
        char a[64] = "", b[64] = "";
        if (json_is_number(amt)) {
            json_decimal(amt, a, sizeof a);
        } else {
            json_t *lo = json_object_get(norm, "min"), *hi = json_object_get(norm, "max");
            if (json_is_number(lo))
                json_decimal(lo, a, sizeof a);
            if (json_is_number(hi))
                json_decimal(hi, b, sizeof b);
        }
        snprintf(out, cap, "%s %s%s%s%s", cur ? cur : "", a, b[0] ? "-" : "", b,
                 json_is_true(json_object_get(norm, "approximate")) ? "~" : "");
    }
}

static void load_json_line(doc_t *docs, size_t nd, const char *line)
{
    json_error_t err;
    json_t *root = json_loads(line, 0, &err);
    if (!root)
        die("prediction line is not JSON", err.text);
    const char *src = json_string_value(json_object_get(root, "source"));
    json_t *ents = json_object_get(root, "entities");
    if (!src || !json_is_array(ents))
        die("JSON prediction without \"source\" and \"entities\"", src);
    doc_t *d = find_doc(docs, nd, src);
    size_t i;
    json_t *e;
    json_array_foreach(ents, i, e) {
        const char *ty = json_string_value(json_object_get(e, "type"));
        int t = ty ? type_index(ty) : -1;
        if (t < 0)
            continue;
        char val[192];
        json_value(json_object_get(e, "normalized"), t, val, sizeof val);
        push(&d->pred, (long)json_integer_value(json_object_get(e, "start")),
             (long)json_integer_value(json_object_get(e, "end")), t,
             json_string_value(json_object_get(e, "text")), val);
    }
    json_decref(root);
}

static void load_tsv_line(doc_t *docs, size_t nd, char *line)
{
    char *f[7];
    int n = split_tabs(line, f, 6);
    if (n < 5)
        die("TSV prediction line with fewer than 5 fields", f[0]);
    doc_t *d = find_doc(docs, nd, f[0]);
    int t = type_index(f[3]);
    if (t >= 0)
        push(&d->pred, atol(f[1]), atol(f[2]), t, f[4],
             (t == T_COU || t == T_MON) && n == 6 ? f[5] : "");
}

static void load_pred(doc_t *docs, size_t nd, const char *path)
{
    FILE *fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
    if (!fp)
        die("cannot read", path);
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, fp) > 0) {
        if (line[0] == '{')
            load_json_line(docs, nd, line);
        else if (line[0] != '\n')
            load_tsv_line(docs, nd, line);
    }
    free(line);
    if (fp != stdin)
        fclose(fp);
}

static const ent_t *find_match(ents_t *pred, const ent_t *g)
{
    for (size_t i = 0; i < pred->n; i++) {
        ent_t *p = &pred->v[i];
        if (!p->matched && p->start == g->start && p->end == g->end && p->type == g->type) {
            p->matched = 1;
            return p;
        }
    }
    return NULL;
}

static void print_ent(const char *tag, const ent_t *e)
{
    printf("  %-3s %-12s %ld-%ld \"%s\"", tag, type_names[e->type], e->start, e->end, e->text);
}

/* Scores one document into s; with errors, prints its FN/FP/VAL lines. */
static void score_doc(doc_t *d, score_t *s, int errors)
{
    int header = 0;
    for (size_t i = 0; i < d->gold.n; i++) {
        const ent_t *g = &d->gold.v[i];
        const ent_t *p = find_match(&d->pred, g);
        s->gold[g->type]++;
        int bad_value = 0;
        if (p) {
            s->tp[g->type]++;
            if (g->type == T_COU || g->type == T_MON) {
                s->val_n[g->type]++;
                bad_value = strcmp(g->value, p->value) != 0;
                s->val_ok[g->type] += !bad_value;
            }
        }
        if (errors && (!p || bad_value)) {
            if (!header++)
                printf("== %s\n", d->name);
            print_ent(p ? "VAL" : "FN", g);
            if (p)
                printf(" gold %s, got %s", g->value, p->value);
            printf("\n");
        }
    }
    for (size_t i = 0; i < d->pred.n; i++) {
        const ent_t *p = &d->pred.v[i];
        s->pred[p->type]++;
        if (errors && !p->matched) {
            if (!header++)
                printf("== %s\n", d->name);
            print_ent("FP", p);
            printf("\n");
        }
    }
}

static void print_row(const char *label, long g, long p, long tp)
{
    double prec = p ? (double)tp / (double)p : (g ? 0.0 : 1.0);
    double rec = g ? (double)tp / (double)g : (p ? 0.0 : 1.0);
    double f1 = prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0.0;
    printf("%-14s %6ld %6ld %6ld  %.4f  %.4f  %.4f\n", label, g, p, tp, prec, rec, f1);
}

static void print_scores(const score_t *s, size_t ndocs)
{
    printf("newseval: %zu articles\n", ndocs);
    printf("%-14s %6s %6s %6s  %-6s  %-6s  %-6s\n", "type", "gold", "pred", "tp", "P", "R", "F1");
    long g = 0, p = 0, tp = 0;
    for (int t = 0; t < N_TYPES; t++) {
        print_row(type_names[t], s->gold[t], s->pred[t], s->tp[t]);
        g += s->gold[t];
        p += s->pred[t];
        tp += s->tp[t];
    }
    print_row("OVERALL", g, p, tp);
    for (int t = T_COU; t <= T_MON; t++)
        printf("value %-8s %ld/%ld  %.4f\n", type_names[t], s->val_ok[t], s->val_n[t],
               s->val_n[t] ? (double)s->val_ok[t] / (double)s->val_n[t] : 1.0);
}

static void free_ents(ents_t *es)
{
    for (size_t i = 0; i < es->n; i++) {
        free(es->v[i].text);
        free(es->v[i].value);
    }
    free(es->v);
}

int main(int argc, char **argv)
{
    int errors = 0, a = 1;
    if (a < argc && !strcmp(argv[a], "--errors")) {
        errors = 1;
        a++;
    }
    if (argc - a < 2) {
        fprintf(stderr, "usage: newseval [--errors] PRED GOLD.gold.tsv...\n");
        return 2;
    }
    const char *pred = argv[a++];
    size_t nd = (size_t)(argc - a);
    doc_t *docs = calloc(nd, sizeof *docs);
    if (!docs)
        die("out of memory", NULL);
    for (size_t i = 0; i < nd; i++)
        load_gold(&docs[i], argv[a + (int)i]);
    load_pred(docs, nd, pred);
    score_t s;
    memset(&s, 0, sizeof s);
    for (size_t i = 0; i < nd; i++)
        score_doc(&docs[i], &s, errors);
    print_scores(&s, nd);
    for (size_t i = 0; i < nd; i++) {
        free_ents(&docs[i].gold);
        free_ents(&docs[i].pred);
        free(docs[i].name);
    }
    free(docs);
    return 0;
}
