/*
 * metadata.c - Chart.yaml into the chart model, and Metadata.Validate.
 *
 * Mirrors what sigs.k8s.io/yaml.Unmarshal does with Chart.yaml into Helm's
 * chart.Metadata (pkg/chart/v2/metadata.go, dependency.go): the YAML becomes
 * JSON (numbers and booleans bound for string fields become strings: an
 * integer as itself, a float as strconv's 'g' of a float32, so appVersion 1.10
 * is "1.1"), then encoding/json fills the struct: object keys in sorted order,
 * each matched to a field by its JSON name exactly or else ignoring case, a
 * later key overwriting an earlier one, null leaving the zero value, and the
 * first type mismatch reported ("json: cannot unmarshal object into Go struct
 * field Metadata.name of type string") after the rest is decoded.  Then the
 * chart model's view for templates, .Chart, is built as Helm's structToMap
 * does: every field under its Go name, slices as []interface {}.
 */
#include "chart/chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "chart/gostr.h"
#include "gofmt/gofmt.h"
#include "template/runes.h"
#include "yaml/yaml.h"

enum ftype {
    F_STRING,
    F_BOOL,
    F_STRINGS,     /* []string */
    F_STRMAP,      /* map[string]string */
    F_ANYLIST,     /* []interface {} */
    F_MAINTAINERS, /* []*Maintainer */
    F_DEPS         /* []*Dependency */
};

struct field {
    const char *json; /* JSON name (struct tag) */
    const char *go;   /* Go field name: the key in .Chart */
    enum ftype type;
};

/* Go declaration order matters only for structToMap (which builds a map, so none). */
static const struct field metadata_fields[] = {
    {"name", "Name", F_STRING},
    {"home", "Home", F_STRING},
    {"sources", "Sources", F_STRINGS},
    {"version", "Version", F_STRING},
    {"description", "Description", F_STRING},
    {"keywords", "Keywords", F_STRINGS},
    {"maintainers", "Maintainers", F_MAINTAINERS},
    {"icon", "Icon", F_STRING},
    {"apiVersion", "APIVersion", F_STRING},
    {"condition", "Condition", F_STRING},
    {"tags", "Tags", F_STRING},
    {"appVersion", "AppVersion", F_STRING},
    {"deprecated", "Deprecated", F_BOOL},
    {"annotations", "Annotations", F_STRMAP},
    {"kubeVersion", "KubeVersion", F_STRING},
    {"dependencies", "Dependencies", F_DEPS},
    {"type", "Type", F_STRING},
};

static const struct field maintainer_fields[] = {
    {"name", "Name", F_STRING},
    {"email", "Email", F_STRING},
    {"url", "URL", F_STRING},
};

static const struct field dependency_fields[] = {
    {"name", "Name", F_STRING},
    {"version", "Version", F_STRING},
    {"repository", "Repository", F_STRING},
    {"condition", "Condition", F_STRING},
    {"tags", "Tags", F_STRINGS},
    {"enabled", "Enabled", F_BOOL},
    {"import-values", "ImportValues", F_ANYLIST},
    {"alias", "Alias", F_STRING},
};

#define NFIELDS(t) (sizeof(t) / sizeof((t)[0]))

struct decoder {
    struct hc_arena *a;
    struct hc_error *err; /* the first type error (decoding goes on, as Go's does) */
    hc_status rc;         /* HC_ERR_NOMEM stops everything */
    struct hc_buf path;   /* JSON path of the current field, "maintainers.name" */
};

/* The JSON kind name Go's UnmarshalTypeError reports. */
static const char *json_kind(hc_val v)
{
    switch (v.kind) {
    case HC_MAP:
        return "object";
    case HC_LIST:
        return "array";
    case HC_STRING:
        return "string";
    case HC_BOOL:
        return "bool";
    case HC_INT:
    case HC_FLOAT:
        return "number";
    default:
        return "null";
    }
}

static void type_error(struct decoder *d, const char *strct, hc_val v, const char *gotype)
{
    if (d->err->code != HC_OK)
        return;
    hc_error_set(d->err, HC_ERR_PARSE,
                 "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go "
                 "struct field %s.%s of type %s",
                 json_kind(v), strct, hc_buf_str(&d->path), gotype);
}

/* A NUL-terminated copy of a string value. */
static const char *dup_str(struct decoder *d, const char *s, size_t n)
{
    char *p = hc_arena_strndup(d->a, s, n);
    if (!p)
        d->rc = HC_ERR_NOMEM;
    return p ? p : "";
}

