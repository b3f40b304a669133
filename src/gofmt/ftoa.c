/*
 * ftoa.c - strconv.FormatFloat for float64 and float32, and fmt's %v of a float.
 *
 * Mirrors strconv/ftoa.go: genericFtoa splits the float, picks digits (the
 * shortest from ftoaryu.c, or the exact value rounded by decimal.c) and
 * formatDigits lays them out as %e, %f or %g; %b and %x work on the bits.
 * Nothing here consults the C locale: every character is written by hand.
 *
 * Invariant: the text appended is byte for byte what Go 1.25 returns for the
 * same float, format and precision.
 */
#include "gofmt/ftoa.h"
#include "gofmt/gofmt.h"

#include <string.h>

struct float_info {
    unsigned mantbits;
    unsigned expbits;
    int bias;
};

static const struct float_info float32info = {23, 8, -127};
static const struct float_info float64info = {52, 11, -1023};

static const char lowerhex[] = "0123456789abcdef";
static const char upperhex[] = "0123456789ABCDEF";

/* Appends the decimal digits of v (Go's formatBits in base 10). */
static void add_udec(struct hc_buf *b, uint64_t v)
{
    char tmp[20];
    int i = (int)sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    hc_buf_add(b, tmp + i, sizeof tmp - (size_t)i);
}

/* Appends digits d[from, to) then zeros, count characters in all (digits beyond count dropped). */
static void add_digits_padded(struct hc_buf *b, const struct hc_gofmt_digits *d, int from, int to,
                              long count)
{
    if (to > d->nd)
        to = d->nd;
    long have = 0;
    if (count > 0 && from >= 0 && from < to) {
        have = to - from;
        if (have > count)
            have = count;
        hc_buf_add(b, d->d + from, (size_t)have);
    }
    if (count > have)
        hc_buf_addn(b, '0', (size_t)(count - have));
}

/* %e: -d.dddde±dd (Go's fmtE). */
static void fmt_e(struct hc_buf *b, bool neg, const struct hc_gofmt_digits *d, int prec, char fmt)
{
    if (neg)
        hc_buf_addc(b, '-');
    hc_buf_addc(b, (char)(d->nd != 0 ? d->d[0] : '0'));
    if (prec > 0) {
        hc_buf_addc(b, '.');
        /* prec digits after the point: d[1..prec], zeros past the last digit */
        long end = (long)prec + 1;
        add_digits_padded(b, d, 1, end > d->nd ? d->nd : (int)end, prec);
    }
    hc_buf_addc(b, fmt);
    int exp = d->nd == 0 ? 0 : d->dp - 1;
    if (exp < 0) {
        hc_buf_addc(b, '-');
        exp = -exp;
    } else {
        hc_buf_addc(b, '+');
    }
    if (exp < 10) {
        hc_buf_addc(b, '0');
        hc_buf_addc(b, (char)('0' + exp));
    } else {
        add_udec(b, (uint64_t)exp);
    }
}

/* %f: -ddddddd.ddddd (Go's fmtF). */
static void fmt_f(struct hc_buf *b, bool neg, const struct hc_gofmt_digits *d, int prec)
{
    if (neg)
        hc_buf_addc(b, '-');
    if (d->dp > 0) {
        int m = d->nd < d->dp ? d->nd : d->dp;
        hc_buf_add(b, d->d, (size_t)m);
        hc_buf_addn(b, '0', (size_t)(d->dp - m));
    } else {
        hc_buf_addc(b, '0');
    }
    if (prec > 0) {
        hc_buf_addc(b, '.');
        /* Fraction digit i is d[dp + i]: zeros while that index is negative. */
        long lead = d->dp < 0 ? -(long)d->dp : 0;
        if (lead > prec)
            lead = prec;
        hc_buf_addn(b, '0', (size_t)lead);
        int from = d->dp + (int)lead;
        add_digits_padded(b, d, from, d->nd, prec - lead);
    }
}

