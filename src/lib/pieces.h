/* pieces.h - names cut into "pieces" for matching (gazetteer.c,
 * userlex.c): a piece is a run of characters between spaces and ASCII
 * punctuation marks, or one such mark, so that "Bangsa-Bangsa" as one token
 * and "Bangsa" "-" "Bangsa" as three walk the same pieces; and the letter
 * case tests of their case rules.  Internal. */
#ifndef WARTA_PIECES_H
#define WARTA_PIECES_H

#include <stddef.h>
#include <stdint.h>

#include "pipeline.h"

/* c is an ASCII punctuation mark: a piece of its own */
int is_punct(unsigned char c);
/* Next piece of s[*i..n): sets *b, *e; returns 0 at the end.  Spaces are
 * skipped. */
int next_piece(const char *s, size_t n, size_t *i, size_t *b, size_t *e);
/* s[0..n) holds a lower-case letter */
int has_lower(const char *s, size_t n);
/* s[0..n) starts with an upper-case or title-case letter */
int first_upper(const char *s, size_t n);

/* The case rule of a piece of a form:
 *   P_ANY    lower case or a mark in the form: any case in the text
 *   P_CAP    title case: the text's piece must begin with a capital
 *   P_EXACT  capitals only, 2 characters or more (AS, PBB): byte-equal */
enum piece_class { P_ANY = 0, P_CAP, P_EXACT };

typedef struct piece {
    uint32_t off;  /* original bytes of the form's piece: base + off */
    uint16_t len;
    uint8_t cls;   /* enum piece_class */
} piece_t;

/* The class of form piece s[0..n); after_hyphen: it follows a '-' piece
 * ("Bangsa-bangsa" and "Bangsa-Bangsa" alike), so never P_CAP. */
int piece_class(const char *s, size_t n, int after_hyphen);
/* Do the pieces of tokens [tb, te) of p satisfy the np case rules?  The
 * pieces' bytes are at base + off. */
int pieces_case_ok(const pipe_t *p, const char *base, const piece_t *pcs, size_t np,
                   size_t tb, size_t te);

#endif
