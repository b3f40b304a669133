/*
 * math.c - Sprig's arithmetic: add, add1, sub, mul, div, mod, max, min,
 * biggest (int64), floor, ceil, round, maxf, minf (float64), and addf,
 * add1f, subf, mulf, divf, which Sprig computes in decimal.
 *
 * Mirrors Sprig v3.3.0 functions.go and numeric.go, with arguments converted
 * by cast.ToInt64 / ToFloat64 (funcs/cast.h: a value cast cannot convert
 * counts as 0).  Integer arithmetic wraps around as Go's int64 does (done in
 * uint64, so C never overflows); dividing by zero is Go's runtime panic, which
 * helm reports as the error "runtime error: integer divide by zero".
 *
 * The float functions with an f use shopspring/decimal v1.4.0: each operand
 * becomes decimal.NewFromFloat (the shortest decimal that reads back as the
 * float64), the operations are exact except division (16 decimal places,
 * half away from zero), and the result is the float64 nearest the exact
 * decimal.  Decimals here are big integers in base 10^9 limbs times a power
 * of ten, normalised (no trailing zero digits); their size is capped at
 * MAX_DEC_DIGITS digits, far past any float64 but short of a slow render.
 */
#include "funcs/funcs.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "funcs/cast.h"
#include "gofmt/gofmt.h"

/* Largest decimal (in digits) addf, subf, mulf and divf compute with (Go: no limit). */
#define MAX_DEC_DIGITS 65536
/* decimal.DivisionPrecision: digits after the point a quotient keeps. */
#define DIVISION_PRECISION 16

static hc_status nomem(struct hc_call *call)
{
    hc_error_nomem(call->err);
    return HC_ERR_NOMEM;
}

/* ---- int64 ---- */

static int64_t wrap_add(int64_t a, int64_t b)
{
    return (int64_t)((uint64_t)a + (uint64_t)b);
}

static int64_t wrap_mul(int64_t a, int64_t b)
{
    return (int64_t)((uint64_t)a * (uint64_t)b);
}

static const char divide_by_zero[] = "runtime error: integer divide by zero";

/* add: the sum of all arguments. */
static hc_status fn_add(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    int64_t sum = 0;
    for (uint32_t i = 0; i < nargs; i++)
        sum = wrap_add(sum, hc_cast_to_int64(args[i]));
    *out = hc_int(sum);
    return HC_OK;
}

static hc_status fn_add1(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = hc_int(wrap_add(hc_cast_to_int64(args[0]), 1));
    return HC_OK;
}

static hc_status fn_sub(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    uint64_t a = (uint64_t)hc_cast_to_int64(args[0]), b = (uint64_t)hc_cast_to_int64(args[1]);
    *out = hc_int((int64_t)(a - b));
    return HC_OK;
}

static hc_status fn_mul(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    int64_t v = hc_cast_to_int64(args[0]);
    for (uint32_t i = 1; i < nargs; i++)
        v = wrap_mul(v, hc_cast_to_int64(args[i]));
    *out = hc_int(v);
    return HC_OK;
}

/* div: Go's truncated quotient; MinInt64 / -1 wraps to MinInt64 as in Go. */
static hc_status fn_div(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    int64_t a = hc_cast_to_int64(args[0]), b = hc_cast_to_int64(args[1]);
    if (b == 0)
        return hc_call_fail(call, "%s", divide_by_zero);
    *out = hc_int(b == -1 ? (int64_t)(0 - (uint64_t)a) : a / b);
    return HC_OK;
}

/* mod: Go's remainder (the sign of the dividend); MinInt64 % -1 is 0. */
static hc_status fn_mod(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    int64_t a = hc_cast_to_int64(args[0]), b = hc_cast_to_int64(args[1]);
    if (b == 0)
        return hc_call_fail(call, "%s", divide_by_zero);
    *out = hc_int(b == -1 ? 0 : a % b);
    return HC_OK;
}

/* max / biggest: the largest argument as int64. */
static hc_status fn_max(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    int64_t v = hc_cast_to_int64(args[0]);
    for (uint32_t i = 1; i < nargs; i++) {
        int64_t b = hc_cast_to_int64(args[i]);
        if (b > v)
            v = b;
    }
    *out = hc_int(v);
    return HC_OK;
}

