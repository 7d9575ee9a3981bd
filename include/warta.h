/*
 * warta.h - named entities (people, countries, organizations, money, places)
 * in Indonesian news text.
 *
 * Data flow:  bytes -> tokens -> sentences -> mentions -> entities -> render
 *
 * Ownership, one rule for the whole API:
 *   - Every object returned through a `**out` parameter is owned by the
 *     caller and released with the matching *_free / *_close function.
 *     All of them accept NULL.
 *   - Every `const char *` inside a returned struct is borrowed: it lives as
 *     long as the object that holds it (a warta_doc_t, or the warta_t for
 *     static data such as ISO codes) and must not be freed.
 *   - Buffers returned by warta_render*() are malloc'd; free() them.
 *   - Input text is never modified and never retained after the call that
 *     received it returns, except through warta_doc_t.text (see there).
 *
 * Threads: a warta_t is immutable after warta_open() and may be shared by
 * any number of threads.  A warta_worker_t holds per-thread scratch memory
 * and must be used by one thread at a time.  Documents are independent.
 *
 * Offsets: start/end count Unicode code points, byte_start/byte_end count
 * bytes, both end-exclusive, into the text exactly as given (a UTF-8 BOM
 * counts as one code point / three bytes, CR of CRLF counts as usual).
 */
#ifndef WARTA_H
#define WARTA_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WARTA_VERSION "0.1.0"
#define WARTA_SCHEMA_VERSION 1

/* WARTA_API marks the functions of the public API: the only symbols the
 * shared library exports (it is built with -fvisibility=hidden). */
#if defined(__GNUC__) && __GNUC__ >= 4
#define WARTA_API __attribute__((visibility("default")))
#else
#define WARTA_API
#endif

/* The version of the library actually linked, e.g. "0.1.0"; equal to
 * WARTA_VERSION of the header it was built with (compare the two to detect
 * a header/library mismatch).  A static string: never NULL, never freed. */
WARTA_API const char *warta_version(void);

/* ---- errors: negative codes, message lookup ---------------------------- */

enum {
    WARTA_OK = 0,
    WARTA_ERR_NOMEM = -1,        /* out of memory */
    WARTA_ERR_INVALID_UTF8 = -2, /* input is not valid UTF-8 */
    WARTA_ERR_BINARY = -3,       /* input holds NUL bytes: not text */
    WARTA_ERR_UTF16 = -4,        /* input starts with a UTF-16 BOM */
    WARTA_ERR_MODEL = -5,        /* model file corrupt, truncated or wrong version */
    WARTA_ERR_IO = -6,           /* a file could not be read */
    WARTA_ERR_ARG = -7,          /* invalid argument */
    WARTA_ERR_DATA = -8,         /* embedded or external data file malformed */
    WARTA_ERR_LIMIT = -9         /* an internal limit was hit (e.g. regex) */
};

/* Static English message for an error code; never NULL, never freed. */
WARTA_API const char *warta_errmsg(int code);

/* Details of a failed call.  `message` is a complete sentence without the
 * source name, e.g. "invalid UTF-8 at byte 17". */
typedef struct warta_error {
    int code;           /* one of WARTA_ERR_*, or WARTA_OK */
    size_t byte;        /* byte offset the error refers to, when relevant */
    char message[256];  /* NUL-terminated */
} warta_error_t;

/* ---- entity types ------------------------------------------------------ */

typedef enum warta_type {
    WARTA_PERSON = 0,
    WARTA_COUNTRY = 1,
    WARTA_ORGANIZATION = 2,
    WARTA_MONEY = 3,
    WARTA_LOCATION = 4,
    WARTA_NTYPES = 5
} warta_type_t;

#define WARTA_TYPE_BIT(t) (1u << (unsigned)(t))
#define WARTA_TYPES_ALL ((1u << WARTA_NTYPES) - 1u)

/* "PERSON", "COUNTRY", ...; static; NULL for an out-of-range value. */
WARTA_API const char *warta_type_name(warta_type_t type);
/* Parses a type name (case-insensitive); returns the type, -1 for an
 * unknown name, or WARTA_ERR_ARG when name is NULL. */
