/*
 * rollback.c - action.Rollback: a new revision copying an earlier one's
 * chart, values, manifest, hooks and notes.
 */
#include <string.h>

#include "action/action_int.h"
#include "base/arena.h"

/* Marks every deployed revision but `keep` superseded (DeployedAll, then recordRelease). */
static hc_status supersede_deployed(const struct hc_action_config *cfg, struct hc_arena *a,
                                    const char *name, int64_t keep, struct hc_error *err)
{
    struct hc_release_list h;
    hc_status rc = hc_storage_history(cfg->store, a, hc_action_ns(cfg), name, &h, err);
    if (rc != HC_OK)
        return rc;
    for (size_t i = 0; i < h.n; i++) {
        struct hc_release *r = h.v[i];
        if (r->version == keep || !r->info ||
            !hc_action_rstr_eq(r->info->status, HC_RELEASE_STATUS_DEPLOYED))
            continue;
        r->info->status = hc_action_rstr(HC_RELEASE_STATUS_SUPERSEDED);
        rc = hc_storage_update(cfg->store, r, err);
        if (rc != HC_OK)
            return rc;
    }
    return HC_OK;
}

static hc_status rollback_locked(const struct hc_action_config *cfg, const char *name,
                                 int64_t revision, bool dry_run, struct hc_arena *a,
                                 struct hc_release **out, struct hc_release **base,
                                 struct hc_error *err)
{
    const char *ns = hc_action_ns(cfg);
    struct hc_release *current;
    hc_status rc = hc_storage_last(cfg->store, a, ns, name, &current, err);
    if (rc != HC_OK)
        return rc;
    if (base && !(*base = hc_action_clone(a, current)))
        return hc_error_nomem(err);
    int64_t target = revision ? revision : current->version - 1;
    struct hc_release *prev;
    struct hc_error gerr;
    hc_error_init(&gerr);
    rc = hc_storage_get(cfg->store, a, ns, name, target, &prev, &gerr);
    if (rc != HC_OK) {
        if (rc == HC_ERR_NOMEM) {
            hc_error_move(err, &gerr);
            return rc;
        }
        hc_error_release(&gerr);
        return hc_error_set(err, HC_ERR_NOT_FOUND, "release has no %lld version",
                            (long long)target);
    }
    struct hc_release *r = hc_arena_zalloc(a, sizeof *r);
    if (!r || !(r->info = hc_arena_zalloc(a, sizeof *r->info)))
        return hc_error_nomem(err);
    r->name = current->name;
    r->namespace_ = current->namespace_.n ? current->namespace_ : hc_action_rstr(ns);
    r->chart = prev->chart;
    r->config = prev->config;
    r->manifest = prev->manifest;
    r->hooks = prev->hooks;
    r->nhooks = prev->nhooks;
    r->version = current->version + 1;
    r->apply_method = current->apply_method.n ? current->apply_method : prev->apply_method;
    r->info->first_deployed = current->info ? current->info->first_deployed : hc_action_clock(cfg);
    r->info->last_deployed = hc_action_clock(cfg);
    if (prev->info)
        r->info->notes = prev->info->notes;
    char *desc = hc_arena_printf(a, HC_RELEASE_DESC_ROLLBACK_FMT, (int)target);
    if (!desc)
        return hc_error_nomem(err);
    rc = hc_action_set_status(a, r, HC_RELEASE_STATUS_PENDING_ROLLBACK, desc, err);
    if (rc != HC_OK)
        return rc;
    *out = r;
    if (dry_run)
        return HC_OK;
    rc = hc_storage_create(cfg->store, r, err);
    if (rc != HC_OK)
        return rc;
    struct hc_error derr;
    hc_error_init(&derr);
    if (hc_action_deploy(cfg, r, &derr) != HC_OK) {
        char *fdesc = hc_arena_printf(a, HC_RELEASE_DESC_ROLLBACK_FAILED_FMT, name,
                                      hc_error_msg(&derr));
        if (fdesc && current->info) { /* helm supersedes the current release first */
            current->info->status = hc_action_rstr(HC_RELEASE_STATUS_SUPERSEDED);
            rc = hc_storage_update(cfg->store, current, err);
            if (rc != HC_OK) {
                hc_error_release(&derr);
                return rc;
            }
        }
        return hc_action_fail(cfg, a, r, fdesc, &derr, err);
    }
    hc_error_release(&derr);
    rc = supersede_deployed(cfg, a, name, r->version, err);
    if (rc != HC_OK)
        return rc;
    r->info->status = hc_action_rstr(HC_RELEASE_STATUS_DEPLOYED);
    return hc_storage_update(cfg->store, r, err);
}

hc_status hc_action_rollback(const struct hc_action_config *cfg, const char *name,
                             int64_t revision, bool dry_run, struct hc_arena *a,
                             struct hc_release **out, struct hc_error *err)
{
    return hc_action_rollback_from(cfg, name, revision, dry_run, a, out, NULL, err);
}

hc_status hc_action_rollback_from(const struct hc_action_config *cfg, const char *name,
                                  int64_t revision, bool dry_run, struct hc_arena *a,
                                  struct hc_release **out, struct hc_release **base,
                                  struct hc_error *err)
{
    *out = NULL;
    if (base)
        *base = NULL;
    hc_status rc = hc_storage_check_name(name, err);
    if (rc != HC_OK)
        return rc;
    if (revision < 0)
        return hc_error_set(err, HC_ERR_INVALID, "invalid release version number %lld",
                            (long long)revision);
    rc = hc_action_lock(cfg, name, err);
    if (rc != HC_OK)
        return rc;
    rc = rollback_locked(cfg, name, revision, dry_run, a, out, base, err);
    hc_action_unlock(cfg, name);
    return rc;
}
