/*
 * index.c - index.yaml for a directory of chart archives (helm repo index).
 *
 * Mirrors pkg/repo/v1/index.go and pkg/cmd/repo_index.go.  Archives are read
 * by a pool of threads, each once: its bytes go through SHA-256 on their way
 * to libarchive, which decompresses only as far as Chart.yaml (and
 * requirements.yaml for v1 charts); Chart.yaml is decoded and validated by
 * the chart library, and an archive failing this is skipped silently, as
 * Helm skips archives its loader rejects.  Invariant: groups are kept in name order
 * and, once sorted, each group's versions newest first with equal versions in
 * the order they were added (Go's sort.Sort is stable for Helm's usual group
 * sizes, at most 12).
 */
#include "helmc/repo.h"

#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "archive/meta.h"
#include "archive/path.h"
#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "chart/chart.h"
#include "helmc/archive.h"
#include "helmc/chart.h"
#include "helmc/release.h"
#include "helmc/semver.h"
#include "json/json.h"
#include "yaml/write_sort.h"
#include "yaml/yaml.h"

/* An index file we read is at most this large (Helm has no limit). */
#define MAX_INDEX_SIZE ((size_t)512 << 20)
/* Threads reading archives at most, and the fewest archives worth more than one. */
#define MAX_THREADS       64
#define MIN_PARALLEL_JOBS 8

struct entry {
    hc_val meta; /* chart.Metadata's JSON object */
    const char *name, *version;
    hc_val urls; /* []string */
    struct hc_stamp created;
    hc_val digest;
    hc_val extra; /* removed, checksum, engine, tillerVersion, url of a merged entry */
};

struct group {
    const char *name;
    struct entry **v;
    size_t n, cap;
};

struct index {
    struct hc_arena *a;
    struct group *g; /* sorted by name */
    size_t n, cap;
};

/* ---- the model ---- */

static struct group *find_group(struct index *ix, const char *name, bool add)
{
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(ix->g[mid].name, name);
        if (c == 0)
            return &ix->g[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!add)
        return NULL;
    if (ix->n == ix->cap) {
        size_t cap = ix->cap ? ix->cap * 2 : 16;
        struct group *ng = hc_arena_realloc(ix->a, ix->g, ix->cap * sizeof *ng, cap * sizeof *ng);
        if (!ng)
            return NULL;
        ix->g = ng;
        ix->cap = cap;
    }
    memmove(ix->g + lo + 1, ix->g + lo, (ix->n - lo) * sizeof *ix->g);
    ix->n++;
    ix->g[lo] = (struct group){name, NULL, 0, 0};
    return &ix->g[lo];
}

static hc_status add_entry(struct index *ix, struct entry *e)
{
    struct group *g = find_group(ix, e->name, true);
    if (!g)
        return HC_ERR_NOMEM;
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 4;
        struct entry **nv = hc_arena_realloc(ix->a, g->v, g->cap * sizeof *nv, cap * sizeof *nv);
        if (!nv)
            return HC_ERR_NOMEM;
        g->v = nv;
        g->cap = cap;
    }
    g->v[g->n++] = e;
    return HC_OK;
}

/* IndexFile.Has(name, version), through Get: the exact version, else the constraint. */
static bool index_has(struct index *ix, const char *name, const char *version)
{
    struct group *g = find_group(ix, name, false);
    if (!g || g->n == 0)
        return false;
    if (version[0]) {
        for (size_t i = 0; i < g->n; i++)
            if (strcmp(g->v[i]->version, version) == 0)
                return true;
    }
    struct hc_semver_constraints *c = NULL;
    struct hc_error err;
    hc_error_init(&err);
    const char *cs = version[0] ? version : "*";
    bool found = false;
    if (hc_semver_constraints_parse(cs, strlen(cs), &c, &err) == HC_OK) {
        for (size_t i = 0; i < g->n && !found; i++) {
            struct hc_semver v;
            if (hc_semver_parse(&v, g->v[i]->version, strlen(g->v[i]->version), &err) == HC_OK)
                found = hc_semver_constraints_check(c, &v);
        }
        hc_semver_constraints_free(c);
    }
    hc_error_release(&err);
    return found;
}

/* ChartVersions.Less: semver order; an unparsable version sorts first. */
static bool version_less(const struct entry *x, const struct entry *y)
{
    struct hc_semver a, b;
    struct hc_error err;
    hc_error_init(&err);
    bool less;
    if (hc_semver_parse(&a, x->version, strlen(x->version), &err) != HC_OK)
        less = true;
    else if (hc_semver_parse(&b, y->version, strlen(y->version), &err) != HC_OK)
        less = false;
    else
        less = hc_semver_compare(&a, &b) < 0;
    hc_error_release(&err);
    return less;
}

/* SortEntries: sort.Reverse, as Go's insertion sort does it (stable). */
static void sort_entries(struct index *ix)
{
    for (size_t k = 0; k < ix->n; k++) {
        struct group *g = &ix->g[k];
        for (size_t i = 1; i < g->n; i++)
            for (size_t j = i; j > 0 && version_less(g->v[j - 1], g->v[j]); j--) {
                struct entry *t = g->v[j];
                g->v[j] = g->v[j - 1];
                g->v[j - 1] = t;
            }
    }
}

/* ---- URLs (internal/urlutil.URLJoin) ---- */

/* net/url's shouldEscape(c, encodePath). */
static bool path_escapes(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return false;
    return !strchr("-_.~$&+,/:;=@", c) || c == 0;
}

/* Go's path.Join of a and b: joined with '/', then path.Clean. */
static void path_join(struct hc_buf *b, const char *a, const char *c)
{
    struct hc_buf t = HC_BUF_INIT;
    hc_buf_adds(&t, a);
    if (t.len && c[0])
        hc_buf_addc(&t, '/');
    hc_buf_adds(&t, c);
    if (t.len == 0) {
        hc_buf_release(&t);
        return;
    }
    hc_archive_path_clean(b, t.data, t.len);
    hc_buf_release(&t);
}

