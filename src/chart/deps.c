/*
 * deps.c - a chart's dependencies as an install sees them.
 *
 * Mirrors Helm v4's action.CheckDependencies and chartutil's
 * ProcessDependenciesWithMerge (pkg/chart/v2/util/dependencies.go):
 *
 *  - processDependencyEnabled: subcharts Chart.yaml does not list (by name and
 *    a version its constraint accepts) are kept as they are; each listed one
 *    becomes a copy renamed to its alias; all are enabled, the chart's values
 *    are coalesced with the parent's, tags (the top "tags" table: disabled
 *    only when some named tag is false and none true) and then conditions
 *    (the first comma-separated path, under the chart's path, holding a bool)
 *    decide, and disabled subcharts leave the chart; then the same for each
 *    remaining subchart, with the coalesced values and its path;
 *  - processDependencyImportValues: from the leaves up, every chart listing
 *    dependencies gets as values its merged defaults (MergeValues) filled
 *    with what its import-values take from the subcharts: {child, parent}
 *    maps copy table NAME.child to path parent, strings copy NAME.exports.X
 *    to the top; the first import of a key wins, the chart's own values win
 *    over all.
 *
 * Helm changes the chart in place; here the changed tree is a copy in the
 * render's arena, sharing files and templates with the loaded chart.
 */
#include <string.h>

#include "base/buf.h"
#include "chart/chart.h"
#include "gofmt/printf.h"

struct req {
    struct hc_map *map; /* the Dependency as .Chart shows it (our copy) */
    const char *name;   /* Name, then the alias once applied */
    const char *version, *alias, *condition;
    hc_val tags, import_values;
    bool enabled;
};

static const char *field_str(struct hc_arena *a, const struct hc_map *m, const char *key)
{
    hc_val v;
    if (!hc_map_get(m, key, strlen(key), &v) || v.kind != HC_STRING)
        return "";
    char *s = hc_arena_strndup(a, v.u.s, v.len);
    return s ? s : NULL;
}

static struct hc_map *map_copy(struct hc_arena *a, const struct hc_map *m)
{
    struct hc_map *n = hc_map_new(a, m ? m->len : 0);
    if (!n)
        return NULL;
    if (m && m->len) {
        memcpy(n->e, m->e, m->len * sizeof *n->e);
        n->len = m->len;
    }
    if (m)
        n->named = m->named;
    return n;
}

/* A shallow copy of c (its own metadata map) that may be renamed and given other subcharts. */
static struct hc_chart *chart_copy(struct hc_arena *a, const struct hc_chart *c)
{
    struct hc_chart *n = hc_arena_alloc(a, sizeof *n);
    if (!n)
        return NULL;
    *n = *c;
    n->arena = a;
    memset(&n->own_arena, 0, sizeof n->own_arena);
    struct hc_map *mm = map_copy(a, c->meta_map.kind == HC_MAP ? c->meta_map.u.m : NULL);
    if (!mm)
        return NULL;
    n->meta_map =
        hc_map_val(mm, c->meta_map.kind == HC_MAP ? (hc_gotype)c->meta_map.gotype : HC_GT_MAP);
    return n;
}

static hc_status rename_chart(struct hc_arena *a, struct hc_chart *c, const char *name)
{
    c->meta.name = name;
    return hc_map_set(a, c->meta_map.u.m, "Name", 4, hc_strn(name, strlen(name)));
}

/* The Dependencies list of Chart.yaml (false when nil). */
static bool dep_list(const struct hc_chart *c, hc_val *list)
{
    return c->meta_map.kind == HC_MAP && hc_map_get(c->meta_map.u.m, "Dependencies", 12, list) &&
           list->kind == HC_LIST;
}

