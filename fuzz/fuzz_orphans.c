/*
 * fuzz_orphans.c - two stored manifests on any bytes: resource keys, the
 * orphans of a step between them, the revision diff and the line diff.
 *
 * The input is split at its first NUL into a base and a target manifest
 * (no NUL: the target is empty).  Properties checked, beyond not crashing or
 * leaking: a parse failure is a parse, shape or limit error (or memory); no
 * orphan is a resource the target holds; the orphans are sorted by key with
 * no duplicate; a revision compared with itself has no change; the line
 * diff of a text with itself is empty.  A broken property aborts.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/orphans.h"

#define ARENA_LIMIT (64u << 20)

static void check(int ok)
{
    if (!ok)
        abort();
}

static struct hc_release rel(int64_t v, const char *p, size_t n)
{
    struct hc_release r;
    memset(&r, 0, sizeof r);
    r.name = (hc_rstr){"fz", 2};
    r.namespace_ = (hc_rstr){"ns", 2};
    r.version = v;
    r.manifest = (hc_rstr){p, n};
    return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    const char *nul = memchr(s, 0, size);
    size_t xn = nul ? (size_t)(nul - s) : size;
    const char *y = nul ? nul + 1 : "";
    size_t yn = nul ? size - xn - 1 : 0;
    struct hc_release base = rel(1, s, xn), target = rel(2, y, yn);

    struct hc_arena a;
    hc_arena_init(&a, ARENA_LIMIT);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_orphan_report r;
    hc_status rc = hc_orphans_compute(&a, &base, NULL, 0, &target, &r, &err);
    hc_error_release(&err);
    if (rc != HC_OK) {
        check(rc == HC_ERR_PARSE || rc == HC_ERR_INVALID || rc == HC_ERR_NOMEM ||
              rc == HC_ERR_LIMIT);
        hc_arena_free(&a);
        return 0;
    }
    struct hc_manifest tm;
    rc = hc_manifest_parse(&a, target.manifest, target.namespace_, NULL, &tm, &err);
    hc_error_release(&err);
    check(rc == HC_OK || rc == HC_ERR_NOMEM);
    for (size_t i = 0; rc == HC_OK && i < r.n; i++) {
        if (i)
            check(hc_resource_key_cmp(&r.v[i - 1].res, &r.v[i].res) < 0);
        for (size_t k = 0; k < tm.n; k++)
            check(hc_resource_key_cmp(&r.v[i].res, &tm.v[k]) != 0);
    }

    struct hc_buf b;
    hc_buf_init(&b, 0);
    size_t changes = 1;
    rc = hc_release_diff(&b, &a, &base, &base, 3, HC_DIFF_TEXT, &changes, &err);
    hc_error_release(&err);
    check(rc == HC_ERR_NOMEM || (rc == HC_OK && changes == 0 && b.len == 0));
    hc_buf_reset(&b);
    rc = hc_release_diff(&b, &a, &base, &target, 1, HC_DIFF_JSON, NULL, &err);
    hc_error_release(&err);
    check(rc == HC_OK || rc == HC_ERR_NOMEM);
    hc_buf_reset(&b);
    rc = hc_diff_unified(&b, &a, y, yn, y, yn, 3, &err);
    hc_error_release(&err);
    check(rc == HC_ERR_NOMEM || (rc == HC_OK && b.len == 0));
    hc_buf_reset(&b);
    rc = hc_diff_unified(&b, &a, s, xn, y, yn, 0, &err);
    hc_error_release(&err);
    check(rc == HC_OK || rc == HC_ERR_NOMEM || rc == HC_ERR_LIMIT);
    hc_buf_release(&b);
    hc_arena_free(&a);
    return 0;
}
