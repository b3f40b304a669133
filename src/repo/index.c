/*
 * index.c - index.yaml for a directory of chart archives (helm repo index).
 *
 * Mirrors pkg/repo/v1/index.go and pkg/cmd/repo_index.go.  Archives are read
 * by a pool of threads, each once: its bytes go through SHA-256, and only as
 * much of it is decompressed as Chart.yaml (and requirements.yaml for v1
 * charts) needs (scan.c); Chart.yaml is decoded and validated by the chart
 * library, and an archive failing this is skipped silently, as Helm skips
 * archives its loader rejects.  Entries are rendered by the thread that read
 * them, and their texts wait in a temporary file until the index is written;
 * an index to merge into is read entry by entry when it has helm's layout.  Invariant: groups are kept in name order
 * and, once sorted, each group's versions newest first with equal versions in
 * the order they were added (Go's sort.Sort is stable for Helm's usual group
 * sizes, at most 12).
 */
#include "helmc/repo.h"

#include <dirent.h>
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
#include "base/pool.h"
#include "base/threads.h"
#include "chart/chart.h"
#include "helmc/archive.h"
#include "helmc/chart.h"
#include "helmc/release.h"
#include "helmc/semver.h"
#include "json/json.h"
#include "repo/entry_text.h"
#include "repo/scan.h"
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
    /*
     * The entry as written (a YAML list item at the index's indentation, or a
     * JSON object at its level), rendered by the thread that read it, or NULL;
     * meta, urls and extra are dropped once it is set.
     */
    const char *text;
    size_t text_len;
    bool spilled;        /* the text is in the index's spill file (text NULL) */
    off_t spill_off;     /* where */
    struct hc_semver sv; /* version parsed, borrowing it (entry_semver) */
    signed char sv_ok;   /* 0: not parsed yet; 1: sv holds it; -1: it does not parse */
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
    struct hc_arena *keep; /* more arenas holding entries (malloc'd array), freed with it */
    size_t nkeep;
    char *data;  /* the file read, which entries' texts may point into (malloc'd), or NULL */
    FILE *spill; /* an unlinked temporary file holding texts of entries (spilled), or NULL */
};

static hc_status render_entry(struct entry *e, bool json, struct hc_arena *dst,
                              struct hc_error *err);
static hc_status entry_json(struct hc_arena *a, struct hc_buf *b, const struct entry *e, int level,
                            struct hc_error *err);
static struct entry *keep_entry(struct hc_arena *a, const struct entry *e, bool copy_text);

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

/* Frees the arenas ix keeps beside its own. */
static void index_release(struct index *ix)
{
    for (size_t i = 0; i < ix->nkeep; i++)
        hc_arena_free(&ix->keep[i]);
    hc_free(ix->keep);
    hc_free(ix->data);
    if (ix->spill)
        fclose(ix->spill);
    ix->spill = NULL;
    ix->keep = NULL;
    ix->nkeep = 0;
    ix->data = NULL;
}

/* e's version as semver.NewVersion parses it, or NULL; parsed once (not thread-safe). */
static const struct hc_semver *entry_semver(struct entry *e)
{
    if (e->sv_ok == 0) {
        struct hc_error err;
        hc_error_init(&err);
        e->sv_ok = hc_semver_parse(&e->sv, e->version, strlen(e->version), &err) == HC_OK ? 1 : -1;
        hc_error_release(&err);
    }
    return e->sv_ok > 0 ? &e->sv : NULL;
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
            const struct hc_semver *v = entry_semver(g->v[i]);
            found = v && hc_semver_constraints_check(c, v);
        }
        hc_semver_constraints_free(c);
    }
    hc_error_release(&err);
    return found;
}

