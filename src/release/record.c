/*
 * record.c - a release record to and from JSON, as Helm's Go structs marshal
 * (pkg/release/v1 Release, Info, Hook; pkg/chart/v2 Chart, Metadata, File,
 * Lock, Dependency).  Reading goes through the generic JSON reader (Go's
 * json.Unmarshal into interface{}) and then walks the tree into the structs
 * with Go's type rules; writing emits keys in struct declaration order, with
 * each field's omitempty/omitzero rule for the chosen Helm version.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/release.h"
#include "json/json.h"

/* ---------------------------------------------------------------- reading */

struct rd {
    struct hc_arena *a;
    struct hc_error *err;
    bool v3_marks; /* saw "" where v3 writes zero times */
    bool v4_marks; /* saw a key only v4 writes */
};

/* Go's UnmarshalTypeError text: "json: cannot unmarshal X into Go struct field S.path of type T".
 */
static hc_status type_error(struct rd *r, hc_val v, const char *field, const char *type)
{
    return hc_error_set(r->err, HC_ERR_INVALID,
                        "json: cannot unmarshal %s into Go struct field %s of type %s",
                        hc_json_kind(v), field, type);
}

static bool ascii_fold_equal(const char *a, size_t n, const char *b)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (y == 0)
            return false;
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return b[n] == 0;
}

/*
 * The value for a struct field's JSON name.  Go's decoder prefers the exact
 * key and also accepts one that matches ignoring case ("Name" for "name");
 * the map has lost the input order Go uses to pick among several such keys,
 * so the first in sorted order is taken.
 */
static bool get(hc_val obj, const char *key, hc_val *out)
{
    if (obj.kind != HC_MAP || !obj.u.m)
        return false;
    if (hc_map_get(obj.u.m, key, strlen(key), out))
        return true;
    hc_map_foreach(obj.u.m, ent) {
        if (ascii_fold_equal(ent->key, ent->klen, key)) {
            *out = ent->val;
            return true;
        }
    }
    return false;
}

static hc_status rd_str(struct rd *r, hc_val obj, const char *key, const char *field, hc_rstr *out)
{
    hc_val v;
    if (!get(obj, key, &v) || v.kind == HC_NULL)
        return HC_OK;
    if (v.kind != HC_STRING)
        return type_error(r, v, field, "string");
    out->p = v.u.s;
    out->n = v.len;
    return HC_OK;
}

static hc_status rd_bool(struct rd *r, hc_val obj, const char *key, const char *field, bool *out)
{
    hc_val v;
    if (!get(obj, key, &v) || v.kind == HC_NULL)
        return HC_OK;
    if (v.kind != HC_BOOL)
        return type_error(r, v, field, "bool");
    *out = v.u.b;
    return HC_OK;
}

static hc_status rd_int(struct rd *r, hc_val obj, const char *key, const char *field, int64_t *out)
{
    hc_val v;
    if (!get(obj, key, &v) || v.kind == HC_NULL)
        return HC_OK;
    if (v.kind == HC_INT) {
        *out = v.u.i;
        return HC_OK;
    }
    if (v.kind != HC_FLOAT)
        return type_error(r, v, field, "int");
    double f = v.u.f;
    if (f != floor(f) || f < -9223372036854775808.0 || f >= 9223372036854775808.0)
        return hc_error_set(r->err, HC_ERR_INVALID,
                            "json: cannot unmarshal number %g into Go struct field %s of type int",
                            f, field);
    *out = (int64_t)f;
    return HC_OK;
}

/* A time: "" and null are zero (Helm's custom unmarshalers); "" marks a v3 writer. */
static hc_status rd_time(struct rd *r, hc_val obj, const char *key, const char *field,
                         struct hc_stamp *out)
{
    hc_val v;
    if (!get(obj, key, &v) || v.kind == HC_NULL)
        return HC_OK;
    if (v.kind != HC_STRING)
        return type_error(r, v, field, "time.Time");
    if (v.len == 0) {
        r->v3_marks = true;
        return HC_OK;
    }
    return hc_stamp_parse(v.u.s, v.len, out, r->err);
}

