/*
 * storage.h - where release records live: drivers and the storage on top.
 *
 * Mirrors Helm's pkg/storage (Storage: history, last, deployed, pruning on
 * create) and pkg/storage/driver (Driver: get, query, list, create, update,
 * delete).  Three drivers:
 *
 *   file    one file per revision under a data home (docs/internals/storage.md),
 *           holding the body Helm's Secret driver stores (base64(gzip(json))),
 *           written atomically, with a per-release lock across processes;
 *   memory  records in this process only, loaded as HELM_MEMORY_DRIVER_DATA does;
 *   sql     rows in PostgreSQL, in Helm's own tables (releases_v1), shared with Helm.
 *
 * Errors carry Helm's texts: HC_ERR_NOT_FOUND "release: not found" (and
 * "\"NAME\" has no deployed releases"), HC_ERR_EXISTS "release: already exists".
 * Records handed back are decoded afresh into the caller's arena: the caller
 * may change them, and they stay valid after the driver is freed.  Records
 * handed in are only read during the call.
 *
 * A driver handle serves one thread at a time; processes share a file
 * driver's data home safely through its locks.
 *
 * Namespaces: every call names one ("" or NULL means "default", as Helm puts
 * records without a namespace there); hc_storage_list with a NULL namespace
 * lists every namespace.  The library reads no environment: the caller passes
 * HELMC_DATA_HOME and friends to hc_storage_data_home, and the value of
 * HELM_MEMORY_DRIVER_DATA to hc_storage_memory_load.
 */
#ifndef HELMC_STORAGE_H
#define HELMC_STORAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "helmc/error.h"
#include "helmc/release.h"

struct hc_arena;
struct hc_buf;

/* Helm's error texts (pkg/storage/driver/driver.go). */
#define HC_STORAGE_ERR_NOT_FOUND       "release: not found"
#define HC_STORAGE_ERR_EXISTS          "release: already exists"
#define HC_STORAGE_ERR_NO_DEPLOYED_FMT "\"%s\" has no deployed releases" /* release name */
/* What a no-wait lock reports when another process holds it (Helm's pending-check text). */
#define HC_STORAGE_ERR_LOCKED "another operation (install/upgrade/rollback) is in progress"

/* Helm's --history-max default (upgrade and rollback); 0 means no limit. */
#define HC_STORAGE_DEFAULT_HISTORY_MAX 10

/* A record a query could not read: skipped, as Helm skips it, and reported here. */
struct hc_storage_skip {
    const char *key;    /* the storage key, e.g. sh.helm.release.v1.r.v3 */
    const char *reason; /* why, e.g. "illegal base64 data at input byte 3" */
};

/* Records found by a query, in the caller's arena. */
struct hc_release_list {
    struct hc_release **v; /* ascending by (namespace, name, revision) */
    size_t n;
    struct hc_storage_skip *skipped; /* unreadable records, not in v */
    size_t nskipped;
};

struct hc_storage_driver;

/*
 * A driver's operations, as Helm's driver.Driver.  ns is never NULL here
 * ("default" already filled in) except in list.  Names and namespaces are
 * checked by the storage before they reach a driver.
 */
