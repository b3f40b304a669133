/*
 * goconv.c - Go's strconv, time, encoding/csv and filepath, as far as helm's flags use them.
 *
 * Mirrors strconv/atoi.go (ParseInt, ParseUint, underscoreOK), strconv/atob.go, the syntax
 * check of strconv/atof.go (readFloat, special; the rounding itself is strtof's, which is
 * correctly rounded like Go's), strconv.CanBackquote, time/format.go (ParseDuration and
 * Duration.String), encoding/csv/reader.go (one record, with Go's line/column positions in
 * errors) and writer.go, and path/filepath.Join and Clean for Unix; Quote, QuoteRune and
 * FormatFloat are src/gofmt's.  Nothing here consults the C locale: helmc never calls
 * setlocale, so strtof reads '.' as Go does.
 */
#include "cli/goconv.h"

#include "base/alloc.h"
#include "gofmt/gofmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool hc_strlist_push(struct hc_arena *a, struct hc_strlist *l, const char *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        const char **v = hc_arena_realloc(a, l->v, l->cap * sizeof *v, cap * sizeof *v);
        if (!v)
            return false;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = s;
    return true;
}

/* ---- strconv: integers and booleans ---- */

/* Go's lower(c): a lower-case letter iff c is that letter in either case. */
static unsigned char lower(unsigned char c)
{
    return c | ('x' - 'X');
}

