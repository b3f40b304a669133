/*
 * strings.c - Sprig's string functions.
 *
 * Mirrors Sprig v3.3.0 (strings.go and the string rows of functions.go) and
 * what they call: Go 1.25's strings package (ToUpper, ToLower, Title,
 * TrimSpace, Trim, Replace, Repeat, Split, SplitN, Join, Index), Masterminds
 * goutils v1.1.1 (Abbreviate, AbbreviateFull, Initials, DeleteWhiteSpace,
 * Uncapitalize, SwapCase, Wrap, WrapCustom) and huandu/xstrings v1.5.0
 * (ToPascalCase, ToSnakeCase, ToKebabCase, Shuffle).
 *
 * Bytes versus runes exactly as the originals: trunc, substr, abbrev, wrap
 * and indent count bytes; initials and nospace walk bytes but write each byte
 * back as the rune of that value (so "é" comes out as "Ã©"); the case
 * functions, title, untitle, swapcase and the xstrings conversions decode
 * runes, writing an invalid byte back as U+FFFD as Go's []rune and
 * strings.Map do.  Go panics (substr's slice bounds, Repeat's negative count)
 * become the errors helm prints for them.
 *
 * Invariant: a result that equals its input, or a part of it, is returned as
 * a view without copying, as Go strings share bytes; every other result is
 * allocated in call->arena, its size checked before allocating.
 */
#include "funcs/funcs.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "funcs/cast.h"
#include "gofmt/gofmt.h"
#include "gofmt/printf.h"
#include "template/runes.h"

/* Go's maxAlloc on 64-bit Linux: a larger make() panics "len out of range". */
#define GO_MAX_ALLOC ((uint64_t)1 << 48)

/* ---- results ---- */

/* n bytes in the arena for the string *out, or NULL with out of memory recorded. */
static char *alloc_str(struct hc_call *call, size_t n, hc_val *out)
{
    char *p = n <= HC_VAL_MAX_LEN ? hc_arena_alloc(call->arena, n ? n : 1) : NULL;
    if (!p) {
        hc_error_nomem(call->err);
        return NULL;
    }
    *out = hc_strn(p, n);
    return p;
}

/* The contents of b as the string *out; b is released. */
static hc_status buf_result(struct hc_call *call, struct hc_buf *b, hc_val *out)
{
    hc_status rc = HC_OK;
    if (!hc_buf_ok(b) || b->len > HC_VAL_MAX_LEN ||
        hc_str_dup(call->arena, hc_buf_str(b), b->len, out) != HC_OK)
        rc = hc_error_nomem(call->err);
    hc_buf_release(b);
    return rc;
}

#define S_PTR(v) ((v).u.s)
#define S_LEN(v) ((size_t)(v).len)

/* utf8.EncodeRune into b (invalid runes as U+FFFD), as Builder.WriteRune. */
static void add_rune(struct hc_buf *b, int32_t r)
{
    if (r >= 0 && r < 0x80) {
        hc_buf_addc(b, (char)r);
        return;
    }
    char enc[4];
    hc_buf_add(b, enc, hc_rune_encode(enc, r));
}

/* utf8.DecodeLastRuneInString: the last rune of s[0..n) and its width. */
static size_t decode_last(const char *s, size_t n, int32_t *r)
{
    if (n == 0) {
        *r = HC_RUNE_ERROR;
        return 0;
    }
    if ((unsigned char)s[n - 1] < 0x80) {
        *r = (unsigned char)s[n - 1];
        return 1;
    }
    size_t start = n - 1, lim = n >= 4 ? n - 4 : 0;
    while (start > lim && ((unsigned char)s[start] & 0xC0) == 0x80)
        start--;
    size_t w = hc_rune_decode(s + start, n - start, r);
    if (start + w != n) {
        *r = HC_RUNE_ERROR;
        return 1;
    }
    return w;
}

/* strings.Index(s, sep) (sep non-empty), or -1. */
static long str_index(const char *s, size_t n, const char *sep, size_t m)
{
    if (m == 0)
        return 0;
    if (m > n)
        return -1;
    const char *p = s, *end = s + n - m + 1;
    while (p < end) {
        p = memchr(p, sep[0], (size_t)(end - p));
        if (!p)
            return -1;
        if (memcmp(p, sep, m) == 0)
            return (long)(p - s);
        p++;
    }
    return -1;
}

/* utf8.RuneCountInString. */
static size_t rune_count(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; count++) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t r;
        i += hc_rune_decode(s + i, n - i, &r);
    }
    return count;
}

/* strings.Count(s, sep): non-overlapping instances; runes + 1 for an empty sep. */
static size_t str_count(const char *s, size_t n, const char *sep, size_t m)
{
    if (m == 0)
        return rune_count(s, n) + 1;
    size_t count = 0;
    long i;
    while ((i = str_index(s, n, sep, m)) >= 0) {
        count++;
        s += (size_t)i + m;
        n -= (size_t)i + m;
    }
    return count;
}

/* ---- simple functions ---- */

static hc_status fn_hello(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)args;
    (void)nargs;
    *out = hc_cstr("Hello!");
    return HC_OK;
}

/* contains, hasPrefix, hasSuffix: (substr, str) -> bool, arguments switched for pipelines. */
static hc_status fn_contains(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = hc_bool(str_index(S_PTR(args[1]), S_LEN(args[1]), S_PTR(args[0]), S_LEN(args[0])) >= 0);
    return HC_OK;
}

static hc_status fn_has_prefix(struct hc_call *call, const hc_val *args, uint32_t nargs,
                               hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = hc_bool(args[1].len >= args[0].len &&
                   (args[0].len == 0 || memcmp(args[1].u.s, args[0].u.s, args[0].len) == 0));
    return HC_OK;
}

static hc_status fn_has_suffix(struct hc_call *call, const hc_val *args, uint32_t nargs,
                               hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = hc_bool(args[1].len >= args[0].len &&
                   (args[0].len == 0 || memcmp(args[1].u.s + args[1].len - args[0].len, args[0].u.s,
                                               args[0].len) == 0));
    return HC_OK;
}