/* sigs.k8s.io/yaml's coercion of a scalar bound for a string field. */
static bool scalar_string(struct decoder *d, hc_val v, const char **out)
{
    struct hc_buf b = HC_BUF_INIT;
    switch (v.kind) {
    case HC_STRING:
        *out = dup_str(d, v.u.s, v.len);
        return true;
    case HC_BOOL:
        *out = v.u.b ? "true" : "false";
        return true;
    case HC_INT:
        hc_gofmt_int(&b, v.u.i, 10);
        break;
    case HC_FLOAT:
        /* go-yaml gave an int for integer literals, a float64 otherwise */
        if (v.u.f == floor(v.u.f) && fabs(v.u.f) < 9.2e18)
            hc_gofmt_int(&b, (int64_t)v.u.f, 10);
        else
            hc_gofmt_float32(&b, (float)v.u.f, 'g', -1);
        break;
    default:
        return false;
    }
    if (!hc_buf_ok(&b))
        d->rc = HC_ERR_NOMEM;
    *out = dup_str(d, hc_buf_str(&b), b.len);
    hc_buf_release(&b);
    return true;
}

static hc_val str_val(const char *s)
{
    return hc_strn(s, strlen(s));
}

/* One field's value as structToMap stores it, decoded from v (nil/missing: absent). */
static hc_val decode_fields(struct decoder *d, hc_val v, const struct field *fields, size_t n,
                            const char *strct, hc_val *slots);

static hc_val decode_struct_list(struct decoder *d, hc_val v, const struct field *fields,
                                 size_t n, const char *parent, const char *strct,
                                 const char *elemtype)
{
    if (v.kind != HC_LIST) {
        type_error(d, parent, v, elemtype);
        return hc_null();
    }
    struct hc_list *l = hc_list_new(d->a, v.u.l->len);
    if (!l) {
        d->rc = HC_ERR_NOMEM;
        return hc_null();
    }
    for (uint32_t i = 0; i < v.u.l->len; i++) {
        hc_val item = v.u.l->items[i];
        if (item.kind == HC_NULL) {
            l->items[i] = hc_null(); /* a nil *Maintainer: Validate refuses it */
            continue;
        }
        if (item.kind != HC_MAP) {
            type_error(d, parent, item, elemtype + 3); /* "v2.Maintainer" */
            l->items[i] = hc_null();
            continue;
        }
        hc_val slots[16];
        l->items[i] = decode_fields(d, item, fields, n, strct, slots);
    }
    return hc_list_val(l, HC_GT_LIST);
}

static hc_val decode_value(struct decoder *d, const struct field *f, hc_val v, const char *strct,
                           hc_val old)
{
    switch (f->type) {
    case F_STRING: {
        const char *s;
        if (v.kind == HC_NULL)
            return old;
        if (!scalar_string(d, v, &s)) {
            type_error(d, strct, v, "string");
            return old;
        }
        return str_val(s);
    }
    case F_BOOL:
        if (v.kind == HC_NULL)
            return old;
        if (v.kind != HC_BOOL) {
            type_error(d, strct, v, "bool");
            return old;
        }
        return v;
    case F_STRINGS: {
        if (v.kind == HC_NULL)
            return hc_null();
        if (v.kind != HC_LIST) {
            type_error(d, strct, v, "[]string");
            return old;
        }
        struct hc_list *l = hc_list_new(d->a, v.u.l->len);
        if (!l) {
            d->rc = HC_ERR_NOMEM;
            return old;
        }
        for (uint32_t i = 0; i < v.u.l->len; i++) {
            const char *s = "";
            hc_val item = v.u.l->items[i];
            if (item.kind != HC_NULL && !scalar_string(d, item, &s))
                type_error(d, strct, item, "string");
            l->items[i] = str_val(s);
        }
        return hc_list_val(l, HC_GT_LIST);
    }
    case F_STRMAP: {
        if (v.kind == HC_NULL)
            return hc_map_val(NULL, HC_GT_STRMAP);
        if (v.kind != HC_MAP) {
            type_error(d, strct, v, "map[string]string");
            return old;
        }
        struct hc_map *m = hc_map_new(d->a, v.u.m->len);
        if (!m) {
            d->rc = HC_ERR_NOMEM;
            return old;
        }
        hc_map_foreach(v.u.m, e)
        {
            const char *s = "";
            if (e->val.kind != HC_NULL && !scalar_string(d, e->val, &s))
                type_error(d, strct, e->val, "string");
            if (hc_map_set(d->a, m, e->key, e->klen, str_val(s)) != HC_OK)
                d->rc = HC_ERR_NOMEM;
        }
        return hc_map_val(m, HC_GT_STRMAP);
    }
    case F_ANYLIST:
        if (v.kind == HC_NULL)
            return hc_null();
        if (v.kind != HC_LIST) {
            type_error(d, strct, v, "[]interface {}");
            return old;
        }
        return v;
    case F_MAINTAINERS:
        if (v.kind == HC_NULL)
            return hc_null();
        return decode_struct_list(d, v, maintainer_fields, NFIELDS(maintainer_fields), strct,
                                  "Maintainer", "[]*v2.Maintainer");
    case F_DEPS:
        if (v.kind == HC_NULL)
            return hc_null();
        return decode_struct_list(d, v, dependency_fields, NFIELDS(dependency_fields), strct,
                                  "Dependency", "[]*v2.Dependency");
    }
    return old;
}

