/*
 * load.c - loading a chart directory.
 *
 * Mirrors Helm v4's loader.LoadDir (pkg/chart/v2/loader/directory.go) and
 * LoadFiles (load.go): the tree is walked in lexical order following
 * symbolic links (internal/sympath), .helmignore rules plus the default
 * "templates/.?*" skip files and whole directories, irregular files and files
 * over the size limit are errors, a UTF-8 BOM is dropped, and the files are
 * then sorted into Chart.yaml, values.yaml, templates, subcharts (charts/NAME/
 * folders; names starting with '_' or '.' are skipped) and everything else.
 * As in Helm, only the top chart's .helmignore applies, to the subcharts' files
 * too.  Charts packed as charts/NAME.tgz are read by archive.c.
 */
#include "chart/chart.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "chart/gostr.h"
#include "yaml/yaml.h"

/* Depth of nested folders a chart may have (Go has no limit; our recursion does). */
#define MAX_DIR_DEPTH 256

/*
 * Files of at least this size are mapped rather than read: a chart may carry
 * megabytes it never renders (argo-workflows has 12 MB of CRDs, of which a
 * default render uses none), and copying them costs more than the whole
 * render (docs/performance.md).  Mapped pages are read only when touched.
 */
#define MAP_MIN_SIZE ((size_t)256 << 10)

/* A mapped file, unmapped by hc_chart_free; the record lives in the chart's arena. */
struct hc_chart_mapping {
    void *addr;
    size_t len;
    struct hc_chart_mapping *next;
};

/* A file as the walk found it: name relative to the chart root. */
struct loaded {
    struct hc_chart_file *v;
    size_t n, cap;
    size_t total;
};

struct walker {
    struct hc_arena *a;
    struct hc_chart *root; /* keeps the list of mapped files */
    const struct hc_ignore *rules;
    struct loaded files;
    size_t max_file, max_total;
    struct hc_buf abs; /* absolute path of the current entry */
    struct hc_buf rel; /* its path relative to the chart root */
    struct hc_error *err;
};

#define GO_ERRNO go_strerror(errno, (char[128]){0}, 128)

/* Go's text for an errno: the C library's, first letter in lower case. */
static const char *go_strerror(int e, char *buf, size_t size)
{
    const char *s = strerror(e);
    size_t n = strlen(s);
    if (n >= size)
        n = size - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
        buf[0] = (char)(buf[0] + 32);
    return buf;
}

static int cmp_names(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static hc_status add_file(struct walker *w, const char *data, size_t len)
{
    struct loaded *f = &w->files;
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64;
        struct hc_chart_file *nv =
            hc_arena_realloc(w->a, f->v, f->cap * sizeof *nv, cap * sizeof *nv);
        if (!nv)
            return hc_error_nomem(w->err);
        f->v = nv;
        f->cap = cap;
    }
    char *name = hc_arena_strndup(w->a, w->rel.data, w->rel.len);
    if (!name)
        return hc_error_nomem(w->err);
    f->v[f->n++] = (struct hc_chart_file){name, (uint32_t)w->rel.len, data, len};
    return HC_OK;
}

/*
 * The file open as fd, size bytes, mapped read-only; the rest of its last page
 * reads as zeros, so the data ends in a NUL as read files do.  NULL when the
 * size is a whole number of pages (no room for that NUL), when mapping fails
 * or when the file no longer has that size: the caller reads the file then.
 */
static char *map_file(struct walker *w, int fd, size_t size)
{
    long page = sysconf(_SC_PAGESIZE);
    struct stat st;
    if (page <= 0 || size % (size_t)page == 0 || fstat(fd, &st) != 0 ||
        (size_t)st.st_size != size)
        return NULL;
    struct hc_chart_mapping *m = hc_arena_alloc(w->a, sizeof *m);
    if (!m)
        return NULL;
    void *base = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (base == MAP_FAILED)
        return NULL;
    *m = (struct hc_chart_mapping){base, size, w->root->mappings};
    w->root->mappings = m;
    return base;
}