/*
 * URLJoin(base, elem): base parsed as a URL, elem joined onto its path, the
 * URL printed again (the path escaped as net/url does).
 */
static char *url_join(struct hc_arena *a, const char *base, const char *elem)
{
    const char *hier = strstr(base, "://");
    const char *path = base;
    if (hier && hier > base && !memchr(base, '/', (size_t)(hier - base))) {
        path = strchr(hier + 3, '/');
        if (!path)
            path = hier + 3 + strcspn(hier + 3, "?#");
    }
    size_t plen = strcspn(path, "?#");
    struct hc_buf b = HC_BUF_INIT, joined = HC_BUF_INIT;
    char *p = hc_arena_strndup(a, path, plen);
    if (!p)
        return NULL;
    path_join(&joined, p, elem);
    hc_buf_add(&b, base, (size_t)(path - base));
    if (path != base && joined.len && joined.data[0] != '/')
        hc_buf_addc(&b, '/');
    for (size_t i = 0; i < joined.len; i++) {
        unsigned char c = (unsigned char)joined.data[i];
        if (path_escapes(c))
            hc_buf_printf(&b, "%%%02X", c);
        else
            hc_buf_addc(&b, (char)c);
    }
    hc_buf_adds(&b, path + plen);
    char *out = hc_buf_ok(&b) && hc_buf_ok(&joined) ? hc_arena_strndup(a, b.data, b.len) : NULL;
    hc_buf_release(&b);
    hc_buf_release(&joined);
    return out;
}

/* ---- reading archives ---- */

/*
 * What one archive gives: only its metadata is read.  The walk stops after
 * Chart.yaml, or, for an apiVersion v1 chart, once requirements.yaml has been
 * seen too (its dependencies are that chart's); the rest of the file is only
 * hashed, not decompressed.
 */
struct chart_read {
    struct hc_arena *a;
    struct hc_chart meta; /* Chart.yaml decoded (meta.meta_map), not yet validated */
    const char *reqs;     /* requirements.yaml, or NULL */
    size_t reqs_len;
    bool have_meta, bad;
};

static hc_status see_entry(void *ctx, const struct hc_tgz_entry *e, bool *stop,
                           struct hc_error *err)
{
    struct chart_read *r = ctx;
    hc_status rc = HC_OK;
    if (strcmp(e->name, "Chart.yaml") == 0) {
        /* a second Chart.yaml is decoded over the first, as Helm does */
        struct hc_error verr;
        hc_error_init(&verr);
        r->meta.arena = r->a;
        rc = hc_chart_meta_read(&r->meta, e->data, e->len, &verr);
        hc_error_release(&verr);
        r->have_meta = rc == HC_OK;
        r->bad = rc != HC_OK;
    } else if (strcmp(e->name, "requirements.yaml") == 0) {
        r->reqs = hc_arena_strndup(r->a, e->data, e->len);
        r->reqs_len = e->len;
        if (!r->reqs)
            rc = HC_ERR_NOMEM;
    }
    if (rc == HC_ERR_NOMEM)
        return hc_error_nomem(err);
    *stop = r->bad || (r->have_meta && (r->reqs || strcmp(r->meta.meta.api_version, "v1") != 0));
    return HC_OK;
}

static char *hex_digest(struct hc_arena *a, const unsigned char d[32])
{
    static const char hex[] = "0123456789abcdef";
    char *s = hc_arena_alloc(a, 65);
    if (s) {
        for (int i = 0; i < 32; i++) {
            s[2 * i] = hex[d[i] >> 4];
            s[2 * i + 1] = hex[d[i] & 15];
        }
        s[64] = '\0';
    }
    return s;
}

/* A deep copy of v (strings too) into a; false when out of memory. */
static bool keep_val(struct hc_arena *a, hc_val *v)
{
    if (v->kind != HC_LIST && v->kind != HC_MAP && v->kind != HC_STRING)
        return true;
    hc_val c;
    if (hc_val_copy(a, *v, true, &c) != HC_OK)
        return false;
    *v = c;
    return true;
}

/*
 * requirements.yaml decoded onto the metadata, as the loader unmarshals it into
 * the same Metadata: its dependencies replace Chart.yaml's.
 */
static hc_status apply_requirements(struct chart_read *r, struct hc_error *verr)
{
    struct hc_chart rq;
    memset(&rq, 0, sizeof rq);
    rq.arena = r->a;
    hc_status rc = hc_chart_meta_read(&rq, r->reqs, r->reqs_len, verr);
    hc_val deps;
    if (rc == HC_OK && rq.meta_map.kind == HC_MAP &&
        hc_map_get(rq.meta_map.u.m, "Dependencies", 12, &deps) && deps.kind == HC_LIST &&
        hc_map_set(r->a, r->meta.meta_map.u.m, "Dependencies", 12, deps) != HC_OK)
        rc = HC_ERR_NOMEM;
    return rc;
}

/* One archive of the directory, with where its URL comes from. */
struct job {
    const char *path, *parent, *fname;
    struct entry *e; /* NULL: the archive does not load (skipped) */
};

