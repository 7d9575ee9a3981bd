/* main.c - the warta command line.  Uses only include/warta.h. */
#include <errno.h>
#include <pthread.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "inputs.h"
#include "jsonl.h"
#include "lines.h"
#include "pool.h"
#include "progress.h"
#include "term.h"
#include "warta.h"

/* Exit codes: documented in the README and warta.1; never change them. */
enum { EXIT_ALL_OK = 0, EXIT_SOME_FAILED = 1, EXIT_USAGE = 2 };

/* --max-doc-bytes default: far above any news article, and low enough that
 * a few such documents in flight at once fit in memory. */
#define DEFAULT_MAX_DOC ((size_t)64 << 20)

/* SIGINT or SIGTERM received (see stop_signals_install) */
static volatile sig_atomic_t g_signal;

static const char usage_text[] =
    "Usage: warta [OPTIONS] [PATH ...]\n"
    "Find people, countries, organizations, money and places in Indonesian news.\n"
    "\n"
    "PATH is a file (one document), a directory (its files matching --glob,\n"
    "recursively, in byte-wise sorted order) or - for standard input (the\n"
    "default).  Output: one JSON object per document per line, in input order.\n"
    "\n"
    "Options:\n"
    "  -f, --format FMT      json (default), tsv, conll, csv (a header row, then a\n"
    "                        row per entity or failed document) or html (one\n"
    "                        review page for all documents)\n"
    "  -p, --pretty          indent the JSON\n"
    "  -t, --types LIST      keep only these types, e.g. PERSON,MONEY\n"
    "      --sentences       add the sentences to the JSON\n"
    "      --tokens          add the sentences with their tokens\n"
    "      --summary         add a per-document summary of distinct entities\n"
    "      --min-score X     drop entities whose score (0 to 1) is below X\n"
    "      --lexicon FILE    user entries FORM<TAB>TYPE[<TAB>CANONICAL] that win\n"
    "                        over the model and the gazetteers (repeatable)\n"
    "  -g, --glob PATTERN    files to read in directories (default *.txt)\n"
    "      --hidden          walk hidden files and folders too\n"
    "      --input KIND      text (default: a file is one document), lines (each\n"
    "                        line is one document) or jsonl (each line is\n"
    "                        {\"id\": ..., \"text\": \"...\"}; output carries the id)\n"
    "  -j, --jobs N          worker threads (default: the number of CPUs); the\n"
    "                        output is the same for every N\n"
    "  -q, --quiet           no progress line and no warnings on stderr\n"
    "      --replace-invalid repair invalid UTF-8 with U+FFFD instead of failing\n"
    "      --model FILE      load this model instead of the embedded one\n"
    "      --max-doc-bytes N refuse documents (files, standard input, lines)\n"
    "                        longer than N bytes before reading them whole;\n"
    "                        suffixes K, M, G (default 64M, at most 4G-1)\n"
    "  -h, --help            show this help and exit\n"
    "  -V, --version         show the version and exit\n"
    "\n"
    "Exit status: 0 all documents processed, 1 some document failed (all\n"
    "others were still processed and printed), 2 usage error.\n";

static void usage_error(const char *fmt, const char *arg)
{
    /* fmt holds one %s: the argument goes there, escaped */
    const char *at = strstr(fmt, "%s");
    fprintf(stderr, "warta: error: %.*s", (int)(at - fmt), fmt);
    term_put(stderr, arg);
    fprintf(stderr, "%s\nTry 'warta --help' for more information.\n", at + 2);
    exit(EXIT_USAGE);
}

typedef enum input_mode { IN_TEXT = 0, IN_LINES, IN_JSONL } input_mode_t;

typedef struct cli {
    warta_options_t aopt;
    warta_render_options_t ropt;
    warta_config_t config;
    inputs_options_t iopt;
    input_mode_t mode;
    size_t max_doc;       /* --max-doc-bytes: longest document read */
    int quiet;
    int flush_each;       /* flush stdout after every record (streams) */
    warta_worker_t **workers;
    pthread_mutex_t term; /* serializes stderr: messages and progress */
    progress_t progress;
    /* the input, read by one pool thread at a time (feed_next) */
    inputs_t *in;
    FILE *fp;        /* the stream being split into lines, or NULL */
    char *fp_name;   /* its name, "-" for stdin */
    size_t lineno;
    /* written by the pool's writer only (one thread at a time) */
    int failed;     /* some document failed */
    int out_closed; /* the reader of stdout went away */
    int write_errno; /* writing stdout failed */
    warta_lexicon_t *lexicon; /* --lexicon files, or NULL */
} cli_t;

