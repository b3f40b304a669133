/*
 * orphans.c - a stored manifest as resource keys, and the resources an
 * upgrade, a rollback or a release's whole history leaves behind.
 *
 * Helm v4 keys a resource by (API group, kind, namespace, name) (pkg/kube
 * isMatchingInfo) and, on upgrade or rollback, deletes what the base
 * manifest holds and the target does not, unless the live object is
 * annotated helm.sh/resource-policy: keep.  Objects that only a failed
 * revision applied are never in a base, so Helm never deletes them.  The
 * rules, and how helmc decides scope without a cluster, are in
 * include/helmc/orphans.h and docs/orphans.md.
 */
#include "helmc/orphans.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "json/json.h"
#include "yaml/yaml.h"

/* Nesting of Lists inside Lists we follow (kubectl's Flatten recurses without one). */
#define MAX_LIST_DEPTH 16

/* ---------------------------------------------------------------- scope */

/*
 * Built-in cluster-scoped kinds by (group, kind): Kubernetes 1.35's
 * non-namespaced resources (`kubectl api-resources --namespaced=false`).
 */
static const struct {
    const char *group, *kind;
} cluster_kinds[] = {
    {"", "ComponentStatus"},
    {"", "Namespace"},
    {"", "Node"},
    {"", "PersistentVolume"},
    {"admissionregistration.k8s.io", "MutatingAdmissionPolicy"},
    {"admissionregistration.k8s.io", "MutatingAdmissionPolicyBinding"},
    {"admissionregistration.k8s.io", "MutatingWebhookConfiguration"},
    {"admissionregistration.k8s.io", "ValidatingAdmissionPolicy"},
    {"admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding"},
    {"admissionregistration.k8s.io", "ValidatingWebhookConfiguration"},
    {"apiextensions.k8s.io", "CustomResourceDefinition"},
    {"apiregistration.k8s.io", "APIService"},
    {"authentication.k8s.io", "SelfSubjectReview"},
    {"authentication.k8s.io", "TokenReview"},
    {"authorization.k8s.io", "SelfSubjectAccessReview"},
    {"authorization.k8s.io", "SelfSubjectRulesReview"},
    {"authorization.k8s.io", "SubjectAccessReview"},
    {"certificates.k8s.io", "CertificateSigningRequest"},
    {"certificates.k8s.io", "ClusterTrustBundle"},
    {"flowcontrol.apiserver.k8s.io", "FlowSchema"},
    {"flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"},
    {"networking.k8s.io", "IPAddress"},
    {"networking.k8s.io", "IngressClass"},
    {"networking.k8s.io", "ServiceCIDR"},
    {"node.k8s.io", "RuntimeClass"},
    {"policy", "PodSecurityPolicy"},
    {"rbac.authorization.k8s.io", "ClusterRole"},
    {"rbac.authorization.k8s.io", "ClusterRoleBinding"},
    {"resource.k8s.io", "DeviceClass"},
    {"resource.k8s.io", "ResourceSlice"},
    {"scheduling.k8s.io", "PriorityClass"},
    {"storage.k8s.io", "CSIDriver"},
    {"storage.k8s.io", "CSINode"},
    {"storage.k8s.io", "StorageClass"},
    {"storage.k8s.io", "VolumeAttachment"},
    {"storage.k8s.io", "VolumeAttributesClass"},
    {"storagemigration.k8s.io", "StorageVersionMigration"},
};

static bool rstr_eq(hc_rstr s, const char *c)
{
    size_t n = strlen(c);
    return s.n == n && (n == 0 || memcmp(s.p, c, n) == 0);
}

static bool rstr_same(hc_rstr x, hc_rstr y)
{
    return x.n == y.n && (x.n == 0 || memcmp(x.p, y.p, x.n) == 0);
}

static int rstr_cmp(hc_rstr x, hc_rstr y)
{
    size_t n = x.n < y.n ? x.n : y.n;
    int c = n ? memcmp(x.p, y.p, n) : 0;
    if (c)
        return c;
    return x.n < y.n ? -1 : x.n > y.n;
}

static bool is_cluster_scoped(hc_rstr group, hc_rstr kind)
{
    for (size_t i = 0; i < sizeof cluster_kinds / sizeof cluster_kinds[0]; i++)
        if (rstr_eq(group, cluster_kinds[i].group) && rstr_eq(kind, cluster_kinds[i].kind))
            return true;
    return false;
}

