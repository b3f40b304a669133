/*
 * constraint.c - version constraints: parsing and checking.
 *
 * Mirrors constraints.go of github.com/Masterminds/semver/v3 (v3.4.0).  Go
 * applies four regular expressions (leftmost-first, RE2); this file matches
 * the same strings by hand, with the same groups:
 *
 *   cv     v?([0-9|xX*]+)(\.[0-9|xX*]+)?(\.[0-9|xX*]+)?(-ident(\.ident)*)?(\+ident(\.ident)*)?
 *          (the character class [0-9|x|X|\*] includes '|', so "1|2" is one version)
 *   range  \s*(cv)\s+-\s+(cv)\s*            hyphen ranges, rewritten to ">= A, <= B "
 *   valid  ^\s*op\s*cv\s*((\s+|,\s*)op\s*cv\s*)*$     one "||" group
 *   find   op\s*cv                            the parts of a valid group
 *
 * with op one of "" = != > < >= => <= =< ~ ~> ^ and \s Go's [\t\n\f\r ].  As
 * no group of cv may hold the character that starts the next one, each match
 * of cv is the greedy scan; a valid group is then a sequence of "operator,
 * version token" pairs whose tokens end at white space, ',' or the end, which
 * is how parse_group reads it, taking the parts the find expression would.
 *
 * The scans are linear per start position; hyphen-range search restarts at
 * each position as Go's unanchored search does, so a hostile constraint of
 * length n may cost O(n^2) (callers bound their inputs).
 */
#include "helmc/semver.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "semver/semver_internal.h"

enum op {
    OP_TILDE_OR_EQUAL, /* "" and "=" */
    OP_NOT_EQUAL,      /* != */
    OP_GREATER,        /* > */
    OP_LESS,           /* < */
    OP_GREATER_EQUAL,  /* >= => */
    OP_LESS_EQUAL,     /* <= =< */
    OP_TILDE,          /* ~ ~> */
    OP_CARET           /* ^ */
};

struct constraint {
    struct hc_semver con; /* the version checked against; strings point into the owned text */
    const char *orig;     /* the version as written */
    size_t orig_len;
    const char *opstr; /* the operator as written */
    size_t op_len;
    enum op op;
    bool minor_dirty, patch_dirty, dirty;
};

struct group {
    size_t first, count; /* constraints[first .. first+count) */
    bool has_pre;        /* some part names a prerelease */
};

struct hc_semver_constraints {
    char *text; /* the text after rewriting hyphen ranges */
    struct group *groups;
    size_t ngroups;
    struct constraint *cons;
    size_t ncons, cap;
};

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* [0-9|xX*] */
static bool is_xclass(char c)
{
    return hc_semver_is_digit(c) || c == '|' || c == 'x' || c == 'X' || c == '*';
}

static bool is_opchar(char c)
{
    return c == '=' || c == '!' || c == '>' || c == '<' || c == '~' || c == '^';
}

/* Groups of one cv match, as offsets; minor/patch include their '.', pre its '-'. */
struct cv {
    size_t start, end;
    size_t major, major_end, minor, minor_end, patch, patch_end, pre, pre_end;
};

static size_t run_of(const char *s, size_t n, size_t p, bool (*cls)(char))
{
    while (p < n && cls(s[p]))
        p++;
    return p;
}