/* IndexDirectory's loop body for one archive, in arena a; j->e stays NULL when it does not load. */
static hc_status index_archive(struct hc_arena *a, struct job *j,
                               const struct hc_repo_index_opts *o, struct hc_error *err)
{
    j->e = NULL;
    int fd = open(j->path, O_RDONLY);
    if (fd < 0)
        return HC_OK; /* loader.Load fails: skipped */
    /* the archive's text and decoded forms, freed once the entry is copied out */
    struct hc_arena scratch;
    hc_arena_init(&scratch, 0);
    struct chart_read r;
    memset(&r, 0, sizeof r);
    r.a = &scratch;
    unsigned char sum[32];
    struct hc_error lerr;
    hc_error_init(&lerr);
    hc_status rc = hc_tgz_read_fd(fd, NULL, see_entry, &r, sum, &lerr);
    close(fd);
    if (rc == HC_OK && (!r.have_meta || r.bad))
        rc = HC_ERR_INVALID;
    if (rc == HC_OK && r.reqs)
        rc = apply_requirements(&r, &lerr);
    if (rc == HC_OK)
        rc = hc_chart_meta_validate(&r.meta, &lerr);
    hc_error_release(&lerr);
    struct entry *e = NULL;
    if (rc == HC_OK) {
        e = hc_arena_zalloc(a, sizeof *e);
        if (!e || hc_meta_to_json(&scratch, r.meta.meta_map, NULL, NULL, false, &e->meta, err) ||
            !keep_val(a, &e->meta))
            rc = HC_ERR_NOMEM;
    }
    hc_arena_free(&scratch);
    if (rc == HC_ERR_NOMEM)
        return hc_error_nomem(err);
    if (rc != HC_OK)
        return HC_OK;
    hc_val v = hc_null();
    hc_map_get(e->meta.u.m, "name", 4, &v);
    e->name = v.kind == HC_STRING ? v.u.s : "";
    v = hc_null();
    hc_map_get(e->meta.u.m, "version", 7, &v);
    e->version = v.kind == HC_STRING ? v.u.s : "";
    /* MustAdd(md, fname, URLJoin(url, parent), digest) */
    const char *base = url_join(a, o->url ? o->url : "", j->parent);
    const char *u = base && base[0] ? url_join(a, base, j->fname) : j->fname;
    const char *d = hex_digest(a, sum);
    struct hc_list *l = hc_list_new(a, 1);
    if (!u || !d || !l)
        return hc_error_nomem(err);
    l->items[0] = hc_strn(u, strlen(u));
    e->urls = hc_list_val(l, HC_GT_LIST);
    e->digest = hc_strn(d, 64);
    e->created = hc_stamp_from_unix(o->now_sec, o->now_nsec, o->now_offset);
    e->extra = hc_null();
    j->e = e;
    return HC_OK;
}

/*
 * The archives are read by a pool of threads, one per core, each taking the
 * next archive in directory order and building its entry in its own arena;
 * the entries are then added in directory order, so the output does not
 * depend on which thread read what.
 */
struct pool {
    struct job *jobs;
    size_t n;
    atomic_size_t next;
    atomic_bool failed;
    const struct hc_repo_index_opts *o;
};

struct worker {
    pthread_t thread;
    struct pool *p;
    struct hc_arena a;
    struct hc_error err;
    hc_status rc;
};

static void *work(void *arg)
{
    struct worker *w = arg;
    struct pool *p = w->p;
    for (;;) {
        if (atomic_load(&p->failed))
            break;
        size_t i = atomic_fetch_add(&p->next, 1);
        if (i >= p->n)
            break;
        w->rc = index_archive(&w->a, &p->jobs[i], p->o, &w->err);
        if (w->rc != HC_OK) {
            atomic_store(&p->failed, true);
            break;
        }
    }
    return NULL;
}

/* How many threads read archives: one per online core, within [1, MAX_THREADS]. */
static size_t thread_count(size_t jobs)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t n = cores > 0 ? (size_t)cores : 1;
    if (n > MAX_THREADS)
        n = MAX_THREADS;
    /* a few archives are not worth a thread (and keep fault injection single-threaded) */
    if (jobs < MIN_PARALLEL_JOBS)
        n = 1;
    return n < jobs ? n : (jobs ? jobs : 1);
}

/* Reads every job's archive; the entries live in *arenas (freed by the caller). */
static hc_status read_archives(struct index *ix, struct job *jobs, size_t n,
                               const struct hc_repo_index_opts *o, struct worker **workers,
                               size_t *nworkers, struct hc_error *err)
{
    size_t nt = thread_count(n);
    struct worker *w = hc_arena_array(ix->a, nt, sizeof *w);
    if (!w)
        return hc_error_nomem(err);
    struct pool p = {.jobs = jobs, .n = n, .o = o};
    atomic_init(&p.next, 0);
    atomic_init(&p.failed, false);
    size_t started = 0;
    for (size_t i = 0; i < nt; i++) {
        w[i].p = &p;
        w[i].rc = HC_OK;
        hc_arena_init(&w[i].a, 0);
        hc_error_init(&w[i].err);
    }
    *workers = w;
    *nworkers = nt;
    if (nt == 1) {
        work(&w[0]);
    } else {
        /* the main thread is the last worker */
        for (; started < nt - 1; started++)
            if (pthread_create(&w[started].thread, NULL, work, &w[started]) != 0)
                break;
        work(&w[nt - 1]);
        for (size_t i = 0; i < started; i++)
            pthread_join(w[i].thread, NULL);
    }
    for (size_t i = 0; i < nt; i++) {
        if (w[i].rc != HC_OK) {
            hc_status rc = w[i].rc;
            hc_error_set(err, rc, "%s", hc_error_msg(&w[i].err));
            return rc;
        }
    }
    for (size_t i = 0; i < n; i++)
        if (jobs[i].e && add_entry(ix, jobs[i].e) != HC_OK)
            return hc_error_nomem(err);
    return HC_OK;
}

static int cmp_names(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The sorted names in directory dir (NULL and 0 when it cannot be read). */
static char **list_dir(struct hc_arena *a, const char *dir, size_t *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **v = NULL;
    size_t cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (*n == cap) {
            size_t nc = cap ? cap * 2 : 32;
            char **nv = hc_arena_realloc(a, v, cap * sizeof *nv, nc * sizeof *nv);
            if (!nv)
                break;
            v = nv;
            cap = nc;
        }
        if (!(v[*n] = hc_arena_strdup(a, de->d_name)))
            break;
        (*n)++;
    }
    closedir(d);
    if (*n > 1)
        qsort(v, *n, sizeof *v, cmp_names);
    return v;
}

static bool is_tgz(const char *name)
{
    size_t n = strlen(name);
    return n >= 4 && strcmp(name + n - 4, ".tgz") == 0;
}