/* The zero value of a field as structToMap shows it. */
static hc_val zero_value(enum ftype t)
{
    switch (t) {
    case F_STRING:
        return hc_strn("", 0);
    case F_BOOL:
        return hc_bool(false);
    case F_STRMAP:
        return hc_map_val(NULL, HC_GT_STRMAP);
    default:
        return hc_null(); /* slices: structToMap turns nil into an empty []interface {} */
    }
}

/* Finds the field a JSON key goes to: an exact name, else the first equal ignoring case. */
static const struct field *find_field(const struct field *fields, size_t n, const char *key,
                                      size_t klen)
{
    const struct field *fold = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(fields[i].json);
        if (l == klen && memcmp(fields[i].json, key, klen) == 0)
            return &fields[i];
        if (!fold && hc_go_equal_fold_ascii(fields[i].json, l, key, klen))
            fold = &fields[i];
    }
    return fold;
}

/*
 * Decodes the JSON object v into the struct described by fields; slots[i]
 * receives field i's value.  Returns the structToMap map.
 */
static hc_val decode_fields(struct decoder *d, hc_val v, const struct field *fields, size_t n,
                            const char *strct, hc_val *slots)
{
    for (size_t i = 0; i < n; i++)
        slots[i] = zero_value(fields[i].type);
    if (v.kind == HC_MAP && v.u.m) {
        size_t base = d->path.len;
        hc_map_foreach(v.u.m, e)
        {
            const struct field *f = find_field(fields, n, e->key, e->klen);
            if (!f)
                continue;
            if (base)
                hc_buf_addc(&d->path, '.');
            hc_buf_adds(&d->path, f->json);
            size_t i = (size_t)(f - fields);
            slots[i] = decode_value(d, f, e->val, strct, slots[i]);
            hc_buf_truncate(&d->path, base);
        }
    } else if (v.kind != HC_NULL && d->err->code == HC_OK) {
        /* a list or scalar where the top-level struct belongs */
        hc_error_set(d->err, HC_ERR_PARSE,
                     "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s "
                     "into Go value of type v2.%s",
                     json_kind(v), strct);
    }
    struct hc_map *m = hc_map_new(d->a, n);
    if (!m) {
        d->rc = HC_ERR_NOMEM;
        return hc_null();
    }
    for (size_t i = 0; i < n; i++) {
        hc_val x = slots[i];
        if (x.kind == HC_NULL && fields[i].type != F_STRMAP) {
            struct hc_list *empty = hc_list_new(d->a, 0);
            if (!empty)
                d->rc = HC_ERR_NOMEM;
            x = hc_list_val(empty, HC_GT_LIST);
        }
        if (hc_map_set(d->a, m, fields[i].go, strlen(fields[i].go), x) != HC_OK)
            d->rc = HC_ERR_NOMEM;
    }
    return hc_map_val(m, HC_GT_MAP);
}

/* The string under a Go name in a structToMap map. */
static const char *map_str(hc_val m, const char *key)
{
    hc_val v;
    if (m.kind == HC_MAP && m.u.m && hc_map_get(m.u.m, key, strlen(key), &v) &&
        v.kind == HC_STRING)
        return v.u.s; /* decoded strings are NUL-terminated */
    return "";
}

