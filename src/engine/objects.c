/*
 * objects.c - .Files, .Capabilities and common.Values.
 *
 * Mirrors pkg/engine/files.go (files: a map[string][]byte with Get,
 * GetBytes, Glob, AsConfig, AsSecrets and Lines) and
 * pkg/chart/common/capabilities.go (Capabilities, KubeVersion with its
 * String and GitVersion methods, VersionSet with Has, the default API
 * versions of client-go v0.35 and version.BuildInfo), with
 * k8s.io/apimachinery's version.ParseGeneric for --kube-version.
 *
 * .Files is a map value whose type record is engine.files, so templates
 * range over it, index it and take its len as Go allows, and call its
 * methods through the executor's object interface.
 */
#include "engine/objects.h"

#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "engine/glob.h"
#include "funcs/helm.h"
#include "gofmt/gofmt.h"
#include "template/exec.h"
#include "template/func.h"
#include "yaml/yaml.h"

const struct hc_obj_type hc_engine_values_type = {"common.Values", "map", NULL, NULL, NULL};

/* ---- .Files ---- */

static const struct hc_obj_type files_type;

static hc_val bytes_val(const char *s, size_t n)
{
    hc_val v = hc_strn(s, n);
    v.gotype = HC_GT_BYTES;
    return v;
}

static hc_status files_new(struct hc_arena *a, size_t cap, hc_val *out)
{
    struct hc_map *m = hc_map_new(a, cap);
    if (!m)
        return HC_ERR_NOMEM;
    m->named = &files_type;
    *out = hc_map_val(m, HC_GT_OBJ);
    return HC_OK;
}

hc_status hc_engine_files(struct hc_arena *a, const struct hc_chart *c, hc_val *out)
{
    hc_val v;
    if (files_new(a, c->nfiles, &v) != HC_OK)
        return HC_ERR_NOMEM;
    for (size_t i = 0; i < c->nfiles; i++) {
        const struct hc_chart_file *f = &c->files[i];
        if (hc_map_append(a, v.u.m, f->name, f->name_len, bytes_val(f->data, f->len)) != HC_OK)
            return HC_ERR_NOMEM;
    }
    hc_map_finish(v.u.m);
    *out = v;
    return HC_OK;
}

/* The receiver's file, or false. */
static bool file_get(const struct hc_call *call, const hc_val *name, hc_val *data)
{
    const struct hc_map *m = call->recv.u.m;
    return m && hc_map_get(m, name->u.s, name->len, data);
}

/* Get(name string) string */
static hc_status files_get(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    hc_val data;
    *out = file_get(call, &args[0], &data) ? hc_strn(data.u.s, data.len) : hc_strn("", 0);
    return HC_OK;
}

/* GetBytes(name string) []byte */
static hc_status files_get_bytes(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                 hc_val *out)
{
    (void)nargs;
    hc_val data;
    *out = file_get(call, &args[0], &data) ? data : bytes_val("", 0);
    return HC_OK;
}

/* Glob(pattern string) files: an invalid pattern matches everything ("**"). */
static hc_status files_glob(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    struct hc_glob *g = hc_glob_compile(args[0].u.s, args[0].len);
    if (!g)
        g = hc_glob_compile("**", 2);
    if (!g)
        return hc_error_nomem(call->err);
    const struct hc_map *m = call->recv.u.m;
    hc_val v;
    hc_status rc = files_new(call->arena, m ? m->len : 0, &v);
    for (uint32_t i = 0; rc == HC_OK && m && i < m->len; i++) {
        const struct hc_mapent *e = &m->e[i];
        if (hc_glob_match(g, e->key, e->klen))
            rc = hc_map_append(call->arena, v.u.m, e->key, e->klen, e->val);
    }
    hc_glob_free(g);
    if (rc != HC_OK)
        return hc_error_nomem(call->err);
    hc_map_finish(v.u.m);
    *out = v;
    return HC_OK;
}