bool hc_cli_parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"1", "t", "T", "TRUE", "true", "True"};
    static const char *const no[] = {"0", "f", "F", "FALSE", "false", "False"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcmp(s, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcmp(s, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}

/* underscoreOK: underscores only between digits, or between a base prefix and a digit. */
static bool underscore_ok(const char *s, size_t n)
{
    char saw = '^';
    size_t i = 0;
    if (n >= 1 && (s[0] == '-' || s[0] == '+')) {
        s++;
        n--;
    }
    bool hex = false;
    if (n >= 2 && s[0] == '0' &&
        (lower((unsigned char)s[1]) == 'b' || lower((unsigned char)s[1]) == 'o' ||
         lower((unsigned char)s[1]) == 'x')) {
        i = 2;
        saw = '0';
        hex = lower((unsigned char)s[1]) == 'x';
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
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

enum hc_numerr hc_cli_parse_uint(const char *s, int base, int bits, uint64_t *out)
{
    *out = 0;
    if (*s == '\0')
        return HC_NUM_SYNTAX;
    bool base0 = base == 0;
    const char *s0 = s;
    size_t n = strlen(s);
    if (base0) {
        base = 10;
        if (s[0] == '0') {
            if (n >= 3 && lower((unsigned char)s[1]) == 'b') {
                base = 2;
                s += 2;
            } else if (n >= 3 && lower((unsigned char)s[1]) == 'o') {
                base = 8;
                s += 2;
            } else if (n >= 3 && lower((unsigned char)s[1]) == 'x') {
                base = 16;
                s += 2;
            } else {
                base = 8;
                s += 1;
            }
        }
    }
    uint64_t cutoff = UINT64_MAX / (uint64_t)base + 1;
    uint64_t max = bits >= 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;
    bool underscores = false;
    uint64_t v = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s, d;
        if (c == '_' && base0) {
            underscores = true;
            continue;
        } else if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if (lower(c) >= 'a' && lower(c) <= 'z') {
            d = lower(c) - 'a' + 10;
        } else {
            return HC_NUM_SYNTAX;
        }
        if (d >= base)
            return HC_NUM_SYNTAX;
        if (v >= cutoff) {
            *out = max;
            return HC_NUM_RANGE;
        }
        v *= (uint64_t)base;
        uint64_t v1 = v + d;
        if (v1 < v || v1 > max) {
            *out = max;
            return HC_NUM_RANGE;
        }
        v = v1;
    }
    if (underscores && !underscore_ok(s0, strlen(s0)))
        return HC_NUM_SYNTAX;
    *out = v;
    return HC_NUM_OK;
}

enum hc_numerr hc_cli_parse_int(const char *s, int base, int bits, int64_t *out)
{
    *out = 0;
    if (*s == '\0')
        return HC_NUM_SYNTAX;
    bool neg = false;
    if (*s == '+') {
        s++;
    } else if (*s == '-') {
        neg = true;
        s++;
    }
    uint64_t un;
    enum hc_numerr e = hc_cli_parse_uint(s, base, bits, &un);
    if (e == HC_NUM_SYNTAX)
        return e;
    uint64_t cutoff = (uint64_t)1 << (bits - 1);
    if (!neg && un >= cutoff) {
        *out = (int64_t)(cutoff - 1);
        return HC_NUM_RANGE;
    }
    if (neg && un > cutoff) {
        *out = cutoff == ((uint64_t)1 << 63) ? INT64_MIN : -(int64_t)cutoff;
        return HC_NUM_RANGE;
    }
    /* un <= 2^63 here; the one value that does not fit int64 is INT64_MIN itself */
    *out = neg ? (un == ((uint64_t)1 << 63) ? INT64_MIN : -(int64_t)un) : (int64_t)un;
    return HC_NUM_OK;
}

void hc_cli_numerr(struct hc_buf *b, const char *fn, const char *s, enum hc_numerr e)
{
    hc_buf_printf(b, "strconv.%s: parsing ", fn);
    hc_cli_quote(b, s);
    hc_buf_adds(b, e == HC_NUM_RANGE ? ": value out of range" : ": invalid syntax");
}

/* ---- strconv: float32 ---- */

static size_t common_prefix_fold(const char *s, const char *prefix)
{
    size_t i = 0;
    for (; s[i] && prefix[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        if (c != (unsigned char)prefix[i])
            break;
    }
    return i;
}

/* special: [+-]inf, [+-]infinity, nan (any case); returns the length matched or 0. */
static size_t float_special(const char *s, double *v)
{
    double sign = 1;
    size_t nsign = 0;
    if (s[0] == '+' || s[0] == '-') {
        sign = s[0] == '-' ? -1 : 1;
        nsign = 1;
        s++;
    } else if (s[0] == 'n' || s[0] == 'N') {
        if (common_prefix_fold(s, "nan") == 3) {
            *v = NAN;
            return 3;
        }
        return 0;
    }
    if (s[0] != 'i' && s[0] != 'I')
        return 0;
    size_t n = common_prefix_fold(s, "infinity");
    if (n > 3 && n < 8)
        n = 3;
    if (n == 3 || n == 8) {
        *v = sign * INFINITY;
        return nsign + n;
    }
    return 0;
}

/* readFloat's syntax check: the length of the float literal at s, or 0 if malformed. */
static size_t read_float(const char *s)
{
    size_t i = 0, n = strlen(s);
    bool underscores = false, hex = false, sawdot = false, sawdigits = false;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    if (i + 2 < n && s[i] == '0' && lower((unsigned char)s[i + 1]) == 'x') {
        hex = true;
        i += 2;
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '_') {
            underscores = true;
        } else if (c == '.') {
            if (sawdot)
                break;
            sawdot = true;
        } else if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
            sawdigits = true;
        } else {
            break;
        }
    }
    if (!sawdigits)
        return 0;
    if (i < n && lower((unsigned char)s[i]) == (hex ? 'p' : 'e')) {
        i++;
        if (i >= n)
            return 0;
        if (s[i] == '+' || s[i] == '-')
            i++;
        if (i >= n || s[i] < '0' || s[i] > '9')
            return 0;
        for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++)
            if (s[i] == '_')
                underscores = true;
    } else if (hex) {
        return 0; /* a hex mantissa needs a 'p' exponent */
    }
    if (underscores && !underscore_ok(s, i))
        return 0;
    return i;
}

enum hc_numerr hc_cli_parse_float32(const char *s, float *out)
{
    double sv;
    size_t n = strlen(s);
    *out = 0;
    size_t k = float_special(s, &sv);
    if (k) {
        if (k != n)
            return HC_NUM_SYNTAX;
        *out = (float)sv;
        return HC_NUM_OK;
    }
    if (n == 0 || read_float(s) != n)
        return HC_NUM_SYNTAX;
    float f;
    if (!strchr(s, '_')) {
        f = strtof(s, NULL);
    } else { /* strtof knows no digit separators */
        char *clean = hc_malloc(n + 1);
        if (!clean)
            return HC_NUM_SYNTAX;
        size_t j = 0;
        for (size_t i = 0; i < n; i++)
            if (s[i] != '_')
                clean[j++] = s[i];
        clean[j] = '\0';
        f = strtof(clean, NULL);
        hc_free(clean);
    }
    *out = f;
    return isinf(f) ? HC_NUM_RANGE : HC_NUM_OK;
}

/* ---- time ---- */

/* time's own quote(): non-ASCII and control bytes as \x.., unlike strconv.Quote. */
static void time_quote(struct hc_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    hc_buf_addc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || c < ' ') {
            hc_buf_adds(b, "\\x");
            hc_buf_addc(b, hex[c >> 4]);
            hc_buf_addc(b, hex[c & 15]);
        } else {
            if (c == '"' || c == '\\')
                hc_buf_addc(b, '\\');
            hc_buf_addc(b, (char)c);
        }
    }
    hc_buf_addc(b, '"');
}

