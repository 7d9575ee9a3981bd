/* inputs.c - PATH arguments to inputs (see inputs.h). */
#define _GNU_SOURCE 1 /* qsort_r */
#include "inputs.h"
#include "term.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

inputs_options_t inputs_options_default(void)
{
    inputs_options_t o = {.glob = "*.txt", .hidden = 0, .warn = NULL, .warn_ctx = NULL};
    return o;
}

/* One open directory level of the walk: its entry names, sorted, packed
 * NUL-separated in `buf` and indexed by `off` (32-bit offsets keep a level
 * of 100,000 names near 1.5 MB).  Directory names carry a trailing '/' so
 * that sorting the names sorts the paths byte-wise. */
typedef struct level {
    char *path;
    char *buf;
    size_t used, cap;
    uint32_t *off;
    size_t n, ncap, next;
    dev_t dev;
    ino_t ino;
} level_t;

struct inputs {
    char *const *paths;
    size_t next_path;
    inputs_options_t opt;
    level_t *stack;
    size_t depth, cap;
};

inputs_t *inputs_open(char *const *paths, const inputs_options_t *opt)
{
    inputs_t *in = calloc(1, sizeof *in);
    if (!in)
        return NULL;
    in->paths = paths;
    in->opt = *opt;
    if (!in->opt.glob)
        in->opt.glob = "*.txt";
    return in;
}

static void level_free(level_t *l)
{
    free(l->buf);
    free(l->off);
    free(l->path);
}

void inputs_close(inputs_t *in)
{
    if (!in)
        return;
    while (in->depth)
        level_free(&in->stack[--in->depth]);
    free(in->stack);
    free(in);
}

void input_release(input_t *d)
{
    free(d->source);
    memset(d, 0, sizeof *d);
}

size_t inputs_count_if_flat(char *const *paths)
{
    size_t n = 0;
    for (; *paths; paths++, n++) {
        struct stat st;
        if (strcmp(*paths, "-") && stat(*paths, &st) == 0 && S_ISDIR(st.st_mode))
            return 0;
    }
    return n;
}

/* Reads to the end of `fp` into a buffer that starts at `hint` + 1 bytes
 * (the size of a regular file, so that it is read without copies or spare
 * room) and doubles when the stream holds more, up to max + 1 bytes: a
 * stream longer than `max` is refused with EFBIG, having read max + 1. */
static int read_sized(FILE *fp, size_t hint, size_t max, char **data, size_t *len)
{
    if (hint > max)
        hint = max;
    size_t cap = !hint ? 4096 : hint + 1, n = 0;
    if (cap > max + 1)
        cap = max + 1;
    char *b = malloc(cap);
    if (!b)
        return ENOMEM;
    for (;;) {
        if (n == cap) {
            size_t nc = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
            if (nc > max + 1)
                nc = max + 1;
            char *nb = nc <= cap ? NULL : realloc(b, nc);
            if (!nb) {
                free(b);
                return nc <= cap ? EFBIG : ENOMEM;
            }
            b = nb;
            cap = nc;
        }
        size_t k = fread(b + n, 1, cap - n, fp);
        n += k;
        if (k == 0) {
            if (ferror(fp)) {
                int e = errno ? errno : EIO;
                free(b);
                return e;
            }
            break;
        }
    }
    if (n > max) {
        free(b);
        return EFBIG;
    }
    *data = b;
    *len = n;
    return 0;
}

int read_all(FILE *fp, size_t max, char **data, size_t *len)
{
    return read_sized(fp, (size_t)1 << 16, max, data, len);
}

void too_large(char *errbuf, size_t errsz, unsigned long long size, size_t max)
{
    if (size)
        snprintf(errbuf, errsz, "document too large (%llu bytes; the limit is %zu, see --max-doc-bytes)",
                 size, max);
    else
        snprintf(errbuf, errsz,
                 "document too large (more than %zu bytes; the limit is %zu, see --max-doc-bytes)",
                 max, max);
}

