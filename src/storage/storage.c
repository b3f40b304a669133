/*
 * storage.c - the storage over a driver: history, last, deployed, and the
 * pruning done before each new revision.
 *
 * Mirrors Helm's pkg/storage/storage.go.  Invariant: every query result is
 * sorted by revision, and pruning never removes the newest deployed
 * revision, whatever the limit.
 */
#include "storage/storage_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"

/* ---------------------------------------------------------------- lists */

hc_status hc_storage_list_add(struct hc_arena *a, struct hc_release_list *l, struct hc_release *r,
                              struct hc_error *err)
{
    /* Capacity is the next power of two: grow whenever n is one (or 0). */
    size_t n = l->n;
    if ((n & (n - 1)) == 0) {
        size_t cap = n ? hc_mul_size(n, 2) : 1;
        struct hc_release **v =
            hc_arena_realloc(a, l->v, n * sizeof *v, hc_mul_size(cap, sizeof *v));
        if (!v)
            return hc_error_nomem(err);
        l->v = v;
    }
    l->v[l->n++] = r;
    return HC_OK;
}

hc_status hc_storage_list_skip(struct hc_arena *a, struct hc_release_list *l, const char *key,
                               const char *reason, struct hc_error *err)
{
    struct hc_storage_skip *s =
        hc_arena_realloc(a, l->skipped, l->nskipped * sizeof *s, (l->nskipped + 1) * sizeof *s);
    if (!s)
        return hc_error_nomem(err);
    l->skipped = s;
    s[l->nskipped].key = hc_arena_strdup(a, key);
    s[l->nskipped].reason = hc_arena_strdup(a, reason);
    if (!s[l->nskipped].key || !s[l->nskipped].reason)
        return hc_error_nomem(err);
    l->nskipped++;
    return HC_OK;
}

static int cmp_rstr(hc_rstr x, hc_rstr y)
{
    size_t n = x.n < y.n ? x.n : y.n;
    int c = n ? memcmp(x.p, y.p, n) : 0;
    if (c)
        return c;
    return x.n < y.n ? -1 : x.n > y.n;
}

static int cmp_release(const void *pa, const void *pb)
{
    const struct hc_release *x = *(struct hc_release *const *)pa;
    const struct hc_release *y = *(struct hc_release *const *)pb;
    int c = cmp_rstr(x->namespace_, y->namespace_);
    if (!c)
        c = cmp_rstr(x->name, y->name);
    if (!c)
        c = x->version < y->version ? -1 : x->version > y->version;
    return c;
}

void hc_storage_list_sort(struct hc_release_list *l)
{
    if (l->n > 1)
        qsort(l->v, l->n, sizeof *l->v, cmp_release);
}

/* ---------------------------------------------------------------- names */

static bool alnum_lower(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* One DNS-1123 label: [a-z0-9]([-a-z0-9]*[a-z0-9])? */
static bool label_ok(const char *s, size_t n)
{
    if (n == 0 || !alnum_lower(s[0]) || !alnum_lower(s[n - 1]))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!alnum_lower(s[i]) && s[i] != '-')
            return false;
    return true;
}

/* Helm's validName: labels joined by dots, at most 53 characters (chartutil.ValidateReleaseName).
 */
bool hc_storage_name_ok(const char *s, size_t n)
{
    if (n == 0 || n > 53)
        return false;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '.') {
            if (!label_ok(s + start, i - start))
                return false;
            start = i + 1;
        }
    }
    return true;
}

bool hc_storage_namespace_ok(const char *s, size_t n)
{
    return n <= 63 && label_ok(s, n);
}

hc_status hc_storage_check_name(const char *name, struct hc_error *err)
{
    if (!name || !hc_storage_name_ok(name, strlen(name)))
        return hc_error_set(err, HC_ERR_INVALID, "release name is invalid: %s", name ? name : "");
    return HC_OK;
}

static hc_status copy_part(hc_rstr s, char out[KEYPART_MAX], const char *what, struct hc_error *err)
{
    if (s.n >= KEYPART_MAX || (s.n && memchr(s.p, '\0', s.n)))
        return hc_error_set(err, HC_ERR_INVALID, "release %s is invalid: %.*s", what,
                            (int)(s.n > 64 ? 64 : s.n), s.p ? s.p : "");
    if (s.n)
        memcpy(out, s.p, s.n);
    out[s.n] = '\0';
    return HC_OK;
}

