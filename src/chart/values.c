/*
 * values.c - values files and coalescing.
 *
 * Mirrors Helm v4's loader.LoadValues and loader.MergeMaps
 * (pkg/chart/v2/loader/load.go), the document splitting of
 * k8s.io/apimachinery's YAMLReader that LoadValues relies on, and
 * CoalesceValues (pkg/chart/common/util/coalesce.go) with its rules on
 * nulls: a null from the user deletes the chart's default, but a null for a
 * key the chart does not have is kept.
 *
 * Maps here are hc_map values (sorted arrays); Go iterates its maps in random
 * order, so where Helm's result could depend on that order (it cannot for
 * the rules below) ours follows key order.
 */
#include "chart/chart.h"

#include <string.h>

#include "base/buf.h"
#include "chart/gostr.h"
#include "gofmt/printf.h"
#include "yaml/yaml.h"

/* ---- LoadValues ---- */

/*
 * k8s.io/apimachinery's LineReader over bufio.Reader.ReadLine: the next line
 * without its "\n" or "\r\n", then "\n" appended.  *eof is set with the empty
 * line that follows the last one.
 */
static void next_line(const char *text, size_t len, size_t *pos, struct hc_buf *line, bool *eof)
{
    hc_buf_reset(line);
    if (*pos >= len) {
        *eof = true;
        hc_buf_addc(line, '\n');
        return;
    }
    const char *start = text + *pos;
    const char *nl = memchr(start, '\n', len - *pos);
    size_t n = nl ? (size_t)(nl - start) : len - *pos;
    *pos += nl ? n + 1 : n;
    if (nl && n > 0 && start[n - 1] == '\r')
        n--;
    hc_buf_add(line, start, n);
    hc_buf_addc(line, '\n');
}

/*
 * YAMLReader.Read: the next document, or false at the end.  A line starting
 * with "---" ends a document (and starts one when nothing is buffered yet, in
 * which case it stays in the document's text).
 */
static hc_status next_document(const char *text, size_t len, size_t *pos, struct hc_buf *doc,
                               struct hc_buf *line, bool *got, struct hc_error *err)
{
    hc_buf_reset(doc);
    *got = false;
    for (;;) {
        bool eof = false;
        next_line(text, len, pos, line, &eof);
        if (!hc_buf_ok(line))
            return hc_error_nomem(err);
        if (line->len >= 3 && memcmp(line->data, "---", 3) == 0) {
            const char *rest = line->data + 3;
            size_t rn = line->len - 3;
            hc_go_trim_space(&rest, &rn);
            if (rn > 0 && rest[0] != '#')
                return hc_error_set(err, HC_ERR_PARSE,
                                    "error reading yaml document: invalid Yaml document "
                                    "separator: %.*s",
                                    (int)rn, rest);
            if (doc->len != 0) {
                *got = true;
                return HC_OK;
            }
            if (eof)
                return HC_OK;
        }
        if (eof) {
            *got = doc->len != 0;
            return HC_OK;
        }
        hc_buf_add(doc, line->data, line->len);
    }
}

hc_status hc_values_read(struct hc_arena *a, const char *text, size_t len, const char *filename,
                         hc_val *out, struct hc_error *err)
{
    struct hc_map *empty = hc_map_new(a, 0);
    if (!empty)
        return hc_error_nomem(err);
    hc_val values = hc_map_val(empty, HC_GT_MAP);
    struct hc_buf doc = HC_BUF_INIT, line = HC_BUF_INIT;
    size_t pos = 0;
    hc_status rc = HC_OK;
    for (;;) {
        bool got;
        rc = next_document(text, len, &pos, &doc, &line, &got, err);
        if (rc != HC_OK || !got)
            break;
        if (!hc_buf_ok(&doc)) {
            rc = hc_error_nomem(err);
            break;
        }
        struct hc_yaml_read_opts yopts = {.filename = filename};
        hc_val v;
        struct hc_error yerr;
        hc_error_init(&yerr);
        rc = hc_yaml_read(a, doc.data, doc.len, &yopts, &v, &yerr);
        if (rc == HC_OK && v.kind != HC_NULL && v.kind != HC_MAP) {
            const char *kind = v.kind == HC_LIST     ? "array"
                               : v.kind == HC_STRING ? "string"
                               : v.kind == HC_BOOL   ? "bool"
                                                     : "number";
            rc = hc_error_set(&yerr, HC_ERR_PARSE,
                              "error unmarshaling JSON: while decoding JSON: json: cannot "
                              "unmarshal %s into Go value of type map[string]interface {}",
                              kind);
        }
        if (rc != HC_OK) {
            if (rc == HC_ERR_NOMEM)
                hc_error_nomem(err);
            else
                hc_error_set(err, rc, "cannot unmarshal yaml document: %s", hc_error_msg(&yerr));
            hc_error_release(&yerr);
            break;
        }
        if (v.kind == HC_MAP) {
            rc = hc_values_merge(a, values, v, &values);
            if (rc != HC_OK) {
                hc_error_nomem(err);
                break;
            }
        }
    }
    hc_buf_release(&doc);
    hc_buf_release(&line);
    if (rc == HC_OK)
        *out = values;
    return rc;
}