static hc_status rd_bytes(struct rd *r, hc_val obj, const char *key, const char *field,
                          struct hc_rbytes *out)
{
    hc_val v;
    if (!get(obj, key, &v) || v.kind == HC_NULL)
        return HC_OK;
    if (v.kind != HC_STRING)
        return type_error(r, v, field, "[]uint8");
    unsigned char *p;
    size_t n;
    hc_status rc = hc_base64_decode(r->a, v.u.s, v.len, &p, &n, r->err);
    if (rc != HC_OK)
        return rc;
    out->p = p;
    out->n = n;
    out->present = true;
    return HC_OK;
}

static hc_status rd_strs(struct rd *r, hc_val obj, const char *key, const char *field,
                         struct hc_rstrs *out)
{
    hc_val v;
    if (!get(obj, key, &v) || v.kind == HC_NULL)
        return HC_OK;
    if (v.kind != HC_LIST)
        return type_error(r, v, field, "[]string");
    size_t n = v.u.l ? v.u.l->len : 0;
    hc_rstr *s = hc_arena_array(r->a, n ? n : 1, sizeof *s);
    if (!s)
        return hc_error_nomem(r->err);
    for (size_t i = 0; i < n; i++) {
        hc_val e = v.u.l->items[i];
        s[i].p = NULL;
        s[i].n = 0;
        if (e.kind == HC_NULL)
            continue;
        if (e.kind != HC_STRING)
            return type_error(r, e, field, "string");
        s[i].p = e.u.s;
        s[i].n = e.len;
    }
    out->v = s;
    out->n = n;
    return HC_OK;
}

/* A map[string]interface{} field: a map or null. */
static hc_status rd_map(struct rd *r, hc_val obj, const char *key, const char *field, hc_val *out)
{
    hc_val v;
    *out = hc_null();
    if (!get(obj, key, &v) || v.kind == HC_NULL)
        return HC_OK;
    if (v.kind != HC_MAP)
        return type_error(r, v, field, "map[string]interface {}");
    *out = v;
    return HC_OK;
}

/* An object field: returns false (and no error) when absent or null. */
static hc_status rd_obj(struct rd *r, hc_val obj, const char *key, const char *field,
                        const char *type, hc_val *out, bool *found)
{
    hc_val v;
    *found = false;
    if (!get(obj, key, &v) || v.kind == HC_NULL)
        return HC_OK;
    if (v.kind != HC_MAP)
        return type_error(r, v, field, type);
    *out = v;
    *found = true;
    return HC_OK;
}

/* A list field whose elements are objects; null elements are refused (Go keeps nil pointers). */
static hc_status rd_objlist(struct rd *r, hc_val obj, const char *key, const char *field,
                            const char *type, struct hc_list **out, bool *found)
{
    hc_val v;
    *found = false;
    *out = NULL;
    if (!get(obj, key, &v) || v.kind == HC_NULL)
        return HC_OK;
    if (v.kind != HC_LIST)
        return type_error(r, v, field, type);
    if (v.u.l) {
        hc_list_foreach(v.u.l, e) {
            if (e->kind == HC_NULL)
                return hc_error_set(r->err, HC_ERR_INVALID, "release: null element in %s", field);
            if (e->kind != HC_MAP)
                return type_error(r, *e, field, type + 3); /* "[]*T" -> "T" */
        }
    }
    *out = v.u.l;
    *found = true;
    return HC_OK;
}

static size_t list_len(const struct hc_list *l)
{
    return l ? l->len : 0;
}

static hc_status rd_dependency(struct rd *r, hc_val o, const char *f,
                               struct hc_release_dependency *d)
{
    char path[96];
    hc_status rc = HC_OK;
#define P(k) (snprintf(path, sizeof path, "%s.%s", f, k), path)
    if (rc == HC_OK)
        rc = rd_str(r, o, "name", P("name"), &d->name);
    if (rc == HC_OK)
        rc = rd_str(r, o, "version", P("version"), &d->version);
    if (rc == HC_OK)
        rc = rd_str(r, o, "repository", P("repository"), &d->repository);
    if (rc == HC_OK)
        rc = rd_str(r, o, "condition", P("condition"), &d->condition);
    if (rc == HC_OK)
        rc = rd_strs(r, o, "tags", P("tags"), &d->tags);
    if (rc == HC_OK)
        rc = rd_bool(r, o, "enabled", P("enabled"), &d->enabled);
    if (rc == HC_OK) {
        hc_val v;
        d->import_values = hc_null();
        if (get(o, "import-values", &v) && v.kind != HC_NULL) {
            if (v.kind != HC_LIST)
                return type_error(r, v, P("import-values"), "[]interface {}");
            d->import_values = v;
        }
    }
    if (rc == HC_OK)
        rc = rd_str(r, o, "alias", P("alias"), &d->alias);
#undef P
    return rc;
}

