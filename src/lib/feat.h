/* feat.h - feature extraction for the entity tagger, shared by tagging
 *  (tagger.c) and training (src/train/featmap.c) so the two can never differ.
 *
 * A feature is a 64-bit hash of (template, value), computed on the fly from
 * the token bytes without allocation; no feature strings exist.  The model
 * maps hashes to weight rows (model.h); hashes it does not know are
 * skipped.  0 is never a feature hash. */
#ifndef WARTA_FEAT_H
#define WARTA_FEAT_H

#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"
#include "pipeline.h"

/* Changes whenever templates change; stored in the model file, which is
 * rejected when it differs. */
#define FEAT_VERSION 7u

typedef struct feat_scratch feat_scratch_t;

feat_scratch_t *feat_scratch_new(void);
void feat_scratch_free(feat_scratch_t *fs);

/* Extracts the features of tokens [b, e) of p (one sentence), reading
 * the LEX_* and LEXP_* bits the earlier stages left in p->lex (the
 * lexicon stage must have run over [b, e): lexicon_range); then the
 * features of token b+i are feat_token(fs, i, &n).  Returns 0 or
 * WARTA_ERR_NOMEM. */
int feat_sentence(const pipe_t *p, size_t b, size_t e, feat_scratch_t *fs);
const uint64_t *feat_token(const feat_scratch_t *fs, size_t i, size_t *n);
/* LEX_* and LEXP_* bits of token b+i after feat_sentence(). */
uint32_t feat_bits_of(const feat_scratch_t *fs, size_t i);
/* The features of tokens [i, j) together (token order). */
const uint64_t *feat_token_range(const feat_scratch_t *fs, size_t i, size_t j, size_t *n);

/* Emission sums through a per-worker cache keyed by word type (the
 * token's bytes and its LEX_* feature bits): for each word type it keeps
 * the values pass 1 derives from the bytes, the summed weights of the
 * features that read the token alone, and the summed weights of the
 * features the word gives each neighbour at offsets -2..+2.  Only the
 * features that read two tokens are looked up per token.  Bounded
 * (FEAT_CACHE_SETS x TYPECACHE_WAYS = 8,192 entries of 280 bytes, least
 * recently used out).  The model must
 * outlive the cache. */
typedef struct feat_cache feat_cache_t;
struct model;
#ifndef FEAT_CACHE_SETS
#define FEAT_CACHE_SETS 1024
#endif
feat_cache_t *feat_cache_new(const struct model *m);
void feat_cache_free(feat_cache_t *c);
/* acc[i * L + l] (L labels, n = e - b tokens) = the exact int32 sum, over
 * the features feat_sentence() gives token b+i, of the model's weights for
 * label l: the same integers as feat_sentence() then model_find().  Also
 * leaves fs so feat_bits_of() works (feat_token() does not).  0 or
 * WARTA_ERR_NOMEM. */
int feat_emissions(const pipe_t *p, size_t b, size_t e, feat_scratch_t *fs, feat_cache_t *c,
                   int32_t *acc);

/* Makes p hold one sentence of n given tokens: the text is the tokens
 * joined by single spaces (written into *buf, grown as needed, which p->s
 * then points to), token offsets set directly, kinds guessed from the first
 * character, p->lex zeroed, no mentions.  Used by training and by
 * warta_tag_tokens(), so both see what tagging sees.  0 or
 * WARTA_ERR_NOMEM / WARTA_ERR_INVALID_UTF8. */
int feat_pipe_from_tokens(pipe_t *p, char **buf, size_t *bufcap,
                          const char *const *tokens, const size_t *lens,
                          size_t n);

#endif