static hc_status fn_trim_prefix(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                hc_val *out)
{
    hc_val s = args[1];
    fn_has_prefix(call, args, nargs, out);
    if (out->u.b)
        *out = hc_strn(s.u.s + args[0].len, s.len - args[0].len);
    else
        *out = s;
    return HC_OK;
}

static hc_status fn_trim_suffix(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                hc_val *out)
{
    hc_val s = args[1];
    fn_has_suffix(call, args, nargs, out);
    if (out->u.b)
        *out = hc_strn(s.u.s, s.len - args[0].len);
    else
        *out = s;
    return HC_OK;
}

static hc_status fn_plural(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = args[2].u.i == 1 ? args[0] : args[1];
    return HC_OK;
}

/* trunc(c, s): byte-wise; a negative c keeps the last -c bytes. */
static hc_status fn_trunc(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    int64_t c = args[0].u.i;
    hc_val s = args[1];
    int64_t len = s.len;
    if (c < 0 && len + c > 0)
        *out = hc_strn(s.u.s + (len + c), (size_t)(-c));
    else if (c >= 0 && len > c)
        *out = hc_strn(s.u.s, (size_t)c);
    else
        *out = s;
    return HC_OK;
}

/* substr(start, end, s): Go's slicing of s, with the runtime's panic texts. */
static hc_status fn_substr(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    int64_t start = args[0].u.i, end = args[1].u.i;
    hc_val s = args[2];
    int64_t len = s.len;
    if (start < 0) { /* s[:end] */
        if (end < 0)
            return hc_call_fail(call, "runtime error: slice bounds out of range [:%lld]",
                                (long long)end);
        if (end > len)
            return hc_call_fail(call,
                                "runtime error: slice bounds out of range [:%lld] with length %lld",
                                (long long)end, (long long)len);
        *out = hc_strn(s.u.s, (size_t)end);
        return HC_OK;
    }
    if (end < 0 || end > len) { /* s[start:] */
        if (start > len)
            return hc_call_fail(call, "runtime error: slice bounds out of range [%lld:%lld]",
                                (long long)start, (long long)len);
        *out = hc_strn(s.u.s + start, (size_t)(len - start));
        return HC_OK;
    }
    if (start > end)
        return hc_call_fail(call, "runtime error: slice bounds out of range [%lld:%lld]",
                            (long long)start, (long long)end);
    *out = hc_strn(s.u.s + start, (size_t)(end - start));
    return HC_OK;
}

/*
 * strings.Repeat's checks: a negative count panics; a length past Go's
 * maxInt panics, and so does one past what Go can allocate; anything less
 * that the arena cannot hold is out of memory (Go would try, and die).
 */
static hc_status check_repeat(struct hc_call *call, int64_t count, size_t len, size_t *total)
{
    if (count < 0)
        return hc_call_fail(call, "strings: negative Repeat count");
    if (len != 0 && (uint64_t)count > (uint64_t)INT64_MAX / len)
        return hc_call_fail(call, "strings: Repeat output length overflow");
    uint64_t t = (uint64_t)count * len;
    if (t > GO_MAX_ALLOC) /* Builder.Grow's makeslice */
        return hc_call_fail(call, "runtime error: makeslice: len out of range");
    if (t > HC_VAL_MAX_LEN)
        return hc_error_nomem(call->err);
    *total = (size_t)t;
    return HC_OK;
}

/* repeat(count, str) */
static hc_status fn_repeat(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    int64_t count = args[0].u.i;
    hc_val s = args[1];
    size_t total = 0;
    if (count == 0) {
        *out = hc_strn("", 0);
        return HC_OK;
    }
    if (count == 1) {
        *out = s;
        return HC_OK;
    }
    hc_status rc = check_repeat(call, count, s.len, &total);
    if (rc != HC_OK)
        return rc;
    char *p = alloc_str(call, total, out);
    if (!p)
        return HC_ERR_NOMEM;
    for (size_t off = 0; off < total; off += s.len)
        memcpy(p + off, s.u.s, s.len);
    return HC_OK;
}

/* indent(spaces, v) and nindent: pad + v with every "\n" followed by pad. */
static hc_status indent_common(struct hc_call *call, const hc_val *args, bool nl, hc_val *out)
{
    int64_t spaces = args[0].u.i;
    hc_val v = args[1];
    size_t pad = 0;
    hc_status rc;
    if (spaces == 0 || spaces == 1)
        pad = (size_t)spaces;
    else if ((rc = check_repeat(call, spaces, 1, &pad)) != HC_OK)
        return rc;
    size_t lines = 0;
    for (const char *p = v.u.s, *e = v.u.s + v.len; p < e && (p = memchr(p, '\n', (size_t)(e - p)));
         p++)
        lines++;
    /* (lines + 1) pads, v, and the leading newline of nindent */
    if (pad != 0 && lines + 1 > (HC_VAL_MAX_LEN - v.len - 1) / pad)
        return hc_error_nomem(call->err);
    size_t total = (lines + 1) * pad + v.len + (nl ? 1 : 0);
    char *w = alloc_str(call, total, out);
    if (!w)
        return HC_ERR_NOMEM;
    if (nl)
        *w++ = '\n';
    memset(w, ' ', pad);
    w += pad;
    const char *p = v.u.s, *e = v.u.s + v.len;
    while (p < e) {
        const char *q = memchr(p, '\n', (size_t)(e - p));
        if (!q) {
            memcpy(w, p, (size_t)(e - p));
            break;
        }
        memcpy(w, p, (size_t)(q - p + 1));
        w += q - p + 1;
        memset(w, ' ', pad);
        w += pad;
        p = q + 1;
    }
    return HC_OK;
}

static hc_status fn_indent(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    return indent_common(call, args, false, out);
}

static hc_status fn_nindent(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    return indent_common(call, args, true, out);
}

