/*
 * fuzz_yaml.c - libFuzzer target for the YAML reader (values files, Chart.yaml).
 *
 * Reads the input with hc_yaml_read and hc_yaml_read_all into a fresh arena
 * with a byte ceiling and tight depth and alias limits (what an embedder
 * would set for untrusted input), then frees everything: any crash, leak,
 * sanitizer report or stuck loop is a bug.  A successful read must also
 * yield only the kinds the reader promises (nil, bool, float64, string,
 * []interface {}, map[string]interface {}).
 */
#include "fuzz.h"

#include <stdlib.h>

#include "base/arena.h"
#include "helmc/error.h"
#include "helmc/value.h"
#include "yaml/yaml.h"

#define FUZZ_ARENA_LIMIT (64u << 20)
#define FUZZ_MAX_DEPTH   200
#define FUZZ_MAX_ALIAS   100000

/* Kinds only; depth is bounded by FUZZ_MAX_DEPTH, so recursion is safe here. */
static void check(hc_val v, int depth)
{
    if (depth > FUZZ_MAX_DEPTH + 1)
        abort();
    switch (v.kind) {
    case HC_NULL:
    case HC_BOOL:
    case HC_FLOAT:
    case HC_STRING:
        return;
    case HC_LIST:
        hc_list_foreach(v.u.l, item) {
            check(*item, depth + 1);
        }
        return;
    case HC_MAP:
        for (uint32_t i = 1; i < v.u.m->len; i++)
            if (hc_strcmp(v.u.m->e[i - 1].key, v.u.m->e[i - 1].klen, v.u.m->e[i].key,
                          v.u.m->e[i].klen) >= 0)
                abort(); /* keys sorted and unique */
        hc_map_foreach(v.u.m, e) {
            check(e->val, depth + 1);
        }
        return;
    default:
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct hc_yaml_read_opts opts = {"fuzz.yaml", FUZZ_MAX_ALIAS, FUZZ_MAX_DEPTH};
    for (int all = 0; all < 2; all++) {
        struct hc_arena a;
        hc_arena_init(&a, FUZZ_ARENA_LIMIT);
        struct hc_error err;
        hc_error_init(&err);
        hc_val v;
        hc_status rc = all ? hc_yaml_read_all(&a, (const char *)data, size, &opts, &v, &err)
                           : hc_yaml_read(&a, (const char *)data, size, &opts, &v, &err);
        if (rc == HC_OK)
            check(v, 1);
        else if (err.code != rc || !hc_error_msg(&err)[0])
            abort(); /* a failure always explains itself */
        hc_error_release(&err);
        hc_arena_free(&a);
    }
    return 0;
}