/* Reads the regular file at w->abs (size from st) into the arena (or maps it). */
static hc_status read_regular(struct walker *w, const struct stat *st, const char *base)
{
    if ((size_t)st->st_size > w->max_file)
        return hc_error_set(w->err, HC_ERR_LIMIT,
                            "chart file \"%s\" is larger than the maximum file size %zu", base,
                            w->max_file);
    size_t size = (size_t)st->st_size;
    if (hc_add_size(w->files.total, size) > w->max_total)
        return hc_error_set(w->err, HC_ERR_LIMIT, "chart exceeds the maximum decompressed size %zu",
                            w->max_total);
    int fd = open(hc_buf_str(&w->abs), O_RDONLY);
    if (fd < 0)
        return hc_error_set(w->err, HC_ERR_IO, "error reading %s: open %s: %s", hc_buf_str(&w->rel),
                            hc_buf_str(&w->abs), GO_ERRNO);
    char *data = size >= MAP_MIN_SIZE ? map_file(w, fd, size) : NULL;
    bool mapped = data != NULL;
    size_t got = mapped ? size : 0;
    hc_status rc = HC_OK;
    if (!data)
        data = hc_arena_alloc(w->a, size + 1);
    if (!data)
        rc = hc_error_nomem(w->err);
    while (rc == HC_OK && got < size) {
        ssize_t r = read(fd, data + got, size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            rc = hc_error_set(w->err, HC_ERR_IO, "error reading %s: read %s: %s",
                              hc_buf_str(&w->rel), hc_buf_str(&w->abs), GO_ERRNO);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (rc != HC_OK)
        return rc;
    if (!mapped)
        data[got] = '\0'; /* a mapping ends in its NUL already */
    w->files.total += got;
    const char *p = data;
    if (got >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        got -= 3;
    }
    return add_file(w, p, got);
}

static hc_status walk_dir(struct walker *w, int depth);

/* symwalk for one entry: w->abs and w->rel name it; rel is "" for the root. */
static hc_status walk_entry(struct walker *w, int depth)
{
    struct stat st;
    const char *abs = hc_buf_str(&w->abs);
    if (lstat(abs, &st) != 0)
        return hc_error_set(w->err, HC_ERR_IO, "lstat %s: %s", abs, GO_ERRNO);
    if (S_ISLNK(st.st_mode) && stat(abs, &st) != 0)
        return hc_error_set(w->err, HC_ERR_IO, "error evaluating symlink %s: %s", abs, GO_ERRNO);
    bool is_dir = S_ISDIR(st.st_mode);
    if (w->rel.len > 0) {
        bool ignored = hc_ignore_match(w->rules, w->rel.data, w->rel.len, is_dir);
        if (ignored)
            return HC_OK; /* a directory: filepath.SkipDir */
        if (!is_dir) {
            if (!S_ISREG(st.st_mode))
                return hc_error_set(w->err, HC_ERR_INVALID,
                                    "cannot load irregular file %s as it has file mode type "
                                    "bits set",
                                    abs);
            const char *base = strrchr(abs, '/');
            return read_regular(w, &st, base ? base + 1 : abs);
        }
    } else if (!is_dir) {
        return HC_OK;
    }
    if (depth > MAX_DIR_DEPTH)
        return hc_error_set(w->err, HC_ERR_LIMIT, "chart folders nested too deeply at %s", abs);
    return walk_dir(w, depth + 1);
}

static hc_status walk_dir(struct walker *w, int depth)
{
    DIR *d = opendir(hc_buf_str(&w->abs));
    if (!d)
        return hc_error_set(w->err, HC_ERR_IO, "open %s: %s", hc_buf_str(&w->abs), GO_ERRNO);
    char **names = NULL;
    size_t n = 0, cap = 0;
    hc_status rc = HC_OK;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **nn = hc_realloc(names, ncap * sizeof *nn);
            if (!nn) {
                rc = hc_error_nomem(w->err);
                break;
            }
            names = nn;
            cap = ncap;
        }
        names[n] = hc_arena_strdup(w->a, de->d_name);
        if (!names[n]) {
            rc = hc_error_nomem(w->err);
            break;
        }
        n++;
    }
    closedir(d);
    if (rc == HC_OK && n > 1)
        qsort(names, n, sizeof *names, cmp_names);
    size_t abs_len = w->abs.len, rel_len = w->rel.len;
    for (size_t i = 0; rc == HC_OK && i < n; i++) {
        hc_buf_addc(&w->abs, '/');
        hc_buf_adds(&w->abs, names[i]);
        if (rel_len)
            hc_buf_addc(&w->rel, '/');
        hc_buf_adds(&w->rel, names[i]);
        if (!hc_buf_ok(&w->abs) || !hc_buf_ok(&w->rel))
            rc = hc_error_nomem(w->err);
        else
            rc = walk_entry(w, depth);
        hc_buf_truncate(&w->abs, abs_len);
        hc_buf_truncate(&w->rel, rel_len);
    }
    hc_free(names);
    return rc;
}