/* AsConfig and AsSecrets: {base name: text or base64} as toYaml prints it. */
static hc_status files_as(struct hc_call *call, bool secrets, hc_val *out)
{
    const struct hc_map *m = call->recv.u.m;
    if (!m) {
        *out = hc_strn("", 0);
        return HC_OK;
    }
    struct hc_map *cm = hc_map_new(call->arena, m->len);
    if (!cm)
        return hc_error_nomem(call->err);
    struct hc_buf b = HC_BUF_INIT;
    for (uint32_t i = 0; i < m->len; i++) {
        const struct hc_mapent *e = &m->e[i];
        const char *base = e->key;
        for (uint32_t k = 0; k < e->klen; k++)
            if (e->key[k] == '/')
                base = e->key + k + 1;
        size_t blen = e->klen - (size_t)(base - e->key);
        hc_val v = hc_strn(e->val.u.s, e->val.len);
        if (secrets) {
            hc_buf_reset(&b);
            hc_helm_base64(&b, e->val.u.s, e->val.len);
            if (!hc_buf_ok(&b) || hc_str_dup(call->arena, b.data ? b.data : "", b.len, &v) != HC_OK) {
                hc_buf_release(&b);
                return hc_error_nomem(call->err);
            }
        }
        if (hc_map_set(call->arena, cm, base, blen, v) != HC_OK) {
            hc_buf_release(&b);
            return hc_error_nomem(call->err);
        }
    }
    hc_buf_reset(&b);
    struct hc_error err;
    hc_error_init(&err);
    hc_status rc = hc_yaml_write(&b, hc_map_val(cm, HC_GT_STRMAP), &err);
    hc_error_release(&err);
    if (rc == HC_ERR_NOMEM) {
        hc_buf_release(&b);
        return hc_error_nomem(call->err);
    }
    if (rc != HC_OK)
        hc_buf_reset(&b); /* toYAML gives "" when Marshal fails */
    if (b.len > 0 && b.data[b.len - 1] == '\n')
        hc_buf_truncate(&b, b.len - 1);
    rc = hc_str_dup(call->arena, hc_buf_str(&b), b.len, out);
    hc_buf_release(&b);
    return rc == HC_OK ? HC_OK : hc_error_nomem(call->err);
}

static hc_status files_as_config(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                 hc_val *out)
{
    (void)args;
    (void)nargs;
    return files_as(call, false, out);
}

static hc_status files_as_secrets(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                  hc_val *out)
{
    (void)args;
    (void)nargs;
    return files_as(call, true, out);
}

/* Lines(path string) []string: an empty file panics as Go's s[len(s)-1] does. */
static hc_status files_lines(struct hc_call *call, const hc_val *args, uint32_t nargs,
                             hc_val *out)
{
    (void)nargs;
    hc_val data;
    if (!file_get(call, &args[0], &data)) {
        struct hc_list *l = hc_list_new(call->arena, 0);
        if (!l)
            return hc_error_nomem(call->err);
        *out = hc_list_val(l, HC_GT_STRLIST);
        return HC_OK;
    }
    if (data.len == 0)
        return hc_call_fail(call, "runtime error: index out of range [-1]");
    size_t n = data.len;
    if (data.u.s[n - 1] == '\n')
        n--;
    struct hc_listb lb;
    hc_listb_init(&lb, call->arena);
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || data.u.s[i] == '\n') {
            if (hc_listb_push(&lb, hc_strn(data.u.s + start, i - start)) != HC_OK)
                return hc_error_nomem(call->err);
            start = i + 1;
        }
    }
    struct hc_list *l = hc_listb_finish(&lb);
    if (!l)
        return hc_error_nomem(call->err);
    *out = hc_list_val(l, HC_GT_STRLIST);
    return HC_OK;
}

/* clang-format off */
static const struct hc_func files_methods[] = {
    {"AsConfig",  files_as_config,  "",  HC_FN_NOERR},
    {"AsSecrets", files_as_secrets, "",  HC_FN_NOERR},
    {"Get",       files_get,        "s", HC_FN_NOERR},
    {"GetBytes",  files_get_bytes,  "s", HC_FN_NOERR},
    {"Glob",      files_glob,       "s", HC_FN_NOERR},
    {"Lines",     files_lines,      "s", HC_FN_NOERR},
};
/* clang-format on */