static hc_status rd_dependencies(struct rd *r, hc_val o, const char *key, const char *field,
                                 struct hc_release_dependency **out, size_t *n, bool *found)
{
    struct hc_list *l;
    hc_status rc = rd_objlist(r, o, key, field, "[]*v2.Dependency", &l, found);
    if (rc != HC_OK || !*found)
        return rc;
    *n = list_len(l);
    *out = hc_arena_zalloc(r->a, (*n ? *n : 1) * sizeof **out);
    if (!*out)
        return hc_error_nomem(r->err);
    for (size_t i = 0; i < *n && rc == HC_OK; i++)
        rc = rd_dependency(r, l->items[i], field, &(*out)[i]);
    return rc;
}

static hc_status rd_metadata(struct rd *r, hc_val o, struct hc_release_metadata *m)
{
    hc_status rc = HC_OK;
#define F(k) "Metadata.chart.metadata." k
    if (rc == HC_OK)
        rc = rd_str(r, o, "name", F("name"), &m->name);
    if (rc == HC_OK)
        rc = rd_str(r, o, "home", F("home"), &m->home);
    if (rc == HC_OK)
        rc = rd_strs(r, o, "sources", F("sources"), &m->sources);
    if (rc == HC_OK)
        rc = rd_str(r, o, "version", F("version"), &m->version);
    if (rc == HC_OK)
        rc = rd_str(r, o, "description", F("description"), &m->description);
    if (rc == HC_OK)
        rc = rd_strs(r, o, "keywords", F("keywords"), &m->keywords);
    if (rc == HC_OK) {
        struct hc_list *l;
        bool found;
        rc = rd_objlist(r, o, "maintainers", F("maintainers"), "[]*v2.Maintainer", &l, &found);
        if (rc == HC_OK && found) {
            m->nmaintainers = list_len(l);
            m->maintainers = hc_arena_zalloc(r->a, (m->nmaintainers ? m->nmaintainers : 1) *
                                                       sizeof *m->maintainers);
            if (!m->maintainers)
                return hc_error_nomem(r->err);
            for (size_t i = 0; i < m->nmaintainers && rc == HC_OK; i++) {
                struct hc_release_maintainer *mt = &m->maintainers[i];
                hc_val e = l->items[i];
                rc = rd_str(r, e, "name", F("maintainers.name"), &mt->name);
                if (rc == HC_OK)
                    rc = rd_str(r, e, "email", F("maintainers.email"), &mt->email);
                if (rc == HC_OK)
                    rc = rd_str(r, e, "url", F("maintainers.url"), &mt->url);
            }
        }
    }
    if (rc == HC_OK)
        rc = rd_str(r, o, "icon", F("icon"), &m->icon);
    if (rc == HC_OK)
        rc = rd_str(r, o, "apiVersion", F("apiVersion"), &m->api_version);
    if (rc == HC_OK)
        rc = rd_str(r, o, "condition", F("condition"), &m->condition);
    if (rc == HC_OK)
        rc = rd_str(r, o, "tags", F("tags"), &m->tags);
    if (rc == HC_OK)
        rc = rd_str(r, o, "appVersion", F("appVersion"), &m->app_version);
    if (rc == HC_OK)
        rc = rd_bool(r, o, "deprecated", F("deprecated"), &m->deprecated);
    if (rc == HC_OK) {
        hc_val v;
        m->annotations = hc_null();
        if (get(o, "annotations", &v) && v.kind != HC_NULL) {
            if (v.kind != HC_MAP)
                return type_error(r, v, F("annotations"), "map[string]string");
            hc_map_foreach(v.u.m, ent) {
                if (ent->val.kind == HC_NULL)
                    ent->val = hc_strn("", 0); /* Go stores the zero string */
                else if (ent->val.kind != HC_STRING)
                    return type_error(r, ent->val, F("annotations"), "string");
            }
            v.gotype = HC_GT_STRMAP;
            m->annotations = v;
        }
    }
    if (rc == HC_OK)
        rc = rd_str(r, o, "kubeVersion", F("kubeVersion"), &m->kube_version);
    if (rc == HC_OK) {
        bool found;
        rc = rd_dependencies(r, o, "dependencies", F("dependencies"), &m->dependencies,
                             &m->ndependencies, &found);
    }
    if (rc == HC_OK)
        rc = rd_str(r, o, "type", F("type"), &m->type);
#undef F
    return rc;
}

