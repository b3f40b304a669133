/*
 * fuzz_memory_driver.c - a HELM_MEMORY_DRIVER_DATA file's text on any bytes.
 *
 * The text goes through hc_storage_memory_parse (YAML, as JSON, into
 * records); every record parsed is stored in a memory driver as the loader
 * does, and each one stored must come back from get and history with the
 * same JSON.  Properties checked, beyond not crashing or leaking: a parse
 * failure is a parse or shape error (or memory), a stored record reads back
 * unchanged, and history holds exactly the records stored.  A broken
 * property aborts.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/storage.h"

#define ARENA_LIMIT (64u << 20)

static void check(int ok)
{
    if (!ok)
        abort();
}

static int same_json(const struct hc_release *x, const struct hc_release *y)
{
    struct hc_buf a, b;
    hc_buf_init(&a, 0);
    hc_buf_init(&b, 0);
    hc_status ra = hc_release_to_json(&a, x, x->format, NULL);
    hc_status rb = hc_release_to_json(&b, y, x->format, NULL);
    int same = ra == rb && (ra != HC_OK ||
                            (a.len == b.len && memcmp(hc_buf_str(&a), hc_buf_str(&b), a.len) == 0));
    hc_buf_release(&a);
    hc_buf_release(&b);
    return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct hc_arena a;
    hc_arena_init(&a, ARENA_LIMIT);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_release_list l;
    hc_status rc = hc_storage_memory_parse(&a, (const char *)data, size, &l, &err);
    hc_error_release(&err);
    if (rc != HC_OK) {
        check(rc == HC_ERR_PARSE || rc == HC_ERR_INVALID || rc == HC_ERR_NOMEM ||
              rc == HC_ERR_LIMIT);
        hc_arena_free(&a);
        return 0;
    }
    struct hc_storage_driver *d;
    if (hc_storage_memory_new(&d, NULL) != HC_OK) {
        hc_arena_free(&a);
        return 0;
    }
    struct hc_storage s = {d, 0};
    for (size_t i = 0; i < l.n; i++) {
        struct hc_release *r = l.v[i];
        rc = hc_storage_create(&s, r, &err);
        hc_error_release(&err);
        if (rc != HC_OK)
            continue; /* a duplicate, an oversized name, a value JSON cannot hold */
        char ns[256], name[256];
        if (r->namespace_.n >= sizeof ns || r->name.n >= sizeof name)
            continue;
        memcpy(ns, r->namespace_.p ? r->namespace_.p : "", r->namespace_.n);
        ns[r->namespace_.n] = '\0';
        memcpy(name, r->name.p ? r->name.p : "", r->name.n);
        name[r->name.n] = '\0';
        struct hc_release *back;
        rc = hc_storage_get(&s, &a, ns, name, r->version, &back, &err);
        hc_error_release(&err);
        check(rc == HC_OK || rc == HC_ERR_NOMEM);
        if (rc == HC_OK)
            check(same_json(r, back));
        struct hc_release_list h;
        rc = hc_storage_history(&s, &a, ns, name, &h, &err);
        hc_error_release(&err);
        check(rc == HC_OK || rc == HC_ERR_NOMEM);
        if (rc == HC_OK) {
            int found = 0;
            for (size_t k = 0; k < h.n; k++)
                found += h.v[k]->version == r->version;
            check(found == 1);
        }
    }
    hc_storage_driver_free(d);
    hc_arena_free(&a);
    return 0;
}
