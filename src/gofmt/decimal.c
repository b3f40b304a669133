/*
 * decimal.c - the exact decimal expansion of a binary float, and rounding it.
 *
 * Mirrors strconv/decimal.go in purpose (Assign, Shift, Round): FormatFloat
 * with an explicit precision rounds the exact value of the float, half to even.
 * Go reaches the same digits by two routes (Ryū's fixed-precision variant and
 * the multiprecision decimal); both are correctly rounded, so one exact route
 * serves here.  mant * 2^exp is built as a big integer in base 10^9: the
 * integer mant << exp, or mant * 5^-exp whose decimal point then sits -exp
 * digits from the right.
 *
 * Invariant: a->d holds the significant digits with no trailing zeros; zero is
 * nd == 0, dp == 0.
 */
#include "gofmt/ftoa.h"

#include <assert.h>
#include <string.h>

#define LIMB_BASE   1000000000U /* each limb holds nine decimal digits */
#define LIMB_DIGITS 9
#define MAX_LIMBS   ((HC_GOFMT_MAX_DIGITS + LIMB_DIGITS - 1) / LIMB_DIGITS)
#define POW2_STEP   29 /* 2^29 * 10^9 fits in 64 bits */
#define POW5_STEP   13 /* 5^13 = 1220703125; 5^13 * 10^9 fits in 64 bits */

struct big {
    uint32_t limb[MAX_LIMBS]; /* least significant first, each < 10^9 */
    int n;
};

static void big_set(struct big *x, uint64_t v)
{
    x->n = 0;
    while (v > 0) {
        x->limb[x->n++] = (uint32_t)(v % LIMB_BASE);
        v /= LIMB_BASE;
    }
}

static void big_mul_small(struct big *x, uint32_t f)
{
    uint64_t carry = 0;
    for (int i = 0; i < x->n; i++) {
        uint64_t t = (uint64_t)x->limb[i] * f + carry;
        x->limb[i] = (uint32_t)(t % LIMB_BASE);
        carry = t / LIMB_BASE;
    }
    while (carry > 0 && x->n < MAX_LIMBS) {
        x->limb[x->n++] = (uint32_t)(carry % LIMB_BASE);
        carry /= LIMB_BASE;
    }
    assert(carry == 0); /* callers keep values within a double's range */
}

/* Writes x's digits to d, most significant first; returns their count. */
static int big_digits(const struct big *x, char *d)
{
    if (x->n == 0)
        return 0;
    char tmp[LIMB_DIGITS];
    int nd = 0, k = 0;
    for (uint32_t top = x->limb[x->n - 1]; top > 0; top /= 10)
        tmp[k++] = (char)('0' + top % 10);
    while (k > 0)
        d[nd++] = tmp[--k];
    for (int i = x->n - 2; i >= 0; i--) {
        uint32_t v = x->limb[i];
        for (int j = LIMB_DIGITS - 1; j >= 0; j--) {
            d[nd + j] = (char)('0' + v % 10);
            v /= 10;
        }
        nd += LIMB_DIGITS;
    }
    return nd;
}

static void trim(struct hc_gofmt_digits *a)
{
    while (a->nd > 0 && a->d[a->nd - 1] == '0')
        a->nd--;
    if (a->nd == 0)
        a->dp = 0;
}

void hc_gofmt_decimal_exact(struct hc_gofmt_digits *a, uint64_t mant, int exp)
{
    a->nd = a->dp = 0;
    if (mant == 0)
        return;
    /* Fewer powers of five to multiply by when the mantissa is even. */
    while (exp < 0 && (mant & 1) == 0) {
        mant >>= 1;
        exp++;
    }
    struct big x;
    big_set(&x, mant);
    if (exp >= 0) {
        for (; exp >= POW2_STEP; exp -= POW2_STEP)
            big_mul_small(&x, (uint32_t)1 << POW2_STEP);
        if (exp > 0)
            big_mul_small(&x, (uint32_t)1 << exp);
        a->nd = big_digits(&x, a->d);
        a->dp = a->nd;
    } else {
        int k = -exp;
        for (; k >= POW5_STEP; k -= POW5_STEP)
            big_mul_small(&x, 1220703125U);
        uint32_t f = 1;
        while (k-- > 0)
            f *= 5;
        big_mul_small(&x, f);
        a->nd = big_digits(&x, a->d);
        a->dp = a->nd + exp;
    }
    trim(a);
}

/* Whether rounding to nd digits goes up: half to even, as the digits are exact. */
static bool should_round_up(const struct hc_gofmt_digits *a, int nd)
{
    if (a->d[nd] == '5' && nd + 1 == a->nd)
        return nd > 0 && (a->d[nd - 1] - '0') % 2 == 1;
    return a->d[nd] >= '5';
}

void hc_gofmt_decimal_round(struct hc_gofmt_digits *a, int nd)
{
    if (nd < 0 || nd >= a->nd)
        return;
    if (!should_round_up(a, nd)) {
        a->nd = nd;
        trim(a);
        return;
    }
    int i = nd - 1;
    while (i >= 0 && a->d[i] == '9')
        i--;
    if (i < 0) {
        /* All nines: the number becomes 1 followed by zeros, one place up. */
        a->d[0] = '1';
        a->nd = 1;
        a->dp++;
        return;
    }
    a->d[i]++;
    a->nd = i + 1;
}
