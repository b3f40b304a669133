/*
 * repofile.c - repositories.yaml, helm's repo.File (pkg/repo/v1/repo.go) and the lock
 * `helm repo add` takes around it (pkg/cmd/repo_add.go).
 *
 * The file is small: it is read whole into values and written back through the YAML
 * writer that matches sigs.k8s.io/yaml (sorted keys), so what we write is byte for byte
 * what helm writes.  apiVersion and generated are kept as read.
 */
#include "helmc/repo.h"

#include <errno.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/file.h"
#include "helmc/value.h"
#include "yaml/yaml.h"

#define MAX_REPO_FILE ((size_t)16 << 20)
#define LOCK_WAIT_MS  30000 /* helm waits 30 seconds for the lock */
#define ZERO_TIME     "0001-01-01T00:00:00Z"

struct hc_repo_file *hc_repo_file_new(void)
{
    struct hc_repo_file *f = hc_malloc(sizeof *f);
    struct hc_arena *a = hc_malloc(sizeof *a);
    if (!f || !a) {
        hc_free(f);
        hc_free(a);
        return NULL;
    }
    memset(f, 0, sizeof *f);
    hc_arena_init(a, 0);
    f->arena = a;
    f->api_version = "";
    f->generated = ZERO_TIME;
    return f;
}

void hc_repo_file_free(struct hc_repo_file *f)
{
    if (!f)
        return;
    hc_arena_free(f->arena);
    hc_free(f->arena);
    hc_free(f);
}

/* m's field named key, matched as encoding/json matches (exactly, else ignoring case). */
static hc_val field(hc_val m, const char *key)
{
    hc_val v = hc_missing();
    if (m.kind != HC_MAP || !m.u.m)
        return v;
    if (hc_map_get(m.u.m, key, strlen(key), &v))
        return v;
    hc_map_foreach(m.u.m, e) {
        if (e->klen == strlen(key) && strncasecmp(e->key, key, e->klen) == 0)
            return e->val;
    }
    return v;
}

static const char *str_field(struct hc_arena *a, hc_val m, const char *key)
{
    hc_val v = field(m, key);
    if (v.kind != HC_STRING)
        return "";
    return hc_arena_strndup(a, v.u.s, v.len);
}

static hc_status parse(struct hc_repo_file *f, const char *data, size_t len, const char *path,
                       struct hc_error *err)
{
    hc_val doc = hc_null();
    struct hc_error e;
    hc_error_init(&e);
    hc_status rc = hc_yaml_read(f->arena, data, len, NULL, &doc, &e);
    if (rc != HC_OK) {
        rc = rc == HC_ERR_NOMEM ? hc_error_nomem(err)
                                : hc_error_set(err, rc, "%s", hc_error_msg(&e));
        hc_error_release(&e);
        return rc;
    }
    (void)path;
    hc_val v = field(doc, "apiVersion");
    if (v.kind == HC_STRING)
        f->api_version = str_field(f->arena, doc, "apiVersion");
    v = field(doc, "generated");
    if (v.kind == HC_STRING)
        f->generated = str_field(f->arena, doc, "generated");
    hc_val list = field(doc, "repositories");
    if (list.kind != HC_LIST || !list.u.l)
        return HC_OK;
    for (uint32_t i = 0; i < list.u.l->len; i++) {
        hc_val r = list.u.l->items[i];
        if (r.kind != HC_MAP)
            continue;
        struct hc_repo_entry en = {
            .name = str_field(f->arena, r, "name"),
            .url = str_field(f->arena, r, "url"),
            .username = str_field(f->arena, r, "username"),
            .password = str_field(f->arena, r, "password"),
            .cert_file = str_field(f->arena, r, "certFile"),
            .key_file = str_field(f->arena, r, "keyFile"),
            .ca_file = str_field(f->arena, r, "caFile"),
        };
        hc_val b = field(r, "insecure_skip_tls_verify");
        en.insecure_skip_tls_verify = b.kind == HC_BOOL && b.u.b;
        b = field(r, "pass_credentials_all");
        en.pass_credentials_all = b.kind == HC_BOOL && b.u.b;
        if (!en.name || !en.url || !en.username || !en.password || !en.cert_file || !en.key_file ||
            !en.ca_file)
            return hc_error_nomem(err);
        rc = hc_repo_file_update(f, &en, err);
        if (rc != HC_OK)
            return rc;
    }
    return HC_OK;
}

