/*
 * meta.c - chart metadata as Helm marshals it.
 *
 * Mirrors the JSON tags of pkg/chart/v2's Metadata, Maintainer, Dependency
 * and Lock: which fields are omitted when empty and, for encoding/json, the
 * order fields are written in (declaration order; maps sorted).
 */
#include "archive/meta.h"

#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/release.h"
#include "json/json.h"
#include "template/runes.h"
#include "yaml/yaml.h"

enum kind { K_STR, K_BOOL, K_LIST, K_MAP, K_MAINT, K_DEPS };

struct field {
    const char *go, *json;
    enum kind kind;
    bool omitempty;
};

/* chart.Metadata, in declaration order. */
static const struct field meta_fields[] = {
    {"Name",         "name",         K_STR,   true },
    {"Home",         "home",         K_STR,   true },
    {"Sources",      "sources",      K_LIST,  true },
    {"Version",      "version",      K_STR,   true },
    {"Description",  "description",  K_STR,   true },
    {"Keywords",     "keywords",     K_LIST,  true },
    {"Maintainers",  "maintainers",  K_MAINT, true },
    {"Icon",         "icon",         K_STR,   true },
    {"APIVersion",   "apiVersion",   K_STR,   true },
    {"Condition",    "condition",    K_STR,   true },
    {"Tags",         "tags",         K_STR,   true },
    {"AppVersion",   "appVersion",   K_STR,   true },
    {"Deprecated",   "deprecated",   K_BOOL,  true },
    {"Annotations",  "annotations",  K_MAP,   true },
    {"KubeVersion",  "kubeVersion",  K_STR,   true },
    {"Dependencies", "dependencies", K_DEPS,  true },
    {"Type",         "type",         K_STR,   true },
    {NULL,           NULL,           K_STR,   false},
};

static const struct field maint_fields[] = {
    {"Name",  "name",  K_STR, true },
    {"Email", "email", K_STR, true },
    {"URL",   "url",   K_STR, true },
    {NULL,    NULL,    K_STR, false},
};

static const struct field dep_fields[] = {
    {"Name",         "name",          K_STR,  false},
    {"Version",      "version",       K_STR,  true },
    {"Repository",   "repository",    K_STR,  false},
    {"Condition",    "condition",     K_STR,  true },
    {"Tags",         "tags",          K_LIST, true },
    {"Enabled",      "enabled",       K_BOOL, true },
    {"ImportValues", "import-values", K_LIST, true },
    {"Alias",        "alias",         K_STR,  true },
    {NULL,           NULL,            K_STR,  false},
};

static bool is_empty(hc_val v)
{
    switch (v.kind) {
    case HC_NULL:
    case HC_MISSING:
        return true;
    case HC_STRING:
        return v.len == 0;
    case HC_LIST:
        return !v.u.l || v.u.l->len == 0;
    case HC_MAP:
        return !v.u.m || v.u.m->len == 0;
    case HC_BOOL:
        return !v.u.b;
    default:
        return false;
    }
}

static hc_status convert(struct hc_arena *a, hc_val in, const struct field *fields, hc_val *out);

static hc_status convert_list(struct hc_arena *a, hc_val in, const struct field *fields,
                              hc_val *out)
{
    struct hc_list *l = hc_list_new(a, in.u.l->len);
    if (!l)
        return HC_ERR_NOMEM;
    for (uint32_t i = 0; i < in.u.l->len; i++) {
        hc_val item = in.u.l->items[i];
        if (item.kind != HC_MAP || !item.u.m) {
            l->items[i] = hc_null(); /* a nil pointer in the slice */
            continue;
        }
        hc_status rc = convert(a, item, fields, &l->items[i]);
        if (rc != HC_OK)
            return rc;
    }
    *out = hc_list_val(l, HC_GT_LIST);
    return HC_OK;
}