static hc_status read_reqs(struct hc_arena *a, hc_val list, struct req **out, size_t *n)
{
    size_t cnt = list.u.l ? list.u.l->len : 0;
    struct req *r = hc_arena_array(a, cnt ? cnt : 1, sizeof *r);
    if (!r)
        return HC_ERR_NOMEM;
    size_t k = 0;
    for (size_t i = 0; i < cnt; i++) {
        hc_val d = list.u.l->items[i];
        if (d.kind != HC_MAP || !d.u.m)
            continue;
        struct req *q = &r[k++];
        memset(q, 0, sizeof *q);
        q->map = map_copy(a, d.u.m);
        q->name = field_str(a, d.u.m, "Name");
        q->version = field_str(a, d.u.m, "Version");
        q->alias = field_str(a, d.u.m, "Alias");
        q->condition = field_str(a, d.u.m, "Condition");
        if (!q->map || !q->name || !q->version || !q->alias || !q->condition)
            return HC_ERR_NOMEM;
        if (!hc_map_get(d.u.m, "Tags", 4, &q->tags))
            q->tags = hc_null();
        if (!hc_map_get(d.u.m, "ImportValues", 12, &q->import_values))
            q->import_values = hc_null();
    }
    *out = r;
    *n = k;
    return HC_OK;
}

hc_status hc_chart_check_deps(const struct hc_chart *c, struct hc_error *err)
{
    hc_val list;
    if (!dep_list(c, &list) || !list.u.l)
        return HC_OK;
    struct hc_buf missing = HC_BUF_INIT;
    hc_list_foreach(list.u.l, it) {
        hc_val name;
        if (it->kind != HC_MAP || !hc_map_get(it->u.m, "Name", 4, &name) || name.kind != HC_STRING)
            name = hc_strn("", 0);
        bool found = false;
        for (size_t i = 0; i < c->ndeps && !found; i++)
            found = strlen(c->deps[i]->meta.name) == name.len &&
                    memcmp(c->deps[i]->meta.name, name.u.s, name.len) == 0;
        if (!found) {
            if (missing.len)
                hc_buf_adds(&missing, ", ");
            hc_buf_add(&missing, name.u.s, name.len);
        }
    }
    hc_status rc = HC_OK;
    if (!hc_buf_ok(&missing))
        rc = hc_error_nomem(err);
    else if (missing.len)
        rc = hc_error_set(err, HC_ERR_INVALID,
                          "found in Chart.yaml, but missing in charts/ directory: %s",
                          hc_buf_str(&missing));
    hc_buf_release(&missing);
    return rc;
}

/* Values.Table(name): the map at the dotted path, or NULL. */
static struct hc_map *table(hc_val v, const char *name, size_t len)
{
    if (v.kind != HC_MAP || v.gotype != HC_GT_MAP)
        return NULL;
    struct hc_map *t = v.u.m;
    size_t i = 0;
    for (;;) {
        const char *dot = memchr(name + i, '.', len - i);
        size_t el = dot ? (size_t)(dot - (name + i)) : len - i;
        hc_val x;
        if (!t || !hc_map_get(t, name + i, el, &x) || x.kind != HC_MAP || x.gotype != HC_GT_MAP)
            return NULL;
        t = x.u.m;
        if (!dot)
            return t;
        i += el + 1;
    }
}

static bool is_table(hc_val v)
{
    return v.kind == HC_MAP && v.gotype == HC_GT_MAP;
}

/* Values.PathValue(path): a non-table value at the dotted path. */
static bool path_value(hc_val v, const char *path, size_t len, hc_val *out)
{
    if (len == 0 || v.kind != HC_MAP || !v.u.m)
        return false;
    const char *dot = NULL;
    for (size_t i = len; i > 0; i--)
        if (path[i - 1] == '.') {
            dot = path + i - 1;
            break;
        }
    struct hc_map *t = v.u.m;
    const char *key = path;
    size_t klen = len;
    if (dot) {
        t = table(v, path, (size_t)(dot - path));
        key = dot + 1;
        klen = len - (size_t)(key - path);
    }
    hc_val x;
    if (!t || !hc_map_get(t, key, klen, &x) || is_table(x))
        return false;
    *out = x;
    return true;
}

