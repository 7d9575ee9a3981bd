/* version.c - the library's version at run time (warta_version()). */
#include "warta.h"

const char *warta_version(void)
{
    return WARTA_VERSION;
}
