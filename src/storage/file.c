/*
 * file.c - the file driver: one file per revision under a data home.
 *
 * Layout (docs/internals/storage.md):
 *
 *   <home>/releases/<namespace>/<name>/sh.helm.release.v1.<name>.v<N>
 *   <home>/releases/<namespace>/<name>/.lock
 *
 * Each revision file holds exactly what Helm's Secret driver puts in
 * data.release: base64(gzip(json)), so it can be exported as it is.
 *
 * Invariants: a revision file is only ever replaced whole (a temporary file
 * in the same folder, fsync, link or rename, fsync of the folder), so a
 * reader sees the old bytes or the new ones; every write happens under the
 * release's flock, which dies with its process, so the temporary files found
 * when the lock is taken are leftovers of killed writers and are removed.
 * Create links the new file into place, which fails if the name exists, so
 * even a writer that skipped the lock could not overwrite a revision.
 */
#include "storage/storage_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"

#define KEY_PREFIX "sh.helm.release.v1."
#define LOCK_NAME  ".lock"
#define TMP_PREFIX ".tmp-"
/* Ceiling on one revision file; Kubernetes stops Secrets at 1 MiB, we allow far more. */
#define MAX_RECORD_FILE ((size_t)256 << 20)

/* A release lock this handle holds (the count makes it reentrant). */
struct held {
    struct held *next;
    char ns[KEYPART_MAX], name[KEYPART_MAX];
    int fd;
    unsigned count;
};

struct file_driver {
    struct hc_storage_driver base;
    char *home;
    struct held *locks;
};

static struct file_driver *fd_of(struct hc_storage_driver *d)
{
    return (struct file_driver *)d;
}

static hc_status check_names(const char *ns, const char *name, struct hc_error *err)
{
    if (!hc_storage_name_ok(name, strlen(name)))
        return hc_error_set(err, HC_ERR_INVALID, "release name is invalid: %s", name);
    if (!hc_storage_namespace_ok(ns, strlen(ns)))
        return hc_error_set(err, HC_ERR_INVALID, "namespace is invalid: %s", ns);
    return HC_OK;
}

/* home/releases[/ns[/name[/leaf]]] as a malloc'd string (NULL: out of memory). */
static char *path_of(const struct file_driver *f, const char *ns, const char *name,
                     const char *leaf)
{
    struct hc_buf b;
    hc_buf_init(&b, 0);
    hc_buf_printf(&b, "%s/releases", f->home);
    if (ns)
        hc_buf_printf(&b, "/%s", ns);
    if (name)
        hc_buf_printf(&b, "/%s", name);
    if (leaf)
        hc_buf_printf(&b, "/%s", leaf);
    if (!hc_buf_ok(&b)) {
        hc_buf_release(&b);
        return NULL;
    }
    return hc_buf_detach(&b, NULL);
}

static void key_of(char *out, size_t size, const char *name, int64_t version)
{
    snprintf(out, size, KEY_PREFIX "%s.v%lld", name, (long long)version);
}

/* The revision named by a file, or -1 when it is not one of name's revision files. */
static int64_t version_of(const char *file, const char *name)
{
    size_t np = strlen(KEY_PREFIX), nn = strlen(name);
    if (strncmp(file, KEY_PREFIX, np) != 0 || strncmp(file + np, name, nn) != 0 ||
        strncmp(file + np + nn, ".v", 2) != 0)
        return -1;
    const char *d = file + np + nn + 2;
    if (!*d || (d[0] == '0' && d[1]) || strlen(d) > 18)
        return -1;
    int64_t v = 0;
    for (; *d; d++) {
        if (*d < '0' || *d > '9')
            return -1;
        v = v * 10 + (*d - '0');
    }
    return v;
}

static hc_status io_error(struct hc_error *err, const char *what, const char *path)
{
    return hc_error_set(err, HC_ERR_IO, "%s %s: %s", what, path, hc_storage_errno_text(errno));
}

