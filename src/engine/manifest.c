/*
 * manifest.c - splitting rendered files into documents and sorting them.
 *
 * Mirrors pkg/release/v1/util: SplitManifests (manifest.go), SortManifests
 * and manifestFile.sort (manifest_sorter.go), sortManifestsByKind and
 * sortHooksByKind with InstallOrder (kind_sorter.go).  A document's head is
 * read as sigs.k8s.io/yaml.Unmarshal into a SimpleHead would: YAML errors
 * and JSON type errors are Helm's "YAML parse error on PATH: ..."; keys match
 * the struct's JSON names exactly or ignoring case; numbers and booleans
 * bound for string fields become strings.
 */
#include "engine/engine.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/threads.h"
#include "chart/gostr.h"
#include "gofmt/gofmt.h"
#include "yaml/yaml.h"

/* ---- SplitManifests ---- */

/* RE2's \s: [\t\n\f\r ] */
static bool re_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/*
 * The next match of (?:^|\s*\n)---\s* in s at or after pos: [*mb, *me).
 * Leftmost-first: at the very start "---" matches by its first branch;
 * elsewhere a match is a run of white space ending in '\n' followed by "---",
 * starting where that run starts.
 */
static bool next_sep(const char *s, size_t n, size_t pos, size_t *mb, size_t *me)
{
    size_t dash;
    if (pos == 0 && n >= 3 && memcmp(s, "---", 3) == 0) {
        *mb = 0;
        dash = 0;
    } else {
        size_t k = pos;
        for (;;) {
            const char *nl = memchr(s + k, '\n', n - k);
            if (!nl)
                return false;
            k = (size_t)(nl - s);
            if (n - k - 1 >= 3 && memcmp(s + k + 1, "---", 3) == 0)
                break;
            k++;
        }
        size_t p = k;
        while (p > pos && re_space(s[p - 1]))
            p--;
        *mb = p;
        dash = k + 1;
    }
    size_t e = dash + 3;
    while (e < n && re_space(s[e]))
        e++;
    *me = e;
    return true;
}

hc_status hc_manifest_split(struct hc_arena *a, const char *text, size_t len, struct hc_doc **docs,
                            size_t *ndocs)
{
    const char *s = text;
    size_t n = len;
    hc_go_trim_space(&s, &n);
    size_t cap = 4, count = 0;
    struct hc_doc *v = hc_arena_array(a, cap, sizeof *v);
    if (!v)
        return HC_ERR_NOMEM;
    size_t beg = 0, pos = 0;
    bool more = true;
    while (more) {
        size_t mb, me, end;
        if (next_sep(s, n, pos, &mb, &me)) {
            end = mb;
        } else {
            end = n;
            more = false;
        }
        const char *d = s + beg;
        size_t dl = end - beg;
        if (dl > 0) {
            hc_go_trim_space(&d, &dl);
            if (count == cap) {
                struct hc_doc *nv =
                    hc_arena_realloc(a, v, cap * sizeof *v, cap * 2 * sizeof *v);
                if (!nv)
                    return HC_ERR_NOMEM;
                v = nv;
                cap *= 2;
            }
            v[count].s = d;
            v[count].len = dl;
            count++;
        }
        if (more)
            beg = pos = me;
    }
    *docs = v;
    *ndocs = count;
    return HC_OK;
}

/* ---- SimpleHead ---- */

struct head {
    const char *kind, *name;
    hc_val annotations; /* map[string]string or nil */
    bool has_metadata;
};

static const char *json_kind(hc_val v)
{
    switch (v.kind) {
    case HC_MAP:
        return "object";
    case HC_LIST:
        return "array";
    case HC_STRING:
        return "string";
    case HC_BOOL:
        return "bool";
    default:
        return "number";
    }
}

