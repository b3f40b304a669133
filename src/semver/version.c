/*
 * version.c - semantic versions: parsing, comparison and printing.
 *
 * Mirrors version.go of github.com/Masterminds/semver/v3 (v3.4.0).
 * NewVersion matches its input against a regular expression; the matcher
 * here (scan_loose) accepts exactly the strings that expression accepts and
 * finds the same groups: every group starts with a character ('.', '-', '+')
 * no earlier group may contain, so the greedy scan is the only way to match.
 */
#include "helmc/semver.h"

#include <inttypes.h>
#include <string.h>

#include "base/buf.h"
#include "semver/semver_internal.h"

#define ERR_INVALID    "invalid semantic version"
#define ERR_EMPTY      "version string empty"
#define ERR_CHARS      "invalid characters in version"
#define ERR_ZERO       "version segment starts with 0"
#define ERR_METADATA   "invalid metadata string"
#define ERR_PRERELEASE "invalid prerelease string"

bool hc_semver_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

bool hc_semver_is_ident(char c)
{
    return hc_semver_is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

/* strconv.ParseUint(s, 10, 64) for a run of ASCII digits. */
static bool parse_uint(const char *s, size_t n, uint64_t *out)
{
    uint64_t x = 0;
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (!hc_semver_is_digit(s[i]))
            return false;
        unsigned d = (unsigned)(s[i] - '0');
        if (x > (UINT64_MAX - d) / 10)
            return false;
        x = x * 10 + d;
    }
    *out = x;
    return true;
}

/* The text Go's strconv.ParseUint error prints for s (only digits reach here, or ""). */
static hc_status uint_error(struct hc_error *err, const char *prefix, const char *s, size_t n)
{
    bool digits = n > 0;
    for (size_t i = 0; i < n; i++)
        digits = digits && hc_semver_is_digit(s[i]);
    return hc_error_set(err, HC_ERR_PARSE, "%sstrconv.ParseUint: parsing \"%.*s\": %s", prefix,
                        (int)n, s, digits ? "value out of range" : "invalid syntax");
}

/* Whether every byte of s is a digit (true for ""). */
static bool only_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!hc_semver_is_digit(s[i]))
            return false;
    return true;
}

static bool only_ident(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!hc_semver_is_ident(s[i]))
            return false;
    return true;
}

/* validatePrerelease: NULL when fine, else the message. */
static const char *check_prerelease(const char *p, size_t n)
{
    size_t i = 0;
    for (;;) {
        size_t j = i;
        while (j < n && p[j] != '.')
            j++;
        size_t len = j - i;
        if (len == 0)
            return ERR_PRERELEASE;
        if (only_digits(p + i, len)) {
            if (len > 1 && p[i] == '0')
                return ERR_ZERO;
        } else if (!only_ident(p + i, len)) {
            return ERR_PRERELEASE;
        }
        if (j == n)
            return NULL;
        i = j + 1;
    }
}

/* validateMetadata. */
static const char *check_metadata(const char *p, size_t n)
{
    size_t i = 0;
    for (;;) {
        size_t j = i;
        while (j < n && p[j] != '.')
            j++;
        if (j == i || !only_ident(p + i, j - i))
            return ERR_METADATA;
        if (j == n)
            return NULL;
        i = j + 1;
    }
}

/* [class]+ (\.[class]+)* from s[i]: the end of the run, or i when none. */
static size_t scan_dotted(const char *s, size_t n, size_t i)
{
    size_t p = i;
    while (p < n && hc_semver_is_ident(s[p]))
        p++;
    if (p == i)
        return i;
    while (p + 1 < n && s[p] == '.' && hc_semver_is_ident(s[p + 1])) {
        p += 2;
        while (p < n && hc_semver_is_ident(s[p]))
            p++;
    }
    return p;
}