/* One struct's Go-named map into its JSON object. */
static hc_status convert(struct hc_arena *a, hc_val in, const struct field *fields, hc_val *out)
{
    struct hc_map *m = hc_map_new(a, 8);
    if (!m)
        return HC_ERR_NOMEM;
    for (const struct field *f = fields; f->go; f++) {
        hc_val v = hc_null();
        if (in.kind == HC_MAP && in.u.m)
            hc_map_get(in.u.m, f->go, strlen(f->go), &v);
        if (f->omitempty && is_empty(v))
            continue;
        if (!f->omitempty && v.kind != HC_STRING && f->kind == K_STR)
            v = hc_strn("", 0);
        if ((f->kind == K_MAINT || f->kind == K_DEPS) && v.kind == HC_LIST) {
            hc_status rc = convert_list(a, v, f->kind == K_MAINT ? maint_fields : dep_fields, &v);
            if (rc != HC_OK)
                return rc;
        }
        if (hc_map_set(a, m, f->json, strlen(f->json), v) != HC_OK)
            return HC_ERR_NOMEM;
    }
    *out = hc_map_val(m, HC_GT_MAP);
    return HC_OK;
}

/* Metadata.Validate's sanitizeString. */
static hc_val sanitize(struct hc_arena *a, const char *s, size_t n)
{
    char *out = hc_arena_alloc(a, n * 3 + 1);
    if (!out)
        return hc_missing();
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        int32_t r;
        size_t w = hc_rune_decode(s + i, n - i, &r);
        if (hc_rune_is_space(r))
            out[k++] = ' ';
        else if (hc_rune_is_print(r))
            k += hc_rune_encode(out + k, r);
        i += w ? w : 1;
    }
    out[k] = '\0';
    return hc_strn(out, k);
}

static hc_val meta_get(hc_val m, const char *key)
{
    hc_val v = hc_null();
    if (m.kind == HC_MAP && m.u.m)
        hc_map_get(m.u.m, key, strlen(key), &v);
    return v;
}

hc_status hc_meta_to_json(struct hc_arena *a, hc_val chart, const char *version,
                          const char *app_version, bool save, hc_val *out, struct hc_error *err)
{
    if (convert(a, chart, meta_fields, out) != HC_OK)
        return hc_error_nomem(err);
    struct hc_map *m = out->u.m;
    if (version && version[0] && hc_map_set(a, m, "version", 7, hc_strn(version, strlen(version))))
        return hc_error_nomem(err);
    if (app_version && app_version[0]) {
        hc_val v = sanitize(a, app_version, strlen(app_version));
        if (v.kind == HC_MISSING)
            return hc_error_nomem(err);
        if (v.len && hc_map_set(a, m, "appVersion", 10, v) != HC_OK)
            return hc_error_nomem(err);
        if (!v.len)
            hc_map_del(m, "appVersion", 10);
    }
    hc_val api = meta_get(chart, "APIVersion");
    if (save && api.kind == HC_STRING && api.len == 2 && memcmp(api.u.s, "v1", 2) == 0)
        hc_map_del(m, "dependencies", 12);
    return HC_OK;
}

static bool api_is(const struct hc_chart *c, const char *want)
{
    hc_val api = meta_get(hc_chart_metadata(c), "APIVersion");
    return api.kind == HC_STRING && api.len == strlen(want) && memcmp(api.u.s, want, api.len) == 0;
}

bool hc_meta_is_v1(const struct hc_chart *c)
{
    return api_is(c, "v1");
}

bool hc_meta_is_v2(const struct hc_chart *c)
{
    return api_is(c, "v2");
}

/* A key of a decoded object as encoding/json matches it: exactly, else ignoring ASCII case. */
static hc_val json_field(hc_val m, const char *name)
{
    hc_val v = hc_missing(), fold = hc_missing();
    if (m.kind != HC_MAP || !m.u.m)
        return v;
    size_t n = strlen(name);
    hc_map_foreach(m.u.m, e) {
        if (e->klen != n)
            continue;
        if (memcmp(e->key, name, n) == 0)
            v = e->val;
        else if (fold.kind == HC_MISSING && strncasecmp(e->key, name, n) == 0)
            fold = e->val;
    }
    return v.kind != HC_MISSING ? v : fold;
}