static hc_status fn_min(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    int64_t v = hc_cast_to_int64(args[0]);
    for (uint32_t i = 1; i < nargs; i++) {
        int64_t b = hc_cast_to_int64(args[i]);
        if (b < v)
            v = b;
    }
    *out = hc_int(v);
    return HC_OK;
}

/* ---- float64 ---- */

/* math.Max: +Inf wins over NaN, NaN over the rest; +0 over -0. */
static double go_max(double x, double y)
{
    if ((isinf(x) && x > 0) || (isinf(y) && y > 0))
        return INFINITY;
    if (isnan(x) || isnan(y))
        return NAN;
    if (x == 0 && x == y)
        return signbit(x) ? y : x;
    return x > y ? x : y;
}

/* math.Min: -Inf wins over NaN, NaN over the rest; -0 over +0. */
static double go_min(double x, double y)
{
    if ((isinf(x) && x < 0) || (isinf(y) && y < 0))
        return -INFINITY;
    if (isnan(x) || isnan(y))
        return NAN;
    if (x == 0 && x == y)
        return signbit(x) ? x : y;
    return x < y ? x : y;
}

static hc_status fn_maxf(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    double v = hc_cast_to_float64(args[0]);
    for (uint32_t i = 1; i < nargs; i++)
        v = go_max(v, hc_cast_to_float64(args[i]));
    *out = hc_float(v);
    return HC_OK;
}

static hc_status fn_minf(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    double v = hc_cast_to_float64(args[0]);
    for (uint32_t i = 1; i < nargs; i++)
        v = go_min(v, hc_cast_to_float64(args[i]));
    *out = hc_float(v);
    return HC_OK;
}

static hc_status fn_floor(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = hc_float(floor(hc_cast_to_float64(args[0])));
    return HC_OK;
}

static hc_status fn_ceil(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = hc_float(ceil(hc_cast_to_float64(args[0])));
    return HC_OK;
}

/* math.Modf's fractional part: NaN for infinities (C's modf says 0). */
static double go_frac(double f)
{
    double ip;
    if (isinf(f))
        return NAN;
    return modf(f, &ip);
}

/*
 * math.Pow(10, p) for an integral p as Go 1.25 computes it: the mantissa
 * multiplied by successive squarings with the binary exponent kept apart
 * (not the correctly rounded power: 10^39 and others differ in the last bit).
 */
static double go_pow10(double p)
{
    if (p == 0)
        return 1;
    if (isnan(p))
        return NAN;
    if (isinf(p))
        return p > 0 ? INFINITY : 0;
    double yi = fabs(p);
    if (yi >= 9223372036854775808.0)
        return p > 0 ? INFINITY : 0;
    int xe;
    double a1 = 1.0, x1 = frexp(10.0, &xe);
    long ae = 0;
    for (int64_t i = (int64_t)yi; i != 0; i >>= 1) {
        if (xe < -(1 << 12) || (1 << 12) < xe) {
            ae += xe; /* Ldexp below gives 0 or Inf */
            break;
        }
        if (i & 1) {
            a1 *= x1;
            ae += xe;
        }
        x1 *= x1;
        xe <<= 1;
        if (x1 < .5) {
            x1 += x1;
            xe--;
        }
    }
    if (p < 0) {
        a1 = 1 / a1;
        ae = -ae;
    }
    if (ae > 100000)
        ae = 100000;
    if (ae < -100000)
        ae = -100000;
    return ldexp(a1, (int)ae);
}

/*
 * round: val rounded to p decimal places, up when the fraction of val*10^p
 * is at least roundOn (default .5), computed in float64 as Sprig does.
 */
static hc_status fn_round(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    double round_on = nargs > 2 ? args[2].u.f : .5;
    double val = hc_cast_to_float64(args[0]);
    double pw = go_pow10((double)args[1].u.i);
    double digit = pw * val;
    double r = go_frac(digit) >= round_on ? ceil(digit) : floor(digit);
    *out = hc_float(r / pw);
    return HC_OK;
}

/* ---- decimal (shopspring/decimal) ---- */

#define LIMB_BASE   1000000000u
#define LIMB_DIGITS 9

/* sign * (w[0] + w[1]*10^9 + ...) * 10^exp; n == 0 is zero (then neg is false). */
struct dec {
    bool neg;
    int64_t exp;
    uint32_t n, cap;
    uint32_t *w; /* heap */
};

