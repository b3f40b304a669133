/*
 * defaults.c - Sprig's default, empty, coalesce, all, any and ternary.
 *
 * Mirrors Sprig v3.3.0 defaults.go.  Emptiness is Sprig's empty (reflect's
 * zero value test: funcs/cast.h hc_cast_empty), which differs from Go
 * template truth only for objects (a struct is never empty).
 */
#include "funcs/funcs.h"

#include "funcs/cast.h"

/* default: the given value, or d when none is given or it is empty. */
static hc_status fn_default(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    *out = nargs < 2 || hc_cast_empty(args[1]) ? args[0] : args[1];
    return HC_OK;
}

static hc_status fn_empty(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = hc_bool(hc_cast_empty(args[0]));
    return HC_OK;
}

/* coalesce: the first argument that is not empty, or nil. */
static hc_status fn_coalesce(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    for (uint32_t i = 0; i < nargs; i++)
        if (!hc_cast_empty(args[i])) {
            *out = args[i];
            return HC_OK;
        }
    *out = hc_null();
    return HC_OK;
}

/* all: no argument is empty (true without arguments). */
static hc_status fn_all(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    bool all = true;
    for (uint32_t i = 0; all && i < nargs; i++)
        all = !hc_cast_empty(args[i]);
    *out = hc_bool(all);
    return HC_OK;
}

/* any: some argument is not empty (false without arguments). */
static hc_status fn_any(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    bool any = false;
    for (uint32_t i = 0; !any && i < nargs; i++)
        any = !hc_cast_empty(args[i]);
    *out = hc_bool(any);
    return HC_OK;
}

/* ternary: vt when the condition is true, else vf. */
static hc_status fn_ternary(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = args[2].u.b ? args[0] : args[1];
    return HC_OK;
}

/* ---- the table ---- */

const struct hc_func hc_funcs_defaults[] = {
    {"all",      fn_all,      "a*",  HC_FN_NOERR},
    {"any",      fn_any,      "a*",  HC_FN_NOERR},
    {"coalesce", fn_coalesce, "a*",  HC_FN_NOERR},
    {"default",  fn_default,  "aa*", HC_FN_NOERR},
    {"empty",    fn_empty,    "a",   HC_FN_NOERR},
    {"ternary",  fn_ternary,  "aab", HC_FN_NOERR},
};

const size_t hc_funcs_defaults_len = sizeof hc_funcs_defaults / sizeof hc_funcs_defaults[0];
