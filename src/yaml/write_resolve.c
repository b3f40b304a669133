/*
 * write_resolve.c - may a string be written as a plain scalar?
 *
 * Mirrors go-yaml's resolve() (resolve.go of v2.4 and v3.0) for untagged
 * plain scalars, together with the parts of Go it relies on: strconv's
 * ParseInt/ParseUint with base 0, ParseFloat's syntax and overflow,
 * time.Parse for the four timestamp layouts go-yaml tries, and the encoder's
 * base-60 float test.  Only the question "does it resolve to !!str" is
 * answered, so nothing is ever converted.  Invariant: every scan stays inside
 * s[0..n) and allocates nothing.
 */
#include "yaml/write_resolve.h"

#include <stdint.h>
#include <string.h>

/* resolve() looks at the first byte for a hint: sign, digit, map word or dot. */
static char hint_of(unsigned char c)
{
    switch (c) {
    case '+':
    case '-':
        return 'S';
    case '.':
        return '.';
    case 'y':
    case 'Y':
    case 'n':
    case 'N':
    case 't':
    case 'T':
    case 'f':
    case 'F':
    case 'o':
    case 'O':
    case '~':
        return 'M';
    default:
        return c >= '0' && c <= '9' ? 'D' : 0;
    }
}

/*
 * The words resolve() finds in its map (v2), which for v3 equal its smaller
 * map plus the YAML 1.1 booleans isOldBool rejects.  The empty string is
 * handled by the caller.  Grouped by length.
 */
