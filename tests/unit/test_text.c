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

/* Unicode 15 section 3.9, table 3-8: "61 F1 80 80 E1 80 C2 62 80 63 80 BF 64"
 * repairs to 61 FFFD FFFD FFFD 62 FFFD 63 FFFD FFFD 64 (maximal subparts). */
static void repair_maximal_subparts(void)
{
    static const char in[] = "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64";
    static const char want[] = "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "b\xEF\xBF\xBD"
                               "c\xEF\xBF\xBD\xEF\xBF\xBD" "d";
    size_t n = 0, chars = 0, bad = 0;
    char *r = text_repair(in, sizeof in - 1, &n);
    CHECK(r != NULL);
    CHECK_INT(n, sizeof want - 1);
    CHECK(r && memcmp(r, want, sizeof want - 1) == 0);
    CHECK(r && r[n] == '\0');
    CHECK_INT(text_check(r, n, &chars, &bad), WARTA_OK);
    CHECK_INT(chars, 10);
    free(r);
    /* surrogate ED A0 80: E D is a lead whose second byte must be 80..9F,
     * so the subpart is ED alone and each byte becomes one U+FFFD */
    r = text_repair("\xED\xA0\x80", 3, &n);
    CHECK_INT(n, 9);
    free(r);
    /* truncated at the end: one U+FFFD for the whole valid prefix */
    r = text_repair("x\xF0\x9F\x98", 4, &n);
    CHECK_INT(n, 4);
    CHECK(r && memcmp(r, "x\xEF\xBF\xBD", 4) == 0);
    free(r);
    /* overlong C0 AF: C0 never starts a sequence: two U+FFFD */
    r = text_repair("\xC0\xAF", 2, &n);
    CHECK_INT(n, 6);
    free(r);
    /* valid text comes back unchanged */
    r = text_repair("Rp\xE2\x82\xAC", 5, &n);
    CHECK_INT(n, 5);
    CHECK(r && memcmp(r, "Rp\xE2\x82\xAC", 5) == 0);
    free(r);
    r = text_repair("", 0, &n);
    CHECK(r != NULL);
    CHECK_INT(n, 0);
    free(r);
}

static void bad_len_table(void)
{
    CHECK_INT(utf8_bad_len((const unsigned char *)"\x80", 1), 1);
    CHECK_INT(utf8_bad_len((const unsigned char *)"\xFF", 1), 1);
    CHECK_INT(utf8_bad_len((const unsigned char *)"\xE2\x82" "A", 3), 2);
    CHECK_INT(utf8_bad_len((const unsigned char *)"\xF0\x80\x80", 3), 1);
    CHECK_INT(utf8_bad_len((const unsigned char *)"\xF4\x8F\xBF" "A", 4), 3);
    CHECK_INT(utf8_seq_len((const unsigned char *)"\xF4\x8F\xBF\xBF", 4), 4);
    CHECK_INT(utf8_seq_len((const unsigned char *)"\xEF\xBB\xBF", 3), 3); /* BOM */
}

/* Every one- and two-byte input, every lead byte with every second byte:
 * check, repair and seq_len agree with each other. */
static void exhaustive_two_bytes(void)
{
    unsigned char b[3];
    for (unsigned x = 1; x < 256; x++) {
        for (unsigned y = 1; y < 256; y++) {
            b[0] = (unsigned char)x;
            b[1] = (unsigned char)y;
            size_t chars = 0, bad = 0, n = 0;
            int rc = text_check((const char *)b, 2, &chars, &bad);
            char *r = text_repair((const char *)b, 2, &n);
            if (!r) {
                CHECK(r != NULL);
                return;
            }
            size_t c2 = 0, b2 = 0;
            int ok = text_check(r, n, &c2, &b2) == WARTA_OK || text_utf16_bom((const char *)b, 2);
            if (!ok)
                CHECK(ok);
            if (rc == WARTA_OK && (n != 2 || memcmp(r, b, 2) != 0))
                CHECK(rc != WARTA_OK);
            free(r);
        }
    }
}

static void utf32_bom(void)
{
    size_t chars, bad;
    CHECK_INT(text_utf16_bom("\xFF\xFE\0\0", 4), 32);
    CHECK_INT(text_utf16_bom("\0\0\xFE\xFF", 4), 32);
    CHECK_INT(text_utf16_bom("\xFF\xFE" "a\0", 4), 16);
    CHECK_INT(text_utf16_bom("\xEF\xBB\xBF", 3), 0);
    CHECK_INT(text_check("\0\0\xFE\xFF", 4, &chars, &bad), WARTA_ERR_UTF16);
    /* a UTF-8 BOM is text: one code point */
    CHECK_INT(text_check("\xEF\xBB\xBF" "ab", 5, &chars, &bad), WARTA_OK);
    CHECK_INT(chars, 3);
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
    RUN(repair_maximal_subparts);
    RUN(bad_len_table);
    RUN(exhaustive_two_bytes);
    RUN(utf32_bom);
    RUN(errmsg_for_every_code);
    return T_EXIT();
}