/* A document on its way through the pool. */
enum { J_ERROR, J_FILE, J_DATA, J_JSONL };
typedef struct job {
    pool_job_t pj; /* first: the pool sees only this */
    int kind;
    char *source;  /* display name: path, "-", NAME:LINE; malloc'd */
    char *data;    /* J_DATA, J_JSONL: the bytes; malloc'd */
    size_t len;
    size_t in_bytes; /* bytes analysed, for the progress line */
    const char *error; /* why it failed (NULL: it did not) */
    char errbuf[256];
    char *out;     /* rendered record; malloc'd */
    size_t out_len;
    /* A large document is not rendered into `out` but kept, with its text
     * (`data`, or the JSONL record `rec`), and streamed to the output when
     * its turn comes (job_write): no string of the whole record. */
    warta_doc_t *doc;
    jsonl_record_t rec;
} job_t;

/* Documents of at least this many bytes are streamed (job_t.doc): their
 * record would be a string of several times their size.  Smaller ones are
 * rendered by the worker that analysed them, in parallel. */
#define STREAM_MIN_BYTES ((size_t)1 << 20)
/* What a kept document costs the pool's budget per input byte: about what
 * it holds (text, tokens, sentences, entities), so that other results do
 * not pile up behind it. */
#define STREAM_COST_PER_BYTE 8

static job_t *job_new(int kind, char *source)
{
    job_t *j = calloc(1, sizeof *j);
    if (!j) {
        fprintf(stderr, "warta: error: out of memory\n");
        exit(EXIT_SOME_FAILED);
    }
    j->kind = kind;
    j->source = source;
    return j;
}

static void job_fail(cli_t *c, job_t *j, const char *msg, const char *id_json)
{
    if (msg != j->errbuf)
        snprintf(j->errbuf, sizeof j->errbuf, "%s", msg);
    j->error = j->errbuf;
    free(j->out);
    j->out = NULL;
    j->out_len = 0;
    warta_render_options_t ro = c->ropt;
    ro.id_json = id_json;
    if (warta_render_error(j->source, j->error, &ro, &j->out, &j->out_len) < 0)
        j->out = NULL, j->out_len = 0;
}

/* Analyses text[0..len); renders the record into j->out, or, for a large
 * document, keeps it in j->doc for job_write (returns 1: the text must
 * stay); 0 otherwise. */
static int analyze(cli_t *c, warta_worker_t *wk, job_t *j, const char *text, size_t len,
                   const char *id_json)
{
    j->in_bytes = len;
    warta_doc_t *doc;
    warta_error_t err;
    if (warta_analyze(wk, text, len, &c->aopt, &doc, &err) < 0) {
        job_fail(c, j, err.message, id_json);
        return 0;
    }
    if (len >= STREAM_MIN_BYTES) {
        j->doc = doc;
        return 1;
    }
    warta_render_options_t ro = c->ropt;
    ro.id_json = id_json;
    int rc = warta_render(doc, j->source, &ro, &j->out, &j->out_len);
    warta_doc_free(doc);
    if (rc < 0)
        job_fail(c, j, warta_errmsg(rc), id_json);
    return 0;
}

/* pool: runs in a worker thread */
static void job_run(void *ctx, unsigned worker, pool_job_t *pj)
{
    cli_t *c = ctx;
    job_t *j = (job_t *)pj;
    warta_worker_t *wk = c->workers[worker];
    int keep = 0; /* the document is kept: so is its text */
    switch (j->kind) {
    case J_ERROR:
        job_fail(c, j, j->errbuf, NULL);
        break;
    case J_FILE: {
        const char *e = read_file(j->source, c->max_doc, &j->data, &j->len, j->errbuf,
                                  sizeof j->errbuf);
        if (e)
            job_fail(c, j, e, NULL);
        else
            keep = analyze(c, wk, j, j->data, j->len, NULL);
        break;
    }
    case J_DATA:
        keep = analyze(c, wk, j, j->data, j->len, NULL);
        break;
    case J_JSONL: {
        jsonl_record_t *r = &j->rec;
        const char *e = jsonl_decode(j->data, j->len, r, j->errbuf, sizeof j->errbuf);
        if (e)
            job_fail(c, j, e, r->id_json);
        else
            keep = analyze(c, wk, j, r->text, r->len, r->id_json);
        free(j->data); /* the record holds the text */
        j->data = NULL;
        if (!keep)
            jsonl_record_free(r);
        break;
    }
    }
    if (keep) {
        j->pj.cost = j->in_bytes * STREAM_COST_PER_BYTE;
        return;
    }
    free(j->data); /* the input is not needed any more: only the output waits */
    j->data = NULL;
    j->pj.cost = j->out_len;
}

