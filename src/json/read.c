/*
 * read.c - JSON text to hc_val, as Go's json.Unmarshal into an interface{}.
 *
 * Mirrors encoding/json's scanner.go (the grammar, and the exact text of each
 * syntax error, including the way the end of input is reported: Go feeds the
 * scanner one last space, so "-" ends in "invalid character ' ' in numeric
 * literal" while "[" ends in "unexpected end of JSON input") and the
 * interface{} half of decode.go (objects become map[string]interface {} with
 * later duplicate keys winning, arrays []interface {}, numbers float64,
 * strings unquoted with invalid UTF-8 and unpaired surrogates as U+FFFD).
 *
 * Go checks the whole text before decoding any of it; this reader does both
 * in one pass.  The results agree because the only error decoding adds (a
 * number out of float64's range) is kept aside and reported only when no
 * syntax error follows it, and because nothing decoded is published before
 * the whole text has been read.
 *
 * Invariant: nesting never uses the C stack.  Open containers live in
 * r->frames (at most HC_JSON_MAX_DEPTH of them); the items and entries they
 * have so far live on the heap stacks r->vals and r->ents, and a container is
 * built in the arena, at its exact size, only when it closes.
 */
#include "json/json.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "json/pow10tab.h"
#include "json/utf8.h"

/* Digits Go's slow float path keeps (strconv's decimal); the rest only set a flag. */
#define MAX_DECIMAL_DIGITS 800

enum frame_kind { IN_ARRAY, IN_OBJECT };

/* An open array or object. */
struct frame {
    enum frame_kind kind;
    size_t base;     /* its first item in r->vals, or first entry in r->ents */
    const char *key; /* IN_OBJECT: the key whose value comes next */
    uint32_t klen;
};

struct reader {
    struct hc_arena *a;
    const unsigned char *p, *end;
    bool skip; /* only check the syntax: build nothing (a value Go would skip) */

    struct frame *frames;
    size_t nframes, capframes;
    hc_val *vals; /* items of the open arrays, innermost last */
    size_t nvals, capvals;
    struct hc_mapent *ents; /* entries of the open objects, innermost last */
    size_t nents, capents;
    char *tmp; /* scratch for unquoting strings with escapes or bad UTF-8 */
    size_t captmp;

    struct hc_error *err;
    struct hc_error range; /* the first number out of float64's range */
};

#define END (-1) /* what peek returns at the end of the input */

/* ---- errors ---- */

/*
 * Go's quoteChar: c as a quoted character literal.  A byte of 0x80 or more is
 * shown as the rune of that number (Go converts the byte with string(c)), so
 * 0xFF prints as 'ÿ' and 0x80 as '\u0080'.
 */
static void quote_char(int c, char out[16])
{
    static const char esc[] = "\a\b\f\n\r\t\v";
    static const char name[] = "abfnrtv";
    const char *e = c > 0 ? strchr(esc, c) : NULL;
    if (c == '\'')
        snprintf(out, 16, "'\\''");
    else if (c == '\\')
        snprintf(out, 16, "'\\\\'");
    else if (e && *e)
        snprintf(out, 16, "'\\%c'", name[e - esc]);
    else if (c < 0x20 || c == 0x7f)
        snprintf(out, 16, "'\\x%02x'", (unsigned)c);
    else if (c < 0x80)
        snprintf(out, 16, "'%c'", c);
    else if (c <= 0xA0 || c == 0xAD) /* C1 controls, NBSP and soft hyphen: not printable */
        snprintf(out, 16, "'\\u%04x'", (unsigned)c);
    else
        snprintf(out, 16, "'%c%c'", (char)(0xC0 | (c >> 6)), (char)(0x80 | (c & 0x3F)));
}

/* scanner.error: "invalid character 'x' <context>". */
static hc_status syntax_error(struct reader *r, int c, const char *context)
{
    char q[16];
    quote_char(c, q);
    return hc_error_set(r->err, HC_ERR_PARSE, "invalid character %s %s", q, context);
}