static bool duration_error(struct hc_buf *msg, const char *what, const char *orig)
{
    hc_buf_adds(msg, what);
    time_quote(msg, orig, strlen(orig));
    return false;
}

bool hc_cli_parse_duration(const char *s, int64_t *out, struct hc_buf *msg)
{
    static const struct {
        const char *name;
        uint64_t ns;
    } units[] = {
        {"ns", 1},
        {"us", 1000},
        {"\xc2\xb5s", 1000}, /* U+00B5 micro sign */
        {"\xce\xbcs", 1000},
        /* U+03BC Greek mu */ {"ms", 1000000},
        {"s", 1000000000},
        {"m", 60000000000},
        {"h", 3600000000000},
    };
    const uint64_t limit = (uint64_t)1 << 63;
    const char *orig = s;
    uint64_t d = 0;
    bool neg = false;
    *out = 0;
    if (*s == '-' || *s == '+') {
        neg = *s == '-';
        s++;
    }
    if (strcmp(s, "0") == 0)
        return true;
    if (*s == '\0')
        return duration_error(msg, "time: invalid duration ", orig);
    while (*s) {
        uint64_t v = 0, f = 0;
        double scale = 1;
        if (!(*s == '.' || (*s >= '0' && *s <= '9')))
            return duration_error(msg, "time: invalid duration ", orig);
        /* leadingInt */
        const char *p = s;
        for (; *s >= '0' && *s <= '9'; s++) {
            if (v > limit / 10)
                return duration_error(msg, "time: invalid duration ", orig);
            v = v * 10 + (uint64_t)(*s - '0');
            if (v > limit)
                return duration_error(msg, "time: invalid duration ", orig);
        }
        bool pre = s != p, post = false;
        if (*s == '.') {
            s++;
            p = s;
            bool overflow = false;
            for (; *s >= '0' && *s <= '9'; s++) { /* leadingFraction */
                if (overflow)
                    continue;
                if (f > (limit - 1) / 10) {
                    overflow = true;
                    continue;
                }
                uint64_t y = f * 10 + (uint64_t)(*s - '0');
                if (y > limit) {
                    overflow = true;
                    continue;
                }
                f = y;
                scale *= 10;
            }
            post = s != p;
        }
        if (!pre && !post)
            return duration_error(msg, "time: invalid duration ", orig);
        size_t ul = 0;
        while (s[ul] && s[ul] != '.' && !(s[ul] >= '0' && s[ul] <= '9'))
            ul++;
        if (ul == 0)
            return duration_error(msg, "time: missing unit in duration ", orig);
        uint64_t unit = 0;
        for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
            if (strlen(units[i].name) == ul && memcmp(units[i].name, s, ul) == 0)
                unit = units[i].ns;
        if (!unit) {
            hc_buf_adds(msg, "time: unknown unit ");
            time_quote(msg, s, ul);
            hc_buf_adds(msg, " in duration ");
            time_quote(msg, orig, strlen(orig));
            return false;
        }
        s += ul;
        if (v > limit / unit)
            return duration_error(msg, "time: invalid duration ", orig);
        v *= unit;
        if (f > 0) {
            v += (uint64_t)((double)f * ((double)unit / scale));
            if (v > limit)
                return duration_error(msg, "time: invalid duration ", orig);
        }
        d += v;
        if (d > limit)
            return duration_error(msg, "time: invalid duration ", orig);
    }
    if (neg) {
        *out = d == limit ? INT64_MIN : -(int64_t)d;
        return true;
    }
    if (d > limit - 1)
        return duration_error(msg, "time: invalid duration ", orig);
    *out = (int64_t)d;
    return true;
}

/* fmtFrac: v/10^prec's fraction without trailing zeros (and no '.' when it is zero). */
static size_t fmt_frac(char *buf, size_t w, uint64_t *v, int prec)
{
    bool print = false;
    for (int i = 0; i < prec; i++) {
        unsigned digit = (unsigned)(*v % 10);
        print = print || digit != 0;
        if (print)
            buf[--w] = (char)('0' + digit);
        *v /= 10;
    }
    if (print)
        buf[--w] = '.';
    return w;
}