hc_status hc_repo_file_load(const char *path, bool missing_ok, struct hc_repo_file **out,
                            struct hc_error *err)
{
    char *data = NULL;
    size_t len = 0;
    struct hc_error e;
    hc_error_init(&e);
    hc_status rc = hc_file_read(path, MAX_REPO_FILE, &data, &len, &e);
    if (rc == HC_ERR_NOT_FOUND && missing_ok) {
        hc_error_release(&e);
        rc = HC_OK;
    } else if (rc != HC_OK) {
        rc = hc_error_set(err, rc, "couldn't load repositories file (%s): %s", path,
                          hc_error_msg(&e));
        hc_error_release(&e);
        return rc;
    }
    struct hc_repo_file *f = hc_repo_file_new();
    if (!f) {
        hc_free(data);
        return hc_error_nomem(err);
    }
    if (data)
        rc = parse(f, data, len, path, err);
    hc_free(data);
    if (rc != HC_OK) {
        hc_repo_file_free(f);
        return rc;
    }
    *out = f;
    return HC_OK;
}

const struct hc_repo_entry *hc_repo_file_get(const struct hc_repo_file *f, const char *name)
{
    for (size_t i = 0; i < f->n_repos; i++)
        if (!strcmp(f->repos[i].name, name))
            return &f->repos[i];
    return NULL;
}

static const char *copy_str(struct hc_arena *a, const char *s)
{
    return hc_arena_strdup(a, s ? s : "");
}

hc_status hc_repo_file_update(struct hc_repo_file *f, const struct hc_repo_entry *e,
                              struct hc_error *err)
{
    struct hc_repo_entry c = {
        .name = copy_str(f->arena, e->name),
        .url = copy_str(f->arena, e->url),
        .username = copy_str(f->arena, e->username),
        .password = copy_str(f->arena, e->password),
        .cert_file = copy_str(f->arena, e->cert_file),
        .key_file = copy_str(f->arena, e->key_file),
        .ca_file = copy_str(f->arena, e->ca_file),
        .insecure_skip_tls_verify = e->insecure_skip_tls_verify,
        .pass_credentials_all = e->pass_credentials_all,
    };
    if (!c.name || !c.url || !c.username || !c.password || !c.cert_file || !c.key_file ||
        !c.ca_file)
        return hc_error_nomem(err);
    for (size_t i = 0; i < f->n_repos; i++)
        if (!strcmp(f->repos[i].name, c.name)) {
            f->repos[i] = c;
            return HC_OK;
        }
    if (f->n_repos == f->cap_repos) {
        size_t cap = f->cap_repos ? f->cap_repos * 2 : 4;
        void *p = hc_arena_realloc(f->arena, f->repos, f->cap_repos * sizeof c, cap * sizeof c);
        if (!p)
            return hc_error_nomem(err);
        f->repos = p;
        f->cap_repos = cap;
    }
    f->repos[f->n_repos++] = c;
    return HC_OK;
}

bool hc_repo_file_remove(struct hc_repo_file *f, const char *name)
{
    size_t k = 0;
    bool found = false;
    for (size_t i = 0; i < f->n_repos; i++) {
        if (!strcmp(f->repos[i].name, name)) {
            found = true;
            continue;
        }
        f->repos[k++] = f->repos[i];
    }
    f->n_repos = k;
    return found;
}