/* %b: -ddddddddp±ddd (Go's fmtB). */
static void fmt_b(struct hc_buf *b, bool neg, uint64_t mant, int exp, const struct float_info *flt)
{
    if (neg)
        hc_buf_addc(b, '-');
    add_udec(b, mant);
    hc_buf_addc(b, 'p');
    exp -= (int)flt->mantbits;
    if (exp >= 0) {
        hc_buf_addc(b, '+');
        add_udec(b, (uint64_t)exp);
    } else {
        hc_buf_addc(b, '-');
        add_udec(b, (uint64_t)-exp);
    }
}

/* %x: -0x1.yyyyyyyyp±ddd or -0x0p+00 (Go's fmtX). */
static void fmt_x(struct hc_buf *b, int prec, char fmt, bool neg, uint64_t mant, int exp,
                  const struct float_info *flt)
{
    const uint64_t lead = (uint64_t)1 << 60;
    if (mant == 0)
        exp = 0;
    /* Put the leading 1 (if any) at bit 60. */
    mant <<= 60 - flt->mantbits;
    while (mant != 0 && (mant & lead) == 0) {
        mant <<= 1;
        exp--;
    }
    /* Round to prec hex digits, half to even; carrying may reach bit 61. */
    if (prec >= 0 && prec < 15) {
        unsigned shift = (unsigned)prec * 4;
        uint64_t extra = (mant << shift) & (lead - 1);
        mant >>= 60 - shift;
        if ((extra | (mant & 1)) > lead / 2)
            mant++;
        mant <<= 60 - shift;
        if ((mant & (lead << 1)) != 0) {
            mant >>= 1;
            exp++;
        }
    }
    const char *hex = fmt == 'X' ? upperhex : lowerhex;
    if (neg)
        hc_buf_addc(b, '-');
    hc_buf_addc(b, '0');
    hc_buf_addc(b, fmt);
    hc_buf_addc(b, (char)('0' + ((mant >> 60) & 1)));
    mant <<= 4; /* drop the leading digit */
    if (prec < 0 && mant != 0) {
        hc_buf_addc(b, '.');
        for (; mant != 0; mant <<= 4)
            hc_buf_addc(b, hex[(mant >> 60) & 15]);
    } else if (prec > 0) {
        hc_buf_addc(b, '.');
        int i = 0;
        for (; i < prec && mant != 0; i++, mant <<= 4)
            hc_buf_addc(b, hex[(mant >> 60) & 15]);
        hc_buf_addn(b, '0', (size_t)(prec - i));
    }
    hc_buf_addc(b, fmt == 'X' ? 'P' : 'p');
    if (exp < 0) {
        hc_buf_addc(b, '-');
        exp = -exp;
    } else {
        hc_buf_addc(b, '+');
    }
    if (exp < 10)
        hc_buf_addc(b, '0');
    add_udec(b, (uint64_t)exp);
}

/* Go's formatDigits: lay out digits as %e, %f or %g. */
static void format_digits(struct hc_buf *b, bool shortest, bool neg,
                          const struct hc_gofmt_digits *d, int prec, char fmt)
{
    switch (fmt) {
    case 'e':
    case 'E':
        fmt_e(b, neg, d, prec, fmt);
        return;
    case 'f':
        fmt_f(b, neg, d, prec);
        return;
    case 'g':
    case 'G': {
        /* %e is used if the exponent is below -4 or at least the precision
         * (6 when the precision is the shortest); trailing zeros are dropped. */
        int eprec = prec;
        if (eprec > d->nd && d->nd >= d->dp)
            eprec = d->nd;
        if (shortest)
            eprec = 6;
        int exp = d->dp - 1;
        if (exp < -4 || exp >= eprec) {
            if (prec > d->nd)
                prec = d->nd;
            fmt_e(b, neg, d, prec - 1, (char)(fmt + 'e' - 'g'));
            return;
        }
        if (prec > d->dp)
            prec = d->nd;
        fmt_f(b, neg, d, prec - d->dp > 0 ? prec - d->dp : 0);
        return;
    }
    default:
        hc_buf_addc(b, '%');
        hc_buf_addc(b, fmt);
        return;
    }
}

/*
 * The digits for an explicit precision: the exact value rounded to prec+1 (%e),
 * prec (%g, where 0 means 1) or dp+prec (%f) digits.  Go takes Ryū's fixed path
 * up to 18 digits and its multiprecision decimal beyond (and always for %f);
 * both round the exact value half to even, so either route gives Go's digits.
 */
