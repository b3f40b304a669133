/*
 * read_gorepr.c - Go's %+#v of what go-yaml decodes from a node, for the one
 * error message that prints a whole value: sigs.k8s.io/yaml's
 * "unsupported map key of type: %s, key: %+#v, value: %+#v" (and go-yaml's
 * "invalid map key: %#v").
 *
 * Mirrors fmt's printValue for the types go-yaml v2 produces in an
 * interface{}: nil, bool, int, uint64, float64, string, []interface {} and
 * map[interface {}]interface {}, with map keys ordered as internal/fmtsort
 * orders them.  fmtsort orders keys of different types by the address of
 * their type descriptors, which depends on the binary; the order below is the
 * one Helm v4.1.4 prints: string, uint64, int, float64, bool (nil first).
 * Invariant: recursion stops at MAX_REPR_DEPTH (deeper parts print as "..."),
 * so a hostile document cannot exhaust the stack here.
 */
#include "yaml/read_internal.h"

#include <math.h>
#include <string.h>

#include "base/alloc.h"
#include "gofmt/gofmt.h"
#include "gofmt/printf.h"

#define MAX_REPR_DEPTH 64 /* ours: Go has none, but needs it only for absurd documents */

static const struct ynode *deref(const struct ynode *n)
{
    return n && n->kind == YN_ALIAS ? n->u.target : n;
}

/* fmtsort's rank of a scalar key's Go type. */
static int type_rank(const struct ynode *k)
{
    switch (k->res) {
    case YR_NULL:
        return 0;
    case YR_STR:
        return 1;
    case YR_UINT:
        return 2;
    case YR_INT:
        return 3;
    case YR_FLOAT:
        return 4;
    case YR_BOOL:
        return 5;
    default:
        return 6;
    }
}

/* The Go string a scalar decodes to, before JSON's UTF-8 repair. */
static const char *raw_string(const struct ynode *n, size_t *len)
{
    /* text, not u.str: JSON's UTF-8 repair comes after this message is made */
    *len = n->len;
    return n->text;
}

static int key_cmp(const struct ynode *a, const struct ynode *b)
{
    int ra = type_rank(a), rb = type_rank(b);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    switch (a->res) {
    case YR_STR: {
        size_t la, lb;
        const char *sa = raw_string(a, &la), *sb = raw_string(b, &lb);
        return hc_strcmp(sa, la, sb, lb);
    }
    case YR_UINT:
        return a->u.u < b->u.u ? -1 : a->u.u > b->u.u;
    case YR_INT:
        return a->u.i < b->u.i ? -1 : a->u.i > b->u.i;
    case YR_FLOAT: {
        double x = a->u.f, y = b->u.f;
        if (x < y)
            return -1;
        if (x > y)
            return 1;
        if (x == y)
            return 0;
        return isnan(x) && !isnan(y) ? -1 : !isnan(x) && isnan(y) ? 1 : 0;
    }
    case YR_BOOL:
        return (int)a->u.b - (int)b->u.b;
    default:
        return 0;
    }
}

/* Go's == on two scalar keys (NaN never equals anything). */
static bool key_equal(const struct ynode *a, const struct ynode *b)
{
    if (type_rank(a) != type_rank(b))
        return false;
    if (a->res == YR_FLOAT)
        return a->u.f == b->u.f;
    return key_cmp(a, b) == 0;
}

struct pairs {
    const struct ynode **kv; /* key, value, key, value, ... */
    size_t n, cap;
    bool failed;
};

static void pairs_put(struct pairs *p, const struct ynode *k, const struct ynode *v)
{
    for (size_t i = 0; i < p->n; i++) {
        if (p->kv[2 * i]->kind == YN_SCALAR && k->kind == YN_SCALAR && key_equal(p->kv[2 * i], k)) {
            p->kv[2 * i + 1] = v;
            return;
        }
    }
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 8;
        const struct ynode **kv = hc_realloc(p->kv, cap * 2 * sizeof *kv);
        if (!kv) {
            p->failed = true;
            return;
        }
        p->kv = kv;
        p->cap = cap;
    }
    p->kv[2 * p->n] = k;
    p->kv[2 * p->n + 1] = v;
    p->n++;
}

