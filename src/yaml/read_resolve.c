/*
 * read_resolve.c - what a YAML scalar means: go-yaml v2's resolve() for an
 * interface{} target, and the small pieces of Go's strconv, time, base64,
 * unicode/utf8 and fmt it depends on.
 *
 * Mirrors go-yaml v2 resolve.go (resolve, parseTimestamp) and the scalar
 * branch of decode.go (!!binary, timestamps kept as text), plus what
 * sigs.k8s.io/yaml's JSON round trip does to a scalar: numbers become float64
 * and strings are repaired to valid UTF-8.  Invariant: nothing here consults
 * the C locale.  Numbers are validated by hand; the only libc conversions
 * (strtod, strtof, snprintf) see digit strings with no radix character, or
 * have their output read digit by digit, so the locale cannot change a result.
 */
#include "yaml/read_internal.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "gofmt/gofmt.h"
#include "base/arena.h"

#define LONG_TAG_PREFIX "tag:yaml.org,2002:"

enum ytag hc_yaml_rd_tag_code(const char *tag)
{
    static const struct {
        const char *name;
        enum ytag code;
    } known[] = {
        {"str",       YT_STR      },
        {"int",       YT_INT      },
        {"float",     YT_FLOAT    },
        {"bool",      YT_BOOL     },
        {"null",      YT_NULL     },
        {"timestamp", YT_TIMESTAMP},
        {"binary",    YT_BINARY   },
        {"merge",     YT_MERGE    },
    };
    if (!tag || !*tag)
        return YT_NONE;
    size_t plen = sizeof LONG_TAG_PREFIX - 1;
    if (strncmp(tag, LONG_TAG_PREFIX, plen) != 0)
        return YT_OTHER;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(tag + plen, known[i].name) == 0)
            return known[i].code;
    return YT_OTHER;
}

const char *hc_yaml_rd_tag_short(enum ytag t)
{
    switch (t) {
    case YT_STR:
        return "!!str";
    case YT_INT:
        return "!!int";
    case YT_FLOAT:
        return "!!float";
    case YT_BOOL:
        return "!!bool";
    case YT_NULL:
        return "!!null";
    case YT_TIMESTAMP:
        return "!!timestamp";
    case YT_BINARY:
        return "!!binary";
    case YT_MERGE:
        return "!!merge";
    default:
        return "";
    }
}

/* ---- UTF-8 (unicode/utf8.DecodeRune's notion of valid) ---- */

/* Length of the valid UTF-8 sequence at s[0..n), or 0 when s[0] starts none. */
static size_t utf8_valid_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    unsigned char lo = 0x80, hi = 0xBF;
    size_t need;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        return 0;
    }
    if (n < need || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < need; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return need;
}

const char *hc_yaml_rd_utf8_fix(struct hc_arena *a, const char *s, size_t n, size_t *outlen)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, bad = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = utf8_valid_len(p + i, n - i);
        if (k == 0) {
            bad++;
            k = 1;
        }
        i += k;
    }
    *outlen = n;
    if (bad == 0)
        return s;
    /* each bad byte (1) becomes U+FFFD (3): the copy grows by 2 per bad byte */
    size_t len = hc_add_size(n, hc_mul_size(bad, 2));
    if (len == SIZE_MAX || len > HC_VAL_MAX_LEN)
        return NULL;
    char *out = hc_arena_alloc(a, len + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    i = 0;
    while (i < n) {
        size_t k = p[i] < 0x80 ? 1 : utf8_valid_len(p + i, n - i);
        if (k == 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
            continue;
        }
        memcpy(out + o, s + i, k);
        o += k;
        i += k;
    }
    out[o] = '\0';
    *outlen = o;
    return out;
}

/* ---- integers: strconv.ParseUint / ParseInt with base 0 (no underscores) ---- */

static int digit_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    return 99;
}