WARTA_API int warta_type_parse(const char *name, size_t len);

/* ---- context ----------------------------------------------------------- */

typedef struct warta warta_t;

typedef struct warta_config {
    /* Path of a model file to load instead of the embedded model, or NULL. */
    const char *model_path;
} warta_config_t;

/* Defaults: the embedded model and data. */
WARTA_API warta_config_t warta_config_default(void);

/* Loads everything once.  On success *out is a new context the caller
 * releases with warta_close().  On failure *out is NULL, `err` (if not NULL)
 * says why, and a negative code is returned (WARTA_ERR_ARG when out is
 * NULL). */
WARTA_API int warta_open(warta_t **out, const warta_config_t *config, warta_error_t *err);

/* Releases a context.  NULL-safe.  No worker may still use it. */
WARTA_API void warta_close(warta_t *w);

/* ---- per-thread scratch ------------------------------------------------ */

typedef struct warta_worker warta_worker_t;

/* A worker holds reusable scratch memory (match data, lattices, arrays) for
 * one thread.  It borrows `w`, which must outlive it.  Returns NULL when out
 * of memory.  Release with warta_worker_free(). */
WARTA_API warta_worker_t *warta_worker_new(const warta_t *w);
WARTA_API void warta_worker_free(warta_worker_t *wk);

/* ---- analysis ---------------------------------------------------------- */

typedef struct warta_lexicon warta_lexicon_t;

typedef struct warta_options {
    unsigned types;       /* WARTA_TYPE_BIT mask of types to keep; default all */
    int replace_invalid;  /* repair invalid UTF-8 with U+FFFD instead of failing */
    double min_score;     /* drop entities whose score is below; default 0 */
    /* A user lexicon whose entries win over the model and the built-in
     * gazetteers, or NULL (default).  Borrowed: it must outlive every call
     * that uses these options; it is only read, so one lexicon may serve
     * any number of workers at once. */
    const warta_lexicon_t *lexicon;
} warta_options_t;

WARTA_API warta_options_t warta_options_default(void);

/* Token kinds. */
typedef enum warta_token_kind {
    WARTA_TOK_WORD = 0,   /* letters, possibly with digits, hyphens, apostrophes */
    WARTA_TOK_NUMBER,     /* digits with separators: 1.105.000  84,50  20/11/2024 */
    WARTA_TOK_PUNCT,      /* punctuation, one mark or a run like "..." */
    WARTA_TOK_SYMBOL,     /* currency and other symbols */
    WARTA_TOK_URL,        /* URLs and domains: https://x.id/a, Gatra.com */
    WARTA_TOK_EMAIL,
    WARTA_TOK_HASHTAG,    /* #tag */
    WARTA_TOK_MENTION,    /* @user */
    WARTA_TOK_OTHER
} warta_token_kind_t;

/* Token flags: layout of the text before the token. */
#define WARTA_TOKF_SPACE_BEFORE   0x01u /* white space precedes it */
#define WARTA_TOKF_NEWLINE_BEFORE 0x02u /* a line break precedes it */
#define WARTA_TOKF_BLANK_BEFORE   0x04u /* a blank line precedes it */

/* A token is a view into doc->text.  Its offsets are 32-bit (20 bytes a
 * token instead of 40: a document has about one token per 6 bytes): a
 * document is at most 4 GiB - 1 bytes (warta_analyze). */
typedef struct warta_token {
    uint32_t start, end;            /* code points */
    uint32_t byte_start, byte_end;  /* bytes */
    uint16_t kind;                  /* warta_token_kind_t */
    uint16_t flags;                 /* WARTA_TOKF_* */
} warta_token_t;

/* Sentences and entities have 32-bit offsets and indexes too. */
typedef struct warta_sentence {
    uint32_t start, end;            /* code points */
    uint32_t byte_start, byte_end;  /* bytes */
    uint32_t tok_begin, tok_end;    /* token index range, end-exclusive */
} warta_sentence_t;