/* clang-format off */
static const char *const resolve_words[6][12] = {
    {NULL},
    {"y", "Y", "n", "N", "~", NULL},
    {"on", "On", "ON", "no", "No", "NO", NULL},
    {"yes", "Yes", "YES", "off", "Off", "OFF", NULL},
    {"true", "True", "TRUE", "null", "Null", "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf",
     ".INF"},
    {"false", "False", "FALSE", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", NULL},
};
/* clang-format on */

static bool is_resolve_word(const char *s, size_t n)
{
    if (n == 0 || n > 5)
        return false;
    for (size_t i = 0; i < 12 && resolve_words[n][i]; i++)
        if (memcmp(resolve_words[n][i], s, n) == 0)
            return true;
    return false;
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* ---- the "plain" string: resolve() removes every '_' before parsing numbers ---- */

struct cur {
    const char *p, *end;
};

static int cur_peek(struct cur *c)
{
    while (c->p < c->end && *c->p == '_')
        c->p++;
    return c->p < c->end ? (unsigned char)*c->p : -1;
}

static void cur_skip(struct cur *c)
{
    if (cur_peek(c) >= 0)
        c->p++;
}

/*
 * strconv.ParseUint(plain, base, 64) succeeds; the value goes to *out.  Base 0
 * follows Go's prefixes: 0b, 0o, 0x (only with a digit after them) and a bare
 * leading 0 for octal.
 */
static bool parse_uint(struct cur c, unsigned base, uint64_t *out)
{
    if (cur_peek(&c) < 0)
        return false;
    if (base == 0) {
        base = 10;
        if (cur_peek(&c) == '0') {
            struct cur after1 = c, after2;
            cur_skip(&after1);
            int c1 = cur_peek(&after1) | 0x20;
            after2 = after1;
            cur_skip(&after2);
            if (cur_peek(&after2) >= 0 && (c1 == 'b' || c1 == 'o' || c1 == 'x')) {
                base = c1 == 'b' ? 2 : c1 == 'o' ? 8 : 16;
                c = after2;
            } else {
                base = 8;
                c = after1;
            }
        }
    }
    uint64_t v = 0;
    for (int ch; (ch = cur_peek(&c)) >= 0; cur_skip(&c)) {
        unsigned d;
        if (is_digit(ch))
            d = (unsigned)(ch - '0');
        else if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z')
            d = (unsigned)((ch | 0x20) - 'a' + 10);
        else
            return false;
        if (d >= base || v > (UINT64_MAX - d) / base)
            return false;
        v = v * base + d;
    }
    *out = v;
    return true;
}

/*
 * strconv.ParseInt or ParseUint accepts the plain text: go-yaml then has an
 * int.  ParseInt takes a sign and needs the magnitude within int64;
 * ParseUint takes no sign and any uint64.
 */
static bool parse_any_int(struct cur c, unsigned base)
{
    uint64_t v;
    int ch = cur_peek(&c);
    if (ch != '+' && ch != '-')
        return parse_uint(c, base, &v);
    cur_skip(&c);
    if (!parse_uint(c, base, &v))
        return false;
    return ch == '-' ? v <= (uint64_t)1 << 63 : v < (uint64_t)1 << 63;
}

/* ---- floats ---- */

/*
 * (2^54 - 1) * 2^970: half-way between the largest float64 and 2^1024.  A
 * decimal at or above it rounds to +Inf, which ParseFloat reports as a range
 * error (so go-yaml keeps the text a string).
 */
static const char overflow_digits[] =
    "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017"
    "977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273"
    "854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704"
    "342711559699508093042880177904174497792";

/*
 * Whether a syntactically valid decimal float (sign, digits with at most one
 * dot, optional exponent; '_' ignored) overflows float64.  Decimal point and
 * exponent follow strconv's readFloat, exponent saturating as there.
 */
static bool decimal_overflows(const char *s, size_t n)
{
    size_t i = 0;
    int64_t nd = 0, dp = 0;
    bool sawdot = false;
    const char *first = NULL; /* first significant digit */
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '_')
            continue;
        if (c == '.') {
            sawdot = true;
            dp = nd;
            continue;
        }
        if (!is_digit(c))
            break;
        if (c == '0' && nd == 0) {
            dp--;
            continue;
        }
        if (!first)
            first = s + i;
        nd++;
    }
    if (!sawdot)
        dp = nd;
    if (i < n && (s[i] | 0x20) == 'e') {
        i++;
        int64_t sign = 1, e = 0;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            sign = s[i++] == '-' ? -1 : 1;
        for (; i < n; i++) {
            if (s[i] == '_')
                continue;
            if (!is_digit(s[i]))
                break;
            if (e < 10000)
                e = e * 10 + (s[i] - '0');
        }
        dp += sign * e;
    }
    if (!first)
        return false; /* zero never overflows */
    const int64_t hlen = (int64_t)(sizeof overflow_digits - 1);
    if (dp != hlen)
        return dp > hlen;
    /* Same magnitude: compare the significant digits with the threshold's. */
    size_t k = 0;
    for (const char *p = first; p < s + n; p++) {
        if (*p == '_' || *p == '.')
            continue;
        if (!is_digit(*p))
            break;
        if (k >= (size_t)hlen)
            return true; /* equal so far and longer: at least the threshold */
        if (*p != overflow_digits[k])
            return *p > overflow_digits[k];
        k++;
    }
    /* A proper prefix of the threshold, which has no trailing zeros: below it. */
    return k == (size_t)hlen;
}

/* go-yaml's yamlStyleFloat on the plain string: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
 */
static bool yaml_style_float(struct cur c)
{
    int ch = cur_peek(&c);
    if (ch == '+' || ch == '-') {
        cur_skip(&c);
        ch = cur_peek(&c);
    }
    size_t digits = 0;
    if (ch == '.') {
        cur_skip(&c);
        while (is_digit(cur_peek(&c)))
            cur_skip(&c), digits++;
        if (!digits)
            return false;
    } else {
        while (is_digit(cur_peek(&c)))
            cur_skip(&c), digits++;
        if (!digits)
            return false;
        if (cur_peek(&c) == '.') {
            cur_skip(&c);
            while (is_digit(cur_peek(&c)))
                cur_skip(&c);
        }
    }
    ch = cur_peek(&c);
    if (ch == 'e' || ch == 'E') {
        cur_skip(&c);
        ch = cur_peek(&c);
        if (ch == '+' || ch == '-')
            cur_skip(&c);
        digits = 0;
        while (is_digit(cur_peek(&c)))
            cur_skip(&c), digits++;
        if (!digits)
            return false;
    }
    return cur_peek(&c) < 0;
}

