/*
 * install.c - what `helm template` does with a loaded chart.
 *
 * Mirrors Helm v4's action.Install.RunWithContext as far as a client-only dry
 * run goes (default capabilities with --kube-version and --api-versions,
 * ToRenderValues: .Chart, .Capabilities, .Release and the coalesced
 * .Values), action.Configuration.renderResources (the chart's kubeVersion
 * check, Engine.Render, NOTES.txt set apart, SortManifests, CRDs first with
 * --include-crds, one "---\n# Source: PATH\n" block per document) and the
 * printing in pkg/cmd/template.go (manifest trimmed, hooks after it,
 * --show-only, --skip-tests, --no-hooks).
 */
#include "helmc/render.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "chart/chart.h"
#include "chart/gostr.h"
#include "engine/engine.h"
#include "engine/objects.h"
#include "json/json.h"
#include "schema/schema.h"

static hc_val str_val(const char *s)
{
    return hc_strn(s, strlen(s));
}

static hc_status set_key(struct hc_arena *a, struct hc_map *m, const char *k, hc_val v)
{
    return hc_map_set(a, m, k, strlen(k), v);
}

hc_status hc_render_check_kube_version(const char *v, struct hc_error *err)
{
    if (!v || !*v)
        return HC_OK;
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_kube_version kv;
    struct hc_error perr;
    hc_error_init(&perr);
    hc_status rc = hc_engine_parse_kube_version(&a, v, &kv, &perr);
    if (rc == HC_ERR_NOMEM)
        hc_error_nomem(err);
    else if (rc != HC_OK)
        hc_error_set(err, rc, "invalid kube version '%s': %s", v, hc_error_msg(&perr));
    hc_error_release(&perr);
    hc_arena_free(&a);
    return rc;
}

/*
 * ValidateAgainstSchema: the chart's values.schema.json checked against its
 * values, then each subchart's against its part; the messages of every
 * failing chart ("NAME:\n- at '/x': ...\n") are appended to b.
 */
static hc_status validate_schema(struct hc_arena *a, const struct hc_chart *c, hc_val vals,
                                 struct hc_buf *b, int depth, struct hc_error *err)
{
    if (depth > HC_CHART_MAX_DEPTH)
        return hc_error_set(err, HC_ERR_LIMIT, "subcharts nested too deeply");
    if (c->schema) {
        struct hc_error serr;
        hc_error_init(&serr);
        hc_val doc;
        struct hc_schema *s = NULL;
        hc_status rc = hc_json_read(a, c->schema, c->schema_len, &doc, &serr);
        if (rc == HC_OK)
            rc = hc_schema_compile(doc, NULL, &s, &serr);
        if (rc == HC_OK)
            rc = hc_schema_validate(s, vals, &serr);
        hc_schema_free(s);
        if (rc == HC_ERR_NOMEM) {
            hc_error_release(&serr);
            return hc_error_nomem(err);
        }
        if (rc != HC_OK) {
            const char *msg = hc_error_msg(&serr);
            static const char head[] = "jsonschema validation failed with '";
            bool verr = strncmp(msg, head, sizeof head - 1) == 0;
            if (verr) {
                const char *nl = strchr(msg, '\n');
                msg = nl ? nl + 1 : "";
            }
            hc_buf_printf(b, "%s:\n%s%s", c->meta.name, msg, verr ? "\n" : "");
        }
        hc_error_release(&serr);
    }
    for (size_t i = 0; i < c->ndeps; i++) {
        const struct hc_chart *sub = c->deps[i];
        hc_val sv;
        if (vals.kind != HC_MAP || !vals.u.m ||
            !hc_map_get(vals.u.m, sub->meta.name, strlen(sub->meta.name), &sv) || sv.kind != HC_MAP)
            continue;
        hc_status rc = validate_schema(a, sub, sv, b, depth + 1, err);
        if (rc != HC_OK)
            return rc;
    }
    return HC_OK;
}