static void dec_release(struct dec *d)
{
    hc_free(d->w);
    memset(d, 0, sizeof *d);
}

static bool dec_reserve(struct dec *d, size_t n)
{
    if (n <= d->cap)
        return true;
    if (n > MAX_DEC_DIGITS / LIMB_DIGITS + 4)
        return false;
    uint32_t *w = hc_realloc(d->w, n * sizeof *w);
    if (!w)
        return false;
    d->w = w;
    d->cap = (uint32_t)n;
    return true;
}

static void dec_trim(struct dec *d)
{
    while (d->n && d->w[d->n - 1] == 0)
        d->n--;
    if (d->n == 0)
        d->neg = false;
}

/* Moves trailing zero digits into the exponent (values are compared, never their form). */
static void dec_normalize(struct dec *d)
{
    dec_trim(d);
    if (d->n == 0) {
        d->exp = 0;
        return;
    }
    uint32_t zl = 0;
    while (d->w[zl] == 0)
        zl++;
    if (zl) {
        memmove(d->w, d->w + zl, (d->n - zl) * sizeof *d->w);
        d->n -= zl;
        d->exp += (int64_t)zl * LIMB_DIGITS;
    }
    int k = 0;
    uint32_t p = 1;
    while (k < LIMB_DIGITS - 1 && d->w[0] % (p * 10) == 0) {
        p *= 10;
        k++;
    }
    if (k) {
        uint32_t carry = 0;
        for (uint32_t i = d->n; i-- > 0;) {
            uint64_t cur = (uint64_t)carry * LIMB_BASE + d->w[i];
            d->w[i] = (uint32_t)(cur / p);
            carry = (uint32_t)(cur % p);
        }
        d->exp += k;
        dec_trim(d);
    }
}

/* decimal.NewFromFloat: the shortest decimal that reads back as f (f finite). */
static bool dec_from_float(struct dec *d, double f)
{
    char digits[32];
    int dp;
    d->n = 0;
    d->neg = false;
    d->exp = 0;
    int nd = hc_gofmt_shortest(f, digits, &dp);
    if (nd == 0)
        return true; /* zero: New(0, 0), -0 included */
    if (!dec_reserve(d, 2))
        return false;
    uint64_t m = 0;
    for (int i = 0; i < nd; i++)
        m = m * 10 + (uint64_t)(digits[i] - '0');
    d->w[0] = (uint32_t)(m % LIMB_BASE);
    d->w[1] = (uint32_t)(m / LIMB_BASE);
    d->n = 2;
    d->neg = signbit(f) != 0;
    d->exp = (int64_t)dp - nd;
    dec_normalize(d);
    return true;
}

/* |d| *= 10^k (k >= 0). */
static bool dec_shift_up(struct dec *d, int64_t k)
{
    if (d->n == 0 || k == 0)
        return true;
    if (k > MAX_DEC_DIGITS)
        return false;
    uint32_t limbs = (uint32_t)(k / LIMB_DIGITS), r = (uint32_t)(k % LIMB_DIGITS);
    if (!dec_reserve(d, (size_t)d->n + limbs + 1))
        return false;
    if (r) {
        uint32_t p = 1;
        for (uint32_t i = 0; i < r; i++)
            p *= 10;
        uint64_t carry = 0;
        for (uint32_t i = 0; i < d->n; i++) {
            uint64_t cur = (uint64_t)d->w[i] * p + carry;
            d->w[i] = (uint32_t)(cur % LIMB_BASE);
            carry = cur / LIMB_BASE;
        }
        if (carry)
            d->w[d->n++] = (uint32_t)carry;
    }
    if (limbs) {
        memmove(d->w + limbs, d->w, d->n * sizeof *d->w);
        memset(d->w, 0, limbs * sizeof *d->w);
        d->n += limbs;
    }
    d->exp -= k;
    return true;
}