/* Notes why writing stdout failed; -1. */
static int write_failed(cli_t *c)
{
    if (errno == EPIPE)
        c->out_closed = 1;
    else
        c->write_errno = errno ? errno : EIO;
    return -1;
}

/* warta_write_fn: a piece of a streamed record to stdout */
static int put_piece(void *ctx, const char *s, size_t n)
{
    return n && fwrite(s, 1, n, stdout) != n ? write_failed(ctx) : 0;
}

/* Writes to stdout.  A closed pipe or a failed write stops the batch. */
static int emit(cli_t *c, const char *s, size_t n)
{
    if (put_piece(c, s, n) < 0)
        return -1;
    if (c->flush_each && fflush(stdout) != 0)
        return write_failed(c);
    return 0;
}

/* Streams the record of a kept document (job_t.doc) to stdout.  If the
 * render fails for want of memory midway, the record written so far is
 * ended with a line break and followed by the error record. */
static int stream_doc(cli_t *c, job_t *j)
{
    warta_render_options_t ro = c->ropt;
    ro.id_json = j->rec.id_json;
    int rc = warta_render_write(j->doc, j->source, &ro, put_piece, c);
    if (rc == WARTA_ERR_IO)
        return -1;
    if (rc < 0) {
        job_fail(c, j, warta_errmsg(rc), ro.id_json);
        c->failed = 1;
        pthread_mutex_lock(&c->term);
        progress_clear(&c->progress);
        term_msg("error", j->source, j->error);
        pthread_mutex_unlock(&c->term);
        if (put_piece(c, "\n", 1) < 0)
            return -1;
        return emit(c, j->out, j->out_len);
    }
    return emit(c, NULL, 0);
}

/* pool: the writer, one job at a time, in input order */
static int job_write(void *ctx, pool_job_t *pj)
{
    cli_t *c = ctx;
    job_t *j = (job_t *)pj;
    if (g_signal)
        return -1; /* stopped by a signal: nothing more is written */
    if (j->error) {
        c->failed = 1;
        pthread_mutex_lock(&c->term);
        progress_clear(&c->progress);
        term_msg("error", j->source, j->error);
        pthread_mutex_unlock(&c->term);
    }
    if ((j->doc ? stream_doc(c, j) : emit(c, j->out, j->out_len)) < 0)
        return -1;
    pthread_mutex_lock(&c->term);
    progress_step(&c->progress, j->in_bytes);
    pthread_mutex_unlock(&c->term);
    return 0;
}

static void job_release(void *ctx, pool_job_t *pj)
{
    (void)ctx;
    job_t *j = (job_t *)pj;
    warta_doc_free(j->doc);
    jsonl_record_free(&j->rec);
    free(j->source);
    free(j->data);
    free(j->out);
    free(j);
}

/* inputs: a directory loop and the like */
static void warn(void *ctx, const char *path, const char *msg)
{
    cli_t *c = ctx;
    if (c->quiet)
        return;
    pthread_mutex_lock(&c->term);
    progress_clear(&c->progress);
    term_msg("warning", path, msg);
    pthread_mutex_unlock(&c->term);
}

static char *xstrdup(const char *s)
{
    char *p = strdup(s ? s : "?");
    if (!p) {
        fprintf(stderr, "warta: error: out of memory\n");
        exit(EXIT_SOME_FAILED);
    }
    return p;
}

static job_t *error_job(const char *source, const char *msg)
{
    job_t *j = job_new(J_ERROR, xstrdup(source));
    snprintf(j->errbuf, sizeof j->errbuf, "%s", msg);
    return j;
}

