/* fuzz_model.c - the model loader (model_open_mem) and the tagger run with
 * whatever model it accepts.
 *
 * Byte 0 chooses the mode:
 *   even  the rest is a model file as is (header, sections, checksum);
 *         almost every mutation is refused, which tests the checks
 *   odd   structure-aware: bytes 1-2 give L (1..32) and the hash table
 *         size; the rest picks labels and fills the transitions and the
 *         hash slots (keys and int16 weights) of a file whose header,
 *         offsets, feature count, weight scale and checksum this target
 *         makes consistent, so the
 *         fuzzer reaches the label parser, the constraint builder,
 *         model_find() and Viterbi over arbitrary weights (transitions NaN, infinite)
 *         and hash tables (one empty slot, long probe chains)
 * A model that loads is written to a temporary file, loaded with
 * tagger_load() and run over a few sentences with the other stages of the
 * embedded context. */
#include <string.h>
#include <unistd.h>

#include "feat.h"
#include "fuzz.h"
#include "model.h"
#include "pipeline.h"
#include "text.h"

static warta_t *W;
static warta_worker_t *WK;
static char tmp_path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_open(&W, &WK);
    snprintf(tmp_path, sizeof tmp_path, "/tmp/warta-fuzz-model-%ld.bin", (long)getpid());
    return 0;
}

static void wr32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void wr64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static const char *const label_names[] = {
    "O", "B-PERSON", "I-PERSON", "B-ORGANIZATION", "I-ORGANIZATION", "B-LOCATION",
    "I-LOCATION", "L-PERSON", "U-PERSON", "B-COUNTRY", "B-MONEY", "X-BAD"};

/* Builds a consistent model file from fuzz bytes; *len gets its size. */
static unsigned char *build_model(const uint8_t *d, size_t n, size_t *len)
{
    if (n < 2)
        return NULL;
    uint32_t L = 1 + d[0] % MODEL_MAXL;
    uint32_t hcap = 1u << (d[1] % 9); /* 1..256 slots */
    uint32_t stride = MODEL_STRIDE(L);
    d += 2;
    n -= 2;
    uint64_t sz[MODEL_NSECT] = {(uint64_t)L * 16, (uint64_t)(L + 1) * L * 4,
                                (uint64_t)hcap * stride};
    uint64_t off[MODEL_NSECT], at = MODEL_HDR;
    for (int s = 0; s < MODEL_NSECT; s++) {
        off[s] = at;
        at += (sz[s] + 7) & ~(uint64_t)7;
    }
    unsigned char *b = calloc(1, at);
    if (!b)
        return NULL;
    /* labels: picked by the fuzz bytes from a list with one bad name */
    for (uint32_t i = 0; i < L; i++) {
        const char *nm = label_names[(n ? d[i % n] : i) % (sizeof label_names / sizeof *label_names)];
        strcpy((char *)b + off[MSEC_LABELS] + 16 * i, nm);
    }
    /* transitions and slots: the fuzz bytes, cycled */
    size_t k = 0;
    for (int s = MSEC_TRANS; s < MODEL_NSECT && n; s++)
        for (uint64_t i = 0; i < sz[s]; i++)
            b[off[s] + i] = d[k++ % n];
    /* F = used slots, which must stay below hcap: slot 0 empties if needed */
    uint32_t F = 0;
    for (uint32_t i = 0; i < hcap; i++) {
        unsigned char *slot = b + off[MSEC_SLOTS] + (size_t)i * stride;
        memset(slot + 8 + 2 * L, 0, stride - 8 - 2 * L); /* padding */
        uint64_t key;
        memcpy(&key, slot, 8);
        F += key != 0;
    }
    if (F == hcap) {
        memset(b + off[MSEC_SLOTS], 0, 8);
        F--;
    }
    memcpy(b, MODEL_MAGIC, 8);
    wr32(b + 8, MODEL_VERSION);
    wr32(b + 12, FEAT_VERSION);
    wr32(b + 16, L);
    wr32(b + 20, F);
    wr32(b + 24, hcap);
    /* the weight scale: a fuzz byte picks a power of two, 2^-16..2^15 */
    float scale = 1.0f;
    for (int e = (n ? d[0] : 0) % 32 - 16; e < 0; e++)
        scale /= 2;
    for (int e = (n ? d[0] : 0) % 32 - 16; e > 0; e--)
        scale *= 2;
    uint32_t sbits;
    memcpy(&sbits, &scale, 4);
    wr32(b + 28, sbits);
    for (int s = 0; s < MODEL_NSECT; s++) {
        wr64(b + 40 + 16 * s, off[s]);
        wr64(b + 48 + 16 * s, sz[s]);
    }
    /* the checksum mixes in the scale's bits (model.h) */
    wr64(b + 32, model_checksum(b + MODEL_HDR, at - MODEL_HDR) + 0x9E3779B97F4A7C15ULL * sbits);
    *len = at;
    return b;
}