/* ---- LoadFiles ---- */

static bool has_prefix(const struct hc_chart_file *f, const char *p)
{
    size_t n = strlen(p);
    return f->name_len >= n && memcmp(f->name, p, n) == 0;
}

static bool name_is(const struct hc_chart_file *f, const char *p)
{
    return strcmp(f->name, p) == 0;
}

static hc_status push_file(struct hc_arena *a, struct hc_chart_file **v, size_t *n,
                           const struct hc_chart_file *f)
{
    /* arrays grow by doubling at powers of two */
    if ((*n & (*n - 1)) == 0) {
        size_t cap = *n ? *n * 2 : 8;
        struct hc_chart_file *nv = hc_arena_realloc(a, *v, *n * sizeof *nv, cap * sizeof *nv);
        if (!nv)
            return HC_ERR_NOMEM;
        *v = nv;
    }
    (*v)[(*n)++] = *f;
    return HC_OK;
}

static hc_status load_files(struct hc_arena *a, struct hc_chart *parent,
                            struct hc_chart_file *files, size_t nfiles, int depth,
                            struct hc_chart **out, struct hc_error *err);

/* The subchart in folder charts/<name>/ (files' names already without "charts/"). */
static hc_status load_subchart(struct hc_chart *c, struct hc_chart_file *files, size_t n,
                               const char *cname, size_t cname_len, int depth, struct hc_error *err)
{
    struct hc_arena *a = c->arena;
    struct hc_chart_file *sub;
    size_t m = 0;
    struct hc_error serr;
    hc_error_init(&serr);
    hc_status rc;
    if (cname_len > 4 && memcmp(cname + cname_len - 4, ".tgz", 4) == 0) {
        /* a packed subchart: the one file must be charts/<name>.tgz itself */
        if (files[0].name_len != cname_len)
            return hc_error_set(err, HC_ERR_INVALID,
                                "error unpacking subchart tar in %s: expected %.*s, got %s",
                                c->meta.name, (int)cname_len, cname, files[0].name);
        rc = hc_chart_read_archive(a, files[0].data, files[0].len, HC_CHART_MAX_FILE_SIZE,
                                   HC_CHART_MAX_TOTAL_SIZE, &sub, &m, &serr);
        if (rc != HC_OK)
            goto fail;
    } else {
        /* strip "<name>/" from each; files directly in charts/ are not charts */
        sub = hc_arena_array(a, n ? n : 1, sizeof *sub);
        if (!sub)
            return hc_error_nomem(err);
        for (size_t i = 0; i < n; i++) {
            const char *slash = memchr(files[i].name, '/', files[i].name_len);
            if (!slash)
                continue;
            sub[m] = files[i];
            sub[m].name = slash + 1;
            sub[m].name_len = (uint32_t)(files[i].name_len - (size_t)(slash + 1 - files[i].name));
            m++;
        }
    }
    struct hc_chart *sc = NULL;
    rc = load_files(a, c, sub, m, depth + 1, &sc, &serr);
    if (rc != HC_OK) {
    fail:
        if (rc == HC_ERR_NOMEM)
            hc_error_nomem(err);
        else
            hc_error_set(err, rc, "error unpacking subchart %.*s in %s: %s", (int)cname_len, cname,
                         c->meta.name, hc_error_msg(&serr));
        hc_error_release(&serr);
        return rc;
    }
    if ((c->ndeps & (c->ndeps - 1)) == 0) {
        size_t cap = c->ndeps ? c->ndeps * 2 : 4;
        struct hc_chart **nd =
            hc_arena_realloc(a, c->deps, c->ndeps * sizeof *nd, cap * sizeof *nd);
        if (!nd)
            return hc_error_nomem(err);
        c->deps = nd;
    }
    c->deps[c->ndeps++] = sc;
    return HC_OK;
}

/*
 * requirements.yaml is decoded onto the metadata (Helm unmarshals it into the
 * same Metadata): its dependencies become the chart's.
 */