static void apply_tags(struct req *r, size_t n, hc_val cvals)
{
    struct hc_map *vt = table(cvals, "tags", 4);
    if (!vt)
        return;
    for (size_t i = 0; i < n; i++) {
        bool has_true = false, has_false = false;
        if (r[i].tags.kind == HC_LIST && r[i].tags.u.l) {
            hc_list_foreach(r[i].tags.u.l, it) {
                hc_val b;
                if (it->kind != HC_STRING || !hc_map_get(vt, it->u.s, it->len, &b))
                    continue;
                if (b.kind == HC_BOOL) {
                    if (b.u.b)
                        has_true = true;
                    else
                        has_false = true;
                }
            }
        }
        r[i].enabled = has_true || !has_false;
    }
}

static hc_status apply_conditions(struct hc_arena *a, struct req *r, size_t n, hc_val cvals,
                                  const char *path)
{
    for (size_t i = 0; i < n; i++) {
        const char *s = r[i].condition;
        size_t len = strlen(s);
        while (len && strchr(" \t\n\r\v\f", s[0])) {
            s++;
            len--;
        }
        while (len && strchr(" \t\n\r\v\f", s[len - 1]))
            len--;
        for (size_t p = 0; p <= len;) {
            const char *comma = memchr(s + p, ',', len - p);
            size_t el = comma ? (size_t)(comma - (s + p)) : len - p;
            if (el > 0) {
                char *full = hc_arena_printf(a, "%s%.*s", path, (int)el, s + p);
                if (!full)
                    return HC_ERR_NOMEM;
                hc_val v;
                if (path_value(cvals, full, strlen(full), &v) && v.kind == HC_BOOL) {
                    r[i].enabled = v.u.b;
                    break;
                }
            }
            p += el + 1;
        }
    }
    return HC_OK;
}

static bool compatible(const char *constraint, const struct hc_chart *c)
{
    return hc_chart_semver_satisfies(constraint, c->meta.version);
}

static hc_status push_chart(struct hc_arena *a, struct hc_chart ***v, size_t *n, size_t *cap,
                            struct hc_chart *c)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        struct hc_chart **nv = hc_arena_realloc(a, *v, *cap * sizeof *nv, nc * sizeof *nv);
        if (!nv)
            return HC_ERR_NOMEM;
        *v = nv;
        *cap = nc;
    }
    (*v)[(*n)++] = c;
    return HC_OK;
}

static hc_status process_children(struct hc_arena *a, struct hc_chart *c, struct req *r, size_t nr,
                                  hc_val cvals, const char *path, int depth, struct hc_error *err);