/* The greedy match of cv at s[i]; false when cv does not match there. */
static bool cv_scan(const char *s, size_t n, size_t i, struct cv *m)
{
    size_t p = i;
    memset(m, 0, sizeof *m);
    m->start = i;
    if (p < n && s[p] == 'v') {
        if (p + 1 >= n || !is_xclass(s[p + 1]))
            return false;
        p++;
    }
    m->major = p;
    p = run_of(s, n, p, is_xclass);
    m->major_end = p;
    if (p == m->major)
        return false;
    m->minor = m->minor_end = p;
    if (p + 1 < n && s[p] == '.' && is_xclass(s[p + 1])) {
        m->minor = p;
        p = m->minor_end = run_of(s, n, p + 1, is_xclass);
        if (p + 1 < n && s[p] == '.' && is_xclass(s[p + 1])) {
            m->patch = p;
            p = run_of(s, n, p + 1, is_xclass);
        } else {
            m->patch = p;
        }
    } else {
        m->patch = p;
    }
    m->patch_end = p;
    m->pre = m->pre_end = p;
    for (int k = 0; k < 2; k++) { /* prerelease, then metadata */
        char lead = k == 0 ? '-' : '+';
        if (p + 1 < n && s[p] == lead && hc_semver_is_ident(s[p + 1])) {
            size_t q = run_of(s, n, p + 1, hc_semver_is_ident);
            while (q + 1 < n && s[q] == '.' && hc_semver_is_ident(s[q + 1]))
                q = run_of(s, n, q + 1, hc_semver_is_ident);
            if (k == 0) {
                m->pre = p;
                m->pre_end = q;
            }
            p = q;
        }
    }
    m->end = p;
    return true;
}

/* ---- rewriteRange ---- */

/* One match of the range expression at or after *from: [*ms, *me) and the two versions. */
static bool range_find(const char *s, size_t n, size_t from, size_t *ms, size_t *me, struct cv *a,
                       struct cv *b)
{
    for (size_t s0 = from; s0 < n; s0++) {
        size_t p = s0;
        while (p < n && is_space(s[p]))
            p++;
        /* the first version runs to the next white space, which must follow it */
        size_t e = p;
        while (e < n && !is_space(s[e]))
            e++;
        if (e == n || !cv_scan(s, n, p, a) || a->end != e)
            continue;
        size_t q = e;
        while (q < n && is_space(s[q]))
            q++;
        if (q >= n || s[q] != '-' || q + 1 >= n || !is_space(s[q + 1]))
            continue;
        q++;
        while (q < n && is_space(s[q]))
            q++;
        if (!cv_scan(s, n, q, b))
            continue;
        q = b->end;
        while (q < n && is_space(s[q]))
            q++;
        *ms = s0;
        *me = q;
        return true;
    }
    return false;
}

/* Finds needle in hay (memmem, which C11 lacks). */
static const char *find_bytes(const char *hay, size_t hn, const char *needle, size_t nn)
{
    if (nn == 0)
        return hay;
    for (size_t i = 0; i + nn <= hn; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, nn) == 0)
            return hay + i;
    return NULL;
}

/*
 * rewriteRange: every match of the range expression in s, in order, turned
 * into ">= A, <= B " by replacing the first occurrence of the matched text in
 * the text rewritten so far (strings.Replace(o, match, t, 1)).
 */
static hc_status rewrite_ranges(const char *s, size_t n, struct hc_buf *out)
{
    hc_buf_add(out, s, n);
    struct hc_buf t = HC_BUF_INIT, next = HC_BUF_INIT;
    size_t from = 0, ms, me;
    struct cv a, b;
    while (from < n && range_find(s, n, from, &ms, &me, &a, &b)) {
        hc_buf_reset(&t);
        hc_buf_adds(&t, ">= ");
        hc_buf_add(&t, s + a.start, a.end - a.start);
        hc_buf_adds(&t, ", <= ");
        hc_buf_add(&t, s + b.start, b.end - b.start);
        hc_buf_addc(&t, ' ');
        const char *hit = find_bytes(hc_buf_str(out), out->len, s + ms, me - ms);
        if (hit) {
            size_t at = (size_t)(hit - out->data);
            hc_buf_reset(&next);
            hc_buf_add(&next, out->data, at);
            hc_buf_add(&next, t.data, t.len);
            hc_buf_add(&next, out->data + at + (me - ms), out->len - at - (me - ms));
            struct hc_buf tmp = *out;
            *out = next;
            next = tmp;
        }
        from = me > ms ? me : ms + 1;
    }
    bool ok = hc_buf_ok(&t) && hc_buf_ok(&next) && hc_buf_ok(out);
    hc_buf_release(&t);
    hc_buf_release(&next);
    return ok ? HC_OK : HC_ERR_NOMEM;
}