/* ToRenderValues: {Chart, Capabilities, Release, Values}. */
static hc_status render_values(struct hc_arena *a, const struct hc_chart *c,
                               const struct hc_render_opts *o, hc_val caps, hc_val *top,
                               struct hc_error *err)
{
    struct hc_map *t = hc_map_new(a, 4), *rel = hc_map_new(a, 6);
    if (!t || !rel)
        return hc_error_nomem(err);
    t->named = &hc_engine_values_type;
    int64_t revision = o->revision ? o->revision : 1;
    if (set_key(a, rel, "Name", str_val(o->release_name ? o->release_name : "")) != HC_OK ||
        set_key(a, rel, "Namespace", str_val(o->namespace_ ? o->namespace_ : "")) != HC_OK ||
        set_key(a, rel, "IsUpgrade", hc_bool(o->is_upgrade)) != HC_OK ||
        set_key(a, rel, "IsInstall", hc_bool(!o->is_upgrade)) != HC_OK ||
        set_key(a, rel, "Revision", hc_int_typed(revision, HC_GT_INT)) != HC_OK ||
        set_key(a, rel, "Service", str_val("Helm")) != HC_OK)
        return hc_error_nomem(err);
    hc_val chart;
    if (hc_val_copy(a, c->meta_map, false, &chart) != HC_OK)
        return hc_error_nomem(err);
    if (set_key(a, t, "Chart", chart) != HC_OK || set_key(a, t, "Capabilities", caps) != HC_OK ||
        set_key(a, t, "Release", hc_map_val(rel, HC_GT_MAP)) != HC_OK)
        return hc_error_nomem(err);
    hc_val vals;
    hc_status rc = hc_values_coalesce(a, c, o->values, &vals, err);
    if (rc != HC_OK)
        return rc;
    if (!o->skip_schema_validation) {
        struct hc_buf b = HC_BUF_INIT;
        rc = validate_schema(a, c, vals, &b, 0, err);
        if (rc == HC_OK && !hc_buf_ok(&b))
            rc = hc_error_nomem(err);
        else if (rc == HC_OK && b.len)
            rc = hc_error_set(err, HC_ERR_INVALID,
                              "values don't meet the specifications of the schema(s) in the "
                              "following chart(s):\n%s",
                              hc_buf_str(&b));
        hc_buf_release(&b);
        if (rc != HC_OK)
            return rc;
    }
    vals.u.m->named = &hc_engine_values_type;
    if (set_key(a, t, "Values", vals) != HC_OK)
        return hc_error_nomem(err);
    *top = hc_map_val(t, HC_GT_MAP);
    return HC_OK;
}

/* "---\n# Source: NAME\nTEXT\n" */
static void add_source(struct hc_buf *b, const char *name, size_t nlen, const char *text,
                       size_t len)
{
    hc_buf_adds(b, "---\n# Source: ");
    hc_buf_add(b, name, nlen);
    hc_buf_addc(b, '\n');
    hc_buf_add(b, text, len);
    hc_buf_addc(b, '\n');
}