const char *read_file(const char *path, size_t max, char **data, size_t *len, char *errbuf,
                      size_t errsz)
{
    *data = NULL;
    *len = 0;
    /* O_NONBLOCK so that opening a FIFO with no writer cannot hang; only
     * regular files are read, and for them the flag is cleared again. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        snprintf(errbuf, errsz, "%s", strerror(errno));
        return errbuf;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        snprintf(errbuf, errsz, "%s", strerror(errno));
        close(fd);
        return errbuf;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(errbuf, errsz, "%s", S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
        close(fd);
        return errbuf;
    }
    if ((unsigned long long)st.st_size > max) { /* refused before any read */
        too_large(errbuf, errsz, (unsigned long long)st.st_size, max);
        close(fd);
        return errbuf;
    }
    int fl = fcntl(fd, F_GETFL);
    FILE *fp = fl == -1 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1 ? NULL : fdopen(fd, "rb");
    if (!fp) {
        snprintf(errbuf, errsz, "%s", strerror(errno));
        close(fd);
        return errbuf;
    }
    int e = read_sized(fp, (size_t)st.st_size, max, data, len);
    fclose(fp);
    if (e == EFBIG) /* the file grew while it was read */
        too_large(errbuf, errsz, 0, max);
    else if (e)
        snprintf(errbuf, errsz, "%s", strerror(e));
    return e ? errbuf : NULL;
}

static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    size_t k = a;
    if (a && dir[a - 1] != '/')
        p[k++] = '/';
    memcpy(p + k, name, b + 1);
    return p;
}

static int off_cmp(const void *a, const void *b, void *buf)
{
    const char *s = buf;
    return strcmp(s + *(const uint32_t *)a, s + *(const uint32_t *)b);
}

/* Appends `nm` (plus '/' for a directory) to the level; 0 or ENOMEM. */
static int level_add(level_t *l, const char *nm, int isdir)
{
    size_t k = strlen(nm), need = k + 2;
    if (l->used + need > UINT32_MAX)
        return ENOMEM;
    if (l->used + need > l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 4096;
        while (nc < l->used + need)
            nc *= 2;
        char *nb = realloc(l->buf, nc);
        if (!nb)
            return ENOMEM;
        l->buf = nb;
        l->cap = nc;
    }
    if (l->n == l->ncap) {
        size_t nc = l->ncap ? l->ncap * 2 : 256;
        uint32_t *no = realloc(l->off, nc * sizeof *no);
        if (!no)
            return ENOMEM;
        l->off = no;
        l->ncap = nc;
    }
    l->off[l->n++] = (uint32_t)l->used;
    memcpy(l->buf + l->used, nm, k);
    l->used += k;
    if (isdir)
        l->buf[l->used++] = '/';
    l->buf[l->used++] = '\0';
    return 0;
}

static void warn(inputs_t *in, const char *path, const char *msg)
{
    if (in->opt.warn)
        in->opt.warn(in->opt.warn_ctx, path, msg);
    else
        term_msg("warning", path, msg);
}

/* Opens `path` (taking ownership) as a new level of the walk.  Returns 0,
 * or an errno value (path not consumed).  A directory already on the stack
 * (a symbolic link loop) is skipped with a warning: 0 with no level. */