static void fixed_digits(struct hc_gofmt_digits *digs, uint64_t mant, int exp, char fmt, int *prec)
{
    long nd = -1;
    switch (fmt) {
    case 'e':
    case 'E':
        nd = (long)*prec + 1;
        break;
    case 'g':
    case 'G':
        if (*prec == 0)
            *prec = 1;
        nd = *prec;
        break;
    case 'f':
        if (mant != 0) {
            /* Below 10^-prec/10 every printed digit is 0 whatever the digits are. */
            int top = 64 - __builtin_clzll(mant) + exp; /* value < 2^top */
            long dp_max = (long)hc_gofmt_log10_pow2(top) + 1;
            if (dp_max + *prec < 0) {
                digs->nd = digs->dp = 0;
                return;
            }
        }
        break;
    default:
        nd = 1; /* an unknown verb prints "%c" anyway */
        break;
    }
    if (nd >= 1 && nd <= 18) {
        hc_gofmt_ryu_fixed(digs->d, &digs->nd, &digs->dp, mant, exp, (int)nd);
        return;
    }
    hc_gofmt_decimal_exact(digs, mant, exp);
    if (fmt == 'f')
        nd = (long)digs->dp + *prec;
    /* Positions past the last digit change nothing. */
    if (nd < HC_GOFMT_MAX_DIGITS)
        hc_gofmt_decimal_round(digs, (int)nd);
}

/* Go's genericFtoa after the bit size is known. */
static void generic_ftoa(struct hc_buf *b, uint64_t bits, const struct float_info *flt, char fmt,
                         int prec)
{
    bool neg = (bits >> (flt->expbits + flt->mantbits)) != 0;
    int exp = (int)(bits >> flt->mantbits) & ((1 << flt->expbits) - 1);
    uint64_t mant = bits & (((uint64_t)1 << flt->mantbits) - 1);

    if (exp == (1 << flt->expbits) - 1) {
        hc_buf_adds(b, mant != 0 ? "NaN" : neg ? "-Inf" : "+Inf");
        return;
    }
    if (exp == 0)
        exp++; /* subnormal */
    else
        mant |= (uint64_t)1 << flt->mantbits;
    exp += flt->bias;

    if (fmt == 'b') {
        fmt_b(b, neg, mant, exp, flt);
        return;
    }
    if (fmt == 'x' || fmt == 'X') {
        fmt_x(b, prec, fmt, neg, mant, exp, flt);
        return;
    }

    struct hc_gofmt_digits digs;
    bool shortest = prec < 0;
    if (shortest) {
        hc_gofmt_ryu_shortest(digs.d, &digs.nd, &digs.dp, mant, exp - (int)flt->mantbits,
                              flt == &float32info);
        switch (fmt) {
        case 'e':
        case 'E':
            prec = digs.nd > 1 ? digs.nd - 1 : 0;
            break;
        case 'f':
            prec = digs.nd > digs.dp ? digs.nd - digs.dp : 0;
            break;
        case 'g':
        case 'G':
            prec = digs.nd;
            break;
        default:
            break;
        }
    } else {
        fixed_digits(&digs, mant, exp - (int)flt->mantbits, fmt, &prec);
    }
    format_digits(b, shortest, neg, &digs, prec, fmt);
}

void hc_gofmt_float(struct hc_buf *b, double f, char fmt, int prec)
{
    uint64_t bits;
    memcpy(&bits, &f, sizeof bits);
    generic_ftoa(b, bits, &float64info, fmt, prec);
}

void hc_gofmt_float32(struct hc_buf *b, float f, char fmt, int prec)
{
    uint32_t bits;
    memcpy(&bits, &f, sizeof bits);
    generic_ftoa(b, bits, &float32info, fmt, prec);
}

void hc_gofmt_float_v(struct hc_buf *b, double f)
{
    /* fmt's %v is strconv's shortest %g: +Inf, -Inf and NaN print as strconv does. */
    hc_gofmt_float(b, f, 'g', -1);
}
