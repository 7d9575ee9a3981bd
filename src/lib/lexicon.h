/* lexicon.h - the lexicon stage: word lists that set per-token bits in
 * pipe_t.lex (given names, common words, titles/roles, organization heads
 * and tails, country words, cue nouns: data/lex_*.txt, data/titles.txt,
 * data/org_heads.txt, data/org_tails.txt).  It runs before the tagger,
 * whose features read every bit, and the document rules, which read the
 * LEX_* ones.  lexicon_load / lexicon_run are declared in pipeline.h.
 *
 * Keys are lower-cased (utf8_fold) with a trailing "." removed; entries of
 * several words match consecutive tokens.  Built once, read-only after. */
#ifndef WARTA_LEXICON_H
#define WARTA_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "pipeline.h"
#include "tables.h"

/* Bits only the tagger reads (stored in pipe_t.lex above the LEX_* bits
 * that other stages share). */
#define LEXP_WIKI (1u << 24)    /* in the frequent Wikipedia words list */
#define LEXP_COUNTRY (1u << 25) /* in a country name (data/lex_countries.txt) */
#define LEXP_ORG_NOUN (1u << 26)    /* kelompok, perusahaan (data/lex_org_nouns.txt) */
#define LEXP_PERSON_NOUN (1u << 27) /* pria, warga (data/lex_person_nouns.txt) */
#define LEXP_NAMING (1u << 28)      /* bernama, berjuluk (data/lex_naming.txt) */
#define LEXP_ALL (LEXP_WIKI | LEXP_COUNTRY | LEXP_ORG_NOUN | LEXP_PERSON_NOUN | LEXP_NAMING)

/* lexicon_load (pipeline.h) opens the prebuilt tables (tables.h) and
 * falls back to lexicon_build, which reads the word lists of data/ (the
 * reference: build/mktables writes its tables with lexicon_save).
 * lexicon_open: the tables of blob tb, used in place; 0, WARTA_ERR_NOMEM,
 * or WARTA_ERR_DATA when tb lacks them.  lexicon_save: the word lists'
 * sections into w; 0 or WARTA_ERR_NOMEM. */
int lexicon_build(lexicon_t **out, warta_error_t *err);
int lexicon_open(lexicon_t **out, const tblob_t *tb);
int lexicon_save(tb_writer_t *w, warta_error_t *err);

/* ORs the lexicon bits of tokens [b, e) into p->lex[b..e), multi-word
 * entries matched within [b, e) only.  lexicon_run calls it per sentence
 * window (pipe_for_windows, the tagger's windows); the trainer per corpus
 * sentence.  0 or WARTA_ERR_NOMEM. */
int lexicon_range(const lexicon_t *lx, lex_scratch_t *s, pipe_t *p, size_t b, size_t e);

/* Bits of one token given its folded form `key` (n bytes, trailing "."
 * already removed): LEX_GIVEN_NAME, LEX_COMMON, LEXP_WIKI, and LEX_TITLE,
 * LEX_ORG_HEAD, LEX_ORG_TAIL, LEXP_COUNTRY for one-word entries. */
uint32_t lexicon_word(const lexicon_t *lx, const char *key, size_t n);

/* Multi-word entries: keys[i]/lens[i] are the folded forms of n consecutive
 * tokens; ORs LEX_TITLE / LEX_ORG_HEAD / LEX_ORG_TAIL / LEXP_COUNTRY into
 * bits[i] for every token covered by an entry of two or more words. */
void lexicon_phrases(const lexicon_t *lx, const char *const *keys,
                     const size_t *lens, size_t n, uint32_t *bits);

#endif
