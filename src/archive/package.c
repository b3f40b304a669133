/*
 * package.c - a chart directory into a chart archive (helm package).
 *
 * Mirrors action.Package.Run (pkg/action/package.go) and chartutil.Save
 * (pkg/chart/v2/util/save.go).  The chart library's loader validates the
 * chart and supplies its metadata; the bytes to archive come from a walk of
 * our own (the loader keeps neither values.yaml's text nor Chart.lock), which
 * sorts files exactly as loader.LoadDir and LoadFiles do, so both agree on the
 * subcharts' order.  Invariant: what goes into the archive is what Helm's
 * Save writes for the chart Helm's LoadDir returns, subcharts in name order.
 */
#include "helmc/package.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive/meta.h"
#include "archive/path.h"
#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "chart/chart.h"
#include "helmc/archive.h"
#include "helmc/chart.h"
#include "helmc/semver.h"
#include "json/json.h"
#include "yaml/yaml.h"

/* Depth of nested folders and subcharts we follow (Helm has no limit). */
#define MAX_DEPTH 256

struct pfile {
    const char *name;
    size_t nlen;
    const char *data;
    size_t len;
};

struct plist {
    struct pfile *v;
    size_t n, cap;
};

struct pchart {
    const struct hc_chart *meta; /* the loader's chart: its metadata */
    const struct pfile *lock, *values, *schema;
    struct plist templates, files;
    struct pchart **subs;
    size_t nsubs;
};

struct pack {
    struct hc_arena a;
    const struct hc_ignore *rules;
    struct hc_buf abs, rel;
    struct plist all;
    struct hc_error *err;
};

static hc_status plist_push(struct hc_arena *a, struct plist *l, struct pfile f)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        struct pfile *nv = hc_arena_realloc(a, l->v, l->cap * sizeof *nv, cap * sizeof *nv);
        if (!nv)
            return HC_ERR_NOMEM;
        l->v = nv;
        l->cap = cap;
    }
    l->v[l->n++] = f;
    return HC_OK;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static hc_status read_file(struct pack *p, const char *path, struct pfile *f)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return hc_error_set(p->err, HC_ERR_IO, "open %s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        close(fd);
        return hc_error_set(p->err, HC_ERR_IO, "stat %s: %s", path, strerror(errno));
    }
    size_t size = (size_t)st.st_size, got = 0;
    char *data = hc_arena_alloc(&p->a, size + 1);
    if (!data) {
        close(fd);
        return hc_error_nomem(p->err);
    }
    while (got < size) {
        ssize_t n = read(fd, data + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    data[got] = '\0';
    f->data = data;
    f->len = got;
    if (got >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        f->data += 3;
        f->len -= 3;
    }
    return HC_OK;
}

/* internal/sympath.Walk with LoadDir's callback: sorted names, links followed, rules applied. */
static hc_status walk(struct pack *p, int depth)
{
    if (depth > MAX_DEPTH)
        return hc_error_set(p->err, HC_ERR_LIMIT, "chart folders nested too deeply");
    DIR *d = opendir(hc_buf_str(&p->abs));
    if (!d)
        return hc_error_set(p->err, HC_ERR_IO, "open %s: %s", hc_buf_str(&p->abs), strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    hc_status rc = HC_OK;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nv = hc_arena_realloc(&p->a, names, n * sizeof *nv, cap * sizeof *nv);
            if (!nv) {
                rc = hc_error_nomem(p->err);
                break;
            }
            names = nv;
        }
        if (!(names[n++] = hc_arena_strdup(&p->a, de->d_name))) {
            rc = hc_error_nomem(p->err);
            break;
        }
    }
    closedir(d);
    if (rc != HC_OK)
        return rc;
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n && rc == HC_OK; i++) {
        size_t abase = p->abs.len, rbase = p->rel.len;
        hc_buf_addc(&p->abs, '/');
        hc_buf_adds(&p->abs, names[i]);
        if (p->rel.len)
            hc_buf_addc(&p->rel, '/');
        hc_buf_adds(&p->rel, names[i]);
        if (!hc_buf_ok(&p->abs) || !hc_buf_ok(&p->rel))
            return hc_error_nomem(p->err);
        struct stat st;
        if (stat(hc_buf_str(&p->abs), &st) != 0) {
            rc = hc_error_set(p->err, HC_ERR_IO, "stat %s: %s", hc_buf_str(&p->abs),
                              strerror(errno));
        } else if (!hc_ignore_match(p->rules, p->rel.data, p->rel.len, S_ISDIR(st.st_mode))) {
            if (S_ISDIR(st.st_mode)) {
                rc = walk(p, depth + 1);
            } else {
                struct pfile f = {hc_arena_strndup(&p->a, p->rel.data, p->rel.len), p->rel.len,
                                  NULL, 0};
                if (!f.name)
                    rc = hc_error_nomem(p->err);
                if (rc == HC_OK)
                    rc = read_file(p, hc_buf_str(&p->abs), &f);
                if (rc == HC_OK && plist_push(&p->a, &p->all, f) != HC_OK)
                    rc = hc_error_nomem(p->err);
            }
        }
        hc_buf_truncate(&p->abs, abase);
        hc_buf_truncate(&p->rel, rbase);
    }
    return rc;
}