static hc_status unexpected_end(struct reader *r)
{
    return hc_error_set(r->err, HC_ERR_PARSE, "unexpected end of JSON input");
}

static hc_status nomem(struct reader *r)
{
    return hc_error_nomem(r->err);
}

/* ---- bytes ---- */

/*
 * The next byte, or a space at the end of the input.  Go's scanner.eof feeds
 * one space: inside a literal, a number or an escape that space is the
 * offending character; everywhere else the caller checks for END first.
 */
static int peek_or_space(const struct reader *r)
{
    return r->p < r->end ? *r->p : ' ';
}

static bool is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skips white space; the next byte, or END. */
static int skip_space(struct reader *r)
{
    while (r->p < r->end && is_space(*r->p))
        r->p++;
    return r->p < r->end ? *r->p : END;
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* ---- heap stacks ---- */

/* p grown to hold need elements of size elem (doubling); NULL when impossible (p stays). */
static void *grow_array(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return NULL;
        n *= 2;
    }
    size_t bytes = hc_mul_size(n, elem);
    if (bytes == SIZE_MAX)
        return NULL;
    void *q = hc_realloc(p, bytes);
    if (q)
        *cap = n;
    return q;
}

static hc_status push_val(struct reader *r, hc_val v)
{
    if (r->nvals == r->capvals) {
        hc_val *q = grow_array(r->vals, &r->capvals, r->nvals + 1, sizeof *q);
        if (!q)
            return nomem(r);
        r->vals = q;
    }
    r->vals[r->nvals++] = v;
    return HC_OK;
}

static hc_status push_ent(struct reader *r, const char *key, uint32_t klen, hc_val v)
{
    if (r->nents == r->capents) {
        struct hc_mapent *q = grow_array(r->ents, &r->capents, r->nents + 1, sizeof *q);
        if (!q)
            return nomem(r);
        r->ents = q;
    }
    r->ents[r->nents].key = key;
    r->ents[r->nents].klen = klen;
    r->ents[r->nents].val = v;
    r->nents++;
    return HC_OK;
}

/* Appends n bytes to the scratch buffer at *len. */
static hc_status tmp_add(struct reader *r, size_t *len, const void *s, size_t n)
{
    if (n == 0)
        return HC_OK;
    if (*len + n > r->captmp) {
        char *q = grow_array(r->tmp, &r->captmp, *len + n, 1);
        if (!q)
            return nomem(r);
        r->tmp = q;
    }
    memcpy(r->tmp + *len, s, n);
    *len += n;
    return HC_OK;
}

/* ---- strings ---- */

/* The UTF-8 encoding of rune c (a scalar value) into out; its length. */
static size_t encode_rune(uint32_t c, char out[4])
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/*
 * The four hex digits of a \u escape whose 'u' is at r->p - 1, checked as
 * Go's stateInStringEscU* states do; the code unit in *u.
 */
static hc_status read_hex4(struct reader *r, uint32_t *u)
{
    uint32_t x = 0;
    for (int i = 0; i < 4; i++) {
        int c = peek_or_space(r);
        int h = hex_value(c);
        if (h < 0)
            return syntax_error(r, c, "in \\u hexadecimal character escape");
        x = x * 16 + (uint32_t)h;
        r->p++;
    }
    *u = x;
    return HC_OK;
}

/*
 * Go's getu4 on what follows a surrogate: the code unit of a complete
 * "\uXXXX" at p, or -1.  Only looks; the escape is consumed by the caller.
 */
static long peek_u4(const struct reader *r)
{
    const unsigned char *p = r->p;
    if (r->end - p < 6 || p[0] != '\\' || p[1] != 'u')
        return -1;
    long x = 0;
    for (int i = 2; i < 6; i++) {
        int h = hex_value(p[i]);
        if (h < 0)
            return -1;
        x = x * 16 + h;
    }
    return x;
}