struct hc_storage_driver_ops {
    const char *name; /* "File", "Memory" (Driver.Name) */
    /* One revision; HC_ERR_NOT_FOUND when absent, HC_ERR_PARSE when unreadable. */
    hc_status (*get)(struct hc_storage_driver *d, struct hc_arena *a, const char *ns,
                     const char *name, int64_t version, struct hc_release **out,
                     struct hc_error *err);
    /* Every revision of a release (none is not an error: the storage decides). */
    hc_status (*history)(struct hc_storage_driver *d, struct hc_arena *a, const char *ns,
                         const char *name, struct hc_release_list *out, struct hc_error *err);
    /* Every revision of every release of ns (NULL: all namespaces). */
    hc_status (*list)(struct hc_storage_driver *d, struct hc_arena *a, const char *ns,
                      struct hc_release_list *out, struct hc_error *err);
    /* Stores a new revision; HC_ERR_EXISTS when the key is taken. */
    hc_status (*create)(struct hc_storage_driver *d, const char *ns, const struct hc_release *r,
                        struct hc_error *err);
    /* Replaces a revision; HC_ERR_NOT_FOUND when absent. */
    hc_status (*update)(struct hc_storage_driver *d, const char *ns, const struct hc_release *r,
                        struct hc_error *err);
    /*
     * Removes a revision, handing it back in a when out is not NULL (NULL
     * there when the record could not be read: it is removed all the same).
     * HC_ERR_NOT_FOUND when absent.
     */
    hc_status (*remove)(struct hc_storage_driver *d, struct hc_arena *a, const char *ns,
                        const char *name, int64_t version, struct hc_release **out,
                        struct hc_error *err);
    /*
     * Takes the release's lock (reentrant within one driver handle); waits when
     * wait, else HC_ERR_EXISTS HC_STORAGE_ERR_LOCKED.  NULL: the driver needs none.
     */
    hc_status (*lock)(struct hc_storage_driver *d, const char *ns, const char *name, bool wait,
                      struct hc_error *err);
    void (*unlock)(struct hc_storage_driver *d, const char *ns, const char *name);
    void (*free)(struct hc_storage_driver *d);
    /*
     * The revision numbers stored for a release, ascending, in a, without
     * decoding any record (Helm's labels): lets hc_storage_last read one
     * record instead of all.  NULL: the storage falls back on history.
     */
    hc_status (*revisions)(struct hc_storage_driver *d, struct hc_arena *a, const char *ns,
                           const char *name, int64_t **out, size_t *n, struct hc_error *err);
};

struct hc_storage_driver {
    const struct hc_storage_driver_ops *ops;
};

/* ---- drivers ---- */

/*
 * The data home: helmc_data_home when set and non-empty, else
 * xdg_data_home/helmc, else home/.local/share/helmc (the arguments are the
 * values of HELMC_DATA_HOME, XDG_DATA_HOME and HOME, or NULL).  Appends the
 * path to out; HC_ERR_INVALID when none is usable (a relative XDG_DATA_HOME
 * is ignored, as the XDG spec says).
 */
hc_status hc_storage_data_home(struct hc_buf *out, const char *helmc_data_home,
                               const char *xdg_data_home, const char *home, struct hc_error *err);

/*
 * A file driver rooted at data_home (created on the first write).  *out is
 * freed with hc_storage_driver_free.  HC_ERR_NOMEM only.
 */
hc_status hc_storage_file_new(const char *data_home, struct hc_storage_driver **out,
                              struct hc_error *err);

/* An empty memory driver. */
hc_status hc_storage_memory_new(struct hc_storage_driver **out, struct hc_error *err);

/*
 * Loads HELM_MEMORY_DRIVER_DATA into a memory driver as Helm does: paths is
 * split on ':'; each file is YAML (or JSON) holding a list of records, each
 * stored under its name and version in its namespace ("default" when empty),
 * without pruning.  Errors are Helm's: "Unable to read memory driver
 * dataopen PATH: no such file or directory" (an empty paths opens ""),
 * "Unable to unmarshal memory driver data: error unmarshaling JSON: ...",
 * "release: already exists" for a duplicate.  Records loaded before an error
 * stay loaded.
 */
hc_status hc_storage_memory_load(struct hc_storage_driver *d, const char *paths,
                                 struct hc_error *err);

/*
 * Reads one HELM_MEMORY_DRIVER_DATA file's text into records in a (what
 * hc_storage_memory_load does per file).  For tests and fuzzing.
 */
hc_status hc_storage_memory_parse(struct hc_arena *a, const char *text, size_t len,
                                  struct hc_release_list *out, struct hc_error *err);

/*
 * A SQL driver on the PostgreSQL database conn_string names (a libpq URI or
 * key=value string: Helm's HELM_DRIVER_SQL_CONNECTION_STRING).  As Helm's
 * lib/pq, sslmode defaults to "require" when the string (or PGSSLMODE) sets
 * none.  Creates Helm's tables and gorp_migrations rows when they are missing
 * (docs/internals/storage.md).  HC_ERR_IO with one line when the connection
 * or the setup fails, lib/pq's "pq: ..." text for what the server reports
 * (e.g. "pq: database "x" does not exist"), never the password;
 * HC_ERR_NOMEM.  *out is freed with hc_storage_driver_free, which closes the
 * connection (and so drops its locks).
 */
