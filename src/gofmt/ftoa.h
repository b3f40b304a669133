/*
 * ftoa.h - what the float formatting files share inside src/gofmt/ (not public).
 *
 * A float is formatted in two steps, as strconv does: find decimal digits
 * (shortest in ftoaryu.c, exact and rounded in decimal.c), then lay them out
 * (ftoa.c).  Digits travel in a struct hc_gofmt_digits, strconv's decimalSlice:
 * value = 0.d[0]d[1]...d[nd-1] * 10^dp, with no trailing zeros in d, and nd == 0
 * (dp == 0) for zero.
 */
#ifndef HC_GOFMT_FTOA_H
#define HC_GOFMT_FTOA_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Enough for every digit of a double: the longest exact expansion, of the
 * largest subnormal, has 767 significant digits (Go's decimal keeps 800).
 */
#define HC_GOFMT_MAX_DIGITS 800

struct hc_gofmt_digits {
    char d[HC_GOFMT_MAX_DIGITS];
    int nd; /* digits used */
    int dp; /* decimal point position */
};

/*
 * Shortest digits that read back as mant * 2^exp (mant < 2^53, or < 2^24 when
 * is32), the closest of them to the exact value, ties to even.  At most 17
 * digits are written to d (which must hold 32).  Mirrors ryuFtoaShortest.
 */
void hc_gofmt_ryu_shortest(char *d, int *nd, int *dp, uint64_t mant, int exp, bool is32);

/*
 * prec (1..18) digits of mant * 2^exp (mant < 2^53), the exact value rounded
 * half to even, into d (which must hold 32).  Mirrors ryuFtoaFixed64.
 */
void hc_gofmt_ryu_fixed(char *d, int *nd, int *dp, uint64_t mant, int exp, int prec);

/* floor(x * log10(2)) for |x| <= 1600. */
int hc_gofmt_log10_pow2(int x);

/* The exact decimal expansion of mant * 2^exp (mant < 2^64). Mirrors decimal.Assign+Shift. */
void hc_gofmt_decimal_exact(struct hc_gofmt_digits *a, uint64_t mant, int exp);

/*
 * Rounds to nd digits, half to even (the expansion is exact); nothing happens
 * when nd < 0 or nd >= a->nd.  Mirrors decimal.Round.
 */
void hc_gofmt_decimal_round(struct hc_gofmt_digits *a, int nd);

#endif