static enum hc_obj_member find_method(const struct hc_func *rows, size_t n, const char *name,
                                      size_t len, const struct hc_func **method)
{
    for (size_t i = 0; i < n; i++) {
        if (strlen(rows[i].name) == len && memcmp(rows[i].name, name, len) == 0) {
            *method = &rows[i];
            return HC_OBJ_METHOD;
        }
    }
    return HC_OBJ_NONE;
}

static enum hc_obj_member files_member(const struct hc_obj *o, const char *name, size_t len,
                                       struct hc_arena *arena, hc_val *field,
                                       const struct hc_func **method)
{
    (void)o;
    (void)arena;
    (void)field;
    return find_method(files_methods, sizeof files_methods / sizeof files_methods[0], name, len,
                       method);
}

static const struct hc_obj_exec files_exec = {.member = files_member};
static const struct hc_obj_type files_type = {"engine.files", "map", NULL, NULL, &files_exec};

/* ---- KubeVersion ---- */

static hc_val cstr(const char *s)
{
    return hc_strn(s, strlen(s));
}

static void kv_string(const struct hc_obj *o, struct hc_buf *b)
{
    const struct hc_kube_version *kv = o->data;
    hc_buf_adds(b, *kv->normalized ? kv->normalized : kv->version);
}

static bool kv_field(const struct hc_obj *o, uint32_t i, const char **name, hc_val *val)
{
    const struct hc_kube_version *kv = o->data;
    switch (i) {
    case 0:
        *name = "Version";
        *val = cstr(kv->version);
        return true;
    case 1:
        *name = "normalizedVersion";
        *val = cstr(kv->normalized);
        return true;
    case 2:
        *name = "Major";
        *val = cstr(kv->major);
        return true;
    case 3:
        *name = "Minor";
        *val = cstr(kv->minor);
        return true;
    default:
        return false;
    }
}

/* String() and GitVersion(): methods with a pointer receiver, reachable from a field. */
static hc_status kv_string_method(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                  hc_val *out)
{
    (void)args;
    (void)nargs;
    const struct hc_kube_version *kv = call->recv.u.o->data;
    *out = cstr(*kv->normalized ? kv->normalized : kv->version);
    return HC_OK;
}

static hc_status kv_git_version(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                hc_val *out)
{
    (void)args;
    (void)nargs;
    const struct hc_kube_version *kv = call->recv.u.o->data;
    *out = cstr(kv->version);
    return HC_OK;
}

static const struct hc_func kv_methods[] = {
    {"GitVersion", kv_git_version, "", HC_FN_NOERR},
    {"String", kv_string_method, "", HC_FN_NOERR},
};

static enum hc_obj_member kv_member(const struct hc_obj *o, const char *name, size_t len,
                                    struct hc_arena *arena, hc_val *field,
                                    const struct hc_func **method)
{
    (void)arena;
    if (find_method(kv_methods, 2, name, len, method) == HC_OBJ_METHOD)
        return HC_OBJ_METHOD;
    const char *fname;
    hc_val v;
    for (uint32_t i = 0; kv_field(o, i, &fname, &v); i++) {
        if (fname[0] >= 'A' && fname[0] <= 'Z' && strlen(fname) == len &&
            memcmp(fname, name, len) == 0) {
            *field = v;
            return HC_OBJ_FIELD;
        }
    }
    return HC_OBJ_NONE;
}

static const struct hc_obj_fmt kv_fmt = {kv_string, true, NULL, kv_field};
static const struct hc_obj_exec kv_exec = {.member = kv_member};
static const struct hc_obj_type kv_type = {"common.KubeVersion", "struct", NULL, &kv_fmt,
                                           &kv_exec};

/* ---- version.BuildInfo ---- */

/* What helmc reports as its Helm version: the release it matches. */
static const char *const build_info[][2] = {
    {"Version", "v4.1.4"},
    {"GitCommit", "05fa37973dc9e42b76e1d2883494c87174b6074f"},
    {"GitTreeState", "clean"},
    {"GoVersion", "go1.25.9"},
    {"KubeClientVersion", "v1.35"},
};

