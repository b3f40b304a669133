/*
 * secret.c - a release revision as the Kubernetes Secret Helm's Secret
 * driver keeps (pkg/storage/driver/secrets.go newSecretsObject), printed as
 * `kubectl get secret -o json` (or -o yaml) prints it, less the fields the
 * API server sets.
 */
#include "helmc/orphans.h"

#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "json/json.h"
#include "yaml/yaml.h"

static hc_status set_str(struct hc_arena *a, struct hc_map *m, const char *key, const char *s,
                         size_t n, struct hc_error *err)
{
    if (hc_map_set(a, m, key, strlen(key), hc_strn(s ? s : "", n)))
        return hc_error_nomem(err);
    return HC_OK;
}

static hc_status set_map(struct hc_arena *a, struct hc_map *m, const char *key, struct hc_map *v,
                         struct hc_error *err)
{
    if (hc_map_set(a, m, key, strlen(key), hc_map_val(v, HC_GT_MAP)))
        return hc_error_nomem(err);
    return HC_OK;
}

/* Appends a 2-space MarshalIndent text re-indented with 4 spaces, as kubectl prints. */
static void indent4(struct hc_buf *b, const char *s, size_t n)
{
    const char *end = s + n;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t ln = nl ? (size_t)(nl - s) : (size_t)(end - s);
        size_t sp = 0;
        while (sp < ln && s[sp] == ' ')
            sp++;
        hc_buf_addn(b, ' ', sp * 2);
        hc_buf_add(b, s + sp, ln - sp);
        hc_buf_addc(b, '\n');
        s = nl ? nl + 1 : end;
    }
}

static hc_status labels_of(struct hc_arena *a, const struct hc_release *r,
                           const struct hc_secret_opts *o, struct hc_map *labels,
                           struct hc_error *err)
{
    /* Custom labels first: the system labels are set over them. */
    if (o->labels.kind == HC_MAP) {
        hc_map_foreach(o->labels.u.m, e) {
            if (e->val.kind != HC_STRING)
                return hc_error_set(err, HC_ERR_INVALID, "label %.*s is not a string",
                                    (int)e->klen, e->key);
            if (hc_map_set(a, labels, e->key, e->klen, e->val))
                return hc_error_nomem(err);
        }
    }
    char *version = hc_arena_printf(a, "%lld", (long long)r->version);
    if (!version)
        return hc_error_nomem(err);
    hc_rstr status = r->info ? r->info->status : (hc_rstr){NULL, 0};
    hc_status st = set_str(a, labels, "name", r->name.p, r->name.n, err);
    if (!st)
        st = set_str(a, labels, "owner", "helm", 4, err);
    if (!st)
        st = set_str(a, labels, "status", status.p, status.n, err);
    if (!st)
        st = set_str(a, labels, "version", version, strlen(version), err);
    const struct {
        const char *key;
        int64_t t;
    } times[] = {{"createdAt", o->created_at}, {"modifiedAt", o->modified_at}};
    for (size_t i = 0; !st && i < 2; i++) {
        if (!times[i].t)
            continue;
        char *s = hc_arena_printf(a, "%lld", (long long)times[i].t);
        st = s ? set_str(a, labels, times[i].key, s, strlen(s), err) : hc_error_nomem(err);
    }
    return st;
}

hc_status hc_release_secret(struct hc_buf *b, const struct hc_release *r,
                            const struct hc_secret_opts *opts, struct hc_error *err)
{
    static const struct hc_secret_opts none;
    const struct hc_secret_opts *o = opts ? opts : &none;
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_buf body, data, key, text;
    hc_buf_init(&body, 0);
    hc_buf_init(&data, 0);
    hc_buf_init(&key, 0);
    hc_buf_init(&text, 0);
    hc_status st = HC_OK;
    hc_rstr raw = o->body;
    if (!raw.p) {
        st = hc_release_encode(&body, r, HC_RELEASE_V4, err);
        raw = (hc_rstr){hc_buf_str(&body), body.len};
    }
    /* Secret data is bytes; JSON and YAML show them base64-encoded (so twice). */
    hc_base64_encode(&data, (const unsigned char *)raw.p, raw.n);
    hc_release_storage_key(&key, r->name, r->version);
    struct hc_map *obj = hc_map_new(&a, 5), *meta = hc_map_new(&a, 3), *labels = hc_map_new(&a, 6),
                  *dmap = hc_map_new(&a, 1);
    if (!st && (!obj || !meta || !labels || !dmap || !hc_buf_ok(&data) || !hc_buf_ok(&key)))
        st = hc_error_nomem(err);
    hc_rstr ns = r->namespace_.n ? r->namespace_ : (hc_rstr){"default", 7};
    if (!st)
        st = labels_of(&a, r, o, labels, err);
    if (!st)
        st = set_str(&a, dmap, "release", hc_buf_str(&data), data.len, err);
    if (!st)
        st = set_map(&a, meta, "labels", labels, err);
    if (!st)
        st = set_str(&a, meta, "name", hc_buf_str(&key), key.len, err);
    if (!st)
        st = set_str(&a, meta, "namespace", ns.p, ns.n, err);
    if (!st)
        st = set_str(&a, obj, "apiVersion", "v1", 2, err);
    if (!st)
        st = set_map(&a, obj, "data", dmap, err);
    if (!st)
        st = set_str(&a, obj, "kind", "Secret", 6, err);
    if (!st)
        st = set_map(&a, obj, "metadata", meta, err);
    if (!st)
        st = set_str(&a, obj, "type", "helm.sh/release.v1", 18, err);
    if (!st && o->yaml) {
        st = hc_yaml_write(b, hc_map_val(obj, HC_GT_MAP), err);
    } else if (!st) {
        st = hc_json_write(&text, hc_map_val(obj, HC_GT_MAP), HC_JSON_INDENT, err);
        if (!st)
            indent4(b, hc_buf_str(&text), text.len);
    }
    if (!st && !hc_buf_ok(b))
        st = hc_error_nomem(err);
    hc_buf_release(&body);
    hc_buf_release(&data);
    hc_buf_release(&key);
    hc_buf_release(&text);
    hc_arena_free(&a);
    return st;
}
