/*
 * lock.c - Chart.lock: read, write, and resolver.HashReq's digest.
 *
 * Mirrors pkg/chart/v2's Lock and Dependency (their JSON tags) and
 * internal/resolver's HashReq: SHA-256 over json.Marshal of the pair
 * [Chart.yaml's dependencies, the lock's], fields in declaration order.
 * Reading goes through the metadata code the packager uses for Chart.lock
 * (archive/meta.c), which already decodes as yaml.Unmarshal does.
 */
#include "helmc/dependency.h"

#include <openssl/evp.h>
#include <string.h>

#include "archive/meta.h"
#include "base/arena.h"
#include "base/buf.h"
#include "json/json.h"
#include "yaml/yaml.h"

/* Dependency's fields: Go name, JSON name, whether omitempty. */
static const struct {
    const char *go, *json;
    bool omitempty;
} dep_fields[] = {
    {"Name",         "name",          false},
    {"Version",      "version",       true },
    {"Repository",   "repository",    false},
    {"Condition",    "condition",     true },
    {"Tags",         "tags",          true },
    {"Enabled",      "enabled",       true },
    {"ImportValues", "import-values", true },
    {"Alias",        "alias",         true },
};
#define NDEP_FIELDS (sizeof dep_fields / sizeof dep_fields[0])

static bool is_empty(hc_val v)
{
    switch (v.kind) {
    case HC_STRING:
        return v.len == 0;
    case HC_LIST:
        return !v.u.l || v.u.l->len == 0;
    case HC_MAP:
        return !v.u.m || v.u.m->len == 0;
    case HC_BOOL:
        return !v.u.b;
    case HC_INT:
    case HC_FLOAT:
        return false;
    default:
        return true;
    }
}

/* One []*Dependency as encoding/json writes it (compact). */
static hc_status deps_json(struct hc_buf *b, hc_val list, struct hc_error *err)
{
    if (list.kind != HC_LIST || !list.u.l) {
        hc_buf_adds(b, "null");
        return HC_OK;
    }
    hc_buf_addc(b, '[');
    for (uint32_t i = 0; i < list.u.l->len; i++) {
        hc_val d = list.u.l->items[i];
        if (i)
            hc_buf_addc(b, ',');
        if (d.kind != HC_MAP || !d.u.m) {
            hc_buf_adds(b, "null");
            continue;
        }
        hc_buf_addc(b, '{');
        bool first = true;
        for (size_t k = 0; k < NDEP_FIELDS; k++) {
            hc_val v = hc_null();
            hc_map_get(d.u.m, dep_fields[k].go, strlen(dep_fields[k].go), &v);
            if (dep_fields[k].omitempty && is_empty(v))
                continue;
            if (!dep_fields[k].omitempty && v.kind != HC_STRING)
                v = hc_strn("", 0);
            if (!first)
                hc_buf_addc(b, ',');
            first = false;
            hc_buf_printf(b, "\"%s\":", dep_fields[k].json);
            hc_status rc = hc_json_write(b, v, 0, err);
            if (rc != HC_OK)
                return rc;
        }
        hc_buf_addc(b, '}');
    }
    hc_buf_addc(b, ']');
    return HC_OK;
}

hc_status hc_chart_lock_digest(hc_val req, hc_val lock, struct hc_buf *out, struct hc_error *err)
{
    struct hc_buf j = HC_BUF_INIT;
    hc_buf_addc(&j, '[');
    hc_status rc = deps_json(&j, req, err);
    hc_buf_addc(&j, ',');
    if (rc == HC_OK)
        rc = deps_json(&j, lock, err);
    hc_buf_addc(&j, ']');
    if (rc == HC_OK && !hc_buf_ok(&j))
        rc = hc_error_nomem(err);
    unsigned char h[EVP_MAX_MD_SIZE];
    unsigned int hl = 0;
    if (rc == HC_OK && !EVP_Digest(j.data, j.len, h, &hl, EVP_sha256(), NULL))
        rc = hc_error_set(err, HC_ERR_IO, "sha256 failed");
    hc_buf_release(&j);
    if (rc != HC_OK)
        return rc;
    hc_buf_adds(out, "sha256:");
    for (unsigned int i = 0; i < hl; i++)
        hc_buf_printf(out, "%02x", h[i]);
    return hc_buf_ok(out) ? HC_OK : hc_error_nomem(err);
}

/* A JSON-named dependency object into the Go-named map the library uses. */
static hc_status go_named(struct hc_arena *a, hc_val in, hc_val *out)
{
    if (in.kind != HC_MAP || !in.u.m) {
        *out = hc_null();
        return HC_OK;
    }
    struct hc_map *m = hc_map_new(a, NDEP_FIELDS);
    if (!m)
        return HC_ERR_NOMEM;
    for (size_t k = 0; k < NDEP_FIELDS; k++) {
        hc_val v;
        if (!hc_map_get(in.u.m, dep_fields[k].json, strlen(dep_fields[k].json), &v))
            v = dep_fields[k].omitempty ? hc_null() : hc_strn("", 0);
        if (hc_map_set(a, m, dep_fields[k].go, strlen(dep_fields[k].go), v) != HC_OK)
            return HC_ERR_NOMEM;
    }
    *out = hc_map_val(m, HC_GT_MAP);
    return HC_OK;
}