/* "NAME:LINE" of the current line, malloc'd. */
static char *line_source(const cli_t *c)
{
    size_t sl = strlen(c->fp_name) + 24;
    char *src = malloc(sl);
    if (!src) {
        fprintf(stderr, "warta: error: out of memory\n");
        exit(EXIT_SOME_FAILED);
    }
    snprintf(src, sl, "%s:%zu", c->fp_name, c->lineno);
    return src;
}

/* --input lines / jsonl: the next line of c->fp as a record named
 * NAME:LINE, at most --max-doc-bytes long (a longer line, or one that
 * cannot be allocated, is an error record and the stream goes on at the
 * next line); NULL at the end of the stream (which is then closed), or an
 * error job if reading failed. */
static job_t *next_line(cli_t *c)
{
    for (;;) {
        char *line;
        size_t n;
        int r = line_read(c->fp, c->max_doc, &line, &n);
        if (r == EFBIG || r == ENOMEM) {
            c->lineno++;
            job_t *j = job_new(J_ERROR, line_source(c));
            if (r == EFBIG)
                too_large(j->errbuf, sizeof j->errbuf, 0, c->max_doc);
            else
                snprintf(j->errbuf, sizeof j->errbuf, "line too long to read: %s", strerror(r));
            return j;
        }
        if (r) {
            job_t *j = r != EOF ? error_job(c->fp_name, strerror(r)) : NULL;
            if (c->fp != stdin)
                fclose(c->fp);
            free(c->fp_name);
            c->fp = NULL;
            c->fp_name = NULL;
            return j;
        }
        /* a UTF-8 byte order mark before the first JSON record is not
         * part of it (in --input lines the library handles it, as in a
         * file) */
        if (c->lineno++ == 0 && c->mode == IN_JSONL && n >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) {
            memmove(line, line + 3, n - 2);
            n -= 3;
        }
        if (n && line[n - 1] == '\r')
            n--;
        if (c->mode == IN_JSONL && strspn(line, " \t") == n) {
            free(line); /* a blank line is not a record */
            continue;
        }
        job_t *j = job_new(c->mode == IN_JSONL ? J_JSONL : J_DATA, line_source(c));
        j->data = line;
        j->len = n;
        return j;
    }
}

/* ---- SIGINT / SIGTERM -------------------------------------------------
 * Blocked in every thread except while one reads the input (feed_next), so
 * a record is never cut: the handler only notes the signal; a read blocked
 * on a pipe returns EINTR (no SA_RESTART); no more input is taken, nothing
 * more is written (job_write), the output is flushed whole, and warta then
 * dies by the same signal, the conventional status (128 + its number).  A
 * signal ignored when warta starts (nohup, a background job) stays
 * ignored. */
static sigset_t g_stop_set;

static void on_stop_signal(int sig) { g_signal = sig; }

static void stop_signals_install(void)
{
    static const int sigs[] = {SIGINT, SIGTERM};
    sigemptyset(&g_stop_set);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction old;
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaddset(&g_stop_set, sigs[i]);
        sigaction(sigs[i], &sa, NULL);
    }
    pthread_sigmask(SIG_BLOCK, &g_stop_set, NULL); /* inherited by the pool */
}

static void die_by_signal(void)
{
    signal(g_signal, SIG_DFL);
    pthread_sigmask(SIG_UNBLOCK, &g_stop_set, NULL);
    raise(g_signal);
    exit(128 + g_signal); /* not reached */
}

static pool_job_t *feed_next_input(cli_t *c);

/* pool: the next document in input order (one thread at a time); the only
 * place a stop signal is let in */
static pool_job_t *feed_next(void *ctx)
{
    cli_t *c = ctx;
    pthread_sigmask(SIG_UNBLOCK, &g_stop_set, NULL);
    pool_job_t *j = g_signal ? NULL : feed_next_input(c);
    pthread_sigmask(SIG_BLOCK, &g_stop_set, NULL);
    if (j && g_signal) {
        job_release(c, j);
        j = NULL;
    }
    return j;
}