static hc_status rd_files(struct rd *r, hc_val o, const char *key, const char *field,
                          struct hc_release_file **out, size_t *n, bool *present)
{
    struct hc_list *l;
    hc_status rc = rd_objlist(r, o, key, field, "[]*common.File", &l, present);
    if (rc != HC_OK || !*present)
        return rc;
    *n = list_len(l);
    *out = hc_arena_zalloc(r->a, (*n ? *n : 1) * sizeof **out);
    if (!*out)
        return hc_error_nomem(r->err);
    for (size_t i = 0; i < *n && rc == HC_OK; i++) {
        struct hc_release_file *f = &(*out)[i];
        hc_val e = l->items[i];
        rc = rd_str(r, e, "name", "File.name", &f->name);
        if (rc == HC_OK)
            rc = rd_bytes(r, e, "data", "File.data", &f->data);
        if (rc == HC_OK) {
            hc_val t;
            if (get(e, "modtime", &t))
                r->v4_marks = true;
            rc = rd_time(r, e, "modtime", "File.modtime", &f->modtime);
        }
    }
    return rc;
}

static hc_status rd_chart(struct rd *r, hc_val o, struct hc_release_chart *c)
{
    hc_val v;
    bool found;
    hc_status rc = rd_obj(r, o, "metadata", "Release.chart.metadata", "v2.Metadata", &v, &found);
    if (rc == HC_OK && found) {
        c->metadata = hc_arena_zalloc(r->a, sizeof *c->metadata);
        if (!c->metadata)
            return hc_error_nomem(r->err);
        rc = rd_metadata(r, v, c->metadata);
    }
    if (rc == HC_OK)
        rc = rd_obj(r, o, "lock", "Release.chart.lock", "v2.Lock", &v, &found);
    if (rc == HC_OK && found) {
        c->lock = hc_arena_zalloc(r->a, sizeof *c->lock);
        if (!c->lock)
            return hc_error_nomem(r->err);
        rc = rd_time(r, v, "generated", "Lock.chart.lock.generated", &c->lock->generated);
        if (rc == HC_OK)
            rc = rd_str(r, v, "digest", "Lock.chart.lock.digest", &c->lock->digest);
        if (rc == HC_OK)
            rc = rd_dependencies(r, v, "dependencies", "Lock.chart.lock.dependencies",
                                 &c->lock->dependencies, &c->lock->ndependencies,
                                 &c->lock->dependencies_present);
    }
    if (rc == HC_OK)
        rc = rd_files(r, o, "templates", "Chart.chart.templates", &c->templates, &c->ntemplates,
                      &c->templates_present);
    if (rc == HC_OK)
        rc = rd_map(r, o, "values", "Chart.chart.values", &c->values);
    if (rc == HC_OK)
        rc = rd_bytes(r, o, "schema", "Chart.chart.schema", &c->schema);
    if (rc == HC_OK) {
        /* v4 always writes schemamodtime; a chart without it came from v3 */
        if (get(o, "schemamodtime", &v) || get(o, "modtime", &v))
            r->v4_marks = true;
        else
            r->v3_marks = true;
        rc = rd_time(r, o, "schemamodtime", "Chart.chart.schemamodtime", &c->schema_modtime);
    }
    if (rc == HC_OK)
        rc = rd_files(r, o, "files", "Chart.chart.files", &c->files, &c->nfiles, &c->files_present);
    if (rc == HC_OK)
        rc = rd_time(r, o, "modtime", "Chart.chart.modtime", &c->modtime);
    return rc;
}