static void run_tagger(const unsigned char *file, size_t len)
{
    FILE *f = fopen(tmp_path, "wb");
    FUZZ_ASSERT(f && fwrite(file, 1, len, f) == len && fclose(f) == 0);
    tagger_t *t = NULL;
    warta_error_t err;
    int rc = tagger_load(&t, tmp_path, &err);
    unlink(tmp_path); /* read in one go: no longer needed */
    FUZZ_ASSERT(rc == 0 && t);
    tagger_scratch_t *ts = tagger_scratch_new(t);
    FUZZ_ASSERT(ts);
    static const char text[] =
        "Presiden Joko Widodo bertemu Donald Trump di Washington, Amerika Serikat.\n"
        "Bank Indonesia (BI) menaikkan bunga; PT Pertamina (Persero) rugi Rp 1,2 triliun.\n"
        "a b c d e f g h i j k l m n o p q r s t u v w x y z";
    size_t chars, bad;
    FUZZ_ASSERT(text_check(text, sizeof text - 1, &chars, &bad) == 0);
    arena_t arena = {0};
    pipe_t *p = &WK->pipe;
    p->s = text;
    p->n = sizeof text - 1;
    p->chars = chars;
    p->arena = &arena;
    p->ntok = p->nsent = p->nment = 0;
    FUZZ_ASSERT(tok_run(W->tok, p) == 0);
    FUZZ_ASSERT(!vec_reserve((void **)&p->lex, &p->caplex, p->ntok + 1, sizeof *p->lex));
    memset(p->lex, 0, (p->ntok + 1) * sizeof *p->lex);
    FUZZ_ASSERT(sent_run(W->sent, p) == 0 && gaz_run(W->gaz, p) == 0);
    rc = tagger_run(t, ts, p);
    FUZZ_ASSERT(rc == 0);
    for (size_t i = 0; i < p->nment; i++) {
        FUZZ_ASSERT(p->ment[i].tb < p->ment[i].te && p->ment[i].te <= p->ntok);
        FUZZ_ASSERT(p->ment[i].type < WARTA_NTYPES);
    }
    p->nment = 0;
    p->arena = NULL;
    arena_free(&arena);
    tagger_scratch_free(ts);
    tagger_free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!W)
        LLVMFuzzerInitialize(NULL, NULL);
    if (size < 1 || size > (1u << 20))
        return 0;
    unsigned char *file;
    size_t len;
    if (data[0] & 1) {
        file = build_model(data + 1, size - 1, &len);
        if (!file)
            return 0;
    } else {
        len = size - 1;
        file = malloc(len ? len : 1); /* exact size: ASan sees any overread */
        FUZZ_ASSERT(file);
        memcpy(file, data + 1, len);
    }
    model_t m;
    memset(&m, 0, sizeof m);
    warta_error_t err;
    memset(&err, 0, sizeof err);
    int rc = model_open_mem(&m, file, len, &err);
    if (rc < 0) {
        FUZZ_ASSERT(rc == WARTA_ERR_MODEL && err.code == WARTA_ERR_MODEL && err.message[0]);
    } else {
        FUZZ_ASSERT(m.nlabels >= 1 && m.nlabels <= MODEL_MAXL && m.nfeat < m.hcap);
        const unsigned char *lo = m.slots, *hi = m.slots + (size_t)m.hcap * m.stride;
        for (uint64_t h = 1; h < 64; h++) {
            const unsigned char *w = (const unsigned char *)model_find(&m, h * 0x9e3779b97f4a7c15ULL);
            FUZZ_ASSERT(!w || (w >= lo + 8 && w + 2 * m.nlabels <= hi));
        }
        for (uint32_t i = 0; i < m.hcap; i++) { /* every stored key, found or not */
            uint64_t key;
            memcpy(&key, m.slots + (size_t)i * m.stride, 8);
            const unsigned char *w = (const unsigned char *)model_find(&m, key ? key : 1);
            FUZZ_ASSERT(!w || (w >= lo + 8 && w + 2 * m.nlabels <= hi));
        }
        model_close(&m);
        run_tagger(file, len);
    }
    free(file);
    return 0;
}
