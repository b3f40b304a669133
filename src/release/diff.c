/*
 * diff.c - line diffs and the difference between two revisions' manifests.
 *
 * The line diff is Myers' algorithm ("An O(ND) Difference Algorithm and Its
 * Variations", 1986) in its linear-space form: find the middle snake of the
 * shortest edit script, recurse on both halves.  Its output is written as GNU
 * diff's unified format.  A subproblem whose edit distance passes
 * MAX_SNAKE_COST is given up on and treated as a whole replacement: the diff
 * stays correct, only perhaps not minimal.
 */
#include "helmc/orphans.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "json/json.h"

/* The largest d searched for one middle snake before replacing the block whole. */
#define MAX_SNAKE_COST 4096

/* Default context lines, as diff -u. */
#define DEFAULT_CONTEXT 3

struct line {
    const char *p;
    size_t n;     /* without the newline */
    bool nl;      /* ended by a newline */
    uint64_t h;
};

struct side {
    struct line *l;
    int n;
    int *match; /* index of the equal line on the other side, or -1 */
};

struct ctx {
    struct side a, b;
    int *vf, *vb; /* indexed by k + off */
    int off;
};

static uint64_t hash_line(const char *p, size_t n, bool nl)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
    return h ^ (nl ? 0x9e3779b97f4a7c15ull : 0);
}

static hc_status split_lines(struct hc_arena *a, const char *s, size_t n, struct side *out,
                             struct hc_error *err)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n')
            count++;
    if (n && s[n - 1] != '\n')
        count++;
    if (count > (size_t)(INT32_MAX / 16))
        return hc_error_set(err, HC_ERR_LIMIT, "diff: too many lines");
    out->l = hc_arena_array(a, count ? count : 1, sizeof *out->l);
    out->match = hc_arena_array(a, count ? count : 1, sizeof *out->match);
    if (!out->l || !out->match)
        return hc_error_nomem(err);
    out->n = 0;
    const char *p = s, *end = s + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        struct line *l = &out->l[out->n];
        l->p = p;
        l->n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        l->nl = nl != NULL;
        l->h = hash_line(l->p, l->n, l->nl);
        out->match[out->n++] = -1;
        p = nl ? nl + 1 : end;
    }
    return HC_OK;
}

static bool eq(const struct ctx *c, int i, int j)
{
    const struct line *x = &c->a.l[i], *y = &c->b.l[j];
    return x->h == y->h && x->n == y->n && x->nl == y->nl &&
           (x->n == 0 || memcmp(x->p, y->p, x->n) == 0);
}

static void pair(struct ctx *c, int i, int j)
{
    c->a.match[i] = j;
    c->b.match[j] = i;
}

/*
 * The middle snake of a[a0..a1) against b[b0..b1) (both non-empty): sets
 * *x0,*y0 .. *x1,*y1 (absolute) to a stretch of equal lines on an optimal
 * path.  false when the edit distance exceeds MAX_SNAKE_COST.
 */
static bool middle_snake(struct ctx *c, int a0, int a1, int b0, int b1, int *x0, int *y0,
                         int *x1, int *y1)
{
    int n = a1 - a0, m = b1 - b0, delta = n - m;
    bool odd = (delta & 1) != 0;
    int *vf = c->vf + c->off, *vb = c->vb + c->off;
    int dmax = (n + m + 1) / 2;
    if (dmax > MAX_SNAKE_COST)
        dmax = MAX_SNAKE_COST;
    vf[1] = 0;
    vb[delta - 1] = n;
    for (int d = 0; d <= dmax; d++) {
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && vf[k - 1] < vf[k + 1])) ? vf[k + 1] : vf[k - 1] + 1;
            int y = x - k, xs = x, ys = y;
            while (x < n && y < m && eq(c, a0 + x, b0 + y)) {
                x++;
                y++;
            }
            vf[k] = x;
            if (odd && k >= delta - (d - 1) && k <= delta + (d - 1) && x >= vb[k] && x <= n &&
                y <= m) {
                *x0 = a0 + xs, *y0 = b0 + ys, *x1 = a0 + x, *y1 = b0 + y;
                return true;
            }
        }
        for (int k = -d; k <= d; k += 2) {
            int ck = k + delta;
            int x;
            if (k == d || (k != -d && vb[ck - 1] < vb[ck + 1]))
                x = vb[ck - 1];
            else
                x = vb[ck + 1] - 1;
            int y = x - ck, xe = x, ye = y;
            while (x > 0 && y > 0 && eq(c, a0 + x - 1, b0 + y - 1)) {
                x--;
                y--;
            }
            vb[ck] = x;
            if (!odd && ck >= -d && ck <= d && x <= vf[ck] && x >= 0 && y >= 0) {
                *x0 = a0 + x, *y0 = b0 + y, *x1 = a0 + xe, *y1 = b0 + ye;
                return true;
            }
        }
    }
    return false;
}