static hc_status rd_hook(struct rd *r, hc_val o, struct hc_release_hook *h)
{
    hc_status rc = rd_str(r, o, "name", "Hook.hooks.name", &h->name);
    if (rc == HC_OK)
        rc = rd_str(r, o, "kind", "Hook.hooks.kind", &h->kind);
    if (rc == HC_OK)
        rc = rd_str(r, o, "path", "Hook.hooks.path", &h->path);
    if (rc == HC_OK)
        rc = rd_str(r, o, "manifest", "Hook.hooks.manifest", &h->manifest);
    if (rc == HC_OK)
        rc = rd_strs(r, o, "events", "Hook.hooks.events", &h->events);
    if (rc == HC_OK) {
        hc_val lr;
        bool found;
        rc = rd_obj(r, o, "last_run", "Hook.hooks.last_run", "v1.HookExecution", &lr, &found);
        if (rc == HC_OK && found) {
            rc = rd_time(r, lr, "started_at", "HookExecution.hooks.last_run.started_at",
                         &h->last_run.started_at);
            if (rc == HC_OK)
                rc = rd_time(r, lr, "completed_at", "HookExecution.hooks.last_run.completed_at",
                             &h->last_run.completed_at);
            if (rc == HC_OK)
                rc = rd_str(r, lr, "phase", "HookExecution.hooks.last_run.phase",
                            &h->last_run.phase);
        }
    }
    if (rc == HC_OK)
        rc = rd_int(r, o, "weight", "Hook.hooks.weight", &h->weight);
    if (rc == HC_OK)
        rc = rd_strs(r, o, "delete_policies", "Hook.hooks.delete_policies", &h->delete_policies);
    if (rc == HC_OK) {
        hc_val v;
        if (get(o, "output_log_policies", &v))
            r->v4_marks = true;
        rc = rd_strs(r, o, "output_log_policies", "Hook.hooks.output_log_policies",
                     &h->output_log_policies);
    }
    return rc;
}

static hc_status rd_release(struct rd *r, hc_val o, struct hc_release *rel)
{
    hc_val v;
    bool found;
    hc_status rc = rd_str(r, o, "name", "Release.name", &rel->name);
    if (rc == HC_OK)
        rc = rd_obj(r, o, "info", "Release.info", "v1.Info", &v, &found);
    if (rc == HC_OK && found) {
        struct hc_release_info *in = hc_arena_zalloc(r->a, sizeof *in);
        if (!in)
            return hc_error_nomem(r->err);
        rel->info = in;
        rc = rd_time(r, v, "first_deployed", "Info.info.first_deployed", &in->first_deployed);
        if (rc == HC_OK)
            rc = rd_time(r, v, "last_deployed", "Info.info.last_deployed", &in->last_deployed);
        if (rc == HC_OK)
            rc = rd_time(r, v, "deleted", "Info.info.deleted", &in->deleted);
        if (rc == HC_OK)
            rc = rd_str(r, v, "description", "Info.info.description", &in->description);
        if (rc == HC_OK)
            rc = rd_str(r, v, "status", "Info.info.status", &in->status);
        if (rc == HC_OK)
            rc = rd_str(r, v, "notes", "Info.info.notes", &in->notes);
    }
    if (rc == HC_OK)
        rc = rd_obj(r, o, "chart", "Release.chart", "v2.Chart", &v, &found);
    if (rc == HC_OK && found) {
        rel->chart = hc_arena_zalloc(r->a, sizeof *rel->chart);
        if (!rel->chart)
            return hc_error_nomem(r->err);
        rc = rd_chart(r, v, rel->chart);
    }
    if (rc == HC_OK)
        rc = rd_map(r, o, "config", "Release.config", &rel->config);
    if (rc == HC_OK)
        rc = rd_str(r, o, "manifest", "Release.manifest", &rel->manifest);
    if (rc == HC_OK) {
        struct hc_list *l;
        rc = rd_objlist(r, o, "hooks", "Release.hooks", "[]*v1.Hook", &l, &found);
        if (rc == HC_OK && found) {
            rel->nhooks = list_len(l);
            rel->hooks =
                hc_arena_zalloc(r->a, (rel->nhooks ? rel->nhooks : 1) * sizeof *rel->hooks);
            if (!rel->hooks)
                return hc_error_nomem(r->err);
            for (size_t i = 0; i < rel->nhooks && rc == HC_OK; i++)
                rc = rd_hook(r, l->items[i], &rel->hooks[i]);
        }
    }
    if (rc == HC_OK)
        rc = rd_int(r, o, "version", "Release.version", &rel->version);
    if (rc == HC_OK)
        rc = rd_str(r, o, "namespace", "Release.namespace", &rel->namespace_);
    if (rc == HC_OK) {
        if (get(o, "apply_method", &v))
            r->v4_marks = true;
        rc = rd_str(r, o, "apply_method", "Release.apply_method", &rel->apply_method);
    }
    return rc;
}