static void sync_meta(struct hc_chart *c)
{
    hc_val m = c->meta_map;
    c->meta.name = map_str(m, "Name");
    c->meta.version = map_str(m, "Version");
    c->meta.app_version = map_str(m, "AppVersion");
    c->meta.api_version = map_str(m, "APIVersion");
    c->meta.type = map_str(m, "Type");
    c->meta.kube_version = map_str(m, "KubeVersion");
    hc_val v;
    c->meta.deprecated = m.kind == HC_MAP && m.u.m && hc_map_get(m.u.m, "Deprecated", 10, &v) &&
                         v.kind == HC_BOOL && v.u.b;
}

hc_status hc_chart_meta_read(struct hc_chart *c, const char *text, size_t len,
                             struct hc_error *err)
{
    struct hc_yaml_read_opts yopts = {.filename = "Chart.yaml"};
    hc_val doc;
    struct hc_error yerr;
    hc_error_init(&yerr);
    hc_status rc = hc_yaml_read(c->arena, text, len, &yopts, &doc, &yerr);
    if (rc != HC_OK) {
        if (rc == HC_ERR_NOMEM)
            hc_error_nomem(err);
        else
            hc_error_set(err, rc, "cannot load Chart.yaml: %s", hc_error_msg(&yerr));
        hc_error_release(&yerr);
        return rc;
    }
    return hc_chart_meta_decode(c, doc, err);
}

hc_status hc_chart_meta_decode(struct hc_chart *c, hc_val doc, struct hc_error *err)
{
    hc_status rc;
    struct hc_error yerr;
    hc_error_init(&yerr);
    struct decoder d = {c->arena, &yerr, HC_OK, HC_BUF_INIT};
    hc_val slots[NFIELDS(metadata_fields)];
    hc_val m = decode_fields(&d, doc, metadata_fields, NFIELDS(metadata_fields), "Metadata",
                             slots);
    hc_buf_release(&d.path);
    if (d.rc != HC_OK || !hc_buf_ok(&d.path)) {
        hc_error_release(&yerr);
        return hc_error_nomem(err);
    }
    if (yerr.code != HC_OK) {
        rc = hc_error_set(err, yerr.code, "cannot load Chart.yaml: %s", hc_error_msg(&yerr));
        hc_error_release(&yerr);
        return rc;
    }
    c->meta_map = m;
    for (size_t i = 0; i < NFIELDS(metadata_fields); i++)
        if (metadata_fields[i].type == F_DEPS)
            c->meta.deps_set = slots[i].kind != HC_NULL;
    hc_val api;
    if (!hc_map_get(m.u.m, "APIVersion", 10, &api) || api.len == 0) {
        if (hc_map_set(c->arena, m.u.m, "APIVersion", 10, hc_strn("v1", 2)) != HC_OK)
            return hc_error_nomem(err);
    }
    sync_meta(c);
    return HC_OK;
}

/* ---- Validate ---- */

/*
 * sanitizeString: white space becomes ' ', other non-printable runes are
 * dropped (invalid UTF-8 bytes are U+FFFD, which is printable).
 */
static hc_val sanitize(struct hc_arena *a, hc_val s, bool *nomem)
{
    if (s.kind != HC_STRING)
        return s;
    bool clean = true;
    for (uint32_t i = 0; i < s.len; i++) {
        unsigned char ch = (unsigned char)s.u.s[i];
        if (ch < 0x20 || ch >= 0x7f) {
            clean = false;
            break;
        }
    }
    if (clean)
        return s;
    char *out = hc_arena_alloc(a, (size_t)s.len * 3 + 1);
    if (!out) {
        *nomem = true;
        return s;
    }
    size_t n = 0;
    for (size_t i = 0; i < s.len;) {
        int32_t r;
        size_t w = hc_rune_decode(s.u.s + i, s.len - i, &r);
        if (hc_rune_is_space(r)) {
            out[n++] = ' ';
        } else if (hc_rune_is_print(r)) {
            char enc[4];
            size_t k = hc_rune_encode(enc, r);
            memcpy(out + n, enc, k);
            n += k;
        }
        i += w;
    }
    out[n] = '\0';
    return hc_strn(out, n);
}