/* A Go-named dependency into the object yaml.Marshal writes (JSON names, omitempty). */
static hc_status json_named(struct hc_arena *a, hc_val in, hc_val *out)
{
    if (in.kind != HC_MAP || !in.u.m) {
        *out = hc_null();
        return HC_OK;
    }
    struct hc_map *m = hc_map_new(a, NDEP_FIELDS);
    if (!m)
        return HC_ERR_NOMEM;
    for (size_t k = 0; k < NDEP_FIELDS; k++) {
        hc_val v = hc_null();
        hc_map_get(in.u.m, dep_fields[k].go, strlen(dep_fields[k].go), &v);
        if (dep_fields[k].omitempty && is_empty(v))
            continue;
        if (!dep_fields[k].omitempty && v.kind != HC_STRING)
            v = hc_strn("", 0);
        if (hc_map_set(a, m, dep_fields[k].json, strlen(dep_fields[k].json), v) != HC_OK)
            return HC_ERR_NOMEM;
    }
    *out = hc_map_val(m, HC_GT_MAP);
    return HC_OK;
}

hc_status hc_chart_lock_read(struct hc_arena *a, const char *text, size_t len, const char *name,
                             struct hc_chart_lock *out, bool *present, struct hc_error *err)
{
    out->generated = "";
    out->digest = "";
    out->deps = hc_null();
    *present = false;
    /* encoding/json's type errors for a document or dependency list of the wrong kind */
    hc_val doc = hc_null(), deps0 = hc_null();
    struct hc_error merr;
    hc_error_init(&merr);
    if (hc_yaml_read(a, text, len, NULL, &doc, &merr) == HC_OK) {
        if (doc.kind == HC_MAP && doc.u.m)
            hc_map_get(doc.u.m, "dependencies", 12, &deps0);
        const char *kind = NULL, *where = "Go value of type v2.Lock";
        if (doc.kind != HC_MAP && doc.kind != HC_NULL && doc.kind != HC_MISSING)
            kind = hc_json_kind(doc);
        else if (deps0.kind != HC_LIST && deps0.kind != HC_NULL && deps0.kind != HC_MISSING) {
            kind = hc_json_kind(deps0);
            where = "Go struct field Lock.dependencies of type []*v2.Dependency";
        }
        if (kind) {
            hc_error_release(&merr);
            return hc_error_set(err, HC_ERR_PARSE,
                                "cannot load %s: error unmarshaling JSON: while decoding JSON: "
                                "json: cannot unmarshal %s into %s",
                                name, kind, where);
        }
    }
    hc_error_release(&merr);
    hc_error_init(&merr);
    hc_val obj;
    hc_status rc = hc_meta_lock(a, text, len, &obj, present, &merr);
    if (rc != HC_OK) {
        /* hc_meta_lock names Chart.lock; requirements.lock gets its own name */
        const char *msg = hc_error_msg(&merr);
        const char *pre = "cannot load Chart.lock: ";
        if (rc == HC_ERR_NOMEM)
            hc_error_nomem(err);
        else if (strncmp(msg, pre, strlen(pre)) == 0)
            hc_error_set(err, rc, "cannot load %s: %s", name, msg + strlen(pre));
        else
            hc_error_set(err, rc, "%s", msg);
        hc_error_release(&merr);
        return rc;
    }
    hc_error_release(&merr);
    if (!*present)
        return HC_OK;
    hc_val g = hc_null(), d = hc_null(), deps = hc_null();
    hc_map_get(obj.u.m, "generated", 9, &g);
    hc_map_get(obj.u.m, "digest", 6, &d);
    hc_map_get(obj.u.m, "dependencies", 12, &deps);
    out->generated = g.kind == HC_STRING ? g.u.s : "";
    out->digest = d.kind == HC_STRING ? hc_arena_strndup(a, d.u.s, d.len) : "";
    if (!out->digest)
        return hc_error_nomem(err);
    if (deps.kind == HC_LIST && deps.u.l) {
        struct hc_list *l = hc_list_new(a, deps.u.l->len);
        if (!l)
            return hc_error_nomem(err);
        for (uint32_t i = 0; i < deps.u.l->len; i++)
            if (go_named(a, deps.u.l->items[i], &l->items[i]) != HC_OK)
                return hc_error_nomem(err);
        out->deps = hc_list_val(l, HC_GT_LIST);
    }
    return HC_OK;
}

hc_status hc_chart_lock_write(struct hc_buf *b, const struct hc_chart_lock *lock,
                              struct hc_error *err)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    hc_status rc = HC_OK;
    struct hc_map *m = hc_map_new(&a, 3);
    hc_val deps = hc_null();
    if (!m)
        rc = HC_ERR_NOMEM;
    if (rc == HC_OK && lock->deps.kind == HC_LIST && lock->deps.u.l) {
        struct hc_list *l = hc_list_new(&a, lock->deps.u.l->len);
        if (!l)
            rc = HC_ERR_NOMEM;
        for (uint32_t i = 0; rc == HC_OK && i < lock->deps.u.l->len; i++)
            rc = json_named(&a, lock->deps.u.l->items[i], &l->items[i]);
        if (rc == HC_OK)
            deps = hc_list_val(l, HC_GT_LIST);
    }
    const char *g = lock->generated && *lock->generated ? lock->generated
                                                        : "0001-01-01T00:00:00Z";
    const char *d = lock->digest ? lock->digest : "";
    if (rc == HC_OK && (hc_map_set(&a, m, "dependencies", 12, deps) != HC_OK ||
                        hc_map_set(&a, m, "digest", 6, hc_strn(d, strlen(d))) != HC_OK ||
                        hc_map_set(&a, m, "generated", 9, hc_strn(g, strlen(g))) != HC_OK))
        rc = HC_ERR_NOMEM;
    if (rc == HC_OK)
        rc = hc_yaml_write(b, hc_map_val(m, HC_GT_MAP), err);
    else
        hc_error_nomem(err);
    hc_arena_free(&a);
    return rc;
}