/* processDependencyEnabled on c (already our copy). */
static hc_status process_enabled(struct hc_arena *a, struct hc_chart *c, hc_val v, const char *path,
                                 int depth, struct hc_error *err)
{
    if (depth > HC_CHART_MAX_DEPTH)
        return hc_error_set(err, HC_ERR_LIMIT, "subcharts nested too deeply");
    /* Helm returns at once when Metadata.Dependencies is nil: no coalescing for a chart
       that declares no dependencies, which spares an umbrella a copy of every value per
       subchart */
    hc_val list;
    if (!c->meta.deps_set || !dep_list(c, &list))
        return HC_OK;
    struct req *r;
    size_t nr;
    if (read_reqs(a, list, &r, &nr) != HC_OK)
        return hc_error_nomem(err);
    struct hc_chart **deps = NULL;
    size_t nd = 0, cap = 0;
    for (size_t i = 0; i < c->ndeps; i++) {
        const struct hc_chart *e = c->deps[i];
        bool listed = false;
        for (size_t j = 0; j < nr && !listed; j++)
            listed = strcmp(e->meta.name, r[j].name) == 0 && compatible(r[j].version, e);
        if (listed)
            continue;
        struct hc_chart *cp = chart_copy(a, e);
        if (!cp || push_chart(a, &deps, &nd, &cap, cp) != HC_OK)
            return hc_error_nomem(err);
    }
    for (size_t j = 0; j < nr; j++) {
        for (size_t i = 0; i < c->ndeps; i++) {
            const struct hc_chart *e = c->deps[i];
            if (strcmp(e->meta.name, r[j].name) != 0 || !compatible(r[j].version, e))
                continue;
            struct hc_chart *cp = chart_copy(a, e);
            if (!cp || (*r[j].alias && rename_chart(a, cp, r[j].alias) != HC_OK) ||
                push_chart(a, &deps, &nd, &cap, cp) != HC_OK)
                return hc_error_nomem(err);
            break;
        }
        if (*r[j].alias)
            r[j].name = r[j].alias;
    }
    c->deps = deps;
    c->ndeps = nd;
    for (size_t j = 0; j < nr; j++)
        r[j].enabled = true;
    /*
     * The coalesced values only decide tags and conditions here and below,
     * and nothing keeps them, so they live in a scratch arena freed on return:
     * a tree of n subcharts copies the values n times (as Helm does), and the
     * copies need not all be alive at once.
     */
    struct hc_arena scratch;
    hc_arena_init(&scratch, a->limit);
    hc_val cvals;
    hc_status rc = hc_values_coalesce(&scratch, c, v, &cvals, err);
    if (rc == HC_OK) {
        apply_tags(r, nr, cvals);
        if (apply_conditions(a, r, nr, cvals, path) != HC_OK)
            rc = hc_error_nomem(err);
    }
    if (rc == HC_OK)
        rc = process_children(a, c, r, nr, cvals, path, depth, err);
    hc_arena_free(&scratch);
    return rc;
}

/* The rest of processDependencyEnabled for c: drop the disabled, recurse, record the list. */
static hc_status process_children(struct hc_arena *a, struct hc_chart *c, struct req *r, size_t nr,
                                  hc_val cvals, const char *path, int depth, struct hc_error *err)
{
    hc_val list;
    hc_status rc;
    if (!dep_list(c, &list))
        return HC_OK;
    /* drop the disabled subcharts and their entries */
    size_t kept = 0;
    for (size_t i = 0; i < c->ndeps; i++) {
        bool removed = false;
        for (size_t j = 0; j < nr && !removed; j++)
            removed = !r[j].enabled && strcmp(r[j].name, c->deps[i]->meta.name) == 0;
        if (!removed)
            c->deps[kept++] = c->deps[i];
    }
    c->ndeps = kept;
    struct hc_listb lb;
    hc_listb_init(&lb, a);
    for (size_t j = 0; j < nr; j++) {
        bool removed = false;
        for (size_t k = 0; k < nr && !removed; k++)
            removed = !r[k].enabled && strcmp(r[k].name, r[j].name) == 0;
        if (removed)
            continue;
        if (hc_map_set(a, r[j].map, "Name", 4, hc_strn(r[j].name, strlen(r[j].name))) != HC_OK ||
            hc_map_set(a, r[j].map, "Enabled", 7, hc_bool(r[j].enabled)) != HC_OK ||
            hc_listb_push(&lb, hc_map_val(r[j].map, HC_GT_MAP)) != HC_OK)
            return hc_error_nomem(err);
    }
    for (size_t i = 0; i < c->ndeps; i++) {
        const char *sub = hc_arena_printf(a, "%s%s.", path, c->deps[i]->meta.name);
        if (!sub)
            return hc_error_nomem(err);
        rc = process_enabled(a, c->deps[i], cvals, sub, depth + 1, err);
        if (rc != HC_OK)
            return rc;
    }
    struct hc_list *nl = hc_listb_finish(&lb);
    if (!nl || hc_map_set(a, c->meta_map.u.m, "Dependencies", 12,
                          hc_list_val(nl, (hc_gotype)list.gotype)) != HC_OK)
        return hc_error_nomem(err);
    return HC_OK;
}