hc_status hc_storage_record_key(const struct hc_release *r, char ns[KEYPART_MAX],
                                char name[KEYPART_MAX], struct hc_error *err)
{
    hc_status rc = copy_part(r->name, name, "name", err);
    if (rc == HC_OK)
        rc = copy_part(r->namespace_, ns, "namespace", err);
    if (rc == HC_OK && !ns[0])
        strcpy(ns, DEFAULT_NAMESPACE);
    return rc;
}

const char *hc_storage_errno_text(int e)
{
    switch (e) {
    case ENOENT:
        return "no such file or directory";
    case EACCES:
        return "permission denied";
    case EISDIR:
        return "is a directory";
    case ENOTDIR:
        return "not a directory";
    case ENOSPC:
        return "no space left on device";
    case EROFS:
        return "read-only file system";
    case EEXIST:
        return "file exists";
    default:
        return strerror(e);
    }
}

/* ---------------------------------------------------------------- the storage */

static const char *ns_or_default(const char *ns)
{
    return ns && *ns ? ns : DEFAULT_NAMESPACE;
}

static bool status_is(const struct hc_release *r, const char *status)
{
    size_t n = strlen(status);
    return r->info && r->info->status.n == n && memcmp(r->info->status.p, status, n) == 0;
}

hc_status hc_storage_get(struct hc_storage *s, struct hc_arena *a, const char *ns, const char *name,
                         int64_t version, struct hc_release **out, struct hc_error *err)
{
    return s->driver->ops->get(s->driver, a, ns_or_default(ns), name, version, out, err);
}

hc_status hc_storage_history(struct hc_storage *s, struct hc_arena *a, const char *ns,
                             const char *name, struct hc_release_list *out, struct hc_error *err)
{
    struct hc_release_list l = {0};
    hc_status rc = s->driver->ops->history(s->driver, a, ns_or_default(ns), name, &l, err);
    if (rc != HC_OK)
        return rc;
    hc_storage_list_sort(&l);
    *out = l;
    if (l.n == 0)
        return hc_error_set(err, HC_ERR_NOT_FOUND, HC_STORAGE_ERR_NOT_FOUND);
    return HC_OK;
}

hc_status hc_storage_last(struct hc_storage *s, struct hc_arena *a, const char *ns,
                          const char *name, struct hc_release **out, struct hc_error *err)
{
    if (s->driver->ops->revisions) {
        int64_t *v;
        size_t n;
        ns = ns_or_default(ns);
        hc_status rc = s->driver->ops->revisions(s->driver, a, ns, name, &v, &n, err);
        if (rc != HC_OK)
            return rc;
        /* Newest first; one that vanished or cannot be read is skipped, as history would. */
        while (n-- > 0) {
            struct hc_error e;
            hc_error_init(&e);
            rc = s->driver->ops->get(s->driver, a, ns, name, v[n], out, &e);
            if (rc == HC_OK)
                return HC_OK;
            if (rc != HC_ERR_NOT_FOUND && rc != HC_ERR_PARSE) {
                hc_error_move(err, &e);
                return rc;
            }
            hc_error_release(&e);
        }
        return hc_error_set(err, HC_ERR_NOT_FOUND, HC_STORAGE_ERR_NOT_FOUND);
    }
    struct hc_release_list l;
    hc_status rc = hc_storage_history(s, a, ns, name, &l, err);
    if (rc != HC_OK)
        return rc;
    *out = l.v[l.n - 1];
    return HC_OK;
}

/* The newest deployed revision of a sorted history, or NULL. */
static struct hc_release *newest_deployed(const struct hc_release_list *l)
{
    for (size_t i = l->n; i-- > 0;)
        if (status_is(l->v[i], HC_RELEASE_STATUS_DEPLOYED))
            return l->v[i];
    return NULL;
}

hc_status hc_storage_deployed(struct hc_storage *s, struct hc_arena *a, const char *ns,
                              const char *name, struct hc_release **out, struct hc_error *err)
{
    struct hc_release_list l;
    struct hc_error e;
    hc_error_init(&e);
    hc_status rc = hc_storage_history(s, a, ns, name, &l, &e);
    if (rc == HC_ERR_NOT_FOUND) {
        hc_error_release(&e);
        l.n = 0;
    } else if (rc != HC_OK) {
        hc_error_move(err, &e);
        return rc;
    }
    struct hc_release *r = newest_deployed(&l);
    if (!r)
        return hc_error_set(err, HC_ERR_NOT_FOUND, HC_STORAGE_ERR_NO_DEPLOYED_FMT, name);
    *out = r;
    return HC_OK;
}

