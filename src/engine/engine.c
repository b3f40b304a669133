/*
 * engine.c - rendering a chart's templates.
 *
 * Mirrors pkg/engine/engine.go: allTemplates/recAllTpls build one scope per
 * chart (a common.Values map holding Chart, Files, Release, Capabilities,
 * Values and Subcharts; a subchart's Values is its parent's Values.NAME),
 * sortTemplates orders the templates (more '/' first, then names in reverse
 * byte order), every template is parsed into one set named "gotpl" in that
 * order, and every template whose base name does not start with '_' is
 * executed in that order after its scope's Template entry is set to
 * {Name, BasePath}.  Executions share the values: a template's set .Values
 * is seen by the ones after it, as in Helm.  "<no value>" is removed from
 * each output.  Library charts contribute their partials only.
 */
#include "engine/engine.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "engine/objects.h"
#include "funcs/helm.h"
#include "helmc/template.h"
#include "template/exec.h"

/* One template to parse (and maybe execute), with its chart's scope. */
struct tpl {
    const char *name; /* path.Join(chart full path, template name) */
    size_t name_len;
    int slashes;
    const struct hc_chart_file *file;
    struct hc_map *scope;  /* the chart's `next` map */
    const char *base_path; /* "fullpath/templates" */
};

struct collector {
    struct hc_arena *a;
    struct tpl *v;
    size_t n, cap;
    struct hc_error *err;
};

static hc_val str_val(const char *s)
{
    return hc_strn(s, strlen(s));
}

static hc_status set_key(struct hc_arena *a, struct hc_map *m, const char *k, hc_val v)
{
    return hc_map_set(a, m, k, strlen(k), v);
}

/* Values.Table("Values." + name): the map under each dotted element, or NULL. */
static struct hc_map *values_table(struct hc_map *scope, const char *name)
{
    hc_val v;
    if (!hc_map_get(scope, "Values", 6, &v))
        return NULL;
    const char *p = name;
    for (;;) {
        if (v.kind != HC_MAP || !v.u.m ||
            (v.gotype != HC_GT_MAP && !(v.u.m->named == &hc_engine_values_type)))
            return NULL;
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        if (!hc_map_get(v.u.m, p, len, &v))
            return NULL;
        if (!dot)
            break;
        p = dot + 1;
    }
    if (v.kind != HC_MAP || !v.u.m || v.gotype != HC_GT_MAP)
        return NULL;
    return v.u.m;
}

static bool is_library(const struct hc_chart *c)
{
    const char *t = c->meta.type;
    static const char lib[] = "library";
    if (strlen(t) != sizeof lib - 1)
        return false;
    for (size_t i = 0; i < sizeof lib - 1; i++) {
        char ch = t[i];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch + 32);
        if (ch != lib[i])
            return false;
    }
    return true;
}

static const char *path_base(const char *s, size_t n, size_t *blen)
{
    size_t i = n;
    while (i > 0 && s[i - 1] != '/')
        i--;
    *blen = n - i;
    return s + i;
}

