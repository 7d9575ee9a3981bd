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

/* Compiles a pattern (UTF, with `opts`) and JIT-compiles it when the JIT
 * is available.  NULL on error, with `err` filled when not NULL. */
pcre2_code *money_pattern_compile(const char *pat, size_t n, uint32_t opts,
                                  warta_error_t *err);

/* Powers of ten of a scale word the pattern matched (case-insensitive; the
 * headline shorthand M and T in capitals), or -1.  *approx is set to 1 for
 * the approximate forms with "an" (ribuan, jutaan, juta-an), else 0. */
int money_scale_exp(const char *s, size_t n, int *approx);

#endif
