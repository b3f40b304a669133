/*
 * fuzz_jsonpath.c - the JSONPath parser and walker (src/jsonpath) on any bytes.
 *
 * The input is parsed as a template; one that parses is run over a fixed set of values
 * (maps, lists, strings, numbers, booleans, a null).  Properties checked, beyond not
 * crashing:
 *  - a failure, at either step, comes with a message;
 *  - a failed execution appends nothing to the output;
 *  - a template made only of text (no '{') parses, and prints itself.
 * A broken property aborts, which is how libFuzzer and the replay runner report it.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/error.h"
#include "json/json.h"
#include "jsonpath/jsonpath.h"

static const char values[] =
    "{\"name\":\"web\",\"n\":1,\"pi\":3.5,\"on\":true,\"nil\":null,\"empty\":{},"
    "\"list\":[\"a\",\"b\",\"c\"],\"items\":[{\"name\":\"x\",\"port\":80,\"tags\":[\"t\"]},"
    "{\"name\":\"y\",\"port\":443},{\"port\":8080,\"deep\":{\"a\":{\"b\":[1,[2,[3]]]}}}]}";

static void check(int ok)
{
    if (!ok)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct hc_arena a;
    hc_arena_init(&a, (size_t)64 << 20);
    struct hc_error err;
    hc_error_init(&err);
    hc_val v;
    check(hc_json_read(&a, values, sizeof values - 1, &v, &err) == HC_OK);
    struct hc_jsonpath *jp;
    hc_status rc = hc_jsonpath_parse(&a, (const char *)data, size, &jp, &err);
    bool plain = memchr(data, '{', size) == NULL;
    if (plain)
        check(rc == HC_OK);
    if (rc == HC_OK) {
        struct hc_buf out = HC_BUF_INIT;
        hc_buf_adds(&out, "#");
        rc = hc_jsonpath_execute(jp, &a, v, &out, &err);
        if (rc != HC_OK) {
            check(hc_error_msg(&err)[0] != '\0');
            check(out.len == 1 || rc == HC_ERR_NOMEM);
        } else if (plain) {
            check(out.len == size + 1 && memcmp(out.data + 1, data, size) == 0);
        }
        hc_buf_release(&out);
    } else {
        check(hc_error_msg(&err)[0] != '\0');
    }
    hc_error_release(&err);
    hc_arena_free(&a);
    return 0;
}