static bool has_prefix(const struct pfile *f, const char *pre)
{
    size_t n = strlen(pre);
    return f->nlen >= n && memcmp(f->name, pre, n) == 0;
}

static bool name_is(const struct pfile *f, const char *s)
{
    return f->nlen == strlen(s) && memcmp(f->name, s, f->nlen) == 0;
}

static int cmp_pfile(const void *x, const void *y)
{
    return strcmp(((const struct pfile *)x)->name, ((const struct pfile *)y)->name);
}

static hc_status build(struct pack *p, const struct pfile *files, size_t n,
                       const struct hc_chart *meta, int depth, struct pchart **out);

struct unpack {
    struct pack *p;
    struct plist *l;
};

static hc_status keep_entry(void *ctx, const struct hc_tgz_entry *e, bool *stop,
                            struct hc_error *err)
{
    (void)stop;
    struct unpack *u = ctx;
    struct pfile f = {hc_arena_strndup(&u->p->a, e->name, e->name_len), e->name_len,
                      hc_arena_strndup(&u->p->a, e->data, e->len), e->len};
    if (!f.name || !f.data || plist_push(&u->p->a, u->l, f) != HC_OK)
        return hc_error_nomem(err);
    return HC_OK;
}

/* The subcharts: charts/ files grouped by their first element, in name order. */
static hc_status build_subs(struct pack *p, struct pchart *c, struct plist *subs, int depth)
{
    if (subs->n > 1)
        qsort(subs->v, subs->n, sizeof *subs->v, cmp_pfile);
    size_t ndeps = hc_chart_dep_count(c->meta), k = 0;
    c->subs = hc_arena_array(&p->a, ndeps ? ndeps : 1, sizeof *c->subs);
    if (!c->subs)
        return hc_error_nomem(p->err);
    for (size_t i = 0; i < subs->n;) {
        const struct pfile *g = &subs->v[i];
        const char *slash = memchr(g->name, '/', g->nlen);
        size_t clen = slash ? (size_t)(slash - g->name) : g->nlen;
        size_t j = i + 1;
        while (j < subs->n && subs->v[j].nlen >= clen &&
               memcmp(subs->v[j].name, g->name, clen) == 0 &&
               (subs->v[j].nlen == clen || subs->v[j].name[clen] == '/'))
            j++;
        if (clen > 0 && g->name[0] != '_' && g->name[0] != '.') {
            if (k >= ndeps)
                return hc_error_set(p->err, HC_ERR_INVALID, "subchart %.*s was not loaded",
                                    (int)clen, g->name);
            struct plist sub = {0};
            hc_status rc = HC_OK;
            if (clen > 4 && memcmp(g->name + clen - 4, ".tgz", 4) == 0) {
                struct unpack u = {p, &sub};
                rc = hc_tgz_read_mem(g->data, g->len, NULL, keep_entry, &u, p->err);
            } else {
                for (size_t m = i; m < j && rc == HC_OK; m++) {
                    struct pfile f = subs->v[m];
                    if (f.nlen <= clen)
                        continue;
                    f.name += clen + 1;
                    f.nlen -= clen + 1;
                    if (plist_push(&p->a, &sub, f) != HC_OK)
                        rc = hc_error_nomem(p->err);
                }
            }
            if (rc == HC_OK)
                rc = build(p, sub.v, sub.n, hc_chart_dep(c->meta, k), depth + 1, &c->subs[k]);
            if (rc != HC_OK)
                return rc;
            k++;
        }
        i = j;
    }
    c->nsubs = k;
    return HC_OK;
}