/* the next document: a line of the stream being read, or the next input */
static pool_job_t *feed_next_input(cli_t *c)
{
    for (;;) {
        if (c->fp) {
            job_t *j = next_line(c);
            if (j)
                return &j->pj;
            continue;
        }
        input_t d;
        if (!inputs_next(c->in, &d))
            return NULL;
        job_t *j = NULL;
        if (d.kind == INPUT_ERROR) {
            j = error_job(d.source, d.error);
        } else if (c->mode != IN_TEXT) {
            FILE *fp = d.kind == INPUT_STDIN ? stdin : fopen(d.source, "rb");
            if (!fp) {
                j = error_job(d.source, strerror(errno));
            } else {
                c->fp = fp;
                c->fp_name = xstrdup(d.kind == INPUT_STDIN ? "-" : d.source);
                c->lineno = 0;
            }
        } else if (d.kind == INPUT_STDIN) {
            j = job_new(J_DATA, xstrdup(d.source));
            int e = read_all(stdin, c->max_doc, &j->data, &j->len);
            if (e) {
                j->kind = J_ERROR;
                if (e == EFBIG)
                    too_large(j->errbuf, sizeof j->errbuf, 0, c->max_doc);
                else
                    snprintf(j->errbuf, sizeof j->errbuf, "%s", strerror(e));
            }
        } else {
            j = job_new(J_FILE, xstrdup(d.source)); /* the worker reads it */
        }
        input_release(&d);
        if (j)
            return &j->pj;
    }
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

static double parse_score(const char *s)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= 0 && v <= 1))
        usage_error("--min-score needs a number from 0 to 1, not '%s'", s);
    return v;
}

/* --lexicon FILE: a file that cannot be read or holds a malformed line is a
 * usage error naming the file (and line). */
static void add_lexicon(cli_t *c, const char *path)
{
    warta_error_t err;
    if (!c->lexicon && !(c->lexicon = warta_lexicon_new())) {
        fprintf(stderr, "warta: error: out of memory\n");
        exit(EXIT_SOME_FAILED);
    }
    if (warta_lexicon_add_file(c->lexicon, path, &err) < 0)
        usage_error("--lexicon %s", err.message);
    c->aopt.lexicon = c->lexicon;
}

/* The CSV header or the HTML page's head (footer 0) / end (footer 1). */
static void page_part(cli_t *c, int footer)
{
    char *out = NULL;
    size_t n = 0;
    int rc = footer ? warta_render_footer(&c->ropt, &out, &n)
                    : warta_render_header(&c->ropt, &out, &n);
    if (rc < 0) {
        fprintf(stderr, "warta: error: out of memory\n");
        exit(EXIT_SOME_FAILED);
    }
    if (!c->out_closed && !c->write_errno)
        emit(c, out, n);
    free(out);
}

static unsigned parse_jobs(const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 1 || v > 1024)
        usage_error("--jobs needs a number from 1 to 1024, not '%s'", s);
    return (unsigned)v;
}

/* --max-doc-bytes: 1 to 4 GiB - 1 (the library's own limit), with an
 * optional binary suffix K, M or G. */
static size_t parse_size(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    unsigned shift = 0;
    if (*end && !end[1])
        shift = strchr("kK", *end) ? 10 : strchr("mM", *end) ? 20 : strchr("gG", *end) ? 30 : 99;
    if (errno || end == s || *s == '-' || (*end && shift == 99) || (*end && end[1]) || v == 0 ||
        v > (0xFFFFFFFFull >> shift) || (v << shift) > 0xFFFFFFFFull)
        usage_error("--max-doc-bytes needs a size from 1 to 4G-1 bytes (suffix K, M or G), not '%s'", s);
    return (size_t)(v << shift);
}

static unsigned default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 1024 ? 1024 : (unsigned)n;
}

/* Flushes and closes stdout; the exit status. */
static int finish_output(cli_t *c)
{
    if (c->write_errno) {
        fprintf(stderr, "warta: error: writing output: %s\n", strerror(c->write_errno));
        return EXIT_SOME_FAILED;
    }
    if (!c->out_closed && (fflush(stdout) != 0 || ferror(stdout))) {
        if (errno != EPIPE) {
            fprintf(stderr, "warta: error: writing output: %s\n", strerror(errno));
            return EXIT_SOME_FAILED;
        }
        c->out_closed = 1;
    }
    if (fclose(stdout) != 0 && errno != EPIPE && !c->out_closed) {
        fprintf(stderr, "warta: error: writing output: %s\n", strerror(errno));
        return EXIT_SOME_FAILED;
    }
    return c->failed ? EXIT_SOME_FAILED : EXIT_ALL_OK;
}