/* strconv's underscoreOK: '_' only between digits (or after a base prefix). */
static bool underscore_ok(const char *s, size_t n)
{
    char saw = '^';
    size_t i = 0;
    if (n >= 1 && (s[0] == '-' || s[0] == '+'))
        s++, n--;
    bool hex = false;
    if (n >= 2 && s[0] == '0' && strchr("bBoOxX", s[1]) && s[1] != '\0') {
        i = 2;
        saw = '0';
        hex = (s[1] | 0x20) == 'x';
    }
    for (; i < n; i++) {
        char c = s[i];
        if (is_digit(c) || (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')) {
            saw = '0';
            continue;
        }
        if (c == '_') {
            if (saw != '0')
                return false;
            saw = '_';
            continue;
        }
        if (saw == '_')
            return false;
        saw = '!';
    }
    return saw != '_';
}

/*
 * strconv.ParseFloat(s, 64) succeeds, for an s that starts with '.' (the only
 * case resolve() hands it the raw text): readFloat's decimal syntax with '_'
 * between digits, all of s consumed, no overflow.
 */
static bool parse_float_dot(const char *s, size_t n)
{
    size_t i = 0;
    bool sawdot = false, sawdigits = false, underscores = false;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '_') {
            underscores = true;
        } else if (c == '.') {
            if (sawdot)
                break;
            sawdot = true;
        } else if (is_digit(c)) {
            sawdigits = true;
        } else {
            break;
        }
    }
    if (!sawdigits)
        return false;
    if (i < n && (s[i] | 0x20) == 'e') {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= n || !is_digit(s[i]))
            return false;
        for (; i < n && (is_digit(s[i]) || s[i] == '_'); i++)
            if (s[i] == '_')
                underscores = true;
    }
    if (underscores && !underscore_ok(s, i))
        return false;
    return i == n && !decimal_overflows(s, n);
}

/* ---- timestamps: time.Parse with go-yaml's four layouts ---- */

/* time's getnum: one or two digits (fixed: exactly two). */
static bool getnum(const char **p, const char *end, bool fixed, int *out)
{
    const char *s = *p;
    if (s >= end || !is_digit(*s))
        return false;
    if (s + 1 >= end || !is_digit(s[1])) {
        if (fixed)
            return false;
        *out = *s - '0';
        *p = s + 1;
        return true;
    }
    *out = (s[0] - '0') * 10 + (s[1] - '0');
    *p = s + 2;
    return true;
}

static bool literal(const char **p, const char *end, char c)
{
    if (*p >= end || **p != c)
        return false;
    (*p)++;
    return true;
}

static int days_in(int month, int year)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
        return 29;
    return days[month - 1];
}

/*
 * One layout: 'T' or 't' for "2006-1-2T15:4:5.999999999Z07:00", ' ' for
 * "2006-1-2 15:4:5.999999999", 0 for "2006-1-2".
 */
