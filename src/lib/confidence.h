/* confidence.h - the `score` of every entity (docs/confidence.md).
 *
 *   model       the linear-chain CRF's probability that the span carries
 *               exactly its labels (B-X I-X ... and no I-X after it), by
 *               forward-backward over the sentence; computed only for the
 *               sentences where the tagger found something
 *   gazetteer   a fixed level per type (CONF_GAZ_*)
 *   money       CONF_MONEY
 *   rules       CONF_RULE: the tagger's span typed by a naming cue, the
 *               media-domain rule, and the document rules (docref.c) that
 *               add, retype or reshape a mention
 *   user lexicon CONF_LEX
 * The fixed levels are the precision measured on the dev sets, rounded
 * down (docs/confidence.md has the table and the command). */
#ifndef WARTA_CONFIDENCE_H
#define WARTA_CONFIDENCE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "pipeline.h"

#define CONF_LEX 1.0
#define CONF_MONEY 0.95
#define CONF_GAZ_COUNTRY 0.9
#define CONF_GAZ_ORG 0.7
#define CONF_GAZ_PLACE 0.85
#define CONF_RULE 0.35

/* Per-thread buffers of the forward-backward pass. */
typedef struct conf_scratch conf_scratch_t;
conf_scratch_t *conf_scratch_new(void);
void conf_scratch_free(conf_scratch_t *c);

/* Forgets the last sentence's marginals (call before each sentence). */
void conf_sentence(conf_scratch_t *c);

/* The probability of labels path[i..j) over the sentence's n positions
 * (emit [n][L] as the tagger scored them), i < j <= n.  Runs the
 * forward-backward pass at the first call for a sentence.  Returns a value
 * in [0, 1], or -1 when out of memory. */
float conf_model_span(conf_scratch_t *c, const model_t *m, const float *emit, size_t n,
                      const uint8_t *path, size_t i, size_t j);

/* Records on mention `mt` the model probability `pr` of its current span
 * and type. */
void conf_set(mention_t *mt, float pr);

/* The entity score of a resolved mention, rounded to 3 decimals. */
double conf_score(const mention_t *m);

#endif