/* recAllTpls: the scope of chart c; parent is the parent's scope (NULL for the root). */
static hc_status rec_all(struct collector *co, const struct hc_chart *c, struct hc_map *top,
                         struct hc_map *parent, hc_val *scope_out, int depth)
{
    struct hc_arena *a = co->a;
    if (depth > HC_CHART_MAX_DEPTH)
        return hc_error_set(co->err, HC_ERR_LIMIT, "subcharts nested too deeply");
    struct hc_map *next = hc_map_new(a, 8);
    struct hc_map *subcharts = hc_map_new(a, c->ndeps);
    if (!next || !subcharts)
        return hc_error_nomem(co->err);
    next->named = &hc_engine_values_type;
    /* Chart: the metadata as a map, plus IsRoot (a fresh copy: templates may change it) */
    hc_val chart;
    if (hc_val_copy(a, c->meta_map, false, &chart) != HC_OK ||
        set_key(a, chart.u.m, "IsRoot", hc_bool(c->parent == NULL)) != HC_OK)
        return hc_error_nomem(co->err);
    hc_val files, v;
    if (hc_engine_files(a, c, &files) != HC_OK)
        return hc_error_nomem(co->err);
    hc_val release = hc_null(), caps = hc_null();
    hc_map_get(top, "Release", 7, &release);
    hc_map_get(top, "Capabilities", 12, &caps);
    if (!parent) {
        if (!hc_map_get(top, "Values", 6, &v))
            v = hc_null();
    } else {
        struct hc_map *t = values_table(parent, c->meta.name);
        if (!t) {
            t = hc_map_new(a, 0);
            if (!t)
                return hc_error_nomem(co->err);
            t->named = &hc_engine_values_type;
        }
        v = hc_map_val(t, HC_GT_MAP);
    }
    if (set_key(a, next, "Chart", chart) != HC_OK || set_key(a, next, "Files", files) != HC_OK ||
        set_key(a, next, "Release", release) != HC_OK ||
        set_key(a, next, "Capabilities", caps) != HC_OK || set_key(a, next, "Values", v) != HC_OK ||
        set_key(a, next, "Subcharts", hc_map_val(subcharts, HC_GT_MAP)) != HC_OK)
        return hc_error_nomem(co->err);
    for (size_t i = 0; i < c->ndeps; i++) {
        hc_val sub;
        hc_status rc = rec_all(co, c->deps[i], top, next, &sub, depth + 1);
        if (rc != HC_OK)
            return rc;
        if (set_key(a, subcharts, c->deps[i]->meta.name, sub) != HC_OK)
            return hc_error_nomem(co->err);
    }
    const char *base_path = hc_arena_printf(a, "%s/templates", c->full_path);
    if (!base_path)
        return hc_error_nomem(co->err);
    bool library = is_library(c);
    for (size_t i = 0; i < c->ntemplates; i++) {
        const struct hc_chart_file *f = &c->templates[i];
        size_t blen;
        const char *base = path_base(f->name, f->name_len, &blen);
        if (library && !(blen > 0 && base[0] == '_'))
            continue;
        if (co->n == co->cap) {
            size_t cap = co->cap ? co->cap * 2 : 64;
            struct tpl *nv = hc_realloc(co->v, cap * sizeof *nv);
            if (!nv)
                return hc_error_nomem(co->err);
            co->v = nv;
            co->cap = cap;
        }
        char *name = hc_arena_printf(a, "%s/%s", c->full_path, f->name);
        if (!name)
            return hc_error_nomem(co->err);
        struct tpl *t = &co->v[co->n++];
        t->name = name;
        t->name_len = strlen(name);
        t->slashes = 0;
        for (size_t k = 0; k < t->name_len; k++)
            t->slashes += name[k] == '/';
        t->file = f;
        t->scope = next;
        t->base_path = base_path;
    }
    *scope_out = hc_map_val(next, HC_GT_MAP);
    return HC_OK;
}

/* sort.Reverse(byPathLen): more slashes first, then names in reverse order. */
static int cmp_tpl(const void *x, const void *y)
{
    const struct tpl *a = x, *b = y;
    if (a->slashes != b->slashes)
        return a->slashes > b->slashes ? -1 : 1;
    return -hc_strcmp(a->name, a->name_len, b->name, b->name_len);
}

/* cleanupParseError: "parse error at (LOCATION): LAST" from Go's "template: A: B: ...: LAST". */
static hc_status parse_error(const char *filename, const struct hc_error *perr,
                             struct hc_error *err)
{
    const char *msg = hc_error_msg(perr);
    const char *first = strstr(msg, ": ");
    if (!first)
        return hc_error_set(err, HC_ERR_PARSE, "parse error in (%s): %s", filename, msg);
    const char *loc = first + 2;
    const char *loc_end = strstr(loc, ": ");
    const char *last = loc_end ? loc_end : first;
    for (const char *p = last; (p = strstr(p + 1, ": ")) != NULL;)
        last = p;
    size_t loc_len = loc_end ? (size_t)(loc_end - loc) : strlen(loc);
    return hc_error_set(err, HC_ERR_PARSE, "parse error at (%.*s): %s", (int)loc_len, loc,
                        loc_end ? last + 2 : loc);
}

/* strings.ReplaceAll(s, "<no value>", "") into the arena. */
static hc_status strip_no_value(struct hc_arena *a, const struct hc_buf *b, const char **out,
                                size_t *outlen)
{
    static const char nv[] = "<no value>";
    const char *s = hc_buf_str(b);
    size_t n = b->len;
    char *dst = hc_arena_alloc(a, n + 1);
    if (!dst)
        return HC_ERR_NOMEM;
    size_t j = 0;
    for (size_t i = 0; i < n;) {
        const char *p = memchr(s + i, '<', n - i);
        size_t upto = p ? (size_t)(p - s) : n;
        memcpy(dst + j, s + i, upto - i);
        j += upto - i;
        i = upto;
        if (!p)
            break;
        if (n - i >= sizeof nv - 1 && memcmp(s + i, nv, sizeof nv - 1) == 0) {
            i += sizeof nv - 1;
        } else {
            dst[j++] = '<';
            i++;
        }
    }
    dst[j] = '\0';
    *out = dst;
    *outlen = j;
    return HC_OK;
}