/* Compares |a| and |b| when both have the same exponent. */
static int mag_cmp(const struct dec *a, const struct dec *b)
{
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (uint32_t i = a->n; i-- > 0;)
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

/* a += sign * b (b_neg flips b's sign: subtraction).  b is changed (rescaled). */
static bool dec_add(struct dec *a, struct dec *b, bool b_neg)
{
    bool bneg = b->neg != b_neg;
    if (b->n == 0)
        return true;
    if (a->n == 0) {
        if (!dec_reserve(a, b->n))
            return false;
        memcpy(a->w, b->w, b->n * sizeof *b->w);
        a->n = b->n;
        a->exp = b->exp;
        a->neg = bneg;
        return true;
    }
    /* RescalePair: both to the smaller exponent */
    if (a->exp > b->exp && !dec_shift_up(a, a->exp - b->exp))
        return false;
    if (b->exp > a->exp && !dec_shift_up(b, b->exp - a->exp))
        return false;
    size_t n = (a->n > b->n ? a->n : b->n) + 1;
    if (!dec_reserve(a, n))
        return false;
    for (uint32_t i = a->n; i < n; i++)
        a->w[i] = 0;
    if (a->neg == bneg) {
        uint32_t carry = 0;
        for (uint32_t i = 0; i < n; i++) {
            uint32_t s = a->w[i] + (i < b->n ? b->w[i] : 0) + carry;
            carry = s >= LIMB_BASE;
            a->w[i] = carry ? s - LIMB_BASE : s;
        }
        a->n = (uint32_t)n;
    } else {
        a->n = (uint32_t)n;
        dec_trim(a);
        int c = mag_cmp(a, b);
        const uint32_t *big = c >= 0 ? a->w : b->w, *small = c >= 0 ? b->w : a->w;
        uint32_t bn = c >= 0 ? a->n : b->n, sn = c >= 0 ? b->n : a->n;
        int64_t borrow = 0;
        for (uint32_t i = 0; i < bn; i++) {
            int64_t s = (int64_t)big[i] - (i < sn ? small[i] : 0) - borrow;
            borrow = s < 0;
            a->w[i] = (uint32_t)(s < 0 ? s + LIMB_BASE : s);
        }
        a->n = bn;
        if (c < 0)
            a->neg = bneg;
    }
    dec_normalize(a);
    return true;
}

/* a *= b. */
static bool dec_mul(struct dec *a, const struct dec *b)
{
    if (a->n == 0 || b->n == 0) {
        a->n = 0;
        a->neg = false;
        a->exp = 0;
        return true;
    }
    size_t n = (size_t)a->n + b->n;
    if (n > MAX_DEC_DIGITS / LIMB_DIGITS + 4)
        return false;
    uint32_t *r = hc_calloc(n, sizeof *r);
    if (!r)
        return false;
    for (uint32_t i = 0; i < a->n; i++) {
        uint64_t carry = 0;
        for (uint32_t j = 0; j < b->n; j++) {
            uint64_t cur = (uint64_t)a->w[i] * b->w[j] + r[i + j] + carry;
            r[i + j] = (uint32_t)(cur % LIMB_BASE);
            carry = cur / LIMB_BASE;
        }
        for (size_t k = (size_t)i + b->n; carry; k++) {
            uint64_t cur = (uint64_t)r[k] + carry;
            r[k] = (uint32_t)(cur % LIMB_BASE);
            carry = cur / LIMB_BASE;
        }
    }
    hc_free(a->w);
    a->w = r;
    a->n = (uint32_t)n;
    a->cap = (uint32_t)n;
    a->neg = a->neg != b->neg;
    a->exp += b->exp;
    dec_normalize(a);
    return true;
}

/* The decimal digits of |d| (most significant first) appended to buf. */
static void dec_digits(const struct dec *d, struct hc_buf *buf)
{
    for (uint32_t i = d->n; i-- > 0;) {
        if (i == d->n - 1)
            hc_buf_printf(buf, "%" PRIu32, d->w[i]);
        else
            hc_buf_printf(buf, "%09" PRIu32, d->w[i]);
    }
}

/* Sets |d| from the decimal digits s[0..n) (exponent and sign untouched). */
static bool dec_set_digits(struct dec *d, const char *s, size_t n)
{
    while (n > 1 && *s == '0') {
        s++;
        n--;
    }
    size_t limbs = (n + LIMB_DIGITS - 1) / LIMB_DIGITS;
    if (!dec_reserve(d, limbs ? limbs : 1))
        return false;
    d->n = (uint32_t)limbs;
    for (size_t i = 0; i < limbs; i++) {
        size_t end = n - i * LIMB_DIGITS, start = end > LIMB_DIGITS ? end - LIMB_DIGITS : 0;
        uint32_t v = 0;
        for (size_t k = start; k < end; k++)
            v = v * 10 + (uint32_t)(s[k] - '0');
        d->w[i] = v;
    }
    return true;
}

/*
 * a = a.Div(b): DivRound(b, 16): the quotient truncated to 16 decimal places,
 * then moved one unit away from zero when the rest is at least half a unit.
 * b has at most 17 significant digits (it came from a float64).
 */
static hc_status dec_div(struct hc_call *call, struct dec *a, const struct dec *b)
{
    if (b->n == 0)
        return hc_call_fail(call, "decimal division by 0");
    if (a->n == 0)
        return HC_OK;
    uint64_t divisor = b->w[0] + (b->n > 1 ? (uint64_t)b->w[1] * LIMB_BASE : 0);
    int64_t e = a->exp - b->exp + DIVISION_PRECISION;
    if (e > MAX_DEC_DIGITS)
        return hc_error_set(call->err, HC_ERR_LIMIT, "divf: more than %d digits", MAX_DEC_DIGITS);
    struct hc_buf num = HC_BUF_INIT, q = HC_BUF_INIT;
    dec_digits(a, &num);
    size_t keep = num.len, low = 0; /* digits divided; digits below the quotient's last place */
    if (e >= 0)
        hc_buf_addn(&num, '0', (size_t)e);
    else if ((uint64_t)-e >= keep)
        low = keep, keep = 0;
    else
        low = (size_t)-e, keep -= low;
    if (!hc_buf_ok(&num)) {
        hc_buf_release(&num);
        return nomem(call);
    }
    size_t divided = e >= 0 ? num.len : keep;
    uint64_t rem = 0;
    for (size_t i = 0; i < divided; i++) {
        rem = rem * 10 + (uint64_t)(num.data[i] - '0');
        hc_buf_addc(&q, (char)('0' + rem / divisor));
        rem %= divisor;
    }
    if (divided == 0)
        hc_buf_addc(&q, '0');
    /* 2*rest >= divisor*10^low, rest = rem*10^low + L (L: the low digits) */
    bool up;
    if (2 * rem >= divisor)
        up = true;
    else if (2 * rem + 1 < divisor || low == 0)
        up = false;
    else
        up = num.data[keep] >= '5';
    bool ok = hc_buf_ok(&q) && dec_set_digits(a, hc_buf_str(&q), q.len);
    hc_buf_release(&num);
    hc_buf_release(&q);
    if (!ok)
        return nomem(call);
    if (up) {
        uint32_t carry = 1;
        for (uint32_t i = 0; carry && i < a->n; i++) {
            a->w[i] += carry;
            carry = a->w[i] >= LIMB_BASE;
            if (carry)
                a->w[i] -= LIMB_BASE;
        }
        if (carry) {
            if (!dec_reserve(a, (size_t)a->n + 1))
                return nomem(call);
            a->w[a->n++] = carry;
        }
    }
    a->neg = a->neg != b->neg;
    a->exp = -DIVISION_PRECISION;
    dec_normalize(a);
    return HC_OK;
}

/* Decimal.Float64(): the float64 nearest the exact value (big.Rat's rounding). */
static hc_status dec_to_float(struct hc_call *call, const struct dec *d, double *out)
{
    if (d->n == 0) {
        *out = 0;
        return HC_OK;
    }
    struct hc_buf b = HC_BUF_INIT;
    if (d->neg)
        hc_buf_addc(&b, '-');
    dec_digits(d, &b);
    hc_buf_printf(&b, "e%" PRId64, d->exp);
    if (!hc_buf_ok(&b)) {
        hc_buf_release(&b);
        return nomem(call);
    }
    /*
     * Correctly rounded, overflow gives ±Inf as big.Rat does.  The text has
     * no decimal point, the one thing the C locale changes in strtod.
     */
    *out = strtod(b.data, NULL);
    hc_buf_release(&b);
    return HC_OK;
}

enum dec_op { DEC_ADD, DEC_SUB, DEC_MUL, DEC_DIV };

/* decimal.NewFromFloat's panic for NaN and infinities: "Cannot create a Decimal from +Inf". */
static hc_status dec_operand(struct hc_call *call, struct dec *d, double f)
{
    if (isnan(f))
        return hc_call_fail(call, "Cannot create a Decimal from NaN");
    if (isinf(f))
        return hc_call_fail(call, "Cannot create a Decimal from %cInf", f > 0 ? '+' : '-');
    if (!dec_from_float(d, f))
        return nomem(call);
    return HC_OK;
}

/*
 * Sprig's execDecimalOp: first as a decimal, then each of rest[0..n) applied
 * to it with op, the result as the nearest float64.
 */
static hc_status exec_decimal_op(struct hc_call *call, double first, const hc_val *rest, uint32_t n,
                                 double one, enum dec_op op, hc_val *out)
{
    struct dec acc = {0}, x = {0};
    hc_status rc = dec_operand(call, &acc, first);
    for (uint32_t i = 0; rc == HC_OK && i < n + (rest ? 0 : 1); i++) {
        rc = dec_operand(call, &x, rest ? hc_cast_to_float64(rest[i]) : one);
        if (rc != HC_OK)
            break;
        bool ok = true;
        switch (op) {
        case DEC_ADD:
            ok = dec_add(&acc, &x, false);
            break;
        case DEC_SUB:
            ok = dec_add(&acc, &x, true);
            break;
        case DEC_MUL:
            ok = dec_mul(&acc, &x);
            break;
        case DEC_DIV:
            rc = dec_div(call, &acc, &x);
            break;
        }
        if (!ok)
            rc = acc.n + x.n > MAX_DEC_DIGITS / LIMB_DIGITS
                     ? hc_error_set(call->err, HC_ERR_LIMIT,
                                    "decimal arithmetic: more than %d digits", MAX_DEC_DIGITS)
                     : nomem(call);
    }
    double f = 0;
    if (rc == HC_OK)
        rc = dec_to_float(call, &acc, &f);
    dec_release(&acc);
    dec_release(&x);
    if (rc == HC_OK)
        *out = hc_float(f);
    return rc;
}

static hc_status fn_addf(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    return exec_decimal_op(call, 0, args, nargs, 0, DEC_ADD, out);
}

static hc_status fn_add1f(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    return exec_decimal_op(call, hc_cast_to_float64(args[0]), NULL, 0, 1, DEC_ADD, out);
}

static hc_status fn_subf(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    return exec_decimal_op(call, hc_cast_to_float64(args[0]), args + 1, nargs - 1, 0, DEC_SUB, out);
}

static hc_status fn_mulf(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    return exec_decimal_op(call, hc_cast_to_float64(args[0]), args + 1, nargs - 1, 0, DEC_MUL, out);
}

static hc_status fn_divf(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    return exec_decimal_op(call, hc_cast_to_float64(args[0]), args + 1, nargs - 1, 0, DEC_DIV, out);
}

/* ---- the table ---- */

const struct hc_func hc_funcs_math[] = {
    {"add",     fn_add,   "a*",   HC_FN_NOERR},
    {"add1",    fn_add1,  "a",    HC_FN_NOERR},
    {"add1f",   fn_add1f, "a",    HC_FN_NOERR},
    {"addf",    fn_addf,  "a*",   HC_FN_NOERR},
    {"biggest", fn_max,   "aa*",  HC_FN_NOERR},
    {"ceil",    fn_ceil,  "a",    HC_FN_NOERR},
    {"div",     fn_div,   "aa",   HC_FN_NOERR},
    {"divf",    fn_divf,  "aa*",  HC_FN_NOERR},
    {"floor",   fn_floor, "a",    HC_FN_NOERR},
    {"max",     fn_max,   "aa*",  HC_FN_NOERR},
    {"maxf",    fn_maxf,  "aa*",  HC_FN_NOERR},
    {"min",     fn_min,   "aa*",  HC_FN_NOERR},
    {"minf",    fn_minf,  "aa*",  HC_FN_NOERR},
    {"mod",     fn_mod,   "aa",   HC_FN_NOERR},
    {"mul",     fn_mul,   "aa*",  HC_FN_NOERR},
    {"mulf",    fn_mulf,  "aa*",  HC_FN_NOERR},
    {"round",   fn_round, "aif*", HC_FN_NOERR},
    {"sub",     fn_sub,   "aa",   HC_FN_NOERR},
    {"subf",    fn_subf,  "aa*",  HC_FN_NOERR},
};

const size_t hc_funcs_math_len = sizeof hc_funcs_math / sizeof hc_funcs_math[0];
