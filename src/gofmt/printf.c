/*
 * printf.c - Go's fmt (Sprintf, Sprint, Sprintln) over hc_val, and
 * text/template's printValue.
 *
 * Mirrors fmt/print.go (the printer: format parsing, argument indexes, the
 * walk over values, the %!verb(...) error forms) and fmt/format.go (the
 * formatter: padding, integers, strings, hex, quoting, floats) of Go 1.25,
 * function for function: do_printf, print_arg, print_value, handle_methods,
 * bad_verb, fmt_integer, fmt_float, ... are Go's doPrintf, printArg,
 * printValue, handleMethods, badVerb, fmtInteger, fmtFloat.  strconv's work
 * (float digits, quoting) comes from gofmt.h.
 *
 * How hc_val maps to Go: HC_NULL and HC_MISSING are a nil interface{}; lists
 * of gotype HC_GT_LIST and maps of HC_GT_MAP hold interface{} elements (a nil
 * element prints <nil>), the typed ones ([]string, []int, map[string]string)
 * hold concrete ones; HC_GT_BYTES ([]uint8) may be a string-kind or a
 * list-kind value; HC_GT_UINT8 is the one unsigned integer type.
 *
 * Invariant: every byte goes to the caller's hc_buf, whose sticky error and
 * ceiling bound the output; the walk stops as soon as the buffer fails or the
 * nesting passes MAX_PRINT_DEPTH, so a map containing itself costs neither
 * stack nor time.  The flags of struct pp are cleared for every verb, as
 * Go's clearflags does, and are restored by whoever changes them temporarily.
 */
#include "gofmt/printf.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/alloc.h"
#include "gofmt/gofmt.h"

/* Go's tooLarge: a width or precision beyond this is refused (BADWIDTH, or NOVERB if written). */
#define MAX_FMT_NUM 1000000
/*
 * Nesting of lists, maps and struct fields.  Go is bounded only by its 1 GB
 * stack; ours is sized for the C stack: a level costs three frames, about
 * 2 KB in a clang ASan build, so 1000 levels stay within 2 MB.  Values from
 * YAML and JSON nest far less; only a map holding itself reaches it.
 */
#define MAX_PRINT_DEPTH 1000

#define RUNE_ERROR 0xFFFD
#define MAX_RUNE   0x10FFFF

/* Go's ldigits and udigits: the 17th byte is the x of a 0x prefix. */
static const char ldigits[] = "0123456789abcdefx";
static const char udigits[] = "0123456789ABCDEFX";

/* Go's fmtFlags. */
struct fmt_flags {
    bool wid_present, prec_present;
    bool minus, plus, sharp, space, zero;
    bool plus_v, sharp_v; /* %+v and %#v: set instead of plus and sharp */
};

/* Go's pp and fmt in one. */
struct pp {
    struct hc_buf *buf;
    struct fmt_flags f;
    long wid, prec;    /* within +-1e7 (parsenum and int_from_arg cap them) */
    bool erroring;     /* printing a bad verb's operand: no String methods */
    bool reordered;    /* the format used an argument index */
    bool good_arg_num; /* the last argument index was valid */
    uint32_t nest;     /* containers being printed */
    hc_status status;  /* HC_ERR_LIMIT once nesting overflowed */
};

static void print_arg(struct pp *p, hc_val arg, int32_t verb);
static void print_value(struct pp *p, hc_val v, int32_t verb, int depth);

/* ---- appending: hc_buf_add with the common case (room already there) inline ---- */

static inline bool room(struct hc_buf *b, size_t n)
{
    if (!b->failed && b->len + n < b->cap && (!b->limit || b->len + n <= b->limit))
        return true;
    return hc_buf_grow(b, n);
}