static bool bi_field(const struct hc_obj *o, uint32_t i, const char **name, hc_val *val)
{
    (void)o;
    if (i >= sizeof build_info / sizeof build_info[0])
        return false;
    *name = build_info[i][0];
    *val = cstr(build_info[i][1]);
    return true;
}

static enum hc_obj_member bi_member(const struct hc_obj *o, const char *name, size_t len,
                                    struct hc_arena *arena, hc_val *field,
                                    const struct hc_func **method)
{
    (void)arena;
    (void)method;
    const char *fname;
    hc_val v;
    for (uint32_t i = 0; bi_field(o, i, &fname, &v); i++) {
        if (strlen(fname) == len && memcmp(fname, name, len) == 0) {
            *field = v;
            return HC_OBJ_FIELD;
        }
    }
    return HC_OBJ_NONE;
}

static const struct hc_obj_fmt bi_fmt = {NULL, false, NULL, bi_field};
/* version.BuildInfo's json tags (helm's internal/version) */
static const char *const bi_json_names[] = {"version", "git_commit", "git_tree_state",
                                            "go_version", "kube_client_version"};
static const struct hc_obj_exec bi_exec = {.member = bi_member, .json_names = bi_json_names};
static const struct hc_obj_type bi_type = {"version.BuildInfo", "struct", NULL, &bi_fmt,
                                           &bi_exec};
static char bi_data; /* fields come from build_info; data marks a non-nil struct */
static struct hc_obj bi_obj = {&bi_type, &bi_data};

/* ---- VersionSet ---- */

/* scheme.Scheme.PrioritizedVersionsAllGroups() of client-go v0.35 with the apiextensions groups. */
static const char *const default_api_versions[] = {
    "v1",
    "admissionregistration.k8s.io/v1",
    "admissionregistration.k8s.io/v1alpha1",
    "admissionregistration.k8s.io/v1beta1",
    "internal.apiserver.k8s.io/v1alpha1",
    "apps/v1",
    "apps/v1beta1",
    "apps/v1beta2",
    "authentication.k8s.io/v1",
    "authentication.k8s.io/v1alpha1",
    "authentication.k8s.io/v1beta1",
    "authorization.k8s.io/v1",
    "authorization.k8s.io/v1beta1",
    "autoscaling/v1",
    "autoscaling/v2",
    "autoscaling/v2beta1",
    "autoscaling/v2beta2",
    "batch/v1",
    "batch/v1beta1",
    "certificates.k8s.io/v1",
    "certificates.k8s.io/v1beta1",
    "certificates.k8s.io/v1alpha1",
    "coordination.k8s.io/v1alpha2",
    "coordination.k8s.io/v1beta1",
    "coordination.k8s.io/v1",
    "discovery.k8s.io/v1",
    "discovery.k8s.io/v1beta1",
    "events.k8s.io/v1",
    "events.k8s.io/v1beta1",
    "extensions/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1",
    "flowcontrol.apiserver.k8s.io/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1beta2",
    "flowcontrol.apiserver.k8s.io/v1beta3",
    "networking.k8s.io/v1",
    "networking.k8s.io/v1beta1",
    "node.k8s.io/v1",
    "node.k8s.io/v1alpha1",
    "node.k8s.io/v1beta1",
    "policy/v1",
    "policy/v1beta1",
    "rbac.authorization.k8s.io/v1",
    "rbac.authorization.k8s.io/v1beta1",
    "rbac.authorization.k8s.io/v1alpha1",
    "resource.k8s.io/v1",
    "resource.k8s.io/v1beta2",
    "resource.k8s.io/v1beta1",
    "resource.k8s.io/v1alpha3",
    "scheduling.k8s.io/v1alpha1",
    "scheduling.k8s.io/v1beta1",
    "scheduling.k8s.io/v1",
    "storage.k8s.io/v1beta1",
    "storage.k8s.io/v1",
    "storage.k8s.io/v1alpha1",
    "storagemigration.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1",
};