bool hc_semver_scan_loose(const char *s, size_t n, struct hc_semver_groups *g)
{
    memset(g, 0, sizeof *g);
    size_t p = 0;
    if (p < n && s[p] == 'v')
        p++;
    g->major = p;
    while (p < n && hc_semver_is_digit(s[p]))
        p++;
    g->major_end = p;
    if (p == g->major)
        return false;
    g->minor = g->minor_end = p;
    if (p + 1 < n && s[p] == '.' && hc_semver_is_digit(s[p + 1])) {
        g->minor = ++p;
        while (p < n && hc_semver_is_digit(s[p]))
            p++;
        g->minor_end = p;
    }
    g->patch = g->patch_end = p;
    if (g->minor_end > g->minor && p + 1 < n && s[p] == '.' && hc_semver_is_digit(s[p + 1])) {
        g->patch = ++p;
        while (p < n && hc_semver_is_digit(s[p]))
            p++;
        g->patch_end = p;
    }
    g->pre = g->pre_end = p;
    if (p < n && s[p] == '-') {
        size_t e = scan_dotted(s, n, p + 1);
        if (e > p + 1) {
            g->pre = p + 1;
            g->pre_end = e;
            p = e;
        }
    }
    g->meta = g->meta_end = p;
    if (p < n && s[p] == '+') {
        size_t e = scan_dotted(s, n, p + 1);
        if (e > p + 1) {
            g->meta = p + 1;
            g->meta_end = e;
            p = e;
        }
    }
    return p == n;
}

hc_status hc_semver_parse(struct hc_semver *v, const char *s, size_t len, struct hc_error *err)
{
    struct hc_semver_groups g;
    if (!hc_semver_scan_loose(s, len, &g))
        return hc_error_set(err, HC_ERR_PARSE, ERR_INVALID);
    static const char prefix[] = "error parsing version segment: ";
    struct hc_semver r;
    memset(&r, 0, sizeof r);
    if (!parse_uint(s + g.major, g.major_end - g.major, &r.major))
        return uint_error(err, prefix, s + g.major, g.major_end - g.major);
    if (g.minor_end > g.minor && !parse_uint(s + g.minor, g.minor_end - g.minor, &r.minor))
        return uint_error(err, prefix, s + g.minor, g.minor_end - g.minor);
    if (g.patch_end > g.patch && !parse_uint(s + g.patch, g.patch_end - g.patch, &r.patch))
        return uint_error(err, prefix, s + g.patch, g.patch_end - g.patch);
    r.pre = s + g.pre;
    r.pre_len = g.pre_end - g.pre;
    r.meta = s + g.meta;
    r.meta_len = g.meta_end - g.meta;
    r.original = s;
    r.original_len = len;
    const char *msg = r.pre_len ? check_prerelease(r.pre, r.pre_len) : NULL;
    if (!msg && r.meta_len)
        msg = check_metadata(r.meta, r.meta_len);
    if (msg)
        return hc_error_set(err, HC_ERR_PARSE, "%s", msg);
    *v = r;
    return HC_OK;
}

hc_status hc_semver_parse_strict(struct hc_semver *v, const char *s, size_t len,
                                 struct hc_error *err)
{
    if (len == 0)
        return hc_error_set(err, HC_ERR_PARSE, ERR_EMPTY);
    /* strings.SplitN(v, ".", 3) must give three parts */
    const char *d1 = memchr(s, '.', len);
    const char *d2 = d1 ? memchr(d1 + 1, '.', len - (size_t)(d1 + 1 - s)) : NULL;
    if (!d2)
        return hc_error_set(err, HC_ERR_PARSE, ERR_INVALID);
    struct hc_semver r;
    memset(&r, 0, sizeof r);
    r.pre = r.meta = "";
    r.original = s;
    r.original_len = len;
    const char *parts[3] = {s, d1 + 1, d2 + 1};
    size_t lens[3] = {(size_t)(d1 - s), (size_t)(d2 - d1 - 1), (size_t)(s + len - d2 - 1)};
    const char *plus = memchr(parts[2], '+', lens[2]);
    if (plus) {
        r.meta = plus + 1;
        r.meta_len = (size_t)(parts[2] + lens[2] - plus - 1);
        lens[2] = (size_t)(plus - parts[2]);
        const char *msg = check_metadata(r.meta, r.meta_len);
        if (msg)
            return hc_error_set(err, HC_ERR_PARSE, "%s", msg);
    }
    const char *dash = memchr(parts[2], '-', lens[2]);
    if (dash) {
        r.pre = dash + 1;
        r.pre_len = (size_t)(parts[2] + lens[2] - dash - 1);
        lens[2] = (size_t)(dash - parts[2]);
        const char *msg = check_prerelease(r.pre, r.pre_len);
        if (msg)
            return hc_error_set(err, HC_ERR_PARSE, "%s", msg);
    }
    for (int i = 0; i < 3; i++) {
        if (!only_digits(parts[i], lens[i]))
            return hc_error_set(err, HC_ERR_PARSE, ERR_CHARS);
        if (lens[i] > 1 && parts[i][0] == '0')
            return hc_error_set(err, HC_ERR_PARSE, ERR_ZERO);
    }
    uint64_t *dst[3] = {&r.major, &r.minor, &r.patch};
    for (int i = 0; i < 3; i++)
        if (!parse_uint(parts[i], lens[i], dst[i]))
            return uint_error(err, "", parts[i], lens[i]);
    *v = r;
    return HC_OK;
}