/* ---- parsing one "||" group ---- */

static bool op_of(const char *s, size_t n, enum op *op)
{
    static const struct {
        const char *text;
        enum op op;
    } ops[] = {
        {"",   OP_TILDE_OR_EQUAL},
        {"=",  OP_TILDE_OR_EQUAL},
        {"!=", OP_NOT_EQUAL     },
        {">",  OP_GREATER       },
        {"<",  OP_LESS          },
        {">=", OP_GREATER_EQUAL },
        {"=>", OP_GREATER_EQUAL },
        {"<=", OP_LESS_EQUAL    },
        {"=<", OP_LESS_EQUAL    },
        {"~",  OP_TILDE         },
        {"~>", OP_TILDE         },
        {"^",  OP_CARET         },
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strlen(ops[i].text) == n && memcmp(ops[i].text, s, n) == 0) {
            *op = ops[i].op;
            return true;
        }
    return false;
}

static bool is_x(const char *s, size_t n)
{
    return n == 1 && (s[0] == 'x' || s[0] == '*' || s[0] == 'X');
}

static hc_status add_constraint(struct hc_semver_constraints *c, const struct constraint *k)
{
    if (c->ncons == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 8;
        struct constraint *p = hc_realloc(c->cons, hc_mul_size(cap, sizeof *p));
        if (!p)
            return HC_ERR_NOMEM;
        c->cons = p;
        c->cap = cap;
    }
    c->cons[c->ncons++] = *k;
    return HC_OK;
}

/*
 * parseConstraint for one part: operator s[os..oe) and version m.  The
 * constraint version is built as Go builds it ("0.0.0-pre", "1.0.0-pre",
 * "1.2.0-pre" when x or missing parts make it dirty) and parsed by
 * NewVersion; its prerelease then points at the same bytes in s.
 */
static hc_status make_constraint(const char *s, enum op op, size_t os, size_t oe,
                                 const struct cv *m, struct constraint *k, struct hc_error *err)
{
    memset(k, 0, sizeof *k);
    k->op = op;
    k->opstr = s + os;
    k->op_len = oe - os;
    k->orig = s + m->start;
    k->orig_len = m->end - m->start;
    const char *major = s + m->major, *pre = s + m->pre;
    size_t major_len = m->major_end - m->major, pre_len = m->pre_end - m->pre;
    size_t minor_len = m->minor_end - m->minor, patch_len = m->patch_end - m->patch;
    struct hc_buf ver = HC_BUF_INIT;
    bool built = true;
    if (is_x(major, major_len)) {
        hc_buf_adds(&ver, "0.0.0");
        k->dirty = true;
    } else if (minor_len == 0 || is_x(s + m->minor + 1, minor_len - 1)) {
        hc_buf_add(&ver, major, major_len);
        hc_buf_adds(&ver, ".0.0");
        k->minor_dirty = k->dirty = true;
    } else if (patch_len == 0 || is_x(s + m->patch + 1, patch_len - 1)) {
        hc_buf_add(&ver, major, major_len);
        hc_buf_add(&ver, s + m->minor, minor_len);
        hc_buf_adds(&ver, ".0");
        k->patch_dirty = k->dirty = true;
    } else {
        built = false;
    }
    if (built)
        hc_buf_add(&ver, pre, pre_len);
    if (!hc_buf_ok(&ver)) {
        hc_buf_release(&ver);
        return HC_ERR_NOMEM;
    }
    struct hc_semver v;
    hc_status rc = built ? hc_semver_parse(&v, hc_buf_str(&ver), ver.len, NULL)
                         : hc_semver_parse(&v, k->orig, k->orig_len, NULL);
    hc_buf_release(&ver);
    if (rc != HC_OK)
        return hc_error_set(err, HC_ERR_PARSE, "constraint parser error");
    if (built) {
        /* the built text dies here: point at the same bytes in s */
        v.pre = pre_len ? pre + 1 : "";
        v.pre_len = pre_len ? pre_len - 1 : 0;
        v.meta = "";
        v.meta_len = 0;
        v.original = k->orig;
        v.original_len = k->orig_len;
    }
    k->con = v;
    return HC_OK;
}

