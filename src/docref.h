/* docref.h - document-level reasoning over the resolver's chosen mentions:
 * what no sentence-level recognizer can know.
 *
 *   1. ALL-CAPS headlines: the model's guesses there are dropped and the
 *      headline is tagged with the entities the body names.
 *   2. Acronyms defined in brackets, `Komisi Pemberantasan Korupsi (KPK)`:
 *      every `KPK` of the document is that organization, canonical = the full
 *      name.
 *   3. People first named in full, `Prabowo Subianto`: a later `Prabowo`
 *      (or any part of the name) is that PERSON, canonical = the full name.
 *   4. One string, one type: the model's mentions of the same text take the
 *      majority type, and further capitalised occurrences of a multi-token
 *      PERSON/ORGANIZATION name the model missed are added.
 *
 * Mentions are the resolver's non-overlapping selection, sorted by `tb`; new
 * mentions never overlap existing ones.  Strings go into p->arena. */
#ifndef WARTA_DOCREF_H
#define WARTA_DOCREF_H

#include "pipeline.h"

/* *sel is a malloc'd array of *n mentions (capacity *cap), sorted by tb; it
 * may be grown.  Returns 0 or WARTA_ERR_NOMEM. */
int docref_run(pipe_t *p, mention_t **sel, size_t *n, size_t *cap);

#endif
