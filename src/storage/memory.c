/*
 * memory.c - the memory driver: records held by this process only.
 *
 * Mirrors Helm's pkg/storage/driver/memory.go and records.go, and
 * loadReleasesInMemory in pkg/cmd/root.go for HELM_MEMORY_DRIVER_DATA.
 * Each record is kept as its JSON text (in the format it came in), so what a
 * caller gets back is always a fresh decode it owns, as the other drivers
 * give.  Invariant: no two records share (namespace, name, version).
 */
#include "storage/storage_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "json/json.h"
#include "yaml/yaml.h"

/* Ceiling on one HELM_MEMORY_DRIVER_DATA file. */
#define MAX_DATA_FILE ((size_t)256 << 20)

struct mem_rec {
    char *ns, *name;
    int64_t version;
    char *json; /* owned */
    size_t len;
};

struct mem_driver {
    struct hc_storage_driver base;
    struct mem_rec *v;
    size_t n, cap;
};

static struct mem_driver *mem_of(struct hc_storage_driver *d)
{
    return (struct mem_driver *)d;
}

static struct mem_rec *find(struct mem_driver *m, const char *ns, const char *name, int64_t version)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->v[i].version == version && strcmp(m->v[i].name, name) == 0 &&
            strcmp(m->v[i].ns, ns) == 0)
            return &m->v[i];
    return NULL;
}

static hc_status decode(struct hc_arena *a, const struct mem_rec *rec, struct hc_release **out,
                        struct hc_error *err)
{
    return hc_release_from_json(a, rec->json, rec->len, out, err);
}

static hc_status mem_get(struct hc_storage_driver *d, struct hc_arena *a, const char *ns,
                         const char *name, int64_t version, struct hc_release **out,
                         struct hc_error *err)
{
    struct mem_rec *rec = find(mem_of(d), ns, name, version);
    if (!rec)
        return hc_error_set(err, HC_ERR_NOT_FOUND, HC_STORAGE_ERR_NOT_FOUND);
    return decode(a, rec, out, err);
}

/* Adds every record of ns (NULL: all) and name (NULL: all) to out. */
static hc_status collect(struct mem_driver *m, struct hc_arena *a, const char *ns, const char *name,
                         struct hc_release_list *out, struct hc_error *err)
{
    for (size_t i = 0; i < m->n; i++) {
        if ((ns && strcmp(m->v[i].ns, ns) != 0) || (name && strcmp(m->v[i].name, name) != 0))
            continue;
        struct hc_release *r;
        hc_status rc = decode(a, &m->v[i], &r, err);
        if (rc == HC_OK)
            rc = hc_storage_list_add(a, out, r, err);
        if (rc != HC_OK)
            return rc;
    }
    return HC_OK;
}

static hc_status mem_history(struct hc_storage_driver *d, struct hc_arena *a, const char *ns,
                             const char *name, struct hc_release_list *out, struct hc_error *err)
{
    return collect(mem_of(d), a, ns, name, out, err);
}

static hc_status mem_list(struct hc_storage_driver *d, struct hc_arena *a, const char *ns,
                          struct hc_release_list *out, struct hc_error *err)
{
    return collect(mem_of(d), a, ns, NULL, out, err);
}

static hc_status to_json(const struct hc_release *r, char **json, size_t *len, struct hc_error *err)
{
    struct hc_buf b;
    hc_buf_init(&b, 0);
    hc_status rc = hc_release_to_json(&b, r, r->format, err);
    if (rc == HC_OK && !hc_buf_ok(&b))
        rc = hc_error_nomem(err);
    if (rc == HC_OK && !b.data)
        hc_buf_add(&b, "", 0);
    if (rc != HC_OK || !hc_buf_ok(&b)) {
        hc_buf_release(&b);
        return rc != HC_OK ? rc : hc_error_nomem(err);
    }
    *json = hc_buf_detach(&b, len);
    return HC_OK;
}

