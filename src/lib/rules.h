/* rules.h - small pattern rules that are neither lexicon nor model:
 *
 *   - a capitalised bare domain (`Gatra.com`, `KOMPAS.com`, `Warta.id`)
 *     ending in a news-site top-level domain (data/tlds.txt, `media`) is
 *     the news organization of that name: ORGANIZATION.
 *
 * Mentions are added with source SRC_RULE. */
#ifndef WARTA_RULES_H
#define WARTA_RULES_H

#include "pipeline.h"

typedef struct rules rules_t;

/* Loads the media top-level domains.  0 or a negative WARTA_ERR_* (err
 * filled). */
int rules_load(rules_t **out, warta_error_t *err);
void rules_free(rules_t *r);
int rules_run(const rules_t *r, pipe_t *p);

#endif
