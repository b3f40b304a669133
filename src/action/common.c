/*
 * common.c - what every action shares: the clock, name and status helpers,
 * the lock, and the record a render produces (chart, config, manifest,
 * hooks, notes), built as helm's Install.createRelease and renderResources
 * fill a release.
 */
#define _DEFAULT_SOURCE
#include "action/action_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/buf.h"
#include "chart/chart.h"
#include "helmc/render.h"
#include "json/json.h"
#include "yaml/yaml.h"

struct hc_stamp hc_action_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    time_t t = ts.tv_sec;
    int32_t off = 0;
    if (localtime_r(&t, &tm))
        off = (int32_t)tm.tm_gmtoff;
    return hc_stamp_from_unix((int64_t)ts.tv_sec, (int32_t)ts.tv_nsec, off);
}

const char *hc_action_ns(const struct hc_action_config *cfg)
{
    return cfg->namespace_ && *cfg->namespace_ ? cfg->namespace_ : HC_ACTION_DEFAULT_NS;
}

struct hc_stamp hc_action_clock(const struct hc_action_config *cfg)
{
    return cfg->now ? cfg->now(cfg->now_ctx) : hc_action_now();
}

hc_rstr hc_action_rstr(const char *s)
{
    hc_rstr r = {s ? s : "", s ? strlen(s) : 0};
    return r;
}

bool hc_action_rstr_eq(hc_rstr s, const char *lit)
{
    size_t n = strlen(lit);
    return s.n == n && (n == 0 || memcmp(s.p, lit, n) == 0);
}

hc_status hc_action_rstr_dup(struct hc_arena *a, const char *s, size_t n, hc_rstr *out,
                             struct hc_error *err)
{
    char *p = hc_arena_strndup(a, s ? s : "", s ? n : 0);
    if (!p)
        return hc_error_nomem(err);
    out->p = p;
    out->n = s ? n : 0;
    return HC_OK;
}

hc_status hc_action_set_status(struct hc_arena *a, struct hc_release *r, const char *status,
                               const char *description, struct hc_error *err)
{
    if (!r->info) {
        r->info = hc_arena_zalloc(a, sizeof *r->info);
        if (!r->info)
            return hc_error_nomem(err);
    }
    r->info->status = hc_action_rstr(status);
    return hc_action_rstr_dup(a, description, description ? strlen(description) : 0,
                              &r->info->description, err);
}

bool hc_action_is_pending(hc_rstr s)
{
    return hc_action_rstr_eq(s, HC_RELEASE_STATUS_PENDING_INSTALL) ||
           hc_action_rstr_eq(s, HC_RELEASE_STATUS_PENDING_UPGRADE) ||
           hc_action_rstr_eq(s, HC_RELEASE_STATUS_PENDING_ROLLBACK);
}

struct hc_release *hc_action_clone(struct hc_arena *a, const struct hc_release *r)
{
    struct hc_release *c = hc_arena_alloc(a, sizeof *c);
    if (!c)
        return NULL;
    *c = *r;
    c->info = hc_arena_zalloc(a, sizeof *c->info);
    if (!c->info)
        return NULL;
    if (r->info)
        *c->info = *r->info;
    return c;
}

hc_status hc_action_lock(const struct hc_action_config *cfg, const char *name,
                         struct hc_error *err)
{
    return hc_storage_lock(cfg->store, hc_action_ns(cfg), name, true, err);
}

void hc_action_unlock(const struct hc_action_config *cfg, const char *name)
{
    hc_storage_unlock(cfg->store, hc_action_ns(cfg), name);
}

hc_status hc_action_deploy(const struct hc_action_config *cfg, const struct hc_release *r,
                           struct hc_error *err)
{
    if (!cfg->deploy)
        return HC_OK;
    return cfg->deploy(cfg->deploy_ctx, r, err);
}

hc_status hc_action_fail(const struct hc_action_config *cfg, struct hc_arena *a,
                         struct hc_release *r, const char *desc, struct hc_error *derr,
                         struct hc_error *err)
{
    hc_status rc = desc ? hc_action_set_status(a, r, HC_RELEASE_STATUS_FAILED, desc, err)
                        : hc_error_nomem(err);
    if (rc == HC_OK)
        rc = hc_storage_update(cfg->store, r, err);
    if (rc != HC_OK) {
        hc_error_release(derr);
        return rc;
    }
    hc_error_move(err, derr);
    return err->code ? err->code : HC_ERR_EXEC;
}