/* mkdir -p with mode 0700 (records hold the user's values, secrets included). */
static hc_status make_dirs(const char *path, struct hc_error *err)
{
    size_t n = strlen(path);
    char *p = hc_malloc(n + 1);
    if (!p)
        return hc_error_nomem(err);
    memcpy(p, path, n + 1);
    hc_status rc = HC_OK;
    for (size_t i = 1; i <= n && rc == HC_OK; i++) {
        if (p[i] != '/' && p[i] != '\0')
            continue;
        char c = p[i];
        p[i] = '\0';
        if (mkdir(p, 0700) != 0 && errno != EEXIST)
            rc = io_error(err, "mkdir", p);
        p[i] = c;
    }
    hc_free(p);
    return rc;
}

static hc_status sync_dir(const char *dir, struct hc_error *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return io_error(err, "open", dir);
    int r = fsync(fd);
    int e = errno;
    close(fd);
    errno = e;
    return r == 0 ? HC_OK : io_error(err, "fsync", dir);
}

/* Reads a whole file (at most MAX_RECORD_FILE) into a, NUL-terminated. */
static hc_status slurp(struct hc_arena *a, const char *path, char **out, size_t *len,
                       struct hc_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return hc_error_set(err, HC_ERR_NOT_FOUND, HC_STORAGE_ERR_NOT_FOUND);
        return io_error(err, "open", path);
    }
    struct stat st;
    hc_status rc = HC_OK;
    char *buf = NULL;
    size_t got = 0;
    if (fstat(fd, &st) != 0)
        rc = io_error(err, "stat", path);
    else if ((uint64_t)st.st_size > MAX_RECORD_FILE)
        rc = hc_error_set(err, HC_ERR_LIMIT, "read %s: record larger than %zu bytes", path,
                          MAX_RECORD_FILE);
    else if (!(buf = hc_arena_alloc(a, (size_t)st.st_size + 1)))
        rc = hc_error_nomem(err);
    while (rc == HC_OK && got < (size_t)st.st_size) {
        ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            rc = io_error(err, "read", path);
        else if (r == 0)
            break; /* shrank under us: decode what is there */
        else
            got += (size_t)r;
    }
    close(fd);
    if (rc != HC_OK)
        return rc;
    buf[got] = '\0';
    *out = buf;
    *len = got;
    return HC_OK;
}

/*
 * Reads and decodes one revision file, checking it holds the revision its
 * name says.  HC_ERR_NOT_FOUND when absent; HC_ERR_PARSE with the reason when
 * unreadable.
 */
static hc_status read_record(struct file_driver *f, struct hc_arena *a, const char *ns,
                             const char *name, int64_t version, struct hc_release **out,
                             struct hc_error *err)
{
    char key[160];
    key_of(key, sizeof key, name, version);
    char *path = path_of(f, ns, name, key);
    if (!path)
        return hc_error_nomem(err);
    char *data;
    size_t len;
    hc_status rc = slurp(a, path, &data, &len, err);
    hc_free(path);
    if (rc != HC_OK)
        return rc;
    struct hc_release *r;
    rc = hc_release_decode(a, data, len, 0, &r, err);
    if (rc == HC_ERR_NOMEM)
        return rc;
    if (rc != HC_OK)
        return HC_ERR_PARSE;
    if (r->version != version || r->name.n != strlen(name) ||
        memcmp(r->name.p, name, r->name.n) != 0)
        return hc_error_set(err, HC_ERR_PARSE, "record holds %.*s revision %lld",
                            (int)(r->name.n > 64 ? 64 : r->name.n), r->name.p ? r->name.p : "",
                            (long long)r->version);
    *out = r;
    return HC_OK;
}

static hc_status file_get(struct hc_storage_driver *d, struct hc_arena *a, const char *ns,
                          const char *name, int64_t version, struct hc_release **out,
                          struct hc_error *err)
{
    hc_status rc = check_names(ns, name, err);
    if (rc != HC_OK)
        return rc;
    struct hc_error e;
    hc_error_init(&e);
    rc = read_record(fd_of(d), a, ns, name, version, out, &e);
    if (rc == HC_ERR_PARSE) {
        char key[160];
        key_of(key, sizeof key, name, version);
        hc_error_set(err, rc, "get: failed to decode data \"%s\": %s", key, hc_error_msg(&e));
        hc_error_release(&e);
    } else {
        hc_error_move(err, &e);
    }
    return rc;
}

