/*
 * reflect.c - Sprig's typeOf, typeIs, typeIsLike, kindOf, kindIs and
 * deepEqual (reflect.DeepEqual).
 *
 * Mirrors Sprig v3.3.0 reflect.go: a type is fmt's %T ("int64",
 * "[]interface {}", "<nil>"), a kind reflect.Kind's name ("slice", "map",
 * "invalid" for nil).
 */
#include "funcs/funcs.h"

#include <string.h>

static const char *type_of(hc_val v)
{
    return hc_val_typename(v);
}

static const char *kind_of(hc_val v)
{
    if (v.kind == HC_STRING && v.gotype == HC_GT_BYTES)
        return "slice"; /* a []uint8 held as a string */
    return hc_val_kindname(v);
}

static bool str_is(hc_val s, const char *c)
{
    return hc_val_is_str(s, c, strlen(c));
}

static hc_status fn_type_of(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = hc_cstr(type_of(args[0]));
    return HC_OK;
}

static hc_status fn_type_is(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = hc_bool(str_is(args[0], type_of(args[1])));
    return HC_OK;
}

/* typeIsLike: the type is target or *target. */
static hc_status fn_type_is_like(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                 hc_val *out)
{
    (void)call;
    (void)nargs;
    const char *t = type_of(args[1]);
    bool like = str_is(args[0], t) || (t[0] == '*' && args[0].len == strlen(t) - 1 &&
                                       memcmp(args[0].u.s, t + 1, args[0].len) == 0);
    *out = hc_bool(like);
    return HC_OK;
}

static hc_status fn_kind_of(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = hc_cstr(kind_of(args[0]));
    return HC_OK;
}

static hc_status fn_kind_is(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = hc_bool(str_is(args[0], kind_of(args[1])));
    return HC_OK;
}

static hc_status fn_deep_equal(struct hc_call *call, const hc_val *args, uint32_t nargs,
                               hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = hc_bool(hc_val_equal(args[0], args[1]));
    return HC_OK;
}

/* ---- the table ---- */

const struct hc_func hc_funcs_reflect[] = {
    {"deepEqual",  fn_deep_equal,   "aa", HC_FN_NOERR},
    {"kindIs",     fn_kind_is,      "sa", HC_FN_NOERR},
    {"kindOf",     fn_kind_of,      "a",  HC_FN_NOERR},
    {"typeIs",     fn_type_is,      "sa", HC_FN_NOERR},
    {"typeIsLike", fn_type_is_like, "sa", HC_FN_NOERR},
    {"typeOf",     fn_type_of,      "a",  HC_FN_NOERR},
};

const size_t hc_funcs_reflect_len = sizeof hc_funcs_reflect / sizeof hc_funcs_reflect[0];