/* replace(old, new, src): strings.Replace(src, old, new, -1). */
static hc_status fn_replace(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    hc_val old = args[0], new = args[1], s = args[2];
    if (hc_val_is_str(old, new.u.s, new.len)) {
        *out = s;
        return HC_OK;
    }
    size_t n = str_count(s.u.s, s.len, old.u.s, old.len);
    if (n == 0) {
        *out = s;
        return HC_OK;
    }
    uint64_t total = (uint64_t)s.len - (uint64_t)n * old.len;
    if (new.len != 0 && n > (HC_VAL_MAX_LEN - total) / new.len)
        return hc_error_nomem(call->err);
    total += (uint64_t)n * new.len;
    char *w = alloc_str(call, (size_t)total, out);
    if (!w)
        return HC_ERR_NOMEM;
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = start;
        if (old.len == 0) {
            if (i > 0) {
                int32_t r;
                j += hc_rune_decode(s.u.s + start, s.len - start, &r);
            }
        } else {
            j += (size_t)str_index(s.u.s + start, s.len - start, old.u.s, old.len);
        }
        memcpy(w, s.u.s + start, j - start);
        w += j - start;
        memcpy(w, new.u.s, new.len);
        w += new.len;
        start = j + old.len;
    }
    memcpy(w, s.u.s + start, s.len - start);
    return HC_OK;
}

/* ---- trimming ---- */

/* trim: strings.TrimSpace. */
static hc_status fn_trim(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    const char *s = args[0].u.s;
    size_t start = 0, stop = args[0].len;
    while (start < stop) {
        int32_t r;
        size_t w = hc_rune_decode(s + start, stop - start, &r);
        if (!hc_rune_is_space(r))
            break;
        start += w;
    }
    while (stop > start) {
        int32_t r;
        size_t w = decode_last(s + start, stop - start, &r);
        if (!hc_rune_is_space(r))
            break;
        stop -= w;
    }
    *out = hc_strn(s + start, stop - start);
    return HC_OK;
}

/* strings.ContainsRune(cutset, r); an invalid byte of cutset counts as U+FFFD. */
static bool cutset_has(const char *cut, size_t n, int32_t r)
{
    if (r >= 0 && r < 0x80)
        return memchr(cut, (int)r, n) != NULL;
    for (size_t i = 0; i < n;) {
        int32_t c;
        i += hc_rune_decode(cut + i, n - i, &c);
        if (c == r)
            return true;
    }
    return false;
}

/* trimAll(cutset, s): strings.Trim(s, cutset). */
static hc_status fn_trim_all(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    const char *cut = args[0].u.s, *s = args[1].u.s;
    size_t ncut = args[0].len, start = 0, stop = args[1].len;
    if (ncut == 0 || stop == 0) {
        *out = args[1];
        return HC_OK;
    }
    while (stop > start) {
        int32_t r;
        size_t w = decode_last(s + start, stop - start, &r);
        if (!cutset_has(cut, ncut, r))
            break;
        stop -= w;
    }
    while (start < stop) {
        int32_t r;
        size_t w = hc_rune_decode(s + start, stop - start, &r);
        if (!cutset_has(cut, ncut, r))
            break;
        start += w;
    }
    *out = hc_strn(s + start, stop - start);
    return HC_OK;
}

/* ---- case mapping ---- */

/* strings.Map with a rune mapping: every rune mapped, invalid bytes as U+FFFD. */
static hc_status map_runes(struct hc_call *call, hc_val s, int32_t (*map)(int32_t), hc_val *out)
{
    size_t i = 0;
    /* The unchanged prefix (ASCII or not) is kept as is. */
    while (i < s.len) {
        int32_t r;
        size_t w = hc_rune_decode(s.u.s + i, s.len - i, &r);
        if ((r == HC_RUNE_ERROR && w == 1) || map(r) != r)
            break;
        i += w;
    }
    if (i == s.len) {
        *out = s;
        return HC_OK;
    }
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_grow(&b, s.len + 4);
    hc_buf_add(&b, s.u.s, i);
    while (i < s.len) {
        int32_t r;
        i += hc_rune_decode(s.u.s + i, s.len - i, &r);
        add_rune(&b, map(r));
    }
    return buf_result(call, &b, out);
}

static hc_status fn_upper(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    return map_runes(call, args[0], hc_rune_to_upper, out);
}

static hc_status fn_lower(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    return map_runes(call, args[0], hc_rune_to_lower, out);
}