static inline void put(struct hc_buf *b, const char *s, size_t n)
{
    if (n == 0 || !room(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static inline void put_c(struct hc_buf *b, char c)
{
    if (!room(b, 1))
        return;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

static inline void put_s(struct hc_buf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* ---- UTF-8, as Go's unicode/utf8 ---- */

/* utf8.DecodeRuneInString: the rune at s and its width; RuneError and width 1 if invalid. */
static int32_t decode_rune(const char *str, size_t n, size_t *width)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[0];
    *width = 1;
    if (c < 0x80)
        return (int32_t)c;
    size_t need;
    uint32_t r;
    unsigned lo = 0x80, hi = 0xBF; /* the range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        r = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        r = c & 0x0F;
        lo = c == 0xE0 ? 0xA0 : lo;
        hi = c == 0xED ? 0x9F : hi; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        r = c & 0x07;
        lo = c == 0xF0 ? 0x90 : lo;
        hi = c == 0xF4 ? 0x8F : hi; /* nothing past U+10FFFF */
    } else {
        return RUNE_ERROR;
    }
    if (n <= need)
        return RUNE_ERROR;
    for (size_t i = 1; i <= need; i++) {
        unsigned d = s[i];
        if (i == 1 ? d < lo || d > hi : d < 0x80 || d > 0xBF)
            return RUNE_ERROR;
        r = r << 6 | (d & 0x3F);
    }
    *width = need + 1;
    return (int32_t)r;
}

/* utf8.RuneCountInString: every invalid byte counts as one rune. */
static size_t rune_count(const char *s, size_t n)
{
    size_t count = 0, i = 0;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
        } else {
            size_t w;
            decode_rune(s + i, n - i, &w);
            i += w;
        }
        count++;
    }
    return count;
}

/* utf8.EncodeRune: invalid runes (surrogates, beyond U+10FFFF) become U+FFFD. */
static size_t encode_rune(int64_t r, char out[4])
{
    if (r < 0 || r > MAX_RUNE || (r >= 0xD800 && r <= 0xDFFF))
        r = RUNE_ERROR;
    uint32_t u = (uint32_t)r;
    if (u < 0x80) {
        out[0] = (char)u;
        return 1;
    }
    if (u < 0x800) {
        out[0] = (char)(0xC0 | u >> 6);
        out[1] = (char)(0x80 | (u & 0x3F));
        return 2;
    }
    if (u < 0x10000) {
        out[0] = (char)(0xE0 | u >> 12);
        out[1] = (char)(0x80 | ((u >> 6) & 0x3F));
        out[2] = (char)(0x80 | (u & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | u >> 18);
    out[1] = (char)(0x80 | ((u >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((u >> 6) & 0x3F));
    out[3] = (char)(0x80 | (u & 0x3F));
    return 4;
}

static void write_rune(struct pp *p, int32_t r)
{
    char tmp[4];
    put(p->buf, tmp, encode_rune(r, tmp));
}

/*
 * strconv.IsPrint, asked of strconv.QuoteRune: a printable rune is quoted as
 * itself.  The answer needs a scratch buffer; if that fails, so does out.
 */
static bool is_print(int32_t r, struct hc_buf *out)
{
    if (r < 0 || r > MAX_RUNE || (r >= 0xD800 && r <= 0xDFFF))
        return false; /* QuoteRune would show these as U+FFFD */
    if (r == '\'' || r == '\\')
        return true;
    char enc[4];
    size_t n = encode_rune(r, enc);
    struct hc_buf q = HC_BUF_INIT;
    hc_gofmt_quote_rune(&q, r);
    if (q.failed)
        out->failed = true;
    bool same = !q.failed && q.len == n + 2 && memcmp(q.data + 1, enc, n) == 0;
    hc_buf_release(&q);
    return same;
}

/* strconv.CanBackquote: no control characters but tab, no backquote, valid UTF-8, no BOM. */
static bool can_backquote(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t w;
        int32_t r = decode_rune(s + i, n - i, &w);
        i += w;
        if (w > 1) {
            if (r == 0xFEFF)
                return false;
            continue;
        }
        if (r == RUNE_ERROR)
            return false;
        if ((r < ' ' && r != '\t') || r == '`' || r == 0x7F)
            return false;
    }
    return true;
}

/*
 * strconv.AppendQuoteRuneToASCII, from QuoteToASCII of the rune as a string:
 * the two differ only in which quote character is escaped.
 */
static void quote_rune_ascii(struct hc_buf *b, int32_t r)
{
    if (r == '\'') {
        put_s(b, "'\\''");
        return;
    }
    if (r == '"') {
        put_s(b, "'\"'");
        return;
    }
    char enc[4];
    size_t n = encode_rune(r, enc);
    size_t start = b->len;
    hc_gofmt_quote_ascii(b, enc, n);
    if (b->failed || b->len < start + 2)
        return;
    b->data[start] = '\'';
    b->data[b->len - 1] = '\'';
}

/* ---- the formatter (format.go) ---- */

static bool stopped(const struct pp *p)
{
    return p->status != HC_OK || p->buf->failed;
}

static void clear_flags(struct pp *p)
{
    memset(&p->f, 0, sizeof p->f);
    p->wid = p->prec = 0;
}

/* n copies of c inserted at byte offset at of the buffer. */
static void insert_bytes(struct hc_buf *b, size_t at, char c, size_t n)
{
    if (n == 0 || !hc_buf_grow(b, n))
        return;
    memmove(b->data + at + n, b->data + at, b->len - at);
    memset(b->data + at, c, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static char pad_byte(const struct pp *p)
{
    return p->f.zero && !p->f.minus ? '0' : ' '; /* zero padding only to the left */
}

/* writePadding. */
static void write_padding(struct pp *p, long n)
{
    if (n > 0)
        hc_buf_addn(p->buf, pad_byte(p), (size_t)n);
}

/* pad and padString: s padded to the width, on the left unless '-'. */
static void pad(struct pp *p, const char *s, size_t n)
{
    if (!p->f.wid_present || p->wid == 0) {
        put(p->buf, s, n);
        return;
    }
    size_t runes = rune_count(s, n);
    long width = runes >= (size_t)p->wid ? 0 : p->wid - (long)runes;
    if (!p->f.minus) {
        write_padding(p, width);
        put(p->buf, s, n);
    } else {
        put(p->buf, s, n);
        write_padding(p, width);
    }
}

/* pad for text already appended at start (Go pads a temporary; we pad in place). */
static void pad_from(struct pp *p, size_t start)
{
    struct hc_buf *b = p->buf;
    if (!p->f.wid_present || p->wid == 0 || b->failed)
        return;
    size_t runes = rune_count(b->data + start, b->len - start);
    if (runes >= (size_t)p->wid)
        return;
    size_t n = (size_t)p->wid - runes;
    if (p->f.minus)
        hc_buf_addn(b, ' ', n);
    else
        insert_bytes(b, start, pad_byte(p), n);
}

/* fmtBoolean. */
static void fmt_boolean(struct pp *p, bool v)
{
    if (v)
        pad(p, "true", 4);
    else
        pad(p, "false", 5);
}

/* fmtUnicode: "U+0078", "U+0078 'x'" with '#'. */
static void fmt_unicode(struct pp *p, uint64_t u)
{
    long prec = 4;
    if (p->f.prec_present && p->prec > 4)
        prec = p->prec;
    char hex[16];
    size_t i = sizeof hex;
    uint64_t x = u;
    do {
        hex[--i] = udigits[x & 0xF];
        x >>= 4;
    } while (x);
    size_t ndig = sizeof hex - i;
    struct hc_buf *b = p->buf;
    size_t start = b->len;
    put(b, "U+", 2);
    if ((long)ndig < prec)
        hc_buf_addn(b, '0', (size_t)prec - ndig);
    put(b, hex + i, ndig);
    if (p->f.sharp && u <= MAX_RUNE && is_print((int32_t)u, p->buf)) {
        put(b, " '", 2);
        write_rune(p, (int32_t)u);
        put_c(b, '\'');
    }
    bool zero = p->f.zero;
    p->f.zero = false;
    pad_from(p, start);
    p->f.zero = zero;
}

/* fmtInteger: u in base with sign, precision or zero padding, and 0x/0b/0/0o prefixes. */
static void fmt_integer(struct pp *p, uint64_t u, int base, bool is_signed, int32_t verb,
                        const char *digits)
{
    bool negative = is_signed && (int64_t)u < 0;
    if (negative)
        u = 0 - u;
    /* Two ways to ask for leading zeros, %.3d and %03d; a precision wins (with spaces). */
    long prec = 0;
    if (p->f.prec_present) {
        prec = p->prec;
        if (prec == 0 && u == 0) { /* precision 0 and value 0 print only the padding */
            bool zero = p->f.zero;
            p->f.zero = false;
            write_padding(p, p->wid);
            p->f.zero = zero;
            return;
        }
    } else if (p->f.zero && !p->f.minus && p->f.wid_present) {
        prec = p->wid;
        if (negative || p->f.plus || p->f.space)
            prec--; /* room for the sign */
    }
    char tmp[64];
    size_t i = sizeof tmp;
    if (base == 10) {
        while (u >= 10) {
            tmp[--i] = (char)('0' + u % 10);
            u /= 10;
        }
        tmp[--i] = (char)('0' + u);
    } else {
        unsigned shift = base == 16 ? 4 : base == 8 ? 3 : 1;
        do {
            tmp[--i] = digits[u & ((uint64_t)base - 1)];
            u >>= shift;
        } while (u);
    }
    size_t ndig = sizeof tmp - i;
    size_t zeros = prec > (long)ndig ? (size_t)prec - ndig : 0;
    char pre[6];
    size_t np = 0;
    if (negative)
        pre[np++] = '-';
    else if (p->f.plus)
        pre[np++] = '+';
    else if (p->f.space)
        pre[np++] = ' ';
    if (verb == 'O') {
        pre[np++] = '0';
        pre[np++] = 'o';
    }
    if (p->f.sharp) {
        if (base == 2) {
            pre[np++] = '0';
            pre[np++] = 'b';
        } else if (base == 8 && !zeros && tmp[i] != '0') {
            pre[np++] = '0';
        } else if (base == 16) {
            pre[np++] = '0';
            pre[np++] = digits[16];
        }
    }
    struct hc_buf *b = p->buf;
    size_t start = b->len;
    if (!room(b, np + zeros + ndig))
        return;
    char *out = b->data + b->len;
    memcpy(out, pre, np);
    memset(out + np, '0', zeros);
    memcpy(out + np + zeros, tmp + i, ndig);
    b->len += np + zeros + ndig;
    b->data[b->len] = '\0';
    /* Zero padding was done above as precision, or is off because a precision was given. */
    bool zero = p->f.zero;
    p->f.zero = false;
    pad_from(p, start);
    p->f.zero = zero;
}

/* truncate: the first prec runes of s, when a precision is present. */
static size_t truncate(const struct pp *p, const char *s, size_t n)
{
    if (!p->f.prec_present)
        return n;
    long left = p->prec;
    size_t i = 0;
    while (i < n) {
        if (left-- <= 0)
            return i;
        size_t w;
        decode_rune(s + i, n - i, &w);
        i += w;
    }
    return n;
}

/* fmtS. */
static void fmt_s(struct pp *p, const char *s, size_t n)
{
    pad(p, s, truncate(p, s, n));
}

/* Byte i of a []byte held as a string (s) or as a list of uint8 (l). */
static unsigned char byte_at(const char *s, const struct hc_list *l, size_t i)
{
    return s ? (unsigned char)s[i] : (unsigned char)l->items[i].u.i;
}

/* fmtSbx: hex of the bytes of a string or byte slice, "% x" and "%#x" as Go spaces and prefixes
 * them. */
static void fmt_sbx(struct pp *p, const char *s, const struct hc_list *l, size_t n,
                    const char *digits)
{
    size_t length = n;
    if (p->f.prec_present && (size_t)p->prec < length)
        length = (size_t)p->prec;
    size_t width = 2 * length;
    if (width == 0) {
        if (p->f.wid_present)
            write_padding(p, p->wid);
        return;
    }
    if (p->f.space) {
        if (p->f.sharp)
            width *= 2; /* each byte gets a 0x */
        width += length - 1;
    } else if (p->f.sharp) {
        width += 2;
    }
    bool padded = p->f.wid_present && (size_t)p->wid > width;
    if (padded && !p->f.minus)
        write_padding(p, p->wid - (long)width);
    struct hc_buf *b = p->buf;
    if (!hc_buf_grow(b, width))
        return;
    char *out = b->data + b->len;
    if (p->f.sharp) {
        *out++ = '0';
        *out++ = digits[16];
    }
    for (size_t i = 0; i < length; i++) {
        if (p->f.space && i > 0) {
            *out++ = ' ';
            if (p->f.sharp) {
                *out++ = '0';
                *out++ = digits[16];
            }
        }
        unsigned char c = byte_at(s, l, i);
        *out++ = digits[c >> 4];
        *out++ = digits[c & 0xF];
    }
    b->len += width;
    b->data[b->len] = '\0';
    if (padded && p->f.minus)
        write_padding(p, p->wid - (long)width);
}

/* fmtQ: a Go string literal; `raw` with '#' when it can be; ASCII only with '+'. */
static void fmt_q(struct pp *p, const char *s, size_t n)
{
    n = truncate(p, s, n);
    struct hc_buf *b = p->buf;
    size_t start = b->len;
    if (p->f.sharp && can_backquote(s, n)) {
        put_c(b, '`');
        put(b, s, n);
        put_c(b, '`');
    } else if (p->f.plus) {
        hc_gofmt_quote_ascii(b, s, n);
    } else {
        hc_gofmt_quote(b, s, n);
    }
    pad_from(p, start);
}

/* The rune fmtC and fmtQc print for an integer: U+FFFD beyond the Unicode range. */
static int32_t rune_of(uint64_t c)
{
    if (c > MAX_RUNE || (c >= 0xD800 && c <= 0xDFFF))
        return RUNE_ERROR;
    return (int32_t)c;
}

/* fmtC. */
static void fmt_c(struct pp *p, uint64_t c)
{
    char tmp[4];
    pad(p, tmp, encode_rune(rune_of(c), tmp));
}

/* fmtQc: a Go rune literal. */
static void fmt_qc(struct pp *p, uint64_t c)
{
    struct hc_buf *b = p->buf;
    size_t start = b->len;
    if (p->f.plus)
        quote_rune_ascii(b, rune_of(c));
    else
        hc_gofmt_quote_rune(b, rune_of(c));
    pad_from(p, start);
}

/*
 * Makes the number appended at start begin with sign (or with no sign when
 * sign is 0); has_sign says whether strconv wrote one.
 */
static void set_sign(struct hc_buf *b, size_t start, bool has_sign, char sign)
{
    if (b->failed)
        return;
    if (has_sign && sign) {
        b->data[start] = sign;
    } else if (has_sign) {
        memmove(b->data + start, b->data + start + 1, b->len - start - 1);
        b->len--;
        b->data[b->len] = '\0';
    } else if (sign) {
        insert_bytes(b, start, sign, 1);
    }
}

/*
 * The '#' flag on floats: a decimal point always, and trailing zeros kept up
 * to the precision for %g %G %x (6 for shortest).  body is the offset of the
 * number after its sign.
 */
static void sharp_float(struct pp *p, size_t body, int32_t verb, int prec)
{
    struct hc_buf *b = p->buf;
    long digits = 0;
    if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x')
        digits = prec == -1 ? 6 : prec;
    char tail[8]; /* "e+123" or "p-1074" */
    size_t ntail = 0;
    bool has_point = false, saw_nonzero = false;
    for (size_t i = body; i < b->len; i++) {
        char c = b->data[i];
        if (c == '.') {
            has_point = true;
        } else if (c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
            ntail = b->len - i;
            if (ntail > sizeof tail)
                ntail = sizeof tail;
            memcpy(tail, b->data + i, ntail);
            hc_buf_truncate(b, i);
            break;
        } else {
            if (c != '0')
                saw_nonzero = true;
            if (saw_nonzero) /* significant digits start at the first non-zero one */
                digits--;
        }
    }
    if (!has_point) {
        if (b->len - body == 1 && b->data[body] == '0')
            digits--; /* a lone 0 counts once */
        put_c(b, '.');
    }
    if (digits > 0)
        hc_buf_addn(b, '0', (size_t)digits);
    put(b, tail, ntail);
}

/* fmtFloat: strconv's digits with fmt's sign, '#', and zero padding after the sign. */
static void fmt_float(struct pp *p, double v, int32_t verb, int prec)
{
    if (p->f.prec_present)
        prec = (int)p->prec;
    struct hc_buf *b = p->buf;
    size_t start = b->len;
    hc_gofmt_float(b, v, (char)verb, prec);
    if (b->failed || b->len == start)
        return;
    bool has_sign = b->data[start] == '-' || b->data[start] == '+';
    char sign = '+';
    if (has_sign)
        sign = b->data[start];
    if (p->f.space && sign == '+' && !p->f.plus)
        sign = ' ';
    size_t body = start + (has_sign ? 1 : 0);
    if (body < b->len && (b->data[body] == 'I' || b->data[body] == 'N')) {
        /* Infinities and NaN are padded with spaces; NaN shows a sign only when asked. */
        bool zero = p->f.zero;
        p->f.zero = false;
        if (b->data[body] == 'N' && !p->f.space && !p->f.plus)
            sign = '\0';
        set_sign(b, start, has_sign, sign);
        pad_from(p, start);
        p->f.zero = zero;
        return;
    }
    if (p->f.sharp && verb != 'b')
        sharp_float(p, body, verb, prec);
    if (b->failed)
        return;
    if (p->f.plus || sign != '+') {
        set_sign(b, start, has_sign, sign);
        size_t len = b->len - start;
        if (p->f.zero && !p->f.minus && p->f.wid_present && (size_t)p->wid > len) {
            insert_bytes(b, start + 1, '0', (size_t)p->wid - len); /* sign, zeros, digits */
            return;
        }
        pad_from(p, start);
        return;
    }
    set_sign(b, start, has_sign, 0);
    pad_from(p, start);
}

/* ---- the printer (print.go) ---- */

static bool is_nil(hc_val v)
{
    return v.kind == HC_NULL || v.kind == HC_MISSING;
}

static bool is_bytes(hc_val v)
{
    return v.gotype == HC_GT_BYTES && (v.kind == HC_STRING || v.kind == HC_LIST);
}

static bool obj_is_ptr(const struct hc_obj *o)
{
    const char *k = o->type->kindname;
    return k && strcmp(k, "ptr") == 0;
}

static const struct hc_obj_fmt *obj_fmt(const struct hc_obj *o)
{
    return o->type->fmt;
}

/* Containers: entering one counts against MAX_PRINT_DEPTH; false means stop. */
static bool enter(struct pp *p)
{
    if (stopped(p))
        return false;
    if (p->nest >= MAX_PRINT_DEPTH) {
        p->status = HC_ERR_LIMIT;
        return false;
    }
    p->nest++;
    return true;
}

static void leave(struct pp *p)
{
    p->nest--;
}

/* badVerb: %!verb(type=value), the value printed with %v under the same flags. */
static void bad_verb(struct pp *p, hc_val v, int32_t verb)
{
    p->erroring = true;
    put(p->buf, "%!", 2);
    write_rune(p, verb);
    put_c(p->buf, '(');
    if (is_nil(v)) {
        put(p->buf, "<nil>", 5);
    } else {
        put_s(p->buf, hc_val_typename(v));
        put_c(p->buf, '=');
        print_arg(p, v, 'v');
    }
    put_c(p->buf, ')');
    p->erroring = false;
}

/* fmtBool. */
static void fmt_bool(struct pp *p, hc_val v, int32_t verb)
{
    if (verb == 't' || verb == 'v')
        fmt_boolean(p, v.u.b);
    else
        bad_verb(p, v, verb);
}

/* fmt0x64: hex with or without 0x, whatever the '#' flag says. */
static void fmt_0x64(struct pp *p, uint64_t u, bool leading0x)
{
    bool sharp = p->f.sharp;
    p->f.sharp = leading0x;
    fmt_integer(p, u, 16, false, 'v', ldigits);
    p->f.sharp = sharp;
}

/* pp.fmtInteger: the integer verbs. */
static void fmt_int_verb(struct pp *p, hc_val v, uint64_t u, bool is_signed, int32_t verb)
{
    switch (verb) {
    case 'v':
        if (p->f.sharp_v && !is_signed)
            fmt_0x64(p, u, true);
        else
            fmt_integer(p, u, 10, is_signed, verb, ldigits);
        break;
    case 'd':
        fmt_integer(p, u, 10, is_signed, verb, ldigits);
        break;
    case 'b':
        fmt_integer(p, u, 2, is_signed, verb, ldigits);
        break;
    case 'o':
    case 'O':
        fmt_integer(p, u, 8, is_signed, verb, ldigits);
        break;
    case 'x':
        fmt_integer(p, u, 16, is_signed, verb, ldigits);
        break;
    case 'X':
        fmt_integer(p, u, 16, is_signed, verb, udigits);
        break;
    case 'c':
        fmt_c(p, u);
        break;
    case 'q':
        fmt_qc(p, u);
        break;
    case 'U':
        fmt_unicode(p, u);
        break;
    default:
        bad_verb(p, v, verb);
    }
}

/* pp.fmtFloat: the float verbs with their default precisions. */
static void fmt_float_verb(struct pp *p, hc_val v, int32_t verb)
{
    switch (verb) {
    case 'v':
        fmt_float(p, v.u.f, 'g', -1);
        break;
    case 'b':
    case 'g':
    case 'G':
    case 'x':
    case 'X':
        fmt_float(p, v.u.f, verb, -1);
        break;
    case 'f':
    case 'e':
    case 'E':
        fmt_float(p, v.u.f, verb, 6);
        break;
    case 'F':
        fmt_float(p, v.u.f, 'f', 6);
        break;
    default:
        bad_verb(p, v, verb);
    }
}

/* pp.fmtString: the string verbs; v is the string (for a bad verb's message). */
static void fmt_string(struct pp *p, hc_val v, const char *s, size_t n, int32_t verb)
{
    switch (verb) {
    case 'v':
        if (p->f.sharp_v)
            fmt_q(p, s, n);
        else
            fmt_s(p, s, n);
        break;
    case 's':
        fmt_s(p, s, n);
        break;
    case 'x':
        fmt_sbx(p, s, NULL, n, ldigits);
        break;
    case 'X':
        fmt_sbx(p, s, NULL, n, udigits);
        break;
    case 'q':
        fmt_q(p, s, n);
        break;
    default:
        bad_verb(p, v, verb);
    }
}

/* The bytes of a []byte value: as a string (*s) or a list of uint8 (*l); *n of them. */
static void bytes_view(hc_val v, const char **s, const struct hc_list **l, size_t *n)
{
    *s = NULL;
    *l = NULL;
    *n = 0;
    if (v.kind == HC_STRING) {
        *s = v.u.s ? v.u.s : "";
        *n = v.len;
    } else if (v.u.l) {
        *l = v.u.l;
        *n = v.u.l->len;
    }
}

/* A []byte held as a list, copied out for %s and %q; NULL (buffer failed) when out of memory. */
static char *bytes_copy(struct pp *p, const struct hc_list *l, size_t n)
{
    char *c = hc_malloc(n ? n : 1);
    if (!c) {
        p->buf->failed = true;
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        c[i] = (char)byte_at(NULL, l, i);
    return c;
}

/* No width, precision or flag that changes how an integer prints. */
static bool plain_flags(const struct fmt_flags *f)
{
    return !f->wid_present && !f->prec_present && !f->minus && !f->plus && !f->sharp &&
           !f->space && !f->zero;
}

/*
 * The bytes as decimal numbers separated by spaces, a block at a time: a []byte that
 * reaches %v (a chart printing its root context prints every file's bytes this way)
 * can be megabytes long.
 */
static void put_byte_list(struct pp *p, const char *s, const struct hc_list *l, size_t n)
{
    char text[256][4]; /* " 0", " 1", ..., " 255": each number with the space before it */
    unsigned char len[256];
    for (unsigned v = 0; v < 256; v++) {
        unsigned k = 0;
        text[v][k++] = ' ';
        if (v >= 100)
            text[v][k++] = (char)('0' + v / 100);
        if (v >= 10)
            text[v][k++] = (char)('0' + v / 10 % 10);
        text[v][k++] = (char)('0' + v % 10);
        len[v] = (unsigned char)k;
    }
    if (n == 0)
        return;
    char block[8192];
    unsigned first = byte_at(s, l, 0);
    memcpy(block, text[first] + 1, 3); /* no space before the first */
    size_t k = len[first] - 1u;
    for (size_t i = 1; i < n; i++) {
        unsigned v = byte_at(s, l, i);
        memcpy(block + k, text[v], 4); /* block has room: flushed below 4 bytes from full */
        k += len[v];
        if (k > sizeof block - 4) {
            put(p->buf, block, k);
            k = 0;
            if (stopped(p))
                return;
        }
    }
    put(p->buf, block, k);
}

/* pp.fmtBytes: []byte as [1 2 3], []byte{0x1, 0x2}, text, hex or a quoted string. */
static void fmt_bytes(struct pp *p, hc_val v, int32_t verb, const char *type_string, int depth)
{
    const char *s;
    const struct hc_list *l;
    size_t n;
    bytes_view(v, &s, &l, &n);
    bool nil = v.kind == HC_STRING ? v.u.s == NULL : v.u.l == NULL;
    struct hc_buf *b = p->buf;
    switch (verb) {
    case 'v':
    case 'd':
        if (p->f.sharp_v) {
            put_s(b, type_string);
            if (nil) {
                put(b, "(nil)", 5);
                return;
            }
            put_c(b, '{');
            for (size_t i = 0; i < n && !stopped(p); i++) {
                if (i > 0)
                    put(b, ", ", 2);
                fmt_0x64(p, byte_at(s, l, i), true);
            }
            put_c(b, '}');
        } else {
            put_c(b, '[');
            if (!plain_flags(&p->f)) {
                for (size_t i = 0; i < n && !stopped(p); i++) {
                    if (i > 0)
                        put_c(b, ' ');
                    fmt_integer(p, byte_at(s, l, i), 10, false, verb, ldigits);
                }
            } else {
                put_byte_list(p, s, l, n); /* what the loop above gives without flags */
            }
            put_c(b, ']');
        }
        return;
    case 'x':
    case 'X':
        fmt_sbx(p, s, l, n, verb == 'x' ? ldigits : udigits);
        return;
    case 's':
    case 'q': {
        char *c = s ? NULL : bytes_copy(p, l, n);
        if (!s && !c)
            return;
        if (verb == 's')
            fmt_s(p, s ? s : c, n);
        else
            fmt_q(p, s ? s : c, n);
        hc_free(c);
        return;
    }
    default: /* any other verb: printValue's walk of a []uint8 (%#w comes here) */
        if (!enter(p))
            return;
        if (p->f.sharp_v) {
            put(b, "[]uint8", 7);
            if (nil) {
                put(b, "(nil)", 5);
                leave(p);
                return;
            }
        }
        put_c(b, p->f.sharp_v ? '{' : '[');
        for (size_t i = 0; i < n && !stopped(p); i++) {
            if (i > 0)
                put_s(b, p->f.sharp_v ? ", " : " ");
            print_value(p, hc_int_typed(byte_at(s, l, i), HC_GT_UINT8), verb, depth + 1);
        }
        put_c(b, p->f.sharp_v ? '}' : ']');
        leave(p);
    }
}

/*
 * fmtPointer: %p, and pointers met below the top level, print an address.
 * Go prints the real address, which no two runs share; so do we.
 */
static void fmt_pointer(struct pp *p, hc_val v, int32_t verb)
{
    uintptr_t u;
    switch (v.kind) {
    case HC_LIST:
        u = (uintptr_t)v.u.l;
        break;
    case HC_MAP:
        u = (uintptr_t)v.u.m;
        break;
    case HC_STRING:
        if (!is_bytes(v)) {
            bad_verb(p, v, verb);
            return;
        }
        u = (uintptr_t)v.u.s;
        break;
    case HC_OBJ:
        if (!obj_is_ptr(v.u.o)) {
            bad_verb(p, v, verb);
            return;
        }
        u = (uintptr_t)v.u.o->data;
        break;
    default:
        bad_verb(p, v, verb);
        return;
    }
    switch (verb) {
    case 'v':
        if (p->f.sharp_v) {
            put_c(p->buf, '(');
            put_s(p->buf, hc_val_typename(v));
            put(p->buf, ")(", 2);
            if (u == 0)
                put(p->buf, "nil", 3);
            else
                fmt_0x64(p, u, true);
            put_c(p->buf, ')');
        } else if (u == 0) {
            pad(p, "<nil>", 5);
        } else {
            fmt_0x64(p, u, !p->f.sharp);
        }
        break;
    case 'p':
        fmt_0x64(p, u, !p->f.sharp);
        break;
    case 'b':
    case 'o':
    case 'd':
    case 'x':
    case 'X':
        fmt_int_verb(p, v, u, false, verb);
        break;
    default:
        bad_verb(p, v, verb);
    }
}

/*
 * Calls an object's String or GoString method and formats its result: in
 * place when it needs no change (the usual %v and %s), else from a copy.
 */
static void call_method(struct pp *p, hc_val v,
                        void (*method)(const struct hc_obj *, struct hc_buf *), int32_t verb,
                        bool go_string)
{
    struct hc_buf *b = p->buf;
    size_t start = b->len;
    method(v.u.o, b);
    if (b->failed)
        return;
    bool as_s = go_string || verb == 'v' || verb == 's';
    if (as_s && !p->f.wid_present && !p->f.prec_present)
        return;
    size_t n = b->len - start;
    char *text = hc_malloc(n ? n : 1);
    if (!text) {
        b->failed = true;
        return;
    }
    memcpy(text, b->data + start, n);
    hc_buf_truncate(b, start);
    if (go_string)
        fmt_s(p, text, n);
    else
        fmt_string(p, hc_strn(text, n), text, n, verb);
    hc_free(text);
}

/*
 * handleMethods: %w is never valid in Sprintf; an object's GoString serves
 * %#v and its String serves %v %s %x %X %q.  True when it printed.
 */
static bool handle_methods(struct pp *p, hc_val v, int32_t verb)
{
    if (p->erroring)
        return false;
    if (verb == 'w') {
        bad_verb(p, v, verb);
        return true;
    }
    if (v.kind != HC_OBJ)
        return false;
    const struct hc_obj_fmt *fm = obj_fmt(v.u.o);
    if (!fm)
        return false;
    if (p->f.sharp_v) {
        if (!fm->gostring)
            return false;
        call_method(p, v, fm->gostring, verb, true);
        return true;
    }
    switch (verb) {
    case 'v':
    case 's':
    case 'x':
    case 'X':
    case 'q':
        if (!fm->string || (fm->string_ptr_receiver && !obj_is_ptr(v.u.o)))
            return false;
        call_method(p, v, fm->string, verb, false);
        return true;
    }
    return false;
}

/* An element of a container: an interface{} one may be nil. */
static void print_elem(struct pp *p, hc_val v, bool iface, int32_t verb, int depth)
{
    if (iface && is_nil(v)) {
        if (p->f.sharp_v)
            put_s(p->buf, "interface {}(nil)");
        else
            put(p->buf, "<nil>", 5);
        return;
    }
    print_value(p, v, verb, depth + 1);
}

/* printValue of a slice: [a b c], or []T{a, b, c} for %#v. */
static void print_list(struct pp *p, hc_val v, int32_t verb, int depth)
{
    const struct hc_list *l = v.u.l;
    bool iface = v.gotype == HC_GT_LIST;
    struct hc_buf *b = p->buf;
    if (!enter(p))
        return;
    if (p->f.sharp_v) {
        put_s(b, hc_val_typename(v));
        if (!l) {
            put(b, "(nil)", 5);
        } else {
            put_c(b, '{');
            for (uint32_t i = 0; i < l->len && !stopped(p); i++) {
                if (i > 0)
                    put(b, ", ", 2);
                print_elem(p, l->items[i], iface, verb, depth);
            }
            put_c(b, '}');
        }
    } else {
        put_c(b, '[');
        for (uint32_t i = 0; l && i < l->len && !stopped(p); i++) {
            if (i > 0)
                put_c(b, ' ');
            print_elem(p, l->items[i], iface, verb, depth);
        }
        put_c(b, ']');
    }
    leave(p);
}

/* printValue of a map, in key order: map[k:v k:v], or map[string]T{"k":v, "k":v} for %#v. */
static void print_map(struct pp *p, hc_val v, int32_t verb, int depth)
{
    const struct hc_map *m = v.u.m;
    bool iface = v.gotype == HC_GT_MAP;
    struct hc_buf *b = p->buf;
    if (!enter(p))
        return;
    if (p->f.sharp_v) {
        put_s(b, hc_val_typename(v));
        if (!m) {
            put(b, "(nil)", 5);
            leave(p);
            return;
        }
        put_c(b, '{');
    } else {
        put(b, "map[", 4);
    }
    for (uint32_t i = 0; m && i < m->len && !stopped(p); i++) {
        if (i > 0) {
            if (p->f.sharp_v)
                put(b, ", ", 2);
            else
                put_c(b, ' ');
        }
        print_value(p, hc_strn(m->e[i].key, m->e[i].klen), verb, depth + 1);
        put_c(b, ':');
        print_elem(p, m->e[i].val, iface, verb, depth);
    }
    put_c(b, p->f.sharp_v ? '}' : ']');
    leave(p);
}

/* printValue of a struct: {a b}, {A:a B:b} for %+v, T{A:a, B:b} for %#v. */
static void print_struct(struct pp *p, const struct hc_obj *o, int32_t verb, int depth)
{
    const struct hc_obj_fmt *fm = obj_fmt(o);
    struct hc_buf *b = p->buf;
    if (!enter(p))
        return;
    if (p->f.sharp_v) {
        const char *name = o->type->goname ? o->type->goname : "";
        put_s(b, obj_is_ptr(o) && name[0] == '*' ? name + 1 : name);
    }
    put_c(b, '{');
    for (uint32_t i = 0; fm && fm->field && !stopped(p); i++) {
        const char *name = NULL;
        hc_val val = hc_null();
        if (!fm->field(o, i, &name, &val))
            break;
        if (i > 0) {
            if (p->f.sharp_v)
                put(b, ", ", 2);
            else
                put_c(b, ' ');
        }
        if ((p->f.plus_v || p->f.sharp_v) && name && name[0]) {
            put_s(b, name);
            put_c(b, ':');
        }
        print_elem(p, val, true, verb, depth);
    }
    put_c(b, '}');
    leave(p);
}

/*
 * printValue: a value met inside a container (depth > 0: methods apply), or
 * the operand itself once print_arg found no method (depth 0).
 */
static void print_value(struct pp *p, hc_val v, int32_t verb, int depth)
{
    if (stopped(p))
        return;
    if (depth > 0 && !is_nil(v) && handle_methods(p, v, verb))
        return;
    switch ((hc_kind)v.kind) {
    case HC_NULL:
    case HC_MISSING:
        put(p->buf, "<nil>", 5);
        break;
    case HC_BOOL:
        fmt_bool(p, v, verb);
        break;
    case HC_INT:
        fmt_int_verb(p, v, (uint64_t)v.u.i, v.gotype != HC_GT_UINT8, verb);
        break;
    case HC_FLOAT:
        fmt_float_verb(p, v, verb);
        break;
    case HC_STRING:
        if (is_bytes(v))
            fmt_bytes(p, v, verb, depth == 0 ? "[]byte" : "[]uint8", depth);
        else
            fmt_string(p, v, v.u.s ? v.u.s : "", v.len, verb);
        break;
    case HC_LIST:
        if (is_bytes(v))
            fmt_bytes(p, v, verb, depth == 0 ? "[]byte" : "[]uint8", depth);
        else
            print_list(p, v, verb, depth);
        break;
    case HC_MAP:
        print_map(p, v, verb, depth);
        break;
    case HC_OBJ:
        if (!obj_is_ptr(v.u.o)) {
            print_struct(p, v.u.o, verb, depth);
        } else if (depth == 0) { /* a pointer to a struct shows as &{...} at the top only */
            put_c(p->buf, '&');
            print_struct(p, v.u.o, verb, depth + 1);
        } else {
            fmt_pointer(p, v, verb);
        }
        break;
    }
}

/* printArg: one operand with one verb. */
static void print_arg(struct pp *p, hc_val arg, int32_t verb)
{
    if (stopped(p))
        return;
    if (is_nil(arg)) {
        if (verb == 'T' || verb == 'v')
            pad(p, "<nil>", 5);
        else
            bad_verb(p, arg, verb);
        return;
    }
    if (verb == 'T') {
        const char *t = hc_val_typename(arg);
        fmt_s(p, t, strlen(t));
        return;
    }
    if (verb == 'p') {
        fmt_pointer(p, arg, 'p');
        return;
    }
    switch ((hc_kind)arg.kind) {
    case HC_LIST:
    case HC_MAP:
    case HC_OBJ:
        if (!is_bytes(arg) && handle_methods(p, arg, verb))
            return;
        break;
    default:
        break;
    }
    print_value(p, arg, verb, 0);
}

/* ---- parsing the format (doPrintf) ---- */

/* parsenum: digits at s[start..end); not a number (and the rest of the format eaten) past 1e6. */
static long parsenum(const char *s, size_t start, size_t end, bool *isnum, size_t *newi)
{
    long num = 0;
    *isnum = false;
    if (start >= end) {
        *newi = end;
        return 0;
    }
    size_t i;
    for (i = start; i < end && s[i] >= '0' && s[i] <= '9'; i++) {
        if (num > MAX_FMT_NUM) {
            *isnum = false;
            *newi = end;
            return 0;
        }
        num = num * 10 + (s[i] - '0');
        *isnum = true;
    }
    *newi = i;
    return num;
}

/* intFromArg: a `*` width or precision, which must be an integer within +-1e6. */
static long int_from_arg(const hc_val *a, size_t na, size_t *arg_num, bool *is_int)
{
    long num = 0;
    *is_int = false;
    if (*arg_num < na) {
        hc_val v = a[*arg_num];
        if (v.kind == HC_INT) {
            if (v.u.i > MAX_FMT_NUM || v.u.i < -MAX_FMT_NUM) {
                num = 0;
            } else {
                num = (long)v.u.i;
                *is_int = true;
            }
        }
        (*arg_num)++;
    }
    return num;
}

/*
 * parseArgNumber: "[n]" at s; the zero-based index, the bytes to skip (up to
 * and past ']', or 1 when there is none), and whether n parsed.
 */
static bool parse_arg_number(const char *s, size_t n, long *index, size_t *wid)
{
    *index = 0;
    *wid = 1;
    if (n < 3)
        return false;
    for (size_t i = 1; i < n; i++) {
        if (s[i] == ']') {
            bool ok;
            size_t newi;
            long width = parsenum(s, 1, i, &ok, &newi);
            *wid = i + 1;
            if (!ok || newi != i)
                return false;
            *index = width - 1;
            return true;
        }
    }
    return false;
}

/*
 * argNumber: an explicit "[n]" at fmt[i] picks the next operand; returns the
 * new i and sets *found.  A bad index clears good_arg_num.
 */
static size_t arg_number(struct pp *p, size_t *arg_num, const char *fmt, size_t i, size_t end,
                         size_t na, bool *found)
{
    if (i >= end || fmt[i] != '[') {
        *found = false;
        return i;
    }
    p->reordered = true;
    long index;
    size_t wid;
    bool ok = parse_arg_number(fmt + i, end - i, &index, &wid);
    if (ok && index >= 0 && (size_t)index < na) {
        *arg_num = (size_t)index;
        *found = true;
        return i + wid;
    }
    p->good_arg_num = false;
    *found = ok;
    return i + wid;
}

/* The flags after '%'; true when a simple verb (no width, precision or index) was printed. */
static bool parse_flags(struct pp *p, const char *fmt, size_t *ip, size_t end, const hc_val *a,
                        size_t na, size_t *arg_num)
{
    size_t i = *ip;
    for (; i < end; i++) {
        char c = fmt[i];
        switch (c) {
        case '#':
            p->f.sharp = true;
            break;
        case '0':
            p->f.zero = !p->f.minus; /* zero padding only to the left */
            break;
        case '+':
            p->f.plus = true;
            break;
        case '-':
            p->f.minus = true;
            p->f.zero = false;
            break;
        case ' ':
            p->f.space = true;
            break;
        default:
            /* Go's fast path: a lower-case verb with an operand left. */
            if (c >= 'a' && c <= 'z' && *arg_num < na) {
                if (c == 'v' || c == 'w') { /* %#v is Go syntax, %+v names fields */
                    p->f.sharp_v = p->f.sharp;
                    p->f.sharp = false;
                    p->f.plus_v = p->f.plus;
                    p->f.plus = false;
                }
                print_arg(p, a[*arg_num], c);
                (*arg_num)++;
                *ip = i + 1;
                return true;
            }
            *ip = i;
            return false;
        }
    }
    *ip = i;
    return false;
}

/* doPrintf. */
static void do_printf(struct pp *p, const char *fmt, size_t end, const hc_val *a, size_t na)
{
    struct hc_buf *b = p->buf;
    size_t arg_num = 0;
    bool after_index = false; /* the previous item was an index like [3] */
    p->reordered = false;
    size_t i = 0;
    while (i < end && !stopped(p)) {
        p->good_arg_num = true;
        size_t lasti = i;
        const char *pct = memchr(fmt + i, '%', end - i);
        i = pct ? (size_t)(pct - fmt) : end;
        if (i > lasti)
            put(b, fmt + lasti, i - lasti);
        if (i >= end)
            break;
        i++; /* the '%' */
        clear_flags(p);
        if (parse_flags(p, fmt, &i, end, a, na, &arg_num))
            continue;

        i = arg_number(p, &arg_num, fmt, i, end, na, &after_index);

        /* width */
        if (i < end && fmt[i] == '*') {
            i++;
            p->wid = int_from_arg(a, na, &arg_num, &p->f.wid_present);
            if (!p->f.wid_present)
                put_s(b, "%!(BADWIDTH)");
            if (p->wid < 0) { /* a negative width pads on the right */
                p->wid = -p->wid;
                p->f.minus = true;
                p->f.zero = false;
            }
            after_index = false;
        } else {
            p->wid = parsenum(fmt, i, end, &p->f.wid_present, &i);
            if (after_index && p->f.wid_present) /* "%[3]2d" */
                p->good_arg_num = false;
        }

        /* precision */
        if (i + 1 < end && fmt[i] == '.') {
            i++;
            if (after_index) /* "%[3].2d" */
                p->good_arg_num = false;
            i = arg_number(p, &arg_num, fmt, i, end, na, &after_index);
            if (i < end && fmt[i] == '*') {
                i++;
                p->prec = int_from_arg(a, na, &arg_num, &p->f.prec_present);
                if (p->prec < 0) { /* a negative precision means none */
                    p->prec = 0;
                    p->f.prec_present = false;
                }
                if (!p->f.prec_present)
                    put_s(b, "%!(BADPREC)");
                after_index = false;
            } else {
                p->prec = parsenum(fmt, i, end, &p->f.prec_present, &i);
                if (!p->f.prec_present) { /* "%.d": precision 0 */
                    p->prec = 0;
                    p->f.prec_present = true;
                }
            }
        }

        if (!after_index)
            i = arg_number(p, &arg_num, fmt, i, end, na, &after_index);

        if (i >= end) {
            put_s(b, "%!(NOVERB)");
            break;
        }

        size_t size;
        int32_t verb = decode_rune(fmt + i, end - i, &size);
        i += size;

        if (verb == '%') { /* takes no operand; width and precision are ignored */
            put_c(b, '%');
        } else if (!p->good_arg_num) {
            put(b, "%!", 2);
            write_rune(p, verb);
            put_s(b, "(BADINDEX)");
        } else if (arg_num >= na) {
            put(b, "%!", 2);
            write_rune(p, verb);
            put_s(b, "(MISSING)");
        } else {
            if (verb == 'v' || verb == 'w') {
                p->f.sharp_v = p->f.sharp;
                p->f.sharp = false;
                p->f.plus_v = p->f.plus;
                p->f.plus = false;
            }
            print_arg(p, a[arg_num], verb);
            arg_num++;
        }
    }

    /* Unused operands, unless the format reordered them. */
    if (!p->reordered && arg_num < na && !stopped(p)) {
        clear_flags(p);
        put_s(b, "%!(EXTRA ");
        for (size_t k = arg_num; k < na && !stopped(p); k++) {
            if (k > arg_num)
                put(b, ", ", 2);
            if (is_nil(a[k])) {
                put(b, "<nil>", 5);
            } else {
                put_s(b, hc_val_typename(a[k]));
                put_c(b, '=');
                print_arg(p, a[k], 'v');
            }
        }
        put_c(b, ')');
    }
}

/* ---- entry points ---- */

static void pp_init(struct pp *p, struct hc_buf *b)
{
    memset(p, 0, sizeof *p);
    p->buf = b;
    p->status = HC_OK;
}

static hc_status pp_status(const struct pp *p)
{
    if (p->status != HC_OK)
        return p->status;
    return p->buf->failed ? HC_ERR_NOMEM : HC_OK;
}

hc_status hc_gofmt_sprintf(struct hc_buf *b, const char *fmt, size_t fmtlen, const hc_val *args,
                           size_t nargs)
{
    struct pp p;
    pp_init(&p, b);
    do_printf(&p, fmt, fmtlen, args, nargs);
    return pp_status(&p);
}

/* doPrint: a space between two operands when neither is a string. */
hc_status hc_gofmt_sprint(struct hc_buf *b, const hc_val *args, size_t nargs)
{
    struct pp p;
    pp_init(&p, b);
    bool prev_string = false;
    for (size_t i = 0; i < nargs && !stopped(&p); i++) {
        bool is_string = args[i].kind == HC_STRING && !is_bytes(args[i]);
        if (i > 0 && !is_string && !prev_string)
            put_c(b, ' ');
        print_arg(&p, args[i], 'v');
        prev_string = is_string;
    }
    return pp_status(&p);
}

/* doPrintln: spaces between all operands and a newline. */
hc_status hc_gofmt_sprintln(struct hc_buf *b, const hc_val *args, size_t nargs)
{
    struct pp p;
    pp_init(&p, b);
    for (size_t i = 0; i < nargs && !stopped(&p); i++) {
        if (i > 0)
            put_c(b, ' ');
        print_arg(&p, args[i], 'v');
    }
    put_c(b, '\n');
    return pp_status(&p);
}

/*
 * text/template's printValue and printableValue: missing prints <no value>;
 * a pointer is followed; a String method is used even when its receiver is a
 * pointer (the template takes the address of what it reached).
 */
hc_status hc_gofmt_print_value(struct hc_buf *b, hc_val v)
{
    struct pp p;
    pp_init(&p, b);
    if (v.kind == HC_MISSING) {
        put(b, "<no value>", 10);
    } else if (v.kind == HC_OBJ) {
        const struct hc_obj_fmt *fm = obj_fmt(v.u.o);
        if (fm && fm->string)
            fm->string(v.u.o, b);
        else
            print_struct(&p, v.u.o, 'v', 0);
    } else {
        print_arg(&p, v, 'v');
    }
    return pp_status(&p);
}
