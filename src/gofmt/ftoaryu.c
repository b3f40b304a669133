/*
 * ftoaryu.c - the shortest decimal digits that read back as a given float.
 *
 * Mirrors strconv/ftoaryu.go (ryuFtoaShortest, after Ulf Adams's Ryū): the
 * float's rounding interval [lower, upper] and its centre are scaled by one
 * power of ten so that they become integers a few units apart; digits are then
 * dropped from the right while some integer still fits in the interval, and the
 * survivor nearest the centre is kept (ties to even).  The scaling uses the same
 * 128-bit (float64) or 64-bit (float32) truncated powers of ten as Go, so the
 * intermediate integers, exactness flags and hence the digits are Go's.
 *
 * ryuFtoaFixed64 is here too: one multiplication finds up to 18 correctly
 * rounded digits, the fast path for %e and %g with a small precision.
 *
 * Invariant: the shortest digits are the fewest that round-trip, the closest of
 * those to the exact binary value; fixed digits are the exact value rounded half
 * to even; neither carries trailing zeros.
 */
#include "gofmt/ftoa.h"
#include "gofmt/gofmt.h"

#include <string.h>

#include "gofmt/pow10_table.h"

typedef unsigned __int128 u128;

/* 5^k for k in 0..27, the largest power of five below 2^64 is 5^27. */
static const uint64_t pow5[28] = {
    1U,
    5U,
    25U,
    125U,
    625U,
    3125U,
    15625U,
    78125U,
    390625U,
    1953125U,
    9765625U,
    48828125U,
    244140625U,
    1220703125U,
    6103515625U,
    30517578125U,
    152587890625U,
    762939453125U,
    3814697265625U,
    19073486328125U,
    95367431640625U,
    476837158203125U,
    2384185791015625U,
    11920928955078125U,
    59604644775390625U,
    298023223876953125U,
    1490116119384765625U,
    7450580596923828125U,
};

/* floor(x / 2^n) for any sign, without relying on how >> treats negatives. */
static int floor_shift(long x, int n)
{
    if (x >= 0)
        return (int)(x >> n);
    return (int)-((-x + (1L << n) - 1) >> n);
}

/* floor(x * log10(2)) for |x| <= 1600 (Go's mulByLog2Log10). */
static int mul_by_log2_log10(int x)
{
    return floor_shift((long)x * 78913, 18);
}

/* floor(x * log2(10)) for |x| <= 500 (Go's mulByLog10Log2). */
static int mul_by_log10_log2(int x)
{
    return floor_shift((long)x * 108853, 15);
}

static bool divisible_by_power5(uint64_t m, int k)
{
    if (m == 0)
        return true;
    if (k >= (int)(sizeof pow5 / sizeof pow5[0]))
        return false;
    return m % pow5[k] == 0;
}

/*
 * m * 2^e2 * 10^q for a 55-bit m, as a 64-bit mantissa and a new exponent;
 * *exact says no non-zero bit was cut off.  Go's mult128bitPow10, including its
 * rounding of negative powers (one added to the low word, without carry).
 */
static uint64_t mult128bit_pow10(uint64_t m, int *e2, int q, bool *exact)
{
    if (q == 0) {
        *e2 -= 8;
        *exact = true;
        return m << 8;
    }
    uint64_t hi = pow10_table[q - POW10_QMIN][0];
    uint64_t lo = pow10_table[q - POW10_QMIN][1];
    if (q < 0)
        lo += 1;
    *e2 += mul_by_log10_log2(q) - 127 + 119;
    u128 l = (u128)m * lo;
    u128 h = (u128)m * hi;
    uint64_t l0 = (uint64_t)l;
    u128 mid = (l >> 64) + (uint64_t)h;
    uint64_t h1 = (uint64_t)(h >> 64) + (uint64_t)(mid >> 64);
    uint64_t mid64 = (uint64_t)mid;
    *exact = (mid64 << 9) == 0 && l0 == 0;
    return h1 << 9 | mid64 >> 55;
}

/* The float32 variant: a 25-bit m and the top 64 bits of 10^q (Go's mult64bitPow10). */
static uint32_t mult64bit_pow10(uint32_t m, int *e2, int q, bool *exact)
{
    if (q == 0) {
        *e2 -= 6;
        *exact = true;
        return m << 6;
    }
    uint64_t pow = pow10_table[q - POW10_QMIN][0];
    if (q < 0)
        pow += 1;
    u128 p = (u128)m * pow;
    uint64_t hi = (uint64_t)(p >> 64), lo = (uint64_t)p;
    *e2 += mul_by_log10_log2(q) - 63 + 57;
    *exact = (lo << 7) == 0;
    return (uint32_t)(hi << 7 | lo >> 57);
}