/* ChartVersions.Less: semver order; an unparsable version sorts first. */
static bool version_less(struct entry *x, struct entry *y)
{
    const struct hc_semver *a = entry_semver(x), *b;
    if (!a)
        return true;
    if (!(b = entry_semver(y)))
        return false;
    return hc_semver_compare(a, b) < 0;
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

/* Back to nothing seen (what was allocated stays in the arena). */
static void unsee(void *ctx)
{
    struct chart_read *r = ctx;
    struct hc_arena *a = r->a;
    memset(r, 0, sizeof *r);
    r->a = a;
}

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

/* An archive's entry beside its metadata: name, version, URL, digest, created (in a). */
static hc_status entry_fields(struct hc_arena *a, struct entry *e, const struct job *j,
                              const unsigned char sum[32], const struct hc_repo_index_opts *o)
{
    hc_val v = hc_null();
    hc_map_get(e->meta.u.m, "name", 4, &v);
    e->name = v.kind == HC_STRING ? hc_arena_strndup(a, v.u.s, v.len) : "";
    v = hc_null();
    hc_map_get(e->meta.u.m, "version", 7, &v);
    e->version = v.kind == HC_STRING ? hc_arena_strndup(a, v.u.s, v.len) : "";
    /* MustAdd(md, fname, URLJoin(url, parent), digest) */
    const char *base = url_join(a, o->url ? o->url : "", j->parent);
    const char *u = base && base[0] ? url_join(a, base, j->fname) : j->fname;
    const char *d = hex_digest(a, sum);
    struct hc_list *l = hc_list_new(a, 1);
    if (!e->name || !e->version || !u || !d || !l)
        return HC_ERR_NOMEM;
    l->items[0] = hc_strn(u, strlen(u));
    e->urls = hc_list_val(l, HC_GT_LIST);
    e->digest = hc_strn(d, 64);
    e->created = hc_stamp_from_unix(o->now_sec, o->now_nsec, o->now_offset);
    e->extra = hc_null();
    return HC_OK;
}

/* What the threads reading a directory's archives share. */
struct dir_pool {
    struct job *jobs;
    const struct hc_repo_index_opts *o;
    int spill_fd;            /* where texts go, or -1 */
    atomic_size_t spill_end; /* the file's length, which each text extends */
};

/* Moves e's text to the end of the spill file; false when it cannot be written. */
static bool spill_text(struct dir_pool *d, struct entry *e)
{
    size_t off = atomic_fetch_add(&d->spill_end, e->text_len);
    for (size_t done = 0; done < e->text_len;) {
        ssize_t w = pwrite(d->spill_fd, e->text + done, e->text_len - done, (off_t)(off + done));
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        done += (size_t)w;
    }
    e->text = NULL;
    e->spilled = true;
    e->spill_off = (off_t)off;
    return true;
}

/* IndexDirectory's loop body for one archive, in arena a; j->e stays NULL when it does not load. */
static hc_status index_archive(struct hc_arena *a, struct job *j, struct dir_pool *d,
                               struct hc_error *err)
{
    const struct hc_repo_index_opts *o = d->o;
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
    hc_status rc = hc_repo_scan_archive(fd, see_entry, unsee, &r, sum, &lerr);
    close(fd);
    if (rc == HC_OK && (!r.have_meta || r.bad))
        rc = HC_ERR_INVALID;
    if (rc == HC_OK && r.reqs)
        rc = apply_requirements(&r, &lerr);
    if (rc == HC_OK)
        rc = hc_chart_meta_validate(&r.meta, &lerr);
    hc_error_release(&lerr);
    if (rc != HC_OK) {
        hc_arena_free(&scratch);
        return rc == HC_ERR_NOMEM ? hc_error_nomem(err) : HC_OK;
    }
    /* the entry is built in scratch and only what is written is kept in a */
    struct entry *e = hc_arena_zalloc(&scratch, sizeof *e);
    if (!e || hc_meta_to_json(&scratch, r.meta.meta_map, NULL, NULL, false, &e->meta, err) ||
        entry_fields(&scratch, e, j, sum, o) != HC_OK)
        rc = hc_error_nomem(err);
    /* the text now, unless --keep-created may change created after the merge */
    if (rc == HC_OK && !(o->keep_created && o->merge && o->merge[0]))
        rc = render_entry(e, o->json, &scratch, err);
    if (rc == HC_OK && e->text && d->spill_fd >= 0 && !spill_text(d, e))
        rc = hc_error_set(err, HC_ERR_IO, "write to a temporary file: %s", strerror(errno));
    if (rc == HC_OK && !(j->e = keep_entry(a, e, true)))
        rc = hc_error_nomem(err);
    hc_arena_free(&scratch);
    return rc;
}

/*
 * Work shared by a pool of threads, one per core: each takes the next item
 * and builds what it gives in its own arena; the results are then used in
 * item order, so the output does not depend on which thread did what.
 */
struct worker;
struct pool {
    size_t n;
    hc_status (*run)(struct worker *w, size_t i);
    void *ctx;
    struct worker *workers; /* one per worker of hc_pool_run */
};

struct worker {
    struct pool *p;
    struct hc_arena a;
    struct hc_error err;
    hc_status rc;
};

/* hc_pool_fn: item i on worker's arena; a failure stops the pool. */
static bool work(void *ctx, unsigned worker, size_t i)
{
    struct pool *p = ctx;
    struct worker *w = &p->workers[worker];
    w->rc = p->run(w, i);
    return w->rc == HC_OK;
}

/* How many threads work: hc_threads, within [1, MAX_THREADS]. */
static size_t thread_count(size_t jobs)
{
    size_t n = hc_threads(MAX_THREADS);
    /* a few items are not worth a thread (and keep fault injection single-threaded) */
    if (jobs < MIN_PARALLEL_JOBS)
        n = 1;
    return n < jobs ? n : (jobs ? jobs : 1);
}

/*
 * Runs p->run on every item; *workers (allocated in a) and their arenas,
 * which hold the results, are the caller's to free with free_workers, also
 * on failure.
 */
static hc_status run_pool(struct hc_arena *a, struct pool *p, struct worker **workers,
                          size_t *nworkers, struct hc_error *err)
{
    size_t nt = thread_count(p->n);
    struct worker *w = hc_arena_array(a, nt, sizeof *w);
    if (!w)
        return hc_error_nomem(err);
    for (size_t i = 0; i < nt; i++) {
        w[i].p = p;
        w[i].rc = HC_OK;
        hc_arena_init(&w[i].a, 0);
        hc_error_init(&w[i].err);
    }
    *workers = w;
    *nworkers = nt;
    p->workers = w;
    hc_pool_run(p->n, (unsigned)nt, work, p);
    for (size_t i = 0; i < nt; i++) {
        if (w[i].rc != HC_OK) {
            hc_status rc = w[i].rc;
            hc_error_set(err, rc, "%s", hc_error_msg(&w[i].err));
            return rc;
        }
    }
    return HC_OK;
}

static void free_workers(struct worker *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        hc_arena_free(&w[i].a);
        hc_error_release(&w[i].err);
    }
}