static bool parse_uint(const char *s, size_t n, uint64_t *out)
{
    if (n == 0)
        return false;
    unsigned base = 10;
    if (s[0] == '0') {
        char c1 = n >= 3 ? (char)(s[1] | 0x20) : 0;
        if (c1 == 'b' || c1 == 'o' || c1 == 'x') {
            base = c1 == 'b' ? 2 : c1 == 'o' ? 8 : 16;
            s += 2;
            n -= 2;
        } else {
            base = 8;
            s++;
            n--;
        }
    }
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        int d = digit_value((unsigned char)s[i]);
        if (d >= (int)base)
            return false;
        if (v > (UINT64_MAX - (uint64_t)d) / base)
            return false; /* ErrRange */
        v = v * base + (uint64_t)d;
    }
    *out = v;
    return true;
}

static bool parse_int(const char *s, size_t n, int64_t *out)
{
    if (n == 0)
        return false;
    bool neg = false;
    if (s[0] == '+' || s[0] == '-') {
        neg = s[0] == '-';
        s++;
        n--;
    }
    uint64_t u;
    if (!parse_uint(s, n, &u))
        return false;
    if (!neg) {
        if (u > (uint64_t)INT64_MAX)
            return false;
        *out = (int64_t)u;
    } else {
        if (u > (uint64_t)INT64_MAX + 1)
            return false;
        *out = u == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)u;
    }
    return true;
}

/* ---- floats ---- */

/*
 * Converts a decimal number already checked to be well formed ([sign] digits
 * [. digits] [e [sign] digits], underscores allowed and ignored) to the
 * nearest double, as strconv.ParseFloat.  False when the result overflows
 * (ParseFloat's ErrRange); underflow quietly gives zero or a subnormal.
 */
static bool decimal_to_double(const char *s, size_t n, double *out)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    /* significant digits, without leading zeros; dexp: where the point sits */
    char small[64];
    char *dig = small;
    size_t nd = 0, cap = sizeof small;
    long dexp = 0;
    bool seen_point = false;
    for (; i < n && s[i] != 'e' && s[i] != 'E'; i++) {
        char c = s[i];
        if (c == '_')
            continue;
        if (c == '.') {
            seen_point = true;
            continue;
        }
        if (nd == 0 && c == '0') {
            if (seen_point)
                dexp--;
            continue;
        }
        if (nd == cap) {
            size_t ncap = cap * 2;
            char *nb = dig == small ? hc_malloc(ncap) : hc_realloc(dig, ncap);
            if (!nb) {
                if (dig != small)
                    hc_free(dig);
                return false;
            }
            if (dig == small)
                memcpy(nb, small, nd);
            dig = nb;
            cap = ncap;
        }
        dig[nd++] = c;
        if (!seen_point)
            dexp++;
    }
    long e = 0;
    if (i < n) {
        i++;
        bool eneg = false;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        for (; i < n; i++) {
            if (s[i] == '_')
                continue;
            if (e < 100000)
                e = e * 10 + (s[i] - '0');
        }
        if (eneg)
            e = -e;
    }
    /* drop trailing zeros: they change nothing but the digit count */
    while (nd > 0 && dig[nd - 1] == '0')
        nd--;
    double v;
    bool ok = true;
    if (nd == 0) {
        v = 0.0;
    } else {
        long e10 = dexp + e - (long)nd; /* value = digits * 10^e10 */
        if (nd <= 15 && e10 >= -22 && e10 <= 22) {
            /* Clinger's fast path: both operands exact, one rounding */
            uint64_t m = 0;
            for (size_t k = 0; k < nd; k++)
                m = m * 10 + (uint64_t)(dig[k] - '0');
            v = (double)m;
            v = e10 < 0 ? v / pow10[-e10] : v * pow10[e10];
        } else if (dexp + e > 400) {
            ok = false; /* at least 10^399: overflows */
            v = 0;
        } else if (dexp + e < -400) {
            v = 0.0; /* below 10^-400: rounds to zero */
        } else {
            /* "DIGITSe<exp>" has no radix character, so strtod reads it the same in any locale */
            char *buf = hc_malloc(nd + 32);
            if (!buf) {
                ok = false;
                v = 0;
            } else {
                memcpy(buf, dig, nd);
                snprintf(buf + nd, 32, "e%ld", e10);
                errno = 0;
                v = strtod(buf, NULL);
                if (errno == ERANGE && isinf(v))
                    ok = false;
                hc_free(buf);
            }
        }
    }
    if (dig != small)
        hc_free(dig);
    *out = neg ? -v : v;
    return ok;
}

