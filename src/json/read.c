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
#include "json/utf8.h"

/*
 * Significant digits handed to strtod at most.  A value halfway between two
 * doubles has at most 767 of them, so cutting the digits here and putting a
 * non-zero digit after the cut whenever a non-zero digit was dropped rounds
 * exactly as the full text would (Go's ParseFloat keeps 800 as well).
 */
#define MAX_FLOAT_DIGITS 800

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
    uint32_t u;
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

/*
 * The string whose opening quote is at r->p, unquoted into the arena (NUL-terminated).
 * Strings without escapes or bad UTF-8 are copied directly; the rest go
 * through the scratch buffer.
 */
static hc_status read_string(struct reader *r, const char **out, size_t *outlen)
{
    const unsigned char *start = ++r->p;
    const unsigned char *p = start, *end = r->end;
    for (;;) {
        if (p == end)
            break;
        unsigned c = *p;
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            p++;
            continue;
        }
        if (c >= 0x80) {
            size_t n = json_utf8_len(p, end);
            if (n) {
                p += n;
                continue;
            }
        }
        break;
    }
    r->p = p;
    const char *src = (const char *)start;
    size_t len = (size_t)(p - start);
    if (p == end || *p != '"') {
        /* the slow path: escapes, invalid UTF-8, or an error to report */
        len = 0;
        hc_status rc = tmp_add(r, &len, start, (size_t)(p - start));
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
            } else if (c < 0x80) {
                rc = tmp_add(r, &len, r->p++, 1);
            } else {
                size_t n = json_utf8_len(r->p, end);
                rc = n ? tmp_add(r, &len, r->p, n) : tmp_add(r, &len, "\xEF\xBF\xBD", 3);
                r->p += n ? n : 1;
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

/* ---- numbers ---- */

static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/*
 * strconv.ParseFloat(s, 64) for a literal the grammar has accepted: the
 * correctly rounded double in *out, false when it overflows (Go's ErrRange).
 * Underflow gives a (signed) zero without error, as in Go.
 *
 * Small cases are exact in double arithmetic (a mantissa below 2^53 times an
 * exactly representable power of ten is one correctly rounded operation).
 * The rest go to strtod, which glibc and the BSDs round correctly; it gets
 * only digits and an exponent, no decimal point, so the C locale's radix
 * character never matters.
 */
static bool parse_float(const char *s, size_t n, double *out)
{
    const char *p = s, *end = s + n;
    bool neg = *p == '-';
    if (neg)
        p++;
    char digits[MAX_FLOAT_DIGITS + 2];
    size_t nd = 0;          /* significant digits seen (leading zeros skipped) */
    size_t kept = 0;        /* of which in digits[] */
    bool dropped = false;   /* a non-zero digit did not fit */
    uint64_t mant = 0;      /* the first 19 significant digits */
    int64_t frac = 0;       /* digits after the point */
    bool in_frac = false;
    for (; p < end && (is_digit(*p) || *p == '.'); p++) {
        if (*p == '.') {
            in_frac = true;
            continue;
        }
        if (in_frac)
            frac++;
        if (nd == 0 && *p == '0')
            continue;
        if (nd < 19)
            mant = mant * 10 + (uint64_t)(*p - '0');
        if (kept < MAX_FLOAT_DIGITS)
            digits[kept++] = *p;
        else if (*p != '0')
            dropped = true;
        nd++;
    }
    int64_t exp = 0;
    if (p < end) { /* e or E */
        p++;
        bool eneg = *p == '-';
        if (*p == '-' || *p == '+')
            p++;
        for (; p < end; p++)
            if (exp < INT64_C(100000000000000000)) /* past 10^17 the result is 0 or Inf anyway */
                exp = exp * 10 + (*p - '0');
        if (eneg)
            exp = -exp;
    }
    /* value = digits (as an integer of nd digits) * 10^e10 */
    int64_t e10 = exp - frac;
    if (nd == 0) {
        *out = neg ? -0.0 : 0.0;
        return true;
    }
    if ((int64_t)nd + e10 > 310) /* at least 10^309 */
        return false;
    if ((int64_t)nd + e10 < -330) { /* below 10^-330: rounds to zero */
        *out = neg ? -0.0 : 0.0;
        return true;
    }
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
    if (nd <= 19 && mant <= (UINT64_C(1) << 53) && e10 >= -22 && e10 <= 22) {
        double d = (double)mant;
        d = e10 < 0 ? d / pow10_exact[-e10] : d * pow10_exact[e10];
        *out = neg ? -d : d;
        return true;
    }
#else
    (void)pow10_exact;
#endif
    /* strtod on "<digits>e<exponent>"; the exponent counts the digits cut off */
    char text[MAX_FLOAT_DIGITS + 32];
    memcpy(text, digits, kept);
    size_t len = kept;
    if (dropped)
        text[len++] = '1';
    int64_t e = e10 + (int64_t)nd - (int64_t)len;
    snprintf(text + len, sizeof text - len, "e%lld", (long long)e);
    double d = strtod(text, NULL);
    if (isinf(d))
        return false;
    *out = neg ? -d : d;
    return true;
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
    const char *key;
    size_t klen;
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
        const char *s;
        size_t n;
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
        return hc_error_set(err, HC_ERR_INVALID, "json: cannot unmarshal %s into Go value of type %s",
                            mismatch, want == HC_GT_MAP ? "map[string]interface {}"
                                                        : "[]interface {}");
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
