/*
 * semver_min.c - the part of Masterminds semver v3.4 that loading and
 * rendering a chart need: NewVersion's syntax (Chart.yaml's version) and
 * NewConstraint/Check (Chart.yaml's kubeVersion against the cluster's).
 *
 * Mirrors version.go (versionRegex: "v" prefix, one to three numeric parts
 * without leading zeros, a dotted prerelease, dotted metadata) and
 * constraints.go (operators = != > < >= => <= =< ~ ~> ^, x, X and * wildcards that
 * make a constraint "dirty", "a - b" ranges, AND by spaces or commas, OR by
 * "||", prereleases admitted only by AND groups that mention one).  Until the
 * full semver module lands, this is the one copy of these rules.
 */
#include "chart/chart.h"

#include <stdlib.h>
#include <string.h>

struct sv {
    uint64_t major, minor, patch;
    const char *pre; /* without '-'; length pre_len (0: none) */
    size_t pre_len;
};

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_ident(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

/* A number without leading zeros; false if none or too big. */
static bool parse_num(const char *s, size_t n, size_t *i, uint64_t *out)
{
    size_t start = *i;
    uint64_t v = 0;
    while (*i < n && is_digit(s[*i])) {
        uint64_t d = (uint64_t)(s[*i] - '0');
        if (v > (UINT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
        (*i)++;
    }
    if (*i == start || (s[start] == '0' && *i - start > 1))
        return false;
    *out = v;
    return true;
}

/* Dot-separated identifiers from s[*i]; numeric ones without leading zeros when strict. */
static bool parse_idents(const char *s, size_t n, size_t *i, bool prerelease)
{
    for (;;) {
        size_t start = *i;
        bool numeric = true;
        while (*i < n && is_ident(s[*i])) {
            if (!is_digit(s[*i]))
                numeric = false;
            (*i)++;
        }
        if (*i == start)
            return false;
        if (prerelease && numeric && s[start] == '0' && *i - start > 1)
            return false;
        if (*i < n && s[*i] == '.') {
            (*i)++;
            continue;
        }
        return true;
    }
}

/* semver.NewVersion. */
static bool parse_version(const char *s, size_t n, struct sv *v)
{
    size_t i = 0;
    memset(v, 0, sizeof *v);
    if (i < n && s[i] == 'v')
        i++;
    if (!parse_num(s, n, &i, &v->major))
        return false;
    if (i < n && s[i] == '.') {
        i++;
        if (!parse_num(s, n, &i, &v->minor))
            return false;
        if (i < n && s[i] == '.') {
            i++;
            if (!parse_num(s, n, &i, &v->patch))
                return false;
        }
    }
    if (i < n && s[i] == '-') {
        i++;
        v->pre = s + i;
        if (!parse_idents(s, n, &i, true))
            return false;
        v->pre_len = (size_t)(s + i - v->pre);
    }
    if (i < n && s[i] == '+') {
        i++;
        if (!parse_idents(s, n, &i, false))
            return false;
    }
    return i == n;
}

bool hc_chart_semver_valid(const char *s, size_t n)
{
    struct sv v;
    return parse_version(s, n, &v);
}

static int cmp_u64(uint64_t a, uint64_t b)
{
    return a < b ? -1 : a > b;
}

/* comparePrePart: numeric identifiers sort before alphanumeric ones. */
static int cmp_pre_part(const char *a, size_t an, const char *b, size_t bn)
{
    bool anum = an > 0, bnum = bn > 0;
    for (size_t i = 0; i < an; i++)
        anum = anum && is_digit(a[i]);
    for (size_t i = 0; i < bn; i++)
        bnum = bnum && is_digit(b[i]);
    if (anum && bnum) {
        if (an != bn)
            return an < bn ? -1 : 1;
        int c = memcmp(a, b, an);
        return c < 0 ? -1 : c > 0;
    }
    if (anum)
        return -1;
    if (bnum)
        return 1;
    size_t m = an < bn ? an : bn;
    int c = memcmp(a, b, m);
    if (c)
        return c < 0 ? -1 : 1;
    return an < bn ? -1 : an > bn;
}

static int cmp_pre(const struct sv *a, const struct sv *b)
{
    if (a->pre_len == 0 && b->pre_len == 0)
        return 0;
    if (a->pre_len == 0)
        return 1;
    if (b->pre_len == 0)
        return -1;
    const char *x = a->pre, *y = b->pre;
    size_t xn = a->pre_len, yn = b->pre_len;
    while (xn > 0 || yn > 0) {
        if (xn == 0)
            return -1;
        if (yn == 0)
            return 1;
        const char *xd = memchr(x, '.', xn), *yd = memchr(y, '.', yn);
        size_t xl = xd ? (size_t)(xd - x) : xn, yl = yd ? (size_t)(yd - y) : yn;
        int c = cmp_pre_part(x, xl, y, yl);
        if (c)
            return c;
        x += xl + (xd ? 1 : 0);
        xn -= xl + (xd ? 1 : 0);
        y += yl + (yd ? 1 : 0);
        yn -= yl + (yd ? 1 : 0);
    }
    return 0;
}

static int compare(const struct sv *a, const struct sv *b)
{
    int c = cmp_u64(a->major, b->major);
    if (!c)
        c = cmp_u64(a->minor, b->minor);
    if (!c)
        c = cmp_u64(a->patch, b->patch);
    if (!c)
        c = cmp_pre(a, b);
    return c;
}

/* ---- constraints ---- */

enum op { OP_EQ, OP_NE, OP_GT, OP_LT, OP_GE, OP_LE, OP_TILDE, OP_CARET };

struct con {
    enum op op;
    struct sv v;
    bool dirty, minor_dirty, patch_dirty;
};

static bool is_x(const char *s, size_t n)
{
    return n == 1 && (s[0] == 'x' || s[0] == 'X' || s[0] == '*');
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* One "OP VERSION" at s[*i] (cvRegex, with wildcards), as parseConstraint reads it. */
static bool parse_con(const char *s, size_t n, size_t *i, struct con *c)
{
    static const struct {
        const char *text;
        enum op op;
    } ops[] = {{"!=", OP_NE}, {">=", OP_GE}, {"=>", OP_GE}, {"<=", OP_LE}, {"=<", OP_LE},
               {"~>", OP_TILDE}, {">", OP_GT}, {"<", OP_LT}, {"=", OP_EQ}, {"~", OP_TILDE},
               {"^", OP_CARET}};
    memset(c, 0, sizeof *c);
    c->op = OP_EQ;
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        size_t l = strlen(ops[k].text);
        if (n - *i >= l && memcmp(s + *i, ops[k].text, l) == 0) {
            c->op = ops[k].op;
            *i += l;
            break;
        }
    }
    while (*i < n && is_space(s[*i]))
        (*i)++;
    if (*i < n && s[*i] == 'v')
        (*i)++;
    /* up to three parts of digits or wildcards ("[0-9|x|X|\*]+" in the regex) */
    const char *part[3] = {NULL, NULL, NULL};
    size_t plen[3] = {0, 0, 0};
    for (int k = 0; k < 3; k++) {
        if (k > 0) {
            if (*i >= n || s[*i] != '.')
                break;
            (*i)++;
        }
        size_t start = *i;
        while (*i < n && (is_digit(s[*i]) || s[*i] == 'x' || s[*i] == 'X' || s[*i] == '*' ||
                          s[*i] == '|'))
            (*i)++;
        if (*i == start)
            return false;
        part[k] = s + start;
        plen[k] = *i - start;
    }
    const char *pre = NULL;
    size_t pre_len = 0;
    if (*i < n && s[*i] == '-') {
        (*i)++;
        pre = s + *i;
        if (!parse_idents(s, n, i, false))
            return false;
        pre_len = (size_t)(s + *i - pre);
    }
    if (*i < n && s[*i] == '+') {
        (*i)++;
        if (!parse_idents(s, n, i, false))
            return false;
    }
    /* the version the constraint compares with: wildcards become zeros */
    uint64_t num[3] = {0, 0, 0};
    int known = 3;
    for (int k = 0; k < 3; k++) {
        if (!part[k] || is_x(part[k], plen[k])) {
            known = k;
            break;
        }
        size_t j = 0;
        if (!parse_num(part[k], plen[k], &j, &num[k]) || j != plen[k])
            return false;
    }
    c->dirty = known < 3;
    c->minor_dirty = known == 1;
    c->patch_dirty = known == 2;
    if (known == 0)
        c->minor_dirty = false;
    c->v.major = num[0];
    c->v.minor = known > 1 ? num[1] : 0;
    c->v.patch = known > 2 ? num[2] : 0;
    c->v.pre = pre;
    c->v.pre_len = pre_len;
    if (pre && !parse_idents(pre, pre_len, &(size_t){0}, true))
        return false;
    return true;
}

static bool check_tilde(const struct sv *v, const struct con *c)
{
    if (compare(v, &c->v) < 0)
        return false;
    if (c->v.major == 0 && c->v.minor == 0 && c->v.patch == 0 && !c->minor_dirty &&
        !c->patch_dirty)
        return true;
    if (v->major != c->v.major)
        return false;
    if (v->minor != c->v.minor && !c->minor_dirty)
        return false;
    return true;
}

static bool check(const struct sv *v, const struct con *c, bool include_pre)
{
    if (v->pre_len && !include_pre)
        return false;
    switch (c->op) {
    case OP_EQ:
        return c->dirty ? check_tilde(v, c) : compare(v, &c->v) == 0;
    case OP_NE:
        if (c->dirty) {
            if (c->v.major != v->major)
                return true;
            if (c->v.minor != v->minor && !c->minor_dirty)
                return true;
            if (c->minor_dirty)
                return false;
            if (c->v.patch != v->patch && !c->patch_dirty)
                return true;
            if (c->patch_dirty)
                return (v->pre_len || c->v.pre_len) && cmp_pre(v, &c->v) != 0;
        }
        return compare(v, &c->v) != 0;
    case OP_GT:
        if (!c->dirty)
            return compare(v, &c->v) > 0;
        if (v->major != c->v.major)
            return v->major > c->v.major;
        if (c->minor_dirty)
            return false;
        if (c->patch_dirty)
            return v->minor > c->v.minor;
        return compare(v, &c->v) > 0;
    case OP_LT:
        return compare(v, &c->v) < 0;
    case OP_GE:
        return compare(v, &c->v) >= 0;
    case OP_LE:
        if (!c->dirty)
            return compare(v, &c->v) <= 0;
        if (v->major > c->v.major)
            return false;
        if (v->major == c->v.major && v->minor > c->v.minor && !c->minor_dirty)
            return false;
        return true;
    case OP_TILDE:
        return check_tilde(v, c);
    case OP_CARET:
        if (compare(v, &c->v) < 0)
            return false;
        if (c->v.major > 0 || c->minor_dirty)
            return v->major == c->v.major;
        if (v->major > 0)
            return false;
        if (c->v.minor > 0 || c->patch_dirty)
            return v->minor == c->v.minor;
        if (v->minor > 0)
            return false;
        return c->v.patch == v->patch;
    }
    return false;
}

/* One AND group (between "||"): true/false, or -1 when it does not parse. */
static int check_group(const struct sv *v, const char *s, size_t n)
{
    struct con cons[64];
    size_t ncons = 0;
    bool has_pre = false;
    size_t i = 0;
    while (i < n && is_space(s[i]))
        i++;
    if (i == n)
        return -1;
    while (i < n) {
        if (ncons == sizeof cons / sizeof cons[0])
            return -1;
        /* "A - B" is ">= A, <= B" */
        size_t save = i;
        struct con a, b;
        if (!parse_con(s, n, &i, &a))
            return -1;
        size_t j = i;
        while (j < n && is_space(s[j]))
            j++;
        if (j > i && j < n && s[j] == '-' && j + 1 < n && is_space(s[j + 1]) &&
            a.op == OP_EQ && s[save] != '=') {
            j++;
            while (j < n && is_space(s[j]))
                j++;
            if (!parse_con(s, n, &j, &b) || b.op != OP_EQ || s[j - 1] == '=')
                return -1;
            a.op = OP_GE;
            b.op = OP_LE;
            cons[ncons++] = a;
            if (ncons == sizeof cons / sizeof cons[0])
                return -1;
            cons[ncons++] = b;
            has_pre = has_pre || a.v.pre_len || b.v.pre_len;
            i = j;
        } else {
            cons[ncons++] = a;
            has_pre = has_pre || a.v.pre_len;
        }
        /* separators: white space, or a comma with optional white space */
        size_t k = i;
        while (k < n && is_space(s[k]))
            k++;
        if (k < n && s[k] == ',') {
            k++;
            while (k < n && is_space(s[k]))
                k++;
            if (k == n)
                return -1;
        } else if (k < n && k == i) {
            return -1; /* two constraints need something between them */
        }
        i = k;
    }
    for (size_t k = 0; k < ncons; k++)
        if (!check(v, &cons[k], has_pre))
            return 0;
    return 1;
}

bool hc_chart_semver_satisfies(const char *constraint, const char *version)
{
    struct sv v;
    if (!parse_version(version, strlen(version), &v))
        return false;
    const char *s = constraint;
    size_t n = strlen(s);
    bool any = false;
    for (;;) {
        const char *bar = NULL;
        for (size_t i = 0; i + 1 < n; i++)
            if (s[i] == '|' && s[i + 1] == '|') {
                bar = s + i;
                break;
            }
        size_t len = bar ? (size_t)(bar - s) : n;
        int r = check_group(&v, s, len);
        if (r < 0)
            return false; /* NewConstraint fails: IsCompatibleRange is false */
        if (r > 0)
            any = true;
        if (!bar)
            break;
        s = bar + 2;
        n -= len + 2;
    }
    return any;
}