static int compare_u64(uint64_t a, uint64_t b)
{
    return a < b ? -1 : a > b ? 1 : 0;
}

/* comparePrePart. */
static int compare_pre_part(const char *s, size_t sn, const char *o, size_t on)
{
    if (sn == on && memcmp(s, o, sn) == 0)
        return 0;
    if (sn == 0)
        return -1;
    if (on == 0)
        return 1;
    uint64_t si = 0, oi = 0;
    bool onum = parse_uint(o, on, &oi), snum = parse_uint(s, sn, &si);
    if (!onum && !snum) {
        size_t m = sn < on ? sn : on;
        int c = memcmp(s, o, m);
        bool greater = c > 0 || (c == 0 && sn > on);
        return greater ? 1 : -1;
    }
    if (!onum)
        return -1; /* a number sorts before a string */
    if (!snum)
        return 1;
    return si > oi ? 1 : -1;
}

int hc_semver_compare_prerelease(const char *v, size_t vn, const char *o, size_t on)
{
    /* strings.Split on "." of both, compared part by part, "" filling the shorter */
    size_t vi = 0, oi = 0;
    bool vdone = false, odone = false;
    while (!vdone || !odone) {
        const char *vp = "", *op = "";
        size_t vl = 0, ol = 0;
        if (!vdone) {
            const char *d = memchr(v + vi, '.', vn - vi);
            size_t end = d ? (size_t)(d - v) : vn;
            vp = v + vi;
            vl = end - vi;
            if (d)
                vi = end + 1;
            else
                vdone = true;
        }
        if (!odone) {
            const char *d = memchr(o + oi, '.', on - oi);
            size_t end = d ? (size_t)(d - o) : on;
            op = o + oi;
            ol = end - oi;
            if (d)
                oi = end + 1;
            else
                odone = true;
        }
        int c = compare_pre_part(vp, vl, op, ol);
        if (c != 0)
            return c;
    }
    return 0;
}

int hc_semver_compare(const struct hc_semver *a, const struct hc_semver *b)
{
    int d = compare_u64(a->major, b->major);
    if (d == 0)
        d = compare_u64(a->minor, b->minor);
    if (d == 0)
        d = compare_u64(a->patch, b->patch);
    if (d != 0)
        return d;
    if (a->pre_len == 0 && b->pre_len == 0)
        return 0;
    if (a->pre_len == 0)
        return 1;
    if (b->pre_len == 0)
        return -1;
    return hc_semver_compare_prerelease(a->pre, a->pre_len, b->pre, b->pre_len);
}

void hc_semver_format(struct hc_buf *b, const struct hc_semver *v)
{
    hc_buf_printf(b, "%" PRIu64 ".%" PRIu64 ".%" PRIu64, v->major, v->minor, v->patch);
    if (v->pre_len) {
        hc_buf_addc(b, '-');
        hc_buf_add(b, v->pre, v->pre_len);
    }
    if (v->meta_len) {
        hc_buf_addc(b, '+');
        hc_buf_add(b, v->meta, v->meta_len);
    }
}