/* ---- the chart as the record keeps it ---- */

static hc_status copy_files(struct hc_arena *a, const struct hc_chart_file *src, size_t n,
                            struct hc_release_file **out, size_t *nout, struct hc_error *err)
{
    struct hc_release_file *v = n ? hc_arena_array(a, n, sizeof *v) : NULL;
    if (n && !v)
        return hc_error_nomem(err);
    for (size_t i = 0; i < n; i++) {
        memset(&v[i], 0, sizeof v[i]);
        v[i].name.p = src[i].name;
        v[i].name.n = src[i].name_len;
        v[i].data.p = (const unsigned char *)src[i].data;
        v[i].data.n = src[i].len;
        v[i].data.present = true;
    }
    *out = v;
    *nout = n;
    return HC_OK;
}

/*
 * The record's chart.metadata: Chart.yaml as helm marshals chart.Metadata,
 * read back through the record decoder so every field lands where it goes.
 */
static hc_status record_metadata(struct hc_arena *a, const struct hc_chart *c,
                                 struct hc_release_metadata **out, struct hc_error *err)
{
    char *yaml = NULL;
    size_t ylen = 0;
    hc_status rc = hc_chart_metadata_yaml(c, &yaml, &ylen, err);
    if (rc != HC_OK)
        return rc;
    hc_val meta;
    rc = hc_yaml_read(a, yaml, ylen, NULL, &meta, err);
    free(yaml);
    if (rc != HC_OK)
        return rc;
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_adds(&b, "{\"chart\":{\"metadata\":");
    rc = hc_json_write(&b, meta, 0, err);
    hc_buf_adds(&b, "}}");
    struct hc_release *tmp = NULL;
    if (rc == HC_OK)
        rc = hc_buf_ok(&b) ? hc_release_from_json(a, b.data, b.len, &tmp, err)
                           : hc_error_nomem(err);
    hc_buf_release(&b);
    if (rc != HC_OK)
        return rc;
    *out = tmp->chart ? tmp->chart->metadata : NULL;
    return HC_OK;
}

static hc_status record_chart(struct hc_arena *a, const struct hc_chart *c,
                              struct hc_release_chart **out, struct hc_error *err)
{
    struct hc_release_chart *rc_ = hc_arena_zalloc(a, sizeof *rc_);
    if (!rc_)
        return hc_error_nomem(err);
    hc_status rc = record_metadata(a, c, &rc_->metadata, err);
    if (rc == HC_OK)
        rc = copy_files(a, c->templates, c->ntemplates, &rc_->templates, &rc_->ntemplates, err);
    if (rc == HC_OK)
        rc = copy_files(a, c->files, c->nfiles, &rc_->files, &rc_->nfiles, err);
    if (rc != HC_OK)
        return rc;
    rc_->templates_present = true;
    rc_->files_present = true;
    rc_->values = c->values;
    if (c->schema) {
        rc_->schema.p = (const unsigned char *)c->schema;
        rc_->schema.n = c->schema_len;
        rc_->schema.present = true;
    }
    *out = rc_;
    return HC_OK;
}

/* ---- hooks: the annotations helm reads into a release.Hook ---- */

/* Splits a comma list, trimming and lower-casing each word (test-success read as test). */
static hc_status split_words(struct hc_arena *a, hc_val v, bool events, struct hc_rstrs *out,
                             struct hc_error *err)
{
    out->v = NULL;
    out->n = 0;
    if (v.kind != HC_STRING || v.len == 0)
        return HC_OK;
    size_t cap = 1;
    for (uint32_t i = 0; i < v.len; i++)
        cap += v.u.s[i] == ',';
    out->v = hc_arena_array(a, cap, sizeof *out->v);
    if (!out->v)
        return hc_error_nomem(err);
    const char *p = v.u.s, *end = v.u.s + v.len;
    while (p <= end) {
        const char *q = memchr(p, ',', (size_t)(end - p));
        if (!q)
            q = end;
        const char *s = p, *e = q;
        while (s < e && isspace((unsigned char)*s))
            s++;
        while (e > s && isspace((unsigned char)e[-1]))
            e--;
        char *lw = hc_arena_strndup(a, s, (size_t)(e - s));
        if (!lw)
            return hc_error_nomem(err);
        for (char *x = lw; *x; x++)
            *x = (char)tolower((unsigned char)*x);
        const char *w = lw;
        if (events && strcmp(w, "test-success") == 0)
            w = "test";
        if (*w || events) {
            out->v[out->n].p = w;
            out->v[out->n].n = strlen(w);
            out->n++;
        }
        p = q + 1;
    }
    return HC_OK;
}

