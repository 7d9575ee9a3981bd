/* rules.c - pattern rules (see rules.h). */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

#include "data.h"

/* The endings of news sites (".com", ".id"...): the top-level domains
 * data/tlds.txt marks `media`, with their dot. */
#define RULES_MAXTLD 32
struct rules {
    char tld[RULES_MAXTLD][16];
    size_t ntld;
};

static int add_tld(const char *line, size_t len, void *ctx)
{
    rules_t *r = ctx;
    const char *f[2];
    size_t fl[2];
    if (split_tabs(line, len, f, fl, 2) < 2 || fl[1] != 5 || memcmp(f[1], "media", 5))
        return 0;
    if (fl[0] + 2 > sizeof r->tld[0] || r->ntld == RULES_MAXTLD)
        return WARTA_ERR_DATA;
    r->tld[r->ntld][0] = '.';
    memcpy(r->tld[r->ntld] + 1, f[0], fl[0]);
    r->tld[r->ntld++][fl[0] + 1] = '\0';
    return 0;
}

int rules_load(rules_t **out, warta_error_t *err)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return err_set(err, WARTA_ERR_NOMEM, 0, "out of memory loading the rules");
    size_t n;
    const unsigned char *buf = data_get("tlds.txt", &n);
    if (!buf || for_each_line((const char *)buf, n, add_tld, *out)) {
        rules_free(*out);
        *out = NULL;
        return err_set(err, WARTA_ERR_DATA, 0, "data/tlds.txt: missing or malformed");
    }
    return 0;
}

void rules_free(rules_t *r)
{
    free(r);
}

static int ends_with(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n > k && memcmp(s + n - k, suf, k) == 0;
}

/* A bare domain: letters, digits, '-' and '.', no scheme or path, starting
 * with an upper-case ASCII letter, ending in a media TLD. */
static int media_domain(const rules_t *r, const char *s, size_t n)
{
    if (n < 4 || n > 64 || s[0] < 'A' || s[0] > 'Z')
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-'))
            return 0;
    }
    for (size_t i = 0; i < r->ntld; i++)
        if (ends_with(s, n, r->tld[i]))
            return 1;
    return 0;
}

int rules_run(const rules_t *r, pipe_t *p)
{
    for (size_t t = 0; t < p->ntok; t++) {
        if (p->tok[t].kind != WARTA_TOK_URL)
            continue;
        const char *s = p->s + p->tok[t].byte_start;
        size_t n = p->tok[t].byte_end - p->tok[t].byte_start;
        if (media_domain(r, s, n) &&
            !pipe_add_mention(p, (uint32_t)t, (uint32_t)t + 1, WARTA_ORGANIZATION, SRC_RULE))
            return WARTA_ERR_NOMEM;
    }
    return 0;
}
