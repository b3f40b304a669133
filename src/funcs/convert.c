/*
 * convert.c - Sprig's type conversions: atoi, int, int64, float64, toDecimal.
 *
 * Mirrors Sprig v3.3.0 functions.go and numeric.go: int, int64 and float64
 * are spf13/cast v1.7.0's ToInt, ToInt64 and ToFloat64 (funcs/cast.h says
 * how each kind and string converts; a failure gives 0), atoi is
 * strconv.Atoi with its error dropped, toDecimal reads fmt.Sprint of its
 * argument as an octal number.  Results carry Go's result types: atoi and
 * int give int, int64 and toDecimal int64, float64 float64.
 */
#include "funcs/funcs.h"

#include "base/buf.h"
#include "funcs/cast.h"
#include "gofmt/printf.h"

/*
 * atoi: strconv.Atoi(s), base 10 with an optional sign, no prefixes or
 * underscores; a syntax error gives 0 and an out-of-range number the
 * nearest int64 (Atoi returns it with its range error, which Sprig drops).
 */
static hc_status fn_atoi(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    int64_t v;
    (void)hc_cast_parse_int(args[0].u.s, args[0].len, 10, &v);
    *out = hc_int_typed(v, HC_GT_INT);
    return HC_OK;
}

static hc_status fn_int(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = hc_int_typed(hc_cast_to_int64(args[0]), HC_GT_INT);
    return HC_OK;
}

static hc_status fn_int64(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = hc_int(hc_cast_to_int64(args[0]));
    return HC_OK;
}

static hc_status fn_float64(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = hc_float(hc_cast_to_float64(args[0]));
    return HC_OK;
}

/* toDecimal: strconv.ParseInt(fmt.Sprint(v), 8, 64), 0 on any error ("0755" is 493). */
static hc_status fn_to_decimal(struct hc_call *call, const hc_val *args, uint32_t nargs,
                               hc_val *out)
{
    (void)nargs;
    hc_val v = args[0].kind == HC_MISSING ? hc_null() : args[0];
    int64_t n = 0;
    if (v.kind == HC_STRING && v.gotype == HC_GT_STRING) {
        if (!hc_cast_parse_int(v.u.s, v.len, 8, &n))
            n = 0;
    } else {
        struct hc_buf b = HC_BUF_INIT;
        hc_status rc = hc_gofmt_sprint(&b, &v, 1);
        if (rc != HC_OK) {
            hc_buf_release(&b);
            return rc == HC_ERR_NOMEM ? hc_error_nomem(call->err)
                                      : hc_error_set(call->err, rc,
                                                     "toDecimal: value nested "
                                                     "too deep to print");
        }
        if (!hc_cast_parse_int(hc_buf_str(&b), b.len, 8, &n))
            n = 0;
        hc_buf_release(&b);
    }
    *out = hc_int(n);
    return HC_OK;
}

/* ---- the table ---- */

const struct hc_func hc_funcs_convert[] = {
    {"atoi",      fn_atoi,       "s", HC_FN_NOERR},
    {"float64",   fn_float64,    "a", HC_FN_NOERR},
    {"int",       fn_int,        "a", HC_FN_NOERR},
    {"int64",     fn_int64,      "a", HC_FN_NOERR},
    {"toDecimal", fn_to_decimal, "a", HC_FN_NOERR},
};

const size_t hc_funcs_convert_len = sizeof hc_funcs_convert / sizeof hc_funcs_convert[0];