/* sigs.k8s.io/yaml's coercion of a scalar bound for a string; false for containers. */
static bool as_string(struct hc_arena *a, hc_val v, const char **out)
{
    struct hc_buf b = HC_BUF_INIT;
    switch (v.kind) {
    case HC_STRING: {
        char *s = hc_arena_strndup(a, v.u.s, v.len);
        *out = s ? s : "";
        return true;
    }
    case HC_BOOL:
        *out = v.u.b ? "true" : "false";
        return true;
    case HC_INT:
        hc_gofmt_int(&b, v.u.i, 10);
        break;
    case HC_FLOAT:
        if (v.u.f == (double)(int64_t)v.u.f && v.u.f < 9.2e18 && v.u.f > -9.2e18)
            hc_gofmt_int(&b, (int64_t)v.u.f, 10);
        else
            hc_gofmt_float32(&b, (float)v.u.f, 'g', -1);
        break;
    case HC_NULL:
        *out = "";
        return true;
    default:
        return false;
    }
    char *s = hc_arena_strndup(a, hc_buf_str(&b), b.len);
    hc_buf_release(&b);
    *out = s ? s : "";
    return true;
}

static bool key_is(const struct hc_mapent *e, const char *name)
{
    return hc_go_equal_fold_ascii(e->key, e->klen, name, strlen(name));
}

static hc_status head_error(struct hc_error *err, const char *path, const char *strct,
                            const char *field, hc_val v, const char *type)
{
    return hc_error_set(err, HC_ERR_PARSE,
                        "YAML parse error on %s: error unmarshaling JSON: while decoding JSON: "
                        "json: cannot unmarshal %s into Go struct field %s.%s of type %s",
                        path, json_kind(v), strct, field, type);
}

/*
 * Reads the head of one document.  Keys go in sorted order; an exact match
 * of the JSON name wins over a case-insensitive one for the same field only
 * by coming later, as Go's decoder assigns in input order.
 */
static hc_status read_head(struct hc_arena *a, const char *path, const char *doc, size_t len,
                           struct head *h, struct hc_error *err)
{
    memset(h, 0, sizeof *h);
    h->kind = "";
    h->name = "";
    h->annotations = hc_null();
    hc_val v;
    struct hc_error yerr;
    hc_error_init(&yerr);
    struct hc_yaml_read_opts yopts = {.filename = path};
    hc_status rc = hc_yaml_read(a, doc, len, &yopts, &v, &yerr);
    if (rc != HC_OK) {
        if (rc == HC_ERR_NOMEM)
            hc_error_nomem(err);
        else
            hc_error_set(err, rc, "YAML parse error on %s: %s", path, hc_error_msg(&yerr));
        hc_error_release(&yerr);
        return rc;
    }
    if (v.kind == HC_NULL)
        return HC_OK;
    if (v.kind != HC_MAP)
        return hc_error_set(err, HC_ERR_PARSE,
                            "YAML parse error on %s: error unmarshaling JSON: while decoding "
                            "JSON: json: cannot unmarshal %s into Go value of type util.SimpleHead",
                            path, json_kind(v));
    hc_status first = HC_OK;
    hc_map_foreach(v.u.m, e)
    {
        if (key_is(e, "kind")) {
            if (!as_string(a, e->val, &h->kind) && first == HC_OK)
                first = head_error(err, path, "SimpleHead", "kind", e->val, "string");
        } else if (key_is(e, "apiVersion")) {
            const char *ignored;
            if (!as_string(a, e->val, &ignored) && first == HC_OK)
                first = head_error(err, path, "SimpleHead", "apiVersion", e->val, "string");
        } else if (key_is(e, "metadata")) {
            hc_val md = e->val;
            if (md.kind == HC_NULL) {
                h->has_metadata = false;
                continue;
            }
            if (md.kind != HC_MAP) {
                if (first == HC_OK)
                    first = head_error(err, path, "SimpleHead", "metadata", md,
                                       "struct { Name string \"json:\\\"name\\\"\"; Annotations "
                                       "map[string]string \"json:\\\"annotations\\\"\" }");
                continue;
            }
            h->has_metadata = true;
            hc_map_foreach(md.u.m, me)
            {
                if (key_is(me, "name")) {
                    if (!as_string(a, me->val, &h->name) && first == HC_OK)
                        first = head_error(err, path, "", "metadata.name", me->val, "string");
                } else if (key_is(me, "annotations")) {
                    hc_val an = me->val;
                    if (an.kind == HC_NULL) {
                        h->annotations = hc_null();
                        continue;
                    }
                    if (an.kind != HC_MAP) {
                        if (first == HC_OK)
                            first = head_error(err, path, "", "metadata.annotations", an,
                                               "map[string]string");
                        continue;
                    }
                    struct hc_map *m = hc_map_new(a, an.u.m->len);
                    if (!m)
                        return hc_error_nomem(err);
                    hc_map_foreach(an.u.m, ae)
                    {
                        const char *s;
                        if (!as_string(a, ae->val, &s)) {
                            if (first == HC_OK)
                                first = head_error(err, path, "", "metadata.annotations",
                                                   ae->val, "string");
                            s = "";
                        }
                        if (hc_map_set(a, m, ae->key, ae->klen, hc_strn(s, strlen(s))) != HC_OK)
                            return hc_error_nomem(err);
                    }
                    h->annotations = hc_map_val(m, HC_GT_STRMAP);
                }
            }
        }
    }
    return first;
}

