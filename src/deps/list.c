/*
 * list.c - `helm dependency list`: Chart.yaml's dependencies and their state in charts/.
 *
 * Mirrors pkg/action/dependency.go (List, dependencyStatus, statArchiveForStatus,
 * printDependencies, printMissing) and the layout of github.com/gosuri/uitable: cells
 * cut to MaxColWidth with "...", padded to their column's width, joined by tabs.
 */
#include "deps/deps.h"

#include <glob.h>
#include <string.h>
#include <sys/stat.h>

#include "chart/chart.h"
#include "helmc/semver.h"

#define NCOLS 4

/* Display width of UTF-8 text: its runes (uitable uses runewidth; wide runes aside). */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* runewidth.Truncate(s, w, "...") then FillRight to w. */
static void cell(struct hc_buf *b, const char *s, size_t w)
{
    size_t sw = width(s);
    if (sw > w) {
        size_t keep = w > 3 ? w - 3 : 0, n = 0;
        const char *p = s;
        while (*p && n < keep) {
            p++;
            while (((unsigned char)*p & 0xC0) == 0x80)
                p++;
            n++;
        }
        hc_buf_add(b, s, (size_t)(p - s));
        hc_buf_adds(b, "...");
        sw = n + 3;
    } else {
        hc_buf_adds(b, s);
    }
    if (sw < w)
        hc_buf_addn(b, ' ', w - sw);
}

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
static void print_missing(struct hc_arena *a, const char *chartpath, hc_val deps,
                          struct hc_buf *out)
{
    char *charts = hc_dep_join(a, chartpath, "charts");
    char *pattern = charts ? hc_arena_printf(a, "%s/*", charts) : NULL;
    glob_t g;
    if (!pattern || glob(pattern, 0, NULL, &g) != 0)
        return;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        const char *f = g.gl_pathv[i];
        struct stat st;
        if (stat(f, &st) != 0)
            continue;
        size_t fl = strlen(f);
        if (!S_ISDIR(st.st_mode) && (fl < 4 || strcmp(f + fl - 4, ".tgz") != 0))
            continue;
        struct hc_chart *c = try_load(f);
        if (!c) {
            hc_buf_printf(out, "WARNING: \"%s\" is not a chart.\n", f);
            continue;
        }
        bool found = false;
        for (uint32_t k = 0; deps.kind == HC_LIST && deps.u.l && k < deps.u.l->len; k++)
            found = found || strcmp(hc_dep_field(deps.u.l->items[k], "Name"), hc_chart_name(c)) == 0;
        if (!found)
            hc_buf_printf(out, "WARNING: \"%s\" is not in Chart.yaml.\n", f);
        hc_chart_free(c);
    }
    globfree(&g);
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

hc_status hc_dep_list(const char *path, size_t max_col_width, struct hc_buf *out,
                      struct hc_error *err)
{
    struct hc_chart *c = NULL;
    hc_status rc = hc_dep_load_chart(path, &c, err);
    if (rc != HC_OK)
        return rc;
    struct hc_arena a;
    hc_arena_init(&a, 0);
    rc = check_lock(&a, path, c, err);
    if (rc != HC_OK)
        goto out;
    hc_val deps = hc_null();
    hc_map_get(hc_chart_metadata(c).u.m, "Dependencies", 12, &deps);
    if (deps.kind != HC_LIST || !deps.u.l || deps.u.l->len == 0) { /* Helm's nil */
        char *charts = hc_dep_join(&a, path, "charts");
        hc_buf_printf(out, "WARNING: no dependencies at %s\n", charts ? charts : "");
        goto out;
    }
    size_t n = deps.u.l ? deps.u.l->len : 0;
    const char **cells = hc_arena_array(&a, (n + 1) * NCOLS, sizeof *cells);
    if (!cells) {
        rc = hc_error_nomem(err);
        goto out;
    }
    cells[0] = "NAME";
    cells[1] = "VERSION";
    cells[2] = "REPOSITORY";
    cells[3] = "STATUS";
    for (size_t i = 0; i < n; i++) {
        hc_val d = deps.u.l->items[i];
        cells[(i + 1) * NCOLS + 0] = hc_dep_field(d, "Name");
        cells[(i + 1) * NCOLS + 1] = hc_dep_field(d, "Version");
        cells[(i + 1) * NCOLS + 2] = hc_dep_field(d, "Repository");
        cells[(i + 1) * NCOLS + 3] = status(&a, path, d, c);
    }
    size_t w[NCOLS] = {0};
    for (size_t i = 0; i < (n + 1) * NCOLS; i++) {
        size_t cw = width(cells[i]);
        if (max_col_width && cw > max_col_width)
            cw = max_col_width;
        if (cw > w[i % NCOLS])
            w[i % NCOLS] = cw;
    }
    for (size_t r = 0; r <= n; r++) {
        for (size_t k = 0; k < NCOLS; k++) {
            if (k)
                hc_buf_addc(out, '\t');
            cell(out, cells[r * NCOLS + k], w[k]);
        }
        hc_buf_addc(out, '\n');
    }
    hc_buf_addc(out, '\n');
    print_missing(&a, path, deps, out);
out:
    if (rc == HC_OK && !hc_buf_ok(out))
        rc = hc_error_nomem(err);
    hc_arena_free(&a);
    hc_chart_free(c);
    return rc;
}
