/*
 * list.c - `helm dependency list`: Chart.yaml's dependencies and their state in charts/.
 *
 * Mirrors pkg/action/dependency.go (List, dependencyStatus, statArchiveForStatus,
 * printMissing); the tool prints the table.
 */
#include "deps/deps.h"

#include <glob.h>
#include <string.h>
#include <sys/stat.h>

#include "chart/chart.h"
#include "helmc/semver.h"

/* A chart loaded from path, or NULL. */
static struct hc_chart *try_load(const char *path)
{
    struct hc_chart *c = NULL;
    struct hc_error err;
    hc_error_init(&err);
    if (hc_dep_load_chart(path, &c, &err) != HC_OK)
        c = NULL;
    hc_error_release(&err);
    return c;
}

/* The status when an archive is there (statArchiveForStatus); NULL when it is not. */
static const char *archive_status(const char *archive, const char *name, const char *version)
{
    struct stat st;
    if (stat(archive, &st) != 0)
        return NULL;
    struct hc_chart *c = try_load(archive);
    if (!c)
        return "corrupt";
    const char *r = "ok";
    if (strcmp(hc_chart_name(c), name) != 0)
        r = "misnamed";
    else if (strcmp(c->meta.version, version) != 0) {
        int ok = hc_dep_version_ok(version, c->meta.version);
        r = ok < 0 ? "invalid version" : ok ? "ok" : "wrong version";
    }
    hc_chart_free(c);
    return r;
}

static const char *status(struct hc_arena *a, const char *chartpath, hc_val dep,
                          const struct hc_chart *parent)
{
    const char *name = hc_dep_field(dep, "Name"), *version = hc_dep_field(dep, "Version");
    char *charts = hc_dep_join(a, chartpath, "charts");
    char *pattern = charts ? hc_arena_printf(a, "%s/%s-*.tgz", charts, name) : NULL;
    if (!pattern)
        return "bad pattern";
    glob_t g;
    int grc = glob(pattern, 0, NULL, &g);
    const char *r = NULL;
    if (grc == GLOB_NOSPACE || grc == GLOB_ABORTED) {
        r = "bad pattern";
    } else if (grc == 0 && g.gl_pathc == 1) {
        r = archive_status(g.gl_pathv[0], name, version);
    } else if (grc == 0 && g.gl_pathc > 1) {
        const char *found = NULL;
        size_t nfound = 0, pre = strlen(name) + 1;
        for (size_t i = 0; i < g.gl_pathc; i++) {
            const char *base = strrchr(g.gl_pathv[i], '/');
            base = base ? base + 1 : g.gl_pathv[i];
            size_t bl = strlen(base) - 4; /* without ".tgz" */
            struct hc_semver v;
            if (bl >= pre && strncmp(base, name, pre - 1) == 0 &&
                hc_semver_parse_strict(&v, base + pre, bl - pre, NULL) == HC_OK) {
                found = g.gl_pathv[i];
                nfound++;
            }
        }
        if (nfound == 1)
            r = archive_status(found, name, version);
        else if (nfound > 1)
            r = "too many matches";
    }
    if (grc == 0)
        globfree(&g);
    if (r)
        return r;
    const struct hc_chart *sub = NULL;
    for (size_t i = 0; i < hc_chart_dep_count(parent); i++)
        if (strcmp(hc_chart_name(hc_chart_dep(parent, i)), name) == 0)
            sub = hc_chart_dep(parent, i);
    if (!sub)
        return "missing";
    if (strcmp(sub->meta.version, version) != 0) {
        int ok = hc_dep_version_ok(version, sub->meta.version);
        if (ok < 0)
            return "invalid version";
        if (!ok)
            return "wrong version";
    }
    return "unpacked";
}