/* pathToMap(path, data): data under the dotted path ("." is the top). */
static hc_status path_to_map(struct hc_arena *a, const char *path, struct hc_map *data,
                             struct hc_map **out)
{
    if (strcmp(path, ".") == 0) {
        *out = data;
        return HC_OK;
    }
    struct hc_map *cur = data;
    size_t len = strlen(path);
    for (size_t end = len;;) {
        size_t start = end;
        while (start > 0 && path[start - 1] != '.')
            start--;
        struct hc_map *m = hc_map_new(a, 1);
        char *key = hc_arena_strndup(a, path + start, end - start);
        if (!m || !key || hc_map_set(a, m, key, end - start, hc_map_val(cur, HC_GT_MAP)) != HC_OK)
            return HC_ERR_NOMEM;
        cur = m;
        if (start == 0)
            break;
        end = start - 1;
    }
    *out = cur;
    return HC_OK;
}

/* fmt.Sprintf("%v", v) */
static const char *sprint_v(struct hc_arena *a, hc_val v)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_gofmt_sprintf(&b, "%v", 2, &v, 1);
    char *s = hc_buf_ok(&b) ? hc_arena_strndup(a, hc_buf_str(&b), b.len) : NULL;
    hc_buf_release(&b);
    return s;
}

/* b = MergeTables(b, pathToMap(parent, copy of cvals' table NAME.child)) */
static hc_status import_one(struct hc_arena *a, hc_val cvals, const char *name, const char *child,
                            const char *parent, struct hc_map *b, struct hc_error *err)
{
    char *tname = hc_arena_printf(a, "%s.%s", name, child);
    if (!tname)
        return hc_error_nomem(err);
    struct hc_map *t = table(cvals, tname, strlen(tname));
    if (!t)
        return HC_OK; /* Helm warns: ImportValues missing table */
    hc_val copy;
    if (hc_val_copy(a, hc_map_val(t, HC_GT_MAP), false, &copy) != HC_OK)
        return hc_error_nomem(err);
    struct hc_map *src;
    if (path_to_map(a, parent, copy.u.m, &src) != HC_OK)
        return hc_error_nomem(err);
    return hc_values_merge_tables(a, b, src, err);
}

