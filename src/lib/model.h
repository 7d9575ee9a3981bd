/* model.h - the entity tagger's model file: a linear model over hashed
 * features plus label transitions, used in place (no copy) from the
 * embedded data or from one read of a file.
 *
 * File layout (little-endian, every section 8-byte aligned, offsets from
 * the start of the file):
 *   0   char     magic[8]      "WARTANER"
 *   8   u32      version       MODEL_VERSION
 *   12  u32      feat_version  FEAT_VERSION of feat.h at training time
 *   16  u32      nlabels       L, 1..MODEL_MAXL
 *   20  u32      nfeat         F
 *   24  u32      hcap          hash table slots, a power of two > F
 *   28  f32      scale         weight = int16 value x scale (finite, > 0)
 *   32  u64      checksum      model_checksum() of bytes [128, size)
 *                                 + 0x9E3779B97F4A7C15 x the scale's bits
 *   40  u64 off, u64 size  x MODEL_NSECT: the sections below
 *   128 ...
 * Sections:
 *   LABELS  char  [L][16]     "O", "B-PERSON", "I-ORGANIZATION"... (BIO or
 *                             BILOU prefixes B I L U), NUL-padded
 *   TRANS   float [L+1][L]    row 0: START -> label; row 1+i: label i -> label
 *   SLOTS   [hcap] records of MODEL_STRIDE(L) bytes: u64 feature hash (0 =
 *           empty slot), then int16 [L], the emission weights of that
 *           feature for each label in units of scale, then zero padding
 *           to a multiple of 8 (32 bytes for 9 labels: two slots per
 *           cache line; float weights took 48).
 *           Open addressing, linear probing from hash & (hcap-1); F slots
 *           are used.  A feature's key and weights share one record, so a
 *           lookup touches one or two cache lines, not three.
 * Sections are contiguous in this order and end the file.  Every offset
 * and size is checked against the header and the file size, the count of
 * used slots against F, and the checksum against the bytes, before use. */
#ifndef WARTA_MODEL_H
#define WARTA_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "warta.h"

#define MODEL_MAGIC "WARTANER"
#define MODEL_VERSION 3u
#define MODEL_MAXL 32
#define MODEL_HDR 128
enum { MSEC_LABELS, MSEC_TRANS, MSEC_SLOTS, MODEL_NSECT };

/* Bytes of one SLOTS record for L labels. */
#define MODEL_STRIDE(L) ((8u + 2u * (uint32_t)(L) + 7u) & ~7u)

/* Label prefixes. */
enum { LP_O, LP_B, LP_I, LP_L, LP_U };

typedef struct model {
    uint32_t nlabels, nfeat, hcap;
    uint32_t stride;        /* MODEL_STRIDE(L) */
    float scale;            /* weight = int16 x scale */
    const float *trans;     /* [L+1][L] */
    const unsigned char *slots; /* [hcap] records of stride bytes */
    uint8_t lprefix[MODEL_MAXL]; /* LP_* */
    uint8_t ltype[MODEL_MAXL];   /* warta_type_t (unused for O) */
    char lname[MODEL_MAXL][16];
    /* allowed[a][b]: label b may follow a; row L is START.  end_ok[b]: b may
     * end a sentence. */
    uint8_t allowed[MODEL_MAXL + 1][MODEL_MAXL];
    uint8_t end_ok[MODEL_MAXL];
    void *owned;            /* the file's bytes when read from a file */
    /* A membership filter of the features the model knows (model_maybe),
     * or NULL; filter_owned when this model allocated it. */
    const uint64_t *filter;
    uint64_t *filter_owned;
} model_t;

/* Checks buf[0..n) and sets m to use it in place (buf must stay alive and
 * 8-byte aligned).  0, or WARTA_ERR_MODEL with a message in err. */
int model_open_mem(model_t *m, const void *buf, size_t n, warta_error_t *err);
/* The same without the two whole-file passes (the checksum and the count
 * of used slots): for the embedded model, which the build checked with
 * model_open_mem (src/tools/model_check.c, run by the Makefile before the
 * model is embedded).  The header and section bounds are still checked. */
