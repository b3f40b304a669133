/*
 * fuzz_release_record.c - the release record decoder on any bytes.
 *
 * The input is tried both as a storage body (base64, maybe gzip, JSON) and
 * as record JSON.  Properties checked, beyond not crashing or leaking: a
 * record that decodes writes in both Helm formats; its v4 JSON decodes again
 * and writes to the same bytes (decode(encode(r)) is exact), and so does the
 * storage body built from it.  A broken property aborts.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/release.h"

#define ARENA_LIMIT (256u << 20)
#define JSON_LIMIT (16u << 20) /* decompressed size ceiling */

static void check(int ok)
{
    if (!ok)
        abort();
}

static void check_record(struct hc_arena *a, const struct hc_release *r)
{
    struct hc_error err;
    hc_error_init(&err);
    struct hc_buf j1, j3, enc, j2;
    hc_buf_init(&j1, 0);
    hc_buf_init(&j3, 0);
    hc_buf_init(&enc, 0);
    hc_buf_init(&j2, 0);
    hc_status rc = hc_release_to_json(&j3, r, HC_RELEASE_V3, &err);
    check(rc == HC_OK || rc == HC_ERR_INVALID || rc == HC_ERR_NOMEM);
    hc_error_release(&err);
    rc = hc_release_to_json(&j1, r, HC_RELEASE_V4, &err);
    if (rc != HC_OK) { /* a time past year 9999, as Go refuses to marshal */
        check(rc == HC_ERR_INVALID || rc == HC_ERR_NOMEM);
        goto out;
    }
    struct hc_release *r2 = NULL;
    rc = hc_release_from_json(a, j1.data, j1.len, &r2, &err);
    if (rc == HC_ERR_NOMEM)
        goto out;
    check(rc == HC_OK);
    rc = hc_release_to_json(&j2, r2, HC_RELEASE_V4, &err);
    check(rc == HC_OK && j1.len == j2.len && memcmp(j1.data, j2.data, j1.len) == 0);
    rc = hc_release_encode(&enc, r2, HC_RELEASE_V4, &err);
    check(rc == HC_OK);
    struct hc_release *r3 = NULL;
    rc = hc_release_decode(a, enc.data, enc.len, 0, &r3, &err);
    if (rc == HC_ERR_NOMEM)
        goto out;
    check(rc == HC_OK);
    hc_buf_reset(&j2);
    rc = hc_release_to_json(&j2, r3, HC_RELEASE_V4, &err);
    check(rc == HC_OK && j1.len == j2.len && memcmp(j1.data, j2.data, j1.len) == 0);
out:
    hc_error_release(&err);
    hc_buf_release(&j1);
    hc_buf_release(&j3);
    hc_buf_release(&enc);
    hc_buf_release(&j2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *src = (const char *)data;
    for (int mode = 0; mode < 2; mode++) {
        struct hc_arena a;
        hc_arena_init(&a, ARENA_LIMIT);
        struct hc_error err;
        hc_error_init(&err);
        struct hc_release *r = NULL;
        hc_status rc = mode == 0 ? hc_release_decode(&a, src, size, JSON_LIMIT, &r, &err)
                                 : hc_release_from_json(&a, src, size, &r, &err);
        check(rc == HC_OK || rc == HC_ERR_PARSE || rc == HC_ERR_INVALID || rc == HC_ERR_LIMIT ||
              rc == HC_ERR_NOMEM);
        check((rc == HC_OK) == (r != NULL));
        if (rc == HC_OK)
            check_record(&a, r);
        hc_error_release(&err);
        hc_arena_free(&a);
    }
    return 0;
}