/* ---- sorting ---- */

static const char *const install_order[] = {
    "PriorityClass",
    "Namespace",
    "NetworkPolicy",
    "ResourceQuota",
    "LimitRange",
    "PodSecurityPolicy",
    "PodDisruptionBudget",
    "ServiceAccount",
    "Secret",
    "SecretList",
    "ConfigMap",
    "StorageClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "CustomResourceDefinition",
    "ClusterRole",
    "ClusterRoleList",
    "ClusterRoleBinding",
    "ClusterRoleBindingList",
    "Role",
    "RoleList",
    "RoleBinding",
    "RoleBindingList",
    "Service",
    "DaemonSet",
    "Pod",
    "ReplicationController",
    "ReplicaSet",
    "Deployment",
    "HorizontalPodAutoscaler",
    "StatefulSet",
    "Job",
    "CronJob",
    "IngressClass",
    "Ingress",
    "APIService",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
};

/* The kind's place in install order, or -1 for an unknown kind. */
static int kind_rank(const char *kind)
{
    for (size_t i = 0; i < sizeof install_order / sizeof install_order[0]; i++)
        if (strcmp(kind, install_order[i]) == 0)
            return (int)i;
    return -1;
}

/* lessByKind, with the input position breaking ties (sort.SliceStable). */
struct ranked {
    const char *kind;
    int rank;
    size_t pos;
};

static int cmp_ranked(const void *x, const void *y)
{
    const struct ranked *a = x, *b = y;
    if (a->rank < 0 && b->rank < 0) {
        int c = strcmp(a->kind, b->kind);
        if (c)
            return c;
    } else if (a->rank < 0) {
        return 1;
    } else if (b->rank < 0) {
        return -1;
    } else if (a->rank != b->rank) {
        return a->rank < b->rank ? -1 : 1;
    }
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static hc_status sort_by_kind(void *items, size_t n, size_t size, size_t kind_off)
{
    if (n < 2)
        return HC_OK;
    struct ranked *r = hc_malloc(n * sizeof *r);
    char *tmp = hc_malloc(n * size);
    if (!r || !tmp) {
        hc_free(r);
        hc_free(tmp);
        return HC_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const char *kind = *(const char *const *)(const void *)((char *)items + i * size + kind_off);
        r[i] = (struct ranked){kind, kind_rank(kind), i};
    }
    qsort(r, n, sizeof *r, cmp_ranked);
    memcpy(tmp, items, n * size);
    for (size_t i = 0; i < n; i++)
        memcpy((char *)items + i * size, tmp + r[i].pos * size, size);
    hc_free(r);
    hc_free(tmp);
    return HC_OK;
}

/* The hook events Helm knows (events map of manifest_sorter.go). */
static int hook_event(const char *s, size_t n, bool *is_test)
{
    static const char *const events[] = {"pre-install",  "post-install", "pre-delete",
                                         "post-delete",  "pre-upgrade",  "post-upgrade",
                                         "pre-rollback", "post-rollback", "test",
                                         "test-success"};
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) {
        if (strlen(events[i]) == n && memcmp(events[i], s, n) == 0) {
            if (i >= 8)
                *is_test = true;
            return (int)i;
        }
    }
    return -1;
}

