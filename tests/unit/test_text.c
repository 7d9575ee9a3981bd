/* Unit tests: UTF-8 validation and repair, error messages. */
#include "t.h"
#include "text.h"
#include "warta.h"

static void valid_ascii_and_multibyte(void)
{
    size_t chars = 0, bad = 99;
    CHECK_INT(text_check("Rp5.000", 7, &chars, &bad), WARTA_OK);
    CHECK_INT(chars, 7);
    CHECK_INT(text_check("\xE2\x82\xAC" "1,5", 6, &chars, &bad), WARTA_OK);
    CHECK_INT(chars, 4);
    CHECK_INT(text_check("", 0, &chars, &bad), WARTA_OK);
    CHECK_INT(chars, 0);
}

static void invalid_utf8_reports_byte(void)
{
    size_t chars, bad = 0;
    CHECK_INT(text_check("abcdefghij\xC3(", 12, &chars, &bad), WARTA_ERR_INVALID_UTF8);
    CHECK_INT(bad, 10);
    CHECK_INT(text_check("\xED\xA0\x80", 3, &chars, &bad), WARTA_ERR_INVALID_UTF8); /* surrogate */
    CHECK_INT(text_check("\xC0\xAF", 2, &chars, &bad), WARTA_ERR_INVALID_UTF8);     /* overlong */
    CHECK_INT(text_check("\xF4\x90\x80\x80", 4, &chars, &bad), WARTA_ERR_INVALID_UTF8);
    CHECK_INT(text_check("\xE2\x82", 2, &chars, &bad), WARTA_ERR_INVALID_UTF8);     /* truncated */
}

static void nul_and_utf16(void)
{
    size_t chars, bad = 0;
    CHECK_INT(text_check("ab\0c", 4, &chars, &bad), WARTA_ERR_BINARY);
    CHECK_INT(bad, 2);
    CHECK_INT(text_check("\xFF\xFEk\0", 4, &chars, &bad), WARTA_ERR_UTF16);
    CHECK_INT(text_check("\xFE\xFF\0k", 4, &chars, &bad), WARTA_ERR_UTF16);
}

static void repair_replaces_each_bad_byte(void)
{
    size_t n = 0;
    char *r = text_repair("a\xFF" "b\xC3", 4, &n);
    CHECK(r != NULL);
    CHECK_INT(n, 8);
    CHECK(r && memcmp(r, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD", 8) == 0);
    free(r);
}

static void errmsg_for_every_code(void)
{
    for (int c = 0; c >= WARTA_ERR_LIMIT; c--)
        CHECK(strcmp(warta_errmsg(c), "unknown error") != 0);
    CHECK_STR(warta_errmsg(-1000), "unknown error");
}

int main(void)
{
    RUN(valid_ascii_and_multibyte);
    RUN(invalid_utf8_reports_byte);
    RUN(nul_and_utf16);
    RUN(repair_replaces_each_bad_byte);
    RUN(errmsg_for_every_code);
    return T_EXIT();
}
