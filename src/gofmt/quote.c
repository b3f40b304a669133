/*
 * quote.c - strconv.Quote, QuoteToASCII and QuoteRune.
 *
 * Mirrors strconv/quote.go (appendQuotedWith, appendEscapedRune, IsPrint) and
 * the UTF-8 decoding of unicode/utf8: a byte that does not start a valid
 * sequence (bad lead, bad continuation, overlong, surrogate, above U+10FFFF,
 * cut short) is one error and prints as \xNN, then decoding resumes at the
 * next byte.  Printable runes are those of Unicode 15.0 (Go 1.25's tables) in
 * categories L, M, N, P, S plus U+0020; isprint_table.h lists them as ranges.
 *
 * Invariant: the output is always valid UTF-8 (ASCII for QuoteToASCII) and
 * reads back, through Go's strconv.Unquote, as exactly the input bytes.
 */
#include "gofmt/gofmt.h"

#include <stddef.h>

#include "gofmt/isprint_table.h"

#define RUNE_ERROR 0xFFFD
#define MAX_RUNE   0x10FFFF

static const char lowerhex[] = "0123456789abcdef";

/* Whether r lies in one of n sorted, disjoint inclusive ranges (binary search). */
static bool in_ranges16(const uint16_t (*t)[2], size_t n, uint32_t r)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid][1] < r)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && t[lo][0] <= r;
}

static bool in_ranges32(const uint32_t (*t)[2], size_t n, uint32_t r)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid][1] < r)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && t[lo][0] <= r;
}

/* Go's strconv.IsPrint (equal to unicode.IsPrint). */
static bool is_print(int32_t r)
{
    if (r < 0)
        return false;
    uint32_t u = (uint32_t)r;
    if (u <= 0xFF)
        return (u >= 0x20 && u <= 0x7E) || (u >= 0xA1 && u != 0xAD);
    if (u <= 0xFFFF)
        return in_ranges16(print16, sizeof print16 / sizeof print16[0], u);
    return in_ranges32(print32, sizeof print32 / sizeof print32[0], u);
}

/*
 * Decodes one rune from s[0..n) (n >= 1) as utf8.DecodeRuneInString: returns
 * its width, or 1 with *r = RUNE_ERROR for an invalid or incomplete sequence.
 */
static int decode_rune(const unsigned char *s, size_t n, int32_t *r)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *r = (int32_t)c;
        return 1;
    }
    int width;
    unsigned lo = 0x80, hi = 0xBF; /* bounds on the second byte */
    uint32_t v;
    if (c >= 0xC2 && c <= 0xDF) {
        width = 2, v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        width = 3, v = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        width = 4, v = c & 0x07;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else {
        *r = RUNE_ERROR;
        return 1;
    }
    if (n < (size_t)width || s[1] < lo || s[1] > hi) {
        *r = RUNE_ERROR;
        return 1;
    }
    v = v << 6 | (s[1] & 0x3F);
    for (int i = 2; i < width; i++) {
        if (s[i] < 0x80 || s[i] > 0xBF) {
            *r = RUNE_ERROR;
            return 1;
        }
        v = v << 6 | (s[i] & 0x3F);
    }
    *r = (int32_t)v;
    return width;
}

/* Appends r (a valid rune) as UTF-8. */
static void add_rune(struct hc_buf *b, uint32_t r)
{
    char tmp[4];
    size_t n;
    if (r < 0x80) {
        tmp[0] = (char)r, n = 1;
    } else if (r < 0x800) {
        tmp[0] = (char)(0xC0 | r >> 6), tmp[1] = (char)(0x80 | (r & 0x3F)), n = 2;
    } else if (r < 0x10000) {
        tmp[0] = (char)(0xE0 | r >> 12), tmp[1] = (char)(0x80 | (r >> 6 & 0x3F));
        tmp[2] = (char)(0x80 | (r & 0x3F)), n = 3;
    } else {
        tmp[0] = (char)(0xF0 | r >> 18), tmp[1] = (char)(0x80 | (r >> 12 & 0x3F));
        tmp[2] = (char)(0x80 | (r >> 6 & 0x3F)), tmp[3] = (char)(0x80 | (r & 0x3F)), n = 4;
    }
    hc_buf_add(b, tmp, n);
}

