/* model_write.h - writes the tagger's model file (layout in
 * src/lib/model.h).  Training only: not part of libwarta.a. */
#ifndef WARTA_MODEL_WRITE_H
#define WARTA_MODEL_WRITE_H

#include <stdint.h>

/* Writes a model file.  labels: L names; trans [L+1][L]; w [F][L]
 * (stored as int16 with one scale, max |w| / 32767, rounded to nearest);
 * hashes[f] the feature hash of id f (distinct, non-zero).  0 or
 * WARTA_ERR_IO / WARTA_ERR_NOMEM. */
int model_write(const char *path, const char *const *labels, uint32_t L,
                const float *trans, const float *w, const uint64_t *hashes,
                uint32_t F);

#endif