hc_status hc_storage_list(struct hc_storage *s, struct hc_arena *a, const char *ns,
                          struct hc_release_list *out, struct hc_error *err)
{
    struct hc_release_list l = {0};
    hc_status rc = s->driver->ops->list(s->driver, a, ns && *ns ? ns : NULL, &l, err);
    if (rc != HC_OK)
        return rc;
    hc_storage_list_sort(&l);
    *out = l;
    return HC_OK;
}

/*
 * Storage.removeLeastRecent: walks the history oldest first, marking
 * revisions until only keep would remain, passing over the newest deployed
 * one; then deletes the marked ones in ascending order.  Deletion errors are
 * collected and reported as Helm does ("encountered N deletion errors. First
 * is: ...").
 */
static hc_status prune(struct hc_storage *s, const char *ns, const char *name, size_t keep,
                       struct hc_error *err)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_release_list l;
    struct hc_error e;
    hc_error_init(&e);
    hc_status rc = hc_storage_history(s, &a, ns, name, &l, &e);
    if (rc != HC_OK) {
        /* Nothing stored yet is no reason to stop the create. */
        if (rc == HC_ERR_NOT_FOUND) {
            hc_error_release(&e);
            rc = HC_OK;
        } else {
            hc_error_move(err, &e);
        }
        hc_arena_free(&a);
        return rc;
    }
    if (l.n <= keep) {
        hc_arena_free(&a);
        return HC_OK;
    }
    const struct hc_release *deployed = newest_deployed(&l);
    size_t ndelete = 0;
    for (size_t i = 0; i < l.n; i++) {
        if (l.n - ndelete == keep)
            break;
        if (deployed && l.v[i]->version == deployed->version)
            continue;
        l.v[ndelete++] = l.v[i]; /* compacts the marked ones to the front, in order */
    }
    size_t nerr = 0;
    struct hc_error first;
    hc_error_init(&first);
    for (size_t i = 0; i < ndelete; i++) {
        struct hc_error de;
        hc_error_init(&de);
        hc_status drc = s->driver->ops->remove(s->driver, &a, ns, name, l.v[i]->version, NULL, &de);
        if (drc != HC_OK) {
            if (nerr++ == 0) {
                rc = drc;
                hc_error_move(&first, &de);
            } else {
                hc_error_release(&de);
            }
        }
    }
    if (nerr == 1)
        hc_error_move(err, &first);
    else if (nerr > 1) {
        hc_error_set(err, rc, "encountered %zu deletion errors. First is: %s", nerr,
                     hc_error_msg(&first));
        hc_error_release(&first);
    }
    hc_arena_free(&a);
    return rc;
}

hc_status hc_storage_create(struct hc_storage *s, const struct hc_release *r, struct hc_error *err)
{
    char ns[KEYPART_MAX], name[KEYPART_MAX];
    hc_status rc = hc_storage_record_key(r, ns, name, err);
    if (rc != HC_OK)
        return rc;
    rc = hc_storage_lock(s, ns, name, true, err);
    if (rc != HC_OK)
        return rc;
    if (s->history_max > 0)
        rc = prune(s, ns, name, (size_t)s->history_max - 1, err);
    if (rc == HC_OK)
        rc = s->driver->ops->create(s->driver, ns, r, err);
    hc_storage_unlock(s, ns, name);
    return rc;
}

hc_status hc_storage_update(struct hc_storage *s, const struct hc_release *r, struct hc_error *err)
{
    char ns[KEYPART_MAX], name[KEYPART_MAX];
    hc_status rc = hc_storage_record_key(r, ns, name, err);
    if (rc != HC_OK)
        return rc;
    return s->driver->ops->update(s->driver, ns, r, err);
}

hc_status hc_storage_delete(struct hc_storage *s, struct hc_arena *a, const char *ns,
                            const char *name, int64_t version, struct hc_release **out,
                            struct hc_error *err)
{
    if (out)
        *out = NULL;
    return s->driver->ops->remove(s->driver, a, ns_or_default(ns), name, version, out, err);
}

hc_status hc_storage_lock(struct hc_storage *s, const char *ns, const char *name, bool wait,
                          struct hc_error *err)
{
    if (!s->driver->ops->lock)
        return HC_OK;
    return s->driver->ops->lock(s->driver, ns_or_default(ns), name, wait, err);
}

void hc_storage_unlock(struct hc_storage *s, const char *ns, const char *name)
{
    if (s->driver->ops->unlock)
        s->driver->ops->unlock(s->driver, ns_or_default(ns), name);
}

void hc_storage_driver_free(struct hc_storage_driver *d)
{
    if (d)
        d->ops->free(d);
}
