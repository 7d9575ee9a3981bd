/* fuzz_jsonl.c - the --input jsonl record reader (src/cli/jsonl.c), then
 * the decoded text through warta_analyze() and warta_render() with the
 * record's id, as the command line does.
 * Checks: a record either decodes to a text or gives a message; an id is
 * always valid JSON that the rendered object carries verbatim (blanks other
 * than spaces written as spaces), found whenever jansson sees one; the
 * rendered object (or error record) is one line without TAB or CR and
 * parses back. */
#include <jansson.h>
#include <string.h>

#include "fuzz.h"
#include "jsonl.h"
#include "text.h"
#include "warta.h"

static warta_t *W;
static warta_worker_t *WK;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    jsonl_init();
    fuzz_open(&W, &WK);
    return 0;
}

static void check_rendered(const char *out, size_t len, const char *id_json)
{
    size_t chars, bad;
    FUZZ_ASSERT(len && out[len - 1] == '\n' && memchr(out, '\n', len) == out + len - 1);
    FUZZ_ASSERT(text_check(out, len, &chars, &bad) == WARTA_OK);
    FUZZ_ASSERT(!memchr(out, '\r', len) && !memchr(out, '\t', len));
    /* ids may hold numbers of any size: masked as the reader does */
    char *m = jsonl_mask_numbers(out, len);
    FUZZ_ASSERT(m);
    json_t *j = json_loadb(m, len, JSON_ALLOW_NUL, NULL);
    free(m);
    FUZZ_ASSERT(j && json_is_object(j));
    if (id_json) { /* written verbatim, first */
        FUZZ_ASSERT(json_object_get(j, "id"));
        size_t k = strlen(id_json);
        FUZZ_ASSERT(len > 6 + k && !memcmp(out, "{\"id\":", 6) && !memcmp(out + 6, id_json, k));
    }
    json_decref(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!W)
        LLVMFuzzerInitialize(NULL, NULL);
    jsonl_record_t r;
    char errbuf[256];
    const char *msg = jsonl_decode((const char *)data, size, &r, errbuf, sizeof errbuf);
    /* an id jansson sees is always found in the raw bytes */
    if (r.root && json_is_object((json_t *)r.root) && json_object_get((json_t *)r.root, "id"))
        FUZZ_ASSERT(r.id_json != NULL);
    warta_render_options_t ro = warta_render_options_default();
    ro.id_json = r.id_json;
    char *out = NULL;
    size_t len = 0;
    if (msg) {
        FUZZ_ASSERT(msg[0]);
        FUZZ_ASSERT(warta_render_error("-", msg, &ro, &out, &len) == WARTA_OK);
        check_rendered(out, len, r.id_json);
    } else {
        FUZZ_ASSERT(r.text != NULL);
        warta_doc_t *doc = NULL;
        warta_error_t err;
        int rc = warta_analyze(WK, r.text, r.len, NULL, &doc, &err);
        if (rc == WARTA_OK) {
            FUZZ_ASSERT(warta_render(doc, "-", &ro, &out, &len) == WARTA_OK);
            warta_doc_free(doc);
        } else {
            /* jansson only yields valid UTF-8: the failure is a NUL byte
             * (\u0000), or a UTF-16 BOM spelled as a character */
            FUZZ_ASSERT(rc == WARTA_ERR_BINARY || rc == WARTA_ERR_UTF16 || rc == WARTA_ERR_LIMIT);
            FUZZ_ASSERT(warta_render_error("-", err.message, &ro, &out, &len) == WARTA_OK);
        }
        check_rendered(out, len, r.id_json);
    }
    free(out);
    jsonl_record_free(&r);
    return 0;
}