/* A YAML scalar bound for a Go string field, as sigs.k8s.io/yaml converts it. */
static hc_val as_string(struct hc_arena *a, hc_val v)
{
    switch (v.kind) {
    case HC_STRING:
        return v;
    case HC_BOOL:
        return v.u.b ? hc_strn("true", 4) : hc_strn("false", 5);
    case HC_INT: {
        char *s = hc_arena_printf(a, "%lld", (long long)v.u.i);
        return s ? hc_strn(s, strlen(s)) : hc_strn("", 0);
    }
    default:
        return hc_strn("", 0);
    }
}

/* A Dependency decoded from YAML into the Go-named map convert() reads. */
static hc_status lock_dep(struct hc_arena *a, hc_val in, hc_val *out)
{
    if (in.kind != HC_MAP || !in.u.m) {
        *out = hc_null();
        return HC_OK;
    }
    struct hc_map *m = hc_map_new(a, 8);
    if (!m)
        return HC_ERR_NOMEM;
    for (const struct field *f = dep_fields; f->go; f++) {
        hc_val v = json_field(in, f->json);
        if (v.kind == HC_MISSING || v.kind == HC_NULL)
            continue;
        if (f->kind == K_STR)
            v = as_string(a, v);
        else if (f->kind == K_BOOL && v.kind != HC_BOOL)
            continue;
        else if (f->kind == K_LIST && v.kind != HC_LIST)
            continue;
        if (hc_map_set(a, m, f->go, strlen(f->go), v) != HC_OK)
            return HC_ERR_NOMEM;
    }
    return convert(a, hc_map_val(m, HC_GT_MAP), dep_fields, out);
}

hc_status hc_meta_lock(struct hc_arena *a, const char *text, size_t len, hc_val *out, bool *present,
                       struct hc_error *err)
{
    *present = false;
    hc_val doc;
    struct hc_error yerr;
    hc_error_init(&yerr);
    hc_status rc = hc_yaml_read(a, text, len, NULL, &doc, &yerr);
    if (rc != HC_OK) {
        if (rc == HC_ERR_NOMEM)
            hc_error_nomem(err);
        else
            hc_error_set(err, rc, "cannot load Chart.lock: %s", hc_error_msg(&yerr));
        hc_error_release(&yerr);
        return rc;
    }
    if (doc.kind == HC_NULL || doc.kind == HC_MISSING)
        return HC_OK;
    struct hc_map *m = hc_map_new(a, 3);
    if (!m)
        return hc_error_nomem(err);
    /* generated: a time.Time, RFC 3339 text; zero when missing */
    struct hc_stamp t = {0, 0, 0};
    hc_val g = json_field(doc, "generated");
    if (g.kind == HC_STRING) {
        struct hc_error terr;
        hc_error_init(&terr);
        rc = hc_stamp_parse(g.u.s, g.len, &t, &terr);
        if (rc != HC_OK) {
            hc_error_set(err, rc, "cannot load Chart.lock: %s", hc_error_msg(&terr));
            hc_error_release(&terr);
            return rc;
        }
    }
    struct hc_buf tb = HC_BUF_INIT;
    hc_stamp_format(&tb, t);
    char *ts = hc_buf_ok(&tb) ? hc_arena_strndup(a, tb.data, tb.len) : NULL;
    size_t tl = tb.len;
    hc_buf_release(&tb);
    if (!ts)
        return hc_error_nomem(err);
    hc_val digest = as_string(a, json_field(doc, "digest"));
    hc_val deps = json_field(doc, "dependencies"), dl = hc_null();
    if (deps.kind == HC_LIST) {
        uint32_t n = deps.u.l ? deps.u.l->len : 0;
        struct hc_list *l = hc_list_new(a, n);
        if (!l)
            return hc_error_nomem(err);
        for (uint32_t i = 0; i < n; i++)
            if (lock_dep(a, deps.u.l->items[i], &l->items[i]) != HC_OK)
                return hc_error_nomem(err);
        dl = hc_list_val(l, HC_GT_LIST);
    }
    if (hc_map_set(a, m, "generated", 9, hc_strn(ts, tl)) != HC_OK ||
        hc_map_set(a, m, "digest", 6, digest) != HC_OK ||
        hc_map_set(a, m, "dependencies", 12, dl) != HC_OK)
        return hc_error_nomem(err);
    *out = hc_map_val(m, HC_GT_MAP);
    *present = true;
    return HC_OK;
}