static int count_digits(uint64_t v)
{
    int n = 1;
    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

/* Writes v's decimal digits without its trailing zeros; returns their count. */
static int put_digits(char *d, uint64_t v, int ndigits)
{
    for (int i = ndigits - 1; i >= 0; i--) {
        d[i] = (char)('0' + v % 10);
        v /= 10;
    }
    while (ndigits > 0 && d[ndigits - 1] == '0')
        ndigits--;
    return ndigits;
}

/*
 * Chooses the digits from the allowed integers [lower, upper] and the centre
 * (floor central, with c0: the cut-off part is exactly zero; cup: it is more
 * than half, or exactly half with central odd).  Sets *nd and *dp as if the
 * digits were an integer (the caller subtracts its power of ten).  The same
 * choice as Go's ryuDigits/ryuDigits32, written as one loop.
 */
static void ryu_digits(char *d, int *nd, int *dp, uint64_t lower, uint64_t central, uint64_t upper,
                       bool c0, bool cup)
{
    int trimmed = 0;
    unsigned last = 0; /* the last digit dropped from central */
    for (;;) {
        uint64_t l = lower / 10 + (lower % 10 != 0);
        uint64_t u = upper / 10;
        if (l > u)
            break; /* no shorter integer left in the interval */
        if (trimmed > 0 && last != 0)
            c0 = false;
        last = (unsigned)(central % 10);
        central /= 10;
        lower = l;
        upper = u;
        trimmed++;
    }
    if (trimmed > 0)
        cup = last > 5 || (last == 5 && (!c0 || (central & 1) != 0));
    if (central < lower)
        central = lower; /* the centre sat just below the interval's first survivor */
    else if (cup && central < upper)
        central++;
    int n = count_digits(central);
    *nd = put_digits(d, central, n);
    *dp = n + trimmed;
}

void hc_gofmt_ryu_shortest(char *d, int *nd, int *dp, uint64_t mant, int exp, bool is32)
{
    if (mant == 0) {
        *nd = *dp = 0;
        return;
    }
    /* An integer that fits the mantissa: its own digits are the shortest. */
    if (exp <= 0 && __builtin_ctzll(mant) >= -exp) {
        uint64_t v = mant >> -exp;
        int n = count_digits(v);
        *nd = put_digits(d, v, n);
        *dp = n;
        return;
    }
    /* The interval (lower, upper) around central, all times 2^e2. */
    unsigned mantbits = is32 ? 23 : 52;
    int minexp = is32 ? -149 : -1074;
    uint64_t ml, mc, mu;
    int e2;
    if (mant != (uint64_t)1 << mantbits || exp == minexp) {
        ml = 2 * mant - 1, mc = 2 * mant, mu = 2 * mant + 1;
        e2 = exp - 1;
    } else {
        /* A power of two: the float below is half as far away as the one above. */
        ml = 4 * mant - 1, mc = 4 * mant, mu = 4 * mant + 2;
        e2 = exp - 2;
    }
    if (e2 == 0) {
        ryu_digits(d, nd, dp, ml, mc, mu, true, false);
        return;
    }
    /* 10^q is the smallest power of ten above 2^-e2. */
    int q = mul_by_log2_log10(-e2) + 1;
    uint64_t dl, dc, du;
    bool dl0, dc0, du0;
    if (is32) {
        int el = e2, ec = e2;
        dl = mult64bit_pow10((uint32_t)ml, &el, q, &dl0);
        dc = mult64bit_pow10((uint32_t)mc, &ec, q, &dc0);
        du = mult64bit_pow10((uint32_t)mu, &e2, q, &du0);
    } else {
        int el = e2, ec = e2;
        dl = mult128bit_pow10(ml, &el, q, &dl0);
        dc = mult128bit_pow10(mc, &ec, q, &dc0);
        du = mult128bit_pow10(mu, &e2, q, &du0);
    }
    if (q > 55)
        dl0 = dc0 = du0 = false; /* 10^q is not exact in 128 bits */
    if (q < 0 && q >= -24) {
        /* Dividing by 10^-q is exact when 5^-q divides the mantissa. */
        if (divisible_by_power5(ml, -q))
            dl0 = true;
        if (divisible_by_power5(mc, -q))
            dc0 = true;
        if (divisible_by_power5(mu, -q))
            du0 = true;
    }
    /* Split off the -e2 fraction bits. */
    unsigned extra = (unsigned)-e2;
    uint64_t mask = ((uint64_t)1 << extra) - 1, half = (uint64_t)1 << (extra - 1);
    uint64_t fracl = dl & mask, fracc = dc & mask, fracu = du & mask;
    dl >>= extra, dc >>= extra, du >>= extra;
    /* upper itself is allowed only when exact and the mantissa even (IEEE ties to even). */
    if (du0 && fracu == 0 && (mant & 1) != 0)
        du--;
    bool cup;
    if (dc0)
        cup = fracc > half || (fracc == half && (dc & 1) != 0);
    else
        cup = fracc >= half; /* truncated: a lower estimate of the true fraction */
    if (!(dl0 && fracl == 0 && (mant & 1) == 0))
        dl++;
    bool c0 = dc0 && fracc == 0;
    ryu_digits(d, nd, dp, dl, dc, du, c0, cup);
    *dp -= q;
}

int hc_gofmt_log10_pow2(int x)
{
    return mul_by_log2_log10(x);
}

/*
 * Rounds m (with trunc: non-zero digits were already cut below it; round_up:
 * what they say about rounding) to prec digits and writes them without
 * trailing zeros (Go's formatDecimal).  m has at least prec digits.
 */
static void format_decimal(char *d, int *nd, int *dp, uint64_t m, bool trunc, bool round_up,
                           int prec)
{
    uint64_t max = 1;
    for (int i = 0; i < prec; i++)
        max *= 10;
    int trimmed = 0;
    while (m >= max) {
        unsigned digit = (unsigned)(m % 10);
        m /= 10;
        trimmed++;
        if (digit != 5)
            round_up = digit > 5;
        else
            round_up = trunc || (m & 1) != 0; /* exactly half: to even */
        if (digit != 0)
            trunc = true;
    }
    if (round_up)
        m++;
    if (m >= max) {
        /* 99...9 rounded up to 100...0 */
        m /= 10;
        trimmed++;
    }
    int n = put_digits(d, m, prec);
    *nd = n;
    *dp = prec + trimmed;
}

void hc_gofmt_ryu_fixed(char *d, int *nd, int *dp, uint64_t mant, int exp, int prec)
{
    if (mant == 0) {
        *nd = *dp = 0;
        return;
    }
    /* A 55-bit mantissa, so that mant * 2^e2 * 10^q below has prec digits or more. */
    int e2 = exp;
    int b = 64 - __builtin_clzll(mant);
    if (b < 55) {
        mant <<= 55 - b;
        e2 += b - 55;
    }
    int q = -mul_by_log2_log10(e2 + 54) + prec - 1;
    /* Only small positive powers of ten are exact in 128 bits. */
    bool exact = q <= 55 && q >= 0;
    bool d0;
    uint64_t di = mult128bit_pow10(mant, &e2, q, &d0);
    if (q < 0 && q >= -22 && divisible_by_power5(mant, -q)) {
        /* An exact division by 10^-q: the low bits are rounding noise. */
        exact = true;
        d0 = true;
    }
    unsigned extra = (unsigned)-e2;
    uint64_t mask = ((uint64_t)1 << extra) - 1, half = (uint64_t)1 << (extra - 1);
    uint64_t dfrac = di & mask;
    di >>= extra;
    bool round_up;
    if (exact)
        round_up = dfrac > half || (dfrac == half && (!d0 || (di & 1) != 0));
    else
        round_up = dfrac >= half;
    if (dfrac != 0)
        d0 = false;
    format_decimal(d, nd, dp, di, !d0, round_up, prec);
    *dp -= q;
}

int hc_gofmt_shortest(double f, char digits[32], int *dp)
{
    uint64_t bits;
    memcpy(&bits, &f, sizeof bits);
    int exp = (int)(bits >> 52) & 0x7FF;
    uint64_t mant = bits & (((uint64_t)1 << 52) - 1);
    if (exp == 0x7FF) {
        *dp = 0; /* not finite: no digits */
        return 0;
    }
    if (exp == 0)
        exp++;
    else
        mant |= (uint64_t)1 << 52;
    int nd;
    hc_gofmt_ryu_shortest(digits, &nd, dp, mant, exp - 1023 - 52, false);
    return nd;
}