static bool sanitize_keys(struct hc_arena *a, hc_val m, const char *const *keys, bool *nomem)
{
    if (m.kind != HC_MAP || !m.u.m)
        return false;
    for (size_t i = 0; keys[i]; i++) {
        hc_val v;
        if (!hc_map_get(m.u.m, keys[i], strlen(keys[i]), &v))
            continue;
        if (v.kind == HC_LIST) { /* Sources, Keywords, Tags: sanitise each (in place: ours) */
            for (uint32_t j = 0; j < v.u.l->len; j++)
                v.u.l->items[j] = sanitize(a, v.u.l->items[j], nomem);
            continue;
        }
        if (hc_map_set(a, m.u.m, keys[i], strlen(keys[i]), sanitize(a, v, nomem)) != HC_OK)
            *nomem = true;
    }
    return true;
}

static bool alias_ok(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '_' || ch == '-'))
            return false;
    }
    return true;
}

/* "validation: " + head + strconv.Quote(arg) + tail (arg NULL: head alone). */
static hc_status validation(struct hc_error *err, const char *head, const char *arg,
                            const char *tail)
{
    struct hc_buf q = HC_BUF_INIT;
    if (arg)
        hc_gofmt_quote(&q, arg, strlen(arg));
    hc_status rc = hc_error_set(err, HC_ERR_INVALID, "validation: %s%s%s", head, hc_buf_str(&q),
                                tail ? tail : "");
    hc_buf_release(&q);
    return rc;
}

hc_status hc_chart_meta_validate(struct hc_chart *c, struct hc_error *err)
{
    static const char *const meta_keys[] = {"Name",      "Description", "Home",
                                            "Icon",      "Condition",   "Tags",
                                            "AppVersion", "KubeVersion", "Sources",
                                            "Keywords",  NULL};
    static const char *const maint_keys[] = {"Name", "Email", "URL", NULL};
    static const char *const dep_keys[] = {"Name", "Version", "Repository", "Condition", "Tags",
                                           NULL};
    bool nomem = false;
    hc_val m = c->meta_map;
    sanitize_keys(c->arena, m, meta_keys, &nomem);
    sync_meta(c);
    if (nomem)
        return hc_error_nomem(err);
    if (!*c->meta.api_version)
        return validation(err, "chart.metadata.apiVersion is required", NULL, NULL);
    if (!*c->meta.name)
        return validation(err, "chart.metadata.name is required", NULL, NULL);
    const char *name = c->meta.name;
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        return validation(err, "chart.metadata.name ", name, " is not allowed");
    if (strchr(name, '/'))
        return validation(err, "chart.metadata.name ", name, " is invalid");
    if (!*c->meta.version)
        return validation(err, "chart.metadata.version is required", NULL, NULL);
    if (!hc_chart_semver_valid(c->meta.version, strlen(c->meta.version)))
        return validation(err, "chart.metadata.version ", c->meta.version, " is invalid");
    const char *t = c->meta.type;
    if (*t && strcmp(t, "application") != 0 && strcmp(t, "library") != 0)
        return validation(err, "chart.metadata.type must be application or library", NULL, NULL);
    hc_val list;
    if (hc_map_get(m.u.m, "Maintainers", 11, &list) && list.kind == HC_LIST) {
        hc_list_foreach(list.u.l, it)
        {
            if (!sanitize_keys(c->arena, *it, maint_keys, &nomem))
                return validation(err, "maintainers must not contain empty or null nodes", NULL, NULL);
        }
    }
    if (hc_map_get(m.u.m, "Dependencies", 12, &list) && list.kind == HC_LIST) {
        for (uint32_t i = 0; i < list.u.l->len; i++) {
            hc_val dep = list.u.l->items[i];
            if (!sanitize_keys(c->arena, dep, dep_keys, &nomem))
                return validation(err, "dependencies must not contain empty or null nodes", NULL, NULL);
            hc_val alias, dname;
            hc_map_get(dep.u.m, "Alias", 5, &alias);
            hc_map_get(dep.u.m, "Name", 4, &dname);
            if (alias.len > 0 && !alias_ok(alias.u.s, alias.len))
                return validation(err, "dependency ", dname.u.s, " has disallowed characters in the alias");
            hc_val key = alias.len > 0 ? alias : dname;
            for (uint32_t j = 0; j < i; j++) {
                hc_val other = list.u.l->items[j], oa, on;
                hc_map_get(other.u.m, "Alias", 5, &oa);
                hc_map_get(other.u.m, "Name", 4, &on);
                hc_val okey = oa.len > 0 ? oa : on;
                if (okey.len == key.len && memcmp(okey.u.s, key.u.s, key.len) == 0)
                    return validation(err, "more than one dependency with name or alias ", key.u.s, "");
            }
        }
    }
    if (nomem)
        return hc_error_nomem(err);
    return HC_OK;
}