/* ---- MergeMaps ---- */

static bool is_table(hc_val v)
{
    return v.kind == HC_MAP && v.gotype == HC_GT_MAP;
}

static hc_status merge_depth(struct hc_arena *a, hc_val dst, hc_val src, hc_val *out, int depth)
{
    if (depth > HC_VAL_MAX_DEPTH)
        return HC_ERR_LIMIT;
    size_t n = (dst.u.m ? dst.u.m->len : 0) + (src.u.m ? src.u.m->len : 0);
    struct hc_map *m = hc_map_new(a, n);
    if (!m)
        return HC_ERR_NOMEM;
    if (dst.u.m && dst.u.m->len) {
        memcpy(m->e, dst.u.m->e, dst.u.m->len * sizeof *m->e);
        m->len = dst.u.m->len;
    }
    if (src.u.m) {
        hc_map_foreach(src.u.m, e) {
            hc_val v = e->val, old;
            if (is_table(v) && hc_map_get(m, e->key, e->klen, &old) && is_table(old)) {
                hc_status rc = merge_depth(a, old, v, &v, depth + 1);
                if (rc != HC_OK)
                    return rc;
            }
            if (hc_map_set(a, m, e->key, e->klen, v) != HC_OK)
                return HC_ERR_NOMEM;
        }
    }
    *out = hc_map_val(m, HC_GT_MAP);
    return HC_OK;
}

hc_status hc_values_merge(struct hc_arena *a, hc_val dst, hc_val src, hc_val *out)
{
    if (dst.kind != HC_MAP)
        dst = hc_map_val(NULL, HC_GT_MAP);
    if (src.kind != HC_MAP)
        src = hc_map_val(NULL, HC_GT_MAP);
    return merge_depth(a, dst, src, out, 0);
}

/* ---- CoalesceValues ---- */

struct coalescer {
    struct hc_arena *a;
    struct hc_error *err;
};

/* A NUL-terminated copy of a map key (keys are not terminated in general). */
static hc_status map_set_dup(struct hc_arena *a, struct hc_map *m, const char *key, size_t klen,
                             hc_val v)
{
    return hc_map_set(a, m, key, klen, v);
}

static bool has_dep(const struct hc_chart *c, const char *key, size_t klen)
{
    for (size_t i = 0; i < c->ndeps; i++) {
        const char *name = c->deps[i]->meta.name;
        if (strlen(name) == klen && memcmp(name, key, klen) == 0)
            return true;
    }
    return false;
}