/* Parses the group s[b..e) into c's next group; HC_ERR_PARSE when it is improper. */
static hc_status parse_group(struct hc_semver_constraints *c, size_t b, size_t e,
                             struct hc_error *err)
{
    const char *s = c->text;
    struct group g = {c->ncons, 0, false};
    size_t p = b;
    while (p < e && is_space(s[p]))
        p++;
    for (;;) {
        size_t os = p;
        while (p < e && is_opchar(s[p]))
            p++;
        size_t oe = p;
        enum op op;
        if (!op_of(s + os, oe - os, &op))
            goto improper;
        while (p < e && is_space(s[p]))
            p++;
        size_t ts = p;
        while (p < e && !is_space(s[p]) && s[p] != ',')
            p++;
        struct cv m;
        if (p == ts || !cv_scan(s, p, ts, &m) || m.end != p)
            goto improper;
        struct constraint k;
        hc_status rc = make_constraint(s, op, os, oe, &m, &k, err);
        if (rc == HC_OK)
            rc = add_constraint(c, &k);
        if (rc != HC_OK)
            return rc;
        g.count++;
        g.has_pre = g.has_pre || k.con.pre_len > 0;
        size_t ws = p;
        while (p < e && is_space(s[p]))
            p++;
        if (p == e)
            break;
        if (s[p] == ',') {
            p++;
            while (p < e && is_space(s[p]))
                p++;
        } else if (p == ws) {
            goto improper;
        }
    }
    c->groups[c->ngroups++] = g;
    return HC_OK;
improper:
    c->ncons = g.first;
    return hc_error_set(err, HC_ERR_PARSE, "improper constraint: %.*s", (int)(e - b), s + b);
}

void hc_semver_constraints_free(struct hc_semver_constraints *c)
{
    if (!c)
        return;
    hc_free(c->text);
    hc_free(c->groups);
    hc_free(c->cons);
    hc_free(c);
}

hc_status hc_semver_constraints_parse(const char *s, size_t len, struct hc_semver_constraints **out,
                                      struct hc_error *err)
{
    *out = NULL;
    struct hc_semver_constraints *c = hc_calloc(1, sizeof *c);
    struct hc_buf text = HC_BUF_INIT;
    if (!c || rewrite_ranges(s, len, &text) != HC_OK)
        goto nomem;
    size_t n = text.len;
    c->text = hc_buf_detach(&text, NULL);
    if (!c->text && (c->text = hc_calloc(1, 1)) == NULL)
        goto nomem;
    size_t ngroups = 1;
    for (size_t i = 0; i + 1 < n; i++)
        if (c->text[i] == '|' && c->text[i + 1] == '|') {
            ngroups++;
            i++;
        }
    c->groups = hc_malloc(hc_mul_size(ngroups, sizeof *c->groups));
    if (!c->groups)
        goto nomem;
    size_t b = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && !(i + 1 < n && c->text[i] == '|' && c->text[i + 1] == '|'))
            continue;
        hc_status rc = parse_group(c, b, i, err);
        if (rc == HC_ERR_NOMEM)
            goto nomem;
        if (rc != HC_OK) {
            hc_semver_constraints_free(c);
            return rc;
        }
        i++; /* past the second '|' */
        b = i + 1;
    }
    *out = c;
    return HC_OK;
nomem:
    hc_buf_release(&text);
    hc_semver_constraints_free(c);
    return hc_error_nomem(err);
}

/* ---- checking ---- */

static bool same_major_minor(const struct hc_semver *v, const struct constraint *k)
{
    return v->major == k->con.major && (v->minor == k->con.minor || k->minor_dirty);
}