/* processImportValues(c, merge=true) */
static hc_status process_imports(struct hc_arena *a, struct hc_chart *c, int depth,
                                 struct hc_error *err)
{
    if (depth > HC_CHART_MAX_DEPTH)
        return hc_error_set(err, HC_ERR_LIMIT, "subcharts nested too deeply");
    for (size_t i = 0; i < c->ndeps; i++) {
        hc_status rc = process_imports(a, c->deps[i], depth + 1, err);
        if (rc != HC_OK)
            return rc;
    }
    hc_val list; /* nil Metadata.Dependencies: Helm returns here too */
    if (!c->meta.deps_set || !dep_list(c, &list))
        return HC_OK;
    hc_val cvals;
    hc_status rc = hc_values_merge_chart(a, c, &cvals, err);
    if (rc != HC_OK)
        return rc;
    struct hc_map *b = hc_map_new(a, 0);
    if (!b)
        return hc_error_nomem(err);
    size_t n = list.u.l ? list.u.l->len : 0;
    for (size_t i = 0; i < n; i++) {
        hc_val d = list.u.l->items[i], ivs, nm;
        if (d.kind != HC_MAP)
            continue;
        if (!hc_map_get(d.u.m, "ImportValues", 12, &ivs) || ivs.kind != HC_LIST || !ivs.u.l)
            ivs = hc_list_val(NULL, HC_GT_LIST);
        if (!hc_map_get(d.u.m, "Name", 4, &nm) || nm.kind != HC_STRING)
            nm = hc_strn("", 0);
        const char *name = hc_arena_strndup(a, nm.u.s, nm.len);
        if (!name)
            return hc_error_nomem(err);
        struct hc_listb out;
        hc_listb_init(&out, a);
        hc_list_foreach(ivs.u.l, iv) {
            const char *child, *parent;
            if (iv->kind == HC_MAP && iv->gotype == HC_GT_MAP) {
                hc_val x;
                child = sprint_v(a, hc_map_get(iv->u.m, "child", 5, &x) ? x : hc_null());
                parent = sprint_v(a, hc_map_get(iv->u.m, "parent", 6, &x) ? x : hc_null());
            } else if (iv->kind == HC_STRING) {
                child = hc_arena_printf(a, "exports.%.*s", (int)iv->len, iv->u.s);
                parent = ".";
            } else {
                continue;
            }
            struct hc_map *m = hc_map_new(a, 2);
            if (!child || !parent || !m ||
                hc_map_set(a, m, "child", 5, hc_strn(child, strlen(child))) != HC_OK ||
                hc_map_set(a, m, "parent", 6, hc_strn(parent, strlen(parent))) != HC_OK ||
                hc_listb_push(&out, hc_map_val(m, HC_GT_STRMAP)) != HC_OK)
                return hc_error_nomem(err);
            rc = import_one(a, cvals, name, child, parent, b, err);
            if (rc != HC_OK)
                return rc;
        }
        /* a nil slice when nothing is imported, which .Chart shows as [] too */
        struct hc_list *ol = hc_listb_finish(&out);
        struct hc_map *dm = map_copy(a, d.u.m);
        if (!ol || !dm ||
            hc_map_set(a, dm, "ImportValues", 12, hc_list_val(ol, HC_GT_LIST)) != HC_OK)
            return hc_error_nomem(err);
        list.u.l->items[i] = hc_map_val(dm, (hc_gotype)d.gotype);
    }
    rc = hc_values_merge_tables(a, cvals.u.m, b, err);
    if (rc != HC_OK)
        return rc;
    c->values = cvals;
    return HC_OK;
}

/* Parent links and ChartFullPath names for the copy; subcharts not copied yet are now. */
static hc_status fix_paths(struct hc_arena *a, struct hc_chart *c, struct hc_chart *parent,
                           int depth)
{
    if (depth > HC_CHART_MAX_DEPTH)
        return HC_ERR_LIMIT;
    c->parent = parent;
    c->full_path =
        parent ? hc_arena_printf(a, "%s/charts/%s", parent->full_path, c->meta.name) : c->meta.name;
    struct hc_chart **deps = hc_arena_array(a, c->ndeps ? c->ndeps : 1, sizeof *deps);
    if (!c->full_path || !deps)
        return HC_ERR_NOMEM;
    for (size_t i = 0; i < c->ndeps; i++) {
        deps[i] = c->deps[i]->arena == a ? c->deps[i] : chart_copy(a, c->deps[i]);
        if (!deps[i])
            return HC_ERR_NOMEM;
        hc_status rc = fix_paths(a, deps[i], c, depth + 1);
        if (rc != HC_OK)
            return rc;
    }
    c->deps = deps;
    return HC_OK;
}

hc_status hc_chart_process_deps(struct hc_arena *a, const struct hc_chart *c, hc_val user,
                                struct hc_chart **out, struct hc_error *err)
{
    struct hc_chart *root = chart_copy(a, c);
    if (!root)
        return hc_error_nomem(err);
    hc_status rc = process_enabled(a, root, user, "", 0, err);
    if (rc == HC_OK)
        rc = process_imports(a, root, 0, err);
    if (rc == HC_OK) {
        rc = fix_paths(a, root, NULL, 0);
        if (rc == HC_ERR_NOMEM)
            hc_error_nomem(err);
        else if (rc != HC_OK)
            hc_error_set(err, rc, "subcharts nested too deeply");
    }
    if (rc == HC_OK)
        *out = root;
    return rc;
}