hc_status hc_release_from_json(struct hc_arena *a, const char *json, size_t len,
                               struct hc_release **out, struct hc_error *err)
{
    hc_val v;
    hc_status rc = hc_json_read(a, json, len, &v, err);
    if (rc != HC_OK)
        return rc;
    if (v.kind == HC_NULL) {
        /* Go leaves the release zero; Helm then has an empty record. */
        v = hc_map_val(hc_map_new(a, 0), HC_GT_MAP);
        if (!v.u.m)
            return hc_error_nomem(err);
    }
    if (v.kind != HC_MAP)
        return hc_error_set(err, HC_ERR_INVALID,
                            "json: cannot unmarshal %s into Go value of type v1.Release",
                            hc_json_kind(v));
    struct rd r = {a, err, false, false};
    struct hc_release *rel = hc_arena_zalloc(a, sizeof *rel);
    if (!rel)
        return hc_error_nomem(err);
    rel->config = hc_null();
    rc = rd_release(&r, v, rel);
    if (rc != HC_OK)
        return rc;
    rel->format = r.v3_marks && !r.v4_marks ? HC_RELEASE_V3 : HC_RELEASE_V4;
    *out = rel;
    return HC_OK;
}

/* ---------------------------------------------------------------- writing */

struct wr {
    struct hc_buf *b;
    struct hc_error *err;
    hc_status rc;
    bool v3;
};

/* An object under construction: writes the comma before every key but the first. */
struct obj {
    struct wr *w;
    bool first;
};

static struct obj obj_open(struct wr *w)
{
    hc_buf_addc(w->b, '{');
    struct obj o = {w, true};
    return o;
}

static void obj_close(struct obj *o)
{
    hc_buf_addc(o->w->b, '}');
}

static void key(struct obj *o, const char *k)
{
    if (!o->first)
        hc_buf_addc(o->w->b, ',');
    o->first = false;
    hc_buf_addc(o->w->b, '"');
    hc_buf_adds(o->w->b, k);
    hc_buf_adds(o->w->b, "\":");
}

static void val(struct wr *w, hc_val v)
{
    if (w->rc != HC_OK)
        return;
    w->rc = hc_json_write(w->b, v, 0, w->err);
}

static void str(struct wr *w, hc_rstr s)
{
    val(w, hc_strn(s.p ? s.p : "", s.n));
}

static void time_val(struct wr *w, struct hc_stamp t)
{
    int64_t days = (t.sec + t.offset) / 86400;
    /* Go's MarshalJSON: "year outside of range [0,9999]" (day 0 is 0001-01-01). */
    if (t.sec + t.offset < -366LL * 86400 || days >= 3652059) {
        if (w->rc == HC_OK)
            w->rc = hc_error_set(w->err, HC_ERR_INVALID,
                                 "json: error calling MarshalJSON for type time.Time: "
                                 "Time.MarshalJSON: year outside of range [0,9999]");
        return;
    }
    hc_buf_addc(w->b, '"');
    hc_stamp_format(w->b, t);
    hc_buf_addc(w->b, '"');
}

/* omitempty string */
static void f_str(struct obj *o, const char *k, hc_rstr s)
{
    if (s.n == 0)
        return;
    key(o, k);
    str(o->w, s);
}

static void strs(struct wr *w, struct hc_rstrs s)
{
    hc_buf_addc(w->b, '[');
    for (size_t i = 0; i < s.n; i++) {
        if (i)
            hc_buf_addc(w->b, ',');
        str(w, s.v[i]);
    }
    hc_buf_addc(w->b, ']');
}

/* omitempty []string */
static void f_strs(struct obj *o, const char *k, struct hc_rstrs s)
{
    if (s.n == 0)
        return;
    key(o, k);
    strs(o->w, s);
}

