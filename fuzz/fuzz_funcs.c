/*
 * fuzz_funcs.c - libFuzzer target for the function library: random calls of
 * every function a chart can use, through the executor, so that argument
 * conversion and its errors are exercised as charts exercise them.
 *
 * Input: byte 0 picks the function (its index in the render's function set),
 * byte 1 the call's form (0: "{{ f .A0 .A1 ... }}", 1: "{{ .A0 | f .A1 ... }}")
 * and how many arguments (0 to 5), then each argument is read from the rest:
 * a type byte (string, int, float, bool, nil, missing, list of strings, map,
 * nested list) and its payload.  The arguments reach the template as fields
 * of dot, so they arrive with the Go types values have.  The clock and the
 * random source are fixed, so every input replays the same.  Functions that
 * generate keys or run a password hash are left out: each call costs tens of
 * milliseconds and their inputs are parsed by the *WithKey variants, which
 * stay in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#include "base/arena.h"
#include "base/buf.h"
#include "funcs/funcs.h"
#include "funcs/helm.h"
#include "helmc/template.h"
#include "template/exec.h"
#include "template/func.h"

#define MAX_INPUT   ((size_t)4096)
#define ARENA_LIMIT ((size_t)16 * 1024 * 1024)
#define MAX_ARGS    5

static const char *const slow[] = {"genCA",  "genPrivateKey", "genSelfSignedCert", "genSignedCert",
                                   "bcrypt", "htpasswd",      "derivePassword"};

struct reader {
    const uint8_t *p;
    size_t n;
};

static uint8_t byte(struct reader *r)
{
    if (!r->n)
        return 0;
    r->n--;
    return *r->p++;
}

static uint64_t word(struct reader *r)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | byte(r);
    return v;
}

static hc_val text(struct hc_arena *a, struct reader *r)
{
    size_t len = byte(r) % 64;
    if (len > r->n)
        len = r->n;
    char *s = hc_arena_strndup(a, (const char *)r->p, len);
    r->p += len;
    r->n -= len;
    return s ? hc_strn(s, len) : hc_cstr("");
}

static hc_val arg(struct hc_arena *a, struct reader *r, int depth)
{
    uint8_t t = byte(r);
    switch (t % 10) {
    case 0:
        return text(a, r);
    case 1:
        return hc_int((int64_t)(word(r) % 2000) - 1000);
    case 2: {
        uint64_t bits = word(r);
        double d;
        memcpy(&d, &bits, sizeof d);
        return hc_float(d);
    }
    case 3:
        return hc_bool(t & 16);
    case 4:
        return hc_null();
    case 5:
        return hc_missing();
    case 6:
    case 9: {
        uint32_t n = byte(r) % 6;
        struct hc_list *l = hc_list_new(a, n);
        if (!l)
            return hc_null();
        bool strs = t % 10 == 6;
        for (uint32_t i = 0; i < n; i++)
            l->items[i] = strs || depth > 3 ? text(a, r) : arg(a, r, depth + 1);
        return hc_list_val(l, strs ? HC_GT_STRLIST : HC_GT_LIST);
    }
    default: {
        uint32_t n = byte(r) % 5;
        struct hc_map *m = hc_map_new(a, n);
        if (!m)
            return hc_null();
        for (uint32_t i = 0; i < n; i++) {
            hc_val k = text(a, r);
            hc_val v = depth > 3 ? text(a, r) : arg(a, r, depth + 1);
            if (hc_map_set(a, m, k.u.s, k.len, v) != HC_OK)
                break;
        }
        return hc_map_val(m, HC_GT_MAP);
    }
    }
}

static int64_t fixed_clock(void *ctx)
{
    (void)ctx;
    return INT64_C(1700000000123456789);
}

static int counter_random(void *ctx, uint8_t *buf, size_t n)
{
    uint64_t *c = ctx;
    for (size_t i = 0; i < n; i++)
        buf[i] = (uint8_t)(++*c * 0x9E3779B97F4A7C15u >> 56);
    return 0;
}

static const struct hc_func *pick(const struct hc_funcset *fs, uint8_t b)
{
    const struct hc_func *row = fs->rows[b % fs->len];
    for (size_t i = 0; i < sizeof slow / sizeof slow[0]; i++)
        if (strcmp(row->name, slow[i]) == 0)
            return NULL;
    return row;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size > MAX_INPUT)
        return 0;
    const struct hc_funcset *fs = hc_funcs_helm_set();
    if (!fs)
        abort();
    const struct hc_func *row = pick(fs, data[0]);
    if (!row)
        return 0;
    unsigned form = data[1] & 1, nargs = (data[1] >> 1) % (MAX_ARGS + 1);
    struct reader r = {data + 2, size - 2};

    struct hc_arena arena;
    hc_arena_init(&arena, ARENA_LIMIT);
    struct hc_map *dot = hc_map_new(&arena, MAX_ARGS);
    struct hc_buf tpl = HC_BUF_INIT;
    hc_buf_adds(&tpl, "{{ ");
    if (form && nargs)
        hc_buf_adds(&tpl, ".A0 | ");
    hc_buf_adds(&tpl, row->name);
    for (unsigned i = 0; i < nargs && dot; i++) {
        char key[4] = {'A', (char)('0' + i), 0, 0};
        hc_map_set(&arena, dot, hc_arena_strndup(&arena, key, 2), 2, arg(&arena, &r, 0));
        if (!(form && i == 0))
            hc_buf_printf(&tpl, " .%s", key);
    }
    hc_buf_adds(&tpl, " }}");

    uint64_t counter = 0;
    struct hc_helm_ctx ctx;
    hc_helm_ctx_init(&ctx, &arena);
    ctx.env.now_ns = fixed_clock;
    ctx.env.random = counter_random;
    ctx.env.tz = "UTC";
    ctx.env.ctx = &counter;
    ctx.tpl_arena_limit = ARENA_LIMIT / 4;
    struct hc_exec_opts opts = {.missing_key = HC_MISSINGKEY_ZERO,
                                .max_output = (size_t)256 * 1024,
                                .max_depth = 50,
                                .user = &ctx,
                                .name = "gotpl",
                                .max_stack = (size_t)512 * 1024,
                                .max_steps = 100000};
    struct hc_tmpl_set *set = hc_tmpl_set_new(fs, ARENA_LIMIT);
    struct hc_error err;
    hc_error_init(&err);
    if (set && dot && hc_buf_ok(&tpl) &&
        hc_tmpl_parse(set, "t", hc_buf_str(&tpl), tpl.len, &err) == HC_OK) {
        struct hc_buf out = HC_BUF_INIT;
        if (hc_tmpl_execute(set, "t", 1, hc_map_val(dot, HC_GT_MAP), &arena, &opts, &out, &err) !=
                HC_OK &&
            !*hc_error_msg(&err))
            abort(); /* every failure explains itself */
        hc_buf_release(&out);
    }
    hc_error_release(&err);
    hc_helm_ctx_release(&ctx);
    if (set)
        hc_tmpl_set_free(set);
    hc_buf_release(&tpl);
    hc_arena_free(&arena);
    return 0;
}