static hc_status run_archive(struct worker *w, size_t i)
{
    struct dir_pool *d = w->p->ctx;
    return index_archive(&w->a, &d->jobs[i], d, &w->err);
}

/*
 * Reads every job's archive; the entries live in the workers' arenas (freed by
 * the caller) and their texts in ix's spill file when one can be made.
 */
static hc_status read_archives(struct index *ix, struct job *jobs, size_t n,
                               const struct hc_repo_index_opts *o, struct worker **workers,
                               size_t *nworkers, struct hc_error *err)
{
    ix->spill = n >= MIN_PARALLEL_JOBS ? tmpfile() : NULL;
    struct dir_pool d = {.jobs = jobs, .o = o, .spill_fd = ix->spill ? fileno(ix->spill) : -1};
    atomic_init(&d.spill_end, 0);
    struct pool p = {.n = n, .run = run_archive, .ctx = &d};
    hc_status rc = run_pool(ix->a, &p, workers, nworkers, err);
    if (rc != HC_OK)
        return rc;
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
static bool add_job(struct hc_arena *a, struct job **jobs, size_t *n, size_t *cap, const char *dir,
                    const char *parent, const char *name)
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

/* loadIndex's warning (in a; NULL when out of memory); version NULL: the entry is empty. */
static char *warning(struct hc_arena *a, const char *name, const char *version, const char *source,
                     const char *msg)
{
    if (!version)
        return hc_arena_printf(a,
                               "skipping loading invalid entry for chart \"%s\" from %s: empty "
                               "entry",
                               name, source);
    return hc_arena_printf(a, "skipping loading invalid entry for chart \"%s\" \"%s\" from %s: %s",
                           name, version, source, msg);
}

/*
 * One entry of a read index, checked as loadIndex checks it, built in arena a:
 * *out is NULL when it is skipped, and *warn is then loadIndex's warning
 * (NULL when there is none).  Only HC_ERR_NOMEM fails.
 */
static hc_status check_entry(struct hc_arena *a, const char *gname, hc_val v, const char *source,
                             struct entry **out, char **warn, struct hc_error *err)
{
    *out = NULL;
    *warn = NULL;
    if (v.kind != HC_MAP || !v.u.m) {
        *warn = warning(a, gname, NULL, source, NULL);
        return *warn ? HC_OK : hc_error_nomem(err);
    }
    struct hc_error verr;
    hc_error_init(&verr);
    struct entry *e = hc_arena_zalloc(a, sizeof *e);
    /* the metadata the entry embeds, then Validate (loadIndex keeps some it refuses) */
    struct hc_chart tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.arena = a;
    hc_status rc = e ? hc_chart_meta_decode(&tmp, v, &verr) : HC_ERR_NOMEM;
    hc_val chart = tmp.meta_map;
    if (rc == HC_OK)
        rc = hc_chart_meta_validate(&tmp, &verr);
    if (rc == HC_ERR_NOMEM)
        goto out;
    if (rc != HC_OK &&
        strncmp(hc_error_msg(&verr), "validation: more than one dependency with name or alias",
                55) != 0) {
        hc_val ver = field(v, "version");
        *warn =
            warning(a, gname, ver.kind == HC_STRING ? ver.u.s : "", source, hc_error_msg(&verr));
        rc = *warn ? HC_OK : HC_ERR_NOMEM;
        goto out;
    }
    rc = HC_ERR_NOMEM;
    if (hc_meta_to_json(a, chart, NULL, NULL, false, &e->meta, err) != HC_OK)
        goto out;
    e->urls = field(v, "urls");
    if (e->urls.kind != HC_LIST)
        e->urls = hc_null();
    hc_val c = field(v, "created");
    if (c.kind == HC_STRING && (rc = hc_stamp_parse(c.u.s, c.len, &e->created, err)) != HC_OK)
        goto out;
    e->digest = field(v, "digest");
    struct hc_map *extra = hc_map_new(a, 4);
    rc = HC_ERR_NOMEM;
    if (!extra)
        goto out;
    static const char *const keys[] = {"checksum", "engine", "tillerVersion", "url", NULL};
    for (size_t i = 0; keys[i]; i++) {
        hc_val x = field(v, keys[i]);
        if (x.kind == HC_STRING && x.len &&
            hc_map_set(a, extra, keys[i], strlen(keys[i]), x) != HC_OK)
            goto out;
    }
    hc_val rm = field(v, "removed");
    if (rm.kind == HC_BOOL && rm.u.b && hc_map_set(a, extra, "removed", 7, rm) != HC_OK)
        goto out;
    e->extra = hc_map_val(extra, HC_GT_MAP);
    hc_val f = field(e->meta, "name");
    e->name = f.kind == HC_STRING ? f.u.s : "";
    f = field(e->meta, "version");
    e->version = f.kind == HC_STRING ? f.u.s : "";
    *out = e;
    rc = HC_OK;
out:
    if (rc == HC_ERR_NOMEM)
        hc_error_nomem(err);
    hc_error_release(&verr);
    return rc;
}

/*
 * A copy of entry e in a, with everything it points to (its text too when
 * copy_text); NULL when out of memory.
 */
static struct entry *keep_entry(struct hc_arena *a, const struct entry *e, bool copy_text)
{
    struct entry *k = hc_arena_alloc(a, sizeof *k);
    if (!k)
        return NULL;
    *k = *e;
    k->sv_ok = 0; /* sv would borrow e's version */
    k->name = hc_arena_strdup(a, e->name);
    k->version = hc_arena_strdup(a, e->version);
    if (copy_text && e->text && !(k->text = hc_arena_strndup(a, e->text, e->text_len)))
        return NULL;
    if (!k->name || !k->version || !keep_val(a, &k->meta) || !keep_val(a, &k->urls) ||
        !keep_val(a, &k->digest) || !keep_val(a, &k->extra))
        return NULL;
    return k;
}

/*
 * One entry of a read index (see check_entry), its warning passed on, the
 * entry copied into the index's arena, so that the document it came from can
 * be freed once it is read.
 */
static hc_status read_entry(struct index *ix, const char *gname, hc_val v, const char *source,
                            const struct hc_repo_index_opts *o, struct entry **out,
                            struct hc_error *err)
{
    *out = NULL;
    struct hc_arena scratch;
    hc_arena_init(&scratch, 0);
    struct entry *e;
    char *w;
    hc_status rc = check_entry(&scratch, gname, v, source, &e, &w, err);
    if (rc == HC_OK && w && o->warn)
        o->warn(o->warn_ctx, w);
    if (rc == HC_OK && e && !(*out = keep_entry(ix->a, e, true)))
        rc = hc_error_nomem(err);
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

/*
 * ---- reading an index the way helm writes it ----
 *
 * An index written by helm (go-yaml's block layout) is read without building
 * the whole document: a scan of its lines finds the top-level fields, the
 * group names under "entries:" and each entry's lines (an entry begins with
 * "  -" and goes on over the lines indented at least four columns, blank and
 * comment lines included); each entry is then parsed on its own, as its
 * lines with the "-" blanked out, checked and rendered by a pool of threads.
 * The lines before and after "entries" are parsed as a document of their own.
 * An entry parsed this way is the node the whole document holds, because the
 * scan cuts only where a line indented less than an entry's keys begins,
 * where no node inside it can go on (a quoted or flow scalar cut there no
 * longer parses).  Anything else - another layout, tabs or carriage returns,
 * anchors, directives, document markers, duplicate names, an unknown field,
 * an entry that does not parse - sends the file to the whole-document reader
 * (load_index_doc), which also words every error.
 */
struct span {
    size_t group;    /* in fast.groups */
    size_t off, len; /* its lines in the file, from the "  -" */
    struct entry *e; /* the result: NULL when skipped */
    char *warn;      /* loadIndex's warning, or NULL */
    bool bail;       /* the entry needs the whole-document reader */
};

struct fgroup {
    const char *key; /* the name as written */
    size_t klen;
    char *name;      /* the name the document gives */
    size_t first, n; /* its spans */
};

struct fast {
    const char *data;
    size_t len;
    const char *source;
    bool json;
    struct span *spans;
    size_t nspans, capspans;
    struct fgroup *groups;
    size_t ngroups, capgroups;
    struct hc_buf skel; /* the lines outside "entries" */
};

static bool grow(struct hc_arena *a, void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return true;
    size_t nc = *cap ? *cap * 2 : 64;
    void *nv = hc_arena_realloc(a, *v, *cap * size, nc * size);
    if (!nv)
        return false;
    *v = nv;
    *cap = nc;
    return true;
}

/* A group name line's key as written ("  NAME:"), plain and unambiguous. */
static bool plain_key(const char *k, size_t n)
{
    if (n == 0 || strchr("-?:,[]{}#&*!|>'\"%@` ", k[0]) || k[n - 1] == ' ')
        return false;
    for (size_t i = 0; i < n; i++)
        if (k[i] == ':' || k[i] == '#' || (unsigned char)k[i] < 0x20)
            return false;
    return true;
}

/* The lines of f->data into groups, spans and the skeleton; false: not helm's layout. */
static bool fast_split(struct hc_arena *a, struct fast *f, bool *nomem)
{
    const char *p = f->data, *end = f->data + f->len;
    bool in_entries = false, seen_entries = false, in_span = false;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *next = nl ? nl + 1 : end;
        size_t n = (size_t)((nl ? nl : end) - p), ind = 0;
        while (ind < n && p[ind] == ' ')
            ind++;
        if (ind < n && p[ind] == '\t')
            return false;
        bool blank = ind == n || p[ind] == '#';
        if (in_entries) {
            if (blank || ind >= 4) {
                if (!in_span && !blank)
                    return false;
                if (in_span)
                    f->spans[f->nspans - 1].len =
                        (size_t)(next - f->data) - f->spans[f->nspans - 1].off;
                p = next;
                continue;
            }
            if (ind == 2 && p[2] == '-' && (n == 3 || p[3] == ' ')) {
                if (f->ngroups == 0)
                    return false;
                if (!grow(a, (void **)&f->spans, &f->capspans, f->nspans, sizeof *f->spans)) {
                    *nomem = true;
                    return false;
                }
                f->spans[f->nspans++] = (struct span){.group = f->ngroups - 1,
                                                      .off = (size_t)(p - f->data),
                                                      .len = (size_t)(next - p)};
                f->groups[f->ngroups - 1].n++;
                in_span = true;
                p = next;
                continue;
            }
            if (ind == 2) {
                if (p[n - 1] != ':' || !plain_key(p + 2, n - 3))
                    return false;
                if (!grow(a, (void **)&f->groups, &f->capgroups, f->ngroups, sizeof *f->groups)) {
                    *nomem = true;
                    return false;
                }
                f->groups[f->ngroups++] = (struct fgroup){p + 2, n - 3, NULL, f->nspans, 0};
                in_span = false;
                p = next;
                continue;
            }
            if (ind != 0)
                return false;
            in_entries = in_span = false;
        }
        if (ind == 0 && !blank &&
            (p[0] == '%' || (n >= 3 && (!memcmp(p, "---", 3) || !memcmp(p, "...", 3)))))
            return false;
        if (n == 8 && memcmp(p, "entries:", 8) == 0) {
            if (seen_entries)
                return false;
            in_entries = seen_entries = true;
        } else {
            hc_buf_add(&f->skel, p, (size_t)(next - p));
        }
        p = next;
    }
    return true;
}

static int cmp_fgroup(const void *x, const void *y)
{
    return strcmp((*(const struct fgroup *const *)x)->name,
                  (*(const struct fgroup *const *)y)->name);
}

/*
 * The group names as the document gives them (a key is resolved as YAML 1.1
 * and JSON have it), in the order loadIndex visits them; false when two are
 * equal or one is not a string.
 */
static bool fast_names(struct hc_arena *a, struct fast *f, struct fgroup ***order, bool *nomem)
{
    *order = hc_arena_array(a, f->ngroups ? f->ngroups : 1, sizeof **order);
    if (!*order) {
        *nomem = true;
        return false;
    }
    for (size_t i = 0; i < f->ngroups; i++) {
        struct fgroup *g = &f->groups[i];
        char *doc = hc_arena_printf(a, "%.*s: 0\n", (int)g->klen, g->key);
        hc_val v = hc_null();
        struct hc_error perr;
        hc_error_init(&perr);
        hc_status rc = doc ? hc_yaml_read(a, doc, strlen(doc), NULL, &v, &perr) : HC_ERR_NOMEM;
        hc_error_release(&perr);
        if (rc == HC_ERR_NOMEM)
            *nomem = true;
        if (rc != HC_OK || v.kind != HC_MAP || !v.u.m || v.u.m->len != 1)
            return false;
        const struct hc_mapent *k = &v.u.m->e[0];
        if (memchr(k->key, '\0', k->klen) || !(g->name = hc_arena_strndup(a, k->key, k->klen))) {
            *nomem = !g->name;
            return false;
        }
        (*order)[i] = g;
    }
    if (f->ngroups > 1)
        qsort(*order, f->ngroups, sizeof **order, cmp_fgroup);
    for (size_t i = 1; i < f->ngroups; i++)
        if (strcmp((*order)[i - 1]->name, (*order)[i]->name) == 0)
            return false;
    return true;
}

/* The first field of entry v (a map) that names none of ChartVersion's, or NULL. */
static const struct hc_mapent *unknown_in_entry(struct hc_arena *a, hc_val v, bool *nomem)
{
    struct hc_list *l = hc_list_new(a, 1);
    if (!l) {
        *nomem = true;
        return NULL;
    }
    l->items[0] = v;
    return unknown_in_list(hc_list_val(l, HC_GT_LIST), entry_keys);
}

/*
 * The entry of span s read as v: checked as loadIndex does and rendered, in
 * scratch; *same when its text is the file's bytes (and then points there).
 */
static hc_status span_entry(struct fast *f, struct span *s, struct hc_arena *scratch, hc_val v,
                            struct entry **e, char **warn, bool *same)
{
    struct hc_error cerr;
    hc_error_init(&cerr);
    hc_status rc = check_entry(scratch, f->groups[s->group].name, v, f->source, e, warn, &cerr);
    if (rc == HC_OK && *e)
        rc = render_entry(*e, f->json, scratch, &cerr);
    hc_error_release(&cerr);
    /* written as it was read (as helm wrote it): the file's bytes are the text */
    *same = rc == HC_OK && *e && (*e)->text && (*e)->text_len == s->len &&
            memcmp((*e)->text, f->data + s->off, s->len) == 0;
    if (*same)
        (*e)->text = f->data + s->off;
    return rc;
}

/*
 * One span, into w's arena: read on its own, checked as loadIndex does,
 * rendered.  The quick reading (entry_text.c) is tried first and kept only
 * when the entry it gives is valid and writes back as the file's bytes; then
 * the YAML reader would have read the same entry (go-yaml's output reads back
 * as the value written), so its answer is the YAML reader's.
 */
static hc_status fast_entry(struct worker *w, size_t i)
{
    struct fast *f = w->p->ctx;
    struct span *s = &f->spans[i];
    struct hc_arena scratch;
    hc_arena_init(&scratch, 0);
    hc_status rc = HC_ERR_NOMEM;
    bool nomem = false, same = false;
    struct entry *e = NULL;
    char *warn = NULL;
    char *text = hc_arena_strndup(&scratch, f->data + s->off, s->len);
    if (!text)
        goto out;
    text[2] = ' ';
    hc_val v = hc_null();
    bool quick = !f->json && hc_repo_entry_text_read(&scratch, text, s->len, &v) &&
                 v.kind == HC_MAP && !unknown_in_entry(&scratch, v, &nomem) && !nomem;
    if (quick) {
        rc = span_entry(f, s, &scratch, v, &e, &warn, &same);
        if (rc == HC_ERR_NOMEM)
            goto out;
        quick = rc == HC_OK && e && same;
    }
    if (!quick) {
        struct hc_error perr;
        hc_error_init(&perr);
        rc = hc_yaml_read(&scratch, text, s->len, NULL, &v, &perr);
        hc_error_release(&perr);
        if (rc == HC_OK && v.kind == HC_MAP && v.u.m && unknown_in_entry(&scratch, v, &nomem))
            rc = HC_ERR_PARSE;
        if (nomem)
            rc = HC_ERR_NOMEM;
        if (rc == HC_OK)
            rc = span_entry(f, s, &scratch, v, &e, &warn, &same);
        if (rc != HC_OK)
            goto out;
    }
    if (e && !(s->e = keep_entry(&w->a, e, !same)))
        rc = HC_ERR_NOMEM;
    if (rc == HC_OK && warn && !(s->warn = hc_arena_strdup(&w->a, warn)))
        rc = HC_ERR_NOMEM;
out:
    hc_arena_free(&scratch);
    if (rc == HC_ERR_NOMEM)
        return hc_error_nomem(&w->err);
    s->bail = rc != HC_OK;
    return HC_OK;
}

/*
 * LoadIndexFile for an index in helm's layout, into ix; *bail (ix untouched)
 * when the file needs the whole-document reader.
 */
static hc_status load_index_fast(struct index *ix, const char *data, size_t len, const char *path,
                                 const struct hc_repo_index_opts *o, bool *bail,
                                 struct hc_error *err)
{
    *bail = true;
    size_t k = 0;
    while (k < len && strchr(" \t\n", data[k]))
        k++;
    /* a document that could be JSON is read as JSON first */
    if (k == len || memchr(data, '\r', len) ||
        !((data[k] >= 'a' && data[k] <= 'z') || (data[k] >= 'A' && data[k] <= 'Z')) ||
        strchr("tfn", data[k]))
        return HC_OK;
    for (const char *p = data; (p = memchr(p, '&', len - (size_t)(p - data))) != NULL; p++)
        if (p == data || strchr(" \n[{,-:", p[-1]))
            return HC_OK; /* maybe an anchor */
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct fast f = {
        .data = data, .len = len, .source = path, .json = o->json, .skel = HC_BUF_INIT};
    struct worker *workers = NULL;
    size_t nworkers = 0;
    struct fgroup **order = NULL;
    bool nomem = false;
    hc_status rc = HC_OK;
    if (!fast_split(&a, &f, &nomem) || !hc_buf_ok(&f.skel) || !fast_names(&a, &f, &order, &nomem))
        goto out;
    hc_val doc = hc_null();
    struct hc_error perr;
    hc_error_init(&perr);
    rc = hc_yaml_read(&a, f.skel.data ? f.skel.data : "", f.skel.len, NULL, &doc, &perr);
    hc_error_release(&perr);
    if (rc != HC_OK || doc.kind != HC_MAP || !doc.u.m || unknown_field(doc))
        goto out;
    hc_map_foreach(doc.u.m, e) {
        if (e->klen == 7 && strncasecmp(e->key, "entries", 7) == 0)
            goto out;
    }
    hc_val api = field(doc, "apiVersion");
    if (api.kind != HC_STRING || api.len == 0)
        goto out;
    struct pool p = {.n = f.nspans, .run = fast_entry, .ctx = &f};
    rc = run_pool(&a, &p, &workers, &nworkers, err);
    if (rc != HC_OK)
        goto out;
    for (size_t i = 0; i < f.nspans; i++)
        if (f.spans[i].bail)
            goto out;
    /* as the whole document gives them: groups in name order, each list walked from its end */
    for (size_t i = 0; i < f.ngroups; i++) {
        struct fgroup *g = order[i];
        for (size_t j = g->n; j-- > 0;)
            if (f.spans[g->first + j].warn && o->warn)
                o->warn(o->warn_ctx, f.spans[g->first + j].warn);
        for (size_t j = 0; j < g->n; j++)
            if (f.spans[g->first + j].e && add_entry(ix, f.spans[g->first + j].e) != HC_OK)
                nomem = true;
    }
    struct hc_arena *keep = nomem ? NULL : hc_calloc(nworkers, sizeof *keep);
    if (!keep) {
        rc = hc_error_nomem(err);
        goto out;
    }
    for (size_t i = 0; i < nworkers; i++) {
        keep[i] = workers[i].a;
        hc_arena_init(&workers[i].a, 0);
    }
    ix->keep = keep;
    ix->nkeep = nworkers;
    sort_entries(ix);
    *bail = false;
out:
    if (nomem && rc == HC_OK)
        rc = hc_error_nomem(err);
    free_workers(workers, nworkers);
    hc_buf_release(&f.skel);
    hc_arena_free(&a);
    return rc == HC_ERR_NOMEM ? rc : HC_OK;
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
    bool bail = true;
    rc = load_index_fast(ix, data, len, path, o, &bail, err);
    if (rc == HC_OK && !bail) {
        ix->data = data;
        return rc;
    }
    if (rc != HC_OK) {
        hc_free(data);
        return rc;
    }
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
    int spill_fd; /* the index's spill file, or -1 */
};

/* Appends e's text: held, or read back from the spill file. */
static hc_status out_text(struct out *o, const struct entry *e)
{
    if (!e->spilled) {
        hc_buf_add(&o->b, e->text, e->text_len);
        return HC_OK;
    }
    if (!hc_buf_grow(&o->b, e->text_len))
        return hc_error_nomem(o->err);
    for (size_t done = 0; done < e->text_len;) {
        ssize_t r = pread(o->spill_fd, o->b.data + o->b.len + done, e->text_len - done,
                          e->spill_off + (off_t)done);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return hc_error_set(o->err, HC_ERR_IO, "read a temporary file: %s",
                                r < 0 ? strerror(errno) : "short read");
        done += (size_t)r;
    }
    o->b.len += e->text_len;
    o->b.data[o->b.len] = '\0';
    return HC_OK;
}

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
#define OUT_CHUNK ((size_t)1 << 17)

/*
 * The document {entries: {name: list}} as sigs.k8s.io/yaml writes it, with
 * its first bytes, which must be head, cut off, appended to b.  Block style
 * puts each group and each list item on lines of its own, at the same columns
 * whatever comes before, so pieces of the index can be written on their own.
 */
static hc_status write_cut(const char *name, hc_val list, const char *head, struct hc_buf *b,
                           struct hc_error *err)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_buf t = HC_BUF_INIT;
    size_t hn = strlen(head);
    hc_status rc = HC_ERR_NOMEM;
    struct hc_map *entries = hc_map_new(&a, 1), *root = hc_map_new(&a, 1);
    if (entries && root && hc_map_set(&a, entries, name, strlen(name), list) == HC_OK &&
        hc_map_set(&a, root, "entries", 7, hc_map_val(entries, HC_GT_MAP)) == HC_OK)
        rc = hc_yaml_write(&t, hc_map_val(root, HC_GT_MAP), err);
    else
        hc_error_nomem(err);
    if (rc == HC_OK && (t.len < hn || memcmp(t.data, head, hn) != 0))
        rc = hc_error_set(err, HC_ERR_INVALID, "unexpected index layout");
    if (rc == HC_OK)
        hc_buf_add(b, t.data + hn, t.len - hn);
    hc_buf_release(&t);
    hc_arena_free(&a);
    return rc;
}

