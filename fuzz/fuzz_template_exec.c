/*
 * fuzz_template_exec.c - libFuzzer target for the template executor.
 *
 * The first input byte picks the missingkey mode; the rest is a template
 * text (at most 16 KiB) parsed with Go's built-in functions and executed
 * against fixed data (a map of strings, numbers, lists, nested maps, nil and
 * a host object with fields and methods) under tight limits: 64 KiB of
 * output, 50 000 walk steps, 200 nested {{template}} calls, 512 KiB of C
 * stack, 8 MiB of arena.  A failed execution must leave an error message, and
 * Helm's rewording of it must not crash.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/template.h"
#include "template/builtins.h"
#include "template/exec.h"
#include "template/func.h"

#define MAX_INPUT   ((size_t)16 * 1024)
#define ARENA_LIMIT ((size_t)8 * 1024 * 1024)

static struct hc_funcset funcs;
static int funcs_ready;

/* A host object: a "struct" with a field and a method taking a string. */
static hc_status obj_echo(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)call;
    (void)n;
    *out = args[0];
    return HC_OK;
}

static const struct hc_func obj_method = {"Echo", obj_echo, "s", HC_FN_NOERR};

static enum hc_obj_member obj_member(const struct hc_obj *o, const char *name, size_t len,
                                     struct hc_arena *arena, hc_val *field,
                                     const struct hc_func **method)
{
    (void)o;
    (void)arena;
    if (len == 4 && memcmp(name, "Echo", 4) == 0) {
        *method = &obj_method;
        return HC_OBJ_METHOD;
    }
    if (len == 4 && memcmp(name, "Name", 4) == 0) {
        *field = hc_cstr("obj");
        return HC_OBJ_FIELD;
    }
    return HC_OBJ_NONE;
}

static const struct hc_obj_exec obj_exec = {.member = obj_member, .underlying = NULL};
static const struct hc_obj_type obj_type = {"main.Obj", "struct", NULL, NULL, &obj_exec};
static struct hc_obj obj = {&obj_type, NULL};

static void put(struct hc_arena *a, struct hc_map *m, const char *k, hc_val v)
{
    if (m)
        hc_map_set(a, m, k, strlen(k), v);
}

/* The fixed data every input runs against. */
static hc_val fixed_data(struct hc_arena *a)
{
    struct hc_map *top = hc_map_new(a, 0), *m = hc_map_new(a, 0), *sm = hc_map_new(a, 0);
    struct hc_list *l = hc_list_new(a, 4), *sl = hc_list_new(a, 2);
    if (!top || !m || !sm || !l || !sl)
        return hc_null();
    l->items[0] = hc_float(1);
    l->items[1] = hc_cstr("two");
    l->items[2] = hc_null();
    l->items[3] = hc_map_val(m, HC_GT_MAP);
    sl->items[0] = hc_cstr("x");
    sl->items[1] = hc_cstr("y");
    put(a, m, "a", hc_float(1.5));
    put(a, m, "b", hc_cstr("bee"));
    put(a, m, "n", hc_null());
    put(a, m, "l", hc_list_val(l, HC_GT_LIST));
    put(a, sm, "k", hc_cstr("v"));
    put(a, top, "S", hc_cstr("hello"));
    put(a, top, "I", hc_int_typed(3, HC_GT_INT));
    put(a, top, "I64", hc_int(-7));
    put(a, top, "F", hc_float(2.5));
    put(a, top, "B", hc_bool(true));
    put(a, top, "N", hc_null());
    put(a, top, "M", hc_map_val(m, HC_GT_MAP));
    put(a, top, "SM", hc_map_val(sm, HC_GT_STRMAP));
    put(a, top, "L", hc_list_val(l, HC_GT_LIST));
    put(a, top, "SL", hc_list_val(sl, HC_GT_STRLIST));
    put(a, top, "O", hc_obj_val(&obj));
    return hc_map_val(top, HC_GT_MAP);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > MAX_INPUT)
        return 0;
    if (!funcs_ready) {
        const struct hc_func *tables[] = {hc_funcs_builtins};
        const size_t counts[] = {hc_funcs_builtins_len};
        if (hc_funcset_build(&funcs, tables, counts, 1, NULL, 0, NULL) != HC_OK)
            abort();
        funcs_ready = 1;
    }
    enum hc_missing_key modes[] = {HC_MISSINGKEY_INVALID, HC_MISSINGKEY_ZERO, HC_MISSINGKEY_ERROR};
    struct hc_exec_opts opts = {.missing_key = modes[data[0] % 3],
                                .max_output = (size_t)64 * 1024,
                                .max_depth = 200,
                                .name = "fuzz",
                                .max_stack = (size_t)512 * 1024,
                                .max_steps = 50000};
    const char *text = (const char *)data + 1;
    size_t len = size - 1;

    struct hc_tmpl_set *set = hc_tmpl_set_new(&funcs, ARENA_LIMIT);
    if (!set)
        return 0;
    struct hc_error err;
    hc_error_init(&err);
    if (hc_tmpl_parse(set, "t", text, len, &err) == HC_OK) {
        struct hc_arena arena;
        hc_arena_init(&arena, ARENA_LIMIT);
        struct hc_buf out = HC_BUF_INIT;
        hc_status rc = hc_tmpl_execute(set, "t", 1, fixed_data(&arena), &arena, &opts, &out, &err);
        if (rc != HC_OK) {
            const char *msg = hc_error_msg(&err);
            if (!*msg)
                abort(); /* every failure explains itself */
            struct hc_buf helm = HC_BUF_INIT;
            hc_exec_helm_error(&helm, msg, strlen(msg), "t");
            hc_buf_release(&helm);
        }
        hc_buf_release(&out);
        hc_arena_free(&arena);
    }
    hc_error_release(&err);
    hc_tmpl_set_free(set);
    return 0;
}
