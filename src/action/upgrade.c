/*
 * upgrade.c - action.Upgrade: a new revision of an existing release, built
 * on the "current" one (the deployed, else a failed or superseded last).
 */
#include <string.h>

#include "action/action_int.h"
#include "base/arena.h"
#include "chart/chart.h"

/* Upgrade.reuseValues: the values the new revision records and renders with. */
static hc_status reuse_values(struct hc_arena *a, const struct hc_upgrade_req *req,
                              const struct hc_release *current, struct hc_action_render *render,
                              struct hc_chart **chart_copy, struct hc_error *err)
{
    hc_val cfg = current->config;
    bool have_cfg = cfg.kind == HC_MAP && cfg.u.m && cfg.u.m->len > 0;
    hc_val nv = render->values;
    bool have_new = nv.kind == HC_MAP && nv.u.m && nv.u.m->len > 0;
    if (req->reset_values)
        return HC_OK;
    if (req->reuse_values || req->reset_then_reuse_values) {
        struct hc_map *dst;
        if (have_new) {
            dst = nv.u.m;
        } else {
            dst = hc_map_new(a, 0);
            if (!dst)
                return hc_error_nomem(err);
        }
        if (have_cfg) {
            hc_val c;
            if (hc_val_copy(a, cfg, false, &c) != HC_OK)
                return hc_error_nomem(err);
            hc_status rc = hc_values_merge_tables(a, dst, c.u.m, err);
            if (rc != HC_OK)
                return rc;
        }
        render->values = hc_map_val(dst, HC_GT_MAP);
        if (req->reuse_values) {
            /* the chart renders with the old release's coalesced values as defaults */
            hc_val oldv;
            struct hc_map *m = hc_map_new(a, 0);
            if (!m)
                return hc_error_nomem(err);
            oldv = hc_map_val(m, HC_GT_MAP);
            if (have_cfg) {
                hc_val c;
                if (hc_val_copy(a, cfg, false, &c) != HC_OK)
                    return hc_error_nomem(err);
                oldv = c;
            }
            if (current->chart && current->chart->values.kind == HC_MAP &&
                current->chart->values.u.m) {
                hc_val d;
                if (hc_val_copy(a, current->chart->values, false, &d) != HC_OK)
                    return hc_error_nomem(err);
                hc_status rc = hc_values_merge_tables(a, oldv.u.m, d.u.m, err);
                if (rc != HC_OK)
                    return rc;
            }
            struct hc_chart *c = hc_arena_alloc(a, sizeof *c);
            if (!c)
                return hc_error_nomem(err);
            *c = *render->chart;
            c->values = oldv;
            *chart_copy = c;
            render->chart = c;
        }
        return HC_OK;
    }
    if (!have_new && have_cfg)
        render->values = cfg;
    return HC_OK;
}

/* prepareUpgrade's choice of the last and the current release. */
static hc_status find_current(const struct hc_action_config *cfg, struct hc_arena *a,
                              const char *name, struct hc_release **last,
                              struct hc_release **current, struct hc_error *err)
{
    const char *ns = hc_action_ns(cfg);
    hc_status rc = hc_storage_last(cfg->store, a, ns, name, last, err);
    if (rc == HC_ERR_NOT_FOUND) {
        hc_error_release(err);
        return hc_error_set(err, HC_ERR_NOT_FOUND, HC_STORAGE_ERR_NO_DEPLOYED_FMT, name);
    }
    if (rc != HC_OK)
        return rc;
    hc_rstr st = (*last)->info ? (*last)->info->status : hc_action_rstr("");
    if (hc_action_is_pending(st))
        return hc_error_set(err, HC_ERR_EXISTS, HC_STORAGE_ERR_LOCKED);
    if (hc_action_rstr_eq(st, HC_RELEASE_STATUS_DEPLOYED)) {
        *current = *last;
        return HC_OK;
    }
    rc = hc_storage_deployed(cfg->store, a, ns, name, current, err);
    if (rc == HC_ERR_NOT_FOUND && (hc_action_rstr_eq(st, HC_RELEASE_STATUS_FAILED) ||
                                   hc_action_rstr_eq(st, HC_RELEASE_STATUS_SUPERSEDED))) {
        hc_error_release(err);
        *current = *last;
        return HC_OK;
    }
    return rc;
}