/* coalesceTablesFullKey(dst, src, merge): dst wins; src (ours to change) fills it. */
static hc_status coalesce_tables(struct coalescer *co, struct hc_map *dst, struct hc_map *src,
                                 bool merge, int depth)
{
    if (!src || !dst)
        return HC_OK;
    if (depth > HC_VAL_MAX_DEPTH)
        return hc_error_set(co->err, HC_ERR_LIMIT, "values nested too deeply");
    /* which of src's keys held a non-nil value before dst's nils are copied in */
    size_t n0 = src->len;
    bool *nonnil = NULL;
    if (n0) {
        nonnil = hc_arena_array(co->a, n0, sizeof *nonnil);
        if (!nonnil)
            return hc_error_nomem(co->err);
    }
    for (size_t i = 0; i < n0; i++)
        nonnil[i] = src->e[i].val.kind != HC_NULL;
    /* keys of the original src, kept sorted so later lookups stay O(log n) */
    struct hc_mapent *orig = NULL;
    if (n0) {
        orig = hc_arena_array(co->a, n0, sizeof *orig);
        if (!orig)
            return hc_error_nomem(co->err);
        memcpy(orig, src->e, n0 * sizeof *orig);
    }
    hc_map_foreach(dst, e) {
        if (e->val.kind == HC_NULL && map_set_dup(co->a, src, e->key, e->klen, hc_null()) != HC_OK)
            return hc_error_nomem(co->err);
    }
    for (uint32_t i = 0; i < src->len; i++) {
        const char *key = src->e[i].key;
        size_t klen = src->e[i].klen;
        hc_val val = src->e[i].val, dv;
        bool ok = hc_map_get(dst, key, klen, &dv);
        bool was_nonnil = false;
        /* binary search of key among the original src keys */
        size_t lo = 0, hi = n0;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            int c = hc_strcmp(orig[mid].key, orig[mid].klen, key, klen);
            if (c == 0) {
                was_nonnil = nonnil[mid];
                break;
            }
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (ok && !merge && dv.kind == HC_NULL && was_nonnil) {
            hc_map_del(dst, key, klen);
        } else if (!ok) {
            if (map_set_dup(co->a, dst, key, klen, val) != HC_OK)
                return hc_error_nomem(co->err);
        } else if (is_table(val)) {
            if (is_table(dv)) {
                hc_status rc = coalesce_tables(co, dv.u.m, val.u.m, merge, depth + 1);
                if (rc != HC_OK)
                    return rc;
            }
            /* else Helm warns: cannot overwrite table with non table */
        }
        /* else if dv is a table and val is not nil, Helm warns and keeps dv */
    }
    return HC_OK;
}

/* coalesceValues: the chart's defaults (a deep copy) under v, which wins. */
static hc_status coalesce_values(struct coalescer *co, const struct hc_chart *c, struct hc_map *v,
                                 bool merge)
{
    hc_val vc;
    if (hc_val_copy(co->a, c->values, false, &vc) != HC_OK)
        return hc_error_nomem(co->err);
    if (vc.kind != HC_MAP || !vc.u.m)
        return HC_OK;
    hc_map_foreach(vc.u.m, e) {
        hc_val value;
        if (hc_map_get(v, e->key, e->klen, &value)) {
            if (value.kind == HC_NULL && !merge) {
                hc_map_del(v, e->key, e->klen);
            } else if (is_table(value) && is_table(e->val)) {
                bool m = merge || has_dep(c, e->key, e->klen);
                hc_status rc = coalesce_tables(co, value.u.m, e->val.u.m, m, 0);
                if (rc != HC_OK)
                    return rc;
            }
        } else if (map_set_dup(co->a, v, e->key, e->klen, e->val) != HC_OK) {
            return hc_error_nomem(co->err);
        }
    }
    return HC_OK;
}

static struct hc_map *table_or_new(struct coalescer *co, struct hc_map *m, const char *key,
                                   bool *bad)
{
    hc_val v;
    *bad = false;
    if (!hc_map_get(m, key, strlen(key), &v))
        return hc_map_new(co->a, 0);
    if (!is_table(v)) {
        *bad = true;
        return NULL;
    }
    return v.u.m;
}

/* coalesceGlobals: the parent's "global" table merged into the subchart's. */
static hc_status coalesce_globals(struct coalescer *co, struct hc_map *dest, struct hc_map *src)
{
    bool bad;
    struct hc_map *dg = table_or_new(co, dest, "global", &bad);
    if (bad)
        return HC_OK; /* Helm warns: destination global is not a table */
    if (!dg)
        return hc_error_nomem(co->err);
    struct hc_map *sg = table_or_new(co, src, "global", &bad);
    if (bad)
        return HC_OK;
    if (!sg)
        return hc_error_nomem(co->err);
    hc_map_foreach(sg, e) {
        hc_val dv;
        bool have = hc_map_get(dg, e->key, e->klen, &dv);
        if (is_table(e->val)) {
            struct hc_map *vv = hc_map_new(co->a, e->val.u.m->len);
            if (!vv)
                return hc_error_nomem(co->err);
            if (e->val.u.m->len)
                memcpy(vv->e, e->val.u.m->e, e->val.u.m->len * sizeof *vv->e);
            vv->len = e->val.u.m->len;
            if (have) {
                if (!is_table(dv))
                    continue; /* Helm: cannot merge map onto non-map */
                hc_status rc = coalesce_tables(co, vv, dv.u.m, true, 0);
                if (rc != HC_OK)
                    return rc;
            }
            if (hc_map_set(co->a, dg, e->key, e->klen, hc_map_val(vv, HC_GT_MAP)) != HC_OK)
                return hc_error_nomem(co->err);
        } else if (have && is_table(dv)) {
            continue; /* Helm: key is table, skipping */
        } else if (hc_map_set(co->a, dg, e->key, e->klen, e->val) != HC_OK) {
            return hc_error_nomem(co->err);
        }
    }
    if (hc_map_set(co->a, dest, "global", 6, hc_map_val(dg, HC_GT_MAP)) != HC_OK)
        return hc_error_nomem(co->err);
    return HC_OK;
}