typedef struct warta_entity {
    warta_type_t type;
    uint32_t start, end;            /* code points */
    uint32_t byte_start, byte_end;  /* bytes */
    uint32_t sentence;              /* index into doc->sentences */
    uint32_t tok_begin, tok_end;    /* token index range, end-exclusive */
    /* Normalized values; NULL where they do not apply. */
    const char *iso;        /* COUNTRY: ISO 3166-1 alpha-2 ("KP") */
    const char *name;       /* COUNTRY, LOCATION: canonical Indonesian name */
    const char *canonical;  /* PERSON, ORGANIZATION: full form named earlier
                               in the document or defined by an acronym */
    const char *currency;   /* MONEY: ISO 4217 ("USD") */
    const char *amount;     /* MONEY: exact decimal ("2000000000", "84.5") */
    const char *amount_min; /* MONEY range: lower bound; `amount` is NULL */
    const char *amount_max; /* MONEY range: upper bound */
    int approximate;        /* MONEY: 1 when the text gives the amount as
                               approximate ("Rp 25 jutaan", "juta-an",
                               "ribuan"): the amount is the stated number
                               times the scale; else 0 */
    /* Confidence in [0, 1], rounded to 3 decimals (docs/confidence.md): for
     * the statistical tagger the CRF's probability of exactly this span and
     * type; for the other recognizers a fixed level per source. */
    double score;
} warta_entity_t;

typedef struct warta_doc {
    /* The text that offsets refer to.  It is the caller's buffer (which must
     * then outlive the document) unless the text was repaired with
     * replace_invalid, in which case the document owns a repaired copy and
     * offsets refer to that copy. */
    const char *text;
    size_t bytes;                 /* length of text in bytes */
    size_t chars;                 /* length of text in code points */
    int repaired;                 /* 1 when invalid bytes were replaced */

    warta_token_t *tokens;        size_t n_tokens;
    warta_sentence_t *sentences;  size_t n_sentences;
    warta_entity_t *entities;     size_t n_entities;  /* sorted by start */
} warta_doc_t;

/* Analyses `len` bytes of UTF-8 `text`.  On success returns WARTA_OK and
 * *out is a document the caller frees with warta_doc_free().  On failure
 * returns a negative code, *out is NULL and `err` (if not NULL) says what
 * and where.  `options` may be NULL for the defaults. */
WARTA_API int warta_analyze(warta_worker_t *wk, const char *text, size_t len,
                            const warta_options_t *options, warta_doc_t **out,
                            warta_error_t *err);

/* Releases a document.  NULL-safe. */
WARTA_API void warta_doc_free(warta_doc_t *doc);

/* ---- user lexicons ----------------------------------------------------- */

/* A set of user entries: UTF-8 lines `surface form<TAB>TYPE[<TAB>canonical]`
 * (docs/lexicon.md); `#` comment lines and blank lines are skipped.  TYPE is
 * PERSON, ORGANIZATION, COUNTRY or LOCATION; a COUNTRY needs an ISO 3166-1
 * alpha-2 code as its canonical field.  Every mention of a form gets the
 * entry's type and canonical name, longest match first, with the built-in
 * gazetteer's case rules.  A later entry for the same form replaces an
 * earlier one. */

/* A new, empty lexicon (NULL when out of memory); release it with
 * warta_lexicon_free() once no analysis uses it any more. */
WARTA_API warta_lexicon_t *warta_lexicon_new(void);
/* Adds the entries of a file / of buf[0..len) (`name` names it in
 * messages).  On a malformed line nothing of that input is added, `err`
 * says "NAME:LINE: why" and WARTA_ERR_DATA is returned (WARTA_ERR_IO when
 * the file cannot be read).  Not thread-safe: load before sharing. */
WARTA_API int warta_lexicon_add_file(warta_lexicon_t *lx, const char *path, warta_error_t *err);
WARTA_API int warta_lexicon_add_buffer(warta_lexicon_t *lx, const char *buf, size_t len,
                             const char *name, warta_error_t *err);
/* The number of entries. */
WARTA_API size_t warta_lexicon_size(const warta_lexicon_t *lx);
/* NULL-safe. */
WARTA_API void warta_lexicon_free(warta_lexicon_t *lx);