/* strconv.Atoi for the hook weight (0 when invalid). */
static int64_t atoi_go(const char *s)
{
    size_t i = 0, n = strlen(s);
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    if (i == n)
        return 0;
    uint64_t v = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || v > (uint64_t)INT64_MAX / 10)
            return 0;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    if (v > (uint64_t)INT64_MAX)
        return 0;
    return neg ? -(int64_t)v : (int64_t)v;
}

static int cmp_rendered(const void *x, const void *y)
{
    const struct hc_rendered *const *a = x, *const *b = y;
    return hc_strcmp((*a)->name, (*a)->name_len, (*b)->name, (*b)->name_len);
}

struct grow {
    void *v;
    size_t n, cap;
};

static void *grow_push(struct hc_arena *a, struct grow *g, size_t size)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 16;
        void *nv = hc_arena_realloc(a, g->v, g->cap * size, cap * size);
        if (!nv)
            return NULL;
        g->v = nv;
        g->cap = cap;
    }
    return (char *)g->v + size * g->n++;
}

/* A copy of a string value (annotation) in the arena, or NULL when absent. */
static const char *annotation(const struct head *h, const char *key)
{
    hc_val v;
    if (h->annotations.kind != HC_MAP || !h->annotations.u.m ||
        !hc_map_get(h->annotations.u.m, key, strlen(key), &v))
        return NULL;
    return v.u.s; /* as_string made it NUL-terminated */
}

/* ---- reading the heads, on worker threads while the templates render ---- */

/*
 * Reading a document's head means parsing the whole document (helm does: a YAML
 * error anywhere fails the render), which is much of a render's time for charts
 * with large CRDs.  Documents are independent, so a head reader takes each file
 * as soon as the engine has rendered it (hc_head_reader_add) and worker threads
 * read its documents' heads while the engine goes on with the next templates;
 * hc_manifest_sort then uses the results in helm's file and document order, so
 * the first error in that order still wins.  Until the files added pass
 * PARALLEL_MIN_BYTES no thread is started, and small charts are read on the
 * calling thread as before.  Every job owns its result; a worker's strings live
 * in its own arena until the reader is freed.
 */
#define PARALLEL_MIN_BYTES (16u * 1024)
#define MAX_HEAD_THREADS   8

/* One document and what its head said. */
struct head_job {
    const char *path, *doc;
    size_t len;
    const char *kind, *name, *hook, *weight; /* hook, weight: NULL when absent */
    hc_status rc;
    struct hc_error err;
};

/* The documents of one rendered file, found again by its text. */
struct file_jobs {
    const char *text;
    size_t first, count; /* in the reader's jobs */
};

struct head_worker {
    struct hc_head_reader *r;
    struct hc_arena keep; /* the results' strings */
    pthread_t tid;
    bool started;
};

struct hc_head_reader {
    struct hc_arena *a; /* the caller's: paths and document splits */
    size_t limit;       /* byte ceiling of a document's scratch arena */
    pthread_mutex_t lock;
    pthread_cond_t more;
    struct head_job **jobs; /* jobs never move; the array may (under the lock) */
    size_t njobs, capjobs, next;
    struct file_jobs *files;
    size_t nfiles, capfiles;
    size_t bytes;
    bool closing, broken, sorted_files;
    struct head_worker workers[MAX_HEAD_THREADS]; /* [0]: the calling thread */
    unsigned nthreads;                            /* started, plus the caller */
};

static const char *keep_str(struct hc_arena *keep, const char *s, bool *ok)
{
    if (!s)
        return NULL;
    const char *c = hc_arena_strdup(keep, s);
    if (!c)
        *ok = false;
    return c;
}