static hc_status coalesce(struct coalescer *co, const struct hc_chart *c, struct hc_map *dest,
                          bool merge, int depth);

/* coalesceDeps: each subchart's values under its name. */
static hc_status coalesce_deps(struct coalescer *co, const struct hc_chart *c, struct hc_map *dest,
                               bool merge, int depth)
{
    for (size_t i = 0; i < c->ndeps; i++) {
        const struct hc_chart *sub = c->deps[i];
        const char *name = sub->meta.name;
        size_t nlen = strlen(name);
        hc_val cur;
        if (!hc_map_get(dest, name, nlen, &cur)) {
            struct hc_map *m = hc_map_new(co->a, 0);
            if (!m || hc_map_set(co->a, dest, name, nlen, hc_map_val(m, HC_GT_MAP)) != HC_OK)
                return hc_error_nomem(co->err);
            cur = hc_map_val(m, HC_GT_MAP);
        } else if (!is_table(cur)) {
            struct hc_buf b = HC_BUF_INIT;
            hc_gofmt_sprintf(&b, "%t", 2, &cur, 1);
            hc_status rc = hc_error_set(co->err, HC_ERR_INVALID, "type mismatch on %s: %s", name,
                                        hc_buf_str(&b));
            hc_buf_release(&b);
            return rc;
        }
        hc_status rc = coalesce_globals(co, cur.u.m, dest);
        if (rc == HC_OK)
            rc = coalesce(co, sub, cur.u.m, merge, depth + 1);
        if (rc != HC_OK)
            return rc;
    }
    return HC_OK;
}

static hc_status coalesce(struct coalescer *co, const struct hc_chart *c, struct hc_map *dest,
                          bool merge, int depth)
{
    if (depth > HC_CHART_MAX_DEPTH)
        return hc_error_set(co->err, HC_ERR_LIMIT, "charts nested too deeply");
    hc_status rc = coalesce_values(co, c, dest, merge);
    if (rc == HC_OK)
        rc = coalesce_deps(co, c, dest, merge, depth);
    return rc;
}

hc_status hc_values_coalesce(struct hc_arena *a, const struct hc_chart *c, hc_val user, hc_val *out,
                             struct hc_error *err)
{
    struct coalescer co = {a, err};
    hc_val copy;
    if (user.kind == HC_MAP && user.u.m) {
        if (hc_val_copy(a, user, false, &copy) != HC_OK)
            return hc_error_nomem(err);
    } else {
        struct hc_map *m = hc_map_new(a, 0);
        if (!m)
            return hc_error_nomem(err);
        copy = hc_map_val(m, HC_GT_MAP);
    }
    hc_status rc = coalesce(&co, c, copy.u.m, false, 0);
    if (rc == HC_OK)
        *out = copy;
    return rc;
}

hc_status hc_values_merge_chart(struct hc_arena *a, const struct hc_chart *c, hc_val *out,
                                struct hc_error *err)
{
    struct coalescer co = {a, err};
    struct hc_map *m = hc_map_new(a, 0);
    if (!m)
        return hc_error_nomem(err);
    hc_status rc = coalesce(&co, c, m, true, 0);
    if (rc == HC_OK)
        *out = hc_map_val(m, HC_GT_MAP);
    return rc;
}

hc_status hc_values_merge_tables(struct hc_arena *a, struct hc_map *dst, struct hc_map *src,
                                 struct hc_error *err)
{
    struct coalescer co = {a, err};
    return coalesce_tables(&co, dst, src, true, 0);
}