/* LoadFiles' sorting of a chart's files. */
static hc_status build(struct pack *p, const struct pfile *files, size_t n,
                       const struct hc_chart *meta, int depth, struct pchart **out)
{
    if (depth > MAX_DEPTH)
        return hc_error_set(p->err, HC_ERR_LIMIT, "subcharts nested too deeply");
    struct pchart *c = hc_arena_zalloc(&p->a, sizeof *c);
    if (!c)
        return hc_error_nomem(p->err);
    c->meta = meta;
    bool v1 = hc_meta_is_v1(meta);
    struct plist subs = {0};
    for (size_t i = 0; i < n; i++) {
        const struct pfile *f = &files[i];
        struct plist *to = NULL;
        if (name_is(f, "Chart.yaml"))
            continue;
        else if (name_is(f, "Chart.lock"))
            c->lock = f;
        else if (name_is(f, "values.yaml"))
            c->values = f;
        else if (name_is(f, "values.schema.json"))
            c->schema = f;
        else if (name_is(f, "requirements.yaml"))
            to = v1 ? &c->files : NULL;
        else if (name_is(f, "requirements.lock")) {
            c->lock = f;
            to = v1 ? &c->files : NULL;
        } else if (has_prefix(f, "templates/"))
            to = &c->templates;
        else if (has_prefix(f, "charts/")) {
            if (f->nlen >= 5 && memcmp(f->name + f->nlen - 5, ".prov", 5) == 0) {
                to = &c->files;
            } else {
                struct pfile g = *f;
                g.name += 7;
                g.nlen -= 7;
                if (plist_push(&p->a, &subs, g) != HC_OK)
                    return hc_error_nomem(p->err);
            }
        } else
            to = &c->files;
        if (to && plist_push(&p->a, to, *f) != HC_OK)
            return hc_error_nomem(p->err);
    }
    *out = c;
    return build_subs(p, c, &subs, depth);
}

/* ---- writing ---- */

struct out {
    struct hc_tgz_writer *w;
    int64_t mtime;
    struct hc_buf name, text;
    struct hc_arena *a;
    struct hc_error *err;
};

static hc_status put(struct out *o, const char *prefix, const char *name, const char *data,
                     size_t len)
{
    hc_buf_reset(&o->name);
    hc_buf_adds(&o->name, prefix);
    hc_buf_addc(&o->name, '/');
    hc_buf_adds(&o->name, name);
    if (!hc_buf_ok(&o->name))
        return hc_error_nomem(o->err);
    return hc_tgz_writer_add(o->w, hc_buf_str(&o->name), data, len, o->mtime, o->err);
}

static hc_status write_list(struct out *o, const char *base, const struct plist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        hc_status rc = put(o, base, l->v[i].name, l->v[i].data, l->v[i].len);
        if (rc != HC_OK)
            return rc;
    }
    return HC_OK;
}