static size_t fmt_int(char *buf, size_t w, uint64_t v)
{
    if (v == 0)
        buf[--w] = '0';
    for (; v > 0; v /= 10)
        buf[--w] = (char)('0' + v % 10);
    return w;
}

void hc_cli_format_duration(struct hc_buf *b, int64_t ns)
{
    char buf[32];
    size_t w = sizeof buf;
    bool neg = ns < 0;
    uint64_t u = neg ? (uint64_t)0 - (uint64_t)ns : (uint64_t)ns;
    if (u < 1000000000) {
        int prec = 0;
        buf[--w] = 's';
        if (u == 0) {
            hc_buf_adds(b, "0s");
            return;
        } else if (u < 1000) {
            buf[--w] = 'n';
        } else if (u < 1000000) {
            prec = 3;
            buf[--w] = '\xb5'; /* U+00B5 'µ' */
            buf[--w] = '\xc2';
        } else {
            prec = 6;
            buf[--w] = 'm';
        }
        w = fmt_frac(buf, w, &u, prec);
        w = fmt_int(buf, w, u);
    } else {
        buf[--w] = 's';
        w = fmt_frac(buf, w, &u, 9);
        w = fmt_int(buf, w, u % 60);
        u /= 60;
        if (u > 0) {
            buf[--w] = 'm';
            w = fmt_int(buf, w, u % 60);
            u /= 60;
            if (u > 0) {
                buf[--w] = 'h';
                w = fmt_int(buf, w, u);
            }
        }
    }
    if (neg)
        buf[--w] = '-';
    hc_buf_add(b, buf + w, sizeof buf - w);
}

void hc_cli_format_float32(struct hc_buf *b, float f)
{
    hc_gofmt_float32(b, f, 'g', -1);
}

/* ---- encoding/csv ---- */

struct csv_reader {
    const char *s;
    size_t off, len;
    int num_line;
    struct hc_buf line; /* the current line, "\r\n" folded to "\n" as Go's readLine does */
};

/* readLine: the next line with its '\n'; false (and an empty line) at EOF. */
static bool csv_read_line(struct csv_reader *r, const char **line, size_t *n)
{
    hc_buf_reset(&r->line);
    r->num_line++;
    if (r->off >= r->len) {
        *line = "";
        *n = 0;
        return false;
    }
    const char *p = r->s + r->off;
    const char *nl = memchr(p, '\n', r->len - r->off);
    size_t k = nl ? (size_t)(nl - p) + 1 : r->len - r->off;
    r->off += k;
    if (!nl && p[k - 1] == '\r')
        k--; /* Go drops a trailing \r before EOF */
    if (k >= 2 && p[k - 2] == '\r' && p[k - 1] == '\n') {
        hc_buf_add(&r->line, p, k - 2);
        hc_buf_addc(&r->line, '\n');
    } else {
        hc_buf_add(&r->line, p, k);
    }
    *line = hc_buf_str(&r->line);
    *n = r->line.len;
    return true;
}

static size_t length_nl(const char *line, size_t n)
{
    return n > 0 && line[n - 1] == '\n' ? 1 : 0;
}

static bool csv_error(struct hc_buf *msg, int start_line, int line, size_t col, bool bare)
{
    if (start_line != line)
        hc_buf_printf(msg, "record on line %d; ", start_line);
    hc_buf_printf(msg, "parse error on line %d, column %zu: %s", line, col,
                  bare ? "bare \" in non-quoted-field"
                       : "extraneous or missing \" in quoted-field");
    return false;
}

static bool csv_push_field(struct hc_arena *a, struct hc_strlist *out, struct hc_buf *field)
{
    const char *s = hc_arena_strndup(a, hc_buf_str(field), field->len);
    hc_buf_reset(field);
    return s && hc_strlist_push(a, out, s);
}