static void add_hex(struct hc_buf *b, const char *prefix, uint32_t v, int ndigits)
{
    char tmp[10];
    tmp[0] = prefix[0], tmp[1] = prefix[1];
    for (int i = 0; i < ndigits; i++)
        tmp[2 + i] = lowerhex[v >> (4 * (ndigits - 1 - i)) & 0xF];
    hc_buf_add(b, tmp, 2 + (size_t)ndigits);
}

/* Go's appendEscapedRune for a decoded rune (not an invalid byte). */
static void append_escaped_rune(struct hc_buf *b, int32_t r, char quote, bool ascii_only)
{
    if (r == quote || r == '\\') {
        hc_buf_addc(b, '\\');
        hc_buf_addc(b, (char)r);
        return;
    }
    if (ascii_only ? (r < 0x80 && is_print(r)) : is_print(r)) {
        add_rune(b, (uint32_t)r);
        return;
    }
    switch (r) {
    case '\a':
        hc_buf_add(b, "\\a", 2);
        return;
    case '\b':
        hc_buf_add(b, "\\b", 2);
        return;
    case '\f':
        hc_buf_add(b, "\\f", 2);
        return;
    case '\n':
        hc_buf_add(b, "\\n", 2);
        return;
    case '\r':
        hc_buf_add(b, "\\r", 2);
        return;
    case '\t':
        hc_buf_add(b, "\\t", 2);
        return;
    case '\v':
        hc_buf_add(b, "\\v", 2);
        return;
    default:
        break;
    }
    if (r < ' ' || r == 0x7F)
        add_hex(b, "\\x", (uint32_t)r, 2);
    else if (r < 0x10000)
        add_hex(b, "\\u", (uint32_t)r, 4);
    else
        add_hex(b, "\\U", (uint32_t)r, 8);
}

/* Go's appendQuotedWith for a string. */
static void append_quoted_with(struct hc_buf *b, const char *str, size_t n, char quote,
                               bool ascii_only)
{
    const unsigned char *s = (const unsigned char *)str;
    hc_buf_addc(b, quote);
    size_t i = 0;
    while (i < n) {
        /* Runs of plain printable ASCII go out in one piece. */
        size_t j = i;
        while (j < n && s[j] >= 0x20 && s[j] < 0x7F && s[j] != (unsigned char)quote && s[j] != '\\')
            j++;
        if (j > i) {
            hc_buf_add(b, s + i, j - i);
            i = j;
            continue;
        }
        int32_t r;
        int width = decode_rune(s + i, n - i, &r);
        if (width == 1 && r == RUNE_ERROR) {
            add_hex(b, "\\x", s[i], 2);
            i++;
            continue;
        }
        append_escaped_rune(b, r, quote, ascii_only);
        i += (size_t)width;
    }
    hc_buf_addc(b, quote);
}

void hc_gofmt_quote(struct hc_buf *b, const char *s, size_t n)
{
    append_quoted_with(b, s, n, '"', false);
}

void hc_gofmt_quote_ascii(struct hc_buf *b, const char *s, size_t n)
{
    append_quoted_with(b, s, n, '"', true);
}

void hc_gofmt_quote_rune(struct hc_buf *b, int32_t r)
{
    /* string(r) of an invalid rune is U+FFFD, which then prints as itself. */
    if (r < 0 || r > MAX_RUNE || (r >= 0xD800 && r <= 0xDFFF))
        r = RUNE_ERROR;
    hc_buf_addc(b, '\'');
    append_escaped_rune(b, r, '\'', false);
    hc_buf_addc(b, '\'');
}
