/*
 * fuzz_semver.c - semantic versions and constraints (include/helmc/semver.h)
 * on any bytes.
 *
 * The input is "CONSTRAINT\nVERSION" (no newline: all of it is both).  The
 * version is parsed both ways and the constraint parsed and checked against
 * it.  Properties checked, beyond not crashing:
 *  - a version that parses prints (String) to text that parses again to a
 *    version comparing equal, with the same prerelease and metadata, and
 *    the strict parser accepts nothing the loose one rejects;
 *  - comparison is reflexive and antisymmetric on the two parses;
 *  - a constraint that parses checks the version the same way twice, and
 *    its String form is non-empty.
 * A broken property aborts, which is how libFuzzer and the replay runner
 * report it.  Inputs are cut at 4 KiB: hyphen-range search restarts at each
 * position (as Go's unanchored search does) and is quadratic on hostile text.
 */
#include "fuzz.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "helmc/error.h"
#include "helmc/semver.h"

#define MAX_INPUT 4096

static void check(int ok)
{
    if (!ok)
        abort();
}

static void check_version(const char *s, size_t n)
{
    struct hc_semver v, strict;
    struct hc_error err;
    hc_error_init(&err);
    hc_status rc = hc_semver_parse(&v, s, n, &err);
    check(rc == HC_OK || rc == HC_ERR_PARSE);
    check(rc == HC_OK || err.code == HC_ERR_PARSE);
    hc_error_release(&err);
    hc_status rs = hc_semver_parse_strict(&strict, s, n, NULL);
    if (rs == HC_OK)
        check(rc == HC_OK && hc_semver_compare(&v, &strict) == 0);
    if (rc != HC_OK)
        return;
    check(hc_semver_compare(&v, &v) == 0);
    struct hc_buf b = HC_BUF_INIT;
    hc_semver_format(&b, &v);
    check(hc_buf_ok(&b));
    struct hc_semver again;
    check(hc_semver_parse(&again, hc_buf_str(&b), b.len, NULL) == HC_OK);
    check(hc_semver_compare(&v, &again) == 0 && hc_semver_compare(&again, &v) == 0);
    check(again.pre_len == v.pre_len && memcmp(again.pre, v.pre, v.pre_len) == 0);
    check(again.meta_len == v.meta_len && memcmp(again.meta, v.meta, v.meta_len) == 0);
    check(again.major == v.major && again.minor == v.minor && again.patch == v.patch);
    hc_buf_release(&b);
}

static void check_constraint(const char *c, size_t cn, const char *s, size_t n)
{
    struct hc_semver_constraints *cs;
    struct hc_error err;
    hc_error_init(&err);
    hc_status rc = hc_semver_constraints_parse(c, cn, &cs, &err);
    check(rc == HC_OK || rc == HC_ERR_PARSE || rc == HC_ERR_NOMEM);
    hc_error_release(&err);
    if (rc != HC_OK)
        return;
    struct hc_buf b = HC_BUF_INIT;
    hc_semver_constraints_format(&b, cs);
    check(hc_buf_ok(&b) && b.len > 0);
    hc_buf_release(&b);
    struct hc_semver v;
    if (hc_semver_parse(&v, s, n, NULL) == HC_OK) {
        bool first = hc_semver_constraints_check(cs, &v);
        check(first == hc_semver_constraints_check(cs, &v));
    }
    hc_semver_constraints_free(cs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT)
        size = MAX_INPUT;
    const char *s = (const char *)data;
    const char *nl = memchr(s, '\n', size);
    size_t cn = nl ? (size_t)(nl - s) : size;
    const char *v = nl ? nl + 1 : s;
    size_t vn = nl ? size - cn - 1 : size;
    check_version(v, vn);
    check_version(s, cn);
    check_constraint(s, cn, v, vn);
    return 0;
}