static void read_job(struct head_job *j, struct hc_arena *keep, size_t limit)
{
    struct hc_arena scratch; /* the document's tree, dropped once the head is out */
    hc_arena_init(&scratch, limit);
    struct head h;
    hc_error_init(&j->err);
    j->rc = read_head(&scratch, j->path, j->doc, j->len, &h, &j->err);
    if (j->rc == HC_OK) {
        bool ok = true;
        j->kind = keep_str(keep, h.kind, &ok);
        j->name = keep_str(keep, h.name, &ok);
        j->hook = h.has_metadata ? keep_str(keep, annotation(&h, "helm.sh/hook"), &ok) : NULL;
        j->weight = keep_str(keep, annotation(&h, "helm.sh/hook-weight"), &ok);
        if (!ok)
            j->rc = hc_error_nomem(&j->err);
    }
    hc_arena_free(&scratch);
}

/* The next job to read, or NULL: waits for more unless wait is false or the reader closes. */
static struct head_job *take(struct hc_head_reader *r, bool wait)
{
    struct head_job *j = NULL;
    pthread_mutex_lock(&r->lock);
    while (r->next >= r->njobs && wait && !r->closing)
        pthread_cond_wait(&r->more, &r->lock);
    if (r->next < r->njobs)
        j = r->jobs[r->next++];
    pthread_mutex_unlock(&r->lock);
    return j;
}

static void *worker_run(void *arg)
{
    struct head_worker *w = arg;
    struct head_job *j;
    while ((j = take(w->r, true)) != NULL)
        read_job(j, &w->keep, w->r->limit);
    return NULL;
}

struct hc_head_reader *hc_head_reader_new(struct hc_arena *a)
{
    struct hc_head_reader *r = hc_calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->a = a;
    r->limit = a->limit;
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->more, NULL);
    for (unsigned t = 0; t < MAX_HEAD_THREADS; t++) {
        r->workers[t].r = r;
        hc_arena_init(&r->workers[t].keep, a->limit);
    }
    r->nthreads = 1;
    return r;
}

static void start_threads(struct hc_head_reader *r)
{
    unsigned want = hc_threads(MAX_HEAD_THREADS);
    /* the calling thread keeps rendering meanwhile, and joins in when it sorts */
    for (unsigned t = 1; t < want; t++) {
        struct head_worker *w = &r->workers[t];
        w->started = pthread_create(&w->tid, NULL, worker_run, w) == 0;
        if (!w->started)
            break;
        r->nthreads = t + 1;
    }
}

static bool skip_file(const struct hc_rendered *f)
{
    const char *base = f->name + f->name_len;
    while (base > f->name && base[-1] != '/')
        base--;
    if (*base == '_')
        return true;
    const char *t = f->text;
    size_t tl = f->len;
    hc_go_trim_space(&t, &tl);
    return tl == 0;
}

/* Splits f into jobs (on the calling thread: the caller's arena is not shared). */
static bool add_file(struct hc_head_reader *r, const struct hc_rendered *f)
{
    if (r->nfiles == r->capfiles) {
        size_t cap = r->capfiles ? r->capfiles * 2 : 64;
        struct file_jobs *nf = hc_realloc(r->files, cap * sizeof *nf);
        if (!nf)
            return false;
        r->files = nf;
        r->capfiles = cap;
    }
    struct hc_doc *docs;
    size_t ndocs;
    const char *path = NULL;
    if (hc_manifest_split(r->a, f->text, f->len, &docs, &ndocs) != HC_OK ||
        !(path = hc_arena_strndup(r->a, f->name, f->name_len)))
        return false;
    struct head_job *block = ndocs ? hc_calloc(ndocs, sizeof *block) : NULL;
    if (ndocs && !block)
        return false;
    size_t added = 0;
    pthread_mutex_lock(&r->lock);
    if (r->njobs + ndocs > r->capjobs) {
        size_t cap = r->capjobs ? r->capjobs : 64;
        while (cap < r->njobs + ndocs)
            cap *= 2;
        struct head_job **nj = hc_realloc(r->jobs, cap * sizeof *nj);
        if (nj) {
            r->jobs = nj;
            r->capjobs = cap;
        }
    }
    if (r->njobs + ndocs <= r->capjobs) {
        r->files[r->nfiles++] = (struct file_jobs){f->text, r->njobs, ndocs};
        for (size_t d = 0; d < ndocs; d++) {
            block[d] = (struct head_job){.path = path, .doc = docs[d].s, .len = docs[d].len};
            r->jobs[r->njobs++] = &block[d];
            r->bytes += docs[d].len;
        }
        added = ndocs + 1;
        pthread_cond_broadcast(&r->more);
    }
    pthread_mutex_unlock(&r->lock);
    if (!added) {
        hc_free(block);
        return false;
    }
    return true;
}