/* Appends the job for dir/name when it is a regular file; false when out of memory. */
static bool add_job(struct hc_arena *a, struct job **jobs, size_t *n, size_t *cap,
                    const char *dir, const char *parent, const char *name)
{
    char *p = hc_arena_printf(a, "%s/%s", dir, name);
    struct stat st;
    if (!p)
        return false;
    if (stat(p, &st) != 0 || !S_ISREG(st.st_mode))
        return true;
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        struct job *nj = hc_arena_realloc(a, *jobs, *cap * sizeof *nj, nc * sizeof *nj);
        if (!nj)
            return false;
        *jobs = nj;
        *cap = nc;
    }
    (*jobs)[(*n)++] = (struct job){p, parent, name, NULL};
    return true;
}

/* IndexDirectory's archives: DIR/ *.tgz, then DIR/ * / *.tgz, each glob in name order. */
static hc_status list_archives(struct hc_arena *a, const char *dir, struct job **jobs,
                               size_t *njobs, struct hc_error *err)
{
    size_t n, cap = 0;
    *jobs = NULL;
    *njobs = 0;
    char **names = list_dir(a, dir, &n);
    for (size_t i = 0; i < n; i++)
        if (is_tgz(names[i]) && !add_job(a, jobs, njobs, &cap, dir, "", names[i]))
            return hc_error_nomem(err);
    for (size_t i = 0; i < n; i++) {
        char *sub = hc_arena_printf(a, "%s/%s", dir, names[i]);
        struct stat st;
        if (!sub)
            return hc_error_nomem(err);
        if (stat(sub, &st) != 0 || !S_ISDIR(st.st_mode))
            continue;
        size_t m;
        char **inner = list_dir(a, sub, &m);
        for (size_t k = 0; k < m; k++)
            if (is_tgz(inner[k]) && !add_job(a, jobs, njobs, &cap, sub, names[i], inner[k]))
                return hc_error_nomem(err);
    }
    return HC_OK;
}

/* ---- reading an index (loadIndex) ---- */

static hc_val field(hc_val m, const char *key)
{
    hc_val v = hc_missing();
    if (m.kind == HC_MAP && m.u.m)
        hc_map_get(m.u.m, key, strlen(key), &v);
    return v;
}

/* loadIndex's warnings; version NULL: the entry is empty. */
static void warn(const struct hc_repo_index_opts *o, struct hc_arena *a, const char *name,
                 const char *version, const char *source, const char *msg)
{
    if (!o->warn)
        return;
    char *s = version ? hc_arena_printf(a,
                                        "skipping loading invalid entry for chart \"%s\" \"%s\" "
                                        "from %s: %s",
                                        name, version, source, msg)
                      : hc_arena_printf(a,
                                        "skipping loading invalid entry for chart \"%s\" from "
                                        "%s: empty entry",
                                        name, source);
    if (s)
        o->warn(o->warn_ctx, s);
}

/*
 * One entry of a read index, checked as loadIndex checks it; NULL *out when
 * it is skipped.  The work happens in a scratch arena and only the entry
 * itself is copied into the index's arena, so that the document the entry
 * came from can be freed once it is read.
 */
static hc_status read_entry(struct index *ix, const char *gname, hc_val v, const char *source,
                            const struct hc_repo_index_opts *o, struct entry **out,
                            struct hc_error *err)
{
    *out = NULL;
    if (v.kind != HC_MAP || !v.u.m) {
        warn(o, ix->a, gname, NULL, source, NULL);
        return HC_OK;
    }
    struct hc_arena scratch;
    hc_arena_init(&scratch, 0);
    struct hc_error verr;
    hc_error_init(&verr);
    struct entry e;
    memset(&e, 0, sizeof e);
    hc_val chart = hc_null();
    /* the entry as the metadata it embeds, then Validate (loadIndex keeps some entries only Validate refuses) */
    struct hc_chart tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.arena = &scratch;
    hc_status rc = hc_chart_meta_decode(&tmp, v, &verr);
    if (rc == HC_OK) {
        chart = tmp.meta_map;
        rc = hc_chart_meta_validate(&tmp, &verr);
    }
    if (rc == HC_ERR_NOMEM) {
        rc = hc_error_nomem(err);
        goto out;
    }
    if (rc != HC_OK &&
        strncmp(hc_error_msg(&verr), "validation: more than one dependency with name or alias",
                55) != 0) {
        hc_val ver = field(v, "version");
        warn(o, ix->a, gname, ver.kind == HC_STRING ? ver.u.s : "", source, hc_error_msg(&verr));
        rc = HC_OK;
        goto out;
    }
    rc = HC_ERR_NOMEM;
    if (hc_meta_to_json(&scratch, chart, NULL, NULL, false, &e.meta, err) != HC_OK)
        goto out;
    e.urls = field(v, "urls");
    if (e.urls.kind != HC_LIST)
        e.urls = hc_null();
    hc_val c = field(v, "created");
    if (c.kind == HC_STRING && (rc = hc_stamp_parse(c.u.s, c.len, &e.created, err)) != HC_OK)
        goto out;
    e.digest = field(v, "digest");
    struct hc_map *extra = hc_map_new(&scratch, 4);
    rc = HC_ERR_NOMEM;
    if (!extra)
        goto out;
    static const char *const keys[] = {"checksum", "engine", "tillerVersion", "url", NULL};
    for (size_t i = 0; keys[i]; i++) {
        hc_val x = field(v, keys[i]);
        if (x.kind == HC_STRING && x.len &&
            hc_map_set(&scratch, extra, keys[i], strlen(keys[i]), x) != HC_OK)
            goto out;
    }
    hc_val rm = field(v, "removed");
    if (rm.kind == HC_BOOL && rm.u.b && hc_map_set(&scratch, extra, "removed", 7, rm) != HC_OK)
        goto out;
    e.extra = hc_map_val(extra, HC_GT_MAP);
    struct entry *k = hc_arena_alloc(ix->a, sizeof *k);
    if (!k)
        goto out;
    *k = e;
    if (!keep_val(ix->a, &k->meta) || !keep_val(ix->a, &k->urls) ||
        !keep_val(ix->a, &k->digest) || !keep_val(ix->a, &k->extra))
        goto out;
    hc_val s = field(k->meta, "name");
    k->name = s.kind == HC_STRING ? s.u.s : "";
    s = field(k->meta, "version");
    k->version = s.kind == HC_STRING ? s.u.s : "";
    *out = k;
    rc = HC_OK;
out:
    if (rc == HC_ERR_NOMEM)
        hc_error_nomem(err);
    hc_error_release(&verr);
    hc_arena_free(&scratch);
    return rc;
}