/* ---------------------------------------------------------------- documents */

struct doc {
    const char *p; /* the document's lines, without the separators */
    size_t n;
    hc_rstr source;
};

/*
 * The Kubernetes YAML reader's separator: a line starting "---" followed by
 * nothing but blanks or a comment.
 */
static bool is_separator(const char *line, size_t n)
{
    if (n < 3 || memcmp(line, "---", 3) != 0)
        return false;
    size_t i = 3;
    while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
        i++;
    return i == n || line[i] == '#';
}

static hc_rstr trim_blank(const char *p, size_t n)
{
    while (n && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
        p++;
        n--;
    }
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n' || p[n - 1] == '\r'))
        n--;
    return (hc_rstr){p, n};
}

static hc_status add_doc(struct hc_arena *a, struct doc **v, size_t *n, size_t *cap,
                         const char *p, size_t len, struct hc_error *err)
{
    if (*n == *cap) {
        size_t nc = *cap ? hc_mul_size(*cap, 2) : 16;
        struct doc *nv = hc_arena_realloc(a, *v, *cap * sizeof **v, hc_mul_size(nc, sizeof **v));
        if (!nv)
            return hc_error_nomem(err);
        *v = nv;
        *cap = nc;
    }
    struct doc *d = &(*v)[(*n)++];
    d->p = p;
    d->n = len;
    d->source = (hc_rstr){NULL, 0};
    /* The first "# Source: " comment line names the template. */
    const char *q = p, *end = p + len;
    while (q < end) {
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        size_t ln = nl ? (size_t)(nl - q) : (size_t)(end - q);
        if (ln >= 10 && memcmp(q, "# Source: ", 10) == 0) {
            d->source = trim_blank(q + 10, ln - 10);
            break;
        }
        hc_rstr t = trim_blank(q, ln);
        if (t.n && t.p[0] != '#')
            break; /* the Source line comes before any content */
        q = nl ? nl + 1 : end;
    }
    return HC_OK;
}

static hc_status split_docs(struct hc_arena *a, hc_rstr m, struct doc **out, size_t *nout,
                            struct hc_error *err)
{
    struct doc *v = NULL;
    size_t n = 0, cap = 0;
    const char *p = m.p, *end = m.p + m.n, *start = m.p;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t ln = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (is_separator(p, ln)) {
            if (p > start && add_doc(a, &v, &n, &cap, start, (size_t)(p - start), err))
                return err->code;
            start = nl ? nl + 1 : end;
        }
        p = nl ? nl + 1 : end;
    }
    if (end > start && add_doc(a, &v, &n, &cap, start, (size_t)(end - start), err))
        return err->code;
    *out = v;
    *nout = n;
    return HC_OK;
}

/* ---------------------------------------------------------------- resources */

static hc_rstr map_str(hc_val m, const char *key)
{
    hc_val v;
    if (m.kind == HC_MAP && hc_map_get(m.u.m, key, strlen(key), &v) && v.kind == HC_STRING)
        return (hc_rstr){v.u.s, v.len};
    return (hc_rstr){NULL, 0};
}

static hc_val map_val(hc_val m, const char *key)
{
    hc_val v;
    if (m.kind == HC_MAP && hc_map_get(m.u.m, key, strlen(key), &v))
        return v;
    return hc_null();
}

static bool policy_keep(hc_val meta)
{
    hc_rstr p = map_str(map_val(meta, "annotations"), "helm.sh/resource-policy");
    p = trim_blank(p.p, p.n);
    if (p.n != 4)
        return false;
    for (size_t i = 0; i < 4; i++) {
        char c = p.p[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != "keep"[i])
            return false;
    }
    return true;
}

struct parse_ctx {
    struct hc_arena *a;
    hc_rstr release_ns;
    const char *label;
    struct hc_resource *v;
    size_t n, cap;
    const struct doc *doc;
    uint32_t docno;
};