static bool has_suffix(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* The manifest being built and its documents. */
struct manifest_builder {
    struct hc_arena *arena;
    struct hc_buf b;
    struct hc_render_doc *docs;
    size_t ndocs;
    bool nomem;
};

static void add_doc(struct manifest_builder *mb, const char *name, const char *content,
                    size_t len, bool is_crd)
{
    if (!mb->docs) {
        mb->nomem = true;
        return;
    }
    mb->docs[mb->ndocs++] = (struct hc_render_doc){name, content, len, is_crd};
}

/* --include-crds: each CRD file of CRDObjects with its "# Source:" header. */
static void add_crd(void *ctx, const struct hc_chart *c, const struct hc_chart_file *f)
{
    struct manifest_builder *mb = ctx;
    struct hc_buf *b = &mb->b;
    char *name = hc_arena_printf(mb->arena, "%s/%.*s", c->full_path, (int)f->name_len, f->name);
    if (!name)
        mb->nomem = true;
    else
        add_doc(mb, name, f->data, f->len, true);
    hc_buf_adds(b, "---\n# Source: ");
    hc_buf_adds(b, c->full_path);
    hc_buf_addc(b, '/');
    hc_buf_add(b, f->name, f->name_len);
    hc_buf_addc(b, '\n');
    hc_buf_add(b, f->data, f->len);
    hc_buf_addc(b, '\n');
}

static void count_crd(void *ctx, const struct hc_chart *c, const struct hc_chart_file *f)
{
    (void)c, (void)f;
    ++*(size_t *)ctx;
}

static int cmp_rendered_name(const void *x, const void *y)
{
    const struct hc_rendered *a = x, *b = y;
    return hc_strcmp(a->name, a->name_len, b->name, b->name_len);
}

static hc_status finish_manifest(struct hc_render_result *res, struct hc_buf *b,
                                 struct hc_error *err)
{
    if (!hc_buf_ok(b)) {
        hc_buf_release(b);
        return hc_error_nomem(err);
    }
    res->manifest = hc_arena_strndup(res->arena, hc_buf_str(b), b->len);
    res->manifest_len = b->len;
    hc_buf_release(b);
    return res->manifest ? HC_OK : hc_error_nomem(err);
}

/* engine on_file: every rendered file but the NOTES.txt ones goes to the head reader */
static void add_to_reader(void *ctx, const struct hc_rendered *f)
{
    if (!has_suffix(f->name, f->name_len, "NOTES.txt"))
        hc_head_reader_add(ctx, f);
}

hc_status hc_render_chart(const struct hc_chart *loaded, const struct hc_render_opts *o,
                          struct hc_render_result *res, struct hc_error *err)
{
    memset(res, 0, sizeof *res);
    res->manifest = "";
    res->notes = "";
    struct hc_arena *a = hc_malloc(sizeof *a);
    if (!a)
        return hc_error_nomem(err);
    hc_arena_init(a, o->arena_limit);
    res->arena = a;

    /* capabilities */
    struct hc_kube_version kv;
    if (o->kube_version && *o->kube_version) {
        hc_status rc = hc_engine_parse_kube_version(a, o->kube_version, &kv, err);
        if (rc != HC_OK)
            return rc;
    } else {
        hc_engine_default_kube_version(&kv);
    }
    hc_val caps, top;
    if (hc_engine_capabilities(a, &kv, o->api_versions, o->napi_versions, &caps) != HC_OK)
        return hc_error_nomem(err);
    /* ProcessDependenciesWithMerge: aliases, conditions and tags, import-values */
    struct hc_chart *c;
    struct hc_error derr;
    hc_error_init(&derr);
    hc_status rc = hc_chart_process_deps(a, loaded, o->values, &c, &derr);
    if (rc != HC_OK) {
        if (rc == HC_ERR_NOMEM)
            hc_error_nomem(err);
        else
            hc_error_set(err, rc, "chart dependencies processing failed: %s", hc_error_msg(&derr));
        hc_error_release(&derr);
        return rc;
    }
    rc = render_values(a, c, o, caps, &top, err);
    if (rc != HC_OK)
        return rc;

    /* renderResources: from here on Helm has made the release */
    res->release_made = true;
    const char *need = c->meta.kube_version;
    if (*need && !hc_chart_semver_satisfies(need, kv.normalized))
        return hc_error_set(err, HC_ERR_INVALID,
                            "chart requires kubeVersion: %s which is incompatible with "
                            "Kubernetes %s",
                            need, kv.version);
    /* documents' heads are read on worker threads while the templates render */
    struct hc_head_reader *reader = hc_head_reader_new(a);
    struct hc_engine_opts eo = {o->strict, false, o->max_output, NULL, NULL};
    if (reader) {
        eo.on_file = add_to_reader;
        eo.on_file_ctx = reader;
    }
    struct hc_rendered *files;
    size_t nfiles;
    rc = hc_engine_render(a, c, top, &eo, &files, &nfiles, err);
    if (rc != HC_OK) {
        hc_head_reader_free(reader);
        return rc;
    }

    /* NOTES.txt: the root chart's becomes the notes; every *NOTES.txt leaves the files */
    char *notes_name = hc_arena_printf(a, "%s/templates/NOTES.txt", c->meta.name);
    if (!notes_name) {
        hc_head_reader_free(reader);
        return hc_error_nomem(err);
    }
    size_t kept = 0;
    for (size_t i = 0; i < nfiles; i++) {
        if (has_suffix(files[i].name, files[i].name_len, "NOTES.txt")) {
            if (strlen(notes_name) == files[i].name_len &&
                memcmp(notes_name, files[i].name, files[i].name_len) == 0)
                res->notes = files[i].text;
            continue;
        }
        files[kept++] = files[i];
    }
    nfiles = kept;

    struct hc_manifest *manifests;
    size_t nmanifests;
    struct hc_buf b = HC_BUF_INIT;
    rc = hc_manifest_sort(a, files, nfiles, reader, &res->hooks, &res->nhooks, &manifests,
                          &nmanifests, err);
    hc_head_reader_free(reader);
    if (rc != HC_OK) {
        /* Helm dumps every non-blank file to help debugging (in map order; ours is sorted) */
        res->hooks = NULL;
        res->nhooks = 0;
        qsort(files, nfiles, sizeof *files, cmp_rendered_name);
        for (size_t i = 0; i < nfiles; i++) {
            const char *t = files[i].text;
            size_t tl = files[i].len;
            hc_go_trim_space(&t, &tl);
            if (tl > 0)
                add_source(&b, files[i].name, files[i].name_len, files[i].text, files[i].len);
        }
        finish_manifest(res, &b, err);
        return rc;
    }
    hc_buf_release(&b);
    struct manifest_builder mb = {a, HC_BUF_INIT, NULL, 0, false};
    size_t ncrds = 0;
    if (o->include_crds)
        hc_chart_each_crd(c, count_crd, &ncrds);
    mb.docs = hc_arena_array(a, ncrds + nmanifests + 1, sizeof *mb.docs);
    if (o->include_crds)
        hc_chart_each_crd(c, add_crd, &mb);
    for (size_t i = 0; i < nmanifests; i++) {
        add_source(&mb.b, manifests[i].name, strlen(manifests[i].name), manifests[i].content,
                   manifests[i].len);
        add_doc(&mb, manifests[i].name, manifests[i].content, manifests[i].len, false);
    }
    if (mb.nomem) {
        hc_buf_release(&mb.b);
        return hc_error_nomem(err);
    }
    res->docs = mb.docs;
    res->ndocs = mb.ndocs;
    return finish_manifest(res, &mb.b, err);
}

void hc_render_result_release(struct hc_render_result *res)
{
    if (res->arena) {
        hc_arena_free(res->arena);
        hc_free(res->arena);
    }
    memset(res, 0, sizeof *res);
}

/* ---- helm template's printing ---- */

/* "# Source: [^/]+/(.+)": the path after the chart's name on the doc's first such line. */
static bool source_path(const char *doc, size_t len, const char **path, size_t *plen)
{
    static const char tag[] = "# Source: ";
    for (size_t i = 0; i + sizeof tag - 1 <= len; i++) {
        if (memcmp(doc + i, tag, sizeof tag - 1) != 0)
            continue;
        size_t j = i + sizeof tag - 1, k = j;
        while (k < len && doc[k] != '/')
            k++;
        if (k == j || k >= len) /* [^/]+ needs a character, then the '/' */
            continue;
        size_t s = k + 1, e = s;
        while (e < len && doc[e] != '\n')
            e++;
        if (e == s)
            continue;
        *path = doc + s;
        *plen = e - s;
        return true;
    }
    return false;
}

hc_status hc_render_template_output(const struct hc_render_result *res,
                                    const struct hc_template_print_opts *o, struct hc_buf *out,
                                    struct hc_error *err)
{
    struct hc_buf all = HC_BUF_INIT;
    const char *m = res->manifest;
    size_t ml = res->manifest_len;
    hc_go_trim_space(&m, &ml);
    hc_buf_add(&all, m, ml);
    hc_buf_addc(&all, '\n');
    if (!o->no_hooks) {
        for (size_t i = 0; i < res->nhooks; i++) {
            const struct hc_hook *h = &res->hooks[i];
            if (o->skip_tests && h->is_test)
                continue;
            add_source(&all, h->path, strlen(h->path), h->manifest, h->manifest_len);
        }
    }
    if (!hc_buf_ok(&all)) {
        hc_buf_release(&all);
        return hc_error_nomem(err);
    }
    if (o->nshow_only == 0) {
        hc_buf_add(out, all.data, all.len);
        hc_buf_release(&all);
        return hc_buf_ok(out) ? HC_OK : hc_error_nomem(err);
    }
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_doc *docs;
    size_t ndocs;
    hc_status rc = HC_OK;
    if (hc_manifest_split(&a, all.data, all.len, &docs, &ndocs) != HC_OK) {
        rc = hc_error_nomem(err);
        goto done;
    }
    struct hc_buf sel = HC_BUF_INIT;
    for (size_t f = 0; f < o->nshow_only && rc == HC_OK; f++) {
        const char *pat = o->show_only[f];
        bool missing = true;
        for (size_t d = 0; d < ndocs; d++) {
            const char *path;
            size_t plen;
            if (!source_path(docs[d].s, docs[d].len, &path, &plen))
                continue;
            if (hc_path_match(pat, strlen(pat), path, plen) != 1)
                continue;
            hc_buf_adds(&sel, "---\n");
            hc_buf_add(&sel, docs[d].s, docs[d].len);
            hc_buf_addc(&sel, '\n');
            missing = false;
        }
        if (missing)
            rc = hc_error_set(err, HC_ERR_INVALID, "could not find template %s in chart", pat);
    }
    if (rc == HC_OK)
        hc_buf_add(out, sel.data ? sel.data : "", sel.len);
    if (rc == HC_OK && (!hc_buf_ok(&sel) || !hc_buf_ok(out)))
        rc = hc_error_nomem(err);
    hc_buf_release(&sel);
done:
    hc_arena_free(&a);
    hc_buf_release(&all);
    return rc;
}