/* ---- pre-tokenized tagging (training / evaluation) --------------------- */

/* Tags one sentence given as `n` tokens with the full recognizer stack,
 * writing one BIO tag per token into tags[i] ("O", "B-PERSON", ...; static
 * strings).  Tokens need not be NUL-terminated: lens[i] gives each length. */
WARTA_API int warta_tag_tokens(warta_worker_t *wk, const char *const *tokens,
                               const size_t *lens, size_t n, const char **tags,
                               warta_error_t *err);

/* ---- rendering --------------------------------------------------------- */

typedef enum warta_format {
    WARTA_FORMAT_JSON = 0,  /* one JSON object per document */
    WARTA_FORMAT_TSV,       /* source, start, end, type, text, normalized, score */
    WARTA_FORMAT_CONLL,     /* token<TAB>BIO, blank line between sentences */
    WARTA_FORMAT_CSV,       /* RFC 4180, the columns of WARTA_CSV_HEADER */
    WARTA_FORMAT_HTML       /* one <section> per document of a review page */
} warta_format_t;

/* The CSV header row (without its CRLF). */
#define WARTA_CSV_HEADER \
    "source,start,end,byte_start,byte_end,type,text,canonical,iso,currency,amount,min,max,score,error"

typedef struct warta_render_options {
    warta_format_t format;
    int pretty;      /* JSON: indent */
    int sentences;   /* JSON: include "sentences" */
    int tokens;      /* JSON: include "tokens" in each sentence */
    int summary;     /* JSON: include "summary" */
    /* When not NULL, a JSON value written verbatim as "id" in place of
     * "source" (used for --input jsonl). */
    const char *id_json;
} warta_render_options_t;

WARTA_API warta_render_options_t warta_render_options_default(void);

/* Renders `doc` as text in the chosen format, ending with a newline (JSON
 * Lines).  `source` names the input.  On success *out is a malloc'd,
 * NUL-terminated buffer of *out_len bytes that the caller free()s. */
WARTA_API int warta_render(const warta_doc_t *doc, const char *source,
                           const warta_render_options_t *options, char **out,
                           size_t *out_len);

/* Receives a rendering piece by piece, in order: `len` bytes at `buf`
 * (not NUL-terminated, valid only during the call).  Returns 0, or a
 * negative value to stop the rendering. */
typedef int (*warta_write_fn)(void *ctx, const char *buf, size_t len);

/* Renders `doc` as warta_render() does, byte for byte, but hands the text
 * to write(ctx, ...) in pieces of at most 64 KiB as it is produced instead
 * of returning one string: the render needs a fixed 64 KiB buffer (and,
 * with `summary`, the summary's table) however large the document.
 * Returns WARTA_OK; WARTA_ERR_ARG when doc or write is NULL;
 * WARTA_ERR_IO when write returned a negative value (it is not called
 * again); WARTA_ERR_NOMEM.  After an error the pieces written so far are
 * an incomplete record. */
WARTA_API int warta_render_write(const warta_doc_t *doc, const char *source,
                                 const warta_render_options_t *options, warta_write_fn write,
                                 void *ctx);

/* What comes before the first and after the last document of a run: the
 * CSV header row; the HTML page's head, style and legend / its closing
 * tags.  Empty for the other formats.  Same ownership as warta_render(). */
WARTA_API int warta_render_header(const warta_render_options_t *options, char **out, size_t *out_len);
WARTA_API int warta_render_footer(const warta_render_options_t *options, char **out, size_t *out_len);

/* Renders the error record of a failed document, so that every input has a
 * record: `{"source": ..., "error": ...}` in JSON; in TSV the row
 * SOURCE<TAB><TAB><TAB>ERROR<TAB><TAB>MESSAGE; in CoNLL the lines
 * "# source = SOURCE", "# error = MESSAGE" and a blank line; in CSV a row
 * with only source and error; in HTML a section with the message.  Same
 * ownership as warta_render(). */
WARTA_API int warta_render_error(const char *source, const char *message,
                                 const warta_render_options_t *options, char **out,
                                 size_t *out_len);

#ifdef __cplusplus
}
#endif

#endif /* WARTA_H */