static hc_status doc_error(struct parse_ctx *c, struct hc_error *err, hc_status code,
                           const char *msg)
{
    const char *label = c->label ? c->label : "manifest";
    if (c->doc->source.n)
        return hc_error_set(err, code, "%s: document %u (%.*s): %s", label, c->docno,
                            (int)c->doc->source.n, c->doc->source.p, msg);
    return hc_error_set(err, code, "%s: document %u: %s", label, c->docno, msg);
}

static hc_status add_object(struct parse_ctx *c, hc_val obj, int depth, struct hc_error *err)
{
    if (obj.kind == HC_NULL)
        return HC_OK;
    if (obj.kind != HC_MAP)
        return doc_error(c, err, HC_ERR_INVALID, "Object 'Kind' is missing");
    hc_val items = map_val(obj, "items");
    if (items.kind == HC_LIST) {
        /* A List: it stands for its items (Helm builds with Flatten). */
        if (depth >= MAX_LIST_DEPTH)
            return doc_error(c, err, HC_ERR_LIMIT, "Lists nested too deep");
        hc_rstr lkind = map_str(obj, "kind"), lapi = map_str(obj, "apiVersion");
        hc_list_foreach(items.u.l, it) {
            if (it->kind != HC_MAP)
                return doc_error(c, err, HC_ERR_INVALID, "a List item is not an object");
            if (!map_str(*it, "kind").n && !map_str(*it, "apiVersion").n) {
                /* The decoder fills an item's type from the list's. */
                size_t kn = lkind.n;
                if (kn >= 4 && memcmp(lkind.p + kn - 4, "List", 4) == 0)
                    kn -= 4;
                hc_val k = hc_strn(lkind.p, kn), av = hc_strn(lapi.p, lapi.n);
                if (hc_map_set(c->a, it->u.m, "kind", 4, k) ||
                    hc_map_set(c->a, it->u.m, "apiVersion", 10, av))
                    return hc_error_nomem(err);
            }
            hc_status st = add_object(c, *it, depth + 1, err);
            if (st)
                return st;
        }
        return HC_OK;
    }
    hc_rstr kind = map_str(obj, "kind"), api = map_str(obj, "apiVersion");
    if (!kind.n)
        return doc_error(c, err, HC_ERR_INVALID, "Object 'Kind' is missing");
    if (!api.n)
        return doc_error(c, err, HC_ERR_INVALID, "Object 'apiVersion' is missing");
    hc_val meta = map_val(obj, "metadata");
    hc_rstr name = map_str(meta, "name");
    if (!name.n) {
        if (map_str(meta, "generateName").n)
            return HC_OK; /* a fresh name per apply: nothing to match */
        return doc_error(c, err, HC_ERR_INVALID, "resource name may not be empty");
    }
    if (c->n == c->cap) {
        size_t nc = c->cap ? hc_mul_size(c->cap, 2) : 16;
        struct hc_resource *nv =
            hc_arena_realloc(c->a, c->v, c->cap * sizeof *nv, hc_mul_size(nc, sizeof *nv));
        if (!nv)
            return hc_error_nomem(err);
        c->v = nv;
        c->cap = nc;
    }
    struct hc_resource *r = &c->v[c->n++];
    memset(r, 0, sizeof *r);
    r->api_version = api;
    const char *slash = memchr(api.p, '/', api.n);
    r->group = slash ? (hc_rstr){api.p, (size_t)(slash - api.p)} : (hc_rstr){"", 0};
    r->kind = kind;
    r->name = name;
    r->cluster_scoped = is_cluster_scoped(r->group, kind);
    if (r->cluster_scoped) {
        r->namespace_ = (hc_rstr){"", 0};
    } else {
        r->namespace_ = map_str(meta, "namespace");
        if (!r->namespace_.n)
            r->namespace_ = c->release_ns;
    }
    r->source = c->doc->source;
    r->text = (hc_rstr){c->doc->p, c->doc->n};
    r->doc = c->docno;
    r->keep = policy_keep(meta);
    return HC_OK;
}

