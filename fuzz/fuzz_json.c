/*
 * fuzz_json.c - the JSON reader on any bytes, the writer on whatever it reads.
 *
 * Properties checked, beyond not crashing:
 *  - reading into map[string]interface {} (which only checks the syntax of a
 *    top-level value of another kind) gives the same syntax verdict and text
 *    as reading into interface{};
 *  - a value read without a syntax error writes back, in each of toJson's,
 *    toRawJson's and toPrettyJson's forms, to text that reads again to an
 *    equal value (hc_val_equal), and writing that value gives the same text;
 *  - hc_json_indent of the compact forms gives the indented forms.
 * A broken property aborts, which is how libFuzzer and the replay runner
 * report it.
 */
#include "fuzz.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/value.h"
#include "json/json.h"

#define ARENA_LIMIT (256u << 20) /* generous: a render's own limit would be smaller */
/* Indented output of deep nesting grows with the square of the depth, as Go's does. */
#define OUTPUT_LIMIT (8u << 20)

static void check(int ok)
{
    if (!ok)
        abort();
}

/* Both readers agree on whether the text is well-formed, and on the message if not. */
static void check_syntax_verdicts(const char *src, size_t len, hc_status rc,
                                  const struct hc_error *err)
{
    struct hc_arena a;
    hc_arena_init(&a, ARENA_LIMIT);
    struct hc_error err2;
    hc_error_init(&err2);
    hc_val v;
    hc_status rc2 = hc_json_read_as(&a, src, len, HC_GT_MAP, &v, &err2);
    if (rc != HC_ERR_NOMEM && rc2 != HC_ERR_NOMEM) {
        check((rc == HC_ERR_PARSE) == (rc2 == HC_ERR_PARSE));
        if (rc == HC_ERR_PARSE)
            check(strcmp(hc_error_msg(err), hc_error_msg(&err2)) == 0);
    }
    hc_error_release(&err2);
    hc_arena_free(&a);
}

/*
 * hc_val_equal recurses once per level; at the reader's 10000 levels that can
 * pass an 8 MB stack in unoptimised sanitizer builds, so deeper values are
 * compared through their text only.
 */
#define EQUAL_MAX_DEPTH 2000

/* The deepest bracket nesting in JSON text s (brackets inside strings do not count). */
static size_t text_depth(const char *s, size_t n)
{
    size_t depth = 0, max = 0;
    bool in_string = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max)
                max = depth;
        } else if (c == ']' || c == '}') {
            depth--;
        }
    }
    return max;
}

/* v writes with flags, reads back equal, and writes again to the same text. */
static void check_round_trip(hc_val v, unsigned flags)
{
    struct hc_arena a;
    hc_arena_init(&a, ARENA_LIMIT);
    struct hc_buf b1, b2;
    hc_buf_init(&b1, OUTPUT_LIMIT);
    hc_buf_init(&b2, OUTPUT_LIMIT);
    struct hc_error err;
    hc_error_init(&err);
    hc_status rc = hc_json_write(&b1, v, flags, &err);
    if (rc == HC_ERR_NOMEM)
        goto out;
    check(rc == HC_OK); /* values read from JSON are always writable */
    hc_val back;
    rc = hc_json_read(&a, hc_buf_str(&b1), b1.len, &back, &err);
    if (rc == HC_ERR_NOMEM)
        goto out;
    check(rc == HC_OK);
    check(text_depth(hc_buf_str(&b1), b1.len) > EQUAL_MAX_DEPTH || hc_val_equal(v, back));
    rc = hc_json_write(&b2, back, flags, &err);
    if (rc == HC_ERR_NOMEM)
        goto out;
    check(rc == HC_OK && b1.len == b2.len && memcmp(hc_buf_str(&b1), hc_buf_str(&b2), b1.len) == 0);
    if (!(flags & HC_JSON_INDENT)) {
        /* indenting compact text gives what the writer indents itself */
        hc_buf_reset(&b2);
        rc = hc_json_write(&b2, v, flags | HC_JSON_INDENT, &err);
        struct hc_buf b3;
        hc_buf_init(&b3, 2 * (size_t)OUTPUT_LIMIT);
        hc_json_indent(&b3, hc_buf_str(&b1), b1.len);
        check(rc == HC_ERR_NOMEM || !hc_buf_ok(&b3) ||
              (rc == HC_OK && b2.len == b3.len &&
               memcmp(hc_buf_str(&b2), hc_buf_str(&b3), b2.len) == 0));
        hc_buf_release(&b3);
    }
out:
    hc_error_release(&err);
    hc_buf_release(&b1);
    hc_buf_release(&b2);
    hc_arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *src = (const char *)data;
    struct hc_arena a;
    hc_arena_init(&a, ARENA_LIMIT);
    struct hc_error err;
    hc_error_init(&err);
    hc_val v;
    hc_status rc = hc_json_read(&a, src, size, &v, &err);
    check(rc == HC_OK || rc == HC_ERR_PARSE || rc == HC_ERR_INVALID || rc == HC_ERR_NOMEM);
    check_syntax_verdicts(src, size, rc, &err);
    if (rc == HC_OK || rc == HC_ERR_INVALID) {
        static const unsigned flags[] = {0, HC_JSON_NO_HTML_ESCAPE, HC_JSON_INDENT,
                                         HC_JSON_INDENT | HC_JSON_NO_HTML_ESCAPE};
        for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
            check_round_trip(v, flags[i]);
    }
    hc_error_release(&err);
    hc_arena_free(&a);
    return 0;
}
