/* rules.c - pattern rules (see rules.h). */
#include "rules.h"

#include <string.h>

/* Top-level domains of news sites that name an organization when written
 * capitalised in running text. */
static const char *const media_tld[] = {".com", ".id", ".co.id", ".net", ".org",
                                        ".tv", ".news", ".co", ".asia", NULL};

static int ends_with(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n > k && memcmp(s + n - k, suf, k) == 0;
}

/* A bare domain: letters, digits, '-' and '.', no scheme or path, starting
 * with an upper-case ASCII letter, ending in a media TLD. */
static int media_domain(const char *s, size_t n)
{
    if (n < 4 || n > 64 || s[0] < 'A' || s[0] > 'Z')
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-'))
            return 0;
    }
    for (int i = 0; media_tld[i]; i++)
        if (ends_with(s, n, media_tld[i]))
            return 1;
    return 0;
}

int rules_run(pipe_t *p)
{
    for (size_t t = 0; t < p->ntok; t++) {
        if (p->tok[t].kind != WARTA_TOK_URL)
            continue;
        const char *s = p->s + p->tok[t].byte_start;
        size_t n = p->tok[t].byte_end - p->tok[t].byte_start;
        if (media_domain(s, n) &&
            !pipe_add_mention(p, (uint32_t)t, (uint32_t)t + 1, WARTA_ORGANIZATION, SRC_RULE))
            return WARTA_ERR_NOMEM;
    }
    return 0;
}