int model_open_trusted(model_t *m, const void *buf, size_t n, warta_error_t *err);
/* Reads a file in one read and opens it; m owns the bytes. */
int model_open_file(model_t *m, const char *path, warta_error_t *err);
void model_close(model_t *m);

/* The slot where a lookup of hash h starts (for prefetching). */
static inline const void *model_slot(const model_t *m, uint64_t h)
{
    return m->slots + (size_t)((uint32_t)h & (m->hcap - 1)) * m->stride;
}

/* The L weights (int16, in units of m->scale) of the feature with hash h,
 * or NULL when the model does not know it. */
static inline const int16_t *model_find(const model_t *m, uint64_t h)
{
    uint32_t mask = m->hcap - 1, i = (uint32_t)h & mask;
    for (uint32_t probes = 0; probes < m->hcap; probes++) {
        const unsigned char *s = m->slots + (size_t)i * m->stride;
        uint64_t k;
        memcpy(&k, s, 8);
        if (k == h)
            return (const int16_t *)(const void *)(s + 8);
        if (!k)
            return NULL;
        i = (i + 1) & mask;
    }
    return NULL;
}

/* ---- membership filter ----------------------------------------------------
 * A Bloom filter of 2^20 bits (128 KB, cache-resident) with two probes taken
 * from bits 20-39 and 40-59 of the feature hash (the slot index uses the low
 * bits): most feature lookups of a sentence are for features the model does
 * not know, and the filter answers those without touching the 8.4 MB slot
 * table.  No false negatives: model_maybe() is 1 for every stored hash; for
 * an unknown hash it is 1 with a probability of about 4% on the shipped model.
 * For the embedded model the filter is built at build time (a section of the
 * prebuilt tables, tables.h); for a --model file, when it is opened. */
#define MODEL_FILTER_LOG2 20
#define MODEL_FILTER_WORDS ((size_t)1 << (MODEL_FILTER_LOG2 - 6))

static inline uint32_t model_filter_bit(uint64_t h, int k)
{
    return (uint32_t)(h >> (k ? 40 : 20)) & ((1u << MODEL_FILTER_LOG2) - 1);
}

/* 0 when the model surely does not know hash h; 1 when it may. */
static inline int model_maybe(const model_t *m, uint64_t h)
{
    const uint64_t *f = m->filter;
    if (!f)
        return 1;
    uint32_t a = model_filter_bit(h, 0), b = model_filter_bit(h, 1);
    return (int)((f[a >> 6] >> (a & 63)) & (f[b >> 6] >> (b & 63)) & 1);
}

/* Sets in bits[0..MODEL_FILTER_WORDS) (zeroed by the caller) the bits of
 * every feature of m. */
void model_filter_fill(const model_t *m, uint64_t *bits);
/* m->filter: the filter in buf[0..len) when it has the right size (used in
 * place; it must outlive m), else one made now (m owns it).  0, or
 * WARTA_ERR_NOMEM. */
int model_filter_attach(model_t *m, const void *buf, size_t len);

uint64_t model_checksum(const unsigned char *p, size_t n);

/* Which label may follow which, from the prefixes (LP_*) and types of L
 * labels: I and L continue an entity of their type begun by B (or
 * continued by I); everything else starts after O, L, U or START.  BIO
 * (no L or U among the labels) lets I end an entity too.  allowed[a][b]:
 * b may follow a, row L is START; end_ok[b]: b may end a sentence.  Used
 * by model_open_mem and by the trainer, so both decode alike. */
void model_constraints(uint32_t L, const uint8_t *lprefix, const uint8_t *ltype,
                       uint8_t (*allowed)[MODEL_MAXL], uint8_t *end_ok);

/* The checksum in the header covers the scale too: stored =
 * model_checksum(body) + MODEL_SCALE_MIX x the scale's bits (odd, so every
 * scale change shows). */
#define MODEL_SCALE_MIX 0x9E3779B97F4A7C15ULL

/* Parses a label name ("O", "B-PERSON"): prefix and type; -1 if invalid. */
int model_parse_label(const char *name, uint8_t *prefix, uint8_t *type);

#endif