/*
 * Opens home/releases[/ns[/name]] for reading; *dp is NULL (and the status
 * HC_OK) when it does not exist yet.
 */
static hc_status open_folder(struct file_driver *f, const char *ns, const char *name, DIR **dp,
                             struct hc_error *err)
{
    char *dir = path_of(f, ns, name, NULL);
    if (!dir)
        return hc_error_nomem(err);
    hc_status rc = HC_OK;
    *dp = opendir(dir);
    if (!*dp && errno != ENOENT && errno != ENOTDIR)
        rc = io_error(err, "open", dir);
    hc_free(dir);
    return rc;
}

/* Adds every readable revision of ns/name to out, reporting the others in out->skipped. */
static hc_status scan_release(struct file_driver *f, struct hc_arena *a, const char *ns,
                              const char *name, struct hc_release_list *out, struct hc_error *err)
{
    DIR *dp;
    hc_status rc = open_folder(f, ns, name, &dp, err);
    if (rc != HC_OK || !dp)
        return rc;
    struct dirent *de;
    while (rc == HC_OK && (de = readdir(dp)) != NULL) {
        int64_t v = version_of(de->d_name, name);
        if (v < 0)
            continue;
        struct hc_release *r;
        struct hc_error e;
        hc_error_init(&e);
        hc_status rrc = read_record(f, a, ns, name, v, &r, &e);
        if (rrc == HC_OK)
            rc = hc_storage_list_add(a, out, r, err);
        else if (rrc == HC_ERR_NOMEM)
            rc = hc_error_nomem(err);
        else if (rrc != HC_ERR_NOT_FOUND) /* deleted since readdir: not there */
            rc = hc_storage_list_skip(a, out, de->d_name, hc_error_msg(&e), err);
        hc_error_release(&e);
    }
    closedir(dp);
    return rc;
}

static hc_status file_history(struct hc_storage_driver *d, struct hc_arena *a, const char *ns,
                              const char *name, struct hc_release_list *out, struct hc_error *err)
{
    hc_status rc = check_names(ns, name, err);
    if (rc != HC_OK)
        return rc;
    return scan_release(fd_of(d), a, ns, name, out, err);
}

/* Calls scan_release for every release folder of ns. */
static hc_status scan_namespace(struct file_driver *f, struct hc_arena *a, const char *ns,
                                struct hc_release_list *out, struct hc_error *err)
{
    DIR *dp;
    hc_status rc = open_folder(f, ns, NULL, &dp, err);
    if (rc != HC_OK || !dp)
        return rc;
    struct dirent *de;
    while (rc == HC_OK && (de = readdir(dp)) != NULL)
        if (hc_storage_name_ok(de->d_name, strlen(de->d_name)))
            rc = scan_release(f, a, ns, de->d_name, out, err);
    closedir(dp);
    return rc;
}

static hc_status file_list(struct hc_storage_driver *d, struct hc_arena *a, const char *ns,
                           struct hc_release_list *out, struct hc_error *err)
{
    struct file_driver *f = fd_of(d);
    if (ns) {
        if (!hc_storage_namespace_ok(ns, strlen(ns)))
            return hc_error_set(err, HC_ERR_INVALID, "namespace is invalid: %s", ns);
        return scan_namespace(f, a, ns, out, err);
    }
    DIR *dp;
    hc_status rc = open_folder(f, NULL, NULL, &dp, err);
    if (rc != HC_OK || !dp)
        return rc;
    struct dirent *de;
    while (rc == HC_OK && (de = readdir(dp)) != NULL)
        if (hc_storage_namespace_ok(de->d_name, strlen(de->d_name)))
            rc = scan_namespace(f, a, de->d_name, out, err);
    closedir(dp);
    return rc;
}