static hc_status read_requirements(struct hc_chart *c, const struct hc_chart_file *f,
                                   struct hc_error *err)
{
    struct hc_chart tmp = {0};
    tmp.arena = c->arena;
    struct hc_error rerr;
    hc_error_init(&rerr);
    hc_status rc = hc_chart_meta_read(&tmp, f->data, f->len, &rerr);
    if (rc != HC_OK) {
        static const char prefix[] = "cannot load Chart.yaml: ";
        const char *msg = hc_error_msg(&rerr);
        if (strncmp(msg, prefix, sizeof prefix - 1) == 0)
            msg += sizeof prefix - 1;
        if (rc == HC_ERR_NOMEM)
            hc_error_nomem(err);
        else
            hc_error_set(err, rc, "cannot load requirements.yaml: %s", msg);
        hc_error_release(&rerr);
        return rc;
    }
    if (tmp.meta.deps_set)
        c->meta.deps_set = true;
    hc_val deps;
    if (c->meta_map.kind == HC_MAP && hc_map_get(tmp.meta_map.u.m, "Dependencies", 12, &deps) &&
        deps.kind == HC_LIST &&
        hc_map_set(c->arena, c->meta_map.u.m, "Dependencies", 12, deps) != HC_OK)
        return hc_error_nomem(err);
    return HC_OK;
}

static int cmp_file_names(const void *x, const void *y)
{
    const struct hc_chart_file *a = x, *b = y;
    return strcmp(a->name, b->name);
}

static hc_status load_files(struct hc_arena *a, struct hc_chart *parent,
                            struct hc_chart_file *files, size_t nfiles, int depth,
                            struct hc_chart **out, struct hc_error *err)
{
    if (depth > HC_CHART_MAX_DEPTH)
        return hc_error_set(err, HC_ERR_LIMIT, "subcharts nested too deeply");
    struct hc_chart *c;
    if (parent) {
        c = hc_arena_zalloc(a, sizeof *c);
        if (!c)
            return hc_error_nomem(err);
        c->parent = parent;
        c->arena = a;
    } else {
        c = *out; /* the root was allocated by the caller, with its arena */
    }
    /* first Chart.yaml, wherever it is in the list */
    bool have_meta = false;
    for (size_t i = 0; i < nfiles; i++) {
        if (name_is(&files[i], "Chart.yaml")) {
            hc_status rc = hc_chart_meta_read(c, files[i].data, files[i].len, err);
            if (rc != HC_OK)
                return rc;
            have_meta = true;
        }
    }
    struct hc_chart_file *subs = NULL; /* charts/... files, names without "charts/" */
    size_t nsubs = 0;
    for (size_t i = 0; i < nfiles; i++) {
        struct hc_chart_file *f = &files[i];
        hc_status rc = HC_OK;
        if (name_is(f, "Chart.yaml") || name_is(f, "Chart.lock")) {
            continue;
        } else if (name_is(f, "values.yaml")) {
            c->values_raw = f->data;
            c->values_raw_len = f->len;
            struct hc_error verr;
            hc_error_init(&verr);
            rc = hc_values_read(a, f->data, f->len, "values.yaml", &c->values, &verr);
            if (rc != HC_OK) {
                if (rc == HC_ERR_NOMEM)
                    hc_error_nomem(err);
                else
                    hc_error_set(err, rc, "cannot load values.yaml: %s", hc_error_msg(&verr));
                hc_error_release(&verr);
                return rc;
            }
            continue;
        } else if (name_is(f, "values.schema.json")) {
            c->schema = f->data;
            c->schema_len = f->len;
            continue;
        } else if (name_is(f, "requirements.yaml") || name_is(f, "requirements.lock")) {
            if (name_is(f, "requirements.yaml")) {
                rc = read_requirements(c, f, err);
                if (rc != HC_OK)
                    return rc;
            }
            if (have_meta && strcmp(c->meta.api_version, "v1") == 0)
                rc = push_file(a, &c->files, &c->nfiles, f);
        } else if (has_prefix(f, "templates/")) {
            rc = push_file(a, &c->templates, &c->ntemplates, f);
        } else if (has_prefix(f, "charts/")) {
            size_t flen = f->name_len;
            if (flen >= 5 && memcmp(f->name + flen - 5, ".prov", 5) == 0) {
                rc = push_file(a, &c->files, &c->nfiles, f);
            } else {
                struct hc_chart_file g = *f;
                g.name += 7;
                g.name_len -= 7;
                rc = push_file(a, &subs, &nsubs, &g);
            }
        } else {
            rc = push_file(a, &c->files, &c->nfiles, f);
        }
        if (rc != HC_OK)
            return hc_error_nomem(err);
    }
    if (!have_meta)
        return hc_error_set(err, HC_ERR_INVALID, "Chart.yaml file is missing");
    hc_status rc = hc_chart_meta_validate(c, err);
    if (rc != HC_OK)
        return rc;
    if (c->values.kind != HC_MAP) {
        struct hc_map *m = hc_map_new(a, 0);
        if (!m)
            return hc_error_nomem(err);
        c->values = hc_map_val(m, HC_GT_MAP);
    }
    c->full_path =
        parent ? hc_arena_printf(a, "%s/charts/%s", parent->full_path, c->meta.name) : c->meta.name;
    if (!c->full_path)
        return hc_error_nomem(err);
    /* subcharts, grouped by their first path element, in name order */
    if (nsubs > 1)
        qsort(subs, nsubs, sizeof *subs, cmp_file_names);
    for (size_t i = 0; i < nsubs;) {
        const char *slash = memchr(subs[i].name, '/', subs[i].name_len);
        size_t clen = slash ? (size_t)(slash - subs[i].name) : subs[i].name_len;
        size_t j = i + 1;
        while (j < nsubs && subs[j].name_len >= clen &&
               memcmp(subs[j].name, subs[i].name, clen) == 0 &&
               (subs[j].name_len == clen || subs[j].name[clen] == '/'))
            j++;
        if (clen > 0 && subs[i].name[0] != '_' && subs[i].name[0] != '.') {
            rc = load_subchart(c, subs + i, j - i, subs[i].name, clen, depth, err);
            if (rc != HC_OK)
                return rc;
        }
        i = j;
    }
    *out = c;
    return HC_OK;
}