/* One entry as written in its group's list: cut out of {entries: {x: [ENTRY]}}. */
static hc_status entry_yaml(const struct entry *e, struct hc_buf *b, struct hc_error *err)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_list *l = hc_list_new(&a, 1);
    hc_status rc = l && entry_map(&a, e, &l->items[0]) == HC_OK
                       ? write_cut("x", hc_list_val(l, HC_GT_LIST), "entries:\n  x:\n", b, err)
                       : hc_error_nomem(err);
    hc_arena_free(&a);
    return rc;
}

/*
 * Whether a chart name is certainly written as a simple one-line key (go-yaml
 * writes a key of more than 128 bytes or with line breaks as "? KEY"), so
 * that its entries can be rendered on their own before the group is written.
 */
static bool simple_name(const char *name)
{
    size_t n = 0;
    for (; name[n]; n++)
        if ((unsigned char)name[n] < 0x20 || (unsigned char)name[n] > 0x7e)
            return false;
    return n <= 100;
}

/*
 * Sets e->text: the entry as written in the index (YAML or JSON), copied into
 * dst, and drops what only rendering needed.  Entries whose chart name is not
 * simple_name() are left to be written with their group.
 */
static hc_status render_entry(struct entry *e, bool json, struct hc_arena *dst,
                              struct hc_error *err)
{
    if (!json && !simple_name(e->name))
        return HC_OK;
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_buf t = HC_BUF_INIT;
    hc_status rc = json ? entry_json(&a, &t, e, 3, err) : entry_yaml(e, &t, err);
    if (rc == HC_OK && !hc_buf_ok(&t))
        rc = hc_error_nomem(err);
    if (rc == HC_OK) {
        char *text = hc_arena_strndup(dst, t.data, t.len);
        if (!text) {
            rc = hc_error_nomem(err);
        } else {
            e->text = text;
            e->text_len = t.len;
            e->meta = e->urls = e->extra = hc_null();
        }
    }
    hc_buf_release(&t);
    hc_arena_free(&a);
    return rc;
}