static int push_dir(inputs_t *in, char *path, const struct stat *st)
{
    for (size_t i = 0; i < in->depth; i++) {
        if (in->stack[i].dev == st->st_dev && in->stack[i].ino == st->st_ino) {
            warn(in, path, "directory loop (symbolic link), skipped");
            free(path);
            return 0;
        }
    }
    DIR *dir = opendir(path);
    if (!dir)
        return errno;
    level_t l = {.path = NULL, .dev = st->st_dev, .ino = st->st_ino};
    struct dirent *de;
    int err = 0;
    /* first pass: size the level exactly, so that a folder of many files
     * costs its names and no spare room (the second pass still grows the
     * buffers if files were added in between) */
    size_t bytes = 0, count = 0;
    while ((de = readdir(dir))) {
        const char *nm = de->d_name;
        if ((nm[0] == '.' && !in->opt.hidden) || !strcmp(nm, ".") || !strcmp(nm, ".."))
            continue;
        if (de->d_type == DT_REG && fnmatch(in->opt.glob, nm, 0) != 0)
            continue;
        bytes += strlen(nm) + 2;
        count++;
    }
    if (count) {
        l.buf = malloc(bytes);
        l.off = malloc(count * sizeof *l.off);
        if (!l.buf || !l.off) {
            closedir(dir);
            level_free(&l);
            return ENOMEM;
        }
        l.cap = bytes;
        l.ncap = count;
    }
    rewinddir(dir);
    /* readdir() returns NULL both at the end and on an error, which only
     * errno tells apart: errno is cleared right before every call, since a
     * stat() of a dangling or looping link in between sets it */
    for (;;) {
        errno = 0;
        if (!(de = readdir(dir))) {
            err = errno;
            break;
        }
        const char *nm = de->d_name;
        if (!strcmp(nm, ".") || !strcmp(nm, ".."))
            continue;
        if (nm[0] == '.' && !in->opt.hidden)
            continue;
        int isdir = de->d_type == DT_DIR;
        if (de->d_type == DT_UNKNOWN || de->d_type == DT_LNK) {
            char *full = join(path, nm);
            struct stat s2;
            isdir = full && stat(full, &s2) == 0 && S_ISDIR(s2.st_mode);
            free(full);
        }
        /* files not matching the glob are dropped now, not kept in memory */
        if (!isdir && fnmatch(in->opt.glob, nm, 0) != 0)
            continue;
        if ((err = level_add(&l, nm, isdir)))
            break;
    }
    closedir(dir);
    if (err) {
        level_free(&l);
        return err;
    }
    qsort_r(l.off, l.n, sizeof *l.off, off_cmp, l.buf);
    if (in->depth == in->cap) {
        size_t nc = in->cap ? in->cap * 2 : 8;
        level_t *ns = realloc(in->stack, nc * sizeof *ns);
        if (!ns) {
            level_free(&l);
            return ENOMEM;
        }
        in->stack = ns;
        in->cap = nc;
    }
    l.path = path;
    in->stack[in->depth++] = l;
    return 0;
}

static int fail(input_t *d, char *source, int e)
{
    d->kind = INPUT_ERROR;
    d->source = source;
    snprintf(d->errbuf, sizeof d->errbuf, "%s", strerror(e));
    d->error = d->errbuf;
    return 1;
}

int inputs_next(inputs_t *in, input_t *d)
{
    memset(d, 0, sizeof *d);
    for (;;) {
        if (in->depth) {
            level_t *l = &in->stack[in->depth - 1];
            if (l->next == l->n) {
                level_free(l);
                in->depth--;
                continue;
            }
            char *nm = l->buf + l->off[l->next++];
            size_t k = strlen(nm);
            int isdir = k && nm[k - 1] == '/';
            if (isdir)
                nm[k - 1] = '\0';
            char *full = join(l->path, nm);
            if (!full)
                return fail(d, strdup(nm), ENOMEM);
            struct stat st;
            if (stat(full, &st) != 0) {
                if (lstat(full, &st) == 0 && S_ISLNK(st.st_mode)) {
                    free(full); /* a dangling link: not a document */
                    continue;
                }
                return fail(d, full, errno);
            }
            if (S_ISDIR(st.st_mode)) {
                int e = push_dir(in, full, &st);
                if (e)
                    return fail(d, full, e);
                continue;
            }
            if (!S_ISREG(st.st_mode) || fnmatch(in->opt.glob, nm, 0) != 0) {
                free(full);
                continue;
            }
            d->kind = INPUT_FILE;
            d->source = full;
            d->size = (size_t)st.st_size;
            return 1;
        }
        const char *p = in->paths[in->next_path];
        if (!p)
            return 0;
        in->next_path++;
        char *src = strdup(p);
        if (!src)
            return fail(d, NULL, ENOMEM);
        d->named = 1;
        if (!strcmp(p, "-")) {
            d->kind = INPUT_STDIN;
            d->source = src;
            return 1;
        }
        struct stat st;
        if (stat(p, &st) != 0)
            return fail(d, src, errno);
        if (S_ISDIR(st.st_mode)) {
            int e = push_dir(in, src, &st);
            if (e)
                return fail(d, src, e);
            continue;
        }
        d->kind = INPUT_FILE;
        d->source = src;
        d->size = S_ISREG(st.st_mode) ? (size_t)st.st_size : 0;
        return 1;
    }
}
