/* udeval.c - evaluates warta's tokenizer and sentence splitter on CoNLL-U.
 *
 *   udeval [-v] FILE.conllu...
 *
 * For each file: the `# text = ` lines of its sentences are joined with one
 * space into one running text; the gold surface tokens (a multi-word token
 * line "3-4 nuklirnya" is one surface token, its words are skipped) are
 * aligned to that text.  tok_run and sent_run then segment the running text,
 * and precision, recall and F1 are printed for sentence ends (byte offsets
 * where a sentence ends) and for token spans (exact byte start and end).
 * With -v, every missed and spurious sentence end and token is listed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
#include "text.h"

typedef struct span { size_t b, e; } span_t;

typedef struct gold {
    char *text;
    size_t n, cap;
    span_t *tok;
    size_t ntok, captok;
    size_t *send;
    size_t nsend, capsend;
    size_t unaligned;
} gold_t;

static int append(gold_t *g, const char *s, size_t len)
{
    if (vec_reserve((void **)&g->text, &g->cap, g->n + len + 2, 1))
        return -1;
    memcpy(g->text + g->n, s, len);
    g->n += len;
    g->text[g->n] = '\0';
    return 0;
}

/* Reads one CoNLL-U file into a running text with gold spans. */
static int read_conllu(const char *path, gold_t *g)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    size_t sb = 0, pos = 0, skip_to = 0; /* sentence start, align cursor */
    int in_sent = 0;
    while ((len = getline(&line, &lcap, f)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (strncmp(line, "# text = ", 9) == 0) {
            const char *t = line + 9;
            size_t tl = (size_t)len - 9;
            while (tl && (t[tl - 1] == ' ' || t[tl - 1] == '\t'))
                tl--;
            if (g->n && append(g, " ", 1))
                return -1;
            sb = g->n;
            if (append(g, t, tl))
                return -1;
            pos = sb;
            skip_to = 0;
            in_sent = 1;
            continue;
        }
        if (len == 0) {
            if (in_sent) {
                if (vec_reserve((void **)&g->send, &g->capsend, g->nsend + 1, sizeof *g->send))
                    return -1;
                g->send[g->nsend++] = g->n;
            }
            in_sent = 0;
            continue;
        }
        if (line[0] == '#' || !in_sent)
            continue;
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        char *tab2 = strchr(tab + 1, '\t');
        if (!tab2)
            continue;
        *tab = '\0';
        *tab2 = '\0';
        if (strchr(line, '.'))
            continue; /* empty node */
        unsigned long a = strtoul(line, NULL, 10), z = a;
        char *dash = strchr(line, '-');
        if (dash)
            z = strtoul(dash + 1, NULL, 10);
        else if (a <= skip_to)
            continue; /* a word inside a multi-word token */
        if (dash)
            skip_to = z;
        const char *form = tab + 1;
        size_t fl = strlen(form);
        /* align: skip white space, then the form must match */
        size_t k = pos;
        while (k < g->n && (g->text[k] == ' ' || g->text[k] == '\t'))
            k++;
        if (k + fl <= g->n && memcmp(g->text + k, form, fl) == 0) {
            if (vec_reserve((void **)&g->tok, &g->captok, g->ntok + 1, sizeof *g->tok))
                return -1;
            g->tok[g->ntok].b = k;
            g->tok[g->ntok].e = k + fl;
            g->ntok++;
            pos = k + fl;
        } else {
            g->unaligned++;
        }
    }
    if (in_sent) {
        if (vec_reserve((void **)&g->send, &g->capsend, g->nsend + 1, sizeof *g->send))
            return -1;
        g->send[g->nsend++] = g->n;
    }
    free(line);
    fclose(f);
    return 0;
}

static void prf(const char *what, size_t tp, size_t npred, size_t ngold)
{
    double p = npred ? (double)tp / (double)npred : 0, r = ngold ? (double)tp / (double)ngold : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("  %-9s gold %6zu  pred %6zu  P %.4f  R %.4f  F1 %.4f\n", what, ngold, npred, p, r, f);
}

