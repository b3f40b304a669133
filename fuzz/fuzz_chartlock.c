/*
 * fuzz_chartlock.c - Chart.lock on any bytes (include/helmc/dependency.h).
 *
 * The input is read as a lock file.  A failure must leave a message; a lock
 * that reads must write, its text must read again to the same digest and
 * dependencies, and writing that must give the same text (what we write, we
 * read).  The digest of the lock's dependencies against themselves must be
 * computable.  Inputs are cut at 1 MiB.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/dependency.h"

#define ARENA_LIMIT ((size_t)64 << 20)

static void explained(hc_status rc, const struct hc_error *err)
{
    if (rc != HC_OK && !*hc_error_msg(err))
        abort(); /* every failure explains itself */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > ((size_t)1 << 20))
        return 0;
    struct hc_arena a;
    hc_arena_init(&a, ARENA_LIMIT);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_chart_lock lock, again;
    bool present = false;
    struct hc_buf one = HC_BUF_INIT, two = HC_BUF_INIT, digest = HC_BUF_INIT;
    hc_status rc =
        hc_chart_lock_read(&a, (const char *)data, size, "Chart.lock", &lock, &present, &err);
    explained(rc, &err);
    if (rc != HC_OK || !present)
        goto out;
    rc = hc_chart_lock_write(&one, &lock, &err);
    explained(rc, &err);
    if (rc != HC_OK)
        goto out;
    rc = hc_chart_lock_digest(lock.deps, lock.deps, &digest, &err);
    if (rc != HC_OK && rc != HC_ERR_NOMEM)
        abort();
    rc = hc_chart_lock_read(&a, one.data, one.len, "Chart.lock", &again, &present, &err);
    if (rc != HC_OK || !present || strcmp(again.digest, lock.digest) != 0)
        abort();
    rc = hc_chart_lock_write(&two, &again, &err);
    if (rc != HC_OK || one.len != two.len || memcmp(one.data, two.data, one.len) != 0)
        abort();
out:
    hc_buf_release(&one);
    hc_buf_release(&two);
    hc_buf_release(&digest);
    hc_error_release(&err);
    hc_arena_free(&a);
    return 0;
}