/* go-yaml's yamlStyleFloat: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ */
static bool yaml_style_float(const char *s, size_t n)
{
    size_t i = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    size_t d0 = i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == d0) {
        if (i >= n || s[i] != '.')
            return false;
        i++;
        size_t f0 = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == f0)
            return false;
    } else if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t e0 = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == e0)
            return false;
    }
    return i == n;
}

/*
 * strconv.ParseFloat's syntax check for text starting with '.', the only
 * text go-yaml hands to ParseFloat unvalidated: '.' digits [e [sign] digits],
 * with underscores allowed only between digits (strconv's underscoreOK).
 */
static bool dot_float_syntax(const char *s, size_t n)
{
    size_t i = 1;
    bool digits = false;
    char saw = '!'; /* the '.' is a non-digit; '0' digit, '_' underscore */
    for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++) {
        if (s[i] == '_') {
            if (saw != '0')
                return false;
            saw = '_';
        } else {
            saw = '0';
            digits = true;
        }
    }
    if (!digits)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        if (saw == '_')
            return false;
        saw = '!';
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= n || s[i] < '0' || s[i] > '9')
            return false;
        for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++) {
            if (s[i] == '_') {
                if (saw != '0')
                    return false;
                saw = '_';
            } else {
                saw = '0';
            }
        }
    }
    return i == n && saw != '_';
}

/* ---- timestamps: parseTimestamp with Go's time.Parse for its four layouts ---- */

/* time.Parse's getnum(s, false): one or two digits. */
static bool getnum(const char **p, const char *end, int *out)
{
    const char *s = *p;
    if (s >= end || *s < '0' || *s > '9')
        return false;
    int v = *s++ - '0';
    if (s < end && *s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    *p = s;
    *out = v;
    return true;
}

static bool is_leap(int y)
{
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int days_in(int month, int year)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : d[month - 1];
}

/*
 * One of go-yaml's layouts: "2006-1-2" then, when sep is not 0, sep
 * "15:4:5.999999999" and, when zone, "Z07:00".  sep ' ' matches a run of
 * spaces, as time.Parse's skip does.
 */
static bool parse_layout(const char *s, const char *end, char sep, bool zone)
{
    int year = 0, month, day, hour, min, sec;
    if (end - s < 4)
        return false;
    for (int i = 0; i < 4; i++)
        year = year * 10 + (s[i] - '0'); /* the caller saw four digits */
    s += 4;
    if (s >= end || *s++ != '-' || !getnum(&s, end, &month) || month < 1 || month > 12)
        return false;
    if (s >= end || *s++ != '-' || !getnum(&s, end, &day))
        return false;
    if (sep) {
        if (sep == ' ') {
            if (s >= end || *s != ' ')
                return false;
            while (s < end && *s == ' ')
                s++;
        } else if (s >= end || *s++ != sep) {
            return false;
        }
        if (!getnum(&s, end, &hour) || hour > 23)
            return false;
        if (s >= end || *s++ != ':' || !getnum(&s, end, &min) || min > 59)
            return false;
        if (s >= end || *s++ != ':' || !getnum(&s, end, &sec) || sec > 59)
            return false;
        /* fractional seconds: optional, any number of digits, '.' or ',' */
        if (end - s >= 2 && (*s == '.' || *s == ',') && s[1] >= '0' && s[1] <= '9') {
            s++;
            while (s < end && *s >= '0' && *s <= '9')
                s++;
        }
        if (zone) {
            if (s < end && *s == 'Z') {
                s++;
            } else {
                if (end - s < 6 || s[3] != ':')
                    return false;
                for (int i = 1; i < 6; i++)
                    if (i != 3 && (s[i] < '0' || s[i] > '9'))
                        return false;
                int hr = (s[1] - '0') * 10 + (s[2] - '0');
                int mm = (s[4] - '0') * 10 + (s[5] - '0');
                if (hr > 24 || mm > 60 || (s[0] != '+' && s[0] != '-'))
                    return false;
                s += 6;
            }
        }
    }
    if (s != end)
        return false; /* extra text */
    return day >= 1 && day <= days_in(month, year);
}

static bool parse_timestamp(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i != 4 || i == n || s[i] != '-')
        return false;
    const char *end = s + n;
    return parse_layout(s, end, 'T', true) || parse_layout(s, end, 't', true) ||
           parse_layout(s, end, ' ', false) || parse_layout(s, end, 0, false);
}