hc_status hc_storage_sql_new(const char *conn_string, struct hc_storage_driver **out,
                             struct hc_error *err);

void hc_storage_driver_free(struct hc_storage_driver *d);

/* ---- the storage (pkg/storage.Storage) ---- */

struct hc_storage {
    struct hc_storage_driver *driver; /* borrowed */
    int history_max; /* prune on create to keep this many (with the new one); <= 0: no limit */
};

/* Checks a release name as Helm does: "release name is invalid: NAME" (HC_ERR_INVALID). */
hc_status hc_storage_check_name(const char *name, struct hc_error *err);

/* One revision (Storage.Get).  HC_ERR_NOT_FOUND "release: not found". */
hc_status hc_storage_get(struct hc_storage *s, struct hc_arena *a, const char *ns, const char *name,
                         int64_t version, struct hc_release **out, struct hc_error *err);

/*
 * Every revision of a release, ascending (Storage.History); HC_ERR_NOT_FOUND
 * "release: not found" when there is none.  Unreadable records are skipped
 * and listed in out->skipped.
 */
hc_status hc_storage_history(struct hc_storage *s, struct hc_arena *a, const char *ns,
                             const char *name, struct hc_release_list *out, struct hc_error *err);

/*
 * The highest revision whatever its status (Storage.Last); an unreadable
 * newest record is passed over for the next one, as history skips it.
 * Decodes only the record it returns when the driver lists revisions.
 */
hc_status hc_storage_last(struct hc_storage *s, struct hc_arena *a, const char *ns,
                          const char *name, struct hc_release **out, struct hc_error *err);

/*
 * The highest deployed revision (Storage.Deployed); HC_ERR_NOT_FOUND
 * "\"NAME\" has no deployed releases" when none is.
 */
hc_status hc_storage_deployed(struct hc_storage *s, struct hc_arena *a, const char *ns,
                              const char *name, struct hc_release **out, struct hc_error *err);

/* Every revision of every release in ns (NULL: all namespaces), for `list`. */
hc_status hc_storage_list(struct hc_storage *s, struct hc_arena *a, const char *ns,
                          struct hc_release_list *out, struct hc_error *err);

/*
 * Stores a new revision (Storage.Create).  When history_max > 0 it first
 * prunes the release to history_max - 1 revisions, as Helm does: oldest
 * first, never the newest deployed one (see docs/internals/storage.md).
 * The record's namespace ("default" when empty) chooses the namespace.
 * HC_ERR_EXISTS when the revision exists.  Takes the release lock for the
 * duration (reentrant: fine when the caller holds it already).
 */
hc_status hc_storage_create(struct hc_storage *s, const struct hc_release *r, struct hc_error *err);

/* Replaces a stored revision (Storage.Update); HC_ERR_NOT_FOUND when absent. */
hc_status hc_storage_update(struct hc_storage *s, const struct hc_release *r, struct hc_error *err);

/* Removes a revision (Storage.Delete); out (may be NULL) gets it, NULL if unreadable. */
hc_status hc_storage_delete(struct hc_storage *s, struct hc_arena *a, const char *ns,
                            const char *name, int64_t version, struct hc_release **out,
                            struct hc_error *err);

/*
 * Holds the release's lock, so a read-modify-write (read the last revision,
 * create the next, update the old) cannot interleave with another process's.
 * Waits when wait; otherwise HC_ERR_EXISTS HC_STORAGE_ERR_LOCKED.  Every
 * successful lock needs one hc_storage_unlock.  The lock dies with the
 * process, so a killed helmc never leaves a release locked.
 */
hc_status hc_storage_lock(struct hc_storage *s, const char *ns, const char *name, bool wait,
                          struct hc_error *err);
void hc_storage_unlock(struct hc_storage *s, const char *ns, const char *name);

#endif