/* Has(apiVersion string) bool */
static hc_status vs_has(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    const struct hc_list *l = call->recv.u.l;
    bool found = false;
    for (uint32_t i = 0; l && i < l->len && !found; i++)
        found = hc_val_is_str(l->items[i], args[0].u.s, args[0].len);
    *out = hc_bool(found);
    return HC_OK;
}

static const struct hc_func vs_methods[] = {{"Has", vs_has, "s", HC_FN_NOERR}};

static enum hc_obj_member vs_member(const struct hc_obj *o, const char *name, size_t len,
                                    struct hc_arena *arena, hc_val *field,
                                    const struct hc_func **method)
{
    (void)o;
    (void)arena;
    (void)field;
    return find_method(vs_methods, 1, name, len, method);
}

static const struct hc_obj_exec vs_exec = {.member = vs_member};
static const struct hc_obj_type vs_type = {"common.VersionSet", "slice", NULL, NULL, &vs_exec};

/* ---- Capabilities ---- */

struct caps {
    hc_val kube, apis, helm;
};

static bool caps_field(const struct hc_obj *o, uint32_t i, const char **name, hc_val *val)
{
    const struct caps *c = o->data;
    switch (i) {
    case 0:
        *name = "KubeVersion";
        *val = c->kube;
        return true;
    case 1:
        *name = "APIVersions";
        *val = c->apis;
        return true;
    case 2:
        *name = "HelmVersion";
        *val = c->helm;
        return true;
    default:
        return false;
    }
}

static enum hc_obj_member caps_member(const struct hc_obj *o, const char *name, size_t len,
                                      struct hc_arena *arena, hc_val *field,
                                      const struct hc_func **method)
{
    (void)arena;
    (void)method;
    const char *fname;
    hc_val v;
    for (uint32_t i = 0; caps_field(o, i, &fname, &v); i++) {
        if (strlen(fname) == len && memcmp(fname, name, len) == 0) {
            *field = v;
            return HC_OBJ_FIELD;
        }
    }
    return HC_OBJ_NONE;
}

static const struct hc_obj_fmt caps_fmt = {NULL, false, NULL, caps_field};
static const struct hc_obj_exec caps_exec = {.member = caps_member};
static const struct hc_obj_type caps_type = {"*common.Capabilities", "ptr", NULL, &caps_fmt,
                                             &caps_exec};

hc_status hc_engine_capabilities(struct hc_arena *a, const struct hc_kube_version *kube,
                                 const char *const *extra, size_t nextra, hc_val *out)
{
    size_t ndef = sizeof default_api_versions / sizeof default_api_versions[0];
    struct hc_list *l = hc_list_new(a, ndef + nextra);
    struct caps *c = hc_arena_alloc(a, sizeof *c);
    struct hc_obj *kobj = hc_arena_alloc(a, sizeof *kobj);
    struct hc_kube_version *kv = hc_arena_alloc(a, sizeof *kv);
    struct hc_obj *cobj = hc_arena_alloc(a, sizeof *cobj);
    if (!l || !c || !kobj || !kv || !cobj)
        return HC_ERR_NOMEM;
    for (size_t i = 0; i < ndef; i++)
        l->items[i] = cstr(default_api_versions[i]);
    for (size_t i = 0; i < nextra; i++)
        l->items[ndef + i] = cstr(extra[i]);
    l->named = &vs_type;
    *kv = *kube;
    *kobj = (struct hc_obj){&kv_type, kv};
    c->kube = hc_obj_val(kobj);
    c->apis = hc_list_val(l, HC_GT_STRLIST);
    c->helm = hc_obj_val(&bi_obj);
    *cobj = (struct hc_obj){&caps_type, c};
    *out = hc_obj_val(cobj);
    return HC_OK;
}

/* ---- --kube-version ---- */

void hc_engine_default_kube_version(struct hc_kube_version *kv)
{
    kv->version = "v1.35.0";
    kv->normalized = "v1.35.0";
    kv->major = "1";
    kv->minor = "35";
}

static bool re_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

