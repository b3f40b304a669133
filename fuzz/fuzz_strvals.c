/*
 * fuzz_strvals.c - the --set family parser on any line, in every mode.
 *
 * The first byte picks the mode (--set, --set-string, --set-file, --set-json,
 * --set-literal); the rest is the line, parsed into a map that already holds
 * a string, a number, a list and a map, so the "interface conversion" paths
 * run too.  Properties checked, beyond not crashing:
 *  - the status is one the parser documents;
 *  - the lists that were in the map before are never written (value.h: lists
 *    are immutable once published), whatever the line did; the maps in them
 *    may change, as Go's do, since maps are shared references;
 *  - whatever the map holds afterwards writes as JSON (every value the parser
 *    builds is one Helm could print).
 * A broken property aborts, which is how libFuzzer and the replay runner
 * report it.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/value.h"
#include "json/json.h"
#include "strvals/strvals.h"

#define ARENA_LIMIT  (64u << 20) /* a --set line's values are small; index 65536 lists fit */
#define OUTPUT_LIMIT (64u << 20)

static const char init[] = "{\"s\":\"x\",\"n\":1,\"l\":[1,[2],{\"a\":3}],\"m\":{\"k\":[4]}}";

static void check(int ok)
{
    if (!ok)
        abort();
}

static hc_status reader(void *ctx, struct hc_arena *a, const char *path, size_t len, hc_val *out,
                        struct hc_error *err)
{
    (void)ctx;
    if (len == 4 && memcmp(path, "fail", 4) == 0)
        return hc_error_set(err, HC_ERR_IO, "open fail: no such file or directory");
    return hc_str_dup(a, path, len, out) == HC_OK ? HC_OK : hc_error_nomem(err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    enum hc_strvals_mode mode = (enum hc_strvals_mode)(data[0] % 5);
    const char *line = (const char *)data + 1;
    size_t len = size - 1;

    struct hc_arena a;
    hc_arena_init(&a, ARENA_LIMIT);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_buf after = HC_BUF_INIT;
    hc_buf_init(&after, OUTPUT_LIMIT);
    hc_val v;
    check(hc_json_read(&a, init, sizeof init - 1, &v, &err) == HC_OK);
    /* the lists' items, as values (a map item is a pointer: its contents may change) */
    hc_val l, k, m;
    check(hc_map_get(v.u.m, "l", 1, &l) && hc_map_get(v.u.m, "m", 1, &m));
    check(hc_map_get(m.u.m, "k", 1, &k));
    const struct hc_list *lists[] = {l.u.l, l.u.l->items[1].u.l, k.u.l};
    hc_val saved[3][3];
    for (size_t i = 0; i < 3; i++)
        memcpy(saved[i], lists[i]->items, lists[i]->len * sizeof(hc_val));

    hc_status rc = mode == HC_STRVALS_FILE
                       ? hc_strvals_parse_file(&a, v.u.m, line, len, reader, NULL, &err)
                       : hc_strvals_parse(&a, v.u.m, line, len, mode, &err);
    check(rc == HC_OK || rc == HC_ERR_PARSE || rc == HC_ERR_LIMIT || rc == HC_ERR_NOMEM ||
          rc == HC_ERR_IO || rc == HC_ERR_INVALID);
    check(rc == HC_OK || err.code != HC_OK);

    for (size_t i = 0; i < 3; i++)
        check(memcmp(saved[i], lists[i]->items, lists[i]->len * sizeof(hc_val)) == 0);

    hc_status wc = hc_json_write(&after, v, 0, NULL);
    check(wc == HC_OK || wc == HC_ERR_NOMEM || wc == HC_ERR_LIMIT);

    hc_buf_release(&after);
    hc_error_release(&err);
    hc_arena_free(&a);
    return 0;
}