hc_status hc_manifest_parse(struct hc_arena *a, hc_rstr manifest, hc_rstr release_ns,
                            const char *label, struct hc_manifest *out, struct hc_error *err)
{
    struct parse_ctx c = {.a = a, .release_ns = release_ns, .label = label};
    if (!c.release_ns.n)
        c.release_ns = (hc_rstr){"default", 7};
    struct doc *docs;
    size_t ndocs;
    hc_status st = split_docs(a, manifest, &docs, &ndocs, err);
    if (st)
        return st;
    for (size_t i = 0; i < ndocs; i++) {
        c.doc = &docs[i];
        c.docno = (uint32_t)(i + 1);
        hc_val v;
        struct hc_yaml_read_opts opts = {.filename = label};
        struct hc_error yerr;
        hc_error_init(&yerr);
        st = hc_yaml_read(a, docs[i].p, docs[i].n, &opts, &v, &yerr);
        if (st) {
            if (st == HC_ERR_NOMEM) {
                hc_error_move(err, &yerr);
                return st;
            }
            st = doc_error(&c, err, st, hc_error_msg(&yerr));
            hc_error_release(&yerr);
            return st;
        }
        st = add_object(&c, v, 0, err);
        if (st)
            return st;
    }
    out->v = c.v;
    out->n = c.n;
    return HC_OK;
}

int hc_resource_key_cmp(const struct hc_resource *x, const struct hc_resource *y)
{
    int c = rstr_cmp(x->group, y->group);
    if (!c)
        c = rstr_cmp(x->kind, y->kind);
    if (!c)
        c = rstr_cmp(x->namespace_, y->namespace_);
    if (!c)
        c = rstr_cmp(x->name, y->name);
    return c;
}

static void add_kind(struct hc_buf *b, const struct hc_resource *r)
{
    hc_buf_add(b, r->kind.p, r->kind.n);
    if (r->group.n) {
        hc_buf_addc(b, '.');
        hc_buf_add(b, r->group.p, r->group.n);
    }
}

void hc_resource_key_format(struct hc_buf *b, const struct hc_resource *r)
{
    add_kind(b, r);
    hc_buf_addc(b, '/');
    if (r->namespace_.n) {
        hc_buf_add(b, r->namespace_.p, r->namespace_.n);
        hc_buf_addc(b, '/');
    }
    hc_buf_add(b, r->name.p, r->name.n);
}

/* ---------------------------------------------------------------- orphans */

const char *hc_orphan_state_name(enum hc_orphan_state s)
{
    switch (s) {
    case HC_ORPHAN_DELETE:
        return "deleted";
    case HC_ORPHAN_KEPT:
        return "kept";
    case HC_ORPHAN_LEFT:
        break;
    }
    return "orphaned";
}

/* A resource some revision held, the target not. */
struct cand {
    const struct hc_resource *res;
    int64_t rev;
    bool from_base; /* the base manifest held it */
};

struct cands {
    struct cand *v;
    size_t n, cap;
};

static hc_status cand_add(struct hc_arena *a, struct cands *c, const struct hc_resource *r,
                          int64_t rev, bool from_base, struct hc_error *err)
{
    if (c->n == c->cap) {
        size_t nc = c->cap ? hc_mul_size(c->cap, 2) : 32;
        struct cand *nv =
            hc_arena_realloc(a, c->v, c->cap * sizeof *nv, hc_mul_size(nc, sizeof *nv));
        if (!nv)
            return hc_error_nomem(err);
        c->v = nv;
        c->cap = nc;
    }
    c->v[c->n++] = (struct cand){r, rev, from_base};
    return HC_OK;
}

static int cand_cmp(const void *x, const void *y)
{
    const struct cand *a = x, *b = y;
    int c = hc_resource_key_cmp(a->res, b->res);
    if (c)
        return c;
    if (a->rev != b->rev)
        return a->rev < b->rev ? -1 : 1;
    /* Within one manifest, the later duplicate wins (as it is applied last). */
    return a->res->doc < b->res->doc ? -1 : a->res->doc > b->res->doc;
}

static int res_ptr_cmp(const void *x, const void *y)
{
    return hc_resource_key_cmp(*(const struct hc_resource *const *)x,
                               *(const struct hc_resource *const *)y);
}

/* The target's resources sorted by key, for lookups. */
struct sorted {
    const struct hc_resource **v;
    size_t n;
};

static hc_status sort_manifest(struct hc_arena *a, const struct hc_manifest *m, struct sorted *s,
                               struct hc_error *err)
{
    s->n = m->n;
    s->v = hc_arena_array(a, m->n ? m->n : 1, sizeof *s->v);
    if (!s->v)
        return hc_error_nomem(err);
    for (size_t i = 0; i < m->n; i++)
        s->v[i] = &m->v[i];
    if (m->n > 1)
        qsort(s->v, m->n, sizeof *s->v, res_ptr_cmp);
    return HC_OK;
}