static void compare(struct ctx *c, int a0, int a1, int b0, int b1)
{
    for (;;) {
        while (a0 < a1 && b0 < b1 && eq(c, a0, b0))
            pair(c, a0++, b0++);
        while (a0 < a1 && b0 < b1 && eq(c, a1 - 1, b1 - 1))
            pair(c, --a1, --b1);
        if (a0 == a1 || b0 == b1)
            return;
        int x0, y0, x1, y1;
        if (!middle_snake(c, a0, a1, b0, b1, &x0, &y0, &x1, &y1))
            return; /* too costly: the rest stays unmatched, a replacement */
        if ((x0 == a0 && y0 == b0 && x1 == a1 && y1 == b1) || (x0 == x1 && x0 == a0 && y0 == b0) ||
            (x0 == x1 && x1 == a1 && y1 == b1))
            return; /* no progress possible (cannot happen after the trimming above) */
        for (int i = x0, j = y0; i < x1; i++, j++)
            pair(c, i, j);
        compare(c, a0, x0, b0, y0);
        a0 = x1; /* the second half iteratively */
        b0 = y1;
    }
}

/* ---------------------------------------------------------------- unified output */

static void hunk_range(struct hc_buf *b, int start, int count)
{
    /* GNU: "l,s", "l" when s is 1, and the line before when s is 0. */
    if (count == 1)
        hc_buf_printf(b, "%d", start + 1);
    else
        hc_buf_printf(b, "%d,%d", count ? start + 1 : start, count);
}

static void out_line(struct hc_buf *b, char tag, const struct line *l)
{
    hc_buf_addc(b, tag);
    hc_buf_add(b, l->p, l->n);
    hc_buf_addc(b, '\n');
    if (!l->nl)
        hc_buf_adds(b, "\\ No newline at end of file\n");
}

static void write_hunks(struct hc_buf *out, const struct ctx *c, int context)
{
    const struct side *A = &c->a, *B = &c->b;
    int i = 0, j = 0;
    while (i < A->n || j < B->n) {
        /* Skip equal lines to the next change. */
        while (i < A->n && j < B->n && A->match[i] == j) {
            i++;
            j++;
        }
        if (i >= A->n && j >= B->n)
            break;
        /* The hunk starts context lines before the change. */
        int hs_a = i - context < 0 ? 0 : i - context;
        int hs_b = j - (i - hs_a);
        /* Find the hunk's end: changes separated by at most 2*context equal lines. */
        int ea = i, eb = j; /* end of the last change seen */
        int x = i, y = j;
        for (;;) {
            while (x < A->n && A->match[x] < 0)
                x++;
            while (y < B->n && B->match[y] < 0)
                y++;
            ea = x;
            eb = y;
            int run = 0;
            while (x < A->n && y < B->n && A->match[x] == y) {
                x++;
                y++;
                run++;
            }
            bool more = x < A->n || y < B->n;
            if (!more || run > 2 * context) {
                x = ea;
                y = eb;
                break;
            }
        }
        int tail = context;
        if (ea + tail > A->n)
            tail = A->n - ea;
        if (eb + tail > B->n)
            tail = B->n - eb;
        int he_a = ea + tail, he_b = eb + tail;
        hc_buf_adds(out, "@@ -");
        hunk_range(out, hs_a, he_a - hs_a);
        hc_buf_adds(out, " +");
        hunk_range(out, hs_b, he_b - hs_b);
        hc_buf_adds(out, " @@\n");
        int p = hs_a, q = hs_b;
        while (p < he_a || q < he_b) {
            int p0 = p, q0 = q;
            if (p < he_a && q < he_b && A->match[p] == q) {
                out_line(out, ' ', &A->l[p]);
                p++;
                q++;
                continue;
            }
            while (p < he_a && A->match[p] < 0)
                out_line(out, '-', &A->l[p++]);
            while (q < he_b && B->match[q] < 0)
                out_line(out, '+', &B->l[q++]);
            if (p == p0 && q == q0)
                break; /* cannot happen: matches are monotone */
        }
        i = he_a;
        j = he_b;
    }
}