/* ---------------------------------------------------------------- locking */

static struct held *find_held(struct file_driver *f, const char *ns, const char *name)
{
    for (struct held *h = f->locks; h; h = h->next)
        if (strcmp(h->ns, ns) == 0 && strcmp(h->name, name) == 0)
            return h;
    return NULL;
}

/* Removes temporary files left by writers killed mid-write (the lock is ours now). */
static void remove_leftovers(const char *dir)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return;
    int dfd = dirfd(dp);
    struct dirent *de;
    while ((de = readdir(dp)) != NULL)
        if (strncmp(de->d_name, TMP_PREFIX, strlen(TMP_PREFIX)) == 0)
            (void)unlinkat(dfd, de->d_name, 0);
    closedir(dp);
}

static hc_status file_lock(struct hc_storage_driver *d, const char *ns, const char *name, bool wait,
                           struct hc_error *err)
{
    struct file_driver *f = fd_of(d);
    hc_status rc = check_names(ns, name, err);
    if (rc != HC_OK)
        return rc;
    struct held *h = find_held(f, ns, name);
    if (h) {
        h->count++;
        return HC_OK;
    }
    char *dir = path_of(f, ns, name, NULL);
    char *lock = path_of(f, ns, name, LOCK_NAME);
    h = hc_calloc(1, sizeof *h);
    if (!dir || !lock || !h) {
        rc = hc_error_nomem(err);
        goto out;
    }
    rc = make_dirs(dir, err);
    if (rc != HC_OK)
        goto out;
    h->fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (h->fd < 0) {
        rc = io_error(err, "open", lock);
        goto out;
    }
    int r;
    while ((r = flock(h->fd, LOCK_EX | (wait ? 0 : LOCK_NB))) != 0 && errno == EINTR)
        ;
    if (r != 0) {
        rc = errno == EWOULDBLOCK ? hc_error_set(err, HC_ERR_EXISTS, HC_STORAGE_ERR_LOCKED)
                                  : io_error(err, "flock", lock);
        close(h->fd);
        goto out;
    }
    remove_leftovers(dir);
    strcpy(h->ns, ns);
    strcpy(h->name, name);
    h->count = 1;
    h->next = f->locks;
    f->locks = h;
    h = NULL;
out:
    hc_free(h);
    hc_free(dir);
    hc_free(lock);
    return rc;
}

static void file_unlock(struct hc_storage_driver *d, const char *ns, const char *name)
{
    struct file_driver *f = fd_of(d);
    for (struct held **pp = &f->locks; *pp; pp = &(*pp)->next) {
        struct held *h = *pp;
        if (strcmp(h->ns, ns) != 0 || strcmp(h->name, name) != 0)
            continue;
        if (--h->count == 0) {
            *pp = h->next;
            close(h->fd); /* releases the flock */
            hc_free(h);
        }
        return;
    }
}

/* ---------------------------------------------------------------- writing */

/* Writes all of p to a new temporary file in dir, synced; *tmp gets its path. */
static hc_status write_temp(const char *dir, const char *key, const char *p, size_t n, char **tmp,
                            struct hc_error *err)
{
    struct hc_buf b;
    hc_buf_init(&b, 0);
    hc_buf_printf(&b, "%s/" TMP_PREFIX "%s-XXXXXX", dir, key);
    if (!hc_buf_ok(&b)) {
        hc_buf_release(&b);
        return hc_error_nomem(err);
    }
    char *path = hc_buf_detach(&b, NULL);
    int fd = mkstemp(path);
    if (fd < 0) {
        hc_status rc = io_error(err, "create", path);
        hc_free(path);
        return rc;
    }
    hc_status rc = HC_OK;
    size_t off = 0;
    while (off < n) {
        ssize_t w = write(fd, p + off, n - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0) {
            rc = io_error(err, "write", path);
            break;
        }
        off += (size_t)w;
    }
    if (rc == HC_OK && fsync(fd) != 0)
        rc = io_error(err, "fsync", path);
    if (close(fd) != 0 && rc == HC_OK)
        rc = io_error(err, "close", path);
    if (rc != HC_OK) {
        unlink(path);
        hc_free(path);
        return rc;
    }
    *tmp = path;
    return HC_OK;
}