/*
 * The line of a group's name ("  NAME:\n"), cut out of {entries: {NAME: []}};
 * HC_ERR_PARSE (nothing appended) when go-yaml writes that name as a complex
 * key.
 */
static hc_status group_header(const char *name, struct hc_buf *b, struct hc_error *err)
{
    static const char tail[] = ": []\n";
    const size_t tn = sizeof tail - 1;
    struct hc_buf t = HC_BUF_INIT;
    struct hc_list none = {0};
    hc_status rc = write_cut(name, hc_list_val(&none, HC_GT_LIST), "entries:\n", &t, err);
    if (rc == HC_OK) {
        rc = HC_ERR_PARSE;
        if (t.len > tn + 2 && t.data[2] != '?' && memcmp(t.data + t.len - tn, tail, tn) == 0 &&
            !memchr(t.data, '\n', t.len - tn)) {
            hc_buf_add(b, t.data, t.len - tn);
            hc_buf_adds(b, ":\n");
            rc = HC_OK;
        }
    }
    hc_buf_release(&t);
    return rc;
}

/*
 * One group as the whole document's emitter writes it: its name's line, then
 * each entry's lines (rendered when read, or now).  A name written as a
 * complex key changes the layout of the whole group, which is then written as
 * the document {entries: {NAME: [...]}} without its first line.
 */
