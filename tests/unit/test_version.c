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

/* MAJOR.MINOR.PATCH, digits only, nothing after. */
static void version_is_three_numbers(void)
{
    const char *v = warta_version();
    unsigned major, minor, patch;
    int end = -1;
    CHECK_INT(sscanf(v, "%u.%u.%u%n", &major, &minor, &patch, &end), 3);
    CHECK(end > 0 && v[end] == '\0');
    CHECK(isdigit((unsigned char)v[0]));
}

int main(void)
{
    RUN(version_matches_header);
    RUN(version_is_three_numbers);
    return T_EXIT();
}