/*
 * The chartBase pass of pkg/chart/loader: apiVersion v1, v2 or none goes to
 * the v2 loader; helm 4.1 refuses v3 (its new format) as invalid.
 */
static hc_status check_api_version(struct hc_arena *a, const char *text, size_t len,
                                   struct hc_error *err)
{
    hc_val v;
    struct hc_error yerr;
    hc_error_init(&yerr);
    hc_status rc = hc_yaml_read(a, text, len, NULL, &v, &yerr);
    if (rc != HC_OK) {
        if (rc == HC_ERR_NOMEM)
            hc_error_nomem(err);
        else
            hc_error_set(err, rc, "cannot load Chart.yaml: %s", hc_error_msg(&yerr));
        hc_error_release(&yerr);
        return rc;
    }
    if (v.kind != HC_MAP || !v.u.m)
        return HC_OK; /* the v2 loader reports what is wrong */
    hc_val api = hc_null();
    hc_map_foreach(v.u.m, e) {
        if (hc_go_equal_fold_ascii(e->key, e->klen, "apiVersion", 10))
            api = e->val;
    }
    if (api.kind == HC_MAP || api.kind == HC_LIST)
        return hc_error_set(err, HC_ERR_PARSE,
                            "cannot load Chart.yaml: error unmarshaling JSON: while decoding "
                            "JSON: json: cannot unmarshal %s into Go struct field "
                            "chartBase.apiVersion of type string",
                            api.kind == HC_MAP ? "object" : "array");
    /* other scalars become strings, none of them a known version */
    if (api.kind == HC_NULL || hc_val_is_str(api, "v1", 2) || hc_val_is_str(api, "v2", 2) ||
        (api.kind == HC_STRING && api.len == 0))
        return HC_OK;
    /* Helm 4.1 does not load apiVersion v3 charts yet */
    if (hc_val_is_str(api, "v3", 2))
        return hc_error_set(err, HC_ERR_INVALID, "invalid chart apiVersion");
    return hc_error_set(err, HC_ERR_INVALID, "unsupported chart version");
}