static bool sorted_has(const struct sorted *s, const struct hc_resource *r)
{
    return s->n && bsearch(&r, s->v, s->n, sizeof *s->v, res_ptr_cmp) != NULL;
}

/* The namespace the target holds the same group, kind and name in, if another. */
static hc_rstr moved_to(const struct sorted *t, const struct hc_resource *r)
{
    for (size_t i = 0; i < t->n; i++) {
        const struct hc_resource *x = t->v[i];
        if (rstr_same(x->group, r->group) && rstr_same(x->kind, r->kind) &&
            rstr_same(x->name, r->name) && !rstr_same(x->namespace_, r->namespace_))
            return x->namespace_;
    }
    return (hc_rstr){NULL, 0};
}

static hc_status parse_release(struct hc_arena *a, const struct hc_release *r,
                               struct hc_manifest *m, struct hc_error *err)
{
    /* In the arena: an error's position borrows it. */
    const char *label = hc_arena_printf(a, "revision %lld", (long long)r->version);
    if (!label)
        return hc_error_nomem(err);
    return hc_manifest_parse(a, r->manifest, r->namespace_, label, m, err);
}

static hc_status add_missing(struct hc_arena *a, struct cands *c, const struct hc_manifest *m,
                             int64_t rev, bool from_base, const struct sorted *t,
                             struct hc_error *err)
{
    for (size_t i = 0; i < m->n; i++)
        if (!sorted_has(t, &m->v[i]) && cand_add(a, c, &m->v[i], rev, from_base, err))
            return err->code;
    return HC_OK;
}

/*
 * Groups candidates by key into the report.  mode_history: the state comes
 * from the newest revision's keep; else from the base's (DELETE or KEPT) and
 * LEFT for what only failed revisions held.
 */
static hc_status group_cands(struct hc_arena *a, struct cands *c, const struct sorted *t,
                             int64_t target, bool mode_history, struct hc_orphan_report *out,
                             struct hc_error *err)
{
    if (c->n > 1)
        qsort(c->v, c->n, sizeof *c->v, cand_cmp);
    out->v = hc_arena_array(a, c->n ? c->n : 1, sizeof *out->v);
    if (!out->v)
        return hc_error_nomem(err);
    out->n = 0;
    for (size_t i = 0; i < c->n;) {
        size_t j = i + 1;
        while (j < c->n && hc_resource_key_cmp(c->v[i].res, c->v[j].res) == 0)
            j++;
        struct hc_orphan *o = &out->v[out->n++];
        memset(o, 0, sizeof *o);
        o->revisions = hc_arena_array(a, j - i, sizeof *o->revisions);
        if (!o->revisions)
            return hc_error_nomem(err);
        const struct cand *base = NULL;
        for (size_t k = i; k < j; k++) {
            if (!o->nrevisions || o->revisions[o->nrevisions - 1] != c->v[k].rev)
                o->revisions[o->nrevisions++] = c->v[k].rev;
            if (c->v[k].from_base)
                base = &c->v[k];
        }
        const struct cand *newest = &c->v[j - 1];
        if (mode_history) {
            o->res = *newest->res;
            o->state = newest->res->keep ? HC_ORPHAN_KEPT : HC_ORPHAN_LEFT;
        } else if (base) {
            o->res = *base->res;
            o->state = base->res->keep ? HC_ORPHAN_KEPT : HC_ORPHAN_DELETE;
            if (o->state == HC_ORPHAN_DELETE)
                o->deleted_by = target;
        } else {
            o->res = *newest->res;
            o->state = HC_ORPHAN_LEFT;
        }
        o->moved_to = moved_to(t, &o->res);
        i = j;
    }
    return HC_OK;
}