static hc_status upgrade_locked(const struct hc_action_config *cfg,
                                const struct hc_upgrade_req *req, struct hc_arena *a,
                                struct hc_release **out, bool *installed, struct hc_error *err)
{
    if (req->install) {
        /* upgrade --install: install when there is no history or the last is uninstalled */
        struct hc_release *last = NULL;
        struct hc_error lerr;
        hc_error_init(&lerr);
        hc_status rc = hc_storage_last(cfg->store, a, hc_action_ns(cfg), req->name, &last, &lerr);
        bool absent = rc == HC_ERR_NOT_FOUND;
        if (rc != HC_OK && !absent) {
            hc_error_move(err, &lerr);
            return rc;
        }
        hc_error_release(&lerr);
        if (absent || (last->info && hc_action_rstr_eq(last->info->status,
                                                       HC_RELEASE_STATUS_UNINSTALLED))) {
            struct hc_install_req ir = {0};
            ir.name = req->name;
            ir.render = req->render;
            ir.description = req->description;
            ir.dry_run = req->dry_run;
            ir.replace = !absent;
            ir.is_upgrade = true;
            *installed = true;
            return hc_action_install(cfg, &ir, a, out, err);
        }
    }
    struct hc_release *last, *current;
    hc_status rc = find_current(cfg, a, req->name, &last, &current, err);
    if (rc != HC_OK)
        return rc;
    if (req->base_out) {
        /* a copy: the stored base changes status below */
        *req->base_out = hc_action_clone(a, current);
        if (!*req->base_out)
            return hc_error_nomem(err);
    }
    struct hc_action_render render = req->render;
    struct hc_chart *chart_copy = NULL;
    rc = reuse_values(a, req, current, &render, &chart_copy, err);
    if (rc != HC_OK)
        return rc;
    int64_t revision = last->version + 1;
    struct hc_release *r = hc_arena_zalloc(a, sizeof *r);
    if (!r || !(r->info = hc_arena_zalloc(a, sizeof *r->info)))
        return hc_error_nomem(err);
    r->name = hc_action_rstr(hc_arena_strdup(a, req->name));
    r->namespace_ = hc_action_rstr(hc_arena_strdup(a, hc_action_ns(cfg)));
    r->version = revision;
    r->apply_method = current->apply_method.n ? current->apply_method : hc_action_rstr("csa");
    r->info->first_deployed = current->info ? current->info->first_deployed : hc_action_clock(cfg);
    r->info->last_deployed = hc_action_clock(cfg);
    rc = hc_action_render_into(cfg, a, &render, req->name, revision, true, r, err);
    if (rc != HC_OK)
        return rc;
    rc = hc_action_set_status(a, r, HC_RELEASE_STATUS_PENDING_UPGRADE,
                              HC_RELEASE_DESC_UPGRADE_PREPARING, err);
    if (rc != HC_OK)
        return rc;
    if (req->dry_run) {
        *out = r;
        return hc_action_set_status(a, r, HC_RELEASE_STATUS_PENDING_UPGRADE,
                                    HC_RELEASE_DESC_DRY_RUN_COMPLETE, err);
    }
    rc = hc_storage_create(cfg->store, r, err);
    if (rc != HC_OK)
        return rc;
    *out = r;
    struct hc_error derr;
    hc_error_init(&derr);
    if (hc_action_deploy(cfg, r, &derr) != HC_OK)
        return hc_action_fail(cfg, a, r,
                              hc_arena_printf(a, HC_RELEASE_DESC_UPGRADE_FAILED_FMT, req->name,
                                              hc_error_msg(&derr)),
                              &derr, err);
    hc_error_release(&derr);
    /* helm changes only the status: the description stays */
    if (!current->info && !(current->info = hc_arena_zalloc(a, sizeof *current->info)))
        return hc_error_nomem(err);
    current->info->status = hc_action_rstr(HC_RELEASE_STATUS_SUPERSEDED);
    rc = hc_storage_update(cfg->store, current, err);
    if (rc != HC_OK)
        return rc;
    const char *desc = req->description && *req->description ? req->description
                                                               : HC_RELEASE_DESC_UPGRADE_COMPLETE;
    rc = hc_action_set_status(a, r, HC_RELEASE_STATUS_DEPLOYED, desc, err);
    if (rc == HC_OK)
        rc = hc_storage_update(cfg->store, r, err);
    return rc;
}

hc_status hc_action_upgrade(const struct hc_action_config *cfg, const struct hc_upgrade_req *req,
                            struct hc_arena *a, struct hc_release **out, bool *installed,
                            struct hc_error *err)
{
    *out = NULL;
    *installed = false;
    hc_status rc = hc_storage_check_name(req->name, err);
    if (rc != HC_OK)
        return rc;
    rc = hc_action_lock(cfg, req->name, err);
    if (rc != HC_OK)
        return rc;
    rc = upgrade_locked(cfg, req, a, out, installed, err);
    hc_action_unlock(cfg, req->name);
    return rc;
}
