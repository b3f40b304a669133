/*
 * action.h - the release actions: install, upgrade, rollback, uninstall, and
 * the read-only history, get (status) and list.
 *
 * Mirrors helm's pkg/action without a cluster: each action renders (through
 * the same engine as `helmc template`), records revisions in a storage with
 * helm's statuses, descriptions and revision numbers, and hands the manifest
 * to an optional deploy callback in place of applying it to Kubernetes.  The
 * callback's failure is recorded as helm records a failed apply.
 *
 * install, upgrade, rollback and uninstall hold the release's storage lock
 * for their whole read-modify-write, so two concurrent actions on one release
 * cannot both build on the same last revision.
 *
 * Ownership: records handed back live in the arena the caller passes; the
 * chart is only read.
 */
#ifndef HELMC_ACTION_H
#define HELMC_ACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "helmc/error.h"
#include "helmc/release.h"
#include "helmc/storage.h"
#include "helmc/value.h"

struct hc_arena;
struct hc_chart;

/*
 * Applies a revision's manifest in helm's place.  HC_OK: the revision is
 * deployed; an error: it is recorded failed with err's message in helm's
 * failure description.
 */
typedef hc_status hc_action_deploy_fn(void *ctx, const struct hc_release *r,
                                      struct hc_error *err);

struct hc_action_config {
    struct hc_storage *store; /* borrowed; its history_max applies to upgrade and rollback */
    const char *namespace_;   /* "" or NULL: "default" */
    hc_action_deploy_fn *deploy; /* NULL: every revision deploys */
    void *deploy_ctx;
    /* The clock (tests fix it); NULL: the system's, in the local zone. */
    struct hc_stamp (*now)(void *ctx);
    void *now_ctx;
};

/* The current time with the local zone's offset, as Go's time.Now(). */
struct hc_stamp hc_action_now(void);

/* What to render (the chart and the render knobs install and upgrade share). */
struct hc_action_render {
    const struct hc_chart *chart;
    hc_val values;            /* the user-supplied values (-f, --set): a map or nil */
    const char *kube_version; /* NULL: helm's default */
    const char *const *api_versions;
    size_t napi_versions;
    bool skip_schema_validation;
};

struct hc_install_req {
    const char *name;
    struct hc_action_render render;
    const char *description; /* NULL or "": "Install complete" */
    bool dry_run;            /* render and describe, store nothing */
    bool replace;            /* --replace: reuse the name of an uninstalled or failed release */
    bool is_upgrade;         /* installing for `upgrade --install` (no name-in-use check) */
};

/*
 * action.Install.Run.  HC_OK with *out the deployed (or dry-run) record.  A
 * render error returns before anything is stored.  A deploy failure stores
 * the revision failed ("Release \"NAME\" failed: ERR") and returns the error
 * with *out set to that record.  Name checks: "release name is invalid" and
 * "cannot re-use a name that is still in use".
 */
hc_status hc_action_install(const struct hc_action_config *cfg, const struct hc_install_req *req,
                            struct hc_arena *a, struct hc_release **out, struct hc_error *err);

struct hc_upgrade_req {
    const char *name;
    struct hc_action_render render;
    const char *description; /* NULL or "": "Upgrade complete" */
    bool dry_run;
    bool install; /* --install: install when the release does not exist */
    bool reuse_values, reset_values, reset_then_reuse_values;
    /* Optional: set to the release the upgrade built on (helm's "current"), in a. */
    struct hc_release **base_out;
};

/*
 * action.Upgrade.Run.  The base is the last revision when deployed, else the
 * newest deployed one, else a failed or superseded last one; none gives
 * "\"NAME\" has no deployed releases".  A pending last revision gives
 * "another operation (install/upgrade/rollback) is in progress".  The new
 * revision is last+1 (pruned first to the storage's history_max); on
 * success the base and every other deployed revision become superseded, on
 * a deploy failure the new one is failed ("Upgrade \"NAME\" failed: ERR")
 * and the base stays as it was.  *installed is set when --install installed.
 */
hc_status hc_action_upgrade(const struct hc_action_config *cfg, const struct hc_upgrade_req *req,
                            struct hc_arena *a, struct hc_release **out, bool *installed,
                            struct hc_error *err);

/*
 * action.Rollback.Run: revision 0 means the one before the last.  The new
 * revision copies the target's chart, values, manifest, hooks and notes,
 * described "Rollback to N".  "release has no N version" when the target is
 * absent.  dry_run checks and builds without storing.
 */
hc_status hc_action_rollback(const struct hc_action_config *cfg, const char *name,
                             int64_t revision, bool dry_run, struct hc_arena *a,
                             struct hc_release **out, struct hc_error *err);

/* hc_action_rollback, also handing back the last revision it rolled back from (*base). */
hc_status hc_action_rollback_from(const struct hc_action_config *cfg, const char *name,
                                  int64_t revision, bool dry_run, struct hc_arena *a,
                                  struct hc_release **out, struct hc_release **base,
                                  struct hc_error *err);

/*
 * action.Uninstall.Run.  keep_history: the last revision becomes
 * "uninstalled" ("Uninstallation complete" or description) and other
 * deployed ones superseded; else every revision is deleted.  *out gets the
 * release as it was finally recorded.  Errors: "release: not found", and
 * with keep_history "the release named \"NAME\" is already deleted".
 */
hc_status hc_action_uninstall(const struct hc_action_config *cfg, const char *name,
                              bool keep_history, const char *description, bool dry_run,
                              struct hc_arena *a, struct hc_release **out, struct hc_error *err);

/*
 * One revision of a release (0: the last), for status and get.  Checks the
 * name as helm does.
 */
hc_status hc_action_get(const struct hc_action_config *cfg, const char *name, int64_t revision,
                        struct hc_arena *a, struct hc_release **out, struct hc_error *err);

/* The newest max (<= 0: all) revisions of a release, oldest first (action.History). */
hc_status hc_action_history(const struct hc_action_config *cfg, const char *name, int64_t max,
                            struct hc_arena *a, struct hc_release_list *out,
                            struct hc_error *err);

/* Which statuses `list` shows (action.ListStates); 0 means every status. */
enum {
    HC_LIST_DEPLOYED = 1 << 0,
    HC_LIST_UNINSTALLED = 1 << 1,
    HC_LIST_UNINSTALLING = 1 << 2,
    HC_LIST_PENDING = 1 << 3,
    HC_LIST_FAILED = 1 << 4,
    HC_LIST_SUPERSEDED = 1 << 5,
    HC_LIST_UNKNOWN = 1 << 6,
};

enum hc_list_sort { HC_LIST_BY_NAME, HC_LIST_BY_DATE };

struct hc_list_req {
    bool all_namespaces;
    unsigned states; /* HC_LIST_*; 0: all */
    const char *filter; /* a PCRE2 pattern the name must match, or NULL */
    enum hc_list_sort sort;
    bool reverse;
    int64_t limit, offset; /* limit 0: no limit */
};

/*
 * action.List.Run: the latest revision of each release, filtered by status
 * and name, sorted by name (or by last-deployed date), reversed, then cut to
 * offset and limit.  A bad filter: "invalid regular expression ...".
 */
hc_status hc_action_list(const struct hc_action_config *cfg, const struct hc_list_req *req,
                         struct hc_arena *a, struct hc_release_list *out, struct hc_error *err);

#endif