static hc_status read_file_all(const char *path, char **data, size_t *len, struct hc_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return hc_error_set(err, HC_ERR_IO, "open %s: %s", path,
                            errno == ENOENT ? "no such file or directory" : strerror(errno));
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_init(&b, MAX_INDEX_SIZE);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        hc_buf_add(&b, chunk, n);
    bool bad = ferror(f) != 0;
    fclose(f);
    if (bad || !hc_buf_ok(&b)) {
        hc_buf_release(&b);
        return bad ? hc_error_set(err, HC_ERR_IO, "read %s: %s", path, strerror(errno))
                   : hc_error_nomem(err);
    }
    hc_buf_addc(&b, '\0');
    *data = hc_buf_detach(&b, len);
    (*len)--;
    return HC_OK;
}

/* A JSON key that matches none of names (as encoding/json matches: exactly or ignoring case). */
static bool known_key(const char *key, size_t klen, const char *const *names)
{
    for (size_t i = 0; names[i]; i++)
        if (strlen(names[i]) == klen && strncasecmp(names[i], key, klen) == 0)
            return true;
    return false;
}

static const char *const index_keys[] = {"serverInfo", "apiVersion",  "generated", "entries",
                                         "publicKeys", "annotations", NULL};
static const char *const entry_keys[] = {
    "name",        "home",        "sources",     "version",      "description", "keywords",
    "maintainers", "icon",        "apiVersion",  "condition",    "tags",        "appVersion",
    "deprecated",  "annotations", "kubeVersion", "dependencies", "type",        "urls",
    "created",     "removed",     "digest",      "checksum",     "engine",      "tillerVersion",
    "url",         NULL};
static const char *const maint_keys[] = {"name", "email", "url", NULL};
static const char *const dep_keys[] = {"name",          "version", "repository",
                                       "condition",     "tags",    "enabled",
                                       "import-values", "alias",   NULL};

/* The first key of each object in list that names no field, or NULL. */
static const struct hc_mapent *unknown_in_list(hc_val list, const char *const *names)
{
    if (list.kind != HC_LIST || !list.u.l)
        return NULL;
    for (uint32_t i = 0; i < list.u.l->len; i++) {
        hc_val m = list.u.l->items[i];
        if (m.kind != HC_MAP || !m.u.m)
            continue;
        hc_map_foreach(m.u.m, e) {
            if (!known_key(e->key, e->klen, names))
                return e;
            if (names == entry_keys) {
                const struct hc_mapent *u = NULL;
                if (known_key(e->key, e->klen, (const char *const[]){"maintainers", NULL}))
                    u = unknown_in_list(e->val, maint_keys);
                else if (known_key(e->key, e->klen, (const char *const[]){"dependencies", NULL}))
                    u = unknown_in_list(e->val, dep_keys);
                if (u)
                    return u;
            }
        }
    }
    return NULL;
}

/*
 * yaml.UnmarshalStrict's refusal of unknown fields, in the order Go meets them: the YAML
 * becomes JSON with sorted keys, decoded depth first.
 */
static const struct hc_mapent *unknown_field(hc_val doc)
{
    if (doc.kind != HC_MAP || !doc.u.m)
        return NULL;
    hc_map_foreach(doc.u.m, e) {
        if (!known_key(e->key, e->klen, index_keys))
            return e;
        if (e->klen == 7 && strncasecmp(e->key, "entries", 7) == 0 && e->val.kind == HC_MAP &&
            e->val.u.m) {
            hc_map_foreach(e->val.u.m, g) {
                const struct hc_mapent *u = unknown_in_list(g->val, entry_keys);
                if (u)
                    return u;
            }
        }
    }
    return NULL;
}

