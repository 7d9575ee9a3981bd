/* money_pattern.h - the PCRE2 patterns of money.c, built from the currency
 * forms (currency.h) at load time.
 *
 * The money pattern has two top-level alternatives told apart by (*MARK):
 *
 *   P  prefix:  CUR NUM [SCALE] [CONN [CUR] NUM [SCALE]]     Rp 1,2 triliun
 *   S  suffix:  NUM [SCALE] [CONN NUM [SCALE]] CUR           3,81 miliar dolar AS
 *
 * with the named groups below.  The rate pattern, matched anchored right
 * after an amount, recognizes an exchange-rate tail ("per dolar AS", "/US$",
 * "="). */
#ifndef WARTA_MONEY_PATTERN_H
#define WARTA_MONEY_PATTERN_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "currency.h"
#include "warta.h"

/* Pattern groups: prefix currency, number, scale, connector, second
 * currency, number, scale; suffix number, scale, connector, number, scale,
 * currency. */
enum { G_PC1, G_PN1, G_PS1, G_PK, G_PC2, G_PN2, G_PS2,
       G_SN1, G_SS1, G_SK, G_SN2, G_SS2, G_SC, G_N };
extern const char *const money_group_names[G_N];

/* Writes the money pattern (rate: the rate pattern) into a malloc'd,
 * NUL-terminated *out of *n bytes, owned by the caller.  0 or
 * WARTA_ERR_NOMEM. */
int money_pattern_build(const currencies_t *c, char **out, size_t *n);
int money_rate_pattern_build(const currencies_t *c, char **out, size_t *n);

/* Compiles a pattern (UTF, with `opts`) for the interpreter.  NULL on
 * error, with `err` filled when not NULL. */
pcre2_code *money_pattern_compile(const char *pat, size_t n, uint32_t opts,
                                  warta_error_t *err);

/* Powers of ten of a scale word the pattern matched (case-insensitive; the
 * headline shorthand M and T in capitals), or -1.  *approx is set to 1 for
 * the approximate forms with "an" (ribuan, jutaan, juta-an), else 0. */
int money_scale_exp(const char *s, size_t n, int *approx);

/* Loading (money.c): money_load (pipeline.h) decodes the patterns the
 * build serialized into the prebuilt tables (money_open, tables.h) and falls
 * back to money_build, which builds and compiles them (the reference;
 * build/mktables writes them with money_save).  0 or WARTA_ERR_*;
 * money_open gives WARTA_ERR_DATA when tb lacks them or this PCRE2 cannot
 * read them. */
#include "tables.h"
typedef struct money money_t;
int money_build(money_t **out, warta_error_t *err);
int money_open(money_t **out, const tblob_t *tb, warta_error_t *err);
int money_save(tb_writer_t *w, warta_error_t *err);

/* When matching uses the JIT: AUTO once the documents add up to enough
 * bytes (money.c), NEVER (the interpreter), NOW (compiled at once).  For
 * tests and tools; set before any matching. */
enum { MONEY_JIT_AUTO = 0, MONEY_JIT_NEVER, MONEY_JIT_NOW };
void money_set_jit(money_t *m, int mode);
void money_jit_compile(const money_t *m);
/* 1 once the JIT-compiled patterns are in use (unless NEVER). */
int money_jit_ready(const money_t *m);

#endif