/*
 * Puts r's body in place under the release lock: create links it in (EEXIST
 * means the revision is taken), update renames over an existing file.
 */
static hc_status put(struct file_driver *f, const char *ns, const struct hc_release *r, bool create,
                     struct hc_error *err)
{
    char rns[KEYPART_MAX], name[KEYPART_MAX];
    hc_status rc = hc_storage_record_key(r, rns, name, err);
    if (rc == HC_OK)
        rc = check_names(ns, name, err);
    if (rc != HC_OK)
        return rc;
    struct hc_buf body;
    hc_buf_init(&body, 0);
    rc = hc_release_encode(&body, r, r->format, err);
    if (rc == HC_OK && !hc_buf_ok(&body))
        rc = hc_error_nomem(err);
    if (rc != HC_OK) {
        hc_buf_release(&body);
        return rc;
    }
    rc = file_lock(&f->base, ns, name, true, err);
    if (rc != HC_OK) {
        hc_buf_release(&body);
        return rc;
    }
    char key[160];
    key_of(key, sizeof key, name, r->version);
    char *dir = path_of(f, ns, name, NULL);
    char *final = path_of(f, ns, name, key);
    char *tmp = NULL;
    if (!dir || !final) {
        rc = hc_error_nomem(err);
        goto out;
    }
    if (!create && access(final, F_OK) != 0) {
        rc = errno == ENOENT ? hc_error_set(err, HC_ERR_NOT_FOUND, HC_STORAGE_ERR_NOT_FOUND)
                             : io_error(err, "stat", final);
        goto out;
    }
    rc = write_temp(dir, key, hc_buf_str(&body), body.len, &tmp, err);
    if (rc != HC_OK)
        goto out;
    if (create) {
        if (link(tmp, final) != 0) {
            if (errno == EEXIST)
                rc = hc_error_set(err, HC_ERR_EXISTS, HC_STORAGE_ERR_EXISTS);
            else if (errno != EPERM && errno != ENOTSUP && errno != EXDEV)
                rc = io_error(err, "link", final);
            else if (access(final, F_OK) == 0) /* no hard links here: the lock guards */
                rc = hc_error_set(err, HC_ERR_EXISTS, HC_STORAGE_ERR_EXISTS);
            else if (rename(tmp, final) != 0)
                rc = io_error(err, "rename", final);
        }
        (void)unlink(tmp); /* gone already after the rename fallback */
    } else if (rename(tmp, final) != 0) {
        rc = io_error(err, "rename", final);
        (void)unlink(tmp);
    }
    if (rc == HC_OK)
        rc = sync_dir(dir, err);
out:
    file_unlock(&f->base, ns, name);
    hc_free(tmp);
    hc_free(dir);
    hc_free(final);
    hc_buf_release(&body);
    return rc;
}

static hc_status file_create(struct hc_storage_driver *d, const char *ns,
                             const struct hc_release *r, struct hc_error *err)
{
    return put(fd_of(d), ns, r, true, err);
}

static hc_status file_update(struct hc_storage_driver *d, const char *ns,
                             const struct hc_release *r, struct hc_error *err)
{
    return put(fd_of(d), ns, r, false, err);
}