void hc_head_reader_add(struct hc_head_reader *r, const struct hc_rendered *f)
{
    if (!r || r->broken || skip_file(f))
        return;
    if (!add_file(r, f)) {
        r->broken = true; /* the sort reads everything itself */
        return;
    }
    if (r->nthreads == 1 && r->bytes >= PARALLEL_MIN_BYTES)
        start_threads(r);
}

/* Reads what is left on the calling thread, then waits for the workers. */
static void finish(struct hc_head_reader *r)
{
    pthread_mutex_lock(&r->lock);
    r->closing = true;
    pthread_cond_broadcast(&r->more);
    pthread_mutex_unlock(&r->lock);
    struct head_job *j;
    while ((j = take(r, false)) != NULL)
        read_job(j, &r->workers[0].keep, r->limit);
    for (unsigned t = 1; t < MAX_HEAD_THREADS; t++)
        if (r->workers[t].started) {
            pthread_join(r->workers[t].tid, NULL);
            r->workers[t].started = false;
        }
}

void hc_head_reader_free(struct hc_head_reader *r)
{
    if (!r)
        return;
    finish(r);
    /* the jobs of one file were allocated as one block: free each file's first */
    for (size_t i = 0; i < r->nfiles; i++) {
        for (size_t k = 0; k < r->files[i].count; k++)
            hc_error_release(&r->jobs[r->files[i].first + k]->err);
        if (r->files[i].count)
            hc_free(r->jobs[r->files[i].first]);
    }
    hc_free(r->jobs);
    hc_free(r->files);
    for (unsigned t = 0; t < MAX_HEAD_THREADS; t++)
        hc_arena_free(&r->workers[t].keep);
    pthread_cond_destroy(&r->more);
    pthread_mutex_destroy(&r->lock);
    hc_free(r);
}

static int cmp_file_text(const void *x, const void *y)
{
    const struct file_jobs *a = x, *b = y;
    uintptr_t p = (uintptr_t)a->text, q = (uintptr_t)b->text;
    return p < q ? -1 : p > q;
}

/* The jobs of the file whose text is text, or NULL. */
static const struct file_jobs *file_of(struct hc_head_reader *r, const char *text)
{
    if (!r->sorted_files) {
        qsort(r->files, r->nfiles, sizeof *r->files, cmp_file_text);
        r->sorted_files = true;
    }
    struct file_jobs key = {.text = text};
    return bsearch(&key, r->files, r->nfiles, sizeof *r->files, cmp_file_text);
}

/* ---- SortManifests ---- */