/* constraintTilde (the prerelease gate already passed). */
static bool tilde(const struct hc_semver *v, const struct constraint *k)
{
    if (hc_semver_compare(v, &k->con) < 0)
        return false;
    /* ~0.0.0 is a special case where all constraints are accepted */
    if (k->con.major == 0 && k->con.minor == 0 && k->con.patch == 0 && !k->minor_dirty &&
        !k->patch_dirty)
        return true;
    return same_major_minor(v, k);
}

static bool not_equal(const struct hc_semver *v, const struct constraint *k)
{
    if (k->dirty) {
        if (k->con.major != v->major)
            return true;
        if (k->con.minor != v->minor && !k->minor_dirty)
            return true;
        if (k->minor_dirty)
            return false;
        if (k->con.patch != v->patch && !k->patch_dirty)
            return true;
        if (k->patch_dirty) {
            if (v->pre_len || k->con.pre_len)
                return hc_semver_compare_prerelease(v->pre, v->pre_len, k->con.pre,
                                                    k->con.pre_len) != 0;
            return false;
        }
    }
    return hc_semver_compare(v, &k->con) != 0;
}

static bool greater(const struct hc_semver *v, const struct constraint *k)
{
    if (!k->dirty)
        return hc_semver_compare(v, &k->con) == 1;
    if (v->major > k->con.major)
        return true;
    if (v->major < k->con.major || k->minor_dirty)
        return false;
    if (k->patch_dirty)
        return v->minor > k->con.minor;
    return hc_semver_compare(v, &k->con) == 1;
}

static bool less_equal(const struct hc_semver *v, const struct constraint *k)
{
    if (!k->dirty)
        return hc_semver_compare(v, &k->con) <= 0;
    if (v->major > k->con.major)
        return false;
    if (v->major == k->con.major && v->minor > k->con.minor && !k->minor_dirty)
        return false;
    return true;
}

static bool caret(const struct hc_semver *v, const struct constraint *k)
{
    if (hc_semver_compare(v, &k->con) < 0)
        return false;
    if (k->con.major > 0 || k->minor_dirty)
        return v->major == k->con.major;
    if (v->major > 0)
        return false;
    if (k->con.minor > 0 || k->patch_dirty)
        return v->minor == k->con.minor;
    if (v->minor > 0)
        return false;
    return k->con.patch == v->patch;
}

static bool check_one(const struct hc_semver *v, const struct constraint *k, bool include_pre)
{
    if (v->pre_len && !include_pre)
        return false;
    switch (k->op) {
    case OP_TILDE_OR_EQUAL:
        return k->dirty ? tilde(v, k) : hc_semver_compare(v, &k->con) == 0;
    case OP_NOT_EQUAL:
        return not_equal(v, k);
    case OP_GREATER:
        return greater(v, k);
    case OP_LESS:
        return hc_semver_compare(v, &k->con) < 0;
    case OP_GREATER_EQUAL:
        return hc_semver_compare(v, &k->con) >= 0;
    case OP_LESS_EQUAL:
        return less_equal(v, k);
    case OP_TILDE:
        return tilde(v, k);
    case OP_CARET:
        return caret(v, k);
    }
    return false;
}

bool hc_semver_constraints_check(const struct hc_semver_constraints *c, const struct hc_semver *v)
{
    for (size_t i = 0; i < c->ngroups; i++) {
        const struct group *g = &c->groups[i];
        bool joy = true;
        for (size_t j = 0; j < g->count && joy; j++)
            joy = check_one(v, &c->cons[g->first + j], g->has_pre);
        if (joy)
            return true;
    }
    return false;
}

void hc_semver_constraints_format(struct hc_buf *b, const struct hc_semver_constraints *c)
{
    for (size_t i = 0; i < c->ngroups; i++) {
        const struct group *g = &c->groups[i];
        if (i > 0)
            hc_buf_adds(b, " || ");
        for (size_t j = 0; j < g->count; j++) {
            const struct constraint *k = &c->cons[g->first + j];
            if (j > 0)
                hc_buf_addc(b, ' ');
            hc_buf_add(b, k->opstr, k->op_len);
            hc_buf_add(b, k->orig, k->orig_len);
        }
    }
}
