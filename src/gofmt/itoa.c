/*
 * itoa.c - strconv.FormatInt and FormatUint in bases 2 to 36.
 *
 * Mirrors strconv/itoa.go (formatBits): digits are 0-9 then lower-case a-z,
 * a negative number is '-' and the digits of its magnitude (so the most
 * negative int64 works), and zero is "0".
 *
 * Invariant: at most 65 bytes are appended (64 binary digits and a sign).
 */
#include "gofmt/gofmt.h"

#include <assert.h>

static const char digits36[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* Go's formatBits.  A base outside 2..36 is a caller bug (Go panics); base 10 is used. */
static void format_bits(struct hc_buf *b, uint64_t u, int base, bool neg)
{
    assert(base >= 2 && base <= 36);
    if (base < 2 || base > 36)
        base = 10;
    char tmp[65];
    int i = (int)sizeof tmp;
    unsigned ub = (unsigned)base;
    if ((ub & (ub - 1)) == 0) {
        /* A power of two: shift and mask. */
        unsigned shift = (unsigned)__builtin_ctz(ub);
        uint64_t mask = ub - 1;
        do {
            tmp[--i] = digits36[u & mask];
            u >>= shift;
        } while (u > 0);
    } else {
        do {
            tmp[--i] = digits36[u % ub];
            u /= ub;
        } while (u > 0);
    }
    if (neg)
        tmp[--i] = '-';
    hc_buf_add(b, tmp + i, sizeof tmp - (size_t)i);
}

void hc_gofmt_int(struct hc_buf *b, int64_t i, int base)
{
    /* The magnitude in unsigned arithmetic, so INT64_MIN needs no special case. */
    uint64_t u = (uint64_t)i;
    if (i < 0)
        u = -u;
    format_bits(b, u, base, i < 0);
}

void hc_gofmt_uint(struct hc_buf *b, uint64_t u, int base)
{
    format_bits(b, u, base, false);
}