hc_status hc_engine_parse_kube_version(struct hc_arena *a, const char *s, struct hc_kube_version *kv,
                                       struct hc_error *err)
{
    struct hc_buf q = HC_BUF_INIT;
    hc_gofmt_quote(&q, s, strlen(s));
    hc_status rc = HC_OK;
    size_t i = 0, n = strlen(s);
    while (i < n && re_space(s[i]))
        i++;
    if (i < n && s[i] == 'v')
        i++;
    size_t start = i;
    /* [0-9]+(\.[0-9]+)* then anything without a newline */
    size_t ncomp = 0;
    size_t comp_at[3] = {0, 0, 0}, comp_len[3] = {0, 0, 0};
    for (;;) {
        size_t c0 = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == c0) {
            if (ncomp == 0)
                goto bad;
            i = c0 - 1; /* the '.' was not followed by digits: it belongs to the extra */
            break;
        }
        if (ncomp < 3) {
            comp_at[ncomp] = c0;
            comp_len[ncomp] = i - c0;
        }
        ncomp++;
        if (i < n && s[i] == '.' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
            i++;
            continue;
        }
        break;
    }
    if (memchr(s + i, '\n', n - i))
        goto bad;
    (void)start;
    if (ncomp < 2) {
        rc = hc_error_set(err, HC_ERR_USAGE, "illegal version string %s", hc_buf_str(&q));
        goto out;
    }
    uint64_t num[2];
    for (int k = 0; k < 2; k++) {
        const char *c = s + comp_at[k];
        size_t len = comp_len[k];
        if (k == 0 && c[0] == '0' && len > 1) {
            rc = hc_error_set(err, HC_ERR_USAGE,
                              "illegal zero-prefixed version component \"%.*s\" in %s", (int)len,
                              c, hc_buf_str(&q));
            goto out;
        }
        uint64_t v = 0;
        for (size_t j = 0; j < len; j++) {
            uint64_t d = (uint64_t)(c[j] - '0');
            if (v > (UINT64_MAX - d) / 10) {
                rc = hc_error_set(err, HC_ERR_USAGE,
                                  "illegal non-numeric version component \"%.*s\" in %s: "
                                  "strconv.ParseUint: parsing \"%.*s\": value out of range",
                                  (int)len, c, hc_buf_str(&q), (int)len, c);
                goto out;
            }
            v = v * 10 + d;
        }
        num[k] = v;
    }
    {
        /* the normalized form prints every numeric component */
        struct hc_buf norm = HC_BUF_INIT;
        hc_buf_addc(&norm, 'v');
        size_t j = start;
        bool first = true;
        while (j < n) {
            size_t c0 = j;
            while (j < n && s[j] >= '0' && s[j] <= '9')
                j++;
            if (j == c0)
                break;
            uint64_t v = 0;
            for (size_t k = c0; k < j; k++)
                v = v * 10 + (uint64_t)(s[k] - '0');
            if (!first)
                hc_buf_addc(&norm, '.');
            first = false;
            hc_gofmt_uint(&norm, v, 10);
            if (j < n && s[j] == '.' && j + 1 < n && s[j + 1] >= '0' && s[j + 1] <= '9')
                j++;
            else
                break;
        }
        char mj[24], mn[24];
        struct hc_buf t = HC_BUF_INIT;
        hc_gofmt_uint(&t, num[0], 10);
        memcpy(mj, hc_buf_str(&t), t.len + 1);
        hc_buf_reset(&t);
        hc_gofmt_uint(&t, num[1], 10);
        memcpy(mn, hc_buf_str(&t), t.len + 1);
        hc_buf_release(&t);
        kv->normalized = hc_arena_strndup(a, hc_buf_str(&norm), norm.len);
        kv->version = s[0] == 'v' ? hc_arena_strdup(a, s) : hc_arena_printf(a, "v%s", s);
        kv->major = hc_arena_strdup(a, mj);
        kv->minor = hc_arena_strdup(a, mn);
        bool ok = hc_buf_ok(&norm);
        hc_buf_release(&norm);
        if (!ok || !kv->normalized || !kv->version || !kv->major || !kv->minor)
            rc = hc_error_nomem(err);
    }
    goto out;
bad:
    rc = hc_error_set(err, HC_ERR_USAGE, "could not parse %s as version", hc_buf_str(&q));
out:
    hc_buf_release(&q);
    return rc;
}