static hc_status write_yaml_group(struct group *g, struct out *o)
{
    hc_status rc = group_header(g->name, &o->b, o->err);
    if (rc == HC_OK) {
        for (size_t k = 0; k < g->n && rc == HC_OK; k++) {
            if (g->v[k]->text || g->v[k]->spilled)
                rc = out_text(o, g->v[k]);
            else
                rc = entry_yaml(g->v[k], &o->b, o->err);
        }
        return rc == HC_OK ? out_flush(o, OUT_CHUNK) : rc;
    }
    if (rc != HC_ERR_PARSE)
        return rc;
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_list *l = hc_list_new(&a, g->n);
    rc = l ? HC_OK : hc_error_nomem(o->err);
    for (size_t k = 0; k < g->n && rc == HC_OK; k++) {
        if (g->v[k]->text || g->v[k]->spilled) /* render_entry leaves these whole */
            rc = hc_error_set(o->err, HC_ERR_INVALID, "unexpected index layout");
        else if (entry_map(&a, g->v[k], &l->items[k]) != HC_OK)
            rc = hc_error_nomem(o->err);
    }
    if (rc == HC_OK)
        rc = write_cut(g->name, hc_list_val(l, HC_GT_LIST), "entries:\n", &o->b, o->err);
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
        keys[i] = (struct hc_yaml_key){ix->g[i].name, (uint32_t)strlen(ix->g[i].name), (uint32_t)i};
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
            if (g->v[k]->text || g->v[k]->spilled)
                rc = out_text(o, g->v[k]);
            else
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
            rc = hc_error_set(o->err, HC_ERR_IO, "rename %s %s: %s", o->tmp, dest, strerror(errno));
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
    struct out out = {.b = HC_BUF_INIT, .err = err, .spill_fd = ix->spill ? fileno(ix->spill) : -1};
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
    struct index ix = {&a, NULL, 0, 0, NULL, 0, NULL, NULL},
                 old = {&a, NULL, 0, 0, NULL, 0, NULL, NULL};
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
    free_workers(workers, nworkers);
    index_release(&old);
    index_release(&ix);
    hc_arena_free(&a);
    return rc;
}