hc_status hc_chart_load_dir(const char *dir, const struct hc_chart_load_opts *opts,
                            struct hc_chart **out, struct hc_error *err)
{
    *out = NULL;
    struct hc_chart *c = hc_calloc(1, sizeof *c);
    if (!c)
        return hc_error_nomem(err);
    hc_arena_init(&c->own_arena, 0);
    c->arena = &c->own_arena;
    struct walker w = {
        c->arena,
        c,
        NULL,
        {NULL, 0, 0, 0},
        HC_CHART_MAX_FILE_SIZE,
        HC_CHART_MAX_TOTAL_SIZE,
        HC_BUF_INIT,
        HC_BUF_INIT,
        err
    };
    if (opts && opts->max_file_size)
        w.max_file = opts->max_file_size;
    if (opts && opts->max_total_size)
        w.max_total = opts->max_total_size;
    hc_status rc = HC_OK;
    /* filepath.Abs */
    if (dir[0] != '/') {
        char *cwd = getcwd(NULL, 0);
        if (!cwd) {
            rc = hc_error_set(err, HC_ERR_IO, "getwd: %s", GO_ERRNO);
            goto out;
        }
        hc_buf_adds(&w.abs, cwd);
        free(cwd);
        hc_buf_addc(&w.abs, '/');
    }
    hc_buf_adds(&w.abs, dir);
    while (w.abs.len > 1 && w.abs.data[w.abs.len - 1] == '/')
        hc_buf_truncate(&w.abs, w.abs.len - 1);
    if (!hc_buf_ok(&w.abs)) {
        rc = hc_error_nomem(err);
        goto out;
    }
    /* pkg/chart/loader.LoadDir: Chart.yaml must be readable and name a known apiVersion */
    {
        size_t base = w.abs.len;
        hc_buf_adds(&w.abs, "/Chart.yaml");
        struct stat st;
        const char *cy = hc_buf_str(&w.abs);
        if (stat(cy, &st) != 0) {
            char e[128];
            rc = hc_error_set(err, HC_ERR_IO, "unable to detect chart at %s: open %s: %s", cy, cy,
                              go_strerror(errno, e, sizeof e));
            goto out;
        }
        if (!S_ISREG(st.st_mode)) {
            rc = hc_error_set(err, HC_ERR_IO, "unable to detect chart at %s: read %s: %s", cy, cy,
                              "is a directory");
            goto out;
        }
        hc_buf_adds(&w.rel, "Chart.yaml");
        rc = read_regular(&w, &st, "Chart.yaml");
        if (rc != HC_OK)
            goto out;
        struct hc_chart_file *f = &w.files.v[--w.files.n];
        w.files.total -= f->len;
        hc_buf_reset(&w.rel);
        hc_buf_truncate(&w.abs, base);
        rc = check_api_version(c->arena, f->data, f->len, err);
        if (rc != HC_OK)
            goto out;
    }
    /* .helmignore */
    {
        size_t base = w.abs.len;
        hc_buf_adds(&w.abs, "/.helmignore");
        struct stat st;
        const char *itext = NULL;
        size_t ilen = 0;
        if (stat(hc_buf_str(&w.abs), &st) == 0 && S_ISREG(st.st_mode)) {
            hc_buf_adds(&w.rel, ".helmignore");
            rc = read_regular(&w, &st, ".helmignore");
            if (rc != HC_OK)
                goto out;
            struct hc_chart_file *f = &w.files.v[--w.files.n]; /* not a chart file yet */
            w.files.total -= f->len;
            itext = f->data;
            ilen = f->len;
            hc_buf_reset(&w.rel);
        }
        hc_buf_truncate(&w.abs, base);
        struct hc_ignore *rules;
        rc = hc_ignore_parse(c->arena, itext, ilen, &rules, err);
        if (rc != HC_OK)
            goto out;
        w.rules = rules;
    }
    rc = walk_entry(&w, 0);
    if (rc == HC_OK)
        rc = load_files(c->arena, NULL, w.files.v, w.files.n, 0, &c, err);
out:
    hc_buf_release(&w.abs);
    hc_buf_release(&w.rel);
    if (rc != HC_OK) {
        hc_chart_free(c);
        return rc;
    }
    *out = c;
    return HC_OK;
}