/* strings.Title's isSeparator. */
static bool is_separator(int32_t r)
{
    if (r >= 0 && r <= 0x7F) {
        if ((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_')
            return false;
        return true;
    }
    if (hc_rune_is_letter(r) || hc_rune_is_digit(r))
        return false;
    return hc_rune_is_space(r);
}

/* title: strings.Title, the first rune of each word to title case. */
static hc_status fn_title(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    hc_val s = args[0];
    struct hc_buf b = HC_BUF_INIT;
    int32_t prev = ' ';
    bool changed = false;
    hc_buf_grow(&b, s.len + 4);
    for (size_t i = 0; i < s.len;) {
        int32_t r, m;
        size_t w = hc_rune_decode(s.u.s + i, s.len - i, &r);
        m = is_separator(prev) ? hc_rune_to_title(r) : r;
        prev = r;
        changed = changed || m != r || (r == HC_RUNE_ERROR && w == 1);
        add_rune(&b, m);
        i += w;
    }
    if (!changed) {
        hc_buf_release(&b);
        *out = s;
        return HC_OK;
    }
    return buf_result(call, &b, out);
}

/* The runes of s as Go's []rune(s) converts them: invalid bytes become U+FFFD. */
static int32_t *to_runes(struct hc_call *call, hc_val s, size_t *n)
{
    int32_t *rs = hc_arena_array(call->arena, s.len ? s.len : 1, sizeof *rs);
    if (!rs) {
        hc_error_nomem(call->err);
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < s.len; k++)
        i += hc_rune_decode(s.u.s + i, s.len - i, &rs[k]);
    *n = k;
    return rs;
}

/* string(runes). */
static hc_status from_runes(struct hc_call *call, const int32_t *rs, size_t n, hc_val *out)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_grow(&b, n);
    for (size_t i = 0; i < n; i++)
        add_rune(&b, rs[i]);
    return buf_result(call, &b, out);
}

/* untitle: goutils.Uncapitalize, the first rune after whitespace to lower case. */
static hc_status fn_untitle(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    size_t n;
    if (args[0].len == 0) {
        *out = args[0];
        return HC_OK;
    }
    int32_t *rs = to_runes(call, args[0], &n);
    if (!rs)
        return HC_ERR_NOMEM;
    bool next = true;
    for (size_t i = 0; i < n; i++) {
        if (hc_rune_is_space(rs[i])) {
            next = true;
        } else if (next) {
            rs[i] = hc_rune_to_lower(rs[i]);
            next = false;
        }
    }
    return from_runes(call, rs, n, out);
}

/* swapcase: goutils.SwapCase, word-based (a lower-case rune after space becomes title case). */
static hc_status fn_swapcase(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    size_t n;
    if (args[0].len == 0) {
        *out = args[0];
        return HC_OK;
    }
    int32_t *rs = to_runes(call, args[0], &n);
    if (!rs)
        return HC_ERR_NOMEM;
    bool space = true;
    for (size_t i = 0; i < n; i++) {
        int32_t c = rs[i];
        if (hc_rune_is_upper(c) || hc_rune_is_title(c)) {
            rs[i] = hc_rune_to_lower(c);
            space = false;
        } else if (hc_rune_is_lower(c)) {
            rs[i] = space ? hc_rune_to_title(c) : hc_rune_to_upper(c);
            space = false;
        } else {
            space = hc_rune_is_space(c);
        }
    }
    return from_runes(call, rs, n, out);
}

/* ---- goutils' byte-wise functions ---- */

/* initials: the first byte of each whitespace-separated word, each written as a rune. */
static hc_status fn_initials(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    hc_val s = args[0];
    struct hc_buf b = HC_BUF_INIT;
    bool gap = true;
    for (size_t i = 0; i < s.len; i++) {
        int32_t ch = (unsigned char)s.u.s[i];
        if (hc_rune_is_space(ch)) {
            gap = true;
        } else if (gap) {
            add_rune(&b, ch);
            gap = false;
        }
    }
    if (s.len == 0) {
        *out = s;
        return HC_OK;
    }
    return buf_result(call, &b, out);
}

/* nospace: goutils.DeleteWhiteSpace, byte-wise; kept bytes are written as runes. */
static hc_status fn_nospace(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    hc_val s = args[0];
    size_t i = 0;
    while (i < s.len && !hc_rune_is_space((unsigned char)s.u.s[i]))
        i++;
    if (i == s.len) {
        *out = s;
        return HC_OK;
    }
    struct hc_buf b = HC_BUF_INIT;
    for (i = 0; i < s.len; i++) {
        int32_t ch = (unsigned char)s.u.s[i];
        if (!hc_rune_is_space(ch))
            add_rune(&b, ch);
    }
    return buf_result(call, &b, out);
}

/* ---- abbreviations ---- */

/* Appends goutils.AbbreviateFull(s, offset, width) to b (width >= 4 here). */
static void abbreviate(struct hc_buf *b, const char *s, int64_t len, int64_t offset, int64_t width)
{
    if (len == 0)
        return;
    if (len <= width) {
        hc_buf_add(b, s, (size_t)len);
        return;
    }
    if (offset > len)
        offset = len;
    if (len - offset < width - 3)
        offset = len - (width - 3);
    if (offset <= 4) {
        hc_buf_add(b, s, (size_t)(width - 3));
        hc_buf_adds(b, "...");
        return;
    }
    if (width < 7) /* goutils' error; its callers return "" */
        return;
    hc_buf_adds(b, "...");
    if (offset + width - 3 < len) {
        abbreviate(b, s + offset, len - offset, 0, width - 3);
        return;
    }
    hc_buf_add(b, s + len - (width - 3), (size_t)(width - 3));
}

/* abbrev(width, s) */
static hc_status fn_abbrev(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    int64_t width = args[0].u.i;
    hc_val s = args[1];
    if (width < 4 || (int64_t)s.len <= width) {
        *out = s;
        return HC_OK;
    }
    struct hc_buf b = HC_BUF_INIT;
    abbreviate(&b, s.u.s, s.len, 0, width);
    return buf_result(call, &b, out);
}

/* abbrevboth(left, right, s) */
static hc_status fn_abbrevboth(struct hc_call *call, const hc_val *args, uint32_t nargs,
                               hc_val *out)
{
    (void)nargs;
    int64_t left = args[0].u.i, right = args[1].u.i;
    hc_val s = args[2];
    if (right < 4 || (left > 0 && right < 7) || (int64_t)s.len <= right) {
        *out = s;
        return HC_OK;
    }
    struct hc_buf b = HC_BUF_INIT;
    abbreviate(&b, s.u.s, s.len, left, right);
    return buf_result(call, &b, out);
}

/* ---- wrapping ---- */

/* strings.LastIndex(s[0..n), " "), or -1. */
static long last_space(const char *s, size_t n)
{
    while (n > 0)
        if (s[--n] == ' ')
            return (long)n;
    return -1;
}

/* goutils.WrapCustom(str, width, nl, long_words): byte-wise, words split at ' '. */
static hc_status wrap_custom(struct hc_call *call, hc_val str, int64_t width, hc_val nl,
                             bool long_words, hc_val *out)
{
    const char *s = str.u.s;
    size_t len = str.len, off = 0;
    if (len == 0) {
        *out = str;
        return HC_OK;
    }
    if (nl.len == 0)
        nl = hc_strn("\n", 1);
    if (width < 1)
        width = 1;
    struct hc_buf b = HC_BUF_INIT;
    while ((int64_t)(len - off) > width) {
        size_t w = (size_t)width; /* < len - off here */
        if (s[off] == ' ') {
            off++;
            continue;
        }
        long sp = last_space(s + off, w + 1);
        if (sp >= 0) {
            hc_buf_add(&b, s + off, (size_t)sp);
            hc_buf_add(&b, nl.u.s, nl.len);
            off += (size_t)sp + 1;
        } else if (long_words) {
            hc_buf_add(&b, s + off, w);
            hc_buf_add(&b, nl.u.s, nl.len);
            off += w;
        } else {
            const char *q = memchr(s + off + w, ' ', len - off - w);
            if (!q) {
                hc_buf_add(&b, s + off, len - off);
                off = len;
            } else {
                hc_buf_add(&b, s + off, (size_t)(q - (s + off)));
                hc_buf_add(&b, nl.u.s, nl.len);
                off = (size_t)(q - s) + 1;
            }
        }
    }
    hc_buf_add(&b, s + off, len - off);
    return buf_result(call, &b, out);
}

/* wrap(l, s): goutils.Wrap(s, l) */
static hc_status fn_wrap(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    return wrap_custom(call, args[1], args[0].u.i, hc_strn("", 0), false, out);
}

/* wrapWith(l, sep, str): goutils.WrapCustom(str, l, sep, true) */
static hc_status fn_wrap_with(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    return wrap_custom(call, args[2], args[0].u.i, args[1], true, out);
}

/* ---- quoting and concatenation ---- */

static bool is_nil(hc_val v)
{
    return v.kind == HC_NULL || v.kind == HC_MISSING;
}

/* quote(args...): strconv.Quote of each non-nil argument's strval, space-separated. */
static hc_status fn_quote(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    struct hc_buf b = HC_BUF_INIT, sv = HC_BUF_INIT;
    bool first = true;
    hc_status rc = HC_OK;
    for (uint32_t i = 0; i < nargs && rc == HC_OK; i++) {
        if (is_nil(args[i]))
            continue;
        if (!first)
            hc_buf_addc(&b, ' ');
        first = false;
        if (args[i].kind == HC_STRING) {
            hc_gofmt_quote(&b, args[i].u.s, args[i].len);
            continue;
        }
        hc_buf_reset(&sv);
        rc = hc_cast_strval_buf(&sv, args[i]);
        hc_gofmt_quote(&b, hc_buf_str(&sv), sv.len);
    }
    hc_buf_release(&sv);
    if (rc != HC_OK) {
        hc_buf_release(&b);
        return rc == HC_ERR_NOMEM ? hc_error_nomem(call->err)
                                  : hc_call_fail(call, "value nested too deeply");
    }
    return buf_result(call, &b, out);
}

/* squote(args...): fmt.Sprintf("'%v'", arg) of each non-nil argument. */
static hc_status fn_squote(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    struct hc_buf b = HC_BUF_INIT;
    bool first = true;
    hc_status rc = HC_OK;
    for (uint32_t i = 0; i < nargs && rc == HC_OK; i++) {
        if (is_nil(args[i]))
            continue;
        if (!first)
            hc_buf_addc(&b, ' ');
        first = false;
        rc = hc_gofmt_sprintf(&b, "'%v'", 4, &args[i], 1);
    }
    if (rc != HC_OK) {
        hc_buf_release(&b);
        return rc == HC_ERR_NOMEM ? hc_error_nomem(call->err)
                                  : hc_call_fail(call, "value nested too deeply");
    }
    return buf_result(call, &b, out);
}

/* cat(args...): %v of each non-nil argument, space-separated. */
static hc_status fn_cat(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    struct hc_buf b = HC_BUF_INIT;
    bool first = true;
    hc_status rc = HC_OK;
    for (uint32_t i = 0; i < nargs && rc == HC_OK; i++) {
        if (is_nil(args[i]))
            continue;
        if (!first)
            hc_buf_addc(&b, ' ');
        first = false;
        rc = hc_gofmt_sprintf(&b, "%v", 2, &args[i], 1);
    }
    if (rc != HC_OK) {
        hc_buf_release(&b);
        return rc == HC_ERR_NOMEM ? hc_error_nomem(call->err)
                                  : hc_call_fail(call, "value nested too deeply");
    }
    return buf_result(call, &b, out);
}

/* ---- conversions to strings and lists ---- */

static hc_status cast_fail(struct hc_call *call, hc_status rc)
{
    return rc == HC_ERR_NOMEM ? hc_error_nomem(call->err)
                              : hc_call_fail(call, "value nested too deeply");
}

/* toString: strval */
static hc_status fn_to_string(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    hc_status rc = hc_cast_strval(call->arena, args[0], out);
    return rc == HC_OK ? rc : cast_fail(call, rc);
}

/* toStrings: strslice */
static hc_status fn_to_strings(struct hc_call *call, const hc_val *args, uint32_t nargs,
                               hc_val *out)
{
    (void)nargs;
    hc_status rc = hc_cast_strslice(call->arena, args[0], out);
    return rc == HC_OK ? rc : cast_fail(call, rc);
}

/* join(sep, v): strings.Join(strslice(v), sep) */
static hc_status fn_join(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    hc_val list;
    hc_status rc = hc_cast_strslice(call->arena, args[1], &list);
    if (rc != HC_OK)
        return cast_fail(call, rc);
    hc_val sep = args[0];
    uint32_t n = list.u.l ? list.u.l->len : 0;
    if (n == 0) {
        *out = hc_strn("", 0);
        return HC_OK;
    }
    if (n == 1) {
        *out = list.u.l->items[0];
        return HC_OK;
    }
    uint64_t total = (uint64_t)sep.len * (n - 1);
    for (uint32_t i = 0; i < n; i++)
        total += list.u.l->items[i].len;
    if (total > HC_VAL_MAX_LEN)
        return hc_error_nomem(call->err);
    char *w = alloc_str(call, (size_t)total, out);
    if (!w)
        return HC_ERR_NOMEM;
    for (uint32_t i = 0; i < n; i++) {
        if (i > 0) {
            memcpy(w, sep.u.s, sep.len);
            w += sep.len;
        }
        memcpy(w, list.u.l->items[i].u.s, list.u.l->items[i].len);
        w += list.u.l->items[i].len;
    }
    return HC_OK;
}

static int cmp_str_vals(const void *a, const void *b)
{
    const hc_val *x = a, *y = b;
    return hc_strcmp(x->u.s, x->len, y->u.s, y->len);
}

/*
 * sortAlpha(list): strslice of a slice, sorted byte-wise; any other value a
 * one-element list of its strval.  A []string argument is sorted in place, as
 * Go's sort.StringSlice sorts the caller's slice (a variable holding it sees
 * the new order).
 */
static hc_status fn_sort_alpha(struct hc_call *call, const hc_val *args, uint32_t nargs,
                               hc_val *out)
{
    (void)nargs;
    hc_val v = args[0];
    hc_status rc;
    if (v.kind == HC_LIST || v.gotype == HC_GT_BYTES) {
        rc = hc_cast_strslice(call->arena, v, out);
        if (rc != HC_OK)
            return cast_fail(call, rc);
        if (out->u.l && out->u.l->len > 1)
            qsort(out->u.l->items, out->u.l->len, sizeof(hc_val), cmp_str_vals);
        return HC_OK;
    }
    hc_val s;
    rc = hc_cast_strval(call->arena, v, &s);
    if (rc != HC_OK)
        return cast_fail(call, rc);
    struct hc_list *l = hc_list_new(call->arena, 1);
    if (!l)
        return hc_error_nomem(call->err);
    l->items[0] = s;
    *out = hc_list_val(l, HC_GT_STRLIST);
    return HC_OK;
}

/*
 * strings.SplitN(s, sep, n) as a list of views (n < 0: all).  n == 0 gives
 * no list at all (Go's nil); an empty sep splits into UTF-8 sequences.
 */
static hc_status split_n(struct hc_call *call, hc_val s, hc_val sep, int64_t n,
                         struct hc_list **out)
{
    *out = NULL;
    if (n == 0)
        return HC_OK;
    size_t count;
    if (sep.len == 0) {
        count = rune_count(s.u.s, s.len);
        if (n > 0 && (uint64_t)n < count)
            count = (size_t)n;
    } else {
        count = str_count(s.u.s, s.len, sep.u.s, sep.len) + 1;
        if (n > 0 && (uint64_t)n < count)
            count = (size_t)n;
    }
    struct hc_list *l = hc_list_new(call->arena, count);
    if (!l)
        return hc_error_nomem(call->err);
    const char *p = s.u.s;
    size_t rest = s.len;
    for (size_t i = 0; i + 1 < count; i++) {
        size_t m, skip;
        if (sep.len == 0) {
            int32_t r;
            m = hc_rune_decode(p, rest, &r);
            skip = m;
        } else {
            m = (size_t)str_index(p, rest, sep.u.s, sep.len);
            skip = m + sep.len;
        }
        l->items[i] = hc_strn(p, m);
        p += skip;
        rest -= skip;
    }
    if (count > 0)
        l->items[count - 1] = hc_strn(p, rest);
    *out = l;
    return HC_OK;
}

/* splitList(sep, orig) -> []string */
static hc_status fn_split_list(struct hc_call *call, const hc_val *args, uint32_t nargs,
                               hc_val *out)
{
    (void)nargs;
    struct hc_list *l;
    hc_status rc = split_n(call, args[1], args[0], -1, &l);
    if (rc != HC_OK)
        return rc;
    *out = hc_list_val(l, HC_GT_STRLIST);
    return HC_OK;
}

/* The map {"_0": parts[0], "_1": parts[1], ...} split and splitn return. */
static hc_status parts_map(struct hc_call *call, const struct hc_list *l, hc_val *out)
{
    uint32_t n = l ? l->len : 0;
    struct hc_map *m = hc_map_new(call->arena, n);
    if (!m)
        return hc_error_nomem(call->err);
    for (uint32_t i = 0; i < n; i++) {
        char *key = hc_arena_printf(call->arena, "_%u", (unsigned)i);
        if (!key || hc_map_append(call->arena, m, key, strlen(key), l->items[i]) != HC_OK)
            return hc_error_nomem(call->err);
    }
    hc_map_finish(m);
    *out = hc_map_val(m, HC_GT_STRMAP);
    return HC_OK;
}

/* split(sep, orig) -> map[string]string */
static hc_status fn_split(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    struct hc_list *l;
    hc_status rc = split_n(call, args[1], args[0], -1, &l);
    return rc != HC_OK ? rc : parts_map(call, l, out);
}

/* splitn(sep, n, orig) -> map[string]string */
static hc_status fn_splitn(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    struct hc_list *l;
    hc_status rc = split_n(call, args[2], args[0], args[1].u.i, &l);
    return rc != HC_OK ? rc : parts_map(call, l, out);
}

/* ---- xstrings: camelcase (ToPascalCase), snakecase, kebabcase ---- */

/* xstrings' isConnector. */
static bool is_connector(int32_t r)
{
    return r == '-' || r == '_' || hc_rune_is_space(r);
}

/* camelcase: xstrings.ToPascalCase */
static hc_status fn_camelcase(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    const char *s = args[0].u.s;
    size_t n = args[0].len, i = 0, size = 0;
    if (n == 0) {
        *out = args[0];
        return HC_OK;
    }
    struct hc_buf b = HC_BUF_INIT;
    bool first_upper = false;
    int32_t r0 = 0, r1;
    /* leading connectors are kept */
    while (i < n) {
        size = hc_rune_decode(s + i, n - i, &r0);
        i += size;
        if (!is_connector(r0)) {
            first_upper = hc_rune_is_upper(r0);
            r0 = hc_rune_to_upper(r0);
            break;
        }
        add_rune(&b, r0);
    }
    if (i == n) {
        if (size != 0) /* xstrings writes the last rune again, connector or not */
            add_rune(&b, r0);
        return buf_result(call, &b, out);
    }
    while (i < n) {
        r1 = r0;
        size = hc_rune_decode(s + i, n - i, &r0);
        i += size;
        if (is_connector(r0) && is_connector(r1)) {
            add_rune(&b, r1);
            continue;
        }
        if (is_connector(r1)) {
            first_upper = hc_rune_is_upper(r0);
            r0 = hc_rune_to_upper(r0);
        } else {
            if (first_upper) {
                if (hc_rune_is_upper(r0))
                    r0 = hc_rune_to_lower(r0);
                else
                    first_upper = false;
            }
            add_rune(&b, r1);
        }
    }
    add_rune(&b, r0);
    return buf_result(call, &b, out);
}

/* xstrings' isAlphabet: a letter, but not a CJK ideograph. */
static bool is_alphabet(int32_t r)
{
    if (!hc_rune_is_letter(r))
        return false;
    if (r < 0x3400)
        return true;
    if ((r >= 0x4E00 && r <= 0x9FCC) || (r >= 0x3400 && r <= 0x4D85) ||
        (r >= 0x20000 && r <= 0x2B81D))
        return false;
    return true;
}

enum word_type {
    INVALID_WORD,
    NUMBER_WORD,
    UPPER_WORD,
    ALPHA_WORD,
    CONNECTOR_WORD,
    PUNCT_WORD,
    OTHER_WORD
};

struct word {
    enum word_type wt;
    const char *s;
    size_t n;
};

/* xstrings' nextValidRune: skips invalid runes, counting their bytes; prev when none is left. */
static int32_t next_valid_rune(const char *s, size_t n, int32_t prev, size_t *size)
{
    *size = 0;
    while (n > 0) {
        int32_t r;
        size_t w = hc_rune_decode(s, n, &r);
        *size += w;
        if (r != HC_RUNE_ERROR)
            return r;
        s += w;
        n -= w;
    }
    return prev;
}

/* xstrings' nextWord: the leading word of s[0..n) and its type; *rest is what follows. */
static struct word next_word(const char *str, size_t len, const char **rest, size_t *rest_n)
{
    struct word w = {INVALID_WORD, str, 0};
    *rest = str;
    *rest_n = len;
    if (len == 0)
        return w;
    const char *rem = str;
    size_t remn = len, size, offset;
    int32_t r = next_valid_rune(rem, remn, HC_RUNE_ERROR, &size);
    offset = size;
    if (r == HC_RUNE_ERROR) {
        w.n = offset;
        *rest = str + offset;
        *rest_n = len - offset;
        return w;
    }
#define ADVANCE()     \
    do {              \
        rem += size;  \
        remn -= size; \
    } while (0)
    if (is_connector(r)) {
        w.wt = CONNECTOR_WORD;
        ADVANCE();
        while (remn > 0) {
            r = next_valid_rune(rem, remn, r, &size);
            if (!is_connector(r))
                break;
            offset += size;
            ADVANCE();
        }
    } else if (hc_rune_is_punct(r)) {
        w.wt = PUNCT_WORD;
        ADVANCE();
        while (remn > 0) {
            r = next_valid_rune(rem, remn, r, &size);
            if (!hc_rune_is_punct(r))
                break;
            offset += size;
            ADVANCE();
        }
    } else if (hc_rune_is_upper(r)) {
        w.wt = UPPER_WORD;
        ADVANCE();
        if (remn > 0) {
            r = next_valid_rune(rem, remn, r, &size);
            if (hc_rune_is_upper(r)) {
                size_t prev_size = size;
                offset += size;
                ADVANCE();
                while (remn > 0) {
                    r = next_valid_rune(rem, remn, r, &size);
                    if (!hc_rune_is_upper(r))
                        break;
                    prev_size = size;
                    offset += size;
                    ADVANCE();
                }
                /* "HTTPStatus": the S belongs to the next word */
                if (remn > 0 && is_alphabet(r)) {
                    offset -= prev_size;
                    rem = str + offset;
                    remn = len - offset;
                }
            } else if (is_alphabet(r)) {
                offset += size;
                ADVANCE();
                while (remn > 0) {
                    r = next_valid_rune(rem, remn, r, &size);
                    if (!is_alphabet(r) || hc_rune_is_upper(r))
                        break;
                    offset += size;
                    ADVANCE();
                }
            }
        }
    } else if (is_alphabet(r)) {
        w.wt = ALPHA_WORD;
        ADVANCE();
        while (remn > 0) {
            r = next_valid_rune(rem, remn, r, &size);
            if (!is_alphabet(r) || hc_rune_is_upper(r))
                break;
            offset += size;
            ADVANCE();
        }
    } else if (hc_rune_is_number(r)) {
        w.wt = NUMBER_WORD;
        ADVANCE();
        while (remn > 0) {
            r = next_valid_rune(rem, remn, r, &size);
            if (!hc_rune_is_number(r))
                break;
            offset += size;
            ADVANCE();
        }
    } else {
        w.wt = OTHER_WORD;
        ADVANCE();
        while (remn > 0) {
            r = next_valid_rune(rem, remn, r, &size);
            if (size == 0 || is_connector(r) || is_alphabet(r) || hc_rune_is_number(r) ||
                hc_rune_is_punct(r))
                break;
            offset += size;
            ADVANCE();
        }
    }
#undef ADVANCE
    w.n = offset;
    *rest = rem;
    *rest_n = remn;
    return w;
}

/* xstrings' toLower: upper-case and connector words rune by rune, others as they are. */
static void word_lower(struct hc_buf *b, struct word w, char connector)
{
    if (w.wt != UPPER_WORD && w.wt != CONNECTOR_WORD) {
        hc_buf_add(b, w.s, w.n);
        return;
    }
    for (size_t i = 0; i < w.n;) {
        int32_t r;
        i += hc_rune_decode(w.s + i, w.n - i, &r);
        if (is_connector(r))
            hc_buf_addc(b, connector);
        else if (hc_rune_is_upper(r))
            add_rune(b, hc_rune_to_lower(r));
        else
            add_rune(b, r);
    }
}

/* xstrings' camelCaseToLowerCase: snakecase ('_') and kebabcase ('-'). */
static hc_status camel_to_lower(struct hc_call *call, hc_val str, char connector, hc_val *out)
{
    if (str.len == 0) {
        *out = str;
        return HC_OK;
    }
    struct hc_buf b = HC_BUF_INIT;
    const char *rem;
    size_t remn;
    struct word w = next_word(str.u.s, str.len, &rem, &remn);
    while (remn > 0) {
        if (w.wt != CONNECTOR_WORD)
            word_lower(&b, w, connector);
        struct word prev = w;
        w = next_word(rem, remn, &rem, &remn);
        switch (prev.wt) {
        case NUMBER_WORD:
            while (w.wt == ALPHA_WORD || w.wt == NUMBER_WORD) {
                word_lower(&b, w, connector);
                w = next_word(rem, remn, &rem, &remn);
            }
            if (w.wt != INVALID_WORD && w.wt != PUNCT_WORD && w.wt != CONNECTOR_WORD)
                hc_buf_addc(&b, connector);
            break;
        case CONNECTOR_WORD:
            word_lower(&b, prev, connector);
            break;
        case PUNCT_WORD:
            break;
        default:
            if (w.wt != NUMBER_WORD) {
                if (w.wt != CONNECTOR_WORD && w.wt != PUNCT_WORD)
                    hc_buf_addc(&b, connector);
                break;
            }
            if (remn == 0)
                break;
            struct word last = w;
            w = next_word(rem, remn, &rem, &remn);
            /* "Bld4Floor": the number belongs to the previous word */
            if (w.wt != ALPHA_WORD) {
                last.wt = NUMBER_WORD;
                word_lower(&b, last, connector);
                if (w.wt != CONNECTOR_WORD && w.wt != PUNCT_WORD)
                    hc_buf_addc(&b, connector);
                break;
            }
            /* "HTTP2xx": a connector before a number followed by lower case letters */
            hc_buf_addc(&b, connector);
            last.wt = NUMBER_WORD;
            word_lower(&b, last, connector);
            while (w.wt == ALPHA_WORD || w.wt == NUMBER_WORD) {
                word_lower(&b, w, connector);
                w = next_word(rem, remn, &rem, &remn);
            }
            if (w.wt != INVALID_WORD && w.wt != CONNECTOR_WORD && w.wt != PUNCT_WORD)
                hc_buf_addc(&b, connector);
            break;
        }
    }
    word_lower(&b, w, connector);
    return buf_result(call, &b, out);
}

static hc_status fn_snakecase(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    return camel_to_lower(call, args[0], '_', out);
}

static hc_status fn_kebabcase(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    return camel_to_lower(call, args[0], '-', out);
}

/*
 * shuffle: xstrings.Shuffle, a Fisher-Yates shuffle of the runes (invalid
 * bytes as U+FFFD), drawing from the render's randomness through the random
 * family's env hook (funcs.h: hc_funcs_rand_below, from env.c).
 */
static hc_status fn_shuffle(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    size_t n;
    if (args[0].len == 0) {
        *out = args[0];
        return HC_OK;
    }
    int32_t *rs = to_runes(call, args[0], &n);
    if (!rs)
        return HC_ERR_NOMEM;
    for (size_t i = n - 1; i > 0; i--) {
        uint64_t j;
        hc_status rc = hc_funcs_rand_below(call, (uint64_t)i + 1, &j);
        if (rc != HC_OK)
            return rc;
        int32_t t = rs[i];
        rs[i] = rs[j];
        rs[j] = t;
    }
    return from_runes(call, rs, n, out);
}

/* ---- the table ---- */

const struct hc_func hc_funcs_strings[] = {
    {"abbrev",     fn_abbrev,      "is",  HC_FN_NOERR},
    {"abbrevboth", fn_abbrevboth,  "iis", HC_FN_NOERR},
    {"camelcase",  fn_camelcase,   "s",   HC_FN_NOERR},
    {"cat",        fn_cat,         "a*",  HC_FN_NOERR},
    {"contains",   fn_contains,    "ss",  HC_FN_NOERR},
    {"hasPrefix",  fn_has_prefix,  "ss",  HC_FN_NOERR},
    {"hasSuffix",  fn_has_suffix,  "ss",  HC_FN_NOERR},
    {"hello",      fn_hello,       "",    HC_FN_NOERR},
    {"indent",     fn_indent,      "is",  HC_FN_NOERR},
    {"initials",   fn_initials,    "s",   HC_FN_NOERR},
    {"join",       fn_join,        "sa",  HC_FN_NOERR},
    {"kebabcase",  fn_kebabcase,   "s",   HC_FN_NOERR},
    {"lower",      fn_lower,       "s",   HC_FN_NOERR},
    {"nindent",    fn_nindent,     "is",  HC_FN_NOERR},
    {"nospace",    fn_nospace,     "s",   HC_FN_NOERR},
    {"plural",     fn_plural,      "ssi", HC_FN_NOERR},
    {"quote",      fn_quote,       "a*",  HC_FN_NOERR},
    {"repeat",     fn_repeat,      "is",  HC_FN_NOERR},
    {"replace",    fn_replace,     "sss", HC_FN_NOERR},
    {"shuffle",    fn_shuffle,     "s",   HC_FN_NOERR},
    {"snakecase",  fn_snakecase,   "s",   HC_FN_NOERR},
    {"sortAlpha",  fn_sort_alpha,  "a",   HC_FN_NOERR},
    {"split",      fn_split,       "ss",  HC_FN_NOERR},
    {"splitList",  fn_split_list,  "ss",  HC_FN_NOERR},
    {"splitn",     fn_splitn,      "sis", HC_FN_NOERR},
    {"squote",     fn_squote,      "a*",  HC_FN_NOERR},
    {"substr",     fn_substr,      "iis", HC_FN_NOERR},
    {"swapcase",   fn_swapcase,    "s",   HC_FN_NOERR},
    {"title",      fn_title,       "s",   HC_FN_NOERR},
    {"toString",   fn_to_string,   "a",   HC_FN_NOERR},
    {"toStrings",  fn_to_strings,  "a",   HC_FN_NOERR},
    {"trim",       fn_trim,        "s",   HC_FN_NOERR},
    {"trimAll",    fn_trim_all,    "ss",  HC_FN_NOERR},
    {"trimPrefix", fn_trim_prefix, "ss",  HC_FN_NOERR},
    {"trimSuffix", fn_trim_suffix, "ss",  HC_FN_NOERR},
    {"trimall",    fn_trim_all,    "ss",  HC_FN_NOERR},
    {"trunc",      fn_trunc,       "is",  HC_FN_NOERR},
    {"untitle",    fn_untitle,     "s",   HC_FN_NOERR},
    {"upper",      fn_upper,       "s",   HC_FN_NOERR},
    {"wrap",       fn_wrap,        "is",  HC_FN_NOERR},
    {"wrapWith",   fn_wrap_with,   "iss", HC_FN_NOERR},
};
const size_t hc_funcs_strings_len = sizeof hc_funcs_strings / sizeof hc_funcs_strings[0];
