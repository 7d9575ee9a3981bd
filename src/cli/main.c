/* main.c - the warta command line.  Uses only include/warta.h. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "inputs.h"
#include "warta.h"

/* Exit codes: documented in the README and warta.1; never change them. */
enum { EXIT_ALL_OK = 0, EXIT_SOME_FAILED = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
    "Usage: warta [OPTIONS] [PATH ...]\n"
    "Find people, countries, organizations, money and places in Indonesian news.\n"
    "\n"
    "PATH is a file (one document), a directory (its files matching --glob,\n"
    "recursively, in byte-wise sorted order) or - for standard input (the\n"
    "default).  Output: one JSON object per document per line.\n"
    "\n"
    "Options:\n"
    "  -f, --format FMT      json (default), tsv or conll\n"
    "  -p, --pretty          indent the JSON\n"
    "  -t, --types LIST      keep only these types, e.g. PERSON,MONEY\n"
    "      --sentences       add the sentences to the JSON\n"
    "      --tokens          add the sentences with their tokens\n"
    "      --summary         add a per-document summary of distinct entities\n"
    "  -g, --glob PATTERN    files to read in directories (default *.txt)\n"
    "      --replace-invalid repair invalid UTF-8 with U+FFFD instead of failing\n"
    "      --model FILE      load this model instead of the embedded one\n"
    "  -h, --help            show this help and exit\n"
    "  -V, --version         show the version and exit\n"
    "\n"
    "Exit status: 0 all documents processed, 1 some document failed (all\n"
    "others were still processed and printed), 2 usage error.\n";

static void usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "warta: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'warta --help' for more information.\n");
    exit(EXIT_USAGE);
}

typedef struct cli {
    warta_options_t aopt;
    warta_render_options_t ropt;
    warta_config_t config;
    inputs_options_t iopt;
    int failed;     /* some document failed */
    int out_closed; /* the reader of stdout went away */
} cli_t;

/* Writes to stdout; on a closed pipe stops quietly, on any other error
 * reports it and exits 1. */
static int emit(cli_t *c, const char *s, size_t n)
{
    if (c->out_closed || !n)
        return c->out_closed ? -1 : 0;
    if (fwrite(s, 1, n, stdout) != n) {
        if (errno == EPIPE) {
            c->out_closed = 1;
            return -1;
        }
        fprintf(stderr, "warta: error: writing output: %s\n", strerror(errno));
        exit(EXIT_SOME_FAILED);
    }
    return 0;
}

static void report_failure(cli_t *c, const char *source, const char *msg)
{
    c->failed = 1;
    fprintf(stderr, "warta: error: %s: %s\n", source, msg);
    char *out;
    size_t len;
    if (warta_render_error(source, msg, &c->ropt, &out, &len) == WARTA_OK) {
        emit(c, out, len);
        free(out);
    }
}

static void process(cli_t *c, warta_worker_t *wk, const document_t *d)
{
    if (d->error) {
        report_failure(c, d->source, d->error);
        return;
    }
    warta_doc_t *doc;
    warta_error_t err;
    if (warta_analyze(wk, d->data, d->len, &c->aopt, &doc, &err) < 0) {
        report_failure(c, d->source, err.message);
        return;
    }
    char *out;
    size_t len;
    int rc = warta_render(doc, d->source, &c->ropt, &out, &len);
    warta_doc_free(doc);
    if (rc < 0) {
        report_failure(c, d->source, warta_errmsg(rc));
        return;
    }
    emit(c, out, len);
    free(out);
}

static unsigned parse_types(const char *s)
{
    unsigned mask = 0;
    while (*s) {
        size_t n = strcspn(s, ",");
        int t = warta_type_parse(s, n);
        if (t < 0) {
            char name[64];
            snprintf(name, sizeof name, "%.*s", (int)(n < 60 ? n : 60), s);
            usage_error("unknown entity type '%s' (PERSON, COUNTRY, ORGANIZATION, MONEY, LOCATION)", name);
        }
        mask |= WARTA_TYPE_BIT(t);
        s += n;
        if (*s == ',')
            s++;
    }
    if (!mask)
        usage_error("--types needs at least one type%s", "");
    return mask;
}