static hc_status file_remove(struct hc_storage_driver *d, struct hc_arena *a, const char *ns,
                             const char *name, int64_t version, struct hc_release **out,
                             struct hc_error *err)
{
    struct file_driver *f = fd_of(d);
    hc_status rc = file_lock(d, ns, name, true, err);
    if (rc != HC_OK)
        return rc;
    char key[160];
    key_of(key, sizeof key, name, version);
    char *dir = path_of(f, ns, name, NULL);
    char *final = path_of(f, ns, name, key);
    if (!dir || !final) {
        rc = hc_error_nomem(err);
        goto out;
    }
    if (out) {
        /* A record that cannot be read is still removed; the caller gets NULL for it. */
        struct hc_error e;
        hc_error_init(&e);
        if (read_record(f, a, ns, name, version, out, &e) != HC_OK)
            *out = NULL;
        hc_error_release(&e);
    }
    if (unlink(final) != 0) {
        rc = errno == ENOENT ? hc_error_set(err, HC_ERR_NOT_FOUND, HC_STORAGE_ERR_NOT_FOUND)
                             : io_error(err, "remove", final);
        if (out)
            *out = NULL;
        goto out;
    }
    rc = sync_dir(dir, err);
out:
    file_unlock(d, ns, name);
    hc_free(dir);
    hc_free(final);
    return rc;
}

static int cmp_i64(const void *pa, const void *pb)
{
    int64_t x = *(const int64_t *)pa, y = *(const int64_t *)pb;
    return x < y ? -1 : x > y;
}

static hc_status file_revisions(struct hc_storage_driver *d, struct hc_arena *a, const char *ns,
                                const char *name, int64_t **out, size_t *n, struct hc_error *err)
{
    hc_status rc = check_names(ns, name, err);
    if (rc != HC_OK)
        return rc;
    *out = NULL;
    *n = 0;
    DIR *dp;
    rc = open_folder(fd_of(d), ns, name, &dp, err);
    if (rc != HC_OK || !dp)
        return rc;
    size_t cap = 0;
    struct dirent *de;
    while (rc == HC_OK && (de = readdir(dp)) != NULL) {
        int64_t v = version_of(de->d_name, name);
        if (v < 0)
            continue;
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            int64_t *p = hc_arena_realloc(a, *out, cap * sizeof *p, hc_mul_size(ncap, sizeof *p));
            if (!p) {
                rc = hc_error_nomem(err);
                break;
            }
            *out = p;
            cap = ncap;
        }
        (*out)[(*n)++] = v;
    }
    closedir(dp);
    if (rc == HC_OK && *n > 1)
        qsort(*out, *n, sizeof **out, cmp_i64);
    return rc;
}

static void file_free(struct hc_storage_driver *d)
{
    struct file_driver *f = fd_of(d);
    while (f->locks) {
        struct held *h = f->locks;
        f->locks = h->next;
        close(h->fd);
        hc_free(h);
    }
    hc_free(f->home);
    hc_free(f);
}

static const struct hc_storage_driver_ops file_ops = {
    "File",      file_get,  file_history, file_list, file_create,    file_update,
    file_remove, file_lock, file_unlock,  file_free, file_revisions,
};

hc_status hc_storage_file_new(const char *data_home, struct hc_storage_driver **out,
                              struct hc_error *err)
{
    struct file_driver *f = hc_calloc(1, sizeof *f);
    size_t n = strlen(data_home);
    char *home = hc_malloc(n + 1);
    if (!f || !home) {
        hc_free(f);
        hc_free(home);
        return hc_error_nomem(err);
    }
    memcpy(home, data_home, n + 1);
    while (n > 1 && home[n - 1] == '/')
        home[--n] = '\0';
    f->base.ops = &file_ops;
    f->home = home;
    *out = &f->base;
    return HC_OK;
}

hc_status hc_storage_data_home(struct hc_buf *out, const char *helmc_data_home,
                               const char *xdg_data_home, const char *home, struct hc_error *err)
{
    if (helmc_data_home && *helmc_data_home)
        hc_buf_adds(out, helmc_data_home);
    else if (xdg_data_home && xdg_data_home[0] == '/')
        hc_buf_printf(out, "%s/helmc", xdg_data_home);
    else if (home && *home)
        hc_buf_printf(out, "%s/.local/share/helmc", home);
    else
        return hc_error_set(err, HC_ERR_INVALID,
                            "no data home: set HELMC_DATA_HOME, XDG_DATA_HOME or HOME");
    return hc_buf_ok(out) ? HC_OK : hc_error_nomem(err);
}