hc_status hc_diff_unified(struct hc_buf *b, struct hc_arena *a, const char *x, size_t xn,
                          const char *y, size_t yn, int context, struct hc_error *err)
{
    if (context < 0)
        context = DEFAULT_CONTEXT;
    struct ctx c;
    memset(&c, 0, sizeof c);
    hc_status st = split_lines(a, x, xn, &c.a, err);
    if (!st)
        st = split_lines(a, y, yn, &c.b, err);
    if (st)
        return st;
    /* Diagonals reach k = delta +- (d + 1), with |delta| and 2d at most a.n + b.n. */
    int span = 2 * (c.a.n + c.b.n) + 4;
    c.off = span;
    c.vf = hc_arena_array(a, (size_t)(2 * span + 1), sizeof(int));
    c.vb = hc_arena_array(a, (size_t)(2 * span + 1), sizeof(int));
    if (!c.vf || !c.vb)
        return hc_error_nomem(err);
    compare(&c, 0, c.a.n, 0, c.b.n);
    write_hunks(b, &c, context);
    return hc_buf_ok(b) ? HC_OK : hc_error_nomem(err);
}

/* ---------------------------------------------------------------- revisions */

/* The document without its "# Source:" comment line, trimmed, with a final newline. */
static void body_of(struct hc_buf *b, const struct hc_resource *r)
{
    const char *p = r->text.p, *end = r->text.p + r->text.n;
    /* Leading blank lines and the Source comment are not the object's. */
    for (;;) {
        const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
        size_t ln = nl ? (size_t)(nl - p) : (size_t)(end - p);
        bool blank = true;
        for (size_t i = 0; i < ln; i++)
            if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
                blank = false;
        if (p < end && (blank || (ln >= 10 && memcmp(p, "# Source: ", 10) == 0)))
            p = nl ? nl + 1 : end;
        else
            break;
    }
    while (end > p && (end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        end--;
    hc_buf_add(b, p, (size_t)(end - p));
    if (end > p)
        hc_buf_addc(b, '\n');
}

static int res_cmp(const void *x, const void *y)
{
    const struct hc_resource *a = *(const struct hc_resource *const *)x;
    const struct hc_resource *b = *(const struct hc_resource *const *)y;
    int c = hc_resource_key_cmp(a, b);
    if (c)
        return c;
    return a->doc < b->doc ? -1 : a->doc > b->doc; /* stable: the later duplicate last */
}

/* The resources sorted by key, a later duplicate replacing an earlier one. */
static hc_status sorted_unique(struct hc_arena *a, const struct hc_release *r,
                               const struct hc_resource ***out, size_t *n, struct hc_error *err)
{
    struct hc_manifest m;
    const char *label = hc_arena_printf(a, "revision %lld", (long long)r->version);
    if (!label)
        return hc_error_nomem(err);
    hc_status st = hc_manifest_parse(a, r->manifest, r->namespace_, label, &m, err);
    if (st)
        return st;
    const struct hc_resource **v = hc_arena_array(a, m.n ? m.n : 1, sizeof *v);
    if (!v)
        return hc_error_nomem(err);
    for (size_t i = 0; i < m.n; i++)
        v[i] = &m.v[i];
    if (m.n > 1)
        qsort(v, m.n, sizeof *v, res_cmp);
    size_t k = 0;
    for (size_t i = 0; i < m.n; i++) {
        if (k && hc_resource_key_cmp(v[k - 1], v[i]) == 0)
            k--;
        v[k++] = v[i];
    }
    *out = v;
    *n = k;
    return HC_OK;
}

static void json_string(struct hc_buf *b, const char *s, size_t n)
{
    struct hc_error e;
    hc_error_init(&e);
    if (hc_json_write(b, hc_strn(s, n), 0, &e))
        b->failed = true;
    hc_error_release(&e);
}

struct diff_out {
    struct hc_buf *b;
    enum hc_diff_format format;
    struct hc_buf added, removed, changed; /* JSON arrays' items */
    struct hc_buf key, tx, ty, hunks;
    int64_t from, to;
    size_t changes;
};

static hc_status one_resource(struct diff_out *o, struct hc_arena *a, const struct hc_resource *x,
                              const struct hc_resource *y, int context, struct hc_error *err)
{
    hc_buf_reset(&o->key);
    hc_buf_reset(&o->tx);
    hc_buf_reset(&o->ty);
    hc_buf_reset(&o->hunks);
    hc_resource_key_format(&o->key, x ? x : y);
    if (x)
        body_of(&o->tx, x);
    if (y)
        body_of(&o->ty, y);
    if (x && y && o->tx.len == o->ty.len && memcmp(hc_buf_str(&o->tx), hc_buf_str(&o->ty), o->tx.len) == 0)
        return HC_OK;
    hc_status st = hc_diff_unified(&o->hunks, a, hc_buf_str(&o->tx), o->tx.len, hc_buf_str(&o->ty),
                                   o->ty.len, context, err);
    if (st)
        return st;
    o->changes++;
    const char *key = hc_buf_str(&o->key);
    if (o->format == HC_DIFF_TEXT) {
        if (x)
            hc_buf_printf(o->b, "--- %s (revision %lld)\n", key, (long long)o->from);
        else
            hc_buf_adds(o->b, "--- /dev/null\n");
        if (y)
            hc_buf_printf(o->b, "+++ %s (revision %lld)\n", key, (long long)o->to);
        else
            hc_buf_adds(o->b, "+++ /dev/null\n");
        hc_buf_add(o->b, hc_buf_str(&o->hunks), o->hunks.len);
        return HC_OK;
    }
    struct hc_buf *arr = !x ? &o->added : !y ? &o->removed : &o->changed;
    if (arr->len)
        hc_buf_addc(arr, ',');
    if (x && y) {
        hc_buf_adds(arr, "{\"key\":");
        json_string(arr, key, o->key.len);
        hc_buf_adds(arr, ",\"diff\":");
        json_string(arr, hc_buf_str(&o->hunks), o->hunks.len);
        hc_buf_addc(arr, '}');
    } else {
        json_string(arr, key, o->key.len);
    }
    return HC_OK;
}

hc_status hc_release_diff(struct hc_buf *b, struct hc_arena *a, const struct hc_release *from,
                          const struct hc_release *to, int context, enum hc_diff_format format,
                          size_t *changes, struct hc_error *err)
{
    const struct hc_resource **xv, **yv;
    size_t xn, yn;
    hc_status st = sorted_unique(a, from, &xv, &xn, err);
    if (!st)
        st = sorted_unique(a, to, &yv, &yn, err);
    if (st)
        return st;
    struct diff_out o = {.b = b, .format = format, .from = from->version, .to = to->version};
    struct hc_buf *bufs[] = {&o.added, &o.removed, &o.changed, &o.key, &o.tx, &o.ty, &o.hunks};
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
        hc_buf_init(bufs[i], 0);
    size_t i = 0, j = 0;
    while (!st && (i < xn || j < yn)) {
        int c = i >= xn ? 1 : j >= yn ? -1 : hc_resource_key_cmp(xv[i], yv[j]);
        if (c < 0)
            st = one_resource(&o, a, xv[i++], NULL, context, err);
        else if (c > 0)
            st = one_resource(&o, a, NULL, yv[j++], context, err);
        else
            st = one_resource(&o, a, xv[i++], yv[j++], context, err);
    }
    if (!st && format == HC_DIFF_JSON) {
        hc_buf_printf(b, "{\"from\":%lld,\"to\":%lld,\"added\":[", (long long)o.from,
                      (long long)o.to);
        hc_buf_add(b, hc_buf_str(&o.added), o.added.len);
        hc_buf_adds(b, "],\"removed\":[");
        hc_buf_add(b, hc_buf_str(&o.removed), o.removed.len);
        hc_buf_adds(b, "],\"changed\":[");
        hc_buf_add(b, hc_buf_str(&o.changed), o.changed.len);
        hc_buf_adds(b, "]}\n");
    }
    bool ok = true;
    for (size_t k = 0; k < sizeof bufs / sizeof bufs[0]; k++) {
        ok = ok && hc_buf_ok(bufs[k]);
        hc_buf_release(bufs[k]);
    }
    if (!st && (!ok || !hc_buf_ok(b)))
        st = hc_error_nomem(err);
    if (!st && changes)
        *changes = o.changes;
    return st;
}
