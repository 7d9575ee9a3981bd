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

/* Offsets, not pointers: the prebuilt tables (tables.h) hold these records
 * as they are. */
typedef struct cur_form {
    uint32_t key;       /* offset in currencies_t.str of the surface; folded
                         * when !cs; single spaces; NUL-terminated */
    uint32_t len;
    uint32_t code;      /* offset in str of the ISO code (interned: one offset
                         * per code), or CUR_FORBIDDEN */
    uint8_t where;      /* WHERE_* */
    uint8_t cs;         /* case-sensitive */
    uint8_t need;       /* NEED_* */
    uint8_t pad;
    uint64_t fold_hash; /* of the folded surface: same form ignoring case */
} cur_form_t;

#define CUR_FORBIDDEN UINT32_MAX

typedef struct currencies {
    const cur_form_t *forms; /* sorted: cs forms by key, then ci forms by key */
    size_t nforms, ncs;
    const char *str;
    size_t nstr;
    cur_form_t *own_forms;   /* what currencies_load made, or NULL (prebuilt) */
    char *own_str;
} currencies_t;

/* The surface and the ISO code (NULL: forbidden) of form f of c.  The code
 * pointer is the same for every form of a code. */
static inline const char *cur_key(const currencies_t *c, const cur_form_t *f)
{
    return c->str + f->key;
}
static inline const char *cur_code(const currencies_t *c, const cur_form_t *f)
{
    return f->code == CUR_FORBIDDEN ? NULL : c->str + f->code;
}

/* Fills *c (zeroed by the caller) from the embedded data.  Returns 0, or a
 * negative WARTA_ERR_* with *what saying what failed; *c must then still be
 * freed with currencies_free(). */
int currencies_load(currencies_t *c, const char **what);
void currencies_free(currencies_t *c);

/* The forms as the prebuilt tables hold them: the records (TB_CUR_FORMS,
 * preceded by ncs as a uint64_t) and the strings (TB_CUR_STR) into w; and
 * back: c points into tb.  0, or WARTA_ERR_NOMEM / WARTA_ERR_DATA. */
#include "tables.h"
int currencies_save(const currencies_t *c, tb_writer_t *w);
int currencies_open(currencies_t *c, const tblob_t *tb);

/* The form of a currency surface (any white space between words), or NULL
 * when it is no currency or a forbidden form. */
const cur_form_t *currency_find(const currencies_t *c, const char *s, size_t n);

/* 1 when [c, c+n) is three ASCII capitals. */
int currency_is_code(const char *c, size_t n);

#endif