hc_status hc_orphans_compute(struct hc_arena *a, const struct hc_release *base,
                             const struct hc_release *const *failed, size_t nfailed,
                             const struct hc_release *target, struct hc_orphan_report *out,
                             struct hc_error *err)
{
    struct hc_manifest tm, m;
    struct sorted t;
    struct cands c = {0};
    hc_status st = parse_release(a, target, &tm, err);
    if (!st)
        st = sort_manifest(a, &tm, &t, err);
    if (!st && base) {
        st = parse_release(a, base, &m, err);
        if (!st)
            st = add_missing(a, &c, &m, base->version, true, &t, err);
    }
    for (size_t i = 0; !st && i < nfailed; i++) {
        st = parse_release(a, failed[i], &m, err);
        if (!st)
            st = add_missing(a, &c, &m, failed[i]->version, false, &t, err);
    }
    if (!st)
        st = group_cands(a, &c, &t, target->version, false, out, err);
    if (st)
        return st;
    out->name = target->name;
    out->namespace_ = target->namespace_;
    out->target = target->version;
    return HC_OK;
}

/* ---- replaying a history ---- */

static bool rstr_has(hc_rstr s, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= s.n; i++)
        if (memcmp(s.p + i, needle, n) == 0)
            return true;
    return false;
}

static bool rstr_prefix(hc_rstr s, const char *prefix)
{
    size_t n = strlen(prefix);
    return s.n >= n && memcmp(s.p, prefix, n) == 0;
}

/*
 * Whether a revision's upgrade or rollback went through (and so deleted
 * what its base held and it does not): deployed or superseded, and not
 * described as a failure (helm rewrites a failed base as superseded).
 */
static bool went_through(const struct hc_release *r)
{
    if (!r->info)
        return false;
    hc_rstr s = r->info->status;
    if (!rstr_eq(s, HC_RELEASE_STATUS_DEPLOYED) && !rstr_eq(s, HC_RELEASE_STATUS_SUPERSEDED))
        return false;
    return !rstr_has(r->info->description, "\" failed: ");
}

static bool is_install(const struct hc_release *r)
{
    return r->info && rstr_eq(r->info->description, HC_RELEASE_DESC_INSTALL_COMPLETE);
}

static int rel_cmp(const void *x, const void *y)
{
    const struct hc_release *a = *(const struct hc_release *const *)x;
    const struct hc_release *b = *(const struct hc_release *const *)y;
    return a->version < b->version ? -1 : a->version > b->version;
}

struct step {
    const struct hc_release *r;
    struct sorted res;
    long base; /* index of the revision its diff started from, -1: none or not stored */
};

/*
 * The base each revision that went through was diffed against: for a
 * rollback the previous record (the last one then), for an upgrade the
 * newest earlier revision that went through (the deployed one then), else
 * the previous record; none for an install.  A base pruned from the store
 * is unknown (-1).
 */
static void find_bases(struct step *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        v[i].base = -1;
        if (!i || !went_through(v[i].r) || is_install(v[i].r))
            continue;
        bool prev_stored = v[i - 1].r->version == v[i].r->version - 1;
        if (rstr_prefix(v[i].r->info->description, "Rollback to ")) {
            v[i].base = prev_stored ? (long)i - 1 : -1;
            continue;
        }
        for (size_t k = i; k-- > 0;)
            if (went_through(v[k].r)) {
                v[i].base = (long)k;
                break;
            }
        if (v[i].base < 0 && prev_stored)
            v[i].base = (long)i - 1;
    }
}