/* A time field: v4 omits zero times (omitzero); v3 writes "" for them. */
static void f_time(struct obj *o, const char *k, struct hc_stamp t)
{
    if (hc_stamp_is_zero(t)) {
        if (o->w->v3) {
            key(o, k);
            hc_buf_adds(o->w->b, "\"\"");
        }
        return;
    }
    key(o, k);
    time_val(o->w, t);
}

static void bytes(struct wr *w, struct hc_rbytes d)
{
    if (!d.present) {
        hc_buf_adds(w->b, "null");
        return;
    }
    hc_buf_addc(w->b, '"');
    hc_base64_encode(w->b, d.p, d.n);
    hc_buf_addc(w->b, '"');
}

static void dependency(struct wr *w, const struct hc_release_dependency *d)
{
    struct obj o = obj_open(w);
    key(&o, "name");
    str(w, d->name);
    f_str(&o, "version", d->version);
    key(&o, "repository");
    str(w, d->repository);
    f_str(&o, "condition", d->condition);
    f_strs(&o, "tags", d->tags);
    if (d->enabled) {
        key(&o, "enabled");
        hc_buf_adds(w->b, "true");
    }
    if (d->import_values.kind == HC_LIST && d->import_values.u.l && d->import_values.u.l->len) {
        key(&o, "import-values");
        val(w, d->import_values);
    }
    f_str(&o, "alias", d->alias);
    obj_close(&o);
}

static void dependencies(struct wr *w, const struct hc_release_dependency *d, size_t n)
{
    hc_buf_addc(w->b, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            hc_buf_addc(w->b, ',');
        dependency(w, &d[i]);
    }
    hc_buf_addc(w->b, ']');
}

static void metadata(struct wr *w, const struct hc_release_metadata *m)
{
    struct obj o = obj_open(w);
    f_str(&o, "name", m->name);
    f_str(&o, "home", m->home);
    f_strs(&o, "sources", m->sources);
    f_str(&o, "version", m->version);
    f_str(&o, "description", m->description);
    f_strs(&o, "keywords", m->keywords);
    if (m->nmaintainers) {
        key(&o, "maintainers");
        hc_buf_addc(w->b, '[');
        for (size_t i = 0; i < m->nmaintainers; i++) {
            if (i)
                hc_buf_addc(w->b, ',');
            struct obj mo = obj_open(w);
            f_str(&mo, "name", m->maintainers[i].name);
            f_str(&mo, "email", m->maintainers[i].email);
            f_str(&mo, "url", m->maintainers[i].url);
            obj_close(&mo);
        }
        hc_buf_addc(w->b, ']');
    }
    f_str(&o, "icon", m->icon);
    f_str(&o, "apiVersion", m->api_version);
    f_str(&o, "condition", m->condition);
    f_str(&o, "tags", m->tags);
    f_str(&o, "appVersion", m->app_version);
    if (m->deprecated) {
        key(&o, "deprecated");
        hc_buf_adds(w->b, "true");
    }
    if (m->annotations.kind == HC_MAP && m->annotations.u.m && m->annotations.u.m->len) {
        key(&o, "annotations");
        val(w, m->annotations);
    }
    f_str(&o, "kubeVersion", m->kube_version);
    if (m->ndependencies) {
        key(&o, "dependencies");
        dependencies(w, m->dependencies, m->ndependencies);
    }
    f_str(&o, "type", m->type);
    obj_close(&o);
}

static void files(struct wr *w, const struct hc_release_file *f, size_t n, bool present)
{
    if (!present) {
        hc_buf_adds(w->b, "null");
        return;
    }
    hc_buf_addc(w->b, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            hc_buf_addc(w->b, ',');
        struct obj o = obj_open(w);
        key(&o, "name");
        str(w, f[i].name);
        key(&o, "data");
        bytes(w, f[i].data);
        if (!w->v3 && !hc_stamp_is_zero(f[i].modtime)) {
            key(&o, "modtime");
            time_val(w, f[i].modtime);
        }
        obj_close(&o);
    }
    hc_buf_addc(w->b, ']');
}

static void map_or_null(struct wr *w, hc_val v)
{
    if (v.kind != HC_MAP || !v.u.m)
        hc_buf_adds(w->b, "null");
    else
        val(w, v);
}

