/* model.c - model file reading, checking and writing (layout in model.h). */
#include "model.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "feat.h"

static int fail(warta_error_t *err, const char *fmt, const char *a, unsigned long long b)
{
    return err_set(err, WARTA_ERR_MODEL, 0, fmt, a, b);
}

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64(const unsigned char *p)
{
    return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

uint64_t model_checksum(const unsigned char *p, size_t n)
{
    /* four independent multiply-xor lanes over 8-byte words, then the tail */
    uint64_t h[4] = {0x9e3779b97f4a7c15ULL, 0xc2b2ae3d27d4eb4fULL, 0x165667b19e3779f9ULL,
                     0x27d4eb2f165667c5ULL};
    size_t i = 0;
    for (; i + 32 <= n; i += 32)
        for (int k = 0; k < 4; k++)
            h[k] = (h[k] ^ rd64(p + i + 8 * k)) * 0x100000001b3ULL + (h[k] >> 29);
    uint64_t r = h[0] ^ (h[1] << 1) ^ (h[2] << 2) ^ (h[3] << 3) ^ n;
    for (; i < n; i++)
        r = (r ^ p[i]) * 0x100000001b3ULL;
    return r;
}

int model_parse_label(const char *name, uint8_t *prefix, uint8_t *type)
{
    if (!strcmp(name, "O")) {
        *prefix = LP_O;
        *type = 0;
        return 0;
    }
    static const char pre[] = "OBILU";
    const char *q = strchr(pre, name[0]);
    if (!q || !name[0] || q == pre || name[1] != '-')
        return -1;
    int t = warta_type_parse(name + 2, strlen(name + 2));
    if (t < 0)
        return -1;
    *prefix = (uint8_t)(q - pre);
    *type = (uint8_t)t;
    return 0;
}

void model_constraints(uint32_t L, const uint8_t *lprefix, const uint8_t *ltype,
                       uint8_t (*allowed)[MODEL_MAXL], uint8_t *end_ok)
{
    int bilou = 0;
    for (uint32_t i = 0; i < L; i++)
        bilou |= lprefix[i] == LP_L || lprefix[i] == LP_U;
    for (uint32_t a = 0; a <= L; a++) {
        for (uint32_t b = 0; b < L; b++) {
            int pa = a == L ? -1 : lprefix[a];
            int pb = lprefix[b];
            int a_open = pa == LP_B || pa == LP_I; /* an entity continues after a */
            int cont = pb == LP_I || pb == LP_L;
            int ok;
            if (cont)
                ok = a_open && ltype[a] == ltype[b];
            else
                ok = bilou ? !a_open : 1;
            allowed[a][b] = (uint8_t)ok;
        }
    }
    for (uint32_t b = 0; b < L; b++)
        end_ok[b] = (uint8_t)(bilou ? !(lprefix[b] == LP_B || lprefix[b] == LP_I) : 1);
}

/* full: also the checksum over every byte and the count of used slots
 * (two passes over the whole file, about 2 ms for the shipped model). */
static int open_checked(model_t *m, const void *buf, size_t n, int full, warta_error_t *err)
{
    void *owned = m->owned;
    memset(m, 0, sizeof *m);
    m->owned = owned;
    const unsigned char *p = buf;
    if (!p || n < MODEL_HDR)
        return fail(err, "model is truncated (%s%llu bytes, header needs 128)", "", (unsigned long long)n);
    if ((uintptr_t)p % 8)
        return fail(err, "model buffer is not 8-byte aligned%s%.0llu", "", 0);
    if (memcmp(p, MODEL_MAGIC, 8))
        return fail(err, "not a warta model (bad magic)%s%.0llu", "", 0);
    uint32_t ver = rd32(p + 8), fver = rd32(p + 12);
    if (ver != MODEL_VERSION)
        return fail(err, "model version %s%llu is not supported", "", ver);
    if (fver != FEAT_VERSION)
        return fail(err, "model was trained with feature set %s%llu, not this one", "", fver);
    uint32_t L = rd32(p + 16), F = rd32(p + 20), hcap = rd32(p + 24);
    if (L < 1 || L > MODEL_MAXL)
        return fail(err, "model has a bad label count%s (%llu)", "", L);
    if (!hcap || (hcap & (hcap - 1)) || hcap <= F)
        return fail(err, "model has a bad hash table size%s (%llu)", "", hcap);
    uint32_t stride = MODEL_STRIDE(L);
    uint64_t expect[MODEL_NSECT] = {(uint64_t)L * 16, (uint64_t)(L + 1) * L * 4,
                                    (uint64_t)hcap * stride};
    static const char *const names[MODEL_NSECT] = {"labels", "transitions", "slots"};
    float scale;
    {
        uint32_t sb = rd32(p + 28);
        memcpy(&scale, &sb, 4);
        if (!(scale > 0.0f && scale < 1e30f))
            return fail(err, "model header is corrupt (weight scale%s %llu)", "", sb);
    }
    for (size_t i = 40 + 16 * MODEL_NSECT; i < MODEL_HDR; i++)
        if (p[i])
            return fail(err, "model header is corrupt (padding%s at byte %llu)", "", i);
    /* sections follow each other in order, 8-byte aligned, up to the end */
    const unsigned char *sec[MODEL_NSECT];
    uint64_t at = MODEL_HDR;
    for (int s = 0; s < MODEL_NSECT; s++) {
        uint64_t off = rd64(p + 40 + 16 * s), sz = rd64(p + 48 + 16 * s);
        if (sz != expect[s])
            return fail(err, "model section %s has a wrong size (%llu)", names[s], sz);
        if (off != at)
            return fail(err, "model section %s has a wrong offset (%llu)", names[s], off);
        if (off > n || sz > n - off)
            return fail(err, "model section %s lies outside the file (truncated at %llu bytes?)",
                        names[s], (unsigned long long)n);
        sec[s] = p + off;
        at = off + ((sz + 7) & ~(uint64_t)7);
    }
    if (at != n)
        return fail(err, "model file has a wrong size%s (%llu bytes)", "", (unsigned long long)n);
    if (full && rd64(p + 32) != model_checksum(p + MODEL_HDR, n - MODEL_HDR) + MODEL_SCALE_MIX * rd32(p + 28))
        return fail(err, "model checksum mismatch (corrupt file)%s%.0llu", "", 0);
    m->nlabels = L;
    m->nfeat = F;
    m->hcap = hcap;
    for (uint32_t i = 0; i < L; i++) {
        const char *nm = (const char *)sec[MSEC_LABELS] + 16 * i;
        if (!memchr(nm, 0, 16) || model_parse_label(nm, &m->lprefix[i], &m->ltype[i]))
            return fail(err, "model has a bad label%s %llu", "", i);
        memcpy(m->lname[i], nm, 16);
    }
    m->stride = stride;
    m->scale = scale;
    m->trans = (const float *)(const void *)sec[MSEC_TRANS];
    m->slots = sec[MSEC_SLOTS];
    uint64_t used = F;
    if (full) {
        used = 0;
        for (uint32_t i = 0; i < hcap; i++)
            used += rd64(m->slots + (size_t)i * stride) != 0;
    }
    if (used != F)
        return fail(err, "model hash table holds %s%llu features, not the header's count", "",
                    used);
    model_constraints(m->nlabels, m->lprefix, m->ltype, m->allowed, m->end_ok);
    return 0;
}

/* Before a model file is read whole: its first 128 bytes must hold the
 * magic and sections that end where the file ends, so that a wrong or
 * huge file is refused having read its header only.  The messages are
 * those model_open_mem() gives for the same defects. */
static int check_file_header(FILE *f, uint64_t size, warta_error_t *err)
{
    unsigned char h[MODEL_HDR];
    if (size < MODEL_HDR)
        return 0; /* model_open_mem() says it is truncated */
    if (fread(h, 1, MODEL_HDR, f) != MODEL_HDR || fseek(f, 0, SEEK_SET) != 0)
        return fail(err, "cannot read the model header%s%.0llu", "", 0);
    if (memcmp(h, MODEL_MAGIC, 8))
        return fail(err, "not a warta model (bad magic)%s%.0llu", "", 0);
    uint64_t off = rd64(h + 40 + 16 * (MODEL_NSECT - 1)), sz = rd64(h + 48 + 16 * (MODEL_NSECT - 1));
    if (off > size || sz > size - off)
        return fail(err, "model section %s lies outside the file (truncated at %llu bytes?)",
                    "slots", (unsigned long long)size);
    if (off + ((sz + 7) & ~(uint64_t)7) != size)
        return fail(err, "model file has a wrong size%s (%llu bytes)", "", (unsigned long long)size);
    return 0;
}

int model_open_mem(model_t *m, const void *buf, size_t n, warta_error_t *err)
{
    return open_checked(m, buf, n, 1, err);
}

int model_open_trusted(model_t *m, const void *buf, size_t n, warta_error_t *err)
{
    return open_checked(m, buf, n, 0, err);
}

int model_open_file(model_t *m, const char *path, warta_error_t *err)
{
    memset(m, 0, sizeof *m);
    /* O_NONBLOCK: opening a FIFO must not hang; only regular files are
     * read (a directory or device has no meaningful size). */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
        int isdir = S_ISDIR(st.st_mode);
        close(fd);
        return fail(err, isdir ? "cannot read model %s: is a directory%.0llu"
                               : "cannot read model %s: not a regular file%.0llu", path, 0);
    }
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        return err_set(err, WARTA_ERR_MODEL, 0, "cannot open model %s: %s", path,
                       strerror(errno));
    }
    long sz = -1;
    if (fseek(f, 0, SEEK_END) == 0)
        sz = ftell(f);
    if (sz < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return fail(err, "cannot read model %s%.0llu", path, 0);
    }
    int hrc = check_file_header(f, (uint64_t)sz, err);
    if (hrc < 0) {
        fclose(f);
        return hrc;
    }
    unsigned char *buf = malloc((size_t)sz + 8);
    if (!buf) {
        fclose(f);
        return err_set(err, WARTA_ERR_NOMEM, 0, "out of memory reading model");
    }
    size_t got = fread(buf, 1, (size_t)sz, f);
    fclose(f);
    if (got != (size_t)sz) {
        free(buf);
        return fail(err, "cannot read model %s (short read at %llu)", path, got);
    }
    m->owned = buf;
    int rc = model_open_mem(m, buf, got, err);
    if (rc < 0) {
        free(buf);
        m->owned = NULL;
    }
    return rc;
}

void model_close(model_t *m)
{
    if (!m)
        return;
    free(m->owned);
    m->owned = NULL;
    free(m->filter_owned);
    m->filter_owned = NULL;
    m->filter = NULL;
}

void model_filter_fill(const model_t *m, uint64_t *bits)
{
    for (uint32_t i = 0; i < m->hcap; i++) {
        uint64_t h = rd64(m->slots + (size_t)i * m->stride);
        if (!h)
            continue;
        for (int k = 0; k < 2; k++) {
            uint32_t b = model_filter_bit(h, k);
            bits[b >> 6] |= (uint64_t)1 << (b & 63);
        }
    }
}

int model_filter_attach(model_t *m, const void *buf, size_t len)
{
    free(m->filter_owned);
    m->filter_owned = NULL;
    m->filter = NULL;
    if (buf && len == MODEL_FILTER_WORDS * sizeof(uint64_t) && (uintptr_t)buf % 8 == 0) {
        m->filter = buf;
        return 0;
    }
    uint64_t *bits = calloc(MODEL_FILTER_WORDS, sizeof *bits);
    if (!bits)
        return WARTA_ERR_NOMEM;
    model_filter_fill(m, bits);
    m->filter = m->filter_owned = bits;
    return 0;
}
