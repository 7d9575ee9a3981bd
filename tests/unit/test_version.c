/* Unit tests: warta_version() reports the version of the header the
 * library was built with, in the MAJOR.MINOR.PATCH form the SONAME and the
 * packages derive from. */
#include <ctype.h>

#include "t.h"
#include "warta.h"

static void version_matches_header(void)
{
    const char *v = warta_version();
    CHECK(v != NULL);
    CHECK_STR(v, WARTA_VERSION);
    CHECK(warta_version() == v); /* static: the same string every call */
}

/* Three dot-separated runs of digits, nothing else. */
static void version_is_three_numbers(void)
{
    const char *p = warta_version();
    int parts = 0;
    while (*p) {
        CHECK(isdigit((unsigned char)*p));
        while (isdigit((unsigned char)*p))
            p++;
        parts++;
        if (*p == '.')
            p++;
        else
            CHECK(*p == '\0');
        if (*p && !isdigit((unsigned char)*p))
            break;
    }
    CHECK(*p == '\0');
    CHECK_INT(parts, 3);
}

int main(void)
{
    RUN(version_matches_header);
    RUN(version_is_three_numbers);
    return T_EXIT();
}