/* The options into *c and *jobs (0: not given); --help and --version
 * print and exit, a bad option is a usage error (exit 2). */
static void parse_options(cli_t *c, unsigned *jobs, int argc, char **argv)
{
    enum { O_SENTENCES = 256, O_TOKENS, O_SUMMARY, O_REPLACE, O_MODEL, O_INPUT, O_HIDDEN,
           O_MAXDOC, O_MIN_SCORE, O_LEXICON };
    static const struct option longopts[] = {
        {"format", required_argument, 0, 'f'},
        {"pretty", no_argument, 0, 'p'},
        {"types", required_argument, 0, 't'},
        {"sentences", no_argument, 0, O_SENTENCES},
        {"tokens", no_argument, 0, O_TOKENS},
        {"summary", no_argument, 0, O_SUMMARY},
        {"min-score", required_argument, 0, O_MIN_SCORE},
        {"lexicon", required_argument, 0, O_LEXICON},
        {"glob", required_argument, 0, 'g'},
        {"hidden", no_argument, 0, O_HIDDEN},
        {"input", required_argument, 0, O_INPUT},
        {"jobs", required_argument, 0, 'j'},
        {"quiet", no_argument, 0, 'q'},
        {"replace-invalid", no_argument, 0, O_REPLACE},
        {"model", required_argument, 0, O_MODEL},
        {"max-doc-bytes", required_argument, 0, O_MAXDOC},
        {"help", no_argument, 0, 'h'},
        {"version", no_argument, 0, 'V'},
        {0, 0, 0, 0}};
    opterr = 0;
    int opt;
    while ((opt = getopt_long(argc, argv, ":f:pt:g:j:qhV", longopts, NULL)) != -1) {
        switch (opt) {
        case 'f':
            if (!strcmp(optarg, "json"))
                c->ropt.format = WARTA_FORMAT_JSON;
            else if (!strcmp(optarg, "tsv"))
                c->ropt.format = WARTA_FORMAT_TSV;
            else if (!strcmp(optarg, "conll"))
                c->ropt.format = WARTA_FORMAT_CONLL;
            else if (!strcmp(optarg, "csv"))
                c->ropt.format = WARTA_FORMAT_CSV;
            else if (!strcmp(optarg, "html"))
                c->ropt.format = WARTA_FORMAT_HTML;
            else
                usage_error("unknown format '%s' (json, tsv, conll, csv, html)", optarg);
            break;
        case 'p': c->ropt.pretty = 1; break;
        case 't': c->aopt.types = parse_types(optarg); break;
        case O_SENTENCES: c->ropt.sentences = 1; break;
        case O_TOKENS: c->ropt.sentences = c->ropt.tokens = 1; break;
        case O_SUMMARY: c->ropt.summary = 1; break;
        case O_MIN_SCORE: c->aopt.min_score = parse_score(optarg); break;
        case O_LEXICON: add_lexicon(c, optarg); break;
        case 'g': c->iopt.glob = optarg; break;
        case O_HIDDEN: c->iopt.hidden = 1; break;
        case O_INPUT:
            if (!strcmp(optarg, "text"))
                c->mode = IN_TEXT;
            else if (!strcmp(optarg, "lines"))
                c->mode = IN_LINES;
            else if (!strcmp(optarg, "jsonl"))
                c->mode = IN_JSONL;
            else
                usage_error("unknown input format '%s' (text, lines, jsonl)", optarg);
            break;
        case 'j': *jobs = parse_jobs(optarg); break;
        case 'q': c->quiet = 1; break;
        case O_REPLACE: c->aopt.replace_invalid = 1; break;
        case O_MODEL: c->config.model_path = optarg; break;
        case O_MAXDOC: c->max_doc = parse_size(optarg); break;
        case 'h':
            fputs(usage_text, stdout);
            exit(fclose(stdout) ? EXIT_SOME_FAILED : EXIT_ALL_OK);
        case 'V':
            printf("warta %s (JSON schema %d)\n", WARTA_VERSION, WARTA_SCHEMA_VERSION);
            exit(fclose(stdout) ? EXIT_SOME_FAILED : EXIT_ALL_OK);
        case ':':
            usage_error("option '%s' needs an argument", argv[optind - 1]);
            break;
        default:
            usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
}

/* glibc raises its mmap threshold each time a mapped block is freed (up
 * to 32 MiB), so after a huge document's first big scratch array goes,
 * the next ones come from the heap and stay resident after their free
 * (about 16 MB more peak RSS on a 12 MB document).  A fixed threshold
 * keeps every array of 1 MiB or more mapped and given back when freed;
 * smaller ones, all an article needs, are unaffected. */
static void fixed_mmap_threshold(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

int main(int argc, char **argv)
{
    fixed_mmap_threshold();
    cli_t c;
    memset(&c, 0, sizeof c);
    c.aopt = warta_options_default();
    c.ropt = warta_render_options_default();
    c.config = warta_config_default();
    c.iopt = inputs_options_default();
    c.max_doc = DEFAULT_MAX_DOC;
    unsigned jobs = 0;
    parse_options(&c, &jobs, argc, argv);

    signal(SIGPIPE, SIG_IGN);
    stop_signals_install();

    static char *const stdin_only[] = {"-", NULL};
    char *const *paths = optind < argc ? argv + optind : stdin_only;
    size_t total = inputs_count_if_flat(paths); /* 0: a folder, not known */
    if (!jobs)
        jobs = default_jobs();
    /* one document in: no thread is started */
    unsigned threads = c.mode == IN_TEXT && total == 1 ? 1 : jobs;

    /* Streams (lines, jsonl) are flushed record by record so that warta can
     * sit in the middle of a pipeline; a batch of files is written through a
     * large buffer (a terminal stays line-buffered). */
    c.flush_each = c.mode != IN_TEXT;
    static char outbuf[1 << 16];
    if (!c.flush_each && !isatty(STDOUT_FILENO))
        setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

    warta_t *w;
    warta_error_t err;
    if (warta_open(&w, &c.config, &err) < 0) {
        term_msg("error", c.config.model_path ? c.config.model_path : "embedded model",
                 err.message);
        return EXIT_SOME_FAILED;
    }
    c.workers = calloc(threads, sizeof *c.workers);
    for (unsigned i = 0; c.workers && i < threads; i++) {
        if (!(c.workers[i] = warta_worker_new(w))) {
            fprintf(stderr, "warta: error: out of memory\n");
            return EXIT_SOME_FAILED;
        }
    }
    if (!c.workers) {
        fprintf(stderr, "warta: error: out of memory\n");
        return EXIT_SOME_FAILED;
    }
    if (c.mode == IN_JSONL)
        jsonl_init();
    pthread_mutex_init(&c.term, NULL);
    c.iopt.warn = warn;
    c.iopt.warn_ctx = &c;
    progress_init(&c.progress, !c.quiet && isatty(STDERR_FILENO),
                  c.mode == IN_TEXT ? total : 0);

    c.in = inputs_open(paths, &c.iopt);
    if (!c.in) {
        fprintf(stderr, "warta: error: out of memory\n");
        return EXIT_SOME_FAILED;
    }
    /* In flight at once: one input per thread, and at most 4 results per
     * thread (or 64 MiB of them) waiting for an earlier one to be written. */
    static const pool_ops_t ops = {feed_next, job_run, job_write, job_release};
    page_part(&c, 0);
    if (pool_run(threads, 4 * (size_t)threads, (size_t)64 << 20, &ops, &c) < 0) {
        fprintf(stderr, "warta: error: out of memory\n");
        return EXIT_SOME_FAILED;
    }
    if (!g_signal)
        page_part(&c, 1); /* after a signal nothing more is written */
    if (c.fp && c.fp != stdin)
        fclose(c.fp); /* stopped in the middle of a stream */
    free(c.fp_name);
    inputs_close(c.in);
    progress_clear(&c.progress);
    pthread_mutex_destroy(&c.term);
    for (unsigned i = 0; i < threads; i++)
        warta_worker_free(c.workers[i]);
    free(c.workers);
    warta_close(w);
    warta_lexicon_free(c.lexicon);

    int rc = finish_output(&c);
    if (g_signal)
        die_by_signal();
    return rc;
}