static void show(const char *tag, const gold_t *g, size_t at)
{
    size_t b = at > 50 ? at - 50 : 0, e = at + 50 < g->n ? at + 50 : g->n;
    while (b > 0 && b < g->n && ((unsigned char)g->text[b] & 0xC0) == 0x80)
        b--;
    while (e < g->n && ((unsigned char)g->text[e] & 0xC0) == 0x80)
        e++;
    printf("    %s %.*s<|>%.*s\n", tag, (int)(at - b), g->text + b, (int)(e - at), g->text + at);
}

static int eval_file(const tok_rules_t *tr, const sent_rules_t *sr, const char *path, int verbose)
{
    gold_t g = {0};
    if (read_conllu(path, &g)) {
        free(g.text);
        free(g.tok);
        free(g.send);
        return -1;
    }
    pipe_t p = {0};
    size_t chars, bad;
    if (text_check(g.text, g.n, &chars, &bad)) {
        fprintf(stderr, "%s: not valid UTF-8 text (byte %zu)\n", path, bad);
        return -1;
    }
    p.s = g.text;
    p.n = g.n;
    p.chars = chars;
    if (tok_run(tr, &p) || sent_run(sr, &p)) {
        fprintf(stderr, "out of memory\n");
        return -1;
    }
    printf("%s\n", path);
    /* sentence ends */
    size_t tp = 0, gi = 0, pi = 0;
    while (gi < g.nsend || pi < p.nsent) {
        size_t ge = gi < g.nsend ? g.send[gi] : SIZE_MAX;
        size_t pe = pi < p.nsent ? p.sent[pi].byte_end : SIZE_MAX;
        if (ge == pe) {
            tp++, gi++, pi++;
        } else if (ge < pe) {
            if (verbose)
                show("missed  ", &g, ge);
            gi++;
        } else {
            if (verbose)
                show("spurious", &g, pe);
            pi++;
        }
    }
    prf("sentences", tp, p.nsent, g.nsend);
    /* token spans */
    tp = gi = pi = 0;
    while (gi < g.ntok || pi < p.ntok) {
        span_t gs = gi < g.ntok ? g.tok[gi] : (span_t){SIZE_MAX, SIZE_MAX};
        span_t ps = pi < p.ntok ? (span_t){p.tok[pi].byte_start, p.tok[pi].byte_end}
                                : (span_t){SIZE_MAX, SIZE_MAX};
        if (gs.b == ps.b && gs.e == ps.e) {
            tp++, gi++, pi++;
        } else if (gs.b < ps.b || (gs.b == ps.b && gs.e < ps.e)) {
            if (verbose)
                printf("    gold  %.*s\n", (int)(gs.e - gs.b), g.text + gs.b);
            gi++;
        } else {
            if (verbose)
                printf("    pred  %.*s\n", (int)(ps.e - ps.b), g.text + ps.b);
            pi++;
        }
    }
    prf("tokens", tp, p.ntok, g.ntok);
    if (g.unaligned)
        printf("  (%zu gold tokens did not match the text and were left out)\n", g.unaligned);
    free(p.tok);
    free(p.sent);
    free(g.text);
    free(g.tok);
    free(g.send);
    return 0;
}

int main(int argc, char **argv)
{
    int verbose = 0, rc = 0;
    tok_rules_t *tr;
    sent_rules_t *sr;
    warta_error_t err;
    if (tok_load(&tr, &err) || sent_load(&sr, &err)) {
        fprintf(stderr, "udeval: %s\n", err.message);
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0) {
            verbose = 1;
            continue;
        }
        if (eval_file(tr, sr, argv[i], verbose))
            rc = 1;
    }
    tok_free(tr);
    sent_free(sr);
    return rc;
}