static hc_status record_hook(struct hc_arena *a, const struct hc_hook *h,
                             struct hc_release_hook *out, struct hc_error *err)
{
    memset(out, 0, sizeof *out);
    out->name = hc_action_rstr(h->name);
    out->kind = hc_action_rstr(h->kind);
    out->path = hc_action_rstr(h->path);
    out->manifest.p = h->manifest;
    out->manifest.n = h->manifest_len;
    out->weight = h->weight;
    hc_val doc;
    struct hc_error yerr;
    hc_error_init(&yerr);
    hc_status rc = hc_yaml_read(a, h->manifest, h->manifest_len, NULL, &doc, &yerr);
    hc_error_release(&yerr);
    if (rc == HC_ERR_NOMEM)
        return hc_error_nomem(err);
    hc_val md, ann, ev = {0}, del = {0}, logp = {0};
    if (rc == HC_OK && doc.kind == HC_MAP && doc.u.m && hc_map_get(doc.u.m, "metadata", 8, &md) &&
        md.kind == HC_MAP && md.u.m && hc_map_get(md.u.m, "annotations", 11, &ann) &&
        ann.kind == HC_MAP && ann.u.m) {
        hc_map_get(ann.u.m, "helm.sh/hook", 12, &ev);
        hc_map_get(ann.u.m, "helm.sh/hook-delete-policy", 26, &del);
        hc_map_get(ann.u.m, "helm.sh/hook-output-log-policy", 30, &logp);
    }
    rc = split_words(a, ev, true, &out->events, err);
    if (rc == HC_OK)
        rc = split_words(a, del, false, &out->delete_policies, err);
    if (rc == HC_OK)
        rc = split_words(a, logp, false, &out->output_log_policies, err);
    return rc;
}

hc_status hc_action_render_into(const struct hc_action_config *cfg, struct hc_arena *a,
                                const struct hc_action_render *req, const char *name,
                                int64_t revision, bool is_upgrade, struct hc_release *r,
                                struct hc_error *err)
{
    struct hc_render_opts ro = {0};
    ro.release_name = name;
    ro.namespace_ = hc_action_ns(cfg);
    ro.is_upgrade = is_upgrade;
    ro.revision = revision;
    ro.kube_version = req->kube_version;
    ro.api_versions = req->api_versions;
    ro.napi_versions = req->napi_versions;
    ro.values = req->values;
    ro.skip_schema_validation = req->skip_schema_validation;
    struct hc_render_result res;
    hc_status rc = hc_render_chart(req->chart, &ro, &res, err);
    if (rc == HC_OK)
        rc = record_chart(a, req->chart, &r->chart, err);
    if (rc == HC_OK)
        rc = hc_action_rstr_dup(a, res.manifest, res.manifest_len, &r->manifest, err);
    if (rc == HC_OK && res.notes)
        rc = hc_action_rstr_dup(a, res.notes, strlen(res.notes), &r->info->notes, err);
    if (rc == HC_OK && res.nhooks) {
        r->hooks = hc_arena_array(a, res.nhooks, sizeof *r->hooks);
        if (!r->hooks)
            rc = hc_error_nomem(err);
        for (size_t i = 0; rc == HC_OK && i < res.nhooks; i++) {
            struct hc_hook h = res.hooks[i];
            /* the render's strings die with its arena: copy them first */
            h.path = hc_arena_strdup(a, h.path ? h.path : "");
            h.kind = hc_arena_strdup(a, h.kind ? h.kind : "");
            h.name = hc_arena_strdup(a, h.name ? h.name : "");
            h.manifest = hc_arena_strndup(a, h.manifest, h.manifest_len);
            if (!h.path || !h.kind || !h.name || !h.manifest)
                rc = hc_error_nomem(err);
            else
                rc = record_hook(a, &h, &r->hooks[i], err);
        }
        if (rc == HC_OK)
            r->nhooks = res.nhooks;
    }
    hc_render_result_release(&res);
    if (rc != HC_OK)
        return rc;
    r->config = req->values;
    if (r->config.kind != HC_MAP) {
        struct hc_map *m = hc_map_new(a, 0);
        if (!m)
            return hc_error_nomem(err);
        r->config = hc_map_val(m, HC_GT_MAP);
    }
    return HC_OK;
}