/* ---- encoding/json's field order ---- */

static void indent(struct hc_buf *b, int level)
{
    hc_buf_addc(b, '\n');
    hc_buf_addn(b, ' ', (size_t)level * 2);
}

hc_status hc_meta_json_value(struct hc_buf *b, hc_val v, int level, struct hc_error *err)
{
    struct hc_buf t = HC_BUF_INIT;
    hc_status rc = hc_json_write(&t, v, HC_JSON_INDENT, err);
    if (rc == HC_OK) {
        for (size_t i = 0; i < t.len; i++) {
            if (t.data[i] == '\n')
                indent(b, level);
            else
                hc_buf_addc(b, t.data[i]);
        }
    }
    hc_buf_release(&t);
    return rc;
}

static hc_status struct_json(struct hc_buf *b, hc_val obj, const struct field *fields, int level,
                             bool *first, struct hc_error *err);

static hc_status struct_list_json(struct hc_buf *b, hc_val list, const struct field *fields,
                                  int level, struct hc_error *err)
{
    uint32_t n = list.u.l ? list.u.l->len : 0;
    if (n == 0) {
        hc_buf_adds(b, "[]");
        return HC_OK;
    }
    hc_buf_addc(b, '[');
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            hc_buf_addc(b, ',');
        indent(b, level + 1);
        hc_val item = list.u.l->items[i];
        if (item.kind != HC_MAP) {
            hc_buf_adds(b, "null");
            continue;
        }
        hc_buf_addc(b, '{');
        bool first = true;
        hc_status rc = struct_json(b, item, fields, level + 2, &first, err);
        if (rc != HC_OK)
            return rc;
        if (!first)
            indent(b, level + 1);
        hc_buf_addc(b, '}');
    }
    indent(b, level);
    hc_buf_addc(b, ']');
    return HC_OK;
}

static hc_status struct_json(struct hc_buf *b, hc_val obj, const struct field *fields, int level,
                             bool *first, struct hc_error *err)
{
    for (const struct field *f = fields; f->go; f++) {
        hc_val v;
        if (!hc_map_get(obj.u.m, f->json, strlen(f->json), &v))
            continue;
        if (!*first)
            hc_buf_addc(b, ',');
        *first = false;
        indent(b, level);
        hc_status rc = hc_meta_json_value(b, hc_strn(f->json, strlen(f->json)), level, err);
        if (rc != HC_OK)
            return rc;
        hc_buf_adds(b, ": ");
        if ((f->kind == K_MAINT || f->kind == K_DEPS) && v.kind == HC_LIST)
            rc = struct_list_json(b, v, f->kind == K_MAINT ? maint_fields : dep_fields, level, err);
        else
            rc = hc_meta_json_value(b, v, level, err);
        if (rc != HC_OK)
            return rc;
    }
    return HC_OK;
}

hc_status hc_meta_json_fields(struct hc_buf *b, hc_val meta, int level, bool *first,
                              struct hc_error *err)
{
    return struct_json(b, meta, meta_fields, level, first, err);
}

hc_status hc_chart_metadata_yaml(const struct hc_chart *c, char **out, size_t *len,
                                 struct hc_error *err)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_buf b = HC_BUF_INIT;
    hc_val meta;
    hc_status rc = hc_meta_to_json(&a, hc_chart_metadata(c), NULL, NULL, false, &meta, err);
    if (rc == HC_OK)
        rc = hc_yaml_write(&b, meta, err);
    hc_arena_free(&a);
    if (rc != HC_OK) {
        hc_buf_release(&b);
        return rc;
    }
    if (!b.data)
        return hc_error_set(err, HC_ERR_NOMEM, "out of memory");
    *len = b.len;
    *out = b.data;
    return HC_OK;
}
