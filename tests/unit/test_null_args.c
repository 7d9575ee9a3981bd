/* Unit tests: every entry point refuses a NULL it cannot use with
 * WARTA_ERR_ARG instead of crashing (issue 15.10: warta_open(NULL, ...)
 * and warta_type_parse(NULL, n) dereferenced it). */
#include "t.h"
#include "warta.h"

static void open_without_out(void)
{
    warta_error_t err;
    memset(&err, 0, sizeof err);
    CHECK_INT(warta_open(NULL, NULL, &err), WARTA_ERR_ARG);
    CHECK_INT(err.code, WARTA_ERR_ARG);
    CHECK(err.message[0] != '\0');
    CHECK_INT(warta_open(NULL, NULL, NULL), WARTA_ERR_ARG);
}

static void type_parse_null(void)
{
    CHECK_INT(warta_type_parse(NULL, 6), WARTA_ERR_ARG);
    CHECK_INT(warta_type_parse(NULL, 0), WARTA_ERR_ARG);
    CHECK_INT(warta_type_parse("person", 6), WARTA_PERSON);
    CHECK_INT(warta_type_parse("PERSONS", 7), -1);
}

int main(void)
{
    RUN(type_parse_null);
    RUN(open_without_out);
    return T_EXIT();
}