/* One quoted field starting after its opening quote; *more says whether a comma followed. */
static bool csv_quoted(struct csv_reader *r, const char **linep, size_t *np, size_t *col,
                       int rec_line, struct hc_buf *field, bool *more, struct hc_buf *msg)
{
    const char *line = *linep;
    size_t n = *np;
    int pos_line = r->num_line;
    *more = false;
    for (;;) {
        const char *q = memchr(line, '"', n);
        if (q) {
            size_t i = (size_t)(q - line);
            hc_buf_add(field, line, i);
            line += i + 1;
            n -= i + 1;
            *col += i + 1;
            if (n > 0 && line[0] == '"') { /* "" is a quote */
                hc_buf_addc(field, '"');
                line++;
                n--;
                (*col)++;
            } else if (n > 0 && line[0] == ',') {
                line++;
                n--;
                (*col)++;
                *more = true;
                break;
            } else if (length_nl(line, n) == n) {
                break;
            } else {
                return csv_error(msg, rec_line, pos_line, *col - 1, false);
            }
        } else if (n > 0) { /* the field goes on on the next line */
            hc_buf_add(field, line, n);
            *col += n;
            csv_read_line(r, &line, &n);
            if (n > 0) {
                pos_line++;
                *col = 1;
            }
        } else {
            return csv_error(msg, rec_line, pos_line, *col, false);
        }
    }
    *linep = line;
    *np = n;
    return true;
}

static bool csv_record(struct hc_arena *a, struct csv_reader *r, struct hc_strlist *out,
                       struct hc_buf *field, struct hc_buf *msg)
{
    const char *line;
    size_t n;
    do { /* skip empty lines */
        if (!csv_read_line(r, &line, &n)) {
            hc_buf_adds(msg, "EOF");
            return false;
        }
    } while (n == length_nl(line, n));
    int rec_line = r->num_line;
    size_t col = 1;
    for (;;) {
        bool more;
        if (n == 0 || line[0] != '"') {
            const char *comma = memchr(line, ',', n);
            size_t flen = comma ? (size_t)(comma - line) : n - length_nl(line, n);
            const char *q = memchr(line, '"', flen);
            if (q)
                return csv_error(msg, rec_line, r->num_line, col + (size_t)(q - line), true);
            hc_buf_add(field, line, flen);
            more = comma != NULL;
            if (more) {
                line += flen + 1;
                n -= flen + 1;
                col += flen + 1;
            }
        } else {
            line++;
            n--;
            col++;
            if (!csv_quoted(r, &line, &n, &col, rec_line, field, &more, msg))
                return false;
        }
        if (!hc_buf_ok(field) || !csv_push_field(a, out, field)) {
            hc_buf_adds(msg, "out of memory");
            return false;
        }
        if (!more)
            return true;
    }
}

bool hc_cli_csv_read(struct hc_arena *a, const char *s, struct hc_strlist *out, struct hc_buf *msg)
{
    struct csv_reader r = {s, 0, strlen(s), 0, HC_BUF_INIT};
    struct hc_buf field = HC_BUF_INIT;
    bool ok = csv_record(a, &r, out, &field, msg);
    hc_buf_release(&field);
    hc_buf_release(&r.line);
    return ok;
}

static bool csv_needs_quotes(const char *f)
{
    if (*f == '\0')
        return false;
    if (strcmp(f, "\\.") == 0)
        return true;
    if (strpbrk(f, "\n\r\",") != NULL)
        return true;
    size_t w;
    return hc_cli_is_space(hc_cli_decode_rune(f, strlen(f), &w));
}

void hc_cli_csv_write(struct hc_buf *b, const char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            hc_buf_addc(b, ',');
        const char *f = fields[i];
        if (!csv_needs_quotes(f)) {
            hc_buf_adds(b, f);
            continue;
        }
        hc_buf_addc(b, '"');
        for (; *f; f++) {
            if (*f == '"')
                hc_buf_addc(b, '"');
            hc_buf_addc(b, *f);
        }
        hc_buf_addc(b, '"');
    }
}

/* ---- strconv quoting ---- */

uint32_t hc_cli_decode_rune(const char *s, size_t n, size_t *width)
{
    const unsigned char *p = (const unsigned char *)s;
    *width = 1;
    if (n == 0)
        return 0xFFFD;
    if (p[0] < 0x80)
        return p[0];
    uint32_t r;
    size_t need;
    uint32_t min;
    if (p[0] >= 0xC2 && p[0] <= 0xDF) {
        need = 2, r = p[0] & 0x1F, min = 0x80;
    } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
        need = 3, r = p[0] & 0x0F, min = 0x800;
    } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
        need = 4, r = p[0] & 0x07, min = 0x10000;
    } else {
        return 0xFFFD;
    }
    if (n < need)
        return 0xFFFD;
    for (size_t i = 1; i < need; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0xFFFD;
        r = r << 6 | (p[i] & 0x3F);
    }
    if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
        return 0xFFFD;
    *width = need;
    return r;
}