/* printMissing: charts/ entries that are not charts or not in Chart.yaml. */
static hc_status print_missing(struct hc_arena *a, const char *chartpath, hc_val deps,
                               struct hc_dep_listing *out, struct hc_error *err)
{
    char *charts = hc_dep_join(a, chartpath, "charts");
    char *pattern = charts ? hc_arena_printf(a, "%s/*", charts) : NULL;
    glob_t g;
    if (!pattern)
        return hc_error_nomem(err);
    if (glob(pattern, 0, NULL, &g) != 0)
        return HC_OK;
    out->warnings = hc_arena_array(a, g.gl_pathc + 1, sizeof *out->warnings);
    hc_status rc = out->warnings ? HC_OK : hc_error_nomem(err);
    for (size_t i = 0; rc == HC_OK && i < g.gl_pathc; i++) {
        const char *f = g.gl_pathv[i];
        struct stat st;
        if (stat(f, &st) != 0)
            continue;
        size_t fl = strlen(f);
        if (!S_ISDIR(st.st_mode) && (fl < 4 || strcmp(f + fl - 4, ".tgz") != 0))
            continue;
        struct hc_chart *c = try_load(f);
        if (!c) {
            const char *w = hc_arena_printf(a, "WARNING: \"%s\" is not a chart.", f);
            if (!w)
                rc = hc_error_nomem(err);
            out->warnings[out->n_warnings++] = w;
            continue;
        }
        bool found = false;
        for (uint32_t k = 0; deps.kind == HC_LIST && deps.u.l && k < deps.u.l->len; k++)
            found = found || strcmp(hc_dep_field(deps.u.l->items[k], "Name"), hc_chart_name(c)) == 0;
        if (!found) {
            const char *w = hc_arena_printf(a, "WARNING: \"%s\" is not in Chart.yaml.", f);
            if (!w)
                rc = hc_error_nomem(err);
            out->warnings[out->n_warnings++] = w;
        }
        hc_chart_free(c);
    }
    globfree(&g);
    return rc;
}

/* The loader's reading of a directory's lock file, which fails on a malformed one. */
static hc_status check_lock(struct hc_arena *a, const char *path, const struct hc_chart *c,
                            struct hc_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return HC_OK;
    const char *name = strcmp(c->meta.api_version, "v1") == 0 ? "requirements.lock" : "Chart.lock";
    char *f = hc_dep_join(a, path, name);
    size_t len;
    int eno;
    char *text = f ? hc_dep_read_file(a, f, HC_CHART_MAX_FILE_SIZE, &len, &eno) : NULL;
    struct hc_chart_lock lock;
    bool present;
    return text ? hc_chart_lock_read(a, text, len, name, &lock, &present, err) : HC_OK;
}

hc_status hc_dep_list(struct hc_arena *a, const char *path, struct hc_dep_listing *out,
                      struct hc_error *err)
{
    memset(out, 0, sizeof *out);
    struct hc_chart *c = NULL;
    hc_status rc = hc_dep_load_chart(path, &c, err);
    if (rc != HC_OK)
        return rc;
    rc = check_lock(a, path, c, err);
    hc_val deps = hc_null();
    hc_map_get(hc_chart_metadata(c).u.m, "Dependencies", 12, &deps);
    out->charts_dir = hc_dep_join(a, path, "charts");
    if (rc == HC_OK && !out->charts_dir)
        rc = hc_error_nomem(err);
    if (rc != HC_OK || deps.kind != HC_LIST || !deps.u.l || deps.u.l->len == 0) {
        out->no_deps = true; /* Helm's nil */
        hc_chart_free(c);
        return rc;
    }
    out->rows = hc_arena_array(a, deps.u.l->len, sizeof *out->rows);
    if (!out->rows)
        rc = hc_error_nomem(err);
    for (size_t i = 0; rc == HC_OK && i < deps.u.l->len; i++) {
        hc_val d = deps.u.l->items[i];
        struct hc_dep_list_row *r = &out->rows[out->n_rows++];
        r->name = hc_dep_field(d, "Name");
        r->version = hc_dep_field(d, "Version");
        r->repository = hc_dep_field(d, "Repository");
        r->status = status(a, path, d, c);
    }
    if (rc == HC_OK)
        rc = print_missing(a, path, deps, out, err);
    /* the strings point into the chart: keep copies */
    for (size_t i = 0; rc == HC_OK && i < out->n_rows; i++) {
        struct hc_dep_list_row *r = &out->rows[i];
        r->name = hc_arena_strdup(a, r->name);
        r->version = hc_arena_strdup(a, r->version);
        r->repository = hc_arena_strdup(a, r->repository);
        if (!r->name || !r->version || !r->repository)
            rc = hc_error_nomem(err);
    }
    hc_chart_free(c);
    return rc;
}