/* LoadIndexFile(path) into ix (entries validated, invalid ones warned about and dropped). */
static hc_status load_index(struct index *ix, const char *path, const struct hc_repo_index_opts *o,
                            struct hc_error *err)
{
    char *data = NULL;
    size_t len = 0;
    hc_status rc = read_file_all(path, &data, &len, err);
    if (rc != HC_OK)
        return rc;
    /* the document, freed once its entries are copied out */
    struct hc_arena da;
    hc_arena_init(&da, 0);
    hc_val doc = hc_null();
    struct hc_error perr;
    hc_error_init(&perr);
    if (len == 0) {
        rc = hc_error_set(err, HC_ERR_PARSE, "error loading %s: empty index.yaml file", path);
        goto out;
    }
    rc = hc_json_read(&da, data, len, &doc, &perr);
    if (rc == HC_ERR_PARSE) {
        hc_error_release(&perr);
        hc_error_init(&perr);
        rc = hc_yaml_read(&da, data, len, NULL, &doc, &perr);
        const struct hc_mapent *u = rc == HC_OK ? unknown_field(doc) : NULL;
        if (u)
            rc = hc_error_set(&perr, HC_ERR_PARSE,
                              "error unmarshaling JSON: while decoding JSON: json: unknown field "
                              "\"%.*s\"",
                              (int)u->klen, u->key);
    }
    hc_free(data);
    data = NULL;
    if (rc != HC_OK) {
        rc = rc == HC_ERR_NOMEM
                 ? hc_error_nomem(err)
                 : hc_error_set(err, rc, "error loading %s: %s", path, hc_error_msg(&perr));
        goto out;
    }
    hc_val entries = field(doc, "entries");
    if (entries.kind == HC_MAP && entries.u.m) {
        hc_map_foreach(entries.u.m, g) {
            if (g->val.kind != HC_LIST || !g->val.u.l)
                continue;
            char *gname = hc_arena_strndup(ix->a, g->key, g->klen);
            if (!gname) {
                rc = hc_error_nomem(err);
                goto out;
            }
            size_t n = g->val.u.l->len;
            struct entry **kept = hc_arena_array(ix->a, n ? n : 1, sizeof *kept);
            if (!kept) {
                rc = hc_error_nomem(err);
                goto out;
            }
            /* loadIndex walks each list from its end */
            for (size_t i = n; i-- > 0;) {
                rc = read_entry(ix, gname, g->val.u.l->items[i], path, o, &kept[i], err);
                if (rc != HC_OK)
                    goto out;
            }
            for (size_t i = 0; i < n; i++) {
                if (!kept[i])
                    continue;
                if (add_entry(ix, kept[i]) != HC_OK) {
                    rc = hc_error_nomem(err);
                    goto out;
                }
            }
        }
    }
    sort_entries(ix);
    hc_val api = field(doc, "apiVersion");
    if (api.kind != HC_STRING || api.len == 0)
        rc = hc_error_set(err, HC_ERR_PARSE, "error loading %s: no API version specified", path);
out:
    hc_error_release(&perr);
    hc_arena_free(&da);
    hc_free(data);
    return rc;
}

/* ---- writing ---- */

static char *stamp_text(struct hc_arena *a, struct hc_stamp t)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_stamp_format(&b, t);
    char *s = hc_buf_ok(&b) ? hc_arena_strndup(a, b.data, b.len) : NULL;
    hc_buf_release(&b);
    return s;
}

/* An entry as ChartVersion marshals: the metadata's fields, then its own. */
static hc_status entry_map(struct hc_arena *a, const struct entry *e, hc_val *out)
{
    struct hc_map *m = hc_map_new(a, 24);
    if (!m)
        return HC_ERR_NOMEM;
    hc_map_foreach(e->meta.u.m, f) {
        if (hc_map_set(a, m, f->key, f->klen, f->val) != HC_OK)
            return HC_ERR_NOMEM;
    }
    char *created = stamp_text(a, e->created);
    if (!created || hc_map_set(a, m, "urls", 4, e->urls) != HC_OK ||
        hc_map_set(a, m, "created", 7, hc_strn(created, strlen(created))) != HC_OK)
        return HC_ERR_NOMEM;
    if (e->digest.kind == HC_STRING && e->digest.len &&
        hc_map_set(a, m, "digest", 6, e->digest) != HC_OK)
        return HC_ERR_NOMEM;
    if (e->extra.kind == HC_MAP && e->extra.u.m) {
        hc_map_foreach(e->extra.u.m, f) {
            if (hc_map_set(a, m, f->key, f->klen, f->val) != HC_OK)
                return HC_ERR_NOMEM;
        }
    }
    *out = hc_map_val(m, HC_GT_MAP);
    return HC_OK;
}

/*
 * The index file being written: fileutil.AtomicWriteFile's temporary file
 * beside the destination, renamed over it at the end (mode 0644), and the
 * text not yet written to it.  The text goes out group by group, so a big
 * index is never whole in memory.
 */
struct out {
    struct hc_buf b;
    int fd;
    char *tmp;
    struct hc_error *err;
};

/* Writes o->b out when it holds at least min bytes. */
static hc_status out_flush(struct out *o, size_t min)
{
    if (!hc_buf_ok(&o->b))
        return hc_error_nomem(o->err);
    if (o->b.len < min || o->b.len == 0)
        return HC_OK;
    size_t off = 0;
    while (off < o->b.len) {
        ssize_t w = write(o->fd, o->b.data + off, o->b.len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return hc_error_set(o->err, HC_ERR_IO, "write %s: %s", o->tmp, strerror(errno));
        off += (size_t)w;
    }
    hc_buf_reset(&o->b);
    return HC_OK;
}

/* Text is written out in pieces of about this size. */
#define OUT_CHUNK ((size_t)1 << 20)

/*
 * One group as the whole document's emitter writes it: block style puts each
 * group on lines of its own, at the same columns, so the group is written as
 * the document {entries: {NAME: [...]}} without its first line.
 */
static hc_status write_yaml_group(struct group *g, struct out *o)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    hc_status rc = HC_ERR_NOMEM;
    struct hc_list *l = hc_list_new(&a, g->n);
    struct hc_map *entries = hc_map_new(&a, 1), *root = hc_map_new(&a, 1);
    struct hc_buf t = HC_BUF_INIT;
    if (!l || !entries || !root)
        goto out;
    for (size_t k = 0; k < g->n; k++)
        if (entry_map(&a, g->v[k], &l->items[k]) != HC_OK)
            goto out;
    if (hc_map_set(&a, entries, g->name, strlen(g->name), hc_list_val(l, HC_GT_LIST)) != HC_OK ||
        hc_map_set(&a, root, "entries", 7, hc_map_val(entries, HC_GT_MAP)) != HC_OK)
        goto out;
    rc = hc_yaml_write(&t, hc_map_val(root, HC_GT_MAP), o->err);
    if (rc == HC_OK) {
        static const char head[] = "entries:\n";
        if (t.len < sizeof head - 1 || memcmp(t.data, head, sizeof head - 1) != 0)
            rc = hc_error_set(o->err, HC_ERR_INVALID, "unexpected index layout");
        else
            hc_buf_add(&o->b, t.data + sizeof head - 1, t.len - (sizeof head - 1));
    }
out:
    if (rc == HC_ERR_NOMEM)
        hc_error_nomem(o->err);
    hc_buf_release(&t);
    hc_arena_free(&a);
    return rc == HC_OK ? out_flush(o, OUT_CHUNK) : rc;
}

