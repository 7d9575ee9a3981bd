/* docref.h - document-level reasoning over the resolver's chosen mentions:
 * what no sentence-level recognizer can know.
 *
 *   1. ALL-CAPS headlines: the model's guesses there are dropped; at the
 *      end the headline is tagged with the entities the body names.
 *   2. Initials join names: `Retno L.P. Marsudi`, `B.J. Habibie`.
 *   3. One string, one type: the model's mentions of the same text take the
 *      majority type (the gazetteer's and money's types are never changed).
 *   4. Short forms defined in brackets, `Komisi Pemberantasan Korupsi (KPK)`,
 *      `Kementerian Sosial (Kemensos)`: every occurrence is that
 *      organization, canonical = the full name; an organization the model
 *      cut short is first extended to the long form the brackets spell.
 *   5. People first named in full, `Prabowo Subianto`: a later `Prabowo`
 *      (or any shorter run of the name's parts) is that PERSON, canonical =
 *      the full name; in Title-Case headline lines a PERSON is cut down to
 *      the body's known name part.
 *   6. Multi-token PERSON/ORGANIZATION names the model found once are added
 *      where the same capitalised tokens appear again uncovered.
 *   7. Adjacent PERSON mentions that are a run of one canonical name's
 *      words (`Mauricio` `Souza`, added word by word by 5.) are joined.
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