static char *dupstr(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = hc_malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

static hc_status mem_create(struct hc_storage_driver *d, const char *ns, const struct hc_release *r,
                            struct hc_error *err)
{
    struct mem_driver *m = mem_of(d);
    char rns[KEYPART_MAX], name[KEYPART_MAX];
    hc_status rc = hc_storage_record_key(r, rns, name, err);
    if (rc != HC_OK)
        return rc;
    if (find(m, ns, name, r->version))
        return hc_error_set(err, HC_ERR_EXISTS, HC_STORAGE_ERR_EXISTS);
    if (m->n == m->cap) {
        size_t cap = m->cap ? hc_mul_size(m->cap, 2) : 8;
        struct mem_rec *v = hc_realloc(m->v, hc_mul_size(cap, sizeof *v));
        if (!v)
            return hc_error_nomem(err);
        m->v = v;
        m->cap = cap;
    }
    struct mem_rec rec = {dupstr(ns), dupstr(name), r->version, NULL, 0};
    if (!rec.ns || !rec.name) {
        hc_free(rec.ns);
        hc_free(rec.name);
        return hc_error_nomem(err);
    }
    rc = to_json(r, &rec.json, &rec.len, err);
    if (rc != HC_OK) {
        hc_free(rec.ns);
        hc_free(rec.name);
        return rc;
    }
    m->v[m->n++] = rec;
    return HC_OK;
}

static hc_status mem_update(struct hc_storage_driver *d, const char *ns, const struct hc_release *r,
                            struct hc_error *err)
{
    char rns[KEYPART_MAX], name[KEYPART_MAX];
    hc_status rc = hc_storage_record_key(r, rns, name, err);
    if (rc != HC_OK)
        return rc;
    struct mem_rec *rec = find(mem_of(d), ns, name, r->version);
    if (!rec)
        return hc_error_set(err, HC_ERR_NOT_FOUND, HC_STORAGE_ERR_NOT_FOUND);
    char *json;
    size_t len;
    rc = to_json(r, &json, &len, err);
    if (rc != HC_OK)
        return rc;
    hc_free(rec->json);
    rec->json = json;
    rec->len = len;
    return HC_OK;
}

static hc_status mem_remove(struct hc_storage_driver *d, struct hc_arena *a, const char *ns,
                            const char *name, int64_t version, struct hc_release **out,
                            struct hc_error *err)
{
    struct mem_driver *m = mem_of(d);
    struct mem_rec *rec = find(m, ns, name, version);
    if (!rec)
        return hc_error_set(err, HC_ERR_NOT_FOUND, HC_STORAGE_ERR_NOT_FOUND);
    if (out) {
        hc_status rc = decode(a, rec, out, err);
        if (rc != HC_OK)
            return rc;
    }
    hc_free(rec->ns);
    hc_free(rec->name);
    hc_free(rec->json);
    size_t i = (size_t)(rec - m->v);
    memmove(&m->v[i], &m->v[i + 1], (m->n - i - 1) * sizeof *m->v);
    m->n--;
    return HC_OK;
}

static void mem_free(struct hc_storage_driver *d)
{
    struct mem_driver *m = mem_of(d);
    for (size_t i = 0; i < m->n; i++) {
        hc_free(m->v[i].ns);
        hc_free(m->v[i].name);
        hc_free(m->v[i].json);
    }
    hc_free(m->v);
    hc_free(m);
}

static const struct hc_storage_driver_ops mem_ops = {
    "Memory",   mem_get, mem_history, mem_list, mem_create, mem_update,
    mem_remove, NULL,    NULL,        mem_free, NULL,
};

hc_status hc_storage_memory_new(struct hc_storage_driver **out, struct hc_error *err)
{
    struct mem_driver *m = hc_calloc(1, sizeof *m);
    if (!m)
        return hc_error_nomem(err);
    m->base.ops = &mem_ops;
    *out = &m->base;
    return HC_OK;
}

/* ---------------------------------------------------------------- HELM_MEMORY_DRIVER_DATA */

#define UNMARSHAL_PREFIX "error unmarshaling JSON: while decoding JSON: "

/*
 * sigs.k8s.io/yaml.Unmarshal into []*v1.Release: YAML to JSON, then
 * json.Unmarshal.  Null or an empty document is an empty list.
 */
hc_status hc_storage_memory_parse(struct hc_arena *a, const char *text, size_t len,
                                  struct hc_release_list *out, struct hc_error *err)
{
    struct hc_release_list l = {0};
    hc_val v;
    hc_status rc = hc_yaml_read(a, text, len, NULL, &v, err);
    if (rc != HC_OK)
        return rc;
    if (v.kind == HC_NULL || (v.kind == HC_LIST && !v.u.l)) {
        *out = l;
        return HC_OK;
    }
    if (v.kind != HC_LIST)
        return hc_error_set(err, HC_ERR_INVALID,
                            UNMARSHAL_PREFIX
                            "json: cannot unmarshal %s into Go value of type []*v1.Release",
                            hc_json_kind(v));
    struct hc_buf b;
    hc_buf_init(&b, 0);
    for (uint32_t i = 0; i < v.u.l->len && rc == HC_OK; i++) {
        hc_val item = v.u.l->items[i];
        if (item.kind == HC_NULL) {
            /* Go keeps a nil *Release, which Helm's Create then refuses. */
            rc = hc_error_set(err, HC_ERR_INVALID, "memory driver data: record %u is null",
                              (unsigned)i);
            break;
        }
        hc_buf_reset(&b);
        struct hc_error e;
        hc_error_init(&e);
        struct hc_release *r = NULL;
        rc = hc_json_write(&b, item, 0, &e);
        if (rc == HC_OK && !hc_buf_ok(&b))
            rc = hc_error_nomem(&e);
        if (rc == HC_OK)
            rc = hc_release_from_json(a, hc_buf_str(&b), b.len, &r, &e);
        if (rc == HC_OK)
            rc = hc_storage_list_add(a, &l, r, &e);
        if (rc == HC_ERR_INVALID || rc == HC_ERR_PARSE) {
            hc_error_set(err, rc, UNMARSHAL_PREFIX "%s", hc_error_msg(&e));
            hc_error_release(&e);
        } else {
            hc_error_move(err, &e);
        }
    }
    hc_buf_release(&b);
    if (rc == HC_OK)
        *out = l;
    return rc;
}

/* os.ReadFile with a ceiling; Go's "open PATH: ..." / "read PATH: ..." texts. */
static hc_status read_file(const char *path, char **data, size_t *len, struct hc_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return hc_error_set(err, HC_ERR_IO, "open %s: %s", path, hc_storage_errno_text(errno));
    struct hc_buf b;
    hc_buf_init(&b, MAX_DATA_FILE);
    hc_status rc = HC_OK;
    for (;;) {
        if (!hc_buf_grow(&b, 65536)) {
            rc = b.toobig ? hc_error_set(err, HC_ERR_LIMIT, "read %s: file too large", path)
                          : hc_error_nomem(err);
            break;
        }
        ssize_t got = read(fd, b.data + b.len, b.cap - b.len - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            rc = hc_error_set(err, HC_ERR_IO, "read %s: %s", path, hc_storage_errno_text(errno));
            break;
        }
        if (got == 0)
            break;
        b.len += (size_t)got;
        b.data[b.len] = '\0';
    }
    close(fd);
    if (rc != HC_OK) {
        hc_buf_release(&b);
        return rc;
    }
    if (!b.data)
        hc_buf_add(&b, "", 0);
    *data = hc_buf_detach(&b, len);
    return *data ? HC_OK : hc_error_nomem(err);
}

static hc_status load_one(struct hc_storage_driver *d, const char *path, struct hc_error *err)
{
    char *text;
    size_t len;
    struct hc_error e;
    hc_error_init(&e);
    hc_status rc = read_file(path, &text, &len, &e);
    if (rc != HC_OK) {
        hc_error_set(err, rc, "Unable to read memory driver data%s", hc_error_msg(&e));
        hc_error_release(&e);
        return rc;
    }
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_release_list l;
    rc = hc_storage_memory_parse(&a, text, len, &l, &e);
    if (rc != HC_OK) {
        if (rc == HC_ERR_NOMEM)
            hc_error_move(err, &e);
        else {
            hc_error_set(err, rc, "Unable to unmarshal memory driver data: %s", hc_error_msg(&e));
            hc_error_release(&e);
        }
    }
    /* Storage.Create without a history limit, in file order. */
    for (size_t i = 0; rc == HC_OK && i < l.n; i++) {
        char ns[KEYPART_MAX], name[KEYPART_MAX];
        rc = hc_storage_record_key(l.v[i], ns, name, err);
        if (rc == HC_OK)
            rc = mem_create(d, ns, l.v[i], err);
    }
    hc_arena_free(&a);
    hc_free(text);
    return rc;
}

hc_status hc_storage_memory_load(struct hc_storage_driver *d, const char *paths,
                                 struct hc_error *err)
{
    /* strings.Split(value, ":"): an empty value is one empty path. */
    const char *p = paths ? paths : "";
    for (;;) {
        const char *colon = strchr(p, ':');
        size_t n = colon ? (size_t)(colon - p) : strlen(p);
        char *path = hc_malloc(n + 1);
        if (!path)
            return hc_error_nomem(err);
        memcpy(path, p, n);
        path[n] = '\0';
        hc_status rc = load_one(d, path, err);
        hc_free(path);
        if (rc != HC_OK)
            return rc;
        if (!colon)
            return HC_OK;
        p = colon + 1;
    }
}