/* A one-key document {key: v} as sigs.k8s.io/yaml writes it, appended to o. */
static hc_status write_yaml_field(struct hc_arena *a, const char *key, hc_val v, struct out *o)
{
    struct hc_map *m = hc_map_new(a, 1);
    if (!m || hc_map_set(a, m, key, strlen(key), v) != HC_OK)
        return hc_error_nomem(o->err);
    return hc_yaml_write(&o->b, hc_map_val(m, HC_GT_MAP), o->err);
}

static hc_status write_yaml(struct index *ix, const char *generated, struct out *o)
{
    /* the fields and the groups in the order go-yaml sorts map keys */
    struct hc_yaml_key *keys = hc_arena_array(ix->a, ix->n + 1, sizeof *keys);
    struct hc_yaml_key *tmp = hc_arena_array(ix->a, ix->n + 1, sizeof *tmp);
    if (!keys || !tmp)
        return hc_error_nomem(o->err);
    for (size_t i = 0; i < ix->n; i++)
        keys[i] = (struct hc_yaml_key){ix->g[i].name, (uint32_t)strlen(ix->g[i].name),
                                       (uint32_t)i};
    hc_yaml_sort_keys(keys, tmp, ix->n, false);
    hc_status rc = write_yaml_field(ix->a, "apiVersion", hc_strn("v1", 2), o);
    if (rc == HC_OK && ix->n == 0) {
        struct hc_map *none = hc_map_new(ix->a, 0);
        rc = none ? write_yaml_field(ix->a, "entries", hc_map_val(none, HC_GT_MAP), o)
                  : hc_error_nomem(o->err);
    } else if (rc == HC_OK) {
        hc_buf_adds(&o->b, "entries:\n");
    }
    for (size_t i = 0; i < ix->n && rc == HC_OK; i++)
        rc = write_yaml_group(&ix->g[keys[i].idx], o);
    if (rc == HC_OK)
        rc = write_yaml_field(ix->a, "generated", hc_strn(generated, strlen(generated)), o);
    return rc;
}

static void nl(struct hc_buf *b, int level)
{
    hc_buf_addc(b, '\n');
    hc_buf_addn(b, ' ', (size_t)level * 2);
}

/* ChartVersion's own fields after the embedded Metadata's, in declaration order. */
static hc_status entry_json(struct hc_arena *a, struct hc_buf *b, const struct entry *e, int level,
                            struct hc_error *err)
{
    hc_buf_addc(b, '{');
    bool first = true;
    hc_status rc = hc_meta_json_fields(b, e->meta, level + 1, &first, err);
    if (rc != HC_OK)
        return rc;
    char *created = stamp_text(a, e->created);
    if (!created)
        return hc_error_nomem(err);
    struct {
        const char *key;
        hc_val v;
    } own[] = {
        {"urls",            e->urls         },
        {               "created",  hc_strn(created, strlen(created))},
        {               "removed",   field(e->extra,       "removed")},
        {               "digest",        e->digest                },
        {      "checksum",      field(e->extra,                      "checksum")},
        {        "engine",        field(e->extra,                        "engine")},
        { "tillerVersion", field(e->extra,                 "tillerVersion")},
        {           "url",           field(e->extra,                           "url")},
    };
    for (size_t i = 0; i < sizeof own / sizeof *own; i++) {
        hc_val v = own[i].v;
        bool always = i < 2;
        if (!always && (v.kind == HC_MISSING || v.kind == HC_NULL ||
                        (v.kind == HC_STRING && v.len == 0) || (v.kind == HC_BOOL && !v.u.b)))
            continue;
        if (i == 0 && v.kind != HC_LIST)
            v = hc_null();
        if (!first)
            hc_buf_addc(b, ',');
        first = false;
        nl(b, level + 1);
        hc_buf_printf(b, "\"%s\": ", own[i].key);
        rc = hc_meta_json_value(b, v, level + 1, err);
        if (rc != HC_OK)
            return rc;
    }
    nl(b, level);
    hc_buf_addc(b, '}');
    return HC_OK;
}

static hc_status write_json(struct index *ix, const char *generated, struct out *o)
{
    struct hc_buf *b = &o->b;
    struct hc_error *err = o->err;
    hc_buf_printf(
        b, "{\n  \"apiVersion\": \"v1\",\n  \"generated\": \"%s\",\n  \"entries\": ", generated);
    if (ix->n == 0) {
        hc_buf_adds(b, "{}\n}");
        return HC_OK;
    }
    hc_buf_addc(b, '{');
    for (size_t i = 0; i < ix->n; i++) {
        struct group *g = &ix->g[i];
        if (i)
            hc_buf_addc(b, ',');
        nl(b, 2);
        hc_status rc = hc_meta_json_value(b, hc_strn(g->name, strlen(g->name)), 2, err);
        if (rc != HC_OK)
            return rc;
        hc_buf_adds(b, ": ");
        if (g->n == 0) {
            hc_buf_adds(b, "[]");
            continue;
        }
        hc_buf_addc(b, '[');
        for (size_t k = 0; k < g->n; k++) {
            if (k)
                hc_buf_addc(b, ',');
            nl(b, 3);
            rc = entry_json(ix->a, b, g->v[k], 3, err);
            if (rc != HC_OK)
                return rc;
        }
        nl(b, 2);
        hc_buf_addc(b, ']');
        rc = out_flush(o, OUT_CHUNK);
        if (rc != HC_OK)
            return rc;
    }
    hc_buf_adds(b, "\n  }\n}");
    return HC_OK;
}

