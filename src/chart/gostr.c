/*
 * gostr.c - Go's strings.TrimSpace, a field-name EqualFold and path.Base.
 */
#include "chart/gostr.h"

#include <stdint.h>

#include "template/runes.h"

static bool ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* utf8.DecodeLastRuneInString's width, with the rune in *r. */
static size_t decode_last(const char *s, size_t n, int32_t *r)
{
    size_t start = n - 1;
    if ((unsigned char)s[start] < HC_RUNE_SELF) {
        *r = (unsigned char)s[start];
        return 1;
    }
    size_t lim = n >= 4 ? n - 4 : 0;
    while (start > lim && ((unsigned char)s[start] & 0xC0) == 0x80)
        start--;
    size_t w = hc_rune_decode(s + start, n - start, r);
    if (start + w != n) {
        *r = HC_RUNE_ERROR;
        return 1;
    }
    return w;
}

void hc_go_trim_space(const char **s, size_t *n)
{
    const char *p = *s;
    size_t len = *n;
    while (len > 0) {
        unsigned char c = (unsigned char)*p;
        if (c < HC_RUNE_SELF) {
            if (!ascii_space(c))
                break;
            p++;
            len--;
            continue;
        }
        int32_t r;
        size_t w = hc_rune_decode(p, len, &r);
        if (!hc_rune_is_space(r))
            break;
        p += w;
        len -= w;
    }
    while (len > 0) {
        int32_t r;
        size_t w = decode_last(p, len, &r);
        if (r < HC_RUNE_SELF ? !ascii_space((unsigned char)r) : !hc_rune_is_space(r))
            break;
        len -= w;
    }
    *s = p;
    *n = len;
}

bool hc_go_equal_fold_ascii(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn)
        return false;
    for (size_t i = 0; i < an; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y + 32);
        if (x != y)
            return false;
    }
    return true;
}

void hc_go_path_base(const char **s, size_t *n)
{
    const char *p = *s;
    size_t len = *n;
    while (len > 1 && p[len - 1] == '/')
        len--;
    if (len == 0) {
        *s = ".";
        *n = 1;
        return;
    }
    size_t i = len;
    while (i > 0 && p[i - 1] != '/')
        i--;
    if (i == len) { /* only slashes */
        *s = "/";
        *n = 1;
        return;
    }
    *s = p + i;
    *n = len - i;
}