bool hc_cli_is_space(uint32_t r)
{
    if (r <= 0xFF)
        return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0;
    return r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x2028 || r == 0x2029 ||
           r == 0x202F || r == 0x205F || r == 0x3000;
}

void hc_cli_trim_space(const char **s, size_t *n, bool left)
{
    size_t start = 0, end = 0, i = 0;
    bool seen = false;
    while (i < *n) {
        size_t w;
        uint32_t r = hc_cli_decode_rune(*s + i, *n - i, &w);
        if (!hc_cli_is_space(r)) {
            if (!seen)
                start = i;
            seen = true;
            end = i + w;
        }
        i += w;
    }
    if (!left)
        start = 0;
    *s += start;
    *n = seen ? end - start : 0;
}

void hc_cli_quote(struct hc_buf *b, const char *s)
{
    hc_gofmt_quote(b, s, strlen(s));
}

void hc_cli_quote_rune(struct hc_buf *b, uint32_t r)
{
    hc_gofmt_quote_rune(b, r > 0x10FFFF ? 0xFFFD : (int32_t)r);
}

bool hc_cli_is_print(uint32_t r)
{
    /* strconv.QuoteRune writes a printable rune as itself and escapes any other */
    if (r == '\'' || r == '\\')
        return true;
    struct hc_buf q = HC_BUF_INIT;
    hc_gofmt_quote_rune(&q, r > 0x10FFFF ? 0xFFFD : (int32_t)r);
    bool print = q.len > 1 && q.data[1] != '\\';
    hc_buf_release(&q);
    return print;
}

void hc_cli_backquote(struct hc_buf *b, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) { /* strconv.CanBackquote */
        size_t w;
        uint32_t r = hc_cli_decode_rune(s + i, n - i, &w);
        if ((r == 0xFFFD && w == 1) || r == '`' || r == 0xFEFF || (r < ' ' && r != '\t') ||
            r == 0x7F) {
            hc_cli_quote(b, s);
            return;
        }
        i += w;
    }
    hc_buf_addc(b, '`');
    hc_buf_adds(b, s);
    hc_buf_addc(b, '`');
}

/* ---- path/filepath ---- */

/* filepath.Clean for '/' separators, in place (the result is never longer). */
static void path_clean(char *path)
{
    size_t n = strlen(path), r = 0, w = 0, dotdot = 0;
    bool rooted = n > 0 && path[0] == '/';
    if (n == 0) {
        path[0] = '.';
        path[1] = '\0';
        return;
    }
    if (rooted) {
        path[w++] = '/';
        r = dotdot = 1;
    }
    while (r < n) {
        if (path[r] == '/' || (path[r] == '.' && (r + 1 == n || path[r + 1] == '/'))) {
            r++; /* empty element or "." */
        } else if (path[r] == '.' && path[r + 1] == '.' && (r + 2 == n || path[r + 2] == '/')) {
            r += 2;
            if (w > dotdot) {
                w--;
                while (w > dotdot && path[w] != '/')
                    w--;
            } else if (!rooted) {
                if (w > 0)
                    path[w++] = '/';
                path[w++] = '.';
                path[w++] = '.';
                dotdot = w;
            }
        } else {
            if ((rooted && w != 1) || (!rooted && w != 0))
                path[w++] = '/';
            for (; r < n && path[r] != '/'; r++)
                path[w++] = path[r];
        }
    }
    if (w == 0)
        path[w++] = '.';
    path[w] = '\0';
}

char *hc_cli_path_join(struct hc_arena *a, const char *const *elems, size_t n)
{
    size_t first = 0;
    while (first < n && elems[first][0] == '\0')
        first++;
    if (first == n)
        return hc_arena_strdup(a, "");
    size_t len = 0;
    for (size_t i = first; i < n; i++)
        len += strlen(elems[i]) + 1;
    char *p = hc_arena_alloc(a, len + 2); /* Clean of "" may write "." */
    if (!p)
        return NULL;
    size_t w = 0;
    for (size_t i = first; i < n; i++) {
        size_t k = strlen(elems[i]);
        if (i > first)
            p[w++] = '/';
        memcpy(p + w, elems[i], k);
        w += k;
    }
    p[w] = '\0';
    path_clean(p);
    return p;
}
