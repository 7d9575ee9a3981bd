/* model_write.c - writes a model file in the layout of model.h. */
#include "model_write.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feat.h"
#include "model.h"

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64(const unsigned char *p)
{
    return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static void wr32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void wr64(unsigned char *p, uint64_t v)
{
    wr32(p, (uint32_t)v);
    wr32(p + 4, (uint32_t)(v >> 32));
}

int model_write(const char *path, const char *const *labels, uint32_t L, const float *trans,
                const float *w, const uint64_t *hashes, uint32_t F)
{
    uint32_t hcap = 16;
    while (hcap < 2u * F + 1)
        hcap *= 2;
    uint32_t stride = MODEL_STRIDE(L);
    uint64_t sz[MODEL_NSECT] = {(uint64_t)L * 16, (uint64_t)(L + 1) * L * 4,
                                (uint64_t)hcap * stride};
    uint64_t off[MODEL_NSECT], total = MODEL_HDR;
    for (int s = 0; s < MODEL_NSECT; s++) {
        off[s] = total;
        total += (sz[s] + 7) & ~(uint64_t)7;
    }
    unsigned char *buf = calloc(1, total);
    if (!buf)
        return WARTA_ERR_NOMEM;
    memcpy(buf, MODEL_MAGIC, 8);
    wr32(buf + 8, MODEL_VERSION);
    wr32(buf + 12, FEAT_VERSION);
    wr32(buf + 16, L);
    wr32(buf + 20, F);
    wr32(buf + 24, hcap);
    for (int s = 0; s < MODEL_NSECT; s++) {
        wr64(buf + 40 + 16 * s, off[s]);
        wr64(buf + 48 + 16 * s, sz[s]);
    }
    for (uint32_t i = 0; i < L; i++)
        snprintf((char *)buf + off[MSEC_LABELS] + 16 * i, 16, "%s", labels[i]);
    memcpy(buf + off[MSEC_TRANS], trans, sz[MSEC_TRANS]);
    unsigned char *sl = buf + off[MSEC_SLOTS];
    float maxw = 0;
    for (size_t k = 0; k < (size_t)F * L; k++)
        maxw = fabsf(w[k]) > maxw ? fabsf(w[k]) : maxw;
    float scale = maxw > 0 ? maxw / 32767.0f : 1.0f;
    {
        uint32_t sb;
        memcpy(&sb, &scale, 4);
        wr32(buf + 28, sb);
    }
    for (uint32_t f = 0; f < F; f++) {
        uint32_t i = (uint32_t)hashes[f] & (hcap - 1);
        while (rd64(sl + (size_t)i * stride))
            i = (i + 1) & (hcap - 1);
        wr64(sl + (size_t)i * stride, hashes[f]);
        for (uint32_t l = 0; l < L; l++) {
            long q = lrintf(w[(size_t)f * L + l] / scale);
            q = q > 32767 ? 32767 : q < -32767 ? -32767 : q;
            uint16_t u = (uint16_t)(int16_t)q;
            sl[(size_t)i * stride + 8 + 2 * l] = (unsigned char)(u & 0xFF);
            sl[(size_t)i * stride + 9 + 2 * l] = (unsigned char)(u >> 8);
        }
    }
    wr64(buf + 32, model_checksum(buf + MODEL_HDR, total - MODEL_HDR) + MODEL_SCALE_MIX * rd32(buf + 28));
    FILE *fp = fopen(path, "wb");
    int rc = 0;
    if (!fp || fwrite(buf, 1, total, fp) != total)
        rc = WARTA_ERR_IO;
    if (fp && fclose(fp))
        rc = WARTA_ERR_IO;
    free(buf);
    return rc;
}