hc_status hc_orphans_from_history(struct hc_arena *a, struct hc_release *const *history, size_t n,
                                  const struct hc_release *target, struct hc_orphan_report *out,
                                  struct hc_error *err)
{
    struct step *v = hc_arena_array(a, n ? n : 1, sizeof *v);
    const struct hc_release **sorted = hc_arena_array(a, n ? n : 1, sizeof *sorted);
    if (!v || !sorted)
        return hc_error_nomem(err);
    for (size_t i = 0; i < n; i++)
        sorted[i] = history[i];
    if (n > 1)
        qsort(sorted, n, sizeof *sorted, rel_cmp);
    struct hc_manifest tm;
    struct sorted t;
    struct cands c = {0};
    hc_status st = parse_release(a, target, &tm, err);
    if (!st)
        st = sort_manifest(a, &tm, &t, err);
    for (size_t i = 0; !st && i < n; i++) {
        struct hc_manifest m;
        v[i].r = sorted[i];
        st = parse_release(a, sorted[i], &m, err);
        if (!st)
            st = sort_manifest(a, &m, &v[i].res, err);
        if (!st && sorted[i]->version != target->version)
            st = add_missing(a, &c, &m, sorted[i]->version, false, &t, err);
    }
    if (!st)
        st = group_cands(a, &c, &t, target->version, true, out, err);
    if (st)
        return st;
    find_bases(v, n);
    /* An orphan the diff of a later revision that went through removed is gone. */
    for (size_t k = 0; k < out->n; k++) {
        struct hc_orphan *o = &out->v[k];
        if (o->state != HC_ORPHAN_LEFT)
            continue;
        int64_t last = o->revisions[o->nrevisions - 1];
        for (size_t i = 0; i < n; i++) {
            if (v[i].r->version <= last || v[i].base < 0)
                continue;
            const struct step *b = &v[v[i].base];
            const struct hc_resource *key = &o->res;
            const struct hc_resource **hit =
                b->res.n ? bsearch(&key, b->res.v, b->res.n, sizeof *b->res.v, res_ptr_cmp) : NULL;
            if (hit && !sorted_has(&v[i].res, key) && !(*hit)->keep) {
                o->state = HC_ORPHAN_DELETE;
                o->deleted_by = v[i].r->version;
                break;
            }
        }
    }
    out->name = target->name;
    out->namespace_ = target->namespace_;
    out->target = target->version;
    return HC_OK;
}

hc_status hc_orphans_step(struct hc_arena *a, struct hc_release *const *history, size_t n,
                          const struct hc_release *base, const struct hc_release *target,
                          struct hc_orphan_report *out, struct hc_error *err)
{
    const struct hc_release **failed = hc_arena_array(a, n ? n : 1, sizeof *failed);
    if (!failed)
        return hc_error_nomem(err);
    size_t nf = 0;
    for (size_t i = 0; i < n; i++) {
        const struct hc_release *r = history[i];
        if ((!base || r->version > base->version) && r->version != target->version &&
            !went_through(r))
            failed[nf++] = r;
    }
    if (nf > 1)
        qsort(failed, nf, sizeof *failed, rel_cmp);
    return hc_orphans_compute(a, base, failed, nf, target, out, err);
}

/* ---------------------------------------------------------------- output */

static void add_revisions(struct hc_buf *b, const struct hc_orphan *o)
{
    for (size_t i = 0; i < o->nrevisions; i++)
        hc_buf_printf(b, "%s%lld", i ? "," : "", (long long)o->revisions[i]);
}

#define NCOLS 6

/* helm's tables: cells padded to the column's width, a tab between, the last padded too. */
static void table_row(struct hc_buf *b, const struct hc_buf cells[NCOLS], const size_t w[NCOLS])
{
    for (int i = 0; i < NCOLS; i++) {
        if (i)
            hc_buf_addc(b, '\t');
        hc_buf_adds(b, hc_buf_str(&cells[i]));
        hc_buf_addn(b, ' ', w[i] - cells[i].len);
    }
    hc_buf_addc(b, '\n');
}

static void orphan_cells(struct hc_buf cells[NCOLS], const struct hc_orphan *o)
{
    for (int i = 0; i < NCOLS; i++)
        hc_buf_reset(&cells[i]);
    add_kind(&cells[0], &o->res);
    hc_buf_add(&cells[1], o->res.namespace_.p, o->res.namespace_.n);
    hc_buf_add(&cells[2], o->res.name.p, o->res.name.n);
    hc_buf_adds(&cells[3], hc_orphan_state_name(o->state));
    add_revisions(&cells[4], o);
    if (o->moved_to.n)
        hc_buf_printf(&cells[5], "moved to namespace %.*s", (int)o->moved_to.n, o->moved_to.p);
    if (o->deleted_by)
        hc_buf_printf(&cells[5], "%sdeleted by revision %lld", o->moved_to.n ? "; " : "",
                      (long long)o->deleted_by);
}

