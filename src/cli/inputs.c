/* inputs.c - PATH arguments to documents (see inputs.h). */
#include "inputs.h"

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
    inputs_options_t o = {.glob = "*.txt", .hidden = 0};
    return o;
}

/* One open directory level of the walk: its entries, sorted. */
typedef struct level {
    char *path;
    char **names; /* directory names carry a trailing '/' for sorting */
    size_t n, next;
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
    for (size_t i = 0; i < l->n; i++)
        free(l->names[i]);
    free(l->names);
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

void document_release(document_t *d)
{
    free(d->source);
    free(d->data);
    memset(d, 0, sizeof *d);
}

int read_all(FILE *fp, char **data, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    if (!b)
        return ENOMEM;
    for (;;) {
        if (n == cap) {
            char *nb = cap > SIZE_MAX / 2 ? NULL : realloc(b, cap * 2);
            if (!nb) {
                free(b);
                return ENOMEM;
            }
            b = nb;
            cap *= 2;
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
    *data = b;
    *len = n;
    return 0;
}

static void fail(document_t *d, const char *fmt, const char *what)
{
    snprintf(d->errbuf, sizeof d->errbuf, fmt, what);
    d->error = d->errbuf;
}

static void read_file(const char *path, document_t *d)
{
    /* O_NONBLOCK so that opening a FIFO with no writer cannot hang; only
     * regular files are read, and for them the flag is cleared again. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        fail(d, "%s", strerror(errno));
        return;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        fail(d, "%s", strerror(errno));
        close(fd);
        return;
    }
    if (!S_ISREG(st.st_mode)) {
        fail(d, "%s", S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
        close(fd);
        return;
    }
    int fl = fcntl(fd, F_GETFL);
    FILE *fp = fl == -1 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1 ? NULL : fdopen(fd, "rb");
    if (!fp) {
        fail(d, "%s", strerror(errno));
        close(fd);
        return;
    }
    int e = read_all(fp, &d->data, &d->len);
    fclose(fp);
    if (e)
        fail(d, "%s", strerror(e));
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

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Opens `path` as a new level of the walk.  Returns 0, or an errno value.
 * A directory already on the stack (a symlink loop) is skipped: 0 with no
 * level pushed. */
static int push_dir(inputs_t *in, char *path, const struct stat *st)
{
    for (size_t i = 0; i < in->depth; i++) {
        if (in->stack[i].dev == st->st_dev && in->stack[i].ino == st->st_ino) {
            fprintf(stderr, "warta: warning: %s: directory loop (symbolic link), skipped\n", path);
            free(path);
            return 0;
        }
    }
    DIR *dir = opendir(path);
    if (!dir)
        return errno;
    level_t l = {.path = path, .dev = st->st_dev, .ino = st->st_ino};
    size_t cap = 0;
    struct dirent *de;
    int err = 0;
    while ((de = readdir(dir))) {
        const char *nm = de->d_name;
        if (!strcmp(nm, ".") || !strcmp(nm, ".."))
            continue;
        if (nm[0] == '.' && !in->opt.hidden)
            continue;
        size_t k = strlen(nm);
        char *e = malloc(k + 2);
        if (!e || (l.n == cap && (cap = cap ? cap * 2 : 32,
                                  !(l.names = realloc(l.names, cap * sizeof *l.names))))) {
            free(e);
            err = ENOMEM;
            break;
        }
        memcpy(e, nm, k + 1);
        /* mark directories with '/' so that sorting the names sorts paths */
        int isdir = de->d_type == DT_DIR;
        if (de->d_type == DT_UNKNOWN || de->d_type == DT_LNK) {
            char *full = join(path, nm);
            struct stat s2;
            isdir = full && stat(full, &s2) == 0 && S_ISDIR(s2.st_mode);
            free(full);
        }
        if (isdir) {
            e[k] = '/';
            e[k + 1] = '\0';
        }
        l.names[l.n++] = e;
    }
    closedir(dir);
    if (err) {
        level_free(&l);
        return err;
    }
    qsort(l.names, l.n, sizeof *l.names, name_cmp);
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
    in->stack[in->depth++] = l;
    return 0;
}

static int dir_error(document_t *d, char *path, int e)
{
    d->source = path;
    fail(d, "%s", strerror(e));
    return 1;
}

int inputs_next(inputs_t *in, document_t *d)
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
            char *nm = l->names[l->next++];
            size_t k = strlen(nm);
            int isdir = k && nm[k - 1] == '/';
            if (isdir)
                nm[k - 1] = '\0';
            char *full = join(l->path, nm);
            if (!full)
                return dir_error(d, strdup(nm), ENOMEM);
            struct stat st;
            if (stat(full, &st) != 0) {
                if (lstat(full, &st) == 0 && S_ISLNK(st.st_mode)) {
                    free(full); /* a dangling link: not a document */
                    continue;
                }
                return dir_error(d, full, errno);
            }
            if (S_ISDIR(st.st_mode)) {
                int e = push_dir(in, full, &st);
                if (e)
                    return dir_error(d, full, e);
                continue;
            }
            if (!S_ISREG(st.st_mode) || fnmatch(in->opt.glob, nm, 0) != 0) {
                free(full);
                continue;
            }
            d->source = full;
            read_file(full, d);
            return 1;
        }
        const char *p = in->paths[in->next_path];
        if (!p)
            return 0;
        in->next_path++;
        d->source = strdup(p);
        if (!d->source) {
            fail(d, "%s", strerror(ENOMEM));
            return 1;
        }
        if (!strcmp(p, "-")) {
            int e = read_all(stdin, &d->data, &d->len);
            if (e)
                fail(d, "%s", strerror(e));
            return 1;
        }
        struct stat st;
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            char *path = d->source;
            d->source = NULL;
            int e = push_dir(in, path, &st);
            if (e)
                return dir_error(d, strdup(p), e);
            continue;
        }
        if (stat(p, &st) != 0) {
            fail(d, "%s", strerror(errno));
            return 1;
        }
        read_file(p, d);
        return 1;
    }
}