hc_status hc_chart_load_file(const char *path, const struct hc_chart_load_opts *opts,
                             struct hc_chart **out, struct hc_error *err)
{
    *out = NULL;
    size_t max_file = opts && opts->max_file_size ? opts->max_file_size : HC_CHART_MAX_FILE_SIZE;
    size_t max_total =
        opts && opts->max_total_size ? opts->max_total_size : HC_CHART_MAX_TOTAL_SIZE;
    struct stat st;
    if (stat(path, &st) != 0)
        return hc_error_set(err, HC_ERR_IO, "stat %s: %s", path, GO_ERRNO);
    if (S_ISDIR(st.st_mode))
        return hc_error_set(err, HC_ERR_INVALID, "cannot load a directory");
    struct hc_chart *c = hc_calloc(1, sizeof *c);
    if (!c)
        return hc_error_nomem(err);
    hc_arena_init(&c->own_arena, 0);
    c->arena = &c->own_arena;
    hc_status rc = HC_OK;
    struct hc_buf raw = HC_BUF_INIT;
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        rc = hc_error_set(err, HC_ERR_IO, "open %s: %s", path, GO_ERRNO);
        goto out;
    }
    char chunk[65536];
    for (;;) {
        ssize_t r = read(fd, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            rc = hc_error_set(err, HC_ERR_IO, "read %s: %s", path, GO_ERRNO);
            break;
        }
        if (r == 0)
            break;
        hc_buf_add(&raw, chunk, (size_t)r);
        if (raw.len > max_total) {
            rc = hc_error_set(err, HC_ERR_LIMIT,
                              "decompressed chart is larger than the maximum size %zu", max_total);
            break;
        }
    }
    close(fd);
    if (rc != HC_OK)
        goto out;
    if (!hc_buf_ok(&raw)) {
        rc = hc_error_nomem(err);
        goto out;
    }
    /* ensureArchive: the first bytes must be gzip's */
    if (raw.len < 2 || (unsigned char)raw.data[0] != 0x1f || (unsigned char)raw.data[1] != 0x8b) {
        size_t n = strlen(path);
        bool yaml = (n >= 4 && hc_go_equal_fold_ascii(path + n - 4, 4, ".yml", 4)) ||
                    (n >= 5 && hc_go_equal_fold_ascii(path + n - 5, 5, ".yaml", 5));
        if (yaml)
            rc = hc_error_set(err, HC_ERR_INVALID,
                              "file '%s' seems to be a YAML file, but expected a gzipped archive",
                              path);
        else
            rc = hc_error_set(err, HC_ERR_INVALID,
                              "file '%s' does not appear to be a gzipped archive; got '%s'", path,
                              /* Helm sniffs a 512-byte buffer, zero-padded */
                              raw.len < 512 || memchr(raw.data, 0, 512)
                                  ? "application/octet-stream"
                                  : "text/plain; charset=utf-8");
        goto out;
    }
    struct hc_chart_file *files;
    size_t nfiles;
    struct hc_error aerr;
    hc_error_init(&aerr);
    rc = hc_chart_read_archive(c->arena, raw.data, raw.len, max_file, max_total, &files, &nfiles,
                               &aerr);
    if (rc != HC_OK) {
        /* LoadFile keeps only the fact */
        if (rc == HC_ERR_NOMEM)
            hc_error_nomem(err);
        else
            hc_error_set(err, rc, "unable to load chart archive");
        hc_error_release(&aerr);
        goto out;
    }
    for (size_t i = 0; i < nfiles; i++) {
        if (name_is(&files[i], "Chart.yaml")) {
            rc = check_api_version(c->arena, files[i].data, files[i].len, err);
            if (rc != HC_OK)
                goto out;
        }
    }
    rc = load_files(c->arena, NULL, files, nfiles, 0, &c, err);
out:
    hc_buf_release(&raw);
    if (rc != HC_OK) {
        hc_chart_free(c);
        return rc;
    }
    *out = c;
    return HC_OK;
}

void hc_chart_free(struct hc_chart *c)
{
    if (!c)
        return;
    for (struct hc_chart_mapping *m = c->mappings; m; m = m->next)
        munmap(m->addr, m->len);
    hc_arena_free(&c->own_arena);
    hc_free(c);
}

const char *hc_chart_name(const struct hc_chart *c)
{
    return c->meta.name;
}

const char *hc_chart_type(const struct hc_chart *c)
{
    return c->meta.type;
}

bool hc_chart_deprecated(const struct hc_chart *c)
{
    return c->meta.deprecated;
}

hc_val hc_chart_values(const struct hc_chart *c)
{
    return c->values;
}

hc_val hc_chart_metadata(const struct hc_chart *c)
{
    return c->meta_map;
}

size_t hc_chart_dep_count(const struct hc_chart *c)
{
    return c->ndeps;
}

const struct hc_chart *hc_chart_dep(const struct hc_chart *c, size_t i)
{
    return i < c->ndeps ? c->deps[i] : NULL;
}