/* ---- base64.StdEncoding.DecodeString ---- */

static int b64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

/* Decodes into out (room for n bytes); false on any input Go rejects. */
static bool b64_decode(const char *s, size_t n, char *out, size_t *outlen)
{
    size_t si = 0, o = 0;
    for (;;) {
        int q[4];
        int j;
        size_t dlen = 4;
        bool end = false;
        for (j = 0; j < 4; j++) {
            if (si == n) {
                if (j == 0) {
                    *outlen = o;
                    return true;
                }
                return false; /* a quantum cut short: padding was required */
            }
            unsigned char c = (unsigned char)s[si++];
            int v = b64_value(c);
            if (v >= 0) {
                q[j] = v;
                continue;
            }
            if (c == '\n' || c == '\r') {
                j--;
                continue;
            }
            if (c != '=' || j < 2)
                return false;
            if (j == 2) { /* "==" expected: the second '=' may follow newlines */
                while (si < n && (s[si] == '\n' || s[si] == '\r'))
                    si++;
                if (si == n || s[si] != '=')
                    return false;
                si++;
            }
            while (si < n && (s[si] == '\n' || s[si] == '\r'))
                si++;
            if (si < n)
                return false; /* data after the padding */
            dlen = (size_t)j;
            end = true;
            break;
        }
        uint32_t bits = 0;
        for (size_t k = 0; k < 4; k++)
            bits = bits << 6 | (uint32_t)(k < dlen ? q[k] : 0);
        out[o++] = (char)(bits >> 16);
        if (dlen >= 3)
            out[o++] = (char)(bits >> 8 & 0xFF);
        if (dlen == 4)
            out[o++] = (char)(bits & 0xFF);
        if (end) {
            *outlen = o;
            return true;
        }
    }
}

/* ---- resolve ---- */