/* One escape after a backslash (r->p at the byte after it), unquoted onto tmp. */
static hc_status read_escape(struct reader *r, size_t *len)
{
    static const char from[] = "bfnrt\\/\"";
    static const char to[] = "\b\f\n\r\t\\/\"";
    int c = peek_or_space(r);
    const char *e = c > 0 ? strchr(from, c) : NULL;
    if (e && *e) {
        r->p++;
        return tmp_add(r, len, &to[e - from], 1);
    }
    if (c != 'u')
        return syntax_error(r, c, "in string escape code");
    r->p++;
    uint32_t u = 0;
    hc_status rc = read_hex4(r, &u);
    if (rc != HC_OK)
        return rc;
    if (u >= 0xD800 && u < 0xE000) {
        /* Go's unquote: pair with a following \u escape if that makes a rune, else U+FFFD */
        long lo = peek_u4(r);
        if (u < 0xDC00 && lo >= 0xDC00 && lo < 0xE000) {
            u = 0x10000 + ((u - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
            r->p += 6;
        } else {
            u = 0xFFFD;
        }
    }
    char buf[4];
    size_t n = encode_rune(u, buf);
    return tmp_add(r, len, buf, n);
}

/* The end of the run at p of bytes a string holds as they are: printable ASCII and valid UTF-8. */
static const unsigned char *scan_plain(const unsigned char *p, const unsigned char *end)
{
    while (p < end) {
        unsigned c = *p;
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            p++;
            continue;
        }
        size_t n = c >= 0x80 ? json_utf8_len(p, end) : 0;
        if (!n)
            break;
        p += n;
    }
    return p;
}

/*
 * The string whose opening quote is at r->p, unquoted into the arena (NUL-terminated).
 * Strings without escapes or bad UTF-8 are copied directly; the rest go
 * through the scratch buffer.
 */
static hc_status read_string(struct reader *r, const char **out, size_t *outlen)
{
    const unsigned char *start = ++r->p, *end = r->end;
    r->p = scan_plain(start, end);
    const char *src = (const char *)start;
    size_t len = (size_t)(r->p - start);
    if (r->p == end || *r->p != '"') {
        /* the slow path: escapes, invalid UTF-8, or an error to report */
        len = 0;
        hc_status rc = tmp_add(r, &len, start, (size_t)(r->p - start));
        while (rc == HC_OK) {
            if (r->p == end)
                return unexpected_end(r);
            unsigned c = *r->p;
            if (c == '"')
                break;
            if (c == '\\') {
                r->p++;
                rc = read_escape(r, &len);
            } else if (c < 0x20) {
                return syntax_error(r, (int)c, "in string literal");
            } else { /* a byte that starts no valid UTF-8 sequence */
                r->p++;
                rc = tmp_add(r, &len, "\xEF\xBF\xBD", 3);
            }
            if (rc == HC_OK) {
                const unsigned char *q = scan_plain(r->p, end);
                rc = tmp_add(r, &len, r->p, (size_t)(q - r->p));
                r->p = q;
            }
        }
        if (rc != HC_OK)
            return rc;
        src = r->tmp;
    }
    r->p++; /* the closing quote */
    if (r->skip) {
        *out = "";
        *outlen = 0;
        return HC_OK;
    }
    if (len > HC_VAL_MAX_LEN)
        return hc_error_set(r->err, HC_ERR_LIMIT, "json: string longer than %lu bytes",
                            (unsigned long)HC_VAL_MAX_LEN);
    char *s = hc_arena_strndup(r->a, src, len);
    if (!s)
        return nomem(r);
    *out = s;
    *outlen = len;
    return HC_OK;
}

/* ---- numbers: strconv.ParseFloat(s, 64), quirks included ---- */

/*
 * Go converts a literal in up to three steps: exact double arithmetic for
 * small cases, then Eisel-Lemire on the first 19 significant digits, and only
 * when both give up, a slow path over a decimal of at most 800 digits.  The
 * first two are correctly rounded.  The slow path is too, except that its
 * decimal point ignores the digits past the 800th (so "1" followed by 800
 * zeros reads as 1e799), so to give Go's results the reader follows the same
 * steps and falls back exactly when Go does.
 */

static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* What Go's readFloat and decimal.set learn from a literal the grammar accepted. */
struct float_text {
    bool neg;
    uint64_t mant; /* the first 19 significant digits */
    bool trunc;    /* a non-zero digit came after them */
    int64_t exp;   /* value = mant * 10^exp, when !trunc */
    /* the slow path's decimal: value = 0.dig * 10^ddp (+ a little when dtrunc) */
    char dig[MAX_DECIMAL_DIGITS];
    size_t dnd;
    bool dtrunc;
    int64_t ddp;
};

static void read_float_text(const char *s, size_t n, struct float_text *t)
{
    const char *p = s, *end = s + n;
    int64_t nd = 0, dp = 0;
    int ndmant = 0;
    bool sawdot = false;
    t->neg = *p == '-';
    if (t->neg)
        p++;
    t->mant = 0;
    t->trunc = t->dtrunc = false;
    t->dnd = 0;
    t->ddp = 0;
    for (; p < end && *p != 'e' && *p != 'E'; p++) {
        if (*p == '.') {
            sawdot = true;
            dp = nd;
            t->ddp = (int64_t)t->dnd; /* Go's quirk: only the digits it kept */
            continue;
        }
        if (*p == '0' && nd == 0) { /* a leading zero */
            dp--;
            t->ddp--;
            continue;
        }
        nd++;
        if (ndmant < 19) {
            t->mant = t->mant * 10 + (uint64_t)(*p - '0');
            ndmant++;
        } else if (*p != '0') {
            t->trunc = true;
        }
        if (t->dnd < MAX_DECIMAL_DIGITS)
            t->dig[t->dnd++] = *p;
        else if (*p != '0')
            t->dtrunc = true;
    }
    if (!sawdot) {
        dp = nd;
        t->ddp = (int64_t)t->dnd;
    }
    if (p < end) { /* the exponent, accumulated as Go does: it stops growing past 10000 */
        p++;
        int64_t sign = *p == '-' ? -1 : 1;
        if (*p == '-' || *p == '+')
            p++;
        int64_t e = 0;
        for (; p < end; p++)
            if (e < 10000)
                e = e * 10 + (*p - '0');
        dp += sign * e;
        t->ddp += sign * e;
    }
    t->exp = t->mant ? dp - ndmant : 0;
}

/* atof64exact: the value in one correctly rounded double operation, when that is possible. */
static bool atof_exact(uint64_t mant, int64_t exp, bool neg, double *out)
{
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
    if (mant >> 52)
        return false;
    double f = (double)mant;
    if (neg)
        f = -f;
    if (exp == 0) {
        *out = f;
        return true;
    }
    if (exp > 0 && exp <= 15 + 22) {
        if (exp > 22) { /* move zeros into the integer while it stays exact */
            f *= pow10_exact[exp - 22];
            exp = 22;
        }
        if (f > 1e15 || f < -1e15)
            return false;
        *out = f * pow10_exact[exp];
        return true;
    }
    if (exp < 0 && exp >= -22) {
        *out = f / pow10_exact[-exp];
        return true;
    }
    return false;
#else
    /* extended-precision evaluation would round twice; the later steps give the same values */
    (void)mant, (void)exp, (void)neg, (void)out, (void)pow10_exact;
    return false;
#endif
}

/* The 128-bit product a * b as hi:lo. */
static void mul64(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
    uint64_t a0 = a & 0xFFFFFFFF, a1 = a >> 32, b0 = b & 0xFFFFFFFF, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (p01 & 0xFFFFFFFF) + (p10 & 0xFFFFFFFF);
    *lo = (mid << 32) | (p00 & 0xFFFFFFFF);
    *hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

/* floor(a / 65536) for any sign (C's / truncates, Go's >> floors). */
static int64_t floor_div65536(int64_t a)
{
    return a >= 0 ? a / 65536 : -((-a + 65535) / 65536);
}

/*
 * The Eisel-Lemire algorithm (Lemire 2020, as Go's strconv runs it): man * 10^exp10
 * correctly rounded to a normal double, or false when the 128-bit
 * approximation cannot decide the rounding or the result is subnormal,
 * infinite or out of the table.
 */
static bool eisel_lemire(uint64_t man, int64_t exp10, bool neg, double *out)
{
    if (man == 0) {
        *out = neg ? -0.0 : 0.0;
        return true;
    }
    if (exp10 < POW10_MIN || exp10 > POW10_MAX)
        return false;
    const uint64_t *pw = pow10tab[exp10 - POW10_MIN];
    int clz = __builtin_clzll(man);
    man <<= clz;
    /* 217706 / 65536 approximates log2(10) */
    uint64_t exp2 = (uint64_t)(floor_div65536(217706 * exp10) + 64 + 1023) - (uint64_t)clz;
    uint64_t xhi, xlo;
    mul64(man, pw[1], &xhi, &xlo);
    if ((xhi & 0x1FF) == 0x1FF && xlo + man < man) {
        /* the low bits are all ones: bring in the table's other 64 bits */
        uint64_t yhi, ylo;
        mul64(man, pw[0], &yhi, &ylo);
        uint64_t mhi = xhi, mlo = xlo + yhi;
        if (mlo < xlo)
            mhi++;
        if ((mhi & 0x1FF) == 0x1FF && mlo + 1 == 0 && ylo + man < man)
            return false;
        xhi = mhi;
        xlo = mlo;
    }
    uint64_t msb = xhi >> 63;
    uint64_t mant = xhi >> (msb + 9); /* 54 bits */
    exp2 -= 1 ^ msb;
    if (xlo == 0 && (xhi & 0x1FF) == 0 && (mant & 3) == 1)
        return false; /* exactly halfway, as far as these bits can tell */
    mant += mant & 1;
    mant >>= 1;
    if (mant >> 53) {
        mant >>= 1;
        exp2++;
    }
    if (exp2 - 1 >= 0x7FF - 1) /* subnormal or infinite: let the slow path decide */
        return false;
    uint64_t bits = exp2 << 52 | (mant & UINT64_C(0x000FFFFFFFFFFFFF));
    if (neg)
        bits |= UINT64_C(1) << 63;
    memcpy(out, &bits, sizeof *out);
    return true;
}

/*
 * decimal.floatBits: the decimal Go's slow path holds, correctly rounded (a
 * dropped non-zero digit counts as a little more, which only matters at an
 * exact half).  strtod does the rounding; it gets digits and an exponent with
 * no decimal point, so the C locale's radix character never matters.
 */
static bool decimal_to_float(const struct float_text *t, double *out)
{
    if (t->dnd == 0 || t->ddp < -330) {
        *out = t->neg ? -0.0 : 0.0;
        return true;
    }
    if (t->ddp > 310)
        return false;
    char text[MAX_DECIMAL_DIGITS + 32];
    memcpy(text, t->dig, t->dnd);
    size_t len = t->dnd;
    if (t->dtrunc)
        text[len++] = '1';
    snprintf(text + len, sizeof text - len, "e%lld", (long long)(t->ddp - (int64_t)len));
    double d = strtod(text, NULL);
    if (isinf(d))
        return false;
    *out = t->neg ? -d : d;
    return true;
}

/*
 * strconv.ParseFloat(s, 64) for a literal the grammar has accepted: the
 * double in *out, or false when it overflows (Go's ErrRange).  Underflow
 * gives a signed zero without error, as in Go.
 */
static bool parse_float(const char *s, size_t n, double *out)
{
    struct float_text t;
    read_float_text(s, n, &t);
    if (!t.trunc && atof_exact(t.mant, t.exp, t.neg, out))
        return true;
    double up;
    if (eisel_lemire(t.mant, t.exp, t.neg, out) &&
        (!t.trunc || (eisel_lemire(t.mant + 1, t.exp, t.neg, &up) && up == *out)))
        return true; /* with digits cut, the bounds agreeing proves the rounding */
    return decimal_to_float(&t, out);
}

/* A number literal at r->p, checked as Go's stateNeg/state0/state1/stateDot/stateE do. */
static hc_status read_number(struct reader *r, hc_val *out)
{
    const unsigned char *start = r->p;
    int c = *r->p;
    if (c == '-') {
        r->p++;
        c = peek_or_space(r);
        if (!is_digit(c))
            return syntax_error(r, c, "in numeric literal");
    }
    r->p++;
    if (c != '0')
        while (r->p < r->end && is_digit(*r->p))
            r->p++;
    if (r->p < r->end && *r->p == '.') {
        r->p++;
        c = peek_or_space(r);
        if (!is_digit(c))
            return syntax_error(r, c, "after decimal point in numeric literal");
        while (r->p < r->end && is_digit(*r->p))
            r->p++;
    }
    if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
        r->p++;
        c = peek_or_space(r);
        if (c == '+' || c == '-') {
            r->p++;
            c = peek_or_space(r);
        }
        if (!is_digit(c))
            return syntax_error(r, c, "in exponent of numeric literal");
        while (r->p < r->end && is_digit(*r->p))
            r->p++;
    }
    if (r->skip) {
        *out = hc_null();
        return HC_OK;
    }
    size_t n = (size_t)(r->p - start);
    double d;
    if (parse_float((const char *)start, n, &d)) {
        *out = hc_float(d);
        return HC_OK;
    }
    /* decode.go's convertNumber: the number becomes nil and the first such error is kept */
    *out = hc_null();
    if (r->range.code == HC_OK)
        hc_error_set(&r->range, HC_ERR_INVALID,
                     "json: cannot unmarshal number %.*s into Go value of type float64",
                     n > INT_MAX ? INT_MAX : (int)n, (const char *)start);
    return HC_OK;
}

/* ---- literals and containers ---- */

/* true, false or null at r->p, checked byte by byte as Go's stateT/stateTr/... do. */
static hc_status read_literal(struct reader *r, const char *word, hc_val v, hc_val *out)
{
    char context[48];
    r->p++;
    for (const char *w = word + 1; *w; w++) {
        int c = peek_or_space(r);
        if (c != *w) {
            snprintf(context, sizeof context, "in literal %s (expecting '%c')", word, *w);
            return syntax_error(r, c, context);
        }
        r->p++;
    }
    *out = v;
    return HC_OK;
}

/* Opens the array or object whose bracket c is at r->p (pushParseState). */
static hc_status open_frame(struct reader *r, int c)
{
    if (r->nframes >= HC_JSON_MAX_DEPTH)
        return syntax_error(r, c, "exceeded max depth");
    if (r->nframes == r->capframes) {
        struct frame *q = grow_array(r->frames, &r->capframes, r->nframes + 1, sizeof *q);
        if (!q)
            return nomem(r);
        r->frames = q;
    }
    struct frame *f = &r->frames[r->nframes++];
    f->kind = c == '[' ? IN_ARRAY : IN_OBJECT;
    f->base = f->kind == IN_ARRAY ? r->nvals : r->nents;
    f->key = NULL;
    f->klen = 0;
    r->p++;
    return HC_OK;
}

/* Closes the innermost container, building it in the arena as *out. */
static hc_status close_frame(struct reader *r, hc_val *out)
{
    struct frame *f = &r->frames[--r->nframes];
    if (f->kind == IN_ARRAY) {
        size_t n = r->nvals - f->base;
        r->nvals = f->base;
        if (r->skip) {
            *out = hc_null();
            return HC_OK;
        }
        if (n > HC_VAL_MAX_LEN)
            return hc_error_set(r->err, HC_ERR_LIMIT, "json: array too long");
        struct hc_list *l = hc_list_new(r->a, n);
        if (!l)
            return nomem(r);
        if (n)
            memcpy(l->items, r->vals + f->base, n * sizeof *l->items);
        l->cap = hc_go_append_cap(0, n, HC_GT_LIST); /* Go's decoder appends each item */
        *out = hc_list_val(l, HC_GT_LIST);
        return HC_OK;
    }
    size_t n = r->nents - f->base;
    r->nents = f->base;
    if (r->skip) {
        *out = hc_null();
        return HC_OK;
    }
    if (n > HC_VAL_MAX_LEN)
        return hc_error_set(r->err, HC_ERR_LIMIT, "json: object too long");
    struct hc_map *m = hc_map_new(r->a, n);
    if (!m)
        return nomem(r);
    if (n)
        memcpy(m->e, r->ents + f->base, n * sizeof *m->e);
    m->len = (uint32_t)n;
    hc_map_finish(m); /* sorts; the later of equal keys wins, as Go's map assignment */
    *out = hc_map_val(m, HC_GT_MAP);
    return HC_OK;
}

/* An object key and its colon (stateBeginString, then stateEndValue in parseObjectKey). */
static hc_status read_key(struct reader *r)
{
    int c = skip_space(r);
    if (c == END)
        return unexpected_end(r);
    if (c != '"')
        return syntax_error(r, c, "looking for beginning of object key string");
    const char *key = NULL;
    size_t klen = 0;
    hc_status rc = read_string(r, &key, &klen);
    if (rc != HC_OK)
        return rc;
    struct frame *f = &r->frames[r->nframes - 1];
    f->key = key;
    f->klen = (uint32_t)klen;
    c = skip_space(r);
    if (c == END)
        return unexpected_end(r);
    if (c != ':')
        return syntax_error(r, c, "after object key");
    r->p++;
    return HC_OK;
}

/*
 * Starts the value at the next non-space byte (stateBeginValue).  A scalar or
 * an empty container is read whole into *out (*done set); any other container
 * is opened, with its first key read, and the caller starts its first value.
 */
static hc_status begin_value(struct reader *r, hc_val *out, bool *done)
{
    int c = skip_space(r);
    *done = true;
    switch (c) {
    case END:
        return unexpected_end(r);
    case '{':
    case '[': {
        hc_status rc = open_frame(r, c);
        if (rc != HC_OK)
            return rc;
        int d = skip_space(r);
        if (d == END)
            return unexpected_end(r);
        if (d == (c == '[' ? ']' : '}')) {
            r->p++;
            return close_frame(r, out);
        }
        *done = false;
        return c == '{' ? read_key(r) : HC_OK;
    }
    case '"': {
        const char *s = NULL;
        size_t n = 0;
        hc_status rc = read_string(r, &s, &n);
        if (rc == HC_OK)
            *out = hc_strn(s, n);
        return rc;
    }
    case 't':
        return read_literal(r, "true", hc_bool(true), out);
    case 'f':
        return read_literal(r, "false", hc_bool(false), out);
    case 'n':
        return read_literal(r, "null", hc_null(), out);
    default:
        if (c == '-' || is_digit(c))
            return read_number(r, out);
        return syntax_error(r, c, "looking for beginning of value");
    }
}

/* The whole text: one value, then only white space. */
static hc_status parse(struct reader *r, hc_val *out)
{
    hc_val v = hc_null();
    bool have = false;
    hc_status rc;
    for (;;) {
        if (!have) {
            rc = begin_value(r, &v, &have);
            if (rc != HC_OK)
                return rc;
            if (!have)
                continue; /* a container opened: read its first value */
        }
        /* v is complete (stateEndValue) */
        int c = skip_space(r);
        if (r->nframes == 0) {
            if (c != END)
                return syntax_error(r, c, "after top-level value");
            *out = v;
            return HC_OK;
        }
        if (c == END)
            return unexpected_end(r);
        struct frame *f = &r->frames[r->nframes - 1];
        if (f->kind == IN_ARRAY) {
            if (c != ',' && c != ']')
                return syntax_error(r, c, "after array element");
            rc = r->skip ? HC_OK : push_val(r, v);
        } else {
            if (c != ',' && c != '}')
                return syntax_error(r, c, "after object key:value pair");
            rc = r->skip ? HC_OK : push_ent(r, f->key, f->klen, v);
        }
        if (rc != HC_OK)
            return rc;
        r->p++;
        if (c == ',') {
            have = false;
            if (f->kind == IN_OBJECT && (rc = read_key(r)) != HC_OK)
                return rc;
        } else {
            rc = close_frame(r, &v);
            if (rc != HC_OK)
                return rc;
        }
    }
}

/* Go's word for a JSON value's kind in UnmarshalTypeError, from its first byte. */
static const char *kind_word(int c)
{
    switch (c) {
    case '{':
        return "object";
    case '[':
        return "array";
    case '"':
        return "string";
    case 't':
    case 'f':
        return "bool";
    case 'n':
        return NULL;
    default:
        return "number";
    }
}

const char *hc_json_kind(hc_val v)
{
    switch (v.kind) {
    case HC_BOOL:
        return "bool";
    case HC_INT:
    case HC_FLOAT:
        return "number";
    case HC_STRING:
        return "string";
    case HC_LIST:
        return "array";
    case HC_MAP:
        return "object";
    default:
        return "null";
    }
}

hc_status hc_json_read_as(struct hc_arena *a, const char *src, size_t len, hc_gotype want,
                          hc_val *out, struct hc_error *err)
{
    struct reader r;
    memset(&r, 0, sizeof r);
    r.a = a;
    r.p = (const unsigned char *)src;
    r.end = r.p + len;
    r.err = err;
    hc_error_init(&r.range);

    /* a top-level kind the target cannot hold: Go checks the syntax, then skips it */
    const char *mismatch = NULL;
    if (want == HC_GT_MAP || want == HC_GT_LIST) {
        int c = skip_space(&r);
        const char *word = c == END ? NULL : kind_word(c);
        if (word && strcmp(word, want == HC_GT_MAP ? "object" : "array") != 0) {
            mismatch = word;
            r.skip = true;
        }
    }

    hc_val v = hc_null();
    hc_status rc = parse(&r, &v);
    hc_free(r.frames);
    hc_free(r.vals);
    hc_free(r.ents);
    hc_free(r.tmp);
    if (rc != HC_OK) {
        hc_error_release(&r.range);
        return rc;
    }
    if (mismatch) {
        const char *type = want == HC_GT_MAP ? "map[string]interface {}" : "[]interface {}";
        return hc_error_set(err, HC_ERR_INVALID,
                            "json: cannot unmarshal %s into Go value of type %s", mismatch, type);
    }
    if (v.kind == HC_NULL && want == HC_GT_MAP)
        v = hc_map_val(NULL, HC_GT_MAP);
    else if (v.kind == HC_NULL && want == HC_GT_LIST)
        v = hc_list_val(NULL, HC_GT_LIST);
    *out = v;
    if (r.range.code != HC_OK) {
        rc = r.range.code;
        hc_error_move(err, &r.range);
    }
    return rc;
}

hc_status hc_json_read(struct hc_arena *a, const char *src, size_t len, hc_val *out,
                       struct hc_error *err)
{
    return hc_json_read_as(a, src, len, HC_GT_NIL, out, err);
}