/* Files a document with a read head as a manifest or a hook (or drops an unknown hook). */
static hc_status place(struct hc_arena *a, const struct head_job *j, struct grow *hk,
                       struct grow *mf, struct hc_error *err)
{
    const char *kind = hc_arena_strdup(a, j->kind);
    if (!kind)
        return hc_error_nomem(err);
    if (!j->hook) {
        struct hc_manifest *m = grow_push(a, mf, sizeof *m);
        if (!m)
            return hc_error_nomem(err);
        *m = (struct hc_manifest){j->path, j->doc, j->len, kind};
        return HC_OK;
    }
    bool is_test = false;
    const char *p = j->hook;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        const char *ev = p;
        hc_go_trim_space(&ev, &n);
        char lower[64];
        if (n >= sizeof lower)
            return HC_OK; /* Helm logs "skipping unknown hooks" and drops the document */
        for (size_t k = 0; k < n; k++)
            lower[k] = ev[k] >= 'A' && ev[k] <= 'Z' ? (char)(ev[k] + 32) : ev[k];
        if (hook_event(lower, n, &is_test) < 0)
            return HC_OK;
        if (!comma)
            break;
        p = comma + 1;
    }
    const char *name = hc_arena_strdup(a, j->name);
    struct hc_hook *hook = name ? grow_push(a, hk, sizeof *hook) : NULL;
    if (!hook)
        return hc_error_nomem(err);
    *hook = (struct hc_hook){j->path, j->doc, j->len, kind, name, is_test,
                             j->weight ? atoi_go(j->weight) : 0};
    return HC_OK;
}

/* Places every document of f; its heads read by the reader, or here when it has none. */
static hc_status place_file(struct hc_arena *a, struct hc_head_reader *r,
                            const struct hc_rendered *f, struct grow *hk, struct grow *mf,
                            struct hc_error *err)
{
    const struct file_jobs *fj = r && !r->broken ? file_of(r, f->text) : NULL;
    if (fj) {
        for (size_t k = 0; k < fj->count; k++) {
            struct head_job *j = r->jobs[fj->first + k];
            if (j->rc != HC_OK) {
                hc_error_move(err, &j->err);
                return j->rc;
            }
            hc_status rc = place(a, j, hk, mf, err);
            if (rc != HC_OK)
                return rc;
        }
        return HC_OK;
    }
    struct hc_doc *docs;
    size_t ndocs;
    const char *path = NULL;
    if (hc_manifest_split(a, f->text, f->len, &docs, &ndocs) != HC_OK ||
        !(path = hc_arena_strndup(a, f->name, f->name_len)))
        return hc_error_nomem(err);
    hc_status rc = HC_OK;
    for (size_t d = 0; d < ndocs && rc == HC_OK; d++) {
        struct head_job j = {.path = path, .doc = docs[d].s, .len = docs[d].len};
        read_job(&j, a, a->limit); /* this thread's own arena keeps the head's strings */
        if (j.rc != HC_OK) {
            hc_error_move(err, &j.err);
            rc = j.rc;
        } else {
            rc = place(a, &j, hk, mf, err);
        }
        hc_error_release(&j.err);
    }
    return rc;
}

hc_status hc_manifest_sort(struct hc_arena *a, const struct hc_rendered *files, size_t nfiles,
                           struct hc_head_reader *reader, struct hc_hook **hooks, size_t *nhooks,
                           struct hc_manifest **manifests, size_t *nmanifests,
                           struct hc_error *err)
{
    *hooks = NULL;
    *manifests = NULL;
    *nhooks = *nmanifests = 0;
    if (reader)
        finish(reader);
    const struct hc_rendered **order = hc_malloc((nfiles ? nfiles : 1) * sizeof *order);
    if (!order)
        return hc_error_nomem(err);
    for (size_t i = 0; i < nfiles; i++)
        order[i] = &files[i];
    if (nfiles > 1)
        qsort(order, nfiles, sizeof *order, cmp_rendered);
    struct grow hk = {0}, mf = {0};
    hc_status rc = HC_OK;
    for (size_t i = 0; i < nfiles && rc == HC_OK; i++)
        if (!skip_file(order[i]))
            rc = place_file(a, reader, order[i], &hk, &mf, err);
    hc_free(order);
    if (rc == HC_OK &&
        (sort_by_kind(hk.v, hk.n, sizeof(struct hc_hook), offsetof(struct hc_hook, kind)) !=
             HC_OK ||
         sort_by_kind(mf.v, mf.n, sizeof(struct hc_manifest), offsetof(struct hc_manifest, kind)) !=
             HC_OK))
        rc = hc_error_nomem(err);
    *hooks = hk.v;
    *nhooks = hk.n;
    *manifests = mf.v;
    *nmanifests = mf.n;
    return rc;
}