hc_status hc_engine_render(struct hc_arena *a, const struct hc_chart *c, hc_val top,
                           const struct hc_engine_opts *o, struct hc_rendered **out, size_t *nout,
                           struct hc_error *err)
{
    *out = NULL;
    *nout = 0;
    if (top.kind != HC_MAP || !top.u.m)
        return hc_error_set(err, HC_ERR_INVALID, "render values are not a map");
    const struct hc_funcset *fs = hc_funcs_helm_set();
    if (!fs)
        return hc_error_nomem(err);
    struct collector co = {a, NULL, 0, 0, err};
    struct hc_tmpl_set *set = NULL;
    struct hc_helm_ctx ctx;
    hc_helm_ctx_init(&ctx, a);
    /* Go's time.Local follows TZ as read at start-up; the functions' defaults
       cover the clock, randomness and zoneinfo directories. */
    ctx.env.tz = getenv("TZ");
    ctx.lint = o && o->lint;
    struct hc_buf buf = HC_BUF_INIT;
    hc_val root_scope;
    hc_status rc = rec_all(&co, c, top.u.m, NULL, &root_scope, 0);
    if (rc != HC_OK)
        goto out;
    if (co.n > 1)
        qsort(co.v, co.n, sizeof *co.v, cmp_tpl);
    set = hc_tmpl_set_new(fs, 0);
    if (!set) {
        rc = hc_error_nomem(err);
        goto out;
    }
    {
        /* the chart's files outlive the set, so the set borrows their text */
        struct hc_tmpl_source *src = hc_malloc((co.n ? co.n : 1) * sizeof *src);
        if (!src) {
            rc = hc_error_nomem(err);
            goto out;
        }
        for (size_t i = 0; i < co.n; i++)
            src[i] = (struct hc_tmpl_source){co.v[i].name, co.v[i].file->data, co.v[i].file->len};
        struct hc_error perr;
        hc_error_init(&perr);
        size_t failed;
        rc = hc_tmpl_parse_borrowed_all(set, src, co.n, &failed, &perr);
        hc_free(src);
        if (rc != HC_OK) {
            if (rc == HC_ERR_NOMEM)
                hc_error_nomem(err);
            else
                rc = parse_error(co.v[failed].name, &perr, err);
            hc_error_release(&perr);
            goto out;
        }
    }
    struct hc_rendered *files = hc_arena_array(a, co.n ? co.n : 1, sizeof *files);
    if (!files) {
        rc = hc_error_nomem(err);
        goto out;
    }
    struct hc_exec_opts eo = {0};
    eo.missing_key = o && o->strict ? HC_MISSINGKEY_ERROR : HC_MISSINGKEY_ZERO;
    eo.max_output = o && o->max_output ? o->max_output : HC_ENGINE_MAX_OUTPUT;
    eo.user = &ctx;
    eo.name = "gotpl";
    size_t n = 0;
    for (size_t i = 0; i < co.n; i++) {
        const struct tpl *t = &co.v[i];
        size_t blen;
        const char *base = path_base(t->name, t->name_len, &blen);
        if (blen > 0 && base[0] == '_')
            continue;
        struct hc_map *tm = hc_map_new(a, 2);
        if (!tm || set_key(a, tm, "BasePath", str_val(t->base_path)) != HC_OK ||
            set_key(a, tm, "Name", hc_strn(t->name, t->name_len)) != HC_OK ||
            set_key(a, t->scope, "Template", hc_map_val(tm, HC_GT_MAP)) != HC_OK) {
            rc = hc_error_nomem(err);
            goto out;
        }
        tm->named = &hc_engine_values_type;
        hc_buf_reset(&buf);
        struct hc_error xerr;
        hc_error_init(&xerr);
        rc = hc_tmpl_execute(set, t->name, t->name_len, hc_map_val(t->scope, HC_GT_MAP), a, &eo,
                             &buf, &xerr);
        if (rc != HC_OK) {
            if (rc == HC_ERR_NOMEM) {
                hc_error_nomem(err);
            } else {
                struct hc_buf msg = HC_BUF_INIT;
                hc_exec_helm_error(&msg, hc_error_msg(&xerr), strlen(hc_error_msg(&xerr)),
                                   t->name);
                hc_error_set(err, rc, "%s", hc_buf_str(&msg));
                hc_buf_release(&msg);
            }
            hc_error_release(&xerr);
            goto out;
        }
        if (!hc_buf_ok(&buf)) {
            rc = hc_error_nomem(err);
            goto out;
        }
        files[n].name = t->name;
        files[n].name_len = t->name_len;
        if (strip_no_value(a, &buf, &files[n].text, &files[n].len) != HC_OK) {
            rc = hc_error_nomem(err);
            goto out;
        }
        if (o && o->on_file)
            o->on_file(o->on_file_ctx, &files[n]);
        n++;
    }
    *out = files;
    *nout = n;
out:
    hc_buf_release(&buf);
    hc_tmpl_set_free(set);
    hc_helm_ctx_release(&ctx);
    hc_free(co.v);
    return rc;
}
