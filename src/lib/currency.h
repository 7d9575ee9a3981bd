/* currency.h - the currency forms money.c matches: surfaces with their ISO
 * 4217 code, read from data/currencies.tsv (generated from Debian
 * iso-codes) and data/currency_aliases.tsv (curated; wins on the same
 * surface).  Loaded once, read-only afterwards. */
#ifndef WARTA_CURRENCY_H
#define WARTA_CURRENCY_H

#include <stddef.h>
#include <stdint.h>

/* Where a form stands: before the number (Rp 5), after it (5 rupiah). */
enum { WHERE_PRE = 1, WHERE_POST = 2 };

/* The evidence a form needs before it counts as a currency.  A currency
 * sign and the forms Indonesian news uses as currency (curated aliases: Rp,
 * US$, USD, dolar, ringgit...) need none.  Every other ISO code and every
 * one-word name from iso-codes may be an ordinary word or an abbreviation
 * (COP, pula), so it needs a scale word or a money word before it; a few
 * (RON, COP, pula) need a scale word. */
enum { NEED_NONE = 0, NEED_CONTEXT = 1, NEED_SCALE = 2 };

typedef struct cur_form {
    char *key;          /* surface; folded when !cs; single spaces */
    size_t len;
    const char *code;   /* points into currencies_t.codes, or NULL: forbidden */
    uint8_t where;      /* WHERE_* */
    uint8_t cs;         /* case-sensitive */
    uint8_t need;       /* NEED_* */
    uint64_t fold_hash; /* of the folded surface: same form ignoring case */
} cur_form_t;

typedef struct currencies {
    cur_form_t *forms;  /* sorted: cs forms by key, then ci forms by key */
    size_t nforms, ncs;
    char (*codes)[4];   /* distinct ISO codes, NUL-terminated */
    size_t ncodes;
} currencies_t;

/* Fills *c (zeroed by the caller) from the embedded data.  Returns 0, or a
 * negative WARTA_ERR_* with *what saying what failed; *c must then still be
 * freed with currencies_free(). */
int currencies_load(currencies_t *c, const char **what);
void currencies_free(currencies_t *c);

/* The form of a currency surface (any white space between words), or NULL
 * when it is no currency or a forbidden form. */
const cur_form_t *currency_find(const currencies_t *c, const char *s, size_t n);

/* 1 when [c, c+n) is three ASCII capitals. */
int currency_is_code(const char *c, size_t n);

#endif