/* go-yaml's resolveMap: the words that mean a bool, null or special float. */
static bool resolve_word(const char *s, size_t n, struct ynode *r)
{
    static const struct {
        const char *w;
        uint8_t len;
        uint8_t kind; /* YR_BOOL (b), YR_NULL, YR_FLOAT (f) */
        int8_t b;     /* bool value, or float: 0 NaN, 1 +Inf, -1 -Inf */
    } words[] = {
        {"y",     1, YR_BOOL,  1 },
        {"Y",     1, YR_BOOL,  1 },
        {"yes",   3, YR_BOOL,  1 },
        {"Yes",   3, YR_BOOL,  1 },
        {"YES",   3, YR_BOOL,  1 },
        {"true",  4, YR_BOOL,  1 },
        {"True",  4, YR_BOOL,  1 },
        {"TRUE",  4, YR_BOOL,  1 },
        {"on",    2, YR_BOOL,  1 },
        {"On",    2, YR_BOOL,  1 },
        {"ON",    2, YR_BOOL,  1 },
        {"n",     1, YR_BOOL,  0 },
        {"N",     1, YR_BOOL,  0 },
        {"no",    2, YR_BOOL,  0 },
        {"No",    2, YR_BOOL,  0 },
        {"NO",    2, YR_BOOL,  0 },
        {"false", 5, YR_BOOL,  0 },
        {"False", 5, YR_BOOL,  0 },
        {"FALSE", 5, YR_BOOL,  0 },
        {"off",   3, YR_BOOL,  0 },
        {"Off",   3, YR_BOOL,  0 },
        {"OFF",   3, YR_BOOL,  0 },
        {"",      0, YR_NULL,  0 },
        {"~",     1, YR_NULL,  0 },
        {"null",  4, YR_NULL,  0 },
        {"Null",  4, YR_NULL,  0 },
        {"NULL",  4, YR_NULL,  0 },
        {".nan",  4, YR_FLOAT, 0 },
        {".NaN",  4, YR_FLOAT, 0 },
        {".NAN",  4, YR_FLOAT, 0 },
        {".inf",  4, YR_FLOAT, 1 },
        {".Inf",  4, YR_FLOAT, 1 },
        {".INF",  4, YR_FLOAT, 1 },
        {"+.inf", 5, YR_FLOAT, 1 },
        {"+.Inf", 5, YR_FLOAT, 1 },
        {"+.INF", 5, YR_FLOAT, 1 },
        {"-.inf", 5, YR_FLOAT, -1},
        {"-.Inf", 5, YR_FLOAT, -1},
        {"-.INF", 5, YR_FLOAT, -1},
    };
    if (n > 5)
        return false;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (words[i].len != n || (n && words[i].w[0] != s[0]) || memcmp(words[i].w, s, n) != 0)
            continue;
        r->res = words[i].kind;
        if (words[i].kind == YR_BOOL)
            r->u.b = words[i].b != 0;
        else if (words[i].kind == YR_FLOAT)
            r->u.f = words[i].b == 0 ? NAN : words[i].b > 0 ? INFINITY : -INFINITY;
        return true;
    }
    return false;
}

/* The tag a resolved kind stands for. */
static enum ytag res_tag(const struct ynode *r)
{
    switch (r->res) {
    case YR_NULL:
        return YT_NULL;
    case YR_BOOL:
        return YT_BOOL;
    case YR_INT:
    case YR_UINT:
        return YT_INT;
    case YR_FLOAT:
        return YT_FLOAT;
    default:
        return r->flags & YF_TIMESTAMP ? YT_TIMESTAMP : YT_STR;
    }
}

/* resolve() proper: the implicit type of text s (r->res and r->u). */
static hc_status resolve_text(const char *s, size_t n, enum ytag tag, struct ynode *r)
{
    r->res = YR_STR;
    char hint = 'N';
    if (n > 0) {
        unsigned char c = (unsigned char)s[0];
        if (c == '+' || c == '-')
            hint = 'S';
        else if (c >= '0' && c <= '9')
            hint = 'D';
        else if (c != 0 && strchr("yYnNtTfFoO~", c))
            hint = 'M';
        else if (c == '.')
            hint = '.';
        else
            hint = 0;
    }
    if (hint == 0 || tag == YT_STR)
        return HC_OK;
    if (resolve_word(s, n, r))
        return HC_OK;
    if (hint == '.') {
        double f;
        if (dot_float_syntax(s, n) && decimal_to_double(s, n, &f)) {
            r->res = YR_FLOAT;
            r->u.f = f;
        }
        return HC_OK;
    }
    if (hint == 'M')
        return HC_OK;
    /* 'D' and 'S': a timestamp, an int or a float */
    if ((tag == YT_NONE || tag == YT_TIMESTAMP) && parse_timestamp(s, n)) {
        r->flags |= YF_TIMESTAMP;
        return HC_OK;
    }
    char small[64] = ""; /* initialised only to quiet gcc's -Wmaybe-uninitialized at -O2 */
    char *plain = n < sizeof small ? small : hc_malloc(n + 1);
    if (!plain)
        return HC_ERR_NOMEM;
    size_t pn = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '_')
            plain[pn++] = s[i];
    int64_t iv;
    uint64_t uv;
    double f;
    if (parse_int(plain, pn, &iv)) {
        r->res = YR_INT;
        r->u.i = iv;
    } else if (parse_uint(plain, pn, &uv)) {
        r->res = YR_UINT;
        r->u.u = uv;
    } else if (yaml_style_float(plain, pn) && decimal_to_double(plain, pn, &f)) {
        r->res = YR_FLOAT;
        r->u.f = f;
    }
    /*
     * go-yaml then retries "0b..." and "-0b..." in base 2; ParseInt with base 0
     * already accepted every such text that base 2 would, so nothing is left.
     */
    if (plain != small)
        hc_free(plain);
    return HC_OK;
}

