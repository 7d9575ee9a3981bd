/* userlex.h - user lexicons (warta_lexicon_t of warta.h, docs/lexicon.md):
 * loading, and the matching the resolver runs first.  Internal. */
#ifndef WARTA_USERLEX_H
#define WARTA_USERLEX_H

#include "pipeline.h"

/* Adds a SRC_LEX mention for every longest, non-overlapping match of an
 * entry of `lx` (NULL: none) in p's tokens, left to right; its strings are
 * copied into p->arena (the document may outlive the lexicon).  Returns 0
 * or WARTA_ERR_NOMEM. */
int userlex_run(const warta_lexicon_t *lx, pipe_t *p);

#endif