static void chart(struct wr *w, const struct hc_release_chart *c)
{
    struct obj o = obj_open(w);
    key(&o, "metadata");
    if (c->metadata)
        metadata(w, c->metadata);
    else
        hc_buf_adds(w->b, "null");
    key(&o, "lock");
    if (c->lock) {
        struct obj lo = obj_open(w);
        key(&lo, "generated");
        time_val(w, c->lock->generated);
        key(&lo, "digest");
        str(w, c->lock->digest);
        key(&lo, "dependencies");
        if (c->lock->dependencies_present)
            dependencies(w, c->lock->dependencies, c->lock->ndependencies);
        else
            hc_buf_adds(w->b, "null");
        obj_close(&lo);
    } else {
        hc_buf_adds(w->b, "null");
    }
    key(&o, "templates");
    files(w, c->templates, c->ntemplates, c->templates_present);
    key(&o, "values");
    map_or_null(w, c->values);
    key(&o, "schema");
    bytes(w, c->schema);
    if (!w->v3) {
        key(&o, "schemamodtime"); /* omitempty never omits a struct */
        time_val(w, c->schema_modtime);
    }
    key(&o, "files");
    files(w, c->files, c->nfiles, c->files_present);
    if (!w->v3 && !hc_stamp_is_zero(c->modtime)) {
        key(&o, "modtime");
        time_val(w, c->modtime);
    }
    obj_close(&o);
}

static void hook(struct wr *w, const struct hc_release_hook *h)
{
    struct obj o = obj_open(w);
    f_str(&o, "name", h->name);
    f_str(&o, "kind", h->kind);
    f_str(&o, "path", h->path);
    f_str(&o, "manifest", h->manifest);
    f_strs(&o, "events", h->events);
    key(&o, "last_run");
    struct obj lo = obj_open(w);
    f_time(&lo, "started_at", h->last_run.started_at);
    f_time(&lo, "completed_at", h->last_run.completed_at);
    key(&lo, "phase");
    str(w, h->last_run.phase);
    obj_close(&lo);
    if (h->weight) {
        key(&o, "weight");
        hc_buf_printf(w->b, "%lld", (long long)h->weight);
    }
    f_strs(&o, "delete_policies", h->delete_policies);
    if (!w->v3)
        f_strs(&o, "output_log_policies", h->output_log_policies);
    obj_close(&o);
}

hc_status hc_release_to_json(struct hc_buf *b, const struct hc_release *r,
                             enum hc_release_format format, struct hc_error *err)
{
    size_t start = b->len;
    struct wr w = {b, err, HC_OK, format == HC_RELEASE_V3};
    struct obj o = obj_open(&w);
    f_str(&o, "name", r->name);
    if (r->info) {
        key(&o, "info");
        struct obj io = obj_open(&w);
        f_time(&io, "first_deployed", r->info->first_deployed);
        f_time(&io, "last_deployed", r->info->last_deployed);
        f_time(&io, "deleted", r->info->deleted);
        f_str(&io, "description", r->info->description);
        f_str(&io, "status", r->info->status);
        f_str(&io, "notes", r->info->notes);
        obj_close(&io);
    }
    if (r->chart) {
        key(&o, "chart");
        chart(&w, r->chart);
    }
    if (r->config.kind == HC_MAP && r->config.u.m && r->config.u.m->len) {
        key(&o, "config");
        val(&w, r->config);
    }
    f_str(&o, "manifest", r->manifest);
    if (r->nhooks) {
        key(&o, "hooks");
        hc_buf_addc(b, '[');
        for (size_t i = 0; i < r->nhooks; i++) {
            if (i)
                hc_buf_addc(b, ',');
            hook(&w, &r->hooks[i]);
        }
        hc_buf_addc(b, ']');
    }
    if (r->version) {
        key(&o, "version");
        hc_buf_printf(b, "%lld", (long long)r->version);
    }
    f_str(&o, "namespace", r->namespace_);
    if (!w.v3)
        f_str(&o, "apply_method", r->apply_method);
    obj_close(&o);
    if (w.rc == HC_OK && !hc_buf_ok(b))
        w.rc = hc_error_nomem(err);
    if (w.rc != HC_OK && hc_buf_ok(b))
        hc_buf_truncate(b, start);
    return w.rc;
}