/* The string value of r: text repaired for JSON. */
static hc_status set_string(struct hc_arena *a, struct ynode *r, const char *s, size_t n)
{
    size_t len;
    const char *fixed = hc_yaml_rd_utf8_fix(a, s, n, &len);
    if (!fixed)
        return HC_ERR_NOMEM;
    r->res = YR_STR;
    r->u.str.s = fixed;
    r->u.str.len = (uint32_t)len;
    return HC_OK;
}

hc_status hc_yaml_rd_resolve(struct hc_arena *a, struct ynode *n)
{
    enum ytag tag = (enum ytag)n->tag;
    const char *s = n->text;
    size_t len = n->len;
    if (tag == YT_NONE && !(n->flags & YF_IMPLICIT))
        return set_string(a, n, s, len); /* quoted or block scalar */
    if (tag == YT_BINARY) {
        char *buf = hc_arena_alloc(a, len + 1);
        size_t blen;
        if (!buf)
            return HC_ERR_NOMEM;
        if (!b64_decode(s, len, buf, &blen)) {
            n->res = YR_ERR_B64;
            return HC_OK;
        }
        /* from here on the node's text is the data, as go-yaml's value is */
        n->text = buf;
        n->len = (uint32_t)blen;
        return set_string(a, n, buf, blen);
    }
    if (tag != YT_NONE && tag != YT_STR && tag != YT_INT && tag != YT_FLOAT && tag != YT_BOOL &&
        tag != YT_NULL && tag != YT_TIMESTAMP)
        return set_string(a, n, s, len); /* a tag go-yaml cannot resolve: kept as text */
    hc_status rc = resolve_text(s, len, tag, n);
    if (rc != HC_OK)
        return rc;
    enum ytag rtag = res_tag(n);
    if (tag != YT_NONE && tag != YT_STR && tag != rtag) {
        if (tag == YT_FLOAT && n->res == YR_INT) {
            n->res = YR_FLOAT;
            n->u.f = (double)n->u.i;
        } else {
            n->res = YR_ERR_TAG;
            n->rtag = (uint8_t)rtag;
            return HC_OK;
        }
    }
    if (n->res == YR_STR)
        return set_string(a, n, s, len);
    return HC_OK;
}

/* ---- float formatting ---- */

size_t hc_yaml_rd_float_key(double f, char buf[32])
{
    const char *special = NULL;
    /* float32(f) rounds to nearest; from FLT_MAX + half an ulp on it is infinite */
    const double inf_from = 0x1p128 - 0x1p103;
    if (isnan(f))
        special = ".nan";
    else if (f >= inf_from)
        special = ".inf";
    else if (f <= -inf_from)
        special = "-.inf";
    if (special) {
        strcpy(buf, special);
        return strlen(special);
    }
    double g;
    if (f > FLT_MAX)
        g = FLT_MAX;
    else if (f < -FLT_MAX)
        g = -FLT_MAX;
    else
        g = (double)(float)f;
    struct hc_buf out = HC_BUF_INIT;
    hc_gofmt_float32(&out, (float)g, 'g', -1);
    size_t n = out.len < 31 ? out.len : 31;
    memcpy(buf, hc_buf_str(&out), n);
    buf[n] = '\0';
    hc_buf_release(&out);
    return n;
}