int main(int argc, char **argv)
{
    cli_t c;
    memset(&c, 0, sizeof c);
    c.aopt = warta_options_default();
    c.ropt = warta_render_options_default();
    c.config = warta_config_default();
    c.iopt = inputs_options_default();

    enum { O_SENTENCES = 256, O_TOKENS, O_SUMMARY, O_REPLACE, O_MODEL };
    static const struct option longopts[] = {
        {"format", required_argument, 0, 'f'},
        {"pretty", no_argument, 0, 'p'},
        {"types", required_argument, 0, 't'},
        {"sentences", no_argument, 0, O_SENTENCES},
        {"tokens", no_argument, 0, O_TOKENS},
        {"summary", no_argument, 0, O_SUMMARY},
        {"glob", required_argument, 0, 'g'},
        {"replace-invalid", no_argument, 0, O_REPLACE},
        {"model", required_argument, 0, O_MODEL},
        {"help", no_argument, 0, 'h'},
        {"version", no_argument, 0, 'V'},
        {0, 0, 0, 0}};
    opterr = 0;
    int opt;
    while ((opt = getopt_long(argc, argv, ":f:pt:g:hV", longopts, NULL)) != -1) {
        switch (opt) {
        case 'f':
            if (!strcmp(optarg, "json"))
                c.ropt.format = WARTA_FORMAT_JSON;
            else if (!strcmp(optarg, "tsv"))
                c.ropt.format = WARTA_FORMAT_TSV;
            else if (!strcmp(optarg, "conll"))
                c.ropt.format = WARTA_FORMAT_CONLL;
            else
                usage_error("unknown format '%s' (json, tsv, conll)", optarg);
            break;
        case 'p': c.ropt.pretty = 1; break;
        case 't': c.aopt.types = parse_types(optarg); break;
        case O_SENTENCES: c.ropt.sentences = 1; break;
        case O_TOKENS: c.ropt.sentences = c.ropt.tokens = 1; break;
        case O_SUMMARY: c.ropt.summary = 1; break;
        case 'g': c.iopt.glob = optarg; break;
        case O_REPLACE: c.aopt.replace_invalid = 1; break;
        case O_MODEL: c.config.model_path = optarg; break;
        case 'h':
            fputs(usage_text, stdout);
            return fclose(stdout) ? EXIT_SOME_FAILED : EXIT_ALL_OK;
        case 'V':
            printf("warta %s (JSON schema %d)\n", WARTA_VERSION, WARTA_SCHEMA_VERSION);
            return fclose(stdout) ? EXIT_SOME_FAILED : EXIT_ALL_OK;
        case ':':
            usage_error("option '%s' needs an argument", argv[optind - 1]);
            break;
        default:
            usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    signal(SIGPIPE, SIG_IGN);

    warta_t *w;
    warta_error_t err;
    if (warta_open(&w, &c.config, &err) < 0) {
        fprintf(stderr, "warta: error: %s: %s\n",
                c.config.model_path ? c.config.model_path : "embedded model", err.message);
        return EXIT_SOME_FAILED;
    }
    warta_worker_t *wk = warta_worker_new(w);
    if (!wk) {
        fprintf(stderr, "warta: error: out of memory\n");
        warta_close(w);
        return EXIT_SOME_FAILED;
    }

    static char *const stdin_only[] = {"-", NULL};
    char *const *paths = optind < argc ? argv + optind : stdin_only;
    inputs_t *in = inputs_open(paths, &c.iopt);
    if (!in) {
        fprintf(stderr, "warta: error: out of memory\n");
        return EXIT_SOME_FAILED;
    }
    document_t d;
    while (!c.out_closed && inputs_next(in, &d)) {
        process(&c, wk, &d);
        document_release(&d);
    }
    inputs_close(in);
    warta_worker_free(wk);
    warta_close(w);

    if (!c.out_closed && (fflush(stdout) != 0 || ferror(stdout))) {
        if (errno != EPIPE) {
            fprintf(stderr, "warta: error: writing output: %s\n", strerror(errno));
            return EXIT_SOME_FAILED;
        }
    }
    if (fclose(stdout) != 0 && errno != EPIPE && !c.out_closed) {
        fprintf(stderr, "warta: error: writing output: %s\n", strerror(errno));
        return EXIT_SOME_FAILED;
    }
    return c.failed ? EXIT_SOME_FAILED : EXIT_ALL_OK;
}