static bool parse_time_layout(const char *s, size_t n, char sep)
{
    const char *p = s, *end = s + n;
    int year = 0, month, day, hour, min, sec;
    if (n < 4)
        return false;
    for (int k = 0; k < 4; k++) {
        if (!is_digit(p[k]))
            return false;
        year = year * 10 + (p[k] - '0');
    }
    p += 4;
    if (!literal(&p, end, '-') || !getnum(&p, end, false, &month) || month < 1 || month > 12)
        return false;
    if (!literal(&p, end, '-') || !getnum(&p, end, false, &day))
        return false;
    if (sep) {
        if (sep == ' ') {
            /* A space in the layout matches any run of spaces (time's skip). */
            if (p < end && *p != ' ')
                return false;
            while (p < end && *p == ' ')
                p++;
        } else if (!literal(&p, end, sep)) {
            return false;
        }
        if (!getnum(&p, end, false, &hour) || hour >= 24)
            return false;
        if (!literal(&p, end, ':') || !getnum(&p, end, false, &min) || min >= 60)
            return false;
        if (!literal(&p, end, ':') || !getnum(&p, end, false, &sec) || sec >= 60)
            return false;
        /* Optional fraction: '.' or ',' and any number of digits. */
        if (end - p >= 2 && (*p == '.' || *p == ',') && is_digit(p[1])) {
            p += 2;
            while (p < end && is_digit(*p))
                p++;
        }
        if (sep != ' ') {
            if (p < end && *p == 'Z') {
                p++;
            } else {
                int zh, zm;
                const char *h, *m;
                if (end - p < 6 || p[3] != ':')
                    return false;
                h = p + 1;
                m = p + 4;
                if (!getnum(&h, p + 3, true, &zh) || !getnum(&m, p + 6, true, &zm))
                    return false;
                if (zh > 24 || zm > 60 || (*p != '+' && *p != '-'))
                    return false;
                p += 6;
            }
        }
    }
    if (p != end)
        return false;
    return day >= 1 && day <= days_in(month, year);
}

/* go-yaml's parseTimestamp: the quick YYYY- check, then each layout. */
static bool is_timestamp(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && is_digit(s[i]))
        i++;
    if (i != 4 || i == n || s[i] != '-')
        return false;
    return parse_time_layout(s, n, 'T') || parse_time_layout(s, n, 't') ||
           parse_time_layout(s, n, ' ') || parse_time_layout(s, n, 0);
}

/* ---- base 60: ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$ ---- */

static bool is_base60_float(const char *s, size_t n)
{
    size_t i = 0;
    if (n == 0 || !memchr(s, ':', n))
        return false;
    if (s[i] == '+' || s[i] == '-')
        i++;
    if (i >= n || !is_digit(s[i]))
        return false;
    i++;
    while (i < n && (is_digit(s[i]) || s[i] == '_'))
        i++;
    size_t groups = 0;
    while (i < n && s[i] == ':') {
        i++;
        if (i + 1 < n && s[i] >= '0' && s[i] <= '5' && is_digit(s[i + 1]))
            i += 2;
        else if (i < n && is_digit(s[i]))
            i++;
        else
            return false;
        groups++;
    }
    if (!groups)
        return false;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && (is_digit(s[i]) || s[i] == '_'))
            i++;
    }
    return i == n;
}

/* ---- resolve ---- */

/* The plain string (underscores dropped) starts with "0" and then c. */
static bool plain_prefix(struct cur c, char second, struct cur *rest)
{
    if (cur_peek(&c) != '0')
        return false;
    cur_skip(&c);
    if (cur_peek(&c) != second)
        return false;
    cur_skip(&c);
    *rest = c;
    return true;
}

bool hc_yaml_plain_is_str(const char *s, size_t n, bool v3)
{
    if (n == 0)
        return false; /* resolves to null */
    char hint = hint_of((unsigned char)s[0]);
    if (!hint)
        return true;
    if (hint != 'D' && is_resolve_word(s, n))
        return false;
    switch (hint) {
    case 'M':
        return true;
    case '.':
        return !parse_float_dot(s, n);
    default:
        break;
    }
    if (is_timestamp(s, n))
        return false;
    struct cur plain = {s, s + n}, rest;
    if (parse_any_int(plain, 0))
        return false;
    if (yaml_style_float(plain) && !decimal_overflows(s, n))
        return false;
    if (plain_prefix(plain, 'b', &rest) && parse_any_int(rest, 2))
        return false;
    if (v3 && plain_prefix(plain, 'o', &rest) && parse_any_int(rest, 8))
        return false;
    return !is_base60_float(s, n);
}