/* chartutil's writeTarContents. */
static hc_status write_chart(struct out *o, const struct pchart *c, hc_val meta, const char *prefix)
{
    const char *name = hc_chart_name(c->meta);
    if (strchr(name, '/'))
        return hc_error_set(o->err, HC_ERR_INVALID, "invalid chart name \"%s\"", name);
    char *base =
        prefix[0] ? hc_arena_printf(o->a, "%s/%s", prefix, name) : hc_arena_strdup(o->a, name);
    if (!base)
        return hc_error_nomem(o->err);
    hc_buf_reset(&o->text);
    hc_status rc = hc_yaml_write(&o->text, meta, o->err);
    if (rc == HC_OK)
        rc = put(o, base, "Chart.yaml", o->text.data, o->text.len);
    if (rc == HC_OK && c->lock && !hc_meta_is_v1(c->meta) && hc_meta_is_v2(c->meta)) {
        hc_val lock;
        bool present = false;
        rc = hc_meta_lock(o->a, c->lock->data, c->lock->len, &lock, &present, o->err);
        if (rc == HC_OK && present) {
            hc_buf_reset(&o->text);
            rc = hc_yaml_write(&o->text, lock, o->err);
            if (rc == HC_OK)
                rc = put(o, base, "Chart.lock", o->text.data, o->text.len);
        }
    }
    if (rc == HC_OK && c->values)
        rc = put(o, base, "values.yaml", c->values->data, c->values->len);
    if (rc == HC_OK && c->schema) {
        struct hc_arena scratch;
        hc_arena_init(&scratch, 0);
        hc_val v;
        struct hc_error jerr;
        hc_error_init(&jerr);
        hc_status jrc = hc_json_read(&scratch, c->schema->data, c->schema->len, &v, &jerr);
        hc_error_release(&jerr);
        hc_arena_free(&scratch);
        if (jrc == HC_ERR_NOMEM)
            rc = hc_error_nomem(o->err);
        else if (jrc == HC_ERR_PARSE)
            rc = hc_error_set(o->err, HC_ERR_INVALID, "invalid JSON in values.schema.json");
        else
            rc = put(o, base, "values.schema.json", c->schema->data, c->schema->len);
    }
    if (rc == HC_OK)
        rc = write_list(o, base, &c->templates);
    if (rc == HC_OK)
        rc = write_list(o, base, &c->files);
    char *charts = hc_arena_printf(o->a, "%s/charts", base);
    if (!charts)
        return hc_error_nomem(o->err);
    for (size_t i = 0; i < c->nsubs && rc == HC_OK; i++) {
        hc_val m;
        rc = hc_meta_to_json(o->a, hc_chart_metadata(c->subs[i]->meta), NULL, NULL, true, &m,
                             o->err);
        if (rc == HC_OK)
            rc = write_chart(o, c->subs[i], m, charts);
    }
    return rc;
}

/* action.CheckDependencies: each dependency Chart.yaml names must be a loaded subchart. */
static hc_status check_dependencies(const struct hc_chart *c, hc_val deps, struct hc_error *err)
{
    if (deps.kind != HC_LIST || !deps.u.l)
        return HC_OK;
    struct hc_buf missing = HC_BUF_INIT;
    for (size_t i = 0; i < deps.u.l->len; i++) {
        hc_val d = deps.u.l->items[i], name = hc_null();
        if (d.kind == HC_MAP && d.u.m)
            hc_map_get(d.u.m, "Name", 4, &name);
        const char *s = name.kind == HC_STRING ? name.u.s : "";
        size_t sl = name.kind == HC_STRING ? name.len : 0;
        bool found = false;
        for (size_t k = 0; k < hc_chart_dep_count(c) && !found; k++) {
            const char *dn = hc_chart_name(hc_chart_dep(c, k));
            found = strlen(dn) == sl && memcmp(dn, s, sl) == 0;
        }
        if (!found) {
            if (missing.len)
                hc_buf_adds(&missing, ", ");
            hc_buf_add(&missing, s, sl);
        }
    }
    hc_status rc = HC_OK;
    if (!hc_buf_ok(&missing))
        rc = hc_error_nomem(err);
    else if (missing.len)
        rc = hc_error_set(err, HC_ERR_INVALID,
                          "found in Chart.yaml, but missing in charts/ directory: %s",
                          hc_buf_str(&missing));
    hc_buf_release(&missing);
    return rc;
}

