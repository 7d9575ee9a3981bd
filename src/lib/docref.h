/* docref.h - document-level reasoning over the resolver's chosen mentions:
 * what no sentence-level recognizer can know.
 *
 * The rules, in the order docref_run applies them (the banners of
 * docref*.c carry the same numbers):
 *
 *   1. Headlines in capitals (docref_headlines.c): ALL-CAPS and Title Case
 *      sentences are marked; the model's guesses in ALL-CAPS ones are
 *      dropped (it was trained on mixed case).
 *   2. Initials join names (docref_names.c): `Retno L.P. Marsudi`,
 *      `B.J. Habibie`.
 *   3. Long forms (docref_acronyms.c): an organization the model cut short
 *      is extended to the long form a bracketed short form spells,
 *      `Badan Pengatur Hilir Minyak dan Gas Bumi (BPH Migas)`.
 *   4. Context cues (docref.c): a model PERSON/LOCATION after `klub`,
 *      `emiten`, `saham`... or before `mencatat laba` is an ORGANIZATION.
 *   5. One string, one type (docref.c): the model's mentions of the same
 *      text take the clear majority type (the gazetteer's and money's
 *      types are never changed).
 *   6. Short forms defined in brackets (docref_acronyms.c),
 *      `Komisi Pemberantasan Korupsi (KPK)`, `Kementerian Sosial
 *      (Kemensos)`: every occurrence is that organization, canonical = the
 *      full name.
 *   7. People first named in full (docref_names.c), `Prabowo Subianto`: a
 *      later `Prabowo` (or any shorter run of the name's parts) is that
 *      PERSON, canonical = the full name; in Title-Case headline lines a
 *      PERSON is cut down to the body's known name part.
 *   8. Names found again (docref_names.c): multi-token PERSON/ORGANIZATION
 *      names the model found once are added where the same capitalised
 *      tokens appear again uncovered.
 *   9. Foreign given names (docref_names.c): `Lionel Messi` after a given
 *      name of data/person_given.txt is a PERSON the model did not see.
 *  10. Headlines take what the body says (docref_headlines.c): an ALL-CAPS
 *      headline is tagged with the entities the body names.
 *  11. Names are not cut into words (docref_names.c): adjacent PERSON
 *      mentions that are a run of one canonical name's words (`Mauricio`
 *      `Souza`, added word by word by 7.) are joined.
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