/* Opens o's temporary file beside dest (fileutil.AtomicWriteFile's). */
static hc_status out_open(struct out *o, const char *dest)
{
    o->fd = -1;
    o->tmp = NULL;
    for (int tries = 0; tries < 100 && o->fd < 0; tries++) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        unsigned long r = (unsigned long)(ts.tv_nsec ^ (ts.tv_sec << 7)) * 2654435761ul;
        hc_free(o->tmp);
        size_t n = strlen(dest) + 24;
        o->tmp = hc_malloc(n);
        if (!o->tmp)
            return hc_error_nomem(o->err);
        snprintf(o->tmp, n, "%s%lu", dest, (r + (unsigned long)tries) % 4294967296ul);
        o->fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (o->fd < 0 && errno != EEXIST)
            break;
    }
    if (o->fd < 0)
        return hc_error_set(o->err, HC_ERR_IO, "open %s: %s", o->tmp,
                            errno == ENOENT ? "no such file or directory" : strerror(errno));
    return HC_OK;
}

/* Writes the rest, closes the file and renames it over dest; removes it if rc or that fails. */
static hc_status out_close(struct out *o, const char *dest, hc_status rc)
{
    if (rc == HC_OK)
        rc = out_flush(o, 0);
    if (o->fd >= 0) {
        if (close(o->fd) != 0 && rc == HC_OK)
            rc = hc_error_set(o->err, HC_ERR_IO, "close %s: %s", o->tmp, strerror(errno));
        if (rc == HC_OK && chmod(o->tmp, 0644) != 0)
            rc = hc_error_set(o->err, HC_ERR_IO, "chmod %s: %s", o->tmp, strerror(errno));
        if (rc == HC_OK && rename(o->tmp, dest) != 0)
            rc = hc_error_set(o->err, HC_ERR_IO, "rename %s %s: %s", o->tmp, dest,
                              strerror(errno));
        if (rc != HC_OK)
            unlink(o->tmp);
    }
    hc_free(o->tmp);
    hc_buf_release(&o->b);
    return rc;
}

static hc_status write_index(struct index *ix, const char *dest, const struct hc_repo_index_opts *o,
                             struct hc_error *err)
{
    char *generated = stamp_text(ix->a, hc_stamp_from_unix(o->now_sec, o->now_nsec, o->now_offset));
    if (!generated)
        return hc_error_nomem(err);
    struct out out = {.b = HC_BUF_INIT, .err = err};
    hc_status rc = out_open(&out, dest);
    if (rc == HC_OK)
        rc = o->json ? write_json(ix, generated, &out) : write_yaml(ix, generated, &out);
    return out_close(&out, dest, rc);
}

/* IndexFile.Merge(old), with --keep-created's carrying over of creation times. */
static hc_status merge(struct index *ix, struct index *old, bool keep_created)
{
    if (keep_created) {
        for (size_t i = 0; i < ix->n; i++) {
            struct group *g = &ix->g[i], *og = find_group(old, g->name, false);
            for (size_t k = 0; og && k < g->n; k++) {
                struct entry *e = g->v[k];
                for (size_t j = 0; j < og->n; j++) {
                    struct entry *p = og->v[j];
                    if (strcmp(p->version, e->version) == 0 && p->digest.kind == HC_STRING &&
                        e->digest.len == p->digest.len &&
                        memcmp(e->digest.u.s, p->digest.u.s, e->digest.len) == 0) {
                        e->created = p->created;
                        break;
                    }
                }
            }
        }
    }
    for (size_t i = 0; i < old->n; i++) {
        struct group *og = &old->g[i];
        for (size_t k = 0; k < og->n; k++) {
            struct entry *e = og->v[k];
            if (!index_has(ix, e->name, e->version) && add_entry(ix, e) != HC_OK)
                return HC_ERR_NOMEM;
        }
    }
    return HC_OK;
}

hc_status hc_repo_index_dir(const char *dir, const struct hc_repo_index_opts *o,
                            struct hc_error *err)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct index ix = {&a, NULL, 0, 0}, old = {&a, NULL, 0, 0};
    hc_status rc = HC_OK;
    char *abs = NULL;
    struct worker *workers = NULL; /* their arenas hold the directory's entries */
    size_t nworkers = 0;
    if (dir[0] == '/') {
        abs = hc_arena_strdup(&a, dir);
    } else {
        char *cwd = getcwd(NULL, 0);
        abs = cwd ? hc_arena_printf(&a, "%s/%s", cwd, dir) : NULL;
        free(cwd);
    }
    if (!abs) {
        rc = hc_error_nomem(err);
        goto out;
    }
    for (size_t n = strlen(abs); n > 1 && abs[n - 1] == '/';)
        abs[--n] = '\0';
    struct job *jobs = NULL;
    size_t njobs = 0;
    rc = list_archives(&a, abs, &jobs, &njobs, err);
    if (rc == HC_OK)
        rc = read_archives(&ix, jobs, njobs, o, &workers, &nworkers, err);
    if (rc == HC_OK && o->merge && o->merge[0]) {
        struct stat st;
        if (stat(o->merge, &st) != 0 && errno == ENOENT) {
            struct hc_error ignored;
            hc_error_init(&ignored);
            write_index(&old, o->merge, o, &ignored);
            hc_error_release(&ignored);
        } else {
            struct hc_error lerr;
            hc_error_init(&lerr);
            rc = load_index(&old, o->merge, o, &lerr);
            if (rc == HC_ERR_NOMEM)
                hc_error_nomem(err);
            else if (rc != HC_OK)
                hc_error_set(err, rc, "merge failed: %s", hc_error_msg(&lerr));
            hc_error_release(&lerr);
            if (rc == HC_OK && merge(&ix, &old, o->keep_created) != HC_OK)
                rc = hc_error_nomem(err);
        }
    }
    if (rc == HC_OK) {
        sort_entries(&ix);
        char *dest = hc_arena_printf(&a, "%s/index.yaml", abs);
        rc = dest ? write_index(&ix, dest, o, err) : hc_error_nomem(err);
    }
out:
    for (size_t i = 0; i < nworkers; i++) {
        hc_arena_free(&workers[i].a);
        hc_error_release(&workers[i].err);
    }
    hc_arena_free(&a);
    return rc;
}