/* filepath.Join(dir, file). */
static char *join_path(const char *dir, const char *file)
{
    struct hc_buf t = HC_BUF_INIT, b = HC_BUF_INIT;
    hc_buf_adds(&t, dir);
    if (t.len)
        hc_buf_addc(&t, '/');
    hc_buf_adds(&t, file);
    if (hc_buf_ok(&t))
        hc_archive_path_clean(&b, t.data, t.len);
    hc_buf_release(&t);
    if (!hc_buf_ok(&b) || !b.len) {
        hc_buf_release(&b);
        return NULL;
    }
    return hc_buf_detach(&b, NULL);
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s);
    char *p = hc_malloc(n + 1);
    if (p)
        memcpy(p, s, n + 1);
    return p;
}

/* os.MkdirAll(dir, 0755). */
static hc_status mkdir_all(const char *dir, struct hc_error *err)
{
    char *p = dup_str(dir);
    if (!p)
        return hc_error_nomem(err);
    hc_status rc = HC_OK;
    for (char *s = p + 1;; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            struct stat st;
            if (stat(p, &st) != 0 && mkdir(p, 0755) != 0 && errno != EEXIST) {
                rc = hc_error_set(err, HC_ERR_IO, "mkdir %s: %s", p, strerror(errno));
                break;
            }
            *s = c;
            if (!c)
                break;
        }
    }
    hc_free(p);
    return rc;
}

static hc_status save(struct pack *p, const struct pchart *root, hc_val meta, const char *dest,
                      int64_t mtime, char **path, struct hc_error *err)
{
    const char *name = hc_chart_name(root->meta);
    hc_val version = hc_null();
    hc_map_get(meta.u.m, "version", 7, &version);
    char *file = hc_arena_printf(&p->a, "%s-%.*s.tgz", name, (int)version.len,
                                 version.kind == HC_STRING ? version.u.s : "");
    if (!file)
        return hc_error_nomem(err);
    char *full = join_path(dest, file);
    if (!full)
        return hc_error_nomem(err);
    /* the folder the archive goes in */
    char *dir = dup_str(full);
    char *slash = dir ? strrchr(dir, '/') : NULL;
    hc_status rc = HC_OK;
    if (!dir) {
        rc = hc_error_nomem(err);
    } else if (slash) {
        *slash = '\0';
        if (dir[0] == '\0')
            strcpy(dir, "/");
        struct stat st;
        if (stat(dir, &st) != 0) {
            if (errno != ENOENT)
                rc = hc_error_set(err, HC_ERR_IO, "stat %s: %s", dir, strerror(errno));
            else
                rc = mkdir_all(dir, err);
        } else if (!S_ISDIR(st.st_mode)) {
            rc = hc_error_set(err, HC_ERR_IO, "is not a directory: %s", dir);
        }
    }
    hc_free(dir);
    FILE *f = NULL;
    if (rc == HC_OK && !(f = fopen(full, "wb")))
        rc = hc_error_set(err, HC_ERR_IO, "open %s: %s", full, strerror(errno));
    struct out o = {NULL, mtime, HC_BUF_INIT, HC_BUF_INIT, &p->a, err};
    if (rc == HC_OK)
        rc = hc_tgz_writer_new(f, &o.w, err);
    if (rc == HC_OK)
        rc = write_chart(&o, root, meta, "");
    if (rc == HC_OK) {
        rc = hc_tgz_writer_finish(o.w, err);
        o.w = NULL;
    }
    hc_tgz_writer_free(o.w);
    hc_buf_release(&o.name);
    hc_buf_release(&o.text);
    if (f && fclose(f) != 0 && rc == HC_OK)
        rc = hc_error_set(err, HC_ERR_IO, "close %s: %s", full, strerror(errno));
    if (rc != HC_OK) {
        if (f)
            unlink(full);
        hc_free(full);
        return rc;
    }
    *path = full;
    return HC_OK;
}