/* The entries of map m as go-yaml fills them: in order, merges where they stand. */
static void collect(struct pairs *p, const struct ynode *m, int depth)
{
    m = deref(m);
    if (!m || m->kind != YN_MAP || depth > MAX_REPR_DEPTH)
        return;
    for (uint32_t i = 0; i + 1 < m->len; i += 2) {
        const struct ynode *k = m->u.kids[i], *v = m->u.kids[i + 1];
        if (k->flags & YF_MERGE) {
            const struct ynode *t = deref(v);
            if (t && t->kind == YN_SEQ) {
                for (uint32_t j = t->len; j-- > 0;)
                    collect(p, t->u.kids[j], depth + 1);
            } else {
                collect(p, t, depth + 1);
            }
            continue;
        }
        pairs_put(p, deref(k), v);
    }
}

static void repr(struct hc_buf *b, const struct ynode *n, bool top, int depth);

static void repr_map(struct hc_buf *b, const struct ynode *m, int depth)
{
    struct pairs p = {NULL, 0, 0, false};
    collect(&p, m, depth);
    /* insertion sort by fmtsort order: maps printed in errors are small */
    for (size_t i = 1; i < p.n; i++) {
        const struct ynode *k = p.kv[2 * i], *v = p.kv[2 * i + 1];
        size_t j = i;
        while (j > 0 && key_cmp(p.kv[2 * (j - 1)], k) > 0) {
            p.kv[2 * j] = p.kv[2 * (j - 1)];
            p.kv[2 * j + 1] = p.kv[2 * (j - 1) + 1];
            j--;
        }
        p.kv[2 * j] = k;
        p.kv[2 * j + 1] = v;
    }
    hc_buf_adds(b, "map[interface {}]interface {}{");
    for (size_t i = 0; i < p.n; i++) {
        if (i)
            hc_buf_adds(b, ", ");
        repr(b, p.kv[2 * i], false, depth + 1);
        hc_buf_addc(b, ':');
        repr(b, p.kv[2 * i + 1], false, depth + 1);
    }
    hc_buf_addc(b, '}');
    hc_free(p.kv);
}

static void repr(struct hc_buf *b, const struct ynode *n, bool top, int depth)
{
    n = deref(n);
    if (!n) {
        hc_buf_adds(b, top ? "<nil>" : "interface {}(nil)");
        return;
    }
    if (depth > MAX_REPR_DEPTH) {
        hc_buf_adds(b, "...");
        return;
    }
    switch (n->kind) {
    case YN_SEQ:
        hc_buf_adds(b, "[]interface {}{");
        for (uint32_t i = 0; i < n->len; i++) {
            if (i)
                hc_buf_adds(b, ", ");
            repr(b, n->u.kids[i], false, depth + 1);
        }
        hc_buf_addc(b, '}');
        return;
    case YN_MAP:
        repr_map(b, n, depth);
        return;
    default:
        break;
    }
    switch (n->res) {
    case YR_NULL:
        hc_buf_adds(b, top ? "<nil>" : "interface {}(nil)");
        break;
    case YR_BOOL:
        hc_buf_adds(b, n->u.b ? "true" : "false");
        break;
    case YR_INT:
        hc_buf_printf(b, "%lld", (long long)n->u.i);
        break;
    case YR_UINT:
        hc_buf_printf(b, "0x%llx", (unsigned long long)n->u.u);
        break;
    case YR_FLOAT: {
        hc_val f = hc_float(n->u.f);
        hc_gofmt_sprintf(b, "%#v", 3, &f, 1);
        break;
    }
    default: {
        size_t len;
        const char *s = raw_string(n, &len);
        hc_gofmt_quote(b, s, len);
    }
    }
}

void hc_yaml_rd_gorepr(struct hc_buf *b, const struct ynode *n, bool top)
{
    repr(b, n, top, 0);
}