hc_status hc_repo_file_write(const struct hc_repo_file *f, const char *path, unsigned mode,
                             struct hc_error *err)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    hc_status rc = HC_OK;
    struct hc_list *l = hc_list_new(&a, f->n_repos);
    struct hc_map *doc = hc_map_new(&a, 3);
    if ((!l && f->n_repos) || !doc) {
        rc = hc_error_nomem(err);
        goto out;
    }
    for (size_t i = 0; i < f->n_repos; i++) {
        const struct hc_repo_entry *e = &f->repos[i];
        struct hc_map *m = hc_map_new(&a, 9);
        if (!m) {
            rc = hc_error_nomem(err);
            goto out;
        }
        struct {
            const char *k;
            hc_val v;
        } kv[] = {
            {"name",                     hc_cstr(e->name)                    },
            {"url",                      hc_cstr(e->url)                     },
            {"username",                 hc_cstr(e->username)                },
            {"password",                 hc_cstr(e->password)                },
            {"certFile",                 hc_cstr(e->cert_file)               },
            {"keyFile",                  hc_cstr(e->key_file)                },
            {"caFile",                   hc_cstr(e->ca_file)                 },
            {"insecure_skip_tls_verify", hc_bool(e->insecure_skip_tls_verify)},
            {"pass_credentials_all",     hc_bool(e->pass_credentials_all)    },
        };
        for (size_t k = 0; k < sizeof kv / sizeof kv[0] && rc == HC_OK; k++)
            if (hc_map_set(&a, m, kv[k].k, strlen(kv[k].k), kv[k].v) != HC_OK)
                rc = hc_error_nomem(err);
        l->items[i] = hc_map_val(m, HC_GT_MAP);
    }
    hc_val repos = l ? hc_list_val(l, HC_GT_LIST) : hc_list_val(hc_list_new(&a, 0), HC_GT_LIST);
    if (rc == HC_OK && (hc_map_set(&a, doc, "apiVersion", 10, hc_cstr(f->api_version)) != HC_OK ||
                        hc_map_set(&a, doc, "generated", 9, hc_cstr(f->generated)) != HC_OK ||
                        hc_map_set(&a, doc, "repositories", 12, repos) != HC_OK))
        rc = hc_error_nomem(err);
    if (rc != HC_OK)
        goto out;
    struct hc_buf b = HC_BUF_INIT;
    rc = hc_yaml_write(&b, hc_map_val(doc, HC_GT_MAP), err);
    if (rc == HC_OK)
        rc = hc_file_mkdir_parent(path, 0755, err);
    if (rc == HC_OK)
        rc = hc_file_write_atomic(path, hc_buf_str(&b), b.len, (mode_t)mode, err);
    hc_buf_release(&b);
out:
    hc_arena_free(&a);
    return rc;
}

hc_status hc_repo_file_lock(const char *path, int *fd, struct hc_error *err)
{
    struct hc_buf b = HC_BUF_INIT;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (dot && dot != base)
        hc_buf_add(&b, path, (size_t)(dot - path));
    else
        hc_buf_adds(&b, path);
    hc_buf_adds(&b, ".lock");
    if (!hc_buf_ok(&b))
        return hc_error_nomem(err);
    hc_status rc = hc_file_mkdir_parent(b.data, 0755, err);
    char eb[128];
    int f = rc == HC_OK ? open(b.data, O_RDWR | O_CREAT | O_CLOEXEC, 0600) : -1;
    if (rc == HC_OK && f < 0)
        rc = hc_error_set(err, HC_ERR_IO, "open %s: %s", b.data, hc_file_errstr(errno, eb));
    for (int waited = 0; rc == HC_OK; waited += 100) {
        if (flock(f, LOCK_EX | LOCK_NB) == 0)
            break;
        if (errno != EWOULDBLOCK || waited >= LOCK_WAIT_MS) {
            rc = hc_error_set(err, HC_ERR_IO, "context deadline exceeded");
            break;
        }
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    if (rc != HC_OK && f >= 0)
        close(f);
    hc_buf_release(&b);
    if (rc == HC_OK)
        *fd = f;
    return rc;
}

void hc_repo_file_unlock(int fd)
{
    if (fd >= 0) {
        flock(fd, LOCK_UN);
        close(fd);
    }
}