void hc_orphans_table(struct hc_buf *b, const struct hc_orphan_report *r)
{
    static const char *const head[NCOLS] = {"KIND",  "NAMESPACE", "NAME",
                                            "STATE", "REVISIONS", "NOTE"};
    struct hc_buf cells[NCOLS];
    size_t w[NCOLS];
    for (int i = 0; i < NCOLS; i++) {
        hc_buf_init(&cells[i], 0);
        w[i] = strlen(head[i]);
    }
    for (size_t k = 0; k < r->n; k++) {
        orphan_cells(cells, &r->v[k]);
        for (int i = 0; i < NCOLS; i++)
            if (cells[i].len > w[i])
                w[i] = cells[i].len;
    }
    for (int i = 0; i < NCOLS; i++) {
        hc_buf_reset(&cells[i]);
        hc_buf_adds(&cells[i], head[i]);
    }
    table_row(b, cells, w);
    for (size_t k = 0; k < r->n; k++) {
        orphan_cells(cells, &r->v[k]);
        table_row(b, cells, w);
    }
    for (int i = 0; i < NCOLS; i++) {
        if (!hc_buf_ok(&cells[i]))
            b->failed = true;
        hc_buf_release(&cells[i]);
    }
}

/* JSON text pieces: strings through the JSON writer (Go's escaping). */
static void json_str(struct hc_buf *b, hc_rstr s)
{
    struct hc_error e;
    hc_error_init(&e);
    if (hc_json_write(b, hc_strn(s.p ? s.p : "", s.n), 0, &e))
        b->failed = true;
    hc_error_release(&e);
}

static void json_key(struct hc_buf *b, const char *k, hc_rstr v, bool comma)
{
    hc_buf_printf(b, "%s\"%s\":", comma ? "," : "", k);
    json_str(b, v);
}

void hc_orphans_json(struct hc_buf *b, const struct hc_orphan_report *r)
{
    hc_buf_adds(b, "{");
    json_key(b, "name", r->name, false);
    json_key(b, "namespace", r->namespace_, true);
    hc_buf_printf(b, ",\"revision\":%lld,\"orphans\":[", (long long)r->target);
    for (size_t k = 0; k < r->n; k++) {
        const struct hc_orphan *o = &r->v[k];
        hc_buf_adds(b, k ? ",{" : "{");
        json_key(b, "apiVersion", o->res.api_version, false);
        json_key(b, "kind", o->res.kind, true);
        json_key(b, "group", o->res.group, true);
        json_key(b, "namespace", o->res.namespace_, true);
        json_key(b, "name", o->res.name, true);
        hc_buf_adds(b, ",\"state\":\"");
        hc_buf_adds(b, hc_orphan_state_name(o->state));
        hc_buf_adds(b, "\",\"revisions\":[");
        add_revisions(b, o);
        hc_buf_adds(b, "]");
        json_key(b, "source", o->res.source, true);
        if (o->moved_to.n)
            json_key(b, "movedTo", o->moved_to, true);
        if (o->deleted_by)
            hc_buf_printf(b, ",\"deletedBy\":%lld", (long long)o->deleted_by);
        hc_buf_adds(b, "}");
    }
    hc_buf_adds(b, "]}\n");
}

void hc_orphans_prune_list(struct hc_buf *b, const struct hc_orphan_report *r)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    for (size_t k = 0; k < r->n; k++) {
        const struct hc_orphan *o = &r->v[k];
        if (o->state != HC_ORPHAN_LEFT)
            continue;
        struct hc_map *meta = hc_map_new(&a, 2), *obj = hc_map_new(&a, 3);
        struct hc_error e;
        hc_error_init(&e);
        if (!meta || !obj ||
            hc_map_set(&a, meta, "name", 4, hc_strn(o->res.name.p, o->res.name.n)) ||
            (o->res.namespace_.n && !o->res.cluster_scoped &&
             hc_map_set(&a, meta, "namespace", 9,
                        hc_strn(o->res.namespace_.p, o->res.namespace_.n))) ||
            hc_map_set(&a, obj, "apiVersion", 10,
                       hc_strn(o->res.api_version.p, o->res.api_version.n)) ||
            hc_map_set(&a, obj, "kind", 4, hc_strn(o->res.kind.p, o->res.kind.n)) ||
            hc_map_set(&a, obj, "metadata", 8, hc_map_val(meta, HC_GT_MAP))) {
            b->failed = true;
            break;
        }
        hc_buf_adds(b, "---\n");
        if (hc_yaml_write(b, hc_map_val(obj, HC_GT_MAP), &e))
            b->failed = true;
        hc_error_release(&e);
    }
    hc_arena_free(&a);
}
