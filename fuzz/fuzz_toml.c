/*
 * fuzz_toml.c - the TOML reader on any bytes, the writer on whatever it reads.
 *
 * Properties checked, beyond not crashing:
 *  - the reader returns a document, a syntax error or a limit, nothing else;
 *  - a document read writes (as toToml would) without error, and the text
 *    written reads again to an equal value (hc_val_equal; values holding a
 *    NaN are compared through their text only), which writes to the same text.
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
#include "toml/toml.h"

#define ARENA_LIMIT  (256u << 20)
#define OUTPUT_LIMIT (8u << 20)

static void check(int ok)
{
    if (!ok)
        abort();
}

/* Writes v into b; false when only memory ran out. */
static bool write_doc(struct hc_arena *a, struct hc_buf *b, hc_val v)
{
    struct hc_error err;
    hc_error_init(&err);
    hc_status rc = hc_toml_write(b, v, NULL, a, &err);
    hc_error_release(&err);
    if (rc == HC_ERR_NOMEM || rc == HC_ERR_LIMIT)
        return false;
    check(rc == HC_OK);
    return true;
}

/* The written text holds a nan (a float, or text that happens to contain it). */
static bool has_nan(const char *s, size_t n)
{
    for (size_t i = 0; i + 3 <= n; i++)
        if (memcmp(s + i, "nan", 3) == 0)
            return true;
    return false;
}

static void check_round_trip(hc_val v)
{
    struct hc_arena a;
    hc_arena_init(&a, ARENA_LIMIT);
    struct hc_buf b1, b2;
    hc_buf_init(&b1, OUTPUT_LIMIT);
    hc_buf_init(&b2, OUTPUT_LIMIT);
    struct hc_error err;
    hc_error_init(&err);
    if (!write_doc(&a, &b1, v))
        goto out;
    hc_val back;
    hc_status rc = hc_toml_read(&a, hc_buf_str(&b1), b1.len, NULL, &back, &err);
    if (rc == HC_ERR_NOMEM || rc == HC_ERR_LIMIT)
        goto out;
    check(rc == HC_OK);
    check(has_nan(hc_buf_str(&b1), b1.len) || hc_val_equal(v, back));
    if (!write_doc(&a, &b2, back))
        goto out;
    check(b1.len == b2.len && memcmp(hc_buf_str(&b1), hc_buf_str(&b2), b1.len) == 0);
out:
    hc_error_release(&err);
    hc_buf_release(&b1);
    hc_buf_release(&b2);
    hc_arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct hc_arena a;
    hc_arena_init(&a, ARENA_LIMIT);
    struct hc_error err;
    hc_error_init(&err);
    hc_val v;
    hc_status rc = hc_toml_read(&a, (const char *)data, size, NULL, &v, &err);
    check(rc == HC_OK || rc == HC_ERR_PARSE || rc == HC_ERR_LIMIT || rc == HC_ERR_NOMEM);
    if (rc == HC_OK)
        check_round_trip(v);
    hc_error_release(&err);
    hc_arena_free(&a);
    return 0;
}
