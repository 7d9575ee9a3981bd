/* tables.c - the prebuilt-tables blob: header, reader, writer (tables.h). */
#include "tables.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "currency.h"
#include "ftab.h"
#include "gaz.h"
#include "util.h"

#define TB_ENDIAN 0x01020304u

/* What the sections' records look like in this build: a blob from another
 * layout (another compiler, ABI or struct) does not fit. */
#define TB_LAYOUT                                                                 \
    ((uint64_t)sizeof(entry_t) | (uint64_t)sizeof(edge_t) << 8 |                   \
     (uint64_t)sizeof(piece_t) << 16 | (uint64_t)sizeof(ftab_slot_t) << 24 |       \
     (uint64_t)sizeof(cur_form_t) << 32)

typedef struct tb_head {
    char magic[8];
    uint32_t version, endian, nsec, reserved;
    uint64_t layout, size;
    uint64_t off[TB_N], len[TB_N];
} tb_head_t;

int tb_open(tblob_t *tb, const void *buf, size_t n)
{
    tb_head_t h;
    memset(tb, 0, sizeof *tb);
    if (!buf || n < sizeof h || ((uintptr_t)buf & 63))
        return -1;
    memcpy(&h, buf, sizeof h);
    if (memcmp(h.magic, "WARTATBL", 8) || h.version != TB_VERSION || h.endian != TB_ENDIAN ||
        h.layout != TB_LAYOUT || h.nsec != TB_N || h.size != n)
        return -1;
    for (int i = 0; i < TB_N; i++) {
        if (h.off[i] > n || h.len[i] > n - h.off[i] || (h.off[i] & 63))
            return -1;
        tb->sec[i] = (const unsigned char *)buf + h.off[i];
        tb->len[i] = (size_t)h.len[i];
    }
    return 0;
}

/* The Makefile's build/tables.S: the blob, 64-byte aligned (empty in
 * build/mktables itself, which makes it). */
extern const unsigned char warta_tables[], warta_tables_end[];

static tblob_t embedded;
static int embedded_ok;
static pthread_once_t embedded_once = PTHREAD_ONCE_INIT;

static void open_embedded(void)
{
    embedded_ok = tb_open(&embedded, warta_tables,
                          (size_t)(warta_tables_end - warta_tables)) == 0;
}

const tblob_t *tables_embedded(void)
{
    pthread_once(&embedded_once, open_embedded);
    return embedded_ok ? &embedded : NULL;
}

/* ---- writing ------------------------------------------------------------ */

static void pad_to(tb_writer_t *w, size_t align)
{
    static const unsigned char zero[64];
    size_t k = (align - w->len % align) % align;
    tbw_put(w, zero, k);
}

void tbw_put(tb_writer_t *w, const void *p, size_t n)
{
    if (w->oom || !n)
        return;
    if (vec_reserve((void **)&w->buf, &w->cap, w->len + n, 1)) {
        w->oom = 1;
        return;
    }
    memcpy(w->buf + w->len, p, n);
    w->len += n;
}

void tbw_begin(tb_writer_t *w, int id)
{
    if (!w->len) {
        tb_head_t h = {0};
        tbw_put(w, &h, sizeof h);
    }
    pad_to(w, 64);
    w->off[id] = w->len;
}

void tbw_end(tb_writer_t *w, int id)
{
    w->size[id] = w->len - w->off[id];
}

int tbw_save(tb_writer_t *w, const char *path)
{
    if (!w->len)
        tbw_begin(w, 0);
    pad_to(w, 64);
    if (w->oom)
        return -1;
    tb_head_t h = {.version = TB_VERSION, .endian = TB_ENDIAN, .layout = TB_LAYOUT,
                   .nsec = TB_N, .size = w->len};
    memcpy(h.magic, "WARTATBL", 8);
    for (int i = 0; i < TB_N; i++) {
        h.off[i] = w->off[i];
        h.len[i] = w->size[i];
    }
    memcpy(w->buf, &h, sizeof h);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int bad = fwrite(w->buf, 1, w->len, f) != w->len;
    bad |= fclose(f) != 0;
    return bad ? -1 : 0;
}

void tbw_free(tb_writer_t *w)
{
    free(w->buf);
    memset(w, 0, sizeof *w);
}
