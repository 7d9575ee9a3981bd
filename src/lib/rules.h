/* rules.h - small pattern rules that are neither lexicon nor model:
 *
 *   - a capitalised bare domain (`Gatra.com`, `KOMPAS.com`, `Warta.id`) is
 *     the news organization of that name: ORGANIZATION.
 *
 * Mentions are added with source SRC_RULE. */
#ifndef WARTA_RULES_H
#define WARTA_RULES_H

#include "pipeline.h"

int rules_run(pipe_t *p);

#endif
