/* errors.c - error messages, entity type names, and err_set() (errors.h). */
#include "errors.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *warta_errmsg(int code)
{
    switch (code) {
    case WARTA_OK: return "success";
    case WARTA_ERR_NOMEM: return "out of memory";
    case WARTA_ERR_INVALID_UTF8: return "invalid UTF-8";
    case WARTA_ERR_BINARY: return "binary file (NUL byte)";
    case WARTA_ERR_UTF16: return "UTF-16 input (convert it with iconv -f UTF-16 -t UTF-8)";
    case WARTA_ERR_MODEL: return "model file corrupt, truncated or of another version";
    case WARTA_ERR_IO: return "input/output error";
    case WARTA_ERR_ARG: return "invalid argument";
    case WARTA_ERR_DATA: return "malformed data file";
    case WARTA_ERR_LIMIT: return "internal limit exceeded";
    default: return "unknown error";
    }
}

static const char *const type_names[WARTA_NTYPES] = {
    "PERSON", "COUNTRY", "ORGANIZATION", "MONEY", "LOCATION"};

const char *warta_type_name(warta_type_t type)
{
    return (unsigned)type < WARTA_NTYPES ? type_names[type] : NULL;
}

int warta_type_parse(const char *name, size_t len)
{
    if (!name)
        return WARTA_ERR_ARG;
    for (int t = 0; t < WARTA_NTYPES; t++)
        if (strlen(type_names[t]) == len && strncasecmp(type_names[t], name, len) == 0)
            return t;
    return -1;
}

int err_set(warta_error_t *err, int code, size_t byte, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    err->byte = byte;
    if (!fmt) {
        snprintf(err->message, sizeof err->message, "%s", warta_errmsg(code));
        return code;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}
