/*
 * install.c - action.Install: a new release, revision 1 (or last+1 over an
 * uninstalled or failed release with --replace, or for upgrade --install).
 */
#include <string.h>

#include "action/action_int.h"
#include "base/arena.h"

/* availableName: the name is free, or --replace may take it over. */
static hc_status available_name(const struct hc_action_config *cfg, struct hc_arena *a,
                                const struct hc_install_req *req, struct hc_release **last,
                                struct hc_error *err)
{
    *last = NULL;
    struct hc_error lerr;
    hc_error_init(&lerr);
    hc_status rc = hc_storage_last(cfg->store, a, hc_action_ns(cfg), req->name, last, &lerr);
    if (rc == HC_ERR_NOT_FOUND) {
        hc_error_release(&lerr);
        *last = NULL;
        return HC_OK;
    }
    if (rc != HC_OK) {
        hc_error_move(err, &lerr);
        return rc;
    }
    hc_error_release(&lerr);
    if (req->is_upgrade && *last &&
        (*last)->info && hc_action_rstr_eq((*last)->info->status, HC_RELEASE_STATUS_UNINSTALLED))
        return HC_OK;
    hc_rstr st = (*last)->info ? (*last)->info->status : hc_action_rstr("");
    if (req->replace && (hc_action_rstr_eq(st, HC_RELEASE_STATUS_UNINSTALLED) ||
                         hc_action_rstr_eq(st, HC_RELEASE_STATUS_FAILED)))
        return HC_OK;
    return hc_error_set(err, HC_ERR_EXISTS,
                        "release name check failed: cannot reuse a name that is still in use");
}

static hc_status install_locked(const struct hc_action_config *cfg,
                                const struct hc_install_req *req, struct hc_arena *a,
                                struct hc_release **out, struct hc_error *err)
{
    struct hc_release *last;
    hc_status rc = available_name(cfg, a, req, &last, err);
    if (rc != HC_OK)
        return rc;
    struct hc_release *r = hc_arena_zalloc(a, sizeof *r);
    if (!r || !(r->info = hc_arena_zalloc(a, sizeof *r->info)))
        return hc_error_nomem(err);
    struct hc_stamp now = hc_action_clock(cfg);
    r->name = hc_action_rstr(hc_arena_strdup(a, req->name));
    r->namespace_ = hc_action_rstr(hc_arena_strdup(a, hc_action_ns(cfg)));
    r->info->first_deployed = now;
    r->info->last_deployed = now;
    r->info->status = hc_action_rstr(HC_RELEASE_STATUS_UNKNOWN);
    r->version = 1;
    r->apply_method = hc_action_rstr("ssa");
    /* helm renders with revision 1 even when --replace records last+1 */
    rc = hc_action_render_into(cfg, a, &req->render, req->name, 1, false, r, err);
    if (rc != HC_OK)
        return rc;
    if (req->dry_run) {
        *out = r;
        return hc_action_set_status(a, r, HC_RELEASE_STATUS_PENDING_INSTALL,
                                    HC_RELEASE_DESC_DRY_RUN_COMPLETE, err);
    }
    if (last) {
        /* replaceRelease: the old last one is superseded unless it failed */
        r->version = last->version + 1;
        if (last->info && !hc_action_rstr_eq(last->info->status, HC_RELEASE_STATUS_FAILED)) {
            rc = hc_action_set_status(a, last, HC_RELEASE_STATUS_SUPERSEDED,
                                      HC_RELEASE_DESC_SUPERSEDED, err);
            if (rc == HC_OK)
                rc = hc_storage_update(cfg->store, last, err);
            if (rc != HC_OK)
                return rc;
        }
    }
    rc = hc_action_set_status(a, r, HC_RELEASE_STATUS_PENDING_INSTALL,
                              HC_RELEASE_DESC_INSTALL_UNDERWAY, err);
    if (rc != HC_OK)
        return rc;
    /* install never prunes */
    struct hc_storage store = *cfg->store;
    store.history_max = 0;
    rc = hc_storage_create(&store, r, err);
    if (rc != HC_OK)
        return rc;
    *out = r;
    struct hc_error derr;
    hc_error_init(&derr);
    if (hc_action_deploy(cfg, r, &derr) != HC_OK)
        return hc_action_fail(cfg, a, r,
                              hc_arena_printf(a, HC_RELEASE_DESC_INSTALL_FAILED_FMT, req->name,
                                              hc_error_msg(&derr)),
                              &derr, err);
    hc_error_release(&derr);
    const char *desc = req->description && *req->description ? req->description
                                                               : HC_RELEASE_DESC_INSTALL_COMPLETE;
    rc = hc_action_set_status(a, r, HC_RELEASE_STATUS_DEPLOYED, desc, err);
    if (rc == HC_OK)
        rc = hc_storage_update(cfg->store, r, err);
    return rc;
}

hc_status hc_action_install(const struct hc_action_config *cfg, const struct hc_install_req *req,
                            struct hc_arena *a, struct hc_release **out, struct hc_error *err)
{
    *out = NULL;
    struct hc_error nerr;
    hc_error_init(&nerr);
    if (hc_storage_check_name(req->name, &nerr) != HC_OK) {
        hc_error_release(&nerr);
        return hc_error_set(err, HC_ERR_INVALID,
                            "release name check failed: release name \"%s\": " HC_ACTION_BAD_NAME,
                            req->name);
    }
    if (req->dry_run) {
        /* a dry run skips the name check and renders against an empty storage */
        hc_status rc;
        struct hc_action_config dry = *cfg;
        /* the dry run's own empty storage: only the name check saw the real one */
        struct hc_storage_driver *mem;
        rc = hc_storage_memory_new(&mem, err);
        if (rc != HC_OK)
            return rc;
        struct hc_storage st = {mem, 0};
        dry.store = &st;
        dry.deploy = NULL;
        rc = install_locked(&dry, req, a, out, err);
        hc_storage_driver_free(mem);
        return rc;
    }
    hc_status rc = hc_action_lock(cfg, req->name, err);
    if (rc != HC_OK)
        return rc;
    rc = install_locked(cfg, req, a, out, err);
    hc_action_unlock(cfg, req->name);
    return rc;
}