hc_status hc_package_dir(const char *dir, const char *dest, const struct hc_package_opts *opts,
                         char **path, struct hc_error *err)
{
    *path = NULL;
    struct hc_chart *c = NULL;
    hc_status rc = hc_chart_load_dir(dir, NULL, &c, err);
    if (rc != HC_OK)
        return rc;
    struct pack p = {.rules = NULL, .abs = HC_BUF_INIT, .rel = HC_BUF_INIT, .err = err};
    hc_arena_init(&p.a, 0);
    hc_val meta;
    rc = hc_meta_to_json(&p.a, hc_chart_metadata(c), opts ? opts->version : NULL,
                         opts ? opts->app_version : NULL, true, &meta, err);
    if (rc == HC_OK) {
        hc_val v = hc_null();
        hc_map_get(meta.u.m, "version", 7, &v);
        struct hc_semver sv;
        struct hc_error serr;
        hc_error_init(&serr);
        if (hc_semver_parse(&sv, v.kind == HC_STRING ? v.u.s : "", v.len, &serr) != HC_OK) {
            hc_error_move(err, &serr);
            rc = HC_ERR_INVALID;
        }
        hc_error_release(&serr);
    }
    if (rc == HC_OK) {
        hc_val deps = hc_null();
        hc_map_get(hc_chart_metadata(c).u.m, "Dependencies", 12, &deps);
        rc = check_dependencies(c, deps, err);
    }
    /* the files again, as LoadDir read them */
    if (rc == HC_OK) {
        if (dir[0] != '/') {
            char *cwd = getcwd(NULL, 0);
            if (cwd) {
                hc_buf_adds(&p.abs, cwd);
                hc_buf_addc(&p.abs, '/');
            }
            free(cwd);
        }
        hc_buf_adds(&p.abs, dir);
        while (p.abs.len > 1 && p.abs.data[p.abs.len - 1] == '/')
            hc_buf_truncate(&p.abs, p.abs.len - 1);
        size_t base = p.abs.len;
        hc_buf_adds(&p.abs, "/.helmignore");
        struct pfile ign = {0};
        struct stat st;
        if (!hc_buf_ok(&p.abs))
            rc = hc_error_nomem(err);
        else if (stat(hc_buf_str(&p.abs), &st) == 0 && S_ISREG(st.st_mode))
            rc = read_file(&p, hc_buf_str(&p.abs), &ign);
        hc_buf_truncate(&p.abs, base);
        struct hc_ignore *rules = NULL;
        if (rc == HC_OK)
            rc = hc_ignore_parse(&p.a, ign.data, ign.len, &rules, err);
        p.rules = rules;
        if (rc == HC_OK)
            rc = walk(&p, 0);
    }
    struct pchart *root = NULL;
    if (rc == HC_OK)
        rc = build(&p, p.all.v, p.all.n, c, 0, &root);
    if (rc == HC_OK) {
        struct hc_error serr;
        hc_error_init(&serr);
        rc =
            save(&p, root, meta, dest && dest[0] ? dest : ".", opts ? opts->mtime : 0, path, &serr);
        if (rc == HC_ERR_NOMEM)
            hc_error_nomem(err);
        else if (rc != HC_OK)
            hc_error_set(err, rc, "failed to save: %s", hc_error_msg(&serr));
        hc_error_release(&serr);
    }
    hc_buf_release(&p.abs);
    hc_buf_release(&p.rel);
    hc_arena_free(&p.a);
    hc_chart_free(c);
    return rc;
}
